"""`scores template` and `score` of a project without vendors stop with one line naming
project.yaml's vendors, instead of writing sheets with no column to score in (or, for `score`,
a message naming no file)."""

from __future__ import annotations

from pathlib import Path

import yaml
from test_scoring_sheet import run


def _without_vendors(basic: Path) -> Path:
    """``basic`` with ``vendors: []``, no scores and no responses; its project.yaml."""
    path = basic / "project.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["vendors"] = []
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    for name in ("scores.yaml", "scores.csv"):
        (basic / name).unlink(missing_ok=True)
    for response in (basic / "responses").glob("*.yaml"):
        response.unlink()
    return path


def test_no_vendors_no_sheets(basic) -> None:
    path = _without_vendors(basic)
    code, _, err = run("scores", "template", basic, "--lang", "en")
    assert code == 1 and "Traceback" not in err
    assert f"{path}: vendors: the project lists no vendors: there is nothing to score" in err
    assert not (basic / "out" / "scoring").exists()


def test_score_without_vendors_names_the_list(basic) -> None:
    path = _without_vendors(basic)
    code, _, err = run("score", basic, "--lang", "tr")
    assert code == 1 and "Traceback" not in err
    assert f"{path}: vendors: projede hiç tedarikçi yok: puanlanacak bir şey yok" in err
