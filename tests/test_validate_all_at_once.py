"""``validate`` reports schema and cross-file problems in one run (issue 14).

A schema error in one part of a file no longer hides the cross-file problems of the rest:
the parts that failed are left out, the rest is cross-checked, and everything is reported
together, sorted by file and line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rendered import english

from crmselect.cli import main
from crmselect.errors import CrmselectError
from crmselect.project import load_project


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(root: Path) -> list[str]:
    with pytest.raises(CrmselectError) as caught:
        load_project(root)
    return [f"{Path(i.file).relative_to(root)}:{i.line}:{i.column}: {i.where}: {english(i.message)}"
            for i in caught.value.issues]


def test_schema_error_and_unknown_requirement_in_one_run(basic: Path):
    _edit(basic / "project.yaml", "organisation: {name: Fixture Ltd}",
          "organisation: {name: Fixture Ltd, employees: many}")
    _edit(basic / "responses" / "alpha.yaml", "  NFR-PRV-001: {compliance: native}",
          "  NFR-PRV-001: {compliance: native}\n  OPS-SFA-099: {compliance: native}")
    result = CliRunner().invoke(main, ["validate", str(basic)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0] == (f"{basic}/project.yaml:3:46: organisation.employees: expected a whole "
                        "number, got 'many'")
    assert lines[1].startswith(f"{basic}/responses/alpha.yaml:20:3: responses.OPS-SFA-099: ")
    assert "OPS-SFA-099" in lines[1]
    assert lines[-1] == "Error: 2 problems in 2 files; nothing was loaded."
    assert "Traceback" not in result.output


def test_problems_are_sorted_by_file_and_line(basic: Path):
    """A response problem, a scores problem and two project problems: compiler order."""
    _edit(basic / "scores.yaml", "{evaluator: mehmet, vendor: alpha, target: OPS-SFA-001, "
          "score: 4}", "{evaluator: mehmet, vendor: alpha, target: OPS-SFA-001, score: 9}")
    _edit(basic / "scores.yaml", "{evaluator: ayse, vendor: beta, target: OPS-SFA-001, "
          "score: 4}", "{evaluator: ayshe, vendor: beta, target: OPS-SFA-001, score: 4}")
    _edit(basic / "project.yaml", "tco: {horizon_years: 5,", "tco: {horizon_years: 55,")
    _edit(basic / "project.yaml", "vendors: [alpha, beta, gamma]",
          "vendors: [alpha, beta, gamma, delta]")
    found = _problems(basic)
    assert [line.split(": ")[0] for line in found] == [
        "project.yaml:10:22", "project.yaml:26:31", "scores.yaml:3:68", "scores.yaml:5:17"]
    assert "ayshe" in found[3]


def test_a_bad_list_item_keeps_the_positions_of_the_others(basic: Path):
    """The item that failed is left out; a later problem still names its own line."""
    _edit(basic / "project.yaml", "  - {id: ayse, name: Ayşe Yılmaz}",
          "  - {id: Ayse!, name: Ayşe Yılmaz}")
    _edit(basic / "project.yaml", "  - {id: zeynep, name: Zeynep Kara}",
          "  - {id: mehmet, name: Zeynep Kara}")
    found = _problems(basic)
    assert found[0].startswith("project.yaml:23:10: evaluators[1].id: ")
    assert found[1] == "project.yaml:25:5: evaluators[3]: duplicate id 'mehmet'"
    # ayse's scores name the evaluator left out: a consequence, not reported a second time
    assert len(found) == 2


def test_a_required_key_that_fails_stops_before_the_cross_checks(basic: Path):
    _edit(basic / "project.yaml", "organisation: {name: Fixture Ltd}", "organisation: Fixture")
    _edit(basic / "responses" / "alpha.yaml", "  NFR-PRV-001: {compliance: native}",
          "  NFR-PRV-001: {compliance: native}\n  OPS-SFA-099: {compliance: native}")
    found = _problems(basic)
    assert len(found) == 1 and found[0].startswith("project.yaml:3:15: organisation: ")


def test_a_bad_response_entry_does_not_hide_an_unknown_one(basic: Path):
    _edit(basic / "responses" / "alpha.yaml", "  OPS-SFA-002: {compliance: native}",
          "  OPS-SFA-002: {compliance: natve}\n  OPS-SFA-098: {compliance: native}")
    found = _problems(basic)
    assert [line.split(": ")[0] for line in found] == [
        "responses/alpha.yaml:13:29", "responses/alpha.yaml:14:3"]
    assert "did you mean native?" not in found[0]  # the hint is not part of the message


def test_decision_names_a_vendor_of_the_project(basic: Path):
    with (basic / "project.yaml").open("a", encoding="utf-8") as out:
        out.write("decision: {vendor: alpah, date: 2027-03-19, approved_by: Board}\n")
    with pytest.raises(CrmselectError) as caught:
        load_project(basic)
    (issue,) = caught.value.issues
    assert (issue.line, issue.column, issue.where) == (28, 20, "decision.vendor")
    assert english(issue.message) == "the chosen vendor 'alpah' is not one of the project's vendors"
    assert english(issue.hint) == "did you mean alpha?"
    _edit(basic / "project.yaml", "vendor: alpah", "vendor: alpha")
    assert load_project(basic).project.decision.approved_by == "Board"


def test_a_requirement_id_written_short_is_left_out_and_the_rest_checked(basic: Path):
    """``- OPS-MKT-01`` (a plain id, read as ``{id: …}``) fails inside a value the file wrote
    in a shorter form; the item is still left out and the other files still loaded."""
    _edit(basic / "project.yaml", "  - {id: OPS-MKT-001, priority: could}", "  - OPS-MKT-01")
    _edit(basic / "responses" / "alpha.yaml", "  NFR-PRV-001: {compliance: native}",
          "  NFR-PRV-001: {compliance: native}\n  OPS-SFA-099: {compliance: native}")
    found = _problems(basic)
    assert found[0].startswith("project.yaml:15:5: requirements[3]")
    assert "OPS-MKT-01" in found[0]
    # with a requirement left out, "not a requirement of this project" would be a consequence
    # (alpha answers OPS-MKT-001): the responses' ids are checked once the list validates
    assert len(found) == 1
    _edit(basic / "project.yaml", "  - OPS-MKT-01", "  - OPS-MKT-001")
    (line,) = _problems(basic)
    assert line.startswith("responses/alpha.yaml:20:3: responses.OPS-SFA-099")


def test_a_vendor_left_out_hides_no_other_problem(basic: Path):
    """A bad vendor id in project.yaml: its response file and scores are not reported as
    unknown (a consequence), but a scores problem of another kind still is."""
    _edit(basic / "project.yaml", "vendors: [alpha, beta, gamma]", "vendors: [alpha, Beta, gamma]")
    _edit(basic / "scores.yaml", "{evaluator: mehmet, vendor: alpha, target: OPS-SFA-001, "
          "score: 4}", "{evaluator: mehmett, vendor: alpha, target: OPS-SFA-001, score: 4}")
    found = _problems(basic)
    assert [line.split(": ")[0] for line in found] == ["project.yaml:26:18", "scores.yaml:3:17"]
    assert "mehmett" in found[1]
