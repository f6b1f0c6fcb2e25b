"""The facilitator's status page: where the selection stands, step by step (issue 14).

The same steps, states and next actions as ``crmselect status`` (:mod:`crmselect.selectionstatus`),
with the scores of this web form's evaluation database. Only the facilitator reaches it.
"""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, current_app, render_template, url_for

from crmselect.errors import msg
from crmselect.selectionstatus import STEPS, evidence_from_database, selection_status
from crmselect.webapp.access import allow
from crmselect.webapp.context import database, project
from crmselect.webapp.i18n import core_text

bp = Blueprint("status", __name__)

#: The pages the core names (paths of the web form) → their endpoints here.
_PAGES = {"/facilitator/": "facilitator.progress", "/workshop/decisions": "workshop.decisions"}


def today() -> dt.date:
    """Today, or the day set in the app's ``STATUS_TODAY`` (tests, demonstrations)."""
    fixed = current_app.config.get("STATUS_TODAY")
    return fixed if isinstance(fixed, dt.date) else dt.date.today()


@bp.get("/status")
@allow("facilitator")
def overview():
    view = project()
    found = selection_status(view.loaded, today(), evidence_from_database(database()))
    titles = {sid: core_text(msg(f"status_step_{sid}")) for sid in STEPS}
    states = {state: core_text(msg(f"status_state_{state}"))
              for state in ("done", "in_progress", "not_started", "overdue")}
    pages = {path: url_for(endpoint) for path, endpoint in _PAGES.items()}
    return render_template("status.html", found=found, titles=titles, states=states,
                           pages=pages)
