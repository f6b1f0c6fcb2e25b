"""Times of day as each language writes them: ``17:00`` in English, ``17.00`` in Turkish (TDK:
hour and minute separated by a full stop), in every document string."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

STRINGS = Path(__file__).resolve().parents[1] / "templates" / "strings"
#: A time of day with the other language's separator: 09.30 in English, 09:30 in Turkish.
WRONG = {"en": re.compile(r"(?<![\d.,])([01]\d|2[0-3])\.[0-5]\d(?![\d.,])"),
         "tr": re.compile(r"(?<![\d:])([01]\d|2[0-3]):[0-5]\d(?!\d)")}


def _leaves(node: object, where: str) -> Iterator[tuple[str, str, str]]:
    """(place, language, text) of every {en:, tr:} leaf."""
    if isinstance(node, dict):
        if set(node) == {"en", "tr"}:
            for lang in ("en", "tr"):
                for text in node[lang] if isinstance(node[lang], list) else [node[lang]]:
                    yield where, lang, str(text)
            return
        for key, value in node.items():
            yield from _leaves(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _leaves(value, f"{where}[{i}]")


@pytest.mark.parametrize("file", sorted(STRINGS.glob("*.yaml")), ids=lambda p: p.name)
def test_document_strings_write_times_in_the_language_s_way(file: Path) -> None:
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    wrong = [f"{where} ({lang}): {text}" for where, lang, text in _leaves(data, file.stem)
             if WRONG[lang].search(text)]
    assert wrong == []


def test_the_check_sees_both_mistakes() -> None:
    assert WRONG["en"].search("decides at 17.00 at the latest")
    assert WRONG["tr"].search("saat 17:00'de")
    assert not WRONG["en"].search("at 17:00, 2.50 EUR, 12.500.000")
    assert not WRONG["tr"].search("saat 17.00, 12.500.000 TL, %40")
