"""Hostile input, round two (issue 11): every bad input gets one clear line and exit 1, a limit
names itself and the value found, and nothing is half-written."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from openpyxl import load_workbook
from rendered import english, raises_english
from test_hostile_inputs import COL, _answer_all, _rewrite, _sheet_member, checksums, run

from crmselect import responseimport as response_import
from crmselect.cli import main
from crmselect.documents.workbook import write_workbook
from crmselect.errors import CrmselectError
from crmselect.responseimport import import_responses

DATA = Path(__file__).parent / "data"


# --- the response workbook (points 1, 16, 17, 18) ----------------------------------------------


@pytest.fixture
def workbook(small, tmp_path) -> Path:
    return write_workbook(small, vendor="odoo").path


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


def _with_rows(workbook: Path, out: Path, cells: dict[str, object]) -> Path:
    wb = load_workbook(workbook)
    ws = wb["Requirements"]
    for row in range(2, ws.max_row + 1):
        if ws[f"A{row}"].value:
            ws[f"{COL['compliance']}{row}"] = "Configurable"
    for ref, value in cells.items():
        ws[ref] = value
    wb.save(out)
    return out


def test_many_bad_rows_list_the_first_50_and_count_the_rest(small, workbook, tmp_path):
    start = load_workbook(workbook)["Requirements"].max_row + 1
    bad = _with_rows(workbook, tmp_path / "bad.xlsx",
                     {f"A{start + i}": f"XXX-YYY-{i:03d}" for i in range(120)})
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
    bad = _with_rows(workbook, tmp_path / "bad.xlsx", {f"C{last + 40}": "a note far below"})
    with pytest.raises(CrmselectError) as info:
        import_responses(small, bad, "odoo")
    [issue] = info.value.issues
    limit = 1 + 12 + 5  # the header, 12 requirements, the spare rows
    assert issue.where == f"Requirements!A{last + 40}"
    shown = english(issue.message)
    assert f"row {last + 40} has content, below the last row read ({limit}" in shown


def test_a_cell_beyond_the_last_column_read_names_the_limit(small, workbook, tmp_path):
    bad = _with_rows(workbook, tmp_path / "bad.xlsx", {"BZ3": "far right"})
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
    with raises_english(r"holds \d+ merged ranges, validations, formats "
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


# --- numbers, dates and booleans (points 2, 5, 10, 12) -----------------------------------------


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _validate(project: Path, lang: str = "en") -> list[str]:
    code, err = run("validate", project, lang=lang)
    assert code == 1
    return err.strip().splitlines()


@pytest.mark.parametrize("file, old, new, expected", [
    ("scores.yaml", "target: OPS-SFA-001, score: 5,", "target: OPS-SFA-001, score: true,",
     "score: expected a number, got True"),
    ("scores.yaml", "target: OPS-SFA-001, score: 4}", "target: OPS-SFA-001, score: false}",
     "score: expected a number, got False"),
    ("project.yaml", "scoring: {", "weights: {criteria: {functional: true}}\nscoring: {",
     "weights.criteria.functional: expected a number, got True"),
    ("responses/alpha.yaml", "yearly_increase_pct: 5", "yearly_increase_pct: true",
     "pricing.yearly_increase_pct: expected a number, got True"),
], ids=["score-true", "score-false", "weight-true", "percent-true"])
def test_a_yaml_boolean_is_not_a_number(basic, file, old, new, expected):
    _edit(basic / file, old, new)
    lines = _validate(basic)
    assert any(file in line and expected in line for line in lines), lines


@pytest.mark.parametrize("file, old, new, expected", [
    ("responses/alpha.yaml", "implementation: 30000", "implementation: 1.7e308",
     "pricing.implementation: '1.7e308' must be <= 1000000000000000"),
    ("responses/alpha.yaml", "third_party_cost_per_year: 1200", "third_party_cost_per_year: 1e16",
     "third_party_cost_per_year: '1e16' must be <= 1000000000000000"),
    ("responses/alpha.yaml", "standard: 40,", "standard: 1e300,",
     "pricing.per_user_month.standard: '1e300' must be <= 1000000000000000"),
    ("project.yaml", "target_budget: 100000", "target_budget: 1e20",
     "tco.target_budget: '1e20' must be <= 1000000000000000"),
    ("project.yaml", "scoring: {", "weights: {criteria: {functional: 1e308}}\nscoring: {",
     "weights.criteria.functional: '1e308' must be <= 1000000"),
    ("project.yaml", "scoring: {", "weights: {priority: {must: 2000000}}\nscoring: {",
     "weights.priority.must: 2000000 must be <= 1000000"),
    ("project.yaml", "scoring: {", "timeline: {go_live: 9999-12-31}\nscoring: {",
     "timeline.go_live: 9999-12-31 must be <= 31 December 2100"),
    ("project.yaml", "scoring: {", "timeline: {rfp_issued: 1900-01-01}\nscoring: {",
     "timeline.rfp_issued: 1900-01-01 must be >= 1 January 1990"),
    ("responses/alpha.yaml", "roadmap_date: 2027-06-30", "roadmap_date: 9999-06-30",
     "roadmap_date: 9999-06-30 must be <= 31 December 2100"),
    ("responses/alpha.yaml", "implementation_weeks: 12", "implementation_weeks: 1e12",
     "implementation_weeks: '1e12' must be <= 520"),
], ids=["price-1.7e308", "cost-1e16", "licence-1e300", "budget-1e20", "weight-1e308",
        "priority-weight", "go-live-9999", "rfp-1900", "roadmap-9999", "weeks"])
def test_a_value_beyond_its_bound_names_the_bound_and_the_value(basic, file, old, new, expected):
    _edit(basic / file, old, new)
    lines = _validate(basic)
    assert any(expected in line for line in lines), lines


def test_a_bound_is_explained_in_turkish_too(basic):
    _edit(basic / "project.yaml", "scoring: {", "timeline: {go_live: 9999-12-31}\nscoring: {")
    lines = _validate(basic, lang="tr")
    assert any("en fazla 31 Aralık 2100 olabilir; verilen değer: 9999-12-31" in line
               for line in lines), lines


def test_an_amount_too_large_in_the_workbook_names_its_cell_and_the_limit(small, workbook,
                                                                         tmp_path):
    ws = load_workbook(workbook)["Requirements"]
    row = next(r for r in range(2, ws.max_row + 1) if ws[f"A{r}"].value)
    bad = _answer_all(workbook, tmp_path / "bad.xlsx", **{
        f"{COL['compliance']}{row}": "Third party",
        f"{COL['third_party_product']}{row}": "X",
        f"{COL['third_party_cost_per_year']}{row}": 1.7e308,
    })
    with pytest.raises(CrmselectError) as info:
        import_responses(small, bad, "odoo")
    [issue] = info.value.issues
    assert issue.where == f"Requirements!{COL['third_party_cost_per_year']}{row}"
    assert "is more than 1e+15" in english(issue.message)


def test_charts_never_receive_infinity_or_nan():
    from crmselect.documents import charts

    inf, nan = float("inf"), float("nan")
    charts.ranking_chart(["A", "B"], [inf, nan], [False, False], [("x", [inf, 1.0])], "x",
                         "out", "alt", "en")
    charts.ranking_chart(["A"], [inf], [False], [], "x", "out", "alt", "en")
    charts.cost_chart([("A", inf, 50.0, False), ("B", 1000.0, nan, False)], inf, nan,
                      {"budget": "b", "ceiling": "c", "x": "x", "y": "y"}, "alt", "en")
    charts.tco_chart(["A"], [("licences", [inf])], "alt", "en")
    charts.area_chart(["a", "b", "c"], [("A", [nan, 1.0, inf])], "alt", "en")


# --- control characters in quoted text (point 14) ----------------------------------------------


def test_a_newline_in_a_workbook_id_cannot_forge_an_output_line(small, workbook, tmp_path):
    ws = load_workbook(workbook)["Requirements"]
    row = next(r for r in range(2, ws.max_row + 1) if ws[f"A{r}"].value)
    bad = _answer_all(workbook, tmp_path / "bad.xlsx", **{
        f"A{row}": "NOPE-X-001\nforged.xlsx: Requirements!A1: all answers accepted\r"})
    code, err = run("responses", "import", small, bad, "--vendor", "odoo")
    assert code == 1
    assert not any(line.startswith("forged") for line in err.splitlines())
    assert "NOPE-X-001\\nforged.xlsx: Requirements!A1: all answers accepted" in err
    assert "\r" not in err


def test_a_newline_in_a_yaml_key_cannot_forge_an_output_line(basic):
    _edit(basic / "responses" / "alpha.yaml", "  OPS-SFA-001: {compliance: native}",
          '  "OPS-SFA-001\\nforged.yaml:1:1: fine": {compliance: native}')
    lines = _validate(basic)
    assert not any(line.startswith("forged") for line in lines), lines
    assert any("OPS-SFA-001\\nforged.yaml:1:1: fine" in line for line in lines), lines


def test_printable_escapes_controls_and_keeps_turkish_text():
    from crmselect.textsafety import printable

    assert printable("Ayşe\tÇelik\r\nİğdır\u2028\u202e") == (
        "Ayşe\\tÇelik\\r\\nİğdır\\u2028\\u202e")


# --- a full disk (point 6) ---------------------------------------------------------------------


@pytest.fixture
def full_disk(monkeypatch):
    """Every write to a temporary file of the atomic writer fails with ENOSPC, as on a full
    disk (the temporary file exists already: the disk fills while it is written)."""
    import builtins
    import errno
    import io
    import os as _os

    real_open = builtins.open

    def fake_open(file, mode="r", *args, **kwargs):
        name = _os.fspath(file) if isinstance(file, (str, Path, _os.PathLike)) else ""
        if any(c in mode for c in "wax+") and str(name).endswith(".tmp"):
            raise OSError(errno.ENOSPC, "No space left on device", str(name))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", fake_open)
    monkeypatch.setattr(io, "open", fake_open)


@pytest.mark.parametrize("args", [
    ("rfp", "{p}"), ("workbook", "{p}"), ("testdrive", "{p}"), ("migration", "{p}"),
    ("report", "{p}"), ("build", "{p}"), ("scores", "export", "{p}", "{tmp}/scores.csv"),
    ("schema", "--out", "{tmp}/schemas"), ("init", "{tmp}/new", "--sample"),
], ids=lambda a: "-".join(x for x in a if "{" not in x))
def test_a_full_disk_is_one_message_in_every_writer(basic, tmp_path, full_disk, args):
    before = checksums(basic)
    code, err = run(*(a.format(p=basic, tmp=tmp_path) for a in args))
    assert code == 1, err
    assert "cannot write the file: the disk is full" in err
    assert checksums(basic) == before
    assert not list(basic.rglob("*.tmp")) and not list(tmp_path.rglob("*.tmp"))


def test_a_full_disk_importing_responses_or_scores_keeps_the_project(basic, tmp_path,
                                                                    full_disk):
    response = tmp_path / "alpha.yaml"
    response.write_bytes((basic / "responses" / "alpha.yaml").read_bytes())
    before = checksums(basic)
    code, err = run("responses", "import", basic, response, "--vendor", "alpha", "--force")
    assert (code, "the disk is full" in err) == (1, True)
    scores = tmp_path / "more.yaml"
    scores.write_text("scores:\n  - {evaluator: ayse, vendor: gamma, target: OPS-SFA-002, "
                      "score: 3}\n", encoding="utf-8")
    code, err = run("scores", "import", basic, scores)
    assert (code, "the disk is full" in err) == (1, True)
    assert checksums(basic) == before


# --- AHP judgements (point 13) -----------------------------------------------------------------


def _ahp(tmp_path: Path, rows: str, lang: str = "en") -> tuple[int, str]:
    path = tmp_path / "ahp.yaml"
    path.write_text(f"items: [functional, cost, references]\nmatrix:\n{rows}", encoding="utf-8")
    result = CliRunner().invoke(main, ["ahp", str(path)], env={"CRMSELECT_LANG": lang})
    assert not result.exception or isinstance(result.exception, SystemExit)
    return result.exit_code, result.output


def test_ahp_reads_saatys_fractions(tmp_path):
    code, out = _ahp(tmp_path, "  - [1, 3, 5]\n  - [1/3, 1, 3]\n  - [1/5, 1/3, 1]\n")
    assert code == 0, out
    assert "CR = 0.03" in out


@pytest.mark.parametrize("cell, reciprocal, shown", [
    ("1e308", "1e-308", "1e+308"), ("90", "0.0111", "90"), ("10", "0.1", "10"),
])
def test_ahp_refuses_a_judgement_off_saatys_scale(tmp_path, cell, reciprocal, shown):
    code, out = _ahp(tmp_path, f"  - [1, {cell}, 5]\n  - [{reciprocal}, 1, 3]\n"
                               "  - [0.2, 0.333, 1]\n")
    assert code == 1
    line = out.strip().splitlines()[0]
    assert line.endswith(f"ahp.yaml:3:9: matrix[0][1]: {shown} is not on Saaty's scale: a "
                         "judgement is 1/9 to 9 (1, 2 … 9, or 1/2 … 1/9 below the diagonal)")


def test_ahp_refuses_a_boolean_judgement_in_turkish(tmp_path):
    code, out = _ahp(tmp_path, "  - [1, true, 5]\n  - [1, 1, 3]\n  - [0.2, 0.333, 1]\n",
                     lang="tr")
    assert code == 1
    assert "sayı bekleniyordu; verilen değer: True" in out


# --- .yml response files (point 11) ------------------------------------------------------------


@pytest.mark.parametrize("name", ["alpha.yml", "alpha.YAML", "alpha.YML"])
def test_a_response_file_named_yml_is_read(basic, name):
    from crmselect.project import load_project

    source = basic / "responses" / "alpha.yaml"
    text = source.read_text(encoding="utf-8").replace("implementation: 30000",
                                                      "implementation: 31000")
    source.unlink()
    (basic / "responses" / name).write_text(text, encoding="utf-8")
    vendor = load_project(basic).vendors["alpha"]
    assert vendor.response_file == basic / "responses" / name
    assert vendor.pricing.implementation == 31000


def test_two_response_files_for_one_vendor_are_an_error(basic):
    source = basic / "responses" / "alpha.yaml"
    (basic / "responses" / "alpha.yml").write_bytes(source.read_bytes())
    lines = _validate(basic)
    assert any("alpha.yml: this file and alpha.yaml are for the same thing" in line
               for line in lines), lines


def test_importing_over_a_yml_response_replaces_it_not_doubles_it(basic, tmp_path):
    source = basic / "responses" / "alpha.yaml"
    yml = basic / "responses" / "alpha.yml"
    source.rename(yml)
    new = tmp_path / "alpha.yaml"
    new.write_bytes(yml.read_bytes())
    code, err = run("responses", "import", basic, new, "--vendor", "alpha")
    assert code == 1 and "alpha.yml" in err  # exists: --force needed
    code, err = run("responses", "import", basic, new, "--vendor", "alpha", "--force")
    assert code == 0, err
    assert sorted(p.name for p in (basic / "responses").iterdir()) == [
        "alpha.yml", "beta.yaml", "gamma.yaml"]


# --- --out never replaces a file of another kind (point 8) -------------------------------------


@pytest.mark.parametrize("args, target", [
    (("workbook", "{p}", "--out", "{p}/project.yaml"), "project.yaml"),
    (("rfp", "{p}", "--out", "{p}/project.yaml"), "project.yaml"),
    (("rfp", "{p}", "--out", "{p}/notes.docx"), "notes.docx"),
    (("testdrive", "{p}", "--out", "{p}/scores.yaml"), "scores.yaml"),
    (("migration", "{p}", "--out", "{p}/plan.docx"), "plan.csv"),
    (("report", "{p}", "--out-dir", "{p}"), "comparison.html"),
], ids=["workbook-project", "rfp-project", "rfp-not-docx", "testdrive-scores", "migration-csv",
        "report-html"])
def test_out_never_replaces_a_file_of_another_kind_without_force(basic, args, target):
    (basic / "notes.docx").write_text("my notes, not a Word file", encoding="utf-8")
    (basic / "plan.csv").write_text("not;ours\n", encoding="utf-8")
    (basic / "comparison.html").write_text("<p>my own page</p>", encoding="utf-8")
    before = checksums(basic)
    code, err = run(*(a.format(p=basic) for a in args))
    assert code == 1, err
    assert f"{target}: the file exists and is not a ." in err
    assert "written by crmselect; it was kept (choose another --out, or add --force" in err
    assert checksums(basic) == before
    code, err = run(*(a.format(p=basic) for a in args), "--force")
    assert code == 0, err


def test_out_replaces_its_own_documents(basic, tmp_path):
    out = tmp_path / "offer.docx"
    assert run("rfp", basic, "--out", out)[0] == 0
    assert run("rfp", basic, "--out", out)[0] == 0
    assert run("workbook", basic, "--out", tmp_path / "wb.xlsx")[0] == 0
    assert run("workbook", basic, "--out", tmp_path / "wb.xlsx")[0] == 0


def test_out_refusal_is_in_turkish_too(basic):
    code, err = run("workbook", basic, "--out", basic / "project.yaml", lang="tr")
    assert code == 1
    assert "crmselect'in yazdığı bir .xlsx dosyası değil; dokunulmadı" in err


# --- one writer per project (point 9) ----------------------------------------------------------


def _cli(*args: object) -> list[str]:
    import sys

    return [sys.executable, "-c", "import sys; from crmselect.cli import main; "
            "sys.exit(main())", *map(str, args)]


def test_a_project_being_written_is_refused_with_a_clear_message(basic, tmp_path):
    import os
    import socket

    from crmselect.projectlock import LOCK_FILE
    (basic / LOCK_FILE).write_text(f"{os.getpid()} {socket.gethostname()}\n", encoding="utf-8")
    scores = tmp_path / "more.yaml"
    scores.write_text("scores:\n  - {evaluator: ayse, vendor: gamma, target: OPS-SFA-002, "
                      "score: 3}\n", encoding="utf-8")
    for lang, expected in (("en", "another crmselect command is writing to this project"),
                           ("tr", "başka bir crmselect komutu bu projeye yazıyor")):
        code, err = run("scores", "import", basic, scores, lang=lang)
        assert code == 1 and expected in err, err
        assert f"(process {os.getpid()} on" in err or f"{os.getpid()} numaralı" in err
    assert (basic / LOCK_FILE).exists()  # not ours to remove
    before = checksums(basic)
    assert run("build", basic)[0] == 1
    assert checksums(basic) == before


def test_a_lock_left_by_a_dead_process_is_taken_over(basic, tmp_path):
    import socket
    import subprocess
    import sys

    from crmselect.projectlock import LOCK_FILE

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    (basic / LOCK_FILE).write_text(f"{dead} {socket.gethostname()}\n", encoding="utf-8")
    scores = tmp_path / "more.yaml"
    scores.write_text("scores:\n  - {evaluator: ayse, vendor: gamma, target: OPS-SFA-002, "
                      "score: 3}\n", encoding="utf-8")
    code, err = run("scores", "import", basic, scores)
    assert code == 0, err
    assert not (basic / LOCK_FILE).exists()


def _together(*commands: list[str]) -> list[tuple[int, str]]:
    import subprocess

    procs = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={**__import__("os").environ, "CRMSELECT_LANG": "en"})
             for c in commands]
    return [(p.wait(), p.communicate()[1]) for p in procs]


def test_two_scores_imports_at_once_lose_no_score(basic, tmp_path):
    files = []
    for n, (evaluator, target) in enumerate([("ayse", "OPS-SFA-002"), ("mehmet", "OPS-SRV-001")]):
        path = tmp_path / f"s{n}.yaml"
        path.write_text(f"scores:\n  - {{evaluator: {evaluator}, vendor: gamma, target: "
                        f"{target}, score: 3}}\n", encoding="utf-8")
        files.append((path, evaluator, target))
    results = _together(*(_cli("scores", "import", basic, f) for f, _, _ in files))
    saved = yaml.safe_load((basic / "scores.yaml").read_text(encoding="utf-8"))["scores"]
    for (code, err), (_, evaluator, target) in zip(results, files, strict=True):
        kept = any(s["evaluator"] == evaluator and s["target"] == target
                   and s["vendor"] == "gamma" for s in saved)
        if code == 0:
            assert kept  # a reported success is never lost
        else:
            assert "another crmselect command is writing to this project" in err, err
            assert not kept
    assert any(code == 0 for code, _ in results)


def test_two_responses_imports_at_once_write_one_file(small, tmp_path):
    source = tmp_path / "odoo.yaml"
    source.write_text("vendor: odoo\nresponses:\n  OPS-SFA-001: {compliance: native}\n",
                      encoding="utf-8")
    results = _together(*(_cli("responses", "import", small, source, "--vendor", "odoo")
                          for _ in range(2)))
    assert sorted(code for code, _ in results) == [0, 1], results
    [err] = [err for code, err in results if code == 1]
    assert ("another crmselect command is writing to this project" in err
            or "already exists" in err or "exists" in err), err


# --- an unknown key with a bracket (point 15) --------------------------------------------------


@pytest.mark.parametrize("key", ["odd[key", "[x", "a]b["])
def test_an_unknown_key_with_a_bracket_is_named_at_its_line(basic, key):
    _edit(basic / "project.yaml", "language: en\n", f'language: en\n"{key}": 1\n')
    lines = _validate(basic)
    assert any(line.endswith(f"project.yaml:5:1: {key}: unknown key") for line in lines), lines


def test_a_newline_in_a_vendor_name_cannot_forge_a_table_row(basic):
    _edit(basic / "vendors" / "alpha.yaml", "name: ", 'name: "Alpha\\nforged  row"\nxname: ')
    text = (basic / "vendors" / "alpha.yaml").read_text(encoding="utf-8")
    (basic / "vendors" / "alpha.yaml").write_text(text.replace("xname: ", "# ", 1),
                                                  encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(basic)], env={"CRMSELECT_LANG": "en"})
    assert result.exit_code == 0, result.output
    assert "Alpha\\nforged  row" in result.output
    assert not any(line.startswith("forged") for line in result.output.splitlines())


def test_a_roadmap_date_far_away_in_the_workbook_names_its_cell(small, workbook, tmp_path):
    import datetime as dt

    ws = load_workbook(workbook)["Requirements"]
    row = next(r for r in range(2, ws.max_row + 1) if ws[f"A{r}"].value)
    bad = _answer_all(workbook, tmp_path / "bad.xlsx", **{
        f"{COL['compliance']}{row}": "On the roadmap",
        f"{COL['roadmap_date']}{row}": dt.date(9999, 12, 31)})
    with pytest.raises(CrmselectError) as info:
        import_responses(small, bad, "odoo")
    [issue] = info.value.issues
    assert issue.where == f"Requirements!{COL['roadmap_date']}{row}"
    assert english(issue.message) == ("31 December 9999 is outside the dates a selection plans "
                                      "with (1 January 1990 to 31 December 2100)")
