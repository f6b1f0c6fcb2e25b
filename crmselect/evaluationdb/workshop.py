"""The needs workshop: stakeholders propose a priority for each requirement of their areas,
with a reason; the facilitator sees the proposals side by side and decides.

Every change is in the audit log (``proposal`` and ``needs_decision`` actions).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from crmselect.evaluationdb import audit
from crmselect.evaluationdb.schema import NeedsDecision, Proposal, utcnow

PRIORITIES = ("must", "should", "could", "wont")
MAX_REASON = 2000


@dataclass(frozen=True)
class Decided:
    priority: str
    reason: str
    by: str
    at: dt.datetime


def _checked(priority: str, reason: str) -> str:
    if priority not in PRIORITIES:
        raise ValueError(f"no such priority {priority!r}")
    reason = reason.strip()
    if not reason:
        raise ValueError("a reason is needed")
    if len(reason) > MAX_REASON:
        raise ValueError(f"the reason is longer than {MAX_REASON} characters")
    return reason


def save_proposal(session: Session, *, stakeholder: str, requirement: str, priority: str,
                  reason: str) -> None:
    """Insert or replace ``stakeholder``'s proposal for ``requirement`` (ValueError for a
    priority not on the scale or a missing reason)."""
    reason = _checked(priority, reason)
    found = session.get(Proposal, (stakeholder, requirement))
    old = None if found is None else {"priority": found.priority, "reason": found.reason}
    if found is None:
        session.add(Proposal(stakeholder_id=stakeholder, requirement_id=requirement,
                             priority=priority, reason=reason, updated_at=utcnow()))
    else:
        found.priority, found.reason, found.updated_at = priority, reason, utcnow()
    audit.record(session, actor=stakeholder, action="proposal", target=requirement, old=old,
                 new={"priority": priority, "reason": reason})


def proposals(session: Session) -> dict[str, dict[str, Proposal]]:
    """Requirement id → stakeholder id → proposal."""
    found: dict[str, dict[str, Proposal]] = {}
    for row in session.scalars(select(Proposal).order_by(Proposal.requirement_id,
                                                         Proposal.stakeholder_id)):
        found.setdefault(row.requirement_id, {})[row.stakeholder_id] = row
    return found


def decide(session: Session, *, by: str, requirement: str, priority: str, reason: str) -> None:
    """Record the facilitator's decision on ``requirement``'s priority, with the reason."""
    reason = _checked(priority, reason)
    found = session.get(NeedsDecision, requirement)
    old = None if found is None else {"priority": found.priority, "reason": found.reason}
    if found is None:
        session.add(NeedsDecision(requirement_id=requirement, priority=priority, reason=reason,
                                  by=by, at=utcnow()))
    else:
        found.priority, found.reason, found.by, found.at = priority, reason, by, utcnow()
    audit.record(session, actor=by, action="needs_decision", target=requirement, old=old,
                 new={"priority": priority, "reason": reason})


def decisions(session: Session) -> dict[str, Decided]:
    return {row.requirement_id: Decided(row.priority, row.reason, row.by, row.at)
            for row in session.scalars(select(NeedsDecision))}


def disagreeing(by_stakeholder: dict[str, Proposal]) -> bool:
    """Whether the stakeholders who proposed a priority for one requirement differ."""
    return len({p.priority for p in by_stakeholder.values()}) > 1


def proposed_priorities(db: object) -> dict[str, dict[str, str]]:
    """Requirement id → stakeholder id → proposed priority, from an open
    :class:`~crmselect.evaluationdb.Database` (for the RFP's traceability table)."""
    with db.read() as session:  # type: ignore[attr-defined]
        return {rid: {sid: p.priority for sid, p in by.items()}
                for rid, by in proposals(session).items()}
