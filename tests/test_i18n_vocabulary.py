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


# --- the glossary across the catalogs (issue 12.2; review rows 27-31, 36-38, 55, 78-80) ---------

GLOSSARY = ROOT / "requirements_catalog" / "glossary.yaml"

#: Glossary terms whose English word has a second meaning in the software's own texts, with the
#: Turkish used for that meaning (the glossary's note names it).
SECOND_MEANINGS = {
    "account": "hesap",  # a person's sign-in account on the web form
    "contact": "iletişim",  # the RFP's "Contact" heading (how to reach the buyer)
    "timeline": "takvim",  # the project schedule, not a record's activity history
}

#: The review's term decisions, each settled in the glossary.
REVIEW_TERMS = {
    "test drive": "uygulamalı demo", "sales representative": "satış temsilcisi",
    "discount": "iskonto", "line item": "kalem", "timeline": "zaman akışı",
    "data migration": "veri aktarımı", "perpetual licence": "kalıcı lisans",
    "implementation (project)": "kurulum ve uyarlama", "installed base":
    "sahadaki kurulu ürünler (kurulu ürün parkı)", "collaborative CRM": "iş birliğine dayalı CRM",
    "customer retention": "müşteri tutma", "influencer": "sosyal medya fenomeni (influencer)",
    "sales playbook": "satış rehberi (playbook)", "attribution (marketing)":
    "ilişkilendirme (attribution)", "detractor (NPS)": "eleştirmen", "availability":
    "hizmet sürekliliği", "check digit": "kontrol basamağı", "data subject":
    "ilgili kişi (veri sahibi)", "reference check": "referans kontrolü", "evaluator":
    "değerlendirici", "vendor": "tedarikçi", "lead": "potansiyel müşteri",
}


def _tr_fold(text: str) -> str:
    """Lower case with Turkish casing (İ → i, I → ı), without a final full stop."""
    return text.replace("İ", "i").replace("I", "ı").lower().strip().rstrip(".")


def _glossary() -> list[dict]:
    return yaml.safe_load(GLOSSARY.read_text("utf-8"))["terms"]


def glossary_drift(pairs: list[tuple[str, str, str]], terms: list[dict]) -> list[str]:
    """Texts whose English is a glossary term on its own but whose Turkish is neither the
    glossary's word nor the term's named second meaning."""
    wanted = {_tr_fold(t["en"]): _tr_fold(t["tr"]) for t in terms}
    problems = []
    for where, english, turkish in pairs:
        if not isinstance(english, str) or not isinstance(turkish, str):
            continue
        term = _tr_fold(english)
        if term in wanted and _tr_fold(turkish) not in {wanted[term],
                                                          SECOND_MEANINGS.get(term)}:
            problems.append(f"{where}: {english!r} is {turkish!r}; glossary: {wanted[term]!r}")
    return problems


def test_a_glossary_term_reads_as_the_glossary_says_in_every_catalog():
    """One English term, one Turkish translation: wherever a glossary term stands alone as a
    text of the CLI catalog, the web catalog or the document strings (a column header, a label),
    its Turkish is the glossary's."""
    pairs = _pairs()
    found = {_tr_fold(english) for _, english, _ in pairs if isinstance(english, str)}
    assert len(found & {_tr_fold(t["en"]) for t in _glossary()}) > 25  # the check bites
    assert glossary_drift(pairs, _glossary()) == []


def test_the_drift_check_catches_a_second_translation():
    terms = [{"en": "reference check", "tr": "referans kontrolü"},
             {"en": "timeline", "tr": "zaman akışı"}]
    pairs = [("a.po", "Reference check", "Referans kontrolü"),
             ("b.yaml", "Reference check", "Referans görüşmesi"),
             ("c.po", "Timeline", "Takvim"),
             ("d.po", "Timeline", "Zaman çizelgesi")]
    assert glossary_drift(pairs, terms) == [
        "b.yaml: 'Reference check' is 'Referans görüşmesi'; glossary: 'referans kontrolü'",
        "d.po: 'Timeline' is 'Zaman çizelgesi'; glossary: 'zaman akışı'"]


def test_the_glossary_settles_the_review_terms():
    terms = {t["en"]: t["tr"] for t in _glossary()}
    assert {en: terms.get(en) for en in REVIEW_TERMS} == REVIEW_TERMS


def test_no_catalog_uses_a_word_the_glossary_avoids():
    """The glossary's avoid_tr variants (in any inflected form) appear in no Turkish text of the
    CLI catalog, the web catalog or the document strings (the catalog itself is checked in
    test_catalog_content.py)."""
    import re

    from test_catalog_content import avoided_pattern, turkish_fold

    # Placeholders, commands, option names, file names and YAML keys are code, not Turkish
    # words; a search hint shows the spellings it folds on purpose.
    code = re.compile(r"crmselect(\s+[\w.-]+)+|\{[^}]*\}|%\([^)]*\)[sd]|--?[\w-]+|<\w+>"
                      r"|[\w.-]+/[\w./-]*|\w+\.(yaml|csv|xlsx|docx)|\w+(,\w+)+|\b\w+_\w+\b"
                      r"|\b\w+:(?=\s)|`[^`]*`|'[a-z_]+'|\bvendors listesi|şikayet, sikayet")
    texts = []
    for where, _, turkish in _pairs():
        text = " ".join(turkish) if isinstance(turkish, list | tuple) else turkish
        texts.append((where, turkish_fold(code.sub(" ", text))))
    problems = []
    for term in _glossary():
        for variant in term.get("avoid_tr") or []:
            pattern = avoided_pattern(variant)
            problems += [f"{where}: '{variant}' (glossary: {term['en']} = {term['tr']})"
                         for where, text in texts if pattern.search(text)]
    assert problems == []
