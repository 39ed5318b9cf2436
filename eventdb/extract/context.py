"""What the rules look at in one sentence: names, dates, counts, and helpers to read around a word."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from eventdb.assertions import ActorRef, Span
from eventdb.extract.dates import DateMention, find_dates, post_day, post_relative
from eventdb.extract.gazetteer import Gazetteer, Mention
from eventdb.extract.lexicon import FOLDS_TO_ASCII, Lexicon, PhraseShape, phrase_shape, words_in_lowered, words_of
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

    def actor_kind(self, key: str | None) -> str | None:
        """The kind of a reference actor by key (None for an unknown key)."""
        actor = self.reference.actors_by_key.get(key or "")
        return actor.kind if actor else None


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
    _found: dict[str, list[re.Match[str]]] = field(default_factory=dict, compare=False, repr=False)
    _words: frozenset[str] | None = field(default=None, compare=False, repr=False)
    _words_read: bool = field(default=False, compare=False, repr=False)
    _low: tuple[int, str | None] | None = field(default=None, compare=False, repr=False)
    _descriptors: dict[tuple[int, int, bool], bool] = field(default_factory=dict, compare=False, repr=False)
    _actor_names: tuple[list[Mention], list[Mention]] | None = field(default=None, compare=False, repr=False)
    speakers: dict[int, ActorRef | None] = field(default_factory=dict, compare=False, repr=False)  # claims.speaker's answers
    # The sentence's bounds as plain attributes: the rules read them tens of times per sentence.
    start: int = field(init=False, compare=False, repr=False)
    end: int = field(init=False, compare=False, repr=False)
    # claims.voice's answers: before -> (the previous speaker it was asked with, the answer)
    voices: dict[int, tuple[ActorRef | None, ActorRef | None]] = field(default_factory=dict, compare=False, repr=False)
    # incidents.casualties' answers: (start, end) -> (killed, injured)
    tolls: dict[tuple[int, int], tuple[int | None, int | None]] = field(default_factory=dict, compare=False, repr=False)
    waves: list | None = field(default=None, compare=False, repr=False)  # aggregates.strike_waves' answer
    book: object | None = field(default=None, compare=False, repr=False)  # the article's speaker_book.SpeakerBook so far
    heading: SentenceView | None = field(default=None, compare=False, repr=False)  # the item heading it is under (headings.py)
    day_section: SentenceView | None = field(default=None, compare=False, repr=False)  # the day heading it is under (headings.py)

    def __post_init__(self) -> None:
        self.start, self.end = self.sentence.start, self.sentence.end

    @classmethod
    def build(cls, text: str, sentence: Sentence, published: dt.date | None, tools: Tools,
              year: int | None = None) -> SentenceView:
        s, e = sentence.start, sentence.end
        view = cls(text, sentence, published, tools)
        words = view._sentence_words()
        view.mentions = _with_metonyms(text, s, e, tools.gazetteer.find(text, s, e), tools, words)
        offset, lowered = view._lowered()
        view.dates = find_dates(text, s, e, published, tools.lexicon, year, words,
                                lowered[s - offset:] if lowered is not None else None)
        if view.dates and post_relative(view.dates):
            day = post_day(text, e, published, tools.lexicon)
            if day is not None and day != published:  # "tonight" in a post stamped with its own day
                view.dates = find_dates(text, s, e, day, tools.lexicon, year, words,
                                        lowered[s - offset:] if lowered is not None else None)
        view.counts = find_counts(text, s, e, words, (offset, lowered) if lowered is not None else None)
        return view

    def span(self, start: int | None = None, end: int | None = None) -> Span:
        s = self.start if start is None else start
        e = self.end if end is None else end
        return Span(self.text[s:e], s, e, self.sentence.index)

    def find(self, category: str, start: int | None = None, end: int | None = None) -> list[re.Match[str]]:
        """Phrases of `category` in [start, end): the same matches as scanning that stretch.

        The rules ask about the same categories many times per sentence, so each is scanned
        once over the whole sentence; a stretch is answered from that list when `_reusable`
        proves a scan of the stretch would find exactly those matches, else it is scanned.
        """
        whole = self._found.get(category)  # looked up here first: most calls find the list made
        if whole is None:
            whole = self._sentence_matches(category)
        s = self.start if start is None else start
        e = self.end if end is None else end
        if s == self.start and e == self.end:
            return list(whole)
        if self._reusable(category, whole, s, e):
            return [m for m in whole if s <= m.start() and m.end() <= e] if whole else []
        return self.tools.lexicon.find(category, self.text, s, e)

    def first(self, category: str, start: int | None = None, end: int | None = None) -> re.Match[str] | None:
        """The first match `find` would give, without building its list: the first match inside the
        stretch when the sentence's list may be reused, else a search of the stretch (which finds what
        `finditer` finds first)."""
        whole = self._found.get(category)
        if whole is None:
            whole = self._sentence_matches(category)
        s = self.start if start is None else start
        e = self.end if end is None else end
        if s == self.start and e == self.end:
            return whole[0] if whole else None
        if self._reusable(category, whole, s, e):
            for m in whole:
                if s <= m.start() and m.end() <= e:
                    return m
            return None
        return self.tools.lexicon.pattern(category).search(self.text, s, e)

    def has(self, category: str, start: int | None = None, end: int | None = None) -> bool:
        if start is None and end is None:
            whole = self._found.get(category)
            return bool(whole if whole is not None else self._sentence_matches(category))
        return self.first(category, start, end) is not None

    def _sentence_matches(self, category: str) -> list[re.Match[str]]:
        """All matches of a category over the sentence, scanned once (not at all when no phrase has all its words in it).
        Called by find/first/has when `_found` has no list for the category yet (they look there first)."""
        lex = self.tools.lexicon
        shape = lex.shape(category)
        words = self._words if self._words_read else self._sentence_words()  # read once per sentence: no call
        if shape.key_words is None or words is None:
            found = lex.find(category, self.text, self.start, self.end)
        elif shape.key_words.isdisjoint(words) or not shape.may_match(words):
            found = []
        else:
            offset, lowered = self._lowered()
            found = lex.find_lowered(category, self.text, lowered, offset, self.start, self.end) if lowered \
                else lex.find(category, self.text, self.start, self.end)
        self._found[category] = found
        return found

    def _lowered(self) -> tuple[int, str | None]:
        """(offset, the text from there to the sentence end lowercased) for `Lexicon.find_lowered`, from one
        character before the sentence (what the phrase patterns look behind at); None for the text when
        lowercasing changed its length (a character of `FOLDS_TO_ASCII` just before the sentence)."""
        if self._low is None:
            offset = max(self.start - 1, 0)
            lowered = self.text[offset:self.end].lower()
            self._low = (offset, lowered if len(lowered) == self.end - offset else None)
        return self._low

    def words(self) -> frozenset[str] | None:
        """The sentence's lowercased words (None: nothing may be skipped), for rules that skip a
        whole-sentence scan when none of the words every match must hold occurs."""
        return self._sentence_words()

    def _sentence_words(self) -> frozenset[str] | None:
        """The sentence's words, lowercased; None when it holds a character that case-insensitive
        matching equates with an ASCII letter although its lowercase differs (see `FOLDS_TO_ASCII`)."""
        if not self._words_read:
            self._words_read = True
            offset, lowered = self._lowered()
            if lowered is not None and FOLDS_TO_ASCII.search(self.text, self.start, self.end) is None:
                self._words = words_in_lowered(lowered, self.start - offset)
            else:
                self._words = words_of(self.text[self.start:self.end])
        return self._words

    def _reusable(self, category: str, whole: list[re.Match[str]], start: int, end: int) -> bool:
        """Scanning [start, end) finds exactly the sentence matches inside it when no sentence match
        straddles either bound and cutting the text at `end` cannot complete a phrase there: `end` is the
        sentence end, or no word continues across it (the pattern ends with (?!\\w)), or the phrases
        all end with a word character and the one before `end` is not."""
        if start < self.start or end > self.end:
            return False
        for m in whole:  # a loop, not any() over a generator: asked ~170 times per article
            if m.start() < start < m.end() or m.start() < end < m.end():
                return False
        return end == self.end or not _WORD.match(self.text, end) or \
            (self.tools.lexicon.shape(category).ends_in_word and not _WORD.match(self.text, end - 1))

    def before(self, pos: int, chars: int) -> str:
        """Up to `chars` characters before `pos`, not before the sentence (asked hundreds of times per article:
        a comparison instead of a call to max)."""
        lo = pos - chars
        return self.text[lo if lo > self.start else self.start:pos]

    def after(self, pos: int, chars: int) -> str:
        """Up to `chars` characters from `pos`, not past the sentence end."""
        hi = pos + chars
        return self.text[pos:hi if hi < self.end else self.end]

    def is_descriptor(self, m: Mention) -> bool:
        """ "Iran-backed", "pro-Iranian", "Iranian militias": a description of a group, not the state itself.

        Cached per mention: the rules ask about the same mentions many times per sentence. Keyed by what
        `_is_descriptor` reads of the mention (its bounds and `adjective`; the rest is the view's text and
        bounds): a tuple hashes without the call to the dataclass's __hash__ over all eight fields."""
        key = (m.start, m.end, m.adjective)
        known = self._descriptors.get(key)
        if known is None:
            known = self._descriptors[key] = self._is_descriptor(m)
        return known

    def _is_descriptor(self, m: Mention) -> bool:
        lex = self.tools.lexicon
        after = self.after(m.end, 30)
        suffix = _SUFFIX_WORD.match(after)
        if suffix and lex.is_a("backing_suffixes", suffix.group(1)):
            return True
        if _PRO_BEFORE.search(self.before(m.start, 5)):
            return True
        if " in " in self.before(m.start, 30) and lex.derived(_where_groups_act).search(self.before(m.start, 50)):
            return True  # "militias operating in Syria and Iraq": where the groups are, not a party
        if m.adjective:
            words = _LETTER_WORDS.findall(after)[:2]
            if any(lex.is_a("generic_groups", w) for w in words):
                return True
        return False

    def actors(self, start: int, end: int) -> list[Mention]:
        """The actor names in [start, end) that are not descriptors, in order: the sentence's list (made once:
        the same per-mention tests, `is_descriptor` being pure) cut to the stretch."""
        named = self._actor_names
        if named is None or named[0] is not self.mentions:
            mentions = self.mentions
            named = self._actor_names = (mentions, [m for m in mentions if m.actor and not self.is_descriptor(m)])
        return [m for m in named[1] if start <= m.start and m.end <= end]

    def places(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if m.place and start <= m.start and m.end <= end]

    def place_rank(self, key: str) -> int:
        place = self.tools.reference.places_by_key.get(key)
        return _KIND_RANK.get(place.kind, 9) if place else 99

    def is_specific_place(self, key: str | None) -> bool:
        place = self.tools.reference.places_by_key.get(key or "")
        return bool(place and place.kind in _SPECIFIC_KINDS)

    def nested(self, a: str, b: str) -> bool:
        """One place lies inside the other (or is its country, or the first-level subdivision it lies in): the same
        incident at another grain. Two towns of one governorate are not nested: each is a place of its own."""
        return self._inside(a, b) or self._inside(b, a) or self._in_unit(a, b) or self._in_unit(b, a) or \
            (self.place_rank(a) == _KIND_RANK["country"] and self.country_of(a) == self.country_of(b)) or \
            (self.place_rank(b) == _KIND_RANK["country"] and self.country_of(a) == self.country_of(b))

    def is_subdivision(self, key: str | None) -> bool:
        """A first-level subdivision (governorate, province, district of Israel): a region right under its country
        that has an admin1 code."""
        places = self.tools.reference.places_by_key
        place = places.get(key or "")
        if not (place and place.kind == "region" and place.admin1):
            return False
        parent = places.get(place.parent or "")
        return parent is None or parent.kind == "country"

    def _in_unit(self, inner: str, outer: str) -> bool:
        """`outer` is a first-level subdivision and `inner` lies in it by admin1 ("Metula" in the Northern District),
        whatever its parent in the reference."""
        i = self.tools.reference.places_by_key.get(inner)
        return bool(i and i.key != outer and i.admin1 and self.is_subdivision(outer)
                    and i.admin1 == self.tools.reference.places_by_key[outer].admin1)

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

    def actor_country(self, key: str | None) -> str | None:
        actor = self.tools.reference.actors_by_key.get(key or "")
        return actor.country if actor else None

    def actor_kind(self, key: str | None) -> str | None:
        return self.tools.actor_kind(key)


_WORD = re.compile(r"\w")
_SUFFIX_WORD = re.compile(r"^[-\s]([A-Za-z]+)")


def _where_groups_act(lex) -> re.Pattern[str]:
    """ "militias operating in Syria and Iraq", "groups based in Iraq": the country where armed groups are."""
    return re.compile(rf"\b(?:{lex.alternation('generic_groups')})\s+(?:operating|based|active)\s+in\s+(?:the\s+)?"
                      r"(?:[A-Z][\w'’-]*(?:\s+and|,)\s+)?$", re.IGNORECASE)


_PRO_BEFORE = re.compile(r"\bpro[-\s]?$", re.IGNORECASE)
_LETTER_WORDS = re.compile(r"[A-Za-z-]+")

_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|inside|at|near|from|to|of|on|into|over|across|outside|around|towards?|against|between|and|or|"
    r"via|through|targeting|toward|reach|reached|hit|struck|attacked)\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+)?$", re.IGNORECASE)
# (a part of the city after the preposition: "a drone strike in eastern Baghdad killed ..." is a place, not Iraq acting)
_ACTIVE_VERB = re.compile(r"\s+(?:has\s+|have\s+|had\s+)?(?:also\s+|not\s+|already\s+|[a-z]+ly\s+)?"
                          r"([a-z]+ed|[a-z]+s)\b")


def _metonym_states(tools: Tools) -> tuple[dict[str, str], re.Pattern[str], PhraseShape]:
    """Capital name -> key of the state actor of that country (from the lexicon's `capital_metonyms`), a matcher,
    and the names' words (the matcher fences each name as `phrase_shape` expects: no word character or hyphen around)."""
    cached = _METONYMS.get(id(tools))
    if cached is not None and cached[0] is tools:
        return cached[1], cached[2], cached[3]
    states = {a.country: a.key for a in tools.reference.actors if a.kind == "state" and a.country}
    table: dict[str, str] = {}
    for entry in tools.lexicon.words.get("capital_metonyms", ()):
        city, _, code = entry.partition(":")
        if code.strip() in states:
            table[city.strip()] = states[code.strip()]
    names = "|".join(re.escape(c) for c in sorted(table, key=len, reverse=True)) or "(?!x)x"
    pattern = re.compile(rf"(?<![\w-])(?:{names})(?![\w-])")
    shape = phrase_shape(tuple(table))
    _METONYMS[id(tools)] = (tools, table, pattern, shape)
    return table, pattern, shape


_METONYMS: dict[int, tuple[Tools, dict[str, str], re.Pattern[str], PhraseShape]] = {}


def _metonym_subject(text: str, start: int, m_start: int, m_end: int, end: int, tools: Tools) -> bool:
    """A capital names its government when it acts: "Tehran has denied", "Tel Aviv followed", "Washington's operation"."""
    if _PREPOSITION_BEFORE.search(text[max(start, m_start - 20):m_start]):
        return False
    after = text[m_end:min(end, m_end + 60)]
    lex = tools.lexicon
    if re.match(r"['’]s\s", after):
        return lex.pattern("triggers").search(after[:45]) is not None
    if lex.pattern("place_verbs").match(after.lstrip()) and after[:1].isspace():
        return False
    verb = _ACTIVE_VERB.match(after)
    if not verb:
        return False
    word = verb.group(1)
    return word.endswith("ed") or lex.is_a("speech_verbs", word) or word in _STANCE_VERBS \
        or lex.pattern("involvement_denied").match(after.lstrip()) is not None


_STANCE_VERBS = frozenset({"holds", "blames", "accuses", "maintains", "insists", "believes", "denies", "rejects"})
# ("which Washington holds responsible for the attack": the capital takes a stance, it speaks)


def _with_metonyms(text: str, start: int, end: int, mentions: list[Mention], tools: Tools,
                   words: frozenset[str] | None = None) -> list[Mention]:
    """Replace a capital used as the subject of a verb by its state, so it speaks and acts instead of being a place.
    `mentions`: the gazetteer's, sorted by start. `words`: `words_of` the sentence if the caller has it; the scan for
    capitals is skipped when none can be there, and then, with no capital among the mentions, the list is returned
    as it is (the sort by start at the end would keep its order)."""
    table, pattern, shape = _metonym_states(tools)
    if not table:
        return mentions
    scan = shape.key_words is None or words is None or shape.may_match(words)
    if not scan and not _names_a_capital(mentions, table):
        return list(mentions)  # nothing replaced or added, and the gazetteer's order is by start: what the loops return
    out = []
    for m in mentions:
        key = table.get(m.text)
        if m.place and key and _metonym_subject(text, start, m.start, m.end, end, tools):
            m = Mention(m.start, m.end, m.text, actor=key)
        out.append(m)
    found = {(m.start, m.end) for m in out}
    for hit in pattern.finditer(text, start, end) if scan else ():
        s, e = hit.start(), hit.end()
        if (s, e) in found or any(m.start < e and s < m.end for m in out):
            continue
        if _metonym_subject(text, start, s, e, end, tools):
            out.append(Mention(s, e, hit.group(0), actor=table[hit.group(0)]))
    return sorted(out, key=lambda m: m.start)


def _names_a_capital(mentions: list[Mention], table: dict[str, str]) -> bool:
    """Some place mention is a capital of `table` (a loop: any() over a generator cost more, once per sentence)."""
    for m in mentions:
        if m.place and table.get(m.text):
            return True
    return False


def actor_ref(m: Mention) -> ActorRef:
    return ActorRef(m.text, m.actor, m.start, m.end)


def quote_speaker(view: SentenceView, pos: int) -> ActorRef | None:
    """Who speaks the quotation around `pos`: “…,” the faction, X, said — or “…,” said X."""
    close = min((i for i in (view.text.find("”", pos, view.end), view.text.find('"', pos, view.end)) if i != -1), default=-1)
    if close == -1:
        return None
    verbs = view.find("speech_verbs", close, min(view.end, close + 120))
    if not verbs:
        return _speaker_before_quote(view, pos)
    v = verbs[0]
    named = [m for m in view.mentions if (m.actor or m.outlet) and not view.is_descriptor(m)]
    before = [m for m in named if close < m.start and m.end <= v.start()]
    if before:
        return actor_ref(before[-1])
    after = [m for m in named if v.end() <= m.start < v.end() + 30]
    return actor_ref(after[0]) if after else None


def _speaker_before_quote(view: SentenceView, pos: int) -> ActorRef | None:
    """ "X said: “We struck ...”": the name right before the speech verb that opens the quotation."""
    opening = max(view.text.rfind("“", view.start, pos), view.text.rfind('"', view.start, pos))
    if opening == -1:
        return None
    verbs = view.find("speech_verbs", max(view.start, opening - 30), opening)
    if not verbs or not re.fullmatch(r"[\s:,]*", view.text[verbs[-1].end():opening]):
        return None
    named = [m for m in view.mentions if (m.actor or m.outlet) and not view.is_descriptor(m)
             and m.end <= verbs[-1].start() and verbs[-1].start() - m.end < 30]
    return actor_ref(named[-1]) if named else None
