"""The weight tree: top-level criteria → areas → groups → requirements (and test-drive steps).

Each level's raw weights come from ``project.yaml`` (direct weights, or an AHP matrix that
replaces them) and are normalised among siblings; a leaf's final weight is the product of the
shares along its path. Defaults: a requirement weighs its priority's weight (must 3, should 2,
could 1, wont 0); a group that is not weighted weighs the sum of its requirements' raw weights;
functional areas that are not weighted share the functional criterion equally (those with any
requirement that weighs), with a warning that shows the shares.

Why equal areas but summed groups: with equal groups a group holding one *could* requirement
would weigh as much as one holding ten *musts*; summing keeps the buyer's priorities decisive
inside an area. Across areas, summing made the weight follow how finely the catalog splits an
area: e-CRM, with few requirements, got 2 % of the total although it held a *must*. How much
an area matters is the buyer's call, so it is equal until ``weights.areas`` says otherwise.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from crmselect.errors import CrmselectError, Issue, did_you_mean
from crmselect.errors import msg as t
from crmselect.model import FUNCTIONAL_AREAS, TOP_CRITERIA, AhpMatrix
from crmselect.prebuilt import serializer
from crmselect.project import PROJECT_FILE, LoadedProject
from crmselect.scoring.ahp import CR_LIMIT, ahp
from crmselect.scoring.results import ScoringWarning, WeightNode

#: Top-level criterion of each area.
CRITERION_OF_AREA: dict[str, str] = {
    **{a: "functional" for a in FUNCTIONAL_AREAS},
    "integration": "integration",
    "non_functional": "non_functional",
}
REQUIREMENT_CRITERIA = ("functional", "integration", "non_functional")


#: The parts of the scoring fingerprint, in order, and the warning each one's change gives.
FINGERPRINT_PARTS = ("weights", "cost", "rules")
CHANGED_CODES = {"weights": "weights_changed", "cost": "cost_settings_changed",
                 "rules": "scoring_settings_changed"}


def _digest(data: object, length: int) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:length]


def weights_fingerprint(loaded: LoadedProject) -> str:
    """A short, stable fingerprint of everything that decides the result but the scores.

    Stored when scoring begins; a different fingerprint at evaluation time means something
    was changed after scores were entered (a decision-hygiene warning). Three parts joined by
    dots, so that the warning can say *what* changed:

    * weights — the weight tree and the requirements' priorities (16 hex digits; the whole
      fingerprint of earlier versions, which therefore still compares);
    * cost — project currency, exchange rates, TCO horizon, target budget, ceiling, price
      formula and discount rate (8);
    * rules — knock-out threshold, unverified discount, method, aggregation and the
      compliance scores (8).

    Settings left at their default do not enter the digest, so a new optional setting does
    not change the fingerprint of a project that does not use it.
    """
    project = loaded.project
    # through the project's serializer (``project.model_dump``, from the cache of prebuilt
    # serializers: the project's class itself is not built when its file is validated with the
    # prebuilt validator); ``project.weights.model_dump`` would build the serializers of Weights
    # and Tco of their own (2–4 ms) for the same output
    dump = serializer(type(project)).to_python
    weights = {
        "weights": dump(project, mode="json", include={"weights"})["weights"],
        "priorities": {rid: r.priority for rid, r in loaded.requirements.items()},
    }
    cost = {"currency": project.currency, "exchange_rates": project.exchange_rates,
            "tco": dump(project, mode="json", include={"tco"},
                        exclude_defaults=True).get("tco", {})}
    scoring = project.scoring
    rules = {"knockout_threshold": scoring.knockout_threshold,
             "unverified_discount": scoring.unverified_discount, "method": scoring.method,
             "aggregation": scoring.aggregation,
             "compliance_scores": scoring.compliance_scores}
    return ".".join((_digest(weights, 16), _digest(cost, 8), _digest(rules, 8)))


def fingerprint_changes(stored: str | None, current: str, any_scores: bool,
                        csv: bool = False, db: bool = False) -> list[ScoringWarning]:
    """Warnings comparing the fingerprint stored with the scores to the current one.

    No stored fingerprint while there are scores: a warning (the check cannot be made), not
    silence. A fingerprint of an earlier version (the weights part only): the weights are
    still checked, with a warning that the budget and settings could not be. ``csv``: the
    scores are the project's ``scores.csv``, so the advice (``*_csv`` codes) says where a CSV
    keeps the fingerprint (a row of kind ``weights_fingerprint``), not a YAML key. ``db``: the
    scores are the evaluation database's, whose missing fingerprint a pull and a push put in.
    """
    suffix = "_csv" if csv else ""
    if not stored:
        missing = "fingerprint_missing" + ("_db" if db else suffix)
        return [ScoringWarning(missing, {"fingerprint": current})] if any_scores else []
    now = dict(zip(FINGERPRINT_PARTS, current.split("."), strict=True))
    parts = stored.split(".")
    if len(parts) == 1:
        out = [] if parts[0] == now["weights"] else [ScoringWarning("weights_changed", {})]
        return [*out, ScoringWarning("fingerprint_old" + suffix, {"fingerprint": current})]
    then = dict(zip(FINGERPRINT_PARTS, parts, strict=False))
    return [ScoringWarning(CHANGED_CODES[part], {}) for part in FINGERPRINT_PARTS
            if then.get(part) != now[part]]


@dataclass
class WeightTree:
    """Normalised weights, as arrays aligned with the requirement and step orders.

    ``req_in_group`` is a requirement's share of its group, ``group_in_area`` its group's
    share of the area, ``area_in_criterion`` its area's share of the criterion; the product
    of the three is ``req_in_criterion`` and times the criterion weight ``req_weight``.
    """

    criteria: dict[str, float]
    root: WeightNode
    requirement_ids: list[str]
    req_in_group: np.ndarray
    group_in_area: np.ndarray
    area_in_criterion: np.ndarray
    req_in_criterion: np.ndarray
    req_weight: np.ndarray
    req_criterion: np.ndarray  # index into TOP_CRITERIA
    steps: list[str]
    step_in_scenario: np.ndarray
    scenario_in_criterion: np.ndarray
    step_in_criterion: np.ndarray
    step_weight: np.ndarray
    raw_requirement: np.ndarray
    warnings: list[ScoringWarning] = field(default_factory=list)


def chosen_criteria(lp: LoadedProject) -> dict[str, float]:
    """The top-level criteria's weights as the project chose them, before any is left out for
    want of data: from the AHP matrix of ``weights.ahp.criteria`` when there is one (as the
    scoring takes them), else ``weights.criteria``.

    Why: the RFP published ``weights.criteria`` (35 %, 15 %, …) while the scores were weighted
    by the AHP matrix beside it (32.3 %, 17.4 %, …).
    """
    found = _ahp_level(lp, "criteria", TOP_CRITERIA, [])
    return found if found is not None else dict(lp.project.weights.criteria)


def _ahp_level(lp: LoadedProject, level: str, known: Iterable[str],
               warnings: list[ScoringWarning]) -> dict[str, float] | None:
    """Weights of one level from its AHP matrix, or None when the level has none."""
    matrix: AhpMatrix | None = lp.project.weights.ahp.get(level)  # type: ignore[call-overload]
    if matrix is None:
        return None
    known = list(known)
    issues = [
        Issue(file=str(lp.root / PROJECT_FILE), where=f"weights.ahp.{level}.items.{i}",
              message=t("core_ahp_unknown_item", item=item, level=level),
              hint=did_you_mean(item, known))
        for i, item in enumerate(matrix.items) if item not in known
    ]
    if issues:
        raise CrmselectError(issues, what="nothing_scored")
    try:
        result = ahp(matrix.matrix, method=matrix.method, items=matrix.items)
    except CrmselectError as exc:
        raise CrmselectError([Issue(file=str(lp.root / PROJECT_FILE),
                                    where=f"weights.ahp.{level}.matrix", message=i.message)
                              for i in exc.issues], what="nothing_scored") from None
    if not result.consistent:
        pair = result.most_inconsistent_pair
        warnings.append(ScoringWarning("ahp_inconsistent", {
            "level": level, "cr": float(result.cr), "limit": CR_LIMIT,
            "a": matrix.items[pair.i] if pair else "", "b": matrix.items[pair.j] if pair else "",
            "value": round(pair.value, 3) if pair else 0,
            "suggested": round(pair.suggested, 2) if pair else 0,
        }))
    return {item: float(w) for item, w in zip(matrix.items, result.weights, strict=True)}


def _level_raw(ids: list[str], explicit: dict[str, float] | None, default: dict[str, float],
               level: str, parent: str, warnings: list[ScoringWarning]) -> dict[str, float]:
    """Raw weights of siblings: the listed ones, 0 for the unlisted (with a warning), or the
    default when none of them is listed."""
    listed = {i: explicit[i] for i in ids if explicit and i in explicit}
    if not listed:
        return {i: default[i] for i in ids}
    missing = [i for i in ids if i not in listed and default[i] > 0]
    if missing:
        warnings.append(ScoringWarning("unweighted_siblings", {
            "level": level, "parent": parent, "names": ", ".join(missing)}))
    return {i: listed.get(i, 0.0) for i in ids}


def _shares(raw: dict[str, float], alive: dict[str, bool]) -> dict[str, float]:
    eff = {k: (v if alive[k] else 0.0) for k, v in raw.items()}
    total = sum(eff.values())
    return {k: (v / total if total > 0 else 0.0) for k, v in eff.items()}


def build_weight_tree(
    lp: LoadedProject, active: set[str], scored_steps: dict[str, list[int]]
) -> WeightTree:
    """Normalise every level of the project's weights.

    ``active`` are the top-level criteria with data (the others weigh 0 and the rest are
    renormalised); ``scored_steps`` maps each scenario to the step numbers that were scored.
    Raises :class:`CrmselectError` when nothing is left with a positive weight.
    """
    weights = lp.project.weights
    warnings: list[ScoringWarning] = []
    reqs = list(lp.requirements.values())
    ids = [r.id for r in reqs]
    raw_req = np.array([weights.requirements.get(r.id, weights.priority.get(r.priority, 0.0))
                        for r in reqs], dtype=float)

    # requirements → groups
    area_groups: dict[str, list[str]] = {}
    group_members: dict[tuple[str, str], list[int]] = {}
    for k, r in enumerate(reqs):
        groups = area_groups.setdefault(r.area, [])
        if r.group not in groups:
            groups.append(r.group)
        group_members.setdefault((r.area, r.group), []).append(k)
    group_sum = {key: float(raw_req[idx].sum()) for key, idx in group_members.items()}
    req_in_group = np.zeros(len(reqs))
    for key, idx in group_members.items():
        if group_sum[key] > 0:
            req_in_group[idx] = raw_req[idx] / group_sum[key]

    # groups → areas
    all_groups = [g for gs in area_groups.values() for g in gs]
    ahp_groups = _ahp_level(lp, "groups", all_groups, warnings)
    explicit_groups = ahp_groups if ahp_groups is not None else dict(weights.groups)
    group_in_area = np.zeros(len(reqs))
    group_share: dict[tuple[str, str], float] = {}
    group_raw: dict[tuple[str, str], float] = {}
    area_sum: dict[str, float] = {}
    for area, groups in area_groups.items():
        raw = _level_raw(groups, explicit_groups, {g: group_sum[(area, g)] for g in groups},
                         # the AHP matrix, not weights.groups, left them out
                         "groups" if ahp_groups is None else "ahp.groups", area, warnings)
        alive = {g: group_sum[(area, g)] > 0 for g in groups}
        for g in groups:
            if raw[g] > 0 and not alive[g]:
                warnings.append(ScoringWarning("empty_branch", {"name": g}))
        shares = _shares(raw, alive)
        for g in groups:
            group_share[(area, g)] = shares[g]
            group_raw[(area, g)] = raw[g]
            group_in_area[group_members[(area, g)]] = shares[g]
        area_sum[area] = sum(group_sum[(area, g)] for g in groups) if any(
            shares.values()) else 0.0

    # areas → criteria
    functional = [a for a in FUNCTIONAL_AREAS if a in area_groups]
    ahp_areas = _ahp_level(lp, "areas", FUNCTIONAL_AREAS, warnings)
    explicit_areas = ahp_areas if ahp_areas is not None else {
        a: w for a, w in weights.areas.items() if a in FUNCTIONAL_AREAS}
    equal = {a: 1.0 if area_sum[a] > 0 else 0.0 for a in functional}
    area_raw = _level_raw(functional, explicit_areas, equal,
                          "areas" if ahp_areas is None else "ahp.areas", "functional", warnings)
    area_alive = {a: area_sum[a] > 0 for a in area_groups}
    for a in functional:
        if area_raw[a] > 0 and not area_alive[a]:
            warnings.append(ScoringWarning("empty_branch", {"name": a}))
    area_share = _shares(area_raw, {a: area_alive[a] for a in functional})
    for a in ("integration", "non_functional"):
        if a in area_groups:
            area_raw[a] = area_sum[a]
            area_share[a] = 1.0 if area_alive[a] else 0.0
    area_in_criterion = np.array([area_share[r.area] for r in reqs], dtype=float)
    req_in_criterion = area_in_criterion * group_in_area * req_in_group

    # test-drive steps
    scenarios = [s for s in lp.scenarios if scored_steps.get(s)]
    steps = [f"{s}.{n}" for s in scenarios for n in scored_steps[s]]
    step_in_scenario = np.array([1 / len(scored_steps[s]) for s in scenarios
                                 for _ in scored_steps[s]], dtype=float)
    scenario_in_criterion = np.full(len(steps), 1 / len(scenarios) if scenarios else 0.0)

    # criteria
    alive_criteria = {
        "functional": any(area_share.get(a, 0) > 0 for a in functional),
        "integration": area_share.get("integration", 0) > 0,
        "non_functional": area_share.get("non_functional", 0) > 0,
        "test_drive": bool(steps), "cost": True, "references": True,
    }
    ahp_criteria = _ahp_level(lp, "criteria", TOP_CRITERIA, warnings)
    explicit = ahp_criteria if ahp_criteria is not None else dict(weights.criteria)
    crit_raw = _level_raw(list(TOP_CRITERIA), explicit, {c: 1.0 for c in TOP_CRITERIA},
                          "criteria" if ahp_criteria is None else "ahp.criteria", "", warnings)
    alive = {c: alive_criteria[c] and c in active for c in TOP_CRITERIA}
    criteria = _shares(crit_raw, alive)
    if not any(criteria.values()):
        raise CrmselectError(Issue(
            file=str(lp.root / PROJECT_FILE), where="weights.criteria",
            message=t("core_all_weights_zero"), hint=t("core_weigh_a_scored_criterion")),
            what="nothing_scored")

    defaulted = [a for a in functional if equal[a] > 0]
    if not any(a in explicit_areas for a in functional) and len(defaulted) > 1 \
            and criteria["functional"] > 0:
        share = area_share[defaulted[0]]
        warnings.append(ScoringWarning("areas_defaulted", {
            "areas": ", ".join(defaulted), "area_share": share,
            "area_total": share * criteria["functional"]}))

    crit_index = np.array([TOP_CRITERIA.index(CRITERION_OF_AREA[r.area]) for r in reqs],
                          dtype=np.int64)
    crit_w = np.array([criteria[c] for c in TOP_CRITERIA])
    req_weight = crit_w[crit_index] * req_in_criterion if reqs else np.zeros(0)
    step_in_criterion = scenario_in_criterion * step_in_scenario
    step_weight = criteria["test_drive"] * step_in_criterion

    tree = WeightTree(
        criteria=criteria, root=WeightNode("root", "root", 1.0, 1.0, 1.0), requirement_ids=ids,
        req_in_group=req_in_group, group_in_area=group_in_area,
        area_in_criterion=area_in_criterion, req_in_criterion=req_in_criterion,
        req_weight=req_weight, req_criterion=crit_index, steps=steps,
        step_in_scenario=step_in_scenario, scenario_in_criterion=scenario_in_criterion,
        step_in_criterion=step_in_criterion, step_weight=step_weight,
        raw_requirement=raw_req, warnings=warnings,
    )
    tree.root = _tree_nodes(lp, tree, crit_raw, area_raw, group_raw, scenarios, scored_steps)
    return tree


def area_weights_note(lp: LoadedProject) -> ScoringWarning | None:
    """The "area weights are defaulted" warning as scoring will give it once every criterion
    is scored (every scenario step too), or None when ``weights.areas`` is set, fewer than two
    functional areas hold requirements, or the weights cannot be built (scoring says why)."""
    steps = {sid: list(range(1, len(s.steps) + 1)) for sid, s in lp.scenarios.items()}
    try:
        tree = build_weight_tree(lp, set(TOP_CRITERIA), steps)
    except CrmselectError:
        return None
    return next((w for w in tree.warnings if w.code == "areas_defaulted"), None)


def _tree_nodes(lp: LoadedProject, tree: WeightTree, crit_raw: dict[str, float],
                area_raw: dict[str, float], group_raw: dict[tuple[str, str], float],
                scenarios: list[str], scored_steps: dict[str, list[int]]) -> WeightNode:
    """The weight tree as nested :class:`WeightNode` for display."""
    reqs = list(lp.requirements.values())
    by_area: dict[str, dict[str, list[int]]] = {}
    for k, r in enumerate(reqs):
        by_area.setdefault(r.area, {}).setdefault(r.group, []).append(k)
    children = []
    step_k = 0
    for c in TOP_CRITERIA:
        w_c = tree.criteria[c]
        sub: list[WeightNode] = []
        if c in REQUIREMENT_CRITERIA:
            for area, groups in by_area.items():
                if CRITERION_OF_AREA[area] != c:
                    continue
                first = next(iter(groups.values()))[0]
                a_local = float(tree.area_in_criterion[first])
                gnodes = []
                for g, idx in groups.items():
                    g_local = float(tree.group_in_area[idx[0]])
                    rnodes = [WeightNode(reqs[k].id, "requirement", float(tree.raw_requirement[k]),
                                         float(tree.req_in_group[k]), float(tree.req_weight[k]))
                              for k in idx]
                    gnodes.append(WeightNode(g, "group", group_raw[(area, g)], g_local,
                                             w_c * a_local * g_local, rnodes))
                sub.append(WeightNode(area, "area", area_raw[area], a_local, w_c * a_local,
                                      gnodes))
        elif c == "test_drive":
            for s in scenarios:
                snodes = []
                s_local = 1 / len(scenarios)
                for n in scored_steps[s]:
                    snodes.append(WeightNode(f"{s}.{n}", "step", 1.0,
                                             float(tree.step_in_scenario[step_k]),
                                             float(tree.step_weight[step_k])))
                    step_k += 1
                sub.append(WeightNode(s, "scenario", 1.0, s_local, w_c * s_local, snodes))
        children.append(WeightNode(c, "criterion", crit_raw[c], w_c, w_c, sub))
    return WeightNode("root", "root", 1.0, 1.0, 1.0, children)
