"""A hostile visitor against the web form, beyond what test_web_security.py,
test_web_access.py and test_web_hostile_forms.py try: addresses after sign-in and after a
language switch that a browser would read as another site, line breaks in them (a header
injection attempt), a 10 MB form post and path traversal against the real server (waitress),
and the names of downloaded files."""

from __future__ import annotations

import http.client
from urllib.parse import quote, urlsplit

import pytest
from conftest_web import PASSWORD, live_server

#: ``next`` values that a browser would follow to another site, or that hold a line break:
#: browsers drop tabs and line breaks inside an address and read a backslash as a slash.
HOSTILE_NEXT = [
    "/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "/\\/evil.example",
    "/\t\\evil.example", "/ \t/evil.example", "/\x0b/evil.example", "/\x7f/evil.example",
    "/\r\nSet-Cookie: crmselect_session=forged", "/vendors\r\nX-Injected: 1",
    "//evil.example", "https://evil.example/", "/\\evil.example", "javascript:alert(1)",
    "http:/evil.example", "\t//evil.example",
]


def lands_on_this_site(location: str) -> bool:
    """Whether a browser following ``location`` (after dropping tabs and line breaks and
    reading backslashes as slashes, as browsers do) stays on this site."""
    seen = location.replace("\t", "").replace("\n", "").replace("\r", "").replace("\\", "/")
    parts = urlsplit(seen)
    return seen.startswith("/") and not seen.startswith("//") and not parts.netloc \
        and not parts.scheme


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_signing_in_never_leads_to_another_site(client, target: str) -> None:
    response = client.post(f"/login?next={quote(target, safe='')}",
                           data={"username": "ayse", "password": PASSWORD})
    # A control character the input check refuses (400, the form again) or the start page.
    assert response.status_code in (302, 400)
    if response.status_code == 302:
        assert response.headers["Location"] == "/"
        assert response.headers.getlist("Set-Cookie")[0].startswith("crmselect_session=")
    assert "X-Injected" not in response.headers
    assert "forged" not in " ".join(response.headers.getlist("Set-Cookie"))


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_switching_the_language_never_leads_to_another_site(make_client, target: str) -> None:
    for who in (None, "ayse"):
        response = make_client(who).post("/language", data={"lang": "tr", "next": target})
        assert response.status_code in (302, 400), (who, response.status_code)
        if response.status_code == 302:
            assert lands_on_this_site(response.headers["Location"]), response.headers
            assert "X-Injected" not in response.headers


def test_a_path_on_this_site_is_still_followed(client, make_client) -> None:
    for target in ("/vendors/odoo", "/vendors/odoo?unscored=1#t-INT-FIN-001", "/results/"):
        response = client.post(f"/login?next={quote(target, safe='/')}",
                               data={"username": "ayse", "password": PASSWORD})
        assert urlsplit(response.headers["Location"]).path == urlsplit(target).path
    switched = make_client("ayse").post("/language", data={"lang": "tr",
                                                           "next": "/vendors/odoo"})
    assert switched.headers["Location"] == "/vendors/odoo"


@pytest.mark.parametrize("url", ["/login", "/vendors/odoo/score", "/language",
                                 "/facilitator/consensus"])
def test_a_ten_megabyte_form_post_is_refused_as_too_large(make_client, url: str) -> None:
    body = {"note": "x" * 10_000_000}
    for who, lang, said in ((None, "en", "What you sent is too large."),
                            ("ayse", "tr", "Gönderdiğiniz içerik çok büyük.")):
        client = make_client(who, lang=lang)
        page = client.post(url, data=body)
        assert page.status_code == 413 and said in page.text, page.text[:300]
        answer = client.post(url, data=body, headers={"Accept": "application/json"})
        assert answer.status_code == 413 and answer.get_json()["ok"] is False


def raw(base: str, method: str, path: str, body: bytes = b"",
        headers: dict[str, str] | None = None) -> tuple[int, bytes, dict[str, str]]:
    """One request as written (no client-side normalising of the path)."""
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        conn.putrequest(method, path, skip_accept_encoding=True)
        for name, value in {"Content-Length": str(len(body)), **(headers or {})}.items():
            conn.putheader(name, value)
        conn.endheaders()
        if body:
            conn.send(body)
        response = conn.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    finally:
        conn.close()


def test_the_real_server_refuses_huge_posts_and_keeps_serving(app) -> None:
    with live_server(app, threads=4) as base:
        for path in ("/login", "/vendors/odoo/score", "/language"):
            status, body, _ = raw(base, "POST", path, b"note=" + b"x" * 10_000_000,
                                  {"Content-Type": "application/x-www-form-urlencoded"})
            assert status == 413, (path, body[:200])
        assert raw(base, "GET", "/healthz")[0] == 200


TRAVERSALS = [
    "/static/../project.yaml", "/static/..%2fproject.yaml", "/static/..%2f..%2fpyproject.toml",
    "/static/%2e%2e/%2e%2e/pyproject.toml", "/static/css/../../../../../../etc/passwd",
    "/static/..%5c..%5cpyproject.toml", "/static/%2e%2e%5cproject.yaml",
    "/static/css/%2e%2e/%2e%2e/templates/base.html", "/export/..%2fproject.yaml",
    "/export/scores.yaml%2f..%2f..%2fproject.yaml", "/results/..%2f..%2fproject.yaml",
    "/results/report..%2f..%2fproject.yaml", "/invite/..%2f..%2fetc%2fpasswd",
    "/vendors/..%2f..%2fetc%2fpasswd", "/testdrive/odoo/..%2f..%2fproject.yaml",
]


def test_no_path_reads_a_file_outside_the_static_folder(app, web_project) -> None:
    secrets = [b"root:x:0:0", b"organisation:", b"[project]", b"{% block"]
    with live_server(app, threads=4) as base:
        for path in TRAVERSALS:
            status, body, headers = raw(base, "GET", path)
            assert status in (301, 302, 308, 400, 404), (path, status)
            assert not any(secret in body for secret in secrets), path
            if status in (301, 302, 308):
                assert "/static/" in headers["Location"] or "/login" in headers["Location"]


def test_downloads_have_fixed_file_names(make_client, app) -> None:
    from crmselect.evaluationdb import settings

    with app.extensions["crmselect"].db.write() as s:
        settings.reveal(s, "selin")
    client = make_client("selin")
    for url, name in (("/export/scores.yaml", "scores.yaml"), ("/export/scores.csv",
                                                                "scores.csv"),
                      ("/results/report.html", "comparison.html")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Content-Disposition"] == f'attachment; filename="{name}"'
    assert client.get("/results/report.html%0d%0aX-Injected:%201").status_code == 404
