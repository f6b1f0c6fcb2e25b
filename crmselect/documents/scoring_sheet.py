"""The Excel scoring sheet: one evaluator scores offline, the facilitator imports the sheet.

Sheets: Instructions (in the project's language, with the score scale), Requirements (the
requirements of this project in the evaluator's areas as rows, then the reference checks; per
vendor a Score column with a 0–5 drop-down and a Note column), Scenario steps (every step
``SCN-X.n`` scored the same way), Test-drive marks (each requirement a scenario shows, once,
with a live / slides / not shown drop-down per vendor), and a hidden ``crmselect`` sheet
with the facts the import checks.

Why a note column per vendor rather than a cell comment: a comment is hidden, hard to type in
and lost by some spreadsheet programs; a column prints, wraps and sorts.

Structure is locked (sheet protection without a password, so nothing is secret), input cells
are unlocked. Printed: landscape A4, one page wide, the header row on every page. Every text
goes through :func:`crmselect.textsafety.safe_cell`. The layout (sheets, fixed columns, format
version) lives in :mod:`crmselect.scoringsheetlayout`, below this layer:
:mod:`crmselect.scoringsheetreader` reads the cells back with it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from crmselect.documents.output import OUT_DIR, atomic_path
from crmselect.documents.sheetstyle import (
    BOLD,
    BORDER,
    HEADER_FILL,
    HEADER_FONT,
    INPUT_FILL,
    TITLE_FONT,
    UNLOCKED,
    WRAP,
    fit_height,
)
from crmselect.documents.strings import Strings, load_strings
from crmselect.errors import CrmselectError, Issue, did_you_mean
from crmselect.errors import msg as t
from crmselect.model import Evaluator, ScoresFile, localize
from crmselect.project import LoadedProject
from crmselect.scorechecks import demonstrated
from crmselect.scorerules import SCALE, SHOWN, is_scorer
from crmselect.scoringsheetlayout import (  # the layout, shared with the reader
    FIRST_ROW,
    FIXED_COLUMNS,
    FORMAT_VERSION,
    KIND,
    META_SHEET,
    REFERENCES,
    SCORED_PAIR,
    vendor_label,
)
from crmselect.textsafety import safe_cell

#: Where the sheets go by default, under the project.
SHEETS_DIR = Path(OUT_DIR) / "scoring"

CENTER = Alignment(horizontal="center", vertical="top")
_WIDTHS = {"id": 13, "area": 18, "requirement": 40, "priority": 10, "step": 18,
           "scenario": 20, "action": 45, "score": 10, "note": 24, "shown": 13}


@dataclass(frozen=True)
class ScoringSheetFile:
    path: Path
    evaluator: str
    requirements: int
    steps: int


def write_scoring_sheets(lp: LoadedProject, evaluator: str | None = None,
                         out: Path | None = None, lang: str | None = None,
                         force: bool = False) -> list[ScoringSheetFile]:
    """Write the scoring sheet of ``evaluator`` (or of everyone who scores, one file each).

    The files go to ``<project>/out/scoring/scoring-<evaluator>.xlsx``, or into the folder
    ``out``; ``out`` ending in ``.xlsx`` is the file of the one ``evaluator``. An existing file
    is not replaced without ``force``: it may be a filled-in sheet not imported yet.
    """
    lang = lang or lp.language
    people = scoring_evaluators(lp)
    if evaluator is not None:
        chosen = [p for p in people if p.id == evaluator]
        if not chosen:
            ids = [p.id for p in people]
            raise CrmselectError(Issue(
                file=str(lp.root / "project.yaml"), where="evaluators",
                message=t("scores_template_no_evaluator", id=evaluator, ids=", ".join(ids)),
                hint=did_you_mean(evaluator, ids)))
        people = chosen
    single = out is not None and Path(out).suffix.lower() == ".xlsx"
    if single and len(people) != 1:
        raise CrmselectError(Issue(file=str(out), message=t("scores_template_one_file")))
    folder = Path(out) if out is not None and not single else lp.root / SHEETS_DIR
    paths = [Path(out) if single else folder / f"scoring-{p.id}.xlsx" for p in people]
    existing = [Issue(file=str(path), message=t("scores_template_exists"),
                      hint=t("import_force")) for path in paths if path.exists()]
    if existing and not force:
        raise CrmselectError(existing)
    written = []
    for person, path in zip(people, paths, strict=True):
        wb = build_scoring_sheet(lp, person, lang)
        with atomic_path(path) as tmp:
            wb.save(tmp)
        written.append(ScoringSheetFile(path, person.id, len(sheet_requirements(lp, person)),
                                        len(sheet_steps(lp))))
    return written


def scoring_evaluators(lp: LoadedProject) -> list[Evaluator]:
    """The people who score: evaluators, and facilitators when they score (not observers)."""
    return [p for p in lp.project.evaluators if is_scorer(p, lp.project)]


def sheet_requirements(lp: LoadedProject, person: Evaluator) -> list[str]:
    """This project's requirements in ``person``'s areas, in the project's order."""
    return [rid for rid, req in lp.requirements.items()
            if not person.areas or req.area in person.areas]


def sheet_steps(lp: LoadedProject) -> list[tuple[str, Any, Any]]:
    """``(target, scenario, step)`` for every step of every scenario (``SCN-X.n``)."""
    return [(f"{sid}.{n}", scenario, step) for sid, scenario in lp.scenarios.items()
            for n, step in enumerate(scenario.steps, start=1)]


def sheet_marks(lp: LoadedProject) -> list[tuple[str, str]]:
    """``(scenario, requirement)`` for each requirement a scenario shows, once each."""
    return [(sid, rid) for sid, scenario in lp.scenarios.items()
            for rid in demonstrated(scenario) if rid in lp.requirements]


def build_scoring_sheet(lp: LoadedProject, person: Evaluator, lang: str) -> Workbook:
    """The scoring workbook of ``person`` in memory (see the module docstring)."""
    s = load_strings(lang, lp.root)
    w = s["scoring_sheet"]
    vendors = list(lp.vendors)
    given = _given(lp.scores, person.id)
    wb = Workbook()
    meta = wb.active
    meta.title = META_SHEET
    meta.sheet_state = "hidden"
    facts = [("format", FORMAT_VERSION), ("kind", KIND),
             ("project", localize(lp.project.name, lang)), ("language", lang),
             ("evaluator", person.id)]
    for row, (key, value) in enumerate(facts, start=1):
        meta.cell(row=row, column=1, value=key)
        meta.cell(row=row, column=2, value=safe_cell(value))
    for row, vendor in enumerate(vendors, start=1):
        meta.cell(row=row, column=4, value=safe_cell(vendor))
    _instructions(wb.create_sheet(w.sheet.instructions), s, lp, person, lang)
    c = s["common"]
    areas = area_names(lp, lang)
    rows = [((rid, areas.get(req.area, req.area), localize(req.requirement.title, lang),
              c.priority[req.priority]), rid)
            for rid in sheet_requirements(lp, person) for req in [lp.requirements[rid]]]
    rows.append(((REFERENCES, "", c.criterion.references, ""), REFERENCES))
    _scored(wb.create_sheet(w.sheet.requirements), w, "requirements", rows, vendors, lp,
            given)
    steps = [((target, localize(scenario.title, lang), _action(step, lang)), target)
             for target, scenario, step in sheet_steps(lp)]
    _scored(wb.create_sheet(w.sheet.steps), w, "steps", steps, vendors, lp, given)
    _marks(wb.create_sheet(w.sheet.demo), w, lp, vendors, lang, person.id)
    wb.active = 1
    # no sheet added, renamed, moved or shown: the import finds the sheets by name (no password:
    # nothing here is secret, and a facilitator can always lift it)
    wb.security = WorkbookProtection(lockStructure=True)
    _protect(meta)
    props = wb.properties
    props.title = w.title.format(project=localize(lp.project.name, lang))
    props.creator = props.lastModifiedBy = lp.project.organisation.name
    props.created = props.modified = dt.datetime.now(dt.UTC).replace(microsecond=0,
                                                                       tzinfo=None)
    return wb


def _given(scores: ScoresFile, evaluator: str) -> dict[tuple[str, str], Any]:
    """The person's scores and marks already in ``scores.yaml``, to start the sheet from."""
    found: dict[tuple[str, str], Any] = {
        (r.vendor, r.target): r for r in scores.scores if r.evaluator == evaluator}
    for m in scores.demo:
        if m.evaluator == evaluator:
            found[(m.vendor, f"{m.scenario}/{m.requirement}")] = m
    return found


def area_names(lp: LoadedProject, lang: str) -> dict[str, str]:
    """Area id → its name in ``lang``."""
    return {a.id: localize(a.name, lang) for a in lp.catalog.areas}


def _action(step: Any, lang: str) -> str:
    parts = [localize(getattr(step, name), lang) for name in ("action", "expected")
             if getattr(step, name, None)]
    return "\n→ ".join(parts)


def _print_setup(ws: Worksheet, landscape: bool = True) -> None:
    """Printed: A4, one page wide, the header row on every page."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"


def _protect(ws: Worksheet) -> None:
    """Lock the structure without a password; filtering, sorting and resizing stay allowed."""
    ws.protection.sheet = True
    ws.protection.autoFilter = False
    ws.protection.sort = False
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _header(ws: Worksheet, labels: list[tuple[str, str]]) -> None:
    """Header row of ``(label, width key)`` pairs; panes frozen below it and after the id."""
    for col, (label, key) in enumerate(labels, start=1):
        cell = ws.cell(row=1, column=col, value=safe_cell(label))
        cell.font, cell.fill, cell.alignment, cell.border = HEADER_FONT, HEADER_FILL, WRAP, BORDER
        ws.column_dimensions[get_column_letter(col)].width = _WIDTHS[key]
    fit_height(ws, 1, [(label, _WIDTHS[key]) for label, key in labels])
    ws.freeze_panes = "B2"


def header_labels(w: Strings, key: str, vendor_names: list[str]) -> list[tuple[str, str]]:
    """The header of a scored sheet: its fixed columns, then per vendor its columns."""
    fixed = [(w.col[name], name) for name in FIXED_COLUMNS[key]]
    per_vendor = ("shown",) if key == "demo" else SCORED_PAIR
    return fixed + [(w.col[name].format(vendor=name_), name) for name_ in vendor_names
                    for name in per_vendor]


def _scored(ws: Worksheet, w: Strings, key: str, rows: list[tuple[tuple[str, ...], str]],
            vendors: list[str], lp: LoadedProject, given: dict[tuple[str, str], Any]) -> None:
    names = [vendor_label(lp, v) for v in vendors]
    _header(ws, header_labels(w, key, names))
    fixed = len(FIXED_COLUMNS[key])
    last = FIRST_ROW + max(len(rows), 1) - 1
    scale = DataValidation(type="list", formula1='"' + ",".join(map(str, SCALE)) + '"',
                           allow_blank=True, showErrorMessage=True,
                           errorTitle=w.col.score.format(vendor="").strip(" —"),
                           error=w.score_prompt, promptTitle="0–5", prompt=w.score_prompt,
                           showInputMessage=True)
    ws.add_data_validation(scale)
    for r, (cells, target) in enumerate(rows, start=FIRST_ROW):
        for col, value in enumerate(cells, start=1):
            cell = ws.cell(row=r, column=col, value=safe_cell(value))
            cell.alignment, cell.border = WRAP, BORDER
            if col == 1:
                cell.font = BOLD
        for k, vendor in enumerate(vendors):
            score_col = fixed + 1 + 2 * k
            record = given.get((vendor, target))
            score = ws.cell(row=r, column=score_col,
                            value=None if record is None else int(record.score)
                            if float(record.score).is_integer() else record.score)
            note = ws.cell(row=r, column=score_col + 1,
                           value=None if record is None or not record.note
                           else safe_cell(record.note))
            for cell in (score, note):
                cell.fill, cell.border, cell.protection = INPUT_FILL, BORDER, UNLOCKED
            score.alignment, note.alignment = CENTER, WRAP
        keys = FIXED_COLUMNS[key]
        fit_height(ws, r, [(value, _WIDTHS[k]) for value, k in zip(cells, keys, strict=True)]
                    + [(ws.cell(row=r, column=fixed + 2 + 2 * k).value, _WIDTHS["note"])
                       for k in range(len(vendors))])
    for k in range(len(vendors)):
        letter = get_column_letter(fixed + 1 + 2 * k)
        scale.add(f"{letter}{FIRST_ROW}:{letter}{last}")
    _print_setup(ws)
    _protect(ws)


def _marks(ws: Worksheet, w: Strings, lp: LoadedProject, vendors: list[str], lang: str,
           evaluator: str) -> None:
    names = [vendor_label(lp, v) for v in vendors]
    _header(ws, header_labels(w, "demo", names))
    labels = [w.shown[code] for code in SHOWN]
    choice = DataValidation(type="list", formula1='"' + ",".join(labels) + '"',
                            allow_blank=True, showErrorMessage=True, error=w.shown_prompt,
                            prompt=w.shown_prompt, showInputMessage=True)
    ws.add_data_validation(choice)
    marks = sheet_marks(lp)
    given = {(m.vendor, m.scenario, m.requirement): m.shown for m in lp.scores.demo
             if m.evaluator == evaluator}
    for r, (sid, rid) in enumerate(marks, start=FIRST_ROW):
        req = lp.requirements[rid]
        for col, value in enumerate((sid, rid, localize(req.requirement.title, lang)),
                                    start=1):
            cell = ws.cell(row=r, column=col, value=safe_cell(value))
            cell.alignment, cell.border = WRAP, BORDER
        fit_height(ws, r, [(localize(req.requirement.title, lang), _WIDTHS["requirement"])])
        for k, vendor in enumerate(vendors):
            shown = given.get((vendor, sid, rid))
            cell = ws.cell(row=r, column=4 + k, value=w.shown[shown] if shown else None)
            cell.fill, cell.border, cell.protection, cell.alignment = (
                INPUT_FILL, BORDER, UNLOCKED, CENTER)
    if vendors:
        first, last = get_column_letter(4), get_column_letter(3 + len(vendors))
        choice.add(f"{first}{FIRST_ROW}:{last}{FIRST_ROW + max(len(marks), 1) - 1}")
    _print_setup(ws)
    _protect(ws)


def _instructions(ws: Worksheet, s: Strings, lp: LoadedProject, person: Evaluator,
                  lang: str) -> None:
    w = s["scoring_sheet"]
    ws.column_dimensions["A"].width = 10
    ws.column_dimensions["B"].width = 100
    row = 1

    def put(text: str, column: int = 1, span: bool = False, **style: Any) -> None:
        """``text`` at ``column``; ``span``: across both columns (a heading or a fact)."""
        cell = ws.cell(row=row, column=column, value=safe_cell(text))
        cell.alignment = WRAP
        for key, value in style.items():
            setattr(cell, key, value)
        if span:
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        fit_height(ws, row, [(text, 110 if span else 100 if column == 2 else 10)])

    put(w.title.format(project=localize(lp.project.name, lang)), span=True, font=TITLE_FONT)
    row += 1
    put(w.for_evaluator.format(name=person.name, id=person.id), span=True)
    row += 1
    names = area_names(lp, lang)
    areas = ", ".join(names.get(a, a) for a in person.areas) or w.all_areas
    put(w.areas.format(areas=areas), span=True)
    row += 2
    put(w.steps_heading, span=True, font=BOLD)
    for n, step in enumerate(w.steps, start=1):
        row += 1
        put(f"{n}.")
        put(step, column=2)
    row += 2
    t = s["testdrive"]
    put(w.scale_heading, span=True, font=BOLD)
    for point in SCALE:
        row += 1
        put(str(point), font=BOLD)
        put(t.rules.scale[str(point)], column=2)
    _print_setup(ws, landscape=False)
    _protect(ws)
