"""The cache of bundled data never gives a value the files and code of this run would not
build. It keys each entry by crmselect's top-level modules only: a value built by a module of
a sub-package (the holidays of the test-drive plan, Babel's number symbols) names that module
among its sources, so that an edit of it builds the value again instead of reading what the
old code made. An entry changed after it was written is not read back (its CRC-32)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from crmselect import bundlecache
from crmselect.i18n import formatting
from crmselect.reporting import workdays


def _sources_of(monkeypatch: pytest.MonkeyPatch) -> list[list[Path]]:
    seen: list[list[Path]] = []
    real = bundlecache.cached

    def spy(kind: str, sources: list[Path], build: Any, check: Any) -> Any:
        seen.append(list(sources))
        return real(kind, sources, build, check)

    monkeypatch.setattr(bundlecache, "cached", spy)
    return seen


def test_the_holidays_entry_is_keyed_by_the_module_that_works_them_out(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CRMSELECT_CACHE_DIR", str(tmp_path))
    seen = _sources_of(monkeypatch)
    days, _names = workdays._year_holidays("TR", "tr", 2031)
    assert days and seen
    assert all(Path(workdays.__file__) in sources for sources in seen)


def test_the_number_symbols_entry_is_keyed_by_the_module_that_reads_them(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CRMSELECT_CACHE_DIR", str(tmp_path))
    seen = _sources_of(monkeypatch)
    assert formatting._number_tables("tr_TR")["number_symbols"]["latn"]["decimal"] == ","
    assert seen and Path(formatting.__file__) in seen[0]


def test_an_edit_of_the_module_builds_the_holidays_again(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CRMSELECT_CACHE_DIR", str(tmp_path))
    first = workdays._year_holidays("TR", "en", 2032)
    module = Path(workdays.__file__)
    info = module.stat()
    real_stat = Path.stat

    def edited(self: Path, *args: Any, **kwargs: Any) -> os.stat_result:
        result = real_stat(self, *args, **kwargs)
        if self == module:  # as if the module had been saved again: a new modification time
            values = list(result)
            values[8] = info.st_mtime + 1
            return os.stat_result(values, {"st_mtime_ns": info.st_mtime_ns + 10**9})
        return result

    monkeypatch.setattr(Path, "stat", edited)
    built: list[bool] = []
    monkeypatch.setattr(workdays, "_compute_year_holidays",
                        lambda *a: built.append(True) or first)
    assert workdays._year_holidays("TR", "en", 2032) == first
    assert built == [True]


def test_a_changed_byte_in_an_entry_is_not_read_back(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # one bit of a text flipped in the entry (a damaged disk, a bad copy): the header is intact
    # and the pickle still loads, into the wrong text ("sales force" for "Sales force")
    monkeypatch.setenv("CRMSELECT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(bundlecache, "code_key", lambda: "code")
    source = tmp_path / "data.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    value = {"group": "Sales force automation"}
    assert bundlecache.cached("k", [source], lambda: value, lambda v: True) == value
    [entry] = (tmp_path / "cache").glob("*.pickle")
    data = bytearray(entry.read_bytes())
    at = data.find(b"Sales force")
    data[at] ^= 0x20
    entry.write_bytes(bytes(data))
    built = {"group": "built again"}
    assert bundlecache.cached("k", [source], lambda: built, lambda v: True) == built
    # ... and written again whole
    assert bundlecache.cached("k", [source], lambda: {}, lambda v: True) == built
