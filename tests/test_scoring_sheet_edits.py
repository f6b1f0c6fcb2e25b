"""The scoring sheet as evaluators really send it back (crmselect/scoringsheetreader.py): its
headers, sheet names, ids and marks retyped the way people type them, rows added far below the
table. What the evaluator meant is read, or the cell is named once.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rendered import english
from test_scoring_sheet import row_of, template

from crmselect.errors import CrmselectError
from crmselect.project import load_project
from crmselect.scoresreader import read_source


@pytest.fixture
def basic(basic: Path) -> Path:
    """The basic project without its scores: the sheets start empty."""
    (basic / "scores.yaml").unlink()
    return basic


def _edited(path: Path, change) -> Path:
    wb = load_workbook(path)
    change(wb)
    wb.save(path)
    return path


def _records(root: Path, path: Path) -> list[dict]:
    source = read_source(path, load_project(root))
    data = source.scores_file().model_dump(mode="json", exclude_defaults=True)
    return data.get("scores", []) + data.get("demo", [])


def _problems(root: Path, path: Path) -> list[str]:
    with pytest.raises(CrmselectError) as info:
        read_source(path, load_project(root))
    return [f"{i.where}: {english(i.message)}" for i in info.value.issues]


def _score_first_row(wb) -> None:
    ws = wb["Requirements"]
    ws.cell(row=2, column=5).value = 3  # alpha's score of the first requirement


def test_a_header_retyped_in_capitals_or_with_a_hyphen_is_the_same_column(basic):
    path = template(basic, "ayse")

    def retype(wb):
        _score_first_row(wb)
        for cell in wb["Requirements"][1]:
            if isinstance(cell.value, str):
                cell.value = "  " + cell.value.upper().replace(" — ", " - ") + " "

    assert [r["score"] for r in _records(basic, _edited(path, retype))] == [3]


def test_a_sheet_renamed_in_capitals_is_read(basic):
    path = template(basic, "ayse")

    def rename(wb):
        _score_first_row(wb)
        wb["Requirements"].title = "tmp"  # (openpyxl numbers a name it takes for a copy)
        wb["tmp"].title = "REQUIREMENTS "

    assert [r["score"] for r in _records(basic, _edited(path, rename))] == [3]


@pytest.mark.parametrize("typed", ["ops-sfa-001", "'OPS-SFA-001", "\u00a0OPS-SFA-001 ",
                                   "OPS\u2011SFA\u2011001", "OPS -SFA-001", "REFERENCES"])
def test_a_retyped_id_of_the_project_is_read_as_that_id(basic, typed):
    path = template(basic, "ayse")
    target = "references" if typed == "REFERENCES" else "OPS-SFA-001"

    def retype(wb):
        ws = wb["Requirements"]
        row = row_of(ws, target)
        ws.cell(row=row, column=1).value = typed
        ws.cell(row=row, column=5).value = 3

    assert [r["target"] for r in _records(basic, _edited(path, retype))] == [target]


def test_an_unknown_id_is_named_once_for_the_row_not_once_per_vendor(basic):
    path = template(basic, "ayse")

    def retype(wb):
        ws = wb["Requirements"]
        ws.cell(row=2, column=1).value = "ops-xxx"
        for column in (5, 7, 9):  # alpha, beta and gamma scored
            ws.cell(row=2, column=column).value = 3

    problems = _problems(basic, _edited(path, retype))
    assert len([p for p in problems if p.startswith("Requirements!A2:")]) == 1, problems
    assert "'ops-xxx'" in problems[0]


@pytest.mark.parametrize(("typed", "code"), [
    ("CANLI", "live"), ("canli", "live"), ("GÖSTERİLMEDİ", "not_shown"),
    ("Gosterilmedi", "not_shown"), ("SUNUMDA", "slides"), ("LIVE", "live"),
    ("Not Shown", "not_shown"), ("not_shown", "not_shown"),
])
def test_a_mark_typed_in_capitals_or_without_turkish_letters_is_read(basic, typed, code):
    path = template(basic, "ayse", "--lang", "tr")

    def mark(wb):
        wb["Demo işaretleri"].cell(row=2, column=4).value = typed

    assert [r["shown"] for r in _records(basic, _edited(path, mark))] == [code]


def test_content_far_below_the_table_is_one_problem_and_is_not_read(basic):
    """A sheet of 100,000 rows took 760 MB and 50 s and listed 200,000 problems: the rows
    read are the project's and room for notes, and the first row below them is named."""
    path = template(basic, "ayse")
    lp = load_project(basic)
    last = 2 + len(lp.requirements) + 1_000 + sum(
        len(s.steps) + len(s.requirements) for s in lp.scenarios.values())

    def far_below(wb):
        ws = wb["Requirements"]
        for row in range(last - 1, last + 300):
            ws.cell(row=row, column=5).value = "x"

    problems = _problems(basic, _edited(path, far_below))
    assert problems[-1] == (
        f"Requirements!A{last + 1}: row {last + 1} has content, below the last row read "
        f"({last}: the rows of this project and room for notes); nothing below it is read — "
        "delete the rows below the table")
    assert len(problems) == 3, problems  # the two rows above the limit, then the limit



@pytest.mark.parametrize(("sheet", "lang"), [("Requirements", "en"), ("Senaryo adımları", "tr"),
                                             ("Demo işaretleri", "tr")])
def test_a_sheet_saved_as_csv_is_one_line_saying_to_import_the_xlsx(basic, tmp_path, sheet, lang):
    """Excel's "Save as CSV" keeps the active sheet only, and not whose scores they are: the
    file is named as that (it was two lines listing every column as missing and unknown)."""
    path = template(basic, "ayse", "--lang", lang)
    rows = load_workbook(path)[sheet].iter_rows(values_only=True)
    csv = tmp_path / "scoring-ayse.csv"
    csv.write_text("\n".join(";".join(str(v or "") for v in row) for row in rows) + "\n",
                   encoding="utf-8-sig")
    assert _problems(basic, csv) == [
        ": a sheet of an Excel scoring sheet saved as CSV, which keeps neither its other sheets "
        "nor whose scores they are"]


def test_a_sheet_saved_as_ods_or_xls_is_named_with_what_to_do(basic, tmp_path):
    """LibreOffice saves .ods, an old Excel .xls: each is one line naming what the file is
    and saying to save it as .xlsx (it was "sheet.ods: sheet.ods: use a .yaml, .yml, .csv or
    .xlsx (scoring sheet) file")."""
    ods = tmp_path / "scoring-ayse.ods"
    with zipfile.ZipFile(ods, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        package.writestr("content.xml", "<office:document-content/>")
    xls = tmp_path / "scoring-ayse.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000)
    for path, what, how in (
            (ods, "an OpenDocument spreadsheet (.ods), not an .xlsx workbook",
             "save it in LibreOffice with File › Save As, as 'Excel 2007-365 (.xlsx)'"),
            (xls, "a password-protected workbook or an old .xls file",
             "save it in Excel as 'Excel Workbook (.xlsx)'")):
        with pytest.raises(CrmselectError) as info:
            read_source(path, load_project(basic))
        (issue,) = info.value.issues
        assert english(issue.message).startswith(what)
        assert english(issue.hint) == how


def test_a_column_added_before_a_score_column_is_one_problem(basic):
    path = template(basic, "ayse")

    def insert(wb):
        ws = wb["Requirements"]
        ws.protection.sheet = False
        ws.insert_cols(5)
        ws["E1"] = "Weight"

    assert _problems(basic, _edited(path, insert)) == [
        "Requirements!E1: a column 'Weight' was added before the column 'Alpha CRM — score'; "
        "delete it (columns must not be moved, added or deleted)"]


def test_a_score_of_4_5_in_a_turkish_sheet_is_written_back_as_typed(basic):
    """A Turkish evaluator types 4,5; the problem said '4.5 tam puan değil'."""
    from crmselect.i18n import render

    path = template(basic, "ayse", "--lang", "tr")

    def half(wb):
        wb["Gereksinimler"].cell(row=2, column=5).value = "4,5"

    with pytest.raises(CrmselectError) as info:
        read_source(_edited(path, half), load_project(basic))
    (issue,) = info.value.issues
    assert issue.where == "Gereksinimler!E2"
    assert render(issue.message, "tr").startswith("4,5 tam puan değil")
    assert english(issue.message).startswith("4.5 is not a whole point")


def test_a_sheet_of_many_bad_cells_lists_the_first_50_and_counts_the_rest(basic):
    """As a response workbook's import does: 2,000 lines nobody reads were printed."""
    from crmselect.i18n import render

    path = template(basic, "ayse")

    def bad(wb):
        ws = wb["Requirements"]
        for row in range(2, 40):
            for column in (5, 7):
                ws.cell(row=row, column=column).value = "iyi"

    with pytest.raises(CrmselectError) as info:
        read_source(_edited(path, bad), load_project(basic))
    issues = info.value.issues  # 38 rows, two vendors each
    assert len(issues) == 51 and issues[-1].file == ""
    assert english(issues[-1].message) == "… and 26 more problems (fix these first)"
    assert render(info.value.summary, "tr") == "1 dosyada 76 sorun; hiçbir şey içe aktarılmadı."
