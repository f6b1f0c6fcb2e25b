"""Numbers never wrap inside a table cell (issue #13 point 10)."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document
from office import LIBREOFFICE, convert_to_pdf, pdf_text

from crmselect.documents.docx_builder import DocxBuilder
from crmselect.documents.nobreak import is_number, unbreakable_numbers
from crmselect.documents.report import render_report

DATA = Path(__file__).parent / "data" / "reports"
NBSP = "\u00a0"
VENDORS = ["Northwind Cloud Solutions", "SuiteCRM", "Odoo", "EspoCRM"]
#: A year-by-year TCO table of a large Turkish project: nine-digit amounts in seven columns.
YEARS = [[name] + [f"{(n + 1) * 110_582_250 + k:,}" for k in range(5)]
         + [f"{(n + 1) * 552_911_250:,}"] for n, name in enumerate(VENDORS)]


def _tco_table(path: Path) -> Path:
    b = DocxBuilder()
    b.heading("By year", 1)
    b.table(["Vendor", "Year 1", "Year 2", "Year 3", "Year 4", "Year 5", "Total"], YEARS,
            widths=[1.8] + [1] * 5 + [1.2])
    b.table(["Line", "Amount"], [["Licences", "1.234.567 TL"], ["Services", "€ 12 500"],
                                 ["Score", "4,4 puan"]], widths=[5, 1])
    return b.save(path)


def test_spaces_inside_numbers_become_no_break_spaces() -> None:
    assert unbreakable_numbers("1.234.567 TL") == f"1.234.567{NBSP}TL"
    assert unbreakable_numbers("1 234 567 and 4,4 puan") == f"1{NBSP}234{NBSP}567 and 4,4{NBSP}puan"
    assert unbreakable_numbers("€ 12 500") == f"€{NBSP}12{NBSP}500"
    assert unbreakable_numbers("Step 2 of the plan") == "Step 2 of the plan"
    assert is_number(f"1.234.567{NBSP}TL") and is_number("%35") and not is_number("SCN-X")


def test_docx_cells_hold_numbers_together_and_number_columns_are_wide_enough(
        tmp_path: Path) -> None:
    path = _tco_table(tmp_path / "tco.docx")
    with zipfile.ZipFile(path) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    assert f"<w:t xml:space=\"preserve\">1.234.567{NBSP}TL</w:t>" in xml
    assert f"€{NBSP}12{NBSP}500" in xml and f"4,4{NBSP}puan" in xml
    texts = re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml)
    assert not [t for t in texts if re.search(r"\d (\d{3}\b|TL\b|puan\b)", t)]
    # At 9 pt the nine-digit amounts and the vendor names do not fit side by side (each
    # column would get 1,210 twips and Word would break the numbers): the table is set a
    # little smaller and the number columns get the room their numbers need.
    table = Document(str(path)).tables[0]
    sizes = {run.font.size.pt for row in table.rows for cell in row.cells
             for p in cell.paragraphs for run in p.runs}
    assert sizes and max(sizes) < 9 and min(sizes) >= 7.5
    widths = [int(col.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w"))
              for col in table._tbl.tblGrid.iterchildren()]
    # On A4 (9,346 twips between the margins) the table is set at 8 pt: an 11-character
    # amount needs about 1,200 twips there with the cell margins.
    assert all(w >= 1250 for w in widths[1:]) and widths[0] >= 1200, widths
    assert sum(widths) <= 9346


@pytest.mark.skipif(LIBREOFFICE is None, reason="LibreOffice not installed")
def test_pdf_shows_every_amount_on_one_line(tmp_path: Path) -> None:
    pdf = convert_to_pdf(_tco_table(tmp_path / "tco.docx"), tmp_path)
    text = pdf_text(pdf)
    for row in YEARS:
        for amount in row[1:]:
            assert amount in text, amount


def test_comparison_report_cells_have_no_breakable_space_inside_a_number(
        tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(DATA / "project", project)
    files = render_report(project, lang="tr")
    with zipfile.ZipFile(files.docx) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    cells = re.findall(r"<w:tc>.*?</w:tc>", xml)
    texts = [t for cell in cells for t in re.findall(r"<w:t[^>]*>([^<]*)</w:t>", cell)]
    assert any(NBSP in t for t in texts)
    assert not [t for t in texts if re.search(r"\d (\d{3}\b|TL\b|TRY\b|EUR\b|puan\b)", t)]
