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


def test_a_warm_cache_formats_numbers_without_importing_babel(tmp_path: Path) -> None:
    cache = str(tmp_path / "cache")
    code = _FORMAT.replace("('babel.dates', 'pytz')", "('babel', 'babel.dates')")
    env = {**os.environ, "CRMSELECT_CACHE_DIR": cache}

    def run() -> list[str]:
        return subprocess.run([sys.executable, "-c", code, ""], capture_output=True, text=True,
                              env=env, timeout=120, check=True).stdout.splitlines()

    first = run()  # fills the cache: Babel reads its locale files
    assert first == [_EXPECTED[0], "['babel']"]
    assert run() == _EXPECTED  # filled: neither Babel nor its date module is imported


def _babel(value: float, lang: str, pattern: str) -> str:
    """Babel's text of ``value`` rounded as crmselect rounds: a float taken to 15 significant
    digits (as Excel shows it), then half away from zero (Babel follows the decimal context)."""
    import decimal as dec

    from babel.numbers import format_decimal

    number = dec.Decimal(f"{value:.15g}") if isinstance(value, float) else value
    with dec.localcontext() as context:
        context.rounding = dec.ROUND_HALF_UP
        return format_decimal(number, format=pattern, locale=formatting._locale(lang))


NUMBERS = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e20, max_value=1e20),
    st.integers(min_value=-10**15, max_value=10**15),
    st.sampled_from([0.0, -0.0, 0.5, 1.5, 2.5, -0.5, 0.005, 0.015, 2.675, 999.995, 1e-9,
                     -1e-9, 1234.5, 12_500_000, 1e15, 0.125, 1.0005]),
)


@given(value=NUMBERS, digits=st.integers(min_value=0, max_value=6),
       lang=st.sampled_from(["en", "tr"]))
def test_numbers_read_as_babel_writes_them(value: float, digits: int, lang: str) -> None:
    fixed = "#,##0" + ("." + "0" * digits if digits else "")
    upto = "#,##0" + ("." + "#" * digits if digits else "")
    assert format_number(value, lang, digits) == _babel(value, lang, fixed)
    assert decimal(value, lang, digits) == _babel(value, lang, upto)
    if abs(value * 100) <= 1e20:  # beyond, Babel itself cannot round to 6 decimals (28 digits)
        assert format_percent(value, lang, digits).strip("%") == _babel(value * 100, lang, fixed)


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_edge_values_read_as_before(lang: str) -> None:
    assert format_number(None, lang) == "—"
    assert format_number(1e300, lang) == {"en": "1e+300", "tr": "1e+300"}[lang]
    # more digits than Babel rounds (hypothesis found 1e20 at 6 decimals): no error
    assert format_percent(1e20, lang, 6) == {"en": "1e+22%", "tr": "%1e+22"}[lang]
    assert decimal(1e300, lang) == _fallback(1e300, lang)
    assert format_number(math.inf, lang) == "∞" and format_number(-math.inf, lang) == "-∞"
    for value in (math.inf, -math.inf, math.nan, -0.0, True, 10**30, 1e27, -1e-30, 0.0005):
        for digits in (0, 1, 3):
            fixed = "#,##0" + ("." + "0" * digits if digits else "")
            upto = "#,##0" + ("." + "#" * digits if digits else "")
            assert format_number(value, lang, digits) == _babel_or_fallback(value, lang, fixed)
            assert decimal(value, lang, digits) == _babel_or_fallback(value, lang, upto)
    assert format_number(-0.0, lang) == "-0"
    assert amount(6_000_000, lang) == {"en": "6,000,000", "tr": "6.000.000"}[lang]
    # a half goes away from zero, as Excel and a hand calculation round it (Babel's half to
    # even wrote 1234.5 as 1234 and 12.345 as 12.34)
    assert format_money(1234.5, "EUR", lang) == {"en": "1,235 EUR", "tr": "1.235 EUR"}[lang]
    assert format_money(1235.5, "EUR", lang) == {"en": "1,236 EUR", "tr": "1.236 EUR"}[lang]
    assert format_money(12.345, "TRY", lang) == {"en": "12.35 TRY", "tr": "12,35 TL"}[lang]
    assert format_number(91.25, lang, 1) == {"en": "91.3", "tr": "91,3"}[lang]
    # a product's binary error is not a digit anyone wrote: 0.05 × 0.35 × 100 is
    # 1.7499999999999998 in binary, 1.75 to Excel and on paper
    assert format_number(0.05 * 0.35 * 100, lang, 1) == {"en": "1.8", "tr": "1,8"}[lang]
    assert format_number(-2.5, lang) == "-3"


def _fallback(value: float, lang: str) -> str:
    return f"{value:.6g}".replace(".", "," if lang == "tr" else ".")


def _babel_or_fallback(value: float, lang: str, pattern: str) -> str:
    """Babel's text, or the fallback of the formatting functions where Babel cannot round."""
    import decimal as decimal_module

    try:
        return _babel(value, lang, pattern)
    except decimal_module.InvalidOperation:
        text = f"{value:.3g}" if "0." in pattern or pattern == "#,##0" else f"{value:.6g}"
        return text.replace(".", "," if lang == "tr" else ".")
