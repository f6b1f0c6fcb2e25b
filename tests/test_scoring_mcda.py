"""TOPSIS and weighted sum on plain matrices: a textbook example, properties, bad input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from rendered import english

from crmselect.errors import CrmselectError
from crmselect.scoring import topsis, weighted_sum

# Hwang, C.-L. & Yoon, K. (1981). Multiple Attribute Decision Making: Methods and
# Applications. Springer. The fighter-aircraft example: four aircraft on maximum speed (Mach),
# ferry range (NM), maximum payload (lb), acquisition cost ($10⁶, a cost criterion),
# reliability and manoeuvrability (qualitative: low 3, average 5, high 7, very high 9).
# Published relative closeness: A1 0.643, A2 0.268, A3 0.614, A4 0.312 (A1 > A3 > A4 > A2).
AIRCRAFT = [
    [2.0, 1500, 20000, 5.5, 5, 9],
    [2.5, 2700, 18000, 6.5, 3, 5],
    [1.8, 2000, 21000, 4.5, 7, 7],
    [2.2, 1800, 20000, 5.0, 5, 5],
]
AIRCRAFT_WEIGHTS = [0.2, 0.1, 0.1, 0.1, 0.2, 0.3]
AIRCRAFT_BENEFIT = [True, True, True, False, True, True]


def test_hwang_yoon_1981_fighter_aircraft():
    closeness = topsis(AIRCRAFT, AIRCRAFT_WEIGHTS, AIRCRAFT_BENEFIT)
    assert np.round(closeness, 3).tolist() == [0.643, 0.268, 0.614, 0.312]
    assert np.argsort(-closeness).tolist() == [0, 2, 3, 1]


def test_topsis_accepts_numpy_and_unnormalised_weights():
    closeness = topsis(np.array(AIRCRAFT), np.array(AIRCRAFT_WEIGHTS) * 10, AIRCRAFT_BENEFIT)
    assert np.round(closeness, 3).tolist() == [0.643, 0.268, 0.614, 0.312]


def test_weighted_sum_by_hand():
    # max normalisation: benefit x / max, cost min / x
    matrix = [[4, 200], [5, 100], [2, 400]]
    scores = weighted_sum(matrix, [0.5, 0.5], [True, False])
    assert np.allclose(scores, [0.5 * 4 / 5 + 0.5 * 100 / 200, 0.5 * 1 + 0.5 * 1,
                                0.5 * 2 / 5 + 0.5 * 100 / 400])
    assert np.allclose(weighted_sum([[1, 2], [3, 4]], [1, 3], normalization="none"),
                       [1 * 0.25 + 2 * 0.75, 3 * 0.25 + 4 * 0.75])


def test_minmax_normalisation():
    scores = weighted_sum([[0, 10], [5, 0], [10, 5]], [1, 1], [True, False],
                          normalization="minmax")
    assert np.allclose(scores, [0.0, 0.75, 0.75])


def test_identical_alternatives_are_tied_in_topsis():
    assert topsis([[3, 3], [3, 3]], [1, 1]).tolist() == [0.5, 0.5]


@pytest.mark.parametrize(("call", "message"), [
    (lambda: topsis([[1, 2]], [1], [True, True]),
     "the weights (1) do not match the criteria (2): give one weight per criterion"),
    (lambda: topsis([[1, 2]], [1, 1], [True]),
     "the benefit flags (1) do not match the criteria (2): give one flag per criterion"),
    (lambda: topsis([1, 2], [1, 1]), "the decision matrix must be a table with one row per "
                                     "alternative and one column per criterion"),
    (lambda: topsis([[1, 2]], [0, 0]), "all weights are zero: there is nothing to compare on"),
    (lambda: topsis([[1, 2]], [1, -1]), "weights must be finite and not negative"),
    (lambda: topsis([[1, -2]], [1, 1]), "the decision matrix cell (1, 2) is -2; values must "
                                        "not be negative"),
    (lambda: topsis([[1, np.nan]], [1, 1]), "the decision matrix holds a missing or infinite "
                                            "value"),
    (lambda: weighted_sum([[1, 0]], [1, 1], [True, False]),
     "criterion 2 is a cost criterion with a 0 value; max normalization (lowest / value) needs "
     "positive costs"),
    (lambda: weighted_sum([[1, 2]], [1, 1], normalization="zscore"),
     "unknown normalization 'zscore'; use one of vector, max, minmax, sum, none"),
    (lambda: weighted_sum([[1, 0]], [1, 1], [True, False], normalization="sum"),
     "criterion 2 is a cost criterion with a 0 value; sum normalization ((1 / value) / "
     "Σ(1 / value)) needs positive costs"),
    (lambda: weighted_sum([[1, 2]], [1, 1], [True, False], normalization="none"),
     "criterion 2 is a cost criterion, but normalization 'none' uses the values as they are and "
     "cannot turn a cost around; use max, minmax, sum or vector, or give values where higher "
     "is better"),
    (lambda: topsis([[1, 2]], [1, 1], bounds=([0, 5], [0, 9])),
     "TOPSIS bounds must be finite, with a different worst and best value for every criterion"),
    (lambda: topsis([["a", 2]], [1, 1]), "the decision matrix and the weights must be numbers"),
])
def test_bad_input(call, message):
    with pytest.raises(CrmselectError) as exc:
        call()
    assert exc.value.lines(english) == [message]


def test_bad_input_is_a_message_code_the_edge_writes_in_turkish() -> None:
    """The core makes no text: each problem is a code, written in the reader's language
    (Turkish here, with the Turkish decimal mark)."""
    from crmselect.i18n import text

    with pytest.raises(CrmselectError) as exc:
        topsis([[1, -2.5]], [1, 1])
    assert exc.value.issues[0].message.code == "mcda_negative"
    assert exc.value.lines(lambda m: text(m, "tr")) == [
        "karar matrisinin (1, 2) hücresi -2,5; değerler negatif olamaz"]
    with pytest.raises(CrmselectError) as exc:
        weighted_sum([[1, 2]], [1, 1, 1])
    assert exc.value.lines(lambda m: text(m, "tr")) == [
        "ağırlık sayısı (3) kriter sayısıyla (2) uyuşmuyor: her kriter için bir ağırlık verin"]


scores_0_5 = st.floats(min_value=0.1, max_value=5, allow_nan=False)


@st.composite
def decision(draw, min_alternatives=2):
    n = draw(st.integers(min_alternatives, 6))
    m = draw(st.integers(1, 5))
    matrix = np.array(draw(st.lists(st.lists(scores_0_5, min_size=m, max_size=m),
                                    min_size=n, max_size=n)))
    weights = np.array(draw(st.lists(st.floats(0, 10), min_size=m, max_size=m)))
    assume(weights.sum() > 0.01)
    benefit = draw(st.lists(st.booleans(), min_size=m, max_size=m))
    return matrix, weights, benefit


@given(decision(), st.floats(0.01, 1000))
def test_scaling_the_weights_keeps_the_result(problem, factor):
    matrix, weights, benefit = problem
    for method in (weighted_sum, topsis):
        assert np.allclose(method(matrix, weights, benefit),
                           method(matrix, weights * factor, benefit))


@given(decision(), st.data())
def test_a_dominated_alternative_never_changes_the_order_of_the_others(problem, data):
    matrix, weights, benefit = problem
    before = weighted_sum(matrix, weights, benefit)
    # worse than or equal to an existing alternative on every criterion
    base = matrix[data.draw(st.integers(0, len(matrix) - 1))]
    shrink = np.array(data.draw(st.lists(st.floats(0.5, 1), min_size=len(base),
                                         max_size=len(base))))
    dominated = np.where(benefit, base * shrink, base / shrink)
    after = weighted_sum(np.vstack([matrix, dominated]), weights, benefit)
    assert np.allclose(after[:-1], before)
    assert after[-1] <= after[:-1].max() + 1e-12


@given(decision())
def test_topsis_closeness_is_between_0_and_1(problem):
    closeness = topsis(*problem)
    assert ((closeness >= 0) & (closeness <= 1)).all()
