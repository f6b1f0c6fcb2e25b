"""Signed out in another tab while a scoring page is open: a score given there is not saved
and the page says why ("signed out", not "not sent by this site"), keeps the score and its
note, and offers "Save"; once signed in again in the other tab, "Save" saves it (the page
takes the new session's token) and a reload shows it."""

from __future__ import annotations

import re

import pytest
from conftest_web import PASSWORD
from test_web_browser import pick, sign_in


@pytest.mark.parametrize("lang, signed_out, saved", [
    ("en", "Not saved: you have been signed out. Sign in again in another tab, then save.",
     "Saved"),
    ("tr", "Kaydedilmedi: oturumunuz kapandı. Başka bir sekmede yeniden giriş yapıp sonra "
           "kaydedin.", "Kaydedildi"),
])
def test_a_score_given_after_signing_out_elsewhere_is_saved_after_signing_in_again(
        browser, site: str, lang: str, signed_out: str, saved: str) -> None:
    from playwright.sync_api import expect

    context, page = sign_in(browser, site, "ayse", lang)
    page.goto(f"{site}/vendors/odoo")
    other = context.new_page()
    other.goto(f"{site}/vendors")
    other.click("form[action$='/logout'] button")
    expect(other).to_have_url(re.compile(r"/login"))

    # the note first: typed after the score, its own save (900 ms later) could reach the
    # server after the sign-in below, save everything and hide "Save" before the click
    page.fill("#t-INT-FIN-001 textarea", "Logo connector shown live with balances")
    pick(page, "INT-FIN-001", 5)
    status = page.locator("#t-INT-FIN-001 .status")
    expect(status).to_have_text(signed_out)
    save = page.locator("#t-INT-FIN-001 button.save")
    expect(save).to_be_visible()

    other.fill("input[name=username]", "ayse")
    other.fill("input[name=password]", PASSWORD)
    other.click("button.primary")
    expect(other).not_to_have_url(re.compile(r"/login"))
    save.click()
    expect(status).to_have_text(re.compile(rf"^{saved} · "))
    expect(save).to_be_hidden()
    page.reload()
    expect(page.locator("#t-INT-FIN-001 input[value='5']")).to_be_checked()
    expect(page.locator("#t-INT-FIN-001 textarea")).to_have_value(
        "Logo connector shown live with balances")
    context.close()
