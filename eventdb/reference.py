"""Curated reference data (seeds/reference/*.toml): actors, affiliations, places, weapons, outlets.

Reading is pure (`read_reference`); `load_reference` upserts the rows into the
database by stable key, so re-running changes nothing, an edited file updates
rows, and rows that claims point at are never deleted.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from eventdb.resources import resource_path


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


def _read(path: Path, table: str) -> list[dict]:
    if not path.exists():
        return []
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ReferenceError(f"{path}: {exc}") from exc
    return list(data.get(table, []))


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
    # Generated city lists never override a curated place of the same key.
    places_raw += [r for r in _read(folder / "places_cities.toml", "place") if r["key"] not in curated_keys]
    places = tuple(
        PlaceEntry(
            key=r["key"], name=r["name"], kind=r["kind"], country=r.get("country") or None,
            lat=r.get("lat"), lon=r.get("lon"), parent=r.get("parent") or None,
            aliases=tuple(r.get("aliases", ())),
        )
        for r in places_raw
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
    ref = Reference(actors, affiliations, places, weapons, outlets, folder)
    _check(ref)
    return ref


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
    for p in ref.places:
        if p.parent and p.parent not in place_keys:
            raise ReferenceError(f"places: {p.key!r} has unknown parent {p.parent!r}")


@lru_cache(maxsize=4)
def default_reference() -> Reference:
    """The bundled reference data, read once per process."""
    return read_reference()
