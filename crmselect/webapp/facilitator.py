"""The facilitator's pages: everyone's progress, the reveal, the consensus meeting, the audit
log. Only the facilitator reaches them."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from crmselect.documents.formatting import slug_label
from crmselect.documents.strings import load_strings
from crmselect.evaluationdb import accounts, audit, consensus, scores, settings
from crmselect.evaluationdb.consensus import StaleEdit
from crmselect.webapp.access import allow, current_user
from crmselect.webapp.context import database, project
from crmselect.webapp.i18n import language
from crmselect.webapp.projectview import REFERENCES, target_label
from crmselect.webapp.scoring import Progress

bp = Blueprint("facilitator", __name__, url_prefix="/facilitator")


@bp.get("/")
@allow("facilitator")
def progress():
    view = project()
    with database().read() as s:
        done = scores.counts(s)
        people = accounts.accounts(s)
        declarations = {p.id: scores.declaration(s, p.id) for p in view.project.evaluators}
        declarations = {k: (v.declared_at, v.interests) for k, v in declarations.items() if v}
        revealed = settings.revealed(s)
        total = scores.total(s)
    rows = []
    for person in view.project.evaluators:
        if person.role == "observer":
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
    return render_template(
        "facilitator_progress.html", rows=rows, vendors=view.loaded.vendors,
        departments=departments,
        revealed=revealed, total=total,
        conflict_of_interest=view.project.evaluation.conflict_of_interest,
        observers=[p for p in view.project.evaluators if p.role == "observer"],
    )


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
        rows = [r for r in scores.scores(s, vendor=vendor_filter or None)
                if r.vendor_id in view.loaded.vendors]
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
        "consensus.html", items=items, others=others, unplaced=unplaced,
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
    with database().read() as s:
        result = audit.entries(s, page=page, per_page=per_page, vendor=vendor or None)
        entries = [{
            "at": e.at, "actor": e.actor, "action": e.action, "evaluator": e.evaluator_id,
            "vendor": e.vendor_id, "target": e.target, "old": audit.decode(e.old_value),
            "new": audit.decode(e.new_value), "reason": e.reason,
        } for e in result.entries]
    pages = max(1, (result.total + per_page - 1) // per_page)
    return render_template("audit.html", entries=entries, page=page, pages=pages,
                           total=result.total, vendor=vendor, vendors=view.loaded.vendors,
                           evaluators=view.evaluators)
