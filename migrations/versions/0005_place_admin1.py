"""Places carry their first-level subdivision (admin1): ISO 3166-2 code and English name.

Filled by `eventdb reference load` from the reference (GeoNames towns and ISO 3166-2
subdivisions, seeds/reference/build_places.py), so that every incident with a place in
the region reports its governorate or province (reports.incidents.admin1).

The views read places, so they are dropped first and re-created from sql/ at the end.
The downgrade drops them too and leaves them dropped: the sql/ files of this checkout
read the columns it removes; re-create them from the older checkout with
`eventdb views sync`.

Revision ID: 0005_place_admin1
Revises: 0004_views_date_text
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from eventdb import views

revision = "0005_place_admin1"
down_revision = "0004_views_date_text"
branch_labels = None
depends_on = None


def upgrade() -> None:
    views.drop_views(op.get_bind())
    op.add_column("places", sa.Column(
        "admin1_code", sa.Text(), nullable=True,
        comment="ISO 3166-2 code of the first-level subdivision (governorate, province) the place lies in; its own code for a subdivision; NULL when unknown or above that level."))
    op.add_column("places", sa.Column(
        "admin1", sa.Text(), nullable=True,
        comment="English name of that subdivision (Anbar, Hodeidah, Deir ez-Zor)."))
    op.create_index("ix_places_admin1_code", "places", ["admin1_code"])
    # the views come back from migrations/env.py once the run reaches head


def downgrade() -> None:
    views.drop_views(op.get_bind())
    op.drop_index("ix_places_admin1_code", table_name="places")
    op.drop_column("places", "admin1")
    op.drop_column("places", "admin1_code")
