"""Writing a file (crmselect/atomicfile.py and every command that writes): a folder where the file
or its folder should be, a read-only target or a full disk is one message, and the file that was
there stays as it was, with no temporary file left behind.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from clirun import checksums, run
from rendered import raises_english

from crmselect.atomicfile import write_text_atomic
from crmselect.errors import CrmselectError
from crmselect.i18n import text as render_text


def test_a_folder_at_the_output_path_is_an_error_and_is_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("CRMSELECT_LANG", "tr")
    (tmp_path / "rfp.md").mkdir()
    with pytest.raises(CrmselectError) as info:
        write_text_atomic(tmp_path / "rfp.md", "x")
    assert "bu adda bir klasör var" in info.value.lines(lambda m: render_text(m, "tr"))[0]
    assert (tmp_path / "rfp.md").is_dir() and os.listdir(tmp_path) == ["rfp.md"]


def test_a_file_where_the_output_folder_belongs_is_named(tmp_path):
    (tmp_path / "out").write_text("keep", encoding="utf-8")
    with raises_english("out is a file, not a folder"):
        write_text_atomic(tmp_path / "out" / "rfp.md", "x")
    assert (tmp_path / "out").read_text(encoding="utf-8") == "keep"


@pytest.mark.parametrize(("error", "expected"), [
    (PermissionError(13, "Permission denied"), "permission denied (a read-only folder or file?)"),
    (OSError(28, "No space left on device"), "the disk is full"),
])
def test_a_read_only_or_full_target_is_a_message_and_the_old_file_stays(tmp_path, monkeypatch,
                                                                        error, expected):
    target = tmp_path / "scores.yaml"
    target.write_text("old", encoding="utf-8")

    def refuse(*_args):
        raise error
    monkeypatch.setattr(os, "replace", refuse)
    with raises_english(re.escape(expected)):
        write_text_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scores.yaml"]  # no temporary file


# --- a full disk -----------------------------------------------------------------------------


@pytest.fixture
def full_disk(monkeypatch):
    """Every write to a temporary file of the atomic writer fails with ENOSPC, as on a full
    disk (the temporary file exists already: the disk fills while it is written)."""
    import builtins
    import errno
    import io
    import os as _os

    real_open = builtins.open

    def fake_open(file, mode="r", *args, **kwargs):
        name = _os.fspath(file) if isinstance(file, (str, Path, _os.PathLike)) else ""
        if any(c in mode for c in "wax+") and str(name).endswith(".tmp"):
            raise OSError(errno.ENOSPC, "No space left on device", str(name))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", fake_open)
    monkeypatch.setattr(io, "open", fake_open)


@pytest.mark.parametrize("args", [
    ("rfp", "{p}"), ("workbook", "{p}"), ("testdrive", "{p}"), ("migration", "{p}"),
    ("report", "{p}"), ("build", "{p}"), ("scores", "export", "{p}", "{tmp}/scores.csv"),
    ("schema", "--out", "{tmp}/schemas"), ("init", "{tmp}/new", "--sample"),
], ids=lambda a: "-".join(x for x in a if "{" not in x))
def test_a_full_disk_is_one_message_in_every_writer(basic, tmp_path, full_disk, args):
    before = checksums(basic)
    code, err = run(*(a.format(p=basic, tmp=tmp_path) for a in args))
    assert code == 1, err
    assert "cannot write the file: the disk is full" in err
    assert checksums(basic) == before
    assert not list(basic.rglob("*.tmp")) and not list(tmp_path.rglob("*.tmp"))


def test_a_full_disk_importing_responses_or_scores_keeps_the_project(basic, tmp_path,
                                                                    full_disk):
    response = tmp_path / "alpha.yaml"
    response.write_bytes((basic / "responses" / "alpha.yaml").read_bytes())
    before = checksums(basic)
    code, err = run("responses", "import", basic, response, "--vendor", "alpha", "--force")
    assert (code, "the disk is full" in err) == (1, True)
    scores = tmp_path / "more.yaml"
    scores.write_text("scores:\n  - {evaluator: ayse, vendor: gamma, target: OPS-SFA-002, "
                      "score: 3}\n", encoding="utf-8")
    code, err = run("scores", "import", basic, scores)
    assert (code, "the disk is full" in err) == (1, True)
    assert checksums(basic) == before
