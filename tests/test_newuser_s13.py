"""A new user's project crmselect had not seen (s13_newuser): an insurance broker in İzmir,
written in Turkish, three vendors pricing in USD, EUR and TRY, a kick-off inside Kurban
Bayramı. What its documents said wrong, each checked here."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import yaml

from crmselect.documents.migration import note_text, render_migration
from crmselect.documents.strings import load_strings
from crmselect.project import load_project
from crmselect.reporting.migration_context import build_migration_context

DATA = Path(__file__).parent / "data" / "newuser_s13"
TODAY = dt.date(2026, 12, 7)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(DATA / "project", target)
    return target


# --- migration plan: a kick-off date on a public holiday ------------------------------------


def test_a_kickoff_on_a_holiday_is_said_and_its_holidays_listed(project: Path) -> None:
    # timeline › kickoff 17 May 2027 is the second day of Kurban Bayramı (16–19 May): the plan
    # starts on 20 May; it used to say "starts on the kick-off date (20 May)" under a
    # project.yaml that says 17 May, and listed none of the three holidays that moved it
    ctx = build_migration_context(load_project(project), "tr", vendor="anatolia_crm",
                                  today=TODAY)
    assert ctx["start"] == dt.date(2027, 5, 20)
    moved = [n for n in ctx["notes"] if n["code"] == "kickoff_moved"]
    assert moved == [{"code": "kickoff_moved", "params": {
        "requested": dt.date(2027, 5, 17), "date": dt.date(2027, 5, 20),
        "holiday": "Kurban Bayramı"}}]
    assert not [n for n in ctx["notes"] if n["code"] == "start_kickoff"]
    assert [h["date"] for h in ctx["holidays"]][:3] == [
        dt.date(2027, 5, 17), dt.date(2027, 5, 18), dt.date(2027, 5, 19)]
    assert note_text(moved[0], load_strings("tr", project), "tr") == (
        "Başlangıç toplantısı tarihi (17 Mayıs 2027) iş günü değil (Kurban Bayramı); proje "
        "bir sonraki iş günü, 20 Mayıs 2027 tarihinde başlar.")
    en = build_migration_context(load_project(project), "en", vendor="anatolia_crm",
                                 today=TODAY)
    note = next(n for n in en["notes"] if n["code"] == "kickoff_moved")
    assert note_text(note, load_strings("en", project), "en") == (
        "The kick-off date 17 May 2027 is not a working day (Eid al-Adha); the project starts "
        "on the next working day, 20 May 2027.")


def test_a_kickoff_on_a_working_day_keeps_its_date_and_note(project: Path) -> None:
    path = project / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "kickoff: 2027-05-17", "kickoff: 2027-05-24"), encoding="utf-8")
    ctx = build_migration_context(load_project(project), "tr", vendor="anatolia_crm",
                                  today=TODAY)
    assert ctx["start"] == dt.date(2027, 5, 24)
    assert {"code": "start_kickoff", "params": {"date": dt.date(2027, 5, 24)}} in ctx["notes"]
    assert dt.date(2027, 5, 19) not in [h["date"] for h in ctx["holidays"]]


# --- migration plan: requirements the chosen vendor does not cover ---------------------------


def test_a_none_answer_is_a_risk_to_follow_not_covered(project: Path) -> None:
    # Anatolia CRM answers "none" to OPS-SRV-037 (call-centre shift planning); the plan said
    # "Anatolia CRM covers every requirement without custom development…"
    ctx = build_migration_context(load_project(project), "tr", vendor="anatolia_crm",
                                  today=TODAY)
    # (the 9 requirements the evaluators scored 2 or less although Anatolia CRM declared them
    # native or configurable come before the gaps: tests/test_newuser_s14.py)
    assert [(r["type"], r["requirement"]) for r in ctx["risks"]
            if r["type"] != "understated"] == [("none", "OPS-SRV-037")]
    assert sum(r["type"] == "understated" for r in ctx["risks"]) == 9
    files = render_migration(project, lang="tr", vendor="anatolia_crm", today=TODAY)
    text = files.markdown.read_text(encoding="utf-8")
    assert "tüm gereksinimleri" not in text
    assert ("Anatolia CRM tarafından karşılanmayan gereksinimler (“Yok” yanıtı verilen ya "
            "da boş bırakılan): 1.") in text
    assert ("| **OPS-SRV-037**<br>Çağrı merkezi için iş yükü tahmini ve vardiya planlama "
            "| Karşılanmıyor | İş gücü planlama yoktur; vardiya planları telefon sisteminde "
            "kalır. |") in text
    # no custom development, third-party product or roadmap promise: no sentence about them
    assert "yanıtlarından: özel geliştirmeler" not in text


def test_a_blank_answer_is_listed_and_commitments_come_first(project: Path) -> None:
    path = project / "responses" / "odoo.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["responses"]["NFR-LOC-006"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    ctx = build_migration_context(load_project(project), "en", vendor="odoo", today=TODAY)
    assert [(r["type"], r["requirement"]) for r in ctx["risks"]] == [
        ("third_party", "OPS-MKT-010"), ("custom", "ANA-CUS-002"), ("custom", "CUS-SRV-001"),
        ("unanswered", "NFR-LOC-006")]
    files = render_migration(project, lang="en", vendor="odoo", today=TODAY)
    text = files.markdown.read_text(encoding="utf-8")
    assert "From Odoo's answers: custom developments" in text
    assert ("Requirements Odoo does not cover (answered “Not supported” or left blank): 1. "
            "Agree a workaround, or drop them, before signing.") in text
    assert "| No answer | The vendor left this requirement blank. |" in text


# --- rfp and build: a timeline milestone on a day nobody works -----------------------------


def _run(*args: str):
    from click.testing import CliRunner

    from crmselect.cli import main

    return CliRunner().invoke(main, [*args])


def test_rfp_warns_of_a_kickoff_inside_kurban_bayrami(project: Path) -> None:
    # the RFP tells the vendors "kick-off 17 May 2027" as written, inside Kurban Bayramı;
    # nothing said so
    result = _run("rfp", str(project))
    assert result.exit_code == 0, result.output
    where = f"{project / 'project.yaml'}:73:43: timeline.kickoff: "
    assert result.stderr.splitlines() == [
        f"! {where}17 Mayıs 2027 resmî tatil (Kurban Bayramı); teklif isteme dokümanı bu "
        "tarihi tedarikçilere gösterir, planlar ise bir sonraki iş gününe, 20 Mayıs 2027 "
        "tarihine kaydırır: bir iş günü seçin"]
    assert "17 Mayıs 2027" in (project / "out" / "rfp.md").read_text(encoding="utf-8")
    english = _run("--lang", "en", "build", str(project), "--format", "json")
    assert english.exit_code == 0, english.output
    assert english.stderr.splitlines() == [
        f"! {where}17 May 2027 is a public holiday (Eid al-Adha); the RFP shows this date to "
        "the vendors and the plans move it to the next working day, 20 May 2027: choose a "
        "working day"]
    assert json.loads(english.stdout)["files"]


def test_rfp_warns_of_a_deadline_on_a_weekend_and_not_of_working_days(project: Path) -> None:
    path = project / "project.yaml"
    text = path.read_text(encoding="utf-8")
    # 6 March 2027 is a Saturday; 24 May 2027 a Monday
    path.write_text(text.replace("responses_due: 2027-03-01", "responses_due: 2027-03-06")
                    .replace("kickoff: 2027-05-17", "kickoff: 2027-05-24"), encoding="utf-8")
    result = _run("--lang", "en", "rfp", str(project))
    assert result.stderr.splitlines() == [
        f"! {path}:71:78: timeline.responses_due: 6 March 2027 falls on a weekend; the RFP "
        "shows this date to the vendors and the plans move it to the next working day, "
        "8 March 2027: choose a working day"]
    path.write_text(text.replace("kickoff: 2027-05-17", "kickoff: 2027-05-24"),
                    encoding="utf-8")
    result = _run("rfp", str(project))
    assert result.exit_code == 0 and result.stderr == ""
