"""The weight tree: defaults from priorities, normalisation, fingerprint; property tests."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from crmselect.errors import CrmselectError
from crmselect.i18n import text
from crmselect.model import TOP_CRITERIA, Weights
from crmselect.project import LoadedProject, load_project
from crmselect.scoring import evaluate_project, weights_fingerprint
from crmselect.scoring.weights import build_weight_tree

DATA = Path(__file__).parent / "data" / "scoring"


@pytest.fixture(scope="module")
def basic() -> LoadedProject:
    return load_project(DATA / "basic")


def with_weights(loaded: LoadedProject, **weights) -> LoadedProject:
    project = loaded.project.model_copy(update={"weights": Weights(**weights)})
    return dataclasses.replace(loaded, project=project)


ALL = set(TOP_CRITERIA)


def test_requirement_weights_follow_priorities(basic):
    tree = build_weight_tree(basic, ALL, {"SCN-SALES": [1, 2]})
    raw = dict(zip(tree.requirement_ids, tree.raw_requirement, strict=True))
    assert raw == {"OPS-SFA-001": 3, "OPS-SFA-002": 2, "OPS-SRV-001": 2, "OPS-MKT-001": 1,
                   "INT-FIN-001": 3, "INT-API-001": 2, "NFR-SEC-001": 3, "NFR-PRV-001": 0}
    # Within functional (one area, three groups), unweighted groups weigh the sum of their
    # requirements: sales 5, service 2, marketing 1 of 8.
    inner = dict(zip(tree.requirement_ids, tree.req_in_criterion, strict=True))
    assert math.isclose(inner["OPS-SFA-001"], 3 / 8)
    assert math.isclose(inner["OPS-SRV-001"], 2 / 8)
    assert math.isclose(inner["OPS-MKT-001"], 1 / 8)
    # non-functional: NFR-PRV-001 is "wont" and weighs nothing
    assert inner["NFR-SEC-001"] == 1.0 and inner["NFR-PRV-001"] == 0.0
    assert math.isclose(tree.criteria["functional"], 0.35)


def test_group_weights_replace_the_default(basic):
    loaded = with_weights(basic, groups={"sales_automation": 1, "service_automation": 1,
                                         "marketing_automation": 2})
    tree = build_weight_tree(loaded, ALL, {})
    inner = dict(zip(tree.requirement_ids, tree.req_in_criterion, strict=True))
    assert math.isclose(inner["OPS-MKT-001"], 0.5)
    assert math.isclose(inner["OPS-SFA-001"], 0.25 * 3 / 5)
    assert tree.warnings == []


def test_inactive_criteria_are_renormalised(basic):
    tree = build_weight_tree(basic, {"functional", "cost"}, {})
    assert math.isclose(tree.criteria["functional"], 35 / 55)
    assert math.isclose(tree.criteria["cost"], 20 / 55)
    assert tree.criteria["test_drive"] == 0


def test_test_drive_steps_share_their_scenario(basic):
    tree = build_weight_tree(basic, ALL, {"SCN-SALES": [1, 2]})
    assert tree.steps == ["SCN-SALES.1", "SCN-SALES.2"]
    assert np.allclose(tree.step_weight, [0.075, 0.075])


def test_fingerprint_is_stable_and_follows_the_weights(basic):
    again = load_project(DATA / "basic")
    assert weights_fingerprint(basic) == weights_fingerprint(again)
    assert [len(part) for part in weights_fingerprint(basic).split(".")] == [16, 8, 8]
    changed = with_weights(basic, criteria={**basic.project.weights.criteria, "cost": 25})
    assert weights_fingerprint(changed) != weights_fingerprint(basic)
    requirements = dict(basic.requirements)
    requirements["OPS-MKT-001"] = dataclasses.replace(requirements["OPS-MKT-001"],
                                                      priority="must")
    reprioritised = dataclasses.replace(basic, requirements=requirements)
    assert weights_fingerprint(reprioritised) != weights_fingerprint(basic)


criteria_weights = st.fixed_dictionaries({c: st.floats(0, 100) for c in TOP_CRITERIA})


@settings(max_examples=60, deadline=None)
@given(criteria_weights, st.dictionaries(st.sampled_from(
    ["sales_automation", "service_automation", "marketing_automation", "security"]),
    st.floats(0, 10)))
def test_final_weights_always_sum_to_1(basic, criteria, groups):
    assume(sum(criteria.values()) > 1e-3)
    loaded = with_weights(basic, criteria=criteria, groups=groups)
    active = {c for c in TOP_CRITERIA if criteria[c] > 1e-3} or ALL
    try:
        tree = build_weight_tree(loaded, active, {"SCN-SALES": [1, 2]})
    except CrmselectError as exc:  # the remaining weight may sit where there is nothing
        assert "weighs 0" in "\n".join(exc.lines(lambda m: text(m, "en")))
        return
    total = tree.req_weight.sum() + tree.step_weight.sum() + tree.criteria["cost"] + \
        tree.criteria["references"]
    assert math.isclose(total, 1.0)
    assert math.isclose(sum(tree.criteria.values()), 1.0)
    assert (tree.req_weight >= 0).all()


@settings(max_examples=25, deadline=None)
@given(criteria_weights, st.floats(0.01, 100))
def test_scaling_all_weights_keeps_the_ranking(basic, criteria, factor):
    assume(sum(criteria.values()) > 1e-2)
    one = evaluate_project(with_weights(basic, criteria=criteria), monte_carlo_samples=0)
    scaled = {c: w * factor for c, w in criteria.items()}
    two = evaluate_project(with_weights(basic, criteria=scaled), monte_carlo_samples=0)
    assert [r.vendor for r in one.ranking] == [r.vendor for r in two.ranking]
    assert np.allclose([r.total for r in one.ranking], [r.total for r in two.ranking])


# --- loose ends (issue 17): default area weights -------------------------------------------------


def _three_areas(tmp_path: Path, areas: str = "") -> Path:
    """The basic fixture (operational, with seven requirements) plus one analytical and one
    e-CRM requirement, each a must."""
    import shutil

    target = tmp_path / "areas"
    shutil.copytree(DATA / "basic", target)
    path = target / "project.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "requirements:\n",
        "requirements:\n  - {id: ANA-CUS-001, priority: must}\n"
        "  - {id: ECR-CHN-001, priority: must}\n")
    if areas:
        text = text.replace("scoring:", f"weights:\n  areas: {areas}\nscoring:")
    path.write_text(text, encoding="utf-8")
    return target


def test_unweighted_areas_share_the_functional_weight_equally(tmp_path):
    loaded = load_project(_three_areas(tmp_path))
    tree = build_weight_tree(loaded, ALL, {})
    share = dict(zip(tree.requirement_ids, tree.area_in_criterion, strict=True))
    # by requirement count e-CRM got 3 of 14 raw points of functional; now a third
    # (no test drive is scored here: functional is 35 of 85, a third of it 14 % of the total)
    assert share["ECR-CHN-001"] == share["ANA-CUS-001"] == share["OPS-SFA-001"] == 1 / 3
    [note] = [w for w in tree.warnings if w.code == "areas_defaulted"]
    assert note.params["areas"] == "operational, analytical, e_crm"
    assert text(note.message(), "en") == (
        "project.yaml sets no weights.areas, so the functional areas (operational, analytical, "
        "e_crm) share the functional weight equally: 33% each, 14% of the total. Set "
        "weights.areas to weigh them yourself.")
    assert "her birinin payı %33, toplam içindeki payı %14." in text(note.message(), "tr")


def test_weighted_areas_are_used_without_a_note(tmp_path):
    loaded = load_project(_three_areas(tmp_path, "{operational: 2, analytical: 1, e_crm: 1}"))
    tree = build_weight_tree(loaded, ALL, {})
    share = dict(zip(tree.requirement_ids, tree.area_in_criterion, strict=True))
    assert (share["OPS-SFA-001"], share["ECR-CHN-001"]) == (0.5, 0.25)
    assert "areas_defaulted" not in [w.code for w in tree.warnings]


def test_validate_and_report_say_the_areas_are_defaulted(tmp_path):
    import json

    from click.testing import CliRunner

    from crmselect.cli import main
    from crmselect.reporting.comparison_context import build_comparison_context

    path = _three_areas(tmp_path)
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1].startswith(
        "! project.yaml sets no weights.areas, so the functional areas (operational, "
        "analytical, e_crm) share the functional weight equally: 33% each")
    result = CliRunner().invoke(main, ["validate", str(path), "--format", "json"])
    note = json.loads(result.stdout)["area_weights_defaulted"]
    assert note["code"] == "areas_defaulted" and note["params"]["area_share"] == 1 / 3
    loaded = load_project(path)
    context = build_comparison_context(loaded, evaluate_project(loaded, monte_carlo_samples=0))
    assert "areas_defaulted" in [w["code"] for w in context["warnings"]]
    weighted = _three_areas(tmp_path / "w", "{operational: 1, analytical: 1, e_crm: 1}")
    result = CliRunner().invoke(main, ["validate", str(weighted)])
    assert "weights.areas" not in result.stdout
