"""``crmselect build``: every document of a project in one run."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from docx import Document
from office import convert_to_pdf, pdf_pages
from rendered import raises_english

from crmselect.cli import main
from crmselect.documents.build import build_documents

DATA = Path(__file__).parent / "data" / "reports"
FILES = ["rfp.docx", "rfp.md", "response-workbook.xlsx", "comparison.docx", "comparison.html",
         "comparison.json", "comparison.csv", "testdrive-plan.docx", "testdrive-plan.md",
         "migration-plan.docx", "migration-plan.md", "migration-plan.csv"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(DATA / "project", target)
    return target


def test_build_writes_every_document(project: Path) -> None:
    result = build_documents(project, today=dt.date(2027, 3, 10))
    assert result.files == [project / "out" / name for name in FILES]
    assert all(path.stat().st_size > 0 for path in result.files)
    assert result.winner == "odoo" and result.skipped == []
    cover = Document(str(project / "out" / "migration-plan.docx")).tables[0]
    assert [c.text for c in cover.rows[0].cells] == ["Chosen vendor", "Odoo"]  # the winner


def test_cli_build_lists_the_files(project: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(project), "--lang", "tr"],
                                env={"CRMSELECT_LANG": "tr"})
    assert result.exit_code == 0, result.output
    # the fixture's go-live, 30 August 2027, is Zafer Bayramı: the build warns of it first
    warning, *lines = result.output.splitlines()
    assert warning.startswith(f"! {project / 'project.yaml'}:42:12: timeline.go_live: 30 Ağustos "
                              "2027 resmî tatil (Zafer Bayramı)")
    assert lines[:len(FILES)] == [str(project / "out" / name) for name in FILES]
    assert lines[-2:] == [f"{project / 'out'} klasörüne 12 dosya yazıldı",
                          "kazanan: Odoo (73,0 puan)"]
    assert "Tedarikçi karşılaştırma raporu" in (project / "out" / "comparison.html").read_text(
        encoding="utf-8")


def test_build_without_vendors_skips_only_the_report(project: Path) -> None:
    path = project / "project.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["vendors"] = []
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    shutil.rmtree(project / "responses")
    (project / "scores.yaml").unlink()
    result = CliRunner().invoke(main, ["build", str(project), "--format", "json"],
                                env={"CRMSELECT_LANG": "en"})
    assert result.exit_code == 0, result.output
    output = result.output
    assert "comparison report skipped: the project lists no vendors yet" in output
    data = json.loads(output[output.index("{"):])
    assert data["skipped"] == ["comparison"] and data["winner"] is None
    assert [Path(f).name for f in data["files"]] == [
        f for f in FILES if not f.startswith("comparison")]


def test_build_reports_invalid_projects(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert result.output.strip().endswith("nowhere: no such project folder")


@pytest.mark.slow
def test_build_on_the_sample_project(sample_project: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(sample_project)])
    assert result.exit_code == 0, result.output
    for name in FILES:
        assert (sample_project / "out" / name).is_file(), name
    for name in ("comparison.docx", "migration-plan.docx", "testdrive-plan.docx"):
        pdf = convert_to_pdf(sample_project / "out" / name, tmp_path)
        assert pdf_pages(pdf) >= 3


@pytest.mark.slow
def test_long_texts_still_give_valid_documents(project: Path, tmp_path: Path) -> None:
    long = ("Çok uzun bir açıklama: İstanbul'daki şubeler için ayrıntılı bir süreç. " * 60)
    path = project / "project.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["custom_requirements"][0]["title"] = {"en": "A very long title " * 12,
                                               "tr": "Çok uzun bir başlık " * 12}
    data["custom_requirements"][0]["description"] = long
    data["organisation"]["name"] = "Şirket " * 30
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    response = project / "responses" / "odoo.yaml"
    data = yaml.safe_load(response.read_text(encoding="utf-8"))
    data["responses"]["INT-FIN-001"]["comment"] = long + "\x0b\x1f"  # control characters too
    response.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    scenarios = project / "scenarios" / "demo.yaml"
    scenarios.write_text(scenarios.read_text(encoding="utf-8").replace(
        "Qualify and convert it.", long.replace("'", "’")), encoding="utf-8")
    result = build_documents(project, lang="tr", today=dt.date(2027, 3, 10))
    for name in ("comparison.docx", "testdrive-plan.docx", "migration-plan.docx"):
        path = next(p for p in result.files if p.name == name)
        assert pdf_pages(convert_to_pdf(path, tmp_path)) >= 5, name


# --- all or nothing (issue 11, point 7) --------------------------------------------------------


def _only_test_drive(project: Path) -> None:
    """Weights only on the test drive, and nobody has scored: nothing to rank on."""
    path = project / "project.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["weights"] = {"criteria": {"functional": 0, "integration": 0, "non_functional": 0,
                                    "test_drive": 10, "cost": 0, "references": 0}}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (project / "scores.yaml").unlink(missing_ok=True)


def test_validate_refuses_what_build_would_refuse(project: Path) -> None:
    _only_test_drive(project)
    result = CliRunner().invoke(main, ["validate", str(project)], env={"CRMSELECT_LANG": "en"})
    assert result.exit_code == 1
    assert "every criterion that has data weighs 0" in result.stderr
    result = CliRunner().invoke(main, ["build", str(project)], env={"CRMSELECT_LANG": "en"})
    assert result.exit_code == 1
    assert not (project / "out").exists() or not any((project / "out").iterdir())


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_build_that_fails_half_way_leaves_out_as_it_was(project: Path, monkeypatch) -> None:
    from crmselect.documents import build
    from crmselect.errors import CrmselectError

    build_documents(project, today=dt.date(2027, 3, 10))
    before = _snapshot(project / "out")
    (project / "project.yaml").write_text(
        (project / "project.yaml").read_text(encoding="utf-8").replace(
            "name:", "name: Changed —", 1), encoding="utf-8")

    def fail(*_args, **_kwargs):
        raise CrmselectError("the migration plan failed")

    monkeypatch.setattr(build, "render_migration", fail)  # the last document
    with raises_english("the migration plan failed"):
        build_documents(project, today=dt.date(2027, 3, 10))
    assert _snapshot(project / "out") == before  # rfp, workbook, report: not rewritten
    assert sorted(p.name for p in (project / "out").iterdir()) == sorted(before)
