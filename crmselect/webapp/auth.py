"""Signing in and out, setting a password from an invitation, choosing the language."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from sqlalchemy import text
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from crmselect.evaluationdb import accounts, settings
from crmselect.evaluationdb.accounts import LoginOutcome
from crmselect.evaluationdb.passwords import Weakness, weakness
from crmselect.model import LANGUAGES
from crmselect.webapp.access import PUBLIC, SIGNED_IN, allow, current_user, sign_in
from crmselect.webapp.context import database, project

bp = Blueprint("auth", __name__)


#: Session key: the language was chosen by someone not signed in (on the sign-in page), not
#: kept from the person who signed out before; signing in then keeps it for the account.
_CHOSEN_HERE = "lang_chosen"


def _safe_next(target: str | None) -> str:
    """Only a path on this site (no scheme, no host, no ``//``) is followed after signing in.

    Why no control character and no backslash anywhere: browsers drop tabs and line breaks
    inside an address and read a backslash as a slash, so a slash, a tab and
    ``/evil.example`` would lead to another site; and a line break cannot go into the
    Location header (it was a server error).
    """
    if (target and target.startswith("/") and not target.startswith("//")
            and not any(c < " " or c in "\\\x7f" for c in target)):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return url_for("auth.home")


def _page_to_show(target: str | None) -> str:
    """Where to go back after switching the language: ``target`` when a page can be shown
    there (a GET route of this site), the start page otherwise.

    Why: a page rendered in answer to a form post (a refused score, a stale consensus edit)
    has the post's address; going there with GET would end on "not allowed".
    """
    found = _safe_next(target)
    adapter = current_app.url_map.bind("")
    try:
        adapter.match(urlsplit(found).path, method="GET")
    except RequestRedirect:
        pass  # e.g. a missing trailing slash: the GET will be redirected
    except HTTPException:
        return url_for("auth.home")
    return found


@bp.get("/")
@allow(SIGNED_IN)
def home():
    user = current_user()
    assert user is not None
    if user.is_facilitator:
        return redirect(url_for("facilitator.progress"))
    if user.role == "evaluator":
        return redirect(url_for("scoring.vendors"))
    if user.role == "stakeholder":
        return redirect(url_for("workshop.proposals"))
    with database().read() as s:
        if settings.revealed(s) is not None:
            return redirect(url_for("results.overview"))
    return render_template("waiting.html")


@bp.route("/login", methods=["GET", "POST"])
@allow(PUBLIC)
def login():
    error = ""
    status = 200
    name = request.form.get("username", "")
    if request.method == "POST":
        person = project().evaluator_by_login(name)
        username = person.id if person else name.strip().lower()
        result = accounts.authenticate(
            database(), username, request.form.get("password", ""), request.remote_addr or "",
            set(project().evaluators),
        )
        if result.outcome is LoginOutcome.OK:
            chosen = session.get("lang") if session.get(_CHOSEN_HERE) else None
            sign_in(result.evaluator or "", result.auth_version)
            if chosen in LANGUAGES and result.evaluator:
                # Chosen on the sign-in page: kept, as a switch in the page header is.
                accounts.set_language(database(), result.evaluator, chosen)
            return redirect(_safe_next(request.args.get("next")))
        if result.outcome is LoginOutcome.LOCKED:
            error = _wait_message(result.retry_after)
            status = 429
        elif result.outcome is LoginOutcome.BUSY:
            error = _("The server is busy. Try again in a few seconds.")
            status = 503
        else:
            error = _("The name or password is not right.")
            status = 401
    response = current_app.make_response(
        (render_template("login.html", error=error, username=name), status))
    if status in (429, 503):
        response.headers["Retry-After"] = str(result.retry_after)
    return response


def _wait_message(seconds: int) -> str:
    if seconds < 120:
        return _("Too many failed sign-ins. Try again in %(seconds)d seconds.", seconds=seconds)
    return _("Too many failed sign-ins. Try again in %(minutes)d minutes.",
             minutes=(seconds + 59) // 60)


@bp.post("/logout")
@allow(SIGNED_IN)
def logout():
    user = current_user()
    assert user is not None
    lang = user.language
    # Ends the session on the server too: a copy of the cookie stops working.
    accounts.end_sessions(database(), user.id)
    session.clear()
    session["lang"] = lang
    return redirect(url_for("auth.login"))


@bp.route("/invite/<token>", methods=["GET", "POST"])
@allow(PUBLIC)
def invitation(token: str):
    with database().read() as s:
        evaluator = accounts.invitation_evaluator(s, token)
    person = project().evaluators.get(evaluator or "")
    if person is None:
        return render_template("invitation.html", invalid=True), 404
    error = ""
    if request.method == "POST":
        password = request.form.get("password", "")
        weak = weakness(password, (person.id, person.name, person.email or "",
                                   (person.email or "").split("@")[0]))
        if weak is not None:
            error = _weakness_message(weak)
        elif password != request.form.get("confirm", ""):
            error = _("The two passwords are not the same.")
        else:
            done = accounts.accept_invitation(database(), token, password)
            if done is None:
                return render_template("invitation.html", invalid=True), 404
            with database().read() as s:
                version = accounts.account(s, done).auth_version  # type: ignore[union-attr]
            sign_in(done, version)
            return redirect(url_for("auth.home"))
    if "lang" not in session:
        # The language the pages speak once the password is set (the person's, else the
        # project's), not the browser's: a Turkish project's facilitator without a language
        # of her own read her invitation in English.
        session["lang"] = person.language or project().project.language
    return render_template("invitation.html", invalid=False, person=person, error=error,
                           min_length=accounts.MIN_PASSWORD_LENGTH), (422 if error else 200)


def _weakness_message(weak: Weakness) -> str:
    if weak is Weakness.SHORT:
        return _("The password needs at least %(n)d characters.",
                 n=accounts.MIN_PASSWORD_LENGTH)
    if weak is Weakness.PERSONAL:
        return _("The password is too close to your name, user name or e-mail address. "
                 "Choose one that others cannot guess.")
    return _("This password is among the most common ones (or one of them with digits or "
             "symbols added), which are tried first when accounts are attacked. Choose "
             "another; a few unrelated words make a good one.")


@bp.post("/language")
@allow(PUBLIC)
def language():
    lang = request.form.get("lang", "")
    if lang not in LANGUAGES:
        abort(400)
    user = current_user()
    if user is not None:
        accounts.set_language(database(), user.id, lang)
    session["lang"] = lang
    session[_CHOSEN_HERE] = user is None
    return redirect(_page_to_show(request.form.get("next")))


@bp.get("/healthz")
@allow(PUBLIC)
def healthz():
    with database().read() as s:
        s.execute(text("SELECT 1"))
    return {"ok": True}
