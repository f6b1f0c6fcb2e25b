"""The evaluation database: migrations (run at start, keep the scores), SQLite settings, the
store's own rules, disagreements and the consensus version check."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from clirun import checksums, run
from sqlalchemy import text

from crmselect.evaluationdb import Database, consensus, scores
from crmselect.evaluationdb.engine import default_url
from crmselect.evaluationdb.migrate import current_revision, head_revision, upgrade
from crmselect.evaluationdb.schema import Base, Score


@pytest.fixture
def database(db_url: str):
    db = Database(db_url)
    yield db
    db.dispose()


def test_default_database_is_sqlite_in_the_project(tmp_path: Path) -> None:
    assert default_url(tmp_path) == f"sqlite:///{tmp_path.resolve() / 'evaluation.db'}"


def test_migrations_build_exactly_the_models_schema(database: Database) -> None:
    database.migrate()
    assert current_revision(database) == head_revision() == "0004"
    with database.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                Base.metadata)
    assert diff == []


def test_upgrading_keeps_existing_scores(database: Database) -> None:
    upgrade(database, "0001")
    assert current_revision(database) == "0001"
    with database.engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO score (evaluator_id, vendor_id, target, score, note, updated_at, "
            "version) VALUES ('ayse', 'odoo', 'INT-FIN-001', 4, 'kept', '2026-11-01 10:00:00', 3)"
        ))
        conn.execute(text(
            "INSERT INTO audit_log (at, actor, action, evaluator_id, vendor_id, target, "
            "old_value, new_value, reason) VALUES ('2026-11-01 10:00:00', 'ayse', 'score', "
            "'ayse', 'odoo', 'INT-FIN-001', NULL, '{\"score\": 4}', '')"
        ))
    database.migrate()  # what create_app does at start-up
    assert current_revision(database) == "0004"
    with database.read() as s:
        rows = scores.scores(s)
        assert [(r.evaluator_id, r.target, r.score, r.note, r.version) for r in rows] == [
            ("ayse", "INT-FIN-001", 4.0, "kept", 3)]
        assert rows[0].updated_at.isoformat() == "2026-11-01T10:00:00+00:00"
    # The new tables of 0002 work next to the old data.
    with database.write() as s:
        assert consensus.record(s, actor="selin", vendor="odoo", target="INT-FIN-001",
                                score=4, reason="kept", based_on=0) == 1


def test_starting_twice_at_once_migrates_once(database: Database) -> None:
    errors: list[BaseException] = []

    def start() -> None:
        worker = Database(database.url)
        try:
            worker.migrate()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            worker.dispose()

    threads = [threading.Thread(target=start) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert current_revision(database) == "0004"


def test_sqlite_runs_in_wal_mode_with_full_sync(tmp_path: Path) -> None:
    db = Database(default_url(tmp_path))
    db.migrate()
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
    db.dispose()


def test_a_failed_write_leaves_nothing_behind(database: Database) -> None:
    database.migrate()
    with pytest.raises(RuntimeError), database.write() as s:
        scores.save_score(s, actor="ayse", evaluator="ayse", vendor="odoo",
                          target="INT-FIN-001", score=3, note="")
        raise RuntimeError("the request died half-way")
    with database.read() as s:
        assert scores.scores(s) == []
        assert s.execute(text("SELECT count(*) FROM audit_log")).scalar() == 0


@pytest.mark.parametrize(("value", "note", "message"), [
    (5, "", "a score of 5 needs a note"),
    (0, "  ", "a score of 0 needs a note"),
    (6, "x", "score 6 is outside 0–5"),
    (-1, "x", "score -1 is outside 0–5"),
])
def test_the_store_refuses_what_the_rules_refuse(database: Database, value: float, note: str,
                                                 message: str) -> None:
    database.migrate()
    with pytest.raises(ValueError, match=message), database.write() as s:
        scores.save_score(s, actor="a", evaluator="a", vendor="v", target="INT-FIN-001",
                          score=value, note=note)


def test_stale_consensus_edit_is_refused_by_the_store(database: Database) -> None:
    database.migrate()
    with database.write() as s:
        assert consensus.record(s, actor="selin", vendor="odoo", target="INT-FIN-001", score=3,
                                reason="first", based_on=0) == 1
    with pytest.raises(consensus.StaleEdit) as stale, database.write() as s:
        consensus.record(s, actor="ali", vendor="odoo", target="INT-FIN-001", score=5,
                         reason="from an old page", based_on=0)
    assert stale.value.current == consensus.Agreed("odoo", "INT-FIN-001", 3.0, "first",
                                                   "selin", 1)
    with database.write() as s:
        assert consensus.record(s, actor="ali", vendor="odoo", target="INT-FIN-001", score=5,
                                reason="reviewed", based_on=1) == 2
    with pytest.raises(ValueError, match="a consensus score needs a reason"), \
            database.write() as s:
        consensus.record(s, actor="ali", vendor="odoo", target="INT-FIN-001", score=5,
                         reason=" ", based_on=2)


def _score(evaluator: str, target: str, value: float, note: str = "") -> Score:
    return Score(evaluator_id=evaluator, vendor_id="odoo", target=target, score=value,
                 note=note)


def test_disagreements_need_two_scorers_and_the_spread() -> None:
    rows = [
        _score("ayse", "INT-FIN-001", 5, "great"), _score("mehmet", "INT-FIN-001", 1, "poor"),
        _score("ali", "INT-FIN-001", 3),
        _score("ayse", "INT-FIN-002", 4), _score("mehmet", "INT-FIN-002", 3),
        _score("ayse", "INT-FIN-003", 0, "none"),  # one scorer: nothing to discuss
        _score("ayse", "CUS-SFA-001", 2), _score("ali", "CUS-SFA-001", 4),
    ]
    found = consensus.disagreements(rows, 2)
    assert [(d.target, d.spread, d.scorers) for d in found] == [
        ("INT-FIN-001", 4.0, 3), ("CUS-SFA-001", 2.0, 2)]
    assert [(o.evaluator, o.score, o.note) for o in found[0].opinions] == [
        ("ali", 3.0, ""), ("ayse", 5.0, "great"), ("mehmet", 1.0, "poor")]
    assert [d.target for d in consensus.disagreements(rows, 3)] == ["INT-FIN-001"]


def test_the_evaluation_database_knows_nothing_of_the_web() -> None:
    """The CLI (``crmselect invite``) uses the same store: no Flask, no click in it."""
    import ast

    folder = Path(__file__).resolve().parent.parent / "crmselect" / "evaluationdb"
    for path in folder.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                assert name.split(".")[0] not in {"flask", "flask_babel", "flask_wtf", "click",
                                                  "werkzeug"}, f"{path.name} imports {name}"
                assert not name.startswith("crmselect.webapp"), f"{path.name} imports {name}"


# --- a database file that cannot be opened ---------------------------------------------------


@pytest.mark.parametrize(("command", "db", "expected"), [
    ("pull", "not-a-db", "evaluation.db: the evaluation database cannot be opened: file is not a "
                         "database"),
    ("push", "not-a-db", "evaluation.db: the evaluation database cannot be opened: file is not a "
                         "database"),
    ("push", "folder", "evaluation.db: the evaluation database cannot be opened"),
    ("push", "--db nonsense", "--db: not a database URL"),
])
def test_a_database_that_cannot_be_opened_is_one_line(sample_project, command, db, expected):
    path = sample_project / "evaluation.db"
    extra: list[str] = []
    if db == "not-a-db":
        path.write_bytes(b"not a SQLite file " * 100)
    elif db == "folder":
        path.mkdir()
    else:
        extra = db.split()
    before = checksums(sample_project)
    code, err = run("scores", command, sample_project, *extra)
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and expected in err
    assert checksums(sample_project) == before
