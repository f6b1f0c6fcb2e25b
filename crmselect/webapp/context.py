"""What every request can reach: the project (reloaded when its files change) and the
evaluation database. Both hang off the Flask app; nothing about the evaluation is kept in
the process."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app

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
    """The current project."""
    return web_context().source.get()


def database() -> Database:
    return web_context().db
