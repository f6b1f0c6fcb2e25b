"""The per-vendor breakdown: criterion → area → group → requirement, scenario → step.

Each level carries its final weight, its 0–5 score and its contribution to the 0–100 total
(the weighted-sum contribution, also shown under TOPSIS), so that a report can explain every
point of a vendor's total.
"""

from __future__ import annotations

import numpy as np

from crmselect.model import TOP_CRITERIA
from crmselect.project import LoadedProject
from crmselect.scoring import scores as sc
from crmselect.scoring.results import (
    AreaResult,
    CriterionResult,
    GroupResult,
    RequirementScore,
    ScenarioResult,
    StepScore,
)
from crmselect.scoring.weights import CRITERION_OF_AREA, REQUIREMENT_CRITERIA, WeightTree


def vendor_breakdowns(lp: LoadedProject, tree: WeightTree, rs: sc.RequirementScores,
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
