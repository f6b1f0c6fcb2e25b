"""The report's charts (crmselect/documents/charts.py) on figures no project should have: an
infinite or undefined value is drawn without a crash, never passed on to matplotlib as such.
"""

from __future__ import annotations


def test_charts_never_receive_infinity_or_nan():
    from crmselect.documents import charts

    inf, nan = float("inf"), float("nan")
    charts.ranking_chart(["A", "B"], [inf, nan], [False, False], [("x", [inf, 1.0])], "x",
                         "out", "alt", "en")
    charts.ranking_chart(["A"], [inf], [False], [], "x", "out", "alt", "en")
    charts.cost_chart([("A", inf, 50.0, False), ("B", 1000.0, nan, False)], inf, nan,
                      {"budget": "b", "ceiling": "c", "x": "x", "y": "y"}, "alt", "en")
    charts.tco_chart(["A"], [("licences", [inf])], "alt", "en")
    charts.area_chart(["a", "b", "c"], [("A", [nan, 1.0, inf])], "alt", "en")
