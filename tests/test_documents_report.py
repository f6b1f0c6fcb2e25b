"""The comparison report: context, reference questions, charts, Word, HTML, JSON and CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from docx import Document
from office import convert_to_pdf, pdf_pages, pdf_text

from crmselect.cli import main
from crmselect.documents.charts import ranking_chart
from crmselect.documents.report import CSV_HEADER, render_report
from crmselect.i18n import text as render_text
from crmselect.project import load_project
from crmselect.reporting.comparison_context import build_comparison_context
from crmselect.reporting.reference_questions import reference_questions
from crmselect.resources import bundled_dir
from crmselect.scoring import evaluate_project

DATA = Path(__file__).parent / "data" / "reports"
TODAY = dt.date(2027, 3, 10)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(DATA / "project", target)
    return target


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The report of the unchanged project in each language, rendered once for the tests
    that only read it (rendering evaluates, draws four charts and writes four files)."""
    out = {}
    for lang in ("en", "tr"):
        root = tmp_path_factory.mktemp(f"report-{lang}") / "project"
        shutil.copytree(DATA / "project", root)
        out[lang] = render_report(root, lang=lang, today=TODAY)
    return out


def _edit(root: Path, change) -> None:
    path = root / "project.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _headings(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs if p.style.name.startswith("Heading")]


# --- context and reference questions ---------------------------------------------------------


def test_context_summarises_the_evaluation(project: Path) -> None:
    lp = load_project(project)
    ev = evaluate_project(lp)
    ctx = build_comparison_context(lp, ev, "en", today=TODAY)
    summary = ctx["summary"]
    assert summary["winner"]["name"] == "Odoo"
    assert summary["runner_up"]["name"] == "SuiteCRM"  # EspoCRM scores more but is knocked out
    assert summary["confidence"] == "high"
    assert summary["knocked_out"] == [{"id": "espocrm", "name": "EspoCRM",
                                       "failing": ["INT-FIN-001"], "no_response": False}]
    assert (summary["winner_custom"], summary["winner_third_party"],
            summary["winner_roadmap"]) == (1, 1, 1)
    assert [r["vendor"] for r in ctx["ranking"]] == ["odoo", "suitecrm", "espocrm"]
    assert ctx["knockouts"][0]["title"] == (
        "Customer accounts, invoices and balances from the accounting system")
    # a requirement that weighs nothing (wont) is never listed as an unverified claim
    claims = {c["requirement"] for group in ctx["unverified"] for c in group["claims"]}
    assert "INT-ECM-001" not in claims
    disputed = next(d for d in ctx["disagreements"] if d["target"] == "OPS-SRV-001")
    assert sorted((s["evaluator"], s["score"], s["note"]) for s in disputed["scores"]) == [
        ("Mehmet Güneş", 5, "Queue shown live, very clear."),
        ("Zeynep Işık", 2, "Only e-mail cases; the phone channel was on slides.")]
    assert len(ctx["appendix"]["rows"]) == 21 and len(ctx["appendix"]["steps"]) == 6


def test_reference_questions_ask_about_the_riskiest_requirements(project: Path) -> None:
    lp = load_project(project)
    questions = reference_questions(lp, evaluate_project(lp))
    assert list(questions) == ["odoo", "suitecrm"]  # finalists pass the knock-out
    odoo = questions["odoo"]
    reasons = {q.requirement: q.reason for q in odoo if q.requirement}
    assert reasons["INT-FIN-001"] == "custom"
    assert reasons["INT-COM-001"] == "third_party"
    assert reasons["OPS-SRV-001"] == "disagreement"
    assert "INT-ECM-001" not in reasons  # wont: never asked about
    assert [q.reason for q in odoo[-3:]] == ["general_timeline", "general_support",
                                            "general_cost"]
    custom = next(q for q in odoo if q.requirement == "INT-FIN-001")
    assert custom.get("en") == (
        "The vendor proposes custom development for “Customer accounts, invoices and balances "
        "from the accounting system”. Did you need custom code too? How long did it take, and "
        "did it survive the product's upgrades?")
    assert custom.get("tr").startswith("Tedarikçi “Muhasebe sisteminden cari hesap, fatura ve "
                                       "bakiye bilgisi” için özel geliştirme öneriyor.")


def test_declared_only_requirements_get_the_how_long_question(project: Path) -> None:
    (project / "scores.yaml").unlink()
    lp = load_project(project)
    questions = reference_questions(lp, evaluate_project(lp), per_vendor=8)
    texts = [q.get("en") for q in questions["suitecrm"] if q.reason == "declared_only"]
    assert texts and texts[0].startswith("How long did it take you to get “")
    assert texts[0].endswith("” working, and did it need custom development?")


# --- charts ----------------------------------------------------------------------------------


def test_charts_are_deterministic_inline_svg_and_png() -> None:
    args = (["Odoo", "Şirket İçi"], [70.0, 40.5], [False, True],
            [("Fonksiyonel", [40.0, 20.0]), ("Maliyet", [30.0, 20.5])], "Puan", "elendi",
            "Tedarikçilerin puanı", "tr")
    one, two = ranking_chart(*args), ranking_chart(*args)
    assert one.svg == two.svg and one.png == two.png
    assert one.svg.startswith('<svg role="img" aria-labelledby="ranking-title"')
    assert '<title id="ranking-title">Tedarikçilerin puanı</title>' in one.svg
    assert "http" not in one.svg and "<?xml" not in one.svg
    assert one.png.startswith(b"\x89PNG")
    ids = re.findall(r'\bid="([^"]+)"', one.svg)
    assert ids and all(i.startswith("ranking-") for i in ids)


# --- the four files --------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_report_files_in_both_languages(rendered: dict, lang: str) -> None:
    files = rendered[lang]
    out = files.docx.parent
    assert [files.docx, files.html, files.json, files.csv] == [
        out / "comparison.docx", out / "comparison.html", out / "comparison.json",
        out / "comparison.csv"]
    headings = _headings(files.docx)
    expected = {
        "en": ["Executive summary", "Ranking", "Scores by criterion", "Scores by area",
               "Cost against score", "How robust is the result?", "Knock-outs",
               "Evaluator disagreements", "Verified and declared coverage",
               "Total cost of ownership", "Risks and commitments in the answers",
               "Decision-hygiene warnings", "Reference-check questions",
               "Appendix: every score"],
        "tr": ["Yönetici özeti", "Sıralama", "Kriterlere göre puanlar", "Alanlara göre puanlar",
               "Maliyet ve puan", "Sonuç ne kadar sağlam?", "Eleme kriterleri",
               "Değerlendirici görüş ayrılıkları", "Doğrulanmış ve beyan edilen karşılama",
               "Toplam sahip olma maliyeti", "Yanıtlardaki riskler ve taahhütler",
               "Karar sürecine ilişkin uyarılar", "Referans kontrolü soruları", "Ek: tüm puanlar"],
    }[lang]
    assert [h for h in headings if h in expected] == expected
    doc = Document(str(files.docx))
    ranking = doc.tables[2]  # after the cover facts and the document-control block
    assert [[c.text for c in row.cells][:3] for row in ranking.rows[1:]] == (
        [["1", "Odoo", "73.0"], ["2", "SuiteCRM", "68.8"], ["3", "EspoCRM", "72.4"]]
        if lang == "en" else
        [["1", "Odoo", "73,0"], ["2", "SuiteCRM", "68,8"], ["3", "EspoCRM", "72,4"]])
    assert len(doc.inline_shapes) == 4  # ranking, areas, cost against score, TCO
    text = "\n".join(p.text for p in doc.paragraphs)
    assert {"en": "Odoo ranks first with 73.0 of 100 points.",
            "tr": "Odoo, 100 üzerinden 73,0 puanla birinci sırada."}[lang] in text


def test_html_is_self_contained(rendered: dict) -> None:
    html = rendered["tr"].html.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="tr">' in html
    assert "http" not in html
    for external in ('src="', "<link", "<script", "@import", "url(http", "<img"):
        assert external not in html
    assert html.count("<svg ") == 4
    assert "Odoo, 100 üzerinden 73,0 puanla birinci sırada." in html


def test_html_escapes_user_text(project: Path) -> None:
    _edit(project, lambda d: d["organisation"].update(name="Acme <script>alert(1)</script> & Co"))
    html = render_report(project, lang="en", today=TODAY).html.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html
    # The cover's kicker, upper-cased by Turkish rules (the organisation is in Türkiye).
    assert "ACME &lt;SCRİPT&gt;ALERT(1)&lt;/SCRİPT&gt; &amp; CO" in html


def test_json_is_the_whole_evaluation(project: Path) -> None:
    files = render_report(project, method="topsis", today=TODAY)
    data = json.loads(files.json.read_text(encoding="utf-8"))
    assert data == json.loads(json.dumps(files.evaluation.to_dict(render_text)))
    assert data["method"] == "topsis" and data["winner"] == files.evaluation.winner


def test_csv_has_a_row_per_vendor_and_requirement(rendered: dict) -> None:
    files = rendered["en"]
    raw = files.csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == CSV_HEADER
    assert len(rows) == 3 * 21
    row = next(r for r in rows if r["vendor"] == "odoo" and r["requirement"] == "INT-FIN-001")
    assert (row["rank"], row["priority"], row["declared"], row["source"]) == (
        "1", "Must", "Custom development", "evaluated")
    assert row["knocked_out"] in ("Yes", "No") and row["discounted"] in ("Yes", "No")
    assert row["area"] != "integration" and row["area"][:1].isupper()  # the area's label
    wont = next(r for r in rows if r["requirement"] == "INT-ECM-001")
    assert float(wont["weight"]) == 0


def test_csv_cells_cannot_start_a_formula(project: Path) -> None:
    def change(data: dict) -> None:
        data["custom_requirements"][0]["title"] = "=cmd|' /C calc'!A0"

    _edit(project, change)
    files = render_report(project, today=TODAY)
    rows = list(csv.DictReader(io.StringIO(files.csv.read_text(encoding="utf-8-sig"))))
    row = next(r for r in rows if r["requirement"] == "CUS-SRV-001")
    assert row["title"] == "'=cmd|' /C calc'!A0"


def test_report_is_deterministic(rendered: dict, project: Path) -> None:
    first = rendered["en"]
    second = render_report(project, lang="en", today=TODAY)
    for a, b in ((first.html, second.html), (first.json, second.json),
                 (first.csv, second.csv)):
        assert a.read_bytes() == b.read_bytes()
    za, zb = zipfile.ZipFile(first.docx), zipfile.ZipFile(second.docx)
    assert za.namelist() == zb.namelist()
    assert all(za.read(n) == zb.read(n) for n in za.namelist())


def test_report_without_scores_or_prices(project: Path) -> None:
    (project / "scores.yaml").unlink()
    (project / "vendors").mkdir()
    for path in (project / "responses").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data.pop("pricing")
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        profile = yaml.safe_load((bundled_dir("vendors") / path.name).read_text(encoding="utf-8"))
        profile.pop("pricing", None)
        (project / "vendors" / path.name).write_text(yaml.safe_dump(profile, allow_unicode=True),
                                                     encoding="utf-8")
    files = render_report(project, lang="en", today=TODAY)
    doc = Document(str(files.docx))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "No vendor gave a price; cost cannot be compared." in text
    # nobody scored: the report says so, not that the evaluators agree
    assert "No evaluator has scored yet, so there is nothing to compare" in text
    assert "The evaluators broadly agree" not in text
    assert len(doc.inline_shapes) == 2  # no cost charts
    html = files.html.read_text(encoding="utf-8")
    assert html.count("<svg ") == 2


def test_cli_report(project: Path) -> None:
    result = CliRunner().invoke(main, ["report", str(project), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["winner"] == "odoo" and len(data["files"]) == 4
    result = CliRunner().invoke(main, ["report", str(project), "--method", "ahp"])
    assert result.exit_code == 2
    _edit(project, lambda d: d.update(vendors=[]))
    for path in (project / "responses").glob("*.yaml"):
        path.unlink()
    (project / "scores.yaml").unlink()
    result = CliRunner().invoke(main, ["report", str(project)])
    assert result.exit_code == 1
    assert "the project lists no vendors: there is nothing to score" in result.output


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "tr"])
def test_report_opens_in_libreoffice(rendered: dict, tmp_path: Path, lang: str) -> None:
    pdf = convert_to_pdf(rendered[lang].docx, tmp_path)
    assert 10 <= pdf_pages(pdf) <= 24
    text = pdf_text(pdf)
    assert {"en": "Reference-check questions", "tr": "Referans kontrolü soruları"}[lang] in text


def test_a_defaulted_ceiling_is_the_same_in_score_text_and_chart(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without tco.ceiling the ceiling is twice the budget everywhere, and the chart draws it."""
    import matplotlib.axes

    import crmselect.documents.report as report

    _edit(project, lambda data: data["tco"].pop("ceiling"))
    lp = load_project(project)
    assert lp.project.tco.ceiling is None and lp.project.tco.effective_ceiling == 8_000_000
    ev = evaluate_project(lp)
    no_ceiling = [w for w in ev.warnings if w.code == "no_ceiling"]
    assert [w.params["ceiling"] for w in no_ceiling] == [8_000_000]
    assert build_comparison_context(lp, ev, "en", today=TODAY)["budget"]["ceiling"] == 8_000_000
    chart_ceilings: list[float | None] = []
    lines: list[float] = []
    real_chart, real_axvline = report.cost_chart, matplotlib.axes.Axes.axvline

    def cost_chart(points, budget, ceiling, *args, **kwargs):  # noqa: ANN001, ANN202
        chart_ceilings.append(ceiling)
        return real_chart(points, budget, ceiling, *args, **kwargs)

    def axvline(self, x=0, *args, **kwargs):  # noqa: ANN001, ANN202
        lines.append(x)
        return real_axvline(self, x, *args, **kwargs)

    monkeypatch.setattr(report, "cost_chart", cost_chart)
    monkeypatch.setattr(matplotlib.axes.Axes, "axvline", axvline)
    files = render_report(lp, lang="en", today=TODAY)
    assert chart_ceilings == [8_000_000]
    assert 8_000_000 in lines and 4_000_000 in lines  # the ceiling line and the budget line
    text = "\n".join(p.text for p in Document(str(files.docx)).paragraphs)
    sentence = next(line for line in text.splitlines() if "0 at or above the ceiling" in line)
    assert "8,000,000" in sentence
    html = files.html.read_text(encoding="utf-8")
    assert re.search(r"0 at or above the ceiling \([^)]*8,000,000", html)


def test_cost_charts_write_the_currency_as_the_documents_do(project: Path, monkeypatch) -> None:
    """A Turkish report's cost axis and TCO chart read "(TL)", an English one "(TRY)"."""
    from crmselect.documents import report
    from crmselect.documents.strings import load_strings
    from crmselect.i18n import render_messages

    seen: dict[str, list[str]] = {"en": [], "tr": []}
    lp = load_project(project)
    ev = evaluate_project(lp)
    for lang in ("en", "tr"):
        monkeypatch.setattr(report, "cost_chart", lambda *a, lang=lang: seen[lang].append(
            a[3]["x"]))
        monkeypatch.setattr(report, "tco_chart", lambda *a, lang=lang: seen[lang].append(a[2]))
        ctx = render_messages(build_comparison_context(lp, ev, lang, today=TODAY), lang)
        ctx["project"]["currency"] = "TRY"
        charts = report.report_charts(ctx, load_strings(lang))
        charts["cost"]()
        charts["tco"]()
    assert len(seen["tr"]) == 2 and all(x.endswith("(TL)") for x in seen["tr"]), seen
    assert all(x.endswith("(TRY)") for x in seen["en"]), seen


def test_json_document_spreads_containers_and_keeps_records_on_one_line() -> None:
    from crmselect.documents.report import json_document

    value = {"name": "Çağrı İşleri", "ranking": [{"vendor": "a", "total": 81.25, "failing": []},
                                               {"vendor": "b", "failing": ["X-1", "X-2"]}],
             "empty": {}, "rows": [], "nested": [[1, 2], [3.5, None, True]],
             "tuple": ({"k": (1, 2)},), "n": float("nan")}
    text = json_document(value)
    assert text == (
        '{\n'
        '  "name": "Çağrı İşleri",\n'
        '  "ranking": [\n'
        '    {"vendor": "a", "total": 81.25, "failing": []},\n'
        '    {"vendor": "b", "failing": ["X-1", "X-2"]}\n'
        '  ],\n'
        '  "empty": {},\n'
        '  "rows": [],\n'
        '  "nested": [[1, 2], [3.5, null, true]],\n'
        '  "tuple": [\n'
        '    {"k": [1, 2]}\n'
        '  ],\n'
        '  "n": NaN\n'
        '}\n')
    loaded = json.loads(text)
    assert json.dumps(loaded) == json.dumps(json.loads(json.dumps(value, indent=2)))


@pytest.mark.parametrize("value", [
    {1: {"a": [1]}, 2.5: [], None: {"x": {"y": 1}}, False: [[0]], "s": [{"t": {}}]},
    [], {}, "a \"quoted\" \\ text\n", 3, [[[]]], [{"a": {}}, [{}]], {"z": [{"d": [{"e": 1}]}]},
])
def test_json_document_is_the_data_json_writes(value: object) -> None:
    from crmselect.documents.report import json_document

    text = json_document(value)
    assert text.endswith("\n")
    assert json.loads(text) == json.loads(json.dumps(value, indent=2))


def test_json_document_refuses_what_json_refuses() -> None:
    from crmselect.documents.report import json_document

    with pytest.raises(TypeError):
        json_document({"a": [{(1, 2): 1}], "b": [1]})
    with pytest.raises(TypeError):
        json_document({"a": [object()]})


def test_comparison_json_writes_a_record_per_line(project: Path) -> None:
    files = render_report(project, today=TODAY)
    lines = files.json.read_text(encoding="utf-8").splitlines()
    records = [line for line in lines if line.lstrip().startswith('{"requirement": ')]
    assert len(records) >= 3 * 21  # each vendor's score of each requirement, one a line
    assert all(line.rstrip(",").endswith("}") for line in records)
