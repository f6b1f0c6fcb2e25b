"""One writer at a time per project folder.

Two ``scores import`` run at once both read ``scores.yaml``, and the second to write drops the
first one's scores; two ``responses import`` both see no response file and both write. Every
command that writes into a project folder therefore holds ``.crmselect.lock`` in it while it
reads and writes. The lock file holds the process id and host name of its holder: a lock left by
a process that has died on this machine (a crash, a killed terminal) is taken over, not obeyed.
"""

from __future__ import annotations

import errno
import functools
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from crmselect.errors import CrmselectError, Issue
from crmselect.errors import msg as t
from crmselect.oserrors import os_reason

LOCK_FILE = ".crmselect.lock"

F = TypeVar("F", bound=Callable[..., Any])


def _alive(pid: int) -> bool:
    """Whether process ``pid`` runs on this machine (on Windows always assumed: ``os.kill``
    there would end the process)."""
    if os.name == "nt":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, under another user
        return True
    return True


def _holder(lock: Path) -> tuple[int, str] | None:
    """(pid, host) written in the lock file, or None when it cannot be read (half-written)."""
    try:
        pid, _, host = lock.read_text(encoding="utf-8").strip().partition(" ")
        return int(pid), host
    except (OSError, ValueError):
        return None


def _stale(lock: Path) -> bool:
    holder = _holder(lock)
    if holder is None:
        return False  # being written this very moment, or unreadable: do not take it
    pid, host = holder
    import socket  # here, not at the top: --help imports this module (3 ms for nothing)

    return host == socket.gethostname() and not _alive(pid)


def _take(lock: Path) -> bool:
    """Create the lock file; False if it exists. Raises OSError for other failures."""
    try:
        fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        return False
    import socket

    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(f"{os.getpid()} {socket.gethostname()}\n")
    return True


@contextmanager
def project_lock(root: Path | str | None) -> Iterator[None]:
    """Hold the project's lock while the block runs.

    Raises :class:`CrmselectError` when another crmselect command holds it. A folder that does
    not exist (the command reports it), or one where no file can be created (read-only: nothing
    will be written into it either), is not locked.
    """
    if root is None or not Path(root).is_dir():
        yield
        return
    lock = Path(root) / LOCK_FILE
    try:
        taken = _take(lock)
        if not taken and _stale(lock):
            lock.unlink(missing_ok=True)  # its process is gone
            taken = _take(lock)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            yield
            return
        raise CrmselectError(Issue(file=str(lock), message=t(
            "lock_failed", error=os_reason(exc)))) from None
    if not taken:
        holder = _holder(lock)
        raise CrmselectError(Issue(
            file=str(root), message=t("lock_busy", pid=holder[0] if holder else "?",
                                      host=holder[1] if holder else "?"),
            hint=t("lock_hint", file=LOCK_FILE)))
    try:
        yield
    finally:
        lock.unlink(missing_ok=True)


def locks_project(command: F) -> F:
    """Run a click command callback under :func:`project_lock` of its ``directory`` argument."""

    @functools.wraps(command)
    def locked(*args: Any, **kwargs: Any) -> Any:
        with project_lock(kwargs.get("directory")):
            return command(*args, **kwargs)

    return locked  # type: ignore[return-value]
