"""The recommendation, gap list, methodology and evaluators of the comparison report, on small
crafted projects (one vendor, all knocked out, a tie, no prices) as well as the report project.

Each crafted project is written here: three requirements, vendors from the bundled profiles
with a response file each, no evaluator scores unless a test adds them."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document

from crmselect.documents.report import render_report
from crmselect.project import load_project
from crmselect.reporting.comparison_context import build_comparison_context
from crmselect.reporting.gaps import gaps, meets_threshold
from crmselect.reporting.recommendation import recommendation
from crmselect.scoring import evaluate_project

DATA = Path(__file__).parent / "data" / "reports"
TODAY = dt.date(2027, 3, 10)
REQS = ["OPS-SFA-001", "INT-FIN-001", {"id": "NFR-SEC-001", "priority": "should"}]
PRICING = {"currency": "TRY", "per_user_month": {"standard": 1000}, "implementation": 100000}


def _project(root: Path, answers: dict[str, dict[str, Any]], *, pricing: bool = True,
             extra: dict[str, Any] | None = None, scores: list[dict] | None = None) -> Path:
    """A project whose vendors answer ``answers`` (vendor → requirement → response)."""
    root.mkdir(parents=True)
    (root / "responses").mkdir()
    data = {
        "name": "Crafted", "organisation": {"name": "Deneme A.Ş."}, "language": "en",
        "currency": "TRY", "users": [{"role": "sales", "count": 10, "licence": "standard"}],
        "tco": {"horizon_years": 3, "target_budget": 500000, "ceiling": 900000},
        "requirements": REQS, "vendors": list(answers),
        "scoring": {"monte_carlo_samples": 0},
        "evaluators": [{"id": "ali", "name": "Ali Veli", "role": "facilitator",
                        "department": "it"},
                       {"id": "oya", "name": "Oya Tan", "department": "sales"},
                       {"id": "naz", "name": "Naz Er", "role": "observer"}],
        **(extra or {}),
    }
    (root / "project.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                       encoding="utf-8")
    for vid, responses in answers.items():
        body: dict[str, Any] = {"vendor": vid, "responses": responses}
        if pricing:
            body["pricing"] = PRICING
        (root / "responses" / f"{vid}.yaml").write_text(yaml.safe_dump(body), encoding="utf-8")
    if scores:
        (root / "scores.yaml").write_text(yaml.safe_dump({"scores": scores}), encoding="utf-8")
    return root


def _all(compliance: str, **extra: Any) -> dict[str, Any]:
    return {rid: {"compliance": compliance, **extra} for rid in
            ("OPS-SFA-001", "INT-FIN-001", "NFR-SEC-001")}


def _rec(root: Path) -> dict[str, Any]:
    lp = load_project(root)
    return recommendation(lp, evaluate_project(lp))


def _codes(points: list) -> list[str]:
    return [p.code for p in points]


def _docx_text(root: Path, lang: str = "en") -> str:
    files = render_report(root, lang=lang, today=TODAY)
    return "\n".join(p.text for p in Document(str(files.docx)).paragraphs) + "\n" + "\n".join(
        c.text for t in Document(str(files.docx)).tables for r in t.rows for c in r.cells)


# --- the points, from the data -------------------------------------------------------------


def test_one_vendor_is_recommended_alone_with_its_negotiation_points(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", {"odoo": {
        **_all("native"), "INT-FIN-001": {"compliance": "custom", "custom_effort_days": 10}}})
    rec = _rec(root)
    assert rec["verdict"].code == "verdict_single"
    assert rec["verdict"].params["vendor"] == "odoo"
    [fin] = rec["finalists"]
    assert fin["recommended"]
    # custom work without a day rate is not priced: the negotiation asks for a fixed price
    negotiation = rec["negotiation"][0]["points"]
    assert ("neg_custom_unpriced", {"vendor": "odoo", "requirement": "INT-FIN-001",
                                    "days": 10}) in negotiation
    assert "neg_price_lock" in _codes(negotiation)
    assert "cost_lowest" not in _codes(fin["strengths"])  # nobody to be cheaper than
    # the must answered custom (2 = the threshold) is barely met
    assert [p.params["requirement"] for p in fin["barely_met"]] == ["INT-FIN-001"]
    text = _docx_text(root)
    assert "Odoo is the only vendor that passes the knock-out criteria" in text
    assert "Custom development for INT-FIN-001" in text and "is not priced in the bid" in text
    assert "Operational CRM: 5.0 of 5." in text and "rank 1 of 1" not in text


def test_all_knocked_out_recommends_nobody_and_revisits_the_musts(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", {"odoo": _all("none"),
                                     "suitecrm": _all("roadmap", roadmap_date="2028-01-01")})
    rec = _rec(root)
    assert rec["verdict"] == ("verdict_none_pass", {"n": 2})
    assert rec["finalists"] == [] and rec["negotiation"] == []
    assert _codes(rec["next_steps"]) == ["step_revisit_musts", "step_extend_shortlist"]
    assert rec["next_steps"][0].params["requirements"] == ["INT-FIN-001", "OPS-SFA-001"]
    text = _docx_text(root)
    assert "We cannot recommend a vendor: none of the 2 vendors passes" in text
    assert "no vendor can be selected at this stage" in text  # the sign-off page
    assert "No vendor is recommended, so there is nothing to negotiate yet." in text


def test_a_tie_recommends_a_tie_break_and_negotiates_with_both(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", {"odoo": _all("native"), "suitecrm": _all("native")})
    rec = _rec(root)
    assert rec["verdict"].code == "verdict_tie"
    assert rec["verdict"].params["vendors"] == ["odoo", "suitecrm"]
    assert [n["vendor"] for n in rec["negotiation"]] == ["odoo", "suitecrm"]
    assert "step_tie_break" in _codes(rec["next_steps"])
    text = _docx_text(root, "tr")
    assert "Odoo, SuiteCRM, 100 üzerinden" in text and "birinciliği paylaşıyor" in text
    assert "Odoo, SuiteCRM seçimini onaylamıştır" in text


def test_no_prices_says_so_and_negotiates_no_price(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", {"odoo": _all("native"), "suitecrm": _all("configurable")},
                    pricing=False)
    rec = _rec(root)
    assert rec["verdict"].code == "verdict_clear"
    for fin in rec["finalists"]:
        assert "not_priced" in _codes(fin["weaknesses"])
        assert not {"cost_lowest", "cost_within_target"} & set(_codes(fin["strengths"]))
    assert not {"neg_price_lock", "neg_price_increase", "neg_over_target"} & set(
        _codes(rec["negotiation"][0]["points"]))
    text = _docx_text(root)
    assert "We recommend Odoo: it ranks first with" in text
    assert "It gave no price: its cost is unknown and scores 0." in text


def test_strengths_weaknesses_and_cost_position_follow_the_scores(tmp_path: Path) -> None:
    cheap = {**PRICING, "per_user_month": {"standard": 100}, "yearly_increase_pct": 7}
    root = _project(tmp_path / "p", {"odoo": _all("native"), "suitecrm": _all("third_party")})
    body = yaml.safe_load((root / "responses" / "suitecrm.yaml").read_text())
    body["pricing"] = cheap
    (root / "responses" / "suitecrm.yaml").write_text(yaml.safe_dump(body))
    rec = _rec(root)
    odoo, suite = rec["finalists"]
    assert odoo["vendor"] == "odoo"
    areas = {p.params["area"]: p.params for p in odoo["strengths"] if p.code == "strength_area"}
    assert areas["operational"]["rank"] == 1 and areas["operational"]["score"] == 5
    assert "cost_highest" in _codes(odoo["weaknesses"])
    assert "cost_lowest" in _codes(suite["strengths"])
    weak = {p.params["area"] for p in suite["weaknesses"] if p.code == "weak_area"}
    assert weak == {"operational", "integration", "non_functional"}  # 3 of 5, last of 2
    assert "risk_third_party" in _codes(suite["risks"])


def test_a_close_call_keeps_the_runner_up_in_the_negotiation(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", {"odoo": _all("native"), "suitecrm": _all("configurable")},
                    extra={"scoring": {"monte_carlo_samples": 300, "seed": 1}})
    body = yaml.safe_load((root / "responses" / "odoo.yaml").read_text())
    body["pricing"] = {**PRICING, "per_user_month": {"standard": 1800}}
    (root / "responses" / "odoo.yaml").write_text(yaml.safe_dump(body))
    verdict = _rec(root)["verdict"]
    assert verdict.code == "verdict_close"
    assert (verdict.params["vendor"], verdict.params["runner_up"]) == ("suitecrm", "odoo")
    assert 0.5 < verdict.params["p_first"] < 0.8 and verdict.params["lead"] == pytest.approx(0.5)
    assert "keep Odoo in the negotiation as the alternative" in _docx_text(root)


def test_many_barely_met_musts_make_one_point(tmp_path: Path) -> None:
    reqs = ["OPS-SFA-001", "OPS-SFA-002", "OPS-SFA-003", "OPS-MKT-001", "OPS-SRV-001",
            "OPS-SRV-002", "INT-FIN-001"]
    root = _project(tmp_path / "p", {"odoo": {r: {"compliance": "custom"} for r in reqs}},
                    extra={"requirements": reqs})
    [fin] = _rec(root)["finalists"]
    [point] = fin["barely_met"]
    assert point.code == "musts_barely"
    assert (point.params["n"], point.params["more"], point.params["threshold"]) == (7, 2, 2.0)
    assert "7 must requirements scored at the knock-out threshold (2.0)" in _docx_text(root)


def test_unanswered_and_unevidenced_claims_are_listed(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", {"odoo": {
        "OPS-SFA-001": {"compliance": "configurable"},
        "INT-FIN-001": {"compliance": "configurable", "evidence": ["https://example.com/x"]}}})
    [fin] = _rec(root)["finalists"]
    unchecked = {p.code: p.params for p in fin["unchecked"]}
    assert unchecked["unanswered"]["requirements"] == ["NFR-SEC-001"]
    assert unchecked["unanswered"]["must"] == 0
    assert unchecked["no_evidence"]["requirements"] == ["OPS-SFA-001"]  # INT-FIN-001 has one


# --- gap list ---------------------------------------------------------------------------------


def test_gaps_are_musts_and_shoulds_below_meets_with_their_remediation(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", {"odoo": {
        "OPS-SFA-001": {"compliance": "custom", "custom_effort_days": 4},
        "INT-FIN-001": {"compliance": "roadmap", "roadmap_date": "2027-09-01"},
        "NFR-SEC-001": {"compliance": "configurable"}}})
    body = yaml.safe_load((root / "responses" / "odoo.yaml").read_text())
    body["pricing"] = {**PRICING, "day_rate": 5000}
    (root / "responses" / "odoo.yaml").write_text(yaml.safe_dump(body))
    lp = load_project(root)
    assert meets_threshold(lp) == 3.0
    [odoo] = gaps(lp, evaluate_project(lp))
    rows = {g["requirement"]: g for g in odoo["gaps"]}
    assert set(rows) == {"OPS-SFA-001", "INT-FIN-001"}  # configurable (4) meets
    assert rows["OPS-SFA-001"]["cost"] == 20000 and rows["OPS-SFA-001"]["effort_days"] == 4
    assert rows["INT-FIN-001"]["promised_date"] == dt.date(2027, 9, 1)
    text = _docx_text(root).replace("\u00a0", " ")  # numbers hold no-break spaces
    assert "custom development, 4 days, 20,000 TRY" in text
    assert "on the roadmap for 1 September 2027" in text


def test_meets_follows_a_higher_knockout_threshold(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", {"odoo": _all("configurable")},
                    extra={"scoring": {"monte_carlo_samples": 0, "knockout_threshold": 4.5}})
    lp = load_project(root)
    assert meets_threshold(lp) == 4.5


# --- methodology, evaluators, sign-off ------------------------------------------------------


def test_methodology_and_evaluators_in_the_context_and_the_document(tmp_path: Path) -> None:
    target = tmp_path / "project"
    shutil.copytree(DATA / "project", target)
    lp = load_project(target)
    ctx = build_comparison_context(lp, evaluate_project(lp), "en", today=TODAY)
    m = ctx["methodology"]
    tree = {(r["kind"], r["id"]): r for r in m["tree"]}
    assert tree[("criterion", "functional")]["weight"] == pytest.approx(0.35)
    assert tree[("group", "sales_automation")]["priorities"] == {"must": 3}
    assert tree[("scenario", "SCN-SERVICE")]["leaves"] == 3
    assert m["knockout_threshold"] == 2 and m["meets"] == 3
    people = {p["id"]: p for p in ctx["evaluators"]}
    assert people["can"]["scored"] == [{"id": "integration", "name": "Integration"},
                                       {"id": "non_functional",
                                        "name": "Non-functional requirements"}]
    assert people["mehmet"]["marks"] == 27 and people["fatma"]["scores"] == 0
    assert [s["id"] for s in ctx["recommendation"]["signatories"]] == [
        "ayse", "mehmet", "zeynep", "can"]  # facilitator first, no observer
    doc = Document(str(render_report(target, lang="tr", today=TODAY).docx))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    for heading in ("Öneri", "Müzakere edilecek konular", "Sonraki adımlar",
                    "Yönlendirme komitesi onayı", "Zorunlu ve önemli gereksinimlerdeki eksikler",
                    "Ek: yöntem", "Ağırlık ağacı", "Ek: değerlendiriciler"):
        assert heading in headings
    signoff = next(t for t in doc.tables if t.rows[0].cells[0].text == "Ad soyad"
                   and t.rows[0].cells[2].text == "İmza")
    assert [r.cells[1].text for r in signoff.rows[1:3]] == [
        "Proje sponsoru", "Moderatör, Bilgi teknolojileri (BT)"]


def test_every_point_code_has_a_wording_in_both_languages() -> None:
    """A point code without its string would fail only on the project that produces it."""
    import re

    from crmselect.documents.strings import load_strings
    source = (Path(__file__).parent.parent / "crmselect" / "reporting"
              / "recommendation.py").read_text(encoding="utf-8")
    codes = set(re.findall(r'Point\("([a-z_]+)"', source))
    assert len(codes) > 30
    # and the wordings the document picks when a value is missing (no date, no price, …)
    renderer = (Path(__file__).parent.parent / "crmselect" / "documents"
                / "report_docx.py").read_text(encoding="utf-8")
    body = renderer[renderer.index("def _variant"):renderer.index("def point_text")]
    variants = {f"{code}_{v}" for code, v in re.findall(r'"([a-z_]+)": .*?and "([a-z_]+)"',
                                                          body)}
    variants |= {f"{c}_alone" for c in ("strength_area", "strength_criterion", "weak_area",
                                        "weak_criterion")}
    assert "neg_fx_stable" in variants and "gaps_must_only" in variants
    codes |= variants
    for lang in ("en", "tr"):
        s = load_strings(lang)["comparison"]
        worded = set(s.recommendation.point) | set(s.negotiation.point) | set(
            s.next_steps.point)
        # wordings added later, in their own blocks (point_text looks there too)
        worded |= set(s.recommendation_more) | set(s.recommendation_close)
        assert codes <= worded, codes - worded
