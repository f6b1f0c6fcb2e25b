"""Safe YAML reading: positions, YAML 1.1 traps, hostile and broken files; libyaml's tags resolved
as the safe loader resolves them, and a plain value repeated thousands of times read once.
(The wording of each typing mistake: tests/test_yamlfile_errors.py.)"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rendered import english, raises_english

from crmselect.errors import CrmselectError
from crmselect.yamlfile import format_loc, parse_text, read_document


def parse(text: str):
    return parse_text(text, Path("f.yaml"))


def problems(text: str) -> list[str]:
    with pytest.raises(CrmselectError) as info:
        parse(text)
    return [i.format(english) for i in info.value.issues]


def test_positions_of_values_and_keys():
    doc = parse("a: 1\nlist:\n  - x: 2\n    y: three\n")
    assert doc.data == {"a": 1, "list": [{"x": 2, "y": "three"}]}
    assert doc.position(("list", 0, "y")) == (4, 8)
    assert doc.position(("list", 0, "y"), key=True) == (4, 5)
    assert doc.position(("list", 0, "missing")) == (3, 5)


def test_yaml_1_1_traps_are_not_applied():
    doc = parse("country: NO\nflag: yes\nversion: 1.10\nzip: 01234\nok: true\nnothing: ~\n")
    assert doc.data["country"] == "NO"
    assert doc.data["flag"] == "yes"
    assert doc.data["version"] == 1.1  # a number; a text field then rejects it (test_loading)
    assert doc.data["zip"] == "01234"
    assert doc.data["ok"] is True and doc.data["nothing"] is None


def test_dates_and_quoted_values():
    doc = parse("d: 2026-12-01\nq: '2026-12-01'\nbad: 2026-13-45\n")
    assert doc.data == {"d": dt.date(2026, 12, 1), "q": "2026-12-01", "bad": "2026-13-45"}


def test_duplicate_key_is_an_error():
    assert problems("name: a\nother: 1\nname: b\n") == [
        "f.yaml:3:1: duplicate key 'name' (first at line 1); YAML keeps only one of them"
    ]


def test_malformed_yaml_names_line_and_column():
    assert problems("a: [1, 2\nb: 3\n") == [
        "f.yaml:2:2: malformed YAML: a ',' or the closing bracket is missing in a [ … ] or "
        "{ … } list (found ':')"
    ]


def test_python_tags_are_refused():
    assert problems("x: !!python/object/apply:os.system ['echo hacked']\n") == [
        "f.yaml:1:4: the YAML tag !!python/object/apply:os.system is not allowed; "
        "the file was not read"
    ]


def test_alias_bomb_fails_fast():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [{', '.join(['*' + prev] * 9)}]")
    (message,) = problems("\n".join(lines) + "\n")
    assert "an alias bomb?" in message


def test_recursive_alias_is_refused():
    (message,) = problems("a: &a [*a]\n")
    assert "recursive alias" in message or "alias bomb" in message


def test_empty_file(tmp_path: Path):
    path = tmp_path / "empty.yaml"
    path.write_text("# only a comment\n")
    with raises_english("the file is empty"):
        read_document(path)


def test_not_utf8(tmp_path: Path):
    path = tmp_path / "latin.yaml"
    path.write_bytes("name: ok\ncity: İzmir\n".encode("cp1254"))
    with pytest.raises(CrmselectError) as info:
        read_document(path)
    assert info.value.lines(english)[-1].endswith(
        "latin.yaml:2:7: the file is not UTF-8 text; save it as UTF-8")


def test_too_large(tmp_path: Path):
    path = tmp_path / "big.yaml"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    with raises_english("the file is 52.4 MB; a YAML file may be at most 10 MB"):
        read_document(path)


def test_merge_keys_are_refused():
    (message,) = problems("base: &b {x: 1}\nchild:\n  <<: *b\n  y: 2\n")
    assert message == "f.yaml:3:3: merge keys (<<) are not supported"


def test_format_loc():
    assert format_loc(("requirements", 3, "priority")) == "requirements[3].priority"
    assert format_loc(()) == ""


SAMPLES = [
    "a: 1\nlist:\n  - x: 2\n    y: three\n",
    "country: NO\nflag: yes\nversion: 1.10\nzip: 01234\nbig: 1e5\nhex: 0x1F\nd: 2024-02-30\n",
    "t: 'Ayşe'\nu: \"\\u00e9 \\U0001F600\"\nblock: |\n  two\n  lines\nfold: >\n  a\n  b\n",
    "anchors:\n  base: &b {x: 1, y: [1, 2]}\n  copy: *b\n  flow: {a: [1, {b: c}], 'q': ~}\n",
    "ş: 1\n\"key with: colon\": 2\n? complex\n: 3\n",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_libyaml_and_pure_python_give_the_same_values_and_positions(monkeypatch, text):
    from crmselect import yamlfile
    if yamlfile._FAST_LOADER is None:
        pytest.skip("PyYAML without libyaml")
    fast = parse(text)
    monkeypatch.setattr(yamlfile, "_FAST_LOADER", None)
    slow = parse(text)
    assert (fast.data, fast.positions, fast.key_positions) == (
        slow.data, slow.positions, slow.key_positions)
    assert fast.text == text


@pytest.mark.parametrize("text", [
    "a: 1\nb: x\x01y\n", "a: 1\n---\na: 2\n", "a: [1, 2\n", "a:\n\t- 1\n", "a: *nothing\n",
    "a: &x 1\nb: &x 2\n", "a: b: c\n", 'a: "\\q"\n',
])
def test_a_complaint_of_libyaml_is_worded_by_the_pure_python_loader(monkeypatch, text):
    from crmselect import yamlfile
    fast = problems(text)
    monkeypatch.setattr(yamlfile, "_FAST_LOADER", None)
    assert fast == problems(text)


def test_libyaml_composes_when_it_is_there(monkeypatch):
    from crmselect import yamlfile
    if yamlfile._FAST_LOADER is None:
        pytest.skip("PyYAML without libyaml")
    used = []
    real = yamlfile.yaml.compose
    monkeypatch.setattr(yamlfile.yaml, "compose",
                        lambda text, Loader: used.append(Loader) or real(text, Loader=Loader))
    parse("a: 1\n")
    assert used == [yamlfile._FAST_LOADER]


# Issue 15: a mapping's plain value is built without a call to build(); the limits still hold
# at exactly that value.
def test_the_node_limit_is_reached_at_a_mappings_plain_value(monkeypatch):
    from crmselect import yamlfile

    monkeypatch.setattr(yamlfile, "MAX_NODES", 3)  # the mapping, a: 1, b: 2
    assert parse("a: 1\nb: 2\n").data == {"a": 1, "b": 2}
    with pytest.raises(CrmselectError) as info:
        parse("a: 1\nb: 2\nc: 3\n")
    (issue,) = info.value.issues
    assert (issue.line, issue.column) == (3, 4) and "3" in issue.format(english)


def test_the_depth_limit_is_reached_at_a_mappings_plain_value(monkeypatch):
    from crmselect import yamlfile

    monkeypatch.setattr(yamlfile, "MAX_DEPTH", 2)
    assert parse("a:\n  b: 1\n").data == {"a": {"b": 1}}
    with pytest.raises(CrmselectError) as info:
        parse("a:\n  b:\n    c: 1\n")
    (issue,) = info.value.issues
    assert (issue.line, issue.column) == (3, 8)


def test_a_mappings_values_keep_their_positions_and_tags():
    doc = parse("a: 1\nb: '2'\nc: !!str 3\nd: [x]\ne: null\nf: 2027-01-15\n")
    assert doc.data == {"a": 1, "b": "2", "c": "3", "d": ["x"], "e": None,
                        "f": dt.date(2027, 1, 15)}
    assert [doc.position((k,)) for k in "abcdef"] == [(1, 4), (2, 4), (3, 4), (4, 4), (5, 4),
                                                      (6, 4)]
    with pytest.raises(CrmselectError) as info:
        parse("a: 1\nb: !!binary aGk=\n")
    (issue,) = info.value.issues
    assert (issue.line, issue.column) == (2, 4) and "!!binary" in issue.format(english)


def test_libyaml_asks_a_plain_function_for_each_nodes_tag():
    """Issue 15: libyaml calls the loader's resolver for every node; it is a function over the
    file's memo (no bound method made per node), with PyYAML's answers."""
    import types

    import yaml

    from crmselect import yamlfile

    if yamlfile._FAST_LOADER is None:
        pytest.skip("PyYAML without libyaml")
    loader = yamlfile._FAST_LOADER("a: 1\n")
    try:
        assert isinstance(loader.resolve, types.FunctionType)
        assert not isinstance(loader.descend_resolver, types.MethodType)
        assert not isinstance(loader.ascend_resolver, types.MethodType)
        for kind, value, implicit in [(yaml.ScalarNode, "1", (True, False)),
                                      (yaml.ScalarNode, "1", (False, True)),
                                      (yaml.ScalarNode, "null", (True, False)),
                                      (yaml.MappingNode, None, (True, False)),
                                      (yaml.SequenceNode, None, (True, False))]:
            assert loader.resolve(kind, value, implicit) == yaml.SafeLoader.resolve(
                loader, kind, value, implicit)
    finally:
        loader.dispose()


def test_a_loader_with_a_path_resolver_keeps_pyyamls_resolution():
    import types

    import yaml

    from crmselect import yamlfile

    if yamlfile._FAST_LOADER is None:
        pytest.skip("PyYAML without libyaml")

    class WithPath(yamlfile._FAST_LOADER):  # type: ignore[misc, valid-type]
        pass

    WithPath.add_path_resolver("tag:yaml.org,2002:str", ["a"], yaml.ScalarNode)
    loader = WithPath("a: 1\n")
    try:
        assert isinstance(loader.resolve, types.MethodType)
        assert isinstance(loader.descend_resolver, types.MethodType)
    finally:
        loader.dispose()


# --- libyaml's tag resolution, and a plain value read once -----------------------------------


MIXED_YAML = """\
a: 1
b: '1'
c: "yes"
d: yes
e: [1.5, '2', null, ~, true, 2027-01-02, 1e5, 0x1F, text, "quoted"]
f: {x: 1, 'y': two, z: [a, {b: c}]}
g: |
  block text
h: >
  folded
i: !!str 12
j: &anchor {k: 1}
l: *anchor
m:
  - - nested
    - 3
  - n: o
'': empty key
"""


def _tags(node) -> list[tuple[str, str]]:
    import yaml

    out = [(type(node).__name__, node.tag)]
    if isinstance(node, yaml.SequenceNode):
        for child in node.value:
            out += _tags(child)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            out += _tags(key) + _tags(value)
    return out


def test_the_fast_loader_resolves_every_node_as_the_safe_loader_does():
    import yaml

    from crmselect import yamlfile

    if yamlfile._FAST_LOADER is None:
        pytest.skip("PyYAML without libyaml")
    fast = yaml.compose(MIXED_YAML, Loader=yamlfile._FAST_LOADER)
    pure = yaml.compose(MIXED_YAML, Loader=yaml.SafeLoader)
    assert _tags(fast) == _tags(pure)
    assert len(_tags(fast)) > 40


def test_the_fast_loader_asks_the_resolver_once_per_plain_text(monkeypatch):
    import yaml

    from crmselect import yamlfile

    if yamlfile._FAST_LOADER is None:
        pytest.skip("PyYAML without libyaml")
    asked = []
    real = yaml.resolver.BaseResolver.resolve

    def spy(self, kind, value, implicit):
        asked.append((kind.__name__, value))
        return real(self, kind, value, implicit)

    monkeypatch.setattr(yaml.resolver.BaseResolver, "resolve", spy)
    text = "scores:\n" + "".join(
        "- {evaluator: ayse, vendor: odoo, score: 4, note: 'Gösterildi.'}\n" for _ in range(50))
    yaml.compose(text, Loader=yamlfile._FAST_LOADER)
    # the plain texts, once each; no quoted text, mapping or list goes to the resolver
    assert sorted(asked) == sorted({("ScalarNode", v) for v in (
        "scores", "evaluator", "ayse", "vendor", "odoo", "score", "4", "note")})


def test_a_repeated_plain_value_is_read_once(monkeypatch, tmp_path):
    from crmselect import yamlfile

    read = []
    real = yamlfile._Builder._scalar
    monkeypatch.setattr(yamlfile._Builder, "_scalar",
                        lambda self, node: read.append(node.value) or real(self, node))
    text = "scores:\n" + "".join(
        f"- {{evaluator: ayse, vendor: odoo, score: 4, at: 2027-01-0{i % 3 + 1}, "
        f"note: 'Gösterildi.'}}\n" for i in range(30))
    doc = yamlfile.parse_text(text, tmp_path / "scores.yaml")
    assert doc.data["scores"][29] == {"evaluator": "ayse", "vendor": "odoo", "score": 4,
                                      "at": dt.date(2027, 1, 3), "note": "Gösterildi."}
    assert doc.positions[("scores", 29, "note")] == (31, 67)
    assert doc.key_positions[("scores", 29, "score")] == (31, 35)
    plain = [v for v in read if v != "Gösterildi."]
    assert sorted(plain) == sorted({"scores", "evaluator", "ayse", "vendor", "odoo", "score",
                                    "4", "at", "2027-01-01", "2027-01-02", "2027-01-03",
                                    "note"})
    assert read.count("Gösterildi.") == 30  # quoted text is not remembered (nothing to gain)


def test_a_repeated_bad_value_is_reported_at_every_place(tmp_path):
    from crmselect import yamlfile
    from crmselect.errors import CrmselectError

    big = "9" * 400
    text = f"a: {big}\nb: [{big}, 1]\n"
    with pytest.raises(CrmselectError) as exc:
        yamlfile.parse_text(text, tmp_path / "f.yaml")
    assert [(i.line, i.column) for i in exc.value.issues] == [(1, 4), (2, 5)]
