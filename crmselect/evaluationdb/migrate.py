"""Running the alembic migrations programmatically, when the database is opened.

Why at start-up: the evaluation database lives next to the project, often on a consultant's
laptop; nobody should have to run a separate upgrade command before the scores of the last
session open in a newer crmselect. Several workers may start at once against one PostgreSQL
server: an advisory lock lets only one of them migrate, the others find the schema current.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

if TYPE_CHECKING:  # a type only: engine opens a Database and calls upgrade, never the reverse
    from crmselect.evaluationdb.engine import Database

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_LOCK_ID = 0x63726D73  # "crms"


def alembic_config() -> Config:
    """An alembic configuration for the migrations shipped in the package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The newest migration's revision id."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    """The revision the database is at (None for an empty database)."""
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(db: Database, revision: str = "head") -> None:
    """Migrate ``db`` to ``revision`` in one transaction, keeping every row it holds."""
    config = alembic_config()
    with db.write_connection() as conn:
        if db.dialect == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_LOCK_ID})")  # type: ignore[attr-defined]
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
