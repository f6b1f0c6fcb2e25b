"""Hostile input: every file a user types or a vendor sends fails with one line per problem
(file, line or cell, field), exit code 1 and no traceback, and nothing saved is lost."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from rendered import english, raises_english

from crmselect import responseimport as response_import
from crmselect.atomicfile import write_text_atomic
from crmselect.cli import main
from crmselect.cli.kpi import format_value
from crmselect.documents.formatting import format_money
from crmselect.documents.workbook import REQUIREMENT_COLUMNS, write_workbook
from crmselect.errors import CrmselectError
from crmselect.i18n import text as render_text
from crmselect.project import load_project
from crmselect.responseimport import import_responses
from crmselect.scorescsv import read_csv_rows
from crmselect.scoresio import import_scores
from crmselect.textsafety import safe_cell
from crmselect.yamlfile import parse_text, read_document

DATA = Path(__file__).parent / "data"
COL = {key: chr(ord("A") + i) for i, key in enumerate(REQUIREMENT_COLUMNS)}


def run(*args: object, lang: str = "en") -> tuple[int, str]:
    """Run the CLI; an exception other than the exit is a traceback, so the test fails."""
    # --lang: the projects here say `language: en`, which outranks CRMSELECT_LANG (issue 12.3)
    result = CliRunner().invoke(main, [*(str(a) for a in args), "--lang", lang],
                                env={"CRMSELECT_LANG": lang})
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stderr


def problems(text: str, lang: str = "en") -> list[str]:
    """The problems as the edge writes them in ``lang`` (explicitly, not through str())."""
    with pytest.raises(CrmselectError) as info:
        parse_text(text, Path("f.yaml"))
    return [i.format(lambda message: render_text(message, lang)) for i in info.value.issues]


def checksums(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and "out" not in p.parts}


# --- YAML ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "a: " + "[" * 10_000 + "]" * 10_000 + "\n",
    "a:\n" + "".join(" " * i + "-\n" for i in range(3000)),
    "a: " + "[" * 150 + "]" * 150 + "\n",  # deep enough for later code, not for the composer
], ids=["flow-10000", "block-3000", "flow-150"])
def test_deep_nesting_is_one_issue_not_a_recursion_error(text):
    [line] = problems(text)
    assert line.startswith("f.yaml:") and "nested more than 100 levels" in line


@pytest.mark.parametrize("number", ["1" + "0" * 5000, "1" + "0" * 400, "1.5e+999",
                                    "1" + "0" * 5000 + ".5"])
def test_numbers_too_large_are_an_issue_at_their_line(number):
    [line] = problems(f"a: 1\nb: {number}\n")
    assert line.startswith("f.yaml:2:4: the number ") and "too large" in line
    assert len(line) < 200  # the number is not printed in full


def test_control_character_is_named_with_line_and_column():
    [line] = problems("a: 1\nb: x\x01y\n")
    assert line == ("f.yaml:2:5: the control character U+0001 is not allowed in YAML; "
                    "delete it (pasted text?)")


def test_second_document_is_explained_in_the_users_language(monkeypatch):
    monkeypatch.setenv("CRMSELECT_LANG", "tr")
    [line] = problems("a: 1\n---\na: 2\n", "tr")
    assert line.startswith("f.yaml:2:1: YAML söz dizimi hatası: ikinci bir YAML belgesi")


@pytest.mark.parametrize(("text", "english", "turkish"), [
    ("note: @mention\n", "a value cannot start with '@'; put the value in quotes",
     "bir değer '@' ile başlayamaz"),
    ("a: 1\nname Ege\nb: 2\n", "a ':' is missing after a key", "':' eksik"),
    ('a: "unclosed\n', "the file ends inside a quoted text", "dosya tırnak ya da parantez"),
    ('path: "C:\\Users\\x"\n', "put text with backslashes in single quotes",
     "tek tırnak içine alın"),
    ("a: *nope\n", "the alias 'nope' refers to no anchor", "'nope' takma adı"),
    ("a:\n  b: 1\n c: 2\n", "wrong indentation", "girinti yanlış"),
    ("a: [1, 2\nb: 3\n", "a ',' or the closing bracket is missing in a [ … ] or { … } list",
     "[ … ] ya da { … } listesinde"),
], ids=["at-sign", "no-colon", "unclosed-quote", "backslash", "alias", "indent", "flow-list"])
def test_common_typing_mistakes_are_explained_in_both_languages(monkeypatch, text, english,
                                                                turkish):
    [line] = problems(text)
    assert english in line
    monkeypatch.setenv("CRMSELECT_LANG", "tr")
    [line] = problems(text, "tr")
    assert turkish in line and "YAML söz dizimi hatası" in line


def test_utf16_with_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_bytes("name: Ayşe Yılmaz\n".encode("utf-16"))
    assert read_document(path).data == {"name": "Ayşe Yılmaz"}


@pytest.mark.parametrize("fast", [True, False], ids=["libyaml", "pure-python"])
@pytest.mark.parametrize(("text", "where"), [
    ('a: 1\nb: "x\\uD800y"\n', "f.yaml:2:4: "),
    ('a: 1\n"k\\uDC00": 2\n', "f.yaml:2:1: "),
    ('a:\n  - ["\\ud83d"]\n', "f.yaml:2:6: "),
], ids=["value", "key", "nested"])
def test_a_lone_surrogate_is_refused_at_its_line_and_column(monkeypatch, text, where, fast):
    from crmselect import yamlfile
    if not fast:
        monkeypatch.setattr(yamlfile, "_FAST_LOADER", None)
    [line] = problems(text)
    assert line.startswith(where) and "lone surrogate" in line
    monkeypatch.setenv("CRMSELECT_LANG", "tr")
    [line] = problems(text, "tr")
    assert line.startswith(where) and "vekil karakter" in line


def test_a_lone_surrogate_in_a_project_fails_validate_not_build(sample_project):
    path = sample_project / "project.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(
        "name: {en: Ege Endüstri CRM selection 2027, tr: Ege Endüstri CRM seçimi 2027}",
        'name: "Ege \\uD800 CRM"', 1), encoding="utf-8")
    code, err = run("validate", sample_project)
    assert code == 1 and "project.yaml:3:7: " in err and "\\uD800" in err
    code, err = run("build", sample_project)
    assert code == 1 and "project.yaml:3:7: " in err


def test_a_utf16_response_file_is_imported_as_it_was_validated(sample_project, tmp_path):
    source = sample_project / "responses" / "odoo.yaml"
    text = source.read_text(encoding="utf-8")
    source.unlink()
    sent = tmp_path / "odoo.yaml"
    sent.write_bytes(text.encode("utf-16"))  # Notepad's "Unicode"
    code, err = run("responses", "import", sample_project, sent, "--vendor", "odoo")
    assert code == 0, err
    written = source.read_text(encoding="utf-8")  # written as UTF-8, the same text
    assert written.endswith(text.split("\n", 1)[1])
    assert load_project(sample_project).vendors["odoo"].response_file == source
    assert run("score", sample_project)[0] == 0


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_pipe_or_device_is_refused_not_read_forever(tmp_path, kind):
    path = tmp_path / "scores.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    with raises_english("not a regular file"):
        read_document(path)


@pytest.mark.parametrize("value", ["nan", ".nan", "inf", "-Infinity", "1e999", "'NaN'"])
def test_nan_and_infinity_are_not_numbers(small, value):
    path = small / "project.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("{EUR: 37.5,", f"{{EUR: {value},"), encoding="utf-8")
    with pytest.raises(CrmselectError) as info:
        load_project(small)
    [issue] = info.value.issues
    assert issue.where == "exchange_rates.EUR" and "expected a number" in english(issue.message)


def test_a_huge_wrong_value_is_shortened_in_its_message(small):
    path = small / "project.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("currency: TRY", "currency: " + "X" * 1_000_000, 1),
                    encoding="utf-8")
    with pytest.raises(CrmselectError) as info:
        load_project(small)
    assert all(len(i.format(english)) < 300 for i in info.value.issues)


def test_a_number_as_top_level_key_is_explained(small, monkeypatch):
    monkeypatch.setenv("CRMSELECT_LANG", "tr")
    path = small / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "12: a\n", encoding="utf-8")
    with pytest.raises(CrmselectError) as info:
        load_project(small)
    lines = info.value.lines(lambda message: render_text(message, "tr"))
    assert any("anahtar metin olmalı; verilen değer: 12" in line for line in lines)
    assert not any("Keys should be" in i.format(english) for i in info.value.issues)


# --- the project folder ----------------------------------------------------------------------


def test_a_broken_vendor_profile_is_reported_once_not_per_score(basic):
    (basic / "vendors" / "alpha.yaml").write_text("id: alpha\nname: !!binary aGk=\n",
                                                  encoding="utf-8")
    with pytest.raises(CrmselectError) as info:
        load_project(basic)
    assert [Path(i.file).name for i in info.value.issues] == ["alpha.yaml"]
    assert "!!binary" in english(info.value.issues[0].message)


@pytest.mark.parametrize("folder", ["vendors", "responses", "scenarios"])
def test_a_file_where_a_folder_belongs_is_an_error_not_skipped(basic, folder):
    if (basic / folder).exists():
        shutil.rmtree(basic / folder)
    (basic / folder).write_text("x", encoding="utf-8")
    with pytest.raises(CrmselectError) as info:
        load_project(basic)
    assert any(Path(i.file).name == folder and "must be a folder" in english(i.message)
               for i in info.value.issues)


def test_the_same_ahp_item_twice_is_an_error(tmp_path):
    path = tmp_path / "ahp.yaml"
    path.write_text("items: [cost, cost]\nmatrix: [[1, 3], [0.333, 1]]\n", encoding="utf-8")
    code, err = run("ahp", path)
    assert code == 1
    assert err.strip().endswith("items[1]: 'cost' is listed twice; each item once")


# --- writing ---------------------------------------------------------------------------------


def test_a_folder_at_the_output_path_is_an_error_and_is_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("CRMSELECT_LANG", "tr")
    (tmp_path / "rfp.md").mkdir()
    with pytest.raises(CrmselectError) as info:
        write_text_atomic(tmp_path / "rfp.md", "x")
    assert "bu adda bir klasör var" in info.value.lines(lambda m: render_text(m, "tr"))[0]
    assert (tmp_path / "rfp.md").is_dir() and os.listdir(tmp_path) == ["rfp.md"]


def test_a_file_where_the_output_folder_belongs_is_named(tmp_path):
    (tmp_path / "out").write_text("keep", encoding="utf-8")
    with raises_english("out is a file, not a folder"):
        write_text_atomic(tmp_path / "out" / "rfp.md", "x")
    assert (tmp_path / "out").read_text(encoding="utf-8") == "keep"


@pytest.mark.parametrize(("error", "expected"), [
    (PermissionError(13, "Permission denied"), "permission denied (a read-only folder or file?)"),
    (OSError(28, "No space left on device"), "the disk is full"),
])
def test_a_read_only_or_full_target_is_a_message_and_the_old_file_stays(tmp_path, monkeypatch,
                                                                        error, expected):
    target = tmp_path / "scores.yaml"
    target.write_text("old", encoding="utf-8")

    def refuse(*_args):
        raise error
    monkeypatch.setattr(os, "replace", refuse)
    with raises_english(re.escape(expected)):
        write_text_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scores.yaml"]  # no temporary file


@pytest.mark.parametrize("text", ["x" * 40_000, "=" + "x" * 40_000])
def test_text_longer_than_an_excel_cell_is_cut_not_written_whole(text):
    cell = safe_cell(text)
    assert len(cell) == 32_767 and cell.endswith("…")
    assert not cell.startswith("=")


# --- the response workbook -------------------------------------------------------------------


@pytest.fixture
def workbook(small, tmp_path) -> Path:
    written = write_workbook(small, vendor="odoo")
    return written.path


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


def test_an_amount_too_large_for_a_number_names_its_cell(small, workbook, tmp_path):
    wb = load_workbook(workbook)
    row = next(r for r in range(2, wb["Requirements"].max_row + 1)
               if wb["Requirements"][f"A{r}"].value)
    filled = _answer_all(workbook, tmp_path / "filled.xlsx", **{
        f"{COL['compliance']}{row}": "Third party",
        f"{COL['third_party_product']}{row}": "X",
        f"{COL['third_party_cost_per_year']}{row}": "9" * 400,
    })
    with pytest.raises(CrmselectError) as info:
        import_responses(small, filled, "odoo")
    [issue] = [i for i in info.value.issues if "is not a number" in english(i.message)]
    assert issue.where == f"Requirements!{COL['third_party_cost_per_year']}{row}"


def test_invisible_marks_pasted_with_an_id_are_ignored(small, workbook, tmp_path):
    wb = load_workbook(workbook)
    ws = wb["Requirements"]
    rows = [r for r in range(2, ws.max_row + 1) if ws[f"A{r}"].value]
    first, second = rows[:2]
    filled = _answer_all(workbook, tmp_path / "filled.xlsx", **{
        f"A{first}": ws[f"A{first}"].value + "\u200b",
        f"A{second}": "\u202a" + ws[f"A{second}"].value,
    })
    result = import_responses(small, filled, "odoo")
    assert result.unanswered == 0


# --- the scores CSV --------------------------------------------------------------------------

CSV_ROWS = [["kind", "evaluator", "vendor", "target", "score", "note", "at"],
            ["score", "murat", "odoo", "OPS-SFA-001", "4", "Satır 1\nSatır 2; ölçü ğüşİı", ""]]


def _csv(rows: list[list[str]], sep: str) -> str:
    def cell(text: str) -> str:
        return f'"{text}"' if any(c in text for c in (sep, "\n", '"')) else text
    return "".join(sep.join(cell(c) for c in row) + "\r\n" for row in rows)


@pytest.mark.parametrize(("sep", "encoding"), [
    (";", "cp1254"),  # Turkish Excel's "CSV (Comma delimited)"
    (",", "cp1254"),
    ("\t", "utf-16"),  # Excel's "Unicode text", with its byte order mark
    (";", "utf-16"),
])
def test_csv_from_turkish_excel_is_read(tmp_path, sep, encoding):
    path = tmp_path / "scores.csv"
    path.write_bytes(_csv(CSV_ROWS, sep).encode(encoding))
    scores, _, issues = read_csv_rows(path)
    assert issues == []
    assert scores.scores[0].note == "Satır 1\nSatır 2; ölçü ğüşİı"


def test_csv_in_another_encoding_says_how_to_save_it(tmp_path):
    path = tmp_path / "scores.csv"
    path.write_bytes(_csv(CSV_ROWS, ",").encode("utf-16-le"))  # no byte order mark
    with raises_english("save it as 'CSV UTF-8"):
        read_csv_rows(path)


@pytest.mark.parametrize(("text", "expected"), [
    ('score,murat,odoo,OPS-SFA-001,4,"open quote,\r\nscore,murat,odoo,OPS-SFA-002,4,,\r\n',
     'scores.csv:2: a double quote (") in this row is never closed'),
    ('score,murat,odoo,OPS-SFA-001,4,"' + "x" * 200_000 + '",\r\n',
     "scores.csv:2: a cell in this row is longer than 131,072 characters"),
])
def test_csv_that_the_csv_module_cannot_read_is_one_issue(tmp_path, monkeypatch, text, expected):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "scores.csv"
    path.write_text(",".join(CSV_ROWS[0]) + "\r\n" + text, encoding="utf-8")
    _, _, issues = read_csv_rows(path)
    assert [i.format(english)[: len(expected)] for i in issues] == [expected]


def test_csv_with_excels_sep_line_is_read_and_lines_still_count_from_the_top(tmp_path):
    path = tmp_path / "scores.csv"
    rows = CSV_ROWS + [["score", "murat", "odoo", "OPS-SFA-002", "six", "", ""]]
    path.write_text("sep=;\r\n" + _csv(rows, ";"), encoding="utf-8")
    scores, lines, issues = read_csv_rows(path)
    assert scores.scores[0].note == "Satır 1\nSatır 2; ölçü ğüşİı"
    assert lines["scores"] == [3]
    assert [(i.line, i.where) for i in issues] == [(5, "score")]  # the note takes 2 lines


@pytest.mark.parametrize(("typed", "expected"), [
    ("23.02.2027 13:34", "2027-02-23T13:34:00"),  # how Turkish Excel shows a time
    ("1.3.2027", "2027-03-01T00:00:00"),
    ("2027-02-23T13:34:00+03:00", "2027-02-23T13:34:00+03:00"),
])
def test_csv_times_as_turkish_excel_writes_them_are_read(tmp_path, typed, expected):
    path = tmp_path / "scores.csv"
    path.write_text(f"evaluator;vendor;target;score;note;at\nmurat;odoo;OPS-SFA-001;4;;{typed}\n",
                    encoding="utf-8")
    scores, _, issues = read_csv_rows(path)
    assert issues == [] and scores.scores[0].at.isoformat() == expected


def test_csv_time_that_does_not_exist_is_shown_as_typed(tmp_path):
    path = tmp_path / "scores.csv"
    path.write_text("evaluator,vendor,target,score,note,at\n"
                    "murat,odoo,OPS-SFA-001,4,,30.02.2027 13:34\n", encoding="utf-8")
    _, _, [issue] = read_csv_rows(path)
    assert issue.where == "at" and "got '30.02.2027 13:34'" in english(issue.message)


def test_csv_with_a_column_twice_is_refused_not_guessed(tmp_path):
    path = tmp_path / "scores.csv"
    path.write_text("kind,evaluator,vendor,target,score,score,note\n"
                    "score,murat,odoo,OPS-SFA-001,4,1,\n", encoding="utf-8")
    with raises_english("column score appears more than once"):
        read_csv_rows(path)


def test_export_over_a_filled_in_csv_keeps_it_unless_forced(basic, tmp_path):
    filled = tmp_path / "filled-in.csv"
    filled.write_text("evaluator,vendor,target,score,note\nayse,alpha,OPS-SFA-001,4,\n",
                      encoding="utf-8")
    before = filled.read_bytes()
    code, err = run("scores", "export", basic, filled)  # meant: scores import
    assert code == 1 and "the file exists and holds something else" in err
    assert filled.read_bytes() == before
    assert run("scores", "export", basic, filled, "--force")[0] == 0
    assert filled.read_bytes() != before
    assert run("scores", "export", basic, filled)[0] == 0  # the same content again: fine


def test_importing_nothing_new_keeps_scores_yaml_as_it_is(sample_project, tmp_path):
    lp = load_project(sample_project)
    header = ",".join(CSV_ROWS[0]) + "\n"
    (tmp_path / "empty.csv").write_text(header, encoding="utf-8")
    before = checksums(sample_project)
    import_scores(lp, tmp_path / "empty.csv")
    assert checksums(sample_project) == before


# --- the evaluation database ----------------------------------------------------------------


@pytest.mark.parametrize(("command", "db", "expected"), [
    ("pull", "not-a-db", "evaluation.db: the evaluation database cannot be opened: file is not a "
                         "database"),
    ("push", "not-a-db", "evaluation.db: the evaluation database cannot be opened: file is not a "
                         "database"),
    ("push", "folder", "evaluation.db: the evaluation database cannot be opened"),
    ("push", "--db nonsense", "--db: not a database URL"),
])
def test_a_database_that_cannot_be_opened_is_one_line(sample_project, command, db, expected):
    path = sample_project / "evaluation.db"
    extra: list[str] = []
    if db == "not-a-db":
        path.write_bytes(b"not a SQLite file " * 100)
    elif db == "folder":
        path.mkdir()
    else:
        extra = db.split()
    before = checksums(sample_project)
    code, err = run("scores", command, sample_project, *extra)
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and expected in err
    assert checksums(sample_project) == before


# --- KPI -------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_a_kpi_value_beyond_babel_precision_is_still_shown(lang):
    assert format_value(1e300, "number", lang) == "1e+300"


@pytest.mark.parametrize(("lang", "expected"), [("en", "1.5e+300 EUR"), ("tr", "1,5e+300 EUR")])
def test_an_absurd_bid_in_a_document_is_shown_not_a_crash(lang, expected):
    # a vendor typed 1.5e300: the report formatted it with Babel, which raised InvalidOperation
    assert format_money(1.5e300, "EUR", lang) == expected
