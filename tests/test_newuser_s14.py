"""A new user's project crmselect had not seen (s14_newuser): Osmangazi Hassas Parça, a Bursa
maker of hydraulic parts exporting to Germany, reporting in EUR, five vendors bidding in USD and
EUR, AHP criteria weights, Zoho CRM knocked out, Odoo and Dynamics 365 within a point at the
top, an evaluator who scored only half. What its results and documents said wrong, each checked
here."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from crmselect.i18n import text as render_text
from crmselect.project import load_project
from crmselect.scoring import evaluate_project
from crmselect.scoring.ranking import shown_lead

DATA = Path(__file__).parent / "data" / "newuser_s14"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(DATA / "project", target)
    return target


def _run(*args: str):
    from click.testing import CliRunner

    from crmselect.cli import main

    return CliRunner().invoke(main, [*args])


def _warning(ev, code: str):
    return next(w for w in ev.warnings if w.code == code)


# --- a lead of 0.77 points between totals printed as 85.7 and 85.0 -------------------------


def test_the_lead_is_the_difference_of_the_printed_totals(project: Path) -> None:
    # Odoo 85.727, Dynamics 365 84.961: every table prints 85.7 and 85.0, and the summary,
    # the recommendation and the warning said "leads by 0.8 points"
    ev = evaluate_project(load_project(project))
    first, second = ev.ranking[0], ev.ranking[1]
    assert (first.vendor, second.vendor) == ("odoo", "dynamics365")
    assert round(first.total - second.total, 1) == 0.8  # the unrounded lead
    warning = _warning(ev, "no_clear_winner")
    assert warning.params["lead"] == 0.7
    assert "Odoo leads Microsoft Dynamics 365 by 0.7 points" in render_text(
        warning.message(), "en")
    assert "arasındaki fark yalnızca 0,7 puan" in render_text(warning.message(), "tr")
    out = _run("score", str(project))
    assert "1     Odoo                     85.7" in out.output
    assert "2     Microsoft Dynamics 365   85.0" in out.output
    assert "by 0.7 points" in out.output and "0.8 points" not in out.output


def test_the_report_says_the_same_lead_as_its_tables(project: Path) -> None:
    from docx import Document

    from crmselect.documents.report import render_report

    files = render_report(project, lang="en")
    text = "\n".join(p.text for p in Document(str(files.docx)).paragraphs)
    assert "It leads Microsoft Dynamics 365 by 0.7 points." in text
    assert "but only 0.7 points ahead of Microsoft Dynamics 365" in text
    assert "0.8 points" not in text
    tr = render_report(project, lang="tr")
    text = "\n".join(p.text for p in Document(str(tr.docx)).paragraphs)
    assert "Microsoft Dynamics 365 karşısında 0,7 puan önde." in text
    assert "0,8 puan" not in text


@pytest.mark.parametrize(("first", "second", "lead"), [
    (85.72679349297414, 84.96142543864667, 0.7),  # this project: 85.7 − 85.0
    (76.54, 75.7875, 0.7),  # 76.5 − 75.8 (a half goes up: 75.7875 prints 75.8)
    (91.25, 91.2, 0.1),  # 91.3 − 91.2, a 0.05 lead that shows
    (91.2505, 91.25, 0.0),  # both print 91.3: the lead does not show
    (85.74, 85.66, 0.0),  # 0.08 apart, both print 85.7
    (60.0, 40.0, 20.0),
])
def test_shown_lead_rounds_as_the_totals_print(first: float, second: float, lead: float) -> None:
    from crmselect.i18n.formatting import format_number

    assert shown_lead(first, second) == lead
    printed = float(format_number(first, "en", 1)) - float(format_number(second, "en", 1))
    assert shown_lead(first, second) == pytest.approx(max(printed, 0.0))


def test_a_lead_hidden_by_the_printed_totals_is_too_close_to_call() -> None:
    # 0.08 points apart, both printed 85.7: "leads by 0.1 points" under two equal totals
    from crmselect.scoring.hygiene import too_close_to_call

    assert too_close_to_call(shown_lead(85.74, 85.66), 0.9)
    assert not too_close_to_call(shown_lead(85.75, 85.72), 0.9)  # 85.8 and 85.7 print apart


# --- the single-scorer warning: the winner, not the first vendor of project.yaml -------------


def test_the_single_scorer_warning_names_the_winner_when_shares_tie(project: Path) -> None:
    # Selin scored every vendor alike, Tolga only the first half of the requirements: her
    # share alone is 41% for each vendor, and the warning named Salesforce (first in
    # `vendors:`, third in the ranking) rather than the winner
    ev = evaluate_project(load_project(project))
    warning = _warning(ev, "single_scorer_weight")
    assert (warning.params["evaluator"], warning.params["vendor"]) == ("selin", "odoo")
    assert warning.params["share"] == pytest.approx(0.413, abs=0.001)
    assert render_text(warning.message(), "en").startswith(
        "Selin Aydoğan alone scored 41% of the total weight of Odoo's score")


# --- a knock-out the vendor's own answer makes --------------------------------------------


def test_a_knockout_the_vendor_declared_itself_needs_no_second_evaluator(project: Path) -> None:
    # Zoho CRM answered "Not supported" to INT-FIN-007 (orders to Netsis) and Selin scored
    # it 0; the warning asked for a second evaluator to confirm a knock-out the vendor's own
    # answer makes
    ev = evaluate_project(load_project(project))
    zoho = next(r for r in ev.ranking if r.vendor == "zoho_crm")
    assert zoho.knocked_out and zoho.failing == ["INT-FIN-007"]
    assert "single_score_knockout" not in [w.code for w in ev.warnings]


def test_a_knockout_against_the_vendors_answer_still_wants_a_second_evaluator(
        project: Path) -> None:
    path = project / "responses" / "zoho_crm.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  INT-FIN-007:")
    head, tail = text[:start], text[start:]
    path.write_text(head + tail.replace("compliance: none", "compliance: native", 1),
                    encoding="utf-8")
    ev = evaluate_project(load_project(project))
    warning = _warning(ev, "single_score_knockout")
    assert warning.params == {"vendor": "zoho_crm", "requirement": "INT-FIN-007",
                              "evaluator": "selin", "score": 0.0}


# --- an illustrative profile first: no "confidence high", no recommendation ----------------


@pytest.fixture
def made_up_first(project: Path) -> Path:
    """The project before anyone scored, with Anatolia CRM (a bundled profile marked
    illustrative) answering too: it ranks first on its own declarations."""
    shutil.copy(DATA / "anatolia_crm.yaml", project / "responses" / "anatolia_crm.yaml")
    (project / "scores.yaml").unlink()
    path = project / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "vendors: [salesforce, dynamics365, odoo, zoho_crm, hubspot]",
        "vendors: [salesforce, dynamics365, odoo, zoho_crm, hubspot, anatolia_crm]"),
        encoding="utf-8")
    return project


def test_an_illustrative_first_is_not_the_winner_of_score(made_up_first: Path) -> None:
    from crmselect.scoring.verdict import verdict

    ev = evaluate_project(load_project(made_up_first))
    assert ev.winner == "anatolia_crm" and "illustrative_winner" in ev.warning_codes()
    assert verdict(ev).code == "illustrative"
    out = _run("score", str(made_up_first)).output
    assert "Winner: Anatolia CRM" not in out
    assert ("First: Anatolia CRM (99.6 points), but its profile is an illustrative example, "
            "not a real offer: not recommended") in out
    tr = _run("--lang", "tr", "score", str(made_up_first)).output
    assert ("Birinci: Anatolia CRM (99,6 puan), ancak profili gerçek bir teklif değil, örnek "
            "amaçlı: önerilmiyor") in tr
    sens = _run("sensitivity", str(made_up_first)).output
    assert sens.startswith("No winner named: Anatolia CRM is first, but its profile is an "
                           "illustrative example")


def test_the_report_recommends_no_made_up_vendor(made_up_first: Path) -> None:
    # the summary said "confidence in the result is high" and the recommendation "We
    # recommend Anatolia CRM", while the warnings section said "Do not choose it"
    from docx import Document

    from crmselect.documents.report import render_report

    files = render_report(made_up_first, lang="en")
    text = "\n".join(p.text for p in Document(str(files.docx)).paragraphs)
    assert "confidence in the result is high" not in text
    assert ("Anatolia CRM ranks first in 100% of them; but its profile is an illustrative "
            "example that describes no real offer, so the result names no vendor to choose."
            ) in text
    assert "We recommend Anatolia CRM" not in text and "— recommended" not in text
    assert ("We recommend no vendor on this basis: take Anatolia CRM off the short list and "
            "compare the real vendors' responses; the first of them is Odoo.") in text
    assert ("Take Anatolia CRM off the short list (the vendors list in project.yaml): its "
            "profile is a made-up example. Then compare again; Odoo is the first real "
            "vendor.") in text
    assert "No vendor is recommended, so there is nothing to negotiate yet." in text
    tr = render_report(made_up_first, lang="tr")
    text = "\n".join(p.text for p in Document(str(tr.docx)).paragraphs)
    assert "sonuca güven yüksek" not in text
    assert ("Bu temelde hiçbir tedarikçi önerilmez: Anatolia CRM tedarikçisini kısa listeden "
            "çıkarın ve gerçek tedarikçilerin yanıtlarını karşılaştırın; bunların ilki Odoo."
            ) in text


def test_the_results_page_recommends_no_made_up_vendor(tmp_path: Path, app_factory) -> None:
    from test_web_results_verdict import (
        PEOPLE,
        highlighted,
        results_app,
        results_page,
        verdict_line,
    )
    from verdictprojects import answers, crafted_project

    root = crafted_project(tmp_path / "p", {"anatolia_crm": answers("native"),
                                            "odoo": answers("configurable")},
                           evaluators=PEOPLE)
    app = results_app(root, app_factory)
    for lang, line in (
            ("en", "Anatolia CRM ranks first with 100.0 out of 100, but its profile is an "
                   "illustrative example, not a real offer: it is not recommended. Compare the "
                   "responses of real vendors."),
            ("tr", "Anatolia CRM, 100 üzerinden 100,0 puanla ilk sırada, ancak profili gerçek "
                   "bir teklif değil, örnek amaçlı: önerilmiyor. Gerçek tedarikçilerin "
                   "yanıtlarını karşılaştırın.")):
        page = results_page(app, lang)
        assert verdict_line(page) == ("illustrative", line)
        assert highlighted(page) == []


# --- migration plan: what the evaluators found weaker than the chosen vendor declared ------


def test_the_plan_follows_up_what_the_evaluators_judged_weaker_than_declared(
        project: Path) -> None:
    # Odoo declared INT-FIN-006 (price lists and stock from Netsis) native and OPS-SFA-026,
    # COL-PRM-004 configurable; the evaluators scored all three 2. The report's negotiation
    # points say "ask what work is missing"; the plan listed only the custom development
    import datetime as dt

    from crmselect.documents.migration import render_migration
    from crmselect.reporting.migration_context import build_migration_context

    today = dt.date(2026, 12, 7)
    ctx = build_migration_context(load_project(project), "en", vendor="odoo", today=today)
    assert [(r["type"], r["requirement"]) for r in ctx["risks"]] == [
        ("custom", "COL-PRM-009"), ("understated", "OPS-SFA-026"),
        ("understated", "COL-PRM-004"), ("understated", "INT-FIN-006")]
    files = render_migration(project, lang="en", vendor="odoo", today=today)
    text = files.markdown.read_text(encoding="utf-8")
    assert ("Requirements Odoo declared native or configurable that the evaluators scored 2 or "
            "less: 3. Have the missing work priced and planned before signing.") in text
    assert ("| **INT-FIN-006**<br>Products, price lists and stock from ERP | Weaker than "
            "declared | Declared “Native (out of the box)”, scored 2.0 by the evaluators: the "
            "work it needs is likely missing from the bid.") in text
    tr = render_migration(project, lang="tr", vendor="odoo", today=today)
    text = tr.markdown.read_text(encoding="utf-8")
    assert ("| Beyan edilenden zayıf | “Standart (hazır)” olarak beyan edildi, "
            "değerlendiriciler 2,0 puan verdi: gereken iş büyük olasılıkla teklifte yok.") in text
    # Dynamics 365, scored 4 and 5 where it claimed native: nothing weaker than declared
    ctx = build_migration_context(load_project(project), "en", vendor="dynamics365",
                                  today=today)
    assert "understated" not in [r["type"] for r in ctx["risks"]]


def test_migration_names_the_planned_vendor(project: Path) -> None:
    # it said "planned for: dynamics365", the id of project.yaml
    result = _run("migration", str(project), "--vendor", "dynamics365")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == "planned for: Microsoft Dynamics 365"


# --- kpi: inputs typed with their words swapped ---------------------------------------------


def test_a_kpi_input_with_its_words_swapped_suggests_the_same_words() -> None:
    # "opportunities_lost" was answered "did you mean won_opportunities?" (difflib's nearest
    # spelling): following the hint gives the won count twice
    result = _run("kpi", "compute", "win_rate", "--input", "opportunities_won=42",
                  "--input", "opportunities_lost=58")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        "unknown input 'opportunities_won' for KPI win_rate (did you mean won_opportunities?)",
        "unknown input 'opportunities_lost' for KPI win_rate (did you mean "
        "lost_opportunities?)"]
    tr = _run("--lang", "tr", "kpi", "compute", "win_rate", "--input", "opportunities_lost=58")
    assert ("'opportunities_lost', win_rate KPI'sının girdilerinden biri değil "
            "(lost_opportunities mi demek istediniz?)") in tr.stderr


# --- scores import: a scoring sheet written before the short list changed -----------------


def test_a_sheet_for_a_vendor_taken_off_the_short_list_says_so(project: Path) -> None:
    # the sheets were written with HubSpot on the short list, then HubSpot was replaced by
    # Anatolia CRM: the import said five times "the column header is 'HubSpot — score',
    # expected 'hubspot — score' (columns may not be added, moved or renamed)"
    assert _run("scores", "template", str(project)).exit_code == 0
    sheet = project / "out" / "scoring" / "scoring-selin.xlsx"
    path = project / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "vendors: [salesforce, dynamics365, odoo, zoho_crm, hubspot]",
        "vendors: [salesforce, dynamics365, odoo, zoho_crm, anatolia_crm]"), encoding="utf-8")
    (project / "responses" / "hubspot.yaml").unlink()
    shutil.copy(DATA / "anatolia_crm.yaml", project / "responses" / "anatolia_crm.yaml")
    (project / "scores.yaml").unlink()  # (its HubSpot scores would be the first problem)
    result = _run("scores", "import", str(project), str(sheet))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{sheet}: crmselect!D5: the sheet has columns for vendor 'hubspot', which is no longer "
        "a vendor of this project (salesforce, dynamics365, odoo, zoho_crm, anatolia_crm); "
        "nothing was read (write the evaluator a new sheet with crmselect scores template DIR "
        "--force, and copy the scores of the remaining vendors into it)")
    assert "column header" not in result.stderr and "Traceback" not in result.output
    assert not (project / "scores.yaml").exists()


# --- the report's summary: all of the winner's weight checked --------------------------------


def test_all_of_the_weight_checked_leaves_no_rest_to_rest_on_answers(project: Path) -> None:
    # "People checked 100% of the winner's requirement weight; the rest rests on its own
    # answers": there is no rest
    from docx import Document

    from crmselect.documents.report import render_report

    text = "\n".join(p.text for p in Document(str(
        render_report(project, lang="en").docx)).paragraphs)
    assert ("People checked all of the winner's requirement weight; none of it rests on its "
            "own answers alone.") in text
    assert "the rest rests on its own answers" not in text
    tr = "\n".join(p.text for p in Document(str(
        render_report(project, lang="tr").docx)).paragraphs)
    assert ("Kazananın gereksinim ağırlığının tamamı değerlendiricilerce doğrulandı; hiçbir "
            "kısmı yalnızca tedarikçinin kendi beyanına dayanmıyor.") in tr


def test_the_cheapest_is_named_among_the_vendors_it_is_compared_with(project: Path) -> None:
    # "The lowest total cost of ownership of the 4 priced finalists" in a recommendation that
    # "discusses the first 3 vendors that pass the knock-out criteria": the 4 are every vendor
    # that passes, not the finalists
    from docx import Document

    from crmselect.documents.report import render_report

    text = "\n".join(p.text for p in Document(str(
        render_report(project, lang="en").docx)).paragraphs)
    assert "It discusses the first 3 vendors that pass the knock-out criteria." in text
    assert ("The lowest total cost of ownership of the 4 priced vendors that pass the "
            "knock-outs: 216,804 EUR.") in text
    assert ("The highest total cost of ownership of the 4 priced vendors that pass the "
            "knock-outs: 783,753 EUR.") in text
    assert "finalists:" not in text


# --- RFP: the records to migrate that only migrated_entities counts ------------------------


def test_the_rfp_sizes_the_quotes_to_migrate(project: Path) -> None:
    # migrated_entities: [..., {entity: quotes, source: Excel quote templates, records: 6400}];
    # the migration plan migrated 6,400 quotes, the RFP's volumes table (what vendors price
    # the data migration from) did not have them
    from crmselect.documents.rfp import render_rfp

    files = render_rfp(project, lang="en")
    text = files.markdown.read_text(encoding="utf-8")
    table = text[text.index("| Records held today | Records |"):]
    table = table[:table.index("\n\n")]
    assert table.splitlines()[2:] == ["| Accounts (firms) | 2,900 |", "| Contacts | 7,400 |",
                                      "| Opportunities | 1,800 |", "| Quotes | 6,400 |"]


def test_the_rfp_publishes_the_ahp_weights_the_scores_use(project: Path) -> None:
    # project.yaml keeps `criteria: {functional: 35, …}` from the template and sets
    # weights.ahp.criteria beside it; the scores use the AHP weights (functional 32.3 %),
    # the RFP told the vendors 35 % under "The weights were set with a pairwise comparison"
    from crmselect.documents.rfp import render_rfp

    ev = evaluate_project(load_project(project), monte_carlo_samples=0)
    assert round(ev.criteria_weights["functional"], 3) == 0.323
    text = render_rfp(project, lang="en").markdown.read_text(encoding="utf-8")
    table = text[text.index("| Criterion | Weight |"):]
    table = table[:table.index("\n\n")]
    assert table.splitlines()[2:] == [
        "| Functional fit | 32% |", "| Integration fit | 17% |", "| Non-functional fit | 10% |",
        "| Test-drive results | 17% |", "| Total cost of ownership (TCO) | 17% |",
        "| References | 6% |"]


# --- the one-line verdicts of score, report and build: a winner by 0.7 points ----------------


def test_the_summary_lines_name_the_runner_up_of_a_narrow_lead(project: Path) -> None:
    # score printed "Winner: Odoo (85.7 points)" over "! No clear winner: Odoo leads …" and
    # build "winner: Odoo (85.7 points)", while the report keeps Dynamics 365 as the
    # alternative
    import json

    out = _run("score", str(project)).output
    assert ("First: Odoo (85.7 points), only 0.7 points ahead of Microsoft Dynamics 365 "
            "(85.0 points): no clear winner; keep Microsoft Dynamics 365 as the alternative"
            ) in out.splitlines()
    assert "Winner: Odoo" not in out
    tr = _run("--lang", "tr", "score", str(project)).output
    assert ("Birinci: Odoo (85,7 puan), Microsoft Dynamics 365 (85,0 puan) karşısında "
            "yalnızca 0,7 puan önde: açık bir kazanan yok; Microsoft Dynamics 365 alternatif "
            "olarak kalsın") in tr.splitlines()
    built = _run("report", str(project))
    assert built.stderr.splitlines()[-1] == (
        "first: Odoo (85.7 points), narrowly ahead of Microsoft Dynamics 365 (85.0 points): "
        "no clear winner")
    data = json.loads(_run("score", str(project), "--format", "json").output)
    assert data["verdict"] == {"code": "winner", "first": ["odoo"], "runner_up": "dynamics365"}


# --- validate: direct weights beside the AHP matrix that replaces them ----------------------


def test_validate_says_the_direct_criteria_weights_are_not_used(project: Path) -> None:
    # the template's `criteria: {functional: 35, …}` stayed when the ahp matrix was
    # uncommented: the scores follow the matrix, and nothing said so
    import json

    where = f"{project / 'project.yaml'}:81:13: weights.criteria: "
    result = _run("validate", str(project))
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == (
        f"! {where}not used: the pairwise comparisons of weights.ahp.criteria set these "
        "weights; delete weights.criteria (or the matrix) so that project.yaml shows the "
        "weights the scores use")
    tr = _run("--lang", "tr", "validate", str(project))
    assert tr.output.splitlines()[-1] == (
        f"! {where}kullanılmıyor: bu ağırlıkları weights.ahp.criteria altındaki ikili "
        "karşılaştırmalar belirliyor; project.yaml puanların kullandığı ağırlıkları göstersin "
        "diye weights.criteria satırını (ya da matrisi) silin")
    data = json.loads(_run("validate", str(project), "--format", "json").output)
    assert [u.split(": ")[1] for u in data["unused_weights"]] == ["weights.criteria"]
    path = project / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  criteria: {functional: 35, integration: 15, non_functional: 10, test_drive: 15, "
        "cost: 20, references: 5}\n", ""), encoding="utf-8")
    assert "not used" not in _run("validate", str(project)).output


# --- the report: the exchange rate at which the dollar bid would win ----------------------


def _tables(docx: Path) -> list[list[list[str]]]:
    from docx import Document

    return [[[c.text for c in row.cells] for row in t.rows] for t in Document(str(docx)).tables]


def test_the_report_says_which_currency_move_changes_the_winner(project: Path) -> None:
    # Odoo bids in EUR, Dynamics 365 in USD: a dollar 4.3 % a year weaker makes Dynamics the
    # winner (crmselect sensitivity says so); the report showed the rate used and nothing else
    from docx import Document

    from crmselect.documents.report import render_report

    files = render_report(project, lang="en")
    text = "\n".join(p.text for p in Document(str(files.docx)).paragraphs)
    assert ("The closest exchange-rate call: if the USD fell by 4.3% a year against the EUR, "
            "Microsoft Dynamics 365 would win.") in text
    table = next(t for t in _tables(files.docx) if t[0][0] == "Currency")
    assert table == [
        ["Currency", "Rates used (EUR, year 1…)", "If it rises each year",
         "If it falls each year"],
        ["USD", "0.92", "the winner stays within 50%",
         "−4.3% a year: Microsoft Dynamics 365 wins"]]
    tr = render_report(project, lang="tr")
    text = "\n".join(p.text for p in Document(str(tr.docx)).paragraphs)
    assert ("En yakın kur eşiği: USD, EUR karşısında yılda %4,3 değer kaybetse Microsoft "
            "Dynamics 365 kazanırdı.") in text
    table = next(t for t in _tables(tr.docx) if t[0][0] == "Para birimi")
    assert table[1] == ["USD", "0,92", "%50 içinde kazanan değişmez",
                        "yılda −%4,3: Microsoft Dynamics 365 kazanır"]


# --- the report in LibreOffice: no blank page before the landscape appendix ----------------


@pytest.mark.slow
@pytest.mark.parametrize(("document", "lang", "footer"), [
    ("comparison", "en", "Comparison report — Osmangazi Hassas Parça San. ve Tic. A.Ş."),
    ("testdrive", "tr", "Uygulamalı demo planı — Osmangazi Hassas Parça San. ve Tic. A.Ş.")])
def test_no_blank_page_after_a_table_at_the_foot_of_a_page(project: Path, tmp_path: Path,
                                                           document: str, lang: str,
                                                           footer: str) -> None:
    # the English report: the evaluators' table ends at the foot of page 31; the empty
    # paragraph after it and the one ending the portrait section took page 32, blank but for
    # its footer, before the landscape "Appendix: every score". The Turkish test-drive plan:
    # the first scoring form's table fills page 8, and its spacer took page 9 before the
    # second form's page break
    import shutil as sh

    from office import convert_to_pdf, pdf_text

    from crmselect.documents.report import render_report
    from crmselect.documents.testdrive import render_testdrive

    if sh.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed")
    render = render_report if document == "comparison" else render_testdrive
    pdf = convert_to_pdf(render(project, lang=lang).docx, tmp_path)
    pages = pdf_text(pdf).split("\f")
    blank = [n for n, page in enumerate(pages, start=1)
             if page.strip() and not page.replace(footer, "").split("Page ")[0]
             .split("Sayfa ")[0].strip()]
    assert blank == [], blank


# --- the report's methodology: the consistency of the AHP judgements --------------------------


def test_the_methodology_gives_the_consistency_ratio_of_the_ahp_matrix(project: Path) -> None:
    # "Weights set by AHP pairwise comparison: criteria." and nothing of how consistent the
    # judgements were (crmselect ahp gives CR = 0.0028); only a failing matrix was mentioned
    from docx import Document

    from crmselect.documents.report import render_report

    text = "\n".join(p.text for p in Document(str(
        render_report(project, lang="en").docx)).paragraphs)
    assert ("Consistency of the pairwise comparisons: criteria, consistency ratio 0.0028; a "
            "ratio up to 0.10 is consistent.") in text
    tr = "\n".join(p.text for p in Document(str(
        render_report(project, lang="tr").docx)).paragraphs)
    assert ("İkili karşılaştırmaların tutarlılığı: kriterler için tutarlılık oranı 0,0028; "
            "0,10 ve altındaki oran tutarlı sayılır.") in tr


def test_sensitivity_writes_the_number_of_samples_as_the_report_does(project: Path) -> None:
    # "Monte Carlo: 2000 ağırlık örneği" in Turkish, where the report says "2.000 simülasyon"
    path = project / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "# scoring:\n", "scoring: {monte_carlo_concentration: 12.5}\n# scoring:\n", 1),
        encoding="utf-8")
    tr = _run("--lang", "tr", "sensitivity", str(project)).output
    assert "Monte Carlo: 2.000 ağırlık örneği (Dirichlet, yoğunlaşma 12,5, tohum 42)" in tr
    en = _run("sensitivity", str(project)).output
    assert "Monte Carlo: 2,000 weight samples (Dirichlet, concentration 12.5, seed 42)" in en


def test_the_results_page_of_a_narrow_winner(project: Path, app_factory) -> None:
    # the verdict of a narrow winner now carries its no_clear_winner warning (the summary
    # lines name the runner-up): the page still says who ranks first, and highlights it
    from test_web_results_verdict import highlighted, results_app, verdict_line

    app = results_app(project, app_factory)
    client = app.test_client()
    client.as_user("deniz")  # the facilitator, who does not score: sees results at once
    page = client.get("/results/")
    assert page.status_code == 200, page.text[:2000]
    assert verdict_line(page.text) == ("winner", "Odoo ranks first with 85.7 out of 100.")
    assert highlighted(page.text) == ["Odoo"]
