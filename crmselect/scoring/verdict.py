"""The evaluation's verdict as one code, for the one-line summaries of ``score``,
``sensitivity``, ``report`` and ``build``: whether a winner may be named, and if not why.

The decision is made once here, from the ranking and the warnings the evaluation raised
(:mod:`crmselect.scoring.hygiene`); each edge words the code in its own message. The
comparison report's longer verdict (:mod:`crmselect.reporting.recommendation`) says more.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # Evaluation.to_dict gives the verdict too
    from crmselect.scoring.results import Evaluation, ScoringWarning


class Verdict(NamedTuple):
    #: ``no_winner`` (every vendor knocked out, or none), ``tie``, ``too_close`` (a lead the
    #: totals cannot show, or a winner losing most weight samples),
    #: ``lead_within_disagreements``, ``unscored`` (a first vendor nobody scored beside
    #: scored ones), ``illustrative`` (a first vendor whose bundled profile is a made-up
    #: example, ``illustrative_winner``) or ``winner``.
    code: str
    #: The vendors ranked first that pass the knock-outs (several in a tie).
    first: list[str]
    #: The warning behind a ``too_close`` or ``lead_within_disagreements`` verdict (its
    #: ``runner_up``, and the disagreements' ``swing``), or a ``winner``'s ``no_clear_winner``
    #: (a narrow lead: the summary lines name the runner-up kept as the alternative).
    warning: ScoringWarning | None = None


def verdict(ev: Evaluation) -> Verdict:
    """What the summary line says of ``ev``."""
    if ev.winner is None:
        return Verdict("no_winner", [])
    first = [r.vendor for r in ev.ranking if r.rank == 1 and not r.knocked_out]
    if len(first) > 1:
        return Verdict("tie", first)
    # in the order of the report's verdict (crmselect.reporting.recommendation)
    if any(w.code == "unscored_vendors" and ev.winner in w.params["vendors"]
           for w in ev.warnings):
        return Verdict("unscored", [ev.winner])
    if any(w.code == "illustrative_winner" and w.params["vendor"] == ev.winner
           for w in ev.warnings):  # a made-up example is never the one to choose
        return Verdict("illustrative", [ev.winner])
    for code, found in (("too_close", "too_close_to_call"),
                        ("lead_within_disagreements", "lead_within_disagreements")):
        warning = next((w for w in ev.warnings if w.code.startswith(found)), None)
        if warning is not None:
            return Verdict(code, [ev.winner], warning)
    narrow = next((w for w in ev.warnings if w.code.startswith("no_clear_winner")), None)
    return Verdict("winner", [ev.winner], narrow)
