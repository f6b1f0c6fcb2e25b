"""Where the selection stands (issue 14, point 8): the steps, their states and next actions."""

from __future__ import annotations

import datetime as dt
import json
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from crmselect.catalog import load_catalog
from crmselect.cli import main
from crmselect.evaluationdb import Database
from crmselect.evaluationdb.scores import save_demo_mark, save_score
from crmselect.project import load_project
from crmselect.scaffold import scaffold_project
from crmselect.selectionstatus import (
    STEPS,
    Evidence,
    evidence_from_database,
    selection_status,
)

DAY = dt.date(2027, 2, 10)
TIMELINE = """\
timeline: {rfp_issued: 2027-01-11, questions_due: 2027-01-22, responses_due: 2027-02-05,
           test_drives_start: 2027-02-22, test_drives_end: 2027-03-05, decision: 2027-03-19,
           contract: 2027-04-02, kickoff: 2027-04-12, go_live: 2027-09-06}
"""
#: Two of three evaluators finished alpha; ayse scored every target of every vendor.
SCORES = """\
scores:
{rows}
"""
TARGETS = ["OPS-SFA-001", "OPS-SFA-002", "OPS-SRV-001", "OPS-MKT-001", "INT-FIN-001",
           "INT-API-001", "NFR-SEC-001", "NFR-PRV-001", "SCN-SALES.1", "SCN-SALES.2"]


def _append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as out:
        out.write(text)


def _scores(basic: Path, rows: list[tuple[str, str, str]]) -> None:
    lines = [f"  - {{evaluator: {e}, vendor: {v}, target: {t}, score: 3}}" for e, v, t in rows]
    (basic / "scores.yaml").write_text(SCORES.format(rows="\n".join(lines)), encoding="utf-8")


def states(found) -> dict[str, str]:
    return {s.id: s.state for s in found.steps}


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    """A project exactly as ``crmselect init`` writes it."""
    scaffold_project(tmp_path / "p", load_catalog())
    return tmp_path / "p"


def test_a_fresh_project_is_at_the_start(fresh: Path):
    found = selection_status(load_project(fresh), DAY)
    assert [s.id for s in found.steps] == list(STEPS)
    assert states(found) == {
        "needs": "in_progress", "budget": "not_started", "rfp": "not_started",
        "questions": "not_started", "responses": "not_started", "scoring": "not_started",
        "demos": "not_started", "references": "not_started", "decision": "not_started",
        "contract": "not_started", "migration": "not_started", "go_live": "not_started"}
    rfp = found.step("rfp")
    assert rfp.action.code == "status_rfp_shortlist"
    assert rfp.command == f"crmselect vendors compare {fresh}"
    assert found.step("needs").action.code == "status_needs_action"
    assert found.step("scoring").action.code == "status_scoring_no_evaluators"
    assert found.source == "no_scores"  # neither scores.yaml nor a database yet


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "no scores yet (no scores.yaml, no evaluation database)"),
    ("tr", "henüz puan yok (scores.yaml da değerlendirme veritabanı da yok)")])
def test_status_says_there_are_no_scores_yet(fresh: Path, lang: str, line: str):
    """Not "scores from scores.yaml" for a project that has no such file."""
    result = CliRunner().invoke(main, ["status", str(fresh), "--lang", lang,
                                       "--today", "2027-01-04"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1].endswith(f"; {line}")
    (fresh / "scores.yaml").write_text("scores: []\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["status", str(fresh), "--lang", "en"])
    assert result.stdout.splitlines()[1].endswith("; scores from scores.yaml")


def test_dates_passed_without_evidence_are_overdue(fresh: Path):
    text = (fresh / "project.yaml").read_text(encoding="utf-8")
    (fresh / "project.yaml").write_text(text.replace("\nrequirements:\n", "\n" + TIMELINE
                                                     + "requirements:\n", 1), encoding="utf-8")
    found = selection_status(load_project(fresh), DAY)
    assert states(found)["needs"] == "overdue"
    assert states(found)["budget"] == "overdue" and states(found)["rfp"] == "overdue"
    assert states(found)["responses"] == "overdue"  # due 5 February, nothing received
    assert found.step("rfp").due == dt.date(2027, 1, 11)
    # on the day before the RFP is due, the same project is only not started
    assert states(selection_status(load_project(fresh), dt.date(2027, 1, 10)))["rfp"] == \
        "not_started"


def test_responses_scoring_demos_and_references(basic: Path):
    _append(basic / "project.yaml", TIMELINE)
    (basic / "responses" / "gamma.yaml").unlink()
    rows = [("ayse", v, t) for v in ("alpha", "beta") for t in TARGETS]
    rows += [("mehmet", "alpha", t) for t in TARGETS[:4]]
    rows += [("ayse", "alpha", "references")]
    _scores(basic, rows)
    found = selection_status(load_project(basic), DAY)
    responses = found.step("responses")
    assert responses.state == "overdue"  # due 2027-02-05, gamma has not answered
    assert (responses.detail.code, responses.detail.params) == (
        "status_responses_detail", {"n": 2, "m": 3})
    assert responses.command == f"crmselect responses import {basic} FILE --vendor gamma"
    scoring = found.step("scoring")
    assert scoring.state == "in_progress"
    assert [(p.id, p.given, p.expected, p.finished) for p in scoring.evaluators] == [
        ("ayse", 20, 20, True), ("mehmet", 4, 20, False), ("zeynep", 0, 20, False)]
    assert scoring.detail.params == {"n": 1, "m": 3}
    assert scoring.action.params == {"people": "Mehmet Öz, Zeynep Kara"}
    assert scoring.page == "/facilitator/"
    demos = found.step("demos")  # test drives start on 22 February: in progress by evidence
    assert (demos.state, demos.detail.params) == ("done", {"n": 2, "m": 2})
    references = found.step("references")
    assert (references.state, references.detail.params) == ("in_progress", {"n": 1, "m": 2})
    assert references.action.params == {"vendors": "Beta CRM"}  # by name, as the ranking
    assert responses.action.params == {"vendors": "Gamma CRM"}
    assert states(found)["rfp"] == "done" and states(found)["questions"] == "done"


def test_scoring_is_overdue_after_the_test_drives(basic: Path):
    _append(basic / "project.yaml", TIMELINE)
    _scores(basic, [("ayse", "alpha", "OPS-SFA-001")])
    found = selection_status(load_project(basic), dt.date(2027, 3, 6))
    assert states(found)["scoring"] == "overdue" and states(found)["demos"] == "overdue"
    assert states(found)["decision"] == "not_started"


def test_the_decision_and_the_steps_after_it(basic: Path):
    _append(basic / "project.yaml", TIMELINE + "decision: {vendor: alpha, date: 2027-03-18, "
            "approved_by: {en: The board, tr: Yönetim kurulu}}\n")
    found = selection_status(load_project(basic), dt.date(2027, 5, 1))
    decision = found.step("decision")
    assert (decision.state, decision.on, decision.action) == ("done", dt.date(2027, 3, 18), None)
    assert decision.detail.code == "status_decision_by"
    assert decision.detail.params == {"vendor": "Alpha CRM", "by": "The board"}
    assert states(found)["contract"] == "done"  # by the timeline: 2 April has passed
    assert found.step("contract").detail.code == "status_by_timeline"
    assert states(found)["migration"] == "in_progress"  # kickoff passed, go-live not yet
    assert states(found)["go_live"] == "in_progress"
    assert states(selection_status(load_project(basic), dt.date(2027, 9, 6)))["go_live"] == "done"


def test_without_a_decision_go_live_is_overdue_not_done(basic: Path):
    _append(basic / "project.yaml", TIMELINE)
    found = selection_status(load_project(basic), dt.date(2027, 10, 1))
    assert {k: states(found)[k] for k in ("decision", "contract", "migration", "go_live")} == {
        "decision": "overdue", "contract": "overdue", "migration": "overdue",
        "go_live": "overdue"}


def test_evidence_from_the_database(basic: Path, tmp_path: Path):
    db = Database(f"sqlite:///{tmp_path / 'evaluation.db'}")
    db.migrate()
    try:
        with db.write() as s:
            save_score(s, actor="ayse", evaluator="ayse", vendor="beta", target="references",
                       score=4, note="")
            save_demo_mark(s, actor="ayse", evaluator="ayse", vendor="gamma",
                           scenario="SCN-SALES", requirement="OPS-SFA-002", shown="live")
        evidence = evidence_from_database(db)
    finally:
        db.dispose()
    assert evidence == Evidence("database", {("ayse", "beta"): frozenset({"references"})},
                                frozenset({"gamma"}))
    found = selection_status(load_project(basic), DAY, evidence)
    assert found.source == "database"
    assert found.step("references").detail.params == {"n": 1, "m": 3}
    assert found.step("demos").detail.params == {"n": 1, "m": 3}


# --- the command ------------------------------------------------------------------------------


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_status_json(basic: Path):
    _append(basic / "project.yaml", TIMELINE)
    result = run("status", basic, "--format", "json", "--today", "2027-02-10")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["today"] == "2027-02-10" and data["source"] == "scores_file"
    responses = next(s for s in data["steps"] if s["id"] == "responses")
    assert responses == {
        "id": "responses", "title": "Responses received", "state": "done",
        "state_text": "done", "due": "2027-02-05", "done_on": None,
        "detail": "3 of 3 vendors", "next_action": None, "command": None, "page": None,
        "evaluators": []}
    decision = next(s for s in data["steps"] if s["id"] == "decision")
    assert decision["next_action"] == ("Record the decision in project.yaml: decision: "
                                       "{vendor, date, approved_by}")


def test_status_table_in_turkish(basic: Path):
    _append(basic / "project.yaml", TIMELINE)
    result = run("status", basic, "--today", "2027-03-06", "--lang", "tr")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.splitlines()[0] == "Seçim süreci nerede: Scoring fixture"
    assert "bugün 06.03.2027; puanlar: scores.yaml" in out
    assert "Puanlama" in out and "! gecikti" in out and "Yanıtlar alındı" in out
    assert "→ Puanlamayı henüz bitirmeyenler: " in out
    assert "web formu sayfası: /facilitator/" in out


def test_status_reads_the_database_when_there_is_one(basic: Path):
    db = Database(f"sqlite:///{basic / 'evaluation.db'}")
    db.migrate()
    db.dispose()
    result = run("status", basic, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["source"] == "database"


def test_status_of_an_invalid_project_says_why(basic: Path):
    _append(basic / "project.yaml", "decision: {vendor: nobody}\n")
    result = run("status", basic)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "the chosen vendor 'nobody' is not one of the project's vendors" in result.stderr


def test_status_refuses_a_bad_day(basic: Path):
    result = run("status", basic, "--today", "10.02.2027")
    assert result.exit_code == 2 and "10.02.2027" in result.stderr


def test_the_budget_is_written_in_the_readers_currency_spelling(basic: Path):
    from crmselect.i18n import text

    path = basic / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "currency: EUR\nexchange_rates: {USD: 0.9}",
        "currency: TRY\nexchange_rates: {USD: 34.5, EUR: 37.5}"),
                    encoding="utf-8")
    detail = selection_status(load_project(basic), DAY).step("budget").detail
    assert "100.000 TL" in text(detail, "tr") and "TRY" not in text(detail, "tr")
    assert "100,000 TRY" in text(detail, "en")


def test_the_actions_name_vendors_and_the_references_target_in_the_readers_language(basic: Path):
    from crmselect.i18n import text

    _scores(basic, [("ayse", "alpha", "references")])
    found = selection_status(load_project(basic), DAY)
    action = found.step("references").action
    assert text(action, "tr") == (
        "Beta CRM, Gamma CRM referanslarıyla görüşün ve puanlayın (hedef: references)")
    assert text(action, "en") == (
        "Call the references of Beta CRM, Gamma CRM and score them (target: references)")


# --- a folder with spaces in the next commands -----------------------------------------------


def run_cli(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.output


def test_status_commands_quote_a_folder_with_spaces(tmp_path, basic):
    root = tmp_path / "Kuzey Yedek Parça"
    shutil.move(basic, root)
    code, out = run_cli("status", root, "--today", "2027-03-20")
    assert code == 0, out
    commands = [line.strip()[2:] for line in out.splitlines() if line.strip().startswith("$ ")]
    assert commands
    for command in commands:
        if str(root) in command:
            assert shlex.quote(str(root)) in command
            assert str(root) in shlex.split(command)
