"""Instant commands, eighth round (issue 15, target 1): pydantic's share of `score`, `validate`
and `sensitivity`.

No test measures time: each checks that a costly step is not taken at all (the number check's
signature inspected at every field it guards, a ``FieldInfo`` merged wherever a constrained type
is used), and that what is validated, refused and exported is still the same.
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
