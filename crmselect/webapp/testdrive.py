"""The test-drive sheet: scoring each scenario step during a vendor's demo (targets
``SCN-X.<step>``) and marking each linked requirement as shown live, on slides, or not shown.

Step scores are saved through the same endpoint as requirement scores
(:func:`crmselect.webapp.scoring.save`); the marks have their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _

from crmselect.evaluationdb import scores, scoringlock
from crmselect.evaluationdb.schema import DemoMark
from crmselect.webapp.access import allow, current_user, wants_json
from crmselect.webapp.context import database, project
from crmselect.webapp.labels import label
from crmselect.webapp.scoring import (
    SCORERS,
    ScoreInput,
    closed_reason,
    form_ui,
    my_scores,
    shown_again_on_refusal,
    vendor_gate,
    vendor_or_404,
)

bp = Blueprint("testdrive", __name__, url_prefix="/testdrive")


def _scenario_or_404(scenario_id: str):  # noqa: ANN202 - a Scenario
    scenario = project().scenarios.get(scenario_id)
    if scenario is None:
        abort(404)
    return scenario


def _my_marks(user_id: str, vendor_id: str) -> dict[tuple[str, str], DemoMark]:
    """(scenario, requirement) → the person's mark of ``vendor_id``."""
    with database().read() as s:
        return {(m.scenario_id, m.requirement_id): m
                for m in scores.demo_marks(s, evaluator=user_id, vendor=vendor_id)}


@dataclass(frozen=True)
class MarkRefusal:
    """A mark save refused because another tab changed the mark after this page was opened:
    the sheet is shown again with the person's choice (``shown``), the reason, and the mark's
    stamp now (so that saving again replaces it)."""

    requirement: str
    error: str
    shown: str | None
    stamp: str


@bp.get("/<vendor_id>")
@allow(*SCORERS, scoring=True, declaration=True)
def scenarios(vendor_id: str):
    user = current_user()
    assert user is not None
    view = project()
    vendor = vendor_or_404(vendor_id)
    mine = my_scores(user, vendor_id)
    marks = _my_marks(user.id, vendor_id)
    rows = []
    for sid, scenario in view.scenarios.items():
        steps = [f"{sid}.{n}" for n in range(1, len(scenario.steps) + 1)]
        linked = view.scenario_requirements(scenario)
        rows.append({
            "scenario": scenario,
            "steps_done": sum(1 for t in steps if t in mine),
            "steps_total": len(steps),
            "marks_done": sum(1 for r in linked if (sid, r) in marks),
            "marks_total": len(linked),
        })
    return render_template("testdrive_list.html", vendor=vendor, rows=rows)


@shown_again_on_refusal("testdrive")
def render_sheet(vendor_id: str, scenario_id: str, errors: dict[str, str] | None = None,
                 posted: dict[str, ScoreInput] | None = None, status: int = 200,
                 refused: MarkRefusal | None = None):
    user = current_user()
    assert user is not None
    view = project()
    vendor = vendor_or_404(vendor_id)
    scenario = _scenario_or_404(scenario_id)
    linked = view.scenario_requirements(scenario)
    gate = vendor_gate(user, vendor_id)
    rows = _my_marks(user.id, vendor_id)
    marks = {key: m.shown for key, m in rows.items()}
    stamps = {key: scores.mark_stamp(m) for key, m in rows.items()}
    if refused is not None:  # the person's own choice, with the stamp of the mark as it is now
        key = (scenario_id, refused.requirement)
        marks.pop(key, None)
        if refused.shown is not None:
            marks[key] = refused.shown
        stamps[key] = refused.stamp
    return render_template(
        "testdrive_sheet.html",
        vendor=vendor, scenario=scenario, mine=my_scores(user, vendor_id),
        marks=marks, mark_stamps=stamps, refused=refused, linked=linked,
        requirements=view.loaded.requirements, errors=errors or {}, posted=posted or {},
        scale=scores.SCALE, shown_values=scores.SHOWN, closed=closed_reason(gate),
        ui=form_ui(vendor_id, readonly=not gate.open),
    ), status


@bp.get("/<vendor_id>/<scenario_id>")
@allow(*SCORERS, scoring=True, declaration=True)
def sheet(vendor_id: str, scenario_id: str):
    return render_sheet(vendor_id, scenario_id)


@bp.post("/<vendor_id>/<scenario_id>/mark")
@allow(*SCORERS, scoring=True, declaration=True)
def mark(vendor_id: str, scenario_id: str):
    """Save whether one linked requirement was shown live, on slides, or not shown."""
    user = current_user()
    assert user is not None
    view = project()
    vendor_or_404(vendor_id)
    scenario = _scenario_or_404(scenario_id)
    requirement = request.form.get("requirement", "")
    shown = request.form.get("shown", "") or None
    if request.form.get("action") == "clear":
        shown = None
    if requirement not in view.scenario_requirements(scenario):
        abort(400)
    if shown is not None and shown not in scores.SHOWN:
        abort(400)
    # The mark as the page showed it (scores.mark_stamp); a client that sends none (a script)
    # is not checked, as for scores.
    seen = request.form.get("stamp")
    where = {"evaluator": user.id, "vendor": vendor_id, "scenario": scenario_id,
             "requirement": requirement}
    with database().write() as s:
        # A reveal or permit change waits for this mark; another save of this mark too.
        scoringlock.hold_for_save(s, user.id, vendor_id, scenario_id, requirement)
        gate = scores.gate(s, user.id, vendor_id,
                           conflict_of_interest=view.project.evaluation.conflict_of_interest)
        refusal = closed_reason(gate)
        old = scores.old_demo_mark(s, **where)
        now = scores.mark_stamp(old)
        stale = (not refusal and seen is not None and seen != now
                 and (old.shown if old is not None else None) != shown)
        if stale:
            # Another tab or window changed this mark after this page was opened: the older
            # page must not overwrite it without a word.
            refusal = stale_mark_reason(old)
        elif not refusal:
            scores.save_demo_mark(s, actor=user.id, action=gate.action("demo_mark"),
                                  shown=shown, **where)
            now = scores.mark_stamp(scores.old_demo_mark(s, **where))
    if stale:
        if wants_json():
            return jsonify(ok=False, requirement=requirement, error=refusal, stamp=now), 409
        return render_sheet(vendor_id, scenario_id, status=409, refused=MarkRefusal(
            requirement=requirement, error=refusal, shown=shown, stamp=now))
    if refusal:
        if wants_json():
            return jsonify(ok=False, requirement=requirement, error=refusal), 403
        flash(refusal, "error")
        return redirect(url_for("testdrive.sheet", vendor_id=vendor_id,
                                scenario_id=scenario_id, _anchor=f"m-{requirement}"))
    if wants_json():
        return jsonify(ok=True, requirement=requirement, shown=shown, message=_("Saved"),
                       stamp=now)
    flash(_("Saved."), "ok")
    return redirect(url_for("testdrive.sheet", vendor_id=vendor_id, scenario_id=scenario_id,
                            _anchor=f"m-{requirement}"))


def stale_mark_reason(old: scores.OldMark | None) -> str:
    """Why a mark save from a page older than the mark it would replace is refused (the
    wording of :func:`crmselect.webapp.scoring.stale_reason`)."""
    if old is None:
        return _("This mark was cleared in another window or tab after this page was opened. "
                 "Save again to give yours, or reload the page.")
    return _("This mark was changed in another window or tab after this page was opened: it "
             "is now “%(shown)s”. Save again to replace it with yours, or reload the page.",
             shown=label("shown", old.shown))
