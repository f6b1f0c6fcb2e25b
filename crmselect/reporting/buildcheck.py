"""What ``validate`` checks beyond the files: that every document ``build`` writes can be worked
out. Only the document contexts are computed, so no document library is imported."""

from __future__ import annotations

import datetime as dt

from crmselect.project import LoadedProject


def check_buildable(lp: LoadedProject, method: str | None = None,
                    today: dt.date | None = None) -> None:
    """Work out what every document says, without writing any: raises the
    :class:`~crmselect.errors.CrmselectError` that :func:`build_documents` would raise (the
    evaluation refusing the weights, a plan whose dates cannot be computed, …)."""
    from crmselect.reporting.comparison_context import build_comparison_context
    from crmselect.reporting.migration_context import build_migration_context
    from crmselect.reporting.rfp_context import build_rfp_context
    from crmselect.reporting.testdrive_context import build_testdrive_context
    from crmselect.scoring import evaluate_project
    from crmselect.scoring.evaluation import something_to_rank

    lang = lp.language
    build_rfp_context(lp, lang)
    winner = None
    if lp.vendors and something_to_rank(lp):
        # No Monte Carlo samples: the check only proves the report can be written, and the
        # samples (the project's setting, 2,000 by default) would only cost time.
        evaluation = evaluate_project(lp, method=method, monte_carlo_samples=0)
        build_comparison_context(lp, evaluation, lang, today=today)
        if lp.scores.scores:
            winner = evaluation.winner
    build_testdrive_context(lp, lang, today=today)
    build_migration_context(lp, lang, vendor=winner, today=today)
