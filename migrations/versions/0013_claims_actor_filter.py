"""Report views re-created for `reports.claims_naming`: a fast `report claims --actor`.

sql/claims.sql now also creates reports.claims_naming(likes), which `eventdb report claims
--actor` uses to narrow the claims before testing their actor columns (1.9 s -> 0.2 s for
one actor over 14 months at 500,000 claims, benchmarks/reports_bench.py). No table changes:
this revision only brings databases at 0006_judgements to the views and functions of sql/,
which migrations/env.py re-creates when an upgrade leaves the schema at head.

Downgrade changes nothing: the views of sql/ read nothing newer than 0006_judgements, and
`eventdb views sync` re-creates them from whichever checkout runs it.

Revision ID: 0007_claims_actor_filter
Revises: 0006_judgements
"""
from __future__ import annotations

revision = "0007_claims_actor_filter"
down_revision = "0006_judgements"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # the views and their functions: migrations/env.py, at head


def downgrade() -> None:
    pass
