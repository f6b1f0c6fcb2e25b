"""The project summary that ``validate`` prints (crmselect/summary.py): its facts, read from
the loaded project without dumping its models.
"""

from __future__ import annotations

import datetime as dt

from crmselect import model
from crmselect.project import load_project
from crmselect.summary import project_summary


def test_the_summary_reads_the_timeline_in_field_order(basic, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("model_dump")

    text = (basic / "project.yaml").read_text(encoding="utf-8")
    (basic / "project.yaml").write_text(
        text + "\ntimeline: {go_live: 2027-09-01, rfp_issued: 2027-01-11, decision: null}\n",
        encoding="utf-8")
    loaded = load_project(basic)
    monkeypatch.setattr(model.Timeline, "model_dump", refuse)
    facts = dict(project_summary(loaded, "en")["facts"])
    timeline = [value for label, value in facts.items() if label.code == "summary_timeline"]
    assert timeline == ["rfp_issued 2027-01-11, go_live 2027-09-01"]
    assert loaded.project.timeline.go_live == dt.date(2027, 9, 1)


def test_a_project_without_dates_has_no_timeline_line(basic):
    facts = project_summary(load_project(basic), "tr")["facts"]
    assert "summary_timeline" not in [label.code for label, _ in facts]
