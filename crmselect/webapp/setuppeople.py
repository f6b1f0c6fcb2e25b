"""The setup pages for the evaluators and for the weights (direct, or an AHP pairwise
comparison of the top-level criteria and of the functional areas, each with its consistency
ratio) and knock-out threshold."""

from __future__ import annotations

import re
from typing import Any

from flask import request
from flask_babel import gettext as _

from crmselect.catalog import load_catalog
from crmselect.errors import CrmselectError
from crmselect.evaluationdb import scores
from crmselect.model import AREAS, FUNCTIONAL_AREAS, LANGUAGES, TOP_CRITERIA
from crmselect.personid import person_id
from crmselect.scoring.ahp import ahp
from crmselect.webapp import setupfile
from crmselect.webapp.access import allow, current_user
from crmselect.webapp.context import database
from crmselect.webapp.i18n import fixed, language
from crmselect.webapp.setupcommon import bp, commit, issue_text, render, root
from crmselect.webapp.setupforms import BLANK_ROWS, number, renamer, rows

ROLES = ("facilitator", "evaluator", "observer", "stakeholder")
#: Saaty's scale as offered in the pairwise form: the value stored, as the form shows it.
SAATY = ("1/9", "1/7", "1/5", "1/3", "1", "3", "5", "7", "9")


def _people_values(data: Any) -> dict[str, str]:
    values: dict[str, str] = {}
    for i, person in enumerate(data.get("evaluators") or []):
        for key in ("id", "name", "email", "role", "department", "language"):
            values[f"evaluators[{i}].{key}"] = str(person.get(key) or "")
        for area in person.get("areas") or []:
            values[f"evaluators[{i}].areas.{area}"] = "yes"
    return values


def _areas() -> dict[str, str]:
    return {a.id: a.name.get(language()) for a in load_catalog().areas}


@bp.route("/people", methods=["GET", "POST"])
@allow("facilitator")
def people():
    pf = setupfile.read(root())
    data = pf.data
    n_rows = len(data.get("evaluators") or []) + BLANK_ROWS

    def again(errors: dict[str, str], status: int):  # noqa: ANN202
        return render("people", request.form.to_dict(), errors, status, roles=ROLES,
                      areas=AREAS, languages=LANGUAGES, n_rows=n_rows, area_names=_areas())

    if request.method == "GET":
        return render("people", _people_values(data), roles=ROLES, areas=AREAS,
                      languages=LANGUAGES, n_rows=n_rows, area_names=_areas())
    fields = ("id", "name", "email", "role", "department", "language",
              *(f"areas.{a}" for a in AREAS))
    # A row whose only values are the selects' defaults (role, language) is an empty row.
    found = [(i, r) for i, r in rows("evaluators", fields)
             if any(r.get(k) for k in ("id", "name", "email", "department"))]
    people_rows = []
    typed = {r["id"] for _i, r in found if r.get("id")}
    for _i, r in found:
        person: dict[str, Any] = {k: r[k] for k in ("id", "name", "email", "role",
                                                     "department", "language") if r.get(k)}
        made = "" if "id" in person else person_id(person.get("name", ""), typed)
        if made:
            # A name without an id: the id from the name (Ayşe Yılmaz → ayse), as the
            # invitation will show it; not one another row has.
            person = {"id": made, **person}
            typed.add(made)
        areas = [a for a in AREAS if r.get(f"areas.{a}")]
        if areas:
            person["areas"] = areas
        people_rows.append(setupfile.flow(person))
    old = data.get("evaluators")
    if not any(p.get("role") == "facilitator" for p in people_rows):
        return again({"": _("Keep at least one facilitator: only a facilitator reaches these "
                            "pages. Nothing was saved.")}, 422)
    kept_out = _signs_out_the_facilitator(old or [], people_rows) or _leaves_scores_behind(
        old or [], people_rows)
    if kept_out:
        return again(kept_out, 422)
    setupfile.place(data, "evaluators", people_rows)
    rename = renamer({"evaluators": [i for i, _r in found]})

    def at_field(where: str) -> str:  # a duplicate id is reported at the whole row
        where = rename(where)
        return f"{where}.id" if re.fullmatch(r"evaluators\[\d+\]", where) else where

    return commit("people", pf, "evaluators", old, people_rows, again, at_field)


def _signs_out_the_facilitator(old: list[Any], new: list[Any]) -> dict[str, str]:
    """The refusal (field → message) of a list that no longer names the signed-in facilitator
    as one ({} when it does).

    Why: her session belongs to her id; saved without it (her id renamed, her role changed,
    her row cleared), the next page signs her out, and no account has the new id's password:
    the pages that could undo it were out of her reach.
    """
    user = current_user()
    assert user is not None
    if any(p.get("id") == user.id and p.get("role") == "facilitator" for p in new):
        return {}
    row = next((i for i, p in enumerate(old) if isinstance(p, dict)
                and p.get("id") == user.id), None)
    changed = next((p for p in new if p.get("id") == user.id), None)
    message = _("You are signed in as %(id)s: keep that id and the role facilitator in your "
                "row, or saving would lock you out of these pages. Nothing was saved.",
                id=user.id)
    errors = {"": message}
    if row is not None:
        errors[f"evaluators[{row}].{'role' if changed else 'id'}"] = message
    return errors


def _leaves_scores_behind(old: list[Any], new: list[Any]) -> dict[str, str]:
    """The refusal (field → message) of a list that drops the id of someone who has scores or
    test-drive marks in the evaluation database ({} when it keeps them all).

    Why: a row renamed or cleared left that person's scores under an id the project no longer
    has (counted by no one the results name), and the person could no longer sign in.
    """
    kept = {p.get("id") for p in new}
    gone = {p["id"]: i for i, p in enumerate(old)
            if isinstance(p, dict) and isinstance(p.get("id"), str) and p["id"] not in kept}
    if not gone:
        return {}
    with database().read() as s:
        scored = scores.scorers(s)
    errors = {f"evaluators[{row}].id": _(
        "%(id)s has scores in the evaluation database: keep this row and its id, or the "
        "scores would stay under an id the project no longer has. Nothing was saved.", id=pid)
        for pid, row in gone.items() if pid in scored}
    if errors:
        errors[""] = next(iter(errors.values()))
    return errors


# --- weights ------------------------------------------------------------------------------------

def _judgement(text: str) -> float | None:
    text = text.strip()
    if text not in SAATY:
        return None
    top, _, bottom = text.partition("/")
    return float(top) / float(bottom) if bottom else float(top)


def _saaty_text(value: Any) -> str:
    try:
        number_ = float(value)
    except (TypeError, ValueError):
        return "1"
    if number_ >= 1:
        return f"{round(number_):d}"
    return f"1/{round(1 / number_):d}"


def _weights_values(data: Any) -> dict[str, str]:
    weights = data.get("weights") or {}
    scoring = data.get("scoring") or {}
    values = {"scoring.knockout_threshold": str(scoring.get("knockout_threshold", 2))}
    criteria = weights.get("criteria") or {
        "functional": 35, "integration": 15, "non_functional": 10, "test_drive": 15,
        "cost": 20, "references": 5}
    for key in TOP_CRITERIA:
        values[f"weights.criteria.{key}"] = str(criteria.get(key, ""))
    for key in FUNCTIONAL_AREAS:
        values[f"weights.areas.{key}"] = str((weights.get("areas") or {}).get(key, ""))
    for level, _items, prefix, method in LEVELS:
        matrix = ((weights.get("ahp") or {}).get(level) or {})
        items = list(matrix.get("items") or [])
        cells = matrix.get("matrix") or []
        if items:
            values[method] = "ahp"
            for i, a in enumerate(items):
                for j, b in enumerate(items):
                    if i < j and i < len(cells) and j < len(cells[i]):
                        values[f"{prefix}.{a}.{b}"] = _saaty_text(cells[i][j])
        else:
            values[method] = "direct"
    return values


#: The levels the weights page offers an AHP form for: level in ``weights.ahp``, its items,
#: the prefix of the form's pairwise fields, the name of its method field.
LEVELS = (("criteria", TOP_CRITERIA, "ahp", "method"),
          ("areas", FUNCTIONAL_AREAS, "ahp_areas", "area_method"))


def _matrix(form: Any, items: tuple[str, ...] = TOP_CRITERIA, prefix: str = "ahp"
            ) -> tuple[list[list[float]], dict[str, str]]:
    n = len(items)
    cells = [[1.0] * n for _ in range(n)]
    errors = {}
    for i, a in enumerate(items):
        for j, b in enumerate(items):
            if i < j:
                value = _judgement(form.get(f"{prefix}.{a}.{b}", "1"))
                if value is None:
                    errors[f"{prefix}.{a}.{b}"] = _("Choose a judgement from 1/9 to 9.")
                    value = 1.0
                cells[i][j], cells[j][i] = value, 1 / value
    return cells, errors


@bp.route("/weights", methods=["GET", "POST"])
@allow("facilitator")
def weights():
    pf = setupfile.read(root())
    data = pf.data

    def page(values: dict[str, str], errors: dict[str, str] | None = None, status: int = 200,
             results: dict[str, Any] | None = None):  # noqa: ANN202
        shown = dict(results or {})
        for level, items, prefix, method in LEVELS:
            if level not in shown and values.get(method) == "ahp":
                cells, _errors = _matrix(values, items, prefix)
                try:
                    shown[level] = ahp(cells, items=list(items))
                except CrmselectError:
                    shown[level] = None
        return render("weights", values, errors, status, criteria=TOP_CRITERIA, area_names=_areas(),
                      areas=FUNCTIONAL_AREAS, saaty=SAATY, result=shown.get("criteria"),
                      area_result=shown.get("areas"))

    if request.method == "GET":
        return page(_weights_values(data))
    form = request.form
    old = {"weights": data.get("weights"), "scoring": data.get("scoring")}
    weights_map = data.get("weights")
    if not isinstance(weights_map, setupfile.CommentedMap):
        weights_map = setupfile.CommentedMap()
    scoring = data.get("scoring")
    if not isinstance(scoring, setupfile.CommentedMap):
        scoring = setupfile.CommentedMap()
    setupfile.merge(scoring, {"knockout_threshold": number(
        form.get("scoring.knockout_threshold", ""))})
    criteria = {k: number(form.get(f"weights.criteria.{k}", "")) for k in TOP_CRITERIA}
    areas = {k: number(form.get(f"weights.areas.{k}", "")) for k in FUNCTIONAL_AREAS}
    setupfile.merge(weights_map, {
        "criteria": setupfile.flow({k: v for k, v in criteria.items() if v is not None}),
        "areas": setupfile.flow({k: v for k, v in areas.items() if v is not None}),
    })
    ahp_map = weights_map.get("ahp")
    if not isinstance(ahp_map, setupfile.CommentedMap):
        ahp_map = setupfile.CommentedMap()
    results: dict[str, Any] = {}
    for level, items, prefix, method in LEVELS:
        if form.get(method) != "ahp":
            if level in ahp_map:
                del ahp_map[level]
            continue
        cells, errors = _matrix(form, items, prefix)
        if errors:
            return page(form.to_dict(), errors, 422)
        try:
            results[level] = ahp(cells, items=list(items))
        except CrmselectError as exc:
            return page(form.to_dict(), {"": "; ".join(map(issue_text, exc.issues))}, 422)
        matrix = setupfile.CommentedMap()
        matrix["items"] = setupfile.flow(list(items))
        matrix["matrix"] = [setupfile.flow([round(c, 4) for c in row]) for row in cells]
        ahp_map[level] = matrix
    setupfile.merge(weights_map, {"ahp": ahp_map if ahp_map else None})
    setupfile.place(data, "weights", weights_map if weights_map else None)
    setupfile.place(data, "scoring", scoring if scoring else None)

    def rename(where: str) -> str:
        where = re.sub(r"^weights\.ahp\.criteria.*", "method", where)
        return re.sub(r"^weights\.ahp\.areas.*", "area_method", where)

    def again(errors: dict[str, str], status: int):  # noqa: ANN202
        return page(form.to_dict(), errors, status, results)

    def verdict(result: Any) -> str:
        return _("consistent") if result.consistent else \
            _("inconsistent (above 0.10): review the judgements")

    # One whole notice per case, each sentence with its full stop: sentences joined in code
    # ran together ("… consistent Functional areas: …").
    on_criteria, on_areas = results.get("criteria"), results.get("areas")
    if on_criteria and on_areas:
        message = _("Saved. Top-level criteria: consistency ratio %(cr)s, %(verdict)s. "
                    "Functional areas: consistency ratio %(area_cr)s, %(area_verdict)s.",
                    cr=fixed(on_criteria.cr, 3), verdict=verdict(on_criteria),
                    area_cr=fixed(on_areas.cr, 3), area_verdict=verdict(on_areas))
    elif on_criteria:
        message = _("Saved. Consistency ratio %(cr)s: %(verdict)s.", cr=fixed(on_criteria.cr, 3),
                    verdict=verdict(on_criteria))
    elif on_areas:
        message = _("Saved. Functional areas: consistency ratio %(cr)s, %(verdict)s.",
                    cr=fixed(on_areas.cr, 3), verdict=verdict(on_areas))
    else:
        message = ""
    new = {"weights": data.get("weights"), "scoring": data.get("scoring")}
    return commit("weights", pf, "weights", old, new, again, rename, message)
