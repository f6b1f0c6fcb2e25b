"""A score written with a Turkish decimal comma (``4,0``) is told to use a decimal point."""

from __future__ import annotations

from pathlib import Path

import pytest

from crmselect.errors import CrmselectError
from crmselect.i18n import text
from crmselect.project import load_project

BLOCK = """\
scores:
  - evaluator: ayse
    vendor: alpha
    target: OPS-SFA-001
    score: 4,5
"""
FLOW = "scores:\n  - {evaluator: ayse, vendor: alpha, target: OPS-SFA-001, score: 4,0}\n"


def _issue(basic: Path, scores: str):
    (basic / "scores.yaml").write_text(scores, encoding="utf-8")
    with pytest.raises(CrmselectError) as caught:
        load_project(basic)
    issues = [i for i in caught.value.issues if i.file.endswith("scores.yaml")]
    assert len(issues) == 1, issues
    return issues[0]


def test_a_decimal_comma_in_a_block_entry_gets_the_decimal_point_hint(basic: Path):
    issue = _issue(basic, BLOCK)
    assert issue.line == 5
    assert text(issue.hint, "en") == "use a decimal point: 4.5"
    assert text(issue.hint, "tr") == "ondalık ayırıcı olarak nokta kullanın: 4.5"


def test_a_decimal_comma_in_a_one_line_entry_is_explained(basic: Path):
    issue = _issue(basic, FLOW)
    assert "use a decimal point (4.0)" in text(issue.hint, "en")
    assert "ondalık ayırıcı olarak nokta kullanın (4.0)" in text(issue.hint, "tr")


def test_other_bad_numbers_get_no_decimal_hint(basic: Path):
    issue = _issue(basic, BLOCK.replace("4,5", "four"))
    assert "decimal" not in text(issue.hint, "en")
