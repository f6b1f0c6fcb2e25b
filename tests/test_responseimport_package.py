"""The response workbook as a file (crmselect/responseimport.py): a damaged, hostile or oversized
package, another project's workbook, a file of another kind under an .xlsx name, sheets copied or
added; each is one line naming the file, sheet and cell, within limits that name themselves, and
nothing is written when the import fails.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
import yaml
from clirun import checksums, run
from openpyxl import load_workbook
from rendered import english, raises_english

from crmselect import responseimport as response_import
from crmselect.documents.workbook import REQUIREMENT_COLUMNS, write_workbook
from crmselect.errors import CrmselectError
from crmselect.responseimport import import_responses

COL = {key: chr(ord("A") + i) for i, key in enumerate(REQUIREMENT_COLUMNS)}


def _answer_all(path: Path, out: Path, **cells: object) -> Path:
    wb = load_workbook(path)
    ws = wb["Requirements"]
    for row in range(2, ws.max_row + 1):
        if ws[f"A{row}"].value:
            ws[f"{COL['compliance']}{row}"] = "Configurable"
    for ref, value in cells.items():
        ws[ref] = value
    wb.save(out)
    return out


def _rewrite(path: Path, out: Path, member: str, change) -> Path:
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info.filename, change(data) if info.filename == member else data)
    return out


def _sheet_member(path: Path, title: str) -> str:
    wb = load_workbook(path, read_only=True)
    index = wb.sheetnames.index(title)
    wb.close()
    return f"xl/worksheets/sheet{index + 1}.xml"


@pytest.mark.parametrize("change", [
    lambda data: data[: len(data) // 2],  # cut off
    lambda data: data.replace(b"<worksheet", b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
                              + b"".join(b'<!ENTITY %c "%s">' % (98 + i, (b"&%c;" % (97 + i)) * 10)
                                         for i in range(7))
                              + b"]><worksheet", 1).replace(b"<t>Id</t>", b"<t>&h;</t>", 1),
], ids=["truncated-xml", "billion-laughs"])
def test_a_damaged_sheet_is_one_error_and_nothing_is_written(small, workbook, tmp_path, change):
    filled = _answer_all(workbook, tmp_path / "filled.xlsx")
    bad = _rewrite(filled, tmp_path / "bad.xlsx", _sheet_member(filled, "Requirements"), change)
    code, err = run("responses", "import", small, bad, "--vendor", "odoo")
    assert code == 1
    assert "the workbook cannot be read; it is damaged" in err
    assert not (small / "responses" / "odoo.yaml").exists()


def test_a_zip_bomb_is_refused_before_it_is_unpacked(small, workbook, tmp_path, monkeypatch):
    monkeypatch.setattr(response_import, "MAX_UNPACKED_BYTES", 10_000)
    with raises_english(r"unpacks to \d+ MB, more than 0 MB"):
        import_responses(small, workbook, "odoo")


def test_the_workbook_of_another_project_says_so_first(small, sample_project, tmp_path):
    other = write_workbook(sample_project, out=tmp_path / "other.xlsx").path
    with pytest.raises(CrmselectError) as info:
        import_responses(small, _answer_all(other, tmp_path / "filled.xlsx"), "odoo")
    first = english(info.value.issues[0].message)
    assert first.startswith("this workbook was made for the project 'Ege Endüstri CRM")
    assert len(info.value.issues) > 1


@pytest.mark.parametrize("name", ["odoo", "odoo.zip", "odoo.XLSX", "odoo.txt"])
def test_a_workbook_under_another_file_name_is_read(small, workbook, tmp_path, name):
    filled = _answer_all(workbook, tmp_path / "filled.xlsx")
    renamed = filled.rename(tmp_path / name)
    assert import_responses(small, renamed, "odoo").unanswered == 0


def test_a_word_file_or_an_ods_renamed_to_xlsx_is_named_so(small, tmp_path):
    docx = tmp_path / "answers.xlsx"
    with zipfile.ZipFile(docx, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<w:document/>")
    with raises_english("a zip package but not an Excel workbook"):
        import_responses(small, docx, "odoo")
    ods = tmp_path / "answers.ods.xlsx"
    with zipfile.ZipFile(ods, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        package.writestr("content.xml", "<office:document-content/>")
    with raises_english(r"an OpenDocument spreadsheet \(.ods\)"):
        import_responses(small, ods, "odoo")


def test_password_protected_or_xls_file_is_named_so(small, tmp_path):
    path = tmp_path / "encrypted.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000)
    with raises_english("password-protected workbook or an old .xls"):
        import_responses(small, path, "odoo")


# --- the workbook's XML read cell by cell, within limits -------------------------------------


@pytest.fixture
def filled(workbook, tmp_path) -> Path:
    """A filled workbook with its texts in a shared-strings part, as Excel saves it."""
    answered = _answer_all(workbook, tmp_path / "answered.xlsx")
    return shared_strings(answered, tmp_path / "filled.xlsx")


_INLINE = re.compile(rb'<c ([^>]*?)t="inlineStr"([^>]*)><is><t(?: [^>]*)?>(.*?)</t></is></c>',
                     re.S)


_SST = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def shared_strings(path: Path, out: Path, extra: int = 0) -> Path:
    """``path`` with its inline texts moved to ``xl/sharedStrings.xml`` (as Excel writes them)
    and ``extra`` more texts that no cell uses."""
    texts: dict[bytes, int] = {}

    def share(match: re.Match[bytes]) -> bytes:
        number = texts.setdefault(match.group(3), len(texts))
        return b'<c %st="s"%s><v>%d</v></c>' % (match.group(1), match.group(2), number)

    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                data = _INLINE.sub(share, data)
            elif info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" '
                                    b'ContentType="application/vnd.openxmlformats-officedocument'
                                    b'.spreadsheetml.sharedStrings+xml"/></Types>')
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdSST" Type="http'
                                    b'://schemas.openxmlformats.org/officeDocument/2006/'
                                    b'relationships/sharedStrings" Target="sharedStrings.xml"/>'
                                    b"</Relationships>")
            zout.writestr(info.filename, data)
        with zout.open("xl/sharedStrings.xml", "w") as sst:
            sst.write(_SST)
            for text in texts:
                sst.write(b"<si><t>%s</t></si>" % text)
            for n in range(extra):
                sst.write(b"<si><t>%d</t></si>" % n)
            sst.write(b"</sst>")
    return out


def _edit_requirements(filled: Path, out: Path, change) -> Path:
    member = _sheet_member(filled, "Requirements")
    return _rewrite(filled, out, member, change)


def _in_row_2(extra: bytes):
    """Add ``extra`` (cell XML) at the end of row 2 of a sheet."""
    return lambda data: re.sub(rb'(<row r="2"[^>]*>.*?)(</row>)', lambda m: m.group(1) + extra
                               + m.group(2), data, count=1, flags=re.S)


@pytest.mark.parametrize("change", [
    _in_row_2(b'<c r="O2"><v>abc</v></c>'),  # text in a number cell
    _in_row_2(b'<c r="O2" t="s"><v>999999</v></c>'),  # a shared string that does not exist
    _in_row_2(b'<c r="2O"><v>1</v></c>'),  # a reference that is not a cell
    _in_row_2(b'<c r="O2" t="b"><v>yes</v></c>'),  # a boolean that is not 0 or 1
    lambda data: data.replace(b'<row r="3"', b'<row r="2"', 1),  # rows out of order
    lambda data: data.replace(b'<row r="3"', b'<row r="three"', 1),  # a row number that is not
], ids=["text-in-number", "shared-string-index", "bad-reference", "bad-boolean", "row-order",
        "row-number"])
def test_a_malformed_cell_is_one_damaged_file_line(small, filled, tmp_path, change):
    bad = _edit_requirements(filled, tmp_path / "bad.xlsx", change)
    code, err = run("responses", "import", small, bad, "--vendor", "odoo")
    assert code == 1
    assert "the workbook cannot be read; it is damaged" in err
    assert len(err.strip().splitlines()) == 1
    assert not (small / "responses" / "odoo.yaml").exists()


def test_many_bad_rows_list_the_first_50_and_count_the_rest(small, workbook, tmp_path):
    start = load_workbook(workbook)["Requirements"].max_row + 1
    rows = {f"A{start + i}": f"XXX-YYY-{i:03d}" for i in range(120)}
    bad = _answer_all(workbook, tmp_path / "bad.xlsx", **rows)
    code, err = run("responses", "import", small, bad, "--vendor", "odoo")
    lines = err.strip().splitlines()
    assert code == 1
    assert len(lines) == 52  # 50 problems, "and 70 more", the summary
    assert "… and 70 more problems" in lines[50]
    assert "120 problems" in lines[51]


def test_content_far_below_the_table_is_refused_with_the_limit(small, workbook, tmp_path,
                                                                monkeypatch):
    monkeypatch.setattr(response_import, "SPARE_ROWS", 5)
    last = load_workbook(workbook)["Requirements"].max_row
    bad = _answer_all(workbook, tmp_path / "bad.xlsx", **{f"C{last + 40}": "a note far below"})
    with pytest.raises(CrmselectError) as info:
        import_responses(small, bad, "odoo")
    [issue] = info.value.issues
    limit = 1 + 12 + 5  # the header, 12 requirements, the spare rows
    assert issue.where == f"Requirements!A{last + 40}"
    shown = english(issue.message)
    assert f"row {last + 40} has content, below the last row read ({limit}" in shown


def test_a_cell_beyond_the_last_column_read_names_the_limit(small, workbook, tmp_path):
    bad = _answer_all(workbook, tmp_path / "bad.xlsx", **{"BZ3": "far right"})
    with pytest.raises(CrmselectError) as info:
        import_responses(small, bad, "odoo")
    [issue] = info.value.issues
    assert issue.where == "Requirements!BZ3"
    assert "beyond column BL (the 64 columns read)" in english(issue.message)


def test_too_many_shared_strings_are_refused_before_they_are_read(small, filled, monkeypatch):
    monkeypatch.setattr(response_import, "MAX_SHARED_STRINGS", 10)
    with zipfile.ZipFile(filled) as package:
        assert "xl/sharedStrings.xml" in package.namelist()
    with pytest.raises(CrmselectError) as info:
        import_responses(small, filled, "odoo")
    [issue] = info.value.issues
    assert re.search(r"holds \d+ different texts, more than the 10 ", english(issue.message))


def test_a_part_too_big_to_read_whole_is_refused(small, filled, monkeypatch):
    monkeypatch.setattr(response_import, "MAX_PART_BYTES", 2 * 1024 * 1024)
    big = filled.parent / "big.xlsx"
    _rewrite(filled, big, "xl/styles.xml",
             lambda data: data.replace(b"</styleSheet>", b"<!--" + b"x" * 3_200_000
                                       + b"--></styleSheet>"))
    with raises_english(r"unpacks to 3 MB, more than 2 MB") as info:
        import_responses(small, big, "odoo")
    assert info.value.issues[0].where == "xl/styles.xml"


def test_a_row_wider_than_excel_is_refused_before_it_is_read(small, filled, tmp_path,
                                                             monkeypatch):
    monkeypatch.setattr(response_import, "MAX_ROW_CELLS", 100)
    bad = _edit_requirements(filled, tmp_path / "wide.xlsx", _in_row_2(b"<c/>" * 200))
    with pytest.raises(CrmselectError) as info:
        import_responses(small, bad, "odoo")
    [issue] = info.value.issues
    assert issue.where.endswith(": row 2")
    assert re.search(r"this row has 2\d\d cells, more than the 100 columns Excel has",
                     english(issue.message))


def test_a_sheet_of_masses_of_merged_ranges_is_refused(small, filled, tmp_path, monkeypatch):
    monkeypatch.setattr(response_import, "MAX_OTHER_ELEMENTS", 500)
    merged = b"<mergeCells>" + b"".join(b'<mergeCell ref="P%d:Q%d"/>' % (n, n)
                                        for n in range(1, 1000)) + b"</mergeCells>"
    bad = _edit_requirements(filled, tmp_path / "merged.xlsx", lambda data: data.replace(
        b"</sheetData>", b"</sheetData>" + merged, 1))
    with raises_english(r"holds 1,040 merged ranges, validations, formats "
                                             "and the like, more than 500"):
        import_responses(small, bad, "odoo")


@pytest.mark.parametrize("dimension", [b"A1", b"A1:N5"], ids=["stale-A1", "short-range"])
def test_the_rows_stored_are_read_whatever_the_declared_range(small, filled, tmp_path,
                                                              dimension):
    bad = _edit_requirements(filled, tmp_path / "stale.xlsx", lambda data: re.sub(
        rb'<dimension ref="[^"]*"/>', b'<dimension ref="' + dimension + b'"/>', data))
    result = import_responses(small, bad, "odoo")
    assert (result.answered, result.unanswered) == (12, 0)


def test_excel_escapes_in_a_comment_are_decoded(small, workbook, tmp_path):
    ws = load_workbook(workbook)["Requirements"]
    row = next(r for r in range(2, ws.max_row + 1) if ws[f"A{r}"].value)
    rid = ws[f"A{row}"].value
    answered = _answer_all(workbook, tmp_path / "answered.xlsx", **{
        f"{COL['comment']}{row}": "PLACEHOLDER"})
    filled = shared_strings(answered, tmp_path / "filled.xlsx")
    escaped = _rewrite(filled, tmp_path / "escaped.xlsx", "xl/sharedStrings.xml",
                       lambda data: data.replace(
                           b"PLACEHOLDER", b"line one_x000B_line two, _x005F_x000B_ kept"))
    import_responses(small, escaped, "odoo")
    saved = yaml.safe_load((small / "responses" / "odoo.yaml").read_text(encoding="utf-8"))
    assert saved["responses"][rid]["comment"] == "line one\nline two, _x000B_ kept"


def test_a_failed_import_changes_nothing(small, filled, tmp_path):
    before = checksums(small)
    bad = _edit_requirements(filled, tmp_path / "bad.xlsx", _in_row_2(b'<c r="O2"><v>x</v></c>'))
    run("responses", "import", small, bad, "--vendor", "odoo")
    assert checksums(small) == before


# --- an empty file, a vendor id mistyped, a copy of a sheet filled in instead of the sheet ---


@pytest.mark.parametrize("command", [("responses", "import"), ("scores", "import")])
def test_an_empty_xlsx_is_called_empty(small, tmp_path, command):
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    args = (*command, small, empty, *(("--vendor", "odoo") if command[0] == "responses" else ()))
    before = checksums(small)
    code, err = run(*args)
    assert code == 1
    assert err.strip().splitlines()[0].startswith(f"{empty}: the file is empty")
    assert checksums(small) == before


@pytest.mark.parametrize("typed", ["ODOO", "Odoo", "odo"])
def test_a_vendor_id_in_capitals_or_mistyped_is_pointed_to_the_project_id(small, workbook,
                                                                          tmp_path, typed):
    """--vendor Odoo was told to add 'Odoo' to the project's vendors list."""
    filled = _answer_all(workbook, tmp_path / "f.xlsx")
    code, err = run("responses", "import", small, filled, "--vendor", typed)
    assert code == 1
    assert f"'{typed}'" in err and "(did you mean odoo?)" in err


def test_answers_in_a_copy_of_the_requirements_sheet_are_not_lost_silently(small, workbook,
                                                                         tmp_path):
    """A vendor who filled "Requirements (2)" and left "Requirements" blank got a response of
    no answers and a warning only."""
    wb = load_workbook(workbook)
    copy = wb.copy_worksheet(wb["Requirements"])
    copy.title = "Requirements (2)"
    for row in range(2, copy.max_row + 1):
        if copy[f"A{row}"].value:
            copy[f"I{row}"] = "Configurable"
    wb.save(tmp_path / "copy.xlsx")
    before = checksums(small)
    code, err = run("responses", "import", small, tmp_path / "copy.xlsx", "--vendor", "odoo")
    assert code == 1
    assert (f"{tmp_path / 'copy.xlsx'}: Requirements (2)!A1: the sheet 'Requirements (2)' is a "
            "copy of 'Requirements' with other content, which is not read: put the answers into "
            "'Requirements' and delete the copy") in err.splitlines()
    assert checksums(small) == before


def test_an_unchanged_copy_or_a_sheet_of_ones_own_is_no_problem(small, workbook, tmp_path):
    filled = _answer_all(workbook, tmp_path / "filled.xlsx")
    wb = load_workbook(filled)
    wb.copy_worksheet(wb["Requirements"]).title = "Requirements (2)"
    wb.create_sheet("Our notes")["A1"] = "internal: call back on Monday"
    wb.save(tmp_path / "extra.xlsx")
    code, err = run("responses", "import", small, tmp_path / "extra.xlsx", "--vendor", "odoo")
    assert code == 0, err
