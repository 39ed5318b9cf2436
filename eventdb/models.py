"""The normalized schema, as typed SQLAlchemy models.

Every table and column carries a comment: PostgreSQL stores them (`COMMENT ON`)
so that psql's `\\d+` and BI tools show analysts what each field means.

Scale-out note (Citus): the large tables (`sources`, `claims`, `claim_actors`,
`statistics`, `name_mentions`) can be distributed by `source_id`; the small
reference tables (`actors`, `places`, `outlets`, ...) never hold foreign keys
into the large ones, and the large tables' keys are hash-derived so that no
writer relies on a global sequence.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ACTOR_KINDS = (
    "state", "state_force", "state_agency", "government_body", "militia", "militia_coalition",
    "armed_group", "political_party", "person", "international_org",
)
RELATIONS = ("member_of", "backed_by", "front_for", "part_of", "commands", "allied_with")
PLACE_KINDS = (
    "country", "region", "city", "town", "base", "airport", "facility", "embassy", "oil_field",
    "border_crossing", "district", "sea",
)
OUTLET_KINDS = ("state_media", "newspaper", "wire", "broadcaster", "think_tank", "aggregator", "news_site", "unknown")
DATE_PRECISIONS = ("day", "week", "month", "year", "unknown")
EVENT_TYPES = ("attack", "airstrike", "assassination", "sabotage")
OUTCOMES = ("hit", "intercepted", "unknown")
PERPETRATOR_BASES = ("claimed", "attributed", "reported", "unknown")
CLAIM_TYPES = (
    "incident_report", "responsibility_claimed", "responsibility_denied", "attribution",
    "involvement_denied", "interception", "casualty_report", "confirmation", "non_confirmation",
    "affiliation",
)
STANCES = ("asserted", "denied", "not_confirmed", "hedged")
ACTOR_ROLES = ("perpetrator", "target", "claimant", "subject", "related")
QUALIFIERS = ("exact", "approx", "at_least", "more_than", "at_most", "less_than")
INCIDENT_STATUSES = ("current", "withdrawn", "merged")
JUDGEMENT_KINDS = ("reject_claim", "correct_claim", "correct_incident", "merge_incidents", "split_report", "resolve_name", "undo")


def one_of(column: str, values: tuple[str, ...]) -> str:
    """CHECK expression restricting a text column to a vocabulary."""
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def ts_now(comment: str) -> Mapped[dt.datetime]:
    return mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now(), comment=comment)


# --- reference tables --------------------------------------------------------------------------


class Outlet(Base):
    __tablename__ = "outlets"
    __table_args__ = (
        CheckConstraint(one_of("kind", OUTLET_KINDS), name="kind"),
        {"comment": "Publishers of articles (and outlets that articles cite or were republished from)."},
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, comment="Surrogate key.")
    key: Mapped[str] = mapped_column(Text, unique=True, comment="Stable key from the reference data (usually the domain), or derived from the name for outlets first seen in an article.")
    name: Mapped[str] = mapped_column(Text, comment="Display name, e.g. 'The Guardian'.")
    domain: Mapped[str | None] = mapped_column(Text, comment="Web domain without 'www.', when known.")
    kind: Mapped[str] = mapped_column(Text, server_default="unknown", comment="state_media, newspaper, wire, broadcaster, think_tank, aggregator, news_site or unknown.")
    country_code: Mapped[str | None] = mapped_column(String(2), comment="ISO 3166-1 alpha-2 code of the country the outlet is based in.")
    state_affiliation: Mapped[str | None] = mapped_column(String(2), comment="Country code of the state that owns or directs the outlet, when known (e.g. RU for Sputnik).")
    aliases: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default="{}", comment="Other names the outlet is cited by in text.")
    curated: Mapped[bool] = mapped_column(Boolean, server_default=text("false"), comment="True when the row comes from the reference data, false when first seen in an article.")


class Actor(Base):
    __tablename__ = "actors"
    __table_args__ = (
        CheckConstraint(one_of("kind", ACTOR_KINDS), name="kind"),
        {"comment": "Curated actors: states, state forces, militias and coalitions, parties, persons, organisations."},
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, comment="Surrogate key.")
    key: Mapped[str] = mapped_column(Text, unique=True, comment="Stable key from seeds/reference/actors.toml; never changes.")
    name: Mapped[str] = mapped_column(Text, unique=True, comment="Canonical name, as reports print it (e.g. \"Kata'ib Hezbollah\").")
    kind: Mapped[str] = mapped_column(Text, comment="state, state_force, state_agency, government_body, militia, militia_coalition, armed_group, political_party, person or international_org.")
    country_code: Mapped[str | None] = mapped_column(String(2), comment="ISO 3166-1 alpha-2 country the actor belongs to or operates from.")
    description: Mapped[str | None] = mapped_column(Text, comment="One-line curator's description.")
    side_actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id", ondelete="SET NULL"), comment="The state or coalition the actor rolls up to (reports.actor_sides: curated part_of/member_of/front_for/commands chains); itself when it belongs to nothing. Refreshed by every reference load.")


class ActorAlias(Base):
    __tablename__ = "actor_aliases"
    __table_args__ = (
        UniqueConstraint("actor_id", "alias"),
        Index("ix_actor_aliases_alias_folded", text("lower(alias)")),
        {"comment": "Names and spelling variants an actor is written as (Kata'ib / Kataib / Kataeb Hezbollah)."},
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, comment="Surrogate key.")
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), index=True, comment="The actor this alias names.")
    alias: Mapped[str] = mapped_column(Text, comment="The alias as written.")
    is_adjective: Mapped[bool] = mapped_column(Boolean, server_default=text("false"), comment="True for demonyms ('Israeli') that name the actor only as an attribute.")


class Affiliation(Base):
    __tablename__ = "affiliations"
    __table_args__ = (
        CheckConstraint(one_of("relation", RELATIONS), name="relation"),
        CheckConstraint("actor_id <> related_actor_id", name="not_self"),
        CheckConstraint("valid_to IS NULL OR valid_from IS NULL OR valid_from <= valid_to", name="valid_range"),
        CheckConstraint("reference_file IS NOT NULL OR source_id IS NOT NULL", name="has_evidence"),
        UniqueConstraint("actor_id", "related_actor_id", "relation", "evidence_key"),
        {"comment": "Relations between actors (member_of, backed_by, front_for, part_of, commands, allied_with) with their validity and evidence."},
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, comment="Surrogate key.")
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="RESTRICT"), index=True, comment="The actor the relation starts from (the member, the backed group, the front).")
    related_actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="RESTRICT"), index=True, comment="The actor it is related to (the coalition, the backer, the group fronted for).")
    relation: Mapped[str] = mapped_column(Text, comment="member_of, backed_by, front_for, part_of, commands or allied_with.")
    valid_from: Mapped[dt.date | None] = mapped_column(Date, comment="First day the relation holds, when known.")
    valid_to: Mapped[dt.date | None] = mapped_column(Date, comment="Last day the relation holds, when it has ended.")
    evidence_key: Mapped[str] = mapped_column(Text, comment="What establishes the relation: 'reference:<file>' for curated rows, 'claim:<claim_id>' for a statement in an article.")
    reference_file: Mapped[str | None] = mapped_column(Text, comment="Reference file the curated relation comes from.")
    source_id: Mapped[int | None] = mapped_column(BigInteger, comment="Source whose text states the relation (no foreign key: affiliations are a reference table).")
    claim_id: Mapped[int | None] = mapped_column(BigInteger, comment="Claim that states the relation (no foreign key, as for source_id).")
    note: Mapped[str | None] = mapped_column(Text, comment="Curator's note on the basis of the relation, or the quote that states it.")


class Place(Base):
    __tablename__ = "places"
    __table_args__ = (
        CheckConstraint(one_of("kind", PLACE_KINDS), name="kind"),
        CheckConstraint("latitude IS NULL OR latitude BETWEEN -90 AND 90", name="latitude"),
        CheckConstraint("longitude IS NULL OR longitude BETWEEN -180 AND 180", name="longitude"),
        {"comment": "Curated places: countries, regions, cities, bases, airports, facilities, embassies."},
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, comment="Surrogate key.")
    key: Mapped[str] = mapped_column(Text, unique=True, comment="Stable key from seeds/reference/places*.toml.")
    name: Mapped[str] = mapped_column(Text, comment="Canonical name.")
    kind: Mapped[str] = mapped_column(Text, comment="country, region, city, town, base, airport, facility, embassy, oil_field, border_crossing, district or sea.")
    country_code: Mapped[str | None] = mapped_column(String(2), index=True, comment="ISO 3166-1 alpha-2 country code.")
    latitude: Mapped[float | None] = mapped_column(Float, comment="WGS84 latitude in decimal degrees.")
    longitude: Mapped[float | None] = mapped_column(Float, comment="WGS84 longitude in decimal degrees.")
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("places.id", ondelete="SET NULL"), comment="Enclosing place (a base's province, a city's country).")
    admin1_code: Mapped[str | None] = mapped_column(Text, index=True, comment="ISO 3166-2 code of the first-level subdivision (governorate, province) the place lies in; its own code for a subdivision; NULL when unknown or above that level.")
    admin1: Mapped[str | None] = mapped_column(Text, comment="English name of that subdivision (Anbar, Hodeidah, Deir ez-Zor).")


class PlaceAlias(Base):
    __tablename__ = "place_aliases"
    __table_args__ = (
        UniqueConstraint("place_id", "alias"),
        Index("ix_place_aliases_alias_folded", text("lower(alias)")),
        {"comment": "Names and spelling variants a place is written as (Ain al-Asad / Ain al-Assad)."},
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, comment="Surrogate key.")
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id", ondelete="CASCADE"), index=True, comment="The place this alias names.")
    alias: Mapped[str] = mapped_column(Text, comment="The alias as written.")


class Country(Base):
    __tablename__ = "countries"
    __table_args__ = ({"comment": "ISO 3166-1 countries and their names, from the pycountry package (loaded with the reference data)."},)
    code: Mapped[str] = mapped_column(String(2), primary_key=True, comment="ISO 3166-1 alpha-2 code, as in every country_code column.")
    alpha_3: Mapped[str] = mapped_column(String(3), unique=True, comment="ISO 3166-1 alpha-3 code.")
    numeric: Mapped[int] = mapped_column(SmallInteger, comment="ISO 3166-1 numeric code (ACLED's iso column).")
    name: Mapped[str] = mapped_column(Text, comment="Name for reports: the common name when ISO has one ('Iran', 'Syria'), else the ISO name.")
    official_name: Mapped[str | None] = mapped_column(Text, comment="Official name, when ISO gives one ('Islamic Republic of Iran').")


# --- ingest bookkeeping ------------------------------------------------------------------------


class IngestRun(Base):
    __tablename__ = "ingest_runs"
    __table_args__ = ({"comment": "One run of `eventdb ingest` or `eventdb reextract`: when, with which extractor, what came of it."},)
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, comment="Surrogate key.")
    command: Mapped[str] = mapped_column(Text, comment="ingest, reextract or reference.")
    started_at: Mapped[dt.datetime] = ts_now("When the run started.")
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), comment="When the run finished; NULL while running or after a crash.")
    extractor_version: Mapped[str] = mapped_column(Text, comment="Version of the extraction rules used.")
    inputs: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default="{}", comment="Paths given on the command line.")
    articles_read: Mapped[int] = mapped_column(Integer, server_default="0", comment="Articles read from the inputs.")
    articles_added: Mapped[int] = mapped_column(Integer, server_default="0", comment="New sources stored.")
    articles_unchanged: Mapped[int] = mapped_column(Integer, server_default="0", comment="Articles whose normalized text was already stored.")
    articles_updated: Mapped[int] = mapped_column(Integer, server_default="0", comment="Revisions of an already stored url.")
    articles_failed: Mapped[int] = mapped_column(Integer, server_default="0", comment="Inputs that could not be read or stored.")
    incidents_created: Mapped[int] = mapped_column(Integer, server_default="0", comment="Incidents created.")
    incidents_merged: Mapped[int] = mapped_column(Integer, server_default="0", comment="Incident reports merged into an existing incident.")
    claims_stored: Mapped[int] = mapped_column(Integer, server_default="0", comment="Claims stored (incident reports included).")
    errors: Mapped[list[dict]] = mapped_column(JSONB, server_default="[]", comment="One object per failed input: path, line (JSONL), reason.")


class Source(Base):
    __tablename__ = "sources"
    __table_args__ = (
        Index("uq_sources_url_current", "url", unique=True, postgresql_where=text("url IS NOT NULL AND superseded_at IS NULL")),
        Index("ix_sources_lsh_bands", "lsh_bands", postgresql_using="gin"),
        CheckConstraint("content_sha256 ~ '^[0-9a-f]{64}$'", name="sha256"),
        CheckConstraint("copy_of <> id", name="not_own_copy"),
        {"comment": "One article, its text kept whole; claims index into that text by character offsets."},
    )
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False, comment="Hash-derived key: the first 63 bits of content_sha256.")
    content_sha256: Mapped[str] = mapped_column(String(64), unique=True, comment="SHA-256 (hex) of the normalized text: the same text is never stored twice.")
    url: Mapped[str | None] = mapped_column(Text, comment="Canonical URL, when known; unique among current (not superseded) sources.")
    outlet_id: Mapped[int | None] = mapped_column(ForeignKey("outlets.id", ondelete="SET NULL"), index=True, comment="Publisher, from the url's domain or the --outlet option.")
    title: Mapped[str | None] = mapped_column(Text, comment="Headline.")
    published_on: Mapped[dt.date | None] = mapped_column(Date, index=True, comment="Publication date; relative dates in the text are resolved against it.")
    text: Mapped[str] = mapped_column(Text, comment="The normalized article text (Unicode NFC); claim offsets index it exactly.")
    origin: Mapped[str] = mapped_column(Text, comment="Where the article came from: file path, 'path:line' for JSONL, or '<stdin>'.")
    republished_from_outlet_id: Mapped[int | None] = mapped_column(ForeignKey("outlets.id", ondelete="SET NULL"), comment="Outlet the article says it was republished from ('Original Source: ...', 'Read more at ...').")
    republished_from_text: Mapped[str | None] = mapped_column(Text, comment="The republication line's outlet as written.")
    revises_source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="RESTRICT"), comment="Earlier source with the same url that this text revises.")
    superseded_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), comment="When a newer revision of the same url arrived; NULL for the current text.")
    extractor_version: Mapped[str] = mapped_column(Text, comment="Extractor version whose claims are current for this source.")
    ingest_run_id: Mapped[int | None] = mapped_column(ForeignKey("ingest_runs.id", ondelete="SET NULL"), comment="Run that stored the source.")
    ingested_at: Mapped[dt.datetime] = ts_now("When the source was stored.")
    lsh_bands: Mapped[list[int] | None] = mapped_column(ARRAY(BigInteger), comment="MinHash band keys of the text's word 4-grams (eventdb.copies): sources that share one are candidate near-duplicates.")
    copy_of: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="RESTRICT"), comment="The source first stored whose text this one republishes (the same story with another header, trailer or light edits); NULL for an independent report.")


# --- incidents and claims ------------------------------------------------------------------------


class Incident(Base):
    __tablename__ = "incidents"
    __table_args__ = (
        CheckConstraint(one_of("date_precision", DATE_PRECISIONS), name="date_precision"),
        CheckConstraint(one_of("event_type", EVENT_TYPES), name="event_type"),
        CheckConstraint(one_of("outcome", OUTCOMES), name="outcome"),
        CheckConstraint(one_of("perpetrator_basis", PERPETRATOR_BASES), name="perpetrator_basis"),
        CheckConstraint("(occurred_on IS NULL) = (date_precision = 'unknown')", name="date_known"),
        CheckConstraint("killed_low <= killed_high AND injured_low <= injured_high AND projectiles_low <= projectiles_high", name="low_high"),
        CheckConstraint("killed_low <= killed_best AND killed_best <= killed_high AND injured_low <= injured_best AND injured_best <= injured_high", name="best_within"),
        Index("ix_incidents_occurred_on_event_type", "occurred_on", "event_type"),
        # Incident resolution looks up placed incidents by precision and date range (see store.incident_candidates).
        Index("ix_incidents_date_precision_occurred_on", "date_precision", "occurred_on", postgresql_where=text("place_id IS NOT NULL")),
        CheckConstraint(one_of("status", INCIDENT_STATUSES), name="status"),
        CheckConstraint("(status = 'merged') = (merged_into_id IS NOT NULL)", name="merged_into"),
        UniqueConstraint("public_id", deferrable=True, initially="IMMEDIATE"),
        {"comment": "One real-world event, merged across the sources that report it; its fields are derived from its claims, with curators' judgements applied (see judgements). Rows are never deleted: a merged incident stays with status 'merged'."},
    )
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, comment="Surrogate key.")
    occurred_on: Mapped[dt.date | None] = mapped_column(Date, comment="Date of the event (first day of the week/month/year when less precise).")
    date_precision: Mapped[str] = mapped_column(Text, comment="day, week, month, year or unknown.")
    event_type: Mapped[str] = mapped_column(Text, comment="attack, airstrike, assassination or sabotage.")
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id", ondelete="RESTRICT"), index=True, comment="Where it happened, resolved to a reference place.")
    place_text: Mapped[str | None] = mapped_column(Text, comment="The place as written when it matched no reference place.")
    country_code: Mapped[str | None] = mapped_column(String(2), comment="Country where it happened.")
    outcome: Mapped[str] = mapped_column(Text, server_default="unknown", comment="hit, intercepted or unknown.")
    weapons: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default="{}", comment="Weapon keys from seeds/reference/weapons.toml, across all claims.")
    perpetrator_actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id", ondelete="RESTRICT"), index=True, comment="Perpetrator, chosen from claims: claimed over attributed over reported.")
    perpetrator_text: Mapped[str | None] = mapped_column(Text, comment="Perpetrator as written when it matched no reference actor.")
    perpetrator_basis: Mapped[str] = mapped_column(Text, server_default="unknown", comment="claimed (the perpetrator says so), attributed (a third party blames it), reported (the outlet's own voice) or unknown.")
    target_actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id", ondelete="RESTRICT"), comment="Target actor.")
    target_text: Mapped[str | None] = mapped_column(Text, comment="Target as written when it matched no reference actor.")
    killed_low: Mapped[int | None] = mapped_column(Integer, comment="Lowest number killed stated by any source (a zero only when no source states more).")
    killed_high: Mapped[int | None] = mapped_column(Integer, comment="Highest number killed stated by any source.")
    injured_low: Mapped[int | None] = mapped_column(Integer, comment="Lowest number injured stated by any source (a zero only when no source states more).")
    injured_high: Mapped[int | None] = mapped_column(Integer, comment="Highest number injured stated by any source.")
    killed_best: Mapped[int | None] = mapped_column(Integer, comment="Best estimate of the number killed: the figure of the most recently published independent source that gives one (eventdb.casualties).")
    injured_best: Mapped[int | None] = mapped_column(Integer, comment="Best estimate of the number injured, by the same rule as killed_best.")
    projectiles_low: Mapped[int | None] = mapped_column(Integer, comment="Lowest number of rockets, missiles or drones stated by any source.")
    projectiles_high: Mapped[int | None] = mapped_column(Integer, comment="Highest number of projectiles stated by any source.")
    created_at: Mapped[dt.datetime] = ts_now("When the incident was created.")
    updated_at: Mapped[dt.datetime] = ts_now("When a claim last changed the incident.")
    public_id: Mapped[str] = mapped_column(Text(collation="C"), comment="Public incident id ('EV-' and 13 base-32 characters), derived from the key of its earliest-published report: the same reports give the same id whatever the ingest order. Old ids redirect (incident_redirects). A string: JSON readers corrupt 19-digit integers.")
    status: Mapped[str] = mapped_column(Text, server_default="current", comment="current (a current claim reports it), withdrawn (every claim superseded or rejected; kept, may return) or merged (absorbed into merged_into_id).")
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id", ondelete="RESTRICT"), comment="The incident this one was merged into (status merged); its public id redirects there.")
    source_count: Mapped[int] = mapped_column(Integer, server_default="0", comment="Articles with a current, not rejected claim about the incident (recorded so that history shows it).")
    claim_count: Mapped[int] = mapped_column(Integer, server_default="0", comment="Current, not rejected claims about the incident.")
    judgement_ids: Mapped[list[int]] = mapped_column(ARRAY(BigInteger), server_default="{}", comment="Judgements in force that shaped the incident: its own (corrections, merges, splits) and those on its claims.")
    curated_fields: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default="{}", comment="Fields whose value a curator set (correct_incident judgements); the others are derived from the claims.")


class Claim(Base):
    __tablename__ = "claims"
    __table_args__ = (
        CheckConstraint(one_of("claim_type", CLAIM_TYPES), name="claim_type"),
        CheckConstraint(one_of("stance", STANCES), name="stance"),
        CheckConstraint(one_of("date_precision", DATE_PRECISIONS), name="date_precision"),
        CheckConstraint(f"event_type IS NULL OR {one_of('event_type', EVENT_TYPES)}", name="event_type"),
        CheckConstraint(f"outcome IS NULL OR {one_of('outcome', OUTCOMES)}", name="outcome"),
        CheckConstraint(f"relation IS NULL OR {one_of('relation', RELATIONS)}", name="relation"),
        CheckConstraint(f"perpetrator_basis IS NULL OR {one_of('perpetrator_basis', PERPETRATOR_BASES)}", name="perpetrator_basis"),
        CheckConstraint("char_start >= 0 AND char_end > char_start", name="offsets"),
        CheckConstraint("confidence BETWEEN 0 AND 1", name="confidence"),
        CheckConstraint("killed >= 0 AND injured >= 0 AND projectiles >= 0", name="counts"),
        Index("ix_claims_incident_id", "incident_id", postgresql_where=text("superseded_at IS NULL")),
        Index("ix_claims_source_id", "source_id"),
        # The predicate names claim_key so that only queries on claim_key can use this index (a
        # generic plan made while the table was small once scanned it whole for incident_id).
        Index("ix_claims_claim_key", "claim_key", postgresql_where=text("claim_key IS NOT NULL AND superseded_at IS NULL")),
        {"comment": "One assertion of one source, with provenance: who asserts it, in which stance, the exact quote and its offsets."},
    )
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False, comment="Hash-derived key: source, extractor version and position of the assertion.")
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="RESTRICT"), comment="The article making the assertion.")
    extractor_version: Mapped[str] = mapped_column(Text, comment="Version of the extraction rules that produced the claim.")
    claim_type: Mapped[str] = mapped_column(Text, comment="incident_report, responsibility_claimed, responsibility_denied, attribution, involvement_denied, interception, casualty_report, confirmation, non_confirmation or affiliation.")
    stance: Mapped[str] = mapped_column(Text, comment="asserted, denied, not_confirmed or hedged ('reportedly', 'suspected', 'sources said').")
    claimant_actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id", ondelete="RESTRICT"), index=True, comment="Actor who asserts it; NULL when the outlet asserts it in its own voice or the claimant is unresolved.")
    claimant_outlet_id: Mapped[int | None] = mapped_column(ForeignKey("outlets.id", ondelete="RESTRICT"), comment="Outlet cited as the claimant ('the Times of Israel reported').")
    claimant_text: Mapped[str | None] = mapped_column(Text, comment="The words used for the claimant ('Iraqi sources', 'the Iraqi army'); NULL for the outlet's own voice.")
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id", ondelete="SET NULL"), comment="Incident the claim is about, once resolved.")
    local_incident: Mapped[str | None] = mapped_column(Text, comment="Extraction-local incident id: claims of one source about the same event share it.")
    event_type: Mapped[str | None] = mapped_column(Text, comment="Event type as this source states it.")
    occurred_on: Mapped[dt.date | None] = mapped_column(Date, comment="Event date as this source states it, resolved against the publication date.")
    date_precision: Mapped[str] = mapped_column(Text, server_default="unknown", comment="Precision of occurred_on: day, week, month, year or unknown.")
    date_text: Mapped[str | None] = mapped_column(Text, comment="The date words as written ('on Friday', 'overnight').")
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id", ondelete="RESTRICT"), comment="Place as this source states it, resolved.")
    place_text: Mapped[str | None] = mapped_column(Text, comment="The place as written.")
    country_code: Mapped[str | None] = mapped_column(String(2), comment="Country of the place, when known.")
    weapons: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default="{}", comment="Weapon keys this source names for the event.")
    outcome: Mapped[str | None] = mapped_column(Text, comment="hit, intercepted or unknown, as this source states it.")
    killed: Mapped[int | None] = mapped_column(Integer, comment="Number killed this source states.")
    injured: Mapped[int | None] = mapped_column(Integer, comment="Number injured this source states.")
    projectiles: Mapped[int | None] = mapped_column(Integer, comment="Number of rockets, missiles or drones this source states.")
    perpetrator_basis: Mapped[str | None] = mapped_column(Text, comment="For incident reports and responsibility/attribution claims: claimed, attributed, reported or unknown.")
    relation: Mapped[str | None] = mapped_column(Text, comment="For affiliation claims: the relation stated between subject and related actor.")
    quote: Mapped[str] = mapped_column(Text, comment="The exact words of the source: sources.text[char_start:char_end].")
    char_start: Mapped[int] = mapped_column(Integer, comment="Offset of the quote's first character in sources.text (0-based, in characters).")
    char_end: Mapped[int] = mapped_column(Integer, comment="Offset just past the quote's last character.")
    sentence_index: Mapped[int] = mapped_column(Integer, comment="0-based index of the sentence the quote starts in.")
    confidence: Mapped[float] = mapped_column(Float, comment="Extractor's confidence, 0 to 1.")
    superseded_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), comment="When a revision of the source or a newer extractor replaced this claim; NULL for current claims.")
    created_at: Mapped[dt.datetime] = ts_now("When the claim was stored.")
    claim_key: Mapped[int] = mapped_column(BigInteger, comment="Stable key: from the source text's SHA-256, the claim type and the quote's offsets, carried over to the claim that restates this one after re-extraction or a revised text. Judgements on claims name it.")
    rejected: Mapped[bool] = mapped_column(Boolean, server_default=text("false"), comment="A curator rejected the claim (a reject_claim judgement in force): views and incidents leave it out. Set from judgements, never by hand.")
    extracted: Mapped[dict] = mapped_column(JSONB, server_default="{}", comment="The extractor's values of the columns a curator corrected (the columns hold the curated values), by column name; perpetrator and target for corrected actors. Set from judgements, never by hand.")
    judgement_ids: Mapped[list[int]] = mapped_column(ARRAY(BigInteger), server_default="{}", comment="Judgements in force on this claim (rejection, corrections, split, names resolved).")


class ClaimActor(Base):
    __tablename__ = "claim_actors"
    __table_args__ = (
        CheckConstraint(one_of("role", ACTOR_ROLES), name="role"),
        Index("ix_claim_actors_actor_id_role", "actor_id", "role"),
        {"comment": "Actors a claim names, and in which role (perpetrator, target, claimant, subject, related)."},
    )
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True, comment="The claim.")
    role: Mapped[str] = mapped_column(Text, primary_key=True, comment="perpetrator, target, claimant, subject or related.")
    position: Mapped[int] = mapped_column(SmallInteger, primary_key=True, server_default="0", comment="Order among actors of the same role in the claim.")
    source_id: Mapped[int] = mapped_column(BigInteger, comment="The claim's source (kept for co-location when distributed).")
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id", ondelete="RESTRICT"), comment="Resolved reference actor; NULL when the name is not in the reference data.")
    actor_text: Mapped[str] = mapped_column(Text, comment="The name as written.")


class IncidentMerge(Base):
    __tablename__ = "incident_merges"
    __table_args__ = ({"comment": "Why each incident report was linked to its incident: created it, or merged by which rule and score."},)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True, comment="The incident_report claim.")
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True, comment="The incident it was linked to.")
    decision: Mapped[str] = mapped_column(Text, comment="created (no existing incident matched), merged (matched an incident of another source) or carried_over (a re-extracted or revised claim keeps its incident).")
    rule: Mapped[str] = mapped_column(Text, comment="The rule that decided, e.g. 'same_place+date_within_precision+type_family'.")
    score: Mapped[float] = mapped_column(Numeric(5, 3), comment="Match score, 0 to 1 (1 for created).")
    details: Mapped[dict] = mapped_column(JSONB, server_default="{}", comment="The evidence: date gap in days, distance in km, fields compared.")
    created_at: Mapped[dt.datetime] = ts_now("When the decision was made.")


class Statistic(Base):
    __tablename__ = "statistics"
    __table_args__ = (
        CheckConstraint(one_of("qualifier", QUALIFIERS), name="qualifier"),
        CheckConstraint("char_start >= 0 AND char_end > char_start", name="offsets"),
        CheckConstraint("period_end IS NULL OR period_start IS NULL OR period_start <= period_end", name="period"),
        Index("ix_statistics_source_id", "source_id"),
        {"comment": "Aggregate assertions that are not single incidents ('approximately 40 strikes in recent weeks')."},
    )
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False, comment="Hash-derived key: source, extractor version and position.")
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="RESTRICT"), comment="The article making the assertion.")
    extractor_version: Mapped[str] = mapped_column(Text, comment="Version of the extraction rules.")
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id", ondelete="RESTRICT"), index=True, comment="Actor whose activity is counted, resolved.")
    actor_text: Mapped[str | None] = mapped_column(Text, comment="The actor as written.")
    count: Mapped[int] = mapped_column(Integer, comment="The number stated.")
    count_text: Mapped[str] = mapped_column(Text, comment="The number as written ('some 200', 'dozens').")
    qualifier: Mapped[str] = mapped_column(Text, comment="exact, approx, at_least, more_than, at_most or less_than.")
    what: Mapped[str] = mapped_column(Text, comment="What is counted ('strikes', 'missile and drone launches').")
    target_text: Mapped[str | None] = mapped_column(Text, comment="Target of the counted acts, as written.")
    period_text: Mapped[str | None] = mapped_column(Text, comment="Period as written ('since November 2023').")
    period_start: Mapped[dt.date | None] = mapped_column(Date, comment="Resolved first day of the period.")
    period_end: Mapped[dt.date | None] = mapped_column(Date, comment="Resolved last day of the period.")
    stance: Mapped[str] = mapped_column(Text, server_default="asserted", comment="asserted, denied, not_confirmed or hedged.")
    quote: Mapped[str] = mapped_column(Text, comment="The exact words: sources.text[char_start:char_end].")
    char_start: Mapped[int] = mapped_column(Integer, comment="Offset of the quote in sources.text.")
    char_end: Mapped[int] = mapped_column(Integer, comment="Offset just past the quote.")
    sentence_index: Mapped[int] = mapped_column(Integer, comment="0-based sentence index.")
    confidence: Mapped[float] = mapped_column(Float, comment="Extractor's confidence, 0 to 1.")
    superseded_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), comment="When replaced by a revision or a newer extractor.")


class NameMention(Base):
    __tablename__ = "name_mentions"
    __table_args__ = (
        CheckConstraint("kind IN ('actor', 'place')", name="kind"),
        Index("ix_name_mentions_name", "name"),
        Index("ix_name_mentions_source_id", "source_id"),
        {"comment": "Names the extractor saw in a role (perpetrator, claimant, place) that match no reference actor or place: the curators' to-do list."},
    )
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False, comment="Hash-derived key.")
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="RESTRICT"), comment="Article the name appears in.")
    extractor_version: Mapped[str] = mapped_column(Text, comment="Extractor version.")
    name: Mapped[str] = mapped_column(Text, comment="The name as written.")
    kind: Mapped[str] = mapped_column(Text, comment="actor or place: what the name was used as.")
    quote: Mapped[str] = mapped_column(Text, comment="The sentence it appears in.")
    char_start: Mapped[int] = mapped_column(Integer, comment="Offset of the name in sources.text.")
    char_end: Mapped[int] = mapped_column(Integer, comment="Offset just past the name.")
    superseded_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), comment="When replaced by a revision or a newer extractor.")


# --- identity, history and curation ------------------------------------------------------------------


class IncidentRedirect(Base):
    __tablename__ = "incident_redirects"
    __table_args__ = (
        CheckConstraint("reason IN ('renamed', 'merged')", name="reason"),
        {"comment": "Public incident ids that no longer name a current incident, and the incident each now leads to: an id saved in a spreadsheet keeps resolving (reports.resolve_incident_id)."},
    )
    public_id: Mapped[str] = mapped_column(Text(collation="C"), primary_key=True, comment="The old public id.")
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="RESTRICT"), index=True, comment="The incident it leads to (follow incidents.merged_into_id from there if that one was merged later).")
    reason: Mapped[str] = mapped_column(Text, comment="renamed (an earlier report joined, so the id changed) or merged (the incident was absorbed by another).")
    judgement_id: Mapped[int | None] = mapped_column(BigInteger, comment="The curator's merge that caused it, when one did (judgements.id).")
    created_at: Mapped[dt.datetime] = ts_now("When the id started to redirect.")


class IncidentHistory(Base):
    __tablename__ = "incident_history"
    __table_args__ = (
        Index("ix_incident_history_incident_id_current", "incident_id", unique=True, postgresql_where=text("valid_to IS NULL")),
        Index("ix_incident_history_valid_from", "valid_from"),
        Index("ix_incident_history_public_id", "public_id"),
        CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="valid_range"),
        {"comment": "Every version of every incident with the transaction time it was current in the database (valid_from to valid_to), written by a trigger on incidents: what the database said at any time. Append-only."},
    )
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="RESTRICT"), primary_key=True, comment="The incident (incidents.id).")
    version: Mapped[int] = mapped_column(Integer, primary_key=True, comment="1 for the incident as created, then one more per transaction that changed it.")
    public_id: Mapped[str] = mapped_column(Text(collation="C"), comment="Its public id in this version.")
    valid_from: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), comment="Start of the transaction that made this version.")
    valid_to: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), comment="Start of the transaction that replaced it; NULL for the current version.")
    change: Mapped[str] = mapped_column(Text, comment="created, updated, curated, renamed, merged (absorbed into another), withdrawn or restored.")
    changed_fields: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default="{}", comment="Columns whose value differs from the previous version.")
    previous: Mapped[dict] = mapped_column(JSONB, server_default="{}", comment="The previous version's values of changed_fields.")
    fields: Mapped[dict] = mapped_column(JSONB, comment="Every column of the incident in this version (jsonb_populate_record(NULL::incidents, fields) gives the row).")
    ingest_run_id: Mapped[int | None] = mapped_column(BigInteger, comment="The ingest or reextract run that made the change (ingest_runs.id), when one did.")
    judgement_id: Mapped[int | None] = mapped_column(BigInteger, comment="The curator's judgement that made the change (judgements.id), when one did.")


class Judgement(Base):
    __tablename__ = "judgements"
    __table_args__ = (
        CheckConstraint(one_of("kind", JUDGEMENT_KINDS), name="kind"),
        Index("ix_judgements_claim_key", "claim_key", postgresql_where=text("claim_key IS NOT NULL")),
        Index("ix_judgements_incident_id", "incident_id"),
        Index("ix_judgements_other_incident_id", "other_incident_id"),
        {"comment": "Curators' judgements (append-only): reject a claim, correct a field of a claim or an incident, merge two incidents, split a report off an incident, resolve a name, undo one of these. They outrank the machine and survive re-extraction: reports.judgements lists them with what they apply to now."},
    )
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, comment="Judgement id (shown in views as judgement_ids).")
    kind: Mapped[str] = mapped_column(Text, comment="reject_claim, correct_claim, correct_incident, merge_incidents, split_report, resolve_name or undo.")
    target: Mapped[str] = mapped_column(Text, comment="What the curator named: a claim id, an incident id as given, a name, or the judgement undone.")
    claim_key: Mapped[int | None] = mapped_column(BigInteger, comment="Claim judgements: the claim's stable key (claims.claim_key), which re-extracted claims inherit.")
    claim_id: Mapped[int | None] = mapped_column(BigInteger, comment="Claim judgements: the claim it was made on (claims.id at the time).")
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id", ondelete="RESTRICT"), comment="Incident judgements: the incident it applies to (a correction follows its incident into a merge); a merge: the surviving incident; a split: the incident the report left.")
    other_incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id", ondelete="RESTRICT"), comment="A merge: the incident absorbed; a split: the incident the report went to.")
    field: Mapped[str | None] = mapped_column(Text, comment="Corrections: the field set; resolve_name: actor or place.")
    value: Mapped[dict | None] = mapped_column(JSONB, comment="Corrections: the value set (JSON); resolve_name: the reference key.")
    previous_value: Mapped[dict | None] = mapped_column(JSONB, comment="Corrections: the value before (the machine's, or an earlier judgement's).")
    undoes: Mapped[int | None] = mapped_column(ForeignKey("judgements.id", ondelete="RESTRICT"), comment="undo: the judgement it withdraws.")
    withdrawn_by: Mapped[int | None] = mapped_column(ForeignKey("judgements.id", ondelete="RESTRICT"), comment="The undo judgement that withdrew this one; NULL while in force.")
    curator: Mapped[str] = mapped_column(Text, comment="Who made it (--by, else EVENTDB_CURATOR, else the login name).")
    db_role: Mapped[str] = mapped_column(Text, server_default=text("CURRENT_USER"), comment="The database role that recorded it.")
    reason: Mapped[str] = mapped_column(Text, comment="Why, in the curator's words.")
    created_at: Mapped[dt.datetime] = ts_now("When it was made.")
