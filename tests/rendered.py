"""Core messages as a test reads them: written by the edge in English.

``str()`` of a :class:`crmselect.errors.Message` is only its code with its parameters (issue 12,
point 1), so a test that checks the words renders them, as the CLI, the web app and the
documents do."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator

import pytest

from crmselect.errors import CrmselectError
from crmselect.i18n import text


def english(message: str) -> str:
    """A core message (or a plain string) as the edge writes it in English."""
    return text(message, "en")


@contextlib.contextmanager
def raises_english(pattern: str) -> Iterator[pytest.ExceptionInfo[CrmselectError]]:
    """``pytest.raises(CrmselectError, match=pattern)`` on the problems written in English."""
    with pytest.raises(CrmselectError) as info:
        yield info
    shown = "\n".join(info.value.lines(english))
    assert re.search(pattern, shown), shown
