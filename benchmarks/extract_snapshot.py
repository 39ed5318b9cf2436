"""Snapshot of `extract()` outputs, to prove a speed-up changes nothing that is extracted.

Inputs: the seed articles, the held-out articles (as inputs only), 3,000 articles of
extract_bench's corpus and 1,000 of ingest_bench's generator (fixed random seeds).
Each output is written as one JSON line (`dataclasses.asdict`, keys sorted).

    /work/venv/bin/python benchmarks/extract_snapshot.py --write /tmp/extract.snap
    /work/venv/bin/python benchmarks/extract_snapshot.py --check /tmp/extract.snap   # exit 1 on any difference

Write the snapshot with the code before a change and check after it. --check also compares
every cached phrase lookup of a sentence view with a plain regex scan of the same stretch.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import itertools
import json
import sys
import tempfile
from collections.abc import Iterator
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extract_bench import corpus  # noqa: E402
from ingest_bench import generate  # noqa: E402

from eventdb.articles import Article, read_path  # noqa: E402
from eventdb.extract.layout import article_sentences  # noqa: E402
from eventdb.extract import extract, tools_for  # noqa: E402
from eventdb.extract.context import SentenceView  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = (ROOT / "seeds" / "articles", ROOT / "tests" / "heldout" / "articles", ROOT / "tests" / "dev" / "articles")


def articles(bench_count: int, ingest_count: int) -> Iterator[tuple[str, Article]]:
    """(label, article) for every input, always in the same order."""
    for folder in FOLDERS:
        for path in sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".json", ".html")):
            for i, a in enumerate(x for x in read_path(path) if isinstance(x, Article)):
                yield f"{path.relative_to(ROOT)}#{i}", a
    for a in corpus(bench_count):
        yield a.origin, a
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp), ingest_count)
        for path in sorted(Path(tmp).glob("*.txt")):
            for a in read_path(path):
                if isinstance(a, Article):
                    yield f"ingest:{path.stem}", a


def _line(item: tuple[str, Article]) -> str:
    label, article = item
    out = dataclasses.asdict(extract(article))
    text = hashlib.sha256(article.text.encode()).hexdigest()[:16]  # a changed input is not a changed extraction
    return json.dumps({"input": label, "text": text, "published": article.published, "output": out},
                      sort_keys=True, default=str)


def lines(bench_count: int, ingest_count: int, jobs: int) -> Iterator[str]:
    items = articles(bench_count, ingest_count)
    if jobs <= 1:
        yield from map(_line, items)
        return
    with Pool(jobs) as pool:
        yield from pool.imap(_line, items, chunksize=20)


def find_differences(count: int) -> int:
    """SentenceView.find, first and has (cached per sentence) against a plain scan of the same stretch, for every
    category on every sentence of the seeds, held-out articles and `count` generated articles,
    over the whole sentence and stretches cut at every 7th character (inside words too)."""
    tools = tools_for()
    categories = [*tools.lexicon.words, "triggers", "roles"]
    bad = 0
    for _, article in itertools.islice(articles(count, 0), count + 10):
        for sentence in article_sentences(article.text):
            view = SentenceView.build(article.text, sentence, article.published, tools)
            cuts = range(view.start, view.end + 1, 7)
            for category in categories:
                for s, e in [(view.start, view.end), *zip(cuts, cuts[3:]), *((c, view.end) for c in cuts)]:
                    want = [m.span() for m in tools.lexicon.find(category, article.text, s, e)]
                    first = view.first(category, s, e)  # asked before find, which fills no more of the cache
                    bad += (first.span() if first else None) != (want[0] if want else None)
                    bad += view.has(category, s, e) != bool(want)
                    got = [m.span() for m in view.find(category, s, e)]
                    bad += got != want
                whole = [m.span() for m in tools.lexicon.find(category, article.text, view.start, view.end)]
                first = view.first(category)
                bad += (first.span() if first else None) != (whole[0] if whole else None)
                bad += view.has(category) != bool(whole)
    return bad


def main() -> None:
    parser = argparse.ArgumentParser()
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path, metavar="FILE")
    group.add_argument("--check", type=Path, metavar="FILE")
    parser.add_argument("--count", type=int, default=3000, help="articles from extract_bench's corpus")
    parser.add_argument("--ingest-count", type=int, default=1000, help="articles from ingest_bench's generator")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--find-count", type=int, default=40,
                        help="with --check: generated articles on which cached phrase lookups are compared with scans")
    args = parser.parse_args()
    produced = lines(args.count, args.ingest_count, args.jobs)
    if args.write:
        n = 0
        with args.write.open("w") as fh:
            for line in produced:
                fh.write(line + "\n")
                n += 1
        print(f"wrote {n} extractions to {args.write}")
        return
    differences = 0
    n = 0
    with args.check.open() as fh:
        expected = [line.rstrip("\n") for line in fh]
    for n, (want, got) in enumerate(zip(expected, produced, strict=True), start=1):
        if want != got:
            differences += 1
            if differences <= 5:
                old, new = json.loads(want), json.loads(got)
                what = "INPUT" if (old["text"], old["published"]) != (new["text"], new["published"]) else "OUTPUT"
                print(f"DIFFERENT {what}: {old['input']}")
    print(f"{n} extractions checked: {differences} differences")
    lookups = find_differences(args.find_count)
    print(f"phrase lookups, cached versus scanned: {lookups} differences")
    sys.exit(1 if differences or lookups else 0)


if __name__ == "__main__":
    main()
