"""Draw a reproducible random sample of incidents and claims for a manual audit.

Usage:
    EVENTDB_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/audit_rules6 \\
        python benchmarks/audit_sample.py [--seed 6] [--incidents 20] [--claims 30] [--context 500]
    python benchmarks/audit_sample.py --seed 6 --template docs/audit/NAME   # verdict sheets to fill in
    python benchmarks/audit_sample.py --tally docs/audit/NAME               # error-rate tables (no database)

For each sampled row it prints every column of its `reports` view row, the
article it comes from (file and url) and the article text around each quote,
with the quote marked [[like this]], so a reviewer can judge every field
against the text.

--template writes two verdict sheets, NAME-incidents.csv and NAME-claims.csv,
one line per sampled row and one column per audited field; the reviewer fills
each cell with R (right), W (wrong), M (missing: the text gives a value the
row lacks) or NA (nothing to judge), adds flags (see FLAGS) and a short note.
--tally reads the filled sheets and prints the per-field tables in Markdown.

The sample is drawn from the current rows of `reports.incidents` and
`reports.claims`, ordered by where they come from in the articles (source
file, then offsets), not by database id: ids depend on ingest order, the text
positions do not. The same database contents and the same seed therefore give
the same sample. A different extractor produces different rows, hence a
different (but equally random) sample for the same seed.

Only the `reports` views and the `sources` table are read, so the script keeps
working across extractor versions as long as those keep their key columns
(incident_id, claim_id, source_id, quote, char_start, char_end).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import sys
from dataclasses import dataclass

import psycopg
from psycopg.rows import dict_row


INCIDENT_FIELDS = ("real", "unique", "event_type", "date", "date_precision", "place", "country",
                   "perpetrator", "perpetrator_basis", "target", "weapons", "outcome", "killed", "injured")
CLAIM_FIELDS = ("real", "claim_type", "stance", "claimant", "incident_link", "quote", "figures")
VERDICTS = ("R", "W", "M", "NA")
# Headline problems, counted over the sample whatever field they touch.
FLAGS = {
    "reversed_roles": "perpetrator stored as target or the other way round",
    "interceptor_as_perpetrator": "the side that shot something down stored as the attacker",
    "wrong_toll": "killed or injured taken from another incident or an aggregate",
    "conflated": "one row mixes two events",
    "source_id_claimant": "claimant shown as 'source <id>'",
    "outlet_for_speaker": "the publishing outlet stands in for a speaker the text names",
}


@dataclass(frozen=True)
class Source:
    origin: str
    url: str | None
    published_on: object
    text: str


def connect() -> psycopg.Connection:
    url = os.environ.get("EVENTDB_DATABASE_URL")
    if not url:
        sys.exit("audit_sample: set EVENTDB_DATABASE_URL to the database to audit")
    # eventdb accepts SQLAlchemy URLs (postgresql+psycopg://); psycopg wants plain ones.
    return psycopg.connect(re.sub(r"^postgres(ql)?(\+psycopg2?)?://", "postgresql://", url), row_factory=dict_row)


def load_sources(conn: psycopg.Connection) -> dict[int, Source]:
    rows = conn.execute("SELECT id, origin, url, published_on, text FROM sources WHERE superseded_at IS NULL")
    return {r["id"]: Source(r["origin"], r["url"], r["published_on"], r["text"]) for r in rows}


def content(row: dict) -> str:
    """A row's values without its keys: ids depend on the ingest run, the values do not."""
    return repr([v for k, v in sorted(row.items()) if not k.endswith("_id")])


def claim_key(claim: dict, sources: dict[int, Source]) -> tuple:
    """Position of a claim in the corpus: file, offsets, then its values to break ties."""
    return (sources[claim["source_id"]].origin, claim["char_start"], claim["char_end"], content(claim))


def draw(population: list, k: int, rng: random.Random) -> list:
    return rng.sample(population, min(k, len(population)))


def context(source: Source, start: int, end: int, width: int) -> str:
    """The text around [start, end) with the quote marked [[...]], so the sentence and its neighbours show."""
    before = source.text[max(0, start - width):start]
    after = source.text[end:end + width]
    lead = "..." if start - width > 0 else ""
    tail = "..." if end + width < len(source.text) else ""
    return f"{lead}{before}[[{source.text[start:end]}]]{after}{tail}"


def print_row(row: dict) -> None:
    for column, value in row.items():
        print(f"  {column:20} {value!r}" if isinstance(value, str) else f"  {column:20} {value}")


def offsets_check(claim: dict, source: Source) -> str:
    found = source.text[claim["char_start"]:claim["char_end"]]
    return "quote matches offsets" if found == claim["quote"] else f"QUOTE DOES NOT MATCH OFFSETS (text there: {found!r})"


def show_claim_brief(claim: dict, sources: dict[int, Source], width: int) -> None:
    source = sources[claim["source_id"]]
    print(f"  - claim {claim['claim_id']}: {claim['claim_type']} / {claim['stance']} / claimant "
          f"{claim['claimant']!r} ({claim['claimant_kind']}) in {source.origin} "
          f"[{claim['char_start']}:{claim['char_end']}] ({offsets_check(claim, source)})")
    print("    claim fields: " + ", ".join(
        f"{c}={claim[c]}" for c in ("perpetrator", "target", "place", "country_code", "event_type",
                                    "occurred_on", "date_precision", "weapons", "killed", "injured")
        if c in claim and claim[c] not in (None, [])))
    print("    " + context(source, claim["char_start"], claim["char_end"], width).replace("\n", "\n    "))


def show_incidents(conn: psycopg.Connection, sources: dict[int, Source],
                   claims_by_incident: dict[int, list[dict]], sample: list[dict], width: int) -> None:
    for n, incident in enumerate(sample, 1):
        iid = incident["incident_id"]
        print("=" * 100)
        print(f"INCIDENT {n}/{len(sample)}  incident_id={iid}")
        print_row(incident)
        # reports.incidents shows the public id (EV-...) since the claim_keys_public_ids migration; incident_merges keeps the
        # internal bigint id, so go through incidents.public_id when the id is not a number.
        if isinstance(iid, int):
            merges = conn.execute(
                "SELECT m.* FROM incident_merges m WHERE m.incident_id = %s ORDER BY m.claim_id", (iid,)).fetchall()
        else:
            merges = conn.execute(
                "SELECT m.* FROM incident_merges m JOIN incidents i ON i.id = m.incident_id"
                " WHERE i.public_id = %s ORDER BY m.claim_id", (iid,)).fetchall()
        for m in merges:
            print("  merge: " + ", ".join(f"{k}={v}" for k, v in m.items() if k not in ("incident_id",)))
        linked = claims_by_incident.get(iid, [])
        for source in sorted({sources[c["source_id"]] for c in linked}, key=lambda s: s.origin):
            print(f"  source: {source.origin}  url={source.url}  published={source.published_on}")
        print(f"  current claims linked ({len(linked)}):")
        for claim in linked:
            show_claim_brief(claim, sources, width)


def show_claims(sources: dict[int, Source], incidents_by_id: dict[int, dict], sample: list[dict], width: int) -> None:
    for n, claim in enumerate(sample, 1):
        source = sources[claim["source_id"]]
        print("=" * 100)
        print(f"CLAIM {n}/{len(sample)}  claim_id={claim['claim_id']}")
        print_row(claim)
        print(f"  source: {source.origin}  url={source.url}  published={source.published_on}")
        print(f"  {offsets_check(claim, source)}")
        incident = incidents_by_id.get(claim["incident_id"])
        if incident:
            print("  linked incident: " + ", ".join(
                f"{c}={incident.get(c)}" for c in ("incident_id", "occurred_on", "date_precision", "event_type",
                                               "place", "country_code", "perpetrator", "target",
                                               "killed_high", "injured_high")))
        print("  context:")
        print("    " + context(source, claim["char_start"], claim["char_end"], width).replace("\n", "\n    "))


def write_template(prefix: str, incidents: list[dict], claims: list[dict],
                   sources: dict[int, Source], claims_by_incident: dict[int, list[dict]]) -> None:
    sheets = (("incidents", incidents, INCIDENT_FIELDS, "I", "incident_id"),
              ("claims", claims, CLAIM_FIELDS, "C", "claim_id"))
    for name, rows, fields, letter, key in sheets:
        with open(f"{prefix}-{name}.csv", "w", newline="") as f:
            out = csv.writer(f)
            out.writerow(["row", key, "source", *fields, "flags", "note"])
            for n, row in enumerate(rows, 1):
                first = claims_by_incident[row[key]][0] if name == "incidents" else row
                out.writerow([f"{letter}{n:02}", row[key], sources[first["source_id"]].origin,
                              *[""] * len(fields), "", ""])


def tally(prefix: str) -> None:
    """Per-field counts of R/W/M/NA and the flags, as Markdown tables."""
    for name, fields in (("incidents", INCIDENT_FIELDS), ("claims", CLAIM_FIELDS)):
        with open(f"{prefix}-{name}.csv", newline="") as f:
            rows = list(csv.DictReader(f))
        print(f"\n{name} ({len(rows)} rows)\n")
        print("| field | right | wrong | missing | n.a. | % wrong | % wrong or missing |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for field in fields:
            counts = {v: 0 for v in VERDICTS}
            for row in rows:
                verdict = row[field].strip().upper()
                if verdict not in counts:
                    sys.exit(f"audit_sample: {name} {row['row']} {field}: {verdict!r} is not one of {VERDICTS}")
                counts[verdict] += 1
            judged = counts["R"] + counts["W"] + counts["M"]
            pct = (lambda k: f"{100 * k / judged:.0f}%") if judged else (lambda k: "-")
            print(f"| {field} | {counts['R']} | {counts['W']} | {counts['M']} | {counts['NA']} | "
                  f"{pct(counts['W'])} | {pct(counts['W'] + counts['M'])} |")
        clean = sum(all(row[f].strip().upper() in ("R", "NA") for f in fields) for row in rows)
        print(f"\nrows with every field right or n.a.: {clean} of {len(rows)}")
        for flag in FLAGS:
            hits = [row["row"] for row in rows if flag in row["flags"].split(";")]
            if hits:
                print(f"flag {flag}: {len(hits)} ({', '.join(hits)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=6, help="random seed (default 6)")
    parser.add_argument("--incidents", type=int, default=20, help="incidents to draw (default 20)")
    parser.add_argument("--claims", type=int, default=30, help="claims to draw (default 30)")
    parser.add_argument("--context", type=int, default=500, help="characters of text shown each side of a quote")
    parser.add_argument("--index", action="store_true", help="print only the list of sampled rows")
    parser.add_argument("--template", metavar="PREFIX", help="write empty verdict sheets PREFIX-incidents.csv, PREFIX-claims.csv")
    parser.add_argument("--tally", metavar="PREFIX", help="print the error tables from filled verdict sheets and stop")
    args = parser.parse_args()
    if args.tally:
        tally(args.tally)
        return

    conn = connect()
    sources = load_sources(conn)
    claims = conn.execute("SELECT * FROM reports.claims").fetchall()
    incidents = conn.execute("SELECT * FROM reports.incidents").fetchall()

    claims.sort(key=lambda c: claim_key(c, sources))
    claims_by_incident: dict[int, list[dict]] = {}
    for claim in claims:
        if claim["incident_id"] is not None:
            claims_by_incident.setdefault(claim["incident_id"], []).append(claim)
    # An incident sits where its first claim sits (every reported incident has one).
    incidents.sort(key=lambda i: (claim_key(claims_by_incident[i["incident_id"]][0], sources), content(i)))
    incidents_by_id = {i["incident_id"]: i for i in incidents}

    rng = random.Random(args.seed)
    incident_sample = draw(incidents, args.incidents, rng)
    claim_sample = draw(claims, args.claims, rng)

    print(f"# audit sample: seed {args.seed}; population {len(incidents)} incidents, {len(claims)} claims, "
          f"{len(sources)} current sources; extractor(s) {sorted({c['extractor_version'] for c in claims})}")
    for n, i in enumerate(incident_sample, 1):
        first = claims_by_incident[i["incident_id"]][0]
        print(f"# I{n:02} incident {i['incident_id']}  {sources[first['source_id']].origin}  "
              f"{i['occurred_on']} {i['event_type']} {i['place']}")
    for n, c in enumerate(claim_sample, 1):
        print(f"# C{n:02} claim {c['claim_id']}  {sources[c['source_id']].origin} "
              f"[{c['char_start']}:{c['char_end']}] {c['claim_type']}")
    if args.template:
        write_template(args.template, incident_sample, claim_sample, sources, claims_by_incident)
    elif not args.index:
        show_incidents(conn, sources, claims_by_incident, incident_sample, args.context)
        show_claims(sources, incidents_by_id, claim_sample, args.context)
    conn.close()


if __name__ == "__main__":
    main()
