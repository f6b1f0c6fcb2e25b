"""Two projects that are not the sample, for the tests of the documents a new company gets
(tests/test_report_new_company.py): a Turkish private-school chain choosing a CRM for enrolment
and parent communication (language tr, five vendors, one priced in USD with a rate per year, a
knock-out failure, two envelopes, codes of its own with their labels), and an English firm
with two vendors.

Why crafted: the sample project is what every earlier check looked at; a new company brings
its own departments, roles, channels and data, and its documents were never read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

SCHOOL_REQUIREMENTS: list[Any] = [
    "OPS-SFA-001", "OPS-SFA-002", "OPS-SFA-003", "OPS-SFA-005", "OPS-SFA-016",
    "OPS-MKT-001", "OPS-MKT-003", "OPS-MKT-005", "OPS-MKT-010", "OPS-MKT-015",
    "OPS-SRV-001", "OPS-SRV-013", {"id": "ECR-CHN-004", "priority": "must"}, "ECR-WEB-012",
    {"id": "COL-360-005", "priority": "must"}, "COL-360-001", "ANA-REP-003", "ANA-REP-008",
    "INT-FIN-001", "INT-MKT-003", "INT-COM-002", "NFR-PRV-001", "NFR-PRV-003",
    "NFR-PRV-006", "NFR-UX-004", "NFR-SEC-002", "NFR-LOC-005",
]
SCHOOL_SCENARIOS = ["SCN-LEAD2DEAL", "SCN-CAMPAIGN", "SCN-WHATSAPP", "SCN-KVKK"]
STEPS = {"SCN-LEAD2DEAL": 6, "SCN-CAMPAIGN": 6, "SCN-WHATSAPP": 3, "SCN-KVKK": 4}

VENDORS = {
    "okulcrm": "OkulCRM Eğitim Yazılımları",
    "campusone": "CampusOne Admissions Cloud",
    "egitimbulut": "EğitimBulut CRM",
    "kayitpro": "KayıtPro",
    "genelcrm": "Genel CRM Yazılım A.Ş.",
}
#: Each vendor's answer to every requirement, except those listed in ``_EXCEPTIONS``.
_DEFAULT = {"okulcrm": "native", "campusone": "native", "egitimbulut": "configurable",
            "kayitpro": "configurable", "genelcrm": "configurable"}
_EXCEPTIONS: dict[str, dict[str, dict[str, Any]]] = {
    "okulcrm": {"INT-FIN-001": {"compliance": "custom", "custom_effort_days": 12},
                "CUS-ENR-001": {"compliance": "native"}},
    "campusone": {"NFR-UX-004": {"compliance": "roadmap", "roadmap_date": "2027-09-01"},
                  "NFR-PRV-006": {"compliance": "configurable"},
                  "INT-FIN-001": {"compliance": "third_party",
                                  "third_party_product": "Logo Connector (partner)",
                                  "third_party_cost_per_year": 1200}},
    "egitimbulut": {"CUS-ENR-001": {"compliance": "custom", "custom_effort_days": 20}},
    # no WhatsApp at all: a must below the knock-out threshold
    "kayitpro": {"ECR-CHN-004": {"compliance": "none"},
                 "COL-360-005": {"compliance": "roadmap", "roadmap_date": "2027-12-01"}},
    "genelcrm": {"ECR-CHN-004": {"compliance": "third_party",
                                 "third_party_product": "WhatsApp Business API (Mesajlaşma A.Ş.)",
                                 "third_party_cost_per_year": 90000}},
}
_PRICING: dict[str, dict[str, Any]] = {
    "okulcrm": {"currency": "TRY", "per_user_month": {"standard": 950, "light": 400},
                "yearly_increase_pct": 25, "implementation": 450000, "data_migration": 120000,
                "training": 80000, "support_per_year": 60000, "day_rate": 14000},
    "campusone": {"currency": "USD", "per_user_month": {"standard": 29, "light": 12},
                  "yearly_increase_pct": 5, "implementation": 18000, "data_migration": 6000,
                  "training": 3000, "support_per_year": 2400, "day_rate": 650},
    "egitimbulut": {"currency": "TRY", "per_user_month": {"standard": 700, "light": 300},
                    "yearly_increase_pct": 30, "implementation": 300000, "training": 60000,
                    "day_rate": 12000},
    "kayitpro": {"currency": "TRY", "per_user_month": {"standard": 500, "light": 250},
                 "yearly_increase_pct": 35, "implementation": 150000},
    "genelcrm": {"currency": "TRY", "per_user_month": {"standard": 1100, "light": 500},
                 "yearly_increase_pct": 20, "implementation": 600000, "integration": 150000,
                 "support_per_year": 90000},
}
SCORE = {"native": 4, "configurable": 4, "third_party": 3, "custom": 2, "roadmap": 1, "none": 0}
LABELS = {
    "department": {"kayit": {"en": "Enrolment office", "tr": "Kayıt ofisi"},
                   "veli_iliskileri": {"en": "Parent relations", "tr": "Veli ilişkileri"}},
    "user_role": {"kayit_danismani": {"en": "Enrolment adviser", "tr": "Kayıt danışmanı"},
                  "kampus_muduru": {"en": "Campus director", "tr": "Kampüs müdürü"}},
    "channel": {"egitim_fuarlari": {"en": "Education fairs", "tr": "Eğitim fuarları"},
                "okul_gezileri": {"en": "School tours", "tr": "Okul gezileri"}},
    "entity": {"ogrenciler": {"en": "Students", "tr": "Öğrenciler"},
               "veliler": {"en": "Parents", "tr": "Veliler"}},
}


def _dump(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _ids(requirements: list[Any]) -> list[str]:
    return [r if isinstance(r, str) else r["id"] for r in requirements]


def school_project(root: Path) -> Path:
    """The school chain's project folder (Turkish), with responses, scores and labels."""
    project = {
        "name": {"en": "Bilge Koleji CRM selection 2027", "tr": "Bilge Koleji CRM seçimi 2027"},
        "organisation": {
            "name": "Bilge Koleji Eğitim Kurumları A.Ş.",
            "industry": {"en": "Private schools (K-12), six campuses",
                         "tr": "Özel okullar (anaokulu–lise), altı kampüs"},
            "country": "TR", "employees": 640,
            "description": {
                "en": "Bilge Koleji runs six campuses in İstanbul, Ankara and İzmir. Enrolment "
                      "enquiries arrive by phone, WhatsApp, the web site and education fairs; "
                      "parents are kept informed by SMS and e-mail.",
                "tr": "Bilge Koleji İstanbul, Ankara ve İzmir'de altı kampüs işletiyor. Kayıt "
                      "talepleri telefon, WhatsApp, web sitesi ve eğitim fuarlarından geliyor; "
                      "velilere SMS ve e-postayla bilgi veriliyor."},
            "departments": ["kayit", "marketing", "veli_iliskileri", "finance", "it"],
            "channels": ["phone", "whatsapp", "web", "egitim_fuarlari", "okul_gezileri",
                         "social_media"],
            "current_systems": [
                {"name": "K12NET", "category": "other"},
                {"name": "Logo Go 3", "category": "accounting"},
                {"name": {"en": "Excel lists of prospective students",
                          "tr": "Excel aday öğrenci listeleri"},
                 "category": "spreadsheet", "replace": True},
                {"name": "WhatsApp Business", "category": "whatsapp"},
            ],
            "migrated_entities": [
                {"entity": "ogrenciler", "source": "K12NET", "records": 7400},
                {"entity": "veliler", "source": "K12NET", "records": 11800},
                {"entity": "leads", "records": 5200}],
        },
        "language": "tr", "currency": "TRY",
        "exchange_rates": {"USD": [36.0, 41.0, 46.0, 51.0, 56.0]},
        "users": [
            {"role": "kayit_danismani", "count": 24, "licence": "standard",
             "department": "kayit"},
            {"role": "kampus_muduru", "count": 6, "licence": "light", "department": "kayit"},
            {"role": "marketing", "count": 5, "licence": "standard", "department": "marketing"},
            {"role": "service", "count": 10, "licence": "standard",
             "department": "veli_iliskileri"},
            {"role": "finance", "count": 3, "licence": "light", "department": "finance"},
        ],
        "tco": {"horizon_years": 5, "target_budget": 6000000, "ceiling": 11000000},
        "timeline": {"rfp_issued": "2027-01-11", "questions_due": "2027-01-22",
                     "responses_due": "2027-02-05", "test_drives_start": "2027-02-22",
                     "test_drives_end": "2027-03-05", "decision": "2027-03-19",
                     "contract": "2027-04-02", "kickoff": "2027-04-12",
                     "go_live": "2027-08-30"},
        "objectives": [
            {"en": "Every enrolment enquiry followed up within one working day.",
             "tr": "Her kayıt talebine bir iş günü içinde dönüş yapılması."},
            {"en": "One record per family, with siblings and both parents.",
             "tr": "Kardeşleri ve iki veliyi içeren, aile başına tek kayıt."}],
        "requirements": SCHOOL_REQUIREMENTS,
        "custom_requirements": [{
            "id": "CUS-ENR-001", "area": "operational", "group": "sales_automation",
            "title": {"en": "Sibling discount and re-enrolment for the next school year",
                      "tr": "Kardeş indirimi ve bir sonraki öğretim yılı için kayıt yenileme"},
            "description": {
                "en": "Families with siblings get the discount rule automatically; re-enrolment "
                      "offers for the next year go out in February with the new fees.",
                "tr": "Kardeşi olan ailelere indirim kuralı kendiliğinden uygulanır; gelecek "
                      "yılın kayıt yenileme teklifleri şubatta yeni ücretlerle gönderilir."},
            "phases": ["retention"], "priority": "must",
            "acceptance_criteria": [{
                "en": "A family with two children gets the sibling discount on the second "
                      "child's offer without manual work.",
                "tr": "İki çocuklu bir aileye ikinci çocuğun teklifinde kardeş indirimi elle "
                      "işlem yapmadan uygulanır."}]}],
        "weights": {"criteria": {"functional": 40, "integration": 10, "non_functional": 15,
                                 "test_drive": 15, "cost": 15, "references": 5},
                    "areas": {"operational": 55, "analytical": 10, "collaborative": 15,
                              "e_crm": 20}},
        "scoring": {"knockout_threshold": 2, "monte_carlo_samples": 500, "seed": 7},
        "evaluation": {"two_envelopes": True, "conflict_of_interest": True},
        "documents": {"version": "1.0", "author": "Ayşe Yıldırım"},
        "evaluators": [
            {"id": "ayse", "name": "Ayşe Yıldırım", "role": "facilitator", "department": "it",
             "language": "tr"},
            {"id": "mehmet", "name": "Mehmet Öztürk", "department": "kayit", "language": "tr",
             "areas": ["operational", "collaborative", "e_crm"]},
            {"id": "zeynep", "name": "Zeynep Çelik", "department": "marketing",
             "language": "tr", "areas": ["operational", "analytical", "e_crm"]},
            {"id": "can", "name": "Can Şahin", "department": "it", "language": "tr",
             "areas": ["integration", "non_functional"]},
            {"id": "gul", "name": "Gül Aydın", "role": "observer", "department": "finance",
             "language": "tr"},
        ],
        "vendors": list(VENDORS),
        "scenarios": SCHOOL_SCENARIOS,
        "kpis": ["sales_conversion_rate", "customer_retention_rate", "csat"],
    }
    _dump(root / "project.yaml", project)
    _dump(root / "templates" / "strings" / "common.yaml", LABELS)
    ids = _ids(SCHOOL_REQUIREMENTS) + ["CUS-ENR-001"]
    for vid, name in VENDORS.items():
        _dump(root / "vendors" / f"{vid}.yaml", {
            "id": vid, "name": name, "product": name, "deployment": ["cloud"],
            "licence": {"model": "subscription"}, "source": "crafted for a test",
            "as_of": "2027-01-05"})
        answers = {rid: {"compliance": _DEFAULT[vid]} for rid in ids}
        answers.update(_EXCEPTIONS[vid])
        _dump(root / "responses" / f"{vid}.yaml", {
            "vendor": vid, "submitted": "2027-02-05", "implementation_weeks": 12,
            "pricing": _PRICING[vid], "responses": answers})
    _dump(root / "scores.yaml", _school_scores(ids))
    return root


def _school_scores(ids: list[str]) -> dict[str, Any]:
    areas = {"mehmet": ("OPS", "COL", "ECR", "CUS"), "zeynep": ("OPS", "ANA", "ECR", "CUS"),
             "can": ("INT", "NFR")}
    scores, demo = [], []
    for k, vid in enumerate(VENDORS):
        answers = {rid: {"compliance": _DEFAULT[vid]} for rid in ids}
        answers.update(_EXCEPTIONS[vid])
        for evaluator, prefixes in areas.items():
            for j, rid in enumerate(r for r in ids if r.startswith(prefixes)):
                base = SCORE[answers[rid]["compliance"]] + (1 if vid == "okulcrm" else 0)
                value = max(0, min(5, base - ((j + k + len(evaluator)) % 3 == 0)))
                scores.append({"evaluator": evaluator, "vendor": vid, "target": rid,
                               "score": value, "note": "Demoda uygulamalı gösterildi."})
        for scenario, steps in STEPS.items():
            for step in range(1, steps + 1):
                for evaluator in ("mehmet", "zeynep"):
                    value = 4 if vid in ("okulcrm", "campusone") else 3
                    scores.append({"evaluator": evaluator, "vendor": vid,
                                   "target": f"{scenario}.{step}", "score": value,
                                   "note": "Adım senaryodaki gibi gösterildi."})
        scores.append({"evaluator": "ayse", "vendor": vid, "target": "references",
                       "score": 4 if k % 2 == 0 else 3,
                       "note": "İki referans okulla görüşüldü."})
        demo.append({"evaluator": "mehmet", "vendor": vid, "scenario": "SCN-LEAD2DEAL",
                     "requirement": "OPS-SFA-001", "shown": "live"})
        demo.append({"evaluator": "zeynep", "vendor": vid, "scenario": "SCN-WHATSAPP",
                     "requirement": "ECR-CHN-004",
                     "shown": "not_shown" if vid == "kayitpro" else "live"})
    return {"scores": scores, "demo": demo}


def english_project(root: Path) -> Path:
    """A small English project: a software reseller with two vendors, no scores yet."""
    requirements = ["OPS-SFA-001", "OPS-SFA-003", "OPS-SFA-020", "OPS-SRV-001",
                    "INT-COM-002", "NFR-SEC-002", "NFR-DEP-007"]
    project = {
        "name": "Northgate CRM selection", "language": "en", "currency": "GBP",
        "organisation": {"name": "Northgate Software Ltd", "country": "GB",
                         "departments": ["sales", "service"], "channels": ["email", "web"]},
        "users": [{"role": "sales", "count": 8, "licence": "standard", "department": "sales"},
                  {"role": "service", "count": 4, "licence": "standard",
                   "department": "service"}],
        "tco": {"horizon_years": 3, "target_budget": 60000, "ceiling": 120000},
        "requirements": requirements,
        "evaluators": [{"id": "jo", "name": "Jo Bloggs", "role": "facilitator",
                        "department": "sales"}],
        "vendors": ["alpha", "beta"],
        "scenarios": ["SCN-LEAD2DEAL"],
    }
    _dump(root / "project.yaml", project)
    for vid, name, compliance, price in (("alpha", "Alpha CRM", "native", 45),
                                         ("beta", "Beta Sales Cloud", "configurable", 30)):
        _dump(root / "vendors" / f"{vid}.yaml", {
            "id": vid, "name": name, "product": name, "deployment": ["cloud"],
            "licence": {"model": "subscription"}, "source": "crafted for a test",
            "as_of": "2027-01-05"})
        _dump(root / "responses" / f"{vid}.yaml", {
            "vendor": vid, "pricing": {"currency": "GBP", "per_user_month": {"standard": price},
                                       "implementation": 8000},
            "responses": {rid: {"compliance": compliance} for rid in requirements}})
    return root
