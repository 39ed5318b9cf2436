"""Time and peak memory of `eventdb ingest` for one very large article, to set and check the limits.

Each case writes one article of SIZE characters as a single line (the worst case: no paragraph
or line breaks) and ingests it with `python -m eventdb ingest` into a throw-away database on the
server named by EVENTDB_DATABASE_URL (a maintenance database URL, e.g. postgresql://postgres@127.0.0.1/postgres).
The figure that matters is whether the article at the limit (eventdb.articles.MAX_TEXT_CHARS)
lands in bounded time and memory; one just over it must be refused at once.

    EVENTDB_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres python benchmarks/limits_bench.py 1000000 5000000
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy.engine import make_url

from eventdb import database
from eventdb.articles import MAX_TEXT_CHARS

UNITS = {
    "sentences": "Kataib Hezbollah said it attacked the US base in Erbil with drones on Monday, killing two soldiers. ",
    "one sentence": "militia fighters fired rockets and drones at the base near Erbil airport and the embassy ",
    "many claims": "Kataib Hezbollah said it attacked the US base in Erbil with drones on Monday, ",
}


def run_case(url: str, kind: str, size: int, folder: Path) -> None:
    unit = UNITS[kind]
    path = folder / f"{kind.replace(' ', '_')}_{size}.txt"
    path.write_text((unit * (size // len(unit) + 1))[:size])
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "eventdb", "ingest", str(path)], env={**os.environ, "EVENTDB_DATABASE_URL": url},
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) // 1024
    outcome = done.stdout.strip() or done.stderr.strip().splitlines()[-1]
    print(f"{kind:13} {size:>11,} chars  exit {done.returncode}  {seconds:6.1f} s  peak RSS {peak:5} MB  {outcome[:110]}", flush=True)


def main(sizes: list[int]) -> None:
    server = database.normalize_url(os.environ["EVENTDB_DATABASE_URL"])
    name = f"eventdb_limits_{uuid.uuid4().hex[:8]}"
    database.create_database(server, name)
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    try:
        database.upgrade(url)
        print(f"MAX_TEXT_CHARS = {MAX_TEXT_CHARS:,}")
        with tempfile.TemporaryDirectory() as tmp:
            for size in sizes:
                for kind in UNITS:
                    run_case(url, kind, size, Path(tmp))
    finally:
        database.drop_database(server, name)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1_000_000, MAX_TEXT_CHARS, MAX_TEXT_CHARS + 1])
