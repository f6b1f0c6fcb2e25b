"""The score, sensitivity, ahp and scores export|import commands."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from crmselect.cli import main
from crmselect.errors import display_path
from crmselect.project import load_project
from crmselect.scoring import weights_fingerprint

DATA = Path(__file__).parent / "data" / "scoring"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def basic(tmp_path: Path) -> Path:
    target = tmp_path / "basic"
    shutil.copytree(DATA / "basic", target)
    return target


def test_score_table():
    code, out, err = run("score", DATA / "basic")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Scoring fixture — weighted sum, 5-year TCO in EUR"
    assert lines[2].split() == ["Rank", "Vendor", "Total", "Functional", "Integration",
                                "Non-functional", "Test", "drive", "Cost", "References",
                                "TCO", "(EUR)"]
    assert lines[3].split() == ["35%", "15%", "10%", "15%", "20%", "5%"]
    assert lines[5].split() == ["1", "Alpha", "CRM", "76.5", "3.65", "2.08", "4.00", "4.25",
                                "5.00", "4.00", "90,154"]
    assert lines[7].split()[:5] == ["3", "Gamma", "CRM", "[knocked", "out]"]
    assert lines[7].endswith("no price")
    # the fixture's vendors are illustrative profiles: first, but no winner to choose
    assert ("First: Alpha CRM (76.5 points), but its profile is an illustrative example, not a "
            "real offer: not recommended") in out
    assert "  Gamma CRM: NFR-SEC-001 scored 0.0 (declared)" in out
    assert ("  Alpha CRM › OPS-SFA-001: Zeynep Kara 2.0, Mehmet Öz 4.0, Ayşe Yılmaz 5.0 "
            "(spread 3.0, 3 evaluators); consensus 4.0") in out
    assert ("  Alpha CRM › INT-API-001: custom development, 10 days (6,000 EUR) — upgrade risk"
            in out)
    assert ("  ! No clear winner: Alpha CRM leads Beta CRM by 0.7 points and ranks first in 62% "
            "of the weight samples.") in out
    assert max(len(line) for line in lines[:8]) <= 120


def test_many_risks_are_summed_up_per_vendor_unless_asked_for(tmp_path):
    """The sample project's vendors rely on dozens of add-ons and custom developments: the
    terminal gets one line per vendor; --risks lists each one."""
    from crmselect.resources import sample_project_dir

    code, out, err = run("score", sample_project_dir(), "--samples", "0")
    assert code == 0, err
    risks = out[out.index("\nRisks\n"):out.index("\nWarnings\n")].strip().splitlines()[1:]
    assert len(risks) <= 5 and risks[-1].strip().startswith("(each one: crmselect score --risks")
    assert any(line.strip().startswith("SuiteCRM: ") and "custom developments:" in line
               for line in risks)
    code, out, err = run("score", sample_project_dir(), "--samples", "0", "--risks")
    listed = out[out.index("\nRisks\n"):out.index("\nWarnings\n")].strip().splitlines()[1:]
    assert len(listed) > 15 and all(" › " in line for line in listed)


def test_score_in_turkish():
    code, out, _ = run("score", DATA / "basic", "--lang", "tr")
    assert code == 0
    assert out.splitlines()[0] == "Scoring fixture — ağırlıklı toplam, 5 yıllık TCO (EUR)"
    assert ("Birinci: Alpha CRM (76,5 puan), ancak profili gerçek bir teklif değil, örnek "
            "amaçlı: önerilmiyor") in out
    assert "  Gamma CRM: NFR-SEC-001 puanı 0,0 (tedarikçi beyanı)" in out
    assert "Uyarılar" in out
    assert "'Gamma CRM' tedarikçisi fiyat vermedi: TCO hesaplanamadı ve maliyet puanı 0." in out
    assert ("Açık bir kazanan yok: Alpha CRM ile Beta CRM arasındaki fark yalnızca 0,7 puan; "
            "Alpha CRM ağırlık örneklerinin %62 oranında birinci.") in out


def test_score_json_and_csv():
    code, out, _ = run("score", DATA / "basic", "--format", "json", "--samples", "100")
    assert code == 0
    data = json.loads(out)
    assert data["winner"] == "alpha" and data["monte_carlo"]["samples"] == 100
    code, out, _ = run("score", DATA / "basic", "--format", "csv", "--method", "topsis")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][:5] == ["rank", "vendor", "name", "total", "knocked_out"]
    assert [r[1] for r in rows[1:]] == ["beta", "alpha", "gamma"]
    assert rows[3][4] == "true" and rows[3][-1] == "NFR-SEC-001"


def test_score_reports_bad_input_without_a_traceback(basic):
    scores = basic / "scores.yaml"
    scores.write_text(scores.read_text().replace("target: OPS-SFA-001, score: 5,",
                                                 "target: OPS-SFA-001, score: 9,"))
    code, out, err = run("score", basic)
    assert code == 1 and out == ""
    assert err.splitlines() == [f"{basic}/scores.yaml:2:66: scores[0].score: 9 must be <= 5"]


def test_sensitivity():
    code, out, _ = run("sensitivity", DATA / "hand")
    assert code == 0
    # Beta CRM's profile is illustrative (a fixture): first-ranked, not "the winner"
    assert out.splitlines()[0] == (
        "No winner named: Beta CRM is first, but its profile is an illustrative example, not a "
        "real offer. Sensitivity of the first-ranked (Beta CRM) to the criteria weights")
    assert "Functional  60.0%   never" in out
    # the vendor's name, as in the exchange-rate table and the report (it was the id: alpha)
    assert "55.6% (Alpha CRM)" in out and "44.4% (Alpha CRM)" in out
    assert "Monte Carlo: 4,000 weight samples (Dirichlet, concentration 50, seed 11)" in out
    code, out, _ = run("sensitivity", DATA / "hand", "--samples", "500", "--seed", "3",
                       "--format", "json")
    data = json.loads(out)
    assert data["monte_carlo"]["samples"] == 500 and data["monte_carlo"]["seed"] == 3
    assert data["sensitivity"][0]["decrease"]["overtaken_by"] == "alpha"


def test_ahp_command():
    code, out, _ = run("ahp", DATA / "ahp" / "house.yaml")
    assert code == 0
    assert "λmax = 9.669, CI = 0.238, RI = 1.41, CR = 0.1691" in out
    assert "Inconsistent: CR > 0.10 — revise the judgements." in out
    assert ("Most inconsistent judgement: neighbourhood vs condition = 6; about 1.13 would "
            "fit the other judgements.") in out
    code, out, _ = run("ahp", DATA / "ahp" / "criteria.yaml", "--format", "json",
                       "--method", "geometric")
    data = json.loads(out)
    assert data["consistent"] is True and data["method"] == "geometric"
    assert round(data["weights"]["functional"], 3) == 0.637
    code, out, _ = run("ahp", DATA / "ahp" / "criteria.yaml", "--lang", "tr")
    assert "Tutarlı: CR ≤ 0,10." in out and "Ağırlıklar (temel özvektör)" in out


def test_ahp_command_with_a_bad_matrix():
    code, out, err = run("ahp", DATA / "ahp" / "not_reciprocal.yaml")
    assert code == 1 and out == ""
    path = display_path(DATA / "ahp" / "not_reciprocal.yaml")
    assert err.splitlines() == [
        f"{path}: matrix: AHP matrix is not reciprocal: cell "
        "(1, 2) (functional vs cost) is 3 but cell (2, 1) (cost vs functional) is 0.5; "
        "expected 1/3 ≈ 0.333"]


def test_ahp_command_with_a_missing_key(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text("items: [a, b]\nmatrx: [[1, 2], [0.5, 1]]\n")
    code, _, err = run("ahp", path)
    assert code == 1
    assert err.splitlines()[:2] == [
        f"{path}:1:1: matrix: is required but missing",
        f"{path}:2:1: matrx: unknown key (did you mean matrix?)"]


def test_every_command_has_an_example():
    for args in (["score"], ["sensitivity"], ["ahp"], ["scores"], ["scores", "export"],
                 ["scores", "import"]):
        code, out, _ = run(*args, "--help")
        assert code == 0 and "Example" in out, args


# --- scores export / import -------------------------------------------------------------------


def test_export_yaml_round_trips(basic, tmp_path):
    target = tmp_path / "out.yaml"
    code, out, _ = run("scores", "export", basic, target)
    assert code == 0 and out == f"14 scores written to {target}\n"
    assert yaml.safe_load(target.read_text()) == yaml.safe_load(
        target.read_text())  # valid YAML
    shutil.copy(target, basic / "scores.yaml")
    assert load_project(basic).scores == load_project(DATA / "basic").scores


def test_export_csv_is_formula_safe_and_complete(basic, tmp_path):
    scores = basic / "scores.yaml"
    scores.write_text(scores.read_text().replace("note: Duplicate account created",
                                                 "note: '=HYPERLINK(\"http://x\")'"))
    target = tmp_path / "out.csv"
    code, _, err = run("scores", "export", basic, target)
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[0] == ["kind", "evaluator", "vendor", "target", "score", "note", "at", "flags"]
    rows = [r for r in rows if r[0] != "weights_fingerprint"]  # the basic project's, if any
    assert rows[1] == ["score", "ayse", "alpha", "OPS-SFA-001", "5",
                       "Lead conversion in one click", "", ""]
    assert rows[3][:6] == ["score", "zeynep", "alpha", "OPS-SFA-001", "2",
                           "'=HYPERLINK(\"http://x\")"]
    kinds = [r[0] for r in rows[1:]]
    assert kinds.count("demo") == 3 and kinds.count("consensus") == 1
    # the CSV carries everything: imported into a project without scores, it gives it all back
    fresh = tmp_path / "fresh"
    shutil.copytree(basic, fresh)
    (fresh / "scores.yaml").unlink()
    code, _, err = run("scores", "import", fresh, target)
    assert code == 0, err
    original, back = load_project(basic).scores, load_project(fresh).scores
    assert back.scores == original.scores
    assert back.demo == original.demo and back.consensus == original.consensus


def test_csv_rows_of_every_kind_are_checked_with_their_line(basic, tmp_path):
    path = tmp_path / "kinds.csv"
    rows = [
        ["kind", "evaluator", "vendor", "target", "score", "note"],
        ["demo", "ayse", "alpha", "SCN-SALES/OPS-SFA-001", "", "on tv"],
        ["consensus", "selin", "alpha", "OPS-SFA-002", "4", ""],
        ["vote", "ayse", "alpha", "OPS-SFA-001", "4", ""],
        ["demo", "ayse", "alpha", "SCN-NOPE/OPS-SFA-001", "", "live"],
    ]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    code, _, err = run("scores", "import", basic, path)
    assert code == 1
    f = display_path(path)
    assert f"{f}:2: note: 'on tv' is not one of live, slides, not_shown" in err
    assert f"{f}:3: note: is required but missing" in err or f"{f}:3: note:" in err
    assert f"{f}:4: kind: 'vote' is not one of score, demo, consensus" in err
    assert f"{f}:5:" in err and "SCN-NOPE" in err


def test_export_to_an_unknown_extension(basic, tmp_path):
    code, _, err = run("scores", "export", basic, tmp_path / "out.xlsx")
    assert code == 1
    assert err == f"{tmp_path / 'out.xlsx'}: use a .yaml, .yml or .csv file\n"


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["evaluator", "vendor", "target", "score", "note"], *rows])
    return path


def test_import_csv_merges_new_scores(basic, tmp_path):
    source = write_csv(tmp_path / "in.csv", [
        ["mehmet", "beta", "OPS-SRV-001", "4", "'=1+1"],
        ["ayse", "alpha", "OPS-SFA-001", "5", "Lead conversion in one click"],  # unchanged
    ])
    code, out, err = run("scores", "import", basic, source)
    assert code == 0, err
    assert out == (f"{source}: 1 added, 0 updated, 1 unchanged; written to "
                   f"{basic / 'scores.yaml'}\n")
    loaded = load_project(basic)
    added = loaded.scores.scores[-1]
    assert (added.evaluator, added.vendor, added.target, added.score, added.note) == (
        "mehmet", "beta", "OPS-SRV-001", 4.0, "=1+1")
    assert len(loaded.scores.scores) == 15
    assert loaded.scores.consensus == load_project(DATA / "basic").scores.consensus


def test_import_reports_every_bad_row_with_its_line(basic, tmp_path):
    source = write_csv(tmp_path / "in.csv", [
        ["ayse", "alpha", "OPS-SRV-001", "4,5", ""],
        ["ayse", "zeta", "OPS-SRV-001", "4", ""],
        ["ayse", "alpha", "OPS-XXX-001", "4", ""],
        ["nobody", "alpha", "OPS-SRV-001", "6", ""],
    ])
    before = (basic / "scores.yaml").read_text()
    code, out, err = run("scores", "import", basic, source)
    assert code == 1 and out == ""
    assert err.splitlines() == [  # "4,5" is read as 4.5, the way Turkish writes it
        f"{source}:2: score: 4.5 is not a whole point; the web form scores 0, 1, 2, 3, 4 or 5",
        f"{source}:3: vendor: no such vendor 'zeta' in the project (did you mean beta?)",
        f"{source}:4: target: OPS-XXX-001 is not a requirement of this project (did you mean "
        "OPS-SRV-001?)",
        f"{source}:5: score: 6 must be <= 5",
        "Error: 4 problems in 1 file; nothing was imported.",
    ]
    source = write_csv(tmp_path / "in2.csv", [
        ["ayse", "zeta", "OPS-SRV-001", "4", ""],
        ["ayse", "alpha", "OPS-XXX-001", "4", ""],
        ["nobody", "alpha", "OPS-SRV-001", "3", ""],
        ["ayse", "zeta", "OPS-SRV-001", "4", ""],
    ])
    code, out, err = run("scores", "import", basic, source)
    assert code == 1
    assert err.splitlines() == [
        f"{source}:2: vendor: no such vendor 'zeta' in the project (did you mean beta?)",
        f"{source}:3: target: OPS-XXX-001 is not a requirement of this project (did you mean "
        "OPS-SRV-001?)",
        f"{source}:4: evaluator: no such evaluator 'nobody'",
        f"{source}:5: vendor: no such vendor 'zeta' in the project (did you mean beta?)",
        f"{source}:5: the same evaluator, vendor and target as line 2",
        "Error: 5 problems in 1 file; nothing was imported.",
    ]
    assert (basic / "scores.yaml").read_text() == before


def test_import_csv_with_bad_columns(basic, tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("evaluator,vendor,target,points\nayse,alpha,OPS-SRV-001,4\n")
    code, _, err = run("scores", "import", basic, source)
    assert code == 1
    assert err.splitlines() == [
        f"{source}:1: missing columns score, note; expected evaluator,vendor,target,score,note",
        f"{source}:1: unknown column points; expected evaluator,vendor,target,score,note",
        "Error: 2 problems in 1 file; nothing was imported.",
    ]
    source.write_text("evaluator,vendor,target,score,note\nayse,alpha,OPS-SRV-001,4,a,b\n")
    code, _, err = run("scores", "import", basic, source)
    assert err.splitlines() == [
        f"{source}:2: the row has 6 cells but the header has 5 (put a note that holds ',' "
        "in double quotes)"]


def test_import_never_overwrites_a_different_score_without_force(basic, tmp_path):
    source = write_csv(tmp_path / "in.csv", [["ayse", "alpha", "OPS-SFA-001", "3", "changed"]])
    before = (basic / "scores.yaml").read_text()
    code, out, err = run("scores", "import", basic, source)
    assert code == 1 and out == ""
    assert err.splitlines() == [
        f"{source}:2: ayse › alpha › OPS-SFA-001: scores.yaml already has 5 (Lead conversion in "
        "one click), the import has 3 (changed) (use --force to overwrite)"]
    assert (basic / "scores.yaml").read_text() == before
    code, out, _ = run("scores", "import", basic, source, "--force")
    assert code == 0
    assert "0 added, 1 updated, 0 unchanged" in out
    record = next(s for s in load_project(basic).scores.scores
                  if (s.evaluator, s.vendor, s.target) == ("ayse", "alpha", "OPS-SFA-001"))
    assert (record.score, record.note) == (3.0, "changed")


def test_import_yaml_reports_line_and_column(basic, tmp_path):
    source = tmp_path / "in.yaml"
    source.write_text("scores:\n  - {evaluator: ayse, vendor: alpha, target: OPS-SRV-001, "
                      "score: 4}\n  - {evaluator: ayse, vendor: omega, target: OPS-SRV-001, "
                      "score: 4}\n")
    code, _, err = run("scores", "import", basic, source, "--lang", "tr")
    assert code == 1
    assert err.splitlines() == [
        f"{source}:3:31: scores[1].vendor: projede 'omega' tedarikçisi yok"]  # --lang tr


def test_import_in_turkish(basic, tmp_path):
    source = write_csv(tmp_path / "in.csv", [["ayse", "alpha", "OPS-SFA-001", "3", ""]])
    code, _, err = run("scores", "import", basic, source, "--lang", "tr")
    assert code == 1
    assert err.splitlines() == [
        f"{source}:2: ayse › alpha › OPS-SFA-001: scores.yaml içinde zaten 5 (Lead conversion "
        "in one click) var, içe aktarılan dosyada 3 (üzerine yazmak için --force kullanın)"]


def test_import_into_a_project_without_scores(tmp_path):
    target = tmp_path / "hand"
    shutil.copytree(DATA / "hand", target)
    source = write_csv(tmp_path / "in.csv", [["ayse", "beta", "OPS-SFA-002", "4", ""]])
    code, out, _ = run("scores", "import", target, source)
    assert code == 0 and "1 added" in out
    text = (target / "scores.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=schemas/scores.schema.json\n")
    loaded = load_project(target)
    assert loaded.scores.scores[0].score == 4.0
    # scoring began with this import: the weights' fingerprint is kept with the scores
    assert loaded.scores.weights_fingerprint == weights_fingerprint(loaded)


# --- loose ends (issue 17) -----------------------------------------------------------------------


@pytest.mark.parametrize("lang, words", [("en", "cheapest bid"), ("tr", "en düşük teklife")])
def test_a_missing_budget_is_warned_about_once(basic: Path, lang: str, words: str):
    path = basic / "project.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("target_budget: 100000, ceiling: 200000", "ceiling: 200000"),
                    encoding="utf-8")
    code, out, err = run("score", basic, "--lang", lang)
    assert code == 0, err
    warnings = out.split("\n\n")[-1].splitlines()[1:]
    assert sum("tco.target_budget" in w for w in warnings) == 1, warnings
    assert sum(words in w for w in warnings) == 1, warnings


def test_sensitivity_of_a_tie_for_first_says_so_as_score_does(tmp_path):
    import shutil

    project = tmp_path / "hand"
    shutil.copytree(DATA / "hand", project)
    alpha = (project / "responses" / "alpha.yaml").read_text()
    (project / "responses" / "beta.yaml").write_text(alpha.replace("vendor: alpha",
                                                                   "vendor: beta"))
    code, out, _ = run("score", project)
    assert code == 0 and "Tie for first: Alpha CRM, Beta CRM" in out
    code, out, _ = run("sensitivity", project)
    # it said "Sensitivity of the winner (Alpha CRM)" where score says there is no winner
    assert code == 0 and out.splitlines()[0] == (
        "No single winner: tie for first between Alpha CRM, Beta CRM. Sensitivity of the "
        "first listed (Alpha CRM) to the criteria weights")
    code, out, _ = run("sensitivity", project, "--lang", "tr")
    assert code == 0 and out.splitlines()[0] == (
        "Tek bir kazanan yok: Alpha CRM, Beta CRM birincilikte eşit. İlk sıradakinin "
        "(Alpha CRM) kriter ağırlıklarına duyarlılığı")


def test_sensitivity_shows_a_small_exchange_rate_with_its_digits(tmp_path):
    import shutil

    from crmselect.i18n.formatting import format_rate

    project = tmp_path / "hand"
    shutil.copytree(DATA / "hand", project)
    beta = project / "responses" / "beta.yaml"
    beta.write_text(beta.read_text().replace("currency: EUR", "currency: TRY")
                    .replace("standard: 100}", "standard: 4100}")
                    .replace("implementation: 90000", "implementation: 3700000"))
    path = project / "project.yaml"
    path.write_text(path.read_text().replace("currency: EUR\n",
                                             "currency: EUR\nexchange_rates: {TRY: 0.0243}\n"))
    code, out, err = run("sensitivity", project)
    assert code == 0, err
    # a lira in euros was shown as 0.02 (and a rate of 1e-9 as 0.00)
    assert "TRY       0.0243 " in out
    code, out, err = run("sensitivity", project, "--lang", "tr")
    assert code == 0 and "0,0243" in out
    assert [format_rate(r, "en") for r in (41.2, 0.92, 0.0243, 1e-9)] == [
        "41.20", "0.92", "0.0243", "0.000000001"]
    assert format_rate(0.9, "en") == "0.90" and format_rate(0.5, "tr") == "0,50"
    assert format_rate(0.0266666666, "tr") == "0,0266667"


def test_an_exchange_rate_tie_is_not_a_change_of_minus_zero_percent(tmp_path):
    import shutil

    project = tmp_path / "hand"
    shutil.copytree(DATA / "hand", project)
    # a TCO between the budget and the ceiling, so that a cheaper dollar scores better
    alpha = (project / "responses" / "alpha.yaml").read_text().replace("standard: 50}",
                                                                       "standard: 200}")
    (project / "responses" / "alpha.yaml").write_text(alpha)
    (project / "responses" / "beta.yaml").write_text(
        alpha.replace("vendor: alpha", "vendor: beta").replace("currency: EUR", "currency: USD"))
    path = project / "project.yaml"
    path.write_text(path.read_text().replace("currency: EUR\n",
                                             "currency: EUR\nexchange_rates: {USD: 1}\n"))
    code, out, err = run("sensitivity", project)
    assert code == 0, err
    # tied today: any fall of the dollar makes Beta cheaper; it printed "−0.0% a year (Beta CRM)"
    assert "0.0% a year" not in out
    assert "USD       1.00 " in out and "the slightest change (Beta CRM)" in out
    code, out, _ = run("sensitivity", project, "--lang", "tr")
    assert code == 0 and "en küçük değişimde (Beta CRM)" in out


# --- the score table: each distinct figure formatted once ------------------------------------


def test_the_score_table_formats_each_distinct_figure_once(monkeypatch):
    from crmselect.cli import scoring
    from crmselect.i18n.formatting import format_number, format_percent

    calls = []
    monkeypatch.setattr(scoring, "format_number",
                        lambda *a: calls.append(("n", *a)) or format_number(*a))
    monkeypatch.setattr(scoring, "format_percent",
                        lambda *a: calls.append(("p", *a)) or format_percent(*a))
    scoring._number.cache_clear()
    scoring._pct.cache_clear()
    try:
        shown = [scoring._number(v, lang) for _ in range(500) for v in (2.5, 4.0, 1234567.25)
                 for lang in ("en", "tr")]
        shown += [scoring._pct(0.35, "tr") for _ in range(100)]
        shown += [scoring._number(4, "en", 0), scoring._number(4.0, "en", 0)]
    finally:
        scoring._number.cache_clear()
        scoring._pct.cache_clear()
    assert shown[:6] == ["2.5", "2,5", "4.0", "4,0", "1,234,567.3", "1.234.567,3"]
    assert shown[-102:] == ["%35"] * 100 + ["4", "4"]
    assert len(calls) == 6 + 1 + 2  # once per value, language and digits (int and float apart)


# --- vendors named as the ranking names them -------------------------------------------------


def run_cli(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.output


def test_area_table_and_monte_carlo_name_vendors_as_the_ranking_does(basic):
    # The ranking says "Alpha CRM"; the tables under it said "alpha".
    code, out = run_cli("score", basic)
    assert code == 0, out
    header = next(line for line in out.splitlines() if line.startswith("Area "))
    assert "Alpha CRM" in header and not re.search(r"\balpha\b", header)
    code, out = run_cli("sensitivity", basic, "--samples", "200")
    assert code == 0, out
    rows = out[out.index("Monte Carlo"):]
    assert re.search(r"^Alpha CRM\s+\d", rows, re.M)
    assert not re.search(r"^alpha\s", rows, re.M)


# --- the risk summary and the knock-out lines ------------------------------------------------


def test_the_risk_summary_has_no_line_of_zeros(capsys):
    """A vendor with only "declared native, scored 2" risks got "0 custom developments, 0 days
    (0 TL); 0 third-party products, 0 TL a year; 0 roadmap commitments" above that line."""
    from types import SimpleNamespace

    from crmselect.cli.scoring import _risk_summary

    risk = SimpleNamespace(vendor="zoho_crm", kind="understated", effort_days=0, cost=0,
                           cost_per_year=0)
    _risk_summary(SimpleNamespace(risks=[risk], currency="TRY"), "en",
                  {"zoho_crm": "Zoho CRM"})
    out = capsys.readouterr().out
    lines = out.strip().splitlines()
    assert len(lines) == 2 and lines[0].startswith("Zoho CRM: 1 requirement declared native")
    assert "0 custom" not in out


@pytest.mark.parametrize("lang, line", [
    ("en", "  Gamma CRM: NFR-SEC-001 scored 0.0 (declared)"),
    ("tr", "  Gamma CRM: NFR-SEC-001 puanı 0,0 (tedarikçi beyanı)")])
def test_the_knock_out_lines_name_the_vendor_as_the_ranking_does(basic, lang, line):
    """'gamma: NFR-SEC-001 scored 0.0' under a ranking that says 'Gamma CRM'."""
    result = CliRunner().invoke(main, ["score", str(basic), "--lang", lang])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert line in lines, result.output
    assert not any(row.startswith("  gamma:") for row in lines)
