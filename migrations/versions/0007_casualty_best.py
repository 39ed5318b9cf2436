"""Best casualty estimates, and zeros said of other people no longer lower a bound.

Adds incidents.killed_best and injured_best and re-derives every incident's
low, best and high figures by the rules of eventdb.casualties (a zero counts
only when no claim states more; best is the figure of the most recently
published independent source).

Revision ID: casualty_best
Revises: source_copies
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from eventdb import casualties, views

revision = "casualty_best"
down_revision = "source_copies"
branch_labels = None
depends_on = None

LOW_COMMENTS = {
    "killed_low": ("Lowest number killed stated by any source.",
                   "Lowest number killed stated by any source (a zero only when no source states more)."),
    "injured_low": ("Lowest number injured stated by any source.",
                    "Lowest number injured stated by any source (a zero only when no source states more)."),
}


def upgrade() -> None:
    op.add_column("incidents", sa.Column(
        "killed_best", sa.Integer(), nullable=True,
        comment="Best estimate of the number killed: the figure of the most recently published independent source that gives one (eventdb.casualties)."))
    op.add_column("incidents", sa.Column(
        "injured_best", sa.Integer(), nullable=True,
        comment="Best estimate of the number injured, by the same rule as killed_best."))
    for column, (old, new) in LOW_COMMENTS.items():
        op.alter_column("incidents", column, existing_type=sa.Integer(), comment=new, existing_comment=old)
    casualties.recompute_all(op.get_bind())
    op.create_check_constraint(
        op.f("ck_incidents_best_within"), "incidents",
        "killed_low <= killed_best AND killed_best <= killed_high AND injured_low <= injured_best AND injured_best <= injured_high")


def downgrade() -> None:
    views.drop_views(op.get_bind())  # reports.incidents reads the best estimates
    op.drop_constraint(op.f("ck_incidents_best_within"), "incidents", type_="check")
    for column, (old, new) in LOW_COMMENTS.items():
        op.alter_column("incidents", column, existing_type=sa.Integer(), comment=old, existing_comment=new)
    op.drop_column("incidents", "injured_best")
    op.drop_column("incidents", "killed_best")
