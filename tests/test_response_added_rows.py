"""What a vendor does to the workbook's layout: a row inserted in the Pricing sheet and
comment cells merged over several requirements are named at their cells, never dropped
without a word."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from test_documents_workbook import GOOD_COMPANY, GOOD_PRICING, _fill, project  # noqa: F401

from crmselect.documents.workbook import write_workbook
from crmselect.errors import CrmselectError
from crmselect.i18n import text
from crmselect.responseimport import import_responses

ANSWERS = {"OPS-SFA-001": {"compliance": "Configurable", "comment": "Shared answer"},
           "OPS-SFA-002": {"compliance": "Configurable"},
           "OPS-SFA-003": {"compliance": "Configurable"}}


def _filled(project: Path, tmp_path: Path, change) -> Path:  # noqa: F811
    workbook = write_workbook(project, vendor="odoo").path
    filled = _fill(workbook, ANSWERS, GOOD_PRICING, GOOD_COMPANY, tmp_path / "filled.xlsx")
    wb = load_workbook(filled)
    change(wb)
    wb.save(filled)
    return filled


def _append_pricing_row(label: str, value: object):
    def change(wb) -> None:
        ws = wb["Pricing"]
        row = ws.max_row + 1
        ws.cell(row=row, column=1, value=label)
        ws.cell(row=row, column=2, value=value)
    return change


@pytest.mark.parametrize("value", [5, "5.000 TL"])
def test_a_price_in_an_added_pricing_row_is_an_error_at_its_cell(
        project: Path, tmp_path: Path, value: object) -> None:  # noqa: F811
    filled = _filled(project, tmp_path, _append_pricing_row("Ekstra", value))
    with pytest.raises(CrmselectError) as caught:
        import_responses(project, filled, "odoo")
    issues = [i for i in caught.value.issues if "Ekstra" in text(i.message, "en")]
    assert len(issues) == 1 and issues[0].where.startswith("Pricing!B")
    assert "not read" in text(issues[0].message, "en")
    assert "okunmayan bir tutar" in text(issues[0].message, "tr")
    assert not (project / "responses" / "odoo.yaml").exists() or "Ekstra" not in (
        project / "responses" / "odoo.yaml").read_text(encoding="utf-8")


def test_an_added_pricing_row_without_an_amount_is_a_warning(
        project: Path, tmp_path: Path) -> None:  # noqa: F811
    filled = _filled(project, tmp_path, _append_pricing_row("Ekstra", "ask us"))
    result = import_responses(project, filled, "odoo")
    found = [w for w in result.warnings if "Ekstra" in text(w.message, "en")]
    assert len(found) == 1 and found[0].where.startswith("Pricing!A")
    assert "sayfaya sonradan eklenmiş" in text(found[0].message, "tr")


def test_merged_comment_cells_are_a_warning_at_the_range(
        project: Path, tmp_path: Path) -> None:  # noqa: F811
    def merge(wb) -> None:
        ws = wb["Requirements"]
        column = next(c.column_letter for c in ws[1] if c.value == "Comment")
        ws.merge_cells(f"{column}2:{column}4")

    filled = _filled(project, tmp_path, merge)
    result = import_responses(project, filled, "odoo")
    found = [w for w in result.warnings if "merged" in text(w.message, "en")]
    assert len(found) == 1 and found[0].where.startswith("Requirements!") \
        and found[0].where.endswith("2:" + found[0].where.split(":")[-1])
    english = text(found[0].message, "en")
    assert "rows 2–4" in english and "only row 2 (OPS-SFA-001)" in english and "3–4" in english
    assert "birleştirilmiş" in text(found[0].message, "tr")
