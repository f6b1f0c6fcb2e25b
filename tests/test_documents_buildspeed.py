"""`build` made cheaper without changing a byte of what it writes (issue 15, target 2).

Checked without timing: the work that was cut is not done any more, and the output is the
output of the slower way.
"""

from __future__ import annotations

import datetime as dt

import matplotlib.axes
import pytest

from crmselect.documents import charts

DAY = dt.date(2027, 4, 5)


def _all_charts() -> dict[str, charts.Chart]:
    """One chart of every kind, with legends, Turkish labels and a knocked-out vendor."""
    names = ["Odoo", "Şirket İçi", "Northwind"]
    return {
        "ranking": charts.ranking_chart(
            names, [70.0, 40.5, 55.0], [False, True, False],
            [("Fonksiyonel", [40.0, 20.0, 30.0]), ("Maliyet", [30.0, 20.5, 25.0])], "Puan",
            "elendi", "Tedarikçilerin puanı", "tr"),
        "bars": charts.ranking_chart(names, [70.0, 40.5, 55.0], [False, False, False], [],
                                     "Score", "knocked out", "Ranking", "en"),
        "radar": charts.area_chart(["Satış", "Servis", "Pazarlama", "Entegrasyon"],
                                   [(n, [4.0, 3.5, 2.0, 4.5]) for n in names], "Alanlar", "tr"),
        "areas": charts.area_chart(["Sales", "Service"], [(n, [4.0, 3.0]) for n in names],
                                   "Areas", "en"),
        "cost": charts.cost_chart([("Odoo", 120_000.0, 70.0, False),
                                   ("Şirket İçi", 90_000.0, 40.5, True)], 100_000.0, 150_000.0,
                                  {"x": "TCO", "y": "Puan", "budget": "Bütçe",
                                   "ceiling": "Tavan"}, "Maliyet", "tr"),
        "tco": charts.tco_chart(names[:2], [("Lisans", [50_000.0, 40_000.0]),
                                            ("Uygulama", [70_000.0, 50_000.0])], "TCO", "tr"),
        "gantt": charts.gantt_chart(
            [("Analysis", [(DAY, DAY + dt.timedelta(days=20))], 0),
             ("Data migration", [(DAY + dt.timedelta(days=10), DAY + dt.timedelta(days=60)),
                                 (DAY + dt.timedelta(days=70), DAY + dt.timedelta(days=75))], 1)],
            [("Kick-off", DAY)], DAY + dt.timedelta(days=80), "Go-live", "Plan", "en"),
    }


def test_charts_are_the_bytes_the_two_pass_savefig_drew(monkeypatch):
    # The layout pass now runs the layout engine alone instead of a whole draw with drawing
    # turned off: SVG and PNG must not change by a byte (same layout, same drawing).
    fast = _all_charts()
    monkeypatch.setattr(charts, "_layout_without_drawing", lambda fig: None)
    slow = _all_charts()
    for name, chart in fast.items():
        assert chart.svg == slow[name].svg, name
        assert chart.png == slow[name].png, name
    assert fast["gantt"].svg is None and fast["ranking"].svg.startswith("<svg")


@pytest.mark.parametrize("svg", [True, False])
def test_a_chart_is_drawn_once_per_format(svg: bool, monkeypatch):
    # The axes are drawn once for the SVG and once for the PNG: the passes before each that
    # drew them to nothing, only to run the layout engine (a placeholder doing nothing for
    # the PNG), are gone. They were four drawings for two pictures.
    draws = []
    real = matplotlib.axes.Axes.draw
    monkeypatch.setattr(matplotlib.axes.Axes, "draw",
                        lambda self, renderer: draws.append(1) or real(self, renderer))
    charts.gantt_chart([("Analysis", [(DAY, DAY + dt.timedelta(days=20))], 0)], [],
                       DAY + dt.timedelta(days=30), "Go-live", "Plan", "en", svg=svg)
    assert len(draws) == (2 if svg else 1)


def test_a_figure_without_layout_engine_is_drawn_as_before():
    # No layout pass at all: the first draw is the real one, and the chart is not blank.
    fig = charts._figure(2.0)
    fig.set_layout_engine("none")
    fig.add_subplot().barh([0, 1], [3.0, 4.0], color=charts.PALETTE[0])
    chart = charts._render(fig, "plain", "Plain")
    blank = charts._figure(2.0)
    blank.set_layout_engine("none")
    blank.add_subplot()
    assert chart.png != charts._render(blank, "blank", "Blank").png
    assert "<path" in chart.svg


@pytest.mark.parametrize("svg", [True, False])
def test_a_failing_draw_leaves_no_patched_figure(svg: bool, monkeypatch):
    # After a chart, the figure draws with its own method again.
    fig = charts._figure(2.0)
    fig.add_subplot().plot([0, 1], [0, 1])
    charts._render(fig, "line", "Line", svg=svg)
    assert "draw" not in vars(fig)
