"""``crmselect catalog show`` (crmselect/cli/project.py) in the reader's words: area, group,
priority, phases, integration pattern and direction by their labels (the JSON keeps the codes);
in Turkish it printed "operational › sales_automation · must · acquisition". And every catalog
and vendors subcommand's --help has an example, as the README says of every command."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from crmselect.cli import main


@pytest.mark.parametrize("lang, line", [
    ("tr", "Operasyonel CRM › Satış gücü otomasyonu · Zorunlu · Müşteri edinme"),
    ("en", "Operational CRM › Sales force automation · Must · Acquisition"),
])
def test_the_headline_of_a_requirement_is_in_words(lang, line):
    out = CliRunner().invoke(main, ["catalog", "show", "OPS-SFA-001", "--lang", lang])
    assert out.exit_code == 0, out.output
    assert out.output.splitlines()[1] == line


def test_an_integration_need_shows_its_pattern_and_direction_in_turkish():
    out = CliRunner().invoke(main, ["catalog", "show", "INT-FIN-008", "--lang", "tr"])
    assert out.output.rstrip().endswith("(hazır bağlayıcı, API, dosya aktarımı, CRM'e doğru)")


def test_the_json_keeps_the_codes():
    out = CliRunner().invoke(main, ["catalog", "show", "OPS-SFA-001", "--lang", "tr",
                                    "--format", "json"])
    data = json.loads(out.output)
    assert (data["area"], data["group"], data["priority"]) == (
        "operational", "sales_automation", "must")


@pytest.mark.parametrize("command", [["catalog", "list"], ["catalog", "search"],
                                     ["catalog", "show"], ["vendors", "list"],
                                     ["vendors", "show"]])
@pytest.mark.parametrize("lang, heading", [("en", "Example:"), ("tr", "Örnek:")])
def test_every_catalog_and_vendors_subcommand_has_an_example(command, lang, heading):
    out = CliRunner().invoke(main, [*command, "--help", "--lang", lang])
    lines = out.output.splitlines()
    at = lines.index(f"  {heading}")
    assert lines[at + 1].startswith(f"    crmselect {' '.join(command)} ")
