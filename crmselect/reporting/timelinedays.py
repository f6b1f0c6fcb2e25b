"""Milestones of ``timeline:`` that fall on a day nobody works: a weekend or a public holiday
of the organisation's country.

Why: the RFP tells the vendors the timeline as written, and a hand-edited ``project.yaml`` may
put the kick-off inside Kurban Bayramı or the response deadline on a Saturday. The plans move
such a day to the next working day; ``crmselect rfp`` and ``build`` say so when they write the
RFP (not ``validate``, which does not load the holiday calendar). A warning, not an error: the
project still validates.
"""

from __future__ import annotations

from crmselect.errors import Issue, msg
from crmselect.project import PROJECT_FILE, LoadedProject
from crmselect.reporting.rfp_context import MILESTONES
from crmselect.reporting.workdays import WorkCalendar
from crmselect.yamlfile import read_document


def timeline_day_issues(lp: LoadedProject, lang: str) -> list[Issue]:
    """One issue per milestone on a weekend or a public holiday (holiday names in ``lang``),
    at its line and column in ``project.yaml``; an arife half day is a working day."""
    timeline = lp.project.timeline
    cal = WorkCalendar.for_country(lp.project.organisation.country, lang)
    off = [(key, day) for key in MILESTONES
           if (day := getattr(timeline, key)) is not None and not cal.is_workday(day)]
    if not off:
        return []
    doc = read_document(lp.root / PROJECT_FILE)  # positions only when there is a warning
    out = []
    for key, day in off:
        holiday = cal.holiday(day)
        message = (msg("timeline_on_holiday", date=day, holiday=holiday,
                       next=cal.next_workday(day)) if holiday else
                   msg("timeline_on_weekend", date=day, next=cal.next_workday(day)))
        out.append(doc.issue(("timeline", key), message))
    return out
