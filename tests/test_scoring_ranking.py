"""Ranking and evaluators (issue 9, points 7, 8, 11–15), on small projects written here.

Every vendor is scored by evaluators on every requirement, so that the totals do not depend
on how declared answers are read. The projects: 10 users over 5 years, a target budget of
100,000 and a ceiling of 200,000 EUR, so a vendor's TCO is 600 × its monthly price per user
plus its implementation, and its cost score 5 × (200,000 − TCO) / 100,000 between the two.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from pathlib import Path

import numpy as np
import pytest
import yaml
from click.testing import CliRunner
from rendered import english, raises_english

from crmselect.cli import main
from crmselect.documents.report import render_report
from crmselect.errors import CrmselectError
from crmselect.i18n import text
from crmselect.project import load_project
from crmselect.reporting.comparison_context import build_comparison_context
from crmselect.scoring import ScoringWarning, evaluate, evaluate_project, topsis, weighted_sum
from crmselect.summary import project_summary

REQS = ("OPS-SFA-001", "OPS-SFA-002")
PEOPLE = [{"id": "selin", "name": "Selin Aydın", "role": "facilitator"},
          {"id": "ayse", "name": "Ayşe Yılmaz"},
          {"id": "mehmet", "name": "Mehmet Öz"},
          {"id": "hakan", "name": "Hakan Yıldız", "role": "observer"}]


def make_project(tmp_path: Path, vendors: dict[str, tuple[float, float]],
                 scores: list[tuple[str, str, str, float]],
                 weights: dict[str, float] | None = None,
                 priorities: tuple[str, str] = ("must", "should"),
                 scoring: dict | None = None, name: str = "p") -> Path:
    """A project folder: ``vendors`` id → (price per user and month, implementation);
    ``scores`` (evaluator, vendor, target, score)."""
    root = tmp_path / name
    (root / "vendors").mkdir(parents=True)
    criteria = {"functional": 60, "integration": 0, "non_functional": 0, "test_drive": 0,
                "cost": 40, "references": 0}
    criteria.update(weights or {})
    project = {
        "name": "Ranking fixture", "organisation": {"name": "Fixture Ltd"}, "language": "en",
        "currency": "EUR", "users": [{"role": "sales", "count": 10, "licence": "standard"}],
        "tco": {"horizon_years": 5, "target_budget": 100000, "ceiling": 200000},
        "requirements": [{"id": rid, "priority": p} for rid, p in zip(REQS, priorities,
                                                                       strict=True)],
        "weights": {"criteria": criteria},
        "scoring": {"monte_carlo_samples": 2000, "seed": 5, **(scoring or {})},
        "evaluators": PEOPLE, "vendors": list(vendors),
    }
    (root / "project.yaml").write_text(yaml.safe_dump(project, allow_unicode=True),
                                       encoding="utf-8")
    for vid, (per_month, implementation) in vendors.items():
        profile = {
            "id": vid, "name": f"{vid.capitalize()} CRM", "product": vid.capitalize(),
            "deployment": ["cloud"], "licence": {"model": "subscription"},
            "pricing": {"currency": "EUR", "per_user_month": {"standard": per_month},
                        "implementation": implementation},
            "source": "test fixture", "as_of": "2026-01-01",
            "responses": {rid: {"compliance": "native"} for rid in REQS},
        }
        (root / "vendors" / f"{vid}.yaml").write_text(yaml.safe_dump(profile),
                                                      encoding="utf-8")
        response = {"vendor": vid, "pricing": profile["pricing"],
                    "responses": profile["responses"]}  # a response stands alone
        (root / "responses").mkdir(exist_ok=True)
        (root / "responses" / f"{vid}.yaml").write_text(yaml.safe_dump(response),
                                                        encoding="utf-8")
    # a 0, 1 or 5 says why, as every scores file must (issue #17.1)
    records = [{"evaluator": e, "vendor": v, "target": t, "score": s,
                **({"note": "as seen in the demo"} if s <= 1 or s >= 5 else {})}
               for e, v, t, s in scores]
    (root / "scores.yaml").write_text(yaml.safe_dump({"scores": records}), encoding="utf-8")
    return root


def both_score(vendor: str, first: float, second: float,
               who: tuple[str, ...] = ("ayse", "mehmet")) -> list[tuple[str, str, str, float]]:
    return [(e, vendor, rid, s) for e in who for rid, s in zip(REQS, (first, second),
                                                                strict=True)]


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def codes(ev) -> list[str]:
    return ev.warning_codes()


# --- 7. count who scored, not who has which role -------------------------------------------


def test_a_facilitator_who_scores_is_counted_as_an_evaluator(tmp_path):
    root = make_project(tmp_path, {"alpha": (50, 20000), "beta": (100, 90000)},
                        both_score("alpha", 4, 3, ("selin", "ayse"))
                        + both_score("beta", 5, 4, ("selin", "ayse")))
    lp = load_project(root)
    ev = evaluate_project(lp, monte_carlo_samples=0)
    assert ev.scorers == ["selin", "ayse"]  # the observer and the idle evaluator do not count
    assert "single_evaluator" not in codes(ev)
    ctx = build_comparison_context(lp, ev, "en")
    assert ctx["counts"]["evaluators"] == 2  # by role, 2 evaluators were listed, 1 scored
    assert project_summary(lp, "en")["counts"]["evaluators"] == 2


def test_a_facilitator_scoring_alone_is_a_single_evaluator(tmp_path):
    root = make_project(tmp_path, {"alpha": (50, 20000), "beta": (100, 90000)},
                        both_score("alpha", 4, 3, ("selin",)) + both_score("beta", 5, 4,
                                                                           ("selin",)))
    lp = load_project(root)
    ev = evaluate_project(lp, monte_carlo_samples=0)
    warning = next(w for w in ev.warnings if w.code == "single_evaluator")
    assert warning.params == {"evaluator": "selin"}
    assert text(warning.message(), "tr") == (
        "Yalnızca bir değerlendirici (Selin Aydın) puan verdi: "
        "karar tek kişinin görüşüne dayanıyor.")
    assert build_comparison_context(lp, ev, "en")["counts"]["evaluators"] == 1


def test_the_report_cover_counts_who_scored(tmp_path):
    root = make_project(tmp_path, {"alpha": (50, 20000), "beta": (100, 90000)},
                        both_score("alpha", 4, 3, ("selin", "ayse", "mehmet"))
                        + both_score("beta", 5, 4, ("selin", "ayse", "mehmet")))
    html = render_report(root, lang="en", out_dir=tmp_path / "out").html.read_text("utf-8")
    assert re.search(r"<dt>Evaluators</dt><dd>3</dd>", html)


# --- 8. weight that rests on one person ------------------------------------------------------
#
# Weights: functional 60 %, cost 40 %; OPS-SFA-001 must (3) and OPS-SFA-002 should (2), so the
# two requirements weigh 0.36 and 0.24 of the total.


def test_weight_scored_by_one_evaluator_alone_is_named(tmp_path):
    scores = both_score("beta", 4, 4) + both_score("alpha", 4, 4, ("mehmet",))
    scores = [s for s in scores if not (s[1] == "alpha" and s[2] == "OPS-SFA-002")]
    scores.append(("ayse", "alpha", "OPS-SFA-002", 3))
    root = make_project(tmp_path, {"alpha": (50, 20000), "beta": (100, 90000)}, scores)
    ev = evaluate(root, monte_carlo_samples=0)
    warnings = [w for w in ev.warnings if w.code == "single_scorer_weight"]
    by_person = {w.params["evaluator"]: w for w in warnings}
    # Ayşe alone scored alpha's OPS-SFA-002 (24 % of the weight); Mehmet alone alpha's
    # OPS-SFA-001 (36 %).
    assert set(by_person) == {"ayse", "mehmet"}
    ayse = by_person["ayse"]
    assert ayse.params["vendor"] == "alpha" and ayse.params["criteria"] == ["functional"]
    assert ayse.params["share"] == pytest.approx(0.24)
    assert text(ayse.message(), "en") == (
        "Ayşe Yılmaz alone scored 24% of the total weight of Alpha CRM's score (functional "
        "fit): one person's view decides that part. Ask a second evaluator to score it.")
    assert text(ayse.message(), "tr").startswith(
        "Alpha CRM puanında toplam ağırlığın %24 oranındaki kısmını yalnızca Ayşe Yılmaz puanladı")


def test_no_single_scorer_warning_at_or_under_15_percent(tmp_path):
    # OPS-SFA-002 as a could requirement weighs 0.6 × 1/4 = 15 % of the total: not more.
    scores = both_score("alpha", 4, 4) + both_score("beta", 4, 4)
    scores = [s for s in scores if not (s[0] == "mehmet" and s[2] == "OPS-SFA-002")]
    root = make_project(tmp_path, {"alpha": (50, 20000), "beta": (100, 90000)}, scores,
                        priorities=("must", "could"))
    assert "single_scorer_weight" not in codes(evaluate(root, monte_carlo_samples=0))
    root = make_project(tmp_path, {"alpha": (50, 20000), "beta": (100, 90000)}, scores,
                        name="q")
    assert "single_scorer_weight" in codes(evaluate(root, monte_carlo_samples=0))


def test_a_knock_out_resting_on_one_score_is_flagged(tmp_path):
    scores = both_score("beta", 4, 4) + [("ayse", "alpha", "OPS-SFA-001", 1),
                                         ("ayse", "alpha", "OPS-SFA-002", 4),
                                         ("mehmet", "alpha", "OPS-SFA-002", 4)]
    root = make_project(tmp_path, {"alpha": (50, 20000), "beta": (100, 90000)}, scores)
    ev = evaluate(root, monte_carlo_samples=0)
    assert ev.vendors["alpha"].knocked_out
    warning = next(w for w in ev.warnings if w.code == "single_score_knockout")
    assert warning.params == {"vendor": "alpha", "requirement": "OPS-SFA-001",
                              "evaluator": "ayse", "score": 1.0}
    assert text(warning.message(), "en") == (
        "Alpha CRM is knocked out on OPS-SFA-001 by one evaluator's score (Ayşe Yılmaz: 1); "
        "have a second evaluator or the consensus meeting confirm it.")
    # a second evaluator agreeing: still knocked out, no longer on one person's word
    root = make_project(tmp_path, {"alpha": (50, 20000), "beta": (100, 90000)},
                        [*scores, ("mehmet", "alpha", "OPS-SFA-001", 1)], name="q")
    ev = evaluate(root, monte_carlo_samples=0)
    assert ev.vendors["alpha"].knocked_out and "single_score_knockout" not in codes(ev)


# --- 11. ties ----------------------------------------------------------------------------------


def test_shared_ranks_within_the_tolerance():
    from crmselect.scoring.ranking import shared_ranks

    order, rank, tied = shared_ranks([70.0, 80.0, 80.0 + 5e-10, 90.0, 95.0],
                                     [False, False, False, False, True])
    assert order == [3, 1, 2, 0, 4]
    assert [rank[v] for v in order] == [1, 2, 2, 4, 5]
    assert tied == {1, 2}
    # equal totals but one knocked out: no tie, the knocked-out vendor after
    order, rank, tied = shared_ranks([80.0, 80.0], [True, False])
    assert order == [1, 0] and rank == {1: 1, 0: 2} and tied == set()


def test_rank_shares_split_a_tie_evenly():
    from crmselect.scoring.ranking import rank_shares

    totals = np.array([[50.0, 50.0, 10.0], [40.0, 60.0, 60.0]])
    shares = rank_shares(totals, np.array([True, True, True]))
    assert shares.tolist() == [[0.5, 0.5, 1.0], [1.0, 1.0, 0.0], [0.5, 0.5, 1.0]]
    assert np.allclose(shares.sum(axis=0), 2) and np.allclose(shares.sum(axis=1), 2)
    # rows without ties take a faster path; both agree with the pairwise count
    from crmselect.scoring.ranking import _tied_shares

    rng = np.random.default_rng(1)
    totals = np.round(rng.uniform(0, 100, (500, 6)), 0)  # rounding makes some ties
    eligible = np.array([True, True, False, True, True, True])
    expected = _tied_shares(np.where(eligible, totals, totals - 1000.0))
    assert np.allclose(rank_shares(totals, eligible), expected)


def tied_project(tmp_path: Path) -> Path:
    # alpha and beta: same scores, same price; gamma lower everywhere
    return make_project(tmp_path, {"alpha": (50, 20000), "beta": (50, 20000),
                                   "gamma": (50, 20000)},
                        both_score("alpha", 4, 4) + both_score("beta", 4, 4)
                        + both_score("gamma", 3, 3))


def test_equal_totals_share_a_rank_everywhere(tmp_path):
    root = tied_project(tmp_path)
    lp = load_project(root)
    ev = evaluate_project(lp)
    assert [(r.vendor, r.rank, r.tied) for r in ev.ranking] == [
        ("alpha", 1, True), ("beta", 1, True), ("gamma", 3, False)]
    assert ev.vendors["beta"].rank == 1
    warning = next(w for w in ev.warnings if w.code == "tied_rank")
    assert warning.params == {"vendors": ["alpha", "beta"], "rank": 1, "total": 88.0}
    assert text(warning.message(), "en") == (
        "Alpha CRM, Beta CRM have the same total (88 points) and "
        "share rank 1: neither beats the other on these weights.")
    assert "no_clear_winner" not in codes(ev)  # nobody leads by 0 points
    # Monte Carlo: the tie is split, not given to the first vendor listed
    assert ev.monte_carlo.p_first == {"alpha": 0.5, "beta": 0.5, "gamma": 0.0}
    assert ev.monte_carlo.rank_acceptability["alpha"] == [0.5, 0.5, 0.0]
    # the report
    ctx = build_comparison_context(lp, ev, "en")
    assert [(r["rank_label"], r["name"]) for r in ctx["ranking"]] == [
        ("1=", "Alpha CRM"), ("1=", "Beta CRM"), ("3", "Gamma CRM")]
    assert ctx["summary"]["tied_first"] == ["Alpha CRM", "Beta CRM"]
    files = render_report(lp, lang="en", out_dir=tmp_path / "out")
    data = json.loads(files.json.read_text(encoding="utf-8"))
    assert [(r["rank"], r["tied"]) for r in data["ranking"]] == [(1, True), (1, True),
                                                                  (3, False)]
    rows = list(csv.DictReader(io.StringIO(files.csv.read_text(encoding="utf-8-sig"))))
    assert {(r["vendor"], r["rank"]) for r in rows} == {("alpha", "1"), ("beta", "1"),
                                                        ("gamma", "3")}
    html = files.html.read_text(encoding="utf-8")
    assert "Alpha CRM, Beta CRM share first place with 88.0 of 100 points" in html
    assert re.search(r'<td class="center"[^>]*><strong>1=</strong></td><td[^>]*>'
                     r'<strong>Beta CRM</strong>', html)


def test_the_cli_shows_a_tie(tmp_path):
    root = tied_project(tmp_path)
    code, out, _ = run("score", root, "--samples", "0")
    assert code == 0
    assert re.search(r"^1=\s+Alpha CRM\s+88\.0", out, re.M)
    assert re.search(r"^1=\s+Beta CRM\s+88\.0", out, re.M)
    assert "Tie for first: Alpha CRM, Beta CRM (88.0 points)" in out
    assert "Winner:" not in out
    code, out, _ = run("score", root, "--samples", "0", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["rank"], r["vendor"], r["tied"]) for r in rows] == [
        ("1", "alpha", "true"), ("1", "beta", "true"), ("3", "gamma", "false")]


# --- 12. TOPSIS --------------------------------------------------------------------------------


def test_topsis_totals_ignore_knocked_out_and_dominated_vendors(tmp_path):
    base = {"alpha": (50, 150000), "beta": (50, 20000)}
    scores = both_score("alpha", 5, 4) + both_score("beta", 3, 4)
    ev = evaluate(make_project(tmp_path, base, scores, name="two"), method="topsis",
                  monte_carlo_samples=0)
    # gamma fails the knock-out (1 on the must requirement) with the cheapest bid; delta
    # passes but is dominated by beta (lower scores, dearer)
    more = {**base, "gamma": (10, 0), "delta": (60, 40000)}
    more_scores = [*scores, *both_score("gamma", 1, 5), *both_score("delta", 2, 3)]
    ev4 = evaluate(make_project(tmp_path, more, more_scores, name="four"), method="topsis",
                   monte_carlo_samples=0)
    assert ev4.vendors["gamma"].knocked_out and not ev4.vendors["delta"].knocked_out
    for vid in base:
        assert ev4.vendors[vid].total == pytest.approx(ev.vendors[vid].total, abs=1e-9)
    assert ev4.ranking[-1].vendor == "gamma"
    # and the totals are TOPSIS against the ends of the 0–5 scale
    crits = list(ev.criteria_weights)
    matrix = [[next(c.score for c in ev.vendors[v].criteria if c.criterion == k)
               for k in crits] for v in base]
    assert np.allclose([ev.vendors[v].total for v in base],
                       100 * topsis(matrix, list(ev.criteria_weights.values()), bounds=(0, 5)))


def test_topsis_bounds_are_the_fixed_ideal():
    closeness = topsis([[5, 5], [0, 0], [2.5, 2.5]], [1, 1], bounds=(0, 5))
    assert closeness.tolist() == [1.0, 0.0, 0.5]
    # a cost criterion: worst above best
    assert topsis([[100]], [1], bounds=(200, 100)).tolist() == [1.0]
    with raises_english("different worst and best"):
        topsis([[1]], [1], bounds=(5, 5))


def test_method_winners_that_differ_are_both_shown(tmp_path):
    # functional 50 %, cost 50 %. alpha: functional 5, TCO 180,000 (cost score 1);
    # beta: functional 3, TCO 142,000 (cost score 2.9).
    # Weighted sum: alpha 60, beta 59. TOPSIS (scale ends as ideals): alpha 56.0, beta 59.0.
    root = make_project(tmp_path, {"alpha": (50, 150000), "beta": (50, 112000)},
                        both_score("alpha", 5, 5) + both_score("beta", 3, 3),
                        weights={"functional": 50, "cost": 50})
    for method, winner in (("wsm", "alpha"), ("topsis", "beta")):
        ev = evaluate(root, method=method, monte_carlo_samples=0)
        assert ev.winner == winner
        assert ev.winners_by_method == {"wsm": "alpha", "topsis": "beta"}
        warning = next(w for w in ev.warnings if w.code == "method_winners_differ")
        assert text(warning.message(), "en") == (
            "The two methods disagree on the winner: Alpha CRM wins by weighted sum, Beta CRM "
            "by TOPSIS. Discuss why before deciding.")
    code, out, _ = run("score", root, "--samples", "0")
    assert "Alpha CRM wins by weighted sum, Beta CRM by TOPSIS" in out


def test_no_method_warning_when_both_agree(tmp_path):
    root = make_project(tmp_path, {"alpha": (50, 20000), "beta": (100, 90000)},
                        both_score("alpha", 5, 5) + both_score("beta", 3, 3))
    ev = evaluate(root, monte_carlo_samples=0)
    assert ev.winners_by_method == {"wsm": "alpha", "topsis": "alpha"}
    assert "method_winners_differ" not in codes(ev)


# --- 13. Monte Carlo: rank acceptability, concentration ------------------------------------


def test_rank_acceptability_in_the_result_json_and_report(tmp_path):
    root = make_project(tmp_path, {"alpha": (50, 150000), "beta": (50, 112000),
                                   "gamma": (50, 20000)},
                        both_score("alpha", 5, 5) + both_score("beta", 3, 3)
                        + both_score("gamma", 1, 1), weights={"functional": 50, "cost": 50})
    lp = load_project(root)
    ev = evaluate_project(lp)
    ra = ev.monte_carlo.rank_acceptability
    assert list(ra) == ["alpha", "beta", "gamma"]
    matrix = np.array(list(ra.values()))
    assert np.allclose(matrix.sum(axis=0), 1) and np.allclose(matrix.sum(axis=1), 1)
    assert all(ra[v][0] == ev.monte_carlo.p_first[v] for v in ra)
    assert 0 < ra["alpha"][0] < 1 and 0 < ra["beta"][0] < 1  # the weights decide
    assert ev.to_dict()["monte_carlo"]["rank_acceptability"] == ra
    ctx = build_comparison_context(lp, ev, "tr")
    assert [x["vendor"] for x in ctx["monte_carlo"]["rank_acceptability"]] == [
        r.vendor for r in ev.ranking]
    assert ctx["monte_carlo"]["spread"]["weight"] == 0.5
    assert ctx["monte_carlo"]["spread"]["sd"] == pytest.approx((0.25 / 51) ** 0.5)
    html = render_report(lp, lang="en", out_dir=tmp_path / "out").html.read_text("utf-8")
    assert "Rank acceptability" in html
    assert ("a criterion weighing 50% varies by about ±7.0 percentage points (one standard "
            "deviation)") in html


def test_sensitivity_cli_prints_rank_acceptability_and_takes_a_concentration(tmp_path):
    root = make_project(tmp_path, {"alpha": (50, 150000), "beta": (50, 112000)},
                        both_score("alpha", 5, 5) + both_score("beta", 3, 3),
                        weights={"functional": 50, "cost": 50})
    code, out, _ = run("sensitivity", root, "--concentration", "5", "--samples", "500")
    assert code == 0
    assert "Monte Carlo: 500 weight samples (Dirichlet, concentration 5, seed 5)" in out
    assert "Rank acceptability: share of the samples at each rank" in out
    assert re.search(r"^Vendor\s+#1\s+#2$", out, re.M)
    code, out, _ = run("sensitivity", root, "--format", "json", "--concentration", "5000")
    data = json.loads(out)["monte_carlo"]
    assert data["concentration"] == 5000
    assert set(data["rank_acceptability"]) == {"alpha", "beta"}
    # at a high concentration the weights barely move: alpha (the weighted-sum winner by
    # one point) ranks first in most samples; at a low one, far fewer
    loose = evaluate(root, concentration=2, monte_carlo_samples=4000).monte_carlo
    tight = evaluate(root, concentration=5000, monte_carlo_samples=4000).monte_carlo
    assert tight.p_first["alpha"] > 0.6 > loose.p_first["alpha"]


@pytest.mark.parametrize("value", ["0", "0.5", "20000", "nan"])
def test_concentration_out_of_range(tmp_path, value):
    root = make_project(tmp_path, {"alpha": (50, 20000), "beta": (100, 90000)},
                        both_score("alpha", 5, 5) + both_score("beta", 3, 3))
    message = (f"the Monte Carlo concentration is {float(value):g}; use a number from 1 to "
               "10,000 (higher keeps the sampled weights closer to the chosen ones)")
    code, _, err = run("sensitivity", root, "--concentration", value)
    if value == "nan":  # click's range check lets NaN through; the core's does not
        assert code == 1 and message in err and "Traceback" not in err
    else:
        assert code == 2 and "Invalid value for '--concentration'" in err
    with pytest.raises(CrmselectError) as exc:
        evaluate(root, concentration=float(value))
    assert exc.value.lines(english) == [message]


def test_a_project_concentration_out_of_range_is_an_error(tmp_path):
    root = make_project(tmp_path, {"alpha": (50, 20000), "beta": (100, 90000)},
                        both_score("alpha", 5, 5) + both_score("beta", 3, 3),
                        scoring={"monte_carlo_concentration": 0.2})
    code, _, err = run("score", root)
    assert code == 1 and "Traceback" not in err
    # told at its line of project.yaml (s13: it was told only when sampling, without a line)
    assert err == f"{root / 'project.yaml'}:23:30: scoring.monte_carlo_concentration: 0.2 " \
        "must be >= 1\n"


def test_cli_concentration_range_matches_the_core():
    from crmselect.cli import scoring as cli
    from crmselect.scoring import sensitivity

    assert (cli.MIN_CONCENTRATION, cli.MAX_CONCENTRATION) == (
        sensitivity.MIN_CONCENTRATION, sensitivity.MAX_CONCENTRATION)


# --- 14. library functions -------------------------------------------------------------------


def test_weighted_sum_with_sum_normalization():
    # benefit column 1, 3 → 1/4, 3/4; cost column 2, 4 → (1/2)/(3/4) = 2/3, (1/4)/(3/4) = 1/3
    result = weighted_sum([[1, 2], [3, 4]], [1, 1], [True, False], normalization="sum")
    assert np.allclose(result, [(1 / 4 + 2 / 3) / 2, (3 / 4 + 1 / 3) / 2])
    with raises_english("criterion 2 is a cost criterion with a 0 value"):
        weighted_sum([[1, 0], [2, 3]], [1, 1], [True, False], normalization="sum")


def test_weighted_sum_without_normalization_refuses_cost_criteria():
    with pytest.raises(CrmselectError) as exc:
        weighted_sum([[1, 2], [3, 4]], [1, 1], [True, False], normalization="none")
    assert exc.value.lines(english) == [
        "criterion 2 is a cost criterion, but normalization 'none' uses the values as they "
        "are and cannot turn a cost around; use max, minmax, sum or vector, or give values "
        "where higher is better"]
    assert np.allclose(weighted_sum([[1, 2]], [1, 1], [True, True], normalization="none"),
                       [1.5])


def test_ahp_message_prints_cr_with_enough_digits():
    warning = ScoringWarning("ahp_inconsistent", {
        "level": "criteria", "cr": 0.10049, "limit": 0.1, "a": "cost", "b": "functional",
        "value": 0.333, "suggested": 0.5})
    assert "(CR 0.1005 > 0.10)" in text(warning.message(), "en")
    assert "(CR 0,1005 > 0,10)" in text(warning.message(), "tr")
    assert "cost – functional: 0,333 (diğerleriyle uyumlu değer yaklaşık 0,5)" in \
        text(warning.message(), "tr")
    # closer still: more digits until the ratio and the limit differ
    close = ScoringWarning("ahp_inconsistent", {**warning.params, "cr": 0.1000042})
    assert "(CR 0.100004 > 0.10)" in text(close.message(), "en")


def test_ahp_warning_from_a_project(tmp_path):
    root = make_project(tmp_path, {"alpha": (50, 20000), "beta": (100, 90000)},
                        both_score("alpha", 5, 5) + both_score("beta", 3, 3))
    data = yaml.safe_load((root / "project.yaml").read_text(encoding="utf-8"))
    data["weights"]["criteria"]["references"] = 10
    data["weights"]["ahp"] = {"criteria": {
        "items": ["functional", "cost", "references"],
        "matrix": [[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]]}}
    (root / "project.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    ev = evaluate(root, monte_carlo_samples=0)
    warning = next(w for w in ev.warnings if w.code == "ahp_inconsistent")
    assert re.search(r"\(CR \d+\.\d{4} > 0\.10\)", text(warning.message(), "en"))
    assert re.search(r"\(CR \d+,\d{4} > 0,10\)", text(warning.message(), "tr"))


# --- 15. overlapping requirements ------------------------------------------------------------


def with_related(lp, rid: str, related: list[str]):
    """The loaded project with requirement ``rid`` linked to ``related`` (in memory)."""
    pr = lp.requirements[rid]
    linked = dataclasses.replace(pr, requirement=pr.requirement.model_copy(
        update={"related": related}))
    return dataclasses.replace(lp, requirements={**lp.requirements, rid: linked})


@pytest.mark.parametrize("rid, other", [("OPS-SFA-001", "OPS-SFA-002"),
                                        ("OPS-SFA-002", "OPS-SFA-001")])
def test_selecting_two_related_requirements_is_a_warning(tmp_path, rid, other):
    root = make_project(tmp_path, {"alpha": (50, 20000), "beta": (100, 90000)},
                        both_score("alpha", 5, 5) + both_score("beta", 3, 3))
    lp = load_project(root)
    assert "overlapping_requirements" not in codes(evaluate_project(lp, monte_carlo_samples=0))
    ev = evaluate_project(with_related(lp, rid, [other, "OPS-SRV-001"]),
                          monte_carlo_samples=0)
    warning = next(w for w in ev.warnings if w.code == "overlapping_requirements")
    assert warning.params == {"n": 1, "pairs": f"{rid} ↔ {other}"}
    assert text(warning.message(), "en") == (
        f"1 pair of selected requirements tests an overlapping capability ({rid} ↔ "
        f"{other}): that capability counts twice in the total. Keep both only on purpose.")
    assert text(warning.message(), "tr").startswith("Seçilen gereksinimlerden 1 çift örtüşen")


def test_links_both_ways_make_one_pair(tmp_path):
    root = make_project(tmp_path, {"alpha": (50, 20000), "beta": (100, 90000)},
                        both_score("alpha", 5, 5) + both_score("beta", 3, 3))
    lp = with_related(with_related(load_project(root), "OPS-SFA-001", ["OPS-SFA-002"]),
                      "OPS-SFA-002", ["OPS-SFA-001"])
    warnings = [w for w in evaluate_project(lp, monte_carlo_samples=0).warnings
                if w.code == "overlapping_requirements"]
    assert [w.params["n"] for w in warnings] == [1]


# --- the web results page --------------------------------------------------------------------


def test_web_results_show_rank_acceptability(make_client) -> None:
    page = make_client("selin").get("/results/").text
    assert "<h3>Rank acceptability</h3>" in page
    table = page[page.index("<h3>Rank acceptability</h3>"):]
    table = table[:table.index("</table>")]
    assert re.findall(r"<th class=\"num\">#(\d)</th>", table) == ["1", "2", "3"]
    assert len(re.findall(r"<tr><td>", table)) == 3


def test_web_results_context_shows_a_tie(app) -> None:
    from crmselect.webapp.context import project
    from crmselect.webapp.results import evaluation, results_context

    with app.test_request_context("/results/"):
        view = project()
        ev = evaluation(view)
        first, second, *rest = ev.ranking
        ev.ranking = [dataclasses.replace(first, tied=True),
                      dataclasses.replace(second, rank=1, tied=True, total=first.total,
                                          knocked_out=False, failing=[]), *rest]
        ctx = results_context(view, ev, sees_prices=True)
    assert [(r["rank"], r["tied"]) for r in ctx["rows"][:2]] == [(1, True), (1, True)]
    assert ctx["tied_first"] == [first.name, second.name]
    assert [a["name"] for a in ctx["rank_acceptability"]] == [r.name for r in ev.ranking]


# --- the scorers -----------------------------------------------------------------------------


def test_scorers_are_the_evaluators_with_scores(sample_project):
    from crmselect.scoring.scores import aggregate

    lp = load_project(sample_project)
    agg = aggregate(lp, lp.scores, "mean")
    assert agg.evaluators == sorted({r.evaluator for r in lp.scores.scores})
