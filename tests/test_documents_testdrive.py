"""The test-drive plan: schedule, participants, scripts and scoring sheets (Word, Markdown)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from docx import Document
from office import convert_to_pdf, pdf_pages, pdf_text

from crmselect.cli import main
from crmselect.documents.testdrive import render_testdrive
from crmselect.project import load_project
from crmselect.reporting.testdrive_context import build_testdrive_context
from crmselect.reporting.workdays import add_workdays, count_workdays

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


def _headings(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs if p.style.name.startswith("Heading")]


# --- working days ----------------------------------------------------------------------------


def test_working_days_skip_weekends() -> None:
    friday = dt.date(2027, 2, 26)
    assert add_workdays(friday, 1) == dt.date(2027, 3, 1)
    assert add_workdays(dt.date(2027, 2, 27), 0) == dt.date(2027, 3, 1)  # Saturday → Monday
    assert add_workdays(dt.date(2027, 3, 1), -1) == friday
    assert count_workdays(dt.date(2027, 2, 22), dt.date(2027, 3, 5)) == 10
    assert count_workdays(dt.date(2027, 3, 5), dt.date(2027, 3, 4)) == 0


# --- context ---------------------------------------------------------------------------------


def test_schedule_puts_two_sessions_a_day_in_project_order(project: Path) -> None:
    ctx = build_testdrive_context(load_project(project), "en", today=TODAY)
    session = ctx["session"]
    # 15 intro + (40 + 5) + (35 + 5) scenarios with their scoring pauses + 20 questions
    assert session["total_minutes"] == 120
    assert session["scenario_minutes"] == 75
    assert [(r["name"], r["date"], r["start"], r["end"]) for r in ctx["schedule"]] == [
        ("SuiteCRM", dt.date(2027, 2, 22), "09:30", "11:30"),
        ("Odoo", dt.date(2027, 2, 22), "13:30", "15:30"),
        ("EspoCRM", dt.date(2027, 2, 23), "09:30", "11:30"),
    ]
    assert [(i["kind"], i["start"], i["end"]) for i in session["agenda"]] == [
        ("intro", "0:00", "0:15"), ("scenario", "0:15", "0:55"), ("scoring", "0:55", "1:00"),
        ("scenario", "1:00", "1:35"), ("scoring", "1:35", "1:40"), ("questions", "1:40", "2:00"),
    ]
    assert ctx["window"] == {"start": dt.date(2027, 2, 22), "end": dt.date(2027, 2, 26),
                             "end_assumed": False, "workdays": 5, "holidays": []}
    assert ctx["unscheduled"] == []


def test_long_sessions_take_a_day_with_lunch_and_overflow_is_reported(project: Path) -> None:
    scenarios = project / "scenarios" / "demo.yaml"
    scenarios.write_text(scenarios.read_text(encoding="utf-8").replace(
        "duration_minutes: 40", "duration_minutes: 150"), encoding="utf-8")

    def change(data: dict) -> None:
        data["timeline"]["test_drives_end"] = dt.date(2027, 2, 23)
        data["evaluation"] = {"demo_minutes_per_vendor": 180}

    _edit(project, change)
    ctx = build_testdrive_context(load_project(project), "en", today=TODAY)
    assert ctx["session"]["total_minutes"] == 230
    assert ctx["session"]["full_day"] and ctx["session"]["over_allotment"]
    first = ctx["schedule"][0]
    assert (first["date"], first["start"]) == (dt.date(2027, 2, 22), "09:30")
    kinds = [(i["kind"], i["start"]) for i in first["agenda"]]
    # after the first scenario (09:45–12:15) and its scoring pause, never between them
    assert kinds[:5] == [("intro", "09:30"), ("scenario", "09:45"), ("scoring", "12:15"),
                         ("lunch", "12:20"), ("scenario", "13:20")]
    assert first["end"] == "14:20"
    assert [r["date"] for r in ctx["schedule"]] == [dt.date(2027, 2, 22),
                                                    dt.date(2027, 2, 23), None]
    assert ctx["unscheduled"] == ["EspoCRM"]


def test_participants_by_department_score_the_scenarios_of_their_areas(project: Path) -> None:
    ctx = build_testdrive_context(load_project(project), "en", today=TODAY)
    people = {p["name"]: (g["department"], p["role"], p["scenarios"])
              for g in ctx["participants"] for p in g["people"]}
    assert people == {
        "Ayşe Öztürk": ("it", "facilitator", []),
        "Can Çelik": ("it", "evaluator", ["SCN-SERVICE"]),  # integration: the CTI step
        "Fatma Şen": ("marketing", "observer", []),
        "Mehmet Güneş": ("sales", "evaluator", ["SCN-SERVICE", "SCN-PIPE"]),
        "Zeynep Işık": ("service", "evaluator", ["SCN-SERVICE", "SCN-PIPE"]),
    }
    service = ctx["scenarios"][0]
    assert service["scorers"] == ["Can Çelik", "Mehmet Güneş", "Zeynep Işık"]
    assert [r["id"] for r in service["steps"][2]["requirements"]] == [
        "OPS-SRV-002", "OPS-SRV-003", "OPS-MOB-001"]
    assert service["steps"][1]["requirements"][0]["title"] == (
        "Device serial numbers and calibration dates on every service request")


def test_vendors_option_limits_the_schedule(project: Path) -> None:
    ctx = build_testdrive_context(load_project(project), "tr", vendors=["odoo"], today=TODAY)
    assert [r["vendor"] for r in ctx["schedule"]] == ["odoo"]
    assert ctx["scenarios"][1]["title"] == "Fuardaki potansiyel müşteriden satış tahminine"


def test_without_a_window_sessions_are_to_be_agreed(project: Path) -> None:
    _edit(project, lambda d: d["timeline"].pop("test_drives_start"))
    ctx = build_testdrive_context(load_project(project), "en", today=TODAY)
    assert ctx["window"] is None
    assert all(r["date"] is None for r in ctx["schedule"])


# --- documents -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_plan_documents_in_both_languages(project: Path, lang: str) -> None:
    files = render_testdrive(project, lang=lang, today=TODAY)
    assert files.docx == project / "out" / "testdrive-plan.docx"
    assert (files.scenarios, files.sessions) == (2, 3)
    headings = _headings(files.docx)
    expected = {
        "en": ["How the test drives run", "Schedule", "Participants", "Scenario scripts",
               "SCN-SERVICE — A broken ultrasound device", "Scoring sheets"],
        "tr": ["Uygulamalı demolar nasıl yürütülür", "Takvim", "Katılımcılar", "Senaryo metinleri",
               "SCN-SERVICE — Arızalı ultrason cihazı", "Puanlama formları"],
    }[lang]
    for heading in expected:
        assert heading in headings
    doc = Document(str(files.docx))
    schedule = next(t for t in doc.tables if len(t.columns) == 3
                    and t.rows[0].cells[2].text in ("Vendor", "Tedarikçi"))
    assert [row.cells[2].text for row in schedule.rows[1:]] == ["SuiteCRM", "Odoo", "EspoCRM"]
    # one scoring sheet per scenario: a row per step plus the outcome and impression rows
    sheets = [t for t in doc.tables if len(t.columns) == 5 and t.rows[0].cells[2].text in (
        "Score (0–5)", "Puan (0–5)")]
    assert [len(t.rows) for t in sheets] == [1 + 3 + 2, 1 + 3 + 2]
    live = {"en": "☐ live", "tr": "☐ canlı"}[lang]
    assert live in sheets[0].rows[1].cells[3].text
    markdown = files.markdown.read_text(encoding="utf-8")
    assert markdown.count("☐ 0 ☐ 1 ☐ 2<br>☐ 3 ☐ 4 ☐ 5") == 6
    assert ("| 22 February 2027 | 09:30–11:30 | **SuiteCRM** |" if lang == "en"
            else "| 22 Şubat 2027 | 09.30–11.30 | **SuiteCRM** |") in markdown


def test_no_scenarios_gives_a_valid_plan_that_says_so(minimal: Path) -> None:
    files = render_testdrive(minimal, today=TODAY)
    text = "\n".join(p.text for p in Document(str(files.docx)).paragraphs)
    assert "No test-drive scenario is selected for this project." in text
    assert "There is no scenario yet, so no session can be planned." in text
    assert "No evaluators are listed in project.yaml yet." in text
    assert "Scoring sheets" not in _headings(files.docx)
    markdown = files.markdown.read_text(encoding="utf-8")
    assert "- Test-drive window: not set in project.yaml" in markdown
    assert (files.scenarios, files.sessions) == (0, 0)


def test_user_text_cannot_break_the_markdown_tables(project: Path) -> None:
    scenarios = project / "scenarios" / "demo.yaml"
    scenarios.write_text(scenarios.read_text(encoding="utf-8").replace(
        "Qualify and convert it.", "Qualify | convert <b>it</b>"), encoding="utf-8")
    markdown = render_testdrive(project, today=TODAY).markdown.read_text(encoding="utf-8")
    assert r"Qualify \| convert \<b\>it\</b\>" in markdown


def test_cli_testdrive(project: Path) -> None:
    result = CliRunner().invoke(main, ["testdrive", str(project), "--vendor", "odoo",
                                       "--lang", "tr"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [str(project / "out" / "testdrive-plan.docx"),
                                          str(project / "out" / "testdrive-plan.md")]
    result = CliRunner().invoke(main, ["testdrive", str(project), "--vendor", "odooo"])
    assert result.exit_code == 1
    assert "no such vendor 'odooo' in the project (did you mean odoo?)" in result.output


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "tr"])
def test_plan_opens_in_libreoffice(project: Path, tmp_path: Path, lang: str) -> None:
    files = render_testdrive(project, lang=lang, today=TODAY)
    pdf = convert_to_pdf(files.docx, tmp_path)
    assert 6 <= pdf_pages(pdf) <= 12
    text = pdf_text(pdf)
    assert {"en": "Scoring sheet — SCN-PIPE", "tr": "Puanlama formu — SCN-PIPE"}[lang] in text
