"""What a command does around its own work (issue 15, target 1): ``--version``, the files
``catalog list`` reads, and the cycle collector, off while a reading command loads the project.

No test here measures time: they check that the slow things are not done at all (vendor
profiles read by ``catalog list``, collector passes over the loaded project). What a command
imports: tests/test_cli_imports.py; the cache of the bundled data: tests/test_bundlecache.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from crmselect import catalog, loading
from crmselect.cli import main
from crmselect.resources import bundled_dir


def test_version_is_still_printed(tmp_path):
    from crmselect import __version__

    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and result.output == f"crmselect, version {__version__}\n"


def test_catalog_list_reads_no_vendor_profile(monkeypatch, tmp_path):
    monkeypatch.setenv("CRMSELECT_CACHE_DIR", str(tmp_path / "cache"))
    read = []
    real = loading.read_document
    monkeypatch.setattr(loading, "read_document", lambda path: read.append(path) or real(path))
    catalog._bundled_catalog.cache_clear()
    try:
        result = CliRunner().invoke(main, ["catalog", "list"])
    finally:
        catalog._bundled_catalog.cache_clear()
    assert result.exit_code == 0, result.output
    assert read  # the catalog was read (the cache is empty) ...
    vendors = bundled_dir("vendors").resolve()
    assert not [p for p in read if Path(p).resolve().parent == vendors]  # ... no vendor was


# --- the cycle collector while a reading command runs ----------------------------------------


def _collector_state_while_loading(monkeypatch, *args: str) -> tuple[list[bool], int]:
    import gc

    from click.testing import CliRunner

    import crmselect.project
    from crmselect.cli import main

    seen = []
    real = crmselect.project.load_project

    def spy(*a, **k):
        seen.append(gc.isenabled())
        return real(*a, **k)

    monkeypatch.setattr(crmselect.project, "load_project", spy)
    assert gc.isenabled()
    result = CliRunner().invoke(main, list(args), env={"CRMSELECT_LANG": "en"})
    assert gc.isenabled()  # back on for whatever runs next in the process
    return seen, result.exit_code


@pytest.mark.parametrize("command", ["score", "sensitivity", "validate"])
def test_reading_commands_run_without_the_cycle_collector(monkeypatch, sample_project, command):
    seen, code = _collector_state_while_loading(monkeypatch, command, str(sample_project))
    assert code == 0 and seen and not any(seen)


def test_a_failing_reading_command_turns_the_collector_back_on(monkeypatch, tmp_path):
    seen, code = _collector_state_while_loading(monkeypatch, "score", str(tmp_path / "none"))
    assert code == 1 and seen == [False]


def test_other_commands_keep_the_cycle_collector(monkeypatch, sample_project):
    seen, code = _collector_state_while_loading(monkeypatch, "status", str(sample_project))
    assert code == 0 and seen and all(seen)


def test_what_a_reading_command_made_is_set_aside_then_given_back(monkeypatch, sample_project):
    # gc.freeze(): the collector's first pass after the command would go over all of it; the
    # next command of the same process (tests) gives it back to the collector.
    import gc

    try:
        _collector_state_while_loading(monkeypatch, "score", str(sample_project))
        assert gc.get_freeze_count() > 0
        seen, code = _collector_state_while_loading(monkeypatch, "status", str(sample_project))
        assert code == 0 and all(seen)
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()
