"""Scoring vendors: the vendor list with progress, the scoring page, saving one score.

Every score is saved on its own, as it is given: with JavaScript in the background (fetch with
the CSRF token, JSON answer), without it as a plain form post followed by a redirect back to
the same requirement (post/redirect/get). The rules are checked here, on the server: a score
is 0–5, and 0, 1 or 5 need a note; after the reveal a person's scores of a vendor are read-only
unless the facilitator reopened them (each change then marked), and a vendor the person
declared an interest in is refused unless the facilitator allowed it (:func:`scores.gate`).

The page is made for 100+ requirements: a count per group, "unscored only" (``?unscored=1``),
a "next unscored" link, long criteria and comments folded in ``<details>``; all of it works
without JavaScript, which only makes it quicker.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
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
from crmselect.scorerules import NOTE_MAX, SCORING_ROLES
from crmselect.webapp.access import User, allow, current_user, wants_json
from crmselect.webapp.context import database, project
from crmselect.webapp.i18n import language
from crmselect.webapp.labels import label
from crmselect.webapp.projectview import REFERENCES, ProjectView

bp = Blueprint("scoring", __name__)

SCORERS = SCORING_ROLES  # the rules every scores file obeys too (crmselect.scorerules)


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
    # A browser sends a line break as CR LF and counts it as one against the note's maxlength.
    note = form.get("note", "").replace("\r\n", "\n").strip()
    if form.get("action") == "clear":
        return ScoreInput(target, None, note, clear=True), ""
    raw = form.get("score", "").strip()
    if not raw:
        return ScoreInput(target, None, note), _("Choose a score from 0 to 5.")
    try:
        # + 0.0: "-0" is the score 0, not a negative zero kept as such ("-0.0" in the export).
        value = float(raw.replace(",", ".")) + 0.0
    except ValueError:
        return ScoreInput(target, None, note), _("Choose a score from 0 to 5.")
    if value not in scores.SCALE:
        return ScoreInput(target, None, note), _("Choose a score from 0 to 5.")
    if scores.needs_note(value) and not scores.has_note(note):
        return ScoreInput(target, value, note), _(
            "A score of %(score)d needs a note that says why.", score=int(value))
    if len(note) > NOTE_MAX:
        # Shown back whole: a note cut at the limit could be saved cut without a word.
        return ScoreInput(target, value, note), _("The note is too long (at most 4000 "
                                                  "characters).")
    return ScoreInput(target, value, note), ""


def form_ui(vendor_id: str, readonly: bool = False) -> SimpleNamespace:
    """What every score form of a page shares, made once per page.

    Why: a scoring page of 300 requirements has 300 forms; looking up the same texts and the
    same token in each would make it several times slower.
    """
    # A namespace, not a dict: in a template ``ui.clear`` would be the dict's method.
    return SimpleNamespace(
        action=url_for("scoring.save", vendor_id=vendor_id),
        token=generate_csrf(),
        readonly=readonly,
        lang=language(),
        score=_("Score"), note=_("Note"), hint=_("needed for 0, 1 and 5"),
        save=_("Save"), clear=_("Clear"), saved=_("Saved"),
        no_answer=_("No answer"), vendor_declares=_("Vendor declares"),
        acceptance=_("Acceptance criteria"),
        more_criteria=_("Show all criteria"), more=_("more"),
        next_unscored=_("Next unscored"),
        stamp=scores.stamp,
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
    targets = view.requirement_target_set(user.person)
    return Progress(len(targets.intersection(mine)), len(targets))


def step_progress(view: ProjectView, mine: Collection[str]) -> Progress:
    return Progress(len(view.step_target_set.intersection(mine)), len(view.step_target_set))


def my_scores(user: User, vendor: str) -> dict[str, scores.Score]:
    with database().read() as s:
        return {row.target: row for row in scores.scores(s, evaluator=user.id, vendor=vendor)}


@bp.get("/vendors")
@allow(*SCORERS, scoring=True, declaration=True)
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
        gate = vendor_gate(user, vid)
        cards.append({
            "vendor": vendor,
            "requirements": requirement_progress(view, user, given),
            "steps": step_progress(view, given),
            "references": REFERENCES in given,
            "gate": gate,
            "closed": closed_reason(gate),
        })
    return render_template("vendors.html", cards=cards, has_scenarios=bool(view.scenarios))


@dataclass(frozen=True)
class GroupRows:
    """One group of the scoring page: its requirements (after the filter) and its count."""

    id: str
    requirements: tuple[Any, ...]
    done: int
    total: int


def page_groups(areas: Any, mine: Collection[str], unscored_only: bool
                ) -> list[tuple[str, list[GroupRows]]]:
    """(area id, its groups) with each group's scored count; with ``unscored_only`` only the
    requirements not scored yet (a group with none left is still listed, with its count)."""
    out = []
    for area in areas:
        groups = []
        for group in area.groups:
            done = sum(1 for r in group.requirements if r.id in mine)
            shown = tuple(r for r in group.requirements
                          if not unscored_only or r.id not in mine)
            groups.append(GroupRows(group.id, shown, done, len(group.requirements)))
        out.append((area.id, groups))
    return out


def render_vendor_page(vendor_id: str, errors: dict[str, str] | None = None,
                       posted: dict[str, ScoreInput] | None = None, status: int = 200):
    user = current_user()
    assert user is not None
    view = project()
    vendor = vendor_or_404(vendor_id)
    lang = language()
    mine = my_scores(user, vendor_id)
    gate = vendor_gate(user, vendor_id)
    unscored_only = request.args.get("unscored") == "1"
    areas = view.requirement_areas(user.person)
    groups = page_groups(areas, mine, unscored_only)
    targets = [r.id for a in areas for r in a.requirements]
    next_unscored = next((t for t in targets if t not in mine), None)
    if next_unscored is None and REFERENCES not in mine:
        next_unscored = REFERENCES
    return render_template(
        "score_vendor.html",
        vendor=vendor,
        groups=groups,
        area_names=view.area_names(lang),
        group_names=view.group_names(lang),
        mine=mine,
        errors=errors or {},
        posted=posted or {},
        progress=requirement_progress(view, user, mine),
        sees_prices=view.sees_prices(user.person, gate.revealed),
        currency=view.project.currency,
        references=REFERENCES,
        scale=scores.SCALE,
        unscored_only=unscored_only,
        next_unscored=next_unscored,
        gate=gate,
        closed=closed_reason(gate),
        ui=form_ui(vendor_id, readonly=not gate.open),
    ), status


@bp.get("/vendors/<vendor_id>")
@allow(*SCORERS, scoring=True, declaration=True)
def vendor(vendor_id: str):
    return render_vendor_page(vendor_id)


@bp.post("/vendors/<vendor_id>/score")
@allow(*SCORERS, scoring=True, declaration=True)
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
    # The score as the page showed it (scores.stamp); a client that sends none (a script) is
    # not checked.
    shown = request.form.get("stamp")
    status = 403
    with database().driver_write() as s:
        # Checked in the write transaction: a reveal that lands meanwhile freezes this save too.
        gate, old = scores.gate_for_save(
            s, user.id, vendor_id, given.target,
            conflict_of_interest=view.project.evaluation.conflict_of_interest)
        now = scores.stamp(old)
        if not gate.open:
            refusal = closed_reason(gate)
        elif shown is not None and shown != now and not _same(given, old):
            # Another tab or window changed this score after this page was opened: the older
            # page must not overwrite it without a word.
            refusal, status = stale_reason(old), 409
        elif given.clear:
            refusal = ""
            scores.clear_score(s, actor=user.id, evaluator=user.id, vendor=vendor_id,
                               target=given.target, action=gate.action("score_cleared"))
            saved = None
        else:
            refusal = ""
            assert given.score is not None
            saved = scores.save_score(s, actor=user.id, evaluator=user.id, vendor=vendor_id,
                                      target=given.target, score=given.score, note=given.note,
                                      action=gate.action("score"), old=old)
            if not gate.fingerprinted:  # only the first save keeps it: skip the statement
                settings.remember_weights_fingerprint(s, view.weights_fingerprint)
    if refusal:
        return _refused(vendor_id, given, refusal, back, status=status, stamp=now)
    if wants_json():
        # A small answer: the page counts its own progress (it knows which of its forms are
        # scored) and shows "Saved" and the time in its language, so a save neither reads the
        # person's scores again nor formats a date nor looks up a translation (issue 10: a
        # save is what 20 people send at once).
        return jsonify(
            ok=True, target=given.target,
            score=None if saved is None else given.score, note=given.note,
            version=None if saved is None else saved.version,
            saved_at=None if saved is None else _iso(saved.updated_at),
            stamp=scores.stamp(saved),
        )
    flash(_("Saved.") if saved is not None else _("Score cleared."), "ok")
    return redirect(_back_url(vendor_id, given.target, back))


def _same(given: ScoreInput, old: scores.OldScore | None) -> bool:
    """Whether the save leaves the score as it is now (then it is no overwrite, stale or not)."""
    if given.clear:
        return old is None
    return old is not None and old.score == given.score and old.note == given.note


def stale_reason(old: scores.OldScore | None) -> str:
    """Why a save from a page older than the score it would replace is refused."""
    if old is None:
        return _("This score was cleared in another window or tab after this page was opened. "
                 "Save again to give yours, or reload the page.")
    return _("This score was changed in another window or tab after this page was opened: it "
             "is now %(score)d. Save again to replace it with yours, or reload the page.",
             score=int(old.score))


def _iso(value: dt.datetime) -> str:
    """A stored time (UTC, naive or aware) as ISO 8601 with its offset, for the page's script."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.isoformat(timespec="seconds")


def _back_url(vendor_id: str, target: str, back: str) -> str:
    anchor = "t-" + target.replace(".", "-")
    if back.startswith("testdrive:"):
        sid = back.partition(":")[2]
        if sid in project().scenarios:
            return url_for("testdrive.sheet", vendor_id=vendor_id, scenario_id=sid,
                           _anchor=anchor)
    return url_for("scoring.vendor", vendor_id=vendor_id, _anchor=anchor)


def closed_reason(gate: scores.Gate) -> str:
    """Why a person may not change their scores of a vendor now ('' when they may)."""
    if gate.blocked:
        return _("You declared a conflict of interest in this vendor, so you cannot score it. "
                 "The facilitator can allow it, with a reason.")
    if gate.frozen:
        return _("Scores are frozen since the reveal. A change goes through the facilitator: "
                 "in the consensus meeting, or by reopening your scoring of this vendor.")
    return ""


def vendor_gate(user: User, vendor_id: str) -> scores.Gate:
    with database().read_connection() as conn:
        return scores.gate(conn, user.id, vendor_id,
                           conflict_of_interest=project().project.evaluation.conflict_of_interest)


# Pages other than the vendor page that post scores here (``back`` = "<page>:<id>") and are
# shown again with the refusal: each registers its renderer, so this module imports none of them.
_SHEETS: dict[str, Callable[..., Any]] = {}


def shown_again_on_refusal(page: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register ``render(vendor_id, sheet_id, errors=, posted=, status=)`` for ``back`` values
    starting with ``page:``."""
    def register(render: Callable[..., Any]) -> Callable[..., Any]:
        _SHEETS[page] = render
        return render
    return register


def _refused(vendor_id: str, given: ScoreInput, error: str, back: str, status: int = 422,
             stamp: str | None = None):
    """The refusal, as JSON for the page's script or as the page again (with what was sent).
    ``stamp``: the score's stamp now, which the page keeps (so that saving again replaces a
    score changed in another tab: after the person was told)."""
    if wants_json():
        field = "" if status in (403, 409) else ("score" if given.score is None else "note")
        answer = {"ok": False, "target": given.target, "error": error, "field": field}
        if stamp is not None:
            answer["stamp"] = stamp
        return jsonify(answer), status
    errors = {given.target: error}
    posted = {given.target: given}
    page, _, sid = back.partition(":")
    if page == "testdrive" and page in _SHEETS and sid in project().scenarios:
        return _SHEETS[page](vendor_id, sid, errors=errors, posted=posted, status=status)
    return render_vendor_page(vendor_id, errors=errors, posted=posted, status=status)


@bp.route("/declaration", methods=["GET", "POST"])
@allow(*SCORERS, scoring=True)
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
        named = [v for v in request.form.getlist("vendor") if v in view.loaded.vendors]
        if request.form.get("confirm") != "yes" or choice not in ("none", "declared"):
            error = _("Confirm the declaration to continue.")
        elif choice == "declared" and not interests:
            error = _("Describe the interest you declare.")
        elif choice == "declared" and not named:
            error = _("Tick the vendors your interest concerns.")
        else:
            with database().write() as s:
                # Checked in the write transaction: a declared interest is withdrawn by the
                # facilitator's permit, never by declaring again without it.
                dropped = [v for v in sorted(scores.declared_vendors(
                    scores.declaration(s, user.id))) if v in view.loaded.vendors
                    and (choice != "declared" or v not in named)]
                if not dropped:
                    scores.declare(s, evaluator=user.id,
                                   interests=interests if choice == "declared" else "",
                                   language=language(),
                                   vendors=named if choice == "declared" else ())
            if dropped:
                error = _("You declared an interest in %(vendors)s: it stays declared. If it no "
                          "longer applies, the facilitator can allow you to score, with a "
                          "reason. Nothing was changed.",
                          vendors=", ".join(view.loaded.vendors[v].name for v in dropped))
            else:
                flash(_("Thank you. Your declaration is recorded."), "ok")
                return redirect(url_for("scoring.vendors"))
    with database().read() as s:
        existing = scores.declaration(s, user.id)
        if existing is not None:
            existing = {"at": existing.declared_at, "interests": existing.interests,
                        "vendors": scores.declared_vendors(existing)}
    return render_template("declaration.html", error=error, existing=existing,
                           vendors=view.loaded.vendors), (422 if error else 200)
