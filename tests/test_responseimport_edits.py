"""The response workbook as vendors really send it back (crmselect/responseimport.py): saved by
LibreOffice or another Excel, sorted, its cells typed the way people type them. What the vendor
sees in a cell is what is read, or the cell is named with what to write instead.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from rendered import english

from crmselect.errors import CrmselectError
from crmselect.responseimport import import_responses


def _filled(workbook: Path, out: Path, change=None) -> Path:
    """``workbook`` with every requirement answered and a price given, then ``change``d."""
    wb = load_workbook(workbook)
    ws = wb["Requirements"]
    for row in range(2, ws.max_row + 1):
        if ws[f"A{row}"].value:
            ws[f"I{row}"] = "Configurable"
    pricing = wb["Pricing"]
    for row in range(2, pricing.max_row + 1):
        if pricing[f"D{row}"].value == "implementation":
            pricing[f"B{row}"] = 1000
    if change is not None:
        change(wb)
    wb.save(out)
    return out


def _pricing_cell(wb, key: str):
    ws = wb["Pricing"]
    row = next(r for r in range(2, ws.max_row + 1) if ws[f"D{r}"].value == key)
    return ws[f"B{row}"]


def _problems(info: pytest.ExceptionInfo[CrmselectError]) -> list[str]:
    return [english(issue.message) for issue in info.value.issues]


@pytest.mark.parametrize(("stored", "number_format", "read"), [
    (0.2, "0%", 20), (0.185, "0.0%", 18.5), (0.05, "[Red]0.00%", 5), (20, "General", 20),
    (5, '0"%"', 5),  # a % in quotes is shown as it is: the number is 5
])
def test_a_percentage_cell_is_read_as_it_is_shown(small, workbook, tmp_path, stored,
                                                  number_format, read):
    """Typing 20% (or %20 in Turkish) into Excel or LibreOffice stores 0.2 with a percent
    format: the vendor means 20 %, not 0.2 %."""

    def percent(wb):
        cell = _pricing_cell(wb, "yearly_increase_pct")
        cell.value, cell.number_format = stored, number_format

    result = import_responses(small, _filled(workbook, tmp_path / "p.xlsx", percent), "odoo")
    pricing = yaml.safe_load(result.path.read_text(encoding="utf-8"))["pricing"]
    assert pricing["yearly_increase_pct"] == pytest.approx(read)


def test_a_percentage_where_an_amount_is_asked_is_named(small, workbook, tmp_path):
    def percent(wb):
        cell = _pricing_cell(wb, "implementation")
        cell.value, cell.number_format = 0.05, "0%"

    with pytest.raises(CrmselectError) as info:
        import_responses(small, _filled(workbook, tmp_path / "p.xlsx", percent), "odoo")
    assert any("5% is a percentage; this cell asks for a number" in p for p in _problems(info))
    assert not (small / "responses" / "odoo.yaml").exists()


@pytest.mark.parametrize("typed", ["ops-sfa-001", "'OPS-SFA-001", "OPS\u00a0-SFA-001",
                                   "OPS\u2011SFA\u2011001", "Ops–Sfa–001"])
def test_a_requirement_id_retyped_by_hand_is_that_requirement(small, workbook, tmp_path, typed):
    def retype(wb):
        ws = wb["Requirements"]
        row = next(r for r in range(2, ws.max_row + 1) if ws[f"A{r}"].value == "OPS-SFA-001")
        ws[f"A{row}"], ws[f"I{row}"] = typed, "Native (out of the box)"

    result = import_responses(small, _filled(workbook, tmp_path / "id.xlsx", retype), "odoo")
    answers = yaml.safe_load(result.path.read_text(encoding="utf-8"))["responses"]
    assert answers["OPS-SFA-001"]["compliance"] == "native"
    assert result.unanswered == 0


def test_an_id_of_no_requirement_is_still_named_as_typed(small, workbook, tmp_path):
    def retype(wb):
        wb["Requirements"]["A2"] = "ops-sfa-999"

    with pytest.raises(CrmselectError) as info:
        import_responses(small, _filled(workbook, tmp_path / "id.xlsx", retype), "odoo")
    assert _problems(info)[0].startswith("ops-sfa-999 is not a requirement of this project")


def test_a_sheet_renamed_in_capitals_or_with_a_space_is_read(small, workbook, tmp_path):
    def rename(wb):
        wb["Requirements"].title = "tmp"  # (openpyxl numbers a name it takes for a copy)
        wb["tmp"].title = "REQUIREMENTS "
        wb["Pricing"].title = "tmp2"
        wb["tmp2"].title = "pricing"

    result = import_responses(small, _filled(workbook, tmp_path / "sheets.xlsx", rename),
                              "odoo")
    data = yaml.safe_load(result.path.read_text(encoding="utf-8"))
    assert result.unanswered == 0 and data["pricing"]["implementation"] == 1000


@pytest.mark.parametrize("generic", [True, False],
                         ids=["made-without-vendor", "hidden-sheet-deleted"])
def test_a_workbook_naming_another_vendor_of_the_project_is_refused(small, tmp_path, generic):
    """The hidden sheet says whom a workbook was made for; a workbook made without --vendor,
    or whose hidden sheet was deleted, still names its company: SuiteCRM's answers imported
    as odoo's would replace odoo's."""
    from crmselect.documents.workbook import write_workbook

    made = write_workbook(small, vendor=None if generic else "suitecrm",
                          out=tmp_path / "made.xlsx").path

    def company(wb):
        if not generic:
            del wb["crmselect"]
        ws = wb["Company"]
        row = next(r for r in range(2, ws.max_row + 1) if ws[f"D{r}"].value == "vendor_name")
        ws[f"B{row}"] = " SUITECRM " if generic else ws[f"B{row}"].value

    filled = _filled(made, tmp_path / "filled.xlsx", company)
    with pytest.raises(CrmselectError) as info:
        import_responses(small, filled, "odoo")
    assert _problems(info) == ["row “Company name”: this workbook was made for vendor "
                               "'suitecrm', not 'odoo'"]
    assert not (small / "responses" / "odoo.yaml").exists()
    assert import_responses(small, filled, "suitecrm").answered > 0


def test_a_column_added_before_compliance_is_one_problem(small, workbook, tmp_path):
    def insert(wb):
        ws = wb["Requirements"]
        ws.protection.sheet = False
        ws.insert_cols(9)
        ws["I1"] = "Puan"

    with pytest.raises(CrmselectError) as info:
        import_responses(small, _filled(workbook, tmp_path / "col.xlsx", insert), "odoo")
    assert [(i.where, english(i.message)) for i in info.value.issues] == [(
        "Requirements!I1", "a column 'Puan' was added before the column 'Compliance'; delete it "
        "(columns must not be moved, added or deleted)")]


def test_a_column_deleted_is_one_problem(small, workbook, tmp_path):
    def delete(wb):
        ws = wb["Requirements"]
        ws.protection.sheet = False
        ws.delete_cols(10)  # Comment

    with pytest.raises(CrmselectError) as info:
        import_responses(small, _filled(workbook, tmp_path / "col.xlsx", delete), "odoo")
    assert [(i.where, english(i.message)) for i in info.value.issues] == [(
        "Requirements!J1", "the column 'Comment' was deleted; put it back (columns must not be "
        "moved, added or deleted)")]


def test_a_csv_export_of_the_workbook_is_named_as_one(small, workbook, tmp_path):
    """Excel's and LibreOffice's CSV keep one sheet: saving it back as .xlsx (the hint for
    any other file) would not bring back the Pricing and Company sheets."""
    rows = load_workbook(_filled(workbook, tmp_path / "f.xlsx"))["Requirements"].iter_rows(
        values_only=True)
    csv = tmp_path / "odoo-Requirements.csv"
    csv.write_text("\n".join(",".join(str(v or "") for v in row[:3]) for row in rows),
                   encoding="utf-8")
    with pytest.raises(CrmselectError) as info:
        import_responses(small, csv, "odoo")
    (issue,) = info.value.issues
    assert english(issue.message) == ("a CSV file, not an .xlsx workbook: a CSV keeps one sheet "
                                      "of the workbook and none of the others")
    assert english(issue.hint) == "import the filled-in .xlsx workbook itself"


@pytest.mark.parametrize(("typed", "hint"), [("3/20/2027", "did you mean 2027-03-20?"),
                                             ("06/30/2027", "did you mean 2027-06-30?"),
                                             ("30 June 2027", "")])
def test_a_date_typed_month_first_gets_the_date_it_can_only_mean(small, workbook, tmp_path,
                                                                  typed, hint):
    """The message's example date (2027-06-30) read like a correction of '3/20/2027'."""

    def roadmap(wb):
        ws = wb["Requirements"]
        ws["I2"], ws["O2"] = "On the roadmap", typed

    with pytest.raises(CrmselectError) as info:
        import_responses(small, _filled(workbook, tmp_path / "d.xlsx", roadmap), "odoo")
    (issue,) = info.value.issues
    assert (issue.where, english(issue.message)) == (
        "Requirements!O2", f"{typed!r} is not a date (write it as 2027-06-30)")
    assert (english(issue.hint) if issue.hint else "") == hint


# --- the sheet's rows counted before openpyxl reads them ---------------------------------------


def _sheet_xml(rows: bytes, prefix: bytes = b"") -> bytes:
    ns = b'xmlns%s="http://schemas.openxmlformats.org/spreadsheetml/2006/main"' % (
        b":" + prefix[:-1] if prefix else b"")
    return (b'<?xml version="1.0"?><%sworksheet %s><%ssheetData>%s</%ssheetData>'
            b'<%smergeCells><%smergeCell ref="A1:B1"/></%smergeCells></%sworksheet>'
            % (prefix, ns, prefix, rows, prefix, prefix, prefix, prefix, prefix))


@pytest.mark.parametrize("prefix", [b"", b"x:"], ids=["default-namespace", "prefixed"])
def test_a_row_wider_than_excel_is_found_whatever_the_sheet_writes(tmp_path, monkeypatch,
                                                                   prefix):
    """The rows are counted as bytes, a read at a time (1 MB): a row cut by a read, attributes
    before its number, a namespace prefix (x:row, x:c) are all counted."""
    import zipfile

    from crmselect import responseimport

    monkeypatch.setattr(responseimport, "MAX_ROW_CELLS", 100_000)
    text = b"t" * 40
    narrow = b"".join(b'<%srow spans="1:2" r="%d"><%sc r="A%d" t="inlineStr"><%sis><%st>%s'
                      b"</%st></%sis></%sc></%srow>"
                      % (prefix, n, prefix, n, prefix, prefix, text, prefix, prefix, prefix,
                         prefix) for n in range(1, 9000))
    wide = b'<%srow spans="1:9" r="9000">%s</%srow>' % (
        prefix, b"<%sc/>" % prefix * 100_001, prefix)
    package = tmp_path / "wide.xlsx"
    with zipfile.ZipFile(package, "w") as z:
        z.writestr("xl/worksheets/sheet1.xml", _sheet_xml(narrow + wide, prefix))
    with zipfile.ZipFile(package) as z, pytest.raises(CrmselectError) as info:
        responseimport._check_sheet_xml("wide.xlsx", z, "xl/worksheets/sheet1.xml")
    (issue,) = info.value.issues
    assert issue.where == "xl/worksheets/sheet1.xml: row 9000"
    assert english(issue.message).startswith("this row has 100001 cells, more than the")
    with zipfile.ZipFile(package, "w") as z:  # one cell fewer: read
        z.writestr("xl/worksheets/sheet1.xml", _sheet_xml(
            narrow + wide.replace(b"<%sc/>" % prefix, b"", 1), prefix))
    with zipfile.ZipFile(package) as z:
        responseimport._check_sheet_xml("wide.xlsx", z, "xl/worksheets/sheet1.xml")


def test_masses_of_elements_after_the_rows_are_counted_across_reads(tmp_path, monkeypatch):
    import zipfile

    from crmselect import responseimport

    monkeypatch.setattr(responseimport, "MAX_OTHER_ELEMENTS", 200_000)
    merged = b"<mergeCells>" + b"".join(b'<mergeCell ref="P%d:Q%d"/>' % (n, n)
                                        for n in range(1, 200_001)) + b"</mergeCells>"
    xml = _sheet_xml(b'<row r="1"><c r="A1"/></row>').replace(b"</sheetData>",
                                                              b"</sheetData>" + merged)
    package = tmp_path / "merged.xlsx"
    with zipfile.ZipFile(package, "w") as z:
        z.writestr("xl/worksheets/sheet1.xml", xml)
    with zipfile.ZipFile(package) as z, pytest.raises(CrmselectError) as info:
        responseimport._check_sheet_xml("merged.xlsx", z, "xl/worksheets/sheet1.xml")
    assert "holds 200,004 merged ranges" in english(info.value.issues[0].message)


def test_a_requirements_sheet_renamed_is_read_by_its_columns_with_a_warning(small, workbook,
                                                                            tmp_path):
    def rename(wb):
        wb["Requirements"].title = "Sheet1"

    result = import_responses(small, _filled(workbook, tmp_path / "r.xlsx", rename), "odoo")
    assert result.unanswered == 0
    assert [(w.where, english(w.message)) for w in result.warnings if "Sheet1" in w.where] == [(
        "Sheet1!A1", "warning: the sheet 'Sheet1' was read as the sheet 'Requirements': it has "
        "its columns, and no sheet has that name")]


def test_two_sheets_with_the_requirements_columns_and_none_of_its_name_are_refused(
        small, workbook, tmp_path):
    def rename(wb):
        wb["Requirements"].title = "Sheet1"
        wb.copy_worksheet(wb["Sheet1"]).title = "Sheet2"

    with pytest.raises(CrmselectError) as info:
        import_responses(small, _filled(workbook, tmp_path / "r.xlsx", rename), "odoo")
    assert _problems(info)[0].startswith("the sheet 'Requirements' is missing (found: ")
