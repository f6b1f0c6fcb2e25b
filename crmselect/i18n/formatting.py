"""Dates, numbers and money written the way a reader of the language expects — the one place.

The CLI, the web app, the documents and message parameters (:class:`crmselect.errors.Amount`,
:class:`crmselect.errors.Number`) all format through here. Turkish: ``12.500.000 TL`` (TL is
the one spelling of the Turkish lira in Turkish text), ``15.01.2027`` in tables, ``15 Ocak
2027`` in prose, ``%35``, ``2,5``.

Why Babel: Turkish writes ``1.234.567,50`` and ``11 Ocak 2027``; hand-made formatting gets the
separators and month names wrong. The same functions serve the Word builders and the Jinja
filters, so the Word and Markdown versions of a document show identical figures.
"""

from __future__ import annotations

import datetime as dt
import decimal as _decimal
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

_LOCALES = {"en": "en_GB", "tr": "tr_TR"}


def _babel_date(*args: Any, **kwargs: Any) -> str:
    """Babel's ``format_date``, imported on first use: Babel takes longer to import than most
    commands take to run, and ``--help`` formats nothing."""
    from babel.dates import format_date

    return format_date(*args, **kwargs)


def format_decimal(*args: Any, **kwargs: Any) -> str:
    """Babel's ``format_decimal``, imported on first use (see :func:`_babel_date`)."""
    from babel.numbers import format_decimal as babel_format_decimal

    return babel_format_decimal(*args, **kwargs)


def _locale(lang: str) -> str:
    return _LOCALES.get(lang, "en_GB")


def locale_tag(lang: str) -> str:
    """The locale the formatting follows, as a BCP 47 tag (``en-GB``, ``tr-TR``): what a
    browser's ``Intl`` needs to write a date as this module does (``en`` alone is American)."""
    return _locale(lang).replace("_", "-")


#: The locale files each of :data:`_LOCALES` merges, root first: Babel's own inheritance (CLDR's
#: parent locales: ``en_GB`` inherits from ``en_001``). A test checks that the number data read
#: this way is Babel's.
_CHAINS = {"en_GB": ("root", "en", "en_001", "en_GB"), "tr_TR": ("root", "tr", "tr_TR")}


class _NotADatePattern:
    """Stands in for Babel's date patterns in the locale data read for numbers only."""


def _symbols(lang: str) -> Mapping[str, str]:
    """Babel's number symbols of ``lang`` (decimal mark, group separator …), Latin digits.

    Read without Babel's date module: Babel's locale data (pickles) refer to ``babel.dates``,
    and importing that looks up the local time zone through ``pytz``, which first checks a
    file for each of its 597 zones: 25–38 ms of a command that formats only numbers
    (``score``, ``sensitivity``). The symbols are taken once from the locale read as Babel
    reads it and kept in the bundled-data cache (:func:`_number_tables`), so a command reads a
    few hundred bytes and does not import Babel. Once Babel's date module is loaded (a
    document, the web form) Babel's own locale data is used, read once for both.
    Either way they are looked up once per locale and kept in :data:`_SYMBOLS`, Babel's as a
    plain dict: the documents format thousands of numbers, ``Locale.parse`` builds a new
    locale each time (1,996 calls in a ``build``'s comparison report) and each look-up in
    Babel's locale data goes through its Python ``__getitem__``."""
    code = _locale(lang)
    symbols = _SYMBOLS.get(code)
    if symbols is None:
        if "babel.dates" in sys.modules:
            from babel import Locale

            symbols = dict(Locale.parse(code).number_symbols["latn"])
        else:
            symbols = _number_tables(code)["number_symbols"]["latn"]
        _SYMBOLS[code] = symbols
    return symbols


#: Locale code → its number symbols (see :func:`_symbols`).
_SYMBOLS: dict[str, Mapping[str, str]] = {}
#: Names the cache entry of :func:`_number_tables`; a new layout of the entry takes a new one.
_NUMBER_TABLES_KIND = "babel-number-symbols-1"


def _locale_files(code: str) -> list[Path]:
    """Babel's locale data files that ``code`` merges (``localedata.resolve_locale_filename``,
    found without importing Babel: ``babel/locale-data/<name>.dat``)."""
    import importlib.util

    spec = importlib.util.find_spec("babel")
    folder = Path(next(iter(spec.submodule_search_locations or ()))) if spec else Path()
    return [folder / "locale-data" / f"{name}.dat" for name in _CHAINS[code]]


def _number_tables(code: str) -> dict[str, Any]:
    """The part of Babel's locale data that formatting a number reads: the number symbols of
    the Latin digits and the default numbering system, taken from the locale read the way
    Babel reads it (:func:`_read_number_locale`: the whole of ``root``, ``en``, ``en_001``,
    ``en_GB``, 8–18 ms with their merge) and kept in crmselect's cache of bundled data, keyed
    by those files' sizes and modification times (a Babel upgrade replaces them)."""
    from crmselect.bundlecache import cached

    def build() -> dict[str, Any]:
        data = _read_number_locale(code)._data
        return {"number_symbols": {"latn": dict(data["number_symbols"]["latn"])},
                "default_numbering_system": data["default_numbering_system"]}

    def check(value: object) -> bool:
        return (isinstance(value, dict) and set(value) == {"number_symbols",
                                                           "default_numbering_system"}
                and isinstance(value["number_symbols"].get("latn"), dict)
                and all(isinstance(k, str) and isinstance(v, str)
                        for k, v in value["number_symbols"]["latn"].items()))

    # this module too: the bundled data's key holds crmselect's top-level modules only
    return cached(f"{_NUMBER_TABLES_KIND}-{code}", [*_locale_files(code), Path(__file__)],
                  build, check)


def _tables_locale(code: str, data: dict[str, Any]) -> Any:
    """A :class:`babel.Locale` ``code`` whose locale data is ``data`` (merged as Babel's)."""
    from babel import Locale, localedata

    tables = localedata.LocaleDataDict(data)

    class NumberLocale(Locale):
        @property
        def _data(self) -> Any:
            return tables

    return NumberLocale(*code.split("_"))


def _plain_number(value: float | int, symbols: Mapping[str, str], least: int,
                  most: int) -> str:
    """What Babel's ``format_decimal`` writes with the pattern ``#,##0`` followed by ``least``
    zeros and ``most - least`` hashes after the decimal point, the same steps as Babel's
    ``NumberPattern.apply`` for such a pattern (groups of three; ``-`` before a negative
    number), but rounded as Excel and a hand calculation round: a float is first taken to 15
    significant digits, as Excel shows it (91.24999999999999, a sum's binary error, is 91.25),
    and a half goes away from zero (91.25 → 91.3, where Babel's half to even gave 91.2, so a
    weighted total read back from a buyer's spreadsheet matched no one's). A test compares the
    two on many numbers, Babel rounding the same way. Raises :class:`decimal.InvalidOperation`
    where Babel does (a number with more digits than the decimal context holds)."""
    number = value if isinstance(value, _decimal.Decimal) else _decimal.Decimal(
        f"{value:.15g}" if isinstance(value, float) else str(value))
    negative = number.is_signed()
    number = abs(number).normalize()
    if number.is_infinite():
        text = symbols.get("infinity", "∞")
    else:
        rounded = number.quantize(_decimal.Decimal(10) ** -most, rounding=_decimal.ROUND_HALF_UP)
        whole, _, fraction = f"{rounded:f}".partition(".")
        group = symbols.get("group", ",")
        groups = ""
        while len(whole) > 3:
            groups = group + whole[-3:] + groups
            whole = whole[:-3]
        text = whole + groups
        fraction = (fraction or "0").ljust(least, "0")
        if most and not (least == 0 and int(fraction) == 0):
            while len(fraction) > least and fraction[-1] == "0":
                fraction = fraction[:-1]
            text += symbols.get("decimal", ".") + fraction
    return "-" + text if negative else text


def _read_number_locale(code: str) -> Any:
    """The locale ``code`` with Babel's data of it, read and merged the way Babel does, the
    date patterns left as stand-ins (see :func:`_number_locale`)."""
    import pickle

    from babel import localedata

    class NumbersOnly(pickle.Unpickler):
        def find_class(self, module: str, name: str) -> Any:
            if module == "babel.dates":
                return _NotADatePattern
            return super().find_class(module, name)

    data: dict[str, Any] = {}
    for name in _CHAINS[code]:
        with open(localedata.resolve_locale_filename(name), "rb") as handle:
            if data:
                localedata.merge(data, NumbersOnly(handle).load())
            else:  # the root, taken as it is (as Babel does)
                data = NumbersOnly(handle).load()
    return _tables_locale(code, data)


def format_date(value: dt.date | None, lang: str, empty: str = "—") -> str:
    """``2027-01-11`` → ``11 January 2027`` / ``11 Ocak 2027``; ``empty`` for None."""
    if value is None:
        return empty
    if isinstance(value, dt.datetime):
        value = value.date()
    return _babel_date(value, format="long", locale=_locale(lang))


def format_short_date(value: dt.date | None, lang: str, empty: str = "—") -> str:
    """``2027-01-15`` → ``15/01/2027`` / ``15.01.2027`` (for tables and one-line summaries)."""
    if value is None:
        return empty
    if isinstance(value, dt.datetime):
        value = value.date()
    # Babel's patterns dd.MM.yyyy / dd/MM/yyyy: numbers only (no month name, Latin digits in
    # both languages), which Babel writes zero-padded to 2, 2 and 4 digits. Written here
    # without importing babel.dates, whose import looks up the local time zone through pytz
    # (``validate`` prints the timeline's dates and nothing else Babel's date module gives);
    # a test compares both over a range of dates.
    separator = "." if lang == "tr" else "/"
    return f"{value.day:02d}{separator}{value.month:02d}{separator}{value.year:04d}"


def format_timestamp(value: dt.datetime | None, lang: str, tz: str | dt.tzinfo = "UTC",
                     empty: str = "—") -> str:
    """A moment in the time zone ``tz`` (a naive value is UTC), the language's medium format:
    ``23 Nov 2026, 14:30:00`` / ``23 Kas 2026 14.30.00`` (the web form's saved-at times).

    Babel's ``tr`` (CLDR) writes ``HH:mm:ss``; Turkish spelling (TDK) separates hours and
    minutes with a dot (``saat 08.00``), as the Turkish review asked: the date stays Babel's,
    the time takes the dot."""
    if value is None:
        return empty
    from babel.dates import format_datetime

    if lang == "tr":
        return format_datetime(value, "d MMM y HH.mm.ss", tzinfo=tz, locale=_locale(lang))
    return format_datetime(value, "medium", tzinfo=tz, locale=_locale(lang))


def format_datetime_utc(value: dt.datetime, lang: str) -> str:
    """A UTC moment for a one-line message: ``2027-01-15 14:30 UTC`` / ``15.01.2027 14.30 UTC``
    (Turkish separates hour and minute with a full stop, see :func:`format_timestamp`)."""
    return value.strftime("%d.%m.%Y %H.%M UTC" if lang == "tr" else "%Y-%m-%d %H:%M UTC")


def format_clock(value: str | dt.time, lang: str) -> str:
    """A time of day, ``17:00`` (as a project file writes it) or a :class:`datetime.time`, as
    the reader writes it: ``17:00`` / ``17.00`` (TDK: ``saat 17.00``)."""
    text = value.strftime("%H:%M") if isinstance(value, dt.time) else value
    return text.replace(":", ".") if lang == "tr" else text


def currency_label(currency: str, lang: str) -> str:
    """The currency as a reader writes it: ``TRY`` is ``TL`` in Turkish text."""
    return "TL" if lang == "tr" and currency == "TRY" else currency


def amount(value: float | int, lang: str) -> str:
    """A whole amount with the language's grouping: ``6,000,000`` / ``6.000.000``."""
    return format_number(value, lang, 0)


def decimal(value: float | int, lang: str, digits: int = 3) -> str:
    """A number with up to ``digits`` decimals and the language's mark: ``2.5`` / ``2,5``."""
    try:  # Babel's pattern "#,##0.###" (as many # as digits)
        return _plain_number(value, _symbols(lang), 0, digits)
    except _decimal.InvalidOperation:
        return f"{value:.6g}".replace(".", "," if lang == "tr" else ".")


def format_rate(value: float, lang: str) -> str:
    """An exchange rate: two decimals (``37.50``, ``0.90``), or as many as six significant
    digits need below 1 (``0.0243``: a lira in euros would read 0.02, a yen 0.01 and a rate
    of 1e-9 0.00)."""
    if value >= 1:
        return format_number(value, lang, 2)
    exponent = _decimal.Decimal(f"{value:.6g}").normalize().as_tuple().exponent
    return format_number(value, lang, max(2, -int(exponent)))


def format_number(value: float | int | None, lang: str, decimals: int = 0,
                  empty: str = "—") -> str:
    """A number with the language's grouping and decimal separators."""
    if value is None:
        return empty
    try:  # Babel's pattern "#,##0.00" (as many 0 as decimals)
        return _plain_number(value, _symbols(lang), decimals, decimals)
    except _decimal.InvalidOperation:  # more digits than Babel rounds (a bid of 1e300)
        return f"{value:.3g}".replace(".", "," if lang == "tr" else ".")



def format_fixed(value: float | int, lang: str, decimals: int) -> str:
    """Exactly ``decimals`` decimals, no grouping: ``0.1005`` / ``0,1005`` (ratios, limits)."""
    text = f"{value:.{decimals}f}"  # Python's rounding, the same as the caller compares with
    return text.replace(".", ",") if lang == "tr" else text


def unrounded(value: float, lang: str) -> str:
    """Every digit of a float for tools (CSV): ``0.1234567`` / ``0,1234567`` (no grouping)."""
    return repr(value).replace(".", ",") if lang == "tr" else repr(value)

def format_money(value: float | int | None, currency: str, lang: str, empty: str = "—") -> str:
    """``1234567`` in TRY → ``1,234,567 TRY`` / ``1.234.567 TL`` (whole units; bids are large)."""
    if value is None:
        return empty
    decimals = 0 if float(value).is_integer() or abs(value) >= 1000 else 2
    return f"{format_number(value, lang, decimals)} {currency_label(currency, lang)}"


def format_percent(value: float | None, lang: str, decimals: int = 0, empty: str = "—") -> str:
    """``0.35`` → ``35%`` / ``%35`` (Turkish puts the sign first)."""
    if value is None:
        return empty
    number = format_number(value * 100, lang, decimals)
    return f"%{number}" if lang == "tr" else f"{number}%"


#: Slug words written as acronyms when a slug is shown as text.
ACRONYMS = frozenset({"erp", "sms", "it", "crm", "api", "b2b", "b2c", "hr", "pos", "cti", "ivr",
                      "bi", "kvkk", "gdpr", "sso", "vip", "kpi", "ai", "cpq", "faq"})


def humanize(slug: str) -> str:
    """``sales_manager`` → ``Sales manager``, ``erp`` → ``ERP`` (slugs without a label)."""
    words = [w.upper() if w in ACRONYMS else w for w in slug.strip("_").split("_") if w]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def slug_label(common: Mapping[str, Any], kind: str, slug: str | None) -> str:
    """The label of a project slug (``department``, ``user_role``, ``entity``) in the document
    strings, or the slug made readable when the strings have no label for it."""
    if not slug:
        return ""
    labels = common.get(kind, {})
    return labels[slug] if slug in labels else humanize(slug)
