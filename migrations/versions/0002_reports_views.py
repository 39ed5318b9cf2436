"""Saved reports: schema `reports` and its views, from the files in sql/.

Views are derived objects, re-created whole from sql/ by
`eventdb.views.sync_views`, which migrations/env.py runs after every upgrade
that reaches head (so that no migration runs view files written for a later
schema). Convention for later migrations: one that alters or drops a column
the views read calls `views.drop_views(conn)` before its ALTERs (and the same
in its downgrade); adding columns or tables needs nothing.

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

from alembic import op


revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE SCHEMA IF NOT EXISTS reports")
    op.execute("COMMENT ON SCHEMA reports IS 'Saved reports for analysts and BI tools: read-only views over the eventdb tables (see sql/ in the eventdb source).'")
    # The views themselves are created by migrations/env.py once the schema is at head.


def downgrade() -> None:
    op.execute("DROP SCHEMA IF EXISTS reports CASCADE")
