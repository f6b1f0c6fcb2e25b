"""`crmselect catalog search` lists first the requirements whose id or title the query matches,
then those that only mention it in their description (each part in catalog order)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from crmselect.catalog import load_catalog
from crmselect.catalogsearch import CatalogSearch
from crmselect.cli import main


def _ids(*args: str) -> list[str]:
    result = CliRunner().invoke(main, ["catalog", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return [e["id"] for e in json.loads(result.stdout)]


def test_title_matches_come_first() -> None:
    found = _ids("--lang", "tr", "search", "çağrı merkezi")
    finder = CatalogSearch(load_catalog(), "çağrı merkezi")
    entries = load_catalog().entries
    in_title = [rid for rid in found if finder.in_title(entries[rid])]
    assert in_title and len(in_title) < len(found)
    assert found[:len(in_title)] == in_title  # every title match before any other
    assert "INT-COM-009" in in_title and "ANA-REP-016" not in in_title
    order = list(entries)
    rest = found[len(in_title):]
    assert in_title == sorted(in_title, key=order.index)
    assert rest == sorted(rest, key=order.index)
