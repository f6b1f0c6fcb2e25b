"""``crmselect status`` and ``crmselect rfp`` only read the evaluation database: they open it
read-only and never migrate it. A database from an older crmselect is left byte-identical;
``status`` says in one line which command upgrades it, ``rfp`` reads what it can."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from crmselect.cli import main
from crmselect.errors import display_path
from crmselect.evaluationdb.engine import DATABASE_FILE, Database, default_url
from crmselect.evaluationdb.migrate import SCHEMA_REVISION, head_revision, upgrade


def _database_at(project: Path, revision: str) -> Path:
    """The project's evaluation database made by the migration scripts up to ``revision``."""
    db = Database(default_url(project))
    try:
        upgrade(db, revision)
    finally:
        db.dispose()
    return project / DATABASE_FILE


def _fingerprint(folder: Path) -> dict[str, str]:
    """Every evaluation-database file of the folder (the database and its companions)."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.glob(DATABASE_FILE + "*"))}


def _run(*args: str):  # noqa: ANN202
    return CliRunner().invoke(main, list(args))


def test_the_schema_revision_constant_is_the_newest_migration() -> None:
    assert SCHEMA_REVISION == head_revision()


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_status_and_rfp_leave_an_older_database_byte_identical(sample_project: Path,
                                                                 lang: str) -> None:
    file = _database_at(sample_project, "0003")  # before the needs workshop (0004)
    before = _fingerprint(sample_project)
    assert DATABASE_FILE in before

    status = _run("status", str(sample_project), "--lang", lang)
    assert status.exit_code == 1
    lines = status.stderr.strip().splitlines()
    assert len(lines) == 1, status.stderr
    assert "Traceback" not in status.output
    assert f"'crmselect serve {display_path(sample_project)}'" in lines[0]
    if lang == "tr":
        assert "değerlendirme veritabanı crmselect'in eski bir sürümünden kalma" in lines[0]
    else:
        assert "the evaluation database is from an older crmselect" in lines[0]
    assert str(file.name) in lines[0]

    rfp = _run("rfp", str(sample_project), "--lang", lang)
    assert rfp.exit_code == 0, rfp.output
    assert (sample_project / "out").is_dir()

    assert _fingerprint(sample_project) == before


def test_status_and_rfp_leave_a_current_database_byte_identical(sample_project: Path) -> None:
    _database_at(sample_project, "head")
    before = _fingerprint(sample_project)
    assert _run("status", str(sample_project)).exit_code == 0
    assert _run("rfp", str(sample_project)).exit_code == 0
    assert _fingerprint(sample_project) == before


def test_a_database_from_a_newer_crmselect_is_named_as_such(sample_project: Path) -> None:
    import sqlite3

    file = _database_at(sample_project, "head")
    with sqlite3.connect(file) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.close()
    result = _run("status", str(sample_project))
    assert result.exit_code == 1
    assert result.stderr.strip().endswith(
        "the evaluation database was written by a newer crmselect (schema 0099); "
        "update crmselect to read it")


def test_a_writing_command_still_upgrades_the_database(sample_project: Path) -> None:
    from crmselect.evaluationdb.engine import open_project_database

    _database_at(sample_project, "0003")
    db = open_project_database(sample_project)  # scores push / pull / serve open it so
    try:
        with db.read_connection() as conn:
            from crmselect.evaluationdb.engine import stored_revision

            assert stored_revision(conn) == SCHEMA_REVISION
    finally:
        db.dispose()


@pytest.mark.postgres
def test_status_on_postgresql_reads_without_ddl(sample_project: Path) -> None:
    from conftest_web import postgres_url
    from sqlalchemy import text

    from crmselect.evaluationdb.engine import open_project_database

    with postgres_url() as url:
        old = Database(url)
        try:
            upgrade(old, "0003")
        finally:
            old.dispose()
        result = _run("status", str(sample_project), "--db", url, "--lang", "tr")
        assert result.exit_code == 1
        assert "crmselect serve" in result.stderr and len(result.stderr.splitlines()) == 1
        db = open_project_database(sample_project, url, read_only=True, older=True)
        try:
            assert db.schema_older
            with db.read_connection() as conn:
                assert conn.execute(text("SELECT version_num FROM alembic_version")
                                    ).scalar() == "0003"
                with pytest.raises(Exception, match="read-only transaction"):
                    conn.execute(text("CREATE TABLE never (x int)"))
        finally:
            db.dispose()


def test_status_on_a_file_that_is_not_a_database_says_so_and_leaves_it(sample_project: Path
                                                                      ) -> None:
    file = sample_project / DATABASE_FILE
    file.write_bytes(b"not a database, just text\n" * 100)
    before = _fingerprint(sample_project)
    result = _run("status", str(sample_project))
    assert result.exit_code == 1 and "Traceback" not in result.output
    line, = result.stderr.strip().splitlines()
    assert "the evaluation database cannot be opened" in line and DATABASE_FILE in line
    assert _fingerprint(sample_project) == before


def test_the_read_only_database_refuses_writes(sample_project: Path) -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    from crmselect.evaluationdb.engine import open_project_database

    _database_at(sample_project, "head")
    db = open_project_database(sample_project, create=False, read_only=True)
    try:
        with db.engine.connect() as conn, pytest.raises(OperationalError, match="readonly"):
            conn.execute(text("CREATE TABLE never (x int)"))
        with pytest.raises(AssertionError):
            db.migrate()
    finally:
        db.dispose()


def test_status_reads_while_the_web_form_has_the_database_open(sample_project: Path) -> None:
    """A running server keeps the WAL files: the reading command uses them (not immutable)
    and sees what the server wrote."""
    from crmselect.evaluationdb import scores

    _database_at(sample_project, "head")
    server = Database(default_url(sample_project))
    try:
        with server.write() as s:
            scores.save_score(s, actor="murat", evaluator="murat", vendor="odoo",
                              target="OPS-SFA-001", score=3, note="")
        with server.read() as s:  # keeps a connection (and the -wal, -shm files) open
            assert (sample_project / (DATABASE_FILE + "-wal")).exists()
            result = _run("status", str(sample_project), "--format", "json")
            assert result.exit_code == 0, result.output
    finally:
        server.dispose()
    data = json.loads(result.stdout)
    assert data["source"] == "database"
    murat = next(e for step in data["steps"] for e in step["evaluators"] if e["id"] == "murat")
    assert murat["given"] == 1
