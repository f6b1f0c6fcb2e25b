"""A response workbook whose answer cell holds a formula that failed (its saved result is
``#VALUE!``, ``#REF!``, ``#N/A``…): one error naming the cell, never the error code taken as
the vendor's comment or price."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from rendered import english
from test_documents_workbook import GOOD_ANSWERS, GOOD_COMPANY, GOOD_PRICING, _fill, _row

from crmselect.documents.workbook import write_workbook
from crmselect.errors import CrmselectError
from crmselect.i18n import render
from crmselect.responseimport import import_responses


@pytest.fixture
def project(tmp_path: Path) -> Path:
    import shutil

    target = tmp_path / "project"
    shutil.copytree(Path(__file__).parent / "data" / "documents" / "project", target)
    return target


def test_an_error_result_in_an_answer_cell_is_named(project: Path, tmp_path: Path) -> None:
    filled = _fill(write_workbook(project, vendor="odoo").path, GOOD_ANSWERS, GOOD_PRICING,
                   GOOD_COMPANY, tmp_path / "filled.xlsx")
    wb = load_workbook(filled)
    ws = wb["Requirements"]
    row = _row(ws, "OPS-SFA-001")
    ws[f"J{row}"] = "#VALUE!"  # openpyxl writes an error code as an error cell (t="e")
    assert ws[f"J{row}"].data_type == "e"
    wb.save(filled)
    target = project / "responses" / "odoo.yaml"
    with pytest.raises(CrmselectError) as info:
        import_responses(project, filled, "odoo")
    texts = [i.format(english) for i in info.value.issues]
    assert texts == [f"{filled}: Requirements!J{row}: a formula whose result is an error "
                     "(#VALUE!) (type the value itself)"], texts
    assert not target.exists()
    turkish = render(info.value.issues[0].message, "tr")
    assert turkish == "sonucu hata olan bir formül (#VALUE!)"


def test_an_error_result_beside_the_answers_is_not_read(project: Path, tmp_path: Path) -> None:
    filled = _fill(write_workbook(project, vendor="odoo").path, GOOD_ANSWERS, GOOD_PRICING,
                   GOOD_COMPANY, tmp_path / "filled.xlsx")
    wb = load_workbook(filled)
    wb["Pricing"]["F3"] = "#REF!"  # a vendor's own calculation beside the answers
    wb.save(filled)
    import_responses(project, filled, "odoo")
    assert "#REF!" not in (project / "responses" / "odoo.yaml").read_text(encoding="utf-8")
