"""The response workbook's layout: its sheets, columns and rows, for its writer and its reader.

:mod:`crmselect.documents.workbook` writes the workbook, :mod:`crmselect.responseimport` reads
it back; both take the sheet keys, column keys, row keys and format version from here. The
labels of each sheet, column and row are document strings (``templates/strings/workbook.yaml``,
read with :mod:`crmselect.documentstrings`).

Why a module of its own: the reader sits below the documents layer and imports nothing from it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crmselect.documentstrings import Strings
    from crmselect.project import LoadedProject

#: Sections of the vendor questionnaire and the prefix of their question numbers.
QUESTIONNAIRE_SECTIONS = (("company", "CO"), ("implementation", "IM"), ("migration", "MG"),
                          ("service", "SV"))

#: 2: the requirements sheet has the project's note column (``note``); a workbook of format 1
#: (without it) is still read. 3: the Optional prices sheet has a price and a note column
#: (format 2: the price in column B), and with two envelopes the third-party cost is in the
#: pricing workbook's Third-party costs sheet, not in the technical Requirements sheet.
FORMAT_VERSION = 3
META_SHEET = "crmselect"
SHEET_KEYS = ("instructions", "requirements", "pricing", "company", "questionnaire",
              "optional_prices", "third_party_costs")
#: Sheets a workbook of their kind must have. The others are read when present: a workbook of
#: an older format lacks some, and a project that asks no optional price has no such sheet.
REQUIRED_SHEETS = ("requirements", "pricing", "company")
#: What a workbook holds, by kind (the ``kind`` fact of the hidden sheet; ``full`` when a
#: workbook has none): with two envelopes the technical workbook goes without prices and the
#: pricing workbook holds only them.
KINDS = {
    "full": ("instructions", "requirements", "pricing", "company", "questionnaire",
             "optional_prices"),
    "technical": ("instructions", "requirements", "company", "questionnaire"),
    "pricing": ("instructions", "pricing", "third_party_costs", "optional_prices"),
}


def sheet_names(tree: Any, key: str) -> Any:
    """The names of sheet ``key`` in the workbook strings ``tree`` (the Third-party costs
    sheet's name is kept with its other strings)."""
    return tree["third_party"]["sheet"] if key == "third_party_costs" else tree["sheet"][key]


def sheets_of(kind: str) -> tuple[str, ...]:
    """The sheet keys of a workbook of ``kind`` (an unknown kind is read as ``full``)."""
    return KINDS.get(kind, KINDS["full"])

#: Requirements sheet columns, in order; the answer columns start at ``compliance``.
REQUIREMENT_COLUMNS = (
    "id", "area", "group", "requirement", "description", "priority", "acceptance", "note",
    "compliance", "comment", "evidence", "third_party_product", "third_party_cost_per_year",
    "custom_effort_days", "roadmap_date",
)
#: Locked columns that only inform the vendor: a workbook of an older format lacks them, and
#: the import reads nothing from them.
INFORMATION_COLUMNS = ("note",)
ANSWER_COLUMNS = REQUIREMENT_COLUMNS[REQUIREMENT_COLUMNS.index("compliance"):]
#: Requirement columns that hold a price: the technical workbook of two envelopes goes without
#: them (the pricing workbook's Third-party costs sheet asks for the cost instead).
PRICE_COLUMNS = ("third_party_cost_per_year",)
NUMBER_COLUMNS = ("third_party_cost_per_year", "custom_effort_days")


def requirement_columns(kind: str = "full") -> tuple[str, ...]:
    """The Requirements sheet's columns in a workbook of ``kind``: without the
    :data:`PRICE_COLUMNS` in the technical workbook of two envelopes."""
    if kind == "technical":
        return tuple(k for k in REQUIREMENT_COLUMNS if k not in PRICE_COLUMNS)
    return REQUIREMENT_COLUMNS


def columns_of(header: list[str], matches: Any, kind: str = "full") -> tuple[str, ...]:
    """The requirement columns of a workbook whose header row is ``header``: the current ones,
    or those of an older format without the :data:`INFORMATION_COLUMNS` when its header lacks
    them; a technical workbook has the :data:`PRICE_COLUMNS` only when its header has them
    (format 2 had them). ``matches(key, text)`` says whether a header text is the label of
    column ``key``."""
    optional = INFORMATION_COLUMNS + (PRICE_COLUMNS if kind == "technical" else ())
    return tuple(k for k in REQUIREMENT_COLUMNS
                 if k not in optional or any(matches(k, text) for text in header))

#: Pricing rows besides the licence prices: key → kind (amount, percent, text, currency, model).
PRICING_ROWS = (
    ("currency", "currency"), ("licence_model", "licence_model"),
    ("yearly_increase_pct", "percent"), ("maintenance_pct", "percent"),
    ("implementation", "amount"), ("data_migration", "amount"), ("integration", "amount"),
    ("training", "amount"), ("consulting", "amount"), ("support_per_year", "amount"),
    ("hosting_per_year", "amount"), ("day_rate", "amount"), ("notes", "text"),
)
LICENCE_MODELS = ("subscription", "perpetual", "open_source")
REFERENCES = 3
COMPANY_ROWS = (
    ("vendor_name", "text"), ("contact_name", "text"), ("contact_email", "text"),
    ("contact_phone", "text"), ("submitted", "date"), ("implementation_weeks", "positive"),
    *((f"reference_{n}", "text") for n in range(1, REFERENCES + 1)),
)


def licence_types(lp: LoadedProject) -> list[tuple[str, int]]:
    """Licence types used by the project's users, with their user counts (``standard`` if none)."""
    counts: dict[str, int] = {}
    for group in lp.project.users:
        counts[group.licence] = counts.get(group.licence, 0) + group.count
    return list(counts.items()) or [("standard", 0)]


def pricing_keys(lp: LoadedProject) -> list[tuple[str, str]]:
    """Every (key, kind) row of the Pricing sheet, licence prices first."""
    rows: list[tuple[str, str]] = list(PRICING_ROWS[:2])
    for licence, _ in licence_types(lp):
        rows.append((f"per_user_month.{licence}", "amount"))
    for licence, _ in licence_types(lp):
        rows.append((f"perpetual_per_user.{licence}", "amount"))
    rows.extend(PRICING_ROWS[2:])
    return rows


def workbook_kind(lp: LoadedProject, pricing: bool = False) -> str:
    """``pricing`` when asked for, else ``technical`` with two envelopes, else ``full``."""
    if pricing:
        return "pricing"
    return "technical" if lp.project.evaluation.two_envelopes else "full"


def questionnaire(rfp_strings: Strings) -> list[tuple[str, str, list[str]]]:
    """The vendor questionnaire: (section, id prefix, questions) — shared by the RFP, which
    prints it, and the workbook, whose Questionnaire sheet collects the answers."""
    q = rfp_strings.questionnaire
    return [(section, prefix, list(q[section]))
            for section, prefix in QUESTIONNAIRE_SECTIONS]
