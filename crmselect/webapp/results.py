"""Results: the same numbers as ``crmselect score``, from the scores in the database.

The page never computes a score: it builds a :class:`~crmselect.model.ScoresFile` from the
database, calls the scoring engine (:mod:`crmselect.webapp.engine`) and shows its result —
ranking, charts, knock-outs, warnings and sensitivity. The facilitator sees results at any
time (marked preliminary before the reveal) unless they score too; evaluators and observers
once scores are revealed. A drill-down leads from each criterion to its areas, groups and
requirements, with each evaluator's score once the scores are revealed.
"""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, abort, render_template
from flask_babel import gettext as _

from crmselect.errors import CrmselectError, msg
from crmselect.evaluationdb import export, settings
from crmselect.model import TOP_CRITERIA, ScoresFile, localize
from crmselect.scoring import Evaluation
from crmselect.scoring.hygiene import SHOWN_LEAD_POINTS
from crmselect.scoring.ranking import shown_lead
from crmselect.scoring.verdict import Verdict, verdict
from crmselect.webapp import charts, engine
from crmselect.webapp.access import allow, current_user
from crmselect.webapp.context import database, project
from crmselect.webapp.i18n import core_text, fixed, language, money, number, percent
from crmselect.webapp.labels import label
from crmselect.webapp.projectview import ProjectView, target_label

bp = Blueprint("results", __name__, url_prefix="/results")

#: Who reads results: the facilitator always, evaluators and observers after the reveal.
RESULT_READERS = {"after_reveal": ("evaluator", "observer")}


def evaluation(view: ProjectView) -> Evaluation:
    """Score the project with every score, mark and consensus in the database."""
    with database().read() as s:
        file = export.scores_file(s)
    return engine.evaluate(view.loaded, file)


@bp.get("/")
@allow("facilitator", blind=True, **RESULT_READERS)
def overview():
    view = project()
    user = current_user()
    assert user is not None
    with database().read() as s:
        file = export.scores_file(s)
        revealed = settings.revealed(s) is not None
    try:
        result = engine.evaluate(view.loaded, file)
    except CrmselectError as exc:
        return render_template("results.html", problems=exc.lines(core_text), result=None), 422
    sees_prices = view.sees_prices(user.person, revealed)
    return render_template("results.html", problems=[], result=result,
                           report_formats=REPORT_FORMATS if sees_prices else (),
                           drill=drill_down(view, result, file, revealed, sees_prices),
                           marked=marked_scores(view, file),
                           **results_context(view, result, sees_prices))


#: Formats of the comparison report offered for download → their media types.
REPORT_FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html",
}


@bp.get("/report.<fmt>")
@allow("facilitator", blind=True, **RESULT_READERS)
def report(fmt: str):
    """The comparison report (Word or HTML) in the reader's language, from the database's
    scores, made by the same function as ``crmselect build``."""
    from crmselect.documents.report import render_report

    view = project()
    user = current_user()
    assert user is not None
    if fmt not in REPORT_FORMATS:
        abort(404)
    with database().read() as s:
        file = export.scores_file(s)
        revealed = settings.revealed(s) is not None
    if not view.sees_prices(user.person, revealed):  # the report shows every price
        abort(403)
    loaded = dataclasses.replace(view.loaded, scores=file)
    with tempfile.TemporaryDirectory(prefix="crmselect-report-") as folder:
        try:
            written = render_report(loaded, lang=language(), out_dir=Path(folder))
        except CrmselectError as exc:
            return render_template("results.html", problems=exc.lines(core_text), result=None), 422
        data = getattr(written, fmt).read_bytes()
    response = Response(data, mimetype=REPORT_FORMATS[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="comparison.{fmt}"'
    # Opened from this site, the self-contained HTML report may not run anything.
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'; " \
        "img-src data:; style-src 'unsafe-inline'"
    return response


def results_context(view: ProjectView, result: Evaluation, sees_prices: bool
                    ) -> dict[str, Any]:
    """What the results template shows, in the interface language."""
    lang = language()
    criteria = [c for c in TOP_CRITERIA if c in result.criteria_weights
                and (sees_prices or c != "cost")]
    said = verdict(result)
    rows = []
    for entry in result.ranking:
        vendor = result.vendors[entry.vendor]
        scores = {c.criterion: c.score for c in vendor.criteria}
        rows.append({
            "rank": entry.rank, "tied": entry.tied, "vendor": entry.vendor, "name": entry.name,
            "total": entry.total, "knocked_out": entry.knocked_out,
            "failing": [(rid, target_label(view, rid, lang)[1]) for rid in entry.failing],
            "scores": scores,
            "tco": vendor.tco.total if vendor.tco.priced else None,
            "verified": vendor.coverage.verified_share,
            # only a named winner is highlighted as one (not a close call's leader)
            "winner": said.code == "winner" and entry.vendor == result.winner,
        })
    ko = _("knock-out")
    bars = [
        charts.Bar(
            label=r["name"],
            segments=[(c.criterion, c.contribution) for c in result.vendors[r["vendor"]].criteria
                      if c.active and c.criterion in criteria],
            flag=ko if r["knocked_out"] else "",
            muted=r["knocked_out"],
        )
        for r in rows
    ]
    totals_chart = charts.for_any_screen(
        bars, maximum=100, colours=charts.CRITERION_COLOURS,
        title=_("Weighted total out of 100, by criterion"),
        value_text=lambda v: number(v, 1),
    )
    legend = charts.legend([(c, label("criterion", c)) for c in criteria],
                           charts.CRITERION_COLOURS)
    mc_chart = None
    if result.monte_carlo is not None and result.monte_carlo.samples:
        mc_chart = charts.for_any_screen(
            [charts.Bar(r["name"], [("p", result.monte_carlo.p_first.get(r["vendor"], 0.0))])
             for r in rows],
            maximum=1, colours={"p": "#0b5cad"},
            title=_("Probability of ranking first when the weights vary"),
            value_text=percent, width=480, label_width=120,
        )
    tco_chart = None
    priced = [r for r in rows if r["tco"] is not None]
    if sees_prices and priced:
        top = max(r["tco"] for r in priced) or 1
        tco_chart = charts.for_any_screen(
            [charts.Bar(r["name"], [("tco", r["tco"])]) for r in priced],
            maximum=top * 1.25, colours={"tco": "#5ba84a"},
            title=_("Total cost of ownership over %(n)d years", n=result.horizon_years),
            value_text=lambda v: money(v, result.currency),
        )
    names = {r["vendor"]: r["name"] for r in rows}
    knockouts = [{
        "vendor": names.get(f.vendor, f.vendor), "requirement": f.requirement,
        "title": target_label(view, f.requirement, lang)[1], "score": f.score,
        "threshold": f.threshold, "source": f.source,
    } for f in result.knockouts]
    sensitivity = [{
        "criterion": s.criterion, "weight": s.weight,
        "increase": s.increase, "decrease": s.decrease,
    } for s in result.sensitivity]
    claims: dict[str, int] = {}
    for claim in result.unverified_claims:
        claims[names.get(claim.vendor, claim.vendor)] = claims.get(
            names.get(claim.vendor, claim.vendor), 0) + 1
    return {
        "rows": rows, "criteria": criteria, "totals_chart": totals_chart, "legend": legend,
        "mc_chart": mc_chart, "tco_chart": tco_chart, "knockouts": knockouts,
        "warnings": [core_text(w.message(), lang) for w in result.warnings],
        "sensitivity": sensitivity, "names": names, "claims": claims,
        "sees_prices": sees_prices, "verdict": verdict_facts(result, said),
        "disagreements": len(result.disagreements),
        "tied_first": [result.vendors[v].name for v in said.first] if said.code == "tie"
        else [],
        "rank_acceptability": [
            {"name": r["name"], "shares": result.monte_carlo.rank_acceptability[r["vendor"]]}
            for r in rows if result.monte_carlo is not None
            and r["vendor"] in result.monte_carlo.rank_acceptability],
        "project_title": localize(view.project.name, lang),
        "unanswered": unanswered(view, result, names),
        "exchange_rates": exchange_rates(result) if sees_prices else [],
    }


def verdict_facts(result: Evaluation, said: Verdict) -> dict[str, Any]:
    """The summary line's facts for the template, which words each code
    (:func:`crmselect.scoring.verdict.verdict`, as ``crmselect score`` says it): the leader
    and its total, and for a close call the runner-up, its total and the lead, or the worth
    of the open disagreements."""
    facts: dict[str, Any] = {"code": said.code,
                             "names": [result.vendors[v].name for v in said.first]}
    if said.first:
        top = result.vendors[said.first[0]]
        facts.update(name=top.name, total=top.total)
    if said.warning is not None:
        runner_up = result.vendors[said.warning.params["runner_up"]]
        lead = shown_lead(facts["total"], runner_up.total)
        facts.update(
            runner_up=runner_up.name, runner_up_total=runner_up.total,
            lead=core_text(msg("scoring_lead_under_tenth")) if lead < SHOWN_LEAD_POINTS
            else fixed(lead, 1),
            swing=said.warning.params.get("swing"))
    return facts


def unanswered(view: ProjectView, result: Evaluation, names: dict[str, str]
               ) -> list[dict[str, Any]]:
    """Per vendor, the requirements its response leaves blank (all, when it sent none), as in
    the comparison report."""
    lang = language()
    vendors = view.loaded.vendors
    out = []
    for entry in result.ranking:
        blank = result.unanswered.get(entry.vendor, [])
        if not blank:
            continue
        vendor = vendors.get(entry.vendor)
        out.append({
            "vendor": names.get(entry.vendor, entry.vendor),
            "responded": bool(vendor and (vendor.responded or vendor.desk_research)),
            "requirements": [{"id": rid, "title": target_label(view, rid, lang)[1],
                              "priority": view.loaded.requirements[rid].priority
                              if rid in view.loaded.requirements else None}
                             for rid in blank],
        })
    return out


def exchange_rates(result: Evaluation) -> list[dict[str, Any]]:
    """The rates that converted foreign-currency bids (project currency per unit), one per
    horizon year, per currency: the same table as the comparison report's."""
    rates = {fx.currency: list(fx.rates) for fx in result.fx_sensitivity}
    for tco in result.tco.values():
        if tco.source_currency and tco.source_currency != result.currency and tco.rates:
            rates.setdefault(tco.source_currency, list(tco.rates))
    return [{"currency": c, "rates": r, "constant": len(set(r)) == 1}
            for c, r in sorted(rates.items())]


def marked_scores(view: ProjectView, file: ScoresFile) -> list[dict[str, Any]]:
    """Scores that carry a mark (changed after the reveal, given despite a declared interest),
    for the list on the results page."""
    lang = language()
    vendors = view.loaded.vendors
    found = []
    for rec in file.scores:
        if not rec.flags:
            continue
        person = view.evaluators.get(rec.evaluator)
        found.append({
            "evaluator": person.name if person else rec.evaluator,
            "vendor": vendors[rec.vendor].name if rec.vendor in vendors else rec.vendor,
            "target": rec.target, "title": target_label(view, rec.target, lang)[1],
            "score": rec.score, "flags": rec.flags,
        })
    return found


def drill_down(view: ProjectView, result: Evaluation, file: ScoresFile, revealed: bool,
               sees_prices: bool) -> list[dict[str, Any]]:
    """Each criterion with areas → its areas → groups → requirements: every vendor's score at
    each level, and at the requirements each evaluator's score (after the reveal only)."""
    lang = language()
    area_names, group_names = view.area_names(lang), view.group_names(lang)
    vendors = [e.vendor for e in result.ranking]
    opinions: dict[tuple[str, str], list[dict[str, Any]]] = {}
    if revealed:
        for rec in file.scores:
            person = view.evaluators.get(rec.evaluator)
            opinions.setdefault((rec.vendor, rec.target), []).append({
                "name": person.name if person else rec.evaluator, "score": rec.score,
                "note": rec.note, "flags": rec.flags or [],
            })
    tree: dict[str, dict[str, Any]] = {}
    for vid in vendors:
        for crit in result.vendors[vid].criteria:
            if not crit.areas or (crit.criterion == "cost" and not sees_prices):
                continue
            c = tree.setdefault(crit.criterion, {"id": crit.criterion, "scores": {},
                                                 "areas": {}})
            c["scores"][vid] = crit.score
            for area in crit.areas:
                a = c["areas"].setdefault(area.area, {
                    "id": area.area, "name": area_names.get(area.area, area.area),
                    "scores": {}, "groups": {}})
                a["scores"][vid] = area.score
                for group in area.groups:
                    g = a["groups"].setdefault(group.group, {
                        "id": group.group, "name": group_names.get(group.group, group.group),
                        "scores": {}, "requirements": {}})
                    g["scores"][vid] = group.score
                    for req in group.requirements:
                        r = g["requirements"].setdefault(req.requirement, {
                            "id": req.requirement,
                            "title": target_label(view, req.requirement, lang)[1],
                            "cells": {}})
                        r["cells"][vid] = {
                            "score": req.score, "source": req.source,
                            "opinions": opinions.get((vid, req.requirement), []),
                        }
    out = []
    for c in tree.values():
        areas = []
        for a in c["areas"].values():
            groups = [{**g, "requirements": list(g["requirements"].values())}
                      for g in a["groups"].values()]
            areas.append({**a, "groups": groups})
        out.append({**c, "areas": areas})
    return out
