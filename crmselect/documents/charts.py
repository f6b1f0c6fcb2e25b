"""Charts of the comparison report, each drawn once and written as inline SVG and as PNG.

Why both: the HTML report must be one self-contained file (inline SVG, no external file or
network), and Word wants a picture (PNG). A chart of a document that has no HTML version
(the migration plan's Gantt chart) is drawn as PNG only: its SVG would be thrown away.
Output is deterministic — same data, same bytes — so reports can be kept in git: no dates in
the metadata, a fixed SVG id salt, text drawn as paths in DejaVu Sans (which has every Turkish
letter), and the Agg renderer for PNG.

Functions take plain numbers and ready-made labels; they know nothing of the evaluation.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from html import escape  # not xml.sax.saxutils': it imports urllib.request, ssl, email

import matplotlib
from matplotlib import artist

matplotlib.use("Agg")


@contextmanager
def _property_tables_left_out() -> Iterator[None]:
    """While matplotlib's artist classes are imported, the table of settable properties that
    matplotlib writes into their docstrings (``matplotlib.artist.kwdoc``) is left empty.

    Why: matplotlib writes that table at import, for each of some 200 artist classes (the
    docstring of its ``set()`` and of the functions that take its properties), reading the
    docstring of every setter: 0.1 s of CPU, a third of importing ``matplotlib.figure``,
    for text that only ``help()`` shows. ``build`` imports matplotlib before its workers start,
    so that 0.1 s delayed every document. The classes, their ``set()`` and its signature are
    what they were; ``help()`` on them shows no property table in this process.
    """
    kwdoc = artist.kwdoc
    artist.kwdoc = lambda _artist: ""
    try:
        yield
    finally:
        artist.kwdoc = kwdoc


with _property_tables_left_out():
    from matplotlib.figure import Figure  # noqa: E402
from matplotlib import rc_context  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from crmselect.documents.formatting import format_number  # noqa: E402

#: One colour per vendor, in ranking order (colour-blind friendly, Okabe–Ito based).
PALETTE = ("#1F3A5F", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#0072B2",
           "#999933", "#882255", "#44AA99")
#: Criterion / component segments of stacked bars.
SEGMENTS = ("#1F3A5F", "#3E6A9E", "#6F9BD1", "#A8C6EA", "#E69F00", "#F2C66D", "#7A8A99",
            "#B7C3D0", "#009E73", "#8FD1B9", "#CC79A7")
KNOCKED = "#B0B0B0"
TEXT = "#22303C"
GRID = "#D8DEE6"
RC = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "svg.fonttype": "path",
    "svg.hashsalt": "crmselect",
    "axes.edgecolor": "#8A97A6",
    "axes.labelcolor": TEXT,
    "xtick.color": TEXT,
    "ytick.color": TEXT,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
WIDTH_IN = 6.4
DPI = 150
#: zlib's level for the PNGs. Pillow's default, 6, took 83 ms for the sample report's four
#: charts (RGBA, 960 px wide), 3 takes 51 ms for files 12% larger (227 → 254 KB); below 3
#: nothing is faster, above it nothing is much smaller. The same pixels either way.
PNG_COMPRESS_LEVEL = 3


@dataclass(frozen=True)
class Chart:
    """A chart as an inline ``<svg>`` element (None when drawn for Word only) and as PNG
    bytes, with its alternative text."""

    name: str
    svg: str | None
    png: bytes
    alt: str
    width_in: float = WIDTH_IN


def _finite(values: Sequence[float]) -> list[float]:
    """The values with NaN and infinities as 0: matplotlib refuses them ("Axis limits cannot be
    NaN or Inf"), and the input checks should have kept them out already."""
    return [float(v) if math.isfinite(v) else 0.0 for v in values]


def vendor_colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def _layout_without_drawing(fig: Figure) -> None:
    """Let the next ``savefig`` work out the constrained layout without drawing the figure.

    Why: with a layout engine, ``savefig`` draws the figure twice: first with drawing turned
    off, only because :meth:`Figure.draw` starts by running the layout engine, then for real.
    That first pass (every tick, label and legend laid out and "drawn" to nothing) is a fifth
    of a chart's time (a third when the PNG's layout engine is matplotlib's
    ``PlaceHolderLayoutEngine``, which lays nothing out); here it runs the layout engine
    alone, which gives the same layout and the same bytes. Any other draw (a matplotlib that
    skips the first pass) draws as usual.
    """

    def first_draw(renderer: object) -> None:
        del fig.draw  # the figure's own draw again, for the real drawing
        engine = fig.get_layout_engine()
        drawing_off = hasattr(getattr(renderer, "open_group", None), "__wrapped__")
        if engine is not None and drawing_off:
            engine.execute(fig)
        else:
            fig.draw(renderer)

    fig.draw = first_draw  # type: ignore[method-assign]


def _render(fig: Figure, name: str, alt: str, svg: bool = True) -> Chart:
    """The figure as SVG (unless ``svg`` is false) and PNG."""
    inline = None
    with rc_context(RC):
        if svg:
            _layout_without_drawing(fig)
            svg_buf = io.BytesIO()
            fig.savefig(svg_buf, format="svg", metadata={"Date": None, "Creator": None,
                                                         "Format": None, "Type": None})
            inline = _inline_svg(svg_buf.getvalue().decode("utf-8"), name, alt)
            # The constrained layout was worked out while drawing the SVG; kept as it is for
            # the PNG (the second drawing would work it out again: a third of the chart's time).
            # ("none" gives matplotlib's PlaceHolderLayoutEngine, which lays nothing out, but
            # savefig still makes its drawn-to-nothing first pass for it: skipped below too.)
            fig.set_layout_engine("none")
        png_buf = io.BytesIO()
        _layout_without_drawing(fig)
        fig.savefig(png_buf, format="png", dpi=DPI, metadata={"Software": None},
                    pil_kwargs={"compress_level": PNG_COMPRESS_LEVEL})
    return Chart(name, inline, png_buf.getvalue(), alt, fig.get_figwidth())


#: A namespace declaration, removed from the inline <svg> (HTML parsers know SVG).
_XMLNS = re.compile(r'\s+xmlns(:\w+)?="[^"]*"')


def _inline_svg(svg: str, prefix: str, alt: str) -> str:
    """The ``<svg>`` element alone, ready to sit inside HTML next to other charts.

    Removes the XML prolog, the metadata block and the namespace declarations (HTML parsers
    know SVG), and prefixes every id so that several charts on one page never clash. The
    title is escaped as ``xml.sax.saxutils.escape`` does (``&``, ``<``, ``>``) by
    ``html.escape``: importing saxutils imports ``urllib.request`` with ``http.client``,
    ``ssl`` and ``email``, 30–45 ms before ``build`` forks its workers.
    """
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    # The namespaces are declared on the <svg> element (the first ">" ends it, as below):
    # the pattern, which starts with \s+, is tried at every space of the rest (a third of the
    # function's time) only when the rest names a namespace too.
    head_end = svg.index(">") + 1
    if "xmlns" in svg[head_end:]:
        svg = _XMLNS.sub("", svg)
    else:
        svg = _XMLNS.sub("", svg[:head_end]) + svg[head_end:]
    svg = re.sub(r"<!--.*?-->\s*", "", svg, flags=re.S)
    # r'\bid="': found as text, each kept where a word character comes before it.
    pieces = svg.split('id="')
    svg = pieces[0] + "".join(
        ('id="' if before and (before[-1].isalnum() or before[-1] == "_")
         else f'id="{prefix}-') + piece
        for before, piece in zip(pieces, pieces[1:], strict=False))
    # r'(xlink:href|href)="#' is every 'href="#' (the prefix goes after "#" either way).
    svg = svg.replace('href="#', f'href="#{prefix}-')
    svg = svg.replace("url(#", f"url(#{prefix}-")
    head_end = svg.index(">") + 1
    svg = (svg[:4] + f' role="img" aria-labelledby="{prefix}-title"' + svg[4:head_end]
           + f'<title id="{prefix}-title">{escape(alt, quote=False)}</title>' + svg[head_end:])
    return svg.strip()


def _figure(height: float) -> Figure:
    with rc_context(RC):
        return Figure(figsize=(WIDTH_IN, height), dpi=DPI, layout="constrained")


def _money_axis(lang: str):
    def fmt(value: float, _pos: int) -> str:
        if abs(value) >= 1e6:
            return _tick(value / 1e6, lang) + (" Mn" if lang == "tr" else " M")
        if abs(value) >= 1e3:
            return _tick(value / 1e3, lang) + (" B" if lang == "tr" else " k")
        return format_number(value, lang, 0)

    return FuncFormatter(fmt)


def ranking_chart(names: Sequence[str], totals: Sequence[float], knocked: Sequence[bool],
                  segments: Sequence[tuple[str, Sequence[float]]], xlabel: str,
                  knocked_label: str, alt: str, lang: str) -> Chart:
    """Horizontal bars of the totals, best at the top; with ``segments`` (label, value per
    vendor) the bars are stacked by criterion contribution. Knocked-out vendors are grey."""
    n = len(names)
    totals = _finite(totals)
    segments = [(label, _finite(values)) for label, values in segments]
    with rc_context(RC):
        fig = _figure(max(1.6, 0.45 * n + 1.1))
        ax = fig.add_subplot()
        y = list(range(n))[::-1]
        if segments:
            left = [0.0] * n
            for k, (label, values) in enumerate(segments):
                colours = [KNOCKED if knocked[i] else SEGMENTS[k % len(SEGMENTS)]
                           for i in range(n)]
                ax.barh(y, values, left=left, color=colours, label=label, height=0.62,
                        edgecolor="white", linewidth=0.6)
                left = [a + b for a, b in zip(left, values, strict=True)]
            # above the plot, centred on the figure: centred on the axes, a legend beside
            # long vendor names ran off the right edge
            fig.legend(*ax.get_legend_handles_labels(), loc="outside upper center",
                       ncol=_legend_columns([label for label, _ in segments]),
                       frameon=False, fontsize=7.5)
        else:
            ax.barh(y, totals, color=[KNOCKED if k else vendor_colour(i)
                                      for i, k in enumerate(knocked)], height=0.62)
        for i, total in enumerate(totals):
            text = format_number(total, lang, 1) + (f"  ({knocked_label})" if knocked[i] else "")
            ax.text(total + 1, y[i], text, va="center", fontsize=8.5, color=TEXT)
        # a long name (60 characters) on two lines: on one, it ran off the left edge
        ax.set_yticks(y, labels=chart_names(names, NAME_WIDTH, 2))
        ax.set_xlim(0, 115 if max(totals, default=0) <= 100 else max(totals) * 1.15)
        ax.set_xlabel(xlabel)
        ax.xaxis.grid(True, color=GRID, linewidth=0.6)
        ax.set_axisbelow(True)
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="y", length=0)
    return _render(fig, "ranking", alt)


def area_chart(areas: Sequence[str], series: Sequence[tuple[str, Sequence[float]]],
               alt: str, lang: str) -> Chart:
    """Area scores (0–5) per vendor: a radar with three areas or more, grouped bars below."""
    series = [(name, _finite(values)) for name, values in series]
    with rc_context(RC):
        if len(areas) >= 3:
            fig = _figure(3.9)
            ax = fig.add_subplot(projection="polar")
            angles = [2 * math.pi * k / len(areas) for k in range(len(areas))]
            for i, (name, values) in enumerate(series):
                closed = list(values) + [values[0]]
                ax.plot(angles + angles[:1], closed, color=vendor_colour(i), linewidth=1.6,
                        label=name)
                ax.fill(angles + angles[:1], closed, color=vendor_colour(i), alpha=0.08)
            # The first area at the top, clockwise; each label outside the circle, aligned
            # away from it, so that no label runs into the lines.
            ax.set_theta_offset(math.pi / 2)
            ax.set_theta_direction(-1)
            ax.set_xticks(angles, labels=[_wrap(a, 16) for a in areas], fontsize=8)
            ax.tick_params(axis="x", pad=4)
            for angle, label in zip(angles, ax.get_xticklabels(), strict=True):
                x, y = math.sin(angle), math.cos(angle)
                label.set_horizontalalignment(
                    "left" if x > 0.1 else "right" if x < -0.1 else "center")
                label.set_verticalalignment(
                    "bottom" if y > 0.1 else "top" if y < -0.1 else "center")
            ax.set_ylim(0, 5)
            ax.set_yticks([1, 2, 3, 4, 5], labels=["1", "2", "3", "4", "5"], fontsize=7,
                          color="#6B7785")
            # The scale between the first two spokes, clear of the vendors' lines.
            ax.set_rlabel_position(180 / len(areas))
            ax.grid(color=GRID, linewidth=0.6)
            # Below the radar: at its side the legend would cover the labels of the spokes.
            ncol = _vendor_columns([name for name, _ in series])
            handles, names = _row_major(*ax.get_legend_handles_labels(), ncol)
            fig.legend(handles, chart_names(names, NAME_WIDTH, 2),
                       loc="outside lower center", ncol=ncol, frameon=False, fontsize=8)
        else:
            fig = _figure(2.8)
            ax = fig.add_subplot()
            width = 0.8 / max(len(series), 1)
            for i, (name, values) in enumerate(series):
                xs = [k + (i - (len(series) - 1) / 2) * width for k in range(len(areas))]
                ax.bar(xs, values, width=width * 0.95, color=vendor_colour(i), label=name)
            ax.set_xticks(range(len(areas)), labels=list(areas))
            ax.set_ylim(0, 5)
            ax.yaxis.grid(True, color=GRID, linewidth=0.6)
            ax.set_axisbelow(True)
            ncol = _vendor_columns([name for name, _ in series])
            handles, names = _row_major(*ax.get_legend_handles_labels(), ncol)
            ax.legend(handles, chart_names(names, NAME_WIDTH, 2), frameon=False,
                      fontsize=8, ncol=ncol)
    return _render(fig, "areas", alt)


def cost_chart(points: Sequence[tuple[str, float, float, bool]], budget: float | None,
               ceiling: float | None, labels: dict[str, str], alt: str, lang: str) -> Chart:
    """TCO (x) against total score (y), one labelled point per priced vendor; the target
    budget and the ceiling as vertical lines. ``points``: (name, tco, score, knocked out)."""
    return _render(cost_figure(points, budget, ceiling, labels, lang), "cost", alt)


def cost_figure(points: Sequence[tuple[str, float, float, bool]], budget: float | None,
                ceiling: float | None, labels: dict[str, str], lang: str) -> Figure:
    """The figure of :func:`cost_chart`, its labels placed apart (:func:`_separate_labels`)."""
    points = [(name, tco, _finite([score])[0], knocked) for name, tco, score, knocked in points
              if math.isfinite(tco)]  # a cost that is not a number has no place on the axis
    budget, ceiling = (v if v is not None and math.isfinite(v) else None
                       for v in (budget, ceiling))
    xs = [p[1] for p in points] + [v for v in (budget, ceiling) if v]
    lo, hi = min(xs, default=0), max(xs, default=1)
    pad = (hi - lo) * 0.12 or hi * 0.1 or 1
    left, right = max(lo - pad, 0), hi + pad
    # room for the " (knocked out)" the report adds to a name it cut to COST_LABEL_WIDTH
    names = chart_names([p[0] for p in points], COST_LABEL_WIDTH + 20)
    # the axes' size in points, about: the figure less the axis labels and ticks
    width, height = (WIDTH_IN - 0.8) * 72, (3.6 - 0.7) * 72
    offsets = _label_offsets([((tco - left) / (right - left) * width, score / 100 * height)
                              for _name, tco, score, _knocked in points], names)
    with rc_context(RC):
        fig = _figure(3.6)
        ax = fig.add_subplot()
        notes = []
        for i, (name, (_, tco, score, knocked)) in enumerate(zip(names, points, strict=True)):
            colour = KNOCKED if knocked else vendor_colour(i)
            ax.scatter([tco], [score], s=70, color=colour, zorder=3,
                       edgecolors="white", linewidths=0.8)
            notes.append(ax.annotate(name, (tco, score), xytext=offsets[i],
                                     textcoords="offset points", fontsize=LABEL_PT,
                                     color=TEXT))
            # placed after the layout (:func:`_separate_labels`): they must not move the axes
            notes[-1].set_in_layout(False)
        fixed = []
        for value, key, style in ((budget, "budget", "--"), (ceiling, "ceiling", ":")):
            if value:
                ax.axvline(value, color="#6B7785", linestyle=style, linewidth=1)
                fixed.append(ax.text(value, 2, " " + labels[key], rotation=90, va="bottom",
                                     ha="right", fontsize=7.5, color="#6B7785"))
        ax.set_xlim(left, right)
        # room above 100 and below 0: a vendor at 100 (or 0) was half a dot at the edge,
        # and its label, with no room beside it, was moved away from it
        ax.set_ylim(-4, 108)
        ax.set_yticks(range(0, 101, 20))
        ax.xaxis.set_major_formatter(_money_axis(lang))
        ax.xaxis.set_major_locator(MaxNLocator(6))
        ax.set_xlabel(labels["x"])
        ax.set_ylabel(labels["y"])
        ax.grid(True, color=GRID, linewidth=0.6)
        ax.set_axisbelow(True)
        _separate_labels(fig, ax, notes, fixed)
    return fig


#: The thin line from a moved label to its point (drawn only for a label moved away).
_LEADER = {"arrowstyle": "-", "color": "#8A97A6", "linewidth": 0.6, "shrinkA": 1, "shrinkB": 5}
#: Names on the cost chart are cut (with "…") at about this many characters.
COST_LABEL_WIDTH = 30


def _separate_labels(fig: Figure, ax: object, notes: list, fixed: list) -> None:
    """Move each point's label until its box, measured as drawn, meets no other label, no
    point and no text in ``fixed``, and stays inside the axes: first where
    :func:`_label_offsets` estimated, then a line at a time above or below, to the right of
    its point or to its left.

    Why measured: the estimate (0.6 of the font size a character) is wrong for names of
    capitals or narrow letters; with a dozen vendors of about the same cost, labels were
    written over each other. The labels are not part of the layout (``set_in_layout``), so
    the positions measured here are those of the saved chart.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw_without_rendering()
    f = ax.get_window_extent(renderer)
    frame = (f.x0, f.y0, f.x1, f.y1)
    to_px = fig.dpi / 72
    points = [tuple(ax.transData.transform(n.xy)) for n in notes]
    markers = [(x - 5 * to_px, y - 5 * to_px, x + 5 * to_px, y + 5 * to_px) for x, y in points]
    taken = [tuple(t.get_window_extent(renderer).extents) for t in fixed] + markers
    leaders: list[tuple[tuple[float, float], float, float]] = []  # moved labels: to centre
    for i in sorted(range(len(notes)), key=lambda i: -notes[i].xy[1]):
        note, (px, py) = notes[i], points[i]
        start = note.get_position()[1]
        # the label's box measured once, where it stands (left-aligned); then moved by sums
        b = note.get_window_extent(renderer)
        width, height, below = b.width, b.height, b.y0 - (py + start * to_px)
        # nearest first: the estimate, then beside the point, then further up, down, sideways
        tries = sorted({(dx, dy) for k in range(-4 * len(notes) - 4, 4 * len(notes) + 5)
                        for dy in (start + k * _LINE_PT, 5.0 + k * _LINE_PT)
                        for dx in (7.0, -7.0, *(7.0 + 30 * j for j in range(1, 8)),
                                   -37.0, -67.0)},
                       key=lambda t: (t != (7.0, start), math.hypot(t[0] / 2, t[1] - 5.0)))
        others = [box for box in taken if box is not markers[i]]
        best, best_cost, best_box = tries[0], None, None
        for dx, dy in tries:
            x0 = px + dx * to_px - (0 if dx > 0 else width)
            y0 = py + dy * to_px + below
            box = (x0, y0, x0 + width, y0 + height)
            cost = 4 * sum(_overlap(box, other) for other in taken) + 2 * (not (
                frame[0] <= box[0] and box[2] <= frame[2]
                and frame[1] <= box[1] and box[3] <= frame[3]))
            if best_cost is not None and cost >= best_cost:
                continue
            # the line to a moved label crosses no other label or point, and no line crosses it
            centre = (x0 + width / 2, y0 + height / 2)
            if (dx, dy) != (7.0, 5.0):
                cost += sum(_crosses((px, py), *centre, other) for other in others)
            cost += sum(_crosses(a, bx, by, box) for a, bx, by in leaders)
            if best_cost is None or cost < best_cost:
                best, best_cost, best_box = (dx, dy), cost, box
            if cost == 0:
                break
        taken.append(best_box)
        align = "left" if best[0] > 0 else "right"
        if best == (7.0, 5.0):  # where a label is expected: no line needed
            note.set_horizontalalignment(align)
            note.set_position(best)
        else:
            leaders.append(((px, py), (best_box[0] + best_box[2]) / 2,
                            (best_box[1] + best_box[3]) / 2))
            note.remove()
            note = ax.annotate(note.get_text(), note.xy, xytext=best,
                               textcoords="offset points", fontsize=LABEL_PT, color=TEXT,
                               ha=align, arrowprops=dict(_LEADER))
        note.set_in_layout(False)  # placed after the layout: it must not move the axes
        notes[i] = note


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _crosses(point: Sequence[float], x1: float, y1: float,
             box: Sequence[float]) -> bool:
    """Whether the segment from ``point`` to (x1, y1) meets ``box`` (x0, y0, x1, y1), by
    more than a pixel: Liang–Barsky clipping."""
    x0, y0 = point
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for p, q in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    length = math.hypot(dx, dy) or 1.0
    return (high - low) * length > 1.0


#: The size of a point's label on the cost chart, and what a character and a line of it take,
#: about, in points (DejaVu Sans averages some 0.6 of its size a character).
LABEL_PT = 8.5
_CHAR_PT, _LINE_PT = 0.6 * LABEL_PT, 1.25 * LABEL_PT


def _label_offsets(anchors: Sequence[tuple[float, float]],
                   names: Sequence[str]) -> list[tuple[float, float]]:
    """Where each point's label goes, in points from its point: to the right and a little
    above (7, 5), moved down a line at a time while it would cover a point or the label of a
    higher point.

    Why: vendors of about the same cost and score (three knocked-out bids side by side) had
    their names written over each other. ``anchors``: the points, in points from the axes'
    lower left corner; the labels' sizes are estimated, not measured (measuring would draw the
    chart once more)."""
    # the points' markers (70 square points, a radius of about 5), then the labels placed
    placed = [(x - 5, y - 5, x + 5, y + 5) for x, y in anchors]
    offsets = [(7.0, 5.0)] * len(anchors)
    for i in sorted(range(len(anchors)), key=lambda i: -anchors[i][1]):
        x, y = anchors[i]
        x0, x1 = x + 7, x + 7 + _CHAR_PT * len(names[i])
        dy = 5.0
        for _ in range(2 * len(anchors)):  # at worst below every point and label
            if not any(x0 < bx1 and bx0 < x1 and y + dy < by1 and by0 < y + dy + _LINE_PT
                       for bx0, by0, bx1, by1 in placed):
                break
            dy -= _LINE_PT
        placed.append((x0, y + dy, x1, y + dy + _LINE_PT))
        offsets[i] = (7.0, dy)
    return offsets


def tco_chart(names: Sequence[str], components: Sequence[tuple[str, Sequence[float]]],
              alt: str, lang: str) -> Chart:
    """Stacked horizontal bars of each vendor's TCO by cost component."""
    n = len(names)
    components = [(label, _finite(values)) for label, values in components]
    with rc_context(RC):
        fig = _figure(max(1.8, 0.45 * n + 1.4))
        ax = fig.add_subplot()
        y = list(range(n))[::-1]
        left = [0.0] * n
        for k, (label, values) in enumerate(components):
            ax.barh(y, values, left=left, color=SEGMENTS[k % len(SEGMENTS)], label=label,
                    height=0.62, edgecolor="white", linewidth=0.6)
            left = [a + b for a, b in zip(left, values, strict=True)]
        # a long name (60 characters) on two lines: on one, it ran off the left edge
        ax.set_yticks(y, labels=chart_names(names, NAME_WIDTH, 2))
        ax.xaxis.set_major_formatter(_money_axis(lang))
        ax.xaxis.set_major_locator(MaxNLocator(6))
        ax.xaxis.grid(True, color=GRID, linewidth=0.6)
        ax.set_axisbelow(True)
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="y", length=0)
        # above the plot, centred on the figure: centred on the axes, beside two lines of
        # long vendor names, "Third-party products" ran off the right edge
        fig.legend(*ax.get_legend_handles_labels(), loc="outside upper center",
                   ncol=_legend_columns([label for label, _ in components]), frameon=False,
                   fontsize=7.5)
    return _render(fig, "tco", alt)


#: Vendor names are wrapped at about this many characters in charts (labels and legends).
NAME_WIDTH = 32


def _vendor_columns(names: Sequence[str]) -> int:
    """Columns of a legend of vendor names: four short names a row, fewer long ones, so that
    the legend stays inside the chart's width."""
    longest = max((min(len(name), NAME_WIDTH) for name in names), default=0)
    return max(1, min(4 if longest <= 18 else 3 if longest <= 24 else 2, len(names)))


def _legend_columns(labels: Sequence[str]) -> int:
    """Three legend columns, or two when long labels (often Turkish) would not fit the width."""
    longest = max((len(label) for label in labels), default=0)
    return max(1, min(3 if longest <= 24 else 2, len(labels)))


def _wrap(text: str, width: int) -> str:
    """Break a label into lines of about ``width`` characters at spaces."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)


def chart_name(name: str, width: int = NAME_WIDTH, lines: int = 1) -> str:
    """A name as a chart shows it: on at most ``lines`` lines of about ``width`` characters,
    broken at spaces (a word longer than a line is cut), the rest left out with "…". The
    tables of the document give the full name.

    Why: a name of a hundred characters, or one with no space, made matplotlib's constrained
    layout give up (a warning, an error under pytest) and ran off the chart's edge.
    """
    words = " ".join(name.split()).split(" ")
    out: list[str] = []
    for word in words:
        while len(word) > width:  # a word wider than a line: a line of its own, cut
            out.append(word[:width])
            word = word[width:]
        if out and len(out[-1]) + 1 + len(word) <= width:
            out[-1] += " " + word
        elif word:
            out.append(word)
    if len(out) > lines:
        out = out[:lines]
        last = out[-1]
        out[-1] = (last if len(last) < width else last[:width - 1]).rstrip() + "…"
    return "\n".join(out)


def chart_names(names: Sequence[str], width: int = NAME_WIDTH, lines: int = 1) -> list[str]:
    """:func:`chart_name` of each name; names that would read the same once cut keep their
    end instead ("Çağdaş İletişim … Şirketi 01", "… Şirketi 02"), so that no two vendors
    of a chart carry the same label."""
    short = [chart_name(name, width, lines) for name in names]
    for label in list(short):
        if short.count(label) > 1 and label.endswith("…"):
            for j in [j for j, other in enumerate(short) if other == label]:
                flat = " ".join(names[j].split())
                tail = _tail(flat, width // 2 if lines == 1 else width - 2)
                if lines == 1:
                    head = flat[:width - len(tail) - 3]
                    head = (head[:head.rindex(" ")] if " " in head.strip() else head).rstrip()
                    short[j] = f"{head} … {tail}"
                else:  # the first lines as they were, the last one the name's end
                    first = chart_name(flat, width, lines - 1).rstrip("…").rstrip()
                    short[j] = f"{first}\n… {tail}"
    return short


def _tail(text: str, width: int) -> str:
    """The end of ``text``, at most ``width`` characters, from a word's start if one is in
    it."""
    tail = text[-width:]
    return tail[tail.index(" ") + 1:] if " " in tail[:-1] and len(text) > width else tail


#: A milestone closer to go-live than this share of the Gantt chart's span has its label
#: beside it, away from the go-live line, not centred on it.
GANTT_NEAR_GO_LIVE = 0.06


def gantt_chart(rows: Sequence[tuple[str, Sequence[tuple[dt.date, dt.date]], int]],
                milestones: Sequence[tuple[str, dt.date]], go_live: dt.date, go_live_label: str,
                alt: str, lang: str, svg: bool = False) -> Chart:
    """A Gantt chart: one row per ``(label, [(start, end), …], colour)``, each task a bar from
    its first to its last day, milestones as diamonds on a row of their own at the top, and a
    dashed line at go-live. Months on the axis in ``lang``. PNG only unless ``svg`` (the
    migration plan has no HTML version)."""
    from babel.dates import format_date as babel_date
    from matplotlib.dates import MonthLocator, date2num

    n = len(rows) + (1 if milestones else 0)
    with rc_context(RC):
        fig = _figure(max(2.2, 0.32 * n + 1.2))
        ax = fig.add_subplot()
        labels = []
        y = n - 1
        if milestones:
            days = [d for _label, d in milestones] + [go_live] + [
                x for _label, bars, _colour in rows for bar in bars for x in bar]
            near = (max(days) - min(days)).days * GANTT_NEAR_GO_LIVE
            for k, (_label, day) in enumerate(milestones):
                ax.plot([date2num(day)], [y], marker="D", markersize=6, color=TEXT,
                        linestyle="none")
                # a label centred on a milestone just before go-live ran over the go-live
                # line: it then ends at its diamond, away from the line
                before = (go_live - day).days
                side = (0 if abs(before) > near else -3 if before >= 0 else 3)
                ax.annotate(chart_name(_label, 28), (date2num(day), y),
                            xytext=(side, 6 if k % 2 == 0 else -11), textcoords="offset points",
                            ha="center" if side == 0 else "right" if side < 0 else "left",
                            fontsize=6.5, color=TEXT)
            labels.append((y, ""))
            y -= 1
        for label, bars, colour in rows:
            if bars:  # a row's bars are one collection: a patch per bar took a third longer
                starts = [date2num(start) for start, _ in bars]
                ax.broken_barh([(s, date2num(end) - s + 1)
                                for (_, end), s in zip(bars, starts, strict=True)],
                               (y - 0.275, 0.55), facecolors=SEGMENTS[colour % len(SEGMENTS)],
                               alpha=0.75, edgecolors="white", linewidth=0.4)
            labels.append((y, chart_name(label, 28, 2)))
            y -= 1
        ax.axvline(date2num(go_live), color="#D55E00", linestyle="--", linewidth=1)
        ax.text(date2num(go_live), n - 0.4, go_live_label, color="#D55E00", fontsize=7,
                ha="left", va="bottom")
        ax.set_yticks([p for p, _ in labels], labels=[text for _, text in labels], fontsize=7)
        ax.set_ylim(-0.7, n - 0.1)
        ax.xaxis.set_major_locator(MonthLocator())
        ax.xaxis.set_major_formatter(FuncFormatter(
            lambda value, _pos: babel_date(_num_date(value), "MMM yyyy", locale=lang)))
        ax.xaxis.grid(True, color=GRID, linewidth=0.6)
        ax.set_axisbelow(True)
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="y", length=0)
        ax.tick_params(axis="x", labelsize=7)
    return _render(fig, "gantt", alt, svg=svg)


def _num_date(value: float) -> dt.date:
    from matplotlib.dates import num2date

    return num2date(value).date()


def _row_major(handles: Sequence[object], labels: Sequence[str],
               ncol: int) -> tuple[list[object], list[str]]:
    """Legend entries reordered so that, read row by row, they keep their order (the ranking).

    matplotlib fills a legend column by column: five vendors in four columns read "1st, 3rd,
    4th, 5th / 2nd". The entries are given in the order that puts the k-th at row k // ncol,
    column k % ncol (matplotlib's columns are ``numpy.array_split`` of the list, so the first
    columns take the last row's entries)."""
    n = len(labels)
    rows = -(-n // max(ncol, 1))
    order = [r * ncol + c for c in range(ncol) for r in range(rows) if r * ncol + c < n]
    return [handles[k] for k in order], [labels[k] for k in order]


def _tick(value: float, lang: str) -> str:
    """An axis tick in as few decimals as it needs, up to three: 1.25 M is not rounded to
    "1.2 M" (a tick must say the value it stands at), and 15 M is not "15.0 M"."""
    for decimals in range(4):
        if abs(round(value, decimals) - value) < 1e-9 * max(1.0, abs(value)):
            return format_number(value, lang, decimals)
    return format_number(value, lang, 3)
