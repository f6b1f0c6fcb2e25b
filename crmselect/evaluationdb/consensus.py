"""Disagreements between evaluators and the consensus scores the facilitator records.

A consensus edit names the version of the consensus it was based on (0: there was none). If
someone changed it in between, the edit is refused with :class:`StaleEdit` instead of silently
overwriting the other change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from crmselect.evaluationdb import audit
from crmselect.evaluationdb.engine import dialect_insert
from crmselect.evaluationdb.schema import (
    AuditEntry,
    Consensus,
    Declaration,
    Permit,
    Score,
    utcnow,
)
from crmselect.scoring.spread import cell_spreads, disagreeing


@dataclass(frozen=True)
class Agreed:
    """A snapshot of a consensus record (safe to use after the transaction ended)."""

    vendor: str
    target: str
    score: float
    reason: str
    by: str
    version: int

    @classmethod
    def of(cls, row: Consensus | None) -> Agreed | None:
        if row is None:
            return None
        return cls(row.vendor_id, row.target, row.score, row.reason, row.by, row.version)


class StaleEdit(Exception):
    """The consensus changed since the page the edit came from was loaded."""

    def __init__(self, current: Agreed | None) -> None:
        self.current = current
        super().__init__("the consensus score was changed by someone else in the meantime")


@dataclass(frozen=True)
class Opinion:
    evaluator: str
    score: float
    note: str


@dataclass(frozen=True)
class Disagreement:
    """Evaluators whose scores of one vendor on one target are ``spread`` apart."""

    vendor: str
    target: str
    opinions: tuple[Opinion, ...]
    spread: float

    @property
    def scorers(self) -> int:
        return len(self.opinions)


def disagreements(rows: Iterable[Score], min_spread: float) -> list[Disagreement]:
    """Every (vendor, target) where at least two evaluators differ by ``min_spread`` or more,
    the widest spread first. The spread and the rule are the scoring engine's
    (:mod:`crmselect.scoring.spread`), so ``crmselect score`` lists the same pairs."""
    grouped: dict[tuple[str, str], list[Opinion]] = {}
    for row in rows:
        grouped.setdefault((row.vendor_id, row.target), []).append(
            Opinion(row.evaluator_id, row.score, row.note))
    cells = [k for k, ops in enumerate(grouped.values()) for _ in ops]
    count, spread = cell_spreads(cells, [o.score for ops in grouped.values() for o in ops],
                                 len(grouped))
    flagged = disagreeing(count, spread, min_spread)
    found = [
        Disagreement(vendor, target, tuple(sorted(ops, key=lambda o: o.evaluator)),
                     float(spread[k]))
        for k, ((vendor, target), ops) in enumerate(grouped.items()) if flagged[k]
    ]
    return sorted(found, key=lambda d: (-d.spread, d.vendor, d.target))


def scored(session: Session, vendor: str, target: str) -> bool:
    """Whether anyone scored ``target`` for ``vendor`` (consensus is only on such items)."""
    return session.scalars(
        select(Score.id).where(Score.vendor_id == vendor, Score.target == target).limit(1)
    ).first() is not None


#: How an evaluator's score is marked where scores are compared (consensus view, results,
#: export): changed after the reveal, given despite a declared interest (allowed), or of a
#: vendor the evaluator declared an interest in without an allowance (given before the
#: declaration, or the allowance withdrawn since).
CHANGED_AFTER_REVEAL = "changed_after_reveal"
#: The audit-log actions that change a score (a web save, a push, a pull's merge).
SCORE_CHANGES = ("score", "score_after_reveal")
INTEREST_ALLOWED = "interest_allowed"
INTEREST_DECLARED = "interest_declared"


def marks(session: Session, rows: Iterable[Score], revealed_at: dt.datetime | None
          ) -> dict[tuple[str, str, str], tuple[str, ...]]:
    """(evaluator, vendor, target) → the marks of that score, for scores that have any.

    Why derived, not stored: a score saved after the reveal is "changed after reveal" by the
    audit log, which holds when each change was made; not by the score's own time stamp,
    which ``scores push`` takes from the file (the sample's scores are dated 2027: a reveal
    today marked every one of them). A score of a vendor the evaluator declared an interest
    in, that the facilitator allowed, is "given despite a declared interest"; one that nobody
    allowed (scored before the interest was declared, or allowed and the allowance withdrawn)
    is marked too: unmarked, it counted as if there were no interest.
    """
    changed: set[tuple[str | None, str | None, str | None]] = set()
    if revealed_at is not None:
        changed = {tuple(key) for key in session.execute(  # type: ignore[misc]
            select(AuditEntry.evaluator_id, AuditEntry.vendor_id, AuditEntry.target).where(
                AuditEntry.action.in_(SCORE_CHANGES), AuditEntry.at > revealed_at))}
    declared = {d.evaluator_id: set((d.vendors or "").split())
                for d in session.scalars(select(Declaration))}
    allowed = {(p.evaluator_id, p.vendor_id)
               for p in session.scalars(select(Permit).where(Permit.kind == "interest"))}
    found: dict[tuple[str, str, str], tuple[str, ...]] = {}
    for row in rows:
        flags = []
        if (row.evaluator_id, row.vendor_id, row.target) in changed:
            flags.append(CHANGED_AFTER_REVEAL)
        if row.vendor_id in declared.get(row.evaluator_id, ()):
            flags.append(INTEREST_ALLOWED if (row.evaluator_id, row.vendor_id) in allowed
                         else INTEREST_DECLARED)
        if flags:
            found[(row.evaluator_id, row.vendor_id, row.target)] = tuple(flags)
    return found


def current(session: Session, vendor: str, target: str) -> Consensus | None:
    return session.scalars(
        select(Consensus).where(Consensus.vendor_id == vendor, Consensus.target == target)
    ).first()


def all_records(session: Session) -> list[Consensus]:
    return list(session.scalars(select(Consensus).order_by(Consensus.vendor_id,
                                                           Consensus.target)))


def record(
    session: Session, *, actor: str, vendor: str, target: str, score: float, reason: str,
    based_on: int,
) -> int:
    """Record the consensus score of ``vendor`` on ``target``; returns the new version.

    Raises :class:`StaleEdit` when the current version is not ``based_on``.
    """
    # Programmer errors, not user messages: the one caller, the facilitator's consensus view
    # (crmselect.webapp.facilitator), refuses a blank reason or a score off the scale in the
    # facilitator's language before it gets here (tests/test_web_store_contracts.py).
    reason = reason.strip()
    if not reason:
        raise ValueError("a consensus score needs a reason")
    if not 0 <= score <= 5:
        raise ValueError(f"score {score} is outside 0–5")
    old = session.scalars(
        select(Consensus).where(Consensus.vendor_id == vendor, Consensus.target == target)
        .with_for_update()
    ).first()
    now = utcnow()
    if based_on == 0:
        inserted = session.execute(
            dialect_insert(session, Consensus).values(
                vendor_id=vendor, target=target, score=score, reason=reason, by=actor, at=now,
                version=1,
            ).on_conflict_do_nothing(index_elements=["vendor_id", "target"])
            .returning(Consensus.version)
        ).scalar()
        if inserted is None:
            raise StaleEdit(Agreed.of(current(session, vendor, target)))
        version = 1
    else:
        result = session.execute(
            update(Consensus)
            .where(Consensus.vendor_id == vendor, Consensus.target == target,
                   Consensus.version == based_on)
            .values(score=score, reason=reason, by=actor, at=now, version=based_on + 1)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:
            raise StaleEdit(Agreed.of(current(session, vendor, target)))
        version = based_on + 1
    audit.record(
        session, actor=actor, action="consensus", vendor=vendor, target=target,
        old=None if old is None else {"score": old.score, "reason": old.reason,
                                      "version": old.version},
        new={"score": score, "reason": reason, "version": version}, reason=reason, at=now,
    )
    return version
