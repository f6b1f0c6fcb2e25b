"""A project that keeps its scores in ``scores.csv``, end to end: ``scores pull`` and
``scores import`` write that file in its own form (never a ``scores.yaml`` beside it),
``scores push`` reads it by default, and the weights' fingerprint travels in a CSV row of kind
``weights_fingerprint``, so that the warning about a missing one says what to do in a CSV."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from rendered import english

from crmselect.cli import main
from crmselect.errors import CrmselectError
from crmselect.evaluationdb import Database, default_url
from crmselect.evaluationdb.export import scores_file
from crmselect.model import ScoreRecord, ScoresFile
from crmselect.project import load_project
from crmselect.scorecolumns import ColumnScores, as_scores_file
from crmselect.scoresio import import_scores, project_scores_path, to_csv
from crmselect.scoresreader import read_scores
from crmselect.scoring import evaluate_project, weights_fingerprint

HEADER = "kind,evaluator,vendor,target,score,note,at,flags\r\n"


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def as_csv_project(project: Path, text: str) -> Path:
    (project / "scores.yaml").unlink()
    path = project / "scores.csv"
    path.write_bytes(text.encode("utf-8"))
    return path


def records(scores: ScoresFile | ColumnScores) -> dict[str, list[dict]]:
    """Every record, sorted, as plain data (times as instants: the database keeps UTC)."""
    file = as_scores_file(scores)
    out = {}
    for section in ("scores", "demo", "consensus"):
        rows = []
        for record in getattr(file, section):
            data = record.model_dump()
            if data.get("at") is not None:
                data["at"] = data["at"].astimezone(dt.UTC)
            rows.append(data)
        out[section] = sorted(rows, key=lambda r: json.dumps(r, default=str, sort_keys=True))
    return out


def database_records(project: Path) -> tuple[dict[str, list[dict]], str | None]:
    db = Database(default_url(project))
    try:
        with db.read() as session:
            file = scores_file(session)
    finally:
        db.dispose()
    return records(file), file.weights_fingerprint


# --- scores pull / push ------------------------------------------------------------------------


def test_pull_into_a_csv_project_writes_its_csv_and_reads_back_the_same_records(
        sample_project):
    yaml_path = sample_project / "scores.yaml"
    data = yaml.safe_load(yaml_path.read_bytes().decode())
    data["scores"][0]["note"] = "=SUM(A1) — a formula-looking note"
    yaml_path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert run("scores", "push", sample_project)[0] == 0
    held, fingerprint = database_records(sample_project)
    assert fingerprint

    path = as_csv_project(sample_project, HEADER)  # scores kept in CSV from now on
    code, out, err = run("scores", "pull", sample_project)
    assert code == 0, err
    assert "scores.csv" in out
    assert not yaml_path.exists()  # never both: the next load would refuse the project
    text = path.read_bytes().decode()
    assert text.startswith(HEADER + f"weights_fingerprint,,,,,{fingerprint},,\r\n")
    assert "'=SUM(A1)" in text  # formula-safe, as scores export writes it
    lp = load_project(sample_project)
    assert isinstance(lp.scores, ColumnScores)
    assert records(lp.scores) == held
    assert lp.scores.weights_fingerprint == fingerprint
    # and the record reader (scores import's) reads the same file the same way
    assert records(read_scores(path, load_project(sample_project, scores=False))) == held

    code, out, err = run("scores", "pull", sample_project)
    assert code == 0, err
    assert "is up to date" in out and path.read_bytes().decode() == text


def test_pull_into_a_csv_project_with_a_differing_score_writes_nothing_without_force(
        sample_project):
    assert run("scores", "push", sample_project)[0] == 0
    lp = load_project(sample_project)
    file = as_scores_file(lp.scores)
    first = file.scores[0]
    changed = first.model_copy(update={"score": 0 if first.score else 1, "note": "here"})
    path = as_csv_project(sample_project, to_csv(file.model_copy(
        update={"scores": [changed, *file.scores[1:]]})))
    before = path.read_bytes()
    code, _, err = run("scores", "pull", sample_project)
    assert code == 1
    assert "use --force" in err and "scores.csv already has" in err
    assert "scores.yaml" not in err
    assert path.read_bytes() == before
    assert not (sample_project / "scores.yaml").exists()


def test_push_reads_a_csv_projects_scores_csv_by_default(sample_project):
    lp = load_project(sample_project)
    file = as_scores_file(lp.scores)
    as_csv_project(sample_project, to_csv(file))
    code, out, err = run("scores", "push", sample_project)
    assert code == 0, err
    assert "scores.csv" in out
    n = len(file.scores) + len(file.demo) + len(file.consensus)
    assert f"{n} added, 0 updated, 0 unchanged" in out
    held, fingerprint = database_records(sample_project)
    assert held == records(file) and fingerprint == file.weights_fingerprint


def test_the_project_scores_file_is_the_one_the_project_keeps(tmp_path):
    assert project_scores_path(tmp_path).name == "scores.yaml"  # none yet
    (tmp_path / "scores.csv").write_text(HEADER)
    assert project_scores_path(tmp_path).name == "scores.csv"
    (tmp_path / "scores.yaml").write_text("scores: []\n")
    assert project_scores_path(tmp_path).name == "scores.yaml"  # both: the loader refuses


# --- scores import into a CSV project ----------------------------------------------------------


def test_import_into_a_csv_project_keeps_the_fingerprint_in_a_row(sample_project, tmp_path):
    path = as_csv_project(sample_project, HEADER)
    incoming = tmp_path / "filled-in.csv"
    incoming.write_text("evaluator,vendor,target,score,note\n"
                        "murat,suitecrm,OPS-SFA-001,4,\n", encoding="utf-8")
    lp = load_project(sample_project)
    result = import_scores(lp, incoming)
    assert result.added == 1
    assert not (sample_project / "scores.yaml").exists()
    fingerprint = weights_fingerprint(lp)
    assert f"weights_fingerprint,,,,,{fingerprint},,\r\n" in path.read_bytes().decode()
    again = load_project(sample_project)
    assert again.scores.weights_fingerprint == fingerprint
    codes = evaluate_project(again, monte_carlo_samples=0).warning_codes()
    assert not [c for c in codes if c.startswith("fingerprint")]


# --- the fingerprint in a CSV ------------------------------------------------------------------


def sample_rows(project: Path) -> str:
    """The sample's scores as CSV rows (after the header), without a fingerprint row."""
    file = as_scores_file(load_project(project).scores)
    text = to_csv(file.model_copy(update={"weights_fingerprint": None}))
    return text.split("\r\n", 1)[1]


def fingerprint_warnings(project: Path) -> list:
    ev = evaluate_project(load_project(project), monte_carlo_samples=0)
    return [w for w in ev.warnings if w.code.startswith("fingerprint")]


def test_a_csv_without_a_fingerprint_is_told_how_to_add_one_in_csv(sample_project):
    current = weights_fingerprint(load_project(sample_project))
    as_csv_project(sample_project, HEADER + sample_rows(sample_project))
    (warning,) = fingerprint_warnings(sample_project)
    assert warning.code == "fingerprint_missing_csv"
    text = english(warning.message())
    assert "scores.yaml" not in text
    assert f"add a row to scores.csv with weights_fingerprint in its kind column and {current}" \
        " in its note column" in text


def test_a_csv_with_the_fingerprint_row_gets_no_warning_wherever_the_row_is(sample_project):
    current = weights_fingerprint(load_project(sample_project))
    rows = sample_rows(sample_project).split("\r\n")
    for at in (0, 5, len(rows) - 1):
        as_csv_project(sample_project, HEADER + "\r\n".join(
            [*rows[:at], f"weights_fingerprint,,,,,{current},,", *rows[at:]]))
        assert fingerprint_warnings(sample_project) == []
        (sample_project / "scores.yaml").write_text("")  # for as_csv_project to remove


def test_a_csv_fingerprint_of_an_earlier_version_is_told_in_csv_terms(sample_project):
    current = weights_fingerprint(load_project(sample_project))
    weights_part = current.split(".")[0]
    as_csv_project(sample_project, "evaluator,vendor,target,score,note,kind\r\n"
                   f",,,,{weights_part},weights_fingerprint\r\n"
                   "murat,suitecrm,OPS-SFA-001,4,,\r\n")
    lp = load_project(sample_project)
    assert lp.scores.weights_fingerprint == weights_part
    (warning,) = fingerprint_warnings(sample_project)
    assert warning.code == "fingerprint_old_csv"
    assert f"put {current} in the note column of scores.csv's weights_fingerprint row" in \
        english(warning.message())


def test_the_yaml_advice_is_unchanged_for_a_yaml_project(sample_project):
    path = sample_project / "scores.yaml"
    data = yaml.safe_load(path.read_bytes().decode())
    del data["weights_fingerprint"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (warning,) = fingerprint_warnings(sample_project)
    assert warning.code == "fingerprint_missing"
    assert "add to scores.yaml: weights_fingerprint:" in english(warning.message())


@pytest.mark.parametrize(("rows", "line", "where", "text"), [
    ("weights_fingerprint,,,,,,,\r\n", 2, "note", "this one is empty"),
    ("weights_fingerprint,,,,,a.b.c,,\r\nscore,murat,odoo,references,3,,,\r\n"
     "weights_fingerprint,,,,,d.e.f,,\r\n", 4, "kind",
     "a second weights_fingerprint row (the first is on line 2)"),
])
def test_a_bad_fingerprint_row_is_named_by_line_and_field(sample_project, rows, line, where,
                                                          text):
    path = as_csv_project(sample_project, HEADER + rows)
    with pytest.raises(CrmselectError) as caught:
        load_project(sample_project)
    (issue,) = caught.value.issues
    assert (issue.file, issue.line, issue.where) == (str(path), line, where)
    assert text in caught.value.lines(english)[0]
    code, _, err = run("score", sample_project)
    assert code == 1 and "Traceback" not in err and f"scores.csv:{line}: {where}:" in err


def test_flags_and_times_go_through_a_csv_and_back(sample_project):
    lp = load_project(sample_project)
    at = dt.datetime(2027, 2, 23, 10, 34, tzinfo=dt.UTC)
    file = ScoresFile(weights_fingerprint=weights_fingerprint(lp), scores=[
        ScoreRecord(evaluator="murat", vendor="suitecrm", target="OPS-SFA-001", score=4,
                    note="after the reveal", at=at, flags=["changed_after_reveal"]),
        ScoreRecord(evaluator="elif", vendor="odoo", target="references", score=3, at=at,
                    flags=["changed_after_reveal", "interest_allowed"]),
        ScoreRecord(evaluator="elif", vendor="suitecrm", target="references", score=3),
    ])
    path = as_csv_project(sample_project, to_csv(file))
    assert "changed_after_reveal interest_allowed" in path.read_bytes().decode()
    loaded = load_project(sample_project)
    assert isinstance(loaded.scores, ColumnScores)
    assert records(loaded.scores) == records(file)
    assert records(read_scores(path, load_project(sample_project, scores=False))) == \
        records(file)


def test_an_import_conflict_in_a_csv_project_names_scores_csv(sample_project, tmp_path):
    as_csv_project(sample_project, HEADER + "score,murat,suitecrm,OPS-SFA-001,4,,,\r\n")
    incoming = tmp_path / "other.csv"
    incoming.write_text("evaluator,vendor,target,score,note\n"
                        "murat,suitecrm,OPS-SFA-001,3,\n", encoding="utf-8")
    before = (sample_project / "scores.csv").read_bytes()
    code, _, err = run("scores", "import", sample_project, incoming)
    assert code == 1
    assert "scores.csv already has 4, the import has 3" in err and "scores.yaml" not in err
    assert (sample_project / "scores.csv").read_bytes() == before
    code, out, err = run("scores", "import", sample_project, incoming, "--force")
    assert code == 0, err
    assert str(sample_project / "scores.csv") in out
    assert not (sample_project / "scores.yaml").exists()


# --- other commands that read the project's scores ---------------------------------------------


def test_status_names_scores_csv_as_its_source(sample_project):
    as_csv_project(sample_project, HEADER + sample_rows(sample_project))
    code, out, err = run("status", sample_project, "--format", "json", "--today", "2027-02-10")
    assert code == 0, err
    assert json.loads(out)["source"] == "scores_csv"
    code, out, err = run("status", sample_project, "--today", "2027-02-10", "--lang", "en")
    assert code == 0, err
    assert "scores.csv" in out.splitlines()[1] and "scores.yaml" not in out


def test_a_web_setup_edit_is_checked_against_the_projects_scores_csv(sample_project):
    from crmselect.webapp.setupfile import validate_text

    as_csv_project(sample_project, HEADER + "score,murat,suitecrm,OPS-SFA-001,4,,,\r\n")
    text = (sample_project / "project.yaml").read_text(encoding="utf-8")
    assert validate_text(sample_project, text) == []
    without_murat = "\n".join(line for line in text.split("\n")
                               if not line.startswith("  - {id: murat,"))
    issues = validate_text(sample_project, without_murat)
    assert issues and all(i.file == str(sample_project / "scores.csv") for i in issues)


def test_a_filled_in_scoring_sheet_goes_into_a_csv_projects_scores_csv(sample_project):
    from openpyxl import load_workbook

    as_csv_project(sample_project, HEADER)
    out = sample_project / "scoring-murat.xlsx"
    code, _, err = run("scores", "template", sample_project, "--evaluator", "murat",
                       "--out", out)
    assert code == 0, err
    wb = load_workbook(out)
    ws = wb["Requirements"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value
               == "OPS-SFA-001")
    ws.cell(row=row, column=5).value = 4  # column E: the first vendor's score
    wb.save(out)
    code, out_text, err = run("scores", "import", sample_project, out)
    assert code == 0, err
    assert "1 added" in out_text and str(sample_project / "scores.csv") in out_text
    assert not (sample_project / "scores.yaml").exists()
    lp = load_project(sample_project)
    assert [(r.evaluator, r.target, r.score) for r in lp.scores.scores] == \
        [("murat", "OPS-SFA-001", 4)]


def test_a_score_cleared_in_the_web_form_leaves_a_csv_project_with_force(sample_project):
    from crmselect.evaluationdb import audit
    from crmselect.evaluationdb.engine import open_project_database

    path = as_csv_project(sample_project, HEADER
                          + "score,murat,suitecrm,OPS-SFA-001,4,,,\r\n"
                          + "score,murat,odoo,OPS-SFA-001,3,,,\r\n")
    db = open_project_database(sample_project)
    try:
        with db.write_connection() as conn:  # given, then cleared in the web form
            for action, new in (("score", {"score": 4, "note": ""}), ("score_cleared", None)):
                audit.record(conn, actor="murat", action=action, evaluator="murat",
                             vendor="suitecrm", target="OPS-SFA-001", new=new)
    finally:
        db.dispose()
    before = path.read_bytes()
    code, _, err = run("scores", "pull", sample_project)
    assert code == 1
    assert "murat › suitecrm › OPS-SFA-001: scores.csv has 4, which was cleared in the web " \
        "form" in err
    assert path.read_bytes() == before
    code, out, err = run("scores", "pull", sample_project, "--force")
    assert code == 0, err
    assert "1 removed" in out
    lp = load_project(sample_project)
    assert [(r.vendor, r.score) for r in lp.scores.scores] == [("odoo", 3)]
    assert not (sample_project / "scores.yaml").exists()
