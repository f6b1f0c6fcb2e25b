"""``crmselect score --from-db`` (and ``sensitivity``) and ``crmselect scores pull`` only read the
evaluation database: like ``status`` they open it read-only and never migrate it. A database
from an older crmselect is left byte-identical, with the one-line message that names the command
that upgrades it; a current one is read and left byte-identical too."""

from __future__ import annotations

import pytest
from test_reading_commands_readonly import _database_at, _fingerprint, _run

from crmselect.errors import display_path
from crmselect.evaluationdb.engine import DATABASE_FILE

READERS = [("score", "--from-db"), ("sensitivity", "--from-db"), ("scores", "pull")]


@pytest.mark.parametrize("lang", ["en", "tr"])
@pytest.mark.parametrize("command", READERS, ids=" ".join)
def test_an_older_database_is_named_and_left_byte_identical(sample_project, lang, command):
    file = _database_at(sample_project, "0003")  # before the needs workshop (0004)
    before = _fingerprint(sample_project)
    scores_yaml = (sample_project / "scores.yaml").read_bytes()
    name, option = command
    args = [name, str(sample_project), option] if name != "scores" else [name, option,
                                                                          str(sample_project)]
    result = _run(*args, "--lang", lang)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    line, = result.stderr.strip().splitlines()
    assert line.startswith(display_path(file) + ":") or file.name in line
    assert f"'crmselect serve {display_path(sample_project)}'" in line
    if lang == "tr":
        assert "değerlendirme veritabanı crmselect'in eski bir sürümünden kalma" in line
    else:
        assert "the evaluation database is from an older crmselect" in line
    assert _fingerprint(sample_project) == before
    assert (sample_project / "scores.yaml").read_bytes() == scores_yaml


def test_a_current_database_is_read_and_left_byte_identical(sample_project):
    assert _run("scores", "push", str(sample_project)).exit_code == 0
    before = _fingerprint(sample_project)
    assert DATABASE_FILE in before
    from_file = _run("score", str(sample_project), "--format", "csv")
    from_db = _run("score", str(sample_project), "--from-db", "--format", "csv")
    assert from_db.exit_code == 0, from_db.output
    assert from_db.stdout == from_file.stdout
    pulled = _run("scores", "pull", str(sample_project), "--lang", "en")
    assert pulled.exit_code == 0, pulled.output
    assert "up to date" in pulled.stdout
    assert _fingerprint(sample_project) == before


def test_a_newer_database_is_refused_by_score_from_db(sample_project):
    import sqlite3

    file = _database_at(sample_project, "head")
    with sqlite3.connect(file) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.close()
    before = _fingerprint(sample_project)
    result = _run("score", str(sample_project), "--from-db")
    assert result.exit_code == 1
    assert result.stderr.strip().endswith("(schema 0099); update crmselect to read it")
    assert _fingerprint(sample_project) == before
