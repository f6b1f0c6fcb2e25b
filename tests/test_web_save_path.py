"""The save that every scoring page sends: what it reads per request (issue 10, performance).

The checks stay the same (authentication, authorization, CSRF, declaration, reveal); these tests
pin how few statements they need and that what is kept between requests is safe to keep.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import event, text

from crmselect.evaluationdb import accounts, scores, settings
from crmselect.evaluationdb.engine import DriverConnection
from crmselect.webapp.context import project


def add_evaluation(project_dir: Path, text: str) -> None:
    path = project_dir / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8") + f"evaluation: {text}\n", encoding="utf-8")


@contextmanager
def statements(app) -> Iterator[list[str]]:
    """Every SQL statement the app runs inside the block: through its engine, and straight
    on the driver (:class:`DriverConnection`: the access check and the save)."""
    seen: list[str] = []
    engine = app.extensions["crmselect"].db.engine

    def record(_conn, _cursor, statement, *_args) -> None:
        seen.append(" ".join(statement.split()))

    run = DriverConnection.run

    def run_recorded(self, sql, args):
        seen.append(" ".join(sql.split()))
        return run(self, sql, args)

    event.listen(engine, "before_cursor_execute", record)
    DriverConnection.run = run_recorded
    try:
        yield seen
    finally:
        DriverConnection.run = run
        event.remove(engine, "before_cursor_execute", record)


def test_session_check_reads_account_declaration_and_reveal_in_one_query(app) -> None:
    db = app.extensions["crmselect"].db
    with statements(app) as seen, db.read_connection() as conn:
        before = accounts.session_check(conn, "ayse")
    assert len(seen) == 1
    assert before == accounts.SessionState(auth_version=1, language=None, declared=False,
                                           revealed=False)
    with db.write() as s:
        scores.declare(s, evaluator="ayse", interests="", language="en")
        settings.reveal(s, "selin")
    with db.read_connection() as conn:
        after = accounts.session_check(conn, "ayse")
        other = accounts.session_check(conn, "mehmet")
        assert accounts.session_check(conn, "nobody") is None
    assert after is not None and after.declared and after.revealed
    assert other is not None and not other.declared and other.revealed


def test_a_save_checks_the_person_with_one_statement_before_its_transaction(
        web_project, app_factory) -> None:
    # With the declaration required, the access check used to read the account and then the
    # declaration (through an ORM session, with its own BEGIN).
    add_evaluation(web_project, "{conflict_of_interest: true}")
    app = app_factory(web_project)
    ayse = app.test_client().as_user("ayse")
    assert ayse.post("/declaration", data={"choice": "none",
                                           "confirm": "yes"}).status_code == 302
    token = ayse.csrf()
    with statements(app) as seen:
        saved = ayse.post("/vendors/odoo/score", headers={"Accept": "application/json"},
                          data={"target": "INT-FIN-001", "score": "3", "note": "",
                                "csrf_token": token})
    assert saved.status_code == 200 and saved.get_json()["ok"]
    begin = seen.index("BEGIN IMMEDIATE")
    before = [s for s in seen[:begin] if not s.startswith("PRAGMA")]
    assert len(before) == 1 and "FROM account" in before[0], before
    # Without the declaration the save is still refused.
    mehmet = app.test_client().as_user("mehmet")
    refused = mehmet.post("/vendors/odoo/score", headers={"Accept": "application/json"},
                          data={"target": "INT-FIN-001", "score": "3", "note": "",
                                "csrf_token": mehmet.csrf()})
    assert refused.status_code == 403 and refused.get_json()["error"] == "declaration"


def test_one_request_sees_one_version_of_the_project(app, monkeypatch) -> None:
    source = app.extensions["crmselect"].source
    first = source.get()
    calls = []

    def changed():
        calls.append(1)
        return object()

    with app.test_request_context("/"):
        assert project() is first
        monkeypatch.setattr(source, "get", changed)
        assert project() is first and project() is first
    assert calls == []
    with app.test_request_context("/"):  # the next request looks again
        assert project() is not first
    assert calls == [1]


def test_target_sets_are_the_targets_of_the_persons_areas(app) -> None:
    view = app.extensions["crmselect"].source.get()
    mehmet, ayse = view.evaluators["mehmet"], view.evaluators["ayse"]
    assert mehmet.areas and not ayse.areas
    for person in (mehmet, ayse, mehmet):  # the second time from the cache
        targets = view.requirement_targets(person)
        assert isinstance(targets, list)
        assert view.requirement_target_set(person) == set(targets)
        assert targets == [r.id for a in view.requirement_areas(person)
                           for r in a.requirements]
    assert view.requirement_target_set(mehmet) < view.requirement_target_set(ayse)
    assert view.step_target_set == set(view.step_targets)


def test_only_the_first_save_keeps_the_weights_fingerprint(app, client) -> None:
    db = app.extensions["crmselect"].db
    with db.read_connection() as conn:
        assert not scores.gate(conn, "ayse", "odoo").fingerprinted
    client.as_user("ayse")
    token = client.csrf()

    def save(score: int) -> list[str]:
        with statements(app) as seen:
            saved = client.post("/vendors/odoo/score", headers={"Accept": "application/json"},
                                data={"target": "INT-FIN-001", "score": str(score), "note": "",
                                      "csrf_token": token})
        assert saved.status_code == 200 and saved.get_json()["ok"]
        return [s for s in seen if s.startswith("INSERT INTO setting")]

    assert len(save(3)) == 1
    with db.read() as s:
        kept = settings.weights_fingerprint(s)
    assert kept
    with db.read_connection() as conn:
        assert scores.gate(conn, "ayse", "odoo").fingerprinted
    assert save(2) == []
    with db.read() as s:
        assert settings.weights_fingerprint(s) == kept


def test_a_background_save_reads_nothing_after_its_commit(app, client) -> None:
    # The answer carries no counts: the page counts its own progress (issue 10).
    client.as_user("ayse")
    token = client.csrf()
    with statements(app) as seen:
        saved = client.post("/vendors/odoo/score", headers={"Accept": "application/json"},
                            data={"target": "INT-FIN-001", "score": "3", "note": "",
                                  "csrf_token": token})
    body = saved.get_json()
    assert saved.status_code == 200 and body["ok"] and "progress" not in body
    seen = [s for s in seen if not s.startswith("PRAGMA")]
    logged = next(i for i, s in enumerate(seen) if s.startswith("INSERT INTO audit"))
    # Before: the person's scored targets were read again after the commit.
    assert not [s for s in seen[logged + 1:] if s.startswith("SELECT")], seen


@pytest.mark.parametrize(("lang", "shown"), [("en", "990001 of 990002 scored"),
                                             ("tr", "990001 / 990002 puanlandı")])
def test_the_progress_text_carries_its_template_for_the_pages_script(make_client, lang,
                                                                      shown) -> None:
    page = make_client("ayse", lang=lang).get("/vendors/odoo").text
    assert f'data-progress-text="{shown}"' in page
    # Without JavaScript the text is the count itself.
    assert ">0 of 9 scored<" in page if lang == "en" else ">0 / 9 puanlandı<" in page


def test_the_no_js_save_still_redirects_back_to_the_requirement(make_client) -> None:
    client = make_client("ayse")
    saved = client.save_score("odoo", "INT-FIN-001", 3, json=False)
    assert saved.status_code == 302
    assert saved.headers["Location"].endswith("/vendors/odoo#t-INT-FIN-001")
    page = client.get("/vendors/odoo").text
    assert ">1 of 9 scored<" in page


def test_the_driver_level_save_stores_what_the_core_save_stores(app, client) -> None:
    # The web form's save runs its statements with exec_driver_sql (DriverStatement): the rows
    # must be the same as those of the ORM/Core path (times as naive UTC, read back aware).
    db = app.extensions["crmselect"].db
    client.as_user("ayse")
    body = client.save_score("odoo", "INT-FIN-001", 4, "web").get_json()
    with db.write() as s:  # a Session: the Core path
        scores.save_score(s, actor="mehmet", evaluator="mehmet", vendor="odoo",
                          target="INT-FIN-001", score=4.0, note="core")
    with db.read() as s:
        rows = {r.evaluator_id: r for r in scores.scores(s, vendor="odoo")}
        raw = s.execute(text("SELECT evaluator_id, typeof(updated_at), length(updated_at) "
                             "FROM score ORDER BY evaluator_id")).all() \
            if db.dialect == "sqlite" else []
        logged = s.execute(text("SELECT actor, new_value FROM audit_log ORDER BY id")).all()
    assert raw == [] or raw[0][1:] == raw[1][1:]
    assert rows["ayse"].updated_at.tzinfo is not None and rows["ayse"].version == 1
    assert body["saved_at"] == rows["ayse"].updated_at.isoformat(timespec="seconds")
    assert logged[-2:] == [("ayse", '{"note": "web", "score": 4.0}'),
                           ("mehmet", '{"note": "core", "score": 4.0}')]
    # Unchanged: the old score read with the gate in one statement, no new version.
    again = client.save_score("odoo", "INT-FIN-001", 4, "web").get_json()
    assert again["version"] == 1 and again["saved_at"] == body["saved_at"]
    assert client.save_score("odoo", "INT-FIN-001", 2, "web").get_json()["version"] == 2


def test_the_save_reads_gate_and_old_score_in_one_statement_on_sqlite(app, client) -> None:
    if app.extensions["crmselect"].db.dialect != "sqlite":
        pytest.skip("a UNION cannot lock rows: elsewhere the old score is read FOR UPDATE")
    client.as_user("ayse")
    token = client.csrf()
    with statements(app) as seen:
        client.post("/vendors/odoo/score", headers={"Accept": "application/json"},
                    data={"target": "INT-FIN-001", "score": "3", "note": "",
                          "csrf_token": token})
    inside = seen[seen.index("BEGIN IMMEDIATE") + 1:]
    assert [s.split()[0] for s in inside] == ["SELECT", "INSERT", "INSERT", "INSERT"], inside
    assert "UNION ALL" in inside[0] and "FROM score" in inside[0]


def test_the_session_serializer_is_made_once_per_key(app, client) -> None:
    from crmselect.webapp.security import SessionCookies

    cookies = app.session_interface
    assert isinstance(cookies, SessionCookies)
    first = cookies.get_signing_serializer(app)
    assert cookies.get_signing_serializer(app) is first
    client.as_user("ayse")
    assert client.get("/vendors/odoo").status_code == 200
    assert cookies.get_signing_serializer(app) is first
    # A new key: a new serializer, and the cookie signed with the old key no longer works.
    app.secret_key = "another key that is long enough to sign sessions with"
    assert cookies.get_signing_serializer(app) is not first
    assert client.get("/vendors/odoo").status_code == 302
    assert client.save_score("odoo", "INT-FIN-001", 3).status_code in (400, 401)


@pytest.mark.parametrize(("accept", "expected"), [
    ("application/json", True), ("application/json, text/html;q=0.9", True),
    ("text/html,application/json;q=0.9", False), ("text/html", False), ("", False),
    ("*/*", False)])
def test_wants_json(app, accept, expected) -> None:
    from crmselect.webapp.access import wants_json

    headers = {"Accept": accept} if accept else {}
    with app.test_request_context("/", headers=headers):
        assert wants_json() is expected


# --- what a save no longer recomputes (issue 10, the last point) ---------------------------------

def _count_loads(monkeypatch, verified) -> list[str]:
    """Record each string ``verified``'s serializer really verifies."""
    seen: list[str] = []
    loads = verified.serializer.loads

    def counted(signed, *args, **kwargs):
        seen.append(signed)
        return loads(signed, *args, **kwargs)

    monkeypatch.setattr(verified.serializer, "loads", counted)
    return seen


def _json_save(client, token: str, score: int = 3, target: str = "INT-FIN-001"):
    return client.post("/vendors/odoo/score", csrf=False,
                       headers={"Accept": "application/json", "X-CSRFToken": token},
                       data={"target": target, "score": str(score), "note": "",
                             "csrf_token": token})


def test_the_csrf_token_and_the_session_cookie_are_verified_once(app, client,
                                                                 monkeypatch) -> None:
    from crmselect.webapp.security import CsrfProtect

    csrf = app.extensions["csrf"]
    assert isinstance(csrf, CsrfProtect)
    client.as_user("ayse")
    token = client.csrf()
    with app.app_context():
        csrf_seen = _count_loads(monkeypatch, csrf._verified())
    cookies = _count_loads(monkeypatch, app.session_interface._verified(app))
    for score in (3, 4, 2):
        assert _json_save(client, token, score).status_code == 200
    assert csrf_seen == [token]  # Flask-WTF verified it three times, with three serializers
    assert len(cookies) == 1


def test_a_kept_csrf_token_still_expires_and_must_be_the_sessions(app_factory, web_project,
                                                                   monkeypatch) -> None:
    from crmselect.webapp import security

    app = app_factory(web_project, WTF_CSRF_TIME_LIMIT=60)
    ayse, mehmet = app.test_client().as_user("ayse"), app.test_client().as_user("mehmet")
    token, other = ayse.csrf(), mehmet.csrf()
    assert _json_save(ayse, token).status_code == 200
    assert _json_save(mehmet, other).status_code == 200  # both tokens are kept now
    # Another session's (kept) token is refused.
    assert _json_save(ayse, other, 4).status_code == 400
    # A kept token older than the time limit is refused, as Flask-WTF refuses it.
    later = time.time() + 120
    monkeypatch.setattr(security.time, "time", lambda: later)
    refused = _json_save(ayse, token, 4)
    assert refused.status_code == 400 and not refused.get_json()["ok"]
    with app.extensions["crmselect"].db.read() as s:
        kept = {r.evaluator_id: r.score for r in scores.scores(s, vendor="odoo")}
    assert kept == {"ayse": 3.0, "mehmet": 3.0}


def test_a_kept_token_and_cookie_stop_working_with_a_new_key(app, client) -> None:
    client.as_user("ayse")
    token = client.csrf()
    assert _json_save(client, token).status_code == 200
    app.secret_key = "another key that is long enough to sign sessions with"
    # The cookie no longer verifies (signed out), so neither does the token.
    assert _json_save(client, token, 4).status_code in (400, 401)
    with app.test_request_context("/"):
        from flask import session

        session["csrf_token"] = "0" * 40
        with pytest.raises(Exception, match="invalid"):
            app.extensions["csrf"].validate(token)


def test_a_kept_session_cookie_still_expires(app, client, monkeypatch) -> None:
    from crmselect.webapp import security

    client.as_user("ayse")
    token = client.csrf()
    assert _json_save(client, token).status_code == 200
    later = time.time() + 13 * 3600  # the session lives 12 hours
    monkeypatch.setattr(security.time, "time", lambda: later)
    assert _json_save(client, token, 4).status_code in (400, 401)
    assert client.get("/vendors/odoo").status_code == 302  # to the sign-in page


def test_only_unchanging_verified_values_are_kept() -> None:
    from itsdangerous import BadSignature, URLSafeTimedSerializer

    from crmselect.webapp.security import Verified

    serializer = URLSafeTimedSerializer("a key that is long enough for this test", salt="s")
    verified = Verified(serializer)
    plain = serializer.dumps({"uid": "ayse", "av": 1})
    first = verified.loads(plain, None)
    first["uid"] = "mehmet"  # a request changes its session
    assert verified.loads(plain, None) == {"uid": "ayse", "av": 1}
    # A list (Flask's flashed messages) is changed in place: such a session is not kept.
    flashed = serializer.dumps({"uid": "ayse", "_flashes": [["ok", "Saved."]]})
    verified.loads(flashed, None)["_flashes"].append(["ok", "again"])
    assert verified.loads(flashed, None)["_flashes"] == [["ok", "Saved."]]
    assert flashed not in verified._seen and plain in verified._seen
    # A forged string is refused every time and never kept.
    forged = plain[:-2] + ("AA" if not plain.endswith("AA") else "BB")
    for _ in range(2):
        with pytest.raises(BadSignature):
            verified.loads(forged, None)
    assert forged not in verified._seen


def test_an_unchanged_session_is_not_signed_again(app, client) -> None:
    client.as_user("ayse")
    token = client.csrf()
    saved = _json_save(client, token)
    assert saved.status_code == 200
    assert "Set-Cookie" not in saved.headers and "Cookie" in saved.headers.get("Vary", "")
    changed = client.post("/language", data={"lang": "tr"})
    assert "crmselect_session=" in changed.headers.get("Set-Cookie", "")


def test_the_security_headers_keep_what_a_view_set(app) -> None:
    from flask import Response

    from crmselect.webapp.security import HEADERS, _add_headers

    with app.test_request_context("/vendors"):
        response = _add_headers(Response("x", headers={"x-frame-options": "SAMEORIGIN"}))
    assert response.headers.getlist("X-Frame-Options") == ["SAMEORIGIN"]
    for name, value in HEADERS.items():
        if name != "X-Frame-Options":
            assert response.headers.getlist(name) == [value]
    assert response.headers["Cache-Control"] == "no-store"


def test_a_save_runs_no_statement_through_sqlalchemy(app, client) -> None:
    # The access check and the save's transaction run on the driver connection
    # (DriverConnection): SQLAlchemy's per-statement work cost more than SQLite's own.
    client.as_user("ayse")
    token = client.csrf()
    engine = app.extensions["crmselect"].db.engine
    through_engine: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        through_engine.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        with statements(app) as seen:
            assert _json_save(client, token).status_code == 200
            cleared = client.post("/vendors/odoo/score", csrf=False,
                                  headers={"Accept": "application/json"},
                                  data={"target": "INT-FIN-001", "action": "clear",
                                        "csrf_token": token})
            assert cleared.status_code == 200 and cleared.get_json()["score"] is None
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert through_engine == []
    assert any(s.startswith("INSERT INTO score") for s in seen)
    assert any(s.startswith("DELETE FROM score") for s in seen)
    with app.extensions["crmselect"].db.read() as s:
        assert scores.scores(s, vendor="odoo") == []
        logged = s.execute(text("SELECT action FROM audit_log ORDER BY id")).scalars().all()
    assert logged[-2:] == ["score", "score_cleared"]


def test_a_failed_driver_transaction_keeps_nothing(app) -> None:
    from sqlalchemy.exc import DBAPIError

    db = app.extensions["crmselect"].db
    with pytest.raises(RuntimeError), db.driver_write() as conn:
        scores.save_score(conn, actor="ayse", evaluator="ayse", vendor="odoo",
                          target="INT-FIN-001", score=3, note="", old=None)
        raise RuntimeError("after the statements, before the commit")
    # A driver error is SQLAlchemy's, as on a Connection (the error pages know those).
    with pytest.raises(DBAPIError), db.driver_write() as conn:
        conn.run("INSERT INTO no_such_table VALUES (1)", ())
    with db.driver_write() as conn:  # the lock and the connection are free again
        scores.save_score(conn, actor="ayse", evaluator="ayse", vendor="odoo",
                          target="INT-FIN-002", score=4, note="", old=None)
    with db.read() as s:
        assert [(r.target, r.score) for r in scores.scores(s)] == [("INT-FIN-002", 4.0)]


def test_the_threads_driver_connections_close_with_the_database(app) -> None:
    db = app.extensions["crmselect"].db
    if db.dialect != "sqlite":
        pytest.skip("elsewhere the driver connection comes from the pool each time")
    seen = []

    def use() -> None:
        with db.driver_read() as conn:
            seen.append(conn.driver)
            conn.run("SELECT 1", ())

    use()
    use()
    worker = threading.Thread(target=use)
    worker.start()
    worker.join()
    assert seen[0] is seen[1] and seen[2] is not seen[0]  # one per thread
    db.dispose()
    for driver in seen:
        with pytest.raises(sqlite3.ProgrammingError):
            driver.execute("SELECT 1")
    use()  # a new one after dispose
    assert seen[-1] is not seen[0]


@pytest.mark.parametrize(("lang", "saved", "cleared"), [("en", "Saved", "Cleared"),
                                                        ("tr", "Kaydedildi", "Temizlendi")])
def test_the_page_has_the_saved_text_and_the_answer_none(make_client, lang, saved,
                                                         cleared) -> None:
    # The page's script shows "Saved · <time>" from the page's own text: a save needs no
    # translation (no locale, no catalog) on the server.
    client = make_client("ayse", lang=lang)
    page = client.get("/vendors/odoo").text
    assert f'data-msg-saved="{saved}"' in page and f'data-msg-cleared="{cleared}"' in page
    body = client.save_score("odoo", "INT-FIN-001", 3).get_json()
    assert body["ok"] and "message" not in body
