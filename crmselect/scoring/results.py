"""The result of an evaluation: a tree of plain dataclasses that documents and pages display.

Why ``slots`` and not ``frozen``: an evaluation creates tens of thousands of these objects, and
frozen dataclasses are several times slower to build.

Every number a report shows is here, with where it came from (evaluated, consensus, declared),
so that nothing downstream recomputes or guesses. :meth:`Evaluation.to_dict` gives the same
tree as JSON-ready dicts and lists.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import reprlib
from dataclasses import dataclass, field
from typing import Any

from crmselect.errors import Message, Render
from crmselect.model import Text

#: Where a requirement's or step's score comes from.
SOURCES = ("consensus", "evaluated", "declared", "no_answer")


class _Result:
    """The ``__repr__`` and ``__eq__`` of every result class, written once.

    Why: ``@dataclass`` writes and compiles both anew for each class, which was a third of
    importing this module (24 classes). These answer the same: the class name and each
    ``repr`` field as ``name=value!r``; equal when of the same class and the ``compare``
    fields are equal as a tuple. Unhashable, as mutable dataclasses are.
    """

    __slots__ = ()

    @reprlib.recursive_repr()
    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}"
                          for f in dataclasses.fields(self) if f.repr)  # type: ignore[arg-type]
        return f"{type(self).__qualname__}({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        names = [f.name for f in dataclasses.fields(self) if f.compare]  # type: ignore[arg-type]
        return (tuple(getattr(self, n) for n in names)
                == tuple(getattr(other, n) for n in names))


@dataclass(slots=True, repr=False, eq=False)
class ScoringWarning(_Result):
    """A decision-hygiene or data warning: a stable code, its parameters, and its text.

    The text lives in the gettext catalog under ``scoring_<code>`` (see :mod:`crmselect.i18n`).
    """

    code: str
    params: dict[str, Any] = field(default_factory=dict)
    #: Vendor id → display name, so that the text names "Northwind Cloud", not its id; the
    #: params (and the JSON) keep the ids.
    names: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    #: Evaluator id → name, for the same reason.
    people: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def message(self) -> Message:
        """The warning as a :class:`~crmselect.errors.Message` (code ``scoring_<code>``) that
        the edge renders: it turns vendor and evaluator ids into names and writes amounts,
        numbers and shares in the reader's language."""
        return Message(f"scoring_{self.code}",
                       {**self.params, "_names": self.names, "_people": self.people})

    def to_dict(self, render: Render | None = None) -> dict[str, Any]:
        """Code and params; with the edge's ``render``, also the text in English and Turkish."""
        data: dict[str, Any] = {"code": self.code, "params": _plain(self.params)}
        if render is not None:
            data["message"] = {lang: render(self.message(), lang) for lang in ("en", "tr")}
        return data


@dataclass(slots=True, repr=False, eq=False)
class WeightNode(_Result):
    """A node of the weight tree: its raw weight, its share among siblings (``local``) and its
    final weight (product of the shares from the root)."""

    id: str
    kind: str  # root, criterion, area, group, requirement, scenario, step
    raw: float
    local: float
    weight: float
    children: list[WeightNode] = field(default_factory=list)


@dataclass(slots=True, repr=False, eq=False)
class RequirementScore(_Result):
    """One requirement for one vendor: its final weight, its 0–5 score, its share of the
    total (``contribution``) and where the score comes from (``source``, see :data:`SOURCES`)."""

    requirement: str
    area: str
    group: str
    priority: str
    weight: float
    score: float
    contribution: float
    source: str
    n_scorers: int
    spread: float | None
    declared: str | None = None
    declared_score: float | None = None
    shown: str | None = None
    discounted: bool = False


@dataclass(slots=True, repr=False, eq=False)
class StepScore(_Result):
    """One test-drive step for one vendor: its weight, score, contribution and source."""

    target: str
    scenario: str
    step: int
    weight: float
    score: float
    contribution: float
    source: str
    n_scorers: int
    spread: float | None


@dataclass(slots=True, repr=False, eq=False)
class GroupResult(_Result):
    """A requirement group within an area, for one vendor, with its requirements."""

    group: str
    weight: float
    score: float
    contribution: float
    requirements: list[RequirementScore]


@dataclass(slots=True, repr=False, eq=False)
class AreaResult(_Result):
    """A requirement area within a criterion, for one vendor, with its groups."""

    area: str
    weight: float
    score: float
    contribution: float
    groups: list[GroupResult]


@dataclass(slots=True, repr=False, eq=False)
class ScenarioResult(_Result):
    """A test-drive scenario for one vendor, with its steps."""

    scenario: str
    weight: float
    score: float
    contribution: float
    steps: list[StepScore]


@dataclass(slots=True, repr=False, eq=False)
class CriterionResult(_Result):
    """One top-level criterion for one vendor. ``score`` is 0–5 (None when the criterion was
    dropped for lack of data); ``contribution`` is its share of the 0–100 total."""

    criterion: str
    weight: float
    score: float | None
    contribution: float
    active: bool = True
    areas: list[AreaResult] = field(default_factory=list)
    scenarios: list[ScenarioResult] = field(default_factory=list)
    source: str | None = None
    n_scorers: int = 0
    spread: float | None = None


@dataclass(slots=True, repr=False, eq=False)
class Failure(_Result):
    """A must requirement on which a vendor scored below the knock-out threshold."""

    vendor: str
    requirement: str
    score: float
    threshold: float
    source: str


@dataclass(slots=True, repr=False, eq=False)
class TcoYear(_Result):
    """One year of a TCO in the project currency: converted at ``rate`` (project-currency
    units per unit of the bid's currency) and multiplied by ``discount_factor``."""

    year: int
    components: dict[str, float]
    total: float
    rate: float = 1.0
    discount_factor: float = 1.0


@dataclass(slots=True, repr=False, eq=False)
class TcoResult(_Result):
    """Total cost of ownership of one vendor over the horizon, in the project currency."""

    vendor: str
    priced: bool
    currency: str
    source_currency: str | None
    rate: float | None
    horizon_years: int
    licence_model: str | None
    total: float | None
    components: dict[str, float]
    years: list[TcoYear]
    cost_score: float
    #: The bid currency's rate for each horizon year (``rate`` is year 1's).
    rates: list[float] = field(default_factory=list)
    #: The yearly discount rate (%) when costs are present values, else None.
    discount_rate_pct: float | None = None
    #: Per currency of the bid, each year's amount in that currency (discounted).
    by_currency: dict[str, list[float]] = field(default_factory=dict)


@dataclass(slots=True, repr=False, eq=False)
class Risk(_Result):
    """A delivery or contract risk read from a vendor's answers.

    ``kind``: ``upgrade`` (custom development that may break on upgrades), ``third_party``
    (another product to buy and run), ``commitment`` (a roadmap promise to put in the contract),
    ``understated`` (declared ``native`` or ``configurable`` but scored ``score`` ≤ 2 by the
    evaluators: custom work, and its cost, are likely missing from the bid).
    """

    vendor: str
    requirement: str
    kind: str
    compliance: str
    effort_days: float = 0
    cost: float = 0
    cost_per_year: float = 0
    product: str | Text = ""  # the vendor's words, in one or both languages
    promised_date: dt.date | None = None
    comment: str | Text = ""
    score: float | None = None


@dataclass(slots=True, repr=False, eq=False)
class ScoreNote(_Result):
    """One evaluator's score of a target and the note that goes with it."""

    evaluator: str
    score: float
    note: str


@dataclass(slots=True, repr=False, eq=False)
class Disagreement(_Result):
    """A target of one vendor whose evaluators' scores are ``spread`` points apart (the
    project's ``disagreement_spread`` or more), with each score and note."""

    vendor: str
    target: str
    spread: float
    n_scorers: int
    aggregate: float
    consensus: float | None
    scores: list[ScoreNote]


@dataclass(slots=True, repr=False, eq=False)
class Coverage(_Result):
    """How much of a vendor's requirement score was checked by people rather than declared.

    Counts are of requirements; the shares are of requirement weight (within functional,
    integration and non-functional fit). ``unanswered`` counts the requirements the vendor's
    response leaves blank (whether or not evaluators scored them); ``missing`` those that
    nobody answered or scored (they score 0)."""

    vendor: str
    requirements: int
    evaluated: int
    shown_live: int
    declared_only: int
    missing: int
    verified_share: float
    declared_share: float
    unanswered: int = 0


@dataclass(slots=True, repr=False, eq=False)
class UnverifiedClaim(_Result):
    """A requirement the vendor declares ``native`` that nobody saw working live."""

    vendor: str
    requirement: str
    compliance: str
    shown: str | None
    evaluated: bool


@dataclass(slots=True, repr=False, eq=False)
class WeightFlip(_Result):
    """The weight of one criterion at which another vendor overtakes the winner."""

    new_weight: float
    change: float
    overtaken_by: str


@dataclass(slots=True, repr=False, eq=False)
class CriterionSensitivity(_Result):
    """The weights of one criterion, raised and lowered, at which the winner changes."""

    criterion: str
    weight: float
    increase: WeightFlip | None
    decrease: WeightFlip | None


@dataclass(slots=True, repr=False, eq=False)
class FxFlip(_Result):
    """The yearly change of an exchange rate at which another vendor overtakes the winner."""

    change_pct_per_year: float
    overtaken_by: str


@dataclass(slots=True, repr=False, eq=False)
class FxSensitivity(_Result):
    """How far one bid currency may move against the project currency before the winner
    changes: ``rise`` (the currency gets dearer each year) and ``fall``, each None when no
    change within ±``limit_pct`` % a year changes the winner."""

    currency: str
    rates: list[float]
    rise: FxFlip | None
    fall: FxFlip | None
    limit_pct: float = 50.0


@dataclass(slots=True, repr=False, eq=False)
class MonteCarloResult(_Result):
    """How often each vendor ranks first (``p_first``) and at each rank
    (``rank_acceptability``: vendor → shares of the samples at rank 1 … n, summing to 1) when
    the criteria weights are drawn from Dirichlet(concentration × chosen weights)."""

    samples: int
    seed: int
    concentration: float
    p_first: dict[str, float]
    rank_acceptability: dict[str, list[float]] = field(default_factory=dict)


@dataclass(slots=True, repr=False, eq=False)
class RankingEntry(_Result):
    """One vendor's place in the ranking."""

    vendor: str
    name: str
    rank: int
    total: float
    knocked_out: bool
    failing: list[str]
    #: True when another vendor has the same total (and knock-out status): they share the rank.
    tied: bool = False
    #: True for a vendor that sent no response and that nobody scored: ranked after the others
    #: (like a knock-out), without listing every must it "fails".
    no_response: bool = False


@dataclass(slots=True, repr=False, eq=False)
class VendorResult(_Result):
    """Everything about one vendor: rank, total, knock-outs, criteria, coverage, TCO."""

    vendor: str
    name: str
    rank: int
    total: float
    knocked_out: bool
    failing: list[Failure]
    criteria: list[CriterionResult]
    coverage: Coverage
    tco: TcoResult


@dataclass(slots=True, repr=False, eq=False)
class Evaluation(_Result):
    """Everything an evaluation produced, ready for documents, pages and JSON."""

    project: str
    method: str
    language: str
    currency: str
    horizon_years: int
    winner: str | None
    ranking: list[RankingEntry]
    vendors: dict[str, VendorResult]
    criteria_weights: dict[str, float]
    dropped_criteria: list[str]
    weights: WeightNode
    knockouts: list[Failure]
    disagreements: list[Disagreement]
    coverage: dict[str, Coverage]
    unverified_claims: list[UnverifiedClaim]
    tco: dict[str, TcoResult]
    risks: list[Risk]
    sensitivity: list[CriterionSensitivity]
    monte_carlo: MonteCarloResult | None
    warnings: list[ScoringWarning]
    weights_fingerprint: str
    #: ``responses`` (the vendors' answers to the RFP) or ``profiles`` (desk research from
    #: the vendor profiles, before the RFP: ``crmselect vendors compare``).
    basis: str = "responses"
    #: Vendor id → requirement ids its response leaves blank (all of them without a response).
    unanswered: dict[str, list[str]] = field(default_factory=dict)
    #: Per foreign bid currency, the yearly rate change that would change the winner.
    fx_sensitivity: list[FxSensitivity] = field(default_factory=list)
    #: Who scored (score records or test-drive marks), whatever their role: the evaluators.
    scorers: list[str] = field(default_factory=list)
    #: The winner by each method (``wsm``, ``topsis``), so that a disagreement can be shown.
    winners_by_method: dict[str, str | None] = field(default_factory=dict)

    def warning_codes(self) -> list[str]:
        return [w.code for w in self.warnings]

    def to_dict(self, render: Render | None = None) -> dict[str, Any]:
        """The whole result as JSON-ready dicts, lists, numbers and strings; with the edge's
        ``render`` (``crmselect.i18n.text``), each warning also carries its text in English and
        Turkish.

        ``winner`` is the first-ranked vendor that passes the knock-outs, as in the engine;
        ``verdict``, right after it, says whether a winner may be named (the code the CLI's
        and the report's summary lines word: ``winner``, ``tie``, ``too_close``,
        ``lead_within_disagreements``, ``unscored``, ``illustrative`` or ``no_winner``), with
        the vendors ranked first and, for a close call (a winner by a narrow lead too), the
        runner-up."""
        from crmselect.scoring.verdict import verdict  # a reader of Evaluation, typed with it

        said = verdict(self)
        shown: dict[str, Any] = {"code": said.code, "first": list(said.first)}
        if said.warning is not None:
            shown["runner_up"] = said.warning.params["runner_up"]
        data = {}
        for key, value in _plain(self, render).items():
            data[key] = value
            if key == "winner":
                data["verdict"] = shown
        return data


#: Types :func:`_plain` returns as they are: exactly these (a subclass, such as a ``str``
#: enum, takes the long way).
_AS_IS = frozenset({str, int, bool, type(None)})
#: Each result class's field names, looked up once (``dataclasses.fields`` builds a tuple
#: of Field objects on every call: tens of thousands of calls for a large evaluation).
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _plain(value: Any, render: Render | None = None) -> Any:
    kind = type(value)
    # the common leaves and containers first; each gives what the general order below gives
    if kind in _AS_IS:
        return value
    if kind is float:
        return value if math.isfinite(value) else None
    if kind is list:
        return [_plain(v, render) for v in value]
    if kind is dict:
        return {str(k): _plain(v, render) for k, v in value.items()}
    if isinstance(value, ScoringWarning):
        return value.to_dict(render)
    if isinstance(value, Text):  # a vendor's words in both languages
        return {"en": value.en, "tr": value.tr}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELD_NAMES.get(kind)
        if names is None:
            names = _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(value))
        return {name: _plain(getattr(value, name), render) for name in names}
    if isinstance(value, dict):
        return {str(k): _plain(v, render) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v, render) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if hasattr(value, "item"):  # numpy scalar
        return _plain(value.item(), render)
    return value
