"""The recommendation, the gaps and the sign-off of the comparison report, as plain data.

Everything here is a *point*: a code and its parameters (ids, numbers, dates), never a
sentence, e.g. ``("strength_area", {"area": "operational", "score": 4.3, "rank": 1, "of": 2})``.
The document layer words each code from ``templates/strings/comparison.yaml`` in the report's
language. Why: the recommendation must follow the data of any project (one vendor, a tie, all
knocked out, no prices), so it is composed from facts, and the words stay out of the core.

Rules (all from the evaluation, nothing recomputed):

- the *finalists* are the first :data:`FINALISTS` vendors that pass the knock-outs;
- a must or should requirement below "meets" is a *gap* (:mod:`crmselect.reporting.gaps`);
- a must requirement is *barely met* when its score (before the unverified discount, as for the
  knock-out) is at the threshold or less than :data:`BARELY_MARGIN` above it;
- the verdict names no single vendor when the first is tied, too close to call (a lead the
  one-decimal totals cannot show, or first in fewer than half of the weight simulations), first
  on its own declarations while the others were scored, or ahead by less than the open
  evaluator disagreements could take back (weighted sum): the first two, or nobody, then go
  to a tie-break, the consensus meeting or more scoring;
- nor when the first vendor's profile is illustrative (a made-up example of the bundled
  vendors): no vendor is recommended, and the first real vendor is named.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from crmselect.project import LoadedProject
from crmselect.reporting.gaps import gaps, meets_threshold, scored_requirements
from crmselect.scoring.hygiene import CLEAR_LEAD_POINTS, too_close_to_call
from crmselect.scoring.ranking import shown_lead
from crmselect.scoring.results import Evaluation, RequirementScore

#: How many vendors that pass the knock-outs the recommendation discusses.
FINALISTS = 3
#: A must scored less than this above the knock-out threshold is barely met.
BARELY_MARGIN = 1.0
#: An area or criterion scored at least this is a strength even when another vendor leads.
STRONG = 4.0
#: How many strengths and weak areas each finalist lists (the strongest, the weakest).
MAX_AREAS = 3
#: How many requirement ids a point names (the rest are counted).
MAX_IDS = 5
#: Criteria that are not made of requirement areas (the areas stand for the others).
OWN_CRITERIA = ("test_drive", "references")
#: Compliance answers that claim the product covers a requirement.
CLAIMS = ("native", "configurable", "third_party")
#: Order of the people on the sign-off page.
SIGNING_ROLES = ("sponsor", "facilitator", "evaluator")


class Point(NamedTuple):
    """One fact of the recommendation: a code and its parameters."""

    code: str
    params: dict[str, Any]


def _base(rs: RequirementScore) -> float:
    """The score before the unverified discount (what the knock-out compares)."""
    return rs.declared_score if rs.discounted and rs.declared_score is not None else rs.score


def _passing(ev: Evaluation) -> list[str]:
    return [r.vendor for r in ev.ranking if not r.knocked_out and not r.no_response]


def _rank(value: float, others: list[float]) -> int:
    """1 + how many of ``others`` are strictly higher."""
    return 1 + sum(1 for o in others if o > value + 1e-9)


def _area_scores(ev: Evaluation, vid: str) -> dict[str, float]:
    return {a.area: a.score for c in ev.vendors[vid].criteria for a in c.areas if a.weight > 0}


def _criterion_scores(ev: Evaluation, vid: str) -> dict[str, float]:
    return {c.criterion: c.score for c in ev.vendors[vid].criteria
            if c.active and c.score is not None and c.criterion in OWN_CRITERIA
            and ev.criteria_weights.get(c.criterion, 0) > 0}


def _ids(items: list[str]) -> dict[str, Any]:
    return {"n": len(items), "requirements": items[:MAX_IDS], "more": max(0, len(items) - MAX_IDS)}


def _strengths(lp: LoadedProject, ev: Evaluation, vid: str, passing: list[str]) -> list[Point]:
    out: list[Point] = []
    others = [v for v in passing if v != vid]
    mine = _area_scores(ev, vid)
    ranked = []
    for area, score in mine.items():
        rank = _rank(score, [_area_scores(ev, o).get(area, 0.0) for o in others])
        if (rank == 1 and others and score > 0) or score >= STRONG:
            ranked.append(Point("strength_area", {"area": area, "score": score, "rank": rank,
                                                  "of": len(passing)}))
    ranked.sort(key=lambda p: (p.params["rank"], -p.params["score"]))
    out.extend(ranked[:MAX_AREAS])
    for crit, score in _criterion_scores(ev, vid).items():
        rank = _rank(score, [_criterion_scores(ev, o).get(crit, 0.0) for o in others])
        if (rank == 1 and others and score > 0) or score >= STRONG:
            out.append(Point("strength_criterion", {"criterion": crit, "score": score,
                                                    "rank": rank, "of": len(passing)}))
    out.extend(_cost_position(lp, ev, vid, passing, strengths=True))
    return out


def _cost_position(lp: LoadedProject, ev: Evaluation, vid: str, passing: list[str],
                   strengths: bool) -> list[Point]:
    tco = ev.tco[vid]
    budget = lp.project.tco
    if not tco.priced or tco.total is None:
        return [] if strengths else [Point("not_priced", {})]
    priced = [ev.tco[v].total for v in passing if ev.tco[v].priced and ev.tco[v].total is not None]
    cheaper = sum(1 for t in priced if t < tco.total - 0.5)
    dearer = sum(1 for t in priced if t > tco.total + 0.5)
    out = []
    if strengths:
        # lowest (and highest, below) only when another finalist's price differs: with equal
        # prices a vendor is neither, not both
        if len(priced) > 1 and cheaper == 0 and dearer > 0:
            out.append(Point("cost_lowest", {"tco": tco.total, "of": len(priced)}))
        if budget.target_budget is not None and tco.total <= budget.target_budget:
            out.append(Point("cost_within_target", {"tco": tco.total,
                                                    "target": budget.target_budget}))
        return out
    ceiling = budget.effective_ceiling
    if ceiling is not None and tco.total > ceiling:
        out.append(Point("cost_over_ceiling", {"tco": tco.total, "ceiling": ceiling}))
    elif budget.target_budget is not None and tco.total > budget.target_budget:
        out.append(Point("cost_over_target", {"tco": tco.total, "target": budget.target_budget}))
    if len(priced) > 1 and dearer == 0 and cheaper > 0:
        out.append(Point("cost_highest", {"tco": tco.total, "of": len(priced)}))
    return out


def _weaknesses(lp: LoadedProject, ev: Evaluation, vid: str, passing: list[str],
                gap_rows: list[dict[str, Any]]) -> list[Point]:
    out: list[Point] = []
    others = [v for v in passing if v != vid]
    mine = _area_scores(ev, vid)
    weak = []
    for area, score in mine.items():
        rank = _rank(score, [_area_scores(ev, o).get(area, 0.0) for o in others])
        last = bool(others) and rank == len(passing) and score < STRONG
        if score < meets_threshold(lp) or last:
            weak.append(Point("weak_area", {"area": area, "score": score, "rank": rank,
                                            "of": len(passing)}))
    weak.sort(key=lambda p: p.params["score"])
    out.extend(weak[:MAX_AREAS])
    for crit, score in _criterion_scores(ev, vid).items():
        rank = _rank(score, [_criterion_scores(ev, o).get(crit, 0.0) for o in others])
        if score < meets_threshold(lp) or (others and rank == len(passing) and score < STRONG):
            out.append(Point("weak_criterion", {"criterion": crit, "score": score,
                                                "rank": rank, "of": len(passing)}))
    musts = [g["requirement"] for g in gap_rows if g["priority"] == "must"]
    shoulds = [g["requirement"] for g in gap_rows if g["priority"] == "should"]
    if musts or shoulds:
        out.append(Point("gaps", {"must": len(musts), "should": len(shoulds),
                                  **_ids(musts + shoulds)}))
    out.extend(_cost_position(lp, ev, vid, passing, strengths=False))
    return out


def _barely(lp: LoadedProject, ev: Evaluation, vid: str) -> list[Point]:
    threshold = float(lp.project.scoring.knockout_threshold)
    out = []
    for rs in scored_requirements(ev, vid):
        base = _base(rs)
        if rs.priority == "must" and threshold <= base < threshold + BARELY_MARGIN:
            out.append(Point("must_barely", {"requirement": rs.requirement, "score": base,
                                             "threshold": threshold, "source": rs.source}))
    out.sort(key=lambda p: (p.params["score"], p.params["requirement"]))
    if len(out) > MAX_IDS:  # one point naming the closest calls, not a page of them
        return [Point("musts_barely", {"threshold": threshold, "margin": BARELY_MARGIN,
                                       **_ids([p.params["requirement"] for p in out])})]
    return out


def _unchecked(lp: LoadedProject, ev: Evaluation, vid: str) -> list[Point]:
    """Unanswered requirements, native claims nobody saw live, and declared claims that rest
    on the vendor's word alone (nobody scored them, not shown live, no evidence attached)."""
    out = []
    weights = {rs.requirement: rs for rs in scored_requirements(ev, vid)}
    blank = [rid for rid in ev.unanswered.get(vid, []) if rid in lp.requirements
             and lp.requirements[rid].priority != "wont"]
    if blank:
        musts = sum(1 for rid in blank if lp.requirements[rid].priority == "must")
        out.append(Point("unanswered", {"must": musts, **_ids(blank)}))
    unseen = [c.requirement for c in ev.unverified_claims
              if c.vendor == vid and weights.get(c.requirement) is not None
              and weights[c.requirement].weight > 0]
    if unseen:
        out.append(Point("unverified", _ids(unseen)))
    responses = lp.vendors[vid].responses
    bare = [rid for rid, rs in weights.items()
            if rs.weight > 0 and rs.source == "declared" and rs.declared in CLAIMS
            and rs.shown != "live" and rid not in unseen
            and rid in responses and not responses[rid].evidence]
    if bare:
        out.append(Point("no_evidence", _ids(bare)))
    return out


def _risks(ev: Evaluation, vid: str) -> list[Point]:
    mine = [r for r in ev.risks if r.vendor == vid]
    out = []
    custom = [r for r in mine if r.kind == "upgrade"]
    if custom:
        out.append(Point("risk_custom", {
            "days": sum(r.effort_days for r in custom), "cost": sum(r.cost for r in custom),
            **_ids([r.requirement for r in custom])}))
    third = [r for r in mine if r.kind == "third_party"]
    if third:
        out.append(Point("risk_third_party", {
            "per_year": sum(r.cost_per_year for r in third),
            **_ids([r.requirement for r in third])}))
    roadmap = [r for r in mine if r.kind == "commitment"]
    if roadmap:
        dates = [r.promised_date for r in roadmap if r.promised_date]
        out.append(Point("risk_roadmap", {"last_date": max(dates) if dates else None,
                                          **_ids([r.requirement for r in roadmap])}))
    under = [r.requirement for r in mine if r.kind == "understated"]
    if under:
        out.append(Point("risk_understated", _ids(under)))
    open_ = [d for d in ev.disagreements if d.vendor == vid and d.consensus is None]
    if open_:
        out.append(Point("risk_disagreements", {"n": len(open_)}))
    share = ev.coverage[vid].verified_share
    if share < 0.5:
        out.append(Point("risk_verified_low", {"share": share}))
    return out


def _verdict(ev: Evaluation, passing: list[str], illustrative: set[str]) -> Point:
    ranking = {r.vendor: r for r in ev.ranking}
    if not ev.ranking:
        return Point("verdict_no_vendors", {})
    if not passing:
        return Point("verdict_none_pass", {"n": len(ev.ranking)})
    first = [v for v in passing if ranking[v].rank == 1]
    if len(first) > 1:
        return Point("verdict_tie", {"vendors": first, "total": ranking[first[0]].total})
    winner = first[0]
    unscored = _unscored(ev)
    if winner in unscored:
        # its declarations against the others' checked scores: no ground for a recommendation
        return Point("verdict_unscored", {"vendor": winner, "total": ranking[winner].total})
    if winner in illustrative:
        # a made-up example describes no offer: "confidence high" would recommend a fiction
        real = next((v for v in passing if v not in illustrative), None)
        return Point("verdict_illustrative", {"vendor": winner, "total": ranking[winner].total,
                                              "runner_up": real})
    if len(passing) == 1:
        return Point("verdict_single", {"vendor": winner, "total": ranking[winner].total})
    runner = passing[1]
    lead = shown_lead(ranking[winner].total, ranking[runner].total)  # as the totals print
    p_first = ev.monte_carlo.p_first.get(winner) if ev.monte_carlo else None
    params = {"vendor": winner, "total": ranking[winner].total, "runner_up": runner,
              "lead": lead, "p_first": p_first}
    if too_close_to_call(lead, p_first):
        # A lead the totals' one decimal cannot show, or a winner the simulations put first
        # less often than not: naming one vendor would claim what the scores do not say.
        return Point("verdict_too_close", {**params,
                                           "runner_up_total": ranking[runner].total})
    # A lead under CLEAR_LEAD_POINTS is close whatever the simulations say (they vary the
    # weights, not the scores): the decision warnings call it "no clear winner", and the
    # verdict must not recommend the same result as a clear one.
    narrow = lead < CLEAR_LEAD_POINTS
    close = narrow or (p_first is not None and p_first < 0.8)
    if close and narrow and (p_first is None or p_first >= 0.8):
        params["narrow"] = True
    # A lead the open disagreements could undo (the winner's settled at its lowest scores,
    # the runner-up's at its highest) is inside the evaluators' spread: not a clear lead.
    spread = next((w for w in ev.warnings if w.code == "lead_within_disagreements"), None)
    if spread is not None:
        return Point("verdict_close_spread", {**params, "swing": spread.params["swing"]})
    return Point("verdict_close" if close else "verdict_clear", params)


def _unscored(ev: Evaluation) -> list[str]:
    """The vendors nobody scored while the evaluators scored others (``unscored_vendors``)."""
    return next((list(w.params["vendors"]) for w in ev.warnings
                 if w.code == "unscored_vendors"), [])


def _negotiation(lp: LoadedProject, ev: Evaluation, vid: str, passing: list[str]) -> list[Point]:
    """What to settle with ``vid`` before signing: over-budget lines, custom work priced or
    not, roadmap dates, add-ons, price increases and exchange-rate exposure."""
    out: list[Point] = []
    tco = ev.tco[vid]
    budget = lp.project.tco
    if tco.priced and tco.total is not None:
        ceiling = budget.effective_ceiling
        if ceiling is not None and tco.total > ceiling:
            out.append(Point("neg_over_ceiling", {"vendor": vid, "tco": tco.total,
                                                  "ceiling": ceiling,
                                                  "gap": tco.total - ceiling}))
        elif budget.target_budget is not None and tco.total > budget.target_budget:
            out.append(Point("neg_over_target", {"vendor": vid, "tco": tco.total,
                                                 "target": budget.target_budget,
                                                 "gap": tco.total - budget.target_budget}))
        rivals = [v for v in passing if v != vid and ev.tco[v].priced]
        for key, amount in tco.components.items():
            lower = [(ev.tco[v].components.get(key, 0.0), v) for v in rivals
                     if 0 < ev.tco[v].components.get(key, 0.0) < amount * 0.9]
            if lower:
                low, low_vendor = min(lower)
                out.append(Point("neg_line", {"vendor": vid, "component": key, "amount": amount,
                                              "lowest": low, "lowest_vendor": low_vendor}))
    for r in (r for r in ev.risks if r.vendor == vid):
        if r.kind == "upgrade" and r.cost > 0:
            out.append(Point("neg_custom_priced", {"vendor": vid, "requirement": r.requirement,
                                                   "days": r.effort_days, "cost": r.cost}))
        elif r.kind == "upgrade":
            out.append(Point("neg_custom_unpriced", {"vendor": vid,
                                                     "requirement": r.requirement,
                                                     "days": r.effort_days}))
        elif r.kind == "commitment":
            out.append(Point("neg_roadmap", {"vendor": vid, "requirement": r.requirement,
                                             "date": r.promised_date}))
        elif r.kind == "third_party":
            out.append(Point("neg_add_on", {"vendor": vid, "requirement": r.requirement,
                                            "product": r.product, "per_year": r.cost_per_year}))
        elif r.kind == "understated":
            out.append(Point("neg_understated", {"vendor": vid, "requirement": r.requirement,
                                                 "declared": r.compliance, "score": r.score}))
    pricing = lp.vendors[vid].pricing
    if pricing is not None and tco.priced:
        if pricing.yearly_increase_pct > 0:
            out.append(Point("neg_price_increase", {"vendor": vid,
                                                    "pct": float(pricing.yearly_increase_pct),
                                                    "years": ev.horizon_years}))
        else:
            out.append(Point("neg_price_lock", {"vendor": vid, "years": ev.horizon_years}))
        if pricing.currency != ev.currency:
            flip = next((fx for fx in ev.fx_sensitivity if fx.currency == pricing.currency),
                        None)
            rise = flip.rise if flip and ev.winner == vid else None
            out.append(Point("neg_fx", {
                "vendor": vid, "currency": pricing.currency, "project": ev.currency,
                "change": rise.change_pct_per_year if rise else None,
                "overtaken_by": rise.overtaken_by if rise else None}))
    return out


def _next_steps(lp: LoadedProject, ev: Evaluation, passing: list[str],
                chosen: list[str], finalists: list[str], verdict: Point) -> list[Point]:
    out: list[Point] = []
    timeline = lp.project.timeline
    if not passing:
        failing: dict[str, int] = {}
        for f in ev.knockouts:
            failing[f.requirement] = failing.get(f.requirement, 0) + 1
        common = sorted(failing, key=lambda rid: (-failing[rid], rid))
        out.append(Point("step_revisit_musts", _ids(common)))
        out.append(Point("step_extend_shortlist", {}))
        return out
    if verdict.code == "verdict_illustrative":  # a made-up example first: off the short list
        out.append(Point("step_replace_illustrative", {
            "vendor": verdict.params["vendor"], "runner_up": verdict.params["runner_up"]}))
        real = [v for v in finalists if v != verdict.params["vendor"]]
        if real:
            out.append(Point("step_reference_calls", {"vendors": real}))
        return out
    if not chosen:  # the first vendor's scores are its own word: score before choosing
        out.append(Point("step_score_unscored", {"vendors": _unscored(ev)}))
        out.append(Point("step_reference_calls", {"vendors": finalists}))
        return out
    if len(chosen) > 1:
        out.append(Point("step_tie_break", {"vendors": chosen}))
    open_ = [d for d in ev.disagreements if d.consensus is None]
    if open_:
        out.append(Point("step_consensus", {"n": len(open_)}))
    out.append(Point("step_reference_calls", {"vendors": finalists}))
    for vid in chosen:
        unseen = [c.requirement for c in ev.unverified_claims if c.vendor == vid]
        if unseen:
            out.append(Point("step_show_live", {"vendor": vid, **_ids(unseen)}))
        blank = ev.unanswered.get(vid, [])
        if blank:
            out.append(Point("step_written_answers", {"vendor": vid, **_ids(blank)}))
    out.append(Point("step_contract", {"vendors": chosen, "decision": timeline.decision,
                                       "contract": timeline.contract}))
    out.append(Point("step_migration_plan", {"vendors": chosen,
                                             "go_live": _go_live(lp, timeline.go_live)}))
    return out


def _go_live(lp: LoadedProject, day: Any) -> Any:
    """The go-live date as the migration plan takes it: a public holiday or a weekend moves
    to the next working day (the Turkish school's 30 August, Victory Day, is the 31st in its
    plan; the report named the 30th)."""
    if day is None:
        return None
    from crmselect.reporting.workdays import WorkCalendar

    return WorkCalendar.for_country(lp.project.organisation.country).next_workday(day)


def signatories(lp: LoadedProject) -> list[dict[str, Any]]:
    """Who signs the decision: the project's people with a signing role (sponsor,
    facilitator, evaluator), in that order; observers do not sign."""
    people = [e for e in lp.project.evaluators if e.role in SIGNING_ROLES]
    people.sort(key=lambda e: SIGNING_ROLES.index(e.role))
    return [{"id": e.id, "name": e.name, "role": e.role, "department": e.department}
            for e in people]


def recommendation(lp: LoadedProject, ev: Evaluation) -> dict[str, Any]:
    """The recommendation as points: the verdict, each finalist's strengths, weaknesses,
    barely met musts, unchecked claims and risks, the negotiation points of the vendor(s)
    recommended, the next steps and who signs."""
    passing = _passing(ev)
    finalists = passing[:FINALISTS]
    ranking = {r.vendor: r for r in ev.ranking}
    illustrative = {vid for vid, v in lp.vendors.items() if v.profile.illustrative}
    verdict = _verdict(ev, passing, illustrative)
    chosen = [v for v in passing if ranking[v].rank == 1]
    if verdict.code in ("verdict_too_close", "verdict_close_spread"):  # as for a tie
        chosen = [verdict.params["vendor"], verdict.params["runner_up"]]
    elif verdict.code in ("verdict_unscored", "verdict_illustrative"):
        chosen = []  # nobody to negotiate with before it is scored, or replaced
    gap_rows = {g["vendor"]: g["gaps"] for g in gaps(lp, ev)}
    return {
        "verdict": verdict,
        "finalists": [{
            "vendor": vid, "rank": ranking[vid].rank, "total": ranking[vid].total,
            # two or more chosen (a tie, too close to call) go to a tie-break: none is
            # recommended over the other
            "recommended": vid in chosen and len(chosen) == 1,
            "strengths": _strengths(lp, ev, vid, passing),
            "weaknesses": _weaknesses(lp, ev, vid, passing, gap_rows[vid]),
            "barely_met": _barely(lp, ev, vid),
            "unchecked": _unchecked(lp, ev, vid),
            "risks": _risks(ev, vid),
        } for vid in finalists],
        "negotiation": [{"vendor": vid, "points": _negotiation(lp, ev, vid, passing)}
                        for vid in chosen],
        "next_steps": _next_steps(lp, ev, passing, chosen, finalists, verdict),
        "signatories": signatories(lp),
    }
