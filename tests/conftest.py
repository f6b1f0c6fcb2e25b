"""Shared test fixtures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from crmselect.resources import sample_project_dir

TESTS = Path(__file__).parent
DATA = TESTS / "data"


@pytest.fixture
def sample_project(tmp_path: Path) -> Path:
    """A fresh copy of the bundled sample project that a test may change."""
    target = tmp_path / "sample"
    shutil.copytree(sample_project_dir(), target,
                    ignore=shutil.ignore_patterns("out", "__pycache__", "*.db"))
    return target


# Fixtures of the web form tests (app, client, db_url, web_project, …).
from conftest_web import *  # noqa: E402,F401,F403
