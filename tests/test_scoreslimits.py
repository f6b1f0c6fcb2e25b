"""A scores file's own size ceilings (issue 15: 459,900 records in ``scores.yaml``), every other
check unchanged; and the small public interface of :mod:`crmselect.yamlfile` that the scores
column reader uses instead of its private names."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest
import yaml
from rendered import english

import crmselect.scoresyaml as scoresyaml
from crmselect import yamlfile
from crmselect.errors import CrmselectError
from crmselect.project import load_project
from crmselect.scorecolumns import ColumnScores
from crmselect.scoresreader import read_scores
from crmselect.yamlfile import (
    LIMITS,
    SCORES_LIMITS,
    Limits,
    ScalarReader,
    UnreadValue,
    fast_loader,
    limits_for,
    read_document,
)

TEXT = "scores:\n" + "".join(
    f"- {{evaluator: murat, vendor: odoo, target: OPS-SFA-00{i}, score: 3}}\n"
    for i in range(1, 10))


def test_a_scores_file_has_larger_limits_than_any_other_file():
    assert limits_for(Path("p/scores.yaml")) == SCORES_LIMITS
    assert limits_for(Path("p/project.yaml")) == LIMITS
    assert limits_for(Path("p/vendors/odoo.yaml")) == LIMITS
    assert SCORES_LIMITS.bytes > 56 * 1024 * 1024  # 459,900 records exported with times
    assert SCORES_LIMITS.nodes > 459_900 * 13  # with a time and a note on every record
    assert (LIMITS.bytes, LIMITS.nodes) == (yamlfile.MAX_FILE_BYTES, yamlfile.MAX_NODES)


def test_the_size_ceiling_differs_by_file_kind_only(tmp_path, monkeypatch):
    monkeypatch.setattr(yamlfile, "MAX_FILE_BYTES", 100)
    monkeypatch.setattr(yamlfile, "MAX_NODES", 20)
    scores, other = tmp_path / "scores.yaml", tmp_path / "other.yaml"
    for path in (scores, other):
        path.write_text(TEXT, encoding="utf-8")
    assert len(read_document(scores).data["scores"]) == 9
    with pytest.raises(CrmselectError) as caught:
        read_document(other)
    assert "may be at most 0 MB" in caught.value.lines(english)[0]
    monkeypatch.setattr(yamlfile, "MAX_FILE_BYTES", 10_000)
    with pytest.raises(CrmselectError) as caught:  # 55 values
        read_document(other)
    assert "more than 20 values" in caught.value.lines(english)[0]
    assert caught.value.issues[0].hint == ""  # no word of scores.csv for another file
    # a scores file is still refused above its own ceilings, with the same messages and
    # where such an evaluation goes instead
    with pytest.raises(CrmselectError) as caught:
        read_document(scores, Limits(100, None, SCORES_LIMITS.hint))
    assert "may be at most 0 MB" in caught.value.lines(english)[0]
    assert "scores.csv instead" in caught.value.lines(english)[0]
    with pytest.raises(CrmselectError) as caught:
        read_document(scores, Limits(None, 30, SCORES_LIMITS.hint))
    assert "more than 30 values" in caught.value.lines(english)[0]
    assert "scores.csv instead" in caught.value.lines(english)[0]


@pytest.mark.parametrize("text, message", [
    ("scores: !!python/object:os.system x\n", "tag"),
    ("scores: []\nscores: []\n", "line 1"),
    ("a: &x [1]\nscores: *x\n", ""),
])
def test_the_other_checks_still_hold_for_a_scores_file(tmp_path, text, message):
    path = tmp_path / "scores.yaml"
    path.write_text(text, encoding="utf-8")
    if not message:  # an alias is read (within the alias limits), as in any file
        assert read_document(path).data["scores"] == [1]
        return
    with pytest.raises(CrmselectError) as caught:
        read_document(path)
    assert message in "\n".join(caught.value.lines(english))


def test_a_projects_scores_over_the_general_limit_are_read(sample_project, monkeypatch):
    # every other YAML file read is under 200 KB (the largest vendor profile 195 KB)
    path = sample_project / "scores.yaml"
    text = path.read_text(encoding="utf-8") + "# Değerlendirme notları.\n" * 10_000
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size > 400_000
    monkeypatch.setattr(yamlfile, "MAX_FILE_BYTES", 200_000)
    lp = load_project(sample_project)
    assert isinstance(lp.scores, ColumnScores) and len(lp.scores.scores) > 800
    # the full reader (a file with a problem) has the same ceiling
    path.write_text(text.replace("score: 5", "score: 7", 1), encoding="utf-8")
    with pytest.raises(CrmselectError) as caught:
        load_project(sample_project)
    assert [i.where for i in caught.value.issues] == ["scores[0].score"], \
        caught.value.lines(english)
    # and so does scores import, whatever the file's name
    incoming = sample_project / "incoming.yaml"
    incoming.write_text(text, encoding="utf-8")
    assert len(read_scores(incoming, load_project(sample_project, scores=False)).scores) > 800


def test_the_column_reader_uses_yamlfiles_public_names_only():
    tree = ast.parse(inspect.getsource(scoresyaml))
    names = [alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
             and node.module == "crmselect.yamlfile" for alias in node.names]
    assert names and not [name for name in names if name.startswith("_")]
    assert "yamlfile._" not in inspect.getsource(scoresyaml)


def test_fast_loader_is_libyamls_or_none(monkeypatch):
    loader = fast_loader("a: 1\n")
    if loader is not None:
        assert isinstance(loader.get_event(), yaml.StreamStartEvent)
    monkeypatch.setattr(yamlfile, "_FAST_LOADER", None)
    assert fast_loader("a: 1\n") is None


def scalar(text: str, tag: str = "", style: str | None = None) -> yaml.ScalarNode:
    tag = tag or yaml.SafeLoader("").resolve(yaml.ScalarNode, text, (True, False))
    mark = yaml.Mark("f", 0, 0, 0, None, None)
    return yaml.ScalarNode(tag, text, mark, mark, style=style)


def test_a_scalar_reader_reads_values_as_read_document_does(tmp_path):
    reader = ScalarReader(tmp_path / "scores.yaml")
    for text in ("3", "4.5", "NO", "1.10", "2027-02-23", "null", "true", "0x1F", "murat"):
        path = tmp_path / "one.yaml"
        path.write_text(f"v: {text}\n", encoding="utf-8")
        assert reader.value(scalar(text)) == read_document(path).data["v"], text
    with pytest.raises(UnreadValue):
        reader.value(scalar("x", "tag:yaml.org,2002:python/object"))
    with pytest.raises(UnreadValue):
        reader.value(scalar("1" * 400))  # a number too long: read_document reports it
    with pytest.raises(UnreadValue):
        reader.value(scalar("a\ud800", style='"'))
    assert reader.value(scalar("5")) == 5  # usable after a refused value
