"""Example systems of integration requirements (Turkish review row 60).

Why: product and format names (Logo, MT940, CloudEvents) read the same in both languages, but a
descriptive example ("bank statements", "webhooks", "European Central Bank") is English text in
the Turkish RFP and migration plan; such an example is written ``{en: …, tr: …}``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import ValidationError

from crmselect.catalog import load_catalog
from crmselect.catalogsearch import searchable_text
from crmselect.cli import main
from crmselect.model import IntegrationNeed, Text, localize
from crmselect.project import load_project
from crmselect.reporting.rfp_context import build_rfp_context

BILINGUAL_EXAMPLES = {
    "INT-FIN-005": ("bank statements (MT940, camt.053)", "banka ekstreleri (MT940, camt.053)"),
    "INT-FIN-008": ("European Central Bank (ECB)", "Avrupa Merkez Bankası (ECB)"),
    "INT-API-002": ("HTTPS webhooks", "HTTPS webhook'ları"),
    "INT-API-008": ("webhooks", "webhook'lar"),
}


def _examples(rid: str) -> list[str | Text]:
    need = load_catalog().entries[rid].requirement.integration
    assert need is not None, rid
    return list(need.example_systems)


@pytest.mark.parametrize("rid, en, tr", [(k, *v) for k, v in BILINGUAL_EXAMPLES.items()])
def test_descriptive_examples_are_bilingual(rid: str, en: str, tr: str) -> None:
    examples = _examples(rid)
    assert en in [localize(x, "en") for x in examples], rid
    assert tr in [localize(x, "tr") for x in examples], rid
    assert en not in [localize(x, "tr") for x in examples], rid


def test_product_names_stay_one_text_and_bilingual_examples_differ() -> None:
    assert all(isinstance(x, str) for x in _examples("INT-FIN-004"))  # iyzico, PayTR, …
    assert "TCMB today.xml" in _examples("INT-FIN-008")
    for entry in load_catalog().entries.values():
        need = entry.requirement.integration
        for x in need.example_systems if need else []:
            if isinstance(x, Text):
                assert x.en != x.tr, (entry.requirement.id, x)


def test_an_example_is_a_name_or_both_languages() -> None:
    examples = ["MT940", {"en": "open banking", "tr": "açık bankacılık"}]
    need = IntegrationNeed(category="banking", pattern=["api"], example_systems=examples)
    assert [localize(x, "tr") for x in need.example_systems] == ["MT940", "açık bankacılık"]
    for bad in ([{"en": "open banking"}], [""], [], [{"en": "a", "tr": "b", "de": "c"}]):
        with pytest.raises(ValidationError):
            IntegrationNeed(category="banking", pattern=["api"], example_systems=bad)


def test_search_finds_an_example_in_either_language() -> None:
    text = searchable_text(load_catalog().entries["INT-FIN-008"])
    assert "avrupa merkez bankasi" in text and "european central bank" in text


@pytest.mark.parametrize("lang, shown, hidden", [
    ("en", "European Central Bank (ECB)", "Avrupa"),
    ("tr", "Avrupa Merkez Bankası (ECB)", "European"),
])
def test_catalog_show_prints_the_reader_s_language(lang: str, shown: str, hidden: str) -> None:
    out = CliRunner().invoke(main, ["catalog", "show", "INT-FIN-008", "--lang", lang])
    assert out.exit_code == 0, out.output
    assert shown in out.output and hidden not in out.output
    data = CliRunner().invoke(main, ["catalog", "show", "INT-FIN-008", "--lang", lang,
                                     "--format", "json"])
    assert shown in json.loads(data.output)["integration"]["example_systems"]


def test_the_rfp_lists_each_language_its_own_example(sample_project: Path) -> None:
    lp = load_project(sample_project)
    for lang, webhooks in (("en", "HTTPS webhooks"), ("tr", "HTTPS webhook'ları")):
        need = next(n for n in build_rfp_context(lp, lang)["integrations"]
                    if n["id"] == "INT-API-002")
        assert need["example_systems"] == [webhooks, "CloudEvents"], lang
