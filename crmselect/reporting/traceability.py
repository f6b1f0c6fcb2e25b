"""The RFP's traceability table: business problem → requirement → who asked for it.

"Who asked" comes from the needs workshop (issue 14, point 7): the departments whose
stakeholder proposed the requirement as a must or a should. A requirement nobody asked for is
not listed; without a workshop the table is empty and the RFP leaves it out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from crmselect.project import LoadedProject

#: The proposals that count as asking for a requirement.
ASKING = ("must", "should")


def traceability(lp: LoadedProject, proposals: Mapping[str, Mapping[str, str]],
                 lang: str) -> list[dict[str, Any]]:
    """One row per requirement some department asked for, in catalog order: the group's
    business problem, the requirement, the departments (or, without one, the people) who
    asked, and the priority the RFP gives it."""
    people = {p.id: p for p in lp.project.evaluators if p.role == "stakeholder"}
    groups = {g.id: g for a in lp.catalog.areas for g in a.groups}
    rows = []
    for rid, req in lp.requirements.items():
        asked = sorted({people[sid].department or people[sid].name
                        for sid, priority in proposals.get(rid, {}).items()
                        if sid in people and priority in ASKING})
        if not asked:
            continue
        group = groups.get(req.group)
        title = req.requirement.title
        rows.append({
            "problem": group.problem.get(lang) if group else "",
            "group": group.name.get(lang) if group else req.group,
            "id": rid, "title": title if isinstance(title, str) else title.get(lang),
            "priority": req.priority, "asked_by": asked,
        })
    return rows
