"""The requirements catalog: areas, groups, requirements, KPIs, scenarios and glossary.

Layout of a catalog folder (the bundled one is ``requirements_catalog/``)::

    areas.yaml               areas and their groups (AreasFile)
    <area>/<group>.yaml      requirements of one group (RequirementsFile)
    kpis.yaml                KPI definitions (KpisFile)
    scenarios/*.yaml         test-drive scenario library (ScenariosFile)
    glossary.yaml            English–Turkish terms (GlossaryFile)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from crmselect.bundlecache import cached, dumps, loads
from crmselect.errors import Issue, did_you_mean
from crmselect.errors import msg as t
from crmselect.loading import IssueCollector
from crmselect.model import (
    AreaInfo,
    AreasFile,
    GlossaryFile,
    GlossaryTerm,
    GroupInfo,
    IdHistoryFile,
    Kpi,
    KpisFile,
    Requirement,
    RequirementsFile,
    RetiredRequirement,
    Scenario,
    ScenariosFile,
)
from crmselect.resources import bundled_dir


@dataclass(frozen=True)
class CatalogEntry:
    """A requirement with the area and group it belongs to and the file it came from."""

    requirement: Requirement
    area: str
    group: str
    file: Path
    line: int = 0

    @property
    def id(self) -> str:
        return self.requirement.id


@dataclass
class Catalog:
    areas: list[AreaInfo] = field(default_factory=list)
    #: A dict when read from the files; the bundled catalog from the cache holds a
    #: :class:`PickledEntries` (a read-only mapping with the same keys, order and values).
    entries: Mapping[str, CatalogEntry] = field(default_factory=dict)
    kpis: dict[str, Kpi] = field(default_factory=dict)
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    glossary: list[GlossaryTerm] = field(default_factory=list)

    def group_names(self) -> dict[str, AreaInfo]:
        """Group id → the area it belongs to."""
        return {g.id: a for a in self.areas for g in a.groups}

    def group(self, group_id: str) -> GroupInfo | None:
        for area in self.areas:
            for group in area.groups:
                if group.id == group_id:
                    return group
        return None

    def area(self, area_id: str) -> AreaInfo | None:
        return next((a for a in self.areas if a.id == area_id), None)


def load_catalog(folder: Path | None = None) -> Catalog:
    """Load and cross-check a catalog folder (the bundled one by default).

    Raises :class:`~crmselect.errors.CrmselectError` listing every problem in every file.
    """
    if folder is None:
        return _bundled_catalog()
    return _load(Path(folder))


@lru_cache(maxsize=1)
def _bundled_catalog() -> Catalog:
    return load_cached(bundled_dir("requirements_catalog"))


def load_cached(folder: Path) -> Catalog:
    """The catalog of ``folder`` from the bundled data cache while none of its files changed
    (see :mod:`crmselect.bundlecache`); for the catalog that ships with crmselect. Its
    requirements are kept one pickle each (:class:`PickledEntries`)."""
    folder = folder.resolve()
    return cached(f"catalog {folder}", sorted(folder.rglob("*.yaml")),
                  lambda: _with_pickled_entries(_load(folder)),
                  lambda found: isinstance(found, Catalog))


class PickledEntries(Mapping[str, CatalogEntry]):
    """The catalog's entries, each kept pickled until it is first looked up.

    Why: a command reads the whole bundled catalog from the cache, but uses only the
    requirements its project selects (the sample: 127 of 399), and the requirements with their
    texts were about four fifths of unpickling the catalog's entry (28 of 34 ms measured on a
    loaded machine; 680 of 884 KB). Unpickling the bytes of all of them is a
    copy; each requirement is unpickled once, the first time it is asked for, and then kept.
    Iterating over the values or items unpickles every one, in the catalog's order.
    """

    __slots__ = ("_pickled", "_entries")

    def __init__(self, pickled: dict[str, bytes]) -> None:
        self._pickled = pickled
        self._entries: dict[str, CatalogEntry] = {}

    def __getitem__(self, rid: str) -> CatalogEntry:
        try:
            return self._entries[rid]
        except KeyError:
            entry = self._entries[rid] = loads(self._pickled[rid])
            return entry  # type: ignore[no-any-return]

    def __contains__(self, rid: object) -> bool:
        return rid in self._pickled

    def __iter__(self) -> Iterator[str]:
        return iter(self._pickled)

    def __len__(self) -> int:
        return len(self._pickled)

    def __repr__(self) -> str:
        return f"PickledEntries({len(self)} requirements)"

    def __getstate__(self) -> dict[str, bytes]:
        return self._pickled

    def __setstate__(self, pickled: dict[str, bytes]) -> None:
        self._pickled = pickled
        self._entries = {}


def _with_pickled_entries(catalog: Catalog) -> Catalog:
    return replace(catalog, entries=PickledEntries(
        {rid: dumps(entry) for rid, entry in catalog.entries.items()}))


def _load(folder: Path) -> Catalog:
    issues = IssueCollector()
    entries: dict[str, CatalogEntry] = {}
    catalog = Catalog(entries=entries)
    areas, areas_doc = issues.load(folder / "areas.yaml", AreasFile)
    if areas:
        catalog.areas = areas.areas
    groups = {g.id: a.id for a in catalog.areas for g in a.groups}

    for path in sorted(folder.glob("*/*.yaml")):
        if path.parent.name == "scenarios":
            continue
        file, doc = issues.load(path, RequirementsFile)
        if file is None:
            continue
        if areas and groups.get(file.group) != file.area:
            hint = did_you_mean(file.group, groups)
            issues.add(doc.issue(("group",), t("catalog_group_not_in_area", group=file.group,
                                               area=file.area), hint=hint))
        for i, req in enumerate(file.requirements):
            if req.id in entries:
                other = entries[req.id]
                issues.add(doc.issue(("requirements", i, "id"), t(
                    "catalog_duplicate_requirement", id=req.id,
                    place=f"{other.file.name}:{other.line}")))
                continue
            line = doc.position(("requirements", i))[0]
            entries[req.id] = CatalogEntry(req, file.area, file.group, path, line)

    kpis, kpi_doc = issues.load(folder / "kpis.yaml", KpisFile) if (
        folder / "kpis.yaml").exists() else (None, None)
    if kpis:
        for i, kpi in enumerate(kpis.kpis):
            if kpi.id in catalog.kpis:
                issues.add(kpi_doc.issue(("kpis", i, "id"), t("catalog_duplicate_kpi", id=kpi.id)))
            catalog.kpis[kpi.id] = kpi

    scenario_docs = {}
    for path in sorted((folder / "scenarios").glob("*.yaml")):
        file, doc = issues.load(path, ScenariosFile)
        if file is None:
            continue
        for i, scenario in enumerate(file.scenarios):
            if scenario.id in catalog.scenarios:
                issues.add(doc.issue(("scenarios", i, "id"),
                                     t("catalog_duplicate_scenario", id=scenario.id)))
            catalog.scenarios[scenario.id] = scenario
            scenario_docs[scenario.id] = (doc, i)

    if (folder / "glossary.yaml").exists():
        glossary, _ = issues.load(folder / "glossary.yaml", GlossaryFile)
        if glossary:
            catalog.glossary = glossary.terms

    # Cross-references: KPIs named by requirements, requirements named by scenarios.
    for entry in catalog.entries.values():
        for k, kpi in enumerate(entry.requirement.kpis):
            if catalog.kpis and kpi not in catalog.kpis:
                doc_issue = _entry_issue(entry, f"kpis[{k}]", t("kpi_unknown", name=kpi),
                                         did_you_mean(kpi, catalog.kpis))
                issues.add(doc_issue)
    for sid, (doc, i) in scenario_docs.items():
        scenario = catalog.scenarios[sid]
        refs = [(("scenarios", i, "requirements", j), r)
                for j, r in enumerate(scenario.requirements)]
        refs += [
            (("scenarios", i, "steps", s, "requirements", j), r)
            for s, step in enumerate(scenario.steps) for j, r in enumerate(step.requirements)
        ]
        for loc, rid in refs:
            if rid not in catalog.entries:
                issues.add(doc.issue(loc, t("project_no_requirement_id", id=rid),
                                     hint=requirement_hint(rid, catalog.entries)))
    _check_related(catalog, issues)
    issues.raise_if_any("catalog_not_loaded")
    return catalog


def _entry_issue(entry: CatalogEntry, where: str, message: str, hint: str) -> Issue:
    return Issue(file=str(entry.file), line=entry.line, where=f"{entry.id} › {where}",
                 message=message, hint=hint)


# --- related requirements and retired ids ------------------------------------------------------


def _check_related(catalog: Catalog, issues: IssueCollector) -> None:
    """Every ``related`` link names another requirement of the catalog, and is returned.

    Why: the scoring engine warns when a project selects two related requirements; a link to a
    missing id or to the requirement itself would make that warning wrong or silent.
    """
    for entry in catalog.entries.values():
        for k, rid in enumerate(entry.requirement.related):
            where = f"related[{k}]"
            if rid == entry.id:
                issues.add(_entry_issue(entry, where, t("catalog_related_self", id=rid), ""))
            elif rid not in catalog.entries:
                issues.add(_entry_issue(entry, where, t("project_no_requirement_id", id=rid),
                                        requirement_hint(rid, catalog.entries)))
            elif entry.id not in catalog.entries[rid].requirement.related:
                issues.add(_entry_issue(entry, where, t("catalog_related_one_way", id=rid,
                                                        other=entry.id), ""))


def load_id_history(folder: Path | None = None) -> IdHistoryFile:
    """The id history of a catalog folder (the bundled one by default); empty when absent."""
    if folder is None:
        return _bundled_id_history()
    path = Path(folder) / "id_history.yaml"
    if not path.exists():
        return IdHistoryFile()
    issues = IssueCollector()
    history, _ = issues.load(path, IdHistoryFile)
    issues.raise_if_any("catalog_not_loaded")
    return history


@lru_cache(maxsize=1)
def _bundled_id_history() -> IdHistoryFile:
    return load_id_history(bundled_dir("requirements_catalog"))


def retired_requirements(folder: Path | None = None) -> dict[str, RetiredRequirement]:
    """Retired id → what replaced it."""
    return {r.id: r for r in load_id_history(folder).retired}


def requirement_hint(rid: str, choices: Iterable[str]) -> str:
    """The hint for an id that is not in the catalog.

    A retired id (merged into another requirement or split) points to what replaced it, so a
    project or a vendor answer written against an older catalog is told where its requirement
    went; any other unknown id gets the usual "did you mean".
    """
    retired = retired_requirements().get(rid)
    if retired is None:
        return did_you_mean(rid, choices)
    return t("requirement_retired", id=rid, title=retired.title,
             replaced_by=", ".join(retired.replaced_by))
