"""The CSV form of a scores file: its columns, and its rows read into records.

Columns: ``kind,evaluator,vendor,target,score,note,at,flags``, one row per record. ``kind`` is
``score`` (the default when the column or cell is empty), ``demo`` (target
``SCENARIO/REQUIREMENT``, the note says ``live``, ``slides`` or ``not_shown``) or ``consensus``
(the evaluator column names who recorded it, the note is the reason). ``flags`` holds a score's
web-form marks (``changed_after_reveal``, ``interest_allowed``, separated by spaces). One row of
kind ``weights_fingerprint`` may carry, in its note, the fingerprint of the weights scoring
began under (what ``weights_fingerprint:`` is in ``scores.yaml``). An evaluator filling in
scores needs only ``evaluator,vendor,target,score,note``. A cell written formula-safe (a leading
apostrophe before ``= + - @``) is read without the apostrophe.

Only the file's form is checked here; :mod:`crmselect.scoresreader` checks the records against
the project and the scoring rules.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from crmselect.errors import Amount, CrmselectError, Issue
from crmselect.errors import msg as t
from crmselect.loading import describe
from crmselect.model import ConsensusRecord, DemoMark, ScoreRecord, ScoresFile
from crmselect.oserrors import os_reason
from crmselect.scoringsheetlayout import is_sheet_header
from crmselect.typedvalues import parse_day_first, parse_number, trimmed, typed_percent

CSV_COLUMNS = ("kind", "evaluator", "vendor", "target", "score", "note", "at", "flags")
CSV_REQUIRED = ("evaluator", "vendor", "target", "score", "note")
CSV_KINDS = ("score", "demo", "consensus")
#: The kind of the one row that carries the weights' fingerprint (in its note cell): a CSV has
#: no place for a file-level value, and a ``#`` comment line is no CSV (a spreadsheet would
#: show it as a record, or drop it).
FINGERPRINT_KIND = "weights_fingerprint"


def unguard(text: str) -> str:
    """Undo :func:`safe_cell`'s apostrophe before a formula character."""
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@\t\r":
        return text[1:]
    return text


#: Section of a ScoresFile → line of each of its records in a CSV file.
CsvLines = dict[str, list[int]]


def _at(text: str) -> str | None:
    """``23.02.2027 13:34`` (what Excel makes of a time typed in a Turkish sheet) →
    ``2027-02-23T13:34:00``; anything else as it is, for the model to judge (so that
    ``30.02.2027`` is reported as the user wrote it)."""
    moment = parse_day_first(text)
    return moment.isoformat() if moment else (text or None)


def csv_record(values: dict[str, str]
               ) -> tuple[str, ScoreRecord | DemoMark | ConsensusRecord]:
    """The record a CSV row describes, by its kind; pydantic's ValidationError when invalid."""
    kind = values.get("kind", "") or "score"
    at = _at(values.get("at", ""))
    if kind == "demo":
        scenario, _, requirement = values["target"].partition("/")
        return "demo", DemoMark.model_validate({
            "evaluator": values["evaluator"], "vendor": values["vendor"], "scenario": scenario,
            "requirement": requirement, "shown": values["note"]})
    score: object = values["score"]
    typed = values["score"]  # "%80" or "4%": no score, whatever number it holds
    number = parse_number(typed, "tr") if typed and not typed_percent(typed) else None
    if number is not None:  # a decimal point or (as Turkish writes it) comma: 4.5 or 4,5
        score = int(number) if number.is_integer() else number
    if kind == "consensus":
        return "consensus", ConsensusRecord.model_validate({
            "vendor": values["vendor"], "target": values["target"], "score": score,
            "reason": values["note"], "by": values["evaluator"] or None, "at": at})
    flags = values.get("flags", "").replace(",", " ").split()
    return "scores", ScoreRecord.model_validate({
        "evaluator": values["evaluator"], "vendor": values["vendor"],
        "target": values["target"], "score": score, "note": values["note"], "at": at,
        "flags": flags or None})


#: Kind of row → the columns it has no use for: a value there would be dropped unseen (a score's
#: flags on a consensus row, a score on a test-drive mark), so it is refused instead.
UNUSED_COLUMNS = {"demo": ("score", "at", "flags"), "consensus": ("flags",)}


def unused_cells(values: dict[str, str]) -> list[tuple[str, str]]:
    """(column, value) of each non-empty cell of a row that its kind does not read."""
    kind = values.get("kind", "")
    return [(column, values[column]) for column in UNUSED_COLUMNS.get(kind, ())
            if values.get(column, "").strip()]


#: Field of a demo mark or consensus record → the CSV column it came from.
CSV_COLUMN_OF = {"scenario": "target", "requirement": "target", "shown": "note",
                  "reason": "note", "by": "evaluator"}


def _delimiter(text: str) -> str:
    """The cell separator of a CSV text, from its header line: ``,``, or the ``;`` (or tab)
    that spreadsheets write where the decimal separator is a comma, as in Turkish Excel."""
    header = _first_line(text)
    counts = {sep: header.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] > counts[","] else ","


#: The largest scores CSV read. Why this size: the largest evaluation the tool is built for
#: (issue 15: 1,000 requirements × 30 vendors × 15 evaluators, 459,900 records) is a 25 MB
#: file with ids as long as the bundled ones and a few notes; 100 MB leaves room for four times
#: as many records or long notes on every one, and is read in seconds into about 10 bytes a
#: record. A larger file is a mistake (a wrong file, a log, an export of something else), and
#: it would be held whole in memory (its bytes and its text) before a row is read.
MAX_CSV_BYTES = 100 * 1024 * 1024


def _first_line(text: str) -> str:
    """The text up to its first ``\n`` (without copying the rest, as ``split`` would)."""
    end = text.find("\n")
    return text if end < 0 else text[:end]


def _csv_text(path: Path) -> str:
    """The text of a CSV file: UTF-8 (with or without BOM), UTF-16 with its BOM (Excel's
    "Unicode text"), or Windows-1254 (Turkish Excel's plain "CSV"), whose bytes a UTF-8 file
    never has; anything else is refused with how to save it. At most :data:`MAX_CSV_BYTES`."""
    try:
        with path.open("rb") as handle:  # no more than the limit, even if the file grows
            raw = handle.read(MAX_CSV_BYTES + 1)
    except OSError as exc:
        raise CrmselectError(Issue(file=str(path), message=t(
            "yaml_unreadable", error=os_reason(exc)))) from None
    if len(raw) > MAX_CSV_BYTES:
        raise CrmselectError(Issue(file=str(path), message=t(
            "csv_too_big", limit=MAX_CSV_BYTES // (1024 * 1024))))
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "cp1254")
    for encoding in encodings:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:  # UTF-16 without a BOM, or a binary file
            return text
    raise CrmselectError(Issue(file=str(path), message=t("core_not_utf8_csv")))


def _rows(reader: Any, path: Path, issues: list[Issue]) -> Iterator[list[str]]:
    """The rows of ``reader``; a row the csv module cannot read ends the file with an issue at
    the line where that row starts (a header that cannot be read raises)."""
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            key = ("csv_quote" if "end of data" in str(exc) or "expected after" in str(exc)
                   else "csv_field_too_long" if "field limit" in str(exc) else "csv_unreadable")
            issue = Issue(file=str(path), line=start, message=t(
                key, problem=exc, n=Amount(csv.field_size_limit())))
            if reader.line_num <= 1 or start == 1:
                raise CrmselectError(issue) from None
            issues.append(issue)
            return
        yield row
        start = reader.line_num + 1


#: A line of text with its end (``\r\n``, ``\r`` or ``\n``), or the last line without one.
_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")


def lines(text: str) -> Iterator[str]:
    """The lines of ``text`` as ``io.StringIO(text, newline="")`` gives them (what the csv
    module asks for), made one at a time: a StringIO holds a copy of a large file's text at
    four bytes a character (measured: +70 MB for a 25 MB scores file)."""
    return (match.group() for match in _LINE.finditer(text))


def open_rows(path: Path) -> tuple[Any, list[str], list[str], str]:
    """A reader of ``path`` after its header line, the header's cells, its column names and
    the separator; a file that cannot be read or has a wrong header raises
    :class:`CrmselectError`."""
    text = _csv_text(path)
    first = _first_line(text).strip()
    # "sep=;" on the first line: the separator hint Excel reads (and some tools write)
    hinted = first[4] if len(first) == 5 and first.lower().startswith("sep=") else ""
    sep = hinted or _delimiter(text)
    # strict: a quote never closed is an error, not the rest of the file read into one note
    reader = csv.reader(lines(text), delimiter=sep, strict=True)
    if hinted:
        next(reader)
    header = next(_rows(reader, path, []), None)
    at = reader.line_num or 1
    issues: list[Issue] = []
    expected = ",".join(CSV_REQUIRED)
    if header is None:
        raise CrmselectError(Issue(file=str(path), line=at, message=t(
            "csv_missing_columns", names=", ".join(CSV_REQUIRED), count=len(CSV_REQUIRED),
            expected=expected)))
    names = [h.strip().lower() for h in header]
    while names and not names[-1]:  # Excel writes ";;" for columns once used, now empty
        names.pop()
    missing = [c for c in CSV_REQUIRED if c not in names]
    if missing and is_sheet_header(names):  # one line, not two about every column
        raise CrmselectError(Issue(file=str(path), line=at, message=t(
            "scores_csv_scoring_sheet"), hint=t("scores_csv_use_sheet")),
            what="scores_not_imported")
    unknown = [h for h in names if h not in CSV_COLUMNS]
    twice = sorted({h for h in names if h and names.count(h) > 1})
    if missing:
        issues.append(Issue(file=str(path), line=at, message=t(
            "csv_missing_columns", names=", ".join(missing), count=len(missing),
            expected=expected)))
    if unknown:
        issues.append(Issue(file=str(path), line=at, message=t(
            "csv_unknown_columns", names=", ".join(unknown), count=len(unknown),
            expected=expected)))
    if twice:  # which of two 'score' columns is meant? neither is guessed
        issues.append(Issue(file=str(path), line=at, message=t(
            "csv_columns_twice", names=", ".join(twice), count=len(twice))))
    if issues:
        raise CrmselectError(issues, what="scores_not_imported")
    return reader, header, names, sep


def read_csv_rows(path: Path) -> tuple[ScoresFile, CsvLines, list[Issue]]:
    """The valid rows of a CSV file with their lines, and the problems of the others.

    A file that cannot be read or has a wrong header raises :class:`CrmselectError`.
    """
    reader, header, names, sep = open_rows(path)
    issues: list[Issue] = []
    sections: dict[str, list] = {"scores": [], "demo": [], "consensus": []}
    lines: CsvLines = {name: [] for name in sections}
    fingerprint: tuple[str, int] | None = None  # and its line
    line = reader.line_num + 1
    for row in _rows(reader, path, issues):
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        used = len(row)
        while len(header) >= used > len(names) and not row[used - 1].strip():
            used -= 1  # empty cells under the header's empty trailing columns
        if used > len(names):
            issues.append(Issue(file=str(path), line=start, message=t(
                "csv_cells", n=used, m=len(names), sep=sep)))
            continue
        values = {name: unguard(trimmed(row[i])) if i < len(row) else ""
                  for i, name in enumerate(names)}
        if values.get("kind", "") == FINGERPRINT_KIND:
            if not values.get("note"):
                issues.append(Issue(file=str(path), line=start, where="note",
                                    message=t("scores_csv_fingerprint_empty")))
            elif fingerprint is not None:
                issues.append(Issue(file=str(path), line=start, where="kind", message=t(
                    "scores_csv_fingerprint_twice", line=fingerprint[1])))
            else:
                fingerprint = (values["note"], start)
            continue
        if values.get("kind", "") not in ("", *CSV_KINDS):
            issues.append(Issue(file=str(path), line=start, where="kind", message=t(
                "load_not_one_of", value=repr(values["kind"]),
                choices=", ".join(CSV_KINDS))))
            continue
        unused = unused_cells(values)
        for column, value in unused:
            issues.append(Issue(file=str(path), line=start, where=column, message=t(
                "scores_csv_cell_unused", value=repr(value), kind=values["kind"],
                column=column)))
        if unused:
            continue
        try:
            section, record = csv_record(values)
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                field = str(error["loc"][0]) if error["loc"] else ""
                message, hint = describe(error)
                typed = error.get("input")
                if field == "score" and isinstance(typed, str) and typed_percent(typed):
                    hint = t("score_not_percentage")
                elif field == "score" and isinstance(typed, str) and "," in typed:
                    hint = t("kpi_decimal_dot")
                issues.append(Issue(file=str(path), line=start,
                                    where=CSV_COLUMN_OF.get(field, field), message=message,
                                    hint=hint))
            continue
        sections[section].append(record)
        lines[section].append(start)
    return (ScoresFile(weights_fingerprint=fingerprint[0] if fingerprint else None, **sections),
            lines, issues)

