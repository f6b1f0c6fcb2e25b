"""The time a save shows, written by the page's script, reads exactly as the time the server
writes on the page after a reload: in the same time zone (the project's, whatever the
browser's own) and in the same locale's format (British English, not the American one of a
bare ``en``; Turkish with full stops)."""

from __future__ import annotations

import re

import pytest
from conftest_web import PASSWORD
from test_web_browser import pick


@pytest.mark.parametrize(("lang", "saved"), [("en", "Saved"), ("tr", "Kaydedildi")])
def test_a_saved_time_reads_the_same_before_and_after_a_reload(browser, site: str, lang: str,
                                                               saved: str) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US",
                                  timezone_id="America/Los_Angeles")
    page = context.new_page()
    page.goto(f"{site}/login")
    page.fill("input[name=username]", "ayse")
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")
    page.click(f".langswitch button[value={lang}]")
    page.goto(f"{site}/vendors/odoo")
    zone = page.get_attribute("html", "data-tz")
    assert zone and zone != "America/Los_Angeles"
    pick(page, "INT-ECM-002", 3)
    status = page.locator("#t-INT-ECM-002 .status")
    expect(status).to_have_text(re.compile(rf"^{saved} · "))
    by_script = status.inner_text()
    page.reload()
    by_server = page.locator("#t-INT-ECM-002 .status").inner_text()
    # The whole text: "7 Dec 2026, 14:30:05", never "Dec 7, 2026, 2:30:05 PM" beside it.
    assert by_script.strip() == by_server.strip()
    context.close()
