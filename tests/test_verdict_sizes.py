"""Sizes in the verdict: one vendor, a dozen, names of 60 characters with Turkish letters.
Tables and charts must stay readable: no name cut at a chart's edge, no rank or name broken
letter by letter in a column a dozen vendors wide."""

from __future__ import annotations

import io
from pathlib import Path

from click.testing import CliRunner
from docx import Document
from PIL import Image
from verdictprojects import PRICING, answers, crafted_project

from crmselect.cli import main
from crmselect.documents.charts import area_chart, ranking_chart
from crmselect.documents.report import render_report
from crmselect.project import load_project
from crmselect.reporting.recommendation import recommendation
from crmselect.scoring import evaluate_project

LONG = ("Çağdaş İletişim ve Müşteri Yönetimi Çözümleri Anonim Şirketi",
        "Öztürk Şirketler Grubu Bulut Tabanlı Satış ve Servis Platformu")
NAMES = [f"{LONG[i % 2][:57]} {i:02d}" if i < 4 else f"Tedarikçi {i} Yazılım"
         for i in range(12)]


def _ink_at_edges(png: bytes, margin: int = 1) -> bool:
    """Whether a chart has dark pixels (text, bars) in its outermost columns: a label or a
    legend cut by the edge of the picture."""
    picture = Image.open(io.BytesIO(png)).convert("RGBA")  # transparent: on white paper
    image = Image.alpha_composite(Image.new("RGBA", picture.size, "white"), picture).convert("L")
    width, height = image.size
    columns = [*range(margin), *range(width - margin, width)]
    return any(image.getpixel((x, y)) < 160 for x in columns for y in range(height))


def test_long_names_stay_inside_the_ranking_chart() -> None:
    assert all(len(n) == 60 for n in NAMES[:4])
    n = len(NAMES)
    totals = [90 - 3 * i for i in range(n)]
    segments = [(label, [t / 4 for t in totals]) for label in (
        "Functional fit", "Integration fit", "Non-functional fit",
        "Total cost of ownership (TCO)")]
    chart = ranking_chart(NAMES, totals, [False] * n, segments, "Score (0–100)", "knocked out",
                          "Score of each vendor", "en")
    assert not _ink_at_edges(chart.png)


def test_long_names_stay_inside_the_area_chart() -> None:
    series = [(name, [3.0, 4.0, 2.5]) for name in NAMES]
    chart = area_chart(["Operational CRM", "Integration", "Non-functional requirements"],
                       series, "Area scores (0–5)", "en")
    assert not _ink_at_edges(chart.png)


def _twelve(root: Path) -> Path:
    ids = [f"v{i:02d}" for i in range(12)]
    kinds = ("native", "configurable", "third_party")
    return crafted_project(
        root, {vid: answers(kinds[i % 3], third_party_cost_per_year=0) if kinds[i % 3]
               == "third_party" else answers(kinds[i % 3]) for i, vid in enumerate(ids)},
        names=dict(zip(ids, NAMES, strict=True)), samples=200,
        pricing={vid: {**PRICING, "implementation": 100000 + 10000 * i}
                 for i, vid in enumerate(ids)})


def test_a_dozen_vendors_get_tables_of_five(tmp_path: Path) -> None:
    doc = Document(str(render_report(_twelve(tmp_path / "p")).docx))
    texts = [p.text for p in doc.paragraphs]
    # scores by criterion, scores by area and the appendix: three tables each
    for label in ("Vendors 1–5 of 12", "Vendors 6–10 of 12", "Vendors 11–12 of 12"):
        assert texts.count(label) >= 3, label
    headers = [[c.text for c in t.rows[0].cells] for t in doc.tables]
    assert max(len(h) for h in headers if h[0] == "Criterion and weight") == 6
    # the ranking table's rank column holds "10=" in bold on one line
    ranking = next(t for t in doc.tables if t.rows[0].cells[0].text == "#")
    grid = ranking._tbl.tblGrid.findall(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}gridCol")
    assert int(grid[0].get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w")) >= 600


def test_one_vendor(tmp_path: Path) -> None:
    root = crafted_project(tmp_path / "p", {"odoo": answers("configurable")}, samples=200)
    lp = load_project(root)
    ev = evaluate_project(lp)
    assert ev.winner == "odoo" and ev.monte_carlo is None  # nothing to simulate against
    assert [w.code for w in ev.warnings].count("single_vendor") == 1
    assert recommendation(lp, ev)["verdict"].code == "verdict_single"
    for command in ("score", "sensitivity"):
        for lang in ("en", "tr"):
            result = CliRunner().invoke(main, [command, str(root), "--lang", lang])
            assert result.exit_code == 0, result.output
    text = "\n".join(p.text for p in Document(str(render_report(root).docx)).paragraphs)
    assert "Odoo is the only vendor that passes the knock-out criteria (85.0 of 100 points)" \
        in text
