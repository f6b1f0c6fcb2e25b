"""The evaluation database as a :class:`~crmselect.model.ScoresFile`, and as YAML or CSV.

The ScoresFile is what the scoring engine reads, so the web results and ``crmselect score``
on an exported ``scores.yaml`` give the same numbers.
"""

from __future__ import annotations

import csv
import io

import yaml
from sqlalchemy.orm import Session

from crmselect.evaluationdb import consensus, scores, settings
from crmselect.model import ConsensusRecord, DemoMark, ScoreRecord, ScoresFile
from crmselect.textsafety import safe_cell

CSV_COLUMNS = ("kind", "evaluator", "vendor", "target", "score", "note", "at")


def scores_file(session: Session) -> ScoresFile:
    """Every score, test-drive mark and consensus record of the evaluation."""
    return ScoresFile(
        weights_fingerprint=settings.weights_fingerprint(session),
        scores=[
            ScoreRecord(evaluator=s.evaluator_id, vendor=s.vendor_id, target=s.target,
                        score=s.score, note=s.note, at=s.updated_at)
            for s in scores.scores(session)
        ],
        demo=[
            DemoMark(evaluator=m.evaluator_id, vendor=m.vendor_id, scenario=m.scenario_id,
                     requirement=m.requirement_id, shown=m.shown)  # type: ignore[arg-type]
            for m in scores.demo_marks(session)
        ],
        consensus=[
            ConsensusRecord(vendor=c.vendor_id, target=c.target, score=c.score,
                            reason=c.reason, by=c.by, at=c.at)
            for c in consensus.all_records(session)
        ],
    )


def to_yaml(file: ScoresFile) -> str:
    """``scores.yaml`` text that ``load_project`` reads back."""
    header = "# yaml-language-server: $schema=schemas/scores.schema.json\n"
    data = file.model_dump(mode="json", exclude_none=True)
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def to_csv(file: ScoresFile) -> str:
    """One row per score, test-drive mark and consensus record; cells are formula-safe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for s in file.scores:
        writer.writerow([safe_cell(v) for v in (
            "score", s.evaluator, s.vendor, s.target, s.score, s.note,
            s.at.isoformat() if s.at else "")])
    for m in file.demo:
        writer.writerow([safe_cell(v) for v in (
            "demo", m.evaluator, m.vendor, f"{m.scenario}/{m.requirement}", "", m.shown, "")])
    for c in file.consensus:
        writer.writerow([safe_cell(v) for v in (
            "consensus", c.by or "", c.vendor, c.target, c.score, c.reason,
            c.at.isoformat() if c.at else "")])
    return out.getvalue()
