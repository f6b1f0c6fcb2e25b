"""``crmselect init``: the project.yaml it writes shows every section of the model."""

from __future__ import annotations

import re
import shlex
import typing
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import BaseModel

from crmselect.catalog import load_catalog
from crmselect.cli import main
from crmselect.model import Project, Text
from crmselect.project import load_project
from crmselect.scaffold import scaffold_project


def _models_in(annotation: object) -> list[type[BaseModel]]:
    """The models an annotation holds (through lists, dicts, unions and Annotated)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [] if issubclass(annotation, Text) else [annotation]
    found: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):
        found += _models_in(arg)
    return found


def field_paths(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every field of ``model`` and of the models nested in it, as key paths."""
    model.model_json_schema()  # resolves the names a deferred model refers to
    paths = []
    for name, info in model.model_fields.items():
        path = (*prefix, name)
        paths.append(path)
        for nested in _models_in(info.annotation):
            paths += field_paths(nested, path)
    return paths


_KEY = re.compile(r"(?:^|[\s{,#])([a-z_][a-z0-9_]*):")


def sections(text: str) -> dict[str, str]:
    """The template split at its top-level keys, written (``key:``) or commented (``# key:``)."""
    found: dict[str, list[str]] = {}
    current = ""
    for line in text.splitlines():
        top = re.match(r"^(?:# )?([a-z_]+):", line)
        if top and top.group(1) in Project.model_fields:
            current = top.group(1)
        found.setdefault(current, []).append(line)
    return {key: "\n".join(lines) for key, lines in found.items()}


@pytest.fixture(scope="module", params=["en", "tr"])
def written(request, tmp_path_factory) -> tuple[str, Path]:
    target = tmp_path_factory.mktemp(f"init_{request.param}") / "acme"
    scaffold_project(target, load_catalog(), lang=request.param)
    return request.param, target


def test_the_walk_sees_nested_fields():
    paths = field_paths(Project)
    assert ("organisation", "volumes", "per_month") in paths
    assert ("weights", "ahp", "method") in paths
    assert ("custom_requirements", "integration", "direction") in paths
    assert ("name", "en") not in paths  # a bilingual text is a value, not a section


def test_every_field_of_the_model_is_in_the_init_template(written):
    """A field added to the model and not to ``init`` fails here (issue 14)."""
    _, target = written
    parts = sections((target / "project.yaml").read_text(encoding="utf-8"))
    missing = []
    for path in field_paths(Project):
        if path[:2] == ("custom_requirements", "proposed_by"):
            continue  # the catalog's setup rules; a project's own requirement is never proposed
        part = parts.get(path[0], "")
        keys = set(_KEY.findall(part))
        if not re.search(rf"^(?:# )?{path[0]}:", part, re.M) or (
                len(path) > 1 and path[-1] not in keys):
            missing.append(".".join(path))
    assert missing == [], missing


def test_the_walk_fails_on_a_missing_field(tmp_path):
    """The check above is not vacuous: a template without ``volumes`` is caught."""
    scaffold_project(tmp_path / "p", load_catalog())
    text = (tmp_path / "p" / "project.yaml").read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if "volumes" not in line)
    keys = set(_KEY.findall(sections(text)["organisation"]))
    assert "volumes" not in keys and "records" in keys


def test_the_written_file_validates(written):
    lang, target = written
    loaded = load_project(target)
    assert loaded.project.language == lang


def test_turkish_init_explains_in_turkish(written):
    lang, target = written
    text = (target / "project.yaml").read_text(encoding="utf-8")
    if lang == "tr":
        assert "# volumes:  # tuttuğunuz ve işlediğiniz hacim" in text
        assert "# Karar verildiğinde (crmselect status gösterir):" in text
        assert "Puanların nasıl birleştirileceği" in text
    else:
        assert "# volumes:  # how much you hold and handle" in text
        assert "# The decision, once made (crmselect status shows it):" in text


def test_uncommented_examples_validate(written, tmp_path):
    """The commented examples are valid as written: removing the ``# `` of the example lines
    of the organisation, scoring and evaluation sections gives a project that validates."""
    _, target = written
    text = (target / "project.yaml").read_text(encoding="utf-8")
    keep = ("  # country:", "  # employees:", "  # contact:", "  # departments:",
            "  # channels:", "  # current_systems:", "  #   - {name:", "  # volumes:",
            "  #   records:", "  #   per_month:", "  # price_formula:", "  # discount_rate_pct:",
            "# scoring:", "#   knockout", "#   aggregation", "#   method: wsm",
            "#   disagreement", "#   compliance_scores", "#   unverified", "#   monte_carlo",
            "#   seed", "# evaluation:", "#   two_envelopes", "#   conflict", "#   show_weights",
            "#   facilitator_scores", "#   demo_minutes", "# objectives:",
            "#   - One customer", "#   - Satış ve servis", "  # groups:", "  # requirements:",
            "  # priority:", "  # ahp:", "  #   criteria:", "  #     ", "# kpis:", "# decision:",
            "# custom_requirements:", "#   - id: CUS", "#     ", "#                   ",
            "# timeline:", "#            ",
            "#  - {id: ", "# rfp:", "#   submission", "#   intent", "#   deadline", "#   validity",
            "#   price_lock", "#   delay", "#   penalty", "#   payment_plan", "#   optional_prices",
            "#   sla", "#         normal", "# documents:", "#   version", "#   author",
            "#   approved_by", "#   approved_on", "#   footer")
    lines = []
    text = text.replace("vendors: []", "vendors: [odoo]").replace("evaluators: []", "evaluators:")
    for line in text.splitlines():
        if line.startswith(keep):
            line = line.replace("# ", "", 1)
        lines.append(line)
    (tmp_path / "project.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    project = load_project(tmp_path).project
    assert project.organisation.volumes.per_month["quotes"] == 180
    assert project.scoring.seed == 42 and project.evaluation.demo_minutes_per_vendor == 180
    assert project.tco.discount_rate_pct == 8 and project.timeline.kickoff is not None
    assert project.decision.vendor == "odoo" and project.kpis
    assert [e.role for e in project.evaluators] == ["facilitator", "evaluator"]
    assert project.custom_requirements[0].integration.direction == "inbound"
    assert project.documents.version == "1.0" and project.documents.footer
    assert project.rfp.price_lock_years == 3 and project.rfp.sla.rto_hours == 8
    assert project.weights.ahp["criteria"].method == "eigenvector"


# --- a folder with spaces in the comment's command -------------------------------------------


def run_cli(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.output


def test_init_comment_quotes_a_folder_with_spaces(tmp_path):
    # The comment tells the user the next command; copied as written it must work.
    target = tmp_path / "Müşteri Projeleri" / "Kuzey Yedek Parça"
    code, out = run_cli("init", target, "--lang", "tr")
    assert code == 0, out
    second = (target / "project.yaml").read_text(encoding="utf-8").splitlines()[1]
    assert second.endswith("crmselect validate " + shlex.quote(str(target)))
    assert shlex.split(second.split("çalıştırın: ")[1])[2] == str(target)
