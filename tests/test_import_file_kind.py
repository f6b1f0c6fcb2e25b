"""A file to import that is there but is no regular file (crmselect/scoresreader.py,
crmselect/responseimport.py): a named pipe or a link to /dev/zero was called "file not found";
now it is named as what it is, one line, exit 1, and nothing is written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from clirun import checksums, run


def _special(tmp_path: Path, name: str, kind: str) -> Path:
    path = tmp_path / name
    if kind == "pipe":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    return path


@pytest.mark.parametrize("kind", ["pipe", "device"])
@pytest.mark.parametrize("name", ["filled.csv", "filled.yaml", "scoring.xlsx"])
def test_scores_import_of_no_regular_file_says_so(small, tmp_path, kind, name):
    before = checksums(small)
    path = _special(tmp_path, name, kind)
    code, err = run("scores", "import", small, path)
    assert code == 1
    assert err.strip() == f"{path}: is not a regular file (a device, pipe or socket?)"
    assert checksums(small) == before


@pytest.mark.parametrize("kind", ["pipe", "device"])
def test_responses_import_of_no_regular_file_says_so(small, tmp_path, kind):
    path = _special(tmp_path, "odoo.xlsx", kind)
    code, err = run("responses", "import", small, path, "--vendor", "odoo")
    assert code == 1
    assert err.strip() == f"{path}: is not a regular file (a device, pipe or socket?)"
    assert not (small / "responses" / "odoo.yaml").exists()


def test_a_missing_file_is_still_not_found(small, tmp_path):
    code, err = run("scores", "import", small, tmp_path / "gone.csv")
    assert code in (1, 2)
    assert "gone.csv" in err
