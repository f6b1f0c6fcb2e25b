"""The migration plan: tailored tasks, owners, dates, KPIs, and its Word, Markdown and CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from docx import Document
from office import convert_to_pdf, pdf_pages, pdf_text
from rendered import english

from crmselect.cli import main
from crmselect.documents.migration import CSV_HEADER, render_migration
from crmselect.errors import CrmselectError
from crmselect.project import load_project
from crmselect.reporting.migration_context import build_migration_context

DATA = Path(__file__).parent / "data" / "reports"
TODAY = dt.date(2027, 1, 5)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(DATA / "project", target)
    return target


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    target = tmp_path / "minimal"
    shutil.copytree(DATA / "minimal", target)
    return target


def _edit(root: Path, change) -> None:
    path = root / "project.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _tasks(ctx: dict, kind: str) -> list[dict]:
    return [t for t in ctx["tasks"] if t["kind"] == kind]


# --- context ---------------------------------------------------------------------------------


def test_tasks_are_tailored_to_the_project(project: Path) -> None:
    ctx = build_migration_context(load_project(project), "en", today=TODAY)
    entities = ["accounts", "contacts", "opportunities", "cases", "installed_base"]
    assert sorted(t["params"]["entity"] for t in _tasks(ctx, "clean_entity")) == sorted(entities)
    assert sorted(t["params"]["entity"] for t in _tasks(ctx, "transfer_entity")) == sorted(
        entities)
    assert [e["entity"] for e in ctx["entities"]] == entities
    # one integration task per integration requirement that weighs (INT-ECM-001 is wont) and
    # connects a system in use; the general REST API is set up and checked, not "built"
    integrations = {t["params"]["requirement"]: t["params"]["systems"]
                    for t in _tasks(ctx, "integration")}
    assert integrations == {
        "INT-FIN-001": ["Logo Tiger 3"], "INT-FIN-002": ["Logo Tiger 3"],
        "INT-COM-001": ["Alotech"], "INT-COM-002": ["Microsoft 365 / Exchange Online"],
    }
    assert [t["params"]["requirement"] for t in _tasks(ctx, "enable_capability")] == [
        "INT-API-001"]
    # levelling moves tasks, so their order in the plan follows their dates
    assert sorted((t["params"]["role"], t["params"]["count"], t["params"]["sessions"])
                  for t in _tasks(ctx, "train_role")) == sorted([
        ("sales", 20, 2), ("sales_manager", 3, 1), ("marketing", 2, 1), ("field_engineer", 9, 1)])
    kpis = ["Customer satisfaction (CSAT)", "Win rate", "Average resolution time",
            "User adoption rate"]
    assert sorted(t["params"]["kpi"] for t in _tasks(ctx, "kpi_baseline")) == sorted(kpis)
    assert sorted(t["params"]["kpi"] for t in _tasks(ctx, "kpi_review")) == sorted(kpis)
    assert sorted(t["params"]["department"] for t in _tasks(ctx, "uat")) == [
        "marketing", "sales", "service"]
    assert [t["params"]["system"] for t in _tasks(ctx, "retire_system")] == [
        "Excel device lists"]
    assert [p["id"] for p in ctx["phases"]] == [
        "project_team", "planning", "data_cleaning", "data_transfer", "training", "testing",
        "launch", "monitoring"]
    assert ctx["vendor"] is None and ctx["risks"] == []


def test_owners_come_from_the_evaluators_departments(project: Path) -> None:
    ctx = build_migration_context(load_project(project), "en", today=TODAY)
    owner = {t["key"]: (t["owner"] or {}).get("name") for t in ctx["tasks"]}
    assert owner["team"] == "Ayşe Öztürk"  # the facilitator leads
    assert owner["clean:accounts"] == "Mehmet Güneş"  # sales owns firms
    assert owner["clean:installed_base"] == "Zeynep Işık"  # service owns the devices
    assert owner["integration:INT-FIN-001"] == "Can Çelik"  # IT builds interfaces
    assert owner["baseline:csat"] == "Zeynep Işık"  # CSAT belongs to the service group
    assert owner["uat:marketing"] == "Fatma Şen"


def test_dates_follow_the_timeline_and_the_dependencies(project: Path) -> None:
    ctx = build_migration_context(load_project(project), "en", today=TODAY)
    # go-live 30 August 2027 is Zafer Bayramı: it moves to the next working day, with a note
    assert (ctx["start"], ctx["go_live"]) == (dt.date(2027, 4, 5), dt.date(2027, 8, 31))
    assert ctx["notes"] == [
        {"code": "start_kickoff", "params": {"date": dt.date(2027, 4, 5)}},
        {"code": "go_live_moved", "params": {"requested": dt.date(2027, 8, 30),
                                             "date": dt.date(2027, 8, 31),
                                             "holiday": "Victory Day"}},
        {"code": "no_volumes", "params": {}}]
    by_id = {t["id"]: t for t in ctx["tasks"]}
    for task in ctx["tasks"]:
        assert task["start"] <= task["end"]
        assert task["start"].weekday() < 5 and task["end"].weekday() < 5
        for before in task["depends"]:
            assert by_id[before]["end"] < task["start"], (by_id[before]["key"], task["key"])
    go_live = next(t for t in ctx["tasks"] if t["kind"] == "go_live")
    assert (go_live["start"], go_live["milestone"]) == (dt.date(2027, 8, 31), True)
    assert max(t["end"] for t in ctx["tasks"] if t["phase"] == "testing") < go_live["start"]
    assert [t["id"] for t in ctx["tasks"]] == list(range(1, len(ctx["tasks"]) + 1))


def test_a_chosen_vendor_adds_its_risks(project: Path) -> None:
    ctx = build_migration_context(load_project(project), "en", vendor="odoo", today=TODAY)
    assert ctx["vendor"]["name"] == "Odoo"
    assert [(r["type"], r["requirement"]) for r in ctx["risks"]] == [
        ("roadmap", "OPS-SOC-001"), ("custom", "INT-FIN-001"), ("third_party", "INT-COM-001")]
    custom = _tasks(ctx, "custom_development")[0]
    assert custom["params"]["days"] == "12" and custom["phase"] == "data_transfer"
    roadmap = _tasks(ctx, "roadmap_check")[0]
    assert (roadmap["start"], roadmap["phase"]) == (dt.date(2027, 10, 1), "monitoring")


def test_missing_dates_are_assumed_and_said(minimal: Path) -> None:
    ctx = build_migration_context(load_project(minimal), "en", today=TODAY)
    assert ctx["start"] == dt.date(2027, 1, 11)  # the Monday after "today"
    assert ctx["go_live"] == dt.date(2027, 6, 28)  # 24 weeks later
    assert [n["code"] for n in ctx["notes"]] == ["start_today", "go_live_assumed", "no_volumes"]
    assert _tasks(ctx, "train_role") == []
    # without kpis: in project.yaml, the KPIs named by the selected requirements are followed
    assert [t["params"]["kpi"] for t in _tasks(ctx, "kpi_baseline")] == [
        "Lead conversion rate", "Cost per lead (CPL)", "Data quality score"]


def test_a_go_live_before_the_start_is_not_used(project: Path) -> None:
    _edit(project, lambda d: d["timeline"].update(go_live=dt.date(2027, 4, 20)))
    ctx = build_migration_context(load_project(project), "en", vendor="odoo", today=TODAY)
    assert [n["code"] for n in ctx["notes"]] == ["start_kickoff", "go_live_too_early",
                                                 "go_live_assumed", "no_volumes"]
    assert ctx["go_live"] == dt.date(2027, 8, 23)  # the vendor's 20 weeks after 5 April


def test_unknown_vendor(project: Path) -> None:
    with pytest.raises(CrmselectError) as exc:
        build_migration_context(load_project(project), "en", vendor="odooo")
    assert exc.value.lines(english) == [
        "no such vendor 'odooo' in the project (did you mean odoo?)"]


# --- documents -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_plan_files_in_both_languages(project: Path, lang: str) -> None:
    files = render_migration(project, lang=lang, today=TODAY)
    assert files.vendor == "odoo"  # the evaluation's winner: evaluators have scored
    out = project / "out"
    assert (files.docx, files.markdown, files.csv) == (
        out / "migration-plan.docx", out / "migration-plan.md", out / "migration-plan.csv")
    doc = Document(str(files.docx))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    expected = {"en": ["Overview", "Tasks", "1. Project team", "3. Data cleaning",
                       "8. Monitoring and optimisation", "KPI baselines and targets",
                       "Vendor commitments and risks to follow"],
                "tr": ["Genel bakış", "Görevler", "1. Proje ekibi", "3. Veri temizliği",
                       "8. İzleme ve optimizasyon", "KPI başlangıç değerleri ve hedefleri",
                       "Takip edilecek tedarikçi taahhütleri ve riskler"]}[lang]
    for heading in expected:
        assert heading in headings
    task_rows = sum(len(t.rows) - 1 for t in doc.tables if t.rows[0].cells[0].text == "#")
    assert task_rows == files.tasks
    markdown = files.markdown.read_text(encoding="utf-8")
    task_lines = [line for line in markdown.splitlines() if re.match(r"\| \*\*\d+\*\* \|", line)]
    assert len(task_lines) == files.tasks
    first = {"en": "| **1** | **Form the project team**<br>",
             "tr": "| **1** | **Proje ekibini kurun**<br>"}[lang]
    owner = {"en": "| Ayşe Öztürk, IT | 5 April 2027 –<br>7 April 2027 | 3 | — | ☐ |",
             "tr": "| Ayşe Öztürk, Bilgi teknolojileri (BT) | 5 Nisan 2027 –<br>7 Nisan 2027 | 3 "
                   "| — | ☐ |"}[lang]
    assert task_lines[0].startswith(first) and task_lines[0].endswith(owner)


def test_csv_imports_into_project_tools(project: Path) -> None:
    files = render_migration(project, lang="tr", vendor="suitecrm", today=TODAY)
    raw = files.csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark, for Excel
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == CSV_HEADER
    assert rows[0][0] == "Name"  # Asana takes the first column as the task name
    body = [dict(zip(CSV_HEADER, r, strict=True)) for r in rows[1:]]
    assert len(body) == files.tasks
    names = {r["ID"]: r["Name"] for r in body}
    for r in body:
        dt.date.fromisoformat(r["Start Date"])
        dt.date.fromisoformat(r["Due Date"])
        predecessors = [p for p in r["Predecessors"].split(",") if p]
        assert all(int(p) < int(r["ID"]) for p in predecessors)
        assert r["Dependencies"] == ",".join(names[p] for p in predecessors)
    kickoff = next(r for r in body if r["ID"] == "2")
    assert (kickoff["Name"], kickoff["Section"], kickoff["Milestone"], kickoff["Assignee"],
            kickoff["Duration"]) == ("SuiteCRM ile proje başlangıç toplantısı", "Proje ekibi",
                                     "Yes", "ayse.ozturk@bogazici-medikal.example", "1")


def test_csv_cells_cannot_start_a_formula(project: Path) -> None:
    def change(data: dict) -> None:
        data["evaluators"][3]["name"] = '=HYPERLINK("http://evil.example","x")'

    _edit(project, change)
    files = render_migration(project, lang="en", today=TODAY)
    rows = list(csv.reader(io.StringIO(files.csv.read_text(encoding="utf-8-sig"))))
    mapping = next(r for r in rows if r[0] == "Map fields and value lists")
    assert mapping[CSV_HEADER.index("Resource Names")] == (
        "'=HYPERLINK(\"http://evil.example\",\"x\"), IT")
    assert mapping[CSV_HEADER.index("Assignee")] == "can.celik@bogazici-medikal.example"


def test_minimal_project_gives_a_valid_plan(minimal: Path) -> None:
    _edit(minimal, lambda d: d.update(requirements=["NFR-SEC-001"]))  # names no KPI
    files = render_migration(minimal, lang="tr", today=TODAY)
    assert files.vendor is None
    text = "\n".join(p.text for p in Document(str(files.docx)).paragraphs)
    assert "project.yaml'daki takvimde tarih yok" in text
    assert "Projede KPI tanımlanmamış" in text
    markdown = files.markdown.read_text(encoding="utf-8")
    assert "- Seçilen tedarikçi: henüz seçilmedi (plan her tedarikçi için aynıdır)" in markdown


def test_cli_migration(project: Path) -> None:
    result = CliRunner().invoke(main, ["migration", str(project), "--vendor", "espocrm",
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"vendor": "espocrm"' in result.output
    result = CliRunner().invoke(main, ["migration", str(project), "--vendor", "nope"])
    assert result.exit_code == 1
    assert result.output.strip() == "no such vendor 'nope' in the project"
    result = CliRunner().invoke(main, ["migration", str(project), "--vendor", "nope", "--lang",
                                       "tr"])
    assert result.output.strip() == "projede 'nope' tedarikçisi yok"  # not English in Turkish


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "tr"])
def test_plan_opens_in_libreoffice(project: Path, tmp_path: Path, lang: str) -> None:
    files = render_migration(project, lang=lang, today=TODAY)
    pdf = convert_to_pdf(files.docx, tmp_path)
    assert 12 <= pdf_pages(pdf) <= 28
    assert {"en": "Go/no-go decision", "tr": "Canlıya geçiş kararı"}[lang] in pdf_text(pdf)


# --- tailored plan (issue 13, points 11 and 12) ----------------------------------------------

SAMPLE = Path(__file__).parent.parent / "crmselect" / "sample_project"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    target = tmp_path / "sample"
    shutil.copytree(SAMPLE, target)
    return target


def _doc_text(path: Path) -> str:
    doc = Document(str(path))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_entities_take_sources_and_counts(project: Path) -> None:
    def change(data: dict) -> None:
        org = data["organisation"]
        org["migrated_entities"] = [
            "accounts", {"entity": "contacts", "source": "Excel device lists", "records": 1200},
            {"entity": "leads", "source": "web forms"}, {"entity": "cases", "source": "telephony"}]
        org["volumes"] = {"records": {"accounts": 4000, "contacts": 99, "cases": 20000}}

    _edit(project, change)
    ctx = build_migration_context(load_project(project), "en", today=TODAY)
    rows = {e["entity"]: (e["source"], e["records"], e["source_assumed"])
            for e in ctx["entities"]}
    assert rows == {
        "accounts": ("Logo Tiger 3", 4000, True),  # an accounting system holds the firms
        "contacts": ("Excel device lists", 1200, False),  # the item's count wins over volumes
        "leads": ("web forms", None, False),  # any other name is kept as written
        "cases": ("Alotech", 20000, False),  # a category names the system of that category
    }
    days = {t["params"]["entity"]: t["days"] for t in _tasks(ctx, "clean_entity")}
    # about 500 records cleaned per working day, at least 3; 10 days without a count
    assert days == {"accounts": 8, "contacts": 3, "leads": 10, "cases": 40}
    # the steward reviews about 1,000 records a working day (accounts and contacts: 5,200)
    assert _tasks(ctx, "deduplicate")[0]["days"] == 6
    transfer = {t["params"]["entity"]: t["days"] for t in _tasks(ctx, "transfer_entity")}
    assert transfer["cases"] > transfer["accounts"] > 1
    assert "no_volumes" not in [n["code"] for n in ctx["notes"]]
    files = render_migration(project, lang="en", vendor="odoo", today=TODAY)
    text = _doc_text(files.docx)
    assert "Logo Tiger 3 (assumed — confirm)" in text
    assert "20,000" in text and "4,000 records from Logo Tiger 3 (assumed" not in text
    assert "20000 records from Alotech." in text.replace(",", "")


def test_a_plain_slug_list_still_loads_and_bad_items_are_named(project: Path) -> None:
    _edit(project, lambda d: d["organisation"].update(migrated_entities=[
        "accounts", {"entity": "contacts", "records": -5}, {"entity": "leads", "sorce": "x"}]))
    result = CliRunner().invoke(main, ["migration", str(project)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines[0].endswith("organisation.migrated_entities[1].records: -5 must be >= 0")
    assert lines[0].startswith(str(project / "project.yaml") + ":")
    assert "organisation.migrated_entities[2].sorce: unknown key (did you mean source?)" in (
        lines[1])
    assert "Traceback" not in result.output
    assert not (project / "out" / "migration-plan.docx").exists()


def test_deduplication_keys_and_steward_sign_off(project: Path) -> None:
    ctx = build_migration_context(load_project(project), "en", today=TODAY)
    dedup = ctx["dedup"]
    assert [(e["entity"], e["keys"]) for e in dedup["entities"]] == [
        ("accounts", ["tax_number", "name_city"]),
        ("contacts", ["email", "mobile", "name_account"])]
    assert dedup["steward"]["name"] == "Mehmet Güneş"  # sales owns the customer data
    by_key = {t["key"]: t for t in ctx["tasks"]}
    ids = {t["key"]: t["id"] for t in ctx["tasks"]}
    signoff = by_key["signoff"]
    assert signoff["milestone"] and signoff["kind"] == "steward_signoff"
    assert set(signoff["depends"]) == {ids["dedup"]} | {
        ids[f"clean:{e}"] for e in ("accounts", "contacts", "opportunities", "cases",
                                     "installed_base")}
    assert ids["signoff"] in by_key["trial"]["depends"]
    files = render_migration(project, lang="tr", vendor="odoo", today=TODAY)
    text = _doc_text(files.docx)
    assert "vergi numarası (VKN; şahıs şirketlerinde TCKN)" in text
    assert "Hayatta kalma (survivorship) kuralları" in text
    assert "Veri sorumlusu temizlenen veriyi onaylar" in text


def test_no_dedup_without_customer_data(project: Path) -> None:
    _edit(project, lambda d: d["organisation"].update(migrated_entities=["products"]))
    ctx = build_migration_context(load_project(project), "en", today=TODAY)
    assert ctx["dedup"]["entities"] == [] and _tasks(ctx, "deduplicate") == []
    assert ctx["kvkk"] is False and _tasks(ctx, "privacy_notice") == []


def _many_integrations(data: dict) -> None:
    data["organisation"]["current_systems"] = [
        {"name": "Logo Tiger 3", "category": "erp"},
        {"name": "WooCommerce", "category": "ecommerce"},
        {"name": "Alotech", "category": "telephony"},
        {"name": "Microsoft 365", "category": "email_calendar"},
        {"name": "Mailchimp", "category": "email_marketing"},
        {"name": "Excel device lists", "category": "spreadsheet", "replace": True}]
    data["requirements"] += ["INT-FIN-007", "INT-ECM-002", "INT-COM-003", "INT-MKT-001",
                             "INT-MKT-002", "INT-API-002", "INT-FIN-003"]
    data["requirements"] = [r for r in data["requirements"]
                            if not (isinstance(r, dict) and r["id"] == "INT-ECM-001")]
    data["requirements"].append("INT-ECM-001")


def test_integrations_are_built_in_waves_erp_first(project: Path) -> None:
    _edit(project, _many_integrations)
    ctx = build_migration_context(load_project(project), "en", today=TODAY)
    built = _tasks(ctx, "integration")
    waves: dict[int, list[dict]] = {}
    for t in built:
        waves.setdefault(t["params"]["wave_number"], []).append(t)
    assert len(waves) >= 3
    first = {t["params"]["requirement"] for t in waves[1]}
    assert {"INT-FIN-001", "INT-FIN-002", "INT-FIN-007"} <= first  # ERP first
    assert "INT-ECM-001" in {t["params"]["requirement"] for t in waves[2]}
    for n in sorted(waves)[1:]:
        assert min(t["start"] for t in waves[n]) > max(t["end"] for t in waves[n - 1])
    # not all in parallel: at most one wave's integrations run on any day
    assert max(t["start"] for t in built) > min(t["end"] for t in built)
    tests = _tasks(ctx, "integration_tests")[0]
    assert tests["start"] > max(t["end"] for t in built)
    go_no_go = _tasks(ctx, "go_no_go")[0]
    assert tests["end"] < go_no_go["start"]


def test_requirements_become_the_task_they_need(project: Path) -> None:
    # no ERP or accounting system: the finance integrations are verified, not built
    _edit(project, lambda d: d["organisation"].update(current_systems=[
        {"name": "Alotech", "category": "telephony"}]))
    ctx = build_migration_context(load_project(project), "en", today=TODAY)
    kinds = {x["requirement"]: x["kind"] for x in ctx["integrations"]}
    assert kinds == {"INT-FIN-001": "verify_integration", "INT-FIN-002": "verify_integration",
                     "INT-COM-001": "integration", "INT-COM-002": "verify_integration",
                     "INT-API-001": "enable_capability"}
    verify = {t["params"]["requirement"]: t for t in _tasks(ctx, "verify_integration")}
    assert verify["INT-FIN-001"]["phase"] == "testing"
    files = render_migration(project, lang="en", vendor="odoo", today=TODAY)
    text = _doc_text(files.docx)
    assert "choose one" not in text and "Build the integration: Customer accounts" not in text
    assert "Set up and check: Open, documented REST API for all data" in text
    assert "Verify the connector: Customer accounts" in text
    assert "verify only (no such system in use)" in text


def _one_department(data: dict) -> None:
    # one department, one person: she owns every task (the evaluators' scores are dropped)
    data["organisation"]["departments"] = ["sales"]
    data["users"] = [{"role": "sales", "count": 8, "department": "sales"}]
    data["evaluators"] = [{"id": "ayse", "name": "Ayşe Öztürk", "role": "facilitator",
                           "department": "sales"}]


@pytest.mark.parametrize("shape", ["project", "many_integrations", "one_department",
                                   "sample"])
def test_nobody_is_loaded_beyond_full_time(project: Path, sample: Path, shape: str) -> None:
    root = sample if shape == "sample" else project
    if shape == "many_integrations":
        _edit(root, _many_integrations)
    if shape == "one_department":
        _edit(root, _one_department)
        (root / "scores.yaml").unlink()
    lp = load_project(root)
    for vendor in (None, "odoo"):
        ctx = build_migration_context(lp, "en", vendor=vendor, today=TODAY)
        for who in ctx["load"]:
            assert max(who["weeks"].values()) <= 1.0 + 1e-9, (shape, who["who"], who["peak"])
        assert "overloaded" not in [n["code"] for n in ctx["notes"]]
        by_id = {t["id"]: t for t in ctx["tasks"]}
        for task in ctx["tasks"]:
            for before in task["depends"]:
                assert by_id[before]["end"] < task["start"], (by_id[before]["key"], task["key"])
        live = ctx["go_live"]
        assert all(t["end"] < live for t in ctx["tasks"]
                   if t["phase"] not in ("launch", "monitoring"))


def test_levelling_moves_a_second_task_of_a_busy_person(project: Path) -> None:
    _edit(project, _one_department)
    (project / "scores.yaml").unlink()
    ctx = build_migration_context(load_project(project), "en", today=TODAY)
    person = next(w for w in ctx["load"] if w["who"] == "Ayşe Öztürk")
    assert 0.5 < person["peak"] <= 1.0
    cleaning = sorted(_tasks(ctx, "clean_entity"), key=lambda t: t["start"])
    # everything belongs to one person: her cleaning tasks cannot all run at once
    assert cleaning[-1]["start"] > cleaning[0]["start"]


def test_raci_has_one_accountable_per_stream(project: Path) -> None:
    ctx = build_migration_context(load_project(project), "en", vendor="odoo", today=TODAY)
    raci = ctx["raci"]
    roles = [c["role"] for c in raci["columns"]]
    assert roles == ["lead", "department", "department", "department", "it", "vendor"]
    assert [c.get("department") for c in raci["columns"][1:4]] == [
        "sales", "marketing", "service"]
    assert raci["columns"][-1]["name"] == "Odoo"
    for row in raci["rows"]:
        assert sum("A" in cell for cell in row["cells"]) == 1, row
        assert any("R" in cell for cell in row["cells"]), row
    streams = [r["stream"] for r in raci["rows"]]
    assert streams[:3] == ["management", "processes", "data_quality"]
    assert "kvkk" in streams and "hypercare" in streams
    files = render_migration(project, lang="tr", vendor="odoo", today=TODAY)
    text = _doc_text(files.docx)
    assert "Roller ve sorumluluklar (RACI)" in text and "Tedarikçi / iş ortağı\n(Odoo)" in text


def test_cutover_runbook_criteria_rollback_and_hypercare(project: Path) -> None:
    ctx = build_migration_context(load_project(project), "en", vendor="odoo", today=TODAY)
    cut = ctx["cutover"]
    dates = [s["date"] for s in cut["steps"]]
    assert dates == sorted(dates) and dates[-1] == ctx["go_live"]
    assert [s["code"] for s in cut["steps"]][0] == "announce_freeze"
    switch = next(s for s in cut["steps"] if s["code"] == "switch_integrations")
    assert switch["params"]["systems"][0] == "Logo Tiger 3"  # the ERP is switched first
    assert {"uat_signed", "reconciled", "integrations_tested", "steward_signed", "kvkk_ready",
            "rollback_rehearsed"} <= set(cut["criteria"])
    hypercare = _tasks(ctx, "hypercare")[0]
    assert (cut["hypercare"]["start"], cut["hypercare"]["end"]) == (hypercare["start"],
                                                                     hypercare["end"])
    assert cut["rollback_deadline"] < ctx["go_live"]
    files = render_migration(project, lang="en", vendor="odoo", today=TODAY)
    text = _doc_text(files.docx)
    for heading in ("Cut-over runbook", "Go/no-go criteria", "Rollback", "Hypercare"):
        assert heading in text
    assert "Logo Tiger 3 → Alotech → Microsoft 365 / Exchange Online" in text


def test_kvkk_tasks_for_personal_data_in_turkiye(project: Path) -> None:
    ctx = build_migration_context(load_project(project), "tr", today=TODAY)
    kinds = [t["kind"] for t in ctx["tasks"]]
    for kind in ("privacy_notice", "verbis_update", "consent_evidence", "iys_check"):
        assert kind in kinds
    assert "consent_check" not in kinds
    assert _tasks(ctx, "privacy_notice")[0]["owner"]["name"] == "Fatma Şen"  # marketing
    files = render_migration(project, lang="tr", today=TODAY)
    text = _doc_text(files.docx)
    assert "VERBİS kaydını güncelleyin" in text and "İYS" in text
    _edit(project, lambda d: d["organisation"].update(country="DE"))
    kinds = [t["kind"] for t in build_migration_context(load_project(project), "en",
                                                        today=TODAY)["tasks"]]
    assert "consent_check" in kinds and "verbis_update" not in kinds


def test_budget_lines_come_from_the_vendors_tco(project: Path) -> None:
    from crmselect.scoring import evaluate_project

    lp = load_project(project)
    ctx = build_migration_context(lp, "en", vendor="odoo", today=TODAY)
    budget = ctx["budget"]
    tco = evaluate_project(lp, monte_carlo_samples=0).tco["odoo"]
    assert budget["total"] == pytest.approx(tco.total)
    assert budget["year1"] == pytest.approx(tco.years[0].total)
    assert sum(line["total"] for line in budget["lines"]) == pytest.approx(tco.total)
    assert {"licences", "implementation", "custom_development"} <= {
        line["component"] for line in budget["lines"]}
    assert build_migration_context(lp, "en", today=TODAY)["budget"] is None
    files = render_migration(project, lang="en", vendor="odoo", today=TODAY)
    assert "Total (5 years)" in _doc_text(files.docx)
    files = render_migration(project, lang="en", today=TODAY, use_winner=False)
    assert "choose a vendor (--vendor)" in _doc_text(files.docx)


def test_gantt_chart_is_in_the_plan(project: Path) -> None:
    from crmselect.documents.charts import gantt_chart

    ctx = build_migration_context(load_project(project), "en", today=TODAY)
    rows = ctx["gantt"]["rows"]
    assert [r["phase"] for r in rows if r["wave"] is None][:3] == [
        "project_team", "planning", "data_cleaning"]
    assert [r["wave"] for r in rows if r["wave"]] == [1, 2]
    assert [m["kind"] for m in ctx["gantt"]["milestones"]] == [
        "kickoff", "steward_signoff", "go_no_go", "go_live"]
    args = ([("A", [(dt.date(2027, 4, 5), dt.date(2027, 4, 9))], 0)],
            [("Kick-off", dt.date(2027, 4, 5))], dt.date(2027, 4, 9), "Go-live", "alt", "tr")
    first, second = gantt_chart(*args), gantt_chart(*args)
    assert first.png == second.png and first.png.startswith(b"\x89PNG")
    files = render_migration(project, lang="en", today=TODAY)
    doc = Document(str(files.docx))
    assert len(doc.inline_shapes) == 1
    assert "Schedule at a glance" in [p.text for p in doc.paragraphs]


def test_levelling_moves_go_live_or_says_who_is_overloaded(sample: Path) -> None:
    lp = load_project(sample)
    # EspoCRM's 19 custom developments (225 days) need more weeks than the timeline gives:
    # go-live moves
    ctx = build_migration_context(lp, "en", vendor="espocrm", today=TODAY)
    moved = next(n for n in ctx["notes"] if n["code"] == "go_live_levelled")
    assert moved["params"]["requested"] == dt.date(2027, 9, 6)
    assert ctx["go_live"] == moved["params"]["date"] > dt.date(2027, 9, 6)
    assert max(w["peak"] for w in ctx["load"]) <= 1.0 + 1e-9
    # SuiteCRM's 26 custom developments (307 days) do not fit even six months later: the
    # go-live stays and the plan names the overloaded vendor instead of hiding it
    ctx = build_migration_context(lp, "en", vendor="suitecrm", today=TODAY)
    assert ctx["go_live"] == dt.date(2027, 9, 6)
    over = next(n for n in ctx["notes"] if n["code"] == "overloaded")
    assert over["params"]["names"] == ["Deniz Arslan", "vendor"]  # IT, with 16 products
    files = render_migration(sample, lang="en", vendor="suitecrm", today=TODAY)
    text = _doc_text(files.docx)
    assert "Some are needed more than full time in some weeks even after moving tasks " \
           "(Deniz Arslan, Vendor / partner)" in text
    assert "some are needed beyond 100% (shown in bold)" in text


def test_a_project_without_people_volumes_or_systems(minimal: Path) -> None:
    ctx = build_migration_context(load_project(minimal), "en", today=TODAY)
    assert [e["source"] for e in ctx["entities"]] == [None] * 5
    assert {x["kind"] for x in ctx["integrations"]} == {"verify_integration"}
    for row in ctx["raci"]["rows"]:  # with no department, the project lead does the work
        assert sum("A" in c for c in row["cells"]) == 1 and any("R" in c for c in row["cells"])
    assert [w["who"] for w in ctx["load"]] == ["vendor"]
    files = render_migration(minimal, lang="tr", today=TODAY)
    text = _doc_text(files.docx)
    assert "teyit edilecek" in text and "belirtilmedi" in text
    assert "bu yüzden entegrasyon kurulmaz" in text
    assert "Bütçe kalemleri seçilen tedarikçinin TCO'sundan gelir" in text


def test_e_invoices_are_reached_through_the_erp(sample: Path) -> None:
    ctx = build_migration_context(load_project(sample), "en", vendor="odoo", today=TODAY)
    links = {x["requirement"]: x for x in ctx["integrations"]}
    assert (links["INT-FIN-003"]["kind"], links["INT-FIN-003"]["systems"]) == (
        "integration", ["Logo Tiger 3"])
    waves = {t["params"]["requirement"]: t["params"]["wave_number"]
             for t in _tasks(ctx, "integration")}
    assert waves["INT-FIN-001"] == 1 and waves["INT-FIN-003"] == waves["INT-ECM-001"] == 2
    assert links["INT-MKT-001"]["kind"] == "verify_integration"  # no e-mail marketing tool
