"""Vendor names of a hundred characters, with spaces or without one, in every chart of the
comparison report and in the migration plan's Gantt chart: drawn cut with "…" on at most two
lines, inside the picture, without a matplotlib warning (pytest turns warnings into errors,
as the web form's tests do: a constrained-layout warning was a 500 there); the tables keep the
full name."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from docx import Document
from PIL import Image
from verdictprojects import PRICING, answers, crafted_project

from crmselect.documents import charts
from crmselect.documents.report import render_report

SPACED = ("Çağdaş İletişim ve Müşteri Yönetimi Çözümleri Anonim Şirketi Bulut Tabanlı Satış "
          "Pazarlama ve Servis Platformu")[:100]
SOLID = ("ÖztürkŞirketlerGrubuBulutTabanlıSatışVeServisPlatformuKurumsalMüşteriİlişkileri"
         "YönetimiYazılımıSürüm")[:100]
NAMES = [SPACED, SOLID, SPACED[:-2] + "02", "Odoo"]


def _ink_at_edges(png: bytes, margin: int = 1) -> bool:
    picture = Image.open(io.BytesIO(png)).convert("RGBA")
    image = Image.alpha_composite(Image.new("RGBA", picture.size, "white"), picture).convert("L")
    width, height = image.size
    columns = [*range(margin), *range(width - margin, width)]
    return any(image.getpixel((x, y)) < 160 for x in columns for y in range(height))


def test_names_are_a_hundred_characters():
    assert len(SPACED) == len(SOLID) == 100 and " " not in SOLID


@pytest.mark.parametrize("width,lines", [(32, 2), (30, 1), (28, 2)])
def test_a_chart_name_is_cut_with_an_ellipsis_on_at_most_its_lines(width, lines):
    for name in NAMES:
        label = charts.chart_name(name, width, lines)
        assert len(label.split("\n")) <= lines
        assert all(len(line) <= width for line in label.split("\n"))
        assert label.endswith("…") == (len(name) > width)
    assert charts.chart_name("Odoo", width, lines) == "Odoo"


def test_names_that_read_the_same_once_cut_keep_their_ends():
    labels = charts.chart_names(NAMES, 30)
    assert len(set(labels)) == len(labels)
    assert labels[0].endswith(SPACED[-6:]) and labels[2].endswith("Serv02")
    labels = charts.chart_names(NAMES, charts.NAME_WIDTH, 2)
    assert len(set(labels)) == len(labels)


def test_long_names_in_the_ranking_chart():
    n = len(NAMES)
    chart = charts.ranking_chart(NAMES, [90, 80, 70, 60], [False] * n,
                                 [("Functional fit", [40, 30, 30, 20]),
                                  ("Total cost of ownership (TCO)", [50, 50, 40, 40])],
                                 "Score (0–100)", "knocked out", "Score", "en")
    assert not _ink_at_edges(chart.png)
    assert SOLID[:20] not in chart.svg  # text is drawn as paths: no name written out


def test_long_names_in_the_area_charts():
    for areas in (["Operational CRM", "Integration", "Non-functional"], ["Operational CRM"]):
        chart = charts.area_chart(areas, [(name, [3.0] * len(areas)) for name in NAMES],
                                  "Area scores", "en")
        assert not _ink_at_edges(chart.png)


def test_long_names_in_the_tco_chart():
    chart = charts.tco_chart(NAMES, [("Licences / subscription", [3e5] * 4),
                                     ("Implementation", [1e5] * 4),
                                     ("Third-party products", [1e4] * 4)], "TCO", "en")
    assert not _ink_at_edges(chart.png)


def test_long_names_on_the_cost_chart_stay_inside_it_and_apart():
    points = [(name, 460000 + 5000 * i, 90 - i, i == 1) for i, name in enumerate(NAMES)]
    labels = {"budget": "target budget", "ceiling": "budget ceiling", "x": "TCO", "y": "Score"}
    fig = charts.cost_figure(points, 500000, 900000, labels, "en")
    notes = fig.axes[0].texts
    renderer = fig.canvas.get_renderer()
    frame = fig.axes[0].get_window_extent(renderer)
    boxes = [n.get_window_extent(renderer) for n in notes]
    assert all(frame.x0 <= b.x0 and b.x1 <= frame.x1 for b in boxes)
    assert not _ink_at_edges(charts.cost_chart(points, 500000, 900000, labels, "x", "en").png)


def test_long_names_in_a_gantt_chart():
    day = dt.date(2027, 4, 12)
    rows = [(SOLID, [(day, day + dt.timedelta(days=30))], 0),
            (SPACED, [(day + dt.timedelta(days=20), day + dt.timedelta(days=60))], 1)]
    chart = charts.gantt_chart(rows, [(SOLID, day)], day + dt.timedelta(days=90), "Go-live",
                               "alt", "tr")
    assert not _ink_at_edges(chart.png)


def test_the_report_of_vendors_with_long_names(tmp_path: Path):
    ids = ["alpha", "beta", "gamma", "odoo2"]
    root = crafted_project(
        tmp_path / "p", {vid: answers("configurable") for vid in ids},
        names=dict(zip(ids, NAMES, strict=True)), samples=100,
        pricing={vid: {**PRICING, "implementation": 100000 + 9000 * i}
                 for i, vid in enumerate(ids)})
    files = render_report(root)  # no warning: pytest would make it an error
    cells = {c.text for t in Document(str(files.docx)).tables for row in t.rows
             for c in row.cells}
    assert SPACED in cells and SOLID in cells  # the tables give the full names


def test_the_web_form_s_report_of_a_vendor_with_a_long_name(web_project: Path, app_factory):
    # The web helper's 500: the facilitator's report download draws the same charts, and
    # matplotlib's warning was an error under pytest (and a failed download).
    import yaml

    project = yaml.safe_load((web_project / "project.yaml").read_text(encoding="utf-8"))
    project["vendors"].append("longname")
    (web_project / "project.yaml").write_text(yaml.safe_dump(project, allow_unicode=True),
                                              encoding="utf-8")
    response = yaml.safe_load((web_project / "responses" / "odoo.yaml").read_text(
        encoding="utf-8"))
    response["vendor"] = "longname"
    (web_project / "responses" / "longname.yaml").write_text(
        yaml.safe_dump(response, allow_unicode=True), encoding="utf-8")
    (web_project / "vendors").mkdir(exist_ok=True)
    (web_project / "vendors" / "longname.yaml").write_text(yaml.safe_dump({
        "id": "longname", "name": SOLID, "product": SOLID, "deployment": ["cloud"],
        "licence": {"model": "subscription"}, "source": "crafted", "as_of": "2026-12-01",
    }, allow_unicode=True), encoding="utf-8")
    client = app_factory(web_project).test_client()
    client.as_user("selin")
    page = client.get("/results/report.html")
    assert page.status_code == 200, page.data[:500]
    assert SOLID in page.data.decode("utf-8")
