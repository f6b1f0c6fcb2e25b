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
from crmselect.documents.sheetstyle import fit_height, wrapped_lines

#: What LibreOffice 7 drew in DejaVu Sans (the fallback for Calibri on a Debian machine): a
#: text, a column width, and the lines it took.
DRAWN = [
    ("Üçüncü taraf bir ürün ya da eklenti gerektirir; ürünün adını ve yıllık maliyetini "
     "belirtin. Özel kod, sürüm yükseltme riski olarak değerlendirilir.", [15, 12, 10, 8, 6, 3]),
    ("ÜÇÜNCÜ TARAF BİR ÜRÜN YA DA EKLENTİ GEREKTİRİR; ÜRÜNÜN ADINI VE YILLIK MALİYETİNİ "
     "BELİRTİN.", [10, 10, 8, 5, 4, 3]),
    ("Operasyonel CRM", [2, 2, 2, 1, 1, 1]),
    ("Satış gücü otomasyonu", [3, 2, 2, 2, 1, 1]),
    ("Tüm kanallardan kaynağıyla birlikte potansiyel müşteri kaydı", [7, 6, 5, 4, 3, 2]),
    ("Web formları, e-posta, telefon, fuarlar, satın alınan listeler ve iş ortaklarından gelen "
     "potansiyel müşteriler, kaynakları ve tarihleriyle tek listede kaydedilir.",
     [16, 14, 11, 8, 6]),
]
WIDTHS = [10, 12, 14, 18, 24, 40]


def _lines(text: str | None, width: float) -> int:
    ws = Workbook().active
    fit_height(ws, 1, [(text, width)])
    return (ws.row_dimensions[1].height - 3) // 15


def test_a_row_has_the_lines_the_spreadsheet_draws_and_few_to_spare() -> None:
    for text, drawn in DRAWN:
        for width, lines in zip(WIDTHS, drawn, strict=False):
            assert lines <= wrapped_lines(text, width) <= lines + 4, (text, width)
            assert _lines(text, width) == wrapped_lines(text, width)


def test_a_row_of_one_line_of_prose_is_one_line_high() -> None:
    text = ("Bugün mevcut değildir, planlanmıştır. Taahhüt edilen tarihi belirtin; bu tarih "
            "sözleşmeye yazılır.")
    assert len(text) == 98
    assert _lines(text, 78) == 1  # it was 2: a gap under every such row
    assert _lines("", 78) == 1 and _lines(None, 78) == 1
    assert _lines("iki\nsatır", 78) == 2


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


def _wrapped_lines_letter_by_letter(text: str, width: float) -> int:
    """``wrapped_lines`` as it was: every word measured a letter at a time, every call."""
    from crmselect.documents.sheetstyle import _char_width

    room = max(width - 1, 4) * 1.08
    lines = 0
    for part in text.split("\n"):
        lines += 1
        used = 0.0
        for word in part.split(" "):
            size = sum(_char_width(c) for c in word)
            if used and used + 0.5 + size > room:
                lines += 1
                used = size
            else:
                used += (0.5 if used else 0.0) + size
            while used > room:
                lines += 1
                used -= room
    return lines


def test_words_are_measured_once_and_the_lines_are_what_they_were(monkeypatch) -> None:
    from crmselect.documents import sheetstyle

    sheetstyle.wrapped_lines.cache_clear()
    sheetstyle._word_width.cache_clear()
    letters = []
    real = sheetstyle._char_width
    monkeypatch.setattr(sheetstyle, "_char_width", lambda c: letters.append(c) or real(c))
    text = "Zorunlu zorunlu Zorunlu  İKİ\nsatır   ve\n\nboş satır " + "x" * 90
    first = wrapped_lines(text, 20)
    assert letters.count("Z") == 1 and letters.count("x") == 90  # each word once
    measured = len(letters)
    assert wrapped_lines(text, 20) == first and wrapped_lines(text, 31.5) >= 1
    assert len(letters) == measured  # the same words at another width: not measured again
    monkeypatch.undo()
    samples = [t for t, _ in DRAWN] + [text, "", " ", "a" * 200, "kısa\n\n\nuzun " * 9]
    for sample in samples:
        for width in (*WIDTHS, 1, 4.5, 78, 110):
            assert wrapped_lines(sample, width) == _wrapped_lines_letter_by_letter(sample, width)
