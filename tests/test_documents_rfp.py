"""The RFP: context, Word and Markdown versions, templates, both languages, LibreOffice."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from office import convert_to_pdf, pdf_pages, pdf_text
from test_documents_infra import make_corporate_template

from crmselect.cli import main
from crmselect.documents.formatting import humanize
from crmselect.documents.rfp import render_rfp
from crmselect.errors import CrmselectError
from crmselect.project import load_project
from crmselect.reporting.rfp_context import build_rfp_context, kpi_formula_text

DATA = Path(__file__).parent / "data" / "documents"
PROJECT_IDS = ["OPS-SFA-001", "OPS-SFA-002", "OPS-SFA-003", "CUS-SFA-001", "OPS-MKT-001",
               "OPS-SRV-001", "OPS-SRV-002", "INT-FIN-001", "INT-FIN-002", "INT-COM-001",
               "NFR-SEC-001", "NFR-PRV-001"]
HEADINGS_EN = [
    "Introduction", "About Marmara Gıda Dağıtım A.Ş.", "The selection process",
    "Objectives and business problems", "Problems and the functions that answer them", "Scope",
    "Users", "Current systems", "Timeline", "Instructions to vendors", "Response format",
    "Compliance levels", "Evidence and commitments", "Deadlines and contact", "Confidentiality",
    "Functional requirements", "Operational CRM", "Sales force automation",
    "Marketing automation", "Service automation", "Integration requirements",
    "Integration needs", "Accounting, ERP and payment integrations",
    "Telephony, e-mail, calendar and help-desk integrations", "Non-functional requirements",
    "Security", "Data privacy (KVKK and GDPR)", "Test-drive scenarios",
    "SCN-ROUTE — A day on the route", "Pricing", "Licences to price",
    "Cost template over the horizon", "Evaluation method", "How answers are scored",
    "Knock-out rule", "References", "KPIs the CRM must report", "Terms",
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(DATA / "project", target)
    return target


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    target = tmp_path / "minimal"
    shutil.copytree(DATA / "minimal", target)
    return target


def _headings(doc: Document) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]


def _md_headings(text: str) -> list[str]:
    return [line.lstrip("#").strip().replace("\\", "") for line in text.splitlines()
            if line.startswith("## ") or line.startswith("### ") or line.startswith("#### ")]


# --- context ---------------------------------------------------------------------------------


def test_context_groups_requirements_under_their_business_problem(project: Path) -> None:
    lp = load_project(project)
    ctx = build_rfp_context(lp, "en")
    sales = ctx["functional_areas"][0]["groups"][0]
    assert sales["id"] == "sales_automation"
    assert sales["problem"] == lp.catalog.group("sales_automation").problem.en
    assert [r["id"] for r in sales["requirements"]] == [
        "OPS-SFA-001", "OPS-SFA-002", "OPS-SFA-003", "CUS-SFA-001"]
    assert sales["requirements"][1]["note"] == "Route visits matter most"
    assert sales["requirements"][1]["priority"] == "must"  # the project's priority wins
    assert [p["group"] for p in ctx["problems"]][:3] == [
        "Sales force automation", "Marketing automation", "Service automation"]
    finance = next(n for n in ctx["integrations"] if n["id"] == "INT-FIN-002")
    assert finance["systems_in_use"] == ["Logo Tiger 3"]  # the ERP in use, matched by category
    assert ctx["counts"] == {"requirements": 12, "must": 10, "groups": 7, "scenarios": 1}
    weights = {c["id"]: round(c["weight"], 3) for c in ctx["evaluation"]["criteria"]}
    assert weights == {"functional": 0.4, "integration": 0.2, "non_functional": 0.1,
                       "test_drive": 0.1, "cost": 0.15, "references": 0.05}
    assert ctx["scope"]["current_systems"][0]["category"] == "erp"
    tr = build_rfp_context(lp, "tr")
    assert tr["objectives"][0] == "Her sipariş ve ziyaretin ait olduğu markete kaydedilmesi."
    assert tr["objectives"][1] == "A pipeline the sales manager can trust."  # one text for both


def test_withheld_weights_are_not_in_the_context(minimal: Path) -> None:
    ctx = build_rfp_context(load_project(minimal), "en")
    assert not ctx["evaluation"]["show_weights"]
    assert all(c["weight"] is None for c in ctx["evaluation"]["criteria"])


def test_kpi_formula_is_written_with_labels(project: Path) -> None:
    lp = load_project(project)
    assert kpi_formula_text(lp.catalog.kpis["csat"], "en") == (
        "Satisfied responses (4 or 5) / All survey responses × 100")
    assert humanize("email_calendar") == "Email calendar"
    assert humanize("it") == "IT"


# --- Word and Markdown -----------------------------------------------------------------------


def test_rfp_in_english_has_every_section_and_requirement(project: Path) -> None:
    files = render_rfp(project)
    assert files.docx == project / "out" / "rfp.docx"
    assert files.markdown == project / "out" / "rfp.md"
    doc = Document(str(files.docx))
    assert _headings(doc) == HEADINGS_EN
    md = files.markdown.read_text(encoding="utf-8")
    assert _md_headings(md) == HEADINGS_EN  # the Markdown version has the same content

    body = "\n".join(p.text for p in doc.paragraphs)
    for rid in PROJECT_IDS:
        assert f"**{rid}**" in md
    matrix_ids = [t.rows[i].cells[0].text for t in doc.tables if t.rows[0].cells[0].text == "Id"
                  and t.rows[0].cells[1].text == "Requirement" for i in range(1, len(t.rows))]
    assert sorted(matrix_ids) == sorted(PROJECT_IDS)  # each requirement exactly once
    sales = next(t for t in doc.tables if t.rows[0].cells[0].text == "Id"
                 and t.rows[1].cells[0].text == "OPS-SFA-001")
    assert len(sales.rows) == 5  # header + 4 requirements of the group
    assert sales.rows[2].cells[2].text == "Must"
    assert sales.rows[4].cells[1].text.startswith(
        "Van stock visible on the visit screen (our own requirement)\n")
    assert sales.rows[2].cells[1].text.endswith("Note: Route visits matter most")
    assert sales.rows[1].cells[3].text.count("•") == 3  # acceptance criteria as bullets
    assert "Problem: Leads are lost between e-mails and spreadsheets" in body

    steps = next(t for t in doc.tables if t.rows[0].cells[0].text == "Step")
    assert [r.cells[0].text for r in steps.rows[1:]] == ["1", "2", "3"]
    assert steps.rows[2].cells[2].text == "The order reaches Logo Tiger within five minutes."
    tco = next(t for t in doc.tables if t.rows[0].cells[0].text == "Cost component")
    assert [c.text for c in tco.rows[0].cells] == [
        "Cost component", "Year 1", "Year 2", "Year 3", "Year 4", "Year 5", "Total"]
    assert tco.rows[1].cells[0].text == "Licences — Standard (25 users)"
    weights = next(t for t in doc.tables if t.rows[0].cells[0].text == "Criterion")
    assert [r.cells[1].text for r in weights.rows[1:]] == ["40%", "20%", "10%", "10%", "15%",
                                                           "5%"]
    assert "| Functional fit | 40% |" in md
    assert "A vendor whose score on any must requirement is below 2 fails the knock-out." in body
    assert "Send the completed workbook by 26 March 2027." in body
    kpis = next(t for t in doc.tables if t.rows[0].cells[0].text == "KPI")
    assert kpis.rows[1].cells[1].text == (
        "Satisfied responses (4 or 5) / All survey responses × 100")


def test_rfp_in_turkish(project: Path) -> None:
    files = render_rfp(project, lang="tr")
    doc = Document(str(files.docx))
    headings = _headings(doc)
    assert headings[:3] == ["Giriş", "Marmara Gıda Dağıtım A.Ş. hakkında", "Seçim süreci"]
    assert "Uygulamalı demo senaryoları" in headings and "Eleme kriteri" in headings
    assert _md_headings(files.markdown.read_text(encoding="utf-8")) == headings
    assert "Teklif İsteme Dokümanı (RFP)" in [p.text for p in doc.paragraphs]
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "Doldurulmuş çalışma kitabını 26 Mart 2027 tarihine kadar gönderin." in body
    levels = next(t for t in doc.tables if t.rows[0].cells[0].text == "Karşılama düzeyi")
    assert [r.cells[0].text for r in levels.rows[1:]] == [
        "Standart (hazır)", "Yapılandırılabilir", "Üçüncü taraf", "Özel geliştirme",
        "Yol haritasında", "Yok"]
    criteria = next(t for t in doc.tables if t.rows[0].cells[0].text == "Kriter")
    assert criteria.rows[1].cells[1].text == "%40"


def test_minimal_project_without_scenarios_or_optional_fields(minimal: Path) -> None:
    files = render_rfp(minimal)
    doc = Document(str(files.docx))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert ("The test-drive scripts will be sent to the short-listed vendors together with the "
            "test data.") in body
    assert "The timeline will be sent with the invitation to respond." in body
    assert "The weights of the criteria are fixed and recorded but not disclosed" in body
    assert not any(t.rows[0].cells[0].text == "Criterion" for t in doc.tables)
    md = files.markdown.read_text(encoding="utf-8")
    assert "| Criterion |" not in md and "%" not in md.split("## Evaluation method")[1].split(
        "### How answers")[0]
    assert "Single point of contact:** the sender of this document" in md


def test_control_characters_and_long_texts(project: Path) -> None:
    path = project / "project.yaml"
    text = path.read_text(encoding="utf-8")
    long = "A very long requirement description. " * 150
    text = text.replace(
        "    en: Marmara Gıda distributes packaged food to 2,400 shops and restaurants around the "
        "Sea of Marmara.\n",
        '    en: "Marmara\\a Gıda\\x0b distributes packaged food around the Sea of Marmara."\n')
    text = text.replace("The sales rep sees the stock in the van while taking an order at the "
                        "shop.", long.strip())
    path.write_text(text, encoding="utf-8")
    lp = load_project(project)
    assert "\a" in lp.project.organisation.description.en
    files = render_rfp(lp)
    doc = Document(str(files.docx))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "Marmara Gıda distributes packaged food" in body
    assert "\a" not in files.markdown.read_text(encoding="utf-8")
    assert any(long.strip() in t.rows[4].cells[1].text for t in doc.tables
               if len(t.rows) > 4 and t.rows[4].cells[0].text == "CUS-SFA-001")


def test_corporate_template_keeps_header_and_logo(project: Path, tmp_path: Path) -> None:
    template = make_corporate_template(tmp_path / "corporate.docx",
                                       drop_styles=("heading 1", "Table Grid"))
    files = render_rfp(project, template=template, out=tmp_path / "custom" / "teklif.docx")
    assert files.docx == tmp_path / "custom" / "teklif.docx"
    assert files.markdown == tmp_path / "custom" / "teklif.md"
    doc = Document(str(files.docx))
    assert doc.sections[0].header.paragraphs[0].text == "ACME Corporate — Internal"
    assert _headings(doc) == HEADINGS_EN
    assert "Template body text that must disappear." not in [p.text for p in doc.paragraphs]


def test_project_strings_override_the_bundled_ones_in_both_files(project: Path) -> None:
    (project / "templates" / "strings").mkdir(parents=True)
    (project / "templates" / "strings" / "rfp.yaml").write_text(
        "title: {en: Invitation to Tender, tr: İhale Daveti}\n", encoding="utf-8")
    files = render_rfp(project)
    assert files.markdown.read_text(encoding="utf-8").startswith("# Invitation to Tender\n")
    assert "Invitation to Tender" in [p.text for p in Document(str(files.docx)).paragraphs]


def test_bad_corporate_template_writes_nothing(project: Path, tmp_path: Path) -> None:
    bad = tmp_path / "corporate.docx"
    bad.write_text("not a Word file", encoding="utf-8")
    with pytest.raises(CrmselectError):
        render_rfp(project, template=bad)
    assert not (project / "out").exists()


def test_cli_rfp(project: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["rfp", str(project), "--lang", "tr"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [str(project / "out" / "rfp.docx"),
                                          str(project / "out" / "rfp.md")]
    result = runner.invoke(main, ["rfp", str(project / "nowhere")])
    assert result.exit_code == 1
    assert "no such project folder" in result.output
    result = runner.invoke(main, ["rfp", "--help"])
    assert result.exit_code == 0 and "crmselect rfp acme" in result.output


def test_sample_project_rfp(sample_project: Path) -> None:
    files = render_rfp(sample_project)
    doc = Document(str(files.docx))
    lp = load_project(sample_project)
    md = files.markdown.read_text(encoding="utf-8")
    for rid in lp.requirements:
        assert f"**{rid}**" in md
    assert _md_headings(md) == _headings(doc)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "tr"])
def test_rfp_opens_in_libreoffice(project: Path, tmp_path: Path, lang: str) -> None:
    files = render_rfp(project, lang=lang)
    pdf = convert_to_pdf(files.docx, tmp_path)
    assert 12 <= pdf_pages(pdf) <= 30
    text = re.sub(r"\s+", " ", pdf_text(pdf))
    title = "Request for Proposal" if lang == "en" else "Teklif İsteme Dokümanı (RFP)"
    assert title in text
    for rid in PROJECT_IDS:
        assert rid in text
    assert ("Page 2 of" if lang == "en" else "Sayfa 2 /") in text


def test_channels_and_system_categories_are_written_in_the_document_language(
        project: Path) -> None:
    for lang, channels, categories in (
            ("tr", "Telefon, E-posta, Saha ziyaretleri",
             ["ERP", "SMS servisi", "Elektronik tablo (Excel)"]),
            ("en", "Phone, E-mail, Field visits", ["ERP", "SMS gateway", "Spreadsheets"])):
        doc = Document(str(render_rfp(project, lang=lang).docx))
        cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
        assert channels in cells
        systems = next(t for t in doc.tables
                       if t.rows[0].cells[0].text in ("System", "Sistem"))
        assert [r.cells[1].text for r in systems.rows[1:]] == categories
