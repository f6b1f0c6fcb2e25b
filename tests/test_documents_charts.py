"""The report's charts (crmselect/documents/charts.py): figures no project should have (an
infinite or undefined value is drawn without a crash, never passed on to matplotlib as such),
and the cost chart's labels of points close to each other.
"""

from __future__ import annotations

from crmselect.documents import charts


def test_charts_never_receive_infinity_or_nan():
    inf, nan = float("inf"), float("nan")
    charts.ranking_chart(["A", "B"], [inf, nan], [False, False], [("x", [inf, 1.0])], "x",
                         "out", "alt", "en")
    charts.ranking_chart(["A"], [inf], [False], [], "x", "out", "alt", "en")
    charts.cost_chart([("A", inf, 50.0, False), ("B", 1000.0, nan, False)], inf, nan,
                      {"budget": "b", "ceiling": "c", "x": "x", "y": "y"}, "alt", "en")
    charts.tco_chart(["A"], [("licences", [inf])], "alt", "en")
    charts.area_chart(["a", "b", "c"], [("A", [nan, 1.0, inf])], "alt", "en")


def _boxes(anchors, names, offsets):
    return [(x + dx, y + dy, x + dx + charts._CHAR_PT * len(name), y + dy + charts._LINE_PT)
            for (x, y), name, (dx, dy) in zip(anchors, names, offsets, strict=True)]


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_cost_chart_labels_of_close_points_are_moved_off_each_other_and_the_points():
    # three knocked-out bids of about the same cost and score, as a new user's report had
    names = ["Microsoft Dynamics 365 (elendi)", "Odoo (elendi)", "Zoho CRM (elendi)",
             "Salesforce"]
    anchors = [(100.0, 150.0), (95.0, 146.0), (105.0, 144.0), (300.0, 170.0)]
    offsets = charts._label_offsets(anchors, names)
    boxes = _boxes(anchors, names, offsets)
    markers = [(x - 5, y - 5, x + 5, y + 5) for x, y in anchors]
    assert offsets[0] == offsets[3] == (7.0, 5.0)  # the highest of the cluster, and a lone one
    assert not any(_overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    assert not any(_overlap(box, marker) for box in boxes for marker in markers)


def test_cost_chart_labels_apart_stay_where_they_were():
    names = ["Odoo", "Northwind Cloud", "SuiteCRM", "EspoCRM (knocked out)"]
    anchors = [(120.0, 170.0), (380.0, 148.0), (160.0, 122.0), (39.0, 100.0)]
    assert charts._label_offsets(anchors, names) == [(7.0, 5.0)] * 4
