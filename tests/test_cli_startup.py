"""Instant commands: what a command imports and reads, and the cache of the bundled data.

No test here measures time: they check that the slow things are not done at all (a document or
web library imported by ``score``, vendor profiles read by ``catalog list``) and that the cache
gives exactly what reading the files gives.
"""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from crmselect import bundlecache, catalog, loading
from crmselect.cli import main
from crmselect.errors import CrmselectError
from crmselect.model import VendorProfile
from crmselect.resources import bundled_dir

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


@pytest.mark.parametrize("command", ["score", "validate", "sensitivity"])
def test_score_validate_sensitivity_import_no_document_or_web_library(sample_project, tmp_path,
                                                                      command):
    names = imported_by(command, str(sample_project), cache=tmp_path / "cache")
    assert not names & HEAVY, sorted(names & HEAVY)


def test_help_imports_neither_the_model_nor_numpy(tmp_path):
    names = imported_by("--help", cache=tmp_path / "cache")
    assert not names & (HEAVY | {"babel", "numpy", "pydantic", "yaml", "email"}), sorted(names)


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


# --- the cache of the bundled data -------------------------------------------------------------


def same_catalog(a: catalog.Catalog, b: catalog.Catalog) -> bool:
    return (a.areas, a.entries, a.kpis, a.scenarios, a.glossary) == (
        b.areas, b.entries, b.kpis, b.scenarios, b.glossary)


def no_reading(monkeypatch) -> None:
    """From here on, parsing a catalog file fails the test: the data must come from the cache."""
    def refuse(*_args: object) -> None:
        raise AssertionError("the catalog was read again")

    monkeypatch.setattr(catalog, "_load", refuse)


def test_a_cache_hit_gives_the_same_catalog_as_reading_the_files(cache, catalog_copy,
                                                                   monkeypatch):
    first = catalog.load_cached(catalog_copy)
    assert len(list(cache.glob("*.pickle"))) == 1
    fresh = catalog._load(catalog_copy.resolve())
    no_reading(monkeypatch)
    again = catalog.load_cached(catalog_copy)
    assert again is not first and same_catalog(again, fresh) and same_catalog(first, fresh)
    entry = next(iter(again.entries.values()))
    assert entry.line > 0 and entry.file.is_file()


def test_a_damaged_cache_entry_is_read_again_and_rewritten(cache, catalog_copy, monkeypatch):
    fresh = catalog.load_cached(catalog_copy)
    [entry] = cache.glob("*.pickle")
    good = entry.read_bytes()
    for damage in (b"", good[: len(good) // 2], good[:60] + b"garbage" + good[67:],
                   bundlecache.MAGIC + b"0" * 64 + b"\n" + pickle.dumps("not a catalog")):
        entry.write_bytes(damage)
        again = catalog.load_cached(catalog_copy)
        assert same_catalog(again, fresh)
        assert entry.read_bytes().startswith(bundlecache.MAGIC) and entry.read_bytes() != damage


def test_a_changed_bundled_file_is_read_again(cache, catalog_copy, monkeypatch):
    before = catalog.load_cached(catalog_copy)
    path = before.entries["OPS-SFA-001"].file
    text = path.read_text(encoding="utf-8")
    title = before.entries["OPS-SFA-001"].requirement.title.en
    path.write_text(text.replace(title, "A title changed after the cache was written", 1),
                    encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    after = catalog.load_cached(catalog_copy)
    assert after.entries["OPS-SFA-001"].requirement.title.en == (
        "A title changed after the cache was written")
    (catalog_copy / "glossary.yaml").unlink()  # a file gone changes the key too
    assert catalog.load_cached(catalog_copy).glossary == []


def test_other_code_does_not_use_the_entry(cache, catalog_copy, monkeypatch):
    catalog.load_cached(catalog_copy)
    monkeypatch.setattr(bundlecache, "_code_key", "another version of crmselect")
    built = []
    real = catalog._load
    monkeypatch.setattr(catalog, "_load", lambda folder: built.append(folder) or real(folder))
    catalog.load_cached(catalog_copy)
    assert built


def test_a_broken_bundled_file_is_reported_and_not_cached(cache, catalog_copy):
    (catalog_copy / "areas.yaml").write_text("areas: [\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(CrmselectError) as info:
            catalog.load_cached(catalog_copy)
        assert "areas.yaml:2:1" in str(info.value.issues[0])
    assert not list(cache.glob("*.pickle"))


@pytest.mark.parametrize("setting", ["off", "group-writable"])
def test_no_cache_when_turned_off_or_writable_by_others(monkeypatch, tmp_path, catalog_copy,
                                                        setting):
    folder = tmp_path / "shared"
    if setting == "off":
        monkeypatch.setenv("CRMSELECT_CACHE_DIR", "off")
    else:
        folder.mkdir()
        folder.chmod(0o777)
        monkeypatch.setenv("CRMSELECT_CACHE_DIR", str(folder))
    assert same_catalog(catalog.load_cached(catalog_copy), catalog._load(catalog_copy.resolve()))
    assert not list(tmp_path.rglob("*.pickle"))


def test_xdg_cache_home_is_used(monkeypatch, tmp_path):
    monkeypatch.delenv("CRMSELECT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert bundlecache.cache_dir() == tmp_path / "xdg" / "crmselect"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/is/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert bundlecache.cache_dir() == tmp_path / "home" / ".cache" / "crmselect"
    monkeypatch.setenv("HOME", "not/absolute")  # never a cache folder below the working folder
    assert bundlecache.cache_dir() is None


def test_a_bundled_vendor_profile_from_the_cache_is_the_same(cache, monkeypatch):
    path = sorted(bundled_dir("vendors").glob("*.yaml"))[0]
    fresh, doc = loading.load_file(path, VendorProfile)
    assert doc.data["id"] == fresh.id
    monkeypatch.setattr(loading, "read_document", lambda _path: pytest.fail("read again"))
    again, lazy = loading.load_file(path, VendorProfile)
    assert again == fresh and again is not fresh
    monkeypatch.undo()
    assert lazy.position(("id",)) == doc.position(("id",))  # read only when a message needs it
    assert (lazy.data, lazy.key_positions, lazy.text) == (doc.data, doc.key_positions, doc.text)


def test_a_projects_own_vendor_file_is_always_read(cache, sample_project, monkeypatch):
    own = sample_project / "vendors"
    own.mkdir(exist_ok=True)
    source = sorted(bundled_dir("vendors").glob("*.yaml"))[0]
    shutil.copy(source, own / source.name)
    loading.load_file(own / source.name, VendorProfile)
    read = []
    real = loading.read_document
    monkeypatch.setattr(loading, "read_document", lambda path: read.append(path) or real(path))
    loading.load_file(own / source.name, VendorProfile)
    assert read == [own / source.name]


def test_two_processes_filling_the_cache_at_once_both_succeed(tmp_path, catalog_copy):
    env = {**os.environ, "CRMSELECT_CACHE_DIR": str(tmp_path / "cache")}
    code = ("import sys; from pathlib import Path; from crmselect.catalog import load_cached; "
            "print(len(load_cached(Path(sys.argv[1])).entries))")
    runs = [subprocess.Popen([sys.executable, "-c", code, str(catalog_copy)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    counts = {out for out, _ in outputs}
    assert len(counts) == 1
    [entry] = (tmp_path / "cache").glob("*.pickle")
    assert not list((tmp_path / "cache").glob(".tmp-*"))
    again = subprocess.run([sys.executable, "-c", code, str(catalog_copy)], env=env,
                           capture_output=True, text=True, timeout=300)
    assert again.stdout in counts and entry.read_bytes().startswith(bundlecache.MAGIC)
