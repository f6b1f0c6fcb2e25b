"""Word documents to PDF through LibreOffice, with the table of contents' page numbers.

Why a macro and not ``soffice --convert-to pdf``: a plain conversion prints the table of
contents as stored in the file, and the stored entries have no page numbers (only Word, which
refreshes fields on opening, computes them). A small LibreOffice Basic macro opens each file,
updates its indexes twice (page numbers can move the entries after them), exports the PDF
and writes the updated contents' text; the page numbers read from that text are then written
into the ``.docx``'s stored table of contents, so that LibreOffice and previewers show them too.

LibreOffice runs with a throw-away profile (a user's running LibreOffice is not disturbed,
two conversions at once do not collide); the files are copied to ASCII names in a temporary
folder, so that no path has to travel through Basic.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

from lxml import etree

from crmselect.documents.output import atomic_path
from crmselect.errors import CrmselectError, Issue, msg

#: Seconds LibreOffice may take for its first start and for each document.
START_TIMEOUT = 120
DOCUMENT_TIMEOUT = 180

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PAGE = re.compile(r"\t\s*(\d+)\s*$")

MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" \
script:language="StarBasic">
Sub ExportPdfs(sDir As String, nFiles As Integer)
  Dim n As Integer
  For n = 1 To nFiles
    ExportOne(sDir &amp; &quot;/&quot; &amp; CStr(n))
  Next n
End Sub

Sub ExportOne(sBase As String)
  On Error Goto Failed
  Dim aArgs(0) As New com.sun.star.beans.PropertyValue
  aArgs(0).Name = &quot;Hidden&quot;
  aArgs(0).Value = True
  oDoc = StarDesktop.loadComponentFromURL(ConvertToURL(sBase &amp; &quot;.docx&quot;), \
&quot;_blank&quot;, 0, aArgs())
  oIdx = oDoc.getDocumentIndexes()
  Dim k As Integer, i As Integer
  For k = 1 To 2
    For i = 0 To oIdx.getCount() - 1
      oIdx.getByIndex(i).update()
    Next i
  Next k
  sText = &quot;&quot;
  For i = 0 To oIdx.getCount() - 1
    If oIdx.getByIndex(i).supportsService(&quot;com.sun.star.text.ContentIndex&quot;) Then
      sText = oIdx.getByIndex(i).getAnchor().getString()
      Exit For
    End If
  Next i
  f = FreeFile
  Open sBase &amp; &quot;.toc&quot; For Output As #f
  Print #f, sText
  Close #f
  Dim aF(0) As New com.sun.star.beans.PropertyValue
  aF(0).Name = &quot;FilterName&quot;
  aF(0).Value = &quot;writer_pdf_Export&quot;
  oDoc.storeToURL(ConvertToURL(sBase &amp; &quot;.pdf&quot;), aF())
  oDoc.close(True)
  Exit Sub
Failed:
  If Not IsNull(oDoc) Then oDoc.close(True)
End Sub
</script:module>
"""


def soffice() -> str | None:
    """The LibreOffice program on the PATH, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def require_soffice() -> str:
    """The LibreOffice program; a one-line user error when it is not installed."""
    program = soffice()
    if program is None:
        raise CrmselectError(Issue(file="", message=msg("pdf_needs_libreoffice")))
    return program


def write_pdfs(documents: Sequence[Path]) -> list[Path]:
    """Write ``x.pdf`` beside each ``x.docx`` (one LibreOffice run for all) and put the page
    numbers into each ``.docx``'s table of contents. Returns the PDFs in the same order."""
    program = require_soffice()
    documents = [Path(d) for d in documents]
    with tempfile.TemporaryDirectory(prefix="crmselect-pdf-") as tmp:
        work = Path(tmp)
        profile = work / "profile"
        env = {**os.environ, "HOME": str(work)}
        base = [program, "--headless", "--norestore", "--nologo", "--nolockcheck",
                f"-env:UserInstallation={profile.as_uri()}"]
        _run(base + ["--terminate_after_init"], env, START_TIMEOUT)
        module = profile / "user" / "basic" / "Standard" / "Module1.xba"
        if not module.parent.is_dir():
            raise _failed(documents[0], "LibreOffice did not start")
        module.write_text(MACRO, encoding="utf-8")
        for n, docx in enumerate(documents, start=1):
            shutil.copyfile(docx, work / f"{n}.docx")
        _run(base + [f'macro:///Standard.Module1.ExportPdfs("{work.as_posix()}",'
                     f"{len(documents)})"], env, START_TIMEOUT
             + DOCUMENT_TIMEOUT * len(documents))
        written = []
        for n, docx in enumerate(documents, start=1):
            pdf = work / f"{n}.pdf"
            if not pdf.is_file() or pdf.stat().st_size == 0:
                raise _failed(docx, "no PDF was written")
            toc = work / f"{n}.toc"
            pages = toc_pages(toc.read_text(encoding="utf-8", errors="replace")
                              if toc.is_file() else "")
            add_toc_page_numbers(docx, pages)
            target = docx.with_suffix(".pdf")
            with atomic_path(target) as out:
                shutil.copyfile(pdf, out)
            written.append(target)
        return written


def _run(command: list[str], env: dict[str, str], timeout: int) -> None:
    try:
        subprocess.run(command, env=env, timeout=timeout, check=False, stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise CrmselectError(Issue(file="", message=msg("pdf_timeout", seconds=timeout))) \
            from None
    except OSError as exc:
        raise CrmselectError(Issue(file=command[0], message=msg(
            "pdf_failed", detail=exc.strerror or str(exc)))) from None


def _failed(docx: Path, detail: str) -> CrmselectError:
    return CrmselectError(Issue(file=str(docx), message=msg("pdf_failed", detail=detail)))


def toc_pages(text: str) -> list[str]:
    """The page numbers of a table of contents' text (one entry a line, a tab before the
    number), in order."""
    return [m.group(1) for line in text.splitlines() if (m := _PAGE.search(line))]


def add_toc_page_numbers(docx: Path, pages: Sequence[str]) -> bool:
    """Write ``pages`` into the stored table of contents of ``docx`` (a dotted right tab and
    the number after each entry). Nothing changes, and False is returned, when the entries
    and the numbers do not pair up."""
    with zipfile.ZipFile(docx) as package:
        infos = package.infolist()
        parts = {info.filename: package.read(info.filename) for info in infos}
    root = etree.fromstring(parts["word/document.xml"])
    w = f"{{{_W}}}"
    links = [h for h in root.iter(f"{w}hyperlink") if (h.get(f"{w}anchor") or "").startswith(
        "_Toc")]
    if not links or len(links) != len(pages):
        return False
    width = _text_width(root)
    for link, page in zip(links, pages, strict=True):
        paragraph = link.getparent()
        ppr = paragraph.find(f"{w}pPr")
        if ppr is None:
            ppr = etree.SubElement(paragraph, f"{w}pPr")
            paragraph.insert(0, ppr)
        if ppr.find(f"{w}tabs") is None:
            tabs = etree.Element(f"{w}tabs")
            tab = etree.SubElement(tabs, f"{w}tab")
            tab.set(f"{w}val", "right")
            tab.set(f"{w}leader", "dot")
            tab.set(f"{w}pos", str(width))
            style = ppr.find(f"{w}pStyle")
            ppr.insert(0 if style is None else 1, tabs)
        run = etree.SubElement(link, f"{w}r")
        etree.SubElement(run, f"{w}tab")
        run = etree.SubElement(link, f"{w}r")
        etree.SubElement(run, f"{w}t").text = page
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                                standalone=True)
    with atomic_path(docx) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
        for info in infos:
            out.writestr(info, parts[info.filename])
    return True


def _text_width(root: etree._Element) -> int:
    """The text width of the first section in twips (9,000 when the file does not say)."""
    w = f"{{{_W}}}"
    sect = next(root.iter(f"{w}sectPr"), None)
    size = sect.find(f"{w}pgSz") if sect is not None else None
    margins = sect.find(f"{w}pgMar") if sect is not None else None
    try:
        return (int(size.get(f"{w}w")) - int(margins.get(f"{w}left"))
                - int(margins.get(f"{w}right")))
    except (AttributeError, TypeError, ValueError):
        return 9000
