"""A comparison that holds up (issue 9): answers stand alone, cost warnings, exchange rates per
year, present value, declared vs judged effort, the scoring fingerprint, the unverified discount.

Every test builds a small project in ``tmp_path`` with :func:`make_project`: three requirements,
vendors with their own profiles in ``vendors/`` and their answers in ``responses/``.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from rendered import english

from crmselect.cli import main
from crmselect.errors import CrmselectError
from crmselect.i18n import render_messages, text
from crmselect.project import load_project
from crmselect.scoring import evaluate

REQUIREMENTS = [
    {"id": "OPS-SFA-001", "priority": "must"},
    {"id": "OPS-SFA-002", "priority": "should"},
    {"id": "INT-FIN-001", "priority": "should"},
]

PROJECT: dict[str, Any] = {
    "name": "Integrity fixture",
    "organisation": {"name": "Fixture Ltd"},
    "currency": "EUR",
    "users": [{"role": "sales", "count": 10, "licence": "standard"}],
    "tco": {"horizon_years": 5, "target_budget": 100000, "ceiling": 200000},
    "requirements": REQUIREMENTS,
    "weights": {"criteria": {"functional": 50, "integration": 20, "non_functional": 0,
                             "test_drive": 0, "cost": 30, "references": 0}},
    "scoring": {"monte_carlo_samples": 0, "unverified_discount": 0},
    "evaluators": [{"id": "ayse", "name": "Ayşe Yılmaz"}, {"id": "can", "name": "Can Er"}],
    "vendors": ["alpha", "beta"],
}

ALL_NATIVE = {r["id"]: {"compliance": "native"} for r in REQUIREMENTS}


def pricing(per_user_month: float = 50, currency: str = "EUR", **extra: Any) -> dict[str, Any]:
    return {"currency": currency, "per_user_month": {"standard": per_user_month}, **extra}


def profile(vid: str, *, illustrative: bool = False, answers: dict | None = None,
            price: dict | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": vid, "name": f"{vid.title()} CRM", "product": vid.title(),
        "illustrative": illustrative, "deployment": ["cloud"],
        "licence": {"model": "subscription"}, "source": "test fixture", "as_of": "2026-01-01",
        "references": [f"{vid} profile reference"],
    }
    if answers is not None:
        data["responses"] = answers
    if price is not None:
        data["pricing"] = price
    return data


def make_project(tmp_path: Path, *, project: dict | None = None,
                 responses: dict[str, dict | None] | None = None,
                 profiles: dict[str, dict] | None = None,
                 scores: dict | None = None) -> Path:
    """Write a project: ``project`` keys override :data:`PROJECT`; ``responses`` maps a vendor
    to its response file's content (None: no response file); ``profiles`` to its profile."""
    root = tmp_path / "p"
    (root / "vendors").mkdir(parents=True)
    (root / "responses").mkdir()
    data = copy.deepcopy(PROJECT)
    data.update(project or {})
    (root / "project.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    profiles = profiles or {}
    for vid in data["vendors"]:
        prof = profiles.get(vid, profile(vid, answers=ALL_NATIVE, price=pricing(10)))
        (root / "vendors" / f"{vid}.yaml").write_text(
            yaml.safe_dump(prof, allow_unicode=True), "utf-8")
    if responses is None:
        responses = {"alpha": {"pricing": pricing(50), "responses": dict(ALL_NATIVE)},
                     "beta": {"pricing": pricing(60), "responses": {
                         "OPS-SFA-001": {"compliance": "configurable"},
                         "OPS-SFA-002": {"compliance": "configurable"},
                         "INT-FIN-001": {"compliance": "native"}}}}
    for vid, content in responses.items():
        if content is not None:
            (root / "responses" / f"{vid}.yaml").write_text(
                yaml.safe_dump({"vendor": vid, **content}, allow_unicode=True), "utf-8")
    if scores is not None:
        (root / "scores.yaml").write_text(yaml.safe_dump(scores, allow_unicode=True), "utf-8")
    return root


def requirement(ev, vendor: str, rid: str):
    return next(rs for c in ev.vendors[vendor].criteria for a in c.areas for g in a.groups
                for rs in g.requirements if rs.requirement == rid)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.output


# --- 1. a blank answer is no answer --------------------------------------------------------


def test_blank_answer_scores_zero_and_the_profile_does_not_fill_it(tmp_path):
    root = make_project(tmp_path, responses={
        "alpha": {"pricing": pricing(50), "references": ["Response reference"],
                  "responses": {"OPS-SFA-001": {"compliance": "native"},
                                "INT-FIN-001": {"compliance": "native"}}},
        "beta": {"pricing": pricing(60), "responses": dict(ALL_NATIVE)}})
    lp = load_project(root)
    alpha = lp.vendors["alpha"]
    assert "OPS-SFA-002" not in alpha.responses  # the profile says native; it is not used
    assert alpha.references == ["Response reference"]  # the profile's are not merged in
    ev = evaluate(root)
    blank = requirement(ev, "alpha", "OPS-SFA-002")
    assert (blank.score, blank.source, blank.declared) == (0.0, "no_answer", None)
    assert ev.unanswered == {"alpha": ["OPS-SFA-002"], "beta": []}
    assert ev.coverage["alpha"].unanswered == 1 and ev.coverage["beta"].unanswered == 0
    assert ev.to_dict()["vendors"]["alpha"]["coverage"]["unanswered"] == 1
    warning = next(w for w in ev.warnings if w.code == "missing_answers")
    assert warning.params == {"vendor": "alpha", "n": 1}


def test_a_vendor_without_a_response_is_listed_as_no_response(tmp_path):
    root = make_project(tmp_path, responses={
        "alpha": {"pricing": pricing(50), "responses": dict(ALL_NATIVE)}, "beta": None})
    ev = evaluate(root)
    beta = ev.vendors["beta"]
    assert beta.tco.priced is False  # the profile's price list is not a quote
    assert all(requirement(ev, "beta", r["id"]).source == "no_answer" for r in REQUIREMENTS)
    assert ev.unanswered["beta"] == [r["id"] for r in REQUIREMENTS]
    warning = next(w for w in ev.warnings if w.code == "no_response")
    assert warning.params == {"vendor": "beta"}
    assert "No response received from 'Beta CRM'" in text(warning.message(), "en")
    assert "'Beta CRM' tedarikçisinden yanıt gelmedi" in text(warning.message(), "tr")
    assert "missing_answers" not in ev.warning_codes()


def test_an_evaluator_score_still_counts_for_a_blank_answer(tmp_path):
    root = make_project(tmp_path, responses={
        "alpha": {"pricing": pricing(50), "responses": {"OPS-SFA-001": {"compliance": "native"}}},
        "beta": {"pricing": pricing(60), "responses": dict(ALL_NATIVE)}},
        scores={"scores": [{"evaluator": "ayse", "vendor": "alpha", "target": "OPS-SFA-002",
                            "score": 3}]})
    ev = evaluate(root)
    scored = requirement(ev, "alpha", "OPS-SFA-002")
    assert (scored.score, scored.source, scored.declared) == (3.0, "evaluated", None)
    assert ev.unanswered["alpha"] == ["OPS-SFA-002", "INT-FIN-001"]  # still unanswered


def test_report_lists_unanswered_requirements(tmp_path):
    from crmselect.documents.report import render_report

    root = make_project(tmp_path, responses={
        "alpha": {"pricing": pricing(50), "responses": {"OPS-SFA-001": {"compliance": "native"},
                                                        "INT-FIN-001": {"compliance": "native"}}},
        "beta": None})
    files = render_report(root, lang="en")
    data = json.loads(files.json.read_text(encoding="utf-8"))
    assert data["unanswered"]["alpha"] == ["OPS-SFA-002"]
    assert data["coverage"]["alpha"]["unanswered"] == 1
    html = files.html.read_text(encoding="utf-8")
    assert "Unanswered requirements" in html
    assert "No response received: every requirement is unanswered." in html
    tr = render_report(root, lang="tr", out_dir=tmp_path / "tr").html.read_text(encoding="utf-8")
    assert "Yanıtlanmamış gereksinimler" in tr and "Yanıt gelmedi" in tr


def test_vendors_compare_is_desk_research_from_the_profiles(tmp_path):
    root = make_project(tmp_path, responses={"alpha": None, "beta": None}, profiles={
        "alpha": profile("alpha", answers=ALL_NATIVE, price=pricing(10)),
        "beta": profile("beta", answers={r["id"]: {"compliance": "configurable"}
                                         for r in REQUIREMENTS}, price=pricing(10))})
    code, out = run("vendors", "compare", root)
    assert code == 0, out
    assert out.startswith("DESK RESEARCH — scored from the vendor profiles alone")
    assert "Winner: Alpha CRM" in out
    assert "crmselect score" in out.splitlines()[-1]
    code, out = run("vendors", "compare", root, "--lang", "tr")
    assert out.startswith("MASA BAŞI ARAŞTIRMA")
    code, out = run("vendors", "compare", root, "--format", "json")
    data = json.loads(out)
    assert data["basis"] == "profiles"
    assert data["label"]["en"].startswith("DESK RESEARCH")
    assert data["label"]["tr"].startswith("MASA BAŞI ARAŞTIRMA")
    assert data["winner"] == "alpha"
    assert data["vendors"]["alpha"]["tco"]["priced"] is True
    # `score` ranks the responses: with none, there is nothing to rank, and it says where to go
    code, out = run("score", root, "--format", "json")
    assert code == 1 and "crmselect vendors compare" in out


def test_vendors_compare_unknown_vendor_is_a_clear_error(tmp_path):
    root = make_project(tmp_path)
    code, out = run("vendors", "compare", root, "--vendor", "alpah")
    assert code == 1
    assert "alpah" in out and "alpha" in out


# --- 10. the unverified discount: one rule -------------------------------------------------

SCENARIO = {"scenarios": [{
    "id": "SCN-TEST", "title": "Test drive", "objective": "See it work", "duration_minutes": 30,
    "steps": [{"action": "Show it", "expected": "It works",
               "requirements": ["OPS-SFA-001", "OPS-SFA-002"]}],
    "expected_outcome": "Everything works", "requirements": ["OPS-SFA-001", "OPS-SFA-002"]}]}

ON_PAPER = {
    "id": "CUS-DOC-001", "area": "non_functional", "group": "security",
    "title": "ISO 27001 certificate", "description": "The vendor holds a current certificate.",
    "phases": ["selection"], "priority": "should", "evidence": "document"}


def discount_project(tmp_path: Path) -> Path:
    answers = {**ALL_NATIVE, "CUS-DOC-001": {"compliance": "native"}}
    root = make_project(tmp_path, project={
        "scoring": {"monte_carlo_samples": 0, "unverified_discount": 0.5},
        "custom_requirements": [ON_PAPER], "scenarios": ["SCN-TEST"],
        "weights": {"criteria": {"functional": 50, "integration": 20, "non_functional": 10,
                                 "test_drive": 0, "cost": 20, "references": 0}},
    }, responses={"alpha": {"pricing": pricing(50), "responses": answers},
                  "beta": {"pricing": pricing(50), "responses": answers}},
        scores={"demo": [
            # OPS-SFA-001: one live mark and one slides mark → seen live, not discounted
            {"evaluator": "ayse", "vendor": "alpha", "scenario": "SCN-TEST",
             "requirement": "OPS-SFA-001", "shown": "live"},
            {"evaluator": "can", "vendor": "alpha", "scenario": "SCN-TEST",
             "requirement": "OPS-SFA-001", "shown": "slides"},
            # OPS-SFA-002: slides and not shown → discounted
            {"evaluator": "ayse", "vendor": "alpha", "scenario": "SCN-TEST",
             "requirement": "OPS-SFA-002", "shown": "slides"},
            {"evaluator": "can", "vendor": "alpha", "scenario": "SCN-TEST",
             "requirement": "OPS-SFA-002", "shown": "not_shown"}]})
    (root / "scenarios").mkdir()
    (root / "scenarios" / "test.yaml").write_text(yaml.safe_dump(SCENARIO), "utf-8")
    return root


def test_unverified_discount_rule(tmp_path):
    """A declared score is cut unless an evaluator marked it shown live, or its evidence is
    a document."""
    ev = evaluate(discount_project(tmp_path))
    live = requirement(ev, "alpha", "OPS-SFA-001")
    assert (live.score, live.shown, live.discounted) == (5.0, "live", False)
    slides = requirement(ev, "alpha", "OPS-SFA-002")
    assert (slides.score, slides.discounted) == (2.5, True)
    unmarked = requirement(ev, "alpha", "INT-FIN-001")
    assert (unmarked.score, unmarked.discounted) == (2.5, True)
    paper = requirement(ev, "alpha", "CUS-DOC-001")
    assert (paper.score, paper.discounted) == (5.0, False)
    claims = {(c.vendor, c.requirement) for c in ev.unverified_claims}
    assert ("alpha", "OPS-SFA-002") in claims and ("alpha", "OPS-SFA-001") not in claims
    assert ("alpha", "CUS-DOC-001") not in claims and ("beta", "CUS-DOC-001") not in claims


def test_readme_states_the_discount_rule():
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert ("cut by `unverified_discount` unless an evaluator marked it shown live in a test "
            "drive or the requirement's evidence is `document`") in " ".join(readme.split())


# --- 2. an illustrative vendor is never a silent winner ------------------------------------


def test_illustrative_winner_is_warned_in_score_report_and_migration_plan(tmp_path):
    from crmselect.documents.migration import render_migration
    from crmselect.documents.report import render_report

    root = make_project(tmp_path, profiles={
        "alpha": profile("alpha", illustrative=True), "beta": profile("beta")})
    ev = evaluate(root)
    assert ev.winner == "alpha"
    warning = next(w for w in ev.warnings if w.code == "illustrative_winner")
    assert warning.params == {"vendor": "alpha"}
    assert ("'Alpha CRM' ranks first, but its profile is illustrative"
            in text(warning.message(), "en"))
    assert "'Alpha CRM' ilk sırada, ancak profili örnek amaçlıdır" in text(warning.message(), "tr")
    code, out = run("score", root)
    assert "ranks first, but its profile is illustrative" in out
    html = render_report(root, lang="en").html.read_text(encoding="utf-8")
    assert "ranks first, but its profile is illustrative" in html
    plan = render_migration(root, lang="en", vendor="alpha")
    assert "Alpha CRM is an illustrative vendor" in plan.markdown.read_text(encoding="utf-8")


def test_a_real_winner_has_no_illustrative_warning(tmp_path):
    root = make_project(tmp_path, profiles={
        "alpha": profile("alpha"), "beta": profile("beta", illustrative=True)})
    ev = evaluate(root)
    assert ev.winner == "alpha"
    assert "illustrative_winner" not in ev.warning_codes()


# --- 3. all bids over budget, cost that decides nothing, ties in sensitivity ----------------


def test_all_over_ceiling_is_said_once_naming_every_vendor(tmp_path):
    from crmselect.documents.report import render_report

    root = make_project(tmp_path, responses={
        "alpha": {"pricing": pricing(400), "responses": dict(ALL_NATIVE)},
        "beta": {"pricing": pricing(500), "responses": dict(ALL_NATIVE)}})
    ev = evaluate(root)
    assert ev.tco["alpha"].total == 240000 and ev.tco["beta"].total == 300000
    over = [w for w in ev.warnings if w.code == "all_over_ceiling"]
    assert len(over) == 1
    assert over[0].params["overshoots"] == [
        {"vendor": "alpha", "tco": 240000, "over": 40000},
        {"vendor": "beta", "tco": 300000, "over": 100000}]
    assert "winner_over_ceiling" not in ev.warning_codes()
    assert text(over[0].message(), "en").startswith(
        "Every bid is over the budget ceiling of 200,000 EUR: Alpha CRM 240,000 (+40,000), "
        "Beta CRM 300,000 (+100,000) EUR.")
    assert text(over[0].message(), "tr").startswith(
        "Tüm teklifler 200.000 EUR bütçe tavanının üzerinde: Alpha CRM 240.000 (+40.000), "
        "Beta CRM 300.000 (+100.000) EUR.")
    # every cost score is 0: the cost criterion decides nothing
    flat = next(w for w in ev.warnings if w.code == "cost_decides_nothing")
    assert flat.params == {"score": 0.0}
    assert "the cost criterion decides nothing" in text(flat.message(), "en")
    assert "maliyet kriteri sıralamada hiçbir şeyi belirlemiyor" in text(flat.message(), "tr")
    # the report's summary opens its risks with it
    ctx = json.loads(json.dumps(render_report(root, lang="en").evaluation.to_dict()))
    assert [w["code"] for w in ctx["warnings"]].count("all_over_ceiling") == 1
    html = render_report(root, lang="en").html.read_text(encoding="utf-8")
    start = html.index(">Executive summary</h2>")
    head = html[start:start + 3000]
    assert "Every bid is over the budget ceiling" in head


def test_one_bid_under_the_ceiling_is_not_all_over(tmp_path):
    root = make_project(tmp_path, responses={
        "alpha": {"pricing": pricing(100), "responses": dict(ALL_NATIVE)},
        "beta": {"pricing": pricing(500), "responses": dict(ALL_NATIVE)}})
    codes = evaluate(root).warning_codes()
    assert "all_over_ceiling" not in codes and "cost_decides_nothing" not in codes


def test_equal_cost_scores_under_the_budget_decide_nothing(tmp_path):
    root = make_project(tmp_path, responses={
        "alpha": {"pricing": pricing(50), "responses": dict(ALL_NATIVE)},
        "beta": {"pricing": pricing(60), "responses": dict(ALL_NATIVE)}})
    ev = evaluate(root)
    assert ev.tco["alpha"].cost_score == ev.tco["beta"].cost_score == 5.0
    assert "cost_decides_nothing" in ev.warning_codes()
    assert "all_over_ceiling" not in ev.warning_codes()


FUNCTIONAL_NATIVE = {r["id"]: {"compliance": "native"} for r in REQUIREMENTS[:2]}


@pytest.mark.parametrize("method", ["wsm", "topsis"])
def test_sensitivity_never_reports_a_tie_as_a_win(tmp_path, method):
    """Alpha and beta both score 5 on functional fit; alpha's cost scores 5, beta's 0. At a
    functional weight of 100 % they tie: no weight makes beta win (beta is listed first, so
    a tie must not go to it by order)."""
    root = make_project(tmp_path, project={
        "requirements": REQUIREMENTS[:2], "vendors": ["beta", "alpha"],
        "weights": {"criteria": {"functional": 70, "integration": 0, "non_functional": 0,
                                 "test_drive": 0, "cost": 30, "references": 0}}},
        responses={"alpha": {"pricing": pricing(50), "responses": FUNCTIONAL_NATIVE},
                   "beta": {"pricing": pricing(500), "responses": FUNCTIONAL_NATIVE}})
    ev = evaluate(root, method=method)
    assert ev.winner == "alpha"
    for s in ev.sensitivity:
        assert s.increase is None and s.decrease is None, s


# --- 9. changes after scoring --------------------------------------------------------------

SCORED = {"scores": [
    {"evaluator": "ayse", "vendor": "alpha", "target": "OPS-SFA-001", "score": 4},
    {"evaluator": "can", "vendor": "beta", "target": "OPS-SFA-001", "score": 3}]}


def scored_project(tmp_path: Path, name: str, project: dict | None = None,
                   fingerprint: str | None = "current") -> Path:
    """A scored project whose scores carry the fingerprint of the base project
    (``current``), a given one, or none; ``project`` then changes settings."""
    base = make_project(tmp_path / f"{name}-base", scores=SCORED)
    stored = load_project(base) if fingerprint == "current" else None
    from crmselect.scoring import weights_fingerprint

    scores = dict(SCORED)
    if stored is not None:
        scores["weights_fingerprint"] = weights_fingerprint(stored)
    elif fingerprint is not None:
        scores["weights_fingerprint"] = fingerprint
    return make_project(tmp_path / name, project=project, scores=scores)


CHANGES = [
    ({"tco": {"horizon_years": 5, "target_budget": 90000, "ceiling": 200000}},
     "cost_settings_changed"),
    ({"tco": {"horizon_years": 5, "target_budget": 100000, "ceiling": 250000}},
     "cost_settings_changed"),
    ({"tco": {"horizon_years": 4, "target_budget": 100000, "ceiling": 200000}},
     "cost_settings_changed"),
    ({"exchange_rates": {"USD": 0.9}}, "cost_settings_changed"),
    ({"scoring": {"monte_carlo_samples": 0, "unverified_discount": 0,
                  "knockout_threshold": 3}}, "scoring_settings_changed"),
    ({"scoring": {"monte_carlo_samples": 0, "unverified_discount": 0.2}},
     "scoring_settings_changed"),
    ({"scoring": {"monte_carlo_samples": 0, "unverified_discount": 0, "method": "topsis"}},
     "scoring_settings_changed"),
    ({"weights": {"criteria": {"functional": 60, "integration": 10, "non_functional": 0,
                               "test_drive": 0, "cost": 30, "references": 0}}},
     "weights_changed"),
]


@pytest.mark.parametrize(("change", "code"), CHANGES)
def test_a_change_after_scoring_is_warned(tmp_path, change, code):
    ev = evaluate(scored_project(tmp_path, "changed", change))
    changed = [c for c in ev.warning_codes() if "changed" in c]
    assert changed == [code]
    warning = next(w for w in ev.warnings if w.code == code)
    english = text(warning.message(), "en")
    assert english and text(warning.message(), "tr") != english


def test_no_change_no_warning(tmp_path):
    ev = evaluate(scored_project(tmp_path, "same"))
    assert not [c for c in ev.warning_codes() if "changed" in c or "fingerprint" in c]
    # monte carlo samples and the seed do not change the result's meaning: not fingerprinted
    ev = evaluate(scored_project(tmp_path, "mc", {"scoring": {
        "monte_carlo_samples": 10, "seed": 3, "unverified_discount": 0}}))
    assert not [c for c in ev.warning_codes() if "changed" in c]


def test_scores_without_a_fingerprint_give_a_warning(tmp_path):
    root = scored_project(tmp_path, "none", fingerprint=None)
    ev = evaluate(root)
    warning = next(w for w in ev.warnings if w.code == "fingerprint_missing")
    from crmselect.scoring import weights_fingerprint

    assert warning.params == {"fingerprint": weights_fingerprint(load_project(root))}
    assert "weights_fingerprint: " + warning.params["fingerprint"] in text(warning.message(), "en")
    assert "özet değerini (hash) taşımıyor" in text(warning.message(), "tr")
    # without any score there is nothing to protect: no warning
    bare = make_project(tmp_path / "bare")
    assert "fingerprint_missing" not in evaluate(bare).warning_codes()


def test_an_old_weights_only_fingerprint_still_checks_the_weights(tmp_path):
    from crmselect.scoring import weights_fingerprint

    base = make_project(tmp_path / "base")
    old = weights_fingerprint(load_project(base)).split(".")[0]  # what earlier versions stored
    same = make_project(tmp_path / "same", scores={**SCORED, "weights_fingerprint": old})
    codes = evaluate(same).warning_codes()
    assert "fingerprint_old" in codes and "weights_changed" not in codes
    changed = make_project(tmp_path / "changed", project={"weights": {"criteria": {
        "functional": 60, "integration": 10, "non_functional": 0, "test_drive": 0,
        "cost": 30, "references": 0}}}, scores={**SCORED, "weights_fingerprint": old})
    codes = evaluate(changed).warning_codes()
    assert "fingerprint_old" in codes and "weights_changed" in codes


# --- 6. declared vs judged effort ----------------------------------------------------------


def test_declared_native_scored_low_flags_understated_effort(tmp_path):
    from crmselect.documents.report import render_report

    root = make_project(tmp_path, responses={
        "alpha": {"pricing": pricing(50), "responses": {
            "OPS-SFA-001": {"compliance": "native"},
            "OPS-SFA-002": {"compliance": "configurable", "comment": "Workflow editor"},
            "INT-FIN-001": {"compliance": "custom", "custom_effort_days": 5}}},
        "beta": {"pricing": pricing(60), "responses": dict(ALL_NATIVE)}},
        scores={"scores": [
            {"evaluator": "ayse", "vendor": "alpha", "target": "OPS-SFA-001", "score": 3},
            {"evaluator": "ayse", "vendor": "alpha", "target": "OPS-SFA-002", "score": 2},
            {"evaluator": "can", "vendor": "alpha", "target": "OPS-SFA-002", "score": 1,
             "note": "not shown"},
            {"evaluator": "ayse", "vendor": "alpha", "target": "INT-FIN-001", "score": 1,
             "note": "not shown"},
            {"evaluator": "can", "vendor": "beta", "target": "OPS-SFA-001", "score": 2}]})
    ev = evaluate(root)
    flagged = [(r.vendor, r.requirement, r.compliance, r.score)
               for r in ev.risks if r.kind == "understated"]
    # 3 is not ≤ 2; a custom answer already prices its work
    assert flagged == [("alpha", "OPS-SFA-002", "configurable", 1.5),
                       ("beta", "OPS-SFA-001", "native", 2.0)]
    code, out = run("score", root, "--risks")
    assert ("Alpha CRM › OPS-SFA-002: declared configurable, but the evaluators scored it 1.5 — "
            "custom work and its cost are likely understated") in out
    code, out = run("score", root, "--risks", "--lang", "tr")
    assert "özel geliştirme ihtiyacı ve maliyeti büyük olasılıkla eksik gösterilmiş" in out
    # the vendor's name and the level as the Turkish documents write it, not its code
    assert "Alpha CRM › OPS-SFA-002: Yapılandırılabilir olarak beyan edilmiş" in out
    html = render_report(root, lang="en").html.read_text(encoding="utf-8")
    assert "Effort likely understated" in html
    assert "declared Configurable, but the evaluators scored it 1.5" in html


# --- 4. exchange rates over the horizon ----------------------------------------------------


def fx_project(tmp_path: Path, rates: Any, horizon: int = 5, discount: float | None = None,
               name: str = "p") -> Path:
    """Alpha bids 100 USD per user per month (10 users: 12,000 USD a year) in USD, beta
    18,000 EUR a year in EUR; the project counts in EUR."""
    tco: dict[str, Any] = {"horizon_years": horizon, "target_budget": 50000, "ceiling": 150000}
    if discount is not None:
        tco["discount_rate_pct"] = discount
    return make_project(tmp_path / name, project={"exchange_rates": {"USD": rates}, "tco": tco},
                        responses={
        "alpha": {"pricing": pricing(100, "USD"), "responses": dict(ALL_NATIVE)},
        "beta": {"pricing": pricing(150), "responses": {
            "OPS-SFA-001": {"compliance": "native"}, "OPS-SFA-002": {"compliance": "native"},
            "INT-FIN-001": {"compliance": "configurable"}}}})


def test_one_rate_per_year_converts_each_year_at_its_rate(tmp_path):
    rates = [0.9, 1.0, 1.1, 1.2, 1.3]
    ev = evaluate(fx_project(tmp_path, rates))
    alpha = ev.tco["alpha"]
    assert [y.total for y in alpha.years] == pytest.approx([12000 * r for r in rates])
    assert alpha.total == pytest.approx(12000 * sum(rates))
    assert alpha.rates == rates and alpha.rate == 0.9
    assert [y.rate for y in alpha.years] == rates
    constant = evaluate(fx_project(tmp_path, 0.9, name="constant")).tco["alpha"]
    assert constant.total == pytest.approx(12000 * 0.9 * 5)  # one rate: as before


def test_report_shows_the_rates_used(tmp_path):
    from crmselect.documents.report import render_report

    root = fx_project(tmp_path, [0.9, 1.0, 1.1, 1.2, 1.3])
    html = render_report(root, lang="en").html.read_text(encoding="utf-8")
    assert "Exchange rates used for USD (EUR per USD), year 1 to 5: 0.90 / 1.00 / 1.10 / " \
        "1.20 / 1.30." in html
    tr = render_report(root, lang="tr", out_dir=tmp_path / "tr").html.read_text("utf-8")
    assert "USD için kullanılan kurlar (1 USD = … EUR), 1. yıldan 5. yıla: 0,90 / 1,00 / " \
        "1,10 / 1,20 / 1,30." in tr


@pytest.mark.parametrize("rates", [[0.9, 1.0], [0.9] * 6])
def test_a_rate_list_must_match_the_horizon(tmp_path, rates):
    root = fx_project(tmp_path, rates)
    with pytest.raises(CrmselectError) as err:
        load_project(root)
    lines = [i.format(english) for i in err.value.issues]
    assert len(lines) == 1
    assert lines[0].endswith(f"exchange_rates.USD: USD has {len(rates)} rates: give one rate, "
                             "or one per year of the 5-year TCO horizon (year 1 first)")
    code, out = run("score", root)
    assert code == 1 and "Traceback" not in out and "exchange_rates.USD" in out


def test_sensitivity_reports_the_rate_change_that_changes_the_winner(tmp_path):
    """Alpha (USD) wins on cost at 0.9 EUR per USD; if the dollar rises fast enough against
    the euro, beta (EUR) becomes cheaper and wins; a falling dollar never hurts alpha."""
    root = fx_project(tmp_path, 0.9)
    ev = evaluate(root)
    assert ev.winner == "alpha"
    (usd,) = ev.fx_sensitivity
    assert usd.currency == "USD" and usd.fall is None and usd.rise is not None
    assert usd.rise.overtaken_by == "beta"
    g = usd.rise.change_pct_per_year / 100
    assert 0 < g < 0.5
    # at that change the totals cross: beta strictly ahead just above it, alpha just below
    for shift, leader in ((g + 1e-6, "beta"), (g - 1e-6, "alpha")):
        shifted = [0.9 * (1 + shift) ** k for k in range(5)]
        assert evaluate(fx_project(tmp_path, shifted, name=f"s{shift}")).winner == leader
    code, out = run("sensitivity", root)
    assert "Exchange rates: the yearly change against EUR" in out
    assert f"+{usd.rise.change_pct_per_year:.1f}% a year (Beta CRM)" in out
    assert "no change within 50%" in out
    code, out = run("sensitivity", root, "--format", "json")
    data = json.loads(out)["fx_sensitivity"]
    assert data[0]["currency"] == "USD" and data[0]["rise"]["overtaken_by"] == "beta"
    code, out = run("sensitivity", root, "--lang", "tr")
    assert "Döviz kurları" in out and "%50 içinde değişmez" in out


# --- 5. optional present value -------------------------------------------------------------


def test_discount_rate_gives_present_values_and_the_report_says_so(tmp_path):
    from crmselect.documents.report import render_report

    root = fx_project(tmp_path, 1.0, discount=10)
    alpha = evaluate(root).tco["alpha"]
    factors = [1 / 1.1 ** k for k in range(5)]
    assert [y.discount_factor for y in alpha.years] == pytest.approx(factors)
    assert alpha.total == pytest.approx(12000 * sum(factors))
    assert alpha.discount_rate_pct == 10
    undiscounted = evaluate(fx_project(tmp_path, 1.0, name="plain")).tco["alpha"]
    assert undiscounted.total == pytest.approx(60000) and undiscounted.discount_rate_pct is None
    html = render_report(root, lang="en").html.read_text(encoding="utf-8")
    assert "Costs are present values: each year&#39;s costs are discounted at 10.0% a year" in html
    tr = render_report(root, lang="tr", out_dir=tmp_path / "tr").html.read_text("utf-8")
    assert "Maliyetler bugünkü değerdir" in tr
    plain = render_report(fx_project(tmp_path, 1.0, name="plain2"), lang="en").html
    assert "Costs are present values" not in plain.read_text(encoding="utf-8")


def test_a_bad_rate_in_the_list_is_one_error_at_its_place(tmp_path):
    root = fx_project(tmp_path, [0.9, -1, 1.1, 1.2, 1.3])
    with pytest.raises(CrmselectError) as err:
        load_project(root)
    (issue,) = err.value.issues
    assert (issue.where, english(issue.message)) == ("exchange_rates.USD[1]", "-1 must be > 0")


def test_score_before_any_response_points_to_vendors_compare(tmp_path):
    root = make_project(tmp_path, responses={"alpha": None, "beta": None})
    code, out = run("score", root)
    assert code == 1
    assert "no vendor has answered yet" in out and "crmselect vendors compare" in out


def test_validate_summary_says_no_response_received(tmp_path):
    from crmselect.summary import project_summary

    root = make_project(tmp_path, responses={
        "alpha": {"pricing": pricing(50), "responses": {"OPS-SFA-001": {"compliance": "native"}}},
        "beta": None})
    rows = {v["id"]: v for v in render_messages(project_summary(load_project(root), "en"),
                                                "en")["vendors"]}
    assert rows["alpha"]["responses"] == "1/3 (response file)"
    assert rows["beta"]["responses"] == "0/3 (no response received)"
    assert rows["beta"]["pricing"] == "no price"
    summary = project_summary(load_project(root), "tr")
    tr = {v["id"]: v for v in render_messages(summary, "tr")["vendors"]}
    assert tr["beta"]["responses"] == "0/3 (yanıt gelmedi)"
    # The labels are catalog codes (source.py + crmselect.po), not a dict in the core; the edge
    # writes them in the language it was given.
    facts = {key.code: (key, value) for key, value in summary["facts"]}
    assert text(facts["summary_currency"][0], "tr") == "para birimi"
    assert text(facts["summary_horizon"][1], "tr").endswith(" yıl")
    assert text(summary["headers"]["groups"], "tr").split("|") == [
        "alan", "grup", "gereksinim", "zorunlu"]
    assert tr["beta"]["pricing"] == "fiyat yok"
    assert str(summary["headers"]["groups"]) == "summary_group_headers"  # no text in the core
