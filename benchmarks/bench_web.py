"""Benchmark of the evaluator web form on a real waitress server over loopback.

1. Saving a score: 20 evaluators signed in at once, each saving 50 scores through the same
   background-save request the page sends (fetch with the CSRF token). Paced: each evaluator
   saves once a second — reading a requirement and its acceptance criteria takes a person far
   longer; burst: no pause at all (shows the server's throughput, queueing included).
2. The scoring page of a project with 300 requirements, rendered server-side.

The server runs in its own process (``crmselect serve``), the evaluators in this one.

Usage: python benchmarks/bench_web.py [--quick] [--db URL]
Targets: saving a score p95 < 50 ms (paced); scoring page for 300 requirements < 200 ms.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest_web import (  # noqa: E402
    WEB_DATA,
    HttpSession,
    WebClient,
    make_app,
    scaled_project,
)

from crmselect.evaluationdb.accounts import hash_password  # noqa: E402

EVALUATORS = 20
REQUIREMENTS = 300
SAVE_TARGET_MS = 50
PAGE_TARGET_MS = 200


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def start_server(project: Path, db_url: str | None) -> tuple[subprocess.Popen, str]:
    command = [sys.executable, "-c", "import sys\nfrom crmselect.cli import main\n"
               "sys.exit(main())", "serve", str(project), "--port", "0", "--threads", "8"]
    if db_url:
        command += ["--db", db_url]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                               text=True)
    assert process.stderr is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        found = re.search(r"at (http://[^ ]+?)/ \(", line)
        if found:
            return process, found.group(1)
        if not line and process.poll() is not None:
            break
    process.kill()
    raise SystemExit("the server did not start")


def save_latencies(base: str, targets: list[tuple[str, str]], saves: int,
                   pause: float) -> tuple[list[float], float, int]:
    """Latencies (ms) of every save by every evaluator, the wall time, and failures."""
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    barrier = threading.Barrier(EVALUATORS)

    def evaluator(n: int) -> None:
        http = HttpSession(base)
        http.sign_in(f"ev{n:02d}")
        barrier.wait()
        mine = []
        for i in range(saves):
            vendor, target = targets[(i + n * 7) % len(targets)]
            started = time.perf_counter()
            status, body = http.save(vendor, target, 2 + (i + n) % 3, f"note {i}")
            mine.append((time.perf_counter() - started) * 1000)
            if status != 200 or not json.loads(body)["ok"]:
                with lock:
                    failures[0] += 1
            if pause:
                time.sleep(pause)
        http.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=evaluator, args=(n,)) for n in range(1, EVALUATORS + 1)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, time.perf_counter() - started, failures[0]


def report_saves(label: str, latencies: list[float], wall: float, failures: int) -> float:
    p95 = percentile(latencies, 95)
    print(f"{label}: {len(latencies)} saves by {EVALUATORS} evaluators in {wall:.1f} s "
          f"({len(latencies) / wall:.0f}/s); latency p50 {statistics.median(latencies):.1f} ms, "
          f"p95 {p95:.1f} ms, max {max(latencies):.1f} ms; failures {failures}")
    return p95


def page_render_ms(project: Path, runs: int) -> list[float]:
    """Server-side render times of the scoring page (Flask test client: no network)."""
    app = make_app(project, None, hash_password("correct-horse-battery"))
    app.test_client_class = WebClient
    client = app.test_client().as_user("ev01")
    client.post("/language", data={"lang": "en"})
    view = app.extensions["crmselect"].source.get()
    assert len(view.loaded.requirements) == REQUIREMENTS, len(view.loaded.requirements)
    for target in list(view.loaded.requirements)[:100]:  # a page with saved scores
        client.save_score("odoo", target, 3)
    times = []
    for _ in range(runs + 2):
        started = time.perf_counter()
        response = client.get("/vendors/odoo")
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200 and response.text.count("data-autosave") == \
            REQUIREMENTS + 1
    app.extensions["crmselect"].db.dispose()
    return times[2:]  # the first two warm the caches


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer saves and renders")
    parser.add_argument("--db", help="SQLAlchemy URL (default: SQLite in the project)")
    args = parser.parse_args()
    saves = 10 if args.quick else 50
    work = Path(tempfile.mkdtemp(prefix="crmselect-bench-web-"))
    try:
        project = work / "project"
        shutil.copytree(WEB_DATA / "project", project)
        base_requirements = 9
        scaled_project(project, evaluators=EVALUATORS,
                       requirements=REQUIREMENTS - base_requirements)
        app = make_app(project, args.db, hash_password("correct-horse-battery"))
        view = app.extensions["crmselect"].source.get()
        person = view.evaluators["ev01"]
        targets = [(v, t) for v in view.loaded.vendors for t in view.targets(person)]
        app.extensions["crmselect"].db.dispose()

        times = page_render_ms(project, 5 if args.quick else 20)
        page_p95 = percentile(times, 95)
        print(f"scoring page, {REQUIREMENTS} requirements: median "
              f"{statistics.median(times):.0f} ms, p95 {page_p95:.0f} ms "
              f"(target < {PAGE_TARGET_MS} ms)")

        process, base = start_server(project, args.db)
        try:
            paced = report_saves("saving a score, paced (one save per evaluator a second)",
                                 *save_latencies(base, targets, saves, 1.0))
            report_saves("saving a score, burst (no pause)",
                         *save_latencies(base, targets[::-1], saves, 0))
        finally:
            process.terminate()
            process.wait(timeout=15)
        print(f"target: paced p95 < {SAVE_TARGET_MS} ms: "
              f"{'met' if paced < SAVE_TARGET_MS else 'MISSED'}; page < {PAGE_TARGET_MS} ms: "
              f"{'met' if page_p95 < PAGE_TARGET_MS else 'MISSED'}")
        return 0 if paced < SAVE_TARGET_MS and page_p95 < PAGE_TARGET_MS else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
