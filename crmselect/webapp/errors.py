"""Error pages in both languages, never a stack trace.

Bugs keep their traceback in the server log; the person sees what happened and what to do.
JSON clients (the background saves) get ``{"ok": false, "error": ...}`` instead of a page.
"""

from __future__ import annotations

import sys

from flask import Flask, current_app, g, jsonify, render_template, request
from flask_babel import gettext as _
from flask_babel import refresh
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import StatementError
from werkzeug.exceptions import HTTPException, InternalServerError

from crmselect.evaluationdb.passwords import HasherBusy
from crmselect.webapp import inputs
from crmselect.webapp.access import wants_json


def _messages(code: int) -> tuple[str, str]:
    titles = {
        400: (_("Bad request"), _("The request could not be understood. Go back and try "
                                   "again.")),
        401: (_("Please sign in"), _("Your session has ended. Sign in again to continue.")),
        403: (_("Not allowed"), _("You do not have access to this page.")),
        404: (_("Page not found"), _("There is no page at this address.")),
        405: (_("Not allowed"), _("This address cannot be used that way.")),
        409: (_("Changed in the meantime"), _("Someone else changed this in the meantime.")),
        413: (_("Too large"), _("What you sent is too large.")),
        429: (_("Too many attempts"), _("Too many failed sign-ins. Wait a few minutes and "
                                         "try again.")),
        503: (_("Server busy"), _("The server is busy. Try again in a few seconds.")),
        500: (_("Something went wrong"), _("The server could not complete the request. Your "
                                            "earlier saves are kept. Try again in a moment.")),
    }
    return titles.get(code, titles[500] if code >= 500 else titles[400])


def _in_the_persons_language() -> None:
    """Load the signed-in person before an error is worded: errors raised before the access
    check ran (the CSRF check, the input check) would otherwise be in the browser's language,
    not the one the person chose."""
    if "user" in g:
        return
    from crmselect.webapp.access import _load_user

    try:
        g.user = _load_user()
    except Exception:  # noqa: BLE001 - an error page must not fail on a broken database
        g.user = None
    refresh()


def render_error(code: int, detail: str = "", field: str | None = None,
                 kept: list[tuple[str, str]] | None = None,
                 reason: str | None = None) -> tuple[object, int]:
    _in_the_persons_language()
    title, message = _messages(code)
    if wants_json():
        body = {"ok": False, "error": detail or message, "status": code}
        if field is not None:
            body["field"] = field
        if reason is not None:
            body["reason"] = reason
        return jsonify(body), code
    return render_template("error.html", code=code, title=title, message=detail or message,
                           kept=kept or []), code


def _http_error(error: HTTPException) -> tuple[object, int]:
    return render_error(error.code or 500)


#: Forms posted before signing in: a refused token there is no ended session.
_SIGN_IN_FORMS = frozenset({"auth.login", "auth.invitation", "auth.language"})


def _csrf_error(error: CSRFError) -> tuple[object, int]:
    _in_the_persons_language()
    if g.get("user") is None and request.endpoint not in _SIGN_IN_FORMS:
        # The session ended (signed out in another tab, or expired) and its token with it:
        # "sign in again", not "not sent by this site"; what was typed is shown back.
        return render_error(401, kept=inputs.kept_fields(), reason="csrf")
    # ``reason``: the page's script fetches a new token (the person signed in again in
    # another tab: a new session, a new token) and sends the save once more.
    return render_error(400, _("The form has expired or was not sent by this site. Reload the "
                               "page and try again."), kept=inputs.kept_fields(),
                        reason="csrf")


def _bad_field(error: inputs.BadField) -> tuple[object, int]:
    if request.endpoint == "auth.login" and not wants_json():
        _in_the_persons_language()
        username = inputs.CONTROL.sub("", request.form.get("username", ""))[:inputs.MAX_FIELD]
        return render_template("login.html", error=str(error.description),
                               username=username), 400
    return render_error(400, str(error.description), field=error.field,
                        kept=inputs.kept_fields())


def _database_error(error: Exception) -> tuple[object, int]:
    if inputs.unstorable_value(error):
        _in_the_persons_language()
        return render_error(400, _("A value you sent is out of range or cannot be saved. "
                                   "Nothing was saved; check the form and send it again."),
                            kept=inputs.kept_fields())
    current_app.log_exception(sys.exc_info())  # type: ignore[arg-type]
    return render_error(500)


def _busy(error: HasherBusy) -> object:
    response = current_app.make_response(render_error(503))
    response.headers["Retry-After"] = "5"
    return response


def _server_error(error: InternalServerError) -> tuple[object, int]:
    # Flask has already logged the unhandled exception with its traceback.
    return render_error(500)


def init_app(app: Flask) -> None:
    app.register_error_handler(inputs.BadField, _bad_field)
    app.register_error_handler(StatementError, _database_error)
    app.register_error_handler(OverflowError, _database_error)
    app.register_error_handler(HasherBusy, _busy)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(InternalServerError, _server_error)
