"""More of the engine's numbers against published worked examples (the first set is in
``test_worked_examples.py``; nothing checked there is repeated here).

Each test names its source. Where no published example fits, the test computes the figure by
hand and shows the arithmetic.
"""

from __future__ import annotations

import numpy as np
import pytest

from crmselect.errors import CrmselectError
from crmselect.kpi import compute_kpi, load_kpis
from crmselect.scoring import ahp, topsis, weighted_sum

# --- AHP: principal eigenvector, the method crmselect claims ---------------------------------

# Saaty, T. L. (2008), "Decision making with the analytic hierarchy process", International
# Journal of Services Sciences 1(1), 83–98, Table 2: which drink is consumed more in the US
# (coffee, wine, tea, beer, sodas, milk, water). The eigenvector printed there:
# .177 .019 .042 .116 .190 .129 .327 (close to the actual consumption figures).
DRINKS = [
    [1, 9, 5, 2, 1, 1, 1 / 2],
    [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
    [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
    [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [1, 9, 4, 2, 1, 2, 1 / 2],
    [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [2, 9, 9, 3, 2, 3, 1],
]
DRINKS_PUBLISHED = [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327]


def test_saaty_2008_drinks_eigenvector_to_three_digits():
    result = ahp(DRINKS)
    assert np.round(result.weights, 3).tolist() == DRINKS_PUBLISHED
    assert result.consistent and round(result.cr, 3) == 0.022  # λmax 7.177, RI 1.32


def test_the_published_priorities_are_the_eigenvector_not_the_geometric_mean():
    """crmselect claims Saaty's principal eigenvector (the default). On the drinks matrix the
    row geometric mean differs from the published priorities in the third digit (water .324,
    coffee .179), so only the eigenvector reproduces Saaty's table; the two agree exactly on a
    consistent matrix (a_ij = w_i / w_j), where every method returns w."""
    geometric = np.round(ahp(DRINKS, method="geometric").weights, 3).tolist()
    assert geometric != DRINKS_PUBLISHED
    assert (geometric[0], geometric[6]) == (0.179, 0.324)
    w = np.array([0.5, 0.25, 0.15, 0.1])
    consistent = np.outer(w, 1 / w)
    for method in ("eigenvector", "geometric", "approximate"):
        result = ahp(consistent, method=method)
        np.testing.assert_allclose(result.weights, w, rtol=1e-12)
        assert result.cr == pytest.approx(0.0, abs=1e-12)


# Saaty (1990), "How to make a decision: The analytic hierarchy process", EJOR 48, 9–26,
# the house example: the criteria priorities printed beside the matrix (size .173,
# transportation .054, neighbourhood .188, age .018, yard .031, modern facilities .036,
# general condition .167, financing .333). λmax, CI and CR are checked in
# test_worked_examples.py; these are the weights.
def test_saaty_1990_house_priorities_to_three_digits():
    from test_worked_examples import HOUSE

    assert np.round(ahp(HOUSE).weights, 3).tolist() == [
        0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333]


def test_saaty_consistency_rule_is_cr_at_most_ten_percent():
    """Saaty (1980): a CR of 0.10 or less is acceptable. For a 3×3 reciprocal matrix with
    a_12 = a, a_13 = b, a_23 = c the principal eigenvalue is known in closed form:
    λmax = 1 + d^(1/3) + d^(−1/3) with d = a·c / b. With b = c = 1 and a = 2:
    λmax = 1 + 1.25992 + 0.79370 = 3.05362, CI = 0.02681, CR = CI / 0.58 = 0.04623;
    with a = 4: λmax = 1 + 1.58740 + 0.62996 = 3.21736, CI = 0.10868, CR = 0.18738.
    CR = 0.10 needs λmax = 3.116, i.e. d^(1/3) = (2.116 + √(2.116² − 4)) / 2 = 1.40349,
    d = 2.7646: a = 2.76 is just inside the rule and a = 2.77 just outside."""

    def cr(a: float) -> float:
        return ahp([[1, a, 1], [1 / a, 1, 1], [1, 1, 1]]).cr

    assert round(cr(2), 5) == 0.04623 and round(cr(4), 5) == 0.18738
    assert ahp([[1, 2.76, 1], [1 / 2.76, 1, 1], [1, 1, 1]]).consistent
    assert cr(2.76) < 0.10 < cr(2.77)
    assert not ahp([[1, 2.77, 1], [1 / 2.77, 1, 1], [1, 1, 1]]).consistent


# --- TOPSIS: the intermediate steps by hand ----------------------------------------------------

def test_topsis_weighted_normalised_matrix_and_closeness():
    """Sennaroğlu, B. (2009), Decision Analysis lecture notes, "TOPSIS Example": three
    alternatives on two criteria (17, 12), (10, 9), (8, 6), weights 0.714 and 0.286. The
    printed weighted normalised matrix V = w · x / √Σx²: (.5703, .2124), (.3355, .1593),
    (.2684, .1062) (√453 = 21.284 and √261 = 16.155).

    The closeness by hand, with the second criterion a cost (ideal (.5703, .1062), anti-ideal
    (.2684, .2124)): A1 d+ = .1062, d− = √(.3019² + 0) = .3019, C = .3019 / .4081 = .7398;
    A2 d+ = √(.2348² + .0531²) = .2408, d− = √(.0671² + .0531²) = .0856, C = .2622;
    A3 d+ = .3019, d− = .1062, C = .2602."""
    from crmselect.scoring.mcda import normalize

    x = np.array([[17, 12], [10, 9], [8, 6]], dtype=float)
    w = np.array([0.714, 0.286])
    v = normalize(x, np.array([True, False]), "vector") * w
    assert np.round(v, 4).tolist() == [[0.5703, 0.2124], [0.3355, 0.1593], [0.2684, 0.1062]]
    closeness = topsis(x, w, [True, False])
    assert np.round(closeness, 4).tolist() == [0.7398, 0.2622, 0.2602]


# --- the weighted sum: normalisation ------------------------------------------------------------

def test_minmax_treats_an_all_equal_column_alike_for_benefit_and_cost():
    """With min–max normalisation a benefit value becomes (x − min)/(max − min) and a cost
    value (max − x)/(max − min). When every alternative has the same value the column cannot
    separate them, and it must score them the same whether it is called a benefit or a cost:
    all 1 (everyone is at the best value). Before, a constant cost column scored everyone 0
    and a constant benefit column 1, so the same matrix gave 0.0/0.5 or 0.5/1.0."""
    matrix = [[1, 100], [3, 100]]
    as_cost = weighted_sum(matrix, [0.5, 0.5], [True, False], normalization="minmax")
    as_benefit = weighted_sum(matrix, [0.5, 0.5], [True, True], normalization="minmax")
    assert as_cost.tolist() == as_benefit.tolist() == [0.5, 1.0]
    # and an ordinary cost column by hand: costs 100, 200, 400 → 1, 2/3, 0
    scores = weighted_sum([[100], [200], [400]], [1], [False], normalization="minmax")
    np.testing.assert_allclose(scores, [1.0, 2 / 3, 0.0])


# --- TCO: perpetual licence, maintenance, yearly rates and discounting -------------------------

def test_perpetual_licence_tco_by_hand(tmp_path):
    """A perpetual bid in USD for a project counting in EUR, by hand:

    10 users × 1,000 USD = 10,000 USD of licences in year 1; maintenance 20 % of that,
    rising 10 % a year: 2,000, 2,200, 2,420; implementation 5,000 in year 1; support
    1,000 a year. Year totals in USD: 18,000, 3,200, 3,420. Converted at 0.9, 1.0, 1.1 EUR
    per USD: 16,200, 3,200, 3,762. Discounted at 10 % with year 1 as today's money
    (÷ 1, ÷ 1.1, ÷ 1.21): 16,200, 2,909.09, 3,109.09; TCO 22,218.18 EUR.
    Cost score with budget 20,000 and ceiling 30,000: 5 × (30,000 − 22,218.18) / 10,000
    = 3.8909."""
    from test_scoring_integrity import ALL_NATIVE, make_project

    from crmselect.scoring import evaluate

    tco = {"horizon_years": 3, "target_budget": 20000, "ceiling": 30000,
           "discount_rate_pct": 10}
    root = make_project(tmp_path, project={"exchange_rates": {"USD": [0.9, 1.0, 1.1]},
                                           "tco": tco}, responses={
        "alpha": {"pricing": {"currency": "USD", "licence_model": "perpetual",
                              "perpetual_per_user": {"standard": 1000}, "maintenance_pct": 20,
                              "yearly_increase_pct": 10, "implementation": 5000,
                              "support_per_year": 1000},
                  "responses": dict(ALL_NATIVE)}})
    alpha = evaluate(root).tco["alpha"]
    assert [round(y.total, 2) for y in alpha.years] == [16200.0, 2909.09, 3109.09]
    assert round(alpha.components["licences"], 2) == 9000.0
    assert round(alpha.components["maintenance"], 2) == round(
        1800 + 2200 / 1.1 + 2420 * 1.1 / 1.21, 2)
    assert round(alpha.total, 2) == 22218.18
    assert round(alpha.cost_score, 4) == 3.8909


# --- KPIs: the formulas of the Turkish seed article and the standard definitions ---------------

@pytest.fixture(scope="module")
def kpis():
    return load_kpis()


@pytest.mark.parametrize("kpi_id, inputs, expected", [
    # Reichheld (2003), "The One Number You Need to Grow", HBR: NPS = % promoters − %
    # detractors; 60 % promoters and 10 % detractors of 200 answers give 50.
    ("nps", {"promoters": 120, "detractors": 20, "total_responses": 200}, 50.0),
    # The seed article (Turkish, "CRM'de Başarıyı Ölçmek İçin Hangi Metrikler Kullanılır?"),
    # Müşteri Tutma Oranı = (Dönem Sonu − Yeni Müşteri) / Dönem Başı: (180 − 50) / 200 = 65 %.
    ("customer_retention_rate",
     {"customers_end": 180, "new_customers": 50, "customers_start": 200}, 65.0),
    # ibid., CAC = Pazarlama ve Satış Giderleri / Yeni Müşteri: (30,000 + 20,000) / 125 = 400.
    ("customer_acquisition_cost",
     {"marketing_cost": 30000, "sales_cost": 20000, "new_customers": 125}, 400.0),
    # ibid., CLTV = Ortalama Sipariş Değeri × Sipariş Sıklığı × Yaşam Süresi − CAC:
    # 250 × 4 × 3 − 400 = 2,600.
    ("customer_lifetime_value", {"average_order_value": 250, "purchase_frequency": 4,
                                 "customer_lifespan": 3, "acquisition_cost": 400}, 2600.0),
    # churn: customers lost / customers at the start: 20 / 200 = 10 %.
    ("churn_rate", {"customers_lost": 20, "customers_start": 200}, 10.0),
    # first contact resolution: resolved at the first contact / resolved: 720 / 900 = 80 %.
    ("first_contact_resolution_rate",
     {"resolved_first_contact": 720, "resolved_cases": 900}, 80.0),
    # net revenue retention: (100,000 + 15,000 − 5,000 − 8,000) / 100,000 = 102 %.
    ("net_revenue_retention", {"starting_recurring_revenue": 100000, "expansion": 15000,
                               "contraction": 5000, "churned": 8000}, 102.0),
])
def test_kpis_against_their_definitions(kpis, kpi_id, inputs, expected):
    assert compute_kpi(kpis[kpi_id], inputs).value == pytest.approx(expected)


@pytest.mark.parametrize("kpi_id, inputs, line", [
    # losing more recurring revenue than the existing customers brought gives an NRR below
    # zero (−40 % here), which no period can have
    ("net_revenue_retention", {"starting_recurring_revenue": 100, "expansion": 10,
                               "contraction": 50, "churned": 100},
     "KPI net_revenue_retention: the inputs contradict each other: contraction + churned "
     "(150) is more than starting_recurring_revenue + expansion (110)"),
    # on the 1–7 scale every answer counts at least 1: 100 answers cannot sum to 50 (CES 0.5)
    ("customer_effort_score", {"sum_of_scores": 50, "total_responses": 100},
     "KPI customer_effort_score: the inputs contradict each other: total_responses (100) is "
     "more than sum_of_scores (50)"),
])
def test_kpi_inputs_outside_the_definition_are_refused(kpis, kpi_id, inputs, line):
    from rendered import english

    with pytest.raises(CrmselectError) as exc:
        compute_kpi(kpis[kpi_id], inputs)
    assert [english(issue.message) for issue in exc.value.issues] == [line]


def test_customer_effort_score_at_the_ends_of_its_scale(kpis):
    kpi = kpis["customer_effort_score"]
    assert compute_kpi(kpi, {"sum_of_scores": 100, "total_responses": 100}).value == 1.0
    assert compute_kpi(kpi, {"sum_of_scores": 700, "total_responses": 100}).value == 7.0


# --- sensitivity: the weight at which the winner changes ----------------------------------------

def test_topsis_weight_threshold_solves_the_closeness_equation():
    """Two vendors, two criteria, TOPSIS against the ends of the 0–5 scale (ideal 1,
    anti-ideal 0 after dividing by 5). A scores (5, 2) → (1, .4), B (3, 5) → (.6, 1). With
    weight w on criterion 1, by hand:
    C_A(w) = √(w² + (.4(1 − w))²) / (√(w² + (.4(1 − w))²) + .6(1 − w)),
    C_B(w) = √((.6w)² + (1 − w)²) / (√((.6w)² + (1 − w)²) + .4w).
    At w = .7, C_A = .7978 > C_B = .6483; the threshold is where C_A = C_B, and below it B
    leads."""
    import math

    from crmselect.scoring.sensitivity import weight_thresholds

    def closeness(r: tuple[float, float], w: float) -> float:
        plus = math.hypot(w * (1 - r[0]), (1 - w) * (1 - r[1]))
        minus = math.hypot(w * r[0], (1 - w) * r[1])
        return minus / (plus + minus)

    a, b = (1.0, 0.4), (0.6, 1.0)
    assert round(closeness(a, 0.7), 4) == 0.7978 and round(closeness(b, 0.7), 4) == 0.6483
    flips = weight_thresholds(np.array([[5.0, 2.0], [3.0, 5.0]]), np.array([0.7, 0.3]),
                              ["c1", "c2"], ["a", "b"], np.ones(2, dtype=bool), "topsis")
    w = flips[0].decrease.new_weight
    assert flips[0].decrease.overtaken_by == "b" and flips[0].increase is None
    assert closeness(a, w) == pytest.approx(closeness(b, w), abs=1e-9)
    assert closeness(b, w - 1e-6) > closeness(a, w - 1e-6)
    assert closeness(a, w + 1e-6) > closeness(b, w + 1e-6)
    assert round(w, 4) == 0.5769


@pytest.mark.parametrize("method", ["wsm", "topsis"])
def test_a_vendor_tied_with_the_winner_overtakes_it_at_the_smallest_move(method):
    """A (5, 3) and B (3, 5) at weights (.5, .5) tie: 20 × (2.5 + 1.5) = 80 each. Lowering
    criterion 1's weight by any amount puts B ahead (and raising criterion 2's), so the
    threshold is the current weight itself. The weighted sum said "never" in every direction
    (its exact solver skipped a crossing at the current weight), while TOPSIS found it."""
    from crmselect.scoring.sensitivity import weight_thresholds

    c1, c2 = weight_thresholds(np.array([[5.0, 3.0], [3.0, 5.0]]), np.array([0.5, 0.5]),
                               ["c1", "c2"], ["a", "b"], np.ones(2, dtype=bool), method)
    assert c1.increase is None and c2.decrease is None
    assert (c1.decrease.overtaken_by, c2.increase.overtaken_by) == ("b", "b")
    assert c1.decrease.new_weight == pytest.approx(0.5, abs=1e-9)
    assert c2.increase.new_weight == pytest.approx(0.5, abs=1e-9)


def test_sensitivity_command_names_the_tied_vendor_in_the_right_column(tmp_path):
    """A project whose two vendors tie at 90.0 (functional 50 %, cost 50 %): Alpha scores 4
    (configurable) and 5 on cost (60,000 EUR, under the 100,000 budget); Beta scores 5
    (native) and 4 on cost (120,000 EUR: 5 × (200,000 − 120,000) / 100,000). Raising the
    functional weight, or lowering the cost weight, by the smallest amount lets Beta win."""
    from test_scoring_integrity import make_project, pricing, run

    from crmselect.scoring import evaluate

    ids = ["OPS-SFA-001", "OPS-SFA-002", "INT-FIN-001"]
    weights = {"criteria": {"functional": 50, "integration": 0, "non_functional": 0,
                            "test_drive": 0, "cost": 50, "references": 0}}
    root = make_project(tmp_path, project={"weights": weights}, responses={
        "alpha": {"pricing": pricing(100),
                  "responses": {r: {"compliance": "configurable"} for r in ids}},
        "beta": {"pricing": pricing(200),
                 "responses": {r: {"compliance": "native"} for r in ids}}})
    ev = evaluate(root)
    assert [(r.vendor, r.rank, r.total) for r in ev.ranking] == [
        ("alpha", 1, 90.0), ("beta", 1, 90.0)]
    code, out = run("sensitivity", root, "--lang", "en")
    assert code == 0
    rows = {line.split()[0]: line for line in out.splitlines() if line[:1].isupper()}
    assert rows["Functional"].split("  ")[-1].strip() == "never"
    assert "at the smallest rise (Beta CRM)" in rows["Functional"]
    assert rows["Cost"].rstrip().endswith("at the smallest fall (Beta CRM)")
