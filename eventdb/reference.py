"""Curated reference data (seeds/reference/*.toml): actors, affiliations, places, weapons, outlets.

Places also come generated from GeoNames and ISO 3166-2 (places_generated.jsonl, subdivisions.jsonl:
see seeds/reference/build_places.py); a curated place of the same key wins.

Reading is pure (`read_reference`); `load_reference` upserts the rows into the
database by stable key, so re-running changes nothing, an edited file updates
rows, and rows that claims point at are never deleted.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path

from sqlalchemy import text

from eventdb.resources import resource_path
from eventdb.countries import load_countries
from eventdb.sides import refresh_sides


class ReferenceError(ValueError):
    pass


@dataclass(frozen=True)
class ActorEntry:
    key: str
    name: str
    kind: str
    country: str | None
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...] = ()
    description: str | None = None


@dataclass(frozen=True)
class AffiliationEntry:
    actor: str
    related: str
    relation: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    note: str | None


@dataclass(frozen=True)
class PlaceEntry:
    key: str
    name: str
    kind: str
    country: str | None
    lat: float | None
    lon: float | None
    parent: str | None
    aliases: tuple[str, ...]
    admin1: str | None = None  # ISO 3166-2 code of the first-level subdivision it lies in (its own, for one)
    guard: str | None = None  # None, "context" or "noun": what the text must say around a name (gazetteer.py)


@dataclass(frozen=True)
class SubdivisionEntry:
    """A first-level subdivision (governorate, province, emirate...): admin1 in conflict-data terms."""

    code: str  # ISO 3166-2
    name: str  # English short name, as reports print it ("Anbar", "Hodeidah")
    official_name: str  # the ISO 3166-2 romanised name, folded to ASCII ("Al Anbar", "Al Hudaydah")
    country: str
    place: str  # key of its place record (kind region)


GUARDS = (None, "context", "noun")


@dataclass(frozen=True)
class WeaponEntry:
    key: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class OutletEntry:
    key: str
    name: str
    domain: str | None
    kind: str
    country: str | None
    state_affiliation: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Reference:
    actors: tuple[ActorEntry, ...]
    affiliations: tuple[AffiliationEntry, ...]
    places: tuple[PlaceEntry, ...]
    weapons: tuple[WeaponEntry, ...]
    outlets: tuple[OutletEntry, ...]
    folder: Path = field(default=Path("."))
    subdivisions: tuple[SubdivisionEntry, ...] = ()

    def actor(self, key: str) -> ActorEntry:
        return self.actors_by_key[key]

    def place(self, key: str) -> PlaceEntry:
        return self.places_by_key[key]

    @cached_property
    def actors_by_key(self) -> dict[str, ActorEntry]:
        return {a.key: a for a in self.actors}

    @cached_property
    def places_by_key(self) -> dict[str, PlaceEntry]:
        return {p.key: p for p in self.places}

    @cached_property
    def subdivisions_by_code(self) -> dict[str, SubdivisionEntry]:
        return {s.code: s for s in self.subdivisions}

    def admin1_name(self, code: str | None) -> str | None:
        sub = self.subdivisions_by_code.get(code or "")
        return sub.name if sub else None


def _read(path: Path, table: str) -> list[dict]:
    if not path.exists():
        return []
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ReferenceError(f"{path}: {exc}") from exc
    return list(data.get(table, []))


def _read_jsonl(path: Path) -> list[dict]:
    """Generated reference data: one JSON object per line (read in milliseconds, where TOML of that size
    takes half a second)."""
    if not path.exists():
        return []
    out = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if line.strip():
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise ReferenceError(f"{path}:{number}: {exc}") from exc
    return out


def _date(value, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    text = str(value)
    try:
        if len(text) == 7:  # "2023-10": the first of the month
            return dt.date.fromisoformat(text + "-01")
        if len(text) == 4:
            return dt.date(int(text), 1, 1)
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise ReferenceError(f"{where}: not a date: {text!r}") from exc


def read_reference(folder: Path | None = None) -> Reference:
    """Parse and cross-check the reference files in `folder` (default: the bundled seeds)."""
    folder = folder or resource_path("reference")
    actors = tuple(
        ActorEntry(
            key=r["key"], name=r["name"], kind=r["kind"], country=r.get("country") or None,
            aliases=tuple(r.get("aliases", ())), adjectives=tuple(r.get("adjectives", ())),
            description=r.get("description"),
        )
        for r in _read(folder / "actors.toml", "actor")
    )
    affiliations = tuple(
        AffiliationEntry(
            actor=r["actor"], related=r["related"], relation=r["relation"],
            valid_from=_date(r.get("valid_from"), "affiliations.toml"),
            valid_to=_date(r.get("valid_to"), "affiliations.toml"), note=r.get("note"),
        )
        for r in _read(folder / "affiliations.toml", "affiliation")
    )
    places_raw = _read(folder / "places.toml", "place")
    curated_keys = {r["key"] for r in places_raw}
    # Generated places never override a curated place of the same key.
    places_raw += [r for r in _read_jsonl(folder / "places_generated.jsonl") if r["key"] not in curated_keys]
    places = _inherit_admin1(tuple(
        PlaceEntry(
            key=r["key"], name=r["name"], kind=r["kind"], country=r.get("country") or None,
            lat=r.get("lat"), lon=r.get("lon"), parent=r.get("parent") or None,
            aliases=tuple(r.get("aliases", ())), admin1=r.get("admin1") or None, guard=r.get("guard") or None,
        )
        for r in places_raw
    ))
    subdivisions = tuple(
        SubdivisionEntry(code=r["code"], name=r["name"], official_name=r.get("official_name", r["name"]),
                         country=r["country"], place=r["place"])
        for r in _read_jsonl(folder / "subdivisions.jsonl")
    )
    weapons = tuple(WeaponEntry(key=r["key"], words=tuple(r.get("words", ()))) for r in _read(folder / "weapons.toml", "weapon"))
    outlets = tuple(
        OutletEntry(
            key=r["key"], name=r["name"], domain=r.get("domain"), kind=r.get("kind", "unknown"),
            country=r.get("country") or None, state_affiliation=r.get("state_affiliation") or None,
            aliases=tuple(r.get("aliases", ())),
        )
        for r in _read(folder / "outlets.toml", "outlet")
    )
    ref = Reference(actors, affiliations, places, weapons, outlets, folder, subdivisions)
    _check(ref)
    return ref


def _inherit_admin1(places: tuple[PlaceEntry, ...]) -> tuple[PlaceEntry, ...]:
    """A place without an admin1 of its own takes its nearest ancestor's (a base inside a
    governorate record), so every place inside a subdivision answers which one."""
    by_key = {p.key: p for p in places}

    def inherited(place: PlaceEntry) -> str | None:
        seen: set[str] = set()
        while place.admin1 is None and place.parent and place.parent in by_key and place.key not in seen:
            seen.add(place.key)
            place = by_key[place.parent]
        return place.admin1

    return tuple(p if p.admin1 else replace(p, admin1=inherited(p)) for p in places)


def _check(ref: Reference) -> None:
    for name, entries in (("actors", ref.actors), ("places", ref.places), ("weapons", ref.weapons), ("outlets", ref.outlets)):
        seen: set[str] = set()
        for e in entries:
            if e.key in seen:
                raise ReferenceError(f"{name}: duplicate key {e.key!r}")
            seen.add(e.key)
    actor_keys = {a.key for a in ref.actors}
    for a in ref.affiliations:
        for key in (a.actor, a.related):
            if key not in actor_keys:
                raise ReferenceError(f"affiliations.toml: unknown actor {key!r}")
    place_keys = {p.key for p in ref.places}
    codes = {s.code: s for s in ref.subdivisions}
    for p in ref.places:
        if p.parent and p.parent not in place_keys:
            raise ReferenceError(f"places: {p.key!r} has unknown parent {p.parent!r}")
        if p.guard not in GUARDS:
            raise ReferenceError(f"places: {p.key!r} has unknown guard {p.guard!r} (one of: context, noun)")
        if p.admin1 and codes and p.admin1 not in codes:
            raise ReferenceError(f"places: {p.key!r} has unknown admin1 {p.admin1!r} (not in subdivisions.jsonl)")
        if p.admin1 and p.country and not p.admin1.startswith(p.country + "-"):
            raise ReferenceError(f"places: {p.key!r} in {p.country} has the admin1 of another country, {p.admin1!r}")
    for s in ref.subdivisions:
        if s.place not in place_keys:
            raise ReferenceError(f"subdivisions.jsonl: {s.code} names unknown place {s.place!r}")


@lru_cache(maxsize=4)
def default_reference() -> Reference:
    """The bundled reference data, read once per process."""
    return read_reference()


# --- loading into the database -------------------------------------------------------------------

REFERENCE_LOCK = 0x45564442_52454631  # advisory lock: one reference load at a time


@dataclass
class LoadCounts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"{self.inserted} inserted, {self.updated} updated, {self.unchanged} unchanged"


def load_reference(conn, ref: Reference) -> dict[str, LoadCounts]:
    """Upsert the reference rows by key inside the caller's transaction.

    Rows whose values did not change are not written (so a re-run reports them
    unchanged); aliases are replaced per entry; rows missing from the files are
    left alone, since claims may point at them.
    """
    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": REFERENCE_LOCK})
    counts = {
        "outlets": _upsert(conn, "outlets", ["key", "name", "domain", "kind", "country_code", "state_affiliation", "aliases", "curated"], [
            {"key": o.key, "name": o.name, "domain": o.domain, "kind": o.kind, "country_code": o.country,
             "state_affiliation": o.state_affiliation, "aliases": list(o.aliases), "curated": True}
            for o in ref.outlets
        ]),
        "actors": _upsert(conn, "actors", ["key", "name", "kind", "country_code", "description"], [
            {"key": a.key, "name": a.name, "kind": a.kind, "country_code": a.country, "description": a.description}
            for a in ref.actors
        ]),
        "places": _upsert(conn, "places", ["key", "name", "kind", "country_code", "latitude", "longitude", "admin1_code", "admin1"], [
            {"key": p.key, "name": p.name, "kind": p.kind, "country_code": p.country, "latitude": p.lat, "longitude": p.lon,
             "admin1_code": p.admin1, "admin1": ref.admin1_name(p.admin1)}
            for p in ref.places
        ]),
    }
    actor_ids = dict(conn.execute(text("SELECT key, id FROM actors")).all())
    place_ids = dict(conn.execute(text("SELECT key, id FROM places")).all())
    conn.execute(text("""
        UPDATE places p SET parent_id = v.parent_id
        FROM (SELECT unnest(CAST(:keys AS text[])) AS key, unnest(CAST(:parents AS int[])) AS parent_id) v
        WHERE p.key = v.key AND p.parent_id IS DISTINCT FROM v.parent_id"""), {
        "keys": [p.key for p in ref.places], "parents": [place_ids.get(p.parent) if p.parent else None for p in ref.places],
    })
    counts["actor_aliases"] = _sync_aliases(conn, "actor_aliases", "actor_id", [
        (actor_ids[a.key], alias, False) for a in ref.actors for alias in _unique((a.name, *a.aliases))
    ] + [(actor_ids[a.key], adj, True) for a in ref.actors for adj in _unique(a.adjectives)])
    counts["place_aliases"] = _sync_aliases(conn, "place_aliases", "place_id", [
        (place_ids[p.key], alias, None) for p in ref.places for alias in _unique((p.name, *p.aliases))
    ])
    counts["affiliations"] = _load_affiliations(conn, ref, actor_ids)
    counts["countries"] = LoadCounts(*load_countries(conn))
    if conn.execute(text("SELECT to_regclass('reports.actor_sides')")).scalar() is not None:
        refresh_sides(conn)  # sides follow the curated relations just loaded
    return counts


def _unique(values) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _upsert(conn, table: str, columns: list[str], rows: list[dict]) -> LoadCounts:
    counts = LoadCounts()
    if not rows:
        return counts
    existing = {r[0]: tuple(r[1:]) for r in conn.execute(text(f"SELECT key, {', '.join(columns[1:])} FROM {table}"))}
    changed = []
    for row in sorted(rows, key=lambda r: r["key"]):
        values = tuple(row[c] for c in columns[1:])
        old = existing.get(row["key"])
        if old is None:
            counts.inserted += 1
            changed.append(row)
        elif _norm(old) != _norm(values):
            counts.updated += 1
            changed.append(row)
        else:
            counts.unchanged += 1
    if changed:
        assignments = ", ".join(f"{c} = EXCLUDED.{c}" for c in columns[1:])
        placeholders = ", ".join(f":{c}" for c in columns)
        conn.execute(
            text(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders}) ON CONFLICT (key) DO UPDATE SET {assignments}"),
            changed,
        )
    return counts


def _norm(values: tuple) -> tuple:
    return tuple(tuple(v) if isinstance(v, list) else (round(v, 6) if isinstance(v, float) else v) for v in values)


def _sync_aliases(conn, table: str, owner: str, wanted: list[tuple[int, str, bool | None]]) -> LoadCounts:
    counts = LoadCounts()
    has_adjective = table == "actor_aliases"
    cols = f"{owner}, alias" + (", is_adjective" if has_adjective else "")
    existing = {(r[0], r[1]): (r[2] if has_adjective else None) for r in conn.execute(text(f"SELECT {cols} FROM {table}"))}
    wanted_map: dict[tuple[int, str], bool | None] = {}
    for owner_id, alias, adjective in wanted:
        wanted_map.setdefault((owner_id, alias), adjective)
    owners = {k[0] for k in wanted_map}
    stale = [k for k in existing if k[0] in owners and k not in wanted_map]
    new = [k for k in wanted_map if k not in existing]
    flipped = [k for k in wanted_map if k in existing and has_adjective and existing[k] != wanted_map[k]]
    for owner_id, alias in stale:
        conn.execute(text(f"DELETE FROM {table} WHERE {owner} = :o AND alias = :a"), {"o": owner_id, "a": alias})
    if new:
        values = ", ".join([f":{owner}", ":alias"] + ([":is_adjective"] if has_adjective else []))
        conn.execute(text(f"INSERT INTO {table} ({cols}) VALUES ({values})"), [
            {owner: o, "alias": a, "is_adjective": bool(wanted_map[(o, a)])} for o, a in sorted(new)
        ])
    for owner_id, alias in flipped:
        conn.execute(text(f"UPDATE {table} SET is_adjective = :j WHERE {owner} = :o AND alias = :a"),
                     {"j": wanted_map[(owner_id, alias)], "o": owner_id, "a": alias})
    counts.inserted, counts.updated = len(new), len(stale) + len(flipped)
    counts.unchanged = len(wanted_map) - len(new) - len(flipped)
    return counts


def _load_affiliations(conn, ref: Reference, actor_ids: dict[str, int]) -> LoadCounts:
    evidence = "reference:affiliations.toml"
    rows = [
        {"actor_id": actor_ids[a.actor], "related_actor_id": actor_ids[a.related], "relation": a.relation,
         "valid_from": a.valid_from, "valid_to": a.valid_to, "note": a.note, "evidence_key": evidence,
         "reference_file": "affiliations.toml"}
        for a in ref.affiliations
    ]
    existing = {
        (r.actor_id, r.related_actor_id, r.relation): (r.valid_from, r.valid_to, r.note)
        for r in conn.execute(text("SELECT actor_id, related_actor_id, relation, valid_from, valid_to, note FROM affiliations WHERE evidence_key = :e"), {"e": evidence})
    }
    counts = LoadCounts()
    changed = []
    for row in rows:
        key = (row["actor_id"], row["related_actor_id"], row["relation"])
        old = existing.get(key)
        if old is None:
            counts.inserted += 1
            changed.append(row)
        elif old != (row["valid_from"], row["valid_to"], row["note"]):
            counts.updated += 1
            changed.append(row)
        else:
            counts.unchanged += 1
    if changed:
        conn.execute(text("""
            INSERT INTO affiliations (actor_id, related_actor_id, relation, valid_from, valid_to, note, evidence_key, reference_file)
            VALUES (:actor_id, :related_actor_id, :relation, :valid_from, :valid_to, :note, :evidence_key, :reference_file)
            ON CONFLICT (actor_id, related_actor_id, relation, evidence_key)
            DO UPDATE SET valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to, note = EXCLUDED.note"""), changed)
    wanted = {(r["actor_id"], r["related_actor_id"], r["relation"]) for r in rows}
    for key in existing.keys() - wanted:  # curated relation removed from the file
        conn.execute(text("DELETE FROM affiliations WHERE actor_id = :a AND related_actor_id = :r AND relation = :rel AND evidence_key = :e"),
                     {"a": key[0], "r": key[1], "rel": key[2], "e": evidence})
        counts.updated += 1
    return counts
