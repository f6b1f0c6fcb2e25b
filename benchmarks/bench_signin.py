"""Benchmark of signing in: memory and latency when 20 people sign in at the same moment.

``crmselect serve`` runs in its own process (8 threads); 20 evaluators fetch the sign-in page,
wait for each other and post their passwords at the same instant, three rounds. The server's
resident memory is read from /proc: idle (after start and one page), and its peak (VmHWM,
reset after the idle reading) over the sign-ins.

Usage: python benchmarks/bench_signin.py [--rounds N]
Targets: peak RSS <= 1.5 x idle RSS + 60 MB; sign-in p95 < 1 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_web import percentile, start_server  # noqa: E402
from conftest_web import WEB_DATA, HttpSession, make_app, scaled_project  # noqa: E402

from crmselect.evaluationdb import passwords  # noqa: E402

EVALUATORS = 20
PEAK_FACTOR = 1.5
PEAK_EXTRA_MB = 60
P95_TARGET_S = 1.0


def memory_mb(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise KeyError(field)


def one_round(base: str) -> tuple[list[float], int]:
    """Latencies (s) of 20 simultaneous sign-ins, and how many failed."""
    barrier = threading.Barrier(EVALUATORS)
    latencies: list[float] = []
    failed = [0]
    lock = threading.Lock()

    def person(n: int) -> None:
        http = HttpSession(base, timeout=60)
        http.request("GET", "/login")
        form = {"username": f"ev{n:02d}", "password": "correct-horse-battery",
                "csrf_token": http.token}
        barrier.wait()
        started = time.perf_counter()
        status, _ = http.request("POST", "/login", form)
        took = time.perf_counter() - started
        http.close()
        with lock:
            latencies.append(took)
            failed[0] += status != 302

    threads = [threading.Thread(target=person, args=(n,)) for n in range(1, EVALUATORS + 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, failed[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="crmselect-bench-signin-"))
    os.environ["CRMSELECT_DATA_DIR"] = str(work / "data")  # session keys: not in the home folder
    try:
        project = work / "project"
        shutil.copytree(WEB_DATA / "project", project)
        scaled_project(project, evaluators=EVALUATORS)
        app = make_app(project, None, passwords.hash_password("correct-horse-battery"))
        app.extensions["crmselect"].db.dispose()
        process, base = start_server(project, None)
        try:
            warm = HttpSession(base)
            warm.request("GET", "/login")
            warm.close()
            time.sleep(1)
            idle = memory_mb(process.pid, "VmRSS")
            Path(f"/proc/{process.pid}/clear_refs").write_text("5")  # reset VmHWM
            latencies: list[float] = []
            failures = 0
            for _ in range(args.rounds):
                found, failed = one_round(base)
                latencies += found
                failures += failed
                time.sleep(6)  # the back-off never applies: every sign-in is right
            peak = memory_mb(process.pid, "VmHWM")
        finally:
            process.terminate()
            process.wait(timeout=15)
        limit = PEAK_FACTOR * idle + PEAK_EXTRA_MB
        p95 = percentile(latencies, 95)
        print(f"argon2id m={passwords.MEMORY_KIB // 1024} MiB t={passwords.TIME_COST} "
              f"p={passwords.PARALLELISM}, {passwords.CONCURRENT_HASHES} at once")
        print(f"server RSS: idle {idle:.0f} MB, peak during {args.rounds} x {EVALUATORS} "
              f"simultaneous sign-ins {peak:.0f} MB (limit {limit:.0f} MB = "
              f"{PEAK_FACTOR} x idle + {PEAK_EXTRA_MB} MB)")
        print(f"sign-in: p50 {statistics.median(latencies) * 1000:.0f} ms, p95 "
              f"{p95 * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms; failed {failures} of "
              f"{len(latencies)}")
        met = peak <= limit and p95 < P95_TARGET_S and failures == 0
        print(f"target: peak <= {limit:.0f} MB and p95 < {P95_TARGET_S:.0f} s: "
              f"{'met' if met else 'MISSED'}")
        return 0 if met else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
