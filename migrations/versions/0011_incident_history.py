"""Incident history: every version of every incident, with the transaction time it was current.

incident_history holds one row per version: the incident's columns as JSON (`fields`), the
fields that changed and their previous values, when the version became current (the start of the
transaction that wrote it) and when it stopped being current, and what caused it (an ingest run or
a curator's judgement, from the session setting `eventdb.change` the writer sets). A trigger on
incidents writes it, so every path that changes an incident is recorded, and nothing is deleted: a
version is only amended by the transaction that made it (an incident inserted and then filled in
the same transaction is one version).

incidents.source_count and claim_count are recorded on the incident so that history shows how well
sourced it was at any time.

Existing incidents get a first version, current since their last update (earlier states are not
known).

Revision ID: 0005_incident_history
Revises: 0004_claim_keys_public_ids
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from eventdb import views

revision = "0005_incident_history"
down_revision = "0004_claim_keys_public_ids"
branch_labels = None
depends_on = None

# Fields compared are those of the new row that the base version also has: a column added later
# (by a migration) is not a change. SECURITY DEFINER: a curator role that may update incidents
# needs no privilege on the history. Custom plans: an ingest session that starts on an empty
# database would otherwise keep plans made for an empty incident_history (a scan of the table)
# for the whole batch when no ANALYZE comes in between.
TRIGGER = r"""
CREATE FUNCTION record_incident_version() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET plan_cache_mode = force_custom_plan AS $$
DECLARE
    snap jsonb := to_jsonb(NEW) - 'id' - 'created_at' - 'updated_at';
    cause jsonb := coalesce(nullif(current_setting('eventdb.change', true), ''), '{}')::jsonb;
    run_id bigint := (cause ->> 'run')::bigint;
    judgement bigint := (cause ->> 'judgement')::bigint;
    open_version incident_history;
    base incident_history;
    changed text[];
    before jsonb;
    kind text;
BEGIN
    SELECT * INTO open_version FROM incident_history WHERE incident_id = NEW.id AND valid_to IS NULL;
    IF NOT FOUND THEN
        INSERT INTO incident_history (incident_id, version, public_id, valid_from, change, fields, ingest_run_id, judgement_id)
        VALUES (NEW.id, 1, NEW.public_id, now(), 'created', snap, run_id, judgement);
        RETURN NULL;
    END IF;
    IF open_version.fields = snap THEN
        RETURN NULL;
    END IF;
    IF open_version.valid_from = now() AND open_version.version = 1 THEN
        -- created by this same transaction: still its first version
        UPDATE incident_history SET fields = snap, public_id = NEW.public_id
        WHERE incident_id = NEW.id AND version = 1;
        RETURN NULL;
    END IF;
    IF open_version.valid_from = now() THEN
        -- changed again by the transaction that made the open version: amend it, relative to the one before
        SELECT * INTO base FROM incident_history WHERE incident_id = NEW.id AND version = open_version.version - 1;
    ELSE
        base := open_version;
    END IF;
    SELECT coalesce(array_agg(n.key ORDER BY n.key), '{}'), coalesce(jsonb_object_agg(n.key, base.fields -> n.key), '{}')
      INTO changed, before
      FROM jsonb_each(snap) n
     WHERE base.fields ? n.key AND n.value IS DISTINCT FROM base.fields -> n.key;
    kind := CASE
        WHEN NEW.status = 'merged' AND base.fields ->> 'status' IS DISTINCT FROM 'merged' THEN 'merged'
        WHEN NEW.status = 'withdrawn' AND base.fields ->> 'status' = 'current' THEN 'withdrawn'
        WHEN NEW.status = 'current' AND base.fields ->> 'status' IN ('withdrawn', 'merged') THEN 'restored'
        WHEN judgement IS NOT NULL THEN 'curated'
        WHEN changed = ARRAY['public_id'] THEN 'renamed'
        ELSE 'updated' END;
    IF open_version.valid_from = now() THEN
        IF changed = '{}' THEN
            -- this transaction put back what the version before held: its version never was
            DELETE FROM incident_history WHERE incident_id = NEW.id AND version = open_version.version;
            UPDATE incident_history SET valid_to = NULL WHERE incident_id = NEW.id AND version = base.version;
        ELSE
            UPDATE incident_history
               SET fields = snap, public_id = NEW.public_id, change = kind, changed_fields = changed, previous = before,
                   ingest_run_id = coalesce(run_id, ingest_run_id), judgement_id = coalesce(judgement, judgement_id)
             WHERE incident_id = NEW.id AND version = open_version.version;
        END IF;
        RETURN NULL;
    END IF;
    IF changed = '{}' THEN
        RETURN NULL;  -- only columns the version did not record yet
    END IF;
    UPDATE incident_history SET valid_to = now() WHERE incident_id = NEW.id AND version = open_version.version;
    INSERT INTO incident_history (incident_id, version, public_id, valid_from, change, changed_fields, previous, fields,
                                  ingest_run_id, judgement_id)
    VALUES (NEW.id, open_version.version + 1, NEW.public_id, now(), kind, changed, before, snap, run_id, judgement);
    RETURN NULL;
END $$;
COMMENT ON FUNCTION record_incident_version() IS 'Trigger on incidents: records each transaction''s change of an incident as a version in incident_history.';
CREATE TRIGGER record_incident_version AFTER INSERT OR UPDATE ON incidents
    FOR EACH ROW EXECUTE FUNCTION record_incident_version();
"""

FILL = r"""
UPDATE incidents i SET source_count = e.sources, claim_count = e.claims
FROM (SELECT incident_id, count(DISTINCT source_id) AS sources, count(*) AS claims
      FROM claims WHERE superseded_at IS NULL AND incident_id IS NOT NULL GROUP BY incident_id) e
WHERE i.id = e.incident_id;
INSERT INTO incident_history (incident_id, version, public_id, valid_from, change, fields)
SELECT i.id, 1, i.public_id, i.updated_at, 'created', to_jsonb(i) - 'id' - 'created_at' - 'updated_at'
FROM incidents i;
"""


def upgrade() -> None:
    op.add_column("incidents", sa.Column("source_count", sa.Integer(), server_default="0", nullable=False,
                                         comment="Articles with a current, not rejected claim about the incident (recorded so that history shows it)."))
    op.add_column("incidents", sa.Column("claim_count", sa.Integer(), server_default="0", nullable=False,
                                         comment="Current, not rejected claims about the incident."))
    op.create_table(
        "incident_history",
        sa.Column("incident_id", sa.BigInteger(), nullable=False, comment="The incident (incidents.id)."),
        sa.Column("version", sa.Integer(), nullable=False, comment="1 for the incident as created, then one more per transaction that changed it."),
        sa.Column("public_id", sa.Text(collation="C"), nullable=False, comment="Its public id in this version."),
        sa.Column("valid_from", sa.DateTime(timezone=True), nullable=False, comment="Start of the transaction that made this version."),
        sa.Column("valid_to", sa.DateTime(timezone=True), nullable=True, comment="Start of the transaction that replaced it; NULL for the current version."),
        sa.Column("change", sa.Text(), nullable=False, comment="created, updated, curated, renamed, merged (absorbed into another), withdrawn or restored."),
        sa.Column("changed_fields", postgresql.ARRAY(sa.Text()), server_default="{}", nullable=False, comment="Columns whose value differs from the previous version."),
        sa.Column("previous", postgresql.JSONB(astext_type=sa.Text()), server_default="{}", nullable=False, comment="The previous version's values of changed_fields."),
        sa.Column("fields", postgresql.JSONB(astext_type=sa.Text()), nullable=False, comment="Every column of the incident in this version (jsonb_populate_record(NULL::incidents, fields) gives the row)."),
        sa.Column("ingest_run_id", sa.BigInteger(), nullable=True, comment="The ingest or reextract run that made the change (ingest_runs.id), when one did."),
        sa.Column("judgement_id", sa.BigInteger(), nullable=True, comment="The curator's judgement that made the change (judgements.id), when one did."),
        sa.CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name=op.f("ck_incident_history_valid_range")),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], name=op.f("fk_incident_history_incident_id_incidents"), ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("incident_id", "version", name=op.f("pk_incident_history")),
        comment="Every version of every incident with the transaction time it was current in the database (valid_from to valid_to), written by a trigger on incidents: what the database said at any time. Append-only.",
    )
    op.create_index("ix_incident_history_incident_id_current", "incident_history", ["incident_id"], unique=True, postgresql_where=sa.text("valid_to IS NULL"))
    op.create_index("ix_incident_history_valid_from", "incident_history", ["valid_from"], unique=False)
    op.create_index("ix_incident_history_public_id", "incident_history", ["public_id"], unique=False)
    conn = op.get_bind()
    conn.exec_driver_sql(FILL)
    conn.exec_driver_sql(TRIGGER)


def downgrade() -> None:
    views.drop_views(op.get_bind())
    op.execute("DROP FUNCTION IF EXISTS reports.incidents_as_of(timestamptz), reports.incident_diff(timestamptz)")
    op.execute("DROP TRIGGER record_incident_version ON incidents")
    op.execute("DROP FUNCTION record_incident_version()")
    op.drop_index("ix_incident_history_public_id", table_name="incident_history")
    op.drop_index("ix_incident_history_valid_from", table_name="incident_history")
    op.drop_index("ix_incident_history_incident_id_current", table_name="incident_history", postgresql_where=sa.text("valid_to IS NULL"))
    op.drop_table("incident_history")
    op.drop_column("incidents", "claim_count")
    op.drop_column("incidents", "source_count")
