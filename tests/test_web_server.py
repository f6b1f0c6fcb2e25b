"""The web form on a real waitress server over loopback: concurrent evaluators lose no score,
and a server killed in the middle of a save burst leaves a consistent database."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from http.client import HTTPException
from pathlib import Path

import pytest
from conftest_web import HttpSession, scaled_project
from sqlalchemy import func, select

from crmselect.evaluationdb.schema import AuditEntry, Score

EVALUATORS = 20
SAVES_EACH = 100


def targets_for(app) -> list[tuple[str, str]]:
    """(vendor, target) pairs an evaluator with all areas may score, requirements first."""
    view = app.extensions["crmselect"].source.get()
    person = view.evaluators["ev01"]
    return [(v, t) for v in view.loaded.vendors for t in view.targets(person)]


@pytest.mark.slow
def test_twenty_evaluators_saving_at_once_lose_no_score(web_project, db_url, app_factory
                                                        ) -> None:
    scaled_project(web_project, evaluators=EVALUATORS, requirements=30)
    app = app_factory(web_project, db_url)
    pairs = targets_for(app)[:SAVES_EACH]
    assert len(pairs) == SAVES_EACH
    people = [f"ev{i:02d}" for i in range(1, EVALUATORS + 1)]
    failures: list[str] = []
    start = threading.Barrier(EVALUATORS, timeout=120)

    def evaluator(person: str, base: str) -> None:
        http = HttpSession(base)
        try:
            http.sign_in(person)
            start.wait()
            for i, (vendor, target) in enumerate(pairs):
                value = (i + int(person[2:])) % 6
                status, body = http.save(vendor, target, value, f"{person} {i}")
                if status != 200 or not json.loads(body)["ok"]:
                    failures.append(f"{person} {target}: {status} {body[:200]}")
        except Exception as exc:  # noqa: BLE001 - collected and reported by the test
            failures.append(f"{person}: {exc!r}")
        finally:
            http.close()

    process, base = start_server(web_project, "--db", db_url, "--threads", "8")
    try:
        threads = [threading.Thread(target=evaluator, args=(p, base)) for p in people]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=300)
        assert not any(t.is_alive() for t in threads)
    finally:
        stop_server(process)
    assert failures == []
    with app.extensions["crmselect"].db.read() as s:
        rows = {(r.evaluator_id, r.vendor_id, r.target): (r.score, r.note)
                for r in s.scalars(select(Score))}
        audited = s.scalar(select(func.count()).select_from(AuditEntry)
                           .where(AuditEntry.action == "score"))
    expected = {
        (p, vendor, target): (float((i + int(p[2:])) % 6), f"{p} {i}")
        for p in people for i, (vendor, target) in enumerate(pairs)
    }
    assert len(rows) == EVALUATORS * SAVES_EACH == 2000
    assert rows == expected
    assert audited == 2000


SERVE = ("import sys\nfrom crmselect.cli import main\nsys.exit(main())",)


def start_server(project: Path, *extra: str) -> tuple[subprocess.Popen, str]:
    """``crmselect serve`` in a subprocess on a free port; returns it and its base URL."""
    process = subprocess.Popen(
        [sys.executable, "-c", *SERVE, "serve", str(project), "--port", "0", *extra],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
        env={**os.environ, "CRMSELECT_LANG": "en"},
    )
    assert process.stderr is not None
    deadline = time.monotonic() + 60
    line = ""
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        found = re.search(r"at (http://[^ ]+?)/ \(", line)
        if found:
            return process, found.group(1)
        if not line and process.poll() is not None:
            break
    process.kill()
    raise AssertionError(f"the server did not start: {line}")


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)
    if process.stderr:
        process.stderr.close()


@pytest.mark.slow
def test_killing_the_server_mid_save_keeps_the_database_consistent(web_project, app_factory
                                                                   ) -> None:
    scaled_project(web_project, evaluators=4, requirements=60)
    app = app_factory(web_project)  # creates the database and the accounts
    pairs = targets_for(app)
    app.extensions["crmselect"].db.dispose()
    process, base = start_server(web_project)
    acknowledged: list[tuple[str, str, str, float]] = []
    lock = threading.Lock()
    stop = threading.Event()

    def burst(person: str) -> None:
        http = HttpSession(base, timeout=10)
        try:
            http.sign_in(person)
            for i, (vendor, target) in enumerate(pairs):
                if stop.is_set():
                    return
                value = 2 + i % 3
                status, _ = http.save(vendor, target, value)
                if status == 200:
                    with lock:
                        acknowledged.append((person, vendor, target, float(value)))
        except (OSError, HTTPException):
            return  # the server died under us (mid-request or mid-response): the save in
            # flight is lost, nothing else
        finally:
            http.close()

    people = ["ev01", "ev02", "ev03", "ev04"]
    threads = [threading.Thread(target=burst, args=(p,)) for p in people]
    try:
        for t in threads:
            t.start()
        deadline = time.monotonic() + 60
        while len(acknowledged) < 150 and time.monotonic() < deadline:
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        stop.set()
        if process.poll() is None:
            process.kill()
        for t in threads:
            t.join(timeout=30)
        if process.stderr:
            process.stderr.close()
    assert len(acknowledged) >= 150
    connection = sqlite3.connect(web_project / "evaluation.db")
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = {(e, v, t): s for e, v, t, s in connection.execute(
            "SELECT evaluator_id, vendor_id, target, score FROM score")}
        audit = connection.execute(
            "SELECT evaluator_id, vendor_id, target, new_value FROM audit_log "
            "WHERE action = 'score'").fetchall()
    finally:
        connection.close()
    # Every acknowledged save is there; at most the one in flight per evaluator is extra.
    for person, vendor, target, value in acknowledged:
        assert rows[(person, vendor, target)] == value
    assert len(acknowledged) <= len(rows) <= len(acknowledged) + len(people)
    # Each score and its audit entry were written together or not at all.
    assert len(audit) == len(rows)
    assert {(e, v, t): json.loads(n)["score"] for e, v, t, n in audit} == rows


@pytest.mark.slow
def test_serve_listens_on_loopback_by_default(web_project, app_factory) -> None:
    app_factory(web_project).extensions["crmselect"].db.dispose()
    process, base = start_server(web_project)
    try:
        assert base.startswith("http://127.0.0.1:")
        http = HttpSession(base)
        status, body = http.request("GET", "/healthz")
        http.close()
        assert (status, json.loads(body)) == (200, {"ok": True})
    finally:
        stop_server(process)
