"""Display names of the model's fixed values (compliance, priority, role, …) in both languages."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

LABELS = {
    "compliance": {
        "native": _l("Native"),
        "configurable": _l("Configurable"),
        "third_party": _l("Third party"),
        "custom": _l("Custom development"),
        "roadmap": _l("On the roadmap"),
        "none": _l("Not covered"),
    },
    "priority": {
        "must": _l("Must"),
        "should": _l("Should"),
        "could": _l("Could"),
        "wont": _l("Won't"),
    },
    "role": {
        "facilitator": _l("Facilitator"),
        "evaluator": _l("Evaluator"),
        "observer": _l("Observer"),
        "stakeholder": _l("Stakeholder"),
    },
    "deployment": {
        "cloud": _l("Cloud (SaaS)"),
        "on_premise": _l("On premises"),
        "hybrid": _l("Hybrid"),
        "private_cloud": _l("Private cloud"),
    },
    "shown": {
        "live": _l("Shown live"),
        "slides": _l("Only on slides"),
        "not_shown": _l("Not shown"),
    },
    "scale": {
        0: _l("Not met"),
        1: _l("Poorly met"),
        2: _l("Partly met"),
        3: _l("Adequately met"),
        4: _l("Well met"),
        5: _l("Fully met or exceeded"),
    },
    # Who changed something when it was no person signed in to the form (the audit log)
    "actor": {
        "cli": _l("Command line"),
        "import": _l("Scores file import"),
    },
    "action": {
        "score": _l("Score"),
        "score_cleared": _l("Score cleared"),
        "score_after_reveal": _l("Score changed after reveal"),
        "score_cleared_after_reveal": _l("Score cleared after reveal"),
        "demo_mark": _l("Test-drive mark"),
        "demo_mark_after_reveal": _l("Test-drive mark changed after reveal"),
        "permit_reopen": _l("Scoring reopened after reveal"),
        "permit_interest": _l("Scoring allowed despite a declared interest"),
        "consensus": _l("Consensus score"),
        "reveal": _l("Scores revealed"),
        "declaration": _l("Conflict-of-interest declaration"),
        "invitation": _l("Invitation"),
        "password_set": _l("Password set"),
        "setup_organisation": _l("Setup: organisation"),
        "setup_budget": _l("Setup: budget and timeline"),
        "setup_requirements": _l("Setup: requirements"),
        "setup_custom_requirements": _l("Setup: own requirements"),
        "setup_weights": _l("Setup: weights"),
        "setup_people": _l("Setup: evaluators"),
        "setup_evaluators": _l("Setup: evaluators"),
        "setup_vendors": _l("Setup: vendors"),
        "setup_scenarios": _l("Setup: scenarios"),
        "proposal": _l("Workshop: priority proposed"),
        "needs_decision": _l("Workshop: priority decided"),
        "needs_decision_written": _l("Workshop: decision written to project.yaml"),
    },
    "field": {
        "score": _l("score"),
        "note": _l("note"),
        "reason": _l("reason"),
        "version": _l("version"),
        "interests": _l("declared interest"),
        "vendors": _l("vendors"),
        "expires": _l("expires"),
    },
    "source": {
        "missing": _l("no answer"),
        "declared": _l("declared by the vendor"),
        "evaluated": _l("scored by evaluators"),
        "consensus": _l("consensus"),
    },
    "flag": {
        "changed_after_reveal": _l("changed after reveal"),
        "interest_allowed": _l("despite a declared interest (allowed)"),
        "interest_declared": _l("declared interest, not allowed"),
    },
    "criterion": {
        "functional": _l("Functional fit"),
        "integration": _l("Integration fit"),
        "non_functional": _l("Non-functional fit"),
        "test_drive": _l("Test-drive results"),
        "cost": _l("Cost (TCO)"),
        "references": _l("References"),
    },
    "licence": {
        "subscription": _l("Subscription"),
        "perpetual": _l("Perpetual licence"),
        "open_source": _l("Open source"),
    },
    # Licence types of a price list (``per_user_month``), as the documents name them
    # (templates/strings/common.yaml ``licence``).
    "licence_kind": {
        "standard": _l("Standard"),
        "full": _l("Full"),
        "light": _l("Light"),
        "mobile": _l("Mobile"),
        "admin": _l("Administrator"),
        "read_only": _l("Read-only"),
        "enterprise": _l("Enterprise"),
        "professional": _l("Professional"),
        "basic": _l("Basic"),
        "sales": _l("Sales"),
        "service": _l("Service"),
        "marketing": _l("Marketing"),
        "platform": _l("Platform"),
        "partner": _l("Partner"),
        "field_service": _l("Field service"),
        "team": _l("Team"),
    },
}


def label(kind: str, value: object) -> str:
    """The display name of ``value`` of ``kind`` in the interface language (the value itself
    when it has none)."""
    found = LABELS.get(kind, {}).get(value)  # type: ignore[call-overload]
    return str(found) if found is not None else str(value)


def init_app(app: Flask) -> None:
    app.jinja_env.globals["label"] = label
