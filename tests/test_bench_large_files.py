"""``benchmarks/bench_large.py --csv`` and ``--yaml`` write the same records, and both files
are read straight into columns (what the benchmark times), at a tiny size."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from crmselect.project import load_project
from crmselect.scorecolumns import ColumnScores

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture
def bench_large(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import bench_large

    yield bench_large
    sys.modules.pop("bench_large", None)


def test_csv_and_yaml_hold_the_same_records_read_as_columns(tmp_path, bench_large):
    n_csv = bench_large.write_large_project(tmp_path / "csv", 3, 2, 2, scores_csv=True)
    n_yaml = bench_large.write_large_project(tmp_path / "yaml", 3, 2, 2, scores_yaml=True)
    assert n_csv == n_yaml == 2 * 2 * (3 + 1 + 20 + 1)
    assert not (tmp_path / "csv" / "scores.yaml").exists()
    from_csv, from_yaml = load_project(tmp_path / "csv"), load_project(tmp_path / "yaml")
    assert isinstance(from_csv.scores, ColumnScores)
    assert isinstance(from_yaml.scores, ColumnScores)
    assert list(from_csv.scores.scores) == list(from_yaml.scores.scores)
    assert len(from_csv.scores.scores) == n_csv
    assert any(row.note for row in from_csv.scores.scores)
