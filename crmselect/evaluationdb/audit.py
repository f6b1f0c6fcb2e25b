"""The audit log: every change to the evaluation, with who, when, old and new value and why."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from crmselect.evaluationdb.engine import Executor
from crmselect.evaluationdb.schema import AuditEntry, utcnow


def encode(value: object) -> str | None:
    """A value as the audit log stores it (JSON; None stays None)."""
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def decode(text: str | None) -> object:
    return None if text is None else json.loads(text)


def record(
    session: Executor, *, actor: str, action: str, evaluator: str | None = None,
    vendor: str | None = None, target: str | None = None, old: object = None, new: object = None,
    reason: str = "", at: dt.datetime | None = None,
) -> None:
    """Add one entry to the audit log, in the caller's transaction."""
    session.execute(_INSERT, {
        "at": at or utcnow(), "actor": actor, "action": action, "evaluator_id": evaluator,
        "vendor_id": vendor, "target": target, "old_value": encode(old),
        "new_value": encode(new), "reason": reason,
    })


_INSERT = insert(AuditEntry)


@dataclass(frozen=True)
class AuditPage:
    entries: list[AuditEntry]
    total: int


def entries(session: Session, *, page: int = 1, per_page: int = 100,
            vendor: str | None = None) -> AuditPage:
    """The newest entries first, one page at a time."""
    query = select(AuditEntry)
    count = select(func.count()).select_from(AuditEntry)
    if vendor:
        query = query.where(AuditEntry.vendor_id == vendor)
        count = count.where(AuditEntry.vendor_id == vendor)
    rows = session.scalars(
        query.order_by(AuditEntry.id.desc()).offset((page - 1) * per_page).limit(per_page)
    ).all()
    return AuditPage(list(rows), session.scalar(count) or 0)
