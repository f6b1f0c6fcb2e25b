"""The needs workshop (issue 14, point 7): each department's stakeholder proposes a priority
for the requirements of their areas, with a reason; the facilitator sees every proposal side
by side, the disagreements first, and decides.

No JavaScript: one small form per requirement, posted and redirected back to its anchor.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _

from crmselect.documents.formatting import slug_label
from crmselect.documents.strings import load_strings
from crmselect.errors import CrmselectError
from crmselect.evaluationdb import audit, workshop
from crmselect.webapp import setupfile, workshopfile
from crmselect.webapp.access import allow, current_user
from crmselect.webapp.context import database, project, web_context
from crmselect.webapp.errors import render_error
from crmselect.webapp.i18n import core_text, language, number
from crmselect.webapp.inputs import kept_fields, limited

bp = Blueprint("workshop", __name__, url_prefix="/workshop")


@bp.app_context_processor
def _menu() -> dict[str, bool]:
    """Whether the facilitator's menu shows the workshop: only when the project names
    stakeholders (a phone's menu has no room for a page with nothing on it)."""
    try:
        view = project()
    except CrmselectError:
        return {"workshop_open": False}
    return {"workshop_open": any(p.role == "stakeholder" for p in view.project.evaluators)}


def _requirements(areas: list[str] | tuple[str, ...]) -> list:  # noqa: ANN202
    """The project's requirements of ``areas`` (all when empty), in catalog order."""
    view = project()
    return [r for r in view.loaded.requirements.values() if not areas or r.area in areas]


def _form() -> tuple[str, str, str]:
    """The posted requirement, priority and reason. A browser sends a line break of the reason
    as CR LF but counts it as one character against ``maxlength``: counted here as the browser
    counted it, so a reason the form took is never refused as too long."""
    requirement = request.form.get("requirement", "")
    if requirement not in project().loaded.requirements:
        # project.yaml may have dropped it since the page was opened: say so, and show back
        # what was typed, rather than a bare "bad request".
        abort(make_response(*render_error(400, _(
            "%(id)s is not among this project's requirements (any more): project.yaml may "
            "have changed since you opened the page. Nothing was saved; reload the page.",
            id=requirement[:40]), kept=kept_fields())))
    reason = request.form.get("reason", "").replace("\r\n", "\n")
    return requirement, request.form.get("priority", ""), reason


def _refusal(priority: str, reason: str, decision: bool) -> str:
    """Why a proposal (or a decision) cannot be saved, naming its real cause ('' when it
    can): the same checks as :func:`workshop.save_proposal`, said to the person."""
    if priority not in workshop.PRIORITIES:
        return _("Choose a priority.")
    if not reason.strip():
        return _("Say why: a decision needs a reason.") if decision else \
            _("Say why: a proposal needs a reason.")
    if len(reason.strip()) > workshop.MAX_REASON:
        return _("The reason is too long: %(n)s characters, at most %(max)s. Shorten it and "
                 "save again.", n=number(len(reason.strip()), 0),
                 max=number(workshop.MAX_REASON, 0))
    return ""


def _page(template: str, requirement: str, priority: str, reason: str, error: str,
          **context: object):  # noqa: ANN202 - a Flask response tuple
    """``template`` again with the refused form as the person filled it, its error at it;
    nothing was saved."""
    return render_template(template, posted={requirement: {"priority": priority,
                                                           "reason": reason}},
                           errors={requirement: error}, **context), 422


@bp.get("/")
@allow("stakeholder")
def proposals():
    user = current_user()
    assert user is not None
    with database().read() as s:
        mine = {rid: p.get(user.id) for rid, p in workshop.proposals(s).items()}
    return render_template("workshop.html", **_proposals_context(mine))


def _proposals_context(mine: dict) -> dict[str, object]:
    user = current_user()
    assert user is not None
    return {"requirements": _requirements(user.person.areas), "mine": mine, "lang": language(),
            "priorities": workshop.PRIORITIES, "max_reason": workshop.MAX_REASON}


@bp.post("/")
@allow("stakeholder")
@limited(reason=workshop.MAX_REASON)
def propose():
    user = current_user()
    assert user is not None
    requirement, priority, reason = _form()
    if user.person.areas and project().loaded.requirements[requirement].area \
            not in user.person.areas:
        abort(403)
    refusal = _refusal(priority, reason, decision=False)
    if refusal:
        with database().read() as s:
            mine = {rid: p.get(user.id) for rid, p in workshop.proposals(s).items()}
        return _page("workshop.html", requirement, priority, reason, refusal,
                     **_proposals_context(mine))
    with database().write() as s:
        workshop.save_proposal(s, stakeholder=user.id, requirement=requirement,
                               priority=priority, reason=reason)
    flash(_("Proposal saved for %(id)s.", id=requirement), "ok")
    return redirect(url_for("workshop.proposals", _anchor=f"r-{requirement}"))


@bp.get("/decisions")
@allow("facilitator")
def decisions():
    return render_template("workshop_decisions.html", **_decisions_context())


def _decisions_context() -> dict[str, object]:
    view = project()
    with database().read() as s:
        found = workshop.proposals(s)
        decided = workshop.decisions(s)
    rows = []
    for req in _requirements(()):
        given = found.get(req.id, {})
        rows.append({"req": req, "proposals": given, "decided": decided.get(req.id),
                     "disagree": workshop.disagreeing(given)})
    rows.sort(key=lambda r: (not r["disagree"], not r["proposals"]))
    stakeholders = [p for p in view.project.evaluators if p.role == "stakeholder"]
    # Departments are slugs in project.yaml; the document strings name them in both languages.
    names = load_strings(language(), view.loaded.root)["common"]
    departments = {p.department: slug_label(names, "department", p.department)
                   for p in view.project.evaluators if p.department}
    return {"rows": rows, "stakeholders": stakeholders, "people": view.evaluators,
            "departments": departments,
            "lang": language(), "priorities": workshop.PRIORITIES,
            "max_reason": workshop.MAX_REASON,
            "digest": request.form.get("digest") or setupfile.read(
                web_context().source.root).digest}


@bp.post("/decisions")
@allow("facilitator")
@limited(reason=workshop.MAX_REASON)
def decide():
    user = current_user()
    assert user is not None
    requirement, priority, reason = _form()
    refusal = _refusal(priority, reason, decision=True)
    if refusal:
        return _page("workshop_decisions.html", requirement, priority, reason, refusal,
                     **_decisions_context())
    with database().write() as s:
        workshop.decide(s, by=user.id, requirement=requirement, priority=priority,
                        reason=reason)
    _write(user.id, requirement, priority, reason)
    return redirect(url_for("workshop.decisions", _anchor=f"r-{requirement}"))


def _write(actor: str, requirement: str, priority: str, reason: str) -> None:
    """Write the decision (already in the database) into project.yaml, and say how it went.
    A refused write loses nothing: the decision stays in the database, the page and the
    status step list it until project.yaml says the same."""
    current = project().loaded.requirements[requirement].priority
    if not request.form.get("digest"):
        flash(_("Decision saved for %(id)s, but not written to project.yaml: the form was sent "
                "without its version marker (the fingerprint of project.yaml as the page "
                "showed it). Reload the page and save the decision again.", id=requirement),
              "error")
        return
    try:
        written = workshopfile.write_decision(web_context().source.root,
                                              request.form.get("digest", ""), requirement,
                                              priority, current)
    except setupfile.StaleFile:
        flash(_("Decision saved for %(id)s, but not written to project.yaml: the file was "
                "changed by someone else (or on disk) since you opened this page. Reload the "
                "page and save the decision again.", id=requirement), "error")
        return
    except workshopfile.WholeCatalog:
        flash(_("Decision saved for %(id)s, but not written to project.yaml: it selects no "
                "requirement (the whole catalog). Pick the requirements on the setup pages "
                "or under requirements: first.", id=requirement), "error")
        return
    if written.issues:
        problems = "; ".join(f"{i.where}: {core_text(i.message)}" if i.where else
                             core_text(i.message) for i in written.issues)
        flash(_("Decision saved for %(id)s, but not written to project.yaml, which would not "
                "be valid: %(problems)s", id=requirement, problems=problems), "error")
        return
    if written.changed:
        with database().write() as s:
            audit.record(s, actor=actor, action="needs_decision_written", target="project.yaml",
                         old=written.old, new=written.new, reason=reason)
        flash(_("Decision saved for %(id)s and written to project.yaml.", id=requirement), "ok")
        return
    flash(_("Decision saved for %(id)s.", id=requirement), "ok")
