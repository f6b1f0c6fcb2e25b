"""Total cost of ownership, the cost score, and the risks read from vendors' answers.

TCO over the project's horizon, in the project currency:

* licences — subscription: users of each role × the vendor's price per user per month for the
  role's licence type × 12, growing by ``yearly_increase_pct`` each year (compounding);
  perpetual: users × price per user in year 1, plus yearly maintenance (``maintenance_pct`` of
  the licence cost, growing the same way);
* one-off costs in year 1 — implementation, data migration, integration, training, consulting,
  and custom development (``custom`` answers: effort days × day rate);
* yearly costs — support, hosting, and third-party products (``third_party`` answers).

Each year's foreign-currency costs are converted at that year's rate (``exchange_rates`` gives
one rate, or one per horizon year). With ``tco.discount_rate_pct`` every year's costs are then
discounted to present value: year n is divided by (1 + rate)^(n − 1).

Only requirements that carry weight (not *wont*) add third-party or custom costs.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from crmselect.errors import Amount as amount_text
from crmselect.errors import CrmselectError, Issue
from crmselect.errors import msg as t
from crmselect.model import Pricing, Tco
from crmselect.project import PROJECT_FILE, LoadedProject, Vendor
from crmselect.scoring.results import Risk, ScoringWarning, TcoResult, TcoYear

ONE_OFF = ("implementation", "data_migration", "integration", "training", "consulting")
COMPONENTS = ("licences", "maintenance", *ONE_OFF, "custom_development", "support", "hosting",
              "third_party")


def yearly_rates(lp: LoadedProject, currency: str, vendor: str) -> list[float]:
    """Project-currency units per unit of ``currency``, one rate per horizon year."""
    project = lp.project
    horizon = project.tco.horizon_years
    if currency == project.currency:
        return [1.0] * horizon
    rate = project.exchange_rates.get(currency)
    if rate is None:
        raise CrmselectError(Issue(
            file=str(lp.root / PROJECT_FILE), where="exchange_rates",
            message=t("project_no_rate", vendor=vendor, currency=currency),
            hint=t("project_add_rate", currency=currency)),
            what="nothing_scored")
    if isinstance(rate, list):
        if len(rate) != horizon:  # the loader reports it; this guards projects built in code
            raise CrmselectError(Issue(
                file=str(lp.root / PROJECT_FILE), where=f"exchange_rates.{currency}",
                message=t("project_rates_per_year", currency=currency, n=len(rate),
                          horizon=horizon)), what="nothing_scored")
        return [float(r) for r in rate]
    return [float(rate)] * horizon


def _rate(lp: LoadedProject, currency: str, vendor: str) -> float:
    """Project-currency units per unit of ``currency`` in year 1."""
    return yearly_rates(lp, currency, vendor)[0]


def third_party_rates(lp: LoadedProject, vendor: Vendor, rid: str) -> list[float]:
    """Project-currency units per unit of a response's third-party cost, per horizon year."""
    currency = vendor.cost_currency.get(rid) or lp.project.currency
    return yearly_rates(lp, currency, vendor.id)


def discount_factors(lp: LoadedProject) -> list[float]:
    """Per horizon year, the factor to present value (all 1 without a discount rate)."""
    tco = lp.project.tco
    rate = (tco.discount_rate_pct or 0.0) / 100
    return [1 / (1 + rate) ** (year - 1) for year in range(1, tco.horizon_years + 1)]


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
    prices that reach the engine another way). The fields are read as they are, not through
    ``model_dump()``, which would build the model's own serializer (2 ms) for this one look."""
    for name in type(pricing).model_fields:
        value = getattr(pricing, name)
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
    """The TCO of one vendor (``priced=False`` and no total when it gave no price).

    ``by_currency`` keeps, per currency the bid is in, each year's amount in that currency
    (discounted, before conversion), so that exchange-rate sensitivity can re-convert it.
    """
    project = lp.project
    horizon = project.tco.horizon_years
    pricing = vendor.pricing
    factors = discount_factors(lp)
    if pricing is None:
        warnings.append(ScoringWarning("no_price", {"vendor": vendor.id}))
        return TcoResult(vendor.id, False, project.currency, None, None, horizon, None, None,
                         {}, [], 0.0, discount_rate_pct=project.tco.discount_rate_pct)
    _check_prices(pricing, vendor)
    rates = yearly_rates(lp, pricing.currency, vendor.id)
    growth = 1 + pricing.yearly_increase_pct / 100
    subscription = pricing.licence_model in ("subscription", "open_source")
    table = pricing.per_user_month if subscription else pricing.perpetual_per_user
    if not table and project.users and pricing.licence_model != "open_source":
        warnings.append(ScoringWarning("licence_price_missing", {"vendor": vendor.id}))
    prices = {lic: _licence_price(table, lic, vendor.id, warnings)
              for lic in dict.fromkeys(g.licence for g in project.users)}
    licences = sum(g.count * prices[g.licence] for g in project.users)
    # third-party products: yearly amounts per currency (each kept in its own currency)
    third_party: dict[str, float] = {}
    custom = 0.0
    for rid, resp in vendor.responses.items():
        if rid not in weighted:
            continue
        if resp.compliance == "third_party":
            currency = vendor.cost_currency.get(rid) or project.currency
            yearly_rates(lp, currency, vendor.id)  # a missing rate is an error here
            third_party[currency] = third_party.get(currency, 0.0) + \
                resp.third_party_cost_per_year
        elif resp.compliance == "custom":
            custom += resp.custom_effort_days * pricing.day_rate
            if resp.custom_effort_days and not pricing.day_rate:
                warnings.append(ScoringWarning("custom_no_day_rate", {
                    "vendor": vendor.id, "requirement": rid}))
    by_currency: dict[str, list[float]] = {}

    def add(currency: str, year: int, value: float) -> None:
        by_currency.setdefault(currency, [0.0] * horizon)[year - 1] += value

    years = []
    for year in range(1, horizon + 1):
        g = growth ** (year - 1)
        f = factors[year - 1]
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
        add(pricing.currency, year, sum(parts.values()) * f)
        parts = {k: v * rates[year - 1] * f for k, v in parts.items()}
        for currency, amount in third_party.items():
            add(currency, year, amount * f)
            parts["third_party"] += amount * yearly_rates(lp, currency, vendor.id)[year - 1] * f
        years.append(TcoYear(year, parts, sum(parts.values()), rates[year - 1], f))
    components = {k: sum(y.components[k] for y in years) for k in COMPONENTS}
    if not any(components.values()):
        warnings.append(ScoringWarning("zero_tco", {"vendor": vendor.id}))
    return TcoResult(vendor.id, True, project.currency, pricing.currency, rates[0], horizon,
                     pricing.licence_model, sum(y.total for y in years), components, years, 0.0,
                     rates=rates, discount_rate_pct=project.tco.discount_rate_pct,
                     by_currency=by_currency)


def shifted_convert(lp: LoadedProject, by_currency: dict[str, list[float]]
                    ) -> Callable[[str, float], float]:
    """A TCO in the project currency from yearly amounts per currency, each year at its rate,
    with one currency's rate changing by an extra g a year (rate × (1+g)^(n−1)), as a function
    of that currency and g. Each year's amount at its rate is worked out once: the
    exchange-rate sensitivity asks hundreds of times. A currency not shifted adds its plain
    sum (``x × 1.0 ** k`` is ``x``), so the total is the bit-exact one of the direct sum."""
    at_rates = [(currency, [a * r for a, r in zip(amounts, yearly_rates(lp, currency, ""),
                                                  strict=True)])
                for currency, amounts in by_currency.items()]
    sums = [sum(values) for _, values in at_rates]

    def total_at(shifted: str, g: float) -> float:
        total = 0.0
        for (currency, values), plain in zip(at_rates, sums, strict=True):
            total += (sum(x * (1 + g) ** k for k, x in enumerate(values))
                      if currency == shifted else plain)
        return total

    return total_at


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
    _all_over_ceiling(lp, priced, warnings)
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
    ceiling = tco.effective_ceiling
    assert ceiling is not None  # a budget is set
    if tco.ceiling is None:
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


def cost_score_array(lp: LoadedProject, totals: np.ndarray, priced: np.ndarray) -> np.ndarray:
    """The scores of :func:`cost_scores` for an array of TCOs whose last axis is the vendors
    (``priced`` marks those with a price; the others score 0), without its warnings.

    Why: the exchange-rate sensitivity scores hundreds of shifted TCOs. Each score is the
    same sequence of additions, divisions, products, minima and maxima as in
    :func:`cost_scores`, so the numbers are the same to the last bit. A project whose
    ceiling is not above its budget has been refused by :func:`cost_scores` before.
    """
    tco: Tco = lp.project.tco
    x = np.where(priced, totals, 1.0)  # unpriced: any positive placeholder, scored 0 below
    with np.errstate(divide="ignore", invalid="ignore"):
        if tco.price_formula == "absolute" and tco.target_budget is not None:
            ceiling = tco.effective_ceiling
            budget = float(tco.target_budget)
            scores = 5.0 * np.minimum(np.maximum((ceiling - x) / (ceiling - budget), 0.0), 1.0)
        else:
            low = np.min(np.where(priced, x, np.inf), axis=-1, keepdims=True)
            scores = np.where(x <= 0, 5.0, 5.0 * low / x)
    return np.where(priced, scores, 0.0)


def _all_over_ceiling(lp: LoadedProject, priced: dict[str, float],
                      warnings: list[ScoringWarning]) -> None:
    """One warning naming every vendor and its overshoot when every bid is over the ceiling.

    Why: when no bid fits the budget, the cost criterion scores every vendor 0 and the
    ranking is decided on everything else; the board must hear that first, not read it in
    a footnote about the winner.
    """
    ceiling = lp.project.tco.effective_ceiling
    if ceiling is None or not priced or any(x <= ceiling for x in priced.values()):
        return
    warnings.append(ScoringWarning("all_over_ceiling", {
        "ceiling": ceiling, "currency": lp.project.currency,
        "overshoots": [{"vendor": v, "tco": x, "over": x - ceiling}
                       for v, x in sorted(priced.items(), key=lambda item: item[1])]}))


def cost_decides_nothing(scores: dict[str, float]) -> ScoringWarning | None:
    """A warning when every vendor has the same cost score (so cost cannot change the order)."""
    values = list(scores.values())
    if len(values) < 2 or max(values) - min(values) > 1e-9:
        return None
    return ScoringWarning("cost_decides_nothing", {"score": round(values[0], 2)})


#: An evaluators' score at or below this, on a requirement declared native or configurable,
#: means the bid likely lacks the custom work (and its cost) the requirement needs.
UNDERSTATED_SCORE = 2.0


def understated_effort(lp: LoadedProject, judged: np.ndarray, scored: np.ndarray,
                       weighted: set[str]) -> list[Risk]:
    """Requirements a vendor declared ``native`` or ``configurable`` that the evaluators
    scored at most 2 (``judged``, vendors × requirements, where ``scored`` is true).

    Why: the bid prices no custom work for a requirement it calls standard; if people who saw
    it judge it weak, the work and its cost are probably missing from the TCO.
    """
    out: list[Risk] = []
    ids = list(lp.requirements)
    for v, vendor in enumerate(lp.vendors.values()):
        for r, rid in enumerate(ids):
            resp = vendor.responses.get(rid)
            if resp is None or rid not in weighted or not scored[v, r]:
                continue
            if resp.compliance in ("native", "configurable") and \
                    judged[v, r] <= UNDERSTATED_SCORE + 1e-9:
                out.append(Risk(vendor.id, rid, "understated", resp.compliance,
                                score=float(judged[v, r]), comment=resp.comment))
    return out


def risks(lp: LoadedProject, weighted: set[str]) -> list[Risk]:
    """Upgrade risks (custom), third-party products and roadmap commitments, per vendor."""
    factors = discount_factors(lp)
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
                tp_rates = third_party_rates(lp, vendor, rid)
                out.append(Risk(vendor.id, rid, "third_party", "third_party",
                                cost=resp.third_party_cost_per_year * sum(
                                    r * f for r, f in zip(tp_rates, factors, strict=True)),
                                cost_per_year=resp.third_party_cost_per_year * tp_rates[0],
                                product=resp.third_party_product, comment=resp.comment))
            elif resp.compliance == "roadmap":
                out.append(Risk(vendor.id, rid, "commitment", "roadmap",
                                promised_date=resp.roadmap_date, comment=resp.comment))
    return out
