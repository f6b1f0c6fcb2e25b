"""Scoring through the web form: the scoring page, saving one score at a time (background and
plain form), the note rule, progress, independence, declarations, two envelopes, escaping,
and the test-drive sheet."""

from __future__ import annotations

from pathlib import Path

import pytest
from markupsafe import escape
from sqlalchemy import select

from crmselect.evaluationdb import scores, settings
from crmselect.evaluationdb.schema import AuditEntry, Declaration, DemoMark, Score


def db(app):
    return app.extensions["crmselect"].db


def stored(app, evaluator: str | None = None) -> list[tuple[str, str, str, float, str]]:
    with db(app).read() as s:
        return [(r.evaluator_id, r.vendor_id, r.target, r.score, r.note)
                for r in scores.scores(s, evaluator=evaluator)]


def set_evaluation(project: Path, text: str) -> None:
    """Add an ``evaluation:`` mapping to the project (e.g. ``{two_envelopes: true}``)."""
    path = project / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8") + f"evaluation: {text}\n", encoding="utf-8")


# --- the scoring page -------------------------------------------------------------------------


def test_scoring_page_groups_requirements_with_criteria_and_vendor_answers(make_client) -> None:
    page = make_client("ayse").get("/vendors/odoo").text
    # Areas in catalog order (operational before integration), groups with their names.
    assert page.index("Operational CRM") < page.index("Integration")
    assert "Sales force automation" in page
    assert "Accounting, ERP and payment integrations" in page
    assert "Dealer opportunities in one pipeline" in page
    assert "A dealer user creates an opportunity that the regional manager sees at once." in page
    # The vendor's declared compliance and comment.
    assert "WooCommerce connector from the app store; orders sync every 15 minutes." in page
    assert 'class="badge c-native"' in page
    assert 'class="badge c-roadmap"' in page  # CUS-SRV-001, promised for a date
    # One form per requirement, plus references.
    assert page.count('data-autosave') == 9 + 1
    assert 'id="t-references"' in page


def test_an_evaluator_sees_only_the_areas_they_score(make_client, app) -> None:
    client = make_client("mehmet")  # areas: [integration]
    page = client.get("/vendors/odoo").text
    assert "INT-FIN-001" in page
    assert "CUS-SFA-001" not in page
    response = client.save_score("odoo", "CUS-SFA-001", 3)
    assert response.status_code == 403
    assert stored(app) == []


def test_unknown_vendor_and_target(make_client) -> None:
    client = make_client("ayse")
    assert client.get("/vendors/nosuch").status_code == 404
    assert client.save_score("nosuch", "INT-FIN-001", 3).status_code == 404
    assert client.save_score("odoo", "INT-FIN-999", 3).status_code == 400
    assert client.save_score("odoo", "SCN-DEALER.9", 3).status_code == 400


# --- saving -----------------------------------------------------------------------------------


def test_background_save_answers_json_and_keeps_the_score(make_client, app) -> None:
    client = make_client("ayse")
    response = client.save_score("odoo", "INT-FIN-001", 4, "Logo connector shown")
    assert response.status_code == 200
    body = response.get_json()
    assert body["ok"] is True and body["target"] == "INT-FIN-001" and body["score"] == 4
    # The page shows "Saved" in its own language (data-msg-saved): the answer has no text.
    assert body["version"] == 1 and "message" not in body
    # A small answer: no counts (the page keeps its own) and the time as ISO 8601 in UTC.
    assert "progress" not in body and body["saved_at"].endswith("+00:00")
    assert stored(app) == [("ayse", "odoo", "INT-FIN-001", 4.0, "Logo connector shown")]
    # Saved again unchanged: same version; changed: a new version and an audit entry each.
    assert client.save_score("odoo", "INT-FIN-001", 4, "Logo connector shown"
                             ).get_json()["version"] == 1
    assert client.save_score("odoo", "INT-FIN-001", 3, "only via partner"
                             ).get_json()["version"] == 2
    with db(app).read() as s:
        audit = s.scalars(select(AuditEntry).where(AuditEntry.action == "score")
                          .order_by(AuditEntry.id)).all()
        assert [(a.actor, a.old_value, a.new_value) for a in audit] == [
            ("ayse", None, '{"note": "Logo connector shown", "score": 4.0}'),
            ("ayse", '{"note": "Logo connector shown", "score": 4.0}',
             '{"note": "only via partner", "score": 3.0}'),
        ]


def test_a_note_is_counted_as_the_browser_counts_it(make_client, app) -> None:
    """A browser sends each line break of the note as CR LF but counts it as one character
    against maxlength (4000): a note the form took is saved, with LF; one over is refused."""
    client = make_client("ayse")
    note = "\r\n".join(["x" * 999] * 4) + "x"  # 4000 as the browser counts, 4003 sent
    response = client.save_score("odoo", "INT-FIN-001", 1, note)
    assert response.status_code == 200, response.get_json()
    assert stored(app)[0][-1] == note.replace("\r\n", "\n")
    refused = client.save_score("odoo", "INT-FIN-001", 1, note + "x")
    assert refused.status_code == 422 and refused.get_json()["field"] == "note"
    # Without JavaScript the refused note is shown back whole, not cut at the limit.
    page = client.save_score("odoo", "INT-FIN-001", 1, "y" * 4000 + "END", json=False)
    assert page.status_code == 422 and "The note is too long" in page.text
    assert "y" * 4000 + "END</textarea>" in page.text


def test_plain_form_post_redirects_back_to_the_requirement(make_client, app) -> None:
    client = make_client("ayse")
    response = client.save_score("odoo", "INT-ECM-002", 2, "partner module only", json=False)
    assert response.status_code == 302
    assert response.headers["Location"] == "/vendors/odoo#t-INT-ECM-002"
    page = client.get("/vendors/odoo").text
    assert "Saved." in page  # the flash after the redirect
    form = page[page.index('id="t-INT-ECM-002"'):]
    form = form[:form.index("</article>")]
    assert 'value="2" checked' in form
    assert "partner module only</textarea>" in form


def test_a_refused_plain_post_opens_at_its_requirement(make_client) -> None:
    """Without JavaScript a refused score is shown on the page the post answers; the form's
    address carries the requirement's anchor so that page opens at the message."""
    client = make_client("ayse")
    page = client.get("/vendors/odoo").text
    assert 'action="/vendors/odoo/score#t-INT-FIN-001"' in page
    assert 'action="/vendors/odoo/score#t-references"' in page
    sheet = client.get("/testdrive/odoo/SCN-DEALER").text
    assert 'action="/vendors/odoo/score#t-SCN-DEALER-1"' in sheet
    assert 'id="t-SCN-DEALER-1"' in sheet


@pytest.mark.parametrize("value", [0, 1, 5])
def test_extreme_scores_need_a_note(make_client, app, value: int) -> None:
    client = make_client("ayse")
    response = client.save_score("odoo", "INT-FIN-002", value, "   ")
    assert response.status_code == 422
    assert response.get_json() == {
        "ok": False, "target": "INT-FIN-002",
        "error": f"A score of {value} needs a note that says why.", "field": "note",
    }
    page = client.save_score("odoo", "INT-FIN-002", value, "", json=False)
    assert page.status_code == 422
    form = page.text[page.text.index('id="t-INT-FIN-002"'):]
    form = form[:form.index("</article>")]
    assert f"A score of {value} needs a note that says why." in form
    assert f'value="{value}" checked' in form
    assert stored(app) == []
    assert client.save_score("odoo", "INT-FIN-002", value, "because").status_code == 200


@pytest.mark.parametrize("value", [2, 3, 4])
def test_middle_scores_need_no_note(make_client, app, value: int) -> None:
    assert make_client("ayse").save_score("odoo", "INT-FIN-002", value).status_code == 200


@pytest.mark.parametrize("raw", ["", "7", "-1", "abc", "2.5"])
def test_scores_outside_the_scale_are_refused(make_client, app, raw: str) -> None:
    response = make_client("ayse").save_score("odoo", "INT-FIN-002", raw, "x")
    assert response.status_code == 422
    assert response.get_json()["error"] == "Choose a score from 0 to 5."
    assert stored(app) == []


def test_clearing_a_score(make_client, app) -> None:
    client = make_client("ayse")
    client.save_score("odoo", "INT-FIN-002", 3)
    response = client.post("/vendors/odoo/score", headers={"Accept": "application/json"},
                           data={"target": "INT-FIN-002", "action": "clear"})
    assert response.get_json()["ok"] is True and response.get_json()["score"] is None
    assert stored(app) == []
    with db(app).read() as s:
        assert [a.action for a in s.scalars(select(AuditEntry).order_by(AuditEntry.id))] == [
            "score", "score_cleared"]


def test_references_are_scored_per_vendor(make_client, app) -> None:
    client = make_client("ayse")
    assert client.save_score("espocrm", "references", 5, "two similar manufacturers").status_code \
        == 200
    assert stored(app) == [("ayse", "espocrm", "references", 5.0, "two similar manufacturers")]
    vendors_page = client.get("/vendors").text
    card = vendors_page[vendors_page.index("EspoCRM"):]
    assert "scored" in card[:card.index("</section>")]


def test_progress_per_vendor(make_client) -> None:
    client = make_client("ayse")
    for target in ("INT-FIN-001", "INT-FIN-002", "CUS-SFA-002"):
        client.save_score("odoo", target, 3)
    client.save_score("odoo", "SCN-DEALER.1", 4)
    page = client.get("/vendors").text
    odoo = page[page.index(">Odoo<"):page.index(">EspoCRM<")]
    assert "3 of 9 scored" in odoo and "1 of 5 scored" in odoo
    assert 'value="3" max="9"' in odoo


# --- independence -----------------------------------------------------------------------------


def test_an_evaluator_never_sees_another_evaluators_scores(make_client, app) -> None:
    ayse, mehmet = make_client("ayse"), make_client("mehmet")
    ayse.save_score("odoo", "INT-FIN-001", 5, "ayse-private-note")
    for url in ("/vendors", "/vendors/odoo", "/testdrive/odoo", "/testdrive/odoo/SCN-DEALER"):
        page = mehmet.get(url)
        assert page.status_code == 200
        assert "ayse-private-note" not in page.text
    form = mehmet.get("/vendors/odoo").text
    form = form[form.index('id="t-INT-FIN-001"'):]
    assert " checked" not in form[:form.index("</article>")]
    # Results and the facilitator's pages stay closed until the reveal.
    assert mehmet.get("/results/").status_code == 403
    assert mehmet.get("/facilitator/consensus").status_code == 403
    assert mehmet.get("/export/scores.csv").status_code == 403


def test_an_evaluator_cannot_write_someone_elses_score(make_client, app) -> None:
    client = make_client("ayse")
    client.save_score("odoo", "INT-FIN-001", 3, evaluator="mehmet")
    assert stored(app) == [("ayse", "odoo", "INT-FIN-001", 3.0, "")]


# --- conflict of interest, two envelopes --------------------------------------------------------


def test_conflict_of_interest_declaration_comes_before_scoring(make_client, app,
                                                                web_project) -> None:
    set_evaluation(web_project, "{conflict_of_interest: true}")
    client = make_client("ayse")
    response = client.get("/vendors/odoo")
    assert response.status_code == 302 and response.headers["Location"] == "/declaration"
    refused = client.save_score("odoo", "INT-FIN-001", 3)
    assert refused.status_code == 403 and refused.get_json()["error"] == "declaration"
    page = client.post("/declaration", data={"choice": "none"})
    assert page.status_code == 422
    assert "Confirm the declaration to continue." in page.text
    page = client.post("/declaration", data={"choice": "declared", "confirm": "yes"})
    assert "Describe the interest you declare." in page.text
    done = client.post("/declaration", data={"choice": "declared", "confirm": "yes",
                                              "interests": "My brother works for Odoo's partner",
                                              "vendor": "odoo"})
    assert done.status_code == 302
    with db(app).read() as s:
        row = s.get(Declaration, "ayse")
        assert row.interests == "My brother works for Odoo's partner"
        assert row.vendors == "odoo"
        assert row.declared_at is not None and row.declared_at.tzinfo is not None
    assert client.get("/vendors/espocrm").status_code == 200
    assert client.save_score("espocrm", "INT-FIN-001", 3).status_code == 200
    progress = make_client("selin").get("/facilitator/").text
    assert "interest declared" in progress
    assert str(escape("My brother works for Odoo's partner")) in progress


def test_two_envelopes_hide_prices_from_functional_evaluators(make_client, web_project) -> None:
    assert "Price summary" in make_client("ayse").get("/vendors/odoo").text
    set_evaluation(web_project, "{two_envelopes: true}")
    assert "Price summary" not in make_client("ayse").get("/vendors/odoo").text  # all areas
    assert "Price summary" in make_client("mehmet").get("/vendors/odoo").text  # integration only


def test_results_offer_the_report_once_the_price_envelope_is_open(make_client, app,
                                                                  web_project) -> None:
    """Two envelopes hide prices until the reveal; then the report is offered to everyone."""
    set_evaluation(web_project, "{two_envelopes: true}")
    with db(app).write() as s:
        settings.reveal(s, "selin")
    assert "All scores (CSV)" in make_client("selin").get("/results/").text
    ayse = make_client("ayse").get("/results/")
    assert ayse.status_code == 200 and "All scores (CSV)" not in ayse.text
    assert "Comparison report (HTML)" in ayse.text
    assert "Comparison report (HTML)" in make_client("omer").get("/results/").text


# --- escaping ---------------------------------------------------------------------------------

EVIL = "<script>alert(1)</script>"


def test_vendor_texts_and_notes_are_escaped(make_client, web_project) -> None:
    (web_project / "vendors").mkdir()
    (web_project / "vendors" / "evil.yaml").write_text(
        "id: evil\n"
        f"name: \"{EVIL}\"\n"
        "product: \"<img src=x onerror=alert(2)>\"\n"
        "deployment: [cloud]\n"
        "licence: {model: subscription}\n"
        "source: test\n"
        "as_of: 2026-11-01\n"
        "responses:\n"
        f"  INT-FIN-001: {{compliance: native, comment: \"{EVIL}\"}}\n",
        encoding="utf-8")
    path = web_project / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "vendors: [odoo, espocrm, suitecrm]", "vendors: [odoo, espocrm, suitecrm, evil]"),
        encoding="utf-8")
    client = make_client("ayse")
    assert client.save_score("evil", "INT-FIN-002", 3, EVIL).status_code == 200
    for url in ("/vendors", "/vendors/evil", "/testdrive/evil/SCN-DEALER"):
        page = client.get(url).text
        assert "<script>alert" not in page
        assert "<img src=x" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    facilitator = make_client("selin")
    for url in ("/facilitator/", "/facilitator/audit"):
        page = facilitator.get(url).text
        assert "<script>alert" not in page and "&lt;script&gt;" in page


# --- test drive -------------------------------------------------------------------------------


def test_test_drive_sheet_scores_steps_and_marks_requirements(make_client, app) -> None:
    client = make_client("ayse")
    listing = client.get("/testdrive/odoo").text
    assert "A dealer&#39;s opportunity from lead to quote" in listing
    sheet = client.get("/testdrive/odoo/SCN-DEALER").text
    assert "Convert it to an opportunity and add a quote with 18% discount." in sheet
    assert "The quote waits for the sales manager&#39;s approval." in sheet
    assert sheet.count('name="target" value="SCN-DEALER.') == 3
    # A step score through the common save endpoint, back to the sheet without JavaScript.
    response = client.save_score("odoo", "SCN-DEALER.2", 4, "approval shown", json=False,
                                 back="testdrive:SCN-DEALER")
    assert response.headers["Location"] == "/testdrive/odoo/SCN-DEALER#t-SCN-DEALER-2"
    refused = client.save_score("odoo", "SCN-DEALER.3", 5, "", json=False,
                                back="testdrive:SCN-DEALER")
    assert refused.status_code == 422
    assert "A score of 5 needs a note that says why." in refused.text
    assert "Convert it to an opportunity" in refused.text  # the sheet, not the vendor page
    # Marks: shown live, on slides, not shown.
    mark = client.post("/testdrive/odoo/SCN-DEALER/mark",
                       data={"requirement": "INT-FIN-001", "shown": "slides"})
    assert mark.headers["Location"] == "/testdrive/odoo/SCN-DEALER#m-INT-FIN-001"
    bad = client.post("/testdrive/odoo/SCN-DEALER/mark",
                      data={"requirement": "INT-FIN-001", "shown": "maybe"})
    assert bad.status_code == 400
    unlinked = client.post("/testdrive/odoo/SCN-DEALER/mark",
                           data={"requirement": "INT-ECM-001", "shown": "live"})
    assert unlinked.status_code == 400
    with db(app).read() as s:
        marks = [(m.evaluator_id, m.vendor_id, m.scenario_id, m.requirement_id, m.shown)
                 for m in s.scalars(select(DemoMark))]
        steps = [(r.target, r.score) for r in s.scalars(select(Score))]
    assert marks == [("ayse", "odoo", "SCN-DEALER", "INT-FIN-001", "slides")]
    assert steps == [("SCN-DEALER.2", 4.0)]
    sheet = client.get("/testdrive/odoo/SCN-DEALER").text
    row = sheet[sheet.index('id="m-INT-FIN-001"'):]
    assert 'value="slides" checked' in row[:row.index("</tr>")]
    assert "1 / 3" in client.get("/testdrive/odoo").text
    # A mark given by mistake is taken back with the clear button (the radio still checked).
    assert 'name="action" value="clear"' in row[:row.index("</tr>")]
    cleared = client.post("/testdrive/odoo/SCN-DEALER/mark",
                          data={"requirement": "INT-FIN-001", "shown": "slides",
                                "action": "clear"})
    assert cleared.headers["Location"] == "/testdrive/odoo/SCN-DEALER#m-INT-FIN-001"
    with db(app).read() as s:
        assert list(s.scalars(select(DemoMark))) == []


def test_a_project_that_stops_loading_keeps_being_served(make_client, web_project) -> None:
    client = make_client("ayse")
    path = web_project / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "vendors: [odoo, espocrm, suitecrm]", "vendors: [odoo, nosuchvendor]"), encoding="utf-8")
    page = client.get("/vendors")
    assert page.status_code == 200 and "EspoCRM" in page.text  # the last valid project


def test_every_score_form_has_its_labels(make_client) -> None:
    client = make_client("ayse")
    client.save_score("odoo", "SCN-DEALER.1", 4)
    client.save_score("odoo", "INT-FIN-001", 4)
    for url in ("/vendors/odoo", "/testdrive/odoo/SCN-DEALER"):
        page = client.get(url).text
        assert "built-in method" not in page and "<bound method" not in page
        # every form that saves by itself (scores, step scores, test-drive marks) can be cleared
        assert page.count('value="clear" class="link clear">Clear</button>') == \
            page.count("data-autosave")


def test_a_score_of_minus_zero_is_kept_as_zero(make_client, app) -> None:
    """A score posted as "-0" is the score 0: no negative zero in the database or the export
    (``score: -0.0``)."""
    import math

    answer = make_client("ayse").post(
        "/vendors/odoo/score", data={"target": "INT-FIN-001", "score": "-0",
                                     "note": "not shown at all"},
        headers={"Accept": "application/json"})
    assert answer.status_code == 200
    assert math.copysign(1, answer.get_json()["score"]) == 1
    with app.extensions["crmselect"].db.read() as s:
        stored = s.scalars(select(Score.score).where(Score.target == "INT-FIN-001")).one()
    assert stored == 0 and math.copysign(1, stored) == 1
