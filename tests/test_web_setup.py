"""Project setup in the browser (issue 14): the /setup pages build project.yaml from an empty
folder, keep its comments, show problems at their field, refuse a stale save, write the audit
log, and are reached by the facilitator only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest_web import add_accounts
from flask import Flask
from sqlalchemy import select

from crmselect.evaluationdb.schema import AuditEntry
from crmselect.project import load_project

_DIGEST = re.compile(r'name="digest" value="([0-9a-f]{64})"')
ROUTES = ["/setup/", "/setup/organisation", "/setup/budget", "/setup/requirements",
          "/setup/weights", "/setup/people", "/setup/vendors", "/setup/scenarios"]


@pytest.fixture
def fac(setup_app: Flask):
    client = setup_app.test_client()
    client.as_user("selin")
    return client


def digest(client, page: str) -> str:
    response = client.get(page)
    assert response.status_code == 200, response.text[:400]
    return _DIGEST.search(response.text).group(1)


def post(client, page: str, data: dict, **kw):
    form_page = page.removesuffix("/custom")
    return client.post(page, data={"digest": digest(client, form_page), **data}, **kw)


def data_of(folder: Path) -> dict:
    return yaml.safe_load((folder / "project.yaml").read_text(encoding="utf-8"))


ORGANISATION = {
    "name.en": "Acme CRM selection 2027", "name.tr": "Acme CRM seçimi 2027",
    "language": "en", "organisation.name": "Acme Makina A.Ş.", "organisation.country": "TR",
    "organisation.employees": "45", "organisation.industry.en": "Pumps",
    "organisation.industry.tr": "Pompa", "organisation.departments": "sales, service, it",
    "organisation.channels": "phone, email, dealers, online_store",
    "users[0].role": "sales", "users[0].count": "12", "users[0].licence": "standard",
    "users[0].department": "sales",
    "users[1].role": "field_sales", "users[1].count": "6", "users[1].licence": "standard",
    "users[2].role": "", "users[2].count": "",
    "users[3].role": "service", "users[3].count": "8",
    "organisation.current_systems[0].name.en": "Logo Tiger 3",
    "organisation.current_systems[0].category": "erp",
    "organisation.current_systems[1].name.en": "Excel lists",
    "organisation.current_systems[1].name.tr": "Excel listeleri",
    "organisation.current_systems[1].category": "spreadsheet",
    "organisation.current_systems[1].replace": "yes",
    "records[0].entity": "accounts", "records[0].count": "4800",
    "records[1].entity": "contacts", "records[1].count": "11500",
    "objectives[0].en": "One customer view", "objectives[0].tr": "Tek müşteri görünümü",
}


def test_the_organisation_page_writes_project_yaml_keeping_comments(fac, new_project) -> None:
    path = new_project / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# kept: a comment of my own\n",
                    encoding="utf-8")
    response = post(fac, "/setup/organisation", ORGANISATION)
    assert response.status_code == 302, response.text[:2000]
    text = path.read_text(encoding="utf-8")
    assert "# kept: a comment of my own" in text
    assert text.startswith("# yaml-language-server")
    data = data_of(new_project)
    assert data["organisation"]["name"] == "Acme Makina A.Ş."
    assert data["name"] == {"en": "Acme CRM selection 2027", "tr": "Acme CRM seçimi 2027"}
    assert [u["role"] for u in data["users"]] == ["sales", "field_sales", "service"]
    assert data["organisation"]["volumes"]["records"] == {"accounts": 4800, "contacts": 11500}
    assert data["organisation"]["migrated_entities"] == ["accounts", "contacts"]
    assert data["organisation"]["current_systems"][1] == {
        "name": {"en": "Excel lists", "tr": "Excel listeleri"}, "category": "spreadsheet",
        "replace": True}
    # Key order kept: name first, evaluators where they were.
    assert list(data)[:2] == ["name", "organisation"]
    load_project(new_project)


def test_a_bad_value_is_shown_at_its_field_and_nothing_is_saved(fac, new_project) -> None:
    before = (new_project / "project.yaml").read_text(encoding="utf-8")
    bad = {**ORGANISATION, "users[3].count": "many", "organisation.departments": "Satış"}
    response = post(fac, "/setup/organisation", bad)
    assert response.status_code == 422
    assert (new_project / "project.yaml").read_text(encoding="utf-8") == before
    # The problem sits at row 3 of the page (row 2 was blank and dropped).
    html = response.text
    row = html[html.index('name="users[3].count"'):]
    assert 'aria-invalid="true"' in row[:200]
    assert "valid integer" in row[:600] or "number" in row[:600]
    assert 'value="many"' in html  # what was typed is shown back


def test_a_save_after_a_change_on_disk_is_refused(fac, new_project) -> None:
    stale = digest(fac, "/setup/organisation")
    path = new_project / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# edited in an editor\n",
                    encoding="utf-8")
    response = fac.post("/setup/organisation", data={"digest": stale, **ORGANISATION})
    assert response.status_code == 409
    assert "changed by someone else" in response.text
    assert "Acme Makina" not in path.read_text(encoding="utf-8")


def test_every_save_is_in_the_audit_log(fac, setup_app) -> None:
    assert post(fac, "/setup/organisation", ORGANISATION).status_code == 302
    with setup_app.extensions["crmselect"].db.read() as s:
        entries = s.scalars(select(AuditEntry)).all()
    assert [(e.actor, e.action, e.target) for e in entries] == [
        ("selin", "setup_organisation", "project.yaml")]
    assert "Acme Makina" in entries[0].new_value
    page = fac.get("/facilitator/audit")
    assert page.status_code == 200 and "Setup: organisation" in page.text


def test_requirements_are_proposed_from_the_organisations_facts(fac, new_project) -> None:
    assert post(fac, "/setup/organisation", ORGANISATION).status_code == 302
    page = fac.get("/setup/requirements").text
    assert "requirements are proposed" in page
    assert post(fac, "/setup/requirements", {"action": "propose"}).status_code == 302
    chosen = {r if isinstance(r, str) else r["id"] for r in data_of(new_project)["requirements"]}
    # ERP among current systems, a field-sales role, a Turkish organisation, dealers.
    assert {"INT-FIN-002", "INT-FIN-006", "OPS-MOB-001", "NFR-PRV-001", "NFR-PRV-002",
            "COL-PRM-001", "INT-ECM-001"} <= chosen
    assert "OPS-SRV-016" not in chosen  # no field technicians


def test_ticking_priorities_notes_and_search(fac, new_project) -> None:
    page = fac.get("/setup/requirements?q=sikayet").text
    assert "OPS-SRV-013" in page and "OPS-SFA-001" not in page  # folded: şikâyet
    data = {"shown": ["OPS-SFA-001", "OPS-SFA-002", "OPS-SFA-003"],
            "pick.OPS-SFA-001": "yes", "priority.OPS-SFA-001": "could",
            "note.OPS-SFA-001.en": "Phone leads", "note.OPS-SFA-001.tr": "Telefon adayları",
            "pick.OPS-SFA-002": "yes", "priority.OPS-SFA-002": ""}
    assert post(fac, "/setup/requirements", data).status_code == 302
    assert data_of(new_project)["requirements"] == [
        {"id": "OPS-SFA-001", "priority": "could",
         "note": {"en": "Phone leads", "tr": "Telefon adayları"}}, "OPS-SFA-002"]
    # Unticking a shown one removes it; ones not shown are kept.
    assert post(fac, "/setup/requirements", {"shown": ["OPS-SFA-001"]}).status_code == 302
    assert data_of(new_project)["requirements"] == ["OPS-SFA-002"]


def test_a_custom_requirement_is_added(fac, new_project) -> None:
    response = post(fac, "/setup/requirements/custom", {
        "group": "operational/sales_automation", "priority": "must", "phase": "acquisition",
        "title.en": "Tender tracking", "title.tr": "İhale takibi",
        "description.en": "Public tenders are tracked.",
        "description.tr": "Kamu ihaleleri izlenir."},
        follow_redirects=False)
    assert response.status_code == 302, response.text[:3000]
    custom = data_of(new_project)["custom_requirements"][0]
    assert custom["id"] == "CUS-SALE-001" and custom["priority"] == "must"
    missing = post(fac, "/setup/requirements/custom", {
        "group": "operational/sales_automation", "title.en": "", "description.en": "x"})
    assert missing.status_code == 422


def test_budget_timeline_and_the_proposed_dates(fac, new_project) -> None:
    proposed = post(fac, "/setup/budget", {"action": "propose", "timeline.go_live": "2027-09-06",
                                           "currency": "TRY"})
    assert proposed.status_code == 200
    assert 'value="2027-09-06"' in proposed.text
    assert "Dates proposed" in proposed.text
    bad = post(fac, "/setup/budget", {"currency": "TRY", "tco.target_budget": "900000",
                                      "tco.ceiling": "500000", "timeline.go_live": "2027-09-06",
                                      "timeline.decision": "2027-10-01"})
    assert bad.status_code == 422
    html = bad.text
    assert 'aria-invalid="true"' in html[html.index('name="tco.ceiling"'):][:300]
    assert 'aria-invalid="true"' in html[html.index('name="timeline.go_live"'):][:300]
    ok = post(fac, "/setup/budget", {"currency": "TRY", "tco.horizon_years": "5",
                                     "tco.target_budget": "900000", "tco.ceiling": "1500000",
                                     "rates[0].currency": "eur", "rates[0].rate": "37.5",
                                     "timeline.decision": "2027-03-19",
                                     "timeline.go_live": "2027-09-06"})
    assert ok.status_code == 302, ok.text[:3000]
    data = data_of(new_project)
    assert data["exchange_rates"] == {"EUR": 37.5}
    assert data["tco"]["ceiling"] == 1500000


def test_weights_direct_and_ahp_with_consistency_ratio(fac, new_project) -> None:
    direct = {"method": "direct", "scoring.knockout_threshold": "1.5",
              **{f"weights.criteria.{c}": v for c, v in (
                  ("functional", "40"), ("integration", "15"), ("non_functional", "10"),
                  ("test_drive", "15"), ("cost", "15"), ("references", "5"))}}
    assert post(fac, "/setup/weights", direct).status_code == 302
    data = data_of(new_project)
    assert data["weights"]["criteria"]["functional"] == 40
    assert data["scoring"]["knockout_threshold"] == 1.5
    ahp = {**direct, "method": "ahp", "ahp.functional.cost": "3", "ahp.functional.references": "9"}
    response = post(fac, "/setup/weights", ahp, follow_redirects=True)
    assert "Consistency ratio" in response.text
    matrix = data_of(new_project)["weights"]["ahp"]["criteria"]
    assert matrix["matrix"][0][4] == 3 and matrix["matrix"][4][0] == pytest.approx(0.3333)
    assert post(fac, "/setup/weights", {**ahp, "ahp.functional.cost": "4"}).status_code == 422


def test_evaluators_keep_a_facilitator(fac, new_project) -> None:
    people = {"evaluators[0].id": "selin", "evaluators[0].name": "Selin Aydın",
              "evaluators[0].role": "facilitator",
              "evaluators[1].id": "ayse", "evaluators[1].name": "Ayşe Yılmaz",
              "evaluators[1].role": "evaluator", "evaluators[1].department": "sales",
              "evaluators[1].areas.operational": "yes",
              # an empty row as the page sends it: the selects keep their defaults
              "evaluators[2].role": "evaluator", "evaluators[2].language": ""}
    assert post(fac, "/setup/people", people).status_code == 302
    assert data_of(new_project)["evaluators"][1] == {
        "id": "ayse", "name": "Ayşe Yılmaz", "role": "evaluator", "department": "sales",
        "areas": ["operational"]}
    nobody = {**people, "evaluators[0].role": "evaluator"}
    assert post(fac, "/setup/people", nobody).status_code == 422
    twice = {**people, "evaluators[1].id": "selin"}
    response = post(fac, "/setup/people", twice)
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.text[response.text.index(
        'name="evaluators[1].id"'):][:300]


def test_vendors_and_scenarios(fac, new_project) -> None:
    page = fac.get("/setup/vendors").text
    assert "Desk score" in page
    assert post(fac, "/setup/vendors", {"pick": ["odoo", "suitecrm", "nope"]}).status_code == 302
    assert data_of(new_project)["vendors"] == ["odoo", "suitecrm"]
    proposed = post(fac, "/setup/scenarios", {"action": "propose"})
    assert proposed.status_code == 200 and "checked" in proposed.text
    picked = {"pick": ["SCN-LEAD2DEAL", "SCN-COMPLAINT"]}
    assert post(fac, "/setup/scenarios", picked).status_code == 302
    assert data_of(new_project)["scenarios"] == ["SCN-LEAD2DEAL", "SCN-COMPLAINT"]


@pytest.mark.parametrize("route", ROUTES)
def test_only_the_facilitator_reaches_setup(setup_app, new_project, password_hash,
                                          route) -> None:
    path = new_project / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8")
                    + "  - {id: ayse, name: Ayşe, role: evaluator}\n"
                    + "  - {id: omer, name: Ömer, role: observer}\n", encoding="utf-8")
    add_accounts(setup_app.extensions["crmselect"].db, ["ayse", "omer"], password_hash)
    anonymous = setup_app.test_client()
    response = anonymous.get(route)
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert anonymous.post(route, data={}).status_code in (400, 401, 403, 405)
    for who in ("ayse", "omer"):
        client = setup_app.test_client()
        client.as_user(who)
        assert client.get(route).status_code == 403
        if route != "/setup/":
            assert client.post(route, data={"digest": "x"}).status_code == 403
        if route == "/setup/requirements":
            assert client.post("/setup/requirements/custom",
                               data={"title.en": "x"}).status_code == 403
    fac = setup_app.test_client()
    fac.as_user("selin")
    assert fac.get(route).status_code == 200


def test_setup_pages_are_not_served_without_setup(app_factory, new_project) -> None:
    app = app_factory(new_project)
    client = app.test_client()
    client.as_user("selin")
    assert client.get("/setup/").status_code == 404


def test_the_pages_speak_turkish(fac) -> None:
    fac.post("/language", data={"lang": "tr"})
    for route in ROUTES:
        page = fac.get(route).text
        assert "Proje kurulumu" in page or "Kurulum" in page, route
    assert "Gereksinimler" in fac.get("/setup/requirements").text


def test_a_form_without_its_csrf_token_is_refused(fac, new_project) -> None:
    before = (new_project / "project.yaml").read_text(encoding="utf-8")
    response = fac.post("/setup/organisation", csrf=False,
                        data={"digest": digest(fac, "/setup/organisation"), **ORGANISATION})
    assert response.status_code == 400
    assert (new_project / "project.yaml").read_text(encoding="utf-8") == before


def test_the_facilitator_finds_setup_in_the_menu(fac, app_factory, new_project) -> None:
    assert 'href="/setup/"' in fac.get("/facilitator/").text
    plain = app_factory(new_project).test_client()
    plain.as_user("selin")
    assert 'href="/setup/"' not in plain.get("/facilitator/").text


def test_the_page_shows_examples_only_on_the_first_empty_row(fac) -> None:
    page = fac.get("/setup/organisation").text
    assert page.count('placeholder="sales"') == 2  # role and department of row 1


@pytest.mark.parametrize("route", ROUTES)
def test_setup_pages_have_no_inline_script_or_style(fac, route) -> None:
    page = fac.get(route).text
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)
    assert not re.search(r"\sstyle\s*=", page)


def test_a_problem_without_a_field_on_the_page_is_listed_above_the_form(fac, new_project
                                                                       ) -> None:
    bad = {**ORGANISATION, "organisation.current_systems[0].name.en": "",
           "organisation.current_systems[0].category": "ERP"}
    response = post(fac, "/setup/organisation", bad)
    assert response.status_code == 422
    head = response.text[response.text.index('role="alert"'):][:1500]
    assert "organisation.current_systems[0]" in head
    row = response.text[response.text.index('name="organisation.current_systems[0].name.en"'):]
    assert 'aria-invalid="true"' in row[:300]


def test_the_catalog_lists_every_requirement_with_its_default_priority(fac) -> None:
    from crmselect.catalog import load_catalog

    page = fac.get("/setup/requirements").text
    catalog = load_catalog()
    assert page.count('name="shown"') == len(catalog.entries)
    musts = sum(1 for e in catalog.entries.values() if e.requirement.priority == "must")
    assert page.count(">catalog: Must<") == musts
    assert page.count("<details class=\"req-more\">") == len(catalog.entries)


def test_weights_ahp_for_the_functional_areas(fac, new_project) -> None:
    """Issue 14, point 4: an AHP pairwise form for the functional areas too, checked on save
    and written to weights.ahp.areas; the criteria keep their direct weights."""
    direct = {"method": "direct", "scoring.knockout_threshold": "2",
              **{f"weights.criteria.{c}": v for c, v in (
                  ("functional", "40"), ("integration", "15"), ("non_functional", "10"),
                  ("test_drive", "15"), ("cost", "15"), ("references", "5"))}}
    areas = {**direct, "area_method": "ahp", "ahp_areas.operational.analytical": "3",
             "ahp_areas.operational.collaborative": "5", "ahp_areas.operational.e_crm": "3",
             "ahp_areas.analytical.collaborative": "3", "ahp_areas.analytical.e_crm": "1",
             "ahp_areas.collaborative.e_crm": "1/3"}
    response = post(fac, "/setup/weights", areas, follow_redirects=True)
    assert "Functional areas: consistency ratio 0.0" in response.text, response.text[:3000]
    weights = data_of(new_project)["weights"]
    assert "criteria" not in weights.get("ahp", {})
    matrix = weights["ahp"]["areas"]
    assert matrix["items"] == ["operational", "analytical", "collaborative", "e_crm"]
    assert matrix["matrix"][0][1] == 3 and matrix["matrix"][1][0] == pytest.approx(0.3333)
    assert matrix["matrix"][3][2] == 3
    assert weights["criteria"]["functional"] == 40
    # The page shows the saved judgements and the result again.
    page = fac.get("/setup/weights").text
    assert 'name="area_method" value="ahp" checked' in page
    last = page[page.index('name="ahp_areas.collaborative.e_crm"'):]
    assert '<option selected>1/3</option>' in last
    assert "Operational" in last[last.index('<p class="ahp-result"'):]
    # A judgement off the scale is refused at its field; nothing is written.
    before = (new_project / "project.yaml").read_text(encoding="utf-8")
    bad = post(fac, "/setup/weights", {**areas, "ahp_areas.operational.e_crm": "4"})
    assert bad.status_code == 422 and "Choose a judgement from 1/9 to 9." in bad.text
    assert (new_project / "project.yaml").read_text(encoding="utf-8") == before
    # Both levels at once; then back to direct weights for the areas removes their matrix.
    both = {**areas, "method": "ahp", "ahp.functional.cost": "3"}
    text = post(fac, "/setup/weights", both, follow_redirects=True).text
    assert "Saved. Top-level criteria: consistency ratio" in text and \
        ". Functional areas: consistency ratio" in text
    assert set(data_of(new_project)["weights"]["ahp"]) == {"criteria", "areas"}
    post(fac, "/setup/weights", {**both, "area_method": "direct"})
    assert set(data_of(new_project)["weights"]["ahp"]) == {"criteria"}
    post(fac, "/setup/weights", {**both, "area_method": "direct", "method": "direct"})
    assert "ahp" not in data_of(new_project)["weights"]


def test_weights_areas_ahp_in_turkish(fac, new_project) -> None:
    fac.post("/language", data={"lang": "tr"})
    page = fac.get("/setup/weights").text
    assert "soldaki alan sağdakinden ne kadar önemli" in page
    areas = {"method": "direct", "area_method": "ahp", "ahp_areas.operational.analytical": "3"}
    text = post(fac, "/setup/weights", areas, follow_redirects=True).text
    assert "Fonksiyonel alanlar: tutarlılık oranı" in text


# --- Two bad cells of a row: each problem at its own cell --------------------------------------

def cell_error(html: str, name: str) -> str | None:
    """The error shown at the field ``name`` of a setup page (None: none)."""
    import html as htmllib

    start = html.index(f'name="{name}"')
    end = html.find("</td>", start)
    end = html.find("</label>", start) if end == -1 else end
    found = re.search(r'class="field-error" role="alert">([^<]*)<', html[start:end])
    return htmllib.unescape(found.group(1)) if found else None


CURRENCY = {"en": "expected a three-letter currency code like EUR or TRY, got 'EURO'",
            "tr": "EUR veya TRY gibi üç harfli bir para birimi kodu bekleniyordu; verilen değer: "
                  "'EURO'"}
NUMBER = {"en": "expected a number, got 'abc'", "tr": "sayı bekleniyordu; verilen değer: 'abc'"}


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_a_bad_currency_and_a_bad_rate_each_sit_at_their_cell(fac, new_project, lang) -> None:
    fac.post("/language", data={"lang": lang})
    before = (new_project / "project.yaml").read_text(encoding="utf-8")
    response = post(fac, "/setup/budget", {"currency": "TRY", "rates[0].currency": "EURO",
                                           "rates[0].rate": "abc"})
    assert response.status_code == 422
    html = response.text
    assert cell_error(html, "rates[0].currency") == CURRENCY[lang]
    assert cell_error(html, "rates[0].rate") == NUMBER[lang]
    # the loader now reports the value under a bad key too: still said once in the list above
    assert html.count(NUMBER[lang].replace("'", "&#39;")) == 2  # its cell and the list
    assert 'value="EURO"' in html and 'value="abc"' in html
    assert (new_project / "project.yaml").read_text(encoding="utf-8") == before


def test_the_rates_table_places_each_problem_in_its_row(fac, new_project) -> None:
    before = (new_project / "project.yaml").read_text(encoding="utf-8")
    html = post(fac, "/setup/budget", {"currency": "TRY",
                                       "rates[0].currency": "EURO", "rates[0].rate": "3",
                                       "rates[2].currency": "usd", "rates[2].rate": "-1",
                                       "rates[3].currency": "", "rates[3].rate": "40"}).text
    assert cell_error(html, "rates[0].currency") == CURRENCY["en"]
    assert cell_error(html, "rates[0].rate") is None
    assert cell_error(html, "rates[2].currency") is None
    assert cell_error(html, "rates[2].rate") == "-1 must be > 0"
    assert cell_error(html, "rates[3].currency") == \
        "expected a three-letter currency code like EUR or TRY, got ''"
    assert cell_error(html, "rates[3].rate") is None
    assert (new_project / "project.yaml").read_text(encoding="utf-8") == before


@pytest.mark.parametrize("lang, said", [
    ("en", "EUR has a rate in an earlier row already: keep one row per currency."),
    ("tr", "EUR için üstteki bir satırda zaten kur var: her para birimine tek satır yazın.")])
def test_a_currency_in_two_rows_is_refused_not_merged(fac, new_project, lang, said) -> None:
    """EUR and eur were one key: the second rate replaced the first without a word."""
    fac.post("/language", data={"lang": lang})
    before = (new_project / "project.yaml").read_text(encoding="utf-8")
    html = post(fac, "/setup/budget", {"currency": "TRY", "rates[0].currency": "EUR",
                                       "rates[0].rate": "37.5", "rates[1].currency": "eur",
                                       "rates[1].rate": "40"}).text
    assert cell_error(html, "rates[1].currency") == said
    assert cell_error(html, "rates[0].currency") is None
    assert (new_project / "project.yaml").read_text(encoding="utf-8") == before


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_a_bad_entity_and_a_bad_count_each_sit_at_their_cell(fac, new_project, lang) -> None:
    fac.post("/language", data={"lang": lang})
    before = (new_project / "project.yaml").read_text(encoding="utf-8")
    bad = {**ORGANISATION, "records[0].entity": "Accounts", "records[0].count": "abc",
           "records[1].entity": "", "records[1].count": "11500"}
    response = post(fac, "/setup/organisation", bad)
    assert response.status_code == 422
    html = response.text
    entity = cell_error(html, "records[0].entity")
    assert entity and "'Accounts'" in entity and ("expected lower-case" in entity) == (
        lang == "en")
    assert cell_error(html, "records[0].count") == {
        "en": "expected a whole number, got 'abc'",
        "tr": "tam sayı bekleniyordu; verilen değer: 'abc'"}[lang]
    # A count without its kind of record was dropped without a word.
    assert cell_error(html, "records[1].entity") == {
        "en": "Say what these 11500 records are (such as accounts or contacts).",
        "tr": "Bu 11500 kaydın ne olduğunu yazın (örneğin accounts ya da contacts)."}[lang]
    assert cell_error(html, "records[1].count") is None
    assert (new_project / "project.yaml").read_text(encoding="utf-8") == before


# --- The weights-saved notice: whole sentences, each with its full stop -------------------------

AHP_CRITERIA = {"method": "ahp", "ahp.functional.cost": "3"}
AHP_AREAS = {"area_method": "ahp", "ahp_areas.operational.analytical": "3"}
_CR = r"0[.,]\d{3}"


@pytest.mark.parametrize("lang, form, notice", [
    ("en", AHP_CRITERIA, rf"Saved\. Consistency ratio {_CR}: consistent\."),
    ("en", AHP_AREAS, rf"Saved\. Functional areas: consistency ratio {_CR}, consistent\."),
    ("en", {**AHP_CRITERIA, **AHP_AREAS},
     rf"Saved\. Top-level criteria: consistency ratio {_CR}, consistent\. "
     rf"Functional areas: consistency ratio {_CR}, consistent\."),
    ("tr", AHP_CRITERIA, rf"Kaydedildi\. Tutarlılık oranı {_CR}: tutarlı\."),
    ("tr", AHP_AREAS, rf"Kaydedildi\. Fonksiyonel alanlar: tutarlılık oranı {_CR}, tutarlı\."),
    ("tr", {**AHP_CRITERIA, **AHP_AREAS},
     rf"Kaydedildi\. Üst düzey kriterler: tutarlılık oranı {_CR}, tutarlı\. "
     rf"Fonksiyonel alanlar: tutarlılık oranı {_CR}, tutarlı\."),
])
def test_the_weights_notice_is_whole_sentences(fac, new_project, lang, form, notice) -> None:
    """The notice was two messages joined with a space, the first without its full stop:
    "… 0,042: tutarlı Fonksiyonel alanlar: …"."""
    fac.post("/language", data={"lang": lang})
    text = post(fac, "/setup/weights", {"method": "direct", **form}, follow_redirects=True).text
    shown = re.findall(r'<p class="flash flash-ok" role="status">([^<]*)</p>', text)
    assert len(shown) == 1 and re.fullmatch(notice, shown[0]), shown


# --- a wrong country at its field, in the reader's language ----------------------------------


@pytest.mark.parametrize("lang, said", [
    ("en", "(did you mean DE, Germany?)"),
    ("tr", "(şunu mu demek istediniz: DE, Almanya?)"),
])
def test_the_setup_page_shows_a_wrong_country_at_its_field(new_project, app_factory, lang,
                                                          said):
    import html as htmllib

    app = app_factory(new_project, SETUP=True)
    fac = app.test_client()
    fac.as_user("selin")
    fac.post("/language", data={"lang": lang})
    before = (new_project / "project.yaml").read_text(encoding="utf-8")
    response = post(fac, "/setup/organisation", {**ORGANISATION,
                                                 "organisation.country": "Germny"})
    assert response.status_code == 422
    page = htmllib.unescape(response.text)
    field = page[page.index('name="organisation.country"'):]
    assert said in field[:800], field[:800]
    assert (new_project / "project.yaml").read_text(encoding="utf-8") == before
