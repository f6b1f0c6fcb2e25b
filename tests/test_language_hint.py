"""``language: TR`` or ``language: Türkçe`` in project.yaml: the error says which code is meant."""

from __future__ import annotations

from pathlib import Path

import pytest

from crmselect.errors import CrmselectError
from crmselect.i18n import text
from crmselect.project import load_project


@pytest.mark.parametrize(("written", "meant"), [
    ("TR", "tr"), ("Tr", "tr"), ("Türkçe", "tr"), ("turkish", "tr"), ("EN", "en"),
    ("English", "en"), ("İngilizce", "en")])
def test_language_written_another_way_gets_did_you_mean(basic: Path, written: str, meant: str):
    path = basic / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "language: en", f"language: {written}"), encoding="utf-8")
    with pytest.raises(CrmselectError) as caught:
        load_project(basic)
    issue = next(i for i in caught.value.issues if "language" in (i.where or "") + text(
        i.message, "en"))
    assert text(issue.hint, "en") == f"did you mean {meant}?"
    assert meant in text(issue.hint, "tr") and "demek istediniz" in text(issue.hint, "tr")


def test_a_priority_in_capitals_gets_did_you_mean(basic: Path):
    path = basic / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "{id: OPS-SFA-001, priority: must}", "{id: OPS-SFA-001, priority: MUST}"),
        encoding="utf-8")
    with pytest.raises(CrmselectError) as caught:
        load_project(basic)
    assert [text(i.hint, "en") for i in caught.value.issues] == ["did you mean must?"]
