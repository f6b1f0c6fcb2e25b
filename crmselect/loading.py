"""Validating a YAML file against a model, with every error placed at its line and column."""

from __future__ import annotations

import datetime as dt
import gc
import math
import re
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from crmselect.bundlecache import cached, cached_reading
from crmselect.errors import CrmselectError, Issue, Message, Number, did_you_mean
from crmselect.errors import msg as t
from crmselect.model import COMPLIANCE_LEVELS
from crmselect.prebuilt import validator, versions
from crmselect.resources import bundled_dir
from crmselect.typedvalues import currency_marks, parse_day_first, parse_number
from crmselect.yamlfile import (
    Document,
    LazyDocument,
    limits_for,
    parse_text,
    read_document,
    read_text,
)

M = TypeVar("M", bound=BaseModel)


#: The id and code patterns of crmselect/model.py → the message that says what is expected,
#: with an example (a user never sees a regular expression).
_PATTERN_KEYS = {
    r"^[A-Z]{2,4}-[A-Z0-9]{2,5}-\d{3}$": "load_form_requirement_id",
    r"^CUS-[A-Z0-9]{2,5}-\d{3}$": "load_form_custom_id",
    r"^SCN-[A-Z0-9]{2,12}$": "load_form_scenario_id",
    r"^[a-z][a-z0-9_]*$": "load_form_slug",
    r"^[a-z][a-z0-9_-]*$": "load_form_vendor_id",
    r"^[A-Z]{3}$": "load_form_currency",
    r"^([A-Z]{2,4}-[A-Z0-9]{2,5}-\d{3}|SCN-[A-Z0-9]{2,12}\.\d{1,3}|references)$":
        "load_form_score_target",
    r"^([01][0-9]|2[0-3]):[0-5][0-9]$": "load_form_time",
}

#: pydantic error type → message key; each message takes the offending ``value``.
_TYPE_KEYS = {
    "string_type": "load_text",
    "int_type": "load_whole_number", "int_parsing": "load_whole_number",
    "int_parsing_size": "load_whole_number",
    "int_from_float": "load_whole_number",
    "float_type": "load_number", "float_parsing": "load_number", "finite_number": "load_number",
    "bool_type": "load_bool", "bool_parsing": "load_bool",
    "date_type": "load_date", "date_parsing": "load_date",
    "date_from_datetime_parsing": "load_date", "date_from_datetime_inexact": "load_date",
    "datetime_type": "load_datetime", "datetime_parsing": "load_datetime",
    "datetime_from_date_parsing": "load_datetime",
    "list_type": "load_list",
    "dict_type": "load_mapping", "model_type": "load_mapping",
    "model_attributes_type": "load_mapping",
    "greater_than_equal": "load_ge", "greater_than": "load_gt",
    "less_than_equal": "load_le", "less_than": "load_lt",
}


#: A wrong value is shown in its message up to this many characters.
_SHOWN_CHARS = 80


def _choices(ctx: dict[str, Any]) -> list[str]:
    """The allowed values of a literal error: ``"'a', 'b' or 'c'"`` → ``['a', 'b', 'c']``."""
    text = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
    return [c for c in text.split(", ") if c]


#: A day bound of a date field, as pydantic's error context gives it (text, not a date).
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

#: A number written with a Turkish decimal comma (``4,0``): YAML reads it as text.
_DECIMAL_COMMA = re.compile(r"[-+]?\d+,\d+")


def split_decimal(data: Any, loc: tuple[Any, ...], key: object) -> bool:
    """True when the mapping at ``loc`` has the whole number ``key`` without a value next to
    a number: ``{score: 4,0}`` read by YAML as ``score: 4`` and a key ``0``."""
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return False
    return (isinstance(data, dict) and isinstance(key, int) and not isinstance(key, bool)
            and data.get(key, "") is None
            and any(isinstance(v, (int, float)) and not isinstance(v, bool)
                    for v in data.values()))


#: Names of the two languages a user may write for ``language:`` (casefolded).
_LANGUAGE_NAMES = {"türkçe": "tr", "turkce": "tr", "türkce": "tr", "turkish": "tr",
                   "tr-tr": "tr", "tr_tr": "tr", "english": "en", "ingilizce": "en",
                   "i̇ngilizce": "en", "en-us": "en", "en-gb": "en", "en_us": "en", "en_gb": "en"}


def _meant_choice(value: str, choices: list[str]) -> str:
    """The choice ``value`` means when it differs only in case (``TR``) or names a language
    (``Türkçe``, ``English``) where the choices are language codes; else ''."""
    folded = value.strip().casefold()
    by_case = [c for c in choices if c.casefold() == folded]
    if by_case:
        return by_case[0]
    named = _LANGUAGE_NAMES.get(folded, "")
    return named if named in choices and set(choices) <= {"en", "tr"} else ""


def _fold(text: str) -> str:
    """``  Yapılandırılabilir `` → ``yapilandirilabilir``: no case, no marks, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ı", "i").casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c))
                    .replace("_", " ").split())


def _meant_level(value: str, choices: list[str]) -> str:
    """The compliance level that ``value`` names with a workbook label in either language
    (``Yapılandırılabilir``, ``Standart``, ``Third party``), a little misspelt too; else ''.
    Why: a response typed by hand borrows the words of the workbook a vendor filled in."""
    if set(choices) != set(COMPLIANCE_LEVELS):
        return ""
    import difflib  # only for a mistake (a command without one stays off its import)

    from crmselect.documentstrings import load_namespace

    labels: dict[str, str] = {}
    for code, names in load_namespace("common")["compliance"].items():
        labels.setdefault(_fold(code), code)
        for name in names.values():
            labels.setdefault(_fold(name), code)
            labels.setdefault(_fold(name.partition("(")[0]), code)
    folded = _fold(value)
    close = difflib.get_close_matches(folded, list(labels), n=1, cutoff=0.8)
    return labels.get(folded) or (labels[close[0]] if close else "")


def _plain_number_hint(value: str, percent: bool = False) -> Message | str:
    """``9.000.000``, ``1.200,50`` or ``9 000 000`` typed where YAML wants a plain number: the
    number to write (``9000000``, ``1200.5``), when both languages read the text alike. Not
    for a text with a currency (the file says the currency elsewhere), nor with ``%`` unless
    the field holds a percentage (``yearly_increase_pct: 5%``): elsewhere a percent typed
    (``unverified_discount: 20%``) is told what it is, a share written as a fraction (0.2)
    or a number without the sign, as the field's description says."""
    if currency_marks(value):
        return ""
    if "%" in value and not percent:
        number = parse_number(value.replace("%", "").strip(), "en")
        return t("load_percent_sign", share=repr(number / 100)) if number is not None \
            and math.isfinite(number) and value.count("%") == 1 else ""
    number = parse_number(value, "tr")
    if number is None or number != parse_number(value, "en") or not math.isfinite(number):
        return ""
    plain = str(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)
    return t("load_plain_number", value=plain) if plain != value.strip() else ""


def _shown(value: object) -> str | Message:
    """A value as the message shows it: as YAML writes it (``true``, an empty value as
    "nothing"), not as Python does (``True``, ``None``); text quoted, and cut short."""
    if value is None:
        return t("load_value_empty")
    if isinstance(value, bool):
        return "true" if value else "false"
    shown = repr(value) if isinstance(value, str) else str(value)
    if len(shown) > _SHOWN_CHARS:  # a 1 MB value would make a 1 MB error line
        shown = shown[: _SHOWN_CHARS - 1] + "…"
    return shown


def describe(error: dict[str, Any], written: str | None = None) -> tuple[str, str]:
    """A pydantic error as (message, hint) in the words a user understands: messages the edge
    renders in the reader's language. ``written``: the value as the file writes it, shown
    instead of the value read (``1.10`` rather than ``1.1``)."""
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    shown = written or _shown(value)
    if kind == "literal_error":
        choices = _choices(ctx)
        message = t("load_not_one_of", value=shown, choices=", ".join(choices))
        if isinstance(value, str):
            meant = _meant_choice(value, choices) or _meant_level(value, choices)
            return message, t("did_you_mean", name=meant) if meant else did_you_mean(
                value, choices)
        return message, ""
    if kind == "missing":
        return t("load_missing"), ""
    if kind == "extra_forbidden":
        return t("load_unknown_key"), ""
    if kind == "invalid_key":  # 12: or 1.5: at the top of a model
        return t("load_key_text", value=shown), t("load_quote_it")
    if kind == "string_pattern_mismatch":
        key = _PATTERN_KEYS.get(str(ctx.get("pattern")), "load_form_other")
        return t(key, value=shown), ""
    if kind == "string_too_short":
        return t("load_empty"), ""
    if kind == "string_too_long":
        return t("load_too_long", value=shown, n=ctx.get("max_length")), ""
    if kind == "too_short":
        return t("load_too_short", n=ctx.get("min_length")), ""
    if kind in _TYPE_KEYS:
        limit = next(iter(ctx.values()), "")  # the bound of greater_than & co.
        if isinstance(limit, (int, float)) and not isinstance(limit, bool):
            limit = Number(limit)  # 1,000,000 / 1.000.000: grouped in the reader's language
        elif isinstance(limit, str) and _ISO_DAY.fullmatch(limit):
            limit = dt.date.fromisoformat(limit)  # rendered in the reader's long form
        hint = ""
        if kind == "string_type" and isinstance(value, (int, float, bool)):
            hint = t("load_quote_it")
        elif isinstance(value, str) and _DECIMAL_COMMA.fullmatch(value.strip()):
            hint = t("load_decimal_point", value=value.strip().replace(",", "."))
        elif isinstance(value, str) and _TYPE_KEYS[kind] in ("load_number", "load_whole_number"):
            field = error["loc"][-1] if error.get("loc") else ""
            hint = _plain_number_hint(value, percent=str(field).endswith("_pct"))
        elif isinstance(value, str) and _TYPE_KEYS[kind] in ("load_date", "load_datetime"):
            day = parse_day_first(value)  # 04.02.2027 as a Turkish reader writes it
            if day is not None:
                hint = t("did_you_mean", name=day.date().isoformat()
                         if _TYPE_KEYS[kind] == "load_date" else day.isoformat())
        return t(_TYPE_KEYS[kind], value=shown, limit=limit), hint
    if kind == "value_error":  # a validator's own message (a code with parameters) stays one
        raised = ctx.get("error")
        said = raised.args[0] if isinstance(raised, ValueError) and raised.args else None
        return (said if isinstance(said, Message) else str(raised or error["msg"])), ""
    return t("load_invalid", detail=error["msg"], value=shown), ""


#: pydantic's markers such as ``function-after[...]`` or ``tagged-union[...]``; a user's key
#: with a bracket in it (``odd[key``) is not one, and is reported under its name.
_MARKER = re.compile(r"^[a-z][a-z-]*\[.*\]$", re.S)


def _clean_loc(loc: tuple[Any, ...]) -> tuple[str | int, ...]:
    """Drop pydantic's union-branch markers (``str``, ``Text``, ``function-after[...]``)."""
    out: list[str | int] = []
    for part in loc:
        if isinstance(part, str) and (
            part in ("str", "text", "constrained-str", "[key]", "one_rate", "rates_per_year")
            or _MARKER.match(part) or part.startswith("function-")
        ):
            continue
        out.append(part)
    return tuple(out)


def issues_from_validation(
    doc: Document, exc: ValidationError, model: type[BaseModel]
) -> list[Issue]:
    """Turn a pydantic ``ValidationError`` into one :class:`Issue` per distinct problem."""
    issues: list[Issue] = []
    seen: set[tuple[Any, ...]] = set()
    errors = exc.errors(include_url=False)
    # A value that failed every branch of a union gives one error per branch; keep the first.
    # A bad dict key and a bad value under it are two problems at two places (key and value).
    # ``{EUR: 37,5}`` under a mapping of any keys (exchange rates, prices by licence) is read as
    # ``EUR: 37`` and a key ``5`` without a value: one problem, told at the key, not a bad key
    # and a missing number.
    split = {_clean_loc(e["loc"]) for e in errors if e["loc"] and e["loc"][-1] == "[key]"
             and split_decimal(doc.data, _clean_loc(e["loc"])[:-1], e.get("input"))}
    for error in errors:
        loc = _clean_loc(error["loc"])
        at_key = bool(error["loc"]) and error["loc"][-1] == "[key]"
        if (loc, at_key) in seen or (loc in split and not at_key):
            continue
        seen.add((loc, at_key))
        written = None if at_key or error["type"] == "invalid_key" else _as_written(
            doc, loc, error.get("input"))  # a key's error is about the key, not the value
        message, hint = describe(error, written)
        if error["type"] == "extra_forbidden" and loc:
            key = str(loc[-1])
            hint = did_you_mean(key, _known_fields(model, loc[:-1], doc.data))
            if not hint and (" " in key or ")" in key):  # {name: Foo (a, b)} split at the comma
                hint = t("load_quote_comma")
            issues.append(replace(doc.issue(loc, message, hint=hint, key=True),
                                  code=error["type"]))
        else:  # a bad dict key (``[key]`` in pydantic's location) is placed at the key
            if loc in split or error["type"] == "invalid_key" and split_decimal(
                    doc.data, loc[:-1], error.get("input")):
                hint = t("load_decimal_point_flow", key=error.get("input"))
            issues.append(replace(doc.issue(loc, message, hint=hint, key=at_key),
                                  code=error["type"]))
    return sorted(issues, key=lambda i: (i.line, i.column))


#: A plain scalar as written on its line: up to a space, a comma, a bracket, a brace or a comment.
_PLAIN_TOKEN = re.compile(r"[^\s,\[\]{}#]+")
#: What YAML (and PyYAML's line count) takes for a line break.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def written(doc: Document, loc: tuple[Any, ...]) -> str | None:
    """The plain value at ``loc`` as the file writes it (``1.10``, ``1.200``, ``True``), which
    YAML reads as 1.1, 1.2 and True; None when its place is not known."""
    at = doc.positions.get(tuple(loc))
    if at is None:
        return None
    lines = _LINE_BREAK.split(doc.text)
    line, column = at
    found = _PLAIN_TOKEN.match(lines[line - 1], column - 1) if 0 < line <= len(lines) else None
    return found.group(0) if found else None


def _as_written(doc: Document, loc: tuple[str | int, ...], value: object) -> str | None:
    """A number as the file writes it, when Python would show it otherwise (``1.10`` read as
    1.1); None for any other value."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    text = written(doc, loc)
    return text if text != str(value) else None


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
        raise CrmselectError(doc.issue((), t("load_mapping_top")))
    collecting = gc.isenabled()
    gc.disable()  # one object per record, none in a cycle: collection passes only cost time
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise CrmselectError(issues_from_validation(doc, exc, model)) from None
    finally:
        if collecting:
            gc.enable()


#: How many times :func:`validate_partly` drops what failed and validates again.
_RECOVERY_ROUNDS = 8
Loc = tuple[Any, ...]


def _without(value: Any, removed: set[Loc], path: Loc = ()) -> tuple[Any, dict[Loc, list[int]]]:
    """``value`` without the parts at the paths of ``removed``; for every list, the original
    index of each item kept (its path → indices), so that positions can be mapped back."""
    kept: dict[Loc, list[int]] = {}
    if isinstance(value, dict):
        out: dict[Any, Any] = {}
        for key, item in value.items():
            if (*path, key) not in removed:
                out[key], sub = _without(item, removed, (*path, key))
                kept.update(sub)
        return out, kept
    if isinstance(value, list):
        items, indices = [], []
        for i, item in enumerate(value):
            if (*path, i) not in removed:
                new, sub = _without(item, removed, (*path, i))
                items.append(new)
                indices.append(i)
                kept.update(sub)
        kept[path] = indices
        return items, kept
    return value, kept


def _in_data(data: Any, loc: Loc) -> Loc:
    """The longest start of ``loc`` that exists in ``data``: pydantic places some errors
    inside a value the file wrote in a shorter form (``- OPS-SFA-01`` is read as
    ``{id: OPS-SFA-01}``, and its error is at ``requirements.3.id``)."""
    found: Loc = ()
    for part in loc:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            break
        found = (*found, part)
    return found


def _original_loc(loc: Loc, kept: dict[Loc, list[int]]) -> Loc:
    """A location in the trimmed data → the same place in the file as written."""
    out: Loc = ()
    for part in loc:
        indices = kept.get(out)
        if isinstance(part, int) and indices is not None and 0 <= part < len(indices):
            part = indices[part]
        out = (*out, part)
    return out


class PartialDocument(Document):
    """The :class:`Document` of a file some parts of which failed validation and were left
    out: a location in the model that did validate is placed at its line in the file."""

    def __init__(self, doc: Document, kept: dict[Loc, list[int]],  # noqa: D107
                 removed: frozenset[Loc] = frozenset()) -> None:
        self.original, self.kept = doc, kept
        #: The places (as written in the file) that were left out.
        self.removed = removed

    path = property(lambda self: self.original.path)  # type: ignore[assignment]
    data = property(lambda self: self.original.data)  # type: ignore[assignment]
    positions = property(lambda self: self.original.positions)  # type: ignore[assignment]
    key_positions = property(  # type: ignore[assignment]
        lambda self: self.original.key_positions)
    text = property(lambda self: self.original.text)  # type: ignore[assignment]

    def issue(self, loc: Any, message: str, hint: str = "", key: bool = False) -> Issue:
        return self.original.issue(_original_loc(tuple(loc), self.kept), message, hint=hint,
                                   key=key)

    def position(self, loc: Any, key: bool = False) -> tuple[int, int]:
        return self.original.position(_original_loc(tuple(loc), self.kept), key=key)


def validate_partly(doc: Document, model: type[M]) -> tuple[M | None, Document, list[Issue]]:
    """Validate ``doc``; when parts of it fail, also the model of the rest, so that the
    cross-file checks run on what did validate and every problem is reported in one run.

    Returns the model (``None`` when nothing sensible is left, e.g. a required top-level key
    failed), the document to place later problems with, and the schema problems. A part that
    fails is dropped: the list item, mapping entry or key; a required key that fails takes
    its parent with it.
    Why: ``validate`` used to stop at a schema error, and a user fixed one file per run.
    """
    if not isinstance(doc.data, dict):
        raise CrmselectError(doc.issue((), t("load_mapping_top")))
    try:
        return validator(model).validate_python(doc.data), doc, []
    except ValidationError as exc:
        issues = issues_from_validation(doc, exc, model)
        errors = exc.errors(include_url=False)
    removed: set[Loc] = set()
    kept: dict[Loc, list[int]] = {}
    for _ in range(_RECOVERY_ROUNDS):
        before = len(removed)
        for error in errors:
            loc = _clean_loc(error["loc"])
            if error["type"] == "missing":
                loc = loc[:-1]
            if len(loc) < 1 or (len(loc) == 1 and model.model_fields.get(
                    str(loc[0])) is not None and model.model_fields[str(loc[0])].is_required()):
                return None, doc, issues
            loc = _in_data(doc.data, _original_loc(loc, kept))
            if not loc:
                return None, doc, issues
            removed.add(loc)
        if len(removed) == before:
            break
        data, kept = _without(doc.data, removed)
        try:
            return (validator(model).validate_python(data),
                    PartialDocument(doc, kept, frozenset(removed)),
                    issues)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
    return None, doc, issues


def load_file(path: Path, model: type[M]) -> tuple[M, Document]:
    """Read and validate one YAML file. Raises :class:`CrmselectError` with all its problems.

    A bundled vendor profile comes from the bundled data cache when it has not changed (see
    :mod:`crmselect.bundlecache`); a project's own files are always read.
    """
    if _is_bundled_vendor(path):
        return _load_cached(path, model)
    doc = read_document(path)
    return validate_document(doc, model), doc


def _is_bundled_vendor(path: Path) -> bool:
    try:
        return path.parent.resolve() == bundled_dir("vendors").resolve()
    except (OSError, FileNotFoundError):
        return False


def _load_cached(path: Path, model: type[M]) -> tuple[M, Document]:
    fresh: list[Document] = []

    def build() -> M:
        fresh.append(read_document(path))
        return validate_document(fresh[0], model)

    kind = f"file {path.resolve()} {model.__module__}.{model.__qualname__}"
    value = cached(kind, [path], build, lambda found: isinstance(found, model))
    return value, fresh[0] if fresh else LazyDocument(path)


def read_partly(path: Path, model: type[M]) -> tuple[M | None, Document, list[Issue]]:
    """``validate_partly(read_document(path), model)``; a text that validated whole before
    comes back from the cache folder (:func:`crmselect.bundlecache.cached_reading`) with a
    :class:`LazyDocument`, which reads the file again only if a later check places a problem
    in it. The file's text is read every time: any change to it is read and checked again.
    Why: parsing and validating the sample project's own files was about a third of
    ``validate``'s time after its imports, the same work on the same text every run."""
    limits = limits_for(path)
    text = read_text(path, limits)
    full: list[tuple[M | None, Document, list[Issue]]] = []

    def read() -> M | None:
        full.append(validate_partly(parse_text(text, path, limits), model))
        value, doc, problems = full[0]
        return None if problems or isinstance(doc, PartialDocument) else value

    kind = f"{path.resolve()} {model.__module__}.{model.__qualname__} ({versions()})"
    value = cached_reading(kind, text, read, lambda found: isinstance(found, model))
    return full[0] if full else (value, LazyDocument(path), [])


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

    def load_partly(self, path: Path, model: type[M]) -> tuple[M, Document] | tuple[None, None]:
        """Load a project's own file, recording its problems; when some parts fail, the model
        of the rest is returned (see :func:`validate_partly`) so that checks can go on."""
        try:
            value, doc, problems = read_partly(path, model)
        except CrmselectError as exc:
            self.issues.extend(exc.issues)
            return None, None
        self.issues.extend(problems)
        return (value, doc) if value is not None else (None, None)

    def raise_if_any(self, what: str = "nothing_loaded") -> None:
        """Raise every collected issue, sorted by file and position. ``what`` is a messages key."""
        if self.issues:
            raise CrmselectError(
                sorted(self.issues, key=lambda i: (i.file, i.line, i.column)), what=what
            )
