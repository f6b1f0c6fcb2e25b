"""End-to-end (issue 14's done-test): a project built in a real browser from an empty folder
through the setup pages only — organisation, 60+ requirements with priorities and notes,
budget, timeline, three evaluators, four vendors, two scenarios — then ``crmselect validate``
passes on the result and ``crmselect build`` writes every document. Screenshots of the pages
in both languages, on a desktop and on a phone, go to ``CRMSELECT_SCREENSHOTS`` (or a
temporary folder)."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner
from conftest_web import live_server

from crmselect.cli import main
from crmselect.evaluationdb.accounts import create_invitation

PASSWORD = "plum tractor meadow"


def save(page) -> None:  # noqa: ANN001
    from playwright.sync_api import expect

    page.click("form.setup-form button.primary")
    expect(page.locator(".flash-ok")).to_be_visible()


def test_a_project_built_in_the_browser_validates_and_builds(
        browser, new_project: Path, shots: Path) -> None:
    from playwright.sync_api import expect

    from crmselect.webapp import create_app

    app = create_app(new_project, test_config={"SETUP": True, "PROJECT_CHECK_INTERVAL": 0})
    token, _expires = create_invitation(app.extensions["crmselect"].db, "selin")
    with live_server(app, threads=4) as site:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
        page = context.new_page()
        # The one-time link `crmselect setup` prints: the facilitator sets a password.
        page.goto(f"{site}/invite/{token}")
        page.fill("input[name=password]", PASSWORD)
        page.fill("input[name=confirm]", PASSWORD)
        page.click("button.primary")
        page.goto(f"{site}/setup/")
        page.screenshot(path=str(shots / "setup-overview-en.png"), full_page=True)

        # 1. Organisation.
        page.goto(f"{site}/setup/organisation")
        page.fill("input[name='name.en']", "Acme CRM selection 2027")
        page.fill("input[name='name.tr']", "Acme CRM seçimi 2027")
        page.fill("input[name='organisation.name']", "Acme Makina A.Ş.")
        page.fill("input[name='organisation.country']", "TR")
        page.fill("input[name='organisation.employees']", "45")
        page.fill("input[name='organisation.industry.en']", "Industrial pumps")
        page.fill("input[name='organisation.industry.tr']", "Endüstriyel pompa")
        page.fill("input[name='organisation.departments']", "sales, service, finance, it")
        page.fill("input[name='organisation.channels']", "phone, email, dealers, whatsapp")
        for i, (role, count) in enumerate((("sales", "12"), ("field_sales", "6"),
                                           ("service", "8"))):
            page.fill(f"input[name='users[{i}].role']", role)
            page.fill(f"input[name='users[{i}].count']", count)
        page.fill("input[name='organisation.current_systems[0].name.en']", "Logo Tiger 3")
        page.fill("input[name='organisation.current_systems[0].category']", "erp")
        page.fill("input[name='organisation.current_systems[1].name.en']", "Alotech")
        page.fill("input[name='organisation.current_systems[1].category']", "telephony")
        page.fill("input[name='records[0].entity']", "accounts")
        page.fill("input[name='records[0].count']", "4800")
        page.fill("input[name='records[1].entity']", "contacts")
        page.fill("input[name='records[1].count']", "11500")
        page.fill("input[name='objectives[0].en']", "One customer view for sales and service")
        page.fill("input[name='objectives[0].tr']", "Satış ve servis için tek müşteri görünümü")
        save(page)
        # A typo is shown at its field, and nothing is saved.
        page.fill("input[name='users[2].count']", "many")
        page.click("form.setup-form button.primary")
        expect(page.locator("td.has-error input[name='users[2].count']")).to_be_visible()
        page.screenshot(path=str(shots / "setup-organisation-error-en.png"), full_page=True)
        page.goto(f"{site}/setup/organisation")
        page.screenshot(path=str(shots / "setup-organisation-en.png"), full_page=True)

        # 2. Budget and timeline (proposed from go-live).
        page.goto(f"{site}/setup/budget")
        page.fill("input[name='currency']", "TRY")
        page.fill("input[name='tco.target_budget']", "2500000")
        page.fill("input[name='tco.ceiling']", "4000000")
        page.fill("input[name='rates[0].currency']", "EUR")
        page.fill("input[name='rates[0].rate']", "37.5")
        page.fill("input[name='rates[1].currency']", "USD")
        page.fill("input[name='rates[1].rate']", "34.5")
        page.fill("input[name='timeline.go_live']", "2027-09-06")
        page.click("button[value=propose]")
        expect(page.locator("input[name='timeline.rfp_issued']")).not_to_have_value("")
        page.screenshot(path=str(shots / "setup-budget-en.png"), full_page=True)
        save(page)

        # 3. Requirements: the proposals, then more ticked by hand, priorities and notes.
        page.goto(f"{site}/setup/requirements")
        page.click("button[value=propose]")
        expect(page.locator(".flash-ok")).to_be_visible()
        boxes = page.locator(".req-row input[type=checkbox]:not(:checked)")
        for _ in range(40):
            boxes.first.check()
        for rid, priority in (("OPS-SFA-001", "must"), ("OPS-SFA-002", "could"),
                              ("INT-FIN-002", "must")):
            page.check(f"input[name='pick.{rid}']")
            page.select_option(f"select[name='priority.{rid}']", priority)
        for rid, en, tr in (("OPS-SFA-001", "Leads from the web form and fairs",
                             "Web formu ve fuarlardan gelen adaylar"),
                            ("INT-FIN-002", "Credit limit from Logo Tiger",
                             "Logo Tiger'dan kredi limiti")):
            row = page.locator(f"#r-{rid}")
            row.locator("details.req-more summary").click()
            row.locator(f"input[name='note.{rid}.en']").fill(en)
            row.locator(f"input[name='note.{rid}.tr']").fill(tr)
        page.click("form.req-form button.primary")
        expect(page.locator(".flash-ok")).to_be_visible()
        # Search folds Turkish spellings.
        page.goto(f"{site}/setup/requirements?q=sikayet")
        expect(page.locator("#r-OPS-SRV-013")).to_be_visible()
        page.screenshot(path=str(shots / "setup-requirements-search-en.png"))
        # A requirement of the project's own.
        page.goto(f"{site}/setup/requirements#custom")
        page.select_option("select[name=group]", "operational/sales_automation")
        page.fill("#custom input[name='title.en']", "Public tender tracking")
        page.fill("#custom input[name='title.tr']", "Kamu ihalesi takibi")
        page.fill("#custom input[name='description.en']", "Tenders are tracked to the award.")
        page.fill("#custom input[name='description.tr']", "İhaleler sonuçlanana dek izlenir.")
        page.click("#custom button[type=submit]")
        expect(page.locator(".flash-ok")).to_contain_text("CUS-SALE-001")

        # 4. Weights: AHP with the consistency ratio shown live.
        page.goto(f"{site}/setup/weights")
        page.check("input[name=method][value=ahp]")
        page.select_option("select[name='ahp.functional.cost']", "3")
        criteria_result = page.locator(".ahp-result").first
        expect(criteria_result).to_contain_text("Consistency ratio")
        page.select_option("select[name='ahp.functional.references']", "1/9")
        expect(criteria_result).to_contain_text("inconsistent")
        page.select_option("select[name='ahp.functional.references']", "5")
        # The functional areas have a pairwise form of their own, with its own live result.
        page.check("input[name=area_method][value=ahp]")
        page.select_option("select[name='ahp_areas.operational.analytical']", "3")
        areas_result = page.locator(".ahp-result").nth(1)
        expect(areas_result).to_contain_text("Consistency ratio")
        page.select_option("select[name='ahp_areas.analytical.collaborative']", "9")
        page.select_option("select[name='ahp_areas.operational.collaborative']", "1/9")
        expect(areas_result).to_contain_text("inconsistent")
        expect(criteria_result).not_to_contain_text("inconsistent")
        page.select_option("select[name='ahp_areas.analytical.collaborative']", "1")
        page.select_option("select[name='ahp_areas.operational.collaborative']", "1")
        expect(areas_result).not_to_contain_text("inconsistent")
        page.screenshot(path=str(shots / "setup-weights-en.png"), full_page=True)
        save(page)

        # 5. Evaluators, vendors, scenarios.
        page.goto(f"{site}/setup/people")
        for i, (pid, name, role, dept) in enumerate((
                ("ayse", "Ayşe Yılmaz", "evaluator", "sales"),
                ("mehmet", "Mehmet Demir", "evaluator", "service"),
                ("deniz", "Deniz Kaya", "evaluator", "it")), start=1):
            page.fill(f"input[name='evaluators[{i}].id']", pid)
            page.fill(f"input[name='evaluators[{i}].name']", name)
            page.select_option(f"select[name='evaluators[{i}].role']", role)
            page.fill(f"input[name='evaluators[{i}].department']", dept)
        page.check("input[name='evaluators[3].areas.integration']")
        save(page)
        page.goto(f"{site}/setup/vendors")
        for vid in ("odoo", "suitecrm", "salesforce", "hubspot"):
            page.check(f"#v-{vid}")
        page.screenshot(path=str(shots / "setup-vendors-en.png"), full_page=True)
        save(page)
        page.goto(f"{site}/setup/scenarios")
        page.check("input[value=SCN-LEAD2DEAL]")
        page.check("input[value=SCN-COMPLAINT]")
        save(page)

        page.goto(f"{site}/setup/")
        expect(page.locator(".ok")).to_contain_text("The project is valid")
        page.screenshot(path=str(shots / "setup-overview-done-en.png"), full_page=True)
        # Both languages, desktop and phone.
        page.click(".langswitch button[value=tr]")
        for name in ("organisation", "requirements", "budget"):
            page.goto(f"{site}/setup/{name}")
            page.screenshot(path=str(shots / f"setup-{name}-tr.png"),
                            full_page=name != "requirements")
        page.set_viewport_size({"width": 390, "height": 844})
        for name in ("organisation", "requirements", "people", "weights", "scenarios"):
            page.goto(f"{site}/setup/{name}")
            # the step being edited is in sight, its name shown; the others show their numbers
            current = page.locator(".setup-nav a[aria-current=page]").bounding_box()
            assert current is not None and current["x"] >= 0 and (
                current["x"] + current["width"] <= 390), (name, current)
            assert page.locator(".setup-nav a[aria-current=page] .step-label").is_visible()
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            page.screenshot(path=str(shots / f"setup-{name}-phone-tr.png"))
        context.close()

        # Without JavaScript: plain form posts; the consistency ratio comes from the server.
        plain = browser.new_context(viewport={"width": 1280, "height": 900},
                                    java_script_enabled=False, locale="en-GB")
        page = plain.new_page()
        page.goto(f"{site}/login")
        page.fill("input[name=username]", "selin")
        page.fill("input[name=password]", PASSWORD)
        page.click("button.primary")
        page.goto(f"{site}/setup/weights")
        page.click(".langswitch button[value=en]")  # the account kept Turkish from before
        page.select_option("select[name='ahp.functional.references']", "1/9")
        expect(page.locator(".ahp-result").first).not_to_contain_text("inconsistent")  # not live
        page.click("form.setup-form button.primary")
        expect(page.locator(".flash-ok")).to_contain_text("inconsistent")
        page.goto(f"{site}/setup/people")
        page.fill("input[name='evaluators[3].email']", "deniz@acme.example")
        save(page)
        plain.close()

    data = yaml.safe_load((new_project / "project.yaml").read_text(encoding="utf-8"))
    assert len(data["requirements"]) >= 60
    assert {"id": "OPS-SFA-002", "priority": "could"} in data["requirements"]
    assert len(data["evaluators"]) == 4 and len(data["vendors"]) == 4
    assert data["scenarios"] == ["SCN-LEAD2DEAL", "SCN-COMPLAINT"]
    runner = CliRunner(env={"CRMSELECT_LANG": "en"})
    result = runner.invoke(main, ["validate", str(new_project)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["build", str(new_project)])
    assert result.exit_code == 0, result.output
    written = {p.name for p in (new_project / "out").iterdir()}
    assert any(n.endswith(".docx") for n in written) and any(n.endswith(".xlsx")
                                                           for n in written)
