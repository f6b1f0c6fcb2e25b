"""The look shared by the spreadsheets crmselect writes (the vendor response workbook and the
evaluators' scoring sheets): fonts, fills, borders and row heights for wrapped text."""

from __future__ import annotations

import textwrap
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


def fit_height(ws: Worksheet, row: int, cells: list[tuple[Any, float]]) -> None:
    """Set the row's height from its longest wrapped text (``(value, column width)`` pairs).

    Why: spreadsheet programs do not grow a row for wrapped text a library wrote, and the lines
    then overlap the next row's. The text is wrapped at word boundaries, as the spreadsheet
    does, at 1.27 characters of Calibri 11 to a unit of column width (the width of a "0");
    LibreOffice fits 1.3 of Turkish and English prose, so a row may get a line to spare but
    never loses one.
    """
    lines = 1
    for value, width in cells:
        if isinstance(value, str) and value:
            chars = max(int(width * 1.27), 8)
            lines = max(lines, sum(len(textwrap.wrap(part, chars, break_on_hyphens=False)) or 1
                                   for part in value.split("\n")))
    ws.row_dimensions[row].height = min(15 * lines + 3, 409)
