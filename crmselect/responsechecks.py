"""The checks of a vendor's response against the project, written once.

A response reaches a project two ways: ``crmselect responses import`` (a workbook or a YAML
file, :mod:`crmselect.responseimport`) and the ``responses/`` folder that
:func:`crmselect.project.load_project` reads. Both ask these functions, so a response the import
accepts is one the project loads, and each problem reads the same wherever it is found.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from crmselect.catalog import requirement_hint
from crmselect.errors import Issue, did_you_mean
from crmselect.errors import msg as t
from crmselect.model import Project, Response, VendorResponseFile

if TYPE_CHECKING:
    from crmselect.project import LoadedProject


@dataclass(frozen=True)
class ResponseProblem:
    """A problem of a response file: where in it (a path of keys), what, and what to do.
    ``key``: the problem is the key itself (an unknown requirement id), not its value."""

    loc: tuple[str, ...]
    message: Any
    hint: Any = ""
    key: bool = False


def unlisted_vendor(project: Project, vendor: str) -> ResponseProblem | None:
    """A response of a vendor the project does not list."""
    if vendor in project.vendors:
        return None
    same = [v for v in project.vendors if v.casefold() == vendor.strip().casefold()]
    hint = (t("did_you_mean", name=same[0]) if same  # --vendor Zoho_CRM: ids are lower case
            else did_you_mean(vendor.casefold(), project.vendors) or t("import_add_vendor"))
    return ResponseProblem(("vendor",), t("project_vendor_not_listed", vendor=vendor), hint)


def unknown_requirement(lp: LoadedProject, rid: str, hint: bool = True
                        ) -> ResponseProblem | None:
    """An answer to something that is not a requirement of this project (``hint``: with a
    "did you mean" or where a retired id went)."""
    if rid in lp.requirements or lp.incomplete & {"requirements", "custom_requirements"}:
        return None  # (an incomplete selection is reported in project.yaml, not once per answer)
    return ResponseProblem(("responses", rid), t("project_not_requirement", id=rid),
                           requirement_id_hint(lp, rid) if hint else "", key=True)


def requirement_id_hint(lp: LoadedProject, written: str) -> Any:
    """"Did you mean OPS-SRV-002?" for an answer's key that is no requirement of the project,
    well-formed or not (``OPS-SRV-0002``, ``ops-srv-002``), or where a retired id went; '' when
    no id is close. Compared in capitals, as ids are written."""
    key = written.strip().upper()
    if key != written and key in lp.requirements:
        return t("did_you_mean", name=key)
    return requirement_hint(key, lp.requirements)


def malformed_key_hints(lp: LoadedProject, issues: list[Issue], data: Any) -> list[Issue]:
    """``issues`` of a response file (its schema's), a malformed requirement key among them
    (``OPS-SRV-0002``) given the import's "did you mean OPS-SRV-002?"."""
    answers = data.get("responses") if isinstance(data, dict) else None
    if not isinstance(answers, dict):
        return issues
    out = []
    for issue in issues:
        key = issue.where.removeprefix("responses.")
        if (issue.code == "string_pattern_mismatch" and not issue.hint
                and issue.where.startswith("responses.") and key in answers):
            issue = replace(issue, hint=requirement_id_hint(lp, key))
        out.append(issue)
    return out


def undated_roadmap(rid: str, answer: Response) -> ResponseProblem | None:
    """A roadmap answer without the promised date (it becomes a contract commitment)."""
    if answer.compliance != "roadmap" or answer.roadmap_date is not None:
        return None
    return ResponseProblem(("responses", rid), t("import_roadmap_date_key", id=rid))


#: Fields an answer gives in vain unless its compliance is the level named: (field, what the
#: message calls it, the level).
_COUNTED_ONLY_FOR = (
    ("third_party_product", "import_what_third_party", "third_party"),
    ("custom_effort_days", "import_what_effort", "custom"),
    ("roadmap_date", "import_what_roadmap", "roadmap"),
)


def answer_warnings(rid: str, level: str, *, product: str = "", cost: float | None = None,
                    effort: float | None = None, date: dt.date | None = None,
                    label: Callable[[str], str] = str) -> list[ResponseProblem]:
    """What an answer of compliance ``level`` leaves open (a third-party answer without its
    product, a custom one without its effort) or gives in vain (an effort beside a native
    answer: kept, not counted), in field order. ``effort`` is None when none is given (0 is
    given); ``label`` writes a level as the vendor wrote it (the workbook's label, or the
    YAML code).

    Why here: the workbook import warned and a YAML response of the same answers did not."""
    found = []
    if level == "third_party" and not product:
        found.append(ResponseProblem(("responses", rid, "third_party_product"),
                                     t("import_no_product", id=rid)))
    if level == "custom" and effort is None:
        found.append(ResponseProblem(("responses", rid, "custom_effort_days"),
                                     t("import_no_effort", id=rid)))
    given = {"third_party_product": product or cost, "custom_effort_days": effort,
             "roadmap_date": date}
    for key, what, meant in _COUNTED_ONLY_FOR:
        if given[key] and level != meant:
            found.append(ResponseProblem(("responses", rid, key), t(
                "import_not_counted", id=rid, level=label(level), what=t(what),
                meant=label(meant))))
    return found


def missing_rate(project: Project, currency: str) -> ResponseProblem | None:
    """A bid in a currency the project has no exchange rate for: it cannot be compared."""
    if currency == project.currency or currency in project.exchange_rates:
        return None
    return ResponseProblem(("pricing", "currency"), t("import_no_rate", currency=currency),
                           t("import_add_rate", currency=currency))


def unasked_optional_price(project: Project, key: str) -> ResponseProblem | None:
    """An optional price the RFP does not ask for (``rfp.optional_prices``)."""
    asked = project.rfp.optional_prices
    if key in asked:
        return None
    return ResponseProblem(("optional_prices", key), t("import_not_optional", key=key),
                           did_you_mean(key, asked), key=True)


def response_problems(lp: LoadedProject, response: VendorResponseFile, *,
                      check_vendor: bool = True) -> list[ResponseProblem]:
    """Every problem of ``response`` against the project, in file order."""
    found = [unlisted_vendor(lp.project, response.vendor) if check_vendor else None]
    for rid, answer in response.responses.items():
        found.append(unknown_requirement(lp, rid) or undated_roadmap(rid, answer))
    if response.pricing is not None and not lp.incomplete & {"currency", "exchange_rates"}:
        # (a project currency or rates that failed are reported in project.yaml, not here)
        found.append(missing_rate(lp.project, response.pricing.currency))
    if "rfp" not in lp.incomplete:
        found.extend(unasked_optional_price(lp.project, key) for key in response.optional_prices)
    return [p for p in found if p is not None]
