"""Text at the edge: the one place where codes with parameters become words in one language.

The core returns :class:`~crmselect.errors.Message` objects (a code and its parameters) and
never decides a language. The CLI, the web app and the document renderers call :func:`render`
with the language they resolved (:mod:`crmselect.i18n.language`); the Turkish text comes from
one gettext catalog, ``crmselect/locale/<lang>/LC_MESSAGES/crmselect.po`` (msgctxt = the code,
msgid = the English source text of :mod:`crmselect.i18n.source`), with real plural forms.
"""

from __future__ import annotations

import datetime as dt
import gettext
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from crmselect.errors import Amount, Currency, Message, Number
from crmselect.i18n.source import PLURAL_PARAM, SOURCE

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "crmselect"
LANGUAGES = ("en", "tr")


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The gettext catalog of ``lang`` (English: the source text itself)."""
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def _count(code: str, params: Mapping[str, object]) -> int:
    value = params.get(PLURAL_PARAM.get(code, "n"), 1)
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 1


def translate(code: str, lang: str, /, **params: object) -> str:
    """The message ``code`` in ``lang``, formatted with ``params`` (nested messages rendered)."""
    source = SOURCE[code]
    catalog = translations(lang)
    if isinstance(source, tuple):
        template = catalog.npgettext(code, source[0], source[1], _count(code, params))
    else:
        template = catalog.pgettext(code, source)
    if "_names" in params:  # a scoring warning: ids become names, numbers take the format
        from crmselect.i18n.warnings import decorate

        params = decorate(dict(params), lang, translate)
    values = {k: render(v, lang) for k, v in params.items()}
    return template.format(**values)


def render(value: object, lang: str) -> object:
    """A message (or a list of them) as text in ``lang``; numbers the core marked as amounts
    or decimals in the language's format; a day (a ``datetime.date``, not a moment) in the
    language's long form (6 December 2026, 6 Aralık 2026); a bilingual text in ``lang``;
    anything else as is."""
    from crmselect.i18n import formatting

    if isinstance(value, Message):
        return translate(value.code, lang, **value.params)
    if isinstance(value, Amount):
        return formatting.amount(value, lang)
    if isinstance(value, Number):
        return formatting.decimal(value, lang)
    if isinstance(value, Currency):
        return formatting.currency_label(value, lang)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return formatting.format_date(value, lang)  # a Turkish sentence is not given 2026-12-06
    if hasattr(value, "en") and hasattr(value, "tr") and callable(getattr(value, "get", None)):
        return value.get(lang)  # a bilingual Text of the model
    if isinstance(value, list | tuple) and any(isinstance(v, Message) for v in value):
        return type(value)(render(v, lang) for v in value)
    return value


def text(value: object, lang: str) -> str:
    """``render`` as a string ('' for None)."""
    return "" if value is None else str(render(value, lang))


def gettext_for(lang: str, message: str) -> str:
    """A context-free msgid (click's own messages, vocabulary) in ``lang``."""
    return translations(lang).gettext(message)


def render_messages(value: object, lang: str) -> Any:
    """``value`` (a document context: dicts, lists, tuples) with every
    :class:`~crmselect.errors.Message` in it written in ``lang``; everything else as is."""
    if isinstance(value, Message):
        return translate(value.code, lang, **value.params)
    if isinstance(value, dict):
        return {k: render_messages(v, lang) for k, v in value.items()}
    if type(value) in (list, tuple):  # not a named tuple: its fields hold no message
        return type(value)(render_messages(v, lang) for v in value)  # type: ignore[arg-type]
    return value
