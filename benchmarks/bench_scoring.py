"""Benchmark of the scoring engine on a large synthetic evaluation.

1,000 requirements × 30 vendors × 15 evaluators (450,000 score records, every evaluator
scoring every requirement of every vendor), 5 test-drive scenarios, and 10,000 Monte Carlo
samples. Prints the wall time and peak memory of one evaluation, and the time at 250, 500
and 1,000 requirements to show that it grows linearly.

Usage: python benchmarks/bench_scoring.py [--quick]
Targets: under 1 s and under 300 MB for the full size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import resource
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

from crmselect.catalog import Catalog
from crmselect.model import (
    COMPLIANCE_LEVELS,
    Evaluator,
    Licence,
    Pricing,
    Project,
    Requirement,
    Response,
    Scenario,
    ScenarioStep,
    ScoreRecord,
    ScoresFile,
    Tco,
    Text,
    UserGroup,
    VendorProfile,
)
from crmselect.project import LoadedProject, ProjectRequirement, Vendor
from crmselect.scoring import evaluate_project

AREAS = {
    "operational": ["sales_automation", "marketing_automation", "service_automation"],
    "analytical": ["reporting", "customer_analytics"],
    "collaborative": ["customer_view", "teamwork"],
    "e_crm": ["web_self_service", "digital_channels"],
    "integration": ["finance_integrations", "platform_integrations"],
    "non_functional": ["security", "privacy_compliance", "usability"],
}
PRIORITIES = ("must", "should", "should", "could")
TARGET_SECONDS = 1.0
TARGET_MB = 300


def synthetic_project(n_req: int, n_vendors: int, n_eval: int, seed: int = 1
                      ) -> tuple[LoadedProject, ScoresFile]:
    """A loaded project and its scores, built in memory (no files)."""
    rng = np.random.default_rng(seed)
    groups = [(a, g) for a, gs in AREAS.items() for g in gs]
    text = Text(en="Synthetic", tr="Sentetik")
    requirements: dict[str, ProjectRequirement] = {}
    for k in range(n_req):
        area, group = groups[k % len(groups)]
        rid = f"SYN-G{k % len(groups):02d}-{k // len(groups) + 1:03d}"
        req = Requirement(id=rid, title=text, description=text, phases=["acquisition"])
        requirements[rid] = ProjectRequirement(req, area, group, PRIORITIES[k % 4])
    scenarios = {
        f"SCN-S{s}": Scenario(id=f"SCN-S{s}", title="Demo", objective="Demo", duration_minutes=60,
                              steps=[ScenarioStep(action="Do", expected="Done")] * 4,
                              expected_outcome="Done")
        for s in range(5)
    }
    evaluators = [Evaluator(id=f"e{i:02d}", name=f"Evaluator {i}") for i in range(n_eval)]
    project = Project(
        name="Synthetic benchmark", organisation={"name": "Bench Ltd"}, currency="EUR",
        users=[UserGroup(role="sales", count=200), UserGroup(role="service", count=100,
                                                                  licence="light")],
        tco=Tco(horizon_years=5, target_budget=2_000_000, ceiling=4_000_000),
        evaluators=evaluators, vendors=[f"v{i:02d}" for i in range(n_vendors)],
        scenarios=list(scenarios),
        scoring={"monte_carlo_samples": 10_000, "seed": 3, "unverified_discount": 0.2},
    )
    ids = list(requirements)
    vendors: dict[str, Vendor] = {}
    # Each vendor has a true score per requirement (better vendors score higher; must
    # requirements are met by most), declared as the matching compliance level; evaluators
    # mostly agree with the truth, a few are one point off.
    must = np.array([r.priority == "must" for r in requirements.values()])
    quality = np.linspace(4.2, 2.8, n_vendors)[:, None]
    truth = np.clip(np.rint(rng.normal(quality, 1.0, size=(n_vendors, n_req))), 0, 5)
    truth[:, must] = np.maximum(truth[:, must], np.where(np.arange(n_vendors) < n_vendors * 0.7,
                                                         3, 0)[:, None])
    compliance = (5 - truth).astype(int)
    for v in range(n_vendors):
        vid = f"v{v:02d}"
        profile = VendorProfile(id=vid, name=f"Vendor {v}", product="CRM", deployment=["cloud"],
                                licence=Licence(model="subscription"), source="synthetic",
                                as_of=dt.date(2026, 1, 1))
        levels = [COMPLIANCE_LEVELS[c] for c in compliance[v]]
        responses = {
            rid: Response.model_construct(
                compliance=level, comment="", evidence=[], source="", third_party_product="",
                third_party_cost_per_year=1000.0 if level == "third_party" else 0.0,
                custom_effort_days=5.0 if level == "custom" else 0.0,
                roadmap_date=dt.date(2027, 1, 1) if level == "roadmap" else None)
            for rid, level in zip(ids, levels, strict=True)
        }
        pricing = Pricing(currency="EUR", per_user_month={"standard": float(30 + v),
                                                          "light": float(15 + v)},
                          yearly_increase_pct=3, implementation=100_000 + 5_000 * v,
                          day_rate=700)
        vendors[vid] = Vendor(profile, responses, pricing, 16.0)
    targets = ids + [f"{s}.{n}" for s in scenarios for n in range(1, 5)]
    truth = np.hstack([truth, np.clip(np.rint(rng.normal(quality, 1.0, (n_vendors, 20))), 0, 5)])
    noise = rng.choice([-1.0, 0.0, 1.0], p=[0.05, 0.9, 0.05], size=(n_eval, n_vendors,
                                                                   len(targets)))
    values = np.clip(truth[None, :, :] + noise, 0, 5).ravel()
    records = []
    k = 0
    for e in evaluators:
        for vid in vendors:
            for target in targets:
                records.append(ScoreRecord.model_construct(
                    evaluator=e.id, vendor=vid, target=target, score=values[k], note="",
                    at=None))
                k += 1
    loaded = LoadedProject(root=Path("."), project=project, catalog=Catalog(),
                           requirements=requirements, vendors=vendors, scenarios=scenarios)
    return loaded, ScoresFile(scores=records)


def timed(loaded: LoadedProject, scores: ScoresFile, repeat: int = 3) -> float:
    """Best wall time of ``repeat`` evaluations (seconds)."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        evaluate_project(loaded, scores, monte_carlo_samples=10_000)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="Smaller sizes, for a smoke test.")
    args = parser.parse_args()
    n_vendors, n_eval = (10, 5) if args.quick else (30, 15)
    sizes = (50, 100, 200) if args.quick else (250, 500, 1000)

    largest = sizes[-1]
    # Memory first, in a fresh process state, so that the high-water mark of the RSS before
    # and after one evaluation tells what the evaluation itself adds.
    loaded, scores = synthetic_project(largest, n_vendors, n_eval)
    gc.collect()
    rss_input = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    evaluation = evaluate_project(loaded, scores, monte_carlo_samples=10_000)
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    tracemalloc.start()
    evaluate_project(loaded, scores, monte_carlo_samples=10_000)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    peak_mb = peak / 2**20
    knocked = sum(e.knocked_out for e in evaluation.ranking)
    print(f"winner: {evaluation.winner} ({knocked} vendors knocked out, "
          f"{len(evaluation.disagreements):,} disagreements flagged)")
    print(f"peak memory allocated by one evaluation (tracemalloc): {peak_mb:.1f} MB")
    print(f"process RSS: {rss_input:.0f} MB with the synthetic input loaded, "
          f"{rss_peak:.0f} MB peak after one evaluation (+{rss_peak - rss_input:.0f} MB)")
    del loaded, scores, evaluation

    times = {}
    for n_req in sizes:
        loaded, scores = synthetic_project(n_req, n_vendors, n_eval)
        times[n_req] = timed(loaded, scores)
        print(f"{n_req:>5} requirements × {n_vendors} vendors × {n_eval} evaluators "
              f"({len(scores.scores):,} score records), 10,000 Monte Carlo samples: "
              f"{times[n_req]:.3f} s", flush=True)
        del loaded, scores
    per_req = [times[n] / n for n in sizes]
    print(f"time per requirement: {', '.join(f'{p * 1000:.2f} ms' for p in per_req)} "
          f"(flat = linear growth)")
    ok = times[largest] < TARGET_SECONDS and peak_mb < TARGET_MB
    print(f"target < {TARGET_SECONDS:g} s and < {TARGET_MB} MB: {'met' if ok else 'NOT met'}")
    return 0 if ok or args.quick else 1


if __name__ == "__main__":
    sys.exit(main())
