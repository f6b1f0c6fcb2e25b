"""The plain data of the migration plan: phases, tasks, owners, dates, KPIs and vendor risks.

The phases follow the usual CRM roll-out (project team, planning, data cleaning, data
transfer and integration, training, testing, launch, monitoring and optimisation). The tasks
are made for this project: one cleaning and one transfer-and-reconciliation task per migrated
entity, one task per selected integration requirement (with the systems in use that it
connects), one training per user role, a baseline and a review per KPI, and — when a vendor
is chosen — its custom developments, third-party products and roadmap promises.

Tasks carry a ``kind`` and ``params`` rather than sentences: the renderers word them from the
document strings (``templates/strings/migration.yaml``). Dates are working days between the
project start (kick-off, else contract, else decision) and go-live; every assumption made for a
missing date is listed in ``notes``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from crmselect.errors import CrmselectError, did_you_mean, msg
from crmselect.model import Evaluator, localize
from crmselect.project import LoadedProject, Vendor
from crmselect.reporting.rfp_context import kpi_formula_text, names_match, systems_in_use
from crmselect.reporting.workdays import WorkCalendar

PHASES = ("project_team", "planning", "data_cleaning", "data_transfer", "training", "testing",
          "launch", "monitoring")
#: Where each phase sits in the implementation, as shares of the working days to go-live.
#: Launch and monitoring are placed around go-live instead.
PHASE_SPANS = {
    "project_team": (0.00, 0.06),
    "planning": (0.04, 0.20),
    "data_cleaning": (0.12, 0.50),
    "data_transfer": (0.30, 0.85),
    "training": (0.65, 0.97),
    "testing": (0.60, 0.97),
}
DEFAULT_WEEKS = 24
#: Shortest implementation the plan accepts between start and go-live (working days).
MIN_WORKDAYS = 20
MONITORING_DAYS = 90
HYPERCARE_WORKDAYS = 10
TRAINING_GROUP = 12
#: Which department owns the cleaning of an entity, in order of preference.
ENTITY_DEPARTMENTS = {
    "accounts": ("sales", "finance"), "contacts": ("sales", "marketing"),
    "leads": ("marketing", "sales"), "opportunities": ("sales",), "quotes": ("sales",),
    "orders": ("sales", "finance"), "invoices": ("finance",), "contracts": ("sales", "legal"),
    "cases": ("service", "support"), "installed_base": ("service", "support"),
    "products": ("sales", "finance"), "campaigns": ("marketing",),
    "consents": ("marketing", "legal"), "activities": ("sales",),
}
#: The department a catalog group's KPIs belong to.
GROUP_DEPARTMENTS = {
    "sales_automation": "sales", "mobile_crm": "sales", "marketing_automation": "marketing",
    "social_crm": "marketing", "service_automation": "service",
}
PERSONAL_DATA = frozenset({"contacts", "leads", "consents", "accounts"})


@dataclass
class _Task:
    key: str
    phase: str
    kind: str
    start: dt.date
    end: dt.date
    owner: dict[str, Any] | None
    params: dict[str, Any] = field(default_factory=dict)
    depends: list[str] = field(default_factory=list)
    milestone: bool = False


class _Owners:
    """Who owns what: a person of the department when there is one, else the department."""

    def __init__(self, lp: LoadedProject) -> None:
        people = lp.project.evaluators
        rank = {"evaluator": 0, "facilitator": 1, "observer": 2}
        self.by_department: dict[str, Evaluator] = {}
        for person in sorted(people, key=lambda e: rank[e.role]):
            if person.department and person.department not in self.by_department:
                self.by_department[person.department] = person
        self.facilitator = next((e for e in people if e.role == "facilitator"),
                                people[0] if people else None)
        self.departments = ({u.department for u in lp.project.users if u.department}
                            | set(lp.project.organisation.departments) | set(self.by_department))

    @staticmethod
    def _person(person: Evaluator | None, department: str | None) -> dict[str, Any] | None:
        if person is None and not department:
            return None
        return {"name": person.name if person else "", "email": person.email if person else "",
                "department": department or (person.department if person else None)}

    def lead(self) -> dict[str, Any] | None:
        f = self.facilitator
        return self._person(f, f.department if f else None)

    def it(self) -> dict[str, Any] | None:
        return self.department(("it",))

    def department(self, preferred: tuple[str, ...]) -> dict[str, Any] | None:
        for dep in preferred:
            if dep in self.by_department:
                return self._person(self.by_department[dep], dep)
        for dep in preferred:
            if dep in self.departments:
                return self._person(None, dep)
        return self.lead()


def _window(lp: LoadedProject, vendor: Vendor | None,
            today: dt.date, cal: WorkCalendar) -> tuple[dt.date, dt.date, list[dict[str, Any]]]:
    """Project start and go-live, with notes on every assumption made."""
    t = lp.project.timeline
    notes: list[dict[str, Any]] = []
    weeks = (vendor.implementation_weeks if vendor and vendor.implementation_weeks
             else DEFAULT_WEEKS)
    if t.kickoff:
        start = cal.next_workday(t.kickoff)
        notes.append({"code": "start_kickoff", "params": {"date": start}})
    elif t.contract:
        start = cal.add_workdays(t.contract, 5)
        notes.append({"code": "start_contract", "params": {"date": start, "contract": t.contract}})
    elif t.decision:
        start = cal.add_workdays(t.decision, 15)
        notes.append({"code": "start_decision", "params": {"date": start, "decision": t.decision}})
    elif t.go_live:
        start = cal.next_workday(t.go_live - dt.timedelta(weeks=weeks))
        notes.append({"code": "start_from_go_live", "params": {"date": start, "weeks": weeks}})
    else:
        start = cal.next_workday(today + dt.timedelta(days=(7 - today.weekday()) % 7 or 7))
        notes.append({"code": "start_today", "params": {"date": start}})
    go_live = t.go_live
    if go_live is not None and not cal.is_workday(go_live):
        moved = cal.next_workday(go_live)
        notes.append({"code": "go_live_moved", "params": {
            "requested": go_live, "date": moved,
            "holiday": cal.holiday(go_live) or _babel_dates().format_date(
                go_live, "EEEE", locale=cal.lang)}})
        go_live = moved
    if go_live is not None and cal.count_workdays(start, go_live) <= MIN_WORKDAYS:
        notes.append({"code": "go_live_too_early", "params": {
            "go_live": go_live, "start": start, "weeks": weeks}})
        go_live = None
    if go_live is None:
        go_live = cal.next_workday(start + dt.timedelta(weeks=weeks))
        from_vendor = bool(vendor and vendor.implementation_weeks)
        notes.append({"code": "go_live_assumed", "params": {
            "date": go_live, "weeks": weeks, "vendor": from_vendor}})
    elif vendor and vendor.implementation_weeks:
        planned = cal.count_workdays(start, go_live) / 5
        if planned < vendor.implementation_weeks:
            notes.append({"code": "vendor_needs_longer", "params": {
                "vendor": vendor.name, "weeks": f"{vendor.implementation_weeks:g}",
                "planned": f"{planned:.0f}"}})
    return start, go_live, notes


class _Planner:
    """Lays tasks into phase windows of working days."""

    def __init__(self, start: dt.date, go_live: dt.date, cal: WorkCalendar) -> None:
        self.cal = cal
        self.start = start
        self.go_live = go_live
        self.days = self.cal.count_workdays(start, go_live) - 1  # working days before go-live
        self.tasks: list[_Task] = []
        self.by_key: dict[str, _Task] = {}

    def span(self, phase: str, a: float = 0.0, b: float = 1.0) -> tuple[dt.date, dt.date]:
        """Dates of the share ``a``..``b`` of a phase's window."""
        if phase == "launch":
            lo, hi = self.days - 5, self.days + HYPERCARE_WORKDAYS
        elif phase == "monitoring":
            end = self.cal.count_workdays(
                self.go_live, self.go_live + dt.timedelta(days=MONITORING_DAYS))
            lo, hi = self.days, self.days + end - 1
        else:
            pa, pb = PHASE_SPANS[phase]
            lo, hi = math.floor(pa * self.days), max(math.ceil(pb * self.days) - 1, 0)
        first = lo + math.floor(a * (hi - lo + 1))
        last = max(lo + math.ceil(b * (hi - lo + 1)) - 1, first)
        cal = self.cal
        return cal.add_workdays(self.start, first), cal.add_workdays(self.start, last)

    def add(self, key: str, phase: str, kind: str, owner: dict[str, Any] | None,
            span: tuple[float, float] = (0.0, 1.0), depends: list[str] | None = None,
            dates: tuple[dt.date, dt.date] | None = None, milestone: bool = False,
            **params: Any) -> str:
        depends = [d for d in (depends or []) if d in self.by_key]
        if dates is None:
            # Finish-to-start: a task begins the working day after its last predecessor ends.
            start, end = self.span(phase, *span)
            ready = max((self.by_key[d].end for d in depends), default=None)
            if ready is not None and ready >= start:
                start = self.cal.add_workdays(ready, 1)
                end = max(end, start)
        else:
            start, end = dates
        task = _Task(key, phase, kind, start, end, owner, params, depends, milestone)
        self.tasks.append(task)
        self.by_key[key] = task
        return key


def _integration_systems(lp: LoadedProject, need: Any,
                         vendor: Vendor | None, lang: str) -> dict[str, Any]:
    """The systems in use that an integration requirement connects, and vendor connectors."""
    in_use = systems_in_use(lp, need.category, list(need.example_systems), lang)
    connectors = []
    if vendor is not None:
        connectors = [c for c in vendor.profile.native_integrations
                      if any(names_match(c, system) for system in in_use)]
    return {"systems": in_use, "examples": list(need.example_systems)[:4],
            "pattern": list(need.pattern), "direction": need.direction,
            "connectors": connectors}


def _kpi_department(lp: LoadedProject, kpi_id: str) -> str | None:
    groups = Counter(pr.group for pr in lp.requirements.values()
                     if kpi_id in pr.requirement.kpis)
    if not groups:
        groups = Counter(e.group for e in lp.catalog.entries.values()
                         if kpi_id in e.requirement.kpis)
    for group, _ in groups.most_common():
        if group in GROUP_DEPARTMENTS:
            return GROUP_DEPARTMENTS[group]
    return None


def _kpis(lp: LoadedProject, lang: str) -> list[dict[str, Any]]:
    wanted = list(lp.project.kpis)
    if not wanted:
        named = {k for pr in lp.requirements.values() for k in pr.requirement.kpis}
        wanted = [k for k in lp.catalog.kpis if k in named]
    out = []
    for kid in wanted:
        kpi = lp.catalog.kpis.get(kid)
        if kpi is not None:
            out.append({"id": kpi.id, "name": kpi.name.get(lang),
                        "formula_text": kpi_formula_text(kpi, lang), "unit": kpi.unit,
                        "direction": kpi.direction, "department": _kpi_department(lp, kpi.id)})
    return out


def resolve_vendor(lp: LoadedProject, vendor: str | None) -> Vendor | None:
    """The project's vendor ``vendor`` (None for None); an unknown id is a user error."""
    if vendor is None:
        return None
    if vendor not in lp.vendors:
        hint = did_you_mean(vendor, lp.vendors)
        problem = f"no vendor '{vendor}' in the project"
        raise CrmselectError(msg("with_hint", message=problem, hint=hint) if hint else problem)
    return lp.vendors[vendor]


def build_migration_context(lp: LoadedProject, lang: str | None = None,
                            vendor: str | None = None,
                            today: dt.date | None = None) -> dict[str, Any]:
    """The migration plan of a project as plain data in ``lang``, for ``vendor`` if given."""
    lang = lang or lp.language
    today = today or dt.date.today()
    project = lp.project
    chosen = resolve_vendor(lp, vendor)
    cal = WorkCalendar.for_country(lp.project.organisation.country, lang)
    start, go_live, notes = _window(lp, chosen, today, cal)
    if chosen is not None and chosen.profile.illustrative:
        notes.insert(0, {"code": "illustrative_winner", "params": {"vendor": chosen.name}})
    owners = _Owners(lp)
    plan = _Planner(start, go_live, cal)
    lead, it = owners.lead(), owners.it()
    org = project.organisation
    entities = list(org.migrated_entities)
    user_departments = list(dict.fromkeys(u.department for u in project.users if u.department))
    departments = user_departments or [d for d in org.departments if d != "it"]
    vendor_name = chosen.name if chosen else ""

    # project team
    plan.add("team", "project_team", "form_team", lead, (0, 0.5),
             departments=departments)
    plan.add("kickoff", "project_team", "kickoff", lead, (0.5, 0.6), ["team"],
             milestone=True, vendor=vendor_name)
    plan.add("governance", "project_team", "governance", lead, (0.6, 1), ["team"])
    # planning
    plan.add("plan", "planning", "detailed_plan", lead, (0, 0.5), ["kickoff"])
    workshops = [plan.add(f"workshop:{d}", "planning", "process_workshop",
                          owners.department((d,)), (0.1, 0.8), ["kickoff"], department=d)
                 for d in departments]
    plan.add("inventory", "planning", "data_inventory", it, (0, 0.6), ["kickoff"],
             entities=entities)
    integrations = [pr for pr in lp.requirements.values()
                    if pr.requirement.integration is not None and pr.priority != "wont"]
    if integrations:
        plan.add("integration_design", "planning", "integration_design", it, (0.3, 1),
                 ["inventory"], count=len(integrations))
    kpis = _kpis(lp, lang)
    for kpi in kpis:
        plan.add(f"baseline:{kpi['id']}", "planning", "kpi_baseline",
                 owners.department((kpi["department"],)) if kpi["department"] else lead,
                 (0.4, 1), ["plan"], kpi=kpi["name"])
    # data cleaning
    cleaning = [plan.add(f"clean:{e}", "data_cleaning", "clean_entity",
                         owners.department(ENTITY_DEPARTMENTS.get(e, ())), (0, 1), ["inventory"],
                         entity=e)
                for e in entities]
    if PERSONAL_DATA & set(entities):
        plan.add("consent", "data_cleaning", "consent_check",
                 owners.department(("marketing", "legal")), (0.3, 1), ["inventory"])
    # data transfer and integration
    plan.add("configure", "data_transfer", "configure", it, (0, 0.6), workshops,
             vendor=vendor_name)
    plan.add("mapping", "data_transfer", "field_mapping", it, (0, 0.3), ["inventory"])
    plan.add("trial", "data_transfer", "trial_migration", it, (0.3, 0.5),
             ["mapping", *cleaning])
    transfers = [plan.add(f"transfer:{e}", "data_transfer", "transfer_entity", it, (0.5, 1),
                          ["trial", f"clean:{e}"], entity=e,
                          reviewer=owners.department(ENTITY_DEPARTMENTS.get(e, ())))
                 for e in entities]
    built = []
    for pr in integrations:
        systems = _integration_systems(lp, pr.requirement.integration, chosen, lang)
        built.append(plan.add(f"integration:{pr.id}", "data_transfer", "integration", it,
                              (0.1, 0.9), ["integration_design"], requirement=pr.id,
                              title=localize(pr.requirement.title, lang), **systems))
    risks = _vendor_risks(lp, chosen, lang)
    for risk in risks:
        if risk["type"] == "custom":
            built.append(plan.add(f"custom:{risk['requirement']}", "data_transfer",
                                  "custom_development", it, (0.1, 0.8), ["configure"], **risk))
        elif risk["type"] == "third_party":
            built.append(plan.add(f"third_party:{risk['requirement']}", "data_transfer",
                                  "third_party", it, (0, 0.5), ["plan"], **risk))
    # training
    plan.add("trainers", "training", "train_trainers", lead, (0, 0.3), ["configure"])
    plan.add("materials", "training", "materials", lead, (0, 0.4), ["configure"])
    for group in project.users:
        if group.count == 0:
            continue
        plan.add(f"train:{group.role}", "training", "train_role",
                 owners.department((group.department,)) if group.department else lead,
                 (0.35, 1), ["trainers", "materials"], role=group.role, count=group.count,
                 sessions=math.ceil(group.count / TRAINING_GROUP), licence=group.licence)
    plan.add("admin_training", "training", "admin_training", it, (0.1, 0.5), ["configure"],
             vendor=vendor_name)
    # testing
    if built:
        plan.add("integration_tests", "testing", "integration_tests", it, (0.2, 0.7), built)
    plan.add("data_validation", "testing", "data_validation", lead, (0.5, 1), transfers)
    uat = [plan.add(f"uat:{d}", "testing", "uat", owners.department((d,)), (0.4, 1),
                    ["configure", "trial"], department=d) for d in departments]
    plan.add("security", "testing", "security_checks", it, (0.3, 0.8), ["configure"])
    # launch
    gate = ["data_validation", *uat] + (["integration_tests"] if built else [])
    days_to_live = plan.days
    plan.add("go_no_go", "launch", "go_no_go", lead, depends=gate, milestone=True,
             dates=(cal.add_workdays(start, days_to_live - 3),) * 2)
    plan.add("cutover", "launch", "cutover", it, depends=["go_no_go"],
             dates=(cal.add_workdays(start, days_to_live - 2),
                    cal.add_workdays(start, days_to_live - 1)))
    users = sum(u.count for u in project.users)
    plan.add("go_live", "launch", "go_live", lead, depends=["cutover"], milestone=True,
             dates=(go_live, go_live), users=users)
    plan.add("hypercare", "launch", "hypercare", lead, depends=["go_live"],
             dates=(cal.add_workdays(go_live, 1), cal.add_workdays(go_live, HYPERCARE_WORKDAYS)),
             vendor=vendor_name)
    for system in org.current_systems:
        if system.replace:
            day = cal.add_workdays(go_live, 20)
            name = localize(system.name, lang)
            plan.add(f"retire:{name}", "monitoring", "retire_system", it,
                     depends=["go_live"], dates=(day, day), system=name)
    # monitoring and optimisation
    plan.add("adoption", "monitoring", "adoption", lead, (0, 1), ["go_live"])
    reviews = [cal.add_workdays(go_live, n) for n in (21, 42, 63)]
    for kpi in kpis:
        plan.add(f"review:{kpi['id']}", "monitoring", "kpi_review",
                 owners.department((kpi["department"],)) if kpi["department"] else lead,
                 (0, 1), ["go_live", f"baseline:{kpi['id']}"], kpi=kpi["name"],
                 reviews=reviews)
    plan.add("optimise", "monitoring", "optimisation", lead, (0.6, 1), ["go_live"],
             vendor=vendor_name)
    for risk in risks:
        if risk["type"] == "roadmap" and risk["date"]:
            phase = "monitoring" if risk["date"] >= go_live else "testing"
            plan.add(f"roadmap:{risk['requirement']}", phase, "roadmap_check", lead,
                     depends=["go_live"] if phase == "monitoring" else [],
                     dates=(risk["date"], risk["date"]), **risk)

    return _assemble(lp, lang, plan, notes, chosen, kpis, risks, today, reviews)


def _vendor_risks(lp: LoadedProject, vendor: Vendor | None, lang: str) -> list[dict[str, Any]]:
    """Custom developments, third-party products and roadmap promises of the chosen vendor."""
    if vendor is None:
        return []
    out = []
    for rid, pr in lp.requirements.items():
        resp = vendor.responses.get(rid)
        if resp is None or pr.priority == "wont":
            continue
        base = {"requirement": rid, "title": localize(pr.requirement.title, lang),
                "vendor": vendor.name, "comment": localize(resp.comment, lang)}
        if resp.compliance == "custom":
            out.append({**base, "type": "custom", "days": f"{resp.custom_effort_days:g}"})
        elif resp.compliance == "third_party":
            out.append({**base, "type": "third_party",
                        "product": localize(resp.third_party_product, lang)})
        elif resp.compliance == "roadmap":
            out.append({**base, "type": "roadmap", "date": resp.roadmap_date})
    return out


def _assemble(lp: LoadedProject, lang: str, plan: _Planner, notes: list[dict[str, Any]],
              vendor: Vendor | None, kpis: list[dict[str, Any]], risks: list[dict[str, Any]],
              today: dt.date, reviews: list[dt.date]) -> dict[str, Any]:
    order = {p: i for i, p in enumerate(PHASES)}
    tasks = sorted(plan.tasks, key=lambda t: (order[t.phase], t.start, t.end))
    ids = {t.key: i for i, t in enumerate(tasks, start=1)}
    rows = []
    for t in tasks:
        rows.append({
            "id": ids[t.key], "key": t.key, "phase": t.phase, "kind": t.kind,
            "params": t.params, "owner": t.owner, "start": t.start, "end": t.end,
            "days": plan.cal.count_workdays(t.start, t.end), "milestone": t.milestone,
            "depends": sorted(ids[d] for d in t.depends if d in ids),
        })
    phases = []
    for phase in PHASES:
        members = [r for r in rows if r["phase"] == phase]
        if not members:
            continue
        first, last = min(r["start"] for r in members), max(r["end"] for r in members)
        phases.append({"id": phase, "start": first, "end": last,
                       "days": plan.cal.count_workdays(first, last), "tasks": members})
    project = lp.project
    return {
        "lang": lang,
        "generated": today,
        "project": {"name": localize(project.name, lang)},
        "organisation": {"name": project.organisation.name},
        # public holidays on weekdays the plan skipped, and arife half days it counts as workdays
        "holidays": [{"date": h.date, "name": h.name, "half_day": h.half_day}
                     for h in plan.cal.holidays_between(
                         plan.start, max([plan.go_live, *(t["end"] for t in rows)]))],
        "vendor": {"id": vendor.id, "name": vendor.name,
                   "implementation_weeks": vendor.implementation_weeks} if vendor else None,
        "start": plan.start,
        "go_live": plan.go_live,
        "weeks": round(plan.cal.count_workdays(plan.start, plan.go_live) / 5),
        "notes": notes,
        "phases": phases,
        "tasks": rows,
        "kpis": [{**k, "owner": next((r["owner"] for r in rows
                                      if r["key"] == f"review:{k['id']}"), None),
                  "reviews": reviews} for k in kpis],
        "risks": risks,
        "counts": {"tasks": len(rows), "phases": len(phases),
                   "entities": len(project.organisation.migrated_entities),
                   "users": sum(u.count for u in project.users)},
    }


def _babel_dates():  # noqa: ANN202 — imported when a go-live date moves (Babel is slow to load)
    from babel import dates

    return dates
