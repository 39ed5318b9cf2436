"""The extractor's word lists (seeds/reference/lexicon.toml), compiled into matchers once.

Word lists are data so that analysts can extend them without touching code.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from eventdb.resources import resource_path

_APOSTROPHES = "'’ʼ‘`"


def phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive regex for a phrase list: longest first, word boundaries, hyphen ~ space, any apostrophe."""
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        escaped = re.escape(phrase.lower())
        escaped = re.sub(r"(\\-|\\ )", r"[-\\s]", escaped)
        escaped = re.sub("['’ʼ‘`]", f"[{_APOSTROPHES}]", escaped)
        parts.append(escaped)
    if not parts:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w])", re.IGNORECASE)


@dataclass(frozen=True)
class Lexicon:
    words: dict[str, tuple[str, ...]]
    triggers: dict[str, str]  # phrase (lowercase) -> event type
    roles: dict[str, str]  # role phrase -> relation
    _patterns: dict[str, re.Pattern[str]] = field(default_factory=dict, compare=False, repr=False)

    def pattern(self, category: str) -> re.Pattern[str]:
        if category not in self._patterns:
            if category == "triggers":
                phrases = tuple(self.triggers)
            elif category == "roles":
                phrases = tuple(self.roles)
            else:
                phrases = self.words[category]
            self._patterns[category] = phrase_pattern(phrases)
        return self._patterns[category]

    def find(self, category: str, text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
        return list(self.pattern(category).finditer(text, start, len(text) if end is None else end))

    def has(self, category: str, text: str) -> bool:
        return self.pattern(category).search(text) is not None

    def is_a(self, category: str, phrase: str) -> bool:
        key = "set:" + category
        folded = self._patterns.get(key)
        if folded is None:
            folded = self._patterns[key] = frozenset(_fold(p) for p in self.words[category])  # type: ignore[assignment]
        return _fold(phrase) in folded  # type: ignore[operator]


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
