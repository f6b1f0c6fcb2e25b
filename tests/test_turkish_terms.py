"""The glossary's Turkish term for the RFP ("teklif isteme dokümanı") is the one every
Turkish text uses: messages, the web form and the project.yaml comments crmselect writes."""

from __future__ import annotations

from pathlib import Path

import yaml

from crmselect.catalog import load_catalog
from crmselect.i18n import translate
from crmselect.scaffold import scaffold_project

ROOT = Path(__file__).parent.parent
AVOID = "teklif isteğ"  # "teklif isteği", "teklif isteğinde", "teklif isteğine"


def test_the_glossary_names_the_rfp_and_avoids_the_variant():
    terms = yaml.safe_load((ROOT / "requirements_catalog" / "glossary.yaml").read_text(
        encoding="utf-8"))
    entries = terms["terms"] if isinstance(terms, dict) else terms
    rfp = next(e for e in entries if e["en"].startswith("request for proposal"))
    assert rfp["tr"].startswith("teklif isteme dokümanı") and "teklif isteği" in rfp["avoid_tr"]


def test_messages_and_web_texts_use_the_glossary_term():
    for path in (ROOT / "crmselect" / "locale" / "tr" / "LC_MESSAGES" / "crmselect.po",
                 ROOT / "web" / "translations" / "tr" / "LC_MESSAGES" / "messages.po"):
        assert AVOID not in path.read_text(encoding="utf-8").casefold(), path
    assert "teklif isteme dokümanına" in translate("compare_label", "tr")


def test_a_turkish_project_yaml_uses_the_glossary_term(tmp_path: Path):
    scaffold_project(tmp_path / "p", load_catalog(), lang="tr")
    text = (tmp_path / "p" / "project.yaml").read_text(encoding="utf-8").casefold()
    assert AVOID not in text and "teklif isteme dokümanı" in text
