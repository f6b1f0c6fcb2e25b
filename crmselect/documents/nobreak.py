"""Numbers that never wrap inside a table cell.

Why: a narrow column breaks "10.582.250 TL" after its first digits or before its currency,
and a reader then sees two numbers. The spaces inside a number and between a number and its
unit become no-break spaces (Word, LibreOffice and browsers keep the group on one line), and
:mod:`~crmselect.documents.docx_builder` widens the columns that hold numbers first.
"""

from __future__ import annotations

import re

#: A number, possibly with its currency, unit or sign ("1,234,567", "12,5 TL", "%35", "4.4 pts").
_NUMBER = re.compile(r"^[-+−(]?(?:[%₺€$£]\u00a0?)?\d[\d.,\u00a0\u202f]*"
                     r"(\u00a0?[%₺€$£)]|\u00a0[A-Za-zİıÇçŞşĞğÖöÜü.]{1,5})?$")
#: Where a space inside a number, or between a number and its unit, becomes a no-break space.
_NUMBER_SPACES = (
    (re.compile(r"(?<=\d) (?=\d{3}\b)"), "\u00a0"),  # 1 234 567
    (re.compile(r"(?<=\d) (?=(TL|TRY|EUR|USD|GBP|CHF|pts|puan|gün|days|%|₺|€|\$)(?!\w))"),
     "\u00a0"),  # 1.234.567 TL, 4,4 puan, 12 gün
    (re.compile(r"(?<=[₺€$£]) (?=\d)"), "\u00a0"),  # € 1,200
)


#: Every pattern of :data:`_NUMBER_SPACES` needs a digit: text without one is left alone.
_DIGIT = re.compile(r"\d")


def unbreakable_numbers(text: str) -> str:
    """``text`` with the spaces inside numbers and between a number and its unit made
    no-break spaces, so that a table cell never wraps a number."""
    if not _DIGIT.search(text):
        return text
    for pattern, replacement in _NUMBER_SPACES:
        text = pattern.sub(replacement, text)
    return text


def is_number(word: str) -> bool:
    """Whether ``word`` (no-break spaces kept) is a number with its sign, currency or unit."""
    return bool(_NUMBER.match(word))
