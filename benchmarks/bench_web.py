"""Benchmark of the evaluator web form on a real waitress server over loopback.

1. Saving a score: 20 evaluators signed in at once, each saving 50 scores through the same
   background-save request the page's script sends (:func:`page_save`). Paced: each evaluator
   saves once a second — reading a requirement and its acceptance criteria takes a person far
   longer; burst: no pause at all (shows the server's throughput, queueing included).
2. The scoring page of a project with 300 requirements, rendered server-side.

Before them, one client saves one score after another and the servers' CPU time per save is
read from /proc: the figure that moves least with the machine's load.

The server runs in its own process (``crmselect serve``), the evaluators in this one. The
same clients then save against a bare Flask + waitress + SQLite endpoint
(``bare_save_server.py``: the same durability, none of the checks) in the same run: the
yardstick that makes the figures comparable between machines.

Usage: python benchmarks/bench_web.py [--quick] [--db URL]
Targets: saving a score p95 < 50 ms (paced) and within 1.5x of the bare endpoint's p95, none
lost; scoring page for 300 requirements < 200 ms.
"""

from __future__ import annotations

import argparse
import json
import os
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
RATIO_TARGET = 1.5


def page_save(http: HttpSession, vendor: str, target: str, score: int,
              note: str) -> tuple[int, str]:
    """One save as the scoring page's script sends it (web/static/js/app.js): the form's
    fields (CSRF token included) as a urlencoded body, JSON asked for, the token also in the
    X-CSRFToken header."""
    return http.request("POST", f"/vendors/{vendor}/score",
                        {"csrf_token": http.token, "target": target, "score": str(score),
                         "note": note},
                        {"Accept": "application/json", "X-CSRFToken": http.token})


def server_cpu_s(pid: int) -> float | None:
    """User + system CPU seconds of a process so far (Linux; None elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_per_save_ms(base: str, pid: int, targets: list[tuple[str, str]],
                    saves: int) -> float | None:
    """The server's CPU time per save, one client saving one after another: unlike the
    latencies, hardly changed by the rest of the machine's load."""
    http = HttpSession(base)
    http.sign_in("ev01")
    for vendor, target in targets[:20]:  # warm-up
        page_save(http, vendor, target, 3, "warm-up")
    before = server_cpu_s(pid)
    for i in range(saves):
        vendor, target = targets[i % len(targets)]
        status, body = page_save(http, vendor, target, 2 + i % 3, f"note {i}")
        assert status == 200 and json.loads(body)["ok"], body
    after = server_cpu_s(pid)
    http.close()
    return None if before is None or after is None else (after - before) / saves * 1000


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def start_server(project: Path, db_url: str | None,
                 command: list[str] | None = None) -> tuple[subprocess.Popen, str]:
    if command is None:
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
            status, body = page_save(http, vendor, target, 2 + (i + n) % 3, f"note {i}")
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


def paired_latencies(bases: dict[str, str], targets: list[tuple[str, str]], rounds: int
                     ) -> dict[str, tuple[list[float], float, int]]:
    """20 evaluators save at the same instant, twice a second, alternately to each server
    (the order swapped every round), so that both servers meet the same load from the rest of
    the machine. Per server: the latencies (ms), the wall time and the failures."""
    names = list(bases)
    latencies: dict[str, list[float]] = {name: [] for name in names}
    failures = dict.fromkeys(names, 0)
    lock = threading.Lock()
    barrier = threading.Barrier(EVALUATORS)

    def evaluator(n: int) -> None:
        sessions = {name: HttpSession(url) for name, url in bases.items()}
        for http in sessions.values():
            http.sign_in(f"ev{n:02d}")
        for i in range(rounds):
            vendor, target = targets[(i + n * 7) % len(targets)]
            for name in (names if i % 2 == 0 else names[::-1]):
                barrier.wait()
                started = time.perf_counter()
                status, body = page_save(sessions[name], vendor, target, 2 + (i + n) % 3,
                                         f"note {i}")
                took = time.perf_counter() - started
                ok = status == 200 and json.loads(body)["ok"]
                with lock:
                    latencies[name].append(took * 1000)
                    failures[name] += 0 if ok else 1
                time.sleep(max(0.0, 0.5 - took))
        for http in sessions.values():
            http.close()

    threads = [threading.Thread(target=evaluator, args=(n,)) for n in range(1, EVALUATORS + 1)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    return {name: (latencies[name], wall, failures[name]) for name in names}


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
    os.environ["CRMSELECT_DATA_DIR"] = str(work / "data")  # session keys: not in the home folder
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
        bare, bare_base = start_server(project, None, [
            sys.executable, str(Path(__file__).with_name("bare_save_server.py")),
            str(work / "bare.db")])
        lost = 0
        bare_name, ours = "bare Flask + waitress + SQLite", "crmselect"
        paced_label, burst_label = "20 at once, twice a second", "burst (no pause)"
        try:
            cpu = {name: cpu_per_save_ms(url, running.pid, targets, 100 if args.quick else 400)
                   for name, url, running in ((ours, base, process),
                                              (bare_name, bare_base, bare))}
            if None not in cpu.values():
                print(f"server CPU per save, one client: crmselect {cpu[ours]:.2f} ms, "
                      f"{bare_name} {cpu[bare_name]:.2f} ms: "
                      f"{cpu[ours] / cpu[bare_name]:.2f}x")
            results = {}
            paired = paired_latencies({bare_name: bare_base, ours: base}, targets, saves)
            for name in (bare_name, ours):
                results[(paced_label, name)] = report_saves(
                    f"saving a score, {paced_label}, {name}", *paired[name])
            lost += paired[ours][2]
            for name, url in ((bare_name, bare_base), (ours, base)):
                latencies, wall, failures = save_latencies(url, targets[::-1], saves, 0)
                results[(burst_label, name)] = report_saves(
                    f"saving a score, {burst_label}, {name}", latencies, wall, failures)
                lost += failures if name == ours else 0
        finally:
            for running in (process, bare):
                running.terminate()
                running.wait(timeout=15)
        for name, wal in ((bare_name, work / "bare.db-wal"),
                          (ours, project / "evaluation.db-wal")):
            if wal.exists():
                print(f"write-ahead log after the run, {name}: {wal.stat().st_size / 1e6:.1f} MB")
        paced = results[(paced_label, ours)]
        ratios = {label: results[(label, ours)] / results[(label, bare_name)]
                  for label in (paced_label, burst_label)}
        for label, ratio in ratios.items():
            print(f"save p95, crmselect / bare endpoint, {label}: {ratio:.2f}x")
        paced_ratio = ratios[paced_label]
        met = (paced < SAVE_TARGET_MS and page_p95 < PAGE_TARGET_MS
               and paced_ratio <= RATIO_TARGET and lost == 0)
        print(f"target: paced p95 < {SAVE_TARGET_MS} ms and <= {RATIO_TARGET}x the bare "
              f"endpoint, 0 lost ({lost}): {'met' if met else 'MISSED'}; page < "
              f"{PAGE_TARGET_MS} ms: {'met' if page_p95 < PAGE_TARGET_MS else 'MISSED'}")
        return 0 if met else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
