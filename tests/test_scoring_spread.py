"""One spread computation (crmselect/scoring/spread.py) for the engine and the consensus page:
who disagrees on a cell, read from the same figures, so a pair that ``crmselect score`` lists is
on the meeting's list too.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from crmselect.evaluationdb import consensus
from crmselect.scoring.spread import cell_spreads, disagreeing


def _rows(*scores: tuple[str, str, str, float]) -> list[SimpleNamespace]:
    return [SimpleNamespace(evaluator_id=e, vendor_id=v, target=t, score=s, note="")
            for e, v, t, s in scores]


def test_the_consensus_page_and_the_engine_flag_the_same_pairs() -> None:
    """4.3 − 2.3 is 1.9999999999999996: the engine counted it as a spread of 2, the consensus
    page did not, so a pair listed by `crmselect score` was missing from the meeting."""
    rows = _rows(("ayse", "odoo", "OPS-SFA-001", 4.3), ("mehmet", "odoo", "OPS-SFA-001", 2.3),
                 ("ayse", "odoo", "OPS-SFA-002", 4.0), ("mehmet", "odoo", "OPS-SFA-002", 3.0),
                 ("ayse", "crm", "OPS-SFA-001", 5.0))
    found = consensus.disagreements(rows, 2)
    assert [(d.vendor, d.target, d.scorers) for d in found] == [("odoo", "OPS-SFA-001", 2)]
    assert found[0].spread == pytest.approx(2.0)
    count, spread = cell_spreads([0, 0, 1, 1, 2], [4.3, 2.3, 4.0, 3.0, 5.0], 4)
    assert count.tolist() == [2, 2, 1, 0]
    assert disagreeing(count, spread, 2).tolist() == [True, False, False, False]
    assert disagreeing(count, spread, 1).tolist() == [True, True, False, False]


def test_cell_spreads_of_unsorted_cells() -> None:
    count, spread = cell_spreads(np.array([1, 0, 1, 0]), np.array([1.0, 2.0, 4.0, 2.5]), 2)
    assert count.tolist() == [2, 2]
    assert spread.tolist() == pytest.approx([0.5, 3.0])
