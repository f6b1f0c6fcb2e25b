"""AHP: Saaty's published examples, consistency, and bad matrices."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from clirun import run
from hypothesis import given
from hypothesis import strategies as st
from rendered import english, raises_english

from crmselect.cli import main
from crmselect.errors import CrmselectError
from crmselect.scoring import ahp
from crmselect.scoring.ahp import RANDOM_INDEX, consistent_matrix

# Saaty, T. L. (1990). "How to make a decision: The analytic hierarchy process." European
# Journal of Operational Research 48, 9–26: the criteria for buying a house (size,
# transportation, neighbourhood, age, yard, modern facilities, general condition, financing).
# Published: weights .173 .054 .188 .018 .031 .036 .167 .333, λmax 9.669, CI .238, CR .169.
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
# Same paper: the three houses A, B, C compared on "size of house".
# Published: weights .754 .181 .065, λmax 3.136, CI .068, CR .117.
HOUSE_SIZE = [[1, 6, 8], [1 / 6, 1, 4], [1 / 8, 1 / 4, 1]]


def test_saaty_1990_house_criteria():
    result = ahp(HOUSE)
    assert np.round(result.weights, 3).tolist() == [
        0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333]
    assert round(result.lambda_max, 3) == 9.669
    assert round(result.ci, 3) == 0.238
    assert round(result.cr, 3) == 0.169
    assert result.ri == 1.41
    assert not result.consistent


def test_saaty_1990_house_size():
    result = ahp(HOUSE_SIZE)
    assert np.round(result.weights, 3).tolist() == [0.754, 0.181, 0.065]
    assert round(result.lambda_max, 3) == 3.136
    assert round(result.ci, 3) == 0.068
    assert round(result.cr, 3) == 0.117
    assert not result.consistent


def test_most_inconsistent_pair_of_the_house_matrix():
    # Neighbourhood is 6 times as important as general condition, although condition weighs
    # almost as much as neighbourhood overall: the judgement Saaty's example is known for.
    pair = ahp(HOUSE).most_inconsistent_pair
    assert (pair.i, pair.j, pair.value) == (2, 6, 6)
    assert round(pair.suggested, 2) == 1.13


def test_geometric_and_approximate_methods_agree_on_a_near_consistent_matrix():
    matrix = [[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]]
    eig = ahp(matrix).weights
    for method in ("geometric", "approximate"):
        other = ahp(matrix, method=method)
        assert np.allclose(other.weights, eig, atol=0.01)
        assert other.method == method
    # geometric mean of rows, by hand: (15)^(1/3), (2/3)^(1/3), (1/10)^(1/3)
    rows = np.array([15, 2 / 3, 1 / 10]) ** (1 / 3)
    assert np.allclose(ahp(matrix, method="geometric").weights, rows / rows.sum())


def test_two_items_are_always_consistent():
    result = ahp([[1, 4], [0.25, 1]])
    assert np.allclose(result.weights, [0.8, 0.2])
    assert (result.ci, result.cr, result.consistent) == (0.0, 0.0, True)
    assert result.most_inconsistent_pair is None


def test_decimals_typed_for_fractions_are_accepted():
    result = ahp([[1, 3, 7], [0.33, 1, 3], [0.14, 0.33, 1]])
    assert result.consistent


def test_random_index_table_covers_1_to_15():
    assert len(RANDOM_INDEX) == 15
    assert RANDOM_INDEX[:5] == (0.0, 0.0, 0.58, 0.90, 1.12)


@pytest.mark.parametrize(("matrix", "message"), [
    ([[1, 2, 3], [0.5, 1, 2]], "the AHP matrix must be square (n×n), got 2×3"),
    ([1, 2, 3], "the AHP matrix must be square (n×n), got 3"),
    ([[1, 2], [0.5]], "the AHP matrix must be a square table of positive numbers; its rows "
                      "have different lengths or hold text"),
    ([[1, -2], [-0.5, 1]], "AHP matrix cell (1, 2) is -2; every judgement must be a positive "
                           "number (1/9 to 9 on Saaty's scale)"),
    ([[1, 0], [0, 1]], "AHP matrix cell (1, 2) is 0; every judgement must be a positive number "
                       "(1/9 to 9 on Saaty's scale)"),
    ([[2, 1], [1, 1]], "AHP matrix cell (1, 1) is 2; an item compared with itself must be 1"),
    ([[1, 3, 5], [0.5, 1, 3], [0.2, 1 / 3, 1]],
     "AHP matrix is not reciprocal: cell (1, 2) is 3 but cell (2, 1) is 0.5; "
     "expected 1/3 ≈ 0.333"),
])
def test_bad_matrices(matrix, message):
    with pytest.raises(CrmselectError) as exc:
        ahp(matrix)
    assert exc.value.lines(english) == [message]


def test_bad_matrix_names_the_items():
    with pytest.raises(CrmselectError) as exc:
        ahp([[1, 3], [3, 1]], items=["functional", "cost"])
    assert exc.value.lines(english) == [
        "AHP matrix is not reciprocal: cell (1, 2) (functional vs cost) is 3 but cell (2, 1) "
        "(cost vs functional) is 3; expected 1/3 ≈ 0.333"]


def test_more_than_15_items_has_no_random_index():
    with pytest.raises(CrmselectError) as exc:
        ahp(np.ones((16, 16)))
    assert exc.value.lines(english) == [
        "the AHP matrix has 16 items; Saaty's random index is tabulated for 1 to 15, so its "
        "consistency cannot be judged; split the items into smaller groups"]


def test_unknown_method():
    with raises_english("unknown AHP method 'power'"):
        ahp(HOUSE_SIZE, method="power")


positive_weights = st.lists(st.floats(min_value=0.05, max_value=20), min_size=1, max_size=15)


@given(positive_weights, st.sampled_from(["eigenvector", "geometric", "approximate"]))
def test_a_consistent_matrix_has_cr_0_and_gives_back_its_weights(weights, method):
    result = ahp(consistent_matrix(weights), method=method)
    w = np.array(weights) / sum(weights)
    assert np.allclose(result.weights, w, atol=1e-9)
    assert abs(result.cr) < 1e-9
    assert result.consistent
    assert result.most_inconsistent_pair is None


@given(st.lists(st.sampled_from([1 / 9, 1 / 7, 1 / 5, 1 / 3, 1, 3, 5, 7, 9]), min_size=3,
                max_size=28))
def test_weights_of_any_reciprocal_matrix_sum_to_1(upper):
    n = 2
    while n * (n - 1) // 2 <= len(upper):
        n += 1
    n -= 1
    matrix = np.ones((n, n))
    cells = iter(upper)
    for i in range(n):
        for j in range(i + 1, n):
            matrix[i, j] = next(cells)
            matrix[j, i] = 1 / matrix[i, j]
    result = ahp(matrix)
    assert abs(result.weights.sum() - 1) < 1e-9
    assert (result.weights > 0).all()
    assert result.lambda_max >= n - 1e-9


# --- judgements off the scale, and the command in Turkish ------------------------------------


def run_cli(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.output


def test_an_ahp_judgement_off_the_scale_is_one_problem_in_the_projects_language(basic):
    # A 50 typed for 5 gave the cell's problem in English in a Turkish project, and a second,
    # false one: "the matrix must be 6×6" (the cell left out made its row short).
    path = basic / "project.yaml"
    text = path.read_text(encoding="utf-8").replace("language: en", "language: tr")
    text = text.replace("requirements:\n", """weights:
  ahp:
    criteria:
      items: [functional, integration, cost]
      matrix: [[1, 3, 50], [1/3, 1, 3], [1/5, 1/3, 1]]
requirements:
""", 1)
    path.write_text(text, encoding="utf-8")
    code, out = run_cli("validate", basic)
    assert code == 1
    problems = [line for line in out.splitlines() if re.match(r".+:\d+:\d+: ", line)]
    assert len(problems) == 1, out
    assert "weights.ahp.criteria.matrix[0][2]: 50 Saaty ölçeğinde değil" in problems[0]


def test_the_ahp_command_speaks_turkish_in_numbers_and_errors(tmp_path):
    # Wikipedia's leader example: the weights and λmax, CI, RI, CR were printed 0.548 and
    # 4.118 in a Turkish run, and a bad matrix was explained in English.
    good = tmp_path / "lider.yaml"
    good.write_text("items: [deneyim, eğitim, karizma, yaş]\nmatrix:\n  - [1, 4, 3, 7]\n"
                    "  - [1/4, 1, 1/3, 3]\n  - [1/3, 3, 1, 5]\n  - [1/7, 1/3, 1/5, 1]\n",
                    encoding="utf-8")
    code, out = run_cli("ahp", good, "--lang", "tr")
    assert code == 0, out
    assert re.search(r"^deneyim\s+0,548$", out, re.M)
    assert "λmax = 4,118, CI = 0,039, RI = 0,90, CR = 0,0439" in out
    bad = tmp_path / "karsilikli.yaml"
    bad.write_text("items: [a, b]\nmatrix:\n  - [1, 3]\n  - [0.5, 1]\n", encoding="utf-8")
    code, out = run_cli("ahp", bad, "--lang", "tr")
    assert code == 1
    assert ("AHP matrisi karşılıklı (resiprok) değil: (1, 2) (a – b) hücresi 3, "
            "(2, 1) (b – a) hücresi ise 0,5; beklenen 1/3 ≈ 0,333") in out
    code, out = run_cli("ahp", bad, "--lang", "en")
    assert ("AHP matrix is not reciprocal: cell (1, 2) (a vs b) is 3 but cell (2, 1) (b vs a) "
            "is 0.5; expected 1/3 ≈ 0.333") in out
    short = tmp_path / "kisa.yaml"
    short.write_text("items: [a, b, c]\nmatrix:\n  - [1, 3, 5]\n  - [1/3, 1]\n"
                     "  - [1/5, 1, 1]\n", encoding="utf-8")
    code, out = run_cli("ahp", short, "--lang", "tr")
    assert code == 1 and "AHP matrisi pozitif sayılardan oluşan kare bir tablo olmalı" in out


# --- an item twice, judgements off Saaty's scale ---------------------------------------------


def test_the_same_ahp_item_twice_is_an_error(tmp_path):
    path = tmp_path / "ahp.yaml"
    path.write_text("items: [cost, cost]\nmatrix: [[1, 3], [0.333, 1]]\n", encoding="utf-8")
    code, err = run("ahp", path)
    assert code == 1
    assert err.strip().endswith("items[1]: 'cost' is listed twice; each item once")


def _ahp(tmp_path: Path, rows: str, lang: str = "en") -> tuple[int, str]:
    path = tmp_path / "ahp.yaml"
    path.write_text(f"items: [functional, cost, references]\nmatrix:\n{rows}", encoding="utf-8")
    result = CliRunner().invoke(main, ["ahp", str(path)], env={"CRMSELECT_LANG": lang})
    assert not result.exception or isinstance(result.exception, SystemExit)
    return result.exit_code, result.output


def test_ahp_reads_saatys_fractions(tmp_path):
    code, out = _ahp(tmp_path, "  - [1, 3, 5]\n  - [1/3, 1, 3]\n  - [1/5, 1/3, 1]\n")
    assert code == 0, out
    assert "CR = 0.03" in out


@pytest.mark.parametrize("cell, reciprocal, shown", [
    ("1e308", "1e-308", "1e+308"), ("90", "0.0111", "90"), ("10", "0.1", "10"),
])
def test_ahp_refuses_a_judgement_off_saatys_scale(tmp_path, cell, reciprocal, shown):
    code, out = _ahp(tmp_path, f"  - [1, {cell}, 5]\n  - [{reciprocal}, 1, 3]\n"
                               "  - [0.2, 0.333, 1]\n")
    assert code == 1
    line = out.strip().splitlines()[0]
    assert line.endswith(f"ahp.yaml:3:9: matrix[0][1]: {shown} is not on Saaty's scale: a "
                         "judgement is 1/9 to 9 (1, 2 … 9, or 1/2 … 1/9 below the diagonal)")


def test_ahp_refuses_a_boolean_judgement_in_turkish(tmp_path):
    code, out = _ahp(tmp_path, "  - [1, true, 5]\n  - [1, 1, 3]\n  - [0.2, 0.333, 1]\n",
                     lang="tr")
    assert code == 1
    assert "sayı bekleniyordu; verilen değer: true" in out  # as YAML writes it
