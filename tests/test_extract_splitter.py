"""The fast sentence splitter gives exactly syntok's sentences (benchmarks/extract_equivalence.py has the full check)."""

from __future__ import annotations

import sys
from pathlib import Path

from eventdb.articles import Article, read_path
from eventdb.extract.sentences import split_sentences

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from extract_equivalence import TRICKY, fuzz_texts, legacy_split_sentences  # noqa: E402

SEEDS = Path(__file__).resolve().parent.parent / "seeds" / "articles"


def test_same_spans_as_syntok_on_seeds_tricky_and_fuzz():
    seeds = [a.text for p in sorted(SEEDS.glob("*.txt")) for a in read_path(p) if isinstance(a, Article)]
    for text in [*seeds, *TRICKY, *(t for _, t in fuzz_texts(3000))]:
        assert split_sentences(text) == legacy_split_sentences(text), text


def test_glued_sentences_of_seed_000_are_split():
    text = next(a.text for a in read_path(next(SEEDS.glob("000_*.txt"))) if isinstance(a, Article))
    starts = [s.text[:20] for s in split_sentences(text)]
    for glued in ("The Iraqi Islamic Re", "The Israeli military", "United States Centra", "On Friday, the Islam"):
        assert glued in starts
