"""Editing ``project.yaml`` from the setup pages: round-trip, validated, atomic, audited.

Why ruamel.yaml: a project file is kept in git and edited by hand too; a save from the browser
must keep its comments and key order, so that the diff shows only what changed. ruamel is used
only for this round trip (its round-trip loader builds plain maps, lists and scalars; it never
constructs objects from tags); what is saved is validated first by the project's own loader,
with every cross-file check ``crmselect validate`` makes.
"""

from __future__ import annotations

import hashlib
import io
import json
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.representer import RoundTripRepresenter

from crmselect.atomicfile import write_text_atomic
from crmselect.errors import CrmselectError, Issue
from crmselect.model import Project
from crmselect.project import PROJECT_FILE, load_project
from crmselect.yamlfile import read_text

#: What a project folder holds besides project.yaml that validation reads.
_SIBLINGS = ("vendors", "responses", "scenarios", "scores.yaml", "scores.csv")
_WRITE = threading.Lock()


class StaleFile(Exception):
    """project.yaml changed on disk since the page was loaded."""


class _Representer(RoundTripRepresenter):
    """Quotes every string the project's loader (YAML 1.1 rules) would read as something
    else: ``no`` stays the text "no", ``1.10`` stays "1.10"."""


def _represent_str(representer: RoundTripRepresenter, value: str) -> Any:
    tag = pyyaml.resolver.Resolver().resolve(pyyaml.ScalarNode, value, (True, False))
    style = '"' if tag != "tag:yaml.org,2002:str" or value != value.strip() else None
    return representer.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Representer.add_representer(str, _represent_str)


def _yaml() -> YAML:
    handler = YAML(typ="rt")
    handler.Representer = _Representer
    handler.indent(mapping=2, sequence=4, offset=2)
    handler.width = 100
    handler.preserve_quotes = True
    return handler


def digest(text: str) -> str:
    """The fingerprint of a file's text, sent with each form to detect concurrent edits."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class ProjectFile:
    """``project.yaml`` as read for editing."""

    path: Path
    text: str
    data: CommentedMap

    @property
    def digest(self) -> str:
        return digest(self.text)

    def dump(self) -> str:
        out = io.StringIO()
        _yaml().dump(self.data, out)
        return out.getvalue()


def read(root: Path) -> ProjectFile:
    path = root / PROJECT_FILE
    text = read_text(path)  # decoded as the loader decodes it: a UTF-16 file is no page error
    data = _yaml().load(text) if text.strip() else None
    if not isinstance(data, CommentedMap):
        data = CommentedMap()
    return ProjectFile(path, text, data)


def flow(value: Any) -> Any:
    """``value`` with its maps written on one line (``{role: sales, count: 10}``)."""
    if isinstance(value, dict):
        out = CommentedMap(value)
        out.fa.set_flow_style()
        return out
    return value


def place(data: CommentedMap, key: str, value: Any) -> None:
    """Set a top-level key, keeping its place; a new key goes where the model declares it."""
    if value is None or value == [] or value == {}:
        if key in data:
            del data[key]
        return
    if key in data:
        data[key] = value
        return
    order = list(Project.model_fields)
    rank = order.index(key) if key in order else len(order)
    position = sum(1 for k in data if k in order and order.index(k) < rank)
    data.insert(position, key, value)


def merge(target: CommentedMap, values: dict[str, Any]) -> None:
    """Set each of ``values`` in ``target`` in place (None removes the key), keeping the other
    keys and the comments."""
    for key, value in values.items():
        if value is None or value == [] or value == {}:
            if key in target:
                del target[key]
        elif key in target:
            target[key] = value
        else:
            target[key] = value


def plain(value: Any) -> Any:
    """A JSON-able copy for the audit log."""
    return json.loads(json.dumps(value, default=str, ensure_ascii=False))


def validate_text(root: Path, text: str) -> list[Issue]:
    """Every problem ``crmselect validate`` would report if project.yaml had ``text``.

    Why a scratch folder: the project's loader reads a folder; the candidate is validated
    beside links to the folder's other files before it replaces anything.
    """
    with tempfile.TemporaryDirectory(prefix="crmselect-setup-") as scratch:
        folder = Path(scratch)
        for name in _SIBLINGS:
            if (root / name).exists():
                (folder / name).symlink_to((root / name).resolve())
        (folder / PROJECT_FILE).write_text(text, encoding="utf-8")
        try:
            load_project(folder)
        except CrmselectError as exc:
            return [_moved(i, folder, root) for i in exc.issues]
    return []


def _moved(issue: Issue, scratch: Path, root: Path) -> Issue:
    from dataclasses import replace

    file = str(issue.file)
    for prefix in (str(scratch.resolve()), str(scratch)):
        if file.startswith(prefix):
            file = str(root) + file[len(prefix):]
            break
    return replace(issue, file=file)


def save(pf: ProjectFile, base_digest: str) -> list[Issue]:
    """Write ``pf.data`` to project.yaml atomically, if it validates and nobody changed the
    file since ``base_digest`` was read. Returns the problems (nothing written) or [].

    Raises :class:`StaleFile` when the file changed on disk.
    """
    text = pf.dump()
    issues = validate_text(pf.path.parent, text)
    if issues:
        return issues
    with _WRITE:
        current = read_text(pf.path)
        if digest(current) != base_digest:
            raise StaleFile()
        write_text_atomic(pf.path, text)
    pf.text = text
    return []


__all__ = ["CommentedMap", "CommentedSeq", "ProjectFile", "StaleFile", "digest", "flow",
           "merge", "place", "plain", "read", "save", "validate_text"]
