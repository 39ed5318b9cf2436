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
import hashlib
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

from eventdb import casualties, copies
from eventdb.articles import content_sha256
from eventdb.assertions import ActorRef, Article, Extraction, IncidentReport
from eventdb.resolve import ClaimFacts, Facts, PlaceInfo, decide, derive, mergeable_places, period

INCIDENT_LOCK = 0x45564442_494E4344  # advisory lock held while resolving incidents


def hash_id(*parts: object) -> int:
    """A positive 63-bit key derived from `parts` (fits PostgreSQL bigint)."""
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:8], "big") >> 1


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
    _mergeable: dict[int, frozenset[int]] = field(default_factory=dict)  # place id -> places it may merge with

    def related(self, a: int, b: int) -> bool:
        return b in self.ancestors.get(a, frozenset())

    def mergeable_places(self, place: PlaceInfo) -> frozenset[int]:
        found = self._mergeable.get(place.id)
        if found is None:
            found = self._mergeable[place.id] = mergeable_places(place, self.places_by_id.values())
        return found

    def actor_id(self, ref: ActorRef | None) -> int | None:
        return self.actor_ids.get(ref.key) if ref is not None and ref.key else None


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
    for a, b in conn.execute(text("SELECT actor_id, related_actor_id FROM affiliations WHERE relation IN ('member_of', 'part_of', 'front_for', 'commands')")):
        edges.setdefault(a, set()).add(b)
    return Context(
        extractor_version=extractor_version, run_id=run_id, actor_ids=actor_ids,
        places={p.key: p for p in places_by_id.values()}, places_by_id=places_by_id,
        outlets_by_name=outlets, ancestors={a: _closure(a, edges) for a in edges},
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
    the source insert, the incident lock and the candidate query travel together."""
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
        found = incident_candidates(pg, ctx, facts)
    stored, previous = state.fetchone()
    if stored:
        return StoreResult("unchanged", source_id)
    prior: list[PriorReport] = []
    if inserted is not None and inserted.fetchone() is not None:
        candidates = read_candidates(ctx, found)
    elif fast and previous is None:  # a concurrent ingest stored the same text first
        return StoreResult("unchanged", source_id)
    else:
        landed, prior, candidates = land_slowly(conn, article, values, previous, ctx, facts)
        if not landed:  # a concurrent ingest stored the same text first
            return StoreResult("unchanged", source_id)
    copy = copy_check(conn, ctx, source_id, prints, extraction, near, previous)
    result = write_assertions(conn, source_id, sha, extraction, ctx, prior, same_text=False, candidates=candidates, copy=copy)
    result.status = "updated" if previous is not None else "added"
    return result


def land_slowly(
    conn: Connection, article: Article, values: dict, previous: int | None, ctx: Context, facts: list[Facts],
) -> tuple[bool, list[PriorReport], list[tuple[int, Facts]]]:
    """The source of a revision (its predecessor superseded first) or of a new outlet: (landed, the
    superseded reports, the incident candidates read under the incident lock)."""
    values = {**values, "revises": previous}
    values["outlet"] = outlet_id(conn, ctx, article.outlet or article.url)
    values["repub"] = outlet_id(conn, ctx, article.republished_from)
    with pipeline(conn) as pg:
        superseded = supersede_pipelined(pg, previous) if previous is not None else None
        inserted = pg.execute(INSERT_SOURCE, values)
        pg.execute(LOCK_INCIDENTS, values)
        found = incident_candidates(pg, ctx, facts)
    prior = prior_reports(superseded) if superseded is not None else []
    return inserted.fetchone() is not None, prior, read_candidates(ctx, found)


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
    place = ctx.places.get(report.place.key) if report.place and report.place.key else None
    return copies.ReportFacts(
        quote=report.span.quote, event_type=report.event_type, place_id=place.id if place else None,
        killed=report.killed, injured=report.injured, projectiles=report.projectiles,
        occurred_on=report.date.on, date_text=report.date.text,
    )


@dataclass(frozen=True)
class PriorReport:
    """A superseded claim's link to its incident, so that the new claims can keep the link."""

    quote: str
    char_start: int
    char_end: int
    incident_id: int


def supersede_pipelined(pg: psycopg.Connection, source_id: int) -> psycopg.Cursor:
    """Mark a source and its current assertions superseded; the cursor returns the claims' incident links."""
    pg.execute("UPDATE sources SET superseded_at = now() WHERE id = %s", [source_id])
    return supersede_claims(pg, source_id)


def supersede_claims(pg: psycopg.Connection, source_id: int) -> psycopg.Cursor:
    cursor = pg.execute("""
        UPDATE claims SET superseded_at = now() WHERE source_id = %s AND superseded_at IS NULL
        RETURNING incident_id, claim_type, quote, char_start, char_end""", [source_id])
    for table in ("statistics", "name_mentions"):
        pg.execute(f"UPDATE {table} SET superseded_at = now() WHERE source_id = %s AND superseded_at IS NULL", [source_id])
    return cursor


def prior_reports(cursor: psycopg.Cursor) -> list[PriorReport]:
    """In text order, then incident order: RETURNING gives rows in their physical order, which
    differs between runs, and two reports of one sentence must carry over the same way every time."""
    reports = [PriorReport(quote, start, end, incident_id) for incident_id, claim_type, quote, start, end in cursor.fetchall()
               if incident_id is not None and claim_type == "incident_report"]
    return sorted(reports, key=lambda p: (p.char_start, p.char_end, p.incident_id))


def supersede_assertions(conn: Connection, source_id: int) -> list[PriorReport]:
    """Mark a source's current assertions superseded; return the incident links they had."""
    with pipeline(conn) as pg:
        cursor = supersede_claims(pg, source_id)
    return prior_reports(cursor)


def carried_over(report: IncidentReport, prior: list[PriorReport], same_text: bool, used: set[int]) -> PriorReport | None:
    """The superseded claim this report restates: the same span, else an overlapping one (same text),
    else the same quote (a revised text). Each superseded claim is carried over once."""
    start, end = report.span.char_start, report.span.char_end
    tests = [lambda p: p.quote == report.span.quote]
    if same_text:
        tests = [lambda p: (p.char_start, p.char_end) == (start, end), lambda p: p.char_start < end and start < p.char_end]
    for test in tests:
        for n, p in enumerate(prior):
            if n not in used and test(p):
                used.add(n)
                return p
    return None


def replace_assertions(conn: Connection, source_id: int, article: Article, extraction: Extraction, ctx: Context) -> StoreResult:
    """Re-extraction: the source stays, its claims are superseded by the new extractor's."""
    prior = supersede_assertions(conn, source_id)
    sha = content_sha256(article.text)
    conn.execute(text("UPDATE sources SET extractor_version = :v WHERE id = :i"), {"v": ctx.extractor_version, "i": source_id})
    result = write_assertions(conn, source_id, sha, extraction, ctx, prior, same_text=True)
    result.status = "updated"
    return result


# --- claims, statistics, incidents -------------------------------------------------------------------


def write_assertions(
    conn: Connection, source_id: int, sha: str, extraction: Extraction, ctx: Context,
    prior: list[PriorReport] = (), same_text: bool = False, candidates: list[tuple[int, Facts]] | None = None,
    copy: copies.Copy | None = None,
) -> StoreResult:
    """Resolve the reports to incidents and write every row of the article.

    The reports of a copy (`copy`) go to the incidents of the reports they restate: a copy creates none.

    `candidates` were read under the incident lock by the caller; without them the lock is taken
    here. Round trips: the candidates (unless given), the new incidents' ids (when any), every insert
    with the re-read of the touched incidents' claims, and their update."""
    version = ctx.extractor_version
    # Keys are unique per text, extractor version and run, so re-extraction never collides with superseded rows.
    salt = f"{sha}/{version}/{ctx.run_id}"
    facts = [report_facts(ctx, r) for r in extraction.incidents]
    if candidates is None:
        with pipeline(conn) as pg:
            pg.execute(LOCK_INCIDENTS, {"lock": INCIDENT_LOCK})
            found = incident_candidates(pg, ctx, facts)
        candidates = read_candidates(ctx, found)
    incident_of: dict[str, int] = {}
    merges: list[dict] = []
    to_create: list[tuple[str, Facts]] = []
    used: set[int] = set()
    for report, fact in zip(extraction.incidents, facts):
        claim_id = hash_id(salt, "incident", report.local_id)
        carried = carried_over(report, prior, same_text, used)
        decision = None if carried or copy else decide(fact, candidates, ctx.related)
        if copy is not None and not carried:
            incident_of[report.local_id] = copy.incident_of[report.local_id]
            merges.append(merge_row(claim_id, copy.incident_of[report.local_id], "merged", "copy_of_source", 1.0, {
                "original_source_id": str(copy.original_id), "matched_source_id": str(copy.matched_id),
                "containment": copy.containment, "same_quote": copy.same_quote[report.local_id]}))
        elif carried:
            rule = "same_span_as_superseded_claim" if same_text else "same_quote_in_revised_text"
            incident_of[report.local_id] = carried.incident_id
            merges.append(merge_row(claim_id, carried.incident_id, "carried_over", rule, 1.0))
        elif decision is not None:
            incident_of[report.local_id] = decision.incident_id
            merges.append(merge_row(claim_id, decision.incident_id, "merged", decision.rule, decision.score, decision.details))
        else:
            to_create.append((report.local_id, fact))
            merges.append(merge_row(claim_id, None, "created", "no_matching_incident", 1.0))
    created = draw_incident_ids(conn, len(to_create))
    incident_of.update({local: new_id for (local, _), new_id in zip(to_create, created)})
    for m, report in zip(merges, extraction.incidents):
        m["incident_id"] = incident_of[report.local_id]
    merged = sum(m["decision"] == "merged" for m in merges)

    claims, actors = claim_rows(source_id, salt, version, extraction, ctx, incident_of)
    touched = sorted(set(incident_of.values()) | {p.incident_id for p in prior})
    with pipeline(conn) as pg:
        insert_rows(pg, "incidents", incident_rows(created, [f for _, f in to_create]))
        insert_rows(pg, "claims", claims)
        insert_rows(pg, "claim_actors", actors)
        insert_rows(pg, "incident_merges", merges)
        insert_rows(pg, "statistics", statistic_rows(source_id, salt, version, extraction, ctx))
        insert_rows(pg, "name_mentions", mention_rows(source_id, salt, version, extraction))
        insert_rows(pg, "affiliations", affiliation_rows(source_id, claims, actors), " ON CONFLICT DO NOTHING")
        current = pg.execute(CURRENT_CLAIMS, [touched]) if touched else None
        figures = pg.execute(casualties.FIGURES, [touched]) if touched else None
    if current is not None:
        update_incidents(conn, incident_updates(ctx, touched, current.fetchall(), casualties.tolls(figures.fetchall())))
    return StoreResult("added", source_id, claims=len(claims), incidents_created=len(created), incidents_merged=merged)


def merge_row(claim_id: int, incident_id: int | None, decision: str, rule: str, score: float, details: dict | None = None) -> dict:
    return {"claim_id": claim_id, "incident_id": incident_id, "decision": decision, "rule": rule, "score": score,
            "details": details or {}}


def report_facts(ctx: Context, report: IncidentReport) -> Facts:
    place = ctx.places.get(report.place.key) if report.place and report.place.key else None
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
            AND occurred_on BETWEEN w.lo - 1 AND w.hi + 1
        UNION ALL
        SELECT * FROM incidents WHERE place_id IS NOT NULL AND date_precision = 'week'
            AND occurred_on BETWEEN w.lo - 6 AND w.hi
        UNION ALL
        SELECT * FROM incidents WHERE place_id IS NOT NULL AND date_precision = 'month'
            AND occurred_on BETWEEN w.lo - 31 AND w.hi
        UNION ALL
        SELECT * FROM incidents WHERE place_id IS NOT NULL AND date_precision = 'year'
            AND occurred_on BETWEEN w.lo - 366 AND w.hi
    ) i
    JOIN unnest(CAST(%(pair_idx)s AS int[]), CAST(%(pair_place)s AS int[])) AS p(idx, place_id)
      ON p.idx = w.idx AND p.place_id = i.place_id"""


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


def incident_rows(ids: list[int], facts: list[Facts]) -> list[dict]:
    """New incidents, in the order given."""
    return [
        {"id": i, "occurred_on": f.occurred_on, "date_precision": f.precision, "event_type": f.event_type,
         "place_id": f.place.id if f.place else None, "country_code": f.country_code}
        for i, f in zip(ids, facts)
    ]


BASIS_OF_CLAIM = {"responsibility_claimed": "claimed", "attribution": "attributed"}


def claim_rows(
    source_id: int, salt: str, version: str, extraction: Extraction, ctx: Context, incident_of: dict[str, int]
) -> tuple[list[dict], list[dict]]:
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
            "sentence_index": span.sentence_index, "confidence": confidence,
        }

    for r in extraction.incidents:
        cid = hash_id(salt, "incident", r.local_id)
        row = base(cid, "incident_report", r.stance, r.claimant, r.span, r.confidence)
        place = ctx.places.get(r.place.key) if r.place and r.place.key else None
        row.update(
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
        row["relation"] = a.relation
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


CURRENT_CLAIMS = """
    SELECT c.incident_id, c.claim_type, c.stance, c.event_type, c.occurred_on, c.date_precision, c.place_id,
           c.place_text, c.country_code, c.weapons, c.outcome, c.killed, c.injured, c.projectiles,
           coalesce(c.perpetrator_basis, 'unknown') AS perpetrator_basis,
           p.actor_id AS perpetrator_id, p.actor_text AS perpetrator_text,
           t.actor_id AS target_id, t.actor_text AS target_text
    FROM claims c
    LEFT JOIN claim_actors p ON p.claim_id = c.id AND p.role = 'perpetrator' AND p.position = 0
    LEFT JOIN claim_actors t ON t.claim_id = c.id AND t.role = 'target' AND t.position = 0
    WHERE c.incident_id = ANY(CAST(%s AS bigint[])) AND c.superseded_at IS NULL"""


def incident_updates(ctx: Context, ids: list[int], rows: list[tuple], tolls: dict[int, dict]) -> list[dict]:
    """Each incident's fields re-derived from its current claims (rows of CURRENT_CLAIMS); the casualty
    figures by eventdb.casualties (`tolls`: low, best and high)."""
    grouped: dict[int, list[ClaimFacts]] = {}
    places = ctx.places_by_id
    for (incident_id, claim_type, stance, event_type, occurred_on, precision, place_id, place_text, country, weapons,
         outcome, killed, injured, projectiles, basis, perp_id, perp_text, target_id, target_text) in rows:
        grouped.setdefault(incident_id, []).append(ClaimFacts(
            claim_type=claim_type, stance=stance, event_type=event_type, occurred_on=occurred_on,
            precision=precision, place=places.get(place_id), place_text=place_text,
            country_code=country, weapons=tuple(weapons or ()), outcome=outcome, killed=killed,
            injured=injured, projectiles=projectiles, perpetrator_id=perp_id,
            perpetrator_text=perp_text, perpetrator_basis=basis, target_id=target_id, target_text=target_text,
        ))
    updates = []
    for incident_id in ids:
        facts = grouped.get(incident_id)
        if facts:  # else every claim is superseded: the incident keeps its last derived state
            updates.append({"id": incident_id, **derive(facts).__dict__,
                            **tolls.get(incident_id, casualties.no_figures())})
    return updates


UPDATE_INCIDENTS = """
    UPDATE incidents AS i SET occurred_on = u.occurred_on, date_precision = u.date_precision, event_type = u.event_type,
        place_id = u.place_id, place_text = u.place_text, country_code = u.country_code, outcome = u.outcome,
        weapons = u.weapons, perpetrator_actor_id = u.perpetrator_actor_id, perpetrator_text = u.perpetrator_text,
        perpetrator_basis = u.perpetrator_basis, target_actor_id = u.target_actor_id, target_text = u.target_text,
        killed_low = u.killed_low, killed_high = u.killed_high, injured_low = u.injured_low,
        injured_high = u.injured_high, killed_best = u.killed_best, injured_best = u.injured_best, projectiles_low = u.projectiles_low, projectiles_high = u.projectiles_high,
        updated_at = now()
    FROM jsonb_populate_recordset(NULL::incidents, %s::jsonb) AS u
    WHERE i.id = u.id"""


def update_incidents(conn: Connection, updates: list[dict]) -> None:
    """One statement for all of an article's incidents."""
    if updates:
        with pipeline(conn) as pg:
            pg.execute(UPDATE_INCIDENTS, [as_json(updates)])

