"""The note a 0, 1 or 5 needs must say something: white space and invisible format
characters (a zero-width space, a direction mark, a BOM) are no note, in the web form, in a
scores file (full and column reader) and at the database's save."""

from __future__ import annotations

from pathlib import Path

import pytest
from rendered import english

from crmselect.errors import CrmselectError
from crmselect.evaluationdb import scores
from crmselect.project import load_project
from crmselect.scorerules import has_note

INVISIBLE = ["\u200b", "\u200b\u200c\u200d", " \u2060 ", "\ufeff", "\u202e", "\u200e\t"]


@pytest.mark.parametrize("note", INVISIBLE + ["", "   "])
def test_invisible_notes_say_nothing(note: str) -> None:
    assert not has_note(note)


@pytest.mark.parametrize("note", ["ok", "\u200bok", "5", "—", "!", "çok iyi", "\u202eevil"])
def test_visible_notes_say_something(note: str) -> None:
    assert has_note(note)


@pytest.mark.parametrize("note", INVISIBLE)
def test_web_form_refuses_an_invisible_note_for_a_five(make_client, app, note: str) -> None:
    from test_web_scoring import stored

    client = make_client("ayse")
    response = client.save_score("odoo", "INT-FIN-002", 5, note)
    assert response.status_code == 422
    assert response.get_json()["field"] == "note"
    assert stored(app) == []


def test_database_save_refuses_an_invisible_note(app) -> None:
    from test_web_scoring import db

    with db(app).write() as s, pytest.raises(ValueError, match="needs a note"):
        scores.save_score(s, actor="ayse", evaluator="ayse", vendor="odoo",
                          target="INT-FIN-002", score=0, note="\u200b")


@pytest.mark.parametrize("line", [
    # one flow mapping a line: the column reader
    "- {evaluator: murat, vendor: odoo, target: OPS-SFA-001, score: 5, note: \"\\u200B\"}\n",
    # block style: the full reader
    "- evaluator: murat\n  vendor: odoo\n  target: OPS-SFA-001\n  score: 1\n"
    "  note: \"\\u200B\\u2060\"\n",
])
def test_scores_file_refuses_an_invisible_note(sample_project: Path, line: str) -> None:
    (sample_project / "scores.yaml").write_text(
        "weights_fingerprint: abc\nscores:\n" + line, encoding="utf-8")
    with pytest.raises(CrmselectError) as caught:
        load_project(sample_project)
    problems = [english(i.message) for i in caught.value.issues]
    assert any("needs a note that says why" in p for p in problems), problems
