"""Scoring vendors: the vendor list with progress, the scoring page, saving one score.

Every score is saved on its own, as it is given: with JavaScript in the background (fetch with
the CSRF token, JSON answer), without it as a plain form post followed by a redirect back to
the same requirement (post/redirect/get). The rules are checked here, on the server: a score
is 0–5, and 0, 1 or 5 need a note.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from flask import (
    Blueprint,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_wtf.csrf import generate_csrf

from crmselect.evaluationdb import scores, settings
from crmselect.model import COMPLIANCE_LEVELS, PRIORITIES
from crmselect.webapp.access import User, allow, current_user, wants_json
from crmselect.webapp.context import database, project
from crmselect.webapp.i18n import language, when
from crmselect.webapp.labels import label
from crmselect.webapp.projectview import REFERENCES, ProjectView

bp = Blueprint("scoring", __name__)

SCORERS = ("facilitator", "evaluator")


@dataclass(frozen=True)
class Progress:
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100


@dataclass(frozen=True)
class ScoreInput:
    target: str
    score: float | None
    note: str
    clear: bool = False


def parse_score_form(form: Any) -> tuple[ScoreInput, str]:
    """The score a form sends, and the reason it is refused ('' when it is fine)."""
    target = form.get("target", "").strip()
    note = form.get("note", "").strip()
    if form.get("action") == "clear":
        return ScoreInput(target, None, note, clear=True), ""
    raw = form.get("score", "").strip()
    if not raw:
        return ScoreInput(target, None, note), _("Choose a score from 0 to 5.")
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        return ScoreInput(target, None, note), _("Choose a score from 0 to 5.")
    if value not in scores.SCALE:
        return ScoreInput(target, None, note), _("Choose a score from 0 to 5.")
    if scores.needs_note(value) and not note:
        return ScoreInput(target, value, note), _(
            "A score of %(score)d needs a note that says why.", score=int(value))
    if len(note) > 4000:
        return ScoreInput(target, value, note[:4000]), _("The note is too long (at most 4000 "
                                                        "characters).")
    return ScoreInput(target, value, note), ""


def form_ui(vendor_id: str) -> SimpleNamespace:
    """What every score form of a page shares, made once per page.

    Why: a scoring page of 300 requirements has 300 forms; looking up the same texts and the
    same token in each would make it several times slower.
    """
    # A namespace, not a dict: in a template ``ui.clear`` would be the dict's method.
    return SimpleNamespace(
        action=url_for("scoring.save", vendor_id=vendor_id),
        token=generate_csrf(),
        lang=language(),
        score=_("Score"), note=_("Note"), hint=_("needed for 0, 1 and 5"),
        save=_("Save"), clear=_("Clear"), saved=_("Saved"),
        no_answer=_("No answer"), vendor_declares=_("Vendor declares"),
        acceptance=_("Acceptance criteria"),
        scale=[(v, f"{v} – {label('scale', v)}") for v in scores.SCALE],
        priority={p: label("priority", p) for p in PRIORITIES},
        compliance={c: label("compliance", c) for c in COMPLIANCE_LEVELS},
    )


def vendor_or_404(vendor_id: str):  # noqa: ANN201 - a project Vendor
    vendor = project().loaded.vendors.get(vendor_id)
    if vendor is None:
        abort(404)
    return vendor


def requirement_progress(view: ProjectView, user: User, mine: Collection[str]) -> Progress:
    targets = view.requirement_targets(user.person)
    return Progress(sum(1 for t in targets if t in mine), len(targets))


def step_progress(view: ProjectView, mine: Collection[str]) -> Progress:
    return Progress(sum(1 for t in view.step_targets if t in mine), len(view.step_targets))


def my_scores(user: User, vendor: str) -> dict[str, scores.Score]:
    with database().read() as s:
        return {row.target: row for row in scores.scores(s, evaluator=user.id, vendor=vendor)}


@bp.get("/vendors")
@allow(*SCORERS, declaration=True)
def vendors():
    user = current_user()
    assert user is not None
    view = project()
    with database().read() as s:
        rows = scores.scores(s, evaluator=user.id)
    mine: dict[str, dict[str, Any]] = {}
    for row in rows:
        mine.setdefault(row.vendor_id, {})[row.target] = row
    cards = []
    for vid, vendor in view.loaded.vendors.items():
        given = mine.get(vid, {})
        cards.append({
            "vendor": vendor,
            "requirements": requirement_progress(view, user, given),
            "steps": step_progress(view, given),
            "references": REFERENCES in given,
        })
    return render_template("vendors.html", cards=cards, has_scenarios=bool(view.scenarios))


def render_vendor_page(vendor_id: str, errors: dict[str, str] | None = None,
                       posted: dict[str, ScoreInput] | None = None, status: int = 200):
    user = current_user()
    assert user is not None
    view = project()
    vendor = vendor_or_404(vendor_id)
    lang = language()
    mine = my_scores(user, vendor_id)
    return render_template(
        "score_vendor.html",
        vendor=vendor,
        areas=view.requirement_areas(user.person),
        area_names=view.area_names(lang),
        group_names=view.group_names(lang),
        mine=mine,
        errors=errors or {},
        posted=posted or {},
        progress=requirement_progress(view, user, mine),
        sees_prices=view.sees_prices(user.person),
        currency=view.project.currency,
        references=REFERENCES,
        scale=scores.SCALE,
        ui=form_ui(vendor_id),
    ), status


@bp.get("/vendors/<vendor_id>")
@allow(*SCORERS, declaration=True)
def vendor(vendor_id: str):
    return render_vendor_page(vendor_id)


@bp.post("/vendors/<vendor_id>/score")
@allow(*SCORERS, declaration=True)
def save(vendor_id: str):
    """Save (or clear) one of the signed-in person's scores for ``vendor_id``."""
    user = current_user()
    assert user is not None
    view = project()
    vendor_or_404(vendor_id)
    given, error = parse_score_form(request.form)
    if not view.may_score(user.person, given.target):
        abort(403 if given.target in view.loaded.requirements else 400)
    back = request.form.get("back", "")
    if error:
        return _refused(vendor_id, given, error, back)
    with database().write_connection() as s:
        if given.clear:
            scores.clear_score(s, actor=user.id, evaluator=user.id, vendor=vendor_id,
                               target=given.target)
            saved = None
        else:
            assert given.score is not None
            saved = scores.save_score(s, actor=user.id, evaluator=user.id, vendor=vendor_id,
                                      target=given.target, score=given.score, note=given.note)
            settings.remember_weights_fingerprint(s, view.weights_fingerprint)
    # Read after the commit, outside the write lock: other saves do not wait for it.
    with database().read_connection() as s:
        mine = scores.targets_scored(s, user.id, vendor_id)  # for the progress shown after
    if wants_json():
        return jsonify(
            ok=True, target=given.target,
            score=None if saved is None else given.score, note=given.note,
            version=None if saved is None else saved.version,
            saved_at=None if saved is None else when(saved.updated_at),
            message=_("Saved") if saved is not None else _("Cleared"),
            progress=_progress_json(view, user, mine),
        )
    flash(_("Saved.") if saved is not None else _("Score cleared."), "ok")
    return redirect(_back_url(vendor_id, given.target, back))


def _progress_json(view: ProjectView, user: User, mine: set[str]) -> dict[str, Any]:
    req = requirement_progress(view, user, mine)
    steps = step_progress(view, mine)
    return {"done": req.done, "total": req.total, "steps_done": steps.done,
            "steps_total": steps.total,
            "text": _("%(done)d of %(total)d scored", done=req.done, total=req.total)}


def _back_url(vendor_id: str, target: str, back: str) -> str:
    anchor = "t-" + target.replace(".", "-")
    if back.startswith("testdrive:"):
        sid = back.partition(":")[2]
        if sid in project().scenarios:
            return url_for("testdrive.sheet", vendor_id=vendor_id, scenario_id=sid,
                           _anchor=anchor)
    return url_for("scoring.vendor", vendor_id=vendor_id, _anchor=anchor)


def _refused(vendor_id: str, given: ScoreInput, error: str, back: str):
    if wants_json():
        return jsonify(ok=False, target=given.target, error=error), 422
    errors = {given.target: error}
    posted = {given.target: given}
    if back.startswith("testdrive:"):
        from crmselect.webapp.testdrive import render_sheet

        sid = back.partition(":")[2]
        if sid in project().scenarios:
            return render_sheet(vendor_id, sid, errors=errors, posted=posted, status=422)
    return render_vendor_page(vendor_id, errors=errors, posted=posted, status=422)


@bp.route("/declaration", methods=["GET", "POST"])
@allow(*SCORERS)
def declaration():
    """The conflict-of-interest declaration, confirmed before scoring when the project asks."""
    user = current_user()
    assert user is not None
    view = project()
    if not view.project.evaluation.conflict_of_interest:
        abort(404)
    error = ""
    if request.method == "POST":
        choice = request.form.get("choice", "")
        interests = request.form.get("interests", "").strip()
        if request.form.get("confirm") != "yes" or choice not in ("none", "declared"):
            error = _("Confirm the declaration to continue.")
        elif choice == "declared" and not interests:
            error = _("Describe the interest you declare.")
        else:
            with database().write() as s:
                scores.declare(s, evaluator=user.id,
                               interests=interests if choice == "declared" else "",
                               language=language())
            flash(_("Thank you. Your declaration is recorded."), "ok")
            return redirect(url_for("scoring.vendors"))
    with database().read() as s:
        existing = scores.declaration(s, user.id)
        if existing is not None:
            existing = {"at": existing.declared_at, "interests": existing.interests}
    return render_template("declaration.html", error=error, existing=existing,
                           vendors=view.loaded.vendors), (422 if error else 200)
