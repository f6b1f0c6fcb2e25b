"""User-facing errors: one family for the whole package.

The core raises :class:`CrmselectError` carrying a list of :class:`Issue`. Only the CLI turns
them into messages and exit codes, only the web app into form errors or HTTP responses.
Anything else that escapes is a bug and keeps its traceback.

The core never writes finished text: a problem or warning is a :class:`Message`, a code with
parameters (:func:`msg`). Only the edge (the CLI, the web app, the documents) renders it, with
``crmselect.i18n.text(message, lang)`` in the language it resolved; ``str()`` of a message is
its debugging form, never a reader's text.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crmselect.textsafety import printable


def debug_form(code: str, params: Mapping[str, Any]) -> str:
    """A message as a developer reads it: ``code(key=value, ...)`` (the bare code without
    parameters; ``_``-prefixed helpers such as a warning's id → name table left out). Never
    text for a reader, never dependent on a language or anything global."""
    args = ", ".join(f"{k}={v}" for k, v in params.items() if not k.startswith("_"))
    return f"{code}({args})" if args else code


class Message(str):
    """A user-facing message as the core returns it: a ``code`` and its ``params``.

    It is also a ``str`` so that it can be logged and compared: its value is the debugging form
    :func:`debug_form` (``project_no_vendor(id=odooo)``), whatever the language or the
    environment. Readers get the text that the edge renders explicitly in their language
    (``crmselect.i18n.text(message, lang)``).
    """

    code: str
    params: dict[str, Any]

    def __new__(cls, code: str, params: Mapping[str, Any] | None = None) -> Message:
        params = dict(params or {})
        self = super().__new__(cls, debug_form(code, params))
        self.code, self.params = code, params
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Message, (self.code, self.params))


#: The edge's function that writes a message in a language (``crmselect.i18n.text``); a core
#: function that must put text in a file (a comment line) takes it as an argument.
Render = Callable[[Message, str], str]


class Amount(float):
    """A number the edge writes with the reader's digit grouping, no decimals (12.000.000)."""


class Number(float):
    """A number the edge writes with the reader's decimal mark (2,5 in Turkish)."""


class Currency(str):
    """A currency code the edge writes as its reader does (``TRY`` is ``TL`` in Turkish)."""


def msg(code: str, /, **params: Any) -> Message:
    """The message ``code`` with ``params`` (rendered by the edge in the reader's language)."""
    return Message(code, params)


@dataclass(frozen=True)
class Issue:
    """One problem in one place, printed compiler-style on one line.

    ``file`` is a path (or a workbook name), ``line``/``column`` are 1-based (0 when unknown),
    ``where`` is the field path or the spreadsheet cell (``Requirements!C14``); ``code`` names
    the kind of problem for programs (``missing``, ``extra_forbidden``; '' when not classified).
    """

    file: str
    message: str  # usually a Message (code + params)
    line: int = 0
    column: int = 0
    where: str = ""
    hint: str = ""
    code: str = ""

    def __str__(self) -> str:
        """The issue with its message in the debugging form (for logs and tracebacks; readers
        get :meth:`format` with the edge's render function)."""
        return self.format(str)

    def format(self, render: Callable[[str], str]) -> str:
        """The issue on one line, its message and hint passed through ``render``."""
        place = display_path(self.file)
        if self.line:
            place += f":{self.line}"
            if self.column:
                place += f":{self.column}"
        text = f"{place}: " if place else ""
        if self.where:
            text += f"{self.where}: "
        text += render(self.message)
        if self.hint:
            text += f" ({render(self.hint)})"
        return printable(text)  # a newline in a quoted id or key must not forge a line


class CrmselectError(Exception):
    """A user error: bad input that the user can fix. Carries every issue found."""

    def __init__(
        self, issues: Iterable[Issue] | Issue | str, what: str = "", summary: str = ""
    ) -> None:
        if isinstance(issues, str):
            issues = [Issue(file="", message=issues)]
        elif isinstance(issues, Issue):
            issues = [issues]
        self.issues: list[Issue] = list(issues)
        #: A message code saying what did not happen because of the issues ("nothing_loaded").
        self.what = what
        #: A closing line (a Message), used when there is no ``what`` code.
        self.summary = summary
        super().__init__("\n".join(str(i) for i in self.issues))

    def as_dicts(self, render: Callable[[str], str]) -> list[dict[str, object]]:
        """The issues as plain data for JSON output: file, line, column (None when unknown),
        field, message, hint, code (``invalid`` when the issue has no finer one) and
        message_code/params (the message before it became text)."""
        return [{"file": display_path(i.file) or None, "line": i.line or None,
                 "column": i.column or None, "field": i.where or None,
                 "message": render(i.message), "hint": render(i.hint) if i.hint else None,
                 "code": i.code or "invalid",
                 "message_code": getattr(i.message, "code", None),
                 "params": {k: render(v) if isinstance(v, Message) else str(v)
                            for k, v in getattr(i.message, "params", {}).items()}}
                for i in self.issues]

    def lines(self, render: Callable[[str], str]) -> list[str]:
        """The issues, one printable line each (an issue without a file prints its message)."""
        return [i.format(render) if i.file or i.hint else printable(render(i.message))
                for i in self.issues]


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as the user should see it: relative to the working folder when it is below it."""
    text = str(path)
    if not text:
        return text
    try:
        rel = os.path.relpath(text)
    except (ValueError, OSError):  # another drive on Windows; a working folder deleted
        return text
    return text if rel.startswith("..") else rel


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A "did you mean X?" hint (a Message) for a mistyped key or id, or '' when nothing is
    close; the edge renders it. ``difflib`` is imported here: only a command that finds a
    mistake needs it (1–2 ms of every command's start-up otherwise)."""
    import difflib

    matches = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return msg("did_you_mean", name=matches[0]) if matches else ""


def issue_at(path: Path | str, message: str, where: str = "", hint: str = "") -> Issue:
    """An issue about a whole file (no line known)."""
    return Issue(file=str(path), message=message, where=where, hint=hint)
