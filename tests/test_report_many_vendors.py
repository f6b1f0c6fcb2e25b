"""The comparison report of a dozen vendors as LibreOffice lays it out: every heading kept with
what it introduces, every number whole in its column without Calibri, the cost chart's labels
apart.

Why these checks and not a PDF: the layout rules are in the Word file (``w:keepNext``, the
column widths), and LibreOffice without Calibri or Carlito draws DejaVu Sans, whose metrics
matplotlib ships; the checks read the file and those metrics, in a second.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import matplotlib
import pytest
from docx import Document
from docx.oxml.ns import qn
from fontTools.ttLib import TTFont
from verdictprojects import PRICING, answers, crafted_project

from crmselect.documents.docmodel import Cell
from crmselect.documents.docx_builder import DocxBuilder
from crmselect.documents.report import render_report

NAMES = [f"Tedarikçi {i} Yazılım" for i in range(12)]


def _twelve(root: Path) -> Path:
    ids = [f"v{i:02d}" for i in range(12)]
    kinds = ("native", "configurable", "third_party", "custom")
    return crafted_project(
        root, {vid: answers(kinds[i % 4]) for i, vid in enumerate(ids)},
        names=dict(zip(ids, NAMES, strict=True)), samples=200,
        pricing={vid: {**PRICING, "implementation": 100000 + 7000 * i}
                 for i, vid in enumerate(ids)})


@pytest.fixture(scope="module")
def twelve_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render_report(_twelve(tmp_path_factory.mktemp("twelve") / "p")).docx


def _text(element) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def _keeps(p) -> bool:
    ppr = p.find(qn("w:pPr"))
    keep = None if ppr is None else ppr.find(qn("w:keepNext"))
    return keep is not None and keep.get(qn("w:val")) not in ("0", "false")


def _style(p) -> str:
    style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return "" if style is None else style.get(qn("w:val"))


def test_scores_by_criterion_keeps_heading_and_intro_with_its_first_table(twelve_docx):
    body = list(Document(str(twelve_docx)).element.body)
    texts = [_text(e) for e in body]
    start = next(k for k, e in enumerate(body)
                 if texts[k] == "Scores by criterion" and _style(e).startswith("Heading"))
    # heading, intro, "Vendors 1–5 of 12", then the table: the three kept with the table
    assert texts[start + 2] == "Vendors 1–5 of 12"
    assert body[start + 3].tag == qn("w:tbl")
    assert all(_keeps(p) for p in body[start:start + 3])


def test_every_heading_is_kept_with_what_it_introduces(twelve_docx):
    # A heading followed by up to three paragraphs and then a table, a list or a chart: the
    # heading and those paragraphs are kept on the page of that table, list or chart.
    doc = Document(str(twelve_docx))
    body = list(doc.element.body)
    headings = {s.style_id for s in doc.styles if s.name.startswith("Heading")}
    checked = 0
    for k, element in enumerate(body):
        if element.tag != qn("w:p") or _style(element) not in headings:
            continue
        run = []
        for following in body[k + 1:k + 5]:
            content = following.tag == qn("w:tbl") or _style(following) == "ListBullet" or bool(
                following.findall(f".//{qn('w:drawing')}"))
            if following.tag == qn("w:p") and _style(following) not in headings and not content:
                run.append(following)
                continue
            if content:
                heading_text = _text(element)
                assert all(_keeps(p) for p in [element, *run]), heading_text
                checked += 1
            break
    assert checked > 20


@cache
def _font(bold: bool) -> tuple[dict[int, str], object, int]:
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    font = TTFont(str(folder / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")))
    return font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm


def _dejavu_twips(text: str, bold: bool, size_pt: float) -> float:
    cmap, hmtx, upm = _font(bold)
    ems = sum(hmtx[cmap[ord(ch)]][0] for ch in text if ord(ch) in cmap) / upm
    return ems * size_pt * 20


NUMBER = re.compile(r"^[#%]?[\d.,\u00a0]+[%=]?$")


def test_no_number_is_wider_than_its_column_in_dejavu_sans(twelve_docx):
    # Without Calibri or Carlito LibreOffice draws DejaVu Sans: "10%" broke into "10" and "%"
    # in the rank table (a "1" was measured as narrow as an "l").
    doc = Document(str(twelve_docx))
    too_wide = []
    for table in doc.tables:
        grid = [int(g.get(qn("w:w"))) for g in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        for row in table._tbl.findall(qn("w:tr")):
            for col, cell in enumerate(row.findall(qn("w:tc"))):
                for run in cell.iter(qn("w:r")):
                    text = _text(run)
                    if not NUMBER.match(text):
                        continue
                    rpr = run.find(qn("w:rPr"))
                    size = rpr.find(qn("w:sz")) if rpr is not None else None
                    pt = int(size.get(qn("w:val"))) / 2 if size is not None else 9
                    bold = rpr is not None and rpr.find(qn("w:b")) is not None
                    if _dejavu_twips(text, bold, pt) + 180 > grid[col]:
                        too_wide.append((text, grid[col]))
    assert too_wide == []


def test_percentages_of_a_twelve_rank_table_fit_in_dejavu_sans():
    # The rank-acceptability table of twelve vendors: twelve narrow columns of "10%", and the
    # rank column's bold "10=".
    builder = DocxBuilder()
    rows = [[Cell(f"Tedarikçi {i} Yazılım"), Cell("10=", bold=True)]
            + [Cell("10%") for _ in range(11)] for i in range(12)]
    builder.table(["Vendor", *(f"#{k}" for k in range(1, 13))], rows,
                  widths=[2.4] + [4.4 / 12] * 12)
    table = builder.doc.tables[-1]._tbl
    grid = [int(g.get(qn("w:w"))) for g in table.tblGrid.findall(qn("w:gridCol"))]
    size = 9  # the builder's table font size
    assert all(grid[k] >= _dejavu_twips("10%", False, size) + 180 for k in range(2, 13))
    assert grid[1] >= _dejavu_twips("10=", True, size) + 180
    for k in range(1, 13):  # the header "#10" in bold
        assert grid[k] >= _dejavu_twips(f"#{k}", True, size) + 180


def test_cost_chart_labels_of_a_dozen_close_bids_do_not_intersect():
    # twelve bids within 12% of each other's cost and 30 points of each other's score: the
    # labels were estimated at 0.6 of the font size a character and written over each other
    from crmselect.documents import charts

    long = "Çağdaş İletişim ve Müşteri Yönetimi Çözümleri Anonim Şirketi"
    names = [f"{long[:57]} {i:02d}" if i < 4 else f"Tedarikçi {i} Yazılım" for i in range(12)]
    points = [(name, 460000 + 10000 * i + (i % 3) * 3000, 100 - 2.5 * i + (i % 2), i == 11)
              for i, name in enumerate(names)]
    labels = {"budget": "target budget", "ceiling": "budget ceiling", "x": "TCO", "y": "Score"}
    fig = charts.cost_figure(points, 500000, 900000, labels, "en")
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    fig.draw_without_rendering()
    notes = [t for t in ax.texts if t.get_text().replace("\n", " ") not in (
        " target budget", " budget ceiling")]
    assert len(notes) == 12
    boxes = [matplotlib.text.Text.get_window_extent(n, renderer) for n in notes]
    assert not [(notes[i].get_text(), notes[j].get_text()) for i in range(12)
                for j in range(i + 1, 12) if boxes[i].overlaps(boxes[j])]
    frame = ax.get_window_extent(renderer)
    assert all(frame.x0 <= b.x0 and b.x1 <= frame.x1 and frame.y0 <= b.y0 and b.y1 <= frame.y1
               for b in boxes)
    # no label over a point
    px = fig.dpi / 72 * 5
    for x, y in (ax.transData.transform((p[1], p[2])) for p in points):
        assert not any(b.x0 < x + px and x - px < b.x1 and b.y0 < y + px and y - px < b.y1
                       for b in boxes)
    assert len({n.get_text() for n in notes}) == 12  # the four long names told apart
