"""Numbers vendors type by hand in the response workbook, in either language's format, a bid's
currency mistyped, and answers whose extra fields the scoring would silently ignore."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rendered import english
from test_documents_workbook import GOOD_COMPANY, GOOD_PRICING, _fill, project  # noqa: F401
from test_dogfood_brief import _filled

from crmselect.documents.workbook import write_workbook
from crmselect.errors import CrmselectError
from crmselect.responseimport import import_responses
from crmselect.typedvalues import parse_number


@pytest.mark.parametrize(("text", "lang", "value"), [
    ("1200.5", "en", 1200.5), ("1,200.50", "en", 1200.5), ("1.200,50", "tr", 1200.5),
    ("1.200,50", "en", 1200.5), ("45,5", "tr", 45.5), ("45,5", "en", 45.5),
    ("1 200", "en", 1200), ("1\u00a0200,5", "tr", 1200.5), ("€ 1.200", "tr", 1200),
    ("30.000 TL", "tr", 30000), ("USD 1,500", "en", 1500), ("1.200.000", "en", 1_200_000),
    ("1,200,000", "tr", 1_200_000), ("%5", "tr", 5), ("5 %", "en", 5), ("-5", "en", -5),
    # a lone separator before three digits is read as the workbook's language writes thousands
    ("1.200", "en", 1.2), ("1,200", "en", 1200), ("1.200", "tr", 1200), ("1,200", "tr", 1.2),
])
def test_hand_typed_numbers(text: str, lang: str, value: float) -> None:
    assert parse_number(text, lang) == pytest.approx(value)


@pytest.mark.parametrize("text", ["abc", "1,2,3", "12.34.5", "1e5", "--5", "-", "", "1.20.000",
                                  "five", "1,200.50.3"])
def test_not_numbers(text: str) -> None:
    assert parse_number(text, "en") is None


def test_turkish_formatted_amounts_are_read(project: Path, tmp_path: Path) -> None:  # noqa: F811
    workbook = write_workbook(project, vendor="odoo").path
    answers = {"OPS-MKT-001": {"compliance": "Third party", "third_party_product": "Mailchimp",
                               "third_party_cost_per_year": "1.800,50 €"}}
    pricing = {**GOOD_PRICING, "implementation": "40.000,00", "per_user_month.standard": "35,5"}
    filled = _fill(workbook, answers, pricing, GOOD_COMPANY, tmp_path / "tr.xlsx")
    result = import_responses(project, filled, "odoo")
    data = yaml.safe_load(result.path.read_text(encoding="utf-8"))
    assert data["responses"]["OPS-MKT-001"]["third_party_cost_per_year"] == 1800.5
    assert data["pricing"]["implementation"] == 40000
    assert data["pricing"]["per_user_month"]["standard"] == 35.5


def test_extra_fields_the_scoring_ignores_are_kept_with_a_warning(
        project: Path, tmp_path: Path) -> None:  # noqa: F811
    workbook = write_workbook(project, vendor="odoo").path
    answers = {
        "OPS-SFA-001": {"compliance": "Configurable", "third_party_product": "Zapier",
                        "third_party_cost_per_year": 600},
        "OPS-SFA-002": {"compliance": "Native (out of the box)", "custom_effort_days": 3},
    }
    filled = _fill(workbook, answers, GOOD_PRICING, GOOD_COMPANY, tmp_path / "extra.xlsx")
    result = import_responses(project, filled, "odoo")
    warnings = [w.format(english) for w in result.warnings]
    assert any("Requirements!L2" in w and "OPS-SFA-001 is answered 'Configurable'" in w
               and "'Third party'" in w for w in warnings), warnings
    assert any("Requirements!N3" in w and "OPS-SFA-002 is answered 'Native (out of the box)'"
               in w for w in warnings), warnings
    data = yaml.safe_load(result.path.read_text(encoding="utf-8"))
    assert data["responses"]["OPS-SFA-001"]["third_party_product"] == "Zapier"  # nothing lost


# --- the bid's currency mistyped -------------------------------------------------------------


def _workbook(root: Path, tmp_path: Path, currency: str, cost: str) -> Path:
    """The sample's odoo workbook with one third-party cost and the bid's currency filled in."""
    return _filled(root, tmp_path, {"OPS-SFA-001": {
        "compliance": "Third party", "third_party_product": "Connector",
        "third_party_cost_per_year": cost}}, currency)


@pytest.mark.parametrize("cost", ["€ 900", "900"])
def test_a_currency_typo_is_one_error_without_derived_ones(sample_project: Path,
                                                          tmp_path: Path, cost: str):
    """'Avro' (Turkish for euro) gave, beside the right error, "prices are given without a
    currency" and "'€ 900' is written in EUR, but the bid's currency is TRY"."""
    filled = _workbook(sample_project, tmp_path, "Avro", cost)
    with pytest.raises(CrmselectError) as info:
        import_responses(sample_project, filled, "odoo", force=True)
    assert [(i.where, english(i.message)) for i in info.value.issues] == [
        ("Pricing!B2",
         "row “Currency (ISO code, e.g. EUR)”: 'Avro' is not a currency code such as EUR")]


def test_an_empty_currency_cell_is_still_reported(sample_project: Path, tmp_path: Path):
    filled = _workbook(sample_project, tmp_path, "", "900")
    with pytest.raises(CrmselectError) as info:
        import_responses(sample_project, filled, "odoo", force=True)
    assert [english(i.message) for i in info.value.issues] == [
        "row “Currency (ISO code, e.g. EUR)”: prices are given without a currency"]


def test_a_lone_separator_read_as_a_decimal_is_a_warning(
        project: Path, tmp_path: Path) -> None:  # noqa: F811
    """'25.000' in an English workbook is 25 (a Turkish vendor meant 25,000): imported as read,
    with a warning naming the cell and how to write the other; thousands are not warned."""
    from crmselect.i18n import render

    workbook = write_workbook(project, vendor="odoo").path
    pricing = {**GOOD_PRICING, "implementation": "25.000", "training": "6,000",
               "support_per_year": "1.250,50", "per_user_month.standard": "€ 35.500"}
    filled = _fill(workbook, {}, pricing, GOOD_COMPANY, tmp_path / "sep.xlsx")
    result = import_responses(project, filled, "odoo")
    data = yaml.safe_load(result.path.read_text(encoding="utf-8"))
    assert data["pricing"]["implementation"] == 25 and data["pricing"]["training"] == 6000
    warned = [w for w in result.warnings if "decimal" in w.format(english)]
    assert [w.where for w in warned] == ["Pricing!B4", "Pricing!B10"], [
        w.format(english) for w in result.warnings]
    assert ("'25.000' was read as 25, the way the language of this workbook writes a decimal; "
            "if 25000 was meant, write 25000") in warned[1].format(english)
    assert "35500" in warned[0].format(english)
    assert "ondalık yazımına göre 25 olarak okundu" in render(warned[1].message, "tr")
