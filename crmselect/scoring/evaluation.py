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
from dataclasses import replace
from pathlib import Path

import numpy as np

from crmselect.errors import CrmselectError, Issue
from crmselect.errors import msg as t
from crmselect.model import TOP_CRITERIA, ScoresFile, localize
from crmselect.project import PROJECT_FILE, LoadedProject, load_project
from crmselect.scorecolumns import ColumnScores
from crmselect.scoring import scores as sc
from crmselect.scoring.breakdown import vendor_breakdowns
from crmselect.scoring.cost import (
    cost_decides_nothing,
    cost_score_array,
    cost_scores,
    risks,
    shifted_convert,
    understated_effort,
    vendor_tco,
    yearly_rates,
)
from crmselect.scoring.hygiene import (
    HygieneFacts,
    hygiene_warnings,
    lead_within_disagreements,
    overlapping_requirements,
    single_scorer_warnings,
    sole_scorers,
)
from crmselect.scoring.knockout import knockouts, unmet_musts
from crmselect.scoring.ranking import shared_ranks, shown_lead
from crmselect.scoring.results import (
    Evaluation,
    FxSensitivity,
    RankingEntry,
    ScoringWarning,
    TcoResult,
    VendorResult,
)
from crmselect.scoring.sensitivity import (
    Progress,
    check_concentration,
    fx_thresholds,
    monte_carlo,
    totals_for,
    weight_thresholds,
)
from crmselect.scoring.weights import (
    CRITERION_OF_AREA,
    REQUIREMENT_CRITERIA,
    build_weight_tree,
    weights_fingerprint,
)

METHODS = ("wsm", "topsis")


def evaluate(
    project_dir: Path | str,
    method: str | None = None,
    monte_carlo_samples: int | None = None,
    seed: int | None = None,
    progress: Progress | None = None,
    concentration: float | None = None,
) -> Evaluation:
    """Load the project folder (with its ``scores.yaml``) and evaluate it.

    The options are those of :func:`evaluate_project`.
    """
    return evaluate_project(load_project(project_dir), method=method,
                            monte_carlo_samples=monte_carlo_samples, seed=seed,
                            progress=progress, concentration=concentration)


def evaluate_project(
    loaded: LoadedProject,
    scores: ScoresFile | ColumnScores | None = None,
    method: str | None = None,
    monte_carlo_samples: int | None = None,
    seed: int | None = None,
    progress: Progress | None = None,
    concentration: float | None = None,
) -> Evaluation:
    """Score, rank and explain the vendors of a loaded project.

    ``scores`` replaces the project's ``scores.yaml`` (the web app passes its database's);
    ``method`` (``wsm`` or ``topsis``), ``monte_carlo_samples``, ``seed`` and the Monte Carlo
    ``concentration`` override the project's ``scoring`` settings; ``progress(done, total)``
    is called as Monte Carlo samples are scored. Raises :class:`CrmselectError` for scores
    that do not fit the project (unknown evaluator, vendor or target; a score outside 0–5),
    weights that leave nothing to rank on, a concentration out of range, or a project
    without vendors.
    """
    with _cycle_collector_paused():
        return _evaluate(loaded, loaded.scores if scores is None else scores, method,
                         monte_carlo_samples, seed, progress, concentration)


def something_to_rank(loaded: LoadedProject,
                      scores: ScoresFile | ColumnScores | None = None) -> bool:
    """Whether there is anything to compare: a vendor's response (or desk research), or a
    score. Before that, a comparison would rank blanks."""
    scores = loaded.scores if scores is None else scores
    return bool(scores.scores or scores.consensus or any(
        v.responded or v.desk_research for v in loaded.vendors.values()))


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


def _evaluate(loaded: LoadedProject, scores: ScoresFile | ColumnScores, method: str | None,
              monte_carlo_samples: int | None, seed: int | None,
              progress: Progress | None, concentration: float | None = None) -> Evaluation:
    project = loaded.project
    settings = project.scoring
    method = method or settings.method
    if method not in METHODS:
        raise CrmselectError(t("scoring_unknown_method", method=method))
    samples = settings.monte_carlo_samples if monte_carlo_samples is None else monte_carlo_samples
    if samples < 0:
        raise CrmselectError(t("scoring_negative_samples", samples=samples))
    seed = settings.seed if seed is None else seed
    concentration = (settings.monte_carlo_concentration if concentration is None
                     else concentration)
    check_concentration(concentration)
    if not loaded.vendors:  # said of project.yaml's vendors: list, which the user fills
        raise CrmselectError(Issue(file=str(loaded.root / PROJECT_FILE), where="vendors",
                                   message=t("scoring_no_vendors")), what="nothing_scored")
    vendors = list(loaded.vendors)
    if not something_to_rank(loaded, scores):
        raise CrmselectError(t("core_no_responses"), what="nothing_scored")
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
    if "cost" in active and tree.criteria["cost"] > 0:
        flat = cost_decides_nothing(cost)
        if flat is not None:
            warnings.append(flat)

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
    unanswered = sc.unanswered(loaded, rs)
    for v, vendor in enumerate(vendors):
        if not loaded.vendors[vendor].responded and not loaded.vendors[vendor].desk_research:
            warnings.append(ScoringWarning("no_response", {"vendor": vendor}))
            continue
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
    # A vendor that sent nothing and that nobody scored is ranked after the others, once,
    # as "no response" (its no_response warning says why), not as a knock-out on every must.
    silent = {vid for v, vid in enumerate(vendors)
              if not loaded.vendors[vid].responded and not loaded.vendors[vid].desk_research
              and not (rs.source[v] >= sc.EVALUATED).any()}
    for vid in silent:
        failures[vid] = []
    # Declared scores standing beside evaluated ones: a vendor nobody scored keeps its own
    # (usually higher) declarations while the others' were checked, so its total is not
    # comparable with theirs; said once, naming every such vendor.
    scored = ((rs.source >= sc.EVALUATED).any(axis=1) | (step_source >= sc.EVALUATED).any(axis=1)
              | (ref_source >= sc.EVALUATED).any(axis=1))
    unscored = [vid for v, vid in enumerate(vendors) if not scored[v] and vid not in silent]
    if unscored and scored.any():
        warnings.append(ScoringWarning("unscored_vendors", {"vendors": unscored,
                                                            "n": len(unscored)}))
    knocked = np.array([bool(failures[v]) or v in silent for v in vendors])
    eligible = ~knocked if (~knocked).any() else np.ones(len(vendors), dtype=bool)
    if knocked.all():
        warnings.append(ScoringWarning("all_knocked_out", {}))
    by_method = {m: totals_for(s_active, w_active, m, cost_col, tco_arr) for m in METHODS}
    totals = by_method[method]
    order, rank, tied = shared_ranks(totals, knocked)
    passing = [v for v in order if not knocked[v]]
    winner = passing[0] if passing else None
    runner_up = passing[1] if len(passing) > 1 else None
    warnings.extend(_tie_warnings(vendors, order, rank, tied, totals))
    winners_by_method = {}
    for m, m_totals in by_method.items():
        m_order, m_rank, _ = shared_ranks(m_totals, knocked)
        firsts = [vendors[v] for v in m_order if m_rank[v] == 1 and not knocked[v]]
        winners_by_method[m] = firsts[0] if len(firsts) == 1 else None
    if winner is not None and len(set(winners_by_method.values())) > 1 \
            and None not in winners_by_method.values():
        warnings.append(ScoringWarning("method_winners_differ", dict(winners_by_method)))

    sensitivity = weight_thresholds(s_active, w_active, active_list, vendors, eligible, method,
                                    cost_col, tco_arr)
    fx = _fx_sensitivity(loaded, vendors, tcos, s_active, w_active, method, cost_col, eligible,
                         order[0] if winner is None else winner) if len(vendors) > 1 else []
    mc = None
    if samples > 0 and len(vendors) > 1:
        mc = monte_carlo(s_active, w_active, vendors, eligible, samples, seed,
                         concentration, method, cost_col, tco_arr, progress)

    coverage, claims = sc.verification(loaded, rs, tree.req_weight)
    fingerprint = weights_fingerprint(loaded)
    marked = {m.evaluator for m in scores.demo}
    scorers = [e.id for e in project.evaluators if e.id in marked or e.id in agg.evaluators]
    warnings.extend(hygiene_warnings(loaded, HygieneFacts(
        fingerprint=fingerprint, scores_fingerprint=scores.weights_fingerprint,
        scorers=scorers, any_scores=bool(scores.scores),
        scenarios_scored=bool(scored_cols.size), unmet_musts=unmet_musts(loaded, rs),
        winner=vendors[winner] if winner is not None else None,
        lead=float(totals[winner] - totals[runner_up]) if runner_up is not None else None,
        shown_lead=shown_lead(float(totals[winner]), float(totals[runner_up]))
        if runner_up is not None else None,
        runner_up=vendors[runner_up] if runner_up is not None else None,
        monte_carlo=mc, unverified_claims=claims,
        winner_tco=tcos[vendors[winner]].total if winner is not None else None,
        leader=vendors[order[0]] if order else None,
        scores_csv=loaded.scores_csv and scores is loaded.scores,
        scores_db=scores is not loaded.scores,  # given apart from the project: the database's
    )))

    if any(w.code == "all_over_ceiling" for w in warnings):  # said once, naming everyone
        warnings = [w for w in warnings if w.code != "winner_over_ceiling"]
    leaf_weight = np.zeros(len(agg.targets))
    leaf_weight[:n_r] = tree.req_weight
    leaf_weight[[step_cols[k] for k in scored_cols]] = tree.step_weight
    leaf_weight[-1] = tree.criteria.get("references", 0.0)
    disagreements = sc.disagreements(agg, scores, settings.disagreement_spread)
    if method == "wsm" and runner_up is not None and winner is not None:
        warnings.extend(lead_within_disagreements(
            vendors[winner], vendors[runner_up], float(totals[winner] - totals[runner_up]),
            disagreements, dict(zip(agg.targets, leaf_weight.tolist(), strict=True)),
            shown_lead(float(totals[winner]), float(totals[runner_up]))))
    leaf_criterion = [*crit_of_req.tolist(), *(["test_drive"] * len(step_ids)), "references"]
    # a knock-out the vendor's own answer also makes (it declared the must below the
    # threshold, e.g. "none") does not rest on one evaluator's score
    column = {rid: r for r, rid in enumerate(loaded.requirements)}
    on_scores = [f for v, vid in enumerate(vendors) for f in failures[vid]
                if not rs.declared_score[v, column[f.requirement]] < f.threshold]
    warnings.extend(single_scorer_warnings(
        vendors, sole_scorers(agg, scores), leaf_weight, leaf_criterion,
        ~np.isnan(agg.consensus), scorers, on_scores, agg.targets, order))
    warnings.extend(overlapping_requirements(loaded))

    names = {vid: vendor.name for vid, vendor in loaded.vendors.items()}
    people = {e.id: e.name for e in project.evaluators}
    for warning in warnings:
        warning.names = names
        warning.people = people

    breakdown = vendor_breakdowns(loaded, tree, rs, agg, crit_scores, active, step_score,
                                  step_source, scored_cols, ref_source)
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
                            [f.requirement for f in failures[vendors[v]]], v in tied,
                            vendors[v] in silent)
               for v in order]
    return Evaluation(
        project=localize(project.name, project.language), method=method, language=project.language,
        currency=project.currency, horizon_years=project.tco.horizon_years,
        winner=vendors[winner] if winner is not None else None, ranking=ranking,
        vendors=vendor_results, criteria_weights={c: float(tree.criteria[c]) for c in active_list},
        dropped_criteria=[c for c in TOP_CRITERIA if c not in active], weights=tree.root,
        knockouts=[f for v in vendors for f in failures[v]],
        disagreements=disagreements,
        coverage=coverage, unverified_claims=claims, tco=tcos,
        risks=[*risks(loaded, weighted),
               *understated_effort(loaded, rs.base, rs.source >= sc.EVALUATED, weighted)],
        sensitivity=sensitivity, monte_carlo=mc, warnings=warnings,
        weights_fingerprint=fingerprint,
        basis="profiles" if any(v.desk_research for v in loaded.vendors.values())
        else "responses",
        unanswered=unanswered, fx_sensitivity=fx, scorers=scorers,
        winners_by_method=winners_by_method,
    )


def _fx_sensitivity(loaded: LoadedProject, vendors: list[str], tcos: dict[str, TcoResult],
                    s_active: np.ndarray, w_active: np.ndarray, method: str,
                    cost_col: int | None, eligible: np.ndarray,
                    win: int) -> list[FxSensitivity]:
    """Exchange-rate sensitivity for every foreign currency in the bids (none without cost)."""
    if cost_col is None:
        return []
    project_currency = loaded.project.currency
    currencies = sorted({c for r in tcos.values() for c in r.by_currency} - {project_currency})
    if not currencies:
        return []

    converted = {v: shifted_convert(loaded, r.by_currency) for v, r in tcos.items() if r.priced}
    priced = np.array([v in converted for v in vendors])
    scores = s_active.copy()

    def totals_at(currency: str, g: float) -> np.ndarray:
        tcos_at = np.array([converted[v](currency, g) if v in converted else 0.0
                            for v in vendors])
        scores[:, cost_col] = cost_score_array(loaded, tcos_at, priced)
        # totals_for does not use the TCOs (only the cost scores): none are passed
        return totals_for(scores, w_active, method)

    def estimate(currency: str, gs: np.ndarray) -> np.ndarray:
        """totals_at for changes × vendors at once (numpy's powers: not to the last bit)."""
        tcos_at = np.stack([np.broadcast_to(converted[v](currency, gs) if v in converted
                                            else 0.0, gs.shape) for v in vendors], axis=-1)
        grid = np.repeat(s_active[None], len(gs), axis=0)
        grid[:, :, cost_col] = cost_score_array(loaded, tcos_at, priced)
        return totals_for(grid.reshape(-1, grid.shape[-1]), w_active, method).reshape(
            len(gs), len(vendors))

    rates = {c: yearly_rates(loaded, c, "") for c in currencies}
    return fx_thresholds(rates, totals_at, vendors, eligible, win, estimate=estimate)


def _tie_warnings(vendors: list[str], order: list[int], rank: dict[int, int], tied: set[int],
                  totals: np.ndarray) -> list[ScoringWarning]:
    """One warning per group of vendors sharing a rank."""
    groups: dict[int, list[int]] = {}
    for v in order:
        if v in tied:
            groups.setdefault(rank[v], []).append(v)
    return [ScoringWarning("tied_rank", {"vendors": [vendors[v] for v in group], "rank": r,
                                         "total": round(float(totals[group[0]]), 2)})
            for r, group in groups.items()]


def _with_score(t: TcoResult, score: float) -> TcoResult:
    return replace(t, cost_score=float(score))
