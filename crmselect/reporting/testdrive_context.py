"""The plain dict the test-drive plan is rendered from (Word builder and ``testdrive.md.j2``).

The plan makes the demo follow the buyer's script, not the vendor's: a session per vendor in
the test-drive window, the same agenda for everyone (introduction, each scenario with a pause
to score it, questions), who attends and scores what, each scenario's script, and a scoring
sheet per scenario with a 0–5 box per step and "shown live / slides / not shown" per linked
requirement.

Scheduling rules (simple and stated in the document): sessions run on working days in the
project's ``test_drives_start``..``test_drives_end`` window; a session of up to three hours
takes a morning (09:30) or an afternoon (13:30) slot, a longer one takes a whole day with a
lunch break; vendors are scheduled in the order of ``project.yaml``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from crmselect.model import Scenario, localize
from crmselect.project import LoadedProject
from crmselect.reporting.workdays import WorkCalendar

#: Minutes for the vendor's introduction and the ground rules at the start of a session.
INTRO_MINUTES = 15
#: Minutes after each scenario for the evaluators to fill in their sheets, in silence.
SCORING_PAUSE_MINUTES = 5
#: Minutes for questions and wrap-up at the end of a session.
QA_MINUTES = 20
MORNING = 9 * 60 + 30
AFTERNOON = 13 * 60 + 30
LUNCH_MINUTES = 60
#: The longest session that fits a half-day slot (09:30–12:30 or 13:30–16:30).
HALF_DAY_MINUTES = 180

def _clock(minutes: int, relative: bool = False, sep: str = ":") -> str:
    """``570`` → ``09:30``; relative (time from the start of a session) → ``9:30``. Turkish
    writes ``09.30`` (TDK): ``sep`` is "." there."""
    return f"{minutes // 60:{'d' if relative else '02d'}}{sep}{minutes % 60:02d}"


def _separator(lang: str) -> str:
    """The hour–minute separator of ``lang``."""
    return "." if lang == "tr" else ":"


def _requirement_title(lp: LoadedProject, rid: str, lang: str) -> tuple[str, bool]:
    """The title of ``rid`` and whether the project selected it."""
    pr = lp.requirements.get(rid)
    if pr is not None:
        return localize(pr.requirement.title, lang), True
    entry = lp.catalog.entries.get(rid)
    return (localize(entry.requirement.title, lang) if entry else rid), False


def _agenda(scenarios: list[Scenario], lang: str) -> list[dict[str, Any]]:
    """The session agenda as minutes from the start: intro, scenarios, questions."""
    items: list[dict[str, Any]] = [{"kind": "intro", "minutes": INTRO_MINUTES}]
    for scenario in scenarios:
        items.append({"kind": "scenario", "scenario": scenario.id,
                      "title": localize(scenario.title, lang),
                      "minutes": scenario.duration_minutes})
        items.append({"kind": "scoring", "scenario": scenario.id,
                      "minutes": SCORING_PAUSE_MINUTES})
    items.append({"kind": "questions", "minutes": QA_MINUTES})
    return items


def _timed(agenda: list[dict[str, Any]], start: int, lunch: bool,
           relative: bool = False, sep: str = ":") -> list[dict[str, Any]]:
    """The agenda with clock times from ``start``; a full-day session gets a lunch break
    after the first item that ends at or after 12:00 (a scenario's scoring pause included)."""
    out = []
    clock = start
    lunch_done = not lunch
    for i, item in enumerate(agenda):
        out.append({**item, "start": _clock(clock, relative, sep),
                    "end": _clock(clock + item["minutes"], relative, sep)})
        clock += item["minutes"]
        follows = agenda[i + 1]["kind"] if i < len(agenda) - 1 else None
        # Lunch never comes between a scenario and the pause in which it is scored.
        if not lunch_done and clock >= 12 * 60 and follows not in (None, "scoring"):
            out.append({"kind": "lunch", "minutes": LUNCH_MINUTES, "start": _clock(clock, sep=sep),
                        "end": _clock(clock + LUNCH_MINUTES, sep=sep)})
            clock += LUNCH_MINUTES
            lunch_done = True
    return out


def _schedule(lp: LoadedProject, vendors: list[str], session: int,
              agenda: list[dict[str, Any]],
              cal: WorkCalendar) -> tuple[list[dict[str, Any]], list[str]]:
    """One session per vendor on the working days of the window (an arife offers only its
    morning, and a full-day session skips it); notes on what did not fit."""
    timeline = lp.project.timeline
    start, end = timeline.test_drives_start, timeline.test_drives_end
    if start and not end:
        end = start + dt.timedelta(days=13)
    full_day = session > HALF_DAY_MINUTES
    slots: list[tuple[dt.date, int]] = []
    if start and end:
        for day in cal.workdays_between(start, end):
            half = cal.half_day(day) is not None
            if full_day and half:
                continue
            slots.append((day, MORNING))
            if not full_day and not half:
                slots.append((day, AFTERNOON))
    sep = _separator(cal.lang)
    timed_day = _timed(agenda, MORNING, lunch=full_day, sep=sep)
    timed_half = {MORNING: _timed(agenda, MORNING, False, sep=sep),
                  AFTERNOON: _timed(agenda, AFTERNOON, False, sep=sep)}
    rows = []
    for i, vid in enumerate(vendors):
        vendor = lp.vendors[vid]
        if i < len(slots):
            day, begin = slots[i]
            times = timed_day if full_day else timed_half[begin]
            rows.append({"vendor": vid, "name": vendor.name, "date": day,
                         "start": times[0]["start"], "end": times[-1]["end"], "agenda": times})
        else:
            rows.append({"vendor": vid, "name": vendor.name, "date": None, "start": "",
                         "end": "", "agenda": []})
    return rows, [r["vendor"] for r in rows if r["date"] is None]


def _participants(lp: LoadedProject, scenario_areas: dict[str, set[str]]) -> list[dict[str, Any]]:
    """Evaluators grouped by department, with the scenarios each one scores."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for person in lp.project.evaluators:
        scores = person.role == "evaluator"
        scenarios = [sid for sid, areas in scenario_areas.items()
                     if scores and (not person.areas or areas & set(person.areas))]
        key = person.department or ""
        groups.setdefault(key, []).append({
            "id": person.id, "name": person.name, "role": person.role,
            "areas": list(person.areas), "scenarios": scenarios,
        })
    return [
        {"department": code, "people": people}
        for code, people in sorted(groups.items(), key=lambda kv: (kv[0] == "", kv[0]))
    ]


def _scenario(lp: LoadedProject, scenario: Scenario, lang: str,
              scorers: list[str]) -> dict[str, Any]:
    def reqs(ids: list[str]) -> list[dict[str, Any]]:
        out = []
        for rid in ids:
            title, selected = _requirement_title(lp, rid, lang)
            out.append({"id": rid, "title": title, "selected": selected})
        return out

    in_steps = {rid for step in scenario.steps for rid in step.requirements}
    marks = _marks(lp, scenario)
    return {
        "id": scenario.id,
        "title": localize(scenario.title, lang),
        "objective": localize(scenario.objective, lang),
        "duration_minutes": scenario.duration_minutes,
        "data": localize(scenario.data, lang),
        "expected_outcome": localize(scenario.expected_outcome, lang),
        "requirements": reqs(list(scenario.requirements)),
        "other_requirements": reqs([r for r in scenario.requirements if r not in in_steps]),
        "scorers": scorers,
        "steps": [
            {"number": n, "action": localize(step.action, lang),
             "expected": localize(step.expected, lang), "requirements": reqs(step.requirements),
             "marks": reqs(marks[n])}
            for n, step in enumerate(scenario.steps, start=1)
        ],
        "other_marks": reqs(marks[0]),
    }


def _marks(lp: LoadedProject, scenario: Scenario) -> dict[int, list[str]]:
    """Step number → the requirements its scoring-sheet row asks to mark (0: the scenario's
    requirements no step shows).

    Only this project's requirements, each once per scenario, at the first step that shows it.
    Why: a requirement shown in two steps gets one test-drive mark (the web form and
    ``scores.yaml`` keep one per scenario), and a catalog requirement the project did not
    select is not scored at all.
    """
    seen: set[str] = set()
    marks: dict[int, list[str]] = {}
    for n, step in enumerate(scenario.steps, start=1):
        marks[n] = [r for r in dict.fromkeys(step.requirements)
                    if r in lp.requirements and r not in seen]
        seen.update(marks[n])
    marks[0] = [r for r in dict.fromkeys(scenario.requirements)
                if r in lp.requirements and r not in seen]
    return marks


def _scenario_areas(lp: LoadedProject, scenario: Scenario) -> set[str]:
    ids = set(scenario.requirements) | {r for s in scenario.steps for r in s.requirements}
    areas = set()
    for rid in ids:
        pr = lp.requirements.get(rid)
        entry = lp.catalog.entries.get(rid)
        if pr is not None:
            areas.add(pr.area)
        elif entry is not None:
            areas.add(entry.area)
    return areas


def build_testdrive_context(lp: LoadedProject, lang: str | None = None,
                            vendors: list[str] | None = None,
                            today: dt.date | None = None) -> dict[str, Any]:
    """Everything the test-drive plan says, as plain data in ``lang``.

    ``vendors`` limits the plan to a short list (default: every vendor of the project).
    Departments stay slugs; the renderers label them in the document language.
    """
    lang = lang or lp.language
    project = lp.project
    vendor_ids = [v for v in (vendors or list(lp.vendors)) if v in lp.vendors]
    scenarios = list(lp.scenarios.values())
    scenario_areas = {s.id: _scenario_areas(lp, s) for s in scenarios}
    participants = _participants(lp, scenario_areas)
    scorers_of: dict[str, list[str]] = {s.id: [] for s in scenarios}
    for group in participants:
        for person in group["people"]:
            for sid in person["scenarios"]:
                scorers_of[sid].append(person["name"])

    agenda = _agenda(scenarios, lang)
    scripted = sum(s.duration_minutes for s in scenarios)
    session = sum(item["minutes"] for item in agenda)
    allotted = project.evaluation.demo_minutes_per_vendor
    cal = WorkCalendar.for_country(project.organisation.country, lang)
    schedule, unscheduled = (_schedule(lp, vendor_ids, session, agenda, cal) if scenarios
                             else ([], []))
    timeline = project.timeline
    window = None
    if timeline.test_drives_start:
        end = timeline.test_drives_end or timeline.test_drives_start + dt.timedelta(days=13)
        window = {"start": timeline.test_drives_start, "end": end,
                  "end_assumed": timeline.test_drives_end is None,
                  "workdays": cal.count_workdays(timeline.test_drives_start, end),
                  # public holidays skipped and arife half days (morning only) in the window
                  "holidays": [{"date": h.date, "name": h.name, "half_day": h.half_day}
                               for h in cal.holidays_between(timeline.test_drives_start, end)]}
    return {
        "lang": lang,
        "generated": today or dt.date.today(),
        "project": {"name": localize(project.name, lang)},
        "organisation": {"name": project.organisation.name},
        "window": window,
        # the arife half days (morning only) are Türkiye's: other calendars have none
        "arife": cal.country in ("TR", "TUR"),
        "session": {
            "intro_minutes": INTRO_MINUTES,
            "scoring_minutes": SCORING_PAUSE_MINUTES,
            "questions_minutes": QA_MINUTES,
            "scenario_minutes": scripted,
            "total_minutes": session if scenarios else 0,
            "allotted_minutes": allotted,
            "over_allotment": bool(allotted and scenarios and session > allotted),
            "full_day": session > HALF_DAY_MINUTES,
            # elapsed time (h:mm) keeps its colon in Turkish too: "0.15" reads as a decimal
            "agenda": _timed(agenda, 0, False, relative=True) if scenarios else [],
        },
        "schedule": schedule,
        "unscheduled": [lp.vendors[v].name for v in unscheduled],
        "vendors": [{"id": v, "name": lp.vendors[v].name} for v in vendor_ids],
        "participants": participants,
        "scenarios": [_scenario(lp, s, lang, scorers_of[s.id]) for s in scenarios],
        "scale": [0, 1, 2, 3, 4, 5],
        "counts": {"scenarios": len(scenarios), "vendors": len(vendor_ids),
                   "steps": sum(len(s.steps) for s in scenarios),
                   "evaluators": sum(1 for e in project.evaluators if e.role == "evaluator")},
        "conflict_of_interest": project.evaluation.conflict_of_interest,
    }
