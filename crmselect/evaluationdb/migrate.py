"""Running the alembic migrations programmatically, when the database is opened.

Why at start-up: the evaluation database lives next to the project, often on a consultant's
laptop; nobody should have to run a separate upgrade command before the scores of the last
session open in a newer crmselect. Several workers may start at once against one PostgreSQL
server: an advisory lock lets only one of them migrate, the others find the schema current.
The commands that only read (``status``, ``rfp``) never migrate: they open the database
read-only and compare its revision with :data:`SCHEMA_REVISION`
(:func:`crmselect.evaluationdb.engine.open_project_database`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a type only: engine opens a Database and calls upgrade, never the reverse
    from alembic.config import Config

    from crmselect.evaluationdb.engine import Database

# alembic is imported by the functions that use it: the reading commands only compare
# SCHEMA_REVISION and need not load it.

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_LOCK_ID = 0x63726D73  # "crms"


def alembic_config() -> Config:
    """An alembic configuration for the migrations shipped in the package."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


#: The schema revision this crmselect's code needs: the newest migration's (a test checks it is
#: alembic's head). A constant so that a reading command checks a database's revision without
#: importing alembic or reading the migration scripts.
SCHEMA_REVISION = "0004"


def known_revision(revision: str) -> bool:
    """Whether ``revision`` is one of this crmselect's migrations (else a newer crmselect's)."""
    return (MIGRATIONS / "versions").is_dir() and any(
        p.name.startswith(f"{revision}_") for p in (MIGRATIONS / "versions").glob("*.py"))


def head_revision() -> str:
    """The newest migration's revision id."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    """The revision the database is at (None for an empty database)."""
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(db: Database, revision: str = "head") -> None:
    """Migrate ``db`` to ``revision`` in one transaction, keeping every row it holds."""
    from alembic import command

    config = alembic_config()
    with db.write_connection() as conn:
        if db.dialect == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_LOCK_ID})")  # type: ignore[attr-defined]
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
