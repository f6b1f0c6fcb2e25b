"""The sample project's documents as page images, in both languages (issue 13, "Done").

``crmselect build --pdf`` writes every Word document and its PDF (through LibreOffice, which
also fills the contents' page numbers); each PDF is then turned into PNG pages with
``pdftoppm``. The pages go to ``CRMSELECT_ARTEFACTS/documents/<lang>/`` when that is set (CI
keeps them for a person to look at), else to a temporary folder.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from office import LIBREOFFICE, pdf_pages

from crmselect.cli import main

pytestmark = pytest.mark.slow

#: The Word documents of the sample and the fewest pages each has (a document that lost a
#: section, or rendered empty, has fewer).
DOCUMENTS = {"rfp": 30, "comparison": 30, "testdrive-plan": 10, "migration-plan": 15}


def _artefacts(tmp_path: Path, lang: str) -> Path:
    root = os.environ.get("CRMSELECT_ARTEFACTS")
    folder = (Path(root) if root else tmp_path) / "documents" / lang
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_the_samples_documents_as_page_images(tmp_path: Path, lang: str) -> None:
    if LIBREOFFICE is None or shutil.which("pdftoppm") is None:
        pytest.skip("LibreOffice or poppler-utils is not installed")
    runner = CliRunner()
    project = tmp_path / "sample"
    assert runner.invoke(main, ["init", str(project), "--sample", "--lang", lang]).exit_code == 0
    result = runner.invoke(main, ["build", str(project), "--pdf", "--lang", lang])
    assert result.exit_code == 0, result.output
    folder = _artefacts(tmp_path, lang)
    for name, fewest in DOCUMENTS.items():
        pdf = project / "out" / f"{name}.pdf"
        assert pdf.is_file(), f"{name}.pdf was not written"
        pages = pdf_pages(pdf)
        assert pages >= fewest, f"{name}.pdf has {pages} pages"
        subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(folder / name)],
                       check=True, timeout=300)
        images = sorted(folder.glob(f"{name}-*.png"))
        assert len(images) == pages and all(p.stat().st_size > 2_000 for p in images)
        # The contents give page numbers (a heading, dots or spaces, a number at the end).
        contents = subprocess.run(["pdftotext", "-f", "2", "-l", "3", "-layout", str(pdf), "-"],
                                  capture_output=True, text=True, check=True).stdout
        assert len(re.findall(r"\S.*\s(\d{1,3})\s*$", contents, re.M)) >= 5, contents[:800]
