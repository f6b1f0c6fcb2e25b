"""The tables of the evaluation database, as SQLAlchemy 2 declarative models.

Why hand-written migrations still match this: ``tests/test_web_db.py`` compares these models
with the schema the migrations build (alembic's ``compare_metadata``) and fails on any drift.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

#: Constraint names are fixed so that migrations can refer to them on every database.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID = 64  # length of evaluator, vendor and scenario ids (the model's Slug/VendorId limit)
TARGET = 32  # OPS-SFA-003, SCN-ABCDEFGHIJKL.123, references


def utcnow() -> dt.datetime:
    """The current time, timezone-aware in UTC."""
    return dt.datetime.now(dt.UTC)


class UtcDateTime(TypeDecorator[dt.datetime]):
    """A timestamp stored as naive UTC and read back timezone-aware.

    Why: SQLite has no time zones and PostgreSQL's ``timestamptz`` converts to the session's
    zone; storing naive UTC behaves the same on both.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: object) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None,
                             dialect: object) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Account(Base):
    """A person of ``project.yaml`` who has set a password. Role and name stay in the project."""

    __tablename__ = "account"

    evaluator_id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    language: Mapped[str | None] = mapped_column(String(8))
    #: Raised when the password changes, so that older session cookies stop working.
    auth_version: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    password_set_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)


class Invitation(Base):
    """A one-time link with which a person sets a password. Only the token's hash is kept."""

    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    evaluator_id: Mapped[str] = mapped_column(String(ID), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)


class LoginAttempt(Base):
    """One login attempt. Kept in the database so that every worker sees the same counts."""

    __tablename__ = "login_attempt"
    __table_args__ = (
        Index("ix_login_attempt_username_at", "username", "at"),
        Index("ix_login_attempt_remote_addr_at", "remote_addr", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    username: Mapped[str] = mapped_column(String(ID))
    remote_addr: Mapped[str] = mapped_column(String(64))
    success: Mapped[bool] = mapped_column(Boolean)


class Score(Base):
    """One evaluator's score for one vendor on one target (requirement, scenario step,
    ``references``), with a note."""

    __tablename__ = "score"
    __table_args__ = (
        UniqueConstraint("evaluator_id", "vendor_id", "target"),
        Index("ix_score_vendor_id_target", "vendor_id", "target"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    evaluator_id: Mapped[str] = mapped_column(String(ID))
    vendor_id: Mapped[str] = mapped_column(String(ID))
    target: Mapped[str] = mapped_column(String(TARGET))
    score: Mapped[float] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)


class DemoMark(Base):
    """Whether a requirement was shown live, on slides or not at all in a vendor's test drive."""

    __tablename__ = "demo_mark"
    __table_args__ = (
        UniqueConstraint("evaluator_id", "vendor_id", "scenario_id", "requirement_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    evaluator_id: Mapped[str] = mapped_column(String(ID))
    vendor_id: Mapped[str] = mapped_column(String(ID))
    scenario_id: Mapped[str] = mapped_column(String(TARGET))
    requirement_id: Mapped[str] = mapped_column(String(TARGET))
    shown: Mapped[str] = mapped_column(String(16))
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)


class Consensus(Base):
    """The agreed score of a vendor on a target after the consensus meeting.

    ``version`` starts at 1 and rises with every edit; an edit names the version it was based
    on and is refused when that is no longer current (optimistic concurrency).
    """

    __tablename__ = "consensus"
    __table_args__ = (UniqueConstraint("vendor_id", "target"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vendor_id: Mapped[str] = mapped_column(String(ID))
    target: Mapped[str] = mapped_column(String(TARGET))
    score: Mapped[float] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text)
    by: Mapped[str] = mapped_column(String(ID))
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)


class Declaration(Base):
    """An evaluator's conflict-of-interest declaration, confirmed before scoring."""

    __tablename__ = "declaration"

    evaluator_id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    declared_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    #: What the person declared (empty: no conflict of interest).
    interests: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(8))
    #: The vendors the declared interest concerns, space-separated (scoring them is blocked).
    vendors: Mapped[str] = mapped_column(Text, default="", server_default="")


class Permit(Base):
    """The facilitator's leave for one evaluator to score one vendor, with the reason.

    ``kind`` is ``reopen`` (change own scores after the reveal) or ``interest`` (score a vendor
    despite a declared conflict of interest).
    """

    __tablename__ = "permit"
    __table_args__ = (UniqueConstraint("kind", "evaluator_id", "vendor_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    evaluator_id: Mapped[str] = mapped_column(String(ID))
    vendor_id: Mapped[str] = mapped_column(String(ID))
    reason: Mapped[str] = mapped_column(Text)
    by: Mapped[str] = mapped_column(String(ID))
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)


class Proposal(Base):
    """A stakeholder's proposed priority for one requirement, with the reason (the needs
    workshop, issue 14 point 7)."""

    __tablename__ = "proposal"

    stakeholder_id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    requirement_id: Mapped[str] = mapped_column(String(TARGET), primary_key=True)
    priority: Mapped[str] = mapped_column(String(8))
    reason: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)


class NeedsDecision(Base):
    """The facilitator's decision on a requirement's priority after the workshop, with the
    reason (the proposals it weighed stay in ``proposal``)."""

    __tablename__ = "needs_decision"

    requirement_id: Mapped[str] = mapped_column(String(TARGET), primary_key=True)
    priority: Mapped[str] = mapped_column(String(8))
    reason: Mapped[str] = mapped_column(Text)
    by: Mapped[str] = mapped_column(String(ID))
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)


class AuditEntry(Base):
    """One change: who, when, what, old value, new value and the reason given."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_vendor_id_target", "vendor_id", "target"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(ID))
    action: Mapped[str] = mapped_column(String(32))
    evaluator_id: Mapped[str | None] = mapped_column(String(ID))
    vendor_id: Mapped[str | None] = mapped_column(String(ID))
    target: Mapped[str | None] = mapped_column(String(TARGET))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text, default="")


class Setting(Base):
    """A named value of the evaluation: its id, the reveal, the weights' fingerprint when
    scoring began (never a secret: the session key is kept outside the project)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)


__all__ = [
    "Account", "AuditEntry", "Base", "Consensus", "Declaration", "DemoMark",
    "Invitation", "LoginAttempt", "Permit", "Score", "Setting", "utcnow",
]
