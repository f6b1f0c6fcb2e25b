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


# --- point 6: bilingual client-facing fields and the Turkish sample ------------------------


def test_bilingual_project_fields_show_only_the_document_language(tmp_path) -> None:
    from crmselect.project import load_project
    from crmselect.reporting.rfp_context import build_rfp_context

    def change(d: dict) -> None:
        d["name"] = {"en": "Harbour CRM selection", "tr": "Liman CRM seçimi"}
        d["organisation"]["industry"] = {"en": "Port logistics", "tr": "Liman lojistiği"}
        d["organisation"]["country"] = "TR"
        d["organisation"]["current_systems"] = [
            {"name": {"en": "Excel customer lists", "tr": "Excel müşteri listeleri"},
             "category": "spreadsheet"}]

    lp = load_project(_project(tmp_path, change))
    for lang, mine, other in (("en", "Harbour", "Liman"), ("tr", "Liman", "Harbour")):
        ctx = build_rfp_context(lp, lang, today=dt.date(2027, 1, 5))
        shown = repr(ctx)
        assert mine in shown and other not in shown
    tr = build_rfp_context(lp, "tr", today=dt.date(2027, 1, 5))
    assert tr["organisation"]["country"] == "Türkiye"
    assert tr["organisation"]["industry"] == "Liman lojistiği"
    assert tr["scope"]["current_systems"][0]["name"] == "Excel müşteri listeleri"


def test_bilingual_vendor_comment_is_shown_in_the_report_language(tmp_path) -> None:
    import yaml

    from crmselect.project import load_project
    from crmselect.reporting.comparison_context import build_comparison_context
    from crmselect.scoring.evaluation import evaluate_project

    root = _project(tmp_path)
    path = next((root / "responses").glob("*.yaml"))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    rid = next(r for r, a in data["responses"].items() if a["compliance"] == "custom")
    data["responses"][rid]["comment"] = {"en": "Built by the partner.",
                                         "tr": "İş ortağı geliştirir."}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    lp = load_project(root)
    ev = evaluate_project(lp, monte_carlo_samples=0)
    for lang, mine, other in (("en", "Built by", "İş ortağı"), ("tr", "İş ortağı", "Built by")):
        ctx = build_comparison_context(lp, ev, lang, today=dt.date(2027, 1, 5))
        comments = [i["comment"] for v in ctx["risks"] for i in v["items"]]
        assert any(mine in c for c in comments) and not any(other in c for c in comments)
    # the JSON result keeps both languages
    import json
    assert "İş ortağı geliştirir." in json.dumps(ev.to_dict(), ensure_ascii=False)


def test_turkish_sample_is_turkish_and_english_sample_english(tmp_path) -> None:
    import yaml

    from crmselect.project import load_project
    from crmselect.reporting.migration_context import build_migration_context
    from crmselect.reporting.rfp_context import build_rfp_context
    from crmselect.scaffold import copy_sample

    tr_root, en_root = tmp_path / "tr", tmp_path / "en"
    copy_sample(tr_root, lang="tr")
    copy_sample(en_root, lang="en")
    tr, en = load_project(tr_root), load_project(en_root)
    assert (tr.language, en.language) == ("tr", "en")
    assert (tr_root / "project.yaml").read_text(encoding="utf-8").splitlines()[1].startswith(
        "# Örnek proje")
    ctx = build_rfp_context(tr, today=dt.date(2027, 1, 5))
    assert ctx["project"]["name"] == "Ege Endüstri CRM seçimi 2027"
    assert ctx["organisation"]["industry"].startswith("Endüstriyel pompa ve vana")
    assert ctx["organisation"]["country"] == "Türkiye"
    assert "Alotech çağrı merkezi" in [s["name"] for s in ctx["scope"]["current_systems"]]
    en_ctx = build_rfp_context(en, today=dt.date(2027, 1, 5))
    assert en_ctx["project"]["name"] == "Ege Endüstri CRM selection 2027"
    assert en_ctx["organisation"]["country"] in ("Turkey", "Türkiye")
    plan = build_migration_context(tr, vendor="odoo", today=dt.date(2027, 1, 5))
    texts = " ".join(f"{r.get('comment', '')} {r.get('product', '')}" for r in plan["risks"])
    for english in (" the ", " needs ", "connector from", "custom work"):
        assert english not in texts, english
    scores = yaml.safe_load((tr_root / "scores.yaml").read_text(encoding="utf-8"))
    notes = {s["note"] for s in scores["scores"] if s.get("note")}
    assert "Adım atlandı, sonradan slaytla anlatıldı." in notes
    assert not any(n.startswith(("Step ", "Standard feature", "Declared as")) for n in notes)
    assert tr.scores == tr.scores  # loads (validated) with the swapped notes


# --- point 7: catalog search folds Turkish spellings and knows synonyms --------------------


def _ids(query: str) -> set[str]:
    from crmselect.catalog import load_catalog
    from crmselect.catalogsearch import search

    return {e.requirement.id for e in search(load_catalog(), query)}


def test_fold_maps_turkish_spellings_to_one_key() -> None:
    from crmselect.catalogsearch import fold

    assert fold("Şikâyet") == fold("şikayet") == fold("SIKAYET") == "sikayet"
    assert fold("İYS") == fold("IYS") == fold("iys") == "iys"
    assert fold("yapay zekâ") == fold("YAPAY ZEKA") == "yapay zeka"
    assert fold("IŞIK") == fold("ışık") == "isik"
    assert fold("web-to-lead") == "web to lead"


def test_search_finds_the_same_requirements_for_every_spelling() -> None:
    complaint = _ids("şikâyet")
    assert complaint and complaint == _ids("şikayet") == _ids("sikayet") == _ids("ŞİKAYET")
    iys = _ids("İYS")
    assert "OPS-MKT-010" in iys and iys == _ids("IYS") == _ids("iys")
    ai = _ids("yapay zekâ")
    assert ai and ai == _ids("yapay zeka")


def test_search_matches_glossary_and_domain_synonyms() -> None:
    assert "INT-COM-001" in _ids("santral") and _ids("PBX") == _ids("santral")
    assert "INT-COM-001" in _ids("CTI")
    assert {"OPS-MKT-015", "OPS-SFA-001"} <= _ids("web-to-lead")  # web forms → leads
    assert "OPS-MKT-015" in _ids("web formu")
    # a short synonym matches at the start of a word only: "cti" is not in "action"
    assert len(_ids("CTI")) < 10


def test_search_expands_a_glossary_term_in_either_language() -> None:
    from crmselect.catalogsearch import expand, synonym_groups
    from crmselect.model import GlossaryTerm

    groups = synonym_groups([GlossaryTerm(en="vendor", tr="tedarikçi", avoid_tr=["satıcı"])])
    assert set(expand("Satıcı seçimi", groups)) == {
        "satici secimi", "tedarikci secimi", "vendor secimi"}


# --- point 9: document metadata --------------------------------------------------------------


def test_documents_carry_the_organisation_the_time_and_the_language(tmp_path) -> None:
    from docx import Document
    from openpyxl import load_workbook

    from crmselect.documents.migration import render_migration
    from crmselect.documents.rfp import render_rfp
    from crmselect.documents.workbook import write_workbook

    root = _project(tmp_path)
    before = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    rfp = render_rfp(root, lang="tr")
    plan = render_migration(root, lang="en", today=dt.date(2027, 1, 5))
    for path, tag in ((rfp.docx, "tr-TR"), (plan.docx, "en-GB")):
        props = Document(str(path)).core_properties
        assert props.author == "Boğaziçi Medikal Cihaz Ltd. Şti."
        assert "python-docx" not in (props.author, props.last_modified_by, props.comments)
        assert props.language == tag
        assert props.title
    # created now, or on the day a document is dated (a fixed date keeps files reproducible)
    assert Document(str(rfp.docx)).core_properties.created.replace(tzinfo=None) >= before
    assert Document(str(plan.docx)).core_properties.created.replace(tzinfo=None) == (
        dt.datetime(2027, 1, 5))
    book = write_workbook(root, lang="tr")
    wb = load_workbook(book.path)
    assert wb.properties.creator == "Boğaziçi Medikal Cihaz Ltd. Şti."
    assert wb.properties.language == "tr-TR"
    assert wb.properties.created.replace(tzinfo=None) >= before


# --- review rows on the document strings and templates --------------------------------------


def test_rfp_scope_bullets_each_on_their_own_line(tmp_path) -> None:
    from crmselect.documents.rfp import render_rfp

    root = _project(tmp_path)
    for lang in ("en", "tr"):
        markdown = render_rfp(root, lang=lang).markdown.read_text(encoding="utf-8")
        lines = [line for line in markdown.splitlines() if line.startswith("- **")]
        scope = [line for line in lines if line.count("- **") > 1]
        assert scope == [], scope  # row 61: three bullets were glued on one line


def test_turkish_document_strings_follow_the_review() -> None:
    from pathlib import Path

    from crmselect.documents.strings import load_strings

    s = load_strings("tr")
    folder = Path(__file__).parent.parent / "templates" / "strings"
    flat = "".join(f.read_text(encoding="utf-8") for f in sorted(folder.glob("*.yaml")))
    assert "Öncül görev" in flat
    for wrong in ("test sürüşü planı", "Test sürüşü planı", "Kurulu baz", "Müşteriyi koruma",
                  "yayınlan", "{share} kadarı", "{percent} kadarını", "İyi yön", "Karar hijyeni",
                  "Problemler ve onları", "eforu gün olarak belirtin", "yanıtlarlar",
                  "bedelinin %'si", "YYYY-AA-GG", "2027-06-30 gibi", "iletişim kişisi",
                  "Her veri sahibi", "tr: Önce}"):
        assert wrong not in flat, wrong
    assert s["migration"].tasks.col_after == "Öncül görev"
    assert s["rfp"].kpis.col_direction == "Hedef yön"
    assert s["common"].entity.installed_base.startswith("Sahadaki kurulu ürünler")


def test_init_sample_lang_tr_writes_a_turkish_project(tmp_path) -> None:
    from click.testing import CliRunner

    from crmselect.cli import main

    target = tmp_path / "demo"
    result = CliRunner().invoke(main, ["init", str(target), "--sample", "--lang", "tr"])
    assert result.exit_code == 0, result.output
    text = (target / "project.yaml").read_text(encoding="utf-8")
    assert "\nlanguage: tr\n" in text and "# Örnek proje" in text
    en = tmp_path / "en"
    CliRunner().invoke(main, ["init", str(en), "--sample", "--lang", "en"])
    assert "\nlanguage: en\n" in (en / "project.yaml").read_text(encoding="utf-8")
