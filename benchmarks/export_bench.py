"""Time `eventdb export` of 100,000 incidents in every format (target: under 10 s each).

Usage:
    python benchmarks/export_bench.py [--server URL] [--incidents N] [--claims N] [--reuse URL]

Fills a database of its own with the synthetic data of reports_bench.py (100,000
incidents, 500,000 claims), then writes each export to a temporary file as the CLI
does and prints the wall time (best of --repeat runs), the rows, the file size and
the peak memory of this process. --reuse times a database kept by
`reports_bench.py --keep` instead of filling one.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reports_bench import fill  # noqa: E402  (the same synthetic data as the views benchmark)

from eventdb import casualties, database, exports  # noqa: E402
from eventdb.sides import refresh_sides  # noqa: E402

RUNS = [("incidents", "csv"), ("incidents", "jsonl"), ("incidents", "geojson"), ("incidents", "parquet"),
        ("incidents", "acled"), ("claims", "csv")]


def time_exports(url: str, repeat: int, runs: list[tuple[str, str]]) -> None:
    engine = database.make_engine(url)
    with engine.connect() as conn, tempfile.TemporaryDirectory() as folder:
        print(f"{'export':22} {'seconds':>8} {'rows':>9} {'MB':>7}")
        for what, fmt in runs:
            path = Path(folder) / f"{what}.{fmt}"
            best, rows = float("inf"), 0
            for _ in range(repeat):
                start = time.perf_counter()
                binary = fmt in exports.BINARY_FORMATS
                with open(path, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8", "newline": ""})) as out:
                    rows = exports.export(conn, what, fmt, out).rows
                best = min(best, time.perf_counter() - start)
            print(f"{what + ' ' + fmt:22} {best:>8.2f} {rows:>9,} {path.stat().st_size / 1e6:>7.1f}")
    engine.dispose()
    print(f"peak memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server", default=os.environ.get("EVENTDB_TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres"))
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--claims", type=int, default=500_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--reuse", metavar="URL", help="time the exports of a database kept by reports_bench.py --keep")
    parser.add_argument("--only", metavar="WHAT:FORMAT", action="append", help="time only these exports (e.g. incidents:acled)")
    args = parser.parse_args()
    runs = [tuple(o.split(":", 1)) for o in args.only] if args.only else RUNS
    if args.reuse:
        time_exports(database.normalize_url(args.reuse), args.repeat, runs)
        return
    server = database.normalize_url(args.server)
    name = f"eventdb_bench_{uuid.uuid4().hex[:8]}"
    database.create_database(server, name)
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    try:
        database.upgrade(url)
        engine = database.make_engine(url)
        with engine.begin() as conn:
            fill(conn, args.incidents, args.claims)
            casualties.recompute_all(conn)  # best estimates, as storing would have set them
            refresh_sides(conn)  # sides, as a reference load would have stored them
            conn.exec_driver_sql("ANALYZE")
        engine.dispose()
        time_exports(url, args.repeat, runs)
    finally:
        database.drop_database(server, name)


if __name__ == "__main__":
    main()
