"""The KPI calculator (crmselect/kpi.py) and its command line (crmselect/cli/kpi.py)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from crmselect.cli import main
from crmselect.cli.kpi import format_value
from crmselect.errors import CrmselectError, display_path
from crmselect.i18n import text
from crmselect.kpi import (
    FormulaError,
    check_kpi,
    compute_kpi,
    find_kpi,
    formula_names,
    load_kpis,
    parse_formula,
    read_inputs,
)
from crmselect.model import Kpi

DATA = Path(__file__).parent / "data" / "kpi"
RETENTION = {"customers_end": 1000, "new_customers": 200, "customers_start": 900}


@pytest.fixture(scope="module")
def kpis() -> dict[str, Kpi]:
    return load_kpis()


def _kpi(formula: str, *names: str) -> Kpi:
    return Kpi.model_validate({
        "id": "test_kpi", "name": {"en": "Test", "tr": "Deneme"},
        "description": {"en": "A test.", "tr": "Bir deneme."}, "formula": formula,
        "inputs": [{"name": n, "label": {"en": n, "tr": n}, "unit": "count"} for n in names],
        "unit": "ratio", "direction": "higher_is_better",
    })


def _lines(exc: pytest.ExceptionInfo[CrmselectError], lang: str = "en") -> list[str]:
    """The error's lines as the edge renders them in ``lang`` (the core holds no language)."""
    return exc.value.lines(lambda message: text(message, lang))


# --- formulas --------------------------------------------------------------------------------


def test_formula_names_in_order_of_appearance():
    assert formula_names("(customers_end - new_customers) / customers_start * 100") == [
        "customers_end", "new_customers", "customers_start"]
    assert formula_names("a × b ÷ c − a") == ["a", "b", "c"]  # typographic operators


@pytest.mark.parametrize("formula, shown", [
    ("__import__('os').system('true')", "__import__('os').system('true')"),
    ("a ** 2", "a ** 2"),
    ("a // b", "a // b"),
    ("a % b", "a % b"),
    ("+a", "+a"),
    ("a.real", "a.real"),
    ("abs(a)", "abs(a)"),
    ("a if b else c", "a if b else c"),
    ("a < b", "a < b"),
    ("[a]", "[a]"),
    ("True", "True"),
    ("'text'", "'text'"),
    ("1j", "1j"),
    ("lambda: 1", "lambda: 1"),
    ("(a := 1)", "(a := 1)"),
])
def test_only_arithmetic_is_allowed(formula: str, shown: str):
    with pytest.raises(FormulaError) as exc:
        parse_formula(formula)
    assert text(exc.value.args[0], "en") == (
        f"not allowed in a formula: {shown} (only numbers, input names, "
        "+ - * /, parentheses and unary minus)")


@pytest.mark.parametrize("formula, message", [
    ("(a + b", "the formula is not a valid expression: '(' was never closed"),
    ("a +", "the formula is not a valid expression: invalid syntax"),
    ("a\x00", "the formula is not a valid expression: source code string cannot contain null "
              "bytes"),
    ("a + " * 200 + "a", "the formula is longer than 500 characters"),
])
def test_malformed_formulas(formula: str, message: str):
    with pytest.raises(FormulaError) as exc:
        parse_formula(formula)
    assert text(exc.value.args[0], "en") == message


def test_unary_minus_and_constants_are_allowed():
    result = compute_kpi(_kpi("-(a - b) * 2.5 + 10", "a", "b"), {"a": 1, "b": 3})
    assert result.value == 15.0
    assert result.substituted == "-(1 - 3) * 2.5 + 10"


def test_check_kpi_finds_names_that_are_not_inputs_and_unused_inputs():
    def check(kpi: Kpi) -> list[str]:
        return [text(m, "en") for m in check_kpi(kpi)]

    assert check(_kpi("a / b", "a", "b")) == []
    assert check(_kpi("a / c", "a", "b")) == [
        "the formula uses 'c', which is not one of its inputs",
        "input 'b' is not used in the formula",
    ]
    assert check(_kpi("a / a", "a", "a")) == ["input 'a' is declared twice"]
    assert check(_kpi("a ^ b", "a", "b")) == [
        "not allowed in a formula: a ^ b (only numbers, input names, + - * /, parentheses and "
        "unary minus)"]


def test_bundled_kpis_load_and_every_formula_is_sound(kpis: dict[str, Kpi]):
    assert len(kpis) >= 32
    assert {k: check_kpi(v) for k, v in kpis.items() if check_kpi(v)} == {}


def test_load_kpis_reports_every_problem_at_its_line():
    with pytest.raises(CrmselectError) as exc:
        load_kpis(DATA / "kpis_bad.yaml")
    path = display_path(DATA / "kpis_bad.yaml")
    assert _lines(exc) == [
        f"{path}:5:14: kpis[0].formula: the formula uses 'lost', which is not one of its inputs",
        f"{path}:10:9: kpis[1].id: duplicate KPI id win_rate",
        f"{path}:13:14: kpis[1].formula: not allowed in a formula: won ** 2 (only numbers, input "
        "names, + - * /, parentheses and unary minus)",
    ]


# --- computing -------------------------------------------------------------------------------


def test_retention_rate(kpis: dict[str, Kpi]):
    result = compute_kpi(kpis["customer_retention_rate"], RETENTION)
    assert result.value == pytest.approx(88.888888888)
    assert result.unit == "percent"
    assert result.formula == "(customers_end - new_customers) / customers_start * 100"
    assert result.substituted == "(1000 - 200) / 900 * 100"
    assert result.inputs == {"customers_end": 1000.0, "new_customers": 200.0,
                             "customers_start": 900.0}


def test_values_may_be_text_of_numbers(kpis: dict[str, Kpi]):
    result = compute_kpi(kpis["customer_lifetime_value"], {
        "average_order_value": "250.5", "purchase_frequency": " 4 ", "customer_lifespan": "3e0",
        "acquisition_cost": 1200})
    assert result.value == pytest.approx(1806.0)
    assert result.substituted == "250.5 * 4 * 3 - 1200"


def test_missing_input_names_it_and_lists_what_is_needed(kpis: dict[str, Kpi]):
    with pytest.raises(CrmselectError) as exc:
        compute_kpi(kpis["customer_retention_rate"], {"customers_end": 1000, "new_customers": 2})
    assert _lines(exc) == [
        "KPI customer_retention_rate: missing input customers_start (Customers at period start); "
        "it needs customers_end, new_customers, customers_start"]


def test_several_missing_inputs_in_turkish(kpis: dict[str, Kpi]):
    with pytest.raises(CrmselectError) as exc:
        compute_kpi(kpis["churn_rate"], {})
    assert _lines(exc, "tr") == [
        "churn_rate KPI'sı için eksik girdiler: customers_lost (Dönemde kaybedilen müşteri "
        "sayısı), customers_start (Dönem başı müşteri sayısı); gereken girdiler: customers_lost, "
        "customers_start"]


def test_division_by_zero_names_the_input(kpis: dict[str, Kpi]):
    with pytest.raises(CrmselectError) as exc:
        compute_kpi(kpis["customer_retention_rate"], {**RETENTION, "customers_start": 0})
    assert _lines(exc) == ["division by zero: customers_start is 0 (KPI customer_retention_rate)"]


def test_division_by_zero_names_the_expression(kpis: dict[str, Kpi]):
    with pytest.raises(CrmselectError) as exc:
        compute_kpi(kpis["email_open_rate"],
                    {"unique_opens": 0, "emails_sent": 500, "bounced": 500})
    assert _lines(exc, "tr") == [
        "sıfıra bölme: emails_sent - bounced değeri 0 (email_open_rate KPI'sı)"]


def test_every_bad_input_is_reported_at_once(kpis: dict[str, Kpi]):
    with pytest.raises(CrmselectError) as exc:
        compute_kpi(kpis["customer_retention_rate"], {
            "customers_end": "many", "new_customer": 3, "new_customers": "1;5",
            "customers_start": -4})
    assert _lines(exc) == [
        "input 'customers_end' must be a number, got 'many'",
        "unknown input 'new_customer' for KPI customer_retention_rate (did you mean "
        "new_customers?)",
        "input 'new_customers' must be a number, got '1;5'",
        "input 'customers_start' must not be negative, got -4",
    ]


@pytest.mark.parametrize("value, shown", [
    (True, "true"), (None, "nothing"), (float("nan"), "nan"), (float("inf"), "inf"),
    ("nan", "'nan'"), ("1e999", "'1e999'"), ("0x10", "'0x10'"), ("1_000", "'1_000'"),
    ("", "''"), ([1], "[1]"), (10**400, "1" + "0" * 400),
])
def test_non_numbers_are_refused(kpis: dict[str, Kpi], value: object, shown: str):
    with pytest.raises(CrmselectError) as exc:
        compute_kpi(kpis["churn_rate"], {"customers_lost": value, "customers_start": 10})
    assert _lines(exc) == [f"input 'customers_lost' must be a number, got {shown}"]


def test_unknown_input_without_a_close_match_lists_the_inputs(kpis: dict[str, Kpi]):
    with pytest.raises(CrmselectError) as exc:
        compute_kpi(kpis["churn_rate"], {"customers_lost": 1, "customers_start": 10, "zzz": 1})
    assert _lines(exc) == ["unknown input 'zzz' for KPI churn_rate (it takes customers_lost, "
                           "customers_start)"]


def test_a_result_too_large_is_an_error(kpis: dict[str, Kpi]):
    with pytest.raises(CrmselectError) as exc:
        compute_kpi(kpis["customer_lifetime_value"], {
            "average_order_value": 1e300, "purchase_frequency": 1e300, "customer_lifespan": 1,
            "acquisition_cost": 0})
    assert _lines(exc) == ["KPI customer_lifetime_value: the result is too large to compute"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10**9), min_size=3, max_size=3))
def test_retention_matches_its_definition(kpis: dict[str, Kpi], values: list[int]):
    end, new, start = values
    kpi = kpis["customer_retention_rate"]
    inputs = {"customers_end": end, "new_customers": new, "customers_start": start}
    if start == 0 or new > end or end > start + new:  # zero, or contradicting counts
        with pytest.raises(CrmselectError):
            compute_kpi(kpi, inputs)
        return
    assert compute_kpi(kpi, inputs).value == pytest.approx((end - new) / start * 100)


# --- finding KPIs ----------------------------------------------------------------------------


@pytest.mark.parametrize("name, kpi_id", [
    ("nps", "nps"), ("NPS", "nps"), ("customer-retention-rate", "customer_retention_rate"),
    ("cac", "customer_acquisition_cost"), ("CLTV", "customer_lifetime_value"),
    ("ces", "customer_effort_score"), ("fcr", "first_contact_resolution_rate"),
    ("roi", "marketing_roi"), ("ctr", "email_click_through_rate"),
])
def test_find_by_id_or_acronym(kpis: dict[str, Kpi], name: str, kpi_id: str):
    assert find_kpi(kpis, name).id == kpi_id


def test_unknown_kpi_says_did_you_mean(kpis: dict[str, Kpi]):
    with pytest.raises(CrmselectError) as exc:
        find_kpi(kpis, "win_rat")
    assert _lines(exc) == ["no such KPI 'win_rat' (did you mean win_rate?)"]
    with pytest.raises(CrmselectError) as exc:
        find_kpi(kpis, "nsp")
    assert _lines(exc, "tr") == ["'nsp' adında bir KPI yok (nps mi demek istediniz?)"]


def test_unknown_kpi_without_a_close_match_lists_them(kpis: dict[str, Kpi]):
    with pytest.raises(CrmselectError) as exc:
        find_kpi(kpis, "zzzz")
    assert _lines(exc) == [f"no such KPI 'zzzz' (known KPIs: {', '.join(kpis)})"]


# --- input files -----------------------------------------------------------------------------


def test_read_inputs(kpis: dict[str, Kpi]):
    assert read_inputs(DATA / "retention.yaml", kpis["customer_retention_rate"]) == {
        "customers_end": 1000.0, "new_customers": 200.0, "customers_start": 900.0}


@pytest.mark.parametrize("name, expected", [
    ("retention_bad.yaml", [
        "2:1: new_customer: unknown input 'new_customer' for KPI customer_retention_rate (did "
        "you mean new_customers?)",
        "3:18: customers_start: input 'customers_start' must be a number, got '9;5'",
    ]),
    ("retention_types.yaml", [
        "1:16: customers_end: input 'customers_end' must be a number, got 'yes'",
        "2:15: new_customers: input 'new_customers' must be a number, got nothing",
        "3:18: customers_start: input 'customers_start' must be a number, got [900]",
    ]),
    ("retention_list.yaml", [
        "1:1: expected a mapping of input names to numbers, like 'customers_start: 900'"]),
    ("missing.yaml", ["no such file"]),
])
def test_bad_input_files(kpis: dict[str, Kpi], name: str, expected: list[str]):
    path = DATA / name
    with pytest.raises(CrmselectError) as exc:
        read_inputs(path, kpis["customer_retention_rate"])
    shown = display_path(path)
    prefix = f"{shown}:" if expected != ["no such file"] else f"{shown}: "
    assert _lines(exc) == [prefix + e for e in expected]


# --- display ---------------------------------------------------------------------------------


@pytest.mark.parametrize("value, unit, en, tr", [
    (88.888888, "percent", "88.89%", "%88,89"),
    (1234.5, "currency", "1,234.50", "1.234,50"),
    (3.25, "ratio", "3.25", "3,25"),
    (12.5, "days", "12.5 days", "12,5 gün"),
    (4, "hours", "4 hours", "4 saat"),
    (95, "minutes", "95 minutes", "95 dakika"),
    (-40, "score", "-40", "-40"),
    (12000, "count", "12,000", "12.000"),
])
def test_format_value(value: float, unit: str, en: str, tr: str):
    assert format_value(value, unit, "en") == en
    assert format_value(value, unit, "tr") == tr


# --- command line ----------------------------------------------------------------------------


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: str):
    return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)


RETENTION_ARGS = ["-i", "customers_end=1000", "--input", "new_customers=200",
                  "--input", "customers_start=900"]


def test_cli_compute_table(runner: CliRunner):
    result = run(runner, "kpi", "compute", "customer_retention_rate", *RETENTION_ARGS,
                 "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Customer retention rate: 88.89%\n"
        "formula: (customers_end - new_customers) / customers_start * 100\n"
        "         (1000 - 200) / 900 * 100\n"
        "inputs:\n"
        "  customers_end           1,000  Customers at period end\n"
        "  new_customers             200  New customers won in the period\n"
        "  customers_start           900  Customers at period start\n"
        "direction: higher is better\n")


def test_cli_kpi_name_is_short_for_compute(runner: CliRunner):
    short = run(runner, "kpi", "customer_retention_rate", *RETENTION_ARGS, "--format", "json")
    long = run(runner, "kpi", "compute", "customer_retention_rate", *RETENTION_ARGS,
               "--format", "json")
    assert short.exit_code == long.exit_code == 0
    assert short.stdout == long.stdout
    data = json.loads(short.stdout)
    assert data["kpi"] == "customer_retention_rate"
    assert data["value"] == pytest.approx(88.8888888)
    assert data["substituted"] == "(1000 - 200) / 900 * 100"


def test_cli_turkish_and_acronym(runner: CliRunner):
    result = run(runner, "kpi", "CAC", "-i", "marketing_cost=50000", "-i", "sales_cost=70000",
                 "-i", "new_customers=40", "--lang", "tr")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "Müşteri edinme maliyeti (CAC): 3.000,00"
    assert "yön: düşük olması iyidir" in result.stdout


def test_cli_file_and_input_override(runner: CliRunner):
    result = run(runner, "kpi", "customer_retention_rate", "--file", DATA / "retention.yaml",
                 "-i", "customers_start=800", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["inputs"] == {"customers_end": 1000, "new_customers": 200, "customers_start": 800}
    assert data["value"] == 100.0


def test_cli_bad_file_has_line_and_column(runner: CliRunner):
    path = display_path(DATA / "retention_bad.yaml")
    result = run(runner, "kpi", "customer_retention_rate", "--file", DATA / "retention_bad.yaml")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{path}:2:1: new_customer: unknown input 'new_customer' for KPI "
        "customer_retention_rate (did you mean new_customers?)",
        f"{path}:3:18: customers_start: input 'customers_start' must be a number, got '9;5'",
        "Error: 2 problems in 1 file; the KPI was not computed.",
    ]


@pytest.mark.parametrize("args, stderr", [
    (["kpi", "nsp", "-i", "promoters=1"], ["no such KPI 'nsp' (did you mean nps?)"]),
    (["kpi", "nps", "-i", "promoters=40"], [
        "KPI nps: missing inputs detractors (Detractors (score 0–6)), total_responses (All survey "
        "responses); it needs promoters, detractors, total_responses"]),
    (["kpi", "churn_rate", "-i", "customers_lost=3", "-i", "customers_start=0"],
     ["division by zero: customers_start is 0 (KPI churn_rate)"]),
    (["kpi", "churn_rate", "-i", "customers_lost=three", "-i", "customers_start=10"],
     ["input 'customers_lost' must be a number, got 'three'"]),
    (["kpi", "churn_rate", "-i", "customers_lost=3", "-i", "customers_begin=10"], [
        "unknown input 'customers_begin' for KPI churn_rate (did you mean customers_start?)",
        "KPI churn_rate: missing input customers_start (Customers at period start); it needs "
        "customers_lost, customers_start",
        "Error: 2 problems.",
    ]),
    (["kpi", "show", "nsp"], ["no such KPI 'nsp' (did you mean nps?)"]),
])
def test_cli_bad_inputs_exit_1(runner: CliRunner, args: list[str], stderr: list[str]):
    result = run(runner, *args, "--lang", "en")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args, message", [
    (["-i", "promoters"], "Invalid value for --input: expected NAME=VALUE, got 'promoters'"),
    (["-i", "=4"], "Invalid value for --input: expected NAME=VALUE, got '=4'"),
    (["-i", "promoters=1", "-i", "promoters=2"],
     "Invalid value for --input: input 'promoters' is given twice"),
    (["--format", "xml"], "Invalid value for '--format': 'xml' is not one of 'table', 'json'."),
])
def test_cli_usage_errors_exit_2(runner: CliRunner, args: list[str], message: str):
    result = run(runner, "kpi", "nps", *args, "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: {message}"


def test_cli_list(runner: CliRunner, kpis: dict[str, Kpi]):
    result = run(runner, "kpi", "list", "--lang", "tr")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["kimlik", "birim", "yön", "ad"]
    assert any(line.startswith("complaint_rate ") and line.endswith("Şikâyet oranı")
               for line in lines)
    assert lines[-1] == f"{len(kpis)} KPI"
    data = json.loads(run(runner, "kpi", "list", "--format", "json").stdout)
    assert [k["id"] for k in data] == list(kpis)


def test_cli_show(runner: CliRunner):
    result = run(runner, "kpi", "show", "cltv", "--lang", "en")
    assert result.exit_code == 0
    first = result.stdout.splitlines()[0]
    assert first == "Customer lifetime value (CLTV) (customer_lifetime_value)"
    assert ("formula: average_order_value * purchase_frequency * customer_lifespan - "
            "acquisition_cost") in result.stdout
    assert "  customer_lifespan    Average customer lifespan in years\n" in result.stdout
    data = json.loads(run(runner, "kpi", "show", "nps", "--format", "json").stdout)
    assert [i["name"] for i in data["inputs"]] == ["promoters", "detractors", "total_responses"]


@pytest.mark.parametrize("args", [["kpi"], ["kpi", "list"], ["kpi", "show"], ["kpi", "compute"]])
def test_cli_help_has_an_example(runner: CliRunner, args: list[str]):
    result = run(runner, *args, "--help")
    assert result.exit_code == 0
    assert "crmselect kpi " in result.stdout.split("Example", 1)[1]


def test_json_result_is_finite(runner: CliRunner):
    result = run(runner, "kpi", "nps", "-i", "promoters=10", "-i", "detractors=30",
                 "-i", "total_responses=50", "--format", "json")
    data = json.loads(result.stdout)
    assert data["value"] == -40.0 and math.isfinite(data["value"])
    assert data["display"] == "-40"


# --- loose ends (issue 17): typed numbers, contradicting inputs, Turkish names -----------------


@pytest.mark.parametrize("text, lang, value", [
    ("1.200", "tr", 1200), ("1.200", "en", 1.2), ("1,200", "en", 1200), ("1,200", "tr", 1.2),
    ("2,5", "tr", 2.5), ("1.200,5", "tr", 1200.5), ("1 200", "en", 1200), ("1e3", "en", 1000),
])
def test_inputs_are_read_like_a_workbook_cell(kpis: dict[str, Kpi], text: str, lang: str,
                                              value: float):
    result = compute_kpi(kpis["average_order_value"], {"revenue": text, "orders": 1},
                         decimal_comma=lang == "tr")
    assert result.inputs["revenue"] == pytest.approx(value)


def test_cli_turkish_thousands_are_thousands(runner: CliRunner):
    result = run(runner, "kpi", "compute", "nps", "-i", "promoters=1.200", "-i",
                 "detractors=300", "-i", "total_responses=2.000", "--lang", "tr",
                 "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["inputs"] == {"promoters": 1200, "detractors": 300, "total_responses": 2000}
    assert data["value"] == 45


def test_a_yaml_file_number_is_read_in_the_language(kpis: dict[str, Kpi], tmp_path: Path):
    path = tmp_path / "anket.yaml"
    path.write_text("promoters: 1.200\ndetractors: 300\ntotal_responses: 2.000 # yanıt\n",
                    encoding="utf-8")
    assert read_inputs(path, kpis["nps"], decimal_comma=True) == {
        "promoters": 1200, "detractors": 300, "total_responses": 2000}
    assert read_inputs(path, kpis["nps"]) == {
        "promoters": 1.2, "detractors": 300, "total_responses": 2}


def test_contradicting_inputs_are_refused(kpis: dict[str, Kpi]):
    with pytest.raises(CrmselectError) as exc:
        compute_kpi(kpis["nps"], {"promoters": 80, "detractors": 300, "total_responses": 200})
    assert _lines(exc) == ["KPI nps: the inputs contradict each other: promoters + detractors "
                           "(380) is more than total_responses (200)"]
    with pytest.raises(CrmselectError) as exc:
        compute_kpi(kpis["customer_effort_score"],
                    {"sum_of_scores": "1.500", "total_responses": 200}, decimal_comma=True)
    assert _lines(exc, "tr") == ["customer_effort_score KPI'sı: girdiler birbiriyle çelişiyor: "
                           "sum_of_scores (1.500), 7 × total_responses (1.400) değerinden büyük "
                           "olamaz"]
    assert compute_kpi(kpis["nps"], {"promoters": 100, "detractors": 100,
                                     "total_responses": 200}).value == 0


def test_cli_contradicting_inputs_exit_1(runner: CliRunner):
    result = run(runner, "kpi", "nps", "-i", "promoters=10", "-i", "detractors=30", "-i",
                 "total_responses=20", "--lang", "en")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "KPI nps: the inputs contradict each other: promoters + detractors (40) is more than "
        "total_responses (20)"]


def test_contradicting_or_zero_inputs_of_a_file_are_reported_at_their_line(
        runner: CliRunner, tmp_path: Path):
    survey = tmp_path / "survey.yaml"
    survey.write_text("promoters: 400\ndetractors: 30\ntotal_responses: 300\n", encoding="utf-8")
    shown = display_path(survey)
    result = run(runner, "kpi", "nps", "--file", survey, "--lang", "en")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{shown}:1:12: promoters: KPI nps: the inputs contradict each other: promoters + "
        "detractors (430) is more than total_responses (300)"]
    # a value given with --input was not read in the file: the next one of the file is named
    result = run(runner, "kpi", "nps", "--file", survey, "-i", "promoters=300", "--lang", "tr")
    assert result.stderr.splitlines() == [
        f"{shown}:2:13: detractors: nps KPI'sı: girdiler birbiriyle çelişiyor: promoters + "
        "detractors (330), total_responses (300) değerinden büyük olamaz"]
    churn = tmp_path / "churn.yaml"
    churn.write_text("customers_lost: 3\ncustomers_start: 0\n", encoding="utf-8")
    result = run(runner, "kpi", "churn_rate", "--file", churn, "--lang", "en")
    assert result.stderr.splitlines() == [
        f"{display_path(churn)}:2:18: customers_start: division by zero: customers_start is 0 "
        "(KPI churn_rate)"]


def test_every_bound_names_inputs_of_its_kpi(kpis: dict[str, Kpi]):
    from crmselect.kpi import BOUNDS

    for kpi_id, bounds in BOUNDS.items():
        names = {i.name for i in kpis[kpi_id].inputs}
        for bound in bounds:
            assert {*bound.parts, *bound.whole} <= names, (kpi_id, bound)


@pytest.mark.parametrize("name, lang, line", [
    ("sikayet_orani", "en", "no such KPI 'sikayet_orani' (did you mean complaint_rate?)"),
    ("Şikâyet oranı", "tr", "'Şikâyet oranı' adında bir KPI yok (complaint_rate mi demek "
                            "istediniz?)"),
    ("musteri_kaybi", "tr", "'musteri_kaybi' adında bir KPI yok (churn_rate mi demek "
                            "istediniz?)"),
    ("net_promoter", "en", "no such KPI 'net_promoter' (did you mean nps?)"),
])
def test_unknown_kpi_matches_english_and_turkish_names(kpis: dict[str, Kpi], name: str,
                                                       lang: str, line: str):
    with pytest.raises(CrmselectError) as exc:
        find_kpi(kpis, name)
    assert _lines(exc, lang) == [line]


def test_the_core_holds_no_language(kpis: dict[str, Kpi]):
    """The calculator takes no language (issue 12): one error renders in either language at
    the edge, and a number's reading is a convention (``decimal_comma``) the caller chooses."""
    import inspect

    from crmselect import kpi as core
    from crmselect.loading import describe

    for function in (core.find_kpi, core.compute_kpi, core.read_inputs, core.check_bounds,
                     describe):
        assert "lang" not in inspect.signature(function).parameters, function.__name__
    assert not hasattr(core, "format_value")
    with pytest.raises(CrmselectError) as exc:
        compute_kpi(kpis["churn_rate"], {"customers_start": 10})
    assert _lines(exc, "en") == ["KPI churn_rate: missing input customers_lost (Customers lost "
                                 "in the period); it needs customers_lost, customers_start"]
    assert _lines(exc, "tr")[0].startswith("churn_rate KPI'sı için eksik girdi: customers_lost "
                                           "(Dönemde kaybedilen müşteri sayısı)")
    with pytest.raises(CrmselectError) as exc:
        compute_kpi(kpis["nps"], {"promoters": "1.200,5", "detractors": 1,
                                  "total_responses": 1000}, decimal_comma=True)
    assert _lines(exc, "en") == ["KPI nps: the inputs contradict each other: promoters + "
                                 "detractors (1,201.5) is more than total_responses (1,000)"]
    assert _lines(exc, "tr") == ["nps KPI'sı: girdiler birbiriyle çelişiyor: promoters + "
                                 "detractors (1.201,5), total_responses (1.000) değerinden büyük "
                                 "olamaz"]


def test_cli_formula_line_writes_the_values_in_the_readers_format(runner: CliRunner):
    args = ["kpi", "compute", "purchase_frequency", "-i", "orders=2,5", "-i",
            "buying_customers=1"]
    turkish = run(runner, *args, "--lang", "tr")
    assert turkish.exit_code == 0, turkish.stderr
    assert turkish.stdout.splitlines()[2].strip() == "2,5 / 1"
    english = run(runner, *[a.replace("2,5", "2.5") for a in args], "--lang", "en")
    assert english.stdout.splitlines()[2].strip() == "2.5 / 1"


def test_substituted_as_keeps_precedence_with_written_numbers(kpis: dict[str, Kpi]):
    result = compute_kpi(kpis["customer_retention_rate"], {
        "customers_end": 1000.5, "new_customers": 200, "customers_start": 900})
    assert result.substituted_as(lambda v: f"<{v:g}>") == "(<1000.5> - <200>) / <900> * 100"


# --- a value beyond Babel's precision --------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_a_kpi_value_beyond_babel_precision_is_still_shown(lang):
    assert format_value(1e300, "number", lang) == "1e+300"
