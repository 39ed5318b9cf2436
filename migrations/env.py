"""Alembic environment: runs eventdb's migrations against the URL eventdb hands in."""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import create_engine, pool

from eventdb import views
from eventdb.sides import refresh_sides
from eventdb.database import normalize_url
from eventdb.models import Base

config = context.config
target_metadata = Base.metadata


def database_url() -> str:
    url = config.attributes.get("url") or os.environ.get("EVENTDB_DATABASE_URL")
    if not url:
        raise SystemExit("no database URL: run migrations with `eventdb db upgrade`, or set EVENTDB_DATABASE_URL")
    return normalize_url(url)


def run_migrations_offline() -> None:
    context.configure(url=database_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:  # eventdb.database hands in its own, holding the migration lock
        _run(connection)
        return
    engine = create_engine(database_url(), poolclass=pool.NullPool)
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, transaction_per_migration=True)
    with context.begin_transaction():
        context.run_migrations()
    sync_views_at_head(connection)


def sync_views_at_head(connection) -> None:
    """The report views are derived from the sql/ files of this checkout, which may read columns that
    any migration adds: they are (re-)created once, when a run leaves the schema at head, rather than
    by a migration halfway through it."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(config).get_current_head()
    if MigrationContext.configure(connection).get_current_revision() == head:
        views.sync_views(connection)
        refresh_sides(connection)  # stored from reports.actor_sides
        connection.commit()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
