"""``scores.yaml``'s text as crmselect writes it: one record a line.

Why one a line: a project is kept in git, and a score changed is then a one-line diff; and the
file is the form the sample project has and :mod:`crmselect.scoresyaml` reads a line at a time
(a third of the time of libyaml's events). Each record of ``scores``, ``demo`` and
``consensus`` is a flow mapping on its own line, its keys in the model's order::

    scores:
    - {evaluator: murat, vendor: suitecrm, target: OPS-SFA-001, score: 5, note: 'Çok iyi'}

the weights' fingerprint (and an empty list, ``[]``) on its line, a value as in a record.
PyYAML's writer, used before, folded a long note over several lines, and a line break of
another kind (``\\x85``) it wrote raw in single quotes, where libyaml reads it as a space.

Every value reads back as itself, by any YAML reader: a text is written plain only when it
is of the conservative form the line reader reads plain
(:func:`crmselect.scoresyaml.plain_value`) and both YAML 1.1's resolver and 1.2's core schema
read it as text (so ``yes``, ``null``, ``0x1``, ``1_000``, ``1e3`` or a date are quoted);
else single-quoted when every character is printable (no line break, tab, control or other
space than ``' '``); else double-quoted on the same line, each such character escaped
(``\\n``, ``\\x85``, ``\\u2028``). A number is written as its shortest exact text (``5``,
``4.5``, ``1.0e-05``). The line reader reads these double-quoted values too (only these
escapes: a file with any other is left to libyaml's events, which read it the same way).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from crmselect.model import ScoresFile
from crmselect.scoresyaml import plain_value

#: The lists written one record a line.
RECORD_LISTS = ("scores", "demo", "consensus")
_STR_TAG = "tag:yaml.org,2002:str"
#: What YAML 1.2's core schema reads as a number (``1e3``, which YAML 1.1 reads as text): quoted
#: too, so that an editor or tool reading YAML 1.2 reads the text as well.
_CORE_NUMBER = re.compile(r"[-+]?(?:[0-9]+|\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?"
                          r"|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def scores_text(scores: ScoresFile, header: str = "") -> str:
    """The text of ``scores`` (``header`` first), read back by the project's loader as the same
    records (see the module docstring)."""
    data = scores.model_dump(mode="json", exclude_none=True)
    for record in data.get("scores", []):
        if not record.get("note"):
            record.pop("note", None)
    out = [header]
    scalar = _Scalars().text
    for key, value in data.items():
        if key in RECORD_LISTS and value:
            out.append(f"{key}:\n")
            out.extend("- {" + ", ".join(f"{name}: {scalar(v)}" for name, v in record.items())
                       + "}\n" for record in value)
        else:  # the weights' fingerprint, an empty list
            out.append(f"{key}: {scalar(value)}\n")
    return "".join(out)


class _Scalars:
    """Values as written in a record's line, each distinct one worked out once."""

    def __init__(self) -> None:
        self.resolver = yaml.resolver.Resolver()
        self.done: dict[Any, str] = {}

    def text(self, value: Any) -> str:
        kind = type(value)
        if kind is str:
            done = self.done.get(value)
            if done is None:
                done = self.done[value] = self._string(value)
            return done
        if kind is float:
            return _number(value)
        if kind is int:
            return str(value)
        if kind is list:
            return "[" + ", ".join(self.text(item) for item in value) + "]"
        # Nothing else is in a record (model_dump in JSON mode); PyYAML's form if it ever is.
        return yaml.safe_dump(value, default_flow_style=True, width=float("inf"),
                              allow_unicode=True).removesuffix("\n...\n").rstrip("\n")

    def _string(self, text: str) -> str:
        if text.isprintable():  # the line reader's pattern leaves this to a check of the line
            if plain_value().fullmatch(text) and not _CORE_NUMBER.fullmatch(text) and (
                    self.resolver.resolve(yaml.ScalarNode, text, (True, False)) == _STR_TAG):
                return text
            return "'" + text.replace("'", "''") + "'"
        return '"' + "".join(_escaped(c) for c in text) + '"'


def _escaped(c: str) -> str:
    """One character in a double-quoted value: itself when printable (or ``' '``)."""
    if c in _ESCAPES:
        return _ESCAPES[c]
    if c == " " or c.isprintable():
        return c
    code = ord(c)
    return f"\\x{code:02X}" if code < 0x100 else (
        f"\\u{code:04X}" if code < 0x10000 else f"\\U{code:08X}")


def _number(value: float) -> str:
    """A finite float as the shortest text YAML reads back as it: ``5`` for 5.0 (read as the
    int 5, equal to it), else Python's shortest repr with a point before an exponent
    (``1e-05`` would be text in YAML 1.1)."""
    if value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    text = repr(value).lower()
    if "e" in text and "." not in text:
        text = text.replace("e", ".0e", 1)
    return text
