"""``scores.yaml`` written one record a line, read without libyaml's events (issue 15, reading
large files): exactly what the event reader reads, or nothing (and the event reader reads it).

The property: over generated files (the sample project's records in the one-line form, with
hostile values in every quoting, and hostile edits anywhere in the text), whatever the line
reader reads, the event reader reads the same (columns, times and flags, test-drive marks, the
other parts), and the full reader reads the same records; a file the line reader leaves gets
the same result from ``read_score_columns`` as before, and so the same problems.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rendered import english

import crmselect.scoresyaml as scoresyaml
from crmselect.loading import IssueCollector
from crmselect.model import ScoresFile
from crmselect.project import load_project
from crmselect.resources import sample_project_dir
from crmselect.scorechecks import check_document
from crmselect.scorecolumns import ColumnScores
from crmselect.scoreslines import _escaped
from crmselect.yamlfile import SCORES_LIMITS, parse_text

PATH = Path("scores.yaml")


@functools.cache
def _sample() -> ScoresFile:
    return ScoresFile.model_validate(
        parse_text((sample_project_dir() / "scores.yaml").read_text(encoding="utf-8"),
                   PATH, SCORES_LIMITS).data)


def _events(text: str) -> scoresyaml._Read | None:
    try:
        return scoresyaml._read_events(PATH, text)
    except Exception:  # noqa: BLE001 - what read_score_columns turns into "the full way"
        return None


def _rows(read: scoresyaml._Read) -> list[tuple[Any, ...]]:
    scores = ColumnScores(read.columns, read.demo, list(read.rest.consensus),
                          read.rest.weights_fingerprint)
    scores.scores.extras = read.extras
    return [tuple(r) for r in scores.scores]


def _same(lines: scoresyaml._Read, events: scoresyaml._Read) -> None:
    assert _rows(lines) == _rows(events)
    assert [(type(r[3]), type(r[4])) for r in _rows(lines)] == [
        (type(r[3]), type(r[4])) for r in _rows(events)]
    assert lines.demo == events.demo
    assert lines.rest == events.rest
    assert lines.extras == events.extras


def _full(text: str) -> ScoresFile | None:
    try:
        return ScoresFile.model_validate(parse_text(text, PATH, SCORES_LIMITS).data)
    except Exception:  # noqa: BLE001 - a problem: not what the column readers read
        return None


#: Characters YAML, libyaml or the line reader treat specially, and a few ordinary ones.
HOSTILE = ("'\"#:,{}[]-?&*!|>%@`\\~.+ \t\r\n\x85\u2028\u2029\ufeff\ud800\udfff\x00\x07\x7f"
           "\xa0\u3000\u200başİçğ0195eExXoO_;/()=")
#: What a single-quoted value may hold on one line (the line reader reads it).
PRINTABLE = "'\"#:,{}[]-?&*!|>%@`\\~.+ aşİ0_;/()=…’\u3042\U0001f600"
#: Plain text with one of those characters (or a space and one) inside: read when it can be.
plains = st.builds(
    "{}{}{}".format, st.sampled_from(["a", "Çok iyi", "1", "x y", "-1", ".5", "_", "~"]),
    st.sampled_from([c for c in PRINTABLE] + [f" {c}" for c in PRINTABLE]
                    + [f"{c} " for c in PRINTABLE]),
    st.sampled_from(["", "b", "b c", "1", "'"]))
texts = st.text(alphabet=st.sampled_from(HOSTILE), max_size=12) | st.text(max_size=8) | (
    st.sampled_from(["yes", "No", "on", "null", "~", "Null", "0x1", "0o7", "1_000", ".5", "4.",
                     "-1", "+1", ".inf", "-.inf", ".nan", "1e3", "1:20", "2027-01-01", "true",
                     "Çok iyi, ama", "a: b", "a #b", "it's", "''", "x" * 300, "9" * 400,
                     "2027-02-23T13:34:00+03:00", "2027-02-23 13:34", "", " a", "a "]))


@st.composite
def values(draw: Any, strings: st.SearchStrategy[str] = texts) -> str:
    """A value as written in the file: plain, single- or double-quoted."""
    value = draw(strings)
    style = draw(st.sampled_from(["plain", "plain", "single", "single", "double"]))
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    if style == "double":
        return json.dumps(value, ensure_ascii=draw(st.booleans()))
    return value


@st.composite
def record_lines(draw: Any, kind: str, indent: str, rough: bool) -> str:
    """A record's line; with ``rough``, often one the line reader must refuse."""
    sample = _sample()
    if kind == "scores":
        r = draw(st.sampled_from(sample.scores))
        score = draw(st.sampled_from([f"{r.score:g}"] * 12 + ["4.0", "+4", "4.", "0x4", "4_0"] + (
            ["'4'", "3.5", "yes", "~", "7", "-0", "0"] if rough else [])))
        pairs = [("evaluator", r.evaluator), ("vendor", r.vendor), ("target", r.target),
                 ("score", score)]
        if draw(st.booleans()):
            notes = st.sampled_from([n.note for n in sample.scores[:100] if n.note])
            if rough:
                note = draw(values() | values(notes))
            else:  # single-quoted hostile text (read), or plain text (read when it can be)
                quoted = st.text(alphabet=st.sampled_from(PRINTABLE), max_size=12)
                note = draw(st.sampled_from(["'", "plain"]) | values(texts | notes))
                if note == "'":
                    note = "'" + draw(quoted).replace("'", "''") + "'"
                elif note == "plain":
                    note = draw(plains)
            pairs.append(("note", note))
        if draw(st.booleans()):
            pairs.append(("at", draw(st.sampled_from(
                ["'2027-02-23T13:34:00+03:00'", "2027-02-23", "'2027-02-23 13:34'", "''",
                 "null", "1800000000"] + (
                     ["'23 Şubat'", "2027-02-23T13:34:00Z"] if rough else [])))))
        if draw(st.integers(0, 9)) == 0:  # the web form's: read as lists of plain values
            pairs.append(("flags", draw(st.sampled_from(
                ["[interest_allowed]", "[]", "[changed_after_reveal, interest_allowed]"] + (
                    ["x", "interest_allowed", "[nope]", "['interest_allowed']", "[a,b]",
                     "[interest_allowed, interest_allowed]", "[yes]", "[[]]"] if rough else [])))))
    else:
        m = draw(st.sampled_from(sample.demo))
        pairs = [("evaluator", m.evaluator), ("vendor", m.vendor), ("scenario", m.scenario),
                 ("requirement", m.requirement), ("shown", m.shown)]
    if rough:
        pairs = [(k, draw(values(st.just(v))) if draw(st.integers(0, 9)) == 0 else v)
                 for k, v in pairs]
    edit = draw(st.integers(0, 29)) if rough else draw(st.sampled_from([0] + [99] * 4))
    if edit == 0:  # the keys in another order: read pair by pair
        pairs = draw(st.permutations(pairs))
    elif edit == 1:
        pairs.append(draw(st.sampled_from(pairs)))  # a key twice
    elif edit == 2:
        pairs.append(("colour", "red"))
    elif edit == 3:
        pairs = pairs[1:]
    sep = draw(st.sampled_from([", "] * 30 + [",", ",  ", " , "])) if rough else ", "
    line = indent + "- {" + sep.join(f"{k}: {v}" for k, v in pairs) + "}"
    tail = draw(st.sampled_from([""] * 30 + [" ", " # c", "\t", ",", "}"])) if rough else ""
    return line + tail


@st.composite
def files(draw: Any) -> str:
    """A scores file; with ``rough`` (half of them) edited anywhere."""
    rough = draw(st.booleans())
    parts = []
    if draw(st.booleans()):
        parts.append("# yaml-language-server: $schema=schemas/scores.schema.json")
    fingerprint = "weights_fingerprint: " + draw(st.sampled_from(["abc", "'a: b'", "1.5"]))
    place = draw(st.integers(0, 2))
    if place == 0:
        parts.append(fingerprint)
    indent = draw(st.sampled_from(["", "", "  ", " "]))
    parts.append(draw(st.sampled_from(["scores:"] * 20 + ["scores: ", "'scores':", "scores: #",
                                                        "scores: []", "  scores:"]))
                 if rough else "scores:")
    count = draw(st.sampled_from([0, 1, 2, 3, 4, 5] + [3] * 6))
    parts += [draw(record_lines("scores", indent, rough)) for _ in range(count)]
    demo = draw(st.integers(0, 3))
    if demo:
        parts.append(draw(st.sampled_from(["demo:"] * 20 + ["demo: ", "'demo':", "demo: []"]))
                     if rough else "demo:")
        mind = draw(st.sampled_from(["", "  ", indent]))
        count = draw(st.sampled_from([0, 1, 2, 3] + [2] * 4))
        parts += [draw(record_lines("demo", mind, rough)) for _ in range(count)]
    if draw(st.booleans()):
        parts.append("consensus:")
        c = _sample().consensus[0]
        parts.append(f"- {{vendor: {c.vendor}, target: {c.target}, score: {c.score:g}, "
                     f"reason: {draw(values())}, by: {c.by}}}")
    if place == 1:
        parts.append(fingerprint)
    for _ in range(draw(st.sampled_from([0] * 4 + [1, 2])) if rough else 0):  # a line
        parts.insert(draw(st.integers(0, len(parts))), draw(st.sampled_from(
            ["", "  ", "# c", "  # c", "---", "...", "- {}", "demo: []", "scores: []", "x: 1",
             "  x: 1", "- x", "\t", "}", "'", "%YAML 1.1"])))
    newline = draw(st.sampled_from(["\n"] * 6 + ["\r\n"] * 3 + (
        ["\r", "\x85", "\u2028"] if rough else [])))
    text = newline.join(parts) + draw(st.sampled_from([newline, "", newline * 2]))
    if rough and draw(st.integers(0, 2)) == 0:  # a character anywhere
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(HOSTILE)) + text[at:]
    if rough and draw(st.integers(0, 4)) == 0:
        text = "\ufeff" + text
    return text


seen = {"lines": 0, "files": 0}


@settings(max_examples=1500, suppress_health_check=[HealthCheck.too_slow])
@given(files())
def test_what_the_line_reader_reads_the_event_and_full_readers_read_the_same(text):
    seen["files"] += 1
    lines = scoresyaml._read_lines(PATH, text)
    if lines is None:
        return
    seen["lines"] += 1
    events = _events(text)
    assert events is not None, "the line reader read a file the event reader does not"
    _same(lines, events)
    full = _full(text)
    assert full is not None
    assert _rows(lines) == [(r.evaluator, r.vendor, r.target, r.score, r.note, r.at, r.flags)
                            for r in full.scores]
    assert (lines.demo, lines.rest.consensus, lines.rest.weights_fingerprint) == (
        full.demo, full.consensus, full.weights_fingerprint)


def test_the_generated_files_are_often_read_by_the_line_reader():
    """The property above is not empty: hypothesis ran and the line reader read many files."""
    if not seen["files"]:
        pytest.skip("run with the property test")
    assert seen["lines"] >= seen["files"] // 20, seen


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    import shutil

    target = tmp_path_factory.mktemp("lines") / "sample"
    shutil.copytree(sample_project_dir(), target,
                    ignore=shutil.ignore_patterns("out", "__pycache__", "*.db"))
    return target, load_project(target, scores=False)


def _problems(path: Path, lp: Any) -> list[str]:
    collector = IssueCollector()
    scores, doc = collector.load_partly(path, ScoresFile)
    problems = list(collector.issues)
    if scores is not None:
        problems += check_document(path, scores, doc, lp)
    return sorted(i.format(english) for i in problems)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow,
                                                  HealthCheck.function_scoped_fixture])
@given(files())
def test_read_score_columns_gives_what_it_gave_without_the_line_reader(project, text):
    """On the file as written to disk: the same columns with and without the line reader, or
    none either way, and then the full reader's problems (what load_project reports)."""
    root, lp = project
    path = root / "scores.yaml"
    try:
        path.write_text(text, encoding="utf-8", newline="")
    except UnicodeEncodeError:  # a lone surrogate: the file cannot hold it
        return
    got = scoresyaml.read_score_columns(path, lp)
    real = scoresyaml._read_lines
    scoresyaml._read_lines = lambda *a: None
    try:
        before = scoresyaml.read_score_columns(path, lp)
    finally:
        scoresyaml._read_lines = real
    assert (got is None) == (before is None)
    if got is None:
        assert before is None
        _problems(path, lp)  # what the full way reports, unchanged: it does not depend on it
        return
    assert [tuple(r) for r in got.scores] == [tuple(r) for r in before.scores]
    assert (got.demo, got.consensus, got.weights_fingerprint) == (
        before.demo, before.consensus, before.weights_fingerprint)
    assert _problems(path, lp) == []


def test_the_sample_is_read_by_the_line_reader_as_by_the_events():
    text = (sample_project_dir() / "scores.yaml").read_text(encoding="utf-8")
    lines = scoresyaml._read_lines(PATH, text)
    assert lines is not None and len(_rows(lines)) > 800 and len(lines.demo) > 400
    _same(lines, scoresyaml._read_events(PATH, text))
    crlf = scoresyaml._read_lines(PATH, text.replace("\n", "\r\n"))
    assert crlf is not None
    _same(crlf, lines)


#: Files the line reader must leave to the event reader (each read the same way by it).
LEFT = {
    "block records": "scores:\n- evaluator: murat\n  vendor: suitecrm\n"
                     "  target: OPS-SFA-001\n  score: 5\n",
    "an escape crmselect does not write": "scores:\n- {evaluator: murat, vendor: suitecrm, "
                                          "target: OPS-SFA-001, score: 5, note: \"a\\bc\"}\n",
    "an escaped half of a UTF-16 pair": "scores:\n- {evaluator: murat, vendor: suitecrm, "
                                        "target: OPS-SFA-001, score: 5, note: \"\\ud800\"}\n",
    "a comment after a record": "scores:\n- {evaluator: murat, vendor: suitecrm, "
                                "target: OPS-SFA-001, score: 5} # c\n",
    "inside a quoted value": "x: 'a\nscores:\n- {evaluator: murat, vendor: suitecrm, "
                             "target: OPS-SFA-001, score: 5}\n'\n",
    "in a flow mapping": "{x: 1,\nscores:\n- {evaluator: murat, vendor: suitecrm, "
                         "target: OPS-SFA-001, score: 5}\n}\n",
    "a line break of another kind before": "# a\u2028b\nscores:\n- {evaluator: murat, "
                                           "vendor: suitecrm, target: OPS-SFA-001, score: 5}\n",
    "a plain value with a colon": "scores:\n- {evaluator: murat, vendor: suitecrm, "
                                  "target: OPS-SFA-001, score: 5, note: a:b}\n",
    "a record continued": "scores:\n- {evaluator: murat, vendor: suitecrm, "
                          "target: OPS-SFA-001, score: 5}\n  x\n",
}


@pytest.mark.parametrize("case", sorted(LEFT))
def test_what_the_line_reader_leaves(case):
    assert scoresyaml._read_lines(PATH, LEFT[case]) is None


#: Every ASCII character and the characters outside ASCII that YAML, libyaml or Python treat
#: apart (line breaks, spaces, byte order mark, lone surrogates, the last ones of the planes).
CHARACTERS = [chr(c) for c in range(128)] + list(
    "\x85\xa0\u1680\u2000\u2007\u200b\u2028\u2029\u202f\u3000\ufeff\ufffe\uffff\ud800\udfff"
    "\ue000\U0001f600\U0010ffff\U000e0001ıİşçğöü…’“")
FORMS = ["a{}b", "a {}b", "a{} b", "a {} b", "{}a", "{}", "a{}", "{}{}", "-{}", ".{}", "a{}{}b"]


def test_every_character_in_a_value_is_read_as_the_events_read_it_or_left():
    """Exhaustive where the generated files are not: each character in each place of a plain,
    a single-quoted and a double-quoted note (as crmselect escapes it, and as JSON does), and
    of an id and a score."""
    record = "- {evaluator: murat, vendor: suitecrm, target: OPS-SFA-001, score: 5, note: %s}"
    other_order = "- {note: %s, evaluator: murat, vendor: suitecrm, target: OPS-SFA-001, score: 5}"
    read = 0
    for c in CHARACTERS:
        for form in FORMS:
            value = form.replace("{}", c)
            for written in (value, "'" + value.replace("'", "''") + "'",
                            '"' + "".join(_escaped(c) for c in value) + '"', json.dumps(value)):
                for text in ("scores:\n" + record % written + "\n",
                             "scores:\n" + other_order % written + "\n",
                             "scores:\n" + (record % "x").replace("suitecrm", written) + "\n",
                             "scores:\n" + (record % "x").replace("5", written) + "\n"):
                    lines = scoresyaml._read_lines(PATH, text)
                    if lines is not None:
                        read += 1
                        events = _events(text)
                        assert events is not None, text
                        _same(lines, events)
    assert read > 1500


def test_the_character_classes_written_as_ranges_leave_out_what_they_did_as_characters():
    """:func:`scoresyaml._outside` writes its class as ranges (quicker to compile): the same
    characters as the class of every left-out character escaped one by one."""
    import re

    allowed = scoresyaml._LETTERS + "_~.;/()+=-'"
    by_ranges = re.compile(scoresyaml._outside(allowed))
    one_by_one = re.compile("[^" + re.escape(
        "".join(chr(c) for c in range(128) if chr(c) not in allowed)) + "]")
    assert "-" in scoresyaml._outside(allowed)
    for code in range(0x110000):
        c = chr(code)
        assert bool(by_ranges.fullmatch(c)) == bool(one_by_one.fullmatch(c)), hex(code)


def test_the_sample_and_crmselects_own_lines_are_read_without_the_pair_patterns():
    """Lines in the usual order (the sample's, crmselect's writer's) are matched by the small
    patterns alone: the large ones are not compiled for them."""
    scoresyaml._line_patterns.cache_clear()
    text = (sample_project_dir() / "scores.yaml").read_text(encoding="utf-8")
    assert scoresyaml._read_lines(PATH, text) is not None
    assert scoresyaml._line_patterns.cache_info().currsize == 0
    assert scoresyaml._read_lines(PATH, text.replace(", score: 5,", ", score: 5 ,", 1)) is None
    assert scoresyaml._line_patterns.cache_info().currsize == 1


def test_a_file_in_another_form_is_not_split_into_lines(monkeypatch):
    """A file whose ``scores:`` line is not followed by a record's line (the block form
    crmselect wrote before) goes to the events at once: the line reader is not even made."""
    made: list[str] = []
    real = scoresyaml._Lines
    monkeypatch.setattr(scoresyaml, "_Lines",
                        lambda path, text: made.append(text) or real(path, text))
    for text in LEFT.values():
        scoresyaml._read_lines(PATH, text)
    assert LEFT["block records"] not in made
    assert LEFT["a comment after a record"] in made  # a record's line after scores: read on
    sample = (sample_project_dir() / "scores.yaml").read_text(encoding="utf-8")
    assert scoresyaml._read_lines(PATH, sample) is not None and made[-1] == sample
    crlf = sample.replace("\n", "\r\n")
    assert scoresyaml._read_lines(PATH, crlf) is not None and made[-1] == crlf
