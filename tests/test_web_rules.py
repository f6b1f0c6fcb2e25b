"""The evaluation rules the web form enforces on the server (issue 10, points 1–7 and 13–14):
scores freeze at the reveal, consensus after the reveal on scored items only, a facilitator
who scores is blind too, two envelopes, conflicts of interest, observers, ``scores pull``
carrying deletions, and the scoring page for long requirement lists."""

from __future__ import annotations

import html
import re
from pathlib import Path

import yaml
from sqlalchemy import select

from crmselect.evaluationdb import permits, scores, settings
from crmselect.evaluationdb.schema import AuditEntry


def db(app):
    return app.extensions["crmselect"].db


def reveal(app) -> None:
    with db(app).write() as s:
        settings.reveal(s, "selin")


def edit_project(project: Path, old: str, new: str) -> None:
    path = project / "project.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def add_evaluation(project: Path, text: str) -> None:
    path = project / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8") + f"evaluation: {text}\n", encoding="utf-8")


SELIN = ("  - {id: selin, name: Selin Aydın, email: selin@deniz.example, role: facilitator, "
         "language: tr}")


def facilitator_scores(project: Path, areas: str = "") -> None:
    """Make the facilitator a scorer: with areas (the default then) or by the option."""
    if areas:
        edit_project(project, SELIN, SELIN[:-1] + f", areas: [{areas}]}}")
    else:
        add_evaluation(project, "{facilitator_scores: true}")


def audit_actions(app) -> list[str]:
    with db(app).read() as s:
        return [e.action for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]


# --- 1. scores freeze at the reveal ----------------------------------------------------------


def test_scores_and_marks_are_read_only_after_the_reveal(make_client, app) -> None:
    ayse = make_client("ayse")
    assert ayse.save_score("odoo", "INT-FIN-002", 4).status_code == 200
    assert ayse.post("/testdrive/odoo/SCN-DEALER/mark", headers={"Accept": "application/json"},
                     data={"requirement": "CUS-SFA-001", "shown": "live"}).status_code == 200
    reveal(app)
    refused = ayse.save_score("odoo", "INT-FIN-002", 1, "a knock-out now")
    assert refused.status_code == 403
    assert "Scores are frozen since the reveal" in refused.get_json()["error"]
    cleared = ayse.save_score("odoo", "INT-FIN-002", "", action="clear")
    assert cleared.status_code == 403
    new = ayse.save_score("espocrm", "INT-FIN-002", 3)  # a new score is a change too
    assert new.status_code == 403
    mark = ayse.post("/testdrive/odoo/SCN-DEALER/mark", headers={"Accept": "application/json"},
                     data={"requirement": "CUS-SFA-001", "shown": "not_shown"})
    assert mark.status_code == 403
    # Without JavaScript: the page comes back with the reason, nothing saved.
    plain = ayse.save_score("odoo", "INT-FIN-002", 2, json=False)
    assert plain.status_code == 403 and "Scores are frozen since the reveal" in plain.text
    with db(app).read() as s:
        assert [(r.target, r.score) for r in scores.scores(s)] == [("INT-FIN-002", 4.0)]
        assert [m.shown for m in scores.demo_marks(s)] == ["live"]
    # The page shows the scores read-only: no autosave, the scale disabled, no save buttons.
    page = ayse.get("/vendors/odoo").text
    assert "data-autosave" not in page and 'class="scale" disabled' in page
    assert 'class="save"' not in page


def test_a_reopened_evaluator_and_vendor_change_is_marked_everywhere(make_client, app) -> None:
    ayse, mehmet, selin = make_client("ayse"), make_client("mehmet"), make_client("selin")
    ayse.save_score("odoo", "INT-FIN-001", 5, "shown live")
    mehmet.save_score("odoo", "INT-FIN-001", 4)
    reveal(app)
    # Reopening needs a reason and names one evaluator and one vendor.
    selin.post("/facilitator/permit", data={"kind": "reopen", "evaluator": "ayse",
                                            "vendor": "odoo", "reason": " "})
    assert ayse.save_score("odoo", "INT-FIN-001", 1, "knock-out").status_code == 403
    assert selin.post("/facilitator/permit", data={
        "kind": "reopen", "evaluator": "ayse", "vendor": "odoo",
        "reason": "Ayşe mistyped her score"}).status_code == 302
    assert ayse.save_score("odoo", "INT-FIN-001", 1, "the connector failed").status_code == 200
    assert ayse.save_score("espocrm", "INT-FIN-001", 3).status_code == 403  # other vendor
    assert mehmet.save_score("odoo", "INT-FIN-001", 3).status_code == 403  # other evaluator
    actions = audit_actions(app)
    assert actions[-2:] == ["permit_reopen", "score_after_reveal"]
    log = selin.get("/facilitator/audit").text
    assert "Score changed after reveal" in log and "Ayşe mistyped her score" in log
    consensus = selin.get("/facilitator/consensus").text
    item = consensus[consensus.index('id="c-odoo-INT-FIN-001"'):]
    item = item[:item.index("</article>")]
    ayse_row = item[item.index("Ayşe Demir"):item.index("</tr>", item.index("Ayşe Demir"))]
    assert "changed after reveal" in ayse_row
    mehmet_row = item[item.index("Mehmet Kaya"):item.index("</tr>", item.index("Mehmet Kaya"))]
    assert "changed after reveal" not in mehmet_row
    exported = yaml.safe_load(selin.get("/export/scores.yaml").text)
    flags = {(r["evaluator"], r["target"]): r.get("flags") for r in exported["scores"]}
    assert flags == {("ayse", "INT-FIN-001"): ["changed_after_reveal"],
                     ("mehmet", "INT-FIN-001"): None}
    results = selin.get("/results/").text
    marked = results[results.index('id="marked-scores"'):]
    assert "Ayşe Demir" in marked and "changed after reveal" in marked
    report = html.unescape(re.sub(r"<[^>]+>", "", selin.get("/results/report.html").text))
    assert "the connector failed [changed after reveal]" in report
    turkish = make_client("selin", lang="tr").get("/results/report.html").text
    assert "[açıklamadan sonra değişti]" in turkish
    import io
    import zipfile

    docx = selin.get("/results/report.docx")
    assert docx.status_code == 200
    body = zipfile.ZipFile(io.BytesIO(docx.data)).read("word/document.xml").decode("utf-8")
    text = re.sub(r"<[^>]+>", "", body)
    # Selin now reads in Turkish (the language is the account's).
    assert "the connector failed [açıklamadan sonra değişti]" in text
    # Closing it again freezes the scores again.
    selin.post("/facilitator/permit", data={"kind": "reopen", "evaluator": "ayse",
                                            "vendor": "odoo", "action": "withdraw"})
    assert ayse.save_score("odoo", "INT-FIN-001", 2).status_code == 403


def test_reopening_is_only_after_the_reveal(make_client, app) -> None:
    selin = make_client("selin")
    selin.post("/facilitator/permit", data={"kind": "reopen", "evaluator": "ayse",
                                            "vendor": "odoo", "reason": "early"})
    with db(app).read() as s:
        assert permits.permits(s) == []


# --- 2. consensus only after the reveal, only on scored items --------------------------------


def test_consensus_waits_for_the_reveal_and_needs_a_scored_item(make_client, app) -> None:
    ayse, mehmet, selin = make_client("ayse"), make_client("mehmet"), make_client("selin")
    ayse.save_score("odoo", "INT-FIN-001", 5, "shown live")
    mehmet.save_score("odoo", "INT-FIN-001", 1, "CSV only")
    form = {"vendor": "odoo", "target": "INT-FIN-001", "score": "3", "reason": "meeting",
            "version": "0"}
    page = selin.get("/facilitator/consensus").text
    assert "shown live" not in page and "CSV only" not in page
    early = selin.post("/facilitator/consensus", data=form)
    assert early.status_code == 409 and "Consensus starts after the reveal" in early.text
    reveal(app)
    unscored = selin.post("/facilitator/consensus", data={**form, "target": "INT-FIN-003"})
    assert unscored.status_code == 409 and "Nobody scored this item" in unscored.text
    other_vendor = selin.post("/facilitator/consensus", data={**form, "vendor": "espocrm"})
    assert other_vendor.status_code == 409
    assert selin.post("/facilitator/consensus", data=form).status_code == 302
    assert audit_actions(app).count("consensus") == 1


# --- 3. the facilitator is blind too when they score -----------------------------------------


def test_a_facilitator_who_does_not_score_is_not_listed_as_a_scorer(make_client, app) -> None:
    selin = make_client("selin")  # the test project's facilitator names no areas
    assert selin.get("/vendors").status_code == 403
    assert selin.save_score("odoo", "INT-FIN-001", 3).status_code == 403
    page = selin.get("/facilitator/").text
    table = page[page.index("<tbody>"):page.index("</tbody>")]
    assert "Ayşe Demir" in table and "Selin Aydın" not in table
    assert "Facilitators who do not score" in page
    assert 'href="/vendors"' not in page  # no "Scoring" in the menu


def test_a_facilitator_who_scores_sees_counts_not_scores_before_the_reveal(
        make_client, app, web_project) -> None:
    facilitator_scores(web_project, areas="integration")  # areas: scores by default
    ayse, selin = make_client("ayse"), make_client("selin")
    ayse.save_score("odoo", "INT-FIN-001", 5, "a secret note of Ayşe")
    assert selin.save_score("odoo", "INT-FIN-001", 2).status_code == 200
    progress = selin.get("/facilitator/").text
    assert "1/9 req." in progress  # Ayşe's count
    table = progress[progress.index("<tbody>"):progress.index("</tbody>")]
    assert "Selin Aydın" in table  # listed as a scorer
    assert selin.get("/results/").status_code == 403
    assert selin.get("/results/report.html").status_code == 403
    assert selin.get("/export/scores.yaml").status_code == 403
    assert selin.get("/export/scores.csv").status_code == 403
    consensus = selin.get("/facilitator/consensus").text
    assert "a secret note of Ayşe" not in consensus
    log = selin.get("/facilitator/audit").text
    assert "a secret note of Ayşe" not in log and "hidden until the reveal" in log
    assert '<span class="k">score</span> 2</span>' in log  # her own score
    reveal(app)
    assert selin.get("/results/").status_code == 200
    assert "a secret note of Ayşe" in selin.get("/facilitator/consensus").text
    assert "a secret note of Ayşe" in selin.get("/facilitator/audit").text


def test_facilitator_scores_option_overrides_the_default(make_client, web_project) -> None:
    facilitator_scores(web_project)  # no areas, but the option says so
    selin = make_client("selin")
    assert selin.get("/vendors").status_code == 200
    assert selin.get("/results/").status_code == 403  # blind until the reveal
    edit_project(web_project, "evaluation: {facilitator_scores: true}",
                 "evaluation: {facilitator_scores: false}")
    facilitator_scores(web_project, areas="operational")  # areas, but the option says no
    assert make_client("selin").get("/vendors").status_code == 403


# --- 4. two envelopes ------------------------------------------------------------------------


def test_two_envelopes_hide_every_price_from_a_functional_scorer(make_client, app,
                                                                 web_project) -> None:
    add_evaluation(web_project, "{two_envelopes: true}")
    facilitator_scores(web_project, areas="operational")
    selin = make_client("selin")  # a facilitator who scores functional criteria
    page = selin.get("/vendors/odoo").text
    assert "Price summary" not in page and "EUR" not in page
    assert selin.get("/results/").status_code == 403
    reveal(app)
    results = selin.get("/results/").text
    assert "TCO (5 years)" in results


def test_without_prices_the_results_show_no_cost_score(app, web_project) -> None:
    """The results' context for a reader without prices has no cost column nor chart."""
    from crmselect.webapp import results

    with app.test_request_context("/results/"):
        view = app.extensions["crmselect"].source.get()
        result = results.evaluation(view)
        hidden = results.results_context(view, result, sees_prices=False)
        shown = results.results_context(view, result, sees_prices=True)
    assert "cost" not in hidden["criteria"] and "cost" in shown["criteria"]
    assert hidden["tco_chart"] is None
    assert "cost" not in str(hidden["totals_chart"])


# --- 5. conflicts of interest ----------------------------------------------------------------


def declare(client, *vendors: str):
    return client.post("/declaration", data={
        "choice": "declared", "confirm": "yes", "interests": "My cousin sells it",
        "vendor": list(vendors)})


def test_a_declared_interest_blocks_scoring_that_vendor(make_client, app, web_project) -> None:
    add_evaluation(web_project, "{conflict_of_interest: true}")
    ayse, mehmet, selin = make_client("ayse"), make_client("mehmet"), make_client("selin")
    refused = ayse.post("/declaration", data={"choice": "declared", "confirm": "yes",
                                              "interests": "My cousin sells it"})
    assert refused.status_code == 422 and "Tick the vendors" in refused.text
    assert declare(ayse, "odoo").status_code == 302
    blocked = ayse.save_score("odoo", "INT-FIN-001", 5, "great")
    assert blocked.status_code == 403 and "conflict of interest" in blocked.get_json()["error"]
    assert "you cannot score it" in ayse.get("/vendors/odoo").text
    assert "you cannot score it" in ayse.get("/vendors").text
    assert ayse.save_score("espocrm", "INT-FIN-001", 3).status_code == 200
    # The facilitator allows it, with a reason.
    progress = selin.get("/facilitator/").text
    assert "blocked" in progress and "My cousin sells it" in progress
    assert selin.post("/facilitator/permit", data={
        "kind": "interest", "evaluator": "ayse", "vendor": "odoo",
        "reason": "the cousin left the partner"}).status_code == 302
    assert ayse.save_score("odoo", "INT-FIN-001", 5, "great").status_code == 200
    declare(mehmet, "espocrm")
    assert mehmet.save_score("odoo", "INT-FIN-001", 1, "CSV only").status_code == 200
    reveal(app)
    flag = "despite a declared interest (allowed)"
    consensus = selin.get("/facilitator/consensus").text
    item = consensus[consensus.index('id="c-odoo-INT-FIN-001"'):]
    ayse_row = item[item.index("Ayşe Demir"):item.index("</tr>", item.index("Ayşe Demir"))]
    assert flag in ayse_row
    results = selin.get("/results/").text
    assert flag in results[results.index('id="marked-scores"'):]
    drill = results[results.index('id="drill-down"'):]
    assert flag in drill
    assert f"[{flag}]" in selin.get("/results/report.html").text
    exported = yaml.safe_load(selin.get("/export/scores.yaml").text)
    flags = {(r["evaluator"], r["vendor"]): r.get("flags") for r in exported["scores"]}
    assert flags[("ayse", "odoo")] == ["interest_allowed"]
    assert flags[("ayse", "espocrm")] is None and flags[("mehmet", "odoo")] is None


# --- 6. observers ----------------------------------------------------------------------------


def test_observers_see_progress_counts_and_after_the_reveal_the_results(make_client,
                                                                        app) -> None:
    make_client("ayse").save_score("odoo", "INT-FIN-001", 5, "a note only scorers see")
    omer = make_client("omer")
    page = omer.get("/facilitator/")
    assert page.status_code == 200 and "1/9 req." in page.text
    assert "a note only scorers see" not in page.text
    assert "Reveal scores" not in page.text and "scores.yaml" not in page.text
    assert 'href="/facilitator/"' in omer.get("/").text  # linked from the waiting page
    assert omer.post("/facilitator/reveal", data={"confirm": "yes"}).status_code == 403
    assert omer.get("/results/").status_code == 403
    assert omer.get("/facilitator/consensus").status_code == 403
    assert omer.get("/vendors").status_code == 403
    reveal(app)
    assert omer.get("/results/").status_code == 200
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert "Observers follow the progress (counts, not scores)" in readme


# --- 13. a scoring page for 100+ requirements ------------------------------------------------


def test_the_scoring_page_counts_per_group_and_filters_unscored(make_client) -> None:
    ayse = make_client("ayse")
    ayse.save_score("odoo", "INT-FIN-001", 3)
    ayse.save_score("odoo", "CUS-SFA-001", 3)
    page = ayse.get("/vendors/odoo").text
    counts = dict(re.findall(r'data-group-count="([a-z_]+)">(\d+/\d+)<', page))
    assert counts == {"sales_automation": "1/2", "service_automation": "0/1",
                      "commerce_integrations": "0/3", "finance_integrations": "1/3"}
    # "Next unscored" points at the first requirement not scored yet (a link without JS).
    assert 'href="#t-CUS-SFA-002" data-next-unscored' in page
    assert page.count('class="req is-scored"') == 2
    unscored = ayse.get("/vendors/odoo?unscored=1").text
    assert 'id="t-INT-FIN-001"' not in unscored and 'id="t-CUS-SFA-001"' not in unscored
    assert 'id="t-CUS-SFA-002"' in unscored and 'id="t-INT-FIN-002"' in unscored
    assert 'name="unscored" value="1" checked' in unscored
    # The counts stay those of the whole group.
    assert 'data-group-count="finance_integrations">1/3<' in unscored


def test_long_criteria_and_comments_are_folded_without_javascript(make_client,
                                                                  web_project) -> None:
    long_comment = "Our connector " + "syncs every order and invoice " * 10 + "END-OF-COMMENT"
    path = web_project / "responses" / "odoo.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    responses = data["responses"]
    key = "INT-ECM-001"
    if isinstance(responses, dict):
        responses[key]["comment"] = long_comment
    else:
        next(r for r in responses if r["id"] == key)["comment"] = long_comment
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    criterion = ("      - en: A dealer user creates an opportunity that the regional manager "
                 "sees at once.\n        tr: Bir bayi kullanıcısının açtığı fırsatı bölge "
                 "yöneticisi hemen görür.")
    edit_project(web_project, criterion, criterion + "\n      - en: The dealer is named on the "
                 "opportunity.\n        tr: Fırsatta bayinin adı görünür.")
    page = make_client("ayse").get("/vendors/odoo").text
    item = page[page.index('id="t-CUS-SFA-001"'):]
    item = item[:item.index("</article>")]
    first, rest = item.split('<details class="fold">', 1)
    assert "regional manager sees at once" in first
    assert "The dealer is named on the opportunity." in rest
    assert "Show all criteria (2)" in rest
    ecm = page[page.index('id="t-INT-ECM-001"'):]
    ecm = ecm[:ecm.index("</article>")]
    assert '<details class="fold fold-comment">' in ecm
    summary = ecm[ecm.index("<summary>"):ecm.index("</summary>")]
    assert "END-OF-COMMENT" not in summary
    assert "END-OF-COMMENT" in ecm


def test_a_missing_score_is_not_blamed_on_the_note(make_client) -> None:
    """Issue 17 point 9: the error marks the part that is wrong."""
    ayse = make_client("ayse")
    no_score = ayse.post("/vendors/odoo/score", data={"target": "INT-FIN-001", "note": "x"})
    assert no_score.status_code == 422
    form = no_score.text[no_score.text.index('id="t-INT-FIN-001"'):]
    assert "error-score" in form[:form.index("</form>")]
    assert "error-note" not in form[:form.index("</form>")]
    no_note = ayse.save_score("odoo", "INT-FIN-001", 5, "", json=False)
    form = no_note.text[no_note.text.index('id="t-INT-FIN-001"'):]
    assert "error-note" in form[:form.index("</form>")]
    assert ayse.post("/vendors/odoo/score", headers={"Accept": "application/json"},
                     data={"target": "INT-FIN-001"}).get_json()["field"] == "score"


# --- 14. results with drill-down -------------------------------------------------------------


def test_results_drill_down_from_criterion_to_each_evaluators_score(make_client,
                                                                     app) -> None:
    make_client("ayse").save_score("odoo", "INT-FIN-001", 4)
    make_client("mehmet").save_score("odoo", "INT-FIN-001", 2)
    selin = make_client("selin")
    before = selin.get("/results/").text
    drill = before[before.index('id="drill-down"'):]
    assert "Integration fit" in drill and "Accounting, ERP and payment integrations" in drill
    assert "INT-FIN-001" in drill
    assert "Ayşe Demir" not in drill  # each evaluator's score only after the reveal
    reveal(app)
    after = selin.get("/results/").text
    drill = after[after.index('id="drill-down"'):]
    row = drill[drill.index("INT-FIN-001"):]
    row = row[:row.index("</tr>")]
    assert re.search(r"Ayşe Demir: <span class=\"score-chip s4\">4</span>", row)
    assert re.search(r"Mehmet Kaya: <span class=\"score-chip s2\">2</span>", row)
    assert "<strong>3.0</strong>" in row  # the mean, as the engine computed it
    # Nested: criterion → area → group → requirements.
    assert drill.index("drill-criterion") < drill.index("drill-area") < \
        drill.index("drill-group") < drill.index("INT-FIN-001")


# --- 7. scores pull carries deletions --------------------------------------------------------


def run_cli(*args: object) -> tuple[int, str, str]:
    from click.testing import CliRunner

    from crmselect.cli import main

    result = CliRunner().invoke(main, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_pull_removes_a_score_cleared_in_the_browser_with_force(make_client, app,
                                                                web_project) -> None:
    url = db(app).url  # SQLite in the project, or the PostgreSQL schema of the test
    ayse = make_client("ayse")
    ayse.save_score("odoo", "INT-FIN-001", 3, "fine")
    ayse.save_score("odoo", "INT-FIN-002", 4)
    ayse.post("/testdrive/odoo/SCN-DEALER/mark", headers={"Accept": "application/json"},
              data={"requirement": "CUS-SFA-001", "shown": "live"})
    assert run_cli("scores", "pull", web_project, "--db", url)[0] == 0
    path = web_project / "scores.yaml"
    # A score given offline, never pushed, is not a deletion.
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["scores"].append({"evaluator": "mehmet", "vendor": "espocrm", "target": "INT-FIN-003",
                           "score": 2.0})
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert ayse.save_score("odoo", "INT-FIN-001", "", action="clear").status_code == 200
    ayse.post("/testdrive/odoo/SCN-DEALER/mark", headers={"Accept": "application/json"},
              data={"requirement": "CUS-SFA-001", "action": "clear"})
    before = path.read_text(encoding="utf-8")
    code, _, err = run_cli("scores", "pull", web_project, "--db", url)
    assert code == 1
    assert "ayse › odoo › INT-FIN-001: scores.yaml has 3 (fine), which was cleared in the web " \
        "form" in err
    assert "ayse › odoo › SCN-DEALER › CUS-SFA-001" in err and "use --force" in err
    assert path.read_text(encoding="utf-8") == before  # nothing written
    code, out, err = run_cli("scores", "pull", web_project, "--db", url, "--force")
    assert code == 0, err
    assert "2 removed (cleared in the web form)" in out
    after = yaml.safe_load(path.read_text(encoding="utf-8"))
    kept = {(r["evaluator"], r["target"]) for r in after["scores"]}
    assert kept == {("ayse", "INT-FIN-002"), ("mehmet", "INT-FIN-003")}
    assert not after.get("demo")
    # The CLI and the web agree again: another pull changes nothing.
    code, out, _ = run_cli("scores", "pull", web_project, "--db", url)
    assert code == 0 and "is up to date" in out


# --- issue 17 point 9: chart labels are not clipped ------------------------------------------


def test_chart_labels_and_values_fit_inside_the_drawing() -> None:
    from crmselect.webapp import charts

    bars = [charts.Bar("Şirketler Grubu Müşteri Yönetimi", [("p", 1.0)], flag="knock-out"),
            charts.Bar("Odoo", [("p", 0.4)])]
    svg = str(charts.horizontal_bars(bars, maximum=1, colours={}, title="t",
                                     value_text=lambda v: f"%{v * 100:.1f}",
                                     width=480, label_width=120))
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))
    for x, anchor, text in re.findall(
            r'<text (?:class="[^"]*" )?x="([\d.]+)" y="[\d.]+"(?: text-anchor="(\w+)")?>([^<]*)<',
            svg):
        extent = charts.text_width(text, bold=anchor != "end")
        if anchor == "end":
            assert float(x) - extent >= 0, text
        else:
            assert float(x) + extent <= width, text


# --- 13. progressive enhancement under the strict CSP ----------------------------------------


def test_new_pages_have_no_inline_script_or_style(make_client, app, web_project) -> None:
    add_evaluation(web_project, "{conflict_of_interest: true}")
    ayse, selin = make_client("ayse"), make_client("selin")
    declare(ayse, "espocrm")
    ayse.save_score("odoo", "INT-FIN-001", 3)
    reveal(app)
    pages = [ayse.get("/vendors/odoo"), ayse.get("/vendors/odoo?unscored=1"),
             ayse.get("/vendors"), ayse.get("/declaration"), ayse.get("/results/"),
             selin.get("/facilitator/"), selin.get("/results/")]
    for page in pages:
        assert page.status_code == 200
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page.text)
        assert not re.search(r"\s(style|on[a-z]+)\s*=", page.text)
