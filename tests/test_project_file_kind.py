"""A ``project.yaml`` that is there but is no file (crmselect/project.py, ``load_project``): a
folder, a pipe or a link to a device of that name is named as such, one line, exit 1, instead of
"there is no project.yaml here"; a missing or dangling one still gets that advice."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from clirun import run


@pytest.mark.parametrize("kind, said", [
    ("folder", "project.yaml: is a folder, not a YAML file"),
    ("pipe", "project.yaml: is not a regular file (a device, pipe or socket?)"),
    ("device", "project.yaml: is not a regular file (a device, pipe or socket?)"),
])
@pytest.mark.parametrize("command", ["validate", "score", "status"])
def test_a_project_yaml_that_is_no_file_is_named_as_such(tmp_path: Path, kind, said, command):
    target = tmp_path / "project.yaml"
    if kind == "folder":
        target.mkdir()
    elif kind == "pipe":
        os.mkfifo(target)
    else:
        target.symlink_to("/dev/zero")
    code, err = run(command, tmp_path)
    assert code == 1
    [line] = err.splitlines()
    assert line == f"{tmp_path}/{said}"


def test_a_dangling_link_is_no_project_yaml(tmp_path: Path):
    (tmp_path / "project.yaml").symlink_to(tmp_path / "gone.yaml")
    code, err = run("validate", tmp_path)
    assert code == 1
    assert err.strip().endswith("there is no project.yaml here (create one with "
                                "'crmselect init DIR')")


@pytest.mark.parametrize("command", ["validate", "score", "status"])
def test_the_project_file_given_for_its_folder_is_pointed_to_the_folder(tmp_path: Path, command):
    (tmp_path / "project.yaml").write_text("name: x\n", encoding="utf-8")
    code, err = run(command, tmp_path / "project.yaml", lang="tr")
    assert code == 1
    assert err.strip() == (f"{tmp_path / 'project.yaml'}: bu bir dosya, proje klasörü değil: "
                           f"bulunduğu klasörü verin ({tmp_path})")
