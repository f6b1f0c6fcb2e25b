"""The engine's public numbers against published worked examples, to their printed precision.

Each test names its source. Where a figure is computed by hand (no published example fits),
the test says so and shows the arithmetic.
"""

from __future__ import annotations

import numpy as np
import pytest

from crmselect.scoring import ahp, topsis, weighted_sum
from crmselect.scoring.ahp import RANDOM_INDEX
from crmselect.scoring.ranking import rank_shares
from crmselect.scoring.sensitivity import monte_carlo, weight_thresholds

# --- AHP ------------------------------------------------------------------------------------

# Wikipedia, "Analytic hierarchy process – leader example" (the board choosing among Tom,
# Dick and Harry on experience, education, charisma and age). Published priorities:
# criteria .547 .127 .270 .056; experience Tom .217 Dick .717 Harry .066; education .188 .081
# .731; charisma .743 .194 .063; age .265 .672 .063; goal: Tom .358, Dick .493, Harry .149.
LEADER_CRITERIA = [[1, 4, 3, 7], [1 / 4, 1, 1 / 3, 3], [1 / 3, 3, 1, 5], [1 / 7, 1 / 3, 1 / 5, 1]]
LEADER_ALTERNATIVES = {
    "experience": ([[1, 1 / 4, 4], [4, 1, 9], [1 / 4, 1 / 9, 1]], [0.217, 0.717, 0.066]),
    "education": ([[1, 3, 1 / 5], [1 / 3, 1, 1 / 7], [5, 7, 1]], [0.188, 0.081, 0.731]),
    "charisma": ([[1, 5, 9], [1 / 5, 1, 4], [1 / 9, 1 / 4, 1]], [0.743, 0.194, 0.063]),
    "age": ([[1, 1 / 3, 5], [3, 1, 9], [1 / 5, 1 / 9, 1]], [0.265, 0.672, 0.063]),
}


def test_wikipedia_leader_example_criteria():
    result = ahp(LEADER_CRITERIA)
    # The article prints the weights rounded so that they add up to 1.000: the eigenvector's
    # first weight is 0.54757, printed .547; all four are within half a unit of the last digit
    # but that one, which is within 0.0006.
    assert result.weights == pytest.approx([0.547, 0.127, 0.270, 0.056], abs=0.0006)
    assert result.consistent


@pytest.mark.parametrize("criterion", list(LEADER_ALTERNATIVES))
def test_wikipedia_leader_example_alternatives(criterion):
    matrix, published = LEADER_ALTERNATIVES[criterion]
    assert np.round(ahp(matrix).weights, 3).tolist() == published


def test_wikipedia_leader_example_goal():
    criteria = ahp(LEADER_CRITERIA).weights
    local = np.array([ahp(m).weights for m, _ in LEADER_ALTERNATIVES.values()]).T
    assert np.round(local @ criteria, 3).tolist() == [0.358, 0.493, 0.149]


# Saaty, T. L. (1990), "How to make a decision: The analytic hierarchy process", EJOR 48,
# 9–26: the house-buying example, whose criteria matrix has λmax 9.669, CI .238, CR .169
# (published) with RI 1.41 for n = 8.
HOUSE = [
    [1, 5, 3, 7, 6, 6, 1 / 3, 1 / 4],
    [1 / 5, 1, 1 / 3, 5, 3, 3, 1 / 5, 1 / 7],
    [1 / 3, 3, 1, 6, 3, 4, 6, 1 / 5],
    [1 / 7, 1 / 5, 1 / 6, 1, 1 / 3, 1 / 4, 1 / 7, 1 / 8],
    [1 / 6, 1 / 3, 1 / 3, 3, 1, 1 / 2, 1 / 5, 1 / 6],
    [1 / 6, 1 / 3, 1 / 4, 4, 2, 1, 1 / 5, 1 / 6],
    [3, 5, 1 / 6, 7, 5, 5, 1, 1 / 2],
    [4, 7, 5, 8, 6, 6, 2, 1],
]


def test_saaty_1990_house_lambda_ci_cr():
    result = ahp(HOUSE)
    assert (round(result.lambda_max, 3), round(result.ci, 3), round(result.cr, 3)) == (
        9.669, 0.238, 0.169)
    assert result.ri == 1.41 and not result.consistent


def test_saaty_random_index_table():
    # Saaty (1980), The Analytic Hierarchy Process, table of the random index for n = 1..10,
    # as textbooks print it: 0, 0, .58, .90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49.
    assert RANDOM_INDEX[:10] == (0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49)


# --- TOPSIS and the weighted sum ------------------------------------------------------------

# Hwang & Yoon (1981), Multiple Attribute Decision Making, Springer: the fighter-aircraft
# example (speed, range, payload, cost, reliability, manoeuvrability; cost is a cost
# criterion). Published relative closeness: A1 0.643, A2 0.268, A3 0.614, A4 0.312.
AIRCRAFT = [
    [2.0, 1500, 20000, 5.5, 5, 9],
    [2.5, 2700, 18000, 6.5, 3, 5],
    [1.8, 2000, 21000, 4.5, 7, 7],
    [2.2, 1800, 20000, 5.0, 5, 5],
]


def test_hwang_yoon_topsis_with_the_library_default_normalisation():
    closeness = topsis(AIRCRAFT, [0.2, 0.1, 0.1, 0.1, 0.2, 0.3],
                       [True, True, True, False, True, True])  # normalization="vector"
    assert np.round(closeness, 3).tolist() == [0.643, 0.268, 0.614, 0.312]


# Wikipedia, "Weighted sum model", Example: weights .20 .15 .40 .25; A1 25 20 15 30, A2 10 30
# 20 30, A3 30 10 30 10, all in one unit. Published WSM scores 21.50, 22.00, 22.00.
WSM = [[25, 20, 15, 30], [10, 30, 20, 30], [30, 10, 30, 10]]


def test_wikipedia_weighted_sum_model_example():
    scores = weighted_sum(WSM, [0.20, 0.15, 0.40, 0.25], normalization="none")
    assert np.round(scores, 2).tolist() == [21.50, 22.00, 22.00]


def test_weighted_sum_with_max_normalisation_by_hand():
    # The same matrix normalised by each column's maximum (benefit x / max):
    # A1 .2·25/30 + .15·20/30 + .4·15/30 + .25·30/30 = .16667 + .1 + .2 + .25 = .71667
    # A2 .2·10/30 + .15·30/30 + .4·20/30 + .25 = .06667 + .15 + .26667 + .25 = .73333
    # A3 .2 + .15·10/30 + .4 + .25·10/30 = .2 + .05 + .4 + .08333 = .73333
    scores = weighted_sum(WSM, [0.20, 0.15, 0.40, 0.25])  # normalization="max" by default
    assert np.round(scores, 5).tolist() == [0.71667, 0.73333, 0.73333]
    # and a cost criterion by min / x: costs 100, 200, 400 give 1, .5, .25
    cost = weighted_sum([[100], [200], [400]], [1], [False])
    assert cost.tolist() == [1.0, 0.5, 0.25]


# --- present value of the yearly costs --------------------------------------------------------

def test_discounting_is_an_annuity_due_as_in_the_textbook_tables(tmp_path):
    """Textbook annuity tables (e.g. Brealey, Myers & Allen, Principles of Corporate Finance,
    Appendix, "present value of an annuity"): 1 a year for 5 years at 10 % is worth 3.791
    when paid at the end of each year, and 3.791 × 1.10 = 4.170 when paid at the start
    (annuity due). crmselect treats year 1 as today's money (year n divided by
    (1 + r)^(n − 1)), so a flat yearly cost over 5 years at 10 % is 4.170 years' worth."""
    from test_scoring_integrity import fx_project

    from crmselect.scoring import evaluate

    alpha = evaluate(fx_project(tmp_path, 1.0, discount=10)).tco["alpha"]
    yearly = 12000  # 100 USD × 10 users × 12 months at 1 EUR per USD
    assert round(alpha.total / yearly, 3) == 4.170
    assert round(alpha.total / yearly / 1.10, 3) == 3.791  # the ordinary annuity


# --- rank acceptability -------------------------------------------------------------------------

def test_rank_shares_by_hand():
    # Three samples of three vendors' totals. Sample 1: A 80, B 70, C 60 → A1 B2 C3.
    # Sample 2: B 90, A 50, C 40 → B1 A2 C3. Sample 3: A and B tie at 60, C 70 →
    # C1, A and B share positions 2 and 3 (½ each).
    totals = np.array([[80, 70, 60], [50, 90, 40], [60, 60, 70]], dtype=float)
    shares = rank_shares(totals, np.ones(3, dtype=bool)) / 3
    np.testing.assert_allclose(shares, [
        [1 / 3, (1 + 0.5) / 3, 0.5 / 3],  # A: first once, second 1½ times, third ½
        [1 / 3, (1 + 0.5) / 3, 0.5 / 3],
        [1 / 3, 0.0, 2 / 3],
    ])


def test_monte_carlo_first_place_matches_the_beta_distribution():
    """Two criteria, vendor A scores 5 and 0, vendor B 0 and 5: A wins exactly when the
    first criterion weighs more than half. With weights (0.7, 0.3) and concentration 10
    that weight is Beta(7, 3), so P(A first) = 1 − I_0.5(7, 3) = 1 − P(Bin(9, ½) ≥ 7)
    = 1 − (36 + 9 + 1) / 512 = 0.91016 (computed by hand)."""
    result = monte_carlo(np.array([[5.0, 0.0], [0.0, 5.0]]), np.array([0.7, 0.3]),
                         ["a", "b"], np.ones(2, dtype=bool), samples=200_000, seed=7,
                         concentration=10)
    assert result.p_first["a"] == pytest.approx(1 - 46 / 512, abs=0.004)  # 5 standard errors
    assert result.p_first["a"] + result.p_first["b"] == pytest.approx(1.0)


def test_weight_threshold_by_hand():
    # A scores 5 on criterion 1 and 2 on criterion 2; B scores 3 and 5. With weight w on
    # criterion 1 (1 − w on criterion 2): A = 20(5w + 2(1 − w)) = 20(3w + 2) and
    # B = 20(3w + 5(1 − w)) = 20(5 − 2w), equal at w = 0.6. At (0.7, 0.3) A leads 82 to 72
    # and B wins once criterion 1 weighs less than 0.6 (criterion 2 more than 0.4).
    flips = weight_thresholds(np.array([[5.0, 2.0], [3.0, 5.0]]), np.array([0.7, 0.3]),
                              ["c1", "c2"], ["a", "b"], np.ones(2, dtype=bool))
    assert flips[0].increase is None and flips[1].decrease is None
    assert flips[0].decrease.new_weight == pytest.approx(0.6)
    assert flips[0].decrease.change == pytest.approx(-0.1)
    assert flips[1].increase.new_weight == pytest.approx(0.4)
    assert flips[0].decrease.overtaken_by == "b"
