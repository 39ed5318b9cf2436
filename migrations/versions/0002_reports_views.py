"""Saved reports: schema `reports`, for the views defined by the files in sql/.

Views are derived objects, re-created whole from sql/ by
`eventdb.views.sync_views`, which migrations/env.py runs at the end of every
upgrade that leaves the schema at head (the files of a checkout may read
columns that a later migration adds, so no migration creates them halfway).
Convention for later migrations: one that alters or drops a table or column
the views read calls `views.drop_views(conn)` before its ALTERs.
Its downgrade drops the views but keeps the (then empty) schema and its grants.

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

from alembic import op

from eventdb import views

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE SCHEMA IF NOT EXISTS reports")
    op.execute("COMMENT ON SCHEMA reports IS 'Saved reports for analysts and BI tools: read-only views over the eventdb tables (see sql/ in the eventdb source).'")


def downgrade() -> None:
    # The schema stays, empty: its grants (USAGE for the roles made by `eventdb grant-reader`, the
    # default privileges on its views) are the readers' access, and an upgrade gives it back to them.
    views.drop_views(op.get_bind())
