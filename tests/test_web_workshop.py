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


@pytest.mark.parametrize("priority, reason", [("urgent", "why not"), ("must", "   "),
                                              ("must", "x" * 2001)])
def test_a_proposal_needs_a_priority_on_the_scale_and_a_reason(wapp, priority, reason) -> None:
    sevgi = client(wapp, "sevgi")
    response = propose(sevgi, "CUS-SFA-001", priority, reason)
    assert response.status_code == 302
    page = sevgi.get("/workshop/").text
    assert "A proposal needs a priority and a reason." in page
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
    assert "Sevgi Ak (sales): Dealers lose deals without it" in page
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
    (basic / "scores.yaml").unlink()  # before anybody scored, the summary counts who may
    loaded = load_project(basic)
    assert [e.role for e in loaded.project.evaluators][-2:] == ["stakeholder", "stakeholder"]
    assert project_summary(loaded, "en")["counts"]["evaluators"] == 4
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
