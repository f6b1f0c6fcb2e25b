"""How robust the winner is: weight thresholds per criterion, and a Monte Carlo over weights.

Both work on the top-level criteria: ``scores`` is vendors × criteria (0–5), ``weights`` the
criteria's weights (summing to 1), ``eligible`` the vendors that may win (those that pass the
knock-out; all vendors when none passes).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

from crmselect.errors import Amount, CrmselectError, Number
from crmselect.errors import msg as t
from crmselect.scoring.mcda import topsis_closeness
from crmselect.scoring.ranking import TIE_TOLERANCE as TIE
from crmselect.scoring.ranking import rank_shares
from crmselect.scoring.results import (
    CriterionSensitivity,
    FxFlip,
    FxSensitivity,
    MonteCarloResult,
    WeightFlip,
)

Progress = Callable[[int, int], None]
#: Monte Carlo samples are drawn and scored in chunks of this size (bounded memory, progress).
CHUNK = 2000
#: The Dirichlet concentration's range: at 1 the weights are nearly anything; at 10,000 they
#: barely move (a standard deviation under half a percentage point).
MIN_CONCENTRATION, MAX_CONCENTRATION = 1.0, 10_000.0


#: The criterion scale: TOPSIS measures each vendor against these fixed ends.
SCALE = (0.0, 5.0)


def totals_for(scores: np.ndarray, weights: np.ndarray, method: str,
               cost_column: int | None = None, tco: np.ndarray | None = None) -> np.ndarray:
    """Totals 0–100 for one weight vector (or samples × criteria weights → samples × vendors).

    ``wsm``: 100 × Σ w·s / 5. ``topsis``: 100 × closeness over the criterion scores (cost
    being the cost score, as in the weighted sum), with the ends of the 0–5 scale as the
    anti-ideal and the ideal, so that a vendor's total depends on its own scores only:
    knocked-out or dominated vendors never move the others' totals. ``cost_column`` and
    ``tco`` are accepted for callers that pass them and not used.
    """
    w = np.atleast_2d(weights)
    if method == "topsis":
        m = scores.shape[1]
        r = np.clip((scores - SCALE[0]) / (SCALE[1] - SCALE[0]), 0.0, 1.0)
        out = 100 * topsis_closeness(r, w, np.ones(m, dtype=bool), ideal=np.ones(m),
                                     anti_ideal=np.zeros(m))
    else:
        out = 20 * w @ scores.T
    return out[0] if np.ndim(weights) == 1 else out


def winner_of(totals: np.ndarray, eligible: np.ndarray) -> np.ndarray:
    """Index of the best eligible vendor (per row for a 2-D array of totals)."""
    masked = np.where(eligible, totals, -np.inf)
    return np.argmax(masked, axis=-1)


def _rescaled(weights: np.ndarray, k: int, x: float) -> np.ndarray:
    """Weights with criterion k set to x and the others rescaled to share 1 − x."""
    rest = weights.copy()
    rest[k] = 0
    total = rest.sum()
    if total > 0:
        rest *= (1 - x) / total
    else:  # k held all the weight: spread the rest equally
        rest[:] = (1 - x) / (len(weights) - 1)
        rest[k] = 0
    rest[k] = x
    return rest


def weight_thresholds(
    scores: np.ndarray, weights: np.ndarray, criteria: Sequence[str], vendors: Sequence[str],
    eligible: np.ndarray, method: str = "wsm", cost_column: int | None = None,
    tco: np.ndarray | None = None,
) -> list[CriterionSensitivity]:
    """For each criterion, the nearest weight (up and down) at which the winner changes.

    The threshold is the weight beyond which another vendor's total is *strictly* higher
    than the winner's; a vendor that only ties the winner (even at 0 % or 100 %) does not
    change it.

    With the weighted sum every total is linear in the criterion's weight x when the others
    are rescaled proportionally: T_v(x) = 20 · (R_v + x · (S_vk − R_v)), R_v being the vendor's
    average over the other criteria. The crossing with the winner's line is solved exactly.
    TOPSIS is not linear, so its thresholds are found on a fine grid refined by bisection.
    """
    out: list[CriterionSensitivity] = []
    if len(criteria) < 2 or eligible.sum() < 2:
        return [CriterionSensitivity(c, float(weights[k]), None, None)
                for k, c in enumerate(criteria)]
    base = totals_for(scores, weights, method, cost_column, tco)
    win = int(winner_of(base, eligible))
    for k, c in enumerate(criteria):
        w_k = float(weights[k])
        if method == "wsm":
            up, down = _linear_flips(scores, weights, k, win, eligible)
        else:
            up, down = _numeric_flips(scores, weights, k, win, eligible, method, cost_column,
                                      tco)
        out.append(CriterionSensitivity(
            c, w_k,
            WeightFlip(up[0], up[0] - w_k, vendors[up[1]]) if up else None,
            WeightFlip(down[0], down[0] - w_k, vendors[down[1]]) if down else None,
        ))
    return out


def _linear_flips(scores: np.ndarray, weights: np.ndarray, k: int, win: int,
                  eligible: np.ndarray) -> tuple[tuple[float, int] | None, ...]:
    w_k = weights[k]
    others = _rescaled(weights, k, 0.0)  # the others' shares when x = 0, summing to 1
    rest = scores @ others  # R_v
    slope = scores[:, k] - rest
    # D_u(x) = (R_u − R_win) + x · (slope_u − slope_win); the winner changes where D_u = 0.
    d0 = rest - rest[win]
    ds = slope - slope[win]
    up: tuple[float, int] | None = None
    down: tuple[float, int] | None = None
    for u in np.flatnonzero(eligible):
        if u == win or abs(ds[u]) < 1e-12:
            continue
        x = float(-d0[u] / ds[u])
        # u is strictly higher only beyond x: a crossing at 0 % or 100 % is a tie, not a win
        if not 0 < x < 1:
            continue
        # A crossing at the current weight is a vendor tied with the winner: the smallest
        # move in its direction puts it ahead, so the threshold is the current weight.
        if abs(x - w_k) <= 1e-12:
            x = float(w_k)
        if x >= w_k and ds[u] > 0 and (up is None or x < up[0]):
            up = (x, int(u))
        elif x <= w_k and ds[u] < 0 and (down is None or x > down[0]):
            down = (x, int(u))
    return up, down


def _numeric_flips(scores: np.ndarray, weights: np.ndarray, k: int, win: int,
                   eligible: np.ndarray, method: str, cost_column: int | None,
                   tco: np.ndarray | None) -> tuple[tuple[float, int] | None, ...]:
    w_k = float(weights[k])
    others = eligible.copy()
    others[win] = False

    def overtaker(xs: np.ndarray) -> np.ndarray:
        """Per weight, the best other eligible vendor when its total is *strictly* higher
        than the winner's (by more than TIE), else -1: a tie is not a win."""
        ws = np.array([_rescaled(weights, k, float(x)) for x in xs])
        totals = np.atleast_2d(totals_for(scores, ws, method, cost_column, tco))
        best = np.argmax(np.where(others, totals, -np.inf), axis=-1)
        ahead = totals[np.arange(len(xs)), best] - totals[:, win] > TIE
        return np.where(ahead, best, -1)

    def search(lo: float, hi: float) -> tuple[float, int] | None:
        xs = np.linspace(lo, hi, 201)
        found = overtaker(xs)
        changed = np.flatnonzero(found >= 0)
        if not changed.size:
            return None
        j = int(changed[0])
        if j == 0:
            return float(xs[0]), int(found[0])
        a, b = xs[j - 1], xs[j]  # nobody ahead at a, another ahead at b
        for _ in range(40):
            mid = (a + b) / 2
            if overtaker(np.array([mid]))[0] < 0:
                a = mid
            else:
                b = mid
        return float(b), int(overtaker(np.array([b]))[0])

    up = search(w_k, 1.0) if w_k < 1 else None
    down = search(w_k, 0.0) if w_k > 0 else None
    return up, down


#: Exchange-rate sensitivity looks this far: ±50 % a year against the project currency.
FX_LIMIT = 0.5


def fx_thresholds(
    currencies: dict[str, list[float]], totals_at: Callable[[str, float], np.ndarray],
    vendors: Sequence[str], eligible: np.ndarray, win: int, limit: float = FX_LIMIT,
    estimate: Callable[[str, np.ndarray], np.ndarray] | None = None,
) -> list[FxSensitivity]:
    """For each bid currency, the smallest yearly rate change (up and down) at which another
    eligible vendor's total becomes strictly higher than the winner's.

    ``currencies`` maps each foreign currency to the rates used (one per year);
    ``totals_at(currency, g)`` gives every vendor's total when that currency's rate changes
    by ``g`` a year on top of those rates (year n's rate × (1 + g)^(n − 1)). The change is
    searched on a grid up to ±``limit`` and refined by bisection.

    ``estimate(currency, gs)``, when given, approximates the totals at a whole grid of
    changes at once (changes × vendors; numpy's powers and sums may differ from
    ``totals_at``'s in the last bits). It only skips the grid points where every other
    vendor stays more than :data:`ESTIMATE_MARGIN` points behind the winner; every point
    nearer a crossing, and every step of the bisection, is decided on ``totals_at``, so the
    thresholds are the same to the last bit with or without it.
    """
    others = eligible.copy()
    others[win] = False

    def overtaker(currency: str, g: float) -> int:
        totals = totals_at(currency, g)
        if not others.any():
            return -1
        best = int(np.argmax(np.where(others, totals, -np.inf)))
        return best if totals[best] - totals[win] > TIE else -1

    def candidates(currency: str, grid: np.ndarray) -> np.ndarray:
        """Indices of the grid points (after 0) where another vendor may be ahead."""
        if not others.any():  # nobody to overtake
            return np.arange(0)
        if estimate is None:
            return np.arange(1, len(grid))
        totals = estimate(currency, grid[1:])
        lead = np.max(np.where(others, totals, -np.inf), axis=-1) - totals[:, win]
        # NaN compares False: such a point is checked exactly
        return 1 + np.flatnonzero(~(lead < TIE - ESTIMATE_MARGIN))

    def search(currency: str, sign: float) -> FxFlip | None:
        grid = np.linspace(0.0, limit, 101) * sign
        for j in candidates(currency, grid):
            found = overtaker(currency, float(grid[j]))
            if found >= 0:
                # nobody ahead at a (checked, or behind by more than the margin), another at b
                a, b = float(grid[j - 1]), float(grid[j])
                for _ in range(40):
                    mid = (a + b) / 2
                    ahead = overtaker(currency, mid)
                    if ahead < 0:
                        a = mid
                    else:
                        b, found = mid, ahead
                return FxFlip(100 * b, vendors[found])
        return None

    return [FxSensitivity(c, list(rates), search(c, 1.0), search(c, -1.0), 100 * limit)
            for c, rates in currencies.items()]


#: How far behind the winner (in points of the 0–100 total) an estimated total must stay for
#: :func:`fx_thresholds` to skip a grid point unchecked: far above the last-bit differences of
#: an estimate (about 1e-13 on totals up to 100).
ESTIMATE_MARGIN = 1e-6


def weight_spread(weights: dict[str, float], concentration: float
                  ) -> tuple[float, float] | None:
    """(weight, standard deviation) of the heaviest criterion under the Monte Carlo's
    Dirichlet sampling, √(w(1 − w) / (concentration + 1)): how far the sampled weights stray,
    in words a reader can check. None when one criterion holds all the weight."""
    w = max(weights.values(), default=1.0)
    if w >= 1.0:
        return None
    return w, math.sqrt(w * (1 - w) / (concentration + 1))


def check_concentration(concentration: float) -> None:
    """Raise :class:`CrmselectError` unless the Dirichlet concentration is within range."""
    if not (math.isfinite(concentration)
            and MIN_CONCENTRATION <= concentration <= MAX_CONCENTRATION):
        raise CrmselectError(t("core_concentration_range", value=f"{concentration:g}",
                               low=Number(MIN_CONCENTRATION), high=Amount(MAX_CONCENTRATION)),
                             what="nothing_scored")


def monte_carlo(
    scores: np.ndarray, weights: np.ndarray, vendors: Sequence[str], eligible: np.ndarray,
    samples: int, seed: int, concentration: float, method: str = "wsm",
    cost_column: int | None = None, tco: np.ndarray | None = None,
    progress: Progress | None = None,
) -> MonteCarloResult:
    """Each vendor's share of the samples at each rank when the weights vary around the
    chosen ones (rank acceptability); ``p_first`` is the share at rank 1.

    Weights are drawn from Dirichlet(concentration × weights) over the criteria that weigh
    something (a criterion at 0 stays at 0), with a seeded numpy Generator, so that the same
    seed gives the same shares. Each criterion's weight then has the chosen weight as its
    mean and a standard deviation of √(w(1 − w) / (concentration + 1)): a higher
    concentration keeps samples closer to the chosen weights. Vendors that fail the
    knock-out rank after those that pass; equal totals split their ranks evenly.
    """
    check_concentration(concentration)
    rng = np.random.default_rng(seed)
    positive = weights > 0
    alpha = concentration * weights[positive]
    at_rank = np.zeros((len(vendors), len(vendors)))
    done = 0
    while done < samples:
        n = min(CHUNK, samples - done)
        drawn = np.zeros((n, len(weights)))
        drawn[:, positive] = rng.dirichlet(alpha, size=n) if positive.sum() > 1 else 1.0
        totals = totals_for(scores, drawn, method, cost_column, tco)
        at_rank += rank_shares(totals, eligible)
        done += n
        if progress is not None:
            progress(done, samples)
    share = at_rank / samples if samples else at_rank
    return MonteCarloResult(samples, seed, concentration,
                            {v: float(share[i, 0]) for i, v in enumerate(vendors)},
                            {v: [float(x) for x in share[i]] for i, v in enumerate(vendors)})
