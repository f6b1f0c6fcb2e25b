"""Creating project folders: a fresh one from the catalog, or a copy of the bundled sample.

Nothing here ever deletes a file; writing into a folder that already has files needs ``force``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from crmselect.catalog import Catalog
from crmselect.errors import CrmselectError, Issue
from crmselect.model import FILE_KINDS
from crmselect.resources import sample_project_dir

SCHEMA_DIR = "schemas"


def modeline(kind: str, depth: int = 0) -> str:
    """The yaml-language-server comment that lets editors complete and check a file."""
    return f"# yaml-language-server: $schema={'../' * depth}{SCHEMA_DIR}/{kind}.schema.json\n"


def json_schemas() -> dict[str, str]:
    """File kind → its JSON Schema text, generated from the models."""
    return {
        kind: json.dumps(model.model_json_schema(), indent=2, ensure_ascii=False) + "\n"
        for kind, model in FILE_KINDS.items()
    }


def write_schemas(folder: Path) -> list[Path]:
    """Write ``<kind>.schema.json`` for every file kind into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, text in json_schemas().items():
        path = folder / f"{kind}.schema.json"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def _check_target(target: Path, force: bool) -> None:
    if target.exists() and not target.is_dir():
        raise CrmselectError(Issue(file=str(target), message="exists and is not a folder"))
    if target.is_dir() and any(target.iterdir()) and not force:
        raise CrmselectError(Issue(
            file=str(target), message="the folder is not empty; nothing was written",
            hint="use --force to write into it (existing files of the same name are replaced, "
            "no file is deleted)",
        ))


def copy_sample(target: Path, force: bool = False) -> list[Path]:
    """Write the bundled sample project into ``target``."""
    _check_target(target, force)
    source = sample_project_dir()
    written = []
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source)
        if path.is_dir() or "__pycache__" in rel.parts or rel.parts[0] in ("out",):
            continue
        dest = target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dest)
        written.append(dest)
    written += write_schemas(target / SCHEMA_DIR)
    return written


_TEXT = {
    "en": {
        "name": "CRM selection",
        "org": "Your company",
        "intro": "# crmselect project. Edit the values, then run: crmselect validate {dir}",
        "reqs": "# Requirements selected from the catalog (default priorities). Delete lines you do "
        "not need;\n# change a priority with:  - {{id: OPS-SFA-001, priority: must}}",
    },
    "tr": {
        "name": "CRM seçimi",
        "org": "Şirketiniz",
        "intro": "# crmselect projesi. Değerleri düzenleyin, sonra çalıştırın: crmselect validate "
        "{dir}",
        "reqs": "# Katalogdan seçilen gereksinimler (varsayılan öncelikler). İhtiyacınız olmayan "
        "satırları silin;\n# önceliği değiştirmek için:  - {{id: OPS-SFA-001, priority: must}}",
    },
}


def scaffold_project(target: Path, catalog: Catalog, lang: str = "en",
                     force: bool = False) -> list[Path]:
    """Write a new ``project.yaml`` listing every catalog requirement, grouped and commented."""
    _check_target(target, force)
    text = _TEXT[lang]
    lines = [
        modeline("project"),
        text["intro"].format(dir=target) + "\n",
        f"name: {text['name']}\n",
        "organisation:\n",
        f"  name: {text['org']}\n",
        f"language: {lang}\n",
        f"currency: {'TRY' if lang == 'tr' else 'EUR'}\n",
        "users:\n",
        "  - {role: sales, count: 10}\n",
        "  - {role: service, count: 5}\n",
        "tco:\n  horizon_years: 5\n",
        "evaluators: []\n",
        "vendors: []\n",
        "scenarios: []\n",
        text["reqs"] + "\n",
        "requirements:\n",
    ]
    for area in catalog.areas:
        for group in area.groups:
            entries = [e for e in catalog.entries.values()
                       if e.area == area.id and e.group == group.id]
            if not entries:
                continue
            lines.append(f"  # {area.name.get(lang)} › {group.name.get(lang)}\n")
            for entry in entries:
                req = entry.requirement
                lines.append(f"  - {req.id}  # {req.priority}: {req.title.get(lang)}\n")
    target.mkdir(parents=True, exist_ok=True)
    for sub in ("responses", "scenarios", "vendors"):
        (target / sub).mkdir(exist_ok=True)
    project_file = target / "project.yaml"
    project_file.write_text("".join(lines), encoding="utf-8")
    return [project_file, *write_schemas(target / SCHEMA_DIR)]

