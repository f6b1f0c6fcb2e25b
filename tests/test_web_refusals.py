"""Refused web forms come back as they were filled, their error at the field (marked red and
tied to it for a screen reader), in English and Turkish; nothing is stored."""

from __future__ import annotations

import pytest
from markupsafe import escape
from sqlalchemy import func, select

from crmselect.evaluationdb import settings
from crmselect.evaluationdb.schema import AuditEntry, Permit

TOO_LONG = {"en": "The reason is too long: 4,001 characters, at most 4,000. Shorten it and "
                  "save again.",
            "tr": "Gerekçe çok uzun: 4.001 karakter; en fazla 4.000 karakter olabilir."}


def _count(app, table) -> int:
    with app.extensions["crmselect"].db.read() as s:
        return s.scalar(select(func.count()).select_from(table))


def _conflicts(web_project) -> None:
    path = web_project / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "evaluation: {conflict_of_interest: "
                    "true}\n", encoding="utf-8")


# --- 1. a permit's reason over 4,000 characters ------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_a_too_long_reopen_reason_shows_the_form_again(make_client, app, lang) -> None:
    with app.extensions["crmselect"].db.write() as s:
        settings.reveal(s, "selin")
    selin = make_client("selin", lang)
    before = _count(app, AuditEntry)
    reason = "Ayşe typed on the wrong vendor " + "x" * (4001 - 31)
    assert len(reason) == 4001
    response = selin.post("/facilitator/permit", data={
        "kind": "reopen", "evaluator": "mehmet", "vendor": "espocrm", "reason": reason})
    assert response.status_code == 422
    page = response.text
    assert str(escape(TOO_LONG[lang])) in page
    form = page[page.rindex('<form', 0, page.index('id="reopen-error"')):]
    form = form[:form.index("</form>")]
    assert f'value="{reason}"' in form  # what was typed is kept
    assert 'value="mehmet" selected' in form and 'value="espocrm" selected' in form
    assert 'aria-invalid="true" aria-describedby="reopen-error"' in form
    assert _count(app, Permit) == 0 and _count(app, AuditEntry) == before
    # 4,000 characters are taken.
    assert selin.post("/facilitator/permit", data={
        "kind": "reopen", "evaluator": "mehmet", "vendor": "espocrm",
        "reason": reason[:4000]}).status_code == 302
    assert _count(app, Permit) == 1


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_a_too_long_interest_reason_shows_its_row_again(make_client, app, web_project,
                                                        lang) -> None:
    _conflicts(web_project)
    ayse = make_client("ayse")
    assert ayse.post("/declaration", data={"choice": "declared", "confirm": "yes",
                                           "interests": "My cousin sells it",
                                           "vendor": ["odoo"]}).status_code == 302
    selin = make_client("selin", lang)
    reason = "y" * 4001
    response = selin.post("/facilitator/permit", data={
        "kind": "interest", "evaluator": "ayse", "vendor": "odoo", "reason": reason})
    assert response.status_code == 422
    page = response.text
    row = page[page.rindex("<tr>", 0, page.index(f'value="{reason}"')):]
    row = row[:row.index("</tr>")]
    assert str(escape(TOO_LONG[lang])) in row
    assert 'aria-invalid="true" aria-describedby="permit-error-1"' in row
    assert 'id="permit-error-1"' in row
    assert _count(app, Permit) == 0


@pytest.mark.parametrize("lang, said", [("en", "Reason is too long (at most 4000 characters)."),
                                        ("tr", "Gerekçe çok uzun (en fazla 4000 karakter).")])
def test_a_permit_reason_beyond_every_limit_is_told_the_permits_limit(make_client, app, lang,
                                                                      said) -> None:
    with app.extensions["crmselect"].db.write() as s:
        settings.reveal(s, "selin")
    response = make_client("selin", lang).post("/facilitator/permit", data={
        "kind": "reopen", "evaluator": "ayse", "vendor": "odoo", "reason": "z" * 10_001})
    assert response.status_code == 400 and said in response.text
    assert _count(app, Permit) == 0


def test_a_too_long_reopen_before_the_reveal_is_still_said(make_client, app) -> None:
    """Before the reveal the reopen form is not on the page: the refusal is said above the
    permits all the same."""
    response = make_client("selin").post("/facilitator/permit", data={
        "kind": "reopen", "evaluator": "ayse", "vendor": "odoo", "reason": "w" * 4001})
    assert response.status_code == 422
    assert str(escape(TOO_LONG["en"])) in response.text
    assert _count(app, Permit) == 0
