"""A project.yaml whose requirements: list is empty (or missing) selects the whole catalog:
validate says so, in text and JSON, instead of only counting 399 requirements."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from click.testing import CliRunner

from crmselect.cli import main


def _validate(project: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["validate", str(project), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def _set_requirements(project: Path, requirements: list | None) -> None:
    path = project / "project.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.pop("requirements", None)
    if requirements is not None:
        data["requirements"] = requirements
    for name in ("scores.yaml", "scores.csv"):
        (project / name).unlink(missing_ok=True)
    for response in (project / "responses").glob("*.yaml"):
        response.unlink()
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_an_empty_list_is_said_to_select_the_whole_catalog(basic: Path) -> None:
    assert "is empty or missing" not in _validate(basic, "--lang", "en")
    assert json.loads(_validate(basic, "--format", "json"))["whole_catalog"] is False
    _set_requirements(basic, [])
    out = _validate(basic, "--lang", "en")
    assert "requirements: is empty or missing), so all" in out
    assert "kataloğun" in _validate(basic, "--lang", "tr")
    assert json.loads(_validate(basic, "--format", "json"))["whole_catalog"] is True
    _set_requirements(basic, None)
    assert "is empty or missing" in _validate(basic, "--lang", "en")
