"""Loading a project folder: ``project.yaml`` and everything it refers to, cross-checked.

A project folder::

    project.yaml             the selection exercise (Project)
    vendors/<id>.yaml        optional project-specific vendor profiles (override bundled ones)
    responses/<vendor>.yaml  the vendors' answers to this RFP (VendorResponseFile)
    scenarios/*.yaml         optional project-specific test-drive scenarios (ScenariosFile)
    scores.yaml              optional offline evaluator scores (ScoresFile)
    evaluation.db            the web form's evaluation database, when it is used (SQLite)
    out/                     generated documents
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crmselect.bundlecache import cached
from crmselect.catalog import Catalog, load_catalog, requirement_hint
from crmselect.errors import Amount as amount
from crmselect.errors import CrmselectError, Issue, did_you_mean
from crmselect.errors import msg as t
from crmselect.loading import IssueCollector
from crmselect.model import (
    FUNCTIONAL_AREAS,
    TOP_CRITERIA,
    CustomRequirement,
    OptionalPrice,
    Pricing,
    Priority,
    Project,
    Requirement,
    Response,
    Scenario,
    ScenariosFile,
    ScoresFile,
    SelectedRequirement,
    Timeline,
    VendorProfile,
    VendorResponseFile,
)
from crmselect.resources import bundled_dir
from crmselect.responsechecks import malformed_key_hints, response_problems
from crmselect.scorechecks import (  # noqa: F401 (check_scores, target_problem: their old home)
    check_document,
    check_scores,
    check_source,
    document_source,
    target_problem,
)
from crmselect.yamlfile import Document

PROJECT_FILE = "project.yaml"
SCORES_FILE = "scores.yaml"
#: Named here, not only by :mod:`crmselect.evaluationdb`, so that a command can tell whether a
#: project has one without importing SQLAlchemy.
DATABASE_FILE = "evaluation.db"


@dataclass(frozen=True)
class ProjectRequirement:
    """A requirement as this project uses it: with its area, group and effective priority."""

    requirement: Requirement | CustomRequirement
    area: str
    group: str
    priority: Priority
    custom: bool = False

    @property
    def id(self) -> str:
        return self.requirement.id


@dataclass
class Vendor:
    """A vendor in this project: its profile, and its response to this RFP.

    Why the response stands alone: a vendor that leaves a requirement blank has not answered
    it, and a bundled profile (desk research before the RFP) must not answer for it. Answers,
    pricing, implementation time and references come from the response file only; a vendor
    without one has none (see :attr:`responded`). :func:`desk_research` builds the other view,
    from the profiles alone, for the short-list before the RFP.

    The profile of a loaded project comes without its answers (its ``responses`` is empty,
    see :func:`load_vendor`): they are never this vendor's answers here, and unpickling the
    ~500 answers of each bundled profile was 11-17 ms of ``score``. A desk-research vendor's
    profile keeps them.
    """

    profile: VendorProfile
    responses: dict[str, Response]
    pricing: Pricing | None
    implementation_weeks: float | None
    response_file: Path | None = None
    #: Reference customers named in the response to this RFP.
    references: list[str] = field(default_factory=list)
    #: Requirement id → currency of its third-party cost: that of the pricing it was given with.
    cost_currency: dict[str, str] = field(default_factory=dict)
    #: True when the answers are the profile's (``crmselect vendors compare``), not a response.
    desk_research: bool = False
    #: The response's answers to the RFP's questionnaire (``CO-1`` → text) and its optional
    #: unit prices (``rfp.optional_prices`` key → price): shown in the report, never scored.
    questionnaire: dict[str, str] = field(default_factory=dict)
    optional_prices: dict[str, OptionalPrice] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.profile.id

    @property
    def name(self) -> str:
        return self.profile.name

    @property
    def responded(self) -> bool:
        """Whether the vendor's response to this RFP is in the project (``responses/``)."""
        return self.response_file is not None


def vendor_from_profile(profile: VendorProfile, project_currency: str) -> Vendor:
    """A vendor whose answers, pricing and references are its profile's (desk research)."""
    currency = profile.pricing.currency if profile.pricing else project_currency
    return Vendor(profile, dict(profile.responses), profile.pricing,
                  profile.implementation_weeks, references=list(profile.references),
                  cost_currency=dict.fromkeys(profile.responses, currency), desk_research=True)


@dataclass
class LoadedProject:
    """Everything about one project, validated and cross-checked."""

    root: Path
    project: Project
    catalog: Catalog
    requirements: dict[str, ProjectRequirement] = field(default_factory=dict)
    vendors: dict[str, Vendor] = field(default_factory=dict)
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    #: No scores file: an empty one, made without building the validator of ScoresFile (2 ms),
    #: which a project without scores.yaml never needs.
    scores: ScoresFile = field(default_factory=ScoresFile.model_construct)
    #: Top-level keys of project.yaml a part of which failed its schema and was left out:
    #: the cross-checks against them are skipped (they would report consequences, such as
    #: a response to a requirement whose id had a typo, not causes).
    incomplete: frozenset[str] = frozenset()
    #: Whether ``scores`` were read from the project's ``scores.csv`` (its scores file), so
    #: that advice about the file speaks of a CSV's rows, not of YAML keys.
    scores_csv: bool = False

    @property
    def language(self) -> str:
        return self.project.language


def yaml_files(folder: Path) -> list[Path]:
    """The YAML files of ``folder``: ``.yaml`` and ``.yml``, in any case (``ODOO.YML`` saved on
    Windows is read, not silently skipped)."""
    return sorted(p for p in folder.glob("*") if p.suffix.lower() in (".yaml", ".yml"))


def _one_per_stem(paths: list[Path], issues: IssueCollector) -> list[Path]:
    """The files of ``paths``, one per name: ``odoo.yaml`` and ``odoo.yml`` together are an
    error (which one counts would be a guess)."""
    kept: dict[str, Path] = {}
    for path in paths:
        if path.stem in kept:
            issues.add(Issue(file=str(path), message=t("project_two_files", other=kept[
                path.stem].name), hint=t("project_keep_one")))
            continue
        kept[path.stem] = path
    return list(kept.values())


def find_vendor_files(root: Path | None = None) -> dict[str, Path]:
    """Vendor id → profile file: the bundled vendors, overridden by the project's ``vendors/``."""
    found = {p.stem: p for p in sorted(bundled_dir("vendors").glob("*.yaml"))}
    if root is not None:
        found.update({p.stem: p for p in yaml_files(root / "vendors")})
    return found


def load_vendor(path: Path, *, answers: bool = True) -> VendorProfile:
    """Load one vendor profile file (raises CrmselectError).

    ``answers=False``: the profile without its declared compliance (``responses`` empty), as
    the project loader keeps it; a bundled profile then comes from its own entry of the
    bundled data cache, which holds no answers (see :mod:`crmselect.bundlecache`). The file
    is read and checked whole all the same when that entry is built.
    """
    if not answers:
        return _profile_without_answers(path)
    issues = IssueCollector()
    profile, doc = issues.load(path, VendorProfile)
    if profile is not None and profile.id != path.stem:
        issues.add(doc.issue(("id",), t("project_vendor_file", id=profile.id, file=path.name),
                             hint=t("project_rename_file", name=f"{profile.id}.yaml")))
    issues.raise_if_any("vendor_not_loaded")
    return profile


def _profile_without_answers(path: Path) -> VendorProfile:
    def build() -> VendorProfile:
        return load_vendor(path).model_copy(update={"responses": {}})

    try:
        bundled = path.parent.resolve() == bundled_dir("vendors").resolve()
    except OSError:
        bundled = False
    if not bundled:  # a project's own files are always read (and never cached)
        return build()
    return cached(f"profile without answers {path.resolve()}", [path], build,
                  lambda found: isinstance(found, VendorProfile) and not found.responses)


def load_project(root: Path | str, *, scores: bool = True) -> LoadedProject:
    """Load, validate and cross-check a project folder.

    Every problem in every file is collected and raised together as one
    :class:`~crmselect.errors.CrmselectError`. With ``scores=False`` its ``scores.yaml`` is
    not read (for commands that check that file on their own).
    """
    root = Path(root)
    project_path = root / PROJECT_FILE
    if root.is_file():  # crmselect validate acme/project.yaml: the folder is meant
        raise CrmselectError(Issue(file=str(root), message=t(
            "project_is_file", folder=str(root.parent))))
    if not root.is_dir():
        raise CrmselectError(Issue(file=str(root), message=t("project_no_folder")))
    if not project_path.exists():  # a folder or a device of that name: the reader says which
        raise CrmselectError(Issue(
            file=str(root), message=t("project_no_file"), hint=t("project_init_hint"),
        ))
    catalog = load_catalog()
    issues = IssueCollector()
    for folder in ("vendors", "responses", "scenarios"):  # a file there would be skipped silently
        if (root / folder).exists() and not (root / folder).is_dir():
            issues.add(Issue(file=str(root / folder), message=t("project_not_a_folder")))
    project, doc = issues.load_partly(project_path, Project)
    if project is None:
        issues.raise_if_any()
    loaded = LoadedProject(root=root, project=project, catalog=catalog, incomplete=frozenset(
        str(loc[0]) for loc in getattr(doc, "removed", ())))
    _check_duplicate_ids(project, doc, issues)
    _resolve_requirements(loaded, doc, issues)
    _resolve_scenarios(loaded, doc, issues)
    _resolve_vendors(loaded, doc, issues)
    decision = project.decision
    if decision is not None and decision.vendor not in project.vendors \
            and "vendors" not in loaded.incomplete:
        issues.add(doc.issue(("decision", "vendor"), t("project_decision_vendor",
                                                       id=decision.vendor),
                             hint=did_you_mean(decision.vendor, project.vendors)))
    _check_weights(loaded, doc, issues)
    _check_budget_and_timeline(project, doc, issues)
    for i, kpi in enumerate(project.kpis):
        if catalog.kpis and kpi not in catalog.kpis:
            issues.add(doc.issue(("kpis", i), t("kpi_unknown", name=kpi),
                                 hint=did_you_mean(kpi, catalog.kpis)))
    if scores:
        _load_scores(loaded, issues)
    issues.raise_if_any()
    return loaded


def _check_duplicate_ids(project: Project, doc: Document, issues: IssueCollector) -> None:
    for field_name in ("evaluators", "vendors", "scenarios", "kpis"):
        seen: set[str] = set()
        for i, item in enumerate(getattr(project, field_name)):
            key = getattr(item, "id", item)
            if key in seen:
                issues.add(doc.issue((field_name, i), t("project_duplicate_id", id=key)))
            seen.add(key)


def _resolve_requirements(lp: LoadedProject, doc: Document, issues: IssueCollector) -> None:
    project, catalog = lp.project, lp.catalog
    for i, custom in enumerate(project.custom_requirements):
        if custom.id in lp.requirements:
            issues.add(doc.issue(("custom_requirements", i, "id"),
                                 t("project_duplicate_requirement", id=custom.id)))
            continue
        if catalog.area(custom.area) and custom.group not in {
            g.id for g in catalog.area(custom.area).groups
        }:
            issues.add(doc.issue(
                ("custom_requirements", i, "group"),
                t("project_not_group_of_area", group=custom.group, area=custom.area),
                hint=_group_hint(custom.group, [g.id for g in catalog.area(custom.area).groups]),
            ))
        lp.requirements[custom.id] = ProjectRequirement(
            custom, custom.area, custom.group, custom.priority, custom=True
        )
    selected = project.requirements or [SelectedRequirement(id=e) for e in catalog.entries]
    chosen: dict[str, ProjectRequirement] = {}
    for i, item in enumerate(selected):
        entry = catalog.entries.get(item.id)
        if entry is None:
            issues.add(doc.issue(("requirements", i),
                                 t("project_no_catalog_requirement", id=item.id),
                                 hint=requirement_hint(item.id, catalog.entries)))
            continue
        if item.id in chosen:
            issues.add(doc.issue(("requirements", i), t("project_selected_twice", id=item.id)))
            continue
        chosen[item.id] = ProjectRequirement(
            entry.requirement, entry.area, entry.group,
            item.priority or entry.requirement.priority,
        )
    # Catalog order first (area, group, id), then the project's own requirements.
    lp.requirements = {**chosen, **lp.requirements}
    if not lp.requirements:
        issues.add(doc.issue(("requirements",), t("project_no_requirement")))


def _group_hint(group: str, groups: list[str]) -> str:
    """"Did you mean …?", or the area's groups when no name is close."""
    return did_you_mean(group, groups) or t("project_groups_of_area", groups=", ".join(groups))


def _resolve_scenarios(lp: LoadedProject, doc: Document, issues: IssueCollector) -> None:
    available = dict(lp.catalog.scenarios)
    local_docs: dict[str, tuple[Document, int]] = {}
    for path in _one_per_stem(yaml_files(lp.root / "scenarios"), issues):
        file, sdoc = issues.load_partly(path, ScenariosFile)
        for i, scenario in enumerate(file.scenarios if file else []):
            available[scenario.id] = scenario
            local_docs[scenario.id] = (sdoc, i)
    for i, sid in enumerate(lp.project.scenarios):
        scenario = available.get(sid)
        if scenario is None:
            issues.add(doc.issue(("scenarios", i), t("project_no_scenario", id=sid),
                                 hint=did_you_mean(sid, available)))
            continue
        lp.scenarios[sid] = scenario
        if sid in local_docs:
            sdoc, k = local_docs[sid]
            for j, rid in enumerate(scenario.requirements):
                if rid not in lp.catalog.entries and rid not in lp.requirements:
                    issues.add(sdoc.issue(("scenarios", k, "requirements", j),
                                          t("project_no_requirement_id", id=rid),
                                          hint=requirement_hint(rid, lp.catalog.entries)))


def _resolve_vendors(lp: LoadedProject, doc: Document, issues: IssueCollector) -> None:
    files = find_vendor_files(lp.root)
    project = lp.project
    for i, vid in enumerate(project.vendors):
        path = files.get(vid)
        if path is None:
            issues.add(doc.issue(("vendors", i), t("project_no_vendor", id=vid),
                                 hint=did_you_mean(vid, files)))
            continue
        try:
            profile = load_vendor(path, answers=False)
        except CrmselectError as exc:
            issues.issues.extend(exc.issues)
            continue
        lp.vendors[vid] = Vendor(profile, {}, None, None)

    for path in _one_per_stem(yaml_files(lp.root / "responses"), issues):
        before = len(issues.issues)
        response, rdoc = issues.load_partly(path, VendorResponseFile)
        if rdoc is not None and len(issues.issues) > before:  # OPS-SRV-0002: "did you mean
            # OPS-SRV-002?", as the import says (a file read from the cache has no problem)
            issues.issues[before:] = malformed_key_hints(lp, issues.issues[before:], rdoc.data)
        if response is None:
            continue
        if response.vendor != path.stem:
            issues.add(rdoc.issue(("vendor",), t("project_response_vendor_file",
                                                 vendor=response.vendor, file=path.name)))
            continue
        vendor = lp.vendors.get(response.vendor)
        if vendor is None and response.vendor in project.vendors:
            continue  # listed, but its profile did not load: that problem is reported already
        if vendor is None and "vendors" in lp.incomplete:
            continue
        # the import's checks (crmselect.responsechecks): what it accepts, the project loads
        for problem in response_problems(lp, response):
            issues.add(rdoc.issue(problem.loc, problem.message, hint=problem.hint,
                                  key=problem.key))
        if vendor is None:
            continue
        vendor.responses = dict(response.responses)
        vendor.pricing = response.pricing
        currency = vendor.pricing.currency if vendor.pricing else project.currency
        vendor.cost_currency = dict.fromkeys(response.responses, currency)
        vendor.implementation_weeks = response.implementation_weeks
        vendor.response_file = path
        vendor.references = list(dict.fromkeys(response.references))
        vendor.questionnaire = dict(response.questionnaire)
        vendor.optional_prices = dict(response.optional_prices)


def _check_weights(lp: LoadedProject, doc: Document, issues: IssueCollector) -> None:
    weights = lp.project.weights
    if weights.criteria and not any(weights.criteria.values()):
        issues.add(doc.issue(("weights", "criteria"), t("project_criteria_zero")))
    if weights.areas and not any(weights.areas.values()):
        issues.add(doc.issue(("weights", "areas"), t("project_areas_zero")))
    groups = {g.id for a in lp.catalog.areas for g in a.groups} | {
        r.group for r in lp.requirements.values()
    }
    for gid in weights.groups:
        if gid not in groups:
            issues.add(doc.issue(("weights", "groups", gid), t("project_no_group", id=gid),
                                 key=True,
                                 hint=did_you_mean(gid, groups)))
    for rid in weights.requirements:
        if rid not in lp.requirements and not _requirements_incomplete(lp):
            issues.add(doc.issue(("weights", "requirements", rid),
                                 t("project_not_requirement", id=rid), key=True,
                                 hint=requirement_hint(rid, lp.requirements)))
    if lp.requirements and not any(
        weights.requirements.get(r.id, weights.priority.get(r.priority, 0))
        for r in lp.requirements.values()
    ):
        issues.add(doc.issue(("weights", "priority"), t("project_requirements_zero")))
    # what scoring weighs at each level (scoring.weights): an unknown item is told at its line
    known = {"criteria": list(TOP_CRITERIA), "areas": list(FUNCTIONAL_AREAS),
             "groups": list(dict.fromkeys(r.group for r in lp.requirements.values()))}
    for level, ahp in weights.ahp.items():
        for i, item in enumerate(ahp.items):
            if item in ahp.items[:i]:
                issues.add(doc.issue(("weights", "ahp", level, "items", i),
                                     t("ahp_item_twice", item=item)))
            elif item not in known[level] and not (
                    level == "groups" and _requirements_incomplete(lp)):
                issues.add(doc.issue(("weights", "ahp", level, "items", i),
                                     t("core_ahp_unknown_item", item=item, level=level),
                                     hint=did_you_mean(item, known[level])))
        n = len(ahp.items)
        cut = any(loc[:4] == ("weights", "ahp", level, "matrix") and len(loc) > 4
                  for loc in getattr(doc, "removed", ()))  # a bad cell is reported at the cell
        if not cut and (len(ahp.matrix) != n or any(len(row) != n for row in ahp.matrix)):
            issues.add(doc.issue(("weights", "ahp", level, "matrix"),
                                 t("project_matrix_size", n=n)))


def _check_budget_and_timeline(project: Project, doc: Document, issues: IssueCollector) -> None:
    """A ceiling at or below the target budget, and milestones out of order, are typos that
    would otherwise surface only when scoring, or never (a plan with go-live before the
    decision)."""
    tco = project.tco
    cut = {loc[1] for loc in getattr(doc, "removed", ()) if loc[:1] == ("exchange_rates",)
           and len(loc) > 1}  # a list with a bad rate left out is reported at that rate
    for currency, rate in project.exchange_rates.items():
        if isinstance(rate, list) and len(rate) != tco.horizon_years and currency not in cut:
            issues.add(doc.issue(("exchange_rates", currency), t(
                "project_rates_per_year", currency=currency, n=len(rate),
                horizon=tco.horizon_years)))
    if tco.target_budget is not None and tco.ceiling is not None \
            and tco.ceiling <= tco.target_budget:
        issues.add(doc.issue(("tco", "ceiling"), t(
            "core_ceiling_below_budget", ceiling=amount(tco.ceiling),
            budget=amount(tco.target_budget))))
    previous: tuple[str, Any] | None = None
    for key in Timeline.model_fields:  # declared in the order the milestones happen
        date = getattr(project.timeline, key)
        if date is None:
            continue
        if previous is not None and date < previous[1]:
            issues.add(doc.issue(("timeline", key), t(
                "project_timeline_order", date=date, previous=previous[0],
                previous_date=previous[1])))  # days: the edge writes them in the reader's form
        previous = (key, date)


def _load_scores(lp: LoadedProject, issues: IssueCollector) -> None:
    """Read ``scores.yaml`` by the rules every scores file obeys (:mod:`crmselect.scoresreader`)."""
    path = lp.root / SCORES_FILE
    from crmselect.scorescsvcolumns import read_project_csv

    if read_project_csv(lp, issues.add):  # a scores.csv in its place
        return
    if not path.exists():
        return
    from crmselect.scoresyaml import read_score_columns

    columns = read_score_columns(path, lp)  # a valid file, straight into columns
    if columns is not None:
        lp.scores = columns  # type: ignore[assignment]
        return
    # a file with a problem: read the full way, so that each problem has its place
    scores, sdoc = issues.load_partly(path, ScoresFile)
    if scores is None:
        return
    lp.scores = scores
    for issue in check_document(path, scores, sdoc, lp):  # check_source's, as columns
        issues.add(issue)


def _requirements_incomplete(lp: LoadedProject) -> bool:
    return bool(lp.incomplete & {"requirements", "custom_requirements"})


def desk_research(lp: LoadedProject, vendor_ids: list[str] | None = None) -> LoadedProject:
    """The project with every vendor answering from its profile, and no evaluator scores.

    For the short-list before the RFP (``crmselect vendors compare``): the project's
    requirements, weights and budget, the vendors' *profiles* (desk research) instead of
    their responses. ``vendor_ids`` defaults to the project's vendors, or every profile
    (bundled and the project's ``vendors/``) when the project lists none. The project's own
    (custom) requirements are left out: no profile can know them, and a blank would knock
    every vendor out.
    """
    files = find_vendor_files(lp.root)
    ids = vendor_ids if vendor_ids is not None else (list(lp.project.vendors) or list(files))
    issues: list[Issue] = []
    vendors: dict[str, Vendor] = {}
    for vid in ids:
        if vid not in files:
            issues.append(Issue(file=str(lp.root / PROJECT_FILE), where="vendors",
                                message=t("project_no_vendor", id=vid),
                                hint=did_you_mean(vid, files)))
            continue
        try:
            vendors[vid] = vendor_from_profile(load_vendor(files[vid]), lp.project.currency)
        except CrmselectError as exc:
            issues.extend(exc.issues)
    if issues:
        raise CrmselectError(issues, what="vendor_not_loaded")
    return LoadedProject(root=lp.root, project=lp.project, catalog=lp.catalog,
                         requirements={rid: r for rid, r in lp.requirements.items()
                                       if not r.custom},
                         vendors=vendors,
                         scenarios=lp.scenarios, scores=ScoresFile())
