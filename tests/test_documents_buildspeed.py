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


# --- holidays: worked out once, then read from the cache --------------------------------------

_PLAN_YEARS = (
    "import sys, datetime as dt\n"
    "from crmselect.reporting.workdays import WorkCalendar\n"
    "cal = WorkCalendar.for_country({country!r}, 'tr')\n"
    "days = cal.holidays_between(dt.date(2027, 1, 1), dt.date(2028, 12, 31))\n"
    "print(repr([(h.date.isoformat(), h.name, h.half_day) for h in days]))\n"
    "print(cal.country, 'holidays' in sys.modules)\n"
)


def _plan_years(cache: str, country: str = "TR") -> tuple[str, str]:
    import os
    import subprocess
    import sys

    env = {**os.environ, "CRMSELECT_CACHE_DIR": cache}
    done = subprocess.run([sys.executable, "-c", _PLAN_YEARS.format(country=country)],
                          capture_output=True, text=True, check=True, env=env)
    days, state = done.stdout.strip().splitlines()
    return days, state


def test_holidays_come_from_the_cache_without_importing_holidays(tmp_path):
    # Asking `holidays` for one country imports every country's module (0.13 s): a second
    # plan over the same years reads the dates from the cache and does not import it.
    cache = str(tmp_path / "cache")
    first, state = _plan_years(cache)
    assert state == "TR True"
    again, state = _plan_years(cache)
    assert state == "TR False"
    uncached, state = _plan_years("off")
    assert state == "TR True"
    assert first == again == uncached
    assert "Cumhuriyet Bayramı" in first and "True)" in first  # holidays and arife half days


def test_an_unknown_country_is_still_weekends_only_from_the_cache(tmp_path):
    cache = str(tmp_path / "cache")
    assert _plan_years(cache, "XX") == ("[]", "None True")
    assert _plan_years(cache, "XX") == ("[]", "None False")


def test_a_damaged_holiday_entry_is_worked_out_again(tmp_path):
    cache = tmp_path / "cache"
    first, _ = _plan_years(str(cache))
    for entry in cache.glob("*.pickle"):
        entry.write_bytes(entry.read_bytes()[:40])
    again, state = _plan_years(str(cache))
    assert again == first and state == "TR True"


def test_build_imports_openpyxl_only_for_the_workbook():
    # With workers, the parent imports what every document needs before forking; openpyxl
    # (0.1 s) is the workbook's alone, so only the worker writing the workbook imports it.
    import subprocess
    import sys

    code = ("import sys, crmselect.cli, crmselect.documents.build;"
            "print('openpyxl' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "False"


def test_matplotlib_is_imported_without_its_property_tables_and_otherwise_as_it_was():
    # The tables are docstring text (matplotlib.artist.kwdoc) written for some 200 classes at
    # import; charts.py leaves them out while importing matplotlib.figure, then puts kwdoc back.
    import subprocess
    import sys

    code = ("import inspect, crmselect.documents.charts, matplotlib.artist as a, "
            "matplotlib.lines as l; "
            "print(a.kwdoc.__module__, a.kwdoc.__name__, 'Properties:' in l.Line2D.set.__doc__, "
            "'color' in inspect.signature(l.Line2D.set).parameters, "
            "'Properties:' in a.kwdoc(l.Line2D))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == ["matplotlib.artist", "kwdoc", "False", "True", "True"]


# --- build and rfp without the cycle collector ------------------------------------------------


@pytest.mark.parametrize("command", ["build", "rfp"])
def test_document_commands_run_without_the_cycle_collector(monkeypatch, sample_project,
                                                           command):
    # Its passes over everything the libraries and the project made, and its last pass as the
    # process ends, were 0.4–0.5 s of the sample's build; it is back on afterwards.
    import gc

    from click.testing import CliRunner

    import crmselect.documents.build
    import crmselect.documents.rfp
    from crmselect.cli import main

    module = crmselect.documents.build if command == "build" else crmselect.documents.rfp
    name = "build_documents" if command == "build" else "render_rfp"
    seen = []
    real = getattr(module, name)
    monkeypatch.setattr(module, name, lambda *a, **k: seen.append(gc.isenabled()) or real(*a, **k))
    result = CliRunner().invoke(main, [command, str(sample_project)],
                                env={"CRMSELECT_LANG": "en"})
    assert result.exit_code == 0, result.output
    assert seen == [False]
    assert gc.isenabled()
    assert (sample_project / "out" / "rfp.docx").is_file()


# --- Word styles: their names read in one pass -------------------------------------------------


def _first_id_by_name(builder) -> dict[str, str]:
    """What python-docx's proxies give: the first style of each name (any case)."""
    ids: dict[str, str] = {}
    for style in builder.doc.styles:
        if style.name:
            ids.setdefault(style.name.lower(), style.style_id)
    return ids


@pytest.mark.parametrize("corporate", [False, True])
def test_style_ids_are_python_docx_s_read_in_one_pass(tmp_path, monkeypatch, corporate):
    from test_documents_infra import make_corporate_template

    from crmselect.documents import docx_builder

    template = (make_corporate_template(tmp_path / "corporate.docx",
                                        drop_styles=("heading 1", "List Bullet"))
                if corporate else None)
    builder = docx_builder.DocxBuilder(template=template)
    reads = []
    real = docx_builder._style_name
    monkeypatch.setattr(docx_builder, "_style_name", lambda s: reads.append(1) or real(s))
    expected = _first_id_by_name(builder)
    for name in ["Heading 1", "heading 2", "TOC 1", "Table Text", "Footer", "List Bullet"]:
        assert builder._style_id(name) == expected.get(name.lower()), name
    styles = len(builder.doc.styles.element.findall(docx_builder.qn("w:style")))
    assert len(reads) == styles  # one pass for six names
    assert builder._style_id("No Such Style") is None
    assert len(reads) == styles  # a name the document lacks does not read them again


def test_a_style_added_after_the_names_were_read_is_found():
    from docx.enum.style import WD_STYLE_TYPE

    from crmselect.documents.docx_builder import DocxBuilder

    builder = DocxBuilder()
    assert builder._style_id("Normal") == "Normal"
    added = builder.doc.styles.add_style("Quote Box", WD_STYLE_TYPE.PARAGRAPH)
    assert builder._style_id("quote box") == added.style_id


# --- Word sections: the one being written, without an XPath over the body ---------------------


def test_tables_do_not_search_the_body_for_section_breaks(monkeypatch):
    # Each table asked python-docx for doc.sections[-1], an XPath over every paragraph of the
    # body: quadratic in a long RFP. The section being written is the body's own sectPr.
    from docx.oxml.document import CT_Document

    from crmselect.documents.docx_builder import DocxBuilder

    builder = DocxBuilder()
    searches = []
    real = CT_Document.sectPr_lst
    monkeypatch.setattr(CT_Document, "sectPr_lst",
                        property(lambda self: searches.append(1) or real.fget(self)))
    for k in range(5):
        builder.paragraph(f"Paragraph {k}")
        builder.table(["Id", "Requirement"], [["A-1", "Text"]], widths=[1, 3])
    assert searches == []
    builder.section(landscape=True)
    builder.table(["Id", "Requirement"], [["A-2", "Wide"]], widths=[1, 3])
    monkeypatch.setattr(CT_Document, "sectPr_lst", real)
    assert builder._last_section()._sectPr is builder.doc.sections[-1]._sectPr
    assert len(builder.doc.sections) == 2
    from docx.oxml.ns import qn

    widths = [int(g.get(qn("w:w"))) for g in builder.doc.element.body.iter(qn("w:gridCol"))]
    portrait, landscape = sum(widths[:2]), sum(widths[-2:])
    assert landscape > portrait  # the wide table spans the landscape page's text width


def _zlib_level_class(png: bytes) -> int:
    """FLEVEL of the zlib stream in the PNG's first IDAT chunk (0 fastest … 2 default, 3 best)."""
    start = png.index(b"IDAT") + 4
    return png[start + 1] >> 6


def test_chart_pngs_are_compressed_at_a_fast_zlib_level_with_the_same_pixels(monkeypatch):
    import io

    from PIL import Image

    fast = _all_charts()
    monkeypatch.setattr(charts, "PNG_COMPRESS_LEVEL", 6)  # Pillow's default, as before
    default = _all_charts()
    for name, chart in fast.items():
        assert _zlib_level_class(chart.png) == 1, name  # levels 2 to 5
        assert _zlib_level_class(default[name].png) == 2, name
        a, b = (Image.open(io.BytesIO(c.png)) for c in (chart, default[name]))
        assert (a.mode, a.size, a.info.get("dpi")) == (b.mode, b.size, b.info.get("dpi"))
        assert a.tobytes() == b.tobytes(), name
        assert chart.svg == default[name].svg, name


def test_the_documents_do_not_import_urllib_request():
    # xml.sax.saxutils imports urllib.request (with http.client, ssl and email): 30-45 ms of
    # the parent before build forks, for an escape html.escape does the same.
    import subprocess
    import sys

    code = ("import sys, crmselect.cli, crmselect.documents.build, crmselect.documents.report,"
            " crmselect.documents.charts, crmselect.documents.docx_builder;"
            "print(sorted({'xml.sax.saxutils', 'urllib.request', 'ssl', 'http.client'}"
            " & set(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


def test_chart_titles_and_word_runs_escape_as_saxutils_did():
    from xml.sax.saxutils import escape as sax_escape

    from crmselect.documents import docx_builder

    title = "Ağ & <Şirket> \"İçi\" 'x'"
    chart = charts.ranking_chart(["A"], [50.0], [False], [], "Puan", "elendi", title, "tr")
    assert f'<title id="ranking-title">{sax_escape(title)}</title>' in chart.svg
    assert f">{sax_escape(title)}</w:t>" in docx_builder._run_xml(title)


def _inline_svg_before(svg: str, prefix: str, alt: str) -> str:
    """``charts._inline_svg`` as it was: a regular expression for each step."""
    import re
    from xml.sax.saxutils import escape

    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    svg = re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", svg)
    svg = re.sub(r"<!--.*?-->\s*", "", svg, flags=re.S)
    svg = re.sub(r'\bid="', f'id="{prefix}-', svg)
    svg = re.sub(r'(xlink:href|href)="#', rf'\1="#{prefix}-', svg)
    svg = svg.replace("url(#", f"url(#{prefix}-")
    head_end = svg.index(">") + 1
    svg = (svg[:4] + f' role="img" aria-labelledby="{prefix}-title"' + svg[4:head_end]
           + f'<title id="{prefix}-title">{escape(alt)}</title>' + svg[head_end:])
    return svg.strip()


def test_inline_svg_is_what_the_regular_expressions_made(monkeypatch):
    drawn = []
    inline = charts._inline_svg
    monkeypatch.setattr(charts, "_inline_svg",
                        lambda svg, prefix, alt: drawn.append((svg, prefix, alt))
                        or inline(svg, prefix, alt))
    _all_charts()
    crafted = ('<?xml version="1.0"?>\n<svg xmlns:xlink="http://www.w3.org/1999/xlink" '
               'width="10" xmlns="http://www.w3.org/2000/svg">\n<metadata>x</metadata>\n'
               '<!-- a id="c" -->\n<g id="a"><path id="p_1" clip-path="url(#c)"/>'
               '<use xlink:href="#p_1"/><a href="#a"/>xid="no" _id="no" é_id="no" '
               'éid="no" -id="yes" id="id="yes"\t id="tab"</g>\n</svg>\n')
    nested = crafted.replace("<g ", '<g xmlns:dc="http://purl.org/dc/elements/1.1/" ')
    cases = drawn + [(crafted, "k", "A & <B>"), (nested, "n", "\"q\" 'q'"),
                     ('id="first"<svg id="root">x</svg>', "f", "")]
    assert len(drawn) == 6  # the SVG of every chart but the Gantt chart's
    for svg, prefix, alt in cases:
        assert charts._inline_svg(svg, prefix, alt) == _inline_svg_before(svg, prefix, alt)


def test_inline_svg_looks_for_namespaces_in_the_svg_element_only(monkeypatch):
    searched = []
    pattern = charts._XMLNS

    class Recording:
        def sub(self, replacement: str, text: str) -> str:
            searched.append(len(text))
            return pattern.sub(replacement, text)

    monkeypatch.setattr(charts, "_XMLNS", Recording())
    chart = charts.ranking_chart(["A", "B"], [80.0, 60.0], [False, False], [], "Score",
                                 "knocked out", "Ranking", "en")
    assert "xmlns" not in chart.svg and 'id="ranking-' in chart.svg
    assert searched and max(searched) < 1000  # the <svg> element, not the whole drawing
