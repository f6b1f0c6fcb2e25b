"""Who is signed in, and who may reach which route.

Every view declares its policy with :func:`allow`; a request to a view without one is refused
(deny by default), so a new route cannot be left open by forgetting a check. Sessions are
signed cookies holding the person's id and the account's ``auth_version`` (raised when the
password changes, which signs out older sessions).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from flask import Flask, abort, current_app, g, jsonify, redirect, request, session, url_for

from crmselect.evaluationdb import accounts
from crmselect.model import Evaluator
from crmselect.webapp.context import database, project

F = TypeVar("F", bound=Callable[..., Any])

PUBLIC = "public"
SIGNED_IN = "signed_in"
ROLES = ("facilitator", "evaluator", "observer", "stakeholder")
_ATTR = "crmselect_access"


@dataclass(frozen=True)
class Policy:
    roles: frozenset[str]  # empty with public=True: anyone
    public: bool = False
    after_reveal: frozenset[str] = frozenset()  # roles let in only once scores are revealed
    declaration: bool = False  # needs the conflict-of-interest declaration when the project asks
    scoring: bool = False  # only for people who score (a facilitator per facilitator_scores)
    blind: bool = False  # shows others' scores: not for anyone who scores, until the reveal


def allow(*roles: str, after_reveal: tuple[str, ...] = (), declaration: bool = False,
          scoring: bool = False, blind: bool = False) -> Callable[[F], F]:
    """Declare who may reach a view: ``allow("public")``, ``allow("signed_in")`` or roles.

    ``scoring``: only people who score; ``blind``: refused to whoever scores until the reveal
    (a facilitator who scores is as blind as the evaluators).
    """
    if PUBLIC in roles:
        policy = Policy(frozenset(), public=True)
    elif SIGNED_IN in roles:
        policy = Policy(frozenset(ROLES))
    else:
        unknown = set(roles) - set(ROLES)
        if unknown:
            raise ValueError(f"unknown roles {unknown}")
        policy = Policy(frozenset(roles), after_reveal=frozenset(after_reveal),
                        declaration=declaration, scoring=scoring, blind=blind)

    def mark(view: F) -> F:
        setattr(view, _ATTR, policy)
        return view

    return mark


def policy_of(endpoint: str) -> Policy | None:
    """The declared policy of an endpoint (the static files are public)."""
    if endpoint == "static":
        return Policy(frozenset(), public=True)
    view = current_app.view_functions.get(endpoint)
    return getattr(view, _ATTR, None)


@dataclass(frozen=True)
class User:
    """The signed-in person: from project.yaml, with the language the account chose."""

    person: Evaluator
    language: str
    #: Whether the person scores vendors (evaluators; facilitators per facilitator_scores).
    scores: bool = False
    #: Whether the person made the conflict-of-interest declaration (as of this request).
    declared: bool = False
    #: Whether scores were revealed (as of this request; a save checks again in its write
    #: transaction).
    revealed: bool = False

    @property
    def id(self) -> str:
        return self.person.id

    @property
    def role(self) -> str:
        return self.person.role

    @property
    def is_facilitator(self) -> bool:
        return self.role == "facilitator"


def current_user() -> User | None:
    return g.get("user")


def sign_in(evaluator: str, auth_version: int) -> None:
    session.clear()
    session["uid"] = evaluator
    session["av"] = auth_version
    session.permanent = True


def _load_user() -> User | None:
    uid = session.get("uid")
    if not uid:
        return None
    view = project()
    person = view.evaluators.get(uid)
    if person is None:
        return None
    with database().driver_read() as conn:
        found = accounts.session_check(conn, uid)
    if found is None or found.auth_version != session.get("av"):
        return None
    return User(person, found.language or person.language or view.project.language,
                scores=view.scores(person), declared=found.declared, revealed=found.revealed)


def wants_json() -> bool:
    """Whether the client asked for JSON (the background saves do)."""
    if request.headers.get("Accept") == "application/json":  # the page's script: no parsing
        return True
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "application/json" and request.accept_mimetypes[best] > \
        request.accept_mimetypes["text/html"]


def _check() -> Any:
    g.user = _load_user()
    endpoint = request.endpoint
    if endpoint is None:  # no such route: 404 / 405 handled by Flask
        return None
    policy = policy_of(endpoint)
    if policy is None:
        current_app.logger.error("route %s declares no access policy; refused", endpoint)
        abort(403)
    if policy.public:
        return None
    user = g.user
    if user is None:
        if request.method == "GET" and not wants_json():
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        abort(401)
    # Whether scores are revealed and whether the person declared were read with the account
    # (one query, :func:`accounts.session_check`), in this request.
    if user.role in policy.roles:
        if policy.scoring and not user.scores:
            abort(403)
        if policy.blind and user.scores and not user.revealed:
            abort(403)
    elif user.role in policy.after_reveal:
        if not user.revealed:
            abort(403)
    else:
        abort(403)
    if policy.declaration and project().project.evaluation.conflict_of_interest:
        if not user.declared:
            if request.method == "GET":
                return redirect(url_for("scoring.declaration"))
            if wants_json():
                return jsonify(ok=False, error="declaration"), 403
            abort(403)
    return None


def init_app(app: Flask) -> None:
    app.before_request(_check)
