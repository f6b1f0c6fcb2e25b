"""Evaluator scores in and out of a project folder, as YAML or CSV.

So that scoring works offline and without the server: a facilitator exports the scores, an
evaluator fills in a CSV in a spreadsheet, and the result is imported back into
``scores.yaml``. An import is validated in full first (every row, against the project) and
never silently replaces a different score already there.

CSV columns: ``kind,evaluator,vendor,target,score,note,at``, one row per record. ``kind`` is
``score`` (the default when the column or cell is empty), ``demo`` (target
``SCENARIO/REQUIREMENT``, the note says ``live``, ``slides`` or ``not_shown``) or ``consensus``
(the evaluator column names who recorded it, the note is the reason). An evaluator filling in
scores needs only ``evaluator,vendor,target,score,note``. The web form's download is the same
format. Text cells are written formula-safe: a cell starting with ``= + - @`` gets a leading
apostrophe, which the import removes again.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from crmselect.atomicfile import write_text_atomic
from crmselect.errors import Amount, CrmselectError, Issue
from crmselect.errors import msg as t
from crmselect.loading import describe, load_file
from crmselect.model import ConsensusRecord, DemoMark, ScoreRecord, ScoresFile
from crmselect.project import SCORES_FILE, LoadedProject, check_scores
from crmselect.scoring.weights import weights_fingerprint
from crmselect.textsafety import safe_cell
from crmselect.typedvalues import parse_day_first, parse_number

CSV_COLUMNS = ("kind", "evaluator", "vendor", "target", "score", "note", "at")
CSV_REQUIRED = ("evaluator", "vendor", "target", "score", "note")
CSV_KINDS = ("score", "demo", "consensus")
YAML_SUFFIXES = (".yaml", ".yml")
SCHEMA_LINE = "# yaml-language-server: $schema=schemas/scores.schema.json\n"


def file_kind(path: Path, lang: str = "en") -> str:
    """``yaml`` or ``csv`` from the file's extension, or :class:`CrmselectError`."""
    suffix = path.suffix.lower()
    if suffix in YAML_SUFFIXES:
        return "yaml"
    if suffix == ".csv":
        return "csv"
    raise CrmselectError(Issue(file=str(path), message=t("scores_bad_extension",
                                                           file=path.name)))


def to_yaml(scores: ScoresFile) -> str:
    """``scores.yaml`` text that :func:`crmselect.project.load_project` reads back."""
    data = scores.model_dump(mode="json", exclude_none=True)
    for record in data.get("scores", []):
        if not record.get("note"):
            record.pop("note", None)
    return SCHEMA_LINE + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def to_csv(scores: ScoresFile) -> str:
    """Every record as CSV, one row each (see the module docstring), formula-safe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)

    def row(*cells: object) -> None:
        writer.writerow([safe_cell(c) for c in cells])

    for s in scores.scores:
        row("score", s.evaluator, s.vendor, s.target, f"{s.score:g}", s.note,
            s.at.isoformat() if s.at else "")
    for m in scores.demo:
        row("demo", m.evaluator, m.vendor, f"{m.scenario}/{m.requirement}", "", m.shown, "")
    for c in scores.consensus:
        row("consensus", c.by or "", c.vendor, c.target, f"{c.score:g}", c.reason,
            c.at.isoformat() if c.at else "")
    return out.getvalue()


def _unguard(text: str) -> str:
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


def _csv_record(values: dict[str, str]) -> tuple[str, ScoreRecord | DemoMark | ConsensusRecord]:
    """The record a CSV row describes, by its kind; pydantic's ValidationError when invalid."""
    kind = values.get("kind", "") or "score"
    at = _at(values.get("at", ""))
    if kind == "demo":
        scenario, _, requirement = values["target"].partition("/")
        return "demo", DemoMark.model_validate({
            "evaluator": values["evaluator"], "vendor": values["vendor"], "scenario": scenario,
            "requirement": requirement, "shown": values["note"]})
    score: object = values["score"]
    number = parse_number(values["score"], "tr") if values["score"] else None
    if number is not None:  # a decimal point or (as Turkish writes it) comma: 4.5 or 4,5
        score = int(number) if number.is_integer() else number
    if kind == "consensus":
        return "consensus", ConsensusRecord.model_validate({
            "vendor": values["vendor"], "target": values["target"], "score": score,
            "reason": values["note"], "by": values["evaluator"] or None, "at": at})
    return "scores", ScoreRecord.model_validate({
        "evaluator": values["evaluator"], "vendor": values["vendor"],
        "target": values["target"], "score": score, "note": values["note"], "at": at})


#: Field of a demo mark or consensus record → the CSV column it came from.
_CSV_COLUMN_OF = {"scenario": "target", "requirement": "target", "shown": "note",
                  "reason": "note", "by": "evaluator"}


def _delimiter(text: str) -> str:
    """The cell separator of a CSV text, from its header line: ``,``, or the ``;`` (or tab)
    that spreadsheets write where the decimal separator is a comma, as in Turkish Excel."""
    header = text.split("\n", 1)[0]
    counts = {sep: header.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] > counts[","] else ","


def _csv_text(path: Path) -> str:
    """The text of a CSV file: UTF-8 (with or without BOM), UTF-16 with its BOM (Excel's
    "Unicode text"), or Windows-1254 (Turkish Excel's plain "CSV"), whose bytes a UTF-8 file
    never has; anything else is refused with how to save it."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CrmselectError(Issue(file=str(path), message=exc.strerror or str(exc))) from None
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


def _rows(reader: Any, path: Path, issues: list[Issue], lang: str) -> Iterator[list[str]]:
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
                key, lang, problem=exc, n=Amount(csv.field_size_limit())))
            if reader.line_num <= 1 or start == 1:
                raise CrmselectError(issue) from None
            issues.append(issue)
            return
        yield row
        start = reader.line_num + 1


def read_csv_rows(path: Path, lang: str = "en") -> tuple[ScoresFile, CsvLines, list[Issue]]:
    """The valid rows of a CSV file with their lines, and the problems of the others.

    A file that cannot be read or has a wrong header raises :class:`CrmselectError`.
    """
    text = _csv_text(path)
    first = text.split("\n", 1)[0].strip()
    # "sep=;" on the first line: the separator hint Excel reads (and some tools write)
    hinted = first[4] if len(first) == 5 and first.lower().startswith("sep=") else ""
    sep = hinted or _delimiter(text)
    # strict: a quote never closed is an error, not the rest of the file read into one note
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    if hinted:
        next(reader)
    header = next(_rows(reader, path, [], lang), None)
    at = reader.line_num or 1
    issues: list[Issue] = []
    expected = ",".join(CSV_REQUIRED)
    if header is None:
        raise CrmselectError(Issue(file=str(path), line=at, message=t(
            "csv_missing_columns", lang, names=", ".join(CSV_REQUIRED), count=len(CSV_REQUIRED),
            expected=expected)))
    names = [h.strip().lower() for h in header]
    missing = [c for c in CSV_REQUIRED if c not in names]
    unknown = [h for h in names if h not in CSV_COLUMNS]
    twice = sorted({h for h in names if h and names.count(h) > 1})
    if missing:
        issues.append(Issue(file=str(path), line=at, message=t(
            "csv_missing_columns", lang, names=", ".join(missing), count=len(missing),
            expected=expected)))
    if unknown:
        issues.append(Issue(file=str(path), line=at, message=t(
            "csv_unknown_columns", lang, names=", ".join(unknown), count=len(unknown),
            expected=expected)))
    if twice:  # which of two 'score' columns is meant? neither is guessed
        issues.append(Issue(file=str(path), line=at, message=t(
            "csv_columns_twice", lang, names=", ".join(twice), count=len(twice))))
    if issues:
        raise CrmselectError(issues, what="scores_not_imported")
    sections: dict[str, list] = {"scores": [], "demo": [], "consensus": []}
    lines: CsvLines = {name: [] for name in sections}
    line = reader.line_num + 1
    for row in _rows(reader, path, issues, lang):
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(names):
            issues.append(Issue(file=str(path), line=start, message=t(
                "csv_cells", lang, n=len(row), m=len(names), sep=sep)))
            continue
        values = {name: _unguard(row[i].strip()) if i < len(row) else ""
                  for i, name in enumerate(names)}
        if values.get("kind", "") not in ("", *CSV_KINDS):
            issues.append(Issue(file=str(path), line=start, where="kind", message=t(
                "load_not_one_of", lang, value=repr(values["kind"]),
                choices=", ".join(CSV_KINDS))))
            continue
        try:
            section, record = _csv_record(values)
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                field = str(error["loc"][0]) if error["loc"] else ""
                message, hint = describe(error)
                if field == "score" and isinstance(error.get("input"), str) and "," in str(
                        error["input"]):
                    hint = t("kpi_decimal_dot")
                issues.append(Issue(file=str(path), line=start,
                                    where=_CSV_COLUMN_OF.get(field, field), message=message,
                                    hint=hint))
            continue
        sections[section].append(record)
        lines[section].append(start)
    return ScoresFile(**sections), lines, issues


def read_scores(path: Path, lp: LoadedProject, lang: str = "en") -> ScoresFile:
    """Read a YAML or CSV scores file and check it against the project.

    Raises :class:`CrmselectError` with every problem, each at its line: unknown evaluators,
    vendors, requirements or scenario steps, scores outside 0–5, a record given twice.
    """
    path = Path(path)
    if file_kind(path, lang) == "yaml":
        if not path.is_file():
            raise CrmselectError(Issue(file=str(path), message=t("yaml_no_file")))
        scores, doc = load_file(path, ScoresFile)
        issues = check_scores(lp, scores, doc)
        lines = [doc.position(("scores", i))[0] for i in range(len(scores.scores))]
    else:
        if not path.is_file():
            raise CrmselectError(Issue(file=str(path), message=t("yaml_no_file")))
        # the valid rows are checked against the project too: a bad score on one line does
        # not hide an unknown evaluator on the next
        scores, csv_lines, issues = read_csv_rows(path, lang)
        lines = csv_lines["scores"]
        issues += [_at_row(i, path, csv_lines) for i in check_scores(lp, scores, None)]
    seen: dict[tuple[str, str, str], int] = {}
    for i, rec in enumerate(scores.scores):
        key = (rec.evaluator, rec.vendor, rec.target)
        if key in seen:
            issues.append(Issue(file=str(path), line=lines[i], message=t(
                "csv_duplicate", lang, line=seen[key])))
        else:
            seen[key] = lines[i]
    if issues:
        raise CrmselectError(sorted(issues, key=lambda i: (i.line, i.column)),
                             what="scores_not_imported")
    return scores


def _at_row(issue: Issue, path: Path, lines: CsvLines) -> Issue:
    """An issue located as ``<section>.<i>.<field>`` moved to the CSV row's line."""
    parts = issue.where.split(".")
    if len(parts) == 3 and parts[0] in lines and parts[1].isdigit():
        return Issue(file=str(path), line=lines[parts[0]][int(parts[1])],
                     where=_CSV_COLUMN_OF.get(parts[2], parts[2]), message=issue.message,
                     hint=issue.hint)
    return Issue(file=str(path), where=issue.where, message=issue.message, hint=issue.hint)


@dataclass(frozen=True)
class MergeResult:
    scores: ScoresFile
    added: int
    updated: int
    unchanged: int


def merge_scores(existing: ScoresFile, incoming: ScoresFile, force: bool = False,
                 source: str = "", lang: str = "en") -> MergeResult:
    """Merge imported records into the existing ones.

    A record for an (evaluator, vendor, target) already present with the same score and note
    is unchanged; with a different one it is a conflict, raised as :class:`CrmselectError`
    unless ``force`` (then the import wins). Test-drive marks and consensus records merge the
    same way on their own keys.
    """
    conflicts: list[Issue] = []
    added = updated = unchanged = 0

    def merge(old: list, new: list, key: Callable, same: Callable, describe_old: Callable
              ) -> list:
        nonlocal added, updated, unchanged
        merged = {key(r): r for r in old}
        for r in new:
            k = key(r)
            before = merged.get(k)
            if before is None:
                added += 1
            elif same(before, r):
                unchanged += 1
                continue
            elif force:
                updated += 1
            else:
                conflicts.append(Issue(file=source, where=" › ".join(k), message=t(
                    "scores_conflict", lang, old=describe_old(before), new=describe_old(r)),
                    hint=t("scores_conflict_hint")))
                continue
            merged[k] = r
        return list(merged.values())

    scores = merge(existing.scores, incoming.scores,
                   lambda r: (r.evaluator, r.vendor, r.target),
                   lambda a, b: a.score == b.score and a.note == b.note,
                   lambda r: f"{r.score:g}" + (f" ({r.note})" if r.note else ""))
    demo: list[DemoMark] = merge(existing.demo, incoming.demo,
                                 lambda r: (r.evaluator, r.vendor, r.scenario, r.requirement),
                                 lambda a, b: a.shown == b.shown, lambda r: r.shown)
    consensus: list[ConsensusRecord] = merge(
        existing.consensus, incoming.consensus, lambda r: (r.vendor, r.target),
        lambda a, b: a.score == b.score and a.reason == b.reason,
        lambda r: f"{r.score:g} ({r.reason})")
    if conflicts:
        raise CrmselectError(conflicts, what="scores_not_imported")
    return MergeResult(
        ScoresFile(weights_fingerprint=existing.weights_fingerprint
                   or incoming.weights_fingerprint, scores=scores, demo=demo,
                   consensus=consensus),
        added, updated, unchanged)


def import_scores(lp: LoadedProject, path: Path, force: bool = False,
                  lang: str = "en") -> MergeResult:
    """Validate ``path``, merge it into the project's scores and write ``scores.yaml``."""
    incoming = read_scores(path, lp, lang)
    result = merge_scores(lp.scores, incoming, force=force, source=str(path), lang=lang)
    if not (result.added or result.updated) and (lp.root / SCORES_FILE).is_file():
        return result  # nothing new: the file keeps its comments and layout
    if result.scores.weights_fingerprint is None:
        # The first scores arrive now: remember the weights they were given under.
        scores = result.scores.model_copy(update={"weights_fingerprint": weights_fingerprint(lp)})
        result = replace(result, scores=scores)
    write_text_atomic(lp.root / SCORES_FILE, to_yaml(result.scores))
    return result


def export_scores(scores: ScoresFile, path: Path, lang: str = "en", force: bool = False) -> None:
    """Write the scores to ``path`` as YAML or CSV, by its extension.

    A file that exists with other content is not replaced without ``force``: export and import
    are easily swapped, and an evaluator's filled-in CSV would be gone.
    """
    text = to_yaml(scores) if file_kind(path, lang) == "yaml" else to_csv(scores)
    if not force and path.is_file():
        try:
            same = path.read_bytes() == text.encode("utf-8")
        except OSError:
            same = False
        if not same:
            raise CrmselectError(Issue(file=str(path), message=t("scores_export_exists"),
                                       hint=t("import_force")))
    write_text_atomic(path, text)
