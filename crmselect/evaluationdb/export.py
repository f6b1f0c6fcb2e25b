"""The evaluation database as a :class:`~crmselect.model.ScoresFile`, and as YAML or CSV.

The ScoresFile is what the scoring engine reads, so the web results and ``crmselect score``
on an exported ``scores.yaml`` give the same numbers.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from crmselect.evaluationdb import consensus, scores, settings
from crmselect.model import ConsensusRecord, DemoMark, ScoreRecord, ScoresFile
from crmselect.scoresio import to_csv, to_yaml

__all__ = ["scores_file", "to_csv", "to_yaml"]


def scores_file(session: Session) -> ScoresFile:
    """Every score, test-drive mark and consensus record of the evaluation.

    A score changed after the reveal, or given despite a declared interest that the
    facilitator allowed, carries that mark (``flags``) into the file.
    """
    rows = scores.scores(session)
    revealed = settings.revealed(session)
    marks = consensus.marks(session, rows, revealed.at if revealed else None)
    return ScoresFile(
        weights_fingerprint=settings.weights_fingerprint(session),
        scores=[
            ScoreRecord(evaluator=s.evaluator_id, vendor=s.vendor_id, target=s.target,
                        score=s.score, note=s.note, at=s.updated_at,
                        flags=list(marks[key]) if (key := (s.evaluator_id, s.vendor_id,
                                                           s.target)) in marks else None)
            for s in rows
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
