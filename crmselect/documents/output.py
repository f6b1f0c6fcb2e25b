"""Where generated documents go; they are written atomically (see :mod:`crmselect.atomicfile`)."""

from __future__ import annotations

from pathlib import Path

from crmselect.atomicfile import atomic_path, write_text_atomic

__all__ = ["OUT_DIR", "atomic_path", "output_path", "write_text_atomic"]

OUT_DIR = "out"


def output_path(project_root: Path, filename: str, out: Path | None = None) -> Path:
    """``out`` when given, else ``<project>/out/<filename>``."""
    return Path(out) if out is not None else Path(project_root) / OUT_DIR / filename
