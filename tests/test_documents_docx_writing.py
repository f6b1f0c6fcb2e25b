"""The Word builder writes its paragraphs, runs and tables without python-docx's slow paths
(issue 15, target 2), and the XML is what python-docx's own API made, byte for byte.

Checked without timing: each test builds the same content the old way (python-docx's API, as
the builder called it before) and the new way and compares the XML, and the slow calls are
made to fail.
"""

from __future__ import annotations

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor
from lxml import etree

from crmselect.documents import docx_builder
from crmselect.documents.docx_builder import DocxBuilder


def _body_xml(builder: DocxBuilder) -> list[bytes]:
    return [etree.tostring(child) for child in builder.doc.element.body]


def _old_paragraph(b: DocxBuilder, text: str = "", style: str | None = None, *,
                   bold: bool = False, italic: bool = False, size: float | None = None,
                   color: str | None = None, align: str | None = None,
                   space_after: float | None = None, keep_with_next: bool = False,
                   page_break: bool = False) -> None:
    """``DocxBuilder.paragraph`` as it was written with python-docx's API."""
    paragraph = b.doc.add_paragraph("")
    if style is not None:
        paragraph._p.style = b.doc.part.get_style_id(style, docx_builder.WD_STYLE_TYPE.PARAGRAPH)
    if page_break:
        paragraph.paragraph_format.page_break_before = True
    lines = docx_builder._text(text).split("\n")
    for i, line in enumerate(lines):
        run = paragraph.add_run(line)
        run.bold = bold or None
        run.italic = italic or None
        if size:
            run.font.size = Pt(size)
        if color:
            run.font.color.rgb = RGBColor.from_string(color)
        if i < len(lines) - 1:
            run.add_break()
    if align:
        paragraph.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER,
                               "right": WD_ALIGN_PARAGRAPH.RIGHT,
                               "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}.get(align)
    if space_after is not None:
        paragraph.paragraph_format.space_after = Pt(space_after)
    if keep_with_next:
        paragraph.paragraph_format.keep_with_next = True


PARAGRAPHS = [
    {"text": "Plain text"},
    {"text": ""},
    {"text": "  leading and trailing spaces  "},
    {"text": "Two\nlines\n\nand an empty one", "bold": True},
    {"text": "Tab\tinside and a\rcarriage return", "italic": True, "size": 8.5},
    {"text": "Ölçüt & <ağırlık> — “tırnak”", "color": "5a6b7d", "size": 9},
    {"text": "Centred", "align": "center", "space_after": 2, "keep_with_next": True},
    {"text": "Right", "align": "right"}, {"text": "Justified", "align": "justify"},
    {"text": "Left is the default", "align": "left"},
    {"text": "Styled", "style": "List Bullet", "bold": True, "italic": True},
    {"text": "Normal style has no id", "style": "Normal"},
    {"text": "After a page break", "style": "Heading 2", "page_break": True,
     "space_after": 0.5},
    {"text": "Control \x01 characters\x1f dropped", "space_after": 0},
]


@pytest.mark.parametrize("case", PARAGRAPHS, ids=lambda c: c["text"][:20] or "empty")
def test_a_paragraph_is_the_xml_python_docx_wrote(case):
    old, new = DocxBuilder(), DocxBuilder()
    page_break = case.pop("page_break", False) if "page_break" in case else False
    _old_paragraph(old, page_break=page_break, **case)
    if page_break:
        new.page_break()
    new.paragraph(**case)
    assert _body_xml(new) == _body_xml(old)


def test_labelled_bullets_and_spacers_are_the_xml_python_docx_wrote():
    old, new = DocxBuilder(), DocxBuilder()
    p = old.doc.add_paragraph("")
    p.add_run("Contact: ").bold = True
    p.add_run("Selin Aydın")
    for item in ["first", " second "]:
        old.doc.add_paragraph(item)._p.style = "ListBullet"
    old.doc.add_paragraph("").paragraph_format.space_after = Pt(4)
    new.labelled("Contact", "Selin Aydın")
    new.bullets(["first", " second "])
    new._paragraph(space_after=4)
    assert _body_xml(new) == _body_xml(old)


def test_paragraphs_do_not_go_through_python_docx_s_adders(monkeypatch):
    # python-docx's add_paragraph looked for the body's sectPr from the first child on for
    # every paragraph (quadratic), and each run property and paragraph setting looked for
    # its place among thirty-odd kinds of child.
    from docx.document import Document
    from docx.text.paragraph import Paragraph
    from docx.text.parfmt import ParagraphFormat

    builder = DocxBuilder()
    builder.page_numbers("{page}")

    def refuse(*args, **kwargs):
        raise AssertionError("python-docx's slow path")

    monkeypatch.setattr(Document, "add_paragraph", refuse)
    monkeypatch.setattr(Paragraph, "add_run", refuse)
    for name in ("space_after", "keep_with_next", "page_break_before"):
        monkeypatch.setattr(ParagraphFormat, name, property(lambda self: None, refuse))
    builder.heading("Introduction", 1)
    builder.paragraph("Text\nover two lines", bold=True, size=9, color="1F3A5F",
                      align="center", space_after=3, keep_with_next=True)
    builder.labelled("Label", "value")
    builder.bullets(["a", "b"])
    builder.page_break()
    builder.table(["Id", "Requirement"], [["A-1", "Text"]], widths=[1, 3])
    builder.key_values([("Contact", "Selin")])
    assert len(builder.doc.paragraphs) == 8


def test_a_paragraph_lands_before_the_body_s_section_properties():
    builder = DocxBuilder()
    builder.paragraph("one")
    builder.section(landscape=True)
    builder.paragraph("two")
    body = builder.doc.element.body
    assert body[-1].tag == docx_builder.qn("w:sectPr")
    assert builder.doc.paragraphs[-1].text == "two"
    assert len(body.findall(docx_builder.qn("w:sectPr"))) == 1


@pytest.mark.parametrize("ppr", [
    "", "<w:pPr/>", '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>',
    '<w:pPr><w:pStyle w:val="Heading1"/><w:spacing w:after="80"/><w:jc w:val="center"/></w:pPr>',
    '<w:pPr><w:pageBreakBefore/><w:spacing w:after="0"/></w:pPr>',
    '<w:pPr><w:pStyle w:val="X"/><w:keepNext w:val="0"/></w:pPr>',
    "<w:pPr><w:keepNext/></w:pPr>",
])
def test_keeping_a_paragraph_with_the_next_is_python_docx_s_xml(ppr):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.text.paragraph import Paragraph

    xml = f"<w:p {nsdecls('w')}>{ppr}<w:r><w:t>text</w:t></w:r></w:p>"
    old, new = parse_xml(xml), parse_xml(xml)
    Paragraph(old, None).paragraph_format.keep_with_next = True
    docx_builder._keep_next(new)
    assert etree.tostring(new) == etree.tostring(old)


def test_a_picture_keeps_the_last_paragraph_of_the_body_with_it(monkeypatch):
    from docx.document import Document

    builder = DocxBuilder()
    builder.paragraph("first")
    builder.paragraph("text before the chart")
    builder.table(None, [["a", "b"]])  # its spacer paragraph is the last one
    monkeypatch.setattr(Document, "paragraphs", property(lambda self: 1 / 0))
    builder.keep_last_paragraph_with_next()
    monkeypatch.undo()
    kept = [p.paragraph_format.keep_with_next for p in builder.doc.paragraphs]
    assert kept[-1] is True and kept[0] is None
    DocxBuilder().keep_last_paragraph_with_next()  # an empty body: nothing to keep
