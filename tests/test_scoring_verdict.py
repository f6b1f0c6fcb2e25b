"""crmselect.scoring.verdict: the one decision behind the summary lines of score,
sensitivity, report and build."""

from __future__ import annotations

from types import SimpleNamespace

from crmselect.scoring.results import ScoringWarning
from crmselect.scoring.verdict import verdict


def _ev(ranks: dict[str, int], *warnings: ScoringWarning, knocked_out: tuple[str, ...] = ()):
    ranking = [SimpleNamespace(vendor=v, rank=r, knocked_out=v in knocked_out)
               for v, r in ranks.items()]
    passing = [e.vendor for e in ranking if not e.knocked_out]
    return SimpleNamespace(winner=passing[0] if passing else None, ranking=ranking,
                           warnings=list(warnings))


CLOSE = ScoringWarning("too_close_to_call", {"winner": "a", "runner_up": "b", "lead": 0.0})
SPREAD = ScoringWarning("lead_within_disagreements", {"winner": "a", "runner_up": "b",
                                                      "lead": 1.0, "swing": 3.0})
UNSCORED = ScoringWarning("unscored_vendors", {"vendors": ["a"]})


def test_each_code():
    assert verdict(_ev({"a": 1, "b": 2})).code == "winner"
    assert verdict(_ev({"a": 1, "b": 2}, knocked_out=("a", "b"))).code == "no_winner"
    tie = verdict(_ev({"a": 1, "b": 1, "c": 3}))
    assert (tie.code, tie.first) == ("tie", ["a", "b"])
    close = verdict(_ev({"a": 1, "b": 2}, CLOSE))
    assert (close.code, close.warning.params["runner_up"]) == ("too_close", "b")
    assert verdict(_ev({"a": 1, "b": 2}, SPREAD)).code == "lead_within_disagreements"
    assert verdict(_ev({"a": 1, "b": 2}, UNSCORED)).code == "unscored"


def test_the_no_simulation_variant_of_a_close_call_is_a_close_call_too():
    no_mc = ScoringWarning("too_close_to_call_no_mc", {"winner": "a", "runner_up": "b"})
    assert verdict(_ev({"a": 1, "b": 2}, no_mc)).code == "too_close"


def test_in_the_order_of_the_reports_verdict():
    """A tie comes first, then a first vendor nobody scored, then a close call, then a lead
    within the disagreements (as crmselect.reporting.recommendation decides)."""
    assert verdict(_ev({"a": 1, "b": 1}, UNSCORED, CLOSE)).code == "tie"
    assert verdict(_ev({"a": 1, "b": 2}, SPREAD, CLOSE, UNSCORED)).code == "unscored"
    assert verdict(_ev({"a": 1, "b": 2}, SPREAD, CLOSE)).code == "too_close"
    # another vendor unscored does not touch the winner
    other = ScoringWarning("unscored_vendors", {"vendors": ["b"]})
    assert verdict(_ev({"a": 1, "b": 2}, other)).code == "winner"


def test_the_verdict_in_the_evaluations_dict(tmp_path):
    """Evaluation.to_dict puts the verdict right after `winner`: a tie names both first
    vendors, a clear winner no runner-up."""
    from verdictprojects import answers, crafted_project

    from crmselect.project import load_project
    from crmselect.scoring import evaluate_project

    tie = crafted_project(tmp_path / "tie", {"odoo": answers("native"),
                                             "suitecrm": answers("native")})
    data = evaluate_project(load_project(tie)).to_dict()
    assert data["verdict"] == {"code": "tie", "first": ["odoo", "suitecrm"]}
    clear = crafted_project(tmp_path / "clear", {"odoo": answers("native"),
                                                 "suitecrm": answers("custom")})
    data = evaluate_project(load_project(clear)).to_dict()
    assert (data["winner"], data["verdict"]) == ("odoo", {"code": "winner", "first": ["odoo"]})
