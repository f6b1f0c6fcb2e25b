"""The facilitator's pages: progress, reveal, the consensus view with optimistic concurrency,
the audit log and the exports."""

from __future__ import annotations

import csv
import io

import yaml
from sqlalchemy import select

from crmselect.evaluationdb import settings
from crmselect.evaluationdb.schema import AuditEntry, Consensus
from crmselect.model import ScoresFile


def db(app):
    return app.extensions["crmselect"].db


def reveal(app) -> None:
    with db(app).write() as s:
        settings.reveal(s, "selin")


def disagree(make_client, app=None) -> None:
    """Ayşe and Mehmet disagree on INT-FIN-001 (5 vs 1) and nearly agree on INT-FIN-002;
    with ``app``, the facilitator then reveals the scores (consensus starts there)."""
    ayse, mehmet = make_client("ayse"), make_client("mehmet")
    assert ayse.save_score("odoo", "INT-FIN-001", 5, "Logo connector shown live").status_code \
        == 200
    assert mehmet.save_score("odoo", "INT-FIN-001", 1, "only a CSV import").status_code == 200
    ayse.save_score("odoo", "INT-FIN-002", 3)
    mehmet.save_score("odoo", "INT-FIN-002", 4)
    if app is not None:
        reveal(app)


def test_progress_shows_everyone(make_client, app) -> None:
    make_client("ayse").save_score("odoo", "INT-FIN-001", 3)
    make_client("mehmet").save_score("espocrm", "INT-FIN-002", 2)
    page = make_client("selin").get("/facilitator/").text
    assert "2 scores given so far." in page
    ayse = page[page.index("Ayşe Demir"):page.index("Mehmet Kaya")]
    assert "1/9 req." in ayse and "0/9 req." in ayse
    mehmet = page[page.index("Mehmet Kaya"):page.index("Reveal")]
    assert "1/6 req." in mehmet and "0/6 req." in mehmet  # integration only
    assert "Ömer Şahin" in page  # the observer, listed separately
    assert "Scores are still independent" in page


def test_reveal_needs_confirmation_and_is_logged(make_client, app) -> None:
    client = make_client("selin")
    client.post("/facilitator/reveal", data={})
    with db(app).read() as s:
        assert settings.revealed(s) is None
    response = client.post("/facilitator/reveal", data={"confirm": "yes"})
    assert response.headers["Location"] == "/facilitator/consensus"
    with db(app).read() as s:
        state = settings.revealed(s)
        assert state is not None and state.by == "selin"
        actions = [a.action for a in s.scalars(select(AuditEntry))]
    assert actions == ["reveal"]
    assert "Scores were revealed by selin" in client.get("/facilitator/").text


def test_consensus_lists_disagreements_with_scorers_and_notes(make_client, app) -> None:
    disagree(make_client, app)
    page = make_client("selin").get("/facilitator/consensus").text
    assert "disagree by 2 points or more" in page
    item = page[page.index('id="c-odoo-INT-FIN-001"'):]
    item = item[:item.index("</article>")]
    assert "Customer accounts, invoices and balances from the accounting system" in item
    assert "Spread 4" in item and "2 scorers" in item
    assert "Logo connector shown live" in item and "only a CSV import" in item
    assert "Ayşe Demir" in item and "Mehmet Kaya" in item
    assert 'name="version" value="0"' in item
    assert 'id="c-odoo-INT-FIN-002"' not in page  # a spread of 1 is no disagreement
    filtered = make_client("selin").get("/facilitator/consensus?vendor=espocrm").text
    assert 'id="c-odoo-INT-FIN-001"' not in filtered
    assert "No disagreements of 2 points or more." in filtered


def test_consensus_score_needs_a_reason_and_is_audited(make_client, app) -> None:
    disagree(make_client, app)
    client = make_client("selin")
    form = {"vendor": "odoo", "target": "INT-FIN-001", "score": "3", "version": "0"}
    refused = client.post("/facilitator/consensus", data={**form, "reason": "  "})
    assert refused.status_code == 422
    assert "A consensus score needs a reason." in refused.text
    saved = client.post("/facilitator/consensus", data={**form, "reason": "partner connector"})
    assert saved.status_code == 302
    with db(app).read() as s:
        row = s.scalars(select(Consensus)).one()
        assert (row.score, row.reason, row.by, row.version) == (3.0, "partner connector",
                                                                 "selin", 1)
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "consensus")).one()
        assert entry.old_value is None
        assert entry.new_value == '{"reason": "partner connector", "score": 3.0, "version": 1}'
        assert entry.reason == "partner connector"
    page = client.get("/facilitator/consensus").text
    assert "Agreed: 3 (version 1)" in page
    assert 'name="version" value="1"' in page


def test_a_stale_consensus_edit_is_refused(make_client, app) -> None:
    disagree(make_client, app)
    first, second = make_client("selin"), make_client("selin")
    # Both load the page while there is no consensus yet (version 0).
    assert 'name="version" value="0"' in first.get("/facilitator/consensus").text
    assert 'name="version" value="0"' in second.get("/facilitator/consensus").text
    form = {"vendor": "odoo", "target": "INT-FIN-001", "version": "0"}
    assert first.post("/facilitator/consensus",
                      data={**form, "score": "3", "reason": "meeting"}).status_code == 302
    stale = second.post("/facilitator/consensus",
                        data={**form, "score": "4", "reason": "my view"})
    assert stale.status_code == 409
    assert ("Selin Aydın changed this consensus score to 3 in the meantime. Your change was "
            "not saved; review and save again.") in stale.text
    with db(app).read() as s:
        assert [(c.score, c.version) for c in s.scalars(select(Consensus))] == [(3.0, 1)]
    # Resubmitting on the current version is accepted; the old one again is refused.
    assert second.post("/facilitator/consensus", data={
        **form, "version": "1", "score": "4", "reason": "after review"}).status_code == 302
    assert second.post("/facilitator/consensus", data={
        **form, "version": "1", "score": "2", "reason": "late"}).status_code == 409
    with db(app).read() as s:
        assert [(c.score, c.version) for c in s.scalars(select(Consensus))] == [(4.0, 2)]


def test_a_refused_consensus_edit_comes_back_to_its_item(make_client, app) -> None:
    """The form's address carries the item's anchor, so the page shown after a refusal (a
    stale edit, a missing reason) opens at the item with its message, not at the top."""
    disagree(make_client, app)
    page = make_client("selin").get("/facilitator/consensus").text
    assert 'action="/facilitator/consensus#c-odoo-INT-FIN-001"' in page
    assert 'id="c-odoo-INT-FIN-001"' in page


def test_vendor_names_in_the_progress_table_keep_their_spelling(make_client) -> None:
    page = make_client("selin", lang="tr").get("/facilitator/").text
    assert '<th class="name">Odoo</th>' in page  # not capitalised by the table's style


def test_consensus_refuses_unknown_targets_and_scores(make_client, app) -> None:
    disagree(make_client, app)
    client = make_client("selin")
    base = {"vendor": "odoo", "target": "INT-FIN-001", "score": "3", "reason": "x",
            "version": "0"}
    assert client.post("/facilitator/consensus",
                       data={**base, "vendor": "nosuch"}).status_code == 400
    assert client.post("/facilitator/consensus",
                       data={**base, "target": "INT-XXX-001"}).status_code == 400
    assert client.post("/facilitator/consensus", data={**base, "version": "x"}).status_code \
        == 400
    bad = client.post("/facilitator/consensus", data={**base, "score": "9"})
    assert bad.status_code == 422 and "Choose a score from 0 to 5." in bad.text


def test_audit_log_keeps_every_change(make_client, app) -> None:
    ayse = make_client("ayse")
    ayse.save_score("odoo", "INT-FIN-001", 2)
    ayse.save_score("odoo", "INT-FIN-001", 4, "after the demo")
    page = make_client("selin").get("/facilitator/audit").text
    assert "2 entries." in page
    rows = page[page.index("<tbody>"):]
    newest, older = rows.split("</tr>")[:2]
    assert "Ayşe Demir" in newest and "INT-FIN-001" in newest
    assert "after the demo" in newest
    assert '<span class="k">score</span> 2</span>' in newest  # the old value
    assert '<span class="k">score</span> 4</span>' in newest
    assert '<span class="k">score</span> 2</span>' in older
    assert "Odoo" in newest


def test_exports_hold_every_score_and_read_back(make_client, app, web_project) -> None:
    disagree(make_client)
    ayse = make_client("ayse")
    ayse.save_score("odoo", "CUS-SFA-001", 4, "=HYPERLINK(\"http://x\")")
    ayse.post("/testdrive/odoo/SCN-DEALER/mark",
              data={"requirement": "CUS-SFA-001", "shown": "live"})
    reveal(app)
    client = make_client("selin")
    client.post("/facilitator/consensus", data={"vendor": "odoo", "target": "INT-FIN-001",
                                                "score": "3", "reason": "meeting",
                                                "version": "0"})
    exported = client.get("/export/scores.yaml")
    assert exported.headers["Content-Disposition"] == 'attachment; filename="scores.yaml"'
    data = yaml.safe_load(exported.text)
    file = ScoresFile.model_validate(data)
    assert len(file.scores) == 5 and len(file.demo) == 1 and len(file.consensus) == 1
    assert file.weights_fingerprint
    # The exported file is a valid scores.yaml of the project.
    (web_project / "scores.yaml").write_text(exported.text, encoding="utf-8")
    from crmselect.project import load_project

    assert len(load_project(web_project).scores.scores) == 5

    exported_csv = client.get("/export/scores.csv")
    assert exported_csv.headers["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(exported_csv.text.lstrip("\ufeff"))))
    assert rows[0] == ["kind", "evaluator", "vendor", "target", "score", "note", "at", "flags"]
    # the fingerprint's row, 5 scores, 1 test-drive mark, 1 consensus record
    assert rows[1] == ["weights_fingerprint", "", "", "", "", file.weights_fingerprint, "", ""]
    assert len(rows) == 1 + 1 + 5 + 1 + 1
    injected = next(r for r in rows if r[3] == "CUS-SFA-001")
    assert injected[5] == "'=HYPERLINK(\"http://x\")"
    assert ["demo", "ayse", "odoo", "SCN-DEALER/CUS-SFA-001", "", "live", "", ""] in rows


def _permits_card(page: str) -> str:
    start = page.index('id="permits"')
    return page[start:page.index("</section>", start)]


def test_the_permits_card_says_what_it_will_hold_before_it_holds_anything(
        make_client, app, web_project) -> None:
    """Before the reveal, with nobody's interest declared, the card was a heading alone."""
    path = web_project / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8")
                    + "evaluation: {conflict_of_interest: true}\n", encoding="utf-8")
    card = _permits_card(make_client("selin").get("/facilitator/").text)
    assert "No one has declared an interest in a vendor." in card
    assert "After the reveal, you can reopen one evaluator's scoring" in card
    card = _permits_card(make_client("selin", lang="tr").get("/facilitator/").text)
    assert "Kimse bir tedarikçiyle ilgili çıkar beyan etmedi." in card
    assert "Puanlar açıklandıktan sonra" in card
    reveal(app)
    card = _permits_card(make_client("selin").get("/facilitator/").text)
    assert "After the reveal" not in card and "Reopen scoring after the reveal" in card


def test_the_audit_log_names_the_command_line_and_the_file_import_in_the_readers_language(
        make_client, app) -> None:
    # an invitation printed by crmselect invite and a score pushed from scores.yaml showed
    # their actors' codes, "cli" and "import", in both languages
    from crmselect.evaluationdb import audit
    from crmselect.evaluationdb.accounts import create_invitation

    create_invitation(db(app), "ayse", days=1)
    with db(app).write() as s:
        audit.record(s, actor="import", action="score", evaluator="ayse", vendor="odoo",
                     target="INT-FIN-001", new={"score": 3})
    client = make_client("selin")
    rows = client.get("/facilitator/audit").text.split("<tbody>")[1]
    assert "Command line" in rows and "Scores file import" in rows
    assert ">cli<" not in rows and ">import<" not in rows
    turkish = make_client("selin", lang="tr").get("/facilitator/audit").text.split("<tbody>")[1]
    assert "Komut satırı" in turkish and "Puan dosyası aktarımı" in turkish
