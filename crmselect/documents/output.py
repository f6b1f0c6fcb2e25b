"""Where generated documents go; they are written atomically (see :mod:`crmselect.atomicfile`).

A document goes to ``<project>/out/`` or where ``--out`` says. An ``--out`` pointing at a file
that is not a document of the same kind (``workbook acme --out acme/project.yaml``) is refused
without ``--force``: crmselect replaces only what it could have written itself.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path

from crmselect.atomicfile import atomic_path, write_text_atomic
from crmselect.errors import CrmselectError, Issue
from crmselect.errors import msg as t

__all__ = ["OUT_DIR", "atomic_path", "check_out", "output_path", "write_text_atomic"]

OUT_DIR = "out"

#: A package part every file of the kind has.
_PACKAGE_PART = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}
#: How every text document crmselect writes begins (an HTML report names its generator).
_TEXT_MARK = {".html": b'<meta name="generator" content="crmselect">', ".csv": b"\xef\xbb\xbf",
              ".md": b"# ", ".json": b"{"}


def output_path(project_root: Path, filename: str, out: Path | None = None) -> Path:
    """``out`` when given, else ``<project>/out/<filename>``."""
    return Path(out) if out is not None else Path(project_root) / OUT_DIR / filename


def _own_kind(path: Path, suffix: str) -> bool:
    """Whether the existing ``path`` is a file of the kind ``suffix`` names."""
    if path.is_dir():
        return True  # the atomic writer says "a folder has this name"; nothing is lost
    if path.suffix.lower() != suffix:
        return False
    try:
        if suffix in _PACKAGE_PART:
            with zipfile.ZipFile(path) as package:
                return _PACKAGE_PART[suffix] in package.namelist()
        if suffix in _TEXT_MARK:
            with path.open("rb") as handle:
                head = handle.read(4096)
            mark = _TEXT_MARK[suffix]
            return mark in head if suffix == ".html" else head.startswith(mark)
    except (OSError, zipfile.BadZipFile):
        return False
    return True


def check_out(out: Path | None, suffixes: Sequence[str], force: bool) -> None:
    """Refuse an ``--out`` that would replace a file of another kind.

    ``out`` is the main file, of kind ``suffixes[0]``; the files written beside it have its
    name with each of ``suffixes[1:]`` (``rfp --out x.docx`` also writes ``x.md``).
    """
    if out is None or force:
        return
    out = Path(out)
    targets = [(out, suffixes[0])] + [(out.with_suffix(s), s) for s in suffixes[1:]]
    problems = [Issue(file=str(path), message=t("out_not_own_kind", kind=suffix),
                      hint=t("out_use_force"))
                for path, suffix in targets if path.exists() and not _own_kind(path, suffix)]
    if problems:
        raise CrmselectError(problems)
