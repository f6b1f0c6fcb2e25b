"""validate's build check (crmselect/reporting/buildcheck.py): it runs the evaluation that
``build`` would run, and only that, so it refuses what ``build`` would refuse without writing or
computing the documents.
"""

from __future__ import annotations

import pytest
from rendered import english

from crmselect.project import load_project
from crmselect.reporting.buildcheck import check_buildable


def _raise_sites(folder) -> list[str]:
    """``module.function`` of every ``raise`` statement in the modules of ``folder``."""
    import ast

    sites = []
    for path in sorted(folder.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for func in ast.walk(tree):
            if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
                sites += [f"{path.stem}.{func.name}" for node in ast.walk(func)
                          if isinstance(node, ast.Raise)]
    return sorted(set(sites))


def test_the_document_contexts_refuse_nothing_that_the_build_check_skips():
    # check_buildable runs the evaluation only, because no document context raises a user
    # error for a loaded project; a new raise in the reporting layer must be checked there too.
    from pathlib import Path

    import crmselect.reporting

    folder = Path(crmselect.reporting.__file__).parent
    assert _raise_sites(folder) == ["migration_context.resolve_vendor"]


def test_the_build_check_still_refuses_what_the_evaluation_refuses(sample_project):
    import yaml

    from crmselect.errors import CrmselectError
    from crmselect.project import load_project
    from crmselect.reporting.buildcheck import check_buildable

    check_buildable(load_project(sample_project))  # the sample builds
    path = sample_project / "project.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["weights"] = {"criteria": {"functional": 0, "integration": 0, "non_functional": 0,
                                    "test_drive": 10, "cost": 0, "references": 0}}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (sample_project / "scores.yaml").unlink()
    loaded = load_project(sample_project)
    with pytest.raises(CrmselectError) as exc:
        check_buildable(loaded)
    assert "every criterion that has data weighs 0" in "\n".join(exc.value.lines(english))
    with pytest.raises(CrmselectError):
        check_buildable(loaded, method="nonsense")  # the method is the evaluation's to check


def test_build_check_draws_no_monte_carlo_sample(sample_project, monkeypatch):
    import crmselect.scoring.evaluation as evaluation

    def refuse(*args, **kwargs):
        raise AssertionError("the build check ran Monte Carlo samples")

    monkeypatch.setattr(evaluation, "monte_carlo", refuse)
    check_buildable(load_project(sample_project))
