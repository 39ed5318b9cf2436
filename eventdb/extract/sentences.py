"""Sentence splitting with exact character offsets into the normalized article text.

syntok decides the sentences, but running its pure-Python tokenizer and state
machine over every word was half of the extraction time. Most sentence ends are
plain ("... in Baghdad. The army said"), and a sentence with no other
punctuation that syntok reacts to can only be one sentence. So each paragraph is
cut at ends syntok certainly splits (also after hyphenated words: "al-Assad."),
spans with nothing syntok could act on (initials such as "U.S." before a word
that cannot start a sentence are known not to end one) become sentences
directly, and only the rest (abbreviations, decimals, brackets, semicolons,
ellipses, odd spaces) goes through syntok, which sees the
same tokens there as it would in the whole paragraph, and of such a chunk only a
window of a few words around its marks (see `_syntok_window`). The result is identical to
syntok on the whole text; benchmarks/extract_equivalence.py checks it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from syntok import segmenter
from syntok._segmentation_states import State
from syntok.tokenizer import Token, Tokenizer


# Plain, hashed by value, rather than frozen (as Mention, Span, DateMention, Count): a frozen dataclass sets each
# field through object.__setattr__. A value all the same: nothing assigns to a sentence after it is built.
@dataclass(unsafe_hash=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """syntok sentences (it splits glued ones such as "tensions.The Iraqi"), as offsets into `text`."""
    return [Sentence(i, s, e, text[s:e]) for i, (s, e) in enumerate(sentence_spans(text))]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each of `split_sentences`, for callers that cut the sentences further before
    building them (building a Sentence copies its text)."""
    out: list[tuple[int, int]] = []
    for offset, paragraph in segmenter.preprocess_with_offsets(text):
        for start, end, last in _paragraph_sentences(paragraph, offset):
            end = _end_in_text(text, last, end)
            for glued_start, glued_end in _split_glued(text, start, end):
                if glued_end - glued_start <= MAX_SENTENCE_CHARS:
                    out.append((glued_start, glued_end))
                else:
                    out.extend(_bounded(text, glued_start, glued_end))
    return out


# News sentences run to about 400 characters. A far longer "sentence" is a table, a list or
# scraped text without full stops, and the rules' work per sentence grows with the square of its
# length (32,000 unpunctuated words took five minutes), so such stretches are cut into pieces.
MAX_SENTENCE_CHARS = 1000
_SOFT_BREAK = re.compile(r"[;,:\u2014]\s|\s")


def _bounded(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Pieces of at most MAX_SENTENCE_CHARS, cut after the last clause mark (else space) of each."""
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = _last_break(text, start + MAX_SENTENCE_CHARS // 2, limit) or limit
        yield start, cut
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        yield start, end


def _last_break(text: str, lo: int, hi: int) -> int | None:
    """End of the last clause mark in text[lo:hi], else of its last space."""
    best_mark = best_space = None
    for m in _SOFT_BREAK.finditer(text, lo, hi):
        if m.group()[0].isspace():
            best_space = m.start()
        else:
            best_mark = m.start() + 1
    return best_mark or best_space


class _Tokenizer(Tokenizer):
    """syntok's tokenizer, without its sub-splitting regex for plain ASCII words: in a word of ASCII
    letters and digits the regex can only split where a lowercase letter meets an uppercase one
    ("iPhone"), so a word without that (one character, all lowercase after the first, no lowercase
    at all, digits) is one token. Most words are such; tests/test_extract_speed.py compares."""

    def _split_word(self, prefix: str, word: str, offset: int) -> Iterator[Token]:
        if word.isascii() and word.isalnum() and (len(word) == 1 or word[1:].islower() or word.isupper() or word.isdigit()):
            yield Token(prefix, word, offset)
        else:
            yield from super()._split_word(prefix, word, offset)


_TOKENIZER = _Tokenizer(replace_not_contraction=False)

# A word syntok never reads as an abbreviation, initial, single consonant or roman
# numeral (no lower-to-upper change inside, which its tokenizer would split), a full stop,
# ! or ?, maybe one closing quote, then a capital or an opening quote after a
# space, or the paragraph end: syntok always ends the sentence there. The word may
# follow hyphenated letter parts ("al-Assad.", "counter-attacks."): the tokenizer
# cuts at the hyphens, so the token before the stop is the last part, judged alone.
# A number qualifies unless a month abbreviation follows ("5. Jan"). Glued ends
# ("tensions.The") qualify when the tokenizer cuts them (lowercase, stop, capitalized word,
# then a space or the end, maybe after a comma: "United,(4)" would be one token to it).
_MONTHS = "|".join(sorted((m for m in State.months if m[:1].isupper()), key=len, reverse=True))
_PLAIN_END = re.compile(
    rf"(?<!\S)(?:(?:[A-Za-z]+-)*(?P<word>[A-Z]{{2,}}|[A-Z][a-z]+|[a-z]{{2,}})|[0-9]{{2,}}(?=[.!?][”\"’']?\s++(?!{_MONTHS})))"
    r"(?P<stop>[.!?])(?:[”\"’']?(?=\s+[A-Z“‘\"]|\s*\Z)|(?<=[a-z][.!?])(?=[A-Z][a-z]+(?:,?\s|,?\Z)))"
)
_NOT_PLAIN_WORDS = State.abbreviations | State.roman_numerals | State.months | {"no", "No", "NO"}
# Spaces syntok's tokenizer and `re` might see differently: Python's whitespace other than " \n\t\r", and
# the zero-width space, at which the tokenizer cuts too (tests/test_extract_speed.py checks the list
# against every code point). One character set, not `[^\S \n\t\r]|\u200b`: `re` scans for a set
# several times faster than for an alternation.
_ODD_SPACES = "\x0b\x0c\x1c-\x1f\x85\xa0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000"
_ODD_SPACE = re.compile(f"[{_ODD_SPACES}]")
_TERMINALS = re.escape("".join(t for t in State.terminals if len(t) == 1))
_ALL_BRACKETS = re.escape("".join(sorted(State.opening_brackets | State.closing_brackets)))
# What syntok acts on inside a sentence: terminals (also inside "3.5", "U.S", "..."),
# opening brackets, and odd spaces.
_SYNTOK_NEEDED = re.compile(f"[{_TERMINALS}{re.escape(''.join(sorted(State.opening_brackets)))}{_ODD_SPACES}]")
# Those and closing brackets: what syntok's state machine reads when it decides, and what
# `_inside_brackets` counts. A stretch without any is words to syntok, and never inside brackets.
_MARK = re.compile(f"[{_TERMINALS}{_ALL_BRACKETS}{_ODD_SPACES}]")
_FIRST_VISIBLE = re.compile(r"\S")
# Initials such as "U.S." or "e.g." after a space and before a word: the tokenizer makes them one token
# ("U.S") and a stop, and syntok keeps the sentence going after such a token unless the next token
# is a sentence starter ("The", "It"). That token is a starter only if the next word begins with one
# that its tokenizer ends there: not before a lowercase letter or digit, except for "n't" ("Don't").
_STARTERS = "|".join(sorted(State.starters, key=len, reverse=True))
_APOSTROPHES = "".join(Tokenizer._apostrophes)
_STARTER_TOKEN = rf"(?:{_STARTERS})(?:(?![a-z0-9])|n[{_APOSTROPHES}]t)"
_INITIALS_INSIDE = rf"(?<!\S)(?:[A-Z](?:\.[A-Z])+|[a-z](?:\.[a-z])+)\.(?=[ \t\r\n]+(?!{_STARTER_TOKEN})[A-Za-z])"
_SYNTOK_NEEDED_OR_INITIALS = re.compile(f"(?P<initials>{_INITIALS_INSIDE})|{_SYNTOK_NEEDED.pattern}")


def _needs_syntok(paragraph: str, start: int, end: int) -> bool:
    """Whether anything in paragraph[start:end] can make syntok split or skip, other than inner initials
    and punctuation its tokenizer leaves inert (see `_inert_run`).
    Most stretches hold nothing at all, which the plain pattern (a character set) finds out fastest."""
    if _SYNTOK_NEEDED.search(paragraph, start, end) is None:
        return False
    checked = -1  # end of the last run found inert: its other marks need no second look
    for m in _SYNTOK_NEEDED_OR_INITIALS.finditer(paragraph, start, end):
        if m.group("initials") is not None or m.start() < checked:
            continue
        run_end = _inert_run(paragraph, start, end, m.start())
        if run_end is None:
            return True
        checked = run_end
    return False


# The tokens syntok's state machine acts on; any other token is just a word to it (closing brackets and
# quotes matter only right after one of these).
_ACTING = State.terminals | State.opening_brackets | {"("}
_RUN_SPACE = " \n\t\r"


def _inert_run(paragraph: str, start: int, end: int, pos: int) -> int | None:
    r"""The end of the run of non-space characters around `pos` when syntok's tokenizer makes no token of it
    that the state machine acts on ("www.example.com", "IS.*The", "it.”Elements" are words to it), or where
    its only such tokens are semicolons before a lowercase word, which syntok never splits at ("state; the",
    with nothing else acting the state machine goes on as with a word); None otherwise (ask syntok).

    Exact because the tokenizer cuts runs at spaces and reads each run alone, and the caller has checked
    that the stretch holds no other spaces than ``" \n\t\r"`` (odd spaces are sent to syntok). A run is
    bounded by the stretch syntok would be given; before a plain end (`end` < the paragraph's end) only the
    plain end's own word, letters and hyphens, can reach `end`, so a run that does is not judged."""
    if paragraph[pos] not in _ACTING:
        return None  # an odd space or a zero-width space
    a = pos
    while a > start and paragraph[a - 1] not in _RUN_SPACE:
        a -= 1
    b = pos + 1
    while b < end and paragraph[b] not in _RUN_SPACE:
        b += 1
    if (b >= end and end < len(paragraph)) or _ODD_SPACE.search(paragraph, a, b):
        return None  # odd spaces are syntok's to judge (the caller skips the rest of a run found inert)
    tokens = [t.value for t in _TOKENIZER.tokenize(paragraph[a:b])]
    for i, value in enumerate(tokens):
        if value not in _ACTING:
            continue
        if value != ";":
            return None
        after = tokens[i + 1] if i + 1 < len(tokens) else _next_run_start(paragraph, b, end)
        if not ("a" <= after[:1] <= "z"):
            return None
    return b


def _next_run_start(paragraph: str, pos: int, end: int) -> str:
    """The first character of the next run of non-space characters after `pos` (before `end`), or ""."""
    while pos < end and paragraph[pos] in _RUN_SPACE:
        pos += 1
    return paragraph[pos] if pos < end else ""


def _paragraph_sentences(paragraph: str, offset: int) -> Iterator[tuple[int, int, int]]:
    """(start, end, offset of the last token) of each syntok sentence of one paragraph."""
    chunk = 0
    for m in _plain_ends(paragraph):
        if m.group("word") in _NOT_PLAIN_WORDS:
            continue
        stop = m.start("stop")
        if _MARK.search(paragraph, chunk, stop) is None:
            # The common case, found in one scan: no bracket (so not inside brackets) and nothing syntok
            # could act on (see `_needs_syntok`): one sentence, which ends with the stop or its quote.
            # (`_chunk_sentences` would say the same, after two scans.) The match's word is visible.
            first = _FIRST_VISIBLE.search(paragraph, chunk, stop)
            assert first is not None
            yield offset + first.start(), offset + m.end(), offset + m.end() - 1
        elif _inside_brackets(paragraph, chunk, m.start()):
            continue
        else:
            yield from _chunk_sentences(paragraph, offset, chunk, m.end(), stop)
        chunk = m.end()
    if chunk < len(paragraph):
        yield from _chunk_sentences(paragraph, offset, chunk, len(paragraph), len(paragraph))


_STOP = re.compile(r"[.!?]")


def _plain_ends(paragraph: str) -> Iterator[re.Match[str]]:
    """The matches of `_PLAIN_END.finditer(paragraph)`, found faster: a match starts where a run of
    non-space characters starts and stays inside that run, so only the runs that hold a stop are
    tried, each once, where `finditer` would try the pattern at every character."""
    tried = -1
    for stop in _STOP.finditer(paragraph):
        start = stop.start()
        while start > 0 and not paragraph[start - 1].isspace():
            start -= 1
        if start > tried:
            tried = start
            m = _PLAIN_END.match(paragraph, start)
            if m is not None:
                yield m


def _chunk_sentences(paragraph: str, offset: int, start: int, end: int, body_end: int) -> Iterator[tuple[int, int, int]]:
    """One sentence if nothing before `body_end` can make syntok split or skip; else ask syntok."""
    first = _FIRST_VISIBLE.search(paragraph, start, end)
    if first is None:
        return
    if not _needs_syntok(paragraph, start, body_end):
        # After trailing spaces syntok's last token is an empty one at the paragraph end.
        last = end if paragraph[end - 1].isspace() else end - 1
        yield offset + first.start(), offset + end, offset + last
        return
    window_start, window_end = _syntok_window(paragraph, start, end, body_end)
    base = offset + window_start
    sentences = [(base + tokens[0].offset, base + tokens[-1].offset + len(tokens[-1].value), base + tokens[-1].offset)
                 for tokens in segmenter.segment(_TOKENIZER.tokenize(paragraph[window_start:window_end]))]
    if window_start > start:  # the plain words before the window begin its first sentence
        sentences[0] = (offset + first.start(), *sentences[0][1:])
    if window_end < end:  # and those after it, with the chunk's own end, finish its last one
        last = end if paragraph[end - 1].isspace() else end - 1
        sentences[-1] = (sentences[-1][0], offset + end, offset + last)
    yield from sentences


def _syntok_window(paragraph: str, start: int, end: int, body_end: int) -> tuple[int, int]:
    """The part of the chunk paragraph[start:end] that syntok must see to split it as it splits the whole chunk:
    from the second run of non-space characters before the run holding its first `_MARK` to the second run
    after the run holding its last one (runs cut at " \n\t\r"; odd spaces are marks), or to the chunk's
    start or end where it has fewer runs there.

    Exact because syntok's tokenizer reads each run alone and its state machine only decides at terminals and
    opening brackets, reading the token before the mark, and after it the tokens up to the first word past the
    post-terminal marks, the matching closing bracket (none: the same answer however far it looks) and one
    token more. Between marks it only moves words into the sentence. So the plain words before the window
    (no mark, hence no split) only open the window's first sentence: the window's first two tokens are words,
    and a sentence-opening state moves the first one and goes on exactly as the inner state does. After the
    last mark, every word up to the chunk's final stop (which always ends a sentence) continues the window's
    last sentence, and each decision at the marks has its two tokens of look-ahead inside the window."""
    first_mark = _MARK.search(paragraph, start, body_end)
    if first_mark is None:
        return start, end
    last_mark = first_mark.start()
    for m in _MARK.finditer(paragraph, last_mark + 1, body_end):
        last_mark = m.start()
    return _runs_before(paragraph, start, first_mark.start()), _runs_after(paragraph, last_mark, body_end, end)


def _runs_before(paragraph: str, start: int, pos: int) -> int:
    """The start of the `_CONTEXT_RUNS`-th run before the run holding `pos`, or `start` if the chunk has fewer."""
    i = pos
    for _ in range(_CONTEXT_RUNS):
        while i > start and paragraph[i - 1] not in _RUN_SPACE:
            i -= 1
        while i > start and paragraph[i - 1] in _RUN_SPACE:
            i -= 1
        if i == start:
            return start
    while i > start and paragraph[i - 1] not in _RUN_SPACE:
        i -= 1
    return i


def _runs_after(paragraph: str, pos: int, body_end: int, end: int) -> int:
    """The end of the `_CONTEXT_RUNS`-th run after the run holding `pos`, when that run ends before the
    chunk's final run (the one holding its final stop, from `body_end` on); else `end`."""
    i = pos
    for _ in range(_CONTEXT_RUNS):
        while i < body_end and paragraph[i] not in _RUN_SPACE:
            i += 1
        while i < body_end and paragraph[i] in _RUN_SPACE:
            i += 1
    while i < body_end and paragraph[i] not in _RUN_SPACE:
        i += 1
    return i if i < body_end else end


def _inside_brackets(paragraph: str, start: int, end: int) -> bool:
    """An opening bracket still open at `end`: syntok may skip over that stretch, so no cut there.

    Counts brackets as syntok's tokenizer cuts them; when unsure (a bracket inside a run of
    punctuation, which is one token, a non-ASCII bracket, odd spaces) it answers yes.
    """
    if _ANY_BRACKET.search(paragraph, start, end) is None:
        return False
    if _ODD_SPACE.search(paragraph, start, end) or _OTHER_BRACKET.search(paragraph, start, end):
        return True
    depth = 0
    for run in _BRACKET_RUN.finditer(paragraph, start, end):
        token = run.group()
        if len(token) > 1 and not any(c.isalnum() for c in token):
            return True
        for c in token:
            if c in "([{":
                depth += 1
            elif c in ")]}" and depth:
                depth -= 1
    return depth > 0


_ANY_BRACKET = re.compile(f"[{_ALL_BRACKETS}]")
_OTHER_BRACKET = re.compile(f"[{_ALL_BRACKETS}]" + r"(?<![\[\](){}])")
_BRACKET_RUN = re.compile(r"\S*[\[\](){}]\S*")
# Plain runs of context kept on each side of the marks (see `_syntok_window`).
_CONTEXT_RUNS = 2
# Matches from the stop on: a pattern that begins with a character set lets `re` skip quickly to
# the next stop; only where a match ends is used, so the scan starts one character early to see a
# stop right before the sentence.
# The pattern begins with the stop itself (a character set), which lets `re` jump from stop to stop.
_GLUED = re.compile(r"[.!?](?:(?<=[a-z0-9\]\)][.!?])|(?<=[A-Z]{2}\.))[”\"’]?\*?(?=[“\"]?[A-Z][a-z])")


def _split_glued(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences glued without a space ("tensions.The", "AFP.On", "[Friday].”“The") that syntok kept together."""
    if _GLUED.search(text, max(start - 1, 0), end) is None:  # the common case
        return [(start, end)] if _FIRST_VISIBLE.search(text, start, end) else []
    cuts = [start] + [m.end() for m in _GLUED.finditer(text, max(start - 1, 0), end)] + [end]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if _FIRST_VISIBLE.search(text, a, b)]


def _end_in_text(text: str, last_offset: int, end: int) -> int:
    """syntok may rewrite a token's value; never let the end run past the text or into a line break."""
    end = min(end, len(text))
    newline = text.find("\n", last_offset, end)
    return newline if newline != -1 else end
