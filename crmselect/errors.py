"""User-facing errors: one family for the whole package.

The core raises :class:`CrmselectError` carrying a list of :class:`Issue`. Only the CLI turns
them into messages and exit codes, only the web app into form errors or HTTP responses.
Anything else that escapes is a bug and keeps its traceback.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from crmselect.messages import t
from crmselect.textsafety import printable


@dataclass(frozen=True)
class Issue:
    """One problem in one place, printed compiler-style on one line.

    ``file`` is a path (or a workbook name), ``line``/``column`` are 1-based (0 when unknown),
    ``where`` is the field path or the spreadsheet cell (``Requirements!C14``); ``code`` names
    the kind of problem for programs (``missing``, ``extra_forbidden``; '' when not classified).
    """

    file: str
    message: str
    line: int = 0
    column: int = 0
    where: str = ""
    hint: str = ""
    code: str = ""

    def __str__(self) -> str:
        place = display_path(self.file)
        if self.line:
            place += f":{self.line}"
            if self.column:
                place += f":{self.column}"
        text = f"{place}: " if place else ""
        if self.where:
            text += f"{self.where}: "
        text += self.message
        if self.hint:
            text += f" ({self.hint})"
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
        #: A messages key saying what did not happen because of the issues ("nothing_loaded").
        self.what = what
        #: A ready-made closing line, used when there is no ``what`` key.
        self.summary = summary
        super().__init__("\n".join(str(i) for i in self.issues))

    def as_dicts(self) -> list[dict[str, object]]:
        """The issues as plain data for JSON output: file, line, column (None when unknown),
        field, message, hint and code (``invalid`` when the issue has no finer one)."""
        return [{"file": display_path(i.file) or None, "line": i.line or None,
                 "column": i.column or None, "field": i.where or None, "message": i.message,
                 "hint": i.hint or None, "code": i.code or "invalid"} for i in self.issues]

    def lines(self) -> list[str]:
        """The issues, one printable line each (an issue without a file prints its message)."""
        return [str(i) if i.file else printable(i.message) for i in self.issues]


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as the user should see it: relative to the working folder when it is below it."""
    text = str(path)
    if not text:
        return text
    try:
        rel = os.path.relpath(text)
    except ValueError:  # another drive on Windows
        return text
    return text if rel.startswith("..") else rel


def did_you_mean(word: str, choices: Iterable[str], lang: str | None = None) -> str:
    """A "did you mean X?" hint for a mistyped key or id, or '' when nothing is close.

    In ``lang`` (the CLI language by default), like every message a user reads.
    """
    matches = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return t("did_you_mean", lang, name=matches[0]) if matches else ""


def issue_at(path: Path | str, message: str, where: str = "", hint: str = "") -> Issue:
    """An issue about a whole file (no line known)."""
    return Issue(file=str(path), message=message, where=where, hint=hint)
