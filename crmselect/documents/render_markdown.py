"""A :class:`~crmselect.documents.docmodel.Document` as Markdown (CommonMark with GFM tables).

The document's title is the only ``#`` heading; its level-1 headings are ``##``, and so on.
Every block is separated from the next by a blank line, so that a list never runs into the
paragraph before or after it. User text is escaped: vendor text cannot break a table or
inject markup. Page breaks, sections, the table of contents and the footer have no Markdown
form and are left out.
"""

from __future__ import annotations

import re

from crmselect.documents import docmodel as m
from crmselect.textsafety import clean_text

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md_inline(value: object) -> str:
    """User text as one line of Markdown: cleaned, whitespace collapsed, markup escaped."""
    text = re.sub(r"\s+", " ", clean_text(str(value))).strip()
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_cell(value: object) -> str:
    """User text for a Markdown table cell: like :func:`md_inline`, line breaks kept as <br>."""
    if isinstance(value, (list, tuple)):
        return "<br>".join(md_cell(v) for v in value)
    lines = [md_inline(line) for line in clean_text(str(value)).splitlines()]
    return "<br>".join(line for line in lines if line) or " "


def _emphasis(text: str, bold: bool = False, italic: bool = False) -> str:
    if not text:
        return text
    if bold:
        text = f"**{text}**"
    if italic:
        text = f"*{text}*"
    return text


def _paragraph(block: m.Paragraph) -> str:
    lines = [md_inline(line) for line in clean_text(block.text).split("\n")]
    lines = [_emphasis(line, block.bold, block.italic) for line in lines if line]
    # A line break inside a paragraph: a backslash at the end of the line (CommonMark).
    return "\\\n".join(lines)


def _cell(value: m.CellValue) -> str:
    lines = [line for line in m.cell_lines(value)]
    if not isinstance(value, m.Cell):
        return md_cell(lines)
    parts = []
    for i, line in enumerate(lines):
        for k, piece in enumerate(clean_text(line).splitlines() or [""]):
            text = md_inline(piece)
            if value.bullets and k == 0:
                text = f"• {text}" if text else text
            parts.append(_emphasis(text, value.bold or (value.lead and i == 0), value.italic))
    return "<br>".join(p for p in parts if p) or " "


def _table(headers: tuple[str, ...] | None, rows: tuple[tuple[m.CellValue, ...], ...]) -> str:
    ncols = len(headers) if headers is not None else max((len(r) for r in rows), default=1)
    rows = tuple(tuple(r) + ("",) * (ncols - len(r)) for r in rows)
    aligns = []
    for k in range(ncols):
        cells = [r[k] for r in rows if m.cell_lines(r[k]) != [""]]
        right = bool(cells) and all(isinstance(c, m.Cell) and c.align == "right" for c in cells)
        aligns.append("---:" if right else "---")
    head = [md_inline(h) or " " for h in headers] if headers is not None else [" "] * ncols
    out = ["| " + " | ".join(head) + " |", "|" + "|".join(aligns) + "|"]
    out += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(out)


def _cover(block: m.Cover) -> str:
    parts = [f"# {md_inline(block.title)}"]
    lead = " — ".join(x for x in (_emphasis(md_inline(block.kicker), bold=True),
                                  md_inline(block.subtitle)) if x)
    if lead:
        parts.append(lead)
    if block.facts:
        parts.append("\n".join(f"- {md_inline(k)}: {md_inline(v)}" for k, v in block.facts))
    if block.approval:
        parts.append(f"**{md_inline(block.approval_title)}**\n\n" + "\n".join(
            f"- {md_inline(k)}: {md_inline(v)}" for k, v in block.approval))
    if block.note:
        parts.append(_emphasis(md_inline(block.note), italic=True))
    return "\n\n".join(parts)


def _block(block: m.Block) -> str:
    match block:
        case m.Cover():
            return _cover(block)
        case m.Heading():
            return "#" * (min(block.level, 5) + 1) + " " + md_inline(block.text)
        case m.Paragraph():
            return _paragraph(block)
        case m.Labelled():
            return f"**{md_inline(block.label)}:** {md_inline(block.text)}"
        case m.Bullets():
            return "\n".join(f"- {md_inline(item)}" for item in block.items if str(item).strip())
        case m.KeyValues():
            return "\n".join(f"- **{md_inline(k)}:** {md_inline(v)}" for k, v in block.pairs)
        case m.Table():
            return _table(block.headers, block.rows)
        case m.Picture():
            return _emphasis(md_inline(block.caption or block.alt), italic=True)
        case m.Colophon():
            return _emphasis(md_inline(block.text), italic=True)
        case _:
            return ""  # page furniture, breaks and sections have no Markdown form


def render_markdown(document: m.Document) -> str:
    """The document as Markdown text, ending with one newline."""
    parts = [text for text in (_block(b) for b in document.blocks) if text.strip()]
    return "\n\n".join(parts) + "\n"
