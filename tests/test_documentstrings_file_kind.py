"""A project's strings file that is there but is no file (crmselect/documentstrings.py): a
folder named ``common.yaml`` or a link to a device was skipped silently, so the documents went
out with the bundled labels while the user believed theirs were used. Now the reader names it,
one line, exit 1, and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from crmselect.cli import main


def _project(tmp_path: Path, kind: str, name: str) -> Path:
    assert CliRunner().invoke(main, ["init", str(tmp_path / "p")]).exit_code == 0
    folder = tmp_path / "p" / "templates" / "strings"
    folder.mkdir(parents=True)
    if kind == "folder":
        (folder / name).mkdir()
    else:
        (folder / name).symlink_to("/dev/zero")
    return tmp_path / "p"


@pytest.mark.parametrize("kind, said", [("folder", "is a folder, not a YAML file"),
                                        ("device", "is not a regular file")])
@pytest.mark.parametrize("command, name", [("rfp", "rfp.yaml"), ("workbook", "common.yaml"),
                                           ("validate", "common.yaml")])
def test_a_strings_file_that_is_no_file_is_named(tmp_path: Path, kind, said, command, name):
    project = _project(tmp_path, kind, name)
    result = CliRunner().invoke(main, [command, str(project), "--lang", "en"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert f"{project}/templates/strings/{name}: {said}" in result.stderr
    assert not (project / "out").exists() or not any((project / "out").iterdir())
