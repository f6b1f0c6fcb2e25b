"""The scores CSV record reader (crmselect/scorescsv.py, ``scores import``'s): what Excel writes in
either language is read, and a row it cannot read is one problem at its line; ``scores export``
never writes over a filled-in file, and importing nothing new leaves scores.yaml as it is.
"""

from __future__ import annotations

import pytest
from clirun import checksums, run
from rendered import english, raises_english

from crmselect.i18n import text
from crmselect.project import load_project
from crmselect.scorescsv import read_csv_rows
from crmselect.scoresio import import_scores


def test_scores_csv_with_excels_trailing_separators_is_read(tmp_path):
    # Turkish Excel's "CSV (noktalı virgülle ayrılmış)" keeps ';;' for columns once used and
    # now empty, in the header too; they were refused as an unknown column named "".
    from crmselect.scorescsv import read_csv_rows

    path = tmp_path / "puanlar.csv"
    path.write_bytes(("evaluator;vendor;target;score;note;;\r\n"
                      "murat;odoo;OPS-SFA-001;4,0;Çağrı merkezi şık;;\r\n"
                      ";;;;;;\r\n"
                      "murat;odoo;OPS-SFA-002;5;Mükemmel; gerçekten;;\r\n").encode("cp1254"))
    scores, lines, issues = read_csv_rows(path)
    assert [(s.target, s.score, s.note) for s in scores.scores] == [
        ("OPS-SFA-001", 4.0, "Çağrı merkezi şık")]
    assert lines["scores"] == [2]
    # a note with an unquoted ';' is still one clear problem at its line
    (issue,) = issues
    assert issue.line == 4
    assert "başlıkta 5 sütun" in text(issue.message, "tr")


# --- what Turkish Excel writes, and files it cannot have written -----------------------------


CSV_ROWS = [["kind", "evaluator", "vendor", "target", "score", "note", "at"],
            ["score", "murat", "odoo", "OPS-SFA-001", "4", "Satır 1\nSatır 2; ölçü ğüşİı", ""]]


def _csv(rows: list[list[str]], sep: str) -> str:
    def cell(text: str) -> str:
        return f'"{text}"' if any(c in text for c in (sep, "\n", '"')) else text
    return "".join(sep.join(cell(c) for c in row) + "\r\n" for row in rows)


@pytest.mark.parametrize(("sep", "encoding"), [
    (";", "cp1254"),  # Turkish Excel's "CSV (Comma delimited)"
    (",", "cp1254"),
    ("\t", "utf-16"),  # Excel's "Unicode text", with its byte order mark
    (";", "utf-16"),
])
def test_csv_from_turkish_excel_is_read(tmp_path, sep, encoding):
    path = tmp_path / "scores.csv"
    path.write_bytes(_csv(CSV_ROWS, sep).encode(encoding))
    scores, _, issues = read_csv_rows(path)
    assert issues == []
    assert scores.scores[0].note == "Satır 1\nSatır 2; ölçü ğüşİı"


def test_csv_in_another_encoding_says_how_to_save_it(tmp_path):
    path = tmp_path / "scores.csv"
    path.write_bytes(_csv(CSV_ROWS, ",").encode("utf-16-le"))  # no byte order mark
    with raises_english("save it as 'CSV UTF-8"):
        read_csv_rows(path)


@pytest.mark.parametrize(("text", "expected"), [
    ('score,murat,odoo,OPS-SFA-001,4,"open quote,\r\nscore,murat,odoo,OPS-SFA-002,4,,\r\n',
     'scores.csv:2: a double quote (") in this row is never closed'),
    ('score,murat,odoo,OPS-SFA-001,4,"' + "x" * 200_000 + '",\r\n',
     "scores.csv:2: a cell in this row is longer than 131,072 characters"),
])
def test_csv_that_the_csv_module_cannot_read_is_one_issue(tmp_path, monkeypatch, text, expected):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "scores.csv"
    path.write_text(",".join(CSV_ROWS[0]) + "\r\n" + text, encoding="utf-8")
    _, _, issues = read_csv_rows(path)
    assert [i.format(english)[: len(expected)] for i in issues] == [expected]


def test_csv_with_excels_sep_line_is_read_and_lines_still_count_from_the_top(tmp_path):
    path = tmp_path / "scores.csv"
    rows = CSV_ROWS + [["score", "murat", "odoo", "OPS-SFA-002", "six", "", ""]]
    path.write_text("sep=;\r\n" + _csv(rows, ";"), encoding="utf-8")
    scores, lines, issues = read_csv_rows(path)
    assert scores.scores[0].note == "Satır 1\nSatır 2; ölçü ğüşİı"
    assert lines["scores"] == [3]
    assert [(i.line, i.where) for i in issues] == [(5, "score")]  # the note takes 2 lines


@pytest.mark.parametrize(("typed", "expected"), [
    ("23.02.2027 13:34", "2027-02-23T13:34:00"),  # how Turkish Excel shows a time
    ("1.3.2027", "2027-03-01T00:00:00"),
    ("2027-02-23T13:34:00+03:00", "2027-02-23T13:34:00+03:00"),
])
def test_csv_times_as_turkish_excel_writes_them_are_read(tmp_path, typed, expected):
    path = tmp_path / "scores.csv"
    path.write_text(f"evaluator;vendor;target;score;note;at\nmurat;odoo;OPS-SFA-001;4;;{typed}\n",
                    encoding="utf-8")
    scores, _, issues = read_csv_rows(path)
    assert issues == [] and scores.scores[0].at.isoformat() == expected


def test_csv_time_that_does_not_exist_is_shown_as_typed(tmp_path):
    path = tmp_path / "scores.csv"
    path.write_text("evaluator,vendor,target,score,note,at\n"
                    "murat,odoo,OPS-SFA-001,4,,30.02.2027 13:34\n", encoding="utf-8")
    _, _, [issue] = read_csv_rows(path)
    assert issue.where == "at" and "got '30.02.2027 13:34'" in english(issue.message)


def test_csv_with_a_column_twice_is_refused_not_guessed(tmp_path):
    path = tmp_path / "scores.csv"
    path.write_text("kind,evaluator,vendor,target,score,score,note\n"
                    "score,murat,odoo,OPS-SFA-001,4,1,\n", encoding="utf-8")
    with raises_english("column score appears more than once"):
        read_csv_rows(path)


# --- scores export and import keep what is there ---------------------------------------------


def test_export_over_a_filled_in_csv_keeps_it_unless_forced(basic, tmp_path):
    filled = tmp_path / "filled-in.csv"
    filled.write_text("evaluator,vendor,target,score,note\nayse,alpha,OPS-SFA-001,4,\n",
                      encoding="utf-8")
    before = filled.read_bytes()
    code, err = run("scores", "export", basic, filled)  # meant: scores import
    assert code == 1 and "the file exists and holds something else" in err
    assert filled.read_bytes() == before
    assert run("scores", "export", basic, filled, "--force")[0] == 0
    assert filled.read_bytes() != before
    assert run("scores", "export", basic, filled)[0] == 0  # the same content again: fine


def test_importing_nothing_new_keeps_scores_yaml_as_it_is(sample_project, tmp_path):
    lp = load_project(sample_project)
    header = ",".join(CSV_ROWS[0]) + "\n"
    (tmp_path / "empty.csv").write_text(header, encoding="utf-8")
    before = checksums(sample_project)
    import_scores(lp, tmp_path / "empty.csv")
    assert checksums(sample_project) == before
