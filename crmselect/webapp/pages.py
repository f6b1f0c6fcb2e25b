"""What every page template can use: the signed-in person, the project's name, the navigation."""

from __future__ import annotations

from typing import Any

from flask import Flask, request

from crmselect.evaluationdb import settings
from crmselect.webapp.access import current_user
from crmselect.webapp.context import database, project


def _page_context() -> dict[str, Any]:
    user = current_user()
    view = project()
    revealed = None
    if user is not None:
        with database().read() as s:
            revealed = settings.revealed(s)
    return {
        "user": user,
        "project_name": view.project.name,
        "revealed": revealed,
        "endpoint": request.endpoint or "",
        "sees_results": user is not None and (user.is_facilitator or revealed is not None),
    }


def init_app(app: Flask) -> None:
    app.context_processor(_page_context)
