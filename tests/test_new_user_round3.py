"""What a new user's run on an unseen brief turned up (quality pass, round 3): what vendors type
into amount cells, an empty file, a value quoted in a message that would fill the screen."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from openpyxl import load_workbook
from test_hostile_inputs import COL, _answer_all, checksums, run

from crmselect.catalog import load_catalog
from crmselect.cli import main
from crmselect.documents.workbook import write_workbook
from crmselect.project import load_project
from crmselect.scaffold import scaffold_project
from crmselect.sluglabels import unlabelled_note, unlabelled_slugs
from crmselect.textsafety import shortened
from crmselect.typedvalues import (
    currency_marks,
    marked_currency,
    means_no_amount,
    parse_number,
    without_vat,
)


@pytest.fixture
def workbook(small) -> Path:
    return write_workbook(small, vendor="odoo").path


def _priced(workbook: Path, out: Path, **prices: object) -> Path:
    """``workbook`` with every requirement answered and the Pricing sheet's rows (by their
    hidden key in column D) set to ``prices``."""
    filled = _answer_all(workbook, out)
    wb = load_workbook(filled)
    ws = wb["Pricing"]
    rows = {ws[f"D{r}"].value: r for r in range(2, ws.max_row + 1)}
    for key, value in prices.items():
        ws[f"B{rows[key]}"] = value
    wb.save(out)
    return out


def _cell(workbook: Path, key: str) -> str:
    ws = load_workbook(workbook)["Pricing"]
    return next(f"Pricing!B{r}" for r in range(2, ws.max_row + 1) if ws[f"D{r}"].value == key)


# --- VAT words and currency names in amount cells ----------------------------------------------


@pytest.mark.parametrize("typed, amount", [
    ("18.500 TL + KDV", "18.500 TL"), ("18.500 TL+KDV", "18.500 TL"), ("18.500 +KDV", "18.500"),
    ("18.500 (KDV hariç)", "18.500"), ("18.500 TL KDV HARİÇ", "18.500 TL"),
    ("18.500 KDV’siz", "18.500"), ("1,200 + VAT", "1,200"), ("1,200 excl. VAT", "1,200"),
])
def test_a_price_marked_without_vat_is_read_as_the_price(typed, amount):
    assert without_vat(typed) == (amount, False)


@pytest.mark.parametrize("typed", ["21.830 TL KDV dahil", "21.830 KDV dâhil", "21.830 KDV'li",
                                   "21.830 KDV’li", "1,200 incl. VAT", "1,200 including VAT"])
def test_a_price_with_vat_is_recognised(typed):
    assert without_vat(typed) == (typed, True)


def test_an_amount_without_a_vat_word_is_unchanged():
    assert without_vat("18.500 TL") == ("18.500 TL", None)


@pytest.mark.parametrize("typed, number, code", [
    ("1.000 Euro", 1000.0, "EUR"), ("1000 euro", 1000.0, "EUR"), ("1.000 Avro", 1000.0, "EUR"),
    ("100 dolar", 100.0, "USD"), ("Dollars 100", 100.0, "USD"), ("1.234,56 TL", 1234.56, "TRY"),
])
def test_a_currency_written_as_a_word_is_read_and_named(typed, number, code):
    assert parse_number(typed, "tr") == number
    assert marked_currency(typed) == code


def test_an_amount_with_two_currencies_is_not_a_number():
    assert currency_marks("€ 1.200 TL") == {"EUR", "TRY"}
    assert parse_number("€ 1.200 TL", "tr") is None
    assert parse_number("€ 1.200 €", "tr") == 1200.0  # the same one twice is still one


@pytest.mark.parametrize("typed", ["N/A", "n.a.", "-", "—", "Yok", "YOK", "Ücretsiz", "ÜCRETSİZ",
                                   "included", "Dahil", "FİYATA DAHİL", "free"])
def test_words_for_nothing_are_recognised(typed):
    assert means_no_amount(typed)


@pytest.mark.parametrize("typed", ["12", "abc", "yok değil", "TL"])
def test_other_text_is_not_a_word_for_nothing(typed):
    assert not means_no_amount(typed)


def test_a_price_plus_vat_in_the_workbook_is_imported_as_the_price(small, workbook, tmp_path):
    filled = _priced(workbook, tmp_path / "kdv.xlsx", **{
        "implementation": "18.500 TL + KDV", "training": "2.000 (KDV hariç)"})
    code, err = run("responses", "import", small, filled, "--vendor", "odoo")
    assert code == 0, err
    pricing = yaml.safe_load((small / "responses" / "odoo.yaml").read_text("utf-8"))["pricing"]
    # the small project's workbook is English: a lone "." before three digits is a decimal
    # point there, so "18.500" would be 18.5; TL in the cell and the Turkish form are not
    # what decides it, the workbook's language is (as for any other amount)
    assert pricing["implementation"] == 18.5
    assert pricing["training"] == 2.0


def test_a_price_with_vat_a_word_for_nothing_and_two_currencies_each_say_what_to_do(
        small, workbook, tmp_path):
    filled = _priced(workbook, tmp_path / "odd.xlsx", **{
        "implementation": "21,830 TL incl. VAT", "training": "N/A",
        "consulting": "€ 1,200 TL", "data_migration": "x" * 5000})
    before = checksums(small)
    code, err = run("responses", "import", small, filled, "--vendor", "odoo")
    assert code == 1
    lines = err.strip().splitlines()
    assert (f"{filled}: {_cell(filled, 'implementation')}: row “Implementation (one-off)”: "
            "'21,830 TL incl. VAT' is not a number "
            "(prices are given without VAT: write the amount without it)") in lines
    assert (f"{filled}: {_cell(filled, 'training')}: row “Training (one-off)”: 'N/A' is not a "
            "number (write 0 if it "
            "costs nothing, or leave the cell empty if it does not apply)") in lines
    assert (f"{filled}: {_cell(filled, 'consulting')}: row “Consulting (one-off)”: '€ 1,200 TL' "
            "is not a number (one "
            "currency per amount: the Pricing sheet's currency cell says which)") in lines
    long_line = next(line for line in lines if _cell(filled, "data_migration") + ":" in line)
    assert len(long_line) < len(str(filled)) + 150 and "x…'" in long_line  # with its label
    assert "Traceback" not in err
    assert checksums(small) == before


def test_the_hints_are_in_turkish_too(small, workbook, tmp_path):
    filled = _priced(workbook, tmp_path / "odd.xlsx", **{
        "implementation": "21.830 TL KDV dahil", "training": "Ücretsiz"})
    code, err = run("responses", "import", small, filled, "--vendor", "odoo", lang="tr")
    assert code == 1
    assert "(fiyatlar KDV hariç verilir: tutarı KDV'siz yazın)" in err
    assert "'Ücretsiz' bir sayı değil (ücretsizse 0 yazın;" in err


def test_a_price_in_euro_words_in_a_lira_bid_is_caught_as_another_currency(
        small, workbook, tmp_path):
    filled = _priced(workbook, tmp_path / "euro.xlsx", implementation="1.000 Euro")
    code, err = run("responses", "import", small, filled, "--vendor", "odoo")
    assert code == 1
    assert f"{_cell(filled, 'implementation')}: row “Implementation (one-off)”: '1.000 Euro'" in err
    assert "EUR" in err


# --- an empty file, a long value in a message --------------------------------------------------


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


def test_a_formula_quoted_in_a_message_is_cut_with_an_ellipsis(small, workbook, tmp_path):
    formula = '=HYPERLINK("http://example.com/a-long-address","click here")'
    filled = _answer_all(workbook, tmp_path / "f.xlsx", J2=formula)
    code, err = run("responses", "import", small, filled, "--vendor", "odoo")
    assert code == 1
    assert "'=HYPERLINK(\"http://example.com/a-long-a…')" in err


def test_shortened_keeps_short_text_and_marks_a_cut():
    assert shortened("abc") == "abc"
    assert shortened("a" * 61) == "a" * 59 + "…"
    assert len(shortened("a" * 100_000, 40)) == 40


def test_a_catalog_search_for_a_pasted_page_answers_in_one_short_line():
    code, err = run("catalog", "search", "ab" * 5000 + "\nError: forged")
    assert code == 1
    assert err.strip() == "no requirement matches '" + "ab" * 29 + "a…'"
    code, err = run("catalog", "search", "zz\nError: forged")
    assert err.strip() == "no requirement matches 'zz\\nError: forged'"


# --- compliance typed by hand, without the drop-down -------------------------------------------


def test_compliance_typed_without_turkish_letters_a_hyphen_or_the_brackets_is_read(
        small, tmp_path):
    path = write_workbook(small, vendor="odoo", lang="tr").path
    wb = load_workbook(path)
    ws = wb["Gereksinimler"]
    rows = [r for r in range(2, ws.max_row + 1) if ws[f"A{r}"].value]
    typed = ["Ucuncu taraf", "OZEL GELISTIRME", "Yol haritasinda", "standart", "third-party",
             "Yapilandirilabilir"]
    for row, value in zip(rows, typed * len(rows), strict=False):
        ws[f"I{row}"] = value
        ws[f"L{row}"] = "Ürün"  # a third-party answer names its product
        ws[f"N{row}"] = 3  # a custom one its effort
        ws[f"O{row}"] = "30.06.2027"  # a roadmap one its date
    wb.save(tmp_path / "elle.xlsx")
    code, err = run("responses", "import", small, tmp_path / "elle.xlsx", "--vendor", "odoo",
                    lang="tr")
    assert code == 0, err
    answers = yaml.safe_load((small / "responses" / "odoo.yaml").read_text("utf-8"))["responses"]
    got = [answers[ws[f"A{r}"].value]["compliance"] for r in rows[:6]]
    assert got == ["third_party", "custom", "roadmap", "native", "third_party", "configurable"]


@pytest.mark.parametrize("typed", ["Hazır", "N/A", "Evet", "yes"])
def test_an_answer_that_is_no_compliance_level_is_still_refused(small, tmp_path, typed):
    path = write_workbook(small, vendor="odoo", lang="tr").path
    wb = load_workbook(path)
    ws = wb["Gereksinimler"]
    for r in range(2, ws.max_row + 1):
        if ws[f"A{r}"].value:
            ws[f"I{r}"] = "Yapılandırılabilir"
    ws["I2"] = typed
    wb.save(tmp_path / "b.xlsx")
    code, err = run("responses", "import", small, tmp_path / "b.xlsx", "--vendor", "odoo",
                    lang="tr")
    assert code == 1
    assert f"Gereksinimler!I2: '{typed}' bir karşılama düzeyi değil" in err


# --- a YAML response: every problem in one run -------------------------------------------------


def test_a_yaml_response_reports_its_schema_and_project_problems_in_one_run(small, tmp_path):
    """A roadmap answer without its date came out only after a typo elsewhere was fixed."""
    answer = tmp_path / "odoo.yaml"
    answer.write_text("vendor: odoo\n"
                      "responses:\n"
                      "  OPS-SFA-001: {compliance: roadmap}\n"
                      "  OPS-SFA-002: {compliance: third_party, third_party_cost_per_year: 1e309}\n"
                      "  OPS-SFA-003: {compliance: nativ}\n", encoding="utf-8")
    before = checksums(small)
    code, err = run("responses", "import", small, answer, "--vendor", "odoo")
    assert code == 1
    lines = err.strip().splitlines()
    assert [line.split(": ")[1] for line in lines[:3]] == [
        "responses.OPS-SFA-001", "responses.OPS-SFA-002.third_party_cost_per_year",
        "responses.OPS-SFA-003.compliance"]
    assert "OPS-SFA-001 is on the roadmap but has no promised date" in lines[0]
    assert lines[-1] == "Error: 3 problems; nothing was written."
    assert checksums(small) == before


# --- codes without a label: "Hasta iliskileri" in a Turkish RFP -------------------------------


def _own_codes(project: Path) -> None:
    path = project / "project.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("departments: [sales, service, finance]",
                        "departments: [sales, hasta_iliskileri, finance]")
    text = text.replace("{role: sales, count: 22, licence: standard, department: sales}",
                        "{role: patient_relations, count: 22, licence: standard, "
                        "department: hasta_iliskileri}")
    path.write_text(text, encoding="utf-8")


def test_validate_names_the_codes_the_documents_would_show_without_a_label(small):
    _own_codes(small)
    code = CliRunner().invoke(main, ["validate", str(small), "--lang", "en"])
    assert code.exit_code == 0, code.output
    [line] = [x for x in code.output.splitlines() if "no label" in x]
    assert line == (
        "! 2 codes of this project have no label, so the documents show them made from the "
        "code: department hasta_iliskileri → 'Hasta iliskileri', user_role patient_relations → "
        f"'Patient relations'; give each a label in English and Turkish in {small}/templates/"
        "strings/common.yaml (department: {hasta_iliskileri: {en: …, tr: …}})")
    turkish = CliRunner().invoke(main, ["validate", str(small), "--lang", "tr"]).output
    assert ("! Bu projenin 2 kodunun adı yok; dokümanlar bunları koddan türeterek gösterir"
            in turkish)
    data = json.loads(CliRunner().invoke(main, ["validate", str(small), "--format", "json"]).output)
    assert data["unlabelled_codes"] == [{"kind": "department", "code": "hasta_iliskileri"},
                                        {"kind": "user_role", "code": "patient_relations"}]


def test_a_label_in_the_projects_strings_file_silences_the_warning(small):
    _own_codes(small)
    (small / "templates" / "strings").mkdir(parents=True)
    (small / "templates" / "strings" / "common.yaml").write_text(
        "department:\n  hasta_iliskileri: {en: Patient relations, tr: Hasta ilişkileri}\n"
        "user_role:\n  patient_relations: {en: Patient relations staff, "
        "tr: Hasta ilişkileri personeli}\n", encoding="utf-8")
    output = CliRunner().invoke(main, ["validate", str(small), "--lang", "en"]).output
    assert "no label" not in output
    assert unlabelled_note(load_project(small), str) is None


def test_the_bundled_labels_cover_the_sample_and_a_new_project(sample_project, tmp_path):
    assert unlabelled_slugs(load_project(sample_project)) == []
    scaffold_project(tmp_path / "new", load_catalog(), lang="tr")
    assert unlabelled_slugs(load_project(tmp_path / "new")) == []


# --- a column deleted or inserted in the Pricing or Company sheet -------------------------------


@pytest.mark.parametrize("sheet, change, cell", [
    ("Pricing", lambda ws: ws.delete_cols(3), "C2"),
    ("Pricing", lambda ws: ws.insert_cols(2), "E2"),
    ("Company", lambda ws: ws.delete_cols(3), "C2"),
], ids=["pricing-deleted", "pricing-inserted", "company-deleted"])
def test_a_moved_key_column_is_one_error_not_one_per_row(small, workbook, tmp_path, sheet,
                                                         change, cell):
    """Deleting the Pricing sheet's description column gave "row 6 was added to the sheet" for
    every price, and inserting one "unknown price row 'in the currency above'"."""
    filled = _priced(workbook, tmp_path / "priced.xlsx", **{
        "currency": "TRY", "implementation": 1000, "training": 500})
    wb = load_workbook(filled)
    ws = wb[sheet]
    ws.protection.sheet = False
    change(ws)
    wb.save(tmp_path / "moved.xlsx")
    before = checksums(small)
    code, err = run("responses", "import", small, tmp_path / "moved.xlsx", "--vendor", "odoo")
    assert code == 1
    letter = cell[0]
    assert err.strip().splitlines() == [
        f"{tmp_path / 'moved.xlsx'}: {sheet}!{cell}: the keys of this sheet's rows (hidden "
        f"column D) are in column {letter}: a column was deleted or inserted, so no row can be "
        "read; put the columns back as they were sent"]
    assert checksums(small) == before


def test_a_vendors_own_formula_beside_the_pricing_sheet_is_still_not_read(small, workbook,
                                                                         tmp_path):
    filled = _priced(workbook, tmp_path / "priced.xlsx", implementation=1000)
    wb = load_workbook(filled)
    wb["Pricing"]["F10"] = "=B10*1.2"  # the vendor's own VAT-included figure, not computed
    wb.save(tmp_path / "own.xlsx")
    code, err = run("responses", "import", small, tmp_path / "own.xlsx", "--vendor", "odoo")
    assert code == 0, err


def test_compliance_pasted_with_a_zero_width_space_is_read(small, workbook, tmp_path):
    filled = _answer_all(workbook, tmp_path / "zw.xlsx", I2="\u00a0Configurable\u200b")
    code, err = run("responses", "import", small, filled, "--vendor", "odoo")
    assert code == 0, err


# --- country: Türkiye ----------------------------------------------------------------------------


@pytest.mark.parametrize("typed, stored", [
    ("Türkiye", "TR"), ("TÜRKİYE", "TR"), ("Turkey", "TR"), ("turkiye", "TR"), ("tr", "TR"),
    ("de", "DE"), ("Germany", "DE")])  # a name stands for its code (msgs4 9)
def test_turkiye_by_its_name_is_the_code_the_kvkk_tasks_and_holidays_look_for(small, typed,
                                                                              stored):
    """`country: Türkiye` left the migration plan without its KVKK tasks and the plans
    without Turkish public holidays: they look for TR."""
    path = small / "project.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("organisation:\n", f"organisation:\n  country: {typed}\n", 1) if (
        "country:" not in text) else text.replace("country: TR", f"country: {typed}", 1)
    path.write_text(text, encoding="utf-8")
    assert load_project(small).project.organisation.country == stored


# --- score: a vendor whose only risk is an understated claim ----------------------------------


def test_the_risk_summary_has_no_line_of_zeros(capsys):
    """A vendor with only "declared native, scored 2" risks got "0 custom developments, 0 days
    (0 TL); 0 third-party products, 0 TL a year; 0 roadmap commitments" above that line."""
    from types import SimpleNamespace

    from crmselect.cli.scoring import _risk_summary

    risk = SimpleNamespace(vendor="zoho_crm", kind="understated", effort_days=0, cost=0,
                           cost_per_year=0)
    _risk_summary(SimpleNamespace(risks=[risk], currency="TRY"), "en")
    out = capsys.readouterr().out
    lines = out.strip().splitlines()
    assert len(lines) == 2 and lines[0].startswith("zoho_crm: 1 requirement declared native")
    assert "0 custom" not in out


@pytest.mark.parametrize("typed", ["ODOO", "Odoo", "odo"])
def test_a_vendor_id_in_capitals_or_mistyped_is_pointed_to_the_project_id(small, workbook,
                                                                          tmp_path, typed):
    """--vendor Odoo was told to add 'Odoo' to the project's vendors list."""
    filled = _answer_all(workbook, tmp_path / "f.xlsx")
    code, err = run("responses", "import", small, filled, "--vendor", typed)
    assert code == 1
    assert f"'{typed}'" in err and "(did you mean odoo?)" in err


# --- a copy of a sheet, filled in instead of the sheet ------------------------------------------


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


# --- after round 3: validate's count of who scores ---------------------------------------------


@pytest.mark.parametrize("lang, line", [
    ("en", "valid — 8 requirements, 3 vendors, 1 scenario, {n} people who score."),
    ("tr", "geçerli — 8 gereksinim, 3 tedarikçi, 1 senaryo, puan veren {n} kişi.")])
def test_validate_counts_who_scores_the_same_before_and_after_the_scores(basic, lang, line):
    """A facilitator and three evaluators: '4 değerlendirici' before scores.yaml existed and
    '3' after; the facilitator does not score unless the project says so."""
    def first_line() -> str:
        result = CliRunner().invoke(main, ["validate", str(basic), "--lang", lang])
        assert result.exit_code == 0, result.output
        return result.output.splitlines()[0]

    assert first_line() == f"{basic}: {line.format(n=3)}"
    (basic / "scores.yaml").unlink()
    assert first_line() == f"{basic}: {line.format(n=3)}"
    path = basic / "project.yaml"
    path.write_text(path.read_text("utf-8").replace(
        "scoring: {", "evaluation: {facilitator_scores: true}\nscoring: {"), "utf-8")
    assert first_line() == f"{basic}: {line.format(n=4)}"


# --- after round 3: a Pricing or Company cell's message names its row -------------------------


def _labelled_workbook(small: Path, lang: str, out: Path) -> tuple[Path, str, str]:
    """The small project's workbook in ``lang``, every requirement answered, 'N/A' as the
    training price and 0 weeks of implementation; with the two cells."""
    wb = load_workbook(write_workbook(small, vendor="odoo", lang=lang).path)
    requirements, pricing, company = wb.worksheets[2], wb.worksheets[3], wb.worksheets[4]
    level = {"en": "Configurable", "tr": "Yapılandırılabilir"}[lang]
    for row in range(2, requirements.max_row + 1):
        if requirements[f"A{row}"].value:
            requirements[f"{COL['compliance']}{row}"] = level
    cells = []
    for ws, key, value in ((pricing, "currency", "EUR"), (pricing, "training", "N/A"),
                           (company, "implementation_weeks", 0)):
        row = next(r for r in range(2, ws.max_row + 1) if ws[f"D{r}"].value == key)
        ws[f"B{row}"] = value
        cells.append(f"{ws.title}!B{row}")
    wb.save(out)
    return out, cells[1], cells[2]


@pytest.mark.parametrize("lang, training, weeks", [
    ("en", "row “Training (one-off)”: 'N/A' is not a number",
     "row “Implementation time until go-live (weeks)”: must be more than 0"),
    ("tr", "“Eğitim (tek seferlik)” satırı: 'N/A' bir sayı değil",
     "“Canlıya geçişe kadar kurulum ve uyarlama süresi (hafta)” satırı: 0'dan büyük olmalı")])
def test_a_pricing_or_company_error_names_the_rows_label_after_its_cell(small, tmp_path, lang,
                                                                         training, weeks):
    """'Company!B7: must be more than 0' said nothing to who fills the sheet in: the label of
    column A follows the cell, in the workbook's language."""
    filled, training_cell, weeks_cell = _labelled_workbook(small, lang, tmp_path / "l.xlsx")
    before = checksums(small)
    code, err = run("responses", "import", small, filled, "--vendor", "odoo", lang=lang)
    assert code == 1 and "Traceback" not in err
    lines = err.splitlines()
    assert any(line.startswith(f"{filled}: {training_cell}: {training}") for line in lines), err
    assert f"{filled}: {weeks_cell}: {weeks}" in lines, err
    assert checksums(small) == before


# --- after round 3: a day in a Turkish sentence --------------------------------------------------


@pytest.mark.parametrize("lang, line", [
    ("en", "Imported by crmselect from a.xlsx on 6 December 2026."),
    ("tr", "crmselect tarafından a.xlsx dosyasından 6 Aralık 2026 tarihinde içe aktarıldı.")])
def test_a_day_in_a_message_is_written_in_the_language(lang, line):
    from crmselect.errors import msg
    from crmselect.i18n import render

    header = msg("import_header", file="a.xlsx", date=dt.date(2026, 12, 6))
    assert render(header, lang) == line
    # a moment is not a day: it is left to whoever passed it
    assert render(dt.datetime(2026, 12, 6, 9, 30), lang) == dt.datetime(2026, 12, 6, 9, 30)


def test_an_imported_responses_header_has_the_day_in_the_turkish_form(small, workbook,
                                                                       tmp_path):
    """'…2026-12-06 tarihinde içe aktarıldı' in a Turkish project's response file."""
    from crmselect.i18n.formatting import format_date

    project = small / "project.yaml"
    project.write_text(project.read_text("utf-8").replace("language: en", "language: tr"),
                       "utf-8")
    filled = _answer_all(workbook, tmp_path / "all.xlsx")
    before = dt.date.today()
    code, err = run("responses", "import", small, filled, "--vendor", "odoo")
    assert code == 0, err
    header = next(line for line in (small / "responses" / "odoo.yaml").read_text(
        "utf-8").splitlines() if "içe aktarıldı" in line)
    days = {format_date(day, "tr") for day in (before, dt.date.today())}
    assert any(f"{day} tarihinde içe aktarıldı" in header for day in days), header
    assert not re.search(r"\d{4}-\d\d-\d\d", header), header


# --- after round 3: a YAML response gets the warnings of the workbook -------------------------

_OPEN_ANSWERS = {  # requirement → (compliance code, workbook cells by column key)
    "OPS-SFA-001": ("third_party", {"third_party_cost_per_year": 900}),
    "OPS-SFA-002": ("custom", {}),
    "OPS-SFA-003": ("native", {"custom_effort_days": 5}),
}


@pytest.mark.parametrize("lang, words", [
    ("en", ["warning: OPS-SFA-001 needs a third-party product, but none is named",
            "warning: OPS-SFA-002 needs custom development, but no effort in days is given",
            "warning: OPS-SFA-003 is answered '{native}', so this development effort is kept "
            "but not counted; was the compliance meant to be '{custom}'?"]),
    ("tr", ["uyarı: OPS-SFA-001 üçüncü taraf bir ürün gerektiriyor, ancak ürün adı verilmemiş",
            "uyarı: OPS-SFA-002 özel geliştirme gerektiriyor, ancak gün cinsinden efor "
            "verilmemiş",
            "uyarı: OPS-SFA-003 için '{native}' yanıtı verilmiş; bu geliştirme eforu saklanır "
            "ama hesaba katılmaz."])])
def test_a_yaml_response_gets_the_same_answer_warnings_as_the_workbook(small, workbook, tmp_path,
                                                                       lang, words):
    """A third-party answer without a product, a custom one without effort days, an effort
    beside a native answer: the workbook import warned, a YAML response of the same answers
    was imported without a word."""
    from crmselect.documentstrings import load_namespace

    labels = load_namespace("common")["compliance"]
    answer = tmp_path / "odoo.yaml"
    answer.write_text("vendor: odoo\nresponses:\n" + "".join(
        f"  {rid}: {{compliance: {level}"
        + "".join(f", {k}: {v}" for k, v in cells.items()) + "}\n"
        for rid, (level, cells) in _OPEN_ANSWERS.items()), encoding="utf-8")
    code, err = run("responses", "import", small, answer, "--vendor", "odoo", lang=lang)
    assert code == 0, err
    lines = err.splitlines()
    for n, (word, field) in enumerate(zip(words, (
            "third_party_product", "custom_effort_days", "custom_effort_days"), strict=True)):
        expected = f"{answer}:{n + 3}:"  # line of the answer, then its field
        shown = word.format(native="native", custom="custom")
        assert any(line.startswith(expected) and f"responses.OPS-SFA-00{n + 1}.{field}: {shown}"
                   in line for line in lines), (shown, err)
    # the workbook of the same answers: the same warnings at its cells, levels as labelled
    wb = load_workbook(_answer_all(workbook, tmp_path / "all.xlsx"))
    ws = wb["Requirements"]
    rows = {ws[f"A{r}"].value: r for r in range(2, ws.max_row + 1)}
    for rid, (level, cells) in _OPEN_ANSWERS.items():
        ws[f"{COL['compliance']}{rows[rid]}"] = labels[level]["en"]
        for key, value in cells.items():
            ws[f"{COL[key]}{rows[rid]}"] = value
    wb.save(tmp_path / "open.xlsx")
    code, err = run("responses", "import", small, tmp_path / "open.xlsx", "--vendor", "odoo",
                    "--force", lang=lang)
    assert code == 0, err
    for word in words:
        shown = word.format(native=labels["native"]["en"], custom=labels["custom"]["en"])
        assert shown in err, (shown, err)


# --- after round 3: the English validate summary in words too ----------------------------------


@pytest.mark.parametrize("lang, area, group, pricing", [
    ("en", "Operational CRM", "Sales force automation", "Open source, USD"),
    ("tr", "Operasyonel CRM", "Satış gücü otomasyonu", "Açık kaynak, USD")])
def test_the_validate_summary_shows_labels_not_codes_in_both_languages(small, tmp_path, lang,
                                                                       area, group, pricing):
    """The Turkish summary said 'Açık kaynak', the English one 'open_source, USD' and
    'operational  sales_automation'."""
    answer = tmp_path / "odoo.yaml"
    answer.write_text("vendor: odoo\nresponses:\n  OPS-SFA-001: {compliance: native}\n"
                      "pricing: {currency: USD, licence_model: open_source}\n", "utf-8")
    code, err = run("responses", "import", small, answer, "--vendor", "odoo")
    assert code == 0, err
    result = CliRunner().invoke(main, ["validate", str(small), "--lang", lang])
    assert result.exit_code == 0, result.output
    rows = result.output.splitlines()
    odoo = next(row for row in rows if row.startswith("odoo "))
    assert odoo.rstrip().endswith(pricing), odoo
    assert any(row.startswith(area) and f" {group} " in row for row in rows), result.output
    assert "open_source" not in result.output and "sales_automation" not in result.output


# --- after round 3: a malformed answer key is pointed to the id it resembles -------------------


@pytest.mark.parametrize("lang, expected, meant", [
    ("en", "expected an id like OPS-SFA-001, got '{key}'", "(did you mean {id}?)"),
    ("tr", "OPS-SFA-001 biçiminde bir kimlik bekleniyordu; verilen değer: '{key}'",
     "(şunu mu demek istediniz: {id}?)")])
def test_a_malformed_answer_key_in_yaml_gets_did_you_mean(small, tmp_path, lang, expected,
                                                          meant):
    answer = tmp_path / "odoo.yaml"
    answer.write_text("vendor: odoo\nresponses:\n  OPS-SRV-0002: {compliance: native}\n"
                      "  ops-sfa-001: {compliance: native}\n  XYZ: {compliance: native}\n",
                      "utf-8")
    before = checksums(small)
    code, err = run("responses", "import", small, answer, "--vendor", "odoo", lang=lang)
    assert code == 1 and "Traceback" not in err
    lines = err.splitlines()
    assert lines[:3] == [
        f"{answer}:3:3: responses.OPS-SRV-0002: "
        f"{expected.format(key='OPS-SRV-0002')} {meant.format(id='OPS-SRV-002')}",
        f"{answer}:4:3: responses.ops-sfa-001: "
        f"{expected.format(key='ops-sfa-001')} {meant.format(id='OPS-SFA-001')}",
        f"{answer}:5:3: responses.XYZ: {expected.format(key='XYZ')}"]  # nothing close
    assert checksums(small) == before


@pytest.mark.parametrize("typed", ["OPS-SRV-0002", "ops-srv-002"])
def test_a_malformed_id_in_the_workbook_gets_did_you_mean(small, workbook, tmp_path, typed):
    filled = _answer_all(workbook, tmp_path / "ids.xlsx")
    wb = load_workbook(filled)
    ws = wb["Requirements"]
    row = next(r for r in range(2, ws.max_row + 1) if ws[f"A{r}"].value == "OPS-SRV-002")
    ws[f"A{row}"] = typed
    wb.save(filled)
    code, err = run("responses", "import", small, filled, "--vendor", "odoo")
    assert code == 1
    assert (f"{filled}: Requirements!A{row}: {typed} is not a requirement of this project "
            "(did you mean OPS-SRV-002?)") in err.splitlines(), err


# --- after round 3: knock-outs by the vendor's name ----------------------------------------------


@pytest.mark.parametrize("lang, line", [
    ("en", "  Gamma CRM: NFR-SEC-001 scored 0.0 (declared)"),
    ("tr", "  Gamma CRM: NFR-SEC-001 puanı 0,0 (tedarikçi beyanı)")])
def test_the_knock_out_lines_name_the_vendor_as_the_ranking_does(basic, lang, line):
    """'gamma: NFR-SEC-001 scored 0.0' under a ranking that says 'Gamma CRM'."""
    result = CliRunner().invoke(main, ["score", str(basic), "--lang", lang])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert line in lines, result.output
    assert not any(row.startswith("  gamma:") for row in lines)


def test_a_roadmap_date_out_of_range_is_written_in_the_turkish_form(small, workbook, tmp_path):
    ws = load_workbook(workbook)["Requirements"]
    row = next(r for r in range(2, ws.max_row + 1) if ws[f"A{r}"].value)
    bad = _answer_all(workbook, tmp_path / "far.xlsx", **{
        f"{COL['compliance']}{row}": "On the roadmap",
        f"{COL['roadmap_date']}{row}": dt.date(2150, 6, 30)})
    code, err = run("responses", "import", small, bad, "--vendor", "odoo", lang="tr")
    assert code == 1
    assert ("30 Haziran 2150, bir seçim sürecinde kullanılabilecek tarih aralığının dışında "
            "(1 Ocak 1990 ile 31 Aralık 2100 arası)") in err, err
