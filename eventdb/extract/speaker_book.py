"""Who a speaker mention stands for, decided with what the article said before it (stage 2 of quote attribution).

Stage 1 (`speakers`, `frames`) finds the words that speak: "Ryder said", "the army said", "the group claimed". This
pass turns them into an actor, in order of precision:

1. a reference name (the gazetteer has already resolved it);
2. a person the reference lacks, introduced with the body he speaks for ("Pentagon press secretary Pat Ryder",
   "Ryder, the Pentagon spokesman", "a spokesman for X, Y"): his later statements ("Ryder said") are that body's;
3. anaphora: "the group" / "the militia" is the armed group named last; "the military" / "the army" is the army of
   the state named last as a party (a perpetrator or target of an incident told so far, or a state named in the
   sentence before the verb), the state itself when the reference has no army for it;
4. otherwise the words stay as written (the caller's choice).

The book is read sentence by sentence as `extract` goes (`read`), so a name or anaphor is resolved with what stands
before it only. Pure: no database, one book per article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from eventdb.assertions import ActorRef
from eventdb.extract.context import SentenceView
from eventdb.extract.lexicon import Lexicon

_NAME = r"[A-Z][\w'’-]+(?:\s+(?:(?:al|el|bin|ibn|Abu|abu)[-\s])?[A-Z][\w'’-]+){0,3}"


def _patterns(lex: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Four ways news text introduces a spokesman with his body (the body is a reference mention; these patterns
    read the words around it): "<Body> spokesman [Maj. Gen.] <Name>", "<Name>, the <Body> spokesman",
    "<Name>, a spokesman for <Body>" and "a spokesman for <Body>, <Name>,"."""
    roles = lex.alternation("spokesman_roles")
    titles = lex.alternation("name_titles")
    title = rf"(?:(?:{titles})\s+)*"
    after_body = re.compile(rf"(?:['’]s)?\s+(?:[a-z]+\s+)?(?:{roles}),?\s+{title}(?P<name>{_NAME})")
    name_before = re.compile(rf"(?P<name>{_NAME}),\s+(?:a|an|the)\s+(?:[a-z]+\s+)?$")
    role_after = re.compile(rf"(?:['’]s)?\s+(?:[a-z]+\s+)?(?:{roles})\b")
    for_body = re.compile(rf"(?:(?P<name>{_NAME}),\s+(?:a|an|the)\s+(?:[a-z]+\s+)?)?(?:{roles})\s+(?:for|of)\s+(?:the\s+)?$")
    return after_body, name_before, role_after, for_body


_NAME_AFTER = re.compile(rf",\s+(?P<name>{_NAME}),")
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Dr)\.?\s+")
_PLACE_USE = re.compile(r"\b(?:in|inside|near|into|over|across|from|of|to|within|outside|around|at|toward|towards)\s+"
                        r"(?:the\s+)?(?:[\w-]+\s+)?$", re.IGNORECASE)


def _fold(name: str) -> str:
    return " ".join(_HONORIFIC.sub("", name).replace("’", "'").split()).casefold()


@dataclass
class SpeakerBook:
    """What the article has said so far about who speaks for whom."""

    people: dict[str, ActorRef] = field(default_factory=dict)  # folded name as written (and family name) -> body
    groups: list[ActorRef] = field(default_factory=list)  # armed groups named, in text order
    parties: list[ActorRef] = field(default_factory=list)  # states and state bodies named as a party, in text order

    def read(self, view: SentenceView) -> None:
        """Learn from one sentence, before anything in it is resolved: spokesmen and their bodies, the armed groups."""
        kinds = view.tools.lexicon.words["armed_group_kinds"]
        for m in view.mentions:
            if m.actor and view.actor_kind(m.actor) in kinds and not view.is_descriptor(m):
                self.groups.append(ActorRef(m.text, m.actor, m.start, m.end))
        if view.has("spokesman_roles"):
            self._learn_people(view)

    def note_parties(self, view: SentenceView, parties: list[ActorRef | None]) -> None:
        """The perpetrators and targets of the incidents told so far: the state-side ones are what "the army" of a
        later sentence belongs to."""
        state_kinds = view.tools.lexicon.words["state_speaker_kinds"]
        for p in parties:
            if p is not None and p.key and p.char_start is not None and view.actor_kind(p.key) in state_kinds \
                    and p not in self.parties:
                self.parties.append(p)
        self.parties.sort(key=lambda p: p.char_start or 0)

    def _learn_people(self, view: SentenceView) -> None:
        after_body, name_before, role_after, for_body = view.tools.lexicon.derived(_patterns)
        for m in view.mentions:
            if not m.actor or view.actor_kind(m.actor) == "person" or view.is_descriptor(m):
                continue
            body = ActorRef(m.text, m.actor, m.start, m.end)
            names = []
            a = after_body.match(view.text, m.end, min(len(view.text), m.end + 80))  # (a title may end the sentence early: "Maj.")
            if a:
                names.append(a.group("name"))
            before = view.before(m.start, 120)
            b = name_before.search(before)
            if b and role_after.match(view.text, m.end, view.end):
                names.append(b.group("name"))
            f = for_body.search(before)
            if f:
                names.append(f.group("name") or "")
                n = _NAME_AFTER.match(view.text, m.end, view.end)
                if n:
                    names.append(n.group("name"))
            for name in names:
                self._add(view, name, body)

    def _add(self, view: SentenceView, name: str, body: ActorRef) -> None:
        words = name.split()
        if not words or view.tools.lexicon.is_a("sentence_openers", words[0]) or _is_named(view, name):
            return
        self.people[_fold(name)] = body
        if len(words) > 1 and len(words[-1]) > 2:
            self.people.setdefault(_fold(words[-1]), body)  # "Ryder said" after "Pat Ryder"

    def resolve(self, who: ActorRef | None) -> ActorRef | None:
        """A speaker as written that the book knows: the body a spokesman speaks for (his words as the text)."""
        if who is None or who.key:
            return who
        body = self.people.get(_fold(who.text))
        return ActorRef(who.text, body.key, who.char_start, who.char_end) if body else who

    def group(self, pos: int) -> ActorRef | None:
        """The armed group named last before `pos`: what "the group" refers to."""
        for g in reversed(self.groups):
            if (g.char_start or 0) < pos:
                return g
        return None

    def army(self, view: SentenceView, pos: int) -> ActorRef | None:
        """ "the military said" at `pos`: the army of the state named last as a party, or of a state the sentence
        names before `pos` (not as a place: "in Iraq"), or the state itself when the reference has no army for it."""
        state_kinds = view.tools.lexicon.words["state_speaker_kinds"]
        here = [m for m in view.mentions if m.actor and m.end <= pos and view.actor_kind(m.actor) in state_kinds
                and view.actor_country(m.actor) and not view.is_descriptor(m) and not _PLACE_USE.search(view.before(m.start, 20))]
        if here:
            country = view.actor_country(here[-1].actor)
        else:
            told = [p for p in self.parties if (p.char_start or 0) < pos]
            country = view.actor_country(told[-1].key) if told else None
        if not country:
            return None
        key = _armies(view).get(country)
        if key is None:
            return None
        return ActorRef(view.tools.reference.actors_by_key[key].name, key)


_ARMIES: dict[int, tuple[object, dict[str, str]]] = {}


def _armies(view: SentenceView) -> dict[str, str]:
    """Country -> the actor "the military" of that country is: a state force the reference calls "<demonym>
    military" (else "... army"), else the state itself. Built once per reference."""
    reference = view.tools.reference
    cached = _ARMIES.get(id(reference))
    if cached is not None and cached[0] is reference:
        return cached[1]
    table: dict[str, str] = {}
    for word in (" military", " army"):
        for a in reference.actors:
            if a.kind == "state_force" and a.country and a.country not in table \
                    and any(n.casefold().endswith(word) for n in (a.name, *a.aliases)):
                table[a.country] = a.key
    for a in reference.actors:
        if a.kind == "state" and a.country:
            table.setdefault(a.country, a.key)
    _ARMIES[id(reference)] = (reference, table)
    return table


def _is_named(view: SentenceView, name: str) -> bool:
    """A name the reference has (a known person speaks for himself)."""
    return any(m.actor and m.text == name for m in view.mentions)
