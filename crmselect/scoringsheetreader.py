"""Reading an evaluator's Excel scoring sheet (:mod:`crmselect.documents.scoring_sheet`) back.

Every cell is read into a score, note or test-drive mark, each problem named by its sheet and
cell (``scoring-ayse.xlsx: Requirements!E7: …``): a score that is no number, a formula, a note
without a score, a renamed or missing sheet, a header that is not the one written (a column
added, moved or renamed). The records then go through the one scores reader's checks
(:func:`crmselect.scoresreader.check_source`), so a sheet obeys the same rules as the web form
and every other scores file.
"""

from __future__ import annotations

import datetime as dt
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree.ElementTree import ParseError
from xml.parsers.expat import ExpatError
from zipfile import BadZipFile

from openpyxl.utils import get_column_letter, range_boundaries
from pydantic import ValidationError

from crmselect import scoringsheetlayout as layout
from crmselect.documentstrings import load_namespace
from crmselect.errors import CrmselectError, Issue
from crmselect.errors import msg as t
from crmselect.loading import describe
from crmselect.model import LANGUAGES, DemoMark, ScoreRecord
from crmselect.responseimport import (
    label_key,
    open_workbook,
    requirement_key,
    shifted_column,
    stored_rows,
)
from crmselect.scorechecks import Row, Source
from crmselect.scorerules import SHOWN
from crmselect.textsafety import clean_text, shortened
from crmselect.typedvalues import parse_number, typed_percent

if TYPE_CHECKING:
    from crmselect.project import LoadedProject

#: What a damaged package raises while its sheets are read (they are read lazily).
_DAMAGED = (ParseError, BadZipFile, zlib.error, EOFError, OSError, KeyError, ValueError,
            IndexError, TypeError, AttributeError, OverflowError, ExpatError)


def _unguard(text: str) -> str:
    """Undo :func:`safe_cell`'s apostrophe before a formula character."""
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@\t\r":
        return text[1:]
    return text


#: Rows read below a sheet's last row of targets (notes, blank rows an evaluator added); a row
#: with content further down is one problem, and nothing below it is read.
SPARE_ROWS = 1_000
#: Columns read beyond the last vendor's: a column added there is named by the header check.
SPARE_COLUMNS = 16


class _Cells:
    """The cells of one sheet, read row by row in bounded memory: only the first ``last`` rows
    and ``width`` columns are kept (openpyxl's whole-workbook mode took 760 MB and 50 s for a
    sheet of 100,000 rows). ``too_low`` is the first row with content below ``last``; ``merged``
    the sheet's merged ranges (``E7:E9``), when every row was read."""

    def __init__(self, ws: Any, last: int, width: int) -> None:
        self.title = ws.title
        self.cells: dict[tuple[int, int], tuple[Any, str]] = {}
        self.max_row = self.max_column = 0
        self.too_low = 0
        self.merged: list[str] = []
        for number, row in stored_rows(ws, formulas=True, merged=self.merged):
            filled = [c for c in row if c["value"] is not None and c["value"] != ""]
            if not filled:
                continue
            if number > last:
                self.too_low = number
                break
            for cell in filled:
                column = cell["column"]
                if number == 1:
                    self.max_column = max(self.max_column, column)
                if column <= width:
                    self.cells[(number, column)] = (cell["value"], cell["data_type"])
            self.max_row = number

    def cell(self, row: int, col: int) -> tuple[Any, str]:
        return self.cells.get((row, col), (None, "n"))


class _Sheet:
    """Reads one scored sheet; problems go to ``issues``."""

    def __init__(self, name: str, ws: _Cells, issues: list[Issue], lang: str,
                 known: frozenset[str] = frozenset()) -> None:
        self.name, self.ws, self.issues, self.lang = name, ws, issues, lang
        self.known = known

    @property
    def lang_index(self) -> int:
        """The place of the sheet's language in a label's translations (:data:`LANGUAGES`)."""
        return LANGUAGES.index(self.lang) if self.lang in LANGUAGES else 0

    def target(self, row: int, col: int) -> str:
        """An id cell (requirement, scenario, step or ``references``): a known one retyped in
        lower case, with an apostrophe, a space or another dash is read as that one; anything
        else as typed, for the checks to name."""
        typed = self.text(row, col)
        key = requirement_key(typed)
        return key if key in self.known else (
            layout.REFERENCES if key == layout.REFERENCES.upper() else typed)

    def ref(self, row: int, col: int) -> str:
        return f"{self.ws.title}!{get_column_letter(col)}{row}"

    def error(self, row: int, col: int, message: Any, hint: Any = "") -> None:
        self.issues.append(Issue(file=self.name, where=self.ref(row, col), message=message,
                                 hint=hint))

    def value(self, row: int, col: int) -> Any:
        """The cell's value; a formula is a problem (the value it shows is not what was typed)."""
        value, data_type = self.ws.cell(row, col)
        # a text typed as '=… (Excel's quote prefix) is text, and so is what safe_cell wrote
        if data_type == "f":
            self.error(row, col, t("scoring_sheet_formula", formula=str(value)[:40]))
            return None
        if data_type == "e":  # a formula's saved result that is an error (#VALUE!)
            self.error(row, col, t("import_formula_error", value=str(value)),
                       t("import_type_value_only"))
            return None
        if isinstance(value, str):
            text = _unguard(clean_text(value).strip())
            return text or None
        return value

    def text(self, row: int, col: int) -> str:
        value = self.value(row, col)
        return "" if value is None else str(value)

    def score(self, row: int, col: int) -> Any:
        """A number, or the text as typed for the model to refuse; None when empty, False when
        the cell was refused here (its note is then not said to lack a score)."""
        if self.ws.cell(row, col)[1] in ("e", "f"):  # #N/A or a formula: said by value()
            self.value(row, col)
            return False
        value = self.value(row, col)
        if value is None:
            return None
        if isinstance(value, bool):  # Excel's TRUE / DOĞRU, not Python's True
            self.error(row, col, t("scoring_sheet_not_score",
                                   value=t("sheet_true" if value else "sheet_false")))
            return False
        if isinstance(value, (int, float)):
            return int(value) if float(value).is_integer() else value
        number = None if typed_percent(str(value)) else parse_number(str(value), self.lang)
        if number is None:
            shown = (value.date().isoformat()  # a day as the sheet shows it, no 00:00:00
                     if isinstance(value, dt.datetime) and value.time() == dt.time() else value)
            self.error(row, col, t("scoring_sheet_not_score", value=str(shown)[:40]))
            return False
        return int(number) if number.is_integer() else number

    def check_header(self, expected: list[list[str]]) -> bool:
        """Whether row 1 holds the expected labels (any language's) and nothing after them."""
        ok = True
        width = max(self.ws.max_column, len(expected))  # (the header row's last column)
        wanted_keys = [{label_key(w) for w in wanted} for wanted in expected]
        shifted = shifted_column([label_key(self.text(1, c)) for c in range(1, width + 1)],
                                 wanted_keys)
        if shifted is not None:  # one column added or deleted: one problem, not one a column
            col, added = shifted
            shown = expected[col][self.lang_index]
            found_added = repr(shortened(self.text(1, col + 1)))
            self.error(1, col + 1, t("import_column_added", found=found_added,
                                     expected=shown) if added else t(
                "import_column_deleted", expected=shown))
            return False
        for col in range(1, width + 1):
            found = self.text(1, col)
            wanted = expected[col - 1] if col <= len(expected) else []
            # retyped in capitals, with other spaces or a hyphen for the dash: the same column
            if wanted and label_key(found) not in wanted_keys[col - 1]:
                shown = wanted[self.lang_index]
                self.error(1, col, t("scoring_sheet_header", found=shortened(found) or "—",
                                     expected=shown))
                ok = False
            elif not wanted and found:
                self.error(1, col, t("scoring_sheet_extra_column", found=shortened(found)))
                ok = False
        return ok

    def check_merged(self, fixed: int, expected: list[list[str]]) -> None:
        """A merged range over a vendor's cells (scores, notes, marks) keeps the value of its
        first cell only, and the others read as blank: a score the evaluator meant for several
        rows, or one a merge wiped out, would be lost without a word. Each such range is a
        problem at the range. Merges in the id, area or text columns change nothing read."""
        for ref in self.ws.merged:
            try:
                first_col, first_row, last_col, last_row = range_boundaries(ref)
            except (TypeError, ValueError):
                continue
            if (last_row < layout.FIRST_ROW or last_col <= fixed
                    or (first_row, first_col) == (last_row, last_col)):
                continue
            columns = [expected[c - 1][self.lang_index] for c in range(max(first_col, fixed + 1),
                                                             min(last_col, len(expected)) + 1)]
            self.issues.append(Issue(file=self.name, where=f"{self.ws.title}!{ref}", message=t(
                "scoring_sheet_merged", columns=", ".join(columns) or ref)))

    def last_row(self) -> int:
        return self.ws.max_row


def _targets(lp: LoadedProject) -> frozenset[str]:
    """The ids a scoring sheet's id cells may hold: requirements, scenarios and their steps."""
    steps = {f"{sid}.{n}" for sid, s in lp.scenarios.items() for n in range(1, len(s.steps) + 1)}
    return frozenset({*lp.requirements, *lp.scenarios, *steps})


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
        wb = open_workbook(path, name)
    except CrmselectError as exc:
        raise CrmselectError(list(exc.issues), what="scores_not_imported") from None
    try:
        return _read_book(wb, name, lp, lang)
    except _DAMAGED as exc:  # a sheet's XML is cut off or not XML at all (read lazily)
        raise CrmselectError(Issue(file=name, message=t(
            "import_damaged", kind=type(exc).__name__), hint=t("import_save_again")),
            what="scores_not_imported") from None
    finally:
        wb.close()


def _read_book(wb: Any, name: str, lp: LoadedProject, lang: str) -> tuple[Source, list[Issue]]:
    tree = load_namespace("scoring_sheet", lp.root)
    titles = {ws.title: ws for ws in wb.worksheets}
    # every sheet's rows: the targets of this project, and room for notes below them
    last = (layout.FIRST_ROW + len(lp.requirements) + SPARE_ROWS
            + sum(len(s.steps) + len(s.requirements) for s in lp.scenarios.values()))
    meta = _Cells(titles[layout.META_SHEET], last, 4 + SPARE_COLUMNS) if (
        layout.META_SHEET in titles) else None
    facts = {str(meta.cell(r, 1)[0]): meta.cell(r, 2)[0] for r in range(1, 10)} if (
        meta is not None) else {}
    if facts.get("kind") != layout.KIND:
        # a vendor's response workbook keeps its facts in columns D and E of the same sheet
        response = meta is not None and any(
            meta.cell(r, 4)[0] == "kind" for r in range(1, 10))
        raise CrmselectError(Issue(
            file=name, message=t("scoring_sheet_not_one"),
            hint=t("scoring_sheet_is_response") if response else t("scoring_sheet_make")),
            what="scores_not_imported")
    issues: list[Issue] = []
    version = facts.get("format")
    if isinstance(version, (int, float)) and version > layout.FORMAT_VERSION:
        issues.append(Issue(file=name, message=t("import_format", version=version,
                                                 supported=layout.FORMAT_VERSION)))
    sheet_lang = facts.get("language") if facts.get("language") in LANGUAGES else lang
    evaluator = str(facts.get("evaluator") or "")
    vendors = [str(meta.cell(r, 4)[0]) for r in range(1, meta.max_row + 1)
               if meta.cell(r, 4)[0]] if meta is not None else []
    gone = [(r, vid) for r, vid in enumerate(vendors, start=1) if vid not in lp.vendors]
    if gone:
        # a sheet made before the short list changed: one problem a vendor it no longer has,
        # not a header error on each of its columns ("expected 'anatolia_crm — score'")
        raise CrmselectError([Issue(
            file=name, where=f"{layout.META_SHEET}!D{r}",
            message=t("scoring_sheet_vendor_gone", vendor=vid, vendors=", ".join(lp.vendors)),
            hint=t("scoring_sheet_new_template")) for r, vid in gone],
            what="scores_not_imported")
    rows: list[Row] = []
    counts = {"scores": 0, "demo": 0}
    folded = {label_key(title): ws for title, ws in titles.items()}
    known = _targets(lp)
    read: dict[str, _Cells] = {}  # the sheets read, by title (to find copies of them)
    for key in layout.SHEET_KEYS:
        names = _labels(tree, "sheet", key)
        # sheet names differ in case or spacing only: Excel takes them for the same name
        ws = next((folded[label_key(n)] for n in names if label_key(n) in folded), None)
        if ws is None:
            issues.append(Issue(file=name, message=t(
                "import_sheet_missing", sheet=names[LANGUAGES.index(sheet_lang)],
                found=", ".join(t_ for t_ in titles if t_ != layout.META_SHEET))))
            continue
        vendor_names = [layout.vendor_label(lp, v) for v in vendors]
        expected = [_labels(tree, "col", c) for c in layout.FIXED_COLUMNS[key]]
        per_vendor = ("shown",) if key == "demo" else layout.SCORED_PAIR
        expected += [[label.format(vendor=v) for label in _labels(tree, "col", c)]
                     for v in vendor_names for c in per_vendor]
        cells = _Cells(ws, last, len(expected) + SPARE_COLUMNS)
        read[ws.title] = cells
        sheet = _Sheet(name, cells, issues, sheet_lang, known)
        if cells.too_low:
            sheet.error(cells.too_low, 1, t("scoring_sheet_too_many_rows", row=cells.too_low,
                                            limit=last))
        if not sheet.check_header(expected):
            continue
        sheet.check_merged(len(layout.FIXED_COLUMNS[key]), expected)
        if key == "demo":
            rows += _read_marks(sheet, tree, evaluator, vendors, counts)
        else:
            rows += _read_scores(sheet, key, evaluator, vendors, counts)
    issues += _copies(name, titles, read, last)
    return Source(Path(name), rows), issues


def _copies(name: str, titles: dict[str, Any], read: dict[str, _Cells], last: int
            ) -> list[Issue]:
    """A sheet of the evaluator's own whose header row is that of a sheet read (Excel's
    "Requirements (2)") and whose content differs from it: its scores would be lost without a
    word, so one error names both."""
    extra = [title for title in titles if title not in read and title != layout.META_SHEET]
    if not extra:  # (the common case: nothing more is read)
        return []
    width = max((c for cells in read.values() for _, c in cells.cells), default=1)
    issues: list[Issue] = []
    for title in extra:
        theirs = _Cells(titles[title], last, width)
        values = {k: v[0] for k, v in theirs.cells.items()}
        header = {k: v for k, v in values.items() if k[0] == 1}
        for original, cells in read.items():
            read_values = {k: v[0] for k, v in cells.cells.items()}
            if header and header == {k: v for k, v in read_values.items() if k[0] == 1}:
                if values != read_values:
                    issues.append(Issue(file=name, where=f"{title}!A1", message=t(
                        "scoring_sheet_copy", copy=title, sheet=original)))
                break
    return issues


def _read_scores(sheet: _Sheet, key: str, evaluator: str, vendors: list[str],
                 counts: dict[str, int]) -> list[Row]:
    fixed = len(layout.FIXED_COLUMNS[key])
    found: list[Row] = []
    for r in range(layout.FIRST_ROW, sheet.last_row() + 1):
        target = sheet.target(r, 1)
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
            issue = Issue(file=sheet.name, where=cells.get(field, cells[""]), message=message,
                          hint=hint)
            if issue not in sheet.issues[-len(cells):]:  # a row's id, once for all vendors
                sheet.issues.append(issue)
        return None


def _read_marks(sheet: _Sheet, tree: dict[str, Any], evaluator: str, vendors: list[str],
                counts: dict[str, int]) -> list[Row]:
    # CANLI, Gösterilmedi, canli, Not shown, not_shown: as the drop-down's label or code
    codes = {label_key(label): code for code in SHOWN
             for label in (*_labels(tree, "shown", code), code, code.replace("_", " "))}
    fixed = len(layout.FIXED_COLUMNS["demo"])
    found: list[Row] = []
    for r in range(layout.FIRST_ROW, sheet.last_row() + 1):
        scenario, requirement = sheet.target(r, 1), sheet.target(r, 2)
        for k, vendor in enumerate(vendors):
            col = fixed + 1 + k
            raw = sheet.value(r, col)
            value = "" if raw is None else str(raw)
            if not value:
                continue
            code = codes.get(label_key(value))
            if code is None:  # a logical cell as the sheet shows it (TRUE / DOĞRU)
                shown = (t("sheet_true" if raw else "sheet_false") if isinstance(raw, bool)
                         else repr(value))
                sheet.error(r, col, t("load_not_one_of", value=shown, choices=", ".join(
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
