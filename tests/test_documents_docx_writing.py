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
    p.paragraph_format.keep_with_next = True  # the line before a list stays with it
    for k, item in enumerate(["first", " second "]):
        old.doc.add_paragraph(item)._p.style = "ListBullet"
        if k == 0:  # and the first item with the second
            old.doc.paragraphs[-1].paragraph_format.keep_with_next = True
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


@pytest.mark.parametrize("corporate", [False, True])
def test_paragraph_style_ids_are_python_docx_s(tmp_path, corporate):
    from test_documents_infra import make_corporate_template

    from crmselect.documents.docx_builder import WD_STYLE_TYPE

    template = (make_corporate_template(tmp_path / "corporate.docx", drop_styles=("Title",))
                if corporate else None)
    builder = DocxBuilder(template=template)
    for name in ["Normal", "Title", "Subtitle", "Heading 1", "heading 2", "List Bullet",
                 "TOC Heading", "Table Text", "Footer"]:
        assert builder._paragraph_style_id(name) == builder.doc.part.get_style_id(
            name, WD_STYLE_TYPE.PARAGRAPH), name
    with pytest.raises(KeyError):
        builder._paragraph_style_id("No Such Style")
    with pytest.raises(ValueError, match="need type"):
        builder._paragraph_style_id("Default Paragraph Font")  # a character style


# --- table cells: the same XML without a Cell per plain value or per banded cell ------------


def _old_cell_xml(cell, width, style_id, size, keep_next=False):
    """``_cell_xml`` as it was (a Cell in, its XML out)."""
    from xml.sax.saxutils import escape

    from crmselect.documents.nobreak import unbreakable_numbers

    def run(text, bold, italic, color, size):
        props = ("<w:b/><w:bCs/>" if bold else "") + ("<w:i/><w:iCs/>" if italic else "")
        props += f'<w:color w:val="{color}"/>' if color else ""
        props += f'<w:sz w:val="{int(size * 2)}"/><w:szCs w:val="{int(size * 2)}"/>' if size else ""
        rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
        return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'

    tcpr = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if cell.fill:
        tcpr += f'<w:shd w:val="clear" w:color="auto" w:fill="{cell.fill}"/>'
    texts = cell.text if isinstance(cell.text, (list, tuple)) else [cell.text or ""]
    lines = []
    for text in texts:
        text = unbreakable_numbers(docx_builder._text(text))
        lines.extend(text.split("\n") if not cell.bullets else [text])
    lines = lines or [""]
    jc = {"center": "center", "right": "right"}.get(cell.align)
    ppr = "<w:pPr>" + (f'<w:pStyle w:val="{style_id}"/>' if style_id else "") + (
        "<w:keepNext/>" if keep_next else "") + (f'<w:jc w:val="{jc}"/>' if jc else "") + "</w:pPr>"
    paragraphs = "".join(
        f"<w:p>{ppr}" + (run(("\u2022 " if cell.bullets else "") + line,
                             cell.bold or (cell.lead and i == 0), cell.italic, cell.color, size)
                         if line else "") + "</w:p>"
        for i, line in enumerate(lines))
    return f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{paragraphs}</w:tc>"


def _old_table_cells(rows, banded, ncols):
    from dataclasses import replace

    from crmselect.documents.docmodel import Cell

    out = []
    for index, row in enumerate(rows):
        fill = docx_builder.BAND if banded and index % 2 == 1 else None
        for value in list(row) + [""] * (ncols - len(row)):
            cell = value if isinstance(value, Cell) else Cell(docx_builder._cell_text(value))
            if fill and cell.fill is None:
                cell = replace(cell, fill=fill)
            out.append(cell)
    return out


def _table_rows():
    from crmselect.documents.docmodel import Cell

    return [
        ["R-1", "Plain text & <markup>", 3, 2.0, 2.5, None],
        [Cell("Bold", bold=True), Cell(["Title", "its description"], lead=True),
         Cell(["one", "two"], bullets=True), Cell("1 234 567 TL", align="right"),
         Cell("x", fill=""), Cell(None, italic=True, color="5A6B7D")],
        [["a", "b\nc"], Cell("Filled", fill="FDECEA"), Cell("c", align="center", lead=True),
         Cell(["lead", "and bold"], lead=True, bold=True), "€ 12 500", "  spaced  "],
        ["short row"],
        [Cell(["x\ny"], bullets=True), Cell([]), Cell(["", None]), Cell(0), "", "\x01ctl"],
    ]


@pytest.mark.parametrize("banded", [True, False])
@pytest.mark.parametrize("keep_next", [True, False])
def test_table_cells_are_the_xml_they_were(banded, keep_next):
    from crmselect.documents.docmodel import Cell

    rows = _table_rows()
    old = [_old_cell_xml(cell, 1200, "TableText", 9.0, keep_next)
           for cell in _old_table_cells(rows, banded, 6)]
    new = []
    for index, row in enumerate(rows):
        band = docx_builder.BAND if banded and index % 2 == 1 else None
        for value in list(row) + [""] * (6 - len(row)):
            if isinstance(value, Cell):
                new.append(docx_builder._cell_xml(
                    value.text, 1200, "TableText", 9.0, keep_next, bold=value.bold,
                    lead=value.lead, italic=value.italic,
                    fill=band if value.fill is None else value.fill, color=value.color,
                    align=value.align, bullets=value.bullets))
            else:
                new.append(docx_builder._cell_xml(docx_builder._cell_text(value), 1200,
                                                  "TableText", 9.0, keep_next, fill=band))
    assert new == old
    header = Cell("Başlık", bold=True, fill=docx_builder.ACCENT, color=docx_builder.HEADER_TEXT)
    assert docx_builder._cell_xml("Başlık", 900, "", 8.5, True, bold=True,
                                  fill=docx_builder.ACCENT, color=docx_builder.HEADER_TEXT) == (
        _old_cell_xml(header, 900, "", 8.5, True))


def test_a_table_of_plain_values_makes_no_cell_objects(monkeypatch):
    # Each plain value became a Cell, and each cell of a banded row a copy with the band's
    # fill (dataclasses.replace): a third of the table's time.
    from crmselect.documents.docmodel import Cell

    builder = DocxBuilder()
    made = []
    real = Cell.__init__
    monkeypatch.setattr(Cell, "__init__", lambda self, *a, **k: made.append(1)
                        or real(self, *a, **k))
    builder.table(["Id", "Requirement", "Score"],
                  [[f"R-{k}", "Text " * k, k * 1.5] for k in range(6)], widths=[1, 3, 1])
    assert made == []
    tbl = builder.doc.tables[-1]
    assert [c.text for c in tbl.rows[2].cells] == ["R-1", "Text ", "1.5"]


def test_a_table_line_is_measured_once_whatever_its_cells(monkeypatch):
    docx_builder._line_ems.cache_clear()
    words = []
    real = docx_builder._words
    monkeypatch.setattr(docx_builder, "_words", lambda lines: words.append(list(lines))
                        or real(lines))
    texts = [[["Zorunlu"], ["1.234 TL", "Zorunlu"]], [["Zorunlu"], ["1.234 TL"]]]
    bold = [[False, False], [False, True]]
    widths = docx_builder._column_ems(2, None, texts, bold)
    assert words == [["Zorunlu"], ["1.234 TL"], ["1.234 TL"]]  # the last one in bold
    # what measuring every word of every cell gave
    expected = ([0.0, 0.0], [0.0, 0.0])
    for row, row_bold in zip(texts, bold, strict=True):
        for k, (lines, is_bold) in enumerate(zip(row, row_bold, strict=True)):
            for word in real(lines):
                ems = docx_builder._word_ems(word, is_bold)
                expected[0][k] = max(expected[0][k], ems)
                if docx_builder._is_number(word):
                    expected[1][k] = max(expected[1][k], ems)
    assert widths == expected
    assert expected[1][1] == docx_builder._word_ems("1.234\u00a0TL", True)


@pytest.mark.parametrize("sect", [
    "",  # no page size or margins: Letter with 1-inch margins
    '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>'
    '<w:pgMar w:top="1200" w:right="1000" w:bottom="-900" w:left="1300"/>',
    '<w:pgSz w:w="11906"/><w:pgMar w:left="1in" w:right="20mm"/>',
    '<w:pgSz w:h="16838"/><w:pgMar w:top="30pt"/>',
])
def test_text_width_and_height_are_what_python_docx_s_section_gives(sect):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.section import Section

    section = Section(parse_xml(f"<w:sectPr {nsdecls('w')}>{sect}</w:sectPr>"), None)
    emu = docx_builder.EMU_PER_TWIP

    def given(value, default):
        return value if value is not None else default * emu

    width = ((section.page_width or 12240 * emu) - given(section.left_margin, 1440)
             - given(section.right_margin, 1440))
    height = ((section.page_height or 15840 * emu) - given(section.top_margin, 1440)
              - given(section.bottom_margin, 1440))
    assert docx_builder._text_width(section) == int(width / emu)
    assert docx_builder._text_height(section) == int(height / emu)


def test_tables_and_footers_skip_python_docx_s_section_and_style_lookups(monkeypatch):
    # Each table read the page size and margins through python-docx's generic lookups, and
    # each footer found the default paragraph style by reading every style's type and flag.
    from docx.parts.document import DocumentPart
    from docx.section import Section

    builder = DocxBuilder()

    def refuse(*args, **kwargs):
        raise AssertionError("python-docx's slow lookup")

    def tables():
        with monkeypatch.context() as patch:
            for name in ("page_width", "page_height", "left_margin", "right_margin",
                         "top_margin", "bottom_margin"):
                patch.setattr(Section, name, property(refuse, getattr(Section, name).fset))
            builder.table(["Id", "Requirement"], [["A-1", "Text"]], widths=[1, 3])

    monkeypatch.setattr(DocumentPart, "get_style_id", refuse)
    builder.page_numbers("Page {page} of {pages}", left_text="RFP")
    tables()
    builder.section(landscape=True)  # a footer of its own
    tables()
    monkeypatch.undo()
    footer = builder.doc.sections[-1].footer.paragraphs[0]
    assert footer.style.name == "Footer" and footer.text.startswith("RFP")


# --- the starting document, prepared once per template ----------------------------------------


def _parts(builder: DocxBuilder, path) -> dict[str, bytes]:
    import zipfile

    builder.save(path)
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def _write_a_little(builder: DocxBuilder) -> DocxBuilder:
    builder.page_numbers("{page} / {pages}", left_text="Doc")
    builder.cover("Title", "Subtitle", [("Issued", "11 January 2027")], kicker="ACME A.Ş.")
    builder.toc("Contents")
    builder.heading("One", 1)
    builder.bullets(["a", "b"])
    builder.table(["Id", "Text"], [["A-1", "x"]], widths=[1, 3])
    return builder


@pytest.mark.parametrize("corporate", [False, True])
def test_a_document_starts_from_the_prepared_one_with_the_same_parts(tmp_path, monkeypatch,
                                                                    corporate):
    import datetime as dt

    from test_documents_infra import make_corporate_template

    monkeypatch.setattr(docx_builder, "_PREPARED", {})
    template = (make_corporate_template(tmp_path / "corporate.docx",
                                        drop_styles=("heading 1", "List Bullet", "Title"))
                if corporate else None)
    day = dt.date(2027, 1, 11)
    first = _parts(_write_a_little(DocxBuilder(template, language="tr", generated=day)),
                   tmp_path / "first.docx")

    def refuse(*args, **kwargs):
        raise AssertionError("prepared again")

    monkeypatch.setattr(DocxBuilder, "_house_look", refuse)
    monkeypatch.setattr(DocxBuilder, "_ensure_styles", refuse)
    monkeypatch.setattr(DocxBuilder, "_clear_body", refuse)
    second = _parts(_write_a_little(DocxBuilder(template, language="tr", generated=day)),
                    tmp_path / "second.docx")
    assert second == first
    assert len(docx_builder._PREPARED) == 1


def test_a_changed_template_or_table_size_is_prepared_again(tmp_path, monkeypatch):
    from test_documents_infra import make_corporate_template

    monkeypatch.setattr(docx_builder, "_PREPARED", {})
    path = make_corporate_template(tmp_path / "corporate.docx")
    DocxBuilder(path)
    make_corporate_template(path, drop_styles=("Title",))  # the same file, edited
    assert DocxBuilder(path)._style_id("Title") is not None  # created again in the house look
    small = DocxBuilder(path, table_font_size=8)
    assert small.doc.styles["Table Text"].font.size.pt == 8
    assert DocxBuilder(path).doc.styles["Table Text"].font.size.pt == 9
    assert len(docx_builder._PREPARED) == 3
    for _ in range(6):  # at most a few kept
        DocxBuilder(table_font_size=7 + _ / 2)
    assert len(docx_builder._PREPARED) == docx_builder._PREPARED_KEPT


def test_a_bad_template_is_refused_every_time(tmp_path, monkeypatch):
    from crmselect.errors import CrmselectError

    monkeypatch.setattr(docx_builder, "_PREPARED", {})
    bad = tmp_path / "not-a-docx.docx"
    bad.write_text("plain text", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(CrmselectError):
            DocxBuilder(bad)
        with pytest.raises(CrmselectError):
            DocxBuilder(tmp_path / "missing.docx")
    assert docx_builder._PREPARED == {}


def test_the_last_children_are_the_negative_slice():
    from lxml import etree as et

    root = et.Element("r")
    assert docx_builder._last_children(root, 3) == root[-3:] == []
    for k in range(5):
        et.SubElement(root, f"c{k}")
        root.append(et.Comment("note"))  # lxml counts comments among the children
        assert docx_builder._last_children(root, 3) == root[-3:]


def test_a_paragraph_is_made_inside_the_body_not_as_a_document_of_its_own(monkeypatch):
    # A loose element is a document of its own that lxml merges into the body's when it is
    # moved there: the paragraph is made as the body's child and moved before the sectPr.
    builder = DocxBuilder()

    class NoLooseElements:
        def makeelement(self, *args, **kwargs):
            raise AssertionError("a loose element")

    monkeypatch.setattr(docx_builder, "oxml_parser", NoLooseElements())
    builder.page_break()
    builder.paragraph("one", style="Heading 1", align="center", space_after=2)
    builder.bullets(["two"])
    builder.labelled("Three", "3")
    monkeypatch.undo()
    body = builder.doc.element.body
    assert [p.text for p in builder.doc.paragraphs] == ["one", "two", "Three: 3"]
    assert body[-1].tag == docx_builder.qn("w:sectPr")


def test_documents_prepared_from_several_threads_at_once(monkeypatch):
    # The web form builds documents from several threads: the kept documents stay consistent.
    from concurrent.futures import ThreadPoolExecutor

    monkeypatch.setattr(docx_builder, "_PREPARED", {})
    sizes = [7 + (k % 7) / 2 for k in range(28)]
    with ThreadPoolExecutor(max_workers=6) as pool:
        built = list(pool.map(lambda size: DocxBuilder(table_font_size=size), sizes))
    assert [b.doc.styles["Table Text"].font.size.pt for b in built] == sizes
    assert len(docx_builder._PREPARED) <= docx_builder._PREPARED_KEPT
