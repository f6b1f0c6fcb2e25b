"""The Company sheet's "Implementation time until go-live (weeks)" as vendors type it
(crmselect/responseimport.py): the number with the unit the row asks for ("16 hafta",
"16 weeks", "12 wks.") is read; anything else is still refused with its cell."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from rendered import english
from test_responseimport_package import COL

from crmselect.documents.workbook import write_workbook
from crmselect.errors import CrmselectError
from crmselect.responseimport import import_responses


def _with_weeks(small: Path, lang: str, typed: object, out: Path) -> Path:
    wb = load_workbook(write_workbook(small, vendor="odoo", lang=lang).path)
    requirements, company = wb.worksheets[2], wb.worksheets[4]
    level = {"en": "Configurable", "tr": "Yapılandırılabilir"}[lang]
    for row in range(2, requirements.max_row + 1):
        if requirements[f"A{row}"].value:
            requirements[f"{COL['compliance']}{row}"] = level
    row = next(r for r in range(2, company.max_row + 1)
               if company[f"D{r}"].value == "implementation_weeks")
    company[f"B{row}"] = typed
    wb.save(out)
    return out


@pytest.mark.parametrize("lang, typed", [("tr", "16 hafta"), ("tr", "16 Hafta "),
                                         ("en", "16 weeks"), ("en", "16weeks"),
                                         ("en", "16 wks."), ("tr", "16"), ("en", 16)])
def test_weeks_typed_with_their_unit_are_read(small, tmp_path, lang, typed):
    filled = _with_weeks(small, lang, typed, tmp_path / "w.xlsx")
    import_responses(small, filled, "odoo")
    saved = yaml.safe_load((small / "responses" / "odoo.yaml").read_text(encoding="utf-8"))
    assert saved["implementation_weeks"] == 16


@pytest.mark.parametrize("typed", ["12-16 hafta", "hafta", "dört hafta", "16 gün"])
def test_other_texts_are_still_not_a_number(small, tmp_path, typed):
    filled = _with_weeks(small, "tr", typed, tmp_path / "w.xlsx")
    with pytest.raises(CrmselectError) as info:
        import_responses(small, filled, "odoo")
    [issue] = info.value.issues
    assert issue.where.startswith("Company!B") or issue.where.startswith("Firma!B")
    assert "is not a number" in english(issue.message)
    assert not (small / "responses" / "odoo.yaml").exists()
