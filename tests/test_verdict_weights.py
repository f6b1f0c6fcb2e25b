"""Weights in the verdict: one criterion alone, an inconsistent AHP matrix, the two methods
disagreeing, a bid in another currency than the budget's."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from verdictprojects import (
    PRICING,
    TWO_CRITERIA_IDS,
    answers,
    crafted_project,
    two_criteria_scores,
)

from crmselect.cli import main
from crmselect.documents.report import render_report
from crmselect.project import load_project
from crmselect.scoring import evaluate_project

ONLY = {"functional": 1, "integration": 0, "non_functional": 0, "test_drive": 0, "cost": 0,
        "references": 0}


def _report_text(root: Path, lang: str = "en") -> str:
    doc = Document(str(render_report(root, lang=lang).docx))
    return "\n".join(p.text for p in doc.paragraphs)


def _vendors() -> dict[str, dict]:
    return {"odoo": answers("native"),
            "suitecrm": {**answers("configurable"), "NFR-SEC-001": {"compliance": "none"}}}


def test_one_criterion_alone_decides(tmp_path: Path) -> None:
    root = crafted_project(tmp_path / "p", _vendors(), weights={"criteria": ONLY})
    ev = evaluate_project(load_project(root))
    assert ev.criteria_weights["functional"] == 1.0
    # 100 × 1 × functional score / 5: Odoo 5, SuiteCRM 4 (configurable)
    assert [(r.vendor, r.total) for r in ev.ranking] == [("odoo", 100.0), ("suitecrm", 80.0)]


def test_an_inconsistent_ahp_matrix_is_flagged_where_the_weights_are_explained(
        tmp_path: Path) -> None:
    ahp = {"criteria": {"items": ["functional", "integration", "cost"],
                        "matrix": [[1, 9, "1/9"], ["1/9", 1, 9], [9, "1/9", 1]]}}
    root = crafted_project(tmp_path / "p", _vendors(), weights={
        "criteria": {**ONLY, "non_functional": 1}, "ahp": ahp})
    ev = evaluate_project(load_project(root))
    warning = next(w for w in ev.warnings if w.code == "ahp_inconsistent")
    # a cycle of 9s: λmax = 1 + 9 + 1/9, CI = (λmax − 3) / 2, RI(3) = 0.58
    assert warning.params["cr"] == pytest.approx((1 + 9 + 1 / 9 - 3) / 2 / 0.58, abs=0.01)
    # the items the matrix leaves out weigh 0 because of the matrix, not of weights.criteria
    # (which gives non_functional a weight)
    unweighted = next(w for w in ev.warnings if w.code == "unweighted_siblings")
    assert unweighted.params["level"] == "ahp.criteria"
    text = _report_text(root)
    assert ("The pairwise comparisons of the criteria are inconsistent (consistency ratio "
            "6.13, above the limit of 0.10)") in text
    assert "İkili karşılaştırmalar tutarsız (kriterler: tutarlılık oranı 6,13" in _report_text(
        root, "tr")


def test_the_methods_disagreeing_is_the_first_thing_to_look_at(tmp_path: Path) -> None:
    ids = TWO_CRITERIA_IDS
    scores = two_criteria_scores()
    root = crafted_project(tmp_path / "p", {"odoo": answers("native", ids),
                                            "suitecrm": answers("native", ids)},
                           requirements=ids, scores=scores,
                           weights={"criteria": {**ONLY, "integration": 1}})
    text = _report_text(root)
    looks = text.split("What to look at before deciding")[-1]  # the section, not the contents
    assert looks.lstrip().startswith(
        "The other method disagrees: by TOPSIS, SuiteCRM ranks first.")
    assert "Diğer yöntem farklı sonuç veriyor: TOPSIS ile SuiteCRM birinci." in _report_text(
        root, "tr")


def test_a_bid_in_another_currency(tmp_path: Path) -> None:
    euro = {"currency": "EUR", "per_user_month": {"standard": 25}, "implementation": 3000}
    root = crafted_project(tmp_path / "p", _vendors(), pricing={"odoo": euro})
    result = CliRunner().invoke(main, ["score", str(root)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.strip() == (
        f"{root / 'responses' / 'odoo.yaml'}:2:13: pricing.currency: prices in EUR, but "
        "project.yaml has no exchange rate for EUR (add exchange_rates: {EUR: ...} to "
        "project.yaml)")
    root = crafted_project(tmp_path / "q", _vendors(), pricing={"odoo": euro},
                           exchange_rates={"EUR": 36.5})
    ev = evaluate_project(load_project(root))
    # (25 EUR × 10 users × 36 months + 3,000 EUR) × 36.5 = 438,000 TRY
    assert ev.tco["odoo"].total == (25 * 10 * 36 + 3000) * 36.5 == 438000
    assert ev.tco["suitecrm"].total == 460000 == 10 * 1000 * 36 + PRICING["implementation"]
    # score shows the converted figure with its rate, as the report does
    out = CliRunner().invoke(main, ["score", str(root), "--lang", "en"]).stdout
    assert "1     Odoo      100.0" in out and "438,000" in out
    assert "Odoo's TCO is converted from EUR at 36.50 TRY per EUR." in out
    tr = CliRunner().invoke(main, ["score", str(root), "--lang", "tr"]).stdout
    assert "Odoo: teklif EUR cinsinden; TCO, 1 EUR = 36,50 TL kuruyla çevrildi." in tr
    text = _report_text(root)
    assert "Exchange rate used for EUR (TRY per EUR): 36.50." in text
    assert "Odoo priced in EUR; converted at 36.50." in text
