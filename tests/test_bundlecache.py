"""The cache of the bundled data (crmselect/bundlecache.py): an entry gives exactly what reading
the files gives, is keyed by the files and the code that built it, is read again when damaged
or changed, and is read back without costly steps (issue 15, target 1). No test measures time.
(The cache's guarantees against a run of other code: tests/test_bundlecache_qa.py.)
"""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys

import pytest

from crmselect import bundlecache, catalog, loading
from crmselect.errors import CrmselectError
from crmselect.model import VendorProfile
from crmselect.resources import bundled_dir

# --- the catalog from the cache --------------------------------------------------------------


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


# --- vendor profiles from the cache ----------------------------------------------------------


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


# --- two processes ---------------------------------------------------------------------------


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


# --- an entry's key --------------------------------------------------------------------------


def test_the_cache_imports_no_hashlib(tmp_path):
    # hashlib imports _hashlib (OpenSSL) even for blake2b; the key needs no digest at all
    source = tmp_path / "data.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    code = ("import sys; from pathlib import Path; from crmselect import bundlecache as b; "
            "b.code_key = lambda: 'code'; "  # the real one imports pydantic (which has hashlib)
            "print(b.cached('k', [Path(sys.argv[1])], lambda: [1], lambda v: True), "
            "b.cached('k', [Path(sys.argv[1])], lambda: [2], lambda v: True), "
            "sorted({'hashlib', '_hashlib'} & set(sys.modules)))")
    env = {**os.environ, "CRMSELECT_CACHE_DIR": str(tmp_path / "cache")}
    out = subprocess.run([sys.executable, "-c", code, str(source)], env=env, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["[1]", "[1]", "[]"]  # built, then read back; no hashlib


def test_an_entry_starts_with_the_whole_key(cache, tmp_path):
    source = tmp_path / "data.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    bundlecache.cached("test kind", [source], lambda: {"a": 1}, lambda found: True)
    [entry] = cache.glob("*.pickle")
    data = entry.read_bytes()
    key = f"{bundlecache.code_key()}\ntest kind\n{bundlecache._fingerprint([source])!r}".encode()
    assert data.startswith(bundlecache.MAGIC + b"%d\n" % len(key) + key + b"\n")
    assert entry.name == bundlecache._entry_name("test kind")
    assert entry.name == bundlecache._entry_name("test kind")  # the same in every process ...
    assert bundlecache._entry_name("test kind 2") != entry.name  # ... and per kind


def test_two_kinds_with_the_same_file_name_never_get_each_others_value(cache, tmp_path,
                                                                         monkeypatch):
    # the file name is a checksum: when two kinds share one, the key at the head tells them apart
    monkeypatch.setattr(bundlecache, "_entry_name", lambda kind: "same.pickle")
    source = tmp_path / "data.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    built = []
    for kind in ("first", "second", "first", "second"):
        value = bundlecache.cached(kind, [source], lambda k=kind: built.append(k) or k,
                                   lambda found: True)
        assert value == kind
    assert built == ["first", "second", "first", "second"]  # each replaced the other
    assert bundlecache.cached("second", [source], lambda: "built", lambda found: True) == "second"


def test_a_key_that_only_starts_like_the_entrys_is_not_a_hit(cache, tmp_path, monkeypatch):
    # the length in the head: a key that is a prefix of another's (+ newline) is another key
    source = tmp_path / "data.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    monkeypatch.setattr(bundlecache, "_entry_name", lambda kind: "same.pickle")
    assert bundlecache.cached("k\nx", [source], lambda: "long", lambda found: True) == "long"
    assert bundlecache.cached("k", [source], lambda: "short", lambda found: True) == "short"
    assert bundlecache.cached("k\nx", [source], lambda: "again", lambda found: True) == "again"


def test_a_changed_size_or_time_of_a_source_is_another_key(cache, tmp_path):
    source = tmp_path / "data.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    assert bundlecache.cached("k", [source], lambda: 1, lambda found: True) == 1
    info = source.stat()
    os.utime(source, ns=(info.st_atime_ns, info.st_mtime_ns + 1))  # one nanosecond later
    assert bundlecache.cached("k", [source], lambda: 2, lambda found: True) == 2
    source.write_text("a: 12\n", encoding="utf-8")
    os.utime(source, ns=(info.st_atime_ns, info.st_mtime_ns + 1))  # same time, other size
    assert bundlecache.cached("k", [source], lambda: 3, lambda found: True) == 3
    assert bundlecache.cached("k", [source], lambda: 4, lambda found: True) == 3


# --- reading an entry back -------------------------------------------------------------------


def test_a_cache_entry_is_read_without_cycle_collection_passes(monkeypatch, tmp_path):
    # Unpickling the catalog makes thousands of objects, none in a cycle; the collector's
    # passes over them cost as much as the unpickling itself.
    import gc
    import pickle

    from crmselect import bundlecache

    monkeypatch.setenv("CRMSELECT_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "data.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    built = []
    value = bundlecache.cached("test kind", [source], lambda: built.append(1) or {"a": [1, 2]},
                               lambda found: isinstance(found, dict))
    assert value == {"a": [1, 2]} and built == [1]
    seen = []
    real = pickle.loads  # the entry's bytes, once their checksum is checked
    monkeypatch.setattr(bundlecache.pickle, "loads",
                        lambda data: seen.append(gc.isenabled()) or real(data))
    assert gc.isenabled()
    again = bundlecache.cached("test kind", [source], lambda: built.append(2) or {},
                               lambda found: isinstance(found, dict))
    assert again == {"a": [1, 2]} and built == [1]  # read from the cache, not built again
    assert seen == [False]  # no collection pass while reading …
    assert gc.isenabled()  # … and the collector is back on afterwards


def test_a_damaged_cache_entry_still_turns_the_collector_back_on(monkeypatch, tmp_path):
    import gc

    from crmselect import bundlecache

    monkeypatch.setenv("CRMSELECT_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "data.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    bundlecache.cached("test kind", [source], lambda: [1], lambda found: True)
    [entry] = (tmp_path / "cache").glob("*.pickle")
    entry.write_bytes(entry.read_bytes()[:-3])  # cut short
    assert bundlecache.cached("test kind", [source], lambda: [2], lambda found: True) == [2]
    assert gc.isenabled()


# A cache entry's pydantic models are read back in one call each, not through pydantic's
# __setstate__ (issue 15).
def test_cached_models_are_read_back_without_pydantics_setstate(monkeypatch, tmp_path):
    from pydantic import BaseModel, ValidationError

    from crmselect import bundlecache
    from crmselect.model import AreasFile, Text

    monkeypatch.setenv("CRMSELECT_CACHE_DIR", str(tmp_path / "cache"))
    text = Text(en="Sales", tr="Satış")
    areas = AreasFile.model_validate({"areas": [{
        "id": "operational", "name": {"en": "Operational", "tr": "Operasyonel"},
        "description": {"en": "Day to day work.", "tr": "Günlük işler."},
        "groups": [{"id": "sales", "name": {"en": "Sales", "tr": "Satış"},
                    "problem": {"en": "Leads are lost.", "tr": "Fırsatlar kaçıyor."}}]}]})
    source = tmp_path / "source.yaml"
    source.write_text("x: 1\n", encoding="utf-8")
    built = []

    def build():
        built.append(1)
        return {"text": text, "areas": [areas]}

    first = bundlecache.cached("test models", [source], build, lambda found: True)

    def refuse(self, state):  # pragma: no cover - fails the test if pickle calls it
        raise AssertionError("pydantic's __setstate__ was called")

    monkeypatch.setattr(BaseModel, "__setstate__", refuse)
    again = bundlecache.cached("test models", [source], build, lambda found: True)
    assert built == [1]  # read from the entry, not built again
    assert again == first and again is not first
    read = again["areas"][0].areas[0]
    assert type(read) is type(areas.areas[0]) and read == areas.areas[0]
    assert read.__pydantic_fields_set__ == areas.areas[0].__pydantic_fields_set__
    assert read.__pydantic_extra__ is None and read.__pydantic_private__ is None
    assert read.groups[0].name == text and again["areas"][0].model_dump() == areas.model_dump()
    with pytest.raises(ValidationError):  # still frozen
        read.id = "analytical"
