"""The wheel ships the data folders, and the installed crmselect works from any folder."""

from __future__ import annotations

import ast
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir",
                    str(out), str(ROOT)], check=True, capture_output=True)
    (found,) = out.glob("crmselect-*.whl")
    return found


@pytest.mark.slow
def test_wheel_contains_the_data_folders(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in (
        "crmselect/_bundled/requirements_catalog/areas.yaml",
        "crmselect/_bundled/requirements_catalog/kpis.yaml",
        "crmselect/_bundled/vendors/odoo.yaml",
        "crmselect/sample_project/project.yaml",
    ):
        assert expected in names, expected
    for folder in ("templates", "web"):
        assert any(n.startswith(f"crmselect/_bundled/{folder}/") for n in names), folder


@pytest.mark.slow
def test_installed_wheel_validates_the_sample_from_elsewhere(wheel: Path, tmp_path: Path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([venv / "bin" / "pip", "install", "--quiet", str(wheel)], check=True,
                   capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    cli = str(venv / "bin" / "crmselect")
    subprocess.run([cli, "init", "demo", "--sample"], cwd=elsewhere, check=True,
                   capture_output=True)
    result = subprocess.run([cli, "validate", "demo"], cwd=elsewhere, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr
    assert "valid" in result.stdout


CORE = ["model", "yamlfile", "loading", "errors", "catalog", "project", "resources", "summary",
        "scaffold", "textsafety", "kpi", "atomicfile", "typedvalues",
        # the one scores reader and the checks of scores and responses (issue #17.1)
        "scorerules", "scorechecks", "scorescsv", "scoresreader", "responsechecks"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module if node.module.startswith("crmselect") else
                      node.module.split(".")[0])
    return names


def test_core_modules_know_nothing_of_cli_web_or_documents():
    package = ROOT / "crmselect"
    paths = [package / f"{name}.py" for name in CORE if (package / f"{name}.py").exists()]
    paths += sorted((package / "scoring").rglob("*.py"))
    for path in paths:
        imported = _imports(path)
        forbidden = {"click", "flask", "docx", "openpyxl", "matplotlib", "sqlalchemy"} & imported
        # packages, not name prefixes: crmselect.documentstrings is below the documents layer
        forbidden |= {m for m in imported if m.partition(".")[2].partition(".")[0] in (
            "cli", "webapp", "documents", "reporting")}
        assert not forbidden, f"{path.relative_to(ROOT)} imports {sorted(forbidden)}"


def test_core_holds_no_text_and_reads_no_language():
    """Issue 12.1: the core returns codes with parameters; only the edge (cli, webapp,
    documents, i18n) imports the message catalog or reads the language from the environment."""
    package = ROOT / "crmselect"
    edge = ("cli", "webapp", "documents", "i18n")
    paths = [p for p in package.rglob("*.py")
             if p.relative_to(package).parts[0] not in edge and p.name != "__init__.py"
             or p.parent == package / "scoring"]
    assert len(paths) > 20
    for path in paths:
        imported = _imports(path)
        catalog = {m for m in imported if m.startswith(("crmselect.i18n", "crmselect.messages"))}
        assert not catalog, f"{path.relative_to(ROOT)} imports {sorted(catalog)}"
        source = path.read_text(encoding="utf-8")
        for marker in ("CRMSELECT_LANG", "current_language", "LC_MESSAGES"):
            assert marker not in source, f"{path.relative_to(ROOT)} reads the language ({marker})"


def test_wheel_ships_the_gettext_catalog():
    assert (ROOT / "crmselect" / "locale" / "tr" / "LC_MESSAGES" / "crmselect.mo").is_file()
