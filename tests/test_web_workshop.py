"""The needs workshop (issue 14, point 7): stakeholders propose priorities with a reason, the
facilitator sees the disagreements and decides; every change is in the audit log."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest_web import WebClient
from sqlalchemy import select

from crmselect.evaluationdb import workshop
from crmselect.evaluationdb.schema import AuditEntry

STAKEHOLDERS = """\
  - {id: sevgi, name: Sevgi Ak, role: stakeholder, department: sales, areas: [operational]}
  - {id: kerem, name: Kerem Ulu, role: stakeholder, department: it}
"""


@pytest.fixture
def wapp(web_project: Path, app_factory):
    path = web_project / "project.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = "  - {id: omer, name: Ömer Şahin, role: observer, language: en}\n"
    assert anchor in text
    path.write_text(text.replace(anchor, anchor + STAKEHOLDERS), encoding="utf-8")
    return app_factory(web_project)


def client(app, person: str | None, lang: str = "en") -> WebClient:
    c: WebClient = app.test_client()  # type: ignore[assignment]
    if person:
        c.as_user(person)
    assert c.post("/language", data={"lang": lang}).status_code == 302
    return c


def propose(c: WebClient, rid: str, priority: str, reason: str):
    return c.post("/workshop/", data={"requirement": rid, "priority": priority,
                                      "reason": reason})


def test_a_stakeholder_proposes_for_the_requirements_of_their_areas(wapp) -> None:
    sevgi = client(wapp, "sevgi")
    assert sevgi.get("/").headers["Location"].endswith("/workshop/")
    page = sevgi.get("/workshop/").text
    assert 'id="r-CUS-SFA-001"' in page  # operational
    assert 'id="r-INT-ECM-001"' not in page  # integration: not her area
    response = propose(sevgi, "CUS-SFA-001", "must", "Dealers lose deals without it")
    assert response.status_code == 302 and response.headers["Location"].endswith(
        "/workshop/#r-CUS-SFA-001")
    assert "Dealers lose deals without it" in sevgi.get("/workshop/").text
    assert propose(sevgi, "INT-ECM-001", "must", "not mine").status_code == 403
    assert propose(sevgi, "OPS-XXX-999", "must", "no such").status_code == 400


#: A refused proposal or decision: what was sent → what the person is told, EN and TR.
REFUSALS = [
    ("urgent", "why not", "Choose a priority.", "Bir öncelik seçin."),
    ("", "why not", "Choose a priority.", "Bir öncelik seçin."),
    ("must", "   ", "Say why: a {what} needs a reason.", "Nedenini yazın: gerekçesiz bir {what}"),
    ("must", "x" * 2001, "The reason is too long: 2,001 characters, at most 2,000.",
     "Gerekçe çok uzun: 2.001 karakter; en fazla 2.000 karakter olabilir."),
]


def _refused_card(page: str, rid: str) -> str:
    card = page[page.index(f'id="r-{rid}"'):]
    return card[:card.index("</article>")]


@pytest.mark.parametrize("lang", ["en", "tr"])
@pytest.mark.parametrize("priority, reason, en, tr", REFUSALS)
def test_a_refused_proposal_says_why_and_keeps_what_was_typed(wapp, lang, priority, reason,
                                                              en, tr) -> None:
    sevgi = client(wapp, "sevgi", lang)
    response = propose(sevgi, "CUS-SFA-001", priority, reason)
    assert response.status_code == 422
    card = _refused_card(response.text, "CUS-SFA-001")
    said = (en if lang == "en" else tr).format(what="proposal" if lang == "en" else "öneri")
    assert said in card, card
    assert 'role="alert"' in card and 'id="error-CUS-SFA-001" role="alert"' in card
    assert 'aria-invalid="true" aria-describedby="error-CUS-SFA-001" autofocus' in card
    # What was typed is in the form again: the reason, and the priority when it was one.
    assert f">{reason}</textarea>" in card
    if priority == "must":
        assert 'value="must" checked' in card
    assert "A proposal needs a priority and a reason." not in response.text
    with wapp.extensions["crmselect"].db.read() as s:
        assert workshop.proposals(s) == {}


@pytest.mark.parametrize("lang", ["en", "tr"])
@pytest.mark.parametrize("priority, reason, en, tr", REFUSALS)
def test_a_refused_decision_says_why_and_keeps_what_was_typed(commented, lang, priority,
                                                              reason, en, tr) -> None:
    app, path = commented
    before = path.read_text(encoding="utf-8")
    selin = client(app, "selin", lang)
    digest = _digest(selin.get("/workshop/decisions").text)
    response = decide(selin, "INT-ECM-001", priority, reason, digest)
    assert response.status_code == 422
    card = _refused_card(response.text, "INT-ECM-001")
    said = (en if lang == "en" else tr).format(what="decision" if lang == "en" else "karar")
    assert said in card, card
    assert f">{reason}</textarea>" in card
    assert 'aria-invalid="true" aria-describedby="error-INT-ECM-001" autofocus' in card
    assert 'id="error-INT-ECM-001" role="alert"' in card
    # The form keeps the fingerprint of the file as it was when the page was opened.
    assert f'name="digest" value="{digest}"' in response.text
    assert path.read_text(encoding="utf-8") == before
    with app.extensions["crmselect"].db.read() as s:
        assert workshop.decisions(s) == {}


def test_a_reason_is_counted_as_the_browser_counts_it(wapp) -> None:
    """A browser sends each line break as CR LF but counts it as one character against the
    textarea's maxlength: a reason the form took (2000 characters) is saved, with LF."""
    reason = "\r\n".join(["x" * 399] * 5) + "x"  # 2000 as the browser counts, 2004 sent
    assert len(reason.replace("\r\n", "\n")) == workshop.MAX_REASON
    sevgi = client(wapp, "sevgi")
    assert 'maxlength="2000"' in sevgi.get("/workshop/").text
    assert propose(sevgi, "CUS-SFA-001", "must", reason).status_code == 302
    with wapp.extensions["crmselect"].db.read() as s:
        saved = workshop.proposals(s)["CUS-SFA-001"]["sevgi"].reason
    assert saved == reason.replace("\r\n", "\n")


@pytest.mark.parametrize("lang, said", [
    ("en", "Reason is too long (at most 2000 characters)."),
    ("tr", "Gerekçe çok uzun (en fazla 2000 karakter).")])
def test_a_reason_beyond_every_limit_is_told_the_workshops_limit(wapp, lang, said) -> None:
    """Over 10,000 characters a field is refused before any view runs (400); the message names
    the workshop's own limit, not that one."""
    response = propose(client(wapp, "sevgi", lang), "CUS-SFA-001", "must", "x" * 10_001)
    assert response.status_code == 400
    assert said in response.text
    with wapp.extensions["crmselect"].db.read() as s:
        assert workshop.proposals(s) == {}


@pytest.mark.parametrize("lang, said", [
    ("en", "OPS-XXX-999 is not among this project's requirements (any more): project.yaml may "
           "have changed since you opened the page. Nothing was saved; reload the page."),
    ("tr", "OPS-XXX-999 bu projenin gereksinimleri arasında (artık) yok: siz sayfayı açtıktan "
           "sonra project.yaml değişmiş olabilir.")])
def test_a_proposal_for_a_requirement_no_longer_in_the_project(wapp, lang, said) -> None:
    """project.yaml dropped the requirement while the page was open: the refusal says so and
    shows what was typed, instead of a bare "bad request"."""
    from markupsafe import escape

    response = propose(client(wapp, "sevgi", lang), "OPS-XXX-999", "must", "Dealers need it")
    assert response.status_code == 400
    assert str(escape(said)) in response.text
    assert "Dealers need it" in response.text
    with wapp.extensions["crmselect"].db.read() as s:
        assert workshop.proposals(s) == {}


def test_the_facilitator_sees_disagreements_first_and_decides(wapp) -> None:
    propose(client(wapp, "sevgi"), "CUS-SFA-001", "must", "Dealers lose deals without it")
    propose(client(wapp, "kerem"), "CUS-SFA-001", "could", "A spreadsheet does it today")
    propose(client(wapp, "kerem"), "INT-ECM-001", "should", "The shop needs it")
    selin = client(wapp, "selin")
    page = selin.get("/workshop/decisions").text
    first = page.index('id="r-')
    assert page[first:first + 20].startswith('id="r-CUS-SFA-001"')
    assert "Departments disagree" in page
    assert "Dealers lose deals without it" in page and "A spreadsheet does it today" in page
    response = selin.post("/workshop/decisions", data={
        "requirement": "CUS-SFA-001", "priority": "should",
        "reason": "Needed, but the dealer portal comes first"})
    assert response.status_code == 302
    page = selin.get("/workshop/decisions").text
    assert "Decided by Selin Aydın" in page
    assert "Sevgi Ak (Sales): Dealers lose deals without it" in page
    with wapp.extensions["crmselect"].db.read() as s:
        decided = workshop.decisions(s)["CUS-SFA-001"]
        assert (decided.priority, decided.by) == ("should", "selin")
        actions = [e.action for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions.count("proposal") == 3 and actions.count("needs_decision") == 1


def test_the_workshop_in_turkish(wapp) -> None:
    page = client(wapp, "sevgi", "tr").get("/workshop/").text
    assert "İhtiyaç çalıştayı" in page and "Öneriyi kaydet" in page and "Neden" in page
    page = client(wapp, "selin", "tr").get("/workshop/decisions").text
    assert "İhtiyaç çalıştayı: kararlar" in page and "Kararı kaydet" in page


@pytest.mark.parametrize("person, proposals, decisions", [
    (None, 302, 302), ("selin", 403, 200), ("ayse", 403, 403), ("omer", 403, 403),
    ("sevgi", 200, 403)])
def test_who_reaches_the_workshop(wapp, person, proposals, decisions) -> None:
    c = client(wapp, person)
    assert c.get("/workshop/").status_code == proposals
    assert c.get("/workshop/decisions").status_code == decisions


def test_stakeholders_reach_nothing_of_the_evaluation(wapp) -> None:
    sevgi = client(wapp, "sevgi")
    for path in ("/vendors", "/vendors/odoo", "/facilitator/", "/status", "/results/",
                 "/export/scores.yaml", "/testdrive/odoo"):
        assert sevgi.get(path).status_code == 403, path
    assert sevgi.save_score("odoo", "INT-ECM-001", 3).status_code == 403


def test_a_project_with_stakeholders_builds_its_plans(basic: Path) -> None:
    """Stakeholders are invited like evaluators but never score: the validate summary does not
    count them, the test-drive and migration plans name them without failing."""
    from crmselect.project import load_project
    from crmselect.reporting.migration_context import build_migration_context
    from crmselect.reporting.testdrive_context import build_testdrive_context
    from crmselect.summary import project_summary

    path = basic / "project.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("vendors: [alpha, beta, gamma]",
                                 STAKEHOLDERS + "vendors: [alpha, beta, gamma]"),
                    encoding="utf-8")
    (basic / "scores.yaml").unlink()  # before anybody scored, the summary counts who scores
    loaded = load_project(basic)
    assert [e.role for e in loaded.project.evaluators][-2:] == ["stakeholder", "stakeholder"]
    assert project_summary(loaded, "en")["counts"]["evaluators"] == 3  # not the facilitator
    for lang in ("en", "tr"):
        people = [p for g in build_testdrive_context(loaded, lang)["participants"]
                  for p in g["people"]]
        assert {p["id"]: p["scenarios"] for p in people}["sevgi"] == []
        build_migration_context(loaded, lang)


def test_the_status_page_follows_the_workshop(wapp) -> None:
    import datetime as dt

    wapp.config["STATUS_TODAY"] = dt.date(2027, 2, 10)
    selin = client(wapp, "selin")
    page = selin.get("/status").text
    assert "workshop: 0 of 2 stakeholders proposed, open disagreements: 0" in page
    assert "Waiting for the proposals of: sevgi, kerem" in page
    propose(client(wapp, "sevgi"), "CUS-SFA-001", "must", "Dealers lose deals without it")
    propose(client(wapp, "kerem"), "CUS-SFA-001", "could", "A spreadsheet does it today")
    page = selin.get("/status").text
    assert "2 of 2 stakeholders proposed, open disagreements: 1" in page
    assert "Decide the disagreements of the needs workshop: CUS-SFA-001" in page
    assert 'href="/workshop/decisions"' in page
    selin.post("/workshop/decisions", data={"requirement": "CUS-SFA-001", "priority": "should",
                                            "reason": "agreed"})
    page = selin.get("/status").text
    assert "Decide the disagreements" not in page
    # decided "should", project.yaml says "must" (the custom requirement's own priority)
    assert ("Write the decided priorities into project.yaml (requirements:): "
            "CUS-SFA-001: should") in page
    assert "project.yaml still says Must: write - {id: CUS-SFA-001, priority: should}" in \
        selin.get("/workshop/decisions").text
    selin.post("/workshop/decisions", data={"requirement": "CUS-SFA-001", "priority": "must",
                                            "reason": "agreed after all"})
    page = selin.get("/status").text
    assert '<li class="card status-step state-done" id="step-needs">' in page


def test_the_rfp_traces_problems_to_requirements_and_who_asked(basic: Path) -> None:
    """The RFP's traceability table: the departments whose stakeholder proposed a requirement
    as must or should, from the project's evaluation database; none without a workshop."""
    from docx import Document as Docx

    from crmselect.documents.rfp import render_rfp
    from crmselect.evaluationdb import Database

    path = basic / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "vendors: [alpha, beta, gamma]", STAKEHOLDERS + "vendors: [alpha, beta, gamma]"),
        encoding="utf-8")
    files = render_rfp(basic, lang="en")
    assert "Who asked for what" not in files.markdown.read_text(encoding="utf-8")
    db = Database(f"sqlite:///{basic / 'evaluation.db'}")
    db.migrate()
    with db.write() as s:
        workshop.save_proposal(s, stakeholder="sevgi", requirement="OPS-SFA-001",
                               priority="must", reason="pipeline")
        workshop.save_proposal(s, stakeholder="kerem", requirement="OPS-SFA-001",
                               priority="should", reason="reports")
        workshop.save_proposal(s, stakeholder="kerem", requirement="INT-API-001",
                               priority="could", reason="later")  # could: not asking
    db.dispose()
    for lang, heading, departments in (("en", "Who asked for what", "IT, Sales"),
                                       ("tr", "Hangi gereksinimi kim istedi",
                                        "Bilgi teknolojileri (BT), Satış")):
        files = render_rfp(basic, lang=lang)
        md = files.markdown.read_text(encoding="utf-8")
        assert f"### {heading}" in md
        rows = [line for line in md.splitlines() if "<br>OPS-SFA-001 |" in line]
        assert len(rows) == 1 and departments in rows[0]
        assert "INT-API-001 |" not in md.split(f"### {heading}")[1].split("##")[0]
        text = "\n".join(c.text for t in Docx(str(files.docx)).tables for row in t.rows
                         for c in row.cells)
        assert departments in text


def test_the_menu_shows_the_workshop_with_stakeholders(wapp) -> None:
    assert 'href="/workshop/decisions"' in client(wapp, "selin").get("/status").text


def test_no_workshop_in_the_menu_without_stakeholders(make_client) -> None:
    """The web test project names no stakeholder (a phone's menu has no room to spare)."""
    page = make_client("selin").get("/status").text
    assert 'href="/workshop/decisions"' not in page and 'href="/status"' in page


# --- A decision is written into project.yaml (issue 14, point 7) --------------------------

def _digest(page: str) -> str:
    import re

    match = re.search(r'name="digest" value="([0-9a-f]{64})"', page)
    assert match, "the decisions form carries the file's fingerprint"
    return match.group(1)


def decide(c: WebClient, rid: str, priority: str, reason: str, digest: str | None = None):
    if digest is None:
        digest = _digest(c.get("/workshop/decisions").text)
    return c.post("/workshop/decisions", data={"requirement": rid, "priority": priority,
                                               "reason": reason, "digest": digest})


def _commented(project: Path) -> Path:
    path = project / "project.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - INT-ECM-001\n",
                                 "  # the web shop goes live in spring\n  - INT-ECM-001\n"),
                    encoding="utf-8")
    return path


def _agreeing_proposals(app) -> None:
    """Both stakeholders proposed, and agree: the needs step waits only for project.yaml."""
    propose(client(app, "sevgi"), "CUS-SFA-001", "must", "Dealers lose deals without it")
    propose(client(app, "kerem"), "CUS-SFA-001", "must", "The dealers ask for it")


@pytest.fixture
def commented(web_project: Path, db_url: str, app_factory):
    """The web project with stakeholders and a comment, on each database backend."""
    path = web_project / "project.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = "  - {id: omer, name: Ömer Şahin, role: observer, language: en}\n"
    path.write_text(text.replace(anchor, anchor + STAKEHOLDERS), encoding="utf-8")
    _commented(web_project)
    return app_factory(web_project, db_url), path


def test_a_decision_is_written_to_project_yaml_keeping_comments(commented) -> None:
    import datetime as dt

    app, path = commented
    app.config["STATUS_TODAY"] = dt.date(2027, 2, 10)
    _agreeing_proposals(app)
    before = path.read_text(encoding="utf-8")
    selin = client(app, "selin")
    response = decide(selin, "INT-ECM-001", "could", "The shop is small for now")
    assert response.status_code == 302
    text = path.read_text(encoding="utf-8")
    assert "  # the web shop goes live in spring\n  - {id: INT-ECM-001, priority: could}\n" \
        "  - INT-ECM-002\n" in text
    # Every comment is kept.
    assert [line for line in before.splitlines() if "#" in line and line not in text] == []
    page = selin.get("/workshop/decisions").text
    assert "Decision saved for INT-ECM-001 and written to project.yaml." in page
    assert "project.yaml still says" not in page
    # An entry with a priority keeps its form; a custom requirement's own entry changes.
    decide(selin, "INT-FIN-002", "should", "Invoices can wait a quarter")
    decide(selin, "CUS-SFA-001", "could", "The dealer portal comes first")
    text = path.read_text(encoding="utf-8")
    assert "  - {id: INT-FIN-002, priority: should}\n" in text
    assert "  - id: CUS-SFA-001\n    area: operational\n    group: sales_automation\n" \
        "    priority: could\n" in text
    page = selin.get("/status").text
    assert "Write the decided priorities into project.yaml" not in page
    assert '<li class="card status-step state-done" id="step-needs">' in page
    with app.extensions["crmselect"].db.read() as s:
        written = [e for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))
                   if e.action == "needs_decision_written"]
    assert [(e.target, e.reason) for e in written] == [
        ("project.yaml", "The shop is small for now"),
        ("project.yaml", "Invoices can wait a quarter"),
        ("project.yaml", "The dealer portal comes first")]
    assert '"priority": "could"' in written[0].new_value
    # The project the pages show is the file as written.
    from crmselect.project import load_project

    lp = load_project(path.parent)
    assert lp.requirements["INT-ECM-001"].priority == "could"
    assert lp.requirements["CUS-SFA-001"].priority == "could"


@pytest.mark.parametrize("lang, said", [
    ("en", "Decision saved for INT-ECM-001, but not written to project.yaml: the file was "
           "changed by someone else"),
    ("tr", "INT-ECM-001 için karar kaydedildi, ancak project.yaml dosyasına yazılmadı: "
           "dosya siz bu sayfayı açtıktan sonra")])
def test_a_stale_project_yaml_is_not_overwritten(commented, lang, said) -> None:
    import datetime as dt

    app, path = commented
    app.config["STATUS_TODAY"] = dt.date(2027, 2, 10)
    _agreeing_proposals(app)
    selin = client(app, "selin", lang)
    digest = _digest(selin.get("/workshop/decisions").text)
    edited = path.read_text(encoding="utf-8") + "# edited in the editor meanwhile\n"
    path.write_text(edited, encoding="utf-8")
    response = decide(selin, "INT-ECM-001", "could", "The shop is small for now", digest)
    assert response.status_code == 302
    assert path.read_text(encoding="utf-8") == edited
    page = selin.get("/workshop/decisions").text
    assert said in page
    with app.extensions["crmselect"].db.read() as s:
        assert workshop.decisions(s)["INT-ECM-001"].priority == "could"
    if lang == "en":
        assert "project.yaml still says Must: write - {id: INT-ECM-001, priority: could}" \
            in page
        assert "Write the decided priorities into project.yaml (requirements:): " \
            "INT-ECM-001: could" in selin.get("/status").text
    # Saved again from the reloaded page, it is written.
    decide(selin, "INT-ECM-001", "could", "The shop is small for now")
    assert "  - {id: INT-ECM-001, priority: could}\n" in path.read_text(encoding="utf-8")


def test_a_decision_without_the_form_fingerprint_is_not_written(commented) -> None:
    app, path = commented
    before = path.read_text(encoding="utf-8")
    selin = client(app, "selin")
    decide(selin, "INT-ECM-001", "could", "The shop is small for now", digest="")
    assert path.read_text(encoding="utf-8") == before
    assert "not written to project.yaml" in selin.get("/workshop/decisions").text


def test_a_decision_is_not_written_over_a_whole_catalog_selection(tmp_path: Path) -> None:
    from crmselect.webapp import setupfile, workshopfile

    (tmp_path / "project.yaml").write_text("name: x\n# all of it\n", encoding="utf-8")
    pf = setupfile.read(tmp_path)
    with pytest.raises(workshopfile.WholeCatalog):
        workshopfile.apply(pf.data, "INT-ECM-001", "must")
    with pytest.raises(workshopfile.WholeCatalog):
        workshopfile.write_decision(tmp_path, pf.digest, "INT-ECM-001", "must", "should")
    assert workshopfile.write_decision(tmp_path, "stale", "INT-ECM-001", "must",
                                       "must").changed is False


def test_a_decision_adds_an_entry_and_keeps_a_note(tmp_path: Path) -> None:
    from crmselect.webapp import setupfile, workshopfile

    (tmp_path / "project.yaml").write_text(
        "requirements:\n  - {id: INT-ECM-001, note: shop}  # keep me\n  - INT-ECM-002\n",
        encoding="utf-8")
    pf = setupfile.read(tmp_path)
    assert workshopfile.apply(pf.data, "INT-ECM-001", "must") == (
        {"id": "INT-ECM-001", "note": "shop"},
        {"id": "INT-ECM-001", "priority": "must", "note": "shop"})
    assert workshopfile.apply(pf.data, "INT-FIN-001", "could") == (
        None, {"id": "INT-FIN-001", "priority": "could"})
    assert pf.dump() == (
        "requirements:\n  - {id: INT-ECM-001, priority: must, note: shop} # keep me\n"
        "  - INT-ECM-002\n  - {id: INT-FIN-001, priority: could}\n")


@pytest.mark.parametrize("person", ["sevgi", "ayse", "omer"])
def test_only_the_facilitator_writes_a_decision(commented, person) -> None:
    app, path = commented
    before = path.read_text(encoding="utf-8")
    digest = _digest(client(app, "selin").get("/workshop/decisions").text)
    response = decide(client(app, person), "INT-ECM-001", "could", "mine", digest)
    assert response.status_code == 403
    assert path.read_text(encoding="utf-8") == before
    with app.extensions["crmselect"].db.read() as s:
        assert workshop.decisions(s) == {}


def test_a_decision_is_not_written_into_an_invalid_project_yaml(commented) -> None:
    """The server keeps serving the last valid project when project.yaml became invalid; a
    decision made then is kept in the database, and the file is left as the editor left it."""
    app, path = commented
    selin = client(app, "selin")
    selin.get("/workshop/decisions")
    broken = path.read_text(encoding="utf-8").replace(
        "tco: {horizon_years: 5,", "tco: {horizon_years: -5,")
    assert "horizon_years: -5" in broken
    path.write_text(broken, encoding="utf-8")
    response = decide(selin, "INT-ECM-001", "could", "The shop is small for now")
    assert response.status_code == 302
    assert path.read_text(encoding="utf-8") == broken
    page = selin.get("/workshop/decisions").text
    assert "Decision saved for INT-ECM-001, but not written to project.yaml, which would not " \
        "be valid: tco.horizon_years:" in page
    with app.extensions["crmselect"].db.read() as s:
        assert workshop.decisions(s)["INT-ECM-001"].priority == "could"
