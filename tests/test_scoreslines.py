"""crmselect's own ``scores.yaml`` writer (:mod:`crmselect.scoreslines`): one record a line, every
value read back exactly by the full reader, and the file read by the line reader
(:class:`crmselect.scoresyaml._Lines`) whenever no value needs double quotes."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import crmselect.scoresyaml as scoresyaml
from crmselect.model import ConsensusRecord, DemoMark, ScoreRecord, ScoresFile
from crmselect.resources import sample_project_dir
from crmselect.scoresio import SCHEMA_LINE, export_scores, to_yaml, write_project_scores
from crmselect.yamlfile import SCORES_LIMITS, parse_text

PATH = Path("scores.yaml")
#: Texts that YAML 1.1 or 1.2 read as something else than text when plain, and texts the
#: line form has to quote or escape.
LOOKALIKES = ["yes", "No", "on", "OFF", "y", "n", "null", "Null", "~", "", "true", "False",
              "0x1", "0o7", "0b1", "1_000", "1,000", ".5", "4.", "-1", "+1", ".inf", "-.inf",
              ".nan", ".NaN", "1e3", "1.0e-05", "1:20", "190:20:30", "2027-01-01",
              "2027-02-23T13:34:00+03:00", "2027-02-23 13:34", "=", "<<", "!x", "&a", "*a",
              "%x", "@x", "`x", "|", ">", "- a", "? a", "a: b", "a #b", "#a", "a,b", "{a}",
              "[a]", "it's", "''", '"', "\\", " a", "a ", "a  b", "Çok iyi, ama", "x" * 300,
              "9" * 400, "a\nb", "a\r\nb", "\n", "a\tb", "\x85", "\u2028", "\u2029", "\ufeff",
              "\xa0", "\u3000", "\x00", "\x07", "\x1b", "\x7f", "\U0001f600", "👩\u200d💻",
              "\ue000", "\uffff", "\U0010ffff", "'\\n'", "\\x41", '"\\"']
HOSTILE = ("'\"#:,{}[]-?&*!|>%@`\\~.+ \t\r\n\x85\u2028\u2029\ufeff\x00\x07\x7f\xa0\u3000"
           "\u200bşİçğ0195eExXoO_;/()=…")
notes = (st.sampled_from(LOOKALIKES) | st.text(alphabet=st.sampled_from(HOSTILE), max_size=14)
         | st.text(max_size=10) | st.text(alphabet=st.sampled_from("ab ,:#'"), min_size=150,
                                            max_size=400))
slugs = st.sampled_from(["murat", "yes", "no", "null", "on", "true", "y", "n", "x1", "a_b"])
vendors = st.sampled_from(["suitecrm", "no", "off", "a-b", "yes", "x-1"])
targets = st.sampled_from(["OPS-SFA-001", "SCN-LEAD.2", "references", "AB-12345-999"])
scores_ = (st.integers(0, 5) | st.floats(0, 5, allow_nan=False) | st.sampled_from(
    [4.5, 0.1 + 0.2, 1e-05, 5e-324, 2.5, 4.999999999999999]))
times = st.none() | st.datetimes(min_value=dt.datetime(1970, 1, 2),
                                 max_value=dt.datetime(2999, 1, 1),
                                 timezones=st.sampled_from([dt.UTC, dt.timezone(
                                     dt.timedelta(hours=3))]))
flags = st.none() | st.lists(st.sampled_from(["changed_after_reveal", "interest_allowed"]),
                             max_size=2, unique=True)


@st.composite
def scores_files(draw: Any) -> ScoresFile:
    records = [ScoreRecord.model_validate({
        "evaluator": draw(slugs), "vendor": draw(vendors), "target": draw(targets),
        "score": draw(scores_), "note": draw(notes), "at": draw(times),
        "flags": draw(flags)})
        for _ in range(draw(st.integers(0, 4)))]
    demo = [DemoMark.model_validate({
        "evaluator": draw(slugs), "vendor": draw(vendors),
        "scenario": draw(st.sampled_from(["SCN-LEAD2DEAL", "SCN-12"])),
        "requirement": "OPS-SFA-001",
        "shown": draw(st.sampled_from(["live", "slides", "not_shown"]))})
        for _ in range(draw(st.integers(0, 2)))]
    consensus = []
    for _ in range(draw(st.integers(0, 2))):
        reason = draw(notes)
        if reason.strip():
            consensus.append(ConsensusRecord.model_validate({
                "vendor": draw(vendors), "target": draw(notes | targets),
                "score": draw(scores_), "reason": reason, "by": draw(st.none() | slugs),
                "at": draw(times)}))
    return ScoresFile(weights_fingerprint=draw(st.none() | notes), scores=records, demo=demo,
                      consensus=consensus)


def _full(text: str) -> ScoresFile:
    """The full reader's records (what load_project reads when the columns are not read)."""
    return ScoresFile.model_validate(parse_text(text, PATH, SCORES_LIMITS).data)


def _record_lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.startswith("- {")]


@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow])
@given(scores_files())
def test_every_value_is_read_back_exactly(scores):
    text = to_yaml(scores)
    assert _full(text) == scores
    assert ScoresFile.model_validate(yaml.safe_load(text)) == scores  # PyYAML's own reader
    # One record a line: as many lines of records as records, and nothing else.
    assert len(_record_lines(text)) == len(scores.scores) + len(scores.demo) + len(
        scores.consensus)
    assert text.startswith(SCHEMA_LINE) and text.endswith("\n")


@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow])
@given(scores_files())
def test_the_line_reader_reads_what_is_written(scores):
    """Every file written with scores is read a line at a time (double-quoted values and the
    web form's flags too), as the full reader reads it."""
    text = to_yaml(scores)
    read = scoresyaml._read_lines(PATH, text)
    if scores.scores:
        assert read is not None, text
    if read is None:
        return
    full = _full(text)
    assert _rows(read) == [(r.evaluator, r.vendor, r.target, r.score, r.note, r.at, r.flags)
                    for r in full.scores]
    assert (read.demo, read.rest.consensus, read.rest.weights_fingerprint) == (
        full.demo, full.consensus, full.weights_fingerprint)


def _rows(read: Any) -> list[tuple[Any, ...]]:
    from crmselect.scorecolumns import ColumnScores

    columns = ColumnScores(read.columns, read.demo, list(read.rest.consensus),
                           read.rest.weights_fingerprint)
    columns.scores.extras = read.extras
    return [tuple(r) for r in columns.scores]


def _record(note: str, **more: Any) -> ScoresFile:
    return ScoresFile(scores=[ScoreRecord(evaluator="murat", vendor="suitecrm",
                                          target="OPS-SFA-001", score=5, note=note, **more)])


@pytest.mark.parametrize("note", LOOKALIKES)
def test_each_hostile_note_is_read_back_by_the_full_reader_and_stays_on_its_line(note):
    text = to_yaml(_record(note))
    assert _full(text).scores[0].note == note
    (line,) = _record_lines(text)
    assert line.startswith("- {evaluator: murat, vendor: suitecrm, target: OPS-SFA-001, "
                           "score: 5") and line.endswith("}")


@pytest.mark.parametrize(("note", "written"), [
    ("yes", "'yes'"), ("null", "'null'"), ("0x1", "'0x1'"), ("1_000", "'1_000'"),
    ("2027-01-01", "'2027-01-01'"), ("~", "'~'"), ("1e3", "'1e3'"), ("a: b", "'a: b'"),
    ("a #b", "'a #b'"), ("it's", "it's"), ("a, b", "'a, b'"), ("{a}", "'{a}'"),
    ("Çok iyi", "Çok iyi"), ("'q'", "'''q'''"), ("a\nb", '"a\\nb"'), ('a"\\\tb', '"a\\"\\\\\\tb"'),
    ("\u2028", '"\\u2028"'), ("\x85", '"\\x85"'), ("\U000e0001", '"\\U000E0001"'),
])
def test_how_a_note_is_written(note, written):
    (line,) = _record_lines(to_yaml(_record(note)))
    assert line == ("- {evaluator: murat, vendor: suitecrm, target: OPS-SFA-001, score: 5, "
                    f"note: {written}}}")


def test_numbers_times_flags_and_the_other_keys():
    scores = ScoresFile(weights_fingerprint="a: b", scores=[
        ScoreRecord(evaluator="yes", vendor="no", target="references", score=4.5, note="",
                    at=dt.datetime(2027, 2, 23, 13, 34, tzinfo=dt.timezone(dt.timedelta(
                        hours=3))), flags=["changed_after_reveal"]),
        ScoreRecord(evaluator="murat", vendor="suitecrm", target="OPS-SFA-001", score=1e-05)])
    text = to_yaml(scores)
    assert text == (SCHEMA_LINE + "weights_fingerprint: 'a: b'\nscores:\n"
                    "- {evaluator: 'yes', vendor: 'no', target: references, score: 4.5, "
                    "at: '2027-02-23T13:34:00+03:00', flags: [changed_after_reveal]}\n"
                    "- {evaluator: murat, vendor: suitecrm, target: OPS-SFA-001, "
                    "score: 1.0e-05}\n"
                    "demo: []\nconsensus: []\n")
    assert _full(text) == scores
    assert to_yaml(ScoresFile()) == SCHEMA_LINE + "scores: []\ndemo: []\nconsensus: []\n"


def test_the_sample_project_is_written_as_it_is():
    """The sample's file is in this form: written again, each of its lines is the same."""
    sample = (sample_project_dir() / "scores.yaml").read_text(encoding="utf-8")
    written = to_yaml(_full(sample))
    assert [line for line in written.split("\n") if not line.startswith("#")] == [
        line for line in sample.split("\n") if not line.startswith("#")]


def test_a_changed_score_is_a_one_line_change():
    sample = _full((sample_project_dir() / "scores.yaml").read_text(encoding="utf-8"))
    changed = list(sample.scores)
    changed[7] = changed[7].model_copy(update={"score": 1.0, "note": "Değişti: 'artık' #1"})
    before = to_yaml(sample).split("\n")
    after = to_yaml(sample.model_copy(update={"scores": changed})).split("\n")
    assert len(before) == len(after)
    assert [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b] == [10]


def test_every_writer_of_a_scores_file_writes_this_form(tmp_path, monkeypatch):
    """export, import and pull write through write_project_scores/export_scores, the web
    form's download through the same to_yaml; each file is read by the line reader."""
    from crmselect.evaluationdb import export

    assert export.to_yaml is to_yaml
    scores = _record("İyi, ama: yavaş")
    write_project_scores(tmp_path / "scores.yaml", scores)
    export_scores(scores, tmp_path / "out.yaml")
    for name in ("scores.yaml", "out.yaml"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert text == to_yaml(scores)
        assert scoresyaml._read_lines(PATH, text) is not None
    assert re.search(r"note: 'İyi, ama: yavaş'}\n", text)
