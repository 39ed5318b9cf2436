"""Report views re-created for `occurred_on_text`: dates written to their precision.

`reports.incidents`, `reports.claims` and `reports.contested_incidents` gained
a column that writes a month-precision date as 2024-01, a week as 2024-W04 and
a year as 2024, beside the typed `occurred_on`. No table changes: this
migration only brings databases migrated before it to the views of sql/.

Downgrade changes nothing: the tables are as 0003 left them, and the views of
sql/ read nothing newer than 0003 (`eventdb views sync` re-creates them from
whichever checkout runs it).

The views are now re-created by migrations/env.py once an upgrade leaves the
schema at head (the sql/ files may read columns that later migrations add), so
this revision has nothing left to do; it stays for the databases that carry it.

Revision ID: 0004_views_date_text
Revises: 0003
"""
from __future__ import annotations

revision = "0004_views_date_text"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # the views: migrations/env.py, at head


def downgrade() -> None:
    pass
