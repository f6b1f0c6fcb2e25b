"""The bundled vendor profiles: they load, answer every catalog requirement, and answer honestly.

Why: the profiles are what a project team compares before any vendor has replied, so a missing
answer, an unpriced third-party product or a roadmap promise without a date would silently
distort the scores and the TCO.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from crmselect.catalog import load_catalog
from crmselect.model import Response, Text, VendorProfile, localize
from crmselect.project import load_vendor
from crmselect.resources import bundled_dir

EXPECTED = {"suitecrm", "espocrm", "odoo", "vtiger", "northwind_cloud", "anatolia_crm",
            "hubspot", "zoho_crm", "salesforce", "dynamics365"}
ILLUSTRATIVE = {"northwind_cloud", "anatolia_crm"}
URL = re.compile(r"https?://[^\s;,]+")


def _files() -> dict[str, Path]:
    return {p.stem: p for p in sorted(bundled_dir("vendors").glob("*.yaml"))}


@pytest.fixture(scope="module")
def profiles() -> dict[str, VendorProfile]:
    return {vid: load_vendor(path) for vid, path in _files().items()}


@pytest.fixture(scope="module")
def catalog_ids() -> set[str]:
    return set(load_catalog().entries)


def test_the_six_vendors_are_bundled_and_named_after_their_file(profiles) -> None:
    assert EXPECTED <= set(profiles)
    for vid, profile in profiles.items():
        assert profile.id == vid


def test_every_vendor_answers_every_catalog_requirement(profiles, catalog_ids) -> None:
    for vid, profile in profiles.items():
        answered = set(profile.responses)
        assert not catalog_ids - answered, (vid, sorted(catalog_ids - answered)[:10])
        assert not answered - catalog_ids, (vid, sorted(answered - catalog_ids)[:10])


def test_answers_carry_what_their_level_needs(profiles) -> None:
    for vid, profile in profiles.items():
        for rid, r in profile.responses.items():
            where = f"{vid} › {rid}"
            assert localize(r.comment, "en").strip(), where
            if r.compliance == "roadmap":
                assert r.roadmap_date is not None, where
                assert r.roadmap_date > profile.as_of, where
            else:
                assert r.roadmap_date is None, where
            if r.compliance == "third_party":
                assert localize(r.third_party_product, "en").strip(), where
            else:
                assert not r.third_party_product and r.third_party_cost_per_year == 0, where
            if r.compliance == "custom":
                assert r.custom_effort_days > 0, where
            else:
                assert r.custom_effort_days == 0, where


def test_a_third_party_product_is_priced_once(profiles) -> None:
    """Several answers may name one add-on; its yearly cost is counted on one of them only, and
    the others say where (or that the pricing block already includes it)."""
    for vid, profile in profiles.items():
        third = [(rid, r) for rid, r in profile.responses.items() if r.compliance == "third_party"]
        priced = Counter(localize(r.third_party_product, "en") for _, r in third
                         if r.third_party_cost_per_year)
        assert all(n == 1 for n in priced.values()), (vid, priced)
        for rid, r in third:
            if r.third_party_cost_per_year == 0:
                comment = localize(r.comment, "en")
                pointer = re.search(r"counted once, under ([A-Z]+-[A-Z0-9]+-\d{3})", comment)
                if pointer:
                    first = profile.responses[pointer.group(1)]
                    assert first.third_party_product == r.third_party_product, (vid, rid)
                    assert first.third_party_cost_per_year > 0, (vid, rid)
                else:
                    assert "included in the support line of the pricing" in comment, (vid, rid)


def test_real_vendors_cite_a_source_url_for_every_answer(profiles) -> None:
    for vid, profile in profiles.items():
        if profile.illustrative:
            continue
        assert URL.search(profile.source), vid
        for rid, r in profile.responses.items():
            assert URL.search(r.source), f"{vid} › {rid}: {r.source!r}"
            assert "illustrative" not in r.source, f"{vid} › {rid}"


def test_illustrative_vendors_say_so(profiles) -> None:
    assert {vid for vid, p in profiles.items() if p.illustrative} == ILLUSTRATIVE
    for vid in ILLUSTRATIVE:
        profile = profiles[vid]
        assert "illustrative" in profile.source.lower()
        assert "illustrative" in profile.edition.en.lower()  # bilingual: "örnek" in Turkish
        assert "örnek" in profile.edition.tr
        assert profile.description.en.startswith("Illustrative example, not a real product")
        assert profile.description.tr.startswith("Örnek amaçlıdır, gerçek bir ürün değildir")
        assert "not a real offer" in profile.pricing.notes
        assert all(r.source == "illustrative" for r in profile.responses.values()), vid
        assert all("(illustrative)" in localize(ref, "en") for ref in profile.references), vid
        assert all("(örnek)" in localize(ref, "tr") for ref in profile.references), vid
        assert profile.website.endswith(".example"), vid


def test_compliance_is_differentiated(profiles) -> None:
    """Not all-native: every vendor uses at least three levels, no level covers 90% of the
    answers, and the vendors do not all answer alike."""
    shapes = set()
    for vid, profile in profiles.items():
        counts = Counter(r.compliance for r in profile.responses.values())
        assert len(counts) >= 3, (vid, counts)
        assert max(counts.values()) < 0.9 * len(profile.responses), (vid, counts)
        shapes.add(tuple(sorted(counts.items())))
    assert len(shapes) == len(profiles)
    # the open-source CRMs lean on add-ons and custom work; the polished SaaS does not
    native = {vid: sum(r.compliance == "native" for r in p.responses.values())
              for vid, p in profiles.items()}
    assert native["northwind_cloud"] > native["odoo"] > native["suitecrm"]


def test_comments_are_specific_not_boilerplate(profiles) -> None:
    for vid, profile in profiles.items():
        comments = Counter(localize(r.comment, "en") for r in profile.responses.values())
        repeated = {c: n for c, n in comments.items() if n > 1}
        assert len(repeated) <= 3, (vid, repeated)
        assert all(len(c) >= 12 for c in comments), vid


def test_turkish_specifics_tell_the_vendors_apart(profiles) -> None:
    """İYS, e-Fatura and KEP: the Turkish vendor has them natively, the open-source CRMs do not."""
    for rid in ("NFR-PRV-002", "INT-FIN-003", "INT-PRD-006"):
        assert profiles["anatolia_crm"].responses[rid].compliance == "native", rid
        for vid in ("suitecrm", "espocrm", "vtiger"):
            assert profiles[vid].responses[rid].compliance in ("custom", "none", "third_party"), \
                (vid, rid)
    assert profiles["odoo"].responses["INT-FIN-003"].compliance == "native"  # Nilvera


def test_profiles_are_complete_and_priced(profiles) -> None:
    for vid, profile in profiles.items():
        assert profile.as_of.isoformat() in ("2026-11-01", "2026-12-01"), vid
        assert profile.company and profile.website and profile.description, vid
        assert profile.languages and profile.currencies and profile.hosting_regions, vid
        assert profile.native_integrations and profile.implementation_weeks, vid
        pricing = profile.pricing
        assert pricing is not None, vid
        assert {"standard", "light"} <= set(pricing.per_user_month), vid
        assert pricing.currency in profile.currencies, vid
        assert pricing.notes, vid
        assert pricing.day_rate > 0 and pricing.implementation > 0, vid
        if profile.licence.model == "open_source":
            assert pricing.licence_model == "open_source", vid
            assert set(pricing.per_user_month.values()) == {0}, vid
            assert "estimate" in pricing.notes, vid
        languages = " ".join(localize(x, "en") for x in profile.languages)
        assert "Turkish" in languages, vid


def test_vendors_show_lists_the_compliance_counts() -> None:
    from click.testing import CliRunner

    from crmselect.cli import main

    result = CliRunner().invoke(main, ["vendors", "show", "espocrm"])
    assert result.exit_code == 0, result.output
    counts = Counter(r.compliance for r in load_vendor(_files()["espocrm"]).responses.values())
    line = next(x for x in result.output.splitlines() if x.strip().startswith("compliance:"))
    for level, n in counts.items():
        assert f"{level} {n}" in line


# Public documentation domains the commercial desk-research profiles may cite.
_DOC_DOMAINS = {
    "hubspot": ("hubspot.com",),
    "zoho_crm": ("zoho.com",),
    "salesforce": ("salesforce.com", "force.com", "tableau.com", "mulesoft.com"),  # its products
    "dynamics365": ("microsoft.com",),
}


def _desk_research_problems(profile: VendorProfile) -> list[str]:
    """What makes a desk-research profile unfit: an answer without a source URL, a source outside
    the vendor's own documentation (commercial profiles), a comment pasted more than 3 times."""
    problems = []
    if not URL.search(profile.source):
        problems.append("profile source")
    domains = _DOC_DOMAINS.get(profile.id)
    for rid, r in profile.responses.items():
        urls = URL.findall(r.source)
        if not urls:
            problems.append(f"{rid}: no source URL")
        elif domains:
            hosts = [re.sub(r"^https?://", "", u).split("/")[0].lower() for u in urls]
            problems += [f"{rid}: {h}" for h in hosts if not h.endswith(domains)]
    comments = Counter(localize(r.comment, "en").strip() for r in profile.responses.values())
    problems += [f"comment x{n}: {c[:40]}" for c, n in comments.items() if n > 3]
    return problems


def test_desk_research_profiles_cite_their_sources(profiles) -> None:
    """A desk-research profile is only as good as its sources: every answer names the public page
    it was read from, HubSpot and Zoho cite their own documentation, and no comment is pasted onto
    more than three requirements."""
    desk = {vid: p for vid, p in profiles.items() if p.desk_research}
    assert {"hubspot", "zoho_crm"} <= set(desk)
    for vid, profile in desk.items():
        assert not profile.illustrative, vid
        assert _desk_research_problems(profile) == [], vid
    for vid in _DOC_DOMAINS:
        profile = desk[vid]
        assert profile.as_of.isoformat() == "2026-12-01", vid
        assert profile.pricing is not None and "estimate" in profile.pricing.notes, vid
    # the check itself catches a missing source, a foreign source and a pasted comment
    hub = desk["hubspot"]
    rids = sorted(hub.responses)[:5]
    broken = dict(hub.responses)
    broken[rids[0]] = broken[rids[0]].model_copy(update={"source": "HubSpot docs"})
    broken[rids[1]] = broken[rids[1]].model_copy(update={"source": "https://example.org/x"})
    for rid in rids[:4]:
        broken[rid] = broken[rid].model_copy(update={"comment": "Supported out of the box."})
    problems = _desk_research_problems(hub.model_copy(update={"responses": broken}))
    assert f"{rids[0]}: no source URL" in problems
    assert f"{rids[1]}: example.org" in problems
    assert "comment x4: Supported out of the box." in problems


def test_no_comment_repeats_more_than_three_times(profiles) -> None:
    for vid, profile in profiles.items():
        comments = Counter(" ".join(localize(r.comment, "en").split())
                           for r in profile.responses.values())
        worst = comments.most_common(1)[0]
        assert worst[1] <= 3, (vid, worst)


def test_commercial_profiles_are_priced_from_list_pages(profiles) -> None:
    """Salesforce and Dynamics 365: list prices per user and month, add-ons priced on the answers
    that need them, and the Turkish specifics (İYS, e-Fatura, KEP) not claimed as native."""
    for vid in ("salesforce", "dynamics365"):
        profile = profiles[vid]
        assert profile.desk_research and profile.as_of.isoformat() == "2026-12-01", vid
        assert profile.pricing is not None and profile.pricing.currency == "USD", vid
        prices = profile.pricing.per_user_month
        assert prices["standard"] > prices["light"] > 0, vid
        assert "list price" in profile.pricing.notes.lower(), vid
        assert any(r.compliance == "third_party" and r.third_party_cost_per_year > 0
                   for r in profile.responses.values()), vid
        for rid in ("NFR-PRV-002", "INT-FIN-003", "INT-PRD-006", "INT-FIN-008"):
            level = profile.responses[rid].compliance
            assert level in ("custom", "third_party", "none"), (vid, rid)
        assert profile.responses["NFR-DEP-001"].compliance == "native", vid


@pytest.mark.parametrize("lang, footnote, shown", [
    ("en", "† desk research", "(desk research from public documentation"),
    ("tr", "† masa başı araştırma", "(herkese açık dokümantasyon ve fiyat sayfalarından masa başı"),
])
def test_vendors_list_and_show_label_desk_research(monkeypatch, lang, footnote, shown) -> None:
    from click.testing import CliRunner

    from crmselect.cli import main

    monkeypatch.setenv("CRMSELECT_LANG", lang)
    listed = CliRunner().invoke(main, ["vendors", "list"])
    assert listed.exit_code == 0, listed.output
    rows = {line.split()[0]: line for line in listed.output.splitlines() if line.strip()}
    for vid in ("salesforce", "dynamics365", "odoo"):
        assert "†" in rows[vid], rows[vid]
    assert "†" not in rows["northwind_cloud"]
    assert footnote in listed.output
    detail = CliRunner().invoke(main, ["vendors", "show", "salesforce"])
    assert detail.exit_code == 0, detail.output
    assert shown in detail.output
    illustrative = CliRunner().invoke(main, ["vendors", "show", "northwind_cloud"])
    assert shown not in illustrative.output


# Every bundled profile's comments are bilingual (Turkish review row 57).
_TURKISH_LETTERS = set("çğıöşüÇĞİÖŞÜ")


def _common_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[A-Za-zÇĞİÖŞÜçğıöşü]+", text) if w.islower()]


def _turkish_is_english(text: Text) -> bool:
    """True when the Turkish text is the English one again (no Turkish letter and at least half
    of its common words taken from the English). Product, menu and API names keep their spelling
    in Turkish, so capitalised words and numbers are not counted."""
    en, tr = " ".join(text.en.split()), " ".join(text.tr.split())
    english_words = set(_common_words(en))
    words = _common_words(tr)
    borrowed = sum(w in english_words for w in words) / max(len(words), 1)
    return tr == en or (not _TURKISH_LETTERS & set(tr) and borrowed >= 0.5)


def _untranslated_comments(profile: VendorProfile) -> list[str]:
    """The answers whose comment a Turkish evaluator would read in English: a plain string (shown
    to both languages), or a Turkish text that is the English one again."""
    problems = []
    for rid, r in profile.responses.items():
        if not isinstance(r.comment, Text):
            problems.append(f"{rid}: one language")
        elif _turkish_is_english(r.comment):
            problems.append(f"{rid}: Turkish is English")
    return problems


@pytest.mark.parametrize("vid", sorted(EXPECTED))
def test_every_comment_of_a_bundled_profile_is_bilingual(profiles, vid) -> None:
    """A Turkish evaluator reads the profile's comments on the web scoring page and in the Turkish
    documents: each comment has an English and a Turkish text, and the Turkish one is Turkish."""
    assert _untranslated_comments(profiles[vid]) == [], vid


def test_the_bilingual_check_catches_english_left_in_turkish(profiles) -> None:
    profile = profiles["suitecrm"]
    first, second, third, fourth = sorted(profile.responses)[:4]
    broken = dict(profile.responses)
    broken[first] = broken[first].model_copy(update={"comment": "Built in as standard."})
    english = Text(en="Built in as standard.", tr="Built in as standard.")
    broken[second] = broken[second].model_copy(update={"comment": english})
    nearly = Text(en="Built in as standard, with reports.", tr="Built in as standard, raporlarla.")
    broken[third] = broken[third].model_copy(update={"comment": nearly})
    fine = Text(en="Custom development with Studio.", tr="Studio ile ozel gelistirme.")
    broken[fourth] = broken[fourth].model_copy(update={"comment": fine})
    problems = _untranslated_comments(profile.model_copy(update={"responses": broken}))
    assert problems == [f"{first}: one language", f"{second}: Turkish is English",
                        f"{third}: Turkish is English"]


def test_every_comment_of_the_sample_responses_is_bilingual() -> None:
    """The sample's vendor answers (Turkish review row 57): a Turkish evaluator scoring the
    sample on the web, or reading its Turkish comparison, reads every comment in Turkish."""
    from crmselect.model import VendorResponseFile
    from crmselect.resources import sample_project_dir
    from crmselect.yamlfile import read_document

    for path in sorted((sample_project_dir() / "responses").glob("*.yaml")):
        response = VendorResponseFile.model_validate(read_document(path).data)
        profile = VendorProfile.model_construct(responses={
            rid: r for rid, r in response.responses.items() if localize(r.comment, "en")})
        assert _untranslated_comments(profile) == [], path.name


# Every descriptive third-party product is bilingual (Turkish review rows 57 and 85): the migration
# plan's tasks ("Üçüncü taraf ürünü alın ve kurun: …"), the report's risk and add-on lines and the
# web scoring page name the product in the reader's language.
_WORD = re.compile(r"[^\W\d_][\w'.&+/-]*")


def _is_a_name(text: str) -> bool:
    """A pure product name ("Zoho Billing Standard", "Salesforce Shield (Platform Encryption, …)"):
    every word starts with a capital letter. One lowercase word ("add-on", "for", "per user",
    "e.g.", "or") makes it a description, which has to be written in both languages."""
    return all(word[0].isupper() for word in _WORD.findall(text))


def _untranslated_products(responses: dict[str, Response]) -> list[str]:
    problems = []
    for rid, r in responses.items():
        product = r.third_party_product
        if isinstance(product, Text):
            if _turkish_is_english(product):
                problems.append(f"{rid}: Turkish is English")
        elif product.strip() and not _is_a_name(product):
            problems.append(f"{rid}: one language")
    return problems


@pytest.mark.parametrize("vid", sorted(EXPECTED))
def test_every_descriptive_third_party_product_of_a_profile_is_bilingual(profiles, vid) -> None:
    assert _untranslated_products(profiles[vid].responses) == [], vid


def test_every_descriptive_third_party_product_of_the_sample_is_bilingual() -> None:
    from crmselect.model import VendorResponseFile
    from crmselect.resources import sample_project_dir
    from crmselect.yamlfile import read_document

    for path in sorted((sample_project_dir() / "responses").glob("*.yaml")):
        response = VendorResponseFile.model_validate(read_document(path).data)
        assert _untranslated_products(response.responses) == [], path.name


@pytest.mark.parametrize("product, problem", [
    ("Live chat tool with SuiteCRM connector (e.g. LiveChat or Tawk.to)", "one language"),
    ("B2B Commerce on Salesforce", "one language"),
    ("Salesforce Maps (per user)", "one language"),
    ("SuiteCRM Outlook plug-in", "one language"),
    ("e-Fatura integrator connector", "one language"),
    (Text(en="Payment add-on with iyzico", tr="Payment add-on with iyzico"), "Turkish is English"),
    (Text(en="Field service add-on (SuiteCRM Store)", tr="Field service add-on (SuiteCRM Store)"),
     "Turkish is English"),
    (Text(en="Zapier (integration platform)", tr="Zapier (integration platformu)"),
     "Turkish is English"),
    ("Zoho Billing Standard", None),
    ("Dynamics 365 Customer Insights (Journeys + Data)", None),
    ("SuiteCRM Outlook Plug-in", None),
    ("", None),
    (Text(en="Salesforce Maps (per user)", tr="Salesforce Maps (kullanıcı başına)"), None),
    (Text(en="Field service add-on (SuiteCRM Store)", tr="Saha servisi eklentisi (SuiteCRM Store)"),
     None),
])
def test_the_product_check_tells_a_name_from_an_english_description(product, problem) -> None:
    response = Response(compliance="third_party", third_party_product=product)
    expected = [] if problem is None else [f"OPS-SFA-001: {problem}"]
    assert _untranslated_products({"OPS-SFA-001": response}) == expected


@pytest.mark.parametrize("vid", sorted(EXPECTED))
def test_product_edition_and_references_of_a_profile_read_in_turkish(profiles, vid) -> None:
    """The web's vendor pages and the Turkish documents show a profile's product, edition and
    references (review row 85): a description is bilingual; a pure name may stay plain."""
    profile = profiles[vid]
    fields = {"product": profile.product, "edition": profile.edition}
    fields |= {f"references[{i}]": ref for i, ref in enumerate(profile.references)}
    problems = []
    for name, value in fields.items():
        if isinstance(value, Text):
            if value.tr == value.en:
                problems.append(f"{name}: Turkish is English")
        elif value.strip() and not _is_a_name(value):
            problems.append(f"{name}: one language")
    assert problems == [], vid
