"""The pydantic models of crmselect/model.py cost little to create and to build (issue 15,
target 1), with the same validation: a model is built when first used, not when imported.

No test measures time: each checks that a costly step is not taken at all (an annotation
evaluated from its text, a model's validator built a second time or for a command that does not
need it, a builtin's signature or the number check's inspected, a ``FieldInfo`` merged wherever a
constrained type is used), and that what is validated, refused and exported is still the same.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import typing

import pytest
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

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


# --- number checks and ranges ----------------------------------------------------------------


def _metadata(annotation: object) -> typing.Iterator[object]:
    """Every object in the ``Annotated`` metadata of ``annotation`` and of the types in it."""
    if typing.get_origin(annotation) is typing.Annotated:
        yield from annotation.__metadata__  # type: ignore[union-attr]
        yield from _metadata(typing.get_args(annotation)[0])
        return
    for arg in typing.get_args(annotation):
        yield from _metadata(arg)


def test_building_the_validators_inspects_no_number_check():
    # BeforeValidator asks inspect.signature whether its function takes pydantic's info
    # argument, at every field it is used in (some 50 in a project, its responses and scores)
    code = ("import inspect\n"
            "import pydantic._internal._typing_extra as extra\n"
            "asked = []\n"
            "original = extra.signature\n"
            "def counting(obj, *args, **kwargs):\n"
            "    asked.append(getattr(obj, '__qualname__', repr(obj)))\n"
            "    return original(obj, *args, **kwargs)\n"
            "extra.signature = counting\n"
            "from crmselect.model import FILE_KINDS\n"
            "for kind in FILE_KINDS.values():\n"
            "    kind.model_rebuild()\n"
            "print(len(asked), sorted({q for q in asked if 'check' in q}))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=300, check=True)
    inspected, checks = result.stdout.split(" ", 1)
    assert int(inspected) > 0  # the counting hook is in place: default factories are asked
    assert checks.strip() == "[]"


def test_no_type_carries_a_field_info():
    # Field(ge=…) inside a type is a FieldInfo that pydantic merges again at every use of the
    # type in a union, a list or a mapping; annotated_types' Ge/Le are what it is turned into
    found = [(cls.__name__, name) for cls in _models()
             for name, field in cls.model_fields.items()
             if any(isinstance(item, FieldInfo) for item in _metadata(field.annotation))]
    assert found == []
    for alias in (model.Money, model.Weight, model.Day, model.PositiveRate, model.RateOrRates):
        assert not any(isinstance(item, FieldInfo) for item in _metadata(alias))


def _errors(kind: type[BaseModel], data: dict[str, object]) -> list[tuple[object, ...]]:
    with pytest.raises(ValidationError) as exc:
        kind.model_validate(data)
    return [(e["type"], e["loc"], e["msg"]) for e in exc.value.errors(include_url=False)]


@pytest.mark.parametrize("value", [True, False])
def test_a_boolean_is_still_no_number(value):
    assert _errors(model.Pricing, {"currency": "EUR", "training": value}) == [
        ("float_type", ("training",), "Input should be a valid number")]
    assert _errors(model.UserGroup, {"role": "sales", "count": value}) == [
        ("int_type", ("count",), "Input should be a valid number")]
    # inside a mapping and a union with None, as well
    assert _errors(model.Pricing, {"currency": "EUR", "per_user_month": {"std": value}}) == [
        ("float_type", ("per_user_month", "std"), "Input should be a valid number")]
    assert _errors(model.Volumes, {"records": {"accounts": value}}) == [
        ("int_type", ("records", "accounts"), "Input should be a valid number")]


def test_ranges_are_still_checked_with_the_same_errors():
    assert _errors(model.Pricing, {"currency": "EUR", "training": -1}) == [
        ("greater_than_equal", ("training",), "Input should be greater than or equal to 0")]
    assert _errors(model.Pricing, {"currency": "EUR", "per_user_month": {"std": 2e15}}) == [
        ("less_than_equal", ("per_user_month", "std"),
         "Input should be less than or equal to 1000000000000000")]
    assert _errors(model.Timeline, {"go_live": "1989-12-31"}) == [
        ("greater_than_equal", ("go_live",), "Input should be greater than or equal to 1990-01-01")]
    assert _errors(model.Timeline, {"go_live": "2101-01-01"}) == [
        ("less_than_equal", ("go_live",), "Input should be less than or equal to 2100-12-31")]
    assert _errors(model.Tco, {"horizon_years": 16, "discount_rate_pct": -1}) == [
        ("less_than_equal", ("horizon_years",), "Input should be less than or equal to 15"),
        ("greater_than_equal", ("discount_rate_pct",),
         "Input should be greater than or equal to 0")]
    assert _errors(model.Scoring, {"disagreement_spread": 0}) == [
        ("greater_than", ("disagreement_spread",), "Input should be greater than 0")]
    rates = {"name": "P", "organisation": {"name": "O"}, "currency": "TRY"}
    assert _errors(model.Project, {**rates, "exchange_rates": {"EUR": []}}) == [
        ("too_short", ("exchange_rates", "EUR", "rates_per_year"),
         "List should have at least 1 item after validation, not 0")]
    assert _errors(model.Project, {**rates, "exchange_rates": {"EUR": [40, 0]}}) == [
        ("greater_than", ("exchange_rates", "EUR", "rates_per_year", 1),
         "Input should be greater than 0")]
    # and what is in range is read as before
    tco = model.Tco.model_validate({"horizon_years": 15, "target_budget": 0})
    assert tco.horizon_years == 15 and tco.target_budget == 0.0
    assert model.Timeline.model_validate({"go_live": "2100-12-31"}).go_live == dt.date(2100, 12, 31)


def test_the_json_schema_keeps_the_ranges():
    pricing = model.Pricing.model_json_schema()["properties"]
    assert pricing["training"]["ge"] == 0 and pricing["training"]["le"] == model.MAX_AMOUNT
    rates = model.Project.model_json_schema()["properties"]["exchange_rates"]
    one, per_year = rates["patternProperties"]["^[A-Z]{3}$"]["oneOf"]
    assert per_year["type"] == "array" and per_year["minItems"] == 1
    assert one["gt"] == 0 and per_year["items"]["gt"] == 0


# --- models built when first used ------------------------------------------------------------


def test_models_are_built_when_first_used_not_when_imported():
    code = ("import crmselect.model as m\n"
            "print(m.Project.__pydantic_complete__, m.ScoresFile.__pydantic_complete__)\n"
            "m.Text.model_validate({'en': 'a', 'tr': 'b'})\n"
            "print(m.Text.__pydantic_complete__, m.Project.__pydantic_complete__)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, check=True)
    assert result.stdout.split() == ["False", "False", "True", "False"]


def test_deferred_project_model_still_resolves_custom_requirements():
    from pydantic import ValidationError

    from crmselect.model import Project

    with pytest.raises(ValidationError) as exc:
        Project.model_validate({"custom_requirements": [{"id": "bad"}]})
    assert any(e["loc"][:2] == ("custom_requirements", 0) for e in exc.value.errors())


def test_validate_builds_no_timeline_serializer(sample_project):
    # summary.py dumped project.timeline, which built Timeline's validator and serializer
    built = _run(_BUILT, "validate", str(sample_project)).split()
    assert "Timeline" not in built, built
