"""The summary of a loaded project that ``crmselect validate`` prints (and the web shows)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from crmselect.model import localize
from crmselect.project import LoadedProject

_LABELS = {
    "en": {
        "project": "project", "organisation": "organisation", "language": "language",
        "currency": "currency", "users": "users", "horizon": "TCO horizon",
        "years": "years", "response_file": "response file", "profile": "no response received",
        "no_price": "no price", "groups": ["area", "group", "requirements", "must"],
        "vendors": ["vendor", "name", "answers", "pricing"], "timeline": "timeline",
    },
    "tr": {
        "project": "proje", "organisation": "kurum", "language": "dil",
        "currency": "para birimi", "users": "kullanıcı", "horizon": "TCO süresi",
        "years": "yıl", "response_file": "yanıt dosyası", "profile": "yanıt gelmedi",
        "no_price": "fiyat yok", "groups": ["alan", "grup", "gereksinim", "zorunlu"],
        "vendors": ["tedarikçi", "ad", "yanıt", "fiyat"], "timeline": "takvim",
    },
}


def _evaluators(lp: LoadedProject) -> int:
    """Who scored (a score or a test-drive mark), whatever their role; before anybody has,
    those who may score (everyone but observers)."""
    scored = {r.evaluator for r in lp.scores.scores} | {m.evaluator for m in lp.scores.demo}
    if scored:
        return len(scored)
    return sum(1 for e in lp.project.evaluators if e.role != "observer")


def project_summary(lp: LoadedProject, lang: str) -> dict[str, Any]:
    """Counts and facts about a project, with labels in ``lang``."""
    labels = _LABELS["tr" if lang == "tr" else "en"]
    project = lp.project
    per_group: Counter[tuple[str, str]] = Counter()
    musts: Counter[tuple[str, str]] = Counter()
    for req in lp.requirements.values():
        per_group[(req.area, req.group)] += 1
        musts[(req.area, req.group)] += req.priority == "must"
    users = sum(u.count for u in project.users)
    timeline = {k: v.isoformat() for k, v in project.timeline.model_dump().items() if v}
    vendors = []
    for vendor in lp.vendors.values():
        answered = sum(1 for r in lp.requirements if r in vendor.responses)
        source = labels["response_file"] if vendor.response_file else labels["profile"]
        pricing = vendor.pricing
        vendors.append({
            "id": vendor.id, "name": vendor.name,
            "responses": f"{answered}/{len(lp.requirements)} ({source})",
            "pricing": f"{pricing.licence_model}, {pricing.currency}" if pricing
            else labels["no_price"],
        })
    return {
        "name": localize(project.name, lang),
        "counts": {
            "requirements": len(lp.requirements),
            "must": sum(musts.values()),
            "custom": sum(1 for r in lp.requirements.values() if r.custom),
            "vendors": len(lp.vendors),
            "scenarios": len(lp.scenarios),
            "evaluators": _evaluators(lp),
            "scores": len(lp.scores.scores),
        },
        "facts": [
            (labels["project"], localize(project.name, lang)),
            (labels["organisation"], project.organisation.name),
            (labels["language"], project.language),
            (labels["currency"], project.currency),
            (labels["users"], users),
            (labels["horizon"], f"{project.tco.horizon_years} {labels['years']}"),
            *([(labels["timeline"], ", ".join(f"{k} {v}" for k, v in timeline.items()))]
              if timeline else []),
        ],
        "groups": [
            {"area": a, "group": g, "count": n, "must": musts[(a, g)]}
            for (a, g), n in per_group.items()
        ],
        "vendors": vendors,
        "headers": {"groups": labels["groups"], "vendors": labels["vendors"]},
    }
