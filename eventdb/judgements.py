"""Applying curators' judgements to claims, where the machine writes them.

A judgement on a claim names it by its stable key (claims.claim_key), so it finds the claim again
after re-extraction or in a revised text. It is applied to the claim row itself: a corrected column
holds the curator's value and `claims.extracted` keeps the extractor's, `rejected` marks a rejected
claim, `judgement_ids` lists what is in force. Views then need no extra join, and deriving an
incident from its claims sees the curated values. Storing re-applies the judgements to the claims it
writes (`APPLY`, in the same round trip as the inserts); curating applies them to the current claims;
undoing restores the extracted values and applies what is left.

The fields a curator may correct, and how their values are checked, are `CLAIM_FIELDS` and
`INCIDENT_FIELDS`; SQL and Python read the same tables.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from eventdb.models import DATE_PRECISIONS, EVENT_TYPES, OUTCOMES, PERPETRATOR_BASES, STANCES


@dataclass(frozen=True)
class Field:
    """A field a curator may set: its kind says how a value is read and checked."""

    name: str
    kind: str  # count, date, choice, place, actor
    choices: tuple[str, ...] = ()
    nullable: bool = True


def _fields(*fields: Field) -> dict[str, Field]:
    return {f.name: f for f in fields}


CLAIM_FIELDS = _fields(
    Field("stance", "choice", STANCES, nullable=False),
    Field("event_type", "choice", EVENT_TYPES),
    Field("outcome", "choice", OUTCOMES),
    Field("occurred_on", "date"),
    Field("date_precision", "choice", DATE_PRECISIONS, nullable=False),
    Field("place", "place"),
    Field("killed", "count"),
    Field("injured", "count"),
    Field("projectiles", "count"),
    Field("perpetrator", "actor", nullable=False),
    Field("target", "actor", nullable=False),
)

INCIDENT_FIELDS = _fields(
    Field("event_type", "choice", EVENT_TYPES, nullable=False),
    Field("outcome", "choice", OUTCOMES, nullable=False),
    Field("occurred_on", "date"),
    Field("date_precision", "choice", DATE_PRECISIONS, nullable=False),
    Field("place", "place"),
    Field("perpetrator", "actor"),
    Field("perpetrator_basis", "choice", PERPETRATOR_BASES, nullable=False),
    Field("target", "actor"),
    *(Field(f"{what}_{bound}", "count") for what in ("killed", "injured", "projectiles") for bound in ("low", "high")),
    Field("killed_best", "count"),
    Field("injured_best", "count"),
)


class InvalidValue(ValueError):
    """A value a field cannot take; the message says what it can."""


def parse_value(field: Field, raw: str, known_keys: set[str]) -> object:
    """The JSON value a judgement stores for `raw` ('null' or 'none' for no value).

    `known_keys` are the reference keys a place or actor field may name."""
    value = raw.strip()
    if value.lower() in ("null", "none", ""):
        if not field.nullable:
            raise InvalidValue(f"{field.name} cannot be empty")
        return None
    if field.kind == "count":
        if not value.isdigit():
            raise InvalidValue(f"{field.name} must be a whole number >= 0 or 'null', not {raw!r}")
        return int(value)
    if field.kind == "date":
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            raise InvalidValue(f"{field.name} must be a date YYYY-MM-DD or 'null', not {raw!r}") from None
    if field.kind == "choice":
        if value not in field.choices:
            raise InvalidValue(f"{field.name} must be one of {', '.join(field.choices)}, not {raw!r}")
        return value
    if value not in known_keys:
        raise InvalidValue(f"{field.name}: no reference {field.kind} has the key {raw!r} (keys are in seeds/reference/)")
    return value


# --- claims: SQL that applies and undoes judgements ---------------------------------------------------------

# Claim columns a judgement sets, by field: (column, SQL of the value from the judged values `j.v`).
_PLACE = "(SELECT p.{col} FROM places p WHERE p.key = j.v ->> 'place')"
CLAIM_COLUMNS: dict[str, list[tuple[str, str, str]]] = {
    # field: [(column, SQL type, value expression)]
    "stance": [("stance", "text", "j.v ->> 'stance'")],
    "event_type": [("event_type", "text", "j.v ->> 'event_type'")],
    "outcome": [("outcome", "text", "j.v ->> 'outcome'")],
    "occurred_on": [("occurred_on", "date", "(j.v ->> 'occurred_on')::date")],
    "date_precision": [("date_precision", "text", "j.v ->> 'date_precision'")],
    "place": [("place_id", "int", _PLACE.format(col="id")),
              ("country_code", "text", f"coalesce({_PLACE.format(col='country_code')}, c.country_code)")],
    "killed": [("killed", "int", "(j.v ->> 'killed')::int")],
    "injured": [("injured", "int", "(j.v ->> 'injured')::int")],
    "projectiles": [("projectiles", "int", "(j.v ->> 'projectiles')::int")],
}
ACTOR_ROLES = ("perpetrator", "target")
CLAIM_KINDS = "('reject_claim', 'correct_claim', 'split_report')"

# What is in force per claim key, among the keys given (%(keys)s).
_JUDGED = f"""
    WITH judged AS (
        SELECT j.claim_key,
               coalesce(jsonb_object_agg(j.field, j.value ORDER BY j.id) FILTER (WHERE j.kind = 'correct_claim'), '{{}}') AS v,
               bool_or(j.kind = 'reject_claim') AS rejected,
               array_agg(j.id ORDER BY j.id) AS ids
        FROM judgements j
        WHERE j.claim_key = ANY(CAST(%(keys)s AS bigint[])) AND j.withdrawn_by IS NULL AND j.kind IN {CLAIM_KINDS}
        GROUP BY j.claim_key
    )"""
# The claims side names the keys too, so that every plan, generic ones included, starts from the
# claim_key index rather than from an estimate of how many judgements there are.
_CURRENT = "c.claim_key = ANY(CAST(%(keys)s AS bigint[])) AND c.superseded_at IS NULL"


@lru_cache(maxsize=1)
def apply_statements() -> tuple[str, ...]:
    """Statements that apply the judgements in force to the current claims with the keys %(keys)s:
    curated columns (the extracted values kept once, in `extracted`), rejection and ids; then the
    corrected perpetrator and target (claim_actors, position 0). Cheap when no judgement matches.
    Pipelinable: store sends them with an article's inserts."""
    sets, saves = [], []
    for field, columns in CLAIM_COLUMNS.items():
        for column, _, value in columns:
            sets.append(f"{column} = CASE WHEN j.v ? '{field}' THEN {value} ELSE c.{column} END")
            saves.append(f"CASE WHEN j.v ? '{field}' AND NOT c.extracted ? '{column}' "
                         f"THEN jsonb_build_object('{column}', c.{column}) ELSE '{{}}' END")
    columns = f"""{_JUDGED}
    UPDATE claims c SET {", ".join(sets)},
        extracted = c.extracted || {" || ".join(saves)},
        rejected = j.rejected,
        judgement_ids = ARRAY(SELECT DISTINCT x FROM unnest(c.judgement_ids || j.ids) x ORDER BY x)
    FROM judged j
    WHERE c.claim_key = j.claim_key AND {_CURRENT}"""
    save_actors = f"""{_JUDGED}
    UPDATE claims c SET extracted = c.extracted || (
        SELECT jsonb_object_agg(r.role, (SELECT jsonb_build_object('actor_id', ca.actor_id, 'actor_text', ca.actor_text)
                                         FROM claim_actors ca WHERE ca.claim_id = c.id AND ca.role = r.role AND ca.position = 0))
        FROM unnest(ARRAY{list(ACTOR_ROLES)}) r(role) WHERE j.v ? r.role AND NOT c.extracted ? r.role)
    FROM judged j
    WHERE c.claim_key = j.claim_key AND {_CURRENT}
      AND EXISTS (SELECT 1 FROM unnest(ARRAY{list(ACTOR_ROLES)}) r(role) WHERE j.v ? r.role AND NOT c.extracted ? r.role)"""
    set_actors = f"""{_JUDGED}
    INSERT INTO claim_actors (claim_id, role, position, source_id, actor_id, actor_text)
    SELECT c.id, r.role, 0, c.source_id, a.id, a.name
    FROM claims c JOIN judged j ON j.claim_key = c.claim_key
    CROSS JOIN unnest(ARRAY{list(ACTOR_ROLES)}) r(role)
    JOIN actors a ON a.key = j.v ->> r.role
    WHERE {_CURRENT} AND j.v ? r.role
    ON CONFLICT (claim_id, role, position) DO UPDATE SET actor_id = EXCLUDED.actor_id"""
    return columns, save_actors, set_actors


@lru_cache(maxsize=1)
def restore_statements() -> tuple[str, ...]:
    """Statements that put back the extracted values of the current claims with the keys %(keys)s
    and forget their claim judgements (names resolved stay: `resolve_name` judgements are kept in
    judgement_ids); `apply_statements` then re-applies what is in force."""
    sets = []
    for columns in CLAIM_COLUMNS.values():
        for column, sql_type, _ in columns:
            sets.append(f"{column} = CASE WHEN c.extracted ? '{column}' THEN (c.extracted ->> '{column}')::{sql_type} ELSE c.{column} END")
    actors_back = f"""
    UPDATE claim_actors ca SET actor_id = (c.extracted -> ca.role ->> 'actor_id')::int
    FROM claims c
    WHERE ca.claim_id = c.id AND ca.position = 0 AND {_CURRENT} AND jsonb_typeof(c.extracted -> ca.role) = 'object'"""
    # A row only a correction made (the extractor named no one in that role) goes with it.
    actors_made = f"""
    DELETE FROM claim_actors ca USING claims c
    WHERE ca.claim_id = c.id AND ca.position = 0 AND {_CURRENT} AND jsonb_typeof(c.extracted -> ca.role) = 'null'"""
    columns = f"""
    UPDATE claims c SET {", ".join(sets)}, extracted = '{{}}', rejected = false,
        judgement_ids = ARRAY(SELECT x FROM unnest(c.judgement_ids) x
                              WHERE EXISTS (SELECT 1 FROM judgements n WHERE n.id = x AND n.kind = 'resolve_name'))
    WHERE {_CURRENT}"""
    return actors_back, actors_made, columns
