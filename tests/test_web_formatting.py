"""The web form formats numbers, money, percentages and dates through the one formatting module
(issue 12.5): the same value reads the same on a web page, on the command line and in the
documents, in both languages."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from flask import Flask

from crmselect.cli.scoring import _number, _pct
from crmselect.i18n import formatting
from crmselect.webapp import i18n as web

VALUES = [0, 4, 4.5, 1234567.891, -2500.25, 12500000]


def _in(app: Flask, lang: str):
    app.extensions["babel"].locale_selector = lambda: lang
    return app.test_request_context()


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_the_web_and_the_cli_write_the_same_value_identically(app: Flask, lang: str) -> None:
    with _in(app, lang):
        assert web.language() == lang
        for value in VALUES:
            for digits in (0, 1, 2):
                assert web.fixed(value, digits) == _number(value, lang, digits)
            # The CLI's money: the amount without decimals and the currency as a reader writes it.
            cli_money = f"{_number(value, lang, 0)} {formatting.currency_label('TRY', lang)}"
            if float(value).is_integer() or abs(value) >= 1000:
                assert web.money(value, "TRY") == cli_money
        for share in (0, 0.05, 0.41, 1):
            assert web.percent(share) == _pct(share, lang)
        assert web.number(4.25, 1) == formatting.decimal(4.25, lang, 1)
        day = dt.date(2027, 1, 15)
        assert web.day(day) == formatting.format_date(day, lang)  # as the documents' prose
        moment = dt.datetime(2027, 1, 15, 11, 30)  # stored in UTC
        assert web.when(moment) == formatting.format_timestamp(moment, lang, "Europe/Istanbul")
        assert web.when(None) == web.money(None, "TRY") == web.day(None) == "–"


def test_turkish_money_dates_and_shares_on_the_web(app: Flask) -> None:
    with _in(app, "tr"):
        assert web.money(12500000, "TRY") == "12.500.000 TL"
        assert web.money(12500000, "EUR") == "12.500.000 EUR"
        assert web.day(dt.date(2027, 1, 15)) == "15 Ocak 2027"
        assert web.percent(0.41) == "%41"
        assert web.fixed(4, 2) == "4,00" and web.number(4.5) == "4,5"
        # The project is in Türkiye: 11:30 UTC is 14:30 in Istanbul.
        assert web.when(dt.datetime(2027, 1, 15, 11, 30)) == "15 Oca 2027 14.30.00"
    with _in(app, "en"):
        assert web.money(12500000, "TRY") == "12,500,000 TRY"
        assert web.day(dt.date(2027, 1, 15)) == "15 January 2027"
        assert web.when(dt.datetime(2027, 1, 15, 11, 30)) == "15 Jan 2027, 14:30:00"


def test_the_turkish_results_page_writes_lira_as_tl(tmp_path, web_project, app_factory) -> None:
    """A project in Turkish lira: the TCO column reads ``… TL`` in Turkish, ``… TRY`` in English."""
    for path in web_project.rglob("*.yaml"):  # the project and its vendors' prices
        path.write_text(path.read_text(encoding="utf-8").replace(
            "currency: EUR", "currency: TRY"), encoding="utf-8")
    app = app_factory(web_project, f"sqlite:///{tmp_path / 'lira.db'}")

    def client(person: str, lang: str):
        c = app.test_client()  # a WebClient (app_factory)
        c.as_user(person)
        assert c.post("/language", data={"lang": lang}).status_code == 302
        return c

    for person in ("ayse", "mehmet"):
        client(person, "en").save_score("odoo", "INT-FIN-001", 3)
    turkish = client("selin", "tr").get("/results/").text
    english = client("selin", "en").get("/results/").text
    assert re.search(r">[0-9.]+ TL</td>", turkish) and " TRY</td>" not in turkish
    assert re.search(r">[0-9,]+ TRY</td>", english) and " TL</td>" not in english
