"""End-to-end: the web form in a real browser (Debian's Chromium through Playwright).

Evaluators sign in and score with background saving, reload and find their scores kept; the
facilitator reveals, records a consensus and opens the results. Screenshots of every page in
both languages, on a desktop and on a phone screen, go to ``CRMSELECT_SCREENSHOTS`` (or a
temporary folder).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest_web import PASSWORD


def sign_in(browser, base: str, person: str, lang: str, javascript: bool = True):  # noqa: ANN001, ANN201
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  java_script_enabled=javascript, locale="en-GB")
    page = context.new_page()
    page.goto(f"{base}/login")
    page.fill("input[name=username]", person)
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")
    page.click(f".langswitch button[value={lang}]")
    return context, page


def pick(page, target: str, value: int) -> None:  # noqa: ANN001
    page.click(f"#t-{target} .pip:has(input[value='{value}']) span")


def test_score_reload_reveal_consensus_results(browser, site: str, shots: Path) -> None:
    from playwright.sync_api import expect

    # Ayşe scores Odoo; every score is saved in the background as it is given.
    ayse_context, ayse = sign_in(browser, site, "ayse", "en")
    ayse.goto(f"{site}/vendors")
    ayse.click("text=Score requirements >> nth=0")
    expect(ayse).to_have_url(f"{site}/vendors/odoo")
    expect(ayse.locator("html")).to_have_class(re.compile(r"\bjs\b"))
    expect(ayse.locator("#t-INT-FIN-001 button.save")).to_be_hidden()
    pick(ayse, "INT-FIN-001", 5)
    status = ayse.locator("#t-INT-FIN-001 .status")
    expect(status).to_have_text("A score of 5 needs a note that says why.")
    expect(status).to_have_class(re.compile("status-error"))
    ayse.fill("#t-INT-FIN-001 textarea", "Logo connector shown live with balances")
    expect(status).to_have_text(re.compile(r"^Saved · "))
    pick(ayse, "INT-ECM-002", 3)
    expect(ayse.locator("#t-INT-ECM-002 .status")).to_have_text(re.compile(r"^Saved · "))
    expect(ayse.locator("[data-progress-text]")).to_have_text("2 of 9 scored")
    ayse.screenshot(path=str(shots / "scoring-en.png"), full_page=True)
    # Reload: the scores are kept.
    ayse.reload()
    expect(ayse.locator("#t-INT-FIN-001 input[value='5']")).to_be_checked()
    expect(ayse.locator("#t-INT-FIN-001 textarea")).to_have_value(
        "Logo connector shown live with balances")
    expect(ayse.locator("#t-INT-ECM-002 input[value='3']")).to_be_checked()
    # Clearing removes a score.
    ayse.click("#t-INT-ECM-002 button.clear")
    expect(ayse.locator("#t-INT-ECM-002 .status")).to_have_text(re.compile("^Cleared"))
    ayse.reload()
    expect(ayse.locator("#t-INT-ECM-002 input[value='3']")).not_to_be_checked()

    # Mehmet, in Turkish, disagrees.
    mehmet_context, mehmet = sign_in(browser, site, "mehmet", "tr")
    mehmet.goto(f"{site}/vendors/odoo")
    pick(mehmet, "INT-FIN-001", 1)
    mehmet.fill("#t-INT-FIN-001 textarea", "Yalnızca CSV ile aktarım gösterildi")
    mehmet_status = mehmet.locator("#t-INT-FIN-001 .status")
    expect(mehmet_status).to_have_text(re.compile(r"^Kaydedildi · "))
    mehmet.screenshot(path=str(shots / "scoring-tr.png"), full_page=True)
    # Before the reveal Mehmet cannot see results.
    assert mehmet.goto(f"{site}/results/").status == 403

    # Selin reveals, records a consensus, and reads the results.
    selin_context, selin = sign_in(browser, site, "selin", "en")
    selin.goto(f"{site}/facilitator/")
    selin.check("input[name=confirm]")
    selin.click("text=Reveal scores")
    expect(selin).to_have_url(f"{site}/facilitator/consensus")
    item = selin.locator("#c-odoo-INT-FIN-001")
    expect(item).to_contain_text("Spread 4")
    expect(item).to_contain_text("Logo connector shown live with balances")
    expect(item).to_contain_text("Yalnızca CSV ile aktarım gösterildi")
    item.locator(".pip:has(input[value='3']) span").click()
    item.locator("textarea[name=reason]").fill("Partner connector; balances need a nightly job")
    item.locator("button.primary").click()
    expect(selin.locator("#c-odoo-INT-FIN-001")).to_contain_text("Agreed: 3 (version 1)")
    selin.goto(f"{site}/results/")
    expect(selin.locator("table.ranking tbody tr").first).to_contain_text("Odoo")
    expect(selin.locator("svg.chart").first).to_be_visible()
    selin.screenshot(path=str(shots / "results-en.png"), full_page=True)
    selin.click(".langswitch button[value=tr]")
    expect(selin.locator("h1")).to_have_text("Sonuçlar")
    selin.screenshot(path=str(shots / "results-tr.png"), full_page=True)

    # After the reveal Mehmet reads the results too.
    assert mehmet.goto(f"{site}/results/").status == 200
    for context in (ayse_context, mehmet_context, selin_context):
        context.close()
    for name in ("scoring-en", "scoring-tr", "results-en", "results-tr"):
        assert (shots / f"{name}.png").stat().st_size > 20_000


def test_a_failed_save_is_retried_and_shown(browser, site: str) -> None:
    from playwright.sync_api import expect

    context, page = sign_in(browser, site, "ayse", "en")
    page.goto(f"{site}/vendors/odoo")
    failures = {"left": 2}

    def flaky(route) -> None:  # noqa: ANN001
        if failures["left"] > 0:
            failures["left"] -= 1
            route.abort("connectionrefused")
        else:
            route.continue_()

    page.route("**/vendors/odoo/score", flaky)
    pick(page, "INT-FIN-002", 4)
    status = page.locator("#t-INT-FIN-002 .status")
    expect(status).to_have_text(re.compile(r"^Not saved: no connection\. Trying again in \d s"))
    expect(status).to_have_text(re.compile(r"^Saved · "), timeout=15_000)
    page.reload()
    expect(page.locator("#t-INT-FIN-002 input[value='4']")).to_be_checked()
    context.close()


def test_the_save_time_takes_a_full_stop_in_turkish(browser) -> None:  # noqa: ANN001
    """The time a background save shows (app.js's ``savedAt``): 14.30.00 in Turkish (TDK, as
    the server's own times), 14:30:00 in English."""
    source = (Path(__file__).parents[2] / "web" / "static" / "js" / "app.js").read_text()
    saved_at = re.search(r"  function savedAt\(iso\) \{.*?\n  \}\n", source, re.S)
    assert saved_at, "app.js has no savedAt"
    context = browser.new_context(timezone_id="Europe/Istanbul")
    page = context.new_page()
    shown = page.evaluate(
        "([code, iso]) => ['tr', 'en'].map(lang => new Function('root', code + 'return savedAt;')"
        "({lang: lang})(iso))", [saved_at.group(0), "2027-01-15T11:30:00+00:00"])
    context.close()
    assert shown[0] == "15 Oca 2027 14.30.00"
    assert "14:30:00" in shown[1] or "2:30:00" in shown[1]
    assert "." not in shown[1].split(",")[-1]


def test_the_form_works_without_javascript(browser, site: str) -> None:
    from playwright.sync_api import expect

    context, page = sign_in(browser, site, "ayse", "en", javascript=False)
    page.goto(f"{site}/vendors/odoo")
    form = page.locator("#t-CUS-SFA-001")
    form.locator(".pip:has(input[value='0']) span").click()
    form.locator("button.save").click()
    # Refused by the server with the reason, on the same requirement.
    expect(page.locator("#t-CUS-SFA-001 .status")).to_have_text(
        "A score of 0 needs a note that says why.")
    page.locator("#t-CUS-SFA-001 textarea").fill("No dealer portal")
    page.locator("#t-CUS-SFA-001 button.save").click()
    expect(page).to_have_url(f"{site}/vendors/odoo#t-CUS-SFA-001")
    expect(page.locator(".flash-ok")).to_have_text("Saved.")
    expect(page.locator("#t-CUS-SFA-001 input[value='0']")).to_be_checked()
    context.close()


def test_pages_fit_a_phone_screen(browser, site: str, shots: Path) -> None:
    """At 390 px nothing sticks out sideways (the menu wraps on its own line, the marks stack,
    wide tables and charts scroll in their own box) and the scoring page opens with its table
    of contents folded, so the first requirement is on the first screen."""
    from playwright.sync_api import expect

    def overflow(page) -> int:  # noqa: ANN001
        return page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth")

    context, page = sign_in(browser, site, "selin", "tr")
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("/facilitator/", "/facilitator/consensus", "/results/", "/facilitator/audit"):
        page.goto(site + path)
        assert overflow(page) <= 0, path
        assert header_lines(page) <= 2, path  # logo and tools, then the menu (issue 14 QA)
    context.close()
    context, page = sign_in(browser, site, "ayse", "tr")
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("/vendors", "/vendors/odoo", "/testdrive/odoo/SCN-DEALER"):
        page.goto(site + path)
        assert overflow(page) <= 0, path
        assert header_lines(page) <= 2, path  # logo and tools, then the menu (issue 14 QA)
    page.goto(f"{site}/vendors/odoo")
    expect(page.locator("details.sidenav-toc")).not_to_have_attribute("open", "")
    expect(page.locator("article.req").first).to_be_in_viewport()
    # The score buttons are reachable: every one of them lies inside the screen's width, big
    # enough to tap, and one tap saves.
    pips = page.locator("#t-INT-FIN-002 .pip span")
    pips.last.scroll_into_view_if_needed()
    for i in range(6):
        box = pips.nth(i).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
        assert box["width"] >= 36 and box["height"] >= 36
    pips.nth(4).click()
    expect(page.locator("#t-INT-FIN-002 .status")).to_have_text(re.compile(r"^Kaydedildi · "))
    page.screenshot(path=str(shots / "scoring-phone-tr.png"))
    context.close()


def header_lines(page) -> int:  # noqa: ANN001
    """How many lines the top bar takes: its height over the height of one of its links."""
    return page.evaluate("""() => {
        const bar = document.querySelector('.topbar').getBoundingClientRect();
        const logo = document.querySelector('.topbar .logo').getBoundingClientRect();
        return Math.round(bar.height / Math.max(logo.height, 1) / 1.6) || 1;
    }""")


def test_arrow_keys_move_the_focus_and_one_choice_saves_once(browser, site: str) -> None:
    from playwright.sync_api import expect

    context, page = sign_in(browser, site, "ayse", "en")
    page.goto(f"{site}/vendors/odoo")
    saves: list[str] = []
    page.on("request", lambda r: saves.append(r.url) if r.method == "POST" else None)
    page.focus("#t-INT-FIN-002 input[value='0']")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.value") == "3"
    page.wait_for_timeout(300)
    assert saves == []  # moving the focus saves nothing
    expect(page.locator("#t-INT-FIN-002 input:checked")).to_have_count(0)
    page.keyboard.press("Space")
    expect(page.locator("#t-INT-FIN-002 .status")).to_have_text(re.compile(r"^Saved · "))
    assert len(saves) == 1
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Enter")  # Enter chooses too
    expect(page.locator("#t-INT-FIN-002 input[value='2']")).to_be_checked()
    expect(page.locator("#t-INT-FIN-002 .status")).to_have_text(re.compile(r"^Saved · "))
    page.wait_for_timeout(300)
    assert len(saves) == 2
    context.close()


def test_next_unscored_and_the_unscored_filter(browser, site: str) -> None:
    from playwright.sync_api import expect

    context, page = sign_in(browser, site, "ayse", "en")
    page.goto(f"{site}/vendors/odoo")
    first = page.locator("article.req").first
    first_id = first.get_attribute("id")
    first.locator(".pip:has(input[value='3']) span").click()
    expect(first.locator(".status")).to_have_text(re.compile(r"^Saved · "))
    group = first.locator("xpath=ancestor::section[@data-group]").get_attribute("data-group")
    expect(page.locator(f"h3 [data-group-count='{group}']")).to_have_text(re.compile(r"^1/"))
    page.click("[data-next-unscored]")
    focused = page.evaluate("document.activeElement.closest('.req').id")
    assert focused != first_id
    assert page.evaluate("document.activeElement.name") == "score"
    expect(page.locator(f"#{focused}")).to_be_in_viewport()
    # Next again from there goes on past the focused one.
    page.click("[data-next-unscored]")
    assert page.evaluate("document.activeElement.closest('.req').id") not in (focused, first_id)
    # "Unscored only" applies at once with JavaScript.
    page.check("[data-filter-unscored]")
    expect(page).to_have_url(re.compile(r"unscored=1"))
    expect(page.locator(f"#{first_id}")).to_have_count(0)
    context.close()


PAGES = {
    "ayse": ["/vendors", "/vendors/odoo", "/testdrive/odoo", "/testdrive/odoo/SCN-DEALER",
             "/results/"],
    "selin": ["/facilitator/", "/facilitator/consensus", "/results/", "/facilitator/audit"],
    "omer": ["/facilitator/"],
}


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_screenshots_of_every_page_in_both_languages(browser, site: str, shots: Path,
                                                     device: str) -> None:
    """Every page, in English and Turkish, on a desktop and a phone screen, after a reveal
    (so that consensus and results have something to show); the PNGs land in ``shots``."""
    from playwright.sync_api import expect

    viewport = {"width": 1280, "height": 900} if device == "desktop" else \
        {"width": 390, "height": 844}
    ayse_context, ayse = sign_in(browser, site, "ayse", "en")
    ayse.goto(f"{site}/vendors/odoo")
    for target, value in (("INT-FIN-001", 4), ("INT-FIN-002", 2), ("CUS-SFA-002", 3)):
        pick(ayse, target, value)
        expect(ayse.locator(f"#t-{target} .status")).to_have_text(re.compile(r"^Saved · "))
    mehmet_context, mehmet = sign_in(browser, site, "mehmet", "en")
    mehmet.goto(f"{site}/vendors/odoo")
    pick(mehmet, "INT-FIN-001", 1)
    mehmet.fill("#t-INT-FIN-001 textarea", "Only a CSV import")
    expect(mehmet.locator("#t-INT-FIN-001 .status")).to_have_text(re.compile(r"^Saved · "))
    selin_context, selin = sign_in(browser, site, "selin", "en")
    selin.goto(f"{site}/facilitator/")
    selin.check("input[name=confirm]")
    selin.click("text=Reveal scores")
    omer_context, omer = sign_in(browser, site, "omer", "en")
    pages = {"ayse": ayse, "selin": selin, "omer": omer}
    taken = []
    for lang in ("en", "tr"):
        for person, paths in PAGES.items():
            page = pages[person]
            page.set_viewport_size(viewport)
            page.goto(f"{site}{paths[0]}")
            page.click(f".langswitch button[value={lang}]")
            for path in paths:
                assert page.goto(site + path).status == 200, (person, path)
                if path == "/results/":
                    page.locator("details.drill-criterion").first.evaluate("d => d.open = true")
                name = f"{device}-{lang}-{person}-" + (path.strip("/").replace("/", "-")
                                                       or "home") + ".png"
                page.screenshot(path=str(shots / name), full_page=True)
                taken.append(shots / name)
    for context in (ayse_context, mehmet_context, selin_context, omer_context):
        context.close()
    assert len(taken) == 2 * sum(len(p) for p in PAGES.values())
    assert all(path.stat().st_size > 10_000 for path in taken)
