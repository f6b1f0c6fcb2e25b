"""The data model: every file kind a user or vendor writes, as strict, frozen pydantic models.

These models are the edge of the package: YAML is validated against them, JSON Schema is
generated from them, and the rest of the code reads their fields. They know nothing of scoring,
documents, the CLI or the web.

No ``from __future__ import annotations`` here: with it pydantic evaluates every field's
annotation from its text when the class is created (about 6 ms of each command's start-up for
these classes); the one name used before its class is defined is quoted.
"""

import datetime as dt
import re
from typing import Annotated, Any, Literal

from annotated_types import Ge, Gt, Le, MinLen
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    GetCoreSchemaHandler,
    StringConstraints,
    Tag,
    model_validator,
)
from pydantic_core import PydanticCustomError, core_schema

from crmselect.currencies import ISO_CODES as CURRENCY_CODES

# --- vocabulary ------------------------------------------------------------------------------

Area = Literal[
    "operational", "analytical", "collaborative", "e_crm", "integration", "non_functional"
]
AREAS: tuple[str, ...] = Area.__args__  # type: ignore[attr-defined]
Phase = Literal["selection", "acquisition", "retention", "deepening"]
PHASES: tuple[str, ...] = Phase.__args__  # type: ignore[attr-defined]
Priority = Literal["must", "should", "could", "wont"]
PRIORITIES: tuple[str, ...] = Priority.__args__  # type: ignore[attr-defined]
Compliance = Literal["native", "configurable", "third_party", "custom", "roadmap", "none"]
COMPLIANCE_LEVELS: tuple[str, ...] = Compliance.__args__  # type: ignore[attr-defined]
Language = Literal["en", "tr"]
LANGUAGES: tuple[str, ...] = Language.__args__  # type: ignore[attr-defined]
#: ``stakeholder``: a department's voice in the needs workshop (proposes priorities, never scores).
Role = Literal["facilitator", "evaluator", "observer", "stakeholder"]
ScoreFlag = Literal["changed_after_reveal", "interest_allowed", "interest_declared"]
Shown = Literal["live", "slides", "not_shown"]
Deployment = Literal["cloud", "on_premise", "hybrid", "private_cloud"]
IntegrationPattern = Literal[
    "native_connector", "api", "webhook", "file", "ipaas", "database", "embedded", "cti"
]
KpiDirection = Literal["higher_is_better", "lower_is_better"]
KpiUnit = Literal["percent", "score", "currency", "ratio", "days", "hours", "minutes", "count"]
TopCriterion = Literal[
    "functional", "integration", "non_functional", "test_drive", "cost", "references"
]
TOP_CRITERIA: tuple[str, ...] = TopCriterion.__args__  # type: ignore[attr-defined]

#: The areas that make up the "functional" top-level criterion.
FUNCTIONAL_AREAS = ("operational", "analytical", "collaborative", "e_crm")

RequirementId = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2,4}-[A-Z0-9]{2,5}-\d{3}$")]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
VendorId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$", max_length=64)]
ScenarioId = Annotated[str, StringConstraints(pattern=r"^SCN-[A-Z0-9]{2,12}$")]
NonEmpty = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


def _known_currency(value: str) -> str:
    """A three-letter code that names a currency in use (ISO 4217): ``TLL`` or the old ``TRL``
    would reach the cost table as it is, or fail at a vendor's price far from the typo."""
    if value in CURRENCY_CODES:
        return value
    from crmselect.currencies import meant_currency
    from crmselect.errors import msg as t  # a code with parameters; the edge has the words

    meant = meant_currency(value)
    raise ValueError(t("currency_unknown_meant", value=repr(value), code=meant) if meant
                     else t("currency_unknown", value=repr(value)))


CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$"),
                         AfterValidator(_known_currency)]
#: Upper bounds that keep every sum, product and chart finite (issue 11): no currency counts a
#: bid in more than 10^15 units, no weight needs more than a million to say what it means, and a
#: selection is planned between 1990 and 2100 (``datetime`` ends at 9999, and plans add weeks).
MAX_AMOUNT = 1e15
MAX_WEIGHT = 1e6
FIRST_DAY = dt.date(1990, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)


class _NotABoolean:
    """An annotation refusing ``true``/``false`` where a number is expected: pydantic would count
    them as 1 and 0 (``score: false`` a knock-out). Not pydantic's strict mode: that would also
    refuse ``1e6``, which the YAML reader passes on as text for pydantic to read.

    The schema ``BeforeValidator(check)`` makes, written out: ``BeforeValidator`` asks
    ``inspect.signature`` of the function, at every field it is used in (some 50 in a project,
    its responses and scores), whether it takes pydantic's info argument; this check does not.
    """

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def check(self, value: object) -> object:
        if isinstance(value, bool):
            raise PydanticCustomError(self.kind, "Input should be a valid number")
        return value

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_before_validator_function(self.check, handler(source))


#: A number a user types: an int or a float, never a YAML boolean (``true`` is not 1).
Number = Annotated[float, _NotABoolean("float_type")]
WholeNumber = Annotated[int, _NotABoolean("int_type")]
Money = Annotated[Number, Ge(0), Le(MAX_AMOUNT)]
Weight = Annotated[Number, Ge(0), Le(MAX_WEIGHT)]
Day = Annotated[dt.date, Ge(FIRST_DAY), Le(LAST_DAY)]
PositiveRate = Annotated[Number, Gt(0), Le(MAX_AMOUNT)]


def _rate_kind(value: object) -> str:
    return "rates_per_year" if isinstance(value, list) else "one_rate"


#: An exchange rate: one for the whole horizon, or one per horizon year. A discriminated
#: union, so that a bad value gets one error (the loader drops the tag from its location).
RateOrRates = Annotated[
    Annotated[PositiveRate, Tag("one_rate")]
    | Annotated[list[PositiveRate], MinLen(1), Tag("rates_per_year")],
    Discriminator(_rate_kind),
]


def _empty_list() -> list[Any]:
    """The default of a list field left out of a file. Not ``default_factory=list``: pydantic asks
    ``inspect.signature`` whether a default factory takes the validated data, and the builtin
    ``list`` has its signature parsed from text with ``tokenize`` (3 ms the first time, 0.2 ms
    each after, when a model's validator is built); a Python function answers at once."""
    return []


# The defaults below are named functions, not lambdas, so that a validator built from these
# models can be pickled (``crmselect.prebuilt`` keeps the commands' validators in the cache).


def _default_migrated_entities() -> list[Any]:
    return ["accounts", "contacts", "leads", "opportunities", "cases"]


def _default_criteria() -> dict[Any, Any]:
    return {"functional": 35, "integration": 15, "non_functional": 10,
            "test_drive": 15, "cost": 20, "references": 5}


def _default_priority_weights() -> dict[Any, Any]:
    return {"must": 3, "should": 2, "could": 1, "wont": 0}


def _default_compliance_scores() -> dict[Any, Any]:
    return {"native": 5, "configurable": 4, "third_party": 3, "custom": 2, "roadmap": 1, "none": 0}


def _default_optional_prices() -> list[Any]:
    return ["whatsapp_conversation", "sms_message", "storage_gb", "api_calls", "sandbox",
            "extra_user"]


# A settings block left out of a file (``tco:``, ``rfp:``…) is its model with its defaults as
# they are (pydantic validates no default): ``Field(default_factory=Tco.model_construct)``. With
# the class itself as the factory, the first default made would build that model's own validator
# (1–3 ms each) although the file's validator already holds its schema.


class Strict(BaseModel):
    """Base of every model: unknown keys are errors, values are frozen after loading; a number
    is finite (pydantic would read the text ``nan``, ``inf`` or ``1e999`` as a float)."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, defer_build=True)


class Text(Strict):
    """A text in both languages. Catalog text always has both."""

    en: NonEmpty
    tr: NonEmpty

    def get(self, lang: str) -> str:
        return self.tr if lang == "tr" else self.en


def _text_kind(value: object) -> str:
    return "text" if isinstance(value, (dict, Text)) else "str"


#: User-written text (project, custom requirements): one string for both languages, or both.
FlexText = Annotated[
    Annotated[NonEmpty, Tag("str")] | Annotated[Text, Tag("text")], Discriminator(_text_kind)
]


#: Client-facing text that may be left empty (a vendor comment, a note): one string for both
#: languages, or ``{en: …, tr: …}`` so that each language's document shows only its own text.
OptionalFlexText = Annotated[
    Annotated[str, Tag("str")] | Annotated[Text, Tag("text")], Discriminator(_text_kind)
]


def localize(value: str | Text | None, lang: str) -> str:
    """The text of ``value`` in ``lang`` ('' for None)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return value.get(lang)


# --- catalog ---------------------------------------------------------------------------------


class GroupInfo(Strict):
    """A sub-area of the catalog, with the business problem it answers (shown in the RFP)."""

    id: Slug
    name: Text
    problem: Text = Field(description="The business problem this group of functions answers.")


class AreaInfo(Strict):
    id: Area
    name: Text
    description: Text
    groups: list[GroupInfo]


class AreasFile(Strict):
    """``requirements_catalog/areas.yaml``: the areas and their groups."""

    areas: list[AreaInfo]


class IntegrationNeed(Strict):
    """What an integration requirement connects to and how."""

    category: Slug
    example_systems: list[FlexText] = Field(
        min_length=1, description="Product or format names as written; a descriptive one {en, tr}.")
    pattern: list[IntegrationPattern] = Field(min_length=1)
    direction: Literal["inbound", "outbound", "bidirectional"] = "bidirectional"


class ProposalRule(Strict):
    """Facts about the buying organisation that propose a requirement in the project setup.

    Every field given must match (a rule with two fields needs both); a requirement is
    proposed when any of its rules matches. Why data and not code: whoever edits the catalog
    decides what a fact implies, next to the requirement it implies.
    """

    current_system: Slug | None = Field(
        default=None, description="A current system of this category (erp, ecommerce…).")
    role: Slug | None = Field(default=None, description="A user group of this role.")
    channel: Slug | None = Field(default=None, description="A customer channel.")
    department: Slug | None = Field(default=None, description="A department.")
    country: Annotated[str, StringConstraints(min_length=2, max_length=2,
                                              to_upper=True)] | None = Field(
        default=None, description="The organisation's country (ISO code, such as TR).")


class Requirement(Strict):
    """One capability a buyer may need."""

    id: RequirementId
    title: Text
    description: Text
    phases: list[Phase] = Field(min_length=1)
    priority: Priority = "should"
    acceptance_criteria: list[Text] = Field(default_factory=_empty_list)
    kpis: list[Slug] = Field(default_factory=_empty_list)
    integration: IntegrationNeed | None = None
    topic: Slug | None = Field(default=None, description="A finer topic within the group.")
    evidence: Literal["demo", "document"] = Field(
        default="demo",
        description="How a vendor proves it: shown in a demo, or only on paper (contract, "
        "certificate, SLA), so nobody expects to see it live.")
    related: list[RequirementId] = Field(
        default_factory=_empty_list,
        description="Requirements that test an overlapping capability; each keeps its own "
        "acceptance criteria, and a project selecting both is warned.")
    proposed_by: list[ProposalRule] = Field(
        default_factory=_empty_list,
        description="Facts about the organisation that propose this requirement when a "
        "project is set up in the browser (any rule matching proposes it).")


class RequirementsFile(Strict):
    """A catalog file: the requirements of one group of one area."""

    area: Area
    group: Slug
    requirements: list[Requirement] = Field(min_length=1)


class KpiInput(Strict):
    name: Slug
    label: Text
    unit: KpiUnit | None = None


class Kpi(Strict):
    """A CRM success metric. ``formula`` is an arithmetic expression over the input names."""

    id: Slug
    name: Text
    description: Text
    formula: NonEmpty
    inputs: list[KpiInput] = Field(min_length=1)
    unit: KpiUnit
    direction: KpiDirection


class KpisFile(Strict):
    kpis: list[Kpi]


class ScenarioStep(Strict):
    action: FlexText
    expected: FlexText
    requirements: list[RequirementId] = Field(default_factory=_empty_list)


class Scenario(Strict):
    """A test-drive script the vendor must follow in its demo."""

    id: ScenarioId
    title: FlexText
    objective: FlexText
    duration_minutes: Annotated[WholeNumber, Gt(0), Le(480)]
    steps: list[ScenarioStep] = Field(min_length=1)
    expected_outcome: FlexText
    requirements: list[RequirementId] = Field(
        default_factory=_empty_list, description="Requirements the scenario demonstrates."
    )
    data: FlexText | None = Field(default=None, description="Test data the vendor must use.")


class ScenariosFile(Strict):
    scenarios: list[Scenario]


class GlossaryTerm(Strict):
    en: NonEmpty
    tr: NonEmpty
    note: str = ""
    avoid_tr: list[str] = Field(default_factory=_empty_list,
                                description="Turkish words not to use.")
    avoid_en: list[str] = Field(default_factory=_empty_list,
                                description="English words not to use.")


class GlossaryFile(Strict):
    terms: list[GlossaryTerm]


# --- vendors ---------------------------------------------------------------------------------


class Response(Strict):
    """A vendor's declared coverage of one requirement."""

    compliance: Compliance
    comment: OptionalFlexText = ""
    evidence: list[str] = Field(default_factory=_empty_list,
                                description="Document, link or screenshot.")
    source: str = Field(default="", description="Where this claim comes from.")
    third_party_product: OptionalFlexText = ""
    third_party_cost_per_year: Money = 0
    custom_effort_days: Annotated[Number, Ge(0), Le(MAX_WEIGHT)] = 0
    roadmap_date: Day | None = None


class Pricing(Strict):
    """A vendor's price list or quote. Licence prices are per user per month, by licence type."""

    currency: CurrencyCode
    licence_model: Literal["subscription", "perpetual", "open_source"] = "subscription"
    per_user_month: dict[Slug, Money] = Field(
        default_factory=dict, description="Subscription price per user per month by licence type."
    )
    perpetual_per_user: dict[Slug, Money] = Field(
        default_factory=dict, description="One-off perpetual licence price per user."
    )
    maintenance_pct: Annotated[Number, Ge(0), Le(100)] = Field(
        default=0, description="Yearly maintenance, % of perpetual licence cost."
    )
    yearly_increase_pct: Annotated[Number, Ge(0), Le(100)] = 0
    implementation: Money = 0
    data_migration: Money = 0
    integration: Money = 0
    training: Money = 0
    consulting: Money = 0
    support_per_year: Money = 0
    hosting_per_year: Money = 0
    day_rate: Money = Field(default=0, description="Price of one day of custom development.")
    notes: OptionalFlexText = ""


class Licence(Strict):
    model: Literal["subscription", "perpetual", "open_source"]
    #: The licence as a reader sees it: one text, or ``{en: …, tr: …}``.
    name: OptionalFlexText = ""


class VendorProfile(Strict):
    """``vendors/<id>.yaml``: a vendor's product and its declared compliance."""

    id: VendorId
    name: NonEmpty
    product: FlexText
    edition: OptionalFlexText = ""
    company: str = ""
    website: str = ""
    illustrative: bool = Field(
        default=False, description="True for a made-up example that describes no real offer."
    )
    desk_research: bool = Field(
        default=False,
        description="True for a profile compiled from the vendor's public documentation and "
        "price pages (each answer with its source), not written or confirmed by the vendor.")
    description: FlexText | None = None
    deployment: list[Deployment] = Field(min_length=1)
    licence: Licence
    pricing: Pricing | None = None
    # Facts a reader sees in `vendors show`: each one text, or ``{en: …, tr: …}`` when it is
    # prose (a language written by its English name is shown by its label).
    hosting_regions: list[FlexText] = Field(default_factory=_empty_list)
    languages: list[FlexText] = Field(default_factory=_empty_list)
    currencies: list[CurrencyCode] = Field(default_factory=_empty_list)
    certifications: list[FlexText] = Field(default_factory=_empty_list)
    native_integrations: list[FlexText] = Field(default_factory=_empty_list)
    implementation_weeks: Annotated[Number, Gt(0), Le(520)] | None = None
    references: list[FlexText] = Field(default_factory=_empty_list)
    source: NonEmpty
    as_of: Day
    responses: dict[RequirementId, Response] = Field(default_factory=dict)


#: A question of the RFP's vendor questionnaire: its section prefix and number (``CO-1``).
QuestionId = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}-\d{1,3}$")]


class OptionalPrice(Strict):
    """A unit price asked for beside the offer (``rfp.optional_prices``): a contract price for
    later use, not part of the total cost of ownership."""

    price: Money = Field(description="Price of one unit (as the RFP names it), excluding VAT.")
    currency: CurrencyCode = Field(description="Currency of the price (the Pricing sheet's).")
    note: OptionalFlexText = Field(
        default="", description="The vendor's unit where asked, included limits, conditions.")


class VendorResponseFile(Strict):
    """``responses/<vendor>.yaml`` in a project: what the vendor answered to this RFP."""

    vendor: VendorId
    submitted: Day | None = None
    contact: OptionalFlexText = ""
    pricing: Pricing | None = None
    implementation_weeks: Annotated[Number, Gt(0), Le(520)] | None = None
    references: list[FlexText] = Field(
        default_factory=_empty_list,
        description="Reference customers the vendor names for this RFP."
    )
    responses: dict[RequirementId, Response]
    questionnaire: dict[QuestionId, NonEmpty] = Field(
        default_factory=dict,
        description="Answers to the RFP's vendor questionnaire by question number (CO-1, IM-2…).")
    optional_prices: dict[Slug, OptionalPrice] = Field(
        default_factory=dict,
        description="Unit prices asked for beside the offer, by the RFP's key (sms_message…).")


# --- project ---------------------------------------------------------------------------------


class Contact(Strict):
    name: NonEmpty
    email: str = ""
    phone: str = ""


class CurrentSystem(Strict):
    name: FlexText
    category: Slug
    replace: bool = Field(default=False, description="True if the new CRM replaces it.")


class Volumes(Strict):
    """How much the organisation holds and handles today: the RFP shows it to vendors (sizing,
    pricing of storage and API use) and the migration plan sizes its tasks from it."""

    records: dict[Slug, Annotated[WholeNumber, Ge(0), Le(10_000_000_000)]] = Field(
        default_factory=dict,
        description="Records held today per entity (accounts, contacts, leads, products…).")
    per_month: dict[Slug, Annotated[WholeNumber, Ge(0), Le(10_000_000_000)]] = Field(
        default_factory=dict,
        description="Transactions per month (orders, quotes, cases, calls, emails…).")


class MigratedEntity(Strict):
    """One entity to migrate, with where it comes from and how many records it has."""

    entity: Slug
    source: FlexText | None = Field(
        default=None,
        description="Where the records live today: the name or the category of one of "
        "current_systems, or any other name (\"Excel files on the shared drive\").")
    records: Annotated[WholeNumber, Ge(0), Le(10_000_000_000)] | None = Field(
        default=None, description="Records to migrate (else volumes.records of the entity).")


def _migrated_kind(value: object) -> str:
    return "text" if isinstance(value, dict | MigratedEntity) else "str"


#: A migrated entity: its code alone, or the code with its source and record count. The
#: branches reuse FlexText's tags, which the loader leaves out of error locations.
MigratedItem = Annotated[
    Annotated[Slug, Tag("str")] | Annotated[MigratedEntity, Tag("text")],
    Discriminator(_migrated_kind),
]


def _country_code(value: object) -> object:
    """``Türkiye``, ``Turkey``, ``tr``, ``TUR`` → ``TR``: the KVKK tasks of the migration plan,
    the holiday calendar and the proposals look for the code, so a name must not lose them.
    Anything that is no ISO 3166 country is refused (``TRK``: "did you mean TR?" when close)."""
    if not isinstance(value, str) or not value.strip():
        return value
    from crmselect.countries import country_code, country_name, meant_code

    code = country_code(value)
    if code:
        return code
    from crmselect.errors import msg as t  # a code with parameters; the edge has the words

    meant = meant_code(value)
    if meant is None:
        raise ValueError(t("country_unknown", value=repr(value)))
    raise ValueError(t("country_unknown_meant", value=repr(value), code=meant, name=Text(
        en=country_name(meant, "en"), tr=country_name(meant, "tr"))))


class Organisation(Strict):
    name: NonEmpty
    industry: OptionalFlexText = ""
    country: Annotated[str, BeforeValidator(_country_code)] = Field(
        default="", description="The organisation's country: its ISO 3166 two-letter code "
        "(TR, DE), or a name or three-letter code that stands for one (Türkiye, TUR).")
    employees: Annotated[WholeNumber, Ge(1), Le(10_000_000)] | None = None
    description: FlexText | None = None
    contact: Contact | None = None
    departments: list[Slug] = Field(default_factory=_empty_list)
    channels: list[Slug] = Field(default_factory=_empty_list)
    current_systems: list[CurrentSystem] = Field(default_factory=_empty_list)
    migrated_entities: list[MigratedItem] = Field(
        default_factory=_default_migrated_entities,
        description="Entities to migrate: a code (accounts) or {entity, source, records}.")
    volumes: Volumes = Field(default_factory=Volumes.model_construct)

    @property
    def migrated_entity_slugs(self) -> list[str]:
        """The codes of the migrated entities, in order (a plain slug or an item's entity)."""
        return [e if isinstance(e, str) else e.entity for e in self.migrated_entities]


class UserGroup(Strict):
    role: Slug
    count: Annotated[WholeNumber, Ge(0), Le(10_000_000)]
    licence: Slug = "standard"
    department: Slug | None = None


class Tco(Strict):
    horizon_years: Annotated[WholeNumber, Ge(1), Le(15)] = 5
    target_budget: Money | None = None
    ceiling: Money | None = None
    price_formula: Literal["absolute", "relative"] = "absolute"
    discount_rate_pct: Annotated[Number, Ge(0), Le(100)] | None = Field(
        default=None,
        description="Yearly discount rate (%). When set, each year's costs are discounted to "
        "present value: year n is divided by (1 + rate)^(n − 1); year 1 is today's money. "
        "The budget and ceiling are then present values too.")

    @property
    def effective_ceiling(self) -> float | None:
        """The budget ceiling every reader uses (scoring, warnings, report text and chart): the
        project's ``ceiling``, else twice the target budget, else none. The one place that
        default is decided; ``ceiling`` itself stays as written (it is part of the fingerprint)."""
        if self.ceiling is not None:
            return float(self.ceiling)
        return 2.0 * self.target_budget if self.target_budget is not None else None


class Timeline(Strict):
    rfp_issued: Day | None = None
    questions_due: Day | None = None
    responses_due: Day | None = None
    test_drives_start: Day | None = None
    test_drives_end: Day | None = None
    decision: Day | None = None
    contract: Day | None = None
    kickoff: Day | None = None
    go_live: Day | None = None


class SelectedRequirement(Strict):
    id: RequirementId
    priority: Priority | None = None
    note: OptionalFlexText = ""


_FRACTION = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*/\s*([0-9]+(?:\.[0-9]+)?)\s*$")


def _judgement(value: object) -> object:
    """A pairwise judgement as a number: ``1/3`` (as textbooks write it) is 0.333…"""
    if isinstance(value, str):
        match = _FRACTION.match(value)
        if match and float(match.group(2)) > 0:
            return float(match.group(1)) / float(match.group(2))
    return value


#: Saaty's scale: 1 to 9 and the reciprocals down to 1/9, with room for 0.11 typed for 1/9.
#: Outside it a judgement is a typo (90 for 9) or no judgement at all (1e308 makes the
#: eigenvector NaN, and the matrix then looks consistent).
SAATY_MIN, SAATY_MAX = 0.97 / 9, 9 * 1.03


def _on_saaty_scale(value: float) -> float:
    if not SAATY_MIN <= value <= SAATY_MAX:
        from crmselect.errors import msg as t  # a code with parameters; the edge has the words

        raise ValueError(t("ahp_off_scale", value=f"{value:g}"))
    return value


#: A cell of an AHP matrix: a number or a fraction such as ``1/3`` on Saaty's scale.
Judgement = Annotated[Number, BeforeValidator(_judgement), AfterValidator(_on_saaty_scale)]


def _as_selection(value: object) -> object:
    return {"id": value} if isinstance(value, str) else value


class AhpMatrix(Strict):
    """A pairwise comparison matrix over ``items`` (Saaty's 1–9 scale)."""

    items: list[NonEmpty] = Field(min_length=2)
    matrix: list[list[Judgement]]
    method: Literal["eigenvector", "geometric", "approximate"] = "eigenvector"


class Weights(Strict):
    """Raw weights by level; each level's siblings are normalised to sum 1 by the engine."""

    criteria: dict[TopCriterion, Weight] = Field(default_factory=_default_criteria)
    areas: dict[Area, Weight] = Field(default_factory=dict)
    groups: dict[Slug, Weight] = Field(default_factory=dict)
    requirements: dict[RequirementId, Weight] = Field(default_factory=dict)
    priority: dict[Priority, Weight] = Field(default_factory=_default_priority_weights)
    ahp: dict[Literal["criteria", "areas", "groups"], AhpMatrix] = Field(
        default_factory=dict, description="AHP matrices that replace the direct weights of a level."
    )


class Scoring(Strict):
    knockout_threshold: Annotated[Number, Ge(0), Le(5)] = 2
    aggregation: Literal["mean", "median"] = "mean"
    method: Literal["wsm", "topsis"] = "wsm"
    disagreement_spread: Annotated[Number, Gt(0), Le(5)] = 2
    compliance_scores: dict[Compliance, Annotated[Number, Ge(0), Le(5)]] = Field(
        default_factory=_default_compliance_scores
    )
    unverified_discount: Annotated[Number, Ge(0), Le(1)] = Field(
        default=0, description="Share of a declared score removed when the claim is not verified."
    )
    monte_carlo_samples: Annotated[WholeNumber, Ge(0), Le(1_000_000)] = 2000
    #: the range the sampling accepts (scoring.sensitivity.check_concentration), told here at
    #: the line of project.yaml
    monte_carlo_concentration: Annotated[Number, Ge(1), Le(10_000)] = 50
    seed: Annotated[WholeNumber, Ge(0)] = Field(
        default=42, description="Seed of the Monte Carlo sampling (a whole number, 0 or more).")


class Evaluator(Strict):
    id: Slug
    name: NonEmpty
    email: str = ""
    role: Role = "evaluator"
    department: Slug | None = None
    language: Language | None = None
    areas: list[Area] = Field(
        default_factory=_empty_list, description="Areas this person scores; empty means all."
    )


class Evaluation(Strict):
    """Evaluation-practice settings."""

    two_envelopes: bool = False
    conflict_of_interest: bool = False
    show_weights_in_rfp: bool = True
    facilitator_scores: bool | None = Field(
        default=None,
        description="Whether the facilitator scores too (then blind until the reveal like "
        "everyone); default: only when the facilitator names areas.",
    )
    demo_minutes_per_vendor: Annotated[WholeNumber, Gt(0)] | None = None


class PaymentMilestone(Strict):
    """One instalment of the payment plan the RFP asks vendors to accept."""

    milestone: FlexText
    percent: Annotated[Number, Gt(0), Le(100)]


class RfpSla(Strict):
    """Service levels the RFP asks for (the vendor states in the questionnaire what it offers)."""

    availability_pct: Annotated[Number, Ge(90), Le(100)] = 99.5
    critical_response_hours: Annotated[Number, Gt(0), Le(720)] = 1
    critical_resolution_hours: Annotated[Number, Gt(0), Le(720)] = 8
    normal_response_hours: Annotated[Number, Gt(0), Le(720)] = 8
    rpo_hours: Annotated[Number, Gt(0), Le(720)] = Field(
        default=24, description="Most data the organisation accepts to lose (recovery point).")
    rto_hours: Annotated[Number, Gt(0), Le(720)] = Field(
        default=8, description="Longest outage after a disaster (recovery time).")


class Rfp(Strict):
    """Facts of the RFP's logistics and contract terms. Every field is optional: without them
    the RFP states common defaults (90 days' validity, a four-instalment payment plan…)."""

    submission_email: str = Field(
        default="", description="Where responses are sent; default: the organisation's contact.")
    submission_address: OptionalFlexText = Field(
        default="", description="Postal address for a printed copy or a sealed price envelope.")
    intent_to_bid_due: Day | None = Field(
        default=None, description="Date by which vendors confirm they will bid and sign the NDA.")
    deadline_time: Annotated[str, StringConstraints(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")] = (
        Field(default="17:00", description="Hour of the response deadline (HH:MM, Turkey time)."))
    validity_days: Annotated[WholeNumber, Ge(30), Le(365)] = Field(
        default=90, description="Days the offer stays valid after the response deadline.")
    price_lock_years: Annotated[WholeNumber, Ge(1), Le(15)] | None = Field(
        default=None,
        description="Years the offered unit prices stay fixed; default: the TCO horizon.")
    delay_penalty_pct_per_week: Annotated[Number, Ge(0), Le(10)] = 0.5
    penalty_cap_pct: Annotated[Number, Ge(0), Le(100)] = 10
    payment_plan: list[PaymentMilestone] = Field(
        default_factory=_empty_list,
        description="Instalments of the one-off costs (percentages add up to 100); default: "
        "20 % at signing, 30 % at design approval, 30 % at go-live, 20 % after hypercare.")
    optional_prices: list[Slug] = Field(
        default_factory=_default_optional_prices,
        description="Unit prices asked for beside the offer (WhatsApp conversation, SMS…).")
    sla: RfpSla = Field(default_factory=RfpSla.model_construct)

    @model_validator(mode="after")
    def _plan_adds_up(self) -> "Rfp":
        total = sum(step.percent for step in self.payment_plan)
        if self.payment_plan and abs(total - 100) > 0.01:
            from crmselect.errors import msg as t  # a code with parameters; the edge has words

            raise ValueError(t("rfp_payment_plan_total", total=f"{total:g}"))
        return self


class Decision(Strict):
    """The selection's outcome: the chosen vendor, when and by whom it was approved."""

    vendor: VendorId = Field(description="The chosen vendor (one of the project's vendors).")
    date: Day | None = Field(default=None, description="The day the decision was approved.")
    approved_by: OptionalFlexText = Field(
        default="", description="Who approved it (a person, the board, a committee).")
    note: OptionalFlexText = ""


class DocumentSettings(Strict):
    """``documents:``: the version and approval block on every document's cover, and whether
    documents end with the "generated with crmselect" line."""

    version: NonEmpty | None = Field(
        default=None, description='The documents\' version, e.g. "1.0" (in quotes).')
    author: NonEmpty | None = Field(default=None, description="Who prepared the documents.")
    approved_by: NonEmpty | None = Field(default=None,
                                         description="Who approved them (name and role).")
    approved_on: Day | None = None
    footer: bool = Field(default=True,
                         description='End each document with "generated with crmselect".')


class Project(Strict):
    """``project.yaml``: one selection exercise."""

    name: FlexText
    organisation: Organisation
    language: Language = "en"
    currency: CurrencyCode = "EUR"
    exchange_rates: dict[CurrencyCode, RateOrRates] = Field(
        default_factory=dict,
        description="Units of the project currency per unit of another: one rate for the "
        "whole horizon, or a list with one rate per horizon year (year 1 first).")
    users: list[UserGroup] = Field(default_factory=_empty_list)
    tco: Tco = Field(default_factory=Tco.model_construct)
    timeline: Timeline = Field(default_factory=Timeline.model_construct)
    objectives: list[FlexText] = Field(default_factory=_empty_list)
    requirements: list[Annotated[SelectedRequirement, BeforeValidator(_as_selection)]] = Field(
        default_factory=_empty_list,
        description="Selected catalog requirements: an id, or {id, priority, note}.",
    )
    custom_requirements: list["CustomRequirement"] = Field(default_factory=_empty_list)
    weights: Weights = Field(default_factory=Weights.model_construct)
    scoring: Scoring = Field(default_factory=Scoring.model_construct)
    evaluation: Evaluation = Field(default_factory=Evaluation.model_construct)
    rfp: Rfp = Field(default_factory=Rfp.model_construct)
    documents: DocumentSettings = Field(default_factory=DocumentSettings.model_construct)
    evaluators: list[Evaluator] = Field(default_factory=_empty_list)
    vendors: list[VendorId] = Field(default_factory=_empty_list)
    scenarios: list[ScenarioId] = Field(default_factory=_empty_list)
    kpis: list[Slug] = Field(default_factory=_empty_list)
    decision: Decision | None = Field(
        default=None, description="The decision, once made (crmselect status shows it).")


class CustomRequirement(Requirement):
    """A requirement the project adds to the catalog; it names its area and group."""

    id: Annotated[str, StringConstraints(pattern=r"^CUS-[A-Z0-9]{2,5}-\d{3}$")]
    title: FlexText
    description: FlexText
    acceptance_criteria: list[FlexText] = Field(default_factory=_empty_list)
    area: Area
    group: Slug


# Project refers to CustomRequirement, defined after it (a quoted name): with ``defer_build`` the
# schema is built (and the name resolved) on first use.


# --- scores ----------------------------------------------------------------------------------


class ScoreRecord(Strict):
    """One evaluator's score for one vendor on one target.

    ``target`` is a requirement id (``OPS-SFA-003``), a scenario step (``SCN-LEAD.2``, steps
    numbered from 1), or ``references`` (the reference-check result).
    """

    evaluator: Slug
    vendor: VendorId
    target: Annotated[str, StringConstraints(
        pattern=r"^([A-Z]{2,4}-[A-Z0-9]{2,5}-\d{3}|SCN-[A-Z0-9]{2,12}\.\d{1,3}|references)$"
    )]
    score: Annotated[Number, Ge(0), Le(5)]
    note: str = ""
    at: dt.datetime | None = None
    flags: list[ScoreFlag] | None = Field(
        default=None, description="Set by the web form: changed after the reveal, or given "
        "despite a declared conflict of interest (allowed by the facilitator).",
    )


class DemoMark(Strict):
    """Whether a requirement was shown in a vendor's test drive, according to one evaluator."""

    evaluator: Slug
    vendor: VendorId
    scenario: ScenarioId
    requirement: RequirementId
    shown: Shown


class ConsensusRecord(Strict):
    """The facilitator's agreed score after the consensus meeting, with its reason."""

    vendor: VendorId
    target: str
    score: Annotated[Number, Ge(0), Le(5)]
    reason: NonEmpty
    by: Slug | None = None
    at: dt.datetime | None = None


class ScoresFile(Strict):
    """``scores.yaml``: evaluator scores, demo marks and consensus, for offline scoring."""

    weights_fingerprint: str | None = Field(
        default=None, description="Fingerprint of the weights when scoring began."
    )
    scores: list[ScoreRecord] = Field(default_factory=_empty_list)
    demo: list[DemoMark] = Field(default_factory=_empty_list)
    consensus: list[ConsensusRecord] = Field(default_factory=_empty_list)


# --- catalog id history ---------------------------------------------------------------------


class RetiredRequirement(Strict):
    """A requirement id that left the catalog; it is never given to another capability."""

    id: RequirementId
    title: Text = Field(description="Its title when it was retired (the English one is pinned).")
    replaced_by: list[RequirementId] = Field(min_length=1)
    reason: Text


class RewordedRequirement(Strict):
    """A requirement whose English title was reworded without changing what it asks."""

    id: RequirementId
    previous_title: NonEmpty = Field(description="The English title before the change.")
    title: NonEmpty = Field(description="The English title after the change.")
    reason: Text


class IdHistoryFile(Strict):
    """``requirements_catalog/id_history.yaml``: what happened to ids pinned in earlier releases."""

    retired: list[RetiredRequirement] = Field(default_factory=_empty_list)
    reworded: list[RewordedRequirement] = Field(default_factory=_empty_list)


#: File kind → model, for JSON Schema export and the yaml-language-server modeline.
FILE_KINDS: dict[str, type[BaseModel]] = {
    "project": Project,
    "vendor": VendorProfile,
    "response": VendorResponseFile,
    "requirements": RequirementsFile,
    "areas": AreasFile,
    "kpis": KpisFile,
    "scenarios": ScenariosFile,
    "glossary": GlossaryFile,
    "id_history": IdHistoryFile,
    "scores": ScoresFile,
}
