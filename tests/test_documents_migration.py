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
    assert [t["params"]["entity"] for t in _tasks(ctx, "clean_entity")] == entities
    assert [t["params"]["entity"] for t in _tasks(ctx, "transfer_entity")] == entities
    # one integration task per integration requirement that weighs (INT-ECM-001 is wont)
    integrations = {t["params"]["requirement"]: t["params"]["systems"]
                    for t in _tasks(ctx, "integration")}
    assert integrations == {
        "INT-FIN-001": ["Logo Tiger 3"], "INT-FIN-002": ["Logo Tiger 3"],
        "INT-COM-001": ["Alotech"], "INT-COM-002": ["Microsoft 365 / Exchange Online"],
        "INT-API-001": [],
    }
    assert [(t["params"]["role"], t["params"]["count"], t["params"]["sessions"])
            for t in _tasks(ctx, "train_role")] == [
        ("sales", 20, 2), ("sales_manager", 3, 1), ("marketing", 2, 1), ("field_engineer", 9, 1)]
    kpis = ["Customer satisfaction (CSAT)", "Win rate", "Average resolution time",
            "User adoption rate"]
    assert [t["params"]["kpi"] for t in _tasks(ctx, "kpi_baseline")] == kpis
    assert [t["params"]["kpi"] for t in _tasks(ctx, "kpi_review")] == kpis
    assert [t["params"]["department"] for t in _tasks(ctx, "uat")] == [
        "sales", "marketing", "service"]
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
                                             "holiday": "Victory Day"}}]
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
    assert [n["code"] for n in ctx["notes"]] == ["start_today", "go_live_assumed"]
    assert _tasks(ctx, "train_role") == []
    # without kpis: in project.yaml, the KPIs named by the selected requirements are followed
    assert [t["params"]["kpi"] for t in _tasks(ctx, "kpi_baseline")] == [
        "Lead conversion rate", "Cost per lead (CPL)", "Data quality score"]


def test_a_go_live_before_the_start_is_not_used(project: Path) -> None:
    _edit(project, lambda d: d["timeline"].update(go_live=dt.date(2027, 4, 20)))
    ctx = build_migration_context(load_project(project), "en", vendor="odoo", today=TODAY)
    assert [n["code"] for n in ctx["notes"]] == ["start_kickoff", "go_live_too_early",
                                                 "go_live_assumed"]
    assert ctx["go_live"] == dt.date(2027, 8, 23)  # the vendor's 20 weeks after 5 April


def test_unknown_vendor(project: Path) -> None:
    with pytest.raises(CrmselectError) as exc:
        build_migration_context(load_project(project), "en", vendor="odooo")
    assert exc.value.lines() == ["no vendor 'odooo' in the project (did you mean odoo?)"]


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
    task_rows = sum(len(t.rows) - 1 for t in doc.tables if len(t.columns) == 7)
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
    assert result.output.strip() == "no vendor 'nope' in the project"


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "tr"])
def test_plan_opens_in_libreoffice(project: Path, tmp_path: Path, lang: str) -> None:
    files = render_migration(project, lang=lang, today=TODAY)
    pdf = convert_to_pdf(files.docx, tmp_path)
    assert 8 <= pdf_pages(pdf) <= 20
    assert {"en": "Go/no-go decision", "tr": "Canlıya geçiş kararı"}[lang] in pdf_text(pdf)
