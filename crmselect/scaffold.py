"""Creating project folders: a fresh one from the catalog, or a copy of the bundled sample.

Nothing here ever deletes a file; writing into a folder that already has files needs ``force``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from crmselect.atomicfile import copy_file_atomic, make_folder, write_text_atomic
from crmselect.catalog import Catalog
from crmselect.errors import CrmselectError, Issue
from crmselect.errors import msg as t
from crmselect.model import FILE_KINDS
from crmselect.resources import sample_project_dir

SCHEMA_DIR = "schemas"
GITIGNORE = (
    "# The evaluation database (password hashes, every score) and generated documents stay\n"
    "# out of git; scores travel as scores.yaml (crmselect scores pull).\n"
    "evaluation.db*\n"
    "out/\n"
)


def write_gitignore(target: Path) -> list[Path]:
    """A ``.gitignore`` for the evaluation database and ``out/`` (an existing one is kept)."""
    path = target / ".gitignore"
    if path.exists():
        return []
    write_text_atomic(path, GITIGNORE)
    return [path]


def modeline(kind: str, depth: int = 0) -> str:
    """The yaml-language-server comment that lets editors complete and check a file."""
    return f"# yaml-language-server: $schema={'../' * depth}{SCHEMA_DIR}/{kind}.schema.json\n"


def json_schemas() -> dict[str, str]:
    """File kind → its JSON Schema text, generated from the models."""
    return {
        kind: json.dumps(model.model_json_schema(), indent=2, ensure_ascii=False) + "\n"
        for kind, model in FILE_KINDS.items()
    }


def write_schemas(folder: Path) -> list[Path]:
    """Write ``<kind>.schema.json`` for every file kind into ``folder``."""
    make_folder(folder)
    written = []
    for kind, text in json_schemas().items():
        path = folder / f"{kind}.schema.json"
        written.append(write_text_atomic(path, text))
    return written


def _check_target(target: Path, force: bool) -> None:
    if target.exists() and not target.is_dir():
        raise CrmselectError(Issue(file=str(target), message=t("core_not_a_folder")))
    if target.is_dir() and any(target.iterdir()) and not force:
        raise CrmselectError(Issue(
            file=str(target), message=t("core_folder_not_empty"), hint=t("core_use_force"),
        ))


#: The sample's file comments in Turkish (English line → Turkish line). The sample's texts a
#: client reads are bilingual in the files themselves ({en: …, tr: …}); only comments, and the
#: notes of the one evaluator who writes in English, are swapped when writing a Turkish sample.
_SAMPLE_COMMENTS_TR = {
    "# Sample project: a mid-size Turkish manufacturer with export customers chooses its "
    "first CRM.":
    "# Örnek proje: ihracat müşterileri olan orta ölçekli bir Türk üretici ilk CRM'ini seçiyor.",
    "  # Operational CRM: sales, marketing, service, mobile":
    "  # Operasyonel CRM: satış, pazarlama, servis, mobil",
    "  # Analytical CRM: reports, customer analytics, AI safeguards":
    "  # Analitik CRM: raporlar, müşteri analitiği, yapay zekâ güvenceleri",
    "  # Collaborative CRM: one customer view, dealers, hand-overs":
    "  # İş birliğine dayalı CRM: tek müşteri görünümü, bayiler, ekipler arası devir",
    "  # e-CRM: digital channels, export customers, self-service":
    "  # e-CRM: dijital kanallar, ihracat müşterileri, self servis",
    "  # Integrations: Logo Tiger, Microsoft 365, WooCommerce, Alotech, e-Fatura":
    "  # Entegrasyonlar: Logo Tiger, Microsoft 365, WooCommerce, Alotech, e-Fatura",
    "  # Non-functional: security, KVKK, performance, deployment, usability, vendor, "
    "localisation":
    "  # Fonksiyonel olmayan: güvenlik, KVKK, performans, kurulum modeli, kullanılabilirlik, "
    "tedarikçi, yerelleştirme",
    "# Evaluator scores of the sample project, as exported from the web form after the test "
    "drives:":
    "# Örnek projenin değerlendirici puanları; uygulamalı demolardan sonra web formundan "
    "dışa aktarıldı:",
    "# requirement scores, scenario steps (SCN-….n), reference checks, what each demo showed "
    "live,":
    "# gereksinim puanları, senaryo adımları (SCN-….n), referans kontrolleri, her demoda neyin "
    "canlı gösterildiği",
    "# and the facilitator's consensus on the widest disagreements.":
    "# ve en büyük görüş ayrılıklarında moderatörün uzlaşma kararı.",
}
_SAMPLE_NOTES_TR = {
    "Declared as standard, but the demo needed a workaround.":
    "Standart olarak beyan edildi, ama demoda geçici bir çözüm gerekti.",
    "References confirm the Logo connector works, after two months of tuning.":
    "Referanslar, Logo bağlayıcısının iki aylık ince ayardan sonra çalıştığını doğruluyor.",
    "Standard feature, checked in the admin console with our sample data.":
    "Standart özellik; yönetim konsolunda kendi örnek verimizle kontrol edildi.",
    "Works, but only through admin settings our IT team would have to own.":
    "Çalışıyor, ama yalnızca BT ekibimizin üstlenmesi gereken yönetici ayarlarıyla.",
    "Data had to be re-keyed in another screen.": "Veri başka bir ekranda yeniden girildi.",
    "Needs custom development; the effort is not in the quote yet.":
    "Özel geliştirme gerekiyor; eforu henüz teklifte yok.",
    "Not supported and no workaround offered.":
    "Desteklenmiyor, geçici bir çözüm de önerilmedi.",
    "Only one reference of our size; response times were good.":
    "Bizim ölçeğimizde yalnızca bir referans var; yanıt süreleri iyiydi.",
    "Possible by configuration; the partner set it up during the session.":
    "Yapılandırmayla mümkün; iş ortağı oturum sırasında kurdu.",
    "Reference confirmed data residency in Türkiye and the uptime reports.":
    "Referans, verinin Türkiye'de tutulduğunu ve hizmet sürekliliği raporlarını doğruladı.",
    "Shown live on the test tenant; no extra setup.":
    "Test ortamında canlı gösterildi; ek kurulum gerekmedi.",
    "Step done exactly as scripted.": "Adım senaryoda yazıldığı gibi yapıldı.",
    "Step skipped and explained on slides later.": "Adım atlandı, sonradan slaytla anlatıldı.",
    "Two reference calls; both run it self-hosted and patch it themselves.":
    "İki referansla görüşüldü; ikisi de sistemi kendi sunucularında çalıştırıp "
    "güncellemeleri kendileri yapıyor.",
    "Worked first time with our data.": "Kendi verimizle ilk denemede çalıştı.",
}
_NOTE = re.compile(r"(note: )('(?:[^']|'')*'|[^,}\n]*)")


def _yaml_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _sample_text(rel: Path, text: str, lang: str) -> str:
    """A sample file's text for a project in ``lang``: ``language:`` set, and in Turkish the
    comments and the English evaluator notes in Turkish."""
    if rel == Path("project.yaml"):
        text = re.sub(r"(?m)^language: \w+$", f"language: {lang}", text)
    if lang != "tr":
        return text
    lines = [_SAMPLE_COMMENTS_TR.get(line, line) for line in text.split("\n")]
    text = "\n".join(lines)
    if rel == Path("scores.yaml"):
        def swap(match: re.Match[str]) -> str:
            raw = match.group(2)
            value = raw[1:-1].replace("''", "'") if raw.startswith("'") else raw.strip()
            turkish = _SAMPLE_NOTES_TR.get(value)
            return match.group(1) + _yaml_quoted(turkish) if turkish else match.group(0)

        text = _NOTE.sub(swap, text)
    return text


def copy_sample(target: Path, force: bool = False, lang: str = "en") -> list[Path]:
    """Write the bundled sample project into ``target``, for a project in ``lang``: its
    bilingual texts stay bilingual, ``language:`` is ``lang`` so every document and message
    uses it, and in Turkish the file comments and evaluator notes are Turkish."""
    _check_target(target, force)
    source = sample_project_dir()
    written = []
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source)
        if path.is_dir() or "__pycache__" in rel.parts or rel.parts[0] in ("out",):
            continue
        dest = target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".yaml":
            written.append(write_text_atomic(
                dest, _sample_text(rel, path.read_text(encoding="utf-8"), lang)))
        else:
            written.append(copy_file_atomic(path, dest))
    written += write_schemas(target / SCHEMA_DIR)
    return written + write_gitignore(target)


_TEXT = {
    "en": {
        "name": "CRM selection",
        "org": "Your company",
        "intro": "# crmselect project. Edit the values, then run: crmselect validate {dir}\n"
        "# Every key is explained in schemas/project.schema.json; editors with the YAML language\n"
        "# server complete and check this file.",
        "industry": "What the company does",
        "rates": "# Project-currency units for one unit of each currency a vendor prices in "
        "(examples:\n# update them on the day you compare):",
        "users": "# Who will use the CRM: people per role and the licence type they need.\n"
        "# Roles and departments are codes (a-z, 0-9, _); documents show known ones by name\n"
        "# (sales_manager → Sales managers). Name your own in templates/strings/common.yaml:\n"
        "#   user_role: {call_centre_agent: {en: Call centre agents, tr: Çağrı merkezi "
        "temsilcileri}}",
        "tco": "# Cost score: 5 at or below the target budget, 0 at the ceiling (total over the "
        "horizon).",
        "timeline": "# Dates of the selection; the RFP and the test-drive plan show them.",
        "weights": "# Criteria weights (they are normalised to 100 %). Fix them before any vendor "
        "is scored.",
        "areas": "  # Shares of the four functional areas within 'functional' (normalised too). "
        "Equal is\n  # also the default without this line: how many requirements an area lists "
        "says how\n  # finely the catalog splits it, not how much it matters to you.",
        "evaluators": "# The people who score, e.g.:\n#  - {id: ayse, name: Ayşe Yılmaz, "
        "email: ayse@example.com, department: sales, role: facilitator}",
        "vendors": "# Vendors on the short list. Bundled profiles (crmselect vendors list): {ids}",
        "scenarios": "# Scripted test-drive scenarios from the library:\n#   {ids}",
        "reqs": "# Requirements selected from the catalog (default priorities). Delete lines you "
        "do not need;\n# change a priority with:  - {id: OPS-SFA-001, priority: must}",
    },
    "tr": {
        "name": "CRM seçimi",
        "org": "Şirketiniz",
        "intro": "# crmselect projesi. Değerleri düzenleyin, sonra çalıştırın: crmselect validate "
        "{dir}\n# Her anahtar schemas/project.schema.json dosyasında açıklanır; YAML dil "
        "sunucusu olan\n# düzenleyiciler bu dosyayı tamamlar ve denetler.",
        "industry": "Şirketin faaliyet alanı",
        "rates": "# Tedarikçilerin fiyat verdiği her para biriminin proje para birimindeki "
        "karşılığı\n# (örnek kurlar: karşılaştırmayı yaptığınız günün kurlarıyla güncelleyin):",
        "users": "# CRM'i kimler kullanacak: rol başına kişi sayısı ve gereken lisans türü.\n"
        "# Rol ve departmanlar koddur (a-z, 0-9, _; Türkçe harf olmadan); bilinenler belgelerde\n"
        "# adıyla görünür (sales_manager → Satış müdürleri). Kendi kodlarınıza ad vermek için\n"
        "# templates/strings/common.yaml dosyası yazın (her ad iki dilde):\n"
        "#   department: {cagri_merkezi: {en: Call centre, tr: Çağrı merkezi}}",
        "tco": "# Maliyet puanı: hedef bütçe ve altında 5, tavanda 0 (dönem boyunca toplam).",
        "timeline": "# Seçim sürecinin tarihleri; teklif isteği ve uygulamalı demo planında "
        "görünür.",
        "weights": "# Kriter ağırlıkları (%100'e normalize edilir). Hiçbir tedarikçi "
        "puanlanmadan önce sabitleyin.",
        "areas": "  # Dört fonksiyonel alanın 'functional' içindeki payları (bunlar da normalize "
        "edilir).\n  # Bu satır olmasa da alanlar eşit pay alır: bir alandaki gereksinim sayısı "
        "kataloğun\n  # o alanı ne kadar ayrıntılı böldüğünü gösterir, sizin için önemini "
        "değil.",
        "evaluators": "# Puanlama yapacak kişiler, örneğin:\n#  - {id: ayse, name: Ayşe Yılmaz, "
        "email: ayse@example.com, department: sales, role: facilitator}",
        "vendors": "# Kısa listedeki tedarikçiler. Hazır profiller (crmselect vendors list): {ids}",
        "scenarios": "# Kütüphanedeki senaryolu uygulamalı demolar:\n#   {ids}",
        "reqs": "# Katalogdan seçilen gereksinimler (varsayılan öncelikler). İhtiyacınız olmayan "
        "satırları silin;\n# önceliği değiştirmek için:  - {id: OPS-SFA-001, priority: must}",
    },
}


def _wrapped(ids: list[str], width: int = 90) -> str:
    """Ids separated by commas, wrapped onto ``#   `` comment lines."""
    lines, line = [], ""
    for rid in ids:
        if line and len(line) + len(rid) + 2 > width:
            lines.append(line + ",")
            line = ""
        line = f"{line}, {rid}" if line else rid
    return "\n#   ".join([*lines, line])


def scaffold_project(target: Path, catalog: Catalog, lang: str = "en",
                     force: bool = False) -> list[Path]:
    """Write a new ``project.yaml`` listing every catalog requirement, grouped and commented,
    with every other section filled with defaults or commented examples."""
    from crmselect.project import find_vendor_files

    _check_target(target, force)
    text = _TEXT[lang]
    currency = "TRY" if lang == "tr" else "EUR"
    rates = "{EUR: 37.5, USD: 34.5}" if currency == "TRY" else "{USD: 0.92, GBP: 1.17}"
    vendors = ", ".join(find_vendor_files())
    lines = [
        modeline("project"),
        text["intro"].replace("{dir}", str(target)) + "\n",
        f"name: {text['name']}\n",
        "organisation:\n",
        f"  name: {text['org']}\n",
        f"  industry: {text['industry']}\n",
        f"language: {lang}\n",
        f"currency: {currency}\n",
        text["rates"] + "\n",
        f"exchange_rates: {rates}\n",
        text["users"] + "\n",
        "users:\n",
        "  - {role: sales, count: 10, licence: standard}\n",
        "  - {role: service, count: 5, licence: standard}\n",
        text["tco"] + "\n",
        "tco:\n  horizon_years: 5\n  # target_budget: 250000\n  # ceiling: 500000\n",
        text["timeline"] + "\n",
        "# timeline: {rfp_issued: 2027-01-11, responses_due: 2027-02-05, "
        "test_drives_start: 2027-02-22,\n#            decision: 2027-03-19, go_live: 2027-09-06}\n",
        text["weights"] + "\n",
        "weights:\n  criteria: {functional: 35, integration: 15, non_functional: 10, "
        "test_drive: 15, cost: 20, references: 5}\n",
        text["areas"] + "\n",
        "  areas: {operational: 25, analytical: 25, collaborative: 25, e_crm: 25}\n",
        text["evaluators"] + "\n",
        "evaluators: []\n",
        text["vendors"].replace("{ids}", vendors) + "\n",
        "vendors: []\n",
        text["scenarios"].replace("{ids}", _wrapped(sorted(catalog.scenarios))) + "\n",
        "scenarios: []\n",
        text["reqs"] + "\n",
        "requirements:\n",
    ]
    for area in catalog.areas:
        for group in area.groups:
            entries = [e for e in catalog.entries.values()
                       if e.area == area.id and e.group == group.id]
            if not entries:
                continue
            lines.append(f"  # {area.name.get(lang)} › {group.name.get(lang)}\n")
            for entry in entries:
                req = entry.requirement
                lines.append(f"  - {req.id}  # {req.priority}: {req.title.get(lang)}\n")
    for sub in ("responses", "scenarios", "vendors"):
        make_folder(target / sub)
    project_file = target / "project.yaml"
    write_text_atomic(project_file, "".join(lines))
    return [project_file, *write_schemas(target / SCHEMA_DIR), *write_gitignore(target)]

