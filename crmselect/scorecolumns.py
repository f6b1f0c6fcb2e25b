"""Score records as columns: one array per field, not one Python object per record.

Why: 459,000 records as pydantic objects take about 550 MB before the engine starts; as
columns (a code per evaluator, vendor and target, the scores in one float array, the few
notes by record) they take a few MB, and the engine and the checks
(:func:`crmselect.scorechecks.check_columns`) work on them with numpy. The evaluation database
is read into this form (:func:`crmselect.evaluationdb.scores.read_columns`).

A :class:`ScoreColumns` is a sequence of records: ``columns[i]`` is a :class:`ScoreRow` with
the fields of :class:`crmselect.model.ScoreRecord` that scoring reads, made when asked for.
"""

from __future__ import annotations

import operator
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

import numpy as np

from crmselect.model import ConsensusRecord, DemoMark, ScoreRecord, ScoresFile

#: The fields a record has, in the order :meth:`ScoreColumns.from_rows` takes them.
FIELDS = ("evaluator", "vendor", "target", "score", "note")
CODED = ("evaluator", "vendor", "target")


class ScoreRow(NamedTuple):
    """One record of a :class:`ScoreColumns`, read-only, with the fields of a ScoreRecord."""

    evaluator: str
    vendor: str
    target: str
    score: float
    note: str
    at: Any = None
    flags: Any = None


class _Coder:
    """Names → codes 0, 1, … in the order they are first seen."""

    def __init__(self) -> None:
        self.codes: defaultdict[str, int] = defaultdict()
        self.codes.default_factory = self.codes.__len__

    def encode(self, names: Sequence[str]) -> np.ndarray:
        return np.fromiter(map(self.codes.__getitem__, names), np.int32, len(names))

    @property
    def names(self) -> list[str]:
        return list(self.codes)


@dataclass(eq=False)
class ScoreColumns(Sequence[ScoreRow]):
    """Score records as columns (see the module docstring)."""

    codes: dict[str, np.ndarray]
    names: dict[str, list[str]]
    score: np.ndarray
    #: Record index → its note, for the records that have one.
    notes: dict[int, str] = field(default_factory=dict)
    #: Record index → its (at, flags), for the few records that have either (the web form's).
    extras: dict[int, tuple[Any, Any]] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, chunks: Iterable[Sequence[Sequence[Any]]]) -> ScoreColumns:
        """Columns from chunks of (evaluator, vendor, target, score, note) rows; a chunk at a
        time, so that only one chunk's row objects are alive at once."""
        coders = {name: _Coder() for name in CODED}
        parts: dict[str, list[np.ndarray]] = {name: [] for name in (*CODED, "score")}
        notes: dict[int, str] = {}
        start = 0
        for chunk in chunks:
            if not len(chunk):
                continue
            evaluators, vendors, targets, scores, texts = zip(*chunk, strict=True)
            for name, values in zip(CODED, (evaluators, vendors, targets), strict=True):
                parts[name].append(coders[name].encode(values))
            parts["score"].append(np.array(scores, dtype=np.float64))
            notes.update((start + i, text) for i, text in enumerate(texts) if text)
            start += len(chunk)
        codes = {name: np.concatenate(parts[name]) if parts[name] else np.zeros(0, np.int32)
                 for name in CODED}
        score = np.concatenate(parts["score"]) if parts["score"] else np.zeros(0)
        return cls(codes, {name: coders[name].names for name in CODED}, score, notes)

    @classmethod
    def from_records(cls, records: Sequence[Any]) -> ScoreColumns:
        """Columns of records that have the fields of :data:`FIELDS` (validated
        :class:`~crmselect.model.ScoreRecord` objects)."""
        get = operator.attrgetter(*FIELDS)
        return cls.from_rows([list(map(get, records))])

    def __len__(self) -> int:
        return int(self.score.size)

    def __getitem__(self, i: int) -> ScoreRow:  # type: ignore[override]
        if not -len(self) <= i < len(self):
            raise IndexError(i)
        i %= len(self)
        return ScoreRow(*(self.names[name][self.codes[name][i]] for name in CODED),
                        float(self.score[i]), self.notes.get(i, ""),
                        *self.extras.get(i, (None, None)))

    def __iter__(self) -> Iterator[ScoreRow]:
        return (self[i] for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        """The same records in the same order (however they are coded)."""
        if not isinstance(other, ScoreColumns):
            return NotImplemented
        return len(self) == len(other) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def indices(self, name: str, known: Sequence[str]) -> np.ndarray:
        """Each record's ``name`` (evaluator, vendor or target) as its position in ``known``,
        -1 where it is not there."""
        position = {value: i for i, value in enumerate(known)}
        lookup = np.array([position.get(value, -1) for value in self.names[name]], np.int64)
        return lookup[self.codes[name]] if lookup.size else np.zeros(len(self), np.int64)

    def take(self, name: str, rows: np.ndarray) -> list[Any]:
        """``name`` (a field of :data:`FIELDS`) of the records at ``rows``, in that order."""
        if name == "score":
            return self.score[rows].tolist()
        if name == "note":
            return [self.notes.get(i, "") for i in rows.tolist()]
        names = self.names[name]
        return [names[c] for c in self.codes[name][rows].tolist()]


@dataclass
class ColumnScores:
    """What a :class:`~crmselect.model.ScoresFile` holds, with the scores as columns (the
    test-drive marks and consensus records are few and stay objects)."""

    scores: ScoreColumns
    demo: list[DemoMark] = field(default_factory=list)
    consensus: list[ConsensusRecord] = field(default_factory=list)
    weights_fingerprint: str | None = None

    def model_copy(self, update: dict[str, Any] | None = None) -> ColumnScores:
        """A copy with the fields of ``update`` replaced (as :class:`ScoresFile`'s)."""
        return replace(self, **(update or {}))

    def scores_file(self) -> ScoresFile:
        """The records as a :class:`ScoresFile` (for the commands that merge or write them);
        the records were validated when read, so they are not validated again."""
        records = [ScoreRecord.model_construct(**row._asdict()) for row in self.scores]
        return ScoresFile.model_construct(weights_fingerprint=self.weights_fingerprint,
                                          scores=records, demo=list(self.demo),
                                          consensus=list(self.consensus))


def as_scores_file(scores: ScoresFile | ColumnScores) -> ScoresFile:
    """``scores`` as a :class:`ScoresFile`, whichever form it was read in."""
    return scores.scores_file() if isinstance(scores, ColumnScores) else scores
