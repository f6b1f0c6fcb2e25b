"""The evaluation store's ValueErrors are programmer errors: no user reaches them.

:func:`crmselect.evaluationdb.consensus.record` and :func:`crmselect.evaluationdb.permits.grant`
refuse a blank reason, a score off the scale or an unknown permit kind with a ``ValueError`` in
English. Their one caller, the facilitator's views, checks the same first and answers in the
facilitator's language (a form error, or 400 for a value no form sends). The same holds for
:func:`crmselect.evaluationdb.scores.save_score` and the evaluator's score save (``scores push``
checks its file with lines first: tests/test_scores_db.py). These tests hold both halves: the
views answer, nothing is stored, and no other code calls the store's functions.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from sqlalchemy import func, select

import crmselect
from crmselect.evaluationdb import settings
from crmselect.evaluationdb.schema import AuditEntry, Consensus, Permit, Score

PACKAGE = Path(crmselect.__file__).resolve().parent

REASON = {"en": "A consensus score needs a reason.",
          "tr": "Uzlaşı puanı için bir gerekçe yazılmalıdır."}
SCALE = {"en": "Choose a score from 0 to 5.", "tr": "0 ile 5 arasında bir puan seçin."}
NOTE = {"en": "A score of 1 needs a note that says why.",
        "tr": "1 puanı için nedenini açıklayan bir not yazılmalıdır."}
PERMIT_REASON = {"en": "Give a reason: it is kept in the audit log.",
                 "tr": "Bir gerekçe yazın: denetim kaydında saklanır."}


def _count(app, table) -> int:
    with app.extensions["crmselect"].db.read() as s:
        return s.scalar(select(func.count()).select_from(table))


def _scored_and_revealed(make_client, app) -> None:
    ayse, mehmet = make_client("ayse"), make_client("mehmet")
    assert ayse.save_score("odoo", "INT-FIN-001", 5, "shown live").status_code == 200
    assert mehmet.save_score("odoo", "INT-FIN-001", 1, "a CSV import only").status_code == 200
    with app.extensions["crmselect"].db.write() as s:
        settings.reveal(s, "selin")


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_the_consensus_view_refuses_what_the_store_would_raise_on(make_client, app,
                                                                  lang: str) -> None:
    _scored_and_revealed(make_client, app)
    selin = make_client("selin", lang)
    form = {"vendor": "odoo", "target": "INT-FIN-001", "score": "3", "version": "0"}
    for reason in ("", "   ", "\t\n"):
        refused = selin.post("/facilitator/consensus", data={**form, "reason": reason})
        assert refused.status_code == 422 and REASON[lang] in refused.text
    for score in ("6", "-1", "5.5", "nan", "1e309", "-0"):
        refused = selin.post("/facilitator/consensus",
                             data={**form, "score": score, "reason": "agreed"})
        assert refused.status_code == 422 and SCALE[lang] in refused.text, score
    assert _count(app, Consensus) == 0


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_the_permit_view_refuses_what_the_store_would_raise_on(make_client, app,
                                                               lang: str) -> None:
    _scored_and_revealed(make_client, app)
    selin = make_client("selin", lang)
    form = {"kind": "reopen", "evaluator": "ayse", "vendor": "odoo", "action": ""}
    for reason in ("", "   "):
        answer = selin.post("/facilitator/permit", data={**form, "reason": reason},
                            follow_redirects=True)
        assert answer.status_code == 200 and PERMIT_REASON[lang] in answer.text
    assert selin.post("/facilitator/permit",
                      data={**form, "kind": "nosuch", "reason": "x"}).status_code == 400
    assert _count(app, Permit) == 0


@pytest.mark.parametrize("lang", ["en", "tr"])
@pytest.mark.parametrize("as_json", [True, False])
def test_the_score_save_refuses_what_the_store_would_raise_on(make_client, app, lang: str,
                                                              as_json: bool) -> None:
    """:func:`crmselect.evaluationdb.scores.save_score` raises on a score off the scale and on
    a low or high score without a note; the evaluator's save refuses both first."""
    ayse = make_client("ayse", lang)
    for score in ("6", "-1", "5.5", "nan", "1e309", "abc", ""):
        refused = ayse.save_score("odoo", "INT-FIN-001", score, "why", json=as_json)
        assert refused.status_code == 422
        text = refused.get_json()["error"] if as_json else refused.text
        assert SCALE[lang] in text, (score, text)
    for note in ("", "   "):
        refused = ayse.save_score("odoo", "INT-FIN-001", 1, note, json=as_json)
        assert refused.status_code == 422
        text = refused.get_json()["error"] if as_json else refused.text
        assert NOTE[lang] in text, (note, text)
    assert _count(app, Score) == 0 and _count(app, AuditEntry) == 0


def _callers(function: str, module: str) -> list[str]:
    """Files under the package that call ``module.function(...)`` or import ``function``
    from ``crmselect.evaluationdb.<module>``."""
    found = []
    for file in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(file.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            called = (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                      and node.func.attr == function and isinstance(node.func.value, ast.Name)
                      and node.func.value.id == module)
            imported = (isinstance(node, ast.ImportFrom)
                        and node.module == f"crmselect.evaluationdb.{module}"
                        and any(a.name == function for a in node.names))
            if called or imported:
                found.append(file.relative_to(PACKAGE).as_posix())
                break
    return found


def test_only_the_facilitator_views_call_the_store_functions_that_raise() -> None:
    assert _callers("record", "consensus") == ["webapp/facilitator.py"]
    assert _callers("grant", "permits") == ["webapp/facilitator.py"]
    assert _callers("save_score", "scores") == ["webapp/scoring.py"]
