"""Validating a YAML file against a model, with every error placed at its line and column."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from crmselect.errors import CrmselectError, Issue, did_you_mean
from crmselect.yamlfile import Document, read_document

M = TypeVar("M", bound=BaseModel)


def _expected(ctx: dict[str, Any]) -> str:
    return str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")


def describe(error: dict[str, Any]) -> tuple[str, str]:
    """A pydantic error as (message, hint) in the words a user understands."""
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    shown = repr(value) if isinstance(value, str) else str(value)
    if kind == "literal_error":
        return f"{shown} is not one of {_expected(ctx)}", ""
    if kind == "missing":
        return "is required but missing", ""
    if kind == "extra_forbidden":
        return "unknown key", ""
    if kind == "string_pattern_mismatch":
        return f"{shown} is not a valid id or code (expected the form {ctx.get('pattern')})", ""
    if kind == "string_type":
        hint = "quote it" if isinstance(value, (int, float, bool)) else ""
        return f"expected text, got {shown}", hint
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, got {shown}", ""
    if kind in ("float_type", "float_parsing"):
        return f"expected a number, got {shown}", ""
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, got {shown}", ""
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing"):
        return f"expected a date like 2026-12-31, got {shown}", ""
    if kind in ("list_type",):
        return f"expected a list, got {shown}", ""
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a mapping of keys to values, got {shown}", ""
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} item(s)", ""
    if kind == "string_too_short":
        return "must not be empty", ""
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = {"greater_than_equal": ">=", "greater_than": ">", "less_than_equal": "<=",
                 "less_than": "<"}[kind]
        limit = next(iter(ctx.values()), "")
        if isinstance(limit, float) and limit.is_integer():
            limit = int(limit)
        return f"{shown} must be {bound} {limit}", ""
    if kind == "value_error":
        return str(ctx.get("error", error["msg"])), ""
    return f"{error['msg']} (got {shown})", ""


def _clean_loc(loc: tuple[Any, ...]) -> tuple[str | int, ...]:
    """Drop pydantic's union-branch markers (``str``, ``Text``, ``function-after[...]``)."""
    out: list[str | int] = []
    for part in loc:
        if isinstance(part, str) and (
            part in ("str", "text", "constrained-str")
            or "[" in part or part.startswith("function-")
        ):
            continue
        out.append(part)
    return tuple(out)


def issues_from_validation(doc: Document, exc: ValidationError, model: type[BaseModel]) -> list[Issue]:
    """Turn a pydantic ``ValidationError`` into one :class:`Issue` per distinct problem."""
    issues: list[Issue] = []
    seen: set[tuple[Any, ...]] = set()
    errors = exc.errors(include_url=False)
    # A value that failed every branch of a union gives one error per branch; keep the first.
    for error in errors:
        loc = _clean_loc(error["loc"])
        if loc in seen:
            continue
        seen.add(loc)
        message, hint = describe(error)
        if error["type"] == "extra_forbidden" and loc:
            hint = did_you_mean(str(loc[-1]), _known_fields(model, loc[:-1], doc.data))
            issues.append(doc.issue(loc, message, hint=hint, key=True))
        else:
            issues.append(doc.issue(loc, message, hint=hint))
    return sorted(issues, key=lambda i: (i.line, i.column))


def _known_fields(model: type[BaseModel], loc: tuple[str | int, ...], data: Any) -> list[str]:
    """The field names allowed at ``loc`` (for "did you mean" on an unknown key)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return []
        current = _model_of(fields[part].annotation)
        if current is None:
            return []
    fields = getattr(current, "model_fields", None)
    return list(fields) if fields else []


def _model_of(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_of(arg)
        if found is not None:
            return found
    return None


def validate_document(doc: Document, model: type[M]) -> M:
    """Validate parsed YAML against ``model``; every problem is reported at once."""
    if not isinstance(doc.data, dict):
        raise CrmselectError(doc.issue((), "expected a mapping of keys to values at the top"))
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise CrmselectError(issues_from_validation(doc, exc, model)) from None


def load_file(path: Path, model: type[M]) -> tuple[M, Document]:
    """Read and validate one YAML file. Raises :class:`CrmselectError` with all its problems."""
    doc = read_document(path)
    return validate_document(doc, model), doc


class IssueCollector:
    """Gathers issues across many files so that all of them are reported together."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []

    def add(self, issue: Issue) -> None:
        self.issues.append(issue)

    def load(self, path: Path, model: type[M]) -> tuple[M, Document] | tuple[None, None]:
        """Load a file, recording its problems instead of raising."""
        try:
            return load_file(path, model)
        except CrmselectError as exc:
            self.issues.extend(exc.issues)
            return None, None

    def raise_if_any(self, what: str = "nothing_loaded") -> None:
        """Raise every collected issue, sorted by file and position. ``what`` is a messages key."""
        if self.issues:
            raise CrmselectError(
                sorted(self.issues, key=lambda i: (i.file, i.line, i.column)), what=what
            )
