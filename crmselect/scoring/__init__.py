"""The scoring engine: weights, knock-outs, evaluator scores, cost, ranking and sensitivity.

Pure functions over a loaded project and its scores; no files are read or written, and the
only randomness (Monte Carlo) is seeded. The plain-matrix methods (:func:`ahp`,
:func:`topsis`, :func:`weighted_sum`) also work on their own.

    >>> from crmselect.scoring import ahp
    >>> round(ahp([[1, 3], [1 / 3, 1]]).weights[0], 2)
    0.75
"""

from crmselect.scoring.ahp import AhpResult, InconsistentPair, ahp
from crmselect.scoring.evaluation import evaluate, evaluate_project
from crmselect.scoring.mcda import topsis, weighted_sum
from crmselect.scoring.results import Evaluation, ScoringWarning
from crmselect.scoring.weights import weights_fingerprint

__all__ = [
    "AhpResult",
    "Evaluation",
    "InconsistentPair",
    "ScoringWarning",
    "ahp",
    "evaluate",
    "evaluate_project",
    "topsis",
    "weighted_sum",
    "weights_fingerprint",
]
