"""The printed scoring sheets of the test-drive plan (issue #13 point 14): only this project's
requirements, one test-drive mark per requirement per scenario."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from docx import Document

from crmselect.documents.testdrive import render_testdrive
from crmselect.project import load_project
from crmselect.reporting.testdrive_context import build_testdrive_context

TODAY = dt.date(2027, 1, 5)


def shared_steps(root: Path) -> None:
    """Step 2 shows OPS-SFA-001 again and a catalog requirement the project did not select;
    the scenario also shows OPS-SRV-001, in no step."""
    path = next((root / "scenarios").glob("*.yaml"))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    scenario = data["scenarios"][0]
    scenario["steps"][1]["requirements"] = ["OPS-SFA-002", "OPS-SFA-001", "OPS-SFA-003"]
    scenario["steps"].append({"action": "Show the won deal again.", "expected": "Same deal.",
                              "requirements": ["OPS-SFA-002"]})
    scenario["requirements"] = ["OPS-SFA-001", "OPS-SFA-002", "OPS-SRV-001"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_marks_are_the_projects_requirements_once_per_scenario(basic):
    shared_steps(basic)
    lp = load_project(basic)
    assert "OPS-SFA-003" not in lp.requirements
    [sc] = build_testdrive_context(lp, "en", today=TODAY)["scenarios"]
    assert [[r["id"] for r in step["marks"]] for step in sc["steps"]] == [
        ["OPS-SFA-001"], ["OPS-SFA-002"], []]
    assert [r["id"] for r in sc["other_marks"]] == ["OPS-SRV-001"]
    # the script still lists what each step shows
    assert [r["id"] for r in sc["steps"][1]["requirements"]] == [
        "OPS-SFA-002", "OPS-SFA-001", "OPS-SFA-003"]


def test_printed_sheets_mark_each_requirement_once(basic):
    shared_steps(basic)
    files = render_testdrive(basic, lang="en", today=TODAY)
    doc = Document(str(files.docx))
    sheet = doc.tables[-1]
    marks = [row.cells[3].text for row in sheet.rows[1:]]
    text = "\n".join(marks)
    assert text.count("OPS-SFA-001 ") == 1 and text.count("OPS-SFA-002 ") == 1
    assert "OPS-SFA-003" not in text  # not this project's
    assert "OPS-SRV-001 " in text  # the scenario's own, on the "other requirements" row
    assert any(row.cells[1].text == "Other requirements of the scenario"
               for row in sheet.rows)
    assert "marked in an earlier step: OPS-SFA-002" in marks[2]
    md = files.markdown.read_text(encoding="utf-8")  # the same document model as the docx
    sheets = md[md.index("Scoring sheet — SCN-SALES"):]
    assert sheets.count("OPS-SFA-001 ") == 1 and sheets.count("OPS-SFA-002 ") == 1
    assert "OPS-SFA-003" not in sheets
    assert "**Other requirements of the scenario**" in sheets and "OPS-SRV-001 " in sheets
    assert "*marked in an earlier step: OPS-SFA-002*" in sheets
