"""Scores between a file and the evaluation database: ``crmselect scores push`` and ``pull``.

:func:`load_scores` (push) writes a YAML or CSV scores file into the database; :func:`pull`
merges the database's records into the project's ``scores.yaml`` by the rules of
``crmselect scores import``.

Why push: scores given offline (a CSV filled in in a spreadsheet, the ``scores.yaml`` of another
machine) belong in the database the web form writes, so that the facilitator's progress,
consensus and results pages see all of them. The file is checked in full first, against the
project and against the rules the web form applies when it saves, every problem with its file
and line; then it is written in one transaction, each change with its audit-log entry, or
nothing is written at all.

The web form's rules, refused here too: a score is a whole point 0–5, a 0, 1 or 5 has a note
that says why, a note has at most 4000 characters, only facilitators and evaluators score, and
an evaluator with areas scores only requirements of those areas; a test-drive mark is for a
requirement the scenario demonstrates; a consensus score is a whole point, given by a person of
the project. Why refuse rather than let an import in: the database then holds only what the
web form could have saved, and its pages show every record as it is.

A record the database already holds with a different value is kept unless ``force``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy import Connection, bindparam, insert, select, update

from crmselect.atomicfile import write_text_atomic
from crmselect.errors import CrmselectError, Issue, did_you_mean
from crmselect.errors import msg as t
from crmselect.evaluationdb import audit, settings
from crmselect.evaluationdb.engine import Database, display_url, sqlite_file
from crmselect.evaluationdb.export import scores_file
from crmselect.evaluationdb.schema import AuditEntry, Consensus, DemoMark, Score, utcnow
from crmselect.evaluationdb.scores import SCALE, needs_note
from crmselect.loading import issues_from_validation
from crmselect.model import ConsensusRecord, ScoreRecord, ScoresFile
from crmselect.model import DemoMark as DemoRecord
from crmselect.project import SCORES_FILE, LoadedProject, check_scores
from crmselect.scoring.scoresio import file_kind, merge_scores, read_csv_rows
from crmselect.scoring.scoresio import to_yaml as project_yaml
from crmselect.scoring.weights import weights_fingerprint
from crmselect.yamlfile import Document, read_document

#: Who the audit log names for an imported change.
ACTOR = "import"
#: The web form's limit on a note.
NOTE_MAX = 4000
#: The roles that score in the web form (its ``SCORERS``).
SCORING_ROLES = ("facilitator", "evaluator")

SECTIONS: dict[str, type[BaseModel]] = {
    "scores": ScoreRecord, "demo": DemoRecord, "consensus": ConsensusRecord,
}
KEYS: dict[str, Callable[[Any], tuple[str, ...]]] = {
    "scores": lambda r: (r.evaluator, r.vendor, r.target),
    "demo": lambda r: (r.evaluator, r.vendor, r.scenario, r.requirement),
    "consensus": lambda r: (r.vendor, r.target),
}


@dataclass(frozen=True)
class Row:
    """One valid record of the file: its section, its place in it, and its line."""

    section: str
    index: int
    line: int
    record: Any


@dataclass
class Source:
    """The valid records of a scores file, in file order, and how to point at each."""

    path: Path
    rows: list[Row]
    fingerprint: str | None = None
    doc: Document | None = None

    def section(self, name: str) -> list[Row]:
        return [r for r in self.rows if r.section == name]

    def issue(self, row: Row, where: str, message: str, hint: str = "") -> Issue:
        """A problem of ``row``'s field ``where`` ('' for the whole record), at its line (and
        column in YAML)."""
        if self.doc is not None:
            loc = (row.section, row.index, where) if where else (row.section, row.index)
            return self.doc.issue(loc, message, hint=hint)
        return Issue(file=str(self.path), line=row.line, where=where, message=message, hint=hint)


@dataclass
class LoadResult:
    """What a push did. ``kept`` names each record left as the database has it."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: list[Issue] = field(default_factory=list)
    #: Records in the file: scores, test-drive marks, consensus records.
    counts: dict[str, int] = field(default_factory=dict)


def read_source(path: Path, lp: LoadedProject, lang: str = "en") -> Source:
    """Read a YAML or CSV scores file and check it fully; every problem is raised together.

    Checked: the file's form (0–5 scale, ids, keys), evaluators, vendors, requirements and
    scenario steps against the project, records given twice, and the web form's rules.
    """
    path = Path(path)
    kind = file_kind(path, lang)
    if not path.is_file():
        raise CrmselectError(Issue(file=str(path), message=t("yaml_no_file")))
    if kind == "yaml":
        source, issues = _read_yaml(path)
    else:
        scores, lines, issues = read_csv_rows(path, lang)
        source = Source(path, [
            Row(section, i, lines[section][i], rec)
            for section in ("scores", "demo", "consensus")
            for i, rec in enumerate(getattr(scores, section))])
    issues += _check_project(source, lp)
    issues += _check_duplicates(source, lang)
    issues += _check_rules(source, lp, lang)
    if issues:
        raise CrmselectError(sorted(issues, key=lambda i: (i.line, i.column)),
                             what="scores_not_imported")
    return source


def _read_yaml(path: Path) -> tuple[Source, list[Issue]]:
    """The records that are valid on their own, and the problems of the others.

    Why record by record: a score of 7 on one line must not hide an unknown evaluator on the
    next; the valid records go on to the checks against the project.
    """
    doc = read_document(path)
    if not isinstance(doc.data, dict):
        raise CrmselectError(doc.issue((), t("load_mapping_top")))
    issues: list[Issue] = []
    try:
        ScoresFile.model_validate(doc.data)
    except ValidationError as exc:
        issues = issues_from_validation(doc, exc, ScoresFile)
    rows: list[Row] = []
    for section, model in SECTIONS.items():
        items = doc.data.get(section)
        for i, item in enumerate(items if isinstance(items, list) else []):
            try:
                record = model.model_validate(item)
            except ValidationError:
                continue  # reported above
            rows.append(Row(section, i, doc.position((section, i))[0], record))
    fingerprint = doc.data.get("weights_fingerprint")
    return Source(path, rows, fingerprint if isinstance(fingerprint, str) else None, doc), issues


def _check_project(source: Source, lp: LoadedProject) -> list[Issue]:
    """Unknown evaluators, vendors, requirements, scenarios and steps (the project's check)."""
    by_section = {name: source.section(name) for name in SECTIONS}
    file = ScoresFile(**{name: [r.record for r in rows] for name, rows in by_section.items()})
    found: list[Issue] = []
    for issue in check_scores(lp, file, None):
        section, index, where = issue.where.split(".", 2)
        row = by_section[section][int(index)]
        found.append(source.issue(row, where, issue.message, issue.hint))
    return found


def _check_duplicates(source: Source, lang: str) -> list[Issue]:
    found: list[Issue] = []
    for section, key in KEYS.items():
        seen: dict[tuple[str, ...], int] = {}
        for row in source.section(section):
            k = key(row.record)
            if k in seen:
                message = (t("csv_duplicate", line=seen[k]) if section == "scores"
                           else t("scores_push_duplicate", line=seen[k]))
                found.append(source.issue(row, "", message))
            else:
                seen[k] = row.line
    return found


def _check_rules(source: Source, lp: LoadedProject, lang: str) -> list[Issue]:
    """What the web form refuses when it saves (see the module's docstring)."""
    people = {p.id: p for p in lp.project.evaluators}
    found: list[Issue] = []

    def scorer(row: Row) -> None:
        person = people.get(row.record.evaluator)
        if person is not None and person.role not in SCORING_ROLES:
            found.append(source.issue(row, "evaluator", t(
                "scores_push_role", lang, id=person.id, role=person.role)))

    def whole(row: Row) -> None:
        if row.record.score not in SCALE:
            found.append(source.issue(row, "score", t(
                "scores_push_whole", lang, score=f"{row.record.score:g}")))

    for row in source.section("scores"):
        rec: ScoreRecord = row.record
        scorer(row)
        whole(row)
        note = rec.note.strip()
        if needs_note(rec.score) and not note:
            found.append(source.issue(row, "note", t(
                "scores_push_needs_note", lang, score=f"{rec.score:g}")))
        if len(note) > NOTE_MAX:
            found.append(source.issue(row, "note", t(
                "scores_push_note_long", lang, n=len(note), max=NOTE_MAX)))
        person = people.get(rec.evaluator)
        req = lp.requirements.get(rec.target)
        if person is not None and person.areas and req is not None and (
                req.area not in person.areas):
            found.append(source.issue(row, "target", t(
                "scores_push_area", lang, id=person.id, areas=", ".join(person.areas),
                target=rec.target, area=req.area)))
    for row in source.section("demo"):
        mark: DemoRecord = row.record
        scorer(row)
        scenario = lp.scenarios.get(mark.scenario)
        if scenario is not None and mark.requirement in lp.requirements and (
                mark.requirement not in _demonstrated(scenario)):
            found.append(source.issue(row, "requirement", t(
                "scores_push_not_in_scenario", lang, requirement=mark.requirement,
                scenario=mark.scenario)))
    for row in source.section("consensus"):
        agreed: ConsensusRecord = row.record
        whole(row)
        if agreed.by is not None and agreed.by not in people:
            found.append(source.issue(row, "by", t("scores_push_no_person", id=agreed.by),
                                      did_you_mean(agreed.by, people)))
    return found


def _demonstrated(scenario: Any) -> set[str]:
    """The requirements a scenario shows: its own list and its steps' (as the web form)."""
    return {*scenario.requirements, *(r for s in scenario.steps for r in s.requirements)}


def load_scores(db: Database, lp: LoadedProject, source: Source, *, force: bool = False,
                lang: str = "en") -> LoadResult:
    """Write the records of ``source`` (from :func:`read_source`, which checked them) into
    ``db`` in one transaction."""
    result = LoadResult(counts={name: len(source.section(name)) for name in SECTIONS})
    with db.write_connection() as conn:
        if db.dialect == "postgresql":
            # Web saves wait until the import is in, so that what was compared stays true.
            conn.exec_driver_sql(
                "LOCK TABLE score, demo_mark, consensus IN SHARE ROW EXCLUSIVE MODE")
        writer = _Writer(conn, source, result, force, lang)
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

    def __init__(self, conn: Connection, source: Source, result: LoadResult, force: bool,
                 lang: str) -> None:
        self.conn, self.source, self.result = conn, source, result
        self.force, self.lang = force, lang
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


def pull(db: Database, lp: LoadedProject, *, force: bool = False,
         lang: str = "en") -> PullResult:
    """Merge every record of ``db`` into the project's ``scores.yaml`` (written atomically, and
    only when something changes).

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
    problems = check_scores(lp, incoming, None)
    if problems:
        raise CrmselectError([_in_database(db.url, incoming, i) for i in problems],
                             what="scores_not_imported")
    target = lp.root / SCORES_FILE
    held_scores = {KEYS["scores"](r) for r in incoming.scores}
    held_marks = {KEYS["demo"](r) for r in incoming.demo}
    gone_scores = [r for r in lp.scores.scores
                   if KEYS["scores"](r) in cleared_scores and KEYS["scores"](r) not in held_scores]
    gone_marks = [r for r in lp.scores.demo
                  if KEYS["demo"](r) in cleared_marks and KEYS["demo"](r) not in held_marks]
    conflicts: list[Issue] = []
    try:
        result = merge_scores(lp.scores, incoming, force=force, source=str(target), lang=lang)
    except CrmselectError as exc:
        conflicts = list(exc.issues)
        result = None
    if (gone_scores or gone_marks) and not force:
        conflicts += [
            Issue(file=str(target), where=" › ".join(KEYS["scores"](r)),
                  message=t("scores_pull_cleared", lang, old=_described(r.score, r.note)),
                  hint=t("scores_conflict_hint", lang))
            for r in gone_scores
        ] + [
            Issue(file=str(target), where=" › ".join(KEYS["demo"](r)),
                  message=t("scores_pull_cleared", lang, old=r.shown),
                  hint=t("scores_conflict_hint", lang))
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
        write_text_atomic(target, project_yaml(merged))
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


def _in_database(url: str, file: ScoresFile, issue: Issue) -> Issue:
    """A problem ``check_scores`` found in a record of the database, named by the record."""
    section, index, _ = issue.where.split(".", 2)
    record = getattr(file, section)[int(index)]
    where = " › ".join(KEYS[section](record))
    path = sqlite_file(url)
    if path is not None:
        return Issue(file=str(path), where=where, message=issue.message, hint=issue.hint)
    # Not a file: named in the message (a URL is no path to shorten).
    located = Issue(file="", where=where, message=issue.message, hint=issue.hint)
    return Issue(file="", message=f"{display_url(url)}: {located}")
