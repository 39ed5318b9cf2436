"""What the rules look at in one sentence: names, dates, counts, and helpers to read around a word."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from eventdb.assertions import ActorRef, Span
from eventdb.extract.dates import DateMention, find_dates
from eventdb.extract.gazetteer import Gazetteer, Mention
from eventdb.extract.lexicon import Lexicon
from eventdb.extract.numbers import Count, find_counts
from eventdb.extract.sentences import Sentence
from eventdb.reference import Reference

_SPECIFIC_KINDS = ("base", "airport", "facility", "embassy", "oil_field", "border_crossing", "district", "town", "city")
_KIND_RANK = {k: i for i, k in enumerate(("base", "airport", "facility", "embassy", "oil_field", "border_crossing",
                                          "district", "town", "city", "region", "sea", "country"))}


@dataclass(frozen=True)
class Tools:
    reference: Reference
    gazetteer: Gazetteer
    lexicon: Lexicon


@dataclass
class SentenceView:
    """One sentence with everything found in it, offsets absolute in the article text."""

    text: str  # the whole article text
    sentence: Sentence
    published: dt.date | None
    tools: Tools
    mentions: list[Mention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)

    @classmethod
    def build(cls, text: str, sentence: Sentence, published: dt.date | None, tools: Tools) -> SentenceView:
        s, e = sentence.start, sentence.end
        return cls(text, sentence, published, tools, tools.gazetteer.find(text, s, e),
                   find_dates(text, s, e, published, tools.lexicon), find_counts(text, s, e))

    @property
    def start(self) -> int:
        return self.sentence.start

    @property
    def end(self) -> int:
        return self.sentence.end

    def span(self, start: int | None = None, end: int | None = None) -> Span:
        s = self.start if start is None else start
        e = self.end if end is None else end
        return Span(self.text[s:e], s, e, self.sentence.index)

    def find(self, category: str, start: int | None = None, end: int | None = None) -> list[re.Match[str]]:
        return self.tools.lexicon.find(category, self.text, self.start if start is None else start,
                                       self.end if end is None else end)

    def has(self, category: str, start: int | None = None, end: int | None = None) -> bool:
        return bool(self.find(category, start, end))

    def before(self, pos: int, chars: int) -> str:
        return self.text[max(self.start, pos - chars):pos]

    def after(self, pos: int, chars: int) -> str:
        return self.text[pos:min(self.end, pos + chars)]

    def is_descriptor(self, m: Mention) -> bool:
        """ "Iran-backed", "pro-Iranian", "Iranian militias": a description of a group, not the state itself."""
        lex = self.tools.lexicon
        after = self.after(m.end, 30)
        suffix = re.match(r"^[-\s]([A-Za-z]+)", after)
        if suffix and lex.is_a("backing_suffixes", suffix.group(1)):
            return True
        if re.search(r"\bpro[-\s]?$", self.before(m.start, 5), re.IGNORECASE):
            return True
        if m.adjective:
            words = re.findall(r"[A-Za-z-]+", after)[:2]
            if any(lex.is_a("generic_groups", w) for w in words):
                return True
        return False

    def actors(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if m.actor and start <= m.start and m.end <= end and not self.is_descriptor(m)]

    def places(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if m.place and start <= m.start and m.end <= end]

    def place_rank(self, key: str) -> int:
        place = self.tools.reference.places_by_key.get(key)
        return _KIND_RANK.get(place.kind, 9) if place else 99

    def is_specific_place(self, key: str | None) -> bool:
        place = self.tools.reference.places_by_key.get(key or "")
        return bool(place and place.kind in _SPECIFIC_KINDS)

    def nested(self, a: str, b: str) -> bool:
        """One place lies inside the other (or is its country): the same incident at another grain."""
        return self._inside(a, b) or self._inside(b, a) or \
            (self.place_rank(a) == _KIND_RANK["country"] and self.country_of(a) == self.country_of(b)) or \
            (self.place_rank(b) == _KIND_RANK["country"] and self.country_of(a) == self.country_of(b))

    def _inside(self, inner: str, outer: str) -> bool:
        places = self.tools.reference.places_by_key
        seen: set[str] = set()
        place = places.get(inner)
        while place and place.parent and place.key not in seen:
            seen.add(place.key)
            if place.parent == outer:
                return True
            place = places.get(place.parent)
        return False

    def country_of(self, key: str | None) -> str | None:
        place = self.tools.reference.places_by_key.get(key or "")
        return place.country if place else None

    def actor_kind(self, key: str | None) -> str | None:
        actor = self.tools.reference.actors_by_key.get(key or "")
        return actor.kind if actor else None


def actor_ref(m: Mention) -> ActorRef:
    return ActorRef(m.text, m.actor, m.start, m.end)




def capitalized_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A run of capitalized words starting at `start` (particles such as al-, Abu, of allowed inside)."""
    m = re.match(r"[A-Z][\w’'‘ʼ-]*(?:\s(?:(?:al|bin|ibn|el|of|the)[-\s])?[A-Z][\w’'‘ʼ-]*)*", text[start:end])
    if not m:
        return None
    s, e = start, start + len(m.group(0).rstrip())
    return (s, e) if e - s >= 3 else None
