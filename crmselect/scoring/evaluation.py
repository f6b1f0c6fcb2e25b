"""Evaluating a project: from the loaded project and its scores to one :class:`Evaluation`.

The steps, each in its own module: aggregate the evaluators' scores (``scores``), build the
weight tree (``weights``), cost the bids (``cost``), apply the knock-out (``knockout``), total
and rank (weighted sum or TOPSIS, ``mcda``), test the winner's robustness (``sensitivity``)
and check the decision's hygiene (``hygiene``). Pure: no files are read or written here, and
the only randomness is the seeded Monte Carlo.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from crmselect.errors import CrmselectError
from crmselect.model import TOP_CRITERIA, ScoresFile
from crmselect.project import LoadedProject, load_project
from crmselect.scoring import scores as sc
from crmselect.scoring.cost import cost_scores, risks, vendor_tco
from crmselect.scoring.hygiene import HygieneFacts, hygiene_warnings
from crmselect.scoring.knockout import knockouts, unmet_musts
from crmselect.scoring.results import (
    AreaResult,
    Coverage,
    CriterionResult,
    Evaluation,
    GroupResult,
    RankingEntry,
    RequirementScore,
    ScenarioResult,
    ScoringWarning,
    StepScore,
    TcoResult,
    UnverifiedClaim,
    VendorResult,
)
from crmselect.scoring.sensitivity import Progress, monte_carlo, totals_for, weight_thresholds
from crmselect.scoring.weights import (
    CRITERION_OF_AREA,
    REQUIREMENT_CRITERIA,
    WeightTree,
    build_weight_tree,
    weights_fingerprint,
)

METHODS = ("wsm", "topsis")


def evaluate(project_dir: Path | str, **options: object) -> Evaluation:
    """Load the project folder (with its ``scores.yaml``) and evaluate it.

    Options are those of :func:`evaluate_project` (method, monte_carlo_samples, seed).
    """
    return evaluate_project(load_project(project_dir), **options)  # type: ignore[arg-type]


def evaluate_project(
    loaded: LoadedProject,
    scores: ScoresFile | None = None,
    method: str | None = None,
    monte_carlo_samples: int | None = None,
    seed: int | None = None,
    progress: Progress | None = None,
) -> Evaluation:
    """Score, rank and explain the vendors of a loaded project.

    ``scores`` replaces the project's ``scores.yaml`` (the web app passes its database's);
    ``method`` (``wsm`` or ``topsis``), ``monte_carlo_samples`` and ``seed`` override the
    project's ``scoring`` settings; ``progress(done, total)`` is called as Monte Carlo samples
    are scored. Raises :class:`CrmselectError` for scores that do not fit the project (unknown
    evaluator, vendor or target; a score outside 0–5), weights that leave nothing to rank on,
    or a project without vendors.
    """
    with _cycle_collector_paused():
        return _evaluate(loaded, loaded.scores if scores is None else scores, method,
                         monte_carlo_samples, seed, progress)


@contextlib.contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while an evaluation runs.

    Why: an evaluation builds ~10⁵ small result objects (none in reference cycles, so
    reference counting frees them all); with hundreds of thousands of score records alive,
    each full pass of the cycle collector over them costs more than the evaluation itself.
    The collector is switched back on only if it was on, so nested or concurrent calls
    leave it as they found it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _evaluate(loaded: LoadedProject, scores: ScoresFile, method: str | None,
              monte_carlo_samples: int | None, seed: int | None,
              progress: Progress | None) -> Evaluation:
    project = loaded.project
    settings = project.scoring
    method = method or settings.method
    if method not in METHODS:
        raise CrmselectError(f"unknown scoring method '{method}'; use wsm or topsis")
    samples = settings.monte_carlo_samples if monte_carlo_samples is None else monte_carlo_samples
    if samples < 0:
        raise CrmselectError(f"the number of Monte Carlo samples must be 0 or more, not {samples}")
    seed = settings.seed if seed is None else seed
    if not loaded.vendors:
        raise CrmselectError("the project lists no vendors: there is nothing to score",
                             what="nothing_scored")
    vendors = list(loaded.vendors)
    warnings: list[ScoringWarning] = []

    agg = sc.aggregate(loaded, scores, settings.aggregation)
    if agg.duplicates:
        warnings.append(ScoringWarning("duplicate_score", {"n": agg.duplicates}))
    shown = sc.demo_marks(loaded, scores)
    rs = sc.requirement_scores(loaded, agg, shown)
    n_r = len(loaded.requirements)
    step_ids = sc.step_targets(loaded)
    step_cols = list(range(n_r, n_r + len(step_ids)))
    step_score, step_source = sc.leaf_scores(agg, step_cols)
    scored_cols = np.flatnonzero((step_source != sc.MISSING).any(axis=0))
    scored_steps: dict[str, list[int]] = {}
    for k in scored_cols:
        sid, _, n = step_ids[k].partition(".")
        scored_steps.setdefault(sid, []).append(int(n))
    ref_score, ref_source = sc.leaf_scores(agg, [n_r + len(step_ids)])

    crit_of_req = np.array([CRITERION_OF_AREA[r.area] for r in loaded.requirements.values()])
    has_data = {c: bool((rs.source[:, crit_of_req == c] != sc.MISSING).any())
                for c in REQUIREMENT_CRITERIA}
    has_data["test_drive"] = bool(scored_cols.size)
    has_data["cost"] = any(v.pricing is not None for v in loaded.vendors.values())
    has_data["references"] = bool((ref_source != sc.MISSING).any())
    active = {c for c, ok in has_data.items() if ok}
    weights = project.weights.criteria
    for c in TOP_CRITERIA:
        if c not in active and weights.get(c, 0) > 0:
            warnings.append(ScoringWarning("criterion_dropped", {"criterion": c}))

    tree = build_weight_tree(loaded, active, scored_steps)
    warnings.extend(tree.warnings)
    weighted = {rid for rid, raw in zip(tree.requirement_ids, tree.raw_requirement, strict=True)
                if raw > 0}

    tcos = {v: vendor_tco(loaded, loaded.vendors[v], weighted, warnings) for v in vendors}
    cost = (cost_scores(loaded, {v: t.total for v, t in tcos.items()}, warnings)
            if "cost" in active else dict.fromkeys(vendors, 0.0))
    tcos = {v: _with_score(t, cost[v]) for v, t in tcos.items()}

    # vendors × criteria scores (0–5), defined even for criteria that weigh 0
    crit_scores = np.zeros((len(vendors), len(TOP_CRITERIA)))
    for k, c in enumerate(TOP_CRITERIA):
        if c in REQUIREMENT_CRITERIA:
            mask = tree.req_criterion == k
            crit_scores[:, k] = rs.final[:, mask] @ tree.req_in_criterion[mask]
    crit_scores[:, TOP_CRITERIA.index("test_drive")] = (
        step_score[:, scored_cols] @ tree.step_in_criterion if scored_cols.size else 0.0)
    crit_scores[:, TOP_CRITERIA.index("cost")] = [cost[v] for v in vendors]
    crit_scores[:, TOP_CRITERIA.index("references")] = ref_score[:, 0]

    warnings.extend(sc.missing_leaf_warnings(agg, [step_cols[k] for k in scored_cols],
                                             "test_drive", step_source[:, scored_cols]))
    warnings.extend(sc.missing_leaf_warnings(agg, [n_r + len(step_ids)], "references",
                                             ref_source))
    for v, vendor in enumerate(vendors):
        n_missing = int(((rs.source[v] == sc.MISSING) & (tree.raw_requirement > 0)).sum())
        if n_missing:
            warnings.append(ScoringWarning("missing_answers", {"vendor": vendor, "n": n_missing}))

    active_list = [c for c in TOP_CRITERIA if c in active]
    active_idx = [TOP_CRITERIA.index(c) for c in active_list]
    w_active = np.array([tree.criteria[c] for c in active_list])
    s_active = crit_scores[:, active_idx]
    cost_col = active_list.index("cost") if "cost" in active_list else None
    priced = [t.total for t in tcos.values() if t.total is not None]
    tco_arr = np.array([t.total if t.total is not None else max(priced, default=0.0)
                        for t in tcos.values()])

    failures = knockouts(loaded, rs)
    knocked = np.array([bool(failures[v]) for v in vendors])
    eligible = ~knocked if (~knocked).any() else np.ones(len(vendors), dtype=bool)
    if knocked.all():
        warnings.append(ScoringWarning("all_knocked_out", {}))
    totals = totals_for(s_active, w_active, method, cost_col, tco_arr)
    order = sorted(range(len(vendors)), key=lambda v: (knocked[v], -round(totals[v], 9), v))
    rank = {v: i + 1 for i, v in enumerate(order)}
    passing = [v for v in order if not knocked[v]]
    winner = passing[0] if passing else None
    runner_up = passing[1] if len(passing) > 1 else None

    sensitivity = weight_thresholds(s_active, w_active, active_list, vendors, eligible, method,
                                    cost_col, tco_arr)
    mc = None
    if samples > 0 and len(vendors) > 1:
        mc = monte_carlo(s_active, w_active, vendors, eligible, samples, seed,
                         settings.monte_carlo_concentration, method, cost_col, tco_arr, progress)

    coverage, claims = _verification(loaded, rs, tree)
    fingerprint = weights_fingerprint(loaded)
    warnings.extend(hygiene_warnings(loaded, HygieneFacts(
        fingerprint=fingerprint, scores_fingerprint=scores.weights_fingerprint,
        scorers=agg.evaluators, any_scores=bool(scores.scores),
        scenarios_scored=bool(scored_cols.size), unmet_musts=unmet_musts(loaded, rs),
        winner=vendors[winner] if winner is not None else None,
        lead=float(totals[winner] - totals[runner_up]) if runner_up is not None else None,
        runner_up=vendors[runner_up] if runner_up is not None else None,
        monte_carlo=mc, unverified_claims=claims,
    )))

    breakdown = _breakdown(loaded, tree, rs, agg, crit_scores, active, step_score, step_source,
                           scored_cols, ref_source)
    vendor_results = {
        vid: VendorResult(
            vendor=vid, name=loaded.vendors[vid].name, rank=rank[v], total=float(totals[v]),
            knocked_out=bool(knocked[v]), failing=failures[vid], criteria=breakdown[v],
            coverage=coverage[vid], tco=tcos[vid],
        )
        for v, vid in enumerate(vendors)
    }
    ranking = [RankingEntry(vendors[v], loaded.vendors[vendors[v]].name, rank[v],
                            float(totals[v]), bool(knocked[v]),
                            [f.requirement for f in failures[vendors[v]]]) for v in order]
    return Evaluation(
        project=project.name, method=method, language=project.language,
        currency=project.currency, horizon_years=project.tco.horizon_years,
        winner=vendors[winner] if winner is not None else None, ranking=ranking,
        vendors=vendor_results, criteria_weights={c: float(tree.criteria[c]) for c in active_list},
        dropped_criteria=[c for c in TOP_CRITERIA if c not in active], weights=tree.root,
        knockouts=[f for v in vendors for f in failures[v]],
        disagreements=sc.disagreements(agg, scores, settings.disagreement_spread),
        coverage=coverage, unverified_claims=claims, tco=tcos, risks=risks(loaded, weighted),
        sensitivity=sensitivity, monte_carlo=mc, warnings=warnings,
        weights_fingerprint=fingerprint,
    )


def _with_score(t: TcoResult, score: float) -> TcoResult:
    from dataclasses import replace

    return replace(t, cost_score=float(score))


def _verification(lp: LoadedProject, rs: sc.RequirementScores,
                  tree: WeightTree) -> tuple[dict[str, Coverage], list[UnverifiedClaim]]:
    """Verified vs declared coverage per vendor, and native claims nobody saw live."""
    live = rs.shown == sc.SHOWN_CODE["live"]
    evaluated = rs.source >= sc.EVALUATED
    declared = rs.source == sc.DECLARED
    w = tree.req_weight
    total_w = float(w.sum())
    ids = list(lp.requirements)
    coverage: dict[str, Coverage] = {}
    claims: list[UnverifiedClaim] = []
    for v, vid in enumerate(lp.vendors):
        verified = evaluated[v] | live[v]
        coverage[vid] = Coverage(
            vendor=vid, requirements=len(ids), evaluated=int(evaluated[v].sum()),
            shown_live=int(live[v].sum()), declared_only=int(declared[v].sum()),
            missing=int((rs.source[v] == sc.MISSING).sum()),
            verified_share=float(w[verified].sum() / total_w) if total_w else 0.0,
            declared_share=float(w[declared[v] & ~live[v]].sum() / total_w) if total_w else 0.0,
        )
        for r, compliance in enumerate(rs.declared[v]):
            if compliance == "native" and not live[v, r]:
                code = int(rs.shown[v, r])
                claims.append(UnverifiedClaim(vid, ids[r], "native",
                                              sc.SHOWN_NAMES[code] if code else None,
                                              bool(evaluated[v, r])))
    return coverage, claims


def _breakdown(lp: LoadedProject, tree: WeightTree, rs: sc.RequirementScores,
               agg: sc.Aggregate, crit_scores: np.ndarray, active: set[str],
               step_score: np.ndarray, step_source: np.ndarray, scored_cols: np.ndarray,
               ref_source: np.ndarray) -> list[list[CriterionResult]]:
    """Per vendor: criterion → area → group → requirement (and scenario → step) results."""
    reqs = list(lp.requirements.values())
    n_r = len(reqs)
    n_v = len(lp.vendors)
    layout: dict[str, dict[str, dict[str, list[int]]]] = {}
    for k, r in enumerate(reqs):
        layout.setdefault(CRITERION_OF_AREA[r.area], {}).setdefault(r.area, {}).setdefault(
            r.group, []).append(k)
    final = rs.final
    contrib = 20 * final * tree.req_weight[None, :]
    count = agg.count[:, :n_r]
    # Every requirement result of every vendor, built once from plain columns (tens of
    # thousands of objects: positional construction from lists is several times faster).
    spread = np.where(count >= 2, agg.spread[:, :n_r].astype(object), None)
    declared_score = np.where(np.isnan(rs.declared_score), None,
                              rs.declared_score.astype(object))
    source = np.array(sc.SOURCE_NAMES, dtype=object)[rs.source]
    shown = np.array((None, *sc.SHOWN_NAMES[1:]), dtype=object)[rs.shown]
    static = [(r.id, r.area, r.group, r.priority) for r in reqs]
    weights = tree.req_weight.tolist()
    req_results = [
        [RequirementScore(*fixed, *row) for fixed, row in zip(static, zip(
            weights, final[v].tolist(), contrib[v].tolist(), source[v].tolist(),
            count[v].tolist(), spread[v].tolist(), rs.declared[v], declared_score[v].tolist(),
            shown[v].tolist(), rs.discounted[v].tolist(), strict=True), strict=True)]
        for v in range(n_v)
    ]

    def req_result(v: int, k: int) -> RequirementScore:
        return req_results[v][k]

    out: list[list[CriterionResult]] = [[] for _ in range(n_v)]
    for c_idx, c in enumerate(TOP_CRITERIA):
        w_c = tree.criteria[c]
        areas: list[list[AreaResult]] = [[] for _ in range(n_v)]
        scenarios: list[list[ScenarioResult]] = [[] for _ in range(n_v)]
        if c in REQUIREMENT_CRITERIA:
            for area, groups in layout.get(c, {}).items():
                a_local = float(tree.area_in_criterion[next(iter(groups.values()))[0]])
                group_rows: list[list[GroupResult]] = [[] for _ in range(n_v)]
                area_score = np.zeros(n_v)
                for g, idx in groups.items():
                    g_local = float(tree.group_in_area[idx[0]])
                    g_score = final[:, idx] @ tree.req_in_group[idx]
                    area_score += g_local * g_score
                    g_weight = w_c * a_local * g_local
                    for v in range(n_v):
                        group_rows[v].append(GroupResult(
                            g, g_weight, float(g_score[v]), 20 * g_weight * float(g_score[v]),
                            [req_result(v, k) for k in idx]))
                for v in range(n_v):
                    a_weight = w_c * a_local
                    areas[v].append(AreaResult(area, a_weight, float(area_score[v]),
                                               20 * a_weight * float(area_score[v]),
                                               group_rows[v]))
        elif c == "test_drive" and scored_cols.size:
            k = 0
            for sid in dict.fromkeys(t.partition(".")[0] for t in tree.steps):
                n_steps = sum(1 for t in tree.steps if t.partition(".")[0] == sid)
                cols = list(range(k, k + n_steps))
                s_weight = w_c * float(tree.scenario_in_criterion[k])
                for v in range(n_v):
                    steps = []
                    for j in cols:
                        col = scored_cols[j]
                        cnt = int(agg.count[v, n_r + col])
                        score = float(step_score[v, col])
                        steps.append(StepScore(
                            tree.steps[j], sid, int(tree.steps[j].partition(".")[2]),
                            float(tree.step_weight[j]), score,
                            20 * float(tree.step_weight[j]) * score,
                            sc.SOURCE_NAMES[step_source[v, col]], cnt,
                            float(agg.spread[v, n_r + col]) if cnt > 1 else None))
                    s_score = float(sum(tree.step_in_scenario[j] * steps[i].score
                                        for i, j in enumerate(cols)))
                    scenarios[v].append(ScenarioResult(sid, s_weight, s_score,
                                                       20 * s_weight * s_score, steps))
                k += n_steps
        for v in range(n_v):
            score = float(crit_scores[v, c_idx]) if c in active else None
            extra: dict[str, object] = {}
            if c == "references":
                col = agg.count.shape[1] - 1
                cnt = int(agg.count[v, col])
                extra = {"source": sc.SOURCE_NAMES[ref_source[v, 0]], "n_scorers": cnt,
                         "spread": float(agg.spread[v, col]) if cnt > 1 else None}
            elif c == "cost":
                extra = {"source": "tco"}
            out[v].append(CriterionResult(
                criterion=c, weight=float(w_c), score=score,
                contribution=20 * float(w_c) * (score or 0.0), active=c in active,
                areas=areas[v], scenarios=scenarios[v], **extra))  # type: ignore[arg-type]
    return out
