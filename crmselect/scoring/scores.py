"""Evaluator scores → one score per vendor and target; declared vs verified; disagreements.

A *target* is a requirement id, a scenario step (``SCN-LEAD.2``) or ``references``. The
records are turned into index arrays once and aggregated with numpy (mean or median per
vendor × target), so that thousands of records cost one pass in Python.
"""

from __future__ import annotations

import operator
from collections import Counter
from dataclasses import dataclass
from itertools import repeat

import numpy as np

from crmselect.errors import CrmselectError, Issue
from crmselect.errors import msg as message
from crmselect.model import ScoresFile
from crmselect.project import SCORES_FILE, LoadedProject, check_scores
from crmselect.scorecolumns import ColumnScores, ScoreColumns
from crmselect.scoring.results import (
    Coverage,
    Disagreement,
    ScoreNote,
    ScoringWarning,
    UnverifiedClaim,
)
from crmselect.scoring.spread import cell_spreads, disagreeing

#: Source codes in the source matrices, in order of precedence (highest last). MISSING is
#: named ``no_answer``: the vendor did not answer and nobody scored (it scores 0).
MISSING, DECLARED, EVALUATED, CONSENSUS = 0, 1, 2, 3
SOURCE_NAMES = ("no_answer", "declared", "evaluated", "consensus")
#: Demo-mark codes; ties between evaluators go to the less favourable mark.
SHOWN_NAMES = ("none", "not_shown", "slides", "live")
SHOWN_CODE = {name: code for code, name in enumerate(SHOWN_NAMES)}


def step_targets(lp: LoadedProject) -> list[str]:
    """Every scenario step of the project as a score target (``SCN-X.1`` …)."""
    return [f"{sid}.{n}" for sid, s in lp.scenarios.items() for n in range(1, len(s.steps) + 1)]


@dataclass
class Aggregate:
    """Aggregated evaluator scores, vendors × targets (NaN where nobody scored)."""

    vendors: list[str]
    targets: list[str]
    value: np.ndarray
    count: np.ndarray
    spread: np.ndarray
    consensus: np.ndarray  # NaN where there is no consensus record
    evaluators: list[str]  # who scored at least once
    duplicates: int
    # the kept records, as index arrays, for disagreement notes
    rec_vendor: np.ndarray
    rec_target: np.ndarray
    rec_keep: np.ndarray


def _bad_scores(lp: LoadedProject, scores: ScoresFile | ColumnScores,
                values: np.ndarray) -> list[Issue]:
    issues = check_scores(lp, scores, None)
    for i in np.flatnonzero(~np.isfinite(values) | (values < 0) | (values > 5))[:50]:
        issues.append(Issue(file=SCORES_FILE, where=f"scores.{i}.score",
                            message=message("core_outside_scale", value=f"{values[i]:g}")))
    return issues


def aggregate(lp: LoadedProject, scores: ScoresFile | ColumnScores,
              aggregation: str) -> Aggregate:
    """Aggregate the score records per vendor and target (mean or median).

    Every record is checked first; unknown evaluators, vendors or targets and scores outside
    0–5 raise :class:`CrmselectError` naming the record. When one evaluator scored the same
    vendor and target twice, the later record counts.
    """
    vendors = list(lp.vendors)
    targets = [*lp.requirements, *step_targets(lp), "references"]
    evaluators = [e.id for e in lp.project.evaluators]
    n_v, n_t, n_e = len(vendors), len(targets), max(len(evaluators), 1)
    recs = scores.scores
    n = len(recs)
    if n and isinstance(recs, ScoreColumns):  # the columns map each name once, not each record
        e_idx = recs.indices("evaluator", evaluators)
        v_idx = recs.indices("vendor", vendors)
        t_idx = recs.indices("target", targets)
        values = recs.score
    elif n:
        # One C-level pass per field: no per-record Python frame, no intermediate tuples.
        def index(field: str, names: list[str]) -> np.ndarray:
            lookup = {name: i for i, name in enumerate(names)}.get
            return np.fromiter(map(lookup, map(operator.attrgetter(field), recs), repeat(-1)),
                               np.int64, n)

        e_idx = index("evaluator", evaluators)
        v_idx = index("vendor", vendors)
        t_idx = index("target", targets)
        values = np.fromiter(map(operator.attrgetter("score"), recs), np.float64, n)
    else:
        e_idx = v_idx = t_idx = np.zeros(0, np.int64)
        values = np.zeros(0)
    known_e, known_t = set(evaluators), set(targets)
    if ((e_idx < 0) | (v_idx < 0) | (t_idx < 0)).any() or not (
        np.isfinite(values).all() and (values >= 0).all() and (values <= 5).all()
    ) or any(
        m.evaluator not in known_e or m.vendor not in lp.vendors or m.scenario not in lp.scenarios
        or m.requirement not in lp.requirements for m in scores.demo
    ) or any(c.vendor not in lp.vendors or c.target not in known_t for c in scores.consensus):
        raise CrmselectError(_bad_scores(lp, scores, values), what="nothing_scored")

    cell = v_idx * n_t + t_idx
    key = cell * n_e + e_idx
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    last = np.ones(n, dtype=bool)
    last[:-1] = sorted_key[1:] != sorted_key[:-1]
    keep = order[last]  # one record per evaluator, vendor and target: the later one
    duplicates = int(n - keep.size)
    cells = cell[keep]
    vals = values[keep]
    size = n_v * n_t
    count, spread = cell_spreads(cells, vals, size)
    value = np.full(size, np.nan)
    if keep.size:
        starts = np.flatnonzero(np.r_[True, cells[1:] != cells[:-1]])
        used = cells[starts]
        if aggregation == "median":
            by_value = np.lexsort((vals, cells))
            svals = vals[by_value]
            c = count[used]
            value[used] = (svals[starts + (c - 1) // 2] + svals[starts + c // 2]) / 2
        else:
            value[used] = np.bincount(cells, weights=vals, minlength=size)[used] / count[used]

    consensus = np.full(size, np.nan)
    t_index = {t: i for i, t in enumerate(targets)}
    v_index = {v: i for i, v in enumerate(vendors)}
    for rec in scores.consensus:
        consensus[v_index[rec.vendor] * n_t + t_index[rec.target]] = rec.score

    # bincount, not np.unique: np.unique imports numpy.ma (15 ms of a command's start-up)
    scorers = sorted(evaluators[i] for i in np.flatnonzero(
        np.bincount(e_idx[keep], minlength=len(evaluators)))) if n else []
    shape = (n_v, n_t)
    return Aggregate(vendors, targets, value.reshape(shape), count.reshape(shape),
                     spread.reshape(shape), consensus.reshape(shape), scorers, duplicates,
                     v_idx[keep], t_idx[keep], keep)


def demo_marks(lp: LoadedProject, scores: ScoresFile | ColumnScores) -> np.ndarray:
    """Vendors × requirements: what the test drives showed (codes of :data:`SHOWN_NAMES`).

    Several evaluators may mark one requirement. One ``live`` mark is enough: the feature was
    seen working, and whoever marked it otherwise missed it (the README's rule, "unless an
    evaluator marked it shown live"). Without a live mark the most frequent mark counts, a tie
    going to the less favourable one.
    """
    vendors = {v: i for i, v in enumerate(lp.vendors)}
    reqs = {r: i for i, r in enumerate(lp.requirements)}
    marks: dict[tuple[int, int], Counter[int]] = {}
    latest: dict[tuple[str, str, str, str], str] = {}
    for m in scores.demo:
        latest[(m.evaluator, m.vendor, m.scenario, m.requirement)] = m.shown
    for (_, vendor, _, rid), shown in latest.items():
        marks.setdefault((vendors[vendor], reqs[rid]), Counter())[SHOWN_CODE[shown]] += 1
    out = np.zeros((len(vendors), len(reqs)), dtype=np.int8)
    for (v, r), counter in marks.items():
        if counter[SHOWN_CODE["live"]]:
            out[v, r] = SHOWN_CODE["live"]
            continue
        top = max(counter.values())
        out[v, r] = min(code for code, k in counter.items() if k == top)
    return out


def disagreements(agg: Aggregate, scores: ScoresFile | ColumnScores,
                  threshold: float) -> list[Disagreement]:
    """Vendor/target pairs whose evaluators' scores are ``threshold`` or more apart, widest
    spread first, each with every evaluator's score and note."""
    flagged = disagreeing(agg.count, agg.spread, threshold)
    if not flagged.any():
        return []
    n_t = len(agg.targets)
    cells = agg.rec_vendor * n_t + agg.rec_target
    picked = np.flatnonzero(flagged.ravel()[cells])
    picked = picked[np.argsort(cells[picked], kind="stable")]
    recs = scores.scores
    notes: dict[int, list[ScoreNote]] = {}
    kept = agg.rec_keep[picked]
    if isinstance(recs, ScoreColumns):  # the fields of the picked records, a column at a time
        fields = zip(recs.take("evaluator", kept), recs.score[kept].tolist(),
                     recs.take("note", kept), strict=True)
    else:
        fields = ((r.evaluator, r.score, r.note) for r in map(recs.__getitem__, kept.tolist()))
    for cell, (evaluator, score, note) in zip(cells[picked].tolist(), fields, strict=True):
        notes.setdefault(cell, []).append(ScoreNote(evaluator, score, note))
    v_idx, t_idx = np.nonzero(flagged)
    spread = agg.spread[v_idx, t_idx]
    order = np.lexsort((t_idx, v_idx, -spread))
    out = []
    for v, t, sp, n, value, cons in zip(
        v_idx[order].tolist(), t_idx[order].tolist(), spread[order].tolist(),
        agg.count[v_idx, t_idx][order].tolist(), agg.value[v_idx, t_idx][order].tolist(),
        agg.consensus[v_idx, t_idx][order].tolist(), strict=True,
    ):
        out.append(Disagreement(
            vendor=agg.vendors[v], target=agg.targets[t], spread=sp, n_scorers=n,
            aggregate=value, consensus=None if cons != cons else cons,
            scores=sorted(notes[v * n_t + t], key=lambda s: (s.score, s.evaluator)),
        ))
    return out


@dataclass
class RequirementScores:
    """The score of every requirement for every vendor (vendors × requirements)."""

    base: np.ndarray  # before the unverified discount (used for knock-outs)
    final: np.ndarray
    source: np.ndarray  # codes of SOURCE_NAMES
    declared: list[list[str | None]]
    declared_score: np.ndarray  # NaN where nothing was declared
    shown: np.ndarray
    discounted: np.ndarray


def requirement_scores(lp: LoadedProject, agg: Aggregate, shown: np.ndarray) -> RequirementScores:
    """Combine consensus, evaluator aggregates and declared compliance into one score.

    Precedence: a consensus score, else the evaluators' aggregate, else the declared
    compliance mapped to a score, else 0 (no answer). The unverified discount, in one rule:
    a declared score (no evaluator or consensus score) is cut by ``scoring.unverified_discount``
    unless an evaluator marked the requirement shown live in a test drive or the requirement's
    evidence is ``document`` (proved on paper, never expected in a demo).
    """
    settings = lp.project.scoring
    n_r = len(lp.requirements)
    cons = agg.consensus[:, :n_r]
    value = agg.value[:, :n_r]
    count = agg.count[:, :n_r]
    declared: list[list[str | None]] = []
    declared_score = np.full((len(lp.vendors), n_r), np.nan)
    for v, vendor in enumerate(lp.vendors.values()):
        row = []
        for r, rid in enumerate(lp.requirements):
            resp = vendor.responses.get(rid)
            row.append(resp.compliance if resp else None)
            if resp is not None:
                declared_score[v, r] = settings.compliance_scores.get(resp.compliance, 0.0)
        declared.append(row)
    source = np.where(~np.isnan(cons), CONSENSUS, np.where(
        count > 0, EVALUATED, np.where(~np.isnan(declared_score), DECLARED, MISSING)))
    base = np.where(source == CONSENSUS, cons, np.where(
        source == EVALUATED, value, np.where(source == DECLARED, declared_score, 0.0)))
    on_paper = np.array([r.requirement.evidence == "document"
                         for r in lp.requirements.values()], dtype=bool)
    discounted = (source == DECLARED) & (shown != SHOWN_CODE["live"]) & ~on_paper & (
        settings.unverified_discount > 0) & (base > 0)
    final = np.where(discounted, base * (1 - settings.unverified_discount), base)
    return RequirementScores(base, final, source.astype(np.int8), declared, declared_score,
                             shown, discounted)


def leaf_scores(agg: Aggregate, columns: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Scores (consensus over aggregate, 0 where nobody scored) and source codes of some
    target columns (steps, references)."""
    cons = agg.consensus[:, columns]
    value = agg.value[:, columns]
    source = np.where(~np.isnan(cons), CONSENSUS, np.where(agg.count[:, columns] > 0,
                                                           EVALUATED, MISSING))
    score = np.where(source == CONSENSUS, cons, np.where(source == EVALUATED, value, 0.0))
    return score, source.astype(np.int8)


def missing_leaf_warnings(agg: Aggregate, columns: list[int], what: str,
                          source: np.ndarray) -> list[ScoringWarning]:
    """A warning per vendor that lacks scores other vendors have (they count as 0)."""
    out = []
    scored_any = (source != MISSING).any(axis=0)
    for v, vendor in enumerate(agg.vendors):
        missing = [agg.targets[columns[k]] for k in np.flatnonzero(
            scored_any & (source[v] == MISSING))]
        if missing:
            out.append(ScoringWarning("missing_scores", {
                "vendor": vendor, "criterion": what, "n": len(missing),
                "targets": ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")}))
    return out


def verification(lp: LoadedProject, rs: RequirementScores, req_weight: np.ndarray
                 ) -> tuple[dict[str, Coverage], list[UnverifiedClaim]]:
    """Verified vs declared coverage per vendor, and native claims nobody saw live (on
    requirements that carry weight: a ``wont`` requirement's claim changes nothing)."""
    live = rs.shown == SHOWN_CODE["live"]
    evaluated = rs.source >= EVALUATED
    declared = rs.source == DECLARED
    w = req_weight
    total_w = float(w.sum())
    ids = list(lp.requirements)
    on_paper = [r.requirement.evidence == "document" for r in lp.requirements.values()]
    coverage: dict[str, Coverage] = {}
    claims: list[UnverifiedClaim] = []
    for v, vid in enumerate(lp.vendors):
        verified = evaluated[v] | live[v]
        coverage[vid] = Coverage(
            vendor=vid, requirements=len(ids), evaluated=int(evaluated[v].sum()),
            shown_live=int(live[v].sum()), declared_only=int(declared[v].sum()),
            missing=int((rs.source[v] == MISSING).sum()),
            unanswered=sum(1 for c in rs.declared[v] if c is None),
            verified_share=float(w[verified].sum() / total_w) if total_w else 0.0,
            declared_share=float(w[declared[v] & ~live[v]].sum() / total_w) if total_w else 0.0,
        )
        for r, compliance in enumerate(rs.declared[v]):
            if compliance == "native" and not live[v, r] and w[r] > 0 and not on_paper[r]:
                code = int(rs.shown[v, r])
                claims.append(UnverifiedClaim(vid, ids[r], "native",
                                              SHOWN_NAMES[code] if code else None,
                                              bool(evaluated[v, r])))
    return coverage, claims


def unanswered(lp: LoadedProject, rs: RequirementScores) -> dict[str, list[str]]:
    """Vendor id → the project's requirements its response leaves blank, in project order.

    A blank answer is no answer: it scores 0 unless evaluators score the requirement, and no
    profile fills it in.
    """
    ids = list(lp.requirements)
    return {vid: [ids[r] for r, c in enumerate(rs.declared[v]) if c is None]
            for v, vid in enumerate(lp.vendors)}
