"""The facilitator's permits in a real browser, in Turkish: on a phone (390 px) the declared
interests fit the screen (the reason box and its button were pushed off it); a reason over
4,000 characters comes back at its form, red, with the limit named. Screenshots go to
``CRMSELECT_SCREENSHOTS`` (or a temporary folder)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest_web import PASSWORD

from crmselect.evaluationdb import scores, settings


@pytest.fixture
def served(web_project: Path, app_factory) -> Iterator[tuple[str, object]]:  # noqa: ANN001
    """The web test project with declarations asked for, Mehmet's interest in Odoo declared,
    and the scores revealed; served on loopback."""
    from conftest_web import live_server

    path = web_project / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8")
                    + "evaluation: {conflict_of_interest: true}\n", encoding="utf-8")
    app = app_factory(web_project)
    with app.extensions["crmselect"].db.write() as s:
        scores.declare(s, evaluator="mehmet", interests="Kuzenim Odoo iş ortağında satış "
                       "müdürü", language="tr", vendors=["odoo"])
        settings.reveal(s, "selin")
    with live_server(app, threads=4) as base:
        yield base, app


def _sign_in(browser, base: str, width: int):  # noqa: ANN001, ANN202
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="tr-TR")
    page = context.new_page()
    page.goto(f"{base}/login")
    page.fill("input[name=username]", "selin")
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")
    page.click(".langswitch button[value=tr]")
    page.goto(f"{base}/facilitator/")
    return context, page


def test_the_permits_fit_a_phone(browser, served, shots: Path) -> None:
    base, _app = served
    context, page = _sign_in(browser, base, 390)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for field in ("#permits input[name=reason]", "#permits button:has-text('İzin ver')"):
        box = page.locator(field).first.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, field
    page.locator("#permits").screenshot(path=str(shots / "permits-390-tr.png"))
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_a_too_long_permit_reason_in_the_browser(browser, served, shots: Path,
                                                 width: int) -> None:
    base, app = served
    context, page = _sign_in(browser, base, width)
    form = page.locator("#permits form:has(input[name=kind][value=reopen]):has(select)")
    form.locator("select[name=evaluator]").select_option("mehmet")
    # Typing stops at maxlength; a script (or an old browser) may not.
    form.locator("input[name=reason]").evaluate("e => { e.value = 'g'.repeat(4001); }")
    form.locator("button[type=submit]").click()
    form = page.locator("#permits form:has(input[name=kind][value=reopen]):has(select)")
    box = form.locator("input[name=reason]")
    assert form.locator(".form-error").inner_text() == (
        "Gerekçe çok uzun: 4.001 karakter; en fazla 4.000 karakter olabilir. Kısaltıp yeniden "
        "kaydedin.")
    assert box.input_value() == "g" * 4001
    assert form.locator("select[name=evaluator]").input_value() == "mehmet"
    assert box.evaluate("e => getComputedStyle(e).borderTopColor") == "rgb(180, 35, 24)"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    with app.extensions["crmselect"].db.read() as s:
        from crmselect.evaluationdb import permits
        assert permits.permits(s) == []
    page.locator("#permits").screenshot(path=str(shots / f"permit-refused-{width}-tr.png"))
    context.close()
