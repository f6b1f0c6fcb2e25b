"""The browser tests' start-up, in one place: Debian's Chromium through Playwright, one browser
per test module, the web test project served on loopback, and the folder the screenshots go to
(``CRMSELECT_SCREENSHOTS`` or a temporary folder)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

#: For each browser test module: slow, and skipped where Chromium is not installed.
BROWSER_MARKS = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(web_project: Path, app_factory) -> Iterator[str]:  # noqa: ANN001
    """The web form of the web test project, served on a free loopback port."""
    from conftest_web import live_server

    app = app_factory(web_project)
    with live_server(app, threads=6) as base:
        yield base


@pytest.fixture
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("CRMSELECT_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.hookimpl(tryfirst=True)  # before ``-m`` deselects by mark
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder: slow, and skipped where Chromium is not installed."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            for mark in BROWSER_MARKS:
                item.add_marker(mark)
