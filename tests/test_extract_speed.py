"""The speed-ups of extraction find exactly what the plain forms found."""

from __future__ import annotations

import datetime as dt
import random
import re
from unittest import mock

from eventdb.extract import _ELISION, _ends_with_elision
from eventdb.extract.gazetteer import fold_text
from eventdb.extract.lexicon import _APOSTROPHES, FOLDS_TO_ASCII, default_lexicon, phrase_pattern, words_of
from eventdb.extract import dates, numbers
from eventdb.extract.dates import find_dates
from eventdb.extract.numbers import find_counts


def _plain_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """The phrase regex as it was before prefixes were merged: a sorted list of alternatives."""
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        escaped = re.sub(r"(\\-|\\ )", r"[-\\s]", re.escape(phrase.lower()))
        parts.append(re.sub("['’ʼ‘`]", f"[{_APOSTROPHES}]", escaped))
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w])", re.IGNORECASE)


def _random_texts(words: list[str], count: int) -> list[str]:
    rng = random.Random(9)
    glue = [" ", " ", "-", "", ", ", "’", ". "]
    return ["".join(rng.choice(words) + rng.choice(glue) for _ in range(rng.randint(1, 12))) for _ in range(count)]


def test_merged_phrase_pattern_matches_like_the_sorted_list():
    phrases = ("attack", "attacks", "attacked", "air strike", "air-strikes", "a", "group's", "at", "attack on", "on")
    texts = _random_texts([*phrases, "Attack", "AIR", "strike", "xattack", "attackers", "group’s"], 3000)
    merged, plain = phrase_pattern(phrases), _plain_pattern(phrases)
    for text in texts:
        assert [m.span() for m in merged.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_merged_patterns_of_the_lexicon_match_like_the_sorted_lists():
    lex = default_lexicon()
    for category in ("triggers", "speech_verbs", "hedges", "killed_words", "involvement_denied"):
        phrases = lex.phrases(category)
        texts = _random_texts([p for p in phrases] + ["the", "Iraq", "said"], 300)
        merged, plain = phrase_pattern(phrases), _plain_pattern(phrases)
        for text in texts:
            assert [m.span() for m in merged.finditer(text)] == [m.span() for m in plain.finditer(text)], (category, text)


def test_count_prefilter_never_hides_a_count():
    texts = _random_texts(["two", "Dozens of", "a couple of", "hundred", "twenty-one", "men", "7", "of", "a", "ſix", "TEN"], 2000)
    for text in texts:
        with mock.patch.object(numbers, "_may_hold_count", lambda chunk, words: True):
            scanned = find_counts(text)
        assert find_counts(text) == scanned, text
    assert find_counts("They met the envoy.") == [] and find_counts("TEN men")[0].value == 10


def test_elision_tail_test_agrees_with_the_full_search():
    rng = random.Random(2)
    pieces = [".", " ", "…", "\n", ",", ";", "a", ". . .", "x."]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        assert _ends_with_elision(text) == (_ELISION.search(text) is not None), text


def test_fold_text_replaces_like_a_translation_table():
    table = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "-": " ", "‐": " ", "‑": " "})
    rng = random.Random(4)
    for _ in range(5000):
        text = "".join(rng.choice("’ʼ‘`-‐‑ab 'é“") for _ in range(rng.randint(0, 20)))
        assert fold_text(text) == text.translate(table), text


def test_date_prefilter_never_hides_a_date():
    pieces = ["January", "jan.", "Jan", "midJanuary", "mid-May", "early", "late", "2024", "5", "12th", "Friday",
              "Friday’s", "Fridays", "last", "night", "this", "week", "earlier", "in", "on", "LAST NIGHT", "Yesterday",
              "Sept", "the", "two", "days", "later", "the same day", "hours", "a week earlier", "the following week",
              "came", "took place", "after", "before that", "3", "DAYS", "Weeks", "day", "weekend", "days-long", "ſ"]
    lex = default_lexicon()
    published = dt.date(2024, 3, 9)
    for text in _random_texts(pieces, 3000):
        with mock.patch.object(dates, "_Present", _AllPresent):
            scanned = find_dates(text, 0, len(text), published, lex)
        assert find_dates(text, 0, len(text), published, lex) == scanned, text
        assert find_dates(text, 0, len(text), published, lex, words=words_of(text)) == scanned, text


class _AllPresent:
    def __init__(self, *args: object) -> None:
        self.month = self.relative = self.weekday = self.year = self.sequel = self.unit = True
        self.lowered = None  # no lowercased text: the month patterns scan every character too


def test_month_scans_from_their_starts_find_what_finditer_finds():
    pieces = ["January", "JANUARY", "jan.", "Jan", "May", "may", "dismay", "Omar", "midJanuary", "mid-May", "amid",
              "early", "Late", "2024", "5", "12th", ",", "ſeptember", "İstanbul", "Sept", "xMay", "Mayday", "the"]
    p = dates._patterns(default_lexicon())
    for text in _random_texts(pieces, 3000):
        for start in (0, len(text) // 3):
            lowered = text[start:].lower() if FOLDS_TO_ASCII.search(text[start:]) is None else None
            for pattern in (p.month_day, p.month_year):
                fast = [m.group(0, 1) for m in dates._months(p, pattern, text, start, len(text), lowered)]
                assert fast == [m.group(0, 1) for m in pattern.finditer(text, start)], text


_TOKEN_WORDS = ["iPhone", "McDonald", "IRGC", "Iraq", "iraq", "a", "A", "1990s", "3rd", "A1b", "a1B", "x2Y", "don't",
                "al-Assad", "U.S", "3.5", "İstanbul", "Ærø", "ǅemal", "naïve", "Ⅻ", "co_op", "x...y", "(a)", "e.g",
                "tensions.The", "ABCdef", "abcDEF", "2023", "n’t", "isn’t", "aB", "Ab", "AB", "ab"]


def test_syntok_tokenizer_shortcut_gives_the_same_tokens():
    from syntok.tokenizer import Tokenizer

    from eventdb.extract.sentences import _TOKENIZER

    plain = Tokenizer(replace_not_contraction=False)
    for text in _random_texts(_TOKEN_WORDS, 3000):
        fast = [(t.spacing, t.value, t.offset) for t in _TOKENIZER.tokenize(text)]
        assert fast == [(t.spacing, t.value, t.offset) for t in plain.tokenize(text)], text


def test_plain_sentence_ends_are_found_like_finditer():
    from eventdb.extract.sentences import _PLAIN_END, _plain_ends

    words = ["the", "The", "army.", "al-Assad.", "U.S.", "tensions.The", "No.", "5.", "12.", "Jan", "IS.", "it!", "why?",
             "“Quote.”", "end.”", "x.", "Iraq.", ".", "...", "\u00a0", "\n", "Ab.", "3.5", "a-b-c.", "AB.Cd"]
    for text in _random_texts(words, 3000):
        assert [m.span() for m in _plain_ends(text)] == [m.span() for m in _PLAIN_END.finditer(text)], text


def test_glued_pattern_starting_with_the_stop_cuts_where_the_old_one_did():
    from eventdb.extract.sentences import _GLUED

    old = re.compile(r"(?:[.!?](?<=[a-z0-9\]\)][.!?])|(?<=[A-Z]{2})\.)[”\"’]?\*?(?=[“\"]?[A-Z][a-z])")
    words = ["tensions.The", "AFP.On", "IS.*The", "[Friday].”“The", "it.”Elements", "x!Y", "ab?Cd", "US.The", "U.S.The",
             "5.The", "a.b", "The", "end.", "“Q.”", "x.”The"]
    for text in _random_texts(words, 3000):
        for start in range(0, len(text), 7):
            assert [m.span() for m in _GLUED.finditer(text, start)] == [m.span() for m in old.finditer(text, start)], text


def test_lowercased_phrase_scan_finds_what_the_case_insensitive_scan_finds():
    lex = default_lexicon()
    categories = [c for c in ("triggers", "speech_verbs", "hedges", "negations", "roles", "sequence_connectors")
                  if lex.shape(c).key_words is not None]
    words = [p for c in categories for p in lex.phrases(c)[:15]]
    words += ["ATTACK", "Attacked", "STRUCK", "ß", "Σ", "ς", "µ", "ǅ", "Straße", "x", "-", "’s", "ﬁred", "Ǆ"]
    for text in _random_texts(words, 1500):
        if FOLDS_TO_ASCII.search(text):
            continue
        for offset in {0, 1, len(text) // 2} - {len(text)}:
            lowered = text[offset:].lower()
            assert len(lowered) == len(text) - offset
            for c in categories:
                fast = lex.find_lowered(c, text, lowered, offset, offset + 1, len(text))
                assert [m.span() for m in fast] == [m.span() for m in lex.find(c, text, offset + 1, len(text))], (c, text)


def test_phrase_word_prefilter_never_hides_a_match():
    lex = default_lexicon()
    categories = [c for c in lex.words if lex.shape(c).key_words is not None] + ["triggers", "roles"]
    pieces = [w for c in categories for p in lex.phrases(c)[:6] for w in (p, p.upper(), *p.split())] + ["-", "’", "x"]
    for text in _random_texts(pieces, 1500):
        words = words_of(text)
        if words is None:
            continue
        for c in categories:
            if not lex.shape(c).may_match(words):
                assert lex.find(c, text) == [], (c, text)


def test_capital_metonym_prefilter_never_hides_a_capital():
    from eventdb.extract import tools_for
    from eventdb.extract.context import _metonym_states

    table, pattern, shape = _metonym_states(tools_for())
    pieces = [w for name in table for w in (name, name.upper(), *name.split())] + ["-", "’s", "x", "Tehrani"]
    for text in _random_texts(pieces, 1500):
        words = words_of(text)
        if words is not None and shape.key_words is not None and not shape.may_match(words):
            assert pattern.search(text) is None, text


def test_words_of_a_lowercased_chunk_are_the_words_of_the_chunk():
    from eventdb.extract.lexicon import words_in_lowered

    changed = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF and chr(c).lower() != chr(c)]
    for c in changed:  # lowercasing keeps a character one character and a word character or not, but for İ
        if FOLDS_TO_ASCII.search(c) is None:
            assert len(c.lower()) == 1 and bool(re.match(r"\w", c)) == bool(re.match(r"\w", c.lower())), c
    for text in _random_texts(["Iraq", "ΣΟΦΙΑ", "Straße", "ǅemal", "x-Y", "’S", "Ⅻ", "ﬁ", *changed[:300:7]], 2000):
        if FOLDS_TO_ASCII.search(text) is None:
            assert words_in_lowered("x" + text.lower(), 1) == words_of(text), text


def test_counts_scanned_in_lowercased_text_are_the_counts_scanned_as_written():
    pieces = ["two", "Dozens of", "A Couple Of", "hundred", "Twenty-One", "men", "7", "1,200", "2023", "About", "UP TO",
              "at least", "x", "-", "Σ", "ß", "ǅ", "More Than", "an estimated", "Scores of"]
    for text in _random_texts(pieces, 2000):
        words = words_of(text)
        if words is None:
            continue
        for offset in {0, 1, len(text) // 2} - {len(text)}:
            lowered = (offset, text[offset:].lower())
            assert len(lowered[1]) == len(text) - offset
            start = min(offset + 1, len(text))
            plain = find_counts(text, start, len(text))
            assert find_counts(text, start, len(text), words_of(text[start:]), lowered) == plain, text


def test_years_found_from_their_literal_are_the_years_of_the_pattern():
    p = dates._patterns(default_lexicon())
    for text in _random_texts(["in", "In", "within", "2014", "in 2023", "main 2020", "_in 2021", "20234", "x", "é"], 3000):
        for start in (0, len(text) // 2):
            assert [m.span() for m in dates._years(text, start, len(text))] == \
                [m.span() for m in p.year.finditer(text, start, len(text))], text


def test_runs_with_inert_punctuation_split_like_syntok():
    """Marks inside a word ("www.x.com", "IS.*The", "it.”Elements") and semicolons before a lowercase word are
    judged from the run's own tokens instead of running syntok: the sentences are the same."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from extract_equivalence import legacy_split_sentences

    from eventdb.extract.sentences import split_sentences

    pieces = ["www.theguardian.com", "IS.*The", "it.”Elements", "AFP.On", "a;b", "x&amp;", "state;", "; the", ";",
              "the", "The", "Which", "army.", "e.g.", "ab.cd", "Yahoo!News", "x(.)y", "a.(b", "3.5", "5.", "U.S.",
              "x.y.Z", "a.”", "(", "[x]", "“Q.”", "no.", "Jan.", "\u00a0", "\u200b", "\n", "...", "it.", "A.",
              "al-Assad.", "tensions.The", "IS.", "word;", "Word;", "a;B", "x!", "why?", "b.c!", "it?x"]
    rng = random.Random(5)
    glue = [" ", " ", " ", "", "\n", "  "]
    for _ in range(6000):
        text = "".join(rng.choice(pieces) + rng.choice(glue) for _ in range(rng.randint(1, 25)))
        assert split_sentences(text) == legacy_split_sentences(text), text



def test_mentions_without_a_capital_come_back_as_the_full_pass_gives_them():
    """`_with_metonyms` returns the gazetteer's list when no capital can be there: the same as its full pass."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from extract_bench import corpus

    from eventdb.extract import _sentences, tools_for
    from eventdb.extract.context import _metonym_states, _with_metonyms

    tools = tools_for()
    table, _, _ = _metonym_states(tools)
    capital = next(iter(table))
    texts = [a.text for a in corpus(40)] + [f"{capital} said it struck Erbil. {capital}'s strike hit Iraq and Syria.",
                                            f"Iraq, Syria and {capital.upper()} were hit in {capital}-area raids."]
    for text in texts:
        for sentence in _sentences(text):
            s, e = sentence.start, sentence.end
            mentions = tools.gazetteer.find(text, s, e)
            fast = _with_metonyms(text, s, e, mentions, tools, words_of(text[s:e]))
            assert fast == _with_metonyms(text, s, e, mentions, tools, None), sentence.text  # None: the full pass
            assert [m.start for m in mentions] == sorted(m.start for m in mentions)


def test_view_before_after_and_derived_answer_as_the_plain_forms():
    """`before`/`after` with comparisons for max/min; `Lexicon.derived` looked up by its builder first."""
    from eventdb.extract import _sentences, tools_for
    from eventdb.extract.context import SentenceView

    tools = tools_for()
    text = "Headline here\nThe drone hit Erbil on Monday. Officials said two were hurt."
    for sentence in _sentences(text):
        view = SentenceView.build(text, sentence, None, tools)
        for pos in range(view.start, view.end + 1):
            for chars in (0, 1, 5, 30, 200):
                assert view.before(pos, chars) == text[max(view.start, pos - chars):pos]
                assert view.after(pos, chars) == text[pos:min(view.end, pos + chars)]
    calls = []

    def _builder(lex):
        calls.append(lex)
        return object()

    lex = tools.lexicon
    made = lex.derived(_builder)
    assert lex.derived(_builder) is made and len(calls) == 1
    assert lex._patterns["derived:" + _builder.__module__ + "." + _builder.__qualname__] is made


def test_mention_equality_and_hash_are_by_value_as_when_frozen():
    from eventdb.extract.gazetteer import Mention
    a = Mention(3, 8, "Iraqi", actor="iraq", adjective=True)
    b = Mention(3, 8, "Iraqi", actor="iraq", adjective=True)
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert hash(a) == hash((3, 8, "Iraqi", "iraq", True, None, None, None))
    assert a != Mention(3, 8, "Iraqi", actor="iraq")


def test_plain_value_classes_hash_and_compare_by_value():
    """Span, ActorRef, DateMention and Count are no longer frozen (cheaper to build): still values."""
    import dataclasses
    from eventdb.assertions import ActorRef, Span
    from eventdb.extract.dates import DateMention
    from eventdb.extract.numbers import Count
    samples = [Span("a b", 0, 3, 1), ActorRef("Israel", "israel", 4, 10), DateMention(1, 5, "May 1", dt.date(2024, 5, 1), "day"),
               Count(0, 3, "two", 2, "exact")]
    for value in samples:
        twin = dataclasses.replace(value)
        assert twin == value and twin is not value and hash(twin) == hash(value)
        assert hash(value) == hash(dataclasses.astuple(value))
