"""A compliance cell merged over several requirement rows: when the import fails on the rows
after the first ("an answer but no compliance level"), the warning that names the merged
range is shown with the errors it explains, and is not counted as a problem."""

from __future__ import annotations

import shutil
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
    target = tmp_path / "project"
    shutil.copytree(Path(__file__).parent / "data" / "documents" / "project", target)
    return target


def test_the_merged_range_is_named_with_the_errors_it_causes(project: Path,
                                                              tmp_path: Path) -> None:
    answers = {rid: {**a, "comment": "yes"} for rid, a in GOOD_ANSWERS.items()}
    filled = _fill(write_workbook(project, vendor="odoo").path, answers, GOOD_PRICING,
                   GOOD_COMPANY, tmp_path / "filled.xlsx")
    wb = load_workbook(filled)
    ws = wb["Requirements"]
    first = _row(ws, "OPS-SFA-001")
    assert _row(ws, "OPS-SFA-002") == first + 1 and _row(ws, "OPS-SFA-003") == first + 2
    ws.merge_cells(f"I{first}:I{first + 2}")
    wb.save(filled)
    with pytest.raises(CrmselectError) as info:
        import_responses(project, filled, "odoo")
    issues = info.value.issues
    wheres = [i.where for i in issues]
    assert wheres == [f"Requirements!I{first}:I{first + 2}", f"Requirements!I{first + 1}",
                      f"Requirements!I{first + 2}"], [i.format(english) for i in issues]
    assert "are merged" in issues[0].format(english)
    assert english(info.value.summary).startswith("2 problems")
    assert not (project / "responses" / "odoo.yaml").exists()
    assert "birleştirilmiş" in render(issues[0].message, "tr")
