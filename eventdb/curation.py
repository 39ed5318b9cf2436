"""Curators' judgements: reject a claim, correct a field, merge or split incidents, resolve a name, undo.

Each operation records a judgement (who, when, why: the `judgements` table, listed by
reports.judgements), applies it, and re-derives the incidents it bears on, in the caller's
transaction and under the same lock as incident resolution in `eventdb ingest`. Judgements outrank
the machine and are kept by re-extraction and re-ingest: judgements on claims name the claim's
stable key (eventdb/judgements.py re-applies them to the claims storing writes), corrections of an
incident stay with the incident row, merges and splits move the claims, which re-extraction then
carries over. History records every incident change with the judgement as its cause.

Errors the curator can fix are `CurationError`s with a one-line message.
"""

from __future__ import annotations

import getpass
import json
import os
from dataclasses import dataclass

from sqlalchemy import Connection, text

from eventdb import identity, store
from eventdb.judgements import CLAIM_FIELDS, INCIDENT_FIELDS, InvalidValue, apply_statements, parse_value, restore_statements


class CurationError(Exception):
    """A judgement that cannot be made as asked; the message says why, on one line."""


@dataclass(frozen=True)
class Curator:
    """Who makes a judgement and why."""

    name: str
    reason: str


def curator_name(given: str | None = None) -> str:
    """--by, else EVENTDB_CURATOR, else the login name."""
    return given or os.environ.get("EVENTDB_CURATOR") or getpass.getuser()


@dataclass(frozen=True)
class Outcome:
    """What a curation command did, for the curator to read."""

    judgement_ids: list[int]
    message: str


def begin(conn: Connection) -> store.Context:
    """Take the incident lock (ingest resolves incidents under it too) and read the reference."""
    conn.execute(text("SELECT pg_advisory_xact_lock(:l)"), {"l": store.INCIDENT_LOCK})
    return store.load_context(conn, "curation")


def record(conn: Connection, kind: str, target: str, by: Curator, **columns: object) -> int:
    """Insert one judgement; values of `value`/`previous_value` are stored as JSON."""
    if not by.reason.strip():
        raise CurationError("a judgement needs a reason (--reason)")
    row = {"kind": kind, "target": target, "curator": by.name, "reason": by.reason, **columns}
    for key in ("value", "previous_value"):
        if key in row:
            row[key] = json.dumps(row[key])
    names = ", ".join(row)
    params = ", ".join(f"CAST(:{k} AS jsonb)" if k in ("value", "previous_value") else f":{k}" for k in row)
    return conn.execute(text(f"INSERT INTO judgements ({names}) VALUES ({params}) RETURNING id"), row).scalar_one()


def cause(conn: Connection, judgement_id: int) -> None:
    """Record the incident changes that follow as this judgement's (incident_history)."""
    conn.execute(text("SELECT set_config('eventdb.change', :c, true)"), {"c": json.dumps({"judgement": judgement_id})})


# --- finding what a curator names ------------------------------------------------------------------------


@dataclass(frozen=True)
class ClaimRow:
    id: int
    claim_key: int
    claim_type: str
    source_id: int
    incident_id: int | None
    local_incident: str | None
    date_precision: str


def find_claim(conn: Connection, value: str) -> ClaimRow:
    """A current claim by id (reports.claims.claim_id). A superseded claim's id points to its
    successor (the current claim with its key), when there is one."""
    if not value.strip().isdigit():
        raise CurationError(f"not a claim id: {value!r} (claim ids are the numbers in reports.claims.claim_id)")
    row = conn.execute(text("""
        SELECT id, claim_key, claim_type, source_id, incident_id, local_incident, date_precision, superseded_at IS NULL AS current
        FROM claims WHERE id = :i"""), {"i": int(value)}).first()
    if row is None:
        raise CurationError(f"no claim has the id {value}")
    if not row.current:
        successor = conn.execute(text("SELECT id FROM claims WHERE claim_key = :k AND superseded_at IS NULL"), {"k": row.claim_key}).scalar()
        hint = f"; its current version is claim {successor}" if successor else "; no current claim restates it"
        raise CurationError(f"claim {value} is superseded (its article was revised or re-extracted){hint}")
    return ClaimRow(row.id, row.claim_key, row.claim_type, row.source_id, row.incident_id, row.local_incident, row.date_precision)


def find_incident(conn: Connection, value: str) -> tuple[int, str]:
    """(internal id, current public id) of a current incident, following redirects."""
    if identity.normalize_public_id(value) is None:
        raise CurationError(f"not an incident id: {value!r} (incident ids look like EV-0ABCDEFGHJKMN)")
    found = identity.resolve_public_id(conn, value)
    if found is None:
        raise CurationError(f"no incident has the id {value}")
    status = conn.execute(text("SELECT status FROM incidents WHERE id = :i"), {"i": found[0]}).scalar_one()
    if status != "current":
        raise CurationError(f"incident {found[1]} is {status}: no current claim reports it")
    return found


def incidents_of_claims(conn: Connection, claim_keys: list[int]) -> list[int]:
    return list(conn.execute(text("""
        SELECT DISTINCT incident_id FROM claims
        WHERE claim_key = ANY(:k) AND superseded_at IS NULL AND incident_id IS NOT NULL"""), {"k": claim_keys}).scalars())


def apply_to_claims(conn: Connection, ctx: store.Context, claim_keys: list[int], judgement_id: int, restore: bool = False) -> None:
    """Re-apply the judgements in force to the current claims with these keys (after putting their
    extracted values back, when `restore`), then re-derive their incidents."""
    before = incidents_of_claims(conn, claim_keys)
    with store.pipeline(conn) as pg:
        for statement in (restore_statements() if restore else ()) + apply_statements():
            pg.execute(statement, {"keys": claim_keys})
    store.refresh_incidents(conn, ctx, before + incidents_of_claims(conn, claim_keys), {"judgement": judgement_id})


# --- the judgements -----------------------------------------------------------------------------------------


def reject_claim(conn: Connection, claim_id: str, by: Curator) -> Outcome:
    """The claim is wrong (the article does not say it, or not about this): views and incidents leave it out."""
    ctx = begin(conn)
    claim = find_claim(conn, claim_id)
    judgement = record(conn, "reject_claim", claim_id, by, claim_key=claim.claim_key, claim_id=claim.id)
    apply_to_claims(conn, ctx, [claim.claim_key], judgement)
    return Outcome([judgement], f"judgement {judgement}: claim {claim.id} rejected")


CLAIM_PREVIOUS = {
    "place": "(SELECT p.key FROM places p WHERE p.id = c.place_id)",
    "perpetrator": "(SELECT coalesce(a.key, ca.actor_text) FROM claim_actors ca LEFT JOIN actors a ON a.id = ca.actor_id "
                   "WHERE ca.claim_id = c.id AND ca.role = 'perpetrator' AND ca.position = 0)",
    "target": "(SELECT coalesce(a.key, ca.actor_text) FROM claim_actors ca LEFT JOIN actors a ON a.id = ca.actor_id "
              "WHERE ca.claim_id = c.id AND ca.role = 'target' AND ca.position = 0)",
}
INCIDENT_PREVIOUS = {
    "place": "(SELECT p.key FROM places p WHERE p.id = i.place_id)",
    "perpetrator": "coalesce((SELECT a.key FROM actors a WHERE a.id = i.perpetrator_actor_id), i.perpetrator_text)",
    "target": "coalesce((SELECT a.key FROM actors a WHERE a.id = i.target_actor_id), i.target_text)",
}


def parse_assignments(assignments: list[str], fields: dict, ctx: store.Context) -> list[tuple[str, object]]:
    """FIELD=VALUE pairs, checked against the fields a curator may set."""
    if not assignments:
        raise CurationError("nothing to correct: give FIELD=VALUE, e.g. killed=3")
    parsed = []
    for assignment in assignments:
        name, sep, raw = assignment.partition("=")
        name = name.strip()
        if not sep or name not in fields:
            raise CurationError(f"{assignment!r}: give FIELD=VALUE with FIELD one of {', '.join(fields)}")
        field = fields[name]
        keys = set(ctx.places) if field.kind == "place" else set(ctx.actor_ids) if field.kind == "actor" else set()
        try:
            parsed.append((name, parse_value(field, raw, keys)))
        except InvalidValue as exc:
            raise CurationError(str(exc)) from None
    return parsed


def correct(conn: Connection, target: str, assignments: list[str], by: Curator) -> Outcome:
    """Set fields of a claim (TARGET a claim id) or of an incident (TARGET an incident id)."""
    ctx = begin(conn)
    if identity.normalize_public_id(target) is not None:
        return _correct_incident(conn, ctx, target, parse_assignments(assignments, INCIDENT_FIELDS, ctx), by)
    claim = find_claim(conn, target)
    values = parse_assignments(assignments, CLAIM_FIELDS, ctx)
    names = [n for n, _ in values]
    if "occurred_on" in names and "date_precision" not in names and claim.date_precision == "unknown":
        values.append(("date_precision", "day"))  # a date the extractor did not have is a day
    made = []
    for name, value in values:
        previous = conn.execute(text(f"SELECT {CLAIM_PREVIOUS.get(name, 'c.' + name)} FROM claims c WHERE c.id = :i"), {"i": claim.id}).scalar()
        made.append(record(conn, "correct_claim", target, by, claim_key=claim.claim_key, claim_id=claim.id, field=name,
                           value=value, previous_value=_json(previous)))
    apply_to_claims(conn, ctx, [claim.claim_key], made[-1])
    return Outcome(made, f"judgement{'s' if len(made) > 1 else ''} {', '.join(map(str, made))}: claim {claim.id} "
                         + ", ".join(f"{n}={v}" for n, v in values))


def _correct_incident(conn: Connection, ctx: store.Context, target: str, values: list[tuple[str, object]], by: Curator) -> Outcome:
    incident_id, pid = find_incident(conn, target)
    made = []
    for name, value in values:
        column = INCIDENT_PREVIOUS.get(name, "i." + name)
        previous = conn.execute(text(f"SELECT {column} FROM incidents i WHERE i.id = :i"), {"i": incident_id}).scalar()
        made.append(record(conn, "correct_incident", target, by, incident_id=incident_id, field=name, value=value,
                           previous_value=_json(previous)))
    store.refresh_incidents(conn, ctx, [incident_id], {"judgement": made[-1]})
    now = conn.execute(text("SELECT public_id FROM incidents WHERE id = :i"), {"i": incident_id}).scalar_one()
    return Outcome(made, f"judgement{'s' if len(made) > 1 else ''} {', '.join(map(str, made))}: incident {now} "
                         + ", ".join(f"{n}={v}" for n, v in values))


def _json(value: object) -> object:
    return value.isoformat() if hasattr(value, "isoformat") else value


def incident_reports(conn: Connection, incident_ids: list[int]) -> list[tuple[int, identity.Report]]:
    """(incident, report) for the current, not rejected incident reports of these incidents."""
    rows = conn.execute(text("""
        SELECT c.incident_id, c.claim_key, s.published_on FROM claims c JOIN sources s ON s.id = c.source_id
        WHERE c.incident_id = ANY(:i) AND c.superseded_at IS NULL AND NOT c.rejected AND c.claim_type = 'incident_report'"""),
        {"i": incident_ids}).all()
    return [(r.incident_id, identity.Report(r.claim_key, r.published_on)) for r in rows]


def merge_incidents(conn: Connection, first: str, second: str, by: Curator) -> Outcome:
    """The two incidents are one event. The survivor is the one whose id the merged incident has
    (that of the earliest report, as for every incident); the other's id redirects to it."""
    ctx = begin(conn)
    a, b = find_incident(conn, first), find_incident(conn, second)
    if a[0] == b[0]:
        raise CurationError(f"{first} and {second} are the same incident ({a[1]})")
    reports = incident_reports(conn, [a[0], b[0]])
    best = min(reports, key=lambda r: identity.canonical_rank(r[1]), default=None)
    survivor, absorbed = (a, b) if best is None or best[0] == a[0] else (b, a)
    judgement = record(conn, "merge_incidents", f"{first} {second}", by, incident_id=survivor[0], other_incident_id=absorbed[0])
    cause(conn, judgement)
    moved = move_claims(conn, absorbed[0], survivor[0], judgement, "merged")
    conn.execute(text("""
        UPDATE incidents SET status = 'merged', merged_into_id = :s, source_count = 0, claim_count = 0, updated_at = now()
        WHERE id = :a"""), {"s": survivor[0], "a": absorbed[0]})
    store.write_incidents(conn, [], [], [{"public_id": absorbed[1], "incident_id": survivor[0], "reason": "merged", "judgement_id": judgement}])
    store.refresh_incidents(conn, ctx, [survivor[0]], {"judgement": judgement})
    now = conn.execute(text("SELECT public_id FROM incidents WHERE id = :i"), {"i": survivor[0]}).scalar_one()
    return Outcome([judgement], f"judgement {judgement}: {absorbed[1]} merged into {now} ({moved} claims moved)")


def move_claims(conn: Connection, source: int, into: int, judgement: int, how: str, claim_ids: list[int] | None = None) -> int:
    """Move current claims (all of an incident's, or those given) to another incident, with the
    curator's judgement as the reason in incident_merges; an incident's corrections follow a merge."""
    only = "" if claim_ids is None else "AND id = ANY(:c)"
    moved = conn.execute(text(f"""
        UPDATE claims SET incident_id = :into WHERE incident_id = :src AND superseded_at IS NULL {only} RETURNING id"""),
        {"into": into, "src": source, "c": claim_ids}).scalars().all()
    conn.execute(text("""
        UPDATE incident_merges SET incident_id = :into, decision = :how, rule = 'judgement ' || :j, score = 1,
            details = details || jsonb_build_object('previous_incident_id', incident_id, 'previous_decision', decision)
        WHERE claim_id = ANY(:c)"""), {"into": into, "how": f"curated_{how}", "j": str(judgement), "c": moved})
    if claim_ids is None:
        conn.execute(text("UPDATE judgements SET incident_id = :into WHERE incident_id = :src AND kind = 'correct_incident'"),
                     {"into": into, "src": source})
    return len(moved)


def split_report(conn: Connection, claim_id: str, by: Curator) -> Outcome:
    """The incident report (and the claims its article makes about the same event) is another event:
    it becomes an incident of its own, with the id its report gives it."""
    ctx = begin(conn)
    claim = find_claim(conn, claim_id)
    if claim.claim_type != "incident_report" or claim.incident_id is None:
        raise CurationError(f"claim {claim.id} is a {claim.claim_type}, not an incident report: only a report can be split off an incident")
    incident = claim.incident_id
    reports = incident_reports(conn, [incident])
    if not any(r.claim_key != claim.claim_key for _, r in reports):
        raise CurationError(f"claim {claim.id} is the only report of its incident: nothing to split it from")
    leaving = conn.execute(text("""
        SELECT id FROM claims WHERE incident_id = :i AND superseded_at IS NULL AND source_id = :s
          AND (id = :c OR (claim_type <> 'incident_report' AND local_incident = :l))"""),
        {"i": incident, "s": claim.source_id, "c": claim.id, "l": claim.local_incident}).scalars().all()
    split_pid = identity.public_id(claim.claim_key)
    current_pid = conn.execute(text("SELECT public_id FROM incidents WHERE id = :i"), {"i": incident}).scalar_one()
    if current_pid == split_pid:  # the report gave the incident its id: it keeps it, the rest moves
        staying = leaving
        leaving = conn.execute(text("SELECT id FROM claims WHERE incident_id = :i AND superseded_at IS NULL AND NOT id = ANY(:c)"),
                               {"i": incident, "c": staying}).scalars().all()
        new_pid = identity.canonical_public_id(r for _, r in reports if r.claim_key != claim.claim_key)
    else:
        new_pid = split_pid
    into = incident_for(conn, new_pid, incident)
    report_incident, rest_incident = (incident, into) if current_pid == split_pid else (into, incident)
    judgement = record(conn, "split_report", claim_id, by, claim_key=claim.claim_key, claim_id=claim.id,
                       incident_id=rest_incident, other_incident_id=report_incident)
    cause(conn, judgement)
    move_claims(conn, incident, into, judgement, "split", leaving)
    apply_to_claims(conn, ctx, [claim.claim_key], judgement)
    store.refresh_incidents(conn, ctx, [incident, into], {"judgement": judgement})
    ids = dict(conn.execute(text("SELECT id, public_id FROM incidents WHERE id = ANY(:i)"), {"i": [incident, into]}).all())
    return Outcome([judgement], f"judgement {judgement}: claim {claim.id} is now incident {ids[report_incident]}, "
                                f"split from {ids[rest_incident]}")


def incident_for(conn: Connection, pid: str, like: int) -> int:
    """The incident row that holds a public id (one withdrawn or merged away earlier comes back),
    else a new one, its fields copied from `like` until re-derived."""
    found = conn.execute(text("SELECT id FROM incidents WHERE public_id = :p"), {"p": pid}).scalar()
    if found is not None:
        conn.execute(text("UPDATE incidents SET status = 'current', merged_into_id = NULL WHERE id = :i"), {"i": found})
        return found
    new_id = store.draw_incident_ids(conn, 1)[0]
    conn.execute(text("""
        INSERT INTO incidents (id, public_id, occurred_on, date_precision, event_type, place_id, country_code)
        SELECT :n, :p, occurred_on, date_precision, event_type, place_id, country_code FROM incidents WHERE id = :l"""),
        {"n": new_id, "p": pid, "l": like})
    return new_id


def resolve_name(conn: Connection, name: str, kind: str, key: str, by: Curator) -> Outcome:
    """A name the reference does not know (reports.unresolved_names) is this reference actor or place,
    wherever it is used now and in articles stored later."""
    ctx = begin(conn)
    if not name.strip():
        raise CurationError("give the name as written")
    known = ctx.places if kind == "place" else ctx.actor_ids
    if key not in known:
        raise CurationError(f"no reference {kind} has the key {key!r} (keys are in seeds/reference/)")
    judgement = record(conn, "resolve_name", name.strip(), by, field=kind, value=key)
    claims = name_claims(conn, name.strip(), kind, key, judgement)
    store.refresh_incidents(conn, ctx, [i for _, i in claims if i is not None], {"judgement": judgement})
    return Outcome([judgement], f"judgement {judgement}: {name.strip()!r} is {kind} {key}; {len(claims)} current claims use it")


def name_claims(conn: Connection, name: str, kind: str, key: str, judgement: int) -> list[tuple[int, int | None]]:
    """Resolve the name in the current claims that left it unresolved; (claim, incident) of each."""
    params = {"n": name, "k": key, "j": judgement}
    if kind == "place":
        changed = conn.execute(text("""
            UPDATE claims c SET place_id = p.id, country_code = coalesce(c.country_code, p.country_code)
            FROM places p WHERE p.key = :k AND c.place_id IS NULL AND lower(c.place_text) = lower(:n) AND c.superseded_at IS NULL
            RETURNING c.id"""), params).scalars().all()
    else:
        changed = conn.execute(text("""
            UPDATE claim_actors ca SET actor_id = a.id FROM actors a, claims c
            WHERE a.key = :k AND c.id = ca.claim_id AND c.superseded_at IS NULL AND ca.actor_id IS NULL
              AND lower(ca.actor_text) = lower(:n)
            RETURNING ca.claim_id"""), params).scalars().all()
        changed += conn.execute(text("""
            UPDATE claims c SET claimant_actor_id = a.id FROM actors a
            WHERE a.key = :k AND c.claimant_actor_id IS NULL AND c.claimant_outlet_id IS NULL
              AND lower(c.claimant_text) = lower(:n) AND c.superseded_at IS NULL
            RETURNING c.id"""), params).scalars().all()
    return conn.execute(text("""
        UPDATE claims SET judgement_ids = ARRAY(SELECT DISTINCT x FROM unnest(judgement_ids || CAST(:j AS bigint)) x ORDER BY x)
        WHERE id = ANY(:c) RETURNING id, incident_id"""), {"j": judgement, "c": sorted(set(changed))}).all()


def unname_claims(conn: Connection, judgement: int, name: str, kind: str) -> list[int]:
    """Undo name_claims for one judgement; the incidents of the claims it had resolved."""
    params = {"n": name, "j": judgement}
    if kind == "place":
        conn.execute(text("""
            UPDATE claims SET place_id = NULL WHERE CAST(:j AS bigint) = ANY(judgement_ids) AND superseded_at IS NULL
              AND lower(place_text) = lower(:n)"""), params)
    else:
        conn.execute(text("""
            UPDATE claim_actors ca SET actor_id = NULL FROM claims c
            WHERE c.id = ca.claim_id AND CAST(:j AS bigint) = ANY(c.judgement_ids) AND c.superseded_at IS NULL
              AND lower(ca.actor_text) = lower(:n)"""), params)
        conn.execute(text("""
            UPDATE claims SET claimant_actor_id = NULL WHERE CAST(:j AS bigint) = ANY(judgement_ids) AND superseded_at IS NULL
              AND lower(claimant_text) = lower(:n)"""), params)
    return list(conn.execute(text("""
        UPDATE claims SET judgement_ids = array_remove(judgement_ids, CAST(:j AS bigint))
        WHERE CAST(:j AS bigint) = ANY(judgement_ids) AND superseded_at IS NULL RETURNING incident_id"""), params).scalars())


def undo(conn: Connection, judgement_id: str, by: Curator) -> Outcome:
    """Withdraw a rejection, a correction or a name's resolution; the machine's values come back."""
    ctx = begin(conn)
    if not judgement_id.strip().isdigit():
        raise CurationError(f"not a judgement id: {judgement_id!r}")
    j = conn.execute(text("SELECT * FROM judgements WHERE id = :i"), {"i": int(judgement_id)}).first()
    if j is None:
        raise CurationError(f"no judgement has the id {judgement_id}")
    if j.kind == "undo" or j.withdrawn_by is not None:
        raise CurationError(f"judgement {j.id} is {'an undo' if j.kind == 'undo' else 'already withdrawn'}")
    if j.kind in ("merge_incidents", "split_report"):
        other = "split the report off again" if j.kind == "merge_incidents" else "merge the incidents again"
        raise CurationError(f"judgement {j.id} moved claims between incidents: to reverse it, {other} (eventdb curate {'split' if j.kind == 'merge_incidents' else 'merge'})")
    undone = record(conn, "undo", str(j.id), by, undoes=j.id)
    conn.execute(text("UPDATE judgements SET withdrawn_by = :u WHERE id = :i"), {"u": undone, "i": j.id})
    if j.kind in ("reject_claim", "correct_claim"):
        apply_to_claims(conn, ctx, [j.claim_key], undone, restore=True)
    elif j.kind == "correct_incident":
        store.refresh_incidents(conn, ctx, [j.incident_id], {"judgement": undone})
    else:
        cause(conn, undone)
        incidents = unname_claims(conn, j.id, j.target, j.field)
        store.refresh_incidents(conn, ctx, [i for i in incidents if i is not None], {"judgement": undone})
    return Outcome([undone], f"judgement {undone}: judgement {j.id} ({j.kind}) withdrawn")
