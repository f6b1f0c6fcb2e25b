"""How far evaluators disagree: the spread (highest − lowest score) of one vendor on one target.

One computation and one rule for the whole package: the scoring engine (``scores.aggregate``
and ``scores.disagreements``, shown by ``crmselect score`` and the report) and the web app's
consensus page (``evaluationdb/consensus.py``) both call these functions, so that a pair is
put before the consensus meeting in one place exactly when it is in the other.
"""

from __future__ import annotations

import numpy as np

#: Scores are decimals typed by people: 4.3 − 2.3 is 1.9999999999999996 in floating point and
#: must count as a spread of 2.
TOLERANCE = 1e-9


def cell_spreads(cells: np.ndarray, values: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Per cell ``0 … size-1``: how many scores it has and their spread (NaN where none).

    ``cells[i]`` is the cell (a vendor × target index) of score ``values[i]``; one score per
    evaluator and cell is expected (the caller keeps the latest).
    """
    cells = np.asarray(cells, dtype=np.int64)
    values = np.asarray(values, dtype=np.float64)
    count = np.bincount(cells, minlength=size)
    spread = np.full(size, np.nan)
    if cells.size:
        if (cells[1:] < cells[:-1]).any():
            order = np.argsort(cells, kind="stable")
            cells, values = cells[order], values[order]
        starts = np.flatnonzero(np.r_[True, cells[1:] != cells[:-1]])
        spread[cells[starts]] = (np.maximum.reduceat(values, starts)
                                 - np.minimum.reduceat(values, starts))
    return count, spread


def disagreeing(count: np.ndarray, spread: np.ndarray, threshold: float) -> np.ndarray:
    """Where at least two evaluators scored and their scores are ``threshold`` or more apart."""
    with np.errstate(invalid="ignore"):
        return (np.asarray(count) >= 2) & (np.nan_to_num(spread, nan=-np.inf)
                                          >= threshold - TOLERANCE)
