"""The edge's short spelling: ``t(code, lang, **params)`` → text in ``lang``.

For the CLI, the web app and the documents, which render in a language they were given; with
no language, the one this invocation resolved (:func:`crmselect.i18n.language.current`).
"""

from __future__ import annotations

from crmselect.i18n import translate
from crmselect.i18n.language import current


def current_language(default: str = "en") -> str:
    """The language resolved for this invocation (``--lang``, project, environment)."""
    return current() or default


def t(key: str, lang: str | None = None, **params: object) -> str:
    """The message ``key`` in ``lang`` (the resolved language by default)."""
    return translate(key, lang or current(), **params)
