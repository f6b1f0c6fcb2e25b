"""The yardstick of the save benchmark: a bare Flask + waitress + SQLite endpoint.

It does what a save must do at the least, with the same durability as crmselect (WAL,
``synchronous=FULL``, one write transaction): read a session cookie, upsert one score row and
answer with JSON. No sign-in check, no CSRF, no audit log, no project. bench_web.py measures
crmselect's save against it in the same run, on the same machine, with the same clients.

Like with like (checked for issue 10): both get the same request from the same client (the
form urlencoded with its CSRF token, ``Accept: application/json``, ``X-CSRFToken``, a session
cookie), both run on waitress with 8 threads, and both keep one SQLite connection per thread
in WAL mode with ``synchronous=FULL`` and write each save in its own ``BEGIN IMMEDIATE`` …
``COMMIT`` behind a process lock, with one UPSERT of the score. What it leaves out is
crmselect's own work, which the ratio measures: the cookie's signature, the CSRF token, the
account and the rules (read in the transaction), the audit entry, the security headers.

Usage: python benchmarks/bare_save_server.py DB_FILE  (prints "at http://127.0.0.1:PORT/ (")
"""

from __future__ import annotations

import sqlite3
import sys
import threading

from flask import Flask, jsonify, request
from waitress import create_server

_local = threading.local()


def connection(path: str) -> sqlite3.Connection:
    conn = getattr(_local, "conn", None)
    if conn is None:
        conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        _local.conn = conn
    return conn


def make_app(path: str) -> Flask:
    app = Flask(__name__)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE IF NOT EXISTS score (evaluator TEXT, vendor TEXT, target TEXT, "
                 "score REAL, note TEXT, PRIMARY KEY (evaluator, vendor, target))")
    conn.close()
    lock = threading.Lock()

    @app.post("/vendors/<vendor>/score")
    def save(vendor: str):
        evaluator = request.cookies.get("crmselect_session", "anonymous")[:64]
        form = request.form
        with lock:
            db = connection(path)
            db.execute("BEGIN IMMEDIATE")
            db.execute("INSERT INTO score VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
                       "score = excluded.score, note = excluded.note",
                       (evaluator, vendor, form["target"], float(form["score"]),
                        form.get("note", "")))
            db.execute("COMMIT")
        return jsonify(ok=True, target=form["target"])

    @app.post("/login")
    def login():
        response = jsonify(ok=True)
        response.set_cookie("crmselect_session", request.form.get("username", "x"))
        return response, 302

    @app.get("/<path:anything>")
    def page(anything: str):
        return '<meta name="csrf-token" content="bare">'

    return app


def main() -> None:
    server = create_server(make_app(sys.argv[1]), host="127.0.0.1", port=0, threads=8)
    print(f"Serving at http://127.0.0.1:{server.effective_port}/ (bare)", file=sys.stderr,
          flush=True)
    server.run()


if __name__ == "__main__":
    main()
