"""scores push|pull: a scores file into the evaluation database and the database's scores back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest_web import postgres_url
from sqlalchemy import func, select

from crmselect.cli import main
from crmselect.errors import display_path
from crmselect.evaluationdb import Database, default_url, settings
from crmselect.evaluationdb.schema import AuditEntry, Consensus, DemoMark, Score


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def counts(url: str) -> dict[str, int]:
    db = Database(url)
    try:
        with db.read() as s:
            return {name: s.scalar(select(func.count()).select_from(table)) or 0
                    for name, table in (("scores", Score), ("demo", DemoMark),
                                        ("consensus", Consensus), ("audit", AuditEntry))}
    finally:
        db.dispose()


def db_score(url: str, evaluator: str, vendor: str, target: str) -> Score:
    db = Database(url)
    try:
        with db.read() as s:
            return s.scalars(select(Score).where(
                Score.evaluator_id == evaluator, Score.vendor_id == vendor,
                Score.target == target)).one()
    finally:
        db.dispose()


def totals(project: Path) -> dict[str, float]:
    code, out, err = run("score", project, "--format", "json", "--samples", "0")
    assert code == 0, err
    data = json.loads(out)
    return {r["vendor"]: r["total"] for r in data["ranking"]}


def file_records(project: Path) -> dict[str, int]:
    data = yaml.safe_load((project / "scores.yaml").read_text(encoding="utf-8"))
    return {k: len(data.get(k) or []) for k in ("scores", "demo", "consensus")}


@pytest.fixture
def sample_db(sample_project: Path) -> str:
    return default_url(sample_project)


def test_push_the_sample_scores_into_a_fresh_database(sample_project, sample_db):
    expected = file_records(sample_project)
    assert expected["scores"] and expected["demo"] and expected["consensus"]
    code, out, err = run("scores", "push", sample_project)
    assert code == 0, err
    total = sum(expected.values())
    assert (f"{total} added, 0 updated, 0 unchanged, 0 kept ({expected['scores']} scores, "
            f"{expected['demo']} test-drive marks, {expected['consensus']} consensus records)"
            ) in out
    found = counts(sample_db)
    assert {k: found[k] for k in expected} == expected
    assert found["audit"] == total  # one entry per change, by "import"
    db = Database(sample_db)
    with db.read() as s:
        actors = set(s.scalars(select(AuditEntry.actor)))
        fingerprint = settings.weights_fingerprint(s)
        first = s.scalars(select(Score).where(Score.evaluator_id == "murat",
                                              Score.vendor_id == "suitecrm",
                                              Score.target == "OPS-SFA-001")).one()
    db.dispose()
    assert actors == {"import"}
    original = yaml.safe_load((sample_project / "scores.yaml").read_text(encoding="utf-8"))
    assert fingerprint == original["weights_fingerprint"]
    record = next(r for r in original["scores"] if (r["evaluator"], r["vendor"], r["target"])
                  == ("murat", "suitecrm", "OPS-SFA-001"))
    assert (first.score, first.note) == (record["score"], record["note"])
    assert first.updated_at.isoformat() == "2027-02-23T10:34:00+00:00"  # 13:34 in İzmir


def test_pushing_twice_changes_nothing(sample_project, sample_db):
    assert run("scores", "push", sample_project)[0] == 0
    before = counts(sample_db)
    code, out, err = run("scores", "push", sample_project)
    assert code == 0, err
    n = sum(file_records(sample_project).values())
    assert f"0 added, 0 updated, {n} unchanged, 0 kept" in out
    assert counts(sample_db) == before


def _round_trip(project: Path, url: str | None) -> None:
    db = ["--db", url] if url else []
    expected = totals(project)
    original = file_records(project)
    code, _, err = run("scores", "push", project, *db)
    assert code == 0, err
    (project / "scores.yaml").write_text("scores: []\n", encoding="utf-8")
    assert totals(project) != expected  # declared coverage only
    code, out, err = run("scores", "pull", project, *db)
    assert code == 0, err
    assert f"{sum(original.values())} added, 0 updated, 0 unchanged; written to" in out
    assert file_records(project) == original
    assert totals(project) == pytest.approx(expected)
    code, out, err = run("scores", "pull", project, *db)
    assert code == 0, err
    assert "is up to date" in out


def test_round_trip_through_sqlite_gives_the_same_totals(sample_project):
    _round_trip(sample_project, None)


@pytest.mark.postgres
def test_round_trip_through_postgresql_gives_the_same_totals(sample_project):
    with postgres_url() as url:
        _round_trip(sample_project, url)
        assert counts(url)["scores"] == file_records(sample_project)["scores"]


def test_a_differing_score_is_kept_without_force_and_replaced_with_it(sample_project,
                                                                       sample_db):
    assert run("scores", "push", sample_project)[0] == 0
    changed = sample_project / "changed.yaml"
    changed.write_text(
        "scores:\n"
        "- {evaluator: murat, vendor: suitecrm, target: OPS-SFA-001, score: 2,"
        " note: seen again}\n"
        "- {evaluator: burak, vendor: odoo, target: OPS-SFA-001, score: 3}\n",
        encoding="utf-8")
    before = db_score(sample_db, "murat", "suitecrm", "OPS-SFA-001")
    code, out, err = run("scores", "push", sample_project, changed)
    assert code == 0, err
    assert "1 added, 0 updated, 0 unchanged, 1 kept" in out
    assert f"{display_path(changed)}:2: murat › suitecrm › OPS-SFA-001: the database has " in err
    assert "use --force" in err
    kept = db_score(sample_db, "murat", "suitecrm", "OPS-SFA-001")
    assert (kept.score, kept.note, kept.version) == (before.score, before.note, 1)

    audit_before = counts(sample_db)["audit"]
    code, out, err = run("scores", "push", sample_project, changed, "--force")
    assert code == 0, err
    assert "0 added, 1 updated, 1 unchanged, 0 kept" in out
    now = db_score(sample_db, "murat", "suitecrm", "OPS-SFA-001")
    assert (now.score, now.note, now.version) == (2, "seen again", 2)
    assert counts(sample_db)["audit"] == audit_before + 1


BAD = """\
scores:
- {evaluator: murat, vendor: suitecrm, target: OPS-SFA-001, score: 4, note: fine}
- {evaluator: muratt, vendor: suitecrm, target: OPS-SFA-002, score: 4}
- {evaluator: murat, vendor: suitecrm, target: OPS-SFA-003, score: 7, note: too good}
"""


def test_a_bad_file_writes_nothing_and_names_every_line(sample_project, sample_db):
    bad = sample_project / "bad.yaml"
    bad.write_text(BAD, encoding="utf-8")
    code, out, err = run("scores", "push", sample_project, bad)
    assert code == 1
    assert "Traceback" not in err
    lines = err.splitlines()
    name = display_path(bad)
    assert lines[0].startswith(f"{name}:3:") and "no such evaluator 'muratt'" in lines[0]
    assert lines[1].startswith(f"{name}:4:") and "7 must be <= 5" in lines[1]
    assert lines[-1] == "Error: 2 problems in 1 file; nothing was imported."
    assert not (sample_project / "evaluation.db").exists()  # not even an empty database

    assert run("scores", "push", sample_project)[0] == 0
    before = counts(sample_db)
    assert run("scores", "push", sample_project, bad)[0] == 1
    assert counts(sample_db) == before


def test_the_web_forms_rules_are_checked_with_their_lines(sample_project):
    bad = sample_project / "rules.yaml"
    bad.write_text(
        "scores:\n"
        "- {evaluator: murat, vendor: odoo, target: OPS-SFA-001, score: 5}\n"
        "- {evaluator: murat, vendor: odoo, target: OPS-SFA-002, score: 3.5, note: half}\n"
        "- {evaluator: hakan, vendor: odoo, target: OPS-SFA-003, score: 3}\n"
        "- {evaluator: deniz, vendor: odoo, target: OPS-SFA-003, score: 3}\n"
        "- {evaluator: murat, vendor: odoo, target: OPS-SFA-001, score: 4}\n"
        "demo:\n"
        "- {evaluator: murat, vendor: odoo, scenario: SCN-LEAD2DEAL, requirement: NFR-SEC-001,"
        " shown: live}\n"
        "consensus:\n"
        "- {vendor: odoo, target: OPS-SFA-001, score: 4, reason: agreed, by: selinn}\n",
        encoding="utf-8")
    code, _, err = run("scores", "push", sample_project, bad, "--lang", "en")
    assert code == 1
    lines = err.splitlines()
    name = display_path(bad)
    expected = [
        (2, "a score of 5 needs a note"),
        (3, "3.5 is not a whole point"),
        (4, "hakan has the role observer"),
        (5, "deniz scores only integration, non_functional; OPS-SFA-003 is in operational"),
        (6, "the same evaluator, vendor and target as line 2"),
        (8, "NFR-SEC-001 is not one of the requirements scenario SCN-LEAD2DEAL demonstrates"),
        (10, "no such person 'selinn' in project.yaml"),
    ]
    assert len(lines) == len(expected) + 1
    for line, (number, text) in zip(lines, expected, strict=False):
        assert line.startswith(f"{name}:{number}:") and text in line, line
    assert not (sample_project / "evaluation.db").exists()


def test_messages_in_turkish(sample_project):
    bad = sample_project / "bad.yaml"
    bad.write_text(BAD.replace("score: 7, note: too good", "score: 1"), encoding="utf-8")
    code, _, err = run("scores", "push", sample_project, bad, "--lang", "tr")
    assert code == 1
    assert "1 puanı için nedenini açıklayan bir not gerekir" in err
    code, out, _ = run("scores", "push", sample_project, "--lang", "tr")
    assert code == 0
    assert "eklendi" in out and "uzlaşı kaydı" in out


def test_push_a_csv_file(sample_project, sample_db):
    csv_file = sample_project / "offline.csv"
    csv_file.write_text(
        "evaluator,vendor,target,score,note\n"
        "burak,odoo,OPS-SFA-001,4,\n"
        "burak,odoo,OPS-SFA-002,1,\"shown on slides only, not live\"\n",
        encoding="utf-8")
    code, out, err = run("scores", "push", sample_project, csv_file)
    assert code == 0, err
    assert "2 added, 0 updated, 0 unchanged, 0 kept (2 scores, 0 test-drive marks" in out
    assert counts(sample_db)["scores"] == 2
    low = db_score(sample_db, "burak", "odoo", "OPS-SFA-002")
    assert (low.score, low.note) == (1, "shown on slides only, not live")


def test_a_bad_csv_names_every_row(sample_project):
    csv_file = sample_project / "offline.csv"
    csv_file.write_text(
        "evaluator,vendor,target,score,note\n"
        "burak,odoo,OPS-SFA-001,4,\n"
        "burakk,odoo,OPS-SFA-002,3,\n"
        "burak,odoo,OPS-SFA-003,7,\n",
        encoding="utf-8")
    code, _, err = run("scores", "push", sample_project, csv_file)
    assert code == 1
    name = display_path(csv_file)
    lines = err.splitlines()
    assert lines[0].startswith(f"{name}:3: evaluator: no such evaluator 'burakk'")
    assert lines[1].startswith(f"{name}:4: score: 7 must be <= 5")
    assert not (sample_project / "evaluation.db").exists()


def test_pull_keeps_a_differing_score_without_force(sample_project):
    assert run("scores", "push", sample_project)[0] == 0
    path = sample_project / "scores.yaml"
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    first = data["scores"][0]
    data["scores"][0] = {**first, "score": 0 if first["score"] else 1, "note": "changed here"}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    changed = path.read_text(encoding="utf-8")
    code, _, err = run("scores", "pull", sample_project)
    assert code == 1
    where = f"{first['evaluator']} › {first['vendor']} › {first['target']}"
    assert where in err and "use --force" in err
    assert path.read_text(encoding="utf-8") == changed  # nothing written
    code, out, err = run("scores", "pull", sample_project, "--force")
    assert code == 0, err
    assert "0 added, 1 updated" in out
    pulled = yaml.safe_load(path.read_text(encoding="utf-8"))["scores"]
    again = next(r for r in pulled if (r["evaluator"], r["vendor"], r["target"])
                 == (first["evaluator"], first["vendor"], first["target"]))
    assert again["score"] == first["score"]


def test_pull_without_a_database_says_so(sample_project):
    code, _, err = run("scores", "pull", sample_project)
    assert code == 1
    assert "no evaluation database here yet" in err
    assert not (sample_project / "evaluation.db").exists()
