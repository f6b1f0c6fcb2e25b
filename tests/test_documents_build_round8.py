"""Round eight of ``build``'s speed (issue 15): what each document repeated that another
document, or the parent process before the workers, had already worked out."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from crmselect import documentstrings
from crmselect.documents import build
from crmselect.documents.workers import run_tasks
from crmselect.documents.strings import load_namespace, load_strings
from crmselect.errors import CrmselectError

DATA = Path(__file__).parent / "data" / "reports"


def _user_strings(root: Path, text: str) -> Path:
    folder = root / "templates" / "strings"
    folder.mkdir(parents=True)
    (folder / "common.yaml").write_text(text, encoding="utf-8")
    return root


def test_a_documents_strings_are_selected_without_copying_the_files(tmp_path, monkeypatch):
    root = _user_strings(tmp_path, "yes: {en: Sure, tr: Tabii}\n"
                                   "steps: {en: [One, Two], tr: [Bir, İki]}\n")

    def no_copy(value):
        raise AssertionError("a document's strings were copied whole")

    monkeypatch.setattr(documentstrings, "_copy", no_copy)
    common = load_strings("tr", root)["common"]
    assert common["yes"] == "Tabii"  # the user's file overrides the bundled leaf
    assert common["no"] == load_strings("tr")["common"]["no"]  # the rest is the bundled file's
    assert common["steps"] == ["Bir", "İki"]


def test_a_list_changed_through_a_documents_strings_is_not_changed_for_the_next(tmp_path):
    root = _user_strings(tmp_path, "steps: {en: [One, Two], tr: [Bir, İki]}\n")
    first = load_strings("en", root)["common"]["steps"]
    first.append("Three")
    first[0] = "Changed"
    assert load_strings("en", root)["common"]["steps"] == ["One", "Two"]
    tree = load_namespace("common", root)  # the public loader still hands out a copy
    tree["steps"]["en"].append("Four")
    tree["yes"]["en"] = "Changed"
    assert load_strings("en", root)["common"]["steps"] == ["One", "Two"]
    assert load_namespace("common", root)["steps"]["en"] == ["One", "Two"]
    assert load_strings("en", root)["common"]["yes"] != "Changed"


def test_a_changed_strings_file_is_read_again_and_a_broken_one_still_refused(tmp_path):
    root = _user_strings(tmp_path, "yes: {en: Sure, tr: Tabii}\n")
    assert load_strings("en", root)["common"]["yes"] == "Sure"
    (root / "templates" / "strings" / "common.yaml").write_text(
        "yes: {en: Certainly!, tr: Elbette}\n", encoding="utf-8")
    assert load_strings("en", root)["common"]["yes"] == "Certainly!"
    (root / "templates" / "strings" / "common.yaml").write_text(
        "yes: {en: Only English}\n", encoding="utf-8")
    with pytest.raises(CrmselectError) as caught:
        load_strings("en", root)["common"]
    assert [i.message.code for i in caught.value.issues] == ["strings_missing_language"]


def test_after_warming_up_a_document_reads_no_strings_file_and_loads_no_locale(monkeypatch):
    from babel import localedata

    from crmselect.documents.formatting import format_date

    documentstrings._read_strings_file.cache_clear()
    build.warm_for_workers("tr")
    assert documentstrings._read_strings_file.cache_info().misses == 1  # common.yaml

    def again(*args, **kwargs):
        raise AssertionError("worked out again after the warm-up")

    monkeypatch.setattr(documentstrings, "read_document", again)
    monkeypatch.setattr(localedata, "load", again)
    assert load_strings("tr")["common"]["yes"]  # what a worker's document does first
    assert format_date(dt.date(2027, 10, 29), "tr") == "29 Ekim 2027"
    assert documentstrings._read_strings_file.cache_info().misses == 1


@pytest.mark.parametrize("workers, warmed", [(1, []), (2, [("tr", True)])])
def test_the_parent_warms_up_only_before_forking_workers(tmp_path, monkeypatch, workers, warmed):
    project = tmp_path / "project"
    shutil.copytree(DATA / "project", project)
    calls = []
    monkeypatch.setattr(build, "warm_for_workers",
                        lambda lang, root: calls.append((lang, root == project)))

    def run_here(tasks, workers=1, start_first=(), then=None):
        assert calls == warmed  # before any document is written
        return run_tasks(tasks, 1, start_first, then)

    monkeypatch.setattr(build, "run_tasks", run_here)
    result = build.build_documents(project, lang="tr", today=dt.date(2027, 3, 10),
                                   workers=workers)
    assert calls == warmed and len(result.files) >= 10
