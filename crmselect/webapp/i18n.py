"""The interface language (English or Turkish, per person) and locale-aware formatting.

The signed-in person's language comes from their account (switched in the page header) or from
``Evaluator.language`` in project.yaml; before signing in, from the session or the browser.
Numbers, money, percentages and dates go through :mod:`crmselect.i18n.formatting` in that
language, so the web form writes them exactly as the CLI and the documents do (``4,5``,
``12.500.000 TL``, ``%41``, ``15 Ocak 2027`` in Turkish).
"""

from __future__ import annotations

import datetime as dt

from flask import Flask, g, request, session
from flask_babel import Babel, get_locale, get_timezone

from crmselect.i18n import DOMAIN, LOCALE_DIR, formatting
from crmselect.i18n import text as i18n_text
from crmselect.model import LANGUAGES, Text, localize

babel = Babel()


def select_language() -> str:
    user = g.get("user")
    if user is not None:
        return user.language
    chosen = session.get("lang")
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES) or "en"


def language() -> str:
    """The current request's interface language code."""
    locale = get_locale()
    return locale.language if locale is not None else "en"


def text(value: str | Text | None, lang: str | None = None) -> str:
    """A project or catalog text in ``lang`` (default: the interface language)."""
    return localize(value, lang or language())


def number(value: float | int | None, digits: int = 1) -> str:
    """A number with up to ``digits`` decimals, in the interface language's format."""
    if value is None:
        return "–"
    return formatting.decimal(value, language(), digits)


def fixed(value: float | int | None, digits: int = 1) -> str:
    """A number with exactly ``digits`` decimals (scores in tables line up)."""
    if value is None:
        return "–"
    return formatting.format_number(value, language(), digits)


def money(value: float | int | None, currency: str) -> str:
    """An amount in ``currency`` as the CLI and the documents write it (``12.500.000 TL``)."""
    return formatting.format_money(value, currency, language(), empty="–")


def when(value: dt.datetime | None) -> str:
    """A timestamp in the interface language's medium format, in the project's time zone."""
    return formatting.format_timestamp(value, language(), get_timezone(), empty="–")


def time_zone() -> str:
    """The time zone the pages write times in (``Europe/Istanbul``): the page's script writes
    the time of a save in it too, not in the browser's."""
    return str(get_timezone())


def locale_tag() -> str:
    """The interface language's locale as a BCP 47 tag (``en-GB``): the page's script formats
    the time of a save with it, as the server formats the times it writes."""
    return formatting.locale_tag(language())


def percent(value: float | None) -> str:
    """A share (0.41) as a percentage in the interface language (41% or %41)."""
    return formatting.format_percent(value, language(), empty="–")


def day(value: dt.date | None) -> str:
    """A date as the documents write it in prose (``15 January 2027`` / ``15 Ocak 2027``)."""
    return formatting.format_date(value, language(), empty="–")


def core_text(value: object, lang: str | None = None) -> str:
    """A core message (a code with parameters, :class:`crmselect.errors.Message`) in ``lang``
    (default: the interface language), not in the server's."""
    return i18n_text(value, lang or language())


def init_app(app: Flask, translations: str) -> None:
    # One catalog family: the web's own pages (web/translations, domain "messages") and the
    # shared crmselect catalog (crmselect/locale, domain "crmselect": core messages, vocabulary).
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", f"{translations};{LOCALE_DIR}")
    app.config.setdefault("BABEL_DOMAIN", f"messages;{DOMAIN}")
    babel.init_app(app, locale_selector=select_language)
    app.jinja_env.filters.update(text=text, number=number, fixed=fixed, when=when, day=day,
                               percent=percent, money=money)
    app.jinja_env.globals.update(language=language, time_zone=time_zone, locale_tag=locale_tag)
    app.jinja_env.filters.update(core_text=core_text)
