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
