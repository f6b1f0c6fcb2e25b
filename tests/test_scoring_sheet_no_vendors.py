"""`scores template` of a project without vendors stops with one line naming project.yaml's
vendors, instead of writing sheets with no column to score in."""

from __future__ import annotations

import yaml
from test_scoring_sheet import run


def test_no_vendors_no_sheets(basic) -> None:
    path = basic / "project.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["vendors"] = []
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    for name in ("scores.yaml", "scores.csv"):
        (basic / name).unlink(missing_ok=True)
    for response in (basic / "responses").glob("*.yaml"):
        response.unlink()
    code, _, err = run("scores", "template", basic, "--lang", "en")
    assert code == 1 and "Traceback" not in err
    assert f"{path}: vendors: the project lists no vendors: there is nothing to score" in err
    assert not (basic / "out" / "scoring").exists()


def test_score_without_vendors_names_the_list(basic) -> None:
    """`score` says it of project.yaml's vendors: list too (it named no file before)."""
    path = basic / "project.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["vendors"] = []
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    for name in ("scores.yaml", "scores.csv"):
        (basic / name).unlink(missing_ok=True)
    for response in (basic / "responses").glob("*.yaml"):
        response.unlink()
    code, _, err = run("score", basic, "--lang", "tr")
    assert code == 1 and "Traceback" not in err
    assert f"{path}: vendors: projede hiç tedarikçi yok: puanlanacak bir şey yok" in err
