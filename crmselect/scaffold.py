"""Creating project folders: a fresh one from the catalog, or a copy of the bundled sample.

Nothing here ever deletes a file; writing into a folder that already has files needs ``force``.
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from typing import Any

from crmselect.atomicfile import copy_file_atomic, make_folder, write_text_atomic
from crmselect.catalog import Catalog
from crmselect.errors import CrmselectError, Issue
from crmselect.errors import msg as t
from crmselect.model import FILE_KINDS
from crmselect.resources import sample_project_dir

SCHEMA_DIR = "schemas"
GITIGNORE = (
    "# The evaluation database (password hashes, every score) and generated documents stay\n"
    "# out of git; scores travel as scores.yaml or scores.csv (crmselect scores pull).\n"
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


#: A bound pydantic cannot place on the number itself (the number is wrapped by the check that
#: refuses true/false) is written under pydantic's name; editors read only JSON Schema's words.
_JSON_BOUNDS = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum",
                "lt": "exclusiveMaximum"}
#: Keywords whose value maps names (of fields, definitions) to schemas, not a schema itself.
_NAME_MAPS = ("properties", "patternProperties", "$defs", "definitions")


def _standard_bounds(node: Any, names: bool = False) -> Any:
    """``node`` with ``ge``/``le``/``gt``/``lt`` of every schema in it renamed to JSON Schema's
    ``minimum``/``maximum``/``exclusiveMinimum``/``exclusiveMaximum``."""
    if isinstance(node, list):
        return [_standard_bounds(item) for item in node]
    if not isinstance(node, dict):
        return node
    return {(key if names or key not in _JSON_BOUNDS else _JSON_BOUNDS[key]):
            _standard_bounds(value, names=not names and key in _NAME_MAPS)
            for key, value in node.items()}


def json_schemas() -> dict[str, str]:
    """File kind → its JSON Schema text, generated from the models."""
    return {
        kind: json.dumps(_standard_bounds(model.model_json_schema()), indent=2,
                         ensure_ascii=False) + "\n"
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
        "timeline": "# Seçim sürecinin tarihleri; teklif isteme dokümanı ve uygulamalı demo "
        "planında görünür.",
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


#: The sections of ``project.yaml`` that ``init`` writes as commented examples, each key with a
#: one-line explanation («key» is a text of :data:`_SECTION_TEXT` in the project's language).
#: ``tests/test_scaffold.py`` walks the model and fails when a field is missing here.
_ORGANISATION = """\
  # country: TR  # «country»
  # employees: 45  # «employees»
  # description: «description_example»  # «description»
  # contact: {name: Ayşe Yılmaz, email: ayse@example.com, phone: "+90 212 555 01 23"}  # «contact»
  # departments: [sales, service, finance]  # «departments»
  # channels: [phone, email, web, whatsapp]  # «channels»
  # current_systems:  # «current_systems»
  #   - {name: Logo Tiger 3, category: erp}
  #   - {name: «excel_example», category: spreadsheet, replace: true}  # «replace»
  # migrated_entities: [accounts, contacts, leads, opportunities, cases]  # «migrated»
  # migrated_entities:  # «migrated_items»
  #   [accounts, {entity: contacts, source: «excel_example», records: 11500}]
  # volumes:  # «volumes»
  #   records: {accounts: 4800, contacts: 11500, leads: 2300}  # «records»
  #   per_month: {quotes: 180, orders: 420, cases: 260}  # «per_month»
"""
_TCO = """\
  # price_formula: absolute  # «price_formula»
  # discount_rate_pct: 8  # «discount_rate»
"""
_OBJECTIVES = """\
# «objectives»
# objectives:
#   - «objective_example»
"""
_WEIGHTS = """\
  # groups: {sales_automation: 2, service_automation: 1}  # «groups»
  # requirements: {OPS-SFA-001: 3}  # «requirement_weights»
  # priority: {must: 3, should: 2, could: 1, wont: 0}  # «priority»
  # ahp:  # «ahp»
  #   criteria:
  #     items: [functional, integration, non_functional, test_drive, cost, references]
  #     matrix: [[1, 2, 3, 2, 2, 5], [1/2, 1, 2, 1, 1, 3], [1/3, 1/2, 1, 1/2, 1/2, 2],
  #              [1/2, 1, 2, 1, 1, 3], [1/2, 1, 2, 1, 1, 3], [1/5, 1/3, 1/2, 1/3, 1/3, 1]]
  #     method: eigenvector  # «ahp_method»
"""
_SELECTED = """\
  # - {id: OPS-SFA-001, priority: must, note: «req_note»}  # «req_fields»
"""
_SCORING = """\
# «scoring»
# scoring:
#   knockout_threshold: 2  # «knockout»
#   aggregation: mean  # «aggregation»
#   method: wsm  # «method»
#   disagreement_spread: 2  # «spread»
#   compliance_scores: {native: 5, configurable: 4, third_party: 3, custom: 2, roadmap: 1, none: 0}
#   unverified_discount: 0  # «unverified»
#   monte_carlo_samples: 2000  # «samples»
#   monte_carlo_concentration: 50  # «concentration»
#   seed: 42  # «seed»
"""
_EVALUATION = """\
# «evaluation»
# evaluation:
#   two_envelopes: false  # «two_envelopes»
#   conflict_of_interest: false  # «conflict»
#   show_weights_in_rfp: true  # «show_weights»
#   facilitator_scores: true  # «facilitator_scores»
#   demo_minutes_per_vendor: 180  # «demo_minutes»
"""
_EVALUATOR = """\
#  - {id: mehmet, name: Mehmet Demir, email: mehmet@example.com, role: evaluator,
#     department: service, language: tr, areas: [operational, e_crm]}  # «evaluator_fields»
"""
_KPIS = """\
# «kpis»
#   {ids}
# kpis: [win_rate, first_contact_resolution_rate]
"""
_DECISION = """\
# «decision»
# decision: {vendor: odoo, date: 2027-03-19, approved_by: «approver_example», note: «decision_note»}
"""
_RFP = """\
# «rfp»
# rfp:
#   submission_email: rfp@example.com  # «rfp_email»
#   submission_address: «rfp_address»
#   intent_to_bid_due: 2027-01-18  # «rfp_intent»
#   deadline_time: "17:00"  # «rfp_time»
#   validity_days: 90  # «rfp_validity»
#   price_lock_years: 3  # «rfp_price_lock»
#   delay_penalty_pct_per_week: 0.5  # «rfp_penalty»
#   penalty_cap_pct: 10
#   payment_plan:  # «rfp_payment»
#     - {milestone: «rfp_signing», percent: 20}
#     - {milestone: «rfp_golive», percent: 80}
#   optional_prices: [whatsapp_conversation, sms_message, storage_gb, api_calls]  # «rfp_optional»
#   sla: {availability_pct: 99.5, critical_response_hours: 1, critical_resolution_hours: 8,
#         normal_response_hours: 8, rpo_hours: 24, rto_hours: 8}  # «rfp_sla»
"""
_DOCUMENTS = """\
# «documents»
# documents:
#   version: "1.0"  # «doc_version»
#   author: Ayşe Yılmaz
#   approved_by: «approver_example»
#   approved_on: 2027-01-08
#   footer: true  # «doc_footer»
"""
_CUSTOM = """\
# «custom»
# custom_requirements:
#   - id: CUS-SRV-001  # «custom_id»
#     area: operational
#     group: service_automation  # «custom_group»
#     title: «custom_title»
#     description: «custom_description»
#     phases: [retention]  # «custom_phases»
#     priority: must
#     acceptance_criteria: [«custom_criterion»]
#     kpis: [first_contact_resolution_rate]
#     evidence: demo  # «custom_evidence»
#     topic: warranty
#     related: [OPS-SRV-001]  # «custom_related»
#     integration: {category: erp, example_systems: [Logo Tiger], pattern: [api],
#                   direction: inbound}  # «custom_integration»
"""

_SECTION_TEXT = {
    "en": {
        "country": "ISO country code",
        "employees": "people in the organisation",
        "description": "who you are, in one paragraph the RFP shows vendors",
        "description_example": "We make industrial pumps and sell them through dealers",
        "contact": "who vendors write to",
        "departments": "codes (a-z, 0-9, _)",
        "channels": "where customers reach you",
        "current_systems": "systems the CRM must live with; category: erp, telephony, …",
        "excel_example": "Excel customer lists",
        "replace": "replace: true if the CRM replaces it",
        "migrated": "what moves into the CRM",
        "volumes": "how much you hold and handle (sizing, pricing, migration)",
        "records": "records today per entity",
        "per_month": "transactions per month",
        "price_formula": "absolute (budget to ceiling) or relative (cheapest bid scores 5)",
        "discount_rate": "% per year: costs are discounted to present value",
        "objectives": "Business objectives the RFP states (one line each):",
        "objective_example": "One customer view for sales and service",
        "groups": "weight of a group within its area",
        "requirement_weights": "weight of one requirement (instead of its priority's)",
        "priority": "weight of each priority",
        "ahp": "pairwise comparisons instead of direct weights (crmselect ahp)",
        "ahp_method": "eigenvector, geometric or approximate",
        "scoring": "How scores are combined (the defaults are shown):",
        "knockout": "a must below this score knocks the vendor out",
        "aggregation": "mean or median of the evaluators' scores",
        "method": "wsm (weighted sum) or topsis",
        "spread": "score spread that flags a disagreement",
        "unverified": "share of a declared score removed when not verified",
        "samples": "Monte Carlo runs of the sensitivity analysis",
        "concentration": "how tightly the simulated weights stay near yours",
        "seed": "random seed, so that every run gives the same result",
        "evaluation": "How the evaluation is run (the defaults are shown):",
        "two_envelopes": "price opened only after the functional scores",
        "conflict": "evaluators declare conflicts of interest",
        "show_weights": "the RFP shows the criteria weights",
        "facilitator_scores": "the facilitator scores too (default: when given areas)",
        "demo_minutes": "length of each test drive",
        "evaluator_fields": "role: facilitator, evaluator or observer; areas: empty = all",
        "kpis": "Success metrics the RFP and the report follow (crmselect kpi list):",
        "decision": "The decision, once made (crmselect status shows it):",
        "approver_example": "Board of directors",
        "decision_note": "Best fit within budget",
        "documents": "The version and approval block on every document's cover:",
        "doc_version": "in quotes",
        "doc_footer": "end each document with the 'generated with crmselect' line",
        "migrated_items": "or items naming the source system and the record count",
        "rfp": "The RFP's logistics and contract terms (every field optional; defaults shown):",
        "rfp_email": "where responses are sent (default: the contact)",
        "rfp_address": "Ege Endüstri, Kemalpaşa OSB, İzmir",
        "rfp_intent": "vendors confirm they bid and sign the NDA by then",
        "rfp_time": "hour of the response deadline, Turkey time",
        "rfp_validity": "days the offer stays valid",
        "rfp_price_lock": "years unit prices stay fixed (default: the TCO horizon)",
        "rfp_penalty": "delay penalty per week and its cap, % of the contract",
        "rfp_payment": "instalments of the one-off costs; they add up to 100",
        "rfp_signing": "Contract signed",
        "rfp_golive": "Go-live",
        "rfp_optional": "unit prices asked for beside the offer",
        "rfp_sla": "service levels asked for",
        "custom": "Requirements of your own, beside the catalog's:",
        "custom_id": "CUS-<group code>-<number>",
        "custom_group": "a group of that area (crmselect catalog)",
        "custom_title": "Warranty claims from dealers",
        "custom_description": "Dealers file warranty claims that service approves",
        "custom_phases": "selection, acquisition, retention or deepening",
        "custom_criterion": "A dealer files a claim with photos",
        "custom_evidence": "demo, or document when only paper can prove it",
        "custom_related": "catalog requirements that overlap",
        "custom_integration": "for an integration requirement",
        "users_department": "  # A role may name its department:",
        "req_note": "Also for dealers",
        "req_fields": "a note for vendors; priority: must, should, could or wont",
    },
    "tr": {
        "country": "ISO ülke kodu",
        "employees": "kuruluştaki çalışan sayısı",
        "description": "kim olduğunuz; teklif isteme dokümanı tedarikçilere bu paragrafı gösterir",
        "description_example": "Endüstriyel pompa üretip bayiler aracılığıyla satıyoruz",
        "contact": "tedarikçilerin yazacağı kişi",
        "departments": "kodlar (a-z, 0-9, _)",
        "channels": "müşterilerin size ulaştığı kanallar",
        "current_systems": "CRM'in birlikte çalışacağı sistemler; category: erp, telephony, …",
        "excel_example": "Excel müşteri listeleri",
        "replace": "CRM onun yerini alacaksa replace: true",
        "migrated": "CRM'e taşınacak veriler",
        "volumes": "tuttuğunuz ve işlediğiniz hacim (boyutlandırma, fiyat, veri aktarımı)",
        "records": "varlık başına bugünkü kayıt sayısı",
        "per_month": "aylık işlem sayısı",
        "price_formula": "absolute (bütçeden tavana) ya da relative (en ucuz teklif 5 alır)",
        "discount_rate": "yıllık %: maliyetler bugünkü değere indirgenir",
        "objectives": "Teklif isteme dokümanında yer alan iş hedefleri (her biri bir satır):",
        "objective_example": "Satış ve servis için tek müşteri görünümü",
        "groups": "bir grubun kendi alanı içindeki ağırlığı",
        "requirement_weights": "tek bir gereksinimin ağırlığı (önceliğininki yerine)",
        "priority": "her önceliğin ağırlığı",
        "ahp": "doğrudan ağırlıklar yerine ikili karşılaştırmalar (crmselect ahp)",
        "ahp_method": "eigenvector, geometric ya da approximate",
        "scoring": "Puanların nasıl birleştirileceği (varsayılanlar gösterilmiştir):",
        "knockout": "bu puanın altında kalan zorunlu gereksinim tedarikçiyi eler",
        "aggregation": "değerlendirici puanlarının ortalaması (mean) ya da medyanı (median)",
        "method": "wsm (ağırlıklı toplam) ya da topsis",
        "spread": "görüş ayrılığı sayılan puan farkı",
        "unverified": "doğrulanmayan beyan puanından düşülen pay",
        "samples": "duyarlılık analizindeki Monte Carlo deneme sayısı",
        "concentration": "benzetimdeki ağırlıkların sizinkilere ne kadar yakın kalacağı",
        "seed": "rastgelelik tohumu; her çalıştırma aynı sonucu verir",
        "evaluation": "Değerlendirmenin nasıl yürütüleceği (varsayılanlar gösterilmiştir):",
        "two_envelopes": "fiyat, fonksiyonel puanlardan sonra açılır",
        "conflict": "değerlendiriciler çıkar çatışmalarını beyan eder",
        "show_weights": "teklif isteme dokümanı kriter ağırlıklarını gösterir",
        "facilitator_scores": "moderatör de puan verir (varsayılan: alan verilmişse)",
        "demo_minutes": "her uygulamalı demonun süresi",
        "evaluator_fields": "role: facilitator, evaluator ya da observer; areas: boş = hepsi",
        "kpis": "Teklif isteme dokümanı ve raporun izlediği başarı ölçütleri (crmselect kpi list):",
        "decision": "Karar verildiğinde (crmselect status gösterir):",
        "approver_example": "Yönetim kurulu",
        "decision_note": "Bütçe içinde en uygun çözüm",
        "documents": "Her dokümanın kapağındaki sürüm ve onay bloğu:",
        "doc_version": "tırnak içinde",
        "doc_footer": "dokümanlar 'crmselect ile oluşturuldu' satırıyla bitsin",
        "migrated_items": "ya da kaynak sistemi ve kayıt sayısını belirten kalemler",
        "rfp": "Teklif isteminin teslim ve sözleşme koşulları "
               "(hepsi isteğe bağlı; varsayılanlar gösterildi):",
        "rfp_email": "tekliflerin gönderileceği adres (varsayılan: iletişim kişisi)",
        "rfp_address": "Ege Endüstri, Kemalpaşa OSB, İzmir",
        "rfp_intent": "tedarikçiler bu tarihe kadar teklif vereceklerini bildirip "
                      "gizlilik sözleşmesini imzalar",
        "rfp_time": "son teslim saati, Türkiye saati",
        "rfp_validity": "teklifin geçerlilik süresi (gün)",
        "rfp_price_lock": "birim fiyatların sabit kalacağı yıl sayısı (varsayılan: TCO ufku)",
        "rfp_penalty": "haftalık gecikme cezası ve üst sınırı, sözleşme bedelinin %'si",
        "rfp_payment": "tek seferlik maliyetlerin ödeme planı; toplamı 100 olmalı",
        "rfp_signing": "Sözleşmenin imzalanması",
        "rfp_golive": "Canlıya geçiş",
        "rfp_optional": "teklifin yanında istenen birim fiyatlar",
        "rfp_sla": "istenen hizmet seviyeleri",
        "custom": "Kataloğun yanında kendi gereksinimleriniz:",
        "custom_id": "CUS-<grup kodu>-<numara>",
        "custom_group": "o alanın bir grubu (crmselect catalog)",
        "custom_title": "Bayilerden garanti talepleri",
        "custom_description": "Bayiler garanti talebi açar, servis onaylar",
        "custom_phases": "selection, acquisition, retention ya da deepening",
        "custom_criterion": "Bayi fotoğraflı bir talep açar",
        "custom_evidence": "demo; yalnızca belgeyle kanıtlanabiliyorsa document",
        "custom_related": "örtüşen katalog gereksinimleri",
        "custom_integration": "bir entegrasyon gereksinimi için",
        "users_department": "  # Bir rol departmanını da belirtebilir:",
        "req_note": "Bayiler için de",
        "req_fields": "tedarikçilere not; priority: must, should, could ya da wont",
    },
}
_PLACEHOLDER = re.compile(r"«(\w+)»")


def _section(template: str, text: dict[str, str]) -> str:
    """A commented section of ``project.yaml`` with its explanations in the project's language."""
    lang = "tr" if text is _TEXT["tr"] else "en"
    return _PLACEHOLDER.sub(lambda m: _SECTION_TEXT[lang][m.group(1)], template)


def _wrapped(ids: list[str], width: int = 90) -> str:
    """Ids separated by commas, wrapped onto ``#   `` comment lines."""
    lines, line = [], ""
    for rid in ids:
        if line and len(line) + len(rid) + 2 > width:
            lines.append(line + ",")
            line = ""
        line = f"{line}, {rid}" if line else rid
    return "\n#   ".join([*lines, line])


def _shell_word(path: Path) -> str:
    """The folder as one word of a shell command, to copy from the comment (spaces quoted;
    a line break shown as ? so that it cannot end the comment line)."""
    return shlex.quote(re.sub(r"[\x00-\x1f\x7f]", "?", str(path)))


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
        text["intro"].replace("{dir}", _shell_word(target)) + "\n",
        f"name: {text['name']}\n",
        "organisation:\n",
        f"  name: {text['org']}\n",
        f"  industry: {text['industry']}\n",
        _section(_ORGANISATION, text),
        f"language: {lang}\n",
        f"currency: {currency}\n",
        text["rates"] + "\n",
        f"exchange_rates: {rates}\n",
        text["users"] + "\n",
        "users:\n",
        "  - {role: sales, count: 10, licence: standard}\n",
        "  - {role: service, count: 5, licence: standard}\n",
        _SECTION_TEXT[lang]["users_department"] + "\n",
        "  # - {role: sales_manager, count: 2, licence: standard, department: sales}\n",
        text["tco"] + "\n",
        "tco:\n  horizon_years: 5\n  # target_budget: 250000\n  # ceiling: 500000\n",
        _section(_TCO, text),
        text["timeline"] + "\n",
        "# timeline: {rfp_issued: 2027-01-11, questions_due: 2027-01-22, "
        "responses_due: 2027-02-05,\n#            test_drives_start: 2027-02-22, "
        "test_drives_end: 2027-03-05, decision: 2027-03-19,\n#            contract: 2027-04-02, "
        "kickoff: 2027-04-12, go_live: 2027-09-06}\n",
        _section(_OBJECTIVES, text),
        text["weights"] + "\n",
        "weights:\n  criteria: {functional: 35, integration: 15, non_functional: 10, "
        "test_drive: 15, cost: 20, references: 5}\n",
        text["areas"] + "\n",
        "  areas: {operational: 25, analytical: 25, collaborative: 25, e_crm: 25}\n",
        _section(_WEIGHTS, text),
        _section(_SCORING, text),
        _section(_EVALUATION, text),
        text["evaluators"].split("\n")[0] + "\n",
        "evaluators: []\n",
        text["evaluators"].split("\n", 1)[1] + "\n",
        _section(_EVALUATOR, text),
        text["vendors"].replace("{ids}", vendors) + "\n",
        "vendors: []\n",
        text["scenarios"].replace("{ids}", _wrapped(sorted(catalog.scenarios))) + "\n",
        "scenarios: []\n",
        _section(_KPIS, text).replace("{ids}", _wrapped(sorted(catalog.kpis))),
        _section(_DECISION, text),
        _section(_RFP, text),
        _section(_DOCUMENTS, text),
        _section(_CUSTOM, text),
        text["reqs"] + "\n",
        "requirements:\n",
        _section(_SELECTED, text),
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

