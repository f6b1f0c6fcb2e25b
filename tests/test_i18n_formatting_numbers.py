"""Issue 15: numbers are formatted without Babel's date module (and its time zone lookup),
with the same locale data and the same output as Babel's own locales."""

from __future__ import annotations

import subprocess
import sys

import pytest

from crmselect.i18n import formatting
from crmselect.i18n.formatting import decimal, format_money, format_number, format_percent

VALUES = (0, 7, -0.5, 12.5, 999.995, 1234.5, 1_234_567.891, -12_500_000, 1e-9, 1e15, 1e300)


def _plain(value: object) -> object:
    """Locale data with Babel's pattern objects compared by their fields."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(item) for item in value)
    if hasattr(value, "__dict__"):
        return _plain(vars(value))
    if hasattr(value, "__slots__"):  # Babel's plural rules
        return tuple(_plain(getattr(value, name, None)) for name in value.__slots__)
    return value


def test_numbers_are_formatted_without_babels_date_module():
    code = (
        "import sys\n"
        "from crmselect.i18n.formatting import format_money, format_number, format_percent\n"
        "print(format_number(1234567.5, 'tr', 2), format_money(12_500_000, 'TRY', 'tr'),\n"
        "      format_percent(0.35, 'en'), format_number(-2.5, 'en', 1))\n"
        "print(sorted(m for m in ('babel.dates', 'babel.localtime', 'pytz') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert out == ["1.234.567,50 12.500.000 TL 35% -2.5", "[]"]


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_number_locale_data_is_babels_own(lang):
    from babel import localedata

    code = formatting._locale(lang)
    ours = formatting._read_number_locale(code)
    assert str(ours) == code
    import babel.dates  # noqa: F401 - Babel's own data refers to its date patterns

    assert _plain(dict(ours._data.base)) == _plain(dict(localedata.load(code)))


def _rows(lang: str) -> list[tuple[str, ...]]:
    return [(format_number(v, lang, d), decimal(v, lang), format_money(v, "EUR", lang),
             format_percent(v, lang, 1)) for v in VALUES for d in (0, 2)]


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_number_output_is_the_same_as_with_babels_own_locale(lang, monkeypatch):
    number_locale = formatting._read_number_locale(formatting._locale(lang))
    monkeypatch.setattr(formatting, "_symbols",
                        lambda _lang: number_locale.number_symbols["latn"])
    ours = _rows(lang)
    monkeypatch.undo()
    import babel.dates  # noqa: F401 - Babel's own locale data from here on
    assert ours == _rows(lang)
    assert ours[VALUES.index(1234.5) * 2 + 1][0] == {"en": "1,234.50", "tr": "1.234,50"}[lang]


def test_once_babels_date_module_is_loaded_its_own_locale_data_is_used(monkeypatch):
    import babel.dates  # noqa: F401 - a document or the web form formats dates too

    def refuse(code):
        raise AssertionError(code)

    monkeypatch.setattr(formatting, "_number_tables", refuse)
    monkeypatch.setattr(formatting, "_SYMBOLS", {})
    assert formatting._symbols("tr")["decimal"] == ","
    assert format_number(1234.5, "tr", 2) == "1.234,50"


def test_with_babels_date_module_the_locale_is_parsed_once_per_language(monkeypatch):
    """A document formats thousands of numbers: Babel's locale is looked up once, not per
    number (``Locale.parse`` builds a new locale at every call)."""
    import babel
    import babel.dates  # noqa: F401 - as in a document

    calls = []
    parse = babel.Locale.parse

    def counting(code, *args, **kwargs):
        calls.append(code)
        return parse(code, *args, **kwargs)

    monkeypatch.setattr(babel.Locale, "parse", counting)
    monkeypatch.setattr(formatting, "_SYMBOLS", {})
    texts = [format_number(v, lang, 2) for v in (1234.5, -7.25, 1e6) for lang in ("tr", "en")]
    assert texts == ["1.234,50", "1,234.50", "-7,25", "-7.25", "1.000.000,00", "1,000,000.00"]
    assert sorted(calls) == ["en_GB", "tr_TR"]
    assert decimal(2.5, "tr") == "2,5" and sorted(calls) == ["en_GB", "tr_TR"]


def test_with_babels_date_module_the_symbols_are_kept_as_a_plain_dict(monkeypatch):
    import babel.dates  # noqa: F401 - as in a document
    from babel import Locale

    monkeypatch.setattr(formatting, "_SYMBOLS", {})
    symbols = formatting._symbols("tr")
    assert type(symbols) is dict  # not Babel's LocaleDataDict, read through Python per key
    assert symbols == dict(Locale.parse("tr_TR").number_symbols["latn"])
    assert format_number(-1234.5, "tr", 1) == "-1.234,5"
