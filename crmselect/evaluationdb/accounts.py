"""Accounts: one-time invitations, passwords (see :mod:`~crmselect.evaluationdb.passwords`),
sign-in with back-off (see :mod:`~crmselect.evaluationdb.signinlimits`) and signing out.

Why the sign-in counts live in the database: the app keeps no state in the process, so that
several workers can serve one evaluation; a counter in one worker's memory would be bypassed
by the next request landing on another worker.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from enum import Enum
from typing import Any

from sqlalchemy import bindparam, delete, exists, select, update
from sqlalchemy.orm import Session

from crmselect.evaluationdb import audit, signinlimits
from crmselect.evaluationdb.engine import Database, DriverConnection, DriverStatement, Executor
from crmselect.evaluationdb.passwords import MIN_LENGTH as MIN_PASSWORD_LENGTH
from crmselect.evaluationdb.passwords import (
    HasherBusy,
    hash_password,
    needs_rehash,
    verify,
)
from crmselect.evaluationdb.schema import (
    Account,
    Declaration,
    Invitation,
    LoginAttempt,
    Setting,
    utcnow,
)
from crmselect.evaluationdb.settings import REVEALED

__all__ = ["MIN_PASSWORD_LENGTH", "hash_password"]

INVITATION_DAYS = 14
#: A stored user name or address is cut to the column's length.
_FIELD = 64

# Verified against when the user name is unknown, so that the answer takes as long as for a
# real account (no user enumeration by timing). Made on first use, with today's parameters.
_dummy_hash: list[str] = []


def _dummy() -> str:
    if not _dummy_hash:
        _dummy_hash.append(hash_password(secrets.token_hex(16)))
    return _dummy_hash[0]


def token_hash(token: str) -> str:
    """What the database keeps of an invitation token: its SHA-256."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_invitation(db: Database, evaluator: str, *, days: int = INVITATION_DAYS,
                      actor: str = "cli") -> tuple[str, dt.datetime]:
    """A new one-time invitation token for ``evaluator`` and its expiry.

    Earlier unused invitations of the same person stop working.
    """
    token = secrets.token_urlsafe(32)
    now = utcnow()
    expires = now + dt.timedelta(days=days)
    with db.write() as session:
        session.execute(delete(Invitation).where(Invitation.evaluator_id == evaluator,
                                                 Invitation.used_at.is_(None)))
        session.add(Invitation(evaluator_id=evaluator, token_hash=token_hash(token),
                               created_at=now, expires_at=expires))
        audit.record(session, actor=actor, action="invitation", evaluator=evaluator,
                     new={"expires": expires.isoformat()}, at=now)
    return token, expires


def invitation_evaluator(session: Session, token: str) -> str | None:
    """The evaluator an invitation token is for, or None if it is unknown, used or expired."""
    row = session.scalars(
        select(Invitation).where(Invitation.token_hash == token_hash(token))
    ).first()
    if row is None or row.used_at is not None or row.expires_at <= utcnow():
        return None
    return row.evaluator_id


def accept_invitation(db: Database, token: str, password: str) -> str | None:
    """Set the password of the invitation's evaluator and use the invitation up.

    Returns the evaluator id, or None when the token is not valid (any more).
    """
    new_hash = hash_password(password)  # slow: outside the write transaction
    with db.write() as session:
        row = session.scalars(
            select(Invitation).where(Invitation.token_hash == token_hash(token))
            .with_for_update()
        ).first()
        now = utcnow()
        if row is None or row.used_at is not None or row.expires_at <= now:
            return None
        row.used_at = now
        account = session.get(Account, row.evaluator_id)
        if account is None:
            account = Account(evaluator_id=row.evaluator_id, auth_version=0, created_at=now)
            session.add(account)
        account.password_hash = new_hash
        account.password_set_at = now
        account.auth_version = (account.auth_version or 0) + 1
        audit.record(session, actor=row.evaluator_id, action="password_set",
                     evaluator=row.evaluator_id, at=now)
        return row.evaluator_id


def account(session: Session, evaluator: str) -> Account | None:
    return session.get(Account, evaluator)


@dataclass(frozen=True)
class SessionState:
    """What every request needs to know about the signed-in account, read in one query."""

    auth_version: int
    language: str | None
    #: Whether the person made the conflict-of-interest declaration.
    declared: bool
    #: Whether the facilitator revealed the scores.
    revealed: bool


def session_check(session: Executor | DriverConnection, evaluator: str) -> SessionState | None:
    """The account's auth_version and chosen language, whether the person declared and whether
    scores are revealed (None: no account), checked on every request.

    Why one query: the access check of every request needs all four; asked one by one (and
    through ORM objects) they cost more than the score save itself.
    """
    if isinstance(session, DriverConnection):  # every request's check: straight to the driver
        rows = _SESSION_CHECK_DRIVER.execute(session, {"e": evaluator})
        row = rows[0] if rows else None
    else:
        row = session.execute(_SESSION_CHECK, {"e": evaluator}).first()
    if row is None:
        return None
    auth_version, language, declared, revealed = row
    return SessionState(auth_version, language, bool(declared), bool(revealed))


def _session_check_query() -> Any:
    declared = exists().where(Declaration.evaluator_id == Account.evaluator_id)
    revealed = (select(Setting.value).where(Setting.key == REVEALED)
                .scalar_subquery())
    return select(Account.auth_version, Account.language, declared.label("declared"),
                  revealed.label("revealed")).where(Account.evaluator_id == bindparam("e"))


_SESSION_CHECK = _session_check_query()
_SESSION_CHECK_DRIVER = DriverStatement(lambda _dialect: _SESSION_CHECK)


def accounts(session: Session) -> dict[str, Account]:
    return {a.evaluator_id: a for a in session.scalars(select(Account))}


def set_language(db: Database, evaluator: str, language: str) -> None:
    """Remember the interface language a person chose."""
    with db.write() as session:
        row = session.get(Account, evaluator)
        if row is not None:
            row.language = language


def end_sessions(db: Database, evaluator: str) -> None:
    """Sign ``evaluator`` out everywhere: every session cookie issued so far stops working.

    Why the whole account: a session is a signed cookie, not a row; raising the account's
    ``auth_version`` is what makes a copied cookie useless on the server, as a new password
    does.
    """
    with db.write() as session:
        session.execute(update(Account).where(Account.evaluator_id == evaluator)
                        .values(auth_version=Account.auth_version + 1))


class LoginOutcome(Enum):
    OK = "ok"
    FAILED = "failed"
    LOCKED = "locked"
    BUSY = "busy"


@dataclass(frozen=True)
class LoginResult:
    outcome: LoginOutcome
    evaluator: str | None = None
    auth_version: int = 0
    retry_after: int = 0  # seconds, when asked to wait


def authenticate(db: Database, username: str, password: str, remote_addr: str,
                 known: set[str]) -> LoginResult:
    """Check a sign-in. ``known`` are the ids of the people in project.yaml.

    Failed attempts make the next ones wait (see :mod:`~crmselect.evaluationdb.signinlimits`);
    an attempt made while waiting is refused without checking the password. A hash made
    with older argon2 parameters is replaced after a successful check.
    """
    username = username.strip()[:_FIELD]
    remote_addr = (remote_addr or "unknown")[:_FIELD]
    now = utcnow()
    with db.read() as session:
        wait, known_place = signinlimits.check(session, username, remote_addr, now)
        if wait:
            return LoginResult(LoginOutcome.LOCKED, retry_after=wait)
        row = session.get(Account, username) if username in known else None
        stored = row.password_hash if row is not None else None
        version = row.auth_version if row is not None else 0
    try:
        ok = verify(stored or _dummy(), password) and stored is not None
        new_hash = hash_password(password) if ok and needs_rehash(stored or "") else None
    except HasherBusy:
        return LoginResult(LoginOutcome.BUSY, retry_after=5)
    if ok and known_place and new_hash is None:
        # Nothing to count or remember: one write (and its fsync) less per sign-in.
        return LoginResult(LoginOutcome.OK, evaluator=username, auth_version=version)
    with db.write() as session:
        session.add(LoginAttempt(at=now, username=username, remote_addr=remote_addr,
                                 success=ok))
        if new_hash is not None:
            session.execute(update(Account).where(Account.evaluator_id == username,
                                                  Account.password_hash == stored)
                            .values(password_hash=new_hash))
    if not ok:
        return LoginResult(LoginOutcome.FAILED)
    return LoginResult(LoginOutcome.OK, evaluator=username, auth_version=version)
