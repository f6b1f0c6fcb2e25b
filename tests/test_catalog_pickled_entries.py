"""Instant commands (issue 15, target 1): the bundled catalog from the cache keeps each
requirement pickled until it is looked up (``catalog.PickledEntries``). No test measures time:
each checks that only the requirements asked for are unpickled and that the catalog reads the
same as one read from the files."""

from __future__ import annotations

import pickle

import pytest
from test_bundlecache import same_catalog

from crmselect import catalog
from crmselect.catalog import CatalogEntry, PickledEntries


def test_a_cached_catalog_unpickles_only_what_is_looked_up(cache, catalog_copy, monkeypatch):
    fresh = catalog.load_cached(catalog_copy)  # no entry yet: read and stored
    monkeypatch.setattr(catalog, "_load", lambda folder: pytest.fail("read the files again"))
    again = catalog.load_cached(catalog_copy)
    entries = again.entries
    assert isinstance(entries, PickledEntries) and len(entries) == len(fresh.entries) > 100
    first, second, *_ = list(entries)
    assert first in entries and "OPS-XXX-999" not in entries
    assert entries._entries == {}  # keys, membership and size unpickle nothing
    entry = entries[first]
    assert isinstance(entry, CatalogEntry) and entry.id == first
    assert entries[first] is entry and entries.get(first) is entry  # unpickled once
    assert set(entries._entries) == {first}
    assert entries.get("OPS-XXX-999") is None
    with pytest.raises(KeyError):
        entries["OPS-XXX-999"]
    assert entries.get(second).requirement == fresh.entries[second].requirement
    assert set(entries._entries) == {first, second}


def test_a_cached_catalog_reads_as_the_files_do(cache, catalog_copy):
    catalog.load_cached(catalog_copy)
    cached = catalog.load_cached(catalog_copy)
    read = catalog._load(catalog_copy)
    assert isinstance(read.entries, dict)
    assert same_catalog(cached, read)
    assert list(cached.entries.items()) == list(read.entries.items())  # the same order
    assert dict(cached.entries) == read.entries and read.entries == cached.entries
    assert [e.line for e in cached.entries.values()] == [e.line for e in read.entries.values()]


def test_pickled_entries_pickle_without_their_unpickled_values():
    entries = PickledEntries({"A": pickle.dumps("not an entry")})
    assert entries["A"] == "not an entry"
    again = pickle.loads(pickle.dumps(entries))
    assert again._entries == {} and list(again) == ["A"] and again["A"] == "not an entry"
    assert repr(again) == "PickledEntries(1 requirements)"


def test_a_damaged_requirement_inside_an_entry_is_not_read(cache, catalog_copy):
    # the entry's checksum covers the pickled requirements inside it: a changed byte there is
    # a damaged entry, read again from the files
    catalog.load_cached(catalog_copy)
    [entry] = cache.glob("*.pickle")
    data = bytearray(entry.read_bytes())
    at = data.rindex(b"OPS-")
    data[at + 1] = ord("X")
    entry.write_bytes(bytes(data))
    again = catalog.load_cached(catalog_copy)
    assert again.entries == catalog._load(catalog_copy).entries
