"""What each command imports at start-up (issue 15, target 1): the document and web libraries,
numpy and other heavy modules stay off the path of the commands that do not need them, and a
module whose patterns or helpers are costly builds them when first used. No test measures time:
each reads the import trace of a run (``python -X importtime``) or ``sys.modules`` after it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from crmselect import bundlecache

#: Top-level packages that only documents and the web form need.
HEAVY = {"docx", "openpyxl", "matplotlib", "jinja2", "flask", "flask_babel", "lxml", "waitress",
         "sqlalchemy", "markdown", "PIL"}
#: Babel is the edge's formatting library (numbers, dates and money in the reader's language),
#: so a command that prints figures loads it; --help prints none.


def imported_by(*args: str, cache: Path) -> set[str]:
    """The top-level modules that ``python -X importtime -m crmselect ARGS`` imports."""
    env = {**os.environ, "CRMSELECT_CACHE_DIR": str(cache), "CRMSELECT_LANG": "en"}
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "crmselect", *args],
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    names = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    assert "crmselect" in names  # the output was the import trace
    return names


def modules_imported_by(*args: str, cache: Path) -> set[str]:
    """Every module (full dotted name) that ``python -X importtime -m crmselect ARGS`` imports."""
    env = {**os.environ, "CRMSELECT_CACHE_DIR": str(cache), "CRMSELECT_LANG": "en"}
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "crmselect", *args],
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    names = {line.rsplit("|", 1)[1].strip() for line in result.stderr.splitlines()
             if line.startswith("import time:") and "|" in line}
    assert "crmselect.cli" in names  # the output was the import trace
    return names


@pytest.mark.parametrize("command", ["score", "validate", "sensitivity"])
def test_score_validate_sensitivity_import_no_document_or_web_library(sample_project, tmp_path,
                                                                      command):
    names = imported_by(command, str(sample_project), cache=tmp_path / "cache")
    assert not names & HEAVY, sorted(names & HEAVY)


def test_help_imports_neither_the_model_nor_numpy(tmp_path):
    names = imported_by("--help", cache=tmp_path / "cache")
    assert not names & (HEAVY | {"babel", "numpy", "pydantic", "yaml", "email"}), sorted(names)


# Not validate: it works out the test-drive and migration schedules, whose holiday calendars
# come from the holidays package, which reads its own version through importlib.metadata.
@pytest.mark.parametrize("command", ["score", "sensitivity"])
def test_commands_import_neither_importlib_metadata_nor_numpy_ma(sample_project, tmp_path,
                                                                 command):
    # pydantic's plugin lookup imported importlib.metadata (and email, zipfile, csv …);
    # np.unique imported numpy.ma.
    names = modules_imported_by(command, str(sample_project), cache=tmp_path / "cache")
    assert not names & {"importlib.metadata", "numpy.ma", "email"}, sorted(
        names & {"importlib.metadata", "numpy.ma", "email"})


def test_rfp_imports_no_numpy(sample_project, tmp_path):
    # project.py imports scorechecks, which imported numpy (and the score columns) at the top;
    # only the score checks need it, and the rfp reads no scores
    names = imported_by("rfp", str(sample_project), "--out", str(tmp_path / "rfp.docx"),
                        cache=tmp_path / "cache")
    assert "numpy" not in names, sorted(names & {"numpy"})
    assert "docx" in names  # the trace is of a run that wrote the document


def test_score_still_imports_numpy_and_no_document_library(sample_project, tmp_path):
    names = imported_by("score", str(sample_project), cache=tmp_path / "cache")
    assert "numpy" in names and not names & HEAVY


def test_validate_imports_no_holiday_calendar_nor_document_context(sample_project, tmp_path):
    names = modules_imported_by("validate", str(sample_project), cache=tmp_path / "cache")
    contexts = {n for n in names if n.startswith("crmselect.reporting.") and n.endswith("_context")}
    assert not contexts, sorted(contexts)
    assert not names & {"holidays", "importlib.metadata", "email"}, sorted(
        names & {"holidays", "importlib.metadata", "email"})


@pytest.mark.parametrize("command", ["score", "sensitivity"])
def test_reading_commands_do_not_import_the_project_lock(sample_project, tmp_path, command):
    names = modules_imported_by(command, str(sample_project), cache=tmp_path / "cache")
    assert not names & {"crmselect.projectlock", "socket"}, sorted(
        names & {"crmselect.projectlock", "socket"})


def test_help_imports_no_json_csv_or_socket(tmp_path):
    # every command module is imported for --help: each imports json and csv where a command
    # writes them, and the project lock its socket when a lock is taken
    names = modules_imported_by("--help", cache=tmp_path / "cache")
    # (the command modules come through importlib.import_module, which -X importtime does not
    # list; what they import is listed: the project lock is imported by cli/documents.py)
    assert "crmselect.projectlock" in names
    assert not names & {"json", "csv", "socket", "hashlib"}, sorted(
        names & {"json", "csv", "socket", "hashlib"})


def test_validate_imports_no_babel_dates_and_writes_no_cache_entry_again(sample_project,
                                                                         tmp_path):
    # the timeline's dates are written without babel.dates (whose import looks for the local
    # time zone through pytz); a second run finds every bundled file in the cache (no tempfile:
    # nothing is written) — the strings files too

    cache = tmp_path / "cache"
    modules_imported_by("validate", str(sample_project), cache=cache)  # fills the cache
    entries = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.pickle")}
    names = modules_imported_by("validate", str(sample_project), cache=cache)
    assert not names & {"babel.dates", "pytz", "tempfile"}, sorted(
        names & {"babel.dates", "pytz", "tempfile"})
    assert {p.name: p.stat().st_mtime_ns for p in cache.glob("*.pickle")} == entries
    from crmselect.resources import bundled_dir

    strings = bundled_dir("templates") / "strings"
    kept = {bundlecache._entry_name(f"document strings {strings / n}.yaml")
            for n in ("rfp", "workbook", "common")}
    assert kept <= set(entries)


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


# --- difflib: imported only when a name is mistyped ------------------------------------------


@pytest.mark.parametrize("command", ["score", "validate"])
def test_a_command_without_mistakes_does_not_import_difflib(sample_project, tmp_path, command):
    names = modules_imported_by(command, str(sample_project), cache=tmp_path / "cache")
    assert "difflib" not in names
    # documents and the web form stay off the path (issue 15)
    assert not names & {"docx", "openpyxl", "matplotlib", "flask", "jinja2", "sqlalchemy"}


def test_did_you_mean_still_finds_the_close_name():
    from crmselect.errors import did_you_mean

    assert did_you_mean("odo", ["odoo", "suitecrm"]).params == {"name": "odoo"}
    assert did_you_mean("zzz", ["odoo"]) == ""


# --- patterns compiled when first used -------------------------------------------------------


def test_importing_textsafety_compiles_no_pattern_and_the_functions_still_work():
    code = ("import crmselect.cli, crmselect.errors, crmselect.textsafety as t; "
            "print(t._compiled.cache_info().currsize); "
            "print(repr(t.printable('a\\nb\\x1b[31m\\u202e')), "
            "repr(t.clean_text('x\\x00y\\x0bz')), repr(t.safe_cell('=1+1\\x07')), "
            "t._compiled.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        "0", "'a\\\\nb\\\\x1b[31m\\\\u202e' 'xyz' \"'=1+1\" 2"]


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


def test_status_of_a_project_without_a_database_imports_no_sqlalchemy(sample_project, tmp_path):
    # status looked for evaluation.db by a name it imported from the database engine, which
    # imported SQLAlchemy (about half a second) for every project, with a database or not
    names = imported_by("status", str(sample_project), cache=tmp_path / "cache")
    assert "sqlalchemy" not in names
