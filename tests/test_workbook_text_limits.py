"""A cell text longer than any spreadsheet program saves (crmselect/responseimport.py,
``MAX_TEXT_BYTES``): a small package that unpacks to one huge text is refused before openpyxl
holds it, naming the part, and a long header text is quoted shortened in its message."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rendered import english

from crmselect import responseimport as response_import
from crmselect.errors import CrmselectError
from crmselect.responseimport import import_responses


def _rewrite(path: Path, out: Path, member: str, change) -> Path:
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info.filename, change(data) if info.filename == member else data)
    return out


def _requirements_part(path: Path) -> str:
    wb = load_workbook(path, read_only=True)
    index = wb.sheetnames.index("Requirements")
    wb.close()
    return f"xl/worksheets/sheet{index + 1}.xml"


@pytest.mark.parametrize("size", [5_000, 3 * (1 << 20) + 17], ids=["one-chunk", "over-chunks"])
def test_a_cell_text_longer_than_excel_allows_is_refused_naming_the_part(
        small, workbook, tmp_path, monkeypatch, size):
    monkeypatch.setattr(response_import, "MAX_TEXT_BYTES", 4_096)
    part = _requirements_part(workbook)
    bad = _rewrite(workbook, tmp_path / "long.xlsx", part, lambda data: data.replace(
        b"<t>Id</t>", b"<t>" + b"A" * size + b"</t>", 1))
    with pytest.raises(CrmselectError) as info:
        import_responses(small, bad, "odoo")
    [issue] = info.value.issues
    assert issue.where == part
    assert "a text of more than 4 KB between two tags" in english(issue.message)
    assert not (small / "responses" / "odoo.yaml").exists()


def test_a_text_just_under_the_limit_is_read_as_a_cell(small, workbook, tmp_path, monkeypatch):
    monkeypatch.setattr(response_import, "MAX_TEXT_BYTES", 4_096)
    part = _requirements_part(workbook)
    ok = _rewrite(workbook, tmp_path / "note.xlsx", part, lambda data: data.replace(
        b"<t>Id</t>", b"<t>" + b"A" * 3_000 + b"</t>", 1))
    with pytest.raises(CrmselectError) as info:  # the header is wrong, the text was read
        import_responses(small, ok, "odoo")
    messages = [english(issue.message) for issue in info.value.issues]
    assert any("AAAA…" in m for m in messages), messages
    assert all(len(m) < 400 for m in messages), messages


def test_the_default_limit_admits_excels_longest_cell():
    # 32,767 characters, each saved as at most 8 bytes (an escape such as _x000B_)
    assert response_import.MAX_TEXT_BYTES >= 32_767 * len("_x000B_")
