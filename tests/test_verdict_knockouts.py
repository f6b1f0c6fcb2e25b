"""Knock-outs and missing responses in the verdict: nobody passing, one passing, a must no
vendor answered, a vendor without a response file (scored by evaluators or not). The report
must not crown a knocked-out vendor, divide by zero, or say "fails the knock-out on" nothing."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from verdictprojects import answers, crafted_project, score

from crmselect.documents.report import render_report
from crmselect.project import load_project
from crmselect.reporting.recommendation import recommendation
from crmselect.scoring import evaluate_project


def _report_text(root: Path, lang: str = "en") -> str:
    doc = Document(str(render_report(root, lang=lang).docx))
    return "\n".join([p.text for p in doc.paragraphs] + [
        " | ".join(c.text for c in row.cells) for t in doc.tables for row in t.rows])


def test_a_vendor_without_a_response_is_not_said_to_fail_a_knockout(tmp_path: Path) -> None:
    root = crafted_project(tmp_path / "p", {"odoo": answers("native"), "suitecrm": None})
    ev = evaluate_project(load_project(root))
    assert ev.winner == "odoo"
    [silent] = [r for r in ev.ranking if r.vendor == "suitecrm"]
    assert silent.knocked_out and silent.no_response and silent.failing == []
    for lang, said, wrong in (
            ("en", "SuiteCRM sent no response and nobody scored it: it is ranked last",
             "fails the knock-out on and"),
            ("tr", "SuiteCRM yanıt göndermedi ve kimse puanlamadı", "nedeniyle eleme")):
        text = _report_text(root, lang)
        assert said in text and wrong not in text
    text = _report_text(root)
    # its ranking row says why it is last (it said "fails:" and nothing)
    assert "2 | SuiteCRM | 0.0 | no price | — | 0% | no response received" in text
    assert "| fails: " not in text


def test_a_vendor_without_a_response_scored_by_evaluators_is_ranked(tmp_path: Path) -> None:
    scores = [score(e, "espocrm", rid, 4) for e in ("ali", "oya")
              for rid in ("OPS-SFA-001", "INT-FIN-001", "NFR-SEC-001")]
    root = crafted_project(tmp_path / "p", {"odoo": answers("configurable"), "espocrm": None},
                           scores=scores)
    ev = evaluate_project(load_project(root))
    espo = next(r for r in ev.ranking if r.vendor == "espocrm")
    # scored 4 everywhere like Odoo's declarations, but without a price: cost score 0
    assert not espo.knocked_out and not espo.no_response
    assert [round(r.total, 4) for r in ev.ranking] == [85.0, 60.0]
    assert "no_response" in [w.code for w in ev.warnings]


def test_equal_prices_are_neither_the_lowest_nor_the_highest(tmp_path: Path) -> None:
    root = crafted_project(tmp_path / "p", {"odoo": answers("native"),
                                            "suitecrm": answers("configurable")})
    rec = recommendation(load_project(root), evaluate_project(load_project(root)))
    codes = {p.code for f in rec["finalists"] for p in f["strengths"] + f["weaknesses"]}
    assert not codes & {"cost_lowest", "cost_highest"}


def test_all_but_one_knocked_out_recommends_the_one_that_passes(tmp_path: Path) -> None:
    root = crafted_project(tmp_path / "p", {
        "odoo": answers("none"), "suitecrm": answers("configurable"),
        "espocrm": {**answers("native"), "OPS-SFA-001": {"compliance": "none"}}})
    lp = load_project(root)
    ev = evaluate_project(lp)
    assert ev.winner == "suitecrm"
    # EspoCRM's total (56.25) is the second highest but it is knocked out: after SuiteCRM
    assert [(r.vendor, r.knocked_out) for r in ev.ranking] == [
        ("suitecrm", False), ("espocrm", True), ("odoo", True)]
    verdict = recommendation(lp, ev)["verdict"]
    assert verdict.code == "verdict_single" and verdict.params["vendor"] == "suitecrm"


def test_a_must_no_vendor_answered_knocks_every_vendor_out(tmp_path: Path) -> None:
    ids = ["OPS-SFA-001", "NFR-SEC-001"]  # INT-FIN-001 (a must) left blank by both
    root = crafted_project(tmp_path / "p", {"odoo": answers("native", ids),
                                            "suitecrm": answers("native", ids)})
    lp = load_project(root)
    ev = evaluate_project(lp)
    assert ev.winner is None and all(r.knocked_out for r in ev.ranking)
    codes = [w.code for w in ev.warnings]
    assert "all_knocked_out" in codes and "must_unmet" in codes
    assert recommendation(lp, ev)["verdict"].code == "verdict_none_pass"
    text = _report_text(root)
    assert "We cannot recommend a vendor: none of the 2 vendors passes" in text
    assert "recommended" not in text.split("Points to negotiate")[0].split("Recommendation")[-1]


def test_vendors_only_in_desk_research_are_compared_as_such_and_not_scored(
        tmp_path: Path) -> None:
    from click.testing import CliRunner

    from crmselect.cli import main

    root = crafted_project(tmp_path / "p", {"odoo": None, "suitecrm": None},
                           exchange_rates={"EUR": 35.5, "USD": 32.5})
    result = CliRunner().invoke(main, ["score", str(root), "--lang", "en"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.count("\n") <= 1 and "crmselect vendors compare" in result.stderr
    result = CliRunner().invoke(main, ["vendors", "compare", str(root), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("DESK RESEARCH — scored from the vendor profiles alone")
