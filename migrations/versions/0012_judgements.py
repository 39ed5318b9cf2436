"""Curators' judgements, and where they are applied.

judgements is the append-only log of what curators decided (eventdb/curation.py): reject a
claim, correct a field of a claim or of an incident, merge incidents, split a report off an
incident, resolve a name, undo one of these. Claims and incidents carry what is in force on them:
claims.rejected, claims.extracted (the extractor's values of the columns a curator corrected),
claims.judgement_ids; incidents.judgement_ids and curated_fields. Storing and re-extraction
re-apply the judgements to the claims they write (eventdb/judgements.py).


Revision ID: 0006_judgements
Revises: 0005_incident_history
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from eventdb import views

revision = "0006_judgements"
down_revision = "0005_incident_history"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "judgements",
        sa.Column("id", sa.BigInteger(), nullable=False, comment="Judgement id (shown in views as judgement_ids)."),
        sa.Column("kind", sa.Text(), nullable=False, comment="reject_claim, correct_claim, correct_incident, merge_incidents, split_report, resolve_name or undo."),
        sa.Column("target", sa.Text(), nullable=False, comment="What the curator named: a claim id, an incident id as given, a name, or the judgement undone."),
        sa.Column("claim_key", sa.BigInteger(), nullable=True, comment="Claim judgements: the claim's stable key (claims.claim_key), which re-extracted claims inherit."),
        sa.Column("claim_id", sa.BigInteger(), nullable=True, comment="Claim judgements: the claim it was made on (claims.id at the time)."),
        sa.Column("incident_id", sa.BigInteger(), nullable=True, comment="Incident judgements: the incident it applies to (a correction follows its incident into a merge); a merge: the surviving incident; a split: the incident the report left."),
        sa.Column("other_incident_id", sa.BigInteger(), nullable=True, comment="A merge: the incident absorbed; a split: the incident the report went to."),
        sa.Column("field", sa.Text(), nullable=True, comment="Corrections: the field set; resolve_name: actor or place."),
        sa.Column("value", postgresql.JSONB(astext_type=sa.Text()), nullable=True, comment="Corrections: the value set (JSON); resolve_name: the reference key."),
        sa.Column("previous_value", postgresql.JSONB(astext_type=sa.Text()), nullable=True, comment="Corrections: the value before (the machine's, or an earlier judgement's)."),
        sa.Column("undoes", sa.BigInteger(), nullable=True, comment="undo: the judgement it withdraws."),
        sa.Column("withdrawn_by", sa.BigInteger(), nullable=True, comment="The undo judgement that withdrew this one; NULL while in force."),
        sa.Column("curator", sa.Text(), nullable=False, comment="Who made it (--by, else EVENTDB_CURATOR, else the login name)."),
        sa.Column("db_role", sa.Text(), server_default=sa.text("CURRENT_USER"), nullable=False, comment="The database role that recorded it."),
        sa.Column("reason", sa.Text(), nullable=False, comment="Why, in the curator's words."),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False, comment="When it was made."),
        sa.CheckConstraint("kind IN ('reject_claim', 'correct_claim', 'correct_incident', 'merge_incidents', 'split_report', 'resolve_name', 'undo')", name=op.f("ck_judgements_kind")),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], name=op.f("fk_judgements_incident_id_incidents"), ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["other_incident_id"], ["incidents.id"], name=op.f("fk_judgements_other_incident_id_incidents"), ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["undoes"], ["judgements.id"], name=op.f("fk_judgements_undoes_judgements"), ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["withdrawn_by"], ["judgements.id"], name=op.f("fk_judgements_withdrawn_by_judgements"), ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_judgements")),
        comment="Curators' judgements (append-only): reject a claim, correct a field of a claim or an incident, merge two incidents, split a report off an incident, resolve a name, undo one of these. They outrank the machine and survive re-extraction: reports.judgements lists them with what they apply to now.",
    )
    op.create_index("ix_judgements_claim_key", "judgements", ["claim_key"], unique=False, postgresql_where=sa.text("claim_key IS NOT NULL"))
    op.create_index("ix_judgements_incident_id", "judgements", ["incident_id"], unique=False)
    op.create_index("ix_judgements_other_incident_id", "judgements", ["other_incident_id"], unique=False)
    op.add_column("claims", sa.Column("rejected", sa.Boolean(), server_default=sa.text("false"), nullable=False,
                                      comment="A curator rejected the claim (a reject_claim judgement in force): views and incidents leave it out. Set from judgements, never by hand."))
    op.add_column("claims", sa.Column("extracted", postgresql.JSONB(astext_type=sa.Text()), server_default="{}", nullable=False,
                                      comment="The extractor's values of the columns a curator corrected (the columns hold the curated values), by column name; perpetrator and target for corrected actors. Set from judgements, never by hand."))
    op.add_column("claims", sa.Column("judgement_ids", postgresql.ARRAY(sa.BigInteger()), server_default="{}", nullable=False,
                                      comment="Judgements in force on this claim (rejection, corrections, split, names resolved)."))
    op.add_column("incidents", sa.Column("judgement_ids", postgresql.ARRAY(sa.BigInteger()), server_default="{}", nullable=False,
                                         comment="Judgements in force that shaped the incident: its own (corrections, merges, splits) and those on its claims."))
    op.add_column("incidents", sa.Column("curated_fields", postgresql.ARRAY(sa.Text()), server_default="{}", nullable=False,
                                         comment="Fields whose value a curator set (correct_incident judgements); the others are derived from the claims."))


def downgrade() -> None:
    views.drop_views(op.get_bind())
    op.drop_column("incidents", "curated_fields")
    op.drop_column("incidents", "judgement_ids")
    op.drop_column("claims", "judgement_ids")
    op.drop_column("claims", "extracted")
    op.drop_column("claims", "rejected")
    op.drop_index("ix_judgements_other_incident_id", table_name="judgements")
    op.drop_index("ix_judgements_incident_id", table_name="judgements")
    op.drop_index("ix_judgements_claim_key", table_name="judgements", postgresql_where=sa.text("claim_key IS NOT NULL"))
    op.drop_table("judgements")
