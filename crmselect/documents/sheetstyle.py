"""The look shared by the spreadsheets crmselect writes (the vendor response workbook and the
evaluators' scoring sheets): fonts, fills, borders and row heights for wrapped text."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.worksheet import Worksheet

#: Every font names the body font: a font without a name is drawn in the program's fallback
#: (a serif in LibreOffice) beside the Calibri text.
BODY_FONT = "Calibri"
TEXT_FONT = Font(name=BODY_FONT)
HEADER_FONT = Font(name=BODY_FONT, bold=True, color="FFFFFF")
TITLE_FONT = Font(name=BODY_FONT, bold=True, size=14, color="1F3A5F")
BOLD = Font(name=BODY_FONT, bold=True)
HINT_FONT = Font(name=BODY_FONT, italic=True, color="5A6B7D")
HEADER_FILL = PatternFill("solid", fgColor="1F3A5F")
INPUT_FILL = PatternFill("solid", fgColor="FFF8E1")
WRAP = Alignment(wrap_text=True, vertical="top")
THIN = Side(style="thin", color="B7C3D0")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
UNLOCKED = Protection(locked=False)


#: Widths of characters against an average lowercase letter, close to DejaVu Sans (what
#: LibreOffice draws when Calibri and Carlito are missing; both are narrower).
_NARROW, _SEMI, _WIDE = frozenset("ijlI.,:;'!|"), frozenset("tfr()[]-/"), frozenset("mwMW")


def _char_width(char: str) -> float:
    if char in _NARROW:
        return 0.45
    if char in _SEMI:
        return 0.65
    if char in _WIDE:
        return 1.5
    return 1.25 if char.isupper() else 1.0


@lru_cache(maxsize=16384)
def _word_width(word: str) -> float:
    """The width of a word in average lowercase letters. Remembered: a workbook's texts
    repeat their words, and each was measured a letter at a time."""
    return sum(_char_width(c) for c in word)


@lru_cache(maxsize=4096)
def wrapped_lines(text: str, width: float) -> int:
    """The lines ``text`` takes in a column ``width`` units wide, wrapped at spaces as the
    spreadsheet wraps it (a word longer than the line is broken).

    Calibrated on what LibreOffice draws in DejaVu Sans: 48 cells, six Turkish and English
    texts (prose, capitals, short labels) at widths 10 to 40 and 13 instruction rows at 78. A
    cell's margins take about one unit, the rest holds 1.08 average lowercase letters a unit;
    no cell then needs more lines than this says, and 14 lines in all are to spare. Calibri
    and Carlito are narrower, so a row may get a line to spare but loses none.

    Remembered for each text and width: the response workbook and its pricing twin, and the
    scoring sheets, measure the same texts again.
    """
    room = max(width - 1, 4) * 1.08
    lines = 0
    for part in text.split("\n"):
        lines += 1
        used = 0.0
        for word in part.split(" "):
            size = _word_width(word)
            if used and used + 0.5 + size > room:
                lines += 1
                used = size
            else:
                used += (0.5 if used else 0.0) + size
            while used > room:  # a word longer than a line goes on over the next ones
                lines += 1
                used -= room
    return lines


def fit_height(ws: Worksheet, row: int, cells: list[tuple[Any, float]]) -> None:
    """Set the row's height from its longest wrapped text (``(value, column width)`` pairs).

    Why: spreadsheet programs do not grow a row for wrapped text a library wrote, and the lines
    then overlap the next row's (:func:`wrapped_lines` says how many lines it takes).
    """
    lines = max([wrapped_lines(value, width) for value, width in cells
                 if isinstance(value, str) and value] or [1])
    ws.row_dimensions[row].height = min(15 * lines + 3, 409)
