"""An area of the project's requirements that no one who scores is given (``evaluators: areas``)
is a decision-hygiene warning: its requirements would rest on the vendors' own answers."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from crmselect.cli import main
from crmselect.project import load_project
from crmselect.scoring.hygiene import areas_without_scorer


def _set_evaluators(project: Path, lines: dict[str, str]) -> None:
    path = project / "project.yaml"
    text = path.read_text(encoding="utf-8")
    for person, areas in lines.items():
        text, n = re.subn(rf"(- {{id: {person}, .*?)areas: \[[^\]]*\]", rf"\g<1>areas: {areas}",
                          text)
        assert n == 1, person
    path.write_text(text, encoding="utf-8")


def test_an_area_nobody_is_given_is_a_warning_in_both_languages(sample_project: Path,
                                                                tmp_path: Path):
    assert areas_without_scorer(load_project(sample_project, scores=False)) == []
    # the insurance broker of tests/test_newuser_s13.py gives nobody analytical and e-CRM
    project = tmp_path / "broker"
    shutil.copytree(Path(__file__).parent / "data" / "newuser_s13" / "project", project)
    result = CliRunner().invoke(main, ["score", str(project), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    [warning] = [w for w in json.loads(result.stdout)["warnings"]
                 if w["code"] == "area_without_evaluator"]
    assert warning["params"]["areas"] == ["analytical", "e_crm"]
    assert warning["message"]["en"].startswith(
        "No evaluator is given these areas to score: Analytical CRM, e-CRM.")
    assert warning["message"]["tr"].startswith(
        "Şu alanları puanlayacak bir değerlendirici atanmamış: Analitik CRM, e-CRM.")


def test_an_evaluator_without_areas_scores_them_all_and_an_observer_none(sample_project: Path):
    _set_evaluators(sample_project, {"murat": "[]", "elif": "[operational]"})
    assert areas_without_scorer(load_project(sample_project, scores=False)) == []
    path = sample_project / "project.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "- {id: murat, name: Murat Kaya,", "- {id: murat, role: observer, name: Murat Kaya,")
    path.write_text(text, encoding="utf-8")
    assert areas_without_scorer(load_project(sample_project, scores=False)) == [
        "analytical", "e_crm"]
