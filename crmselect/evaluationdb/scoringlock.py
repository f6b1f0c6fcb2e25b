"""The lock that orders evaluators' saves and the changes that decide whether they may save
(the reveal, a permit granted or withdrawn), on PostgreSQL.

Why: a save reads its gate (revealed? reopened? allowed?) and then writes. On SQLite one
writer at a time orders them already (``BEGIN IMMEDIATE``). On PostgreSQL, at READ COMMITTED
and with several workers, a reveal could commit between a save's gate and its write: an
unmarked score written after the reveal, a change after a reopening was withdrawn. So every
save holds this advisory lock shared (saves do not wait for each other) from before it reads
its gate, and each such change holds it exclusive: the change waits for the saves under way,
and the saves that start meanwhile wait for it and then read the new state.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

#: The advisory lock's key: any fixed number; "crms" in ASCII.
KEY = 0x63726D73

_SHARED = f"SELECT pg_advisory_xact_lock_shared({KEY})"
_EXCLUSIVE = f"SELECT pg_advisory_xact_lock({KEY})"


def hold_for_save(conn: Any) -> None:
    """In a save's write transaction, before its gate is read (a ``DriverConnection``, a
    Connection or a Session). Nothing on SQLite."""
    if _dialect(conn) != "postgresql":
        return
    if hasattr(conn, "run"):  # the driver connection of the web form's save
        conn.run(_SHARED, ())
    else:
        conn.execute(text(_SHARED))


def hold_for_change(session: Any) -> None:
    """In the transaction of a reveal or of a permit granted or withdrawn, before it reads
    anything. Nothing on SQLite."""
    if _dialect(session) != "postgresql":
        return
    session.execute(text(_EXCLUSIVE))


def _dialect(conn: Any) -> str:
    return (conn.get_bind() if isinstance(conn, Session) else conn).dialect.name
