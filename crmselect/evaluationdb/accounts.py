"""Accounts: one-time invitations, argon2 password hashes, and login rate limiting.

Why rate limits live in the database: the app keeps no state in the process, so that several
workers can serve one evaluation; a counter in one worker's memory would be bypassed by the
next request landing on another worker.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from enum import Enum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import bindparam, delete, func, select
from sqlalchemy.orm import Session

from crmselect.evaluationdb import audit
from crmselect.evaluationdb.engine import Database, Executor
from crmselect.evaluationdb.schema import Account, Invitation, LoginAttempt, utcnow

INVITATION_DAYS = 14
MIN_PASSWORD_LENGTH = 10
#: Failed logins allowed per user name, and per client address, within the window.
MAX_FAILURES_PER_USER = 5
MAX_FAILURES_PER_ADDRESS = 20
WINDOW = dt.timedelta(minutes=15)

_hasher = PasswordHasher()
# Verified against when the user name is unknown, so that the answer takes as long as for a
# real account (no user enumeration by timing).
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


def hash_password(password: str) -> str:
    """An argon2id hash of ``password``."""
    return _hasher.hash(password)


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


def session_check(session: Executor, evaluator: str) -> tuple[int, str | None] | None:
    """(auth_version, chosen language) of an account, checked on every request (None: no
    account)."""
    row = session.execute(_SESSION_CHECK, {"e": evaluator}).first()
    return None if row is None else (row.auth_version, row.language)


_SESSION_CHECK = select(Account.auth_version, Account.language).where(
    Account.evaluator_id == bindparam("e"))


def accounts(session: Session) -> dict[str, Account]:
    return {a.evaluator_id: a for a in session.scalars(select(Account))}


def set_language(db: Database, evaluator: str, language: str) -> None:
    """Remember the interface language a person chose."""
    with db.write() as session:
        row = session.get(Account, evaluator)
        if row is not None:
            row.language = language


class LoginOutcome(Enum):
    OK = "ok"
    FAILED = "failed"
    LOCKED = "locked"


@dataclass(frozen=True)
class LoginResult:
    outcome: LoginOutcome
    evaluator: str | None = None
    auth_version: int = 0
    retry_after: int = 0  # seconds, when locked


def _failures(session: Session, since: dt.datetime, **where: str) -> tuple[int, dt.datetime | None]:
    column = getattr(LoginAttempt, next(iter(where)))
    value = next(iter(where.values()))
    count, oldest = session.execute(
        select(func.count(), func.min(LoginAttempt.at)).where(
            column == value, LoginAttempt.success.is_(False), LoginAttempt.at > since)
    ).one()
    if oldest is not None and oldest.tzinfo is None:  # min() bypasses the column type
        oldest = dt.datetime.fromisoformat(str(oldest)).replace(tzinfo=dt.UTC)
    return count, oldest


def authenticate(db: Database, username: str, password: str, remote_addr: str,
                 known: set[str]) -> LoginResult:
    """Check a login. ``known`` are the ids of the people in project.yaml.

    More than :data:`MAX_FAILURES_PER_USER` failures for one name (or
    :data:`MAX_FAILURES_PER_ADDRESS` from one address) within :data:`WINDOW` lock further
    attempts until the oldest failure leaves the window.
    """
    username = username.strip()[:64]
    remote_addr = (remote_addr or "unknown")[:64]
    now = utcnow()
    since = now - WINDOW
    with db.read() as session:
        for key, value, limit in (("username", username, MAX_FAILURES_PER_USER),
                                  ("remote_addr", remote_addr, MAX_FAILURES_PER_ADDRESS)):
            count, oldest = _failures(session, since, **{key: value})
            if count >= limit:
                wait = (oldest + WINDOW - now).total_seconds() if oldest else WINDOW.seconds
                return LoginResult(LoginOutcome.LOCKED, retry_after=max(1, int(wait) + 1))
        row = session.get(Account, username) if username in known else None
        stored = row.password_hash if row is not None else None
        version = row.auth_version if row is not None else 0
    ok = _verify(stored or _DUMMY_HASH, password) and stored is not None
    rehash = ok and stored is not None and _hasher.check_needs_rehash(stored)
    new_hash = hash_password(password) if rehash else None
    with db.write() as session:
        session.add(LoginAttempt(at=now, username=username, remote_addr=remote_addr,
                                 success=ok))
        if new_hash is not None:
            session.get(Account, username).password_hash = new_hash  # type: ignore[union-attr]
    if not ok:
        return LoginResult(LoginOutcome.FAILED)
    return LoginResult(LoginOutcome.OK, evaluator=username, auth_version=version)


def _verify(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
