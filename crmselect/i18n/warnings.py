"""Scoring warnings (:class:`crmselect.scoring.results.ScoringWarning`) as text: the edge half.

The core keeps a warning as a code with raw parameters (ids, floats); here ids become names and
numbers, amounts and shares take the reader's format.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from crmselect.i18n.formatting import (
    amount,
    currency_label,
    decimal,
    format_fixed,
    format_number,
)

#: Warning parameters that are amounts of money, written with the language's digit grouping.
AMOUNT_PARAMS = ("ceiling", "budget", "tco")
#: Warning parameters that are vendor ids, written as the vendor's name.
VENDOR_PARAMS = ("vendor", "winner", "runner_up", "wsm", "topsis")
#: Warning parameters that are numbers (2.5 / 2,5) and shares (62% / %62).
NUMBER_PARAMS = ("lead", "weeks", "threshold", "score", "total", "value", "suggested", "swing")
#: Of those, points between two totals, written with the totals' one decimal.
POINTS_PARAMS = ("lead", "swing")
SHARE_PARAMS = ("p_first", "share", "area_share", "area_total")
#: Vendor-list parameters (lists of vendor ids), written as names joined by commas.
VENDOR_LIST_PARAMS = ("vendors",)


def decorate(params: dict[str, Any], lang: str,
             translate: Callable[..., str]) -> dict[str, Any]:
    """A scoring warning's parameters as its text shows them in ``lang``; ``translate`` is
    :func:`crmselect.i18n.translate` (passed in: that module calls this one)."""
    params = dict(params)
    names, people = params.pop("_names", {}) or {}, params.pop("_people", {}) or {}
    for key in VENDOR_PARAMS:
        if key in params:
            params[key] = names.get(params[key], params[key])
    if "criterion" in params:  # a criterion id is shown by its name in the language
        params["criterion"] = translate(f"criterion_{params['criterion']}", lang)
    if isinstance(params.get("criteria"), list):
        params["criteria"] = ", ".join(translate(f"criterion_{c}", lang)
                                       for c in params["criteria"])
    if isinstance(params.get("targets"), str):  # a criterion among the items: its name
        params["targets"] = ", ".join(_target_name(t, lang, translate)
                                      for t in params["targets"].split(", "))
    if isinstance(params.get("currency"), str):  # TRY is "TL" in a Turkish sentence
        params["currency"] = currency_label(params["currency"], lang)
    if "evaluator" in params:
        params["evaluator"] = people.get(params["evaluator"], params["evaluator"])
    if isinstance(params.get("area_names"), list):  # the catalog's bilingual area names
        params["area_names"] = ", ".join(a.get(lang) if callable(getattr(a, "get", None))
                                         else str(a) for a in params["area_names"])
    for key in AMOUNT_PARAMS:  # amounts in the language's grouping: 12.000.000 in Turkish
        if isinstance(params.get(key), (int, float)):
            params[key] = amount(params[key], lang)
    if isinstance(params.get("lead"), (int, float)) and 0 <= params["lead"] < 0.05:
        # a lead the one-decimal totals cannot show is not "0 points" (a tie has no lead)
        params["lead"] = translate("scoring_lead_under_tenth", lang)
    for key in POINTS_PARAMS:  # as the totals show points: "by 1.0 points", not "by 1 points"
        if isinstance(params.get(key), (int, float)):
            params[key] = format_number(params[key], lang, 1)
    for key in NUMBER_PARAMS:
        if isinstance(params.get(key), (int, float)):
            params[key] = decimal(params[key], lang)
    if isinstance(params.get("overshoots"), list):  # "Odoo 17,000,000 (+1,000,000), …"
        params["overshoots"] = ", ".join(
            f"{names.get(o['vendor'], o['vendor'])} {amount(o['tco'], lang)} "
            f"(+{amount(o['over'], lang)})" for o in params["overshoots"])
    for key in VENDOR_LIST_PARAMS:
        if isinstance(params.get(key), list):
            params[key] = ", ".join(names.get(v, v) for v in params[key])
    if isinstance(params.get("cr"), (int, float)):
        params["cr"], params["limit"] = _ratio_pair(params["cr"], params.get("limit"), lang)
    for key in SHARE_PARAMS:
        if key in params:
            share = params[key]
            percent = "–" if share is None else f"{share * 100:.0f}"
            params[key] = percent if share is None else (
                f"%{percent}" if lang == "tr" else f"{percent}%")
    return params


def _ratio_pair(value: float, limit: Any, lang: str) -> tuple[str, Any]:
    """A ratio and its limit, the ratio with enough digits to tell it from the limit.

    Why: "CR 0.1 > 0.1" reads as a contradiction; at least 4 decimals ("0.1005 > 0.10"),
    more while the two would print the same.
    """
    digits = 4
    text = f"{value:.{digits}f}"
    if isinstance(limit, (int, float)):
        while digits < 9 and float(text) == round(limit, digits) and value != limit:
            digits += 1
            text = f"{value:.{digits}f}"
        limit = format_fixed(limit, lang, 2)
    return format_fixed(value, lang, digits), limit


def _target_name(target: str, lang: str, translate: Callable[..., str]) -> str:
    """An item of a warning's list as the reader names it: a criterion scored as a whole
    (``references``) by its name in the language, a requirement or step by its id."""
    from crmselect.i18n.source import SOURCE

    return translate(f"criterion_{target}", lang) if f"criterion_{target}" in SOURCE \
        else target
