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
from office import LIBREOFFICE, pdf_text

from crmselect.cli import main
from crmselect.documents import render_pdf
from crmselect.documents.build import build_documents
from crmselect.documents.render_pdf import add_toc_page_numbers, toc_pages
from crmselect.documents.rfp import render_rfp

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


def test_toc_text_gives_the_page_numbers_in_order() -> None:
    text = "\nIntroduction\t4\n  About us\t4\r\nScope\t12\nno number here\n"
    assert toc_pages(text) == ["4", "4", "12"]


def test_page_numbers_go_into_the_stored_contents_only_when_they_pair_up(
        project: Path) -> None:
    files = render_rfp(project, lang="en")
    entries = len(re.findall(r'w:anchor="_Toc', _document_xml(files.docx)))
    before = files.docx.read_bytes()
    assert add_toc_page_numbers(files.docx, ["3"] * (entries - 1)) is False
    assert files.docx.read_bytes() == before
    assert add_toc_page_numbers(files.docx, [str(n) for n in range(3, 3 + entries)]) is True
    xml = _document_xml(files.docx)
    assert re.search(r'<w:tab w:val="right" w:leader="dot" w:pos="\d+"/>', xml)
    assert f"<w:r><w:tab/></w:r><w:r><w:t>{2 + entries}</w:t></w:r></w:hyperlink>" in xml
    Document(str(files.docx))  # still a valid Word file


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
    # The .docx's stored contents now carry the same numbers (LibreOffice shows them).
    xml = _document_xml(project / "out" / "rfp.docx")
    assert f"<w:r><w:tab/></w:r><w:r><w:t>{first}</w:t></w:r></w:hyperlink>" in xml


@needs_libreoffice
def test_build_pdf_writes_a_pdf_per_word_document(project: Path) -> None:
    result = build_documents(project, pdf=True)
    pdfs = sorted(p.name for p in result.files if p.suffix == ".pdf")
    assert pdfs == ["comparison.pdf", "migration-plan.pdf", "rfp.pdf", "testdrive-plan.pdf"]
    assert all((project / "out" / name).stat().st_size > 10_000 for name in pdfs)
    assert not list((project / "out").glob(".build-*"))
