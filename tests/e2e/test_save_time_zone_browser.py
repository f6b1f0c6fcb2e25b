"""The time a save shows, written by the page's script, is in the same time zone as the times
the server writes on the page (the project's), whatever the browser's own zone."""

from __future__ import annotations

import re

from conftest_web import PASSWORD
from test_web_browser import pick


def test_a_saved_time_reads_the_same_before_and_after_a_reload(browser, site: str) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB",
                                  timezone_id="America/Los_Angeles")
    page = context.new_page()
    page.goto(f"{site}/login")
    page.fill("input[name=username]", "ayse")
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")
    page.goto(f"{site}/vendors/odoo")
    zone = page.get_attribute("html", "data-tz")
    assert zone and zone != "America/Los_Angeles"
    pick(page, "INT-ECM-002", 3)
    status = page.locator("#t-INT-ECM-002 .status")
    expect(status).to_have_text(re.compile(r"^Saved · "))
    by_script = re.search(r"(\d{1,2})[:.](\d{2})", status.inner_text())
    page.reload()
    by_server = re.search(r"(\d{1,2})[:.](\d{2})",
                          page.locator("#t-INT-ECM-002 .status").inner_text())
    assert by_script and by_server
    script_minutes = int(by_script.group(1)) * 60 + int(by_script.group(2))
    server_minutes = int(by_server.group(1)) * 60 + int(by_server.group(2))
    assert abs(script_minutes - server_minutes) % (24 * 60) <= 1, (by_script.group(),
                                                                   by_server.group())
    context.close()
