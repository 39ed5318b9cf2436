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
from eventdb.extract.speakers import embassy_state

_NAME = r"[A-Z][\w'’-]+(?:\s+(?:(?:al|el|bin|ibn|Abu|abu)[-\s])?[A-Z][\w'’-]+){0,3}"


def _patterns(lex: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Four ways news text introduces a spokesman with his body (the body is a reference mention; these patterns
    read the words around it): "<Body> spokesman [Maj. Gen.] <Name>", "<Name>, the <Body> spokesman",
    "<Name>, a spokesman for <Body>" and "a spokesman for <Body>, <Name>,"."""
    roles = lex.alternation("spokesman_roles")
    titles = lex.alternation("name_titles")
    title = rf"(?:(?:{titles})\s+)*"
    after_body = re.compile(rf"(?:['’]s)?\s+(?:[a-z]+\s+)?(?i:{roles}),?\s+{title}(?P<name>{_NAME})")
    name_before = re.compile(rf"(?P<name>{_NAME}),\s+(?:a|an|the)\s+(?:[a-z]+\s+)?$")
    role_after = re.compile(rf"(?:['’]s)?\s+(?:[a-z]+\s+)?(?:{roles})\b")
    for_body = re.compile(rf"(?:(?P<name>{_NAME}),\s+(?:a|an|the)\s+(?:[a-z]+\s+)?)?(?:{roles})\s+(?:for|of)\s+(?:the\s+)?$")
    return after_body, name_before, role_after, for_body


_BODY_NOUN = re.compile(r"(?<![\w'’-])(?P<noun>Coalition|Ministry|Command|Agency|Directorate|Embassy|Mission)(?=\s+[a-z])")
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
    bodies: list[ActorRef] = field(default_factory=list)  # bodies named or heard, in text order: what "the ministry" is
    spoken_for: list[ActorRef] = field(default_factory=list)  # bodies named with a spokesman ("Iranian Foreign Ministry spokesman")
    sources: dict[int, ActorRef] = field(default_factory=dict)  # paragraph start -> the body whose statement follows it
    acronyms: dict[str, str] = field(default_factory=dict)  # "UKMTO" -> "UK Maritime Trade Operations", as introduced
    _frames: dict[int, list] = field(default_factory=dict)  # sentence index -> its speech frames (speech_frames)
    _turns: list[tuple[int, int, str, ActorRef | None]] | None = None  # a transcript's speaker turns
    kinds: dict[str, str] | None = None  # actor key -> kind (from the reference, on the first sentence read)
    names: dict[str, str] | None = None  # actor key -> canonical name

    def read(self, view: SentenceView) -> None:
        """Learn from one sentence, before anything in it is resolved: spokesmen and their bodies, the armed groups."""
        if self._turns is None:
            self._turns = _transcript_turns(view)
            self.kinds, self.names = _actor_tables(view)
        kinds = view.tools.lexicon.words["armed_group_kinds"]
        bodies = view.tools.lexicon.words["body_kinds"]
        for m in view.mentions:
            kind = self.kinds.get(m.actor) if m.actor else None  # type: ignore[union-attr]
            if kind in kinds and not view.is_descriptor(m):
                self.groups.append(ActorRef(m.text, m.actor, m.start, m.end))
            if kind == "person" and " " in m.text.strip():
                self._add_family_name(m.text, ActorRef(m.text, m.actor, m.start, m.end))
            if (m.outlet or kind in bodies) and not view.is_descriptor(m):
                self.bodies.append(ActorRef(m.text, m.actor, m.start, m.end))
            elif kind == "state" and _MISSION_AFTER.match(view.text, m.end):
                self.bodies.append(ActorRef(view.text[m.start:_MISSION_AFTER.match(view.text, m.end).end()], m.actor,
                                            m.start, m.end))  # "the US embassy compound": the United States
            elif m.place and not m.actor and view.tools.reference.places_by_key[m.place].kind == "embassy":
                state = embassy_state(view, m)  # "the US embassy compound in Baghdad": what "the embassy" is later
                if state is not None:
                    self.bodies.append(state)
        if view.has("spokesman_roles"):
            self._learn_people(view)
        if "(" in view.sentence.text:
            for m in _ACRONYM.finditer(view.text, view.start, view.end):
                self.acronyms.setdefault(m.group("acronym"), m.group("name"))
        if view.has("statement_nouns"):
            self._learn_source(view)

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
            if role_after.match(view.text, m.end, view.end) or for_body.search(before):
                self.spoken_for.append(body)
            f = for_body.search(before)
            if f:
                names.append(f.group("name") or "")
                n = _NAME_AFTER.match(view.text, m.end, view.end)
                if n:
                    names.append(n.group("name"))
            for name in names:
                self._add(view, name, body)
        self._learn_described_people(view)

    def _learn_described_people(self, view: SentenceView) -> None:
        """ "Coalition spokesman Colonel Wayne Marotto", "Ministry spokesman Anees al-Asbahi": a body named by its common
        noun alone (no reference name) stands for the body the article named last with that noun."""
        after_body = view.tools.lexicon.derived(_patterns)[0]
        for m in _BODY_NOUN.finditer(view.text, view.start, view.end):
            if any(n.start <= m.start() < n.end for n in view.mentions):
                continue  # part of a name the gazetteer read ("Central Command spokesman"): `_learn_people` has it
            a = after_body.match(view.text, m.end(), min(len(view.text), m.end() + 80))
            body = self.body(f"the {m.group('noun').casefold()}", m.start()) if a else None
            if body is not None and body.key:
                self._add(view, a.group("name"), body)  # type: ignore[union-attr]

    def _learn_source(self, view: SentenceView) -> None:
        """A short paragraph that introduces a statement quoted after it: "1. Islamic Resistance in Iraq, statement
        issued Sunday evening", "Full text of the evening statement by IDF Spokesperson Daniel Hagari": the body it
        names speaks in the quoted paragraphs that follow (`quoted_source`)."""
        para = view.text.rfind("\n", 0, view.start) + 1
        end = view.text.find("\n", view.end)
        end = len(view.text) if end == -1 else end
        if view.text[para:view.start].strip() or len(view.text[para:end].split()) > 30:
            return
        m = _SOURCE_BY.search(view.text, view.start, view.end) or _SOURCE_HEADING.match(view.text, view.start, view.end)
        if m is None:
            return
        start, stop = m.start("who"), m.end("who")
        names = [n for n in view.mentions if (n.actor or n.outlet) and start <= n.start < stop and not view.is_descriptor(n)]
        if names and (names[0].start == start or _SOURCE_BY.search(view.text, view.start, view.end)):
            who = self.resolve(ActorRef(names[0].text, names[0].actor, names[0].start, names[0].end))
        else:
            who = ActorRef(view.text[start:stop].strip(), None, start, stop)
        if who is not None and who.text:
            self.sources[end] = who

    def quoted_source(self, view: SentenceView) -> ActorRef | None:
        """The body whose statement the sentence quotes: the sentence stands in quoted paragraphs (each opening with a
        quotation mark) right after a paragraph that introduces a statement."""
        text = view.text
        para = text.rfind("\n", 0, view.start) + 1
        while text[para:para + 1] in "“\"" and para > 1:
            end = para - 1
            while end > 0 and text[end - 1] == "\n":
                end -= 1
            if end in self.sources:
                return self.sources[end]
            para = text.rfind("\n", 0, end) + 1
            if text[para:para + 1] not in "“\"":
                return self.sources.get(end)
        return None

    def _add(self, view: SentenceView, name: str, body: ActorRef) -> None:
        words = name.split()
        if not words or view.tools.lexicon.is_a("sentence_openers", words[0]) or _is_named(view, name):
            return
        self.people[_fold(name)] = body
        if len(words) > 1 and len(words[-1]) > 2:
            self.people.setdefault(_fold(words[-1]), body)  # "Ryder said" after "Pat Ryder"

    def _add_family_name(self, name: str, person: ActorRef) -> None:
        """A reference person named in full ("Yahya Saree") is who his family name alone stands for later ("Saree
        said"), unless the article has named someone else of that family name first."""
        last = name.split()[-1]
        if len(last) > 2 and last[:1].isupper():
            self.people.setdefault(_fold(last), person)

    def frames_of(self, index: int) -> list | None:
        """The speech frames of a sentence already read (None: not read yet)."""
        return self._frames.get(index)

    def keep_frames(self, index: int, frames: list) -> None:
        """Keep a sentence's frames for the sentences after it; a speaker heard is a body "the ministry" may mean."""
        self._frames[index] = frames
        self._frames.pop(index - 4, None)
        for f in frames:
            if f.speaker is not None and f.speaker.char_start is not None and f.speaker not in self.bodies:
                self.bodies.append(f.speaker)

    def frame_at(self, index: int, pos: int, end: int) -> object | None:
        """The frame of sentence `index` whose content holds `pos` (the innermost when frames nest); `end` is the
        sentence end (a position there is in a frame that runs to it)."""
        best = None
        for f in self._frames.get(index) or ():
            if f.content_start <= pos < f.content_end or pos == end == f.content_end:
                if best is None or f.content_start >= best.content_start:
                    best = f
        return best

    def _is_person(self, who: ActorRef) -> bool:
        return who.key is not None and self.kinds is not None and self.kinds.get(who.key) == "person"

    def last_speaker(self) -> ActorRef | None:
        """The speaker of the last frame of the last sentences (what "he said", "it added" stand for)."""
        for index in sorted(self._frames, reverse=True):
            for f in reversed(self._frames[index]):
                if f.speaker is not None:
                    return f.speaker
        return None

    def last_body(self, pos: int) -> ActorRef | None:
        """The body (not a person) named or heard last before `pos`, within the last two sentences' reach."""
        for b in reversed(self.bodies):
            if (b.char_start or 0) < pos and pos - (b.char_start or 0) < 400 and b.key and not self._is_person(b):
                return b
        return None

    def body(self, head: str, pos: int) -> ActorRef | None:
        """ "the ministry said", "according to the directorate": the body named last before `pos` whose name has the
        description's noun ("the Kurdistan Region's Ministry of Natural Resources", "Iran's Foreign Ministry"), else
        the last speaker heard."""
        noun = head.split()[-1].casefold()
        if noun in ("spokesman", "spokeswoman", "spokesperson", "official"):
            told = [b for b in self.spoken_for if (b.char_start or 0) < pos]
            if told:
                return told[-1]
        else:
            for b in reversed(self.bodies):
                if (b.char_start or 0) < pos and (noun in b.text.casefold() or noun in (self.names or {}).get(b.key or "", "")):
                    return b  # "CENTCOM ... the command said": US Central Command
        spoke = self.last_speaker()  # "No peacekeepers were hurt, the mission said": the body that spoke last
        return spoke if spoke is not None and not self._is_person(spoke) else None

    def turn_at(self, pos: int) -> tuple[int, str, ActorRef | None] | None:
        """In a transcript, the speaker turn `pos` lies in: where its words start, its label, who the label names."""
        for start, end, label, who in self._turns or ():
            if start <= pos < end:
                return start, label, self.resolve(who) if who is not None else None
        return None

    def open_quote(self, view: SentenceView) -> bool:
        """The sentence continues a quotation opened before it in its paragraph, or in the last paragraph when this
        one opens with a quotation mark (a quotation running over paragraphs opens each without closing the last)."""
        text = view.text
        para = text.rfind("\n", 0, view.start) + 1
        if _unclosed(text[para:view.start]):
            return True
        return text[para:view.start].strip() == "" and text[view.start:view.start + 1] in "“\"" and para > 1 \
            and _unclosed(text[text.rfind("\n", 0, para - 1) + 1:para])

    def resolve(self, who: ActorRef | None) -> ActorRef | None:
        """A speaker as written that the book knows: the body a spokesman speaks for (his words as the text)."""
        if who is None or who.key:
            return who
        if who.text in self.acronyms:  # "UKMTO said" after "UK Maritime Trade Operations (UKMTO)": the name as written
            return ActorRef(self.acronyms[who.text], None, who.char_start, who.char_end)
        if _ALL_CAPS.fullmatch(who.text):  # "UKMTO said" after "UK Maritime Trade Operations said": its initials
            named = next((b for b in reversed(self.bodies) if not b.key and _initials(b.text) == who.text), None)
            if named is not None:
                return ActorRef(named.text, None, who.char_start, who.char_end)
        body = self.people.get(_fold(who.text))
        if body is None and " " not in who.text.strip():  # "SINGH:" after "... Press Secretary Sabrina Singh Holds ..."
            word = _fold(who.text)
            body = next((b for name, b in self.people.items() if word in name.split()), None) if len(word) > 2 else None
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
            origins = {view.actor_country(m.actor) or view.country_of(m.place) for m in view.mentions
                       if (m.actor or m.place) and _FROM_BEFORE.search(view.before(m.start, 12))}
            # "the army said 30 rockets had been fired from Lebanon": not the army of the country they came from
            told = [p for p in self.parties if (p.char_start or 0) < pos and view.actor_country(p.key) not in origins]
            country = view.actor_country(told[-1].key) if told else None
            spoke = self.last_speaker()
            if spoke is not None and spoke.key and view.actor_kind(spoke.key) == "state_force" \
                    and 0 < pos - (spoke.char_start or 0) < 400 and view.actor_country(spoke.key) not in origins:
                country = view.actor_country(spoke.key) or country  # "Iran's armed forces said ... In a later
                # statement, the army said": the army that spoke just before
        if not country:  # "..., the IDF said. Most were intercepted, the army said": the army of the state that spoke last
            spoke = self.last_speaker()
            country = view.actor_country(spoke.key) if spoke is not None and view.actor_kind(spoke.key) in state_kinds else None
        if not country:
            return None
        key = _armies(view).get(country)
        if key is None:
            return None
        return ActorRef(view.tools.reference.actors_by_key[key].name, key)


# "statement by X", "statement from X" / "X, statement issued ..." (a heading, after an optional number).
_SOURCE_BY = re.compile(r"\b(?:statement|remarks|address|text)\s+(?:\w+\s+){0,2}?(?:by|from|of)\s+(?P<who>(?:the\s+)?[A-Z][^,;]{1,60}?)(?=\s+on\b|,|\s*$|\s+\()")
_SOURCE_HEADING = re.compile(r"\s*(?:\d+[.)]\s+)?(?P<who>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|in|al-[\w'’-]+|for)){0,6})"
                             r"(?:\s*\([^)]{1,30}\))?,\s+(?:\w+\s+){0,2}statement\b")


_FROM_BEFORE = re.compile(r"\b(?:fired|launched|came|coming|crossed|crossing)\s+from\s+(?:the\s+)?(?:[\w-]+\s+)?$")
_ALL_CAPS = re.compile(r"[A-Z]{2,8}")


def _initials(name: str) -> str:
    """ "UK Maritime Trade Operations" -> "UKMTO": an all-capital word whole, any other capitalized word's first letter."""
    return "".join(w if w.isupper() else w[0] for w in name.split() if w[:1].isupper())


# A name the text introduces with its acronym in brackets: "UK Maritime Trade Operations (UKMTO)".
_ACRONYM = re.compile(r"(?P<name>[A-Z][\w'’-]*(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][\w'’-]*){1,5})\s*\((?P<acronym>[A-Z]{2,8})\)")


_MISSION_AFTER = re.compile(r"\s+(?:[Ee]mbassy|[Cc]onsulate(?:\s+[Gg]eneral)?)\b")


_TABLES: dict[int, tuple[object, dict[str, str], dict[str, str]]] = {}


def _actor_tables(view: SentenceView) -> tuple[dict[str, str], dict[str, str]]:
    """Actor key -> kind and key -> canonical name (casefolded), built once per reference."""
    reference = view.tools.reference
    cached = _TABLES.get(id(reference))
    if cached is None or cached[0] is not reference:
        cached = _TABLES[id(reference)] = (reference, {a.key: a.kind for a in reference.actors},
                                           {a.key: a.name.casefold() for a in reference.actors})
    return cached[1], cached[2]


def _unclosed(chunk: str) -> bool:
    return chunk.count("“") > chunk.count("”") or chunk.count('"') % 2 == 1


# A transcript's speaker label at the start of a paragraph: "MS. SINGH:", "GEN. RYDER:", "Q:".
_LABEL = re.compile(r"(?m)^(?P<label>Q|(?:[A-Z][A-Z.'’-]*\s+){0,6}[A-Z][A-Z'’-]+):\s+")


def _transcript_turns(view: SentenceView) -> list[tuple[int, int, str, ActorRef | None]]:
    """The speaker turns of a transcript (at least two labels), each (start, end, label, speaker as written): the
    label's last word ("SINGH"), resolved later with the book (a person introduced with his body); "Q" (a
    reporter's question) is no one's statement."""
    labels = list(_LABEL.finditer(view.text))
    if len(labels) < 2:
        return []
    turns = []
    for i, m in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(view.text)
        words = m.group("label").replace(".", " ").split()
        who = None if m.group("label") == "Q" else ActorRef(words[-1].title(), None, m.start("label"), m.end("label"))
        turns.append((m.end(), end, m.group("label"), who))
    return turns


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
