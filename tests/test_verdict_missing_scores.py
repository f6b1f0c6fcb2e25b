"""Missing scores in the verdict: an evaluator who scored one vendor only, a vendor nobody
scored beside scored ones, every score 0, a requirement nobody scored. A missing score is
never averaged in as 0; a vendor that keeps its own declarations while the others were
checked is not recommended on them."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from docx import Document
from verdictprojects import IDS, answers, crafted_project, score

from crmselect.cli import main
from crmselect.documents.report import render_report
from crmselect.project import load_project
from crmselect.reporting.recommendation import recommendation
from crmselect.scoring import evaluate_project

VENDORS = ("odoo", "suitecrm", "espocrm")


def _configurable() -> dict[str, dict]:
    return {v: answers("configurable") for v in VENDORS}


def _requirement_score(ev, vendor: str, rid: str):
    return next(rs for c in ev.vendors[vendor].criteria for a in c.areas for g in a.groups
                for rs in g.requirements if rs.requirement == rid)


def test_an_evaluator_who_scored_one_vendor_only_is_no_zero_for_the_others(
        tmp_path: Path) -> None:
    scores = [score("ali", v, rid, 3) for v in VENDORS for rid in IDS]
    scores += [score("oya", "odoo", rid, 4) for rid in IDS]
    ev = evaluate_project(load_project(crafted_project(tmp_path / "p", _configurable(),
                                                       scores=scores)))
    # Odoo: (3 + 4) / 2; the others: Ali's 3 alone, not (3 + 0) / 2
    assert _requirement_score(ev, "odoo", "OPS-SFA-001").score == 3.5
    assert _requirement_score(ev, "suitecrm", "OPS-SFA-001").score == 3.0
    assert _requirement_score(ev, "suitecrm", "OPS-SFA-001").n_scorers == 1
    # 100 × (35·s + 15·s + 10·s + 20·5) / 80 / 5 with s = 3.5 and 3
    assert [round(r.total, 4) for r in ev.ranking] == [77.5, 70.0, 70.0]


def test_a_vendor_nobody_scored_is_not_recommended_on_its_declarations(
        tmp_path: Path) -> None:
    scores = [score(e, v, rid, 3) for e in ("ali", "oya") for v in ("odoo", "suitecrm")
              for rid in IDS]
    root = crafted_project(tmp_path / "p", _configurable(), scores=scores)
    lp = load_project(root)
    ev = evaluate_project(lp)
    # EspoCRM keeps its declared 4 (configurable) against the others' evaluated 3
    assert ev.winner == "espocrm" and _requirement_score(ev, "espocrm", "INT-FIN-001").source \
        == "declared"
    warning = next(w for w in ev.warnings if w.code == "unscored_vendors")
    assert warning.params == {"vendors": ["espocrm"], "n": 1}
    rec = recommendation(lp, ev)
    assert rec["verdict"].code == "verdict_unscored"
    assert rec["negotiation"] == [] and not any(f["recommended"] for f in rec["finalists"])
    assert [p.code for p in rec["next_steps"]] == ["step_score_unscored",
                                                   "step_reference_calls"]
    doc = Document(str(render_report(root).docx))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert ("EspoCRM ranks first with 85.0 of 100 points, but nobody has scored it: its scores "
            "are its own declarations") in text
    assert "We recommend EspoCRM" not in text
    assert "Nobody scored EspoCRM, while the evaluators scored the other vendors" in text
    tr = "\n".join(p.text for p in Document(str(render_report(root, lang="tr").docx)).paragraphs)
    assert "EspoCRM 100 üzerinden 85,0 puanla birinci, ancak hiç puanlanmadı" in tr
    assert "Diğer tedarikçiler gibi EspoCRM için de puan verin" in tr
    result = CliRunner().invoke(main, ["score", str(root), "--lang", "en"])
    assert ("First: EspoCRM (85.0 points), but nobody scored it while the others were scored: "
            "not recommended on its own declarations") in result.stdout
    assert "Winner:" not in result.stdout
    result = CliRunner().invoke(main, ["report", str(root), "--lang", "en"])
    assert result.stderr.splitlines()[-1] == (
        "first: EspoCRM (85.0 points), but nobody scored it: not recommended")


def test_no_scores_at_all_is_not_an_unscored_vendor(tmp_path: Path) -> None:
    ev = evaluate_project(load_project(crafted_project(tmp_path / "p", _configurable())))
    assert "unscored_vendors" not in [w.code for w in ev.warnings]


def test_every_score_zero_knocks_everyone_out_without_a_division_by_zero(
        tmp_path: Path) -> None:
    scores = [score(e, v, rid, 0) for e in ("ali", "oya") for v in VENDORS for rid in IDS]
    root = crafted_project(tmp_path / "p", _configurable(), scores=scores, samples=100)
    lp = load_project(root)
    ev = evaluate_project(lp)
    assert ev.winner is None and all(r.knocked_out and r.tied for r in ev.ranking)
    # cost alone: 100 × 20/80 × 5 / 5
    assert [r.total for r in ev.ranking] == [25.0, 25.0, 25.0]
    assert recommendation(lp, ev)["verdict"].code == "verdict_none_pass"
    text = "\n".join(p.text for p in Document(str(render_report(root).docx)).paragraphs)
    assert "none of the 3 vendors passes" in text and "nan" not in text.lower().split()


def test_a_requirement_nobody_scored_keeps_the_declarations(tmp_path: Path) -> None:
    scores = [score(e, v, rid, 4) for e in ("ali", "oya") for v in VENDORS for rid in IDS[:2]]
    ev = evaluate_project(load_project(crafted_project(tmp_path / "p", _configurable(),
                                                       scores=scores)))
    rs = _requirement_score(ev, "odoo", "NFR-SEC-001")
    assert (rs.source, rs.score, rs.n_scorers) == ("declared", 4.0, 0)
    assert "unscored_vendors" not in [w.code for w in ev.warnings]
