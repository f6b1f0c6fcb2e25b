"""Instant commands, fifth round (issue 15, target 1): the pydantic models cost less to create
and to build, with the same validation.

No test measures time: each checks that a costly step is not taken at all (an annotation
evaluated from its text, a model's validator built a second time, a builtin's signature parsed),
and that what is validated is still the same.
"""

from __future__ import annotations

import subprocess
import sys
import typing

import pytest
from pydantic import BaseModel, ValidationError

from crmselect import model


def _models() -> list[type[BaseModel]]:
    return [value for value in vars(model).values()
            if isinstance(value, type) and issubclass(value, BaseModel)
            and value.__module__ == model.__name__]


def test_model_annotations_are_objects_not_texts():
    # with ``from __future__ import annotations`` every annotation is a text that pydantic
    # evaluates when the class is created; only the one name used before its class is quoted
    texts = [(cls.__name__, name) for cls in _models()
             for name, annotation in vars(cls).get("__annotations__", {}).items()
             if isinstance(annotation, str)]
    assert texts == []
    quoted = vars(model.Project)["__annotations__"]["custom_requirements"]
    assert typing.get_args(quoted) == ("CustomRequirement",)
    assert "annotations" not in vars(model)  # the __future__ feature's name
    hints = typing.get_type_hints(model.Project)
    assert hints["custom_requirements"] == list[model.CustomRequirement]


def test_the_forward_reference_resolves_on_first_use():
    project = model.Project.model_validate({
        "name": "P", "organisation": {"name": "O"},
        "custom_requirements": [{"id": "CUS-ABC-001", "title": "T", "description": "D",
                                 "phases": ["retention"], "area": "operational",
                                 "group": "sales"}]})
    assert isinstance(project.custom_requirements[0], model.CustomRequirement)


def _run(code: str, *args: str) -> str:
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                            text=True, timeout=300, check=True)
    return result.stdout


#: Prints the name of every model whose validator is built while the command given runs.
_BUILT = """
import contextlib, io, sys
import pydantic._internal._model_construction as construction
from crmselect.cli import main
complete = construction.complete_model_class
built = []
def counting(cls, *args, **kwargs):
    built.append(cls.__name__)
    return complete(cls, *args, **kwargs)
construction.complete_model_class = counting
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main(sys.argv[1:], standalone_mode=False)
    except SystemExit:
        pass
print(" ".join(built))
"""


@pytest.mark.parametrize("command", ["score", "sensitivity", "validate"])
def test_no_nested_model_is_built_on_its_own(sample_project, tmp_path, command):
    # Weights, Tco and Pricing were built a second time for model_dump(); Rfp and RfpSla for
    # their defaults (the sample leaves out rfp:)
    built = _run(_BUILT, command, str(sample_project)).split()
    # Project and VendorResponseFile themselves come from the cache of prebuilt validators
    # once it holds them (tests/test_prebuilt_validators.py), else pydantic builds them here
    assert not set(built) & {"Weights", "Tco", "Pricing", "Rfp", "RfpSla"}, built
    assert len(built) == len(set(built)), built


def test_a_settings_block_left_out_is_its_defaults():
    project = model.Project.model_validate({"name": "P", "organisation": {"name": "O"}})
    assert project.rfp == model.Rfp() and project.rfp.sla == model.RfpSla()
    assert project.tco == model.Tco() and project.weights == model.Weights()
    assert project.organisation.volumes == model.Volumes()
    assert project.model_fields_set == {"name", "organisation"}
    assert project.rfp.model_fields_set == set()
    with pytest.raises(ValidationError):  # frozen like a validated one
        project.tco.horizon_years = 3  # type: ignore[misc]
    assert project.custom_requirements == [] and project.requirements == []
    assert project.users is not model.Project.model_validate(
        {"name": "Q", "organisation": {"name": "O"}}).users  # a new list each time


def test_building_the_validators_parses_no_builtin_signature():
    # pydantic asks inspect.signature about each default factory; for the builtin ``list`` the
    # signature is parsed from its text with tokenize (3 ms the first time, 0.2 ms each after)
    code = ("import inspect\n"
            "parsed = []\n"
            "original = inspect._signature_fromstr\n"
            "def counting(cls, obj, *args, **kwargs):\n"
            "    parsed.append(getattr(obj, '__name__', repr(obj)))\n"
            "    return original(cls, obj, *args, **kwargs)\n"
            "inspect._signature_fromstr = counting\n"
            "from crmselect.model import FILE_KINDS\n"
            "for kind in FILE_KINDS.values():\n"
            "    kind.model_rebuild()\n"
            "print(parsed)\n")
    assert _run(code).strip() == "[]"


def test_prices_are_checked_without_dumping_the_model(monkeypatch):
    from crmselect.errors import CrmselectError
    from crmselect.scoring.cost import _check_prices

    def refuse(*args, **kwargs):
        raise AssertionError("model_dump")

    pricing = model.Pricing.model_construct(currency="EUR", per_user_month={"standard": -5.0},
                                            implementation=0, notes=model.Text(en="a", tr="b"))
    monkeypatch.setattr(model.Pricing, "model_dump", refuse)
    vendor = type("V", (), {"response_file": None, "id": "acme"})()
    with pytest.raises(CrmselectError) as exc:
        _check_prices(pricing, vendor)
    assert exc.value.issues[0].where == "pricing.per_user_month.standard"
    with pytest.raises(CrmselectError) as exc:
        _check_prices(model.Pricing.model_construct(currency="EUR", day_rate=float("inf")),
                      vendor)
    assert exc.value.issues[0].where == "pricing.day_rate"
    _check_prices(model.Pricing(currency="EUR", implementation=10, notes="x"), vendor)
