"""The scores CSV record reader (crmselect/scorescsv.py, ``scores import``'s): what Excel writes in
either language is read, and a row it cannot read is one problem at its line.
"""

from __future__ import annotations

from crmselect.i18n import text


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
