"""Extraction throughput and memory on a synthetic corpus made by varying the seed articles.

Each variant swaps place names, actor names, numbers and the publication date for
others from the reference, so the extractor meets different strings every time.
Run: /work/venv/bin/python benchmarks/extract_bench.py [--count 5000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import resource
import statistics
import time
import tracemalloc
from pathlib import Path

from eventdb.articles import Article, read_path
from eventdb.extract import extract, tools_for
from eventdb.reference import default_reference

SEEDS = Path(__file__).resolve().parent.parent / "seeds" / "articles"


def corpus(count: int, seed: int = 7):
    """Yield `count` varied articles (a generator: memory does not grow with the count)."""
    ref = default_reference()
    rng = random.Random(seed)
    bases = [a for p in sorted(SEEDS.glob("*.txt")) for a in read_path(p) if isinstance(a, Article)]
    places = [p.name for p in ref.places if p.kind != "country"] or ["Erbil"]
    actors = [a.name for a in ref.actors if a.kind in ("militia", "armed_group", "militia_coalition")] or ["Kataib Hezbollah"]
    # Sorted by name too: a set's order changes with PYTHONHASHSEED, and the corpus must not.
    swap_places = sorted({p.name for p in ref.places if p.kind != "country"}, key=lambda n: (-len(n), n))[:40]
    for n in range(count):
        base = bases[n % len(bases)]
        text = base.text
        for name in swap_places:
            if name in text and rng.random() < 0.5:
                text = text.replace(name, rng.choice(places))
        for a in ref.actors:
            if a.kind in ("militia", "armed_group") and a.name in text and rng.random() < 0.5:
                text = text.replace(a.name, rng.choice(actors))
        text = re.sub(r"\b\d{1,3}\b", lambda m: str(rng.randint(1, 300)), text)
        published = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randint(0, 700)) if rng.random() < 0.6 else None
        yield Article(text=text, origin=f"bench:{n}", published=published)


def run(count: int, trace: bool) -> tuple[float, float, int]:
    """Articles/s (untraced: tracemalloc slows Python several times) or traced peak MB."""
    tools_for()  # build the gazetteer outside the timing
    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    items = 0
    for article in corpus(count):
        x = extract(article)
        items += len(x.incidents) + len(x.claims) + len(x.statistics)
    elapsed = time.perf_counter() - start
    peak = 0
    if trace:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return count / elapsed, peak / 1e6, items


def compare_legacy(count: int, rounds: int) -> None:
    """Interleaved runs with the original helpers patched in and without: same rules, same load."""
    from extract_equivalence import legacy_helpers

    old, new = [], []
    for _ in range(rounds):
        with legacy_helpers():
            old.append(run(count, trace=False)[0])
        new.append(run(count, trace=False)[0])
    print(f"{count} articles x {rounds}: original helpers median {statistics.median(old):.0f} articles/s "
          f"{[round(r) for r in old]}, current median {statistics.median(new):.0f} articles/s {[round(r) for r in new]}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--compare-legacy", type=int, default=0, metavar="ROUNDS",
                        help="instead: interleave ROUNDS runs with the original helpers and the current ones")
    parser.add_argument("--rounds", type=int, default=1, help="untraced runs; the median is reported")
    parser.add_argument("--no-trace", action="store_true", help="skip the traced (memory) runs")
    args = parser.parse_args()
    if args.compare_legacy:
        compare_legacy(args.count, args.compare_legacy)
        return
    runs = [run(args.count, trace=False) for _ in range(args.rounds)]
    rate, items = statistics.median(r[0] for r in runs), runs[0][2]
    print(f"{args.count} articles on one core: {rate:.0f} articles/s (median of {args.rounds}: "
          f"{[round(r[0]) for r in runs]}), {rate and 1000 / rate:.1f} ms/article, {items} assertions")
    if args.no_trace:
        return
    for count in (args.count // 10, args.count // 2):
        _, peak_mb, _ = run(count, trace=True)
        print(f"{count} articles traced: peak {peak_mb:.2f} MB of Python allocations")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process max RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()
