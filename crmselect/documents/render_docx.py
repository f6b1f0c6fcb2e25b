"""A :class:`~crmselect.documents.docmodel.Document` as a Word file.

The blocks are replayed, in order, into a :class:`DocxBuilder`, which owns the Word look: the
house styles or the user's corporate template (``--template``), the table of contents, long
tables, landscape sections and the page-number footer.
"""

from __future__ import annotations

from pathlib import Path

from crmselect.documents import docmodel as m
from crmselect.documents.docx_builder import DocxBuilder


def render_docx(document: m.Document) -> DocxBuilder:
    """The document in a :class:`DocxBuilder`, ready to :meth:`~DocxBuilder.save`.

    A bad ``--template`` fails here, before anything is written.
    """
    b = DocxBuilder(template=document.template, table_font_size=document.table_font_size,
                    language=document.language, generated=document.generated)
    for block in document.blocks:
        _replay(b, block)
    return b


def write_docx(document: m.Document, path: Path) -> Path:
    """Render ``document`` and write it to ``path`` atomically."""
    return render_docx(document).save(path)


def _replay(b: DocxBuilder, block: m.Block) -> None:
    match block:
        case m.Heading():
            b.heading(block.text, block.level)
        case m.Paragraph():
            b.paragraph(block.text, bold=block.bold, italic=block.italic, size=block.size,
                        color=block.color, style=block.style, align=block.align,
                        space_after=block.space_after, keep_with_next=block.keep_with_next)
        case m.Table():
            b.table(block.headers, block.rows, block.widths, borders=block.borders,
                    banded=block.banded, font_size=block.font_size,
                    keep_together=block.keep_together)
        case m.KeyValues():
            b.key_values(block.pairs, borders=block.borders, widths=block.widths)
        case m.Bullets():
            b.bullets(block.items)
        case m.Labelled():
            b.labelled(block.label, block.text)
        case m.Colophon():
            b.paragraph(block.text, italic=True, size=8, color="5A6B7D")
        case m.Picture():
            if block.keep_with_previous:
                b.keep_last_paragraph_with_next()
            b.picture(block.image, block.width_inches, block.caption)
        case m.PageBreak():
            b.page_break()
        case m.Section():
            b.section(block.landscape)
        case m.Cover():
            b.cover(block.title, block.subtitle, block.facts, kicker=block.kicker,
                    note=block.note, approval_title=block.approval_title,
                    approval=block.approval, kicker_language=block.kicker_language)
        case m.Toc():
            b.toc(block.title, block.hint)
        case m.PageNumbers():
            b.page_numbers(block.label, block.left_text)
        case m.Properties():
            b.properties(block.title, block.author, block.subject)
        case _:
            raise TypeError(f"unknown block {block!r}")
