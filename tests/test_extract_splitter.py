"""The fast sentence splitter gives exactly syntok's sentences (benchmarks/extract_equivalence.py has the full check)."""

from __future__ import annotations

import sys
from pathlib import Path

from eventdb.articles import Article, read_path
from eventdb.extract.sentences import MAX_SENTENCE_CHARS, split_sentences

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


def test_a_stretch_without_full_stops_is_cut_into_bounded_pieces_at_clause_marks():
    words = "the rockets hit the base near Erbil, a drone was seen; officials said nothing".split()
    text = " ".join(words[i % len(words)] for i in range(30_000))
    sentences = split_sentences(text)
    assert len(sentences) > 100 and all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    assert all(text[s.start:s.end] == s.text and not s.text[0].isspace() for s in sentences)
    assert "".join(s.text for s in sentences).replace(" ", "") == text.replace(" ", "")  # nothing lost
    assert sum(s.text.endswith((",", ";")) for s in sentences) >= len(sentences) - 1  # cut after clause marks
    one_word = "x" * (3 * MAX_SENTENCE_CHARS)
    assert [len(s.text) for s in split_sentences(one_word)] == [MAX_SENTENCE_CHARS] * 3


def test_ordinary_long_sentences_are_not_cut():
    sentence = "The Islamic Resistance in Iraq said on Friday, in a statement, " + "that its fighters, " * 30 + "hit the base."
    assert len(sentence) < MAX_SENTENCE_CHARS
    assert [s.text for s in split_sentences(sentence + " It added more.")] == [sentence, "It added more."]
