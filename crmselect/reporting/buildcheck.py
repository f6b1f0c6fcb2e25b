"""What ``validate`` checks beyond the files: that every document ``build`` writes can be worked
out. No document library is imported, and no document's content is worked out either.

Why only the evaluation: of what ``build`` computes for a project that loaded, only the
evaluation can refuse it (weights that leave nothing to rank on, a bid in a currency without a
rate, …). The document contexts (RFP, comparison, test-drive schedule, migration plan) raise no
user error of their own: they read the loaded project and the evaluation, and every date they
compute stays within the years the model allows (1990–2100, plus weeks). The one place a context
refuses an input is :func:`~crmselect.reporting.migration_context.resolve_vendor`, for a vendor
named on the command line that the project does not list, and ``build`` only passes it the
winner of the evaluation. Working the contexts out took a third of ``validate``'s time (the
plans' holiday calendars most of it); a test keeps the list of the places in the reporting layer
that raise, so that a new one is checked here too.
"""

from __future__ import annotations

import datetime as dt

from crmselect.project import LoadedProject


def check_buildable(lp: LoadedProject, method: str | None = None,
                    today: dt.date | None = None) -> None:
    """Raise the :class:`~crmselect.errors.CrmselectError` that :func:`build_documents` would
    raise for ``lp``: its evaluation's, when there is something to rank (``today`` is accepted
    for the callers that pass it; no date the documents compute can fail)."""
    from crmselect.scoring.evaluation import evaluate_project, something_to_rank

    if lp.vendors and something_to_rank(lp):
        # No Monte Carlo samples: the check only proves the report can be written, and the
        # samples (the project's setting, 2,000 by default) would only cost time.
        evaluate_project(lp, method=method, monte_carlo_samples=0)
