"""The document-control block on every cover and the switchable closing line
(``project.yaml › documents:``, issue #13 point 2)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from rendered import english

from crmselect.cli import main
from crmselect.documents.build import build_documents
from crmselect.errors import CrmselectError
from crmselect.project import load_project

DATA = Path(__file__).parent / "data" / "reports"
TODAY = dt.date(2027, 3, 10)
SETTINGS = """
documents:
  version: "1.2"
  author: Ayşe Öztürk, CRM project lead
  approved_by: Kemal Yıldız, General Manager
  approved_on: 2027-03-08
  footer: false
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(DATA / "project", target)
    return target


def _configure(project: Path, text: str = SETTINGS) -> None:
    with (project / "project.yaml").open("a", encoding="utf-8") as handle:
        handle.write(text)


def _cover_control(path: Path) -> list[list[str]]:
    doc = Document(str(path))
    table = next(t for t in doc.tables
                 if t.rows[0].cells[0].text in ("Version", "Sürüm"))
    return [[c.text for c in row.cells] for row in table.rows]


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_every_cover_has_the_control_block_and_no_closing_line(project: Path, lang: str) -> None:
    _configure(project)
    result = build_documents(project, lang=lang, today=TODAY)
    expected = {"en": [["Version", "1.2"], ["Date", "10 March 2027"],
                       ["Prepared by", "Ayşe Öztürk, CRM project lead"],
                       ["Approved by", "Kemal Yıldız, General Manager, 8 March 2027"]],
                "tr": [["Sürüm", "1.2"], ["Tarih", "10 Mart 2027"],
                       ["Hazırlayan", "Ayşe Öztürk, CRM project lead"],
                       ["Onaylayan", "Kemal Yıldız, General Manager, 8 Mart 2027"]]}[lang]
    heading = {"en": "Document control", "tr": "Doküman kontrolü"}[lang]
    closing = {"en": "Generated with crmselect", "tr": "crmselect ile oluşturulmuştur"}[lang]
    docx = [p for p in result.files if p.suffix == ".docx"]
    assert len(docx) == 4
    for path in docx:
        if path.name != "rfp.docx":  # the RFP is dated by its issue date, not by TODAY
            assert _cover_control(path) == expected, path.name
        text = "\n".join(p.text for p in Document(str(path)).paragraphs)
        assert closing not in text, path.name
    for path in (p for p in result.files if p.suffix in (".md", ".html")):
        text = path.read_text(encoding="utf-8")
        assert heading in text and "Kemal Yıldız, General Manager" in text, path.name
        assert closing not in text, path.name


def test_without_settings_the_block_says_what_is_missing_and_the_line_stays(
        project: Path) -> None:
    result = build_documents(project, lang="en", today=TODAY)
    plan = next(p for p in result.files if p.name == "testdrive-plan.docx")
    assert _cover_control(plan) == [["Version", "—"], ["Date", "10 March 2027"],
                                    ["Prepared by", "—"], ["Approved by", "not yet approved"]]
    text = "\n".join(p.text for p in Document(str(plan)).paragraphs)
    assert "Generated with crmselect from the project folder on 10 March 2027." in text


def test_a_version_written_as_a_number_is_refused_with_a_hint(project: Path) -> None:
    _configure(project, "documents:\n  version: 1.10\n  footer: maybe\n")
    with pytest.raises(CrmselectError) as info:
        load_project(project)
    lines = [i.format(english) for i in info.value.issues]
    assert any("documents › version" in line or "documents.version" in line for line in lines)
    assert any("footer" in line for line in lines)
    result = CliRunner().invoke(main, ["rfp", str(project)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "project.yaml:" in result.output
