"""Find reference names in text: actors, demonyms, places, weapons, outlets.

Aho-Corasick over a folded copy of the text (one apostrophe, hyphens as spaces).
Folding replaces characters one for one, so offsets in the folded copy are offsets
in the original. Matching is case-sensitive, as the reference README promises, so
acronyms ("KH") never match ordinary words; longest match wins.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import ahocorasick

from eventdb.reference import Reference

_FOLD = {"’": "'", "ʼ": "'", "‘": "'", "`": "'", "-": " ", "‐": " ", "‑": " "}


def fold_text(text: str) -> str:
    """Same length as `text`: apostrophe variants -> "'", hyphens -> space.

    One `replace` per character that occurs: several times faster than `str.translate` with a
    table, which looks every character up. No replacement makes a character another one replaces."""
    for old, new in _FOLD.items():
        if old in text:
            text = text.replace(old, new)
    return text


@dataclass(unsafe_hash=True)
class Mention:
    """A reference name found in a text. Treated as immutable and hashed by value (the sentence view caches
    answers per mention), but not a frozen dataclass: those set each field through object.__setattr__,
    which made building the ~85 mentions of an article cost about a million instructions; nothing
    assigns to a mention after it is built."""

    start: int
    end: int
    text: str
    actor: str | None = None
    adjective: bool = False  # the actor was named by a demonym ("Israeli")
    place: str | None = None
    weapon: str | None = None
    outlet: str | None = None


@dataclass
class _Entry:
    actor: str | None = None
    adjective: bool = False
    place: str | None = None
    weapon: str | None = None
    outlet: str | None = None


@dataclass
class Gazetteer:
    automaton: ahocorasick.Automaton
    entries: dict[str, _Entry] = field(default_factory=dict)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        if not self.entries:
            return []
        end = len(text) if end is None else end
        folded = fold_text(text[start:end])
        size = len(folded)
        # (start, -end, name): sorted by start, the longest first. A name must not touch a letter or digit;
        # that is tested inline, as a call per name found cost more than the test.
        found: list[tuple[int, int, str]] = []
        for last, surface in self.automaton.iter(folded):
            s, e = last - len(surface) + 1, last + 1
            if (s > 0 and folded[s - 1].isalnum()) or (e < size and folded[e].isalnum()):
                continue
            found.append((s, -e, surface))
        found.sort()
        out: list[Mention] = []
        taken_until = -1
        for s, negative_end, surface in found:
            if s < taken_until:
                continue
            e = taken_until = -negative_end
            entry = self.entries[surface]
            out.append(Mention(start + s, start + e, text[start + s:start + e], entry.actor, entry.adjective,
                               entry.place, entry.weapon, entry.outlet))
        return out


def _variants(word: str) -> set[str]:
    """Lowercase vocabulary also matches capitalized at a sentence start."""
    out = {word}
    if word and word[0].islower():
        out.add(word[0].upper() + word[1:])
    return out


def build_gazetteer(reference: Reference) -> Gazetteer:
    entries: dict[str, _Entry] = {}

    def add(surface: str, **kw: object) -> None:
        for variant in _variants(surface.strip()):
            key = fold_text(variant)
            if not key:
                continue
            entry = entries.setdefault(key, _Entry())
            for name, value in kw.items():
                if getattr(entry, name) in (None, False):
                    setattr(entry, name, value)

    for actor in reference.actors:
        for surface in (actor.name, *actor.aliases):
            add(surface, actor=actor.key)
    for actor in reference.actors:
        for surface in actor.adjectives:
            if fold_text(surface) not in entries or entries[fold_text(surface)].actor is None:
                add(surface, actor=actor.key, adjective=True)
    for place in reference.places:
        for surface in (place.name, *place.aliases):
            add(surface, place=place.key)
    for weapon in reference.weapons:
        for surface in weapon.words:
            add(surface, weapon=weapon.key)
    for outlet in reference.outlets:
        for surface in (outlet.name, *outlet.aliases):
            add(surface, outlet=outlet.key)
    automaton = ahocorasick.Automaton(ahocorasick.STORE_ANY, ahocorasick.KEY_STRING)
    for surface in entries:
        automaton.add_word(surface, surface)
    if entries:
        automaton.make_automaton()
    return Gazetteer(automaton, entries)
