"""Alembic environment: runs eventdb's migrations against the URL eventdb hands in."""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import create_engine, pool

from eventdb import views
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
    engine = create_engine(database_url(), poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata, transaction_per_migration=True)
        with context.begin_transaction():
            context.run_migrations()
        # The report views are derived from sql/, whose files read the newest columns: they are
        # re-created once the schema is at head (a migration only drops them before altering a
        # column they read), so no migration has to run files written for a later schema.
        if context.get_context().get_current_revision() == context.get_head_revision():
            views.sync_views(connection)
            connection.commit()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
