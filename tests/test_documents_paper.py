"""The Word documents are on A4, portrait and landscape sections alike (python-docx's own
template is US Letter); a corporate template keeps its own paper."""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx import Document
from docx.shared import Mm

from crmselect.documents.docx_builder import DocxBuilder


def _page_sizes(path: Path) -> list[tuple[str | None, str | None, str | None]]:
    from lxml import etree

    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    w = f"{{{ns['w']}}}"
    return [(e.get(w + "w"), e.get(w + "h"), e.get(w + "orient"))
            for e in root.iterfind(".//w:pgSz", ns)]


def test_house_documents_are_a4_in_portrait_and_landscape(tmp_path: Path) -> None:
    b = DocxBuilder(template=None)
    b.heading("Portrait", 1)
    b.section(landscape=True)
    b.paragraph("wide")
    b.section(landscape=False)
    b.paragraph("back")
    out = b.save(tmp_path / "a4.docx")
    assert _page_sizes(out) == [("11906", "16838", None), ("16838", "11906", "landscape"),
                                ("11906", "16838", None)]


def test_a_corporate_template_keeps_its_paper(tmp_path: Path) -> None:
    template = Document()
    section = template.sections[0]
    section.page_width, section.page_height = Mm(176), Mm(250)  # B5
    template.save(tmp_path / "corporate.docx")
    b = DocxBuilder(template=tmp_path / "corporate.docx")
    b.paragraph("text")
    width, height, _ = _page_sizes(b.save(tmp_path / "out.docx"))[0]
    assert (round(int(width) / 56.7), round(int(height) / 56.7)) == (176, 250)
