"""``--pdf``: PDFs through LibreOffice with a table of contents that has page numbers, and no
instruction notes in any deliverable (issue #13, point 1)."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn
from office import LIBREOFFICE, convert_to_pdf, pdf_text
from test_documents_infra import make_corporate_template

from crmselect.cli import main
from crmselect.documents import render_pdf
from crmselect.documents.build import build_documents
from crmselect.documents.docx_builder import DocxBuilder

DATA = Path(__file__).parent / "data" / "reports"
needs_libreoffice = pytest.mark.skipif(LIBREOFFICE is None, reason="LibreOffice not installed")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(DATA / "project", target)
    return target


def _document_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read("word/document.xml").decode("utf-8")


def _settings_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read("word/settings.xml").decode("utf-8")


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_no_instruction_notes_and_word_refreshes_the_contents(project: Path, lang: str) -> None:
    result = build_documents(project, lang=lang)
    for path in (p for p in result.files if p.suffix == ".docx"):
        doc = Document(str(path))
        text = "\n".join(p.text for p in doc.paragraphs)
        for note in ("Page numbers are added", "Update All", "Sayfa numaraları",
                     "Tümünü Güncelle"):
            assert note not in text, (path.name, note)
        assert '<w:updateFields w:val="true"/>' in _settings_xml(path)


def _known_pages(path: Path, template: Path | None = None) -> Path:
    """Cover (page 1), contents (2), Alpha and Alpha detail (3), Beta (4), a filler page (5),
    Beta detail (6), Gamma (7); a level-4 heading that the contents leave out."""
    b = DocxBuilder(template=template)
    b.page_numbers("Page {page} of {pages}")
    b.cover("Known pages", "A test", [("Issued", "today")])
    b.toc("Contents")
    b.heading("Alpha", 1)
    b.paragraph("Alpha text.")
    b.heading("Alpha detail", 2)
    b.heading("Too deep", 4)
    for title, level in (("Beta", 1), (None, 0), ("Beta detail", 2), ("Gamma", 1)):
        b.page_break()
        if title:
            b.heading(title, level)
        b.paragraph("Text.")
    return b.save(path)


def _contents(path: Path) -> list[tuple[str, str, str]]:
    """Each contents entry of a saved .docx: its text, link target and PAGEREF bookmark."""
    entries = []
    for p in Document(str(path)).paragraphs:
        link = p._p.find(qn("w:hyperlink"))
        if link is None or not (p.style.name or "").lower().startswith("toc "):
            continue
        text = "".join(t.text for t in link.iter(qn("w:t")))
        code = "".join(t.text for t in link.iter(qn("w:instrText"))).split()
        entries.append((text, link.get(qn("w:anchor")), code[1] if code[:1] == ["PAGEREF"]
                        else ""))
    return entries


def test_contents_entries_are_page_references_to_the_headings(tmp_path: Path) -> None:
    path = _known_pages(tmp_path / "known.docx")
    doc = Document(str(path))  # python-docx reopens it
    bookmarks = {}
    for p in doc.paragraphs:
        if p.style.name.startswith("Heading"):
            start = p._p.find(qn("w:bookmarkStart"))
            bookmarks[p.text] = start.get(qn("w:name"))
    entries = _contents(path)
    assert [e[0] for e in entries] == ["Alpha", "Alpha detail", "Beta", "Beta detail", "Gamma"]
    # The link and the page reference both point at the heading's own bookmark.
    assert all(anchor == ref == bookmarks[text] for text, anchor, ref in entries)
    xml = _document_xml(path)
    # No TOC field: LibreOffice would show its stored text instead of computing the pages.
    assert " TOC " not in xml
    assert xml.count('<w:tab w:val="right" w:leader="dot" w:pos="9346"/>') == 5
    assert '<w:updateFields w:val="true"/>' in _settings_xml(path)  # Word refreshes on opening


def test_contents_without_headings_and_on_a_corporate_template(tmp_path: Path) -> None:
    b = DocxBuilder()
    b.toc("Contents")
    b.paragraph("No headings at all.")
    path = b.save(tmp_path / "empty.docx")
    assert _contents(path) == [] and "PAGEREF" not in _document_xml(path)
    assert [p.text for p in Document(str(path)).paragraphs][:1] == ["Contents"]
    template = make_corporate_template(tmp_path / "corporate.docx", drop_styles=("heading 1",))
    path = _known_pages(tmp_path / "corporate-known.docx", template=template)
    assert [ref for _, _, ref in _contents(path)] == [a for _, a, _ in _contents(path)]
    assert len(_contents(path)) == 5


@needs_libreoffice
def test_libreoffice_shows_the_contents_page_numbers_without_a_macro(tmp_path: Path) -> None:
    # What a user opening the .docx in LibreOffice sees: a plain conversion, no index update.
    pdf = convert_to_pdf(_known_pages(tmp_path / "known.docx"), tmp_path)
    pages = pdf_text(pdf).split("\f")
    numbered = re.findall(r"^\s*(\S.*?)\s?\.{3,}\s*(\d+)\s*$", pages[1], re.M)
    assert numbered == [("Alpha", "3"), ("Alpha detail", "3"), ("Beta", "4"),
                        ("Beta detail", "6"), ("Gamma", "7")]
    for title, page in numbered:  # each heading really is on that page
        assert title in [line.strip() for line in pages[int(page) - 1].splitlines()]


def test_pdf_without_libreoffice_is_one_line_and_writes_nothing(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render_pdf, "soffice", lambda: None)
    for command in (["rfp"], ["report"], ["testdrive"], ["migration"]):
        result = CliRunner().invoke(main, [*command, str(project), "--pdf"])
        assert result.exit_code == 1, result.output
        assert result.output.strip() == ("--pdf needs LibreOffice: install it so that the "
                                         "soffice command is on the PATH, or leave out --pdf")
        assert "Traceback" not in result.output
        assert not (project / "out").exists()
    result = CliRunner().invoke(main, ["rfp", str(project), "--pdf", "--lang", "tr"])
    assert result.exit_code == 1
    assert result.output.startswith("--pdf için LibreOffice gerekir")


def test_build_pdf_without_libreoffice_warns_and_writes_the_rest(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render_pdf, "soffice", lambda: None)
    result = CliRunner().invoke(main, ["build", str(project), "--pdf"])
    assert result.exit_code == 0, result.output
    assert ("PDFs not written: LibreOffice (the soffice command) is not on the PATH"
            in result.output)
    assert (project / "out" / "rfp.docx").is_file()
    assert not list((project / "out").glob("*.pdf"))


def test_a_conversion_that_writes_no_pdf_is_one_line_and_leaves_no_pdf(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A "LibreOffice" that exits without writing anything (e.g. a file it cannot open).
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nexit 0\n")
    fake.chmod(0o755)
    monkeypatch.setattr(render_pdf, "soffice", lambda: str(fake))
    result = CliRunner().invoke(main, ["rfp", str(project), "--pdf"])
    assert result.exit_code == 1, result.output
    docx = project / "out" / "rfp.docx"
    assert result.output.splitlines()[-1] == (
        f"{docx}: LibreOffice could not convert the file to PDF (no PDF was written)")
    assert "Traceback" not in result.output
    assert docx.is_file() and not (project / "out" / "rfp.pdf").exists()


@needs_libreoffice
def test_rfp_pdf_has_a_contents_page_with_page_numbers(project: Path) -> None:
    result = CliRunner().invoke(main, ["rfp", str(project), "--pdf"])
    assert result.exit_code == 0, result.output
    pdf = project / "out" / "rfp.pdf"
    assert result.output.splitlines()[-1] == str(pdf)
    text = pdf_text(pdf)
    contents = text.split("Contents", 1)[1]
    headings = [p.text for p in Document(str(project / "out" / "rfp.docx")).paragraphs
                if p.style.name in ("Heading 1", "Heading 2")]
    numbered = re.findall(r"^\s*(\S.*?)\s?\.{3,}\s*(\d+)\s*$", contents, re.M)
    # (a heading's own final full stop runs into the dot leader)
    assert [title.rstrip(".") for title, _ in numbered][:5] == [h.rstrip(".")
                                                               for h in headings[:5]]
    pages = [int(n) for _, n in numbered]
    assert pages == sorted(pages) and pages[0] >= 2
    # The heading really is on the page the contents give (pages split by form feeds).
    page_texts = text.split("\f")
    title, first = numbered[0][0], int(numbered[0][1])
    assert any(line.strip() == title for line in page_texts[first - 1].splitlines())


@needs_libreoffice
def test_build_pdf_writes_a_pdf_per_word_document(project: Path) -> None:
    result = build_documents(project, pdf=True)
    pdfs = sorted(p.name for p in result.files if p.suffix == ".pdf")
    assert pdfs == ["comparison.pdf", "migration-plan.pdf", "rfp.pdf", "testdrive-plan.pdf"]
    assert all((project / "out" / name).stat().st_size > 10_000 for name in pdfs)
    assert not list((project / "out").glob(".build-*"))
