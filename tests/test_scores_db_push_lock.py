"""``crmselect scores push`` holds the lock of a web save
(:mod:`crmselect.evaluationdb.scoringlock`) on PostgreSQL: a reveal started while a push is
writing waits until the push is in, as it waits for a save from the web form.

Deterministic: the push is paused inside its transaction (after its scores are written), the
reveal is started in another thread, and the test watches PostgreSQL's lock table until the
reveal either commits or waits for the advisory lock; only then is the push let go."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from conftest_web import postgres_url
from sqlalchemy import select, text
from verdictprojects import answers, crafted_project, score

from crmselect.evaluationdb import scoresfile, scoringlock, settings
from crmselect.evaluationdb.engine import Database, open_project_database
from crmselect.evaluationdb.schema import AuditEntry
from crmselect.project import load_project
from crmselect.scoresreader import read_source

pytestmark = pytest.mark.postgres

#: A safety bound for the watch loop (never reached when the lock works either way).
GIVE_UP_S = 60

_LOCKS = text("SELECT pid, mode, granted FROM pg_locks WHERE locktype = 'advisory' "
              "AND classid = 0 AND objid = :key AND objsubid = 1")


def _project(root: Path) -> Path:
    return crafted_project(root, {"odoo": answers("native"), "suitecrm": answers("native")},
                           scores=[score("oya", "odoo", "OPS-SFA-001", 4),
                                   score("oya", "suitecrm", "OPS-SFA-001", 3)])


def _advisory(watch: Database) -> list[tuple[int, str, bool]]:
    with watch.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(_LOCKS, {"key": scoringlock.KEY})]


def test_a_reveal_waits_for_a_push_in_progress(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(tmp_path / "p")
    lp = load_project(root, scores=False)
    source = read_source(root / "scores.yaml", lp, "en")
    with postgres_url() as url:
        db = open_project_database(root, url)
        watch = Database(url)
        written, go_on = threading.Event(), threading.Event()
        pushed_by: list[int] = []
        original = scoresfile._Writer.scores

        def scores_then_pause(writer: scoresfile._Writer) -> None:
            original(writer)
            pushed_by.append(writer.conn.exec_driver_sql("SELECT pg_backend_pid()").scalar())
            written.set()
            assert go_on.wait(GIVE_UP_S)

        monkeypatch.setattr(scoresfile._Writer, "scores", scores_then_pause)
        failures: list[BaseException] = []

        def run(work) -> threading.Thread:  # noqa: ANN001
            def guarded() -> None:
                try:
                    work()
                except BaseException as exc:  # noqa: BLE001 - reported by the test below
                    failures.append(exc)
            thread = threading.Thread(target=guarded)
            thread.start()
            return thread

        def reveal() -> None:
            with db.write() as s:
                settings.reveal(s, "ali")

        try:
            push = run(lambda: scoresfile.load_scores(db, lp, source))
            assert written.wait(GIVE_UP_S), failures
            # The push holds the lock shared, as a save does.
            assert (pushed_by[0], "ShareLock", True) in _advisory(watch)
            revealing = run(reveal)
            waiting: list[tuple[int, str, bool]] = []
            deadline = time.monotonic() + GIVE_UP_S
            while revealing.is_alive() and not waiting and time.monotonic() < deadline:
                waiting = [lock for lock in _advisory(watch) if not lock[2]]
                time.sleep(0.01)
            assert revealing.is_alive(), "the reveal committed while the push was writing"
            assert [mode for _, mode, _ in waiting] == ["ExclusiveLock"]
            with db.read() as s:  # nothing revealed yet
                assert settings.revealed(s) is None
        finally:
            go_on.set()
            push.join()
            if "revealing" in locals():
                revealing.join()
        assert failures == []
        with db.read() as s:
            actions = s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
            assert settings.revealed(s) is not None
        assert actions == ["score", "score", "reveal"]
        db.dispose()
        watch.dispose()
