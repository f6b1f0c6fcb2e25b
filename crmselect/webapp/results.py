"""Results: the same numbers as ``crmselect score``, from the scores in the database."""

from __future__ import annotations

from flask import Blueprint, render_template

from crmselect.webapp.access import allow

bp = Blueprint("results", __name__, url_prefix="/results")


@bp.get("/")
@allow("facilitator", after_reveal=("evaluator", "observer"))
def overview():
    return render_template("results.html")
