"""The validators and serializers of the models a command reads its files with, kept in the
bundled-data cache (:mod:`crmselect.bundlecache`) from one run to the next.

Why: pydantic builds a model's validator the first time the model is used (the models are
``defer_build``), from its fields and those of every model inside it, on every run of a command:
``Project`` with its nested models took 12–19 ms, ``VendorResponseFile`` 3.5–5 ms. The result is
pydantic-core's ``SchemaValidator`` (and ``SchemaSerializer``), which pickles as its core schema
and is made again from it in pydantic-core itself in about a tenth of that time (``Project``'s:
about 1 ms). The core schema depends only on the model's code (``crmselect/model.py``, among the
modules of the cache's code key) and on pydantic (its version is in the key too, those of
pydantic-core and annotated_types in the entry's kind), so it is kept like the bundled catalog,
under a key without data files. The functions a schema calls (validators, default factories)
are pickled by name, so they must be module-level functions: no lambda.

The model classes are left as pydantic made them: validating with :func:`validator` gives the
same model objects, values and errors as ``Model.model_validate`` (the same core schema with the
same config), but the class's own validator stays unbuilt until something else asks for it.
When a class has already been built in this process, its own validator is used. When pydantic
plugins are installed and not turned off (the command line turns them off), the class's own
validator is used too, so that plugins see every validation as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pydantic_core
from pydantic import BaseModel
from pydantic_core import SchemaSerializer, SchemaValidator

from crmselect.bundlecache import cached

_kept: dict[tuple[type[BaseModel], str], Any] = {}


def validator(model: type[BaseModel]) -> SchemaValidator:
    """``model``'s validator: ``validator(M).validate_python(data)`` is
    ``M.model_validate(data)``."""
    if model.__pydantic_complete__ or _plugins_on():
        return model.__pydantic_validator__  # type: ignore[return-value]
    return _prebuilt(model, "validator")  # type: ignore[no-any-return]


def serializer(model: type[BaseModel]) -> SchemaSerializer:
    """``model``'s serializer: ``serializer(M).to_python(obj, **options)`` is
    ``obj.model_dump(**options)`` for an ``obj`` of class ``M``."""
    if model.__pydantic_complete__:
        return model.__pydantic_serializer__
    return _prebuilt(model, "serializer")  # type: ignore[no-any-return]


_PARTS: dict[str, type] = {"validator": SchemaValidator, "serializer": SchemaSerializer}


def _prebuilt(model: type[BaseModel], part: str) -> Any:
    found = _kept.get((model, part))
    if found is None:
        found = _cached(model, part, lambda: _build(model, part))
        _kept[model, part] = found
    return found


def versions() -> str:
    """What a validator depends on besides the cache's code key (crmselect's modules,
    pydantic's and Python's versions): the versions of pydantic-core (pinned by pydantic's,
    named anyway) and of annotated_types, whose constraints pydantic turns into the schema."""
    return f"pydantic-core {pydantic_core.__version__}, annotated-types {_annotated_types()}"


def _cached(model: type[BaseModel], part: str, build: Callable[[], Any]) -> Any:
    return cached(f"{part} {model.__module__}.{model.__qualname__} ({versions()})", [], build,
                  lambda found: isinstance(found, _PARTS[part]))


def _annotated_types() -> str:
    import annotated_types  # imported already: crmselect.model uses it

    return str(getattr(annotated_types, "__version__", "unknown"))


def _build(model: type[BaseModel], part: str) -> Any:
    """Builds the class as pydantic does and stores its other part too: asked for later in
    this process, it would come from the class (built now), and the next run would build the
    class again for it."""
    model.model_rebuild()
    for other in _PARTS:
        if other != part:
            _cached(model, other, lambda name=other: getattr(model, f"__pydantic_{name}__"))
    return getattr(model, f"__pydantic_{part}__")


def _plugins_on() -> bool:
    """Whether pydantic would hand a newly built validator to plugins. The command line has
    already turned them off (no look-up); elsewhere this asks pydantic, which looks for them once
    per process, as it does when it builds its first validator."""
    from pydantic.plugin._loader import get_plugins

    return bool(tuple(get_plugins()))
