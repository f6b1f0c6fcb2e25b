"""A document as a list of blocks: one source for its Word, Markdown and HTML versions.

A writer (``rfp.py``, ``testdrive.py``, ``migration.py``, ``report_docx.py``) fills one
:class:`Document` by calling the same methods, with the same signatures, that
:class:`~crmselect.documents.docx_builder.DocxBuilder` has (``cover``, ``heading``, ``table``, …);
each call appends a plain dataclass block. Small renderers turn the blocks into files:
:mod:`~crmselect.documents.render_docx` (Word, optionally on the user's corporate template),
:mod:`~crmselect.documents.render_markdown` and :mod:`~crmselect.documents.render_html`.

Why: each document used to be laid out twice, in Python for Word and in a Jinja template for
Markdown/HTML, and the two drifted. This module imports nothing heavy (no python-docx).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True)
class Cell:
    """A table cell with formatting; plain ``str`` cells need no wrapper.

    ``text`` may be a list: each item becomes its own paragraph (``bullets`` puts a bullet
    before each, ``lead`` makes the first one bold). ``fill`` is a hex colour such as ``"FDECEA"``.
    """

    text: str | Sequence[str] | None
    bold: bool = False
    lead: bool = False  # the first paragraph in bold (a title above its description)
    italic: bool = False
    fill: str | None = None
    color: str | None = None
    align: str = "left"  # left, center, right
    bullets: bool = False


CellValue = str | int | float | None | Sequence[str] | Cell


# --- blocks ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Properties:
    """The file's metadata (title, author, subject)."""

    title: str = ""
    author: str = ""
    subject: str = ""


@dataclass(frozen=True)
class PageNumbers:
    """Page furniture: the footer with ``label`` (``{page}``, ``{pages}``) and ``left_text``."""

    label: str = "{page} / {pages}"
    left_text: str = ""


@dataclass(frozen=True)
class Cover:
    """The cover page: kicker (the organisation), title, subtitle, facts, note, and the
    document-control block (``approval_title`` over label/value pairs: version, date, …)."""

    title: str
    subtitle: str = ""
    facts: tuple[tuple[str, str], ...] = ()
    kicker: str = ""
    note: str = ""
    approval_title: str = ""
    approval: tuple[tuple[str, str], ...] = ()
    #: The language whose case rules the kicker (a name) follows when it is upper-cased: a
    #: Turkish company keeps its İ in an English document ("EGE ENDÜSTRİ").
    kicker_language: str | None = None


@dataclass(frozen=True)
class Toc:
    """The table of contents (headings of levels 1–3)."""

    title: str
    hint: str = ""


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    """Plain text (line breaks kept) with optional emphasis and layout hints."""

    text: str = ""
    bold: bool = False
    italic: bool = False
    size: float | None = None
    color: str | None = None
    style: str | None = None
    align: str | None = None
    space_after: float | None = None
    keep_with_next: bool = False


@dataclass(frozen=True)
class Colophon:
    """The closing line that says how the document was made (can be switched off)."""

    text: str


@dataclass(frozen=True)
class Labelled:
    """``Label: text`` with the label in bold."""

    label: str
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Picture:
    """An image with a caption; a chart also carries its SVG and alternative text.

    ``keep_with_previous`` keeps the paragraph before the picture on its page (a chart stays
    with the sentence that introduces it).
    """

    image: bytes | Path
    width_inches: float
    caption: str = ""
    svg: str | None = None
    alt: str = ""
    keep_with_previous: bool = False


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Section:
    """A new page in a new section, landscape or portrait."""

    landscape: bool


@dataclass(frozen=True)
class KeyValues:
    """Label/value pairs (labels bold), e.g. contact details."""

    pairs: tuple[tuple[str, str], ...]
    borders: bool = True
    widths: tuple[float, ...] = (1, 2.4)


@dataclass(frozen=True)
class Table:
    """A table whose header row repeats on every page; ``widths`` are relative."""

    headers: tuple[str, ...] | None
    rows: tuple[tuple[CellValue, ...], ...]
    widths: tuple[float, ...] | None = None
    borders: bool = True
    banded: bool = True
    font_size: float | None = None
    keep_together: bool | None = None


Block = (Properties | PageNumbers | Cover | Toc | Heading | Paragraph | Labelled | Bullets
         | Picture | PageBreak | Section | KeyValues | Table | Colophon)


class ChartLike(Protocol):
    """What :meth:`Document.chart` needs of a chart (see ``charts.Chart``)."""

    svg: str | None
    png: bytes
    alt: str
    width_in: float


# --- the document ----------------------------------------------------------------------------


@dataclass
class Document:
    """A document being written: its blocks in order, and what the Word version starts from.

    The methods have the names and signatures of :class:`DocxBuilder`'s, so a writer fills a
    ``Document`` exactly as it used to fill a builder::

        d = Document(language="tr")
        d.cover("Teklif İsteme Dokümanı", "CRM seçimi 2027", [("Yayın", "11 Ocak 2027")])
        d.heading("Giriş", 1)
        d.table(["Kimlik", "Gereksinim"], rows, widths=[1, 4])
    """

    template: Path | str | None = None
    table_font_size: float = 9
    language: str = "en"
    generated: dt.date | None = None
    blocks: list[Block] = field(default_factory=list)

    # --- set-up and furniture ---------------------------------------------------------------

    def properties(self, title: str = "", author: str = "", subject: str = "") -> None:
        self.blocks.append(Properties(title, author, subject))

    def page_numbers(self, label: str = "{page} / {pages}", left_text: str = "") -> None:
        self.blocks.append(PageNumbers(label, left_text))

    def cover(self, title: str, subtitle: str = "", facts: Iterable[tuple[str, str]] = (),
              kicker: str = "", note: str = "") -> None:
        self.blocks.append(Cover(title, subtitle, tuple((str(k), str(v)) for k, v in facts),
                                 kicker, note))

    def toc(self, title: str, hint: str = "") -> None:
        self.blocks.append(Toc(title, hint))

    # --- content ----------------------------------------------------------------------------

    def heading(self, text: str, level: int = 1) -> None:
        self.blocks.append(Heading(text, level))

    def paragraph(self, text: str = "", *, bold: bool = False, italic: bool = False,
                  size: float | None = None, color: str | None = None, style: str | None = None,
                  align: str | None = None, space_after: float | None = None,
                  keep_with_next: bool = False) -> None:
        self.blocks.append(Paragraph(text, bold, italic, size, color, style, align,
                                     space_after, keep_with_next))

    def labelled(self, label: str, text: str) -> None:
        self.blocks.append(Labelled(label, text))

    def colophon(self, text: str) -> None:
        """The closing "generated with crmselect" line."""
        self.blocks.append(Colophon(text))

    def bullets(self, items: Iterable[str]) -> None:
        # A single string is one item (iterating it would give one bullet per character).
        self.blocks.append(Bullets((items,) if isinstance(items, str) else tuple(items)))

    def picture(self, image: bytes | Path, width_inches: float, caption: str = "") -> None:
        self.blocks.append(Picture(image, width_inches, caption))

    def chart(self, chart: ChartLike, caption: str, max_inches: float = 6.4) -> None:
        """A chart: PNG in Word, inline SVG in HTML, kept with the paragraph before it."""
        self.blocks.append(Picture(chart.png, min(chart.width_in, max_inches), caption,
                                   svg=chart.svg, alt=chart.alt, keep_with_previous=True))

    def page_break(self) -> None:
        self.blocks.append(PageBreak())

    def section(self, landscape: bool) -> None:
        self.blocks.append(Section(landscape))

    def key_values(self, pairs: Iterable[tuple[str, str]], borders: bool = True,
                   widths: Sequence[float] = (1, 2.4)) -> None:
        self.blocks.append(KeyValues(tuple((k, v) for k, v in pairs), borders, tuple(widths)))

    def table(self, headers: Sequence[str] | None, rows: Iterable[Sequence[CellValue]],
              widths: Sequence[float] | None = None, *, borders: bool = True,
              banded: bool = True, font_size: float | None = None,
              keep_together: bool | None = None) -> None:
        ncols = len(headers) if headers is not None else None
        rows = tuple(tuple(row) for row in rows)
        if ncols is None:
            ncols = max((len(r) for r in rows), default=1)
        if widths and len(widths) != ncols:
            raise ValueError(f"{len(widths)} widths for {ncols} columns")
        self.blocks.append(Table(tuple(headers) if headers is not None else None, rows,
                                 tuple(widths) if widths else None, borders, banded, font_size,
                                 keep_together))

    # --- reading ----------------------------------------------------------------------------

    def headings(self, deepest: int = 3) -> list[Heading]:
        """The headings down to level ``deepest``, in order (for a table of contents)."""
        return [b for b in self.blocks if isinstance(b, Heading) and b.level <= deepest]


def cell_lines(value: CellValue) -> list[str]:
    """The paragraphs of a cell as plain strings (numbers as written, ``None`` empty)."""
    text = value.text if isinstance(value, Cell) else value
    if text is None:
        return [""]
    if isinstance(text, (list, tuple)):
        return [str(t) for t in text]
    if isinstance(text, float) and text.is_integer():
        return [str(int(text))]
    return [str(text)]
