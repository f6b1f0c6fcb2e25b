"""A lead too close to call on the results page, in a real browser, on a laptop (1366 px) and
a phone (390 px), in English and Turkish: the verdict line names no winner, is on the screen
whole (wrapped, not cut off nor beyond a sideways scroll), and no ranking row is highlighted
as the winner's. Screenshots go to ``CRMSELECT_SCREENSHOTS``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest_web import PASSWORD
from test_web_results_verdict import CASES, results_app

#: Where the verdict paragraph is, and the screen's width.
BOX = """() => {
  const p = document.querySelector('p.verdict');
  const box = p.getBoundingClientRect();
  return {code: p.dataset.verdict, text: p.textContent.replace(/\\s+/g, ' ').trim(),
          left: box.left, right: box.right, height: box.height,
          lineHeight: parseFloat(getComputedStyle(p).lineHeight) || 20,
          screen: document.documentElement.clientWidth,
          scroll: document.documentElement.scrollWidth,
          winners: document.querySelectorAll('table.ranking tr.winner').length};
}"""


@pytest.fixture
def too_close_site(tmp_path: Path, app_factory) -> Iterator[str]:  # noqa: ANN001
    from conftest_web import live_server

    make, *_ = CASES["too_close"]
    app = results_app(make(tmp_path / "p"), app_factory)
    with live_server(app, threads=4) as base:
        yield base


@pytest.mark.parametrize("width, height", [(390, 844), (1366, 768)])
@pytest.mark.parametrize("lang", ["en", "tr"])
def test_a_close_call_is_said_whole_on_any_screen(browser, too_close_site: str, shots: Path,
                                                  lang: str, width: int, height: int) -> None:
    _, english, turkish, _ = CASES["too_close"]
    context = browser.new_context(viewport={"width": width, "height": height},
                                  locale="en-GB")
    page = context.new_page()
    page.goto(f"{too_close_site}/login")
    page.fill("input[name=username]", "sel")
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")
    page.click(f".langswitch button[value={lang}]")
    page.goto(f"{too_close_site}/results/")
    page.screenshot(path=str(shots / f"results-too-close-{lang}-{width}.png"), full_page=True)
    box = page.evaluate(BOX)
    assert box["code"] == "too_close"
    assert box["text"] == (english if lang == "en" else turkish)
    assert box["left"] >= 0 and box["right"] <= box["screen"], box
    assert box["scroll"] <= width
    assert box["height"] >= box["lineHeight"]  # shown, on as many lines as it needs
    assert box["winners"] == 0
    context.close()
