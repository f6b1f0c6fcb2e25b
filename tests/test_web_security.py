"""Security of the web form: headers and CSP, CSRF on every state-changing route, cookies,
argon2 passwords, invitations, login rate limiting in the database, the session key, error
pages without stack traces, and no open redirect."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select, update

from crmselect.evaluationdb import accounts
from crmselect.evaluationdb.schema import Account, Invitation, Setting
from crmselect.resources import bundled_dir
from crmselect.webapp.access import allow
from crmselect.webapp.security import CSP

TEMPLATES = bundled_dir("web") / "templates"


def db(app):
    return app.extensions["crmselect"].db


# --- headers ----------------------------------------------------------------------------------


def test_security_headers_on_every_page(make_client) -> None:
    response = make_client("ayse").get("/vendors/odoo")
    assert response.headers["Content-Security-Policy"] == (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
        "base-uri 'none'")
    assert CSP == response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cache-Control"] == "no-store"
    assert "Strict-Transport-Security" not in response.headers
    static = make_client().get("/static/js/app.js")
    assert static.headers["Content-Security-Policy"] == CSP
    assert static.headers.get("Cache-Control") != "no-store"
    static.close()


def test_templates_have_no_inline_script_or_style() -> None:
    for path in sorted(TEMPLATES.glob("*.html")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), path.name
        assert not re.search(r"\son[a-z]+\s*=", text), path.name
        assert not re.search(r"\sstyle\s*=", text), path.name
        assert "<style" not in text, path.name
        assert "http://" not in text and "https://" not in text, path.name  # nothing from a CDN


@pytest.mark.parametrize("url", ["/vendors/odoo", "/testdrive/odoo/SCN-DEALER", "/facilitator/",
                                 "/facilitator/consensus", "/results/", "/login"])
def test_rendered_pages_have_no_inline_script_or_style(make_client, url: str) -> None:
    page = make_client("selin").get(url).text
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)
    assert not re.search(r"\sstyle\s*=", page)


# --- CSRF -------------------------------------------------------------------------------------


def _post_rules(app) -> list[str]:
    return sorted(r.endpoint for r in app.url_map.iter_rules() if "POST" in r.methods)


FORMS = {
    "auth.login": ("/login", {"username": "ayse", "password": "correct-horse-battery"}),
    "auth.logout": ("/logout", {}),
    "auth.invitation": ("/invite/TOKEN", {"password": "x" * 12, "confirm": "x" * 12}),
    "auth.language": ("/language", {"lang": "tr"}),
    "scoring.save": ("/vendors/odoo/score", {"target": "INT-FIN-001", "score": "3"}),
    "scoring.declaration": ("/declaration", {"choice": "none", "confirm": "yes"}),
    "testdrive.mark": ("/testdrive/odoo/SCN-DEALER/mark",
                       {"requirement": "INT-FIN-001", "shown": "live"}),
    "facilitator.reveal": ("/facilitator/reveal", {"confirm": "yes"}),
    "facilitator.consensus_save": ("/facilitator/consensus",
                                   {"vendor": "odoo", "target": "INT-FIN-001", "score": "3",
                                    "reason": "r", "version": "0"}),
    "facilitator.permit": ("/facilitator/permit", {"kind": "interest", "evaluator": "ayse",
                                                   "vendor": "odoo", "reason": "r"}),
}


def test_every_state_changing_route_is_in_the_csrf_test(app) -> None:
    assert _post_rules(app) == sorted(FORMS)


@pytest.mark.parametrize("endpoint", sorted(FORMS))
@pytest.mark.parametrize("token", ["missing", "wrong"])
def test_every_state_changing_route_needs_the_csrf_token(app, make_client, endpoint: str,
                                                         token: str) -> None:
    url, data = FORMS[endpoint]
    if "TOKEN" in url:
        url = url.replace("TOKEN", accounts.create_invitation(db(app), "omer")[0])
    client = make_client("selin")
    if token == "wrong":
        data = {**data, "csrf_token": "IjAwMDAi.forged.signature"}
    for headers in ({}, {"Accept": "application/json"}):
        response = client.post(url, data=data, csrf=False, headers=headers)
        assert response.status_code == 400, (endpoint, response.status_code)
    with db(app).read() as s:
        assert s.scalars(select(Setting).where(Setting.key == "revealed")).first() is None


def test_background_saves_send_the_token_in_a_header(make_client) -> None:
    client = make_client("ayse")
    token = client.csrf()
    ok = client.post("/vendors/odoo/score", csrf=False,
                     headers={"Accept": "application/json", "X-CSRFToken": token},
                     data={"target": "INT-FIN-001", "score": "3"})
    assert ok.status_code == 200
    refused = client.post("/vendors/odoo/score", csrf=False,
                          headers={"Accept": "application/json", "X-CSRFToken": token + "x"},
                          data={"target": "INT-FIN-001", "score": "4"})
    assert refused.status_code == 400
    assert refused.get_json()["ok"] is False


# --- cookies and the session key ------------------------------------------------------------------


def test_session_cookie_is_httponly_and_samesite_lax(client) -> None:
    response = client.post("/login", data={"username": "ayse",
                                           "password": "correct-horse-battery"})
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("crmselect_session=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_behind_https_cookies_are_secure_and_hsts_is_sent(web_project, app_factory) -> None:
    client = app_factory(web_project, BEHIND_HTTPS=True).test_client()
    # Over https a form post from another site (no or a foreign referrer) is refused.
    foreign = client.post("/login", base_url="https://localhost", csrf=False,
                          data={"username": "ayse", "password": "correct-horse-battery",
                                "csrf_token": client.csrf()},
                          headers={"X-Forwarded-Proto": "https",
                                   "Referer": "https://evil.example/"})
    assert foreign.status_code == 400
    response = client.post("/login", base_url="https://localhost",
                           data={"username": "ayse", "password": "correct-horse-battery",
                                 "csrf_token": client.csrf()},
                           headers={"X-Forwarded-Proto": "https", "Referer":
                                    "https://localhost/login"})
    assert response.status_code == 302, response.text
    assert "Secure" in response.headers["Set-Cookie"]
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"


def test_session_key_is_made_once_and_kept_in_the_database(app, web_project, app_factory
                                                           ) -> None:
    from conftest_web import WebClient

    with db(app).read() as s:
        stored = s.get(Setting, "secret_key").value
    assert re.fullmatch(r"[0-9a-f]{64}", stored)
    assert app.config["SECRET_KEY"] == stored
    # A second worker on the same database signs with the same key: sessions carry over.
    other = app_factory(web_project, app.extensions["crmselect"].db.url)
    assert other.config["SECRET_KEY"] == stored
    app.test_client_class = WebClient
    first = app.test_client().sign_in("ayse")
    cookie = first.get_cookie("crmselect_session")
    second = other.test_client()
    second.set_cookie("crmselect_session", cookie.value)
    assert second.get("/vendors").status_code == 200


def test_another_project_gets_another_key(app, tmp_path, app_factory) -> None:
    import shutil

    from conftest_web import WEB_DATA

    shutil.copytree(WEB_DATA / "project", tmp_path / "other")
    other = app_factory(tmp_path / "other")
    assert other.config["SECRET_KEY"] != app.config["SECRET_KEY"]


# --- passwords, invitations, login ------------------------------------------------------------


def test_invitation_sets_an_argon2_password_once(app, client) -> None:
    token, expires = accounts.create_invitation(db(app), "omer")
    assert dt.timedelta(days=13) < expires - dt.datetime.now(dt.UTC) <= dt.timedelta(days=14)
    with db(app).read() as s:
        row = s.scalars(select(Invitation)).one()
        assert row.token_hash != token and len(row.token_hash) == 64
    page = client.get(f"/invite/{token}")
    assert page.status_code == 200 and "Welcome, Ömer Şahin" in page.text
    short = client.post(f"/invite/{token}", data={"password": "short", "confirm": "short"})
    assert short.status_code == 422
    assert "The password needs at least 10 characters." in short.text
    differ = client.post(f"/invite/{token}", data={"password": "long-enough-1",
                                                   "confirm": "long-enough-2"})
    assert "The two passwords are not the same." in differ.text
    done = client.post(f"/invite/{token}", data={"password": "long-enough-1",
                                                 "confirm": "long-enough-1"})
    assert done.status_code == 302
    with db(app).read() as s:
        assert s.get(Account, "omer").password_hash.startswith("$argon2id$")
    assert client.get(f"/invite/{token}").status_code == 404  # used up
    assert "does not work" in client.get(f"/invite/{token}").text


def test_an_expired_invitation_does_not_work(app, client) -> None:
    token, _ = accounts.create_invitation(db(app), "omer")
    with db(app).write() as s:
        s.execute(update(Invitation).values(
            expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)))
    assert client.get(f"/invite/{token}").status_code == 404
    assert client.post(f"/invite/{token}", data={"password": "long-enough-1",
                                                 "confirm": "long-enough-1"}).status_code == 404


def test_a_new_invitation_replaces_the_unused_one(app) -> None:
    old, _ = accounts.create_invitation(db(app), "omer")
    new, _ = accounts.create_invitation(db(app), "omer")
    with db(app).read() as s:
        assert accounts.invitation_evaluator(s, old) is None
        assert accounts.invitation_evaluator(s, new) == "omer"


def test_login_by_id_or_email_and_one_message_for_every_failure(client) -> None:
    assert client.post("/login", data={"username": "AYSE@deniz.example",
                                       "password": "correct-horse-battery"}).status_code == 302
    wrong = client.post("/login", data={"username": "ayse", "password": "nope"})
    unknown = client.post("/login", data={"username": "nobody", "password": "nope"})
    assert wrong.status_code == unknown.status_code == 401
    assert "The name or password is not right." in wrong.text
    assert "The name or password is not right." in unknown.text


def test_login_never_redirects_to_another_site(client) -> None:
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        response = client.post(f"/login?next={target}",
                               data={"username": "ayse", "password": "correct-horse-battery"})
        assert response.headers["Location"] == "/"
    inside = client.post("/login?next=/vendors/odoo",
                         data={"username": "ayse", "password": "correct-horse-battery"})
    assert inside.headers["Location"] == "/vendors/odoo"


def test_login_rate_limit_is_kept_in_the_database(app, client, web_project, app_factory
                                                  ) -> None:
    for _ in range(accounts.MAX_FAILURES_PER_USER):
        assert client.post("/login", data={"username": "ayse", "password": "bad"}
                           ).status_code == 401
    locked = client.post("/login", data={"username": "ayse", "password":
                                         "correct-horse-battery"})
    assert locked.status_code == 429
    assert "Too many failed sign-ins. Try again in 15 minutes." in locked.text
    # Another worker process sharing the database refuses too.
    second = app_factory(web_project, app.extensions["crmselect"].db.url).test_client()
    assert second.post("/login", data={"username": "ayse",
                                       "password": "correct-horse-battery"}).status_code == 429
    # Someone else can still sign in.
    assert client.post("/login", data={"username": "mehmet",
                                       "password": "correct-horse-battery"}).status_code == 302


def test_login_rate_limit_per_address(app, client) -> None:
    for i in range(accounts.MAX_FAILURES_PER_ADDRESS):
        client.post("/login", data={"username": f"guess{i}", "password": "bad"})
    response = client.post("/login", data={"username": "mehmet",
                                           "password": "correct-horse-battery"})
    assert response.status_code == 429


# --- error pages ------------------------------------------------------------------------------


def _broken_app(web_project, app_factory):
    app = app_factory(web_project)

    @app.get("/boom")
    @allow("public")
    def boom() -> str:
        raise RuntimeError("secret internals /etc/passwd")

    return app


@pytest.mark.parametrize(("lang", "title"), [("en", "Something went wrong"),
                                              ("tr", "Bir şeyler ters gitti")])
def test_server_errors_show_no_stack_trace(web_project, app_factory, lang: str,
                                           title: str) -> None:
    app = _broken_app(web_project, app_factory)
    client = app.test_client()
    client.post("/language", data={"lang": lang})
    response = client.get("/boom")
    assert response.status_code == 500
    assert title in response.text
    for leak in ("Traceback", "RuntimeError", "secret internals", "boom()"):
        assert leak not in response.text
    as_json = client.get("/boom", headers={"Accept": "application/json"})
    assert as_json.status_code == 500 and as_json.get_json()["ok"] is False
    assert "secret internals" not in as_json.text


@pytest.mark.parametrize(("lang", "url", "code", "title"), [
    ("en", "/no/such/page", 404, "Page not found"),
    ("tr", "/no/such/page", 404, "Sayfa bulunamadı"),
    ("en", "/logout", 405, "Not allowed"),
    ("tr", "/facilitator/", 403, "Erişim izniniz yok"),
    ("en", "/facilitator/", 403, "Not allowed"),
])
def test_error_pages_in_both_languages(make_client, lang: str, url: str, code: int,
                                       title: str) -> None:
    client = make_client("ayse", lang=lang)
    response = client.get(url)
    assert response.status_code == code
    assert title in response.text
    assert f'<html lang="{lang}"' in response.text
