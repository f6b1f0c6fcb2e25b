"""Working-day arithmetic for the plans (test-drive schedule, migration plan).

Why not calendar days: demos and project tasks happen Monday to Friday, and a task that
"takes 5 days" must end a week later, not on a Saturday. Public holidays are not known here
(Turkish religious holidays move every year), so the documents say weekends only are skipped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

ONE_DAY = dt.timedelta(days=1)


def is_workday(day: dt.date) -> bool:
    """Monday to Friday."""
    return day.weekday() < 5


def next_workday(day: dt.date) -> dt.date:
    """``day`` itself when it is a working day, else the following Monday."""
    while not is_workday(day):
        day += ONE_DAY
    return day


def previous_workday(day: dt.date) -> dt.date:
    """``day`` itself when it is a working day, else the Friday before."""
    while not is_workday(day):
        day -= ONE_DAY
    return day


def workdays_between(start: dt.date, end: dt.date) -> Iterator[dt.date]:
    """Every working day from ``start`` to ``end``, both included."""
    day = start
    while day <= end:
        if is_workday(day):
            yield day
        day += ONE_DAY


def count_workdays(start: dt.date, end: dt.date) -> int:
    """The number of working days from ``start`` to ``end``, both included (0 if end < start)."""
    if end < start:
        return 0
    weeks, rest = divmod((end - start).days + 1, 7)
    count = weeks * 5
    for k in range(rest):
        if is_workday(start + dt.timedelta(days=weeks * 7 + k)):
            count += 1
    return count


def add_workdays(start: dt.date, n: int) -> dt.date:
    """The working day ``n`` working days after ``start`` (``start`` itself for 0).

    ``start`` is first moved to a working day; negative ``n`` counts backwards.
    """
    day = next_workday(start) if n >= 0 else previous_workday(start)
    step = ONE_DAY if n >= 0 else -ONE_DAY
    for _ in range(abs(n)):
        day += step
        while not is_workday(day):
            day += step
    return day
