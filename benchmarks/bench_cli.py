"""Benchmark of the command line: whole processes, as a user runs them, against the import floor.

Each command is started as its own process (start-up, imports, reading the project and the
bundled data, output) and timed from outside, interleaved with the *import floor*, a process that
only runs ``python -c "import yaml, pydantic, numpy"``: command and floor run in turn (A B A B
…), so the ratio of each pair stays meaningful when the machine's speed drifts. The medians and
the median of the pair ratios are printed.

The crmselect modules are compiled to byte code first (as ``pip install`` does), and the bundled
data cache is a fresh temporary folder that the warm-up run fills (as the first command after an
install does); ``score`` is also timed with the cache turned off.

An extra reference, printed apart and not the targets' floor: ``validate``, ``score`` and
``sensitivity`` against ``python -c "import yaml, numpy; from pydantic import BaseModel"``, run
in the same turns. ``import pydantic`` is lazy (it does not load ``BaseModel`` and its schema
machinery), so the issue's floor leaves out what any program validating with pydantic pays.
The one-minute load average is printed at the start and at the end.

Targets (issue 15): ``validate``, ``score`` and ``sensitivity`` of the sample project at most 2×
the floor, ``--help`` at most the floor, ``build`` under 2 s and ``rfp`` under 1 s. Then
``score`` of synthetic project folders (custom requirements, 8 vendors' response files, every
evaluator scoring every requirement of every vendor in ``scores.yaml``) at three sizes, with the
cost per requirement and per score record, to show that it grows linearly.

Usage: python benchmarks/bench_cli.py [--quick] [--runs N]
Targets are judged on wall time; CPU time (user + system of the process) is printed too,
because on a machine whose cores are busy with other work the wall time is mostly waiting.
"""

from __future__ import annotations

import argparse
import compileall
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

import crmselect

PACKAGE = Path(crmselect.__file__).resolve().parent
FLOOR = [sys.executable, "-c", "import yaml, pydantic, numpy"]
#: An extra reference, not the target's floor: the least any program that validates with
#: pydantic pays (``import pydantic`` alone is lazy and does not load ``BaseModel``).
MODEL_FLOOR = [sys.executable, "-c", "import yaml, numpy; from pydantic import BaseModel"]
SCRIPT = Path(sys.executable).with_name("crmselect")
CRMSELECT = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "crmselect"]
SIZES = ((100, 8, 8), (200, 8, 8), (400, 8, 8))
COMPLIANCE = ("native", "configurable", "third_party", "custom", "native", "none")


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds (user + system), peak memory (MB) and exit code of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if hasattr(os, "wait4"):
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        peak = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 2**20
        cpu = usage.ru_utime + usage.ru_stime
    else:  # pragma: no cover - Windows
        process.wait()
        wall, peak = time.perf_counter() - start, 0.0
        cpu = wall
    return wall, cpu, peak, process.returncode


class Edits:
    """Before each run, gives ``paths`` a text they have not had (the original and a comment
    line with a counter), as a user's edit does: the kept readings of those files
    (``crmselect/bundlecache.py``, :func:`cached_reading`) do not apply, they are read anew."""

    def __init__(self, paths: list[Path]) -> None:
        self.originals = {path: path.read_bytes() for path in paths}
        self.count = 0

    def __call__(self) -> None:
        self.count += 1
        for path, data in self.originals.items():
            path.write_bytes(data + b"\n# edited for run %d\n" % self.count)

    def undo(self) -> None:
        for path, data in self.originals.items():
            path.write_bytes(data)


def paired(command: list[str], env: dict[str, str], runs: int,
           model_floor: bool = False, before: Edits | None = None) -> dict[str, float]:
    """Medians of ``command`` and of the floor, run in turn, and the medians of the pair ratios
    (wall time, and CPU time: on a busy machine the wall time is mostly waiting for a core).
    With ``model_floor``, :data:`MODEL_FLOOR` runs in each turn too (``model_*`` figures).
    ``before``: called before each run of the command, untimed (an edit of the project)."""
    *_, code = run_once(command, env)  # warm-up: fills the cache and the file system cache
    if code != 0:
        raise SystemExit(f"{' '.join(command)} exited with {code}")
    rows = []
    for _ in range(runs):
        if before is not None:
            before()
        wall, cpu, peak, _ = run_once(command, env)
        floor_wall, floor_cpu, _, _ = run_once(FLOOR, env)
        model_wall, model_cpu, _, _ = run_once(MODEL_FLOOR, env) if model_floor else (
            math.nan, math.nan, 0.0, 0)
        rows.append((wall, floor_wall, wall / floor_wall, cpu, floor_cpu, cpu / floor_cpu,
                     model_wall, wall / model_wall, model_cpu, cpu / model_cpu, peak))
    names = ("wall", "floor", "ratio", "cpu", "floor_cpu", "cpu_ratio",
             "model_floor", "model_ratio", "model_floor_cpu", "model_cpu_ratio")
    result = {name: statistics.median(row[i] for row in rows) for i, name in enumerate(names)}
    result["peak"] = max(row[-1] for row in rows)
    return result


def _load() -> str:
    """The one-, five- and fifteen-minute load averages (how busy the machine's cores were)."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"


def _figures(result: dict[str, float]) -> str:
    return (f"{result['wall']:7.3f} {result['floor']:6.3f} {result['ratio']:8.2f} "
            f"{result['cpu']:6.3f} {result['floor_cpu']:6.3f} {result['cpu_ratio']:8.2f} "
            f"{result['peak']:8.0f}")


def custom_requirements(catalog, n_req: int) -> list[dict]:
    """``n_req`` custom requirements spread over the catalog's groups (the same every time)."""
    groups = [(area.id, group.id) for area in catalog.areas for group in area.groups]
    requirements = []
    for i in range(n_req):
        area, group = groups[i % len(groups)]
        requirements.append({
            "id": f"CUS-G{i % len(groups):02d}-{i // len(groups) + 1:03d}", "area": area,
            "group": group, "phases": ["retention"],
            "title": {"en": f"Requirement {i} of {group}", "tr": f"{group} gereksinimi {i}"},
            "description": {"en": "The system records and reports this capability.",
                            "tr": "Sistem bu yeteneği kaydeder ve raporlar."},
            "priority": ("must", "should", "should", "could")[i % 4],
        })
    return requirements


def write_project(folder: Path, n_req: int, n_vendors: int, n_eval: int) -> tuple[Path, int]:
    """A valid project folder read from files: ``n_req`` custom requirements, ``n_vendors``
    vendors with a response file each, and a scores.yaml where each of ``n_eval`` evaluators
    scores every requirement of every vendor. Returns the folder and the number of records."""
    from crmselect.catalog import load_catalog
    from crmselect.resources import bundled_dir

    catalog = load_catalog()
    requirements = custom_requirements(catalog, n_req)
    bundled = sorted(p.stem for p in bundled_dir("vendors").glob("*.yaml"))
    vendors = bundled[:n_vendors]
    (folder / "vendors").mkdir(parents=True)
    (folder / "responses").mkdir()
    for k in range(n_vendors - len(vendors)):  # more vendors than ship: the project's own
        source = bundled_dir("vendors") / f"{bundled[k]}.yaml"
        vid = f"{bundled[k]}_copy"
        text = source.read_text(encoding="utf-8").replace(f"id: {bundled[k]}\n", f"id: {vid}\n", 1)
        (folder / "vendors" / f"{vid}.yaml").write_text(text, encoding="utf-8")
        vendors.append(vid)
    for v, vid in enumerate(vendors):
        responses = {r["id"]: {"compliance": COMPLIANCE[(v + i) % len(COMPLIANCE)]}
                     for i, r in enumerate(requirements)}
        (folder / "responses" / f"{vid}.yaml").write_text(
            yaml.safe_dump({"vendor": vid, "responses": responses}), encoding="utf-8")
    evaluators = [{"id": f"evaluator_{e}", "name": f"Evaluator {e}"} for e in range(n_eval)]
    project = {
        "name": f"CLI benchmark {n_req}", "currency": "EUR",
        "organisation": {"name": "Bench A.Ş.", "contact": {"name": "Bench"},
                         "departments": ["sales", "service"]},
        "exchange_rates": {"USD": 0.92, "TRY": 0.027},
        "users": [{"role": "sales", "count": 20, "licence": "standard"}],
        "custom_requirements": requirements, "evaluators": evaluators, "vendors": vendors,
    }
    (folder / "project.yaml").write_text(yaml.safe_dump(project, allow_unicode=True),
                                         encoding="utf-8")
    records = [{"evaluator": ev["id"], "vendor": vid, "target": r["id"],
                "score": (i + e + v) % 6}
               for e, ev in enumerate(evaluators) for v, vid in enumerate(vendors)
               for i, r in enumerate(requirements)]
    for record in records:  # 0, 1 and 5 need a note (the web form's rule, checked on load)
        if record["score"] in (0, 1, 5):
            record["note"] = "Uygulamalı demoda böyle görüldü."
    (folder / "scores.yaml").write_text(yaml.safe_dump({"scores": records}, width=200),
                                        encoding="utf-8")
    return folder, len(records)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 runs per command, not 7")
    parser.add_argument("--runs", type=int, default=0, help="runs per command")
    args = parser.parse_args()
    runs = args.runs or (3 if args.quick else 7)
    compileall.compile_dir(str(PACKAGE), quiet=1)
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(CRMSELECT_CACHE_DIR=str(Path(tmp) / "cache"), CRMSELECT_LANG="en")
        sample = Path(tmp) / "sample"
        subprocess.run([*CRMSELECT, "init", str(sample), "--sample"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        print(f"whole process, median of {runs} runs, each paired with the import floor "
              f"({' '.join(FLOOR[1:])!s}); load average {_load()}")
        print(f"{'command':46} {'wall s':>7} {'floor':>6} {'× floor':>8} {'cpu s':>6} "
              f"{'floor':>6} {'× floor':>8} {'peak MB':>8}  target (on wall time)")
        rows = [
            (["--help"], "≤ 1× floor", lambda r: r["ratio"] <= 1.0),
            (["validate", sample], "≤ 2× floor", lambda r: r["ratio"] <= 2.0),
            (["score", sample], "≤ 2× floor", lambda r: r["ratio"] <= 2.0),
            (["sensitivity", sample], "≤ 2× floor", lambda r: r["ratio"] <= 2.0),
            (["rfp", sample], "≤ 1 s", lambda r: r["wall"] <= 1.0),
            (["build", sample], "≤ 2 s", lambda r: r["wall"] <= 2.0),
        ]
        against_models = []
        for words, target, ok in rows:
            compared = words[0] in ("validate", "score", "sensitivity")
            result = paired([*CRMSELECT, *map(str, words)], env, runs, model_floor=compared)
            met = ok(result)
            failed += not met
            shown = " ".join(str(w) if w != sample else "SAMPLE" for w in words)
            print(f"crmselect {shown:36} {_figures(result)}  {target}: "
                  f"{'met' if met else 'NOT met'}", flush=True)
            if compared:
                against_models.append((shown, result))
        own = [sample / "project.yaml", sample / "scores.yaml",
               *sorted((sample / "responses").glob("*.yaml"))]
        print("after an edit: the edited files are read and validated anew before each run "
              "(the others' readings are kept)")
        for words, edited, shown in (
                (["validate", sample], own[:1], "validate SAMPLE, project.yaml edited"),
                (["score", sample], own[1:2], "score SAMPLE, scores.yaml edited"),
                (["score", sample], own, "score SAMPLE, all its files edited")):
            edits = Edits(edited)
            result = paired([*CRMSELECT, *map(str, words)], env, runs, before=edits)
            edits.undo()
            print(f"crmselect {shown:36} {_figures(result)}", flush=True)
        cold = paired([*CRMSELECT, "score", str(sample)],
                      {**env, "CRMSELECT_CACHE_DIR": "off"}, runs)
        print(f"{'crmselect score SAMPLE, no cache':46} {_figures(cold)}  (the cache turned off)")

        print(f"\nextra reference, not the targets' floor: python -c \"{MODEL_FLOOR[-1]}\" "
              "(the least a program validating with pydantic pays), run in the same turns")
        print(f"{'command':46} {'wall s':>7} {'floor':>6} {'× floor':>8} {'cpu s':>6} "
              f"{'floor':>6} {'× floor':>8}")
        for shown, result in against_models:
            print(f"crmselect {shown:36} {result['wall']:7.3f} {result['model_floor']:6.3f} "
                  f"{result['model_ratio']:8.2f} {result['cpu']:6.3f} "
                  f"{result['model_floor_cpu']:6.3f} {result['model_cpu_ratio']:8.2f}",
                  flush=True)

        print(f"\nscore of a project folder read from files, every file of the project "
              f"edited before each run (median of {runs} runs)")
        print(f"{'requirements × vendors × evaluators':36} {'records':>8} {'wall s':>7} "
              f"{'× floor':>8} {'cpu s':>6} {'peak MB':>8} {'cpu ms/req':>11} "
              f"{'cpu µs/record':>14}")
        points = []
        for n_req, n_vendors, n_eval in SIZES:
            folder, n_records = write_project(Path(tmp) / f"p{n_req}", n_req, n_vendors, n_eval)
            every = Edits([folder / "project.yaml", folder / "scores.yaml",
                           *sorted((folder / "responses").glob("*.yaml"))])
            result = paired([*CRMSELECT, "score", str(folder)], env, runs, before=every)
            points.append((n_req, n_records, result["cpu"], result["wall"]))
            size = f"{n_req} × {n_vendors} × {n_eval}"
            print(f"{size:36} {n_records:8,d} {result['wall']:7.3f} {result['ratio']:8.2f} "
                  f"{result['cpu']:6.3f} {result['peak']:8.0f} "
                  f"{result['cpu'] / n_req * 1e3:11.2f} {result['cpu'] / n_records * 1e6:14.1f}",
                  flush=True)
            shutil.rmtree(folder)
        for (r1, n1, t1, _), (r2, n2, t2, _) in zip(points, points[1:], strict=False):
            print(f"from {r1} to {r2} requirements: +{(t2 - t1) / (r2 - r1) * 1e3:.2f} ms CPU "
                  f"per added requirement, +{(t2 - t1) / (n2 - n1) * 1e6:.1f} µs CPU per added "
                  "record")
        large = points[-1][3]
        met = large < 2.0
        failed += not met
        print(f"target: 400 × 8 × 8 under 2 s — {'met' if met else 'NOT met'}")
        print(f"load average at the end: {_load()}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
