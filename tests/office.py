"""Test helpers: open generated documents in LibreOffice (headless) and count the PDF pages.

Why: python-docx and openpyxl read back almost anything; LibreOffice refuses files that Word
would refuse too, so converting to PDF is the real "it opens" check.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")


def convert_to_pdf(path: Path, workdir: Path, timeout: int = 240) -> Path:
    """Convert ``path`` to PDF with a fresh LibreOffice profile; returns the PDF path."""
    if LIBREOFFICE is None:
        pytest.skip("LibreOffice is not installed")
    outdir = workdir / "pdf"
    outdir.mkdir(parents=True, exist_ok=True)
    profile = (workdir / "lo-profile").resolve()
    result = subprocess.run(
        [LIBREOFFICE, f"-env:UserInstallation=file://{profile}", "--headless",
         "--convert-to", "pdf", "--outdir", str(outdir), str(path)],
        capture_output=True, text=True, timeout=timeout, check=False,
    )
    pdf = outdir / (path.stem + ".pdf")
    assert result.returncode == 0 and pdf.is_file(), (
        f"LibreOffice could not convert {path.name}: {result.stdout} {result.stderr}"
    )
    return pdf


def pdf_pages(pdf: Path) -> int:
    """The page count of a PDF, from ``pdfinfo`` (poppler-utils)."""
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise AssertionError(f"pdfinfo gave no page count for {pdf}")


def pdf_text(pdf: Path) -> str:
    """The text of a PDF, from ``pdftotext`` (poppler-utils)."""
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
