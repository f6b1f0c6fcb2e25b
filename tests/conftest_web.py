"""Fixtures for the web form tests: a project copy, the app on SQLite (and on PostgreSQL when
``CRMSELECT_TEST_PG_URL`` is set), and a test client that signs in and sends CSRF tokens.

Imported by ``tests/conftest.py``.
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from crmselect.evaluationdb import Database
from crmselect.evaluationdb.accounts import hash_password
from crmselect.evaluationdb.schema import Account, utcnow

WEB_DATA = Path(__file__).parent / "data" / "web"
PASSWORD = "correct-horse-battery"
PG_ENV = "CRMSELECT_TEST_PG_URL"
_TOKEN = re.compile(r'name="csrf-token" content="([^"]+)"')

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(autouse=True)
def crmselect_data_dir(tmp_path_factory: pytest.TempPathFactory,
                       monkeypatch: pytest.MonkeyPatch) -> Path:
    """Session keys are kept in a folder of the test run, never in the user's own data folder
    (servers started by a test inherit it)."""
    folder = tmp_path_factory.getbasetemp() / "crmselect-data"
    monkeypatch.setenv("CRMSELECT_DATA_DIR", str(folder))
    monkeypatch.delenv("CRMSELECT_SECRET_KEY", raising=False)
    return folder


@pytest.fixture(scope="session")
def password_hash() -> str:
    """One argon2 hash of :data:`PASSWORD`, made once (hashing is slow on purpose)."""
    return hash_password(PASSWORD)


@pytest.fixture
def web_project(tmp_path: Path) -> Path:
    """A fresh copy of the web test project."""
    target = tmp_path / "project"
    shutil.copytree(WEB_DATA / "project", target)
    return target


@contextmanager
def postgres_url() -> Iterator[str]:
    """A PostgreSQL URL with a schema of its own, dropped afterwards (skips the test when no
    server is set)."""
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set")
    from sqlalchemy import create_engine, text

    schema = "t_" + uuid.uuid4().hex[:12]
    engine = create_engine(base)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, web_project: Path) -> Iterator[str]:
    """The evaluation database URL: SQLite in the project, or a fresh PostgreSQL schema."""
    if request.param == "postgres":
        with postgres_url() as url:
            yield url
    else:
        yield f"sqlite:///{web_project / 'evaluation.db'}"


def add_accounts(db: Database, ids: list[str], password_hash: str) -> None:
    """Give each person an account with :data:`PASSWORD` (auth_version 1)."""
    with db.write() as session:
        for pid in ids:
            if session.get(Account, pid) is not None:
                continue
            session.add(Account(evaluator_id=pid, password_hash=password_hash, auth_version=1,
                                created_at=utcnow(), password_set_at=utcnow()))


def make_app(project: Path, db_url: str | None, password_hash: str, **config: object) -> Flask:
    from crmselect.webapp import create_app

    app = create_app(project, db_url, test_config={"TESTING": True, "PROJECT_CHECK_INTERVAL": 0,
                                                   **config})
    view = app.extensions["crmselect"].source.get()
    add_accounts(app.extensions["crmselect"].db, list(view.evaluators), password_hash)
    return app


@pytest.fixture
def app(web_project: Path, db_url: str, password_hash: str) -> Iterator[Flask]:
    """The web app over the test project; everyone in project.yaml has an account."""
    app = make_app(web_project, db_url, password_hash)
    yield app
    app.extensions["crmselect"].db.dispose()


class WebClient(FlaskClient):
    """A test client that can sign in and adds the CSRF token to every form post."""

    def sign_in(self, person: str) -> WebClient:
        """Sign in through the login form (the real path, argon2 and all)."""
        response = self.post("/login", data={"username": person, "password": PASSWORD})
        assert response.status_code == 302, response.text
        return self

    def as_user(self, person: str) -> WebClient:
        """Sign in by writing the session cookie directly (fast; for route tests)."""
        with self.session_transaction() as session:
            session.clear()
            session["uid"] = person
            session["av"] = 1
            session["_permanent"] = True
        return self

    def csrf(self) -> str:
        page = super().get("/login")
        found = _TOKEN.search(page.text)
        assert found, page.text[:500]
        return found.group(1)

    def post(self, *args: object, **kwargs: object) -> TestResponse:  # type: ignore[override]
        data = kwargs.get("data")
        if kwargs.pop("csrf", True):
            if isinstance(data, dict) and "csrf_token" not in data:
                kwargs["data"] = {**data, "csrf_token": self.csrf()}
            elif data is None and not kwargs.get("json"):
                kwargs["data"] = {"csrf_token": self.csrf()}
        return super().post(*args, **kwargs)  # type: ignore[arg-type]

    def save_score(self, vendor: str, target: str, score: object, note: str = "",
                   json: bool = True, **extra: str) -> TestResponse:
        headers = {"Accept": "application/json"} if json else {}
        return self.post(f"/vendors/{vendor}/score", headers=headers,
                         data={"target": target, "score": str(score), "note": note, **extra})


@pytest.fixture
def client(app: Flask) -> WebClient:
    app.test_client_class = WebClient
    return app.test_client()  # type: ignore[return-value]


@pytest.fixture
def make_client(app: Flask):
    """A factory for more clients of the same app (one per person)."""
    app.test_client_class = WebClient

    def make(person: str | None = None, lang: str | None = "en") -> WebClient:
        """A client signed in as ``person`` who has chosen ``lang`` (None: the language of
        project.yaml)."""
        c: WebClient = app.test_client()  # type: ignore[assignment]
        if person:
            c.as_user(person)
        if lang:
            assert c.post("/language", data={"lang": lang}).status_code == 302
        return c

    return make


@pytest.fixture
def app_factory(password_hash: str):
    """Make more apps (other 'workers', other projects); their connections close afterwards."""
    made: list[Flask] = []

    def make(project: Path, db_url: str | None = None, **config: object) -> Flask:
        new = make_app(project, db_url, password_hash, **config)
        new.test_client_class = WebClient
        made.append(new)
        return new

    yield make
    for made_app in made:
        made_app.extensions["crmselect"].db.dispose()


# --- helpers for tests against a real server ------------------------------------------------------


@contextmanager
def live_server(app: Flask, threads: int = 8) -> Iterator[str]:
    """Serve ``app`` with waitress on a free loopback port in a thread; yields the base URL."""
    import threading

    from waitress import create_server

    server = create_server(app, host="127.0.0.1", port=0, threads=threads,
                           connection_limit=200, channel_timeout=30)
    thread = threading.Thread(target=server.run, name="waitress", daemon=True)
    thread.start()
    def stop() -> None:
        """Close every connection and the listener in the server's own thread, between two
        polls: closed from this thread, a socket could go away while the loop's ``select``
        waits on it (EBADF in the server thread, an unclosed socket left to the collector)."""
        for channel in list(server._map.values()):  # type: ignore[union-attr]
            if channel is not server and channel is not server.trigger:  # type: ignore[union-attr]
                channel.close()
        server.close()  # the listener and the trigger: the map is empty, the loop ends

    try:
        yield f"http://127.0.0.1:{server.effective_port}"  # type: ignore[union-attr]
    finally:
        server.trigger.pull_trigger(stop)  # type: ignore[union-attr]
        thread.join(timeout=10)
        server.task_dispatcher.shutdown()  # type: ignore[union-attr]


def scaled_project(project: Path, *, evaluators: int = 0, requirements: int = 0) -> Path:
    """Grow the test project in place: ``evaluators`` more evaluators (``ev01``…) and
    ``requirements`` more custom requirements (``CUS-LOAD-001``…)."""
    import yaml

    path = project / "project.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["evaluators"] += [
        {"id": f"ev{i:02d}", "name": f"Evaluator {i:02d}", "role": "evaluator", "language": "en"}
        for i in range(1, evaluators + 1)
    ]
    data["custom_requirements"] += [
        {"id": f"CUS-LOAD-{i:03d}", "area": "operational", "group": "sales_automation",
         "title": {"en": f"Load requirement {i}", "tr": f"Yük gereksinimi {i}"},
         "description": {"en": "A requirement that makes the scoring page long.",
                         "tr": "Puanlama sayfasını uzatan bir gereksinim."},
         "acceptance_criteria": [{"en": "It is shown.", "tr": "Gösterilir."}],
         "phases": ["acquisition"]}
        for i in range(1, requirements + 1)
    ]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return project


class HttpSession:
    """A minimal browser over http.client: one keep-alive connection, the session cookie and
    the CSRF token of the last page (for tests and benchmarks against a real server)."""

    def __init__(self, base: str, timeout: float = 30) -> None:
        import http.client
        from urllib.parse import urlsplit

        parts = urlsplit(base)
        self.conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
        self.cookie = ""
        self.token = ""

    def request(self, method: str, path: str, form: dict[str, str] | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, str]:
        from urllib.parse import urlencode

        sent = dict(headers or {})
        if self.cookie:
            sent["Cookie"] = self.cookie
        body = None
        if form is not None:
            body = urlencode(form)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        self.conn.request(method, path, body=body, headers=sent)
        response = self.conn.getresponse()
        text = response.read().decode("utf-8")
        for name, value in response.getheaders():
            if name.lower() == "set-cookie" and value.startswith("crmselect_session="):
                self.cookie = value.split(";", 1)[0]
        found = _TOKEN.search(text)
        if found:
            self.token = found.group(1)
        return response.status, text

    def sign_in(self, person: str) -> None:
        self.request("GET", "/login")
        status, _ = self.request("POST", "/login", {"username": person, "password": PASSWORD,
                                                    "csrf_token": self.token})
        assert status == 302, status
        self.request("GET", "/vendors")  # a fresh token for the new session

    def save(self, vendor: str, target: str, score: int, note: str = "") -> tuple[int, str]:
        return self.request("POST", f"/vendors/{vendor}/score",
                            {"target": target, "score": str(score), "note": note},
                            {"Accept": "application/json", "X-CSRFToken": self.token})

    def close(self) -> None:
        self.conn.close()


@pytest.fixture
def new_project(tmp_path: Path) -> Path:
    """A project as ``crmselect init`` makes it (the setup pages' starting point)."""
    from crmselect.cli.web import starter_project

    folder = tmp_path / "acme"
    folder.mkdir()
    (folder / "project.yaml").write_text(starter_project("en", "Selin Aydın"), encoding="utf-8")
    return folder


@pytest.fixture
def setup_app(new_project: Path, app_factory) -> Flask:  # noqa: ANN001
    """The web app over :func:`new_project` in setup mode (``crmselect setup DIR``)."""
    return app_factory(new_project, SETUP=True)


class FakeServer:
    """Stands in for waitress's server: ``crmselect serve`` and ``setup`` start it and return
    (``seen["ran"]`` says it was started)."""

    effective_port = 8124

    def __init__(self, seen: dict) -> None:
        self.seen = seen

    def run(self) -> None:
        self.seen["ran"] = True

    def close(self) -> None:
        pass


@pytest.fixture
def fake_waitress(monkeypatch: pytest.MonkeyPatch) -> dict:
    """waitress's ``create_server`` replaced: the options and app it was given, no server."""
    import waitress

    seen: dict = {}

    def create_server(app, **options):  # noqa: ANN001, ANN202 - waitress's signature
        seen.update(options, app=app)
        return FakeServer(seen)

    monkeypatch.setattr(waitress, "create_server", create_server)
    return seen
