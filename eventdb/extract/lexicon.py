"""The extractor's word lists (seeds/reference/lexicon.toml), compiled into matchers once.

Word lists are data so that analysts can extend them without touching code.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from pathlib import Path

from eventdb.resources import resource_path

_APOSTROPHES = "'’ʼ‘`"
# The only non-ASCII characters that re.IGNORECASE matches to an ASCII letter or digit (found by
# trying every code point in Python 3.11): İ ı ſ and the Kelvin sign. Without them in a text,
# a case-insensitive match of ASCII words is a substring of the lowercased text.
FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")
_WORDS = re.compile(r"\w+")


def words_of(chunk: str) -> frozenset[str] | None:
    """The words of `chunk`, lowercased: a prefilter asks whether a phrase's word is among them before
    scanning. None when the chunk holds a character that case-insensitive matching equates with an
    ASCII letter although its lowercase differs (see `FOLDS_TO_ASCII`): then nothing may be skipped."""
    if FOLDS_TO_ASCII.search(chunk) is not None:
        return None
    return frozenset(map(str.lower, _WORDS.findall(chunk)))


def words_in_lowered(lowered: str, pos: int = 0) -> frozenset[str]:
    """`words_of` a chunk given lowered[pos:], the chunk lowercased (the caller has checked that it holds no
    character of `FOLDS_TO_ASCII`). The same set: apart from İ, one of those, lowercasing keeps every
    character one character and keeps it a word character or not (checked on every code point)."""
    return frozenset(_WORDS.findall(lowered, pos))


def phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive regex for a phrase list: longest first, word boundaries, hyphen ~ space, any apostrophe.

    The phrases are merged on their common beginnings ("attack|attacked|attacks" becomes
    "attack(?:ed|s)?"): `re` tries the alternatives of a plain list one by one at every position of
    the text, which made these scans the slowest part of the rules. The match is the same: at a
    position the phrases that match form a chain of prefixes, the merged form tries the longer
    continuation before stopping, so it finds the longest phrase first, as the sorted list did.
    """
    if not phrases:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<![\w-])" + _phrases_regex(phrases) + r"(?![\w])", re.IGNORECASE)


def phrase_starts(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """`phrase_pattern` of plain ASCII phrases without its fences and case-sensitive, for lowercased text (no
    character of `FOLDS_TO_ASCII` in it): it matches there wherever `phrase_pattern` matches the text as written, as
    lowercasing turns the letters that match the lowercase phrase case-insensitively into those letters and
    keeps spaces, hyphens and apostrophes. Without the lookbehind in front, `re` jumps from one possible
    first character to the next instead of trying the whole pattern at every character: a quick way to
    find where a phrase may begin (see `dates._from_starts`)."""
    return re.compile(_phrases_regex(phrases) if phrases else r"(?!x)x")


def _phrases_regex(phrases: tuple[str, ...]) -> str:
    trie: dict[str, dict] = {}
    for phrase in set(phrases):
        node = trie
        for c in phrase.lower():
            node = node.setdefault(_phrase_char(c), {})
        node[""] = {}  # a phrase ends here
    return _trie_regex(trie)


def _phrase_char(c: str) -> str:
    """The regex for one character of a phrase: hyphen or space matches either, any apostrophe any other."""
    if c in "- ":
        return r"[-\s]"
    if c in _APOSTROPHES:
        return f"[{_APOSTROPHES}]"
    return re.escape(c)


def _trie_regex(node: dict[str, dict]) -> str:
    """Continuations first, then the end of a phrase (an optional group is tried before skipping it)."""
    branches = [atom + _trie_regex(child) for atom, child in node.items() if atom]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return f"(?:{body})?" if len(branches) == 1 else body + "?"
    return body


@dataclass(frozen=True)
class PhraseShape:
    """key_words: one lowercased word of every phrase (its longest), None when a phrase is not plain ASCII;
    by_key: for each key word, the sets of all the words of the phrases it is the key of;
    single_words: the phrases of one word; ends_in_word: every phrase ends with a word character."""

    key_words: frozenset[str] | None
    ends_in_word: bool
    by_key: dict[str, tuple[frozenset[str], ...]] = field(default_factory=dict, compare=False)
    single_words: frozenset[str] = frozenset()

    def may_match(self, words: frozenset[str]) -> bool:
        """Whether some phrase has all its words among `words` (a sentence's `words_of`; key_words not None)."""
        assert self.key_words is not None
        if not self.single_words.isdisjoint(words):
            return True
        for key in self.key_words.intersection(words):
            for phrase in self.by_key[key]:
                if phrase <= words:
                    return True
        return False


_ASCII_WORD = re.compile(r"[a-z0-9_]+")
_ENDS_IN_WORD = re.compile(r"\w\Z")


def phrase_shape(phrases: tuple[str, ...]) -> PhraseShape:
    """Where a phrase of `phrase_pattern` matches ASCII text, each of its words stands there as a whole
    word: the pattern is fenced by (?<![\\w-]) and (?!\\w), and what separates words inside a phrase
    (hyphen/space, apostrophes, punctuation) only matches non-word characters. So a sentence
    without any phrase's key word cannot match the category, nor one without all the words of some phrase."""
    keys: set[str] | None = set()
    by_key: dict[str, set[frozenset[str]]] = {}
    for phrase in phrases:
        lowered = phrase.lower()
        words = _ASCII_WORD.findall(lowered)
        if keys is None or not words or not lowered.isascii():
            keys = None
            continue
        key = max(words, key=len)
        keys.add(key)
        by_key.setdefault(key, set()).add(frozenset(words))
    ends = all(_ENDS_IN_WORD.search(p.lower()) for p in phrases)
    if keys is None:
        return PhraseShape(None, ends)
    singles = frozenset(key for key, phrases in by_key.items() if frozenset({key}) in phrases)
    return PhraseShape(frozenset(keys), ends, {k: tuple(v) for k, v in by_key.items()}, singles)


@dataclass(frozen=True)
class Lexicon:
    words: dict[str, tuple[str, ...]]
    triggers: dict[str, str]  # phrase (lowercase) -> event type
    roles: dict[str, str]  # role phrase -> relation
    _patterns: dict[str, re.Pattern[str]] = field(default_factory=dict, compare=False, repr=False)
    _shapes: dict[str, PhraseShape] = field(default_factory=dict, compare=False, repr=False)
    _derived: dict[Callable[[Lexicon], Any], Any] = field(default_factory=dict, compare=False, repr=False)
    _folded: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

    def phrases(self, category: str) -> tuple[str, ...]:
        if category == "triggers":
            return tuple(self.triggers)
        if category == "roles":
            return tuple(self.roles)
        return self.words[category]

    def pattern(self, category: str) -> re.Pattern[str]:
        if category not in self._patterns:
            self._patterns[category] = phrase_pattern(self.phrases(category))
        return self._patterns[category]

    def shape(self, category: str) -> PhraseShape:
        """What a category's phrases start and end with (cached): lets a sentence skip or reuse scans."""
        shape = self._shapes.get(category)
        if shape is None:
            shape = self._shapes[category] = phrase_shape(self.phrases(category))
        return shape

    def derived(self, build: Callable[[Lexicon], Any]) -> Any:
        """What `build` makes from the word lists (a regex combining categories), made once per lexicon:
        rules keep such builders next to the rule, and compiling them on every call cost time."""
        made = self._derived.get(build)  # by the function first: no key string to build on each of ~150 calls per article
        if made is None:
            key = "derived:" + build.__module__ + "." + build.__qualname__
            made = self._patterns.get(key)
            if made is None:
                made = self._patterns[key] = build(self)
            if len(self._derived) >= 256:  # the builders are module-level functions; bounded all the same
                self._derived.clear()
            self._derived[build] = made
        return made

    def alternation(self, category: str) -> str:
        """The category's phrases as a regex alternation, longest first, a space matching any run of spaces: for
        rules that build a pattern around a word list (in a `derived` builder, so made once)."""
        return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(self.words[category], key=len, reverse=True))

    def find(self, category: str, text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
        return list(self.pattern(category).finditer(text, start, len(text) if end is None else end))

    def find_lowered(self, category: str, text: str, lowered: str, offset: int, start: int, end: int) -> list[re.Match[str]]:
        """`find(category, text, start, end)` for a category whose phrases are plain ASCII (`shape(...).key_words`
        is not None), scanning `lowered` (text[offset:] lowercased, no character of `FOLDS_TO_ASCII`
        in it, lowercasing kept its length) without re.IGNORECASE, which is about a third faster;
        each match is then taken from `text` with the usual pattern, at the same place.

        Case-insensitive matching of ASCII letters is comparing lowercase forms: the same test, except
        for the characters of `FOLDS_TO_ASCII`, which the caller excludes."""
        key = "lowered:" + category
        plain = self._patterns.get(key)
        if plain is None:
            plain = self._patterns[key] = re.compile(self.pattern(category).pattern)
        match = self.pattern(category).match
        return [match(text, offset + m.start(), end) for m in plain.finditer(lowered, start - offset, end - offset)]  # type: ignore[misc]

    def has(self, category: str, text: str) -> bool:
        return self.pattern(category).search(text) is not None

    def is_a(self, category: str, phrase: str) -> bool:
        """Whether `phrase` folded is one of the category's phrases folded (the sets kept by category: no key
        string built on each of the ~190 calls per article)."""
        folded = self._folded.get(category)
        if folded is None:
            folded = self._folded[category] = frozenset(_fold(p) for p in self.words[category])
        return _fold(phrase) in folded


_APOSTROPHE_TO_ONE = str.maketrans({c: "'" for c in _APOSTROPHES})
_HYPHENS_SPACES = re.compile(r"[-\s]+")


@lru_cache(maxsize=8192)
def _fold(phrase: str) -> str:
    """Cached: the rules fold the same few words over and over."""
    return _HYPHENS_SPACES.sub(" ", phrase.lower().translate(_APOSTROPHE_TO_ONE))


def read_lexicon(path: Path) -> Lexicon:
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    triggers = {_fold(p): kind for kind, phrases in data.pop("triggers").items() for p in phrases}
    roles = {_fold(p): rel for rel, phrases in data.pop("roles").items() for p in phrases}
    words: dict[str, tuple[str, ...]] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            words.update({k: tuple(v) for k, v in value.items()})
        else:
            words[key] = tuple(value)
    return Lexicon(words=words, triggers=triggers, roles=roles)


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return read_lexicon(resource_path("reference") / "lexicon.toml")


def trigger_type(lexicon: Lexicon, phrase: str) -> str:
    return lexicon.triggers.get(_fold(phrase), "attack")


def fold(phrase: str) -> str:
    """Lowercase, one apostrophe, hyphens and runs of space as one space: for comparing phrases."""
    return _fold(phrase)
