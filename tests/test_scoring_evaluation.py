"""Evaluating fixture projects: totals by hand, sources, cost, knock-outs, sensitivity, errors.

Fixtures (tests/data/scoring/):
* ``hand`` — two vendors, two requirements, functional 60 % and cost 40 %: small enough to
  check every number by hand (worked out in the comments below).
* ``basic`` — three vendors with responses, prices in two currencies, three evaluators,
  a test-drive scenario, demo marks, a consensus record and reference scores.
"""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import numpy as np
import pytest
import yaml
from rendered import english, raises_english

import crmselect
from crmselect.errors import CrmselectError
from crmselect.i18n import text
from crmselect.model import ScoreRecord, ScoresFile
from crmselect.project import load_project
from crmselect.scoring import evaluate, evaluate_project, topsis, weights_fingerprint

DATA = Path(__file__).parent / "data" / "scoring"


def copy_project(tmp_path: Path, name: str, project: dict | None = None,
                 scores: dict | None = None) -> Path:
    """A copy of a fixture project with ``project.yaml`` keys replaced (``None`` deletes)."""
    target = tmp_path / name
    shutil.copytree(DATA / name, target)
    if project:
        path = target / "project.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key, value in project.items():
            node = data
            *parents, last = key.split(".")
            for part in parents:
                node = node.setdefault(part, {})
            if value is None:
                node.pop(last, None)
            else:
                node[last] = value
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    if scores is not None:
        (target / "scores.yaml").write_text(yaml.safe_dump(scores), encoding="utf-8")
    return target


def criterion(ev, vendor: str, name: str):
    return next(c for c in ev.vendors[vendor].criteria if c.criterion == name)


def requirement(ev, vendor: str, rid: str):
    for crit in ev.vendors[vendor].criteria:
        for area in crit.areas:
            for group in area.groups:
                for req in group.requirements:
                    if req.requirement == rid:
                        return req
    raise KeyError(rid)


@pytest.fixture(scope="module")
def hand():
    return evaluate(DATA / "hand")


@pytest.fixture(scope="module")
def basic():
    return evaluate(DATA / "basic")


# --- the hand-checked project ------------------------------------------------------------------
#
# Requirement weights: OPS-SFA-001 must (3), OPS-SFA-002 could (1) → shares 0.75 and 0.25.
# alpha declares configurable (4) and none (0): functional = 0.75·4 + 0.25·0 = 3.0
# beta declares native (5) twice:             functional = 5.0
# TCO over 5 years, 10 users: alpha 50 €/user/month → 30,000 + 20,000 implementation = 50,000
# (at or below the 100,000 budget: cost 5); beta 100 € → 60,000 + 90,000 = 150,000
# (halfway to the 200,000 ceiling: cost 2.5).
# Totals = 100 · Σ w·s / 5: alpha 20·(0.6·3 + 0.4·5) = 76; beta 20·(0.6·5 + 0.4·2.5) = 80.


def test_hand_totals_and_ranking(hand):
    assert [(r.vendor, r.rank, round(r.total, 9)) for r in hand.ranking] == [
        ("beta", 1, 80.0), ("alpha", 2, 76.0)]
    assert hand.winner == "beta"
    assert round(criterion(hand, "alpha", "functional").score, 9) == 3.0
    assert round(criterion(hand, "beta", "cost").score, 9) == 2.5
    assert hand.criteria_weights == {"functional": 0.6, "cost": 0.4}
    assert hand.dropped_criteria == ["integration", "non_functional", "test_drive", "references"]


def test_hand_weight_tree(hand):
    functional = next(c for c in hand.weights.children if c.id == "functional")
    group = functional.children[0].children[0]
    assert group.id == "sales_automation"
    assert [(r.id, r.raw, r.local, round(r.weight, 9)) for r in group.children] == [
        ("OPS-SFA-001", 3.0, 0.75, 0.45), ("OPS-SFA-002", 1.0, 0.25, 0.15)]


def test_hand_tco(hand):
    alpha = hand.tco["alpha"]
    assert alpha.total == 50_000
    assert alpha.years[0].components["licences"] == 6_000
    assert alpha.years[0].components["implementation"] == 20_000
    assert alpha.years[1].total == 6_000
    assert alpha.cost_score == 5.0
    assert hand.tco["beta"].total == 150_000
    assert hand.tco["beta"].cost_score == 2.5


def test_hand_sensitivity(hand):
    # alpha: 20·(3x + 5(1−x)); beta: 20·(5x + 2.5(1−x)); equal at x = 2.5/4.5 = 5/9 for the
    # functional weight; for the cost weight y = 1 − x: equal at y = 4/9.
    functional, cost = hand.sensitivity
    assert functional.criterion == "functional"
    assert functional.increase is None
    assert functional.decrease.overtaken_by == "alpha"
    assert math.isclose(functional.decrease.new_weight, 5 / 9)
    assert math.isclose(functional.decrease.change, 5 / 9 - 0.6)
    assert cost.decrease is None
    assert math.isclose(cost.increase.new_weight, 4 / 9)


def beta_tail(a: float, b: float, x: float, steps: int = 200_000) -> float:
    """P(X > x) for X ~ Beta(a, b), by the midpoint rule."""
    t = x + (np.arange(steps) + 0.5) * (1 - x) / steps
    log_norm = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
    return float(np.exp(log_norm + (a - 1) * np.log(t) + (b - 1) * np.log1p(-t)).sum()
                 * (1 - x) / steps)


def test_hand_monte_carlo_matches_the_dirichlet_probability(hand):
    # Two criteria: Dirichlet(50·0.6, 50·0.4) is Beta(30, 20) on the functional weight, and
    # beta wins when that weight is above 5/9.
    expected = beta_tail(30, 20, 5 / 9)
    assert abs(expected - 0.74) < 0.01
    mc = hand.monte_carlo
    assert (mc.samples, mc.seed, mc.concentration) == (4000, 11, 50)
    assert abs(mc.p_first["beta"] - expected) < 0.025
    assert math.isclose(mc.p_first["alpha"] + mc.p_first["beta"], 1.0)


def test_monte_carlo_is_reproducible_with_a_seed():
    loaded = load_project(DATA / "hand")
    one = evaluate_project(loaded, monte_carlo_samples=3000, seed=5).monte_carlo
    two = evaluate_project(loaded, monte_carlo_samples=3000, seed=5).monte_carlo
    other = evaluate_project(loaded, monte_carlo_samples=3000, seed=6).monte_carlo
    assert one.p_first == two.p_first
    assert one.p_first != other.p_first


def test_monte_carlo_reports_progress():
    calls = []
    evaluate_project(load_project(DATA / "hand"), monte_carlo_samples=4500,
                     progress=lambda done, total: calls.append((done, total)))
    assert calls == [(2000, 4500), (4000, 4500), (4500, 4500)]


def test_no_monte_carlo_with_zero_samples():
    assert evaluate(DATA / "hand", monte_carlo_samples=0).monte_carlo is None


# --- the basic project -------------------------------------------------------------------------


def test_basic_ranking_and_knockout(basic):
    assert [(r.vendor, r.rank, r.knocked_out, r.failing) for r in basic.ranking] == [
        ("alpha", 1, False, []), ("beta", 2, False, []), ("gamma", 3, True, ["NFR-SEC-001"])]
    (failure,) = basic.knockouts
    assert (failure.vendor, failure.requirement, failure.score, failure.threshold,
            failure.source) == ("gamma", "NFR-SEC-001", 0.0, 2, "declared")


def test_basic_requirement_sources(basic):
    sfa1 = requirement(basic, "alpha", "OPS-SFA-001")
    assert (sfa1.score, sfa1.source, sfa1.n_scorers, sfa1.spread) == (4.0, "consensus", 3, 3.0)
    beta_sfa1 = requirement(basic, "beta", "OPS-SFA-001")
    assert (beta_sfa1.score, beta_sfa1.source, beta_sfa1.n_scorers, beta_sfa1.spread) == (
        3.5, "evaluated", 2, 1.0)
    # declared native and shown live: the declared score counts in full
    shown = requirement(basic, "alpha", "OPS-SFA-002")
    assert (shown.score, shown.source, shown.shown, shown.discounted) == (
        5.0, "declared", "live", False)
    # declared native, only on slides: 20 % unverified discount
    slides = requirement(basic, "beta", "OPS-SFA-002")
    assert (slides.score, slides.declared_score, slides.shown, slides.discounted) == (
        4.0, 5.0, "slides", True)
    missing = requirement(basic, "gamma", "NFR-PRV-001")
    assert (missing.score, missing.source, missing.declared, missing.weight) == (
        0.0, "no_answer", None, 0.0)


def test_basic_contributions_add_up_to_the_total(basic):
    for vendor in basic.vendors.values():
        assert math.isclose(sum(c.contribution for c in vendor.criteria), vendor.total)
        for crit in vendor.criteria:
            if crit.areas:
                assert math.isclose(sum(a.contribution for a in crit.areas), crit.contribution)
                for area in crit.areas:
                    assert math.isclose(sum(g.contribution for g in area.groups),
                                        area.contribution, abs_tol=1e-12)
                    for group in area.groups:
                        assert math.isclose(sum(r.contribution for r in group.requirements),
                                            group.contribution, abs_tol=1e-12)
            if crit.scenarios:
                assert math.isclose(sum(s.contribution for s in crit.scenarios),
                                    crit.contribution)


def test_basic_final_weights_sum_to_1(basic):
    def leaves(node):
        if not node.children:
            return [node.weight]
        return [w for child in node.children for w in leaves(child)]

    assert math.isclose(sum(leaves(basic.weights)), 1.0)


def test_basic_tco(basic):
    alpha = basic.tco["alpha"]
    # licences 10·40 + 5·20 = 500 €/month = 6,000 a year, +5 % a year for 5 years;
    # 35,000 one-off; support 2,000 a year; third-party 1,200 a year; custom 10 days × 600.
    licences = 6000 * (1.05**5 - 1) / 0.05
    assert math.isclose(alpha.components["licences"], licences)
    assert math.isclose(alpha.total, licences + 35_000 + 10_000 + 6_000 + 6_000)
    assert alpha.components["third_party"] == 6_000
    assert alpha.components["custom_development"] == 6_000
    assert alpha.years[0].components["custom_development"] == 6_000
    assert alpha.years[1].components["custom_development"] == 0
    assert alpha.cost_score == 5.0
    beta = basic.tco["beta"]
    # perpetual USD: 12,500 licences, 20 % maintenance a year, 50,000 implementation,
    # 12,000 hosting a year: 135,000 USD × 0.9 = 121,500 EUR.
    assert (beta.source_currency, beta.rate, beta.licence_model) == ("USD", 0.9, "perpetual")
    assert math.isclose(beta.total, 121_500)
    assert math.isclose(beta.components["maintenance"], 12_500 * 0.9)
    assert math.isclose(beta.cost_score, 5 * (200_000 - 121_500) / 100_000)
    gamma = basic.tco["gamma"]
    assert (gamma.priced, gamma.total, gamma.cost_score) == (False, None, 0.0)
    assert criterion(basic, "gamma", "cost").score == 0.0


def test_basic_risks(basic):
    assert [(r.vendor, r.requirement, r.kind) for r in basic.risks] == [
        ("alpha", "OPS-MKT-001", "commitment"), ("alpha", "INT-FIN-001", "third_party"),
        ("alpha", "INT-API-001", "upgrade")]
    commitment, third_party, upgrade = basic.risks
    assert commitment.promised_date.isoformat() == "2027-06-30"
    assert (third_party.product, third_party.cost_per_year, third_party.cost) == (
        "Connector X", 1200, 6000)
    assert (upgrade.effort_days, upgrade.cost) == (10, 6000)


def test_basic_disagreements(basic):
    (d,) = basic.disagreements
    assert (d.vendor, d.target, d.spread, d.n_scorers, d.consensus) == (
        "alpha", "OPS-SFA-001", 3.0, 3, 4.0)
    assert math.isclose(d.aggregate, 11 / 3)
    assert [(s.evaluator, s.score, s.note) for s in d.scores] == [
        ("zeynep", 2.0, "Duplicate account created"), ("mehmet", 4.0, ""),
        ("ayse", 5.0, "Lead conversion in one click")]


def test_basic_verified_vs_declared(basic):
    alpha = basic.coverage["alpha"]
    assert (alpha.requirements, alpha.evaluated, alpha.shown_live, alpha.declared_only,
            alpha.missing) == (8, 1, 1, 7, 0)
    assert math.isclose(alpha.verified_share + alpha.declared_share, 1.0)
    claims = {(c.vendor, c.requirement): c for c in basic.unverified_claims}
    assert ("alpha", "OPS-SFA-002") not in claims  # shown live
    assert claims[("beta", "OPS-SFA-002")].shown == "slides"
    assert claims[("alpha", "OPS-SFA-001")].evaluated is True
    assert ("alpha", "NFR-PRV-001") not in claims  # a wont requirement carries no weight
    assert len(basic.unverified_claims) == 10


def test_basic_test_drive_and_references(basic):
    td = criterion(basic, "alpha", "test_drive")
    (scenario,) = td.scenarios
    assert [(s.target, s.score, s.n_scorers) for s in scenario.steps] == [
        ("SCN-SALES.1", 4.5, 2), ("SCN-SALES.2", 4.0, 1)]
    assert math.isclose(td.score, 4.25)
    refs = criterion(basic, "gamma", "references")
    assert (refs.score, refs.source, refs.n_scorers) == (2.0, "evaluated", 1)


def test_basic_warnings(basic):
    assert basic.warning_codes() == [
        "no_price", "missing_scores", "method_winners_differ", "short_implementation",
        "no_clear_winner", "illustrative_winner", "single_scorer_weight"]
    by_code = {w.code: w for w in basic.warnings}
    assert text(by_code["short_implementation"].message(), "en") == (
        "Vendor 'Beta CRM' promises implementation in 2 weeks; under 5 weeks is implausible for "
        "15 users.")
    assert text(by_code["short_implementation"].message(), "tr") == (
        "'Beta CRM' tedarikçisi 2 haftada devreye alma vaat ediyor; 15 kullanıcı için 5 haftadan "
        "kısa bir süre gerçekçi değil.")
    assert text(by_code["missing_scores"].message(), "tr") == (
        "'Gamma CRM' tedarikçisinin, diğer tedarikçilerin puanlandığı 2 öğede uygulamalı demo "
        "sonuçları puanı yok (SCN-SALES.1, SCN-SALES.2); bunlar 0 sayıldı.")


def test_to_dict_is_plain_json(basic):
    data = json.loads(json.dumps(basic.to_dict(text)))
    assert data["winner"] == "alpha"
    assert data["warnings"][0]["code"] == "no_price"
    assert data["warnings"][0]["params"] == {"vendor": "gamma"}  # ids in the data, names in text
    assert data["warnings"][0]["message"]["tr"].startswith(
        "'Gamma CRM' tedarikçisi fiyat vermedi")
    assert data["risks"][0]["promised_date"] == "2027-06-30"
    assert data["vendors"]["gamma"]["tco"]["total"] is None
    # without the edge's render function: codes and parameters only, no text
    assert "message" not in json.loads(json.dumps(basic.to_dict()))["warnings"][0]


def test_crmselect_evaluate_is_the_same_function():
    assert crmselect.evaluate is evaluate


def test_topsis_method(basic):
    ev = evaluate(DATA / "basic", method="topsis", monte_carlo_samples=200)
    assert ev.method == "topsis"
    # by hand: TOPSIS over the criterion scores (cost as the cost score), measured against
    # the ends of the 0–5 scale, so each vendor's closeness depends on its own scores only
    crits = list(ev.criteria_weights)
    matrix = [[criterion(basic, v, c).score for c in crits] for v in ("alpha", "beta", "gamma")]
    expected = 100 * topsis(matrix, list(ev.criteria_weights.values()), bounds=(0, 5))
    assert np.allclose([ev.vendors[v].total for v in ("alpha", "beta", "gamma")], expected)
    assert ev.ranking[-1].vendor == "gamma"  # knocked out, last whatever its closeness
    assert len(ev.sensitivity) == len(crits)


def test_median_aggregation(tmp_path):
    ev = evaluate(copy_project(tmp_path, "basic", {"scoring.aggregation": "median"}))
    # alpha's OPS-SFA-001 has a consensus; beta's two scores 4 and 3 → 3.5; the steps too
    assert requirement(ev, "beta", "OPS-SFA-001").score == 3.5
    step = criterion(ev, "alpha", "test_drive").scenarios[0].steps[0]
    assert step.score == 4.5


def test_median_of_three(tmp_path):
    path = copy_project(tmp_path, "basic", {"scoring.aggregation": "median"})
    loaded = load_project(path)
    scores = loaded.scores.model_copy(update={"consensus": []})
    ev = evaluate_project(loaded, scores, monte_carlo_samples=0)
    assert requirement(ev, "alpha", "OPS-SFA-001").score == 4.0  # median of 5, 4, 2


# --- scores passed in (as the web app does) ----------------------------------------------------


def test_empty_scores_drop_the_criteria_without_data():
    ev = evaluate_project(load_project(DATA / "basic"), ScoresFile(), monte_carlo_samples=0)
    assert ev.dropped_criteria == ["test_drive", "references"]
    assert set(ev.criteria_weights) == {"functional", "integration", "non_functional", "cost"}
    assert math.isclose(sum(ev.criteria_weights.values()), 1.0)
    assert math.isclose(ev.criteria_weights["functional"], 0.35 / 0.8)
    codes = ev.warning_codes()
    assert codes.count("criterion_dropped") == 2
    assert "no_evaluator_scores" in codes and "no_scenario_scored" in codes
    dropped = next(w for w in ev.warnings if w.code == "criterion_dropped")
    assert text(dropped.message(), "en") == (
        "No vendor has data for test-drive results: it was left out and the other criteria's "
        "weights were rescaled.")
    assert criterion(ev, "alpha", "test_drive").score is None


def record(**fields) -> ScoreRecord:
    base = {"evaluator": "ayse", "vendor": "alpha", "target": "OPS-SFA-001", "score": 3}
    return ScoreRecord.model_construct(**{**base, "note": "", "at": None, **fields})


@pytest.mark.parametrize(("fields", "lines"), [
    ({"vendor": "zeta"}, ["scores.yaml: scores.0.vendor: no such vendor 'zeta' in the project "
                           "(did you mean beta?)"]),
    ({"evaluator": "nobody"}, ["scores.yaml: scores.0.evaluator: no such evaluator 'nobody'"]),
    ({"target": "OPS-SFA-003"},
     ["scores.yaml: scores.0.target: OPS-SFA-003 is not a requirement of this project "
      "(did you mean OPS-SFA-002?)"]),
    ({"target": "SCN-SALES.3"},
     ["scores.yaml: scores.0.target: scenario SCN-SALES has steps 1 to 2, not '3'"]),
    ({"score": 7.0}, ["scores.yaml: scores.0.score: 7 is outside the 0–5 scale"]),
    ({"score": -1.0}, ["scores.yaml: scores.0.score: -1 is outside the 0–5 scale"]),
])
def test_bad_scores_passed_in(fields, lines):
    loaded = load_project(DATA / "basic")
    with pytest.raises(CrmselectError) as exc:
        evaluate_project(loaded, ScoresFile(scores=[record(**fields)]))
    assert exc.value.lines(english) == lines
    assert exc.value.what == "nothing_scored"


def test_duplicate_records_count_once():
    loaded = load_project(DATA / "basic")
    scores = ScoresFile(scores=[record(score=1), record(score=2)])
    ev = evaluate_project(loaded, scores, monte_carlo_samples=0)
    assert requirement(ev, "alpha", "OPS-SFA-001").score == 2.0
    assert requirement(ev, "alpha", "OPS-SFA-001").n_scorers == 1
    assert "duplicate_score" in ev.warning_codes()


# --- bad project files ------------------------------------------------------------------------


def test_score_outside_the_scale_in_scores_yaml(tmp_path):
    path = copy_project(tmp_path, "hand", scores={"scores": [
        {"evaluator": "ayse", "vendor": "alpha", "target": "OPS-SFA-001", "score": 6}]})
    with pytest.raises(CrmselectError) as exc:
        load_project(path)
    assert [i.format(english).replace(str(path), "P") for i in exc.value.issues] == [
        "P/scores.yaml:3:10: scores[0].score: 6 must be <= 5"]


def test_negative_price(tmp_path):
    path = copy_project(tmp_path, "hand")
    vendor = path / "vendors" / "alpha.yaml"
    vendor.write_text(vendor.read_text().replace("implementation: 20000",
                                                 "implementation: -20000"))
    with pytest.raises(CrmselectError) as exc:
        load_project(path)
    assert [i.format(english).replace(str(path), "P") for i in exc.value.issues] == [
        "P/vendors/alpha.yaml:10:19: pricing.implementation: -20000 must be >= 0"]


def test_all_weights_zero_is_refused_by_the_loader(tmp_path):
    zero = dict.fromkeys(["functional", "integration", "non_functional", "test_drive", "cost",
                          "references"], 0)
    path = copy_project(tmp_path, "hand", {"weights.criteria": zero})
    with pytest.raises(CrmselectError) as exc:
        load_project(path)
    assert "all top-level criteria weigh 0: the weight tree sums to zero" in "\n".join(
        exc.value.lines(english))


def test_weight_only_on_criteria_without_data(tmp_path):
    path = copy_project(tmp_path, "hand", {"weights.criteria": {"references": 10}})
    with pytest.raises(CrmselectError) as exc:
        evaluate(path)
    assert [i.format(english).replace(str(path), "P") for i in exc.value.issues] == [
        "P/project.yaml: weights.criteria: every criterion that has data weighs 0: there is "
        "nothing to rank on (give a positive weight to a criterion that was scored)"]


def test_unknown_method():
    with raises_english("unknown scoring method 'ahp'; use wsm or topsis"):
        evaluate(DATA / "hand", method="ahp")


# --- decision hygiene -------------------------------------------------------------------------


def codes(path: Path, **options) -> list[str]:
    return evaluate(path, monte_carlo_samples=options.pop("samples", 0), **options
                    ).warning_codes()


def test_hand_hygiene(hand):
    assert hand.warning_codes() == [
        "no_evaluator_scores", "no_scenario_scored", "illustrative_winner",
        "unverified_discount_off"]
    assert hand.warnings[3].params == {"n": 2}


def test_short_horizon(tmp_path):
    path = copy_project(tmp_path, "hand", {"tco.horizon_years": 1})
    assert "short_horizon" in codes(path)


def test_weights_changed_after_scoring_began():
    loaded = load_project(DATA / "basic")
    same = loaded.scores.model_copy(update={"weights_fingerprint": weights_fingerprint(loaded)})
    other = loaded.scores.model_copy(update={"weights_fingerprint": "0123456789abcdef"})
    assert "weights_changed" not in evaluate_project(loaded, same).warning_codes()
    assert "weights_changed" in evaluate_project(loaded, other).warning_codes()


def test_single_evaluator(tmp_path):
    path = copy_project(tmp_path, "hand", scores={"scores": [
        {"evaluator": "ayse", "vendor": "alpha", "target": "OPS-SFA-001", "score": 4}]})
    ev = evaluate(path, monte_carlo_samples=0)
    warning = next(w for w in ev.warnings if w.code == "single_evaluator")
    assert text(warning.message(), "en") == (
        "Only one evaluator (Ayşe Yılmaz) has scored: one person's view decides.")


def test_must_that_no_vendor_meets(tmp_path):
    path = copy_project(tmp_path, "basic", {"scoring.knockout_threshold": 4.5})
    ev = evaluate(path, monte_carlo_samples=0)
    unmet = [w.params["requirement"] for w in ev.warnings if w.code == "must_unmet"]
    assert unmet == ["OPS-SFA-001"]
    assert "all_knocked_out" in ev.warning_codes()
    assert ev.winner is None
    assert all(r.knocked_out for r in ev.ranking)


def test_relative_price_formula(tmp_path, basic):
    path = copy_project(tmp_path, "basic", {"tco.price_formula": "relative"})
    ev = evaluate(path, monte_carlo_samples=0)
    assert "relative_price_formula" in ev.warning_codes()
    assert ev.tco["alpha"].cost_score == 5.0
    assert math.isclose(ev.tco["beta"].cost_score,
                        5 * basic.tco["alpha"].total / basic.tco["beta"].total)


def test_no_budget_falls_back_to_relative(tmp_path):
    path = copy_project(tmp_path, "basic", {"tco.target_budget": None})
    found = codes(path)
    assert "no_budget" in found and "relative_price_formula" not in found  # one warning


def test_no_ceiling_uses_twice_the_budget(tmp_path):
    path = copy_project(tmp_path, "hand", {"tco.ceiling": None})
    ev = evaluate(path, monte_carlo_samples=0)
    assert "no_ceiling" in ev.warning_codes()
    assert ev.tco["beta"].cost_score == 2.5  # 150,000 halfway between 100,000 and 200,000


def test_ceiling_below_budget(tmp_path):
    path = copy_project(tmp_path, "hand", {"tco.ceiling": 50000})
    with pytest.raises(CrmselectError) as exc:
        evaluate(path)
    assert exc.value.lines(english)[0].endswith(
        "tco.ceiling: the ceiling (50,000) must be above the target budget (100,000)")


def test_unverified_discount_off(tmp_path):
    path = copy_project(tmp_path, "basic", {"scoring.unverified_discount": 0})
    ev = evaluate(path, monte_carlo_samples=0)
    warning = next(w for w in ev.warnings if w.code == "unverified_discount_off")
    assert warning.params == {"n": 10}
    assert requirement(ev, "beta", "OPS-SFA-002").score == 5.0


def test_one_vendor_only(tmp_path):
    path = copy_project(tmp_path, "hand", {"vendors": ["alpha"]})
    (path / "responses" / "beta.yaml").unlink()
    ev = evaluate(path)
    assert "single_vendor" in ev.warning_codes()
    assert ev.winner == "alpha"
    assert ev.monte_carlo is None
    assert all(s.increase is None and s.decrease is None for s in ev.sensitivity)


def test_no_clear_winner_from_a_small_lead(basic):
    warning = next(w for w in basic.warnings if w.code == "no_clear_winner")
    assert warning.params["winner"] == "alpha" and warning.params["runner_up"] == "beta"
    # the totals print as 76.5 and 75.8: the lead is 0.7 points (unrounded, 0.75 would say 0.8)
    assert warning.params["lead"] == 0.7
    assert warning.params["p_first"] == pytest.approx(0.62, abs=0.01)
    assert "by 0.7 points and ranks first in 62% of" in text(warning.message(), "en")
    assert ("fark yalnızca 0,7 puan; Alpha CRM ağırlık örneklerinin %62 oranında"
            in text(warning.message(), "tr"))


def test_no_vendors(tmp_path):
    path = copy_project(tmp_path, "hand", {"vendors": []})
    shutil.rmtree(path / "responses")
    with raises_english("the project lists no vendors"):
        evaluate(path)


# --- weights from project.yaml ----------------------------------------------------------------


def test_ahp_matrix_replaces_the_criteria_weights(tmp_path):
    ahp = {"criteria": {"items": ["functional", "cost"], "matrix": [[1, 3], [0.3333, 1]]}}
    ev = evaluate(copy_project(tmp_path, "hand", {"weights.ahp": ahp}), monte_carlo_samples=0)
    assert np.allclose(list(ev.criteria_weights.values()), [0.75, 0.25], atol=1e-4)


def test_inconsistent_ahp_matrix_is_a_warning(tmp_path):
    ahp = {"criteria": {"items": ["functional", "cost", "references"],
                        "matrix": [[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]]}}
    ev = evaluate(copy_project(tmp_path, "hand", {"weights.ahp": ahp}), monte_carlo_samples=0)
    warning = next(w for w in ev.warnings if w.code == "ahp_inconsistent")
    assert warning.params["level"] == "criteria"
    assert warning.params["cr"] > 0.1


def test_ahp_matrix_with_an_unknown_item(tmp_path):
    ahp = {"criteria": {"items": ["functional", "costs"], "matrix": [[1, 3], [0.3333, 1]]}}
    path = copy_project(tmp_path, "hand", {"weights.ahp": ahp})
    with pytest.raises(CrmselectError) as exc:
        evaluate(path)
    assert [i.format(english).replace(str(path), "P") for i in exc.value.issues] == [
        "P/project.yaml:32:9: weights.ahp.criteria.items[1]: 'costs' is not one of the "
        "criteria of this project (did you mean cost?)"]  # at its line (s13: it had none)


def test_non_reciprocal_ahp_matrix_in_project(tmp_path):
    ahp = {"criteria": {"items": ["functional", "cost"], "matrix": [[1, 3], [3, 1]]}}
    path = copy_project(tmp_path, "hand", {"weights.ahp": ahp})
    with pytest.raises(CrmselectError) as exc:
        evaluate(path)
    assert [i.format(english).replace(str(path), "P") for i in exc.value.issues] == [
        "P/project.yaml: weights.ahp.criteria.matrix: AHP matrix is not reciprocal: cell "
        "(1, 2) (functional vs cost) is 3 but cell (2, 1) (cost vs functional) is 3; "
        "expected 1/3 ≈ 0.333"]


def test_partly_weighted_areas(tmp_path):
    path = copy_project(tmp_path, "basic", {"weights.areas": {"operational": 1}})
    ev = evaluate(path, monte_carlo_samples=0)
    assert "unweighted_siblings" not in ev.warning_codes()  # only operational is functional
    path = copy_project(tmp_path / "b", "basic", {"weights.groups": {"sales_automation": 2}})
    ev = evaluate(path, monte_carlo_samples=0)
    warning = next(w for w in ev.warnings if w.code == "unweighted_siblings")
    assert warning.params == {"level": "groups", "parent": "operational",
                              "names": "service_automation, marketing_automation"}
    assert requirement(ev, "alpha", "OPS-SRV-001").weight == 0


def test_requirement_weight_override(tmp_path):
    path = copy_project(tmp_path, "hand", {"weights.requirements": {"OPS-SFA-002": 3}})
    ev = evaluate(path, monte_carlo_samples=0)
    # both requirements weigh 3 now: alpha functional = (4 + 0) / 2
    assert criterion(ev, "alpha", "functional").score == 2.0


def beta_with_profile_add_on(root: Path, profile_currency: str) -> Path:
    """Beta's profile (in ``profile_currency``) prices an add-on for INT-FIN-001 at 1,000 a
    year; its response file brings EUR pricing and leaves INT-FIN-001 blank."""
    profile = root / "vendors" / "beta.yaml"
    data = yaml.safe_load(profile.read_text(encoding="utf-8"))
    data["pricing"]["currency"] = profile_currency
    data["responses"] = {"INT-FIN-001": {
        "compliance": "third_party", "comment": "Connector", "third_party_product": "Bridge",
        "third_party_cost_per_year": 1000}}
    profile.write_text(yaml.safe_dump(data), encoding="utf-8")
    response = root / "responses" / "beta.yaml"
    data = yaml.safe_load(response.read_text(encoding="utf-8"))
    del data["responses"]["INT-FIN-001"]
    data["pricing"] = {"currency": "EUR", "licence_model": "subscription",
                       "per_user_month": {"standard": 0, "light": 0}}
    response.write_text(yaml.safe_dump(data), encoding="utf-8")
    return root


@pytest.mark.parametrize("profile_currency", ["USD", "GBP"])
def test_a_profile_never_fills_a_blank_answer(tmp_path, profile_currency):
    """The blank INT-FIN-001 is no answer: no add-on cost, no third-party risk, score 0, and
    the profile's currency needs no rate (GBP has none)."""
    ev = evaluate(beta_with_profile_add_on(copy_project(tmp_path, "basic"), profile_currency))
    beta = ev.tco["beta"]
    assert beta.source_currency == "EUR"
    assert beta.components["third_party"] == 0
    assert not [r for r in ev.risks if r.vendor == "beta" and r.kind == "third_party"]
    fin = next(rs for c in ev.vendors["beta"].criteria for a in c.areas for g in a.groups
               for rs in g.requirements if rs.requirement == "INT-FIN-001")
    assert (fin.declared, fin.source) in ((None, "no_answer"), (None, "evaluated"),
                                          (None, "consensus"))
    assert "INT-FIN-001" in ev.unanswered["beta"]


@pytest.mark.parametrize(("users", "weeks"), [(5, 4), (10, 4), (15, 5), (60, 8), (100, 8),
                                               (1000, 12)])
def test_plausible_implementation_weeks_are_whole_weeks(users, weeks):
    from crmselect.scoring.hygiene import plausible_weeks

    assert plausible_weeks(users) == weeks
