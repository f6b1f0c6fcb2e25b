"""The lock that orders evaluators' saves and the changes that decide whether they may save
(the reveal, a permit granted or withdrawn), on PostgreSQL.

Why: a save reads its gate (revealed? reopened? allowed?) and then writes. On SQLite one
writer at a time orders them already (``BEGIN IMMEDIATE``). On PostgreSQL, at READ COMMITTED
and with several workers, a reveal could commit between a save's gate and its write: an
unmarked score written after the reveal, a change after a reopening was withdrawn. So every
save holds this advisory lock shared (saves do not wait for each other) from before it reads
its gate, and each such change holds it exclusive: the change waits for the saves under way,
and the saves that start meanwhile wait for it and then read the new state.

A save of one record (a person's score of one item, or one test-drive mark) also holds a lock
of that record: reading a row ``FOR UPDATE`` locks nothing while the row does not exist yet,
so two first saves of the same score (two tabs, two machines) both read "none", both passed
the check that the page is not stale, and the later one replaced the earlier unseen, logged
as replacing nothing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

#: The advisory lock's key: any fixed number; "crms" in ASCII.
KEY = 0x63726D73

_SHARED = f"SELECT pg_advisory_xact_lock_shared({KEY})"
_EXCLUSIVE = f"SELECT pg_advisory_xact_lock({KEY})"
#: One record's lock: two 32-bit keys (a space apart from :data:`KEY`'s), the second a hash of
#: the record's key (two records sharing a hash only wait for each other).
_RECORD_DRIVER = f"SELECT pg_advisory_xact_lock({KEY}, hashtext(%s))"
_RECORD = f"SELECT pg_advisory_xact_lock({KEY}, hashtext(:key))"


def hold_for_save(conn: Any, *record: str) -> None:
    """In a save's write transaction, before its gate is read (a ``DriverConnection``, a
    Connection or a Session); with ``record`` (the parts of the saved record's key), that
    record's lock too, before the record is read. Nothing on SQLite."""
    if _dialect(conn) != "postgresql":
        return
    key = "\x1f".join(record)
    if hasattr(conn, "run"):  # the driver connection of the web form's save
        conn.run(_SHARED, ())
        if record:
            conn.run(_RECORD_DRIVER, (key,))
    else:
        conn.execute(text(_SHARED))
        if record:
            conn.execute(text(_RECORD), {"key": key})


def hold_for_change(session: Any) -> None:
    """In the transaction of a reveal or of a permit granted or withdrawn, before it reads
    anything. Nothing on SQLite."""
    if _dialect(session) != "postgresql":
        return
    session.execute(text(_EXCLUSIVE))


def _dialect(conn: Any) -> str:
    return (conn.get_bind() if isinstance(conn, Session) else conn).dialect.name
