"""Building Word documents that look professional and stay fast with thousands of table rows.

:class:`DocxBuilder` wraps python-docx with the pieces every crmselect document needs: a cover
page, a table of contents with live page numbers, headings, bullet lists, key–value blocks,
long tables with a shaded header row that repeats on every page, landscape sections and page
numbers.

Why tables are written as XML: python-docx's ``table.add_row()`` and ``table.cell()`` walk the
whole table on every call, so a 1,000-requirement RFP takes quadratic time. Each table here is
built as one XML string and parsed once — linear in the number of cells.

Why the table of contents is not a TOC field: LibreOffice shows a TOC field's stored text as
it is and does not compute the ``PAGEREF`` fields inside it (tried with LibreOffice 7.4: stored
numbers, empty ones, ``w:dirty``, a ``docPartObj`` wrapper — all shown as stored), and a
guessed number would be wrong. Each entry is instead a paragraph in the "toc N" style: a link
to a bookmark on the heading, a dotted right tab and a ``PAGEREF`` field to that bookmark with
no stored result. LibreOffice computes such a field while it lays the pages out, so the numbers
are right on opening and in a plain ``soffice --convert-to pdf``; Word computes them when it
refreshes the fields on opening (``w:updateFields``). The entries are written once, when the
file is saved; Word's "Update Table" does not rebuild them (there is no TOC field to update),
and a previewer that computes no fields shows the entries without numbers.

With ``template=`` the user's corporate ``.docx`` is the starting point: its styles, headers,
footers and logo are kept, its body is removed, and styles it lacks are created in the house look.
Every text goes through :func:`crmselect.textsafety.clean_text`.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import threading
import zipfile
from collections.abc import Iterable, Sequence
from functools import lru_cache
from html import escape  # not xml.sax.saxutils': it imports urllib.request, ssl, email
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, nsmap, qn
from docx.oxml.parser import oxml_parser
from docx.oxml.simpletypes import ST_SignedTwipsMeasure, ST_TwipsMeasure
from docx.oxml.text.run import _RunContentAppender
from docx.section import Section
from docx.shared import Pt, RGBColor, Twips
from docx.styles import BabelFish
from docx.text.paragraph import Paragraph
from lxml import etree

from crmselect.documents.casing import upper
from crmselect.documents.docmodel import Cell, CellValue
from crmselect.documents.nobreak import is_number as _is_number
from crmselect.documents.nobreak import unbreakable_numbers
from crmselect.documents.output import atomic_path
from crmselect.errors import CrmselectError, Issue
from crmselect.i18n.compat import t
from crmselect.textsafety import clean_text

#: Document language → the language tag Word and LibreOffice use.
LANGUAGE_TAGS = {"en": "en-GB", "tr": "tr-TR"}


FONT = "Calibri"
ACCENT = "1F3A5F"  # headings, header rows
MUTED = "5A6B7D"  # cover page captions
BORDER = "B7C3D0"
BAND = "F3F6FA"  # every other table row
HEADER_TEXT = "FFFFFF"
EMU_PER_TWIP = 635
#: Tables with at most this many rows are kept on one page when they fit easily
#: (see :data:`KEEP_TOGETHER_SHARE`).
KEEP_TOGETHER_ROWS = 12
#: A table is kept on one page only when its estimated height is at most this share of the
#: page's text height. Why: keeping a taller table together pushes it to the next page and
#: leaves a large empty area (LibreOffice then splits it anyway when it does not fit).
#: Longer tables flow; their heading stays with the header row and the first row.
KEEP_TOGETHER_SHARE = 0.4
#: The most paragraphs between a heading and a table, list or picture that are kept on the
#: page of what they introduce (an intro and a "Vendors 1–5 of 12" line; more is running text).
KEEP_WITH_HEADING = 3
#: Average character width in ems, generous enough for Calibri and its usual substitutes
#: (Carlito, DejaVu Sans), to estimate line wraps.
CHAR_EM = 0.55
#: Words longer than this may wrap inside a column (identifiers, URLs).
LONGEST_WORD = 16
#: Left plus right cell margin (``tblCellMar``), in twips.
CELL_MARGINS = 180
#: The narrowest a text column is made to give room to the numbers beside it (twips).
MIN_COLUMN = 700
#: A table's font is made at most this many points smaller so that no word breaks.
SMALLEST_SHRINK = 1.5

_W = nsdecls("w")
#: Elements that must follow ``w:updateFields`` in settings.xml (schema order).
_SETTINGS_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol",
    "listSeparator",
)




#: Tags and attributes of the elements the builder makes itself (see :func:`_new_paragraph`).
_TAG = {name: qn(f"w:{name}") for name in (
    "p", "pPr", "pStyle", "keepNext", "pageBreakBefore", "spacing", "jc", "r", "rPr", "b", "i",
    "color", "sz", "t", "br", "sectPr", "pgSz", "pgMar", "noBreakHyphen")}
_VAL = qn("w:val")
_AFTER = qn("w:after")
_XML_SPACE = qn("xml:space")
_W_NSMAP = {"w": nsmap["w"]}
_UNSET = object()
#: Starting documents already prepared in this process (:meth:`DocxBuilder._prepare`): the
#: template's bytes (None: the house look) and the table font size → the ``.docx`` bytes and
#: the table style's name. The oldest is dropped beyond :data:`_PREPARED_KEPT`.
_PREPARED: dict[tuple[bytes | None, float], tuple[bytes, str | None]] = {}
_PREPARED_KEPT = 4
_PREPARED_LOCK = threading.Lock()
#: What python-docx writes for ``paragraph.alignment`` (``WD_ALIGN_PARAGRAPH``).
_JC = {"center": "center", "right": "right", "justify": "both"}


def _text(value: object) -> str:
    if value is None:
        return ""
    return clean_text(str(value))


def _run_xml(text: str, bold: bool = False, italic: bool = False, color: str | None = None,
             size: float | None = None) -> str:
    rpr = _rpr_xml(bold, italic, color, size)
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text, quote=False)}</w:t></w:r>'


def _new_paragraph(style_id: str | None = None, *, with_ppr: bool = False,
                   keep_next: bool = False, page_break: bool = False,
                   space_after: float | None = None, jc: str | None = None,
                   parent: etree._Element | None = None) -> etree._Element:
    """A new ``w:p`` with its ``w:pPr`` children in schema order: the XML python-docx writes
    for ``add_paragraph()`` and the ``style``, ``paragraph_format`` and ``alignment`` setters.

    Why not python-docx: each of its setters looks for the place of its element among the
    thirty-odd kinds a ``w:pPr`` may hold (a ``find`` per kind), and ``add_paragraph`` looks
    for the body's ``w:sectPr`` from the first child on, for every paragraph. ``with_ppr``
    makes an empty ``w:pPr`` where python-docx would (a style whose id is None: the default).
    With ``parent`` the paragraph is made as its last child (no document of its own to make
    and merge; the caller moves it where it belongs).
    """
    if parent is not None:
        p = etree.SubElement(parent, _TAG["p"])
    else:
        p = oxml_parser.makeelement(_TAG["p"], nsmap=_W_NSMAP)
    if with_ppr or style_id or keep_next or page_break or space_after is not None or jc:
        ppr = etree.SubElement(p, _TAG["pPr"])
        if style_id:
            etree.SubElement(ppr, _TAG["pStyle"]).set(_VAL, style_id)
        if keep_next:
            etree.SubElement(ppr, _TAG["keepNext"])
        if page_break:
            etree.SubElement(ppr, _TAG["pageBreakBefore"])
        if space_after is not None:
            etree.SubElement(ppr, _TAG["spacing"]).set(_AFTER, str(Pt(space_after).twips))
        if jc:
            etree.SubElement(ppr, _TAG["jc"]).set(_VAL, jc)
    return p


def _add_run(p: etree._Element, text: str, *, props: bool = False, bold: bool = False,
             italic: bool = False, size: float | None = None,
             color: str | None = None) -> etree._Element:
    """Append to ``p`` the run python-docx's ``paragraph.add_run(text)`` makes; with
    ``props``, also the ``w:rPr`` its ``bold``, ``italic``, ``font.size`` and
    ``font.color.rgb`` setters make (an empty one when none is set, as they leave it).

    Text with a tab or a line break goes through python-docx's own character loop (``w:tab``,
    ``w:br``); other text is one ``w:t``, kept as it is when it starts or ends with a space.
    """
    r = etree.SubElement(p, _TAG["r"])
    if props:
        rpr = etree.SubElement(r, _TAG["rPr"])
        if bold:
            etree.SubElement(rpr, _TAG["b"])
        if italic:
            etree.SubElement(rpr, _TAG["i"])
        if color:
            etree.SubElement(rpr, _TAG["color"]).set(_VAL, str(RGBColor.from_string(color)))
        if size:
            etree.SubElement(rpr, _TAG["sz"]).set(_VAL, str(int(Pt(size).pt * 2)))
    if not text:
        return r
    if "\t" in text or "\n" in text or "\r" in text:
        _RunContentAppender.append_to_run_from_text(r, text)
        return r
    pieces = _identifier_pieces(text) if "-" in text else None
    for k, piece in enumerate(pieces or [text]):
        if k:  # an identifier's hyphen (see _texts_xml)
            etree.SubElement(r, _TAG["noBreakHyphen"])
        if piece:
            t = etree.SubElement(r, _TAG["t"])
            t.text = piece
            if len(piece.strip()) < len(piece):
                t.set(_XML_SPACE, "preserve")
    return r


#: A4 portrait, width and height in twips (210 × 297 mm), as Word writes it.
A4_TWIPS = (11906, 16838)


class DocxBuilder:
    """An append-only Word document with the house look (or the user's template).

    Typical use::

        b = DocxBuilder(template=None)
        b.page_numbers("Page {page} of {pages}")
        b.cover("Request for Proposal", "CRM selection 2027", [("Issued", "11 January 2027")])
        b.toc("Contents")
        b.heading("Introduction", 1)
        b.paragraph("…")
        b.table(["Id", "Requirement"], rows, widths=[1, 4])
        b.save(path)
    """

    def __init__(self, template: Path | str | None = None, table_font_size: float = 9,
                 language: str = "en", generated: dt.date | None = None) -> None:
        self.from_template = template is not None
        self.created = document_time(generated)
        self.language = language
        self.table_font_size = table_font_size
        self._style_ids: dict[str, str | None] = {}
        self._style_count = -1  # children of the styles part when their names were read
        self._paragraph_style_ids: dict[str, str | None] = {}
        self._default_paragraph_style: object = _UNSET
        self._prepare(None if template is None else Path(template))
        self._body = self.doc.element.body  # the same element for the document's life
        self._set_language()
        self.properties()
        self._headings: list[tuple[str, int, str]] = []
        self._toc_anchor: etree._Element | None = None
        self._toc_width = 0
        self._bookmarks = 0
        self._footer: tuple[str, str] | None = None
        self._break_pending = False
        self._request_field_update()

    # --- set-up ---------------------------------------------------------------------------

    def _prepare(self, template: Path | None) -> None:
        """The starting document: the user's template without its body, or python-docx's
        default one in the house look, with the styles the builder uses.

        Prepared once per process for each template (by its bytes) and table font size, and
        kept as a ``.docx`` in memory that each later document opens: the preparation made a
        proxy of every style several times over (half the cost of a new document), and the
        documents of a build all start from the same one.
        """
        key = None
        if template is None or template.is_file():
            try:
                key = (None if template is None else template.read_bytes(),
                       float(self.table_font_size))
            except OSError:
                key = None  # opened below, which says what is wrong with it
        prepared = _PREPARED.get(key) if key is not None else None
        if prepared is not None:
            blob, self._table_style = prepared
            self.doc = Document(io.BytesIO(blob))
            return
        if template is not None:
            self.doc = _open_template(template)
            self._clear_body()
        else:
            self.doc = Document()
            self._house_look()
        self._ensure_styles()
        if key is not None:
            stream = io.BytesIO()
            self.doc.save(stream)
            with _PREPARED_LOCK:  # the web form builds documents from several threads
                while len(_PREPARED) >= _PREPARED_KEPT:
                    del _PREPARED[next(iter(_PREPARED))]
                _PREPARED[key] = (stream.getvalue(), self._table_style)

    def properties(self, title: str = "", author: str = "", subject: str = "") -> None:
        """The document's metadata (File › Properties): title, author (the organisation the
        document is for), subject, language tag and times, replacing what python-docx's
        default template (or the user's template) carries: its "python-docx" author, its
        2013 creation date, its revision count. :meth:`cover` calls this with its own texts."""
        props = self.doc.core_properties
        now = self.created
        props.title = _text(title)[:255]
        props.subject = _text(subject)[:255]
        props.author = _text(author)[:255]
        props.last_modified_by = _text(author)[:255]
        props.created = now
        props.modified = now
        props.revision = 1
        props.language = LANGUAGE_TAGS.get(self.language, "en-GB")
        props.comments = ""
        props.keywords = ""
        props.category = ""
        props.content_status = ""
        props.identifier = ""
        props.version = ""

    def _set_language(self) -> None:
        """Mark the text as Turkish or English, so that Word and LibreOffice check spelling,
        hyphenate and change case by the right rules."""
        tag = LANGUAGE_TAGS.get(self.language, "en-GB")
        styles = self.doc.styles.element
        defaults = styles.find(qn("w:docDefaults"))
        if defaults is None:
            defaults = parse_xml(f"<w:docDefaults {nsdecls('w')}/>")
            styles.insert(0, defaults)
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is None:
            rpr_default = parse_xml(f"<w:rPrDefault {nsdecls('w')}/>")
            defaults.insert(0, rpr_default)
        rpr = rpr_default.find(qn("w:rPr"))
        if rpr is None:
            rpr = parse_xml(f"<w:rPr {nsdecls('w')}/>")
            rpr_default.append(rpr)
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = parse_xml(f"<w:lang {nsdecls('w')}/>")
            rpr.append(lang)
        lang.set(qn("w:val"), tag)
        lang.set(qn("w:eastAsia"), tag)
        lang.set(qn("w:bidi"), "ar-SA")

    def _clear_body(self) -> None:
        """Remove the template's content but keep its final section (page set-up, headers)."""
        body = self.doc.element.body
        final = body.find(qn("w:sectPr"))
        inner = body.findall(f".//{qn('w:pPr')}/{qn('w:sectPr')}")
        if final is not None:
            present = {(r.tag, r.get(qn("w:type"))) for r in final.iterchildren(
                qn("w:headerReference"), qn("w:footerReference"))}
            # A header defined only in an earlier section is kept by moving its reference.
            for sect in inner:
                for ref in sect.iterchildren(qn("w:headerReference"), qn("w:footerReference")):
                    key = (ref.tag, ref.get(qn("w:type")))
                    if key not in present:
                        final.insert(0, ref)
                        present.add(key)
        for child in list(body):
            if child is not final:
                body.remove(child)

    def _house_look(self) -> None:
        """One font family, consistent spacing, dark-blue headings (only without a template)."""
        styles = self.doc.styles
        normal = styles["Normal"]
        _set_font(normal, FONT, 10)
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = 1.1
        for name, size, before, after in (("Heading 1", 16, 18, 8), ("Heading 2", 13, 14, 6),
                                          ("Heading 3", 11, 10, 4)):
            style = styles[name]
            _set_font(style, FONT, size, bold=True, color=ACCENT)
            style.paragraph_format.space_before = Pt(before)
            style.paragraph_format.space_after = Pt(after)
            style.paragraph_format.keep_with_next = True
        _set_font(styles["Title"], FONT, 28, bold=True, color=ACCENT)
        _remove_borders(styles["Title"])
        styles["Title"].paragraph_format.space_after = Pt(6)
        _set_font(styles["Subtitle"], FONT, 14, color=MUTED)
        styles["Subtitle"].font.italic = False
        for name in ("Header", "Footer"):
            _set_font(styles[name], FONT, 8, color=MUTED)
        _set_font(styles["List Bullet"], FONT, 10)
        styles["List Bullet"].paragraph_format.space_after = Pt(2)
        _set_font(styles["TOC Heading"], FONT, 16, bold=True, color=ACCENT)
        for section in self.doc.sections:
            # A4 (python-docx's default template is US Letter, which no Turkish or European
            # printer holds); landscape sections swap these in :meth:`section`.
            section.page_width, section.page_height = Twips(A4_TWIPS[0]), Twips(A4_TWIPS[1])
            section.left_margin = section.right_margin = Pt(64)
            section.top_margin = section.bottom_margin = Pt(60)

    def _ensure_styles(self) -> None:
        """Create, in the house look, every style this builder uses that the document lacks."""
        styles = self.doc.styles
        names = {s.name for s in styles}
        levels = {"Heading 1": (16, 0), "Heading 2": (13, 1), "Heading 3": (11, 2)}
        for name, (size, outline) in levels.items():
            if name not in names:
                style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
                style.base_style = styles["Normal"]
                _set_font(style, None, size, bold=True, color=ACCENT)
                style.paragraph_format.space_before = Pt(14)
                style.paragraph_format.space_after = Pt(6)
                style.paragraph_format.keep_with_next = True
                style.element.get_or_add_pPr().append(
                    parse_xml(f'<w:outlineLvl {_W} w:val="{outline}"/>'))
        for name, size, color in (("Title", 28, ACCENT), ("Subtitle", 14, MUTED),
                                  ("TOC Heading", 16, ACCENT)):
            if name not in names:
                style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
                style.base_style = styles["Normal"]
                _set_font(style, None, size, bold=name != "Subtitle", color=color)
        if "List Bullet" not in names:
            style = styles.add_style("List Bullet", WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles["Normal"]
            style.paragraph_format.space_after = Pt(2)
            num_id = self._bullet_numbering()
            style.element.get_or_add_pPr().insert(0, parse_xml(
                f'<w:numPr {_W}><w:numId w:val="{num_id}"/></w:numPr>'))
        for level in (1, 2, 3):
            name = f"toc {level}"
            if name not in names and f"TOC {level}" not in names:
                style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
                style.base_style = styles["Normal"]
                fmt = style.paragraph_format
                fmt.left_indent = Pt(14 * (level - 1))
                fmt.space_after = Pt(3 if level == 1 else 1)
                if level == 1:
                    style.font.bold = True
        if "Table Text" not in names:
            style = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles["Normal"]
            style.font.size = Pt(self.table_font_size)
            fmt = style.paragraph_format
            fmt.space_before = fmt.space_after = Pt(1)
            fmt.line_spacing = 1.0
        self._table_style = "Table Grid" if "Table Grid" in names else None

    def _bullet_numbering(self) -> int:
        """Add a bullet list definition to the numbering part; returns its ``numId``."""
        numbering = self.doc.part.numbering_part.element
        abstract_ids = [int(a.get(qn("w:abstractNumId")))
                        for a in numbering.findall(qn("w:abstractNum"))]
        num_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
        abstract_id = max(abstract_ids, default=0) + 1
        num_id = max(num_ids, default=0) + 1
        abstract = parse_xml(
            f'<w:abstractNum {_W} w:abstractNumId="{abstract_id}">'
            '<w:multiLevelType w:val="singleLevel"/>'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
            '<w:lvlText w:val="\u2022"/><w:lvlJc w:val="left"/>'
            '<w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>'
        )
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        numbering.append(parse_xml(
            f'<w:num {_W} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'))
        return num_id

    def _request_field_update(self) -> None:
        """Ask Word to refresh fields (the table of contents) when the file is opened."""
        settings = self.doc.settings.element
        if settings.find(qn("w:updateFields")) is not None:
            return
        element = parse_xml(f'<w:updateFields {_W} w:val="true"/>')
        for child in settings:
            if etree.QName(child).localname in _SETTINGS_AFTER_UPDATE_FIELDS:
                child.addprevious(element)
                return
        settings.append(element)

    # --- page furniture -------------------------------------------------------------------

    def page_numbers(self, label: str = "{page} / {pages}", left_text: str = "") -> None:
        """Put ``label`` (with ``{page}`` and ``{pages}``) in the footer, right-aligned.

        ``left_text`` (e.g. the document title) goes on the left of the same line. A template
        whose footer already has content keeps its own footer.
        """
        footer = self.doc.sections[0].footer
        if self.from_template and not footer.is_linked_to_previous and (
            any(p.text.strip() for p in footer.paragraphs) or _has_drawing(footer._element)
        ):
            return
        self._footer = (label, left_text)
        self._write_footer(self.doc.sections[0])

    def _write_footer(self, section) -> None:
        """Write the page-number footer of ``section`` with a right tab at its text width.

        Why per section: a right tab is a fixed position, so a landscape section gets its own
        copy of the footer with the tab at the landscape width.
        """
        label, left_text = self._footer
        footer = section.footer
        footer.is_linked_to_previous = False
        for extra in footer.paragraphs[1:]:
            extra._p.getparent().remove(extra._p)
        paragraph = footer.paragraphs[0]
        for child in list(paragraph._p):
            paragraph._p.remove(child)
        # ``paragraph.style = self.doc.styles["Footer"]``, with the default style found once
        paragraph._p.style = self._paragraph_style_id("Footer")
        xml = (f'<w:pPr><w:pStyle w:val="{self._style_id("Footer") or "Footer"}"/><w:tabs>'
               '<w:tab w:val="clear" w:pos="4680"/><w:tab w:val="clear" w:pos="9360"/>'
               f'<w:tab w:val="right" w:pos="{_text_width(section)}"/></w:tabs></w:pPr>')
        xml += _run_xml(_text(left_text)) if left_text else ""
        xml += "<w:r><w:tab/></w:r>"
        rest = label
        while rest:
            head, brace, tail = rest.partition("{")
            if head:
                xml += _run_xml(head)
            if not brace:
                break
            name, _, rest = tail.partition("}")
            field = {"page": "PAGE", "pages": "NUMPAGES"}.get(name)
            if field:
                xml += (f'<w:fldSimple w:instr=" {field} "><w:r><w:t>1</w:t></w:r>'
                        "</w:fldSimple>")
        for element in parse_xml(f"<w:p {_W}>{xml}</w:p>"):
            paragraph._p.append(element)

    def cover(self, title: str, subtitle: str = "", facts: Iterable[tuple[str, str]] = (),
              kicker: str = "", note: str = "", approval_title: str = "",
              approval: Iterable[tuple[str, str]] = (),
              kicker_language: str | None = None) -> None:
        """A cover page: kicker (e.g. the organisation), title, subtitle, facts, the
        document-control block (``approval_title`` over ``approval`` pairs), note. The kicker
        is upper-cased by the rules of ``kicker_language`` (default: the document's).

        Without a template the cover has no footer (page numbers start to show on page 2).
        """
        self.properties(title=title, author=kicker, subject=subtitle)
        if not self.from_template:
            self.doc.sections[0].different_first_page_header_footer = True
        spacer = self._paragraph()
        spacer.paragraph_format.space_before = Pt(110)
        if kicker:
            p = self._paragraph()
            run = p.add_run(upper(_text(kicker), kicker_language or self.language))
            run.font.size = Pt(11)
            run.font.bold = True
            run.font.color.rgb = RGBColor.from_string(MUTED)
        self._paragraph(_text(title), style="Title")
        if subtitle:
            self._paragraph(_text(subtitle), style="Subtitle")
        rule = self._paragraph()
        rule._p.get_or_add_pPr().append(parse_xml(
            f'<w:pBdr {_W}><w:bottom w:val="single" w:sz="12" w:space="1" '
            f'w:color="{ACCENT}"/></w:pBdr>'))
        rule.paragraph_format.space_after = Pt(18)
        facts = list(facts)
        if facts:
            self.key_values(facts, borders=False)
        approval = list(approval)
        if approval:
            caption = self.paragraph(upper(_text(approval_title), self.language), bold=True,
                                     size=8, color=MUTED, space_after=2, keep_with_next=True)
            caption.paragraph_format.space_before = Pt(18)
            self.table(None, [[Cell(label, bold=True), value] for label, value in approval],
                       widths=(1, 2.4), banded=False, font_size=8.5,
                       keep_together=True)
        if note:
            p = self._paragraph()
            p.paragraph_format.space_before = Pt(36)
            run = p.add_run(_text(note))
            run.italic = True
            run.font.size = Pt(9)
            run.font.color.rgb = RGBColor.from_string(MUTED)
        self.page_break()

    def toc(self, title: str, hint: str = "") -> None:
        """A table of contents (levels 1–3) filled in from the headings when the file is saved.

        Each entry is a link to its heading, a dotted tab and a ``PAGEREF`` field that gives
        the heading's page (see the module docstring). ``hint`` is shown under the entries as a
        small note.
        """
        p = self._paragraph(_text(title), style="TOC Heading")
        p._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {_W} w:val="9"/>'))
        anchor = self._paragraph()
        self._toc_anchor = anchor._p
        self._toc_width = _text_width(self._last_section())
        if hint:
            note = self._paragraph()
            run = note.add_run(_text(hint))
            run.italic = True
            run.font.size = Pt(8)
            run.font.color.rgb = RGBColor.from_string(MUTED)
        self.page_break()

    def _fill_toc(self) -> None:
        """Replace the table of contents' anchor paragraph by one paragraph per heading."""
        if self._toc_anchor is None:
            return
        tabs = (f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{self._toc_width}"/>'
                "</w:tabs>")
        paragraphs = []
        for bookmark, level, text in (h for h in self._headings if h[1] <= 3):
            style = self._style_id(f"toc {level}")
            pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
            page = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText '
                    f'xml:space="preserve"> PAGEREF {bookmark} \\h </w:instrText></w:r>'
                    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                    '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
            paragraphs.append(f'<w:p><w:pPr>{pstyle}{tabs}</w:pPr><w:hyperlink '
                              f'w:anchor="{bookmark}" w:history="1">{_run_xml(text)}'
                              f"<w:r><w:tab/></w:r>{page}</w:hyperlink></w:p>")
        if paragraphs:
            holder = parse_xml(f"<w:body {_W}>{''.join(paragraphs)}</w:body>")
            for element in list(holder):
                self._toc_anchor.addprevious(element)
            self._toc_anchor.getparent().remove(self._toc_anchor)
        self._toc_anchor = None

    def _last_section(self) -> Section:
        """The section being written: the body's own ``w:sectPr``, the last of the document.

        What ``doc.sections[-1]`` gives, without its XPath over every paragraph of the body
        for the section breaks before it (asked for each table: quadratic in a long RFP).
        """
        last = _last_child(self._body)
        sect_pr = last if last is not None and last.tag == _TAG["sectPr"] else None
        if sect_pr is None:  # a template without one: python-docx's own lookup
            return self.doc.sections[-1]
        return Section(sect_pr, self.doc.part)

    def _style_id(self, name: str) -> str | None:
        """The id of the style called ``name`` (any case), looked up once per name.

        The first name not yet looked up reads the names of all the styles in one pass over
        the XML (python-docx made a proxy of every style for each name: 0.07 s of the
        sample's build); a style added since is found by reading them again.
        """
        key = name.lower()
        if key not in self._style_ids:
            styles = self.doc.styles.element
            count = len(styles)
            if count != self._style_count:
                self._style_count = count
                found: dict[str, str | None] = {}
                for style in styles.iterchildren(qn("w:style")):
                    ui_name = _style_name(style)
                    if ui_name:
                        found.setdefault(ui_name.lower(), style.get(qn("w:styleId")))
                for found_key, style_id in found.items():
                    self._style_ids.setdefault(found_key, style_id)
            self._style_ids.setdefault(key, None)
        return self._style_ids[key]

    # --- content --------------------------------------------------------------------------

    def heading(self, text: str, level: int = 1) -> Paragraph:
        """A heading (levels 1–3 appear in the table of contents).

        A short introduction between two headings (``Heading 1``, one paragraph, then
        ``Heading 2``) is kept with the heading below it, so that a section never starts at
        the foot of a page with only its title and introduction.
        """
        self._keep_intro_with_next()
        text = _text(text)
        paragraph = self._paragraph(style=f"Heading {min(level, 3)}")
        self._bookmarks += 1
        name = f"_Toc{self._bookmarks:06d}"
        bid = str(self._bookmarks)
        paragraph._p.extend(list(parse_xml(  # one parse for the three elements
            f'<w:p {_W}><w:bookmarkStart w:id="{bid}" w:name="{name}"/>{_run_xml(text)}'
            f'<w:bookmarkEnd w:id="{bid}"/></w:p>')))
        self._headings.append((name, level, text))
        return paragraph

    def paragraph(self, text: str = "", *, bold: bool = False, italic: bool = False,
                  size: float | None = None, color: str | None = None, style: str | None = None,
                  align: str | None = None, space_after: float | None = None,
                  keep_with_next: bool = False) -> Paragraph:
        """A paragraph of plain text (line breaks inside ``text`` are kept)."""
        paragraph = self._paragraph(style=style, keep_with_next=keep_with_next,
                                    space_after=space_after, align=align)
        lines = _text(text).split("\n")
        for i, line in enumerate(lines):
            run = _add_run(paragraph._p, line, props=True, bold=bold, italic=italic,
                           size=size, color=color)
            if i < len(lines) - 1:
                etree.SubElement(run, _TAG["br"])
        return paragraph

    def labelled(self, label: str, text: str) -> Paragraph:
        """``Label: text`` with the label in bold, for short facts inside running text."""
        paragraph = self._paragraph()
        _add_run(paragraph._p, _text(label) + ": ", props=True, bold=True)
        _add_run(paragraph._p, _text(text))
        return paragraph

    def bullets(self, items: Iterable[str]) -> None:
        """A bulleted list, one paragraph per item."""
        items = list(items)
        if items:
            self._keep_previous_with_next()
        for k, item in enumerate(items):
            # the first item stays with the second: never a heading and one item at a foot
            self._paragraph(_text(item), style="List Bullet",
                            keep_with_next=k == 0 and len(items) > 1)

    def picture(self, image: bytes | Path, width_inches: float, caption: str = "") -> Paragraph:
        """A centred image (PNG/JPEG bytes or a file), at most the text width, with a caption.

        The picture is kept on the page of its caption.
        """
        from docx.shared import Inches

        source = io.BytesIO(image) if isinstance(image, bytes) else str(image)
        self._keep_heading_with_next()
        max_inches = _text_width(self._last_section()) / 1440
        paragraph = self._paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run().add_picture(source, width=Inches(min(width_inches, max_inches)))
        if caption:
            paragraph.paragraph_format.keep_with_next = True
            self.paragraph(caption, italic=True, size=8, color=MUTED, align="center")
        return paragraph

    def page_break(self) -> None:
        """Start the next paragraph on a new page.

        Why not a break character: a paragraph holding only a page break that falls at the top
        of a page leaves an empty page; "page break before" on the next paragraph does not.
        Nor does the empty spacer after a table, dropped here: after a table that ends at the
        foot of a page it took a page of its own (a blank page between two scoring forms).
        """
        _drop_trailing_spacer(self._body)
        self._break_pending = True

    def _paragraph(self, text: str = "", style: str | None = None, *,
                   keep_with_next: bool = False, space_after: float | None = None,
                   align: str | None = None) -> Paragraph:
        """Every paragraph is added here, so that a pending page break lands on it.

        The XML is python-docx's for ``add_paragraph(text)`` followed by the ``style``,
        ``page_break_before``, ``keep_with_next``, ``space_after`` and ``alignment`` setters
        (an ``align`` other than center, right and justify leaves an empty ``w:pPr``, as
        ``alignment = None`` does), made directly (:func:`_new_paragraph`).
        """
        style_id = None if style is None else self._paragraph_style_id(style)
        p = _new_paragraph(style_id, with_ppr=style is not None or bool(align),
                           keep_next=keep_with_next, page_break=self._break_pending,
                           space_after=space_after, jc=_JC.get(align) if align else None,
                           parent=self._body)
        self._break_pending = False
        if text:
            _add_run(p, text)
        previous = p.getprevious()  # made as the body's last child: before the sectPr
        if previous is not None and previous.tag == _TAG["sectPr"]:
            previous.addprevious(p)
        else:
            self._body.remove(p)
            self._append_block(p)
        return Paragraph(p, self.doc._body)

    def _paragraph_style_id(self, name: str) -> str | None:
        """python-docx's ``part.get_style_id(name, WD_STYLE_TYPE.PARAGRAPH)``: the id of the
        style called ``name`` (KeyError when there is none), None for the default paragraph
        style, python-docx's ValueError for a style of another type. The default is found
        once per document: python-docx reads the type and default flag of every style for it
        on each call (1 ms a name). Looked up once per name."""
        if name in self._paragraph_style_ids:
            return self._paragraph_style_ids[name]
        styles = self.doc.styles
        style = styles[name]
        if style.type != WD_STYLE_TYPE.PARAGRAPH:
            return self.doc.part.get_style_id(name, WD_STYLE_TYPE.PARAGRAPH)
        if self._default_paragraph_style is _UNSET:
            self._default_paragraph_style = styles.default(WD_STYLE_TYPE.PARAGRAPH)
        style_id = None if style == self._default_paragraph_style else style.style_id
        self._paragraph_style_ids[name] = style_id
        return style_id

    def _append_block(self, element: etree._Element) -> None:
        """Add a paragraph or table at the end of the body, before its final ``w:sectPr``.

        Where python-docx's ``add_paragraph`` puts it, without its search for that
        ``w:sectPr`` from the body's first child on (quadratic in a long document): the body
        holds one ``w:sectPr`` of its own, its last child (a template's others are removed).
        """
        body = self._body
        last = _last_child(body)
        if last is not None and last.tag == _TAG["sectPr"]:
            last.addprevious(element)
        else:
            body.insert_element_before(element, "w:sectPr")

    def section(self, landscape: bool) -> None:
        """Start a new page in a new section, landscape or portrait.

        Why: wide tables (requirement matrices, pricing over years) read better across the
        page; headers and footers carry over from the previous section.
        """
        previous = self._last_section()
        if (previous.orientation == WD_ORIENT.LANDSCAPE) == landscape:
            self.page_break()
            return
        _drop_trailing_spacer(self._body)
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        _shrink_section_end(section)
        section.different_first_page_header_footer = False
        width, height = section.page_width, section.page_height
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        if (width > height) != landscape:
            section.page_width, section.page_height = height, width
        if self._footer is not None:
            self._write_footer(section)

    def key_values(self, pairs: Iterable[tuple[str, str]], borders: bool = True,
                   widths: Sequence[float] = (1, 2.4)) -> None:
        """A two-column table of label/value pairs (labels bold), e.g. contact details."""
        rows = [[Cell(label, bold=True, color=ACCENT if not borders else None), value]
                for label, value in pairs]
        self.table(None, rows, widths=widths, borders=borders, banded=False)

    def table(self, headers: Sequence[str] | None, rows: Iterable[Sequence[CellValue]],
              widths: Sequence[float] | None = None, *, borders: bool = True,
              banded: bool = True, font_size: float | None = None,
              keep_together: bool | None = None) -> None:
        """A table with a shaded header row repeated on every page; linear in its size.

        ``widths`` are relative column widths (any unit); the table spans the text width of
        the current section, and a column is widened (others narrowed) so that the longest
        word of its cells is not broken. Cells are ``str``/numbers, lists of lines, or
        :class:`Cell`. ``keep_together`` keeps the rows on one page (default: for tables of at
        most :data:`KEEP_TOGETHER_ROWS` rows that take at most :data:`KEEP_TOGETHER_SHARE` of
        the page); otherwise the table flows and only the header row and the first row stay
        with the paragraph before the table (its heading).
        """
        rows = list(rows)
        if self._break_pending:
            self._paragraph(space_after=0)
        self._keep_previous_with_next()
        ncols = len(headers) if headers is not None else max((len(r) for r in rows), default=1)
        widths = list(widths) if widths else [1.0] * ncols
        if len(widths) != ncols:
            raise ValueError(f"{len(widths)} widths for {ncols} columns")
        section = self._last_section()
        total = _text_width(section)
        scale = total / sum(widths)
        twips = [max(int(w * scale), 300) for w in widths]
        size = font_size or self.table_font_size
        texts = [[_cell_lines(value) for value in row] for row in rows]
        bold = [[isinstance(value, Cell) and (value.bold or value.lead) for value in row]
                for row in rows]
        twips, size = _fit_table(twips, headers, texts, bold, size)
        if keep_together is None:
            keep = (len(rows) <= KEEP_TOGETHER_ROWS and _table_height(headers, texts, twips, size)
                    <= KEEP_TOGETHER_SHARE * _text_height(section))
        else:
            keep = keep_together
        style_id = self._style_id("Table Text") or ""
        border = (f'w:val="single" w:sz="4" w:space="0" w:color="{BORDER}"' if borders
                  else 'w:val="nil"')
        parts = [
            f"<w:tbl {_W}><w:tblPr>",
            f'<w:tblStyle w:val="{self._style_id(self._table_style) or ""}"/>'
            if self._table_style else "",
            f'<w:tblW w:w="{sum(twips)}" w:type="dxa"/>',
            "<w:tblBorders>" + "".join(
                f"<w:{side} {border}/>"
                for side in ("top", "left", "bottom", "right", "insideH", "insideV")
            ) + "</w:tblBorders>",
            '<w:tblLayout w:type="fixed"/>',
            '<w:tblCellMar><w:top w:w="45" w:type="dxa"/><w:left w:w="90" w:type="dxa"/>'
            '<w:bottom w:w="45" w:type="dxa"/><w:right w:w="90" w:type="dxa"/></w:tblCellMar>',
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
            'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>',
            "</w:tblPr><w:tblGrid>",
            "".join(f'<w:gridCol w:w="{w}"/>' for w in twips),
            "</w:tblGrid>",
        ]
        if headers is not None:
            parts.append('<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>')
            for header, width in zip(headers, twips, strict=True):
                parts.append(_cell_xml(header, width, style_id, size, keep_next=True, bold=True,
                                       fill=ACCENT, color=HEADER_TEXT))
            parts.append("</w:tr>")
        last = len(rows) - 1
        for index, row in enumerate(rows):
            band = BAND if banded and index % 2 == 1 else None
            keep_next = keep and index < last
            parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
            cells = list(row) + [""] * (ncols - len(row))
            for value, width in zip(cells, twips, strict=True):
                if isinstance(value, Cell):
                    parts.append(_cell_xml(
                        value.text, width, style_id, size, keep_next, bold=value.bold,
                        lead=value.lead, italic=value.italic,
                        fill=band if value.fill is None else value.fill, color=value.color,
                        align=value.align, bullets=value.bullets))
                else:
                    parts.append(_cell_xml(_cell_text(value), width, style_id, size, keep_next,
                                           fill=band))
            parts.append("</w:tr>")
        parts.append("</w:tbl>")
        self._append_block(parse_xml("".join(parts)))
        # A paragraph after each table keeps two tables from merging and gives air.
        self._paragraph(space_after=4)

    def _keep_intro_with_next(self) -> None:
        children = [c for c in _last_children(self._body, 3) if c.tag != _TAG["sectPr"]]
        if len(children) < 2 or any(c.tag != qn("w:p") for c in children[-2:]):
            return
        heading, intro = children[-2], children[-1]
        headings = {self._style_id(f"Heading {n}") for n in (1, 2, 3)} - {None}
        if (_style_of(heading) in headings and _style_of(intro) not in headings
                and "".join(intro.itertext()).strip() and not intro.findall(f".//{qn('w:br')}")
                and not _has_drawing(intro)):
            _keep_next(intro)

    def _keep_previous_with_next(self) -> None:
        """Keep the paragraph just before a table (its heading or intro) on the table's page,
        and, when a heading comes a few short paragraphs before it, those paragraphs too
        (:meth:`_keep_heading_with_next`)."""
        last = _last_child(self._body)
        previous = last.getprevious() if last is not None and last.tag == _TAG["sectPr"] else last
        if (previous is not None and previous.tag == _TAG["p"]
                and not previous.findall(f".//{qn('w:br')}")):
            _keep_next(previous)
        self._keep_heading_with_next()

    def _keep_heading_with_next(self) -> None:
        """Keep the paragraphs between the last heading and the block about to be added (a
        table, a list, a picture) on that block's page, when there are at most
        :data:`KEEP_WITH_HEADING` of them, none a list item or a picture.

        Why: a heading, its introduction and a line such as "Vendors 1–5 of 12" ended one page
        and the table they introduce started the next; the heading style keeps a heading only
        with the paragraph right after it.
        """
        children: list[etree._Element] = []
        child = _last_child(self._body)
        if child is not None and child.tag == _TAG["sectPr"]:
            child = child.getprevious()
        headings = {self._style_id(f"Heading {n}") for n in (1, 2, 3)} - {None}
        bullet = self._style_id("List Bullet")
        while child is not None and child.tag == _TAG["p"]:
            style = _style_of(child)
            if style in headings:
                if children:
                    _keep_next(child)
                for paragraph in children:
                    _keep_next(paragraph)
                return
            if (len(children) == KEEP_WITH_HEADING or (bullet and style == bullet)
                    or _has_drawing(child) or child.findall(f".//{qn('w:br')}")):
                return
            children.append(child)
            child = child.getprevious()

    def keep_last_paragraph_with_next(self) -> None:
        """Keep the body's last paragraph on the page of what follows (a picture after its
        text): ``doc.paragraphs[-1].paragraph_format.keep_with_next = True`` without a proxy
        for every paragraph of the body."""
        for child in self.doc.element.body.iterchildren(_TAG["p"], reversed=True):
            _keep_next(child)
            return

    # --- output ---------------------------------------------------------------------------

    def save(self, path: Path | str) -> Path:
        """Fill the table of contents and write the file atomically (temp file, then rename)."""
        self._fill_toc()
        with atomic_path(Path(path)) as tmp:
            self.doc.save(str(tmp))
        return Path(path)


# --- helpers ---------------------------------------------------------------------------------


def document_time(generated: dt.date | None = None) -> dt.datetime:
    """The creation time a document records (UTC): now, or midnight of ``generated`` when a
    document is dated another day than today (a fixed date makes the file reproducible)."""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    if generated is None or generated == now.date():
        return now
    return dt.datetime.combine(generated, dt.time())


def _open_template(path: Path) -> Document:
    hint = t("template_save_as_docx")
    if not path.is_file():
        raise CrmselectError(Issue(file=str(path), message=t("template_missing")))
    if not zipfile.is_zipfile(path):
        raise CrmselectError(Issue(file=str(path), hint=hint, message=t("template_not_zip")))
    try:
        return Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile,
            etree.XMLSyntaxError):
        raise CrmselectError(Issue(
            file=str(path), hint=hint, message=t("template_not_docx"))) from None


def _style_name(style: etree._Element) -> str | None:
    """A ``w:style``'s name as python-docx gives it (``heading 1`` → ``Heading 1``)."""
    name = style.find(qn("w:name"))
    value = None if name is None else name.get(qn("w:val"))
    return None if value is None else BabelFish.internal2ui(value)


def _cell_text(value: object) -> str | Sequence[str]:
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _cell_xml(text: str | Sequence[str] | None, width: int, style_id: str, size: float,
              keep_next: bool = False, *, bold: bool = False, lead: bool = False,
              italic: bool = False, fill: str | None = None, color: str | None = None,
              align: str = "left", bullets: bool = False) -> str:
    """One ``w:tc`` of the text (or list of texts) of a :class:`Cell` with these settings;
    spaces inside numbers become no-break spaces (:func:`unbreakable_numbers`).

    The cell's settings are passed one by one: a table of plain values made a ``Cell`` for
    each of them, and a banded row a copy of each with the band's fill.
    """
    tcpr = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if fill:
        tcpr += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    texts = text if isinstance(text, (list, tuple)) else [text or ""]
    lines: list[str] = []
    for item in texts:
        lines.extend(_cell_paragraphs(item, bullets))
    if not lines:
        lines = [""]
    start = "<w:p>" + _cell_ppr(style_id, keep_next, align)
    first = _rpr_xml(bold or lead, italic, color, size)
    rest = first if bold or not lead else _rpr_xml(False, italic, color, size)
    bullet = "\u2022 " if bullets else ""
    paragraphs = "".join(
        start + (f"<w:r>{first if i == 0 else rest}{_texts_xml(bullet + line)}</w:r>"
                 if line else "") + "</w:p>"
        for i, line in enumerate(lines)
    )
    return f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{paragraphs}</w:tc>"


#: An identifier of the catalog or of a scenario (OPS-SFA-001, CUS-ENR-001, SCN-LEAD2DEAL.1).
_IDENTIFIER = re.compile(r"\b[A-Z]{2,4}(?:-[A-Z0-9]+)+\b")


@lru_cache(maxsize=8192)
def _identifier_pieces(text: str) -> tuple[str, ...] | None:
    """``text`` split at the hyphens inside its identifiers (None when it has none): the
    pieces go between no-break hyphens. An identifier longer than :data:`LONGEST_WORD` may
    wrap, as a long word may."""
    if not _IDENTIFIER.search(text):
        return None
    pieces, last = [""], 0
    for match in _IDENTIFIER.finditer(text):
        ident = match.group(0)
        if len(ident) > LONGEST_WORD:
            continue
        parts = ident.split("-")
        pieces[-1] += text[last:match.start()] + parts[0]
        pieces.extend(parts[1:])
        last = match.end()
    pieces[-1] += text[last:]
    return tuple(pieces) if len(pieces) > 1 else None


@lru_cache(maxsize=8192)
def _texts_xml(text: str) -> str:
    """The ``w:t`` of a cell's line, the hyphens inside identifiers as ``w:noBreakHyphen``.

    Why: LibreOffice and Word break a line after a hyphen, so "takıldı: CUS-ENR-001" ended a
    line with "CUS-ENR-" and began the next with "001". A no-break hyphen reads as "-" to
    python-docx, to pdftotext and to a reader; the identifier stays whole (a column is made
    at least as wide as an identifier of up to :data:`LONGEST_WORD` characters).
    """
    pieces = _identifier_pieces(text) if "-" in text else None
    return "<w:noBreakHyphen/>".join(
        f'<w:t xml:space="preserve">{escape(piece, quote=False)}</w:t>' if piece else ""
        for piece in (pieces or [text]))


def _cell_paragraphs(text: object, bullets: bool) -> list[str]:
    """The paragraphs a cell's text makes: cleaned, numbers held together, one per line (the
    whole text for a bullet). Remembered for text: a document's tables repeat their values."""
    if type(text) is str:
        return _cell_paragraphs_of(text, bullets)
    text = unbreakable_numbers(_text(text))
    return [text] if bullets else text.split("\n")


@lru_cache(maxsize=8192)
def _cell_paragraphs_of(text: str, bullets: bool) -> list[str]:
    text = unbreakable_numbers(_text(text))
    return [text] if bullets else text.split("\n")


@lru_cache(maxsize=64)
def _cell_ppr(style_id: str, keep_next: bool, align: str) -> str:
    """A table paragraph's ``w:pPr``."""
    jc = {"center": "center", "right": "right"}.get(align)
    return ("<w:pPr>" + (f'<w:pStyle w:val="{style_id}"/>' if style_id else "")
            + ("<w:keepNext/>" if keep_next else "") + (f'<w:jc w:val="{jc}"/>' if jc else "")
            + "</w:pPr>")


@lru_cache(maxsize=256)
def _rpr_xml(bold: bool = False, italic: bool = False, color: str | None = None,
             size: float | None = None) -> str:
    """A run's ``w:rPr`` as :func:`_run_xml` writes it ("" when it sets nothing)."""
    props = ""
    if bold:
        props += "<w:b/><w:bCs/>"
    if italic:
        props += "<w:i/><w:iCs/>"
    if color:
        props += f'<w:color w:val="{color}"/>'
    if size:
        props += f'<w:sz w:val="{int(size * 2)}"/><w:szCs w:val="{int(size * 2)}"/>'
    return f"<w:rPr>{props}</w:rPr>" if props else ""


def _cell_lines(value: CellValue) -> list[str]:
    """The paragraphs of a cell as plain text, for measuring."""
    text = value.text if isinstance(value, Cell) else _cell_text(value)
    items = text if isinstance(text, (list, tuple)) else [text or ""]
    lines: list[str] = []
    for item in items:
        lines.extend(str(item).split("\n"))
    return lines


_NARROW = frozenset("iljtfrıİI.,;:!|'()[]-/ ")
_WIDE = frozenset("mwMWŞĞÖÜÇ%@—₺…")
#: Signs as wide as DejaVu Sans draws them (0.84 em): "10=" in the rank column.
_SIGNS = frozenset("#=+×<>")


#: Spaces a line may break at (not the no-break space that holds a number together).
_BREAKABLE = re.compile(r"[ \t\n]+")
@lru_cache(maxsize=8192)
def _word_ems(word: str, bold: bool) -> float:
    """The width of a word in ems, measured generously (DejaVu Sans is wider than Calibri).
    A long identifier may wrap after :data:`LONGEST_WORD` characters; a number never.
    Cached: a document's tables repeat the same words (priorities, answers, numbers)."""
    chars = word if _is_number(word) else word[:LONGEST_WORD]
    # Every digit 0.7: DejaVu Sans (what LibreOffice draws without Calibri or Carlito) gives
    # each digit 0.64 em, "1" too; measured as narrow, "10%" wrapped in a narrow column.
    ems = sum(0.34 if ch in _NARROW else 1.0 if ch in _WIDE else 0.86 if ch in _SIGNS
              else 0.74 if ch.isupper() else 0.7 if ch.isdigit() else 0.64
              for ch in chars)
    return ems * (1.1 if bold else 1.0)


def _words(lines: Iterable[str]) -> list[str]:
    return [w for line in lines for w in _BREAKABLE.split(unbreakable_numbers(line)) if w]


@lru_cache(maxsize=8192)
def _line_ems(line: str, bold: bool) -> tuple[float, float]:
    """The width in ems of the widest word and of the widest number (0 when none) of a line
    of a table cell. Remembered: a document's tables repeat their values (priorities,
    answers, amounts), and each line was split into words and measured in every cell."""
    widest = number = 0.0
    for word in _words([line]):
        ems = _word_ems(word, bold)
        if ems > widest:
            widest = ems
        if ems > number and _is_number(word):
            number = ems
    return widest, number


def _longest_word(lines: Iterable[str], bold: bool = False) -> float:
    """The width in ems of the widest word of ``lines``."""
    return max((_word_ems(w, bold) for w in _words(lines)), default=0.0)


def _column_ems(ncols: int, headers: Sequence[str] | None, texts: list[list[list[str]]],
                bold: list[list[bool]]) -> tuple[list[float], list[float]]:
    """The width in ems of the widest word (header words in bold) and of the widest number of
    each column (0 when it has none), measured once for every font size tried."""
    words = [0.0] * ncols
    numbers = [0.0] * ncols
    for row, row_bold in zip(texts, bold, strict=True):
        for k, (lines, is_bold) in enumerate(zip(row[:ncols], row_bold, strict=False)):
            for line in lines:
                widest, number = _line_ems(line, is_bold)
                if widest > words[k]:
                    words[k] = widest
                if number > numbers[k]:
                    numbers[k] = number
    if headers is not None:
        for k, header in enumerate(headers):
            words[k] = max(words[k], _longest_word([_text(header)], bold=True))
    return words, numbers


def _fit_table(twips: list[int], headers: Sequence[str] | None,
               texts: list[list[list[str]]], bold: list[list[bool]],
               size: float) -> tuple[list[int], float]:
    """Column widths and a font size at which no word breaks: the given size; for a table of
    numbers, else up to :data:`SMALLEST_SHRINK` points smaller; else the given size with the
    numbers kept whole (see :func:`_fit_longest_words`)."""
    words, numbers = _column_ems(len(twips), headers, texts, bold)
    fitted = _fit_longest_words(twips, words, numbers, size, numbers_first=False)
    if fitted is not None:
        return fitted, size
    if not any(numbers):
        return twips, size  # only text: its long words may wrap, as they always could
    step = size - 0.5
    while step >= size - SMALLEST_SHRINK:
        fitted = _fit_longest_words(twips, words, numbers, step, numbers_first=False)
        if fitted is not None:
            return fitted, step
        step -= 0.5
    return _fit_longest_words(twips, words, numbers, size) or twips, size


def _fit_longest_words(twips: list[int], words: list[float], numbers: list[float],
                       size: float, numbers_first: bool = True) -> list[int] | None:
    """Widen columns whose longest word (``words``, in ems, from :func:`_column_ems`) would be
    broken across lines, taking the room from columns that have more than they need.

    When every word cannot fit, numbers still must (``numbers_first``): the columns holding
    numbers get the width of their longest number, and the other columns share the rest
    (their words may then wrap, a number never does). None when even that does not fit.
    """
    need = [int(ems * size * 20) + CELL_MARGINS + 30 for ems in words]
    if sum(need) > sum(twips):
        if not numbers_first:
            return None
        need = [n + CELL_MARGINS + 30 if n else MIN_COLUMN
                for n in (int(ems * size * 20) for ems in numbers)]
        if sum(need) > sum(twips):
            return None
    if all(w >= n for w, n in zip(twips, need, strict=True)):
        return twips
    short = sum(n - w for w, n in zip(twips, need, strict=True) if w < n)
    spare = sum(w - n for w, n in zip(twips, need, strict=True) if w > n)
    out = []
    for w, n in zip(twips, need, strict=True):
        if w < n:
            out.append(n)
        elif w > n:
            out.append(int(w - (w - n) * short / spare))
        else:
            out.append(w)
    return out


def _table_height(headers: Sequence[str] | None, texts: list[list[list[str]]],
                  twips: list[int], size: float) -> int:
    """A generous estimate of a table's height in twips (wrapped lines, cell margins)."""
    line = size * 1.2 * 20
    paragraph_gap = 2 * 20  # Table Text: 1 pt before and after
    chars_per_line = [max((w - CELL_MARGINS) / (CHAR_EM * size * 20), 1) for w in twips]
    rows = ([[[_text(h)] for h in headers]] if headers is not None else []) + texts
    height = 0.0
    for row in rows:
        tallest = 0.0
        for lines, per_line in zip(row, chars_per_line, strict=False):
            wrapped = sum(max(1, -(-len(text) // int(per_line))) for text in lines)
            tallest = max(tallest, wrapped * line + len(lines) * paragraph_gap)
        height += tallest + 90  # top and bottom cell margins
    return int(height)


def _text_height(section) -> int:
    """The height between the margins of ``section``, in twips."""
    return _between_margins(section, "h", 15840, ("top", "bottom"), ST_SignedTwipsMeasure)


def _drop_trailing_spacer(body: etree._Element) -> None:
    """Remove the body's last paragraph when it is the empty spacer :meth:`DocxBuilder.table`
    puts after a table (nothing but its properties, right after a ``w:tbl``): a new page
    follows, and the tables cannot merge across it. Other empty paragraphs (the contents'
    anchor) stay."""
    last = _last_child(body)
    if last is not None and last.tag == _TAG["sectPr"]:
        last = last.getprevious()
    if last is None or last.tag != qn("w:p"):
        return
    before = last.getprevious()
    if before is not None and before.tag == qn("w:tbl") and all(
            child.tag == qn("w:pPr") for child in last) and not last.xpath(".//w:sectPr"):
        body.remove(last)


def _shrink_section_end(section: Section) -> None:
    """Make the empty paragraph that ends the section before ``section`` (python-docx puts the
    previous section's ``w:sectPr`` in it) one point high, with no spacing.

    Why: at full size, after a table that fills its page to the bottom (the evaluators'
    appendix of a comparison report), that empty paragraph took a page of its own: a blank
    portrait page before the landscape appendix.
    """
    end = section._sectPr.getprevious()  # the body's last paragraph, holding the sectPr
    if end is None or end.tag != qn("w:p"):
        return
    ppr = end.get_or_add_pPr()
    ppr.insert(0, parse_xml(f'<w:spacing {nsdecls("w")} w:before="0" w:after="0" '
                            'w:line="20" w:lineRule="exact"/>'))
    ppr.insert_element_before(parse_xml(f'<w:rPr {nsdecls("w")}><w:sz w:val="2"/>'
                                        '<w:szCs w:val="2"/></w:rPr>'), "w:sectPr")


def _text_width(section) -> int:
    """The width between the margins of ``section``, in twips."""
    return _between_margins(section, "w", 12240, ("left", "right"), ST_TwipsMeasure)


def _between_margins(section, size: str, default: int, edges: tuple[str, str],
                     margin_type) -> int:
    """The page's ``size`` (its ``default`` when unset) less its two ``edges`` margins (1 inch
    each when unset), in twips; read as python-docx reads them."""
    page, margins = _page_parts(section)
    extent = _measure(page, size, ST_TwipsMeasure) or default * EMU_PER_TWIP
    for edge in edges:
        margin = _measure(margins, edge, margin_type)
        extent -= margin if margin is not None else 1440 * EMU_PER_TWIP
    return int(extent / EMU_PER_TWIP)


def _page_parts(section) -> tuple[etree._Element | None, etree._Element | None]:
    """The ``w:pgSz`` and ``w:pgMar`` of a section (None when missing).

    Why not ``section.page_width`` and the like: each goes through python-docx's generic
    child and attribute lookups, asked for every table (the same values, read here from the
    same attributes with the same conversions)."""
    sect_pr = section._sectPr
    return sect_pr.find(_TAG["pgSz"]), sect_pr.find(_TAG["pgMar"])


def _measure(element: etree._Element | None, name: str, kind: type) -> int | None:
    """An optional length attribute ``w:name`` of ``element`` as python-docx reads it."""
    if element is None:
        return None
    value = element.get(qn(f"w:{name}"))
    return None if value is None else kind.from_xml(value)


def _keep_next(p: etree._Element) -> None:
    """What python-docx's ``paragraph_format.keep_with_next = True`` does to the ``w:p``
    ``p``: a ``w:keepNext`` in its ``w:pPr`` (made first when missing), right after the
    ``w:pStyle`` (python-docx looks for its place among thirty-odd kinds of child, and the
    builder's ``w:pPr`` children are in schema order), or ``w:val`` removed from one there."""
    # Made inside the paragraph (SubElement) and then moved: a loose element would be a
    # document of its own, merged into the body's when moved there.
    ppr = p.find(_TAG["pPr"])
    if ppr is None:
        ppr = etree.SubElement(p, _TAG["pPr"])
        p.insert(0, ppr)
    keep = ppr.find(_TAG["keepNext"])
    if keep is not None:
        keep.attrib.pop(_VAL, None)
        return
    first = _first_child(ppr)
    keep = etree.SubElement(ppr, _TAG["keepNext"])
    ppr.insert(1 if first is not None and first.tag == _TAG["pStyle"] else 0, keep)


def _last_children(element: etree._Element, count: int) -> list[etree._Element]:
    """``element[-count:]`` walked from the end (a negative slice counts every child)."""
    found: list[etree._Element] = []
    child = _last_child(element)
    while child is not None and len(found) < count:
        found.append(child)
        child = child.getprevious()
    found.reverse()
    return found


def _first_child(element: etree._Element) -> etree._Element | None:
    try:
        return element[0]
    except IndexError:
        return None


def _last_child(element: etree._Element) -> etree._Element | None:
    """The last child of ``element`` or None, without counting them (``len`` walks them all)."""
    try:
        return element[-1]
    except IndexError:
        return None


def _style_of(paragraph) -> str | None:
    style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return style.get(qn("w:val")) if style is not None else None


def _has_drawing(element) -> bool:
    return bool(element.findall(f".//{qn('w:drawing')}"))


def _set_font(style, name: str | None, size: float, bold: bool = False,
              color: str | None = None) -> None:
    """Set a style's font; with a name, also every script slot and no theme font."""
    font = style.font
    if name:
        font.name = name
        rpr = style.element.get_or_add_rPr()
        rfonts = rpr.find(qn("w:rFonts"))
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            rfonts.attrib.pop(qn(f"w:{attr}"), None)
        for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
            rfonts.set(qn(f"w:{attr}"), name)
    font.size = Pt(size)
    font.bold = bold or None
    if color:
        font.color.rgb = RGBColor.from_string(color)


def _remove_borders(style) -> None:
    ppr = style.element.pPr
    if ppr is not None:
        for border in ppr.findall(qn("w:pBdr")):
            ppr.remove(border)
