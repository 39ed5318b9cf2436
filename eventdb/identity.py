"""Stable keys: claims that keep their key across re-extraction, incidents whose public id does not
depend on ingest order.

A claim's key is derived from what it is, not from when it was stored: the SHA-256 of its source's
text, its type and the offsets of its quote (and its rank among claims of that type with the same
offsets). Re-extraction and revised texts carry the key over to the claim that restates a superseded
one (the same or an overlapping span in the same text, the same quote in a revised text), so that a
curator's judgement on a claim finds it again.

An incident is a cluster of incident reports (claims of type incident_report). Its public id is
derived from the key of its *canonical report*: the earliest-published one, ties broken by the
smaller key. So the same reports give the same id whatever order they were ingested in and whichever
process got there first. When an earlier report joins, or two incidents are merged, the id changes to
the new canonical report's and the old id is kept in `incident_redirects`: every id ever shown keeps
resolving (`resolve_public_id`, SQL `reports.resolve_incident_id`).

Public ids are strings, `EV-` and 13 Crockford base-32 characters (the 63-bit key): JSON readers that
hold numbers as doubles (JavaScript) would corrupt a 19-digit integer. (An incident inserted by hand,
without a report, gets `EV-` and its internal id.)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, text

PREFIX = "EV-"
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base 32: no I, L, O, U
DIGITS = 13  # 65 bits hold the 63-bit key
# EV- and 13 base-32 digits; or EV- and a number: an incident inserted by hand gets its internal id.
PUBLIC_ID = re.compile(rf"^{PREFIX}([{ALPHABET}]{{{DIGITS}}}|[0-9]{{1,12}})$")
_CONFUSABLE = str.maketrans({"I": "1", "L": "1", "O": "0"})


def hash_id(*parts: object) -> int:
    """A positive 63-bit key derived from `parts` (fits PostgreSQL bigint).

    The same value in SQL: (('x' || encode(substr(sha256(convert_to(concat_ws(E'\\x1f', ...), 'UTF8')),
    1, 8), 'hex'))::bit(64) >> 1)::bigint (the migration that added claim keys uses it)."""
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:8], "big") >> 1


def public_id(key: int) -> str:
    """The public incident id of a report key: 'EV-' and 13 base-32 digits."""
    if not 0 <= key < 1 << 63:
        raise ValueError(f"not a 63-bit key: {key}")
    return PREFIX + "".join(ALPHABET[(key >> (5 * (DIGITS - 1 - n))) & 31] for n in range(DIGITS))


def normalize_public_id(value: str) -> str | None:
    """'ev-0abc…' -> 'EV-0ABC…' (case and the letters I, L, O forgiven); None when it is not a public id."""
    candidate = value.strip().upper()
    if candidate.startswith(PREFIX) and len(candidate) == len(PREFIX) + DIGITS:
        candidate = PREFIX + candidate[len(PREFIX):].translate(_CONFUSABLE)
    return candidate if PUBLIC_ID.match(candidate) else None


# --- claim keys ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PriorClaim:
    """A superseded claim: what a new claim must match to keep its key (and, for a report, its incident)."""

    claim_type: str
    quote: str
    char_start: int
    char_end: int
    claim_key: int
    incident_id: int | None


@dataclass(frozen=True)
class ClaimSpan:
    """A new claim as the key assignment sees it."""

    claim_type: str
    quote: str
    char_start: int
    char_end: int


def natural_key(sha: str, span: ClaimSpan, rank: int) -> int:
    return hash_id("claim-key", sha, span.claim_type, span.char_start, span.char_end, rank)


def matching_prior(span: ClaimSpan, prior: list[PriorClaim], same_text: bool, used: set[int]) -> PriorClaim | None:
    """The superseded claim of the same type this one restates: the same span, else an overlapping one
    (same text), else the same quote (a revised text). Each superseded claim is matched once."""
    start, end = span.char_start, span.char_end
    if same_text:
        tests = [lambda p: (p.char_start, p.char_end) == (start, end), lambda p: p.char_start < end and start < p.char_end]
    else:
        tests = [lambda p: p.quote == span.quote]
    for test in tests:
        for n, p in enumerate(prior):
            if n not in used and p.claim_type == span.claim_type and test(p):
                used.add(n)
                return p
    return None


def assign_keys(sha: str, spans: list[ClaimSpan], prior: list[PriorClaim], same_text: bool) -> list[tuple[int, PriorClaim | None]]:
    """Each new claim's key, and the superseded claim it restates (None for a new claim).

    Matching goes in the order given (a source's claims in text order), so two equal reports of one
    sentence carry over the same way every time."""
    seen: dict[tuple[str, int, int], int] = {}
    used: set[int] = set()
    keys = []
    for span in spans:
        where = (span.claim_type, span.char_start, span.char_end)
        rank = seen[where] = seen.get(where, -1) + 1
        match = matching_prior(span, prior, same_text, used) if prior else None
        keys.append((match.claim_key if match else natural_key(sha, span, rank), match))
    return keys


# --- canonical reports ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Report:
    """A current incident report as the choice of a canonical one sees it."""

    claim_key: int
    published_on: dt.date | None


def canonical_rank(report: Report) -> tuple:
    """Earliest publication first (undated sources last), then the smaller key."""
    return (report.published_on is None, report.published_on or dt.date.min, report.claim_key)


def canonical_public_id(reports: Iterable[Report]) -> str | None:
    """The public id an incident with these current reports has; None without reports."""
    best = min(reports, key=canonical_rank, default=None)
    return public_id(best.claim_key) if best else None


# --- redirects ------------------------------------------------------------------------------------------


def resolve_public_id(conn: Connection, value: str) -> tuple[int, str] | None:
    """(internal id, current public id) of the incident a public id names now: itself, or where its
    redirects and merges lead (SQL function reports.resolve_incident_id, sql/incident_redirects.sql);
    None when no incident ever had it."""
    pid = normalize_public_id(value)
    if pid is None:
        return None
    row = conn.execute(text("SELECT id, public_id FROM incidents WHERE public_id = reports.resolve_incident_id(:p)"), {"p": pid}).first()
    return (row.id, row.public_id) if row else None
