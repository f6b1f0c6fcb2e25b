"""Reading YAML safely, with the line and column of every value.

Why: PyYAML's loaders silently keep the last of two duplicate keys, read ``NO`` as false and
``1.10`` as 1.1, and expand "billion laughs" alias bombs until memory runs out. We compose the
node tree with the safe loader (no python tags) and build plain values ourselves with YAML 1.2
core-schema scalars, rejecting duplicate keys and bounding alias expansion, while recording the
position of every node so that validation errors can name the line and column.

Speed: the node tree is composed by libyaml (PyYAML's C loader) when PyYAML has it; its nodes
carry the same line and column marks. Whenever libyaml complains, the pure-Python loader reads
the text again and has the last word, so every message (and every decision on a file the two
readers judge differently) is the pure-Python loader's, as it always was.

One reader: :func:`read_text` is how every YAML file is read (size, kind, encoding); a command
that needs a file's text after validating it takes :attr:`Document.text`, never the bytes again.
"""

from __future__ import annotations

import datetime as dt
import gc
import math
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from crmselect.errors import Amount, CrmselectError, Issue, Number
from crmselect.errors import msg as t
from crmselect.oserrors import os_reason

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_NODES = 500_000
#: A scores file's own ceilings (see :class:`Limits`).
SCORES_MAX_FILE_BYTES = 64 * 1024 * 1024
SCORES_MAX_NODES = 6_500_000
#: The file that gets :data:`SCORES_LIMITS` when read without limits given: a project's scores.
SCORES_FILE_NAME = "scores.yaml"
#: Deeper nesting is never meant; the YAML composer and later code recurse once per level.
MAX_DEPTH = 100
#: Longer numbers are refused (Python will not even convert an integer of 4,300 digits).
MAX_NUMBER_CHARS = 300

Path_ = tuple[str | int, ...]

_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|(0|[1-9][0-9_]*)(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$")
_ALLOWED_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_SPECIAL = _NULL | _TRUE | _FALSE
#: The first character of every number and date the patterns above accept.
_MAY_START_NUMBER = frozenset("+-.0123456789")
#: Half of a UTF-16 pair (``"\uD800"`` in double quotes): not text, and lxml, JSON and every
#: encoder refuse it later, so it is refused where it is read.
_SURROGATE = re.compile("[\ud800-\udfff]")
_SCALAR_NODE, _MAPPING_NODE, _SEQUENCE_NODE = yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode


class _MemoLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's safe loader that remembers the (pure-Python) tag resolution of each plain
    value: a scores file repeats its ids, scores and keys thousands of times (measured: a
    fifth less time composing 25,600 score records). Safe because the safe loader has no
    path-dependent resolvers: a plain scalar's tag depends on its text alone, and any other
    node's tag on its kind alone (the resolver's defaults, returned without calling it: libyaml
    asks for every node, 22,000 times for the sample project's scores)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        if not self.yaml_path_resolvers:  # a node's tag depends on the node alone
            self.resolve = self._memo_resolver()  # type: ignore[method-assign]
            # libyaml also calls these two around every node; without a path resolver they
            # do nothing (PyYAML's return at once): C callables that do nothing in their place
            # spare 45,000 Python calls for the sample project's scores.
            self.descend_resolver = slice  # type: ignore[method-assign,assignment]
            self.ascend_resolver = tuple  # type: ignore[method-assign,assignment]

    def _memo_resolver(self) -> Callable[[type, str, tuple[bool, bool]], str]:
        """The resolver as a plain function over a memo of this file's plain values: libyaml
        calls it for every node, so it is looked up on the loader and called without making
        a bound method each time, and reads no attribute of the loader."""
        tags: dict[str, str] = {}
        remembered, resolve = tags.get, super().resolve
        text, mapping, sequence = (self.DEFAULT_SCALAR_TAG, self.DEFAULT_MAPPING_TAG,
                                   self.DEFAULT_SEQUENCE_TAG)

        def memo_resolve(kind: type, value: str, implicit: tuple[bool, bool]) -> str:
            if kind is _SCALAR_NODE:
                if not implicit[0]:  # quoted or block text
                    return text
                tag = remembered(value)
                if tag is None:
                    tag = tags[value] = resolve(kind, value, implicit)
                return tag
            if kind is _MAPPING_NODE:
                return mapping
            if kind is _SEQUENCE_NODE:
                return sequence
            return resolve(kind, value, implicit)  # pragma: no cover - no other kind

        return memo_resolve


#: libyaml's composer, or None when PyYAML was built without it.
_FAST_LOADER = _MemoLoader if hasattr(yaml, "CSafeLoader") else None


@dataclass(frozen=True)
class Limits:
    """How large one YAML file may be: bytes, and values once its aliases are expanded.

    Why two kinds of file: every file of a project is written by hand or by the tool and
    holds at most some thousand entries, so 10 MB and 500,000 values (what an alias bomb is
    stopped at) are far beyond any of them. A scores file is the one file that grows with the
    evaluation: every evaluator's score for every vendor on every requirement, 459,900 records
    for 1,000 requirements × 30 vendors × 15 evaluators (issue 15), which ``scores export``
    writes in 41 MB (56 MB with each record's time, as the web form's records have) and which
    hold 9 to 13 values a record (4.1 to 6 million). So a scores file may have 64 MB and 6.5
    million values; every other check (no tags, no duplicate keys, the alias and depth checks,
    positions) is the same. Why not more: a valid scores file is read into columns
    (:mod:`crmselect.scoresyaml`, 300 MB for 459,900 records), but one with a problem is read
    the full way, every value with its position, to name each problem's line and column:
    measured, a 40 MB file with one bad record took 42 s and 2.7 GB; 64 MB is about as much
    as a laptop holds that way. Larger evaluations go in ``scores.csv`` (a third of the size,
    read the same way) or the evaluation database; the message says so.

    ``None`` is the module's constant at the time of reading (:data:`MAX_FILE_BYTES`,
    :data:`MAX_NODES`).
    """

    max_bytes: int | None = None
    max_nodes: int | None = None
    #: A message code: what to do with a file over the limits.
    hint: str = ""

    @property
    def bytes(self) -> int:
        return MAX_FILE_BYTES if self.max_bytes is None else self.max_bytes

    @property
    def nodes(self) -> int:
        return MAX_NODES if self.max_nodes is None else self.max_nodes


#: Every YAML file's limits but a scores file's.
LIMITS = Limits()
#: A scores file's (a project's ``scores.yaml``, a file given to ``scores import``).
SCORES_LIMITS = Limits(SCORES_MAX_FILE_BYTES, SCORES_MAX_NODES, "scores_too_big_hint")


def limits_for(path: Path) -> Limits:
    """The limits of a file read without limits given: :data:`SCORES_LIMITS` for a file named
    :data:`SCORES_FILE_NAME` (a project's scores, which the project loader reads by this
    module's :func:`read_document`), :data:`LIMITS` for any other."""
    return SCORES_LIMITS if path.name == SCORES_FILE_NAME else LIMITS


def fast_loader(text: str) -> Any | None:
    """libyaml's safe loader over ``text`` (the one :func:`read_document` composes with), for a
    reader of its events (:mod:`crmselect.scoresyaml`); None when PyYAML has no libyaml."""
    return None if _FAST_LOADER is None else _FAST_LOADER(text)


class UnreadValue(ValueError):
    """A value that :func:`read_document` would refuse or report a problem with."""


class ScalarReader:
    """Plain values read one at a time exactly as :func:`read_document` reads them (YAML 1.2
    core scalars, the tags allowed, no lone surrogate, no number too long), for a reader of
    libyaml's events (:mod:`crmselect.scoresyaml`) that makes no node tree."""

    def __init__(self, path: Path) -> None:
        self._builder = _Builder(path)

    def value(self, node: yaml.ScalarNode) -> Any:
        """The value of ``node`` (its tag resolved); :class:`UnreadValue` when
        :func:`read_document` would not read it without a problem."""
        if node.tag not in _ALLOWED_TAGS:
            raise UnreadValue(node.tag)
        builder = self._builder
        value = builder._scalar(node)
        if builder.issues:
            builder.issues.clear()
            raise UnreadValue(node.value)
        return value


@dataclass
class Document:
    """A parsed YAML file: its plain data and the position of every value in it."""

    path: Path
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    #: The text that was parsed: a command that writes the file elsewhere uses this, so that
    #: what was validated is what is written (a UTF-16 file is not read again as UTF-8).
    text: str = ""

    def position(self, loc: Path_, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at ``loc``, or of its nearest known parent.

        With ``key=True`` the position of the mapping key is preferred (for unknown keys).
        """
        loc = tuple(loc)
        while True:
            if key and loc in self.key_positions:
                return self.key_positions[loc]
            if loc in self.positions:
                return self.positions[loc]
            if not loc:
                return (1, 1)
            loc = loc[:-1]

    def issue(self, loc: Path_, message: str, hint: str = "", key: bool = False) -> Issue:
        line, column = self.position(loc, key=key)
        return Issue(
            file=str(self.path), line=line, column=column, where=format_loc(loc),
            message=message, hint=hint,
        )


class LazyDocument(Document):
    """A :class:`Document` of a file whose validated content came from elsewhere (the bundled
    data cache): the file is only read again if a message needs a position in it."""

    def __init__(self, path: Path) -> None:  # noqa: D107 - the fields are read on first use
        self.path = path
        self._read: Document | None = None

    def _document(self) -> Document:
        if self._read is None:
            self._read = read_document(self.path)
        return self._read

    data = property(lambda self: self._document().data)  # type: ignore[assignment]
    positions = property(lambda self: self._document().positions)  # type: ignore[assignment]
    key_positions = property(  # type: ignore[assignment]
        lambda self: self._document().key_positions)
    text = property(lambda self: self._document().text)  # type: ignore[assignment]


def format_loc(loc: Path_) -> str:
    """``('requirements', 3, 'priority')`` → ``requirements[3].priority``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _thousands(n: int) -> Amount:
    """``500000``, written by the edge as ``500,000`` (``500.000`` in Turkish)."""
    return Amount(n)


class _Builder:
    def __init__(self, path: Path, max_nodes: int | None = None, hint: str = "") -> None:
        self.path = path
        self.max_nodes = MAX_NODES if max_nodes is None else max_nodes
        self.hint = hint  # a message code: what to do with a file of too many values
        self.positions: dict[Path_, tuple[int, int]] = {}
        self.key_positions: dict[Path_, tuple[int, int]] = {}
        self.count = 0
        self.issues: list[Issue] = []
        #: (text, tag) of a plain value → what it reads as, for values read without a problem:
        #: a scores file repeats its ids, scores and keys thousands of times.
        self._plain: dict[tuple[str, str], Any] = {}

    def fail(self, node: yaml.Node, message: str) -> Issue:
        return Issue(
            file=str(self.path), line=node.start_mark.line + 1,
            column=node.start_mark.column + 1, message=message,
        )

    def build(self, node: yaml.Node, loc: Path_, seen: tuple[int, ...] = ()) -> Any:
        self.count += 1
        if self.count > self.max_nodes:
            issue = self.fail(node, t("yaml_too_many_values", n=_thousands(self.max_nodes)))
            raise CrmselectError(replace(issue, hint=t(self.hint)) if self.hint else issue)
        if len(loc) > MAX_DEPTH:
            raise CrmselectError(self.fail(node, t("yaml_too_deep", n=MAX_DEPTH)))
        positions = self.positions
        if loc not in positions:
            mark = node.start_mark
            positions[loc] = (mark.line + 1, mark.column + 1)
        if id(node) in seen:
            raise CrmselectError(self.fail(node, t("yaml_recursive_alias")))
        if node.tag not in _ALLOWED_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise CrmselectError(self.fail(node, t("yaml_tag", tag=tag)))
        if isinstance(node, _SCALAR_NODE):
            return self.scalar(node)
        if isinstance(node, _SEQUENCE_NODE):
            inner, build = (*seen, id(node)), self.build
            return [build(child, (*loc, i), inner) for i, child in enumerate(node.value)]
        if isinstance(node, _MAPPING_NODE):
            return self.mapping(node, loc, (*seen, id(node)))
        raise CrmselectError(self.fail(node, t("yaml_node")))  # pragma: no cover

    def mapping(self, node: yaml.MappingNode, loc: Path_, seen: tuple[int, ...]) -> dict:
        result: dict[Any, Any] = {}
        key_positions, build, scalar = self.key_positions, self.build, self.scalar
        positions = self.positions
        #: A value one level deeper than ``loc`` is not too deep (checked once, not per value).
        shallow = len(loc) < MAX_DEPTH
        for key_node, value_node in node.value:
            tag = key_node.tag
            if tag == "tag:yaml.org,2002:merge":
                self.issues.append(self.fail(key_node, t("yaml_merge_key")))
                continue
            if not isinstance(key_node, _SCALAR_NODE) or tag not in _ALLOWED_TAGS:
                self.issues.append(self.fail(key_node, t("yaml_plain_key")))
                continue
            key = scalar(key_node)
            if key is None or key is True or key is False:
                key = key_node.value
            inner = (*loc, key)
            if key in result:
                first_line = key_positions[inner][0]
                issue = self.fail(key_node, t("yaml_duplicate_key", name=key, line=first_line))
                if _split_decimal(node, key, value_node, result):  # {a: 31,1, b: 31,1}
                    issue = replace(issue, hint=t("load_decimal_point_flow", key=key))
                self.issues.append(issue)
                continue
            mark = key_node.start_mark
            key_positions[inner] = (mark.line + 1, mark.column + 1)
            if (value_node.__class__ is _SCALAR_NODE and shallow and self.count < self.max_nodes
                    and value_node.tag in _ALLOWED_TAGS):
                # What build() does for a value that passes its checks (most values), without
                # the call: a scalar is never one of the collections in ``seen``.
                self.count += 1
                if inner not in positions:
                    mark = value_node.start_mark
                    positions[inner] = (mark.line + 1, mark.column + 1)
                result[key] = scalar(value_node)
            else:
                result[key] = build(value_node, inner, seen)
        return result

    def scalar(self, node: yaml.ScalarNode) -> Any:
        if node.style:  # quoted or block text: read as it is written
            return self._scalar(node)
        key = (node.value, node.tag)
        try:
            return self._plain[key]
        except KeyError:
            pass
        problems = len(self.issues)
        value = self._scalar(node)
        if len(self.issues) == problems:  # a value with a problem is reported at each place
            self._plain[key] = value
        return value

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        value = node.value
        tag = node.tag
        lone = None if value.isascii() else _SURROGATE.search(value)
        if lone:
            code = f"\\u{ord(lone.group()):04X}"
            self.issues.append(self.fail(node, t("yaml_surrogate", code=code)))
            return value
        if node.style in ("'", '"', "|", ">") or tag == "tag:yaml.org,2002:str":
            return value
        if value[:1] not in _MAY_START_NUMBER and value not in _SPECIAL:
            return value  # plain text (most values): no number, date, null or boolean
        if value in _NULL:
            return None
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        if _INT.match(value) or (_FLOAT.match(value) and any(c.isdigit() for c in value)):
            return self.number(node)
        if _DATE.match(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return value
        return value

    def number(self, node: yaml.ScalarNode) -> int | float | None:
        """An int or a finite float; a number too long or too large to use is an issue."""
        text = node.value.replace("_", "")
        if len(text) <= MAX_NUMBER_CHARS:
            number = int(text) if _INT.match(node.value) else float(text)
            if not isinstance(number, float) or math.isfinite(number):
                return number
        shown = node.value if len(node.value) <= 24 else node.value[:20] + "…"
        self.issues.append(self.fail(node, t("yaml_number_too_big", value=shown)))
        return None


#: PyYAML's most common complaints → our words (others are shown in PyYAML's words).
_PROBLEMS = {
    "found character '\\t' that cannot start any token": "yaml_tab",
    "mapping values are not allowed here": "yaml_colon",
    "but found another document": "yaml_several_documents",
    "second occurrence": "yaml_duplicate_anchor",
}


#: PyYAML's complaints that name a character or a name → our words, with that part kept.
_PATTERNS = [
    (re.compile(r"^found character (.+) that cannot start any token$"), "yaml_cannot_start"),
    (re.compile(r"^could not find expected ':'$"), "yaml_no_colon"),
    (re.compile(r"^found unexpected end of stream$"), "yaml_unclosed"),
    (re.compile(r"^found unknown escape character (.+)$"), "yaml_escape"),
    (re.compile(r"^found undefined alias (.+)$"), "yaml_undefined_alias"),
    (re.compile(r"^expected <block end>, but found (.+)$"), "yaml_indentation"),
    (re.compile(r"^sequence entries are not allowed here$"), "yaml_indentation"),
    (re.compile(r"^expected ',' or '[\]}]', but got (.+)$"), "yaml_flow_comma"),
    (re.compile(r"^expected escape sequence of \d+ hexadecimal numbers"), "yaml_escape"),
]


def _problem(text: str) -> str:
    """A PyYAML problem in the user's language when we know it, else PyYAML's own words."""
    if text in _PROBLEMS:
        return t(_PROBLEMS[text])
    for pattern, key in _PATTERNS:
        match = pattern.match(text)
        if match:
            return t(key, what=match.group(1) if match.groups() else "")
    return text


def parse_text(text: str, path: Path, limits: Limits | None = None, *,
               libyaml_only: bool = False) -> Document:
    """Parse YAML text into a :class:`Document`. Raises :class:`CrmselectError` on bad YAML.
    ``limits``: :func:`limits_for` the path when not given. ``libyaml_only``: a text libyaml
    complains about is not read again by the pure-Python loader, libyaml's exception is raised
    as it is (for a reader that must accept no more than libyaml does,
    :mod:`crmselect.scoresyaml`)."""
    collecting = gc.isenabled()
    gc.disable()  # tens of thousands of new objects, none in a cycle: no collection pass
    try:
        return _parse(text, path, limits or limits_for(path), libyaml_only)
    finally:
        if collecting:
            gc.enable()


def _parse(text: str, path: Path, limits: Limits, libyaml_only: bool = False) -> Document:
    if libyaml_only:
        if _FAST_LOADER is None:
            raise yaml.YAMLError("no libyaml")
        node = yaml.compose(text, Loader=_FAST_LOADER)
        if node is None:
            raise yaml.YAMLError("empty")
        return _built(node, text, path, limits)
    try:
        node = _compose(text)
    except RecursionError:
        line, column = _too_deep_at(text)
        raise CrmselectError(Issue(
            file=str(path), line=line, column=column, message=t("yaml_too_deep", n=MAX_DEPTH),
        )) from None
    except yaml.reader.ReaderError as exc:  # a control character, before any parsing
        before = text[: exc.position]
        raise CrmselectError(Issue(
            file=str(path), line=before.count("\n") + 1,
            column=exc.position - (before.rfind("\n") + 1) + 1,
            message=t("yaml_control_char", code=f"U+{exc.character:04X}"),
        )) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = _problem((exc.problem or exc.context or "").strip()) or t("yaml_no_detail")
        raise CrmselectError(Issue(
            file=str(path), line=line, column=column,
            message=t("yaml_malformed", problem=problem),
        )) from None
    except yaml.YAMLError as exc:
        raise CrmselectError(Issue(file=str(path),
                                   message=t("yaml_malformed", problem=exc))) from None
    if node is None:
        raise CrmselectError(Issue(file=str(path), line=1, column=1, message=t("yaml_empty")))
    return _built(node, text, path, limits)


def _built(node: yaml.Node, text: str, path: Path, limits: Limits) -> Document:
    """The :class:`Document` of a composed ``node`` (every value's checks and position)."""
    builder = _Builder(path, limits.nodes, limits.hint)
    data = builder.build(node, ())
    if builder.issues:
        raise CrmselectError(builder.issues)
    return Document(path=path, data=data, positions=builder.positions,
                    key_positions=builder.key_positions, text=text)


def _compose(text: str) -> yaml.Node | None:
    """The node tree of ``text``: libyaml's when it reads the text without complaint, else the
    pure-Python loader's (which raises the error that :func:`parse_text` words for the user)."""
    if _FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except Exception:  # noqa: BLE001 - any complaint: the pure-Python reader decides
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _too_deep_at(text: str) -> tuple[int, int]:
    """Line and column where the nesting of ``text`` first goes deeper than ``MAX_DEPTH``
    (the parser emits events without recursing, so this works where composing did not)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark.line + 1, event.start_mark.column + 1
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except (yaml.YAMLError, RecursionError):
        pass
    return 1, 1


def _split_decimal(node: yaml.MappingNode, key: object, value_node: yaml.Node,
                   built: dict[Any, Any]) -> bool:
    """True when ``key`` is the decimals of a number written with a decimal comma in a one-line
    mapping (``{standard: 31,1}`` is ``standard: 31`` and a key ``1`` with no value)."""
    return (bool(node.flow_style) and isinstance(key, int) and not isinstance(key, bool)
            and value_node.__class__ is _SCALAR_NODE and value_node.value == ""
            and any(isinstance(v, (int, float)) and not isinstance(v, bool)
                    for v in built.values()))


def read_document(path: Path, limits: Limits | None = None) -> Document:
    """Read a YAML file from disk: size, encoding and syntax are checked before anything else.
    ``limits``: :func:`limits_for` the path when not given."""
    limits = limits or limits_for(path)
    return parse_text(read_text(path, limits), path, limits)


def read_text(path: Path, limits: Limits | None = None) -> str:
    """The text of a YAML file, read the one way every YAML file is read: a regular file of at
    most ``limits.bytes`` (:func:`limits_for` the path when not given; :data:`MAX_FILE_BYTES`
    for most files), UTF-8 (with or without BOM) or UTF-16 with its BOM, no NUL.
    Raises :class:`CrmselectError` naming the file (and the line and column of a bad byte)."""
    limits = limits or limits_for(path)
    max_bytes = limits.bytes
    try:
        info = path.stat()
    except FileNotFoundError:
        raise CrmselectError(Issue(file=str(path), message=t("yaml_no_file"))) from None
    except OSError as exc:
        raise CrmselectError(Issue(file=str(path), message=t(
            "yaml_unreadable", error=os_reason(exc)))) from None
    size = info.st_size
    if stat.S_ISDIR(info.st_mode):
        raise CrmselectError(Issue(file=str(path), message=t("yaml_is_folder")))
    if not stat.S_ISREG(info.st_mode):  # /dev/zero, a pipe: would never end or block
        raise CrmselectError(Issue(file=str(path), message=t("yaml_not_regular")))
    if size > max_bytes:
        raise CrmselectError(Issue(
            file=str(path),
            message=t("yaml_too_big", size=Number(round(size / 1e6, 1)),
                      limit=max_bytes // (1024 * 1024)),
            hint=t(limits.hint) if limits.hint else "",
        ))
    try:
        with path.open("rb") as handle:  # no more than the limit, even if the file grows
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise CrmselectError(Issue(file=str(path), message=t(
            "yaml_unreadable", error=os_reason(exc)))) from None
    try:
        # UTF-16 with a byte order mark (Notepad's "Unicode") is unambiguous; else UTF-8
        text = raw.decode("utf-16") if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else (
            raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise CrmselectError(Issue(
            file=str(path), line=line, column=column,
            message=t("yaml_not_utf8"),
        )) from None
    if "\x00" in text:
        raise CrmselectError(Issue(file=str(path), message=t("yaml_binary")))
    return text
