"""The working days of the test-drive and migration schedules (crmselect/reporting/workdays.py):
a country's public holidays, found by any of its codes, loaded only for that country.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from crmselect.reporting.workdays import WorkCalendar


def _run(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=300, check=True)
    return result.stdout


def test_a_country_calendar_does_not_list_every_country(monkeypatch):
    # holidays.list_supported_countries() looked up every country's subdivisions (0.1 s)
    import holidays

    def refuse(*args, **kwargs):
        raise AssertionError("every country was listed")

    monkeypatch.setattr(holidays, "list_supported_countries", refuse)
    monkeypatch.setattr(holidays.utils, "list_supported_countries", refuse)
    cal = WorkCalendar.for_country("TR")
    assert cal.country == "TR" and not cal.is_workday(dt.date(2027, 10, 29))


def test_weekend_calendars_do_not_import_holidays():
    out = _run("import sys, datetime as dt\n"
               "from crmselect.reporting.workdays import WorkCalendar, add_workdays\n"
               "add_workdays(dt.date(2027, 1, 1), 3)\n"
               "WorkCalendar.for_country('ZZ').add_workdays(dt.date(2027, 1, 1), 3)\n"
               "print('holidays.countries.turkey' in sys.modules)\n")
    assert out.strip() == "False"


def test_the_known_countries_are_those_holidays_lists():
    import holidays

    from crmselect.reporting.workdays import _known_country

    listed = set(holidays.list_supported_countries())
    assert all(_known_country(code) for code in listed)
    assert not any(_known_country(code) for code in ("ZZ", "XX", "", "T", "TURK", "tr"))


@pytest.mark.parametrize("code", ["TR", "TUR", " tr "])
def test_a_country_by_any_of_its_codes_has_its_holidays(code):
    cal = WorkCalendar.for_country(code, "tr")
    assert cal.country is not None
    assert cal.holiday(dt.date(2027, 10, 29)) == "Cumhuriyet Bayramı"
    assert cal.half_day(dt.date(2027, 10, 28))  # the arife of 29 Ekim: a morning's work


def test_an_unknown_country_has_weekends_only():
    cal = WorkCalendar.for_country("ZZ")
    assert cal.country is None
    assert cal.is_workday(dt.date(2027, 10, 29))
