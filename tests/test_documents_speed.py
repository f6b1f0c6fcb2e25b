"""Faster documents, checked without timing: the slow step is not repeated at all."""

from __future__ import annotations

from pathlib import Path

import matplotlib.layout_engine
import pytest
from docx import Document

from crmselect.documents import charts
from crmselect.documents.docx_builder import DocxBuilder
from crmselect.documents.rfp import render_rfp


def test_paragraph_style_is_looked_up_once_per_name(tmp_path: Path):
    builder = DocxBuilder()
    part = builder.doc.part
    calls: list[object] = []
    real = part.get_style_id
    part.get_style_id = lambda style, kind: calls.append(style) or real(style, kind)
    builder.paragraph("one", style="List Bullet")
    builder.paragraph("two", style="List Bullet")
    builder.paragraph("three", style="Normal")
    builder.paragraph("four", style="Normal")
    assert len(calls) == 2
    builder.save(tmp_path / "out.docx")
    styles = [p.style.name for p in Document(str(tmp_path / "out.docx")).paragraphs
              if p.text in {"one", "two", "three", "four"}]
    assert styles == ["List Bullet", "List Bullet", "Normal", "Normal"]


def test_unknown_paragraph_style_is_still_refused():
    with pytest.raises(KeyError):
        DocxBuilder().paragraph("x", style="No Such Style")


def test_chart_layout_is_worked_out_once_for_svg_and_png(monkeypatch):
    runs = []
    real = matplotlib.layout_engine.do_constrained_layout
    monkeypatch.setattr(matplotlib.layout_engine, "do_constrained_layout",
                        lambda *a, **k: runs.append(1) or real(*a, **k))
    chart = charts.ranking_chart(["A", "B"], [80.0, 60.0], [False, False], [], "Score",
                                 "knocked out", "Ranking", "en")
    assert chart.png.startswith(b"\x89PNG") and chart.svg.startswith("<svg")
    assert len(runs) == 1


def test_rfp_does_not_read_the_scores(sample_project: Path):
    # The RFP goes out before anyone scores: a scores file being edited does not stop it.
    (sample_project / "scores.yaml").write_text("scores: [\n", encoding="utf-8")
    files = render_rfp(sample_project, out=sample_project / "out" / "rfp.docx")
    assert files.docx.is_file() and files.markdown.is_file()


def test_rfp_without_an_evaluation_database_does_not_import_sqlalchemy(sample_project: Path):
    # SQLAlchemy was imported to find out that the project has no database: a third of `rfp`.
    import subprocess
    import sys

    folder = str(sample_project)
    code = ("import sys; from pathlib import Path; from crmselect.documents.rfp import render_rfp;"
            f"render_rfp(Path({folder!r}), out=Path({folder!r}) / 'r.docx');"
            "print('sqlalchemy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "False"
    assert (sample_project / "r.docx").is_file()


def test_rfp_database_file_name_is_the_databases():
    from crmselect.documents import rfp
    from crmselect.evaluationdb.engine import DATABASE_FILE

    assert rfp.DATABASE_FILE == DATABASE_FILE


def test_gantt_chart_is_drawn_as_png_only(monkeypatch):
    # The migration plan has no HTML version: its Gantt chart's SVG was drawn and thrown away.
    import datetime as dt

    from matplotlib.figure import Figure

    formats = []
    real = Figure.savefig
    monkeypatch.setattr(Figure, "savefig", lambda self, buf, **k: formats.append(k.get("format"))
                        or real(self, buf, **k))
    day = dt.date(2027, 4, 5)
    args = ([("A", [(day, day + dt.timedelta(days=4)), (day + dt.timedelta(days=8),
                                                       day + dt.timedelta(days=9))], 0),
             ("B", [], 1)], [("Kick-off", day)], day + dt.timedelta(days=9), "Go-live", "alt", "en")
    chart = charts.gantt_chart(*args)
    assert formats == ["png"] and chart.svg is None and chart.png.startswith(b"\x89PNG")
    with_svg = charts.gantt_chart(*args, svg=True)
    assert with_svg.svg.startswith("<svg") and formats[1:] == ["svg", "png"]
