"""A workshop decision written into ``project.yaml`` (issue 14, point 7).

The RFP and the scoring read the priorities in project.yaml, not the database; so deciding a
priority on ``/workshop/decisions`` also edits that requirement's entry, with the round-trip
writer of the setup pages (:mod:`.setupfile`): comments and order kept, validated with the
project's own loader, written atomically, refused when the file changed on disk since the page
was loaded. A catalog requirement's entry is in ``requirements:`` (a plain id becomes
``{id, priority}``); a custom requirement's priority is in its ``custom_requirements:`` entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crmselect.errors import Issue
from crmselect.webapp import setupfile


class WholeCatalog(Exception):
    """project.yaml selects no requirement (the whole catalog): there is no entry to change,
    and adding one would narrow the selection to that requirement."""


@dataclass
class Written:
    """What a decision changed in project.yaml: the entry before and after (None: the file
    already said so, nothing written), or the problems that kept it from being saved."""

    old: Any = None
    new: Any = None
    issues: list[Issue] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.new is not None and not self.issues


def _with_priority(entry: Any, requirement: str, priority: str) -> Any:
    """``entry`` of ``requirements:`` with ``priority``, keeping its other keys (and place)."""
    if isinstance(entry, dict):
        if "priority" in entry:
            entry["priority"] = priority
        else:
            keys = list(entry)
            entry.insert(keys.index("id") + 1 if "id" in keys else len(keys), "priority",
                         priority)
        return entry
    return setupfile.flow({"id": requirement, "priority": priority})


def _entry_id(entry: Any) -> Any:
    return entry.get("id") if isinstance(entry, dict) else entry


def apply(data: setupfile.CommentedMap, requirement: str, priority: str) -> tuple[Any, Any]:
    """Set ``requirement``'s priority in ``data`` (project.yaml as read for editing); returns
    the entry before and after (plain copies). Raises :class:`WholeCatalog` when the file
    selects no requirement and the requirement is not a custom one."""
    for entry in data.get("custom_requirements") or []:
        if isinstance(entry, dict) and entry.get("id") == requirement:
            old = setupfile.plain(entry)
            _with_priority(entry, requirement, priority)
            return old, setupfile.plain(entry)
    selected = data.get("requirements")
    if not selected:
        raise WholeCatalog()
    for i, entry in enumerate(selected):
        if _entry_id(entry) == requirement:
            old = setupfile.plain(entry)
            selected[i] = _with_priority(entry, requirement, priority)
            return old, setupfile.plain(selected[i])
    selected.append(setupfile.flow({"id": requirement, "priority": priority}))
    return None, setupfile.plain(selected[-1])


def write_decision(root: Path, base_digest: str, requirement: str, priority: str,
                   current: str) -> Written:
    """Write the decided ``priority`` of ``requirement`` into ``root``'s project.yaml if it
    differs from the ``current`` one. Raises :class:`setupfile.StaleFile` when the file
    changed since ``base_digest`` was read, :class:`WholeCatalog` (see :func:`apply`)."""
    if current == priority:
        return Written()
    pf = setupfile.read(root)
    if setupfile.digest(pf.text) != base_digest:
        raise setupfile.StaleFile()
    old, new = apply(pf.data, requirement, priority)
    issues = setupfile.save(pf, base_digest)
    return Written(old, new, issues)


__all__ = ["WholeCatalog", "Written", "apply", "write_decision"]
