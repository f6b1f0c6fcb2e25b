"""The setup pages share their repeated parts through setup_macros.html (page head, form with its
hidden fields and save button, cards of rows, the weights page's method choice and AHP pairs)
instead of copies; what they render is checked by tests/test_web_setup.py."""

from __future__ import annotations

from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[1] / "web" / "templates"
PAGES = sorted(p for p in TEMPLATES.glob("setup_*.html")
               if p.name not in ("setup_base.html", "setup_macros.html"))
#: Markup that only setup_macros.html writes.
SHARED = ['<div class="page-head">', '<form method="post" class="setup-form"',
          '<p class="form-actions"><button type="submit" class="primary">',
          '<table class="rows">\n', '<fieldset class="field method">', '<table class="rows ahp">']


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_setup_pages_take_the_shared_parts_from_the_macros(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert "page_head(" in text
    assert [part for part in SHARED if part in text] == []


def test_the_macros_write_each_shared_part() -> None:
    text = (TEMPLATES / "setup_macros.html").read_text(encoding="utf-8")
    assert [part for part in SHARED if part not in text] == []
