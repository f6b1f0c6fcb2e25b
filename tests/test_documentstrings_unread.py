"""A name in a project's strings file that no document reads (crmselect/documentstrings.py,
``unread_names``; shown by ``crmselect validate``): ``role:`` written for ``user_role:`` in
``DIR/templates/strings/common.yaml`` left every label in it unused, silently; the documents
showed the codes made readable. Now validate warns with the line, column and a "did you mean"."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from crmselect.cli import main
from crmselect.documentstrings import unread_names
from crmselect.i18n import text


def _project(tmp_path: Path, strings: str, name: str = "common.yaml") -> Path:
    assert CliRunner().invoke(main, ["init", str(tmp_path / "p")]).exit_code == 0
    folder = tmp_path / "p" / "templates" / "strings"
    folder.mkdir(parents=True)
    (folder / name).write_text(strings, encoding="utf-8")
    return tmp_path / "p"


def test_a_mistyped_group_is_named_with_its_place_and_the_name_meant(tmp_path):
    project = _project(tmp_path, "department:\n  ops: {en: Operations, tr: Operasyon}\n"
                                 "role:\n  field_agent: {en: Field staff, tr: Saha ekibi}\n")
    [issue] = unread_names(project)
    assert (issue.line, issue.column, issue.where) == (3, 1, "role")
    assert issue.format(lambda m: text(m, "en")).endswith(
        "role: no document reads this name of common.yaml, so these strings are not used "
        "(did you mean user_role?)")


def test_validate_warns_in_the_projects_language_and_still_passes(tmp_path):
    project = _project(tmp_path, "departmnet:\n  ops: {en: Operations, tr: Operasyon}\n")
    result = CliRunner().invoke(main, ["validate", str(project), "--lang", "tr"])
    assert result.exit_code == 0, result.output
    path = project / "templates" / "strings" / "common.yaml"
    assert (f"! {path}:1:1: departmnet: common.yaml dosyasındaki bu adı hiçbir doküman "
            "okumuyor; bu metinler kullanılmıyor (şunu mu demek istediniz: department?)"
            ) in result.output
    data = json.loads(CliRunner().invoke(
        main, ["validate", str(project), "--format", "json", "--lang", "en"]).output)
    assert data["unread_strings"] == [
        f"{path}:1:1: departmnet: no document reads this name of common.yaml, so these "
        "strings are not used (did you mean department?)"]


def test_names_the_bundled_file_has_give_no_warning(tmp_path):
    project = _project(tmp_path, "priority:\n  must: {en: Mandatory, tr: Mutlaka}\n"
                                 "department:\n  ops: {en: Operations, tr: Operasyon}\n")
    assert unread_names(project) == []
    result = CliRunner().invoke(main, ["validate", str(project), "--format", "json"])
    assert json.loads(result.output)["unread_strings"] == []


def test_a_file_of_the_projects_own_or_without_strings_is_not_judged(tmp_path):
    assert unread_names(tmp_path) == []  # no templates/strings folder
    project = _project(tmp_path, "anything: {en: a, tr: b}\n", name="mydoc.yaml")
    assert unread_names(project) == []
