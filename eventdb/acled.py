"""Incidents as ACLED rows, so that a file drops into the tools built for ACLED's data.

ACLED's column names and codes; each value comes from `reports.incidents` (the README's export
section documents every column):

- event_id_cnty: the incident's stable id, as text (no country prefix: an incident whose country
  is corrected keeps its id);
- event_date, year: occurred_on (the first day of the week or month when less precise);
  time_precision: 1 day, 2 week, 3 month or year. Undated incidents are left out (ACLED rows
  always have a date) and counted;
- disorder_type, event_type, sub_event_type: from our event type, outcome and weapons by the
  first rule of `RULES` that applies;
- actor1 / actor2: perpetrator / target; assoc_actor_1 / assoc_actor_2: the side each belongs to
  (reports.actor_sides) when it is another actor;
- iso (ISO 3166 numeric), country, admin1 (from an `admin1` column of reports.incidents when
  there is one, else empty), location (the place, or the country for a country-level incident),
  latitude, longitude;
- geo_precision in ACLED's terms: 1 a site, town or city, 2 a district, 3 a province, region,
  sea or only the country;
- source: the outlets of the incident's articles; notes: the lead quote (the first incident
  report of the earliest independent article); fatalities: killed_best, 0 when no source gives
  a figure (as ACLED); timestamp: when the incident last changed (Unix time).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

from eventdb import reports
from eventdb.reports import Filters, Table

COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "iso", "country", "admin1", "location",
    "latitude", "longitude", "geo_precision", "source", "notes", "fatalities", "timestamp",
)

POLITICAL_VIOLENCE, STRATEGIC = "Political violence", "Strategic developments"
REMOTE = "Explosions/Remote violence"
AIR = {"airstrike", "drone"}
SHELLING = {"rocket", "missile", "ballistic_missile", "cruise_missile", "anti_ship_missile", "surface_to_air_missile",
            "anti_tank_missile", "rpg", "mortar", "artillery"}
EXPLOSIVE = {"explosives", "ied", "car_bomb", "booby_trap", "naval_drone"}


@dataclass(frozen=True)
class Rule:
    """An incident that matches `test(event_type, outcome, weapons, harmed)` gets these ACLED types."""

    when: str  # the test in words, as the README's mapping table gives it
    test: Callable[[str, str, set[str], bool], bool]  # (event type, outcome, weapons, anyone killed or injured)
    disorder_type: str
    event_type: str
    sub_event_type: str


RULES = (
    Rule("outcome intercepted, no one killed or injured", lambda e, o, w, harmed: o == "intercepted" and not harmed,
         STRATEGIC, STRATEGIC, "Disrupted weapons use"),
    Rule("airstrike, or a drone or airstrike weapon", lambda e, o, w, harmed: e == "airstrike" or bool(w & AIR),
         POLITICAL_VIOLENCE, REMOTE, "Air/drone strike"),
    Rule("rockets, missiles, RPGs, mortars or artillery", lambda e, o, w, harmed: bool(w & SHELLING),
         POLITICAL_VIOLENCE, REMOTE, "Shelling/artillery/missile attack"),
    Rule("explosives, IED, car bomb, booby trap or naval drone", lambda e, o, w, harmed: bool(w & EXPLOSIVE),
         POLITICAL_VIOLENCE, REMOTE, "Remote explosive/landmine/IED"),
    Rule("grenade", lambda e, o, w, harmed: "grenade" in w,
         POLITICAL_VIOLENCE, REMOTE, "Grenade"),
    Rule("sabotage (no weapon above)", lambda e, o, w, harmed: e == "sabotage",
         STRATEGIC, STRATEGIC, "Looting/property destruction"),
    Rule("assassination (gunfire or no weapon named)", lambda e, o, w, harmed: e == "assassination",
         POLITICAL_VIOLENCE, "Violence against civilians", "Attack"),
    Rule("any other attack (gunfire or no weapon named)", lambda e, o, w, harmed: True,
         POLITICAL_VIOLENCE, "Battles", "Armed clash"),
)


def acled_types(event_type: str, outcome: str, weapons: Iterable[str], harmed: bool = False) -> tuple[str, str, str]:
    """(disorder_type, event_type, sub_event_type) of the first rule that applies."""
    found = set(weapons or ())
    rule = next(r for r in RULES if r.test(event_type, outcome, found, harmed))
    return rule.disorder_type, rule.event_type, rule.sub_event_type


GEO_PRECISION = {  # place kind -> ACLED geo_precision
    "base": 1, "airport": 1, "facility": 1, "embassy": 1, "oil_field": 1, "border_crossing": 1, "city": 1, "town": 1,
    "district": 2, "region": 3, "sea": 3, "country": 3,
}

# The columns of reports.incidents an ACLED row reads (the view's other per-row subqueries are then
# not computed), and the extra values it needs. The lead quote and the outlets are one grouped
# aggregate over the current claims (a lateral subquery per incident took twice as long at 100,000
# incidents).
NEEDED = ("incident_id", "occurred_on", "time_precision", "event_type", "outcome", "weapons", "perpetrator",
          "perpetrator_side", "target", "target_side", "country_code", "country", "place", "latitude", "longitude",
          "killed_high", "injured_high", "killed_best")
EXTRA = """
    WITH lead AS (
        SELECT c.incident_id,
               (array_agg(c.quote ORDER BY s.published_on NULLS LAST, s.copy_of IS NOT NULL, c.source_id, c.char_start)
                  FILTER (WHERE c.claim_type = 'incident_report'))[1] AS lead_quote,
               string_agg(DISTINCT COALESCE(o.name, substring(s.url FROM '^[a-zA-Z]+://(?\\:www\\.)?([^/:]+)')), '; ')
                   AS outlets
        FROM claims c
        JOIN sources s       ON s.id = c.source_id
        LEFT JOIN outlets o  ON o.id = s.outlet_id
        WHERE c.superseded_at IS NULL AND NOT c.rejected AND c.incident_id IS NOT NULL
        GROUP BY c.incident_id
    )
    SELECT {columns}, place.kind AS place_kind, country."numeric" AS iso,
           CAST(extract(epoch FROM i.updated_at) AS bigint) AS changed_at, lead.lead_quote, lead.outlets
    FROM ({query}) inc
    LEFT JOIN incidents i       ON i.public_id = inc.incident_id  -- the view's incident_id is the public id
    LEFT JOIN places place      ON place.id = i.place_id
    LEFT JOIN countries country ON country.code = inc.country_code
    LEFT JOIN lead              ON lead.incident_id = i.id
    ORDER BY {order}"""


@dataclass(frozen=True)
class AcledRows:
    table: Table
    undated: int  # incidents left out: ACLED rows need a date


def fetch(connection: Connection, filters: Filters = Filters()) -> AcledRows:
    spec = reports.get_spec("incidents")
    names = reports.actor_names(connection, filters.actor) if filters.actor else []
    query, params = reports.build_query(spec, filters, names)
    has_admin1 = connection.execute(text("""SELECT EXISTS (SELECT 1 FROM information_schema.columns
        WHERE table_schema = 'reports' AND table_name = 'incidents' AND column_name = 'admin1')""")).scalar()
    columns = ", ".join(f"inc.{c}" for c in NEEDED + (("admin1",) if has_admin1 else ()))
    sql = EXTRA.format(columns=columns, query=query, order=spec.order_by or "incident_id")
    result = connection.execute(text(sql), params)
    columns = list(result.keys())
    rows, undated = [], 0
    for values in result:
        record = dict(zip(columns, values))
        if record["occurred_on"] is None:
            undated += 1
        else:
            rows.append(acled_row(record))
    return AcledRows(Table(list(COLUMNS), rows), undated)


def acled_row(r: dict[str, Any]) -> tuple:
    harmed = bool(r["killed_high"] or r["injured_high"])
    disorder, event_type, sub_event_type = acled_types(r["event_type"], r["outcome"], r["weapons"], harmed)
    return (
        str(r["incident_id"]), r["occurred_on"], r["occurred_on"].year, r["time_precision"],
        disorder, event_type, sub_event_type,
        r["perpetrator"], _other(r["perpetrator_side"], r["perpetrator"]),
        r["target"], _other(r["target_side"], r["target"]),
        r["iso"], r["country"], r.get("admin1"), r["place"] or r["country"],
        r["latitude"], r["longitude"], GEO_PRECISION.get(r["place_kind"], 3 if r["country_code"] else None),
        r["outlets"], r["lead_quote"], r["killed_best"] or 0, r["changed_at"],
    )


def _other(side: str | None, actor: str | None) -> str | None:
    return side if side and side != actor else None
