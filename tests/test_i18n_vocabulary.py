"""One English term, one Turkish translation: the CLI catalog, the web catalog and the document
strings (templates/strings) use the vocabulary of templates/strings/common.yaml (issue 12.2)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import yaml
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
VOCABULARY_SECTIONS = ("priority", "compliance", "criterion", "licence")
CATALOGS = [ROOT / "crmselect" / "locale" / "tr" / "LC_MESSAGES" / "crmselect.po",
            ROOT / "web" / "translations" / "tr" / "LC_MESSAGES" / "messages.po"]


def _fold(text: str) -> str:
    return text.strip().rstrip(".").casefold()


def _vocabulary() -> dict[str, str]:
    common = yaml.safe_load((ROOT / "templates" / "strings" / "common.yaml").read_text("utf-8"))
    terms: dict[str, str] = {}
    for section in VOCABULARY_SECTIONS:
        for entry in (common.get(section) or {}).values():
            if isinstance(entry, dict) and "en" in entry and "tr" in entry:
                terms[_fold(entry["en"])] = entry["tr"]
    return terms


def _pairs() -> list[tuple[str, str, str]]:
    pairs = []
    for path in CATALOGS:
        with path.open("rb") as handle:
            for message in read_po(handle):
                if message.id and isinstance(message.id, str) and message.string:
                    pairs.append((path.name, message.id, message.string))
    def walk(name: str, node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("en"), str) and isinstance(node.get("tr"), str):
                pairs.append((name, node["en"], node["tr"]))
            for value in node.values():
                walk(name, value)
        elif isinstance(node, list):
            for value in node:
                walk(name, value)

    for path in sorted((ROOT / "templates" / "strings").glob("*.yaml")):
        walk(path.name, yaml.safe_load(path.read_text("utf-8")))
    return pairs


def test_vocabulary_terms_have_one_turkish_translation_everywhere():
    vocabulary = _vocabulary()
    assert len(vocabulary) > 10
    seen: dict[str, set[str]] = defaultdict(set)
    for where, english, turkish in _pairs():
        if _fold(english) in vocabulary:
            seen[_fold(english)].add(f"{_fold(turkish)} ({where})")
    drift = {term: sorted(found) for term, found in seen.items()
             if len({f.rsplit(' (', 1)[0] for f in found}) > 1}
    assert not drift, drift


def test_review_rows_55_78_80_terms():
    with CATALOGS[1].open("rb") as handle:
        web = {m.id: m.string for m in read_po(handle) if isinstance(m.id, str)}
    assert web["Could"] == "İsteğe bağlı" and web["Won't"] == "Bu kapsamda değil"
    assert web["Functional fit"] == "Fonksiyonel uyum"
    assert web["Perpetual licence"] == "Kalıcı lisans"
    assert web["Implementation"] == "Kurulum ve uyarlama"


def test_implementation_data_migration_and_perpetual_read_one_way_everywhere():
    """Review row 55: "Kurulum ve uyarlama", "Veri aktarımı", "Kalıcı lisans" in the CLI
    catalog, the web catalog and the document strings alike."""
    expected = {"implementation": "kurulum ve uyarlama", "data migration": "veri aktarımı",
                "perpetual licence": "kalıcı lisans"}
    for where, english, turkish in _pairs():
        for term, word in expected.items():
            if _fold(english).startswith(term):
                assert word in _fold(turkish), (where, english, turkish)


def test_test_drive_reads_uygulamali_demo_everywhere():
    """One Turkish term for "test drive" (glossary): "uygulamalı demo"; "test sürüşü" only in
    parentheses after it (first use in a document), never on its own."""
    import re

    for where, english, turkish in _pairs():
        text = " ".join(turkish) if isinstance(turkish, list | tuple) else turkish
        text = " ".join(text.split())
        if re.search(r"\btest[ -]drive", " ".join(english) if isinstance(english, list | tuple)
                     else english, re.IGNORECASE):
            assert "demo" in text.casefold(), (where, english, turkish)
        bare = text.replace("(test sürüşü)", "")
        assert "test sürüş" not in bare.casefold().replace("İ", "i"), (where, english, turkish)

def test_compiled_crmselect_catalog_is_current():
    """The committed crmselect.mo holds exactly the .po (run ``pybabel compile -d
    crmselect/locale -D crmselect``)."""
    from babel.messages.mofile import read_mo

    def texts(catalog) -> dict:
        def plain(x):
            return tuple(x) if isinstance(x, list | tuple) else x
        return {(m.context, plain(m.id)): plain(m.string) for m in catalog if m.id}

    with CATALOGS[0].open("rb") as handle:
        source = read_po(handle)
    with CATALOGS[0].with_suffix(".mo").open("rb") as handle:
        compiled = read_mo(handle)
    assert texts(compiled) == texts(source)
