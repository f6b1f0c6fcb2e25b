"""A scoring sheet refused for its unpacked size is not called a response workbook."""

from __future__ import annotations

import pytest
from rendered import english
from test_scoring_sheet import template

import crmselect.responseimport as responseimport
from crmselect.errors import CrmselectError
from crmselect.i18n import render
from crmselect.project import load_project
from crmselect.scoresreader import read_source


def test_an_oversized_scoring_sheet_is_named_as_one(basic, monkeypatch) -> None:
    path = template(basic, "ayse")
    monkeypatch.setattr(responseimport, "MAX_UNPACKED_BYTES", 1024)
    with pytest.raises(CrmselectError) as caught:
        read_source(path, load_project(basic))
    message = caught.value.issues[0].message
    assert "response workbook or scoring sheet is a few MB" in english(message)
    assert "yanıt çalışma kitabı ya da puanlama formu" in render(message, "tr")
