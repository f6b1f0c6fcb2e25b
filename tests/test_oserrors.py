"""Why the operating system refused a file, in the reader's language (crmselect/oserrors.py):
``OSError.strerror`` is the C library's English, and a Turkish run printed "dosya yazılamıyor:
No such file or directory"."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from crmselect.cli import main
from crmselect.i18n import text
from crmselect.oserrors import os_reason


@pytest.mark.parametrize("code, en, tr", [
    (errno.ENOENT, "no such file or folder", "böyle bir dosya ya da klasör yok"),
    (errno.EACCES, "permission denied", "erişim izni yok"),
    (errno.ENOSPC, "the disk is full", "disk dolu"),
    (errno.ELOOP, "too many symbolic links (a link pointing to itself?)",
     "çok fazla sembolik bağlantı (kendini gösteren bir bağlantı mı?)"),
])
def test_a_common_reason_is_a_message_in_both_languages(code, en, tr):
    reason = os_reason(OSError(code, os.strerror(code)))
    assert (text(reason, "en"), text(reason, "tr")) == (en, tr)


def test_a_rare_reason_keeps_the_systems_text():
    assert os_reason(OSError(errno.EXDEV, "Invalid cross-device link")) == (
        "Invalid cross-device link")
    assert os_reason(OSError("no errno at all")) == "no errno at all"


def test_a_looping_link_is_told_in_turkish(tmp_path: Path):
    loop = tmp_path / "figures.yaml"
    loop.symlink_to(loop)
    result = CliRunner(env={"CRMSELECT_LANG": "tr"}).invoke(
        main, ["kpi", "compute", "nps", "--file", str(loop)])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"{loop}: okunamıyor: çok fazla sembolik bağlantı (kendini gösteren bir bağlantı mı?)")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc is Linux's")
def test_a_folder_that_cannot_be_made_is_told_in_turkish():
    result = CliRunner(env={"CRMSELECT_LANG": "tr"}).invoke(
        main, ["schema", "--out", "/proc/crmselect-no-such-folder"])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "/proc/crmselect-no-such-folder: dosya yazılamıyor: böyle bir dosya ya da klasör yok")


@pytest.mark.parametrize(("args", "words"), [
    (["init", "demo"], "the current folder no longer exists"),
    (["--lang", "tr", "validate"], "bulunduğunuz klasör artık yok"),
])
def test_a_deleted_working_folder_is_one_line_not_a_traceback(tmp_path, args, words):
    # init ended in three chained FileNotFoundError tracebacks: the message about the folder
    # it could not make asked os.path.relpath for the working folder, which was gone
    import subprocess

    gone = tmp_path / "gone"
    gone.mkdir()
    code = ("import os, sys; os.chdir(sys.argv[1]); os.rmdir(sys.argv[1]); "
            "from crmselect.cli import main; sys.argv = ['crmselect', *sys.argv[2:]]; main()")
    env = {**os.environ, "CRMSELECT_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("CRMSELECT_LANG", None)
    out = subprocess.run([sys.executable, "-c", code, str(gone), *args], capture_output=True,
                         text=True, env=env, timeout=120)
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    assert words in out.stderr and len(out.stderr.strip().splitlines()) == 1
    assert not gone.exists()
