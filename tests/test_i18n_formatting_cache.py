"""Issue 15: formatting numbers reads only Babel's number symbols, kept in the cache of bundled
data, and the number patterns are parsed once; the output is Babel's own, byte for byte."""

from __future__ import annotations

import math
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crmselect.i18n import formatting
from crmselect.i18n.formatting import amount, decimal, format_money, format_number, format_percent

_FORMAT = (
    "import sys\n"
    "from crmselect.i18n import formatting as f\n"
    "if sys.argv[1] == 'no-read':\n"
    "    def refuse(code):\n"
    "        raise AssertionError('read ' + code)\n"
    "    f._read_number_locale = refuse\n"
    "print(f.format_number(1234567.5, 'tr', 2), f.format_money(12_500_000, 'TRY', 'tr'),\n"
    "      f.format_percent(0.355, 'tr', 1), f.decimal(-2.5, 'en'), f.format_number(1e6, 'en'))\n"
    "print(sorted(m for m in ('babel.dates', 'pytz') if m in sys.modules))\n"
)
_EXPECTED = ["1.234.567,50 12.500.000 TL %35,5 -2.5 1,000,000", "[]"]


def _run(cache: str, mode: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CRMSELECT_CACHE_DIR": cache}
    return subprocess.run([sys.executable, "-c", _FORMAT, mode], capture_output=True, text=True,
                          env=env, timeout=120)


def test_the_number_symbols_come_from_the_cache_once_it_is_filled(tmp_path: Path) -> None:
    cache = str(tmp_path / "cache")
    refused = _run(cache, "no-read")  # an empty cache: the locale files are read
    assert refused.returncode != 0 and "AssertionError: read tr_TR" in refused.stderr
    first = _run(cache)
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines() == _EXPECTED
    second = _run(cache, "no-read")  # filled: Babel's locale files are not read again
    assert second.returncode == 0, second.stderr
    assert second.stdout.splitlines() == _EXPECTED


def test_without_the_cache_the_locale_files_are_read(tmp_path: Path) -> None:
    result = _run("off")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == _EXPECTED
    assert _run("off", "no-read").returncode != 0


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_the_cached_symbols_are_babels_own(lang: str) -> None:
    from babel import Locale

    code = formatting._locale(lang)
    tables = formatting._number_tables(code)
    babel_locale = Locale.parse(code)
    assert tables["number_symbols"]["latn"] == dict(babel_locale.number_symbols["latn"])
    assert tables["default_numbering_system"] == babel_locale.default_numbering_system


def test_a_number_pattern_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import babel.numbers

    parsed = []
    original = babel.numbers.parse_pattern

    def counting(pattern: str) -> object:
        parsed.append(pattern)
        return original(pattern)

    monkeypatch.setattr(babel.numbers, "parse_pattern", counting)
    formatting._pattern.cache_clear()
    for value in (1, 2.5, 1234.5, -7):
        format_number(value, "tr", 2)
        format_number(value, "en", 2)
    assert parsed == ["#,##0.00"]


def _babel(value: float, lang: str, pattern: str) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, format=pattern, locale=formatting._locale(lang))


NUMBERS = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e20, max_value=1e20),
    st.integers(min_value=-10**15, max_value=10**15),
    st.sampled_from([0.0, -0.0, 0.5, 1.5, 2.5, -0.5, 0.005, 0.015, 2.675, 999.995, 1e-9,
                     -1e-9, 1234.5, 12_500_000, 1e15, 0.125, 1.0005]),
)


@given(value=NUMBERS, digits=st.integers(min_value=0, max_value=4),
       lang=st.sampled_from(["en", "tr"]))
def test_numbers_read_as_babel_writes_them(value: float, digits: int, lang: str) -> None:
    fixed = "#,##0" + ("." + "0" * digits if digits else "")
    upto = "#,##0" + ("." + "#" * digits if digits else "")
    assert format_number(value, lang, digits) == _babel(value, lang, fixed)
    assert decimal(value, lang, digits) == _babel(value, lang, upto)
    assert format_percent(value, lang, digits).strip("%") == _babel(value * 100, lang, fixed)


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_edge_values_read_as_before(lang: str) -> None:
    assert format_number(None, lang) == "—"
    assert format_number(1e300, lang) == {"en": "1e+300", "tr": "1e+300"}[lang]
    assert decimal(1e300, lang) == _fallback(1e300, lang)
    assert format_number(math.inf, lang) == "∞" and format_number(-math.inf, lang) == "-∞"
    assert format_number(-0.0, lang) == "-0"
    assert amount(6_000_000, lang) == {"en": "6,000,000", "tr": "6.000.000"}[lang]
    # Babel rounds the decimal text half to even: 1234.5 → 1234, 1235.5 → 1236
    assert format_money(1234.5, "EUR", lang) == {"en": "1,234 EUR", "tr": "1.234 EUR"}[lang]
    assert format_money(1235.5, "EUR", lang) == {"en": "1,236 EUR", "tr": "1.236 EUR"}[lang]
    assert format_money(12.345, "TRY", lang) == {"en": "12.34 TRY", "tr": "12,34 TL"}[lang]


def _fallback(value: float, lang: str) -> str:
    return f"{value:.6g}".replace(".", "," if lang == "tr" else ".")
