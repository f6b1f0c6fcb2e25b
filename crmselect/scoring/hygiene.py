"""Decision-hygiene warnings: the common ways a CRM selection goes wrong, checked on the data.

Each check names a known mistake — the "first year free" trap of a short TCO horizon, weights
changed after the scores were known, one person deciding alone, a demo never held, a claim
nobody verified, a winner that only wins by a hair — and returns a :class:`ScoringWarning`
rather than refusing to score: the team should see the result and the reason to doubt it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from crmselect.project import LoadedProject
from crmselect.scoring.results import MonteCarloResult, ScoringWarning, UnverifiedClaim
from crmselect.scoring.weights import fingerprint_changes

#: Below this horizon the TCO hides the later years' costs.
MIN_HORIZON_YEARS = 3
#: A winner leading by fewer points than this has no clear lead.
CLEAR_LEAD_POINTS = 2.0
#: A winner that ranks first in fewer Monte Carlo samples than this has no clear lead.
CLEAR_P_FIRST = 0.6
MIN_IMPLEMENTATION_WEEKS = 4


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


def hygiene_warnings(lp: LoadedProject, facts: HygieneFacts) -> list[ScoringWarning]:
    """Every decision-hygiene warning that applies to this evaluation."""
    project = lp.project
    out: list[ScoringWarning] = []

    def warn(code: str, **params: object) -> None:
        out.append(ScoringWarning(code, params))

    if project.tco.horizon_years < MIN_HORIZON_YEARS:
        warn("short_horizon", years=project.tco.horizon_years, minimum=MIN_HORIZON_YEARS)
    out.extend(fingerprint_changes(facts.scores_fingerprint, facts.fingerprint,
                                   facts.any_scores))
    if not facts.any_scores:
        warn("no_evaluator_scores")
    elif len(facts.scorers) == 1:
        warn("single_evaluator", evaluator=facts.scorers[0])
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
    if facts.winner and facts.runner_up is not None and facts.lead is not None:
        p_first = facts.monte_carlo.p_first.get(facts.winner) if facts.monte_carlo else None
        if facts.lead < CLEAR_LEAD_POINTS or (p_first is not None and p_first < CLEAR_P_FIRST):
            warn("no_clear_winner", winner=facts.winner, runner_up=facts.runner_up,
                 lead=round(facts.lead, 1), p_first=p_first)
    budget = project.tco.target_budget
    ceiling = project.tco.ceiling if project.tco.ceiling is not None else (
        2 * budget if budget is not None else None)
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
