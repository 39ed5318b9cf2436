"""Recognising republished copies: the same wire story under another url, with another header,
trailer or light edits.

A copy is not an independent report: it must not raise an incident's count of independent
sources, nor add incidents of its own (a copy's background paragraph would otherwise become a
second "background" incident, since undated reports never merge). Three steps, the cheap ones first:

1. Candidates. A text's word 4-grams (shingles) are summarised by a MinHash signature
   (datasketch, `PERMUTATIONS` hash functions), cut into `BANDS` bands of `ROWS` values; each band
   gives one 63-bit key, stored in `sources.lsh_bands` (GIN-indexed). Stored sources that share a
   key with the new text are candidates: a pair whose shingle sets have a Jaccard similarity of
   0.5 shares one with probability 0.996, one at 0.2 with 0.29, one at 0.05 (two articles on the
   same event) with 0.005.
2. Text. The new text is a near-duplicate of a candidate when at least `MIN_CONTAINMENT` of its
   shingles occur in the candidate's text (exact sets, not the estimate). Distinct articles about
   the same event share at most 12 % of their 4-grams in the sample corpora; a copy with its own
   header and trailer keeps 70 % or more.
3. Facts. A template reused for another event (a press release of the same wording, other date,
   place and numbers) passes the text test, so a near-duplicate is a copy only when every incident
   report it makes restates one of the candidate's: the same quote, or the same event type, place,
   numbers killed, injured and of projectiles, and date (or the same date words, which resolve to
   another day when the copy was published on another day).

The copy is linked to the candidate's original (`sources.copy_of`, never a copy of a copy), and each
of its reports to the incident of the report it restates.

The band keys depend on datasketch's MinHash (seed, permutations, SHA-1 of the shingles): a change
there would leave old keys unmatched, so the parameters are fixed here.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Connection, text

SHINGLE_WORDS = 4
PERMUTATIONS = 126
BANDS, ROWS = 42, 3  # BANDS * ROWS == PERMUTATIONS
SEED = 1
MIN_CONTAINMENT = 0.6
MAX_CANDIDATES = 3  # most shared band keys first
SAMPLE = 50
_WORD = re.compile(r"\w+")


# --- fingerprints ----------------------------------------------------------------------------------


def shingles(text_: str) -> set[str]:
    """Word 4-grams of the text, lower-cased, punctuation and spacing ignored; a text shorter than
    four words is one shingle."""
    words = _WORD.findall(text_.lower())
    if not words:
        return set()
    n = SHINGLE_WORDS
    return {" ".join(words[i:i + n]) for i in range(max(1, len(words) - n + 1))}


def band_keys(shingle_set: Iterable[str]) -> list[int]:
    """The MinHash band keys of a shingle set; empty for an empty set."""
    encoded = [s.encode("utf-8") for s in shingle_set]
    if not encoded:
        return []
    from datasketch import MinHash  # imported on first use: it loads scipy, which most commands never need

    signature = MinHash(num_perm=PERMUTATIONS, seed=SEED)
    signature.update_batch(encoded)
    values = [int(v) for v in signature.hashvalues]
    keys = []
    for band in range(BANDS):
        chunk = ",".join(map(str, values[band * ROWS:(band + 1) * ROWS]))
        digest = hashlib.blake2b(f"{band}:{chunk}".encode(), digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big") >> 1)  # a positive bigint
    return keys


@dataclass(frozen=True)
class Fingerprint:
    shingles: frozenset[str]
    bands: list[int] = field(hash=False)


def fingerprint(text_: str) -> Fingerprint:
    found = shingles(text_)
    return Fingerprint(frozenset(found), band_keys(found))


def containment(part: frozenset[str] | set[str], whole: frozenset[str] | set[str]) -> float:
    """Share of `part`'s shingles that occur in `whole`."""
    return len(part & whole) / len(part) if part else 0.0


# --- facts -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportFacts:
    """What an incident report states, as far as telling a copy from another event goes."""

    quote: str
    event_type: str | None
    place_id: int | None
    killed: int | None
    injured: int | None
    projectiles: int | None
    occurred_on: date | None
    date_text: str | None


def restates(copy: ReportFacts, original: ReportFacts) -> bool:
    if copy.quote == original.quote:
        return True
    same_date = copy.occurred_on == original.occurred_on or (copy.date_text is not None and copy.date_text == original.date_text)
    return same_date and (copy.event_type, copy.place_id, copy.killed, copy.injured, copy.projectiles) == (
        original.event_type, original.place_id, original.killed, original.injured, original.projectiles)


@dataclass(frozen=True)
class Candidate:
    """A stored source that shares band keys with the new text, and its current incident reports."""

    source_id: int
    copy_of: int | None
    text: str
    reports: list[tuple[ReportFacts, int]]  # each with its incident id


@dataclass(frozen=True)
class Copy:
    """The new text republishes `original_id` (through `matched_id`, itself a copy or the original)."""

    original_id: int
    matched_id: int
    containment: float
    incident_of: dict[str, int]  # the copy's report local ids -> incidents of the reports they restate
    same_quote: dict[str, bool]


def find_copy(new: Fingerprint, reports: Sequence[tuple[str, ReportFacts]], candidates: Iterable[Candidate]) -> Copy | None:
    """The first candidate (most shared band keys first) that the new text copies, if any.

    `reports` are the new text's incident reports, each with its local id."""
    for cand in candidates:
        share = containment(new.shingles, shingles(cand.text))
        if share < MIN_CONTAINMENT:
            continue
        links = _restated(reports, cand.reports)
        if links is not None:
            incident_of = {local: incident for local, (incident, _) in links.items()}
            same_quote = {local: same for local, (_, same) in links.items()}
            return Copy(cand.copy_of or cand.source_id, cand.source_id, round(share, 3), incident_of, same_quote)
    return None


def _restated(reports: Sequence[tuple[str, ReportFacts]], originals: list[tuple[ReportFacts, int]]) -> dict[str, tuple[int, bool]] | None:
    """Each report's incident through the original report it restates: the same quote first, then the same
    facts, each original report taken once while one is left (one sentence can report two incidents);
    None when a report restates none (the near-duplicate tells of something else)."""
    links: dict[str, tuple[int, bool]] = {}
    used: set[int] = set()
    for local, facts in reports:
        found = _first_restated(facts, originals, used)
        if found is None:
            return None
        used.add(found)
        links[local] = (originals[found][1], originals[found][0].quote == facts.quote)
    return links


def _first_restated(facts: ReportFacts, originals: list[tuple[ReportFacts, int]], used: set[int]) -> int | None:
    """Index of the original report `facts` restates: unused ones first, the same quote before the same facts."""
    for fresh in (True, False):
        for same_quote in (True, False):
            for n, (original, _) in enumerate(originals):
                if (n not in used) != fresh:
                    continue
                if (original.quote == facts.quote) if same_quote else restates(facts, original):
                    return n
    return None


# --- the database --------------------------------------------------------------------------------

# Candidates with their current incident reports, in one statement (it travels in the pipeline that
# stores the source). The GIN index finds them; the shared-key count orders a sample of at most
# SAMPLE of them, so that a text with thousands of near-duplicates (a press-release template) costs
# no more than one with a few.
CANDIDATES = """
    SELECT s.id, s.copy_of, s.text,
           (SELECT coalesce(json_agg(json_build_array(c.quote, c.event_type, c.place_id, c.killed, c.injured,
                                                      c.projectiles, c.occurred_on, c.date_text, c.incident_id)
                                     ORDER BY c.char_start, c.id), '[]')
              FROM claims c
             WHERE c.source_id = s.id AND c.claim_type = 'incident_report' AND c.superseded_at IS NULL
               AND c.incident_id IS NOT NULL) AS reports
    FROM (SELECT id, copy_of, text, lsh_bands FROM sources
           WHERE lsh_bands && CAST(%(bands)s AS bigint[]) AND superseded_at IS NULL AND id <> %(id)s
           LIMIT %(sample)s) s
    ORDER BY (SELECT count(*) FROM unnest(s.lsh_bands) b WHERE b = ANY(CAST(%(bands)s AS bigint[]))) DESC, s.id
    LIMIT %(limit)s"""


def candidate_params(new: Fingerprint, source_id: int) -> dict:
    return {"bands": new.bands, "id": source_id, "limit": MAX_CANDIDATES, "sample": SAMPLE}


def read_candidates(rows: Iterable[tuple], exclude: int | None = None) -> list[Candidate]:
    """Rows of CANDIDATES as values; `exclude` drops a source (the predecessor a revision supersedes)."""
    found = []
    for source_id, copy_of, text_, reports in rows:
        if source_id == exclude:
            continue
        found.append(Candidate(source_id, copy_of, text_, [
            (ReportFacts(quote, event_type, place_id, killed, injured, projectiles,
                         date.fromisoformat(on) if on else None, date_text), incident_id)
            for quote, event_type, place_id, killed, injured, projectiles, on, date_text, incident_id in reports
        ]))
    return found


def fill_missing_bands(conn: Connection, batch: int = 500) -> int:
    """Band keys for the current sources stored without them (before copies were recognised), so that
    later copies of their stories are found. Returns the number of sources filled."""
    filled = 0
    while True:
        rows = conn.execute(text("""
            SELECT id, text FROM sources WHERE lsh_bands IS NULL AND superseded_at IS NULL
            ORDER BY id LIMIT :n"""), {"n": batch}).all()
        if not rows:
            return filled
        for source_id, text_ in rows:
            conn.execute(text("UPDATE sources SET lsh_bands = :b WHERE id = :i"),
                         {"b": fingerprint(text_).bands, "i": source_id})
        filled += len(rows)
