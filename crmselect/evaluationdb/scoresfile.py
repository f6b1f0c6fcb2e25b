"""Scores between a file and the evaluation database: ``crmselect scores push`` and ``pull``.

:func:`load_scores` (push) writes a YAML or CSV scores file into the database; :func:`pull`
merges the database's records into the project's scores file (``scores.yaml``, or the
``scores.csv`` a project may keep instead, written in its own form) by the rules of
``crmselect scores import``.

Why push: scores given offline (a CSV or Excel scoring sheet filled in, the ``scores.yaml`` of
another machine) belong in the database the web form writes, so that the facilitator's progress,
consensus and results pages see all of them. The file is read and checked in full by the one
scores reader (:mod:`crmselect.scoresreader`: the project, and the rules the web form applies
when it saves); then it is written in one transaction, each change with its audit-log entry, or
nothing is written at all. A pull checks the database's records by the same rules.

A record the database already holds with a different value is kept unless ``force``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update

from crmselect import scorerules
from crmselect.errors import CrmselectError, Issue
from crmselect.errors import msg as t
from crmselect.evaluationdb import audit, scoringlock, settings
from crmselect.evaluationdb.engine import Database, display_url, sqlite_file
from crmselect.evaluationdb.export import scores_file
from crmselect.evaluationdb.schema import AuditEntry, Consensus, DemoMark, Score, utcnow
from crmselect.model import ConsensusRecord, ScoreRecord, ScoresFile
from crmselect.model import DemoMark as DemoRecord
from crmselect.project import LoadedProject
from crmselect.scorechecks import KEYS, SECTIONS, Row, Source, check_source
from crmselect.scoresio import merge_scores, project_scores_path, write_project_scores
from crmselect.scoresreader import read_source  # noqa: F401 (push reads through here)
from crmselect.scoring.weights import weights_fingerprint

#: Who the audit log names for an imported change.
ACTOR = "import"
#: The web form's limit on a note (kept here for its old callers).
NOTE_MAX = scorerules.NOTE_MAX


@dataclass
class LoadResult:
    """What a push did. ``kept`` names each record left as the database has it."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: list[Issue] = field(default_factory=list)
    #: Records in the file: scores, test-drive marks, consensus records.
    counts: dict[str, int] = field(default_factory=dict)


def load_scores(db: Database, lp: LoadedProject, source: Source, *,
                force: bool = False) -> LoadResult:
    """Write the records of ``source`` (from :func:`read_source`, which checked them) into
    ``db`` in one transaction."""
    result = LoadResult(counts={name: len(source.section(name)) for name in SECTIONS})
    with db.write_connection() as conn:
        # As a web save does: a reveal or a permit change waits until the push is in, and
        # one under way is in before the push reads anything (crmselect.evaluationdb.scoringlock).
        scoringlock.hold_for_save(conn)
        if db.dialect == "postgresql":
            # Web saves wait until the import is in, so that what was compared stays true.
            conn.exec_driver_sql(
                "LOCK TABLE score, demo_mark, consensus IN SHARE ROW EXCLUSIVE MODE")
        writer = _Writer(conn, source, result, force)
        writer.scores()
        writer.demo_marks()
        writer.consensus()
        if source.rows:
            # As the web form does on the first save: keep the weights scoring began with.
            settings.remember_weights_fingerprint(
                conn, source.fingerprint or weights_fingerprint(lp))
    return result


def _utc(at: dt.datetime | None, now: dt.datetime) -> dt.datetime:
    """A record's time as the database keeps it (no time zone: taken as UTC; none: now)."""
    if at is None:
        return now
    return at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)


class _Writer:
    """Compares the file's records with the database's and writes the differences."""

    def __init__(self, conn: Connection, source: Source, result: LoadResult,
                 force: bool) -> None:
        self.conn, self.source, self.result = conn, source, result
        self.force = force
        self.now = utcnow()
        self.reason = source.path.name

    def _decide(self, row: Row, key: tuple[str, ...], same: bool, old: str, new: str) -> bool:
        """Whether to replace an existing record (counting the outcome either way)."""
        if same:
            self.result.unchanged += 1
            return False
        if not self.force:
            self.result.kept.append(Issue(
                file=str(self.source.path), line=row.line, where=" › ".join(key),
                message=t("scores_push_kept", old=old, new=new),
                hint=t("scores_conflict_hint")))
            return False
        self.result.updated += 1
        return True

    def scores(self) -> None:
        existing = {(r.evaluator_id, r.vendor_id, r.target): r for r in self.conn.execute(
            select(Score.id, Score.evaluator_id, Score.vendor_id, Score.target, Score.score,
                   Score.note))}
        added: list[dict[str, Any]] = []
        changed: list[dict[str, Any]] = []
        for row in self.source.section("scores"):
            rec: ScoreRecord = row.record
            key = KEYS["scores"](rec)
            note = rec.note.strip()
            new = {"score": rec.score, "note": note}
            old = existing.get(key)
            if old is None:
                self.result.added += 1
                added.append({"evaluator_id": rec.evaluator, "vendor_id": rec.vendor,
                              "target": rec.target, "score": rec.score, "note": note,
                              "updated_at": _utc(rec.at, self.now), "version": 1})
                old_value = None
            elif self._decide(row, key, old.score == rec.score and old.note == note,
                              _described(old.score, old.note), _described(rec.score, note)):
                changed.append({"b_id": old.id, "b_score": rec.score, "b_note": note,
                                "b_at": _utc(rec.at, self.now)})
                old_value = {"score": old.score, "note": old.note}
            else:
                continue
            audit.record(self.conn, actor=ACTOR, action="score", evaluator=rec.evaluator,
                         vendor=rec.vendor, target=rec.target, old=old_value, new=new,
                         reason=self.reason, at=self.now)
        if added:
            self.conn.execute(insert(Score), added)
        if changed:
            self.conn.execute(
                update(Score).where(Score.id == bindparam("b_id")).values(
                    score=bindparam("b_score"), note=bindparam("b_note"),
                    updated_at=bindparam("b_at"), version=Score.version + 1),
                changed)

    def demo_marks(self) -> None:
        existing = {(r.evaluator_id, r.vendor_id, r.scenario_id, r.requirement_id): r
                    for r in self.conn.execute(select(
                        DemoMark.id, DemoMark.evaluator_id, DemoMark.vendor_id,
                        DemoMark.scenario_id, DemoMark.requirement_id, DemoMark.shown))}
        added: list[dict[str, Any]] = []
        changed: list[dict[str, Any]] = []
        for row in self.source.section("demo"):
            mark: DemoRecord = row.record
            key = KEYS["demo"](mark)
            old = existing.get(key)
            if old is None:
                self.result.added += 1
                added.append({"evaluator_id": mark.evaluator, "vendor_id": mark.vendor,
                              "scenario_id": mark.scenario, "requirement_id": mark.requirement,
                              "shown": mark.shown, "updated_at": self.now})
            elif self._decide(row, key, old.shown == mark.shown, old.shown, mark.shown):
                changed.append({"b_id": old.id, "b_shown": mark.shown})
            else:
                continue
            audit.record(self.conn, actor=ACTOR, action="demo_mark", evaluator=mark.evaluator,
                         vendor=mark.vendor, target=f"{mark.scenario}/{mark.requirement}",
                         old=None if old is None else old.shown, new=mark.shown,
                         reason=self.reason, at=self.now)
        if added:
            self.conn.execute(insert(DemoMark), added)
        if changed:
            self.conn.execute(
                update(DemoMark).where(DemoMark.id == bindparam("b_id")).values(
                    shown=bindparam("b_shown"), updated_at=self.now),
                changed)

    def consensus(self) -> None:
        existing = {(r.vendor_id, r.target): r for r in self.conn.execute(select(
            Consensus.id, Consensus.vendor_id, Consensus.target, Consensus.score,
            Consensus.reason, Consensus.version))}
        for row in self.source.section("consensus"):
            agreed: ConsensusRecord = row.record
            key = KEYS["consensus"](agreed)
            reason = agreed.reason.strip()
            values = {"score": agreed.score, "reason": reason, "by": agreed.by or ACTOR,
                      "at": _utc(agreed.at, self.now)}
            old = existing.get(key)
            if old is None:
                self.result.added += 1
                version = 1
                self.conn.execute(insert(Consensus).values(
                    vendor_id=agreed.vendor, target=agreed.target, version=version, **values))
                old_value = None
            elif self._decide(row, key, old.score == agreed.score and old.reason == reason,
                              _described(old.score, old.reason),
                              _described(agreed.score, reason)):
                version = old.version + 1
                self.conn.execute(update(Consensus).where(Consensus.id == old.id).values(
                    version=version, **values))
                old_value = {"score": old.score, "reason": old.reason, "version": old.version}
            else:
                continue
            audit.record(self.conn, actor=ACTOR, action="consensus", vendor=agreed.vendor,
                         target=agreed.target, old=old_value,
                         new={"score": agreed.score, "reason": reason, "version": version},
                         reason=reason, at=self.now)


def _described(score: float, text: str) -> str:
    return f"{score:g}" + (f" ({text})" if text else "")


@dataclass(frozen=True)
class PullResult:
    """What a pull did: the merge's counts, and the records removed because they were cleared
    in the web form."""

    scores: ScoresFile
    added: int
    updated: int
    unchanged: int
    removed: int = 0


def pull(db: Database, lp: LoadedProject, *, force: bool = False) -> PullResult:
    """Merge every record of ``db`` into the project's scores file (written atomically, and
    only when something changes): its ``scores.yaml``, or its ``scores.csv`` when it keeps its
    scores there (:func:`~crmselect.scoresio.project_scores_path`), never both.

    The merge is ``crmselect scores import``'s: a record that differs from one already in
    ``scores.yaml`` is a conflict, and nothing is written, unless ``force``. Records the project
    does not know (an evaluator removed from ``project.yaml``) are refused, every one named.

    Deletions are carried too: a score or test-drive mark of ``scores.yaml`` that the database
    no longer holds because it was cleared (the audit log's last word on it is a clear) is a
    change like any other — a conflict without ``force``, removed with it. A record the
    database never held (scored offline, not pushed yet) stays.
    """
    with db.read() as session:
        incoming = scores_file(session)
        cleared_scores, cleared_marks = cleared(session)
    problems = check_source(_database_source(db.url, incoming), lp)
    if problems:
        raise CrmselectError(problems, what="scores_not_imported")
    target = project_scores_path(lp.root)
    held_scores = {KEYS["scores"](r) for r in incoming.scores}
    held_marks = {KEYS["demo"](r) for r in incoming.demo}
    gone_scores = [r for r in lp.scores.scores
                   if KEYS["scores"](r) in cleared_scores and KEYS["scores"](r) not in held_scores]
    gone_marks = [r for r in lp.scores.demo
                  if KEYS["demo"](r) in cleared_marks and KEYS["demo"](r) not in held_marks]
    conflicts: list[Issue] = []
    cleared_code = "scores_pull_cleared_csv" if target.name != "scores.yaml" \
        else "scores_pull_cleared"
    try:
        result = merge_scores(lp.scores, incoming, force=force, source=str(target),
                              kept_in=target.name)
    except CrmselectError as exc:
        conflicts = list(exc.issues)
        result = None
    if (gone_scores or gone_marks) and not force:
        conflicts += [
            Issue(file=str(target), where=" › ".join(KEYS["scores"](r)),
                  message=t(cleared_code, old=_described(r.score, r.note)),
                  hint=t("scores_conflict_hint"))
            for r in gone_scores
        ] + [
            Issue(file=str(target), where=" › ".join(KEYS["demo"](r)),
                  message=t(cleared_code, old=r.shown),
                  hint=t("scores_conflict_hint"))
            for r in gone_marks
        ]
    if conflicts or result is None:
        raise CrmselectError(conflicts, what="scores_not_imported")
    merged = result.scores
    removed = len(gone_scores) + len(gone_marks)
    if removed:
        drop_scores = {KEYS["scores"](r) for r in gone_scores}
        drop_marks = {KEYS["demo"](r) for r in gone_marks}
        merged = merged.model_copy(update={
            "scores": [r for r in merged.scores if KEYS["scores"](r) not in drop_scores],
            "demo": [r for r in merged.demo if KEYS["demo"](r) not in drop_marks],
        })
    if result.added or result.updated or removed:
        if merged.weights_fingerprint is None:
            merged = merged.model_copy(update={"weights_fingerprint": weights_fingerprint(lp)})
        write_project_scores(target, merged)
    return PullResult(merged, result.added, result.updated, result.unchanged, removed)


def cleared(session: Any) -> tuple[set[tuple[str, ...]], set[tuple[str, ...]]]:
    """Scores and test-drive marks whose last change in the audit log is a clear:
    (evaluator, vendor, target) and (evaluator, vendor, scenario, requirement) keys."""
    last: dict[tuple[str, ...], bool] = {}
    marks: dict[tuple[str, ...], bool] = {}
    rows = session.execute(
        select(AuditEntry.action, AuditEntry.evaluator_id, AuditEntry.vendor_id,
               AuditEntry.target, AuditEntry.new_value)
        .where(AuditEntry.action.in_(SCORE_ACTIONS + MARK_ACTIONS))
        .order_by(AuditEntry.id))
    for action, evaluator, vendor, target, new in rows:
        if evaluator is None or vendor is None or target is None:
            continue
        if action in SCORE_ACTIONS:
            last[(evaluator, vendor, target)] = action.startswith("score_cleared")
        else:
            scenario, _, requirement = target.partition("/")
            marks[(evaluator, vendor, scenario, requirement)] = new is None
    return ({k for k, gone in last.items() if gone}, {k for k, gone in marks.items() if gone})


SCORE_ACTIONS = ("score", "score_after_reveal", "score_cleared", "score_cleared_after_reveal")
MARK_ACTIONS = ("demo_mark", "demo_mark_after_reveal")


def _database_source(url: str, file: ScoresFile) -> Source:
    """The database's records for the one reader's checks, each problem named by its record
    (the database file, or the URL when it is no file: a URL is no path to shorten)."""
    path = sqlite_file(url)
    rows = [Row(section, i, 0, record, label=" › ".join(KEYS[section](record)))
            for section in SECTIONS for i, record in enumerate(getattr(file, section))]
    return Source(Path(path) if path is not None else Path(display_url(url)), rows,
                  file.weights_fingerprint)
