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


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_the_scoring_sheets_area_names_fit_their_rows_in_dejavu_sans(
        basic: Path, lang: str) -> None:
    # Without Calibri or Carlito, LibreOffice draws the sheets in DejaVu Sans: about 1.07
    # characters of a short label to a unit of width (measured: "Operational CRM" fits a
    # width of 14, "Operasyonel CRM" does not). The area column was 14 wide and its rows one
    # line high: "CRM" of "Operasyonel CRM" was cut off under most requirements.
    from crmselect.catalog import load_catalog

    sheet = basic / f"sheet-{lang}.xlsx"
    result = CliRunner().invoke(main, ["scores", "template", str(basic), "--evaluator", "ayse",
                                       "--out", str(sheet), "--lang", lang])
    assert result.exit_code == 0, result.output
    ws = load_workbook(sheet)["Requirements" if lang == "en" else "Gereksinimler"]
    width = ws.column_dimensions["B"].width
    for row in range(2, ws.max_row + 1):
        area = ws.cell(row=row, column=2).value
        if not area:
            continue
        lines = len(textwrap.wrap(area, int(width * 1.07), break_on_hyphens=False))
        assert ws.row_dimensions[row].height >= 15 * lines + 3, (row, area)
    # every area of the catalog, not only the project's: two lines at most at this width
    for area in load_catalog().areas:
        for name in (area.name.en, area.name.tr):
            assert len(textwrap.wrap(name, int(width * 1.07), break_on_hyphens=False)) <= 2


def test_the_workbooks_step_numbers_stand_apart_from_their_text(basic: Path) -> None:
    # right-aligned in the column before the step's text, "1" touched "Requirements sheet"
    workbook = basic / "wb.xlsx"
    result = CliRunner().invoke(main, ["workbook", str(basic), "--out", str(workbook)])
    assert result.exit_code == 0, result.output
    ws = load_workbook(workbook)["Instructions"]
    numbers = [c for c in ws["A"] if isinstance(c.value, int)]
    assert [c.value for c in numbers][:3] == [1, 2, 3]
    assert all(c.alignment.indent >= 1 for c in numbers)
