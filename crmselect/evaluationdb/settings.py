"""Named values of one evaluation: its id, the reveal, the weights' fingerprint."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from crmselect.evaluationdb import audit, scoringlock
from crmselect.evaluationdb.engine import (
    Database,
    DriverConnection,
    DriverStatement,
    Executor,
    dialect_insert,
    prepared,
)
from crmselect.evaluationdb.schema import Setting, utcnow

#: Where crmselect 0.1 kept the session key (deleted at start-up: see discard_old_secret_key).
OLD_SECRET_KEY = "secret_key"
EVALUATION_ID = "evaluation_id"
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


def evaluation_id(db: Database) -> str:
    """A random id of this evaluation database, made once (not a secret).

    Why: the key that signs session cookies is kept outside the project, in a file named by
    this id (see :mod:`crmselect.webapp.signingkey`), so every worker on one database finds
    the same key while a copy of the database (in git, in a backup) carries none.
    """
    with db.read() as session:
        row = get(session, EVALUATION_ID)
        if row is not None:
            return row.value
    try:
        with db.write() as session:
            if get(session, EVALUATION_ID) is None:
                session.add(Setting(key=EVALUATION_ID, value=secrets.token_hex(16),
                                    updated_at=utcnow()))
    except IntegrityError:  # another worker made it first
        pass
    with db.read() as session:
        row = get(session, EVALUATION_ID)
        assert row is not None
        return row.value


def discard_old_secret_key(db: Database) -> bool:
    """Delete the session key that crmselect up to 0.1 kept in the database. True if there was
    one.

    Why deleted, not moved out: the README advised keeping ``evaluation.db`` in git, so the
    key may have been shared; sessions signed with it end and people sign in again.
    """
    with db.read() as session:
        if get(session, OLD_SECRET_KEY) is None:
            return False
    with db.write() as session:
        row = get(session, OLD_SECRET_KEY)
        if row is None:
            return False
        session.delete(row)
    return True


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
    scoringlock.hold_for_change(session)  # after the saves under way, before the next ones
    if revealed(session) is not None:
        return False
    put(session, REVEALED, actor)
    audit.record(session, actor=actor, action="reveal", old=False, new=True)
    return True


def weights_fingerprint(session: Session) -> str | None:
    row = get(session, WEIGHTS_FINGERPRINT)
    return row.value if row is not None else None


def remember_weights_fingerprint(session: Executor | DriverConnection,
                                 fingerprint: str) -> None:
    """Keep the weights' fingerprint of the moment scoring began (only the first one)."""
    if not fingerprint:
        return
    values = {"key": WEIGHTS_FINGERPRINT, "value": fingerprint, "updated_at": utcnow()}
    if isinstance(session, DriverConnection):  # in the web form's save transaction
        _INSERT_ONCE.execute(session, values)
        return
    session.execute(_insert_once(session), values)


def _build_insert_once(dialect: str):  # noqa: ANN202 - an INSERT ... ON CONFLICT DO NOTHING
    return dialect_insert(dialect, Setting).on_conflict_do_nothing(index_elements=["key"])


_insert_once = prepared(_build_insert_once)
_INSERT_ONCE = DriverStatement(_build_insert_once, column_keys=["key", "value", "updated_at"])
