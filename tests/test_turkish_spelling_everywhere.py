"""The Turkish review's spelling and wording rules hold beyond the catalog: in the document strings
(templates/strings), both gettext catalogs (CLI and web), the bundled vendor profiles and the
sample project's responses (issue 12; review rows 32, 34, 35, 40-41, 44, 47, 49, 62).

tests/test_catalog_content.py checks the catalog itself; this file reads every other Turkish
text a client sees, so that a fix made in one place is not undone in another.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
#: libyaml's loader when available: the vendor profiles are large.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: pattern → the rule, as the review and the catalog's own policy write it.
RULES = {
    r"\b[A-ZÇĞİÖŞÜ][a-zçğıöşü]+'l[ıiuü]\b": "no apostrophe before a derivational suffix (Bursalı)",
    r"\bKPI'(ın|ı|a)\b": "KPI'nın, KPI'yı, KPI'ya",
    r"\b[Dd]ahil(?![iî])": "dâhil, with the circumflex (as şikâyet, zekâ)",
    r"\b[Dd]ahil[iî]": "dâhilî",
    r"\b[Hh]al(inde|ine|e|iyle)\b": "hâlinde, hâline, hâle, hâliyle",
    r"\b([Rr]esmi|[Dd]ini)\b": "resmî, dinî (adjectives)",
    r"çevrim içinde": "internette / çevrim içi (no locative)",
    r"\}\s*kadar(ı|ın|ını|ında)\b": "'{share} oranında' / '%98'i', not '%98 kadarı'",
    r"kişilerce": "değerlendiricilerce (who checked it)",
    r"parmak iz": "özet değeri (hash) for a fingerprint of data",
    r"eforu gün": "iş gücünü adam-gün olarak",
    r"\b\d{2}:\d{2}\b": "times are written 09.30 in Turkish prose",
    r"\bN11\b": "the brand is written n11",
    r"İletimerkezi": "the brand is written İleti Merkezi",
    r"\bWeb'(den|de|e)\b": "webden, webde (a common noun)",
    r"yayınlan": "a document is yayımlanır",
    r"İşbirlikçi|\bişbirliğ": "iş birliği (TDK)",
    r"\bTRY\b": "TL in Turkish prose; TRY only where an ISO code is asked for",
    r"\b[Pp]azar yer": "pazaryeri, written as one word (as the catalog)",
    r"zaman çizelgesi": "takvim (a schedule) or zaman akışı (a record's activity timeline)",
}

#: Turkish texts in which a rule's pattern is right: input formats the software parses.
ALLOWED = ("SS:DD", "14:30:00", "17:00 gibi", "ISO kodu, ör. TRY", "EUR veya TRY gibi")


def _yaml_turkish(path: Path) -> list[tuple[str, str]]:
    """(where, text) for every Turkish leaf ({en, tr}.tr) of a YAML file."""
    found: list[tuple[str, str]] = []

    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("tr"), str):
                found.append((where, node["tr"]))
            for key, value in node.items():
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}[{i}]")

    walk(yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER), path.name)
    return found


def _po_turkish(path: Path) -> list[tuple[str, str]]:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    found = []
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            if message.id and text:
                found.append((f"{path.name} {message.context or message.id!r}", text))
    return found


def _yaml_folder(folder: Path) -> list[tuple[str, str]]:
    return [t for path in sorted(folder.glob("*.yaml")) for t in _yaml_turkish(path)]


SOURCES = {
    "templates/strings": lambda: _yaml_folder(ROOT / "templates" / "strings"),
    "vendors": lambda: _yaml_folder(ROOT / "vendors"),
    "sample responses": lambda: _yaml_folder(ROOT / "crmselect" / "sample_project" / "responses"),
    "crmselect.po": lambda: _po_turkish(ROOT / "crmselect" / "locale" / "tr" / "LC_MESSAGES"
                                        / "crmselect.po"),
    "messages.po": lambda: _po_turkish(ROOT / "web" / "translations" / "tr" / "LC_MESSAGES"
                                       / "messages.po"),
}


def spelling_problems(texts: list[tuple[str, str]]) -> list[str]:
    problems = []
    for where, text in texts:
        for allowed in ALLOWED:
            text = text.replace(allowed, "")
        for pattern, rule in RULES.items():
            match = re.search(pattern, text)
            if match:
                problems.append(f"{where}: {match.group(0)!r} → {rule}")
    return problems


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_turkish_texts_follow_the_review_spelling(source: str) -> None:
    texts = SOURCES[source]()
    assert len(texts) > 20, source  # the source was read
    assert spelling_problems(texts) == []


@pytest.mark.parametrize(("text", "found"), [
    ("Testlere dahil edin.", "'dahil'"),
    ("Portal ya da dahili kullanıcılar", "'dahili'"),
    ("Salt okunur hale getirin.", "'hale'"),
    ("Türkiye'deki resmi ve dini bayramlar", "'resmi'"),
    ("Odoo simülasyonların {p} kadarında birinci", "'} kadarında'"),
    ("ağırlığın %98'i kişilerce doğrulandı", "'kişilerce'"),
    ("ayarların parmak izini taşımıyor", "'parmak iz'"),
    ("pazartesi 08:00'de gönderilir", "'08:00'"),
    ("Trendyol, Hepsiburada ve N11", "'N11'"),
    ("Netgsm ve İletimerkezi üzerinden", "'İletimerkezi'"),
    ("Web'den geri arama", '"Web\'den"'),
    ("Bursa'lı bir müşteri", '"Bursa\'lı"'),
    ("RFP'nin yayınlanması", "'yayınlan'"),
    ("TRY fiyatı yoktur", "'TRY'"),
    ("bir pazar yeri iş ortağı", "'pazar yer'"),
    ("Kurulum: bütçe ve zaman çizelgesi", "'zaman çizelgesi'"),
])
def test_the_spelling_check_finds_each_rule(text: str, found: str) -> None:
    problems = spelling_problems([("x", text)])
    assert len(problems) == 1 and problems[0].startswith(f"x: {found}"), problems


@pytest.mark.parametrize("text", [
    "Testlere dâhil edin; dâhilî hat; salt okunur hâle getirin.",
    "Resmî ve dinî bayramlar; KDV'li fiyat; Bursalı bir müşteri.",
    "Odoo simülasyonların {p} oranında birinci; %98'i değerlendiricilerce doğrulandı.",
    "Pazartesi 08.00'de; 09.30–14.55; webden geri arama; n11 siparişleri.",
    "17:00 gibi SS:DD biçiminde bir saat bekleniyordu",
])
def test_correct_turkish_passes_the_spelling_check(text: str) -> None:
    assert spelling_problems([("x", text)]) == []
