"""Issue 12.5: numbers, dates, money and percentages through one Babel-based module; the
Turkish comparison CSV opens in a Turkish Excel."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from crmselect.documents.report import CSV_HEADER, comparison_csv
from crmselect.errors import Amount, Number, msg
from crmselect.i18n import render
from crmselect.i18n.formatting import (
    format_date,
    format_money,
    format_percent,
    format_short_date,
)


def test_turkish_money_dates_and_percentages():
    assert format_money(12_500_000, "TRY", "tr") == "12.500.000 TL"
    assert format_money(12_500_000, "TRY", "en") == "12,500,000 TRY"
    assert format_money(1_000, "EUR", "tr") == "1.000 EUR"
    assert format_short_date(dt.date(2027, 1, 15), "tr") == "15.01.2027"
    assert format_date(dt.date(2027, 1, 15), "tr") == "15 Ocak 2027"
    assert format_percent(0.35, "tr") == "%35" and format_percent(0.35, "en") == "35%"


def test_message_parameters_take_the_readers_number_format():
    message = msg("core_ceiling_below_budget", ceiling=Amount(12_500_000), budget=Amount(1e7))
    assert "12.500.000" in render(message, "tr") and "12,500,000" in render(message, "en")
    size = msg("yaml_too_big", size=Number(2.5), limit=1)
    assert "2,5" in render(size, "tr") and "2.5" in render(size, "en")


CTX = {"appendix": {"vendors": [{"id": "acme", "name": "Acme"}],
                    "rows": [{"requirement": "OPS-SFA-001", "title": "Lead", "area": "operational",
                              "group": "sales", "priority": "must", "weight": 0.125,
                              "cells": [{"score": 2.5, "contribution": 0.3125,
                                         "source": "evaluated"}]}]},
       "ranking": [{"vendor": "acme", "rank": 1, "knocked_out": False}]}


def test_turkish_comparison_csv_uses_semicolons_decimal_commas_and_turkish_headers():
    rows = list(csv.reader(io.StringIO(comparison_csv(CTX, "tr")), delimiter=";"))
    assert rows[0][:3] == ["Tedarikçi", "Tedarikçi adı", "Sıra"] and len(rows[0]) == len(CSV_HEADER)
    assert rows[1][9:12] == ["0,125", "2,5", "0,3125"]


def test_english_comparison_csv_is_unchanged():
    rows = list(csv.reader(io.StringIO(comparison_csv(CTX, "en"))))
    assert tuple(rows[0]) == CSV_HEADER and rows[1][9:12] == ["0.125", "2.5", "0.3125"]


def test_fixed_and_unrounded_numbers_take_the_languages_decimal_mark():
    from crmselect.i18n.formatting import format_fixed, unrounded

    assert format_fixed(0.10049, "tr", 4) == "0,1005" and format_fixed(0.1, "en", 2) == "0.10"
    assert format_fixed(1234.5, "tr", 2) == "1234,50"  # no grouping in a ratio or limit
    assert unrounded(0.1234567, "tr") == "0,1234567" and unrounded(0.1234567, "en") == "0.1234567"


def test_consistency_ratio_and_limit_read_turkish():
    from crmselect.i18n.warnings import _ratio_pair

    assert _ratio_pair(0.1005, 0.1, "tr") == ("0,1005", "0,10")
    assert _ratio_pair(0.1005, 0.1, "en") == ("0.1005", "0.10")


def test_no_hand_made_number_formatting_outside_the_formatting_module():
    """Decimal marks and digit grouping are written by crmselect/i18n/formatting.py only
    (typedvalues.py and the web score form *parse* a comma, which is not formatting)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "crmselect"
    pattern = re.compile(r'replace\("\.", ","\)|:,\.\d+f')
    parsing = {"i18n/formatting.py", "typedvalues.py", "webapp/scoring.py"}
    found = [f"{path.relative_to(root)}:{n}" for path in root.rglob("*.py")
             if str(path.relative_to(root)) not in parsing
             for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
             if pattern.search(line)]
    assert found == []


KNOCKED_CTX = {"appendix": {"vendors": [{"id": "acme", "name": "Acme"}],
                            "rows": [{**CTX["appendix"]["rows"][0], "area_name": "Operasyonel",
                                      "group_name": "Satış",
                                      "cells": [{"score": 2.5, "contribution": 0.3125,
                                                 "source": "evaluated", "declared": "native",
                                                 "shown": "live"}]}]},
               "ranking": [{"vendor": "acme", "rank": 1, "knocked_out": True}]}


def test_turkish_comparison_csv_writes_labels_and_evet_hayir_not_codes():
    rows = list(csv.reader(io.StringIO(comparison_csv(KNOCKED_CTX, "tr")), delimiter=";"))
    row = rows[1]
    assert row[3] == "Evet" and row[18] == "Hayır"
    assert row[6:9] == ["Operasyonel", "Satış", "Zorunlu"]
    assert row[13] == "Standart (hazır)" and row[15] == "canlı gösterildi"
    assert "False" not in row and "True" not in row and "native" not in row


def test_english_comparison_csv_writes_yes_no_and_labels():
    row = list(csv.reader(io.StringIO(comparison_csv(CTX, "en"))))[1]
    assert row[3] == "No" and row[18] == "No" and row[8] == "Must"
    assert row[6:8] == ["operational", "sales"]  # a context without names keeps the codes


def test_turkish_timestamps_write_the_time_with_a_dot():
    import datetime as dt

    from crmselect.i18n.formatting import format_timestamp

    moment = dt.datetime(2026, 11, 23, 5, 0)  # UTC; 08.00 in Istanbul
    assert format_timestamp(moment, "tr", "Europe/Istanbul") == "23 Kas 2026 08.00.00"
    assert format_timestamp(moment, "en", "Europe/Istanbul") == "23 Nov 2026, 08:00:00"
    assert format_timestamp(None, "tr") == "—"


def test_times_of_day_take_a_full_stop_in_turkish_and_a_colon_in_english():
    import datetime as dt

    from crmselect.i18n.formatting import format_clock, format_datetime_utc

    moment = dt.datetime(2027, 1, 15, 14, 30)
    assert format_datetime_utc(moment, "tr") == "15.01.2027 14.30 UTC"
    assert format_datetime_utc(moment, "en") == "2027-01-15 14:30 UTC"
    assert format_clock("17:00", "tr") == "17.00"
    assert format_clock("09:30", "en") == "09:30"
    assert format_clock(dt.time(8, 5), "tr") == "08.05"
    assert format_clock(dt.time(8, 5), "en") == "08:05"


# --- short dates without Babel's date module -------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "tr", "de"])
def test_short_dates_are_babels(lang):
    import datetime as dt

    from babel.dates import format_date

    from crmselect.i18n.formatting import _locale, format_short_date

    days = [dt.date(1, 1, 1), dt.date(999, 12, 31), dt.date(1990, 2, 28), dt.date(2027, 1, 15),
            dt.date(2028, 2, 29), dt.date(9999, 12, 31)]
    days += [dt.date(2026, 1, 1) + dt.timedelta(days=n) for n in range(0, 800, 7)]
    pattern = "dd.MM.yyyy" if lang == "tr" else "dd/MM/yyyy"
    for day in days:
        assert format_short_date(day, lang) == format_date(day, pattern, locale=_locale(lang))
    moment = dt.datetime(2027, 3, 4, 23, 59)
    assert format_short_date(moment, lang) == format_date(moment.date(), pattern,
                                                          locale=_locale(lang))
    assert format_short_date(None, lang) == "—" and format_short_date(None, lang, "") == ""


# --- money beyond Babel's precision ----------------------------------------------------------


@pytest.mark.parametrize(("lang", "expected"), [("en", "1.5e+300 EUR"), ("tr", "1,5e+300 EUR")])
def test_an_absurd_bid_in_a_document_is_shown_not_a_crash(lang, expected):
    # a vendor typed 1.5e300: the report formatted it with Babel, which raised InvalidOperation
    assert format_money(1.5e300, "EUR", lang) == expected
