"""Benchmark of the RFP: Word and Markdown for a project of 1,000 requirements.

A synthetic project folder is written with requirements spread over every catalog group (each
with a description and three acceptance criteria), 5 test-drive scenarios and 6 user groups.
The time of ``render_rfp`` (context, Word, Markdown, both files written) is printed at 250, 500
and 1,000 requirements to show that it grows linearly, plus the response workbook at 1,000.

Usage: python benchmarks/bench_rfp.py [--quick]
Target: under 3 s for 1,000 requirements.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import yaml

from crmselect.catalog import load_catalog
from crmselect.documents.rfp import render_rfp
from crmselect.documents.workbook import write_workbook
from crmselect.project import load_project

TARGET_SECONDS = 3.0
PRIORITIES = ("must", "should", "should", "could")


def write_project(folder: Path, n: int) -> Path:
    """A valid project folder with ``n`` requirements (custom ones, over every group)."""
    catalog = load_catalog()
    groups = [(area.id, group.id) for area in catalog.areas for group in area.groups]
    custom = []
    for i in range(n - 1):
        area, group = groups[i % len(groups)]
        code = f"G{i % len(groups):02d}"
        number = i // len(groups) + 1
        custom.append({
            "id": f"CUS-{code}-{number:03d}", "area": area, "group": group,
            "title": {"en": f"Requirement {i} of {group}", "tr": f"{group} gereksinimi {i}"},
            "description": {"en": "The system records, shows and reports this capability so "
                            "that the team works from one place. " * 3,
                            "tr": "Sistem bu yeteneği kaydeder, gösterir ve raporlar; böylece "
                            "ekip tek yerden çalışır. " * 3},
            "phases": ["retention"], "priority": PRIORITIES[i % len(PRIORITIES)],
            "acceptance_criteria": [
                {"en": f"Criterion {k}: shown live with the test data.",
                 "tr": f"Kriter {k}: test verisiyle canlı gösterilir."} for k in (1, 2, 3)],
        })
    scenarios = [{
        "id": f"SCN-B{s}", "title": f"Scenario {s}", "objective": "Show the whole flow.",
        "duration_minutes": 30, "expected_outcome": "Everything works.",
        "steps": [{"action": f"Step {k}", "expected": f"Result {k}"} for k in range(1, 9)],
    } for s in range(1, 6)]
    project = {
        "name": f"Benchmark {n}",
        "organisation": {"name": "Bench A.Ş.", "contact": {"name": "Bench"},
                         "departments": ["sales", "service"]},
        "users": [{"role": f"role_{k}", "count": 10 * k, "licence": "standard" if k % 2
                   else "light"} for k in range(1, 7)],
        "timeline": {"rfp_issued": "2027-01-11", "responses_due": "2027-02-05"},
        "requirements": ["OPS-SFA-001"],
        "custom_requirements": custom,
        "scenarios": [s["id"] for s in scenarios],
        "kpis": ["csat", "win_rate"],
    }
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "project.yaml").write_text(yaml.safe_dump(project, allow_unicode=True),
                                         encoding="utf-8")
    (folder / "scenarios").mkdir(exist_ok=True)
    (folder / "scenarios" / "bench.yaml").write_text(
        yaml.safe_dump({"scenarios": scenarios}, allow_unicode=True), encoding="utf-8")
    return folder


def time_rfp(folder: Path, repeat: int) -> tuple[float, int]:
    lp = load_project(folder)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        files = render_rfp(lp)
        best = min(best, time.perf_counter() - start)
    return best, files.requirements


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one run per size")
    args = parser.parse_args()
    repeat = 1 if args.quick else 3
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (250, 500, 1000):
            folder = write_project(Path(tmp) / f"p{n}", n)
            seconds, count = time_rfp(folder, repeat)
            results.append((count, seconds))
            print(f"RFP {count:5d} requirements: {seconds:6.2f} s  "
                  f"({seconds / count * 1000:.2f} ms per requirement)")
        lp = load_project(Path(tmp) / "p1000")
        start = time.perf_counter()
        write_workbook(lp)
        print(f"response workbook, {len(lp.requirements)} requirements: "
              f"{time.perf_counter() - start:6.2f} s")
    (n1, t1), (n3, t3) = results[0], results[-1]
    growth = (t3 / t1) / (n3 / n1)
    print(f"growth from {n1} to {n3}: ×{t3 / t1:.2f} time for ×{n3 / n1:.0f} requirements "
          f"(1.0 = linear): {growth:.2f}")
    ok = t3 < TARGET_SECONDS
    print(f"target: under {TARGET_SECONDS:.0f} s for 1,000 requirements — "
          f"{'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
