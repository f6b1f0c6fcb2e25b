"""Hostile values in every field of every form and in query parameters: never a 500, a clear
400 that names the field for what cannot be stored (a NUL byte, a control character, an
oversized number or text), with what was typed shown back, on SQLite and PostgreSQL; and the
"form expired" message in the person's language."""

from __future__ import annotations

import pytest
import yaml
from sqlalchemy import func, select

from crmselect.evaluationdb import accounts, scores, settings
from crmselect.evaluationdb.schema import AuditEntry, Consensus, Declaration, Score

#: Values that must never cause a server error. Those in UNSTORABLE must be refused with 400.
HOSTILE = [
    "a\x00b", "\x00", "\x01\x1b[31m", "9" * 40, "-" + "9" * 40, "1e309", "nan", "-0",
    "x" * 10_001, "é\u202eevil", "  ", "", "0x10", "3.0000000001", "../../etc/passwd",
]
UNSTORABLE = {"a\x00b", "\x00", "\x01\x1b[31m", "x" * 10_001}

#: endpoint → (path, a valid form, who posts it). Every POST route of the app is here.
ROUTES = {
    "auth.login": ("/login", {"username": "ayse", "password": "correct-horse-battery"}, None),
    "auth.logout": ("/logout", {}, "ayse"),
    "auth.invitation": ("/invite/TOKEN", {"password": "plum tractor meadow",
                                          "confirm": "plum tractor meadow"}, None),
    "auth.language": ("/language", {"lang": "tr", "next": "/vendors"}, "ayse"),
    "scoring.save": ("/vendors/odoo/score", {"target": "INT-FIN-001", "score": "3",
                                             "note": "fine", "back": "", "action": ""}, "ayse"),
    "scoring.declaration": ("/declaration", {"choice": "declared", "confirm": "yes",
                                             "interests": "my cousin works at Odoo"}, "mehmet"),
    "testdrive.mark": ("/testdrive/odoo/SCN-DEALER/mark",
                       {"requirement": "CUS-SFA-001", "shown": "live", "action": ""}, "ayse"),
    "facilitator.reveal": ("/facilitator/reveal", {"confirm": "yes"}, "selin"),
    "facilitator.permit": ("/facilitator/permit",
                           {"kind": "reopen", "evaluator": "ayse", "vendor": "odoo",
                            "reason": "a score typed on the wrong vendor", "action": ""},
                           "selin"),
    "facilitator.consensus_save": ("/facilitator/consensus",
                                   {"vendor": "odoo", "target": "INT-FIN-001", "score": "3",
                                    "reason": "agreed in the meeting", "version": "0",
                                    "filter": ""}, "selin"),
    # Project setup (issue 14): served with SETUP on; no digest, so a valid form is
    # validated and then refused as stale (409), never written.
    "setup.organisation": ("/setup/organisation", {"organisation.name": "Acme",
                                                   "users[0].role": "sales",
                                                   "users[0].count": "3"}, "selin"),
    "setup.budget": ("/setup/budget", {"currency": "TRY", "tco.target_budget": "1000",
                                       "timeline.go_live": "2027-09-06",
                                       "action": ""}, "selin"),
    "setup.requirements": ("/setup/requirements", {"shown": "OPS-SFA-001",
                                                   "pick.OPS-SFA-001": "yes",
                                                   "priority.OPS-SFA-001": "must",
                                                   "note.OPS-SFA-001.en": "n"}, "selin"),
    "setup.custom_requirement": ("/setup/requirements/custom",
                                 {"group": "operational/sales_automation", "title.en": "T",
                                  "description.en": "D", "priority": "must"}, "selin"),
    "setup.weights": ("/setup/weights", {"method": "ahp", "ahp.functional.cost": "3",
                                         "weights.criteria.cost": "20"}, "selin"),
    "setup.people": ("/setup/people", {"evaluators[0].id": "selin",
                                       "evaluators[0].name": "Selin",
                                       "evaluators[0].role": "facilitator"}, "selin"),
    "setup.vendors": ("/setup/vendors", {"pick": "odoo"}, "selin"),
    "setup.scenarios": ("/setup/scenarios", {"pick": "SCN-DEALER", "action": ""}, "selin"),
    "workshop.propose": ("/workshop/", {"requirement": "CUS-SFA-001", "priority": "must",
                                        "reason": "dealers need it"}, "sevgi"),
    "workshop.decide": ("/workshop/decisions", {"requirement": "CUS-SFA-001",
                                                "priority": "should", "reason": "agreed"},
                        "selin"),
}

GET_PAGES = ["/login", "/vendors", "/vendors/odoo", "/testdrive/odoo/SCN-DEALER",
             "/facilitator/", "/facilitator/consensus", "/facilitator/audit", "/results/",
             "/setup/requirements",
             "/status", "/workshop/decisions"]


@pytest.fixture
def hostile_app(web_project, db_url, app_factory):
    """The test project with declarations asked for, every scorer declared (but mehmet, who
    posts the declaration form), a few scores, and the scores revealed."""
    path = web_project / "project.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.setdefault("evaluation", {})["conflict_of_interest"] = True
    data["evaluators"].append({"id": "sevgi", "name": "Sevgi Ak", "role": "stakeholder",
                               "department": "sales"})  # the needs workshop (issue 14)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    app = app_factory(web_project, db_url, SETUP=True)
    database = app.extensions["crmselect"].db
    with database.write() as s:
        for person in ("ayse", "selin"):
            scores.declare(s, evaluator=person, interests="", language="en")
    client = app.test_client().as_user("ayse")
    for target, value in (("INT-FIN-001", 1), ("INT-FIN-002", 5)):
        assert client.save_score("odoo", target, value, note="why").status_code == 200
    with database.write() as s:
        settings.reveal(s, "selin")
    return app


def signed_in(app, who: str):
    """A client with a valid session of ``who`` (at the account's current auth_version: the
    logout route raises it)."""
    from crmselect.evaluationdb.schema import Account

    with app.extensions["crmselect"].db.read() as s:
        version = s.get(Account, who).auth_version
    client = app.test_client()
    with client.session_transaction() as session:
        session.update(uid=who, av=version, _permanent=True)
    return client


def test_every_post_route_is_in_the_hostile_test(hostile_app) -> None:
    posted = sorted(r.endpoint for r in hostile_app.url_map.iter_rules() if "POST" in r.methods)
    assert posted == sorted(ROUTES)


def _counts(app) -> tuple[int, ...]:
    with app.extensions["crmselect"].db.read() as s:
        return tuple(s.scalar(select(func.count()).select_from(table))
                     for table in (Score, Consensus, Declaration, AuditEntry))


@pytest.mark.parametrize("endpoint", sorted(ROUTES))
def test_hostile_values_in_every_field_never_cause_a_server_error(hostile_app,
                                                                  endpoint: str) -> None:
    path, valid, who = ROUTES[endpoint]
    database = hostile_app.extensions["crmselect"].db
    fields = sorted(valid) or ["anything"]
    for field in fields:
        for value in HOSTILE:
            url = path
            if "TOKEN" in url:
                url = url.replace("TOKEN", accounts.create_invitation(database, "omer")[0])
            client = signed_in(hostile_app, who) if who else hostile_app.test_client()
            client.environ_base["REMOTE_ADDR"] = f"10.9.{len(value) % 250}.{ord(field[0])}"
            before = _counts(hostile_app)
            for accept in ("text/html", "application/json"):
                response = client.post(url, data={**valid, field: value},
                                       headers={"Accept": accept})
                where = f"{endpoint} {field}={value[:20]!r} ({accept})"
                assert response.status_code < 500, where
                assert "Traceback" not in response.text, where
                if value in UNSTORABLE:
                    assert response.status_code == 400, where
                    if accept == "application/json":
                        assert response.get_json()["field"] == field, where
                    else:
                        # In the person's language (selin and mehmet chose Turkish).
                        assert any(text in response.text for text in (
                            "cannot be saved", "too long", "kaydedilemeyen", "çok uzun")), where
                    assert _counts(hostile_app) == before, where
                if who:  # logout ends the session
                    client = signed_in(hostile_app, who)


@pytest.mark.parametrize("value", ["a\x00b", "9" * 40, "x" * 10_001])
def test_hostile_query_parameters_and_paths_never_cause_a_server_error(hostile_app,
                                                                       value: str) -> None:
    client = hostile_app.test_client().as_user("selin")
    for page in GET_PAGES:
        for query in ({"vendor": value}, {"page": value}, {"next": value}):
            response = client.get(page, query_string=query)
            assert response.status_code < 500, (page, query)
    for path in ("/vendors/od%00oo", "/testdrive/odoo/SCN%00", f"/invite/{value[:200]}"):
        assert client.get(path).status_code < 500, path


def test_a_nul_byte_in_a_note_is_refused_with_the_note_kept(hostile_app) -> None:
    client = hostile_app.test_client().as_user("ayse")
    response = client.save_score("odoo", "INT-FIN-003", 1, note="long note\x00 typed by hand",
                                 json=False)
    assert response.status_code == 400
    assert "Note contains a control character" in response.text
    assert "long note\N{REPLACEMENT CHARACTER} typed by hand" in response.text
    as_json = client.save_score("odoo", "INT-FIN-003", 1, note="x\x00")
    assert as_json.status_code == 400 and as_json.get_json()["field"] == "note"


def test_a_nul_byte_in_a_user_name_keeps_the_sign_in_form(hostile_app) -> None:
    client = hostile_app.test_client()
    response = client.post("/login", data={"username": "ay\x00se", "password": "x"})
    assert response.status_code == 400
    assert 'value="ayse"' in response.text
    assert "contains a control character" in response.text


def test_an_oversized_consensus_version_is_a_400(hostile_app) -> None:
    client = hostile_app.test_client().as_user("selin")
    for version in ("9" * 40, str(2**63), str(2**31)):
        response = client.post("/facilitator/consensus", data={
            **ROUTES["facilitator.consensus_save"][1], "version": version})
        assert response.status_code in (400, 409), version
    with hostile_app.extensions["crmselect"].db.read() as s:
        assert s.scalar(select(func.count()).select_from(Consensus)) == 0


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The form has expired"), ("tr", "Formun süresi dolmuş")])
def test_the_form_expired_message_is_in_the_persons_language(hostile_app, lang: str,
                                                             text: str) -> None:
    """The account's language counts, even when the browser asks for another one."""
    from crmselect.evaluationdb import Database
    from crmselect.evaluationdb.schema import Account

    database: Database = hostile_app.extensions["crmselect"].db
    with database.write() as s:
        s.get(Account, "ayse").language = lang
    other = "tr" if lang == "en" else "en"
    client = hostile_app.test_client().as_user("ayse")
    response = client.post("/vendors/odoo/score", csrf=False,
                           headers={"Accept-Language": other},
                           data={"target": "INT-FIN-003", "score": "3"})
    assert response.status_code == 400
    assert text in response.text
    assert f'<html lang="{lang}"' in response.text
