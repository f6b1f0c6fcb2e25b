"""The KPI calculator: evaluate a KPI's formula for given input values, safely.

A KPI's ``formula`` (``requirements_catalog/kpis.yaml``) is an arithmetic expression over its
input names. It is parsed with :mod:`ast` and evaluated by walking the tree; only numbers,
input names, ``+ - * /``, parentheses and unary minus are allowed.

Why not ``eval``: formulas live in data files that a project may change; an expression language
that can only do arithmetic cannot be made to do anything else.
"""

from __future__ import annotations

import ast
import copy
import difflib
import math
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from crmselect.errors import CrmselectError, Issue, Message, Number, msg
from crmselect.loading import load_file, split_decimal, written
from crmselect.model import Kpi, KpisFile, Text
from crmselect.resources import bundled_dir
from crmselect.typedvalues import parse_number, typed_percent
from crmselect.yamlfile import Document, read_document

MAX_FORMULA_LENGTH = 500

_OPERATORS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
# Typographic operators people paste from documents, read as their ASCII twins.
_TYPOGRAPHIC = str.maketrans({"×": "*", "÷": "/", "−": "-"})
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_ACRONYM = re.compile(r"\(([A-Z]{2,6})\)")
#: A label's remark in parentheses: "Destekçiler (9–10 puan)" names the input "Destekçiler".
_PARENTHESES = re.compile(r"\([^)]*\)")
#: Turkish letters folded to ASCII, for matching names typed without them (``sikayet_orani``).
_TURKISH_ASCII = str.maketrans("çğıöşüâîûÇĞİÖŞÜÂÎÛ", "cgiosuaiuCGIOSUAIU")


@dataclass(frozen=True)
class Bound:
    """Inputs that count part of others: the sum of ``parts`` is at most ``times`` × the sum of
    ``whole``."""

    parts: tuple[str, ...]
    whole: tuple[str, ...]
    times: float = 1.0


#: Inputs that contradict each other make a KPI meaningless (more detractors than survey
#: responses gives an NPS below −100). Kept here, by KPI id, rather than in ``kpis.yaml``: the
#: catalog model has no field for it, and a bound naming inputs a KPI does not have is skipped.
BOUNDS: dict[str, tuple[Bound, ...]] = {
    "csat": (Bound(("satisfied_responses",), ("total_responses",)),),
    "nps": (Bound(("promoters", "detractors"), ("total_responses",)),),
    # every answer is 1 to 7: the sum is at most 7 and at least 1 per response
    "customer_effort_score": (Bound(("sum_of_scores",), ("total_responses",), 7),
                              Bound(("total_responses",), ("sum_of_scores",))),
    "customer_retention_rate": (Bound(("new_customers",), ("customers_end",)),
                                Bound(("customers_end",), ("customers_start", "new_customers"))),
    "churn_rate": (Bound(("customers_lost",), ("customers_start",)),),
    "purchase_frequency": (Bound(("buying_customers",), ("orders",)),),
    "repeat_purchase_rate": (Bound(("repeat_customers",), ("buying_customers",)),),
    "upsell_rate": (Bound(("customers_upsold",), ("existing_customers",)),),
    "sales_conversion_rate": (Bound(("leads_became_customers",), ("leads",)),),
    "lead_conversion_rate": (Bound(("converted_leads",), ("leads",)),),
    "campaign_response_rate": (Bound(("responses",), ("contacts_reached",)),),
    "email_open_rate": (Bound(("unique_opens", "bounced"), ("emails_sent",)),),
    "email_click_through_rate": (Bound(("unique_clicks", "bounced"), ("emails_sent",)),),
    "first_contact_resolution_rate": (Bound(("resolved_first_contact",), ("resolved_cases",)),),
    "sla_compliance_rate": (Bound(("cases_within_sla",), ("cases_with_sla",)),),
    "self_service_deflection_rate": (
        Bound(("sessions_without_case",), ("self_service_sessions",)),),
    "user_adoption_rate": (Bound(("active_users",), ("licensed_users",)),),
    "data_quality_score": (Bound(("records_passing_checks",), ("records_checked",)),),
    # the existing customers cannot take away more revenue than they brought
    "net_revenue_retention": (Bound(("contraction", "churned"),
                                    ("starting_recurring_revenue", "expansion")),),
}


@dataclass(frozen=True)
class KpiResult:
    """A computed KPI: the value, its unit, and the formula with the values put in."""

    kpi: Kpi
    value: float
    inputs: dict[str, float]
    substituted: str

    @property
    def unit(self) -> str:
        return self.kpi.unit

    @property
    def formula(self) -> str:
        return self.kpi.formula

    def substituted_as(self, number: Callable[[float], str]) -> str:
        """The formula with the values put in, each written by ``number`` (the edge passes
        the reader's format: ``2,5 / 1`` in Turkish)."""
        tree = _PutValues(self.inputs, number).visit(copy.deepcopy(parse_formula(self.formula)))
        return ast.unparse(tree)


# --- formulas --------------------------------------------------------------------------------


class FormulaError(ValueError):
    """A formula that is not plain arithmetic over names (a catalog bug, not a user input)."""


def parse_formula(formula: str) -> ast.expr:
    """Parse ``formula`` and check that it is arithmetic only; return the expression tree.

    Raises :class:`FormulaError` naming the first construct that is not allowed.
    """
    if len(formula) > MAX_FORMULA_LENGTH:
        raise FormulaError(msg("kpi_formula_too_long", n=MAX_FORMULA_LENGTH))
    try:
        tree = ast.parse(formula.translate(_TYPOGRAPHIC).strip(), mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        detail = getattr(exc, "msg", None) or str(exc) or type(exc).__name__
        raise FormulaError(msg("kpi_formula_invalid", detail=detail)) from None
    _check(tree.body)
    return tree.body


def _check(node: ast.AST) -> None:
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        _check(node.left)
        _check(node.right)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        _check(node.operand)
    elif isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return
    elif isinstance(node, ast.Name):
        return
    else:
        text = ast.unparse(node) if isinstance(node, ast.AST) else str(node)
        raise FormulaError(msg("kpi_formula_not_allowed", text=text))


def formula_names(formula: str) -> list[str]:
    """The input names a formula uses, in order of first appearance."""
    nodes = [n for n in ast.walk(parse_formula(formula)) if isinstance(n, ast.Name)]
    names: list[str] = []
    for node in sorted(nodes, key=lambda n: n.col_offset):
        if node.id not in names:
            names.append(node.id)
    return names


def check_kpi(kpi: Kpi) -> list[str]:
    """Problems with a KPI definition: a formula that does not parse, or that does not use
    exactly the declared inputs. Empty when the KPI is sound."""
    try:
        used = formula_names(kpi.formula)
    except FormulaError as exc:
        return [exc.args[0]]  # the message (a code with parameters), rendered by the edge
    declared = [i.name for i in kpi.inputs]
    problems = [msg("kpi_formula_unknown_name", name=n) for n in used if n not in declared]
    problems += [msg("kpi_input_unused", name=n) for n in declared if n not in used]
    seen: set[str] = set()
    for name in declared:
        if name in seen:
            problems.append(msg("kpi_input_declared_twice", name=name))
        seen.add(name)
    return problems


# --- loading ---------------------------------------------------------------------------------


def load_kpis(path: Path | None = None) -> dict[str, Kpi]:
    """Read a KPI file (the bundled ``kpis.yaml`` by default), checking every formula.

    Raises :class:`CrmselectError` with every problem, each at its line and column.
    """
    path = path or bundled_dir("requirements_catalog") / "kpis.yaml"
    file, doc = load_file(path, KpisFile)
    kpis: dict[str, Kpi] = {}
    issues: list[Issue] = []
    for i, kpi in enumerate(file.kpis):
        if kpi.id in kpis:
            issues.append(doc.issue(("kpis", i, "id"), msg("catalog_duplicate_kpi", id=kpi.id)))
        kpis[kpi.id] = kpi
        issues += [doc.issue(("kpis", i, "formula"), problem) for problem in check_kpi(kpi)]
    if issues:
        raise CrmselectError(issues, what="nothing_loaded")
    return kpis


def find_kpi(kpis: Mapping[str, Kpi], name: str) -> Kpi:
    """The KPI called ``name``: its id (any case, ``-`` or ``_``) or the acronym in its name
    (``CAC``, ``CLTV``). Raises :class:`CrmselectError` with a "did you mean" otherwise, which
    also matches the English and Turkish names typed without Turkish letters
    (``sikayet_orani`` → ``complaint_rate``)."""
    key = name.strip().lower().replace("-", "_").replace(" ", "_")
    if key in kpis:
        return kpis[key]
    acronyms = _acronyms(kpis)
    if key in acronyms:
        return kpis[acronyms[key]]
    names = {**_folded_names(kpis), **acronyms, **{k: k for k in kpis}}
    match = difflib.get_close_matches(_fold(name), list(names), n=1, cutoff=0.6)
    if match:
        hint = msg("kpi_did_you_mean", name=names[match[0]])
    else:
        hint = msg("kpi_known", names=", ".join(kpis))
    raise CrmselectError(Issue(file="", message=msg("kpi_unknown", name=name), hint=hint))


def _acronyms(kpis: Mapping[str, Kpi]) -> dict[str, str]:
    """Lower-case acronym → KPI id, from the "(CAC)" in the KPI names; ambiguous ones dropped."""
    found: dict[str, set[str]] = {}
    for kpi in kpis.values():
        for text in (kpi.name.en, kpi.name.tr):
            for acronym in _ACRONYM.findall(text):
                found.setdefault(acronym.lower(), set()).add(kpi.id)
    return {a: next(iter(ids)) for a, ids in found.items() if len(ids) == 1 and a not in kpis}


def _fold(text: str) -> str:
    """A name as an id would spell it: ``Şikâyet oranı`` → ``sikayet_orani``."""
    text = text.replace("İ", "i").replace("I", "ı").lower().translate(_TURKISH_ASCII)
    return "_".join(re.findall(r"[a-z0-9]+", text))


def _folded_names(kpis: Mapping[str, Kpi]) -> dict[str, str]:
    """Folded English and Turkish KPI name (without its acronym) → KPI id."""
    return {_fold(_ACRONYM.sub("", text)): kpi.id
            for kpi in kpis.values() for text in (kpi.name.en, kpi.name.tr)}


# --- input values ----------------------------------------------------------------------------


def _number(name: str, value: object, decimal_comma: bool,
            typed: str | None = None) -> tuple[float | None, str]:
    """(value as a float, '') or (None, the problem as a message).

    Text is read by the project's typed-number reader, as a workbook cell would be: the
    caller's convention decides the ambiguous ``1.200`` (1200 with a decimal comma, as in
    Turkish; 1.2 otherwise), and ``2,5`` or ``1 200`` are read. ``typed`` is a YAML number as
    written in the file (YAML itself reads ``1.200`` as 1.2).
    """
    if isinstance(value, bool) or value is None or not isinstance(value, (int, float, str)):
        shown: object = (msg("kpi_value_empty") if value is None
                         else typed or ("true" if value else "false") if isinstance(value, bool)
                         else repr(value))  # YAML's word as typed, not Python's True
        return None, msg("kpi_not_number", name=name, value=shown)
    if isinstance(value, str) and typed_percent(value):  # "%5" read as 5 people or liras
        return None, msg("kpi_percent_input", name=name, value=repr(value.strip()))
    text = value.strip() if isinstance(value, str) else typed
    read = parse_number(text, "tr" if decimal_comma else "en") if text else None
    if read is not None:
        number = read
    elif isinstance(value, str):
        if not _NUMBER.match(text or ""):  # 1e3 is not a typed number but still a number
            return None, msg("kpi_not_number", name=name, value=repr(value))
        number = float(text)  # type: ignore[arg-type]
    else:
        try:
            number = float(value)
        except OverflowError:
            number = math.inf
    if not math.isfinite(number):
        return None, msg("kpi_not_number", name=name, value=repr(value))
    number += 0.0  # "-0" is 0, not a negative zero shown as -0 in the result
    if number < 0:
        return None, msg("kpi_negative", name=name, value=_shown(number))
    return number, ""


def _unknown_input(kpi: Kpi, name: str,
                   given: Collection[object] = ()) -> tuple[Message, Message]:
    """(message, hint) for an input ``kpi`` does not take, suggesting first an input of the
    same words in another order (``opportunities_lost`` → ``lost_opportunities``: by spelling
    alone, difflib prefers ``won_opportunities``) or of that label, then the inputs not
    given."""
    names = [i.name for i in kpi.inputs]
    words = sorted(str(name).lower().replace("-", "_").split("_"))
    # an input named by its label, as the reader sees it in `kpi show` ("destekçiler")
    labelled = {_fold(_PARENTHESES.sub("", text)): i.name
                for i in kpi.inputs for text in (i.label.en, i.label.tr)}
    close = ([n for n in names if sorted(n.split("_")) == words]
             or ([labelled[_fold(str(name))]] if _fold(str(name)) in labelled else [])
             or difflib.get_close_matches(str(name), [n for n in names if n not in given], n=1,
                                          cutoff=0.6)
             or difflib.get_close_matches(str(name), names, n=1, cutoff=0.6))
    hint = (msg("kpi_did_you_mean", name=close[0]) if close
            else msg("kpi_takes", names=", ".join(names)))
    return msg("kpi_unknown_input", name=name, kpi=kpi.id), hint


#: Where an input was read: file, line and column (:func:`read_inputs`).
Place = tuple[str, int, int]


def read_inputs(path: Path, kpi: Kpi, decimal_comma: bool = False,
                places: dict[str, Place] | None = None) -> dict[str, float]:
    """Read a YAML file mapping input names to numbers for ``kpi`` (``decimal_comma``: a
    number such as ``1.200`` is read as 1200, as a Turkish reader writes it).

    Every problem (not a mapping, unknown name, value not a number) is reported at its line and
    column. Missing inputs are left to :func:`compute_kpi`, so that the command line can add them.
    Where each value was read is added to ``places``, for :func:`compute_kpi`'s messages.
    """
    doc: Document = read_document(path)
    if not isinstance(doc.data, dict):
        raise CrmselectError(doc.issue((), msg("kpi_file_not_mapping")))
    known = {i.name for i in kpi.inputs}
    values: dict[str, float] = {}
    issues: list[Issue] = []
    for key, value in doc.data.items():
        if key not in known:
            message, hint = _unknown_input(kpi, str(key), doc.data)
            if split_decimal(doc.data, (), key):  # {promoters: 120,5}: a key 5
                hint = msg("load_decimal_point_flow", key=key)
            issues.append(doc.issue((key,), message, hint=hint, key=True))
            continue
        number, problem = _number(str(key), value, decimal_comma,
                                  written(doc, (key,)) if isinstance(value, int | float)
                                  else None)
        if problem:
            issues.append(doc.issue((key,), problem))
        else:
            values[str(key)] = number  # type: ignore[assignment]
            if places is not None:
                places[str(key)] = (str(path), *doc.position((key,)))
    if issues:
        raise CrmselectError(issues, what="kpi_not_computed")
    return values


def check_bounds(kpi: Kpi, values: Mapping[str, float]) -> list[tuple[Message, tuple[str, ...]]]:
    """Inputs that contradict each other (more detractors than responses): each message with
    the names of the inputs it is about."""
    problems = []
    for bound in BOUNDS.get(kpi.id, ()):
        if not all(n in values for n in (*bound.parts, *bound.whole)):
            continue
        part = sum(values[n] for n in bound.parts)
        whole = sum(values[n] for n in bound.whole)
        if part > bound.times * whole * (1 + 1e-12):
            times = f"{_shown(float(bound.times))} × " if bound.times != 1 else ""
            problems.append((msg("kpi_inputs_contradict", kpi=kpi.id,
                                 parts=" + ".join(bound.parts), part=Number(round(part, 2)),
                                 whole=times + " + ".join(bound.whole),
                                 limit=Number(round(bound.times * whole, 2))),
                             (*bound.parts, *bound.whole)))
    return problems


# --- computing -------------------------------------------------------------------------------


def compute_kpi(kpi: Kpi, inputs: Mapping[str, object], decimal_comma: bool = False,
                places: Mapping[str, Place] | None = None) -> KpiResult:
    """Compute ``kpi`` from ``inputs`` (input name → number, or text of a number; with
    ``decimal_comma`` the text ``1.200`` is 1200).

    Raises :class:`CrmselectError` listing every unknown, non-numeric and missing input at once,
    or naming the part of the formula that is zero when a division by zero would happen. A
    problem of inputs read from a file (``places``, from :func:`read_inputs`) is reported at
    the first of them in the file.
    """
    issues: list[Issue] = []
    values: dict[str, float] = {}
    known = [i.name for i in kpi.inputs]
    for name, raw in inputs.items():
        if name not in known:
            message, hint = _unknown_input(kpi, name, inputs)
            issues.append(Issue(file="", message=message, hint=hint))
            continue
        number, problem = _number(name, raw, decimal_comma)
        if problem:
            issues.append(Issue(file="", message=problem))
        else:
            values[name] = number  # type: ignore[assignment]
    missing = [i for i in kpi.inputs if i.name not in inputs]
    if missing:
        listed = Text(en=", ".join(f"{i.name} ({i.label.en})" for i in missing),
                      tr=", ".join(f"{i.name} ({i.label.tr})" for i in missing))
        key = "kpi_missing_input" if len(missing) == 1 else "kpi_missing_inputs"
        issues.append(Issue(file="", message=msg(key, kpi=kpi.id, names=listed,
                                                 needed=", ".join(known))))
    if issues:  # no "what": these come from the caller, not from a file
        raise CrmselectError(issues)
    try:
        tree = parse_formula(kpi.formula)
    except FormulaError as exc:  # the catalog checks formulas; this is a broken custom file
        raise CrmselectError(Issue(file="", where=f"KPI {kpi.id}",
                                   message=exc.args[0])) from None
    try:
        value = _evaluate(tree, values, kpi)  # a division by zero is said first
    except _DivisionByZero as exc:
        raise CrmselectError(_at(places or {}, exc.names, exc.message)) from None
    contradictions = check_bounds(kpi, values)
    if contradictions:
        raise CrmselectError([_at(places or {}, names, m) for m, names in contradictions])
    if not math.isfinite(value):
        raise CrmselectError(Issue(file="", message=msg("kpi_too_large", kpi=kpi.id)))
    return KpiResult(kpi=kpi, value=value + 0.0, inputs={n: values[n] for n in known},
                     substituted=_substitute(tree, values))


def _evaluate(node: ast.expr, values: Mapping[str, float], kpi: Kpi) -> float:
    if isinstance(node, ast.Constant):
        return float(node.value)
    if isinstance(node, ast.Name):
        if node.id not in values:  # a formula naming an undeclared input
            raise CrmselectError(Issue(file="", where=f"KPI {kpi.id}",
                                       message=msg("kpi_formula_unknown_name", name=node.id)))
        return values[node.id]
    if isinstance(node, ast.UnaryOp):
        return -_evaluate(node.operand, values, kpi)
    assert isinstance(node, ast.BinOp)
    left = _evaluate(node.left, values, kpi)
    right = _evaluate(node.right, values, kpi)
    if isinstance(node.op, ast.Add):
        return left + right
    if isinstance(node.op, ast.Sub):
        return left - right
    if isinstance(node.op, ast.Mult):
        return left * right
    if right == 0:
        raise _DivisionByZero(msg("kpi_division_by_zero", what=ast.unparse(node.right),
                                  kpi=kpi.id),
                              tuple(n.id for n in ast.walk(node.right) if isinstance(n, ast.Name)))
    return left / right


class _DivisionByZero(Exception):
    """A formula's divisor is 0: the message, and the inputs the divisor is made of."""

    def __init__(self, message: Message, names: tuple[str, ...]) -> None:
        super().__init__(message)
        self.message, self.names = message, names


def _at(places: Mapping[str, Place], names: tuple[str, ...], message: Message) -> Issue:
    """A problem of the inputs ``names``: at the first of them read from a file, if any."""
    for name in names:
        if name in places:
            file, line, column = places[name]
            return Issue(file=file, line=line, column=column, where=name, message=message)
    return Issue(file="", message=message)


class _PutValues(ast.NodeTransformer):
    def __init__(self, values: Mapping[str, float],
                 number: Callable[[float], str] | None = None) -> None:
        self.values = values
        self.number = number

    def visit_Name(self, node: ast.Name) -> ast.AST:
        value = self.values[node.id]
        if self.number is not None:  # written as the reader writes it, kept as one atom
            return ast.Name(id=self.number(value), ctx=ast.Load())
        return ast.Constant(int(value) if _is_whole(value) else value)


def _substitute(tree: ast.expr, values: Mapping[str, float]) -> str:
    """The formula with each input name replaced by its value (precedence kept)."""
    return ast.unparse(_PutValues(values).visit(copy.deepcopy(tree)))


def _is_whole(value: float) -> bool:
    return value.is_integer() and abs(value) < 1e15


def _shown(value: float) -> str:
    """A number as typed: 1000.0 → '1000', 0.25 → '0.25'."""
    return str(int(value)) if _is_whole(value) else repr(value)
