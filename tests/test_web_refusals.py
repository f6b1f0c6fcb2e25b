"""Rough edges of the web form, EN and TR: refused forms come back as they were filled, their
error at the field (marked red and tied to it for a screen reader), nothing stored; a form
without project.yaml's fingerprint is told so; Turkish pages name things in Turkish."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markupsafe import escape
from sqlalchemy import func, select
from test_web_setup import ORGANISATION
from test_web_workshop import STAKEHOLDERS, _commented, client, decide

from crmselect.evaluationdb import settings
from crmselect.evaluationdb.schema import AuditEntry, Permit


@pytest.fixture
def commented(web_project: Path, db_url: str, app_factory):  # noqa: ANN201
    """The web project with stakeholders and a comment, on each database backend."""
    path = web_project / "project.yaml"
    anchor = "  - {id: omer, name: Ömer Şahin, role: observer, language: en}\n"
    path.write_text(path.read_text(encoding="utf-8").replace(anchor, anchor + STAKEHOLDERS),
                    encoding="utf-8")
    _commented(web_project)
    return app_factory(web_project, db_url), path

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


# --- 3. a setup or decision form without project.yaml's fingerprint ---------------------------


NO_MARKER = {
    "en": "The form was sent without its version marker (the fingerprint of project.yaml as "
          "the page showed it), so it cannot tell whether the file changed meanwhile. Nothing "
          "was saved: reload the page and make your change again.",
    "tr": "Form, sürüm işareti olmadan gönderildi (sayfanın gösterdiği project.yaml dosyasının "
          "özet değeri); bu yüzden dosyanın bu arada değişip değişmediği anlaşılamıyor. Hiçbir "
          "şey kaydedilmedi: sayfayı yeniden yükleyin ve değişikliğinizi tekrar yapın."}
DECISION_NO_MARKER = {
    "en": "Decision saved for INT-ECM-001, but not written to project.yaml: the form was sent "
          "without its version marker (the fingerprint of project.yaml as the page showed "
          "it). Reload the page and save the decision again.",
    "tr": "INT-ECM-001 için karar kaydedildi, ancak project.yaml dosyasına yazılmadı: form, "
          "sürüm işareti olmadan gönderildi (sayfanın gösterdiği project.yaml dosyasının "
          "özet değeri). Sayfayı yeniden yükleyin ve kararı tekrar kaydedin."}


@pytest.mark.parametrize("lang", ["en", "tr"])
@pytest.mark.parametrize("digest", [None, ""])
def test_a_setup_form_without_its_fingerprint_says_so(setup_app, new_project, lang,
                                                      digest) -> None:
    fac = client(setup_app, "selin", lang)
    path = new_project / "project.yaml"
    before = path.read_text(encoding="utf-8")
    data = dict(ORGANISATION) if digest is None else {**ORGANISATION, "digest": digest}
    response = fac.post("/setup/organisation", data=data)
    assert response.status_code == 409
    assert str(escape(NO_MARKER[lang])) in response.text
    assert "changed by someone else" not in response.text
    assert "başka biri tarafından" not in response.text
    assert path.read_text(encoding="utf-8") == before
    # What was typed is shown back, with the current fingerprint: saved again, it is written.
    assert 'value="Acme Makina' in response.text
    assert re.search(r'name="digest" value="[0-9a-f]{64}"', response.text)


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_a_decision_without_its_fingerprint_says_so(commented, lang) -> None:
    app, path = commented
    before = path.read_text(encoding="utf-8")
    selin = client(app, "selin", lang)
    assert decide(selin, "INT-ECM-001", "could", "Small shop", digest="").status_code == 302
    page = selin.get("/workshop/decisions").text
    assert str(escape(DECISION_NO_MARKER[lang])) in page
    assert "changed by someone else" not in page and "başka biri tarafından" not in page
    assert path.read_text(encoding="utf-8") == before


# --- 4. Turkish pages: no English left over ---------------------------------------------------


@pytest.mark.parametrize("lang, said", [("en", "Score Reference check"),
                                        ("tr", "Puan Referans kontrolü")])
def test_the_reference_scale_is_named_in_the_page_language(make_client, lang, said) -> None:
    """A screen reader names each 0–5 scale by its requirement; the references scale was read
    out by its internal key ("Puan references")."""
    page = make_client("ayse", lang).get("/vendors/odoo").text
    legends = re.findall(r'<legend class="visually-hidden">([^<]*)</legend>', page)
    assert said in legends
    assert not [x for x in legends if x.endswith(" references")]


@pytest.mark.parametrize("lang, said", [("en", "Sevgi Ak (Sales)"), ("tr", "Sevgi Ak (Satış)")])
def test_the_workshop_decisions_name_departments_in_the_page_language(commented, lang,
                                                                      said) -> None:
    app, _path = commented
    client(app, "sevgi", lang).post("/workshop/", data={
        "requirement": "CUS-SFA-001", "priority": "must", "reason": "Bayiler fırsat kaybediyor"})
    page = client(app, "selin", lang).get("/workshop/decisions").text
    head = page[:page.index('<article')]
    assert said in head  # the stakeholders named above the list
    card = page[page.index('id="r-CUS-SFA-001"'):]
    assert f"{said}: Bayiler fırsat kaybediyor" in card[:card.index("</article>")]
    assert "(sales)" not in page


@pytest.mark.parametrize("lang, said", [("en", "Stakeholder"), ("tr", "Paydaş")])
def test_the_people_page_keeps_a_stakeholder_a_stakeholder(commented, lang, said) -> None:
    """The role list had no stakeholder: the browser showed (and a save would have written)
    the first role, facilitator, for a department's stakeholder."""
    app, path = commented
    app.config["SETUP"] = True
    selin = client(app, "selin", lang)
    page = selin.get("/setup/people").text
    row = page[page.index('value="sevgi"'):]
    row = row[:row.index("</select>", row.index(".role"))]
    assert f'<option value="stakeholder" selected>{said}</option>' in row
    # Saved as shown, the stakeholder stays one.
    form = dict(re.findall(r'name="(evaluators\[\d+\]\.[a-z_.]+)" value="([^"]*)"', page))
    form.update({k: v for k, v in re.findall(
        r'<select name="(evaluators\[\d+\]\.(?:role|language))"[^>]*>(?:(?!</select>).)*?'
        r'<option value="([^"]*)" selected', page, re.S)})
    form.update({m: "yes" for m in re.findall(r'name="(evaluators\[\d+\]\.areas\.[a-z_]+)" '
                                               r'value="yes" checked', page)})
    form["digest"] = re.search(r'name="digest" value="([0-9a-f]{64})"', page).group(1)
    saved = selin.post("/setup/people", data=form)
    assert saved.status_code == 302, re.findall(r'role="alert">(.{0,300})', saved.text, re.S)
    assert "{id: sevgi, name: Sevgi Ak, role: stakeholder" in path.read_text(encoding="utf-8")
