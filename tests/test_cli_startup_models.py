"""Instant commands, fifth round (issue 15, target 1): the pydantic models cost less to create
and to build, with the same validation.

No test measures time: each checks that a costly step is not taken at all (an annotation
evaluated from its text, a model's validator built a second time, a builtin's signature parsed),
and that what is validated is still the same.
"""

from __future__ import annotations

import typing

from pydantic import BaseModel

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
    assert vars(model.Project)["__annotations__"]["custom_requirements"] == list[
        "CustomRequirement"]
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
