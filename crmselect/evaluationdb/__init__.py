"""The evaluation database: accounts, scores, test-drive marks, consensus and the audit log.

Why a database and not files: several evaluators score at the same time, on one machine or a
shared server, and every change must be kept with who made it and when. The schema is defined
in :mod:`crmselect.evaluationdb.schema` and changed only through the alembic migrations in
``migrations/``, which run when the database is opened, so upgrading crmselect keeps the scores.

Nothing here imports Flask: the CLI (``crmselect invite``) and the web app use the same
functions.
"""

from crmselect.evaluationdb.engine import Database, default_url

__all__ = ["Database", "default_url"]
