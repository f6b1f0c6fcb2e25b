"""Named values of one evaluation: the session secret key, the reveal, the weights' fingerprint."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from crmselect.evaluationdb import audit
from crmselect.evaluationdb.engine import Database, Executor, dialect_insert, prepared
from crmselect.evaluationdb.schema import Setting, utcnow

SECRET_KEY = "secret_key"
REVEALED = "revealed"
WEIGHTS_FINGERPRINT = "weights_fingerprint"


def get(session: Session, key: str) -> Setting | None:
    return session.get(Setting, key)


def put(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value, updated_at=utcnow()))
    else:
        row.value, row.updated_at = value, utcnow()


def ensure_secret_key(db: Database) -> str:
    """The key that signs session cookies: made once, kept in the database.

    Why in the database: every worker process sharing the database signs and checks cookies
    with the same key, and nothing secret is written into the code or the project's git.
    """
    with db.read() as session:
        row = get(session, SECRET_KEY)
        if row is not None:
            return row.value
    try:
        with db.write() as session:
            if get(session, SECRET_KEY) is None:
                session.add(Setting(key=SECRET_KEY, value=secrets.token_hex(32),
                                    updated_at=utcnow()))
    except IntegrityError:  # another worker made it first
        pass
    with db.read() as session:
        row = get(session, SECRET_KEY)
        assert row is not None
        return row.value


@dataclass(frozen=True)
class Reveal:
    by: str
    at: dt.datetime


def revealed(session: Session) -> Reveal | None:
    """When and by whom the scores were revealed to everyone (None: still independent)."""
    row = get(session, REVEALED)
    if row is None or not row.value:
        return None
    return Reveal(by=row.value, at=row.updated_at)


def reveal(session: Session, actor: str) -> bool:
    """Reveal every evaluator's scores to everyone. False when they already were."""
    if revealed(session) is not None:
        return False
    put(session, REVEALED, actor)
    audit.record(session, actor=actor, action="reveal", old=False, new=True)
    return True


def weights_fingerprint(session: Session) -> str | None:
    row = get(session, WEIGHTS_FINGERPRINT)
    return row.value if row is not None else None


def remember_weights_fingerprint(session: Executor, fingerprint: str) -> None:
    """Keep the weights' fingerprint of the moment scoring began (only the first one)."""
    if not fingerprint:
        return
    session.execute(_insert_once(session), {"key": WEIGHTS_FINGERPRINT, "value": fingerprint,
                                            "updated_at": utcnow()})


_insert_once = prepared(
    lambda dialect: dialect_insert(dialect, Setting).on_conflict_do_nothing(index_elements=["key"])
)
