"""A project's ``scores.yaml`` read straight into columns (:mod:`crmselect.scorecolumns`).

Why: 25,600 score records read as a document of plain values with the position of every
value, then validated into one pydantic object each, took most of ``score``'s time on a large
evaluation. Here libyaml's events of the ``scores`` list go into columns directly: each
distinct id, score and note text is resolved and checked once, no node, position or object is
made per record.

What is read here is only what is plainly valid: every record a mapping of the known fields
with plain values (no anchor, alias or tag), ids of the schema's form, a number from 0 to 5,
and no problem against the project (:func:`crmselect.scorechecks.check_columns`). Anything
else, even a single record, makes :func:`read_score_columns` return ``None``, and the caller
reads the file the full way (:func:`crmselect.yamlfile.read_document`, the pydantic models and
:func:`crmselect.scorechecks.check_document`), so that every problem keeps its message, file,
line, column and field exactly as before. The other parts of the file (test-drive marks,
consensus, the weights' fingerprint; few records) are read the full way too, from the text
with the ``scores`` list blanked out (lines and columns unchanged); the test-drive marks
that follow the scores (the sample project has 480) are read with them, as plainly valid, and
blanked out too, so that they are not parsed twice.

A file written one record a line (``- {evaluator: murat, vendor: suitecrm, ...}``, as
crmselect's writer (:mod:`crmselect.scoreslines`), the sample project and hand-written files
are) is read without libyaml's events, a line at a time
(:class:`_Lines`): only that form, every value read by the same rules, and only where the rest
of the file, read by libyaml, proves the lines are the records; anything else and the events
are read. It gives what the events give (``tests/test_scoresyaml_lines.py`` compares the two
and the full reader over generated hostile files), in about a third of the time.

A scores file has its own size ceilings (:data:`crmselect.yamlfile.SCORES_LIMITS`, 64 MB and
6.5 million values, why in :class:`crmselect.yamlfile.Limits`), here and in the full reader,
so that 459,900 records are read; libyaml's composer and the value rules are
:mod:`crmselect.yamlfile`'s, through its public :func:`~crmselect.yamlfile.fast_loader` and
:class:`~crmselect.yamlfile.ScalarReader`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import ConfigDict, TypeAdapter, ValidationError

from crmselect.bundlecache import cached_reading
from crmselect.errors import CrmselectError
from crmselect.model import DemoMark, ScoreRecord, ScoresFile
from crmselect.scorechecks import Source, check_columns, document_source
from crmselect.scorecolumns import ColumnScores, ScoreColumns
from crmselect.yamlfile import (
    SCORES_LIMITS,
    Document,
    ScalarReader,
    UnreadValue,
    fast_loader,
    parse_text,
    read_text,
)

if TYPE_CHECKING:
    from crmselect.project import LoadedProject

#: The schema's forms (:class:`crmselect.model.ScoreRecord`), matched whole; ``[0-9]`` where
#: the schema says ``\\d`` (another digit is left to the full reader).
_EVALUATOR = re.compile(r"[a-z][a-z0-9_]*")
_VENDOR = re.compile(r"[a-z][a-z0-9_-]*")
_TARGET = re.compile(r"[A-Z]{2,4}-[A-Z0-9]{2,5}-[0-9]{3}|SCN-[A-Z0-9]{2,12}\.[0-9]{1,3}|references")
_FIELDS = frozenset(("evaluator", "vendor", "target", "score", "note", "at", "flags"))
_REQUIRED = frozenset(("evaluator", "vendor", "target", "score"))
#: Characters that end a line in YAML: kept when the ``scores`` list is blanked out.
_BREAK = re.compile("([\r\n\x85\u2028\u2029])")
#: Records turned into columns at a time (only one chunk's tuples are alive at once).
_CHUNK = 50_000


class _Unusual(Exception):
    """Something the full reader has to judge (see the module docstring)."""


def read_score_columns(path: Path, lp: LoadedProject) -> ColumnScores | None:
    """The records of ``path`` as columns when the file is plainly valid and has no problem
    against ``lp``; ``None`` when it has to be read the full way (see the module docstring)."""
    try:
        text = read_text(path, SCORES_LIMITS)
        if fast_loader("") is None:
            return None
        # the same text read before: its columns from the cache folder (checked below anew)
        read = cached_reading(f"{path.resolve()} scores", text,
                              lambda: _read_lines(path, text) or _read_events(path, text),
                              lambda found: isinstance(found, _Read))
    except (_Unusual, UnreadValue, CrmselectError, ValidationError, yaml.YAMLError,
            RecursionError):
        return None
    rest = read.rest
    scores = ColumnScores(read.columns, read.demo, list(rest.consensus),
                          rest.weights_fingerprint)
    scores.scores.extras = read.extras
    others = Source(path, [], rest.weights_fingerprint, read.rest_doc)
    if read.demo or rest.consensus:
        others = document_source(path, ScoresFile.model_construct(
            weights_fingerprint=rest.weights_fingerprint, scores=[], demo=read.demo,
            consensus=rest.consensus), read.rest_doc or Document(path, {}))
    problems = check_columns(scores, lp, _no_place, others)
    return None if problems else scores


@dataclass
class _Read:
    """What one of the two readers made of a plainly valid file."""

    columns: ScoreColumns
    demo: list[DemoMark]
    #: The file's other parts (consensus, fingerprint; the marks when not in :attr:`demo`).
    rest: ScoresFile
    extras: dict[int, tuple[Any, Any]]
    rest_doc: Document | None


def _read_events(path: Path, text: str) -> _Read:
    """The file read through libyaml's events (:class:`_Reader`)."""
    reader = _Reader(path, text, fast_loader(text))
    columns = ScoreColumns.from_rows(reader.chunks())
    rest = reader.rest()
    demo = reader.demo if reader.demo_read else list(rest.demo)
    return _Read(columns, demo, rest, reader.extras, reader.rest_doc)


def _no_place(i: int, where: str, message: Any, hint: Any) -> Any:
    """A problem is placed by the full reader, which reads the file again."""
    return (i, where)


def _outside(allowed: str) -> str:
    """A class of every character but the ASCII ones not in ``allowed``: written as what it
    leaves out, so that compiling it does not make a table of every character outside ASCII,
    and as ranges (``\\x00-\\x1f``), each of which Python's compiler reads once."""
    codes = [c for c in range(128) if chr(c) not in allowed]
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    parts = [re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges]
    return "[^" + "".join(parts) + "]"


_LETTERS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
#: What may follow a plain value's first character (:func:`_line_patterns`): letters and digits, any
#: character outside ASCII (the line is :meth:`str.isprintable`: no line break, space other
#: than ' ', control or lone surrogate) and a few marks that are never a YAML indicator inside
#: a plain value; a space only between two of these.
_PLAIN_NEXT = _outside(_LETTERS + "_~.;/()+=-'")
#: A plain value: starting with a letter, a digit, ``_``, ``~``, a character outside ASCII,
#: or ``- + .`` before a letter or a digit (``-1``, ``.5``, ``.inf``), so that it can never be
#: an indicator (``- ? : , [ ] { } # & * ! | > ' " % @```), a comment or empty.
_PLAIN = (f"(?:{_outside(_LETTERS + '_~')}|[-+.][0-9A-Za-z])"
          f"{_PLAIN_NEXT}*(?: {_PLAIN_NEXT}+)*")


@functools.cache
def plain_value() -> re.Pattern[str]:
    """:data:`_PLAIN` alone: what :mod:`crmselect.scoreslines` writes plain (when YAML reads it
    as text), so that crmselect's own files are read here a line at a time."""
    return re.compile(_PLAIN)


#: A single-quoted value (``''`` a quote), or a double-quoted one with only the escapes
#: :mod:`crmselect.scoreslines` writes (``\\ \" \n \t \r``, ``\x``, ``\u`` and ``\U`` with
#: their hex digits; any other and the line is left to the events), quotes included.
_SINGLE = "'[^']*(?:''[^']*)*'"
_QUOTED = (_SINGLE + "|"
           r'"(?:[^"\\]|\\(?:[\\"ntr]|x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}))*"')
#: One escape of a double-quoted value (:data:`_QUOTED`), and what each short one stands for.
_ESCAPE = re.compile(r"\\(?:([\\\"ntr])|x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))")
_SHORT = {"\\": "\\", '"': '"', "n": "\n", "t": "\t", "r": "\r"}
#: A plain value of letters, digits and ``_ - .``, starting with a letter, a digit or ``_``
#: (one of the :data:`_PLAIN` values): an id, a score, a flag.
_WORD = "[0-9A-Z_a-z][-.0-9A-Z_a-z]*"
#: A list of such values on the line (a score record's ``flags: [interest_allowed]``).
_FLAGS = f"\\[(?:{_WORD}(?:, {_WORD})*)?\\]"


@functools.cache
def _line_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """``_LINE`` and ``_PAIR``, compiled only for a file with a line not in the usual order
    (:func:`_in_order`): Python's compiler takes about 9 million instructions for them
    (measured with callgrind), on every run that reads a scores file.

    ``_LINE``: a record's line after its ``- {``: ``key: value`` pairs joined by ``, ``, then
    ``}`` (at the end of the line: matched whole). ``_PAIR``: the pairs of such a line: (key,
    quoted value or '', list or '', plain value or ''). Each value is followed by ``, `` or
    ``}``, which no kind of value can end with (nor a list's item contain), so the pairs
    found are the ones ``_LINE`` matched."""
    line = re.compile(f"(?:[a-z_]+: (?:{_QUOTED}|{_FLAGS}|{_PLAIN}), )*"
                      f"[a-z_]+: (?:{_QUOTED}|{_FLAGS}|{_PLAIN})}}")
    pair = re.compile(f"([a-z_]+): (?:({_QUOTED})|({_FLAGS})|({_PLAIN}))(?:, |(?=}}))")
    return line, pair


#: The fields whose value is almost always a :data:`_WORD` (matched as one in :func:`_in_order`).
_WORDS = frozenset(("evaluator", "vendor", "target", "score", "scenario", "requirement",
                    "shown"))


@functools.cache
def _in_order(*names: str) -> re.Pattern[str]:
    """A line of these keys in this order (those after the fourth may be left out), each value
    a group, quotes included: the form the sample project's and crmselect's lines have,
    matched at once instead of pair by pair. Only a part of what the pairs read: an id, a
    score or a test-drive mark's ``shown`` a :data:`_WORD` (so that the pattern is small to
    compile), a time single-quoted (as crmselect writes it); a line that is not is read by the
    pairs (:func:`_line_patterns`)."""
    any_value = f"({_QUOTED}|{_PLAIN})"
    values = [f"({_WORD})" if name in _WORDS else f"({_SINGLE})" if name == "at" else any_value
              for name in names]
    needed = ", ".join(f"{name}: {value}" for name, value in zip(names[:4], values, strict=False))
    return re.compile(needed + "".join(f"(?:, {name}: {value})?"
                                       for name, value in zip(names[4:], values[4:], strict=True))
                      + "}")


_SCORE_ORDER = ("evaluator", "vendor", "target", "score", "note", "at")
_MARK_ORDER = ("evaluator", "vendor", "scenario", "requirement", "shown")


#: The first line ``scores:``, and a record's line: unless the one follows the other,
#: :class:`_Lines` reads nothing (its first ``scores:`` line is followed by a record's line or
#: it gives up), and a file in another form (a block per record, as crmselect wrote it
#: before) is not split into its lines.
_SCORES_LINE = re.compile(r"^scores:\r?\n", re.MULTILINE)
_RECORD_START = re.compile(r" *- \{")


def _read_lines(path: Path, text: str) -> _Read | None:
    """The file read a line at a time (:class:`_Lines`), or ``None`` when it is not written
    in the form that reader knows (the event reader then reads it)."""
    key = _SCORES_LINE.search(text)
    if key is None or _RECORD_START.match(text, key.end()) is None:
        return None  # not one record a line: the text is not split into lines for nothing
    try:
        return _Lines(path, text).read()
    except Exception:  # noqa: BLE001 - whatever the line reader does not know: events decide
        return None


class _Lines:
    """A scores file whose ``scores`` (and the ``demo`` right after them) are written one record
    a line as a flow mapping, as crmselect writes them (:mod:`crmselect.scoreslines`)::

        scores:
        - {evaluator: murat, vendor: suitecrm, target: OPS-SFA-001, score: 5, note: 'Çok iyi'}

    read without libyaml's events (an event object and two marks for each of the 13,700
    events of the sample's scores): about a third of the event reader's time. Only this form:
    each record's line is an indentation, ``- {``, ``key: value`` pairs joined by ``, `` and
    ``}`` at the end of the line (:func:`_line_patterns`: known fields, plain values of a
    conservative set of characters, resolved by the same resolver and value rules as
    libyaml's events are (:meth:`_Reader.value`), single-quoted ones, or double-quoted ones
    with only the escapes crmselect's writer makes (:data:`_QUOTED`); no other escapes,
    anchors, aliases, tags or comments; a list only as the flags, of plain values). Anything
    else, anywhere, and the event reader reads the whole file.

    That the lines are where they seem: the rest of the file is read by libyaml and the full
    builder, as :meth:`_Reader.rest` reads it, from the text with the record lines replaced by
    ``- 0`` and empty lines (the lines before them unchanged, so line and column of the rest
    unchanged); only if that reads ``scores`` (and ``demo``) as keys of the top-level block
    mapping at their lines, each a list of that one ``0`` at its place, were the lines the
    records of that list: the text before is the same, and a one-line flow mapping where ``0``
    stands leaves the reader where ``0`` does.
    """

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.split("\n")  # a "\r" before it stays at the end of the line
        self.loader = fast_loader("")
        self.scalars = ScalarReader(path)
        self.plain: dict[str, Any] = {}
        self.extras: dict[int, tuple[Any, Any]] = {}
        #: An upper bound of the values libyaml's events would count (:meth:`_Reader.chunks`).
        self.nodes = 3

    def read(self) -> _Read:
        lines = self.lines
        at = _key_line(lines, 0, "scores")
        demo: list[DemoMark] = []
        records = self._run(at + 1, _FIELDS, _SCORE_ORDER)
        #: (key, the line of ``key:``, how many record lines follow it)
        lists = [("scores", at, len(records))]
        end = at + 1 + len(records)
        columns = ScoreColumns.from_rows(self._chunks(records, _Rows(self.extras).row))
        # ("demo: " with spaces after it is the same key, as the event reader reads it)
        demo_read = end < len(lines) and lines[end].rstrip("\r").rstrip(" ") == "demo:"
        if demo_read:
            marks = self._run(end + 1, DemoMark.model_fields, _MARK_ORDER)
            demo = [DemoMark.model_validate(mark) for mark in marks]
            lists.append(("demo", end, len(marks)))
        if self.nodes > SCORES_LIMITS.nodes:
            raise _Unusual
        rest_doc = self._rest(lists)
        data = dict(rest_doc.data)
        for name, _line, _count in lists:
            del data[name]
        rest = ScoresFile.model_validate(data)
        return _Read(columns, demo if demo_read else list(rest.demo), rest, self.extras,
                     rest_doc)

    def _chunks(self, records: list[dict[str, Any]], row: Any) -> Iterator[list[tuple[Any, ...]]]:
        for start in range(0, len(records), _CHUNK):
            yield [row(record, start + i)
                   for i, record in enumerate(records[start:start + _CHUNK])]

    def _run(self, first: int, fields: Any, order: tuple[str, ...]) -> list[dict[str, Any]]:
        """The records of the lines from ``first`` on (at least one) up to the first line that
        is not one; the index of that line is ``first + len(result)``. ``order``: the keys in
        the order most lines have them (:func:`_in_order`)."""
        lines = self.lines
        head = lines[first] if first < len(lines) else ""
        indent = len(head) - len(head.lstrip(" "))
        prefix = " " * indent + "- {"
        start = len(prefix)
        records: list[dict[str, Any]] = []
        plain, value = self.plain, self._plain
        ordered = _in_order(*order).fullmatch
        whole = pairs = None
        for i in range(first, len(lines)):
            line = lines[i]
            if line[-1:] == "\r":
                line = line[:-1]
            if not line.startswith(prefix):
                break
            if not line.isprintable():
                raise _Unusual
            record: dict[str, Any] = {}
            got = ordered(line, start)
            if got is not None:
                for name, text in zip(order, got.groups(), strict=True):
                    if text is None:
                        continue
                    if text[0] == "'":
                        text = text[1:-1]
                        record[name] = text.replace("''", "'") if "'" in text else text
                    elif text[0] == '"':
                        record[name] = _double_quoted(text)
                    else:
                        record[name] = plain[text] if text in plain else value(text, i)
                self.nodes += 3 * len(record) + 1
                records.append(record)
                continue
            if whole is None or pairs is None:
                line_pattern, pair_pattern = _line_patterns()
                whole, pairs = line_pattern.fullmatch, pair_pattern.findall
            if whole(line, start) is None:
                raise _Unusual
            for name, quoted, listed, text in pairs(line, start):
                if name not in fields or name in record:
                    raise _Unusual
                if listed:  # the flags (events read a list elsewhere as unusual)
                    if name != "flags":
                        raise _Unusual
                    items = listed[1:-1].split(", ") if len(listed) > 2 else []
                    record[name] = [plain[x] if x in plain else value(x, i) for x in items]
                    self.nodes += len(items) + 1
                    continue
                if quoted[:1] == '"':
                    record[name] = _double_quoted(quoted)
                elif quoted:
                    quoted = quoted[1:-1]
                    record[name] = quoted.replace("''", "'") if "'" in quoted else quoted
                else:
                    record[name] = plain[text] if text in plain else value(text, i)
            self.nodes += 3 * len(record) + 1
            records.append(record)
        if not records:
            raise _Unusual
        return records

    def _plain(self, text: str, line: int) -> Any:
        """A plain value, as :meth:`_Reader.value` reads it."""
        tag = self.loader.resolve(yaml.ScalarNode, text, (True, False))
        mark = yaml.Mark(str(self.path), 0, line, 0, None, None)
        node = yaml.ScalarNode(tag, text, mark, mark, style=None)
        value = self.scalars.value(node)  # UnreadValue: the event reader decides
        self.plain[text] = value
        return value

    def _rest(self, lists: list[tuple[str, int, int]]) -> Document:
        """The file with each list's record lines replaced (see the class docstring), read by
        libyaml and the full builder; :class:`_Unusual` unless each list is where it seemed."""
        lines = list(self.lines)
        indents = []
        for _name, line, count in lists:
            first = lines[line + 1]
            indent = len(first) - len(first.lstrip(" "))
            lines[line + 1] = " " * indent + "- 0"
            lines[line + 2:line + 1 + count] = [""] * (count - 1)
            indents.append(indent)
        doc = parse_text("\n".join(lines), self.path, SCORES_LIMITS, libyaml_only=True)
        data = doc.data
        if type(data) is not dict:
            raise _Unusual
        for (name, line, _count), indent in zip(lists, indents, strict=True):
            got = data.get(name)
            if (doc.key_positions.get((name,)) != (line + 1, 1) or type(got) is not list
                    or len(got) != 1 or type(got[0]) is not int or got[0] != 0
                    or doc.positions.get((name, 0)) != (line + 2, indent + 3)):
                raise _Unusual
        return doc


def _double_quoted(text: str) -> str:
    """A double-quoted value of :data:`_QUOTED` (quotes included) as libyaml reads it (on one
    line: no folding); :class:`_Unusual` for an escaped half of a UTF-16 pair or a code point
    past U+10FFFF, which libyaml refuses."""
    inner = text[1:-1]
    return _ESCAPE.sub(_unescape, inner) if "\\" in inner else inner


def _unescape(escape: re.Match[str]) -> str:
    short, *digits = escape.groups()
    if short:
        return _SHORT[short]
    code = int(next(d for d in digits if d), 16)
    if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        raise _Unusual
    return chr(code)


def _key_line(lines: list[str], start: int, name: str) -> int:
    """The first line from ``start`` on that is ``name:`` alone."""
    key = name + ":"
    for i in range(start, len(lines)):
        if lines[i] == key or lines[i] == key + "\r":
            return i
    raise _Unusual


class _Reader:
    """libyaml's events of one scores file (see the module docstring)."""

    def __init__(self, path: Path, text: str, loader: Any) -> None:
        self.path, self.text = path, text
        self.loader = loader
        self.scalars = ScalarReader(path)
        self.plain: dict[str, Any] = {}
        self.nodes = 0
        self.extras: dict[int, tuple[Any, Any]] = {}
        #: The test-drive marks read with the scores (:meth:`_marks`).
        self.demo: list[DemoMark] = []
        self.demo_read = False
        #: The span of ``scores: [...]`` in the text, and whether other keys follow it.
        self.span: tuple[int, int] | None = None
        self.other_keys = False
        self.rest_doc: Document | None = None

    def event(self) -> Any:
        event = self.loader.get_event()
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            self.nodes += 1
            if event.anchor is not None or event.tag is not None:
                raise _Unusual
        elif isinstance(event, yaml.AliasEvent):
            raise _Unusual
        return event

    def value(self, event: Any) -> Any:
        """A scalar's value, as the full reader's builder reads it."""
        if not isinstance(event, yaml.ScalarEvent):
            raise _Unusual
        text = event.value
        if event.style:  # quoted or block text
            if not text.isascii() and re.search("[\ud800-\udfff]", text):
                raise _Unusual
            return text
        try:
            return self.plain[text]
        except KeyError:
            pass
        tag = self.loader.resolve(yaml.ScalarNode, text, (True, False))
        node = yaml.ScalarNode(tag, text, event.start_mark, event.end_mark, style=None)
        value = self.scalars.value(node)  # UnreadValue: the full reader says what is wrong
        self.plain[text] = value
        return value

    def chunks(self) -> Iterator[list[tuple[Any, ...]]]:
        """The score records, :data:`_CHUNK` at a time, as (evaluator, vendor, target, score,
        note) rows; the other top-level keys are skipped (read by :meth:`rest`)."""
        event = self.event
        for kind in (yaml.StreamStartEvent, yaml.DocumentStartEvent, yaml.MappingStartEvent):
            got = event()
            if not isinstance(got, kind):
                raise _Unusual
        if got.flow_style:
            raise _Unusual  # {scores: [...], demo: [...]} cannot lose its scores by blanking
        while True:
            key = event()
            if isinstance(key, yaml.MappingEndEvent):
                break
            name = self.value(key)
            if name != "scores":
                self.other_keys = True
                self._skip(event())
                continue
            if self.span is not None:
                raise _Unusual  # scores given twice: the full reader says so
            start = event()
            if not isinstance(start, yaml.SequenceStartEvent):
                raise _Unusual
            yield from self._records()
            self.span = (key.start_mark.index, self._end)
            following = self.loader.peek_event()
            if (type(following) is yaml.ScalarEvent and following.value == "demo"
                    and not following.style and following.anchor is None
                    and following.tag is None):  # the test-drive marks, as plainly valid
                event()
                start = event()
                if not isinstance(start, yaml.SequenceStartEvent):
                    raise _Unusual
                self.span = (key.start_mark.index, self._marks())
                self.demo_read = True
            if not isinstance(self.loader.peek_event(), yaml.MappingEndEvent):
                # What follows (test-drive marks, consensus) is read from the text by rest(),
                # every check of the full reader made there: not parsed twice.
                self.other_keys = True
                return
        if not isinstance(event(), yaml.DocumentEndEvent) or not isinstance(
                event(), yaml.StreamEndEvent):
            raise _Unusual
        if self.nodes > SCORES_LIMITS.nodes:
            raise _Unusual

    def _marks(self) -> int:
        """The test-drive marks right after the scores (the sample project has 480) into
        :attr:`demo`, each plainly valid (as a score record: plain values, known fields once,
        :class:`DemoMark`'s checks); the index where the list ends."""
        get, value, plain = self.loader.get_event, self.value, self.plain
        scalar, fields = yaml.ScalarEvent, DemoMark.model_fields
        while True:
            start = get()
            kind = type(start)
            if kind is yaml.SequenceEndEvent:
                return int(start.end_mark.index)
            if kind is not yaml.MappingStartEvent or start.anchor is not None or (
                    start.tag is not None):
                raise _Unusual
            mark: dict[str, Any] = {}
            while True:
                key = get()
                kind = type(key)
                if kind is yaml.MappingEndEvent:
                    break
                if kind is not scalar or key.anchor is not None or key.tag is not None:
                    raise _Unusual
                name = key.value
                if name not in fields or name in mark:
                    raise _Unusual
                got = get()
                if getattr(got, "anchor", None) is not None or getattr(
                        got, "tag", None) is not None:
                    raise _Unusual
                if type(got) is scalar and not got.style and got.value in plain:
                    mark[name] = plain[got.value]
                else:
                    mark[name] = value(got)
            self.nodes += 2 * len(mark) + 1
            self.demo.append(DemoMark.model_validate(mark))  # ValidationError: unusual

    def _skip(self, first: Any) -> None:
        """Past a value before the ``scores`` list (read and checked by :meth:`rest`)."""
        depth = 1 if isinstance(first, yaml.CollectionStartEvent) else 0
        get, starts = self.loader.get_event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)
        ends = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
        while depth:
            kind = type(get())
            if kind in starts:
                depth += 1
            elif kind in ends:
                depth -= 1

    def _records(self) -> Iterator[list[tuple[Any, ...]]]:
        # The loop runs once per event (11 a record): libyaml's calls inlined, types compared
        # by identity; every other case goes through :meth:`event` and :meth:`value`.
        get, value = self.loader.get_event, self.value
        scalar, start_map, end_map = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.MappingEndEvent
        plain = self.plain
        row = _Rows(self.extras).row
        rows: list[tuple[Any, ...]] = []
        index = 0
        while True:
            start = get()
            kind = type(start)
            if kind is yaml.SequenceEndEvent:
                self._end = start.end_mark.index
                break
            if kind is not start_map or start.anchor is not None or start.tag is not None:
                raise _Unusual
            record: dict[str, Any] = {}
            while True:
                key = get()
                kind = type(key)
                if kind is end_map:
                    break
                if kind is not scalar or key.anchor is not None or key.tag is not None:
                    raise _Unusual
                name = key.value  # a field's name reads as itself, plain or quoted
                if name not in _FIELDS or name in record:
                    raise _Unusual
                got = get()
                if name == "flags":
                    self.nodes += 1
                    if got.anchor is not None or got.tag is not None:
                        raise _Unusual
                    record[name] = self._flags(got)
                elif (type(got) is scalar and not got.style and got.anchor is None
                      and got.tag is None and got.value in plain):
                    record[name] = plain[got.value]
                else:
                    self.nodes += 1
                    if getattr(got, "anchor", None) is not None or getattr(
                            got, "tag", None) is not None:
                        raise _Unusual
                    record[name] = value(got)
            self.nodes += 2 * len(record) + 1
            rows.append(row(record, index))
            index += 1
            if len(rows) == _CHUNK:
                yield rows
                rows = []
        yield rows

    def _flags(self, start: Any) -> Any:
        if not isinstance(start, yaml.SequenceStartEvent):
            return self.value(start)  # not a list: ScoreRecord refuses it (as the full reader)
        items = []
        while True:
            got = self.event()
            if isinstance(got, yaml.SequenceEndEvent):
                return items
            items.append(self.value(got))

    def rest(self) -> ScoresFile:
        """The file's other parts (test-drive marks, consensus, fingerprint), read the full way
        from the text with the ``scores`` list blanked out."""
        if not self.other_keys:
            return ScoresFile()
        text = self.text
        if self.span is not None:
            a, b = self.span
            if text.startswith("\ufeff"):  # libyaml counts from after the byte order mark
                a, b = a + 1, b + 1
            parts = _BREAK.split(text[a:b])  # text, break, text, …: a join, not a replacement a
            parts[::2] = [" " * len(part) for part in parts[::2]]  # character
            text = text[:a] + "".join(parts) + text[b:]
        doc = parse_text(text, self.path, SCORES_LIMITS)
        if not isinstance(doc.data, dict) or "scores" in doc.data or (
                self.demo_read and "demo" in doc.data):
            raise _Unusual
        self.rest_doc = doc
        return ScoresFile.model_validate(doc.data)


class _Rows:
    """A score record's fields (a dict, as either reader read them) checked as plainly valid
    into a row; each id's form checked once."""

    def __init__(self, extras: dict[int, tuple[Any, Any]]) -> None:
        self.good: set[tuple[str, str]] = set()
        #: Each record's time and flags (when it has them), by its index.
        self.extras = extras

    def row(self, record: dict[str, Any], index: int) -> tuple[Any, ...]:
        """(evaluator, vendor, target, score, note) of ``record``; :class:`_Unusual` (or
        pydantic's ValidationError) when it is not plainly valid."""
        if not _REQUIRED <= record.keys():
            raise _Unusual
        good = self.good
        evaluator, vendor, target = record["evaluator"], record["vendor"], record["target"]
        if ("e", evaluator) not in good or ("v", vendor) not in good or (
                "t", target) not in good:
            for kind_, text in (("e", evaluator), ("v", vendor), ("t", target)):
                _check_id(kind_, text)
                good.add((kind_, text))
        score = record["score"]
        if type(score) not in (int, float) or not 0 <= score <= 5:
            raise _Unusual
        note = record.get("note", "")
        if type(note) is not str:
            raise _Unusual
        if "flags" in record:
            try:
                full = ScoreRecord.model_validate(record)
            except ValidationError:
                raise _Unusual from None
            if full.at is not None or full.flags is not None:
                self.extras[index] = (full.at, full.flags)
        elif "at" in record:  # the web form's records: the time alone is left to check
            at = _at_field().validate_python(record["at"])  # ValidationError: unusual
            if at is not None:
                self.extras[index] = (at, None)
        return (evaluator, vendor, target, score, note)


@functools.cache
def _at_field() -> TypeAdapter[Any]:
    """The validator of :class:`ScoreRecord`'s ``at`` alone (its type and the models' config):
    a record's other fields are checked here already, and validating the whole record for its
    time took a sixth of the sample project's reading."""
    config = ConfigDict(allow_inf_nan=ScoreRecord.model_config.get("allow_inf_nan", True))
    return TypeAdapter(ScoreRecord.model_fields["at"].annotation, config=config)


def _check_id(kind: str, text: Any) -> None:
    pattern = {"e": _EVALUATOR, "v": _VENDOR, "t": _TARGET}[kind]
    if type(text) is not str or not pattern.fullmatch(text) or (
            kind != "t" and len(text) > 64):
        raise _Unusual
