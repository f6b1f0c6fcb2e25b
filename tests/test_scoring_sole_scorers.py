"""Who scored a cell alone, read a column at a time (issue 15, target 1). No test
measures time."""

from __future__ import annotations

import numpy as np
import pytest

from crmselect.project import load_project
from crmselect.scorecolumns import as_scores_file
from crmselect.scoring import scores as sc
from crmselect.scoring.hygiene import sole_scorers


def _reference(agg, scores):  # noqa: ANN001, ANN202
    """sole_scorers as it was: a record object per kept record."""
    sole = np.full(agg.count.shape, None, dtype=object)
    n_t = len(agg.targets)
    alone = (agg.count == 1).ravel()
    for v, target, i in zip(agg.rec_vendor.tolist(), agg.rec_target.tolist(),
                            agg.rec_keep.tolist(), strict=True):
        if alone[v * n_t + target]:
            sole[v, target] = scores.scores[i].evaluator
    return sole


@pytest.mark.parametrize("as_file", [False, True])
@pytest.mark.parametrize("keep", [None, 1, 0])
def test_sole_scorers_are_those_of_the_record_loop(sample_project, as_file, keep):
    loaded = load_project(sample_project)
    scores = as_scores_file(loaded.scores) if as_file else loaded.scores
    if keep is not None:  # one evaluator's records only (every scored cell alone), or none
        first = scores.scores[0].evaluator
        kept = [r for r in as_scores_file(scores).scores if (r.evaluator == first) == keep]
        scores = as_scores_file(scores).model_copy(update={"scores": kept})
    agg = sc.aggregate(loaded, scores, loaded.project.scoring.aggregation)
    got = sole_scorers(agg, scores)
    expected = _reference(agg, scores)
    assert got.shape == expected.shape and got.tolist() == expected.tolist()
    assert all(type(x) is str for x in got.ravel() if x is not None)
    if keep == 1:
        assert (got != None).sum() == (agg.count == 1).sum() > 0  # noqa: E711
