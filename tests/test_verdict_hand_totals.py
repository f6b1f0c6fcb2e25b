"""Totals of crafted projects checked by hand: the arithmetic in each test is the oracle,
written out from the weights and the scores as one would on a calculator."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from verdictprojects import (
    PRICING,
    TWO_CRITERIA_IDS,
    answers,
    crafted_project,
    two_criteria_scores,
)

from crmselect.project import load_project
from crmselect.scoring import evaluate_project

#: functional 1, integration 1, everything else 0: two criteria of 50 % each.
HALF_HALF = {"criteria": {"functional": 1, "integration": 1, "non_functional": 0,
                          "test_drive": 0, "cost": 0, "references": 0}}


def _two_criteria(root: Path) -> Path:
    """Odoo 5 on functional and 2 on integration; SuiteCRM 3.5 (4 and 3) and 3 (3 and 3)."""
    ids = TWO_CRITERIA_IDS
    scores = two_criteria_scores()
    return crafted_project(root, {"odoo": answers("native", ids),
                                  "suitecrm": answers("native", ids)},
                           requirements=ids, scores=scores, weights=HALF_HALF)


def _totals(root: Path, method: str) -> dict[str, float]:
    ev = evaluate_project(load_project(root), method=method)
    return {r.vendor: r.total for r in ev.ranking}


def test_weighted_sum_by_hand(tmp_path: Path) -> None:
    totals = _totals(_two_criteria(tmp_path / "p"), "wsm")
    # 100 × Σ w·s / 5
    assert totals["odoo"] == pytest.approx(100 * (0.5 * 5 + 0.5 * 2) / 5)  # 70.0
    assert totals["suitecrm"] == pytest.approx(100 * (0.5 * 3.5 + 0.5 * 3) / 5)  # 65.0


def test_topsis_by_hand(tmp_path: Path) -> None:
    totals = _totals(_two_criteria(tmp_path / "p"), "topsis")
    # ideal 5, anti-ideal 0 on each criterion, weighted by 0.5; closeness = D− / (D+ + D−)
    odoo_plus = math.sqrt((0.5 * (5 - 5)) ** 2 + (0.5 * (5 - 2)) ** 2)  # 1.5
    odoo_minus = math.sqrt((0.5 * 5) ** 2 + (0.5 * 2) ** 2)  # 2.6926
    suite_plus = math.sqrt((0.5 * 1.5) ** 2 + (0.5 * 2) ** 2)  # 1.25
    suite_minus = math.sqrt((0.5 * 3.5) ** 2 + (0.5 * 3) ** 2)  # 2.3049
    assert totals["odoo"] == pytest.approx(100 * odoo_minus / (odoo_plus + odoo_minus))  # 64.22
    assert totals["suitecrm"] == pytest.approx(
        100 * suite_minus / (suite_plus + suite_minus))  # 64.84
    # so the two methods disagree on the winner, and the evaluation says so
    ev = evaluate_project(load_project(tmp_path / "p"))
    assert ev.winners_by_method == {"wsm": "odoo", "topsis": "suitecrm"}
    assert "method_winners_differ" in [w.code for w in ev.warnings]


def test_weighted_sum_with_the_cost_score_by_hand(tmp_path: Path) -> None:
    # Criteria weights 35/15/10/15/20/5; test drive and references have no data and drop out:
    # functional 35/80, integration 15/80, non-functional 10/80, cost 20/80.
    dear = {**PRICING, "implementation": 279992}  # TCO 639,992 TRY
    root = crafted_project(tmp_path / "p", {
        "odoo": answers("native"),
        "suitecrm": {**answers("native"), "OPS-SFA-001": {"compliance": "configurable"}}},
        pricing={"odoo": dear})
    totals = _totals(root, "wsm")
    cost = 5 * (900000 - 639992) / (900000 - 500000)  # linear from the target to the ceiling
    assert cost == pytest.approx(3.25010)
    assert totals["odoo"] == pytest.approx(
        100 * (35 / 80 * 5 + 15 / 80 * 5 + 10 / 80 * 5 + 20 / 80 * cost) / 5)  # 91.2505
    assert totals["suitecrm"] == pytest.approx(
        100 * (35 / 80 * 4 + 15 / 80 * 5 + 10 / 80 * 5 + 20 / 80 * 5) / 5)  # 91.25
