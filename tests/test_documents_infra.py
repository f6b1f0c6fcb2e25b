"""Shared document infrastructure: strings, Jinja environment, formatting, the Word builder."""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from office import convert_to_pdf, pdf_pages, pdf_text
from rendered import english, raises_english

from crmselect.documents.docx_builder import Cell, DocxBuilder, upper
from crmselect.documents.formatting import format_date, format_money, format_percent
from crmselect.documents.render_markdown import md_cell, md_inline
from crmselect.documents.strings import load_bilingual, load_strings, read_strings_file
from crmselect.errors import CrmselectError
from crmselect.model import LANGUAGES
from crmselect.resources import bundled_dir
from crmselect.yamlfile import read_document

# --- strings ---------------------------------------------------------------------------------


def _leaves(node: object, path: str = "") -> dict[str, object]:
    if isinstance(node, dict) and set(node) <= set(LANGUAGES) and node:
        return {path: node}
    found: dict[str, object] = {}
    for key, value in node.items():  # type: ignore[union-attr]
        found.update(_leaves(value, f"{path}.{key}" if path else str(key)))
    return found


def _flat_keys(node: object, path: str = "") -> set[str]:
    if not hasattr(node, "items") or isinstance(node, str):
        return {path}
    keys: set[str] = set()
    for key, value in node.items():
        keys |= _flat_keys(value, f"{path}.{key}" if path else key)
    return keys


def test_every_bundled_string_exists_in_both_languages() -> None:
    files = sorted((bundled_dir("templates") / "strings").glob("*.yaml"))
    assert files, "no bundled strings"
    for path in files:
        leaves = _leaves(read_document(path).data)
        assert leaves
        for key, leaf in leaves.items():
            assert set(leaf) == set(LANGUAGES), f"{path.name}: {key} has {sorted(leaf)}"
            for lang in LANGUAGES:
                value = leaf[lang]
                texts = value if isinstance(value, list) else [value]
                assert texts and all(isinstance(t, str) and t.strip() for t in texts), (
                    f"{path.name}: {key}.{lang} is empty"
                )
            if isinstance(leaf["en"], list):
                assert len(leaf["en"]) == len(leaf["tr"]), f"{path.name}: {key} list lengths"


def test_both_languages_have_exactly_the_same_keys() -> None:
    en, tr = load_strings("en"), load_strings("tr")
    assert _flat_keys(en) == _flat_keys(tr)
    assert en.text("common.priority.must") == "Must"
    assert tr.text("common.priority.must") == "Zorunlu"
    assert tr.text("common.page", page=2, pages=9) == "Sayfa 2 / 9"


def test_placeholders_match_between_languages() -> None:
    import string

    for namespace, tree in load_bilingual().items():
        for key, leaf in _leaves(tree).items():
            names = []
            for lang in LANGUAGES:
                texts = leaf[lang] if isinstance(leaf[lang], list) else [leaf[lang]]
                names.append(sorted({f for t in texts for _, f, _, _ in
                                     string.Formatter().parse(t) if f}))
            assert names[0] == names[1], f"{namespace}.{key}: placeholders {names}"


def test_missing_string_names_its_full_path() -> None:
    with pytest.raises(KeyError, match="no document string 'common.priority.maybe'"):
        load_strings("en").text("common.priority.maybe")


def test_user_strings_override_single_leaves(tmp_path: Path) -> None:
    folder = tmp_path / "templates" / "strings"
    folder.mkdir(parents=True)
    (folder / "common.yaml").write_text(
        "priority:\n  must: {en: Mandatory, tr: Mutlaka}\n", encoding="utf-8")
    strings = load_strings("en", tmp_path)
    assert strings.text("common.priority.must") == "Mandatory"
    assert strings.text("common.priority.should") == "Should"  # untouched leaves stay


def test_user_string_in_one_language_only_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "rfp.yaml"
    path.write_text("title:\n  en: Tender\nintro: {en: A, tr: B, de: C}\n", encoding="utf-8")
    with pytest.raises(CrmselectError) as info:
        read_strings_file(path)
    assert [i.format(english) for i in info.value.issues] == [
        f"{path}:2:3: title: missing the tr text",
        f"{path}:3:23: intro.de: unexpected de beside the languages: a string holds exactly en "
        "and tr",
    ]


def test_unknown_language_is_refused() -> None:
    with raises_english("unknown language 'de'"):
        load_strings("de")


# --- Markdown ---------------------------------------------------------------------------------


def test_markdown_escaping_keeps_tables_intact() -> None:
    assert md_inline("a | b *c* _d_ <x>\n  e") == r"a \| b \*c\* \_d\_ \<x\> e"
    assert md_cell("one\x07\ntwo|three") == r"one<br>two\|three"
    assert md_cell(["x", "y"]) == "x<br>y"
    assert md_cell("") == " "


def test_formatting_per_language() -> None:
    day = dt.date(2027, 2, 5)
    assert format_date(day, "en") == "5 February 2027"
    assert format_date(day, "tr") == "5 Şubat 2027"
    assert format_date(None, "tr") == "—"
    assert format_money(1234567, "EUR", "en") == "1,234,567 EUR"
    assert format_money(1234567.4, "TRY", "tr") == "1.234.567 TL"
    assert format_money(12.5, "EUR", "tr") == "12,50 EUR"
    assert format_percent(0.35, "tr") == "%35"
    assert format_percent(0.35, "en") == "35%"


# --- Word builder ----------------------------------------------------------------------------


def _png() -> bytes:
    """A 40×20 blue PNG, made without an image library."""
    width, height = 40, 20
    raw = b"".join(b"\x00" + b"\x1f\x3a\x5f" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def make_corporate_template(path: Path, drop_styles: tuple[str, ...] = ()) -> Path:
    """A company template: header text and a logo, a body to be replaced, some styles missing."""
    doc = Document()
    header = doc.sections[0].header.paragraphs[0]
    header.text = "ACME Corporate — Internal"
    header.add_run().add_picture(io.BytesIO(_png()))
    doc.add_paragraph("Template body text that must disappear.")
    doc.add_table(rows=1, cols=1).cell(0, 0).text = "template table"
    styles = doc.styles.element
    for style in list(styles.findall(qn("w:style"))):
        name = style.find(qn("w:name"))
        if name is not None and name.get(qn("w:val")) in drop_styles:
            styles.remove(style)
    doc.save(str(path))
    return path


def _sample_document(builder: DocxBuilder, rows: int = 120) -> None:
    builder.page_numbers("Page {page} of {pages}", left_text="RFP — ACME")
    builder.cover("Request for Proposal", "CRM selection", [("Issued", "11 January 2027")],
                  kicker="ACME A.Ş.", note="Confidential")
    builder.toc("Contents", hint="Update fields to see page numbers.")
    builder.heading("Introduction\x0b", 1)
    builder.paragraph("Control \x01characters\x1f are dropped.\nSecond line.")
    builder.bullets(["first", "second"])
    builder.heading("Details", 2)
    builder.key_values([("Contact", "Selin Aydın"), ("E-mail", "selin@example.com")])
    builder.section(landscape=True)
    builder.heading("Requirement matrix", 1)
    builder.table(
        ["Id", "Requirement", "Priority", "Acceptance criteria"],
        [[f"OPS-SFA-{i:03d}", "Long requirement text " * 8, Cell("Must", bold=True),
          ["criterion one", "criterion two"]] for i in range(rows)],
        widths=[1.3, 4, 1, 4],
    )
    builder.section(landscape=False)
    builder.heading("Terms", 1)
    builder.paragraph("The end.")


def test_builder_structure(tmp_path: Path) -> None:
    builder = DocxBuilder()
    _sample_document(builder, rows=120)
    path = builder.save(tmp_path / "out" / "doc.docx")
    doc = Document(str(path))

    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["Introduction", "Details", "Requirement matrix", "Terms"]
    assert "Control characters are dropped.\nSecond line." in [p.text for p in doc.paragraphs]

    body = doc.element.body.xml
    # Contents entries link to the headings' bookmarks and give their pages (PAGEREF fields)
    assert body.count("<w:hyperlink") >= 4 and body.count(" PAGEREF _Toc") == 4
    assert doc.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"

    matrix = doc.tables[2]  # after the cover facts and the contact details
    assert len(matrix.rows) == 121
    assert matrix.rows[0].cells[0].text == "Id"
    assert matrix.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert matrix.rows[120].cells[0].text == "OPS-SFA-119"
    assert matrix.rows[5].cells[3].text == "criterion one\ncriterion two"

    orientations = [s.orientation for s in doc.sections]
    assert orientations == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    assert doc.sections[1].page_width > doc.sections[1].page_height
    footer_xml = doc.sections[0].footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml and "RFP — ACME" in footer_xml
    assert "NUMPAGES" in doc.sections[1].footer._element.xml
    assert doc.sections[0].different_first_page_header_footer  # no number on the cover
    assert not list(tmp_path.joinpath("out").glob(".*.tmp"))  # the temp file was renamed


def test_builder_picture_after_a_page_break(tmp_path: Path) -> None:
    builder = DocxBuilder()
    builder.paragraph("before")
    builder.page_break()
    builder.picture(_png(), width_inches=20, caption="Figure 1 — logo")
    doc = Document(str(builder.save(tmp_path / "pic.docx")))
    picture, caption = doc.paragraphs[1], doc.paragraphs[2]
    assert picture.paragraph_format.page_break_before
    assert picture.paragraph_format.keep_with_next
    shape = doc.inline_shapes[0]
    assert shape.width <= doc.sections[0].page_width - doc.sections[0].left_margin - (
        doc.sections[0].right_margin) + 635  # never wider than the text
    assert caption.text == "Figure 1 — logo"


def test_builder_long_table_has_every_row(tmp_path: Path) -> None:
    """A long table is complete and in order (its timing: benchmarks/bench_docx_table.py)."""
    builder = DocxBuilder()
    builder.table(["a", "b", "c"], [[str(i), "text " * 10, ["x", "y"]] for i in range(2400)])
    table = Document(str(builder.save(tmp_path / "long.docx"))).tables[0]
    assert len(table.rows) == 2401
    assert [c.text for c in table.rows[0].cells] == ["a", "b", "c"]
    assert [table.rows[k].cells[0].text for k in (1, 1200, 2400)] == ["0", "1199", "2399"]
    assert table.rows[2400].cells[2].text == "x\ny"


def test_builder_on_a_corporate_template(tmp_path: Path) -> None:
    template = make_corporate_template(
        tmp_path / "corporate.docx", drop_styles=("heading 1", "List Bullet", "Table Grid"))
    builder = DocxBuilder(template=template)
    _sample_document(builder, rows=10)
    doc = Document(str(builder.save(tmp_path / "doc.docx")))

    texts = [p.text for p in doc.paragraphs]
    assert "Template body text that must disappear." not in texts
    assert all(t.rows[0].cells[0].text != "template table" for t in doc.tables)
    header = doc.sections[0].header
    assert header.paragraphs[0].text == "ACME Corporate — Internal"
    assert header._element.findall(f".//{qn('w:drawing')}"), "the logo was lost"
    assert any(rel.reltype.endswith("/image") for rel in header.part.rels.values())
    # Missing styles were created: headings still reach the table of contents.
    assert doc.styles["Heading 1"].element.pPr.find(qn("w:outlineLvl")) is not None
    bullets = [p for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert [p.text for p in bullets] == ["first", "second"]
    assert doc.styles["List Bullet"].element.pPr.find(qn("w:numPr")) is not None
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 1"] == [
        "Introduction", "Requirement matrix", "Terms"]


def test_template_that_is_not_a_docx(tmp_path: Path) -> None:
    bad = tmp_path / "corporate.docx"
    bad.write_text("not a zip", encoding="utf-8")
    with pytest.raises(CrmselectError) as info:
        DocxBuilder(template=bad)
    assert info.value.issues[0].format(english) == (
        f"{bad}: not a Word .docx file (it is not a zip package) "
        "(save the template from Word as 'Word Document (.docx)')"
    )
    with raises_english("no such Word template"):
        DocxBuilder(template=tmp_path / "missing.docx")


@pytest.mark.slow
def test_builder_output_opens_in_libreoffice(tmp_path: Path) -> None:
    builder = DocxBuilder()
    _sample_document(builder, rows=200)
    plain = builder.save(tmp_path / "plain.docx")
    corporate = DocxBuilder(template=make_corporate_template(
        tmp_path / "corporate.docx", drop_styles=("heading 1", "List Bullet", "Table Grid")))
    _sample_document(corporate, rows=20)
    themed = corporate.save(tmp_path / "themed.docx")

    pdf = convert_to_pdf(plain, tmp_path)
    assert pdf_pages(pdf) >= 8
    text = pdf_text(pdf)
    assert "Requirement matrix" in text and "OPS-SFA-199" in text
    assert "Page 3 of" in text
    pdf = convert_to_pdf(themed, tmp_path)
    assert pdf_pages(pdf) >= 4
    assert "ACME Corporate" in pdf_text(pdf)


def test_turkish_upper_case_and_document_language(tmp_path):
    assert upper("Ege Endüstri Makina Işık", "tr") == "EGE ENDÜSTRİ MAKİNA IŞIK"
    assert upper("Ege Industries", "en") == "EGE INDUSTRIES"
    b = DocxBuilder(language="tr")
    b.cover("Teklif İsteği", kicker="İzmir Işık Sanayi")
    path = b.save(tmp_path / "t.docx")
    with zipfile.ZipFile(path) as z:
        styles = z.read("word/styles.xml").decode()
        body = z.read("word/document.xml").decode()
    assert 'w:val="tr-TR"' in styles
    assert "İZMİR IŞIK SANAYİ" in body


# --- page flow: headings never orphaned, short tables kept together, no big gaps --------------


def _keeps(table) -> list[bool]:
    """Per row: whether the row is kept with the next one (keepNext on its paragraphs)."""
    return [all(p._p.pPr is not None and p._p.pPr.find(qn("w:keepNext")) is not None
                for cell in row.cells for p in cell.paragraphs) for row in table.rows]


def test_short_table_is_kept_together_with_its_heading(tmp_path: Path) -> None:
    builder = DocxBuilder()
    builder.heading("Timeline", 1)
    builder.paragraph("The milestones.")
    builder.table(["Milestone", "Date"], [[f"Step {i}", "11 January 2027"] for i in range(8)])
    doc = Document(str(builder.save(tmp_path / "short.docx")))
    intro = next(p for p in doc.paragraphs if p.text == "The milestones.")
    assert intro.paragraph_format.keep_with_next
    assert _keeps(doc.tables[0]) == [True] * 8 + [False]


def test_tall_table_flows_and_keeps_only_its_first_row_with_the_heading(tmp_path: Path) -> None:
    # Few rows, but each with a long text: keeping them together would push the table to the
    # next page and leave most of this one empty.
    long = "A requirement described at length, with acceptance criteria. " * 12
    builder = DocxBuilder()
    builder.heading("Sales", 2)
    builder.paragraph("Problem: leads get lost.")
    builder.table(["Id", "Requirement"], [[f"R-{i}", long] for i in range(6)], widths=[1, 5])
    doc = Document(str(builder.save(tmp_path / "tall.docx")))
    intro = next(p for p in doc.paragraphs if p.text == "Problem: leads get lost.")
    assert intro.paragraph_format.keep_with_next
    # Header row with the first row (so with the heading); the rest flows.
    assert _keeps(doc.tables[0]) == [True] + [False] * 6
    assert doc.tables[0].rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_intro_between_two_headings_stays_with_the_next_heading(tmp_path: Path) -> None:
    builder = DocxBuilder()
    builder.heading("Collaborative CRM", 1)
    builder.paragraph("Every department works from one view.")
    builder.heading("Single customer view", 2)
    builder.paragraph("Body text that may end a page.")
    builder.paragraph("More body text.")
    builder.heading("Next", 2)
    doc = Document(str(builder.save(tmp_path / "intro.docx")))
    by_text = {p.text: p for p in doc.paragraphs}
    assert by_text["Every department works from one view."].paragraph_format.keep_with_next
    assert not by_text["More body text."].paragraph_format.keep_with_next


def test_columns_are_widened_so_that_no_word_is_broken(tmp_path: Path) -> None:
    builder = DocxBuilder(language="tr")
    builder.table(["Görev", "Doğrulanmış", "Tamam"],
                  [["Proje ekibini kurun " * 5, "10.199.750", "☐"]], widths=[6, 0.6, 0.3])
    doc = Document(str(builder.save(tmp_path / "widths.docx")))
    grid = [int(c.get(qn("w:w"))) for c in doc.tables[0]._tbl.tblGrid.findall(qn("w:gridCol"))]
    text_width = (doc.sections[0].page_width - doc.sections[0].left_margin
                  - doc.sections[0].right_margin) / 635
    assert abs(sum(grid) - text_width) < 10  # still the text width
    # At 9 pt, bold "Doğrulanmış" needs about 1,300 twips with the cell margins; "Tamam" 900.
    assert grid[1] >= 1300 and grid[2] >= 900
    assert grid[0] > 5000
