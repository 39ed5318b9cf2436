"""Find reference names in text: actors, demonyms, places, weapons, outlets.

Aho-Corasick over a folded copy of the text (one apostrophe, hyphens as spaces).
Folding replaces characters one for one, so offsets in the folded copy are offsets
in the original. Matching is case-sensitive, as the reference README promises, so
acronyms ("KH") never match ordinary words; longest match wins.

Guarded places (the generated towns and the bare names of subdivisions, see
seeds/reference/build_places.py) count only where the text uses the name as a place,
since many are also words, people's names or common phrases:
- `context`: after a locative word ("in X", "near X", "outside X", "north of X",
  "shelled X"), or with a place noun (`noun` below);
- `noun`: with a place noun: "the town of X", "the villages of X", "the community of X", "X district",
  "X province", or the name itself ends in one ("Hadramawt governorate");
- either: a later item of a list whose first item counted ("in Khiam and Kfar Kila",
  "the villages of A, B and C"), or an item of a list that ends in a plural place noun
  ("Amran and Saada governorates").
A guarded match that fails is dropped before the longest match is chosen, so a
shorter name inside it may still count. Any site (not a region) followed by
"countryside" is dropped too: "the Homs countryside" is Homs governorate's land
around the city, not the city. Precision first: a missing place costs an
analyst less than a wrong one.
"""

from __future__ import annotations

import re
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
    guard: str | None = None  # the place's guard (module docstring); the other names are never guarded
    site: bool = False  # the place is a site (town, city, base...), not a region: "X countryside" is not it


_PLACE_NOUNS = (r"(?:towns?|city|cities|villages?|district|districts|area|areas|province|provinces|governorates?|regions?|"
                r"sub-?districts?|municipality|countryside|outskirts|suburbs?|neighbou?rhoods?|port|camp)")
# Nouns that name a place only before "of" ("the community of X", "the kibbutz of X"; "the Druze community" is none).
_SETTLEMENT_NOUNS = r"(?:community|communities|kibbutz|moshav|settlement|settlements|locality|hamlet)"
# The text before a name, up to its start (the folded text: hyphens are spaces).
_NOUN_BEFORE = re.compile(rf"\b(?:{_PLACE_NOUNS}|{_SETTLEMENT_NOUNS})\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_LOCATIVE_BEFORE = re.compile(
    r"(?:\b(?:in|near|nearby|outside|inside|around|at|into|from|across|towards?|shelled|bombed|bombarded|pounded|raided|"
    r"stormed|entered|besieged)|\b(?:north|south|east|west|northeast|northwest|southeast|southwest|vicinity|edge|"
    r"outskirts|centre|center|heart|suburbs?|countryside|residents|road)\s+of)\s+(?:the\s+)?$", re.IGNORECASE)
_NOUN_AFTER = re.compile(rf"\s+{_PLACE_NOUNS}\b", re.IGNORECASE)
_NOUN_AT_END = re.compile(rf"\b{_PLACE_NOUNS}$", re.IGNORECASE)
# "Amran and Saada governorates": a name followed by more names and a plural place noun.
_LIST_NOUN_AFTER = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+(?:and|or)\s+)(?:[A-Z][\w']*\s+){1,3}"
                              r"(?:governorates|provinces|districts|towns|villages|cities|areas)\b")
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:the\s+)?$")
_COUNTRYSIDE = re.compile(r"\s+countryside\b", re.IGNORECASE)
_BEFORE_CHARS = 40  # how far back the guard looks: the longest locative phrase and then some


def _guard_holds(guard: str, folded: str, s: int, e: int, surface: str, list_end: int) -> bool:
    """The text uses the guarded name at [s, e) as a place (module docstring). `list_end`: where the
    last place that counted ended, for the items of a list."""
    if _NOUN_AT_END.search(surface) or _NOUN_AFTER.match(folded, e) or _LIST_NOUN_AFTER.match(folded, e):
        return True
    before = folded[max(0, s - _BEFORE_CHARS):s]
    if _NOUN_BEFORE.search(before) or (guard == "context" and _LOCATIVE_BEFORE.search(before)):
        return True
    return list_end > 0 and s - list_end <= 12 and _LIST_GAP.fullmatch(folded, list_end, s) is not None


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
        guarded = False
        for last, surface in self.automaton.iter(folded):
            s, e = last - len(surface) + 1, last + 1
            if (s > 0 and folded[s - 1].isalnum()) or (e < size and folded[e].isalnum()):
                continue
            entry = self.entries[surface]
            if entry.site and _COUNTRYSIDE.match(folded, e):
                continue  # "the Homs countryside": the governorate's land around the city, not the city
            found.append((s, -e, surface))
            guarded = guarded or entry.guard is not None
        found.sort()
        if guarded:
            found = self._unguarded(found, folded)
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

    def _unguarded(self, found: list[tuple[int, int, str]], folded: str) -> list[tuple[int, int, str]]:
        """`found` (sorted by start) without the guarded place names the text does not use as places.
        A list item counts when the place before it did, so places are followed in order."""
        kept: list[tuple[int, int, str]] = []
        list_end = 0
        for s, negative_end, surface in found:
            entry = self.entries[surface]
            if entry.guard is not None and not _guard_holds(entry.guard, folded, s, -negative_end, surface, list_end):
                continue
            kept.append((s, negative_end, surface))
            if entry.place is not None and -negative_end > list_end:
                list_end = -negative_end
        return kept


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
            folded = fold_text(surface.strip())
            fresh = folded not in entries or entries[folded].place is None
            add(surface, place=place.key)
            if fresh:
                for variant in _variants(surface.strip()):
                    entries[fold_text(variant)].guard = place.guard
                    entries[fold_text(variant)].site = place.kind not in ("region", "country", "sea")
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
