"""Storing equivalence: ingest a generated corpus into a fresh database and dump what was stored.

    python benchmarks/store_equivalence.py --articles 3000 --out /tmp/after.dump
    PYTHONPATH=/tmp/store-base python benchmarks/store_equivalence.py --articles 3000 --out /tmp/before.dump
    cmp /tmp/before.dump /tmp/after.dump     # identical files: the same rows were stored

Run it once with the code before a change to storing (a worktree of the old
commit first on PYTHONPATH) and once with the code after it. The corpus is
ingest_bench's generator plus revisions (the same url with a changed text:
restating the same quotes, or with other numbers) and repeated inputs (the same
text again, with and without its url), ingested in two runs so that later
revisions supersede claims whose incidents other articles have merged into.

The dump holds every row of sources, claims, claim_actors, incidents,
incident_merges, statistics, name_mentions and affiliations, in a canonical
order. Timestamps become "set or not", run ids are dropped, origins are relative
to the corpus folder, outlets are named by key, and incidents (whose ids come from
a sequence) by the claim that created them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import decimal
import hashlib
import json
import re
import sys
import tempfile
from pathlib import Path

from sqlalchemy import Connection, text

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest_bench import fresh_engine, generate  # noqa: E402

from eventdb.ingest import ingest  # noqa: E402

TABLES = ("sources", "claims", "claim_actors", "incidents", "incident_merges", "statistics", "name_mentions", "affiliations")
DROPPED = {"ingest_run_id"}  # run ids: drawn from a sequence
NUMBER = re.compile(r"\b(\d{1,3})\b")


def split_header(path: Path) -> tuple[str, str]:
    """The ' date ... url' header line of a generated article and its body."""
    header, _, body = path.read_text().partition("\n\n")
    return header, body


def add_variants(folder: Path, later: Path, n: int) -> None:
    """Revisions and repeats: some right after their original, some in a later run."""
    for i in range(0, n, 40):  # the same quotes in a revised text: reports carry over
        header, body = split_header(folder / f"{i:06d}.txt")
        (folder / f"{i:06d}r.txt").write_text(f"{header}\n\n{body}Updated with more details.\n")
    for i in range(7, n, 53):  # other numbers: quotes differ, reports are resolved again
        header, body = split_header(folder / f"{i:06d}.txt")
        (folder / f"{i:06d}r.txt").write_text(f"{header}\n\n" + NUMBER.sub(lambda m: str(int(m.group(1)) + 1), body))
    for i in range(3, n, 61):  # the same text again, with and without its url
        header, body = split_header(folder / f"{i:06d}.txt")
        (folder / f"{i:06d}s.txt").write_text(f"{header}\n\n{body}")
        (folder / f"{i:06d}t.txt").write_text(body)
    for i in range(11, n, 29):  # revised after the whole corpus landed, some twice
        header, body = split_header(folder / f"{i:06d}.txt")
        (later / f"{i:06d}a.txt").write_text(f"{header}\n\n{body}Correction appended.\n")
        if i % 3 == 0:
            (later / f"{i:06d}b.txt").write_text(f"{header}\n\n" + NUMBER.sub(lambda m: str(int(m.group(1)) + 2), body))
    for i in range(5, n, 97):  # repeats in the later run
        header, body = split_header(folder / f"{i:06d}.txt")
        (later / f"{i:06d}c.txt").write_text(f"{header}\n\n{body}")


def plain(value: object) -> object:
    """A JSON-able value; timestamps only say whether they are set."""
    if isinstance(value, dt.datetime):
        return "<set>"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def dump(conn: Connection, corpus: Path) -> list[str]:
    """Every stored row as one canonical JSON line per row, tables in a fixed order (origins relative to the corpus)."""
    incident_key = dict(conn.execute(text("SELECT incident_id, claim_id FROM incident_merges WHERE decision = 'created'")).all())
    outlet_key = dict(conn.execute(text("SELECT id, key FROM outlets")).all())
    renames = {
        "incidents": {"id": incident_key},
        "claims": {"incident_id": incident_key, "claimant_outlet_id": outlet_key},
        "incident_merges": {"incident_id": incident_key},
        "sources": {"outlet_id": outlet_key, "republished_from_outlet_id": outlet_key},
    }
    lines: list[str] = []
    for table in TABLES:
        rows = []
        for row in conn.execute(text(f"SELECT * FROM {table}")).mappings():
            record = {}
            for column, value in row.items():
                if column in DROPPED or (table == "affiliations" and column == "id"):
                    continue
                if column == "origin":
                    value = value.replace(f"{corpus}/", "<corpus>/")
                mapping = renames.get(table, {}).get(column)
                record[column] = plain(mapping.get(value, f"<unmapped {value}>") if mapping is not None and value is not None else value)
            rows.append(json.dumps(record, sort_keys=True, ensure_ascii=False))
        lines.extend(f"{table}\t{r}" for r in sorted(rows))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", type=Path, required=True, help="file to write the dump to")
    args = parser.parse_args()

    with fresh_engine("eventdb_equiv") as engine, tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp)
        folder, later = corpus / "first", corpus / "later"
        folder.mkdir(), later.mkdir()
        generate(folder, args.articles)
        add_variants(folder, later, args.articles)
        for run in (folder, later):
            summary = ingest(engine, [str(run)], jobs=args.jobs)
            print(f"{run.name}: {summary}; storing {1000 * summary.store_seconds / max(summary.read, 1):.1f} ms/article")
        with engine.connect() as conn:
            lines = dump(conn, corpus)
    payload = "\n".join(lines) + "\n"
    args.out.write_text(payload)
    counts = {t: sum(line.startswith(t + "\t") for line in lines) for t in TABLES}
    print(f"{args.out}: sha256 {hashlib.sha256(payload.encode()).hexdigest()[:16]}, rows {counts}")


if __name__ == "__main__":
    main()
