"""The facilitator's permits: leave for one evaluator to score one vendor where the rules
would refuse it.

Two kinds: ``reopen`` lets an evaluator change their own scores and test-drive marks of a
vendor after the reveal (each such change is marked "changed after reveal"); ``interest``
lets an evaluator score a vendor they declared a conflict of interest in (those scores are
marked as given despite the interest). Each permit carries the facilitator's reason and is
kept in the audit log, granted and withdrawn.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session

from crmselect.evaluationdb import audit, scoringlock
from crmselect.evaluationdb.engine import Executor
from crmselect.evaluationdb.schema import Permit, utcnow

REOPEN = "reopen"
INTEREST = "interest"
KINDS = (REOPEN, INTEREST)


@dataclass(frozen=True)
class Granted:
    """A snapshot of a permit (safe to use after the transaction ended)."""

    kind: str
    evaluator: str
    vendor: str
    reason: str
    by: str


def grant(session: Session, *, actor: str, kind: str, evaluator: str, vendor: str,
          reason: str) -> bool:
    """Give ``evaluator`` leave of ``kind`` for ``vendor``. False when it was already given."""
    # Programmer errors, not user messages: the one caller, the facilitator's permit view
    # (crmselect.webapp.facilitator), answers an unknown kind with 400 and a blank reason with
    # a message in the facilitator's language before it gets here
    # (tests/test_web_store_contracts.py).
    if kind not in KINDS:
        raise ValueError(f"unknown permit kind {kind!r}")
    reason = reason.strip()
    if not reason:
        raise ValueError("a permit needs a reason")
    scoringlock.hold_for_change(session)  # after the saves under way, before the next ones
    if has(session, kind, evaluator, vendor):
        return False
    now = utcnow()
    session.add(Permit(kind=kind, evaluator_id=evaluator, vendor_id=vendor, reason=reason,
                       by=actor, at=now))
    audit.record(session, actor=actor, action=f"permit_{kind}", evaluator=evaluator,
                 vendor=vendor, old=False, new=True, reason=reason, at=now)
    return True


def withdraw(session: Session, *, actor: str, kind: str, evaluator: str, vendor: str) -> bool:
    """Take a permit back (the scores given under it keep their mark). False when none."""
    where = (Permit.kind == kind, Permit.evaluator_id == evaluator, Permit.vendor_id == vendor)
    scoringlock.hold_for_change(session)  # after the saves under way, before the next ones
    if session.scalars(select(Permit.id).where(*where)).first() is None:
        return False
    session.execute(delete(Permit).where(*where))
    audit.record(session, actor=actor, action=f"permit_{kind}", evaluator=evaluator,
                 vendor=vendor, old=True, new=False)
    return True


def has(session: Executor, kind: str, evaluator: str, vendor: str) -> bool:
    return session.execute(_HAS, {"k": kind, "e": evaluator, "v": vendor}).first() is not None


_HAS = select(Permit.id).where(Permit.kind == bindparam("k"),
                               Permit.evaluator_id == bindparam("e"),
                               Permit.vendor_id == bindparam("v"))


def permits(session: Session, kind: str | None = None) -> list[Granted]:
    query = select(Permit)
    if kind is not None:
        query = query.where(Permit.kind == kind)
    return [Granted(p.kind, p.evaluator_id, p.vendor_id, p.reason, p.by)
            for p in session.scalars(query.order_by(Permit.kind, Permit.evaluator_id,
                                                    Permit.vendor_id))]
