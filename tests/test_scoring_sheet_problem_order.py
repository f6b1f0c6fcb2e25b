"""The problems of a scoring sheet come by sheet, then row and column as numbers: row 2's
before row 10's (they were sorted as texts, "D10" before "D2")."""

from __future__ import annotations

from openpyxl import load_workbook
from test_scoring_sheet import edit, import_errors, template


def test_problems_are_listed_by_row_number_not_as_text(basic):
    path = template(basic, "ayse")
    ws = load_workbook(path)["Requirements"]
    assert ws.max_row >= 10
    edit(path, "Requirements", {"G2": 7, "G3": 8, "G10": 9, "E10": "x"})
    errors = [e for e in import_errors(basic, path) if e.startswith("FILE: ")]
    cells = [e.split(":")[1].strip() for e in errors]
    assert cells == ["Requirements!G2", "Requirements!G3", "Requirements!E10",
                     "Requirements!G10"], errors


def test_an_error_result_in_a_note_is_named_not_imported(basic):
    path = template(basic, "ayse")
    ws = load_workbook(path)["Requirements"]
    assert ws["G1"].value.endswith("score") and ws["H1"].value.endswith("note")
    edit(path, "Requirements", {"G2": 3, "H2": "#N/A"})
    errors = [e for e in import_errors(basic, path) if e.startswith("FILE: ")]
    assert errors == ["FILE: Requirements!H2: a formula whose result is an error (#N/A) "
                      "(type the value itself)"], errors
