"""Deciding which incident a report belongs to, and what an incident looks like given its claims.

Pure functions over small values, so that every merge decision can be tested
without a database and explained afterwards (the rule and score are stored in
`incident_merges`).

A report merges into an existing incident when they agree on the event type
family, on the date (the periods that both dates' precisions allow overlap,
with a day of slack for "overnight" reports), and on the place (the same
place, places within `NEAR_KM`, or, for reports of the same kind, one place
inside the other), and they do not contradict on perpetrator or target (two
known actors that are neither the same nor related by affiliation) nor on
direction (one report's attacker on the side of the other's target: the US
strike and the rocket attack it answers, the same day near the same base).
Reports without a date never merge across sources: an undated "attack on Ain
al-Asad" may be any of dozens.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

NEAR_KM = 15.0
DAY_SLACK = dt.timedelta(days=1)
EVENT_FAMILIES = {"attack": "use_of_force", "airstrike": "use_of_force", "assassination": "use_of_force", "sabotage": "sabotage"}
PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}
PLACE_SPECIFICITY = {
    "base": 0, "airport": 0, "facility": 0, "embassy": 0, "oil_field": 0, "border_crossing": 0,
    "town": 1, "city": 1, "district": 2, "region": 3, "sea": 3, "country": 4,
}
BASIS_RANK = {"claimed": 0, "attributed": 1, "reported": 2, "unknown": 3}


@dataclass(frozen=True)
class PlaceInfo:
    id: int
    key: str
    kind: str
    country_code: str | None
    lat: float | None
    lon: float | None
    ancestors: frozenset[int] = frozenset()  # ids of enclosing places


@dataclass(frozen=True)
class Facts:
    """What one incident report (or one stored incident) says about the event."""

    event_type: str
    occurred_on: dt.date | None
    precision: str
    place: PlaceInfo | None
    country_code: str | None
    perpetrator_id: int | None
    target_id: int | None


@dataclass(frozen=True)
class Decision:
    incident_id: int
    rule: str
    score: float
    details: dict = field(default_factory=dict)


@lru_cache(maxsize=65536)
def period(on: dt.date | None, precision: str, slack: bool = True) -> tuple[dt.date, dt.date] | None:
    """The days a date with this precision may stand for, a day's date with a day of slack each side
    unless `slack` is false (cached: incident resolution asks often)."""
    if on is None or precision == "unknown":
        return None
    if precision == "day":
        return (on - DAY_SLACK, on + DAY_SLACK) if slack else (on, on)
    if precision == "week":
        return on, on + dt.timedelta(days=6)
    if precision == "month":
        last = calendar.monthrange(on.year, on.month)[1]
        return on.replace(day=1), on.replace(day=last)
    if precision == "year":
        return dt.date(on.year, 1, 1), dt.date(on.year, 12, 31)
    raise ValueError(f"unknown precision {precision!r}")


def distance_km(a: PlaceInfo, b: PlaceInfo) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def place_agreement(a: Facts, b: Facts) -> tuple[float, str, dict] | None:
    """How well two reports agree on where; None when they disagree or cannot be compared."""
    if a.place is None or b.place is None:
        return None
    return places_agree(a.place, b.place)


def mergeable_places(place: PlaceInfo, places: Iterable[PlaceInfo]) -> frozenset[int]:
    """Ids of the places a report at `place` may merge with (lets the database pre-filter candidates)."""
    return frozenset(other.id for other in places if places_agree(place, other) is not None)


def places_agree(pa: PlaceInfo, pb: PlaceInfo) -> tuple[float, str, dict] | None:
    if "country" in (pa.kind, pb.kind):
        return None  # "in Iraq" is too vague to merge on
    if pa.id == pb.id:
        return 1.0, "same_place", {"place": pa.key}
    if pa.country_code and pb.country_code and pa.country_code != pb.country_code:
        return None
    km = distance_km(pa, pb)
    both_points = PLACE_SPECIFICITY.get(pa.kind, 4) <= 1 and PLACE_SPECIFICITY.get(pb.kind, 4) <= 1
    if km is not None and km <= NEAR_KM and both_points:
        return 0.8, "near_place", {"km": round(km, 1)}
    if pa.id in pb.ancestors or pb.id in pa.ancestors:
        inner, outer = (pb, pa) if pa.id in pb.ancestors else (pa, pb)
        return 0.6, "place_within", {"inner": inner.key, "outer": outer.key}
    return None


def compatible_actors(a: int | None, b: int | None, related: Callable[[int, int], bool]) -> bool:
    return a is None or b is None or a == b or related(a, b) or related(b, a)


def own_side(actor: int) -> int:
    """The side of an actor when no roll-up is known: itself."""
    return actor


def opposite_direction(a: Facts, b: Facts, side: Callable[[int], int]) -> bool:
    """Whether one report's attacker is on the side of the other's target: a strike and the attack it
    answers share a place and a day but are two events, even when each names only one side of its own."""
    return any(x is not None and y is not None and side(x) == side(y)
               for x, y in ((a.perpetrator_id, b.target_id), (a.target_id, b.perpetrator_id)))


def decide(
    report: Facts, candidates: Iterable[tuple[int, Facts]], related: Callable[[int, int], bool],
    side: Callable[[int], int] = own_side,
) -> Decision | None:
    """The best existing incident for `report`, or None when it is a new incident.

    `related(a, b)`: actor b is one a belongs to; `side(a)`: the state or coalition a rolls up to
    (reports.actor_sides)."""
    span = period(report.occurred_on, report.precision)
    if span is None:
        return None
    best: Decision | None = None
    for incident_id, cand in candidates:
        if EVENT_FAMILIES[cand.event_type] != EVENT_FAMILIES[report.event_type]:
            continue
        place = place_agreement(report, cand)  # cheapest test that rules most candidates out
        if place is None:
            continue
        if place[1] == "place_within" and cand.event_type != report.event_type:
            continue  # "F-15s struck in Deir ez-Zor province" is not the rocket attack on a base there
        other = period(cand.occurred_on, cand.precision, slack=False)  # the slack counts once, not twice
        if other is None or other[0] > span[1] or span[0] > other[1]:
            continue
        if not compatible_actors(report.perpetrator_id, cand.perpetrator_id, related):
            continue
        if not compatible_actors(report.target_id, cand.target_id, related):
            continue
        if opposite_direction(report, cand, side):
            continue
        place_score, place_rule, details = place
        gap = abs((report.occurred_on - cand.occurred_on).days)
        date_score = 1.0 if gap == 0 else 0.8 if gap <= 1 else 0.6
        same_type = report.event_type == cand.event_type
        actor_bonus = 0.05 * sum(x is not None and x == y for x, y in ((report.perpetrator_id, cand.perpetrator_id), (report.target_id, cand.target_id)))
        score = round(min(1.0, 0.5 * place_score + 0.4 * date_score + (0.1 if same_type else 0.0) + actor_bonus), 3)
        rule = f"{place_rule}+date_within_precision+type_family"
        decision = Decision(incident_id, rule, score, {**details, "date_gap_days": gap, "same_type": same_type})
        if best is None or decision.score > best.score:
            best = decision
    return best


# --- deriving an incident from its claims -----------------------------------------------------------


@dataclass(frozen=True)
class ClaimFacts:
    """The parts of one current claim that shape its incident."""

    claim_type: str
    stance: str
    event_type: str | None
    occurred_on: dt.date | None
    precision: str
    place: PlaceInfo | None
    place_text: str | None
    country_code: str | None
    weapons: tuple[str, ...]
    outcome: str | None
    killed: int | None
    injured: int | None
    projectiles: int | None
    perpetrator_id: int | None
    perpetrator_text: str | None
    perpetrator_basis: str
    target_id: int | None
    target_text: str | None


@dataclass(frozen=True)
class IncidentFields:
    occurred_on: dt.date | None
    date_precision: str
    event_type: str
    place_id: int | None
    place_text: str | None
    country_code: str | None
    outcome: str
    weapons: list[str]
    perpetrator_actor_id: int | None
    perpetrator_text: str | None
    perpetrator_basis: str
    target_actor_id: int | None
    target_text: str | None
    killed_low: int | None
    killed_high: int | None
    injured_low: int | None
    injured_high: int | None
    projectiles_low: int | None
    projectiles_high: int | None


def _low_high(values: Iterable[int | None]) -> tuple[int | None, int | None]:
    present = [v for v in values if v is not None]
    return (min(present), max(present)) if present else (None, None)


def derive(claims: list[ClaimFacts]) -> IncidentFields:
    """An incident's fields from its current claims: most precise date, most specific place,
    the best-attested perpetrator (claimed over attributed over reported), low/high counts."""
    reports = [c for c in claims if c.claim_type == "incident_report"] or claims
    stated = [c for c in claims if c.stance != "denied"]

    dated = sorted((c for c in reports if c.occurred_on is not None), key=lambda c: PRECISION_RANK[c.precision])
    if dated:
        best_rank = PRECISION_RANK[dated[0].precision]
        votes = Counter(c.occurred_on for c in dated if PRECISION_RANK[c.precision] == best_rank)
        occurred_on = min(d for d, n in votes.items() if n == max(votes.values()))
        precision = dated[0].precision
    else:
        occurred_on, precision = None, "unknown"

    types = Counter(c.event_type for c in reports if c.event_type)
    event_type = max(sorted(types), key=lambda t: types[t]) if types else "attack"

    placed = sorted((c for c in reports if c.place is not None), key=lambda c: PLACE_SPECIFICITY.get(c.place.kind, 4))
    place = placed[0].place if placed else None
    place_text = None if place else next((c.place_text for c in reports if c.place_text), None)
    country = (place.country_code if place else None) or next((c.country_code for c in reports if c.country_code), None)

    outcomes = {c.outcome for c in stated if c.outcome} | ({"intercepted"} if any(c.claim_type == "interception" for c in stated) else set())
    outcome = "hit" if "hit" in outcomes else "intercepted" if "intercepted" in outcomes else "unknown"

    weapons = sorted({w for c in stated for w in c.weapons})

    with_perp = sorted(
        (c for c in stated if c.perpetrator_id is not None or c.perpetrator_text),
        key=lambda c: (BASIS_RANK[c.perpetrator_basis], c.perpetrator_id is None),
    )
    perp = with_perp[0] if with_perp else None
    with_target = [c for c in stated if c.target_id is not None] or [c for c in stated if c.target_text]
    target = with_target[0] if with_target else None

    counted = [c for c in stated if c.claim_type in ("incident_report", "casualty_report")]
    killed = _low_high(c.killed for c in counted)
    injured = _low_high(c.injured for c in counted)
    projectiles = _low_high(c.projectiles for c in stated)
    return IncidentFields(
        occurred_on=occurred_on, date_precision=precision, event_type=event_type,
        place_id=place.id if place else None, place_text=place_text, country_code=country,
        outcome=outcome, weapons=weapons,
        perpetrator_actor_id=perp.perpetrator_id if perp else None,
        perpetrator_text=perp.perpetrator_text if perp and perp.perpetrator_id is None else None,
        perpetrator_basis=perp.perpetrator_basis if perp else "unknown",
        target_actor_id=target.target_id if target else None,
        target_text=target.target_text if target and target.target_id is None else None,
        killed_low=killed[0], killed_high=killed[1], injured_low=injured[0], injured_high=injured[1],
        projectiles_low=projectiles[0], projectiles_high=projectiles[1],
    )


# --- curators' corrections -----------------------------------------------------------------------------


COUNT_PAIRS = (("killed_low", "killed_high"), ("injured_low", "injured_high"), ("projectiles_low", "projectiles_high"))


def with_corrections(
    fields: dict, corrections: list[tuple[str, object]], places: dict[str, PlaceInfo], actors: dict[str, int],
) -> tuple[dict, list[str]]:
    """An incident's derived fields with curators' corrections (field, JSON value) applied in the order
    given, later ones winning; and the names of the fields set. A place, perpetrator or target is a
    reference key. The result always holds together: a date without a precision gets day precision,
    no date means unknown precision, when a corrected bound passes the derived one the derived one
    follows it, and a best estimate stays within its low and high."""
    fields = dict(fields)
    curated: list[str] = []
    for name, value in corrections:
        if name == "place":
            place = places.get(value) if value else None
            fields.update(place_id=place.id if place else None, place_text=None,
                          country_code=place.country_code if place else fields["country_code"])
        elif name in ("perpetrator", "target"):
            column = "perpetrator_actor_id" if name == "perpetrator" else "target_actor_id"
            fields.update({column: actors.get(value) if value else None, f"{name}_text": None})
        elif name == "occurred_on":
            fields["occurred_on"] = dt.date.fromisoformat(value) if value else None
        else:
            fields[name] = value
        if name not in curated:
            curated.append(name)
    # A date needs a precision and a precision a date; a low bound is never above the high one.
    if fields["occurred_on"] is None:
        fields["date_precision"] = "unknown"
    elif fields["date_precision"] == "unknown":
        fields["date_precision"] = "day"
    for low, high in COUNT_PAIRS:
        if fields[low] is not None and fields[high] is not None and fields[low] > fields[high]:
            if high in curated and low not in curated:
                fields[low] = fields[high]
            else:
                fields[high] = fields[low]
        best = low.replace("_low", "_best")
        if fields.get(best) is None:
            continue
        for bound, outside in ((low, lambda b, v: b < v), (high, lambda b, v: b > v)):
            if fields[bound] is not None and outside(fields[best], fields[bound]):
                if best in curated and bound not in curated:
                    fields[bound] = fields[best]  # a curated best estimate widens the derived range
                else:
                    fields[best] = fields[bound]
    return fields, curated
