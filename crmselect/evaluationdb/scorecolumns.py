"""The evaluation database's records for scoring, read as columns and checked.

``crmselect score --from-db`` ranks on the database's scores directly: one query into arrays
(:func:`crmselect.evaluationdb.scores.score_columns`), checked by the one reader's rules
(:func:`crmselect.scorechecks.check_columns`, the same problems and messages as ``scores
pull``), without a Python object per score record.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from crmselect.errors import CrmselectError, Issue
from crmselect.evaluationdb import consensus, settings
from crmselect.evaluationdb.engine import Database, display_url, sqlite_file
from crmselect.evaluationdb.scores import demo_marks, score_columns
from crmselect.model import ConsensusRecord, DemoMark
from crmselect.project import LoadedProject
from crmselect.scorechecks import KEYS, Row, Source, check_columns
from crmselect.scorecolumns import ColumnScores


def read_columns(db: Database, lp: LoadedProject, lang: str = "en") -> ColumnScores:
    """Every score, test-drive mark and consensus record of ``db``, checked against ``lp``;
    every problem is raised together (as ``scores pull`` names them, by record)."""
    with db.read() as session:
        columns = score_columns(session)
        demo = [DemoMark(evaluator=m.evaluator_id, vendor=m.vendor_id, scenario=m.scenario_id,
                         requirement=m.requirement_id, shown=m.shown)  # type: ignore[arg-type]
                for m in demo_marks(session)]
        agreed = [ConsensusRecord(vendor=c.vendor_id, target=c.target, score=c.score,
                                  reason=c.reason, by=c.by, at=c.at)
                  for c in consensus.all_records(session)]
        fingerprint = settings.weights_fingerprint(session)
    scores = ColumnScores(columns, demo, agreed, fingerprint)
    file = sqlite_file(db.url)
    path = Path(file) if file is not None else Path(display_url(db.url))
    others = Source(path, [Row(section, i, 0, record, label=" › ".join(KEYS[section](record)))
                           for section, records in (("demo", demo), ("consensus", agreed))
                           for i, record in enumerate(records)], fingerprint)

    def place(i: int, where: str, message: Any, hint: Any) -> Issue:
        row = columns[i]
        label = " › ".join((row.evaluator, row.vendor, row.target))
        return Issue(file=str(path), where=" › ".join(filter(None, (label, where))),
                     message=message, hint=hint)

    problems = check_columns(scores, lp, place, others)
    if problems:
        raise CrmselectError(problems, what="nothing_scored")
    return scores
