"""Decision-hygiene warnings: the common ways a CRM selection goes wrong, checked on the data.

Each check names a known mistake — the "first year free" trap of a short TCO horizon, weights
changed after the scores were known, one person deciding alone, a demo never held, a claim
nobody verified, a winner that only wins by a hair — and returns a :class:`ScoringWarning`
rather than refusing to score: the team should see the result and the reason to doubt it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from crmselect import scorerules
from crmselect.model import ScoresFile
from crmselect.project import LoadedProject
from crmselect.scorecolumns import ColumnScores, ScoreColumns
from crmselect.scoring.ranking import TIE_TOLERANCE
from crmselect.scoring.results import (
    Disagreement,
    Failure,
    MonteCarloResult,
    ScoringWarning,
    UnverifiedClaim,
)
from crmselect.scoring.scores import Aggregate
from crmselect.scoring.weights import fingerprint_changes

#: Below this horizon the TCO hides the later years' costs.
MIN_HORIZON_YEARS = 3
#: A winner leading by fewer points than this has no clear lead.
CLEAR_LEAD_POINTS = 2.0
#: A winner that ranks first in fewer Monte Carlo samples than this has no clear lead.
CLEAR_P_FIRST = 0.6
MIN_IMPLEMENTATION_WEEKS = 4
#: A lead under this is shown as 0.0 points (totals are shown to one decimal): too close to
#: call, whatever the simulations say.
SHOWN_LEAD_POINTS = 0.05
#: A winner that ranks first in fewer Monte Carlo samples than this loses more often than
#: it wins when the weights vary: too close to call.
TOO_CLOSE_P_FIRST = 0.5


def too_close_to_call(lead: float, p_first: float | None) -> bool:
    """Whether a winner leading by ``lead`` points (not a tie; the lead as the printed totals
    show it, :func:`crmselect.scoring.ranking.shown_lead`), and ranking first in
    ``p_first`` of the Monte Carlo samples (None: not simulated), is too close to call: its
    lead does not show at the totals' precision, or it wins fewer samples than it loses."""
    return lead < SHOWN_LEAD_POINTS or (p_first is not None and p_first < TOO_CLOSE_P_FIRST)


def plausible_weeks(users: int) -> int:
    """The shortest implementation that is plausible for ``users`` CRM users, in whole weeks.

    4 weeks up to 10 users, then 4 more weeks per tenfold growth, rounded up (8 weeks for 60
    users, 12 for 1,000): a rule of thumb, meant to question a bid, not to reject it.
    """
    if users <= 10:
        return MIN_IMPLEMENTATION_WEEKS
    return math.ceil(MIN_IMPLEMENTATION_WEEKS * (1 + math.log10(users / 10)) - 1e-9)


@dataclass(frozen=True)
class HygieneFacts:
    """What the checks look at, gathered by the evaluation."""

    fingerprint: str
    scores_fingerprint: str | None
    scorers: list[str]
    any_scores: bool
    scenarios_scored: bool
    unmet_musts: list[str]
    winner: str | None
    lead: float | None
    runner_up: str | None
    monte_carlo: MonteCarloResult | None
    unverified_claims: list[UnverifiedClaim]
    #: The winner's total cost of ownership in the project currency, when it is priced.
    winner_tco: float | None = None
    #: The vendor ranked first (the winner, or the first of all when every one is knocked out).
    leader: str | None = None
    #: The scores are the project's scores.csv (the fingerprint advice speaks of its row).
    scores_csv: bool = False
    #: The scores are the evaluation database's (``score --from-db``, the web form).
    scores_db: bool = False
    #: The lead as the printed totals show it (:func:`crmselect.scoring.ranking.shown_lead`);
    #: None: ``lead`` rounded to one decimal.
    shown_lead: float | None = None


def hygiene_warnings(lp: LoadedProject, facts: HygieneFacts) -> list[ScoringWarning]:
    """Every decision-hygiene warning that applies to this evaluation."""
    project = lp.project
    out: list[ScoringWarning] = []

    def warn(code: str, **params: object) -> None:
        out.append(ScoringWarning(code, params))

    if project.tco.horizon_years < MIN_HORIZON_YEARS:
        warn("short_horizon", years=project.tco.horizon_years, minimum=MIN_HORIZON_YEARS)
    out.extend(fingerprint_changes(facts.scores_fingerprint, facts.fingerprint,
                                   facts.any_scores, facts.scores_csv, facts.scores_db))
    if not facts.any_scores:
        warn("no_evaluator_scores")
    elif len(facts.scorers) == 1:
        warn("single_evaluator", evaluator=facts.scorers[0])
    unassigned = areas_without_scorer(lp)
    if unassigned:
        warn("area_without_evaluator", areas=unassigned, area_names=[
            area.name for a in unassigned if (area := lp.catalog.area(a)) is not None])
    if not facts.scenarios_scored:
        warn("no_scenario_scored")
    for rid in facts.unmet_musts:
        warn("must_unmet", requirement=rid, threshold=project.scoring.knockout_threshold)
    users = sum(g.count for g in project.users)
    limit = plausible_weeks(users)
    for vendor in lp.vendors.values():
        weeks = vendor.implementation_weeks
        if weeks is not None and weeks < limit:
            warn("short_implementation", vendor=vendor.id, weeks=weeks,
                 minimum=limit, users=users)
    if len(lp.vendors) == 1:
        warn("single_vendor")
    # a tie at the top has its own warning (tied_rank): nobody "leads by 0 points"
    if facts.winner and facts.runner_up is not None and facts.lead is not None \
            and facts.lead > TIE_TOLERANCE:
        p_first = facts.monte_carlo.p_first.get(facts.winner) if facts.monte_carlo else None
        # the lead a reader sees between the printed totals (0.0: they print the same)
        lead = facts.shown_lead if facts.shown_lead is not None else round(facts.lead, 1)
        if lead < CLEAR_LEAD_POINTS or (p_first is not None and p_first < CLEAR_P_FIRST):
            # too close to call: the lead does not show, or the winner loses most samples;
            # without samples the text cannot quote a share of them ("_no_mc")
            code = ("too_close_to_call" if too_close_to_call(lead, p_first)
                    else "no_clear_winner") + ("_no_mc" if p_first is None else "")
            warn(code, winner=facts.winner, runner_up=facts.runner_up, lead=lead,
                 p_first=p_first)
    ceiling = project.tco.effective_ceiling
    if facts.winner and facts.winner_tco is not None and ceiling is not None \
            and facts.winner_tco > ceiling:
        warn("winner_over_ceiling", winner=facts.winner, tco=facts.winner_tco, ceiling=ceiling,
             currency=project.currency)
    if facts.leader and facts.leader in lp.vendors and \
            lp.vendors[facts.leader].profile.illustrative:
        warn("illustrative_winner", vendor=facts.leader)
    if project.scoring.unverified_discount == 0 and facts.unverified_claims:
        warn("unverified_discount_off", n=len(facts.unverified_claims))
    return out


def areas_without_scorer(lp: LoadedProject) -> list[str]:
    """The areas of the project's requirements that no one who scores is given (an evaluator
    with ``areas`` scores only those; one without scores them all): their requirements would
    rest on the vendors' own answers. None when nobody scores at all (another warning)."""
    scorers = [p for p in lp.project.evaluators if scorerules.is_scorer(p, lp.project)]
    if not scorers:
        return []
    areas = dict.fromkeys(pr.area for pr in lp.requirements.values())
    return [a for a in areas if not any(scorerules.scores_area(p, a) for p in scorers)]


def lead_within_disagreements(winner: str, runner_up: str, lead: float,
                              disagreements: list[Disagreement],
                              weights: dict[str, float],
                              shown: float | None = None) -> list[ScoringWarning]:
    """``lead_within_disagreements``: the winner's weighted-sum lead is no more than the open
    disagreements (evaluators far apart, no consensus yet) could take back — the winner's
    settled at its lowest evaluator's score, the runner-up's at its highest. ``weights`` is
    each score target's weight in the total; ``shown`` the lead as the printed totals show it
    (the warning quotes it; None: ``lead`` to one decimal). Why: the mean of a 5 and a 1
    hides that one evaluator's view, once agreed, reverses the order; the weights'
    simulations cannot see it.
    """
    if lead <= TIE_TOLERANCE:
        return []  # a tie has its own warning
    swing = 0.0
    for d in disagreements:
        if d.consensus is not None or not d.scores or d.vendor not in (winner, runner_up):
            continue
        scores = [s.score for s in d.scores]
        gap = d.aggregate - min(scores) if d.vendor == winner else max(scores) - d.aggregate
        swing += 20 * weights.get(d.target, 0.0) * gap
    if swing < lead:
        return []
    return [ScoringWarning("lead_within_disagreements", {
        "winner": winner, "runner_up": runner_up,
        "lead": round(lead, 1) if shown is None else shown, "swing": round(swing, 1)})]


# --- ranking and evaluators: weight resting on one person, overlapping requirements ---------

#: More than this share of the total weight scored by one evaluator alone is flagged.
SINGLE_SCORER_SHARE = 0.15


def sole_scorers(agg: Aggregate, scores: ScoresFile | ColumnScores) -> np.ndarray:
    """Vendors × targets: the id of the only evaluator who scored the cell, else None."""
    sole = np.full(agg.count.shape, None, dtype=object)
    cells = agg.rec_vendor * len(agg.targets) + agg.rec_target
    picked = np.flatnonzero((agg.count == 1).ravel()[cells])
    kept = agg.rec_keep[picked]
    recs = scores.scores
    if isinstance(recs, ScoreColumns):  # a column at a time, not a row object per record
        evaluators = recs.take("evaluator", kept)
    else:
        evaluators = [recs[i].evaluator for i in kept.tolist()]
    sole.reshape(-1)[cells[picked]] = np.array(evaluators, dtype=object)
    return sole


def single_scorer_warnings(
    vendors: list[str], sole: np.ndarray, leaf_weight: np.ndarray, leaf_criterion: list[str],
    consensus: np.ndarray, scorers: list[str], failures: list[Failure],
    targets: list[str], order: list[int] | None = None,
) -> list[ScoringWarning]:
    """``single_scorer_weight``: an evaluator alone scored more than
    :data:`SINGLE_SCORER_SHARE` of the total weight of a vendor's score (the vendor where the
    share is largest is named; of equal shares, the best ranked in ``order``, vendor indices
    best first: an evaluator who scored every vendor alike is about the winner, not the
    first vendor listed in project.yaml); ``single_score_knockout``: a knock-out rests on one
    evaluator's score.

    ``sole`` is vendors × targets (:func:`sole_scorers`), ``leaf_weight`` each target's final
    weight (0 for targets that do not count), ``leaf_criterion`` its top-level criterion and
    ``consensus`` True where a consensus score replaces the evaluators'. Why not when only one
    person scored at all: ``single_evaluator`` already says so, once.
    """
    out: list[ScoringWarning] = []
    if len(scorers) > 1:
        counted = (leaf_weight[None, :] > 0) & ~consensus
        for person in scorers:
            mine = counted & (sole == person)
            shares = (mine * leaf_weight[None, :]).sum(axis=1)
            top = float(shares.max())
            v = next(v for v in (order or range(len(vendors)))
                     if shares[v] >= top - 1e-9)
            if shares[v] > SINGLE_SCORER_SHARE + 1e-12:
                criteria = list(dict.fromkeys(leaf_criterion[k] for k in np.flatnonzero(mine[v])))
                out.append(ScoringWarning("single_scorer_weight", {
                    "evaluator": person, "vendor": vendors[v], "share": float(shares[v]),
                    "criteria": criteria}))
    column = {target: k for k, target in enumerate(targets)}
    row = {vendor: v for v, vendor in enumerate(vendors)}
    for f in failures:
        if f.source != "evaluated":
            continue
        person = sole[row[f.vendor], column[f.requirement]]
        if person is not None:
            out.append(ScoringWarning("single_score_knockout", {
                "vendor": f.vendor, "requirement": f.requirement, "evaluator": person,
                "score": f.score}))
    return out


def overlapping_requirements(lp: LoadedProject) -> list[ScoringWarning]:
    """``overlapping_requirements``: the project selects both requirements of a pair the
    catalog links with ``related`` (in either direction), so one capability may count twice."""
    pairs: list[tuple[str, str]] = []
    seen: set[frozenset[str]] = set()
    for rid, pr in lp.requirements.items():
        for other in getattr(pr.requirement, "related", None) or []:
            key = frozenset((rid, other))
            if other in lp.requirements and other != rid and key not in seen:
                seen.add(key)
                pairs.append((rid, other))
    if not pairs:
        return []
    return [ScoringWarning("overlapping_requirements", {
        "n": len(pairs), "pairs": ", ".join(f"{a} ↔ {b}" for a, b in pairs)})]
