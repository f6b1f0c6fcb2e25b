"""A vendor's response is checked once (crmselect.responsechecks): `responses import` and the
project loader find the same problems in the same words (issue #17 point 1)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rendered import english

from crmselect.errors import CrmselectError
from crmselect.project import load_project
from crmselect.responseimport import import_responses

RESPONSE = {
    "vendor": "alpha",
    "pricing": {"currency": "GBP", "per_user_month": {"standard": 40}},
    "responses": {
        "OPS-SFA-001": {"compliance": "native"},
        "OPS-SFA-099": {"compliance": "native"},
        "OPS-SFA-002": {"compliance": "roadmap"},
    },
}
EXPECTED = [
    "responses.OPS-SFA-099: OPS-SFA-099 is not a requirement of this project",
    "responses.OPS-SFA-002: OPS-SFA-002 is on the roadmap but has no promised date",
    "pricing.currency: prices in GBP, but project.yaml has no exchange rate for GBP",
]


def problems(exc: CrmselectError, file: Path) -> list[str]:
    found = []
    for issue in exc.issues:
        if issue.file and Path(issue.file).name == file.name:
            text = issue.format(english)
            found.append(text[text.index(": responses.") + 2 if ": responses." in text
                              else text.index(": pricing.") + 2:])
    return found


def matches(found: list[str]) -> bool:
    return len(found) == len(EXPECTED) and all(
        any(line.startswith(wanted) for line in found) for wanted in EXPECTED)


def test_the_import_and_the_project_find_the_same_problems(basic, tmp_path):
    source = tmp_path / "alpha.yaml"
    source.write_text(yaml.safe_dump(RESPONSE), encoding="utf-8")
    with pytest.raises(CrmselectError) as imported:
        import_responses(basic, source, "alpha", force=True)
    assert matches(problems(imported.value, source)), problems(imported.value, source)
    target = basic / "responses" / "alpha.yaml"
    target.write_text(yaml.safe_dump(RESPONSE), encoding="utf-8")
    with pytest.raises(CrmselectError) as loaded:
        load_project(basic)
    assert matches(problems(loaded.value, target)), problems(loaded.value, target)


def test_a_response_of_an_unlisted_vendor(basic):
    (basic / "responses" / "delta.yaml").write_text(
        yaml.safe_dump({"vendor": "delta", "responses": {}}), encoding="utf-8")
    with pytest.raises(CrmselectError) as loaded:
        load_project(basic)
    [issue] = [i for i in loaded.value.issues if "delta" in i.file]
    assert "vendor 'delta' is not in the project's vendors list" in issue.format(english)
