"""A command asks numpy's OpenBLAS for one thread, unless the user chose a thread count."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

RUN = """
import os, sys
{before}
from crmselect.cli import main
try:
    main(["--help"])
except SystemExit:
    pass
import numpy
threads = len(os.listdir("/proc/self/task")) if os.path.isdir("/proc/self/task") else -1
print(os.environ.get("OPENBLAS_NUM_THREADS"), threads)
"""


def _run(before: str = "", **env: str) -> list[str]:
    clean = {k: v for k, v in os.environ.items()
             if k not in ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS")}
    done = subprocess.run([sys.executable, "-c", RUN.format(before=before)], check=True,
                          capture_output=True, text=True, env={**clean, **env})
    return done.stdout.splitlines()[-1].split()  # after the help text


def test_a_command_runs_numpy_on_one_blas_thread():
    setting, threads = _run()
    assert setting == "1"
    assert threads in ("1", "-1")  # only the main thread (where /proc tells)


@pytest.mark.parametrize("name", ["OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS"])
def test_a_thread_count_the_user_set_is_kept(name: str):
    setting, _threads = _run(**{name: "2"})
    assert setting == ("2" if name == "OPENBLAS_NUM_THREADS" else "None")


def test_numpy_loaded_before_the_command_is_left_as_it_is():
    setting, _threads = _run(before="import numpy")
    assert setting == "None"
