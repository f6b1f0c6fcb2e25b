"""Ranks from totals: knocked-out vendors after the others, equal totals sharing a rank.

Why a tolerance: totals are sums of floating-point products, so two vendors with the same
scores can differ in the last bit depending on the order of the terms; within
:data:`TIE_TOLERANCE` points they are equal, share a rank ("1=", "1=", then 3) and neither
is said to beat the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

import numpy as np

#: Totals (0–100) closer than this are equal.
TIE_TOLERANCE = 1e-9
_TENTH = Decimal("0.1")


def shown_lead(first: float, second: float) -> float:
    """How many points ``first`` leads ``second`` by, as a reader works it out from the two
    totals every document prints to one decimal: 85.727 over 84.961 is 85.7 − 85.0 = 0.7.

    Why: the exact difference (0.766) rounds to 0.8, and a summary saying "leads by 0.8
    points" under a table of 85.7 and 85.0 reads as an error. The totals are rounded as
    :func:`crmselect.i18n.formatting.format_number` writes them (15 significant digits, then
    half away from zero); 0.0 when both print the same, however far apart the unrounded
    totals are (the lead does not show).
    """
    def shown(total: float) -> Decimal:
        return Decimal(f"{total:.15g}").quantize(_TENTH, rounding=ROUND_HALF_UP)

    return max(0.0, float(shown(first) - shown(second)))


def shared_ranks(totals: Sequence[float] | np.ndarray, knocked: Sequence[bool] | np.ndarray
                 ) -> tuple[list[int], dict[int, int], set[int]]:
    """(order, rank, tied) of vendors by index: best first, knocked-out vendors after all
    that pass; equal totals (within :data:`TIE_TOLERANCE`) share the rank of the first of
    them (competition ranking: 1, 1, 3), kept in the given (``vendors:``) order.

    ``tied`` holds the indices that share their rank with another vendor.
    """
    n = len(totals)
    order = sorted(range(n), key=lambda v: (bool(knocked[v]), -float(totals[v]), v))
    rank: dict[int, int] = {}
    tied: set[int] = set()
    lead = None  # the first vendor of the current group of equal totals
    for position, v in enumerate(order, start=1):
        if lead is not None and bool(knocked[v]) == bool(knocked[lead]) and abs(
                float(totals[v]) - float(totals[lead])) <= TIE_TOLERANCE:
            rank[v] = rank[lead]
            tied.update((v, lead))
        else:
            lead = v
            rank[v] = position
    # equal totals are listed in vendors: order, whatever the last bits said
    order = sorted(range(n), key=lambda v: (rank[v], v))
    return order, rank, tied


def rank_shares(totals: np.ndarray, eligible: np.ndarray) -> np.ndarray:
    """Vendors × positions: how many of the samples (rows of ``totals``) put each vendor at
    each position, vendors that are not ``eligible`` placed after those that are.

    A tie is split evenly: k vendors tied for positions p … p+k−1 each get 1/k of each of
    those positions, so every row and every column of the result sums to the number of
    samples, and no vendor wins a tie for being listed first.
    """
    n_vendors = totals.shape[1]
    # ineligible vendors below every eligible one (totals are 0–100)
    key = np.where(eligible[None, :], totals, totals - 1000.0)
    order = np.argsort(-key, axis=1, kind="stable")
    ranked = np.take_along_axis(key, order, axis=1)
    tie_rows = ((ranked[:, :-1] - ranked[:, 1:]) <= TIE_TOLERANCE).any(axis=1)
    # rows without a tie (nearly all): vendor order[s, p] is at position p
    clean = order[~tie_rows]
    cells = (clean * n_vendors + np.arange(n_vendors)[None, :]).ravel()
    out = np.bincount(cells, minlength=n_vendors * n_vendors).reshape(
        n_vendors, n_vendors).astype(float)
    if tie_rows.any():
        out += _tied_shares(key[tie_rows])
    return out


def _tied_shares(key: np.ndarray) -> np.ndarray:
    """:func:`rank_shares` for rows that hold a tie: each vendor spread over the positions
    of its group of equal totals."""
    n_vendors = key.shape[1]
    diff = key[:, None, :] - key[:, :, None]  # [s, v, u] = key_u − key_v
    better = (diff > TIE_TOLERANCE).sum(axis=2)
    equal = (np.abs(diff) <= TIE_TOLERANCE).sum(axis=2)  # the vendor itself included
    out = np.zeros((n_vendors, n_vendors))
    share = 1.0 / equal
    for position in range(n_vendors):
        inside = (better <= position) & (position < better + equal)
        out[:, position] = (inside * share).sum(axis=0)
    return out
