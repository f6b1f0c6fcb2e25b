"""The one reader of evaluator scores: a YAML, CSV or Excel scores file, checked in full.

Every way scores enter a project goes through the same checks (:mod:`crmselect.scorechecks`):
``crmselect scores import`` and ``push`` read a file here; ``pull`` checks the database's
records and ``score`` the project's ``scores.yaml`` with the same functions. Every problem is
reported together, each at its file and line (or sheet and cell).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from crmselect.errors import CrmselectError, Issue
from crmselect.errors import msg as t
from crmselect.loading import issues_from_validation
from crmselect.model import ScoresFile
from crmselect.scorechecks import SECTIONS, Row, Source, check_source
from crmselect.scorescsvcolumns import csv_source
from crmselect.scoringsheetreader import read_scoring_sheet
from crmselect.yamlfile import SCORES_LIMITS, read_document

if TYPE_CHECKING:
    from collections.abc import Callable

    from crmselect.project import LoadedProject

YAML_SUFFIXES = (".yaml", ".yml")
#: How many problems a file's import lists before "and N more" (as a response workbook's).
LISTED_PROBLEMS = 50
EXCEL_SUFFIXES = (".xlsx",)
#: A scoring sheet saved by another program, or in an older Excel format: read as a workbook,
#: so that the workbook check names what it is and says to save it as .xlsx.
OTHER_SPREADSHEETS = (".xlsm", ".xls", ".ods")


def file_kind(path: Path, lang: str = "en") -> str:
    """``yaml``, ``csv`` or ``xlsx`` from the file's extension, or :class:`CrmselectError`."""
    suffix = path.suffix.lower()
    if suffix in YAML_SUFFIXES:
        return "yaml"
    if suffix == ".csv":
        return "csv"
    if suffix in EXCEL_SUFFIXES + OTHER_SPREADSHEETS:
        return "xlsx"
    # (the message names no file: the line starts with it)
    raise CrmselectError(Issue(file=str(path), message=t("scores_extension_any")))


def read_source(path: Path, lp: LoadedProject, lang: str = "en") -> Source:
    """Read a YAML, CSV or Excel scores file and check it fully; every problem is raised
    together (see the module docstring)."""
    path = Path(path)
    kind = file_kind(path, lang)
    if not path.is_file():  # (a pipe or a link to /dev/zero is there: not "not found")
        raise CrmselectError(Issue(file=str(path), message=t(
            "yaml_no_file" if not path.exists() else "yaml_is_folder" if path.is_dir()
            else "yaml_not_regular")))
    if kind == "yaml":
        source, issues = _read_yaml(path)
    elif kind == "xlsx":
        source, issues = read_scoring_sheet(path, lp, lang)
    else:
        source, issues = csv_source(path)
    issues += check_source(source, lp)
    if issues:
        # by line (a sheet's problems, which have none, by cell)
        issues = sorted(issues, key=_places(issues))
        if len(issues) > LISTED_PROBLEMS:  # the first ones, then how many more (as a workbook)
            total = t("count_problems", n=len(issues))
            files = t("count_files_in", n=len({i.file for i in issues}))
            raise CrmselectError(issues[:LISTED_PROBLEMS] + [Issue(file="", message=t(
                "import_more_problems", n=len(issues) - LISTED_PROBLEMS))],
                summary=t("problems_summary", problems=total, files=files,
                          what=t("scores_not_imported")))
        raise CrmselectError(issues, what="scores_not_imported")
    return source


def _places(issues: list[Issue]) -> Callable[[Issue], tuple[int, int, int, int, int]]:
    """The sort key of ``issues``: by line and column; a sheet's problems, which have none, by
    sheet in the order they were found, then by row and column (D2 before D10, not after)."""
    sheets: dict[str, int] = {}
    for issue in issues:
        sheets.setdefault(issue.where.rpartition("!")[0], len(sheets))

    def place(issue: Issue) -> tuple[int, int, int, int, int]:
        if issue.line:
            return issue.line, issue.column, 0, 0, 0
        sheet, _, cell = issue.where.rpartition("!")
        letters = cell.rstrip("0123456789")
        digits = cell[len(letters):]
        column = 0
        for ch in letters.upper():
            column = column * 26 + (ord(ch) - 64 if "A" <= ch <= "Z" else 0)
        return 0, 0, sheets[sheet], int(digits) if digits else 0, column

    return place


def read_scores(path: Path, lp: LoadedProject, lang: str = "en") -> ScoresFile:
    """:func:`read_source`'s records as a :class:`ScoresFile`."""
    return read_source(path, lp, lang).scores_file()


def _read_yaml(path: Path) -> tuple[Source, list[Issue]]:
    """The records that are valid on their own, and the problems of the others.

    Why record by record: a score of 7 on one line must not hide an unknown evaluator on the
    next; the valid records go on to the checks against the project.
    """
    doc = read_document(path, SCORES_LIMITS)  # a scores file's own size ceiling
    if not isinstance(doc.data, dict):
        raise CrmselectError(doc.issue((), t("load_mapping_top")))
    issues: list[Issue] = []
    try:
        ScoresFile.model_validate(doc.data)
    except ValidationError as exc:
        issues = issues_from_validation(doc, exc, ScoresFile)
    rows: list[Row] = []
    for section, model in SECTIONS.items():
        items = doc.data.get(section)
        for i, item in enumerate(items if isinstance(items, list) else []):
            try:
                record = model.model_validate(item)
            except ValidationError:
                continue  # reported above
            rows.append(Row(section, i, doc.position((section, i))[0], record))
    fingerprint = doc.data.get("weights_fingerprint")
    return Source(path, rows, fingerprint if isinstance(fingerprint, str) else None, doc), issues
