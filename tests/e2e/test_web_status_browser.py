"""End-to-end: the facilitator's status page and the phone menu in a real browser (issue 14).

Screenshots go to ``CRMSELECT_SCREENSHOTS`` (or a temporary folder), as in test_web_browser.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_web_browser import sign_in

PHONE = {"width": 390, "height": 844}


def overflow(page) -> int:  # noqa: ANN001
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth")


def unreachable_menu_items(page, width: int) -> list[str]:  # noqa: ANN001
    """The menu's links and buttons that lie (partly) outside the screen or outside the box
    that shows them (a sideways-scrolling strip hides what sticks out of it)."""
    return page.evaluate("""(width) => {
        const out = [];
        for (const el of document.querySelectorAll('.topbar a, .topbar button')) {
            const box = el.getBoundingClientRect();
            let clip = {left: 0, right: width};
            for (let p = el.parentElement; p; p = p.parentElement) {
                const style = getComputedStyle(p);
                if (style.overflowX !== 'visible') {
                    const b = p.getBoundingClientRect();
                    clip = {left: Math.max(clip.left, b.left),
                            right: Math.min(clip.right, b.right)};
                }
            }
            if (box.width === 0 || box.left < clip.left - 0.5 || box.right > clip.right + 0.5)
                out.push(el.textContent.trim());
        }
        return out;
    }""", width)


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_status_page_on_desktop_and_phone(browser, site: str, shots: Path, lang: str) -> None:
    context, page = sign_in(browser, site, "selin", lang, javascript=False)
    assert page.goto(f"{site}/status").status == 200
    assert page.locator(".status-step").count() == 12
    page.screenshot(path=str(shots / f"status-desktop-{lang}.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.goto(f"{site}/status")
    assert overflow(page) <= 0
    page.screenshot(path=str(shots / f"status-phone-{lang}.png"), full_page=True)
    context.close()


@pytest.mark.parametrize("person, paths", [
    ("selin", ["/facilitator/", "/status", "/facilitator/audit"]),
    ("ayse", ["/vendors", "/testdrive/odoo", "/testdrive/odoo/SCN-DEALER"]),
])
def test_every_menu_item_is_reachable_on_a_phone(browser, site: str, shots: Path,
                                                 person: str, paths: list[str]) -> None:
    context, page = sign_in(browser, site, person, "tr")
    page.set_viewport_size(PHONE)
    for path in paths:
        page.goto(site + path)
        assert unreachable_menu_items(page, PHONE["width"]) == [], path
        assert overflow(page) <= 0, path
        name = f"phone-menu-{person}-" + path.strip("/").replace("/", "-") + ".png"
        page.screenshot(path=str(shots / name))
    context.close()


STAKEHOLDERS = """\
  - {id: sevgi, name: Sevgi Ak, role: stakeholder, department: sales, areas: [operational]}
  - {id: kerem, name: Kerem Ulu, role: stakeholder, department: it}
"""


@pytest.fixture
def workshop_site(web_project, app_factory):
    from conftest_web import live_server

    path = web_project / "project.yaml"
    anchor = "  - {id: omer, name: Ömer Şahin, role: observer, language: en}\n"
    path.write_text(path.read_text(encoding="utf-8").replace(anchor, anchor + STAKEHOLDERS),
                    encoding="utf-8")
    with live_server(app_factory(web_project), threads=4) as base:
        yield base


def choose(card, priority: str) -> None:
    """Pick a priority as a person does, by its label (the radio itself is drawn as a chip; a
    forced click at its box missed it now and then on a loaded machine), then check it took."""
    card.locator(f"label:has(input[name=priority][value={priority}])").click()
    assert card.locator(f"input[name=priority][value={priority}]").is_checked()


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_the_needs_workshop_without_javascript(browser, workshop_site: str, shots: Path,
                                              lang: str) -> None:
    """Two stakeholders propose, the facilitator sees the disagreement and decides; desktop
    and phone screenshots of both pages."""
    base = workshop_site
    for person, priority, reason in (("sevgi", "must", "Dealers lose deals without it"),
                                     ("kerem", "could", "A spreadsheet does it today")):
        context, page = sign_in(browser, base, person, lang, javascript=False)
        assert page.url.endswith("/workshop/")
        card = page.locator("#r-CUS-SFA-001")
        choose(card, priority)
        card.locator("textarea[name=reason]").fill(reason)
        card.locator("button[type=submit]").click()
        assert page.url.endswith("/workshop/#r-CUS-SFA-001")
        if person == "sevgi":
            page.screenshot(path=str(shots / f"workshop-desktop-{lang}.png"), full_page=True)
            page.set_viewport_size(PHONE)
            page.goto(f"{base}/workshop/")
            assert overflow(page) <= 0
            assert unreachable_menu_items(page, PHONE["width"]) == []
            page.screenshot(path=str(shots / f"workshop-phone-{lang}.png"))
        context.close()
    context, page = sign_in(browser, base, "selin", lang, javascript=False)
    page.goto(f"{base}/workshop/decisions")
    first = page.locator("article.workshop-req").first
    assert first.get_attribute("id") == "r-CUS-SFA-001"
    assert "disagree" in (first.get_attribute("class") or "")
    choose(first, "should")
    first.locator("textarea[name=reason]").fill("Needed; the dealer portal comes first")
    first.locator("button[type=submit]").click()
    page.screenshot(path=str(shots / f"workshop-decisions-desktop-{lang}.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/workshop/decisions")
    assert overflow(page) <= 0
    assert unreachable_menu_items(page, PHONE["width"]) == []
    page.screenshot(path=str(shots / f"workshop-decisions-phone-{lang}.png"))
    context.close()
