"""The spreadsheets' shared look: every font named, rows high enough for their wrapped text
and not much higher (the response workbook's instructions had a line too many on half the
rows, and their bold labels fell back to a serif in LibreOffice)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from crmselect.cli import main
from crmselect.documents.sheetstyle import fit_height

PROSE = ("Üçüncü taraf bir ürün ya da eklenti gerektirir; ürünün adını ve yıllık maliyetini "
         "belirtin. Özel kod, sürüm yükseltme riski olarak değerlendirilir.")


def _lines(text: str, width: float) -> int:
    ws = Workbook().active
    fit_height(ws, 1, [(text, width)])
    return (ws.row_dimensions[1].height - 3) // 15


@pytest.mark.parametrize("width", [12, 24, 40, 78])
def test_a_row_has_at_least_the_lines_the_spreadsheet_wraps_to(width: int) -> None:
    # LibreOffice fits 1.3 characters of this prose to a unit of width (Carlito = Calibri's
    # metrics): the row never has fewer lines than that wrapping gives
    for text in (PROSE, PROSE.upper(), "a" * 300, "kısa", "iki\nsatır"):
        shown = sum(len(textwrap.wrap(p, int(width * 1.3), break_on_hyphens=False)) or 1
                    for p in text.split("\n"))
        assert _lines(text, width) >= shown


def test_a_row_of_one_line_of_prose_is_one_line_high() -> None:
    text = ("Bugün mevcut değildir, planlanmıştır. Taahhüt edilen tarihi belirtin; bu tarih "
            "sözleşmeye yazılır.")
    assert len(text) == 98
    assert _lines(text, 78) == 1  # it was 2: a gap under every such row
    assert _lines("", 78) == 1 and _lines(None, 78) == 1


def test_every_cell_font_of_the_workbook_and_the_scoring_sheet_is_named(basic: Path) -> None:
    runner = CliRunner()
    workbook = basic / "wb.xlsx"
    result = runner.invoke(main, ["workbook", str(basic), "--lang", "tr", "--out", str(workbook)])
    assert result.exit_code == 0, result.output
    sheet = basic / "sheet.xlsx"
    result = runner.invoke(main, ["scores", "template", str(basic), "--evaluator", "ayse",
                                  "--out", str(sheet)])
    assert result.exit_code == 0, result.output
    for path in (workbook, sheet):
        for ws in load_workbook(path).worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if cell.value is not None:
                        assert cell.font.name, (path.name, ws.title, cell.coordinate)
