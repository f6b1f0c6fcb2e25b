"""Close calls: a lead the one-decimal totals cannot show, a winner that loses most of the
weight simulations, a small lead without simulations. The verdict must say "too close to call"
and name no single winner; no text may say "0.0 points ahead" or "from 25% to 25%"."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from verdictprojects import PRICING, answers, crafted_project, score

from crmselect.cli import main
from crmselect.documents.report import render_report
from crmselect.project import load_project
from crmselect.reporting.recommendation import recommendation
from crmselect.scoring import evaluate_project
from crmselect.scoring.hygiene import too_close_to_call


def _hair(root: Path, samples: int = 500) -> Path:
    """Odoo 91.2505, SuiteCRM 91.25: Odoo scores 5 everywhere but costs 639,992 TRY (cost
    score 3.2501), SuiteCRM scores 4 on the functional must and is within the budget."""
    return crafted_project(root, {
        "odoo": answers("native"),
        "suitecrm": {**answers("native"), "OPS-SFA-001": {"compliance": "configurable"}}},
        pricing={"odoo": {**PRICING, "implementation": 279992}}, samples=samples)


def _cli(*args: str, lang: str = "en") -> str:
    """A command's standard output (exit 0, no traceback)."""
    result = CliRunner().invoke(main, [*args, "--lang", lang])
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout


def _docx_text(root: Path, lang: str) -> str:
    doc = Document(str(render_report(root, lang=lang).docx))
    return "\n".join(p.text for p in doc.paragraphs)


def test_too_close_to_call_rule() -> None:
    assert too_close_to_call(0.0004, 0.9)  # shown as 0.0 points
    assert too_close_to_call(3.0, 0.45)  # loses more simulations than it wins
    assert too_close_to_call(0.01, None)
    assert not too_close_to_call(0.05, None)
    assert not too_close_to_call(0.3, 0.5)


def test_a_lead_the_totals_cannot_show_is_too_close_to_call(tmp_path: Path) -> None:
    root = _hair(tmp_path / "p")
    lp = load_project(root)
    ev = evaluate_project(lp)
    assert [round(r.total, 4) for r in ev.ranking] == [91.2505, 91.25]
    codes = [w.code for w in ev.warnings]
    assert "too_close_to_call" in codes and "no_clear_winner" not in codes
    rec = recommendation(lp, ev)
    assert rec["verdict"].code == "verdict_too_close"
    assert rec["verdict"].params["runner_up_total"] == pytest.approx(91.25)
    # a tie-break between the two: both negotiated with, neither "recommended" over the other
    assert [n["vendor"] for n in rec["negotiation"]] == ["odoo", "suitecrm"]
    assert [f["recommended"] for f in rec["finalists"]] == [False, False]
    assert "step_tie_break" in [p.code for p in rec["next_steps"]]
    text = _docx_text(root, "en")
    assert ("Too close to call: Odoo ranks first with 91.3 of 100 points and SuiteCRM second "
            "with 91.3, less than 0.1 points apart") in text
    assert "It leads SuiteCRM by less than 0.1 points." in text
    assert "0.0 points" not in text and "We recommend Odoo" not in text
    assert "— recommended" not in text
    # no vendor is "the winner" in the points to look at: they name the first-ranked
    assert "People checked 0% of Odoo's requirement weight" in text
    assert "the winner's" not in text
    # the closest weight change is 0.001 points: not "from 25% to 25%"
    assert ("if the weight of Total cost of ownership (TCO) went from 25.000% to 25.001%, "
            "SuiteCRM would win") in text
    tr = _docx_text(root, "tr")
    assert "Kazanan belirlenemeyecek kadar yakın: Odoo 100 üzerinden 91,3 puanla birinci" in tr
    assert "SuiteCRM karşısında 0,1'den az puan önde." in tr and "0,0 puan" not in tr


def test_score_says_too_close_to_call_in_both_languages(tmp_path: Path) -> None:
    root = _hair(tmp_path / "p")
    out = _cli("score", str(root))
    assert ("Too close to call: Odoo (91.3 points) leads SuiteCRM (91.3 points) by less than "
            "0.1 points") in out
    assert "Winner:" not in out and "by 0 points" not in out
    tr = _cli("score", str(root), lang="tr")
    assert ("Kazanan belirlenemeyecek kadar yakın: Odoo (91,3 puan), SuiteCRM (91,3 puan) "
            "karşısında 0,1'den az puan önde") in tr
    sens = _cli("sensitivity", str(root))
    assert "! Too close to call: Odoo leads SuiteCRM by less than 0.1 points" in sens


def test_a_winner_losing_most_simulations_is_too_close_to_call(tmp_path: Path) -> None:
    root = crafted_project(tmp_path / "p", {
        "odoo": answers("native"), "suitecrm": answers("configurable")}, samples=200)
    lp = load_project(root)
    ev = evaluate_project(lp)
    lead = ev.ranking[0].total - ev.ranking[1].total
    assert lead > 2  # a visible lead
    ev.monte_carlo.p_first["odoo"] = 0.45  # as if the weights' simulations mostly disagreed
    verdict = recommendation(lp, ev)["verdict"]
    assert verdict.code == "verdict_too_close"
    assert verdict.params["p_first"] == 0.45


def test_a_small_lead_without_simulations_quotes_no_share(tmp_path: Path) -> None:
    # Odoo 91.5625, SuiteCRM 91.25: a visible but small lead (0.3 points), Monte Carlo off
    root = crafted_project(tmp_path / "p", {
        "odoo": answers("native"),
        "suitecrm": {**answers("native"), "OPS-SFA-001": {"compliance": "configurable"}}},
        pricing={"odoo": {**PRICING, "implementation": 275000}}, samples=0)
    ev = evaluate_project(load_project(root))
    assert ev.monte_carlo is None
    [warning] = [w for w in ev.warnings if "clear_winner" in w.code]
    assert warning.code == "no_clear_winner_no_mc"
    out = _cli("score", str(root))
    assert "No clear winner: Odoo leads SuiteCRM by 0.3 points, and the weights were not varied" \
        in out
    assert "– of the weight samples" not in out


def test_report_and_build_say_the_verdict_in_their_last_line(tmp_path: Path) -> None:
    root = _hair(tmp_path / "p")
    for command in ("report", "build"):
        result = CliRunner().invoke(main, [command, str(root), "--lang", "en"])
        assert result.exit_code == 0, result.output
        assert result.stderr.splitlines()[-1] == (
            "too close to call: Odoo (91.3 points) and SuiteCRM (91.3 points)")
    tie = crafted_project(tmp_path / "tie", {"odoo": answers("native"),
                                             "suitecrm": answers("native")})
    result = CliRunner().invoke(main, ["report", str(tie), "--lang", "tr"])
    assert result.stderr.splitlines()[-1] == "birincilikte eşitlik: Odoo, SuiteCRM (100,0 puan)"


def test_a_lead_inside_the_evaluators_spread_is_not_a_clear_win(tmp_path: Path) -> None:
    # NFR-SEC-001 weighs 10/80: Ali gives Odoo 5 and Oya 1 (mean 3, an open disagreement);
    # both give SuiteCRM 2. Odoo leads by 20 × 0.125 × (3 − 2) = 2.5 points, but settled at
    # Oya's 1 its total drops by 20 × 0.125 × 2 = 5 points: the order would reverse.
    scores = [score("ali", "odoo", "NFR-SEC-001", 5), score("oya", "odoo", "NFR-SEC-001", 1),
              score("ali", "suitecrm", "NFR-SEC-001", 2),
              score("oya", "suitecrm", "NFR-SEC-001", 2)]
    root = crafted_project(tmp_path / "p", {"odoo": answers("native"),
                                            "suitecrm": answers("native")}, scores=scores)
    lp = load_project(root)
    ev = evaluate_project(lp)
    assert ev.ranking[0].total - ev.ranking[1].total == pytest.approx(2.5)
    rec = recommendation(lp, ev)
    assert rec["verdict"].code == "verdict_close_spread"
    assert rec["verdict"].params["swing"] == pytest.approx(5.0)
    assert [n["vendor"] for n in rec["negotiation"]] == ["odoo", "suitecrm"]
    text = _docx_text(root, "en")
    assert ("but the evaluators still disagree on scores worth up to 5.0 points between the two: "
            "settled against Odoo in the consensus meeting, they would reverse the order") in text
    assert "We recommend Odoo" not in text
    assert "ikisi arasında 5,0 puana kadar fark yaratan puanlarda" in _docx_text(root, "tr")
    warning = next(w for w in ev.warnings if w.code == "lead_within_disagreements")
    assert warning.params == {"winner": "odoo", "runner_up": "suitecrm", "lead": 2.5,
                              "swing": 5.0}
    out = _cli("score", str(root))
    assert ("No clear winner: Odoo (95.0 points) leads SuiteCRM by less than the open evaluator "
            "disagreements are worth (5.0 points)") in out and "Winner:" not in out
    assert ("! Odoo leads SuiteCRM by 2.5 points, but open disagreements between evaluators are "
            "worth up to 5.0 points between the two") in out
    result = CliRunner().invoke(main, ["report", str(root), "--lang", "tr"])
    assert result.stderr.splitlines()[-1] == (
        "açık bir kazanan yok: Odoo (95,0 puan), SuiteCRM karşısındaki farkı çözülmemiş "
        "değerlendirici görüş ayrılıklarının etkisinden küçük")


def test_weight_thresholds_show_enough_decimals_to_differ(tmp_path: Path) -> None:
    root = _hair(tmp_path / "p")
    out = _cli("sensitivity", str(root))
    assert out.splitlines()[0] == ("No winner named: Odoo and SuiteCRM are too close to call. "
                                   "Sensitivity of the first-ranked (Odoo) to the criteria "
                                   "weights")
    cost = next(line for line in out.splitlines() if line.startswith("Cost "))
    # the cost weight (25%) at which SuiteCRM wins is 25.001%, not "25.0%"
    assert cost.split()[1:3] == ["25.0%", "25.001%"]
    tr = _cli("sensitivity", str(root), lang="tr")
    assert "%25,001 (SuiteCRM)" in tr
    doc = Document(str(render_report(root).docx))
    rows = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    row = next(r for r in rows if r[0] == "Total cost of ownership (TCO)" and len(r) == 4)
    assert row[1:3] == ["25%", "at 25.001%: SuiteCRM wins"]


def test_a_weight_threshold_under_a_thousandth_of_a_point(tmp_path: Path) -> None:
    # Odoo 0.8 TRY cheaper than in _hair's tie: it leads by 5e-5 points, and a cost weight
    # about 0.0001 percentage points higher lets SuiteCRM win
    root = crafted_project(tmp_path / "p", {
        "odoo": answers("native"),
        "suitecrm": {**answers("native"), "OPS-SFA-001": {"compliance": "configurable"}}},
        pricing={"odoo": {**PRICING, "implementation": 279999.2}}, samples=200)
    out = _cli("sensitivity", str(root))
    cost = next(line for line in out.splitlines() if line.startswith("Cost "))
    assert "at the smallest rise (SuiteCRM)" in cost
    assert "en küçük artışta (SuiteCRM)" in _cli("sensitivity", str(root), lang="tr")
    text = _docx_text(root, "en")
    assert ("The closest call: raising the weight of Total cost of ownership (TCO) (25%) by the "
            "smallest amount would let SuiteCRM win.") in text
    doc = Document(str(render_report(root).docx))
    rows = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    row = next(r for r in rows if r[0] == "Total cost of ownership (TCO)" and len(r) == 4)
    assert row[2] == "at the smallest rise: SuiteCRM wins"


def test_a_tie_names_the_first_listed_instead_of_calling_it_the_winner(tmp_path: Path) -> None:
    root = crafted_project(tmp_path / "p", {"odoo": answers("native"),
                                            "suitecrm": answers("native")})
    tr = _docx_text(root, "tr")
    assert "Odoo tedarikçisinin gereksinim ağırlığının %0 oranındaki kısmı" in tr
    assert "Kazananın" not in tr


def test_the_json_outputs_carry_the_verdict_beside_the_first_ranked(tmp_path: Path) -> None:
    """`winner` stays the first-ranked vendor (as the engine has it); `verdict` says that no
    winner may be named, with the runner-up, in `score`, `sensitivity` and comparison.json."""
    import json

    root = _hair(tmp_path / "p", samples=50)
    expected = {"code": "too_close", "first": ["odoo"], "runner_up": "suitecrm"}
    score_json = json.loads(_cli("score", str(root), "--format", "json"))
    assert (score_json["winner"], score_json["verdict"]) == ("odoo", expected)
    assert list(score_json).index("verdict") == list(score_json).index("winner") + 1
    sens_json = json.loads(_cli("sensitivity", str(root), "--format", "json"))
    assert sens_json["verdict"] == expected
    report = json.loads(render_report(root, lang="en").json.read_text(encoding="utf-8"))
    assert report["verdict"] == expected
