"""Republished copies: sources.copy_of and the MinHash band keys that find them.

A wire story republished under another url (another header, trailer or light
edits) is linked to the source first stored with that story, so that it adds
no incident of its own and does not count as an independent report
(eventdb.copies). The sources already stored get their band keys here (about
a millisecond each), so later copies of their stories are found; copies among
them are not looked for again.

Revision ID: source_copies
Revises: 0005_place_admin1
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from eventdb import copies, views

revision = "source_copies"
down_revision = "0005_place_admin1"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sources", sa.Column(
        "lsh_bands", postgresql.ARRAY(sa.BigInteger()), nullable=True,
        comment="MinHash band keys of the text's word 4-grams (eventdb.copies): sources that share one are candidate near-duplicates."))
    op.add_column("sources", sa.Column(
        "copy_of", sa.BigInteger(), nullable=True,
        comment="The source first stored whose text this one republishes (the same story with another header, trailer or light edits); NULL for an independent report."))
    op.create_foreign_key(op.f("fk_sources_copy_of_sources"), "sources", "sources", ["copy_of"], ["id"], ondelete="RESTRICT")
    op.create_check_constraint(op.f("ck_sources_not_own_copy"), "sources", "copy_of <> id")
    op.create_index("ix_sources_lsh_bands", "sources", ["lsh_bands"], unique=False, postgresql_using="gin")
    copies.fill_missing_bands(op.get_bind())


def downgrade() -> None:
    views.drop_views(op.get_bind())  # reports.incidents and reports.claims read copy_of
    op.drop_index("ix_sources_lsh_bands", table_name="sources", postgresql_using="gin")
    op.drop_constraint(op.f("ck_sources_not_own_copy"), "sources", type_="check")
    op.drop_constraint(op.f("fk_sources_copy_of_sources"), "sources", type_="foreignkey")
    op.drop_column("sources", "copy_of")
    op.drop_column("sources", "lsh_bands")
