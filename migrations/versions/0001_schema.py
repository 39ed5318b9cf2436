"""Schema: reference tables, sources, claims, incidents, statistics.

The first migration creates every table with its constraints, indexes and
comments (generated from eventdb/models.py, then reviewed).

Revision ID: 0001
Revises: 
Create Date: 2026-11-22 04:11:18.443165
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('actors',
    sa.Column('id', sa.Integer(), nullable=False, comment='Surrogate key.'),
    sa.Column('key', sa.Text(), nullable=False, comment='Stable key from seeds/reference/actors.toml; never changes.'),
    sa.Column('name', sa.Text(), nullable=False, comment='Canonical name, as reports print it (e.g. "Kata\'ib Hezbollah").'),
    sa.Column('kind', sa.Text(), nullable=False, comment='state, state_force, state_agency, government_body, militia, militia_coalition, armed_group, political_party, person or international_org.'),
    sa.Column('country_code', sa.String(length=2), nullable=True, comment='ISO 3166-1 alpha-2 country the actor belongs to or operates from.'),
    sa.Column('description', sa.Text(), nullable=True, comment="One-line curator's description."),
    sa.CheckConstraint("kind IN ('state', 'state_force', 'state_agency', 'government_body', 'militia', 'militia_coalition', 'armed_group', 'political_party', 'person', 'international_org')", name=op.f('ck_actors_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_actors')),
    sa.UniqueConstraint('key', name=op.f('uq_actors_key')),
    sa.UniqueConstraint('name', name=op.f('uq_actors_name')),
    comment='Curated actors: states, state forces, militias and coalitions, parties, persons, organisations.'
    )
    op.create_table('ingest_runs',
    sa.Column('id', sa.BigInteger(), nullable=False, comment='Surrogate key.'),
    sa.Column('command', sa.Text(), nullable=False, comment='ingest, reextract or reference.'),
    sa.Column('started_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False, comment='When the run started.'),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True, comment='When the run finished; NULL while running or after a crash.'),
    sa.Column('extractor_version', sa.Text(), nullable=False, comment='Version of the extraction rules used.'),
    sa.Column('inputs', postgresql.ARRAY(sa.Text()), server_default='{}', nullable=False, comment='Paths given on the command line.'),
    sa.Column('articles_read', sa.Integer(), server_default='0', nullable=False, comment='Articles read from the inputs.'),
    sa.Column('articles_added', sa.Integer(), server_default='0', nullable=False, comment='New sources stored.'),
    sa.Column('articles_unchanged', sa.Integer(), server_default='0', nullable=False, comment='Articles whose normalized text was already stored.'),
    sa.Column('articles_updated', sa.Integer(), server_default='0', nullable=False, comment='Revisions of an already stored url.'),
    sa.Column('articles_failed', sa.Integer(), server_default='0', nullable=False, comment='Inputs that could not be read or stored.'),
    sa.Column('incidents_created', sa.Integer(), server_default='0', nullable=False, comment='Incidents created.'),
    sa.Column('incidents_merged', sa.Integer(), server_default='0', nullable=False, comment='Incident reports merged into an existing incident.'),
    sa.Column('claims_stored', sa.Integer(), server_default='0', nullable=False, comment='Claims stored (incident reports included).'),
    sa.Column('errors', postgresql.JSONB(astext_type=sa.Text()), server_default='[]', nullable=False, comment='One object per failed input: path, line (JSONL), reason.'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ingest_runs')),
    comment='One run of `eventdb ingest` or `eventdb reextract`: when, with which extractor, what came of it.'
    )
    op.create_table('outlets',
    sa.Column('id', sa.Integer(), nullable=False, comment='Surrogate key.'),
    sa.Column('key', sa.Text(), nullable=False, comment='Stable key from the reference data (usually the domain), or derived from the name for outlets first seen in an article.'),
    sa.Column('name', sa.Text(), nullable=False, comment="Display name, e.g. 'The Guardian'."),
    sa.Column('domain', sa.Text(), nullable=True, comment="Web domain without 'www.', when known."),
    sa.Column('kind', sa.Text(), server_default='unknown', nullable=False, comment='state_media, newspaper, wire, broadcaster, think_tank, aggregator, news_site or unknown.'),
    sa.Column('country_code', sa.String(length=2), nullable=True, comment='ISO 3166-1 alpha-2 code of the country the outlet is based in.'),
    sa.Column('state_affiliation', sa.String(length=2), nullable=True, comment='Country code of the state that owns or directs the outlet, when known (e.g. RU for Sputnik).'),
    sa.Column('aliases', postgresql.ARRAY(sa.Text()), server_default='{}', nullable=False, comment='Other names the outlet is cited by in text.'),
    sa.Column('curated', sa.Boolean(), server_default=sa.text('false'), nullable=False, comment='True when the row comes from the reference data, false when first seen in an article.'),
    sa.CheckConstraint("kind IN ('state_media', 'newspaper', 'wire', 'broadcaster', 'think_tank', 'aggregator', 'news_site', 'unknown')", name=op.f('ck_outlets_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outlets')),
    sa.UniqueConstraint('key', name=op.f('uq_outlets_key')),
    comment='Publishers of articles (and outlets that articles cite or were republished from).'
    )
    op.create_table('places',
    sa.Column('id', sa.Integer(), nullable=False, comment='Surrogate key.'),
    sa.Column('key', sa.Text(), nullable=False, comment='Stable key from seeds/reference/places*.toml.'),
    sa.Column('name', sa.Text(), nullable=False, comment='Canonical name.'),
    sa.Column('kind', sa.Text(), nullable=False, comment='country, region, city, town, base, airport, facility, embassy, oil_field, border_crossing, district or sea.'),
    sa.Column('country_code', sa.String(length=2), nullable=True, comment='ISO 3166-1 alpha-2 country code.'),
    sa.Column('latitude', sa.Float(), nullable=True, comment='WGS84 latitude in decimal degrees.'),
    sa.Column('longitude', sa.Float(), nullable=True, comment='WGS84 longitude in decimal degrees.'),
    sa.Column('parent_id', sa.Integer(), nullable=True, comment="Enclosing place (a base's province, a city's country)."),
    sa.CheckConstraint("kind IN ('country', 'region', 'city', 'town', 'base', 'airport', 'facility', 'embassy', 'oil_field', 'border_crossing', 'district', 'sea')", name=op.f('ck_places_kind')),
    sa.CheckConstraint('latitude IS NULL OR latitude BETWEEN -90 AND 90', name=op.f('ck_places_latitude')),
    sa.CheckConstraint('longitude IS NULL OR longitude BETWEEN -180 AND 180', name=op.f('ck_places_longitude')),
    sa.ForeignKeyConstraint(['parent_id'], ['places.id'], name=op.f('fk_places_parent_id_places'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_places')),
    sa.UniqueConstraint('key', name=op.f('uq_places_key')),
    comment='Curated places: countries, regions, cities, bases, airports, facilities, embassies.'
    )
    op.create_index(op.f('ix_places_country_code'), 'places', ['country_code'], unique=False)
    op.create_table('actor_aliases',
    sa.Column('id', sa.Integer(), nullable=False, comment='Surrogate key.'),
    sa.Column('actor_id', sa.Integer(), nullable=False, comment='The actor this alias names.'),
    sa.Column('alias', sa.Text(), nullable=False, comment='The alias as written.'),
    sa.Column('is_adjective', sa.Boolean(), server_default=sa.text('false'), nullable=False, comment="True for demonyms ('Israeli') that name the actor only as an attribute."),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_actor_aliases_actor_id_actors'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_actor_aliases')),
    sa.UniqueConstraint('actor_id', 'alias', name=op.f('uq_actor_aliases_actor_id_alias')),
    comment="Names and spelling variants an actor is written as (Kata'ib / Kataib / Kataeb Hezbollah)."
    )
    op.create_index(op.f('ix_actor_aliases_actor_id'), 'actor_aliases', ['actor_id'], unique=False)
    op.create_index('ix_actor_aliases_alias_folded', 'actor_aliases', [sa.literal_column('lower(alias)')], unique=False)
    op.create_table('affiliations',
    sa.Column('id', sa.Integer(), nullable=False, comment='Surrogate key.'),
    sa.Column('actor_id', sa.Integer(), nullable=False, comment='The actor the relation starts from (the member, the backed group, the front).'),
    sa.Column('related_actor_id', sa.Integer(), nullable=False, comment='The actor it is related to (the coalition, the backer, the group fronted for).'),
    sa.Column('relation', sa.Text(), nullable=False, comment='member_of, backed_by, front_for, part_of, commands or allied_with.'),
    sa.Column('valid_from', sa.Date(), nullable=True, comment='First day the relation holds, when known.'),
    sa.Column('valid_to', sa.Date(), nullable=True, comment='Last day the relation holds, when it has ended.'),
    sa.Column('evidence_key', sa.Text(), nullable=False, comment="What establishes the relation: 'reference:<file>' for curated rows, 'claim:<claim_id>' for a statement in an article."),
    sa.Column('reference_file', sa.Text(), nullable=True, comment='Reference file the curated relation comes from.'),
    sa.Column('source_id', sa.BigInteger(), nullable=True, comment='Source whose text states the relation (no foreign key: affiliations are a reference table).'),
    sa.Column('claim_id', sa.BigInteger(), nullable=True, comment='Claim that states the relation (no foreign key, as for source_id).'),
    sa.Column('note', sa.Text(), nullable=True, comment="Curator's note on the basis of the relation, or the quote that states it."),
    sa.CheckConstraint("relation IN ('member_of', 'backed_by', 'front_for', 'part_of', 'commands', 'allied_with')", name=op.f('ck_affiliations_relation')),
    sa.CheckConstraint('actor_id <> related_actor_id', name=op.f('ck_affiliations_not_self')),
    sa.CheckConstraint('reference_file IS NOT NULL OR source_id IS NOT NULL', name=op.f('ck_affiliations_has_evidence')),
    sa.CheckConstraint('valid_to IS NULL OR valid_from IS NULL OR valid_from <= valid_to', name=op.f('ck_affiliations_valid_range')),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_affiliations_actor_id_actors'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['related_actor_id'], ['actors.id'], name=op.f('fk_affiliations_related_actor_id_actors'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_affiliations')),
    sa.UniqueConstraint('actor_id', 'related_actor_id', 'relation', 'evidence_key', name=op.f('uq_affiliations_actor_id_related_actor_id_relation_evidence_key')),
    comment='Relations between actors (member_of, backed_by, front_for, part_of, commands, allied_with) with their validity and evidence.'
    )
    op.create_index(op.f('ix_affiliations_actor_id'), 'affiliations', ['actor_id'], unique=False)
    op.create_index(op.f('ix_affiliations_related_actor_id'), 'affiliations', ['related_actor_id'], unique=False)
    op.create_table('incidents',
    sa.Column('id', sa.BigInteger(), nullable=False, comment='Surrogate key.'),
    sa.Column('occurred_on', sa.Date(), nullable=True, comment='Date of the event (first day of the week/month/year when less precise).'),
    sa.Column('date_precision', sa.Text(), nullable=False, comment='day, week, month, year or unknown.'),
    sa.Column('event_type', sa.Text(), nullable=False, comment='attack, airstrike, assassination or sabotage.'),
    sa.Column('place_id', sa.Integer(), nullable=True, comment='Where it happened, resolved to a reference place.'),
    sa.Column('place_text', sa.Text(), nullable=True, comment='The place as written when it matched no reference place.'),
    sa.Column('country_code', sa.String(length=2), nullable=True, comment='Country where it happened.'),
    sa.Column('outcome', sa.Text(), server_default='unknown', nullable=False, comment='hit, intercepted or unknown.'),
    sa.Column('weapons', postgresql.ARRAY(sa.Text()), server_default='{}', nullable=False, comment='Weapon keys from seeds/reference/weapons.toml, across all claims.'),
    sa.Column('perpetrator_actor_id', sa.Integer(), nullable=True, comment='Perpetrator, chosen from claims: claimed over attributed over reported.'),
    sa.Column('perpetrator_text', sa.Text(), nullable=True, comment='Perpetrator as written when it matched no reference actor.'),
    sa.Column('perpetrator_basis', sa.Text(), server_default='unknown', nullable=False, comment="claimed (the perpetrator says so), attributed (a third party blames it), reported (the outlet's own voice) or unknown."),
    sa.Column('target_actor_id', sa.Integer(), nullable=True, comment='Target actor.'),
    sa.Column('target_text', sa.Text(), nullable=True, comment='Target as written when it matched no reference actor.'),
    sa.Column('killed_low', sa.Integer(), nullable=True, comment='Lowest number killed stated by any source.'),
    sa.Column('killed_high', sa.Integer(), nullable=True, comment='Highest number killed stated by any source.'),
    sa.Column('injured_low', sa.Integer(), nullable=True, comment='Lowest number injured stated by any source.'),
    sa.Column('injured_high', sa.Integer(), nullable=True, comment='Highest number injured stated by any source.'),
    sa.Column('projectiles_low', sa.Integer(), nullable=True, comment='Lowest number of rockets, missiles or drones stated by any source.'),
    sa.Column('projectiles_high', sa.Integer(), nullable=True, comment='Highest number of projectiles stated by any source.'),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False, comment='When the incident was created.'),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False, comment='When a claim last changed the incident.'),
    sa.CheckConstraint("(occurred_on IS NULL) = (date_precision = 'unknown')", name=op.f('ck_incidents_date_known')),
    sa.CheckConstraint("date_precision IN ('day', 'week', 'month', 'year', 'unknown')", name=op.f('ck_incidents_date_precision')),
    sa.CheckConstraint("event_type IN ('attack', 'airstrike', 'assassination', 'sabotage')", name=op.f('ck_incidents_event_type')),
    sa.CheckConstraint("outcome IN ('hit', 'intercepted', 'unknown')", name=op.f('ck_incidents_outcome')),
    sa.CheckConstraint("perpetrator_basis IN ('claimed', 'attributed', 'reported', 'unknown')", name=op.f('ck_incidents_perpetrator_basis')),
    sa.CheckConstraint('killed_low <= killed_high AND injured_low <= injured_high AND projectiles_low <= projectiles_high', name=op.f('ck_incidents_low_high')),
    sa.ForeignKeyConstraint(['perpetrator_actor_id'], ['actors.id'], name=op.f('fk_incidents_perpetrator_actor_id_actors'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['place_id'], ['places.id'], name=op.f('fk_incidents_place_id_places'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['target_actor_id'], ['actors.id'], name=op.f('fk_incidents_target_actor_id_actors'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incidents')),
    comment='One real-world event, merged across the sources that report it; its fields are derived from its claims.'
    )
    op.create_index('ix_incidents_occurred_on_event_type', 'incidents', ['occurred_on', 'event_type'], unique=False)
    op.create_index(op.f('ix_incidents_perpetrator_actor_id'), 'incidents', ['perpetrator_actor_id'], unique=False)
    op.create_index(op.f('ix_incidents_place_id'), 'incidents', ['place_id'], unique=False)
    op.create_table('place_aliases',
    sa.Column('id', sa.Integer(), nullable=False, comment='Surrogate key.'),
    sa.Column('place_id', sa.Integer(), nullable=False, comment='The place this alias names.'),
    sa.Column('alias', sa.Text(), nullable=False, comment='The alias as written.'),
    sa.ForeignKeyConstraint(['place_id'], ['places.id'], name=op.f('fk_place_aliases_place_id_places'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_place_aliases')),
    sa.UniqueConstraint('place_id', 'alias', name=op.f('uq_place_aliases_place_id_alias')),
    comment='Names and spelling variants a place is written as (Ain al-Asad / Ain al-Assad).'
    )
    op.create_index('ix_place_aliases_alias_folded', 'place_aliases', [sa.literal_column('lower(alias)')], unique=False)
    op.create_index(op.f('ix_place_aliases_place_id'), 'place_aliases', ['place_id'], unique=False)
    op.create_table('sources',
    sa.Column('id', sa.BigInteger(), autoincrement=False, nullable=False, comment='Hash-derived key: the first 63 bits of content_sha256.'),
    sa.Column('content_sha256', sa.String(length=64), nullable=False, comment='SHA-256 (hex) of the normalized text: the same text is never stored twice.'),
    sa.Column('url', sa.Text(), nullable=True, comment='Canonical URL, when known; unique among current (not superseded) sources.'),
    sa.Column('outlet_id', sa.Integer(), nullable=True, comment="Publisher, from the url's domain or the --outlet option."),
    sa.Column('title', sa.Text(), nullable=True, comment='Headline.'),
    sa.Column('published_on', sa.Date(), nullable=True, comment='Publication date; relative dates in the text are resolved against it.'),
    sa.Column('text', sa.Text(), nullable=False, comment='The normalized article text (Unicode NFC); claim offsets index it exactly.'),
    sa.Column('origin', sa.Text(), nullable=False, comment="Where the article came from: file path, 'path:line' for JSONL, or '<stdin>'."),
    sa.Column('republished_from_outlet_id', sa.Integer(), nullable=True, comment="Outlet the article says it was republished from ('Original Source: ...', 'Read more at ...')."),
    sa.Column('republished_from_text', sa.Text(), nullable=True, comment="The republication line's outlet as written."),
    sa.Column('revises_source_id', sa.BigInteger(), nullable=True, comment='Earlier source with the same url that this text revises.'),
    sa.Column('superseded_at', sa.DateTime(timezone=True), nullable=True, comment='When a newer revision of the same url arrived; NULL for the current text.'),
    sa.Column('extractor_version', sa.Text(), nullable=False, comment='Extractor version whose claims are current for this source.'),
    sa.Column('ingest_run_id', sa.BigInteger(), nullable=True, comment='Run that stored the source.'),
    sa.Column('ingested_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False, comment='When the source was stored.'),
    sa.CheckConstraint("content_sha256 ~ '^[0-9a-f]{64}$'", name=op.f('ck_sources_sha256')),
    sa.ForeignKeyConstraint(['ingest_run_id'], ['ingest_runs.id'], name=op.f('fk_sources_ingest_run_id_ingest_runs'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['outlet_id'], ['outlets.id'], name=op.f('fk_sources_outlet_id_outlets'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['republished_from_outlet_id'], ['outlets.id'], name=op.f('fk_sources_republished_from_outlet_id_outlets'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['revises_source_id'], ['sources.id'], name=op.f('fk_sources_revises_source_id_sources'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sources')),
    sa.UniqueConstraint('content_sha256', name=op.f('uq_sources_content_sha256')),
    comment='One article, its text kept whole; claims index into that text by character offsets.'
    )
    op.create_index(op.f('ix_sources_outlet_id'), 'sources', ['outlet_id'], unique=False)
    op.create_index(op.f('ix_sources_published_on'), 'sources', ['published_on'], unique=False)
    op.create_index('uq_sources_url_current', 'sources', ['url'], unique=True, postgresql_where=sa.text('url IS NOT NULL AND superseded_at IS NULL'))
    op.create_table('claims',
    sa.Column('id', sa.BigInteger(), autoincrement=False, nullable=False, comment='Hash-derived key: source, extractor version and position of the assertion.'),
    sa.Column('source_id', sa.BigInteger(), nullable=False, comment='The article making the assertion.'),
    sa.Column('extractor_version', sa.Text(), nullable=False, comment='Version of the extraction rules that produced the claim.'),
    sa.Column('claim_type', sa.Text(), nullable=False, comment='incident_report, responsibility_claimed, responsibility_denied, attribution, involvement_denied, interception, casualty_report, confirmation, non_confirmation or affiliation.'),
    sa.Column('stance', sa.Text(), nullable=False, comment="asserted, denied, not_confirmed or hedged ('reportedly', 'suspected', 'sources said')."),
    sa.Column('claimant_actor_id', sa.Integer(), nullable=True, comment='Actor who asserts it; NULL when the outlet asserts it in its own voice or the claimant is unresolved.'),
    sa.Column('claimant_outlet_id', sa.Integer(), nullable=True, comment="Outlet cited as the claimant ('the Times of Israel reported')."),
    sa.Column('claimant_text', sa.Text(), nullable=True, comment="The words used for the claimant ('Iraqi sources', 'the Iraqi army'); NULL for the outlet's own voice."),
    sa.Column('incident_id', sa.BigInteger(), nullable=True, comment='Incident the claim is about, once resolved.'),
    sa.Column('local_incident', sa.Text(), nullable=True, comment='Extraction-local incident id: claims of one source about the same event share it.'),
    sa.Column('event_type', sa.Text(), nullable=True, comment='Event type as this source states it.'),
    sa.Column('occurred_on', sa.Date(), nullable=True, comment='Event date as this source states it, resolved against the publication date.'),
    sa.Column('date_precision', sa.Text(), server_default='unknown', nullable=False, comment='Precision of occurred_on: day, week, month, year or unknown.'),
    sa.Column('date_text', sa.Text(), nullable=True, comment="The date words as written ('on Friday', 'overnight')."),
    sa.Column('place_id', sa.Integer(), nullable=True, comment='Place as this source states it, resolved.'),
    sa.Column('place_text', sa.Text(), nullable=True, comment='The place as written.'),
    sa.Column('country_code', sa.String(length=2), nullable=True, comment='Country of the place, when known.'),
    sa.Column('weapons', postgresql.ARRAY(sa.Text()), server_default='{}', nullable=False, comment='Weapon keys this source names for the event.'),
    sa.Column('outcome', sa.Text(), nullable=True, comment='hit, intercepted or unknown, as this source states it.'),
    sa.Column('killed', sa.Integer(), nullable=True, comment='Number killed this source states.'),
    sa.Column('injured', sa.Integer(), nullable=True, comment='Number injured this source states.'),
    sa.Column('projectiles', sa.Integer(), nullable=True, comment='Number of rockets, missiles or drones this source states.'),
    sa.Column('perpetrator_basis', sa.Text(), nullable=True, comment='For incident reports and responsibility/attribution claims: claimed, attributed, reported or unknown.'),
    sa.Column('relation', sa.Text(), nullable=True, comment='For affiliation claims: the relation stated between subject and related actor.'),
    sa.Column('quote', sa.Text(), nullable=False, comment='The exact words of the source: sources.text[char_start:char_end].'),
    sa.Column('char_start', sa.Integer(), nullable=False, comment="Offset of the quote's first character in sources.text (0-based, in characters)."),
    sa.Column('char_end', sa.Integer(), nullable=False, comment="Offset just past the quote's last character."),
    sa.Column('sentence_index', sa.Integer(), nullable=False, comment='0-based index of the sentence the quote starts in.'),
    sa.Column('confidence', sa.Float(), nullable=False, comment="Extractor's confidence, 0 to 1."),
    sa.Column('superseded_at', sa.DateTime(timezone=True), nullable=True, comment='When a revision of the source or a newer extractor replaced this claim; NULL for current claims.'),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False, comment='When the claim was stored.'),
    sa.CheckConstraint("claim_type IN ('incident_report', 'responsibility_claimed', 'responsibility_denied', 'attribution', 'involvement_denied', 'interception', 'casualty_report', 'confirmation', 'non_confirmation', 'affiliation')", name=op.f('ck_claims_claim_type')),
    sa.CheckConstraint("date_precision IN ('day', 'week', 'month', 'year', 'unknown')", name=op.f('ck_claims_date_precision')),
    sa.CheckConstraint("event_type IS NULL OR event_type IN ('attack', 'airstrike', 'assassination', 'sabotage')", name=op.f('ck_claims_event_type')),
    sa.CheckConstraint("outcome IS NULL OR outcome IN ('hit', 'intercepted', 'unknown')", name=op.f('ck_claims_outcome')),
    sa.CheckConstraint("perpetrator_basis IS NULL OR perpetrator_basis IN ('claimed', 'attributed', 'reported', 'unknown')", name=op.f('ck_claims_perpetrator_basis')),
    sa.CheckConstraint("relation IS NULL OR relation IN ('member_of', 'backed_by', 'front_for', 'part_of', 'commands', 'allied_with')", name=op.f('ck_claims_relation')),
    sa.CheckConstraint("stance IN ('asserted', 'denied', 'not_confirmed', 'hedged')", name=op.f('ck_claims_stance')),
    sa.CheckConstraint('char_start >= 0 AND char_end > char_start', name=op.f('ck_claims_offsets')),
    sa.CheckConstraint('confidence BETWEEN 0 AND 1', name=op.f('ck_claims_confidence')),
    sa.CheckConstraint('killed >= 0 AND injured >= 0 AND projectiles >= 0', name=op.f('ck_claims_counts')),
    sa.ForeignKeyConstraint(['claimant_actor_id'], ['actors.id'], name=op.f('fk_claims_claimant_actor_id_actors'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['claimant_outlet_id'], ['outlets.id'], name=op.f('fk_claims_claimant_outlet_id_outlets'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_claims_incident_id_incidents'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['place_id'], ['places.id'], name=op.f('fk_claims_place_id_places'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_claims_source_id_sources'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claims')),
    comment='One assertion of one source, with provenance: who asserts it, in which stance, the exact quote and its offsets.'
    )
    op.create_index(op.f('ix_claims_claimant_actor_id'), 'claims', ['claimant_actor_id'], unique=False)
    op.create_index('ix_claims_incident_id', 'claims', ['incident_id'], unique=False, postgresql_where=sa.text('superseded_at IS NULL'))
    op.create_index('ix_claims_source_id', 'claims', ['source_id'], unique=False)
    op.create_table('name_mentions',
    sa.Column('id', sa.BigInteger(), autoincrement=False, nullable=False, comment='Hash-derived key.'),
    sa.Column('source_id', sa.BigInteger(), nullable=False, comment='Article the name appears in.'),
    sa.Column('extractor_version', sa.Text(), nullable=False, comment='Extractor version.'),
    sa.Column('name', sa.Text(), nullable=False, comment='The name as written.'),
    sa.Column('kind', sa.Text(), nullable=False, comment='actor or place: what the name was used as.'),
    sa.Column('quote', sa.Text(), nullable=False, comment='The sentence it appears in.'),
    sa.Column('char_start', sa.Integer(), nullable=False, comment='Offset of the name in sources.text.'),
    sa.Column('char_end', sa.Integer(), nullable=False, comment='Offset just past the name.'),
    sa.Column('superseded_at', sa.DateTime(timezone=True), nullable=True, comment='When replaced by a revision or a newer extractor.'),
    sa.CheckConstraint("kind IN ('actor', 'place')", name=op.f('ck_name_mentions_kind')),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_name_mentions_source_id_sources'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_name_mentions')),
    comment="Names the extractor saw in a role (perpetrator, claimant, place) that match no reference actor or place: the curators' to-do list."
    )
    op.create_index('ix_name_mentions_name', 'name_mentions', ['name'], unique=False)
    op.create_index('ix_name_mentions_source_id', 'name_mentions', ['source_id'], unique=False)
    op.create_table('statistics',
    sa.Column('id', sa.BigInteger(), autoincrement=False, nullable=False, comment='Hash-derived key: source, extractor version and position.'),
    sa.Column('source_id', sa.BigInteger(), nullable=False, comment='The article making the assertion.'),
    sa.Column('extractor_version', sa.Text(), nullable=False, comment='Version of the extraction rules.'),
    sa.Column('actor_id', sa.Integer(), nullable=True, comment='Actor whose activity is counted, resolved.'),
    sa.Column('actor_text', sa.Text(), nullable=True, comment='The actor as written.'),
    sa.Column('count', sa.Integer(), nullable=False, comment='The number stated.'),
    sa.Column('count_text', sa.Text(), nullable=False, comment="The number as written ('some 200', 'dozens')."),
    sa.Column('qualifier', sa.Text(), nullable=False, comment='exact, approx, at_least, more_than, at_most or less_than.'),
    sa.Column('what', sa.Text(), nullable=False, comment="What is counted ('strikes', 'missile and drone launches')."),
    sa.Column('target_text', sa.Text(), nullable=True, comment='Target of the counted acts, as written.'),
    sa.Column('period_text', sa.Text(), nullable=True, comment="Period as written ('since November 2023')."),
    sa.Column('period_start', sa.Date(), nullable=True, comment='Resolved first day of the period.'),
    sa.Column('period_end', sa.Date(), nullable=True, comment='Resolved last day of the period.'),
    sa.Column('stance', sa.Text(), server_default='asserted', nullable=False, comment='asserted, denied, not_confirmed or hedged.'),
    sa.Column('quote', sa.Text(), nullable=False, comment='The exact words: sources.text[char_start:char_end].'),
    sa.Column('char_start', sa.Integer(), nullable=False, comment='Offset of the quote in sources.text.'),
    sa.Column('char_end', sa.Integer(), nullable=False, comment='Offset just past the quote.'),
    sa.Column('sentence_index', sa.Integer(), nullable=False, comment='0-based sentence index.'),
    sa.Column('confidence', sa.Float(), nullable=False, comment="Extractor's confidence, 0 to 1."),
    sa.Column('superseded_at', sa.DateTime(timezone=True), nullable=True, comment='When replaced by a revision or a newer extractor.'),
    sa.CheckConstraint("qualifier IN ('exact', 'approx', 'at_least', 'more_than', 'at_most', 'less_than')", name=op.f('ck_statistics_qualifier')),
    sa.CheckConstraint('char_start >= 0 AND char_end > char_start', name=op.f('ck_statistics_offsets')),
    sa.CheckConstraint('period_end IS NULL OR period_start IS NULL OR period_start <= period_end', name=op.f('ck_statistics_period')),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_statistics_actor_id_actors'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_statistics_source_id_sources'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_statistics')),
    comment="Aggregate assertions that are not single incidents ('approximately 40 strikes in recent weeks')."
    )
    op.create_index(op.f('ix_statistics_actor_id'), 'statistics', ['actor_id'], unique=False)
    op.create_index('ix_statistics_source_id', 'statistics', ['source_id'], unique=False)
    op.create_table('claim_actors',
    sa.Column('claim_id', sa.BigInteger(), nullable=False, comment='The claim.'),
    sa.Column('role', sa.Text(), nullable=False, comment='perpetrator, target, claimant, subject or related.'),
    sa.Column('position', sa.SmallInteger(), server_default='0', nullable=False, comment='Order among actors of the same role in the claim.'),
    sa.Column('source_id', sa.BigInteger(), nullable=False, comment="The claim's source (kept for co-location when distributed)."),
    sa.Column('actor_id', sa.Integer(), nullable=True, comment='Resolved reference actor; NULL when the name is not in the reference data.'),
    sa.Column('actor_text', sa.Text(), nullable=False, comment='The name as written.'),
    sa.CheckConstraint("role IN ('perpetrator', 'target', 'claimant', 'subject', 'related')", name=op.f('ck_claim_actors_role')),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_claim_actors_actor_id_actors'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_claim_actors_claim_id_claims'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('claim_id', 'role', 'position', name=op.f('pk_claim_actors')),
    comment='Actors a claim names, and in which role (perpetrator, target, claimant, subject, related).'
    )
    op.create_index('ix_claim_actors_actor_id_role', 'claim_actors', ['actor_id', 'role'], unique=False)
    op.create_table('incident_merges',
    sa.Column('claim_id', sa.BigInteger(), nullable=False, comment='The incident_report claim.'),
    sa.Column('incident_id', sa.BigInteger(), nullable=False, comment='The incident it was linked to.'),
    sa.Column('decision', sa.Text(), nullable=False, comment='created (no existing incident matched), merged (matched an incident of another source) or carried_over (a re-extracted or revised claim keeps its incident).'),
    sa.Column('rule', sa.Text(), nullable=False, comment="The rule that decided, e.g. 'same_place+date_within_precision+type_family'."),
    sa.Column('score', sa.Numeric(precision=5, scale=3), nullable=False, comment='Match score, 0 to 1 (1 for created).'),
    sa.Column('details', postgresql.JSONB(astext_type=sa.Text()), server_default='{}', nullable=False, comment='The evidence: date gap in days, distance in km, fields compared.'),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False, comment='When the decision was made.'),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_incident_merges_claim_id_claims'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_incident_merges_incident_id_incidents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('claim_id', name=op.f('pk_incident_merges')),
    comment='Why each incident report was linked to its incident: created it, or merged by which rule and score.'
    )
    op.create_index(op.f('ix_incident_merges_incident_id'), 'incident_merges', ['incident_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_incident_merges_incident_id'), table_name='incident_merges')
    op.drop_table('incident_merges')
    op.drop_index('ix_claim_actors_actor_id_role', table_name='claim_actors')
    op.drop_table('claim_actors')
    op.drop_index('ix_statistics_source_id', table_name='statistics')
    op.drop_index(op.f('ix_statistics_actor_id'), table_name='statistics')
    op.drop_table('statistics')
    op.drop_index('ix_name_mentions_source_id', table_name='name_mentions')
    op.drop_index('ix_name_mentions_name', table_name='name_mentions')
    op.drop_table('name_mentions')
    op.drop_index('ix_claims_source_id', table_name='claims')
    op.drop_index('ix_claims_incident_id', table_name='claims', postgresql_where=sa.text('superseded_at IS NULL'))
    op.drop_index(op.f('ix_claims_claimant_actor_id'), table_name='claims')
    op.drop_table('claims')
    op.drop_index('uq_sources_url_current', table_name='sources', postgresql_where=sa.text('url IS NOT NULL AND superseded_at IS NULL'))
    op.drop_index(op.f('ix_sources_published_on'), table_name='sources')
    op.drop_index(op.f('ix_sources_outlet_id'), table_name='sources')
    op.drop_table('sources')
    op.drop_index(op.f('ix_place_aliases_place_id'), table_name='place_aliases')
    op.drop_index('ix_place_aliases_alias_folded', table_name='place_aliases')
    op.drop_table('place_aliases')
    op.drop_index(op.f('ix_incidents_place_id'), table_name='incidents')
    op.drop_index(op.f('ix_incidents_perpetrator_actor_id'), table_name='incidents')
    op.drop_index('ix_incidents_occurred_on_event_type', table_name='incidents')
    op.drop_table('incidents')
    op.drop_index(op.f('ix_affiliations_related_actor_id'), table_name='affiliations')
    op.drop_index(op.f('ix_affiliations_actor_id'), table_name='affiliations')
    op.drop_table('affiliations')
    op.drop_index('ix_actor_aliases_alias_folded', table_name='actor_aliases')
    op.drop_index(op.f('ix_actor_aliases_actor_id'), table_name='actor_aliases')
    op.drop_table('actor_aliases')
    op.drop_index(op.f('ix_places_country_code'), table_name='places')
    op.drop_table('places')
    op.drop_table('outlets')
    op.drop_table('ingest_runs')
    op.drop_table('actors')
