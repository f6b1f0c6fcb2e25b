"""Instant commands, second round: what ``score``, ``validate`` and ``sensitivity`` no longer do.

No test measures time: each checks that a slow thing is not done at all (a module not
imported, a model not built, Monte Carlo samples not drawn).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from crmselect.project import load_project
from crmselect.reporting.buildcheck import check_buildable


def modules_imported_by(*args: str, cache: Path) -> set[str]:
    """Every module (full dotted name) that ``python -X importtime -m crmselect ARGS`` imports."""
    env = {**os.environ, "CRMSELECT_CACHE_DIR": str(cache), "CRMSELECT_LANG": "en"}
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "crmselect", *args],
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    names = {line.rsplit("|", 1)[1].strip() for line in result.stderr.splitlines()
             if line.startswith("import time:") and "|" in line}
    assert "crmselect.cli" in names  # the output was the import trace
    return names


# Not validate: it works out the test-drive and migration schedules, whose holiday calendars
# come from the holidays package, which reads its own version through importlib.metadata.
@pytest.mark.parametrize("command", ["score", "sensitivity"])
def test_commands_import_neither_importlib_metadata_nor_numpy_ma(sample_project, tmp_path,
                                                                 command):
    # pydantic's plugin lookup imported importlib.metadata (and email, zipfile, csv …);
    # np.unique imported numpy.ma.
    names = modules_imported_by(command, str(sample_project), cache=tmp_path / "cache")
    assert not names & {"importlib.metadata", "numpy.ma", "email"}, sorted(
        names & {"importlib.metadata", "numpy.ma", "email"})


def test_models_are_built_when_first_used_not_when_imported():
    code = ("import crmselect.model as m\n"
            "print(m.Project.__pydantic_complete__, m.ScoresFile.__pydantic_complete__)\n"
            "m.Text.model_validate({'en': 'a', 'tr': 'b'})\n"
            "print(m.Text.__pydantic_complete__, m.Project.__pydantic_complete__)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, check=True)
    assert result.stdout.split() == ["False", "False", "True", "False"]


def test_deferred_project_model_still_resolves_custom_requirements():
    from pydantic import ValidationError

    from crmselect.model import Project

    with pytest.raises(ValidationError) as exc:
        Project.model_validate({"custom_requirements": [{"id": "bad"}]})
    assert any(e["loc"][:2] == ("custom_requirements", 0) for e in exc.value.errors())


def test_build_check_draws_no_monte_carlo_sample(sample_project, monkeypatch):
    import crmselect.scoring.evaluation as evaluation

    def refuse(*args, **kwargs):
        raise AssertionError("the build check ran Monte Carlo samples")

    monkeypatch.setattr(evaluation, "monte_carlo", refuse)
    check_buildable(load_project(sample_project))


def test_scorers_are_the_evaluators_with_scores(sample_project):
    from crmselect.scoring.scores import aggregate

    lp = load_project(sample_project)
    agg = aggregate(lp, lp.scores, "mean")
    assert agg.evaluators == sorted({r.evaluator for r in lp.scores.scores})
