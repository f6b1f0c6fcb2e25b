"""Direct weights an AHP matrix of the same level replaces: ``weights.criteria`` beside
``weights.ahp.criteria`` (and ``areas``, ``groups``).

Why: ``crmselect init`` writes ``criteria:`` (and ``areas:``) filled and the ``ahp:`` matrix
commented as the alternative; a consultant who uncomments the matrix keeps both, and the
scores follow the matrix while project.yaml still shows the direct weights. ``validate`` says
so at the line of the unused weights. A warning, not an error: the project still validates.
"""

from __future__ import annotations

from crmselect.errors import Issue, msg
from crmselect.project import PROJECT_FILE, LoadedProject
from crmselect.yamlfile import read_document

#: The levels that can be weighted directly or by an AHP matrix.
LEVELS = ("criteria", "areas", "groups")


def unused_weight_issues(lp: LoadedProject) -> list[Issue]:
    """One issue per level whose direct weights are written in project.yaml while
    ``weights.ahp`` has a matrix for it, at the line and column of the direct weights."""
    weights = lp.project.weights
    written = weights.model_fields_set  # not the defaults of a line left out
    levels = [level for level in LEVELS if level in weights.ahp and level in written]
    if not levels:
        return []
    doc = read_document(lp.root / PROJECT_FILE)  # positions only when there is a warning
    return [doc.issue(("weights", level), msg("weights_unused_beside_ahp", level=level))
            for level in levels]
