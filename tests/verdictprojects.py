"""Small crafted projects for the verdict tests (tests/test_verdict_*.py): a few catalog
requirements, vendors with a response file each (or none), evaluator scores when given.

Why crafted and not the sample: each test states the one awkward fact it is about (a tie, a
vendor nobody scored, a bid in another currency), and its figures can be checked by hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

#: Two musts and a should, one per requirement criterion.
REQUIREMENTS = ["OPS-SFA-001", "INT-FIN-001", {"id": "NFR-SEC-001", "priority": "should"}]
IDS = ["OPS-SFA-001", "INT-FIN-001", "NFR-SEC-001"]
#: 10 users × 1,000 TRY a month × 36 months + 100,000 = 460,000 TRY: under the target budget.
PRICING = {"currency": "TRY", "per_user_month": {"standard": 1000}, "implementation": 100000}
EVALUATORS = [{"id": "ali", "name": "Ali Veli", "role": "facilitator", "department": "it"},
              {"id": "oya", "name": "Oya Tan", "department": "sales"}]


def answers(compliance: str, ids: list[str] | None = None, **extra: Any) -> dict[str, Any]:
    """The same answer to every requirement (or to ``ids``)."""
    return {rid: {"compliance": compliance, **extra} for rid in (ids or IDS)}


def score(evaluator: str, vendor: str, target: str, value: int) -> dict[str, Any]:
    return {"evaluator": evaluator, "vendor": vendor, "target": target, "score": value,
            "note": "crafted"}


def crafted_project(root: Path, responses: dict[str, dict[str, Any] | None], *,
                    pricing: dict[str, dict[str, Any] | None] | None = None,
                    scores: list[dict[str, Any]] | None = None,
                    names: dict[str, str] | None = None,
                    requirements: list[Any] | None = None,
                    samples: int = 0, **project: Any) -> Path:
    """A project folder whose vendors answer ``responses`` (vendor → requirement → answer;
    None: no response file). ``pricing`` gives a vendor's pricing (default :data:`PRICING`,
    None: no price); ``names`` adds vendor profiles of the project's own (id → name);
    ``project`` overrides top-level keys of ``project.yaml``."""
    root.mkdir(parents=True)
    (root / "responses").mkdir()
    data: dict[str, Any] = {
        "name": "Crafted", "organisation": {"name": "Deneme A.Ş."}, "language": "en",
        "currency": "TRY", "users": [{"role": "sales", "count": 10, "licence": "standard"}],
        "tco": {"horizon_years": 3, "target_budget": 500000, "ceiling": 900000},
        "requirements": requirements or REQUIREMENTS, "vendors": list(responses),
        "scoring": {"monte_carlo_samples": samples}, "evaluators": EVALUATORS,
        **project,
    }
    (root / "project.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                       encoding="utf-8")
    for vid, name in (names or {}).items():
        (root / "vendors").mkdir(exist_ok=True)
        (root / "vendors" / f"{vid}.yaml").write_text(yaml.safe_dump({
            "id": vid, "name": name, "product": f"{name} CRM", "deployment": ["cloud"],
            "licence": {"model": "subscription"}, "source": "crafted", "as_of": "2026-12-01",
        }, allow_unicode=True), encoding="utf-8")
    for vid, body in responses.items():
        if body is None:
            continue
        price = (pricing or {}).get(vid, PRICING)
        response: dict[str, Any] = {"vendor": vid, "responses": body}
        if price is not None:
            response["pricing"] = price
        (root / "responses" / f"{vid}.yaml").write_text(
            yaml.safe_dump(response, allow_unicode=True), encoding="utf-8")
    if scores:
        (root / "scores.yaml").write_text(yaml.safe_dump({"scores": scores}), encoding="utf-8")
    return root


#: The two requirements of :func:`two_criteria_scores`, one functional, one integration.
TWO_CRITERIA_IDS = ["OPS-SFA-001", "INT-FIN-001"]


def two_criteria_scores() -> list[dict]:
    """Two evaluators: Odoo 5 on OPS-SFA-001 and 2 on INT-FIN-001; SuiteCRM 4 and 3 on
    OPS-SFA-001 (3.5) and 3 on INT-FIN-001."""
    scores = [score(e, "odoo", "OPS-SFA-001", 5) for e in ("ali", "oya")]
    scores += [score(e, "odoo", "INT-FIN-001", 2) for e in ("ali", "oya")]
    scores += [score("ali", "suitecrm", "OPS-SFA-001", 4),
               score("oya", "suitecrm", "OPS-SFA-001", 3)]
    scores += [score(e, "suitecrm", "INT-FIN-001", 3) for e in ("ali", "oya")]
    return scores
