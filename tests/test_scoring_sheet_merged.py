"""Merged cells on an evaluator's scoring sheet: a merged range keeps the value of its first
cell only, so a score meant for several rows (or wiped out by a merge across columns) would
read as blank. Such a range over a vendor's cells is refused at the range, in the reader's
language; merges in the id and text columns are only looks and are read as before."""

from __future__ import annotations

from openpyxl import load_workbook
from test_scoring_sheet import import_errors, row_of, run, template


def _merge(path, sheet: str, *ranges: str, values: dict[str, object] | None = None) -> None:
    wb = load_workbook(path)
    for ref, value in (values or {}).items():
        wb[sheet][ref] = value
    for ref in ranges:
        wb[sheet].merge_cells(ref)
    wb.save(path)


def test_a_score_merged_over_rows_or_across_vendors_is_refused(basic):
    path = template(basic, "zeynep")
    ws = load_workbook(path)["Requirements"]
    r = row_of(ws, "INT-API-001")
    _merge(path, "Requirements", f"E{r}:E{r + 2}", f"F{r + 3}:H{r + 3}",
           values={f"E{r}": 4, f"E{r + 3}": 3, f"F{r + 3}": "fine", f"G{r + 3}": 5})
    errors = import_errors(basic, path)  # nothing written
    assert f"FILE: Requirements!E{r}:E{r + 2}: merged cells (Alpha CRM — score): a merged " \
           "range keeps one value and its other cells read as blank; unmerge the cells and " \
           "give each score, note or mark a cell of its own" in errors, errors
    assert any(e.startswith(f"FILE: Requirements!F{r + 3}:H{r + 3}: merged cells (Alpha CRM — "
                            "note, Beta CRM — score, Beta CRM — note)") for e in errors), errors
    code, _, err = run("scores", "import", basic, path, "--lang", "tr")
    assert code == 1
    assert f"Requirements!E{r}:E{r + 2}: birleştirilmiş hücreler (Alpha CRM — score): " \
           "birleştirilmiş bir aralık tek bir değer tutar" in err, err


def test_a_merged_test_drive_mark_is_refused(basic):
    path = template(basic, "zeynep")
    _merge(path, "Test-drive marks", "E3:E4", values={"E3": "live"})
    errors = import_errors(basic, path)
    assert any(e.startswith("FILE: Test-drive marks!E3:E4: merged cells (Beta CRM — shown)")
               for e in errors), errors


def test_merged_id_and_text_cells_are_read_as_before(basic):
    path = template(basic, "zeynep")
    ws = load_workbook(path)["Requirements"]
    r = row_of(ws, "INT-API-001")
    # the area column merged for looks, the requirement text over two columns of one row
    _merge(path, "Requirements", f"B{r}:B{r + 1}", f"C{r + 2}:D{r + 2}",
           values={f"E{r}": 4, f"E{r + 1}": 3})
    code, out, err = run("scores", "import", basic, path)
    assert code == 0, err
    assert "2 added" in out
