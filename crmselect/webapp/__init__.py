"""The evaluator web form: a Flask application over one project folder.

``create_app(project_dir)`` loads the project, opens (and migrates) the evaluation database
and registers one blueprint per area: auth, scoring, testdrive, facilitator (progress, reveal,
consensus, audit), results and export. The process keeps no evaluation state: sessions are
signed cookies checked against the account on every request, so several workers can share one
database. The key that signs them is kept outside the project (:mod:`.signingkey`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from flask import Flask

from crmselect.errors import CrmselectError
from crmselect.errors import msg as t
from crmselect.evaluationdb import Database, default_url, passwords, settings
from crmselect.resources import bundled_dir
from crmselect.webapp import access, errors, i18n, inputs, labels, security
from crmselect.webapp.context import EXTENSION, WebContext
from crmselect.webapp.projectview import ProjectSource
from crmselect.webapp.signingkey import MIN_ENV_KEY, SigningKeyError, signing_key

csrf = security.CsrfProtect()


def create_app(project_dir: Path | str, db_url: str | None = None,
               test_config: dict[str, Any] | None = None) -> Flask:
    """The web app for the project in ``project_dir``.

    ``db_url`` is any SQLAlchemy URL (default: SQLite ``project_dir/evaluation.db``).
    Raises :class:`~crmselect.errors.CrmselectError` when the project does not load.
    """
    web = bundled_dir("web")
    source = ProjectSource(project_dir)
    view = source.get()  # fail now, not on the first request
    db = Database(db_url or default_url(project_dir))
    db.migrate()

    app = Flask(__name__, template_folder=str(web / "templates"),
                static_folder=str(web / "static"))
    country = view.project.organisation.country.upper()
    app.config.update(
        SECRET_KEY=None,
        SESSION_COOKIE_NAME="crmselect_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=False,
        PERMANENT_SESSION_LIFETIME=dt.timedelta(hours=12),
        # The cookie is signed again only when the session changes (a workday from sign-in).
        SESSION_REFRESH_EACH_REQUEST=False,
        # A scoring page may stay open for hours; the token lives as long as the session.
        WTF_CSRF_TIME_LIMIT=None,
        WTF_CSRF_SSL_STRICT=True,
        MAX_CONTENT_LENGTH=1024 * 1024,
        BEHIND_HTTPS=False,
        # Seconds between two checks whether the project's files changed (0: every request).
        PROJECT_CHECK_INTERVAL=1.0,
        BABEL_DEFAULT_LOCALE=view.project.language,
        BABEL_DEFAULT_TIMEZONE="Europe/Istanbul" if country in ("TR", "TUR") else "UTC",
        PROPAGATE_EXCEPTIONS=False,
        TRAP_HTTP_EXCEPTIONS=False,
        # The /setup pages that edit project.yaml (crmselect serve --setup, crmselect setup).
        SETUP=False,
    )
    if test_config:
        app.config.update(test_config)
    source.check_interval = float(app.config["PROJECT_CHECK_INTERVAL"])
    if settings.discard_old_secret_key(db):
        app.logger.warning(t("web_old_key_discarded"))
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = _signing_key(db)
    if app.config["BEHIND_HTTPS"]:
        # The client's address and scheme come from the proxy's headers, which waitress
        # reads only from the proxy it is told to trust (see crmselect.cli.web.serve).
        app.config["SESSION_COOKIE_SECURE"] = True

    passwords.return_hash_memory_to_the_system()
    app.extensions[EXTENSION] = WebContext(source, db)
    csrf.init_app(app)
    i18n.init_app(app, str(web / "translations"))
    labels.init_app(app)
    access.init_app(app)
    inputs.init_app(app)  # after the access check: its messages use the person's language
    security.init_app(app)
    errors.init_app(app)
    _register_blueprints(app)
    from crmselect.webapp import pages

    pages.init_app(app)
    from crmselect.webapp import status  # where the selection stands (issue 14)

    app.register_blueprint(status.bp)
    from crmselect.webapp import workshop  # the needs workshop (issue 14, point 7)

    app.register_blueprint(workshop.bp)
    return app


def _signing_key(db: Database) -> str:
    try:
        return signing_key(settings.evaluation_id(db))
    except SigningKeyError as exc:
        if exc.path is None:
            raise CrmselectError(t("web_signing_key_short", n=exc.length,
                                   min=MIN_ENV_KEY)) from None
        raise CrmselectError(t("web_signing_key", path=exc.path, error=exc.reason)) from None


def _register_blueprints(app: Flask) -> None:
    from crmselect.webapp import auth, export, facilitator, results, scoring, testdrive

    for module in (auth, scoring, testdrive, facilitator, results, export):
        app.register_blueprint(module.bp)
    # Project setup in the browser (issue 14): its routes answer only with SETUP on.
    from crmselect.webapp import setup

    app.register_blueprint(setup.bp)
