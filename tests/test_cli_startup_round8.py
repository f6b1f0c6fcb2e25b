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


# --- validate prints its dates without Babel's date module -----------------------------------


@pytest.mark.parametrize("lang", ["en", "tr", "de"])
def test_short_dates_are_babels(lang):
    import datetime as dt

    from babel.dates import format_date

    from crmselect.i18n.formatting import _locale, format_short_date

    days = [dt.date(1, 1, 1), dt.date(999, 12, 31), dt.date(1990, 2, 28), dt.date(2027, 1, 15),
            dt.date(2028, 2, 29), dt.date(9999, 12, 31)]
    days += [dt.date(2026, 1, 1) + dt.timedelta(days=n) for n in range(0, 800, 7)]
    pattern = "dd.MM.yyyy" if lang == "tr" else "dd/MM/yyyy"
    for day in days:
        assert format_short_date(day, lang) == format_date(day, pattern, locale=_locale(lang))
    moment = dt.datetime(2027, 3, 4, 23, 59)
    assert format_short_date(moment, lang) == format_date(moment.date(), pattern,
                                                          locale=_locale(lang))
    assert format_short_date(None, lang) == "—" and format_short_date(None, lang, "") == ""


# --- the bundled document strings come from the cache of the bundled data --------------------


@pytest.fixture
def strings_copy(monkeypatch, tmp_path) -> Path:
    """The bundled templates/strings copied, and taken as the bundled ones."""
    import shutil

    from crmselect import documentstrings
    from crmselect.resources import bundled_dir

    target = tmp_path / "bundled" / "templates"
    shutil.copytree(bundled_dir("templates") / "strings", target / "strings")
    monkeypatch.setattr(documentstrings, "bundled_dir",
                        lambda name: target if name == "templates" else bundled_dir(name))
    documentstrings._read_strings_file.cache_clear()
    yield target / "strings"
    documentstrings._read_strings_file.cache_clear()


def _reads(monkeypatch) -> list[Path]:
    from crmselect import documentstrings

    read: list[Path] = []
    real = documentstrings.read_document
    monkeypatch.setattr(documentstrings, "read_document",
                        lambda path: read.append(path) or real(path))
    return read


def test_bundled_strings_are_read_once_and_the_same_from_the_cache(cache, strings_copy,
                                                                     monkeypatch):
    from crmselect import documentstrings

    read = _reads(monkeypatch)
    first = documentstrings.load_namespace("rfp")
    assert read == [strings_copy / "rfp.yaml"]
    documentstrings._read_strings_file.cache_clear()  # as another process would start
    again = documentstrings.load_namespace("rfp")
    assert read == [strings_copy / "rfp.yaml"] and again == first  # from the cache
    assert first["title"]["tr"] == "Teklif İsteme Dokümanı (RFP)"


def test_a_changed_bundled_strings_file_is_read_again(cache, strings_copy, monkeypatch):
    from crmselect import documentstrings

    documentstrings.load_namespace("workbook")
    path = strings_copy / "workbook.yaml"
    path.write_text("changed: {en: Changed, tr: Değişti}\n", encoding="utf-8")
    documentstrings._read_strings_file.cache_clear()
    assert documentstrings.load_namespace("workbook") == {
        "changed": {"en": "Changed", "tr": "Değişti"}}


def test_a_broken_bundled_strings_file_is_reported_and_not_cached(cache, strings_copy):
    from crmselect import documentstrings
    from crmselect.errors import CrmselectError

    (strings_copy / "workbook.yaml").write_text("title:\n  en: Only English\n", encoding="utf-8")
    for _ in range(2):
        documentstrings._read_strings_file.cache_clear()
        with pytest.raises(CrmselectError) as info:
            documentstrings.load_namespace("workbook")
        assert info.value.issues[0].message.code == "strings_missing_language"
    assert not list(cache.glob("*.pickle"))


def test_a_projects_own_strings_file_is_always_read(cache, strings_copy, monkeypatch, tmp_path):
    from crmselect import documentstrings

    own = tmp_path / "project" / "templates" / "strings"
    own.mkdir(parents=True)
    (own / "common.yaml").write_text("department: {x: {en: X, tr: İks}}\n", encoding="utf-8")
    documentstrings.load_namespace("common", tmp_path / "project")
    read = _reads(monkeypatch)
    documentstrings._read_strings_file.cache_clear()
    merged = documentstrings.load_namespace("common", tmp_path / "project")
    assert read == [own / "common.yaml"]  # the bundled one from the cache, the project's read
    assert merged["department"]["x"] == {"en": "X", "tr": "İks"}


def test_each_caller_gets_its_own_copy_of_the_strings(cache):
    import copy

    from crmselect import documentstrings
    from crmselect.resources import bundled_dir

    path = bundled_dir("templates") / "strings" / "rfp.yaml"
    first = documentstrings.read_strings_file(path)
    assert first == copy.deepcopy(first)

    def nodes(node, found):
        if isinstance(node, (dict, list)):
            found.append(node)
            for child in node.values() if isinstance(node, dict) else node:
                nodes(child, found)
        else:
            assert node is None or isinstance(node, str)
        return found

    again = documentstrings.read_strings_file(path)
    assert again == first
    assert not {id(n) for n in nodes(first, [])} & {id(n) for n in nodes(again, [])}
    first["title"]["en"] = "changed by a caller"
    first["fact"].clear()
    assert documentstrings.read_strings_file(path) == again  # the cached tree is untouched


# --- the text-safety patterns are compiled when first used -----------------------------------


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


# --- what stays off the path ------------------------------------------------------------------


def test_help_imports_no_json_csv_or_socket(tmp_path):
    # every command module is imported for --help: each imports json and csv where a command
    # writes them, and the project lock its socket when a lock is taken
    from test_cli_startup_lean import modules_imported_by

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
    from test_cli_startup_lean import modules_imported_by

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


def test_validate_reads_no_bundled_strings_file_once_cached(sample_project, cache,
                                                             monkeypatch):
    from click.testing import CliRunner

    from crmselect import documentstrings
    from crmselect.cli import main
    from crmselect.resources import bundled_dir

    documentstrings._read_strings_file.cache_clear()  # read by an earlier test of this process
    first = CliRunner().invoke(main, ["validate", str(sample_project)])
    assert first.exit_code == 0, first.output
    documentstrings._read_strings_file.cache_clear()  # as a new process starts
    read = _reads(monkeypatch)
    again = CliRunner().invoke(main, ["validate", str(sample_project)])
    assert again.exit_code == 0 and again.output == first.output
    strings = bundled_dir("templates") / "strings"
    assert not [p for p in read if p.parent == strings], read
