"""The command-line benchmark's extra reference (issue 15): its floor and its ratios. No time
is asserted."""

from __future__ import annotations

import importlib.util
import math
import os
import sys
from pathlib import Path

BENCH = Path(__file__).parent.parent / "benchmarks" / "bench_cli.py"


def _bench():
    spec = importlib.util.spec_from_file_location("bench_cli", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_extra_floor_loads_pydantics_base_model_and_the_target_floor_does_not():
    bench = _bench()
    assert bench.FLOOR[-1] == "import yaml, pydantic, numpy"  # the floor, unchanged
    assert bench.MODEL_FLOOR[-1] == "import yaml, numpy; from pydantic import BaseModel"


def test_paired_runs_the_extra_floor_only_when_asked():
    bench = _bench()
    command = [sys.executable, "-c", "pass"]
    with_it = bench.paired(command, dict(os.environ), 2, model_floor=True)
    assert with_it["model_floor"] > 0 and with_it["model_ratio"] > 0
    assert with_it["model_cpu_ratio"] > 0 and with_it["floor"] > 0
    without = bench.paired(command, dict(os.environ), 1)
    assert math.isnan(without["model_floor"]) and without["floor"] > 0


def test_edits_give_the_files_a_new_text_before_each_run_and_undo_restores_them(tmp_path):
    bench = _bench()
    project = tmp_path / "project.yaml"
    project.write_bytes(b"name: x\n")
    seen = []
    command = [sys.executable, "-c",
               f"import sys; sys.stdout.write(open({str(project)!r}).read())"]
    edits = bench.Edits([project])
    real = bench.run_once

    def recorded(cmd, env):
        if cmd is command:
            seen.append(project.read_bytes())
        return real(cmd, env)

    bench.run_once = recorded
    bench.paired(command, dict(os.environ), 3, before=edits)
    assert seen[0] == b"name: x\n"  # the warm-up reads the file as it is
    assert len(set(seen[1:])) == 3 and all(text.startswith(b"name: x\n") for text in seen[1:])
    edits.undo()
    assert project.read_bytes() == b"name: x\n"
