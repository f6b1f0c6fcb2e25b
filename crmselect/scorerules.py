"""The rules a score obeys wherever it enters: the web form, ``scores import``, ``push``,
``pull``, an Excel scoring sheet and the ``scores.yaml`` that ``score`` reads.

Why one module: a 0 without a note was once accepted by one command and refused by another;
the web form, the file readers and the database save now ask the same functions.
"""

from __future__ import annotations

from crmselect.model import Evaluator, Project

#: The points of the scale: whole points only.
SCALE = (0, 1, 2, 3, 4, 5)
#: What a test drive showed of a requirement.
SHOWN = ("live", "slides", "not_shown")
#: The longest note, in characters.
NOTE_MAX = 4000
#: The roles that score (the web form's scorers).
SCORING_ROLES = ("facilitator", "evaluator")


def needs_note(score: float) -> bool:
    """A score at either end of the scale (0, 1 or 5) must say why.

    Why: extreme scores decide rankings; a note makes them explainable in the consensus meeting.
    """
    return score <= 1 or score >= 5


def has_note(note: str) -> bool:
    """Whether ``note`` says anything: a character that is neither white space nor an
    invisible format character (a zero-width space, a direction mark, a BOM).

    Why: a 0, 1 or 5 "explained" by a zero-width space passed the note rule unnoticed."""
    for ch in note:
        if ch.isalnum():
            return True
        if not ch.isspace():
            import unicodedata

            if unicodedata.category(ch) != "Cf":
                return True
    return False


def is_whole_point(score: float) -> bool:
    """Whether ``score`` is one of the scale's points (2.5 is not)."""
    return score in SCALE


def scores_area(person: Evaluator, area: str) -> bool:
    """Whether ``person`` scores requirements of ``area``: every area when they name none."""
    return not person.areas or area in person.areas


def may_score(person: Evaluator) -> bool:
    """Whether ``person``'s role scores at all (an observer does not)."""
    return person.role in SCORING_ROLES


def facilitator_scores(project: Project) -> bool:
    """Whether the project's facilitators score too: ``evaluation.facilitator_scores``, by
    default only when a facilitator names the areas they score (as the web form decides)."""
    chosen = project.evaluation.facilitator_scores
    if chosen is not None:
        return chosen
    return any(p.areas for p in project.evaluators if p.role == "facilitator")


def is_scorer(person: Evaluator, project: Project) -> bool:
    """Whether ``person`` scores vendors in ``project``: an evaluator, or a facilitator when
    facilitators score."""
    if person.role == "facilitator":
        return facilitator_scores(project)
    return person.role == "evaluator"
