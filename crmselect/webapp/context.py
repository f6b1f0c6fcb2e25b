"""What every request can reach: the project (reloaded when its files change) and the
evaluation database. Both hang off the Flask app; nothing about the evaluation is kept in
the process."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, g, has_request_context

from crmselect.evaluationdb import Database
from crmselect.webapp.projectview import ProjectSource, ProjectView

EXTENSION = "crmselect"


@dataclass(frozen=True)
class WebContext:
    source: ProjectSource
    db: Database


def web_context() -> WebContext:
    return current_app.extensions[EXTENSION]


def project() -> ProjectView:
    """The current project: looked up once per request, so that one request sees one version
    of the project (and does not look at the files' times again on every call)."""
    if not has_request_context():
        return web_context().source.get()
    view = g.get("crmselect_project")
    if view is None:
        view = g.crmselect_project = web_context().source.get()
    return view


def database() -> Database:
    return web_context().db
