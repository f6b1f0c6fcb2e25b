"""The vendor's whole answer comes back (issue 13, points 5 and 6): the Questionnaire and
Optional prices sheets are imported, and with two envelopes the third-party cost travels in the
pricing workbook, not in the technical one. Workbooks are filled with openpyxl, as a vendor
would fill them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from rendered import english

from crmselect.documents.workbook import requirement_columns, write_workbook
from crmselect.errors import CrmselectError
from crmselect.model import VendorResponseFile
from crmselect.responseimport import import_responses

DATA = Path(__file__).parent / "data" / "documents"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(DATA / "project", target)
    return target


def _two_envelopes(project: Path) -> None:
    path = project / "project.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("evaluation:\n", "evaluation:\n  two_envelopes: true\n", 1),
                    encoding="utf-8")


def _rows(ws, column: str) -> dict[object, int]:
    return {ws[f"{column}{r}"].value: r for r in range(2, ws.max_row + 1)}


def _set(cell, value: object) -> None:
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text typed by the vendor, not a formula


def _fill(path: Path, out: Path, *, answers: dict[str, dict[str, object]] | None = None,
          questions: dict[str, object] | None = None,
          optional: dict[str, tuple[object, object]] | None = None,
          pricing: dict[str, object] | None = None,
          costs: dict[str, object] | None = None, lang: str = "en") -> Path:
    """Fill a generated workbook: requirement answers by column key, questionnaire answers by
    question id, optional prices as (price, note) by key, pricing items, third-party costs."""
    wb = load_workbook(path)
    names = {"en": ("Requirements", "Questionnaire", "Optional prices", "Pricing",
                    "Third-party costs"),
             "tr": ("Gereksinimler", "Soru formu", "Opsiyonel fiyatlar", "Fiyatlandırma",
                    "Üçüncü taraf maliyetleri")}[lang]
    kind = {wb["crmselect"][f"D{r}"].value: wb["crmselect"][f"E{r}"].value
            for r in range(1, 10)}["kind"]
    if answers:
        ws = wb[names[0]]
        col = {k: chr(ord("A") + i) for i, k in enumerate(requirement_columns(kind))}
        rows = _rows(ws, "A")
        for rid, values in answers.items():
            for key, value in values.items():
                _set(ws[f"{col[key]}{rows[rid]}"], value)
    if questions:
        ws = wb[names[1]]
        rows = _rows(ws, "A")
        for qid, value in questions.items():
            _set(ws[f"D{rows[qid]}"], value)
    if optional:
        ws = wb[names[2]]
        rows = _rows(ws, "E")
        for key, (price, note) in optional.items():
            ws[f"C{rows[key]}"] = price
            _set(ws[f"D{rows[key]}"], note)
    if pricing:
        ws = wb[names[3]]
        rows = _rows(ws, "D")
        for key, value in pricing.items():
            ws[f"B{rows[key]}"] = value
    if costs:
        ws = wb[names[4]]
        rows = _rows(ws, "A")
        for rid, value in costs.items():
            ws[f"C{rows[rid]}"] = value
    wb.save(out)
    return out


def _response(project: Path, vendor: str = "odoo") -> VendorResponseFile:
    path = project / "responses" / f"{vendor}.yaml"
    return VendorResponseFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


ANSWERS = {"OPS-SFA-001": {"compliance": "Native (out of the box)"},
           "OPS-MKT-001": {"compliance": "Third party", "third_party_product": "Mailchimp"},
           "OPS-SRV-001": {"compliance": "Configurable"}}
PRICING = {"currency": "EUR", "per_user_month.standard": 35, "implementation": 40000}


# --- questionnaire and optional prices of one workbook -----------------------------------------


def test_questionnaire_and_optional_prices_are_imported(project: Path, tmp_path: Path) -> None:
    workbook = write_workbook(project, vendor="odoo").path
    filled = _fill(workbook, tmp_path / "filled.xlsx", answers=ANSWERS, pricing=PRICING,
                   questions={"CO-1": "Odoo Türkiye A.Ş., 2012, İstanbul",
                              "IM-2": "=two consultants, one developer",  # text, not a formula
                              "SV-5": 24},
                   optional={"sms_message": (0.35, ""),
                             "api_calls": ("1.200,50", "100,000 calls a day included"),
                             "sandbox": (None, None)})
    result = import_responses(project, filled, "odoo")
    shown = [w.format(english) for w in result.warnings]
    assert [w for w in shown if "Questionnaire:" in w] == [
        f"{filled}: Questionnaire: warning: 27 questions of the questionnaire have no answer "
        "(CO-2, CO-3, CO-4, CO-5, CO-6, CO-7, CO-8, CO-9, IM-1, IM-3, …)"]
    response = _response(project)
    assert response.questionnaire == {"CO-1": "Odoo Türkiye A.Ş., 2012, İstanbul",
                                      "IM-2": "=two consultants, one developer", "SV-5": "24"}
    assert {k: v.model_dump() for k, v in response.optional_prices.items()} == {
        "sms_message": {"price": 0.35, "currency": "EUR", "note": ""},
        "api_calls": {"price": 1200.5, "currency": "EUR",
                      "note": "100,000 calls a day included"}}
    text = (project / "responses" / "odoo.yaml").read_text(encoding="utf-8")
    assert text.index("optional_prices:") < text.index("questionnaire:") < text.index(
        "responses:")


def test_turkish_workbook_questionnaire(project: Path, tmp_path: Path) -> None:
    workbook = write_workbook(project, vendor="odoo", lang="tr").path
    filled = _fill(workbook, tmp_path / "tr.xlsx", lang="tr", pricing={"currency": "TL"},
                   questions={"MG-1": "İki deneme aktarımı"},
                   optional={"whatsapp_conversation": ("₺1,20", "Meta ücreti dahil")})
    import_responses(project, filled, "odoo")
    response = _response(project)
    assert response.questionnaire == {"MG-1": "İki deneme aktarımı"}
    assert response.optional_prices["whatsapp_conversation"].model_dump() == {
        "price": 1.2, "currency": "TRY", "note": "Meta ücreti dahil"}


def test_bad_questionnaire_and_optional_price_cells(project: Path, tmp_path: Path) -> None:
    workbook = write_workbook(project, vendor="odoo").path
    wb = load_workbook(workbook)
    questions = wb["Questionnaire"]
    questions["A32"], questions["D32"] = "CO-99", "an answer to a question we never asked"
    questions["A33"], questions["D33"] = "CO-1", "CO-1 answered twice"
    questions["D34"] = "an answer in a row without a number"
    optional = wb["Optional prices"]
    optional["E9"], optional["C9"] = "whatsap_conversation", 2  # not a key of this RFP
    wb.save(workbook)
    target = project / "responses" / "odoo.yaml"
    filled = _fill(workbook, tmp_path / "bad.xlsx", answers=ANSWERS, pricing=PRICING,
                   questions={"CO-1": "Odoo"},
                   optional={"whatsapp_conversation": ("two liras", ""),
                             "sms_message": (-0.1, ""),
                             "storage_gb": ("=B2*2", ""),  # a formula without a result
                             "api_calls": (None, "100,000 calls a day included")})
    with pytest.raises(CrmselectError) as info:
        import_responses(project, filled, "odoo")
    f = str(filled)
    assert [i.format(english) for i in info.value.issues] == [
        f"{f}: Questionnaire!A32: CO-99 is not a question of this RFP's questionnaire "
        "(did you mean CO-9?)",
        f"{f}: Questionnaire!A33: CO-1 appears twice (also in row 2)",
        f"{f}: Questionnaire!A34: an answer in a row without a question number",
        f"{f}: Optional prices!C2: 'two liras' is not a number",
        f"{f}: Optional prices!C3: -0.1 is negative; costs and efforts are 0 or more",
        f"{f}: Optional prices!C4: a formula without a saved result ('=B2*2') (type the value "
        "itself, or open and save the workbook in Excel or LibreOffice)",
        f"{f}: Optional prices!C5: a note but no price; give the price, or leave both empty",
        f"{f}: Optional prices!A9: 'whatsap_conversation' is not an optional price this RFP "
        "asks for (did you mean whatsapp_conversation?)",
    ]
    assert not target.exists()


def test_optional_price_without_a_currency(project: Path, tmp_path: Path) -> None:
    workbook = write_workbook(project, vendor="odoo").path
    wb = load_workbook(workbook)
    wb["Pricing"]["B2"] = None  # the currency the workbook came with, deleted
    wb.save(workbook)
    filled = _fill(workbook, tmp_path / "nocurrency.xlsx", answers=ANSWERS,
                   optional={"sms_message": (0.35, "")})
    with pytest.raises(CrmselectError) as info:
        import_responses(project, filled, "odoo")
    assert [i.format(english) for i in info.value.issues] == [
        f"{filled}: Optional prices!C3: a price, but no currency in the Pricing sheet"]


def test_optional_prices_sheet_of_format_2_is_still_read(project: Path, tmp_path: Path) -> None:
    """A workbook sent before the price and note columns: the price in B, the key in D."""
    workbook = write_workbook(project, vendor="odoo").path
    wb = load_workbook(workbook)
    ws = wb["Optional prices"]
    ws.delete_cols(2)  # Item, Price, Note, key → as format 2: Item, Your answer, Notes, key
    ws["B1"], ws["C1"] = "Your answer", "Notes"
    for r in range(2, ws.max_row + 1):
        ws[f"D{r}"] = f"optional.{ws[f'D{r}'].value}"
        ws[f"C{r}"] = "amount in the currency of the Pricing sheet"
    ws["B3"] = 0.4
    wb["crmselect"]["E1"] = 2
    wb.save(workbook)
    filled = _fill(workbook, tmp_path / "f2.xlsx", answers=ANSWERS, pricing=PRICING)
    import_responses(project, filled, "odoo")
    assert _response(project).optional_prices["sms_message"].model_dump() == {
        "price": 0.4, "currency": "EUR", "note": ""}


def test_yaml_response_questionnaire_and_optional_prices(project: Path, tmp_path: Path) -> None:
    source = tmp_path / "odoo.yaml"
    source.write_text(
        "vendor: odoo\n"
        "responses:\n  OPS-SFA-001: {compliance: native}\n"
        "questionnaire:\n  CO-1: Odoo S.A.\n  XX-1: what question?\n"
        "optional_prices:\n  sms_message: {price: 0.3, currency: EUR}\n"
        "  fax_page: {price: 1, currency: EUR}\n", encoding="utf-8")
    with pytest.raises(CrmselectError) as info:
        import_responses(project, source, "odoo")
    s = str(source)
    assert [i.format(english) for i in info.value.issues] == [  # in file order
        f"{s}:6:3: questionnaire.XX-1: XX-1 is not a question of this RFP's questionnaire",
        f"{s}:9:3: optional_prices.fax_page: 'fax_page' is not an optional price this RFP "
        "asks for",
    ]
    source.write_text("vendor: odoo\nresponses: {}\n"
                      "optional_prices:\n  sandbox: {price: -5, currency: EUR}\n",
                      encoding="utf-8")
    with pytest.raises(CrmselectError) as info:
        import_responses(project, source, "odoo")
    assert [i.format(english) for i in info.value.issues] == [
        f"{s}:4:20: optional_prices.sandbox.price: -5 must be >= 0"]


# --- two envelopes: the third-party cost in the pricing workbook (point 3) ----------------------


def _technical(project: Path, tmp_path: Path, force: bool = False) -> Path:
    workbook = write_workbook(project, vendor="odoo").path
    filled = _fill(workbook, tmp_path / "technical.xlsx", answers=ANSWERS,
                   questions={"CO-1": "Odoo"})
    import_responses(project, filled, "odoo", force=force)
    return filled


def test_two_envelopes_third_party_costs_and_optional_prices(project: Path,
                                                               tmp_path: Path) -> None:
    _two_envelopes(project)
    technical = _technical(project, tmp_path)
    header = [c.value for c in load_workbook(technical)["Requirements"][1]]
    assert "Third-party cost per year" not in header
    pricing = write_workbook(project, vendor="odoo", pricing=True).path
    filled = _fill(pricing, tmp_path / "prices.xlsx", pricing=PRICING,
                   costs={"OPS-MKT-001": 1800, "OPS-SRV-001": 500},
                   optional={"sms_message": (0.35, "per 160 characters")})
    result = import_responses(project, filled, "odoo")
    assert [w.format(english) for w in result.warnings] == [
        f"{filled}: Third-party costs!C7: warning: OPS-SRV-001 is answered 'Configurable', so "
        "this third-party product or cost is kept but not counted; was the compliance meant "
        "to be 'Third party'?"]
    response = _response(project)
    assert response.responses["OPS-MKT-001"].third_party_cost_per_year == 1800
    assert response.responses["OPS-MKT-001"].third_party_product == "Mailchimp"
    assert response.questionnaire == {"CO-1": "Odoo"}  # the technical answers stay
    assert response.optional_prices["sms_message"].price == 0.35
    assert response.pricing.currency == "EUR"

    # the technical answers corrected: prices, costs and optional prices are kept
    _technical(project, tmp_path, force=True)
    response = _response(project)
    assert response.responses["OPS-MKT-001"].third_party_cost_per_year == 1800
    assert response.optional_prices["sms_message"].price == 0.35

    # a new price offer replaces the costs: OPS-SRV-001's is gone
    filled = _fill(pricing, tmp_path / "prices2.xlsx", pricing=PRICING,
                   costs={"OPS-MKT-001": 2000})
    import_responses(project, filled, "odoo")
    response = _response(project)
    assert response.responses["OPS-MKT-001"].third_party_cost_per_year == 2000
    assert response.responses["OPS-SRV-001"].third_party_cost_per_year == 0
    assert response.optional_prices == {}


def test_two_envelopes_bad_third_party_costs(project: Path, tmp_path: Path) -> None:
    _two_envelopes(project)
    _technical(project, tmp_path)
    before = (project / "responses" / "odoo.yaml").read_text(encoding="utf-8")
    pricing = write_workbook(project, vendor="odoo", pricing=True).path
    wb = load_workbook(pricing)
    wb["Third-party costs"]["A14"], wb["Third-party costs"]["C14"] = "OPS-SFA-099", 10
    wb.save(pricing)
    filled = _fill(pricing, tmp_path / "prices.xlsx", pricing=PRICING,
                   costs={"OPS-MKT-001": "a lot", "OPS-SFA-002": 300, "OPS-SRV-001": -1})
    with pytest.raises(CrmselectError) as info:
        import_responses(project, filled, "odoo")
    f = str(filled)
    assert [i.format(english) for i in info.value.issues] == [
        f"{f}: Third-party costs!C6: 'a lot' is not a number",
        f"{f}: Third-party costs!C7: -1 is negative; costs and efforts are 0 or more",
        f"{f}: Third-party costs!A14: OPS-SFA-099 is not a requirement of this project "
        "(did you mean OPS-SFA-003?)",
        f"{f}: Third-party costs!C3: OPS-SFA-002 has a third-party cost but no answer in the "
        "technical offer",
    ]
    assert (project / "responses" / "odoo.yaml").read_text(encoding="utf-8") == before


def test_one_envelope_keeps_the_cost_column(project: Path, tmp_path: Path) -> None:
    wb = load_workbook(write_workbook(project, vendor="odoo").path)
    assert "Third-party cost per year" in [c.value for c in wb["Requirements"][1]]
    assert "Third-party costs" not in wb.sheetnames


def test_new_sheets_guard_against_formula_injection(project: Path) -> None:
    """A requirement title or a project's own optional price label that starts like a formula
    is written as text in the new sheets too."""
    _two_envelopes(project)
    path = project / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "      en: Van stock visible on the visit screen",
        "      en: \"=HYPERLINK(\\\"http://evil\\\")\""), encoding="utf-8")
    strings = project / "templates" / "strings"
    strings.mkdir(parents=True)
    (strings / "rfp.yaml").write_text(
        "optional_prices:\n  item:\n    sms_message: {en: \"=1+1\", tr: \"=1+1\"}\n",
        encoding="utf-8")
    wb = load_workbook(write_workbook(project, vendor="odoo", pricing=True).path)
    costs = wb["Third-party costs"]
    assert costs[f"B{_rows(costs, 'A')['CUS-SFA-001']}"].value == "'=HYPERLINK(\"http://evil\")"
    optional = wb["Optional prices"]
    assert optional[f"A{_rows(optional, 'E')['sms_message']}"].value == "'=1+1"


@pytest.mark.parametrize("two_envelopes", [False, True])
def test_rfp_says_where_the_answers_and_the_third_party_cost_go(project: Path,
                                                                 two_envelopes: bool) -> None:
    from docx import Document

    from crmselect.documents.rfp import render_rfp

    if two_envelopes:
        _two_envelopes(project)
    body = "\n".join(p.text for p in Document(str(render_rfp(project).docx)).paragraphs)
    assert ("Pricing, Company, Questionnaire and Optional prices sheets" in body) != (
        two_envelopes)
    assert ("its yearly cost goes in the pricing workbook's Third-party costs sheet"
            in body) == two_envelopes


def test_formula_without_result_in_a_requirement_answer(project: Path, tmp_path: Path) -> None:
    """Written by a program that does not calculate, a formula has no value: an error at its
    cell, not an empty answer. A formula beside the read columns is not read."""
    workbook = write_workbook(project, vendor="odoo").path
    filled = _fill(workbook, tmp_path / "f.xlsx", answers=ANSWERS, pricing=PRICING)
    wb = load_workbook(filled)
    ws = wb["Requirements"]
    ws["M2"] = "=1000*12"  # third-party cost per year of OPS-SFA-001
    ws["T2"] = "=SUM(M2:M13)"  # the vendor's own total, beside the sheet's columns
    wb.save(filled)
    with pytest.raises(CrmselectError) as info:
        import_responses(project, filled, "odoo")
    assert [i.format(english) for i in info.value.issues] == [
        f"{filled}: Requirements!M2: a formula without a saved result ('=1000*12') (type the "
        "value itself, or open and save the workbook in Excel or LibreOffice)"]
