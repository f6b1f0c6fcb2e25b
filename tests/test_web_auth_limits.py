"""Signing in and out on the server: back-off per address and per account that cannot lock
everyone (or a known person) out, the client address read from a trusted proxy only (behind a
real nginx on loopback when it is installed), sessions that end on sign-out, the password
rules, and argon2 parameters with bounded memory."""

from __future__ import annotations

import datetime as dt
import http.client
import os
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from conftest_web import PASSWORD, HttpSession, WebClient
from sqlalchemy import func, select, update

from crmselect.evaluationdb import Database, accounts, default_url, passwords, signinlimits
from crmselect.evaluationdb.schema import Account, LoginAttempt


def db(app) -> Database:
    return app.extensions["crmselect"].db


def client_from(app, address: str, lang: str = "en") -> WebClient:
    """A test client whose requests come from ``address``."""
    app.test_client_class = WebClient
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    client.post("/language", data={"lang": lang})
    return client


def attempt(client: WebClient, username: str, password: str = "wrong-password"):
    return client.post("/login", data={"username": username, "password": password})


class Clock:
    """The time sign-ins see, moved on by the test (no test waits for real seconds)."""

    def __init__(self) -> None:
        self.now = dt.datetime.now(dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch) -> Clock:
    made = Clock()
    monkeypatch.setattr(accounts, "utcnow", made)
    return made


def recorded(app, **where: object) -> int:
    with db(app).read() as s:
        query = select(func.count()).select_from(LoginAttempt)
        for key, value in where.items():
            query = query.where(getattr(LoginAttempt, key) == value)
        return s.scalar(query)


# --- back-off ---------------------------------------------------------------------------------


def test_backoff_doubles_from_the_threshold_up_to_its_cap() -> None:
    policy = signinlimits.Backoff(threshold=5, first_wait=5, max_wait=60)
    assert [policy.wait(n) for n in range(4, 11)] == [0, 5, 10, 20, 40, 60, 60]
    assert signinlimits.PER_NAME.max_wait <= 60
    assert signinlimits.PER_ADDRESS.max_wait <= 300


def test_wrong_passwords_from_one_place_do_not_lock_out_other_people(app, clock) -> None:
    guesser = client_from(app, "10.0.0.1")
    for i in range(signinlimits.PER_ADDRESS.threshold):
        assert attempt(guesser, f"guess{i}").status_code == 401
    refused = attempt(guesser, "mehmet", PASSWORD)
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) == 31
    assert "Too many failed sign-ins. Try again in" in refused.text
    assert attempt(client_from(app, "10.0.0.2"), "mehmet", PASSWORD).status_code == 302
    assert attempt(client_from(app, "10.0.0.3"), "ayse", PASSWORD).status_code == 302


def test_knowing_a_user_name_is_not_enough_to_lock_its_owner_out(app, clock) -> None:
    home = client_from(app, "10.0.0.5")
    assert attempt(home, "ayse", PASSWORD).status_code == 302
    attacker = client_from(app, "10.0.0.66")
    statuses = [attempt(attacker, "ayse").status_code for _ in range(30)]
    assert statuses[:5] == [401] * 5 and set(statuses[5:]) == {429}
    # Refused attempts are not checked or counted.
    assert recorded(app, remote_addr="10.0.0.66") == 5
    # The owner signs in at once from where they signed in before...
    assert attempt(client_from(app, "10.0.0.5"), "ayse", PASSWORD).status_code == 302
    # ...and from a new place waits seconds, not a quarter of an hour.
    elsewhere = client_from(app, "10.0.0.7")
    waiting = attempt(elsewhere, "ayse", PASSWORD)
    assert waiting.status_code == 429
    assert int(waiting.headers["Retry-After"]) <= signinlimits.PER_NAME.max_wait + 1
    assert "seconds" in waiting.text
    clock.advance(6)
    assert attempt(elsewhere, "ayse", PASSWORD).status_code == 302


def test_the_wait_grows_with_each_counted_failure_and_then_ends(app, clock) -> None:
    guesser = client_from(app, "10.0.0.8")
    for _ in range(5):
        assert attempt(guesser, "mehmet").status_code == 401
    for expected in (5, 10, 20, 40, 60, 60):
        refused = attempt(guesser, "mehmet")
        assert refused.status_code == 429
        assert int(refused.headers["Retry-After"]) == expected + 1
        clock.advance(expected - 1)
        assert attempt(guesser, "mehmet").status_code == 429
        clock.advance(1.5)
        assert attempt(guesser, "mehmet").status_code == 401
    clock.advance(signinlimits.WINDOW.total_seconds())
    assert attempt(guesser, "mehmet", PASSWORD).status_code == 302


def test_every_worker_sees_the_same_counts(app, web_project, app_factory, clock) -> None:
    other = app_factory(web_project, db(app).url)
    first = client_from(app, "10.0.0.9")
    for _ in range(5):
        attempt(first, "ayse")
    assert attempt(client_from(other, "10.0.0.9"), "ayse", PASSWORD).status_code == 429


def test_the_wait_message_is_in_the_persons_language(app, clock) -> None:
    guesser = client_from(app, "10.0.0.10", lang="tr")
    for _ in range(5):
        attempt(guesser, "ayse")
    refused = attempt(guesser, "ayse")
    assert refused.status_code == 429
    assert "Çok fazla başarısız giriş denemesi" in refused.text
    assert "saniye sonra tekrar deneyin" in refused.text


# --- signing out --------------------------------------------------------------------------------


def test_signing_out_ends_the_session_on_the_server(app) -> None:
    app.test_client_class = WebClient
    browser = app.test_client().sign_in("ayse")
    copied = browser.get_cookie("crmselect_session").value
    assert browser.get("/vendors").status_code == 200
    assert browser.post("/logout").status_code == 302
    thief = app.test_client()
    thief.set_cookie("crmselect_session", copied)
    assert thief.get("/vendors").status_code == 302  # to the sign-in page
    assert thief.get("/vendors", headers={"Accept": "application/json"}).status_code == 401
    # Signing in again works.
    assert app.test_client().sign_in("ayse").get("/vendors").status_code == 200


# --- passwords ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "password", "message"), [
    ("en", "short-pass1", "The password needs at least 12 characters."),
    ("en", "1q2w3e4r5t6y", "This password is among the most common ones"),
    ("en", "Sunshine2024!", "This password is among the most common ones"),
    ("en", "qwertyqwerty", "This password is among the most common ones"),
    ("en", "123456789012", "This password is among the most common ones"),
    ("en", "omer-1234567", "too close to your name, user name or e-mail"),
    ("tr", "short-pass1", "Parola en az 12 karakter olmalıdır."),
    ("tr", "Password1234", "Bu parola en sık kullanılanlardan biri"),
    ("tr", "omer-1234567", "adınıza, kullanıcı adınıza ya da e-posta adresinize çok yakın"),
])
def test_weak_passwords_are_refused_with_the_reason(app, lang: str, password: str,
                                                    message: str) -> None:
    token, _ = accounts.create_invitation(db(app), "omer")
    client = client_from(app, "10.0.1.1", lang=lang)
    response = client.post(f"/invite/{token}", data={"password": password,
                                                     "confirm": password})
    assert response.status_code == 422
    assert message in response.text
    with db(app).read() as s:
        assert accounts.invitation_evaluator(s, token) == "omer"  # not used up


def test_a_good_password_is_accepted(app) -> None:
    token, _ = accounts.create_invitation(db(app), "omer")
    client = client_from(app, "10.0.1.2")
    good = "plum tractor meadow"
    assert client.post(f"/invite/{token}", data={"password": good, "confirm": good}
                       ).status_code == 302


def test_the_common_password_list_ships_in_the_wheel() -> None:
    from hatchling.builders.wheel import WheelBuilder

    root = Path(__file__).resolve().parent.parent
    builder = WheelBuilder(str(root))
    shipped = {f.distribution_path for f in builder.recurse_included_files()}
    assert "crmselect/evaluationdb/common-passwords.txt.gz" in shipped
    assert len(passwords.common_passwords()) == 10_000


# --- argon2 (issue 18) --------------------------------------------------------------------------


def test_the_hasher_follows_owasp_for_argon2id() -> None:
    hasher = passwords.hasher
    assert (hasher.memory_cost, hasher.time_cost, hasher.parallelism) == (19 * 1024, 2, 1)
    assert hasher.type.name == "ID"
    assert passwords.hash_password("x" * 12).startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert 1 <= passwords.CONCURRENT_HASHES <= 4


def test_a_hash_with_the_old_defaults_verifies_and_is_upgraded(app) -> None:
    old = PasswordHasher().hash(PASSWORD)  # argon2-cffi's defaults: m=65536, t=3, p=4
    assert "m=65536" in old
    with db(app).write() as s:
        s.execute(update(Account).where(Account.evaluator_id == "ayse")
                  .values(password_hash=old))
    client = client_from(app, "10.0.2.1")
    assert attempt(client, "ayse").status_code == 401
    with db(app).read() as s:
        assert s.get(Account, "ayse").password_hash == old  # a wrong password changes nothing
    assert attempt(client, "ayse", PASSWORD).status_code == 302
    with db(app).read() as s:
        upgraded = s.get(Account, "ayse").password_hash
    assert upgraded.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert passwords.verify(upgraded, PASSWORD) and not passwords.needs_rehash(upgraded)
    assert attempt(client_from(app, "10.0.2.2"), "ayse", PASSWORD).status_code == 302


def test_concurrent_hashing_is_bounded(monkeypatch) -> None:
    running = [0]
    most = [0]
    lock = threading.Lock()

    class SlowHasher:
        def verify(self, stored: str, password: str) -> bool:
            with lock:
                running[0] += 1
                most[0] = max(most[0], running[0])
            time.sleep(0.05)
            with lock:
                running[0] -= 1
            return True

    monkeypatch.setattr(passwords, "hasher", SlowHasher())
    threads = [threading.Thread(target=passwords.verify, args=("h", "p")) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert most[0] == passwords.CONCURRENT_HASHES


def test_a_sign_in_that_finds_no_free_hashing_slot_is_told_to_retry(app, monkeypatch) -> None:
    monkeypatch.setattr(passwords, "HASH_WAIT_S", 0.01)
    taken = [passwords._slots.acquire() for _ in range(passwords.CONCURRENT_HASHES)]
    try:
        response = attempt(client_from(app, "10.0.2.3"), "ayse", PASSWORD)
    finally:
        for _ in taken:
            passwords._slots.release()
    assert response.status_code == 503
    assert "Retry-After" in response.headers
    assert "The server is busy" in response.text


# --- the client address behind a proxy ---------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Browser(HttpSession):
    """An HttpSession from a chosen loopback address (all of 127.0.0.0/8 is this machine)."""

    opened: list[Browser] = []

    def __init__(self, base: str, source: str, referer_base: str | None = None) -> None:
        super().__init__(base)
        self.conn.close()
        host, port = base.split("//")[1].split(":")
        self.conn = http.client.HTTPConnection(host, int(port), timeout=30,
                                               source_address=(source, 0))
        self.referer_base = referer_base
        Browser.opened.append(self)

    def attempt(self, username: str, password: str = "wrong-password",
                headers: dict[str, str] | None = None) -> int:
        sent = dict(headers or {})
        if self.referer_base:
            sent["Referer"] = f"{self.referer_base}/login"
        self.request("GET", "/login", headers=sent)
        status, _ = self.request("POST", "/login", {"username": username, "password": password,
                                                    "csrf_token": self.token}, sent)
        self.cookie = ""
        return status


@pytest.fixture
def served(web_project, app_factory):
    """``crmselect serve --behind-https`` on loopback (the accounts made first); yields the
    base URL and the database."""
    from test_web_server import start_server, stop_server

    app_factory(web_project).extensions["crmselect"].db.dispose()
    process, base = start_server(web_project, "--behind-https")
    database = Database(default_url(web_project))
    try:
        yield base, database
    finally:
        for browser in Browser.opened:
            browser.close()
        Browser.opened.clear()
        database.dispose()
        stop_server(process)


def addresses(database: Database) -> list[str]:
    with database.read() as s:
        return list(s.scalars(select(LoginAttempt.remote_addr).order_by(LoginAttempt.id)))


@pytest.mark.slow
def test_forwarded_for_is_trusted_only_from_the_proxy(served) -> None:
    base, database = served
    spoofed = {"X-Forwarded-For": "203.0.113.9"}
    # From another address, the header is dropped: the real peer is counted.
    assert Browser(base, "127.0.0.2").attempt("ayse", headers=spoofed) == 401
    # From the trusted proxy (127.0.0.1), its last hop is the client.
    assert Browser(base, "127.0.0.1").attempt("ayse", headers=spoofed) == 401
    assert addresses(database) == ["127.0.0.2", "203.0.113.9"]


NGINX = """
daemon off;
master_process off;
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log;
events {{ worker_connections 256; }}
http {{
  access_log off;
  client_body_temp_path {dir}/body;
  proxy_temp_path {dir}/proxy;
  fastcgi_temp_path {dir}/fastcgi;
  uwsgi_temp_path {dir}/uwsgi;
  scgi_temp_path {dir}/scgi;
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass {upstream};
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto https;
    }}
  }}
}}
"""


@pytest.fixture
def nginx(served, tmp_path):
    """nginx on loopback in front of the served app (TLS ends at nginx: it says https)."""
    binary = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx")
                                       else None)
    if binary is None:
        pytest.skip("nginx is not installed (.ci/system-packages.sh installs nginx-light)")
    base, database = served
    folder = tmp_path / "nginx"
    folder.mkdir()
    port = _free_port()
    (folder / "nginx.conf").write_text(NGINX.format(dir=folder, port=port, upstream=base))
    process = subprocess.Popen([binary, "-p", str(folder), "-c", str(folder / "nginx.conf"),
                                "-e", str(folder / "error.log")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    proxied = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if process.poll() is not None:
                raise AssertionError(process.stderr.read().decode()) from None
            time.sleep(0.05)
    try:
        yield proxied, database
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stderr.close()


@pytest.mark.slow
def test_behind_nginx_twenty_wrong_passwords_from_one_place_lock_out_only_that_place(
        nginx) -> None:
    proxied, database = nginx
    referer = proxied.replace("http://", "https://")
    office = Browser(proxied, "127.0.0.2", referer)
    for i in range(signinlimits.PER_ADDRESS.threshold):
        assert office.attempt(f"guess{i}") == 401
    assert office.attempt("mehmet", PASSWORD) == 429
    # Someone elsewhere is not affected, through the same proxy.
    assert Browser(proxied, "127.0.0.3", referer).attempt("mehmet", PASSWORD) == 302
    # A client's own X-Forwarded-For does not hide its address.
    assert Browser(proxied, "127.0.0.4", referer).attempt(
        "ayse", headers={"X-Forwarded-For": "127.0.0.3"}) == 401
    seen = addresses(database)
    assert seen[:20] == ["127.0.0.2"] * 20
    assert seen[-2:] == ["127.0.0.3", "127.0.0.4"]
