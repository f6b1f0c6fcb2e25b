"""The web app's door to the scoring engine: the same functions ``crmselect score`` calls.

Why a module of its own: the results page must show exactly the numbers of the CLI, so the web
app never computes a score itself; it builds a :class:`~crmselect.model.ScoresFile` from the
database and hands it to :func:`crmselect.scoring.evaluate_project`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crmselect.model import ScoresFile
from crmselect.project import LoadedProject

if TYPE_CHECKING:
    from crmselect.scoring import Evaluation


def weights_fingerprint(loaded: LoadedProject) -> str:
    """The fingerprint of the project's weights (kept when scoring begins)."""
    from crmselect.scoring.weights import weights_fingerprint as fingerprint

    return fingerprint(loaded)


def evaluate(loaded: LoadedProject, scores: ScoresFile) -> Evaluation:
    """Score the project with the evaluation database's scores."""
    from crmselect.scoring import evaluate_project

    return evaluate_project(loaded, scores=scores)
