"""The plain data of the migration plan: phases, tasks, owners, dates, KPIs and vendor risks.

The phases follow the usual CRM roll-out (project team, planning, data cleaning, data
transfer and integration, training, testing, launch, monitoring and optimisation). The tasks
are made for this project:

* per migrated entity, its source system (named in ``migrated_entities`` or read from the
  categories of ``current_systems``) and record count (the item's, else ``volumes.records``);
  cleaning and transfer last as long as the counts need;
* a de-duplication with match keys (VKN/TCKN, e-mail, phone) and a data steward's sign-off
  before the trial migration; KVKK tasks (privacy notice, VERBİS, consent evidence, İYS) when
  personal data moves in Türkiye;
* an integration task only for a requirement whose system category the organisation has,
  built in waves (ERP first); a platform capability (a REST API) is set up and checked, any
  other is only verified (:func:`classify_integrations`);
* one training per user role, a baseline and a review per KPI, and — when a vendor is chosen —
  its custom developments, third-party products and roadmap promises, and its TCO as budget.

Every task loads its owner (a person, else a department) and the vendor (a team of two) by a
share of their time (:data:`LOADS`); tasks are levelled so that nobody exceeds full time on
any day, moving go-live when the window is too short. The context also holds the RACI table,
the cut-over runbook with go/no-go criteria, rollback and hypercare, and the Gantt rows.

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
#: How many weeks levelling may move go-live to keep everyone at full time at most.
MAX_LEVELLING_WEEKS = 26
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
#: Where an entity most likely lives today, by the category of a system in use (first match).
ENTITY_SOURCES = {
    "accounts": ("erp", "accounting", "spreadsheet"),
    "contacts": ("spreadsheet", "email_calendar", "email", "erp", "accounting"),
    "leads": ("spreadsheet", "ecommerce", "email_marketing"),
    "opportunities": ("spreadsheet",), "quotes": ("erp", "accounting", "spreadsheet"),
    "orders": ("erp", "accounting", "ecommerce"), "invoices": ("erp", "accounting", "e_invoice"),
    "cases": ("help_desk", "spreadsheet", "telephony", "contact_centre"),
    "products": ("erp", "accounting", "ecommerce"), "installed_base": ("spreadsheet", "erp"),
    "campaigns": ("email_marketing", "spreadsheet"), "consents": ("email_marketing", "spreadsheet"),
    "activities": ("email_calendar", "email", "telephony"),
    "contracts": ("erp", "document_storage", "spreadsheet"),
}
#: Effort scales with the record counts: records one person cleans, and records a transfer
#: moves and reconciles, per working day; a task never takes less than its minimum.
CLEAN_RECORDS_PER_DAY = 500
TRANSFER_RECORDS_PER_DAY = 5000
MIN_CLEAN_DAYS = 3
#: Records whose duplicates the data steward reviews per working day.
DEDUP_RECORDS_PER_DAY = 1000
#: Without a record count: the days a cleaning and a transfer are planned at.
UNKNOWN_CLEAN_DAYS = 10
UNKNOWN_TRANSFER_DAYS = 3
#: Match keys of the de-duplication, per entity.
DEDUP_KEYS = {
    "accounts": ("tax_number", "name_city"), "contacts": ("email", "mobile", "name_account"),
    "leads": ("email", "mobile"),
}
#: The match keys of an organisation outside Türkiye: no VKN/TCKN, no "+90" phone numbers.
DEDUP_KEYS_ABROAD = {
    "accounts": ("company_number", "name_city_abroad"),
    "contacts": ("email", "mobile_abroad", "name_account"), "leads": ("email", "mobile_abroad"),
}
#: Integrations are built in waves, each after the one before: the master data (ERP) first,
#: then the order-to-cash systems, then communication, then marketing, then the rest.
INTEGRATION_WAVES = (
    frozenset({"erp", "accounting", "master_data", "banking", "exchange_rates"}),
    frozenset({"ecommerce", "marketplace", "e_invoice", "payments", "logistics", "e_signature",
               "registered_email", "document_storage"}),
    frozenset({"telephony", "contact_centre", "sms", "email", "calendar", "email_calendar",
               "team_chat", "video_meetings", "help_desk", "identity", "office_addin"}),
    frozenset({"email_marketing", "advertising", "web_analytics", "surveys", "events"}),
)
INTEGRATION_DAYS = {"bidirectional": 10, "inbound": 6, "outbound": 6}
#: Integrations reached through another system in use: in Türkiye, e-invoices (e-Fatura,
#: e-Arşiv) are issued from the ERP or accounting system, so their status comes from it.
REACHED_THROUGH = {"e_invoice": frozenset({"erp", "accounting"})}
#: Capabilities of the CRM platform itself: with no system to connect they are configured and
#: checked, not built.
PLATFORM_CATEGORIES = frozenset({"api", "ipaas", "data_exchange", "identity", "monitoring",
                                 "office_addin", "ai_assistant", "data_warehouse"})
#: Share of the owner's (and of the vendor's) working time a task takes while it runs.
LOADS: dict[str, tuple[float, float]] = {
    "form_team": (0.3, 0.0), "kickoff": (0.5, 0.5), "governance": (0.2, 0.0),
    "detailed_plan": (0.4, 0.3), "process_workshop": (0.3, 0.3), "data_inventory": (0.3, 0.0),
    "integration_design": (0.2, 0.3), "kpi_baseline": (0.1, 0.0), "clean_entity": (0.3, 0.0),
    "deduplicate": (0.3, 0.1), "steward_signoff": (0.2, 0.0), "consent_check": (0.2, 0.0),
    "privacy_notice": (0.2, 0.0), "verbis_update": (0.2, 0.0), "consent_evidence": (0.2, 0.1),
    "iys_check": (0.2, 0.1), "configure": (0.2, 0.5), "field_mapping": (0.3, 0.2),
    "trial_migration": (0.2, 0.4), "transfer_entity": (0.1, 0.2), "integration": (0.2, 0.3),
    "enable_capability": (0.2, 0.2), "verify_integration": (0.2, 0.1),
    "custom_development": (0.0, 0.5), "third_party": (0.2, 0.0), "train_trainers": (0.2, 0.4),
    "materials": (0.3, 0.0), "train_role": (0.3, 0.0), "admin_training": (0.2, 0.2),
    "integration_tests": (0.3, 0.2), "data_validation": (0.2, 0.0), "uat": (0.4, 0.1),
    "security_checks": (0.2, 0.1), "go_no_go": (0.3, 0.2), "cutover": (0.6, 0.6),
    "go_live": (0.3, 0.3), "hypercare": (0.3, 0.4), "retire_system": (0.2, 0.0),
    "adoption": (0.1, 0.0), "kpi_review": (0.05, 0.0), "optimisation": (0.1, 0.1),
    "roadmap_check": (0.1, 0.0),
}
VENDOR = "vendor"
#: People per role: the vendor (or implementation partner) works as a team of two, a
#: consultant and a developer; everyone else is one person, full time at most.
CAPACITY = {VENDOR: 2.0}
#: Working days of the tasks that do not fill their phase window (levelling moves them in it).
DURATIONS = {
    "form_team": 3, "detailed_plan": 8, "process_workshop": 5, "data_inventory": 8,
    "integration_design": 10, "kpi_baseline": 5, "privacy_notice": 5, "verbis_update": 2,
    "deduplicate": 15, "consent_evidence": 10, "consent_check": 10, "field_mapping": 10,
    "trial_migration": 5, "iys_check": 5, "enable_capability": 5, "verify_integration": 3,
    "third_party": 10, "train_trainers": 5, "materials": 10, "admin_training": 3,
    "integration_tests": 8, "data_validation": 5, "uat": 10, "security_checks": 5,
}


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
    load: dict[str, float] = field(default_factory=dict)


class _Owners:
    """Who owns what: a person of the department when there is one, else the department."""

    def __init__(self, lp: LoadedProject) -> None:
        people = lp.project.evaluators
        rank = {"evaluator": 0, "facilitator": 1, "observer": 2, "stakeholder": 3}
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
    if t.kickoff and not cal.is_workday(t.kickoff):
        # Why a note of its own: "starts on the kick-off date, 20 May" under a project.yaml
        # that says 17 May (Kurban Bayramı) reads as a wrong date
        start = cal.next_workday(t.kickoff)
        notes.append({"code": "kickoff_moved", "params": {
            "requested": t.kickoff, "date": start,
            "holiday": cal.holiday(t.kickoff) or _babel_dates().format_date(
                t.kickoff, "EEEE", locale=cal.lang)}})
    elif t.kickoff:
        start = t.kickoff
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


def owner_key(owner: dict[str, Any] | None) -> str | None:
    """Who carries a task's load: the named person, else the department."""
    if not owner:
        return None
    return owner.get("name") or (f"department:{owner['department']}"
                                 if owner.get("department") else None)


class _Planner:
    """Lays tasks into phase windows of working days, levelled so that nobody — a person, a
    department without a named person, or the vendor — works more than full time on any day.

    Days are indices of working days from the start (0); go-live is index ``days``.
    """

    def __init__(self, start: dt.date, go_live: dt.date, cal: WorkCalendar) -> None:
        self.cal = cal
        self.start = start
        self.go_live = go_live
        self.dates = list(cal.workdays_between(
            start, max(go_live, start) + dt.timedelta(days=MONITORING_DAYS + 400)))
        self.index = {d: i for i, d in enumerate(self.dates)}
        self.days = self.index[go_live]  # working days before go-live
        #: The last day a task before the launch may end: the day before go/no-go.
        self.limit = max(self.days - 4, 0)
        self.booked: dict[str, dict[int, float]] = {}
        self.tasks: list[_Task] = []
        self.by_key: dict[str, _Task] = {}

    def date(self, i: int) -> dt.date:
        return self.dates[i] if 0 <= i < len(self.dates) else self.cal.add_workdays(self.start, i)

    def day(self, date: dt.date) -> int:
        if date in self.index:
            return self.index[date]
        if date < self.start:
            return -self.cal.count_workdays(date, self.start - dt.timedelta(days=1))
        return self.cal.count_workdays(self.start, date) - 1

    def span_days(self, phase: str, a: float = 0.0, b: float = 1.0) -> tuple[int, int]:
        """Day indices of the share ``a``..``b`` of a phase's window."""
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
        return first, last

    def span(self, phase: str, a: float = 0.0, b: float = 1.0) -> tuple[dt.date, dt.date]:
        """Dates of the share ``a``..``b`` of a phase's window."""
        first, last = self.span_days(phase, a, b)
        return self.date(first), self.date(last)

    def _loads(self, kind: str, owner: dict[str, Any] | None) -> dict[str, float]:
        own, vendor = LOADS.get(kind, (0.1, 0.0))
        out: dict[str, float] = {}
        key = owner_key(owner)
        if key and own:
            out[key] = own
        if vendor:
            out[VENDOR] = vendor
        return out

    def _peak(self, load: dict[str, float], first: int, last: int) -> float:
        """The highest share of anyone's capacity on a day of ``first``..``last`` with
        ``load`` added."""
        return max((self.booked.get(who, {}).get(i, 0.0) + share) / CAPACITY.get(who, 1.0)
                   for who, share in load.items() for i in range(first, last + 1))

    def _fits(self, load: dict[str, float], first: int, last: int) -> bool:
        return not load or self._peak(load, first, last) <= 1.0 + 1e-9

    def _book(self, load: dict[str, float], first: int, last: int) -> None:
        for who, share in load.items():
            days = self.booked.setdefault(who, {})
            for i in range(first, last + 1):
                days[i] = days.get(i, 0.0) + share

    def _level(self, load: dict[str, float], first: int, length: int,
               limit: int) -> tuple[int, int, dict[str, float]]:
        """The earliest start, up to ``limit``, at which everyone has the time; else the same
        work in fewer days at a higher share (at most full time); else the first day, overloaded
        (the plan then says who is overloaded)."""
        peak = max((share / CAPACITY.get(who, 1.0) for who, share in load.items()),
                   default=0.0)
        for divisor in (1, 4 / 3, 2, 3, 4):
            days = max(1, math.ceil(length / divisor))
            scale = length / days
            if peak * scale > 1.0 + 1e-9 or (divisor > 1 and days == length):
                continue
            scaled = {who: share * scale for who, share in load.items()}
            for candidate in range(first, max(limit - days + 2, first + 1)):
                if self._fits(scaled, candidate, candidate + days - 1):
                    return candidate, candidate + days - 1, scaled
        if not load:
            return first, first + length - 1, load
        best = min(range(first, max(limit - length + 2, first + 1)),
                   key=lambda c: self._peak(load, c, c + length - 1))
        return best, best + length - 1, load

    def add(self, key: str, phase: str, kind: str, owner: dict[str, Any] | None,
            span: tuple[float, float] = (0.0, 1.0), depends: list[str] | None = None,
            dates: tuple[dt.date, dt.date] | None = None, milestone: bool = False,
            duration: int | None = None, **params: Any) -> str:
        """Add a task: in its phase window (``span``), after its predecessors, lasting
        ``duration`` working days (else the window), moved later while its people are full."""
        depends = [d for d in (depends or []) if d in self.by_key]
        load = self._loads(kind, owner)
        if dates is None:
            lo, hi = self.span_days(phase, *span)
            ready = max((self.day(self.by_key[d].end) for d in depends), default=None)
            first = lo if ready is None else max(lo, ready + 1)
            limit = self.limit if phase not in ("launch", "monitoring") else len(self.dates) - 1
            duration = duration or DURATIONS.get(kind)
            if kind == "train_role":
                duration = 2 + 2 * params["sessions"]
            last = max(hi, first) if duration is None else first + max(duration, 1) - 1
            last = max(min(last, limit), first)
            first, last, load = self._level(load, first, last - first + 1, limit)
            start, end = self.date(first), self.date(last)
        else:
            start, end = dates
            first, last = self.day(start), self.day(end)
        self._book(load, first, last)
        task = _Task(key, phase, kind, start, end, owner, params, depends, milestone, load)
        self.tasks.append(task)
        self.by_key[key] = task
        return key

    def weekly_load(self) -> dict[str, dict[dt.date, float]]:
        """Per person (or department, or the vendor), the share of each week's working days
        they are booked (of their capacity), by the Monday of the week."""
        weeks: dict[dt.date, int] = Counter()
        for d in self.dates:
            weeks[d - dt.timedelta(days=d.weekday())] += 1
        out: dict[str, dict[dt.date, float]] = {}
        for who, days in self.booked.items():
            totals: dict[dt.date, float] = {}
            for i, share in days.items():
                d = self.date(i)
                monday = d - dt.timedelta(days=d.weekday())
                totals[monday] = totals.get(monday, 0.0) + share
            capacity = CAPACITY.get(who, 1.0)
            out[who] = {m: v / weeks.get(m, 5) / capacity for m, v in sorted(totals.items())}
        return out


def _integration_systems(lp: LoadedProject, need: Any,
                         vendor: Vendor | None, lang: str) -> dict[str, Any]:
    """The systems in use that an integration requirement connects, and vendor connectors."""
    examples = [localize(x, lang) for x in need.example_systems]
    in_use = systems_in_use(lp, need.category, examples, lang)
    if not in_use and need.category in REACHED_THROUGH:
        in_use = [localize(s.name, lang) for s in lp.project.organisation.current_systems
                  if not s.replace and s.category in REACHED_THROUGH[need.category]]
    connectors = []
    if vendor is not None:
        connectors = [c for c in (localize(x, lang) for x in vendor.profile.native_integrations)
                      if any(names_match(c, system) for system in in_use)]
    return {"systems": in_use, "examples": examples[:4],
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
        problem = msg("project_no_vendor_here", id=vendor)
        raise CrmselectError(msg("with_hint", message=problem, hint=hint) if hint else problem)
    return lp.vendors[vendor]


def _entities(lp: LoadedProject, lang: str) -> list[dict[str, Any]]:
    """Each migrated entity with its record count and its source system (``assumed`` when the
    project names none and it is read from the categories of the systems in use)."""
    org = lp.project.organisation
    systems = list(org.current_systems)
    out = []
    for item in org.migrated_entities:
        slug = item if isinstance(item, str) else item.entity
        named = None if isinstance(item, str) else item.source
        records = None if isinstance(item, str) else item.records
        if records is None:
            records = org.volumes.records.get(slug)
        source, category, assumed, replaced = None, None, False, False
        if named is not None:
            wanted = {localize(named, "en").casefold(), localize(named, "tr").casefold()}
            system = next((x for x in systems
                           if {localize(x.name, "en").casefold(),
                               localize(x.name, "tr").casefold()} & wanted
                           or x.category in wanted), None)
            if system is None:
                source = localize(named, lang)
        else:
            system = next((x for cat in ENTITY_SOURCES.get(slug, ()) for x in systems
                           if x.category == cat), None)
            if system is None:
                system = next((x for x in systems if x.replace), None)
            assumed = system is not None
        if system is not None:
            source, category = localize(system.name, lang), system.category
            replaced = system.replace
        out.append({"entity": slug, "records": records, "source": source,
                    "source_category": category, "source_assumed": assumed,
                    "source_replaced": replaced})
    return out


def _clean_days(records: int | None) -> int:
    if records is None:
        return UNKNOWN_CLEAN_DAYS
    return max(MIN_CLEAN_DAYS, math.ceil(records / CLEAN_RECORDS_PER_DAY))


def _transfer_days(records: int | None) -> int:
    if records is None:
        return UNKNOWN_TRANSFER_DAYS
    return 1 + math.ceil(records / TRANSFER_RECORDS_PER_DAY)


def _wave(category: str) -> int:
    return next((k for k, wave in enumerate(INTEGRATION_WAVES) if category in wave),
                len(INTEGRATION_WAVES))


def classify_integrations(lp: LoadedProject, vendor: Vendor | None,
                          lang: str) -> list[dict[str, Any]]:
    """What each integration requirement becomes in the plan: an ``integration`` to build when
    the organisation has a system of its category, else ``enable_capability`` (a capability of
    the CRM platform to configure and check, such as a REST API) or ``verify_integration`` (no
    such system in use: check the connector in the test environment, build nothing now)."""
    out = []
    for pr in lp.requirements.values():
        need = pr.requirement.integration
        if need is None or pr.priority == "wont":
            continue
        systems = _integration_systems(lp, need, vendor, lang)
        if systems["systems"]:
            kind = "integration"
        elif need.category in PLATFORM_CATEGORIES:
            kind = "enable_capability"
        else:
            kind = "verify_integration"
        out.append({"requirement": pr.id, "title": localize(pr.requirement.title, lang),
                    "category": need.category, "kind": kind, "wave": _wave(need.category),
                    **systems})
    return out


def build_migration_context(lp: LoadedProject, lang: str | None = None,
                            vendor: str | None = None,
                            today: dt.date | None = None) -> dict[str, Any]:
    """The migration plan of a project as plain data in ``lang``, for ``vendor`` if given."""
    lang = lang or lp.language
    today = today or dt.date.today()
    chosen = resolve_vendor(lp, vendor)
    cal = WorkCalendar.for_country(lp.project.organisation.country, lang)
    start, go_live, notes = _window(lp, chosen, today, cal)
    if chosen is not None and chosen.profile.illustrative:
        notes.insert(0, {"code": "illustrative_winner", "params": {"vendor": chosen.name}})
    weak = judged_weak(lp, chosen)
    ctx = _plan(lp, lang, chosen, cal, start, go_live, list(notes), today, weak)
    # Levelling may need more time than the window gives: go-live moves a week at a time
    # until nobody is planned beyond full time (as a project tool's levelling would).
    # When even that does not do, the plan keeps its go-live and names who is overloaded.
    planned = go_live
    first = ctx
    for _ in range(MAX_LEVELLING_WEEKS):
        if not _overloaded(ctx):
            break
        planned = cal.next_workday(planned + dt.timedelta(weeks=1))
        ctx = _plan(lp, lang, chosen, cal, start, planned, list(notes), today, weak)
    if _overloaded(ctx):
        ctx, planned = first, go_live
    if planned != go_live:
        ctx["notes"].append({"code": "go_live_levelled", "params": {
            "requested": go_live, "date": planned,
            "weeks": round(cal.count_workdays(go_live, planned) / 5)}})
    return ctx


def _overloaded(ctx: dict[str, Any]) -> bool:
    return any(n["code"] == "overloaded" for n in ctx["notes"])


def _plan(lp: LoadedProject, lang: str, chosen: Vendor | None, cal: WorkCalendar,
          start: dt.date, go_live: dt.date, notes: list[dict[str, Any]],
          today: dt.date, weak: dict[str, float] | None = None) -> dict[str, Any]:
    """The plan between ``start`` and ``go_live``; ``weak`` as :func:`judged_weak`."""
    project = lp.project
    owners = _Owners(lp)
    plan = _Planner(start, go_live, cal)
    lead, it = owners.lead(), owners.it()
    org = project.organisation
    entity_rows = _entities(lp, lang)
    entities = [e["entity"] for e in entity_rows]
    if entities and all(e["records"] is None for e in entity_rows):
        notes.append({"code": "no_volumes", "params": {}})
    user_departments = list(dict.fromkeys(u.department for u in project.users if u.department))
    departments = user_departments or [d for d in org.departments if d != "it"]
    vendor_name = chosen.name if chosen else ""
    kvkk = (org.country or "TR").strip().upper() == "TR"
    steward = owners.department(("sales", "finance", "marketing"))
    privacy = owners.department(("legal", "marketing"))

    # launch: fixed dates, booked first so that the levelling works around them
    days_to_live = plan.days
    plan.add("go_no_go", "launch", "go_no_go", lead, milestone=True,
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
    links = classify_integrations(lp, chosen, lang)
    real = [x for x in links if x["kind"] == "integration"]
    if real:
        plan.add("integration_design", "planning", "integration_design", it, (0.3, 1),
                 ["inventory"], count=len(real))
    kpis = _kpis(lp, lang)
    for kpi in kpis:
        plan.add(f"baseline:{kpi['id']}", "planning", "kpi_baseline",
                 owners.department((kpi["department"],)) if kpi["department"] else lead,
                 (0.4, 1), ["plan"], kpi=kpi["name"])
    personal = bool(PERSONAL_DATA & set(entities))
    if personal and kvkk:
        plan.add("privacy_notice", "planning", "privacy_notice", privacy, (0.3, 1), ["inventory"],
                 vendor=vendor_name)
        plan.add("verbis", "planning", "verbis_update", privacy, (0.5, 1), ["privacy_notice"])
    # data cleaning
    keys = DEDUP_KEYS if kvkk else DEDUP_KEYS_ABROAD
    dedup = [{"entity": e["entity"], "records": e["records"], "keys": list(keys[e["entity"]])}
             for e in entity_rows if e["entity"] in keys]
    if dedup:
        known = [d["records"] for d in dedup if d["records"] is not None]
        plan.add("dedup", "data_cleaning", "deduplicate", steward, (0, 0.7), ["inventory"],
                 duration=(max(5, math.ceil(sum(known) / DEDUP_RECORDS_PER_DAY)) if known
                           else None),
                 entities=[d["entity"] for d in dedup], steward=steward)
    cleaning = []
    for e in entity_rows:
        slug = e["entity"]
        cleaning.append(plan.add(
            f"clean:{slug}", "data_cleaning", "clean_entity",
            owners.department(ENTITY_DEPARTMENTS.get(slug, ())), (0, 1), ["inventory"],
            duration=_clean_days(e["records"]), entity=slug, records=e["records"],
            source=e["source"]))
    if dedup or cleaning:
        plan.add("signoff", "data_cleaning", "steward_signoff", steward, (0.8, 1),
                 [*cleaning, "dedup"], milestone=True, steward=steward)
    if personal:
        if kvkk:
            plan.add("consent", "data_cleaning", "consent_evidence", privacy, (0.3, 1),
                     ["inventory"])
        else:
            plan.add("consent", "data_cleaning", "consent_check", privacy, (0.3, 1),
                     ["inventory"])
    # data transfer and integration
    plan.add("configure", "data_transfer", "configure", it, (0, 0.6), workshops,
             vendor=vendor_name)
    plan.add("mapping", "data_transfer", "field_mapping", it, (0, 0.3), ["inventory"])
    total_records = sum(e["records"] or 0 for e in entity_rows)
    plan.add("trial", "data_transfer", "trial_migration", it, (0.3, 0.5),
             ["mapping", "signoff" if (dedup or cleaning) else "inventory"],
             duration=(3 + math.ceil(total_records / 10 / TRANSFER_RECORDS_PER_DAY)
                       if total_records else None))
    transfers = [plan.add(f"transfer:{e['entity']}", "data_transfer", "transfer_entity", it,
                          (0.5, 1), ["trial", f"clean:{e['entity']}"],
                          duration=_transfer_days(e["records"]), entity=e["entity"],
                          records=e["records"], source=e["source"],
                          reviewer=owners.department(ENTITY_DEPARTMENTS.get(e["entity"], ())))
                 for e in entity_rows]
    if personal and kvkk:
        plan.add("iys", "data_transfer", "iys_check", privacy, (0.5, 1), ["consent", "trial"])
    built = _integration_tasks(plan, links, it, ["integration_design"])
    for x in links:
        if x["kind"] == "enable_capability":
            built.append(plan.add(f"integration:{x['requirement']}", "data_transfer",
                                  "enable_capability", it, (0.2, 0.7), ["configure"],
                                  **_params(x)))
        elif x["kind"] == "verify_integration":
            plan.add(f"integration:{x['requirement']}", "testing", "verify_integration", it,
                     (0.1, 0.6), ["configure"], **_params(x))
    risks = _vendor_risks(lp, chosen, lang, weak or {})
    for risk in risks:
        if risk["type"] == "custom":
            built.append(plan.add(f"custom:{risk['requirement']}", "data_transfer",
                                  "custom_development", it, (0.1, 0.8), ["configure"],
                                  duration=max(2, math.ceil(risk["effort_days"])), **risk))
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
    gate = ["data_validation", *uat] + (["integration_tests"] if built else [])
    plan.by_key["go_no_go"].depends = [d for d in gate if d in plan.by_key]
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

    ctx = _assemble(lp, lang, plan, notes, chosen, kpis, risks, today, reviews)
    ctx["entities"] = entity_rows
    ctx["dedup"] = {"entities": dedup, "steward": steward}
    ctx["integrations"] = links
    ctx["kvkk"] = personal and kvkk
    ctx["in_turkey"] = kvkk  # Turkish tax numbers, provinces and +90 phones in the guidance
    ctx["load"] = _load_summary(plan)
    ctx["raci"] = _raci(ctx["tasks"], lead, it, departments, vendor_name)
    ctx["cutover"] = _cutover(plan, ctx, departments, lead, it, steward)
    ctx["budget"] = _budget(lp, chosen)
    ctx["gantt"] = _gantt_rows(ctx)
    if any(w["peak"] > 1.0 + 1e-9 for w in ctx["load"]):
        notes.append({"code": "overloaded", "params": {
            "names": [w["who"] for w in ctx["load"] if w["peak"] > 1.0 + 1e-9]}})
    return ctx


def _integration_tasks(plan: _Planner, links: list[dict[str, Any]], it: dict[str, Any] | None,
                       first: list[str]) -> list[str]:
    """One task per integration to build, wave after wave (ERP first): a wave starts when the
    wave before it is built; the waves share the integration window."""
    real = [x for x in links if x["kind"] == "integration"]
    waves = sorted({x["wave"] for x in real})
    lo, hi = plan.span_days("data_transfer", 0.1, 0.9)
    share = max(3, (hi - lo + 1) // max(len(waves), 1))
    built: list[str] = []
    before = first
    for number, wave in enumerate(waves, start=1):
        keys = []
        for x in (y for y in real if y["wave"] == wave):
            days = min(INTEGRATION_DAYS.get(x["direction"], 10), share)
            keys.append(plan.add(f"integration:{x['requirement']}", "data_transfer",
                                 "integration", it, (0.1, 0.9), before, duration=days,
                                 wave_number=number, **_params(x)))
        built += keys
        before = keys
    return built


def _params(link: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in link.items() if k != "kind"}


def _load_summary(plan: _Planner) -> list[dict[str, Any]]:
    """Per person, department or the vendor: the weekly load and its peak."""
    out = []
    departments = {owner_key(t.owner): (t.owner or {}).get("department") for t in plan.tasks}
    for who, weeks in plan.weekly_load().items():
        if not weeks:
            continue
        peak_week = max(weeks, key=lambda m: (weeks[m], -m.toordinal()))
        department = (who.split(":", 1)[1] if who.startswith("department:")
                      else departments.get(who))
        out.append({"who": who, "vendor": who == VENDOR, "department": department,
                    "name": "" if who.startswith("department:") or who == VENDOR else who,
                    "peak": round(weeks[peak_week], 4), "peak_week": peak_week,
                    "weeks": weeks})
    order = {VENDOR: 1}
    return sorted(out, key=lambda w: (order.get(w["who"], 0), -w["peak"], w["who"]))


#: Work streams of the RACI table: the task kinds they gather and who is Responsible,
#: Accountable, Consulted or Informed. ``owners`` are the departments owning the stream's
#: tasks, ``privacy`` the department owning the KVKK tasks; one A per stream.
RACI_STREAMS: tuple[tuple[str, frozenset[str], dict[str, str]], ...] = (
    ("management", frozenset({"form_team", "kickoff", "governance", "detailed_plan", "go_no_go"}),
     {"lead": "R/A", "departments": "C", "it": "C", "vendor": "C"}),
    ("processes", frozenset({"process_workshop", "configure"}),
     {"lead": "A", "departments": "R", "it": "C", "vendor": "R"}),
    ("data_quality", frozenset({"clean_entity", "deduplicate", "steward_signoff"}),
     {"lead": "A", "owners": "R", "departments": "I", "it": "C", "vendor": "I"}),
    ("kvkk", frozenset({"privacy_notice", "verbis_update", "consent_evidence", "iys_check",
                        "consent_check"}),
     {"lead": "A", "privacy": "R", "departments": "I", "it": "C", "vendor": "C"}),
    ("migration", frozenset({"data_inventory", "field_mapping", "trial_migration",
                             "transfer_entity", "data_validation"}),
     {"lead": "I", "departments": "C", "it": "A", "vendor": "R"}),
    ("integrations", frozenset({"integration_design", "integration", "enable_capability",
                                "verify_integration", "integration_tests", "custom_development",
                                "third_party"}),
     {"lead": "I", "departments": "I", "it": "A", "vendor": "R"}),
    ("training", frozenset({"train_trainers", "materials", "train_role", "admin_training"}),
     {"lead": "A", "departments": "R", "it": "C", "vendor": "R"}),
    ("testing", frozenset({"uat", "security_checks"}),
     {"lead": "A", "departments": "R", "it": "C", "vendor": "C"}),
    ("cutover", frozenset({"cutover", "go_live", "retire_system"}),
     {"lead": "A", "departments": "I", "it": "R", "vendor": "R"}),
    ("hypercare", frozenset({"hypercare"}),
     {"lead": "A", "departments": "C", "it": "C", "vendor": "R"}),
    ("adoption", frozenset({"adoption", "kpi_baseline", "kpi_review", "optimisation",
                            "roadmap_check"}),
     {"lead": "A", "departments": "R", "it": "C", "vendor": "I"}),
)


def _raci(tasks: list[dict[str, Any]], lead: dict[str, Any] | None, it: dict[str, Any] | None,
          departments: list[str], vendor: str) -> dict[str, Any]:
    """The RACI table: one row per work stream that has tasks; columns the project lead,
    each business department, IT and the vendor (or implementation partner)."""
    business = [d for d in departments if d != "it"]
    columns: list[dict[str, Any]] = [{"role": "lead", "owner": lead}]
    columns += [{"role": "department", "department": d} for d in business]
    columns += [{"role": "it", "owner": it}, {"role": "vendor", "name": vendor}]
    rows = []
    for stream, kinds, matrix in RACI_STREAMS:
        members = [t for t in tasks if t["kind"] in kinds]
        if not members:
            continue
        owners = {(t["owner"] or {}).get("department") for t in members}
        cells = []
        for col in columns:
            if col["role"] != "department":
                cells.append(matrix.get(col["role"], ""))
                continue
            d = col["department"]
            if "owners" in matrix and d in owners:
                cells.append(matrix["owners"])
            elif "privacy" in matrix and d in owners:
                cells.append(matrix["privacy"])
            else:
                cells.append(matrix.get("departments", ""))
        if not any("R" in cell for cell in cells):
            # no department to do the work: the project lead does it
            cells[0] = "R/A" if cells[0] == "A" else cells[0]
        rows.append({"stream": stream, "cells": cells, "tasks": [t["id"] for t in members]})
    return {"columns": columns, "rows": rows}


#: The cut-over runbook: step, working days from go-live, who does it.
CUTOVER_STEPS = (("announce_freeze", -10, "lead"), ("rehearsal", -8, "it"),
                 ("go_no_go", -3, "lead"), ("freeze", -2, "it"), ("final_export", -2, "vendor"),
                 ("load_reconcile", -1, "vendor"), ("switch_integrations", -1, "it"),
                 ("smoke_test", -1, "departments"), ("go_decision", -1, "lead"),
                 ("go_live", 0, "lead"))


def _cutover(plan: _Planner, ctx: dict[str, Any], departments: list[str],
             lead: dict[str, Any] | None, it: dict[str, Any] | None,
             steward: dict[str, Any] | None) -> dict[str, Any]:
    """The cut-over runbook, go/no-go criteria, rollback and hypercare, as codes and data."""
    who = {"lead": lead, "it": it, "vendor": {"vendor": True}, "departments": None}
    builds = [x for x in ctx.get("integrations", []) if x["kind"] == "integration"]
    steps = []
    for code, offset, role in CUTOVER_STEPS:
        params: dict[str, Any] = {}
        if code == "load_reconcile":
            params["entities"] = list(ctx["entities"])
        if code == "switch_integrations":
            params["systems"] = list(dict.fromkeys(
                s for x in sorted(builds, key=lambda y: y["wave"]) for s in x["systems"]))
        if code == "final_export":
            params["sources"] = list(dict.fromkeys(
                e["source"] for e in ctx["entities"] if e["source"]))
        if code == "smoke_test":
            params["departments"] = [d for d in departments if d != "it"]
        if code == "switch_integrations" and not params["systems"]:
            continue
        steps.append({"code": code, "offset": offset,
                      "date": plan.date(plan.days + offset), "owner": who[role], "role": role,
                      "params": params})
    criteria = ["no_critical_errors", "uat_signed", "reconciled"]
    if builds:
        criteria.append("integrations_tested")
    criteria += ["users_trained", "steward_signed"] if ctx["dedup"]["entities"] else [
        "users_trained"]
    if ctx["kvkk"]:
        criteria.append("kvkk_ready")
    criteria += ["rollback_rehearsed", "hypercare_ready"]
    hyper = next(t for t in ctx["tasks"] if t["kind"] == "hypercare")
    return {"steps": steps, "criteria": criteria,
            "criteria_params": {"departments": [d for d in departments if d != "it"],
                                "users": ctx["counts"]["users"], "steward": steward},
            "rollback": ["trigger", "decide_by", "reopen_old", "switch_back", "communicate",
                         "keep_data"],
            "rollback_deadline": plan.date(plan.days - 1),
            "hypercare": {"start": hyper["start"], "end": hyper["end"], "days": hyper["days"]}}


def _budget(lp: LoadedProject, vendor: Vendor | None) -> dict[str, Any] | None:
    """The chosen vendor's TCO as budget lines: year 1 (one-off and first-year running costs),
    the later years, and the total over the horizon, in the project currency."""
    if vendor is None:
        return None
    from crmselect.scoring.cost import COMPONENTS, vendor_tco

    weighted = {rid for rid, pr in lp.requirements.items() if pr.priority != "wont"}
    try:
        tco = vendor_tco(lp, vendor, weighted, [])
    except CrmselectError:
        return {"priced": False, "vendor": vendor.name}
    if not tco.priced or tco.total is None:
        return {"priced": False, "vendor": vendor.name}
    lines = [{"component": c, "year1": tco.years[0].components[c],
              "later": sum(y.components[c] for y in tco.years[1:]), "total": tco.components[c]}
             for c in COMPONENTS if tco.components.get(c)]
    return {"priced": True, "vendor": vendor.name, "currency": tco.currency,
            "horizon": tco.horizon_years, "lines": lines, "year1": tco.years[0].total,
            "later": tco.total - tco.years[0].total, "total": tco.total,
            "target_budget": lp.project.tco.target_budget,
            "discounted": tco.discount_rate_pct is not None}


def _gantt_rows(ctx: dict[str, Any]) -> dict[str, Any]:
    """Rows of the Gantt chart: one per phase (integration waves on rows of their own), each
    with the date ranges of its tasks; the milestones apart."""
    rows: list[dict[str, Any]] = []
    for phase in ctx["phases"]:
        plain = [t for t in phase["tasks"] if t["kind"] != "integration" and not t["milestone"]]
        if plain:
            rows.append({"phase": phase["id"], "wave": None,
                         "bars": [(t["start"], t["end"]) for t in plain]})
        if phase["id"] == "data_transfer":
            waves: dict[int, list[tuple[dt.date, dt.date]]] = {}
            for t in phase["tasks"]:
                if t["kind"] == "integration":
                    waves.setdefault(t["params"]["wave_number"], []).append(
                        (t["start"], t["end"]))
            rows += [{"phase": "data_transfer", "wave": n, "bars": bars}
                     for n, bars in sorted(waves.items())]
    milestones = [{"kind": t["kind"], "date": t["start"]} for t in ctx["tasks"]
                  if t["milestone"] and t["kind"] in ("kickoff", "steward_signoff", "go_no_go",
                                                      "go_live")]
    return {"rows": rows, "milestones": milestones, "go_live": ctx["go_live"]}


def judged_weak(lp: LoadedProject, vendor: Vendor | None) -> dict[str, float]:
    """Requirement → the evaluators' score, where ``vendor`` declared it ``native`` or
    ``configurable`` and the evaluators (or the consensus) scored it
    :data:`crmselect.scoring.cost.UNDERSTATED_SCORE` or less: the comparison report's
    "understated" risks of that vendor.

    Why in the plan: the bid prices no work for what it calls standard; if the people who saw
    it judged it weak (an ERP price-list sync scored 2), the work is missing from the plan's
    budget and schedule as much as from the bid.
    """
    if vendor is None or not lp.scores.scores or vendor.id not in lp.vendors:
        return {}
    from crmselect.scoring import scores as sc
    from crmselect.scoring.cost import understated_effort

    agg = sc.aggregate(lp, lp.scores, lp.project.scoring.aggregation)
    rs = sc.requirement_scores(lp, agg, sc.demo_marks(lp, lp.scores))
    found = understated_effort(lp, rs.base, rs.source >= sc.EVALUATED, set(lp.requirements))
    return {r.requirement: r.score for r in found if r.vendor == vendor.id}


def _vendor_risks(lp: LoadedProject, vendor: Vendor | None, lang: str,
                  weak: dict[str, float] | None = None) -> list[dict[str, Any]]:
    """Custom developments, third-party products and roadmap promises of the chosen vendor,
    then the requirements it declared native or configurable that the evaluators judged weak
    (``weak``, :func:`judged_weak`), then those it does not cover (answered ``none`` or left
    blank).

    Why the gaps: without them the plan told the client that the vendor "covers every
    requirement" when it had answered "none" to one; a gap needs a workaround or a decision
    before signing, as much as a custom development does.
    """
    if vendor is None:
        return []
    weak = weak or {}
    out, under, gaps = [], [], []
    for rid, pr in lp.requirements.items():
        if pr.priority == "wont":
            continue
        resp = vendor.responses.get(rid)
        title = localize(pr.requirement.title, lang)
        if resp is None:
            if not vendor.responded:  # no response yet: nothing answered, nothing to list
                continue
            gaps.append({"requirement": rid, "title": title, "vendor": vendor.name,
                         "comment": "", "type": "unanswered"})
            continue
        base = {"requirement": rid, "title": title,
                "vendor": vendor.name, "comment": localize(resp.comment, lang)}
        if rid in weak:
            under.append({**base, "type": "understated", "declared": resp.compliance,
                          "score": weak[rid]})
        elif resp.compliance == "none":
            gaps.append({**base, "type": "none"})
        elif resp.compliance == "custom":
            out.append({**base, "type": "custom", "days": f"{resp.custom_effort_days:g}",
                        "effort_days": resp.custom_effort_days})
        elif resp.compliance == "third_party":
            out.append({**base, "type": "third_party",
                        "product": localize(resp.third_party_product, lang)})
        elif resp.compliance == "roadmap":
            out.append({**base, "type": "roadmap", "date": resp.roadmap_date})
    return out + under + gaps


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
                         min(plan.start, project.timeline.kickoff or plan.start),
                         max([plan.go_live, *(t["end"] for t in rows)]))],
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
