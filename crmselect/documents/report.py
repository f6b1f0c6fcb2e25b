"""The comparison report: Word, one self-contained HTML file, JSON and CSV.

``comparison.docx`` and ``comparison.html`` are rendered from one
:class:`~crmselect.documents.docmodel.Document` (:func:`build_report_docx`), filled from the
context (:func:`build_comparison_context`) and the charts; ``comparison.json`` is the whole
evaluation (:meth:`Evaluation.to_dict`), for other tools; ``comparison.csv`` has one row per
vendor × requirement with weights, scores and where each score comes from, every cell guarded
against formula injection. Everything is rendered before anything is written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from crmselect.documents.charts import (
    COST_LABEL_WIDTH,
    Chart,
    area_chart,
    chart_names,
    cost_chart,
    ranking_chart,
    tco_chart,
)
from crmselect.documents.document_control import apply_document_settings
from crmselect.documents.formatting import slug_label
from crmselect.documents.output import atomic_path, output_path, write_text_atomic
from crmselect.documents.render_docx import render_docx
from crmselect.documents.render_html import render_html
from crmselect.documents.report_docx import ReportFormat, build_report_docx
from crmselect.documents.strings import Strings, load_strings
from crmselect.documents.workers import run_tasks
from crmselect.i18n import render_messages, text
from crmselect.i18n.compat import t
from crmselect.i18n.formatting import currency_label, unrounded
from crmselect.project import LoadedProject, load_project
from crmselect.reporting.comparison_context import build_comparison_context
from crmselect.scoring import Evaluation, evaluate_project
from crmselect.textsafety import safe_cell

CSV_HEADER = ("vendor", "vendor_name", "rank", "knocked_out", "requirement", "title", "area",
              "group", "priority", "weight", "score", "contribution", "source", "declared",
              "declared_score", "shown", "n_scorers", "spread", "discounted")


@dataclass(frozen=True)
class ReportFiles:
    """The files :func:`render_report` wrote, and the evaluation they show."""

    docx: Path
    html: Path
    json: Path
    csv: Path
    evaluation: Evaluation


def render_report(project: Path | LoadedProject, lang: str | None = None,
                  method: str | None = None, template: Path | None = None,
                  out_dir: Path | None = None, today: dt.date | None = None,
                  evaluation: Evaluation | None = None, workers: int = 1) -> ReportFiles:
    """Evaluate the project and write ``comparison.{docx,html,json,csv}`` to ``out_dir``
    (default ``DIR/out``). ``method`` (``wsm``/``topsis``) overrides the project's.
    ``evaluation``: the project's, already made with that method (``build`` evaluates once).
    ``workers``: processes drawing the charts side by side (see
    :func:`~crmselect.documents.workers.run_tasks`); 1 draws them here, which a threaded
    caller wants."""
    plan = plan_report(project, lang, method, today, evaluation)
    return write_report(plan, run_tasks(plan.charts, workers), template, out_dir)


@dataclass(frozen=True)
class ReportPlan:
    """The comparison report worked out but not written yet (:func:`plan_report`): its
    context, its strings, and for each chart a function that draws it.

    Why apart: the charts are most of the report's time (0.85 s of 1.1 s for the sample), and
    they do not depend on each other, so ``build`` draws them side by side in its workers and
    puts the report together (:func:`write_report`) as soon as they are drawn."""

    project: LoadedProject
    lang: str
    evaluation: Evaluation
    strings: Strings
    context: dict[str, Any]
    charts: dict[str, Callable[[], Chart]]


def plan_report(project: Path | LoadedProject, lang: str | None = None,
                method: str | None = None, today: dt.date | None = None,
                evaluation: Evaluation | None = None) -> ReportPlan:
    """The report of the project (evaluated with ``method`` unless ``evaluation`` is given),
    ready to draw and write."""
    lp = project if isinstance(project, LoadedProject) else load_project(project)
    lang = lang or lp.language
    if evaluation is None:
        evaluation = evaluate_project(lp, method=method)
    strings = load_strings(lang, lp.root)
    # The context holds the warnings as messages (codes with parameters): written here.
    ctx = render_messages(build_comparison_context(lp, evaluation, lang, today=today), lang)
    charts = report_charts(ctx, strings)
    _label_warnings(ctx, evaluation, strings["common"], lang)
    return ReportPlan(lp, lang, evaluation, strings, ctx, charts)


def write_report(plan: ReportPlan, charts: Mapping[str, Chart], template: Path | None = None,
                 out_dir: Path | None = None) -> ReportFiles:
    """Write the report of ``plan`` with its drawn ``charts`` (by the names of
    ``plan.charts``) into ``out_dir`` (default ``DIR/out``)."""
    lp, lang, evaluation, strings, ctx = (plan.project, plan.lang, plan.evaluation,
                                          plan.strings, plan.context)
    document = build_report_docx(ctx, strings, {name: charts[name] for name in plan.charts},
                                 template)
    apply_document_settings(document, lp.project, strings["common"])
    builder = render_docx(document)
    html = render_html(document)
    data = json_document(evaluation.to_dict(text))
    table = comparison_csv(ctx, lang, strings["common"], strings["comparison"])

    base = output_path(lp.root, "comparison.docx") if out_dir is None else (
        Path(out_dir) / "comparison.docx")
    paths = {ext: base.with_suffix(f".{ext}") for ext in ("docx", "html", "json", "csv")}
    builder.save(paths["docx"])
    write_text_atomic(paths["html"], html)
    write_text_atomic(paths["json"], data)
    with atomic_path(paths["csv"]) as tmp:
        tmp.write_bytes(table.encode("utf-8-sig"))
    return ReportFiles(paths["docx"], paths["html"], paths["json"], paths["csv"], evaluation)


#: One value on one line, as ``json.dumps`` writes it without ``indent`` (Python's C encoder).
_ONE_LINE = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
_CONTAINERS = frozenset({dict, list, tuple})


def json_document(value: Any) -> str:
    """``value`` as one JSON document: an object or array that holds a non-empty object, or
    an array of objects or arrays, is spread over lines, one item a line, indented by two
    spaces; any other (a record of a score, a list of figures, an empty one) is written on
    one line. Ends with a newline.

    Why not ``json.dumps(..., indent=2)``: with ``indent`` Python encodes in Python, not with
    its C encoder (the sample's comparison, 609 KB indented: 24 ms, against 4 ms on one line).
    Here the C encoder writes each one-line value (the sample's file has 4,530 lines, most of
    them one requirement of one vendor) and Python only the lines around them: 11 ms, 377 KB,
    and the file still reads and diffs line by line. The same data: ``json.loads`` gives what
    it gave for the indented text."""
    parts: list[str] = []
    _write_json(value, "\n", parts)
    parts.append("\n")
    return "".join(parts)


def _filled(value: Any) -> bool:
    """Whether ``value`` is an object or an array that is not empty."""
    return bool(value) and type(value) in _CONTAINERS


def _deep(value: Any) -> bool:
    """Whether ``value`` is an object that is not empty, or an array holding one or a
    non-empty array: its container is then spread over lines."""
    kind = type(value)
    if kind is dict:
        return bool(value)
    return (kind is list or kind is tuple) and bool(
        _CONTAINERS.intersection(map(type, value))) and any(map(_filled, value))


def _write_json(value: Any, newline: str, parts: list[str]) -> None:
    kind = type(value)
    items = value.values() if kind is dict else value
    # The types first (in C): most objects hold no object or array at all.
    if kind not in _CONTAINERS or not (_CONTAINERS.intersection(map(type, items))
                                       and any(map(_deep, items))):
        parts.append(_ONE_LINE(value))
        return
    inner = newline + "  "
    separator = inner
    if kind is dict:
        parts.append("{")
        for key, item in value.items():
            parts += (separator, _ONE_LINE(_json_key(key)), ": ")
            separator = "," + inner
            _write_json(item, inner, parts)
        parts.append(newline + "}")
    else:
        parts.append("[")
        for item in value:
            parts.append(separator)
            separator = "," + inner
            _write_json(item, inner, parts)
        parts.append(newline + "]")


def _json_key(key: object) -> str:
    """An object's key as ``json`` writes it: a string as it is, ``None`` and booleans as
    ``null``, ``true``, ``false``, a number as its text."""
    if isinstance(key, str):
        return key
    if key is None or isinstance(key, (bool, int, float)):
        return _ONE_LINE(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _label_warnings(ctx: dict[str, Any], evaluation: Evaluation, common: Strings,
                    lang: str) -> None:
    """Name licences in the warnings by their labels, not their codes (``named_user``)."""
    for item, warning in zip(ctx["warnings"], evaluation.warnings, strict=False):
        if warning.code == "licence_fallback":
            params = {**warning.params, **{key: slug_label(common, "licence", warning.params[key])
                                           for key in ("licence", "used")}}
            item["message"] = text(replace(warning, params=params).message(), lang)


def report_charts(ctx: dict[str, Any], strings: Strings) -> dict[str, Callable[[], Chart]]:
    """The report's charts, each as a function that draws it: ranking, areas, cost against
    score and TCO by component. Their data and labels are taken here."""
    f = ReportFormat(ctx, strings)
    s, lang = f.s, ctx["lang"]
    ranking = ctx["ranking"]
    names = [r["name"] for r in ranking]
    totals = [r["total"] for r in ranking]
    knocked = [r["knocked_out"] for r in ranking]
    crit = ctx["criteria"]
    segments = [] if ctx["method"] != "wsm" else [
        (f.criterion(k), [row["cells"][k]["contribution"] for row in crit["rows"]])
        for k in crit["ids"]]
    charts = {"ranking": partial(
        ranking_chart, names, totals, knocked, segments, s.cost.axis_score,
        s.ranking.knocked, s.ranking.chart, lang)}
    areas = ctx["areas"]
    if areas["areas"]:
        series = [(row["name"], [row["cells"][a["id"]]["score"] for a in areas["areas"]])
                  for row in areas["rows"]]
        charts["areas"] = partial(area_chart, [a["name"] for a in areas["areas"]], series,
                                  s.areas.chart, lang)
    # A knocked-out bid is named so on the cost chart too: cheap and high-scoring, it would
    # otherwise look like the best value of all (top left) to a reader of the chart alone.
    # (a long name cut here, so that the chart keeps the words "knocked out")
    on_chart = [r for r in ranking if r["tco"] is not None]
    short = chart_names([r["name"] for r in on_chart], COST_LABEL_WIDTH)
    priced = [(f"{name} ({s.ranking.knocked})" if r["knocked_out"] else name,
               r["tco"], r["total"], r["knocked_out"]) for name, r in zip(short, on_chart,
                                                                         strict=True)]
    if priced:
        budget = ctx["budget"]
        charts["cost"] = partial(
            cost_chart, priced, budget["target"], budget["ceiling"],
            {"x": s.cost.axis_tco.format(currency=currency_label(f.currency, lang)),
             "y": s.cost.axis_score,
             "budget": s.cost.budget, "ceiling": s.cost.ceiling}, s.cost.heading, lang)
        tco = [v for v in ctx["tco"]["vendors"] if v["priced"]]
        charts["tco"] = partial(
            tco_chart, [v["name"] for v in tco],
            [(s.component[k], [v["components"].get(k, 0.0) for v in tco])
             for k in ctx["tco"]["components"]],
            s.tco.chart.format(currency=currency_label(f.currency, lang)), lang)
    return charts


def comparison_csv(ctx: dict[str, Any], lang: str = "en", common: Any = None,
                   comparison: Any = None) -> str:
    """One row per vendor × requirement (:data:`CSV_HEADER`), numbers unrounded for tools.

    In Turkish the file is what a Turkish-locale Excel opens as columns: ``;`` between
    fields, a decimal comma and Turkish headers (the BOM is added when it is written).
    Yes/no, area, group, priority, compliance, source and test-drive cells are the labels
    of ``lang`` (``common`` and ``comparison``: those trees of the document strings)."""
    if common is None or comparison is None:
        strings = load_strings(lang)
        common = strings["common"] if common is None else common
        comparison = strings["comparison"] if comparison is None else comparison
    yes_no = {True: common["yes"].capitalize(), False: common["no"].capitalize()}
    trees = {"source": comparison.get("source", {}), "shown": comparison.get("shown", {})}

    def label(kind: str, code: object) -> object:
        labels = trees[kind] if kind in trees else common.get(kind, {})
        return labels[code] if isinstance(code, str) and code in labels else (code or "")

    buffer = io.StringIO()
    turkish = lang == "tr"
    writer = csv.writer(buffer, lineterminator="\r\n", delimiter=";" if turkish else ",")
    writer.writerow(t("comparison_csv_header", lang).split("|") if turkish else CSV_HEADER)

    def number(value: object) -> object:
        if turkish and isinstance(value, float):
            return unrounded(value, lang)
        return value

    appendix = ctx["appendix"]
    ranking = {r["vendor"]: r for r in ctx["ranking"]}
    for i, vendor in enumerate(appendix["vendors"]):
        r = ranking[vendor["id"]]
        for row in appendix["rows"]:
            cell = row["cells"][i] or {}
            writer.writerow([safe_cell(v) for v in (
                vendor["id"], vendor["name"], r["rank"], yes_no[bool(r["knocked_out"])],
                row["requirement"], row["title"], row.get("area_name", row["area"]),
                row.get("group_name", row["group"]), label("priority", row["priority"]),
                number(round(row["weight"], 6)), number(_round(cell.get("score"))),
                number(_round(cell.get("contribution"))), label("source", cell.get("source")),
                label("compliance", cell.get("declared")),
                number(_round(cell.get("declared_score"))),
                label("shown", cell.get("shown")), cell.get("n_scorers", 0),
                number(_round(cell.get("spread"))), yes_no[bool(cell.get("discounted", False))],
            )])
    return buffer.getvalue()


def _round(value: float | None) -> float | str:
    return "" if value is None else round(value, 4)
