"""Values typed by hand into spreadsheets: numbers and dates the way people write them.

Vendors and evaluators fill in Excel in Turkish or English locales: ``1.200,50``, ``45,5``,
``€ 1.200``, ``23.02.2027 13:34``. The workbook import and the scores CSV read them here, in
one way, so the same cell means the same number everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

#: The patterns are compiled on first use (:func:`_compiled`): compiling the five took
#: 8–10 M instructions of every ``score``, ``validate`` and ``sensitivity``, which import this
#: module through the scores CSV reader and read no typed-in value when the scores are YAML.
_PLAIN_NUMBER = r"^\d+(\.\d+)?$"
#: A currency written before or after an amount: its sign, code or name (``1.000 Euro``,
#: ``100 dolar``: Turkish vendors write the names as often as the codes).
_MARK = r"(?:[₺€$£]|TL|TRY|EURO?|AVRO|USD|DOLLARS?|DOLAR|GBP)"
_CURRENCY_MARKS = rf"^{_MARK}\s*|\s*{_MARK}$"


@cache
def _compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


def parse_number(text: str, lang: str) -> float | None:
    """A number typed by hand, in either language's format, or None when it is not one.

    ``1200.5``, ``1,200.50``, ``1.200,50``, ``45,5``, ``1 200``, ``€ 1.200``, ``30.000 TL`` and
    ``%5`` are all read. Only a lone separator followed by exactly three digits is ambiguous
    (``1.200``, ``1,200``): it is read the way the workbook's language writes thousands.
    """
    text = visible(text)  # "5\u200b", copied from a web page or a right-to-left text
    if len(currency_marks(text)) > 1:  # € 1.200 TL: which one is meant is not ours to guess
        return None
    text = _compiled(_CURRENCY_MARKS, re.IGNORECASE).sub("", text.strip())
    text = text.removesuffix("%").removeprefix("%")
    text = re.sub(r"[\s\u00a0\u202f']", "", text)
    if text.startswith(("-", "\u2212")):  # read, so that the caller can say it is negative
        number = None if text[1:2] in ("-", "\u2212") else parse_number(text[1:], lang)
        return None if number is None else -number
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        whole, _, fraction = text.rpartition(decimal)
        if not re.fullmatch(rf"\d{{1,3}}(\{thousands}\d{{3}})*", whole):
            return None
        text = whole.replace(thousands, "") + "." + fraction
    elif text.count(",") + text.count(".") > 1:  # thousands only: 1.200.000 or 1,200,000
        sep = "," if "," in text else "."
        if not re.fullmatch(rf"\d{{1,3}}(\{sep}\d{{3}})+", text):
            return None
        text = text.replace(sep, "")
    elif re.fullmatch(r"\d{1,3}[.,]\d{3}", text):
        thousands = "." if lang == "tr" else ","
        text = text.replace(thousands, "") if text[-4] == thousands else text.replace(",", ".")
    else:
        text = text.replace(",", ".")
    return float(text) if _compiled(_PLAIN_NUMBER).match(text) else None


#: Characters that take no room on screen: zero-width spaces and joiners, direction marks and
#: embeddings, the word joiner, a soft hyphen and a byte order mark. A number copied from a web
#: page, a PDF or a right-to-left text carries them, and its reader sees only the digits.
#: (A table for ``str.translate``: no pattern to compile on a command's way.)
_INVISIBLE = dict.fromkeys([0x00AD, *range(0x200B, 0x2010), *range(0x202A, 0x202F),
                            *range(0x2060, 0x2065), *range(0x2066, 0x206A), 0xFEFF])
_MARKS = "".join(map(chr, _INVISIBLE))


def visible(text: str) -> str:
    """``text`` without the characters that show nothing (``"5\u200b"`` → ``"5"``)."""
    return text.translate(_INVISIBLE)


def trimmed(text: str) -> str:
    """``text`` without spaces and invisible marks at either end: a cell holding only marks
    is empty, and ``EUR\u200b`` is ``EUR`` (marks inside a text, which a right-to-left
    sentence needs, are kept)."""
    while True:  # (two strips in C: a CSV of 100,000 rows goes through here per cell)
        stripped = text.strip().strip(_MARKS)
        if stripped == text:
            return text
        text = stripped


def typed_percent(text: str) -> bool:
    """True when ``text`` is a number typed with a percent sign before or after it (``%5``,
    ``5%``, ``5 %``), which :func:`parse_number` reads as the number: a caller whose value is
    no percentage (a score, an amount, a count) refuses it instead of dropping the sign."""
    stripped = visible(text).strip()
    return stripped.startswith("%") or stripped.endswith("%")


#: Currency marks a vendor may type into an amount cell → the currency code they mean.
MARKED_CURRENCY = {"₺": "TRY", "TL": "TRY", "TRY": "TRY", "€": "EUR", "EUR": "EUR",
                   "EURO": "EUR", "AVRO": "EUR", "$": "USD", "USD": "USD", "DOLLAR": "USD",
                   "DOLLARS": "USD", "DOLAR": "USD", "£": "GBP", "GBP": "GBP"}


def marked_currency(text: str) -> str | None:
    """The currency an amount typed by hand names (``₺45.000`` → ``TRY``), or None."""
    match = _compiled(_CURRENCY_MARKS, re.IGNORECASE).search(text.strip())
    return MARKED_CURRENCY.get(match.group().strip().upper()) if match else None


def currency_marks(text: str) -> set[str]:
    """Every currency an amount typed by hand names, before and after it (``€ 1.200 TL`` →
    ``{"EUR", "TRY"}``)."""
    return {MARKED_CURRENCY[m.group().strip().upper()]
            for m in _compiled(_CURRENCY_MARKS, re.IGNORECASE).finditer(text.strip())}


#: "+ KDV", "KDV hariç", "excl. VAT" after an amount: the price without VAT, as the workbook
#: asks for it. "KDV dahil", "KDV'li", "incl. VAT": a price with VAT, which is not asked for.
_VAT_EXCLUDED = (
    r"\s*(?:\+\s*(?:KDV|VAT)|\(?\s*(?:KDV\s*har[iİı][çÇc]|KDV['’]?\s*s[iİı]z|excl(?:\.|uding)?\s*VAT"
    r"|ex\.?\s*VAT|net\s+of\s+VAT)\s*\)?)\s*\.?\s*$")
_VAT_INCLUDED = (
    r"KDV\s*d[aâ]h[iİı]l|KDV['’]?\s*l[iİı]\b|\+\s*KDV\s*d[aâ]h|incl(?:\.|uding)?\s*VAT|VAT\s*incl")


def without_vat(text: str) -> tuple[str, bool | None]:
    """An amount typed with a word on VAT: (the text without the word, True when the amount
    includes VAT, False when it excludes it, None when it does not say).

    ``18.500 TL + KDV`` → (``18.500 TL``, False); ``21.830 TL KDV dahil`` → (as typed, True).
    """
    if _compiled(_VAT_INCLUDED, re.IGNORECASE).search(text):
        return text, True
    stripped = _compiled(_VAT_EXCLUDED, re.IGNORECASE).sub("", text)
    return (stripped, False) if stripped != text else (text, None)


#: What vendors type into an amount cell to mean "nothing to pay" or "does not apply".
_NO_AMOUNT = {"-", "–", "—", "x", "n/a", "na", "n.a", "yok", "yoktur", "none", "nil",
              "free", "included", "incl", "ücretsiz", "bedelsiz", "dahil", "dâhil",
              "fiyata dahil", "fiyata dâhil", "pakete dahil", "pakete dâhil", "uygulanmaz",
              "geçerli değil", "tbd", "tba", "?"}


def means_no_amount(text: str) -> bool:
    """True when ``text`` is a word for "nothing" or "not applicable" rather than a number."""
    folded = text.replace("İ", "i").replace("I", "ı").lower().strip().rstrip(".")
    folded = re.sub(r"\s+", " ", folded)
    return folded in _NO_AMOUNT or folded.replace("ı", "i") in _NO_AMOUNT


#: A date or time as Excel shows it in Turkish (and most European) locales: day first, 24 h.
_DAY_FIRST = (
    r"^(\d{1,2})[./](\d{1,2})[./](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")


def parse_day_first(text: str) -> dt.datetime | None:
    """``23.02.2027`` or ``23.02.2027 13:34`` → a datetime; None when it is not one of those
    or names no real day (``30.02.2027``)."""
    match = _compiled(_DAY_FIRST).match(text.strip())
    if not match:
        return None
    day, month, year, hour, minute, second = (int(g or 0) for g in match.groups())
    try:
        return dt.datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
