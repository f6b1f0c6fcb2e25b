"""Instant commands, eighth round (issue 15, target 1): modules that ``score``, ``validate``,
``sensitivity`` and ``--help`` no longer import, and ``validate``'s extra work, with the same
output. No test measures time."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from crmselect import bundlecache

# --- the bundled-data cache's keys need no OpenSSL -------------------------------------------


@pytest.fixture
def cache(monkeypatch, tmp_path) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CRMSELECT_CACHE_DIR", str(folder))
    return folder


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
