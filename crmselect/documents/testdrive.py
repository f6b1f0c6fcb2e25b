"""The test-drive plan as Word and Markdown: schedule, participants, scripts, scoring sheets.

The writer below fills one :class:`~crmselect.documents.docmodel.Document` from the context
(:func:`build_testdrive_context`) and the strings (``templates/strings/testdrive.yaml``); both
files are rendered from that document.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crmselect.documents.docmodel import Cell, Document
from crmselect.documents.document_control import apply_document_settings
from crmselect.documents.formatting import format_date, slug_label
from crmselect.documents.output import output_path, write_text_atomic
from crmselect.documents.render_docx import render_docx
from crmselect.documents.render_markdown import render_markdown
from crmselect.documents.strings import Strings, load_strings
from crmselect.project import LoadedProject, load_project
from crmselect.reporting.testdrive_context import build_testdrive_context

BOX = "\u2610"


@dataclass(frozen=True)
class TestdriveFiles:
    """The files :func:`render_testdrive` wrote."""

    docx: Path
    markdown: Path
    scenarios: int
    sessions: int


def render_testdrive(project: Path | LoadedProject, lang: str | None = None,
                     template: Path | None = None, out: Path | None = None,
                     vendors: list[str] | None = None,
                     today: dt.date | None = None) -> TestdriveFiles:
    """Write ``out/testdrive-plan.docx`` and ``.md`` (or ``out`` and its ``.md``).

    Both are rendered before either is written, so an error (a bad ``--template``) leaves the
    previous files untouched.
    """
    lp = project if isinstance(project, LoadedProject) else load_project(project)
    lang = lang or lp.language
    strings = load_strings(lang, lp.root)
    ctx = build_testdrive_context(lp, lang, vendors=vendors, today=today)
    docx_path = output_path(lp.root, "testdrive-plan.docx", out)
    md_path = docx_path.with_suffix(".md")
    document = build_testdrive_docx(ctx, strings, template)
    apply_document_settings(document, lp.project, strings["common"])
    builder = render_docx(document)
    markdown = render_markdown(document)
    builder.save(docx_path)
    write_text_atomic(md_path, markdown)
    sessions = sum(1 for row in ctx["schedule"] if row["date"] is not None)
    return TestdriveFiles(docx_path, md_path, ctx["counts"]["scenarios"], sessions)


def agenda_label(item: dict[str, Any], s: Strings) -> str:
    """The text of one agenda item."""
    labels = s.schedule.item
    if item["kind"] == "scenario":
        return labels.scenario.format(id=item["scenario"], title=item["title"])
    if item["kind"] == "scoring":
        return labels.scoring.format(id=item["scenario"])
    return labels[item["kind"]]


def build_testdrive_docx(ctx: dict[str, Any], strings: Strings,
                         template: Path | None = None) -> Document:
    """The test-drive plan as a :class:`Document`, ready to render."""
    b = Document(template=template, language=ctx["lang"],
                 generated=ctx["generated"])
    w = _Writer(b, ctx, strings)
    w.front()
    w.rules()
    w.schedule()
    w.participants()
    w.scripts()
    w.sheets()
    w.conflict_of_interest()
    b.colophon(w.c.generated_with.format(date=w.date(ctx["generated"])))
    return b


class _Writer:
    def __init__(self, builder: Document, ctx: dict[str, Any], strings: Strings) -> None:
        self.b, self.ctx, self.lang = builder, ctx, ctx["lang"]
        self.s = strings["testdrive"]
        self.c = strings["common"]

    def date(self, value: dt.date | None) -> str:
        return format_date(value, self.lang)

    def front(self) -> None:
        s, ctx, b = self.s, self.ctx, self.b
        org = ctx["organisation"]["name"]
        b.page_numbers(self.c.page, left_text=s.footer.format(organisation=org))
        window = ctx["window"]
        facts = [(s.fact.window, s.fact.window_value.format(
            start=self.date(window["start"]), end=self.date(window["end"]),
            days=window["workdays"]) if window else s.fact.window_none)]
        facts.append((s.fact.vendors, ", ".join(v["name"] for v in ctx["vendors"]) or "—"))
        facts.append((s.fact.scenarios, str(ctx["counts"]["scenarios"])))
        if ctx["session"]["total_minutes"]:
            facts.append((s.fact.session, s.fact.session_value.format(
                minutes=ctx["session"]["total_minutes"])))
        b.cover(s.title, s.subtitle.format(project=ctx["project"]["name"]), facts, kicker=org,
                note=self.c.confidential)
        b.toc(self.c.contents)

    def rules(self) -> None:
        s, b = self.s.rules, self.b
        b.heading(s.heading, 1)
        b.paragraph(s.intro)
        b.bullets(s.points)
        b.heading(s.scale_heading, 2)
        rows = [[Cell(str(n), bold=True, align="center"), s.scale[str(n)]]
                for n in self.ctx["scale"]]
        b.table([s.col_score, s.col_meaning], rows, widths=[0.8, 6])

    def schedule(self) -> None:
        s, ctx, b = self.s.schedule, self.ctx, self.b
        b.heading(s.heading, 1)
        if not ctx["scenarios"]:
            b.paragraph(s.none)
            return
        b.paragraph(s.intro if ctx.get("arife", True) else self.s.schedule_no_arife.intro)
        window, session = ctx["window"], ctx["session"]
        if window is None:
            b.paragraph(s.no_window, italic=True)
        elif window["end_assumed"]:
            b.paragraph(s.end_assumed, italic=True)
        for line in holiday_lines(window, s, self.date):
            b.paragraph(line, italic=True)
        if session["over_allotment"]:
            b.paragraph(s.over_allotment.format(minutes=session["total_minutes"],
                                                allotted=session["allotted_minutes"]), bold=True)
        rows = [[self.date(r["date"]) if r["date"] else s.to_agree,
                 f"{r['start']}–{r['end']}" if r["date"] else "—", Cell(r["name"], bold=True)]
                for r in ctx["schedule"]]
        b.table([s.col_date, s.col_time, s.col_vendor], rows, widths=[2, 1.4, 3.5])
        # without a window, the note above already asks to agree every date: "these vendors
        # do not fit in the window" named every vendor, of a window there is not
        if ctx["unscheduled"] and window is not None:
            b.paragraph(s.unscheduled.format(vendors=", ".join(ctx["unscheduled"])), bold=True)
        b.heading(s.agenda_heading, 2)
        b.paragraph(s.agenda_intro)
        rows = [[item["start"], item["end"], agenda_label(item, self.s), str(item["minutes"])]
                for item in session["agenda"]]
        rows.append([Cell(self.c.total, bold=True), "", "",
                     Cell(str(session["total_minutes"]), bold=True)])
        b.table([s.col_from, s.col_to, s.col_item, s.col_minutes], rows,
                widths=[0.9, 0.9, 5, 1])

    def participants(self) -> None:
        s, b = self.s.participants, self.b
        b.heading(s.heading, 1)
        groups = self.ctx["participants"]
        if not groups:
            b.paragraph(s.none)
            return
        b.paragraph(s.intro)
        n_scenarios = len(self.ctx["scenarios"])
        rows = []
        for group in groups:
            for i, person in enumerate(group["people"]):
                scored = person["scenarios"]
                text = (s.all_scenarios if scored and len(scored) == n_scenarios > 1
                        else ", ".join(scored) or "—")
                department = slug_label(self.c, "department", group["department"])
                rows.append([Cell(department or s.no_department, bold=True) if i == 0 else "",
                             person["name"], s.role[person["role"]], text])
        b.table([s.col_department, s.col_name, s.col_role, s.col_scores], rows,
                widths=[2, 2.4, 1.6, 2.4])

    def _requirement_line(self, req: dict[str, Any]) -> str:
        extra = "" if req["selected"] else f" {self.s.scenarios.not_selected}"
        return f"{req['id']} — {req['title']}{extra}"

    def scripts(self) -> None:
        s, b = self.s.scenarios, self.b
        b.heading(s.heading, 1)
        if not self.ctx["scenarios"]:
            b.paragraph(s.none)
            return
        b.paragraph(s.intro)
        for sc in self.ctx["scenarios"]:
            b.heading(f"{sc['id']} — {sc['title']}", 2)
            facts = [(s.objective, sc["objective"]),
                     (s.duration, f"{sc['duration_minutes']} {self.c.minutes}")]
            if sc["data"]:
                facts.append((s.data, sc["data"]))
            facts.append((s.scorers, ", ".join(sc["scorers"]) or s.nobody))
            b.key_values(facts, widths=(1.4, 5))
            rows = [[Cell(str(step["number"]), bold=True, align="center"), step["action"],
                     step["expected"], [self._requirement_line(r) for r in step["requirements"]]]
                    for step in sc["steps"]]
            b.table([s.col_step, s.col_action, s.col_expected, s.col_requirements], rows,
                    widths=[0.7, 3.2, 3.2, 2.6])
            b.labelled(s.outcome, sc["expected_outcome"])
            if sc["other_requirements"]:
                b.labelled(s.also, "; ".join(self._requirement_line(r)
                                             for r in sc["other_requirements"]))

    def _no_marks(self, step: dict[str, Any]) -> str:
        """What a sheet row without marks says: marked at an earlier step, or nothing to mark."""
        earlier = [r["id"] for r in step["requirements"] if r["selected"]]
        if earlier:
            return self.s.sheet_marks.marked_above.format(ids=", ".join(earlier))
        return self.s.sheets.no_requirement

    def sheets(self) -> None:
        s, b = self.s.sheets, self.b
        if not self.ctx["scenarios"]:
            return
        b.section(landscape=True)
        b.heading(s.heading, 1)
        blank = "_" * 28
        score_box = [f"{BOX} 0   {BOX} 1   {BOX} 2", f"{BOX} 3   {BOX} 4   {BOX} 5"]
        shown = f"{BOX} {s.live}   {BOX} {s.slides}   {BOX} {s.not_shown}"
        for k, sc in enumerate(self.ctx["scenarios"]):
            if k:
                b.page_break()
            b.heading(s.sheet_heading.format(id=sc["id"], title=sc["title"]), 2)
            # One line, not a table: it stays on the page of the sheet below it.
            b.paragraph(f"{s.vendor}: {blank}     {s.evaluator}: {blank}     {s.date}: "
                        f"{blank[:16]}", space_after=4, keep_with_next=True)
            # The instructions on every printed sheet, above the table: under it they can be
            # left alone on a page of their own (Word's "keep with next" does not hold a
            # paragraph to the table before it in LibreOffice).
            b.paragraph(s.intro, italic=True, size=8, color="5A6B7D", space_after=6)
            rows = []
            for step in sc["steps"]:
                lines: list[str] = []
                for req in step["marks"]:  # this project's, once per scenario
                    lines += [f"{req['id']} {req['title']}", shown]
                rows.append([
                    Cell(str(step["number"]), bold=True, align="center"),
                    Cell([step["action"], f"→ {step['expected']}"], lead=True),
                    Cell(score_box), Cell(lines or [self._no_marks(step)], italic=not lines), "",
                ])
            if sc["other_marks"]:  # shown in the scenario, but in none of its steps
                rows.append(["", Cell(self.s.sheet_marks.other, bold=True), "",
                             Cell([line for req in sc["other_marks"]
                                   for line in (f"{req['id']} {req['title']}", shown)]), ""])
            # The closing questions are rows of the same table, so they stay on its page.
            rows.append(["", Cell(s.outcome, bold=True), Cell(s.outcome_choices.split("   ")),
                         "", ""])
            rows.append(["", Cell(s.overall, bold=True), "", "", "\n"])
            b.table([s.col_step, s.col_check, s.col_score, s.col_shown, s.col_notes], rows,
                    widths=[0.75, 4, 1.5, 3.6, 3])


    def conflict_of_interest(self) -> None:
        """One declaration form per participant (one blank form without participants), signed
        before any scoring when ``evaluation.conflict_of_interest`` is on."""
        if not self.ctx.get("conflict_of_interest"):
            return
        s, b = self.s.conflict, self.b
        b.section(landscape=False)
        b.heading(s.heading, 1)
        b.paragraph(s.intro)
        people = [(p["name"], slug_label(self.c, "department", g["department"]))
                  for g in self.ctx["participants"] for p in g["people"]] or [("", "")]
        vendors = [v["name"] for v in self.ctx["vendors"]] or [""]
        for k, (name, department) in enumerate(people):
            if k:
                b.page_break()
            b.heading(s.form_heading.format(name=name) if name else s.form_heading_blank, 2)
            b.paragraph(s.declare.format(project=self.ctx["project"]["name"]))
            b.bullets(s.relations)
            b.table([s.col_vendor, s.col_none, s.col_interest],
                    [[Cell(v, bold=True), f"{BOX} {s.none}", f"{BOX} {s.interest}"]
                     for v in vendors], widths=[2.4, 1.8, 3.6])
            b.paragraph(s.undertaking)
            b.key_values([(s.name, name or "\u00a0"), (s.department, department or "\u00a0"),
                          (s.date, "\u00a0"), (s.signature, "\u00a0\n\u00a0\n\u00a0")],
                         widths=(2, 4.6))


def holiday_lines(window: dict[str, Any] | None, s: Any,
                  date: Callable[[dt.date], str]) -> list[str]:
    """The public holidays the schedule skipped and its half days, one sentence each."""
    if not window:
        return []
    out = []
    for half, text in ((False, s.holidays), (True, s.half_days)):
        days = [f"{date(h['date'])} ({h['name']})" for h in window.get("holidays", [])
                if h["half_day"] == half]
        if days:
            out.append(text.format(days="; ".join(days)))
    return out
