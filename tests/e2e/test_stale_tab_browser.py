"""One evaluator's scoring page open in two tabs, in a real browser: the older tab's score does
not silently replace the newer one. It says the score changed meanwhile (and what it is now),
in the page's language, and offers "Save" to replace it; after that both tabs agree."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_web_browser import pick, sign_in


@pytest.mark.parametrize("lang, said, saved", [
    ("en", "This score was changed in another window or tab after this page was opened: it "
           "is now 3. Save again to replace it with yours, or reload the page.", "Saved"),
    ("tr", "Bu puan, sayfa açıldıktan sonra başka bir pencerede ya da sekmede değiştirildi: "
           "şu an 3. Yerine kendi puanınızı koymak için yeniden kaydedin ya da sayfayı "
           "yenileyin.", "Kaydedildi"),
])
def test_the_older_tab_is_told_and_can_save_again(browser, site: str, shots: Path, lang: str,
                                                  said: str, saved: str) -> None:
    from playwright.sync_api import expect

    context, old_tab = sign_in(browser, site, "ayse", lang)
    old_tab.goto(f"{site}/vendors/odoo")
    new_tab = context.new_page()
    new_tab.goto(f"{site}/vendors/odoo")
    pick(new_tab, "INT-ECM-002", 3)
    expect(new_tab.locator("#t-INT-ECM-002 .status")).to_have_text(re.compile(f"^{saved} · "))

    pick(old_tab, "INT-ECM-002", 4)
    status = old_tab.locator("#t-INT-ECM-002 .status")
    expect(status).to_have_text(said)
    expect(status).to_have_class(re.compile("status-error"))
    save = old_tab.locator("#t-INT-ECM-002 button.save")
    expect(save).to_be_visible()
    old_tab.locator("#t-INT-ECM-002").screenshot(path=str(shots / f"stale-tab-{lang}.png"))
    save.click()
    expect(status).to_have_text(re.compile(f"^{saved} · "))
    expect(save).to_be_hidden()
    # A later change in the older tab goes through: it holds the newest score now.
    pick(old_tab, "INT-ECM-002", 2)
    expect(status).to_have_text(re.compile(f"^{saved} · "))
    new_tab.reload()
    expect(new_tab.locator("#t-INT-ECM-002 input[value='2']")).to_be_checked()
    context.close()
