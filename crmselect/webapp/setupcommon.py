"""What every setup page shares: the blueprint (its routes answer only with ``SETUP`` on),
rendering a page with the problems at their fields, and saving an edit of project.yaml:
round-trip (:mod:`.setupfile`), validated with the rules of ``crmselect validate``, refused
when the file changed since the page was loaded, written to the audit log. See :mod:`.setup`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _

from crmselect.errors import Issue
from crmselect.evaluationdb import audit
from crmselect.webapp import setupfile
from crmselect.webapp.access import allow, current_user
from crmselect.webapp.context import database, web_context
from crmselect.webapp.i18n import core_text

bp = Blueprint("setup", __name__, url_prefix="/setup")

#: The setup pages, in the order a facilitator fills them: endpoint → menu label.
PAGES = ("organisation", "budget", "requirements", "weights", "people", "vendors", "scenarios")


@bp.before_request
def _only_in_setup_mode() -> None:
    if not current_app.config.get("SETUP"):
        abort(404)


def root():  # noqa: ANN201 - a Path
    return web_context().source.root


def page_labels() -> dict[str, str]:
    return {
        "organisation": _("Organisation"), "budget": _("Budget and timeline"),
        "requirements": _("Requirements"), "weights": _("Weights"),
        "people": _("Evaluators"), "vendors": _("Vendors"), "scenarios": _("Scenarios"),
    }


def issue_text(issue: Issue) -> str:
    text = core_text(issue.message)
    if issue.hint:
        text += f" ({core_text(issue.hint)})"
    return text


#: The loader's kinds of problem with a text rule (a pattern, a length). In a mapping whose
#: values are numbers (``exchange_rates``, ``volumes.records``) such a problem is about the key.
KEY_RULES = frozenset({"string_pattern_mismatch", "string_too_long", "string_too_short",
                       "invalid_key"})


def about_key(issue: Issue) -> bool:
    """Whether ``issue``, found in a mapping of numbers, is about one of its keys."""
    return issue.code in KEY_RULES


def field_errors(issues: list[Issue], rename: Callable[[str], str] | None = None,
                 rename_key: Callable[[str], str] | None = None,
                 checked: dict[str, str] | None = None) -> dict[str, str]:
    """Form field name → message. Fields are named by their place in project.yaml
    (``tco.ceiling``, ``users[2].count``), so a loader's issue lands at its field; every issue
    is also listed under ``""`` (shown above the form).

    ``rename_key`` places a problem with a key of a mapping of numbers (:func:`about_key`) at
    the field the key was typed in, ``rename`` every other one. ``checked``: problems the page
    found itself (field → message), placed first: the loader reports one problem per place, so
    a bad key hides its value's problem."""
    errors: dict[str, str] = {}
    general: list[str] = []
    for where, text in (checked or {}).items():
        errors[where] = text
        general.append(f"{where}: {text}")
    for issue in issues:
        where = issue.where if issue.file.endswith(setupfile.PROJECT_FILE) else ""
        if where and rename_key and about_key(issue) and rename_key(where) != where:
            where = rename_key(where)
        elif where and rename:
            where = rename(where)
        text = issue_text(issue)
        if where and errors.get(where) == text:
            continue  # said already at this field (a key and its list of keys)
        if where:
            errors.setdefault(where, text)
        # Every problem is listed above the form too: one whose field the page does not show
        # (a key of a list item, another file) would otherwise go unseen.
        place = where or issue.where
        general.append(f"{place}: {text}" if place else text)
    errors[""] = "\n".join(general) or _("Fix the fields marked in red, then save again.")
    return errors


def row_count(prefix: str, values: dict[str, Any]) -> int:
    """How many rows ``prefix[i].…`` the values hold (the highest row number + 1)."""
    found = [int(m.group(1)) for key, value in values.items()
             if value and (m := re.match(re.escape(prefix) + r"\[(\d{1,3})\]", key))]
    return max(found) + 1 if found else 0


def render(page: str, values: dict[str, Any], errors: dict[str, str] | None = None,
           status: int = 200, **context: Any):  # noqa: ANN201 - a Flask response tuple
    pf = setupfile.read(root())
    return render_template(
        f"setup_{page}.html", page=page, pages=PAGES, labels=page_labels(), values=values,
        errors=errors or {}, digest=request.form.get("digest") or pf.digest,
        row_count=row_count, **context,
    ), status


def commit(page: str, pf: setupfile.ProjectFile, section: str, old: Any, new: Any,
           again: Callable[[dict[str, str], int], Any],
           rename: Callable[[str], str] | None = None, message: str = "", *,
           rename_key: Callable[[str], str] | None = None,
           checked: dict[str, str] | None = None):  # noqa: ANN201
    """Save ``pf`` (the form's edit applied) and come back to ``page``; on a problem, show the
    form again (``again(errors, status)``) with what was typed. ``checked``: the page's own
    problems (field → message); with any, nothing is saved (see :func:`field_errors`)."""
    if checked:
        issues = setupfile.validate_text(root(), pf.dump())
        return again(field_errors(issues, rename, rename_key, checked), 422)
    if not request.form.get("digest"):
        return again({"": _("The form was sent without its version marker (the fingerprint of "
                             "project.yaml as the page showed it), so it cannot tell whether "
                             "the file changed meanwhile. Nothing was saved: reload the page "
                             "and make your change again.")}, 409)
    try:
        issues = setupfile.save(pf, request.form.get("digest", ""))
    except setupfile.StaleFile:
        return again({"": _("project.yaml was changed by someone else (or on disk) since you "
                             "opened this page. Nothing was saved: reload the page to see the "
                             "current file, then make your change again.")}, 409)
    if issues:
        return again(field_errors(issues, rename, rename_key), 422)
    user = current_user()
    assert user is not None
    with database().write() as s:
        audit.record(s, actor=user.id, action=f"setup_{section}", target="project.yaml",
                     old=setupfile.plain(old), new=setupfile.plain(new))
    flash(message or _("Saved to project.yaml."), "ok")
    return redirect(url_for(f"setup.{page}"))


def _overview_issues() -> list[str]:
    pf = setupfile.read(root())
    return [f"{i.where}: {issue_text(i)}" if i.where else issue_text(i)
            for i in setupfile.validate_text(root(), pf.text)]


def counts(data: Any) -> dict[str, int]:
    def size(key: str) -> int:
        value = data.get(key) if hasattr(data, "get") else None
        return len(value) if isinstance(value, list) else 0

    return {key: size(key) for key in ("requirements", "custom_requirements", "evaluators",
                                       "vendors", "scenarios", "users", "objectives")}


@bp.get("/")
@allow("facilitator")
def overview():
    pf = setupfile.read(root())
    return render_template("setup_overview.html", page="overview", pages=PAGES,
                           labels=page_labels(), counts=counts(pf.data),
                           problems=_overview_issues(), folder=str(root()))

