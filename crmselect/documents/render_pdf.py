"""Word documents to PDF through LibreOffice.

A plain ``soffice --convert-to pdf`` is enough: the table of contents' page numbers are
``PAGEREF`` fields that LibreOffice computes while it lays the pages out (see
:mod:`crmselect.documents.docx_builder`), so the PDF shows what a user opening the ``.docx`` in
LibreOffice sees, and the ``.docx`` itself is not changed.

LibreOffice runs once for all documents, with a throw-away profile (a user's running
LibreOffice is not disturbed, two conversions at once do not collide); the files are copied to
numbered names in a temporary folder (two documents with the same name do not collide, and a
PDF is moved beside its ``.docx`` only when it was written).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from crmselect.documents.output import atomic_path
from crmselect.errors import CrmselectError, Issue, msg

#: Seconds LibreOffice may take for its first start and for each document.
START_TIMEOUT = 120
DOCUMENT_TIMEOUT = 180


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
    """Write ``x.pdf`` beside each ``x.docx`` (one LibreOffice run for all). Returns the PDFs
    in the same order."""
    program = require_soffice()
    documents = [Path(d) for d in documents]
    with tempfile.TemporaryDirectory(prefix="crmselect-pdf-") as tmp:
        work = Path(tmp)
        profile = work / "profile"
        env = {**os.environ, "HOME": str(work)}
        copies = []
        for n, docx in enumerate(documents, start=1):
            copies.append(work / f"{n}.docx")
            shutil.copyfile(docx, copies[-1])
        _run([program, "--headless", "--norestore", "--nologo", "--nolockcheck",
              f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "pdf",
              "--outdir", str(work), *map(str, copies)], env,
             START_TIMEOUT + DOCUMENT_TIMEOUT * len(documents))
        written = []
        for copy, docx in zip(copies, documents, strict=True):
            pdf = copy.with_suffix(".pdf")
            if not pdf.is_file() or pdf.stat().st_size == 0:
                raise _failed(docx, "no PDF was written")
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
