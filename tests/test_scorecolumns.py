"""Score records as columns: the database read for `score --from-db`, its checks and the engine.

Why: 459,000 records as objects took 550 MB; as columns they must give the same results and
the same problems, with the same messages, as the one reader's row checks.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from rendered import english
from sqlalchemy import insert

from crmselect.cli import main
from crmselect.errors import Issue
from crmselect.evaluationdb import Database, default_url
from crmselect.evaluationdb.schema import Score
from crmselect.evaluationdb.scoresfile import _database_source
from crmselect.model import DemoMark, ScoreRecord, ScoresFile
from crmselect.project import load_project
from crmselect.scorechecks import KEYS, Row, Source, check_columns, check_source
from crmselect.scorecolumns import ColumnScores, ScoreColumns
from crmselect.scoring import evaluate_project

ROWS = [
    ("murat", "suitecrm", "OPS-SFA-001", 4.0, ""),
    ("murat", "suitecrm", "OPS-SFA-002", 5.0, "  "),  # a 5 without a note
    ("nobody", "suitecrm", "OPS-SFA-001", 3.0, ""),  # unknown evaluator
    ("murat", "nosuchcrm", "OPS-SFA-001", 3.0, ""),  # unknown vendor
    ("murat", "suitecrm", "OPS-XXX-001", 3.0, ""),  # unknown requirement
    ("murat", "suitecrm", "SCN-NOPE.1", 2.5, ""),  # unknown scenario, not a whole point
    ("murat", "suitecrm", "OPS-SFA-001", 2.0, ""),  # given twice
    ("selin", "suitecrm", "OPS-SFA-003", 3.0, ""),  # a facilitator (scores: role ok)
    ("ozan", "suitecrm", "OPS-SFA-003", 3.0, ""),  # an observer does not score
    ("elif", "suitecrm", "OPS-SFA-004", 0.0, "x" * 4001),  # note too long
    ("elif", "suitecrm", "references", 3.0, ""),
]


def with_observer(project: Path) -> Path:
    path = project / "project.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = "  - {id: elif,"
    path.write_text(text.replace(anchor, "  - {id: ozan, name: Ozan Ak, role: observer}\n"
                                 + anchor, 1), encoding="utf-8")
    return project


def test_columns_hold_the_records_and_their_notes():
    cols = ScoreColumns.from_rows([ROWS[:4], [], ROWS[4:]])
    assert len(cols) == len(ROWS)
    assert [tuple(r[:5]) for r in cols] == [(*r[:3], r[3], r[4] or "") for r in ROWS]
    assert cols[1].note == "  " and cols[0].note == "" and cols[-1].target == "references"
    assert set(cols.notes) == {1, 9}  # only the records with a note keep one
    assert cols.indices("evaluator", ["elif", "murat"]).tolist() == [
        1, 1, -1, 1, 1, 1, 1, -1, -1, 0, 0]
    with pytest.raises(IndexError):
        cols[len(ROWS)]
    empty = ScoreColumns.from_rows([])
    assert len(empty) == 0 and list(empty) == []


def test_column_checks_say_what_the_row_checks_say(sample_project):
    lp = load_project(with_observer(sample_project), scores=False)
    demo = [DemoMark(evaluator="murat", vendor="suitecrm", scenario="SCN-NOPE",
                     requirement="OPS-SFA-001", shown="live")]
    records = [ScoreRecord.model_construct(evaluator=e, vendor=v, target=t, score=s, note=n,
                                           at=None, flags=None) for e, v, t, s, n in ROWS]
    file = ScoresFile.model_construct(weights_fingerprint=None, scores=records, demo=demo,
                                      consensus=[])
    expected = check_source(_database_source("sqlite:////x/evaluation.db", file), lp)
    cols = ScoreColumns.from_rows([ROWS])
    others = Source(Path("/x/evaluation.db"), [
        Row("demo", 0, 0, demo[0], label=" › ".join(KEYS["demo"](demo[0])))])

    def place(i: int, where: str, message, hint) -> Issue:
        label = " › ".join(ROWS[i][:3])
        return Issue(file="/x/evaluation.db", where=" › ".join(filter(None, (label, where))),
                     message=message, hint=hint)

    got = check_columns(ColumnScores(cols, demo), lp, place, others)
    assert [str(i) for i in got] == [str(i) for i in expected]
    assert len(got) >= 10  # every kind of problem above is there
    assert any("observer" in i.format(english) for i in got)


def test_the_engine_gives_the_same_result_from_columns(sample_project):
    lp = load_project(sample_project)
    rows = [(r.evaluator, r.vendor, r.target, r.score, r.note) for r in lp.scores.scores]
    cols = ColumnScores(ScoreColumns.from_rows([rows[:100], rows[100:]]), lp.scores.demo,
                        lp.scores.consensus, lp.scores.weights_fingerprint)
    a = evaluate_project(lp, monte_carlo_samples=200, seed=1).to_dict()
    b = evaluate_project(lp, cols, monte_carlo_samples=200, seed=1).to_dict()
    assert a == b


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_score_from_the_database_is_score_from_the_file(sample_project):
    assert run("scores", "push", sample_project)[0] == 0
    for command in ("score", "sensitivity"):
        code, from_file, _ = run(command, sample_project, "--format", "json", "--samples", 300)
        assert code == 0
        code, from_db, _ = run(command, sample_project, "--format", "json", "--samples", 300,
                               "--from-db")
        assert code == 0 and from_db == from_file


def test_score_from_a_database_with_bad_records_names_them(sample_project):
    assert run("scores", "push", sample_project)[0] == 0
    db = Database(default_url(sample_project))
    with db.write_connection() as conn:  # what the web form would refuse, written past it
        conn.execute(insert(Score), [
            {"evaluator_id": "ghost", "vendor_id": "suitecrm", "target": "OPS-SFA-001",
             "score": 3.0, "note": ""},
            {"evaluator_id": "murat", "vendor_id": "suitecrm", "target": "OPS-SFA-004",
             "score": 3.5, "note": ""}])
    db.dispose()
    code, out, err = run("score", sample_project, "--from-db")
    assert code == 1 and out == ""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert any("evaluation.db" in line and "ghost › suitecrm › OPS-SFA-001 › evaluator" in line
               for line in lines)
    assert any("murat › suitecrm › OPS-SFA-004 › score" in line and "3.5" in line
               for line in lines)


def test_score_from_a_database_that_is_not_there(sample_project):
    code, out, err = run("score", sample_project, "--from-db")
    assert code == 1 and "Traceback" not in err
    assert "evaluation.db" in err
    assert not (sample_project / "evaluation.db").exists()  # nothing made


def test_columns_of_many_records_are_arrays_not_objects():
    n = 20_000
    rows = [(f"e{i % 8}", f"v{i % 5}", f"REQ-{i % 400}", float(i % 6), "") for i in range(n)]
    cols = ScoreColumns.from_rows([rows[:7000], rows[7000:]])
    assert cols.codes["target"].dtype == np.int32 and len(cols.names["target"]) == 400
    assert cols.notes == {} and cols.score.tolist() == [float(i % 6) for i in range(n)]


@pytest.mark.postgres
def test_score_from_a_postgresql_database_is_score_from_the_file(sample_project):
    from conftest_web import postgres_url

    with postgres_url() as url:
        assert run("scores", "push", sample_project, "--db", url)[0] == 0
        code, from_file, _ = run("score", sample_project, "--format", "csv", "--samples", 200)
        assert code == 0
        code, from_db, err = run("score", sample_project, "--format", "csv", "--samples", 200,
                                 "--db", url)  # --db alone reads from that database
        assert code == 0, err
        assert from_db == from_file


def test_db_alone_scores_from_that_database(sample_project, tmp_path):
    url = f"sqlite:///{tmp_path / 'other.db'}"
    assert run("scores", "push", sample_project, "--db", url)[0] == 0
    (sample_project / "scores.yaml").write_text("scores: [\n", encoding="utf-8")  # broken
    code, out, err = run("score", sample_project, "--db", url, "--format", "csv")
    assert code == 0, err  # scores.yaml is not read: the database is
    code, _, err = run("score", sample_project, "--format", "csv")
    assert code == 1 and "scores.yaml" in err


BAD_SCORES_YAML = """\
scores:
- {evaluator: murat, vendor: suitecrm, target: OPS-SFA-001, score: 4}
- {evaluator: murat, vendor: suitecrm, target: OPS-SFA-002, score: 5, note: '  '}
- {evaluator: nobody, vendor: suitecrm, target: OPS-SFA-001, score: 3}
- {evaluator: murat, vendor: nosuchcrm, target: OPS-SFA-001, score: 3}
- {evaluator: murat, vendor: suitecrm, target: OPS-XXX-001, score: 3}
- {evaluator: murat, vendor: suitecrm, target: SCN-NOPE.1, score: 2.5}
- {evaluator: murat, vendor: suitecrm, target: OPS-SFA-001, score: 2}
- {evaluator: ozan, vendor: suitecrm, target: OPS-SFA-003, score: 3}
- {evaluator: elif, vendor: suitecrm, target: OPS-SFA-004, score: 0, note: '%s'}
demo:
- {evaluator: murat, vendor: suitecrm, scenario: SCN-NOPE, requirement: OPS-SFA-001, shown: live}
consensus:
- {vendor: suitecrm, target: OPS-SFA-001, score: 3.5, reason: agreed, by: nobody}
""" % ("x" * 4001)


def test_scores_yaml_checked_as_columns_says_what_the_rows_said(sample_project):
    from crmselect.loading import IssueCollector
    from crmselect.scorechecks import check_document, document_source

    project = with_observer(sample_project)
    (project / "scores.yaml").write_text(BAD_SCORES_YAML, encoding="utf-8")
    lp = load_project(project, scores=False)
    scores, doc = IssueCollector().load(project / "scores.yaml", ScoresFile)
    expected = check_source(document_source(project / "scores.yaml", scores, doc), lp)
    got = check_document(project / "scores.yaml", scores, doc, lp)
    assert [str(i) for i in got] == [str(i) for i in expected]
    assert len(got) >= 10
    assert any("scores[6]" in i.format(english) and "as line 2" in i.format(english)
               for i in got)  # first: line 2
    # and the project loader reports them so, each at its line and column
    code, _, err = run("score", project)
    assert code == 1
    shown = [line for line in err.splitlines() if "scores.yaml:" in line]
    assert len(shown) == len(expected)
    assert all(i.format(english).splitlines()[0] in shown for i in expected)
