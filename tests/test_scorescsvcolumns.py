"""A project's ``scores.csv`` read straight into columns (issue 15, target 3): the same records
as the record reader (``scores import``'s), and on a file with any problem the same problems,
each at its file, line and field, because such a file is read by the record reader."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rendered import english

import crmselect.scorescsv as scorescsv
from crmselect.errors import CrmselectError
from crmselect.project import load_project
from crmselect.scorecolumns import ColumnScores
from crmselect.scorescsvcolumns import read_csv_columns
from crmselect.scoresio import import_scores
from crmselect.scoresreader import read_scores, read_source
from crmselect.scoring import evaluate_project

HEADER = "kind,evaluator,vendor,target,score,note,at\r\n"
ROWS = (
    "score,murat,suitecrm,OPS-SFA-001,5,Canlı demoda görüldü.,\r\n"
    "score,murat,odoo,OPS-SFA-001,3,,\r\n"
    ",elif,odoo,references,4,\"iyi, ama yavaş\",\r\n"
    "score,murat,suitecrm,SCN-LEAD2DEAL.1,2,,\r\n"
)

#: Files every row of which the column reader reads: name → bytes.
VALID = {
    "crlf": (HEADER + ROWS).encode(),
    "lf_bom_required_columns_only": (
        "\ufeffevaluator,vendor,target,score,note\n"
        "murat,suitecrm,OPS-SFA-001,5,Canlı demoda görüldü.\n"
        "elif,odoo,references,4,\n").encode(),
    "semicolon_decimal_comma": (
        b"evaluator;vendor;target;score;note\r\n"
        b"murat;suitecrm;OPS-SFA-001;4,0;\r\n"
        b"elif;odoo;references;3.0;not\r\n"),
    "sep_hint": (
        b"sep=;\r\nevaluator;vendor;target;score;note\r\n"
        b"murat;suitecrm;OPS-SFA-001;4;a, b\r\n"),
    "tab": (b"evaluator\tvendor\ttarget\tscore\tnote\n"
            b"murat\tsuitecrm\tOPS-SFA-001\t4\tx\n"),
    "formula_safe_notes": (
        HEADER + "score,murat,suitecrm,OPS-SFA-001,4,'=SUM(A1),\r\n"
        "score,elif,odoo,references,4,'-iyi,\r\n"
        "score,elif,suitecrm,references,'+3,'@x,\r\n").encode(),
    "blank_rows_and_empty_trailing_columns": (
        b"evaluator;vendor;target;score;note;;\r\n"
        b";;;;;;\r\n"
        b"murat;suitecrm;OPS-SFA-001;4;;;\r\n"
        b"\r\n"
        b" elif ; odoo ; references ; 3 ;  ;\r\n"
        b";;;\r\n"),
    "times_marks_and_consensus": (
        HEADER + ROWS
        + "score,elif,suitecrm,OPS-SFA-001,4,,2027-02-23T13:34:00+03:00\r\n"
        "score,burak,odoo,OPS-SFA-001,3,,23.02.2027 13:34\r\n"
        "demo,murat,suitecrm,SCN-LEAD2DEAL/OPS-SFA-001,,live,\r\n"
        "consensus,selin,suitecrm,OPS-SFA-001,4,agreed,\r\n"
        "score,elif,odoo,OPS-SFA-001,2,,\r\n").encode(),
    "windows_1254": ("evaluator,vendor,target,score,note\r\n"
                     "murat,suitecrm,OPS-SFA-001,4,Şık ve hızlı\r\n").encode("cp1254"),
    "utf16": ("evaluator\tvendor\ttarget\tscore\tnote\r\n"
              "murat\tsuitecrm\tOPS-SFA-001\t4\tçok iyi\r\n").encode("utf-16"),
    "quoted_note_over_lines": (
        HEADER + 'score,murat,suitecrm,OPS-SFA-001,4,"bir\r\niki ""üç""",\r\n'
        "score,elif,odoo,references,3,,\r\n").encode(),
    "header_in_capitals": (b"Evaluator, Vendor ,TARGET,Score,Note\n"
                           b"murat,suitecrm,OPS-SFA-001,4,\n"),
    "header_only": HEADER.encode(),
    "last_line_without_end": (HEADER + "score,murat,suitecrm,OPS-SFA-001,4,,").encode(),
    "old_mac_line_ends": (b"evaluator,vendor,target,score,note\r"
                          b"murat,suitecrm,OPS-SFA-001,4,\r"),
}

#: Files with a problem: the record reader's problems, through the project as through import.
BAD = {
    "empty": b"",
    "missing_column": b"evaluator,vendor,target,score\nmurat,suitecrm,OPS-SFA-001,4\n",
    "unknown_column": b"evaluator,vendor,target,score,note,colour\n",
    "column_twice": b"evaluator,vendor,target,score,note,score\n",
    "score_out_of_range": (HEADER + ROWS + "score,elif,odoo,OPS-SFA-001,7,,\r\n").encode(),
    "score_not_a_number": (HEADER + "score,elif,odoo,OPS-SFA-001,abc,,\r\n" + ROWS).encode(),
    "score_empty": (HEADER + "score,elif,odoo,OPS-SFA-001,,,\r\n").encode(),
    "score_decimal_comma_in_a_comma_file": (
        HEADER + 'score,elif,odoo,OPS-SFA-001,"4,5,6",,\r\n').encode(),
    "negative_formula_safe_score": (HEADER + "score,elif,odoo,OPS-SFA-001,'-1,,\r\n").encode(),
    "unknown_evaluator": (HEADER + ROWS + "score,ayse,odoo,OPS-SFA-001,3,,\r\n").encode(),
    "unknown_vendor": (HEADER + "score,elif,salesforce,OPS-SFA-001,3,,\r\n").encode(),
    "unknown_target": (HEADER + ROWS + "score,elif,odoo,OPS-SFA-999,3,,\r\n").encode(),
    "id_of_the_wrong_form": (HEADER + "score,Murat,odoo,OPS-SFA-001,3,,\r\n").encode(),
    "formula_guarded_id": (HEADER + "score,'=murat,odoo,OPS-SFA-001,3,,\r\n").encode(),
    "cells_beyond_the_header": (HEADER + ROWS + "score,elif,odoo,OPS-SFA-001,3,,,x\r\n").encode(),
    "quote_never_closed": (HEADER + ROWS + 'score,elif,odoo,OPS-SFA-001,3,"oops,\r\n').encode(),
    "unknown_kind": (HEADER + ROWS + "Score,elif,odoo,OPS-SFA-001,3,,\r\n").encode(),
    "given_twice": (HEADER + ROWS + "score,murat,odoo,OPS-SFA-001,4,,\r\n").encode(),
    "no_such_day": (HEADER + "score,elif,odoo,OPS-SFA-001,3,,30.02.2027 10:00\r\n").encode(),
    "bad_test_drive_mark": (HEADER + ROWS
                            + "demo,murat,suitecrm,SCN-LEAD2DEAL/OPS-SFA-001,,maybe,\r\n").encode(),
    "consensus_without_reason": (HEADER + "consensus,,suitecrm,OPS-SFA-001,4,,\r\n").encode(),
    "cell_too_long": (HEADER + ROWS + "score,elif,odoo,OPS-SFA-001,3," + "x" * 140_000
                      + ",\r\n").encode(),
    "binary": b"evaluator,vendor\x00\x01\x02",
    "bad_rows_among_good_ones": (
        HEADER + ROWS + "score,elif,odoo,OPS-SFA-001,9,,\r\n"
        + "score,deniz,odoo,OPS-SFA-001,x,,\r\n"
        + ROWS.replace("elif", "deniz").replace("murat", "burak")).encode(),
}


def as_csv_project(project: Path, content: bytes) -> Path:
    (project / "scores.yaml").unlink()
    path = project / "scores.csv"
    path.write_bytes(content)
    return path


@pytest.mark.parametrize("name", sorted(VALID))
def test_a_valid_file_is_read_into_columns_with_the_record_readers_records(
        sample_project, name):
    path = as_csv_project(sample_project, VALID[name])
    expected = read_scores(path, load_project(sample_project, scores=False))
    lp = load_project(sample_project)
    assert isinstance(lp.scores, ColumnScores)  # the column reader read it, not the fallback
    assert [tuple(r) for r in lp.scores.scores] == [
        (r.evaluator, r.vendor, r.target, r.score, r.note, r.at, r.flags)
        for r in expected.scores]
    assert (lp.scores.demo, lp.scores.consensus) == (expected.demo, expected.consensus)


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_file_with_a_problem_gets_the_record_readers_problems(sample_project, name):
    path = as_csv_project(sample_project, BAD[name])
    lp = load_project(sample_project, scores=False)
    assert read_csv_columns(path, lp) is None
    with pytest.raises(CrmselectError) as imported:
        read_source(path, lp)
    with pytest.raises(CrmselectError) as loaded:
        load_project(sample_project)
    expected = imported.value.lines(english)
    assert loaded.value.lines(english) == expected
    assert expected and all(text.startswith(str(path)) for text in expected)
    assert all(issue.line for issue in loaded.value.issues if name not in (
        "binary", "empty")), expected


def test_the_problems_name_line_and_field(sample_project):
    path = as_csv_project(sample_project, BAD["bad_rows_among_good_ones"])
    with pytest.raises(CrmselectError) as caught:
        load_project(sample_project)
    assert [(i.file, i.line, i.where) for i in caught.value.issues] == [
        (str(path), 6, "score"), (str(path), 7, "score")]


def test_the_sample_projects_scores_as_csv_give_the_same_evaluation(sample_project):
    from crmselect.scoresio import to_csv

    lp = load_project(sample_project)
    before = evaluate_project(lp, monte_carlo_samples=200, seed=1).to_dict()
    as_csv_project(sample_project, to_csv(lp.scores.scores_file()).encode())
    from_csv = load_project(sample_project)
    assert isinstance(from_csv.scores, ColumnScores)
    assert len(from_csv.scores.scores) == len(lp.scores.scores)
    after = evaluate_project(from_csv, monte_carlo_samples=200, seed=1).to_dict()
    # the weights' fingerprint travels too (a row of kind weights_fingerprint): same warnings
    assert after == before


def test_a_project_with_both_files_is_refused(sample_project):
    (sample_project / "scores.csv").write_bytes(VALID["crlf"])
    with pytest.raises(CrmselectError) as caught:
        load_project(sample_project)
    (issue,) = caught.value.issues
    assert issue.file.endswith("scores.csv")
    assert "both scores.csv and scores.yaml" in caught.value.lines(english)[0]


def test_an_import_into_a_csv_project_writes_its_csv(sample_project, tmp_path):
    as_csv_project(sample_project, VALID["crlf"])
    incoming = tmp_path / "new.csv"
    incoming.write_bytes((HEADER + "score,deniz,odoo,references,3,,\r\n").encode())
    result = import_scores(load_project(sample_project), incoming)
    assert result.added == 1
    assert not (sample_project / "scores.yaml").exists()
    lp = load_project(sample_project)
    assert len(lp.scores.scores) == 5
    assert lp.scores.scores[4][:4] == ("deniz", "odoo", "references", 3.0)


def test_a_file_over_the_size_limit_is_refused(sample_project, monkeypatch):
    path = as_csv_project(sample_project, VALID["crlf"])
    monkeypatch.setattr(scorescsv, "MAX_CSV_BYTES", 100)
    with pytest.raises(CrmselectError) as caught:
        load_project(sample_project)
    (issue,) = caught.value.issues
    assert issue.file == str(path) and "larger than 0 MB" in caught.value.lines(english)[0]


def test_a_file_of_the_largest_size_fits_the_limit():
    # 1,000 requirements × 30 vendors × 15 evaluators: 459,900 rows of about 54 bytes
    assert 459_900 * 54 * 3 < scorescsv.MAX_CSV_BYTES


@pytest.mark.parametrize("text", ["", "a", "a\n", "a\r\nb", "a\rb\r", "\r\n\r\n", "x\n\ny",
                                  "a\x0bb\u2028c\x85d\n", "\r", "\n\r", "a\r\r\nb"])
def test_lines_are_the_lines_the_csv_module_got_from_a_stringio(text):
    assert list(scorescsv.lines(text)) == list(io.StringIO(text, newline=""))


def test_a_scores_csv_that_is_not_a_file_is_refused_without_reading_it(sample_project):
    (sample_project / "scores.yaml").unlink()
    (sample_project / "scores.csv").mkdir()
    with pytest.raises(CrmselectError) as caught:
        load_project(sample_project)
    (issue,) = caught.value.issues
    assert issue.file.endswith("scores.csv")
    assert "is not a file" in caught.value.lines(english)[0]
