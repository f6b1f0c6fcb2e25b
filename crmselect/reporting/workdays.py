"""Working-day arithmetic for the plans (test-drive schedule, migration plan).

Why not calendar days: demos and project tasks happen Monday to Friday, and a task that
"takes 5 days" must end a week later, not on a Saturday. Why a holiday calendar: a Turkish
project does not work on 29 Ekim or during Kurban Bayramı, and those religious holidays move
every year, so the dates come from the ``holidays`` package for the organisation's country.

An arife (the eve of a religious holiday, and 28 Ekim) is a half day: offices close at noon.
It stays a working day for the migration plan (a morning's work is still done), but a plan
lists it, and the test-drive schedule offers only its morning.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")
ONE_DAY = dt.timedelta(days=1)
#: The calendar used when the project does not name a country.
DEFAULT_COUNTRY = "TR"


@dataclass(frozen=True)
class Holiday:
    """A public holiday (or arife half day) a plan skipped or shortened."""

    date: dt.date
    name: str
    half_day: bool = False


@dataclass
class WorkCalendar:
    """Working days of one country: Monday to Friday, minus its public holidays.

    ``country`` None means weekends only (used by tests and for countries ``holidays`` does
    not know). ``lang`` is the language of the holiday names ("en" or "tr").
    """

    country: str | None = DEFAULT_COUNTRY
    lang: str = "en"
    _full: dict[dt.date, str] = field(default_factory=dict, init=False, repr=False)
    _half: dict[dt.date, str] = field(default_factory=dict, init=False, repr=False)
    _years: set[int] = field(default_factory=set, init=False, repr=False)

    @classmethod
    def for_country(cls, country: str | None, lang: str = "en") -> WorkCalendar:
        """The calendar of a project's organisation country (a code such as "TR"; empty →
        Türkiye); weekends only when ``holidays`` does not know the country."""
        code = (country or DEFAULT_COUNTRY).strip().upper()
        if not _known_country(code):
            return cls(None, lang)
        return cls(code, lang)

    def _load(self, year: int) -> None:
        if year in self._years or self.country is None:
            return
        self._years.add(year)
        full, half = _year_holidays(self.country, self.lang, year)
        self._full.update(full)
        self._half.update(half)

    def holiday(self, day: dt.date) -> str | None:
        """The name of the public holiday on ``day`` (a full day off), else None."""
        self._load(day.year)
        return self._full.get(day)

    def half_day(self, day: dt.date) -> str | None:
        """The name of the arife on ``day`` (a working morning), else None."""
        self._load(day.year)
        return self._half.get(day)

    def is_workday(self, day: dt.date) -> bool:
        """Monday to Friday, not a public holiday (an arife half day is a working day)."""
        return day.weekday() < 5 and self.holiday(day) is None

    def next_workday(self, day: dt.date) -> dt.date:
        """``day`` itself when it is a working day, else the next one."""
        while not self.is_workday(day):
            day += ONE_DAY
        return day

    def previous_workday(self, day: dt.date) -> dt.date:
        """``day`` itself when it is a working day, else the one before."""
        while not self.is_workday(day):
            day -= ONE_DAY
        return day

    def workdays_between(self, start: dt.date, end: dt.date) -> Iterator[dt.date]:
        """Every working day from ``start`` to ``end``, both included."""
        day = start
        while day <= end:
            if self.is_workday(day):
                yield day
            day += ONE_DAY

    def count_workdays(self, start: dt.date, end: dt.date) -> int:
        """The number of working days from ``start`` to ``end``, both included (0 if end <
        start)."""
        return sum(1 for _ in self.workdays_between(start, end))

    def add_workdays(self, start: dt.date, n: int) -> dt.date:
        """The working day ``n`` working days after ``start`` (``start`` itself for 0).

        ``start`` is first moved to a working day; negative ``n`` counts backwards.
        """
        day = self.next_workday(start) if n >= 0 else self.previous_workday(start)
        step = ONE_DAY if n >= 0 else -ONE_DAY
        for _ in range(abs(n)):
            day += step
            while not self.is_workday(day):
                day += step
        return day

    def holidays_between(self, start: dt.date, end: dt.date) -> list[Holiday]:
        """The public holidays on weekdays and the arife half days from ``start`` to ``end``:
        what a plan over that window skipped or shortened."""
        out = []
        day = start
        while day <= end:
            if day.weekday() < 5:
                name = self.holiday(day)
                if name is not None:
                    out.append(Holiday(day, name))
                elif (half := self.half_day(day)) is not None:
                    out.append(Holiday(day, half, half_day=True))
            day += ONE_DAY
        return out


def _year_holidays(country: str, lang: str, year: int) -> tuple[dict[dt.date, str],
                                                                dict[dt.date, str]]:
    """The public holidays and the arife half days (not also a holiday) of ``country`` in
    ``year``, with their names in ``lang``: from the user's cache when an earlier run worked
    them out with this version of ``holidays``.

    Why cached: asking ``holidays`` for one country imports the module of every country it
    knows (about 280 modules, 0.13 s of CPU), most of the time of the test-drive plan; the
    dates of a year never change for one version of the package.
    """
    return _cached_from_holidays(f"holidays:{country}:{lang}:{year}",
                                 lambda: _compute_year_holidays(country, lang, year),
                                 _is_year_holidays)


def _cached_from_holidays(kind: str, build: Callable[[], T], check: Callable[[object], bool]) -> T:
    """What ``build`` works out with the ``holidays`` package, from the bundled data's cache
    (:func:`crmselect.bundlecache.cached`, off with ``CRMSELECT_CACHE_DIR=off``), keyed by the
    package's version file so that an upgrade works it out again."""
    from importlib.util import find_spec
    from pathlib import Path

    from crmselect.bundlecache import cached

    spec = find_spec("holidays")
    version = Path(spec.origin).with_name("version.py") if spec and spec.origin else None
    if version is None or not version.is_file():
        return build()
    # this module too: the bundled data's key holds crmselect's top-level modules only
    return cached(kind, [version, Path(__file__)], build, check)


def _is_year_holidays(value: object) -> bool:
    return (isinstance(value, tuple) and len(value) == 2
            and all(isinstance(part, dict) for part in value))


def _compute_year_holidays(country: str, lang: str, year: int) -> tuple[dict[dt.date, str],
                                                                        dict[dt.date, str]]:
    import holidays as holiday_calendars  # only when a country's holidays are needed

    language = "tr" if lang == "tr" else "en_US"
    cls = holiday_calendars.country_holidays(country).__class__  # no year computed
    supported = getattr(cls, "supported_languages", ())
    kwargs = {"language": language} if language in supported else {}
    public = holiday_calendars.country_holidays(country, years=year, **kwargs)
    full = {d: str(n) for d, n in public.items()}
    half: dict[dt.date, str] = {}
    if "half_day" in getattr(cls, "supported_categories", ()):
        arife = holiday_calendars.country_holidays(
            country, years=year, categories=("half_day",), **kwargs)
        half = {d: str(n) for d, n in arife.items() if d not in full}
    return full, half


def _known_country(code: str) -> bool:
    """Whether ``holidays`` has a calendar for the country ``code`` (its alpha-2 or alpha-3
    code, or an alias such as UK). Read from the package's registry of codes: asking
    ``holidays.list_supported_countries()`` would import every country's module to list its
    subdivisions (about 0.1 s), where a plan needs one country. Cached with the dates, so that
    a plan whose years are in the cache does not import ``holidays`` at all."""
    return code in _cached_from_holidays("holidays:countries", _country_codes,
                                         lambda value: isinstance(value, frozenset))


def _country_codes() -> frozenset[str]:
    from holidays.registry import EntityLoader

    return frozenset(EntityLoader.get_country_codes(include_aliases=True))


#: Weekends only: the module functions below, kept for callers that have no project.
WEEKENDS = WorkCalendar(None)


def is_workday(day: dt.date) -> bool:
    """Monday to Friday."""
    return WEEKENDS.is_workday(day)


def next_workday(day: dt.date) -> dt.date:
    """``day`` itself when it is a working day, else the following Monday."""
    return WEEKENDS.next_workday(day)


def previous_workday(day: dt.date) -> dt.date:
    """``day`` itself when it is a working day, else the Friday before."""
    return WEEKENDS.previous_workday(day)


def workdays_between(start: dt.date, end: dt.date) -> Iterator[dt.date]:
    """Every working day from ``start`` to ``end``, both included."""
    return WEEKENDS.workdays_between(start, end)


def count_workdays(start: dt.date, end: dt.date) -> int:
    """The number of weekdays from ``start`` to ``end``, both included (0 if end < start)."""
    return WEEKENDS.count_workdays(start, end)


def add_workdays(start: dt.date, n: int) -> dt.date:
    """The weekday ``n`` weekdays after ``start`` (``start`` itself for 0)."""
    return WEEKENDS.add_workdays(start, n)
