"""The vendor response workbook (Excel): the only format in which vendors answer the RFP.

Sheets: Instructions, Requirements (one locked row per requirement, answer columns open, a
compliance drop-down), Pricing (the cost components of the TCO), Company (contact, delivery
time, references), Questionnaire (the RFP's vendor questionnaire, one question a row), Optional
prices (unit prices beside the offer), and a hidden ``crmselect`` sheet with the drop-down lists
and the facts the import checks (format version, vendor, language, kind). With two envelopes
the pricing workbook also has a Third-party costs sheet: the yearly cost of third-party
products, which the technical workbook's Requirements sheet then lacks.

The layout (sheets, columns, rows, format version) lives in :mod:`crmselect.workbooklayout`,
below this layer: :mod:`crmselect.responseimport` reads the same cells back with it. Every
value goes through :func:`crmselect.textsafety.safe_cell`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import (
    Alignment,
    NamedStyle,
)
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from crmselect.documents.docx_builder import LANGUAGE_TAGS
from crmselect.documents.formatting import format_date, humanize, slug_label
from crmselect.documents.output import atomic_path, output_path
from crmselect.documents.sheetstyle import (
    BOLD,
    BORDER,
    HEADER_FILL,
    HEADER_FONT,
    HINT_FONT,
    INPUT_FILL,
    TEXT_FONT,
    TITLE_FONT,
    UNLOCKED,
    WRAP,
    fit_height,
)
from crmselect.documents.strings import Strings, load_strings
from crmselect.errors import CrmselectError, Issue, did_you_mean
from crmselect.i18n.compat import t
from crmselect.model import COMPLIANCE_LEVELS, localize
from crmselect.project import LoadedProject, load_project
from crmselect.reporting.rfp_context import build_rfp_context
from crmselect.textsafety import safe_cell
from crmselect.workbooklayout import (  # the layout, shared with the import
    COMPANY_ROWS,
    FORMAT_VERSION,
    LICENCE_MODELS,
    META_SHEET,
    NUMBER_COLUMNS,
    REQUIREMENT_COLUMNS,
    licence_types,
    pricing_keys,
    questionnaire,
    requirement_columns,
    sheets_of,
    workbook_kind,
)

#: Column widths (characters) chosen for print: the sheet printed landscape on A4, one page
#: wide, stays at about 65 % (text wraps instead; rows grow).
_WIDTHS = {
    "id": 12, "area": 11, "group": 13, "requirement": 20, "description": 28, "priority": 9,
    "acceptance": 28, "note": 18, "compliance": 14, "comment": 22, "evidence": 14,
    "third_party_product": 12, "third_party_cost_per_year": 11, "custom_effort_days": 10,
    "roadmap_date": 11,
}




@dataclass(frozen=True)
class WorkbookFile:
    """The workbook :func:`write_workbook` wrote."""

    path: Path
    requirements: int
    vendor: str | None


def _put(ws: Worksheet, row: int, column: int, value: Any, **style: Any) -> Any:
    cell = ws.cell(row=row, column=column, value=safe_cell(value))
    for key, val in style.items():
        setattr(cell, key, val)
    return cell


def _header(ws: Worksheet, labels: list[str]) -> None:
    for col, label in enumerate(labels, start=1):
        _put(ws, 1, col, label, font=HEADER_FONT, fill=HEADER_FILL, alignment=WRAP, border=BORDER)
    ws.freeze_panes = "B2"


def _print_setup(ws: Worksheet, landscape: bool = True) -> None:
    """Printed: one page wide, header row repeated on every page."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    # narrow margins (inches): every millimetre of width is a larger print of a wide sheet
    margins = ws.page_margins
    margins.left = margins.right = 0.3
    margins.top = margins.bottom = 0.5
    margins.header = margins.footer = 0.25


def _protect(ws: Worksheet) -> None:
    """Lock the sheet without a password; filtering, sorting and resizing stay allowed."""
    protection = ws.protection
    protection.sheet = True
    protection.autoFilter = False
    protection.sort = False
    protection.formatColumns = False
    protection.formatRows = False


def write_workbook(project: Path | LoadedProject, vendor: str | None = None,
                   out: Path | None = None, lang: str | None = None,
                   pricing: bool = False) -> WorkbookFile:
    """Write the response workbook (``out/response-workbook[-<vendor>].xlsx`` by default), or
    with ``pricing`` the price offer's workbook (``response-workbook-pricing[-<vendor>].xlsx``)
    of the two-envelope procedure."""
    lp = project if isinstance(project, LoadedProject) else load_project(project)
    lang = lang or lp.language
    if vendor is not None and vendor not in lp.vendors:
        raise CrmselectError(Issue(
            file=str(lp.root / "project.yaml"), where="vendors",
            message=t("core_vendor_not_listed", vendor=vendor),
            hint=did_you_mean(vendor, lp.vendors) or t("import_add_vendor")))
    stem = "response-workbook-pricing" if pricing else "response-workbook"
    name = f"{stem}-{vendor}.xlsx" if vendor else f"{stem}.xlsx"
    path = output_path(lp.root, name, out)
    workbook = build_workbook(lp, lang, vendor, workbook_kind(lp, pricing))
    with atomic_path(path) as tmp:
        workbook.save(tmp)
    return WorkbookFile(path, len(lp.requirements), vendor)


def build_workbook(lp: LoadedProject, lang: str, vendor: str | None = None,
                   kind: str = "full") -> Workbook:
    """The workbook in memory (see the module docstring for its sheets; :data:`KINDS`)."""
    strings = load_strings(lang, lp.root)
    w, c = strings["workbook"], strings["common"]
    ctx = build_rfp_context(lp, lang)
    wb = Workbook()
    _named_styles(wb)
    meta = wb.active
    meta.title = META_SHEET
    meta.sheet_state = "hidden"
    _meta(meta, w, c, lp, lang, vendor, kind)
    sheets = sheets_of(kind)
    _instructions(wb.create_sheet(w.sheet.instructions), w, c, ctx, lp, vendor, kind)
    if "requirements" in sheets:
        _requirements(wb.create_sheet(w.sheet.requirements), w, c, ctx,
                      requirement_columns(kind))
    if "pricing" in sheets:
        _pricing(wb.create_sheet(w.sheet.pricing), w, c, lp)
    if "company" in sheets:
        _company(wb.create_sheet(w.sheet.company), w, lp, vendor)
    rfp = strings["rfp"]
    if "questionnaire" in sheets:
        _questionnaire(wb.create_sheet(w.sheet.questionnaire), w, rfp)
    if "third_party_costs" in sheets:
        _third_party_costs(wb.create_sheet(w.third_party.sheet), w, c, ctx)
    if "optional_prices" in sheets and ctx["rfp"]["optional_prices"]:
        _optional_prices(wb.create_sheet(w.sheet.optional_prices), w, rfp,
                         ctx["rfp"]["optional_prices"])
    wb.active = 1
    props = wb.properties
    props.title = w.title.format(project=localize(lp.project.name, lang))
    # the organisation that sends the workbook, not the tool; written now, in ``lang``
    props.creator = props.lastModifiedBy = lp.project.organisation.name
    props.created = props.modified = dt.datetime.now(dt.UTC).replace(
        microsecond=0, tzinfo=None)
    props.language = LANGUAGE_TAGS.get(lang, "en-GB")
    return wb


def _named_styles(wb: Workbook) -> None:
    """Cell styles registered once and assigned by name.

    Why: setting font, fill, border and alignment cell by cell makes openpyxl hash style
    objects for every cell, which takes seconds for a thousand rows.
    """
    text = NamedStyle("crmselect text", font=TEXT_FONT, alignment=WRAP, border=BORDER)
    identifier = NamedStyle("crmselect id", font=BOLD, alignment=WRAP, border=BORDER)
    answers = [NamedStyle(name, font=TEXT_FONT, fill=INPUT_FILL, alignment=WRAP, border=BORDER,
                          protection=UNLOCKED, number_format=number_format)
               for name, number_format in (("crmselect answer", "General"),
                                           ("crmselect money", "#,##0.00"),
                                           ("crmselect days", "0.0"),
                                           ("crmselect date", "yyyy-mm-dd"))]
    for style in (text, identifier, *answers):
        wb.add_named_style(style)


def _meta(ws: Worksheet, w: Strings, c: Strings, lp: LoadedProject, lang: str,
          vendor: str | None, kind: str = "full") -> None:
    """Drop-down lists (column A, B) and facts for the import (columns D, E)."""
    for row, level in enumerate(COMPLIANCE_LEVELS, start=1):
        _put(ws, row, 1, c.compliance[level])
    for row, model in enumerate(LICENCE_MODELS, start=1):
        _put(ws, row, 2, w.licence_model[model])
    facts = [("format", FORMAT_VERSION), ("project", localize(lp.project.name, lang)),
             ("language", lang),
             ("vendor", vendor or ""), ("requirements", len(lp.requirements)),
             ("kind", kind)]
    for row, (key, value) in enumerate(facts, start=1):
        _put(ws, row, 4, key)
        _put(ws, row, 5, value)


def _steps(w: Strings, kind: str) -> list[str]:
    """The filling steps of a workbook of ``kind``. ``w.steps`` are, in order: requirements,
    comment and evidence, third party / custom / roadmap, pricing, company, "do not change"."""
    if len(w.steps) != 6:  # a project's own wording of the steps: used as it is
        return list(w.steps)
    req, comment, special, pricing, company, unchanged = w.steps
    if kind == "technical":
        return [w.step_technical, req, comment, w.step_special_technical, company,
                w.step_questionnaire, unchanged]
    if kind == "pricing":
        return [w.step_pricing, pricing, w.step_third_party_costs, w.step_optional_prices,
                unchanged]
    return [req, comment, special, pricing, company, w.step_questionnaire,
            w.step_optional_prices, unchanged]


#: Widths of the Instructions sheet's label and text columns (characters).
_INSTRUCTION_WIDTHS = (24, 78)


def _instructions(ws: Worksheet, w: Strings, c: Strings, ctx: dict[str, Any],
                  lp: LoadedProject, vendor: str | None, kind: str = "full") -> None:
    # A4 portrait less the margins holds about 104 characters at 100 %: the two columns fit
    # it, so the instructions print at full size, one page wide (they are prose, not a table)
    ws.column_dimensions["A"].width = _INSTRUCTION_WIDTHS[0]
    ws.column_dimensions["B"].width = _INSTRUCTION_WIDTHS[1]
    title = w.title_pricing if kind == "pricing" else w.title
    _put(ws, 1, 1, title.format(project=localize(lp.project.name, ctx["lang"])), font=TITLE_FONT)
    row = 2
    if vendor:
        _put(ws, row, 1, w.for_vendor.format(vendor=lp.vendors[vendor].name), font=BOLD)
        row += 1
    row += 1
    facts = [(w.issuer, ctx["organisation"]["name"])]
    if ctx["responses_due"]:
        facts.append((w.deadline, format_date(ctx["responses_due"], ctx["lang"])))
    if ctx["contact"]:
        contact = ctx["contact"]
        facts.append((w.contact, ", ".join(
            v for v in (contact["name"], contact["email"], contact["phone"]) if v)))
    for label, value in facts:
        _put(ws, row, 1, label, font=BOLD)
        _put(ws, row, 2, value, alignment=WRAP)
        row += 1
    row += 1
    _put(ws, row, 1, w.steps_heading, font=TITLE_FONT)
    row += 1
    for n, step in enumerate(_steps(w, kind), start=1):
        # indented: right-aligned against the step's text, the number touched its first letter
        _put(ws, row, 1, n, alignment=Alignment(horizontal="right", vertical="top", indent=1))
        _put(ws, row, 2, step, alignment=WRAP)
        fit_height(ws, row, [(step, _INSTRUCTION_WIDTHS[1])])
        row += 1
    row += 1
    if kind == "pricing":  # no compliance levels to choose in a price offer
        _print_setup(ws, landscape=False)
        _protect(ws)
        return
    _put(ws, row, 1, w.levels_heading, font=TITLE_FONT)
    row += 1
    for level in COMPLIANCE_LEVELS:
        _put(ws, row, 1, c.compliance[level], font=BOLD, alignment=WRAP)
        _put(ws, row, 2, c.compliance_meaning[level], alignment=WRAP)
        fit_height(ws, row, [(c.compliance_meaning[level], _INSTRUCTION_WIDTHS[1])])
        row += 1
    _print_setup(ws, landscape=False)
    _protect(ws)


def _requirements(ws: Worksheet, w: Strings, c: Strings, ctx: dict[str, Any],
                  columns: tuple[str, ...] = REQUIREMENT_COLUMNS) -> None:
    _header(ws, [w.col[key] for key in columns])
    ws.row_dimensions[1].height = 45  # three lines: the columns are narrow for print
    for i, key in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = _WIDTHS[key]

    def _letter(key: str) -> str:
        return get_column_letter(columns.index(key) + 1)

    answer_from = columns.index("compliance") + 1
    answer_styles = {columns.index(key) + 1: style for key, style in (
        ("third_party_cost_per_year", "crmselect money"),
        ("custom_effort_days", "crmselect days"), ("roadmap_date", "crmselect date"))
        if key in columns}
    row = 1
    areas = (*ctx["functional_areas"], *ctx["integration_areas"], *ctx["non_functional_areas"])
    for area in areas:
        for group in area["groups"]:
            for req in group["requirements"]:
                row += 1
                values = (
                    req["id"], area["name"], group["name"], req["title"], req["description"],
                    c.priority[req["priority"]],
                    "\n".join(f"• {a}" for a in req["acceptance"]), req["note"],
                )
                for col, value in enumerate(values, start=1):
                    ws.cell(row=row, column=col, value=safe_cell(value)).style = (
                        "crmselect id" if col == 1 else "crmselect text")
                fit_height(ws, row, [(v, _WIDTHS[k]) for v, k in zip(
                    values, columns, strict=False)])
                for col in range(answer_from, len(columns) + 1):
                    ws.cell(row=row, column=col).style = answer_styles.get(
                        col, "crmselect answer")
    last = max(row, 2)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last}"
    v = w.validation
    levels = DataValidation(type="list", formula1=f"={META_SHEET}!$A$1:$A$"
                            f"{len(COMPLIANCE_LEVELS)}", allow_blank=True, showErrorMessage=True,
                            errorTitle=v.compliance_title, error=v.compliance_error,
                            promptTitle=v.compliance_title, prompt=v.compliance_error,
                            showInputMessage=True)
    levels.add(f"{_letter('compliance')}2:{_letter('compliance')}{last}")
    numbers = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                             allow_blank=True, showErrorMessage=True,
                             errorTitle=v.number_title, error=v.number_error)
    for key in NUMBER_COLUMNS:
        if key in columns:
            numbers.add(f"{_letter(key)}2:{_letter(key)}{last}")
    dates = DataValidation(type="date", operator="greaterThan", formula1="1",
                           allow_blank=True, showErrorMessage=True,
                           errorTitle=v.date_title, error=v.date_error)
    dates.add(f"{_letter('roadmap_date')}2:{_letter('roadmap_date')}{last}")
    for validation in (levels, numbers, dates):
        ws.add_data_validation(validation)
    ws.print_title_rows = "1:1"
    _print_setup(ws)
    _protect(ws)


def _item_sheet(ws: Worksheet, w: Strings, rows: list[tuple[str, str, str, str]]) -> None:
    """A three-column sheet: label (locked), answer (open), notes; the key in hidden column D."""
    _header(ws, [w.col_item, w.col_value, w.col_hint])
    ws.freeze_panes = "A2"
    for letter, width in (("A", 62), ("B", 36), ("C", 36), ("D", 24)):
        ws.column_dimensions[letter].width = width
    ws.column_dimensions["D"].hidden = True
    v = w.validation
    amounts = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                             allow_blank=True, showErrorMessage=True,
                             errorTitle=v.number_title, error=v.number_error)
    percents = DataValidation(type="decimal", operator="between", formula1="0", formula2="100",
                              allow_blank=True, showErrorMessage=True,
                              errorTitle=v.number_title, error=v.number_error)
    dates = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True,
                           showErrorMessage=True, errorTitle=v.date_title, error=v.date_error)
    models = DataValidation(type="list", formula1=f"={META_SHEET}!$B$1:$B$"
                            f"{len(LICENCE_MODELS)}", allow_blank=True, showErrorMessage=True)
    for row, (key, kind, label, hint) in enumerate(rows, start=2):
        _put(ws, row, 1, label, alignment=WRAP, border=BORDER)
        answer = ws.cell(row=row, column=2)
        answer.protection = UNLOCKED
        answer.fill = INPUT_FILL
        answer.border = BORDER
        answer.alignment = WRAP
        _put(ws, row, 3, hint, alignment=WRAP, border=BORDER, font=HINT_FONT)
        _put(ws, row, 4, key)
        fit_height(ws, row, [(label, 62), (hint, 36)])
        validation = {"amount": amounts, "positive": amounts, "percent": percents,
                      "date": dates, "licence_model": models}.get(kind)
        if validation is not None:
            validation.add(f"B{row}")
        if kind in ("amount", "positive"):
            answer.number_format = "#,##0.00"
        elif kind == "date":
            answer.number_format = "yyyy-mm-dd"
    for validation in (amounts, percents, dates, models):
        if validation.sqref:
            ws.add_data_validation(validation)
    _print_setup(ws, landscape=False)
    _protect(ws)


def _pricing(ws: Worksheet, w: Strings, c: Strings, lp: LoadedProject) -> None:
    p = w.pricing
    users = dict(licence_types(lp))
    rows = []
    for key, kind in pricing_keys(lp):
        base, _, licence = key.partition(".")
        label = p[base].format(licence=slug_label(c, "licence", licence),
                               users=users.get(licence, 0)) if licence else (
            p[base])
        hint = {"amount": p.hint_amount, "percent": p.hint_percent,
                "currency": p.hint_currency.format(currency=lp.project.currency)}.get(kind, "")
        rows.append((key, kind, label, hint))
    _item_sheet(ws, w, rows)
    ws.cell(row=2, column=2, value=safe_cell(lp.project.currency))


def _company(ws: Worksheet, w: Strings, lp: LoadedProject, vendor: str | None) -> None:
    co = w.company
    rows = []
    for key, kind in COMPANY_ROWS:
        if key.startswith("reference_"):
            label = co.reference.format(n=key.rsplit("_", 1)[1])
        else:
            label = co[key]
        rows.append((key, kind, label, ""))
    _item_sheet(ws, w, rows)
    if vendor:
        _put(ws, 2, 2, lp.vendors[vendor].name)


def _questionnaire(ws: Worksheet, w: Strings, rfp: Strings) -> None:
    """The vendor questionnaire of the RFP, one question a row, with an answer column."""
    q = w.questionnaire
    _header(ws, [q.col_id, q.col_topic, q.col_question, q.col_answer])
    ws.freeze_panes = "A2"
    widths = {"A": 8, "B": 18, "C": 60, "D": 70}
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width
    row = 1
    for section, prefix, questions in questionnaire(rfp):
        topic = rfp.questionnaire.sections[section]
        for n, question in enumerate(questions, start=1):
            row += 1
            _put(ws, row, 1, f"{prefix}-{n}", font=BOLD, alignment=WRAP, border=BORDER)
            _put(ws, row, 2, topic, alignment=WRAP, border=BORDER)
            _put(ws, row, 3, question, alignment=WRAP, border=BORDER)
            answer = ws.cell(row=row, column=4)
            answer.style = "crmselect answer"
            fit_height(ws, row, [(question, widths["C"])])
            ws.row_dimensions[row].height = max(ws.row_dimensions[row].height, 45)
    ws.print_title_rows = "1:1"
    _print_setup(ws)
    _protect(ws)


#: Optional prices sheet (format 3): item and unit locked, price and note open, the key of
#: ``rfp.optional_prices`` in hidden column E.
OPTIONAL_PRICE_COLUMNS = ("item", "unit", "price", "note", "key")


def _optional_prices(ws: Worksheet, w: Strings, rfp: Strings, keys: list[str]) -> None:
    """Unit prices asked for beside the offer (not part of the TCO), each with a note where
    the vendor states its unit, the limits included and its conditions."""
    o, q = rfp.optional_prices, w.optional
    labels = [q.col_item, q.col_unit, q.col_price, q.col_note]
    _header(ws, labels)
    ws.freeze_panes = "A2"
    widths = {"A": 44, "B": 30, "C": 20, "D": 44, "E": 24}
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width
    ws.column_dimensions["E"].hidden = True
    fit_height(ws, 1, list(zip(labels, widths.values(), strict=False)))
    for row, key in enumerate(keys, start=2):
        item = o.item[key] if key in o.item else humanize(key)
        unit = o.unit[key] if key in o.unit else o.unit_other
        ws.cell(row=row, column=1, value=safe_cell(item)).style = "crmselect text"
        ws.cell(row=row, column=2, value=safe_cell(unit)).style = "crmselect text"
        ws.cell(row=row, column=3).style = "crmselect money"
        ws.cell(row=row, column=4).style = "crmselect answer"
        _put(ws, row, 5, key)
        fit_height(ws, row, [(item, widths["A"]), (unit, widths["B"])])
    v = w.validation
    prices = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                            allow_blank=True, showErrorMessage=True,
                            errorTitle=v.number_title, error=v.number_error)
    prices.add(f"C2:C{max(len(keys) + 1, 2)}")
    ws.add_data_validation(prices)
    ws.print_title_rows = "1:1"
    _print_setup(ws)
    _protect(ws)


def _third_party_costs(ws: Worksheet, w: Strings, c: Strings, ctx: dict[str, Any]) -> None:
    """Two envelopes: the yearly cost of the third-party products named in the technical
    offer, one row per requirement (the pricing workbook is written before the vendor answers,
    so every requirement is listed; the vendor fills the rows it answered "third party")."""
    labels = [w.col.id, w.col.requirement, w.third_party.col_cost]
    _header(ws, labels)
    ws.freeze_panes = "A2"
    widths = {"A": 14, "B": 60, "C": 22}
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width
    fit_height(ws, 1, list(zip(labels, widths.values(), strict=True)))
    row = 1
    for area in (*ctx["functional_areas"], *ctx["integration_areas"],
                 *ctx["non_functional_areas"]):
        for group in area["groups"]:
            for req in group["requirements"]:
                row += 1
                ws.cell(row=row, column=1, value=safe_cell(req["id"])).style = "crmselect id"
                ws.cell(row=row, column=2, value=safe_cell(req["title"])).style = (
                    "crmselect text")
                ws.cell(row=row, column=3).style = "crmselect money"
                fit_height(ws, row, [(req["title"], widths["B"])])
    v = w.validation
    costs = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                           allow_blank=True, showErrorMessage=True,
                           errorTitle=v.number_title, error=v.number_error)
    costs.add(f"C2:C{max(row, 2)}")
    ws.add_data_validation(costs)
    ws.auto_filter.ref = f"A1:C{max(row, 2)}"
    ws.print_title_rows = "1:1"
    _print_setup(ws, landscape=False)
    _protect(ws)
