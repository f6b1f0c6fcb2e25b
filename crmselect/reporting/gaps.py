"""The gap list of the comparison report: per vendor, the must and should requirements
scored below "meets", with the remediation the vendor's response offers.

A requirement *meets* the need at :data:`MEETS` on the 0–5 scale ("adequately met": works with
configuration or an add-on) or at the knock-out threshold if that is higher.
"""

from __future__ import annotations

from typing import Any

from crmselect.project import LoadedProject
from crmselect.scoring.results import Evaluation, RequirementScore

#: The score at which a requirement is met ("adequately met" on the 0–5 scale).
MEETS = 3.0


def scored_requirements(ev: Evaluation, vid: str) -> list[RequirementScore]:
    """Every requirement score of one vendor, in the order of the weight tree."""
    return [rs for c in ev.vendors[vid].criteria for a in c.areas for g in a.groups
            for rs in g.requirements]


def meets_threshold(lp: LoadedProject) -> float:
    """The score at which a requirement counts as met (see the module's rules)."""
    return max(MEETS, float(lp.project.scoring.knockout_threshold))


def gaps(lp: LoadedProject, ev: Evaluation) -> list[dict[str, Any]]:
    """Per vendor (in ranking order), the must and should requirements scored below
    :func:`meets_threshold`, with the declared compliance and the remediation the response
    gives (custom effort and its price, third-party product and its yearly cost, roadmap date).
    Vendors without a gap are listed with an empty list."""
    meets = meets_threshold(lp)
    risks = {(r.vendor, r.requirement): r for r in ev.risks}
    out = []
    for entry in ev.ranking:
        vid = entry.vendor
        rows = []
        for rs in scored_requirements(ev, vid):
            if rs.priority not in ("must", "should") or rs.score >= meets:
                continue
            risk = risks.get((vid, rs.requirement))
            resp = lp.vendors[vid].responses.get(rs.requirement)
            rows.append({
                "requirement": rs.requirement, "priority": rs.priority, "score": rs.score,
                "source": rs.source, "declared": rs.declared,
                "effort_days": resp.custom_effort_days if resp else 0,
                "cost": risk.cost if risk and risk.kind in ("upgrade", "third_party") else None,
                "cost_per_year": risk.cost_per_year if risk and risk.kind == "third_party"
                else None,
                "promised_date": resp.roadmap_date if resp else None,
            })
        rows.sort(key=lambda r: (r["priority"] != "must", r["score"], r["requirement"]))
        out.append({"vendor": vid, "meets": meets, "gaps": rows})
    return out
