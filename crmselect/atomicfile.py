"""Writing files so that a reader never sees half a file and nothing saved is lost.

A file is written to a temporary file in the same folder and renamed over the target only when
complete, so an interrupted run (or an error half-way) leaves the previous version intact and
never a truncated ``.docx`` that Word refuses to open or a half-written ``scores.yaml``.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from crmselect.errors import CrmselectError, Issue, display_path
from crmselect.errors import msg as t
from crmselect.oserrors import os_reason

_UMASK = os.umask(0o022)
os.umask(_UMASK)


def _mode_for(path: Path) -> int:
    """The mode the file would get from a plain ``open``: the old file's, or 0666 less umask
    (``mkstemp`` alone would leave every output readable by its owner only)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_UMASK


def write_error(path: Path, exc: OSError) -> CrmselectError:
    """Why ``path`` could not be written, in the user's language (not a traceback)."""
    code = exc.errno
    if isinstance(exc, FileExistsError) or code == errno.ENOTDIR:  # a file where a folder goes
        # the path itself when it is a folder to make (``out`` that is a file), else a parent
        parent = next((p for p in (Path(path), *Path(path).parents)
                       if p.exists() and not p.is_dir()), Path(path).parent)
        message = t("write_parent_is_file", parent=display_path(parent))
    elif code == errno.EISDIR:
        message = t("write_is_folder")
    elif code in (errno.EACCES, errno.EPERM, errno.EROFS):
        message = t("write_not_permitted")
    elif code in (errno.ENOSPC, errno.EDQUOT):
        message = t("write_disk_full")
    else:
        message = t("write_failed", error=os_reason(exc))
    return CrmselectError(Issue(file=str(path), message=message))


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success rename it to ``path``.

    On any exception the temporary file is removed and ``path`` is left untouched.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise write_error(path, exc) from None
    os.close(fd)
    try:
        try:
            yield Path(tmp)
        except OSError as exc:  # the disk filled up (or the folder went away) while writing
            if not _is_write_failure(exc):
                raise
            raise write_error(path, exc) from None
        try:
            os.chmod(tmp, _mode_for(path))
            os.replace(tmp, path)  # fails if a folder has the name: nothing is lost then
        except OSError as exc:
            raise write_error(path, exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


#: What writing a file raises when the disk, the quota or the folder fails it. Anything else
#: raised inside the ``with`` block (a template that cannot be read…) is the caller's to report.
_WRITE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def _is_write_failure(exc: OSError) -> bool:
    return exc.errno in _WRITE_ERRNOS


def make_folder(path: Path) -> Path:
    """Create ``path`` and its parents; a full disk or a file in the way is a message."""
    try:
        Path(path).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error(path, exc) from None
    return Path(path)


def copy_file_atomic(source: Path, path: Path) -> Path:
    """Copy ``source`` to ``path`` atomically (used for the files a new project starts with)."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(Path(source).read_bytes())
    return Path(path)


def write_text_atomic(path: Path, text: str) -> Path:
    """Write UTF-8 text to ``path`` atomically (Unix newlines on every platform)."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")
    return Path(path)
