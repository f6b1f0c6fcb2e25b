"""One evaluator's test-drive sheet open in two tabs, in a real browser: the older tab's mark
does not silently replace the newer one. It says the mark changed meanwhile (and what it is
now), in the page's language, and offers "Save" to replace it; after that both tabs agree."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_web_browser import sign_in

SHEET = "/testdrive/odoo/SCN-DEALER"
ROW = "#m-CUS-SFA-001"


def choose(page, value: str) -> None:  # noqa: ANN001
    page.click(f"{ROW} label:has(input[value='{value}']) span")


@pytest.mark.parametrize("lang, said, saved", [
    ("en", "This mark was changed in another window or tab after this page was opened: it is "
           "now “Shown live”. Save again to replace it with yours, or reload the page.",
     "Saved"),
    ("tr", "Bu işaret, sayfa açıldıktan sonra başka bir pencerede ya da sekmede değiştirildi: "
           "şu an “Canlı gösterildi”. Yerine kendi işaretinizi koymak için yeniden kaydedin ya "
           "da sayfayı yenileyin.", "Kaydedildi"),
])
def test_the_older_tab_is_told_and_can_save_again(browser, site: str, shots: Path, lang: str,
                                                  said: str, saved: str) -> None:
    from playwright.sync_api import expect

    context, old_tab = sign_in(browser, site, "ayse", lang)
    old_tab.goto(f"{site}{SHEET}")
    new_tab = context.new_page()
    new_tab.goto(f"{site}{SHEET}")
    choose(new_tab, "live")
    expect(new_tab.locator(f"{ROW} .status")).to_have_text(saved)

    choose(old_tab, "slides")
    status = old_tab.locator(f"{ROW} .status")
    expect(status).to_have_text(said)
    expect(status).to_have_class("status status-error")
    save = old_tab.locator(f"{ROW} button.save")
    expect(save).to_be_visible()
    old_tab.locator(ROW).screenshot(path=str(shots / f"stale-mark-{lang}.png"))
    save.click()
    expect(status).to_have_text(saved)
    expect(save).to_be_hidden()
    # A later change in the older tab goes through: it holds the newest mark now.
    choose(old_tab, "not_shown")
    expect(status).to_have_text(saved)
    new_tab.reload()
    expect(new_tab.locator(f"{ROW} input[value='not_shown']")).to_be_checked()
    context.close()


def test_without_javascript_the_sheet_comes_back_with_the_reason(browser, site: str,
                                                                 shots: Path) -> None:
    from playwright.sync_api import expect

    context, old_tab = sign_in(browser, site, "ayse", "en", javascript=False)
    old_tab.goto(f"{site}{SHEET}")
    new_tab = context.new_page()
    new_tab.goto(f"{site}{SHEET}")
    choose(new_tab, "live")
    new_tab.click(f"{ROW} button.save")
    choose(old_tab, "slides")
    old_tab.click(f"{ROW} button.save")
    status = old_tab.locator(f"{ROW} .status")
    expect(status).to_have_text(re.compile("^This mark was changed in another window"))
    expect(old_tab.locator(f"{ROW} input[value='slides']")).to_be_checked()
    old_tab.locator(ROW).screenshot(path=str(shots / "stale-mark-no-js.png"))
    old_tab.click(f"{ROW} button.save")  # saving again replaces it
    expect(old_tab.locator(f"{ROW} .status")).to_have_text("Saved")
    new_tab.reload()
    expect(new_tab.locator(f"{ROW} input[value='slides']")).to_be_checked()
    context.close()
