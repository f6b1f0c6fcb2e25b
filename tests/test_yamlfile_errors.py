"""YAML a user typed wrong or a hostile file (crmselect/yamlfile.py): each mistake is one problem
at its line and column, explained in the reader's language, never a traceback or an endless read.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rendered import raises_english

from crmselect.errors import CrmselectError
from crmselect.i18n import text as render_text
from crmselect.yamlfile import parse_text, read_document


def problems(text: str, lang: str = "en") -> list[str]:
    """The problems as the edge writes them in ``lang`` (explicitly, not through str())."""
    with pytest.raises(CrmselectError) as info:
        parse_text(text, Path("f.yaml"))
    return [i.format(lambda message: render_text(message, lang)) for i in info.value.issues]


@pytest.mark.parametrize("text", [
    "a: " + "[" * 10_000 + "]" * 10_000 + "\n",
    "a:\n" + "".join(" " * i + "-\n" for i in range(3000)),
    "a: " + "[" * 150 + "]" * 150 + "\n",  # deep enough for later code, not for the composer
], ids=["flow-10000", "block-3000", "flow-150"])
def test_deep_nesting_is_one_issue_not_a_recursion_error(text):
    [line] = problems(text)
    assert line.startswith("f.yaml:") and "nested more than 100 levels" in line


@pytest.mark.parametrize("number", ["1" + "0" * 5000, "1" + "0" * 400, "1.5e+999",
                                    "1" + "0" * 5000 + ".5"])
def test_numbers_too_large_are_an_issue_at_their_line(number):
    [line] = problems(f"a: 1\nb: {number}\n")
    assert line.startswith("f.yaml:2:4: the number ") and "too large" in line
    assert len(line) < 200  # the number is not printed in full


def test_control_character_is_named_with_line_and_column():
    [line] = problems("a: 1\nb: x\x01y\n")
    assert line == ("f.yaml:2:5: the control character U+0001 is not allowed in YAML; "
                    "delete it (pasted text?)")


def test_second_document_is_explained_in_the_users_language(monkeypatch):
    monkeypatch.setenv("CRMSELECT_LANG", "tr")
    [line] = problems("a: 1\n---\na: 2\n", "tr")
    assert line.startswith("f.yaml:2:1: YAML söz dizimi hatası: ikinci bir YAML belgesi")


@pytest.mark.parametrize(("text", "english", "turkish"), [
    ("note: @mention\n", "a value cannot start with '@'; put the value in quotes",
     "bir değer '@' ile başlayamaz"),
    ("a: 1\nname Ege\nb: 2\n", "a ':' is missing after a key", "':' eksik"),
    ('a: "unclosed\n', "the file ends inside a quoted text", "dosya tırnak ya da parantez"),
    ('path: "C:\\Users\\x"\n', "put text with backslashes in single quotes",
     "tek tırnak içine alın"),
    ("a: *nope\n", "the alias 'nope' refers to no anchor", "'nope' takma adı"),
    ("a:\n  b: 1\n c: 2\n", "wrong indentation", "girinti yanlış"),
    ("a: [1, 2\nb: 3\n", "a ',' or the closing bracket is missing in a [ … ] or { … } list",
     "[ … ] ya da { … } listesinde"),
], ids=["at-sign", "no-colon", "unclosed-quote", "backslash", "alias", "indent", "flow-list"])
def test_common_typing_mistakes_are_explained_in_both_languages(monkeypatch, text, english,
                                                                turkish):
    [line] = problems(text)
    assert english in line
    monkeypatch.setenv("CRMSELECT_LANG", "tr")
    [line] = problems(text, "tr")
    assert turkish in line and "YAML söz dizimi hatası" in line


def test_utf16_with_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_bytes("name: Ayşe Yılmaz\n".encode("utf-16"))
    assert read_document(path).data == {"name": "Ayşe Yılmaz"}


@pytest.mark.parametrize("fast", [True, False], ids=["libyaml", "pure-python"])
@pytest.mark.parametrize(("text", "where"), [
    ('a: 1\nb: "x\\uD800y"\n', "f.yaml:2:4: "),
    ('a: 1\n"k\\uDC00": 2\n', "f.yaml:2:1: "),
    ('a:\n  - ["\\ud83d"]\n', "f.yaml:2:6: "),
], ids=["value", "key", "nested"])
def test_a_lone_surrogate_is_refused_at_its_line_and_column(monkeypatch, text, where, fast):
    from crmselect import yamlfile
    if not fast:
        monkeypatch.setattr(yamlfile, "_FAST_LOADER", None)
    [line] = problems(text)
    assert line.startswith(where) and "lone surrogate" in line
    monkeypatch.setenv("CRMSELECT_LANG", "tr")
    [line] = problems(text, "tr")
    assert line.startswith(where) and "vekil karakter" in line


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_pipe_or_device_is_refused_not_read_forever(tmp_path, kind):
    path = tmp_path / "scores.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    with raises_english("not a regular file"):
        read_document(path)
