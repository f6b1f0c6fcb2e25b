"""What the setup pages propose (issue 14): requirements from the organisation's facts by the
catalog's ``proposed_by`` rules (data, not code), milestones from the go-live date on working
days, scenarios from the selected requirements."""

from __future__ import annotations

import datetime as dt

import pytest

from crmselect.catalog import load_catalog
from crmselect.model import Project, ProposalRule, Requirement
from crmselect.reporting.workdays import WorkCalendar
from crmselect.setupproposals import (
    USUAL_WORKDAYS,
    Facts,
    proposed_requirements,
    proposed_scenarios,
    proposed_timeline,
    rule_matches,
)


def project(**org: object) -> Project:
    users = org.pop("users", [])
    return Project.model_validate({"name": "x", "organisation": {"name": "Acme", **org},
                                   "users": users})


def test_a_rule_needs_every_fact_it_names() -> None:
    facts = Facts.of(project(country="tr", current_systems=[{"name": "Logo", "category": "erp"}],
                             users=[{"role": "field_sales", "count": 3}]))
    assert rule_matches(ProposalRule(current_system="erp"), facts)
    assert rule_matches(ProposalRule(current_system="erp", country="TR"), facts)
    assert not rule_matches(ProposalRule(current_system="erp", country="DE"), facts)
    assert not rule_matches(ProposalRule(current_system="erp", role="service"), facts)
    assert rule_matches(ProposalRule(role="field_sales"), facts)
    assert not rule_matches(ProposalRule(), facts)  # an empty rule proposes nothing


def test_a_role_of_nobody_proposes_nothing() -> None:
    facts = Facts.of(project(users=[{"role": "field_sales", "count": 0}]))
    assert not rule_matches(ProposalRule(role="field_sales"), facts)


def test_the_catalog_rules_propose_erp_mobile_and_kvkk() -> None:
    catalog = load_catalog()
    found = proposed_requirements(project(
        country="TR", current_systems=[{"name": "Logo Tiger", "category": "erp"}],
        users=[{"role": "field_sales", "count": 8}]), catalog)
    assert {"INT-FIN-002", "INT-FIN-006", "INT-FIN-007", "OPS-MOB-001", "OPS-MOB-010",
            "NFR-PRV-001", "NFR-PRV-002", "INT-FIN-003"} <= set(found)
    german = proposed_requirements(project(country="DE"), catalog)
    assert "NFR-PRV-001" not in german and "INT-FIN-002" not in german
    assert proposed_requirements(project(), catalog) == {}


def test_the_rules_are_read_from_the_catalog_file() -> None:
    req = Requirement.model_validate({
        "id": "OPS-SFA-001", "title": {"en": "a", "tr": "b"},
        "description": {"en": "a", "tr": "b"}, "phases": ["acquisition"],
        "proposed_by": [{"channel": "dealers"}, {"country": "tr"}]})
    assert req.proposed_by[1].country == "TR"
    with pytest.raises(ValueError):
        Requirement.model_validate({**req.model_dump(), "proposed_by": [{"planet": "mars"}]})


def test_the_timeline_counts_back_on_turkish_working_days() -> None:
    go_live = dt.date(2027, 9, 6)
    dates = proposed_timeline(go_live, "TR")
    assert list(dates) == [k for k, _gap in USUAL_WORKDAYS]
    assert dates["go_live"] == go_live
    calendar = WorkCalendar.for_country("TR")
    assert all(calendar.is_workday(d) for d in dates.values())
    assert list(dates.values()) == sorted(dates.values())
    # Twenty weeks of implementation cross 15 Temmuz and Kurban Bayramı 2027: the kick-off is
    # earlier than on a calendar of weekends only.
    weekends = proposed_timeline(go_live, "XX")  # a country the holidays package does not know
    assert dates["kickoff"] < weekends["kickoff"]
    assert calendar.holidays_between(dates["kickoff"], go_live)


def test_a_go_live_on_a_holiday_moves_to_the_working_day_before() -> None:
    dates = proposed_timeline(dt.date(2027, 10, 29), "TR")  # Cumhuriyet Bayramı, a Friday
    # 28 Ekim is an arife: a working morning, which the plans keep as a working day.
    assert dates["go_live"] == dt.date(2027, 10, 28)


def test_scenarios_showing_most_selected_requirements_come_first() -> None:
    catalog = load_catalog()
    complaint = catalog.scenarios["SCN-COMPLAINT"]
    linked = set(complaint.requirements) | {r for s in complaint.steps for r in s.requirements}
    found = proposed_scenarios(linked, catalog.scenarios)
    assert found[0] == "SCN-COMPLAINT"
    assert proposed_scenarios(set(), catalog.scenarios) == []
    assert len(proposed_scenarios(set(catalog.entries), catalog.scenarios, limit=3)) == 3
