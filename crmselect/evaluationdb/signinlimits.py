"""How long a failed sign-in makes the next one wait: back-off per address and per account.

Why three counts and no lock: a lock of a user name for 15 minutes lets anyone who knows the
name keep its owner out, and one count per address locks a whole office (or, behind a proxy
whose header is not read, everyone) out after 20 typos. So failures are counted

- per user name *and* address (someone guessing one person's password from one place),
- per user name from anywhere (a guesser using many addresses), and
- per address over every name (a guesser trying many names from one place),

and each count above its threshold makes the next attempt of that kind wait, doubling up to a
cap of seconds or a few minutes, never a lock. An address from which the person has signed in
before is spared the per-name and per-address waits: knowing someone's user name is not
enough to keep them out. Attempts refused while waiting are not counted and cost no password
check. Every count lives in the database (``login_attempt``), so every worker sees the same.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from crmselect.evaluationdb.schema import LoginAttempt

#: Failures older than this are not counted any more.
WINDOW = dt.timedelta(minutes=15)
_RECENT_ROWS = 1000  # enough for every threshold below, bounded whatever the traffic


@dataclass(frozen=True)
class Backoff:
    """``threshold`` failures are free; then the wait after the latest failure starts at
    ``first_wait`` seconds and doubles with each further failure, up to ``max_wait``."""

    threshold: int
    first_wait: float
    max_wait: float

    def wait(self, failures: int) -> float:
        """Seconds to wait after the latest of ``failures`` failures."""
        if failures < self.threshold:
            return 0.0
        return min(self.max_wait, self.first_wait * 2 ** (failures - self.threshold))


#: One user name from one address.
PER_NAME_AND_ADDRESS = Backoff(threshold=5, first_wait=5, max_wait=60)
#: One user name from any address (not applied where the person signed in before).
PER_NAME = Backoff(threshold=5, first_wait=5, max_wait=60)
#: One address, any user name (not applied where the person signed in before).
PER_ADDRESS = Backoff(threshold=20, first_wait=30, max_wait=300)


def seconds_to_wait(session: Session, username: str, address: str,
                    now: dt.datetime) -> int:
    """Whole seconds before ``username`` may try again from ``address`` (0: now)."""
    return check(session, username, address, now)[0]


def check(session: Session, username: str, address: str,
          now: dt.datetime) -> tuple[int, bool]:
    """Whole seconds before ``username`` may try again from ``address`` (0: now), and whether
    the person has signed in from there before."""
    rows = session.execute(
        select(LoginAttempt.at, LoginAttempt.username, LoginAttempt.remote_addr)
        .where(LoginAttempt.at > now - WINDOW, LoginAttempt.success.is_(False),
               or_(LoginAttempt.username == username, LoginAttempt.remote_addr == address))
        .order_by(LoginAttempt.at.desc()).limit(_RECENT_ROWS)
    ).all()
    known = session.execute(
        select(LoginAttempt.id).where(and_(LoginAttempt.username == username,
                                           LoginAttempt.remote_addr == address,
                                           LoginAttempt.success.is_(True))).limit(1)
    ).first() is not None
    scopes: list[tuple[Backoff, list[dt.datetime]]] = [
        (PER_NAME_AND_ADDRESS, [r.at for r in rows
                                if r.username == username and r.remote_addr == address]),
    ]
    if not known:
        scopes.append((PER_NAME, [r.at for r in rows if r.username == username]))
        scopes.append((PER_ADDRESS, [r.at for r in rows if r.remote_addr == address]))
    wait = 0.0
    for policy, failures in scopes:
        if failures:
            until = max(failures) + dt.timedelta(seconds=policy.wait(len(failures)))
            wait = max(wait, (until - now).total_seconds())
    return (0 if wait <= 0 else int(wait) + 1), known
