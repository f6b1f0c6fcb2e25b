"""Load test of the evaluator web form: every evaluator saving every score, in parallel, for
a while, against the real server (``crmselect serve``: waitress); then every last save is
checked in the database, in ``crmselect scores pull`` and in ``crmselect score --from-db``.

The project is made for the run: the web tests' project with 12 evaluators (``ev01``…),
5 vendors and about 150 requirements. Each evaluator signs in with their own session and CSRF
token and saves their scores one after another, without a pause, vendor after vendor, the
score and note changing at every pass, as the scoring page's script sends them
(``bench_web.page_save``). Whatever the server acknowledged (200, ``ok``) last is what must be
in the database: the same score, the same note, under the same evaluator (the note names its
evaluator, so a record written under someone else's name shows).

Reported: saves, saves/s, latency p50/p95/max, every answer that is not 200 by status, and
whether the server's log says "database is locked" or has a traceback.

Usage: python benchmarks/bench_web_load.py [--seconds 120] [--db URL] [--quick]
PostgreSQL: bash .ci/with-postgres.sh .venv/bin/python benchmarks/bench_web_load.py --db pg
(``pg``: the server that script started, in a schema of its own).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import yaml  # noqa: E402
from bench_web import page_save, percentile  # noqa: E402
from conftest_web import WEB_DATA, HttpSession, make_app, scaled_project  # noqa: E402

from crmselect.evaluationdb.accounts import hash_password  # noqa: E402

EVALUATORS = 12
VENDORS = ["odoo", "espocrm", "suitecrm", "vtiger", "zoho_crm"]
REQUIREMENTS = 150
BASE_REQUIREMENTS = 9  # in tests/data/web/project


def make_project(folder: Path) -> Path:
    """The web tests' project with EVALUATORS evaluators, 5 vendors, REQUIREMENTS requirements."""
    shutil.copytree(WEB_DATA / "project", folder)
    scaled_project(folder, evaluators=EVALUATORS,
                   requirements=REQUIREMENTS - BASE_REQUIREMENTS)
    path = folder / "project.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["vendors"] = VENDORS
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def pg_schema_url(base: str) -> tuple[str, str]:
    """A URL of ``base`` with a fresh schema first on the search path, and the schema."""
    from sqlalchemy import create_engine, text

    schema = "load_" + uuid.uuid4().hex[:10]
    engine = create_engine(base)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}", schema


def start_server(project: Path, db_url: str, log: Path) -> tuple[subprocess.Popen, str]:
    """``crmselect serve`` as the README starts it (8 threads, the default); its log to a file."""
    command = [sys.executable, "-m", "crmselect", "serve", str(project), "--port", "0",
               "--db", db_url]
    stream = log.open("w", encoding="utf-8")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stream, text=True)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8")
        for line in text.splitlines():
            if " at http://" in line and "Serving" in line:
                return process, line.split(" at ", 1)[1].split("/ ", 1)[0]
        if process.poll() is not None:
            break
        time.sleep(0.2)
    process.kill()
    raise SystemExit(f"the server did not start:\n{log.read_text(encoding='utf-8')}")


class Evaluator(threading.Thread):
    """One person saving all their scores, pass after pass, until ``stop`` is set."""

    def __init__(self, n: int, base: str, targets: list[tuple[str, str]],
                 start: threading.Barrier, stop: threading.Event) -> None:
        super().__init__(name=f"ev{n:02d}")
        self.n, self.base, self.targets = n, base, targets
        self.start_barrier, self.stop = start, stop
        self.latencies: list[float] = []
        self.statuses: collections.Counter[int] = collections.Counter()
        self.refusals: list[str] = []
        self.last: dict[tuple[str, str], tuple[float, str]] = {}

    @property
    def person(self) -> str:
        return f"ev{self.n:02d}"

    def run(self) -> None:
        http = HttpSession(self.base, timeout=60)
        http.sign_in(self.person)
        self.start_barrier.wait()
        done = 0
        while not self.stop.is_set():
            # Each evaluator starts elsewhere in the list, so that they do not all write the
            # same vendor's rows in the same order.
            vendor, target = self.targets[(done + self.n * 37) % len(self.targets)]
            rounds = done // len(self.targets)
            score = (rounds + self.n + done) % 6  # 0…5: 0, 1 and 5 need the note
            note = f"{self.person} {vendor} {target} round {rounds}"
            started = time.perf_counter()
            try:
                status, body = page_save(http, vendor, target, score, note)
            except OSError as error:  # the connection was dropped: a new one, signed in
                self.statuses[-1] += 1
                self.refusals.append(f"{vendor} {target}: {error!r}")
                http.close()
                http = HttpSession(self.base, timeout=60)
                http.sign_in(self.person)
                continue
            self.latencies.append((time.perf_counter() - started) * 1000)
            self.statuses[status] += 1
            answer = json.loads(body) if body.startswith("{") else {}
            if status == 200 and answer.get("ok"):
                self.last[(vendor, target)] = (float(score), note)
            else:
                self.refusals.append(f"{vendor} {target}: {status} {body[:200]}")
            done += 1
        http.close()


def check_database(db_url: str, evaluators: list[Evaluator]) -> list[str]:
    """Every evaluator's last acknowledged save, as it is in the database; nothing else."""
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT evaluator_id, vendor_id, target, score, note "
                                 "FROM score")).all()
    engine.dispose()
    stored = {(e, v, t): (float(s), n) for e, v, t, s, n in rows}
    problems = [f"{e} {v} {t}: note of someone else: {n!r}"
                for (e, v, t), (_, n) in stored.items() if not n.startswith(f"{e} {v} {t} ")]
    expected = {(ev.person, v, t): last for ev in evaluators for (v, t), last in ev.last.items()}
    for key, last in expected.items():
        if stored.get(key) != last:
            problems.append(f"{' '.join(key)}: saved {last}, database {stored.get(key)}")
    problems += [f"{' '.join(key)}: in the database, never acknowledged"
                 for key in stored.keys() - expected.keys()]
    return problems


def check_cli(project: Path, db_url: str, evaluators: list[Evaluator]) -> list[str]:
    """``scores pull`` writes every last save into scores.yaml; ``score --from-db`` scores
    the same records."""
    crmselect = [sys.executable, "-m", "crmselect"]
    problems = []
    pulled = subprocess.run([*crmselect, "scores", "pull", str(project), "--db", db_url],
                            capture_output=True, text=True)
    if pulled.returncode != 0:
        return [f"scores pull exited {pulled.returncode}: {pulled.stderr.strip()}"]
    data = yaml.safe_load((project / "scores.yaml").read_text(encoding="utf-8"))
    records = data["scores"] if isinstance(data, dict) else data
    in_file = {(r["evaluator"], r["vendor"], r["target"]): (float(r["score"]), r.get("note", ""))
               for r in records}
    expected = {(ev.person, v, t): last for ev in evaluators for (v, t), last in ev.last.items()}
    if in_file != expected:
        wrong = sorted(k for k in expected.keys() | in_file.keys()
                       if in_file.get(k) != expected.get(k))
        problems.append(f"scores.yaml differs from the last saves at {len(wrong)} records, "
                        f"e.g. {wrong[:3]}")
    scored = subprocess.run([*crmselect, "score", str(project), "--from-db", "--db", db_url,
                             "--format", "json", "--samples", "0"], capture_output=True,
                            text=True)
    if scored.returncode != 0:
        problems.append(f"score --from-db exited {scored.returncode}: {scored.stderr.strip()}")
    else:
        result = json.loads(scored.stdout)
        named = json.dumps(result)
        problems += [f"score --from-db does not name {ev.person}" for ev in evaluators
                     if ev.last and ev.person not in named]
    return problems


def run(db_url: str, seconds: float, work: Path) -> int:
    project = make_project(work / "project")
    app = make_app(project, db_url, hash_password("correct-horse-battery"))
    view = app.extensions["crmselect"].source.get()
    people = [view.evaluators[f"ev{n:02d}"] for n in range(1, EVALUATORS + 1)]
    targets = {p.id: [(v, t) for v in view.loaded.vendors for t in view.targets(p)]
               for p in people}
    requirements = len(view.loaded.requirements)
    app.extensions["crmselect"].db.dispose()
    shown_url = db_url.split("?")[0]
    print(f"project: {EVALUATORS} evaluators, {len(VENDORS)} vendors, {requirements} "
          f"requirements; {len(targets['ev01'])} scores per evaluator; database {shown_url}")

    log = work / "server.log"
    process, base = start_server(project, db_url, log)
    stop = threading.Event()
    barrier = threading.Barrier(EVALUATORS + 1)
    evaluators = [Evaluator(n, base, targets[f"ev{n:02d}"], barrier, stop)
                  for n in range(1, EVALUATORS + 1)]
    try:
        for ev in evaluators:
            ev.start()
        barrier.wait(timeout=300)
        started = time.perf_counter()
        time.sleep(seconds)
        stop.set()
        for ev in evaluators:
            ev.join()
        wall = time.perf_counter() - started
    finally:
        stop.set()
        process.terminate()
        process.wait(timeout=30)
    server_log = log.read_text(encoding="utf-8")

    latencies = [ms for ev in evaluators for ms in ev.latencies]
    statuses: collections.Counter[int] = sum((ev.statuses for ev in evaluators),
                                             collections.Counter())
    errors = sum(n for status, n in statuses.items() if status != 200)
    print(f"{len(latencies)} saves in {wall:.0f} s ({len(latencies) / wall:.0f}/s), "
          f"{min(len(ev.latencies) for ev in evaluators)}–"
          f"{max(len(ev.latencies) for ev in evaluators)} per evaluator; latency p50 "
          f"{statistics.median(latencies):.1f} ms, p95 {percentile(latencies, 95):.1f} ms, "
          f"max {max(latencies):.1f} ms")
    print(f"answers: {dict(sorted(statuses.items()))} (-1: connection dropped); "
          f"errors {errors}")
    for ev in evaluators:
        for refusal in ev.refusals[:3]:
            print(f"  {ev.person}: {refusal}")
    locked = server_log.count("database is locked")
    tracebacks = server_log.count("Traceback")
    print(f"server log: 'database is locked' {locked}, tracebacks {tracebacks}")
    problems = check_database(db_url, evaluators)
    print(f"database: {sum(len(ev.last) for ev in evaluators)} last saves checked, "
          f"{len(problems)} problems")
    cli = check_cli(project, db_url, evaluators)
    print(f"scores pull and score --from-db: {len(cli)} problems")
    for problem in (problems + cli)[:10]:
        print(f"  {problem}")
    ok = not (errors or locked or tracebacks or problems or cli)
    print("result: " + ("every last save is there, no error" if ok else "FAILED"))
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=120, help="how long they save")
    parser.add_argument("--quick", action="store_true", help="20 seconds")
    parser.add_argument("--db", help="SQLAlchemy URL; 'pg': $CRMSELECT_TEST_PG_URL "
                                     "(default: SQLite in the project)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="crmselect-bench-load-"))
    os.environ["CRMSELECT_DATA_DIR"] = str(work / "data")  # session keys: not in the home folder
    schema = None
    db_url = args.db
    try:
        if db_url == "pg":
            base = os.environ.get("CRMSELECT_TEST_PG_URL")
            if not base:
                raise SystemExit("--db pg: run it under bash .ci/with-postgres.sh")
            db_url, schema = pg_schema_url(base)
        if db_url is None:
            db_url = f"sqlite:///{work / 'project' / 'evaluation.db'}"
        return run(db_url, 20 if args.quick else args.seconds, work)
    finally:
        if schema is not None:
            from sqlalchemy import create_engine, text

            engine = create_engine(os.environ["CRMSELECT_TEST_PG_URL"])
            with engine.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            engine.dispose()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
