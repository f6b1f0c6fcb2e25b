"""The summary of a loaded project that ``crmselect validate`` prints (and the web shows)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from crmselect.errors import msg
from crmselect.model import localize
from crmselect.project import LoadedProject
from crmselect.scorerules import is_scorer


def _evaluators(lp: LoadedProject) -> int:
    """The people who score the vendors: the evaluators, and the facilitators when the project
    says they score (``evaluation.facilitator_scores``, or a facilitator naming areas). The same
    count before and after scores.yaml exists: it once counted everyone but observers before
    anybody scored (4 with the facilitator) and who had scored after (3)."""
    return sum(1 for e in lp.project.evaluators if is_scorer(e, lp.project))


def project_summary(lp: LoadedProject, lang: str) -> dict[str, Any]:
    """Counts and facts about a project. Each label is a message (a code, English in
    crmselect/i18n/source.py, Turkish in the .po) that the edge renders; the table headers are
    messages whose text lists the columns separated by ``|``. ``lang`` picks the project
    name's language."""
    project = lp.project
    per_group: Counter[tuple[str, str]] = Counter()
    musts: Counter[tuple[str, str]] = Counter()
    for req in lp.requirements.values():
        per_group[(req.area, req.group)] += 1
        musts[(req.area, req.group)] += req.priority == "must"
    users = sum(u.count for u in project.users)
    # the fields read in their order: model_dump() would build Timeline's serializer (1–2 ms)
    dates = project.timeline
    timeline = {k: v.isoformat() for k in type(dates).model_fields if (v := getattr(dates, k))}
    vendors = []
    for vendor in lp.vendors.values():
        answered = sum(1 for r in lp.requirements if r in vendor.responses)
        source = msg("summary_response_file" if vendor.response_file else "summary_no_response")
        pricing = vendor.pricing
        vendors.append({
            "id": vendor.id, "name": vendor.name,
            "responses": msg("summary_responses", answered=answered,
                             total=len(lp.requirements), source=source),
            "pricing": f"{pricing.licence_model}, {pricing.currency}" if pricing
            else msg("summary_no_price"),
        })
    return {
        "name": localize(project.name, lang),
        "counts": {
            "requirements": len(lp.requirements),
            "must": sum(musts.values()),
            "custom": sum(1 for r in lp.requirements.values() if r.custom),
            "vendors": len(lp.vendors),
            "scenarios": len(lp.scenarios),
            "evaluators": _evaluators(lp),
            "scores": len(lp.scores.scores),
        },
        "facts": [
            (msg("summary_project"), localize(project.name, lang)),
            (msg("summary_organisation"), project.organisation.name),
            (msg("summary_language"), project.language),
            (msg("summary_currency"), project.currency),
            (msg("summary_users"), users),
            (msg("summary_horizon"), msg("summary_years", years=project.tco.horizon_years)),
            *([(msg("summary_timeline"), ", ".join(f"{k} {v}" for k, v in timeline.items()))]
              if timeline else []),
        ],
        "groups": [
            {"area": a, "group": g, "count": n, "must": musts[(a, g)]}
            for (a, g), n in per_group.items()
        ],
        "vendors": vendors,
        "headers": {"groups": msg("summary_group_headers"),
                    "vendors": msg("summary_vendor_headers")},
    }
