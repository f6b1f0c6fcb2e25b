"""The facilitator reveals (or withdraws a reopening) while an evaluator's save is under way:
the save either lands before the change, as an independent score, or is judged by the new
state; never an unmarked score written after the reveal. On SQLite one writer at a time gives
this; on PostgreSQL (several workers, several connections) the save and the change take the
same lock (:mod:`crmselect.evaluationdb.scoringlock`)."""

from __future__ import annotations

import threading

from sqlalchemy import select

from crmselect.evaluationdb import permits, scores, settings
from crmselect.evaluationdb.schema import AuditEntry

TARGET = "INT-FIN-001"


def db(app):
    return app.extensions["crmselect"].db


def in_another_thread(work) -> threading.Thread:  # noqa: ANN001
    """Start ``work`` (a facilitator's change, on a connection of its own) and give it a
    moment: unless something holds it back it commits meanwhile."""
    thread = threading.Thread(target=work)
    thread.start()
    thread.join(timeout=2)
    return thread


def save_with_a_change_meanwhile(app, change) -> None:  # noqa: ANN001
    """One save as the web form runs it, with ``change`` started after its gate was read."""
    with db(app).driver_write() as conn:
        gate, old = scores.gate_for_save(conn, "ayse", "odoo", TARGET)
        thread = in_another_thread(change)
        if gate.open:
            scores.save_score(conn, actor="ayse", evaluator="ayse", vendor="odoo",
                              target=TARGET, score=3, note="", action=gate.action("score"),
                              old=old)
    thread.join()


def test_a_reveal_during_a_save_comes_after_it(app) -> None:
    def reveal() -> None:
        with db(app).write() as s:
            settings.reveal(s, "selin")

    save_with_a_change_meanwhile(app, reveal)
    with db(app).read() as s:
        revealed = settings.revealed(s)
        assert revealed is not None
        saves = s.scalars(select(AuditEntry).where(AuditEntry.action == "score")).all()
    assert len(saves) == 1
    assert saves[0].at <= revealed.at  # an independent score: given before the reveal


def test_a_reopening_withdrawn_during_a_save_comes_after_it(app) -> None:
    with db(app).write() as s:
        settings.reveal(s, "selin")
        permits.grant(s, actor="selin", kind=permits.REOPEN, evaluator="ayse", vendor="odoo",
                      reason="typed on the wrong vendor")

    def withdraw() -> None:
        with db(app).write() as s:
            permits.withdraw(s, actor="selin", kind=permits.REOPEN, evaluator="ayse",
                             vendor="odoo")

    save_with_a_change_meanwhile(app, withdraw)
    with db(app).read() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.action.in_(
            ["score_after_reveal", "permit_reopen"])).order_by(AuditEntry.id)).all()
    # The change after the reveal, then the withdrawal, in that order in time too.
    assert [e.action for e in entries] == ["permit_reopen", "score_after_reveal",
                                           "permit_reopen"]
    assert entries[1].at <= entries[2].at
