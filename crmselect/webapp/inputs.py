"""Every form field and query parameter is checked before a view runs, and a value the
database cannot take is a 400, never a 500.

Why in one place: a NUL byte cannot be stored in a PostgreSQL text column, and an integer
beyond 64 bits cannot be bound on SQLite; each view checking each field would miss one. The
person gets a clear 400 that names the field, with what they typed shown back (a JSON client
gets the field's name), and nothing is saved.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, current_app, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import DataError, StatementError
from werkzeug.exceptions import BadRequest

#: C0 control characters other than tab, line feed and carriage return, and DEL.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: The longest value any field may have (notes and reasons are limited further by their views).
MAX_FIELD = 10_000
#: The largest integer every integer column takes (PostgreSQL's INTEGER is 32 bits).
MAX_INT = 2**31 - 1

LABELS = {
    "username": _l("User name or e-mail"),
    "password": _l("Password"),
    "confirm": _l("The same password again"),
    "note": _l("Note"),
    "interests": _l("Declared interest"),
    "reason": _l("Reason"),
    "score": _l("Score"),
    "version": _l("version"),
}


F = TypeVar("F", bound=Callable[..., Any])
_LIMITS = "_crmselect_field_limits"


def limited(**fields: int) -> Callable[[F], F]:
    """Declare the limits a view checks itself (``@limited(reason=2000)``): the view refuses a
    longer value in its own form; a value beyond :data:`MAX_FIELD`, refused before the view
    runs, is then told the view's limit, not this module's."""
    def mark(view: F) -> F:
        setattr(view, _LIMITS, dict(fields))
        return view
    return mark


def _declared_limits() -> dict[str, int]:
    view = current_app.view_functions.get(request.endpoint or "")
    return getattr(view, _LIMITS, {})


class BadField(BadRequest):
    """A field whose value cannot be taken; ``field`` is its form name."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def field_label(name: str) -> str:
    return str(LABELS.get(name, name))


def problem(name: str, value: str, limit: int = MAX_FIELD) -> str | None:
    """What is wrong with one submitted value (None: nothing); ``limit`` is the length the
    message names (the field's own limit, at most :data:`MAX_FIELD`)."""
    if CONTROL.search(value) or CONTROL.search(name):
        return _("%(field)s contains a control character (such as a NUL byte) that cannot be "
                 "saved. Remove it and send again.", field=field_label(name))
    if len(value) > MAX_FIELD:
        return _("%(field)s is too long (at most %(n)d characters).", field=field_label(name),
                 n=min(limit, MAX_FIELD))
    return None


def check_request() -> None:
    """Refuse the request (400) when a query parameter or form field cannot be taken."""
    limits = _declared_limits() if request.form else {}
    for source in (request.args, request.form):
        for name, value in source.items(multi=True):
            found = problem(name, value, limits.get(name, MAX_FIELD) if source is request.form
                            else MAX_FIELD)
            if found:
                raise BadField(name, found)


def kept_fields() -> list[tuple[str, str]]:
    """The text fields a person typed into the refused form, to show back (never passwords,
    tokens or hidden fields)."""
    shown = []
    for name, value in request.form.items(multi=True):
        if name in ("note", "interests", "reason", "username") and value.strip():
            shown.append((field_label(name), CONTROL.sub("\N{REPLACEMENT CHARACTER}",
                                                         value[:MAX_FIELD])))
    return shown


def _unstorable(params: Any) -> bool:
    """Whether the bound parameters hold a value no database column takes."""
    if isinstance(params, dict):
        return _unstorable(list(params.values()))
    if isinstance(params, (list, tuple)):
        return any(_unstorable(p) for p in params)
    if isinstance(params, bool):
        return False
    if isinstance(params, int):
        return not -MAX_INT - 1 <= params <= MAX_INT
    if isinstance(params, str):
        return "\x00" in params
    return False


def unstorable_value(error: BaseException) -> bool:
    """Whether a database error was caused by a value from the request (too large an
    integer, a NUL byte), as opposed to a bug."""
    if isinstance(error, (OverflowError, DataError)):  # DataError: the DB refused a value
        return True
    if isinstance(error, StatementError):
        return isinstance(error.orig, OverflowError) or _unstorable(error.params)
    return False


def init_app(app: Flask) -> None:
    app.before_request(check_request)
