"""A project's own files kept read in the cache folder by their text
(:func:`crmselect.bundlecache.cached_reading`): the same text gives the same project without
being parsed again, any other text is read and checked again, a file with a problem is never
kept, and a problem found later is still placed at its line and column. No test measures time.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from crmselect import bundlecache, loading, scoresyaml
from crmselect.errors import CrmselectError
from crmselect.model import Project
from crmselect.project import load_project
from crmselect.resources import bundled_dir


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> list:
    """Records every text parsed from here on (the project's files and the scores' lines)."""
    parsed: list = []
    real_parse, real_lines = loading.parse_text, scoresyaml._read_lines
    monkeypatch.setattr(loading, "parse_text",
                        lambda text, path, *a, **k: parsed.append(path) or real_parse(
                            text, path, *a, **k))
    monkeypatch.setattr(scoresyaml, "_read_lines",
                        lambda path, text: parsed.append(path) or real_lines(path, text))
    return parsed


def _same_time(path, edit) -> None:
    """Edits ``path`` in place keeping its size and modification time, as a quick edit in the
    same tick of a coarse clock would: only the text tells the change."""
    info = path.stat()
    before = path.read_text(encoding="utf-8")
    after = edit(before)
    assert after != before and len(after.encode()) == len(before.encode())
    path.write_text(after, encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


def test_the_same_texts_give_the_same_project_without_parsing(cache, sample_project,
                                                              monkeypatch):
    first = load_project(sample_project)
    assert len(list(cache.glob("read-*.pickle"))) == 6  # project, 4 responses, scores
    parsed = _no_parsing(monkeypatch)
    again = load_project(sample_project)
    assert parsed == []
    assert again.project == first.project and again.project is not first.project
    assert {v: (x.responses, x.pricing, x.references) for v, x in again.vendors.items()} == {
        v: (x.responses, x.pricing, x.references) for v, x in first.vendors.items()}
    a, b = again.scores.scores, first.scores.scores  # the columns, record for record
    assert a.names == b.names and a.notes == b.notes and a.extras == b.extras
    assert all((a.codes[k] == b.codes[k]).all() for k in b.codes) and (a.score == b.score).all()
    assert again.scores.demo == first.scores.demo and len(a) == len(b) > 0


def test_an_edit_that_keeps_size_and_time_is_read_again(cache, sample_project, monkeypatch):
    load_project(sample_project)
    project = sample_project / "project.yaml"
    text = project.read_text(encoding="utf-8")
    seed = text[text.index("seed: "):].split("\n")[0]  # "seed: 42" → "seed: 43"
    _same_time(project, lambda t: t.replace(seed, seed[:-1] + str((int(seed[-1]) + 1) % 10), 1))
    parsed = _no_parsing(monkeypatch)
    again = load_project(sample_project)
    assert parsed == [project]  # the other files' texts did not change
    assert str(again.project.scoring.seed)[-1] == str((int(seed[-1]) + 1) % 10)


def test_an_edited_score_is_read_again(cache, sample_project):
    first = load_project(sample_project)
    scores = sample_project / "scores.yaml"
    text = scores.read_text(encoding="utf-8")
    at = text.index("score: ") + len("score: ")
    old = text[at]
    new = "1" if old != "1" else "2"
    _same_time(scores, lambda t: t[:at] + new + t[at + 1:])
    again = load_project(sample_project)
    assert float(again.scores.scores.score[0]) == float(new) != float(
        first.scores.scores.score[0])


def test_a_file_with_a_problem_is_not_kept_and_is_reported_each_time(cache, sample_project):
    project = sample_project / "project.yaml"
    text = project.read_text(encoding="utf-8")
    project.write_text(text.replace("seed: ", "seed: -", 1), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(CrmselectError) as err:
            load_project(sample_project)
        [issue] = [i for i in err.value.issues if i.file == str(project)]
        assert issue.line > 0 and issue.column > 0
    assert not [e for e in cache.glob("read-*.pickle")
                if b"Project" in e.read_bytes()[:2000] and str(project).encode() in
                e.read_bytes()[:2000]]


def test_a_later_problem_in_a_kept_file_is_placed_at_its_line(cache, sample_project):
    """project.yaml names a vendor whose own profile then goes: project.yaml, unchanged, comes
    from the cache, and the problem is still placed at the vendor's line and column in it."""
    project = sample_project / "project.yaml"
    text = project.read_text(encoding="utf-8").replace("vendors: [suitecrm,",
                                                       "vendors: [acme_crm, suitecrm,", 1)
    project.write_text(text, encoding="utf-8")
    (sample_project / "vendors").mkdir()
    profile = sample_project / "vendors" / "acme_crm.yaml"
    bundled = bundled_dir("vendors") / "suitecrm.yaml"
    profile.write_text(bundled.read_text(encoding="utf-8").replace(
        "id: suitecrm", "id: acme_crm", 1), encoding="utf-8")
    assert "acme_crm" in load_project(sample_project).vendors  # project.yaml is kept now
    profile.unlink()
    lines = text.split("\n")
    line = next(i for i, row in enumerate(lines, 1) if row.startswith("vendors: ["))
    column = lines[line - 1].index("acme_crm") + 1
    for _ in range(2):
        with pytest.raises(CrmselectError) as err:
            load_project(sample_project)
        assert [(i.line, i.column) for i in err.value.issues if i.file == str(project)] == [
            (line, column)]


def test_a_kept_reading_is_used_only_by_the_same_code(cache, sample_project, monkeypatch):
    load_project(sample_project)
    monkeypatch.setattr(bundlecache, "code_key", lambda: "other code")
    parsed = _no_parsing(monkeypatch)
    load_project(sample_project)
    assert len(parsed) == 6


def test_a_damaged_entry_is_read_again(cache, sample_project):
    first = load_project(sample_project)
    for entry in cache.glob("read-*.pickle"):
        data = entry.read_bytes()
        entry.write_bytes(data[:-40] + b"x" * 40)
    again = load_project(sample_project)
    assert again.project == first.project


def test_the_folder_keeps_at_most_so_many_readings(cache, tmp_path, monkeypatch):
    monkeypatch.setattr(bundlecache, "MAX_READINGS", 8)
    counts = []
    for i in range(20):
        value = bundlecache.cached_reading(f"kind {i}", f"text {i}", lambda i=i: [i],
                                           lambda found: True)
        assert value == [i]
        entry = cache / ("read-" + bundlecache._entry_name(f"kind {i}"))
        os.utime(entry, ns=(i * 10**9, i * 10**9))  # written in this order, whatever the clock
        counts.append(len(list(cache.glob("read-*.pickle"))))
    assert max(counts) == 8 and counts[8] == 7  # at 8, the oldest go down to 6, then one more
    assert bundlecache.cached_reading("kind 19", "text 19", lambda: None, lambda f: True) == [19]
    kept = {bundlecache.cached_reading(f"kind {i}", f"text {i}", lambda: None, lambda f: True)
            is not None for i in range(3)}
    assert kept == {False}  # the oldest were the ones removed


def test_a_big_text_and_a_turned_off_cache_are_not_kept(cache, monkeypatch):
    monkeypatch.setattr(bundlecache, "MAX_KEPT_TEXT", 10)
    assert bundlecache.cached_reading("k", "x" * 11, lambda: [1], lambda f: True) == [1]
    assert not list(cache.glob("read-*"))
    monkeypatch.setenv("CRMSELECT_CACHE_DIR", "off")
    assert bundlecache.cached_reading("k", "x", lambda: [1], lambda f: True) == [1]
    assert not list(cache.glob("read-*"))


def test_a_reading_of_another_model_is_not_taken(cache, sample_project):
    path = sample_project / "project.yaml"
    first, _doc, problems = loading.read_partly(path, Project)
    assert problems == [] and isinstance(first, Project)
    again, doc, problems = loading.read_partly(path, Project)
    assert again == first and problems == [] and type(doc).__name__ == "LazyDocument"
    assert doc.position(("vendors", 0)) == _doc.position(("vendors", 0))


def test_writing_an_entry_imports_no_tempfile(tmp_path):
    # tempfile imports shutil, bz2 and lzma: about 4 ms of a command run after an edit
    code = ("import sys; from crmselect import bundlecache as b; b.code_key = lambda: 'code'; "
            "print(b.cached_reading('k', 'text', lambda: [1], lambda v: True), "
            "b.cached_reading('k', 'text', lambda: [2], lambda v: True), "
            "sorted({'tempfile', 'shutil'} & set(sys.modules)))")
    env = {**os.environ, "CRMSELECT_CACHE_DIR": str(tmp_path / "cache")}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["[1]", "[1]", "[]"]  # written, then read back


def test_an_entry_that_cannot_be_renamed_into_place_leaves_the_old_one(cache, monkeypatch):
    bundlecache.cached_reading("k", "one", lambda: [1], lambda v: True)
    [entry] = cache.glob("read-*.pickle")
    before = entry.read_bytes()

    def refuse(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(bundlecache.os, "replace", refuse)
    assert bundlecache.cached_reading("k", "two", lambda: [2], lambda v: True) == [2]
    assert entry.read_bytes() == before and not list(cache.glob(".tmp-*"))
