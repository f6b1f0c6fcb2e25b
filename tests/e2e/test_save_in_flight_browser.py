"""A note typed while the score's save is still on its way is not lost when that save is
refused: a score of 5 sent without its note is refused ("needs a note"), and the note typed
meanwhile is sent next, so the score and the note are saved and the page says so."""

from __future__ import annotations

import re

from test_web_browser import pick, sign_in


def test_a_note_typed_during_a_refused_save_is_saved_after_it(browser, site: str) -> None:
    from playwright.sync_api import expect

    context, page = sign_in(browser, site, "ayse", "en")
    page.goto(f"{site}/vendors/odoo")
    held = []
    # The first save waits (a busy server) until the note has been typed and its own save
    # has been asked for (the page sends one save of a form at a time).
    page.route(re.compile(r".*/vendors/odoo/score$"),
               lambda route: held.append(route) if not held else route.continue_())
    pick(page, "INT-FIN-001", 5)
    status = page.locator("#t-INT-FIN-001 .status")
    expect(status).to_have_text("Saving…")
    page.fill("#t-INT-FIN-001 textarea", "Logo connector shown live with balances")
    page.locator("#t-INT-FIN-001 textarea").blur()  # leaving the note sends it at once
    assert len(held) == 1
    held[0].continue_()
    expect(status).to_have_text(re.compile(r"^Saved · "))
    page.unroute(re.compile(r".*/vendors/odoo/score$"))
    page.reload()
    expect(page.locator("#t-INT-FIN-001 input[value='5']")).to_be_checked()
    expect(page.locator("#t-INT-FIN-001 textarea")).to_have_value(
        "Logo connector shown live with balances")
    context.close()
