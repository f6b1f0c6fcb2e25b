"""What every page template can use: the signed-in person, the project's name, the navigation."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Flask, request

from crmselect.evaluationdb import settings
from crmselect.webapp.access import current_user
from crmselect.webapp.context import database, project
from crmselect.webapp.i18n import text


def _page_context() -> dict[str, Any]:
    user = current_user()
    view = project()
    revealed = None
    if user is not None:
        with database().read() as s:
            revealed = settings.revealed(s)
    return {
        "user": user,
        "project_name": text(view.project.name),
        "revealed": revealed,
        "endpoint": request.endpoint or "",
        "sees_results": user is not None and (user.is_facilitator or revealed is not None),
        "here": _here(),
    }


def _here() -> str:
    """The address of the page being shown, to come back to after switching the language.

    A page rendered in answer to a form post (a refused score, a stale consensus edit) is
    shown at the post's address; it comes back to the page the form was on (the referrer, when
    it is this site), and :func:`crmselect.webapp.auth.language` checks that a page is there.
    """
    if request.method == "GET":
        return request.full_path.rstrip("?")
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc == request.host and referrer.path.startswith("/"):
        return referrer.path + (f"?{referrer.query}" if referrer.query else "")
    return request.path


def init_app(app: Flask) -> None:
    app.context_processor(_page_context)
