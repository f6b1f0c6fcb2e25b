"""Faster documents, checked without timing: the slow step is not repeated at all."""

from __future__ import annotations

from pathlib import Path

import matplotlib.layout_engine
import pytest
from docx import Document

from crmselect.documents import charts
from crmselect.documents.docx_builder import DocxBuilder
from crmselect.documents.rfp import render_rfp


def test_paragraph_style_is_looked_up_once_per_name(tmp_path: Path, monkeypatch):
    from docx.styles.styles import Styles

    builder = DocxBuilder()
    part = builder.doc.part
    calls: list[object] = []
    real = Styles.__getitem__
    monkeypatch.setattr(Styles, "__getitem__", lambda self, name: calls.append(name)
                        or real(self, name))
    # python-docx's get_style_id is not called: it read every style for the default one
    part.get_style_id = lambda style, kind: 1 / 0
    builder.paragraph("one", style="List Bullet")
    builder.paragraph("two", style="List Bullet")
    builder.paragraph("three", style="Normal")
    builder.paragraph("four", style="Normal")
    assert calls == ["List Bullet", "Normal"]
    monkeypatch.undo()
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


def test_a_gantt_row_s_bars_are_one_collection_not_a_patch_each(monkeypatch):
    # 89 rectangles for the sample's plan took a third of the chart's time to make and draw
    import datetime as dt

    from matplotlib.collections import PolyCollection
    from matplotlib.patches import Rectangle

    drawn = []
    real = charts._render
    monkeypatch.setattr(charts, "_render", lambda fig, *a, **k: drawn.append(fig)
                        or real(fig, *a, **k))
    day = dt.date(2027, 4, 5)
    bars = [(day + dt.timedelta(days=7 * i), day + dt.timedelta(days=7 * i + 4))
            for i in range(5)]
    charts.gantt_chart([("A", bars, 0), ("B", bars[:2], 1), ("C", [], 2)], [],
                       day + dt.timedelta(days=40), "Go-live", "alt", "en")
    ax = drawn[0].axes[0]
    rows = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert [len(c.get_paths()) for c in rows] == [5, 2]
    assert not [p for p in ax.patches if isinstance(p, Rectangle)]


def test_table_words_are_measured_once_for_every_font_size_tried(monkeypatch):
    # A table of numbers too wide for the page is tried at several font sizes; its words used
    # to be split and measured again for each size, twice (words, then numbers).
    from crmselect.documents import docx_builder

    calls = []
    real = docx_builder._words
    monkeypatch.setattr(docx_builder, "_words", lambda lines: calls.append(1) or real(lines))
    docx_builder._line_ems.cache_clear()
    rows = [[f"{k}.234.567 TL" for k in range(1, 7)] for _ in range(3)]
    texts = [[docx_builder._cell_lines(v) for v in row] for row in rows]
    bold = [[False] * 6 for _ in rows]
    headers = [f"Year {k}" for k in range(1, 7)]
    # Too wide at 9 pt, 8.5 pt and 8 pt: four sizes tried before 7.5 pt fits.
    assert docx_builder._fit_table([1400] * 6, headers, texts, bold, 9.0) == ([1400] * 6, 7.5)
    assert len(calls) == 6 + 6  # each text once (the rows repeat theirs) and each header


def test_table_fit_gives_the_widths_it_gave_before():
    from crmselect.documents import docx_builder

    # Text only: the longest word widens its column, the others give room in proportion.
    texts = [[["Identifier-that-is-very-long"], ["a b"], ["short words only"]]]
    assert docx_builder._fit_table([1000, 3000, 3000], ["Id", "A", "B"], texts,
                                   [[False, False, False]], 9.0) == ([1513, 2720, 2766], 9.0)
    # Numbers that fit at no size smaller either: the widths and size as given.
    texts = [[["12.345.678.901 TL"], ["x " * 40]]]
    assert docx_builder._fit_table([600, 600], None, texts, [[False, False]], 9.0) == (
        [600, 600], 9.0)
    # A bold number column widened at the given size, the text column giving the room.
    texts = [[["12.345.678 TL"], ["Uzun-bir-tanımlayıcı-metin-burada " * 3]]]
    # (a "1" measured as wide as the other digits, as DejaVu Sans draws it: 1801 before)
    assert docx_builder._fit_table([1200, 6000], None, texts, [[True, False]], 9.0) == (
        [1873, 5327], 9.0)
    # Long words do not fit at any size, the number does: its column first, words may wrap.
    texts = [[["1.234 TL"], ["MüşteriİlişkileriYönetimiSistemi"] * 1,
              ["MüşteriİlişkileriYönetimiSistemi"]]]
    assert docx_builder._fit_table([800, 1250, 1250], None, texts, [[False] * 3], 9.0) == (
        [1156, 1072, 1072], 9.0)  # [1092, 1104, 1104] with a narrow "1"


def test_text_without_a_digit_is_not_searched_for_numbers(monkeypatch):
    from crmselect.documents import nobreak

    class Refuse:
        def sub(self, *_args):
            raise AssertionError("searched")

    monkeypatch.setattr(nobreak, "_NUMBER_SPACES", ((Refuse(), "x"),))
    assert nobreak.unbreakable_numbers("Müşteri ilişkileri yönetimi") == (
        "Müşteri ilişkileri yönetimi")
    with pytest.raises(AssertionError, match="searched"):
        nobreak.unbreakable_numbers("12 gün")
