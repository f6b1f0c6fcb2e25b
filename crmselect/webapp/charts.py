"""Charts for the results page as inline SVG: no JavaScript, no chart library, no inline style.

Why SVG built here: the page's Content-Security-Policy forbids inline scripts and styles, and
presentation attributes (``fill``, ``width``) are not styles. Every text is escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

#: One colour per top-level criterion (also used by the legend).
CRITERION_COLOURS = {
    "functional": "#0b5cad",
    "integration": "#2f9e9e",
    "non_functional": "#7b61c2",
    "test_drive": "#e59f1c",
    "cost": "#5ba84a",
    "references": "#c2416b",
}


@dataclass(frozen=True)
class Bar:
    """One bar: a label, its segments (key, value) and an optional flag shown after it."""

    label: str
    segments: Sequence[tuple[str, float]]
    flag: str = ""
    muted: bool = False

    @property
    def total(self) -> float:
        return sum(v for _, v in self.segments)


def horizontal_bars(
    bars: Sequence[Bar], *, maximum: float, colours: dict[str, str], title: str,
    value_text: Callable[[float], str], width: int = 760, label_width: int = 170,
    value_width: int = 120, label_chars: int = 24, css: str = "chart",
) -> Markup:
    """Horizontal (stacked) bars, one per row, scaled to ``maximum``.

    The label column and the room after the bars grow with the longest label and value text
    (the drawing widens; the plot keeps its width), so no text is clipped at either edge.
    Labels longer than ``label_chars`` end in "…"; ``css``: the drawing's classes.
    """
    row, bar_height, top = 34, 20, 8
    plot = width - label_width - value_width
    labels = [_clip(bar.label, label_chars) for bar in bars]
    values = [value_text(bar.total) + (f"  {bar.flag}" if bar.flag else "") for bar in bars]
    label_width = max(label_width, max((text_width(t) for t in labels), default=0) + 18)
    # A value is written after its bar, which may end past the plot when it exceeds maximum.
    overshoot = max((max(0.0, plot * bar.total / maximum - plot) if maximum else 0.0
                     for bar in bars), default=0.0)
    value_width = max(value_width, int(overshoot + max(
        (text_width(t, bold=True) for t in values), default=0) + 16))
    width = label_width + plot + value_width
    height = top * 2 + row * len(bars)
    out = [
        f'<svg class="{css}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for i, bar in enumerate(bars):
        y = top + i * row
        out.append(
            f'<text x="{label_width - 10}" y="{y + bar_height / 2 + 4:.1f}" '
            f'text-anchor="end">{escape(labels[i])}</text>'
        )
        out.append(f'<rect x="{label_width}" y="{y}" width="{plot}" height="{bar_height}" '
                   f'fill="#eef1f4" rx="3"/>')
        x = float(label_width)
        opacity = ' fill-opacity="0.45"' if bar.muted else ""
        for key, value in bar.segments:
            w = max(0.0, plot * value / maximum) if maximum else 0.0
            if w <= 0:
                continue
            out.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_height}" '
                f'fill="{colours.get(key, "#7b8794")}"{opacity}>'
                f"<title>{escape(key)}: {escape(value_text(value))}</title></rect>"
            )
            x += w
        label = values[i]
        css = "value flagged" if bar.flag else "value"
        out.append(f'<text class="{css}" x="{x + 8:.1f}" y="{y + bar_height / 2 + 4:.1f}">'
                   f"{escape(label)}</text>")
    axis_x = label_width
    out.append(f'<line class="axis" x1="{axis_x}" y1="{top - 4}" x2="{axis_x}" '
               f'y2="{height - top + 4}" stroke="#cbd2d9"/>')
    out.append("</svg>")
    return Markup("".join(out))


def for_any_screen(bars: Sequence[Bar], **options: Any) -> Markup:
    """:func:`horizontal_bars` twice: as wide as a laptop's page and as narrow as a phone's
    (the style sheet shows the one that fits).

    Why: the wide drawing scaled down to a phone has type too small to read, and kept wide in
    a sideways scroll it hides the figures after the bars (the winner's total) off the screen.
    """
    wide = horizontal_bars(bars, **options, css="chart chart-wide")
    narrow = horizontal_bars(bars, **{**options, "width": 310, "label_width": 80},
                             value_width=80, label_chars=14, css="chart chart-narrow")
    return Markup(wide + narrow)


def legend(items: Sequence[tuple[str, str]], colours: dict[str, str]) -> Markup:
    """A legend: (key, label) pairs with their colour swatches."""
    parts = ['<ul class="legend">']
    for key, label in items:
        parts.append(
            '<li><svg width="12" height="12" aria-hidden="true" '
            'xmlns="http://www.w3.org/2000/svg">'
            f'<rect width="12" height="12" rx="2" fill="{colours.get(key, "#7b8794")}"/></svg>'
            f"{escape(label)}</li>"
        )
    parts.append("</ul>")
    return Markup("".join(parts))


def text_width(text: str, size: float = 13, bold: bool = False) -> int:
    """A generous estimate of ``text``'s width in pixels in the chart's sans-serif font.

    Why an estimate: the server cannot measure text; wide letters (M, W, Ş, Ü…) and capitals
    count more, so the estimate errs on the wide side and nothing is clipped.
    """
    wide = sum(1 for c in text if c.isupper() or c in "mwMW%")
    narrow = sum(1 for c in text if c in "il.,:;|' ")
    units = len(text) + 0.35 * wide - 0.45 * narrow
    return int(units * size * (0.62 if bold else 0.58)) + 2


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"
