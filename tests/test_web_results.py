"""The results page: the same numbers as ``crmselect score`` on the exported scores, charts,
knock-outs and warnings, the comparison report download, and two envelopes."""

from __future__ import annotations

import io
import json
import re
import zipfile

from click.testing import CliRunner

from crmselect.cli import main


def score_some(make_client) -> None:
    ayse, mehmet = make_client("ayse"), make_client("mehmet")
    ayse.save_score("odoo", "INT-FIN-001", 5, "Logo connector shown live")
    mehmet.save_score("odoo", "INT-FIN-001", 1, "CSV import only")
    ayse.save_score("odoo", "CUS-SFA-001", 4)
    ayse.save_score("espocrm", "CUS-SFA-001", 2)
    ayse.save_score("espocrm", "INT-FIN-002", 3)  # lifts EspoCRM's declared "none"
    ayse.save_score("odoo", "SCN-DEALER.1", 4)
    ayse.save_score("espocrm", "SCN-DEALER.1", 3)
    ayse.save_score("odoo", "references", 4)
    ayse.post("/testdrive/odoo/SCN-DEALER/mark", data={"requirement": "CUS-SFA-001",
                                                       "shown": "live"})


def cli_totals(project) -> dict[str, tuple[int, float, bool]]:
    result = CliRunner().invoke(main, ["score", str(project), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    return {r["vendor"]: (r["rank"], r["total"], r["knocked_out"]) for r in data["ranking"]}


def page_totals(page: str) -> dict[str, tuple[int, str, bool]]:
    table = page[page.index('<table class="table ranking'):]
    table = table[:table.index("</table>")]
    rows = re.findall(r'<td class="rank">(\d+)</td>\s*<td><strong>([^<]+)</strong></td>\s*'
                      r'<td class="num"[^>]*><strong>([\d.,]+)</strong></td>(.*?)</tr>',
                      table, re.S)
    return {name: (int(rank), total, "fails" in rest) for rank, name, total, rest in rows}


def test_results_show_the_same_numbers_as_the_cli(make_client, web_project) -> None:
    score_some(make_client)
    facilitator = make_client("selin")
    exported = facilitator.get("/export/scores.yaml").text
    (web_project / "scores.yaml").write_text(exported, encoding="utf-8")
    expected = cli_totals(web_project)
    shown = page_totals(facilitator.get("/results/").text)
    names = {"odoo": "Odoo", "espocrm": "EspoCRM", "suitecrm": "SuiteCRM"}
    assert {names[v]: (rank, f"{total:.1f}", ko) for v, (rank, total, ko) in expected.items()} \
        == shown
    # The scores from the database count: without them the CLI ranks differently.
    (web_project / "scores.yaml").unlink()
    assert cli_totals(web_project) != expected


def test_results_page_has_charts_knockouts_and_warnings(make_client) -> None:
    score_some(make_client)
    page = make_client("selin").get("/results/").text
    assert "Preliminary: the scores are not revealed yet" in page
    # Totals, robustness, TCO: each drawn for a laptop's page and for a phone's.
    assert page.count('<svg class="chart chart-wide"') == 3
    assert page.count('<svg class="chart chart-narrow"') == 3
    assert "Weighted total out of 100, by criterion" in page
    knockouts = page[page.index("<h2>Knock-outs</h2>"):]
    knockouts = knockouts[:knockouts.index("</section>")]
    assert "&lt; 2" in knockouts  # a must scored below the threshold
    # SuiteCRM sent no response: named once among the warnings, not knocked out on every must
    assert "SuiteCRM" not in knockouts
    warnings = page[page.index("<h2>Warnings</h2>"):]
    warnings = warnings[:warnings.index("</section>")]
    assert "No response received from &#39;SuiteCRM&#39;" in warnings
    assert "no test-drive" not in warnings.lower() or "SCN" in warnings
    assert "<li>" in warnings
    assert "1 disagreement to discuss in the consensus meeting" in page


def test_results_in_turkish(make_client) -> None:
    score_some(make_client)
    page = make_client("selin", lang="tr").get("/results/").text
    assert "Sıralama" in page and "Eleme kriterleri" in page and "Uyarılar" in page
    assert "Kriterlere göre 100 üzerinden ağırlıklı toplam" in page


def test_the_comparison_report_downloads_in_the_readers_language(make_client) -> None:
    score_some(make_client)
    english = make_client("selin", lang="en")
    docx = english.get("/results/report.docx")
    assert docx.status_code == 200
    assert docx.headers["Content-Disposition"] == 'attachment; filename="comparison.docx"'
    with zipfile.ZipFile(io.BytesIO(docx.data)) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    assert "Odoo" in body and "EspoCRM" in body
    html = english.get("/results/report.html")
    assert html.status_code == 200 and html.mimetype == "text/html"
    assert html.headers["Content-Disposition"] == 'attachment; filename="comparison.html"'
    assert html.headers["Content-Security-Policy"].startswith("sandbox;")
    assert '<html lang="en"' in html.text
    turkish = make_client("selin", lang="tr").get("/results/report.html")
    assert '<html lang="tr"' in turkish.text
    assert english.get("/results/report.pdf").status_code == 404


def test_two_envelopes_open_the_price_envelope_at_the_reveal(make_client, web_project) -> None:
    """Until the reveal a functional evaluator reaches no results and no report; at the reveal
    scores freeze and the price envelope opens (figures, cost score, report)."""
    path = web_project / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "evaluation: {two_envelopes: true}\n",
                    encoding="utf-8")
    score_some(make_client)
    ayse = make_client("ayse")  # scores functional criteria
    assert ayse.get("/results/").status_code == 403
    assert ayse.get("/results/report.html").status_code == 403
    make_client("selin").post("/facilitator/reveal", data={"confirm": "yes"})
    page = ayse.get("/results/").text
    assert "TCO (5 years)" in page and "Cost (TCO)" in page
    assert ayse.get("/results/report.html").status_code == 200
    facilitator = make_client("selin").get("/results/").text
    assert "TCO (5 years)" in facilitator and "Comparison report (DOCX)" in facilitator


def test_scores_that_no_longer_fit_the_project_are_explained(make_client, web_project) -> None:
    score_some(make_client)
    path = web_project / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "vendors: [odoo, espocrm, suitecrm]", "vendors: [odoo, suitecrm]"), encoding="utf-8")
    (web_project / "responses" / "espocrm.yaml").unlink()
    response = make_client("selin").get("/results/")
    assert response.status_code == 422
    assert "The results cannot be computed" in response.text
    assert "espocrm" in response.text


def test_results_list_unanswered_requirements_and_exchange_rates(make_client,
                                                                 web_project) -> None:
    """The page shows what the report shows: the requirements each response leaves blank
    (every one for SuiteCRM, which sent none) and the rates that converted a foreign bid."""
    import yaml

    facilitator = make_client("selin")
    page = facilitator.get("/results/").text
    assert 'id="exchange-rates"' not in page  # every bid is in the project currency
    blank = page[page.index('id="unanswered"'):]
    blank = blank[:blank.index("</section>")]
    assert "SuiteCRM" in blank and "no response received" in blank
    assert "INT-FIN-001" in blank
    path = web_project / "responses" / "odoo.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("currency: EUR", "currency: USD"),
                    encoding="utf-8")
    project = yaml.safe_load((web_project / "project.yaml").read_text(encoding="utf-8"))
    project["exchange_rates"] = {"USD": [0.9, 0.95, 1.0, 1.05, 1.1]}
    (web_project / "project.yaml").write_text(yaml.safe_dump(project, allow_unicode=True),
                                              encoding="utf-8")
    page = make_client("selin", lang="tr").get("/results/").text
    rates = page[page.index('id="exchange-rates"'):]
    rates = rates[:rates.index("</table>")]
    assert "USD" in rates and "0,90" in rates and "1,10" in rates and "5. yıl" in rates
    assert "Yanıtlanmamış gereksinimler" in page and "yanıt gelmedi" in page
    assert "yanıtsız: 9" in page  # SuiteCRM: every requirement of the project


def test_each_chart_has_a_phone_drawing_whose_texts_fit_it() -> None:
    """On a phone the wide drawing's type would be too small, or its figures beyond a
    sideways scroll: a narrow drawing (under 400 units) holds every name and figure."""
    from crmselect.webapp import charts

    bars = [charts.Bar("Dynamics 365 Sales + Customer Service", [("p", 62.5)],
                       flag="knock-out"), charts.Bar("Odoo", [("p", 74.9)])]
    both = str(charts.for_any_screen(bars, maximum=100, colours={}, title="t",
                                     value_text=lambda v: f"{v:.1f}"))
    wide, narrow = both.split("</svg>")[:2]
    assert 'class="chart chart-wide"' in wide and 'class="chart chart-narrow"' in narrow
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', narrow).group(1))
    assert width <= 400
    texts = re.findall(r'<text (?:class="[^"]*" )?x="([\d.]+)" y="[\d.]+"'
                       r'(?: text-anchor="(\w+)")?>([^<]*)<', narrow)
    assert {t for *_, t in texts} >= {"74.9", "62.5  knock-out", "Odoo", "Dynamics 365…"}
    for x, anchor, text in texts:
        extent = charts.text_width(text, bold=anchor != "end")
        assert (float(x) - extent >= 0) if anchor == "end" else (float(x) + extent <= width)
