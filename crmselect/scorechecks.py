"""The checks every score record passes, wherever it comes from (a YAML, CSV or Excel scores
file, the evaluation database, the project's ``scores.yaml``): the records against the project,
a record given twice, and the web form's rules (:mod:`crmselect.scorerules`): whole points, a
note for 0, 1 and 5, at most :data:`~crmselect.scorerules.NOTE_MAX` characters of note, only
facilitators and evaluators score, an evaluator with areas scores only requirements of those
areas, a test-drive mark is for a requirement its scenario demonstrates, a consensus is given
by a person of the project.

:mod:`crmselect.scoresreader` reads the files; :func:`crmselect.project.load_project` checks
``scores.yaml`` here too, so that ``score`` refuses what ``scores import`` refuses.

Why refuse rather than let a record in: what any command accepts, the web form could have
saved, and every page and document shows it as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from crmselect import scorerules
from crmselect.errors import Issue, Number, did_you_mean
from crmselect.errors import msg as t
from crmselect.model import ConsensusRecord, DemoMark, ScoreRecord, ScoresFile
from crmselect.scorescsv import CSV_COLUMN_OF
from crmselect.yamlfile import Document

if TYPE_CHECKING:
    import numpy as np

    from crmselect.project import LoadedProject
    from crmselect.scorecolumns import ColumnScores, ScoreColumns

# numpy and the score columns are imported by the functions that check scores (below): the
# project loader imports this module, and a command that reads no scores (``rfp``) then
# imports no numpy (0.15-0.3 s of ``rfp`` on a busy machine).

#: The file named in problems of records that came from no file (the database's).
SCORES_FILE = "scores.yaml"

SECTIONS: dict[str, type[BaseModel]] = {
    "scores": ScoreRecord, "demo": DemoMark, "consensus": ConsensusRecord,
}
KEYS: dict[str, Callable[[Any], tuple[str, ...]]] = {
    "scores": lambda r: (r.evaluator, r.vendor, r.target),
    "demo": lambda r: (r.evaluator, r.vendor, r.scenario, r.requirement),
    "consensus": lambda r: (r.vendor, r.target),
}


@dataclass(frozen=True)
class Row:
    """One record that is valid on its own: its section, its place there, and where it is
    written (a line; in a workbook, the cell of each field)."""

    section: str
    index: int
    line: int
    record: Any
    cells: dict[str, str] = field(default_factory=dict)
    #: How to name a record that is in no file (the database's): its key.
    label: str = ""


@dataclass
class Source:
    """The valid records of a scores file, in file order, and how to point at each."""

    path: Path
    rows: list[Row]
    fingerprint: str | None = None
    doc: Document | None = None

    def section(self, name: str) -> list[Row]:
        return [r for r in self.rows if r.section == name]

    def scores_file(self) -> ScoresFile:
        """The records as a :class:`ScoresFile`."""
        return ScoresFile(weights_fingerprint=self.fingerprint, **{
            name: [r.record for r in self.section(name)] for name in SECTIONS})

    def issue(self, row: Row, where: str, message: Any, hint: Any = "") -> Issue:
        """A problem of ``row``'s field ``where`` ('' for the whole record), at its line (and
        column in YAML), or its cell in a workbook."""
        if self.doc is not None:
            loc = (row.section, row.index, where) if where else (row.section, row.index)
            return self.doc.issue(loc, message, hint=hint)
        if row.cells:
            cell = row.cells.get(where) or row.cells.get("", "")
            return Issue(file=str(self.path), where=cell, message=message, hint=hint)
        if row.label:
            return Issue(file=str(self.path), where=" › ".join(filter(None, (row.label, where))),
                         message=message, hint=hint)
        return Issue(file=str(self.path), line=row.line,
                     where=CSV_COLUMN_OF.get(where, where), message=message, hint=hint)


def document_source(path: Path, scores: ScoresFile, doc: Document) -> Source:
    """The records of a ``scores.yaml`` already read whole (by the project loader)."""
    rows = [Row(section, i, doc.position((section, i))[0], rec)
            for section in SECTIONS for i, rec in enumerate(getattr(scores, section))]
    return Source(path, rows, scores.weights_fingerprint, doc)


def check_document(path: Path, scores: ScoresFile, doc: Document,
                   lp: LoadedProject) -> list[Issue]:
    """:func:`check_source` of a ``scores.yaml`` read whole (by the project loader), with the
    scores checked as columns (:func:`check_columns`): the same problems, each at its line
    and column, without a row object per record."""
    others = Source(path, [Row(section, i, doc.position((section, i))[0], rec)
                           for section in ("demo", "consensus")
                           for i, rec in enumerate(getattr(scores, section))],
                    scores.weights_fingerprint, doc)

    def place(i: int, where: str, message: Any, hint: Any) -> Issue:
        return doc.issue(("scores", i, where) if where else ("scores", i), message, hint=hint)

    from crmselect.scorecolumns import ColumnScores, ScoreColumns

    columns = ColumnScores(ScoreColumns.from_records(scores.scores), scores.demo,
                           scores.consensus, scores.weights_fingerprint)
    return check_columns(columns, lp, place, others,
                         line_of=lambda i: doc.position(("scores", i))[0])


def check_source(source: Source, lp: LoadedProject) -> list[Issue]:
    """Every problem of ``source``'s records: against the project, twice given, the rules."""
    return [*_check_project(source, lp), *_check_duplicates(source),
            *check_rules(source, lp)]


def _check_project(source: Source, lp: LoadedProject) -> list[Issue]:
    by_section = {name: source.section(name) for name in SECTIONS}
    found: list[Issue] = []
    for section, index, where, message, hint in record_problems(lp, source.scores_file()):
        found.append(source.issue(by_section[section][index], where, message, hint))
    return found


def _check_duplicates(source: Source) -> list[Issue]:
    found: list[Issue] = []
    for section, key in KEYS.items():
        seen: dict[tuple[str, ...], Row] = {}
        for row in source.section(section):
            k = key(row.record)
            first = seen.get(k)
            if first is None:
                seen[k] = row
                continue
            at = first.cells.get("") or first.cells.get("score") or first.line
            message = (t("csv_duplicate", line=at) if section == "scores"
                       else t("scores_push_duplicate", line=at))
            found.append(source.issue(row, "", message))
    return found


def check_rules(source: Source, lp: LoadedProject) -> list[Issue]:
    """What the web form refuses when it saves (see the module's docstring)."""
    people = {p.id: p for p in lp.project.evaluators}
    found: list[Issue] = []

    def scorer(row: Row) -> None:
        person = people.get(row.record.evaluator)
        if person is not None and not scorerules.may_score(person):
            found.append(source.issue(row, "evaluator", t(
                "scores_push_role", id=person.id, role=person.role)))

    def whole(row: Row) -> None:
        if not scorerules.is_whole_point(row.record.score):
            found.append(source.issue(row, "score", t(
                "scores_push_whole", score=Number(row.record.score))))  # 4,5 in Turkish

    for row in source.section("scores"):
        rec: ScoreRecord = row.record
        scorer(row)
        whole(row)
        note = rec.note.strip()
        if scorerules.needs_note(rec.score) and not scorerules.has_note(note):
            found.append(source.issue(row, "note", t(
                "scores_push_needs_note", score=f"{rec.score:g}")))
        if len(note) > scorerules.NOTE_MAX:
            found.append(source.issue(row, "note", t(
                "scores_push_note_long", n=Number(len(note)), max=Number(scorerules.NOTE_MAX))))
        person = people.get(rec.evaluator)
        req = lp.requirements.get(rec.target)
        if person is not None and req is not None and not scorerules.scores_area(
                person, req.area):
            found.append(source.issue(row, "target", t(
                "scores_push_area", id=person.id, areas=", ".join(person.areas),
                target=rec.target, area=req.area)))
    shows: dict[str, set[str]] = {}  # a scenario's requirements, once per scenario (not mark)
    for row in source.section("demo"):
        mark: DemoMark = row.record
        scorer(row)
        scenario = lp.scenarios.get(mark.scenario)
        if scenario is not None and scenario.id not in shows:
            shows[scenario.id] = set(demonstrated(scenario))
        if scenario is not None and mark.requirement in lp.requirements and (
                mark.requirement not in shows[scenario.id]):
            found.append(source.issue(row, "requirement", t(
                "scores_push_not_in_scenario", requirement=mark.requirement,
                scenario=mark.scenario)))
    for row in source.section("consensus"):
        agreed: ConsensusRecord = row.record
        whole(row)
        if agreed.by is not None and agreed.by not in people:
            found.append(source.issue(row, "by", t("scores_push_no_person", id=agreed.by),
                                      did_you_mean(agreed.by, people)))
    return found


def demonstrated(scenario: Any) -> list[str]:
    """The requirements a scenario shows, each once, in order: its own list, then its steps'
    (as the web form and the printed forms list them)."""
    return list(dict.fromkeys(
        [*scenario.requirements, *(r for s in scenario.steps for r in s.requirements)]))


#: A problem of a record: section, index, field, message, hint.
RecordProblem = tuple[str, int, str, Any, Any]


def record_problems(lp: LoadedProject, scores: ScoresFile) -> list[RecordProblem]:
    """Records naming an evaluator, vendor, requirement, scenario or step the project has not."""
    found: list[RecordProblem] = []
    evaluators = {e.id for e in lp.project.evaluators}
    # A listed vendor whose profile did not load is reported there, not once per score here.
    vendors = {*lp.vendors, *lp.project.vendors}

    def bad(section: str, i: int, where: str, message: Any, hint: Any = "") -> None:
        kind = {"evaluator": "evaluators", "vendor": "vendors", "scenario": "scenarios",
                "requirement": "requirements", "target": "requirements"}[where]
        if kind in lp.incomplete or (kind == "requirements" and lp.incomplete & {
                "requirements", "custom_requirements"}) or (
                where == "target" and "scenarios" in lp.incomplete):
            return  # a consequence of a part of project.yaml left out, reported there
        found.append((section, i, where, message, hint))

    for i, rec in enumerate(scores.scores):
        if rec.evaluator not in evaluators:
            bad("scores", i, "evaluator", t("project_no_evaluator", id=rec.evaluator),
                did_you_mean(rec.evaluator, evaluators))
        if rec.vendor not in vendors:
            bad("scores", i, "vendor", t("project_no_vendor_here", id=rec.vendor),
                did_you_mean(rec.vendor, lp.vendors))
        problem = target_problem(lp, rec.target)
        if problem:
            bad("scores", i, "target", problem, did_you_mean(rec.target, lp.requirements))
    for i, mark in enumerate(scores.demo):
        if mark.evaluator not in evaluators:
            bad("demo", i, "evaluator", t("project_no_evaluator", id=mark.evaluator),
                did_you_mean(mark.evaluator, evaluators))
        if mark.vendor not in vendors:
            bad("demo", i, "vendor", t("project_no_vendor_here", id=mark.vendor))
        if mark.scenario not in lp.scenarios:
            bad("demo", i, "scenario", t("project_no_scenario_here", id=mark.scenario))
        if mark.requirement not in lp.requirements:
            bad("demo", i, "requirement", t("project_not_requirement", id=mark.requirement))
    for i, rec in enumerate(scores.consensus):
        if rec.vendor not in vendors:
            bad("consensus", i, "vendor", t("project_no_vendor_here", id=rec.vendor))
        problem = target_problem(lp, rec.target)
        if problem:
            bad("consensus", i, "target", problem)
    return found


def check_scores(lp: LoadedProject, scores: ScoresFile, doc: Document | None) -> list[Issue]:
    """:func:`record_problems` as issues: at their place in ``doc``, else named
    ``<section>.<index>.<field>`` in ``scores.yaml``."""
    return [doc.issue((section, i, where), message, hint=hint) if doc is not None
            else Issue(file=SCORES_FILE, where=f"{section}.{i}.{where}", message=message,
                       hint=hint)
            for section, i, where, message, hint in record_problems(lp, scores)]


def target_problem(lp: LoadedProject, target: str) -> Any:
    """Why ``target`` is not something of this project that can be scored ('' when it is).

    Targets: a requirement id, ``references``, or a scenario step ``SCN-X.n`` (1-based)."""
    if target == "references" or target in lp.requirements:
        return ""
    if "." in target:
        sid, _, step = target.partition(".")
        scenario = lp.scenarios.get(sid)
        if scenario is None:
            return t("project_no_scenario_here", id=sid)
        if not step.isdigit() or not 1 <= int(step) <= len(scenario.steps):
            return t("project_scenario_steps", id=sid, n=len(scenario.steps), step=step)
        return ""
    return t("project_not_requirement", id=target)


#: Where a problem of the record at an index is: (index, field, message, hint) → Issue.
ColumnPlace = Callable[[int, str, Any, Any], Issue]


def check_columns(scores: ColumnScores, lp: LoadedProject, place: ColumnPlace,
                  others: Source,
                  line_of: Callable[[int], int] = lambda i: 0) -> list[Issue]:
    """:func:`check_source` of records whose scores are columns: the same problems with the
    same messages, in the same order, found with one pass over the distinct names instead of
    a Python object per record. ``place`` names the score record at an index; ``others``
    holds the test-drive marks and consensus records (few), checked by the row functions;
    ``line_of`` gives a record's line (a record given twice names the first one's)."""
    cols = scores.scores
    project = _columns_project(cols, lp, place)
    duplicates = _columns_duplicates(cols, place, line_of)
    rules = _columns_rules(cols, lp, place)
    return [*project, *_check_project(others, lp),
            *duplicates, *_check_duplicates(others),
            *rules, *check_rules(others, lp)]


def _per_name(cols: ScoreColumns, name: str, problem: Callable[[str], Any]) -> list[Any]:
    """``problem`` of each distinct ``name`` (evaluator, vendor, target), by code."""
    return [problem(value) for value in cols.names[name]]


def _emit(found: list[Issue], rows: np.ndarray, checks: list[tuple[str, Any]],
          place: ColumnPlace) -> None:
    """Issues of ``rows`` in record order, each record's in the order of ``checks``: (field,
    index → (message, hint) or None)."""
    for i in rows.tolist():
        for where, problem in checks:
            got = problem(i)
            if got is not None:
                found.append(place(i, where, got[0], got[1]))


def _columns_project(cols: ScoreColumns, lp: LoadedProject, place: ColumnPlace) -> list[Issue]:
    import numpy as np

    from crmselect.scorecolumns import CODED

    evaluators = {e.id for e in lp.project.evaluators}
    vendors = {*lp.vendors, *lp.project.vendors}
    # A part of project.yaml left out (validate goes on past schema errors) is reported there,
    # not once per score here.
    left_out = lp.incomplete
    bad_e = _per_name(cols, "evaluator", lambda e: None if (
        e in evaluators or "evaluators" in left_out) else (
        t("project_no_evaluator", id=e), did_you_mean(e, evaluators)))
    bad_v = _per_name(cols, "vendor", lambda v: None if v in vendors or "vendors" in left_out
                      else (t("project_no_vendor_here", id=v), did_you_mean(v, lp.vendors)))

    def target(value: str) -> Any:
        if left_out & {"requirements", "custom_requirements", "scenarios"}:
            return None
        problem = target_problem(lp, value)
        return (problem, did_you_mean(value, lp.requirements)) if problem else None

    bad_t = _per_name(cols, "target", target)
    e, v, tg = (cols.codes[n] for n in CODED)
    mask = (_flags(bad_e)[e] | _flags(bad_v)[v] | _flags(bad_t)[tg])
    found: list[Issue] = []
    _emit(found, np.flatnonzero(mask), [
        ("evaluator", lambda i: bad_e[e[i]]), ("vendor", lambda i: bad_v[v[i]]),
        ("target", lambda i: bad_t[tg[i]])], place)
    return found


def _flags(problems: list[Any]) -> np.ndarray:
    import numpy as np

    return np.array([p is not None for p in problems] or [False], dtype=bool)


def _columns_duplicates(cols: ScoreColumns, place: ColumnPlace,
                        line_of: Callable[[int], int]) -> list[Issue]:
    import numpy as np

    from crmselect.scorecolumns import CODED

    n = len(cols)
    if not n:
        return []
    e, v, tg = (cols.codes[name].astype(np.int64) for name in CODED)
    key = (e * len(cols.names["vendor"]) + v) * len(cols.names["target"]) + tg
    order = np.argsort(key, kind="stable")  # stable: the first of equal keys comes first
    sorted_key = key[order]
    start = np.r_[True, sorted_key[1:] != sorted_key[:-1]]
    first = order[np.flatnonzero(start)[np.cumsum(start) - 1]]  # each one's first record
    again = np.flatnonzero(~start)
    found: list[Issue] = []
    for row, earlier in sorted(zip(order[again].tolist(), first[again].tolist(), strict=True)):
        found.append(place(row, "", t("csv_duplicate", line=line_of(earlier)), ""))
    return found


def _columns_rules(cols: ScoreColumns, lp: LoadedProject, place: ColumnPlace) -> list[Issue]:
    import numpy as np

    people = {p.id: p for p in lp.project.evaluators}
    e, tg = cols.codes["evaluator"], cols.codes["target"]
    role = _per_name(cols, "evaluator", lambda ev: (t(
        "scores_push_role", id=people[ev].id, role=people[ev].role), "") if (
        ev in people and not scorerules.may_score(people[ev])) else None)
    score = cols.score
    whole_bad = ~np.isin(score, scorerules.SCALE)
    needs = (score <= 1) | (score >= 5)  # scorerules.needs_note, on the column
    noted = np.zeros(len(cols), dtype=bool)
    long = np.zeros(len(cols), dtype=bool)
    for i, note in cols.notes.items():
        stripped = note.strip()
        noted[i] = scorerules.has_note(stripped)
        long[i] = len(stripped) > scorerules.NOTE_MAX
    areas = np.zeros((max(len(cols.names["evaluator"]), 1), max(len(cols.names["target"]), 1)),
                     dtype=bool)
    for a, ev in enumerate(cols.names["evaluator"]):
        person = people.get(ev)
        if person is None or not person.areas:
            continue
        for b, target in enumerate(cols.names["target"]):
            req = lp.requirements.get(target)
            areas[a, b] = req is not None and not scorerules.scores_area(person, req.area)
    area_bad = areas[e, tg] if len(cols) else np.zeros(0, dtype=bool)
    mask = _flags(role)[e] | whole_bad | (needs & ~noted) | long | area_bad

    def whole(i: int) -> Any:
        return (t("scores_push_whole", score=Number(score[i])), "") if whole_bad[i] else None

    def needs_note(i: int) -> Any:
        return (t("scores_push_needs_note", score=f"{score[i]:g}"), "") if (
            needs[i] and not noted[i]) else None

    def too_long(i: int) -> Any:
        n = len(cols.notes[i].strip()) if long[i] else 0
        return (t("scores_push_note_long", n=Number(n), max=Number(scorerules.NOTE_MAX)), "") if (
            n) else None

    def area(i: int) -> Any:
        if not area_bad[i]:
            return None
        person, target = people[cols.names["evaluator"][e[i]]], cols.names["target"][tg[i]]
        return (t("scores_push_area", id=person.id, areas=", ".join(person.areas),
                  target=target, area=lp.requirements[target].area), "")

    found: list[Issue] = []
    _emit(found, np.flatnonzero(mask), [
        ("evaluator", lambda i: role[e[i]]), ("score", whole), ("note", needs_note),
        ("note", too_long), ("target", area)], place)
    return found
