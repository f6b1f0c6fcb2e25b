"""What a project set up in the browser starts from: requirements proposed from the facts
entered about the organisation, a timeline proposed from the go-live date, and scenarios
proposed from the selected requirements.

Why here and not in the web app: the rules are the catalog's (``proposed_by`` on each
requirement) and the arithmetic is the project's; the web pages only show the proposals.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from crmselect.catalog import Catalog
from crmselect.model import Project, ProposalRule, Scenario
from crmselect.reporting.workdays import WorkCalendar

#: Working days from each milestone to the next, the usual pace of a mid-size selection
#: (two weeks for questions, two more for answers, two to prepare the demos, two of demos,
#: two to decide, two to sign, one to kick off, twenty to go live).
USUAL_WORKDAYS: tuple[tuple[str, int], ...] = (
    ("rfp_issued", 0), ("questions_due", 10), ("responses_due", 10),
    ("test_drives_start", 10), ("test_drives_end", 10), ("decision", 10),
    ("contract", 10), ("kickoff", 5), ("go_live", 100),
)


@dataclass(frozen=True)
class Facts:
    """The facts about an organisation that proposal rules look at (codes, lower case)."""

    current_systems: frozenset[str]
    roles: frozenset[str]
    channels: frozenset[str]
    departments: frozenset[str]
    country: str

    @classmethod
    def of(cls, project: Project) -> Facts:
        org = project.organisation
        country = org.country.strip().upper()
        return cls(
            current_systems=frozenset(s.category for s in org.current_systems),
            roles=frozenset(u.role for u in project.users if u.count > 0),
            channels=frozenset(org.channels),
            departments=frozenset(org.departments) | frozenset(
                u.department for u in project.users if u.department),
            country={"TUR": "TR", "TÜRKIYE": "TR", "TÜRKİYE": "TR", "TURKEY": "TR"}.get(
                country, country),
        )


def rule_matches(rule: ProposalRule, facts: Facts) -> bool:
    """Whether every fact the rule names is true of the organisation (an empty rule never
    matches: it would propose the requirement to everyone)."""
    checks = [
        (rule.current_system, facts.current_systems), (rule.role, facts.roles),
        (rule.channel, facts.channels), (rule.department, facts.departments),
    ]
    named = [(value, found) for value, found in checks if value is not None]
    if not named and rule.country is None:
        return False
    if rule.country is not None and rule.country != facts.country:
        return False
    return all(value in found for value, found in named)


def proposed_requirements(project: Project, catalog: Catalog) -> dict[str, list[ProposalRule]]:
    """Catalog requirement id → the rules that propose it for this organisation, in catalog
    order."""
    facts = Facts.of(project)
    found: dict[str, list[ProposalRule]] = {}
    for rid, entry in catalog.entries.items():
        matched = [r for r in entry.requirement.proposed_by if rule_matches(r, facts)]
        if matched:
            found[rid] = matched
    return found


def proposed_timeline(go_live: dt.date, country: str | None) -> dict[str, dt.date]:
    """Milestone → date, counted back from ``go_live`` in working days of the organisation's
    country (its public holidays skipped), each milestone on a working day."""
    calendar = WorkCalendar.for_country(country or None)
    dates: dict[str, dt.date] = {}
    day = calendar.previous_workday(go_live) if not calendar.is_workday(go_live) else go_live
    gaps = dict(USUAL_WORKDAYS)
    for key, _gap in reversed(USUAL_WORKDAYS):
        dates[key] = day
        day = calendar.add_workdays(day, -gaps[key]) if gaps[key] else day
    return {key: dates[key] for key, _gap in USUAL_WORKDAYS}


def proposed_scenarios(selected: set[str], scenarios: dict[str, Scenario],
                       limit: int = 6) -> list[str]:
    """Scenario ids that demonstrate most of the selected requirements, best first (at most
    ``limit``; a scenario showing none of them is never proposed)."""
    ranked = []
    for sid, scenario in scenarios.items():
        linked = set(scenario.requirements) | {
            rid for step in scenario.steps for rid in step.requirements}
        overlap = len(linked & selected)
        if overlap:
            ranked.append((-overlap, sid))
    return [sid for _, sid in sorted(ranked)[:limit]]
