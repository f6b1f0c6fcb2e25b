"""What a client saw wrong when opening the documents of two crafted projects (a Turkish
retail chain with five bids, one knocked out; an English firm with two bids and no scores
yet), each checked here on the small report project of tests/data/reports."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from docx import Document
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

import crmselect.documents.report as report_module
from crmselect.documents.charts import _money_axis, _row_major
from crmselect.documents.report import render_report
from crmselect.errors import msg
from crmselect.i18n import text as render_text

DATA = Path(__file__).parent / "data" / "reports"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(DATA / "project", target)
    return target


def _all_text(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


# --- charts ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "value", "expected"), [
    ("en", 1_250_000, "1.25 M"), ("en", 1_000_000, "1 M"), ("en", 750_000, "750 k"),
    ("tr", 15_000_000, "15 Mn"), ("tr", 2_500_000, "2,5 Mn"), ("tr", 12_500, "12,5 B"),
    ("en", 0, "0"),
])
def test_money_ticks_say_the_value_they_stand_at(lang: str, value: float, expected: str) -> None:
    # The English cost chart read "1.0 M" and "1.2 M" for 1,000,000 and 1,250,000.
    assert _money_axis(lang)(value, 0) == expected


@pytest.mark.parametrize("n", [1, 2, 4, 5, 6, 7, 9])
def test_legend_reads_in_ranking_order_row_by_row(n: int) -> None:
    # Five vendors in a four-column legend read "1st, 3rd, 4th, 5th / 2nd" (the radar).
    fig = Figure()
    ax = fig.add_subplot()
    names = [f"Vendor {k}" for k in range(n)]
    for name in names:
        ax.plot([0, 1], [0, 1], label=name)
    ncol = min(4, n)
    legend = ax.legend(*_row_major(*ax.get_legend_handles_labels(), ncol), ncol=ncol)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()  # the legend is laid out when drawn
    renderer = canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in legend.get_texts()]
    read = [name for name, box in sorted(boxes, key=lambda b: (-round(b[1].y0), b[1].x0))]
    assert read == names


def test_row_major_keeps_everything_once() -> None:
    handles, labels = _row_major(list("abcde"), list("abcde"), 4)
    assert labels == ["a", "e", "b", "c", "d"] and sorted(handles) == list("abcde")
    assert _row_major([], [], 4) == ([], [])


def test_knocked_out_bid_is_named_so_on_the_cost_chart(project: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # Cheap and high-scoring, the knocked-out EspoCRM sat top left ("best value") unmarked.
    seen: dict[str, list] = {}
    real = report_module.cost_chart

    def spy(points, *args, **kwargs):
        seen["points"] = list(points)
        return real(points, *args, **kwargs)

    monkeypatch.setattr(report_module, "cost_chart", spy)
    render_report(project, lang="tr")
    names = {name: knocked for name, _tco, _score, knocked in seen["points"]}
    assert names == {"Odoo": False, "SuiteCRM": False, "EspoCRM (elendi)": True}


# --- words -----------------------------------------------------------------------------------


def test_turkish_report_writes_tl_not_the_currency_code(project: Path) -> None:
    # "67.978.735 TRY", "maliyetler (TRY)", "1 EUR = … TRY", "TRY cinsinden" beside "TL".
    files = render_report(project, lang="tr")
    words = _all_text(files.docx)
    assert "TL" in words
    assert not re.search(r"\bTRY\b", words), re.findall(r".{30}\bTRY\b.{10}", words)[:5]
    assert "1 EUR = … TL" in words


def test_english_report_keeps_the_currency_code(project: Path) -> None:
    words = _all_text(render_report(project, lang="en").docx)
    assert "1 EUR = … TRY" not in words and "(TRY per EUR)" in words


@pytest.mark.parametrize(("lang", "expected", "unwanted"), [
    ("tr", "(referanslar)", "(references)"), ("en", "(references)", None)])
def test_missing_score_warning_names_a_whole_criterion_in_the_language(
        lang: str, expected: str, unwanted: str | None) -> None:
    message = msg("scoring_missing_scores", vendor="d365", criterion="references", n=1,
                  targets="references", _names={"d365": "Microsoft Dynamics 365"})
    written = render_text(message, lang)
    assert expected in written and "Microsoft Dynamics 365" in written
    if unwanted:
        assert unwanted not in written
    steps = msg("scoring_missing_scores", vendor="d365", criterion="test_drive", n=2,
                targets="SCN-A.1, SCN-A.2", _names={})
    assert "(SCN-A.1, SCN-A.2)" in render_text(steps, lang)


def test_over_ceiling_warning_writes_tl_in_turkish() -> None:
    message = msg("scoring_winner_over_ceiling", winner="nw", tco=67978735.0,
                  ceiling=16000000, currency="TRY", _names={"nw": "Northwind Cloud"})
    assert "67.978.735 TL" in render_text(message, "tr")
    assert "TRY" not in render_text(message, "tr")
    assert "67,978,735 TRY" in render_text(message, "en")


# --- sections with nothing to show -----------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_disagreements_without_scores_do_not_claim_agreement(project: Path, lang: str) -> None:
    (project / "scores.yaml").unlink()
    words = _all_text(render_report(project, lang=lang).docx)
    agree = {"en": "The evaluators broadly agree",
             "tr": "Değerlendiriciler genel olarak hemfikir"}[lang]
    none = {"en": "No evaluator has scored yet", "tr": "Henüz hiçbir değerlendirici"}[lang]
    assert agree not in words and none in words


# --- reference questions ---------------------------------------------------------------------


def _set_country(project: Path, country: str | None) -> None:
    """The organisation's country in ``project.yaml`` (None: no country given)."""
    import yaml

    path = project / "project.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if country:
        data["organisation"]["country"] = country
    else:
        data["organisation"].pop("country", None)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize(("country", "in_turkish"), [("GB", False), ("TR", True), ("", True)])
def test_reference_support_question_asks_for_turkish_only_in_turkiye(
        project: Path, country: str, in_turkish: bool) -> None:
    # The English firm in London had its references asked whether support answers "in Turkish".
    from crmselect.project import load_project
    from crmselect.reporting.reference_questions import reference_questions
    from crmselect.scoring import evaluate_project

    _set_country(project, country)
    lp = load_project(project)
    questions = reference_questions(lp, evaluate_project(lp))
    support = [q for qs in questions.values() for q in qs if q.reason == "general_support"]
    assert support
    for q in support:
        assert ("in Turkish" in q.text["en"]) is in_turkish
        assert ("Türkçe" in q.text["tr"]) is in_turkish


# --- migration plan --------------------------------------------------------------------------


@pytest.mark.parametrize(("country", "lang", "expected", "unwanted"), [
    ("GB", "en", "The plan skips these public holidays.", "28 October"),
    ("GB", "tr", "Plan bu resmî tatilleri atlar.", "28 Ekim"),
    ("TR", "en", "On a half day (the eve of a religious holiday, and 28 October)", None),
    ("TR", "tr", "Yarım günlerde (dinî bayramların arifesi ve 28 Ekim)", None),
])
def test_half_day_sentence_only_where_the_plan_has_a_half_day(
        project: Path, country: str, lang: str, expected: str, unwanted: str | None) -> None:
    # A London firm's plan explained Turkish half days (arife, 28 October) above UK holidays.
    import yaml

    from crmselect.documents.migration import render_migration

    path = project / "project.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["organisation"]["country"] = country
    data["timeline"]["go_live"] = "2027-11-29"  # the plan spans 28 October (and arife in TR)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    words = _all_text(render_migration(project, lang=lang, vendor="odoo").docx)
    assert expected in words
    if unwanted:
        assert unwanted not in words


# --- test-drive plan -------------------------------------------------------------------------


@pytest.mark.parametrize(("country", "lang", "arife"), [
    ("GB", "en", False), ("GB", "tr", False), ("TR", "en", True), ("TR", "tr", True),
    ("", "en", True)])
def test_schedule_rule_mentions_arife_only_for_turkiye(project: Path, country: str, lang: str,
                                                       arife: bool) -> None:
    # A London firm's test-drive plan said the eve of a religious holiday is a half day.
    from crmselect.documents.testdrive import render_testdrive

    _set_country(project, country)
    words = _all_text(render_testdrive(project, lang=lang).docx)
    said = {"en": "on the eve of a religious holiday (a half day)",
            "tr": "arife günleri yarım gün"}[lang]
    rule = {"en": "Weekends and public holidays are skipped", "tr": "resmî tatiller atlanır"}[lang]
    assert rule in words
    assert (said in words) is arife


# --- the verdict -----------------------------------------------------------------------------


@pytest.mark.parametrize("samples", [300, 0])
def test_a_narrow_lead_is_not_recommended_as_a_clear_win(tmp_path: Path, samples: int) -> None:
    # Northwind Cloud led Odoo by 1.1 points: the decision warnings said "no clear winner"
    # while the verdict recommended it as clear (first in 96% of the weight simulations).
    import yaml
    from test_reporting_recommendation import PRICING, _all, _docx_text, _project, _rec

    root = _project(tmp_path / "p", {"odoo": _all("native"), "suitecrm": _all("native")},
                    extra={"scoring": {"monte_carlo_samples": samples, "seed": 1}})
    path = root / "responses" / "suitecrm.yaml"
    body = yaml.safe_load(path.read_text())
    body["pricing"] = {**PRICING, "per_user_month": {"standard": 1150}}
    path.write_text(yaml.safe_dump(body))
    verdict = _rec(root)["verdict"]
    assert verdict.code == "verdict_close" and verdict.params["lead"] < 2
    assert verdict.params.get("narrow") is True
    en, tr = _docx_text(root), _docx_text(root, "tr")
    assert "We recommend Odoo: it ranks first" not in en
    assert "but only 0.9 points ahead of SuiteCRM: a point or two on one criterion" in en
    assert "keep SuiteCRM in the negotiation as the alternative" in en
    assert "yalnızca 0,9 puan önde: tek bir kriterde" in tr
    if samples:
        assert "ranks first in 100% of the simulations, but they vary the weights" in en
        assert "ranks first in only" not in en
    else:
        assert "simulations" not in en.split("keep SuiteCRM")[0].split("Odoo ranks first")[-1]


def test_migration_budget_writes_tl_in_turkish(project: Path) -> None:
    # "…kullanıcı sayılarından (TRY)" in the Turkish budget, beside amounts in TL.
    from crmselect.documents.migration import render_migration

    tr = _all_text(render_migration(project, lang="tr", vendor="odoo").docx)
    assert "(TL)" in tr and not re.search(r"\bTRY\b", tr)
    en = _all_text(render_migration(project, lang="en", vendor="odoo").docx)
    assert "(TRY)" in en


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_summary_says_an_unscored_ranking_is_not_yet_a_decision(project: Path, lang: str) -> None:
    # The English firm's report (no scores yet) said "confidence in the result is high".
    said = {"en": "No evaluator has scored yet: every score above is the vendors' own",
            "tr": "Henüz hiçbir değerlendirici puan vermedi: yukarıdaki her puan"}[lang]
    assert said not in _all_text(render_report(project, lang=lang).docx)
    (project / "scores.yaml").unlink()
    assert said in _all_text(render_report(project, lang=lang).docx)


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_unverified_claims_before_any_score_are_counted_not_listed(project: Path,
                                                                   lang: str) -> None:
    # The English firm's report spent nine pages on "not in a demo | no" rows.
    scored = Document(str(render_report(project, lang=lang).docx))
    (project / "scores.yaml").unlink()
    unscored = Document(str(render_report(project, lang=lang).docx))
    said = {"en": "No test drive has been scored yet, so no native",
            "tr": "Henüz hiçbir uygulamalı demo puanlanmadı"}[lang]
    words = _all_text(project / "out" / "comparison.docx")
    assert said in words and re.search(r"(Odoo|SuiteCRM|EspoCRM) \d+", words)
    assert len(unscored.tables) < len(scored.tables)
    assert said not in "\n".join(p.text for p in scored.paragraphs)
