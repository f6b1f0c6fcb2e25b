"""The project as the web form shows it: requirements grouped by area and group, the targets
each person may score, and a cache that reloads when the project's files change.

Why a cache: loading and cross-checking a project takes far longer than a page may; the
project's files are configuration (kept in git), not evaluation state, so holding the loaded
copy in the process is safe for several workers — each one reloads when a file changes.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from crmselect.errors import CrmselectError
from crmselect.model import FUNCTIONAL_AREAS, Evaluator, Project, Scenario
from crmselect.project import LoadedProject, ProjectRequirement, load_project
from crmselect.scorerules import facilitator_scores, scores_area

log = logging.getLogger(__name__)

REFERENCES = "references"


@dataclass(frozen=True)
class GroupView:
    id: str
    area: str
    requirements: tuple[ProjectRequirement, ...]


@dataclass(frozen=True)
class AreaView:
    id: str
    groups: tuple[GroupView, ...]

    @property
    def requirements(self) -> list[ProjectRequirement]:
        return [r for g in self.groups for r in g.requirements]


@dataclass
class ProjectView:
    """A loaded project with what the pages need computed once."""

    loaded: LoadedProject

    @property
    def project(self) -> Project:
        return self.loaded.project

    @cached_property
    def areas(self) -> tuple[AreaView, ...]:
        """Selected requirements grouped by area and group, in the catalog's order."""
        catalog = self.loaded.catalog
        area_order = {a.id: i for i, a in enumerate(catalog.areas)}
        group_order = {g.id: i for a in catalog.areas for i, g in enumerate(a.groups)}
        by_area: dict[str, dict[str, list[ProjectRequirement]]] = {}
        for req in self.loaded.requirements.values():
            by_area.setdefault(req.area, {}).setdefault(req.group, []).append(req)
        return tuple(
            AreaView(area, tuple(
                GroupView(group, area, tuple(reqs))
                for group, reqs in sorted(groups.items(),
                                          key=lambda kv: group_order.get(kv[0], 999))
            ))
            for area, groups in sorted(by_area.items(), key=lambda kv: area_order.get(kv[0], 99))
        )

    @cached_property
    def evaluators(self) -> dict[str, Evaluator]:
        return {e.id: e for e in self.project.evaluators}

    def evaluator_by_login(self, name: str) -> Evaluator | None:
        """The person whose id or e-mail address is ``name`` (case-insensitive, in Turkish
        too: ``İpek`` is ``ipek``)."""
        key = _login_key(name)
        for person in self.project.evaluators:
            if person.id == key or (person.email and _login_key(person.email) == key):
                return person
        return None

    def area_names(self, lang: str) -> dict[str, str]:
        return {a.id: a.name.get(lang) for a in self.loaded.catalog.areas}

    def group_names(self, lang: str) -> dict[str, str]:
        return {g.id: g.name.get(lang) for a in self.loaded.catalog.areas for g in a.groups}

    @property
    def scenarios(self) -> dict[str, Scenario]:
        return self.loaded.scenarios

    def requirement_areas(self, person: Evaluator) -> tuple[AreaView, ...]:
        """The areas ``person`` scores (all when the person names none)."""
        if not person.areas:
            return self.areas
        return tuple(a for a in self.areas if a.id in person.areas)

    def requirement_targets(self, person: Evaluator) -> list[str]:
        return list(self._requirement_targets(tuple(person.areas or ())))

    def requirement_target_set(self, person: Evaluator) -> frozenset[str]:
        """:meth:`requirement_targets` as a set (progress counts on every save)."""
        return self._requirement_target_sets(tuple(person.areas or ()))

    def _requirement_targets(self, areas: tuple[str, ...]) -> tuple[str, ...]:
        # Why kept: every save reports progress; rebuilding the list of 300 requirement ids
        # on each one cost more than the save's own queries. This view is replaced whenever
        # the project's files change, so the cache goes with it.
        found = self._targets_by_areas.get(areas)
        if found is None:
            shown = self.areas if not areas else tuple(a for a in self.areas if a.id in areas)
            found = tuple(r.id for a in shown for r in a.requirements)
            self._targets_by_areas[areas] = found
        return found

    def _requirement_target_sets(self, areas: tuple[str, ...]) -> frozenset[str]:
        found = self._target_sets_by_areas.get(areas)
        if found is None:
            found = frozenset(self._requirement_targets(areas))
            self._target_sets_by_areas[areas] = found
        return found

    @cached_property
    def _targets_by_areas(self) -> dict[tuple[str, ...], tuple[str, ...]]:
        return {}

    @cached_property
    def _target_sets_by_areas(self) -> dict[tuple[str, ...], frozenset[str]]:
        return {}

    @cached_property
    def step_targets(self) -> list[str]:
        """Every scenario step as a score target, ``SCN-X.<n>`` with steps numbered from 1."""
        return [f"{sid}.{n}" for sid, s in self.scenarios.items()
                for n in range(1, len(s.steps) + 1)]

    @cached_property
    def step_target_set(self) -> frozenset[str]:
        return frozenset(self.step_targets)

    def targets(self, person: Evaluator) -> list[str]:
        """Everything ``person`` may score for one vendor."""
        return [*self.requirement_targets(person), *self.step_targets, REFERENCES]

    def is_target(self, target: str) -> bool:
        """Whether ``target`` can be scored in this project at all."""
        return (target == REFERENCES or target in self.step_target_set
                or target in self.loaded.requirements)

    def may_score(self, person: Evaluator, target: str) -> bool:
        """Whether ``person`` may score ``target`` (requirements only in their areas)."""
        if target == REFERENCES or target in self.step_target_set:
            return True
        req = self.loaded.requirements.get(target)
        return req is not None and scores_area(person, req.area)

    @property
    def facilitator_scores(self) -> bool:
        """Whether the project's facilitators score too: ``evaluation.facilitator_scores``, by
        default only when a facilitator names the areas they score."""
        return facilitator_scores(self.project)

    def scores(self, person: Evaluator) -> bool:
        """Whether ``person`` scores vendors (and is listed as a scorer)."""
        if person.role == "facilitator":
            return self.facilitator_scores
        return person.role == "evaluator"

    def is_blind(self, person: Evaluator, revealed: bool) -> bool:
        """Whether ``person`` may not see others' scores now: everyone who scores, the
        facilitator included, until the reveal."""
        return not revealed and self.scores(person)

    def sees_prices(self, person: Evaluator, revealed: bool = False) -> bool:
        """False, until the reveal, for whoever scores functional criteria when the project
        uses two envelopes: no price figures, no cost score, no ranking that includes cost.

        Why: prices seen while judging functions colour the functional scores; the "two
        envelopes" practice opens the price envelope only after the functional one is scored.
        """
        if revealed or not self.project.evaluation.two_envelopes or not self.scores(person):
            return True
        areas = person.areas or list(FUNCTIONAL_AREAS)
        return not any(a in FUNCTIONAL_AREAS for a in areas)

    @cached_property
    def weights_fingerprint(self) -> str:
        """The fingerprint of the weights, as the scoring engine computes it."""
        from crmselect.webapp.engine import weights_fingerprint

        return weights_fingerprint(self.loaded)

    def scenario_requirements(self, scenario: Scenario) -> list[str]:
        """The requirements a scenario demonstrates (its own list, then its steps'), once each,
        limited to this project's requirements."""
        seen: dict[str, None] = {}
        for rid in [*scenario.requirements, *(r for s in scenario.steps for r in s.requirements)]:
            if rid in self.loaded.requirements:
                seen.setdefault(rid, None)
        return list(seen)


def _login_key(name: str) -> str:
    """``name`` as user names are compared. Why the Turkish letters: a Turkish phone writes a
    user name's first letter capital, ``i`` as ``İ``, which Python lowers to ``i`` and a
    combining dot; ``ı`` is never in an id or an address either."""
    return name.strip().replace("İ", "i").replace("ı", "i").lower()


class ProjectSource:
    """Loads a project folder and reloads it when one of its files changes.

    A project that became invalid while the server runs keeps being served in its last valid
    state; the problems go to the log.
    """

    def __init__(self, root: Path | str, check_interval: float = 1.0) -> None:
        self.root = Path(root).resolve()
        #: Seconds between two looks at the files' modification times.
        self.check_interval = check_interval
        self._lock = threading.Lock()
        self._checked = 0.0
        self._view: ProjectView | None = None
        self._signature: tuple = ()
        self._failed_signature: tuple = ()

    def _current_signature(self) -> tuple:
        stamps = []
        for pattern in ("project.yaml", "vendors/*.yaml", "responses/*.yaml", "scenarios/*.yaml"):
            for path in sorted(self.root.glob(pattern)):
                try:
                    st = path.stat()
                except FileNotFoundError:
                    continue
                stamps.append((str(path), st.st_mtime_ns, st.st_size))
        return tuple(stamps)

    def get(self) -> ProjectView:
        """The project, reloaded first if its files changed (raises CrmselectError when the
        very first load fails)."""
        now = time.monotonic()
        if self._view is not None and now - self._checked < self.check_interval:
            return self._view
        self._checked = now
        signature = self._current_signature()
        if self._view is not None and (
            signature == self._signature or signature == self._failed_signature
        ):
            return self._view
        with self._lock:
            if self._view is not None and signature in (self._signature, self._failed_signature):
                return self._view
            try:
                view = ProjectView(load_project(self.root))
            except CrmselectError as exc:
                if self._view is None:
                    raise
                self._failed_signature = signature
                log.error("project %s no longer loads; serving the last valid version:\n%s",
                          self.root, "\n".join(exc.lines(_english)))
                return self._view
            self._view, self._signature = view, signature
            return view


def _english(message: str) -> str:
    """A core message in English, the server log's language."""
    from crmselect.i18n import text

    return text(message, "en")


def target_label(view: ProjectView, target: str, lang: str) -> tuple[str, str]:
    """(short code, title) of a score target in ``lang``: a requirement, a scenario step or
    the references check."""
    from crmselect.model import localize

    if target == REFERENCES:
        return ("", "")
    req = view.loaded.requirements.get(target)
    if req is not None:
        return (target, localize(req.requirement.title, lang))
    sid, _, step = target.partition(".")
    scenario = view.scenarios.get(sid)
    if scenario is not None and step.isdigit() and 1 <= int(step) <= len(scenario.steps):
        return (target, localize(scenario.steps[int(step) - 1].action, lang))
    return (target, "")
