"""Problems found by running a whole selection as a Turkish consultant would (an insurance
broker: call centre, field agents, KVKK, a bid in EUR, scores from Turkish Excel)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from rendered import english

from crmselect.cli.reports import _points
from crmselect.documents.formatting import slug_label
from crmselect.documents.strings import load_strings
from crmselect.documents.workbook import REQUIREMENT_COLUMNS, write_workbook
from crmselect.errors import CrmselectError
from crmselect.i18n import text
from crmselect.project import load_project
from crmselect.reporting.rfp_context import build_rfp_context
from crmselect.responseimport import import_responses
from crmselect.scorescsv import read_csv_rows
from crmselect.scoring.evaluation import evaluate

COL = {key: chr(ord("A") + i) for i, key in enumerate(REQUIREMENT_COLUMNS)}


def _edit(project: Path, old: str, new: str) -> None:
    path = project / "project.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


# --- scores from a spreadsheet -----------------------------------------------------------------


def test_semicolon_csv_as_turkish_excel_saves_it(sample_project: Path, tmp_path: Path) -> None:
    """Excel in a Turkish locale writes ';' between cells (the comma is the decimal mark)."""
    path = tmp_path / "puanlar.csv"
    path.write_text(
        "kind;evaluator;vendor;target;score;note;at\r\n"
        "score;murat;odoo;OPS-SFA-001;4,5;Demoda gösterildi, sorunsuz.;\r\n"
        "score;murat;odoo;OPS-SFA-002;3;iki; ayrı not;\r\n",
        encoding="utf-8-sig")
    scores, _, issues = read_csv_rows(path)
    assert [(s.target, s.score, s.note) for s in scores.scores] == [
        ("OPS-SFA-001", 4.5, "Demoda gösterildi, sorunsuz.")]
    assert [i.line for i in issues] == [3]
    assert "';'" in english(issues[0].message)  # the hint names the separator the file uses


# --- vendor workbooks ----------------------------------------------------------------------------


def _row(ws, rid: str) -> int:
    return next(r for r in range(2, ws.max_row + 1) if ws[f"A{r}"].value == rid)


def _filled(project: Path, tmp_path: Path, answers: dict[str, dict[str, object]],
            currency: str) -> Path:
    _edit(project, "two_envelopes: true", "two_envelopes: false")  # prices in this workbook
    wb = load_workbook(write_workbook(project, vendor="odoo").path)
    ws = wb.worksheets[2]
    for rid, values in answers.items():
        for key, value in values.items():
            ws[f"{COL[key]}{_row(ws, rid)}"] = value
    pricing = wb.worksheets[3]
    keys = {pricing[f"D{r}"].value: r for r in range(2, pricing.max_row + 1)}
    pricing[f"B{keys['currency']}"] = currency
    pricing[f"B{keys['per_user_month.standard']}"] = 24.9
    out = tmp_path / "odoo-filled.xlsx"
    wb.save(out)
    return out


def test_amount_typed_in_another_currency_is_refused(sample_project: Path,
                                                     tmp_path: Path) -> None:
    """'₺45.000' in a EUR bid was read as 45,000 EUR: 1.7 million TRY a year too much."""
    filled = _filled(sample_project, tmp_path, {"OPS-SFA-001": {
        "compliance": "Third party", "third_party_product": "WhatsApp connector",
        "third_party_cost_per_year": "₺45.000"}}, "EUR")
    with pytest.raises(CrmselectError) as info:
        import_responses(sample_project, filled, "odoo", force=True)
    assert [(i.where, english(i.message)) for i in info.value.issues] == [
        ("Requirements!M2", "'₺45.000' is written in TRY, but the bid's currency is EUR; "
         "write the amount in EUR")]


def test_currency_symbol_instead_of_code_gets_one_error_and_a_hint(sample_project: Path,
                                                                    tmp_path: Path) -> None:
    filled = _filled(sample_project, tmp_path, {"OPS-SFA-001": {
        "compliance": "Third party", "third_party_product": "Connector",
        "third_party_cost_per_year": "€ 900"}}, "€")
    with pytest.raises(CrmselectError) as info:
        import_responses(sample_project, filled, "odoo", force=True)
    assert [(i.where, english(i.message), english(i.hint)) for i in info.value.issues] == [
        ("Pricing!B2",
         "row “Currency (ISO code, e.g. EUR)”: '€' is not a currency code such as EUR",
         "did you mean EUR?")]


@pytest.mark.parametrize("written", ["TL", "tl", "₺", " TL "])
def test_the_lira_written_the_turkish_way_is_try(sample_project: Path, tmp_path: Path,
                                                 written: str) -> None:
    """Turkish vendors write their currency "TL" (or ₺), not the ISO code TRY."""
    filled = _filled(sample_project, tmp_path, {"OPS-SFA-001": {"compliance": "Native"}},
                     written)
    import_responses(sample_project, filled, "odoo", force=True)
    saved = (sample_project / "responses" / "odoo.yaml").read_text(encoding="utf-8")
    assert "currency: TRY" in saved


def test_not_counted_warning_names_the_workbook_labels(sample_project: Path,
                                                      tmp_path: Path) -> None:
    filled = _filled(sample_project, tmp_path, {"OPS-SFA-001": {
        "compliance": "Configurable", "third_party_product": "Connector"}}, "EUR")
    result = import_responses(sample_project, filled, "odoo", force=True)
    texts = [english(w.message) for w in result.warnings]
    assert any("answered 'Configurable'" in m and "meant to be 'Third party'" in m
               for m in texts), texts


# --- project.yaml checks -----------------------------------------------------------------------


def test_ceiling_below_budget_and_dates_out_of_order_fail_validation(
        sample_project: Path) -> None:
    _edit(sample_project, "  ceiling: 16000000", "  ceiling: 5000000")
    _edit(sample_project, "  decision: 2027-03-19", "  decision: 2027-12-19")
    with pytest.raises(CrmselectError) as info:
        load_project(sample_project)
    assert [(i.where, english(i.message)) for i in info.value.issues] == [
        ("tco.ceiling", "the ceiling (5,000,000) must be above the target budget (9,000,000)"),
        ("timeline.contract", "2 April 2027 is before decision (19 December 2027); the "
         "milestones must be in the order they happen"),
    ]


def test_wrong_group_of_a_custom_requirement_lists_the_groups(sample_project: Path) -> None:
    _edit(sample_project, "    group: service_automation\n", "    group: service\n")
    with pytest.raises(CrmselectError) as info:
        load_project(sample_project)
    (issue,) = info.value.issues
    assert "service_automation" in english(issue.hint) and "sales_automation" in english(issue.hint)


# --- scoring -----------------------------------------------------------------------------------


def test_winner_above_the_ceiling_is_a_hygiene_warning(sample_project: Path) -> None:
    # EspoCRM (7.8 million, knocked out) fits under 10 million; the winner does not
    _edit(sample_project, "  target_budget: 9000000", "  target_budget: 5000000")
    _edit(sample_project, "  ceiling: 16000000", "  ceiling: 10000000")
    ev = evaluate(sample_project, monte_carlo_samples=50)
    (warning,) = [w for w in ev.warnings if w.code == "winner_over_ceiling"]
    assert warning.params["winner"] == ev.winner
    assert "above the ceiling of 10,000,000 TRY" in text(warning.message(), "en")
    assert "10.000.000 TL tavanının üzerinde" in text(warning.message(), "tr")


def test_every_bid_above_the_ceiling_is_one_warning(sample_project: Path) -> None:
    _edit(sample_project, "  target_budget: 9000000", "  target_budget: 1000")
    _edit(sample_project, "  ceiling: 16000000", "  ceiling: 2000")
    ev = evaluate(sample_project, monte_carlo_samples=50)
    assert "winner_over_ceiling" not in ev.warning_codes()
    (warning,) = [w for w in ev.warnings if w.code == "all_over_ceiling"]
    assert {o["vendor"] for o in warning.params["overshoots"]} == set(ev.vendors)
    assert "over the budget ceiling of 2,000 TRY" in text(warning.message(), "en")
    assert "2.000 TL bütçe tavanının üzerinde" in text(warning.message(), "tr")


def test_no_ceiling_warning_groups_digits_as_the_language_does(sample_project: Path) -> None:
    _edit(sample_project, "  ceiling: 16000000\n", "")
    ev = evaluate(sample_project, monte_carlo_samples=50)
    (warning,) = [w for w in ev.warnings if w.code == "no_ceiling"]
    assert "(18,000,000 TRY)" in text(warning.message(), "en")
    assert "(18.000.000 TL)" in text(warning.message(), "tr")


def test_winner_line_uses_a_decimal_comma_in_turkish(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRMSELECT_LANG", "tr")
    assert _points(59.64) == "59,6"
    monkeypatch.setenv("CRMSELECT_LANG", "en")
    assert _points(59.64) == "59.6"


# --- the RFP -----------------------------------------------------------------------------------


def test_integration_needs_find_systems_by_name_and_list_every_area(
        sample_project: Path) -> None:
    """Microsoft 365 filed as email_calendar is the system of the e-mail integration, and a
    custom requirement outside the integration area that names an integration is listed."""
    path = sample_project / "project.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["custom_requirements"][0]["integration"] = {
        "category": "policy_admin", "example_systems": ["Policy system"],
        "pattern": ["database"], "direction": "bidirectional"}
    data["organisation"]["current_systems"].append(
        {"name": "Policy system", "category": "policy_admin"})
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    needs = {n["id"]: n for n in build_rfp_context(load_project(sample_project))["integrations"]}
    assert needs["INT-COM-002"]["systems_in_use"] == ["Microsoft 365 (Exchange Online)"]
    assert needs["INT-FIN-001"]["systems_in_use"] == ["Logo Tiger 3"]
    assert needs["CUS-SRV-001"]["systems_in_use"] == ["Policy system"]


def test_call_centre_and_insurance_slugs_have_turkish_names() -> None:
    common = load_strings("tr")["common"]
    assert slug_label(common, "user_role", "call_centre_agent") == "Çağrı merkezi temsilcileri"
    assert slug_label(common, "department", "call_centre") == "Çağrı merkezi"
    assert slug_label(common, "entity", "policies") == "Poliçeler"
    assert slug_label(common, "system", "policy_admin") == "Poliçe yönetim sistemi"


def test_report_summary_says_the_winner_is_above_the_ceiling(sample_project: Path) -> None:
    from crmselect.documents.report_docx import ReportFormat
    from crmselect.reporting.comparison_context import build_comparison_context

    _edit(sample_project, "  target_budget: 9000000", "  target_budget: 1000")
    _edit(sample_project, "  ceiling: 16000000", "  ceiling: 2000")
    ev = evaluate(sample_project, monte_carlo_samples=50)
    ctx = build_comparison_context(load_project(sample_project), ev, lang="tr")
    _, risks = ReportFormat(ctx, load_strings("tr")).summary_lines()
    assert "bütçe tavanının üzerinde" in risks[0] and "2.000 TL" in risks[0]


def test_catalog_and_vendor_tables_speak_turkish() -> None:
    from click.testing import CliRunner

    from crmselect.cli import main

    runner = CliRunner(env={"CRMSELECT_LANG": "tr"})
    summary = runner.invoke(main, ["catalog"]).output
    assert summary.startswith("alan ") and "gereksinim," in summary and "sözlük terimi" in summary
    vendors = runner.invoke(main, ["vendors", "list"]).output
    assert vendors.startswith("kimlik ") and "gerçek bir teklif değildir" in vendors


def test_rfp_scenarios_name_only_requirements_of_this_rfp(sample_project: Path) -> None:
    _edit(sample_project, "SCN-FIELDVISIT, SCN-KVKK]", "SCN-FIELDVISIT, SCN-KVKK, SCN-CHURN]")
    lp = load_project(sample_project)
    named = {rid for sc in lp.scenarios.values()
             for rid in [*sc.requirements, *(r for step in sc.steps for r in step.requirements)]}
    assert named - set(lp.requirements), "the sample should name an unselected requirement"
    for scenario in build_rfp_context(lp)["scenarios"]:
        shown = [*scenario["requirements"],
                 *(r for step in scenario["steps"] for r in step["requirements"])]
        assert set(shown) <= set(lp.requirements), scenario["id"]


def test_licence_types_are_named_in_the_rfp_and_workbook(sample_project: Path) -> None:
    from crmselect.documents.rfp import render_rfp

    markdown = render_rfp(sample_project, lang="tr").markdown.read_text(encoding="utf-8")
    assert "| Satış müdürleri | Satış | Standart | 4 |" in markdown
    assert "| standard |" not in markdown
    pricing = load_workbook(write_workbook(sample_project, lang="tr", pricing=True).path)[
        "Fiyatlandırma"]
    assert pricing["A4"].value == "Kullanıcı başına aylık abonelik — Standart (51 kullanıcı)"


def test_sensitivity_without_a_winner_names_the_first_ranked(sample_project: Path) -> None:
    from click.testing import CliRunner

    from crmselect.cli import main

    _edit(sample_project, "  knockout_threshold: 2\n", "  knockout_threshold: 5\n")
    result = CliRunner(env={"CRMSELECT_LANG": "tr"}).invoke(
        main, ["sensitivity", str(sample_project), "--samples", "50", "--lang", "tr"])
    first = result.output.splitlines()[0]
    assert first.startswith("Kazanan yok: tüm tedarikçiler eleme kriterine takılıyor."), first
    assert "(–)" not in result.output
