"""Downloading every score of the evaluation as ``scores.yaml`` or CSV.

The YAML is a :class:`~crmselect.model.ScoresFile` that ``crmselect score`` reads, so the
evaluation can be scored, archived and reproduced without the server.
"""

from __future__ import annotations

from flask import Blueprint, Response

from crmselect.evaluationdb import export
from crmselect.webapp.access import allow
from crmselect.webapp.context import database


def _download(body: str, filename: str, mimetype: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


bp = Blueprint("export", __name__, url_prefix="/export")


@bp.get("/scores.yaml")
@allow("facilitator", blind=True)
def scores_yaml() -> Response:
    with database().read() as s:
        file = export.scores_file(s)
    return _download(export.to_yaml(file), "scores.yaml", "application/yaml")


@bp.get("/scores.csv")
@allow("facilitator", blind=True)
def scores_csv() -> Response:
    with database().read() as s:
        file = export.scores_file(s)
    # A byte-order mark so that Excel opens the Turkish letters correctly.
    return _download("\ufeff" + export.to_csv(file), "scores.csv", "text/csv")
