"""The reader's language, resolved once at the edge.

Order: ``--lang``, else the project's ``language``, else ``CRMSELECT_LANG``, else the locale
(``LC_ALL``/``LC_MESSAGES``/``LANG``: ``tr_TR…`` → tr), else English. The CLI resolves it when
it parses the command line and again when a command has loaded its project; the web app per
request. Only the edge reads the environment for it.
"""

from __future__ import annotations

import os
from contextvars import ContextVar

_explicit: ContextVar[str | None] = ContextVar("crmselect_explicit_lang", default=None)
_project: ContextVar[str | None] = ContextVar("crmselect_project_lang", default=None)


def from_environment(default: str = "en") -> str:
    """``CRMSELECT_LANG``, else the locale, else ``default``."""
    for var in ("CRMSELECT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "tr" if value.lower().startswith("tr") else "en"
    return default


def resolve(explicit: str | None = None, project: str | None = None) -> str:
    """The language: ``explicit`` (``--lang``), else ``project``, else the environment."""
    return explicit or project or from_environment()


def set_explicit(lang: str | None) -> None:
    """Remember the ``--lang`` of this invocation (None: not given)."""
    _explicit.set(lang)


def set_project(lang: str | None) -> None:
    """Remember the language of the project a command loaded."""
    _project.set(lang)


def explicit() -> str | None:
    return _explicit.get()


def current() -> str:
    """The language this invocation speaks, as resolved so far."""
    return resolve(_explicit.get(), _project.get())
