"""End-to-end: the scoring page's tools bar on a phone, in both languages.

Screenshots go to ``CRMSELECT_SCREENSHOTS`` (or a temporary folder), as in test_web_browser.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_web_browser import sign_in


def tool_rows(page) -> list[float]:  # noqa: ANN001
    """The distinct tops of the tools bar's visible items: one line has one top."""
    return page.evaluate("""() => {
        const tops = new Set();
        for (const el of document.querySelector('.score-tools').children) {
            const box = el.getBoundingClientRect();
            if (box.width > 0) tops.add(Math.round(box.top + box.height / 2));
        }
        return [...tops];
    }""")


@pytest.mark.parametrize("width", [360, 390])
@pytest.mark.parametrize("lang", ["en", "tr"])
def test_the_sticky_tools_bar_is_one_line_on_a_phone(browser, site: str, shots: Path,
                                                     lang: str, width: int) -> None:
    """"Unscored only" and "Next unscored" share one line of the bar that stays on screen
    (in Turkish it took two: a tenth of a phone's screen covered at every scroll)."""
    context, page = sign_in(browser, site, "ayse", lang)
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{site}/vendors/odoo")
    assert page.locator("[data-next-unscored]").is_visible()
    assert len(tool_rows(page)) == 1, tool_rows(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(shots / f"tools-bar-{lang}-{width}.png"))
    context.close()


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_each_group_count_in_the_side_menu_stands_apart_from_its_name(
        browser, site: str, shots: Path, lang: str) -> None:
    """"Accounting, ERP and payment integrations5/5": a name that wraps ran into its count."""
    context, page = sign_in(browser, site, "ayse", lang)
    page.goto(f"{site}/vendors/odoo")
    gaps = page.evaluate("""() => [...document.querySelectorAll('.sidenav li')].map(li => {
        const name = li.querySelector('a').getBoundingClientRect();
        const count = li.querySelector('.count').getBoundingClientRect();
        return [li.textContent.trim(), count.left - name.right];
    })""")
    assert gaps and all(gap >= 6 for _, gap in gaps), gaps
    page.screenshot(path=str(shots / f"side-menu-{lang}.png"))
    context.close()
