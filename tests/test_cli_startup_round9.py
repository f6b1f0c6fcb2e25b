"""Instant commands, ninth round (issue 15, target 1): steps that ``score``, ``validate`` and
``sensitivity`` no longer take, with the same results. No test measures time. (The prebuilt
validators: tests/test_prebuilt_validators.py; the catalog's pickled requirements:
tests/test_catalog_pickled_entries.py.)"""

from __future__ import annotations

import subprocess
import sys

import pytest


def test_importing_typedvalues_compiles_no_pattern_and_the_functions_still_work():
    # score, validate and sensitivity import it through the scores CSV reader; compiling its
    # five patterns took about 8 M instructions of each
    code = ("import crmselect.typedvalues as v; "
            "print(v._compiled.cache_info().currsize); "
            "print(v.parse_number('€ 1.200,50', 'tr'), v.parse_number('1,200.5 TL', 'en'), "
            "v.parse_number('€ 1.200 TL', 'tr'), v.marked_currency('100 dolar'), "
            "sorted(v.currency_marks('€ 1.200 tl')), v.without_vat('18.500 TL + kdv'), "
            "v.without_vat('21.830 TL KDV dahil'), v.without_vat('5'), "
            "v.parse_day_first('23.02.2027 13:34'), v.parse_day_first('30.02.2027'), "
            "v._compiled.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, check=True)
    assert out.stdout.splitlines() == [
        "0",
        "1200.5 1200.5 None USD ['EUR', 'TRY'] ('18.500 TL', False) "
        "('21.830 TL KDV dahil', True) ('5', None) 2027-02-23 13:34:00 None 5"]


_MODULES_AFTER = """
import contextlib, io, sys
from crmselect.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main(sys.argv[1:], standalone_mode=False)
    except SystemExit:
        pass
print(" ".join(sorted(sys.modules)))
"""


@pytest.mark.parametrize("command", ["score", "sensitivity"])
def test_the_scoring_engine_imports_no_numpy_typing(sample_project, command):
    # ahp.py and mcda.py name numpy.typing's ArrayLike in annotations only; importing it
    # (with numpy's docstrings for its aliases) took about 9 M instructions
    out = subprocess.run([sys.executable, "-c", _MODULES_AFTER, command, str(sample_project)],
                         capture_output=True, text=True, timeout=300, check=True)
    modules = out.stdout.split()
    assert "crmselect.scoring.mcda" in modules and "crmselect.scoring.ahp" in modules
    assert "numpy.typing" not in modules
