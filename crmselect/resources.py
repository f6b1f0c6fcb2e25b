"""Finding the data folders that ship with crmselect, in an installed wheel or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent

#: The top-level folders shipped inside the wheel under ``crmselect/_bundled/``.
BUNDLED = ("requirements_catalog", "vendors", "templates", "web")


def bundled_dir(name: str) -> Path:
    """The folder ``name`` (one of :data:`BUNDLED`), from the wheel or from the checkout."""
    if name not in BUNDLED:
        raise ValueError(f"unknown bundled folder {name!r}")
    for candidate in (_PACKAGE / "_bundled" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"crmselect is installed without its {name}/ folder")


def sample_project_dir() -> Path:
    """The bundled sample project, shipped as package data."""
    return _PACKAGE / "sample_project"
