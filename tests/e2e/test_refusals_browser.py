"""Refusals in a real browser, where each names its cause at its field and keeps what was typed:
the needs workshop's reason (its line breaks counted as the browser counts them), the budget
page's rates table with two bad cells in one row, and the weights page's notice in whole
sentences. Screenshots in both languages go to ``CRMSELECT_SCREENSHOTS`` (or a temporary
folder)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from test_web_browser import sign_in
from test_web_status_browser import STAKEHOLDERS, choose

from crmselect.evaluationdb import workshop


@pytest.fixture
def served(web_project: Path, app_factory) -> Iterator[tuple[str, object]]:  # noqa: ANN001
    """The web test project with stakeholders, setup pages on, served on loopback."""
    from conftest_web import live_server

    path = web_project / "project.yaml"
    anchor = "  - {id: omer, name: Ömer Şahin, role: observer, language: en}\n"
    path.write_text(path.read_text(encoding="utf-8").replace(anchor, anchor + STAKEHOLDERS),
                    encoding="utf-8")
    app = app_factory(web_project, SETUP=True)
    with live_server(app, threads=4) as base:
        yield base, app


def _proposals(app) -> dict:  # noqa: ANN001
    with app.extensions["crmselect"].db.read() as s:
        return {rid: {sid: p.reason for sid, p in by.items()}
                for rid, by in workshop.proposals(s).items()}


@pytest.mark.parametrize("lang, said", [
    ("en", "The reason is too long: 2,001 characters, at most 2,000. Shorten it and save "
           "again."),
    ("tr", "Gerekçe çok uzun: 2.001 karakter; en fazla 2.000 karakter olabilir. Kısaltıp "
           "yeniden kaydedin.")])
def test_a_workshop_reason_in_the_browser(browser, served, shots: Path, lang: str,
                                          said: str) -> None:
    base, app = served
    context, page = sign_in(browser, base, "sevgi", lang, javascript=False)
    card = page.locator("#r-CUS-SFA-001")
    choose(card, "must")
    # 2,000 characters as the textarea counts them, with four line breaks (sent as CR LF).
    reason = "\n".join(["x" * 399] * 5) + "x"
    card.locator("textarea[name=reason]").fill(reason)
    card.locator("button[type=submit]").click()
    assert page.url.endswith("/workshop/#r-CUS-SFA-001")
    assert _proposals(app)["CUS-SFA-001"]["sevgi"] == reason
    # One character more than the limit: typing and pasting stop at maxlength, a script may not.
    card = page.locator("#r-CUS-SFA-001")
    card.locator("textarea[name=reason]").evaluate("e => { e.value = 'y'.repeat(2001); }")
    choose(card, "could")
    card.locator("button[type=submit]").click()
    card = page.locator("#r-CUS-SFA-001")
    assert card.locator(".form-error").inner_text() == said
    assert card.locator("textarea[name=reason]").input_value() == "y" * 2001
    assert card.locator("input[name=priority][value=could]").is_checked()
    assert _proposals(app)["CUS-SFA-001"]["sevgi"] == reason  # nothing stored
    # The refused box is red as the setup pages' refused fields are, even with the focus the
    # refusal gives it, and its error is what a screen reader reads for it.
    box = card.locator("textarea[name=reason]")
    assert box.evaluate("e => e === document.activeElement")
    assert box.evaluate("e => getComputedStyle(e).borderTopColor") == "rgb(180, 35, 24)"
    assert box.evaluate("e => getComputedStyle(e).fontWeight") == "400"  # the label is bold
    described = box.get_attribute("aria-describedby")
    assert page.locator(f"#{described}").inner_text() == said
    card.screenshot(path=str(shots / f"workshop-refused-{lang}.png"))
    context.close()


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_two_bad_cells_of_a_rate_row_in_the_browser(browser, served, shots: Path,
                                                    lang: str) -> None:
    base, _app = served
    context, page = sign_in(browser, base, "selin", lang)
    page.goto(f"{base}/setup/budget")
    page.fill("input[name='rates[0].currency']", "E1R")
    page.fill("input[name='rates[0].rate']", "abc")
    page.click("form.setup-form button.primary")
    currency = page.locator("td:has(input[name='rates[0].currency']) .field-error")
    rate = page.locator("td:has(input[name='rates[0].rate']) .field-error")
    assert "'E1R'" in currency.inner_text() and "'abc'" not in currency.inner_text()
    assert "'abc'" in rate.inner_text() and "'E1R'" not in rate.inner_text()
    page.locator("table.rows").first.screenshot(path=str(shots / f"budget-rates-{lang}.png"))
    context.close()


@pytest.mark.parametrize("lang, said", [
    ("en", "Saved. Top-level criteria: consistency ratio 0.000, consistent. Functional areas: "
           "consistency ratio 0.000, consistent."),
    ("tr", "Kaydedildi. Üst düzey kriterler: tutarlılık oranı 0,000, tutarlı. Fonksiyonel "
           "alanlar: tutarlılık oranı 0,000, tutarlı.")])
def test_the_weights_notice_in_the_browser(browser, served, shots: Path, lang: str,
                                           said: str) -> None:
    base, _app = served
    context, page = sign_in(browser, base, "selin", lang, javascript=False)
    page.goto(f"{base}/setup/weights")
    page.check("input[name=method][value=ahp]")
    page.check("input[name=area_method][value=ahp]")
    page.click("form.setup-form button.primary")
    assert page.locator(".flash-ok").inner_text() == said
    page.screenshot(path=str(shots / f"weights-notice-{lang}.png"),
                    clip={"x": 0, "y": 0, "width": 1280, "height": 320})
    context.close()
