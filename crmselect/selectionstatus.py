"""Where the selection stands: each step from the needs to go-live, done or not, and what next.

The state is derived from the project folder (``project.yaml``, ``responses/``, ``out/``) and
the evaluation (the database when there is one, else ``scores.yaml``), measured against the
project's timeline on ``today`` (passed in, so that tests and reports can fix it). The result
holds codes and parameters only; the CLI and the web page write the words.

Why steps without evidence in the folder (questions answered, contract, go-live) are judged by
the timeline: nothing else records them, and saying "done, by the timeline" is more useful than
saying nothing. The detail says so, so a reader knows which states are facts and which dates.
"""

from __future__ import annotations

import datetime as dt
import shlex
from dataclasses import dataclass, field
from typing import Any, Literal

from crmselect.errors import Amount, Currency, Message
from crmselect.errors import msg as t
from crmselect.model import Evaluator, localize
from crmselect.project import SCORES_FILE, LoadedProject

State = Literal["done", "in_progress", "not_started", "overdue"]
STATES: tuple[str, ...] = ("done", "in_progress", "not_started", "overdue")
STEPS: tuple[str, ...] = (
    "needs", "budget", "rfp", "questions", "responses", "scoring", "demos", "references",
    "decision", "contract", "migration", "go_live",
)
REFERENCES = "references"
RFP_DOCUMENT = "out/rfp.docx"


@dataclass(frozen=True)
class Evidence:
    """What the evaluation holds so far: who scored what, and which demos were marked."""

    #: ``no_scores``: neither an evaluation database nor a scores file yet.
    source: Literal["database", "scores_file", "scores_csv", "no_scores"]
    #: (evaluator, vendor) → the targets scored (requirement ids, ``SCN-X.n``, ``references``).
    scored: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)
    #: Vendors with at least one test-drive mark (shown live / on slides / not shown).
    demo_vendors: frozenset[str] = frozenset()
    #: The needs workshop: requirement → the priority each stakeholder proposed.
    proposals: dict[str, dict[str, str]] = field(default_factory=dict)
    #: Requirement → the priority the facilitator decided after the workshop.
    decided: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class EvaluatorProgress:
    """One scorer's progress: targets scored of the targets to score, over every vendor."""

    id: str
    name: str
    given: int
    expected: int

    @property
    def finished(self) -> bool:
        return self.expected > 0 and self.given >= self.expected

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "given": self.given,
                "expected": self.expected, "finished": self.finished}


@dataclass(frozen=True)
class Step:
    """One step of the selection: its state, due date, what stands, and what to do next."""

    id: str
    state: State
    due: dt.date | None = None
    detail: Message | None = None
    #: The next action (None when the step is done).
    action: Message | None = None
    #: The command that does it (a shell line naming the project folder), if any.
    command: str | None = None
    #: The web page that does it (a path of the evaluation web app), if any.
    page: str | None = None
    evaluators: tuple[EvaluatorProgress, ...] = ()
    #: The day the step was done, when known (the RFP's issue date, the decision's date).
    on: dt.date | None = None


@dataclass(frozen=True)
class SelectionStatus:
    today: dt.date
    source: str
    steps: tuple[Step, ...]

    def step(self, step_id: str) -> Step:
        return next(s for s in self.steps if s.id == step_id)


def _state(done: bool, started: bool, due: dt.date | None, today: dt.date) -> State:
    if done:
        return "done"
    if due is not None and due < today:
        return "overdue"
    return "in_progress" if started else "not_started"


def _on_or_before(day: dt.date | None, today: dt.date) -> bool:
    return day is not None and day <= today


def evidence_from_scores_file(lp: LoadedProject) -> Evidence:
    """The evidence of the project's ``scores.yaml``, or of its ``scores.csv`` (source
    ``scores_csv``) when it keeps its scores there (empty when there is none)."""
    scored: dict[tuple[str, str], set[str]] = {}
    for rec in lp.scores.scores:
        scored.setdefault((rec.evaluator, rec.vendor), set()).add(rec.target)
    source = ("scores_csv" if lp.scores_csv else "scores_file"
              if (lp.root / SCORES_FILE).exists() else "no_scores")
    return Evidence(source,
                    {k: frozenset(v) for k, v in scored.items()},
                    frozenset(m.vendor for m in lp.scores.demo))


def evidence_from_database(db: Any) -> Evidence:
    """The evidence of an open evaluation database (:class:`~crmselect.evaluationdb.Database`)."""
    from crmselect.evaluationdb import scores, workshop

    with db.read() as session:
        counts = scores.counts(session)
        marks = scores.demo_marks(session)
        proposed = {rid: {sid: p.priority for sid, p in by.items()}
                    for rid, by in workshop.proposals(session).items()}
        decided = {rid: d.priority for rid, d in workshop.decisions(session).items()}
    return Evidence("database", {k: frozenset(v) for k, v in counts.items()},
                    frozenset(m.vendor_id for m in marks), proposed, decided)


def _scores(lp: LoadedProject, person: Evaluator) -> bool:
    """Whether ``person`` scores vendors (as the web form decides: a facilitator only when
    ``evaluation.facilitator_scores`` says so, by default when a facilitator names areas)."""
    if person.role == "facilitator":
        chosen = lp.project.evaluation.facilitator_scores
        if chosen is not None:
            return chosen
        return any(p.areas for p in lp.project.evaluators if p.role == "facilitator")
    return person.role == "evaluator"


def _steps_of_scenarios(lp: LoadedProject) -> list[str]:
    return [f"{sid}.{n}" for sid, s in lp.scenarios.items() for n in range(1, len(s.steps) + 1)]


def selection_status(lp: LoadedProject, today: dt.date,
                     evidence: Evidence | None = None) -> SelectionStatus:
    """Every step of the selection of ``lp`` as it stands on ``today``."""
    evidence = evidence or evidence_from_scores_file(lp)
    project, timeline = lp.project, lp.project.timeline
    root = shlex.quote(str(lp.root))  # a folder with a space stays one word of the command
    vendors = list(project.vendors)
    responded = [v for v in vendors if v in lp.vendors and lp.vendors[v].responded]
    # The vendors the evaluators score and demo: those who answered, else every listed one.
    to_evaluate = responded or vendors

    def names(ids: list[str]) -> str:
        """The vendors as the ranking and the documents name them, not by their ids."""
        return ", ".join(lp.vendors[v].name if v in lp.vendors else v for v in ids) or "—"

    steps: list[Step] = []

    # 1. Needs defined: a selection from the catalog, not the whole catalog init lists.
    n = len(lp.requirements)
    must = sum(1 for r in lp.requirements.values() if r.priority == "must")
    whole_catalog = not project.custom_requirements and (
        not project.requirements or n >= len(lp.catalog.entries))
    stakeholders = [p.id for p in project.evaluators if p.role == "stakeholder"]
    open_disagreements = sorted(
        rid for rid, by in evidence.proposals.items()
        if rid in lp.requirements and len(set(by.values())) > 1 and rid not in evidence.decided)
    proposed = {sid for by in evidence.proposals.values() for sid in by} & set(stakeholders)
    # Decisions not yet in project.yaml: the RFP and the scoring read the priorities there.
    to_copy = sorted(rid for rid, priority in evidence.decided.items()
                     if rid in lp.requirements and lp.requirements[rid].priority != priority)
    workshop_done = not stakeholders or (len(proposed) == len(stakeholders)
                                         and not open_disagreements and not to_copy)
    state = _state(not whole_catalog and workshop_done, n > 0, timeline.rfp_issued, today)
    if stakeholders and not workshop_done:
        detail = t("status_needs_workshop", n=n, must=must, proposed=len(proposed),
                   m=len(stakeholders), open=len(open_disagreements))
        if open_disagreements:
            action = t("status_needs_workshop_action", ids=", ".join(open_disagreements))
        elif len(proposed) < len(stakeholders):
            action = t("status_needs_proposals_action", people=", ".join(
                sid for sid in stakeholders if sid not in proposed))
        else:
            action = t("status_needs_copy_action", items=", ".join(
                f"{rid}: {evidence.decided[rid]}" for rid in to_copy))
        steps.append(Step("needs", state, timeline.rfp_issued, detail, action,
                          page="/workshop/decisions"))
    else:
        steps.append(Step("needs", state, timeline.rfp_issued,
                          t("status_needs_detail", n=n, must=must),
                          None if state == "done" else t("status_needs_action"),
                          command="crmselect catalog list --priority must"))

    # 2. Budget set.
    tco = project.tco
    done = tco.target_budget is not None
    state = _state(done, tco.ceiling is not None, timeline.rfp_issued, today)
    steps.append(Step(
        "budget", state, timeline.rfp_issued,
        t("status_budget_detail", budget=Amount(tco.target_budget),
          currency=Currency(project.currency),
          years=tco.horizon_years) if done else None,
        None if done else t("status_budget_action"), command=f"crmselect validate {root}"))

    # 3. RFP issued: the RFP written (out/rfp.docx) and its issue date reached, or answers in.
    written = (lp.root / RFP_DOCUMENT).is_file()
    done = bool(responded) or (written and _on_or_before(timeline.rfp_issued, today))
    state = _state(done, written or bool(vendors), timeline.rfp_issued, today)
    if done:
        detail = t("status_rfp_answered") if responded else t("status_rfp_issued")
        action = None
    elif not vendors:
        detail, action = t("status_no_vendors"), t("status_rfp_shortlist")
    elif written:
        detail, action = t("status_rfp_written"), t("status_rfp_send")
    else:
        detail, action = None, t("status_rfp_write")
    steps.append(Step("rfp", state, timeline.rfp_issued, detail, action,
                      command=None if done else (f"crmselect vendors compare {root}"
                                                 if not vendors else f"crmselect rfp {root}"),
                      on=timeline.rfp_issued if done else None))
    rfp_done = done

    # 4. Questions answered: nothing in the folder records them; the timeline does.
    done = bool(responded) or (rfp_done and _on_or_before(timeline.questions_due, today))
    state = _state(done, rfp_done, None, today)
    steps.append(Step(
        "questions", state, timeline.questions_due,
        t("status_by_timeline") if done and not responded else None,
        None if done else t("status_questions_action")))

    # 5. Responses received: n of m vendors.
    missing = [v for v in vendors if v not in responded]
    done = bool(vendors) and not missing
    state = _state(done, bool(responded), timeline.responses_due, today)
    steps.append(Step(
        "responses", state, timeline.responses_due,
        t("status_responses_detail", n=len(responded), m=len(vendors)),
        None if done else t("status_responses_action", vendors=names(missing)),
        command=None if done or not missing else
        f"crmselect responses import {root} FILE --vendor {missing[0]}"))

    # 6. Scoring progress per evaluator.
    steps_of_demos = _steps_of_scenarios(lp)
    people = []
    for person in project.evaluators:
        if not _scores(lp, person):
            continue
        targets = {rid for rid, r in lp.requirements.items()
                   if not person.areas or r.area in person.areas} | set(steps_of_demos)
        given = sum(len(evidence.scored.get((person.id, vid), frozenset()) & targets)
                    for vid in to_evaluate)
        people.append(EvaluatorProgress(person.id, person.name, given,
                                        len(targets) * len(to_evaluate)))
    finished = [p for p in people if p.finished]
    started = any(p.given for p in people)
    done = bool(people) and len(finished) == len(people)
    due = timeline.test_drives_end or timeline.decision
    state = _state(done, started, due, today)
    waiting = [p.name for p in people if not p.finished]
    if done:
        action = None
    elif not people:
        action = t("status_scoring_no_evaluators")
    else:
        action = t("status_scoring_action", people=", ".join(waiting))
    steps.append(Step(
        "scoring", state, due,
        t("status_scoring_detail", n=len(finished), m=len(people)), action,
        command=f"crmselect invite {root}" if not started and people else None,
        page="/facilitator/" if people else None, evaluators=tuple(people)))

    # 7. Demos held: a test-drive score or mark for every vendor evaluated.
    demoed = {vid for (_, vid), targets in evidence.scored.items()
              if any("." in x and x.split(".")[0] in lp.scenarios for x in targets)}
    demoed |= evidence.demo_vendors
    held = [v for v in to_evaluate if v in demoed]
    if not project.scenarios:
        state = _state(False, False, timeline.test_drives_end, today)
        detail, action, command = t("status_no_scenarios"), t("status_demos_choose"), None
    else:
        done = bool(to_evaluate) and len(held) == len(to_evaluate)
        started = bool(held) or _on_or_before(timeline.test_drives_start, today)
        state = _state(done, started, timeline.test_drives_end, today)
        detail = t("status_demos_detail", n=len(held), m=len(to_evaluate))
        action = None if done else t("status_demos_action", vendors=names(
            [v for v in to_evaluate if v not in demoed]))
        command = None if done else f"crmselect testdrive {root}"
    steps.append(Step("demos", state, timeline.test_drives_end, detail, action, command,
                      page=None if state == "done" or not project.scenarios
                      else "/facilitator/"))

    # 8. References checked: a references score for every vendor evaluated.
    checked = [v for v in to_evaluate
               if any(REFERENCES in targets for (_, vid), targets in evidence.scored.items()
                      if vid == v)]
    done = bool(to_evaluate) and len(checked) == len(to_evaluate)
    state = _state(done, bool(checked), timeline.decision, today)
    steps.append(Step(
        "references", state, timeline.decision,
        t("status_references_detail", n=len(checked), m=len(to_evaluate)),
        None if done else t("status_references_action", vendors=names(
            [v for v in to_evaluate if v not in checked])),
        page=None if done else "/facilitator/"))

    # 9. Decision.
    decision = project.decision
    scored = next(s for s in steps if s.id == "scoring").state == "done"
    state = _state(decision is not None, scored, timeline.decision, today)
    if decision is not None:
        vendor = lp.vendors.get(decision.vendor)
        name = vendor.name if vendor else decision.vendor
        by = localize(decision.approved_by, project.language)
        detail = t("status_decision_by", vendor=name, by=by) if by else \
            t("status_decision_detail", vendor=name)
    else:
        detail = None
    steps.append(Step("decision", state, timeline.decision, detail,
                      None if decision else t("status_decision_action"),
                      command=None if decision else f"crmselect report {root}",
                      on=decision.date if decision else None))

    # 10–12. Contract, migration, go-live: by the timeline, once the decision is made.
    decided = decision is not None
    signed = decided and _on_or_before(timeline.contract, today)
    state = _state(signed, decided, timeline.contract, today)
    steps.append(Step("contract", state, timeline.contract,
                      t("status_by_timeline") if signed else None,
                      None if signed else t("status_contract_action")))
    live = decided and _on_or_before(timeline.go_live, today)
    started = decided and _on_or_before(timeline.kickoff, today)
    state = _state(live, started, timeline.go_live, today)
    steps.append(Step("migration", state, timeline.go_live,
                      t("status_by_timeline") if live else None,
                      None if live else t("status_migration_action"),
                      command=None if live else f"crmselect migration {root}"))
    state = _state(live, started, timeline.go_live, today)
    steps.append(Step("go_live", state, timeline.go_live,
                      t("status_by_timeline") if live else None,
                      None if live else t("status_go_live_action")))
    return SelectionStatus(today, evidence.source, tuple(steps))
