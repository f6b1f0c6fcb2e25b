"""Turkish content: holidays in the plans, bilingual project and response fields, catalog search
folding, document metadata and the Turkish sample (issue 12, points 6–10)."""

from __future__ import annotations

import datetime as dt

from crmselect.reporting.workdays import WorkCalendar

# --- point 8: Turkish public holidays -----------------------------------------------------


def test_calendar_skips_turkish_public_and_religious_holidays() -> None:
    cal = WorkCalendar.for_country("TR", "tr")
    assert not cal.is_workday(dt.date(2027, 7, 15))  # Demokrasi ve Millî Birlik Günü
    assert not cal.is_workday(dt.date(2027, 5, 17))  # Kurban Bayramı (moves every year)
    assert not cal.is_workday(dt.date(2027, 3, 10))  # Ramazan Bayramı
    assert cal.is_workday(dt.date(2027, 7, 16))
    # Wednesday 14 July + 1 working day skips Thursday 15 July
    assert cal.add_workdays(dt.date(2027, 7, 14), 1) == dt.date(2027, 7, 16)
    # the arife before Ramazan Bayramı is a half day: still a working day, but listed
    assert cal.is_workday(dt.date(2027, 3, 8)) and cal.half_day(dt.date(2027, 3, 8))
    listed = cal.holidays_between(dt.date(2027, 3, 1), dt.date(2027, 3, 31))
    assert [(h.date.day, h.half_day) for h in listed] == [
        (8, True), (9, False), (10, False), (11, False)]
    assert "Ramazan Bayramı" in listed[1].name


def test_calendar_of_an_unknown_country_skips_weekends_only() -> None:
    cal = WorkCalendar.for_country("ZZ")
    assert cal.is_workday(dt.date(2027, 7, 15))
    assert cal.holidays_between(dt.date(2027, 1, 1), dt.date(2027, 12, 31)) == []
    # no country named: the default is Türkiye
    assert not WorkCalendar.for_country("").is_workday(dt.date(2027, 10, 29))


def _project(tmp_path, change=None):
    import shutil
    from pathlib import Path

    import yaml

    target = tmp_path / "project"
    shutil.copytree(Path(__file__).parent / "data" / "reports" / "project", target)
    if change:
        path = target / "project.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    return target


def test_testdrive_schedule_skips_holidays_and_uses_only_the_arife_morning(tmp_path) -> None:
    from crmselect.project import load_project
    from crmselect.reporting.testdrive_context import build_testdrive_context

    root = _project(tmp_path, lambda d: d["timeline"].update(
        test_drives_start=dt.date(2027, 3, 8), test_drives_end=dt.date(2027, 3, 12)))
    ctx = build_testdrive_context(load_project(root), "tr", today=dt.date(2027, 1, 5))
    assert [(r["date"], r["start"]) for r in ctx["schedule"]] == [
        (dt.date(2027, 3, 8), "09.30"),   # arife: morning only
        (dt.date(2027, 3, 12), "09.30"),  # 9–11 March: Ramazan Bayramı
        (dt.date(2027, 3, 12), "13.30"),
    ]
    assert ctx["window"]["workdays"] == 2
    assert [(h["date"].day, h["half_day"]) for h in ctx["window"]["holidays"]] == [
        (8, True), (9, False), (10, False), (11, False)]


def test_migration_plan_lists_the_holidays_it_skipped(tmp_path) -> None:
    from crmselect.documents.migration import render_migration

    files = render_migration(_project(tmp_path), lang="tr", vendor="suitecrm",
                             today=dt.date(2027, 1, 5))
    markdown = files.markdown.read_text(encoding="utf-8")
    assert "### Plandaki resmî tatiller" in markdown
    assert "- 15 Temmuz 2027: Demokrasi ve Millî Birlik Günü" in markdown
    assert "Kurban Bayramı" in markdown
    assert "yarım gün" in markdown
    # no task starts or ends on a public holiday
    cal = WorkCalendar.for_country("TR")
    from crmselect.project import load_project
    from crmselect.reporting.migration_context import build_migration_context

    ctx = build_migration_context(load_project(files.markdown.parent.parent), "tr",
                                  today=dt.date(2027, 1, 5))
    for task in ctx["tasks"]:
        if task["kind"] != "roadmap_check":
            assert cal.is_workday(task["start"]) and cal.is_workday(task["end"]), task["key"]
