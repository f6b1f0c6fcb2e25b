"""The vendors' questionnaire answers and optional unit prices, side by side, for the
comparison report (issue 13, points 5 and 6).

Neither is scored: the answers inform the decision and the reference calls, the unit prices
become contract prices. A price quoted in another currency is also given in the project
currency, at the evaluation's first-year exchange rate, where the project has one.
"""

from __future__ import annotations

from typing import Any

from crmselect.model import Project, localize
from crmselect.project import LoadedProject


def first_year_rate(project: Project, currency: str) -> float | None:
    """Project-currency units per unit of ``currency`` in year 1 (None without a rate)."""
    if currency == project.currency:
        return 1.0
    rate = project.exchange_rates.get(currency)
    if rate is None:
        return None
    return float(rate[0] if isinstance(rate, list) else rate)


def vendor_answers(lp: LoadedProject, order: list[str], lang: str) -> dict[str, Any]:
    """The vendors (in ``order``), their questionnaire answers by question id (one entry per
    vendor, None where it gave none) and one row per optional price the RFP asks for.

    The question texts and their order are the RFP's (document strings): the renderer puts
    them beside the answers."""
    vendors = [lp.vendors[vid] for vid in order if vid in lp.vendors]
    answered = sorted({qid for v in vendors for qid in v.questionnaire})
    questionnaire = {qid: [v.questionnaire.get(qid) for v in vendors] for qid in answered}
    rows = []
    for key in lp.project.rfp.optional_prices:
        cells: list[dict[str, Any] | None] = []
        for vendor in vendors:
            price = vendor.optional_prices.get(key)
            if price is None:
                cells.append(None)
                continue
            rate = first_year_rate(lp.project, price.currency)
            cells.append({"price": price.price, "currency": price.currency,
                          "converted": None if rate is None else price.price * rate,
                          "note": localize(price.note, lang)})
        rows.append({"key": key, "cells": cells})
    priced = any(cell is not None for row in rows for cell in row["cells"])
    return {"vendors": [{"id": v.id, "name": v.name} for v in vendors],
            "questionnaire": questionnaire, "optional_prices": rows if priced else [],
            "currency": lp.project.currency}
