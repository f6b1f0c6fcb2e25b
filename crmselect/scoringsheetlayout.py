"""The Excel scoring sheet's layout: its sheets and columns, for its writer and its reader.

:mod:`crmselect.documents.scoring_sheet` writes the sheet, :mod:`crmselect.scoringsheetreader`
reads it back; both take the sheet keys, fixed columns and format version from here. The
labels are document strings (``templates/strings/scoring_sheet.yaml``, read with
:mod:`crmselect.documentstrings`).

Why a module of its own: the reader sits below the documents layer and imports nothing from it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crmselect.project import LoadedProject

FORMAT_VERSION = 1
KIND = "scoring"
META_SHEET = "crmselect"
#: The scored sheets, in order, and their fixed columns before the vendors' columns.
SHEET_KEYS = ("requirements", "steps", "demo")
FIXED_COLUMNS = {
    "requirements": ("id", "area", "requirement", "priority"),
    "steps": ("step", "scenario", "action"),
    "demo": ("scenario", "id", "requirement"),
}
#: Per vendor on the Requirements and Scenario steps sheets: a score and a note column.
SCORED_PAIR = ("score", "note")
FIRST_ROW = 2  # below the header
#: The target of the reference checks, the Requirements sheet's last row.
REFERENCES = "references"


def vendor_label(lp: LoadedProject, vendor: str) -> str:
    """The vendor's name over its columns (its id when the project has no such vendor)."""
    v = lp.vendors.get(vendor)
    return v.name if v is not None else vendor


def is_sheet_header(names: list[str]) -> bool:
    """Whether a CSV's header (its cells stripped and in lower case) is that of a sheet of the
    Excel scoring sheet, in either language: the sheet was saved as CSV, which keeps neither
    its other sheets nor whose scores they are."""
    from crmselect.documentstrings import load_namespace
    from crmselect.model import LANGUAGES

    columns = load_namespace("scoring_sheet")["col"]
    return any(names[:len(fixed)] == [columns[c][lang].strip().lower() for c in fixed]
               for fixed in FIXED_COLUMNS.values() for lang in LANGUAGES)
