"""User text in output (crmselect/textsafety.py): control characters escaped so no line can be
forged, Turkish letters kept, long values shortened with an ellipsis, spreadsheet cells that can
neither start a formula nor exceed what Excel holds.
"""

from __future__ import annotations

import pytest
from clirun import run

from crmselect.textsafety import safe_cell, shortened


@pytest.mark.parametrize("text", ["x" * 40_000, "=" + "x" * 40_000])
def test_text_longer_than_an_excel_cell_is_cut_not_written_whole(text):
    cell = safe_cell(text)
    assert len(cell) == 32_767 and cell.endswith("…")
    assert not cell.startswith("=")


def test_printable_escapes_controls_and_keeps_turkish_text():
    from crmselect.textsafety import printable

    assert printable("Ayşe\tÇelik\r\nİğdır\u2028\u202e") == (
        "Ayşe\\tÇelik\\r\\nİğdır\\u2028\\u202e")


def test_shortened_keeps_short_text_and_marks_a_cut():
    assert shortened("abc") == "abc"
    assert shortened("a" * 61) == "a" * 59 + "…"
    assert len(shortened("a" * 100_000, 40)) == 40


def test_a_catalog_search_for_a_pasted_page_answers_in_one_short_line():
    code, err = run("catalog", "search", "ab" * 5000 + "\nError: forged")
    assert code == 1
    assert err.strip() == "no requirement matches '" + "ab" * 29 + "a…'"
    code, err = run("catalog", "search", "zz\nError: forged")
    assert err.strip() == "no requirement matches 'zz\\nError: forged'"
