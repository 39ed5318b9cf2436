"""Writing one article's assertions to PostgreSQL, inside the caller's transaction.

An article lands whole or not at all: the caller opens one transaction per
article and `store_article` does all its writes in it. A source's key is
derived from the SHA-256 of its normalized text (the same text never lands
twice); claims, statistics and mentions derive theirs from that hash, the
extractor version and the run, so no writer depends on a global sequence.
Incident resolution runs under one transaction-scoped advisory lock, so two
ingest processes cannot both create the same incident.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import psycopg
from psycopg.types.json import Jsonb
from sqlalchemy import Connection, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.exc import DBAPIError

from eventdb import models
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


# --- sources -----------------------------------------------------------------------------------------


def store_article(conn: Connection, article: Article, extraction: Extraction, ctx: Context) -> StoreResult:
    """Store a new article, or note that its text is already stored, or store it as a revision."""
    sha = content_sha256(article.text)
    source_id = hash_id(sha)
    if article.url:
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": hash_id("url", article.url)})
    # The url's advisory lock (above) serializes writers of one url, so no row lock is needed here.
    stored, previous = conn.execute(text("""
        SELECT EXISTS (SELECT 1 FROM sources WHERE content_sha256 = :s),
               (SELECT id FROM sources WHERE url = :u AND superseded_at IS NULL)"""), {"s": sha, "u": article.url}).one()
    if stored:
        return StoreResult("unchanged", source_id)
    prior: list[PriorReport] = []
    if previous is not None:
        conn.execute(text("UPDATE sources SET superseded_at = now() WHERE id = :i"), {"i": previous})
        prior = supersede_assertions(conn, previous)

    inserted = conn.execute(text("""
        INSERT INTO sources (id, content_sha256, url, outlet_id, title, published_on, text, origin,
                             republished_from_outlet_id, republished_from_text, revises_source_id,
                             extractor_version, ingest_run_id)
        VALUES (:id, :sha, :url, :outlet, :title, :published, :text, :origin, :repub, :repub_text, :revises, :ver, :run)
        ON CONFLICT (content_sha256) DO NOTHING RETURNING id"""), {
        "id": source_id, "sha": sha, "url": article.url,
        "outlet": outlet_id(conn, ctx, article.outlet or article.url),
        "title": article.title, "published": article.published, "text": article.text, "origin": article.origin,
        "repub": outlet_id(conn, ctx, article.republished_from), "repub_text": article.republished_from,
        "revises": previous, "ver": ctx.extractor_version, "run": ctx.run_id,
    }).scalar()
    if inserted is None:  # a concurrent ingest stored the same text first
        return StoreResult("unchanged", source_id)
    result = write_assertions(conn, source_id, sha, extraction, ctx, prior, same_text=False)
    result.status = "updated" if previous is not None else "added"
    return result


@dataclass(frozen=True)
class PriorReport:
    """A superseded claim's link to its incident, so that the new claims can keep the link."""

    quote: str
    char_start: int
    char_end: int
    incident_id: int


def supersede_assertions(conn: Connection, source_id: int) -> list[PriorReport]:
    """Mark a source's current assertions superseded; return the incident links they had."""
    rows = conn.execute(text("""
        UPDATE claims SET superseded_at = now() WHERE source_id = :s AND superseded_at IS NULL
        RETURNING incident_id, claim_type, quote, char_start, char_end"""), {"s": source_id}).all()
    for table in ("statistics", "name_mentions"):
        conn.execute(text(f"UPDATE {table} SET superseded_at = now() WHERE source_id = :s AND superseded_at IS NULL"), {"s": source_id})
    return [PriorReport(r.quote, r.char_start, r.char_end, r.incident_id) for r in rows
            if r.incident_id is not None and r.claim_type == "incident_report"]


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
    prior: list[PriorReport] = (), same_text: bool = False,
) -> StoreResult:
    version = ctx.extractor_version
    # Keys are unique per text, extractor version and run, so re-extraction never collides with superseded rows.
    salt = f"{sha}/{version}/{ctx.run_id}"
    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": INCIDENT_LOCK})
    incident_of: dict[str, int] = {}
    merges: list[dict] = []
    to_create: list[tuple[str, Facts]] = []
    used: set[int] = set()
    facts = [report_facts(ctx, r) for r in extraction.incidents]
    candidates = incident_candidates(conn, ctx, facts)
    for report, fact in zip(extraction.incidents, facts):
        claim_id = hash_id(salt, "incident", report.local_id)
        carried = carried_over(report, prior, same_text, used)
        decision = None if carried else decide(fact, candidates, ctx.related)
        if carried:
            rule = "same_span_as_superseded_claim" if same_text else "same_quote_in_revised_text"
            incident_of[report.local_id] = carried.incident_id
            merges.append(merge_row(claim_id, carried.incident_id, "carried_over", rule, 1.0))
        elif decision is not None:
            incident_of[report.local_id] = decision.incident_id
            merges.append(merge_row(claim_id, decision.incident_id, "merged", decision.rule, decision.score, decision.details))
        else:
            to_create.append((report.local_id, fact))
            merges.append(merge_row(claim_id, None, "created", "no_matching_incident", 1.0))
    created = create_incidents(conn, [f for _, f in to_create])
    incident_of.update({local: new_id for (local, _), new_id in zip(to_create, created)})
    for m, report in zip(merges, extraction.incidents):
        m["incident_id"] = incident_of[report.local_id]
    merged = sum(m["decision"] == "merged" for m in merges)

    claims, actors = claim_rows(source_id, salt, version, extraction, ctx, incident_of)
    if claims:
        copy_rows(conn, models.Claim.__table__, claims)
    if actors:
        copy_rows(conn, models.ClaimActor.__table__, actors)
    if merges:
        copy_rows(conn, models.IncidentMerge.__table__, merges)
    write_statistics(conn, source_id, salt, version, extraction, ctx)
    write_mentions(conn, source_id, salt, version, extraction)
    write_affiliations(conn, source_id, claims, actors)
    refresh_incidents(conn, ctx, set(incident_of.values()) | {p.incident_id for p in prior})
    return StoreResult("added", source_id, claims=len(claims), incidents_created=len(created), incidents_merged=merged)


def copy_rows(conn: Connection, table, rows: list[dict]) -> None:
    """Bulk insert with COPY (one round trip, no per-statement planning), inside the caller's transaction."""
    if not rows:
        return
    columns = list(rows[0])
    jsonb = {c.name for c in table.columns if isinstance(c.type, JSONB)}
    statement = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"
    try:
        with conn.connection.driver_connection.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row([Jsonb(row[c]) if c in jsonb else row[c] for c in columns])
    except psycopg.Error as exc:  # surface it as SQLAlchemy does for every other statement
        raise DBAPIError.instance(statement, None, exc, psycopg.Error) from exc


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


def incident_candidates(conn: Connection, ctx: Context, facts: list[Facts]) -> list[tuple[int, Facts]]:
    """Stored incidents at a place these reports could merge with, whose period may overlap theirs.

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
        return []
    rows = conn.execute(text("""
        SELECT DISTINCT i.id, i.event_type, i.occurred_on, i.date_precision, i.place_id, i.country_code,
               i.perpetrator_actor_id, i.target_actor_id
        FROM unnest(CAST(:idx AS int[]), CAST(:los AS date[]), CAST(:his AS date[])) AS w(idx, lo, hi)
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
        JOIN unnest(CAST(:pair_idx AS int[]), CAST(:pair_place AS int[])) AS p(idx, place_id)
          ON p.idx = w.idx AND p.place_id = i.place_id"""), {
        "idx": [n for n, _ in windows], "los": [span[0] for _, span in windows], "his": [span[1] for _, span in windows],
        "pair_idx": [n for n, _ in pairs], "pair_place": [pid for _, pid in pairs],
    }).all()
    return [
        (r.id, Facts(r.event_type, r.occurred_on, r.date_precision, ctx.places_by_id.get(r.place_id), r.country_code,
                     r.perpetrator_actor_id, r.target_actor_id))
        for r in rows
    ]


def create_incidents(conn: Connection, facts: list[Facts]) -> list[int]:
    """New incidents, in the order given (ids drawn first, so the order is certain)."""
    if not facts:
        return []
    ids = list(conn.execute(text("SELECT nextval(pg_get_serial_sequence('incidents', 'id')) FROM generate_series(1, :n)"),
                            {"n": len(facts)}).scalars())
    copy_rows(conn, models.Incident.__table__, [
        {"id": i, "occurred_on": f.occurred_on, "date_precision": f.precision, "event_type": f.event_type,
         "place_id": f.place.id if f.place else None, "country_code": f.country_code}
        for i, f in zip(ids, facts)
    ])
    return ids


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


def write_statistics(conn: Connection, source_id: int, salt: str, version: str, extraction: Extraction, ctx: Context) -> None:
    rows = [
        {"id": hash_id(salt, "statistic", n), "source_id": source_id, "extractor_version": version,
         "actor_id": ctx.actor_id(s.actor), "actor_text": s.actor.text if s.actor else None, "count": s.count,
         "count_text": s.count_text, "qualifier": s.qualifier, "what": s.what, "target_text": s.target,
         "period_text": s.period_text, **resolved_period(s.period_start, s.period_end), "stance": s.stance,
         "quote": s.span.quote, "char_start": s.span.char_start, "char_end": s.span.char_end,
         "sentence_index": s.span.sentence_index, "confidence": s.confidence}
        for n, s in enumerate(extraction.statistics)
    ]
    if rows:
        copy_rows(conn, models.Statistic.__table__, rows)


def resolved_period(start, end) -> dict:
    """An inverted period (a "since November 2023" in an article dated October 2023) is not a fact
    to store: keep the words, drop the dates."""
    if start is not None and end is not None and start > end:
        start = end = None
    return {"period_start": start, "period_end": end}


def write_mentions(conn: Connection, source_id: int, salt: str, version: str, extraction: Extraction) -> None:
    rows = [
        {"id": hash_id(salt, "mention", n), "source_id": source_id, "extractor_version": version, "name": u.name,
         "kind": u.kind, "quote": u.sentence.quote, "char_start": u.char_start, "char_end": u.char_end}
        for n, u in enumerate(extraction.unresolved)
    ]
    if rows:
        copy_rows(conn, models.NameMention.__table__, rows)


def write_affiliations(conn: Connection, source_id: int, claims: list[dict], actors: list[dict]) -> None:
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
            rows.append({"a": subject, "r": related, "rel": c["relation"], "e": f"claim:{c['id']}",
                         "s": source_id, "c": c["id"], "n": c["quote"][:500]})
    if rows:
        conn.execute(text("""
            INSERT INTO affiliations (actor_id, related_actor_id, relation, evidence_key, source_id, claim_id, note)
            VALUES (:a, :r, :rel, :e, :s, :c, :n) ON CONFLICT DO NOTHING"""), rows)


def refresh_incidents(conn: Connection, ctx: Context, incident_ids: Iterable[int]) -> None:
    """Re-derive each incident's fields from its current claims."""
    ids = sorted(set(incident_ids))
    if not ids:
        return
    rows = conn.execute(text("""
        SELECT c.incident_id, c.claim_type, c.stance, c.event_type, c.occurred_on, c.date_precision, c.place_id,
               c.place_text, c.country_code, c.weapons, c.outcome, c.killed, c.injured, c.projectiles,
               coalesce(c.perpetrator_basis, 'unknown') AS perpetrator_basis,
               p.actor_id AS perpetrator_id, p.actor_text AS perpetrator_text,
               t.actor_id AS target_id, t.actor_text AS target_text
        FROM claims c
        LEFT JOIN claim_actors p ON p.claim_id = c.id AND p.role = 'perpetrator' AND p.position = 0
        LEFT JOIN claim_actors t ON t.claim_id = c.id AND t.role = 'target' AND t.position = 0
        WHERE c.incident_id = ANY(:ids) AND c.superseded_at IS NULL"""), {"ids": ids}).all()
    grouped: dict[int, list[ClaimFacts]] = {}
    for r in rows:
        grouped.setdefault(r.incident_id, []).append(ClaimFacts(
            claim_type=r.claim_type, stance=r.stance, event_type=r.event_type, occurred_on=r.occurred_on,
            precision=r.date_precision, place=ctx.places_by_id.get(r.place_id), place_text=r.place_text,
            country_code=r.country_code, weapons=tuple(r.weapons or ()), outcome=r.outcome, killed=r.killed,
            injured=r.injured, projectiles=r.projectiles, perpetrator_id=r.perpetrator_id,
            perpetrator_text=r.perpetrator_text, perpetrator_basis=r.perpetrator_basis,
            target_id=r.target_id, target_text=r.target_text,
        ))
    updates = []
    for incident_id in ids:
        facts = grouped.get(incident_id)
        if not facts:
            continue  # every claim superseded: the incident keeps its last derived state
        fields = derive(facts)
        updates.append({"id": incident_id, **fields.__dict__})
    if updates:
        conn.execute(text("""
            UPDATE incidents SET occurred_on = :occurred_on, date_precision = :date_precision, event_type = :event_type,
                place_id = :place_id, place_text = :place_text, country_code = :country_code, outcome = :outcome,
                weapons = :weapons, perpetrator_actor_id = :perpetrator_actor_id, perpetrator_text = :perpetrator_text,
                perpetrator_basis = :perpetrator_basis, target_actor_id = :target_actor_id, target_text = :target_text,
                killed_low = :killed_low, killed_high = :killed_high, injured_low = :injured_low,
                injured_high = :injured_high, projectiles_low = :projectiles_low, projectiles_high = :projectiles_high,
                updated_at = now()
            WHERE id = :id"""), updates)
