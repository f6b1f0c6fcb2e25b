"""Evaluator scores in and out of a project folder: import, export, merge.

So that scoring works offline and without the server: a facilitator exports the scores (or an
Excel scoring sheet, :mod:`crmselect.documents.scoring_sheet`), an evaluator fills them in, and
the result is imported back into the project's scores file (``scores.yaml``, or its
``scores.csv`` when the project keeps that one: :func:`project_scores_path`). An import is read
and checked in full by the one scores reader (:mod:`crmselect.scoresreader`) and never silently
replaces a different score already there. The CSV form is :mod:`crmselect.scorescsv`'s; text
cells are written formula-safe (a cell starting with ``= + - @`` gets a leading apostrophe,
which the import removes again).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from crmselect.atomicfile import write_text_atomic
from crmselect.errors import CrmselectError, Issue
from crmselect.errors import msg as t
from crmselect.model import ConsensusRecord, DemoMark, ScoresFile
from crmselect.project import SCORES_FILE, LoadedProject
from crmselect.scorechecks import KEYS, Source
from crmselect.scorecolumns import ColumnScores, as_scores_file
from crmselect.scorescsv import CSV_COLUMNS, FINGERPRINT_KIND
from crmselect.scorescsvcolumns import PROJECT_CSV
from crmselect.scoreslines import scores_text
from crmselect.scoresreader import file_kind, read_source
from crmselect.scoring.weights import weights_fingerprint
from crmselect.textsafety import safe_cell

SCHEMA_LINE = "# yaml-language-server: $schema=schemas/scores.schema.json\n"


def to_yaml(scores: ScoresFile) -> str:
    """``scores.yaml`` text that :func:`crmselect.project.load_project` reads back: one record
    a line (:mod:`crmselect.scoreslines`), the form read fastest and diffed a score a line."""
    return scores_text(scores, SCHEMA_LINE)


def to_csv(scores: ScoresFile) -> str:
    """Every record as CSV, one row each (see the module docstring), formula-safe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)

    def row(*cells: object) -> None:
        writer.writerow([safe_cell(c) for c in cells])

    if scores.weights_fingerprint:
        row(FINGERPRINT_KIND, "", "", "", "", scores.weights_fingerprint, "", "")
    for s in scores.scores:
        row("score", s.evaluator, s.vendor, s.target, f"{s.score:g}", s.note,
            s.at.isoformat() if s.at else "", " ".join(s.flags or ()))
    for m in scores.demo:
        row("demo", m.evaluator, m.vendor, f"{m.scenario}/{m.requirement}", "", m.shown, "", "")
    for c in scores.consensus:
        row("consensus", c.by or "", c.vendor, c.target, f"{c.score:g}", c.reason,
            c.at.isoformat() if c.at else "", "")
    return out.getvalue()


@dataclass(frozen=True)
class MergeResult:
    scores: ScoresFile
    added: int
    updated: int
    unchanged: int


def merge_scores(existing: ScoresFile | ColumnScores, incoming: ScoresFile, force: bool = False,
                 source: str = "", kept_in: str = SCORES_FILE,
                 located: Source | None = None) -> MergeResult:
    """Merge imported records into the existing ones.

    A record for an (evaluator, vendor, target) already present with the same score and note
    is unchanged; with a different one it is a conflict, raised as :class:`CrmselectError`
    unless ``force`` (then the import wins). Test-drive marks and consensus records merge the
    same way on their own keys. ``kept_in``: the name of the file the existing records are in
    (``scores.csv`` for a project that keeps them there), for the conflict's message.
    ``located``: the file ``incoming`` was read from, so that a conflict is told at the line
    or cell of the imported record.
    """
    existing = as_scores_file(existing)
    conflict = "scores_conflict_csv" if kept_in == PROJECT_CSV else "scores_conflict"
    conflicts: list[Issue] = []
    added = updated = unchanged = 0
    rows = {(row.section, KEYS[row.section](row.record)): row
            for row in (located.rows if located is not None else ())}

    def place(section: str, k: tuple[str, ...], field: str, message: Any) -> Issue:
        """The conflict of record ``k`` of ``section``: at its cell in a scoring sheet, at its
        line (and column) with its key in a CSV or YAML file; by its key alone otherwise."""
        label, hint = " › ".join(k), t("scores_conflict_hint")
        row = rows.get((section, k))
        if row is None or located is None:
            return Issue(file=source, where=label, message=message, hint=hint)
        if row.cells:
            return located.issue(row, field, message, hint)
        line, column = (located.doc.position((section, row.index, field))
                        if located.doc is not None else (row.line, 0))
        return Issue(file=source, line=line, column=column, where=label, message=message,
                     hint=hint)

    def merge(section: str, old: list, new: list, same: Callable, describe_old: Callable
              ) -> list:
        key = KEYS[section]
        field = "shown" if section == "demo" else "score"
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
                conflicts.append(place(section, k, field, t(
                    conflict, old=describe_old(before), new=describe_old(r))))
                continue
            merged[k] = r
        return list(merged.values())

    scores = merge("scores", existing.scores, incoming.scores,
                   lambda a, b: a.score == b.score and a.note == b.note,
                   lambda r: f"{r.score:g}" + (f" ({r.note})" if r.note else ""))
    demo: list[DemoMark] = merge("demo", existing.demo, incoming.demo,
                                 lambda a, b: a.shown == b.shown, lambda r: r.shown)
    consensus: list[ConsensusRecord] = merge(
        "consensus", existing.consensus, incoming.consensus,
        lambda a, b: a.score == b.score and a.reason == b.reason,
        lambda r: f"{r.score:g} ({r.reason})")
    if conflicts:
        raise CrmselectError(conflicts, what="scores_not_imported")
    return MergeResult(
        ScoresFile(weights_fingerprint=existing.weights_fingerprint
                   or incoming.weights_fingerprint, scores=scores, demo=demo,
                   consensus=consensus),
        added, updated, unchanged)


def project_scores_path(root: Path) -> Path:
    """The file a project keeps its scores in: its ``scores.csv`` when it has that one and no
    ``scores.yaml``, else ``scores.yaml`` (also for a project that has neither yet). Every
    command that writes the project's scores writes this one file, in its own form, so that a
    project never ends up with both (which its loader refuses)."""
    yaml_path = root / SCORES_FILE
    csv_path = root / PROJECT_CSV
    return csv_path if not yaml_path.exists() and csv_path.exists() else yaml_path


def write_project_scores(path: Path, scores: ScoresFile) -> None:
    """Write the project's scores file ``path`` (from :func:`project_scores_path`) atomically, as
    CSV or YAML by its name; a CSV's text cells formula-safe, as ``scores export`` writes."""
    write_text_atomic(path, to_csv(scores) if path.name == PROJECT_CSV else to_yaml(scores))


def import_scores(lp: LoadedProject, path: Path, force: bool = False) -> MergeResult:
    """Validate ``path``, merge it into the project's scores and write the project's scores
    file (``scores.yaml``, or ``scores.csv`` when its scores are kept there)."""
    located = read_source(path, lp)
    incoming = located.scores_file()
    target = project_scores_path(lp.root)
    result = merge_scores(lp.scores, incoming, force=force, source=str(path),
                          kept_in=target.name, located=located)
    if not (result.added or result.updated) and target.is_file():
        return result  # nothing new: the file keeps its comments and layout
    if result.scores.weights_fingerprint is None:
        # The first scores arrive now: remember the weights they were given under.
        scores = result.scores.model_copy(update={"weights_fingerprint": weights_fingerprint(lp)})
        result = replace(result, scores=scores)
    write_project_scores(target, result.scores)
    return result


def export_scores(scores: ScoresFile | ColumnScores, path: Path, lang: str = "en",
                  force: bool = False, root: Path | None = None) -> None:
    """Write the scores to ``path`` as YAML or CSV, by its extension.

    A file that exists with other content is not replaced without ``force``: export and import
    are easily swapped, and an evaluator's filled-in CSV would be gone. ``root``: the project's
    folder, into which no second scores file is written (see :func:`_second_scores_file`).
    """
    kind = file_kind(path, lang)
    if kind == "xlsx":  # an Excel sheet to fill in is `scores template`'s
        raise CrmselectError(Issue(file=str(path), message=t("scores_extension_yaml_csv")))
    if root is not None:
        _second_scores_file(root, path)
    scores = as_scores_file(scores)
    text = to_yaml(scores) if kind == "yaml" else to_csv(scores)
    if not force and path.is_file():
        try:
            same = path.read_bytes() == text.encode("utf-8")
        except OSError:
            same = False
        if not same:
            raise CrmselectError(Issue(file=str(path), message=t("scores_export_exists"),
                                       hint=t("import_force")))
    write_text_atomic(path, text)


def _second_scores_file(root: Path, path: Path) -> None:
    """Refuse ``path`` when it is the project's ``scores.csv`` beside its ``scores.yaml`` (or
    the other way round): with both, every command refuses the project ("the project has both
    scores.csv and scores.yaml") until one is removed."""
    kept = project_scores_path(root)
    if path.name not in (SCORES_FILE, PROJECT_CSV) or path.name == kept.name:
        return
    try:
        inside = path.resolve().parent == root.resolve()
    except (OSError, RuntimeError):
        return
    if inside:
        raise CrmselectError(Issue(file=str(path), message=t(
            "scores_export_second_file", kept=kept.name, name=path.name,
            suggestion=str(root / "out" / path.name))))
