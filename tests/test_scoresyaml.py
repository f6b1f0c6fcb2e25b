"""``scores.yaml`` read straight into columns (issue 15): the same evaluation as the full
reader's records, and on a file with any problem the same problems, each at its file, line,
column and field, because such a file is read the full way."""

from __future__ import annotations

from pathlib import Path

import pytest
from rendered import english

import crmselect.scoresyaml as scoresyaml
from crmselect.errors import CrmselectError
from crmselect.loading import IssueCollector
from crmselect.model import ScoresFile
from crmselect.project import load_project
from crmselect.scorechecks import check_document
from crmselect.scorecolumns import ColumnScores
from crmselect.scoresio import export_scores, to_yaml
from crmselect.scoring import evaluate_project

HEAD = "weights_fingerprint: abc\n"
GOOD = """\
# comment
scores:
- evaluator: murat
  vendor: suitecrm
  target: OPS-SFA-001
  score: 5
  note: "Canl\\u0131 demoda g\\xF6r\\xFCld\\xFC."
- {evaluator: murat, vendor: odoo, target: OPS-SFA-001, score: 3.0, at: '2027-02-23T13:34:00+03:00'}
- {evaluator: 'elif', vendor: "odoo", target: references, score: 4, flags: [interest_allowed]}
- evaluator: murat
  vendor: suitecrm
  target: SCN-LEAD2DEAL.1
  score: 2
demo:
- {evaluator: murat, vendor: suitecrm, scenario: SCN-LEAD2DEAL, requirement: OPS-SFA-001,
   shown: live}
consensus:
- {vendor: suitecrm, target: OPS-SFA-001, score: 4, reason: agreed, by: selin}
"""


def full_read(project: Path) -> tuple[ScoresFile | None, list]:
    """What ``load_project`` read and reported before the columns: the full reader."""
    lp = load_project(project, scores=False)
    path = project / "scores.yaml"
    collector = IssueCollector()
    scores, doc = collector.load_partly(path, ScoresFile)
    problems = list(collector.issues)
    if scores is not None:
        problems += check_document(path, scores, doc, lp)
    return scores, problems


def test_a_valid_file_is_read_into_columns_with_the_same_records(sample_project):
    path = sample_project / "scores.yaml"
    path.write_text(HEAD + GOOD, encoding="utf-8")
    lp = load_project(sample_project)
    assert isinstance(lp.scores, ColumnScores)
    expected, problems = full_read(sample_project)
    assert problems == [] and expected is not None
    assert [tuple(r) for r in lp.scores.scores] == [
        (r.evaluator, r.vendor, r.target, r.score, r.note, r.at, r.flags)
        for r in expected.scores]
    assert lp.scores.scores[0].note == "Canlı demoda görüldü."
    assert lp.scores.scores[2].flags == ["interest_allowed"]
    assert (lp.scores.demo, lp.scores.consensus) == (expected.demo, expected.consensus)
    assert lp.scores.weights_fingerprint == "abc"
    # what the commands that write scores make of it: the same file
    assert to_yaml(lp.scores.scores_file()) == to_yaml(expected)


def test_the_sample_project_gives_the_same_evaluation(sample_project):
    lp = load_project(sample_project)
    assert isinstance(lp.scores, ColumnScores)
    expected, problems = full_read(sample_project)
    assert problems == []
    a = evaluate_project(lp, monte_carlo_samples=200, seed=1).to_dict()
    b = evaluate_project(lp, expected, monte_carlo_samples=200, seed=1).to_dict()
    assert a == b


def test_records_are_read_a_chunk_at_a_time(sample_project, monkeypatch):
    monkeypatch.setattr(scoresyaml, "_CHUNK", 7)
    lp = load_project(sample_project)
    expected, _ = full_read(sample_project)
    assert len(lp.scores.scores) == len(expected.scores) > 7
    assert [tuple(r)[:5] for r in lp.scores.scores] == [
        (r.evaluator, r.vendor, r.target, r.score, r.note) for r in expected.scores]


def test_only_scores_and_export(sample_project, tmp_path):
    (sample_project / "scores.yaml").write_text(GOOD.split("demo:")[0], encoding="utf-8")
    lp = load_project(sample_project)
    assert isinstance(lp.scores, ColumnScores) and len(lp.scores.scores) == 4
    assert lp.scores.demo == [] and lp.scores.weights_fingerprint is None
    export_scores(lp.scores, tmp_path / "out.csv")
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").count("\n") == 5


RECORD = "- {evaluator: murat, vendor: suitecrm, target: OPS-SFA-001, score: 4}\n"
BAD = {
    "score out of the scale": RECORD.replace("score: 4", "score: 7"),
    "half a point": RECORD.replace("score: 4", "score: 2.5"),
    "a 0 without a note": RECORD.replace("score: 4", "score: 0"),
    "quoted score (valid)": RECORD.replace("score: 4", "score: '4'"),
    "boolean score": RECORD.replace("score: 4", "score: true"),
    "unknown evaluator": RECORD.replace("murat", "nobody"),
    "unknown vendor": RECORD.replace("suitecrm", "nosuchcrm"),
    "unknown requirement": RECORD.replace("OPS-SFA-001", "OPS-XXX-001"),
    "bad target form": RECORD.replace("OPS-SFA-001", "ops-sfa-1"),
    "bad step": RECORD.replace("OPS-SFA-001", "SCN-LEAD2DEAL.99"),
    "given twice": RECORD * 2,
    "outside the evaluator's areas": RECORD.replace("murat", "deniz"),
    "an observer": RECORD.replace("murat", "hakan"),
    "unknown field": RECORD.replace("score: 4", "score: 4, colour: red"),
    "missing field": RECORD.replace(", score: 4", ""),
    "duplicate key": RECORD.replace("score: 4", "score: 4, score: 3"),
    "null note": RECORD.replace("score: 4", "score: 4, note: null"),
    "number as id": RECORD.replace("murat", "12"),
    "anchor and alias": "- &a {evaluator: murat, vendor: suitecrm, target: OPS-SFA-001, "
                        "score: 4}\n- *a\n",
    "tag (valid)": RECORD.replace("score: 4", "score: !!float 4"),
    "merge key": "- {<<: {evaluator: murat}, vendor: suitecrm, target: OPS-SFA-001, "
                 "score: 4}\n",
    "bad flag": RECORD.replace("score: 4", "score: 4, flags: [nope]"),
    "a flag not in a list": RECORD.replace("score: 4", "score: 4, flags: interest_allowed"),
    "bad time": RECORD.replace("score: 4", "score: 4, at: yesterday"),
    "note too long": RECORD.replace("score: 4", "score: 4, note: " + "x" * 4001),
    "surrogate": RECORD.replace("score: 4", 'score: 4, note: "\\uD800"'),
    "not a mapping": "- murat\n",
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_record_gets_the_full_readers_problems(sample_project, case):
    text = "scores:\n" + RECORD.replace("OPS-SFA-001", "OPS-SFA-002") + BAD[case]
    path = sample_project / "scores.yaml"
    path.write_text(text, encoding="utf-8")
    lp = load_project(sample_project, scores=False)
    assert scoresyaml.read_score_columns(path, lp) is None  # read the full way
    expected, problems = full_read(sample_project)
    if not problems:  # valid after all (a quoted number): the same records either way
        got = load_project(sample_project).scores
        assert [(r.evaluator, r.vendor, r.target, r.score, r.note) for r in got.scores] == [
            (r.evaluator, r.vendor, r.target, r.score, r.note) for r in expected.scores]
        return
    with pytest.raises(CrmselectError) as caught:
        load_project(sample_project)
    mine = [i for i in caught.value.issues if i.file == str(path)]
    assert sorted(i.format(english) for i in mine) == sorted(
        i.format(english) for i in problems)
    assert all(i.line for i in mine)  # each at its line


TOP = {
    "bad test-drive mark": GOOD.replace("shown: live", "shown: maybe"),
    "unknown scenario in a mark": GOOD.replace("scenario: SCN-LEAD2DEAL", "scenario: SCN-NOPE"),
    "consensus by nobody": GOOD.replace("by: selin", "by: nobody"),
    "unknown top-level key": GOOD + "extra: 1\n",
    "scores twice": GOOD + "scores: []\n",
    "scores not a list": "scores: 3\n",
    "flow mapping": "{scores: [" + RECORD[2:-1] + "], demo: []}\n",
    "bad YAML after the scores": GOOD + "demo2: [\n",
    "alias into the scores": GOOD.replace("- {evaluator: 'elif'", "- &e {evaluator: 'elif'")
                             + "x: *e\n",
    # the test-drive marks right after the scores are read with them (issue 15, point 3)
    "demo before and after the scores": "demo: []\n" + GOOD,
    "demo twice after the scores": GOOD + "demo: []\n",
    "empty demo and another before": "demo: []\n" + GOOD.split("demo:")[0] + "demo: []\n",
    "unknown field in a mark": GOOD.replace("shown: live", "shown: live, colour: red"),
    "field twice in a mark": GOOD.replace("shown: live", "shown: live, shown: slides"),
    "anchor on a mark": GOOD.replace("- {evaluator: murat, vendor: suitecrm, scenario",
                                     "- &m {evaluator: murat, vendor: suitecrm, scenario"),
    "tag in a mark": GOOD.replace("shown: live", "shown: !!str live"),
    "a mark not a mapping": GOOD.replace("consensus:", "- live\nconsensus:"),
    "demo not a list": GOOD.split("demo:")[0] + "demo: live\n",
    "bad YAML in the demo": GOOD.replace("shown: live}", "shown: live"),
    "demo mark missing a field": GOOD.replace("OPS-SFA-001,\n   shown: live", "OPS-SFA-001"),
}


@pytest.mark.parametrize("case", sorted(TOP))
def test_a_problem_elsewhere_in_the_file_gets_the_full_readers_problems(sample_project, case):
    path = sample_project / "scores.yaml"
    path.write_text(TOP[case], encoding="utf-8")
    lp = load_project(sample_project, scores=False)
    assert scoresyaml.read_score_columns(path, lp) is None
    expected, problems = full_read(sample_project)
    if not problems:  # valid after all (a flow mapping): the same records either way
        assert len(load_project(sample_project).scores.scores) == len(expected.scores)
        return
    with pytest.raises(CrmselectError) as caught:
        load_project(sample_project)
    mine = [i for i in caught.value.issues if i.file == str(path)]
    assert sorted(i.format(english) for i in mine) == sorted(
        i.format(english) for i in problems)


#: Times and test-drive marks the column reader reads itself (issue 15, point 3): read as the
#: full reader reads them, or left to it.
VARIANTS = {
    "time with offset": GOOD,
    "time without offset": GOOD.replace("'2027-02-23T13:34:00+03:00'", "'2027-02-23 13:34'"),
    "time as a plain value": GOOD.replace("'2027-02-23T13:34:00+03:00'", "2027-02-23T13:34:00Z"),
    "time as a date": GOOD.replace("'2027-02-23T13:34:00+03:00'", "2027-02-23"),
    "time as a number": GOOD.replace("'2027-02-23T13:34:00+03:00'", "1800000000"),
    "time empty": GOOD.replace("'2027-02-23T13:34:00+03:00'", "''"),
    "time null": GOOD.replace("'2027-02-23T13:34:00+03:00'", "null"),
    "time not a time": GOOD.replace("'2027-02-23T13:34:00+03:00'", "'23 Şubat'"),
    "time infinite": GOOD.replace("'2027-02-23T13:34:00+03:00'", ".inf"),
    "marks in block style": GOOD.split("demo:")[0] + (
        "demo:\n  - evaluator: murat\n    vendor: suitecrm\n    scenario: SCN-LEAD2DEAL\n"
        "    requirement: OPS-SFA-001\n    shown: 'live'\n"
        "  - {evaluator: elif, vendor: odoo, scenario: SCN-LEAD2DEAL,"
        " requirement: OPS-SFA-001, shown: not_shown}\n"),
    "marks last": GOOD.split("consensus:")[0],
    "no marks": GOOD.split("demo:")[0] + "demo: []\n",
    "quoted demo key": GOOD.replace("demo:", "'demo':"),
}


@pytest.mark.parametrize("case", sorted(VARIANTS))
def test_times_and_marks_are_read_as_the_full_reader_reads_them(sample_project, case):
    path = sample_project / "scores.yaml"
    path.write_text(HEAD + VARIANTS[case], encoding="utf-8")
    expected, problems = full_read(sample_project)
    lp = load_project(sample_project, scores=False)
    columns = scoresyaml.read_score_columns(path, lp)
    if problems:
        assert columns is None
        with pytest.raises(CrmselectError) as caught:
            load_project(sample_project)
        assert sorted(i.format(english) for i in caught.value.issues) == sorted(
            i.format(english) for i in problems)
        return
    assert columns is not None and expected is not None
    assert [tuple(r) for r in columns.scores] == [
        (r.evaluator, r.vendor, r.target, r.score, r.note, r.at, r.flags)
        for r in expected.scores]
    assert (columns.demo, columns.consensus) == (expected.demo, expected.consensus)


def test_the_score_checks_take_no_language():
    """Messages are rendered at the edge: the readers and checks return codes, not text."""
    import inspect

    from crmselect import scorechecks, scorescsv, scoresio
    from crmselect.evaluationdb import scoresfile

    for function in (scorechecks.check_source, scorechecks.check_rules,
                     scorechecks._check_duplicates, scorechecks.check_columns,
                     scorechecks._columns_rules, scorechecks.check_document,
                     scorescsv._rows, scorescsv.read_csv_rows, scoresio.merge_scores,
                     scoresio.import_scores, scoresfile.load_scores, scoresfile.pull,
                     scoresfile._Writer):
        assert "lang" not in inspect.signature(function).parameters, function


def test_windows_line_ends_and_a_byte_order_mark_keep_the_column_reader(sample_project):
    path = sample_project / "scores.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + (HEAD + GOOD).replace("\n", "\r\n").encode("utf-8"))
    lp = load_project(sample_project)
    assert isinstance(lp.scores, ColumnScores)
    assert len(lp.scores.scores) == 4 and len(lp.scores.demo) == 1
    assert lp.scores.consensus[0].by == "selin"


def test_the_sample_is_read_without_a_model_per_record_or_its_marks_twice(sample_project,
                                                                          monkeypatch):
    """Issue 15, point 3: the sample's 804 scores each carry a time and 480 test-drive marks
    follow them; neither a ScoreRecord per record is validated for its time, nor are the marks
    parsed a second time with the file's other parts (only the consensus is)."""
    from crmselect.model import ScoreRecord

    validated: list[object] = []
    real_validate = ScoreRecord.model_validate.__func__  # type: ignore[attr-defined]
    monkeypatch.setattr(ScoreRecord, "model_validate", classmethod(
        lambda cls, obj, **kw: validated.append(obj) or real_validate(cls, obj, **kw)))
    parsed: list[str] = []
    real_parse = scoresyaml.parse_text
    monkeypatch.setattr(scoresyaml, "parse_text",
                        lambda text, *a, **k: parsed.append(text) or real_parse(text, *a, **k))
    monkeypatch.setattr(scoresyaml, "_Reader", None)  # the line reader reads the sample
    path = sample_project / "scores.yaml"
    lp = load_project(sample_project, scores=False)
    columns = scoresyaml.read_score_columns(path, lp)
    assert columns is not None and len(columns.scores) > 800 and len(columns.demo) > 400
    assert all(columns.scores[i].at is not None for i in range(len(columns.scores)))
    assert validated == []
    (rest,) = parsed
    assert "shown:" not in rest and "consensus:" in rest and "evaluator: murat" not in rest
    assert rest.count("\n") == path.read_text(encoding="utf-8").count("\n")


def test_a_scenarios_requirements_are_listed_once_not_once_per_mark(sample_project, monkeypatch):
    """The sample's 480 test-drive marks name 4 scenarios: the check that each mark's
    requirement is one its scenario demonstrates lists each scenario's requirements once."""
    from crmselect import scorechecks

    calls: list[str] = []
    real = scorechecks.demonstrated
    monkeypatch.setattr(scorechecks, "demonstrated",
                        lambda scenario: calls.append(scenario.id) or real(scenario))
    lp = load_project(sample_project, scores=False)
    columns = scoresyaml.read_score_columns(sample_project / "scores.yaml", lp)
    assert columns is not None and len(columns.demo) > 400
    assert sorted(calls) == sorted(set(calls)) and 0 < len(calls) <= len(lp.scenarios)
