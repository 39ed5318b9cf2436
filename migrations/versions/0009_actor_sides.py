"""actors.side_actor_id: the state or coalition each actor rolls up to, stored for the reports.

The rule is reports.actor_sides (sql/actor_sides.sql); eventdb.sides stores its result
after every reference load and after the views are re-created (migrations/env.py does
that at the end of this upgrade).

Revision ID: actor_sides
Revises: countries
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from eventdb import views

revision = "actor_sides"
down_revision = "countries"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("actors", sa.Column(
        "side_actor_id", sa.Integer(), nullable=True,
        comment="The state or coalition the actor rolls up to (reports.actor_sides: curated part_of/member_of/front_for/commands chains); itself when it belongs to nothing. Refreshed by every reference load."))
    op.create_foreign_key(op.f("fk_actors_side_actor_id_actors"), "actors", "actors", ["side_actor_id"], ["id"], ondelete="SET NULL")


def downgrade() -> None:
    views.drop_views(op.get_bind())  # the reports read the stored side
    op.drop_constraint(op.f("fk_actors_side_actor_id_actors"), "actors", type_="foreignkey")
    op.drop_column("actors", "side_actor_id")
