"""The migration plan as Word, a Markdown checklist and a CSV for project tools.

All three come from one context (:func:`build_migration_context`) whose tasks are worded here
from ``templates/strings/migration.yaml``. The CSV header is chosen so that the common tools
map it without manual work: Asana reads ``Name`` (first column), ``Description``, ``Section``,
``Assignee`` (an e-mail), ``Start Date``, ``Due Date`` and ``Dependencies`` (names of earlier
tasks); Microsoft Project's import wizard maps ``ID``, ``Name``, ``Duration`` (working days),
``Start``-like dates, ``Predecessors`` (IDs), ``Resource Names`` and ``Milestone``; Jira's
CSV importer lets each column be mapped to a field. Dates are ISO 8601 (2027-04-05), which
every importer accepts with its date-format setting; the file is UTF-8 with a byte-order mark
so that Excel shows Turkish characters.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crmselect.documents.docmodel import Cell, Document
from crmselect.documents.document_control import apply_document_settings
from crmselect.documents.formatting import (
    currency_label,
    format_date,
    format_money,
    format_number,
    format_percent,
    slug_label,
)
from crmselect.documents.output import atomic_path, output_path, write_text_atomic
from crmselect.documents.render_docx import render_docx
from crmselect.documents.render_markdown import render_markdown
from crmselect.documents.strings import Strings, load_strings
from crmselect.project import LoadedProject, load_project
from crmselect.reporting.migration_context import build_migration_context
from crmselect.textsafety import safe_cell

CSV_HEADER = ("Name", "Description", "Section", "Assignee", "Start Date", "Due Date", "ID",
              "Duration", "Predecessors", "Dependencies", "Resource Names", "Milestone")
BOX = "\u2610"


@dataclass(frozen=True)
class MigrationFiles:
    """The files :func:`render_migration` wrote."""

    docx: Path
    markdown: Path
    csv: Path
    tasks: int
    vendor: str | None
    #: The planned vendor's name, as the plan and the CLI's line show it.
    vendor_name: str | None = None


def default_vendor(lp: LoadedProject) -> str | None:
    """The evaluation's winner when evaluators have scored, else None (no vendor chosen)."""
    if not lp.scores.scores:
        return None
    from crmselect.scoring import evaluate_project

    return evaluate_project(lp, monte_carlo_samples=0).winner


def render_migration(project: Path | LoadedProject, lang: str | None = None,
                     vendor: str | None = None, template: Path | None = None,
                     out: Path | None = None, today: dt.date | None = None,
                     use_winner: bool = True) -> MigrationFiles:
    """Write ``out/migration-plan.docx``, ``.md`` and ``.csv`` (or ``out`` and its siblings).

    Without ``vendor`` the evaluation winner is planned for (``use_winner``), or no vendor when
    nobody has scored yet. Everything is rendered before anything is written.
    """
    lp = project if isinstance(project, LoadedProject) else load_project(project)
    lang = lang or lp.language
    if vendor is None and use_winner:
        vendor = default_vendor(lp)
    strings = load_strings(lang, lp.root)
    ctx = build_migration_context(lp, lang, vendor=vendor, today=today)
    word_context(ctx, strings)
    docx_path = output_path(lp.root, "migration-plan.docx", out)
    md_path = docx_path.with_suffix(".md")
    csv_path = docx_path.with_suffix(".csv")
    table = migration_csv(ctx, strings)
    document = build_migration_docx(ctx, strings, template)
    apply_document_settings(document, lp.project, strings["common"])
    builder = render_docx(document)
    markdown = render_markdown(document)
    builder.save(docx_path)
    write_text_atomic(md_path, markdown)
    with atomic_path(csv_path) as tmp:
        tmp.write_bytes(table.encode("utf-8-sig"))
    return MigrationFiles(docx_path, md_path, csv_path, len(ctx["tasks"]),
                          ctx["vendor"]["id"] if ctx["vendor"] else None,
                          ctx["vendor"]["name"] if ctx["vendor"] else None)


# --- wording ---------------------------------------------------------------------------------


def owner_text(owner: dict[str, Any] | None, strings: Strings) -> str:
    """``Name, Department``, the department alone when nobody is named, or "to be named"."""
    m, c = strings["migration"], strings["common"]
    if not owner:
        return m.tasks.owner_none
    department = slug_label(c, "department", owner.get("department"))
    if owner.get("name"):
        return f"{owner['name']}, {department}" if department else owner["name"]
    return m.tasks.owner_department.format(department=department)


def _values(params: dict[str, Any], strings: Strings, lang: str) -> dict[str, Any]:
    """Task parameters as display text: slugs labelled, lists joined, dates formatted."""
    c = strings["common"]
    kinds = {"entity": "entity", "entities": "entity", "department": "department",
             "departments": "department", "role": "user_role"}
    out: dict[str, Any] = {}
    for key, value in params.items():
        if key in kinds:
            items = value if isinstance(value, list) else [value]
            out[key] = ", ".join(slug_label(c, kinds[key], v) for v in items)
        elif key in ("reviewer", "steward"):
            out[key] = owner_text(value, strings)
        elif key == "pattern":
            out[key] = ", ".join(c.pattern[p] if p in c.pattern else p for p in value)
        elif key == "direction":
            out[key] = c.direction[value] if value in c.direction else value
        elif isinstance(value, dt.date):
            out[key] = format_date(value, lang)
        elif isinstance(value, list):
            out[key] = ", ".join(format_date(v, lang) if isinstance(v, dt.date) else str(v)
                                 for v in value)
        else:
            out[key] = value
    return out


def word_context(ctx: dict[str, Any], strings: Strings) -> None:
    """Word the context in place: ``title``, ``detail`` and ``owner_text`` of every task,
    ``owner_text`` of every KPI, ``detail`` of every risk and ``note_texts``."""
    m = strings["migration"]
    texts, more = m.task, m.task_more
    cleaning = dict(m.entity_cleaning)
    abroad = not ctx.get("in_turkey", True)
    if abroad:  # no VKN/TCKN, provinces and districts abroad
        cleaning.update(m.entity_cleaning_abroad)
    lang = ctx["lang"]
    for task in ctx["tasks"]:
        kind, params = task["kind"], task["params"]
        t = texts[kind] if kind in texts else more[kind]
        values = _values(params, strings, lang)
        title = t.title_vendor if "title_vendor" in t and params.get("vendor") else t.title
        if kind == "integration":
            detail = (t.detail_systems if params["systems"] else t.detail_examples).format(
                **values)
            if params["connectors"]:
                detail += " " + t.connectors.format(**values)
        else:
            detail = t.detail.format(**values)
        if abroad and kind in m.task_abroad:  # no KVKK nor İYS outside Türkiye
            detail = m.task_abroad[kind].format(**values)
        if kind == "clean_entity" and params["entity"] in cleaning:
            detail = cleaning[params["entity"]]
        if kind in ("clean_entity", "transfer_entity"):
            detail += " " + _volume_text(params, strings, lang)
        if kind == "integration":
            x = m.task_extra
            detail += " " + (x.wave_first if params["wave_number"] == 1
                             else x.wave.format(wave=params["wave_number"]))
        task["title"] = title.format(**values)
        task["detail"] = detail
        task["owner_text"] = owner_text(task["owner"], strings)
    for kpi in ctx["kpis"]:
        kpi["owner_text"] = owner_text(kpi["owner"], strings)
    for risk in ctx["risks"]:
        risk["detail"] = risk_detail(risk, strings, lang)
    ctx["note_texts"] = [note_text(n, strings, lang) for n in ctx["notes"]]
    ctx["note_texts"].append(m.note_more.effort)
    o = strings["migration"].overview
    ctx["holiday_texts"] = [
        (o.holiday_half if h["half_day"] else o.holiday_full).format(
            date=format_date(h["date"], lang), name=h["name"])
        for h in ctx.get("holidays", [])]


def note_text(note: dict[str, Any], strings: Strings, lang: str) -> str:
    """One assumption of the plan, worded."""
    m = strings["migration"].note
    code = note["code"]
    if code == "go_live_assumed":
        code = "go_live_vendor" if note["params"]["vendor"] else "go_live_default"
    if code not in m:
        m = strings["migration"].note_more
    params = dict(note["params"])
    if code == "overloaded":
        params["names"] = ", ".join(load_who(w, strings) for w in params["names"])
    return m[code].format(**_values(params, strings, lang))


def load_who(who: str, strings: Strings) -> str:
    """A person's name, a department's label or "Vendor / partner"."""
    if who == "vendor":
        return strings["migration"].raci.vendor
    if who.startswith("department:"):
        return slug_label(strings["common"], "department", who.split(":", 1)[1])
    return who


def source_text(entity: dict[str, Any], strings: Strings) -> str:
    """The source system of an entity, marked when it is assumed."""
    m = strings["migration"]
    if not entity["source"]:
        return m.source_unknown
    if entity["source_assumed"]:
        return m.source_assumed.format(source=entity["source"])
    return entity["source"]


def _volume_text(params: dict[str, Any], strings: Strings, lang: str) -> str:
    x = strings["migration"].task_extra
    records, source = params.get("records"), params.get("source")
    if records is not None and source:
        return x.records.format(records=format_number(records, lang), source=source)
    if records is not None:
        return x.records_only.format(records=format_number(records, lang))
    return x.source_only.format(source=source) if source else ""


#: The risk types of a requirement the chosen vendor does not cover.
GAP_TYPES = ("none", "unanswered")


def risk_detail(risk: dict[str, Any], strings: Strings, lang: str) -> str:
    r = strings["migration"].risks
    if risk["type"] == "unanswered":
        return r.unanswered_detail
    if risk["type"] == "none":
        return risk["comment"] or ""
    if risk["type"] == "understated":  # the declared level in the workbook's words
        text = r.understated_detail.format(
            declared=strings["common"].compliance[risk["declared"]],
            score=format_number(risk["score"], lang, 1))
    elif risk["type"] == "custom":
        text = r.custom_detail.format(days=risk["days"])
    elif risk["type"] == "third_party":
        text = risk["product"]
    else:
        text = r.roadmap_detail.format(date=format_date(risk["date"], lang))
    return f"{text}. {risk['comment']}" if risk["comment"] else text


# --- CSV -------------------------------------------------------------------------------------


def migration_csv(ctx: dict[str, Any], strings: Strings) -> str:
    """The tasks as CSV text with :data:`CSV_HEADER`, one row per task."""
    phases = strings["migration"].phase
    by_id = {t["id"]: t for t in ctx["tasks"]}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for t in ctx["tasks"]:
        owner = t["owner"] or {}
        writer.writerow([safe_cell(v) for v in (
            t["title"], t["detail"], phases[t["phase"]].name, owner.get("email", ""),
            t["start"].isoformat(), t["end"].isoformat(), t["id"], t["days"],
            ",".join(str(d) for d in t["depends"]),
            ",".join(by_id[d]["title"] for d in t["depends"]), t["owner_text"],
            "Yes" if t["milestone"] else "No",
        )])
    return buffer.getvalue()


# --- Word ------------------------------------------------------------------------------------


def build_migration_docx(ctx: dict[str, Any], strings: Strings,
                         template: Path | None = None) -> Document:
    """The migration plan as a :class:`Document`, ready to render."""
    m, c, lang = strings["migration"], strings["common"], ctx["lang"]
    b = Document(template=template, language=ctx["lang"],
                 generated=ctx["generated"])

    def date(value: dt.date | None) -> str:
        return format_date(value, lang)

    org = ctx["organisation"]["name"]
    b.page_numbers(c.page, left_text=m.footer.format(organisation=org))
    vendor = ctx["vendor"]
    facts = [(m.fact.vendor, vendor["name"] if vendor else m.fact.no_vendor),
             (m.fact.start, date(ctx["start"])), (m.fact.go_live, date(ctx["go_live"])),
             (m.fact.duration, m.fact.duration_value.format(weeks=ctx["weeks"])),
             (m.fact.tasks, str(ctx["counts"]["tasks"]))]
    b.cover(m.title, m.subtitle.format(project=ctx["project"]["name"]), facts, kicker=org,
            note=c.confidential)
    b.toc(c.contents)

    b.heading(m.overview.heading, 1)
    b.paragraph(m.overview.intro)
    b.heading(m.overview.assumptions, 2)
    b.bullets(ctx["note_texts"])
    b.heading(m.overview.holidays_heading, 2)
    if ctx["holiday_texts"]:
        # the half-day sentence (Turkish arife, 28 October) only where the plan has one
        half = any(h["half_day"] for h in ctx.get("holidays", []))
        b.paragraph(m.overview.holidays_intro if half else m.holidays_no_half_day.intro)
        b.bullets(ctx["holiday_texts"])
    else:
        b.paragraph(m.overview.no_holidays)
    b.heading(m.overview.phases_heading, 2)
    rows = [[Cell(m.phase[p["id"]].name, bold=True), date(p["start"]), date(p["end"]),
             str(p["days"]), str(len(p["tasks"]))] for p in ctx["phases"]]
    b.table([m.overview.col_phase, m.overview.col_from, m.overview.col_to,
             m.overview.col_days, m.overview.col_tasks], rows, widths=[3, 2, 2, 1.1, 1])
    _gantt(b, ctx, strings)
    b.heading(m.overview.success_heading, 2)
    b.bullets(m.overview.success)
    _data_section(b, ctx, strings)
    _integration_section(b, ctx, strings)

    b.section(landscape=True)
    _raci_section(b, ctx, strings)
    _load_section(b, ctx, strings)
    b.heading(m.tasks.heading, 1)
    for k, phase in enumerate(ctx["phases"]):
        b.heading(f"{k + 1}. {m.phase[phase['id']].name}", 2)
        b.paragraph(m.phase[phase["id"]].intro, italic=True, color="5A6B7D")
        rows = []
        for t in phase["tasks"]:
            when = date(t["start"]) if t["start"] == t["end"] else (
                f"{date(t['start'])} –\n{date(t['end'])}")
            title = t["title"] + (f" ({m.tasks.milestone})" if t["milestone"] else "")
            rows.append([Cell(str(t["id"]), bold=True, align="center"),
                         Cell([title, t["detail"]], lead=True), t["owner_text"], when,
                         Cell(str(t["days"]), align="center"),
                         ", ".join(f"#{d}" for d in t["depends"]) or "—",
                         Cell(BOX, align="center")])
        b.table([m.tasks.col_id, m.tasks.col_task, m.tasks.col_owner, m.tasks.col_dates,
                 m.tasks.col_days, m.tasks.col_after, m.tasks.col_done], rows,
                widths=[0.5, 5.6, 2.2, 2, 0.6, 1.2, 0.6])
        if phase["id"] == "monitoring":
            _kpi_table(b, ctx, strings)

    if not any(p["id"] == "monitoring" for p in ctx["phases"]):
        _kpi_table(b, ctx, strings)
    if vendor:
        b.heading(m.risks.heading, 2)
        if ctx["risks"]:
            gaps = [r for r in ctx["risks"] if r["type"] in GAP_TYPES]
            weak = [r for r in ctx["risks"] if r["type"] == "understated"]
            if len(gaps) + len(weak) < len(ctx["risks"]):  # custom, third party, roadmap
                b.paragraph(m.risks.intro.format(vendor=vendor["name"]))
            if weak:
                b.paragraph(m.risks.understated.format(
                    vendor=vendor["name"], count=format_number(len(weak), lang)))
            if gaps:
                b.paragraph(m.risks.gaps.format(  # the workbook's word for the answer
                    vendor=vendor["name"], label=c.compliance.none,
                    count=format_number(len(gaps), lang)))
            rows = [[Cell([r["requirement"], r["title"]], lead=True), m.risks.type[r["type"]],
                     r["detail"]] for r in ctx["risks"]]
            b.table([m.risks.col_requirement, m.risks.col_type, m.risks.col_detail], rows,
                    widths=[4, 2, 6])
        else:
            b.paragraph(m.risks.none.format(vendor=vendor["name"]))
    _cutover_section(b, ctx, strings)
    _budget_section(b, ctx, strings)
    b.colophon(c.generated_with.format(date=date(ctx["generated"])))
    return b


def _gantt(b: Document, ctx: dict[str, Any], strings: Strings) -> None:
    from crmselect.documents.charts import gantt_chart

    g, m, lang = strings["migration"].gantt, strings["migration"], ctx["lang"]
    order = {p: i for i, p in enumerate(PHASE_ORDER)}
    rows = [(g.wave.format(wave=r["wave"]) if r["wave"] else m.phase[r["phase"]].name,
             r["bars"], order.get(r["phase"], 0)) for r in ctx["gantt"]["rows"]]
    milestones = [(g.milestone[x["kind"]], x["date"]) for x in ctx["gantt"]["milestones"]
                  if x["kind"] != "go_live"]
    end = max(t["end"] for t in ctx["tasks"])
    chart = gantt_chart(rows, milestones, ctx["go_live"], g.go_live,
                        g.alt.format(start=format_date(ctx["start"], lang),
                                     end=format_date(end, lang),
                                     go_live=format_date(ctx["go_live"], lang)), lang)
    b.heading(g.heading, 2)
    b.chart(chart, g.caption)


PHASE_ORDER = ("project_team", "planning", "data_cleaning", "data_transfer", "training",
               "testing", "launch", "monitoring")


def _data_section(b: Document, ctx: dict[str, Any], strings: Strings) -> None:
    m, c, lang = strings["migration"], strings["common"], ctx["lang"]
    d = m.data
    if not ctx["entities"]:
        return
    b.heading(d.heading, 1)
    b.paragraph(d.intro)
    tasks = {t["key"]: t for t in ctx["tasks"]}
    rows = []
    for e in ctx["entities"]:
        clean, transfer = tasks.get(f"clean:{e['entity']}"), tasks.get(f"transfer:{e['entity']}")
        rows.append([Cell(slug_label(c, "entity", e["entity"]), bold=True), source_text(e, strings),
                     Cell(format_number(e["records"], lang) if e["records"] is not None
                          else m.records_unknown, align="right"),
                     clean["owner_text"] if clean else "",
                     Cell(str(clean["days"]) if clean else "", align="center"),
                     Cell(str(transfer["days"]) if transfer else "", align="center")])
    known = [e["records"] for e in ctx["entities"] if e["records"] is not None]
    if known:
        rows.append([Cell(d.total, bold=True), "", Cell(format_number(sum(known), lang),
                                                        bold=True, align="right"), "", "", ""])
    b.table([d.col_entity, d.col_source, d.col_records, d.col_owner, d.col_clean,
             d.col_transfer], rows, widths=[2.6, 2.6, 1.3, 2.6, 1.2, 1.2])
    dedup = ctx["dedup"]
    if dedup["entities"]:
        x = m.dedup
        b.heading(x.heading, 2)
        b.paragraph(x.intro.format(steward=owner_text(dedup["steward"], strings)))
        rows = [[Cell(slug_label(c, "entity", e["entity"]), bold=True),
                 [f"{k + 1}. {x.key[key] if key in x.key else m.dedup_abroad.key[key]}"
                  for k, key in enumerate(e["keys"])],
                 Cell(format_number(e["records"], lang) if e["records"] is not None
                      else m.records_unknown, align="right")]
                for e in dedup["entities"]]
        b.table([x.col_entity, x.col_keys, x.col_records], rows, widths=[2.5, 5, 1.5])
        b.heading(x.survivorship_heading, 3)
        b.bullets(x.survivorship)


def _integration_section(b: Document, ctx: dict[str, Any], strings: Strings) -> None:
    x, lang = strings["migration"].integrations, ctx["lang"]
    b.heading(x.heading, 1)
    if not ctx["integrations"]:
        b.paragraph(x.none)
        return
    built = any(link["kind"] == "integration" for link in ctx["integrations"])
    b.paragraph(x.intro if built else x.intro_none_built)
    tasks = {t["key"]: t for t in ctx["tasks"]}
    rows = []
    for link in sorted(ctx["integrations"], key=lambda y: (y["kind"] != "integration",
                                                           y["wave"], y["requirement"])):
        task = tasks[f"integration:{link['requirement']}"]
        wave = str(task["params"]["wave_number"]) if link["kind"] == "integration" else "—"
        rows.append([Cell(wave, align="center"), Cell([link["requirement"], link["title"]],
                                                      lead=True),
                     ", ".join(link["systems"]) or "—", x.kind[link["kind"]],
                     f"#{task['id']} · {format_date(task['start'], lang)} – "
                     f"{format_date(task['end'], lang)}"])
    b.table([x.col_wave, x.col_requirement, x.col_systems, x.col_task, x.col_dates], rows,
            widths=[0.7, 3.6, 2.2, 2.8, 2.6])


def _raci_section(b: Document, ctx: dict[str, Any], strings: Strings) -> None:
    r, c = strings["migration"].raci, strings["common"]
    raci = ctx["raci"]
    headers = [r.col_stream]
    for col in raci["columns"]:
        if col["role"] == "lead":
            name = (col["owner"] or {}).get("name")
            headers.append(f"{r.lead}\n({name})" if name else r.lead)
        elif col["role"] == "department":
            headers.append(slug_label(c, "department", col["department"]))
        elif col["role"] == "it":
            headers.append(slug_label(c, "department", "it"))
        else:
            headers.append(f"{r.vendor}\n({col['name']})" if col["name"] else r.vendor)
    streams = dict(r.stream)
    if not ctx.get("in_turkey", True):  # personal data, without KVKK and İYS
        streams.update(strings["migration"].raci_abroad.stream)
    rows = [[Cell(streams[row["stream"]], bold=True)]
            + [Cell(v, align="center", bold="A" in v) for v in row["cells"]]
            for row in raci["rows"]]
    b.heading(r.heading, 1)
    b.paragraph(r.intro)
    b.table(headers, rows, widths=[3.2] + [1.3] * (len(headers) - 1))


def _load_section(b: Document, ctx: dict[str, Any], strings: Strings) -> None:
    x, lang = strings["migration"].load, ctx["lang"]
    if not ctx["load"]:
        return
    over = any(w["peak"] > 1.0 + 1e-9 for w in ctx["load"])
    b.heading(x.heading, 2)
    b.paragraph(x.intro_overloaded if over else x.intro)
    rows = []
    for w in ctx["load"]:
        weeks = [v for v in w["weeks"].values() if v > 0]
        who = (owner_text({"name": w["name"], "department": w["department"]}, strings)
               if w["name"] else load_who(w["who"], strings))
        rows.append([Cell(who, bold=True),
                     x.week_of.format(date=format_date(w["peak_week"], lang)),
                     Cell(format_percent(w["peak"], lang), align="right",
                          bold=w["peak"] > 1.0 + 1e-9),
                     Cell(format_percent(sum(weeks) / len(weeks), lang), align="right")])
    b.table([x.col_who, x.col_peak, x.col_load, x.col_average], rows, widths=[4, 3, 1.5, 2.5])


def _cutover_section(b: Document, ctx: dict[str, Any], strings: Strings) -> None:
    m, c, lang = strings["migration"], strings["common"], ctx["lang"]
    x, cut = m.cutover, ctx["cutover"]
    b.heading(x.heading, 1)
    b.paragraph(x.intro)
    rows = []
    for step in cut["steps"]:
        p = step["params"]
        values: dict[str, str] = {}
        code = step["code"]
        if code == "final_export":
            if not p["sources"]:
                code = "final_export_none"
            values["sources"] = ", ".join(p["sources"])
        if code == "load_reconcile":
            values["entities"] = ", ".join(
                slug_label(c, "entity", e["entity"])
                + (f" ({format_number(e['records'], lang)})" if e["records"] is not None else "")
                for e in p["entities"]) or "—"
        if code == "switch_integrations":
            values["systems"] = " → ".join(p["systems"])
        if code == "smoke_test":
            values["departments"] = ", ".join(
                slug_label(c, "department", d) for d in p["departments"]) or x.departments
        when = "T" if step["offset"] == 0 else f"T{step['offset']}"
        if step["role"] == "vendor":
            owner = ctx["vendor"]["name"] if ctx["vendor"] else m.raci.vendor
        elif step["role"] == "departments":
            owner = x.key_users
        else:
            owner = owner_text(step["owner"], strings)
        rows.append([Cell([when, format_date(step["date"], lang)], lead=True),
                     x.step[code].format(**values), owner])
    b.table([x.col_when, x.col_step, x.col_owner], rows, widths=[2, 7, 3])
    b.heading(x.criteria_heading, 2)
    b.paragraph(x.criteria_intro)
    cp = cut["criteria_params"]
    values = {"departments": ", ".join(slug_label(c, "department", d)
                                       for d in cp["departments"]) or x.departments,
              "users": str(cp["users"]), "steward": owner_text(cp["steward"], strings)}
    b.bullets([f"{BOX} " + x.criterion[k].format(**values) for k in cut["criteria"]])
    b.heading(x.rollback_heading, 2)
    b.bullets([x.rollback[k].format(date=format_date(cut["rollback_deadline"], lang))
               for k in cut["rollback"]])
    h = m.hypercare
    hc = cut["hypercare"]
    b.heading(h.heading, 2)
    b.paragraph(h.intro.format(start=format_date(hc["start"], lang),
                               end=format_date(hc["end"], lang), days=hc["days"]))
    b.table([h.col_severity, h.col_example, h.col_response],
            [[Cell(h.levels[k].name, bold=True), h.levels[k].example, h.levels[k].response]
             for k in ("critical", "high", "medium", "low")], widths=[2, 6, 3])
    b.paragraph(h.exit)


def _budget_section(b: Document, ctx: dict[str, Any], strings: Strings) -> None:
    m, lang = strings["migration"], ctx["lang"]
    x, budget = m.budget, ctx["budget"]
    b.heading(x.heading, 1)
    if budget is None:
        b.paragraph(x.no_vendor)
        return
    if not budget["priced"]:
        b.paragraph(x.unpriced.format(vendor=budget["vendor"]))
        return
    cur = budget["currency"]
    b.paragraph(x.intro.format(vendor=budget["vendor"], currency=currency_label(cur, lang)))
    if budget["discounted"]:
        b.paragraph(x.discounted)
    names = strings["comparison"].component

    def money(value: float) -> Cell:
        return Cell(format_money(value, cur, lang) if value else "—", align="right")

    rows = [[Cell(names[line["component"]], bold=True), money(line["year1"]),
             money(line["later"]), money(line["total"])] for line in budget["lines"]]
    rows.append([Cell(x.total, bold=True), money(budget["year1"]), money(budget["later"]),
                 money(budget["total"])])
    horizon = budget["horizon"]
    b.table([x.col_line, x.col_year1, x.col_later.format(horizon=horizon),
             x.col_total.format(horizon=horizon)], rows, widths=[4, 2.5, 2.5, 2.5])
    if budget["target_budget"] is not None:
        b.paragraph(x.target.format(amount=format_money(budget["target_budget"], cur, lang)))


def _kpi_table(b: Document, ctx: dict[str, Any], strings: Strings) -> None:
    k, lang = strings["migration"].kpis, ctx["lang"]
    b.heading(k.heading, 2)
    if not ctx["kpis"]:
        b.paragraph(k.none)
        return
    b.paragraph(k.intro)
    rows = [[Cell([x["name"], k[x["direction"]]], lead=True), x["formula_text"], "", "",
             x["owner_text"], [format_date(d, lang) for d in x["reviews"]]]
            for x in ctx["kpis"]]
    b.table([k.col_kpi, k.col_formula, k.col_baseline, k.col_target, k.col_owner,
             k.col_reviews], rows, widths=[3, 3.4, 1.4, 1.4, 2.2, 1.8])
