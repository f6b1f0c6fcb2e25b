"""Error pages in both languages, never a stack trace.

Bugs keep their traceback in the server log; the person sees what happened and what to do.
JSON clients (the background saves) get ``{"ok": false, "error": ...}`` instead of a page.
"""

from __future__ import annotations

from flask import Flask, jsonify, render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

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
        500: (_("Something went wrong"), _("The server could not complete the request. Your "
                                            "earlier saves are kept. Try again in a moment.")),
    }
    return titles.get(code, titles[500] if code >= 500 else titles[400])


def render_error(code: int, detail: str = "") -> tuple[object, int]:
    title, message = _messages(code)
    if wants_json():
        return jsonify(ok=False, error=detail or message, status=code), code
    return render_template("error.html", code=code, title=title, message=detail or message), code


def _http_error(error: HTTPException) -> tuple[object, int]:
    return render_error(error.code or 500)


def _csrf_error(error: CSRFError) -> tuple[object, int]:
    return render_error(400, _("The form has expired or was not sent by this site. Reload the "
                               "page and try again."))


def _server_error(error: InternalServerError) -> tuple[object, int]:
    # Flask has already logged the unhandled exception with its traceback.
    return render_error(500)


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(InternalServerError, _server_error)
