"""Writing one article's assertions to PostgreSQL, inside the caller's transaction.

An article lands whole or not at all: the caller opens one transaction per
article and `store_article` does all its writes in it. A source's key is
derived from the SHA-256 of its normalized text (the same text never lands
twice); claims, statistics and mentions derive theirs from that hash, the
extractor version and the run, so no writer depends on a global sequence.
Incident resolution runs under one transaction-scoped advisory lock, so two
ingest processes cannot both create the same incident; it is taken only once the
article's source row exists, so no writer holds it while waiting on another's
insert of the same text.

Statements go through psycopg on the caller's session in pipeline mode, so a new
article costs about five round trips (url lock, state, source insert and
incident candidates together; new incident ids; every row with the re-read of
the touched incidents' claims; the incidents' update; the commit) rather than
one per statement.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlsplit

import psycopg
from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from eventdb import casualties, copies, judgements
from eventdb.articles import content_sha256
from eventdb.assertions import ActorRef, Article, Extraction, IncidentReport, PlaceRef
from eventdb.identity import ClaimSpan, PriorClaim, Report, assign_keys, canonical_public_id, hash_id, public_id
from eventdb.resolve import ClaimFacts, Facts, PlaceInfo, decide, derive, mergeable_places, period, with_corrections

INCIDENT_LOCK = 0x45564442_494E4344  # advisory lock held while resolving incidents


@dataclass
class StoreResult:
    status: str  # added, unchanged, updated
    source_id: int
    claims: int = 0
    incidents_created: int = 0
    incidents_merged: int = 0


@dataclass
class Context:
    """Reference ids and lookups, read once per batch."""

    extractor_version: str
    run_id: int | None
    actor_ids: dict[str, int]
    places: dict[str, PlaceInfo]
    places_by_id: dict[int, PlaceInfo]
    outlets_by_name: dict[str, int]  # lower-cased key, domain, name and aliases
    ancestors: dict[int, frozenset[int]]  # affiliation closure: actor -> actors it belongs to
    sides: dict[int, int]  # actor -> the state or coalition it rolls up to (actors.side_actor_id)
    _mergeable: dict[int, frozenset[int]] = field(default_factory=dict)  # place id -> places it may merge with
    # Names curators resolved (resolve_name judgements): lower-cased name -> (actor id or place, judgement id).
    actor_names: dict[str, tuple[int, int]] = field(default_factory=dict)
    place_names: dict[str, tuple[PlaceInfo, int]] = field(default_factory=dict)

    def related(self, a: int, b: int) -> bool:
        return b in self.ancestors.get(a, frozenset())

    def side(self, actor: int) -> int:
        return self.sides.get(actor, actor)

    def mergeable_places(self, place: PlaceInfo) -> frozenset[int]:
        found = self._mergeable.get(place.id)
        if found is None:
            found = self._mergeable[place.id] = mergeable_places(place, self.places_by_id.values())
        return found

    def actor_id(self, ref: ActorRef | None) -> int | None:
        """The reference actor a name resolves to: by the extractor, else by a curator's judgement."""
        if ref is None:
            return None
        return self.actor_ids.get(ref.key) if ref.key else _named(self.actor_names, ref.text)

    def place(self, ref: PlaceRef | None) -> PlaceInfo | None:
        """The reference place a place mention resolves to: by the extractor, else by a curator's judgement."""
        if ref is None:
            return None
        return self.places.get(ref.key) if ref.key else _named(self.place_names, ref.text)

    def name_judgements(self, actors: tuple[ActorRef | None, ...], place: PlaceRef | None = None) -> list[int]:
        """Ids of the resolve_name judgements that resolved these names (for claims.judgement_ids)."""
        found = [self.actor_names.get(a.text.strip().lower()) for a in actors if a is not None and not a.key and a.text]
        if place is not None and not place.key and place.text:
            found.append(self.place_names.get(place.text.strip().lower()))
        return sorted({f[1] for f in found if f})


def _named(names: dict[str, tuple], name: str | None):
    """What a curator resolved this name to (first of the pair), if anything."""
    found = names.get(name.strip().lower()) if name else None
    return found[0] if found else None


# Which actor belongs to which, for merging: an armed group formally part of a state's forces does
# not act for the state (the PMF's factions are not Iraq, nor Iraq's allies), as in reports.actor_sides.
BELONGS_TO = """
    SELECT f.actor_id, f.related_actor_id FROM affiliations f
    JOIN actors a ON a.id = f.actor_id JOIN actors r ON r.id = f.related_actor_id
    WHERE f.relation IN ('member_of', 'part_of', 'front_for', 'commands')
      AND NOT (a.kind IN ('militia', 'armed_group', 'militia_coalition', 'political_party')
               AND r.kind IN ('state', 'state_force', 'state_agency', 'government_body'))"""


def load_context(conn: Connection, extractor_version: str, run_id: int | None = None) -> Context:
    actor_ids = dict(conn.execute(text("SELECT key, id FROM actors")).all())
    rows = conn.execute(text("SELECT id, key, kind, country_code, latitude, longitude, parent_id FROM places")).all()
    parents = {r.id: r.parent_id for r in rows}

    def chain(pid: int | None) -> frozenset[int]:
        seen: list[int] = []
        while pid is not None and pid not in seen:
            seen.append(pid)
            pid = parents.get(pid)
        return frozenset(seen)

    places_by_id = {r.id: PlaceInfo(r.id, r.key, r.kind, r.country_code, r.latitude, r.longitude, chain(r.parent_id)) for r in rows}
    outlets: dict[str, int] = {}
    for r in conn.execute(text("SELECT id, key, domain, name, aliases FROM outlets")):
        for name in (r.key, r.domain, r.name, *(r.aliases or ())):
            if name:
                outlets.setdefault(name.lower(), r.id)
    edges: dict[int, set[int]] = {}
    for a, b in conn.execute(text(BELONGS_TO)):
        edges.setdefault(a, set()).add(b)
    places = {p.key: p for p in places_by_id.values()}
    actor_names: dict[str, tuple[int, int]] = {}
    place_names: dict[str, tuple[PlaceInfo, int]] = {}
    for name, kind, key, judgement_id in conn.execute(text("""
            SELECT lower(target), field, value #>> '{}', id FROM judgements
            WHERE kind = 'resolve_name' AND withdrawn_by IS NULL ORDER BY id""")):
        if kind == "actor" and key in actor_ids:
            actor_names[name] = (actor_ids[key], judgement_id)
        elif kind == "place" and key in places:
            place_names[name] = (places[key], judgement_id)
    return Context(
        extractor_version=extractor_version, run_id=run_id, actor_ids=actor_ids,
        places=places, places_by_id=places_by_id,
        outlets_by_name=outlets, ancestors={a: _closure(a, edges) for a in edges},
        sides=dict(conn.execute(text("SELECT id, side_actor_id FROM actors WHERE side_actor_id IS NOT NULL")).all()),
        actor_names=actor_names, place_names=place_names,
    )


def _closure(start: int, edges: dict[int, set[int]]) -> frozenset[int]:
    seen: set[int] = set()
    stack = list(edges.get(start, ()))
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack.extend(edges.get(node, ()))
    return frozenset(seen)


# --- outlets -----------------------------------------------------------------------------------------


def domain_of(value: str) -> str | None:
    """'https://www.theguardian.com/x' or 'www.theguardian.com' -> 'theguardian.com'."""
    value = value.strip()
    if not re.match(r"^[a-z][a-z0-9+.-]*://", value, re.I):
        if not re.fullmatch(r"[\w.-]+\.[a-z]{2,}(/\S*)?", value, re.I):
            return None
        value = "http://" + value
    host = (urlsplit(value).hostname or "").lower()
    return host.removeprefix("www.") or None


def outlet_id(conn: Connection, ctx: Context, name_or_url: str | None) -> int | None:
    """The outlet named by a domain, URL or name; a new uncurated outlet when unknown."""
    if not name_or_url or not name_or_url.strip():
        return None
    domain = domain_of(name_or_url)
    label = (domain or name_or_url.strip())
    found = ctx.outlets_by_name.get(label.lower())
    if found:
        return found
    key = domain or re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")[:80] or "unknown"
    inserted = conn.execute(
        text("INSERT INTO outlets (key, name, domain) VALUES (:k, :n, :d) ON CONFLICT (key) DO NOTHING RETURNING id"),
        {"k": key, "n": label, "d": domain},
    ).scalar()
    if inserted is not None:
        return inserted  # not cached: this transaction may still roll back
    existing = conn.execute(text("SELECT id FROM outlets WHERE key = :k"), {"k": key}).scalar_one()
    ctx.outlets_by_name[label.lower()] = existing
    return existing


# --- round trips --------------------------------------------------------------------------------------
#
# Storing talks to psycopg directly, inside the transaction SQLAlchemy began: statements whose results
# are not needed before the next one are sent together in pipeline mode (one round trip for many), and
# rows are inserted from one JSON parameter per table, so a whole article's rows go in one round trip.


def driver(conn: Connection) -> psycopg.Connection:
    """The psycopg connection under a SQLAlchemy one (same session, same transaction)."""
    return conn.connection.driver_connection


@contextmanager
def pipeline(conn: Connection) -> Iterator[psycopg.Connection]:
    """Send the statements issued in the block together; read their cursors after it.

    Errors surface as SQLAlchemy's, as for every other statement (an IntegrityError for a CHECK)."""
    pg = driver(conn)
    try:
        with pg.pipeline():
            yield pg
    except psycopg.Error as exc:
        raise DBAPIError.instance("(pipeline)", None, exc, psycopg.Error) from exc


def _json_value(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} as JSON")


def as_json(rows: list[dict]) -> str:
    """Rows as a JSON array for jsonb_populate_recordset: numbers keep their exact decimal form."""
    return json.dumps(rows, default=_json_value, ensure_ascii=False)


@lru_cache(maxsize=64)
def _insert_sql(table: str, columns: tuple[str, ...], suffix: str) -> str:
    names = ", ".join(f'"{c}"' for c in columns)
    return f"INSERT INTO {table} ({names}) SELECT {names} FROM jsonb_populate_recordset(NULL::{table}, %s::jsonb){suffix}"


def insert_rows(pg: psycopg.Connection, table: str, rows: list[dict], suffix: str = "") -> None:
    """Insert rows (dicts with the same keys) in one statement, in their order; columns not named get
    their defaults. Pipelinable, unlike COPY."""
    if rows:
        pg.execute(_insert_sql(table, tuple(rows[0]), suffix), [as_json(rows)])


# --- sources -----------------------------------------------------------------------------------------

SOURCE_STATE = """
    SELECT EXISTS (SELECT 1 FROM sources WHERE content_sha256 = %(sha)s),
           (SELECT id FROM sources WHERE url = %(url)s AND superseded_at IS NULL)"""
SOURCE_COLUMNS = """sources (id, content_sha256, url, outlet_id, title, published_on, text, origin,
                             republished_from_outlet_id, republished_from_text, revises_source_id,
                             extractor_version, ingest_run_id, lsh_bands)"""
INSERT_SOURCE = f"""
    INSERT INTO {SOURCE_COLUMNS}
    VALUES (%(id)s, %(sha)s, %(url)s, %(outlet)s, %(title)s, %(published)s, %(text)s, %(origin)s, %(repub)s,
            %(repub_text)s, %(revises)s, %(ver)s, %(run)s, %(bands)s)
    ON CONFLICT (content_sha256) DO NOTHING RETURNING id"""
# The same insert, made only when no current source holds the url (else the article is a revision
# and lands after its predecessor is superseded), so it can travel with the state query above.
INSERT_NEW_SOURCE = f"""
    INSERT INTO {SOURCE_COLUMNS}
    SELECT CAST(%(id)s AS bigint), CAST(%(sha)s AS varchar), CAST(%(url)s AS text), CAST(%(outlet)s AS int),
           CAST(%(title)s AS text), CAST(%(published)s AS date), CAST(%(text)s AS text), CAST(%(origin)s AS text),
           CAST(%(repub)s AS int), CAST(%(repub_text)s AS text), CAST(%(revises)s AS bigint), CAST(%(ver)s AS text),
           CAST(%(run)s AS bigint), CAST(%(bands)s AS bigint[])
    WHERE NOT EXISTS (SELECT 1 FROM sources WHERE url = %(url)s AND superseded_at IS NULL)
    ON CONFLICT (content_sha256) DO NOTHING RETURNING id"""
# The incident lock is taken only once the source row exists (this transaction's or an earlier one):
# a writer never waits on another's source insert while holding it.
LOCK_INCIDENTS_IF_LANDED = "SELECT pg_advisory_xact_lock(%(lock)s) FROM sources WHERE content_sha256 = %(sha)s"
LOCK_INCIDENTS = "SELECT pg_advisory_xact_lock(%(lock)s)"


def cached_outlet(ctx: Context, name_or_url: str | None) -> tuple[bool, int | None]:
    """(True, id) when the outlet is known without asking the database, else (False, None)."""
    if not name_or_url or not name_or_url.strip():
        return True, None
    found = ctx.outlets_by_name.get((domain_of(name_or_url) or name_or_url.strip()).lower())
    return (True, found) if found else (False, None)


def store_article(conn: Connection, article: Article, extraction: Extraction, ctx: Context) -> StoreResult:
    """Store a new article, or note that its text is already stored, or store it as a revision.

    A new article costs one round trip up to its incident candidates: the url lock, the state query,
    the source insert, the incident lock, the candidate query and the look-up of its reports' public
    ids travel together."""
    sha = content_sha256(article.text)
    source_id = hash_id(sha)
    facts = [report_facts(ctx, r) for r in extraction.incidents]
    outlet, repub = cached_outlet(ctx, article.outlet or article.url), cached_outlet(ctx, article.republished_from)
    prints = copies.fingerprint(article.text)
    values = {
        "id": source_id, "sha": sha, "url": article.url, "outlet": outlet[1], "title": article.title,
        "published": article.published, "text": article.text, "origin": article.origin, "repub": repub[1],
        "repub_text": article.republished_from, "revises": None, "ver": ctx.extractor_version, "run": ctx.run_id,
        "lock": INCIDENT_LOCK, "bands": prints.bands,
    }
    fast = outlet[0] and repub[0]
    with pipeline(conn) as pg:
        if article.url:
            # The url's advisory lock serializes writers of one url, so no row lock is needed below.
            pg.execute("SELECT pg_advisory_xact_lock(%s)", [hash_id("url", article.url)])
        state = pg.execute(SOURCE_STATE, values)
        near = pg.execute(copies.CANDIDATES, copies.candidate_params(prints, source_id)) if prints.bands else None
        inserted = pg.execute(INSERT_NEW_SOURCE, values) if fast else None
        pg.execute(LOCK_INCIDENTS_IF_LANDED, values)
        found = send_lookups(pg, ctx, facts, report_public_ids(sha, extraction))
    stored, previous = state.fetchone()
    if stored:
        return StoreResult("unchanged", source_id)
    prior: list[PriorClaim] = []
    if inserted is not None and inserted.fetchone() is not None:
        known = read_lookups(ctx, found)
    elif fast and previous is None:  # a concurrent ingest stored the same text first
        return StoreResult("unchanged", source_id)
    else:
        landed, prior, known = land_slowly(conn, article, extraction, values, previous, ctx, facts)
        if not landed:  # a concurrent ingest stored the same text first
            return StoreResult("unchanged", source_id)
    copy = copy_check(conn, ctx, source_id, prints, extraction, near, previous)
    result = write_assertions(conn, source_id, sha, extraction, ctx, prior, same_text=False, known=known, copy=copy)
    result.status = "updated" if previous is not None else "added"
    return result


def land_slowly(
    conn: Connection, article: Article, extraction: Extraction, values: dict, previous: int | None, ctx: Context,
    facts: list[Facts],
) -> tuple[bool, list[PriorClaim], Lookups]:
    """The source of a revision (its predecessor superseded first) or of a new outlet: (landed, the
    superseded claims, what was looked up under the incident lock)."""
    values = {**values, "revises": previous}
    values["outlet"] = outlet_id(conn, ctx, article.outlet or article.url)
    values["repub"] = outlet_id(conn, ctx, article.republished_from)
    with pipeline(conn) as pg:
        superseded = supersede_pipelined(pg, previous) if previous is not None else None
        inserted = pg.execute(INSERT_SOURCE, values)
        pg.execute(LOCK_INCIDENTS, values)
        found = send_lookups(pg, ctx, facts, report_public_ids(values["sha"], extraction))
    prior = prior_claims(superseded) if superseded is not None else []
    return inserted.fetchone() is not None, prior, read_lookups(ctx, found)


def copy_check(
    conn: Connection, ctx: Context, source_id: int, prints: copies.Fingerprint, extraction: Extraction,
    near: psycopg.Cursor | None, previous: int | None,
) -> copies.Copy | None:
    """Whether the new source republishes a stored one (eventdb.copies); if so it is marked as a copy."""
    if near is None:
        return None
    reports = [(r.local_id, copy_facts(ctx, r)) for r in extraction.incidents]
    copy = copies.find_copy(prints, reports, copies.read_candidates(near.fetchall(), exclude=previous))
    if copy is not None:
        conn.execute(text("UPDATE sources SET copy_of = :o WHERE id = :i"), {"o": copy.original_id, "i": source_id})
    return copy


def copy_facts(ctx: Context, report: IncidentReport) -> copies.ReportFacts:
    place = ctx.place(report.place)
    return copies.ReportFacts(
        quote=report.span.quote, event_type=report.event_type, place_id=place.id if place else None,
        killed=report.killed, injured=report.injured, projectiles=report.projectiles,
        occurred_on=report.date.on, date_text=report.date.text,
    )


def supersede_pipelined(pg: psycopg.Connection, source_id: int) -> psycopg.Cursor:
    """Mark a source and its current assertions superseded; the cursor returns the claims (see prior_claims)."""
    pg.execute("UPDATE sources SET superseded_at = now() WHERE id = %s", [source_id])
    return supersede_claims(pg, source_id)


def supersede_claims(pg: psycopg.Connection, source_id: int) -> psycopg.Cursor:
    cursor = pg.execute("""
        UPDATE claims SET superseded_at = now() WHERE source_id = %s AND superseded_at IS NULL
        RETURNING incident_id, claim_type, quote, char_start, char_end, claim_key""", [source_id])
    for table in ("statistics", "name_mentions"):
        pg.execute(f"UPDATE {table} SET superseded_at = now() WHERE source_id = %s AND superseded_at IS NULL", [source_id])
    return cursor


def prior_claims(cursor: psycopg.Cursor) -> list[PriorClaim]:
    """In text order, then type and key order: RETURNING gives rows in their physical order, which
    differs between runs, and two reports of one sentence must carry over the same way every time."""
    claims = [PriorClaim(claim_type, quote, start, end, key, incident_id)
              for incident_id, claim_type, quote, start, end, key in cursor.fetchall()]
    return sorted(claims, key=lambda p: (p.char_start, p.char_end, p.claim_type, p.claim_key))


def supersede_assertions(conn: Connection, source_id: int) -> list[PriorClaim]:
    """Mark a source's current assertions superseded; return the claims they were."""
    with pipeline(conn) as pg:
        cursor = supersede_claims(pg, source_id)
    return prior_claims(cursor)


def replace_assertions(conn: Connection, source_id: int, article: Article, extraction: Extraction, ctx: Context) -> StoreResult:
    """Re-extraction: the source stays, its claims are superseded by the new extractor's."""
    prior = supersede_assertions(conn, source_id)
    sha = content_sha256(article.text)
    conn.execute(text("UPDATE sources SET extractor_version = :v WHERE id = :i"), {"v": ctx.extractor_version, "i": source_id})
    result = write_assertions(conn, source_id, sha, extraction, ctx, prior, same_text=True)
    result.status = "updated"
    return result


# --- claims, statistics, incidents -------------------------------------------------------------------


def claim_spans(extraction: Extraction) -> list[ClaimSpan]:
    """The article's claims in the order claim_rows writes them: reports, other claims, affiliations."""
    spans = [ClaimSpan("incident_report", r.span.quote, r.span.char_start, r.span.char_end) for r in extraction.incidents]
    spans += [ClaimSpan(c.type, c.span.quote, c.span.char_start, c.span.char_end) for c in extraction.claims]
    spans += [ClaimSpan("affiliation", a.span.quote, a.span.char_start, a.span.char_end) for a in extraction.affiliations]
    return spans


def report_public_ids(sha: str, extraction: Extraction) -> list[str]:
    """The public id each report would give a new incident (its key as a new claim's)."""
    keys = assign_keys(sha, claim_spans(extraction)[:len(extraction.incidents)], [], same_text=False)
    return [public_id(key) for key, _ in keys]


def write_assertions(
    conn: Connection, source_id: int, sha: str, extraction: Extraction, ctx: Context,
    prior: list[PriorClaim] = (), same_text: bool = False, known: Lookups | None = None,
    copy: copies.Copy | None = None,
) -> StoreResult:
    """Resolve the reports to incidents and write every row of the article.

    The reports of a copy (`copy`) go to the incidents of the reports they restate: a copy creates none.

    `known` was looked up under the incident lock by the caller; without it the lock is taken
    here. Round trips: the look-ups (unless given), the new incidents' ids (when any), every insert
    with the re-read of the touched incidents, the judgements' application (only when a judgement
    names one of the claims), and the incidents' update."""
    version = ctx.extractor_version
    # Keys are unique per text, extractor version and run, so re-extraction never collides with superseded rows.
    salt = f"{sha}/{version}/{ctx.run_id}"
    facts = [report_facts(ctx, r) for r in extraction.incidents]
    pids = report_public_ids(sha, extraction)
    if known is None:
        with pipeline(conn) as pg:
            pg.execute(LOCK_INCIDENTS, {"lock": INCIDENT_LOCK})
            found = send_lookups(pg, ctx, facts, pids)
        known = read_lookups(ctx, found)
    keys = assign_keys(sha, claim_spans(extraction), list(prior), same_text)
    incident_of: dict[str, int] = {}
    merges: list[dict] = []
    to_create: list[tuple[str, Facts, str]] = []
    for report, fact, pid, (_, carried) in zip(extraction.incidents, facts, pids, keys):
        claim_id = hash_id(salt, "incident", report.local_id)
        carried_to = carried.incident_id if carried else None
        decision = None if carried_to or copy or pid in known.existing else decide(fact, known.candidates, ctx.related, ctx.side)
        if copy is not None and not carried_to:
            incident_of[report.local_id] = copy.incident_of[report.local_id]
            merges.append(merge_row(claim_id, copy.incident_of[report.local_id], "merged", "copy_of_source", 1.0, {
                "original_source_id": str(copy.original_id), "matched_source_id": str(copy.matched_id),
                "containment": copy.containment, "same_quote": copy.same_quote[report.local_id]}))
        elif carried_to:
            rule = "same_span_as_superseded_claim" if same_text else "same_quote_in_revised_text"
            incident_of[report.local_id] = carried_to
            merges.append(merge_row(claim_id, carried_to, "carried_over", rule, 1.0))
        elif pid in known.existing:  # the report's own incident, withdrawn when an earlier extraction dropped it
            incident_of[report.local_id] = known.existing[pid]
            merges.append(merge_row(claim_id, known.existing[pid], "carried_over", "same_report_key", 1.0))
        elif decision is not None:
            incident_of[report.local_id] = decision.incident_id
            merges.append(merge_row(claim_id, decision.incident_id, "merged", decision.rule, decision.score, decision.details))
        else:
            to_create.append((report.local_id, fact, pid))
            merges.append(merge_row(claim_id, None, "created", "no_matching_incident", 1.0))
    created = draw_incident_ids(conn, len(to_create))
    incident_of.update({local: new_id for (local, _, _), new_id in zip(to_create, created)})
    for m, report in zip(merges, extraction.incidents):
        m["incident_id"] = incident_of[report.local_id]
    merged = sum(m["decision"] == "merged" for m in merges)

    claim_keys = [key for key, _ in keys]
    claims, actors = claim_rows(source_id, salt, version, extraction, ctx, incident_of, claim_keys)
    touched = sorted(set(incident_of.values()) | {p.incident_id for p in prior if p.incident_id is not None})
    with pipeline(conn) as pg:
        set_cause(pg, {"run": ctx.run_id})
        insert_rows(pg, "incidents", incident_rows(created, to_create))
        insert_rows(pg, "claims", claims)
        insert_rows(pg, "claim_actors", actors)
        insert_rows(pg, "incident_merges", merges)
        insert_rows(pg, "statistics", statistic_rows(source_id, salt, version, extraction, ctx))
        insert_rows(pg, "name_mentions", mention_rows(source_id, salt, version, extraction))
        insert_rows(pg, "affiliations", affiliation_rows(source_id, claims, actors), " ON CONFLICT DO NOTHING")
        judged = pg.execute(JUDGED_KEYS, [claim_keys]) if claim_keys else None
        reads = send_incident_reads(pg, touched)
    if judged is not None and judged.fetchone()[0]:  # a curator judged one of these claims: apply, read again
        with pipeline(conn) as pg:
            apply_judgements(pg, claim_keys)
            reads = send_incident_reads(pg, touched)
    finish_incidents(conn, ctx, touched, reads)
    return StoreResult("added", source_id, claims=len(claims), incidents_created=len(created), incidents_merged=merged)


def set_cause(pg: psycopg.Connection, cause: dict) -> None:
    """What the incident changes of this transaction are recorded as caused by (incident_history)."""
    pg.execute("SELECT set_config('eventdb.change', %s, true)", [json.dumps(cause)])


# Whether any judgement in force names one of an article's claims; almost never, so the statements
# that apply judgements are sent only then.
JUDGED_KEYS = "SELECT EXISTS (SELECT 1 FROM judgements WHERE claim_key = ANY(CAST(%s AS bigint[])) AND withdrawn_by IS NULL)"


def apply_judgements(pg: psycopg.Connection, claim_keys: list[int]) -> None:
    """Apply the judgements in force to the current claims with these keys (eventdb.judgements)."""
    for statement in judgements.apply_statements():
        pg.execute(statement, {"keys": claim_keys})


def merge_row(claim_id: int, incident_id: int | None, decision: str, rule: str, score: float, details: dict | None = None) -> dict:
    return {"claim_id": claim_id, "incident_id": incident_id, "decision": decision, "rule": rule, "score": score,
            "details": details or {}}


def report_facts(ctx: Context, report: IncidentReport) -> Facts:
    place = ctx.place(report.place)
    country = (place.country_code if place else None) or (report.place.country_code if report.place else None)
    return Facts(
        event_type=report.event_type, occurred_on=report.date.on, precision=report.date.precision if report.date.on else "unknown",
        place=place, country_code=country,
        perpetrator_id=ctx.actor_id(report.perpetrator), target_id=ctx.actor_id(report.target),
    )


CANDIDATES = """
    SELECT DISTINCT i.id, i.event_type, i.occurred_on, i.date_precision, i.place_id, i.country_code,
           i.perpetrator_actor_id, i.target_actor_id
    FROM unnest(CAST(%(idx)s AS int[]), CAST(%(los)s AS date[]), CAST(%(his)s AS date[])) AS w(idx, lo, hi)
    CROSS JOIN LATERAL (
        SELECT * FROM incidents WHERE place_id IS NOT NULL AND date_precision = 'day'
            AND occurred_on BETWEEN w.lo - 1 AND w.hi + 1 AND status <> 'merged'
        UNION ALL
        SELECT * FROM incidents WHERE place_id IS NOT NULL AND date_precision = 'week'
            AND occurred_on BETWEEN w.lo - 6 AND w.hi AND status <> 'merged'
        UNION ALL
        SELECT * FROM incidents WHERE place_id IS NOT NULL AND date_precision = 'month'
            AND occurred_on BETWEEN w.lo - 31 AND w.hi AND status <> 'merged'
        UNION ALL
        SELECT * FROM incidents WHERE place_id IS NOT NULL AND date_precision = 'year'
            AND occurred_on BETWEEN w.lo - 366 AND w.hi AND status <> 'merged'
    ) i
    JOIN unnest(CAST(%(pair_idx)s AS int[]), CAST(%(pair_place)s AS int[])) AS p(idx, place_id)
      ON p.idx = w.idx AND p.place_id = i.place_id"""


@dataclass(frozen=True)
class Lookups:
    """What storing an article reads under the incident lock before deciding."""

    candidates: list[tuple[int, Facts]]  # incidents its reports could merge with
    existing: dict[str, int]  # incidents (not merged away) that already have one of its reports' public ids


# Statements on incidents by id are planned at each use (prepare=False): a plan kept from the first
# articles of a batch on an empty database scans the whole incidents table for the rest of the batch
# when no ANALYZE runs in between (as on a server with autovacuum off).
EXISTING_IDS = "SELECT public_id, id FROM incidents WHERE public_id = ANY(%s) AND status <> 'merged'"


def send_lookups(pg: psycopg.Connection, ctx: Context, facts: list[Facts], pids: list[str]) -> tuple:
    """Send the incident candidates' query and the public ids' look-up (read them with read_lookups)."""
    existing = pg.execute(EXISTING_IDS, [pids], prepare=False) if pids else None
    return incident_candidates(pg, ctx, facts), existing


def read_lookups(ctx: Context, cursors: tuple) -> Lookups:
    candidates, existing = cursors
    return Lookups(read_candidates(ctx, candidates), dict(existing.fetchall()) if existing is not None else {})


def incident_candidates(pg: psycopg.Connection, ctx: Context, facts: list[Facts]) -> psycopg.Cursor | None:
    """Send the query for stored incidents at a place these reports could merge with, whose period
    may overlap theirs; None when no report can merge (no date or no mergeable place).

    One query per article; each report's window is an index range scan per date precision
    (ix_incidents_date_precision_occurred_on) narrowed to its mergeable places, so the cost
    does not grow with the number of stored incidents.
    """
    windows: list[tuple[int, tuple]] = []
    pairs: list[tuple[int, int]] = []
    for f in facts:
        span = period(f.occurred_on, f.precision)
        places = ctx.mergeable_places(f.place) if f.place is not None and span is not None else frozenset()
        if places:
            windows.append((len(windows), span))
            pairs.extend((len(windows) - 1, place_id) for place_id in sorted(places))
    if not windows:
        return None
    return pg.execute(CANDIDATES, {
        "idx": [n for n, _ in windows], "los": [span[0] for _, span in windows], "his": [span[1] for _, span in windows],
        "pair_idx": [n for n, _ in pairs], "pair_place": [pid for _, pid in pairs],
    })


def read_candidates(ctx: Context, cursor: psycopg.Cursor | None) -> list[tuple[int, Facts]]:
    if cursor is None:
        return []
    places = ctx.places_by_id
    return [(i, Facts(event_type, on, precision, places.get(place_id), country, perpetrator, target))
            for i, event_type, on, precision, place_id, country, perpetrator, target in cursor.fetchall()]


def draw_incident_ids(conn: Connection, n: int) -> list[int]:
    """Ids for new incidents, drawn before they are written, so the order is certain."""
    if not n:
        return []
    try:
        rows = driver(conn).execute("SELECT nextval(pg_get_serial_sequence('incidents', 'id')) FROM generate_series(1, %s)", [n]).fetchall()
    except psycopg.Error as exc:
        raise DBAPIError.instance("nextval", None, exc, psycopg.Error) from exc
    return [r[0] for r in rows]


def incident_rows(ids: list[int], to_create: list[tuple[str, Facts, str]]) -> list[dict]:
    """New incidents, in the order given: (local id, facts, public id) each."""
    return [
        {"id": i, "public_id": pid, "occurred_on": f.occurred_on, "date_precision": f.precision, "event_type": f.event_type,
         "place_id": f.place.id if f.place else None, "country_code": f.country_code}
        for i, (_, f, pid) in zip(ids, to_create)
    ]


BASIS_OF_CLAIM = {"responsibility_claimed": "claimed", "attribution": "attributed"}


def claim_rows(
    source_id: int, salt: str, version: str, extraction: Extraction, ctx: Context, incident_of: dict[str, int],
    claim_keys: list[int],
) -> tuple[list[dict], list[dict]]:
    """Claims (keys in the order of claim_spans) and the actors they name."""
    claims: list[dict] = []
    actors: list[dict] = []

    def add_actors(claim_id: int, **roles: ActorRef | None) -> None:
        """One claim_actors row per named role (each role holds one actor per claim, at position 0)."""
        for role, ref in roles.items():
            if ref is not None and ref.text:
                actors.append({"claim_id": claim_id, "role": role, "position": 0, "source_id": source_id,
                               "actor_id": ctx.actor_id(ref), "actor_text": ref.text})

    def base(claim_id: int, claim_type: str, stance: str, claimant: ActorRef | None, span, confidence: float) -> dict:
        claimant_outlet = None
        if claimant is not None and ctx.actor_id(claimant) is None:
            claimant_outlet = ctx.outlets_by_name.get(re.sub(r"^the\s+", "", claimant.text.strip(), flags=re.I).lower())
        return {
            "id": claim_id, "source_id": source_id, "extractor_version": version, "claim_type": claim_type, "stance": stance,
            "claimant_actor_id": ctx.actor_id(claimant), "claimant_outlet_id": claimant_outlet,
            "claimant_text": claimant.text if claimant else None, "incident_id": None, "local_incident": None,
            "event_type": None, "occurred_on": None, "date_precision": "unknown", "date_text": None, "place_id": None,
            "place_text": None, "country_code": None, "weapons": [], "outcome": None, "killed": None, "injured": None,
            "projectiles": None, "perpetrator_basis": None, "relation": None,
            "quote": span.quote, "char_start": span.char_start, "char_end": span.char_end,
            "sentence_index": span.sentence_index, "confidence": confidence, "claim_key": claim_keys[len(claims)],
            "judgement_ids": ctx.name_judgements((claimant,)),
        }

    for r in extraction.incidents:
        cid = hash_id(salt, "incident", r.local_id)
        row = base(cid, "incident_report", r.stance, r.claimant, r.span, r.confidence)
        place = ctx.place(r.place)
        row.update(
            judgement_ids=ctx.name_judgements((r.claimant, r.perpetrator, r.target), r.place),
            incident_id=incident_of.get(r.local_id), local_incident=r.local_id, event_type=r.event_type,
            occurred_on=r.date.on, date_precision=r.date.precision if r.date.on else "unknown", date_text=r.date.text,
            place_id=place.id if place else None, place_text=r.place.text if r.place else None,
            country_code=(place.country_code if place else None) or (r.place.country_code if r.place else None),
            weapons=list(r.weapons), outcome=r.outcome, killed=r.killed, injured=r.injured,
            projectiles=r.projectiles, perpetrator_basis=r.perpetrator_basis,
        )
        claims.append(row)
        add_actors(cid, perpetrator=r.perpetrator, target=r.target, claimant=r.claimant)

    for n, c in enumerate(extraction.claims):
        cid = hash_id(salt, "claim", n)
        row = base(cid, c.type, c.stance, c.claimant, c.span, c.confidence)
        row.update(
            judgement_ids=ctx.name_judgements((c.claimant, c.perpetrator, c.target)),
            incident_id=incident_of.get(c.incident) if c.incident else None, local_incident=c.incident,
            killed=c.killed, injured=c.injured, projectiles=c.projectiles,
            perpetrator_basis=BASIS_OF_CLAIM.get(c.type),
            outcome="intercepted" if c.type == "interception" else None,
        )
        claims.append(row)
        add_actors(cid, perpetrator=c.perpetrator, target=c.target, claimant=c.claimant)

    for n, a in enumerate(extraction.affiliations):
        cid = hash_id(salt, "affiliation", n)
        row = base(cid, "affiliation", "asserted", None, a.span, a.confidence)
        row.update(relation=a.relation, judgement_ids=ctx.name_judgements((a.actor, a.related)))
        claims.append(row)
        add_actors(cid, subject=a.actor, related=a.related)
    return claims, actors


def statistic_rows(source_id: int, salt: str, version: str, extraction: Extraction, ctx: Context) -> list[dict]:
    return [
        {"id": hash_id(salt, "statistic", n), "source_id": source_id, "extractor_version": version,
         "actor_id": ctx.actor_id(s.actor), "actor_text": s.actor.text if s.actor else None, "count": s.count,
         "count_text": s.count_text, "qualifier": s.qualifier, "what": s.what, "target_text": s.target,
         "period_text": s.period_text, **resolved_period(s.period_start, s.period_end), "stance": s.stance,
         "quote": s.span.quote, "char_start": s.span.char_start, "char_end": s.span.char_end,
         "sentence_index": s.span.sentence_index, "confidence": s.confidence}
        for n, s in enumerate(extraction.statistics)
    ]


def resolved_period(start, end) -> dict:
    """An inverted period (a "since November 2023" in an article dated October 2023) is not a fact
    to store: keep the words, drop the dates."""
    if start is not None and end is not None and start > end:
        start = end = None
    return {"period_start": start, "period_end": end}


def mention_rows(source_id: int, salt: str, version: str, extraction: Extraction) -> list[dict]:
    return [
        {"id": hash_id(salt, "mention", n), "source_id": source_id, "extractor_version": version, "name": u.name,
         "kind": u.kind, "quote": u.sentence.quote, "char_start": u.char_start, "char_end": u.char_end}
        for n, u in enumerate(extraction.unresolved)
    ]


def affiliation_rows(source_id: int, claims: list[dict], actors: list[dict]) -> list[dict]:
    """An affiliation the text states between two known actors becomes an affiliation with that claim as evidence."""
    by_claim: dict[int, dict[str, int | None]] = {}
    for a in actors:
        by_claim.setdefault(a["claim_id"], {})[a["role"]] = a["actor_id"]
    rows = []
    for c in claims:
        if c["claim_type"] != "affiliation":
            continue
        roles = by_claim.get(c["id"], {})
        subject, related = roles.get("subject"), roles.get("related")
        if subject and related and subject != related:
            rows.append({"actor_id": subject, "related_actor_id": related, "relation": c["relation"],
                         "evidence_key": f"claim:{c['id']}", "source_id": source_id, "claim_id": c["id"],
                         "note": c["quote"][:500]})
    return rows


# --- incidents: re-derived from their claims, judgements applied, ids kept canonical ------------------

CURRENT_CLAIMS = """
    SELECT c.incident_id, c.claim_type, c.stance, c.event_type, c.occurred_on, c.date_precision, c.place_id,
           c.place_text, c.country_code, c.weapons, c.outcome, c.killed, c.injured, c.projectiles,
           coalesce(c.perpetrator_basis, 'unknown') AS perpetrator_basis,
           p.actor_id AS perpetrator_id, p.actor_text AS perpetrator_text,
           t.actor_id AS target_id, t.actor_text AS target_text,
           c.claim_key, c.source_id, (SELECT s.published_on FROM sources s WHERE s.id = c.source_id), c.rejected, c.judgement_ids
    FROM claims c
    LEFT JOIN claim_actors p ON p.claim_id = c.id AND p.role = 'perpetrator' AND p.position = 0
    LEFT JOIN claim_actors t ON t.claim_id = c.id AND t.role = 'target' AND t.position = 0
    WHERE c.incident_id = ANY(CAST(%s AS bigint[])) AND c.superseded_at IS NULL"""

INCIDENT_JUDGEMENTS = """
    SELECT id, kind, incident_id, other_incident_id, field, value FROM judgements
    WHERE withdrawn_by IS NULL AND kind IN ('correct_incident', 'merge_incidents', 'split_report')
      AND (incident_id = ANY(CAST(%(ids)s AS bigint[])) OR other_incident_id = ANY(CAST(%(ids)s AS bigint[])))
    ORDER BY id"""

INCIDENT_STATE = "SELECT id, public_id, status FROM incidents WHERE id = ANY(CAST(%s AS bigint[]))"

# The casualty figures (eventdb.casualties) of the claims a curator has not rejected.
FIGURES = casualties.FIGURES + " AND NOT c.rejected"


@dataclass(frozen=True)
class IncidentJudgement:
    id: int
    kind: str
    incident_id: int | None
    other_incident_id: int | None
    field: str | None
    value: object


@dataclass(frozen=True)
class Rename:
    """An incident whose canonical report changed: its public id should become `new`."""

    incident_id: int
    old: str
    new: str


def send_incident_reads(pg: psycopg.Connection, ids: list[int]) -> tuple | None:
    """Send what re-deriving these incidents reads: current claims, judgements, id and status, casualty figures."""
    if not ids:
        return None
    return (pg.execute(CURRENT_CLAIMS, [ids]), pg.execute(INCIDENT_JUDGEMENTS, {"ids": ids}),
            pg.execute(INCIDENT_STATE, [ids], prepare=False), pg.execute(FIGURES, [ids]))


def finish_incidents(conn: Connection, ctx: Context, ids: list[int], reads: tuple | None) -> None:
    """Re-derive the incidents read by send_incident_reads and write what changed."""
    if reads is None:
        return
    claims, judged, state, figures = (cursor.fetchall() for cursor in reads)
    updates, renames = incident_updates(
        ctx, ids, claims, [IncidentJudgement(*row) for row in judged], {i: (pid, status) for i, pid, status in state},
        casualties.tolls(figures))
    moves, redirects = settle_renames(conn, renames, updates)
    write_incidents(conn, updates, moves, redirects)


def refresh_incidents(conn: Connection, ctx: Context, ids: list[int], cause: dict) -> None:
    """Re-derive these incidents now (after a curator's judgement), recording `cause` in their history."""
    ids = sorted(set(ids))
    with pipeline(conn) as pg:
        set_cause(pg, cause)
        reads = send_incident_reads(pg, ids)
    finish_incidents(conn, ctx, ids, reads)


def claim_facts(ctx: Context, row: tuple) -> ClaimFacts:
    (_, claim_type, stance, event_type, occurred_on, precision, place_id, place_text, country, weapons,
     outcome, killed, injured, projectiles, basis, perp_id, perp_text, target_id, target_text, *_) = row
    return ClaimFacts(
        claim_type=claim_type, stance=stance, event_type=event_type, occurred_on=occurred_on,
        precision=precision, place=ctx.places_by_id.get(place_id), place_text=place_text,
        country_code=country, weapons=tuple(weapons or ()), outcome=outcome, killed=killed,
        injured=injured, projectiles=projectiles, perpetrator_id=perp_id,
        perpetrator_text=perp_text, perpetrator_basis=basis, target_id=target_id, target_text=target_text,
    )


def incident_updates(
    ctx: Context, ids: list[int], rows: list[tuple], judged: list[IncidentJudgement], state: dict[int, tuple[str, str]],
    tolls: dict[int, dict],
) -> tuple[list[dict], list[Rename]]:
    """Each incident re-derived from its current claims (rows of CURRENT_CLAIMS; rejected ones left
    out) and casualty figures (eventdb.casualties: low, best and high), with the curators' corrections
    applied; an incident with no claim left is withdrawn, keeping its last fields. Also the incidents
    whose canonical report, and so public id, changed."""
    grouped: dict[int, list[tuple]] = {}
    for row in rows:
        if not row[-2]:  # rejected
            grouped.setdefault(row[0], []).append(row)
    updates: list[dict] = []
    renames: list[Rename] = []
    for incident_id in ids:
        if incident_id not in state or state[incident_id][1] == "merged":
            continue
        current_pid = state[incident_id][0]
        own = [j for j in judged if incident_id in (j.incident_id, j.other_incident_id)]
        own_ids = {j.id for j in own}
        claims = grouped.get(incident_id)
        if not claims:
            updates.append({"id": incident_id, "status": "withdrawn", "merged_into_id": None, "source_count": 0,
                            "claim_count": 0, "judgement_ids": sorted(own_ids)})
            continue
        corrections = [(j.field, j.value) for j in own if j.kind == "correct_incident" and j.incident_id == incident_id]
        derived = {**derive([claim_facts(ctx, r) for r in claims]).__dict__, **tolls.get(incident_id, casualties.no_figures())}
        fields, curated = with_corrections(derived, corrections, ctx.places, ctx.actor_ids)
        reports = [Report(r[19], r[21]) for r in claims if r[1] == "incident_report"]
        pid = canonical_public_id(reports) or current_pid
        if pid != current_pid:
            renames.append(Rename(incident_id, current_pid, pid))
        updates.append({
            "id": incident_id, **fields, "public_id": current_pid, "status": "current", "merged_into_id": None,
            "source_count": len({r[20] for r in claims}), "claim_count": len(claims),
            "judgement_ids": sorted(own_ids.union(*(r[-1] or () for r in claims))), "curated_fields": curated,
        })
    return updates, renames


def settle_renames(conn: Connection, renames: list[Rename], updates: list[dict]) -> tuple[list[tuple[int, int]], list[dict]]:
    """Give renamed incidents their new public id, the old one redirecting. When another incident
    already holds the new id, the cluster belongs to that one (it is its canonical report's incident,
    withdrawn or merged away earlier): the claims move there and the renamed incident is merged into
    it. Returns the moves (from, into) and the redirects; `updates` are changed in place."""
    if not renames:
        return [], []
    holders = {pid: (i, status) for pid, i, status in conn.execute(
        text("SELECT public_id, id, status FROM incidents WHERE public_id = ANY(:p)"), {"p": [r.new for r in renames]})}
    leaving = {r.old for r in renames}
    by_id = {u["id"]: u for u in updates}
    moves, redirects = [], []
    for r in renames:
        holder = holders.get(r.new)
        if holder is None or (holder[1] == "current" and r.new in leaving):
            by_id[r.incident_id]["public_id"] = r.new
            redirects.append({"public_id": r.old, "incident_id": r.incident_id, "reason": "renamed"})
        elif holder[1] != "current":
            into = holder[0]
            updates.append({**by_id[r.incident_id], "id": into, "public_id": r.new})
            by_id[r.incident_id].clear()
            by_id[r.incident_id].update(id=r.incident_id, status="merged", merged_into_id=into, source_count=0, claim_count=0)
            moves.append((r.incident_id, into))
            redirects.append({"public_id": r.old, "incident_id": into, "reason": "merged"})
        # else a current incident holds the id: its canonical report is this one too, which a later
        # change settles; the id stays as it is meanwhile
    return moves, redirects


MOVE_CLAIMS = "UPDATE claims SET incident_id = %(into)s WHERE incident_id = %(from)s AND superseded_at IS NULL"
MOVE_CORRECTIONS = "UPDATE judgements SET incident_id = %(into)s WHERE incident_id = %(from)s AND kind = 'correct_incident'"
INSERT_REDIRECTS = """
    INSERT INTO incident_redirects (public_id, incident_id, reason, judgement_id)
    SELECT public_id, incident_id, reason, judgement_id FROM jsonb_populate_recordset(NULL::incident_redirects, %s::jsonb)
    ON CONFLICT (public_id) DO UPDATE SET incident_id = EXCLUDED.incident_id, reason = EXCLUDED.reason,
        judgement_id = EXCLUDED.judgement_id, created_at = now()"""


@lru_cache(maxsize=16)
def _update_sql(columns: tuple[str, ...]) -> str:
    """An UPDATE of these columns from JSON rows that leaves unchanged incidents alone (no new version
    in their history, no write). The ids are given again as an array: the planner knows how many rows
    that is (it guesses 100 for the JSON) and looks them up by key rather than scanning."""
    names = ", ".join(f'"{c}"' for c in columns)
    values = ", ".join(f'u."{c}"' for c in columns)
    olds = ", ".join(f'i."{c}"' for c in columns)
    return f"""
    UPDATE incidents AS i SET ({names}) = ({values}), updated_at = now()
    FROM jsonb_populate_recordset(NULL::incidents, %s::jsonb) AS u
    WHERE i.id = u.id AND i.id = ANY(CAST(%s AS bigint[])) AND ({olds}) IS DISTINCT FROM ({values})"""


def write_incidents(conn: Connection, updates: list[dict], moves: list[tuple[int, int]], redirects: list[dict]) -> None:
    """One statement per shape of update (re-derived, withdrawn, merged), with the moves and redirects."""
    shapes: dict[tuple[str, ...], list[dict]] = {}
    for u in updates:
        shapes.setdefault(tuple(k for k in u if k != "id"), []).append(u)
    if not shapes and not moves and not redirects:
        return
    with pipeline(conn) as pg:
        for source, into in moves:
            pg.execute(MOVE_CLAIMS, {"from": source, "into": into})
            pg.execute(MOVE_CORRECTIONS, {"from": source, "into": into})
        for columns, rows in shapes.items():  # planned at each use, as EXISTING_IDS
            pg.execute(_update_sql(columns), [as_json(rows), [r["id"] for r in rows]], prepare=False)
        if redirects:
            pg.execute(INSERT_REDIRECTS, [as_json([{"judgement_id": None, **r} for r in redirects])])
