"""Alembic environment: migrations always run on a connection handed over by
:func:`crmselect.evaluationdb.migrate.upgrade` (no alembic.ini, no URL here)."""

from alembic import context

from crmselect.evaluationdb.schema import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
