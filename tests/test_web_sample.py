"""The web form on the bundled sample project (a copy): it loads, asks for declarations,
keeps prices from functional evaluators, and its results page computes."""

from __future__ import annotations

import pytest


@pytest.fixture
def sample_app(sample_project, app_factory):
    return app_factory(sample_project)


def test_sample_project_is_served(sample_app) -> None:
    murat = sample_app.test_client().as_user("murat")  # Turkish, functional areas
    assert murat.get("/vendors").headers["Location"] == "/declaration"
    page = murat.post("/declaration", data={"choice": "none", "confirm": "yes"})
    assert page.status_code == 302
    scoring = murat.get("/vendors/odoo")
    assert scoring.status_code == 200
    assert "Puanlanacak" not in scoring.text and "Kabul kriterleri" in scoring.text
    assert "Fiyat özeti" not in scoring.text  # two envelopes: no prices for Murat
    deniz = sample_app.test_client().as_user("deniz")  # integration and non-functional
    deniz.post("/declaration", data={"choice": "none", "confirm": "yes"})
    assert "Price summary" in deniz.get("/vendors/odoo").text
    assert deniz.save_score("odoo", "INT-FIN-001", 4).status_code == 200


def test_sample_results_compute(sample_app) -> None:
    selin = sample_app.test_client().as_user("selin")
    page = selin.get("/results/")
    assert page.status_code == 200
    assert "Sıralama" in page.text and '<svg class="chart ' in page.text


def test_pushed_scores_dated_after_the_reveal_are_not_marked_changed(sample_project,
                                                                     app_factory) -> None:
    """The sample's scores are dated 2027: pushed, then revealed today, none of them was changed
    after the reveal (the mark once came from each score's own time, so all 804 were)."""
    import yaml
    from click.testing import CliRunner

    from crmselect.cli import main
    from crmselect.evaluationdb import settings

    pushed = CliRunner().invoke(main, ["scores", "push", str(sample_project)])
    assert pushed.exit_code == 0, pushed.stderr
    app = app_factory(sample_project)
    with app.extensions["crmselect"].db.write() as s:
        settings.reveal(s, "selin")
    selin = app.test_client().as_user("selin")
    assert "changed after reveal" not in selin.get("/results/?lang=en").text
    exported = yaml.safe_load(selin.get("/export/scores.yaml").text)
    assert not [r for r in exported["scores"] if r.get("flags")]
    # a change after the reveal (the facilitator reopens Deniz's Odoo scores) is marked
    deniz = app.test_client().as_user("deniz")
    deniz.post("/declaration", data={"choice": "none", "confirm": "yes"})
    assert selin.post("/facilitator/permit", data={
        "kind": "reopen", "evaluator": "deniz", "vendor": "odoo",
        "reason": "typo"}).status_code == 302
    assert deniz.save_score("odoo", "INT-FIN-001", 2, "the connector failed").status_code == 200
    exported = yaml.safe_load(selin.get("/export/scores.yaml").text)
    assert [(r["evaluator"], r["vendor"], r["target"]) for r in exported["scores"]
            if r.get("flags")] == [("deniz", "odoo", "INT-FIN-001")]
