"""Exchange-rate sensitivity with fewer exact evaluations (issue 15, target 1):
the grid is estimated at once and only points near a crossing, and the bisection, are worked
out exactly; the thresholds are the same to the last bit. No test measures time."""

from __future__ import annotations

import random
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from crmselect.model import Tco
from crmselect.scoring import evaluate, evaluation
from crmselect.scoring.cost import cost_score_array, cost_scores
from crmselect.scoring.sensitivity import ESTIMATE_MARGIN, fx_thresholds

TCOS = [
    {"target_budget": 50_000, "ceiling": 150_000},
    {"target_budget": 50_000},  # ceiling: twice the budget
    {"target_budget": 50_000, "ceiling": 150_000, "price_formula": "relative"},
    {},  # no budget: relative
    {"price_formula": "relative"},
]


def _lp(tco: dict) -> SimpleNamespace:
    return SimpleNamespace(project=SimpleNamespace(tco=Tco(**tco), currency="TRY"),
                           root=Path("acme"))


@pytest.mark.parametrize("tco", TCOS)
@pytest.mark.parametrize("seed", range(10))
def test_the_array_cost_scores_are_cost_scores_to_the_bit(tco, seed):
    rng = random.Random(seed)
    lp = _lp(tco)
    n = rng.randint(1, 6)
    totals: dict[str, float | None] = {
        f"v{i}": rng.choice([None, 0.0, 50_000.0, 150_000.0, rng.uniform(0, 300_000),
                             rng.uniform(0, 300_000)]) for i in range(n)}
    expected = cost_scores(lp, totals, [])
    priced = np.array([x is not None for x in totals.values()])
    x = np.array([0.0 if t is None else t for t in totals.values()])
    got = cost_score_array(lp, x, priced)
    assert got.tolist() == list(expected.values())
    # and row by row for a grid of totals (changes × vendors)
    grid = np.stack([x * f for f in (0.5, 1.0, 1.7)])
    rows = cost_score_array(lp, grid, priced)
    for row, tcos in zip(rows, grid, strict=True):
        shifted = {v: (float(t) if p else None)
                   for v, t, p in zip(totals, tcos, priced, strict=True)}
        assert row.tolist() == list(cost_scores(lp, shifted, []).values())


def test_no_priced_vendor_scores_zero_everywhere():
    got = cost_score_array(_lp({}), np.zeros((2, 3)), np.zeros(3, dtype=bool))
    assert got.tolist() == [[0.0] * 3] * 2


def _crossing(rng: random.Random, n: int) -> tuple:
    """A totals function of the change g (curved, as a TCO under compounding rates is) and
    the same totals by numpy: slightly different in the last bits."""
    a = [rng.uniform(40, 80) for _ in range(n)]
    b = [rng.uniform(-60, 60) for _ in range(n)]
    c = [rng.uniform(-20, 20) for _ in range(n)]

    def exact(currency: str, g: float) -> np.ndarray:
        return np.array([a[v] + b[v] * g + c[v] * (1 + g) ** 3 for v in range(n)])

    def estimate(currency: str, gs: np.ndarray) -> np.ndarray:
        gs = gs[:, None]
        return np.array(a) + np.array(b) * gs + np.array(c) * np.power(1 + gs, 3.0)

    return exact, estimate


def _counting(f):  # noqa: ANN001, ANN202
    calls = []

    def wrapped(currency: str, g: float) -> np.ndarray:
        calls.append(g)
        return f(currency, g)

    return wrapped, calls


@pytest.mark.parametrize("seed", range(40))
def test_thresholds_with_an_estimate_are_the_same_to_the_bit(seed):
    rng = random.Random(seed)
    n = rng.randint(2, 5)
    exact, estimate = _crossing(rng, n)
    eligible = np.array([rng.random() > 0.2 for _ in range(n)])
    eligible[0] = True
    vendors = [f"v{i}" for i in range(n)]
    currencies = {"EUR": [30.0] * 5, "USD": [35.0] * 5}
    plain, plain_calls = _counting(exact)
    quick, quick_calls = _counting(exact)
    expected = fx_thresholds(currencies, plain, vendors, eligible, 0)
    got = fx_thresholds(currencies, quick, vendors, eligible, 0, estimate=estimate)
    assert got == expected  # dataclass equality: every float to the bit
    # each search costs the grid up to the crossing without the estimate; with it, only the
    # points near a crossing and the bisection (41 a threshold found)
    found = sum(f.rise is not None for f in got) + sum(f.fall is not None for f in got)
    assert len(quick_calls) <= 45 * found + 4
    assert len(quick_calls) <= len(plain_calls)


def test_the_estimate_saves_the_grid_on_a_search_that_finds_nothing():
    def totals(currency: str, g: float | np.ndarray) -> np.ndarray:  # the winner always ahead
        g = np.asarray(g, dtype=float)
        return np.stack([np.full(g.shape, 80.0), 60 + 10 * g], axis=-1)

    counted, calls = _counting(totals)
    eligible = np.ones(2, dtype=bool)
    (eur,) = fx_thresholds({"EUR": [1.0]}, counted, ["a", "b"], eligible, 0, estimate=totals)
    assert eur.rise is None and eur.fall is None
    assert calls == []  # without the estimate: 200 exact evaluations
    fx_thresholds({"EUR": [1.0]}, counted, ["a", "b"], eligible, 0)
    assert len(calls) == 200


def test_a_crossing_on_a_grid_point_is_decided_exactly():
    """b catches up with a exactly at g = 0.25 (a grid point): the estimate, off by far less
    than the margin either way, never decides it; the exact totals do."""
    def exact(currency: str, g: float) -> np.ndarray:
        return np.array([70.0, 60.0 + 40.0 * g])

    for noise in (-ESTIMATE_MARGIN / 10, 0.0, ESTIMATE_MARGIN / 10):
        def estimate(currency: str, gs: np.ndarray, noise: float = noise) -> np.ndarray:
            return np.stack([np.full(gs.shape, 70.0), 60.0 + 40.0 * gs + noise], axis=-1)

        args = ({"EUR": [1.0]}, exact, ["a", "b"], np.ones(2, dtype=bool), 0)
        assert fx_thresholds(*args, estimate=estimate) == fx_thresholds(*args)


def test_an_estimate_without_numbers_falls_back_to_exact_totals():
    def exact(currency: str, g: float) -> np.ndarray:
        return np.array([70.0, 60.0 + 40.0 * g])

    def nan(currency: str, gs: np.ndarray) -> np.ndarray:
        return np.full((len(gs), 2), np.nan)

    args = ({"EUR": [1.0]}, exact, ["a", "b"], np.ones(2, dtype=bool), 0)
    got = fx_thresholds(*args, estimate=nan)
    assert got == fx_thresholds(*args)
    assert got[0].rise is not None and got[0].rise.overtaken_by == "b"


@pytest.mark.parametrize("method", ["wsm", "topsis"])
@pytest.mark.parametrize("rates", [0.9, 0.6, 1.3, [0.9, 1.0, 1.1, 1.2, 1.3]])
def test_the_project_thresholds_are_those_of_the_exact_search(tmp_path, monkeypatch, rates,
                                                              method):
    from test_scoring_integrity import fx_project

    root = fx_project(tmp_path, rates)
    with_estimate = evaluate(root, method=method).fx_sensitivity
    real = evaluation.fx_thresholds
    exact_only = []

    def without_estimate(*args, estimate=None, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        exact_only.append(estimate is not None)
        return real(*args, **kwargs)

    monkeypatch.setattr(evaluation, "fx_thresholds", without_estimate)
    assert evaluate(root, method=method).fx_sensitivity == with_estimate
    assert exact_only == [True]
    if rates == 0.9:  # the crossing test_scoring_integrity checks
        assert with_estimate[0].rise is not None
