"""Benchmark of large evaluations read from a project folder: whole processes, wall time and
peak memory.

A deterministic generator writes a project folder: ``N`` custom requirements and one of the
catalog, 5 scenarios of 4 steps in ``scenarios/``, ``V`` vendors with a response file each (the
bundled profiles, and copies of them under other ids when more are asked for), ``E``
evaluators, and an evaluation
database (``evaluation.db``, SQLite) where every evaluator scored every requirement, step and
the reference check of every vendor: E × V × (N + 22) records (one evaluator in 23 a point
apart from the others), notes on the scores that need one (0, 1 and 5). 1,000 × 30 × 15 is the
engine benchmark's size (issue 15, target 3: 459,000 records there, 459,900 here).

Then ``crmselect score DIR --from-db`` runs as its own process, timed from outside: wall time,
CPU time (user + system) and peak RSS of the child (``os.wait4``), median of the runs (peak:
the largest). Sizes: 250, 500 and 1,000 requirements × 30 vendors × 15 evaluators (the cost
per requirement and per record at each, target 4: linear), and the realistic large case 400
× 8 × 8. Targets: 1,000 × 30 × 15 under 10 s and 500 MB; 400 × 8 × 8 under 2 s.

With ``--yaml`` the same records are written to the folder's ``scores.yaml`` instead (one
flow mapping a line, as the web form's export writes them), with ``--csv`` to its
``scores.csv`` (as ``scores export`` writes it), and ``crmselect score DIR`` reads them from
there; the sizes are the same (a scores file has its own size ceilings, which 1,000 × 30 × 15,
40 MB in YAML and 25 MB in CSV, fits).

Usage: python benchmarks/bench_large.py [--runs N] [--sizes 250,500,1000] [--keep DIR]
       [--yaml | --csv]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

SCRIPT = Path(sys.executable).with_name("crmselect")
CRMSELECT = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "crmselect"]
COMPLIANCE = ("native", "configurable", "third_party", "custom", "native", "none")
SCENARIOS, STEPS = 5, 4
#: The score of record k: mostly 2–4, every seventh at an end of the scale (with a note).
SCALE_CYCLE = (3, 4, 2, 3, 4, 3, 5, 2, 3, 4, 3, 2, 1, 4)


def write_large_project(folder: Path, n_req: int, n_vendors: int, n_eval: int,
                        scores_yaml: bool = False, scores_csv: bool = False) -> int:
    """Write the project folder (see the module docstring); returns the number of score
    records in its database (or, with ``scores_yaml``, in its ``scores.yaml``; with
    ``scores_csv``, in its ``scores.csv``). The same arguments always give the same folder."""
    from bench_cli import custom_requirements
    from sqlalchemy import insert

    from crmselect.catalog import load_catalog
    from crmselect.evaluationdb import Database, default_url
    from crmselect.evaluationdb.schema import Score
    from crmselect.resources import bundled_dir

    catalog = load_catalog()
    requirements = custom_requirements(catalog, n_req)
    # One catalog requirement is selected (none selected would mean the whole catalog).
    selected = next(iter(catalog.entries))
    ids = [selected, *(r["id"] for r in requirements)]
    for sub in ("vendors", "responses", "scenarios"):
        (folder / sub).mkdir(parents=True)
    scenarios = [{
        "id": f"SCN-BENCH{s}", "title": {"en": f"Scenario {s}", "tr": f"Senaryo {s}"},
        "objective": "Show the daily work.", "duration_minutes": 60,
        "expected_outcome": "The work is done in the system.",
        "requirements": ids[s::SCENARIOS][:10],
        "steps": [{"action": f"Step {k}", "expected": "Done",
                   "requirements": ids[s + k::SCENARIOS * STEPS][:3]} for k in range(STEPS)],
    } for s in range(SCENARIOS)]
    (folder / "scenarios" / "bench.yaml").write_text(
        yaml.safe_dump({"scenarios": scenarios}, allow_unicode=True), encoding="utf-8")
    bundled = sorted(p.stem for p in bundled_dir("vendors").glob("*.yaml"))
    vendors = bundled[:n_vendors]
    for k in range(n_vendors - len(vendors)):  # more vendors than ship: copies, own ids
        base = bundled[k % len(bundled)]
        vid = f"{base}_copy{k // len(bundled) + 1}"
        text = (bundled_dir("vendors") / f"{base}.yaml").read_text(encoding="utf-8")
        (folder / "vendors" / f"{vid}.yaml").write_text(
            text.replace(f"id: {base}\n", f"id: {vid}\n", 1), encoding="utf-8")
        vendors.append(vid)
    for v, vid in enumerate(vendors):
        responses = {rid: {"compliance": COMPLIANCE[(v + i) % len(COMPLIANCE)]}
                     for i, rid in enumerate(ids)}
        (folder / "responses" / f"{vid}.yaml").write_text(
            yaml.safe_dump({"vendor": vid, "responses": responses}), encoding="utf-8")
    evaluators = [{"id": f"evaluator_{e}", "name": f"Evaluator {e}"} for e in range(n_eval)]
    project = {
        "name": f"Large benchmark {n_req}", "currency": "EUR",
        "organisation": {"name": "Bench A.Ş.", "contact": {"name": "Bench"},
                         "departments": ["sales", "service"]},
        "exchange_rates": {"USD": 0.92, "TRY": 0.027},
        "users": [{"role": "sales", "count": 20, "licence": "standard"}],
        "requirements": [selected], "custom_requirements": requirements,
        "evaluators": evaluators, "vendors": vendors,
        "scenarios": [s["id"] for s in scenarios],
    }
    (folder / "project.yaml").write_text(yaml.safe_dump(project, allow_unicode=True),
                                         encoding="utf-8")
    targets = [*ids, *(f"{s['id']}.{k}" for s in scenarios for k in range(1, STEPS + 1)),
               "references"]
    def batches():  # one (evaluator, vendor)'s records at a time
        for e in evaluators:
            for v, vid in enumerate(vendors):
                batch = []
                for i, target in enumerate(targets):
                    # the vendor's level on the target; one evaluator in 23 a point apart
                    score = SCALE_CYCLE[(i + 3 * v) % len(SCALE_CYCLE)]
                    if (7 * i + 3 * v + 5 * int(e["id"][10:])) % 23 == 0:
                        score += 1 if score < 5 else -1
                    note = "Canlı demoda böyle görüldü." if score in (0, 1, 5) else ""
                    batch.append({"evaluator_id": e["id"], "vendor_id": vid, "target": target,
                                  "score": float(score), "note": note})
                yield batch

    k = 0
    if scores_csv:  # as `scores export` writes it: every column, CRLF line ends
        with (folder / "scores.csv").open("w", encoding="utf-8", newline="") as out:
            out.write("kind,evaluator,vendor,target,score,note,at\r\n")
            for batch in batches():
                for r in batch:
                    out.write(f"score,{r['evaluator_id']},{r['vendor_id']},{r['target']},"
                              f"{r['score']:g},{r['note']},\r\n")
                k += len(batch)
        return k
    if scores_yaml:
        with (folder / "scores.yaml").open("w", encoding="utf-8") as out:
            out.write("scores:\n")
            for batch in batches():
                for r in batch:
                    note = f", note: '{r['note']}'" if r["note"] else ""
                    out.write(f"- {{evaluator: {r['evaluator_id']}, vendor: {r['vendor_id']}, "
                              f"target: {r['target']}, score: {r['score']:g}{note}}}\n")
                k += len(batch)
        return k
    db = Database(default_url(folder))
    db.migrate()
    with db.write_connection() as conn:
        for batch in batches():
            conn.execute(insert(Score), batch)
            k += len(batch)
    db.dispose()
    return k


def run_once(command: list[str]) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds, peak RSS (MB) and exit code of one whole process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code:
        raise SystemExit(f"{' '.join(command)} exited with {code}: "
                         f"{process.stderr.read().decode()[:2000] if process.stderr else ''}")
    peak = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 2**20
    return wall, usage.ru_utime + usage.ru_stime, peak, code


def measure(folder: Path, runs: int, from_db: bool = True) -> dict[str, float]:
    command = [*CRMSELECT, "score", str(folder), *(["--from-db"] if from_db else []),
               "--format", "csv"]
    run_once(command)  # warm-up: the bundled-data cache, the file system cache
    rows = [run_once(command) for _ in range(runs)]
    return {"wall": statistics.median(r[0] for r in rows),
            "cpu": statistics.median(r[1] for r in rows), "peak": max(r[2] for r in rows),
            "wall_max": max(r[0] for r in rows)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per size (default 3)")
    parser.add_argument("--sizes", default="250,500,1000",
                        help="requirements of the 30 × 15 sizes, comma-separated")
    parser.add_argument("--keep", type=Path, help="write the folders here and keep them")
    parser.add_argument("--yaml", action="store_true",
                        help="the scores in scores.yaml, not the database")
    parser.add_argument("--csv", action="store_true",
                        help="the scores in scores.csv, not the database")
    args = parser.parse_args()
    if args.yaml and args.csv:
        parser.error("--yaml or --csv, not both")
    wide = 30
    sizes = [(int(n), 30, 15) for n in args.sizes.split(",")] + [(400, 8, 8)]
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        base = args.keep or Path(tmp)
        env_cache = os.environ.setdefault("CRMSELECT_CACHE_DIR", str(Path(tmp) / "cache"))
        source = " (scores.yaml)" if args.yaml else " (scores.csv)" if args.csv else " --from-db"
        print(f"crmselect score DIR{source}, whole process, median of {args.runs} runs "
              f"(peak: largest; cache {env_cache})")
        print(f"{'requirements × vendors × evaluators':36} {'records':>8} {'wall s':>7} "
              f"{'cpu s':>6} {'peak MB':>8} {'cpu ms/req':>11} {'cpu µs/record':>14}")
        points = []
        for n_req, n_vendors, n_eval in sizes:
            folder = base / f"large-{n_req}-{n_vendors}-{n_eval}"
            if folder.exists():
                shutil.rmtree(folder)
            n_records = write_large_project(folder, n_req, n_vendors, n_eval, args.yaml,
                                            args.csv)
            result = measure(folder, args.runs, from_db=not (args.yaml or args.csv))
            size = f"{n_req} × {n_vendors} × {n_eval}"
            print(f"{size:36} {n_records:8,d} {result['wall']:7.3f} {result['cpu']:6.3f} "
                  f"{result['peak']:8.0f} {result['cpu'] / n_req * 1e3:11.2f} "
                  f"{result['cpu'] / n_records * 1e6:14.2f}", flush=True)
            if n_vendors == wide:
                points.append((n_req, n_records, result["cpu"]))
            if (n_req, n_vendors, n_eval) == (1000, 30, 15):
                met = result["wall"] < 10 and result["peak"] < 500
                failed += not met
                print(f"  target: under 10 s and 500 MB — {'met' if met else 'NOT met'}")
            if (n_req, n_vendors, n_eval) == (400, 8, 8):
                met = result["wall"] < 2
                failed += not met
                print(f"  target: under 2 s — {'met' if met else 'NOT met'}")
            if not args.keep:
                shutil.rmtree(folder)
        for (r1, n1, t1), (r2, n2, t2) in zip(points, points[1:], strict=False):
            print(f"from {r1} to {r2} requirements: +{(t2 - t1) / (r2 - r1) * 1e3:.2f} ms CPU "
                  f"per added requirement, +{(t2 - t1) / (n2 - n1) * 1e6:.2f} µs CPU per "
                  "added record")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
