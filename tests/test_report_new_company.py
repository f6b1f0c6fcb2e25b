"""The documents of a company that is not the sample (tests/newcompany.py): a Turkish
private-school chain (five vendors, one priced in USD, a knock-out, two envelopes, codes of its
own) and an English firm with two vendors. What a reader found on their pages: a vendor at
100 points half cut at the cost chart's top edge with its label sent away; the migration plan
of a British firm asked for Turkish tax numbers (VKN/TCKN) and "+90" mobile numbers.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document
from newcompany import english_project, school_project

from crmselect.documents import charts
from crmselect.documents.docx_builder import DocxBuilder
from crmselect.documents.migration import render_migration
from crmselect.documents.report import render_report
from crmselect.documents.testdrive import render_testdrive


def _text(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def _documents(root: Path) -> dict[str, str]:
    """The text of the three documents written for the project at ``root``."""
    return {"report": _text(render_report(root).docx),
            "testdrive": _text(render_testdrive(root).docx),
            "migration": _text(render_migration(root).docx)}


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return _documents(school_project(tmp_path_factory.mktemp("school") / "bilge"))


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return _documents(english_project(tmp_path_factory.mktemp("english") / "northgate"))


def test_the_school_documents_are_turkish_with_turkish_numbers_and_dates(school):
    for name, text in school.items():
        assert not re.search(r"\b(None|nan|NaN|null)\b", text), name
        # no English sentence words among the Turkish ones (slugs and ids aside)
        words = set(re.findall(r"\b[a-z]+\b", text))
        assert not words & {"the", "and", "with", "vendor", "score", "points", "weeks",
                            "passes", "knocked", "year", "total"}, name
    assert "5.121.390" in school["report"]  # OkulCRM's TCO, Turkish thousands
    assert "Kayıt ofisi" in school["report"] and "kayit" not in school["report"].split()
    assert "22 Şubat 2027" in school["testdrive"]
    assert "31 Ağustos 2027" in school["migration"]  # 30 August is Zafer Bayramı


def test_the_school_report_names_the_knock_out_and_the_usd_rates(school):
    text = school["report"]
    assert "takıldı: ECR-CHN-004, COL-360-005" in text  # KayıtPro has no WhatsApp
    assert "36,00 / 41,00 / 46,00 / 51,00 / 56,00" in text


def test_a_firm_outside_turkey_is_not_asked_for_turkish_tax_numbers(english, school):
    text = english["migration"]
    assert "+90" not in text and "VKN" not in text and "TCKN" not in text
    assert "KVKK" not in text and "İYS" not in text  # Türkiye's data-protection law, its register
    assert "Personal data and consents" in text
    assert "province" not in text
    assert "company registration or VAT number" in text
    assert "mobile phone in international format (+ country code)" in text
    assert "+90 biçiminde cep telefonu" in school["migration"]  # in Türkiye, as before


def test_a_vendor_at_a_hundred_points_keeps_its_label_beside_its_dot():
    labels = {"budget": "target budget", "ceiling": "budget ceiling", "x": "TCO", "y": "Score"}
    fig = charts.cost_figure([("Alpha CRM", 27440.0, 100.0, False),
                              ("Beta Sales Cloud", 20960.0, 85.0, False)],
                             60000, 120000, labels, "en")
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    alpha = next(t for t in ax.texts if t.get_text() == "Alpha CRM")
    assert alpha.get_position() == (7.0, 5.0) and alpha.arrow_patch is None
    frame, box = ax.get_window_extent(renderer), alpha.get_window_extent(renderer)
    assert frame.y1 >= box.y1
    y_top = ax.transData.transform((27440.0, 100.0))[1]
    assert frame.y1 >= y_top + 5 * fig.dpi / 72  # the whole dot inside the axes


def test_an_identifier_in_a_table_cell_is_held_together(tmp_path: Path):

    builder = DocxBuilder()
    builder.table(["#", "Tedarikçi", "Eleme"],
                  [["3", "EğitimBulut CRM", "takıldı: CUS-ENR-001"],
                   ["5", "KayıtPro", "takıldı: ECR-CHN-004, COL-360-005"]], widths=[0.6, 4, 1.4])
    cells = builder.doc.tables[-1]._tbl.xpath(".//w:tc")
    xml = "".join(c.xml for c in cells)
    assert xml.count("<w:noBreakHyphen/>") == 6
    # a reader, and python-docx, still see the identifiers as written
    assert builder.doc.tables[-1].rows[2].cells[2].text == "takıldı: ECR-CHN-004, COL-360-005"


@pytest.mark.slow
def test_libreoffice_keeps_an_identifier_on_one_line(tmp_path: Path):
    from office import convert_to_pdf, pdf_text


    builder = DocxBuilder()
    builder.table(["#", "Tedarikçi", "Eleme"],
                  [["3", "EğitimBulut CRM", "takıldı: CUS-ENR-001"]], widths=[0.6, 4.4, 1.4])
    path = builder.save(tmp_path / "ids.docx")
    text = pdf_text(convert_to_pdf(path, tmp_path))
    assert "CUS-ENR-001" in text, text  # was "CUS-ENR-" then "001" on the next line


def test_a_milestone_just_before_go_live_keeps_its_label_off_the_go_live_line(monkeypatch):
    # The school's plan: the go/no-go decision ("Karar") a few days before go-live, its label
    # centred on the diamond, ran over the dashed go-live line.
    import datetime as dt

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    seen = {}
    real = charts._render

    def keep(fig, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        seen["fig"] = fig
        return real(fig, *args, **kwargs)

    monkeypatch.setattr(charts, "_render", keep)
    start, go_live = dt.date(2027, 4, 12), dt.date(2027, 8, 31)
    rows = [("Planlama", [(start, start + dt.timedelta(days=30))], 0),
            ("İzleme", [(go_live, go_live + dt.timedelta(days=90))], 1)]
    charts.gantt_chart(rows, [("Başlangıç", start), ("Karar", go_live - dt.timedelta(days=3))],
                       go_live, "Canlıya geçiş", "alt", "tr")
    fig = seen["fig"]
    ax = fig.axes[0]
    renderer = FigureCanvasAgg(fig).get_renderer()
    from matplotlib.dates import date2num

    line_x = ax.transData.transform((date2num(go_live), 0))[0]
    label = next(t for t in ax.texts if t.get_text() == "Karar")
    box = label.get_window_extent(renderer)
    assert box.x1 <= line_x  # wholly before the line
    first = next(t for t in ax.texts if t.get_text() == "Başlangıç")
    assert first.get_horizontalalignment() == "center"  # far from go-live: as before


def test_an_identifier_in_running_text_is_held_together():
    # "OPS-SFA-" ended a line of the recommendation's bullets and "002 Potansiyel …" began
    # the next.
    builder = DocxBuilder()
    builder.bullets(["Standart olarak beyan edilen 24 gereksinim canlı görülmedi: OPS-SFA-002 "
                     "Potansiyel müşterinin nitelendirilmesi; e-posta ile"])
    builder.paragraph("Bkz. SCN-LEAD2DEAL.3 ve CUS-ENR-001.")
    paragraphs = builder.doc.paragraphs[-2:]
    assert [p._p.xml.count("<w:noBreakHyphen/>") for p in paragraphs] == [2, 3]
    assert paragraphs[0].text.endswith("OPS-SFA-002 Potansiyel müşterinin nitelendirilmesi; "
                                       "e-posta ile")  # "e-posta" is no identifier
    assert paragraphs[1].text == "Bkz. SCN-LEAD2DEAL.3 ve CUS-ENR-001."


def test_the_report_s_go_live_is_the_migration_plan_s(school):
    # 30 August 2027 is Victory Day: the migration plan goes live on the 31st, and the
    # report's next steps said the 30th.
    assert "31 Ağustos 2027 tarihinde canlıya geçiş" in school["report"]
    assert "30 Ağustos 2027" not in school["report"]


def test_without_a_test_drive_window_no_vendor_is_said_not_to_fit_in_it(english):
    text = english["testdrive"]
    assert "The test-drive window is not set" in text
    assert "do not fit in the window" not in text
