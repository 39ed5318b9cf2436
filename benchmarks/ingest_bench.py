"""Ingest benchmark: a generated corpus into a fresh database, end to end.

    python benchmarks/ingest_bench.py --articles 10000 --jobs 2

Writes the corpus to a temporary folder (the seeds with their dates, places,
numbers and a reference line varied), creates a fresh database on
EVENTDB_BENCH_DATABASE_URL (default: the local server on 127.0.0.1:5432),
ingests the corpus twice (the second run finds everything unchanged) and
prints articles/s, the share of time spent extracting, and peak memory.
With --store-only it extracts the whole corpus first and then times storing
alone (wall and CPU per article, client and server; the server must be local).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import resource
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from eventdb import database
from eventdb.articles import iter_paths, read_path
from eventdb.assertions import Extraction
from eventdb.ingest import extracted, ingest, prepare
from eventdb.reference import default_reference

SEEDS = Path(__file__).resolve().parent.parent / "seeds" / "articles"
NUMBER = re.compile(r"\b(\d{1,3})\b")


def generate(folder: Path, n: int, seed: int = 7) -> None:
    """n distinct articles: seed texts with other places, dates and numbers."""
    rng = random.Random(seed)
    ref = default_reference()
    texts = [p.read_text().split("\n", 1)[-1] if p.read_text().startswith(" date") else p.read_text() for p in sorted(SEEDS.glob("*.txt"))]
    swaps = {"base": [], "city": [], "airport": []}
    for place in ref.places:
        if place.kind in swaps and place.country in ("IQ", "SY", "IL", "JO", "LB", "YE"):
            swaps[place.kind].append(place.name)
    originals = [(name, kind) for kind in swaps for name in ("Ain al-Assad", "Erbil", "Haifa", "Baghdad", "Damascus", "Isfahan") if swaps[kind]]
    start = dt.date(2023, 10, 7)
    for i in range(n):
        body = texts[i % len(texts)]
        for name, kind in originals:
            if name in body and rng.random() < 0.5:
                body = body.replace(name, rng.choice(swaps[kind]))
        body = NUMBER.sub(lambda m: str(max(1, int(m.group(1)) + rng.randint(-3, 3))), body)
        published = start + dt.timedelta(days=rng.randint(0, 600))
        header = f" date {published.isoformat()} https://bench.example.org/{i}\n\n"
        (folder / f"{i:06d}.txt").write_text(header + body + f"\nBench dispatch {i}.\n")


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


@contextmanager
def fresh_engine(prefix: str) -> Iterator[Engine]:
    """A migrated database of its own on EVENTDB_BENCH_DATABASE_URL's server, dropped afterwards."""
    server = database.normalize_url(os.environ.get("EVENTDB_BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres"))
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    database.create_database(server, name)
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    try:
        database.upgrade(url)
        engine = database.make_engine(url)
        try:
            yield engine
        finally:
            engine.dispose()
    finally:
        database.drop_database(server, name)


def server_cpu_seconds(pid: int) -> float:
    """CPU time of a server process (user + system), read from /proc: the server must run on this machine."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def store_only(engine: Engine, folder: Path, jobs: int) -> None:
    """Storing alone: every article extracted first, then stored one transaction each on the batch's
    connection with nothing else running; wall time and CPU per article, this process's and its server session's."""
    from eventdb.ingest import batch_connection, store_one  # imported here: older code has neither

    items = [a for path in iter_paths([folder]) for a in read_path(path)]
    done = [(a, e) for a, e, _ in extracted(items, jobs) if isinstance(e, Extraction)]
    ctx, _ = prepare(engine, "ingest", [str(folder)], dry_run=False)
    with batch_connection(engine) as conn:
        pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
        conn.commit()
        wall, client, server = time.perf_counter(), time.process_time(), server_cpu_seconds(pid)
        for article, extraction in done:
            store_one(conn, article, extraction, ctx, dry_run=False)
        wall, client, server = time.perf_counter() - wall, time.process_time() - client, server_cpu_seconds(pid) - server
    n = len(done)
    print(f"storing alone: {1000 * wall / n:.2f} ms/article wall, CPU {1000 * client / n:.2f} ms in this process "
          f"and {1000 * server / n:.2f} ms in its server session ({n} articles)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--store-only", action="store_true", help="extract first, then time storing alone")
    args = parser.parse_args()

    with fresh_engine("eventdb_bench") as engine:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            t0 = time.perf_counter()
            generate(folder, args.articles)
            print(f"corpus: {args.articles} articles generated in {time.perf_counter() - t0:.1f}s")
            if args.store_only:
                store_only(engine, folder, args.jobs)
                return
            first = ingest(engine, [str(folder)], jobs=args.jobs)
            print(f"first run:  {first}")
            print(f"  {first.read / first.seconds:.0f} articles/s end to end (jobs={args.jobs})")
            print(f"  database: {first.store_seconds:.1f}s storing = {first.store_seconds / first.seconds:.0%} of the wall time, "
                  f"{1000 * first.store_seconds / first.read:.1f} ms/article")
            print(f"  extraction: {first.extract_seconds:.1f} CPU-s in {args.jobs} worker(s), "
                  f"{1000 * first.extract_seconds / first.read:.1f} ms/article; the rest of the wall time "
                  f"({first.seconds - first.store_seconds:.1f}s) is waiting for extraction and reading files")
            second = ingest(engine, [str(folder)], jobs=args.jobs)
            print(f"second run: {second}")
            print(f"  {second.read / second.seconds:.0f} articles/s (all unchanged)")
        print(f"peak RSS: {peak_mb():.0f} MB (largest of this process and its workers)")


if __name__ == "__main__":
    main()
