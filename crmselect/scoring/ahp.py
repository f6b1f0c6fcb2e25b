"""The Analytic Hierarchy Process: weights from a pairwise comparison matrix, with consistency.

A decision maker compares items two at a time on Saaty's 1–9 scale ("A is 3 times as important
as B"); the weights are the principal eigenvector of that reciprocal matrix. How far the
judgements contradict each other is measured by the consistency ratio CR = CI / RI, where
CI = (λmax − n) / (n − 1) and RI is Saaty's random index: the average CI of random reciprocal
matrices of the same size. A CR above 0.10 is reported as inconsistent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from crmselect.errors import CrmselectError, Message, Number, msg

if TYPE_CHECKING:  # numpy.typing costs about 9 M instructions at import: annotations only
    from numpy.typing import ArrayLike

#: Saaty's random index for n = 1..15 (Saaty, "The Analytic Hierarchy Process", 1980;
#: the values most textbooks print, n = 11..15 from Saaty's later tables).
RANDOM_INDEX: tuple[float, ...] = (
    0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59,
)
#: Consistency ratio above which a matrix is reported as inconsistent.
CR_LIMIT = 0.10
#: How far a_ij · a_ji may stray from 1 before the matrix is not reciprocal; generous so that
#: judgements typed as decimals (0.33 for 1/3, 0.14 for 1/7) are accepted.
RECIPROCAL_TOLERANCE = 0.03
METHODS = ("eigenvector", "geometric", "approximate")


class InconsistentPair(NamedTuple):
    """The judgement that disagrees most with the derived weights (0-based indices).

    ``value`` is the judgement a_ij as given, ``suggested`` the ratio w_i / w_j that would be
    consistent with the weights; changing ``value`` towards it lowers the CR most.
    """

    i: int
    j: int
    value: float
    suggested: float


@dataclass(frozen=True)
class AhpResult:
    """Weights and consistency of one pairwise comparison matrix."""

    weights: np.ndarray
    lambda_max: float
    ci: float
    ri: float
    cr: float
    consistent: bool
    most_inconsistent_pair: InconsistentPair | None
    method: str
    n: int


def _cell(items: Sequence[str] | None, i: int, j: int) -> Message:
    """A cell named 1-based, with the items it compares when they are known."""
    if items is not None and max(i, j) < len(items):
        return msg("ahp_cell_items", row=i + 1, column=j + 1, a=items[i], b=items[j])
    return msg("ahp_cell", row=i + 1, column=j + 1)


def _shown(value: float) -> Number | str:
    """A judgement for a message: 3 significant digits, in the reader's decimal format."""
    return Number(float(f"{value:.3g}")) if np.isfinite(value) else f"{value:g}"


def check_matrix(matrix: ArrayLike, items: Sequence[str] | None = None) -> np.ndarray:
    """The matrix as a float array, or :class:`CrmselectError` saying what is wrong with it.

    Cells are named 1-based as (row, column), with the item names when ``items`` is given.
    """
    try:
        a = np.asarray(matrix, dtype=float)
    except (TypeError, ValueError):
        raise CrmselectError(msg("ahp_not_a_table")) from None
    if a.ndim != 2 or a.shape[0] != a.shape[1] or a.shape[0] == 0:
        raise CrmselectError(msg("ahp_not_square", shape="×".join(map(str, a.shape))) if a.ndim
                             else msg("ahp_not_square_number"))
    n = a.shape[0]
    if items is not None and len(items) != n:
        raise CrmselectError(msg("ahp_items_mismatch", n=n, items=len(items)))
    if n > len(RANDOM_INDEX):
        raise CrmselectError(msg("ahp_too_large", n=n, max=len(RANDOM_INDEX)))
    bad = np.argwhere(~np.isfinite(a) | (a <= 0))
    if bad.size:
        i, j = bad[0]
        raise CrmselectError(msg("ahp_not_positive", cell=_cell(items, i, j),
                                 value=_shown(a[i, j])))
    for i in range(n):
        if abs(a[i, i] - 1) > RECIPROCAL_TOLERANCE:
            raise CrmselectError(msg("ahp_diagonal", cell=_cell(items, i, i),
                                     value=_shown(a[i, i])))
    off = np.abs(a * a.T - 1) > RECIPROCAL_TOLERANCE
    bad = np.argwhere(np.triu(off, 1))
    if bad.size:
        i, j = bad[0]
        raise CrmselectError(msg(
            "ahp_not_reciprocal", cell=_cell(items, i, j), value=_shown(a[i, j]),
            mirror=_cell(items, j, i), mirror_value=_shown(a[j, i]),
            expected=_shown(1 / a[i, j])))
    return a


def _weights(a: np.ndarray, method: str) -> tuple[np.ndarray, float]:
    n = a.shape[0]
    if method == "eigenvector":
        values, vectors = np.linalg.eig(a)
        k = int(np.argmax(values.real))
        w = np.abs(vectors[:, k].real)
        return w / w.sum(), float(values[k].real)
    if method == "geometric":
        w = np.exp(np.log(a).mean(axis=1))
    else:  # approximate: average of the normalised columns
        w = (a / a.sum(axis=0)).mean(axis=1)
    w = w / w.sum()
    # λmax estimated as the mean of (A·w)_i / w_i, as textbooks do for these two methods.
    return w, float(((a @ w) / w).mean()) if n > 1 else 1.0


def ahp(
    matrix: ArrayLike, method: str = "eigenvector", items: Sequence[str] | None = None
) -> AhpResult:
    """Weights, λmax, CI, CR and the most inconsistent judgement of a pairwise matrix.

    ``method`` is ``eigenvector`` (Saaty's principal eigenvector, the default), ``geometric``
    (row geometric means) or ``approximate`` (mean of normalised columns). ``items`` only
    names the cells in error messages. Raises :class:`CrmselectError` for a matrix that is
    not square, has a non-positive cell, is not reciprocal, or is larger than 15×15.
    """
    if method not in METHODS:
        raise CrmselectError(msg("ahp_unknown_method", method=method,
                                 choices=", ".join(METHODS)))
    a = check_matrix(matrix, items)
    n = a.shape[0]
    w, lambda_max = _weights(a, method)
    lambda_max = max(lambda_max, float(n))  # rounding can put λmax a hair below n
    ci = (lambda_max - n) / (n - 1) if n > 2 else 0.0
    ri = RANDOM_INDEX[n - 1]
    cr = ci / ri if ri > 0 else 0.0
    return AhpResult(
        weights=w, lambda_max=lambda_max, ci=ci, ri=ri, cr=cr, consistent=cr <= CR_LIMIT,
        most_inconsistent_pair=_worst_pair(a, w), method=method, n=n,
    )


def _worst_pair(a: np.ndarray, w: np.ndarray) -> InconsistentPair | None:
    """The judgement a_ij farthest (in ratio) from w_i / w_j; None for a consistent matrix."""
    n = a.shape[0]
    if n < 3:
        return None
    ratio = np.outer(w, 1 / w)
    deviation = np.abs(np.log(a / ratio))
    deviation[np.tril_indices(n)] = 0
    i, j = np.unravel_index(int(np.argmax(deviation)), deviation.shape)
    if deviation[i, j] < 1e-9:
        return None
    return InconsistentPair(int(i), int(j), float(a[i, j]), float(ratio[i, j]))


def consistent_matrix(weights: ArrayLike) -> np.ndarray:
    """The perfectly consistent matrix a_ij = w_i / w_j of positive ``weights`` (CR = 0)."""
    w = np.asarray(weights, dtype=float)
    return np.outer(w, 1 / w)
