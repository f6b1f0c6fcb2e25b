"""Reading an evaluator's Excel scoring sheet (:mod:`crmselect.documents.scoring_sheet`) back.

Every cell is read into a score, note or test-drive mark, each problem named by its sheet and
cell (``scoring-ayse.xlsx: Requirements!E7: …``): a score that is no number, a formula, a note
without a score, a renamed or missing sheet, a header that is not the one written (a column
added, moved or renamed). The records then go through the one scores reader's checks
(:func:`crmselect.scoresreader.check_source`), so a sheet obeys the same rules as the web form
and every other scores file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from pydantic import ValidationError

from crmselect import scoringsheetlayout as layout
from crmselect.documentstrings import load_namespace
from crmselect.errors import CrmselectError, Issue
from crmselect.errors import msg as t
from crmselect.loading import describe
from crmselect.model import LANGUAGES, DemoMark, ScoreRecord
from crmselect.responseimport import check_workbook_package
from crmselect.scorechecks import Row, Source
from crmselect.scorerules import SHOWN
from crmselect.textsafety import clean_text
from crmselect.typedvalues import parse_number

if TYPE_CHECKING:
    from crmselect.project import LoadedProject


def _unguard(text: str) -> str:
    """Undo :func:`safe_cell`'s apostrophe before a formula character."""
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@\t\r":
        return text[1:]
    return text


class _Sheet:
    """Reads one scored sheet; problems go to ``issues``."""

    def __init__(self, name: str, ws: Any, issues: list[Issue], lang: str) -> None:
        self.name, self.ws, self.issues, self.lang = name, ws, issues, lang

    def ref(self, row: int, col: int) -> str:
        return f"{self.ws.title}!{get_column_letter(col)}{row}"

    def error(self, row: int, col: int, message: Any, hint: Any = "") -> None:
        self.issues.append(Issue(file=self.name, where=self.ref(row, col), message=message,
                                 hint=hint))

    def value(self, row: int, col: int) -> Any:
        """The cell's value; a formula is a problem (the value it shows is not what was typed)."""
        cell = self.ws.cell(row=row, column=col)
        # a text typed as '=… (Excel's quote prefix) is text, and so is what safe_cell wrote
        if cell.data_type == "f":
            self.error(row, col, t("scoring_sheet_formula", formula=str(cell.value)[:40]))
            return None
        if cell.data_type == "e":  # a formula's saved result that is an error (#VALUE!)
            self.error(row, col, t("import_formula_error", value=str(cell.value)),
                       t("import_type_value_only"))
            return None
        if isinstance(cell.value, str):
            text = _unguard(clean_text(cell.value).strip())
            return text or None
        return cell.value

    def text(self, row: int, col: int) -> str:
        value = self.value(row, col)
        return "" if value is None else str(value)

    def score(self, row: int, col: int) -> Any:
        """A number, or the text as typed for the model to refuse; None when empty."""
        value = self.value(row, col)
        if value is None or isinstance(value, bool):
            return value if value is None else str(value)
        if isinstance(value, (int, float)):
            return int(value) if float(value).is_integer() else value
        number = parse_number(str(value), self.lang)
        if number is None:
            self.error(row, col, t("scoring_sheet_not_score", value=str(value)[:40]))
            return False
        return int(number) if number.is_integer() else number

    def check_header(self, expected: list[list[str]]) -> bool:
        """Whether row 1 holds the expected labels (any language's) and nothing after them."""
        ok = True
        width = max(self.ws.max_column, len(expected))
        for col in range(1, width + 1):
            found = self.text(1, col)
            wanted = expected[col - 1] if col <= len(expected) else []
            if wanted and found not in wanted:
                shown = wanted[LANGUAGES.index(self.lang)] if self.lang in LANGUAGES else wanted[0]
                self.error(1, col, t("scoring_sheet_header", found=found or "—", expected=shown))
                ok = False
            elif not wanted and found:
                self.error(1, col, t("scoring_sheet_extra_column", found=found))
                ok = False
        return ok

    def last_row(self) -> int:
        return self.ws.max_row


def _labels(tree: dict[str, Any], *path: str) -> list[str]:
    """The strings at ``path`` in every language (in :data:`LANGUAGES` order)."""
    node: Any = tree
    for key in path:
        node = node[key]
    return [node[lang] for lang in LANGUAGES]


def read_scoring_sheet(path: Path, lp: LoadedProject, lang: str = "en"
                       ) -> tuple[Source, list[Issue]]:
    """The records of a filled-in scoring sheet and the problems of its cells."""
    name = str(path)
    try:
        check_workbook_package(path, name)
    except CrmselectError as exc:
        raise CrmselectError(list(exc.issues), what="scores_not_imported") from None
    try:
        wb = load_workbook(path, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for damaged packages
        raise CrmselectError(Issue(file=name, message=t(
            "import_damaged", kind=type(exc).__name__), hint=t("import_save_again")),
            what="scores_not_imported") from None
    tree = load_namespace("scoring_sheet", lp.root)
    titles = {ws.title: ws for ws in wb.worksheets}
    meta = titles.get(layout.META_SHEET)
    facts = {str(meta.cell(row=r, column=1).value): meta.cell(row=r, column=2).value
             for r in range(1, 10)} if meta is not None else {}
    if facts.get("kind") != layout.KIND:
        raise CrmselectError(Issue(file=name, message=t("scoring_sheet_not_one"),
                                   hint=t("scoring_sheet_make")), what="scores_not_imported")
    issues: list[Issue] = []
    version = facts.get("format")
    if isinstance(version, (int, float)) and version > layout.FORMAT_VERSION:
        issues.append(Issue(file=name, message=t("import_format", version=version,
                                                 supported=layout.FORMAT_VERSION)))
    sheet_lang = facts.get("language") if facts.get("language") in LANGUAGES else lang
    evaluator = str(facts.get("evaluator") or "")
    vendors = [str(meta.cell(row=r, column=4).value)
               for r in range(1, meta.max_row + 1) if meta.cell(row=r, column=4).value]
    rows: list[Row] = []
    counts = {"scores": 0, "demo": 0}
    for key in layout.SHEET_KEYS:
        names = _labels(tree, "sheet", key)
        ws = next((titles[n] for n in names if n in titles), None)
        if ws is None:
            issues.append(Issue(file=name, message=t(
                "import_sheet_missing", sheet=names[LANGUAGES.index(sheet_lang)],
                found=", ".join(t_ for t_ in titles if t_ != layout.META_SHEET))))
            continue
        sheet = _Sheet(name, ws, issues, sheet_lang)
        vendor_names = [layout.vendor_label(lp, v) for v in vendors]
        expected = [_labels(tree, "col", c) for c in layout.FIXED_COLUMNS[key]]
        per_vendor = ("shown",) if key == "demo" else layout.SCORED_PAIR
        expected += [[label.format(vendor=v) for label in _labels(tree, "col", c)]
                     for v in vendor_names for c in per_vendor]
        if not sheet.check_header(expected):
            continue
        if key == "demo":
            rows += _read_marks(sheet, tree, evaluator, vendors, counts)
        else:
            rows += _read_scores(sheet, key, evaluator, vendors, counts)
    wb.close()
    return Source(path, rows), issues


def _read_scores(sheet: _Sheet, key: str, evaluator: str, vendors: list[str],
                 counts: dict[str, int]) -> list[Row]:
    fixed = len(layout.FIXED_COLUMNS[key])
    found: list[Row] = []
    for r in range(layout.FIRST_ROW, sheet.last_row() + 1):
        target = sheet.text(r, 1)
        for k, vendor in enumerate(vendors):
            col = fixed + 1 + 2 * k
            score = sheet.score(r, col)
            note = sheet.text(r, col + 1)
            if score is False:
                continue  # not a number: reported
            if score is None:
                if note:
                    sheet.error(r, col, t("scoring_sheet_note_without_score"))
                continue
            cells = {"": sheet.ref(r, col), "score": sheet.ref(r, col),
                     "note": sheet.ref(r, col + 1), "target": sheet.ref(r, 1),
                     "evaluator": sheet.ref(r, col), "vendor": sheet.ref(1, col)}
            if not target:
                sheet.error(r, 1, t("scoring_sheet_no_id"))
                continue
            record = _validated(sheet, ScoreRecord, cells, {
                "evaluator": evaluator, "vendor": vendor, "target": target,
                "score": score, "note": note})
            if record is None:
                continue
            found.append(Row("scores", counts["scores"], r, record, cells))
            counts["scores"] += 1
    return found


def _validated(sheet: _Sheet, model: Any, cells: dict[str, str], data: dict[str, Any]) -> Any:
    """``data`` as a ``model`` record, or None with each problem at its cell."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            field = str(error["loc"][0]) if error["loc"] else ""
            message, hint = describe(error)
            sheet.issues.append(Issue(file=sheet.name, where=cells.get(field, cells[""]),
                                      message=message, hint=hint))
        return None


def _read_marks(sheet: _Sheet, tree: dict[str, Any], evaluator: str, vendors: list[str],
                counts: dict[str, int]) -> list[Row]:
    codes = {label.casefold(): code for code in SHOWN
             for label in (*_labels(tree, "shown", code), code)}
    fixed = len(layout.FIXED_COLUMNS["demo"])
    found: list[Row] = []
    for r in range(layout.FIRST_ROW, sheet.last_row() + 1):
        scenario, requirement = sheet.text(r, 1), sheet.text(r, 2)
        for k, vendor in enumerate(vendors):
            col = fixed + 1 + k
            value = sheet.text(r, col)
            if not value:
                continue
            code = codes.get(value.casefold())
            if code is None:
                sheet.error(r, col, t("load_not_one_of", value=repr(value), choices=", ".join(
                    _labels(tree, "shown", c)[LANGUAGES.index(sheet.lang)] for c in SHOWN)))
                continue
            cells = {"": sheet.ref(r, col), "shown": sheet.ref(r, col),
                     "scenario": sheet.ref(r, 1), "requirement": sheet.ref(r, 2),
                     "evaluator": sheet.ref(r, col), "vendor": sheet.ref(1, col)}
            record = _validated(sheet, DemoMark, cells, {
                "evaluator": evaluator, "vendor": vendor, "scenario": scenario,
                "requirement": requirement, "shown": code})
            if record is None:
                continue
            found.append(Row("demo", counts["demo"], r, record, cells))
            counts["demo"] += 1
    return found
