"""The cost criterion's currency conversion (crmselect/scoring/cost.py): the exchange-rate
sensitivity's shifted conversion gives, to the bit, what converting every year at its rate gives,
reading each rate once. No test measures time.
"""

from __future__ import annotations

import random
from pathlib import Path
from types import SimpleNamespace

import pytest

from crmselect.errors import CrmselectError
from crmselect.scoring import cost
from crmselect.scoring.cost import shifted_convert, yearly_rates


def convert(lp, by_currency: dict[str, list[float]],  # noqa: ANN001
            shift: dict[str, float] | None = None) -> float:
    """The reference: each currency's yearly amounts at their rates, the shifted one's rate
    changing by an extra g a year (what the engine computed before shifted_convert)."""
    total = 0.0
    for currency, amounts in by_currency.items():
        rates = yearly_rates(lp, currency, "")
        g = (shift or {}).get(currency, 0.0)
        total += sum(a * r * (1 + g) ** k for k, (a, r) in enumerate(zip(amounts, rates,
                                                                          strict=True)))
    return total


def _project(rates: dict[str, float | list[float]], horizon: int = 5) -> SimpleNamespace:
    project = SimpleNamespace(currency="TRY", exchange_rates=rates,
                              tco=SimpleNamespace(horizon_years=horizon))
    return SimpleNamespace(project=project, root=Path("acme"))


@pytest.mark.parametrize("seed", range(20))
def test_the_shifted_conversion_is_convert_to_the_bit(seed):
    rng = random.Random(seed)
    horizon = rng.randint(1, 7)
    rates: dict[str, float | list[float]] = {
        "EUR": rng.uniform(20, 50), "USD": [rng.uniform(20, 50) for _ in range(horizon)],
        "GBP": rng.uniform(30, 60)}
    lp = _project(rates, horizon)
    by_currency = {c: [rng.uniform(0, 1e6) for _ in range(horizon)]
                   for c in rng.sample(["TRY", "EUR", "USD", "GBP"], rng.randint(1, 4))}
    at = shifted_convert(lp, by_currency)
    for currency in [*by_currency, "JPY"]:
        for g in (0.0, 0.5, -0.5, rng.uniform(-0.5, 0.5), 1e-9):
            assert at(currency, g) == convert(lp, by_currency, {currency: g})


def test_the_shifted_conversion_reads_each_rate_once(monkeypatch):
    calls = []
    real = cost.yearly_rates

    def counting(lp, currency, vendor):
        calls.append(currency)
        return real(lp, currency, vendor)

    monkeypatch.setattr(cost, "yearly_rates", counting)
    at = shifted_convert(_project({"EUR": 30.0, "USD": 35.0}), {"EUR": [1.0] * 5,
                                                                "USD": [2.0] * 5})
    for step in range(100):
        at("EUR", step / 200)
    assert sorted(calls) == ["EUR", "USD"]


def test_a_missing_rate_is_still_an_error():
    lp = _project({}, 5)
    with pytest.raises(CrmselectError):
        shifted_convert(lp, {"EUR": [1.0] * 5})
