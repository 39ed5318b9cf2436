"""Counts as written: "three", "about 14", "more than 100", "some 200", "dozens", "a drone".

Decisions: "dozens" is stored as 24 with qualifier at_least (two dozen is the least
"dozens" can mean), "hundreds" as 200 at_least, "several"/"a few" are not counts
(too vague to store as a number). An indefinite article before a weapon word counts
as 1 only for projectiles (the caller decides).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from eventdb.extract.lexicon import words_of

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "a dozen": 12, "dozen": 12, "two dozen": 24, "three dozen": 36, "a couple of": 2,
}
_VAGUE = {"dozens of": (24, "at_least"), "hundreds of": (200, "at_least"), "scores of": (40, "at_least")}
_QUALIFIERS = {
    "about": "approx", "approximately": "approx", "around": "approx", "some": "approx", "roughly": "approx",
    "nearly": "approx", "almost": "approx", "an estimated": "approx", "estimated": "approx", "up to": "at_most",
    "at most": "at_most", "at least": "at_least", "no fewer than": "at_least", "more than": "more_than",
    "over": "more_than", "upwards of": "more_than", "fewer than": "less_than", "less than": "less_than",
    "under": "less_than",
}


# Plain, hashed by value, rather than frozen: building frozen dataclasses (each field set through
# object.__setattr__) showed in the per-sentence cost. A value all the same: nothing assigns to one.
@dataclass(unsafe_hash=True)
class Count:
    start: int
    end: int
    text: str
    value: int
    qualifier: str


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_WORD = _alternation(list(_UNITS))
_NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|(?:{_WORD})(?:[- ](?:{_WORD}))?)"
_PATTERN = re.compile(
    rf"(?<![\w-])(?:(?P<q>{_alternation(list(_QUALIFIERS))}) )?(?:(?P<vague>{_alternation(list(_VAGUE))})|(?P<n>{_NUMBER}))(?![\w,]\d)(?!\w)",
    re.IGNORECASE,
)


def _value(text: str) -> int | None:
    text = text.lower().replace(",", "")
    if text.isdigit():
        return int(text)
    if text in _UNITS:
        return _UNITS[text]
    parts = re.split(r"[- ]", text)
    if len(parts) == 2 and parts[0] in _UNITS and parts[1] in _UNITS:
        a, b = _UNITS[parts[0]], _UNITS[parts[1]]
        return a * b if b >= 100 else a + b if a >= 20 and b < 10 else None
    return None


# A count is digits or number words; each number phrase has a word that a match leaves whole (its
# longest: "hundred" in "a hundred", "couple" in "a couple of"). Text with neither cannot hold a count.
_DIGIT = re.compile(r"\d")
_NUMBER_WORDS = frozenset(max(re.findall(r"\w+", phrase), key=len) for phrase in (*_UNITS, *_VAGUE))


def _may_hold_count(chunk: str, words: frozenset[str] | None) -> bool:
    """Cheap test before the slow scan (`words`: see `words_of`; None answers yes)."""
    return words is None or _DIGIT.search(chunk) is not None or not _NUMBER_WORDS.isdisjoint(words)


# The same pattern without re.IGNORECASE, for lowercased text: `re` runs it about three times faster.
_LOWERCASE_PATTERN = re.compile(_PATTERN.pattern)


def find_counts(text: str, start: int = 0, end: int | None = None, words: frozenset[str] | None = None,
                lowered: tuple[int, str] | None = None) -> list[Count]:
    """Every count phrase in text[start:end] with its qualifier; years (4 digits 1900-2099) are skipped.
    `words`: the lowercased words of that stretch if the caller has them (SentenceView does); `lowered`:
    (offset, text[offset:end] lowercased, as long as that text) with offset at most `start`, likewise."""
    out: list[Count] = []
    end = len(text) if end is None else end
    chunk = text[start:end]
    words = words if words is not None else words_of(chunk)
    if not _may_hold_count(chunk, words):
        return out
    for m in _matches(text, start, end, lowered if words is not None else None):
        q = _QUALIFIERS.get((m.group("q") or "").lower(), "exact")
        if m.group("vague"):
            value, vague_q = _VAGUE[m.group("vague").lower()]
            out.append(Count(m.start(), m.end(), m.group(0), value, vague_q if q == "exact" else q))
            continue
        raw = m.group("n")
        value = _value(raw)
        if value is None or (raw.isdigit() and len(raw) == 4 and 1900 <= value < 2100):
            continue
        out.append(Count(m.start(), m.end(), m.group(0), value, q))
    return out


def _matches(text: str, start: int, end: int, lowered: tuple[int, str] | None) -> Iterator[re.Match[str]]:
    """`_PATTERN.finditer(text, start, end)`; with `lowered` (whose stretch holds no character of `FOLDS_TO_ASCII`)
    the scan runs on the lowercased text without IGNORECASE, each match then taken from `text` at the same place.
    The patterns agree there: the phrases are ASCII, and case-insensitive matching of ASCII letters is comparing
    lowercase forms, except for the characters of `FOLDS_TO_ASCII`; the one character looked behind at keeps its kind."""
    if lowered is None:
        yield from _PATTERN.finditer(text, start, end)
        return
    offset, low = lowered
    for m in _LOWERCASE_PATTERN.finditer(low, start - offset, end - offset):
        yield _PATTERN.match(text, offset + m.start(), end)  # type: ignore[misc]


def count_value(text: str) -> int | None:
    """The value of a bare count word or numeral ("two", "14", "twenty-one"), None when it is none."""
    return _value(text.strip())
