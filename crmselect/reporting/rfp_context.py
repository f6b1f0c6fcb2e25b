"""The plain dict the RFP templates receive (Word builder and ``rfp.md.j2`` alike).

Texts from the catalog and the project are resolved to the document language here; codes
(priority, compliance, pattern, criterion) stay codes, which the renderers label from the
document strings; dates and numbers stay raw so both renderers format them identically.

Why one context for both renderers: the Word and Markdown versions of the RFP must say the
same thing, so they must be fed the same data.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from crmselect.model import (
    COMPLIANCE_LEVELS,
    FUNCTIONAL_AREAS,
    PRIORITIES,
    TOP_CRITERIA,
    Kpi,
    localize,
)
from crmselect.project import LoadedProject, ProjectRequirement
from crmselect.reporting.traceability import traceability

#: Timeline milestones in the order they happen.
MILESTONES = ("rfp_issued", "questions_due", "responses_due", "test_drives_start",
              "test_drives_end", "decision", "contract", "kickoff", "go_live")
#: One-off cost components of a bid (fields of :class:`crmselect.model.Pricing`).
ONE_OFF_COSTS = ("implementation", "data_migration", "integration", "training", "consulting")
#: Yearly cost components besides the licences.
YEARLY_COSTS = ("support_per_year", "hosting_per_year", "third_party_per_year",
                "custom_development")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _requirement(pr: ProjectRequirement, lang: str, note: str = "") -> dict[str, Any]:
    req = pr.requirement
    integration = req.integration
    return {
        "id": req.id,
        "title": localize(req.title, lang),
        "description": localize(req.description, lang),
        "priority": pr.priority,
        "acceptance": [localize(c, lang) for c in req.acceptance_criteria],
        "custom": pr.custom,
        "note": note,
        "phases": list(req.phases),
        "integration": {
            "category": integration.category,
            "example_systems": [localize(x, lang) for x in integration.example_systems],
            "pattern": list(integration.pattern),
            "direction": integration.direction,
        } if integration else None,
    }


def _areas(lp: LoadedProject, lang: str) -> list[dict[str, Any]]:
    """Areas → groups → requirements, in catalog order, only where something is selected."""
    notes = {r.id: localize(r.note, lang) for r in lp.project.requirements}
    by_group: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for pr in lp.requirements.values():
        by_group.setdefault((pr.area, pr.group), []).append(
            _requirement(pr, lang, notes.get(pr.id, "")))
    areas = []
    for area in lp.catalog.areas:
        groups = []
        for group in area.groups:
            reqs = by_group.get((area.id, group.id))
            if not reqs:
                continue
            groups.append({
                "id": group.id,
                "name": group.name.get(lang),
                "problem": group.problem.get(lang),
                "requirements": reqs,
                "count": len(reqs),
                "must": sum(1 for r in reqs if r["priority"] == "must"),
            })
        if groups:
            areas.append({
                "id": area.id,
                "name": area.name.get(lang),
                "description": area.description.get(lang),
                "groups": groups,
                "count": sum(g["count"] for g in groups),
            })
    return areas


def names_match(a: str, b: str) -> bool:
    """True when one product name contains the other as whole words ("Logo" in "Logo Tiger 3")."""
    a, b = a.casefold(), b.casefold()
    return bool(re.search(rf"(?<!\w){re.escape(a)}(?!\w)", b)
                or re.search(rf"(?<!\w){re.escape(b)}(?!\w)", a))


#: Categories of current systems (as projects name them) → the integration categories of the
#: catalog they also serve: Microsoft 365 filed under ``email_calendar`` is the system of the
#: ``email`` and the ``calendar`` integration.
RELATED_CATEGORIES = {
    "email_calendar": {"email", "calendar"},
    "call_centre": {"contact_centre", "telephony"},
    "helpdesk": {"help_desk"},
    "erp": {"accounting"},
    "accounting": {"erp"},
}


def systems_in_use(lp: LoadedProject, category: str, example_systems: list[str],
                   lang: str | None = None) -> list[str]:
    """The organisation's systems (those the CRM does not replace) an integration connects:
    of the same or a related category, or named among its example systems."""
    lang = lang or lp.language
    return [localize(system.name, lang) for system in lp.project.organisation.current_systems
            if not system.replace and (
                category == system.category
                or category in RELATED_CATEGORIES.get(system.category, ())
                or any(names_match(localize(system.name, "en"), x) for x in example_systems))]


def _integrations(lp: LoadedProject, areas: list[dict[str, Any]],
                  lang: str) -> list[dict[str, Any]]:
    """Integration needs, of any area, with the organisation's systems they connect."""
    needs = []
    for area in areas:
        for group in area["groups"]:
            for req in group["requirements"]:
                need = req["integration"]
                if need is None:
                    continue
                needs.append({
                    "id": req["id"], "title": req["title"], "priority": req["priority"],
                    "category": need["category"],
                    "systems_in_use": systems_in_use(lp, need["category"],
                                                     need["example_systems"], lang),
                    "example_systems": need["example_systems"], "pattern": need["pattern"],
                    "direction": need["direction"],
                })
    return needs


def _scenarios(lp: LoadedProject, lang: str) -> list[dict[str, Any]]:
    """The test-drive scenarios; the requirements they show are only those of this RFP (a
    library scenario also names catalog requirements the project did not select, which a
    vendor could not look up here)."""

    def selected(ids: list[str]) -> list[str]:
        return [rid for rid in ids if rid in lp.requirements]

    scenarios = []
    for scenario in lp.scenarios.values():
        scenarios.append({
            "id": scenario.id,
            "title": localize(scenario.title, lang),
            "objective": localize(scenario.objective, lang),
            "duration_minutes": scenario.duration_minutes,
            "data": localize(scenario.data, lang),
            "expected_outcome": localize(scenario.expected_outcome, lang),
            "requirements": selected(list(scenario.requirements)),
            "steps": [
                {"number": n, "action": localize(step.action, lang),
                 "expected": localize(step.expected, lang),
                 "requirements": selected(list(step.requirements))}
                for n, step in enumerate(scenario.steps, start=1)
            ],
        })
    return scenarios


def _pricing(lp: LoadedProject) -> dict[str, Any]:
    project = lp.project
    licences: dict[str, dict[str, Any]] = {}
    for group in project.users:
        entry = licences.setdefault(group.licence, {"licence": group.licence, "users": 0,
                                                    "roles": []})
        entry["users"] += group.count
        entry["roles"].append(group.role)
    return {
        "currency": project.currency,
        "horizon_years": project.tco.horizon_years,
        "years": list(range(1, project.tco.horizon_years + 1)),
        "licences": list(licences.values()),
        "one_off": list(ONE_OFF_COSTS),
        "yearly": list(YEARLY_COSTS),
    }


def _evaluation(lp: LoadedProject) -> dict[str, Any]:
    project = lp.project
    raw: Mapping[str, float] = project.weights.criteria
    if "criteria" in project.weights.ahp:  # the AHP matrix's weights, as the scores use them
        from crmselect.scoring.weights import chosen_criteria  # (numpy: only when needed)

        raw = chosen_criteria(lp)
    total = sum(raw.get(c, 0) for c in TOP_CRITERIA)
    show = project.evaluation.show_weights_in_rfp
    # Withheld weights are left out of the context, so no template can print them by mistake.
    criteria = [
        {"id": c, "weight": (raw.get(c, 0) / total) if total and show else None}
        for c in TOP_CRITERIA if raw.get(c, 0) > 0 or not raw
    ]
    return {
        "show_weights": show,
        "weights_by_ahp": "criteria" in project.weights.ahp,
        "criteria": criteria,
        "knockout_threshold": project.scoring.knockout_threshold,
        "compliance_scores": [
            {"level": c, "score": project.scoring.compliance_scores.get(c, 0)}
            for c in COMPLIANCE_LEVELS
        ],
        "unverified_discount": project.scoring.unverified_discount,
        "horizon_years": project.tco.horizon_years,
        "discount_rate_pct": project.tco.discount_rate_pct,
        "two_envelopes": project.evaluation.two_envelopes,
        "demo_minutes_per_vendor": project.evaluation.demo_minutes_per_vendor,
    }


#: The payment plan when the project names none: four instalments of the one-off costs
#: (labelled in the document strings, ``contract.default_plan``).
DEFAULT_PAYMENT_PLAN = (20, 30, 30, 20)


def _volumes(lp: LoadedProject) -> dict[str, Any]:
    """Records per entity and transactions per month, as (slug, count) in the project's order;
    then the record counts ``migrated_entities`` gives for entities ``volumes.records`` does
    not list.

    Why: the vendors size the data migration from this table; 6,400 quotes to migrate from
    Excel, given only in ``migrated_entities``, were in the migration plan and not in the RFP.
    """
    org = lp.project.organisation
    records = dict(org.volumes.records)
    for item in org.migrated_entities:
        if not isinstance(item, str) and item.records is not None:
            records.setdefault(item.entity, item.records)
    return {"records": [{"entity": k, "count": n} for k, n in records.items()],
            "per_month": [{"entity": k, "count": n}
                          for k, n in org.volumes.per_month.items()]}


def _rfp(lp: LoadedProject, lang: str) -> dict[str, Any]:
    """The RFP's logistics and contract facts, defaults filled in (see :class:`Rfp`)."""
    project = lp.project
    rfp = project.rfp
    contact = project.organisation.contact
    email = rfp.submission_email or (contact.email if contact else "")
    # one rate for the horizon, or one per year (shown "37.50 / 41.00 / …")
    rates = [{"code": code, "rates": list(rate) if isinstance(rate, list) else [rate]}
             for code, rate in project.exchange_rates.items()]
    return {
        "submission_email": email,
        "submission_address": localize(rfp.submission_address, lang),
        "intent_to_bid_due": rfp.intent_to_bid_due,
        "deadline_time": rfp.deadline_time,
        "validity_days": rfp.validity_days,
        "price_lock_years": rfp.price_lock_years or project.tco.horizon_years,
        "delay_penalty_pct_per_week": rfp.delay_penalty_pct_per_week,
        "penalty_cap_pct": rfp.penalty_cap_pct,
        # None: the default plan, whose milestone names are document strings
        "payment_plan": [{"milestone": localize(m.milestone, lang), "percent": m.percent}
                         for m in rfp.payment_plan] or None,
        "default_payment_plan": list(DEFAULT_PAYMENT_PLAN),
        "optional_prices": list(rfp.optional_prices),
        "sla": rfp.sla.model_dump(),
        "exchange_rates": rates,
        "two_envelopes": project.evaluation.two_envelopes,
    }


def kpi_formula_text(kpi: Kpi, lang: str) -> str:
    """The formula with its input names replaced by their labels, ``*`` written as ``×``."""
    labels = {i.name: i.label.get(lang) for i in kpi.inputs}
    text = _NAME.sub(lambda m: labels.get(m.group(0), m.group(0)), kpi.formula)
    return text.replace("*", "×")


def _kpis(lp: LoadedProject, lang: str) -> list[dict[str, Any]]:
    wanted = list(lp.project.kpis)
    if not wanted:  # the KPIs named by the selected requirements, in catalog order
        named = {k for pr in lp.requirements.values() for k in pr.requirement.kpis}
        wanted = [k for k in lp.catalog.kpis if k in named]
    kpis = []
    for kid in wanted:
        kpi = lp.catalog.kpis.get(kid)
        if kpi is None:
            continue
        kpis.append({
            "id": kpi.id, "name": kpi.name.get(lang), "description": kpi.description.get(lang),
            "formula": kpi.formula, "formula_text": kpi_formula_text(kpi, lang),
            "unit": kpi.unit, "direction": kpi.direction,
            "inputs": [{"name": i.name, "label": i.label.get(lang)} for i in kpi.inputs],
        })
    return kpis


def country_name(country: str, lang: str) -> str:
    """The country's name in ``lang`` for a two-letter code ("TR" → "Türkiye"); other text as is."""
    code = country.strip().upper()
    if len(code) == 2 and code.isalpha():
        from babel import Locale

        return Locale.parse(lang).territories.get(code, country)
    return country


def build_rfp_context(lp: LoadedProject, lang: str | None = None,
                      today: dt.date | None = None,
                      proposals: Mapping[str, Mapping[str, str]] | None = None) -> dict[str, Any]:
    """Everything the RFP says, as plain data in ``lang`` (the project language by default).

    ``proposals`` (requirement → stakeholder → priority, from the needs workshop) fill the
    traceability table; without them it is empty."""
    lang = lang or lp.language
    project = lp.project
    org = project.organisation
    areas = _areas(lp, lang)
    functional = [a for a in areas if a["id"] in FUNCTIONAL_AREAS]
    integration = [a for a in areas if a["id"] == "integration"]
    non_functional = [a for a in areas if a["id"] == "non_functional"]
    timeline = project.timeline
    contact = org.contact
    users = [
        {"role": u.role, "count": u.count, "licence": u.licence, "department": u.department or ""}
        for u in project.users
    ]
    requirements = [r for a in areas for g in a["groups"] for r in g["requirements"]]
    return {
        "lang": lang,
        "generated": today or dt.date.today(),
        "project": {"name": localize(project.name, lang), "currency": project.currency},
        "organisation": {
            "name": org.name,
            "industry": localize(org.industry, lang),
            "country": country_name(org.country, lang),
            "employees": org.employees,
            "description": localize(org.description, lang),
        },
        "contact": {"name": contact.name, "email": contact.email, "phone": contact.phone}
        if contact else None,
        "objectives": [localize(o, lang) for o in project.objectives],
        "problems": [
            {"area": a["name"], "group": g["name"], "problem": g["problem"], "count": g["count"],
             "must": g["must"]}
            for a in areas for g in a["groups"]
        ],
        "scope": {
            "users": users,
            "total_users": sum(u.count for u in project.users),
            "departments": list(org.departments),
            "channels": list(org.channels),
            "current_systems": [
                {"name": localize(s.name, lang), "category": s.category, "replace": s.replace}
                for s in org.current_systems
            ],
            "migrated_entities": org.migrated_entity_slugs,
        },
        "timeline": [
            {"key": key, "date": getattr(timeline, key)}
            for key in MILESTONES if getattr(timeline, key) is not None
        ],
        "issued": timeline.rfp_issued,
        "questions_due": timeline.questions_due,
        "responses_due": timeline.responses_due,
        "compliance_levels": list(COMPLIANCE_LEVELS),
        "priorities": [p for p in PRIORITIES if any(r["priority"] == p for r in requirements)],
        "functional_areas": functional,
        "integration_areas": integration,
        "non_functional_areas": non_functional,
        "integrations": _integrations(lp, areas, lang),
        "scenarios": _scenarios(lp, lang),
        "pricing": _pricing(lp),
        "evaluation": _evaluation(lp),
        "kpis": _kpis(lp, lang),
        "volumes": _volumes(lp),
        "rfp": _rfp(lp, lang),
        "traceability": traceability(lp, proposals or {}, lang),
        "counts": {
            "requirements": len(requirements),
            "must": sum(1 for r in requirements if r["priority"] == "must"),
            "groups": sum(len(a["groups"]) for a in areas),
            "scenarios": len(lp.scenarios),
        },
    }
