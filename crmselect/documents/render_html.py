"""A :class:`~crmselect.documents.docmodel.Document` as one self-contained HTML page.

Inline CSS, charts as inline SVG, no script, no external file and no network: the page can be
mailed or archived as it is, and prints cleanly (the cover and the contents on the first page,
tables and charts not split, header rows repeated). User text is escaped.
"""

from __future__ import annotations

import base64
import html
from pathlib import Path

from crmselect.documents import docmodel as m
from crmselect.documents.casing import upper
from crmselect.documents.nobreak import unbreakable_numbers
from crmselect.textsafety import clean_text

STYLE = """
:root { --accent: #1F3A5F; --muted: #5A6B7D; --border: #B7C3D0; --band: #F3F6FA; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "DejaVu Sans", "Segoe UI", Calibri, Arial, sans-serif;
  font-size: 14px; line-height: 1.45; color: #22303C; background: #fff; }
header.cover { background: var(--accent); color: #fff; padding: 28px 40px 22px; }
header.cover .kicker { letter-spacing: .06em; font-size: 12px;
  opacity: .8; margin: 0; }
header.cover h1 { margin: 6px 0 2px; font-size: 30px; }
header.cover .subtitle { margin: 0 0 14px; font-size: 16px; opacity: .9; }
header.cover dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px;
  margin: 0; font-size: 13px; }
header.cover dt { opacity: .75; }
header.cover dd { margin: 0; }
header.cover .control { margin: 14px 0 4px; font-size: 11px; letter-spacing: .06em;
  text-transform: uppercase; opacity: .75; }
header.cover .note { margin: 14px 0 0; font-size: 12px; font-style: italic; color: #fff;
  opacity: .75; }
nav.toc { padding: 14px 40px; background: var(--band); border-bottom: 1px solid var(--border);
  font-size: 13px; }
nav.toc ol { margin: 4px 0 0; padding-left: 20px; columns: 2; }
nav.toc a { color: var(--accent); }
main { max-width: 1100px; padding: 8px 40px 40px; }
h2 { color: var(--accent); font-size: 21px; margin: 30px 0 8px; padding-bottom: 4px;
  border-bottom: 2px solid var(--accent); }
h3 { color: var(--accent); font-size: 16px; margin: 20px 0 6px; }
h4 { color: var(--accent); font-size: 14px; margin: 16px 0 4px; }
p.note, .muted { color: var(--muted); }
p.note { font-style: italic; font-size: 12px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 14px; font-size: 13px; }
th, td { border: 1px solid var(--border); padding: 4px 7px; vertical-align: top;
  text-align: left; }
th { background: var(--accent); color: #fff; font-weight: bold; }
tbody tr:nth-child(even) td { background: var(--band); }
table.plain td, table.plain th { border: none; background: none; padding: 2px 12px 2px 0; }
table.plain td:first-child { color: var(--accent); font-weight: bold; white-space: nowrap; }
th.num, td.num { text-align: right; }
td.num, td.center { white-space: nowrap; }
td.center { text-align: center; }
td .line { display: block; }
td small { color: var(--muted); display: block; }
.scroll { overflow-x: auto; }
figure.chart { margin: 10px 0 18px; text-align: center; }
figure.chart svg, figure.chart img { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 12px; font-style: italic; }
ul li { margin-bottom: 3px; }
@media print {
  header.cover { background: none; color: var(--accent); padding: 0 0 12px; }
  nav.toc { background: none; padding: 0 0 12px; }
  main { padding: 0; max-width: none; }
  h2, h3, h4 { break-after: avoid; }
  tr, figure { break-inside: avoid; }
  thead { display: table-header-group; }
  .scroll { overflow: visible; }
}
"""


def _e(text: object) -> str:
    """Text escaped for HTML text and attributes (quotes as ``&#39;``/``&#34;``, the way the
    report has always written them; written so at once, not as ``html.escape`` writes them
    and then replaced: the report escapes some 3,500 texts)."""
    escaped = html.escape(clean_text("" if text is None else str(text)), quote=False)
    return escaped.replace('"', "&#34;").replace("'", "&#39;")


def _lines(text: str) -> str:
    return "<br>".join(_e(line) for line in clean_text(text).split("\n"))


#: The class of a cell by its alignment.
_ALIGN_CLASS = {"right": "num", "center": "center"}


def _cell(value: m.CellValue, tag: str = "td") -> str:
    if not isinstance(value, (m.Cell, list, tuple)):
        # Most cells: one line of plain text (what the loop below writes for it).
        line = clean_text(m.cell_lines(value)[0])
        if "\n" not in line and line[:1] != " ":
            return f"<{tag}>{_e(unbreakable_numbers(line))}</{tag}>"
    cell = value if isinstance(value, m.Cell) else m.Cell(
        list(value) if isinstance(value, (list, tuple)) else m.cell_lines(value)[0])
    classes = _ALIGN_CLASS.get(cell.align, "")
    style = ""
    if cell.fill:
        style += f"background:#{cell.fill};"
    if cell.color:
        style += f"color:#{cell.color};"
    attrs = (f' class="{classes}"' if classes else "") + (f' style="{style}"' if style else "")
    if not (cell.bold or cell.lead or cell.italic or cell.bullets
            or isinstance(cell.text, (list, tuple))):
        line = clean_text(m.cell_lines(cell)[0])
        if "\n" not in line and line[:1] != " ":  # one line, as the loop below writes it
            return f"<{tag}{attrs}>{_e(unbreakable_numbers(line))}</{tag}>"
    lines = [piece for line in m.cell_lines(cell) for piece in
             (clean_text(line).split("\n") if not cell.bullets else [clean_text(line)])]
    parts = []
    for i, line in enumerate(lines):
        indent = len(line) - len(line.lstrip(" "))
        text = ("• " if cell.bullets and line else "") + "&nbsp;" * indent + _e(
            unbreakable_numbers(line.lstrip(" ")))
        if cell.bold or (cell.lead and i == 0):
            text = f"<strong>{text}</strong>"
        if cell.italic:
            text = f"<em>{text}</em>"
        if i and cell.align in ("right", "center") and not cell.bold:
            parts.append(f"<small>{text}</small>")
        elif len(lines) > 1:
            parts.append(f'<span class="line">{text}</span>')
        else:
            parts.append(text)
    return f"<{tag}{attrs}>{''.join(parts)}</{tag}>"


def _table(block: m.Table | m.KeyValues) -> str:
    if isinstance(block, m.KeyValues):
        rows = tuple((k, v) for k, v in block.pairs)
        headers = None
        plain = not block.borders
    else:
        rows, headers, plain = block.rows, block.headers, not block.borders
    ncols = len(headers) if headers is not None else max((len(r) for r in rows), default=1)
    rows = tuple(tuple(r) + ("",) * (ncols - len(r)) for r in rows)
    out = ['<div class="scroll"><table class="plain">' if plain else '<div class="scroll"><table>']
    if headers is not None:
        numeric = []
        for k in range(ncols):
            cells = [r[k] for r in rows if m.cell_lines(r[k]) != [""]]
            numeric.append(bool(cells) and all(
                isinstance(c, m.Cell) and c.align == "right" for c in cells))
        out.append("<thead><tr>" + "".join(
            ('<th class="num">' if num else "<th>") + f"{_e(h)}</th>"
            for h, num in zip(headers, numeric, strict=True)) + "</tr></thead>")
    widths = block.widths if block.widths and len(block.widths) == ncols else None
    if widths:
        total = sum(widths)
        out.insert(1, "<colgroup>" + "".join(f'<col style="width:{100 * w / total:.1f}%">'
                                             for w in widths) + "</colgroup>")
    out.append("<tbody>")
    for row in rows:
        if isinstance(block, m.KeyValues):
            out.append(f"<tr><td>{_e(row[0])}</td><td>{_lines(str(row[1]))}</td></tr>")
        else:
            out.append("<tr>" + "".join(_cell(v) for v in row) + "</tr>")
    out.append("</tbody></table></div>")
    return "\n".join(out)


def _paragraph(block: m.Paragraph) -> str:
    text = _lines(block.text)
    if not text:
        return ""
    if block.bold:
        text = f"<strong>{text}</strong>"
    small = block.size is not None and block.size < 9.5
    classes = "note" if block.italic and (small or block.color) else ""
    if block.italic and not classes:
        text = f"<em>{text}</em>"
    if block.color and not classes:
        classes = "muted"
    style = f' style="text-align:{block.align}"' if block.align in ("center", "right") else ""
    attrs = f' class="{classes}"' if classes else ""
    return f"<p{attrs}{style}>{text}</p>"


def _picture(block: m.Picture) -> str:
    if block.svg:
        body = block.svg
    else:
        data = block.image if isinstance(block.image, bytes) else Path(block.image).read_bytes()
        body = (f'<img alt="{_e(block.alt or block.caption)}" '
                f'src="data:image/png;base64,{base64.b64encode(data).decode()}">')
    caption = f"<figcaption>{_e(block.caption)}</figcaption>" if block.caption else ""
    return f'<figure class="chart">{body}{caption}</figure>'


def _cover(block: m.Cover, language: str) -> str:
    """The cover; upper case is written out (CSS would apply the page's language rules to a
    Turkish name in an English report: "ENDÜSTRI")."""
    out = ['<header class="cover">']
    if block.kicker:
        kicker = upper(clean_text(block.kicker), block.kicker_language or language)
        out.append(f'<p class="kicker">{_e(kicker)}</p>')
    out.append(f"<h1>{_e(block.title)}</h1>")
    if block.subtitle:
        out.append(f'<p class="subtitle">{_e(block.subtitle)}</p>')
    if block.facts:
        out.append("<dl>" + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>"
                                    for k, v in block.facts) + "</dl>")
    if block.approval:
        # Upper case by CSS: the heading is in the page's language (the lang attribute).
        out.append(f'<p class="control">{_e(block.approval_title)}</p><dl>' + "".join(
            f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in block.approval) + "</dl>")
    if block.note:
        out.append(f'<p class="note">{_e(block.note)}</p>')
    out.append("</header>")
    return "\n".join(out)


def _toc(block: m.Toc, headings: list[tuple[str, m.Heading]]) -> str:
    items = "".join(f'<li><a href="#{anchor}">{_e(h.text)}</a></li>'
                    for anchor, h in headings if h.level == 1)
    return (f'<nav class="toc" aria-label="{_e(block.title)}"><strong>{_e(block.title)}'
            f"</strong>\n<ol>{items}</ol></nav>")


def render_html(document: m.Document) -> str:
    """The document as a complete HTML page."""
    anchors = {id(b): f"s{n}" for n, b in enumerate(
        (b for b in document.blocks if isinstance(b, m.Heading)), start=1)}
    headings = [(anchors[id(b)], b) for b in document.blocks if isinstance(b, m.Heading)]
    cover = next((b for b in document.blocks if isinstance(b, m.Cover)), None)
    title = " — ".join(x for x in ((cover.title, cover.subtitle) if cover else ()) if x)
    head, body = [], []
    for block in document.blocks:
        match block:
            case m.Cover():
                head.append(_cover(block, document.language))
            case m.Toc():
                head.append(_toc(block, headings))
            case m.Heading():
                level = min(block.level, 3) + 1
                body.append(f'<h{level} id="{anchors[id(block)]}">{_e(block.text)}</h{level}>')
            case m.Paragraph():
                body.append(_paragraph(block))
            case m.Labelled():
                body.append(f"<p><strong>{_e(block.label)}:</strong> {_lines(block.text)}</p>")
            case m.Bullets():
                body.append("<ul>" + "".join(f"<li>{_lines(item)}</li>" for item in block.items)
                            + "</ul>")
            case m.Table() | m.KeyValues():
                body.append(_table(block))
            case m.Picture():
                body.append(_picture(block))
            case m.Colophon():
                body.append(f'<p class="note">{_e(block.text)}</p>')
    lang = _e(document.language)
    return "\n".join([
        "<!DOCTYPE html>", f'<html lang="{lang}">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="crmselect">', f"<title>{_e(title)}</title>",
        f"<style>{STYLE}</style>", "</head>", "<body>", *head, "<main>",
        *[b for b in body if b], "</main>", "</body>", "</html>", ""])
