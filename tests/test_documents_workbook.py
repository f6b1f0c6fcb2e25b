"""The vendor response workbook and its import: structure, round trip, every kind of mistake."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from office import convert_to_pdf, pdf_pages
from openpyxl import load_workbook
from rendered import english

from crmselect.cli import main
from crmselect.documents.workbook import (
    REQUIREMENT_COLUMNS,
    requirement_columns,
    write_workbook,
)
from crmselect.errors import CrmselectError
from crmselect.project import load_project
from crmselect.responseimport import import_responses

DATA = Path(__file__).parent / "data" / "documents"
IDS = ["OPS-SFA-001", "OPS-SFA-002", "OPS-SFA-003", "CUS-SFA-001", "OPS-MKT-001", "OPS-SRV-001",
       "OPS-SRV-002", "INT-FIN-001", "INT-FIN-002", "INT-COM-001", "NFR-SEC-001", "NFR-PRV-001"]
COL = {key: chr(ord("A") + i) for i, key in enumerate(REQUIREMENT_COLUMNS)}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(DATA / "project", target)
    return target


def _row(ws, rid: str) -> int:
    for row in range(2, ws.max_row + 1):
        if ws[f"A{row}"].value == rid:
            return row
    raise AssertionError(f"{rid} not in the sheet")


def _fill(path: Path, answers: dict[str, dict[str, object]], pricing: dict[str, object],
          company: dict[str, object], out: Path, sheet: str = "Requirements") -> Path:
    """Fill a generated workbook the way a vendor would, with openpyxl."""
    wb = load_workbook(path)
    ws = wb[sheet]
    for rid, values in answers.items():
        row = _row(ws, rid)
        for key, value in values.items():
            cell = ws[f"{COL[key]}{row}"]
            cell.value = value
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text typed by the vendor, not a formula
    for name, items in ((wb.sheetnames[3], pricing), (wb.sheetnames[4], company)):
        sheet_ws = wb[name]
        keys = {sheet_ws[f"D{r}"].value: r for r in range(2, sheet_ws.max_row + 1)}
        for key, value in items.items():
            sheet_ws[f"B{keys[key]}"] = value
    wb.save(out)
    return out


GOOD_ANSWERS = {
    "OPS-SFA-001": {"compliance": "Native (out of the box)", "comment": "Web-to-lead forms",
                    "evidence": "https://docs.example/leads; manual p. 12"},
    "OPS-SFA-002": {"compliance": "Standart (hazır)"},  # Turkish label in an English workbook
    "OPS-SFA-003": {"compliance": "configurable"},  # the English code
    "CUS-SFA-001": {"compliance": "Custom development", "custom_effort_days": 12.5},
    "OPS-MKT-001": {"compliance": "third party", "third_party_product": "Mailchimp",
                    "third_party_cost_per_year": 1800},
    "OPS-SRV-001": {"compliance": "On the roadmap", "roadmap_date": dt.datetime(2027, 6, 30)},
    "OPS-SRV-002": {"compliance": "YOL HARİTASINDA", "roadmap_date": "30.09.2027"},
    "INT-FIN-001": {"compliance": "Native (out of the box)", "comment": "=HYPERLINK(1)"},
    "INT-FIN-002": {"compliance": "Not supported"},
    "INT-COM-001": {"compliance": "Configurable"},
    "NFR-SEC-001": {"compliance": "Native (out of the box)"},
    # NFR-PRV-001 is left empty: allowed, reported as a warning.
}
GOOD_PRICING = {"currency": "EUR", "licence_model": "Subscription",
                "per_user_month.standard": 35, "per_user_month.light": 12,
                "yearly_increase_pct": 5, "implementation": 40000, "training": 6000,
                "support_per_year": 3000}
GOOD_COMPANY = {"contact_name": "Deniz Kara", "contact_email": "deniz@odoo.example",
                "submitted": dt.datetime(2027, 3, 20), "implementation_weeks": 14,
                "reference_1": "Ege Tekstil, Ali Veli, +90 232 000 00 00, 40 users, 2025"}


# --- the workbook ----------------------------------------------------------------------------


def test_workbook_structure(project: Path) -> None:
    written = write_workbook(project, vendor="odoo")
    assert written.path == project / "out" / "response-workbook-odoo.xlsx"
    wb = load_workbook(written.path)
    assert wb.sheetnames == ["crmselect", "Instructions", "Requirements", "Pricing", "Company",
                             "Questionnaire", "Optional prices"]
    assert wb["crmselect"].sheet_state == "hidden"
    ws = wb["Requirements"]
    assert [c.value for c in ws[1]] == [
        "Id", "Area", "Group", "Requirement", "Description", "Priority", "Acceptance criteria",
        "Our note", "Compliance", "Comment", "Evidence", "Third-party product",
        "Third-party cost per year", "Custom effort (days)", "Roadmap date"]
    assert [ws[f"A{r}"].value for r in range(2, ws.max_row + 1)] == IDS
    assert ws["B2"].value == "Operational CRM" and ws["C2"].value == "Sales force automation"
    assert ws["F3"].value == "Must"
    assert ws["G2"].value.count("• ") == 3
    assert ws.freeze_panes == "B2"
    assert ws.auto_filter.ref == "A1:O13"
    assert ws.protection.sheet and not ws.protection.password
    assert ws["A2"].protection.locked and ws["D2"].protection.locked
    assert ws["H2"].protection.locked  # the project's note
    assert not ws["I2"].protection.locked and not ws["O13"].protection.locked
    assert ws["D2"].alignment.wrap_text
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert len(lists) == 1 and str(lists[0].sqref) == "I2:I13"
    assert lists[0].formula1 == "=crmselect!$A$1:$A$6"
    assert [wb["crmselect"][f"A{r}"].value for r in range(1, 7)] == [
        "Native (out of the box)", "Configurable", "Third party", "Custom development",
        "On the roadmap", "Not supported"]
    pricing = wb["Pricing"]
    keys = [pricing[f"D{r}"].value for r in range(2, pricing.max_row + 1)]
    assert keys[:6] == ["currency", "licence_model", "per_user_month.standard",
                        "per_user_month.light", "perpetual_per_user.standard",
                        "perpetual_per_user.light"]
    assert pricing["B2"].value == "TRY"
    assert pricing["A4"].value == "Subscription per user per month — Standard (25 users)"
    assert pricing.column_dimensions["D"].hidden
    assert wb["Company"]["B2"].value == "Odoo"  # prepared for the vendor


def test_requirements_sheet_prints_readably_on_a4(project: Path) -> None:
    """Landscape A4, one page wide, the header row on every page, and columns narrow enough
    that fitting the width keeps the text at about 65 %: 15 columns once printed at 35 %."""
    ws = load_workbook(write_workbook(project).path)["Requirements"]
    setup = ws.page_setup
    assert (setup.orientation, str(setup.paperSize)) == ("landscape", str(ws.PAPERSIZE_A4))
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$1"
    assert ws.page_margins.left <= 0.3 and ws.page_margins.right <= 0.3
    widths = [ws.column_dimensions[chr(ord("A") + i)].width
              for i in range(len(REQUIREMENT_COLUMNS))]
    # A4 landscape less the margins holds about 150 characters of the default font at 100 %.
    assert sum(widths) <= 235
    assert min(widths) >= 9  # a date or an amount still fits its column
    assert all(ws.cell(row=2, column=c).alignment.wrap_text
               for c in range(1, len(REQUIREMENT_COLUMNS) + 1))


def test_workbook_in_turkish_and_formula_injection(project: Path) -> None:
    path = project / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "      en: Van stock visible on the visit screen",
        "      en: \"=HYPERLINK(\\\"http://evil\\\")\""), encoding="utf-8")
    written = write_workbook(project, lang="tr")
    assert written.path == project / "out" / "response-workbook.xlsx"
    wb = load_workbook(written.path)
    assert wb.sheetnames[1:] == ["Talimatlar", "Gereksinimler", "Fiyatlandırma", "Firma",
                                 "Soru formu", "Opsiyonel fiyatlar"]
    ws = wb["Gereksinimler"]
    assert ws["H1"].value == "Notumuz" and ws["I1"].value == "Karşılama düzeyi"
    assert ws["F3"].value == "Zorunlu"
    assert wb["crmselect"]["A1"].value == "Standart (hazır)"
    # Turkish document: the title stays English (the Turkish text is what the document shows).
    wb_en = load_workbook(write_workbook(project, out=project / "en.xlsx").path)
    row = _row(wb_en["Requirements"], "CUS-SFA-001")
    assert wb_en["Requirements"][f"D{row}"].value == "'=HYPERLINK(\"http://evil\")"


def test_unknown_vendor_for_the_workbook(project: Path) -> None:
    with pytest.raises(CrmselectError) as info:
        write_workbook(project, vendor="odo")
    assert info.value.issues[0].format(english) == (
        f"{project / 'project.yaml'}: vendors: vendor 'odo' is not in the project's vendors "
        "list (did you mean odoo?)")


# --- import: round trip ----------------------------------------------------------------------


def test_round_trip_workbook_to_project(project: Path, tmp_path: Path) -> None:
    workbook = write_workbook(project, vendor="odoo").path
    filled = _fill(workbook, GOOD_ANSWERS, GOOD_PRICING, GOOD_COMPANY, tmp_path / "filled.xlsx")
    result = import_responses(project, filled, "odoo")
    assert result.path == project / "responses" / "odoo.yaml"
    assert (result.answered, result.unanswered) == (11, 1)
    assert [w.format(english) for w in result.warnings] == [
        f"{filled}: Requirements: warning: 1 requirement has no answer (I13); it counts "
        "as not answered",
        f"{filled}: Questionnaire: warning: 30 questions of the questionnaire have no answer "
        "(CO-1, CO-2, CO-3, CO-4, CO-5, CO-6, CO-7, CO-8, CO-9, IM-1, …)"]
    text = result.path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/response.schema.json\n")

    lp = load_project(project)
    odoo = lp.vendors["odoo"]
    assert odoo.response_file == result.path
    answers = odoo.responses
    assert answers["OPS-SFA-001"].compliance == "native"
    assert answers["OPS-SFA-001"].evidence == ["https://docs.example/leads", "manual p. 12"]
    assert answers["OPS-SFA-002"].compliance == "native"
    assert answers["OPS-SFA-003"].compliance == "configurable"
    assert answers["CUS-SFA-001"].custom_effort_days == 12.5
    assert answers["OPS-MKT-001"].third_party_product == "Mailchimp"
    assert answers["OPS-MKT-001"].third_party_cost_per_year == 1800
    assert answers["OPS-SRV-001"].roadmap_date == dt.date(2027, 6, 30)
    assert answers["OPS-SRV-002"].roadmap_date == dt.date(2027, 9, 30)
    assert answers["INT-FIN-001"].comment == "=HYPERLINK(1)"
    assert answers["INT-FIN-002"].compliance == "none"
    assert odoo.pricing.currency == "EUR"
    assert odoo.pricing.per_user_month == {"standard": 35, "light": 12}
    assert odoo.pricing.implementation == 40000 and odoo.pricing.yearly_increase_pct == 5
    assert odoo.implementation_weeks == 14
    data = yaml.safe_load(text)
    assert data["contact"] == "Deniz Kara, deniz@odoo.example"
    assert data["submitted"] == dt.date(2027, 3, 20)
    assert data["references"] == [GOOD_COMPANY["reference_1"]]


def test_requirement_notes_reach_the_vendor(project: Path) -> None:
    path = project / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "note: Route visits matter most",
        "note: {en: Route visits matter most, tr: Rota ziyaretleri en önemlisi}"),
        encoding="utf-8")
    for lang, sheet, text in (("en", "Requirements", "Route visits matter most"),
                              ("tr", "Gereksinimler", "Rota ziyaretleri en önemlisi")):
        ws = load_workbook(write_workbook(project, lang=lang).path)[sheet]
        notes = {ws[f"A{r}"].value: ws[f"{COL['note']}{r}"].value
                 for r in range(2, ws.max_row + 1)}
        assert notes["OPS-SFA-002"] == text
        assert notes["OPS-SFA-001"] is None  # no note, an empty cell


def test_workbook_of_format_1_without_the_note_column_still_imports(
        project: Path, tmp_path: Path) -> None:
    """A workbook sent to vendors before the note column existed is read as before."""
    workbook = write_workbook(project, vendor="odoo").path
    filled = _fill(workbook, GOOD_ANSWERS, GOOD_PRICING, GOOD_COMPANY, tmp_path / "filled.xlsx")
    wb = load_workbook(filled)
    ws = wb["Requirements"]
    ws.delete_cols(REQUIREMENT_COLUMNS.index("note") + 1)
    wb["crmselect"]["E1"] = 1  # format 1
    wb.save(filled)
    result = import_responses(project, filled, "odoo")
    assert (result.answered, result.unanswered) == (11, 1)
    answers = load_project(project).vendors["odoo"].responses
    assert answers["OPS-MKT-001"].third_party_product == "Mailchimp"
    assert answers["OPS-SRV-001"].roadmap_date == dt.date(2027, 6, 30)


def test_import_never_overwrites_without_force(project: Path, tmp_path: Path) -> None:
    workbook = write_workbook(project, vendor="odoo").path
    filled = _fill(workbook, GOOD_ANSWERS, GOOD_PRICING, GOOD_COMPANY, tmp_path / "filled.xlsx")
    import_responses(project, filled, "odoo")
    target = project / "responses" / "odoo.yaml"
    target.write_text("# mine\n" + target.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(CrmselectError) as info:
        import_responses(project, filled, "odoo")
    assert [i.format(english) for i in info.value.issues] == [
        f"{target}: a response file for this vendor exists already; nothing was written "
        "(use --force to replace it)"]
    assert target.read_text(encoding="utf-8").startswith("# mine\n")
    import_responses(project, filled, "odoo", force=True)
    assert not target.read_text(encoding="utf-8").startswith("# mine\n")


# --- import: every mistake, all reported at once ----------------------------------------------


def test_every_problem_is_reported_with_its_cell(project: Path, tmp_path: Path) -> None:
    workbook = write_workbook(project, vendor="odoo").path
    wb = load_workbook(workbook)
    ws = wb["Requirements"]
    ws["A13"] = "OPS-SFA-001"  # duplicates row 2 (and NFR-PRV-001 disappears)
    ws["A14"] = "OPS-SFA-099"
    ws["I14"] = "Native (out of the box)"
    ws["J15"] = "an answer in a row without an id"
    wb.save(workbook)
    answers = {
        "OPS-SFA-001": {"compliance": "Yes"},
        "OPS-SFA-002": {"compliance": "On the roadmap"},
        "OPS-SFA-003": {"compliance": "Third party", "third_party_cost_per_year": -5},
        "CUS-SFA-001": {"compliance": "Custom development", "custom_effort_days": "ten"},
        "OPS-MKT-001": {"compliance": "On the roadmap", "roadmap_date": "soon"},
        "OPS-SRV-001": {"comment": "we can do it"},
    }
    pricing = {"currency": "euro", "implementation": "forty thousand", "yearly_increase_pct": 150}
    company = {"implementation_weeks": 0}
    filled = _fill(workbook, answers, pricing, company, tmp_path / "bad.xlsx")
    target = project / "responses" / "odoo.yaml"
    with pytest.raises(CrmselectError) as info:
        import_responses(project, filled, "odoo")
    f = str(filled)
    assert [i.format(english) for i in info.value.issues] == [
        f"{f}: Requirements!I2: 'Yes' is not a compliance level (Native (out of the box); "
        "Configurable; Third party; Custom development; On the roadmap; Not supported)",
        f"{f}: Requirements!O3: OPS-SFA-002 is on the roadmap but has no promised date",
        f"{f}: Requirements!M4: -5 is negative; costs and efforts are 0 or more",
        f"{f}: Requirements!N5: 'ten' is not a number",
        f"{f}: Requirements!O6: 'soon' is not a date (write it as 2027-06-30)",
        f"{f}: Requirements!I7: OPS-SRV-001 has answers but no compliance level",
        f"{f}: Requirements!A13: OPS-SFA-001 appears twice (also in row 2)",
        f"{f}: Requirements!A14: OPS-SFA-099 is not a requirement of this project "
        "(did you mean OPS-SFA-003?)",
        f"{f}: Requirements!A15: answers in a row without a requirement id",
        f"{f}: Requirements: requirement NFR-PRV-001 is missing from the sheet (was its row "
        "deleted?)",
        f"{f}: Pricing!B2: row “Currency (ISO code, e.g. EUR)”: 'euro' is not a currency code such "
        "as EUR (did you mean EUR?)",
        f"{f}: Pricing!B8: row “Yearly price increase (%)”: 150 is more than 100",
        f"{f}: Pricing!B10: row “Implementation (one-off)”: 'forty thousand' is not a number",
        f"{f}: Company!B7: row “Implementation time until go-live (weeks)”: must be more than 0",
    ]
    assert english(info.value.summary) == "14 problems; nothing was written."
    assert not target.exists()


def test_bid_in_a_currency_without_exchange_rate(project: Path, tmp_path: Path) -> None:
    workbook = write_workbook(project, vendor="odoo").path
    filled = _fill(workbook, GOOD_ANSWERS, {**GOOD_PRICING, "currency": "GBP"}, GOOD_COMPANY,
                   tmp_path / "gbp.xlsx")
    with pytest.raises(CrmselectError) as info:
        import_responses(project, filled, "odoo")
    assert [i.format(english) for i in info.value.issues] == [
        f"{filled}: Pricing!B2: row “Currency (ISO code, e.g. EUR)”: prices in GBP, but "
        "project.yaml has no exchange rate for GBP "
        "(add exchange_rates: {GBP: ...} to project.yaml)"]


def test_workbook_of_another_vendor(project: Path, tmp_path: Path) -> None:
    workbook = write_workbook(project, vendor="odoo").path
    with pytest.raises(CrmselectError) as info:
        import_responses(project, workbook, "suitecrm")
    assert [i.format(english) for i in info.value.issues] == [
        f"{workbook}: this workbook was made for vendor 'odoo', not 'suitecrm' "
        "(use --vendor odoo)"]


def test_not_an_xlsx_corrupt_or_missing_sheet(project: Path, tmp_path: Path) -> None:
    text = tmp_path / "answers.xlsx"
    text.write_text("id;compliance\n", encoding="utf-8")
    with pytest.raises(CrmselectError) as info:
        import_responses(project, text, "odoo")
    assert info.value.issues[0].format(english) == (
        f"{text}: not an Excel .xlsx workbook (it is not a zip package) (save it in Excel as "
        "'Excel Workbook (.xlsx)')")

    corrupt = tmp_path / "corrupt.xlsx"
    with zipfile.ZipFile(corrupt, "w") as archive:
        archive.writestr("[Content_Types].xml", "<broken")
    with pytest.raises(CrmselectError) as info:
        import_responses(project, corrupt, "odoo")
    assert info.value.issues[0].format(english).startswith(
        f"{corrupt}: the workbook cannot be read; it is damaged or not an .xlsx workbook (")

    workbook = write_workbook(project).path
    wb = load_workbook(workbook)
    del wb["Pricing"]
    wb.save(workbook)
    with pytest.raises(CrmselectError) as info:
        import_responses(project, workbook, "odoo")
    assert [i.format(english) for i in info.value.issues] == [
        f"{workbook}: the sheet 'Pricing' is missing (found: crmselect, Instructions, "
        "Requirements, Company, Questionnaire, Optional prices)"]

    wb = load_workbook(write_workbook(project).path)
    wb["Requirements"]["I1"] = "Answer"
    wb.save(tmp_path / "moved.xlsx")
    with pytest.raises(CrmselectError) as info:
        import_responses(project, tmp_path / "moved.xlsx", "odoo")
    assert [i.format(english) for i in info.value.issues] == [
        f"{tmp_path / 'moved.xlsx'}: Requirements!I1: expected the column 'Compliance' here, "
        "found 'Answer'; columns must not be moved, added or deleted"]


def test_empty_workbook_imports_with_warnings(project: Path) -> None:
    workbook = write_workbook(project, lang="tr").path
    result = import_responses(project, workbook, "suitecrm")
    assert (result.answered, result.unanswered) == (0, 12)
    assert [w.format(english) for w in result.warnings] == [
        f"{workbook}: Gereksinimler: warning: 12 requirements have no answer (I2, I3, I4, I5, "
        "I6, I7, I8, I9, I10, I11, …); they count as not answered",
        f"{workbook}: Fiyatlandırma: warning: no price is given; the vendor's cost cannot be "
        "compared",
        f"{workbook}: Soru formu: warning: 30 questions of the questionnaire have no answer "
        "(CO-1, CO-2, CO-3, CO-4, CO-5, CO-6, CO-7, CO-8, CO-9, IM-1, …)",
    ]
    assert load_project(project).vendors["suitecrm"].response_file == result.path


# --- import: YAML ----------------------------------------------------------------------------


def test_yaml_response_is_validated_and_kept(project: Path, tmp_path: Path) -> None:
    good = tmp_path / "odoo.yaml"
    good.write_text("# from the vendor portal\nvendor: odoo\nresponses:\n"
                    "  OPS-SFA-001: {compliance: native}\n"
                    "  OPS-SRV-001: {compliance: roadmap, roadmap_date: 2027-06-30}\n",
                    encoding="utf-8")
    result = import_responses(project, good, "odoo")
    assert result.answered == 2 and result.unanswered == 10
    text = result.path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/response.schema.json\n"
                           "# from the vendor portal\n")
    assert load_project(project).vendors["odoo"].responses["OPS-SRV-001"].roadmap_date == (
        dt.date(2027, 6, 30))

    bad = tmp_path / "bad.yaml"
    bad.write_text("vendor: odoo\nresponses:\n  OPS-SFA-077: {compliance: native}\n"
                   "  OPS-SFA-002: {compliance: roadmap}\n  OPS-SFA-003: {compliance: yes}\n",
                   encoding="utf-8")
    with pytest.raises(CrmselectError) as info:
        import_responses(project, bad, "odoo", force=True)
    lines = [i.format(english) for i in info.value.issues]  # all of them, in file order
    assert [line.split(": ")[1] for line in lines] == [
        "responses.OPS-SFA-077", "responses.OPS-SFA-002", "responses.OPS-SFA-003.compliance"]
    assert lines[2] == (f"{bad}:5:29: responses.OPS-SFA-003.compliance: 'yes' is not one of "
                        "native, configurable, third_party, custom, roadmap, none")
    bad.write_text("vendor: odoo\nresponses:\n  OPS-SFA-077: {compliance: native}\n"
                   "  OPS-SFA-002: {compliance: roadmap}\n", encoding="utf-8")
    with pytest.raises(CrmselectError) as info:
        import_responses(project, bad, "odoo", force=True)
    lines = [i.format(english) for i in info.value.issues]
    assert lines[0].startswith(f"{bad}:3:3: responses.OPS-SFA-077: OPS-SFA-077 is not a "
                               "requirement of this project")
    assert lines[1] == (f"{bad}:4:16: responses.OPS-SFA-002: OPS-SFA-002 is on the roadmap but "
                        "has no promised date (roadmap_date)")


# --- CLI -------------------------------------------------------------------------------------


def test_cli_workbook_and_import(project: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["workbook", str(project), "--vendor", "odoo"])
    assert result.exit_code == 0, result.output
    workbook = Path(result.output.strip())
    filled = _fill(workbook, GOOD_ANSWERS, GOOD_PRICING, GOOD_COMPANY, tmp_path / "f.xlsx")
    result = runner.invoke(main, ["responses", "import", str(project), str(filled),
                                  "--vendor", "odoo", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"answered": 11' in result.stdout
    result = runner.invoke(main, ["responses", "import", str(project), str(filled),
                                  "--vendor", "odoo"])
    assert result.exit_code == 1
    assert "exists already; nothing was written (use --force to replace it)" in result.stderr
    result = runner.invoke(main, ["responses", "import", str(project), str(filled),
                                  "--vendor", "odoo", "--force", "--lang", "tr"],
                           env={"CRMSELECT_LANG": "tr"})  # the project's `en` outranks the env
    assert result.exit_code == 0
    assert result.stdout.strip() == (
        f"{project / 'responses' / 'odoo.yaml'}: 11 gereksinim yanıtlandı, 1 gereksinim yanıtsız.")


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "tr"])
def test_workbook_opens_in_libreoffice(project: Path, tmp_path: Path, lang: str) -> None:
    workbook = write_workbook(project, vendor="odoo", lang=lang).path
    pdf = convert_to_pdf(workbook, tmp_path)
    assert pdf_pages(pdf) >= 4  # instructions, requirements, pricing, company


# --- questionnaire, optional prices, two envelopes (issue 13 points 5 and 6) -------------------


def _two_envelopes(project: Path) -> None:
    path = project / "project.yaml"
    text = path.read_text(encoding="utf-8")
    assert "two_envelopes" not in text
    path.write_text(text.replace("evaluation:\n", "evaluation:\n  two_envelopes: true\n", 1),
                    encoding="utf-8")


def test_questionnaire_and_optional_prices_sheets(project: Path) -> None:
    wb = load_workbook(write_workbook(project, lang="tr").path)
    ws = wb["Soru formu"]
    assert [c.value for c in ws[1]] == ["No.", "Konu", "Soru", "Yanıtınız"]
    ids = [ws[f"A{r}"].value for r in range(2, ws.max_row + 1)]
    assert ids[:2] == ["CO-1", "CO-2"] and ids[-1] == "SV-5" and len(ids) == 30
    assert ws["B2"].value == "Firma bilgileri" and "Türkiye" in ws["C3"].value
    assert ws["C2"].protection.locked and not ws["D2"].protection.locked
    assert ws.protection.sheet and ws.page_setup.orientation == "landscape"
    optional = wb["Opsiyonel fiyatlar"]
    assert [c.value for c in optional[1]][:4] == [
        "Kalem", "Birim", "Fiyat (Fiyatlandırma sayfasındaki para biriminde)",
        "Notunuz: istenen yerde birim, dâhil olan limitler, koşullar"]
    assert optional["A2"].value == "WhatsApp Business görüşmesi"
    assert optional["B2"].value == "görüşme başına (24 saatlik pencere)"
    assert optional["E2"].value == "whatsapp_conversation"
    assert optional.column_dimensions["E"].hidden
    assert optional["A2"].protection.locked and optional["B2"].protection.locked
    assert not optional["C2"].protection.locked and not optional["D2"].protection.locked
    steps = [wb["Talimatlar"][f"B{r}"].value for r in range(1, 30)]
    assert any(s and s.startswith("Soru formu sayfası:") for s in steps)


def test_two_envelopes_technical_and_pricing_workbooks(project: Path) -> None:
    _two_envelopes(project)
    technical = load_workbook(write_workbook(project, vendor="odoo").path)
    assert technical.sheetnames == ["crmselect", "Instructions", "Requirements", "Company",
                                    "Questionnaire"]
    steps = [technical["Instructions"][f"B{r}"].value for r in range(1, 30)]
    assert any(s and s.startswith("Two envelopes: this workbook is your technical offer")
               for s in steps)
    assert not any(s and s.startswith("Pricing sheet:") for s in steps)
    meta = {technical["crmselect"][f"D{r}"].value: technical["crmselect"][f"E{r}"].value
            for r in range(1, 10)}
    assert meta["kind"] == "technical" and meta["format"] == 3
    # the third-party cost is a price: not in the technical envelope (issue 13, point 6)
    header = [c.value for c in technical["Requirements"][1]]
    assert "Third-party product" in header and "Third-party cost per year" not in header
    assert any(s and s.startswith("Third party: name the product (its yearly cost goes only "
                                  "in the Third-party costs sheet") for s in steps)

    result = CliRunner().invoke(main, ["workbook", str(project), "--pricing"])
    assert result.exit_code == 0, result.output
    path = project / "out" / "response-workbook-pricing.xlsx"
    assert result.output.strip() == str(path)
    pricing = load_workbook(path)
    assert pricing.sheetnames == ["crmselect", "Instructions", "Pricing", "Third-party costs",
                                  "Optional prices"]
    costs = pricing["Third-party costs"]
    assert [c.value for c in costs[1]] == ["Id", "Requirement", "Third-party cost per year"]
    assert [costs[f"A{r}"].value for r in range(2, costs.max_row + 1)] == IDS
    assert costs["A2"].protection.locked and not costs["C2"].protection.locked
    steps = [pricing["Instructions"][f"B{r}"].value for r in range(1, 30)]
    assert any(s and s.startswith("Third-party costs sheet:") for s in steps)
    assert pricing["Instructions"]["A1"].value == "Price offer — Marmara Gıda CRM selection"
    assert pricing["Pricing"]["B2"].value == "TRY"


def test_build_writes_the_pricing_workbook_with_two_envelopes(project: Path) -> None:
    from crmselect.documents.build import build_documents

    _two_envelopes(project)
    files = [p.name for p in build_documents(project).files]
    assert files[2:4] == ["response-workbook.xlsx", "response-workbook-pricing.xlsx"]


def _fill_items(path: Path, sheet: str, items: dict[str, object], out: Path) -> Path:
    wb = load_workbook(path)
    ws = wb[sheet]
    keys = {ws[f"D{r}"].value: r for r in range(2, ws.max_row + 1)}
    for key, value in items.items():
        ws[f"B{keys[key]}"] = value
    wb.save(out)
    return out


def test_two_envelopes_import_technical_then_pricing(project: Path, tmp_path: Path) -> None:
    _two_envelopes(project)
    pricing_book = write_workbook(project, vendor="odoo", pricing=True).path
    filled_prices = _fill_items(pricing_book, "Pricing", GOOD_PRICING, tmp_path / "prices.xlsx")
    with pytest.raises(CrmselectError) as info:  # the prices cannot come first
        import_responses(project, filled_prices, "odoo")
    assert [i.format(english) for i in info.value.issues] == [
        f"{filled_prices}: this is a pricing workbook, and vendor 'odoo' has no technical "
        "answers yet; import its technical workbook first"]

    technical = write_workbook(project, vendor="odoo").path
    wb = load_workbook(technical)
    ws = wb["Requirements"]
    col = {key: chr(ord("A") + i) for i, key in enumerate(requirement_columns("technical"))}
    for rid, values in GOOD_ANSWERS.items():
        for key, value in values.items():
            if key in col:  # the third-party cost is in the pricing workbook
                cell = ws[f"{col[key]}{_row(ws, rid)}"]
                cell.value = value
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"  # text typed by the vendor, not a formula
    wb.save(tmp_path / "technical.xlsx")
    filled = _fill_items(tmp_path / "technical.xlsx", "Company", GOOD_COMPANY,
                         tmp_path / "technical.xlsx")
    result = import_responses(project, filled, "odoo")
    assert (result.answered, result.unanswered) == (11, 1)
    odoo = load_project(project).vendors["odoo"]
    assert odoo.pricing is None and odoo.implementation_weeks == 14

    wb = load_workbook(filled_prices)  # the third-party cost, in the price offer
    costs = wb["Third-party costs"]
    costs[f"C{_row(costs, 'OPS-MKT-001')}"] = 1800
    wb.save(filled_prices)
    result = import_responses(project, filled_prices, "odoo")  # no --force needed
    assert (result.answered, result.unanswered) == (11, 1)
    assert result.warnings == []
    odoo = load_project(project).vendors["odoo"]
    assert odoo.pricing.per_user_month == {"standard": 35, "light": 12}
    assert odoo.responses["OPS-MKT-001"].third_party_product == "Mailchimp"
    assert odoo.responses["OPS-MKT-001"].third_party_cost_per_year == 1800
    assert odoo.implementation_weeks == 14  # the technical answers are kept

    # corrected technical answers, imported again, keep the prices and third-party costs
    result = import_responses(project, filled, "odoo", force=True)
    odoo = load_project(project).vendors["odoo"]
    assert odoo.pricing.per_user_month == {"standard": 35, "light": 12}
    assert odoo.responses["OPS-MKT-001"].third_party_cost_per_year == 1800


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_instructions_sheet_prints_at_full_size_on_a4_portrait(project: Path, lang: str) -> None:
    """The prose sheet: A4 portrait, one page wide, its columns within the ~104 characters
    that A4 portrait less the margins holds at 100 % (it was 130: printed at about 80 %)."""
    wb = load_workbook(write_workbook(project, lang=lang).path)
    ws = wb["Talimatlar" if lang == "tr" else "Instructions"]
    setup = ws.page_setup
    assert (setup.orientation, str(setup.paperSize)) == ("portrait", str(ws.PAPERSIZE_A4))
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.column_dimensions["A"].width + ws.column_dimensions["B"].width <= 104
    assert ws.page_margins.left <= 0.3 and ws.page_margins.right <= 0.3


# --- columns inserted, formulas without a result ---------------------------------------------


def run_cli(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.output


def test_a_turkish_response_workbook_names_the_expected_column_in_turkish(small, tmp_path):
    # A column inserted into a Turkish workbook's "Gereksinimler" was reported as "expected
    # 'group'" (an English label, lower-cased), next to "expected 'gereksinim'".
    from openpyxl import load_workbook

    from crmselect.documents.workbook import write_workbook

    path = write_workbook(small, vendor="odoo", lang="tr").path
    wb = load_workbook(path)
    ws = wb["Gereksinimler"]
    ws.protection.sheet = False
    ws.insert_cols(3)
    ws["C1"] = "Bizim not"
    wb.save(tmp_path / "eklenmis.xlsx")
    code, out = run_cli("responses", "import", small, tmp_path / "eklenmis.xlsx", "--vendor",
                    "odoo", "--lang", "tr")
    assert code == 1
    # one line for the column added, not one for each column after it
    assert ("Gereksinimler!C1: 'Grup' sütununun önüne bir sütun ('Bizim not') eklenmiş; onu "
            "silin") in out
    assert "Gereksinimler!D1" not in out


def test_a_formula_no_spreadsheet_computed_is_a_problem_not_an_empty_cell(small, tmp_path):
    # A vendor's tool wrote '=5*2' days without a stored result (openpyxl, some exporters,
    # a file never opened in Excel): the cell was read as empty, the effort silently lost.
    from openpyxl import load_workbook

    from crmselect.documents.workbook import write_workbook

    path = write_workbook(small, vendor="odoo").path
    wb = load_workbook(path)
    ws = wb["Requirements"]
    for row in range(2, ws.max_row + 1):
        ws.cell(row, 9).value = "Custom development"
        ws.cell(row, 14).value = 3
    ws["N2"] = "=5*2"
    pricing = wb["Pricing"]
    pricing["B2"] = "EUR"
    wb.save(tmp_path / "formul.xlsx")
    before = sorted(p.name for p in (small / "responses").glob("*"))
    code, out = run_cli("responses", "import", small, tmp_path / "formul.xlsx", "--vendor", "odoo")
    assert code == 1
    assert "Requirements!N2: a formula without a saved result ('=5*2')" in out
    assert sorted(p.name for p in (small / "responses").glob("*")) == before
