"""A project's ``scores.csv`` read straight into columns (:mod:`crmselect.scorecolumns`).

A project keeps its evaluator scores in ``scores.yaml`` or, in its place, ``scores.csv`` (the
CSV form of :mod:`crmselect.scorescsv`: what a spreadsheet or another tool writes most easily,
and, for a large evaluation, a file a third the size of the YAML). Every command that loads the
project reads it here (:func:`read_project_csv`); ``scores import`` writes back to it.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from crmselect.errors import CrmselectError, Issue
from crmselect.errors import msg as t
from crmselect.model import ConsensusRecord, DemoMark
from crmselect.scorechecks import SCORES_FILE as SCORES_YAML
from crmselect.scorechecks import SECTIONS, Row, Source, check_columns, check_source
from crmselect.scorecolumns import ColumnScores, ScoreColumns
from crmselect.scorescsv import (
    CSV_COLUMNS,
    CSV_KINDS,
    CSV_REQUIRED,
    FINGERPRINT_KIND,
    csv_record,
    open_rows,
    read_csv_rows,
    unguard,
    unused_cells,
)
from crmselect.typedvalues import trimmed

if TYPE_CHECKING:
    from crmselect.project import LoadedProject


#: A project's scores in CSV: read by ``score`` and every command that loads the project, in
#: place of ``scores.yaml`` (a project has one or the other).
PROJECT_CSV = "scores.csv"
#: The schema's forms (:class:`crmselect.model.ScoreRecord`), matched whole; ``[0-9]`` where
#: the schema says ``\\d`` (another digit is left to the record reader).
_EVALUATOR = re.compile(r"[a-z][a-z0-9_]{0,63}")
_VENDOR = re.compile(r"[a-z][a-z0-9_-]{0,63}")
_TARGET = re.compile(r"[A-Z]{2,4}-[A-Z0-9]{2,5}-[0-9]{3}|SCN-[A-Z0-9]{2,12}\.[0-9]{1,3}|references")
#: Records turned into columns at a time (only one chunk's tuples are alive at once).
_CHUNK = 50_000


class _Unusual(Exception):
    """Something the record reader has to judge (see :func:`read_csv_columns`)."""


def read_csv_columns(path: Path, lp: LoadedProject) -> ColumnScores | None:
    """The records of a scores CSV as columns when every row is plainly valid and nothing is
    wrong against ``lp``; ``None`` when the file has to be read record by record.

    Why: 459,900 rows as pydantic records (what :func:`read_csv_rows` makes) take several
    hundred MB and most of ``score``'s time; here the csv module's rows go into columns
    (:class:`~crmselect.scorecolumns.ScoreColumns`), each distinct id and score text checked
    once. Plainly valid: a score row (kind empty or ``score``) with ids of the schema's form,
    a score from 0 to 5 as :func:`read_csv_rows` reads it, no cell beyond the header; the few
    rows with an ``at`` time, test-drive marks and consensus records go through the record
    reader's own function (:func:`csv_record`). Anything else, a single row that the record
    reader would report, or any problem against the project, returns ``None``: the caller then
    reads the file with :func:`read_csv_rows` and the one reader's checks, so that every
    message keeps its file, line and field exactly.
    """
    try:
        reader, header, names, sep = open_rows(path)
        rows = _ColumnRows(reader, header, names)
        columns = ScoreColumns.from_rows(rows.chunks())
    except (_Unusual, CrmselectError, csv.Error, ValidationError):
        return None
    columns.extras = rows.extras
    scores = ColumnScores(columns, rows.demo, rows.consensus, rows.fingerprint)
    others = Source(path, rows.others, rows.fingerprint)
    problems = check_columns(scores, lp, _no_place, others)
    return None if problems else scores


def _no_place(i: int, where: str, message: Any, hint: Any) -> Any:
    """A problem is placed by the record reader, which reads the file again."""
    return (i, where)


class _ColumnRows:
    """The rows of a scores CSV after its header, as column chunks (see
    :func:`read_csv_columns`)."""

    def __init__(self, reader: Any, header: list[str], names: list[str]) -> None:
        self.reader, self.header, self.names = reader, header, names
        self.extras: dict[int, tuple[Any, Any]] = {}
        self.demo: list[DemoMark] = []
        self.consensus: list[ConsensusRecord] = []
        self.others: list[Row] = []
        self.fingerprint: str | None = None

    def chunks(self) -> Iterator[list[tuple[Any, ...]]]:
        names, reader = self.names, self.reader
        width, wide = len(names), len(self.header)
        column = {name: names.index(name) if name in names else None for name in CSV_COLUMNS}
        ie, iv, it, isc, ino = (column[n] for n in CSV_REQUIRED)
        ik, iat, ifl = column["kind"], column["at"], column["flags"]
        scores: dict[str, float] = {}
        ids: dict[str, tuple[Any, ...]] = {
            "e": (set(), _EVALUATOR), "v": (set(), _VENDOR), "t": (set(), _TARGET)}
        good_e, good_v, good_t = ids["e"][0], ids["v"][0], ids["t"][0]
        rows: list[tuple[Any, ...]] = []
        index = 0
        line = reader.line_num + 1
        for row in reader:
            start, line = line, reader.line_num + 1
            if len(row) != width:
                if len(row) > wide or any(cell.strip() for cell in row[width:]):
                    raise _Unusual  # cells beyond the header: the record reader says so
                if len(row) < width:
                    if not any(cell.strip() for cell in row):
                        continue  # a blank row
                    row += [""] * (width - len(row))
            kind = row[ik] if ik is not None else ""
            at = row[iat] if iat is not None else ""
            flags = row[ifl] if ifl is not None else ""
            if (kind and kind != "score") or (at and at.strip()) or (flags and flags.strip()):
                record = self._record(row, start, index)
                if record is None:
                    continue
            else:
                evaluator, vendor, target = row[ie].strip(), row[iv].strip(), row[it].strip()
                if evaluator not in good_e or vendor not in good_v or target not in good_t:
                    if not (evaluator or vendor or target) and not any(c.strip() for c in row):
                        continue  # a blank row
                    for kind_, text in (("e", evaluator), ("v", vendor), ("t", target)):
                        good, pattern = ids[kind_]
                        if not pattern.fullmatch(text):
                            raise _Unusual
                        good.add(text)
                cell = row[isc]
                score = scores.get(cell)
                if score is None:
                    score = scores[cell] = _score(cell)
                note = row[ino]
                if note:
                    note = unguard(trimmed(note))  # as the record reader reads it
                record = (evaluator, vendor, target, score, note)
            rows.append(record)
            index += 1
            if len(rows) == _CHUNK:
                yield rows
                rows = []
        yield rows

    def _record(self, row: list[str], line: int, index: int) -> tuple[Any, ...] | None:
        """A row read by the record reader's function (a test-drive mark, a consensus record, a
        score with its time): a score record's row for the columns (its time kept as the
        record at ``index``'s extra), else None."""
        values = {name: unguard(trimmed(row[i])) for i, name in enumerate(self.names)}
        if not any(values.values()):
            return None
        if values.get("kind") == FINGERPRINT_KIND:
            if not values.get("note") or self.fingerprint is not None:
                raise _Unusual  # empty, or twice: the record reader says so
            self.fingerprint = values["note"]
            return None
        if values.get("kind", "") not in ("", *CSV_KINDS) or unused_cells(values):
            raise _Unusual  # the record reader says which
        section, record = csv_record(values)  # ValidationError: the record reader says so
        if section == "scores":
            if any(not pattern.fullmatch(getattr(record, name)) for name, pattern in (
                    ("evaluator", _EVALUATOR), ("vendor", _VENDOR), ("target", _TARGET))):
                raise _Unusual  # a digit other than 0-9: left to the record reader
            self.extras[index] = (record.at, record.flags)
            return (record.evaluator, record.vendor, record.target, record.score, record.note)
        group: list[Any] = self.demo if section == "demo" else self.consensus
        self.others.append(Row(section, len(group), line, record))
        group.append(record)
        return None


def _score(cell: str) -> float:
    """A score cell as the record reader reads it (:func:`csv_record`, the record's model
    included: ``+3`` is read as 3 there), when it is a valid score."""
    text = unguard(cell.strip())
    try:
        _, record = csv_record({"evaluator": "a", "vendor": "a", "target": "references",
                                "score": text, "note": ""})
    except ValidationError:
        raise _Unusual from None
    return float(record.score)


def read_project_csv(lp: LoadedProject, add: Callable[[Issue], None]) -> bool:
    """Read the project's ``scores.csv`` into ``lp.scores`` (problems to ``add``); False when
    the project has none. A project with both ``scores.yaml`` and ``scores.csv`` has a
    problem: which one holds its scores is not guessed."""
    path = lp.root / PROJECT_CSV
    if not path.exists():
        return False
    lp.scores_csv = True
    if (lp.root / SCORES_YAML).exists():
        add(Issue(file=str(path), message=t("scores_csv_and_yaml", yaml=SCORES_YAML),
                  hint=t("scores_csv_and_yaml_hint", yaml=SCORES_YAML)))
        return True
    if not path.is_file():  # a folder, or a pipe that would never end
        add(Issue(file=str(path), message=t("scores_csv_not_a_file")))
        return True
    columns = read_csv_columns(path, lp)
    if columns is not None:
        lp.scores = columns  # type: ignore[assignment]
        return True
    try:
        source, issues = csv_source(path)
    except CrmselectError as exc:
        issues, source = exc.issues, None
    if source is not None:
        issues += check_source(source, lp)
        lp.scores = source.scores_file()
    for issue in sorted(issues, key=lambda i: (i.line, i.column, "" if i.line else i.where)):
        add(issue)
    return True


def csv_source(path: Path) -> tuple[Source, list[Issue]]:
    """The records of a scores CSV that are valid on their own, each with its line, and the
    problems of the others (the record reader, :func:`crmselect.scorescsv.read_csv_rows`)."""
    scores, lines, issues = read_csv_rows(path)
    return Source(path, [
        Row(section, i, lines[section][i], rec)
        for section in SECTIONS for i, rec in enumerate(getattr(scores, section))],
        scores.weights_fingerprint), issues
