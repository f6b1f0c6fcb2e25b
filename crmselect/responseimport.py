"""Importing a vendor's filled response workbook (or a YAML response) into a project.

Everything is validated first and every problem is reported, each naming the sheet and cell::

    response.xlsx: Requirements!H14: 'Yes' is not a compliance level (native, configurable,
    third_party, custom, roadmap, none)

Only when there is no error is ``responses/<vendor>.yaml`` written — atomically, and never over
an existing file without ``force``. Empty answers are allowed but counted and reported as a
warning. Compliance labels are accepted in English and Turkish, and as the English codes.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import math
import re
import unicodedata
import warnings
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError
from xml.parsers import expat

import yaml
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.numbers import BUILTIN_FORMATS
from openpyxl.utils import column_index_from_string, get_column_letter, range_boundaries
from openpyxl.utils.exceptions import CellCoordinatesException
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS
from pydantic import ValidationError

from crmselect import workbooklayout as layout
from crmselect.atomicfile import write_text_atomic
from crmselect.documentstrings import load_namespace, load_strings
from crmselect.errors import CrmselectError, Issue, Number, Render, did_you_mean, msg
from crmselect.errors import msg as t
from crmselect.loading import IssueCollector, describe
from crmselect.model import (
    COMPLIANCE_LEVELS,
    FIRST_DAY,
    LANGUAGES,
    LAST_DAY,
    MAX_AMOUNT,
    MAX_WEIGHT,
    VendorResponseFile,
    localize,
)
from crmselect.project import LoadedProject, load_project, yaml_files
from crmselect.responsechecks import (
    answer_warnings,
    missing_rate,
    requirement_id_hint,
    response_problems,
    unknown_requirement,
    unlisted_vendor,
)
from crmselect.scaffold import modeline
from crmselect.scoringsheetlayout import KIND as SCORING_SHEET_KIND
from crmselect.textsafety import clean_text, shortened
from crmselect.typedvalues import (
    MARKED_CURRENCY,
    currency_marks,
    marked_currency,
    means_no_amount,
    parse_day_first,
    parse_number,
    trimmed,
    typed_percent,
    without_vat,
)
from crmselect.yamlfile import read_text

RESPONSES_DIR = "responses"
#: The longest row label a message about a Pricing or Company cell quotes (then "…").
LABEL_LENGTH = 60
#: How many cells of unanswered requirements a warning lists before "…".
LISTED_CELLS = 10
#: How many problems an import lists before "and N more" (a sheet of 600,000 bad rows would
#: print 600,000 lines nobody reads).
LISTED_PROBLEMS = 50
#: Rows read below a sheet's last requirement row (notes, blank rows a vendor added); a row
#: with content further down is refused, and nothing below it is read.
SPARE_ROWS = 1_000
#: Rows of the pricing and company sheets (a few dozen items each).
MAX_ITEM_ROWS = 1_000
#: The last column read; Excel allows 16,384, a response workbook uses 13.
MAX_COLUMNS = 64
#: Texts in a workbook's shared-strings part: each is held in memory while the sheets are read.
#: A filled workbook of 1,000 requirements has a few thousand.
MAX_SHARED_STRINGS = 200_000
#: Unpacked size of any part that is read whole (shared strings, styles, theme); sheets are
#: read row by row and bounded by their rows instead.
MAX_PART_BYTES = 20 * 1024 * 1024
#: Cells in one row: Excel's last column is XFD (16,384). A row is held whole while it is read,
#: so a row of millions of cells would take gigabytes.
MAX_ROW_CELLS = 16_384
#: Elements of a sheet outside its rows (merged cells, validations, formatting…) that openpyxl
#: keeps while the sheet is read; a response workbook has a few hundred.
MAX_OTHER_ELEMENTS = 100_000
#: Bytes of one text between two tags of a sheet or the shared strings: Excel holds at most
#: 32,767 characters in a cell, at most 8 bytes each as saved (an escape such as ``_x000B_``).
#: A longer text is no cell of Excel's; openpyxl would hold it whole, several times over (a
#: 150 MB cell in a 300 KB package took 2.2 GB and 74 s, then was quoted whole in a message).
MAX_TEXT_BYTES = 32_767 * 8
#: The unit a vendor types after the number of weeks the Company sheet asks for.
_WEEKS_UNIT = re.compile(r"(?<=\d)\s*(hafta|weeks?|wks?)\.?\s*$", re.IGNORECASE)
#: Excel's escape of a character XML cannot hold: ``_x000B_`` (``_x005F_`` is the underscore).
_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
FORMULA_TAG = f"{{{SHEET_MAIN_NS}}}f"
VALUE_TAG = f"{{{SHEET_MAIN_NS}}}v"
#: Quoted text, escaped characters and [colour] or [$-locale] parts of a number format: a
#: ``%`` in them is shown as it is, and does not make the number a percentage.
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


@dataclass
class ImportResult:
    """What an import wrote and what it noticed."""

    path: Path
    vendor: str
    answered: int
    unanswered: int
    warnings: list[Issue] = field(default_factory=list)


#: Turkish letters as a keyboard without them types them ("Ucuncu taraf" for "Üçüncü taraf").
_UNACCENTED = str.maketrans("çğıöşüâîû-", "cgiosuaiu ")


def _norm(text: str) -> str:
    """Compare labels regardless of case, spacing, hyphens, Turkish dotted capitals and
    Turkish letters typed without their marks."""
    text = unicodedata.normalize("NFKC", text).replace("İ", "i").casefold()
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")  # pasted zero-widths
    return " ".join(text.replace("\u0307", "").translate(_UNACCENTED).split())


def label_key(text: str) -> str:
    """A label as typed (``SUITECRM - PUAN``, ``CANLI``), folded the way this import compares
    labels, for the other readers of hand-filled sheets."""
    return _norm(text.replace("\u2014", " ").replace("\u2013", " "))


def requirement_key(text: str) -> str:
    """An id as people retype it (``ops-sfa-001``, ``'OPS-SFA-001``, ``OPS‑SFA‑001``,
    with a space or a non-breaking one inside) in the form ids are written."""
    text = unicodedata.normalize("NFKC", text).removeprefix("'")
    text = "".join(c for c in text if unicodedata.category(c) not in ("Cf", "Zs", "Cc"))
    return re.sub("[\u2010-\u2015\u2212]", "-", text).upper()


def _choices(namespace: str, key: str, codes: tuple[str, ...]) -> dict[str, str]:
    """Label (any language) or code → code, normalised for matching; a label's words before
    its brackets ("Standart" of "Standart (hazır)") too, when no other label has them."""
    tree = load_namespace(namespace)[key]
    found = {_norm(code): code for code in codes}
    found.update({_norm(code.replace("_", " ")): code for code in codes})
    for code in codes:
        for lang in LANGUAGES:
            found[_norm(tree[code][lang])] = code
    for code in codes:
        for lang in LANGUAGES:
            short = _norm(tree[code][lang].partition("(")[0])
            found.setdefault(short, code)
    return found


def _sheet_names() -> dict[str, dict[str, str]]:
    """Sheet key → language → sheet name."""
    tree = load_namespace("workbook")
    return {key: {lang: layout.sheet_names(tree, key)[lang] for lang in LANGUAGES}
            for key in layout.SHEET_KEYS}


def _column_labels() -> dict[str, set[str]]:
    cols = load_namespace("workbook")["col"]
    return {key: {_norm(cols[key][lang]) for lang in LANGUAGES}
            for key in layout.REQUIREMENT_COLUMNS}


class _Reader:
    """Reads one workbook, collecting errors and warnings with their cells."""

    def __init__(self, name: str, lp: LoadedProject, vendor: str) -> None:
        self.name = name
        self.lp = lp
        self.vendor = vendor
        self.lang = lp.language  # how the vendor writes numbers; the workbook's own once read
        self.errors: list[Issue] = []
        #: Errors found beyond the first LISTED_PROBLEMS, counted but not kept.
        self.more = 0
        self.warnings: list[Issue] = []
        #: The warnings about merged ranges: also shown when the import fails, as they explain
        #: the errors of the rows after a range's first ("an answer but no compliance level").
        self.merge_warnings: list[Issue] = []
        #: Amount cells written with a currency mark: (cell, text as typed, currency code).
        self.marked: list[tuple[str, str, str]] = []
        #: The currency cell was refused: the bid's currency is unknown, so no message may
        #: follow from it ("prices without a currency", "the bid's currency is TRY").
        self.currency_refused = False
        #: The Pricing sheet's currency (the optional prices are in it), once read.
        self.currency: str | None = None
        self.compliance = _choices("common", "compliance", COMPLIANCE_LEVELS)
        self.models = _choices("workbook", "licence_model", layout.LICENCE_MODELS)
        #: Merged ranges of each sheet read (known once all its rows are read).
        self.merged: dict[str, list[str]] = {}
        #: Answer cell of a Pricing or Company row → the row's label in column A, as the vendor
        #: sees it (in the workbook's language): a message about the cell names it, since
        #: "Company!B7" alone says nothing to who fills the sheet in.
        self.labels: dict[str, str] = {}
        #: The workbook was said to be made for another vendor (by its hidden sheet).
        self.other_vendor_said = False

    def error(self, where: str, message: str, hint: str = "") -> None:
        if len(self.errors) >= LISTED_PROBLEMS:
            self.more += 1
            return
        self.errors.append(Issue(file=self.name, where=where, message=self.labelled(where, message),
                                 hint=hint))

    def labelled(self, where: str, message: Any) -> Any:
        """``message`` after the label of the row of cell ``where``, when it has one."""
        label = self.labels.get(where)
        return t("import_field", field=label, message=message) if label else message

    @property
    def full(self) -> bool:
        """True once no more errors are listed (so no "did you mean" is worked out for them)."""
        return len(self.errors) >= LISTED_PROBLEMS

    def rows(self, ws: Any, width: int, last: int, answers: int | None = None
             ) -> Iterator[tuple[int, tuple[Any, ...]]]:
        """(row number, values of columns A…) of every row stored in ``ws`` up to row ``last``.

        The sheet's declared range (``<dimension ref="A1"/>``, often stale after an edit by
        another program) is not trusted: the rows stored are read. A row with content below
        ``last`` is one error, and reading stops there; cells beyond :data:`MAX_COLUMNS` are one
        error and are not read. A formula without its saved result is an error in the first
        ``answers`` columns (default: ``width``), and read as empty beyond them; so is a
        formula whose saved result is an error (``#VALUE!``).
        """
        previous = 0
        wide = False
        self.merged[ws.title] = []
        for number, cells in _stored_rows(ws, self.merged[ws.title]):
            if number <= previous:  # out of order: the sheet's XML is damaged
                raise ValueError(f"row {number} after row {previous}")
            previous = number
            values = [None] * width
            for cell in cells:
                column, value = cell["column"], cell["value"]
                if isinstance(value, _Uncomputed):  # a formula saved without its result
                    if column <= (answers or width):  # (a vendor's own calculation
                        # beside is not read)
                        self.error(f"{ws.title}!{get_column_letter(column)}{number}",
                                   t("import_formula", formula=repr(shortened(str(value), 40))),
                                   t("import_type_value"))
                    continue
                if isinstance(value, _ErrorResult):  # a formula whose result is an error
                    if column <= (answers or width):
                        self.error(f"{ws.title}!{get_column_letter(column)}{number}",
                                   t("import_formula_error", value=str(value)),
                                   t("import_type_value_only"))
                    continue
                if value is None or value == "":
                    continue
                if column > MAX_COLUMNS:
                    if not wide:  # said once per sheet; such cells are not read
                        self.error(f"{ws.title}!{get_column_letter(column)}{number}",
                                   t("import_too_many_columns", limit=MAX_COLUMNS,
                                     column=get_column_letter(MAX_COLUMNS)))
                    wide = True
                    continue
                if column <= width:
                    values[column - 1] = value
            if number > last:
                if any(cell["value"] not in (None, "") for cell in cells):
                    self.error(f"{ws.title}!A{number}", t("import_too_many_rows",
                                                         row=number, limit=last))
                    return
                continue
            yield number, tuple(values)

    def check_copies(self, titles: dict[str, Any], read: dict[str, Any]) -> None:
        """A sheet of the vendor's own whose header row is that of a sheet read (a copy such as
        "Gereksinimler (2)") and whose content differs from it holds answers that would be
        lost: one error naming both, so that they are put into the sheet that is read."""
        last = 1 + len(self.lp.requirements) + SPARE_ROWS
        used = {ws.title for ws in read.values() if ws is not None}
        extra = [name for name in titles if name not in used and name != layout.META_SHEET]
        if not extra:  # (the sheets read are read again only when there is another one)
            return
        originals = {ws.title: _cells(ws, last) for ws in read.values() if ws is not None}
        for title in extra:
            cells = _cells(titles[title], last)
            header = [cells.get((1, c), "") for c in range(1, 5)]
            if not any(header):
                continue
            for original, theirs in originals.items():
                same_header = header == [theirs.get((1, c), "") for c in range(1, 5)]
                if same_header and cells != theirs:
                    self.error(f"{title}!A1", t("import_sheet_copy", copy=title,
                                                 sheet=original))
                    break

    def warn(self, where: str, message: str) -> None:
        self.warnings.append(Issue(file=self.name, where=where, message=t(
            "import_warning", message=self.labelled(where, message))))

    # --- cell values ------------------------------------------------------------------------

    @staticmethod
    def known_id(typed: str, known: Any) -> str:
        """An id cell: one of ``known`` retyped in lower case, with an apostrophe, a space or
        another dash (``ops-sfa-001``, ``'OPS-SFA-001``, ``OPS‑SFA‑001``) is that id;
        anything else is read as typed (without invisible marks) for the checks to name."""
        key = requirement_key(typed)
        return key if key in known else "".join(
            c for c in typed if unicodedata.category(c) != "Cf")

    def said(self, value: Any) -> Any:
        """A cell's value quoted in a message: its text, or a logical cell's word as the
        reader's spreadsheet shows it (TRUE / DOĞRU, not Python's True)."""
        return _sheet_word(value) if isinstance(value, bool) else repr(self.text(value))

    @staticmethod
    def text(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):  # a logical cell kept as text: as Excel writes it
            return "TRUE" if value else "FALSE"
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, (dt.datetime, dt.date)):
            return value.strftime("%Y-%m-%d")
        text = trimmed(clean_text(str(value)))  # "EUR\u200b" pasted from a web page
        # safe_cell protected formula-like text with an apostrophe; give the text back.
        return text[1:] if text.startswith("'") and text[1:2] in ("=", "+", "-", "@") else text

    def number(self, where: str, value: Any, positive: bool = False,
               upper: float | None = MAX_AMOUNT, percent: bool = False) -> float | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, _Percent):  # "20%" typed into Excel is stored as 0.2
            if not percent:
                self.error(where, t("import_percent_not_amount", value=f"{value * 100:g}%"))
                return None
            value = round(value * 100, 9)
        if isinstance(value, bool):  # Excel's TRUE / DOĞRU, not Python's True
            self.error(where, t("import_not_number", value=_sheet_word(value)))
            return None
        if not isinstance(value, (int, float, str)):
            self.error(where, t("import_not_number", value=repr(self.text(value))))
            return None
        typed = self.text(value)
        if isinstance(value, str) and not percent and typed_percent(value):
            # "5%" typed as text: a percentage, as when Excel stores it as 0.05 (above)
            self.error(where, t("import_percent_not_amount", value=typed))
            return None
        if isinstance(value, str):
            amount, vat = without_vat(value)  # "18.500 TL + KDV": the price without VAT
            parsed = parse_number(amount, self.lang) if vat is not True else None
            if parsed is None:
                hint = (t("import_hint_vat_included") if vat else
                        t("import_hint_two_currencies") if len(currency_marks(amount)) > 1
                        else t("import_hint_no_amount") if means_no_amount(value) else "")
                self.error(where, t("import_not_number", value=repr(shortened(typed))), hint)
                return None
            value = amount
            code = marked_currency(value)
            if code:
                self.marked.append((where, self.text(value), code))
            self.ambiguous_separator(where, amount, parsed)
            value = parsed
        number = float(value)
        if not math.isfinite(number):  # 400 nines typed as text: too large for a float
            shown = typed if len(typed) <= 24 else typed[:20] + "…"
            self.error(where, t("import_not_number", value=repr(shown)))
            return None
        if number < 0:
            self.error(where, t("import_negative", value=_shown(number)))
            return None
        if positive and number == 0:
            self.error(where, t("import_not_positive"))
            return None
        if upper is not None and number > upper:
            self.error(where, t("import_too_large", value=_shown(number), limit=Number(upper)))
            return None
        return number

    def ambiguous_separator(self, where: str, typed: str, parsed: float) -> None:
        """A warning for ``25.000`` read as 25 in an English workbook (``25,000`` in a Turkish
        one): a lone separator before three digits is read as the workbook's language writes
        it, and a vendor of the other language meant a thousand times more."""
        digits = re.sub(r"[^\d.,]", "", typed)  # without currency marks and spaces
        if (not re.fullmatch(r"\d{1,3}[.,]\d{3}", digits)
                or ("." if self.lang == "tr" else ",") in digits):
            return  # not the ambiguous form, or read as thousands
        whole = re.sub(r"[.,]", "", digits)
        self.warn(where, t("import_ambiguous_separator", value=repr(shortened(typed.strip())),
                           read=Number(parsed), meant=whole))

    def date(self, where: str, value: Any) -> dt.date | None:
        day = self._date(where, value)
        if day is not None and not FIRST_DAY <= day <= LAST_DAY:
            self.error(where, t("import_date_out_of_range", value=day,  # the edge writes them
                                first=FIRST_DAY, last=LAST_DAY))
            return None
        return day

    def _date(self, where: str, value: Any) -> dt.date | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, bool):
            self.error(where, t("import_not_date", value=_sheet_word(value)))
            return None
        text = self.text(value)
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
        day = parse_day_first(text)
        if day is not None and day.time() == dt.time():
            return day.date()
        self.error(where, t("import_not_date", value=repr(text)), _month_first(text))
        return None

    # --- sheets ---------------------------------------------------------------------------

    def requirements(self, ws: Any, kind: str = "full") -> dict[str, dict[str, Any]]:
        title = ws.title
        labels = _column_labels()
        width = len(layout.REQUIREMENT_COLUMNS) + 1  # (and one more: a column added shows)
        rows = self.rows(ws, width, last=1 + len(self.lp.requirements) + SPARE_ROWS)
        first = next(rows, None)
        header: tuple[Any, ...] = first[1] if first and first[0] == 1 else ()
        if first and first[0] != 1:  # no header row: the first row read is a requirement's
            rows = itertools.chain([first], rows)
        bad_header = False
        found = [_norm(self.text(h)) for h in header]
        keys = layout.columns_of(found, lambda key, text: text in labels[key], kind)
        shifted = shifted_column(found, [labels[key] for key in keys])
        if shifted is not None:  # one column added or deleted: one error, not one a column
            i, added = shifted
            cols = load_namespace("workbook")["col"]
            self.error(f"{title}!{get_column_letter(i + 1)}1", t(
                "import_column_added", found=repr(shortened(self.text(header[i]))),
                expected=cols[keys[i]][self.lang]) if added else t(
                "import_column_deleted", expected=cols[keys[i]][self.lang]))
            return {}
        for i, key in enumerate(keys):
            got = header[i] if i < len(header) else None
            if _norm(self.text(got)) not in labels[key]:
                letter = get_column_letter(i + 1)
                expected = load_namespace("workbook")["col"][key][self.lang]  # as written
                self.error(f"{title}!{letter}1", t("import_bad_column", expected=expected,
                                                   found=repr(shortened(self.text(got)))))
                bad_header = True
        if bad_header:
            return {}
        col = {key: i for i, key in enumerate(keys)}
        compliance_labels = load_namespace("common")["compliance"]
        answers: dict[str, dict[str, Any]] = {}
        seen: dict[str, int] = {}
        unanswered: list[str] = []
        for row_number, row in rows:

            def cell(key: str, r: int = row_number) -> str:
                return f"{title}!{get_column_letter(col[key] + 1)}{r}"

            # zero-width and direction marks pasted with an id are invisible in the message
            rid = self.known_id(self.text(row[col["id"]]), self.lp.requirements)
            filled = [k for k in layout.ANSWER_COLUMNS if k in col and self.text(row[col[k]])]
            if not rid:
                if filled:
                    self.error(cell("id"), t("import_no_id"))
                continue
            unknown = unknown_requirement(self.lp, rid, hint=not self.full)
            if unknown is not None:
                self.error(cell("id"), unknown.message, unknown.hint)
                continue
            if rid in seen:
                self.error(cell("id"), t("import_twice", id=rid, row=seen[rid]))
                continue
            seen[rid] = row_number
            raw = self.text(row[col["compliance"]])
            if not raw:
                if filled:
                    self.error(cell("compliance"), t("import_no_compliance", id=rid))
                else:
                    unanswered.append(cell("compliance"))
                continue
            level = self.compliance.get(_norm(raw))
            if level is None:
                labels = load_namespace("common")["compliance"]
                self.error(cell("compliance"), t("import_bad_compliance",
                                                 value=self.said(row[col["compliance"]]),
                                                 choices="; ".join(labels[c][self.lang]
                                                                   for c in COMPLIANCE_LEVELS)),
                           did_you_mean(raw, [labels[c][self.lang] for c in COMPLIANCE_LEVELS]))
                continue
            answer: dict[str, Any] = {"compliance": level}
            comment = self.text(row[col["comment"]])
            if comment:
                answer["comment"] = comment
            evidence = [e.strip() for e in re.split(r"[\n;]", self.text(row[col["evidence"]]))
                        if e.strip()]
            if evidence:
                answer["evidence"] = evidence
            product = self.text(row[col["third_party_product"]])
            if product:
                answer["third_party_product"] = product
            cost = self.number(cell("third_party_cost_per_year"),
                               row[col["third_party_cost_per_year"]]) if (
                "third_party_cost_per_year" in col) else None
            if cost is not None:
                answer["third_party_cost_per_year"] = cost
            effort = self.number(cell("custom_effort_days"), row[col["custom_effort_days"]],
                                 upper=MAX_WEIGHT)
            if effort is not None:
                answer["custom_effort_days"] = effort
            date = self.date(cell("roadmap_date"), row[col["roadmap_date"]])
            if date is not None:
                answer["roadmap_date"] = date
            if level == "roadmap" and date is None and not any(
                e.where == cell("roadmap_date") for e in self.errors
            ):
                self.error(cell("roadmap_date"), t("import_roadmap_date", id=rid))
            for problem in answer_warnings(  # the same as for a YAML response
                    rid, level, product=product, cost=cost, effort=effort, date=date,
                    label=lambda code: compliance_labels[code][self.lang]):
                self.warn(cell(problem.loc[-1]), problem.message)
            answers[rid] = answer
        self.check_merged(title, {r: rid for rid, r in seen.items()},
                          {get_column_letter(i + 1): k for k, i in col.items()})
        for rid in self.lp.requirements:
            if rid not in seen:
                self.error(title, t("import_row_deleted", id=rid))
        if unanswered:
            listed = ", ".join(c.split("!")[1] for c in unanswered[:LISTED_CELLS])
            more = ", …" if len(unanswered) > LISTED_CELLS else ""
            self.warn(title, t("import_unanswered", n=len(unanswered), cells=listed + more))
        return answers

    def items(self, ws: Any, added: list[tuple[int, tuple[Any, ...]]] | None = None,
              known: frozenset[str] = frozenset()) -> dict[str, tuple[str, Any]]:
        """Key (hidden column D) → (cell reference of the answer, value) of an item sheet;
        rows with content but no key (rows a vendor inserted) go to ``added``. When column D
        holds no key but another column holds ``known`` ones, a column was deleted or
        inserted (column D then holds no key, or another text): that is one error, and
        nothing of the sheet is read."""
        found: dict[str, tuple[str, Any]] = {}
        read: list[tuple[int, tuple[Any, ...]]] = []
        for row_number, row in self.rows(ws, 6, last=MAX_ITEM_ROWS, answers=4):
            if row_number < 2:
                continue
            read.append((row_number, row))
            key = self.text(row[3])
            if key:
                found[key] = (f"{ws.title}!B{row_number}", row[1])
                label = self.text(row[0]) if isinstance(row[0], str) else ""
                if label:
                    self.labels[f"{ws.title}!B{row_number}"] = shortened(
                        " ".join(label.split()), LABEL_LENGTH)
            elif added is not None and any(self.text(v) for v in row[:3]):
                added.append((row_number, row[:4]))
        self.refuse_merged(ws.title, "B", (n for n, row in read if self.text(row[3])))
        if known and not found.keys() & known:
            moved = next(((n, i) for n, row in read for i, v in enumerate(row)
                          if i != 3 and self.text(v) in known), None)
            if moved is not None:
                letter = get_column_letter(moved[1] + 1)
                self.error(f"{ws.title}!{letter}{moved[0]}",
                           t("import_keys_moved", column=letter))
                if added is not None:
                    added.clear()  # (not rows a vendor added: the sheet's own, shifted)
                return {}
        return found

    def added_rows(self, title: str, added: list[tuple[int, tuple[Any, ...]]]) -> None:
        """Rows a vendor inserted in the Pricing sheet are not read: an error when one holds
        an amount (it would be left out of the cost), else a warning."""
        for row_number, row in added:
            label, value = self.text(row[0]), self.text(row[1])
            shown = ": ".join(v for v in (label, value) if v) or self.text(row[2])
            amount = isinstance(row[1], (int, float)) and not isinstance(row[1], bool) or bool(
                re.fullmatch(r"[-+]?[\d.,\s]*\d[\d.,\s]*\s*(?:[A-Za-z]{2,3}|[₺€$£])?", value))
            if amount:
                self.error(f"{title}!B{row_number}",
                           t("import_added_row_price", row=row_number, text=repr(shown)))
            else:
                self.warn(f"{title}!A{row_number}",
                          t("import_added_row", row=row_number, text=repr(shown)))

    def check_merged(self, title: str, rows: dict[int, str], columns: dict[str, str]) -> None:
        """A merged range over several requirement rows holds its value in the first row only:
        each is a warning at the range (the value is not copied to the other rows, which may
        not share it)."""
        for ref in self.merged.get(title, []):
            first, _, last = ref.partition(":")
            m1 = re.fullmatch(r"([A-Z]+)(\d+)", first)
            m2 = re.fullmatch(r"([A-Z]+)(\d+)", last or first)
            if not m1 or not m2 or int(m2.group(2)) <= int(m1.group(2)):
                continue
            top, bottom = int(m1.group(2)), int(m2.group(2))
            if not any(r in rows for r in range(top, bottom + 1)):
                continue
            column = columns.get(m1.group(1), m1.group(1))
            column_name = load_namespace("workbook")["col"].get(column, {}).get(
                self.lang, column) if column in columns.values() else column
            self.warn(f"{title}!{ref}", t(
                "import_merged_cells", column=column_name, first=top, last=bottom,
                id=rows.get(top, "—"),
                others=f"{top + 1}–{bottom}" if bottom > top + 1 else str(bottom)))
            self.merge_warnings.append(self.warnings[-1])

    def refuse_merged(self, title: str, columns: str, rows: Iterable[int]) -> None:
        """A merged range over the answer cells (``columns``: their letters) of several rows of
        ``title`` keeps the value of its first row only: the price, date or answer that the
        vendor sees over all of them is blank for the others (a licence without a price
        counted free). Each such range is an error at the range; ``rows``: the sheet's rows
        that hold an item."""
        items = set(rows)
        wanted = {column_index_from_string(c) for c in columns}
        for ref in self.merged.get(title, []):
            try:
                left, top, right, bottom = range_boundaries(ref)
            except (ValueError, TypeError):  # not a range of cells
                continue
            if top is None or bottom is None:  # whole columns: no item row of their own
                continue
            below = sorted(items.intersection(range(top + 1, bottom + 1)))
            if below and any(left <= c <= right for c in wanted):
                self.error(f"{title}!{ref}", t(
                    "import_merged_answers", first=top, last=bottom, n=len(below),
                    others=", ".join(str(r) for r in below)))

    def pricing(self, ws: Any) -> dict[str, Any] | None:
        added: list[tuple[int, tuple[Any, ...]]] = []
        kinds = dict(layout.pricing_keys(self.lp))
        items = self.items(ws, added, frozenset(kinds))
        self.added_rows(ws.title, added)
        pricing: dict[str, Any] = {"per_user_month": {}, "perpetual_per_user": {}}
        given = False
        currency_cell = ""
        for key, (where, value) in items.items():
            kind = kinds.get(key)
            if kind is None:
                self.error(where, t("import_unknown_row", row=key))
                continue
            if key == "currency":
                currency_cell = where
                code = self.text(value).strip().upper()
                if code in ("TL", "₺"):  # how Turkish vendors write the lira: it is TRY
                    code = "TRY"
                if code and not re.fullmatch(r"[A-Z]{3}", code):
                    meant = MARKED_CURRENCY.get(code)
                    self.error(where, t("import_bad_currency", value=self.said(value)),
                               hint=t("did_you_mean", name=meant) if meant else "")
                    if meant:  # so that no second error follows
                        pricing["currency"] = self.currency = meant
                    else:
                        self.currency_refused = True
                elif code:
                    pricing["currency"] = self.currency = code
                    self._check_rate(where, code)
                continue
            if kind == "licence_model":
                text = self.text(value)
                if text:
                    model = self.models.get(_norm(text))
                    if model is None:
                        self.error(where, t("import_bad_licence", value=self.said(value),
                                                choices=", ".join(layout.LICENCE_MODELS)))
                    else:
                        pricing["licence_model"] = model
                        given = True
                continue
            if kind == "text":
                if self.text(value):
                    pricing[key] = self.text(value)
                continue
            number = self.number(where, value, upper=100 if kind == "percent" else None,
                                 percent=kind == "percent")
            if number is None:
                continue
            given = True
            base, _, licence = key.partition(".")
            if licence:
                pricing[base][licence] = number
            else:
                pricing[key] = number
        if not given:
            self.warn(ws.title, t("import_no_price"))
            return None
        if "currency" not in pricing:
            if not self.currency_refused:
                self.error(currency_cell or ws.title, t("import_no_currency"))
            return None
        return pricing

    def questionnaire(self, ws: Any, known: list[str]) -> dict[str, str]:
        """Question id (column A) → answer (column D) of the Questionnaire sheet; ``known``: the
        ids of this RFP's questions, in order."""
        answers: dict[str, str] = {}
        seen: dict[str, int] = {}
        for row_number, row in self.rows(ws, 4, last=1 + len(known) + SPARE_ROWS):
            if row_number < 2:
                continue
            where = f"{ws.title}!A{row_number}"
            qid = self.known_id(self.text(row[0]), known)
            answer = self.text(row[3])
            if not qid:
                if answer:
                    self.error(where, t("import_no_question_id"))
                continue
            if qid not in known:
                self.error(where, t("import_not_question", id=qid),
                           did_you_mean(qid, known) if not self.full else "")
                continue
            if qid in seen:
                self.error(where, t("import_twice", id=qid, row=seen[qid]))
                continue
            seen[qid] = row_number
            if answer:
                answers[qid] = answer
        self.refuse_merged(ws.title, "D", seen.values())
        missing = [q for q in known if q not in answers]
        if missing:
            listed = ", ".join(missing[:LISTED_CELLS]) + (
                ", …" if len(missing) > LISTED_CELLS else "")
            self.warn(ws.title, t("import_questions_unanswered", n=len(missing), ids=listed))
        return answers

    def optional_prices(self, ws: Any) -> dict[str, dict[str, Any]]:
        """Key → {price, currency, note} of the Optional prices sheet. A sheet of format 2 (its
        header has no price column) has the price in column B and the key, ``optional.<key>``,
        in column D, and no note."""
        asked = list(self.lp.project.rfp.optional_prices)
        labels = load_namespace("workbook")["optional"]["col_price"]
        key_col, price_col, note_col = 3, 1, None
        found: dict[str, dict[str, Any]] = {}
        keyed: list[int] = []
        for row_number, row in self.rows(ws, 5, last=1 + len(asked) + SPARE_ROWS):
            if row_number == 1:
                if _norm(self.text(row[2])) in {_norm(labels[lang]) for lang in LANGUAGES}:
                    key_col, price_col, note_col = 4, 2, 3
                continue
            key = self.text(row[key_col]).removeprefix("optional.")
            price_where = f"{ws.title}!{get_column_letter(price_col + 1)}{row_number}"
            note = self.text(row[note_col]) if note_col is not None else ""
            if not key:
                if self.text(row[price_col]) or note:
                    self.error(price_where, t("import_no_price_key"))
                continue
            if key not in asked:
                self.error(f"{ws.title}!A{row_number}", t("import_not_optional", key=key),
                           did_you_mean(key, asked) if not self.full else "")
                continue
            keyed.append(row_number)
            price = self.number(price_where, row[price_col])
            if price is None:
                if note and not any(e.where == price_where for e in self.errors):
                    self.error(price_where, t("import_note_no_price"))
                continue
            if self.currency is None:
                if not self.currency_refused:
                    self.error(price_where, t("import_optional_no_currency"))
                continue
            found[key] = {"price": price, "currency": self.currency,
                          **({"note": note} if note else {})}
        self.refuse_merged(ws.title, get_column_letter(price_col + 1) + (
            get_column_letter(note_col + 1) if note_col is not None else ""), keyed)
        return found

    def third_party_costs(self, ws: Any) -> dict[str, tuple[str, float]]:
        """Requirement id (column A) → (cell, yearly cost in column C) of the pricing
        workbook's Third-party costs sheet; rows without a cost are left out."""
        costs: dict[str, tuple[str, float]] = {}
        seen: dict[str, int] = {}
        for row_number, row in self.rows(ws, 3, last=1 + len(self.lp.requirements)
                                         + SPARE_ROWS):
            if row_number < 2:
                continue
            where = f"{ws.title}!A{row_number}"
            rid = self.known_id(self.text(row[0]), self.lp.requirements)
            if not rid:
                if self.text(row[2]):
                    self.error(where, t("import_no_id"))
                continue
            unknown = unknown_requirement(self.lp, rid, hint=not self.full)
            if unknown is not None:
                self.error(where, unknown.message, unknown.hint)
                continue
            if rid in seen:
                self.error(where, t("import_twice", id=rid, row=seen[rid]))
                continue
            seen[rid] = row_number
            cell = f"{ws.title}!C{row_number}"
            cost = self.number(cell, row[2])
            if cost is not None:
                costs[rid] = (cell, cost)
        self.refuse_merged(ws.title, "C", seen.values())
        return costs

    def merge_costs(self, costs: dict[str, tuple[str, float]],
                    responses: dict[str, Any]) -> None:
        """Put the pricing workbook's third-party costs into the technical answers (the
        imported response's ``responses``, changed in place): every cost is replaced, a cost
        of a requirement without a technical answer is an error."""
        labels = load_namespace("common")["compliance"]
        for answer in responses.values():
            if isinstance(answer, dict):
                answer.pop("third_party_cost_per_year", None)
        for rid, (where, cost) in costs.items():
            answer = responses.get(rid)
            if not isinstance(answer, dict):
                self.error(where, t("import_cost_unanswered", id=rid))
                continue
            if cost:
                answer["third_party_cost_per_year"] = cost
            level = answer.get("compliance")
            if cost and level != "third_party" and level in labels:
                self.warn(where, t("import_not_counted", id=rid,
                                   level=labels[level][self.lang],
                                   what=t("import_what_third_party"),
                                   meant=labels["third_party"][self.lang]))

    def check_marks(self, currency: str) -> None:
        """An amount typed with another currency's mark than the bid's currency would be
        counted in the wrong currency: ``₺45.000`` in a EUR bid is not 45,000 EUR."""
        if self.currency_refused:  # the bid's currency is unknown; its cell is reported
            return
        for where, text, code in self.marked:
            if code != currency:
                self.error(where, t("import_other_currency", value=repr(text), marked=code,
                                    currency=currency))

    def check_company_name(self, where: str, value: Any) -> None:
        """A workbook whose Company sheet names another vendor of the project is that vendor's
        answers: imported under this vendor they would replace this vendor's (a workbook made
        without ``--vendor`` carries no vendor of its own to compare)."""
        typed = _norm(self.text(value))
        if not typed or self.other_vendor_said:
            return
        names = {vid: {_norm(vid), _norm(v.name)} for vid, v in self.lp.vendors.items()}
        if typed in names.get(self.vendor, set()):
            return
        other = next((vid for vid, known in names.items() if typed in known), None)
        if other is not None:
            self.error(where, t("import_other_vendor", made_for=other, vendor=self.vendor),
                       hint=t("import_use_vendor", vendor=other))

    def _check_rate(self, where: str, currency: str) -> None:
        """A bid in another currency needs the project's exchange rate to be compared."""
        problem = missing_rate(self.lp.project, currency)
        if problem is not None:
            self.error(where, problem.message, hint=problem.hint)

    def company(self, ws: Any) -> dict[str, Any]:
        items = self.items(ws, known=frozenset(key for key, _ in layout.COMPANY_ROWS))
        values = {key: (where, value) for key, (where, value) in items.items()}
        if "vendor_name" in values:
            self.check_company_name(*values["vendor_name"])
        out: dict[str, Any] = {}
        contact = [self.text(values[k][1]) for k in ("contact_name", "contact_email",
                                                    "contact_phone") if k in values]
        if any(contact):
            out["contact"] = ", ".join(c for c in contact if c)
        if "submitted" in values:
            date = self.date(*values["submitted"])
            if date is not None:
                out["submitted"] = date
        if "implementation_weeks" in values:
            where, typed = values["implementation_weeks"]
            if isinstance(typed, str):  # "16 hafta", "16 weeks": the unit the row asks for
                typed = _WEEKS_UNIT.sub("", typed)
            weeks = self.number(where, typed, positive=True, upper=520)
            if weeks is not None:
                out["implementation_weeks"] = weeks
        references = [self.text(values[f"reference_{n}"][1])
                      for n in range(1, layout.REFERENCES + 1) if f"reference_{n}" in values]
        if any(references):
            out["references"] = [r for r in references if r]
        return out


def shifted_column(found: list[str], wanted: list[set[str]]) -> tuple[int, bool] | None:
    """(index, True) when one column was added at ``index`` of a header row whose columns
    should be ``wanted`` (each a set of the labels it may have), (index, False) when the
    column at ``index`` was deleted; None when the header is right or otherwise wrong."""
    found = found + [""] * (len(wanted) + 1 - len(found))
    first = next((i for i, labels in enumerate(wanted) if found[i] not in labels), None)
    if first is None or first + 1 >= len(wanted):
        return None
    if all(found[j + 1] in wanted[j] for j in range(first, len(wanted))):
        return first, True
    if all(found[j] in wanted[j + 1] for j in range(first, len(wanted) - 1)):
        return first, False
    return None


def _month_first(text: str) -> Any:
    """"did you mean 2027-03-20?" for a date typed month first, as US Excel writes it
    (``3/20/2027``), when it can be no day-first date; else no hint."""
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text.strip())
    if not match:
        return ""
    month, day, year = (int(g) for g in match.groups())
    try:
        return t("did_you_mean", name=dt.date(year, month, day).isoformat()) if day > 12 else ""
    except ValueError:
        return ""


def _sheet_word(value: bool) -> Any:
    """A logical cell as a spreadsheet shows it in the reader's language (TRUE / DOĞRU)."""
    return t("sheet_true" if value else "sheet_false")


def _shown(number: float) -> str:
    """A cell's number as typed: 12, 2.5, and 1.7e+308 (not its 309 digits)."""
    if float(number).is_integer() and abs(number) < 1e15:
        return str(int(number))
    return f"{number:g}" if abs(number) >= 1e15 else str(number)


def _target(lp: LoadedProject, vendor: str, force: bool) -> tuple[Path, list[Issue]]:
    path = lp.root / RESPONSES_DIR / f"{vendor}.yaml"
    # odoo.yml (or ODOO.YAML) is the vendor's file too: replaced, never doubled by odoo.yaml
    path = next((p for p in yaml_files(path.parent) if p.stem == vendor), path)
    problems = []
    unlisted = unlisted_vendor(lp.project, vendor)
    if unlisted is not None:
        problems.append(Issue(file=str(lp.root / "project.yaml"), where="vendors",
                              message=unlisted.message, hint=unlisted.hint))
    if path.exists() and not force:
        problems.append(Issue(file=str(path), message=t("import_exists"),
                              hint=t("import_force")))
    return path, problems


def import_responses(project: Path | LoadedProject, file: Path, vendor: str,
                     force: bool = False, render: Render | None = None) -> ImportResult:
    """Validate ``file`` (.xlsx workbook or .yaml response) and write the vendor's response file.

    Raises :class:`CrmselectError` listing every problem; nothing is written then. With the
    edge's ``render``, a workbook's response file starts with a comment saying where it came
    from, in the project's language.
    """
    lp = project if isinstance(project, LoadedProject) else load_project(project)
    file = Path(file)
    target, problems = _target(lp, vendor, force)
    if file.suffix.lower() in (".yaml", ".yml"):
        return _import_yaml(lp, file, vendor, target, problems)
    return _import_workbook(lp, file, vendor, target, problems, render)


def _fail(issues: list[Issue], more: int = 0, notes: list[Issue] | None = None
          ) -> CrmselectError:
    """The import's problems: the first :data:`LISTED_PROBLEMS`, then "and N more";
    ``notes`` (warnings that explain them) come first and are not counted."""
    more += max(0, len(issues) - LISTED_PROBLEMS)
    n = min(len(issues), LISTED_PROBLEMS) + more
    listed = list(notes or []) + issues[:LISTED_PROBLEMS]
    if more:
        listed.append(Issue(file="", message=msg("import_more_problems", n=more)))
    return CrmselectError(listed, summary=msg("import_not_written", n=n))


def _unescape_excel(text: str) -> str:
    """Decode Excel's ``_xHHHH_`` escapes: a line break pasted from Word is ``_x000B_``, and
    ``_x005F_x000B_`` is the text ``_x000B_`` itself."""
    if "_x" not in text:
        return text
    decoded = _EXCEL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    return decoded.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")


class _TooManyStrings(Exception):
    def __init__(self, count: int) -> None:
        super().__init__(count)
        self.count = count


def _read_shared_strings(stream: Any) -> list[str]:
    """The texts of a shared-strings part, with Excel's escapes decoded (openpyxl keeps
    ``_x000B_`` as it is). Over :data:`MAX_SHARED_STRINGS`, the rest is counted without being
    kept, and :class:`_TooManyStrings` says how many there are."""
    strings: list[str] = []
    parts: list[str] = []
    count = 0
    state = {"text": False, "phonetic": 0}

    def start(name: str, _attrs: dict[str, str]) -> None:
        tag = name.rpartition(":")[2]
        if tag == "si":
            parts.clear()
        elif tag == "rPh":  # the phonetic reading of Japanese text is not part of it
            state["phonetic"] += 1
        elif tag == "t" and not state["phonetic"]:
            state["text"] = True

    def end(name: str) -> None:
        nonlocal count
        tag = name.rpartition(":")[2]
        if tag == "t":
            state["text"] = False
        elif tag == "rPh":
            state["phonetic"] -= 1
        elif tag == "si":
            count += 1
            if count <= MAX_SHARED_STRINGS:
                strings.append(_unescape_excel("".join(parts)))

    def characters(data: str) -> None:
        if state["text"]:
            parts.append(data)

    def no_dtd(*_args: object) -> None:  # entities are how "billion laughs" bombs are made
        raise ValueError("a DTD in the shared strings")

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    parser.StartDoctypeDeclHandler = no_dtd
    parser.ParseFile(stream)
    if count > MAX_SHARED_STRINGS:
        raise _TooManyStrings(count)
    return strings


class _WorkbookReader(ExcelReader):
    """openpyxl's reader, with the shared strings read by :func:`_read_shared_strings`."""

    def read_strings(self) -> None:
        found = self.package.find(SHARED_STRINGS)
        if found is not None:
            with self.archive.open(found.PartName[1:]) as source:
                self.shared_strings = _read_shared_strings(source)


class _Uncomputed(str):
    """A formula saved without its result (written by a program that does not calculate):
    its value is unknown, so the cell is an error, not an empty answer."""


class _ErrorResult(str):
    """The saved result of a formula that failed (``#VALUE!``, ``#REF!``, ``#N/A``): what the
    vendor meant is unknown, so in an answer column the cell is an error, not that text."""


class _Percent(float):
    """A number shown as a percentage (number format ``0%``): ``20%`` typed into Excel or
    LibreOffice is stored as 0.2, and what the vendor sees and means is 20."""


def _percent_styles(book: Any) -> frozenset[int]:
    """The cell styles of ``book`` whose number format shows a percentage (a ``%`` outside
    quotes and escapes, in the format's first section)."""
    found = set()
    for index, style in enumerate(book._cell_styles):
        number_format = (BUILTIN_FORMATS.get(style.numFmtId) if style.numFmtId < 164 else
                         book._number_formats[style.numFmtId - 164]
                         if style.numFmtId - 164 < len(book._number_formats) else None)
        if number_format and "%" in _FORMAT_LITERALS.sub("", number_format.split(";")[0]):
            found.add(index)
    return frozenset(found)


#: The last day Excel writes (31 December 9999) as a serial number.
_LAST_SERIAL = 2_958_465


def _beyond_days(element: Any, date_formats: Any) -> float | None:
    """The number of a cell formatted as a date whose number is no day Excel can show
    (``3000000000``, shown as ``#######``), else None: such a cell is read as that number,
    which a date column refuses and an amount column reads."""
    style = element.get("s")
    if not style or int(style) not in date_formats or element.get("t", "n") != "n":
        return None
    raw = element.findtext(VALUE_TAG)
    try:
        number = float(raw) if raw is not None else None
    except ValueError:
        return None
    if number is None or abs(number) <= _LAST_SERIAL:
        return None
    return int(number) if number.is_integer() and abs(number) < 1e15 else number


class _SheetParser(WorkSheetParser):
    """openpyxl's sheet parser; inline texts get Excel's escapes decoded as shared ones do, a
    formula without a saved result is marked :class:`_Uncomputed`, and a number shown as a
    percentage :class:`_Percent`."""

    percent_styles: frozenset[int] = frozenset()

    def parse_cell(self, element: Any) -> dict[str, Any]:
        serial = _beyond_days(element, self.date_formats)
        if serial is not None:  # openpyxl would warn on stderr and give "#VALUE!"
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                cell = super().parse_cell(element)
            cell["value"], cell["data_type"] = serial, "n"  # the number as typed
            return cell
        cell = super().parse_cell(element)
        if (cell["style_id"] in self.percent_styles and isinstance(cell["value"], (int, float))
                and not isinstance(cell["value"], bool)):
            cell["value"] = _Percent(cell["value"])
        elif element.get("t") == "inlineStr" and isinstance(cell["value"], str):
            cell["value"] = _unescape_excel(cell["value"])
        elif element.get("t") == "e" and isinstance(cell["value"], str):
            cell["value"] = _ErrorResult(cell["value"])
        elif cell["value"] is None:
            formula = element.find(FORMULA_TAG)
            if formula is not None:
                cell["value"] = _Uncomputed("=" + (formula.text or ""))
        return cell


def stored_rows(ws: Any, formulas: bool = False, merged: list[str] | None = None
                ) -> Iterator[tuple[int, list[dict[str, Any]]]]:
    """The rows of a sheet of :func:`open_workbook` as stored, row by row, each a list of
    cells (``row``, ``column``, ``value``, ``data_type``). With ``formulas``, a formula's cell
    holds the formula (``data_type`` ``f``), not its saved result. Once every row is read, the
    sheet's merged ranges (``F5:F7``) are added to ``merged``."""
    return _stored_rows(ws, merged, formulas=formulas)


def _stored_rows(ws: Any, merged: list[str] | None = None, formulas: bool = False
                 ) -> Iterator[tuple[int, list[dict[str, Any]]]]:
    """The rows of a read-only openpyxl sheet as stored in its XML, row by row (openpyxl's own
    ``iter_rows`` trusts the declared range and pads the rows it skips). Once every row is
    read, the sheet's merged ranges (``F5:F7``) are added to ``merged``."""
    book = ws.parent
    with ws._get_source() as source:
        parser = _SheetParser(source, ws._shared_strings, data_only=not formulas,
                              epoch=book.epoch,
                              date_formats=book._date_formats,
                              timedelta_formats=book._timedelta_formats)
        parser.percent_styles = _percent_styles(book)
        yield from parser.parse()
        if merged is not None and parser.merged_cells is not None:
            merged.extend(str(m.ref) for m in parser.merged_cells.mergeCell)


def _cells(ws: Any, last: int) -> dict[tuple[int, int], str]:
    """(row, column) → text of the non-empty cells of ``ws`` in its first ``last`` rows and
    :data:`MAX_COLUMNS` columns, compared without case or spacing."""
    found: dict[tuple[int, int], str] = {}
    for number, row in _stored_rows(ws):
        if number > last:
            break
        for cell in row:
            value = cell["value"]
            text = _norm(str(value)) if value is not None else ""
            if text and cell["column"] <= MAX_COLUMNS:
                found[(number, cell["column"])] = text
    return found


#: A filled workbook of 1,000 requirements unpacks to a few MB; more is a zip bomb.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
#: Password-protected .xlsx files and old .xls files are OLE compound files, not zip packages.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: What a damaged package raises while its sheets are read (read-only mode reads lazily).
#: A malformed cell (``<v>abc</v>`` in a number cell, a reference like ``r="O"``, a shared
#: string index beyond the list) raises ValueError, IndexError or openpyxl's own exception.
_DAMAGED = (ParseError, zipfile.BadZipFile, zlib.error, EOFError, OSError, KeyError,
            ValueError, IndexError, TypeError, AttributeError, OverflowError,
            CellCoordinatesException, expat.ExpatError)


def open_workbook(file: Path, name: str) -> Any:
    """The workbook ``file`` opened to be read row by row (:func:`stored_rows`), after
    :func:`check_workbook_package`, with its shared strings bounded; every problem is a
    :class:`CrmselectError` naming ``name``. Shared by every workbook import."""
    return _open(file, name)


def _open(file: Path, name: str) -> Any:
    check_workbook_package(file, name)
    # openpyxl refuses a name not ending in .xlsx/.xlsm; a workbook saved as "odoo" or
    # "odoo.zip" is still read (from memory: the package is small, its size is checked above)
    source: Any = file if file.suffix.lower() in (".xlsx", ".xlsm", ".xltx", ".xltm") else (
        io.BytesIO(file.read_bytes()))
    try:
        reader = _WorkbookReader(source, read_only=True, data_only=True)
        reader.read()
        return reader.wb
    except _TooManyStrings as exc:
        raise _fail([Issue(file=name, message=t(
            "import_too_many_strings", n=Number(exc.count),
            limit=Number(MAX_SHARED_STRINGS)))]) from None
    except Exception as exc:  # openpyxl raises many kinds for damaged packages
        raise _fail([Issue(file=name, message=t("import_damaged", kind=type(exc).__name__),
                           hint=t("import_save_again"))]) from None


def check_workbook_package(file: Path, name: str) -> None:
    """Refuse what is no .xlsx package (an .xls, an .ods, a .docx, a password-protected file)
    or would not fit in memory, before openpyxl reads it; shared by every workbook import."""
    if not file.is_file():  # (a pipe or a link to /dev/zero is there: not "not found")
        raise _fail([Issue(file=name, message=t(
            "yaml_no_file" if not file.exists() else "yaml_is_folder" if file.is_dir()
            else "yaml_not_regular"))])
    if file.stat().st_size == 0:  # a download or a copy that did not finish
        raise _fail([Issue(file=name, message=t("yaml_empty"), hint=t("import_save_xlsx"))])
    if not zipfile.is_zipfile(file):
        with file.open("rb") as handle:
            ole = handle.read(len(_OLE_MAGIC)) == _OLE_MAGIC
        # a CSV export keeps one sheet: saving it back as .xlsx would not bring the others
        csv = not ole and file.suffix.lower() in (".csv", ".txt", ".tsv")
        raise _fail([Issue(file=name, message=t(
            "import_ole" if ole else "import_csv" if csv else "import_not_xlsx"),
            hint=t("import_send_xlsx" if csv else "import_save_xlsx"))])
    try:
        with zipfile.ZipFile(file) as package:
            unpacked = sum(info.file_size for info in package.infolist())
            members = set(package.namelist())
            _check_parts(name, package, unpacked)
    except _DAMAGED as exc:
        raise _fail([Issue(file=name, message=t("import_damaged", kind=type(exc).__name__),
                           hint=t("import_save_again"))]) from None
    other = ("content.xml" in members and "mimetype" in members and "import_ods") or (
        ("[Content_Types].xml" not in members or "word/document.xml" in members
         or "ppt/presentation.xml" in members) and "import_zip_not_xlsx")
    if other:  # an .ods, a .docx or a zip archive (a damaged workbook is openpyxl's to say)
        # (an .ods comes from LibreOffice, whose menu names the format otherwise)
        raise _fail([Issue(file=name, message=t(other), hint=t(
            "import_save_xlsx_libreoffice" if other == "import_ods" else "import_save_xlsx"))])


def _check_parts(name: str, package: zipfile.ZipFile, unpacked: int) -> None:
    """Refuse a package whose parts read whole would not fit in memory (before openpyxl reads
    them: it keeps every shared string, the styles and the theme for the whole import)."""
    if unpacked > MAX_UNPACKED_BYTES:
        raise _fail([Issue(file=name, message=t(
            "import_too_big", size=unpacked // (1024 * 1024),
            limit=MAX_UNPACKED_BYTES // (1024 * 1024)))])
    for info in package.infolist():
        part = info.filename
        if not part.lower().endswith((".xml", ".rels")):
            continue  # pictures and the like are not read
        if part.lower().endswith(".xml") and ("worksheets/" in part
                                              or part.lower().endswith("sharedstrings.xml")):
            _check_text_runs(name, package, part)
        if "worksheets/" in part and part.lower().endswith(".xml"):
            _check_sheet_xml(name, package, part)
            continue
        if info.file_size > MAX_PART_BYTES:
            raise _fail([Issue(file=name, where=part, message=t(
                "import_part_too_big", size=info.file_size // (1024 * 1024),
                limit=MAX_PART_BYTES // (1024 * 1024)))])


def _check_text_runs(name: str, package: zipfile.ZipFile, part: str) -> None:
    """Refuse a part with a text longer than any cell's (:data:`MAX_TEXT_BYTES` between two
    tags), read a chunk at a time before openpyxl holds it whole."""
    run = 0  # bytes since the last '<', carried from the chunks before
    with package.open(part) as stream:
        while chunk := stream.read(1 << 20):
            pieces = chunk.split(b"<")
            longest = max([run + len(pieces[0]), *map(len, pieces[1:])])
            run = len(pieces[-1]) if len(pieces) > 1 else run + len(chunk)
            if longest > MAX_TEXT_BYTES:
                raise _fail([Issue(file=name, where=part, message=t(
                    "import_text_too_long", limit=MAX_TEXT_BYTES // 1024))])


def _check_sheet_xml(name: str, package: zipfile.ZipFile, part: str) -> None:
    """Refuse a sheet that openpyxl could not read row by row in bounded memory: a row of more
    cells than Excel has columns, or a mass of elements outside the rows. What is outside the
    rows is counted with expat, which keeps nothing; the rows are counted as bytes (the tags
    of every cell of a 30 MB sheet, one by one, took 12 s)."""
    other = 0
    problem: list[Issue] = []

    def start(_tag: str, _attrs: dict[str, str]) -> None:
        nonlocal other
        other += 1

    def no_dtd(*_args: object) -> None:
        raise ValueError("a DTD in a sheet")

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = no_dtd
    rows = _RowCounter()
    state = "before"  # then "rows" inside sheetData, then "after"
    carry = b""
    with package.open(part) as stream:
        while True:
            chunk = stream.read(1 << 20)
            data, carry = carry + chunk, b""
            if state == "before":
                found = _DATA_START.search(data)
                close = data.find(b">", found.end() - 1) if found else -1
                if found is None or close < 0:
                    if chunk:  # (a tag cut at the chunk's end is read with the next one)
                        cut = data.rfind(b"<")
                        data, carry = (data[:cut], data[cut:]) if cut > 0 else (data, b"")
                    parser.Parse(data, not chunk)
                    if not chunk:
                        break
                    continue
                parser.Parse(data[:close + 1], False)
                prefix = found.group(1) or b""
                state = "after" if data[close - 1:close] == b"/" else "rows"
                data = data[close + 1:]
            if state == "rows":
                ended = _DATA_END.search(data)
                if ended is None and chunk:
                    cut = data.rfind(b"<")
                    data, carry = (data[:cut], data[cut:]) if cut > 0 else (data, b"")
                wide = rows.add(data[:ended.start()] if ended else data, prefix)
                if wide is None and ended:
                    wide = rows.end()
                if wide is not None:
                    problem.append(Issue(file=name, where=f"{part}: row {wide[0]}", message=t(
                        "import_row_too_wide", n=wide[1], limit=MAX_ROW_CELLS)))
                    raise _fail(problem)
                if ended is None:
                    if not chunk:
                        parser.Parse(b"", True)  # the sheet ends inside its rows: damaged
                        break
                    continue
                state, data = "after", data[ended.start():]
            parser.Parse(data, not chunk)
            if not chunk:
                break
    other -= 1  # (its sheetData, which holds the rows)
    if other > MAX_OTHER_ELEMENTS:
        raise _fail([Issue(file=name, where=part, message=t(
            "import_sheet_too_complex", n=Number(other), limit=Number(MAX_OTHER_ELEMENTS)))])


_DATA_START = re.compile(rb"<([\w.-]+:)?sheetData[\s/>]")
_DATA_END = re.compile(rb"</(?:[\w.-]+:)?sheetData\s*>")
_ROW_START = re.compile(rb"<(?:[\w.-]+:)?row[\s/>]")
_ROW_NUMBER = re.compile(rb"\sr\s*=\s*[\"'](\d+)")


class _RowCounter:
    """Counts the cells of each row of a sheet's rows given piece by piece (no tag cut). A row
    of fewer bytes than ``<c/>`` times the limit cannot be too wide, and is not counted."""

    def __init__(self) -> None:
        self.number = "?"
        self.cells = 0
        #: The row read continues from an earlier piece: all of it is counted.
        self.spanning = False

    def add(self, data: bytes, prefix: bytes) -> tuple[str, int] | None:
        """Count ``data``; (row, cells) of the first row wider than Excel, else None."""
        tags = [b"<%sc%s" % (prefix, end) for end in (b" ", b">", b"/", b"\t", b"\n", b"\r")]
        shortest = 4 * MAX_ROW_CELLS  # bytes of the narrowest row too wide: <c/> for each
        pos, tag = 0, -1
        for found in _ROW_START.finditer(data):
            if self.spanning or found.start() - pos > shortest:
                self.cells += sum(data.count(t, pos, found.start()) for t in tags)
                if tag >= 0:
                    self.number = _row_number(data, tag)
            wide = self.end()
            if wide is not None:
                return wide
            pos, tag = found.end(), found.end() - 1
        self.cells += sum(data.count(t, pos) for t in tags)  # (continued in the next piece)
        if tag >= 0:
            self.number = _row_number(data, tag)
        self.spanning = True
        return None

    def end(self) -> tuple[str, int] | None:
        """(row, cells) when the row read is wider than Excel; the count starts again."""
        wide = (self.number, self.cells) if self.cells > MAX_ROW_CELLS else None
        self.cells, self.spanning = 0, False
        return wide


def _row_number(data: bytes, at: int) -> str:
    """The ``r`` attribute of the row tag at ``at`` in ``data`` ("?" when it has none)."""
    number = _ROW_NUMBER.search(data, at, data.find(b">", at))
    return number.group(1).decode() if number else "?"


def _import_workbook(lp: LoadedProject, file: Path, vendor: str, target: Path,
                     problems: list[Issue], render: Render | None = None) -> ImportResult:
    name = str(file)
    wb = _open(file, name)
    try:
        reader = _Reader(name, lp, vendor)
        titles = {ws.title: ws for ws in wb.worksheets}
        meta = titles.get(layout.META_SHEET)
        meta_rows = list(reader.rows(meta, 5, last=MAX_ITEM_ROWS)) if meta is not None else []
        facts = {reader.text(r[3]): r[4] for _, r in meta_rows if r[3]}
        if any(reader.text(r[0]) == "kind" and reader.text(r[1]) == SCORING_SHEET_KIND
               for _, r in meta_rows):  # an evaluator's scoring sheet, not a vendor's answer
            raise _fail([Issue(file=name, message=t("import_is_scoring_sheet"),
                               hint=t("import_use_scores_import"))])
        # two envelopes: a pricing workbook adds the prices to the technical answers imported
        kind = reader.text(facts.get("kind")) or "full"
        if kind == "pricing":
            problems = [p for p in problems if p.file != str(target)]
            if not target.exists():
                problems.append(Issue(file=name, message=t("import_pricing_first",
                                                           vendor=vendor)))
        reader.errors[:0] = problems
        made_for = reader.text(facts.get("vendor"))
        if made_for and made_for != vendor:
            reader.error("", t("import_other_vendor", made_for=made_for, vendor=vendor),
                         hint=t("import_use_vendor", vendor=made_for))
            reader.other_vendor_said = True
        version = facts.get("format")
        if isinstance(version, (int, float)) and version > layout.FORMAT_VERSION:
            reader.error("", t("import_format", version=version,
                               supported=layout.FORMAT_VERSION), hint=t("import_update"))
        lang = reader.text(facts.get("language"))
        lang = lang if lang in LANGUAGES else "en"
        reader.lang = lang
        sheets: dict[str, Any] = {}
        # a sheet renamed in capitals or with a space is that sheet (as it is to Excel)
        folded = {_norm(title): ws for title, ws in titles.items()}
        for key, names in _sheet_names().items():
            ws = next((titles[n] for n in names.values() if n in titles), None) or next(
                (folded[_norm(n)] for n in names.values() if _norm(n) in folded), None)
            if ws is None and key == "requirements" and key in layout.sheets_of(kind):
                ws = _renamed_requirements(titles, {n for v in _sheet_names().values()
                                                    for n in v.values()})
                if ws is not None:  # ("Sheet1", "Sayfa1": the only sheet with its header)
                    reader.warn(f"{ws.title}!A1", t("import_sheet_renamed", sheet=ws.title,
                                                    expected=names[lang]))
            if ws is None and key in layout.REQUIRED_SHEETS and key in layout.sheets_of(kind):
                reader.error("", t("import_sheet_missing", sheet=names[lang],
                                   found=", ".join(titles) or t("import_none")))
            sheets[key] = ws
        _missing_answer_sheets(reader, lp, kind, sheets, titles)
        answers = (reader.requirements(sheets["requirements"], kind)
                   if sheets["requirements"] else {})
        pricing = reader.pricing(sheets["pricing"]) if sheets["pricing"] else None
        company = reader.company(sheets["company"]) if sheets["company"] else {}
        questionnaire = (reader.questionnaire(sheets["questionnaire"], _question_ids(lp, lang))
                         if sheets["questionnaire"] and kind != "pricing" else {})
        optional = (reader.optional_prices(sheets["optional_prices"])
                    if sheets["optional_prices"] and kind != "technical" else None)
        costs = (reader.third_party_costs(sheets["third_party_costs"])
                 if sheets["third_party_costs"] and kind == "pricing" else None)
        reader.check_copies(titles, sheets)
        reader.check_marks(pricing["currency"] if pricing else lp.project.currency)
        # two envelopes: each workbook adds its part to what the other one brought
        # decoded as the project's loader decoded it (a UTF-16 file too), not again as UTF-8
        previous = (yaml.safe_load(read_text(target)) or {}) if (
            kind in ("pricing", "technical") and target.exists()) else {}
        if costs is not None:
            reader.merge_costs(costs, previous.get("responses") or {})
    except _DAMAGED as exc:  # a sheet's XML is cut off or not XML at all
        raise _fail([Issue(file=name, message=t("import_damaged", kind=type(exc).__name__),
                           hint=t("import_save_again"))]) from None
    finally:
        wb.close()
    project = reader.text(facts.get("project"))
    names = {localize(lp.project.name, code) for code in LANGUAGES}
    if reader.errors and project and project not in names:
        # the likely cause of every error below: say it first
        reader.errors.insert(0, Issue(file=name, message=t(
            "import_other_project", made_for=project,
            project=localize(lp.project.name, lp.language))))
    if reader.errors:
        raise _fail(reader.errors, reader.more, notes=reader.merge_warnings)
    data = {"vendor": vendor, **company, "responses": answers,
            **({"questionnaire": questionnaire} if questionnaire else {})}
    if kind == "pricing":
        data = {**previous, "vendor": vendor}
    elif kind == "technical" and previous:  # corrected answers keep the prices
        data.update({k: previous[k] for k in ("pricing", "optional_prices") if k in previous})
        _keep_costs(answers, previous.get("responses") or {})
    if optional is not None:
        data["optional_prices"] = optional
    if pricing is not None:
        data["pricing"] = pricing
    try:
        response = VendorResponseFile.model_validate(data)
    except ValidationError as exc:  # a combination the cell checks above did not foresee
        raise _fail([Issue(file=name, where=".".join(map(str, e["loc"])), message=message,
                           hint=hint)
                     for e in exc.errors(include_url=False)
                     for message, hint in [describe(e)]]) from None
    header = t("import_header", file=file.name, date=dt.date.today())  # the edge writes the day
    text = modeline("response", depth=1) + (
        "# " + render(header, lp.language) + "\n" if render else "") + _dump(response)
    write_text_atomic(target, text)
    answered = len(response.responses)
    return ImportResult(target, vendor, answered, len(lp.requirements) - answered,
                        reader.warnings)


def _renamed_requirements(titles: dict[str, Any], known: set[str]) -> Any:
    """The one sheet of another name whose header row starts as the Requirements sheet's
    (Id, Area, Group, Requirement, in either language), or None."""
    labels = _column_labels()
    found = []
    for title, ws in titles.items():
        if title in known or title == layout.META_SHEET:
            continue
        header = _cells(ws, 1)
        if all(header.get((1, c + 1), "") in labels[key]
               for c, key in enumerate(("id", "area", "group", "requirement"))):
            found.append(ws)
    return found[0] if len(found) == 1 else None


def _missing_answer_sheets(reader: _Reader, lp: LoadedProject, kind: str,
                           sheets: dict[str, Any], titles: dict[str, Any]) -> None:
    """A warning for each sheet of answers the workbook of ``kind`` was written with and no
    longer has (deleted, or renamed by the vendor): the questionnaire's answers, or the optional
    prices the RFP asks for, are not read, and nothing else would say so. (Not errors: a
    workbook of an older format has no such sheet.)"""
    names = _sheet_names()
    found = ", ".join(t for t in titles if t != layout.META_SHEET) or t("import_none")
    if sheets["questionnaire"] is None and "questionnaire" in layout.sheets_of(kind):
        asked = _question_ids(lp, reader.lang)
        if asked:
            reader.warn("", t("import_sheet_missing_unread", n=len(asked), found=found,
                              sheet=names["questionnaire"][reader.lang],
                              what=t("import_what_questions", n=len(asked))))
    if (sheets["optional_prices"] is None and "optional_prices" in layout.sheets_of(kind)
            and lp.project.rfp.optional_prices):
        n = len(lp.project.rfp.optional_prices)
        reader.warn("", t("import_sheet_missing_unread", n=n, found=found,
                          sheet=names["optional_prices"][reader.lang],
                          what=t("import_what_optional_prices", n=n)))


def _question_ids(lp: LoadedProject, lang: str) -> list[str]:
    """The ids of the RFP's questionnaire (``CO-1``…), of the project's own wording if any."""
    return [f"{prefix}-{n}" for _, prefix, questions in layout.questionnaire(
        load_strings(lang, lp.root)["rfp"]) for n in range(1, len(questions) + 1)]


def _keep_costs(answers: dict[str, dict[str, Any]], previous: dict[str, Any]) -> None:
    """Technical answers imported again keep the third-party costs the pricing workbook gave
    (the technical workbook of two envelopes has no cost column)."""
    for rid, answer in answers.items():
        old = previous.get(rid)
        if isinstance(old, dict) and "third_party_cost_per_year" in old:
            answer.setdefault("third_party_cost_per_year", old["third_party_cost_per_year"])


def _dump(response: VendorResponseFile) -> str:
    data = response.model_dump(mode="python", exclude_defaults=True)
    order = ["vendor", "submitted", "contact", "implementation_weeks", "references", "pricing",
             "optional_prices", "questionnaire", "responses"]
    data = {k: data[k] for k in order if k in data}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def _hint_malformed_ids(lp: LoadedProject, found: list[Issue], start: int) -> None:
    """An answer's key that is no well-formed id (``OPS-SRV-0002``) got only "expected an id
    like OPS-SFA-001": it gets "did you mean OPS-SRV-002?" when a known id is close (changed in
    place, from ``start``)."""
    for n in range(start, len(found)):
        issue = found[n]
        code = getattr(issue.message, "code", "")
        if code in ("load_form_requirement_id", "load_form_custom_id") and not issue.hint and (
                issue.where.startswith("responses.")):
            hint = requirement_id_hint(lp, issue.where.removeprefix("responses."))
            if hint:
                found[n] = replace(issue, hint=hint)


def _import_yaml(lp: LoadedProject, file: Path, vendor: str, target: Path,
                 problems: list[Issue]) -> ImportResult:
    issues = IssueCollector()
    issues.issues.extend(problems)
    # an answer that fails its schema is left out and the rest still checked, as validate
    # does: a roadmap without its date is not found only once a typo elsewhere is fixed
    response, doc = issues.load_partly(file, VendorResponseFile)
    _hint_malformed_ids(lp, issues.issues, len(problems))
    warnings: list[Issue] = []
    if response is not None:
        if response.vendor != vendor:
            issues.add(doc.issue(("vendor",), t("import_yaml_other_vendor",
                                                other=response.vendor, vendor=vendor)))
        # the project's checks (crmselect.responsechecks); the vendor is checked above
        for problem in response_problems(lp, response, check_vendor=False):
            issues.add(doc.issue(problem.loc, problem.message, hint=problem.hint,
                                 key=problem.key))
        for rid, answer in response.responses.items():  # as the workbook's import warns
            given = answer.model_fields_set
            for problem in answer_warnings(
                    rid, answer.compliance, product=answer.third_party_product,
                    cost=answer.third_party_cost_per_year or None,
                    effort=answer.custom_effort_days if "custom_effort_days" in given else None,
                    date=answer.roadmap_date):
                where = doc.issue(problem.loc, problem.message)
                warnings.append(replace(where, message=t("import_warning",
                                                         message=problem.message)))
        known = _question_ids(lp, lp.language)
        for qid in response.questionnaire:
            if qid not in known:
                issues.add(doc.issue(("questionnaire", qid), t("import_not_question", id=qid),
                                     hint=did_you_mean(qid, known), key=True))
        missing = [rid for rid in lp.requirements if rid not in response.responses]
        if missing:
            listed = ", ".join(missing[:LISTED_CELLS]) + (", …" if len(missing) > LISTED_CELLS
                                                          else "")
            warnings.append(Issue(file=str(file), message=t("import_warning", message=t(
                "import_unanswered_yaml", n=len(missing), ids=listed))))
    if issues.issues:
        found = issues.issues[len(problems):]
        raise _fail(problems + sorted(found, key=lambda i: (i.file, i.line, i.column)))
    text = doc.text  # the text that was validated (a UTF-16 file is not read again as UTF-8)
    if not text.startswith("# yaml-language-server:"):
        text = modeline("response", depth=1) + text
    write_text_atomic(target, text)
    answered = sum(1 for rid in response.responses if rid in lp.requirements)
    return ImportResult(target, vendor, answered, len(lp.requirements) - answered, warnings)
