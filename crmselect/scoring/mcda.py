"""Multi-criteria aggregation on a plain alternatives × criteria matrix: weighted sum, TOPSIS.

These functions know nothing of projects: they take numbers and return numbers, so that they
can be checked against published worked examples and reused by the project evaluation. Bad
input is a :class:`CrmselectError` with a message code (``mcda_*``), which the edge writes in
the reader's language like every other.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from crmselect.errors import CrmselectError, Number, msg

if TYPE_CHECKING:  # numpy.typing costs about 9 M instructions at import: annotations only
    from numpy.typing import ArrayLike

NORMALIZATIONS = ("vector", "max", "minmax", "sum", "none")


def _inputs(
    matrix: ArrayLike, weights: ArrayLike, benefit: Sequence[bool] | ArrayLike | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Validated (matrix, weights summing to 1, benefit mask)."""
    try:
        x = np.asarray(matrix, dtype=float)
        w = np.asarray(weights, dtype=float)
    except (TypeError, ValueError):
        raise CrmselectError(msg("mcda_not_numbers")) from None
    if x.ndim != 2 or x.shape[0] == 0 or x.shape[1] == 0:
        raise CrmselectError(msg("mcda_not_a_table"))
    m = x.shape[1]
    if w.shape != (m,):
        raise CrmselectError(msg("mcda_weights_mismatch", n=w.size, m=m))
    b = np.ones(m, dtype=bool) if benefit is None else np.asarray(benefit, dtype=bool)
    if b.shape != (m,):
        raise CrmselectError(msg("mcda_benefit_mismatch", n=b.size, m=m))
    if not np.isfinite(x).all():
        raise CrmselectError(msg("mcda_not_finite"))
    if (x < 0).any():
        i, j = np.argwhere(x < 0)[0]
        raise CrmselectError(msg("mcda_negative", row=int(i) + 1, column=int(j) + 1,
                                 value=Number(x[i, j])))
    if not np.isfinite(w).all() or (w < 0).any():
        raise CrmselectError(msg("mcda_bad_weights"))
    if w.sum() <= 0:
        raise CrmselectError(msg("mcda_zero_weights"))
    return x, w / w.sum(), b


def normalize(x: np.ndarray, benefit: np.ndarray, method: str) -> np.ndarray:
    """Column-normalised matrix. ``vector`` and ``none`` keep the direction (TOPSIS handles it);
    ``max``, ``minmax`` and ``sum`` turn cost criteria around so that higher is always better
    (``sum``: benefit x / Σx, cost (1/x) / Σ(1/x); ``minmax``: benefit (x − min) / (max − min),
    cost (max − x) / (max − min), and 1 for a column where all values are equal)."""
    if method not in NORMALIZATIONS:
        raise CrmselectError(msg("mcda_unknown_normalization", method=method,
                                 choices=", ".join(NORMALIZATIONS)))
    if method == "none":
        return x.copy()
    if method == "vector":
        norm = np.sqrt((x**2).sum(axis=0))
        return np.divide(x, norm, out=np.zeros_like(x), where=norm > 0)
    if method in ("max", "sum") and (~benefit & (x == 0).any(axis=0)).any():
        j = int(np.argmax(~benefit & (x == 0).any(axis=0)))
        code = "mcda_zero_cost_max" if method == "max" else "mcda_zero_cost_sum"
        raise CrmselectError(msg(code, criterion=j + 1))
    if method == "sum":
        total = x.sum(axis=0)
        gain = np.divide(x, total, out=np.zeros_like(x), where=total > 0)
        inverse = np.divide(1.0, x, out=np.zeros_like(x), where=x > 0)
        inverse_total = inverse.sum(axis=0)
        cost = np.divide(inverse, inverse_total, out=np.zeros_like(x), where=inverse_total > 0)
        return np.where(benefit, gain, cost)
    if method == "max":
        top = x.max(axis=0)
        gain = np.divide(x, top, out=np.zeros_like(x), where=top > 0)
        cost = np.divide(x.min(axis=0), x, out=np.ones_like(x), where=x > 0)
        return np.where(benefit, gain, cost)
    low, high = x.min(axis=0), x.max(axis=0)
    span = high - low
    # A column where every alternative is equal is best for all of them, benefit or cost:
    # 1 either way (1 − gain would give a constant cost column 0 and a benefit one 1).
    gain = np.divide(x - low, span, out=np.ones_like(x), where=span > 0)
    cost = np.divide(high - x, span, out=np.ones_like(x), where=span > 0)
    return np.where(benefit, gain, cost)


def weighted_sum(
    matrix: ArrayLike,
    weights: ArrayLike,
    benefit: Sequence[bool] | ArrayLike | None = None,
    normalization: str = "max",
) -> np.ndarray:
    """Simple additive weighting: Σ w_j · r_ij over normalised values r (higher is better).

    Weights are rescaled to sum 1. With ``normalization="max"`` a benefit criterion becomes
    x / max and a cost criterion min / x; ``minmax`` maps each column onto 0–1; ``sum`` makes
    a benefit criterion x / Σx and a cost criterion (1/x) / Σ(1/x); ``none`` uses the values
    as they are (they must already share one scale and direction, so a cost criterion is an
    error: there is nothing to turn it around with).
    """
    x, w, b = _inputs(matrix, weights, benefit)
    if normalization == "none" and not b.all():
        j = int(np.argmax(~b))
        raise CrmselectError(msg("mcda_none_cost", criterion=j + 1))
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
    bounds: tuple[ArrayLike, ArrayLike] | None = None,
) -> np.ndarray:
    """TOPSIS relative closeness to the ideal solution, one value in 0–1 per alternative.

    Hwang & Yoon (1981): normalise each column (vector norm by default), weight it, take the
    ideal (best value per criterion: highest for benefit, lowest for cost) and the anti-ideal,
    and score each alternative by d⁻ / (d⁺ + d⁻) with Euclidean distances.

    ``bounds=(worst, best)`` gives each criterion's worst and best possible value instead
    (a cost criterion has worst > best; ``benefit`` and ``normalization`` are then not used):
    values are scaled onto 0–1 between them (and clipped), and the ideal and anti-ideal are
    the bounds themselves (García-Cascales & Lamata, 2012). Why: with ideals taken from the
    alternatives, adding or removing an alternative — even one that loses on every
    criterion — moves the others' closeness and can reverse their order; with fixed bounds
    each alternative's closeness depends on its own values only.
    """
    x, w, b = _inputs(matrix, weights, benefit)
    if bounds is not None:
        worst, best = (np.broadcast_to(np.asarray(v, dtype=float), (x.shape[1],))
                       for v in bounds)
        if not (np.isfinite(worst).all() and np.isfinite(best).all()) or (worst == best).any():
            raise CrmselectError(msg("mcda_bad_bounds"))
        r = np.clip((x - worst) / (best - worst), 0.0, 1.0)
        ones = np.ones(x.shape[1])
        return topsis_closeness(r, w[None, :], ones.astype(bool), ideal=ones,
                                anti_ideal=np.zeros_like(ones))[0]
    if normalization in ("max", "minmax", "sum"):
        # These already turn cost criteria into benefit ones.
        r, b = normalize(x, b, normalization), np.ones_like(b)
    else:
        r = normalize(x, b, normalization)
    return topsis_closeness(r, w[None, :], b)[0]


def topsis_closeness(r: np.ndarray, weights: np.ndarray, benefit: np.ndarray,
                     ideal: np.ndarray | None = None,
                     anti_ideal: np.ndarray | None = None) -> np.ndarray:
    """TOPSIS closeness for many weight vectors at once: ``weights`` is samples × criteria,
    ``r`` the normalised alternatives × criteria matrix; returns samples × alternatives.

    ``ideal`` and ``anti_ideal`` (normalised, one value per criterion) fix the reference
    points; by default they are the best and worst of the alternatives.

    Why batched: the Monte Carlo sensitivity analysis runs TOPSIS for thousands of weight
    vectors; the normalised matrix does not depend on the weights, so it is computed once.
    """
    v = weights[:, None, :] * r[None, :, :]  # samples × alternatives × criteria
    if ideal is not None and anti_ideal is not None:
        best = (weights * ideal[None, :])[:, None, :]
        worst = (weights * anti_ideal[None, :])[:, None, :]
    else:
        high, low = v.max(axis=1), v.min(axis=1)
        best = np.where(benefit, high, low)[:, None, :]
        worst = np.where(benefit, low, high)[:, None, :]
    d_best = np.sqrt(((v - best) ** 2).sum(axis=2))
    d_worst = np.sqrt(((v - worst) ** 2).sum(axis=2))
    total = d_best + d_worst
    # Alternatives all equal: nobody is closer to the ideal than anybody else.
    return np.divide(d_worst, total, out=np.full_like(total, 0.5), where=total > 0)
