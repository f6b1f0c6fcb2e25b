"""The plain dict the comparison report is rendered from (Word, HTML, CSV and charts).

Everything comes from one :class:`~crmselect.scoring.results.Evaluation`: the report never
recomputes a score. Texts from the catalog, the project and the scoring messages are resolved
to the document language here; codes (criterion, compliance, source, risk kind) stay codes for
the renderers to label from ``templates/strings/comparison.yaml``; numbers stay raw.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from crmselect.model import FUNCTIONAL_AREAS, localize
from crmselect.project import LoadedProject
from crmselect.reporting.gaps import gaps, meets_threshold
from crmselect.reporting.recommendation import BARELY_MARGIN, FINALISTS, Point, recommendation
from crmselect.reporting.reference_questions import finalists, reference_questions
from crmselect.reporting.vendor_answers import vendor_answers
from crmselect.scoring.ranking import TIE_TOLERANCE, shown_lead
from crmselect.scoring.results import Evaluation, RequirementScore, WeightNode
from crmselect.scoring.sensitivity import weight_spread

#: Confidence in the winner from its Monte Carlo probability of ranking first.
CONFIDENCE = ((0.8, "high"), (0.6, "medium"), (0.0, "low"))
#: Order of the requirement areas in tables and charts.
AREA_ORDER = (*FUNCTIONAL_AREAS, "integration", "non_functional")


def _confidence(p: float | None) -> str | None:
    if p is None:
        return None
    return next(level for limit, level in CONFIDENCE if p >= limit)


class _Names:
    """Display names of vendors, evaluators, requirements, areas and score targets."""

    def __init__(self, lp: LoadedProject, lang: str) -> None:
        self.lp, self.lang = lp, lang
        self.people = {e.id: e.name for e in lp.project.evaluators}

    def vendor(self, vid: str) -> str:
        vendor = self.lp.vendors.get(vid)
        return vendor.name if vendor else vid

    def requirement(self, rid: str) -> str:
        pr = self.lp.requirements.get(rid)
        if pr is not None:
            return localize(pr.requirement.title, self.lang)
        entry = self.lp.catalog.entries.get(rid)
        return localize(entry.requirement.title, self.lang) if entry else rid

    def area(self, area: str) -> str:
        info = self.lp.catalog.area(area)
        return info.name.get(self.lang) if info else area

    def group(self, group: str) -> str:
        info = self.lp.catalog.group(group)
        return info.name.get(self.lang) if info else group

    def target(self, target: str) -> tuple[str, str]:
        """(kind, title) of a score target: requirement, step or references."""
        if target == "references":
            return "references", ""
        if "." in target:
            sid, _, step = target.partition(".")
            scenario = self.lp.scenarios.get(sid)
            title = localize(scenario.title, self.lang) if scenario else sid
            return "step", f"{title} › {step}"
        return "requirement", self.requirement(target)


#: A yearly exchange-rate change at or below this (in %) that changes the winner is a close
#: call the summary names: currencies move that much in an ordinary year.
FX_CLOSE_PCT = 10.0


def _fx(ev: Evaluation, names: _Names) -> list[dict[str, Any]]:
    """Per foreign bid currency: the rates used and the yearly change, on top of them, at
    which another vendor overtakes the winner (``rise`` and ``fall``, None beyond ``limit``).

    Why in the report: ``crmselect sensitivity`` showed that a euro client's winner loses to
    a dollar bid if the dollar falls 4.3 % a year; the report, which the board reads, did not.
    """
    def flip(f: Any) -> dict[str, Any] | None:
        return None if f is None else {"change": f.change_pct_per_year,
                                       "vendor": names.vendor(f.overtaken_by)}

    return [{"currency": s.currency, "rates": list(s.rates), "rise": flip(s.rise),
             "fall": flip(s.fall), "limit": s.limit_pct} for s in ev.fx_sensitivity]


def _closest_fx(ev: Evaluation, names: _Names) -> dict[str, Any] | None:
    """The smallest yearly exchange-rate change that changes the winner, when it is within
    :data:`FX_CLOSE_PCT`: currency, direction (``rise``/``fall``), change and vendor."""
    flips = [(abs(f.change_pct_per_year), s.currency, way, f) for s in ev.fx_sensitivity
             for way, f in (("rise", s.rise), ("fall", s.fall)) if f is not None]
    if not flips:
        return None
    size, currency, way, f = min(flips, key=lambda x: x[0])
    if size > FX_CLOSE_PCT:
        return None
    return {"currency": currency, "direction": way, "change": size,
            "vendor": names.vendor(f.overtaken_by)}


def _requirements_of(ev: Evaluation, vendor: str) -> list[RequirementScore]:
    return [rs for c in ev.vendors[vendor].criteria for a in c.areas for g in a.groups
            for rs in g.requirements]


def _summary(ev: Evaluation, names: _Names, lang: str = "en") -> dict[str, Any]:
    ranking = ev.ranking
    passing = [r for r in ranking if not r.knocked_out]
    p_first = ev.monte_carlo.p_first if ev.monte_carlo else {}
    winner = runner = None
    if ev.winner:
        w = next(r for r in ranking if r.vendor == ev.winner)
        winner = {"id": w.vendor, "name": w.name, "total": w.total,
                  "p_first": p_first.get(w.vendor) if ev.monte_carlo else None}
        others = [r for r in passing if r.vendor != ev.winner]
        if others:
            runner = {"id": others[0].vendor, "name": others[0].name, "total": others[0].total}
    flips = []
    for s in ev.sensitivity:
        for direction in ("increase", "decrease"):
            flip = getattr(s, direction)
            if flip is not None:
                flips.append({"criterion": s.criterion, "weight": s.weight,
                              "new_weight": flip.new_weight, "change": flip.change,
                              "vendor": names.vendor(flip.overtaken_by),
                              "direction": direction})
    closest = min(flips, key=lambda f: abs(f["change"])) if flips else None
    weights = ({rs.requirement: rs.weight for rs in _requirements_of(ev, ev.winner)}
               if ev.winner else {})
    risks = ev.risks
    win_risks = [r for r in risks if r.vendor == ev.winner]
    tied_first = [r.name for r in passing if r.rank == 1] if len(
        [r for r in passing if r.rank == 1]) > 1 else []
    return {
        "winner": winner,
        # names of the vendors sharing rank 1 (empty when one vendor is first alone)
        "tied_first": tied_first,
        "runner_up": runner,
        "lead": shown_lead(winner["total"], runner["total"]) if winner and runner else None,
        "confidence": _confidence(winner["p_first"]) if winner else None,
        "samples": ev.monte_carlo.samples if ev.monte_carlo else 0,
        "closest_flip": closest,
        "closest_fx": _closest_fx(ev, names),
        "knocked_out": [{"id": r.vendor, "name": r.name, "failing": list(r.failing),
                         "no_response": r.no_response}
                        for r in ranking if r.knocked_out],
        "winner_unverified": sum(
            1 for c in ev.unverified_claims if c.vendor == ev.winner and weights.get(
                c.requirement, 0) > 0),
        "winner_custom": sum(1 for r in win_risks if r.kind == "upgrade"),
        "winner_third_party": sum(1 for r in win_risks if r.kind == "third_party"),
        "winner_roadmap": sum(1 for r in win_risks if r.kind == "commitment"),
        "winner_understated": sum(1 for r in win_risks if r.kind == "understated"),
        "winner_verified_share": ev.coverage[ev.winner].verified_share if ev.winner else None,
        "warnings": len(ev.warnings),
        "disagreements": len(ev.disagreements),
        # {tco, ceiling} when the winner costs more than the budget ceiling
        "winner_over_ceiling": next(({"tco": w.params["tco"], "ceiling": w.params["ceiling"]}
                                     for w in ev.warnings if w.code == "winner_over_ceiling"),
                                    None),
        # the headline when every bid is over the ceiling (the warning's text, worded)
        "all_over_ceiling": next((w.message() for w in ev.warnings
                                  if w.code == "all_over_ceiling"), None),
        # {method, vendor}: the other method ranks another vendor first
        "other_method_winner": _other_method_winner(ev, names),
    }


def _other_method_winner(ev: Evaluation, names: _Names) -> dict[str, str] | None:
    """The other method's winner when it is not this evaluation's (None when they agree, or
    when either has no single winner)."""
    mine = ev.winners_by_method.get(ev.method)
    for method, vendor in ev.winners_by_method.items():
        if method != ev.method and vendor is not None and mine is not None and vendor != mine:
            return {"method": method, "vendor": names.vendor(vendor)}
    return None


def _criteria(ev: Evaluation, order: list[str]) -> dict[str, Any]:
    crits = list(ev.criteria_weights)
    rows = []
    for vid in order:
        result = ev.vendors[vid]
        cells = {c.criterion: {"score": c.score, "contribution": c.contribution,
                               "source": c.source}
                 for c in result.criteria if c.criterion in ev.criteria_weights}
        rows.append({"vendor": vid, "name": result.name, "total": result.total,
                     "knocked_out": result.knocked_out, "cells": cells})
    return {"ids": crits, "weights": dict(ev.criteria_weights),
            "dropped": list(ev.dropped_criteria), "rows": rows}


def _areas(ev: Evaluation, order: list[str], names: _Names) -> dict[str, Any]:
    found: dict[str, dict[str, Any]] = {}
    rows = []
    for vid in order:
        cells = {}
        for c in ev.vendors[vid].criteria:
            for a in c.areas:
                found.setdefault(a.area, {"id": a.area, "name": names.area(a.area),
                                          "criterion": c.criterion, "weight": a.weight,
                                          "groups": {}})
                cells[a.area] = {"score": a.score, "contribution": a.contribution}
                for g in a.groups:
                    found[a.area]["groups"].setdefault(g.group, {
                        "id": g.group, "name": names.group(g.group), "weight": g.weight})
                    cells[f"{a.area}/{g.group}"] = {"score": g.score,
                                                    "contribution": g.contribution}
        rows.append({"vendor": vid, "name": ev.vendors[vid].name, "cells": cells})
    areas = [found[a] for a in AREA_ORDER if a in found]
    for area in areas:
        area["groups"] = list(area["groups"].values())
    return {"areas": areas, "rows": rows}


def _tco(ev: Evaluation, order: list[str], names: _Names) -> dict[str, Any]:
    vendors = []
    used: list[str] = []
    for vid in order:
        t = ev.tco[vid]
        for k, v in t.components.items():
            if v and k not in used:
                used.append(k)
        vendors.append({
            "vendor": vid, "name": names.vendor(vid), "priced": t.priced, "total": t.total,
            "components": dict(t.components), "cost_score": t.cost_score,
            "source_currency": t.source_currency, "rate": t.rate, "rates": list(t.rates),
            "licence_model": t.licence_model,
            "years": [{"year": y.year, "total": y.total, "components": dict(y.components)}
                      for y in t.years],
        })
    order_keys = list(next((t.components for t in ev.tco.values() if t.priced), {}))
    # the rates used, per foreign currency in the bids (the same for every vendor)
    rates = {fx.currency: fx.rates for fx in ev.fx_sensitivity}
    for t in ev.tco.values():
        if t.source_currency and t.source_currency != ev.currency:
            rates.setdefault(t.source_currency, list(t.rates))
    return {"vendors": vendors, "components": [k for k in order_keys if k in used],
            "years": list(range(1, ev.horizon_years + 1)),
            "exchange_rates": [{"currency": c, "rates": r, "constant": len(set(r)) == 1}
                               for c, r in sorted(rates.items())],
            "discount_rate_pct": next((t.discount_rate_pct for t in ev.tco.values()), None)}


def _risks(ev: Evaluation, order: list[str], names: _Names) -> list[dict[str, Any]]:
    out = []
    for vid in order:
        items = [{"requirement": r.requirement, "title": names.requirement(r.requirement),
                  "kind": r.kind, "compliance": r.compliance, "effort_days": r.effort_days,
                  "cost": r.cost, "cost_per_year": r.cost_per_year,
                  "product": localize(r.product, names.lang),
                  "promised_date": r.promised_date, "comment": localize(r.comment, names.lang),
                  "score": r.score}
                 for r in ev.risks if r.vendor == vid]
        if items:
            out.append({"vendor": vid, "name": names.vendor(vid), "items": items})
    return out


def _appendix(ev: Evaluation, order: list[str], names: _Names,
              lp: LoadedProject) -> dict[str, Any]:
    by_vendor = {vid: {rs.requirement: rs for rs in _requirements_of(ev, vid)} for vid in order}
    rows = []
    for rid, pr in lp.requirements.items():
        first = by_vendor[order[0]].get(rid) if order else None
        rows.append({
            "requirement": rid, "title": names.requirement(rid), "area": pr.area,
            "group": pr.group, "priority": pr.priority,
            "area_name": names.area(pr.area), "group_name": names.group(pr.group),
            "weight": first.weight if first else 0.0,
            "cells": [_cell(by_vendor[vid].get(rid)) for vid in order],
        })
    steps = []
    step_scores = {vid: {s.target: s for c in ev.vendors[vid].criteria for sc in c.scenarios
                         for s in sc.steps} for vid in order}
    targets = list(dict.fromkeys(t for vid in order for t in step_scores[vid]))
    for target in targets:
        kind, title = names.target(target)
        steps.append({"target": target, "title": title,
                      "cells": [{"score": step_scores[vid][target].score,
                                 "source": step_scores[vid][target].source}
                                if target in step_scores[vid] else None for vid in order]})
    refs = []
    for vid in order:
        crit = next(c for c in ev.vendors[vid].criteria if c.criterion == "references")
        refs.append({"score": crit.score, "source": crit.source} if crit.active else None)
    return {"vendors": [{"id": v, "name": names.vendor(v)} for v in order], "rows": rows,
            "steps": steps, "references": refs if any(refs) else []}


def _unverified(ev: Evaluation, order: list[str], names: _Names) -> list[dict[str, Any]]:
    """Native claims nobody saw live, per vendor; requirements that weigh nothing are left
    out (a *wont* requirement is asked for information only)."""
    out = []
    for vid in order:
        weight = {rs.requirement: rs.weight for rs in _requirements_of(ev, vid)}
        claims = [{"requirement": c.requirement, "title": names.requirement(c.requirement),
                   "shown": c.shown, "evaluated": c.evaluated}
                  for c in ev.unverified_claims
                  if c.vendor == vid and weight.get(c.requirement, 0) > 0]
        if claims:
            out.append({"vendor": vid, "name": names.vendor(vid), "claims": claims})
    return out


def _unanswered(lp: LoadedProject, ev: Evaluation, order: list[str],
                names: _Names) -> list[dict[str, Any]]:
    """Per vendor, the requirements its response leaves blank (all, without a response)."""
    out = []
    for vid in order:
        blank = ev.unanswered.get(vid, [])
        if blank:
            out.append({"vendor": vid, "name": names.vendor(vid),
                        "responded": lp.vendors[vid].responded or lp.vendors[vid].desk_research,
                        "requirements": [{"requirement": rid, "title": names.requirement(rid),
                                          "priority": lp.requirements[rid].priority}
                                         for rid in blank]})
    return out
def _spread(ev: Evaluation) -> dict[str, float] | None:
    """How far the Monte Carlo weights stray: the heaviest criterion's weight and standard
    deviation under the Dirichlet sampling."""
    spread = weight_spread(ev.criteria_weights, ev.monte_carlo.concentration) \
        if ev.monte_carlo else None
    return {"weight": spread[0], "sd": spread[1]} if spread else None


def _cell(rs: RequirementScore | None) -> dict[str, Any] | None:
    if rs is None:
        return None
    return {"score": rs.score, "source": rs.source, "declared": rs.declared,
            "declared_score": rs.declared_score,
            "shown": rs.shown, "n_scorers": rs.n_scorers, "spread": rs.spread,
            "discounted": rs.discounted, "contribution": rs.contribution}


def build_comparison_context(lp: LoadedProject, ev: Evaluation, lang: str | None = None,
                             today: dt.date | None = None) -> dict[str, Any]:
    """Everything the comparison report shows, as plain data in ``lang``."""
    lang = lang or lp.language
    names = _Names(lp, lang)
    order = [r.vendor for r in ev.ranking]
    p_first = ev.monte_carlo.p_first if ev.monte_carlo else {}
    project = lp.project
    ranking = [{
        "rank": r.rank, "tied": r.tied, "rank_label": f"{r.rank}=" if r.tied else str(r.rank),
        "vendor": r.vendor, "name": r.name, "total": r.total,
        "knocked_out": r.knocked_out, "failing": list(r.failing),
        "no_response": r.no_response,
        "tco": ev.tco[r.vendor].total, "cost_score": ev.tco[r.vendor].cost_score,
        "p_first": p_first.get(r.vendor) if ev.monte_carlo else None,
        "verified_share": ev.coverage[r.vendor].verified_share,
    } for r in ev.ranking]
    questions = reference_questions(lp, ev)
    # Scores the web form marked (changed after the reveal, given despite a declared interest).
    flags = {(r.evaluator, r.vendor, r.target): list(r.flags)
             for r in lp.scores.scores if r.flags}
    references = []
    for vid in finalists(ev):
        vendor = lp.vendors[vid]
        named = [localize(n, lang) for n in vendor.references]
        references.append({
            "vendor": vid, "name": vendor.name, "references": named,
            "questions": [{"requirement": q.requirement, "reason": q.reason,
                           "title": names.requirement(q.requirement) if q.requirement else "",
                           "text": q.get(lang)} for q in questions.get(vid, [])],
        })
    return {
        "lang": lang,
        "generated": today or dt.date.today(),
        "method": ev.method,
        "project": {"name": localize(project.name, lang), "currency": ev.currency},
        "organisation": {"name": project.organisation.name},
        "horizon_years": ev.horizon_years,
        "budget": {"target": project.tco.target_budget, "ceiling": project.tco.effective_ceiling,
                   "formula": project.tco.price_formula},
        "weights_fingerprint": ev.weights_fingerprint,
        "summary": _summary(ev, names, lang),
        "ranking": ranking,
        "criteria": _criteria(ev, order),
        "areas": _areas(ev, order, names),
        "fx": _fx(ev, names),
        "sensitivity": [{
            "criterion": s.criterion, "weight": s.weight,
            "increase": {"new_weight": s.increase.new_weight, "change": s.increase.change,
                         "vendor": names.vendor(s.increase.overtaken_by)} if s.increase else None,
            "decrease": {"new_weight": s.decrease.new_weight, "change": s.decrease.change,
                         "vendor": names.vendor(s.decrease.overtaken_by)} if s.decrease else None,
        } for s in ev.sensitivity],
        "monte_carlo": {
            "samples": ev.monte_carlo.samples, "seed": ev.monte_carlo.seed,
            "concentration": ev.monte_carlo.concentration,
            "p_first": [{"vendor": v, "name": names.vendor(v), "p": ev.monte_carlo.p_first[v]}
                        for v in order if v in ev.monte_carlo.p_first],
            # vendor → share of the samples at rank 1 … n
            "rank_acceptability": [
                {"vendor": v, "name": names.vendor(v),
                 "shares": list(ev.monte_carlo.rank_acceptability[v])}
                for v in order if v in ev.monte_carlo.rank_acceptability],
            "ranks": list(range(1, len(order) + 1)),
            # (weight, standard deviation) of the heaviest criterion, or None
            "spread": _spread(ev),
        } if ev.monte_carlo else None,
        "knockouts": [{"vendor": f.vendor, "name": names.vendor(f.vendor),
                       "requirement": f.requirement, "title": names.requirement(f.requirement),
                       "score": f.score, "threshold": f.threshold, "source": f.source}
                      for f in ev.knockouts],
        "disagreements": [{
            "vendor": d.vendor, "name": names.vendor(d.vendor), "target": d.target,
            "kind": names.target(d.target)[0], "title": names.target(d.target)[1],
            "spread": d.spread, "n_scorers": d.n_scorers, "aggregate": d.aggregate,
            "consensus": d.consensus,
            "scores": [{"evaluator": names.people.get(s.evaluator, s.evaluator),
                        "score": s.score, "note": s.note,
                        "flags": flags.get((s.evaluator, d.vendor, d.target), [])}
                       for s in d.scores],
        } for d in ev.disagreements],
        "coverage": [{**{k: getattr(ev.coverage[v], k) for k in (
            "requirements", "evaluated", "shown_live", "declared_only", "missing",
            "unanswered", "verified_share", "declared_share")}, "vendor": v,
            "name": names.vendor(v)} for v in order],
        "unanswered": _unanswered(lp, ev, order, names),
        "unverified": _unverified(ev, order, names),
        "tco": _tco(ev, order, names),
        "risks": _risks(ev, order, names),
        "warnings": [{"code": w.code, "message": w.message()} for w in ev.warnings],
        "references": references,
        "appendix": _appendix(ev, order, names, lp),
        "recommendation": _recommendation(lp, ev, names),
        "gaps": _gaps(lp, ev, names),
        "methodology": _methodology(lp, ev, names),
        "evaluators": _evaluators(lp, ev, names),
        "counts": {"vendors": len(order), "requirements": len(lp.requirements),
                   # who scored, whatever their role (a facilitator who scores counts)
                   "evaluators": len(ev.scorers),
                   "scores": len(lp.scores.scores)},
        "vendor_answers": vendor_answers(lp, order, lang),
    }


# --- recommendation, gaps, methodology and evaluators (issue #13, points 8 and 9) ------------

#: Point parameters holding a vendor id (a ``<key>_name`` is added with its display name).
_VENDOR_KEYS = ("vendor", "runner_up", "overtaken_by", "lowest_vendor")


def _named(point: Point, names: _Names) -> tuple[str, dict[str, Any]]:
    """A recommendation point with the names of what its ids stand for, in the report's
    language: ``vendor`` → ``vendor_name``, ``area`` → ``area_name``, ``requirement`` →
    ``title``, ``requirements`` → ``titles``, ``vendors`` → ``vendor_names``."""
    params = dict(point.params)
    for key in _VENDOR_KEYS:
        if params.get(key):
            params[f"{key}_name"] = names.vendor(params[key])
    if "vendors" in params:
        params["vendor_names"] = [names.vendor(v) for v in params["vendors"]]
    if "area" in params:
        params["area_name"] = names.area(params["area"])
    if "requirement" in params:
        params["title"] = names.requirement(params["requirement"])
    if "requirements" in params:
        params["titles"] = [names.requirement(r) for r in params["requirements"]]
    if "product" in params:
        params["product"] = localize(params["product"], names.lang)
    return point.code, params


def _recommendation(lp: LoadedProject, ev: Evaluation, names: _Names) -> dict[str, Any]:
    rec = recommendation(lp, ev)
    sections = ("strengths", "weaknesses", "barely_met", "unchecked", "risks")
    return {
        "verdict": _named(rec["verdict"], names),
        "finalists": [{**{k: f[k] for k in ("vendor", "rank", "total", "recommended")},
                       "name": names.vendor(f["vendor"]),
                       **{k: [_named(p, names) for p in f[k]] for k in sections}}
                      for f in rec["finalists"]],
        "negotiation": [{"vendor": n["vendor"], "name": names.vendor(n["vendor"]),
                         "points": [_named(p, names) for p in n["points"]]}
                        for n in rec["negotiation"]],
        "next_steps": [_named(p, names) for p in rec["next_steps"]],
        "signatories": rec["signatories"],
        "finalists_max": FINALISTS,
    }


def _gaps(lp: LoadedProject, ev: Evaluation, names: _Names) -> dict[str, Any]:
    return {"meets": meets_threshold(lp),
            "vendors": [{"vendor": g["vendor"], "name": names.vendor(g["vendor"]),
                         "gaps": [{**row, "title": names.requirement(row["requirement"])}
                                  for row in g["gaps"]]} for g in gaps(lp, ev)]}


def _tree_rows(node: WeightNode, names: _Names, lp: LoadedProject,
               depth: int = 0) -> list[dict[str, Any]]:
    """The weight tree down to groups and scenarios, one row per node (requirements and
    steps are counted, not listed: the appendix gives each requirement's weight)."""
    rows = []
    for child in node.children:
        if child.kind in ("requirement", "step"):
            continue
        if child.kind == "criterion":
            name = child.id
        elif child.kind == "area":
            name = names.area(child.id)
        elif child.kind == "group":
            name = names.group(child.id)
        else:
            scenario = lp.scenarios.get(child.id)
            name = localize(scenario.title, names.lang) if scenario else child.id
        leaves = [c for c in child.children if c.kind in ("requirement", "step")]
        rows.append({"kind": child.kind, "id": child.id, "name": name, "depth": depth,
                     "local": child.local, "weight": child.weight,
                     "leaves": len(leaves),
                     "priorities": _priority_counts(leaves, lp)})
        rows.extend(_tree_rows(child, names, lp, depth + 1))
    return rows


def _priority_counts(leaves: list[WeightNode], lp: LoadedProject) -> dict[str, int]:
    counts: dict[str, int] = {}
    for leaf in leaves:
        pr = lp.requirements.get(leaf.id)
        if pr is not None:
            counts[pr.priority] = counts.get(pr.priority, 0) + 1
    return counts


def _ahp_ratios(lp: LoadedProject) -> dict[str, float]:
    """Level → the consistency ratio of its AHP matrix (a matrix of two items, always
    consistent, has none to show).

    Why: the methodology said "Weights set by AHP pairwise comparison: criteria" and nothing
    of the judgements' consistency unless they failed it; an auditor asks for the ratio.
    """
    if not lp.project.weights.ahp:
        return {}
    from crmselect.scoring.ahp import ahp

    out = {}
    for level, matrix in lp.project.weights.ahp.items():
        if len(matrix.items) > 2:
            out[level] = float(ahp(matrix.matrix, method=matrix.method, items=matrix.items).cr)
    return out


def _methodology(lp: LoadedProject, ev: Evaluation, names: _Names) -> dict[str, Any]:
    """The scoring rules this report applied: weight tree, scale, knock-out, cost, ties."""
    project = lp.project
    scoring, weights, tco = project.scoring, project.weights, project.tco
    return {
        "tree": _tree_rows(ev.weights, names, lp),
        "priority_weights": {k: float(v) for k, v in weights.priority.items()},
        "requirement_overrides": len(weights.requirements),
        "ahp": sorted(weights.ahp),
        "ahp_cr": _ahp_ratios(lp),
        # level → its consistency ratio, for the levels whose matrix is inconsistent
        "ahp_inconsistent": {w.params["level"]: w.params["cr"] for w in ev.warnings
                             if w.code == "ahp_inconsistent"},
        "compliance_scores": {k: float(v) for k, v in scoring.compliance_scores.items()},
        "knockout_threshold": float(scoring.knockout_threshold),
        "meets": meets_threshold(lp),
        "barely_margin": BARELY_MARGIN,
        "aggregation": scoring.aggregation,
        "disagreement_spread": float(scoring.disagreement_spread),
        "unverified_discount": float(scoring.unverified_discount),
        "method": ev.method,
        "cost": {"formula": tco.price_formula, "target": tco.target_budget,
                 "ceiling": tco.effective_ceiling, "horizon": ev.horizon_years,
                 "discount_rate_pct": tco.discount_rate_pct},
        "tie_tolerance": TIE_TOLERANCE,
    }


def _evaluators(lp: LoadedProject, ev: Evaluation, names: _Names) -> list[dict[str, Any]]:
    """Each person of the project with their role and what they scored: the areas (from the
    targets of their scores; steps count as the test drive), the number of scores and marks,
    and the vendors."""
    out = []
    for person in lp.project.evaluators:
        records = [r for r in lp.scores.scores if r.evaluator == person.id]
        marks = [m for m in lp.scores.demo if m.evaluator == person.id]
        scored: list[str] = []
        for r in records:
            pr = lp.requirements.get(r.target)
            kind = (pr.area if pr is not None else
                    "test_drive" if "." in r.target else
                    "references" if r.target == "references" else None)
            if kind and kind not in scored:
                scored.append(kind)
        if marks and "test_drive" not in scored:
            scored.append("test_drive")
        vendors = list(dict.fromkeys([r.vendor for r in records] + [m.vendor for m in marks]))
        out.append({
            "id": person.id, "name": person.name, "role": person.role,
            "department": person.department,
            "assigned": [names.area(a) for a in person.areas],
            "scored": [{"id": k, "name": names.area(k) if k in AREA_ORDER else None}
                       for k in scored],
            "scores": len(records), "marks": len(marks),
            "vendors": [names.vendor(v) for v in vendors if v in lp.vendors],
            "scorer": person.id in ev.scorers,
        })
    return out
