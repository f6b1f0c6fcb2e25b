"""The facilitator's pages: everyone's progress, the reveal, the permits (reopening scoring
after the reveal, allowing a declared interest), the consensus meeting, the audit log.

Only the facilitator reaches them, except the progress page, which observers read too (counts,
never scores). A facilitator who scores is as blind as the evaluators until the reveal: the
progress counts, not others' scores or notes; consensus starts after the reveal."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from crmselect.documents.formatting import slug_label
from crmselect.documents.strings import load_strings
from crmselect.evaluationdb import accounts, audit, consensus, permits, scores, settings
from crmselect.evaluationdb.consensus import StaleEdit
from crmselect.webapp.access import allow, current_user
from crmselect.webapp.context import database, project
from crmselect.webapp.i18n import language, number
from crmselect.webapp.inputs import limited
from crmselect.webapp.projectview import REFERENCES, target_label
from crmselect.webapp.scoring import Progress

bp = Blueprint("facilitator", __name__, url_prefix="/facilitator")

#: The longest reason a permit takes (the form's ``maxlength``).
MAX_PERMIT_REASON = 4000


@bp.get("/")
@allow("facilitator", "observer")
def progress():
    return _render_progress()


def _render_progress(errors: dict[str, str] | None = None,
                     posted: dict[str, dict[str, str]] | None = None, status: int = 200):
    """The progress page; ``errors`` and ``posted``: a refused permit form, keyed by
    :func:`_permit_key`, shown again as the facilitator filled it, its error at it."""
    view = project()
    user = current_user()
    assert user is not None
    with database().read() as s:
        done = scores.counts(s)
        people = accounts.accounts(s)
        found = {p.id: scores.declaration(s, p.id) for p in view.project.evaluators}
        declarations = {k: (v.declared_at, v.interests, sorted(scores.declared_vendors(v)))
                        for k, v in found.items() if v}
        revealed = settings.revealed(s)
        total = scores.total(s)
        granted = permits.permits(s)
    rows = []
    for person in view.project.evaluators:
        if not view.scores(person):
            continue
        targets = set(view.requirement_targets(person))
        steps = set(view.step_targets)
        cells = []
        for vid in view.loaded.vendors:
            given = set(done.get((person.id, vid), []))
            cells.append({
                "vendor": vid,
                "requirements": Progress(len(given & targets), len(targets)),
                "steps": Progress(len(given & steps), len(steps)),
                "references": REFERENCES in given,
            })
        account = people.get(person.id)
        rows.append({"person": person, "cells": cells,
                     "active": account is not None and account.password_hash is not None,
                     "declaration": declarations.get(person.id)})
    # Departments are slugs in project.yaml; the document strings name them in both languages.
    names = load_strings(language(), view.loaded.root)["common"]
    departments = {p.department: slug_label(names, "department", p.department)
                   for p in view.project.evaluators if p.department}
    scorers = [p for p in view.project.evaluators if view.scores(p)]
    allowed = {(g.evaluator, g.vendor): g for g in granted if g.kind == permits.INTEREST}
    interests = [
        {"person": view.evaluators[pid], "vendor": vid, "interest": decl[1],
         "permit": allowed.get((pid, vid))}
        for pid, decl in declarations.items() if pid in view.evaluators
        for vid in decl[2] if vid in view.loaded.vendors
    ]
    # A refused form the page does not show (a permit granted or the reveal undone
    # meanwhile) has its error above the permits all the same.
    shown = {_permit_key(permits.INTEREST, i["person"].id, i["vendor"])
             for i in interests if not i["permit"]} | ({"reopen"} if revealed else set())
    return render_template(
        "facilitator_progress.html", rows=rows, vendors=view.loaded.vendors,
        departments=departments,
        revealed=revealed, total=total,
        conflict_of_interest=view.project.evaluation.conflict_of_interest,
        observers=[p for p in view.project.evaluators if p.role == "observer"],
        facilitators=[p for p in view.project.evaluators
                      if p.role == "facilitator" and not view.scores(p)],
        manages=user.is_facilitator, scorers=scorers, interests=interests,
        reopened=[g for g in granted if g.kind == permits.REOPEN],
        errors=errors or {}, posted=posted or {}, max_permit_reason=MAX_PERMIT_REASON,
        unplaced=[m for k, m in (errors or {}).items() if k not in shown],
    ), status


def _permit_key(kind: str, evaluator: str, vendor: str) -> str:
    """Which permit form on the progress page was posted: one per declared interest, one for
    reopening (whose evaluator and vendor are chosen in it)."""
    return f"interest:{evaluator}:{vendor}" if kind == permits.INTEREST else "reopen"


@bp.post("/permit")
@allow("facilitator")
@limited(reason=MAX_PERMIT_REASON)
def permit():
    """Grant or withdraw a permit: reopen an evaluator's scoring of a vendor after the reveal,
    or allow scoring a vendor despite a declared interest. Both need a reason."""
    user = current_user()
    assert user is not None
    view = project()
    kind = request.form.get("kind", "")
    evaluator = request.form.get("evaluator", "")
    vendor = request.form.get("vendor", "")
    reason = request.form.get("reason", "").strip()
    person = view.evaluators.get(evaluator)
    if kind not in permits.KINDS or person is None or not view.scores(person) \
            or vendor not in view.loaded.vendors or "\x00" in reason:
        abort(400)
    if request.form.get("action") == "withdraw":
        with database().write() as s:
            permits.withdraw(s, actor=user.id, kind=kind, evaluator=evaluator, vendor=vendor)
        flash(_("Permit withdrawn."), "ok")
        return redirect(url_for("facilitator.progress", _anchor="permits"))
    if evaluator == user.id:
        # Allowing one's own declared interest, or reopening one's own scores after seeing
        # everyone's, is no check at all: it takes another facilitator.
        key = _permit_key(kind, evaluator, vendor)
        return _render_progress(
            {key: _("You cannot give yourself a permit: another facilitator can, with a "
                    "reason.")},
            {key: {"reason": reason, "evaluator": evaluator, "vendor": vendor}}, 403)
    if not reason:
        flash(_("Give a reason: it is kept in the audit log."), "error")
        return redirect(url_for("facilitator.progress", _anchor="permits"))
    if len(reason) > MAX_PERMIT_REASON:
        # The form again as it was filled, the limit named; nothing is stored.
        key = _permit_key(kind, evaluator, vendor)
        return _render_progress(
            {key: _("The reason is too long: %(n)s characters, at most %(max)s. Shorten it "
                    "and save again.", n=number(len(reason), 0),
                    max=number(MAX_PERMIT_REASON, 0))},
            {key: {"reason": reason, "evaluator": evaluator, "vendor": vendor}}, 422)
    with database().write() as s:
        if kind == permits.REOPEN and settings.revealed(s) is None:
            flash(_("Scoring is still open for everyone; reopening is for after the reveal."),
                  "error")
            return redirect(url_for("facilitator.progress", _anchor="permits"))
        permits.grant(s, actor=user.id, kind=kind, evaluator=evaluator, vendor=vendor,
                      reason=reason)
    flash(_("%(who)s may now change their scores of %(vendor)s; each change is marked "
            "“changed after reveal”.", who=person.name,
            vendor=view.loaded.vendors[vendor].name) if kind == permits.REOPEN
          else _("%(who)s may now score %(vendor)s; those scores are marked as given despite "
                 "a declared interest.", who=person.name,
                 vendor=view.loaded.vendors[vendor].name), "ok")
    return redirect(url_for("facilitator.progress", _anchor="permits"))


@bp.post("/reveal")
@allow("facilitator")
def reveal():
    user = current_user()
    assert user is not None
    if request.form.get("confirm") != "yes":
        flash(_("Tick the box to confirm that you want to reveal the scores."), "error")
        return redirect(url_for("facilitator.progress"))
    with database().write() as s:
        changed = settings.reveal(s, user.id)
    flash(_("The scores are now visible to everyone.") if changed
          else _("The scores were already revealed."), "ok")
    return redirect(url_for("facilitator.consensus_view"))


def _render_consensus(errors: dict[tuple[str, str], str] | None = None,
                      posted: dict[tuple[str, str], dict] | None = None, status: int = 200):
    view = project()
    lang = language()
    vendor_filter = request.args.get("vendor", "") or request.form.get("filter", "")
    spread = view.project.scoring.disagreement_spread
    with database().read() as s:
        revealed = settings.revealed(s)
        if revealed is None:  # consensus starts at the reveal: nothing is shown before
            rows = []
        else:
            rows = [r for r in scores.scores(s, vendor=vendor_filter or None)
                    if r.vendor_id in view.loaded.vendors]
        marks = consensus.marks(s, rows, revealed.at if revealed else None)
        found = consensus.disagreements(rows, spread)
        agreed = {(c.vendor_id, c.target): consensus.Agreed.of(c)
                  for c in consensus.all_records(s)}
    items = []
    for d in found:
        code, title = target_label(view, d.target, lang)
        items.append({"d": d, "code": code, "title": title,
                      "agreed": agreed.get((d.vendor, d.target))})
    listed = {(d.vendor, d.target) for d in found}
    others = []
    for key, record in sorted(agreed.items()):
        if key in listed or (vendor_filter and key[0] != vendor_filter):
            continue
        code, title = target_label(view, key[1], lang)
        others.append({"agreed": record, "code": code, "title": title})
    shown = listed | {(o["agreed"].vendor, o["agreed"].target) for o in others}
    unplaced = [message for key, message in (errors or {}).items() if key not in shown]
    return render_template(
        "consensus.html", items=items, others=others, unplaced=unplaced, marks=marks,
        vendors=view.loaded.vendors,
        evaluators=view.evaluators, vendor_filter=vendor_filter, spread=spread,
        errors=errors or {}, posted=posted or {}, scale=scores.SCALE,
    ), status


@bp.get("/consensus")
@allow("facilitator")
def consensus_view():
    return _render_consensus()


@bp.post("/consensus")
@allow("facilitator")
def consensus_save():
    """Record a consensus score with its reason; refused if the page was stale."""
    user = current_user()
    assert user is not None
    view = project()
    vendor = request.form.get("vendor", "")
    target = request.form.get("target", "")
    if vendor not in view.loaded.vendors or not view.is_target(target):
        abort(400)
    key = (vendor, target)
    reason = request.form.get("reason", "").strip()
    raw = request.form.get("score", "")
    try:
        based_on = int(request.form.get("version", "0"))
    except ValueError:
        abort(400)
    posted = {key: {"score": raw, "reason": reason}}
    with database().read() as s:
        if settings.revealed(s) is None:
            refusal = _("Consensus starts after the reveal: until then every evaluator scores "
                        "on their own.")
        elif not consensus.scored(s, vendor, target):
            refusal = _("Nobody scored this item for this vendor: there is nothing to agree on.")
        else:
            refusal = ""
    if refusal:
        return _render_consensus({key: refusal}, posted, 409)
    if raw not in {str(v) for v in scores.SCALE}:
        return _render_consensus({key: _("Choose a score from 0 to 5.")}, posted, 422)
    if not reason:
        return _render_consensus({key: _("A consensus score needs a reason.")}, posted, 422)
    try:
        with database().write() as s:
            consensus.record(s, actor=user.id, vendor=vendor, target=target, score=float(raw),
                             reason=reason, based_on=based_on)
    except StaleEdit as stale:
        current = stale.current
        if current is None:
            message = _("The consensus score was removed in the meantime. Your change was "
                        "not saved; review and save again.")
        else:
            name = view.evaluators.get(current.by)
            message = _(
                "%(who)s changed this consensus score to %(score)s in the meantime. Your "
                "change was not saved; review and save again.",
                who=name.name if name else current.by, score=f"{current.score:g}")
        return _render_consensus({key: message}, posted, 409)
    flash(_("Consensus score saved."), "ok")
    return redirect(url_for("facilitator.consensus_view", vendor=request.form.get("filter") or
                            None, _anchor=f"c-{vendor}-{target.replace('.', '-')}"))


@bp.get("/audit")
@allow("facilitator")
def audit_log():
    view = project()
    try:
        page = max(1, int(request.args.get("page", "1")))
    except ValueError:
        page = 1
    vendor = request.args.get("vendor", "")
    per_page = 100
    user = current_user()
    assert user is not None
    with database().read() as s:
        blind = view.is_blind(user.person, settings.revealed(s) is not None)
        result = audit.entries(s, page=page, per_page=per_page, vendor=vendor or None)
        entries = []
        for e in result.entries:
            # A facilitator who scores sees, until the reveal, that others scored, not what.
            hidden = blind and e.evaluator_id not in (None, user.id) \
                and e.action not in ("declaration", "permit_reopen", "permit_interest")
            entries.append({
                "at": e.at, "actor": e.actor, "action": e.action, "evaluator": e.evaluator_id,
                "vendor": e.vendor_id, "target": e.target, "hidden": hidden,
                "old": None if hidden else audit.decode(e.old_value),
                "new": None if hidden else audit.decode(e.new_value),
                "reason": "" if hidden else e.reason,
            })
    pages = max(1, (result.total + per_page - 1) // per_page)
    return render_template("audit.html", entries=entries, page=page, pages=pages,
                           total=result.total, vendor=vendor, vendors=view.loaded.vendors,
                           evaluators=view.evaluators)
