"""Stable identity: claim keys, public incident ids, redirects, merged incidents kept.

claims.claim_key: a key derived from the source text's SHA-256, the claim type and the quote's
offsets (eventdb/identity.py), which re-extraction carries over; filled here with the same hash
the Python code computes. incidents.public_id: 'EV-' and the base-32 key of the incident's
earliest-published report (eventdb/identity.py), unique; incidents.status and merged_into_id keep
merged and withdrawn incidents as rows; incident_redirects maps old public ids.

Rows inserted without a claim_key or public_id (by hand, by tests) get one from their id (the
claim's id; 'EV-' and the incident's id), by BEFORE INSERT triggers that fire only then; so do
incidents that never had a report.

Adding columns needs no view dropped (migrations/env.py re-creates the views at head). The
downgrade drops the views first (they read these columns) and leaves them dropped: `eventdb
views sync` with the older checkout re-creates them.

Revision ID: 0004_claim_keys_public_ids
Revises: actor_sides
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from eventdb import views

revision = "0004_claim_keys_public_ids"
down_revision = "actor_sides"
branch_labels = None
depends_on = None

CLAIM_KEY = ("Stable key: from the source text's SHA-256, the claim type and the quote's offsets, carried over to the claim "
             "that restates this one after re-extraction or a revised text. Judgements on claims name it.")
PUBLIC_ID = ("Public incident id ('EV-' and 13 base-32 characters), derived from the key of its earliest-published report: "
             "the same reports give the same id whatever the ingest order. Old ids redirect (incident_redirects). "
             "A string: JSON readers corrupt 19-digit integers.")

FUNCTIONS = r"""
CREATE FUNCTION eventdb_key(VARIADIC parts text[]) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT (('x' || encode(substr(sha256(convert_to(array_to_string(parts, E'\x1f'), 'UTF8')), 1, 8), 'hex'))::bit(64) >> 1)::bigint
$$;
COMMENT ON FUNCTION eventdb_key(text[]) IS 'The 63-bit key eventdb.identity.hash_id derives from its parts (SHA-256 of the parts joined by U+001F, first 64 bits, shifted right by one).';

CREATE FUNCTION eventdb_public_id(key bigint) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT 'EV-' || string_agg(substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((key >> (5 * (12 - n))) & 31)::int + 1, 1), '' ORDER BY n)
    FROM generate_series(0, 12) n
$$;
COMMENT ON FUNCTION eventdb_public_id(bigint) IS 'The public incident id of a report key, as eventdb.identity.public_id: EV- and 13 Crockford base-32 digits.';

CREATE FUNCTION claims_default_claim_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.claim_key := NEW.id;
    RETURN NEW;
END $$;
COMMENT ON FUNCTION claims_default_claim_key() IS 'A claim inserted without a claim_key (by hand) gets its id as key; eventdb always gives one.';
CREATE TRIGGER claims_default_claim_key BEFORE INSERT ON claims
    FOR EACH ROW WHEN (NEW.claim_key IS NULL) EXECUTE FUNCTION claims_default_claim_key();

CREATE FUNCTION incidents_default_public_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.public_id := 'EV-' || NEW.id;
    RETURN NEW;
END $$;
COMMENT ON FUNCTION incidents_default_public_id() IS 'An incident inserted without a public_id (by hand) gets EV- and its internal id; eventdb always gives one.';
CREATE TRIGGER incidents_default_public_id BEFORE INSERT ON incidents
    FOR EACH ROW WHEN (NEW.public_id IS NULL) EXECUTE FUNCTION incidents_default_public_id();
"""

# The same key eventdb.identity.natural_key computes: rank counts claims of one extraction (one
# source, stored in one transaction) with the same type and offsets.
FILL_CLAIM_KEYS = r"""
UPDATE claims c SET claim_key = k.claim_key
FROM (
    SELECT c.id, eventdb_key('claim-key', s.content_sha256, c.claim_type, c.char_start::text, c.char_end::text,
                             (row_number() OVER (PARTITION BY c.source_id, c.created_at, c.claim_type, c.char_start, c.char_end
                                                 ORDER BY c.id) - 1)::text) AS claim_key
    FROM claims c JOIN sources s ON s.id = c.source_id
) k
WHERE c.id = k.id
"""

# Each incident's canonical report: current reports first, then the earliest publication, then the
# smaller key; a key two incidents would share goes to the first, the other gets 'EV-' and its own id.
FILL_PUBLIC_IDS = r"""
WITH canonical AS (
    SELECT DISTINCT ON (c.incident_id) c.incident_id, c.claim_key
    FROM claims c JOIN sources s ON s.id = c.source_id
    WHERE c.claim_type = 'incident_report' AND c.incident_id IS NOT NULL
    ORDER BY c.incident_id, c.superseded_at IS NOT NULL, s.published_on NULLS LAST, c.claim_key
), ranked AS (
    SELECT incident_id, claim_key, row_number() OVER (PARTITION BY claim_key ORDER BY incident_id) AS n FROM canonical
)
UPDATE incidents i SET public_id = eventdb_public_id(r.claim_key)
FROM ranked r WHERE i.id = r.incident_id AND r.n = 1;
UPDATE incidents SET public_id = 'EV-' || id WHERE public_id IS NULL;
UPDATE incidents i SET status = 'withdrawn'
WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.incident_id = i.id AND c.superseded_at IS NULL);
"""


def upgrade() -> None:
    op.add_column("claims", sa.Column("claim_key", sa.BigInteger(), nullable=True, comment=CLAIM_KEY))
    # Public ids are ASCII: the C collation sorts and compares them byte by byte, fast.
    op.add_column("incidents", sa.Column("public_id", sa.Text(collation="C"), nullable=True, comment=PUBLIC_ID))
    op.add_column("incidents", sa.Column("status", sa.Text(), server_default="current", nullable=False,
                                         comment="current (a current claim reports it), withdrawn (every claim superseded or rejected; kept, may return) or merged (absorbed into merged_into_id)."))
    op.add_column("incidents", sa.Column("merged_into_id", sa.BigInteger(), nullable=True,
                                         comment="The incident this one was merged into (status merged); its public id redirects there."))
    conn = op.get_bind()
    for sql in (FUNCTIONS, FILL_CLAIM_KEYS, FILL_PUBLIC_IDS):
        conn.exec_driver_sql(sql)
    op.alter_column("claims", "claim_key", nullable=False)
    op.alter_column("incidents", "public_id", nullable=False)
    # The predicate names claim_key so that only queries on claim_key can use the index: a generic
    # plan made while claims was small once scanned it whole to find claims by incident_id.
    op.create_index("ix_claims_claim_key", "claims", ["claim_key"], unique=False,
                    postgresql_where=sa.text("claim_key IS NOT NULL AND superseded_at IS NULL"))
    op.create_unique_constraint(op.f("uq_incidents_public_id"), "incidents", ["public_id"], deferrable=True, initially="IMMEDIATE")
    op.create_foreign_key(op.f("fk_incidents_merged_into_id_incidents"), "incidents", "incidents", ["merged_into_id"], ["id"], ondelete="RESTRICT")
    op.create_check_constraint(op.f("ck_incidents_status"), "incidents", "status IN ('current', 'withdrawn', 'merged')")
    op.create_check_constraint(op.f("ck_incidents_merged_into"), "incidents", "(status = 'merged') = (merged_into_id IS NOT NULL)")
    op.execute("COMMENT ON TABLE incidents IS 'One real-world event, merged across the sources that report it; its fields are derived from its claims, with curators'' judgements applied (see judgements). Rows are never deleted: a merged incident stays with status ''merged''.'")
    op.create_table(
        "incident_redirects",
        sa.Column("public_id", sa.Text(collation="C"), nullable=False, comment="The old public id."),
        sa.Column("incident_id", sa.BigInteger(), nullable=False, comment="The incident it leads to (follow incidents.merged_into_id from there if that one was merged later)."),
        sa.Column("reason", sa.Text(), nullable=False, comment="renamed (an earlier report joined, so the id changed) or merged (the incident was absorbed by another)."),
        sa.Column("judgement_id", sa.BigInteger(), nullable=True, comment="The curator's merge that caused it, when one did (judgements.id)."),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False, comment="When the id started to redirect."),
        sa.CheckConstraint("reason IN ('renamed', 'merged')", name=op.f("ck_incident_redirects_reason")),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], name=op.f("fk_incident_redirects_incident_id_incidents"), ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("public_id", name=op.f("pk_incident_redirects")),
        comment="Public incident ids that no longer name a current incident, and the incident each now leads to: an id saved in a spreadsheet keeps resolving (reports.resolve_incident_id).",
    )
    op.create_index(op.f("ix_incident_redirects_incident_id"), "incident_redirects", ["incident_id"], unique=False)


def downgrade() -> None:
    views.drop_views(op.get_bind())
    op.execute("DROP FUNCTION IF EXISTS reports.resolve_incident_id(text)")
    op.drop_index(op.f("ix_incident_redirects_incident_id"), table_name="incident_redirects")
    op.drop_table("incident_redirects")
    op.execute("COMMENT ON TABLE incidents IS 'One real-world event, merged across the sources that report it; its fields are derived from its claims.'")
    op.drop_constraint(op.f("ck_incidents_merged_into"), "incidents", type_="check")
    op.drop_constraint(op.f("ck_incidents_status"), "incidents", type_="check")
    op.drop_constraint(op.f("fk_incidents_merged_into_id_incidents"), "incidents", type_="foreignkey")
    op.drop_constraint(op.f("uq_incidents_public_id"), "incidents", type_="unique")
    op.drop_index("ix_claims_claim_key", table_name="claims")
    op.execute("DROP TRIGGER incidents_default_public_id ON incidents")
    op.execute("DROP TRIGGER claims_default_claim_key ON claims")
    op.execute("DROP FUNCTION incidents_default_public_id(), claims_default_claim_key(), eventdb_public_id(bigint), eventdb_key(text[])")
    op.drop_column("incidents", "merged_into_id")
    op.drop_column("incidents", "status")
    op.drop_column("incidents", "public_id")
    op.drop_column("claims", "claim_key")
