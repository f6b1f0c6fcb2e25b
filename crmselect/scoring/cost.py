"""Total cost of ownership, the cost score, and the risks read from vendors' answers.

TCO over the project's horizon, in the project currency:

* licences — subscription: users of each role × the vendor's price per user per month for the
  role's licence type × 12, growing by ``yearly_increase_pct`` each year (compounding);
  perpetual: users × price per user in year 1, plus yearly maintenance (``maintenance_pct`` of
  the licence cost, growing the same way);
* one-off costs in year 1 — implementation, data migration, integration, training, consulting,
  and custom development (``custom`` answers: effort days × day rate);
* yearly costs — support, hosting, and third-party products (``third_party`` answers).

Only requirements that carry weight (not *wont*) add third-party or custom costs.
"""

from __future__ import annotations

import math

from crmselect.errors import CrmselectError, Issue
from crmselect.messages import amount as amount_text
from crmselect.messages import t
from crmselect.model import Pricing, Tco
from crmselect.project import PROJECT_FILE, LoadedProject, Vendor
from crmselect.scoring.results import Risk, ScoringWarning, TcoResult, TcoYear

ONE_OFF = ("implementation", "data_migration", "integration", "training", "consulting")
COMPONENTS = ("licences", "maintenance", *ONE_OFF, "custom_development", "support", "hosting",
              "third_party")


def _rate(lp: LoadedProject, currency: str, vendor: str) -> float:
    """Project-currency units per unit of ``currency``."""
    project = lp.project
    if currency == project.currency:
        return 1.0
    rate = project.exchange_rates.get(currency)
    if rate is None:
        raise CrmselectError(Issue(
            file=str(lp.root / PROJECT_FILE), where="exchange_rates",
            message=t("project_no_rate", vendor=vendor, currency=currency),
            hint=t("project_add_rate", currency=currency)),
            what="nothing_scored")
    return rate


def third_party_rate(lp: LoadedProject, vendor: Vendor, rid: str) -> float:
    """Project-currency units per unit of a response's third-party cost."""
    currency = vendor.cost_currency.get(rid) or lp.project.currency
    return _rate(lp, currency, vendor.id)


def _licence_price(table: dict[str, float], licence: str, vendor: str,
                   warnings: list[ScoringWarning]) -> float:
    if licence in table:
        return table[licence]
    if not table:
        return 0.0
    used = "standard" if "standard" in table else max(table, key=table.__getitem__)
    warnings.append(ScoringWarning("licence_fallback", {
        "vendor": vendor, "licence": licence, "used": used}))
    return table[used]


def _check_prices(pricing: Pricing, vendor: Vendor) -> None:
    """Refuse negative or infinite amounts (the model refuses them in files; this guards
    prices that reach the engine another way)."""
    for name, value in pricing.model_dump().items():
        amounts = value.items() if isinstance(value, dict) else [("", value)]
        for key, amount in amounts:
            if isinstance(amount, bool) or not isinstance(amount, float | int):
                continue
            if amount < 0 or not math.isfinite(amount):
                where = f"pricing.{name}" + (f".{key}" if key else "")
                raise CrmselectError(Issue(
                    file=str(vendor.response_file or vendor.id), where=where,
                    message=t("core_not_negative", value=f"{amount:g}")),
                    what="nothing_scored")


def vendor_tco(lp: LoadedProject, vendor: Vendor, weighted: set[str],
               warnings: list[ScoringWarning]) -> TcoResult:
    """The TCO of one vendor (``priced=False`` and no total when it gave no price)."""
    project = lp.project
    horizon = project.tco.horizon_years
    pricing = vendor.pricing
    if pricing is None:
        warnings.append(ScoringWarning("no_price", {"vendor": vendor.id}))
        return TcoResult(vendor.id, False, project.currency, None, None, horizon, None, None,
                         {}, [], 0.0)
    _check_prices(pricing, vendor)
    rate = _rate(lp, pricing.currency, vendor.id)
    growth = 1 + pricing.yearly_increase_pct / 100
    subscription = pricing.licence_model in ("subscription", "open_source")
    table = pricing.per_user_month if subscription else pricing.perpetual_per_user
    if not table and project.users and pricing.licence_model != "open_source":
        warnings.append(ScoringWarning("licence_price_missing", {"vendor": vendor.id}))
    prices = {lic: _licence_price(table, lic, vendor.id, warnings)
              for lic in dict.fromkeys(g.licence for g in project.users)}
    licences = sum(g.count * prices[g.licence] for g in project.users)
    third_party = custom = 0.0
    for rid, resp in vendor.responses.items():
        if rid not in weighted:
            continue
        if resp.compliance == "third_party":  # kept in the project currency
            third_party += resp.third_party_cost_per_year * third_party_rate(lp, vendor, rid)
        elif resp.compliance == "custom":
            custom += resp.custom_effort_days * pricing.day_rate
            if resp.custom_effort_days and not pricing.day_rate:
                warnings.append(ScoringWarning("custom_no_day_rate", {
                    "vendor": vendor.id, "requirement": rid}))
    years = []
    for year in range(1, horizon + 1):
        g = growth ** (year - 1)
        parts = dict.fromkeys(COMPONENTS, 0.0)
        if subscription:
            parts["licences"] = licences * 12 * g
        else:
            parts["licences"] = licences if year == 1 else 0.0
            parts["maintenance"] = licences * pricing.maintenance_pct / 100 * g
        if year == 1:
            for name in ONE_OFF:
                parts[name] = getattr(pricing, name)
            parts["custom_development"] = custom
        parts["support"] = pricing.support_per_year
        parts["hosting"] = pricing.hosting_per_year
        parts = {k: v * rate for k, v in parts.items()}
        parts["third_party"] = third_party
        years.append(TcoYear(year, parts, sum(parts.values())))
    components = {k: sum(y.components[k] for y in years) for k in COMPONENTS}
    if not any(components.values()):
        warnings.append(ScoringWarning("zero_tco", {"vendor": vendor.id}))
    return TcoResult(vendor.id, True, project.currency, pricing.currency, rate, horizon,
                     pricing.licence_model, sum(y.total for y in years), components, years, 0.0)


def cost_scores(lp: LoadedProject, totals: dict[str, float | None],
                warnings: list[ScoringWarning]) -> dict[str, float]:
    """Cost score 0–5 per vendor; 0 for a vendor without a price.

    Absolute (default): 5 at or below the target budget, 0 at or above the ceiling, linear
    between, so one bid never moves another's score. Relative (5 × lowest / own) on request
    or when there is no budget, always with a warning: adding or removing a bid changes
    everybody's score and can reverse a ranking.
    """
    tco: Tco = lp.project.tco
    priced = {v: x for v, x in totals.items() if x is not None}
    formula = tco.price_formula
    if formula == "absolute" and tco.target_budget is None:
        warnings.append(ScoringWarning("no_budget", {}))
        formula = "relative"
    scores = dict.fromkeys(totals, 0.0)
    if formula == "relative":
        if tco.price_formula == "relative":  # without a budget, "no_budget" said it already
            warnings.append(ScoringWarning("relative_price_formula", {}))
        if priced:
            low = min(priced.values())
            for v, x in priced.items():
                scores[v] = 5.0 if x <= 0 else 5.0 * low / x
        return scores
    budget = float(tco.target_budget)  # type: ignore[arg-type]
    ceiling = tco.ceiling
    if ceiling is None:
        ceiling = 2 * budget
        warnings.append(ScoringWarning("no_ceiling", {"ceiling": ceiling,
                                                      "currency": lp.project.currency}))
    if ceiling <= budget:
        raise CrmselectError(Issue(
            file=str(lp.root / PROJECT_FILE), where="tco.ceiling",
            message=t("core_ceiling_below_budget", ceiling=amount_text(ceiling),
                      budget=amount_text(budget))),
            what="nothing_scored")
    for v, x in priced.items():
        scores[v] = 5.0 * min(max((ceiling - x) / (ceiling - budget), 0.0), 1.0)
    return scores


def risks(lp: LoadedProject, weighted: set[str]) -> list[Risk]:
    """Upgrade risks (custom), third-party products and roadmap commitments, per vendor."""
    horizon = lp.project.tco.horizon_years
    out: list[Risk] = []
    for vendor in lp.vendors.values():
        pricing = vendor.pricing
        rate = _rate(lp, pricing.currency, vendor.id) if pricing else 0.0
        day_rate = pricing.day_rate if pricing else 0.0
        for rid in lp.requirements:
            resp = vendor.responses.get(rid)
            if resp is None or rid not in weighted:
                continue
            if resp.compliance == "custom":
                out.append(Risk(vendor.id, rid, "upgrade", "custom",
                                effort_days=resp.custom_effort_days,
                                cost=resp.custom_effort_days * day_rate * rate,
                                comment=resp.comment))
            elif resp.compliance == "third_party":
                tp_rate = third_party_rate(lp, vendor, rid)
                out.append(Risk(vendor.id, rid, "third_party", "third_party",
                                cost=resp.third_party_cost_per_year * tp_rate * horizon,
                                cost_per_year=resp.third_party_cost_per_year * tp_rate,
                                product=resp.third_party_product, comment=resp.comment))
            elif resp.compliance == "roadmap":
                out.append(Risk(vendor.id, rid, "commitment", "roadmap",
                                promised_date=resp.roadmap_date, comment=resp.comment))
    return out
