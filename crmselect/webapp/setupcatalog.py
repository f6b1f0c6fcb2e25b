"""The setup pages that choose from the catalog: requirements (with search, the proposals
from the organisation's facts, custom requirements), vendors (with desk scores) and
scenarios (proposed from the selected requirements)."""

from __future__ import annotations

import re
from typing import Any

from flask import request
from flask_babel import gettext as _

from crmselect.catalog import load_catalog
from crmselect.catalogsearch import search
from crmselect.errors import CrmselectError
from crmselect.model import PRIORITIES, Project
from crmselect.setupproposals import proposed_requirements, proposed_scenarios
from crmselect.webapp import setupfile
from crmselect.webapp.access import allow
from crmselect.webapp.i18n import language
from crmselect.webapp.setupcommon import bp, commit, render, root
from crmselect.webapp.setupforms import flex


def _selection(data: Any) -> dict[str, dict[str, Any]]:
    """Selected requirement id → {priority, note} as written in project.yaml."""
    found: dict[str, dict[str, Any]] = {}
    for item in data.get("requirements") or []:
        if isinstance(item, str):
            found[item] = {}
        elif isinstance(item, dict) and isinstance(item.get("id"), str):
            found[item["id"]] = {k: v for k, v in item.items() if k != "id"}
    return found


def _entry(rid: str, priority: str, note: Any, default: str) -> Any:
    extra = {}
    if priority and priority != default:
        extra["priority"] = priority
    if note:
        extra["note"] = note
    return setupfile.flow({"id": rid, **extra}) if extra else rid


def _project_or_none(data: Any) -> Project | None:
    """The file's data as a Project when it validates on its own (for the proposals)."""
    try:
        return Project.model_validate(setupfile.plain(data))
    except ValueError:
        return None


def _note_values(note: Any) -> tuple[str, str]:
    if isinstance(note, dict):
        return str(note.get("en", "")), str(note.get("tr", ""))
    return str(note or ""), ""


def _requirements_page(data: Any, errors: dict[str, str] | None = None, status: int = 200,
                       values: dict[str, str] | None = None):  # noqa: ANN202
    catalog = load_catalog()
    query = request.values.get("q", "").strip()[:200]
    shown = {e.id for e in search(catalog, query)} if query else set(catalog.entries)
    selected = _selection(data)
    if values is None:
        values = {}
        for rid, extra in selected.items():
            en, tr = _note_values(extra.get("note"))
            values.update({f"pick.{rid}": "yes", f"priority.{rid}": str(
                extra.get("priority", "")), f"note.{rid}.en": en, f"note.{rid}.tr": tr})
    project = _project_or_none(data)
    proposals = proposed_requirements(project, catalog) if project else {}
    areas = []
    for area in catalog.areas:
        groups = []
        for group in area.groups:
            entries = [e for e in catalog.entries.values()
                       if e.area == area.id and e.group == group.id and e.id in shown]
            if entries:
                groups.append((group, entries))
        if groups:
            areas.append((area, groups))
    customs = [c for c in data.get("custom_requirements") or [] if isinstance(c, dict)]
    return render("requirements", values, errors, status, areas=areas, query=query,
                  proposals=proposals, priorities=PRIORITIES, customs=customs,
                  n_selected=len(selected), catalog_areas=catalog.areas, lang=language())


@bp.route("/requirements", methods=["GET", "POST"])
@allow("facilitator")
def requirements():
    pf = setupfile.read(root())
    data = pf.data
    if request.method == "GET":
        return _requirements_page(data)
    catalog = load_catalog()
    form = request.form
    old = list(_selection(data))
    selected = _selection(data)
    if form.get("action") == "propose":
        project = _project_or_none(data)
        added = [rid for rid in (proposed_requirements(project, catalog) if project else {})
                 if rid not in selected]
        for rid in added:
            selected[rid] = {}
        message = _("%(n)d proposed requirements added to the selection.", n=len(added))
    else:
        message = ""
        for rid in form.getlist("shown"):
            entry = catalog.entries.get(rid)
            if entry is None:
                continue
            if form.get(f"pick.{rid}"):
                priority = form.get(f"priority.{rid}", "")
                if priority not in PRIORITIES:
                    priority = ""
                note = flex(form.get(f"note.{rid}.en", ""), form.get(f"note.{rid}.tr", ""))
                selected[rid] = {"priority": priority, "note": note}
            else:
                selected.pop(rid, None)
    entries = []
    for rid in [*[r for r in catalog.entries if r in selected],
                *[r for r in selected if r not in catalog.entries]]:
        extra = selected[rid]
        default = catalog.entries[rid].requirement.priority if rid in catalog.entries else ""
        entries.append(_entry(rid, str(extra.get("priority") or ""), extra.get("note"),
                              default))
    setupfile.place(data, "requirements", entries)
    order = [r for r in catalog.entries if r in selected]

    def rename(where: str) -> str:
        match = re.match(r"requirements\[(\d+)\](.*)$", where)
        if match and int(match.group(1)) < len(order):
            rid = order[int(match.group(1))]
            return f"note.{rid}.en" if ".note" in match.group(2) else f"priority.{rid}"
        return where

    def again(errors: dict[str, str], status: int):  # noqa: ANN202
        return _requirements_page(setupfile.read(root()).data, errors, status,
                                  request.form.to_dict())

    return commit("requirements", pf, "requirements", old, list(selected), again, rename,
                  message)


@bp.post("/requirements/custom")
@allow("facilitator")
def custom_requirement():
    """Add one requirement of the project's own, in an area and group of the catalog."""
    pf = setupfile.read(root())
    data = pf.data
    form = request.form
    area, _sep, group = form.get("group", "").partition("/")
    customs = data.get("custom_requirements")
    if not isinstance(customs, list):
        customs = setupfile.CommentedSeq()
    prefix = re.sub(r"[^A-Z0-9]", "", group.upper())[:4] or "REQ"
    prefix = prefix if len(prefix) >= 2 else prefix + "X"
    taken = {c.get("id") for c in customs if isinstance(c, dict)}
    number = 1
    while f"CUS-{prefix}-{number:03d}" in taken:
        number += 1
    new = setupfile.CommentedMap()
    new["id"] = f"CUS-{prefix}-{number:03d}"
    new["area"] = area
    new["group"] = group
    new["title"] = flex(form.get("title.en", ""), form.get("title.tr", "")) or ""
    new["description"] = flex(form.get("description.en", ""),
                              form.get("description.tr", "")) or ""
    new["phases"] = setupfile.flow([form.get("phase", "acquisition")])
    priority = form.get("priority", "should")
    new["priority"] = priority if priority in PRIORITIES else "should"
    old = len(customs)
    customs.append(new)
    setupfile.place(data, "custom_requirements", customs)
    index = len(customs) - 1

    def rename(where: str) -> str:
        match = re.match(rf"custom_requirements\[{index}\]\.(\w+)", where)
        if match:
            field = match.group(1)
            return {"title": "title.en", "description": "description.en",
                    "phases": "phase", "area": "group"}.get(field, field)
        return where

    def again(errors: dict[str, str], status: int):  # noqa: ANN202
        return _requirements_page(setupfile.read(root()).data, errors, status,
                                  request.form.to_dict())

    return commit("requirements", pf, "custom_requirements", old, setupfile.plain(new),
                  again, rename, _("Custom requirement %(id)s added.", id=new["id"]))


# --- vendors ------------------------------------------------------------------------------------

def _desk_scores() -> dict[str, tuple[int, float, bool]]:
    """Vendor id → (rank, total, knocked out) from the profiles alone, as ``crmselect vendors
    compare --all`` computes them for the project as it stands (empty when it does not load)."""
    from crmselect.project import desk_research, find_vendor_files, load_project
    from crmselect.scoring import evaluate_project

    try:
        loaded = load_project(root(), scores=False)
        desk = desk_research(loaded, list(find_vendor_files(loaded.root)))
        result = evaluate_project(desk, monte_carlo_samples=0)
    except CrmselectError:
        return {}
    return {entry.vendor: (entry.rank, entry.total, entry.knocked_out)
            for entry in result.ranking}


def _profiles() -> list[Any]:
    from crmselect.project import find_vendor_files, load_vendor

    found = []
    for path in find_vendor_files(root()).values():
        try:
            found.append(load_vendor(path))
        except CrmselectError:
            continue
    return found


@bp.route("/vendors", methods=["GET", "POST"])
@allow("facilitator")
def vendors():
    pf = setupfile.read(root())
    data = pf.data
    chosen = [v for v in data.get("vendors") or [] if isinstance(v, str)]

    def page(errors: dict[str, str] | None = None, status: int = 200):  # noqa: ANN202
        picked = request.form.getlist("pick") if request.method == "POST" else chosen
        scores = _desk_scores()
        profiles = sorted(_profiles(), key=lambda p: (scores.get(p.id, (999,))[0], p.id))
        return render("vendors", {}, errors, status, profiles=profiles, scores=scores,
                      picked=set(picked))

    if request.method == "GET":
        return page()
    known = {p.id for p in _profiles()}
    picked = [v for v in request.form.getlist("pick") if v in known]
    setupfile.place(data, "vendors", picked)
    return commit("vendors", pf, "vendors", chosen, picked, page)


# --- scenarios ----------------------------------------------------------------------------------

@bp.route("/scenarios", methods=["GET", "POST"])
@allow("facilitator")
def scenarios():
    pf = setupfile.read(root())
    data = pf.data
    catalog = load_catalog()
    chosen = [s for s in data.get("scenarios") or [] if isinstance(s, str)]
    selected = set(_selection(data)) or set(catalog.entries)
    proposed = proposed_scenarios(selected, catalog.scenarios)

    def page(errors: dict[str, str] | None = None, status: int = 200,
             picked: list[str] | None = None):  # noqa: ANN202
        if picked is None:
            picked = request.form.getlist("pick") if request.method == "POST" else chosen
        order = sorted(catalog.scenarios.values(),
                       key=lambda s: (s.id not in proposed, proposed.index(s.id)
                                      if s.id in proposed else 0, s.id))
        return render("scenarios", {}, errors, status, scenarios=order, proposed=proposed,
                      picked=set(picked), selected=selected)

    if request.method == "GET":
        return page()
    if request.form.get("action") == "propose":
        return page(picked=sorted(set(chosen) | set(proposed)))
    picked = [s for s in request.form.getlist("pick") if s in catalog.scenarios]
    setupfile.place(data, "scenarios", picked)
    return commit("scenarios", pf, "scenarios", chosen, picked, page)
