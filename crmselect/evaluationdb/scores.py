"""Evaluator scores and test-drive marks: saving them one by one, reading them back.

Every save runs in the caller's write transaction together with its audit-log entry, so a
score is never kept without the record of who gave it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Connection,
    Float,
    Integer,
    bindparam,
    delete,
    func,
    insert,
    literal,
    null,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import Session

from crmselect.evaluationdb import audit, scoringlock
from crmselect.evaluationdb.engine import (
    DriverConnection,
    DriverStatement,
    Executor,
    dialect_insert,
    prepared,
)
from crmselect.evaluationdb.schema import (
    AuditEntry,
    Declaration,
    DemoMark,
    Permit,
    Score,
    Setting,
    UtcDateTime,
    utcnow,
)
from crmselect.scorecolumns import ScoreColumns
from crmselect.scorerules import SCALE, SHOWN, has_note, needs_note  # noqa: F401 (one set of rules)

#: ``save_score(old=...)`` not given: the score is read in the save.
_UNREAD: Any = object()


@dataclass(frozen=True)
class Saved:
    """The outcome of a save: the row's version after it and whether anything changed."""

    version: int
    updated_at: dt.datetime
    changed: bool


def save_score(
    session: Executor | DriverConnection, *, actor: str, evaluator: str, vendor: str,
    target: str, score: float, note: str, now: dt.datetime | None = None,
    action: str = "score", old: Any = _UNREAD,
) -> Saved:
    """Insert or update one score and log the change (as ``action``: ``score``, or
    ``score_after_reveal`` for a change the facilitator reopened). Raises ValueError for a
    score the rules refuse (the web form checks them first and shows the reason).

    ``old``: the score before, when the caller read it already in this transaction
    (:func:`gate_for_save`; None: there was none)."""
    # Programmer errors, not user messages: the one caller, the evaluator's score save
    # (crmselect.webapp.scoring), refuses a score off the scale and a low or high score without
    # a note in the evaluator's language (parse_score_form) before it gets here; `scores push`
    # writes through scoresfile after read_source checked the same rules with file and line
    # (tests/test_web_store_contracts.py).
    if not 0 <= score <= 5:
        raise ValueError(f"score {score} is outside 0–5")
    note = note.strip()
    if needs_note(score) and not has_note(note):
        raise ValueError(f"a score of {score:g} needs a note")
    now = now or utcnow()
    if old is _UNREAD:
        old = _old_score(session, evaluator, vendor, target)
    if old is not None and old.score == score and old.note == note:
        return Saved(old.version, old.updated_at, changed=False)
    old_value = None if old is None else {"score": old.score, "note": old.note}
    new = {"score": score, "note": note}
    if isinstance(session, (Connection, DriverConnection)):  # the web form's save: straight
        # to the driver
        version = _UPSERT_SCORE.execute(session, {
            "evaluator_id": evaluator, "vendor_id": vendor, "target": target, "score": score,
            "note": note, "updated_at": now, "version": 1})[0][0]
        _INSERT_AUDIT.execute(session, {
            "at": now, "actor": actor, "action": action, "evaluator_id": evaluator,
            "vendor_id": vendor, "target": target, "old_value": audit.encode(old_value),
            "new_value": audit.encode(new), "reason": ""})
        return Saved(version, now, changed=True)
    assert isinstance(session, Session)
    version = session.execute(_upsert_score(session), {
        "evaluator_id": evaluator, "vendor_id": vendor, "target": target, "score": score,
        "note": note, "updated_at": now, "version": 1,
    }).scalar_one()
    audit.record(session, actor=actor, action=action, evaluator=evaluator, vendor=vendor,
                 target=target, old=old_value, new=new, at=now)
    return Saved(version, now, changed=True)


def stamp(row: Any) -> str:
    """What a page keeps of a score it shows (a stored :class:`Score`, an :class:`OldScore` or
    a :class:`Saved`; None: no score), so that a save from that page can tell whether the
    score changed since ('' when there was none).

    Why the time as well as the version: a score cleared and given again starts at version 1
    once more; its time (to the microsecond) does not repeat."""
    if row is None:
        return ""
    return f"{row.version}.{row.updated_at.strftime('%Y%m%d%H%M%S%f')}"


@dataclass(frozen=True)
class OldScore:
    """A score as it was before a save (for the unchanged check and the audit log)."""

    score: float
    note: str
    version: int
    updated_at: dt.datetime


_OLD_SCORE = (
    select(Score.score, Score.note, Score.version, Score.updated_at)
    .where(Score.evaluator_id == bindparam("e"), Score.vendor_id == bindparam("v"),
           Score.target == bindparam("t"))
    .with_for_update()
)
_OLD_SCORE_DRIVER = DriverStatement(lambda _dialect: _OLD_SCORE,
                                    result_types=(None, None, None, UtcDateTime()))


def _old_score(session: Executor | DriverConnection, evaluator: str, vendor: str,
               target: str) -> OldScore | None:
    """The score as it is now, read ``FOR UPDATE`` (None: there is none)."""
    params = {"e": evaluator, "v": vendor, "t": target}
    if isinstance(session, DriverConnection):
        rows = _OLD_SCORE_DRIVER.execute(session, params)
        return OldScore(*rows[0]) if rows else None
    row = session.execute(_OLD_SCORE, params).first()
    return None if row is None else OldScore(*row)


def _build_upsert(dialect: str) -> Any:
    stmt = dialect_insert(dialect, Score)
    return stmt.on_conflict_do_update(
        index_elements=["evaluator_id", "vendor_id", "target"],
        set_={"score": stmt.excluded.score, "note": stmt.excluded.note,
              "updated_at": stmt.excluded.updated_at, "version": Score.version + 1},
    ).returning(Score.version)


_upsert_score = prepared(_build_upsert)
_UPSERT_SCORE = DriverStatement(
    _build_upsert, column_keys=["evaluator_id", "vendor_id", "target", "score",
                                            "note", "updated_at", "version"])
_INSERT_AUDIT = DriverStatement(
    lambda _dialect: insert(AuditEntry), column_keys=["at", "actor", "action", "evaluator_id",
                                             "vendor_id", "target", "old_value", "new_value",
                                             "reason"])


def clear_score(session: Executor | DriverConnection, *, actor: str, evaluator: str,
                vendor: str, target: str, action: str = "score_cleared") -> bool:
    """Remove one score (logged as ``action``). False when there was none."""
    if isinstance(session, DriverConnection):  # the web form's clear, in its save transaction
        found = _old_score(session, evaluator, vendor, target)
        if found is None:
            return False
        _INSERT_AUDIT.execute(session, {
            "at": utcnow(), "actor": actor, "action": action, "evaluator_id": evaluator,
            "vendor_id": vendor, "target": target,
            "old_value": audit.encode({"score": found.score, "note": found.note}),
            "new_value": audit.encode(None), "reason": ""})
        _DELETE_SCORE.execute(session, {"e": evaluator, "v": vendor, "t": target})
        return True
    where = (Score.evaluator_id == evaluator, Score.vendor_id == vendor, Score.target == target)
    old = session.execute(select(Score.score, Score.note).where(*where).with_for_update()).first()
    if old is None:
        return False
    audit.record(session, actor=actor, action=action, evaluator=evaluator,
                 vendor=vendor, target=target, old={"score": old.score, "note": old.note})
    session.execute(delete(Score).where(*where))
    return True


_DELETE_SCORE = DriverStatement(lambda _dialect: delete(Score).where(
    Score.evaluator_id == bindparam("e"), Score.vendor_id == bindparam("v"),
    Score.target == bindparam("t")))


def save_demo_mark(
    session: Session, *, actor: str, evaluator: str, vendor: str, scenario: str,
    requirement: str, shown: str | None, action: str = "demo_mark",
) -> bool:
    """Set (or with ``shown=None`` remove) whether a requirement was shown in a test drive.

    Returns whether anything changed.
    """
    # A programmer error: the one caller, the test-drive view, answers 400 to any other value.
    if shown is not None and shown not in SHOWN:
        raise ValueError(f"'{shown}' is not one of {', '.join(SHOWN)}")
    where = (DemoMark.evaluator_id == evaluator, DemoMark.vendor_id == vendor,
             DemoMark.scenario_id == scenario, DemoMark.requirement_id == requirement)
    old = session.scalars(select(DemoMark).where(*where).with_for_update()).first()
    old_shown = old.shown if old is not None else None
    if old_shown == shown:
        return False
    now = utcnow()
    if shown is None:
        session.execute(delete(DemoMark).where(*where))
    else:
        session.execute(
            dialect_insert(session, DemoMark).values(
                evaluator_id=evaluator, vendor_id=vendor, scenario_id=scenario,
                requirement_id=requirement, shown=shown, updated_at=now,
            ).on_conflict_do_update(
                index_elements=["evaluator_id", "vendor_id", "scenario_id", "requirement_id"],
                set_={"shown": shown, "updated_at": now},
            )
        )
    audit.record(session, actor=actor, action=action, evaluator=evaluator, vendor=vendor,
                 target=f"{scenario}/{requirement}", old=old_shown, new=shown, at=now)
    return True


@dataclass(frozen=True)
class OldMark:
    """A test-drive mark as it is before a save (for the stale-page check)."""

    shown: str
    updated_at: dt.datetime


def old_demo_mark(session: Session, *, evaluator: str, vendor: str, scenario: str,
                  requirement: str) -> OldMark | None:
    """The mark as it is now, read ``FOR UPDATE`` in a save's write transaction (None: there
    is none)."""
    row = session.execute(
        select(DemoMark.shown, DemoMark.updated_at).where(
            DemoMark.evaluator_id == evaluator, DemoMark.vendor_id == vendor,
            DemoMark.scenario_id == scenario, DemoMark.requirement_id == requirement)
        .with_for_update()).first()
    return None if row is None else OldMark(*row)


def mark_stamp(row: Any) -> str:
    """What a page keeps of a test-drive mark it shows (a stored :class:`DemoMark` or an
    :class:`OldMark`; None: no mark), as :func:`stamp` for scores ('' when there was none).

    Why the time alone: a mark has no version; it changes only when its value does, and
    its time (to the microsecond) does not repeat."""
    if row is None:
        return ""
    return row.updated_at.strftime("%Y%m%d%H%M%S%f")


def scores(session: Session, *, evaluator: str | None = None,
           vendor: str | None = None) -> list[Score]:
    """Scores, optionally of one evaluator and/or one vendor, in a stable order."""
    query = select(Score)
    if evaluator is not None:
        query = query.where(Score.evaluator_id == evaluator)
    if vendor is not None:
        query = query.where(Score.vendor_id == vendor)
    return list(session.scalars(
        query.order_by(Score.vendor_id, Score.target, Score.evaluator_id)
    ))


def demo_marks(session: Session, *, evaluator: str | None = None,
               vendor: str | None = None) -> list[DemoMark]:
    query = select(DemoMark)
    if evaluator is not None:
        query = query.where(DemoMark.evaluator_id == evaluator)
    if vendor is not None:
        query = query.where(DemoMark.vendor_id == vendor)
    return list(session.scalars(query.order_by(
        DemoMark.vendor_id, DemoMark.scenario_id, DemoMark.requirement_id, DemoMark.evaluator_id
    )))


def targets_scored(session: Executor, evaluator: str, vendor: str) -> set[str]:
    """The targets ``evaluator`` has scored for ``vendor`` (a light query for progress)."""
    # fetchall: one call into the driver for the few hundred rows instead of one per row.
    return set(session.execute(_TARGETS, {"e": evaluator, "v": vendor}).scalars().all())


_TARGETS = select(Score.target).where(Score.evaluator_id == bindparam("e"),
                                      Score.vendor_id == bindparam("v"))


def counts(session: Session) -> dict[tuple[str, str], list[str]]:
    """(evaluator, vendor) → the targets scored, for the progress view."""
    found: dict[tuple[str, str], list[str]] = {}
    for evaluator, vendor, target in session.execute(
        select(Score.evaluator_id, Score.vendor_id, Score.target)
    ):
        found.setdefault((evaluator, vendor), []).append(target)
    return found


def scorers(session: Session) -> set[str]:
    """The evaluators who have a score or a test-drive mark in the database."""
    found = session.scalars(select(Score.evaluator_id).distinct()).all()
    marked = session.scalars(select(DemoMark.evaluator_id).distinct()).all()
    return {*found, *marked}


def total(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Score)) or 0


def declaration(session: Session, evaluator: str) -> Declaration | None:
    return session.get(Declaration, evaluator)


def declare(session: Session, *, evaluator: str, interests: str, language: str,
            vendors: Collection[str] = ()) -> None:
    """Record an evaluator's conflict-of-interest declaration (with the time it was made):
    what they declare and the vendors it concerns (scoring those is then blocked).

    A vendor declared before stays declared: only the facilitator's permit lifts its block.
    Why: declaring again with "no conflict" let an evaluator score a vendor they had declared
    an interest in, unmarked and without anyone allowing it.
    """
    old = session.get(Declaration, evaluator)
    now = utcnow()
    named = " ".join(sorted(set(vendors) | declared_vendors(old)))
    old_value = None if old is None else {"interests": old.interests,
                                          "vendors": old.vendors or ""}
    if old is None:
        session.add(Declaration(evaluator_id=evaluator, declared_at=now,
                                interests=interests.strip(), language=language, vendors=named))
    else:
        old.declared_at, old.interests, old.language = now, interests.strip(), language
        old.vendors = named
    audit.record(session, actor=evaluator, action="declaration", evaluator=evaluator,
                 old=old_value, new={"interests": interests.strip(), "vendors": named}, at=now)


def declared_vendors(found: Declaration | None) -> set[str]:
    """The vendors a declaration names (none when there is no declaration)."""
    return set((found.vendors or "").split()) if found is not None else set()


@dataclass(frozen=True)
class Gate:
    """Whether one evaluator may change their scores of one vendor now, and how it is marked.

    Why in one place: the save endpoint, the test-drive marks and the pages all ask the same
    questions (revealed? reopened? declared interest? allowed?), on the server.
    """

    revealed: bool
    reopened: bool
    declared: bool
    allowed: bool
    #: Whether the weights' fingerprint of the start of scoring is kept already (then a save
    #: need not try to keep it again).
    fingerprinted: bool = False

    @property
    def frozen(self) -> bool:
        """Revealed and not reopened for this evaluator and vendor: read-only."""
        return self.revealed and not self.reopened

    @property
    def blocked(self) -> bool:
        """A declared interest in the vendor that the facilitator did not allow."""
        return self.declared and not self.allowed

    @property
    def open(self) -> bool:
        return not self.frozen and not self.blocked

    def action(self, base: str) -> str:
        """The audit-log action of a change made now (``…_after_reveal`` once revealed)."""
        return f"{base}_after_reveal" if self.revealed else base


def gate(session: Executor, evaluator: str, vendor: str, *,
         conflict_of_interest: bool = True) -> Gate:
    """The :class:`Gate` of ``evaluator`` for ``vendor``, in one query (it runs in every save's
    write transaction)."""
    return _gate_from(session.execute(_GATE, {"e": evaluator, "v": vendor}), vendor,
                      conflict_of_interest)


def _gate_from(rows: Any, vendor: str, conflict_of_interest: bool) -> Gate:
    revealed = reopened = allowed = declared = fingerprinted = False
    for kind, value in rows:
        if kind == "revealed":
            revealed = bool(value)
        elif kind == "fingerprint":
            fingerprinted = bool(value)
        elif kind == "reopen":
            reopened = True
        elif kind == "interest":
            allowed = True
        elif kind == "declared":
            declared = conflict_of_interest and vendor in (value or "").split()
    return Gate(revealed=revealed, reopened=reopened, declared=declared, allowed=allowed,
                fingerprinted=fingerprinted)


_GATE = union_all(
    select(literal("revealed").label("kind"), Setting.value.label("value"))
    .where(Setting.key == "revealed"),
    select(literal("fingerprint"), Setting.value).where(Setting.key == "weights_fingerprint"),
    select(Permit.kind, literal("")).where(Permit.evaluator_id == bindparam("e"),
                                           Permit.vendor_id == bindparam("v")),
    select(literal("declared"), Declaration.vendors)
    .where(Declaration.evaluator_id == bindparam("e")),
)
_GATE_DRIVER = DriverStatement(lambda _dialect: _GATE)


def score_columns(session: Session, chunk: int = 50_000) -> ScoreColumns:
    """Every score as columns (:mod:`crmselect.scorecolumns`), in :func:`scores`' order: one
    query on the driver's own cursor (plain tuples), turned into arrays a chunk at a time, no
    object per record kept.

    Why: ``crmselect score --from-db`` of 459,000 records; as ORM objects and then pydantic
    records they took over 1 GB."""
    cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(_COLUMNS)
        return ScoreColumns.from_rows(iter(lambda: cursor.fetchmany(chunk), []))
    finally:
        cursor.close()


#: Plain SQL that SQLite and PostgreSQL read alike (no parameters, so no paramstyle).
_COLUMNS = ("SELECT evaluator_id, vendor_id, target, score, note FROM score "
            "ORDER BY vendor_id, target, evaluator_id")


def gate_for_save(conn: Connection | DriverConnection, evaluator: str, vendor: str,
                  target: str, *, conflict_of_interest: bool = True
                  ) -> tuple[Gate, OldScore | None]:
    """The :class:`Gate` and the score as it is now, read in a save's write transaction.

    On SQLite, whose ``BEGIN IMMEDIATE`` already holds the only write lock, both come from one
    statement (:data:`_SAVE_GATE`); elsewhere the score is read ``FOR UPDATE`` on its own
    (a UNION cannot lock rows).
    """
    if conn.dialect.name != "sqlite":
        # A reveal or permit change waits for this save; another save of this score too.
        scoringlock.hold_for_save(conn, evaluator, vendor, target)
        if isinstance(conn, DriverConnection):
            found = _gate_from(_GATE_DRIVER.execute(conn, {"e": evaluator, "v": vendor}),
                               vendor, conflict_of_interest)
        else:
            found = gate(conn, evaluator, vendor, conflict_of_interest=conflict_of_interest)
        return found, _old_score(conn, evaluator, vendor, target)
    rows = list(_SAVE_GATE.execute(conn, {"e": evaluator, "v": vendor, "t": target}))
    old = next((OldScore(score, value, version, updated_at)
                for kind, value, score, version, updated_at in rows if kind == "old"), None)
    found = _gate_from(((kind, value) for kind, value, *_ in rows if kind != "old"), vendor,
                       conflict_of_interest)
    return found, old


def _build_save_gate(_dialect: str) -> Any:
    # The first SELECT gives the columns their types: the old score's are NULL elsewhere.
    nothing = (type_coerce(null(), Float), type_coerce(null(), Integer),
               type_coerce(null(), UtcDateTime))
    return union_all(
        select(literal("revealed").label("kind"), Setting.value.label("value"), *nothing)
        .where(Setting.key == "revealed"),
        select(literal("fingerprint"), Setting.value, *nothing)
        .where(Setting.key == "weights_fingerprint"),
        select(Permit.kind, literal(""), *nothing)
        .where(Permit.evaluator_id == bindparam("e"), Permit.vendor_id == bindparam("v")),
        select(literal("declared"), Declaration.vendors, *nothing)
        .where(Declaration.evaluator_id == bindparam("e")),
        select(literal("old"), Score.note, Score.score, Score.version, Score.updated_at)
        .where(Score.evaluator_id == bindparam("e"), Score.vendor_id == bindparam("v"),
               Score.target == bindparam("t")),
    )


_SAVE_GATE = DriverStatement(_build_save_gate,
                             result_types=(None, None, None, None, UtcDateTime()))
