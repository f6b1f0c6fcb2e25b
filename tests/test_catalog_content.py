"""The content of the bundled catalog: complete, bilingual, consistent, cross-referenced.

These tests read the shipped ``requirements_catalog/`` and fail on content problems a reviewer
would otherwise have to spot by eye: a requirement without Turkish, an English text pasted into
a Turkish field, a term the glossary says not to use, a scenario pointing at a missing
requirement, an id that silently disappeared.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel
from rendered import english

from crmselect.catalog import Catalog, load_catalog, load_id_history, requirement_hint
from crmselect.errors import CrmselectError
from crmselect.i18n import text as render_text
from crmselect.kpi import check_kpi, compute_kpi
from crmselect.model import Scenario, Text
from crmselect.project import load_project

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "requirements_catalog"
PINNED_IDS = Path(__file__).parent / "data" / "catalog_ids.txt"

PREFIXES = {
    "sales_automation": "OPS-SFA", "marketing_automation": "OPS-MKT",
    "service_automation": "OPS-SRV", "mobile_crm": "OPS-MOB", "social_crm": "OPS-SOC",
    "reporting": "ANA-REP", "customer_analytics": "ANA-CUS", "forecasting_ai": "ANA-AI",
    "customer_view": "COL-360", "teamwork": "COL-TEAM", "partner_management": "COL-PRM",
    "web_self_service": "ECR-WEB", "digital_channels": "ECR-CHN",
    "localisation_commerce": "ECR-LOC", "marketing_integrations": "INT-MKT",
    "finance_integrations": "INT-FIN", "commerce_integrations": "INT-ECM",
    "communication_integrations": "INT-COM", "productivity_integrations": "INT-PRD",
    "platform_integrations": "INT-API", "security": "NFR-SEC", "privacy_compliance": "NFR-PRV",
    "performance_availability": "NFR-PRF", "deployment": "NFR-DEP", "usability": "NFR-UX",
    "customisation": "NFR-CFG", "vendor_support": "NFR-VND", "localisation": "NFR-LOC",
}

REQUIRED_KPIS = {
    "csat", "nps", "customer_effort_score", "customer_retention_rate", "churn_rate",
    "customer_acquisition_cost", "customer_lifetime_value", "average_order_value",
    "purchase_frequency", "repeat_purchase_rate", "upsell_rate", "sales_conversion_rate",
    "lead_conversion_rate", "win_rate", "sales_cycle_length", "average_deal_size",
    "pipeline_coverage", "forecast_accuracy", "quota_attainment", "campaign_response_rate",
    "email_open_rate", "email_click_through_rate", "marketing_roi", "cost_per_lead",
    "average_resolution_time", "first_response_time", "first_contact_resolution_rate",
    "sla_compliance_rate", "self_service_deflection_rate", "complaint_rate",
    "user_adoption_rate", "data_quality_score", "lead_response_time", "monthly_recurring_revenue",
    "annual_recurring_revenue", "net_revenue_retention", "revenue_per_customer",
}

#: Sample figures for every KPI and the value worked out by hand from its definition.
KPI_SAMPLES: dict[str, tuple[dict[str, float], float]] = {
    "csat": ({"satisfied_responses": 420, "total_responses": 500}, 84.0),
    "nps": ({"promoters": 120, "detractors": 30, "total_responses": 300}, 30.0),
    "customer_effort_score": ({"sum_of_scores": 1650, "total_responses": 300}, 5.5),
    "customer_retention_rate": (
        {"customers_end": 1000, "new_customers": 200, "customers_start": 900}, 800 / 9),
    "churn_rate": ({"customers_lost": 45, "customers_start": 900}, 5.0),
    "complaint_rate": ({"complaints": 36, "active_customers": 1200}, 3.0),
    "customer_acquisition_cost": (
        {"marketing_cost": 50_000, "sales_cost": 70_000, "new_customers": 40}, 3000.0),
    "customer_lifetime_value": ({"average_order_value": 250, "purchase_frequency": 4,
                                 "customer_lifespan": 3, "acquisition_cost": 1200}, 1800.0),
    "average_order_value": ({"revenue": 125_000, "orders": 500}, 250.0),
    "purchase_frequency": ({"orders": 500, "buying_customers": 125}, 4.0),
    "repeat_purchase_rate": ({"repeat_customers": 50, "buying_customers": 125}, 40.0),
    "upsell_rate": ({"customers_upsold": 30, "existing_customers": 600}, 5.0),
    "sales_conversion_rate": ({"leads_became_customers": 24, "leads": 800}, 3.0),
    "lead_conversion_rate": ({"converted_leads": 120, "leads": 800}, 15.0),
    "win_rate": ({"won_opportunities": 30, "lost_opportunities": 70}, 30.0),
    "sales_cycle_length": ({"total_days_to_close": 1350, "won_opportunities": 30}, 45.0),
    "average_deal_size": ({"won_revenue": 900_000, "won_opportunities": 30}, 30_000.0),
    "pipeline_coverage": ({"open_pipeline_value": 3_600_000, "remaining_quota": 1_200_000}, 3.0),
    "forecast_accuracy": ({"absolute_forecast_error": 30_000, "actual_revenue": 400_000}, 92.5),
    "quota_attainment": ({"closed_sales": 1_080_000, "quota": 1_200_000}, 90.0),
    "campaign_response_rate": ({"responses": 150, "contacts_reached": 5000}, 3.0),
    "email_open_rate": ({"unique_opens": 1800, "emails_sent": 10_000, "bounced": 400}, 18.75),
    "email_click_through_rate": (
        {"unique_clicks": 240, "emails_sent": 10_000, "bounced": 400}, 2.5),
    "marketing_roi": ({"attributable_revenue": 250_000, "marketing_cost": 50_000}, 400.0),
    "cost_per_lead": ({"campaign_cost": 50_000, "new_leads": 400}, 125.0),
    "average_resolution_time": ({"total_resolution_hours": 1800, "resolved_cases": 600}, 3.0),
    "first_response_time": ({"total_first_response_minutes": 27_000, "cases": 600}, 45.0),
    "first_contact_resolution_rate": (
        {"resolved_first_contact": 420, "resolved_cases": 600}, 70.0),
    "sla_compliance_rate": ({"cases_within_sla": 570, "cases_with_sla": 600}, 95.0),
    "self_service_deflection_rate": (
        {"sessions_without_case": 2400, "self_service_sessions": 3000}, 80.0),
    "user_adoption_rate": ({"active_users": 85, "licensed_users": 100}, 85.0),
    "data_quality_score": ({"records_passing_checks": 9200, "records_checked": 10_000}, 92.0),
    "lead_response_time": ({"total_minutes_to_first_contact": 36_000, "leads_contacted": 400},
                           90.0),
    "monthly_recurring_revenue": ({"monthly_subscriptions": 150_000,
                                   "yearly_subscriptions": 1_200_000}, 250_000.0),
    "annual_recurring_revenue": ({"monthly_recurring_revenue": 250_000}, 3_000_000.0),
    "net_revenue_retention": ({"starting_recurring_revenue": 200_000, "expansion": 30_000,
                               "contraction": 6_000, "churned": 10_000}, 107.0),
    "revenue_per_customer": ({"revenue": 4_800_000, "buying_customers": 320}, 15_000.0),
}

#: Product and brand names that contain a word the glossary avoids in Turkish prose.
PROPER_NAMES = ("Meta Lead Ads", "LinkedIn Lead Gen Forms", "Lead Gen Forms", "Şikayetvar")

#: libyaml's loader when available: this test only needs the ids, fast.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

TURKISH_LETTERS = set("çğıöşüÇĞİÖŞÜâî")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    # load_catalog raises CrmselectError listing every problem; loading at all means zero issues.
    return load_catalog(CATALOG)


def _texts(value: object, path: str = "") -> list[tuple[str, Text]]:
    """Every bilingual Text inside a model, with a readable path."""
    found: list[tuple[str, Text]] = []
    if isinstance(value, Text):
        return [(path, value)]
    if isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            found += _texts(item, f"{path}[{i}]")
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            found += _texts(getattr(value, name), f"{path}.{name}" if path else name)
    return found


def _all_turkish(catalog: Catalog) -> list[tuple[str, str]]:
    """(where, Turkish text) for every Turkish text of the catalog a reader sees."""
    out: list[tuple[str, str]] = []
    for area in catalog.areas:
        out += [(f"areas.yaml {area.id} {p}", t.tr) for p, t in _texts(area)]
    for rid, entry in catalog.entries.items():
        out += [(f"{rid} {p}", t.tr) for p, t in _texts(entry.requirement)]
    for kid, kpi in catalog.kpis.items():
        out += [(f"kpi {kid} {p}", t.tr) for p, t in _texts(kpi)]
    for sid, scenario in catalog.scenarios.items():
        out += [(f"{sid} {p}", t.tr) for p, t in _texts(scenario)]
    return out


def turkish_fold(text: str) -> str:
    """Lower case with Turkish casing: İ → i, I → ı."""
    return text.replace("İ", "i").replace("I", "ı").lower()


# --- requirements ----------------------------------------------------------------------------


def test_catalog_loads_with_zero_issues_and_has_enough_requirements(catalog: Catalog):
    assert len(catalog.entries) >= 399  # 380 in the 2027 catalog, 19 more from the competitor sweep


def test_every_area_and_group_has_requirements(catalog: Catalog):
    counts = Counter((e.area, e.group) for e in catalog.entries.values())
    empty = [(a.id, g.id) for a in catalog.areas for g in a.groups if not counts[(a.id, g.id)]]
    assert empty == []
    assert {g.id for a in catalog.areas for g in a.groups} == set(PREFIXES)


def test_ids_are_unique_across_files_and_match_their_group():
    seen: Counter[str] = Counter()
    problems = []
    for path in sorted(CATALOG.glob("*/*.yaml")):
        if path.parent.name == "scenarios":
            continue
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=FAST_LOADER)
        prefix = PREFIXES[data["group"]]
        assert path.stem == data["group"] and path.parent.name == data["area"], path
        for req in data["requirements"]:
            seen[req["id"]] += 1
            if not re.fullmatch(rf"{prefix}-\d{{3}}", req["id"]):
                problems.append(f"{path.name}: {req['id']} does not start with {prefix}-")
    assert problems == []
    assert [i for i, n in seen.items() if n > 1] == []


def test_every_requirement_is_complete_in_both_languages(catalog: Catalog):
    problems = []
    for rid, entry in catalog.entries.items():
        req = entry.requirement
        if not req.acceptance_criteria:
            problems.append(f"{rid}: no acceptance criterion")
        for where, text in _texts(req):
            if not text.en.strip() or not text.tr.strip():
                problems.append(f"{rid} {where}: empty text")
            if text.en.strip() == text.tr.strip():
                problems.append(f"{rid} {where}: Turkish is a copy of the English: {text.tr!r}")
        turkish = " ".join(t.tr for _, t in _texts(req))
        if not TURKISH_LETTERS & set(turkish):
            problems.append(f"{rid}: the Turkish text has no Turkish letter; is it Turkish?")
    assert problems == []


def test_integration_requirements_say_what_they_connect(catalog: Catalog):
    missing = [rid for rid, e in catalog.entries.items()
               if e.area == "integration" and e.requirement.integration is None]
    assert missing == []


def test_no_two_requirements_share_a_title(catalog: Catalog):
    for lang in ("en", "tr"):
        titles = Counter(turkish_fold(e.requirement.title.get(lang)).strip()
                         for e in catalog.entries.values())
        assert [t for t, n in titles.items() if n > 1] == [], lang


def test_every_kpi_reference_resolves(catalog: Catalog):
    unknown = [(rid, k) for rid, e in catalog.entries.items() for k in e.requirement.kpis
               if k not in catalog.kpis]
    assert unknown == []


def test_pinned_ids_never_disappear(catalog: Catalog):
    pinned = [line.strip() for line in PINNED_IDS.read_text(encoding="utf-8").splitlines()
              if line.strip()]
    assert len(pinned) >= 220 and len(pinned) == len(set(pinned))
    retired = {r.id for r in load_id_history(CATALOG).retired}
    assert [rid for rid in pinned if rid not in catalog.entries and rid not in retired] == []
    assert [rid for rid in catalog.entries if rid not in pinned] == []


# --- KPIs ------------------------------------------------------------------------------------


def test_kpis_are_defined_and_sound(catalog: Catalog):
    assert REQUIRED_KPIS <= set(catalog.kpis)
    assert {k: check_kpi(v) for k, v in catalog.kpis.items() if check_kpi(v)} == {}
    problems = [f"{k} {p}" for k, kpi in catalog.kpis.items() for p, t in _texts(kpi)
                if t.en == t.tr]
    assert problems == []


def test_every_kpi_has_a_worked_sample(catalog: Catalog):
    assert set(KPI_SAMPLES) == set(catalog.kpis)


@pytest.mark.parametrize("kpi_id", sorted(KPI_SAMPLES))
def test_kpi_formula_computes_its_sample(catalog: Catalog, kpi_id: str):
    inputs, expected = KPI_SAMPLES[kpi_id]
    assert compute_kpi(catalog.kpis[kpi_id], inputs).value == pytest.approx(expected)


def test_retention_example_from_the_definition(catalog: Catalog):
    result = compute_kpi(catalog.kpis["customer_retention_rate"],
                         {"customers_end": 1000, "new_customers": 200, "customers_start": 900})
    assert result.value == pytest.approx(88.8888888889)


# --- scenarios -------------------------------------------------------------------------------


def test_scenario_library(catalog: Catalog):
    assert len(catalog.scenarios) >= 26
    short = [sid for sid, s in catalog.scenarios.items() if len(s.steps) < 3]
    assert short == []


def _scenario_requirements(scenario: Scenario) -> tuple[set[str], set[str]]:
    return set(scenario.requirements), {r for s in scenario.steps for r in s.requirements}


def test_every_scenario_reference_resolves_and_steps_match_the_list(catalog: Catalog):
    problems = []
    for sid, scenario in catalog.scenarios.items():
        listed, in_steps = _scenario_requirements(scenario)
        problems += [f"{sid}: no such requirement {r}" for r in sorted(listed | in_steps)
                     if r not in catalog.entries]
        if listed != in_steps:
            problems.append(f"{sid}: linked requirements {sorted(listed ^ in_steps)} are not "
                            "both listed and shown in a step")
        problems += [f"{sid} step {i}: links no requirement"
                     for i, step in enumerate(scenario.steps, 1) if not step.requirements]
    assert problems == []


def test_scenarios_are_written_in_both_languages(catalog: Catalog):
    problems = []
    for sid, scenario in catalog.scenarios.items():
        values = [("title", scenario.title), ("objective", scenario.objective),
                  ("expected_outcome", scenario.expected_outcome), ("data", scenario.data)]
        for i, step in enumerate(scenario.steps, 1):
            values += [(f"step {i} action", step.action), (f"step {i} expected", step.expected)]
        for where, value in values:
            if not isinstance(value, Text):
                problems.append(f"{sid} {where}: not given in both languages")
            elif value.en.strip() == value.tr.strip():
                problems.append(f"{sid} {where}: Turkish is a copy of the English")
    assert problems == []


# --- glossary --------------------------------------------------------------------------------


def test_glossary_is_large_unique_and_bilingual(catalog: Catalog):
    assert len(catalog.glossary) >= 60
    english = Counter(t.en.casefold() for t in catalog.glossary)
    assert [t for t, n in english.items() if n > 1] == []
    assert [t.en for t in catalog.glossary if t.en == t.tr] == []
    # A term may not list its own preferred wording as one to avoid.
    assert [t.en for t in catalog.glossary
            if any(turkish_fold(a) == turkish_fold(t.tr) for a in t.avoid_tr)] == []


def test_glossary_covers_the_key_terms(catalog: Catalog):
    terms = {t.en.casefold(): t.tr for t in catalog.glossary}
    for en, tr in {"lead": "potansiyel müşteri", "opportunity": "fırsat", "account": "firma",
                   "contact": "ilgili kişi", "pipeline": "satış hunisi",
                   "complaint": "şikâyet", "consent": "açık rıza", "vendor": "tedarikçi",
                   "requirement": "gereksinim", "test drive": "uygulamalı demo"}.items():
        assert terms.get(en) == tr, en


def avoided_pattern(variant: str, fold=turkish_fold) -> re.Pattern[str]:
    """A variant at the start of a word, with any suffix.

    Turkish words inflect: avoiding "şikayet" also catches "şikayetler". In a compound noun the
    last word's possessive suffix gives way to the plural and case suffixes ("müşteri adayı" →
    "müşteri adaylarına"), so the last word of a compound matches from its stem, with the
    softened consonant either way (hesabı → hesap, toprağı → toprak).
    """
    words = fold(variant).split()
    if len(words) > 1:
        last = words[-1]
        if len(last) >= 5 and last[-2] in "s" and last[-1] in "ıiuü":
            last = last[:-2]
        elif len(last) >= 5 and last[-1] in "ıiuü":
            last = last[:-1]
        soft = {"b": "[bp]", "c": "[cç]", "d": "[dt]", "ğ": "[ğk]"}
        stem = re.escape(last[:-1]) + soft.get(last[-1], re.escape(last[-1]))
        words = [re.escape(w) for w in words[:-1]] + [stem]
    else:
        words = [re.escape(w) for w in words]
    # Only the last word of a compound inflects; the words before it stand as written.
    return re.compile(r"(?<!\w)" + r"\s+".join(words))


@pytest.mark.parametrize(("variant", "text", "found"), [
    ("müşteri adayı", "Böylece müşteri adaylarına ulaşma süreci tutarlı olur", True),
    ("müşteri adayı", "müşteri adayının kaydı", True),
    ("müşteri hesabı", "müşteri hesaplarında", True),
    ("satış toprağı", "satış toprakları", True),
    ("şikayet", "Şikayetler", True),
    ("satış boru", "satış borcu", False),
    ("müşteri adayı", "müşteri ve aday listesi", False),
    ("müşteri hesabı", "yeni müşteriler hesaba katılmaz", False),
])
def test_avoided_variants_match_inflected_forms(variant: str, text: str, found: bool):
    assert bool(avoided_pattern(variant).search(turkish_fold(text))) is found


def test_avoided_turkish_words_are_not_used(catalog: Catalog):
    """No Turkish text of the catalog uses a variant the glossary says to avoid, in any
    inflected form (see :func:`avoided_pattern`)."""
    texts = []
    for where, text in _all_turkish(catalog):
        folded = turkish_fold(text)
        for name in PROPER_NAMES:
            folded = folded.replace(turkish_fold(name), "")
        texts.append((where, folded))
    problems = []
    for term in catalog.glossary:
        for variant in term.avoid_tr:
            pattern = avoided_pattern(variant)
            problems += [f"{where}: uses '{variant}' (glossary: {term.en} = {term.tr})"
                         for where, folded in texts if pattern.search(folded)]
    assert problems == []


def _all_english(catalog: Catalog) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for area in catalog.areas:
        out += [(f"areas.yaml {area.id} {p}", t.en) for p, t in _texts(area)]
    for rid, entry in catalog.entries.items():
        out += [(f"{rid} {p}", t.en) for p, t in _texts(entry.requirement)]
    for kid, kpi in catalog.kpis.items():
        out += [(f"kpi {kid} {p}", t.en) for p, t in _texts(kpi)]
    for sid, scenario in catalog.scenarios.items():
        out += [(f"{sid} {p}", t.en) for p, t in _texts(scenario)]
    return out


def test_english_preferred_terms_are_used(catalog: Catalog):
    """The English text uses one word per concept too: the service record is a "case"."""
    terms = {t.en: t for t in catalog.glossary}
    assert {"ticket", "service request"} <= set(terms["case"].avoid_en)
    texts = [(where, text.casefold()) for where, text in _all_english(catalog)]
    problems = []
    for term in catalog.glossary:
        for variant in term.avoid_en:
            pattern = avoided_pattern(variant, fold=str.casefold)
            problems += [f"{where}: uses '{variant}' (glossary: {term.en})"
                         for where, text in texts if pattern.search(text)]
    assert problems == []


def test_every_must_is_shown_in_a_scenario_or_proven_on_paper(catalog: Catalog):
    """A `must` that no scenario step shows and no document proves would be scored on a
    vendor's word alone."""
    shown = {r for s in catalog.scenarios.values() for step in s.steps for r in step.requirements}
    missing = [rid for rid, e in catalog.entries.items()
               if e.requirement.priority == "must" and e.requirement.evidence != "document"
               and rid not in shown]
    assert missing == []


def test_every_group_has_a_scenario(catalog: Catalog):
    shown = {r for s in catalog.scenarios.values() for step in s.steps for r in step.requirements}
    groups = {catalog.entries[r].group for r in shown}
    assert [g.id for a in catalog.areas for g in a.groups if g.id not in groups] == []


#: Spelling rules of the Turkish review (December 2026) that a reader notices at once.
TURKISH_SPELLING = {
    r"\b[A-ZÇĞİÖŞÜ][a-zçğıöşü]+'l[ıiuü]\b":
        "no apostrophe before a derivational suffix (Bursalı, not Bursa'lı; KDV'li is right)",
    r"\bKPI'(ın|ı|a)\b": "KPI is read 'ke-pe-i': KPI'nın, KPI'yı, KPI'ya",
    r"\bdahil(?![iî])": "dâhil, with the circumflex, as the catalog writes şikâyet and zekâ "
                          "(the adjective is dahilî)",
    r"\bhal(inde|ine|e|iyle)\b": "hâlinde, hâline, hâle, hâliyle",
    r"\b(resmi|dini)\b": "resmî, dinî (adjectives)",
    r"\bTRY\b": "TL in Turkish prose; TRY is only the ISO code in data",
    r"\bavro": "EUR, as in the amounts",
    r"çevrim içinde": "internette / çevrim içi (no locative)",
}


def test_turkish_spelling_rules(catalog: Catalog):
    problems = []
    for where, text in _all_turkish(catalog):
        for pattern, rule in TURKISH_SPELLING.items():
            if re.search(pattern, text):
                problems.append(f"{where}: {rule}: {re.search(pattern, text).group(0)!r}")
    assert problems == []


def test_glossary_settles_the_terms_the_catalog_relies_on(catalog: Catalog):
    terms = {t.en: t for t in catalog.glossary}
    expected = {
        "privacy notice": "aydınlatma metni", "data processor": "veri işleyen",
        "data subject": "ilgili kişi (veri sahibi)", "discount": "iskonto", "line item": "kalem",
        "delivery note": "irsaliye (e-İrsaliye)", "payment term": "vade",
        "reconciliation": "mutabakat", "registered electronic mail (KEP)":
        "kayıtlı elektronik posta (KEP)", "authorised signatory circular": "imza sirküleri",
        "withholding (KDV)": "KDV tevkifatı", "sales representative": "satış temsilcisi",
        "timeline": "zaman akışı",
    }
    assert {en: terms[en].tr for en in expected if en in terms} == expected
    # "ilgili kişi" means the CRM contact and, in KVKK, the data subject: the notes settle it.
    assert "veri sahibi" in terms["contact"].note and "kişi kaydı" in terms["contact"].note


def test_turkish_market_defaults_and_law_numbers(catalog: Catalog):
    """e-Fatura is a must by default for a B2B company in Türkiye; RFP clauses cite the laws."""
    assert catalog.entries["INT-FIN-003"].requirement.priority == "must"
    texts = {rid: e.requirement.description.tr for rid, e in catalog.entries.items()}
    assert "6698 sayılı" in texts["NFR-PRV-001"]
    assert "6563 sayılı" in texts["NFR-PRV-002"]
    assert "6502 sayılı" in texts["ECR-WEB-013"]
    assert "7545 sayılı" in texts["NFR-SEC-014"]


# --- ids keep their meaning; retired ids point to their replacement ---------------------------
# (restored: these tests were dropped by accident in afd3117 together with the overlap test)

MEANINGS = Path(__file__).parent / "data" / "catalog_meanings.tsv"


def title_hash(title: str) -> str:
    return hashlib.sha256(title.encode("utf-8")).hexdigest()[:12]


def _pinned_meanings() -> dict[str, tuple[str, str]]:
    rows = {}
    for line in MEANINGS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rid, digest, title = line.split("\t")
            assert rid not in rows, f"{rid} pinned twice"
            assert title_hash(title) == digest, f"{rid}: the pinned hash is not the title's"
            rows[rid] = (digest, title)
    return rows


def test_every_id_keeps_its_pinned_meaning(catalog: Catalog):
    """An id's English title is the one pinned, or reached from it by recorded rewordings only;
    an id that left the catalog is retired (never reused), with replacements that exist."""
    pinned = _pinned_meanings()
    history = load_id_history(CATALOG)
    retired = {r.id: r for r in history.retired}
    problems = [f"{rid}: not pinned in {MEANINGS.name}; add a line for a new id"
                for rid in catalog.entries if rid not in pinned]
    for rid, (digest, title) in pinned.items():
        if rid in retired:
            if rid in catalog.entries:
                problems.append(f"{rid} is retired and may not be used again")
            if title_hash(retired[rid].title.en) != digest:
                problems.append(f"{rid}: retired under another title than the pinned one")
            continue
        if rid not in catalog.entries:
            problems.append(f"{rid} disappeared; retire it in id_history.yaml with its replacement")
            continue
        for step in history.reworded:
            if step.id == rid and step.previous_title == title:
                title = step.title
        if title != catalog.entries[rid].requirement.title.en:
            problems.append(f"{rid}: English title changed from the pinned meaning {title!r}; "
                            "record a rewording or give the new meaning a new id")
    for rid, item in retired.items():
        problems += [f"{rid}: replaced by unknown {r}" for r in item.replaced_by
                     if r not in catalog.entries]
    assert problems == []


def test_a_changed_title_without_a_record_is_caught(tmp_path: Path):
    """The meaning check itself: rewording a title in a copy of the catalog fails it."""
    copy = tmp_path / "catalog"
    shutil.copytree(CATALOG, copy)
    path = copy / "non_functional" / "usability.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("en: Responsive interface on phones and tablets",
                                 "en: Responsive interface on phones"), encoding="utf-8")
    changed = load_catalog(copy).entries["NFR-UX-005"].requirement.title.en
    digest, title = _pinned_meanings()["NFR-UX-005"]
    assert title_hash(changed) != digest and title != changed


def test_a_retired_id_in_a_project_points_to_its_replacement(sample_project: Path):
    path = sample_project / "project.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - OPS-SFA-001\n", "  - OPS-MOB-009\n", 1), encoding="utf-8")
    with pytest.raises(CrmselectError) as info:
        load_project(sample_project)
    [issue] = [i for i in info.value.issues if "OPS-MOB-009" in i.message]
    assert "OPS-MOB-015, OPS-MOB-016, OPS-MOB-017" in issue.hint
    # The hint is a Message (issue 12): rendered in the reader's language at the edge.
    assert render_text(requirement_hint("OPS-MOB-009", []), "tr") == (
        'OPS-MOB-009 ("Uygulama koruması, cihaz yönetimi ve seçici silme") katalogdan '
        "kaldırıldı; yerine OPS-MOB-015, OPS-MOB-016, OPS-MOB-017 kullanın")
    # An id that never existed still gets the usual suggestion.
    assert render_text(requirement_hint("OPS-SFA-0011", ["OPS-SFA-001"]), "en") == (
        "did you mean OPS-SFA-001?")


def test_a_requirement_hint_takes_no_language() -> None:
    """The core returns a code; the edge picks the language (the unused ``lang`` is gone)."""
    import inspect

    assert list(inspect.signature(requirement_hint).parameters) == ["rid", "choices"]
    with pytest.raises(TypeError):
        requirement_hint("OPS-MOB-009", [], lang="tr")  # type: ignore[call-arg]


def test_a_retired_id_in_a_vendor_response_points_to_its_replacement(sample_project: Path):
    path = sample_project / "responses" / "odoo.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  CUS-SRV-001:\n", "  NFR-PRV-004:\n", 1), encoding="utf-8")
    with pytest.raises(CrmselectError) as info:
        load_project(sample_project)
    assert any("NFR-PRV-012, NFR-PRV-013, NFR-PRV-014" in i.hint for i in info.value.issues)


# --- related requirements ---------------------------------------------------------------------


def _tiny_catalog(tmp_path: Path, related_a: str, related_b: str = "[]") -> Path:
    folder = tmp_path / "cat"
    shutil.copytree(CATALOG, folder, ignore=shutil.ignore_patterns("*.yaml"))
    shutil.copy(CATALOG / "areas.yaml", folder / "areas.yaml")
    text = (CATALOG / "operational" / "mobile_crm.yaml").read_text(encoding="utf-8")
    text = re.sub(r"\n    related: .*", "", text)  # links to other groups' files
    text = text.replace("  - id: OPS-MOB-003\n", f"  - id: OPS-MOB-003\n    related: {related_a}\n")
    text = text.replace("  - id: OPS-MOB-004\n", f"  - id: OPS-MOB-004\n    related: {related_b}\n")
    (folder / "operational" / "mobile_crm.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(("related_a", "related_b", "message"), [
    ("[OPS-MOB-003]", "[]", "OPS-MOB-003 is listed as related to itself"),
    ("[OPS-MOB-099]", "[]", "no such requirement OPS-MOB-099"),
    ("[OPS-MOB-004]", "[]", "OPS-MOB-004 does not list OPS-MOB-003 as related"),
])
def test_related_links_are_checked(tmp_path: Path, related_a: str, related_b: str, message: str):
    with pytest.raises(CrmselectError) as info:
        load_catalog(_tiny_catalog(tmp_path, related_a, related_b))
    assert [i for i in info.value.issues if message in english(i.message)], info.value.issues
    load_catalog(_tiny_catalog(tmp_path / "ok", "[OPS-MOB-004]", "[OPS-MOB-003]"))


def test_shared_acceptance_criteria_only_between_related_requirements(catalog: Catalog):
    """A capability is counted once: the same criterion in two requirements means a duplicate,
    unless the two are linked as related (each keeps its own score, the engine warns)."""
    seen: dict[str, str] = {}
    problems = []
    for rid, entry in catalog.entries.items():
        for ac in entry.requirement.acceptance_criteria:
            key = re.sub(r"\W+", " ", ac.en.casefold()).strip()
            other = seen.setdefault(key, rid)
            if other != rid and other not in entry.requirement.related:
                problems.append(f"{rid} and {other} share {ac.en!r}")
    assert problems == []


def test_paper_only_requirements_are_marked_as_document_evidence(catalog: Catalog):
    document = {rid for rid, e in catalog.entries.items() if e.requirement.evidence == "document"}
    assert {"NFR-PRF-003", "NFR-SEC-011", "NFR-PRV-008", "NFR-VND-002", "NFR-VND-006"} <= document
    # A requirement a demo can show is not excused from the demo.
    assert not document & {"OPS-SFA-001", "NFR-SEC-001", "NFR-PRV-013"}
