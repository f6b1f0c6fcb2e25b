"""The Excel scoring sheet (`scores template`), read back by `scores import` and `push` with
the one scores reader's rules (issue #13 point 13, issue #17 point 1)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from openpyxl import load_workbook

from crmselect.cli import main


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def set_project(root: Path, **changes: object) -> None:
    path = root / "project.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def evaluators(root: Path) -> list[dict]:
    return yaml.safe_load((root / "project.yaml").read_text(encoding="utf-8"))["evaluators"]


def template(root: Path, evaluator: str, *options: str) -> Path:
    out = root / f"scoring-{evaluator}.xlsx"
    code, _, err = run("scores", "template", root, "--evaluator", evaluator, "--out", out,
                       *options)
    assert code == 0, err
    return out


def row_of(ws, target: str) -> int:
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value == target)


def edit(path: Path, sheet: str, changes: dict[str, object]) -> None:
    wb = load_workbook(path)
    for ref, value in changes.items():
        wb[sheet][ref] = value
    wb.save(path)


def import_errors(root: Path, path: Path) -> list[str]:
    before = (root / "scores.yaml").read_bytes()
    code, _, err = run("scores", "import", root, path)
    assert code == 1, err
    assert "Traceback" not in err
    assert (root / "scores.yaml").read_bytes() == before  # nothing written
    return [line.replace(str(path), "FILE") for line in err.splitlines()]


def test_template_writes_a_sheet_per_scorer_with_only_their_requirements(basic):
    people = evaluators(basic)
    people[2]["areas"] = ["operational"]  # mehmet
    people.append({"id": "olcay", "name": "Olcay Er", "role": "observer"})
    set_project(basic, evaluators=people)
    code, out, err = run("scores", "template", basic)
    assert code == 0, err
    folder = basic / "out" / "scoring"
    # the facilitator, Selin, does not score in this project; the observer never does
    assert sorted(p.name for p in folder.iterdir()) == [
        "scoring-ayse.xlsx", "scoring-mehmet.xlsx", "scoring-zeynep.xlsx"]
    wb = load_workbook(folder / "scoring-mehmet.xlsx")
    assert wb.sheetnames == ["crmselect", "Instructions", "Requirements", "Scenario steps",
                             "Test-drive marks"]
    assert wb["crmselect"].sheet_state == "hidden"
    assert wb.security.lockStructure and not wb.security.workbookPassword
    ws = wb["Requirements"]
    assert [c.value for c in ws[1]] == [
        "ID", "Area", "Requirement", "Priority", "Alpha CRM — score", "Alpha CRM — note",
        "Beta CRM — score", "Beta CRM — note", "Gamma CRM — score", "Gamma CRM — note"]
    ids = [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)]
    assert ids == ["OPS-SFA-001", "OPS-SFA-002", "OPS-SRV-001", "OPS-MKT-001", "references"]
    assert ws["C6"].value == "References"
    everyone = load_workbook(folder / "scoring-ayse.xlsx")["Requirements"]
    assert everyone.max_row - 1 == 8 + 1  # the project's 8 requirements (no catalog extras)
    # 0–5 drop-downs on every vendor's score column, input cells open, structure locked
    [scale] = ws.data_validations.dataValidation
    assert scale.formula1 == '"0,1,2,3,4,5"'
    assert str(scale.sqref) == "E2:E6 G2:G6 I2:I6"
    assert ws.protection.sheet and not ws.protection.password
    assert ws["E2"].protection.locked is False and ws["F2"].protection.locked is False
    assert ws["A2"].protection.locked is True
    # printed: landscape, one page wide, header on every page
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$1"
    steps = wb["Scenario steps"]
    assert [steps.cell(row=r, column=1).value for r in (2, 3)] == ["SCN-SALES.1", "SCN-SALES.2"]
    marks = wb["Test-drive marks"]
    assert [(marks.cell(row=r, column=1).value, marks.cell(row=r, column=2).value)
            for r in range(2, marks.max_row + 1)] == [("SCN-SALES", "OPS-SFA-001"),
                                                      ("SCN-SALES", "OPS-SFA-002")]
    assert "Areas you score: Operational CRM" in [
        c.value for row in wb["Instructions"].iter_rows() for c in row]


def test_a_facilitator_who_scores_gets_a_sheet(basic):
    set_project(basic, evaluation={"facilitator_scores": True})
    code, out, err = run("scores", "template", basic)
    assert code == 0, err
    assert (basic / "out" / "scoring" / "scoring-selin.xlsx").is_file()


def test_template_of_an_unknown_evaluator_and_an_existing_file(basic):
    code, _, err = run("scores", "template", basic, "--evaluator", "ayshe")
    assert code == 1 and "no one who scores is called 'ayshe'" in err and "ayse" in err
    path = template(basic, "ayse")
    code, _, err = run("scores", "template", basic, "--evaluator", "ayse", "--out", path)
    assert code == 1 and "the file exists" in err and "--force" in err
    code, _, err = run("scores", "template", basic, "--evaluator", "ayse", "--out", path,
                       "--force")
    assert code == 0, err


def test_a_filled_in_sheet_is_imported(basic):
    path = template(basic, "zeynep")
    ws = load_workbook(path)["Requirements"]
    r = row_of(ws, "INT-API-001")
    s = row_of(load_workbook(path)["Scenario steps"], "SCN-SALES.2")
    edit(path, "Requirements", {f"E{r}": 4, f"F{r}": "REST and webhooks", f"G{r}": 5,
                                f"H{r}": "'=HYPERLINK(\"x\") shown live"})  # as written
    edit(path, "Scenario steps", {f"D{s}": "3"})
    edit(path, "Requirements", {f"E{row_of(ws, 'references')}": 4})
    edit(path, "Test-drive marks", {"E3": "slides"})
    code, out, err = run("scores", "import", basic, path)
    assert code == 0, err
    assert "5 added" in out
    records = yaml.safe_load((basic / "scores.yaml").read_text(encoding="utf-8"))
    mine = {(s["vendor"], s["target"]): (s["score"], s.get("note", ""))
            for s in records["scores"] if s["evaluator"] == "zeynep"}
    assert mine[("alpha", "INT-API-001")] == (4, "REST and webhooks")
    assert mine[("beta", "INT-API-001")] == (5, '=HYPERLINK("x") shown live')
    assert mine[("alpha", "SCN-SALES.2")] == (3, "")
    assert mine[("alpha", "references")] == (4, "")
    assert {"evaluator": "zeynep", "vendor": "beta", "scenario": "SCN-SALES",
            "requirement": "OPS-SFA-002", "shown": "slides"} in records["demo"]
    # a second template starts from what is saved, and writes text formula-safe
    again = load_workbook(template(basic, "zeynep", "--force"))["Requirements"]
    assert again[f"H{r}"].value == "'=HYPERLINK(\"x\") shown live"
    assert again[f"H{r}"].data_type == "s"
    code, out, err = run("scores", "import", basic, basic / "scoring-zeynep.xlsx")
    assert code == 0 and "unchanged; " in out and out.endswith(" is up to date\n"), out


def test_bad_cells_are_reported_by_sheet_and_cell(basic):
    people = evaluators(basic)
    people[1]["areas"] = ["operational"]  # ayse
    set_project(basic, evaluators=people)
    path = template(basic, "ayse")
    ws = load_workbook(path)["Requirements"]
    r1, r2, r3 = (row_of(ws, rid) for rid in ("OPS-SFA-001", "OPS-SFA-002", "OPS-SRV-001"))
    edit(path, "Requirements", {
        f"G{r1}": 7, f"I{r1}": 2.5,  # beta, gamma
        f"G{r2}": "good", f"I{r2}": 0,  # a 0 without a note
        f"A{r3}": "INT-FIN-001", f"E{r3}": 3,  # not her area (the row's id was changed)
        f"G{r3}": "=2+2", f"J{r3}": "why?",  # a formula; a note without a score
    })
    errors = import_errors(basic, path)
    expected = [
        f"FILE: Requirements!G{r1}: 7 must be <= 5",
        f"FILE: Requirements!I{r1}: 2.5 is not a whole point",
        f"FILE: Requirements!G{r2}: 'good' is not a score; choose a whole score from 0 to 5",
        f"FILE: Requirements!J{r2}: a score of 0 needs a note",
        f"FILE: Requirements!A{r3}: ayse scores only operational; INT-FIN-001 is in integration",
        f"FILE: Requirements!G{r3}: a formula (=2+2) where a value belongs",
        f"FILE: Requirements!I{r3}: a note without a score",
    ]
    for wanted in expected:
        assert any(e.startswith(wanted) for e in errors), (wanted, errors)
    assert len(errors) == len(expected) + 1  # and the summary line
    code, _, err = run("scores", "import", basic, path, "--lang", "tr")
    assert f"Requirements!I{r3}: puanı olmayan bir not; bir puan seçin ya da notu silin" in err


def test_a_renamed_sheet_and_an_extra_vendor_column_are_refused(basic):
    path = template(basic, "ayse")
    wb = load_workbook(path)
    wb["Scenario steps"].title = "Steps"
    ws = wb["Requirements"]
    ws["K1"] = "Delta CRM — score"
    ws["K2"] = 4
    wb.save(path)
    errors = import_errors(basic, path)
    assert any("the sheet 'Scenario steps' is missing (found: Instructions, Requirements, "
               "Steps, Test-drive marks)" in e for e in errors), errors
    assert any(e.startswith("FILE: Requirements!K1: a column 'Delta CRM — score' the scoring "
                            "sheet does not have") for e in errors), errors


def test_a_workbook_that_is_no_scoring_sheet(basic):
    code, _, err = run("workbook", basic, "--out", basic / "response.xlsx")
    assert code == 0, err
    errors = import_errors(basic, basic / "response.xlsx")
    assert any("not a crmselect scoring sheet" in e for e in errors), errors


def test_a_turkish_sheet_reads_back(basic):
    path = template(basic, "ayse", "--lang", "tr")
    wb = load_workbook(path)
    assert wb.sheetnames[1:] == ["Talimatlar", "Gereksinimler", "Senaryo adımları",
                                 "Demo işaretleri"]
    ws = wb["Gereksinimler"]
    assert ws["E1"].value == "Alpha CRM — puan"
    r = row_of(ws, "OPS-MKT-001")
    edit(path, "Gereksinimler", {f"E{r}": "3"})
    edit(path, "Demo işaretleri", {"D2": "canlı"})
    code, out, err = run("scores", "import", basic, path)
    assert code == 0, err and "2 added" in out


def test_export_of_a_project_without_scores_writes_the_sheets(basic):
    (basic / "scores.yaml").unlink()
    code, out, err = run("scores", "export", basic, basic / "scores.csv")
    assert code == 0, err
    assert not (basic / "scores.csv").exists()
    assert (basic / "out" / "scoring" / "scoring-ayse.xlsx").is_file()
    assert "no scores yet" in out


@pytest.mark.parametrize("command", ["import", "push"])
def test_one_reader_one_set_of_rules_for_import_and_push(basic, command):
    """A 0 without a note, a 2.5 and another area's requirement are refused by both commands
    (`scores import` once accepted the first two)."""
    people = evaluators(basic)
    people[1]["areas"] = ["operational"]
    set_project(basic, evaluators=people)
    path = basic / "in.csv"
    path.write_text("evaluator,vendor,target,score,note\n"
                    "ayse,alpha,OPS-SRV-001,0,\n"
                    "ayse,beta,OPS-SRV-001,2.5,half\n"
                    "ayse,gamma,INT-API-001,3,\n", encoding="utf-8")
    code, _, err = run("scores", command, basic, path)
    assert code == 1
    lines = [line.replace(str(path), "FILE") for line in err.splitlines()]
    assert lines[:3] == [
        "FILE:2: note: a score of 0 needs a note that says why (as in the web form: 0, 1 and 5)",
        "FILE:3: score: 2.5 is not a whole point; the web form scores 0, 1, 2, 3, 4 or 5",
        "FILE:4: target: ayse scores only operational; INT-API-001 is in integration",
    ]


def test_score_refuses_a_scores_yaml_the_import_would_refuse(basic):
    text = (basic / "scores.yaml").read_text(encoding="utf-8")
    (basic / "scores.yaml").write_text(text.replace(", note: Shown live end to end", "", 1),
                                       encoding="utf-8")
    code, _, err = run("score", basic)
    assert code == 1
    assert "scores.yaml:9:5: scores[7].note: a score of 5 needs a note" in err


def test_template_help_in_turkish():
    code, out, _ = run("scores", "template", "--help", "--lang", "tr")
    assert code == 0
    assert "Her değerlendirici için çevrim dışı doldurulacak bir Excel puanlama formu" in out
    assert "Yalnızca bu değerlendiricinin formu." in out and "Options" not in out


def test_scoring_does_no_file_io():
    """The scoring package reads and writes no files (issue #17.1): the scores readers live
    in the loading layer (crmselect.scoresreader), the writers in crmselect.scoresio."""
    import crmselect.scoring as scoring

    package = Path(scoring.__file__).parent
    assert not (package / "scoresio.py").exists()
    for path in package.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        for call in ("read_text(", "write_text", "read_bytes(", "open(", "write_text_atomic"):
            assert call not in text, (path.name, call)


def test_a_sheet_never_replaces_a_different_score_without_force(basic):
    path = template(basic, "ayse")
    ws = load_workbook(path)["Requirements"]
    r = row_of(ws, "OPS-SFA-001")
    assert ws[f"E{r}"].value == 5  # from scores.yaml: "Lead conversion in one click"
    edit(path, "Requirements", {f"E{r}": 3, f"F{r}": "changed"})
    errors = import_errors(basic, path)
    assert errors[0] == (f"FILE: Requirements!E{r}: scores.yaml already has 5 (Lead "
                         "conversion in one click), the import has 3 (changed) (use --force "
                         "to overwrite)")
    code, out, err = run("scores", "import", basic, path, "--force")
    assert code == 0 and "1 updated" in out, err


def test_pull_checks_the_databases_records_by_the_same_rules(basic):
    """A score pushed while Ayşe scored every area is refused by pull once her areas are
    narrowed: the database's records pass the same checks as a file's."""
    path = basic / "in.csv"
    path.write_text("evaluator,vendor,target,score,note\nayse,gamma,INT-API-001,3,\n",
                    encoding="utf-8")
    code, _, err = run("scores", "push", basic, path)
    assert code == 0, err
    people = evaluators(basic)
    people[1]["areas"] = ["operational"]
    set_project(basic, evaluators=people)
    before = (basic / "scores.yaml").read_bytes()
    code, _, err = run("scores", "pull", basic)
    assert code == 1
    assert ("evaluation.db: ayse › gamma › INT-API-001 › target: ayse scores only operational; "
            "INT-API-001 is in integration") in err
    assert (basic / "scores.yaml").read_bytes() == before


def test_a_note_typed_with_a_quote_prefix_is_text_not_a_formula(basic):
    """In Excel, '=… is text (the cell's quote prefix), not a formula."""
    path = template(basic, "zeynep")
    wb = load_workbook(path)
    ws = wb["Requirements"]
    r = row_of(ws, "INT-API-001")
    ws[f"E{r}"] = 5
    ws[f"F{r}"].value = "placeholder"
    ws[f"F{r}"].quotePrefix = True
    wb.save(path)
    # openpyxl writes a str starting with '=' as a formula; put the text in the XML directly
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    for name, data in parts.items():  # an inline string in the sheet, or a shared one
        if name.startswith("xl/"):
            parts[name] = data.replace(b">placeholder<", b">=SUM(1) was shown live<")
    assert any(b"=SUM(1) was shown live" in data for data in parts.values())
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    code, out, err = run("scores", "import", basic, path)
    assert code == 0, err
    records = yaml.safe_load((basic / "scores.yaml").read_text(encoding="utf-8"))["scores"]
    [mine] = [r for r in records if r["evaluator"] == "zeynep" and r["target"] == "INT-API-001"]
    assert (mine["target"], mine["score"], mine["note"]) == (
        "INT-API-001", 5, "=SUM(1) was shown live"), mine


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "scoring sheet of Ayşe Yılmaz: "), ("tr", "Ayşe Yılmaz için puanlama formu: ")])
def test_written_sheet_line_names_the_evaluator_not_the_id(basic, lang, line):
    code, out, err = run("scores", "template", basic, "--evaluator", "ayse", "--lang", lang)
    assert code == 0, err
    assert out.startswith(line) and "ayse için" not in out and "of ayse:" not in out


# --- a Turkish sheet names the expected header in Turkish ------------------------------------


def run_cli(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.output


def test_a_turkish_scoring_sheet_names_the_expected_header_in_turkish(basic):
    # A column inserted into "Gereksinimler" was reported as "expected 'Requirement'", the
    # English header, in a sheet whose headers are all Turkish.
    from openpyxl import load_workbook

    path = basic / "scoring-ayse.xlsx"
    code, out = run_cli("scores", "template", basic, "--evaluator", "ayse", "--out", path,
                    "--lang", "tr")
    assert code == 0, out
    wb = load_workbook(path)
    ws = wb["Gereksinimler"]
    ws.protection.sheet = False
    ws.insert_cols(3)
    ws["C1"] = "Yorumum"
    wb.save(path)
    code, out = run_cli("scores", "import", basic, path, "--lang", "tr")
    assert code == 1
    # one line for the column added, not one for each column after it
    assert ("Gereksinimler!C1: 'Gereksinim' sütununun önüne bir sütun ('Yorumum') eklenmiş; "
            "onu silin") in out
    assert "Gereksinimler!D1" not in out
