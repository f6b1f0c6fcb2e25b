"""The comparison report's appendix of the vendors' questionnaire answers and optional unit
prices (issue 13, points 5 and 6): side by side, not scored, prices in the project currency
where the evaluation has the rate."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from docx import Document

from crmselect.documents.report import render_report
from crmselect.project import load_project
from crmselect.reporting.comparison_context import build_comparison_context
from crmselect.scoring import evaluate_project

DATA = Path(__file__).parent / "data" / "reports"
TODAY = dt.date(2027, 3, 10)
ODOO = """questionnaire:
  CO-1: Odoo S.A., 2005, Belgium; the contract is signed by the partner Odoo Türkiye.
  CO-2: Office in İstanbul, 40 employees.
  SV-1: 99.9 % availability, measured monthly.
optional_prices:
  sms_message: {price: 0.04, currency: EUR, note: per 160 characters}
  storage_gb: {price: 2.5, currency: USD}
"""
SUITECRM = """questionnaire:
  CO-1: SalesAgility Ltd, 2014, Scotland.
optional_prices:
  sms_message: {price: 1.2, currency: TRY}
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(DATA / "project", target)
    for vendor, text in (("odoo", ODOO), ("suitecrm", SUITECRM)):
        path = target / "responses" / f"{vendor}.yaml"
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    return target


def _tables(path: Path) -> list[list[list[str]]]:
    return [[[cell.text.replace("\xa0", " ") for cell in row.cells] for row in table.rows]
            for table in Document(str(path)).tables]


def _paragraphs(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


def _section(text: list[str], heading: str) -> int:
    """Where the section starts (its last mention: the contents list names it first)."""
    return len(text) - 1 - text[::-1].index(heading)


def test_context_side_by_side_in_ranking_order(project: Path) -> None:
    lp = load_project(project)
    ctx = build_comparison_context(lp, evaluate_project(lp, monte_carlo_samples=0), "en",
                                   today=TODAY)
    data = ctx["vendor_answers"]
    assert [v["id"] for v in data["vendors"]] == ["odoo", "suitecrm", "espocrm"]
    assert data["questionnaire"] == {
        "CO-1": ["Odoo S.A., 2005, Belgium; the contract is signed by the partner Odoo "
                 "Türkiye.", "SalesAgility Ltd, 2014, Scotland.", None],
        "CO-2": ["Office in İstanbul, 40 employees.", None, None],
        "SV-1": ["99.9 % availability, measured monthly.", None, None]}
    sms = next(r for r in data["optional_prices"] if r["key"] == "sms_message")
    assert sms["cells"][0] == {"price": 0.04, "currency": "EUR", "converted": 0.04 * 37.5,
                               "note": "per 160 characters"}
    assert sms["cells"][1]["converted"] == 1.2 and sms["cells"][2] is None
    storage = next(r for r in data["optional_prices"] if r["key"] == "storage_gb")
    assert storage["cells"][0]["converted"] is None  # no USD rate: shown as quoted


def test_report_section_in_english(project: Path) -> None:
    files = render_report(project, lang="en", today=TODAY)
    text = _paragraphs(files.docx)
    start = _section(text, "Appendix: questionnaire answers and optional prices")
    assert text[start + 1].startswith("Not scored: the vendors' answers to the RFP's "
                                      "questionnaires and their optional unit prices")
    assert "Questions no vendor answered: CO-3, CO-4" in "\n".join(text[start:])
    tables = _tables(files.docx)
    company = next(t for t in tables if t[0][0] == "Question" and t[1][0].startswith("CO-1"))
    assert company[0] == ["Question", "Odoo", "SuiteCRM", "EspoCRM"]
    assert company[1][0].startswith("CO-1\nLegal name, year founded")
    assert company[1][1:] == [
        "Odoo S.A., 2005, Belgium; the contract is signed by the partner Odoo Türkiye.",
        "SalesAgility Ltd, 2014, Scotland.", "—"]
    service = next(t for t in tables if t[0][0] == "Question" and t[1][0].startswith("SV-1"))
    assert len(service) == 2  # only the questions a vendor answered
    prices = next(t for t in tables if t[0][0] == "Item" and "SMS message" in t[2][0])
    rows = {r[0].split("\n")[0]: r[1:] for r in prices[1:]}
    assert rows["SMS message"] == ["1.50 TRY\nquoted: 0.04 EUR\nper 160 characters",
                                   "1.20 TRY", "—"]
    assert rows["Additional data and file storage"] == ["2.50 USD", "—", "—"]
    assert rows["Additional test environment (sandbox)"] == ["—", "—", "—"]
    html = files.html.read_text(encoding="utf-8")
    assert "Appendix: questionnaire answers and optional prices" in html


def test_report_section_in_turkish(project: Path) -> None:
    files = render_report(project, lang="tr", today=TODAY)
    text = _paragraphs(files.docx)
    start = _section(text, "Ek: soru formu yanıtları ve opsiyonel fiyatlar")
    assert text[start + 1].startswith("Puanlanmaz: tedarikçilerin RFP soru formlarına")
    assert "Firma bilgileri" in text[start:] and "Opsiyonel birim fiyatlar" in text[start:]
    sms = next(r for t in _tables(files.docx) if t[0][0] == "Kalem" for r in t
               if r[0].startswith("SMS mesajı"))
    assert sms[1:] == ["1,50 TL\nteklif: 0,04 EUR\nper 160 characters", "1,20 TL", "—"]
    company = next(t for t in _tables(files.docx) if t[0][0] == "Soru"
                   and t[1][0].startswith("CO-1"))
    assert company[1][0].startswith("CO-1\nTicari unvan")


def test_report_section_without_answers(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(DATA / "project", root)
    files = render_report(root, lang="en", today=TODAY)
    text = _paragraphs(files.docx)
    start = _section(text, "Appendix: questionnaire answers and optional prices")
    assert "No vendor answered the questionnaire." in text[start:]
    assert "No vendor gave an optional price." in text[start:]
