"""Authorization on every route, for every role.

``EXPECTED`` lists every endpoint of the app with the answer each kind of visitor gets. A new
route that is not listed here fails :func:`test_every_route_has_an_authorization_test`, so no
route can be added without deciding who may reach it.
"""

from __future__ import annotations

import pytest

from crmselect.evaluationdb import settings

ANON, FAC, EVAL, OBS = "anonymous", "selin", "ayse", "omer"
WHO = (ANON, FAC, EVAL, OBS)
LOGIN = 302  # anonymous GET of a protected page: redirect to the login page

# endpoint → (method, url, form data, {visitor: status before reveal}, {visitor: after reveal})
Route = tuple[str, str, dict | None, dict[str, int], dict[str, int] | None]
# The test project's facilitator names no areas: by default (facilitator_scores) they do not
# score, and are not blind.
SCORER_PAGE = {ANON: LOGIN, FAC: 403, EVAL: 200, OBS: 403}
SCORER_POST = {ANON: 401, FAC: 403, EVAL: 200, OBS: 403}
FAC_PAGE = {ANON: LOGIN, FAC: 200, EVAL: 403, OBS: 403}
PROGRESS_PAGE = {ANON: LOGIN, FAC: 200, EVAL: 403, OBS: 200}
RESULTS_BEFORE = {ANON: LOGIN, FAC: 200, EVAL: 403, OBS: 403}
RESULTS_AFTER = {ANON: LOGIN, FAC: 200, EVAL: 200, OBS: 200}

EXPECTED: dict[str, Route] = {
    "static": ("GET", "/static/css/app.css", None, dict.fromkeys(WHO, 200), None),
    "auth.home": ("GET", "/", None, {ANON: 302, FAC: 302, EVAL: 302, OBS: 200},
                  dict.fromkeys(WHO, 302)),
    "auth.login": ("GET", "/login", None, dict.fromkeys(WHO, 200), None),
    "auth.logout": ("POST", "/logout", {}, {ANON: 401, FAC: 302, EVAL: 302, OBS: 302}, None),
    "auth.invitation": ("GET", "/invite/not-a-token", None, dict.fromkeys(WHO, 404), None),
    "auth.language": ("POST", "/language", {"lang": "tr"}, dict.fromkeys(WHO, 302), None),
    "auth.healthz": ("GET", "/healthz", None, dict.fromkeys(WHO, 200), None),
    "scoring.vendors": ("GET", "/vendors", None, SCORER_PAGE, None),
    "scoring.vendor": ("GET", "/vendors/odoo", None, SCORER_PAGE, None),
    "scoring.save": ("POST", "/vendors/odoo/score",
                     {"target": "INT-FIN-001", "score": "3", "note": ""},
                     SCORER_POST, None),
    # The test project does not ask for declarations: the page does not exist for scorers.
    "scoring.declaration": ("GET", "/declaration", None,
                            {ANON: LOGIN, FAC: 403, EVAL: 404, OBS: 403}, None),
    "testdrive.scenarios": ("GET", "/testdrive/odoo", None, SCORER_PAGE, None),
    "testdrive.sheet": ("GET", "/testdrive/odoo/SCN-DEALER", None, SCORER_PAGE, None),
    "testdrive.mark": ("POST", "/testdrive/odoo/SCN-DEALER/mark",
                       {"requirement": "CUS-SFA-001", "shown": "live"},
                       {ANON: 401, FAC: 403, EVAL: 200, OBS: 403}, None),
    "facilitator.progress": ("GET", "/facilitator/", None, PROGRESS_PAGE, None),
    "facilitator.permit": ("POST", "/facilitator/permit",
                           {"kind": "interest", "evaluator": "ayse", "vendor": "odoo",
                            "reason": "declared interest is remote"},
                           {ANON: 401, FAC: 302, EVAL: 403, OBS: 403}, None),
    "facilitator.reveal": ("POST", "/facilitator/reveal", {"confirm": "yes"},
                           {ANON: 401, FAC: 302, EVAL: 403, OBS: 403}, None),
    "facilitator.consensus_view": ("GET", "/facilitator/consensus", None, FAC_PAGE, None),
    "facilitator.consensus_save": ("POST", "/facilitator/consensus",
                                   {"vendor": "odoo", "target": "INT-FIN-001", "score": "3",
                                    "reason": "agreed in the meeting", "version": "0"},
                                   {ANON: 401, FAC: 409, EVAL: 403, OBS: 403},
                                   {ANON: 401, FAC: 409, EVAL: 403, OBS: 403}),
    "facilitator.audit_log": ("GET", "/facilitator/audit", None, FAC_PAGE, None),
    "results.overview": ("GET", "/results/", None, RESULTS_BEFORE, RESULTS_AFTER),
    "results.report": ("GET", "/results/report.html", None, RESULTS_BEFORE, RESULTS_AFTER),
    "export.scores_yaml": ("GET", "/export/scores.yaml", None, FAC_PAGE, None),
    "export.scores_csv": ("GET", "/export/scores.csv", None, FAC_PAGE, None),
    # Project setup (issue 14): the facilitator's only, and not served without SETUP (this
    # app); tests/test_web_setup.py checks every role with SETUP on.
    **{f"setup.{name}": (method, url, {} if method == "POST" else None, {
        ANON: 401 if method == "POST" else LOGIN, FAC: 404, EVAL: 403, OBS: 403}, None)
       for name, method, url in (
           ("overview", "GET", "/setup/"), ("organisation", "GET", "/setup/organisation"),
           ("budget", "GET", "/setup/budget"), ("requirements", "GET", "/setup/requirements"),
           ("custom_requirement", "POST", "/setup/requirements/custom"),
           ("weights", "GET", "/setup/weights"), ("people", "GET", "/setup/people"),
           ("vendors", "GET", "/setup/vendors"), ("scenarios", "GET", "/setup/scenarios"))},
    "status.overview": ("GET", "/status", None, FAC_PAGE, None),  # issue 14
    # The needs workshop (issue 14): stakeholders (none in this project) propose; see
    # tests/test_web_workshop.py for them.
    "workshop.proposals": ("GET", "/workshop/", None,
                           {ANON: LOGIN, FAC: 403, EVAL: 403, OBS: 403}, None),
    "workshop.propose": ("POST", "/workshop/",
                         {"requirement": "CUS-SFA-001", "priority": "must", "reason": "x"},
                         {ANON: 401, FAC: 403, EVAL: 403, OBS: 403}, None),
    "workshop.decisions": ("GET", "/workshop/decisions", None, FAC_PAGE, None),
    "workshop.decide": ("POST", "/workshop/decisions",
                        {"requirement": "CUS-SFA-001", "priority": "must", "reason": "x"},
                        {ANON: 401, FAC: 302, EVAL: 403, OBS: 403}, None),
}


def test_every_route_has_an_authorization_test(app) -> None:
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    missing = sorted(endpoints - set(EXPECTED))
    assert not missing, f"routes without an authorization test: {missing}"
    stale = sorted(set(EXPECTED) - endpoints)
    assert not stale, f"tests for routes that no longer exist: {stale}"


def test_every_view_declares_a_policy(app) -> None:
    from crmselect.webapp.access import policy_of

    with app.test_request_context():
        undeclared = [e for e in app.view_functions if policy_of(e) is None]
    assert undeclared == []


def _request(client, method: str, url: str, data: dict | None):
    if method == "GET":
        response = client.get(url)
    else:
        headers = {"Accept": "application/json"} if url.endswith(("/score", "/mark")) else {}
        response = client.post(url, data=dict(data or {}), headers=headers)
    response.get_data()
    response.close()  # static files are streamed from an open file
    return response


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("endpoint", sorted(EXPECTED))
def test_route_answers_each_role(make_client, endpoint: str, who: str) -> None:
    method, url, data, before, _after = EXPECTED[endpoint]
    client = make_client(None if who == ANON else who)
    response = _request(client, method, url, data)
    assert response.status_code == before[who], response.text[:300]
    if response.status_code == LOGIN and who == ANON and method == "GET":
        assert response.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("endpoint", sorted(e for e, r in EXPECTED.items() if r[4]))
def test_route_answers_each_role_after_reveal(app, make_client, endpoint: str, who: str) -> None:
    method, url, data, _before, after = EXPECTED[endpoint]
    with app.extensions["crmselect"].db.write() as session:
        settings.reveal(session, FAC)
    response = _request(make_client(None if who == ANON else who), method, url, data)
    assert after is not None
    assert response.status_code == after[who], response.text[:300]


def test_a_route_without_policy_is_refused(web_project, app_factory) -> None:
    app = app_factory(web_project)

    @app.get("/forgotten")
    def forgotten() -> str:
        return "secret"

    client = app.test_client().as_user(FAC)
    response = client.get("/forgotten")
    assert response.status_code == 403
    assert "secret" not in response.text


def test_a_person_removed_from_the_project_is_signed_out(app, make_client, web_project) -> None:
    client = make_client(EVAL)
    assert client.get("/vendors").status_code == 200
    text = (web_project / "project.yaml").read_text(encoding="utf-8")
    text = text.replace("  - {id: ayse, name: Ayşe Demir, email: ayse@deniz.example, role: "
                        "evaluator, department: sales, language: en}\n", "")
    (web_project / "project.yaml").write_text(text, encoding="utf-8")
    response = client.get("/vendors")
    assert response.status_code == LOGIN


def test_an_old_session_stops_working_when_the_password_changes(app, make_client) -> None:
    from crmselect.evaluationdb import accounts

    client = make_client(EVAL)
    assert client.get("/vendors").status_code == 200
    token, _ = accounts.create_invitation(app.extensions["crmselect"].db, EVAL)
    assert accounts.accept_invitation(app.extensions["crmselect"].db, token,
                                      "another-long-password") == EVAL
    assert client.get("/vendors").status_code == LOGIN


def test_an_observer_waits_for_the_reveal(app, make_client) -> None:
    client = make_client(OBS)
    page = client.get("/")
    assert page.status_code == 200 and "The results are not open yet" in page.text
    assert "/results/" not in page.text  # no link to a page the observer may not open
    with app.extensions["crmselect"].db.write() as session:
        settings.reveal(session, FAC)
    assert client.get("/").headers["Location"] == "/results/"
