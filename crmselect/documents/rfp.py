"""The Request for Proposal (RFP — *Teklif İsteme Dokümanı*) as Word and Markdown.

The writer below fills one :class:`~crmselect.documents.docmodel.Document` from the context
(:func:`build_rfp_context`) and the strings (``templates/strings/rfp.yaml``, which a project
may override in ``DIR/templates/strings/``); both files are rendered from that document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crmselect.documents.docmodel import Cell, Document
from crmselect.documents.document_control import apply_document_settings
from crmselect.documents.formatting import (
    format_date,
    format_number,
    format_percent,
    humanize,
    slug_label,
)
from crmselect.documents.output import output_path, write_text_atomic
from crmselect.documents.render_docx import render_docx
from crmselect.documents.render_markdown import render_markdown
from crmselect.documents.strings import Strings, load_strings
from crmselect.errors import Issue
from crmselect.i18n.formatting import currency_label, format_clock, format_rate
from crmselect.project import DATABASE_FILE, LoadedProject, load_project
from crmselect.reporting.rfp_context import build_rfp_context
from crmselect.reporting.timelinedays import timeline_day_issues
from crmselect.workbooklayout import questionnaire  # the RFP prints it, the workbook asks it

#: Requirement matrix columns: id, requirement, priority, acceptance criteria.
MATRIX_WIDTHS = (1.45, 4.6, 0.95, 4.5)


@dataclass(frozen=True)
class RfpFiles:
    """The files :func:`render_rfp` wrote."""

    docx: Path
    markdown: Path
    requirements: int
    #: Timeline milestones on a weekend or public holiday: the RFP shows them as written.
    days_off: list[Issue] = field(default_factory=list)


def _unbroken(phone: str) -> str:
    """A phone number that never wraps inside (its spaces made non-breaking)."""
    return phone.replace(" ", "\u00a0")


def render_rfp(project: Path | LoadedProject, lang: str | None = None,
               template: Path | None = None, out: Path | None = None) -> RfpFiles:
    """Write ``out/rfp.docx`` and ``out/rfp.md`` for a project (or ``out`` and its ``.md``).

    Both files are rendered before either is written, so an error (a bad ``--template``)
    leaves the previous files untouched.
    """
    lp = project if isinstance(project, LoadedProject) else load_project(project, scores=False)
    lang = lang or lp.language
    context = build_rfp_context(lp, lang, proposals=_workshop_proposals(lp.root))
    docx_path = output_path(lp.root, "rfp.docx", out)
    md_path = docx_path.with_suffix(".md")
    strings = load_strings(lang, lp.root)
    document = build_rfp_docx(context, strings, template)
    apply_document_settings(document, lp.project, strings["common"])
    builder = render_docx(document)
    markdown = render_markdown(document)
    builder.save(docx_path)
    write_text_atomic(md_path, markdown)
    return RfpFiles(docx_path, md_path, context["counts"]["requirements"],
                    timeline_day_issues(lp, lang))


def _workshop_proposals(root: Path) -> dict[str, dict[str, str]]:
    """The needs workshop's proposals, from the project's evaluation database when there is
    one (for the traceability table); none otherwise. SQLAlchemy is imported only when there
    is one (a third of the RFP's time without it)."""
    if not (root / DATABASE_FILE).is_file():
        return {}
    from sqlalchemy.exc import OperationalError, ProgrammingError

    from crmselect.evaluationdb.engine import open_project_database
    from crmselect.evaluationdb.workshop import proposed_priorities

    # read-only and never migrated; an older schema is read for what it holds
    db = open_project_database(root, create=False, read_only=True, older=True)
    try:
        return proposed_priorities(db)
    except (OperationalError, ProgrammingError):
        if db.schema_older:  # from before the needs workshop: no proposals
            return {}
        raise
    finally:
        db.dispose()


def build_rfp_docx(ctx: dict[str, Any], strings: Strings,
                   template: Path | None = None) -> Document:
    """The RFP as a :class:`Document`, ready to render."""
    b = Document(template=template, language=ctx["lang"],
                 generated=ctx["generated"])
    w = _Writer(b, ctx, strings)
    w.furniture()
    w.introduction()
    w.objectives()
    w.scope()
    w.volumes()
    w.timeline()
    w.instructions()
    w.submission()
    w.intent_to_bid()
    w.questions_and_answers()
    w.requirement_areas(ctx["functional_areas"], "requirements")
    w.integration()
    w.requirement_areas(ctx["non_functional_areas"], "non_functional")
    w.test_drive()
    w.pricing()
    w.optional_prices()
    w.evaluation()
    w.questionnaires()
    w.service_levels()
    w.references()
    w.kpis()
    w.contract_terms()
    w.terms()
    w.intent_form()
    b.colophon(w.c.generated_with.format(date=w.date(ctx["generated"])))
    return b


class _Writer:
    """Writes the RFP's sections, in order, into a builder."""

    def __init__(self, builder: Document, ctx: dict[str, Any], strings: Strings) -> None:
        self.b = builder
        self.ctx = ctx
        self.s = strings["rfp"]
        self.c = strings["common"]
        self.lang = ctx["lang"]

    def date(self, value: Any) -> str:
        return format_date(value, self.lang)

    def label(self, kind: str, slug: str | None) -> str:
        return slug_label(self.c, kind, slug)

    def labels(self, kind: str, slugs: list[str]) -> str:
        return ", ".join(self.label(kind, slug) for slug in slugs)

    def score(self, value: float) -> str:
        return format_number(value, self.lang, 0 if float(value).is_integer() else 1)

    # --- front matter -----------------------------------------------------------------------

    def furniture(self) -> None:
        s, ctx = self.s, self.ctx
        org = ctx["organisation"]["name"]
        self.b.page_numbers(self.c.page, left_text=s.footer.format(organisation=org))
        facts = []
        if ctx["issued"]:
            facts.append((s.fact.issued, self.date(ctx["issued"])))
        if ctx["questions_due"]:
            facts.append((s.fact.questions_due, self.date(ctx["questions_due"])))
        if ctx["responses_due"]:
            facts.append((s.fact.responses_due, self.date(ctx["responses_due"])))
        if ctx["contact"]:
            contact = ctx["contact"]
            facts.append((s.fact.contact, ", ".join(
                v for v in (contact["name"], contact["email"], _unbroken(contact["phone"])) if v)))
        counts = ctx["counts"]
        facts.append((s.fact.requirements, s.fact.requirements_value.format(
            n=counts["requirements"], must=counts["must"])))
        self.b.cover(s.title, s.subtitle.format(project=ctx["project"]["name"]), facts,
                     kicker=org, note=self.c.confidential)
        self.b.toc(self.c.contents)

    def introduction(self) -> None:
        s, ctx, b = self.s.intro, self.ctx, self.b
        org = ctx["organisation"]
        b.heading(s.heading, 1)
        b.paragraph(s.purpose.format(organisation=org["name"]))
        b.heading(s.about.format(organisation=org["name"]), 2)
        if org["description"]:
            b.paragraph(org["description"])
        facts = [(label, value) for label, value in (
            (s.industry, org["industry"]), (s.country, org["country"]),
            (s.employees, format_number(org["employees"], self.lang) if org["employees"] else ""),
        ) if value]
        if facts:
            b.key_values(facts)
        b.heading(s.process_heading, 2)
        b.bullets(s.process)

    def objectives(self) -> None:
        s, ctx, b = self.s.objectives, self.ctx, self.b
        b.heading(s.heading, 1)
        if ctx["objectives"]:
            b.paragraph(s.intro)
            b.bullets(ctx["objectives"])
        else:
            b.paragraph(s.none)
        b.heading(s.problems_heading, 2)
        b.paragraph(s.problems_intro)
        rows = [[p["problem"], Cell([p["group"], p["area"]], lead=True),
                 s.count_value.format(n=p["count"], must=p["must"])] for p in ctx["problems"]]
        b.table([s.col_problem, s.col_function, s.col_count], rows, widths=[5, 2.6, 1.5])
        if ctx["traceability"]:  # the needs workshop: who asked for what (issue 14)
            t = self.s.traceability
            b.heading(t.heading, 2)
            b.paragraph(t.intro)
            rows = [[r["problem"], Cell([r["title"], r["id"]], lead=True),
                     ", ".join(self.label("department", d) for d in r["asked_by"]),
                     self.c.priority[r["priority"]]] for r in ctx["traceability"]]
            b.table([t.col_problem, t.col_requirement, t.col_asked_by, t.col_priority], rows,
                    widths=[3.6, 3.2, 2, 1.3])

    def scope(self) -> None:
        s, scope, b = self.s.scope, self.ctx["scope"], self.b
        b.heading(s.heading, 1)
        b.heading(s.users_heading, 2)
        if scope["users"]:
            b.paragraph(s.users_intro.format(total=scope["total_users"]))
            rows = [[self.label("user_role", u["role"]), self.label("department", u["department"]),
                     self.label("licence", u["licence"]), str(u["count"])]
                    for u in scope["users"]]
            rows.append([Cell(self.c.total, bold=True), "", "",
                         Cell(str(scope["total_users"]), bold=True)])
            b.table([s.col_role, s.col_department, s.col_licence, s.col_users], rows,
                    widths=[3, 2.5, 2, 1.2])
        else:
            b.paragraph(s.users_none)
        facts = [(label, self.labels(kind, values)) for label, kind, values in (
            (s.departments, "department", scope["departments"]),
            (s.channels, "channel", scope["channels"]),
            (s.migration, "entity", scope["migrated_entities"])) if values]
        if facts:
            b.key_values(facts)
        if scope["current_systems"]:
            b.heading(s.systems_heading, 2)
            b.paragraph(s.systems_intro)
            rows = [[x["name"], self.label("system", x["category"]),
                     s.replaced if x["replace"] else s.kept]
                    for x in scope["current_systems"]]
            b.table([s.col_system, s.col_category, s.col_future], rows, widths=[3, 2, 3])

    def timeline(self) -> None:
        s, b = self.s.timeline, self.b
        b.heading(s.heading, 1)
        if not self.ctx["timeline"]:
            b.paragraph(s.none)
            return
        b.paragraph(s.intro)
        rows = [[s.milestone[m["key"]], self.date(m["date"])] for m in self.ctx["timeline"]]
        b.table([s.col_milestone, s.col_date], rows, widths=[3, 2])

    def instructions(self) -> None:
        s, ctx, b, c = self.s.instructions, self.ctx, self.b, self.c
        b.heading(s.heading, 1)
        b.heading(s.format_heading, 2)
        b.paragraph(self.s.format_two_envelopes if ctx["rfp"]["two_envelopes"] else s.format)
        b.heading(s.compliance_heading, 2)
        b.paragraph(s.compliance_intro)
        rows = [[Cell(c.compliance[level], bold=True), c.compliance_meaning[level]]
                for level in ctx["compliance_levels"]]
        b.table([s.col_level, s.col_meaning], rows, widths=[1.6, 5])
        b.heading(s.evidence_heading, 2)
        b.bullets(s.evidence)
        b.heading(s.deadline_heading, 2)
        # the deadlines themselves are in the submission and question-and-answer sections
        contact = ctx["contact"]
        b.labelled(s.contact_label, ", ".join(
            v for v in (contact["name"], contact["email"], _unbroken(contact["phone"])) if v)
            if contact else s.contact_none)
        b.paragraph(s.contact_rule)
        b.heading(s.confidentiality_heading, 2)
        b.paragraph(s.confidentiality)

    # --- requirements -----------------------------------------------------------------------

    def _matrix(self, group: dict[str, Any]) -> None:
        s, c = self.s.requirements, self.c
        self.b.paragraph(f"{s.problem}: {group['problem']}", italic=True, color="5A6B7D",
                         keep_with_next=True)
        rows = []
        for r in group["requirements"]:
            title = r["title"] + (f" {s.custom}" if r["custom"] else "")
            text = [title, r["description"]]
            if r["note"]:
                text.append(f"{s.note}: {r['note']}")
            rows.append([Cell(r["id"], bold=True), Cell(text, lead=True),
                         c.priority[r["priority"]], Cell(r["acceptance"], bullets=True)])
        self.b.table([s.col_id, s.col_requirement, s.col_priority, s.col_acceptance], rows,
                     widths=MATRIX_WIDTHS, keep_together=False)

    def _priority_legend(self) -> None:
        c = self.c
        rows = [[Cell(c.priority[p], bold=True), c.priority_meaning[p]]
                for p in self.ctx["priorities"]]
        if rows:
            self.b.table([self.s.requirements.col_priority, self.s.instructions.col_meaning],
                         rows, widths=[1.3, 8])

    def requirement_areas(self, areas: list[dict[str, Any]], key: str) -> None:
        s, b = self.s[key], self.b
        b.section(landscape=True)
        b.heading(s.heading, 1)
        b.paragraph(s.intro)
        if key == "requirements":
            self._priority_legend()
        if not areas:
            b.paragraph(s.none)
        # Functional areas are several, each with its groups below it; the non-functional
        # section is one area, so its groups are the second level.
        level = 3 if key == "requirements" else 2
        for area in areas:
            if key == "requirements":
                b.heading(area["name"], 2)
                b.paragraph(area["description"])
            for group in area["groups"]:
                b.heading(group["name"], level)
                self._matrix(group)

    def integration(self) -> None:
        s, c, b = self.s.integration, self.c, self.b
        b.section(landscape=True)
        b.heading(s.heading, 1)
        b.paragraph(s.intro)
        needs = self.ctx["integrations"]
        if not self.ctx["integration_areas"]:
            b.paragraph(s.none)
            return
        if needs:
            b.heading(s.needs_heading, 2)
            rows = [[Cell(n["id"], bold=True), n["title"],
                     ", ".join(n["systems_in_use"]) or "—", ", ".join(n["example_systems"]),
                     ", ".join(c.pattern[p] for p in n["pattern"]), c.direction[n["direction"]],
                     c.priority[n["priority"]]] for n in needs]
            b.table([self.s.requirements.col_id, s.col_integration, s.col_in_use,
                     s.col_examples, s.col_pattern, s.col_direction,
                     self.s.requirements.col_priority], rows,
                    widths=[1.45, 3.2, 1.7, 2.4, 2, 1.1, 0.95])
        for area in self.ctx["integration_areas"]:
            for group in area["groups"]:
                b.heading(group["name"], 2)
                self._matrix(group)

    # --- test drive, pricing, evaluation ----------------------------------------------------

    def test_drive(self) -> None:
        s, ctx, b = self.s.test_drive, self.ctx, self.b
        b.section(landscape=False)
        b.heading(s.heading, 1)
        b.paragraph(s.intro)
        minutes = ctx["evaluation"]["demo_minutes_per_vendor"]
        if minutes:
            b.paragraph(s.time.format(minutes=minutes))
        if not ctx["scenarios"]:
            b.paragraph(s.none)
        for scenario in ctx["scenarios"]:
            b.heading(f"{scenario['id']} — {scenario['title']}", 2)
            facts = [(s.objective, scenario["objective"]),
                     (s.duration, f"{scenario['duration_minutes']} {self.c.minutes}")]
            if scenario["data"]:
                facts.append((s.data, scenario["data"]))
            if scenario["requirements"]:
                facts.append((s.requirements, ", ".join(scenario["requirements"])))
            b.key_values(facts, widths=(1.4, 5))
            rows = [[Cell(str(step["number"]), bold=True, align="center"), step["action"],
                     step["expected"], ", ".join(step["requirements"])]
                    for step in scenario["steps"]]
            b.table([s.col_step, s.col_action, s.col_expected, s.col_requirements], rows,
                    widths=[0.8, 3.6, 3.6, 1.6])
            b.labelled(s.outcome, scenario["expected_outcome"])

    def pricing(self) -> None:
        s, c, p, b = self.s.pricing, self.c, self.ctx["pricing"], self.b
        wide = p["horizon_years"] > 5
        if wide:
            b.section(landscape=True)
        b.heading(s.heading, 1)
        b.paragraph(s.intro.format(years=p["horizon_years"],
                                   currency=currency_label(p["currency"], self.lang)))
        if self.ctx["rfp"]["two_envelopes"]:
            b.paragraph(self.s.pricing_two_envelopes, bold=True)
        b.bullets(s.rules)
        if p["licences"]:
            b.heading(s.licences_heading, 2)
            rows = [[self.label("licence", lic["licence"]), str(lic["users"]),
                     self.labels("user_role", lic["roles"])]
                    for lic in p["licences"]]
            b.table([s.col_licence, s.col_users, s.col_roles], rows, widths=[2, 1, 5])
        b.heading(s.tco_heading, 2)
        b.paragraph(s.tco_intro.format(currency=currency_label(p["currency"], s.lang)))
        years = [c.year.format(n=n) for n in p["years"]]
        blanks = [""] * (len(years) + 1)
        rows = [[s.licence_line.format(licence=self.label("licence", lic["licence"]),
                                       users=lic["users"]), *blanks]
                for lic in p["licences"]] or [[s.licence_line_nousers, *blanks]]
        rows += [[s.component[k], *blanks] for k in (*p["one_off"], *p["yearly"])]
        rows.append([Cell(c.total, bold=True), *blanks])
        b.table([s.col_component, *years, c.total], rows,
                widths=[3.2, *([1] * len(years)), 1.2])
        if wide:
            b.section(landscape=False)

    def evaluation(self) -> None:
        s, c, e, b = self.s.evaluation, self.c, self.ctx["evaluation"], self.b
        b.heading(s.heading, 1)
        b.paragraph(s.intro)
        if e["show_weights"]:
            if e["weights_by_ahp"]:
                b.paragraph(s.ahp)
            rows = [[c.criterion[x["id"]], format_percent(x["weight"], self.lang)]
                    for x in e["criteria"]]
            b.table([s.col_criterion, s.col_weight], rows, widths=[4, 1.2])
        else:
            b.bullets([c.criterion[x["id"]] for x in e["criteria"]])
            b.paragraph(s.withheld, italic=True)
        b.heading(s.scores_heading, 2)
        b.paragraph(s.scores_intro)
        rows = [[c.compliance[x["level"]], self.score(x["score"])] for x in e["compliance_scores"]]
        b.table([self.s.instructions.col_level, s.col_score], rows, widths=[3, 1.2])
        if e["unverified_discount"]:
            b.paragraph(s.discount.format(percent=format_percent(e["unverified_discount"],
                                                                  self.lang)))
        b.paragraph(s.independent)
        b.heading(s.knockout_heading, 2)
        b.paragraph(s.knockout.format(threshold=self.score(e["knockout_threshold"])))
        b.paragraph(s.cost.format(years=e["horizon_years"]))
        rate = e.get("discount_rate_pct")
        if rate:  # the cost is a present value: say so, and how many years it covers
            decimals = 0 if float(rate).is_integer() else (1 if float(rate * 10).is_integer()
                                                            else 2)
            b.paragraph(self.s.discounting.cost.format(
                years=e["horizon_years"],
                rate=format_percent(rate / 100, self.lang, decimals)))

    def references(self) -> None:
        s, b = self.s.references, self.b
        b.heading(s.heading, 1)
        b.paragraph(s.intro)
        b.paragraph(s.questions_intro)
        b.bullets(s.questions)

    def kpis(self) -> None:
        s, b = self.s.kpis, self.b
        b.heading(s.heading, 1)
        if not self.ctx["kpis"]:
            b.paragraph(s.none)
            return
        b.paragraph(s.intro)
        rows = [[Cell([k["name"], k["description"]], lead=True), k["formula_text"],
                 s[k["direction"]]] for k in self.ctx["kpis"]]
        b.table([s.col_kpi, s.col_formula, s.col_direction], rows, widths=[4, 3.2, 1])

    def terms(self) -> None:
        s, b = self.s.terms, self.b
        b.heading(s.heading, 1)
        b.bullets(s.points)

    # --- issue 13: logistics, questionnaires, service levels, contract terms --------------

    def pct(self, value: float) -> str:
        """A percentage given as a number of percent (``0.5`` → ``0.5%`` / ``%0,5``)."""
        return format_percent(value / 100, self.lang, 0 if float(value).is_integer() else 1)

    def rate(self, value: float) -> str:
        """An exchange rate: two decimals (``37.50``), or six significant digits below 1
        (``0.0266667``: a lira in euros would read 0.03)."""
        return format_rate(value, self.lang)

    def hours(self, value: float) -> str:
        return format_number(value, self.lang, 0 if float(value).is_integer() else 1)

    def volumes(self) -> None:
        s, v, b = self.s.volumes, self.ctx["volumes"], self.b
        b.heading(s.heading, 2)
        if not v["records"] and not v["per_month"]:
            b.paragraph(s.none)
            return
        b.paragraph(s.intro)
        for key, label, count in (("records", s.col_records, s.col_count),
                                  ("per_month", s.col_transactions, s.col_per_month)):
            if v[key]:
                rows = [[self.volume_label(x["entity"]),
                         Cell(format_number(x["count"], self.lang), align="right")]
                        for x in v[key]]
                b.table([label, count], rows, widths=[4, 1.6])

    def volume_label(self, slug: str) -> str:
        """A transaction or entity slug in words: the RFP's own label, the common entity
        label, or the slug made readable."""
        own = self.s.volume
        return own[slug] if slug in own else self.label("entity", slug)

    def submission(self) -> None:
        s, ctx, r, b = self.s.submission, self.ctx, self.ctx["rfp"], self.b
        b.heading(s.heading, 2)
        b.paragraph(s.where.format(email=r["submission_email"]) if r["submission_email"]
                    else s.where_nomail)
        if r["submission_address"]:
            b.paragraph(s.address.format(address=r["submission_address"]))
        time = format_clock(r["deadline_time"], self.lang)  # 17:00 / 17.00
        b.paragraph(s.deadline.format(date=self.date(ctx["responses_due"]), time=time)
                    if ctx["responses_due"] else s.deadline_nodate.format(time=time))
        b.paragraph(s.contents_intro, keep_with_next=True)
        b.bullets(s.contents_two_envelopes if r["two_envelopes"] else s.contents)
        b.paragraph(s.language.format(language=s.language_name))
        b.paragraph(s.validity.format(days=r["validity_days"]))
        if r["two_envelopes"]:
            b.heading(s.two_envelopes_heading, 2)
            b.paragraph(s.two_envelopes)

    def intent_to_bid(self) -> None:
        s, due, b = self.s.intent, self.ctx["rfp"]["intent_to_bid_due"], self.b
        b.heading(s.heading, 2)
        b.paragraph(s.request.format(date=self.date(due)) if due else s.request_nodate)
        b.paragraph(s.decline)

    def questions_and_answers(self) -> None:
        s, ctx, b = self.s.qa, self.ctx, self.b
        b.heading(s.heading, 2)
        contact = ctx["contact"]
        who = (contact["email"] or contact["name"]) if contact else s.contact_none
        due = self.date(ctx["questions_due"]) if ctx["questions_due"] else s.nodate
        b.bullets([s.points[0].format(contact=who, date=due), *s.points[1:]])

    def optional_prices(self) -> None:
        s, r, b = self.s.optional_prices, self.ctx["rfp"], self.b
        if not r["optional_prices"]:
            return
        b.heading(s.heading, 2)
        b.paragraph(s.intro)
        if r["two_envelopes"]:
            b.paragraph(s.two_envelopes)
        b.table([s.col_item, s.col_unit], [
            [self.optional_price_label(key), s.unit[key] if key in s.unit else s.unit_other]
            for key in r["optional_prices"]], widths=[4.2, 2.6])

    def optional_price_label(self, key: str) -> str:
        items = self.s.optional_prices.item
        return items[key] if key in items else humanize(key)

    def questionnaires(self) -> None:
        s, b = self.s.questionnaire, self.b
        b.heading(s.heading, 1)
        b.paragraph(s.intro)
        for section, prefix, questions in questionnaire(self.s):
            b.heading(s.sections[section], 2)
            if section == "migration" and self.ctx["scope"]["migrated_entities"]:
                b.paragraph(s.migration_scope.format(entities=self.migrated_entities()))
            b.table([s.col_id, s.col_question],
                    [[Cell(f"{prefix}-{n}", bold=True), q]
                     for n, q in enumerate(questions, start=1)], widths=[0.8, 6])

    def migrated_entities(self) -> str:
        """The entities to migrate, each with its record count where the volumes give one."""
        counts = {x["entity"]: x["count"] for x in self.ctx["volumes"]["records"]}
        return ", ".join(
            f"{self.volume_label(e)} ({format_number(counts[e], self.lang)})" if e in counts
            else self.volume_label(e) for e in self.ctx["scope"]["migrated_entities"])

    def service_levels(self) -> None:
        s, sla, b = self.s.sla, self.ctx["rfp"]["sla"], self.b
        b.heading(s.heading, 1)
        b.paragraph(s.intro)

        def within(hours: float) -> str:
            return s.one_hour if hours == 1 else s.hours.format(n=self.hours(hours))

        rows = [
            [s.availability, s.availability_value.format(value=self.pct(sla["availability_pct"]))],
            [s.critical_response, within(sla["critical_response_hours"])],
            [s.critical_resolution, within(sla["critical_resolution_hours"])],
            [s.normal_response, within(sla["normal_response_hours"])],
            [s.rpo, s.data_hours.format(n=self.hours(sla["rpo_hours"]))],
            [s.rto, s.data_hours.format(n=self.hours(sla["rto_hours"]))],
        ]
        b.table([s.col_level, s.col_requested], rows, widths=[4.6, 2])
        b.heading(s.support_heading, 2)
        b.bullets(s.support)

    def contract_terms(self) -> None:
        s, r, b = self.s.contract, self.ctx["rfp"], self.b
        currency = currency_label(self.ctx["project"]["currency"], self.lang)  # TL in Turkish
        b.heading(s.heading, 1)
        b.paragraph(s.intro)
        b.heading(s.exit_heading, 2)
        b.paragraph(s.exit)
        b.heading(s.price_lock_heading, 2)
        b.paragraph(s.price_lock.format(years=r["price_lock_years"]))
        b.heading(s.exchange_heading, 2)
        b.paragraph(s.exchange.format(currency=currency))
        if r["exchange_rates"]:
            rates = "; ".join(s.rate.format(
                code=x["code"], currency=currency,
                rate=" / ".join(self.rate(v) for v in x["rates"]))
                for x in r["exchange_rates"])
            b.paragraph(s.exchange_rates.format(rates=rates))
        else:
            b.paragraph(s.exchange_norates)
        b.heading(s.payment_heading, 2)
        b.paragraph(s.payment_intro)
        plan = r["payment_plan"] or [
            {"milestone": name, "percent": pct}
            for name, pct in zip(s.default_plan, r["default_payment_plan"], strict=True)]
        b.table([s.col_milestone, s.col_share],
                [[m["milestone"], Cell(self.pct(m["percent"]), align="right")] for m in plan],
                widths=[4.6, 1.8])
        b.paragraph(s.subscription)
        b.heading(s.penalty_heading, 2)
        b.paragraph(s.penalty.format(pct=self.pct(r["delay_penalty_pct_per_week"]),
                                     cap=self.pct(r["penalty_cap_pct"])))

    def intent_form(self) -> None:
        s, ctx, b = self.s.form, self.ctx, self.b
        b.page_break()
        b.heading(s.heading, 1)
        b.paragraph(s.to.format(organisation=ctx["organisation"]["name"]), bold=True)
        b.paragraph(s.intent.format(project=ctx["project"]["name"]), keep_with_next=True)
        for option in s.options:
            b.paragraph(option)
        b.paragraph(s.nda)
        # blank lines make room for handwriting; the last field (signature, stamp) gets more
        blank = "\u00a0\n\u00a0"
        fields = list(s.fields)
        b.key_values([(label, blank) for label in fields[:-1]]
                     + [(fields[-1], "\n".join(["\u00a0"] * 5))], widths=(2.2, 4.4))
