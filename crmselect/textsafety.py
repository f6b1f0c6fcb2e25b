"""Making user and vendor text safe to write into documents and spreadsheets.

Why: vendors paste text from other tools (control characters that make Word and Excel files
invalid XML), and a cell starting with ``=``, ``+``, ``-`` or ``@`` is run as a formula by
Excel and LibreOffice when a CSV or XLSX export is opened (formula injection).
"""

from __future__ import annotations

import re
from functools import cache

#: The patterns are compiled on first use: compiling both took about 6 M instructions of every
#: command's start (``score`` uses neither when all goes well).
_XML_INVALID = "[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Excel's limit per cell: a longer text makes Excel call the .xlsx damaged ("repair"), and is
#: cut when a CSV is opened.
MAX_CELL_CHARS = 32_767


def clean_text(value: str) -> str:
    """Remove characters that XML 1.0 (and so .docx and .xlsx) cannot hold."""
    return _compiled(_XML_INVALID).sub("", value)


def safe_cell(value: object) -> object:
    """A value ready for a CSV or XLSX cell: text is cleaned and never starts a formula.

    Numbers, dates and None pass through unchanged; text that would start a formula is
    prefixed with an apostrophe, the convention spreadsheet programs show as literal text; text
    longer than a cell holds is cut, with "…" at the end.
    """
    if not isinstance(value, str):
        return value
    text = clean_text(value)
    if text.startswith(_FORMULA_START):
        text = "'" + text
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - 1] + "…"
    return text


#: Characters that end or reorder a terminal line: C0/C1 controls, line and paragraph
#: separators, and the bidirectional overrides that make text read backwards.
_UNPRINTABLE = "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def printable(text: str) -> str:
    """``text`` safe to print on one line: a newline, a carriage return or an escape sequence
    in a vendor's id or a YAML key is shown as ``\\n``, ``\\r``, ``\\x1b`` instead of
    forging another output line or colouring the terminal."""
    return _compiled(_UNPRINTABLE).sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    char = match.group(0)
    special = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if char in special:
        return special[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shortened(text: str, limit: int = 60) -> str:
    """``text`` cut to ``limit`` characters, with "…" where it was cut: for quoting a value a
    user typed in a one-line message (a pasted page stays a line)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
