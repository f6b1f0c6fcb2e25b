"""Where generated documents go, and writing them so that a reader never sees half a file.

Why atomic: a document is written to a temporary file in the same folder and renamed over the
target only when complete, so an interrupted run (or an error half-way) leaves the previous
version intact and never a truncated ``.docx`` that Word refuses to open.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

OUT_DIR = "out"


def output_path(project_root: Path, filename: str, out: Path | None = None) -> Path:
    """``out`` when given, else ``<project>/out/<filename>``."""
    return Path(out) if out is not None else Path(project_root) / OUT_DIR / filename


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success rename it to ``path``.

    On any exception the temporary file is removed and ``path`` is left untouched.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> Path:
    """Write UTF-8 text to ``path`` atomically (Unix newlines on every platform)."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")
    return Path(path)
