"""The facilitator's status page ``/status`` (issue 14, point 8)."""

from __future__ import annotations

import datetime as dt

import pytest


@pytest.fixture
def today(app):
    app.config["STATUS_TODAY"] = dt.date(2027, 2, 10)
    return app


def test_the_facilitator_sees_every_step(make_client, today) -> None:
    make_client("ayse").save_score("odoo", "INT-FIN-001", 3)
    page = make_client("selin", lang="en").get("/status")
    assert page.status_code == 200
    html = page.text
    assert "<h1>Where the selection stands</h1>" in html
    for title in ("Needs defined", "Budget set", "RFP issued", "Questions answered",
                  "Responses received", "Scoring", "Test drives held", "References checked",
                  "Decision", "Contract", "Data migration", "Go-live"):
        assert f"<h2>{title}</h2>" in html
    assert "2 of 3 vendors" in html  # odoo and espocrm answered, suitecrm not
    assert "Import the responses of: SuiteCRM" in html
    assert "--vendor suitecrm</code>" in html
    assert "Ayşe Demir" in html and "<progress value=\"1\"" in html
    assert 'href="/facilitator/"' in html  # the page that does the next action
    assert "On 10 February 2027" in html
    assert "<script" not in html.split("<main")[1]  # the page works without JavaScript
    assert 'href="/status" aria-current="page"' in html


def test_the_page_in_turkish(make_client, today) -> None:
    html = make_client("selin", lang="tr").get("/status").text
    assert "<h1>Seçim süreci nerede</h1>" in html
    assert "<h2>Yanıtlar alındı</h2>" in html and "3 tedarikçiden 2" in html
    assert "Sıradaki" in html and "10 Şubat 2027 itibarıyla" in html
    assert ">Durum</a>" in html


@pytest.mark.parametrize("person", ["ayse", "mehmet", "omer"])
def test_only_the_facilitator(make_client, today, person: str) -> None:
    client = make_client(person)
    assert client.get("/status").status_code == 403
    assert 'href="/status"' not in client.get("/").text


def test_signed_out_goes_to_the_sign_in_page(client, today) -> None:
    response = client.get("/status")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_recorded_decision_is_shown(make_client, today, web_project) -> None:
    with (web_project / "project.yaml").open("a", encoding="utf-8") as out:
        out.write("decision: {vendor: odoo, date: 2027-02-09, approved_by: Yönetim kurulu}\n")
    html = make_client("selin", lang="en").get("/status").text
    assert "Odoo" in html and "approved by Yönetim kurulu" in html
    assert "9 February 2027" in html
