"""Countries: ISO 3166-1 codes and names (pycountry), for the reports' country columns.

The rows are loaded here and refreshed by every reference load, so a newer
pycountry's names reach the database.

Revision ID: countries
Revises: casualty_best
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from eventdb import countries, views

revision = "countries"
down_revision = "casualty_best"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "countries",
        sa.Column("code", sa.String(length=2), nullable=False, comment="ISO 3166-1 alpha-2 code, as in every country_code column."),
        sa.Column("alpha_3", sa.String(length=3), nullable=False, comment="ISO 3166-1 alpha-3 code."),
        sa.Column("numeric", sa.SmallInteger(), nullable=False, comment="ISO 3166-1 numeric code (ACLED's iso column)."),
        sa.Column("name", sa.Text(), nullable=False, comment="Name for reports: the common name when ISO has one ('Iran', 'Syria'), else the ISO name."),
        sa.Column("official_name", sa.Text(), nullable=True, comment="Official name, when ISO gives one ('Islamic Republic of Iran')."),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_countries")),
        sa.UniqueConstraint("alpha_3", name=op.f("uq_countries_alpha_3")),
        comment="ISO 3166-1 countries and their names, from the pycountry package (loaded with the reference data).",
    )
    countries.load_countries(op.get_bind())


def downgrade() -> None:
    views.drop_views(op.get_bind())  # reports.incidents reads country names
    op.drop_table("countries")
