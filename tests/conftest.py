"""Shared test fixtures."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

from crmselect.resources import bundled_dir, sample_project_dir

# The bundled-data cache of the tests (and of the commands they start) is their own, never the
# user's ~/.cache/crmselect: a test must not read what another version wrote there.
os.environ["CRMSELECT_CACHE_DIR"] = tempfile.mkdtemp(prefix="crmselect-test-cache-")
atexit.register(shutil.rmtree, os.environ["CRMSELECT_CACHE_DIR"], True)

# Property tests have no deadline: a deadline is a timing, and on a loaded CI machine an example
# of test_scaling_the_weights_keeps_the_result once took longer than Hypothesis's 200 ms.
settings.register_profile("crmselect", deadline=None)
settings.load_profile("crmselect")

TESTS = Path(__file__).parent
DATA = TESTS / "data"


@pytest.fixture
def sample_project(tmp_path: Path) -> Path:
    """A fresh copy of the bundled sample project that a test may change."""
    target = tmp_path / "sample"
    shutil.copytree(sample_project_dir(), target,
                    ignore=shutil.ignore_patterns("out", "__pycache__", "*.db"))
    return target


@pytest.fixture
def cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A bundled-data cache folder of the test's own (``CRMSELECT_CACHE_DIR``), empty at first.
    (It stands in for pytest's own ``cache`` fixture, which no test uses.)"""
    folder = tmp_path / "cache"
    monkeypatch.setenv("CRMSELECT_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def catalog_copy(tmp_path: Path) -> Path:
    """A copy of the bundled requirements catalog that a test may change."""
    target = tmp_path / "requirements_catalog"
    shutil.copytree(bundled_dir("requirements_catalog"), target)
    return target


# Fixtures of the web form tests (app, client, db_url, web_project, …).
from conftest_web import *  # noqa: E402,F401,F403


@pytest.fixture
def basic(tmp_path: Path) -> Path:
    """A three-vendor project with scores, responses and a scenario."""
    target = tmp_path / "basic"
    shutil.copytree(DATA / "scoring" / "basic", target)
    return target


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """The small project of the document tests (two vendors, no responses yet)."""
    target = tmp_path / "project"
    shutil.copytree(DATA / "documents" / "project", target)
    return target


@pytest.fixture
def workbook(small: Path) -> Path:
    """The response workbook of ``small`` for the vendor odoo, as sent (nothing answered)."""
    from crmselect.documents.workbook import write_workbook

    return write_workbook(small, vendor="odoo").path
