"""Loose ends a new user and a code review hit (issue 17) that no other test file owns."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from openpyxl import load_workbook
from rendered import english

from crmselect.documents.workbook import REQUIREMENT_COLUMNS, write_workbook
from crmselect.errors import CrmselectError
from crmselect.evaluationdb import consensus
from crmselect.responseimport import import_responses
from crmselect.scoring.spread import cell_spreads, disagreeing

COL = {key: chr(ord("A") + i) for i, key in enumerate(REQUIREMENT_COLUMNS)}


def _workbook(project: Path, tmp_path: Path, currency: str, cost: str) -> Path:
    """The sample's odoo workbook with one third-party cost and the bid's currency filled in."""
    path = project / "project.yaml"  # one envelope: the prices in the same workbook
    path.write_text(path.read_text(encoding="utf-8").replace(
        "two_envelopes: true", "two_envelopes: false"), encoding="utf-8")
    wb = load_workbook(write_workbook(project, vendor="odoo").path)
    ws = wb.worksheets[2]
    row = next(r for r in range(2, ws.max_row + 1) if ws[f"A{r}"].value == "OPS-SFA-001")
    ws[f"{COL['compliance']}{row}"] = "Third party"
    ws[f"{COL['third_party_product']}{row}"] = "Connector"
    ws[f"{COL['third_party_cost_per_year']}{row}"] = cost
    pricing = wb.worksheets[3]
    keys = {pricing[f"D{r}"].value: r for r in range(2, pricing.max_row + 1)}
    pricing[f"B{keys['currency']}"] = currency
    pricing[f"B{keys['per_user_month.standard']}"] = 24.9
    out = tmp_path / "odoo-filled.xlsx"
    wb.save(out)
    return out


@pytest.mark.parametrize("cost", ["€ 900", "900"])
def test_a_currency_typo_is_one_error_without_derived_ones(sample_project: Path,
                                                          tmp_path: Path, cost: str):
    """'Avro' (Turkish for euro) gave, beside the right error, "prices are given without a
    currency" and "'€ 900' is written in EUR, but the bid's currency is TRY"."""
    filled = _workbook(sample_project, tmp_path, "Avro", cost)
    with pytest.raises(CrmselectError) as info:
        import_responses(sample_project, filled, "odoo", force=True)
    assert [(i.where, english(i.message)) for i in info.value.issues] == [
        ("Pricing!B2",
         "row “Currency (ISO code, e.g. EUR)”: 'Avro' is not a currency code such as EUR")]


def test_an_empty_currency_cell_is_still_reported(sample_project: Path, tmp_path: Path):
    filled = _workbook(sample_project, tmp_path, "", "900")
    with pytest.raises(CrmselectError) as info:
        import_responses(sample_project, filled, "odoo", force=True)
    assert [english(i.message) for i in info.value.issues] == [
        "row “Currency (ISO code, e.g. EUR)”: prices are given without a currency"]


def test_no_test_times_itself() -> None:
    """Timings flake on a busy machine: they live in benchmarks/ (``make bench``), and tests
    assert what the code does. Waiting for a server with a deadline is not a timing."""
    tests = Path(__file__).parent
    timing = [path.name for path in sorted(tests.rglob("*.py")) if path != Path(__file__)
              and "perf_counter" in path.read_text(encoding="utf-8")]
    assert timing == []
    bench = tests.parent / "benchmarks" / "bench_docx_table.py"
    assert "2400" in bench.read_text(encoding="utf-8")


# --- one spread computation (point 2) ----------------------------------------------------------


def _rows(*scores: tuple[str, str, str, float]) -> list[SimpleNamespace]:
    return [SimpleNamespace(evaluator_id=e, vendor_id=v, target=t, score=s, note="")
            for e, v, t, s in scores]


def test_the_consensus_page_and_the_engine_flag_the_same_pairs() -> None:
    """4.3 − 2.3 is 1.9999999999999996: the engine counted it as a spread of 2, the consensus
    page did not, so a pair listed by `crmselect score` was missing from the meeting."""
    rows = _rows(("ayse", "odoo", "OPS-SFA-001", 4.3), ("mehmet", "odoo", "OPS-SFA-001", 2.3),
                 ("ayse", "odoo", "OPS-SFA-002", 4.0), ("mehmet", "odoo", "OPS-SFA-002", 3.0),
                 ("ayse", "crm", "OPS-SFA-001", 5.0))
    found = consensus.disagreements(rows, 2)
    assert [(d.vendor, d.target, d.scorers) for d in found] == [("odoo", "OPS-SFA-001", 2)]
    assert found[0].spread == pytest.approx(2.0)
    count, spread = cell_spreads([0, 0, 1, 1, 2], [4.3, 2.3, 4.0, 3.0, 5.0], 4)
    assert count.tolist() == [2, 2, 1, 0]
    assert disagreeing(count, spread, 2).tolist() == [True, False, False, False]
    assert disagreeing(count, spread, 1).tolist() == [True, True, False, False]


def test_cell_spreads_of_unsorted_cells() -> None:
    count, spread = cell_spreads(np.array([1, 0, 1, 0]), np.array([1.0, 2.0, 4.0, 2.5]), 2)
    assert count.tolist() == [2, 2]
    assert spread.tolist() == pytest.approx([0.5, 3.0])
