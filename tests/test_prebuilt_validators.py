"""Instant commands (issue 15, target 1): the validators of the file kinds come from the
bundled-data cache (``crmselect/prebuilt.py``) instead of being built by pydantic on every run.

No test measures time: each checks that the class's own validator is not built on the
commands' path once the cache holds it, and that what is validated, refused and where is the
same as ``Model.model_validate``.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

from pydantic import ValidationError

from crmselect import model, prebuilt
from crmselect.model import FILE_KINDS

_GOOD = {
    "name": "Acme CRM selection",
    "language": "en",
    "currency": "EUR",
    "organisation": {"name": "Acme", "country": "Türkiye"},
    "requirements": ["OPS-SFA-001", {"id": "OPS-SFA-002", "priority": "must"}],
    "vendors": ["odoo"],
}

#: Hostile inputs: a boolean for a number, an unknown key, a bad id, a text that is not a text,
#: a date out of range, a list where a mapping is expected, a rate of the wrong kind.
_BAD = [
    {**_GOOD, "budget": True},
    {**_GOOD, "surprise": 1},
    {**_GOOD, "requirements": ["ops-sfa-1", {"id": "OPS-SFA-002", "priority": "sometimes"}]},
    {**_GOOD, "organisation": {"name": "", "country": "Atlantis", "employees": 0}},
    {**_GOOD, "timeline": {"start": "1800-01-01"}},
    {**_GOOD, "weights": ["functional"]},
    {**_GOOD, "exchange_rates": {"USD": [], "GBP": -1, "TRY": "many"}},
    {**_GOOD, "rfp": {"payment_plan": [{"name": "signing", "percent": 30}]}},
    [],
]


def _outcome(validate: object, data: object) -> str:
    """What validating ``data`` gives, as text: the model's dump or every error in order."""
    try:
        return repr(validate(data))  # type: ignore[operator]
    except ValidationError as exc:
        return repr([(e["type"], e["loc"], e["msg"], e.get("input"))
                     for e in exc.errors(include_url=False)]) + exc.title


_SCRIPT = """
import json, sys
from crmselect import prebuilt
from crmselect.model import Project
from tests.test_prebuilt_validators import _BAD, _GOOD, _outcome
check = prebuilt.validator(Project).validate_python
print(json.dumps({"outcomes": [_outcome(check, data) for data in [_GOOD, *_BAD]],
                  "class_built": Project.__pydantic_complete__}))
"""


def _run(script: str, cache: Path) -> dict:
    env = {**os.environ, "CRMSELECT_CACHE_DIR": str(cache), "PYDANTIC_DISABLE_PLUGINS": "1"}
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", script], env=env, cwd=root, capture_output=True,
                         text=True, timeout=300, check=True)
    return json.loads(out.stdout)


def test_every_file_kinds_validator_and_serializer_pickle():
    # a lambda as a default factory (there were five) cannot be pickled: the validator would
    # then be built on every run
    for kind in FILE_KINDS.values():
        kind.model_rebuild()
        for part in (kind.__pydantic_validator__, kind.__pydantic_serializer__):
            again = pickle.loads(pickle.dumps(part))
            assert type(again) is type(part)


def test_the_default_factories_give_the_same_defaults():
    assert model.Weights.model_construct().criteria == {
        "functional": 35, "integration": 15, "non_functional": 10, "test_drive": 15,
        "cost": 20, "references": 5}
    assert model.Weights.model_construct().priority == {"must": 3, "should": 2, "could": 1,
                                                        "wont": 0}
    assert model.Scoring.model_construct().compliance_scores == {
        "native": 5, "configurable": 4, "third_party": 3, "custom": 2, "roadmap": 1, "none": 0}
    assert model.Rfp.model_construct().optional_prices == [
        "whatsapp_conversation", "sms_message", "storage_gb", "api_calls", "sandbox",
        "extra_user"]
    organisation = model.Organisation.model_validate({"name": "Acme"})
    assert organisation.migrated_entities == ["accounts", "contacts", "leads", "opportunities",
                                              "cases"]
    # each call its own list: a default is never shared between two objects
    assert organisation.migrated_entities is not model.Organisation.model_validate(
        {"name": "Acme"}).migrated_entities


def test_the_prebuilt_validator_gives_what_model_validate_gives(tmp_path):
    expected = [_outcome(model.Project.model_validate, data) for data in [_GOOD, *_BAD]]
    assert expected[0].startswith("Project(")  # the good input is valid
    assert all("Project" in outcome for outcome in expected[1:])  # each bad one has errors
    cache = tmp_path / "cache"
    built = _run(_SCRIPT, cache)  # no entry yet: built by pydantic, then stored
    assert built["outcomes"] == expected
    assert any(cache.iterdir())
    read = _run(_SCRIPT, cache)  # from the entry: the class's own validator is not built
    assert read["outcomes"] == expected
    assert read["class_built"] is False


def test_without_the_cache_the_class_is_built_as_before():
    result = _run(_SCRIPT, Path("off"))
    assert result["class_built"] is True
    assert result["outcomes"][0].startswith("Project(")


def test_a_built_class_uses_its_own_validator():
    model.DemoMark.model_rebuild()
    assert prebuilt.validator(model.DemoMark) is model.DemoMark.__pydantic_validator__
    assert prebuilt.serializer(model.DemoMark) is model.DemoMark.__pydantic_serializer__


def test_score_and_validate_build_neither_the_projects_nor_the_responses_class(sample_project,
                                                                             tmp_path):
    script = f"""
import contextlib, io, json, sys
from crmselect.cli import main
from crmselect.model import Project, VendorResponseFile
for command in ("score", "validate", "sensitivity"):
    sys.argv = ["crmselect", command, {str(sample_project)!r}]
    with contextlib.redirect_stdout(io.StringIO()):
        try:
            main()
        except SystemExit as exc:
            assert not exc.code, exc.code
print(json.dumps({{"class_built": [Project.__pydantic_complete__,
                                    VendorResponseFile.__pydantic_complete__]}}))
"""
    cache = tmp_path / "cache"
    _run(script, cache)  # fills the cache
    assert _run(script, cache)["class_built"] == [False, False]


def test_the_prebuilt_serializer_dumps_as_model_dump():
    project = model.Project.model_validate({**_GOOD, "tco": {"horizon_years": 3}})
    for options in ({}, {"mode": "json", "include": {"weights"}},
                    {"mode": "json", "include": {"tco"}, "exclude_defaults": True}):
        assert (prebuilt.serializer(model.Project).to_python(project, **options)
                == project.model_dump(**options))



def test_another_annotated_types_version_is_another_entry(tmp_path, monkeypatch):
    import annotated_types

    monkeypatch.setenv("CRMSELECT_CACHE_DIR", str(tmp_path / "cache"))
    built = []

    def build() -> object:
        built.append(1)
        model.Text.model_rebuild()
        return model.Text.__pydantic_validator__

    prebuilt._cached(model.Text, "validator", build)
    prebuilt._cached(model.Text, "validator", build)
    assert len(built) == 1  # the second from the entry
    monkeypatch.setattr(annotated_types, "__version__", "99.0", raising=False)
    prebuilt._cached(model.Text, "validator", build)
    assert len(built) == 2
