"""A long list of problems: the first 50 of each file, then one line counting the rest of that
file; the summary line counts them all. A vendor taken out of project.yaml makes every one of its
scores a problem, and 1,200 lines would hide the one that matters."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner
from verdictprojects import answers, crafted_project, score

from crmselect.cli import LISTED_PER_FILE, main


def _project(root: Path, bad_scores: int) -> Path:
    """Scores for 'gone', a vendor the project does not list (each one a problem, and each
    after the first a duplicate too), and a misspelt top-level key of project.yaml."""
    scores = [score("ali", "gone", "OPS-SFA-001", 3) for _ in range(bad_scores)]
    root = crafted_project(root, {"odoo": answers("native")}, scores=scores)
    data = yaml.safe_load((root / "project.yaml").read_text(encoding="utf-8"))
    data["languag"] = "tr"
    (root / "project.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    return root


def _errors(root: Path, lang: str = "en") -> list[str]:
    result = CliRunner().invoke(main, ["validate", str(root), "--lang", lang])
    assert result.exit_code == 1 and result.exception is None or isinstance(
        result.exception, SystemExit), result.output
    return result.stderr.splitlines()


def _total(lines: list[str]) -> int:
    """The number of problems the summary line counts (``Error: N problems in 2 files…``)."""
    return int(lines[-1].split()[1])


def test_the_first_fifty_of_a_file_then_how_many_more(tmp_path: Path) -> None:
    lines = _errors(_project(tmp_path / "p", 120))
    in_scores = _total(lines) - 1  # all but project.yaml's
    assert in_scores > LISTED_PER_FILE and lines[-1].endswith("in 2 files; nothing was loaded.")
    scores = [line for line in lines if "scores.yaml" in line]
    assert len(scores) == LISTED_PER_FILE + 1
    more = in_scores - LISTED_PER_FILE
    assert scores[-1].endswith(
        f"scores.yaml: … and {more} more problems in this file (fix these first)")
    assert any("project.yaml" in line and "languag" in line for line in lines)
    turkish = _errors(tmp_path / "p", "tr")
    assert any(line.endswith(f"scores.yaml: … ve bu dosyada {more} sorun daha (önce bunları "
                             "düzeltin)") for line in turkish)


def test_fifty_or_fewer_are_all_listed(tmp_path: Path) -> None:
    lines = _errors(_project(tmp_path / "p", 25))
    assert LISTED_PER_FILE >= _total(lines) - 1 == sum("scores.yaml" in line for line in lines)
    assert not any("more problem" in line for line in lines)
