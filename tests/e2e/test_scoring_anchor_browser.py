"""A requirement opened by its anchor on the scoring page (where a save without JavaScript
and "Next unscored" lead) is shown whole below the sticky tools bar, not behind it."""

from __future__ import annotations

import pytest
from test_web_browser import sign_in


@pytest.mark.parametrize("javascript", [True, False])
def test_an_anchored_requirement_is_not_behind_the_tools_bar(browser, site: str,
                                                              javascript: bool) -> None:
    context, page = sign_in(browser, site, "ayse", "en", javascript=javascript)
    page.goto(f"{site}/vendors/odoo")
    targets = page.eval_on_selector_all("article.req[id^='t-']", "els => els.map(e => e.id)")
    assert len(targets) >= 4
    page.goto(f"{site}/vendors/odoo#{targets[3]}")
    page.wait_for_timeout(300)
    bar = page.locator(".score-tools").bounding_box()
    item = page.locator(f"#{targets[3]}").bounding_box()
    assert bar is not None and item is not None
    assert item["y"] >= bar["y"] + bar["height"] - 1, (item, bar)
    context.close()
