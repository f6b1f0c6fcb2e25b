"""Multi-criteria aggregation on a plain alternatives × criteria matrix: weighted sum, TOPSIS.

These functions know nothing of projects: they take numbers and return numbers, so that they
can be checked against published worked examples and reused by the project evaluation.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike

from crmselect.errors import CrmselectError

NORMALIZATIONS = ("vector", "max", "minmax", "none")


def _inputs(
    matrix: ArrayLike, weights: ArrayLike, benefit: Sequence[bool] | ArrayLike | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Validated (matrix, weights summing to 1, benefit mask)."""
    try:
        x = np.asarray(matrix, dtype=float)
        w = np.asarray(weights, dtype=float)
    except (TypeError, ValueError):
        raise CrmselectError("the decision matrix and the weights must be numbers") from None
    if x.ndim != 2 or x.shape[0] == 0 or x.shape[1] == 0:
        raise CrmselectError("the decision matrix must be a table with one row per alternative "
                             "and one column per criterion")
    m = x.shape[1]
    if w.shape != (m,):
        raise CrmselectError(f"{w.size} weight(s) given for {m} criteria")
    b = np.ones(m, dtype=bool) if benefit is None else np.asarray(benefit, dtype=bool)
    if b.shape != (m,):
        raise CrmselectError(f"{b.size} benefit flag(s) given for {m} criteria")
    if not np.isfinite(x).all():
        raise CrmselectError("the decision matrix holds a missing or infinite value")
    if (x < 0).any():
        i, j = np.argwhere(x < 0)[0]
        raise CrmselectError(f"the decision matrix cell ({i + 1}, {j + 1}) is {x[i, j]:g}; "
                             "values must not be negative")
    if not np.isfinite(w).all() or (w < 0).any():
        raise CrmselectError("weights must be finite and not negative")
    if w.sum() <= 0:
        raise CrmselectError("all weights are zero: there is nothing to compare on")
    return x, w / w.sum(), b


def normalize(x: np.ndarray, benefit: np.ndarray, method: str) -> np.ndarray:
    """Column-normalised matrix. ``vector`` and ``none`` keep the direction (TOPSIS handles it);
    ``max`` and ``minmax`` turn cost criteria around so that higher is always better."""
    if method not in NORMALIZATIONS:
        raise CrmselectError(f"unknown normalization '{method}'; use one of "
                             f"{', '.join(NORMALIZATIONS)}")
    if method == "none":
        return x.copy()
    if method == "vector":
        norm = np.sqrt((x**2).sum(axis=0))
        return np.divide(x, norm, out=np.zeros_like(x), where=norm > 0)
    if method == "max":
        top = x.max(axis=0)
        if (~benefit & (x == 0).any(axis=0)).any():
            j = int(np.argmax(~benefit & (x == 0).any(axis=0)))
            raise CrmselectError(f"criterion {j + 1} is a cost criterion with a 0 value; max "
                                 "normalization (lowest / value) needs positive costs")
        gain = np.divide(x, top, out=np.zeros_like(x), where=top > 0)
        cost = np.divide(x.min(axis=0), x, out=np.ones_like(x), where=x > 0)
        return np.where(benefit, gain, cost)
    low, high = x.min(axis=0), x.max(axis=0)
    span = high - low
    gain = np.divide(x - low, span, out=np.ones_like(x), where=span > 0)
    return np.where(benefit, gain, 1 - gain)


def weighted_sum(
    matrix: ArrayLike,
    weights: ArrayLike,
    benefit: Sequence[bool] | ArrayLike | None = None,
    normalization: str = "max",
) -> np.ndarray:
    """Simple additive weighting: Σ w_j · r_ij over normalised values r (higher is better).

    Weights are rescaled to sum 1. With ``normalization="max"`` a benefit criterion becomes
    x / max and a cost criterion min / x; ``minmax`` maps each column onto 0–1; ``none`` uses
    the values as they are (they must already share one scale and direction).
    """
    x, w, b = _inputs(matrix, weights, benefit)
    if normalization == "vector":
        r = normalize(x, b, "vector")
        r = np.where(b, r, 1 - r)
    else:
        r = normalize(x, b, normalization)
    return r @ w


def topsis(
    matrix: ArrayLike,
    weights: ArrayLike,
    benefit: Sequence[bool] | ArrayLike | None = None,
    normalization: str = "vector",
) -> np.ndarray:
    """TOPSIS relative closeness to the ideal solution, one value in 0–1 per alternative.

    Hwang & Yoon (1981): normalise each column (vector norm by default), weight it, take the
    ideal (best value per criterion: highest for benefit, lowest for cost) and the anti-ideal,
    and score each alternative by d⁻ / (d⁺ + d⁻) with Euclidean distances.
    """
    x, w, b = _inputs(matrix, weights, benefit)
    if normalization in ("max", "minmax"):
        # These already turn cost criteria into benefit ones.
        r, b = normalize(x, b, normalization), np.ones_like(b)
    else:
        r = normalize(x, b, normalization)
    return topsis_closeness(r, w[None, :], b)[0]


def topsis_closeness(r: np.ndarray, weights: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    """TOPSIS closeness for many weight vectors at once: ``weights`` is samples × criteria,
    ``r`` the normalised alternatives × criteria matrix; returns samples × alternatives.

    Why batched: the Monte Carlo sensitivity analysis runs TOPSIS for thousands of weight
    vectors; the normalised matrix does not depend on the weights, so it is computed once.
    """
    v = weights[:, None, :] * r[None, :, :]  # samples × alternatives × criteria
    high, low = v.max(axis=1), v.min(axis=1)
    ideal = np.where(benefit, high, low)[:, None, :]
    anti = np.where(benefit, low, high)[:, None, :]
    d_best = np.sqrt(((v - ideal) ** 2).sum(axis=2))
    d_worst = np.sqrt(((v - anti) ** 2).sum(axis=2))
    total = d_best + d_worst
    # Alternatives all equal: nobody is closer to the ideal than anybody else.
    return np.divide(d_worst, total, out=np.full_like(total, 0.5), where=total > 0)
