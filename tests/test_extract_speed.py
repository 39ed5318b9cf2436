"""The speed-ups of extraction find exactly what the plain forms found."""

from __future__ import annotations

import datetime as dt
import random
import re
from unittest import mock

from eventdb.extract.layout import _ELISION, _ends_with_elision
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
        self.month = self.relative = self.weekday = self.year = self.sequel = self.counted = True
        self.lowered = None  # no lowercased text: the month patterns scan every character too


def test_month_scans_from_their_starts_find_what_finditer_finds():
    pieces = ["January", "JANUARY", "jan.", "Jan", "May", "may", "dismay", "Omar", "midJanuary", "mid-May", "amid",
              "early", "Late", "2024", "5", "12th", ",", "ſeptember", "İstanbul", "Sept", "xMay", "Mayday", "the"]
    p = dates._patterns(default_lexicon())
    for text in _random_texts(pieces, 3000):
        for start in (0, len(text) // 3):
            lowered = text[start:].lower() if FOLDS_TO_ASCII.search(text[start:]) is None else None
            for pattern in (p.month_day, p.month_year):
                fast = [m.group(0, 1) for m in dates._from_starts(p.month_starts, pattern, text, start, len(text), lowered)]
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

    from eventdb.extract.layout import article_sentences
    from eventdb.extract import tools_for
    from eventdb.extract.context import _metonym_states, _with_metonyms

    tools = tools_for()
    table, _, _ = _metonym_states(tools)
    capital = next(iter(table))
    texts = [a.text for a in corpus(40)] + [f"{capital} said it struck Erbil. {capital}'s strike hit Iraq and Syria.",
                                            f"Iraq, Syria and {capital.upper()} were hit in {capital}-area raids."]
    for text in texts:
        for sentence in article_sentences(text):
            s, e = sentence.start, sentence.end
            mentions = tools.gazetteer.find(text, s, e)
            fast = _with_metonyms(text, s, e, mentions, tools, words_of(text[s:e]))
            assert fast == _with_metonyms(text, s, e, mentions, tools, None), sentence.text  # None: the full pass
            assert [m.start for m in mentions] == sorted(m.start for m in mentions)


def test_view_before_after_and_derived_answer_as_the_plain_forms():
    """`before`/`after` with comparisons for max/min; `Lexicon.derived` looked up by its builder first."""
    from eventdb.extract.layout import article_sentences
    from eventdb.extract import tools_for
    from eventdb.extract.context import SentenceView

    tools = tools_for()
    text = "Headline here\nThe drone hit Erbil on Monday. Officials said two were hurt."
    for sentence in article_sentences(text):
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


def test_odd_spaces_are_the_spaces_syntok_and_re_may_see_differently():
    """The explicit set equals "Python's whitespace other than space, newline, tab, return, and U+200B"."""
    import sys

    from eventdb.extract.sentences import _ODD_SPACE

    for code in range(sys.maxunicode + 1):
        c = chr(code)
        assert (_ODD_SPACE.match(c) is not None) == ((c.isspace() and c not in " \n\t\r") or c == "\u200b"), hex(code)


def test_syntok_sees_a_window_and_splits_as_on_the_whole_chunk():
    """syntok given two runs of words around a chunk's marks splits it as syntok given the whole chunk (the
    window replaced by the whole chunk), and as syntok on the whole text."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from extract_equivalence import fuzz_paragraphs, legacy_split_sentences

    from eventdb.extract import sentences

    crafted = [
        "(Opening bracket) at the start of a long chunk of plain words here. Then more.",
        "One (two three four five six seven eight) nine ten eleven. Next one.",
        "Words a b c d e f g h i j k l m n o p q r s t u v w x y z " * 3 + "(and then) more words. The end.",
        "A bracket ( opened " + "word " * 60 + ") closed far away and more words. The end.",
        "A bracket ( opened " + "word " * 45 + ") closed just inside and more words. The end.",
        "An unclosed ( bracket with many words after it going on and on. The end goes on.",
        "Invisible closer ( a )) and more plain words after it all. Next sentence.",
        "It hit the base. . . Iraqi militias claimed it and more words follow here. The end.",
        "Consecutive attacks..\nIn 24 hours, pro-Iranian militias targeted Erbil with drones. They said.",
        "of the state; Which represents the people of the whole land. Then more.",
        "well,” Malik says.\n” But at the same time they do not. Then more.",
        "in Iraq [Friday].”“The explosion hit equipment and weapons today. Then AFP.On Friday they said.",
        "Words\u00a0with odd spaces in the middle of plain words here. Then more.",
        "Plain words first and then\x1c a separator then words. Next.",
        "\x1c Leading separator then plain words and a (bracket) here. Next.",
        "Trailing words (with a bracket) and then words at the end  ",
        "Ends with a bracket after words (x)",
        "Words İstanbul Ærø naïve don't Iran’s al-Assad (x) counter-attacks ǅemal. The end.",
        "Mr. Smith and Gen. Jones met U.S. forces (in Erbil) on Jan. 5 and more. The end.",
        "e.g. words at the start then (x) words. No. 5 was hit. It was.",
        "x y (a) b c d e f g (h) i j k l m n. . . o p q r s. The end.",
    ]
    whole = mock.patch.object(sentences, "_syntok_window", lambda paragraph, start, end, body_end: (start, end))
    for text in [*crafted, *(t for _, t in fuzz_paragraphs(3000, seed=7))]:
        windowed = sentences.split_sentences(text)
        with whole:
            assert windowed == sentences.split_sentences(text), text
        assert windowed == legacy_split_sentences(text), text


def _plain_paragraph_sentences(paragraph: str, offset: int):
    """`_paragraph_sentences` as it was: every plain end checked for brackets, every chunk by `_chunk_sentences`."""
    from eventdb.extract.sentences import _NOT_PLAIN_WORDS, _chunk_sentences, _inside_brackets, _plain_ends

    chunk = 0
    for m in _plain_ends(paragraph):
        if m.group("word") in _NOT_PLAIN_WORDS or _inside_brackets(paragraph, chunk, m.start()):
            continue
        yield from _chunk_sentences(paragraph, offset, chunk, m.end(), m.start("stop"))
        chunk = m.end()
    if chunk < len(paragraph):
        yield from _chunk_sentences(paragraph, offset, chunk, len(paragraph), len(paragraph))


def test_plain_chunks_found_in_one_scan_and_unglued_sentences_come_out_as_before():
    """A chunk without any `_MARK` is taken as one sentence directly; a sentence without a glued end is
    returned whole: the same spans as the two scans and the cut list they skip."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from extract_equivalence import fuzz_paragraphs

    from eventdb.extract.sentences import _FIRST_VISIBLE, _GLUED, _paragraph_sentences, _split_glued

    crafted = ["It hit the base. The army said so.", "It hit (the base). The army said so.", "The (x. Y) z. A b.",
               "It hit ）the base. The army.", "It was\u00a0hit. The end.", " \x1cIt hit. The end.", "tensions.The army.",
               "Iran’s army. Don't go. İstanbul hit. Ærø. al-Assad. counter-attacks. The end", "AFP.On Friday. It.”"]
    for n, text in enumerate([*crafted, *(t for _, t in fuzz_paragraphs(1500, seed=11))]):
        offset = n % 3
        assert list(_paragraph_sentences(text, offset)) == list(_plain_paragraph_sentences(text, offset)), text
        for start in range(0, len(text), 7 if n < 500 else len(text)):
            for end in (start + 1, start + 40, len(text)):
                cuts = [start] + [m.end() for m in _GLUED.finditer(text, max(start - 1, 0), end)] + [end]
                plain = [(a, b) for a, b in zip(cuts, cuts[1:]) if _FIRST_VISIBLE.search(text, a, b)]
                assert _split_glued(text, start, end) == plain, text


# --- the rule modules' shortcuts (incidents.py) ---------------------------------------------------------------

_RULE_SENTENCES = [
    "Kataib Hezbollah denied any involvement in the drone attack on the base.",
    "The group has not confirmed the strike on Erbil, but officials said it hit a warehouse.",
    "Iran denied responsibility for the attack and the strike that followed.",
    "The IRGC DENIED INVOLVEMENT IN THE attack; a US drone strike killed two people.",
    "Officials did not confirm the air-strike near Damascus on Friday.",
    "The militia’s non-confirmation of the missile attack came late.",
    "No one claimed the İnterception or the rocket attack at Ain al-Asad.",
    "Three people, including two civilians, were killed in the strike; 16 others were wounded.",
    "The Houthis said they attacked a ship in the Red Sea with drones and missiles.",
    "A US air strike struck the base, killing a commander and two of his bodyguards.",
    "Hezbollah fired rockets at northern Israel and the army responded with air strikes.",
]


def _rule_views():
    from eventdb.extract import tools_for
    from eventdb.extract.context import SentenceView
    from eventdb.extract.sentences import Sentence

    tools = tools_for()
    for i, text in enumerate(_RULE_SENTENCES):
        prefix = "Lead. " if i % 2 else ""  # a sentence that does not start the text
        whole = prefix + text
        yield SentenceView.build(whole, Sentence(1 if prefix else 0, len(prefix), len(whole), text), dt.date(2024, 2, 1), tools)


def test_denial_before_a_trigger_skips_only_categories_the_sentence_lacks():
    from eventdb.extract.triggers import Trigger, _denied_before

    def plain(view, t):
        lo = max(view.start, t.start - 60)
        for category in ("involvement_denied", "responsibility_denied", "non_confirmation"):
            for m in view.tools.lexicon.find(category, view.text, lo, t.start):
                if not re.search(r"[,;.]|\b(?:and|but)\b", view.text[m.end():t.start]):
                    return True
        return False

    seen = set()
    for view in _rule_views():
        for m in view.tools.lexicon.pattern("triggers").finditer(view.text, view.start, view.end):
            t = Trigger(m.start(), m.end(), m.group(0), "attack")
            seen.add(_denied_before(view, t))
            assert _denied_before(view, t) == plain(view, t), (view.text, m.group(0))
    assert seen == {True, False}


def test_country_keys_are_the_first_country_a_scan_finds():
    from eventdb.extract.incident_places import _country_keys
    from eventdb.reference import default_reference

    reference = default_reference()
    keys = _country_keys(reference)
    for code in {p.country for p in reference.places} | {None, "", "XX"}:
        candidates = [p for p in reference.places if p.kind == "country" and p.country == code]
        assert keys.get(code) == (candidates[0].key if candidates else None), code


def test_counted_subject_reads_the_words_between_as_before():
    from eventdb.extract.tolls import _APPOSITIVE, _INCLUDING, _counted_subject

    def plain(between):
        before_word = _APPOSITIVE.sub("", _INCLUDING.sub("", between))
        return bool(re.fullmatch(r"\s+(?:[\w.’'-]+\s+){0,3}(?:were|was|have been|had been)?\s*(?:\w+ly\s+)?", before_word)
                    and not re.search(r"\b(?:and|or)\b|[,;]", before_word))

    samples = [" people were ", " people, including two children, were ", " Iraqi soldiers and ", " crew member, a Filipino sailor, was ",
               " ", "", " of the people were reportedly ", " U.S. service members have been ", " people’s ", " army-run, ",
               " ANDERS were ", " or ", " civilians; ", " people were İnjured "]
    for s in samples:
        assert _counted_subject(s) == plain(s), s


def test_drafts_decided_before_their_details_are_the_drafts_made_in_full():
    """`draft_from_trigger` returns None before it reads the details `_specific` ignores: the same drafts as checking last."""
    from eventdb.extract import incidents, triggers

    def full(view, t, ws, we, local_id):
        with mock.patch.object(incidents, "_specific", lambda *a: True):
            d = incidents.draft_from_trigger(view, t, ws, we, local_id)
        if d is None or d.reference_only and not incidents.opinion(view):
            return d  # None, or a denial's reference (not decided by `_specific`)
        return d if incidents._specific(view, d, t) else None

    made = 0
    for view in _rule_views():
        found = triggers.find_triggers(view, [])
        for t, (ws, we) in zip(found, triggers.windows(view, found)):
            d = incidents.draft_from_trigger(view, t, ws, we, "i1")
            assert d == full(view, t, ws, we, "i1"), (view.text, t)
            made += d is not None
    assert made


def test_affiliations_test_the_suffix_before_the_descriptor_as_after():
    """`affiliations` asks `is_descriptor` only of names followed by a backing suffix: both tests must hold, in any order."""
    from eventdb.assertions import AffiliationStatement
    from eventdb.extract import aggregates, tools_for
    from eventdb.extract.context import SentenceView, actor_ref
    from eventdb.extract.sentences import Sentence

    def plain(view):
        backing = view.tools.lexicon.derived(aggregates._backing_suffix)
        out = []
        for m in view.mentions:
            if not m.actor or not view.is_descriptor(m):
                continue
            if not backing.match(view.after(m.end, 20)):
                continue
            named = aggregates._apposition(view, m.start, m.end)
            if named and named.key != m.actor:
                out.append(AffiliationStatement(named, actor_ref(m), "backed_by", view.span(), confidence=0.6))
        return out

    texts = ["Kataib Hezbollah, an Iran-backed militia, claimed the attack.", "The Iranian-backed Houthis, a group in Yemen, fired.",
             "Nujaba, one of the Iran-aligned factions, said it struck.", "The pro-Iranian militias, Kataib Hezbollah, denied it.",
             "Iran supported the Houthis, the Yemeni rebels.", "Israel said it struck Hezbollah.", "Iran backed Hezbollah."]
    found = 0
    for text in texts:
        view = SentenceView.build(text, Sentence(0, 0, len(text), text), None, tools_for())
        backed = [a for a in aggregates.affiliations(view) if a.relation == "backed_by"]
        assert backed == plain(SentenceView.build(text, Sentence(0, 0, len(text), text), None, tools_for())), text
        found += len(backed)
    assert found


def test_characterization_prefilter_never_hides_a_characterization():
    from eventdb.extract.triggers import _CHARACTERIZED, _may_characterize

    words = ["what", "he", "they", "the army", "called", "calls", "described", "describing", "termed", "as", "it", "them",
             "“", "\"", "Called", "DESCRIBED", "recalled", "attacks", "that"]
    texts = _random_texts(words, 4000) + ['condemned what he called "attacks that ', "described them as “Zionist ", "what the army termed "]
    hits = 0
    for text in texts:
        for end in range(len(text) + 1):  # the rule searches the text before a trigger: every cut of it
            if _CHARACTERIZED.search(text[:end]):
                hits += 1
                assert _may_characterize(text[:end]), text[:end]
    assert hits > 5


def test_self_pronoun_prefilter_never_hides_an_own_subject():
    from eventdb.extract import tools_for
    from eventdb.extract.context import SentenceView
    from eventdb.extract.incident_actors import _may_name_itself, _own_subject_pattern
    from eventdb.extract.sentences import Sentence

    tools = tools_for()
    own = tools.lexicon.derived(_own_subject_pattern)
    words = ["It", "it", "they", "THEY", "we", "its", "forces", "fighters", "the", "group's", "group’s", "had", "also",
             "said", "that", "struck", "İt", "ıt", "wit", "Its Forces", "repeatedly"]
    hits = 0
    for text in _random_texts(words, 3000):
        view = SentenceView.build(text, Sentence(0, 0, len(text), text), None, tools)
        for end in range(len(text) + 1):
            if own.search(view.before(end, 90)):
                hits += 1
                assert _may_name_itself(view), text
                break
    assert hits > 100


def test_casualties_skipped_without_toll_words_are_the_casualties_read_in_full():
    from eventdb.extract import tolls

    texts = ["Two soldiers were killed and three wounded in the attack.", "No personnel were hurt.", "The strike hit a depot.",
             "Officials said the drone struck a base near Erbil, causing no casualties.", "A girl was seriously wounded.",
             "The attack killed three people and wounded nine.", "None of the 23 crew were injured.", "Rockets hit Kiryat Shmona.",
             "The strike killedz two people and injuredx three."]  # a window ending inside a word finds what the sentence lacks
    from eventdb.extract import tools_for
    from eventdb.extract.context import SentenceView
    from eventdb.extract.sentences import Sentence

    skipped = 0
    for text in texts:
        whole = "Lead. " + text
        view = SentenceView.build(whole, Sentence(1, 6, len(whole), text), None, tools_for())
        for ws in range(view.start, view.end, 5):
            for we in range(ws + 1, view.end + 1):
                skipped += tolls._no_toll_words(view, we)
                with mock.patch.object(tolls, "_no_toll_words", lambda view, we: False):
                    full = tolls._casualties(view, ws, we)  # (not the cached form: it would answer from the cache)
                assert tolls._casualties(view, ws, we) == full, (text, ws, we)
    assert skipped


def test_place_word_prefilters_never_hide_a_match():
    from eventdb.extract.incident_places import _FROM
    from eventdb.extract.incident_places import _SOURCE_PLACE, _has_then_search

    assert not set("from" + "accord") & set("iks")  # the letters with non-ASCII case-insensitive equivalents
    words = ["from", "FROM", "From", "the", "direction", "of", "occupied", "according", "ACCORDİNG", "to", "Accord", "fro",
             "m", "ſ", "İ", "said", "Gaza"]
    hits = 0
    for text in _random_texts(words, 3000):
        for end in range(len(text) + 1):
            for word, pattern in (("from", _FROM), ("accord", _SOURCE_PLACE)):
                plain = pattern.search(text[:end]) is not None
                hits += plain
                assert _has_then_search(word, pattern, text[:end]) == plain, text[:end]
    assert hits > 100


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


def test_date_scans_from_their_starts_find_what_finditer_finds():
    """Each date pattern tried only where its `starts` matches the lowercased text (`dates._from_starts`, with the
    month starts made from the words present) finds what a scan of every character finds: case, hyphens,
    apostrophes, glued words and the characters that fold to ASCII letters."""
    pieces = ["January", "JANUARY", "jan.", "May", "may", "dismay", "midJanuary", "mid-May", "amid", "Late", "early",
              "2024", "5", "12th", "in", "In", "since", "Since", "last", "Last", "LAST", "Friday", "friday’s", "Fridays",
              "yesterday", "Last Night", "this week", "earlier this month", "the same day", "The Next-Day",
              "a week earlier", "the day before that", "xthe same day", "-the next day", "ſeptember", "İn", "K", ",",
              "the", "over the weekend", "Over The Weekend", "_today", "today’s", "\u2019", "night"]
    p = dates._patterns(default_lexicon())
    scans = [(p.day_month, p.digit_starts), (p.last_month_name, p.last_starts), (p.in_month, p.in_month_starts),
             (p.relative, p.relative_starts), (p.last_weekday, p.last_starts), (p.weekday, p.weekday_starts),
             (p.sequel, p.sequel_starts)]
    for text in _random_texts(pieces, 3000):
        for start in (0, len(text) // 3):
            chunk = text[start:]
            words = words_of(chunk)
            lowered = chunk.lower() if words is not None else None
            month_starts = dates._word_starts(p.month_first_words & words) if words is not None else p.month_starts
            for pattern, starts in [(p.month_day, month_starts), (p.month_year, month_starts), *scans]:
                fast = [(m.span(), m.group(0)) for m in dates._from_starts(starts, pattern, text, start, len(text), lowered)]
                assert fast == [(m.span(), m.group(0)) for m in pattern.finditer(text, start)], (text, pattern.pattern[:40])


def test_sentence_is_a_value_like_the_frozen_one_was():
    from eventdb.extract.sentences import Sentence

    a, b = Sentence(0, 1, 4, "abc"), Sentence(0, 1, 4, "abc")
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a != Sentence(1, 1, 4, "abc")
    assert repr(a) == "Sentence(index=0, start=1, end=4, text='abc')"


def _views_of(texts: list[str]):
    """Each text as the second sentence of an article (and once as its first), as `extract` builds them."""
    from eventdb.extract import tools_for
    from eventdb.extract.context import SentenceView
    from eventdb.extract.sentences import Sentence

    for text in texts:
        for prefix in ("", "Lead. "):
            whole = prefix + text
            yield lambda whole=whole, prefix=prefix, text=text: SentenceView.build(
                whole, Sentence(1 if prefix else 0, len(prefix), len(whole), text), dt.date(2024, 2, 1), tools_for())


_SPEAKER_TEXTS = ["It said the drone was shot down.", "The group said eight of its fighters were killed.",
                  "Israel said it struck Hezbollah sites, the army added.", "The attack killed two, it added.",
                  "A US drone strike killed a commander, CENTCOM said.", "No injuries were reported.",
                  "“We struck the base,” the group said.", "Rockets hit Kiryat Shmona on Tuesday.",
                  "According to the directorate, two drones were intercepted.", "They also said three were wounded."]


def test_voice_cached_per_sentence_answers_as_asked_afresh():
    """`speakers.voice` answers from the view's cache only for the same `before` and the same `previous` object."""
    from eventdb.assertions import ActorRef
    from eventdb.extract import speakers

    group = ActorRef("the Houthis", "houthis", 0, 11)
    state = ActorRef("Israel", "israel", 0, 6)
    spoken = 0
    for build in _views_of(_SPEAKER_TEXTS):
        view = build()
        for previous in (None, group, state, group, None, ActorRef("the Houthis", "houthis", 0, 11)):
            for before in (view.end, view.start + 5, view.end):
                fresh = build()
                assert speakers.voice(view, before, previous) == speakers.voice(fresh, before, previous), (view.sentence.text, previous)
                spoken += speakers.voice(view, before, previous) is not None
    assert spoken


def test_casualties_cached_per_stretch_are_the_casualties_read_afresh():
    from eventdb.extract import tolls

    texts = ["Two soldiers were killed and three wounded in the attack.", "A girl was seriously wounded, the ministry said.",
             "The attack killed three people and wounded nine.", "None of the 23 crew were injured.", "Rockets hit Kiryat Shmona."]
    counted = 0
    for build in _views_of(texts):
        view = build()
        for ws, we in ((view.start, view.end), (view.start, view.start + 20), (view.start + 3, view.end), (view.start, view.end)):
            answer = tolls.casualties(view, ws, we)
            assert answer == tolls._casualties(build(), ws, we), (view.sentence.text, ws, we)
            counted += answer != (None, None)
    assert counted


def test_strike_waves_cached_are_the_waves_found_afresh():
    from eventdb.extract import aggregates

    texts = ["The United States hit more than 85 targets in Iraq and Syria on Friday.", "US forces struck 36 Houthi targets on Saturday.",
             "The militias attacked US forces at least 66 times between October 17 and November 30.", "Rockets hit a base."]
    waves = 0
    for build in _views_of(texts):
        view = build()
        first = aggregates.strike_waves(view)
        assert aggregates.strike_waves(view) is first and aggregates.statistics(view) == aggregates.statistics(build())
        assert [(v.span(), c) for v, c in first] == [(v.span(), c) for v, c in aggregates._strike_waves(build())]
        waves += len(first)
    assert waves


def test_confirmation_asked_before_negations_gives_the_same_claims():
    """`sentence_claims` keeps a confirmation only without other claims and without a negation in the sentence: asking
    for the confirmation first (the rarer phrase) keeps it exactly then, whichever category was scanned first."""
    from eventdb.extract import claims
    from eventdb.extract.incidents import Draft, Found

    texts = {"The Pentagon confirmed the strike on the base.": True, "The Pentagon has not confirmed the strike.": False,
             "No one was hurt, and the Pentagon confirmed the strike.": False, "Iraq acknowledged the strike.": True,
             "The strike hit the base.": False}
    for text, confirmed in texts.items():
        for build in _views_of([text]):
            view, scanned = build(), build()
            scanned.has("negations")  # the old order: negations scanned before the confirmation
            found = [Found(view.start, Draft("i1", view.span(), "attack"), Draft("i1", view.span(), "attack"))]
            out = claims.sentence_claims(view, found, [], None)
            assert out == claims.sentence_claims(scanned, found, [], None), text
            assert any(c.type == "confirmation" for c in out) == confirmed, (text, out)


def test_perpetrator_reads_the_nearer_names_from_the_clause_names():
    """`_perpetrator` takes the names from 90 characters before a trigger out of the clause's names before it: the same
    list as `view.actors` of that stretch (one test per name, same order)."""
    from eventdb.extract import triggers

    checked = 0
    for view in _rule_views():
        for t in triggers.find_triggers(view, []):
            for ws in range(view.start, t.start + 1, 7):
                lo = max(ws, t.start - 90)
                assert [m for m in view.actors(ws, t.start) if m.start >= lo] == view.actors(lo, t.start), (view.text, ws)
                checked += bool(view.actors(ws, t.start))
    assert checked


def test_trigger_and_found_compare_by_value_as_when_frozen():
    """Trigger and Found are plain dataclasses (cheaper to build): equal by value, a Trigger hashed by value."""
    import dataclasses
    from eventdb.extract.incidents import Draft, Found
    from eventdb.extract.triggers import Trigger

    t = Trigger(3, 9, "strike", "attack")
    assert dataclasses.replace(t) == t and hash(dataclasses.replace(t)) == hash(t) == hash((3, 9, "strike", "attack", False, None))
    assert dataclasses.replace(t, wave=True) != t and len({t, dataclasses.replace(t)}) == 1
    draft = Draft("i1", None, "attack")
    assert Found(3, draft) == Found(3, draft) and Found(3, draft) != Found(4, draft)


def test_drafts_dismissed_early_are_the_drafts_dismissed_after_their_details():
    """`draft_from_trigger` drops denied indefinite mentions and definite or generic plural ones before computing any
    detail, and plural ones without a specific place or date before the perpetrator: the same drafts as when every
    detail was computed first (and `_specific` or `kept` decided)."""
    from eventdb.extract import incidents, triggers

    texts = [*_RULE_SENTENCES, "These strikes killed 12 people in Erbil on Friday.", "Such attacks on US bases in Iraq continue.",
             "Both drone attacks hit the base, the Pentagon said.", "Air strikes on Houthi positions near Sanaa killed three on Monday.",
             "The Houthis denied the attacks on ships in the Red Sea.", "Iran denied any role in the strike on Tuesday.",
             "Kataib Hezbollah did not carry out attacks on US troops, it said.", "those ROCKET ATTACKS on Ain al-Asad",
             "Repeated drone strikes on the militia’s depots in al-Qa’im", "Attacks by Iran-backed militias on US forces rose.",
             "Israeli air strikes killed 4 in Nabatieh on Sunday.", "Hezbollah drone attacks on northern Israel killed two.",
             "US strikes on Kataib Hezbollah sites in Jurf al-Sakhar on 2 February killed 16."]
    dropped = kept = 0
    for build in _views_of(texts):
        view, plain = build(), build()
        found = triggers.find_triggers(view, [])
        for t, (ws, we) in zip(found, triggers.windows(view, found)):
            early = incidents.draft_from_trigger(view, t, ws, we, "i1")
            with mock.patch.object(incidents, "_dismissed_early", lambda *args: False), \
                    mock.patch.object(incidents, "_plural_may_be_specific", lambda *args: True):
                late = incidents.draft_from_trigger(plain, t, ws, we, "i1")
            assert early == late, (view.sentence.text, t)
            plural = view.tools.lexicon.is_a("plural_triggers", t.phrase)
            dropped += incidents._dismissed_early(view, t, triggers.irrealis_reason(view, t, ws), plural,
                                                  incidents._definite(view, t, plural))
            kept += early is not None
    assert dropped and kept


def test_own_acts_without_a_self_pronoun_word_are_none():
    """`reported.own_acts` skips sentences without a self pronoun's key word: it finds what matching the pattern after
    every reporting verb finds (case, apostrophes, a pronoun before a comma, dotted capitals)."""
    from eventdb.extract import reported

    texts = ["The Pentagon said it had carried out the strike.", "The group said ITS FIGHTERS had struck the base.",
             "Kataib Hezbollah said, on Monday, the group’s fighters had attacked a convoy.", "The army said they struck it.",
             "The militia said it, supported by allies, attacked the base.", "The army said Hezbollah had struck the base.",
             "The group said its air force, backed by drones, had hit Eilat.", "Officials said İt had attacked the base.",
             "The IRGC said its-drones attacked.", "The group said that we attacked.", "Iran said the attack was theirs.",
             "The Houthis said their forces targeted a ship.", "The ministry said its warships were behind the attack."]
    found = 0
    for build in _views_of(texts):
        view = build()
        pattern = view.tools.lexicon.derived(reported._own_act_pattern)
        plain = [reported.OwnAct(v.start(), v.end(), m.start("act"), m.end("act")) for v in view.find("statement_verbs")
                 if (m := pattern.match(view.text, v.end(), view.end))]
        assert reported.own_acts(view) == plain, view.sentence.text
        found += len(plain)
    assert found



_NAMED_TEXTS = ["Iran-backed militias attacked a US base, the Pentagon said.", "Pro-Iranian groups and Iranian militias struck Israel.",
                "Israeli jets hit Hezbollah sites; Hezbollah said Israel lied.", "The Houthis fired at Israel and the US.",
                "Tehran has denied it, Iranian officials said.", "No names here at all."]


def test_actors_cut_from_the_sentence_list_are_the_plain_filter():
    """`SentenceView.actors` cuts one per-sentence list of non-descriptor actor names; the plain filter of the
    mentions gives the same names in the same order, for every stretch, also after `mentions` is replaced."""
    named = 0
    for build in _views_of(_NAMED_TEXTS):
        view = build()
        cuts = range(view.start - 1, view.end + 2, 4)
        for _ in range(2):
            for s in cuts:
                for e in cuts:
                    plain = [m for m in view.mentions if m.actor and s <= m.start and m.end <= e and not build().is_descriptor(m)]
                    assert view.actors(s, e) == plain, (view.sentence.text, s, e)
                    named += len(plain)
            view.mentions = view.mentions[1:]
    assert named


def test_descriptor_cache_by_bounds_answers_as_asked_afresh():
    """`is_descriptor` keyed by (start, end, adjective): the same answer as `_is_descriptor` of a fresh view for
    every mention, and for mentions of the same bounds that differ in the fields it does not read."""
    from eventdb.extract.gazetteer import Mention

    descriptors = 0
    for build in _views_of(_NAMED_TEXTS):
        view = build()
        for m in view.mentions * 2:
            for other in (m, Mention(m.start, m.end, m.text, actor=None, place="x"), Mention(m.start, m.end, m.text, m.actor, not m.adjective)):
                assert view.is_descriptor(other) == build()._is_descriptor(other), (view.sentence.text, other)
            descriptors += view.is_descriptor(m)
    assert descriptors



def test_span_loops_answer_as_the_any_genexprs():
    """`_starts_inside` (incidents) and `_inside_a_mention` (claims) replaced any(<genexpr>) on hot paths."""
    from eventdb.extract.speakers import _inside_a_mention
    from eventdb.extract.gazetteer import Mention
    from eventdb.extract.triggers import _starts_inside

    span_lists = [[], [(0, 0)], [(0, 5)], [(3, 7), (10, 12)], [(5, 5), (5, 6)], [(2, 9), (4, 6)]]
    for spans in span_lists:
        mentions = [Mention(s, e, "x") for s, e in spans]
        for pos in range(-1, 14):
            assert _starts_inside(pos, spans) == any(s <= pos < e for s, e in spans)
            assert _inside_a_mention(pos, mentions) == any(m.start <= pos < m.end for m in mentions)


def test_toll_and_referring_category_loops_answer_as_the_any_genexprs():
    """`_no_toll_words` and `_referred_one` ask `view.has` in the same order and stop at the same category as any()."""
    from eventdb.extract.references import _REFERRING_CATEGORIES
    from eventdb.extract.tolls import _TOLL_CATEGORIES, _no_toll_words

    for present in [set(), {"killed_words"}, {"injured_words"}, {"no_casualties"}, {"injured_words", "no_casualties"}]:
        asked: list[str] = []

        def has(category: str, present: set[str] = present, asked: list[str] = asked) -> bool:
            asked.append(category)
            return category in present

        view = mock.Mock(end=10, text="abc killed", has=has)
        expected_asked: list[str] = []
        expected = not any(expected_asked.append(c) or c in present for c in _TOLL_CATEGORIES)
        assert _no_toll_words(view, 10) == expected
        assert asked == expected_asked
    assert len(_REFERRING_CATEGORIES) == 10 and "unharmed_words" in _REFERRING_CATEGORIES
