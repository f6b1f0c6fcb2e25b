"""The key that signs session cookies: kept outside the project folder.

Why not in the project: the project folder (and its ``evaluation.db``) is shared, copied and
often put in git; whoever has the key can forge anyone's session, the facilitator's too. The
key comes from

1. ``CRMSELECT_SECRET_KEY`` (at least 32 characters), for servers whose workers run on several
   machines, or
2. a file ``<data dir>/crmselect/keys/<evaluation id>.key`` made on first start (0600, in a
   0700 folder), where the data dir is ``$XDG_DATA_HOME`` (else ``~/.local/share``) on Linux,
   ``~/Library/Application Support`` on macOS and ``%LOCALAPPDATA%`` on Windows, and
   ``CRMSELECT_DATA_DIR`` replaces it. The evaluation id is a random, non-secret value in the
   database, so every worker on one database (on one machine) uses the same key.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

ENV_KEY = "CRMSELECT_SECRET_KEY"
ENV_DATA_DIR = "CRMSELECT_DATA_DIR"
MIN_ENV_KEY = 32


class SigningKeyError(Exception):
    """The key cannot be had: ``CRMSELECT_SECRET_KEY`` is too short (``path`` is None) or the
    key file cannot be read or made (``reason`` says why)."""

    def __init__(self, path: Path | None, reason: str = "", length: int = 0) -> None:
        super().__init__(f"{path}: {reason}" if path else f"{ENV_KEY}: {length} characters")
        self.path, self.reason, self.length = path, reason, length


def data_dir() -> Path:
    """Where crmselect keeps this user's files outside any project."""
    chosen = os.environ.get(ENV_DATA_DIR)
    if chosen:
        return Path(chosen)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Application Support")
    else:
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "crmselect"


def key_file(evaluation_id: str) -> Path:
    return data_dir() / "keys" / f"{evaluation_id}.key"


def signing_key(evaluation_id: str) -> str:
    """The session key for the evaluation database with ``evaluation_id``."""
    from_env = os.environ.get(ENV_KEY, "")
    if from_env:
        if len(from_env) < MIN_ENV_KEY:
            raise SigningKeyError(None, length=len(from_env))
        return from_env
    path = key_file(evaluation_id)
    try:
        return _read_or_make(path)
    except OSError as exc:
        raise SigningKeyError(path, exc.strerror or str(exc)) from None


def _read_or_make(path: Path) -> str:
    if path.is_file():
        return _read(path)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    # Written whole under another name, then linked into place: a worker starting at the
    # same moment either makes the link or finds the other's complete file.
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(secrets.token_hex(32) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
    finally:
        temporary.unlink(missing_ok=True)
    return _read(path)


def _read(path: Path) -> str:
    key = path.read_text(encoding="ascii").strip()
    if len(key) < MIN_ENV_KEY:
        raise OSError(0, "the key file is damaged; delete it to make a new one "
                         "(everyone signs in again)")
    return key
