"""The round-trip edit of project.yaml behind the setup pages (issue 14, point 6): comments and
key order kept, YAML 1.1 traps quoted, untrusted tags never constructed, validated with the
project's own loader before the file is replaced, refused when the file changed on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from crmselect.webapp import setupfile

PROJECT = """\
# my header comment
name: Acme   # the project's name
organisation:
  # who we are
  name: Acme
  country: TR
language: en
evaluators:
  - {id: selin, name: Selin, role: facilitator}
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "project.yaml").write_text(PROJECT, encoding="utf-8")
    return tmp_path


def test_an_edit_keeps_comments_and_key_order(folder: Path) -> None:
    pf = setupfile.read(folder)
    base = pf.digest
    setupfile.merge(pf.data["organisation"], {"employees": 45, "country": None})
    setupfile.place(pf.data, "currency", "TRY")
    setupfile.place(pf.data, "users", [setupfile.flow({"role": "sales", "count": 3})])
    assert setupfile.save(pf, base) == []
    text = (folder / "project.yaml").read_text(encoding="utf-8")
    assert text.startswith("# my header comment\nname: Acme   # the project's name\n")
    assert "  # who we are\n  name: Acme\n" in text and "country" not in text
    keys = [line.split(":")[0] for line in text.splitlines() if line and line[0].isalpha()]
    assert keys == ["name", "organisation", "language", "currency", "users", "evaluators"]
    assert "  - {role: sales, count: 3}" in text


def test_yaml_1_1_traps_are_quoted(folder: Path) -> None:
    pf = setupfile.read(folder)
    base = pf.digest
    setupfile.merge(pf.data["organisation"], {"name": "no", "industry": "1.10"})
    assert setupfile.save(pf, base) == []
    text = (folder / "project.yaml").read_text(encoding="utf-8")
    assert 'name: "no"' in text and 'industry: "1.10"' in text
    from crmselect.project import load_project

    assert load_project(folder).project.organisation.name == "no"


def test_an_invalid_edit_is_not_written(folder: Path) -> None:
    pf = setupfile.read(folder)
    setupfile.merge(pf.data["organisation"], {"employees": "many"})
    issues = setupfile.save(pf, pf.digest)
    assert [i.where for i in issues] == ["organisation.employees"]
    assert issues[0].file == str(folder / "project.yaml")
    assert (folder / "project.yaml").read_text(encoding="utf-8") == PROJECT


def test_a_file_changed_on_disk_is_not_overwritten(folder: Path) -> None:
    pf = setupfile.read(folder)
    base = pf.digest
    (folder / "project.yaml").write_text(PROJECT + "# an edit in vim\n", encoding="utf-8")
    setupfile.place(pf.data, "currency", "TRY")
    with pytest.raises(setupfile.StaleFile):
        setupfile.save(pf, base)
    assert (folder / "project.yaml").read_text(encoding="utf-8").endswith("# an edit in vim\n")


def test_untrusted_tags_are_never_constructed(folder: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    (folder / "project.yaml").write_text(
        PROJECT + f"kpis: !!python/object/apply:os.system ['touch {marker}']\n",
        encoding="utf-8")
    pf = setupfile.read(folder)
    assert not marker.exists()
    issues = setupfile.validate_text(folder, pf.dump())
    assert issues and not marker.exists()


def test_validation_sees_the_folders_other_files(folder: Path) -> None:
    (folder / "responses").mkdir()
    (folder / "responses" / "odoo.yaml").write_text("vendor: odoo\nresponses: {}\n",
                                                    encoding="utf-8")
    issues = setupfile.validate_text(folder, PROJECT)
    assert any("odoo" in str(i.message.params) or "odoo" in str(i) for i in issues)
    assert issues[0].file == str(folder / "responses" / "odoo.yaml")
    assert setupfile.validate_text(folder, PROJECT + "vendors: [odoo]\n") == []
