"""Knock-out: a vendor scoring below the threshold on any *must* requirement fails.

A vendor that fails is still shown and scored, but flagged and ranked after every vendor
that passes. The test uses the requirement's score before the unverified-claim discount:
Why: the discount expresses doubt about an unchecked claim and lowers its weight in the
total; it should not by itself disqualify a vendor whose declared answer meets the need.
"""

from __future__ import annotations

import numpy as np

from crmselect.project import LoadedProject
from crmselect.scoring.results import Failure
from crmselect.scoring.scores import SOURCE_NAMES, RequirementScores


def knockouts(lp: LoadedProject, scores: RequirementScores) -> dict[str, list[Failure]]:
    """Vendor → the must requirements it fails (an empty list when it passes)."""
    threshold = lp.project.scoring.knockout_threshold
    must = np.array([r.priority == "must" for r in lp.requirements.values()], dtype=bool)
    ids = list(lp.requirements)
    fails = (scores.base < threshold) & must[None, :]
    out: dict[str, list[Failure]] = {}
    for v, vendor in enumerate(lp.vendors):
        out[vendor] = [
            Failure(vendor, ids[r], float(scores.base[v, r]), threshold,
                    SOURCE_NAMES[scores.source[v, r]])
            for r in np.flatnonzero(fails[v])
        ]
    return out


def unmet_musts(lp: LoadedProject, scores: RequirementScores) -> list[str]:
    """Must requirements that no vendor meets (every vendor below the threshold)."""
    if not lp.vendors:
        return []
    threshold = lp.project.scoring.knockout_threshold
    ids = list(lp.requirements)
    failing_all = (scores.base < threshold).all(axis=0)
    return [ids[r] for r in np.flatnonzero(failing_all)
            if lp.requirements[ids[r]].priority == "must"]
