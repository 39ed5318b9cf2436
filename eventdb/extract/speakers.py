"""Who speaks: the speaker of a speech verb, "according to" or a quotation, as a reference actor or as written,
and the sides speakers belong to (a spokesman speaks for his group, CENTCOM for the United States)."""

from __future__ import annotations

import re

from eventdb.assertions import ActorRef
from eventdb.extract.context import SentenceView, actor_ref
from eventdb.extract.gazetteer import Mention
from eventdb.extract.incident_actors import APPOSITION
from eventdb.extract.lexicon import Lexicon
from eventdb.extract.reported import may_hold

_OBJECT = re.compile(r"\b(?:in|inside|across|at|of|on|against|to|from|into|with|targeting|for|by)\s+(?:the\s+)?$", re.IGNORECASE)
_RELATIVE = re.compile(r"(?:[–—,]\s*[“\"]?(?:which|who)\b)")
_PERSON = re.compile(r"\s*([A-Z][a-z’'-]+(?:\s(?:(?:al|bin|ibn|el|Abu)[-\s])?[A-Z][\w’'-]+){1,3})")
_WHICH = re.compile(r",?\s*(?:which|who)\s+(?:also\s+|later\s+|earlier\s+)?$")
_GROUPS = re.compile(r"\s+(?:security\s+|government\s+|military\s+|defense\s+|defence\s+|foreign\s+|interior\s+|health\s+)?(?:army|military|forces|sources|officials|official|government|ministry|media|state media|rebels|militants|authorities|side|embassy)\b", re.IGNORECASE)


def speaker(view: SentenceView, before: int) -> ActorRef | None:
    """The subject of the nearest speech verb or "according to" before `before` (or after a closing quote).

    Cached on the view: incidents and claims ask for the same sentence's speaker."""
    if before not in view.speakers:
        view.speakers[before] = resolved(view, _speaker(view, before))
    return view.speakers[before]


def resolved(view: SentenceView, who: ActorRef | None) -> ActorRef | None:
    """Stage 2 for a speaker as written: the body a spokesman the article introduced speaks for (`speaker_book`)."""
    book = view.book
    return book.resolve(who) if book is not None and who is not None and who.key is None else who  # type: ignore[attr-defined]


_ANAPHOR_GAP = re.compile(r"\s+(?:(?:also|later|earlier|then|now|separately|has|had|have|itself|quickly|swiftly|on\s+\w+day|in\s+a\s+statement)\s+)*$")


def described_body(view: SentenceView, verb: int) -> ActorRef | None:
    """ "The embassy did not respond", "the ministry said": a speaker description right before `verb`, the body the
    article named last with that noun (speaker_book)."""
    book = view.book
    if book is None or not view.has("speaker_anaphora"):
        return None
    for a in view.find("speaker_anaphora", max(view.start, verb - 40), verb):
        if _ANAPHOR_GAP.fullmatch(view.text, a.end(), verb) or a.end() == verb:
            body = book.body(a.group(0), a.start())  # type: ignore[attr-defined]
            return ActorRef(a.group(0), body.key, a.start(), a.end()) if body is not None else None
    return None


def described_speaker(view: SentenceView, verb: int) -> ActorRef | None:
    """ "the group claimed", "the military said": a definite description right before a verb, resolved with the article
    so far: the armed group named last (in the sentence, else before it), the army of the state named last as a party.
    None when the words are no such description or the book cannot resolve them."""
    book = view.book
    for category in ("group_anaphora", "army_anaphora"):
        for a in view.find(category, max(view.start, verb - 60), verb):
            if not _ANAPHOR_GAP.fullmatch(view.text, a.end(), verb) and a.end() != verb:
                continue
            if category == "group_anaphora":
                named = [m for m in view.mentions if (m.actor or m.outlet) and m.end <= a.start() and not view.is_descriptor(m)]
                return _group_meant(view, named, a.start())
            army = book.army(view, a.start()) if book is not None else None  # type: ignore[attr-defined]
            return ActorRef(a.group(0), army.key, a.start(), a.end()) if army is not None else None
    return None


def voice(view: SentenceView, before: int, previous: ActorRef | None = None) -> ActorRef | None:
    """The speaker before `before`, or, when the sentence's speaker is a pronoun ("..., it added", "It said ..."),
    `previous`: the last speaker of an earlier sentence.

    Cached on the view for the same `before` and the same `previous` object (extract asks three times per sentence
    with the sentence end and the last speaker): the answer reads only the view, `before` and `previous`."""
    known = view.voices.get(before)
    if known is not None and known[0] is previous:
        return known[1]
    framed = framed_speaker(view, before)
    who = framed[1] if framed[0] else speaker(view, before) or pronoun_speaker(view, before, previous)
    view.voices[before] = (previous, who)
    return who


def framed_speaker(view: SentenceView, pos: int) -> tuple[bool, ActorRef | None]:
    """(True, speaker) when `pos` lies in what a speech frame says (`speech_frames`, kept in the book), the speaker
    None when the frame's speaker cannot be named ("Witnesses said"); (False, None) outside every frame."""
    book = view.book
    if book is None:
        return False, None
    frame = book.frame_at(view.sentence.index, pos, view.end)  # type: ignore[attr-defined]
    if frame is None:
        frames = book.frames_of(view.sentence.index) or ()  # type: ignore[attr-defined]
        if any(f.sieve == "subject" and f.content_end < view.end and f.content_end <= pos for f in frames):
            return True, None  # "X announced ..., and on February 7 a US drone strike killed Y": the outlet's clause
        if pos >= view.end and frames and frames[-1].sieve != "subject":
            frame = frames[-1]  # the sentence's speaker: the last frame when it closes the sentence ("..., the army said.")
    return (True, frame.speaker) if frame is not None else (False, None)


_RUN_BY = re.compile(r"-(?:run|owned|controlled|funded|based)\b")
BY_AGENT = re.compile(r"\s+by\s+")


def passive_agent(view: SentenceView, verb_end: int) -> ActorRef | None:
    """ "was reported by the Pentagon": the agent of a passive speech verb speaks."""
    by = BY_AGENT.match(view.text, verb_end)
    if not by:
        return None
    names = [m for m in view.mentions if (m.actor or m.outlet) and by.end() <= m.start < by.end() + 12
             and _FIRST_PHRASE.fullmatch(view.text, by.end() - 1, m.start)]
    return ref(view, names[0]) if names else None


def revised_subject(view: SentenceView) -> ActorRef | None:
    """ "The Israeli military has revised its account of the death. It now says ...": a sentence with no speech verb
    whose subject, a name at its start, "has" done something of its own; the "it" of the next sentence is that name,
    not the speaker of an earlier sentence. None for any other sentence."""
    if view.has("speech_verbs"):
        return None
    for m in view.mentions:
        if not (m.actor or m.outlet) or view.is_descriptor(m):
            continue
        if _OPENING.fullmatch(view.text, view.start, m.start) and _HAS_DONE.match(view.text, m.end, view.end):
            return resolved(view, ref(view, m))
        break  # only the first name of the sentence
    return None


_OPENING = re.compile(r"\s*(?:\d{1,2}:\d{2}[^\n]{0,40}\n\s*)?(?:[A-Z][a-z]+:\s+)?(?:[Tt]he\s+)?")  # "12:05\nUpdate: The"
_HAS_DONE = re.compile(r"(?:['’]s)?(?:\s+[a-z][\w-]*){0,2}\s+(?:has|had|have)\s+(?:now\s+|since\s+)?[a-z]+ed\b")


def pronoun_speaker(view: SentenceView, before: int, previous: ActorRef | None) -> ActorRef | None:
    """`previous` when the speaker is a pronoun or a description of it; "the group said" only when it was a group."""
    if previous is None:
        return None
    if _pronoun_speaks(view, before):
        return previous
    armed = view.actor_kind(previous.key) in view.tools.lexicon.words["armed_group_kinds"]
    return previous if armed and _group_speaks(view, before) else None


def _group_speaks(view: SentenceView, before: int) -> bool:
    """ "In a Telegram post, the group said ...": "the group" as the subject of a speech verb."""
    verbs = [v.start() for v in view.find("speech_verbs") if v.start() <= before + 200]
    return any(a.end() < v and view.text[a.end():v].isspace() for a in view.find("group_anaphora") for v in verbs)


def unvoiced(view: SentenceView) -> bool:
    """No one speaks in the sentence but the outlet: no speech verb, or only passive or negated ones ("no injuries were
    reported", "no group has claimed that attack")."""
    return all(_PASSIVE_SPEECH.search(view.before(v.start(), 12)) or negated_clause(view, v.start())
               for v in view.find("speech_verbs"))


_PASSIVE_SPEECH = re.compile(r"\b(?:was|were|been|is|are|being)\s+(?:\w+ly\s+)?$", re.IGNORECASE)


def _pronoun_speaks(view: SentenceView, before: int | None = None) -> bool:
    """A speech verb whose subject is a pronoun ("..., it said") or a definite description of the last speaker
    ("..., the mission said"): someone speaks, even when we cannot tell who."""
    limit = view.end if before is None else before + 200
    if not may_hold(view, "speaker_anaphora"):
        return any(_PRONOUN_SUBJECT.search(view.before(v.start(), 20)) for v in view.find("speech_verbs") if v.start() <= limit)
    anaphor = view.tools.lexicon.derived(_anaphor_subject_pattern)
    after = view.tools.lexicon.derived(_anaphor_after_pattern)  # "..., according to the directorate."
    return any(_PRONOUN_SUBJECT.search(view.before(v.start(), 20)) or anaphor.search(view.before(v.start(), 30))
               or (fold_phrase(v.group(0)) == "according to" and after.match(view.text, v.end()))
               for v in view.find("speech_verbs") if v.start() <= limit)


def _anaphor_after_pattern(lex: Lexicon) -> re.Pattern[str]:
    return re.compile(rf"\s+(?:{lex.alternation('speaker_anaphora')})\b", re.IGNORECASE)


def _anaphor_subject_pattern(lex: Lexicon) -> re.Pattern[str]:
    return re.compile(rf"(?:^|[,;]\s+|^\s*)(?:{lex.alternation('speaker_anaphora')})\s+(?:also\s+|later\s+|has\s+|had\s+)?$", re.IGNORECASE)


# "said it was still looking into", "said they had not yet confirmed": the pronoun subject of the reported clause, a few
# auxiliaries and adverbs before the phrase.
_REPORTED_PRONOUN = re.compile(r"(?<![\w-])(?:it|they|he|she|we)\s+(?:(?:was|were|is|are|had|has|have|would|could|did|"
                               r"still|also|not|yet|so|far|only|then)\s+){0,3}$", re.IGNORECASE)
_PRONOUN_SUBJECT = re.compile(r"(?<![\w-])(?:it|they|he|she)\s+(?:also\s+|later\s+|now\s+|had\s+|has\s+)?$", re.IGNORECASE)


def _inside_a_mention(pos: int, mentions: list[Mention]) -> bool:
    """Whether `pos` lies inside one of the `mentions` (a plain loop, not any(<genexpr>): it runs per speech verb)."""
    for m in mentions:
        if m.start <= pos < m.end:
            return True
    return False


def _speaker(view: SentenceView, before: int) -> ActorRef | None:
    verbs = [v for v in view.find("speech_verbs", view.start, view.end)
             if not (v.group(0).lower() == "described" and _WHAT_X.search(view.before(v.start(), 40)))
             and not _inside_a_mention(v.start(), view.mentions)]  # "the United States": a name, not "states"
    for v in verbs:
        if fold_phrase(v.group(0)) == "according to":
            names = [m for m in view.mentions if (m.actor or m.outlet) and m.start >= v.end() and m.start - v.end() < 25
                     # "according to the coalition, the Houthis": not them
                     and _FIRST_PHRASE.fullmatch(view.text, v.end(), m.start)
                     and not view.is_descriptor(m) and not _RUN_BY.match(view.text, m.end)]  # "the Huthi-run Saba agency"
            if names:
                return ref(view, names[0])
            written = speaker_after_according(view, v.end())
            if written:
                return written
    for v in verbs:
        if v.start() > before + 200:
            break
        if _PASSIVE_SPEECH.search(view.before(v.start(), 12)):
            agent = passive_agent(view, v.end())
            if agent:
                return agent
            continue  # "an attack ... in Syria was reported": Syria is not speaking
        joint = joint_speakers(view, v.start()) if view.has("joint_speakers") else None
        if joint:
            return joint[0]  # "..., the two countries said": the first speaks here, sentence_claims adds the other
        who = subject_of(view, v.start()) or _inverted_subject(view, v.start(), v.end())
        if who:
            return who
    for m in view.find("unknown_actors", view.start, before) if verbs else ():  # no verb: "Unidentified gunmen shot dead X"
        return ActorRef(m.group(0), None, m.start(), m.end())  # speaks of no one

    for v in verbs:
        if not _PASSIVE_SPEECH.search(view.before(v.start(), 12)):
            return described_speaker(view, v.start()) or unresolved_speaker(view, v.start())  # the first active speech verb ("no injuries were reported, X said")
    return None


def joint_speakers(view: SentenceView, verb: int) -> tuple[ActorRef, ActorRef] | None:
    """ "US and British jets struck X, the two countries said": a joint subject of a speech verb ("the two countries",
    "both governments") stands for the two states named before it in the sentence; with any other number of states
    the speakers cannot be told, and there is none."""
    anaphor = [a for a in view.find("joint_speakers", view.start, verb) if _JOINT_GAP.fullmatch(view.text, a.end(), verb)]
    if not anaphor:
        return None
    states: dict[str, object] = {}
    for m in view.mentions:
        if m.actor and m.end <= anaphor[-1].start() and view.actor_kind(m.actor) == "state" \
                and not _OBJECT.search(view.before(m.start, 14)):  # "struck targets in Yemen": a place, not a speaker
            states.setdefault(m.actor, m)
    if len(states) != 2:
        return None
    first, second = states.values()
    return actor_ref(first), actor_ref(second)


_JOINT_GAP = re.compile(r"\s+(?:also\s+|later\s+|jointly\s+|have\s+|had\s+)?")



# An adverb of time between a speaker and its verb: "the ministry now puts the toll at", "X separately said".
_TIME_ADVERB = r"(?:now|also|later|earlier|separately)"


def _named_speaker_pattern(lex: Lexicon) -> re.Pattern[str]:
    """A capitalized name right before a speech verb, at the sentence's start or after a comma or dash: after an optional
    possessive and epithet ("Lebanon's state-run"), with an optional common head noun ("... regional government") and
    without a descriptor ("... ambulance service") or a relative clause (", which is run by the navy,")."""
    return re.compile(
        rf"(?:^|[,;:—–][”\"]?\s+|[”\"]\s+)(?:[Tt]he\s+|[Aa]n?\s+)?(?:[A-Z][\w-]+['’]s\s+)?(?:(?:{lex.alternation('speaker_epithets')}|[A-Z][\w]+-run)\s+)?"
        rf"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){{0,3}}(?:\s+(?:{lex.alternation('speaker_heads')}))?"
        rf"|[A-Z][\w]+-run\s+(?:[a-z]+\s+)?(?:{lex.alternation('speaker_heads')})"
        rf"|[A-Z][a-z]+['’]s\s+(?:[a-z]+\s+)?(?:{lex.alternation('speaker_heads')})"
        rf"|[a-z]+['’]s\s+(?:{lex.alternation('role_speakers')}))"
        rf"(?:\s+(?:{lex.alternation('speaker_descriptors')}))?(?:\s*\([A-Z]{{2,10}}\))?(?:,\s+(?:which|who)\s+[^,;]{{3,80}},)?"
        rf"(?:\s+{_TIME_ADVERB})?\s+$")  # "Lebanon's health ministry now puts the toll at ...": the adverb is the verb's


def speaker_after_according(view: SentenceView, pos: int) -> ActorRef | None:
    """ "according to the Soroka hospital in Beersheba": a name the reference lacks, as written."""
    m = _AFTER_ACCORDING.match(view.text, pos, view.end)
    if not m or view.tools.lexicon.is_a("sentence_openers", m.group("name").split()[0]):
        return None
    return _as_written(view, m.group("name"), m.start("name"))


_AFTER_ACCORDING = re.compile(r"\s+(?:[Tt]he\s+)?(?:[A-Z][\w-]+['’]s\s+)?"
                              r"(?:(?:[\w]+-(?:run|owned|controlled|funded|based)|official|semi-official)\s+)?(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3}"
                              r"(?:\s+(?:hospital|ministry|government|authorities|police|council|directorate))?)(?=[\s,.;])")


def _as_written(view: SentenceView, name: str, start: int) -> ActorRef | None:
    if name.split()[0] in _PRONOUNS:
        return None
    office = _OFFICE.search(name)
    if office is not None:  # "the IDF Spokesperson's Unit", "the Pentagon press office": the body whose office it is
        body = [m for m in view.mentions if m.actor and m.start == start and m.end == start + office.start()]
        if body and view.actor_kind(body[0].actor) != "person":
            return ActorRef(name, body[0].actor, start, start + len(name))
    return ActorRef(name, None, start, start + len(name))


_OFFICE = re.compile(r"\s+(?:[Ss]pokes(?:person|man|woman)['’]s\s+(?:[Uu]nit|[Oo]ffice)|[Pp]ress\s+[Oo]ffice|[Mm]edia\s+[Oo]ffice)$")


# "strikes on what Washington described as Huthi radar sites": a characterization inside the sentence, not its source
# ("in what the Israeli military said were precise strikes" is a statement).
_WHAT_X = re.compile(r"\bwhat\s+(?:the\s+)?(?:[\w'’-]+\s+){1,3}$")
_FIRST_PHRASE = re.compile(r"\s+(?:(?:the|a|an)\s+)?(?:[\w'’-]+\s+){0,3}?")


def unresolved_speaker(view: SentenceView, verb: int) -> ActorRef | None:
    """ "Syrian state media reported", "..., the Kurdistan regional government said": a named speaker the reference lacks, as written."""
    body = _demonym_body(view, verb) or _possessed_body(view, verb) or _appositive_name(view, verb)
    if body:
        return body
    before = view.text[view.start:verb]
    m = view.tools.lexicon.derived(_named_speaker_pattern).search(before)
    if not m or view.tools.lexicon.is_a("sentence_openers", m.group("name").split()[0]):
        return None
    return _as_written(view, m.group("name"), view.start + m.start("name"))


# "the Kurdistan Region's Ministry of Natural Resources", "Lebanon's health ministry": a body a place or state owns.
_POSSESSED_BODY = re.compile(r"(?:^|(?<=[\s,;:“\"]))(?:[Tt]he\s+)?(?P<owner>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})['’]s\s+"
                             r"(?P<body>(?:[A-Z][\w-]*\s+|[a-z]+\s+)?(?:[Mm]inistry|[Dd]irectorate|[Cc]ouncil)"
                             r"(?:\s+of(?:\s+(?:and\s+)?[A-Z][\w-]*){1,3})?)\s+(?:(?:also|later|now|earlier|separately)\s+)?$")


def _possessed_body(view: SentenceView, verb: int) -> ActorRef | None:
    """ "..., the Kurdistan Region's Ministry of Natural Resources said": a body of a region is its government when the
    reference has one for it (a government body named after the region); a body of anyone else is kept as written
    (a state's own ministries are read as reference names or by `_speaker_shape`)."""
    m = _POSSESSED_BODY.search(view.text, max(view.start, verb - 100), verb)
    if m is None:
        return None
    owner = m.group("owner")
    places = [p for p in view.mentions if p.place and not p.actor and p.start == m.start("owner") and p.text == owner
              and view.tools.reference.places_by_key[p.place].kind == "region"]
    government = _region_government(view, owner) if places else None
    start = m.start("owner")
    if government is not None:
        return ActorRef(view.text[start:m.end("body")], government, start, m.end("body"))
    bodies = [a for a in view.actors(start, m.end("owner")) if a.start == start and a.end == m.end("owner")
              and view.actor_kind(a.actor) == "government_body"]
    if bodies:  # "The Kurdistan Regional Government's interior ministry said": the government speaks (rules-8 d)
        return ref(view, bodies[0])
    return None


_GOVERNMENTS: dict[int, tuple[object, dict[str, str]]] = {}


def _region_government(view: SentenceView, region: str) -> str | None:
    """The government body the reference names after a region ("Kurdistan Region government" for "Kurdistan
    Region"), built once per reference."""
    reference = view.tools.reference
    cached = _GOVERNMENTS.get(id(reference))
    if cached is None or cached[0] is not reference:
        table: dict[str, str] = {}
        for a in reference.actors:
            if a.kind == "government_body":
                for name in (a.name, *a.aliases):
                    words = name.replace("’", "'").split("'s ")[0].split()
                    if len(words) > 1 and words[-1].casefold() in ("government", "ministry") or "'s " in name.replace("’", "'"):
                        table.setdefault(" ".join(w for w in words if w.casefold() not in ("government", "ministry")).casefold(), a.key)
        cached = _GOVERNMENTS[id(reference)] = (reference, table)
    return cached[1].get(region.casefold())


# "The operator, HKN Energy, said": a name the reference lacks in apposition to a description of the speaker.
_APPOSITIVE_NAME = re.compile(r"(?:^|(?<=[\s,;:]))[Tt]he\s+(?:[a-z-]+\s+){0,3}[a-z-]+,\s+"
                              r"(?P<name>[A-Z][\w&’'-]*(?:\s+[A-Z][\w&’'-]*){0,3}),\s+$")


def _appositive_name(view: SentenceView, verb: int) -> ActorRef | None:
    m = _APPOSITIVE_NAME.search(view.text, max(view.start, verb - 80), verb)
    if m is None:
        return None
    return _as_written(view, m.group("name"), m.start("name"))


def _demonym_body(view: SentenceView, verb: int) -> ActorRef | None:
    """ "..., the Kurdish security service said", "the Palestinian governor said": a demonym the reference lacks with the
    body or office it qualifies is a speaker kept as written, never the bare demonym ("Kurdish")."""
    start = max(view.start, verb - 80)
    m = view.tools.lexicon.derived(_demonym_body_pattern).search(view.text, start, verb)
    if not m or view.tools.lexicon.is_a("sentence_openers", m.group("name").split()[0]):
        return None
    return ActorRef(m.group("name"), None, m.start("name"), m.end("name"))


def _demonym_body_pattern(lex: Lexicon) -> re.Pattern[str]:
    bodies = "|".join(lex.alternation(c) for c in ("speaker_heads", "speaker_descriptors", "demonym_speaker_roles"))
    return re.compile(rf"(?<![\w'’-])(?P<name>[A-Z][a-z]+(?:ish|ian|ese|i|an)\s+(?:[a-z-]+\s+){{0,2}}?"
                      rf"(?:{bodies}))\s+$")


_PRONOUNS = frozenset({"It", "They", "He", "She", "We", "I", "Officials", "Analysts", "Witnesses", "Residents", "Sources"})


def subject_of(view: SentenceView, verb: int) -> ActorRef | None:
    """The name a speech verb at `verb` belongs to: "X said", "X, a fellow at Y, said", "X, which reported", "an unknown group said"."""
    named = [m for m in view.mentions if (m.actor or m.outlet) and m.end <= verb and not view.is_descriptor(m)]
    for anaphor in view.find("group_anaphora"):
        if anaphor.end() < verb and view.text[anaphor.end():verb].isspace():
            return _group_meant(view, named, anaphor.start())  # "...; the group said eight of its fighters were killed"
    participial = _PARTICIPLE_WORD.search(view.text, view.start, verb) is not None
    for m in named:
        if participial and m.start - view.start < 40 and view.actor_kind(m.actor) != "person" \
                and _PARTICIPIAL.fullmatch(view.text, _group_end(view, m), verb):
            return ref(view, m)  # "An Iraqi security official, speaking on condition of anonymity, said"
        if m.start - view.start < 40 and APPOSITION.fullmatch(view.text, _past_acronym(view, m.end), verb) and not _SPEECH_WORD.search(view.text[m.end:verb]):
            return ref(view, m)  # "Hamdi Malik, an associate fellow at ..., said"
    person = _PERSON.match(view.text, view.start, verb)
    if person and not view.tools.lexicon.is_a("sentence_openers", person.group(1).split()[0]) \
            and APPOSITION.fullmatch(view.text[person.end(1):verb]) and not any(m.start < person.end(1) for m in named):
        return ActorRef(person.group(1), None, person.start(1), person.end(1))  # a name the reference lacks
    named = [m for m in named if m.adjective or not _INSIDE_NAME.match(view.text, m.end)]  # "UK Maritime Trade Operations said"
    close = [m for m in named if verb - m.end < 45 and _speaker_shape(view, m)
             and (not _OBJECT.search(view.before(m.start, 14)) or _WHICH.fullmatch(view.text[m.end:verb]))]  # not "in Yemen, ... said"
    unknown = [m for m in view.find("unknown_actors", max(view.start, verb - 45), verb)]
    if unknown and (not close or unknown[-1].start() > close[-1].end):
        return ActorRef(unknown[-1].group(0), None, unknown[-1].start(), unknown[-1].end())
    if close:
        m = close[-1]
        between = view.text[m.end:verb]
        if _PRONOUN_BEFORE_VERB.search(between):
            return None  # "not by a Hezbollah drone as it said this morning": "it" speaks, not the name before it
        if _WHICH.fullmatch(between) or _STATE_BODY.fullmatch(between) or not _CLAUSE_WORD.search(between):
            return ref(view, m)
    return None


_PRONOUN_BEFORE_VERB = re.compile(r"\b(?:it|they|he|she|we)\s+(?:(?:also|now|later|earlier|had|has|have)\s+)?$", re.IGNORECASE)
_SPEECH_WORD = re.compile(r"\b(?:said|says|told)\b")
_CLAUSE_WORD = re.compile(r"\b(?:that|which|on|against|at|to|of|in|for)\b")


# A name followed by a capitalized word is part of a longer name the reference lacks ("UK Maritime Trade Operations"),
# or a title before a person ("Hezbollah Secretary-General Hassan Nasrallah"): it does not speak itself.
_INSIDE_NAME = re.compile(r" [A-Z][a-z]")
# ", speaking on condition of anonymity," and the relative clause ", who spoke on condition of anonymity because ...,"
_PARTICIPLE = r",\s+(?:speaking|citing|quoting|writing|asked|quoted|who\s+(?:spoke|was\s+speaking|asked))\b"
_PARTICIPLE_WORD = re.compile(_PARTICIPLE)  # the cheap test whether a sentence has one at all
_PARTICIPIAL = re.compile(_PARTICIPLE + r"[^,;“”]{3,100},\s*")


def _group_end(view: SentenceView, m) -> int:
    """Where a name's group noun ends ("Iraqi security official", "US defense official"), or the name's end."""
    group = _GROUPS.match(view.text, m.end)
    return group.end() if group else m.end


def _group_meant(view: SentenceView, named: list, pos: int) -> ActorRef | None:
    """ "the group" as a speaker: the armed group named last before it in the sentence, else before the sentence."""
    for m in reversed(named):
        if m.end <= pos and m.actor and view.actor_kind(m.actor) in view.tools.lexicon.words["armed_group_kinds"]:
            return actor_ref(m)
    return view.book.group(pos) if view.book is not None else None  # type: ignore[attr-defined]


_ACRONYM = re.compile(r"\s*\([A-Z][\w-]{1,10}\)")


def _past_acronym(view: SentenceView, pos: int) -> int:
    """ "The Islamic Resistance in Iraq (IRI), the umbrella ..., said": the appositive starts after the acronym."""
    m = _ACRONYM.match(view.text, pos)
    return m.end() if m else pos


def _inverted_subject(view: SentenceView, verb: int, verb_end: int) -> ActorRef | None:
    """ “…,” said X: after a closing quotation the speaker follows the verb."""
    if not _QUOTE_CLOSED.search(view.text[max(view.start, verb - 4):verb]):
        return None
    names = [m for m in view.mentions if (m.actor or m.outlet) and verb_end <= m.start < verb_end + 40 and not view.is_descriptor(m)]
    return ref(view, names[0]) if names else None


_QUOTE_CLOSED = re.compile(r"[”\"][\s,]*$|[,.][”\"]\s*$")
_POSSESSIVE = re.compile(r"['’]s\b")


def _speaker_shape(view: SentenceView, m) -> bool:
    """A demonym speaks only with a group noun ("Iraqi sources"), a possessive name only for a state through its army or
    a ministry the reference lacks ("Britain's Ministry of Defence said"), never otherwise ("Iraq's council")."""
    after = view.after(m.end, 40)
    if _POSSESSIVE.match(after):
        kind = view.actor_kind(m.actor)
        return (kind == "state" and _STATE_BODY.match(after) is not None) or \
            (kind == "government_body" and _OWN_MINISTRY.match(after) is not None)  # "the KRG's Ministry of Interior"
    return not m.adjective or bool(_GROUPS.match(after))


_STATE_BODY = re.compile(r"['’]s\s+(?:(?:[Dd]efen[cs]e|[Ff]oreign|[Ii]nterior)\s+[Mm]inistry|[Mm]inistry\s+of\s+[A-Z][a-z]+|"
                         r"(?:armed\s+forces|army|military|government))\b\s*")


_OWN_MINISTRY = re.compile(r"['’]s\s+(?:[A-Z][a-z]+\s+)?(?:[Mm]inistry|[Dd]irectorate|[Cc]ouncil|[Oo]ffice)\b")


def fold_phrase(text: str) -> str:
    return " ".join(text.lower().split())


def ref(view: SentenceView, m) -> ActorRef:
    """ "Iraqi sources" speak for Iraq; "Lebanese state media" are an outlet, not the state: kept as written."""
    group = _GROUPS.match(view.after(m.end, 20))
    end = m.end + group.end() if group and m.adjective else m.end
    media = end != m.end and view.tools.lexicon.is_a("media_groups", view.text[m.end:end].strip())
    body = end != m.end and _OWN_BODY.fullmatch(view.text, m.end, end) is not None  # "Lebanese Health Ministry"
    army = _STATES_ARMY.match(view.text, m.end, view.end) if not m.adjective else None
    if army is not None and view.actor_kind(m.actor) == "state":  # "Israel's military says": its army speaks
        from eventdb.extract.speaker_book import _armies  # (speaker_book imports this module)
        key = _armies(view).get(view.actor_country(m.actor) or "")
        if key is not None and key != m.actor:
            return ActorRef(view.text[m.start:army.end()], key, m.start, army.end())
    if not m.adjective:
        named = _NAMED_WITH_ACRONYM.match(view.text, m.start, view.end)
        if named is not None and named.end("name") > m.end:  # "the UK Maritime Trade Operations (UKMTO) agency": a
            return ActorRef(named.group("name"), None, m.start, named.end("name"))  # name of its own, not the UK
    return ActorRef(view.text[m.start:end], None if media or body else m.actor, m.start, end)


_STATES_ARMY = re.compile(r"['’]s\s+(?:military|army|armed\s+forces)\b")
_NAMED_WITH_ACRONYM = re.compile(r"(?P<name>[A-Z][\w'’-]*(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][\w'’-]*){1,5})\s*\([A-Z]{2,8}\)")


# A named ministry after a demonym is a body of its own that the reference lacks (the reference names its bodies,
# "Iran's Foreign Ministry", as whole mentions): kept as written, never the state.
_OWN_BODY = re.compile(r"\s+[A-Z][a-z]+\s+Ministry")


def subject_before(view: SentenceView, pos: int) -> ActorRef | None:
    """The subject of a claim or denial verb at `pos` ("X claimed", "the group denied"), resolved with the article."""
    described = described_speaker(view, pos) or described_body(view, pos)
    return described if described is not None else resolved(view, _subject_before(view, pos))


def _subject_before(view: SentenceView, pos: int) -> ActorRef | None:
    unknown = view.find("unknown_actors", max(view.start, pos - 60), pos)
    if unknown:
        m = unknown[-1]
        named = [n for n in view.mentions if n.actor and n.end <= m.start() and _COMMA_ONLY.fullmatch(view.text[n.end:m.start()])]
        if named:
            return ref(view, named[-1])  # "Ashab al-Kahf, a little-known group that ..., claimed": the name it describes
        called = _CALLING_ITSELF.match(view.text, m.end(), pos)
        if called:  # "a previously unknown group calling itself Tashkil al-Waritheen claimed": the name it gives itself
            return ActorRef(called.group("name"), None, called.start("name"), called.end("name"))
        return ActorRef(m.group(0), None, m.start(), m.end())
    names = [m for m in view.mentions if (m.actor or m.outlet) and m.end <= pos and not view.is_descriptor(m)
             and not _OBJECT.search(view.before(m.start, 14))]
    for i in range(len(names) - 1, -1, -1):
        if i > 0 and _RELATIVE.search(view.text[names[i - 1].end:names[i].start]):
            continue  # inside "X – which ... Iraq, ..., denied": the subject is X
        return ref(view, names[i])
    return _embassy(view, pos)


def _embassy(view: SentenceView, pos: int) -> ActorRef | None:
    """ "The American embassy in Baghdad denied ...": an embassy (a place of the reference) speaks for the state its
    name's demonym or state names, never for the country it stands in."""
    for m in view.mentions:
        if m.place and m.end <= pos and not _OBJECT.search(view.before(m.start, 14)):
            state = embassy_state(view, m)
            if state is not None:
                return state
    return None


def embassy_state(view: SentenceView, m: Mention) -> ActorRef | None:
    """An embassy mention as the state it speaks for (the demonym or state its name has), else None."""
    if not m.place or view.tools.reference.places_by_key[m.place].kind != "embassy":
        return None
    words = [w.span() for w in re.finditer(r"[\w.'’-]+", view.text[m.start:m.end])]  # each word alone
    states = [n for s, e in words for n in view.tools.gazetteer.find(view.text, m.start + s, m.start + e)
              if n.actor and view.actor_kind(n.actor) == "state"]
    return ActorRef(m.text, states[0].actor, m.start, m.end) if states else None


_COMMA_ONLY = re.compile(r",\s*")



_CALLING_ITSELF = re.compile(r"\s+(?:calling\s+itself|which\s+calls\s+itself|known\s+as|named)\s+[“\"]?"
                             r"(?P<name>[A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|al-[\w'’-]+|of|the)){0,4})")



def reported_subject(view: SentenceView, pos: int, previous: ActorRef | None) -> ActorRef | None:
    """ "A spokesman for X told ... that the group had nothing to do with ...": a pronoun or "the group" as the subject
    of a reported denial stands for the one who speaks."""
    if not (_REPORTED_PRONOUN.search(view.before(pos, 40)) or view.has("group_anaphora", max(view.start, pos - 30), pos)):
        return None
    verb = view.first("statement_verbs", view.start, pos) or view.first("speech_verbs", view.start, pos)
    return voice(view, verb.start(), previous) if verb is not None else None



def own_side(view: SentenceView, who: ActorRef, perp: ActorRef) -> bool:
    """The perpetrator itself, a person who heads or belongs to it (a group's spokesman), or its own state speaking
    ("a US drone strike ..., CENTCOM said"; "..., Defense Secretary Lloyd Austin said", a person who heads or belongs to
    a state body of that country): a claim, not an attribution."""
    if who.key and who.key == perp.key:
        return True
    if perp.key and view.actor_kind(who.key) == "person" and perp.key in official_bodies(view, who.key):
        return True  # "Houthi military spokesman Yahya Saree said the group's naval forces had targeted the ship"
    kinds = view.tools.lexicon.words["state_speaker_kinds"]
    if view.actor_kind(perp.key) not in kinds:
        return False
    country = view.actor_country(perp.key)
    speakers = official_bodies(view, who.key) if view.actor_kind(who.key) == "person" else (who.key,)
    return bool(country) and any(view.actor_kind(k) in kinds and view.actor_country(k) == country for k in speakers)


_BODIES: dict[int, tuple[object, dict[str, tuple[str, ...]]]] = {}


def official_bodies(view: SentenceView, person: str | None) -> tuple[str, ...]:
    """The bodies a person commands or belongs to (reference affiliations, any date), indexed once per reference."""
    return bodies_of(view.tools.reference, person)


def bodies_of(reference, person: str | None) -> tuple[str, ...]:
    cached = _BODIES.get(id(reference))
    if cached is None or cached[0] is not reference:
        index: dict[str, list[str]] = {}
        for a in reference.affiliations:
            if a.relation in ("commands", "member_of"):
                index.setdefault(a.actor, []).append(a.related)
        cached = _BODIES[id(reference)] = (reference, {k: tuple(v) for k, v in index.items()})
    return cached[1].get(person or "", ())



_CLAUSE_JOIN = re.compile(r",\s+(?:and|but|while|all of which|none of which)\s+|;\s+")



def casualty_speaker(view: SentenceView) -> ActorRef | None:
    """ "X said it fired ..., and the Y military said seven soldiers were wounded": the speaker of the casualty clause."""
    words = view.find("killed_words") + view.find("injured_words") + view.find("no_casualties")
    return clause_speaker(view, min(w.start() for w in words)) if words else None



def clause_speaker(view: SentenceView, pos: int) -> ActorRef | None:
    """The speaker of a later clause: "The IRGC said it launched 200 missiles; the IDF ... said most were intercepted"."""
    joins = [j.end() for j in _CLAUSE_JOIN.finditer(view.text, view.start, pos)]
    if not joins:
        return None
    verbs = view.tools.lexicon.find("speech_verbs", view.text, joins[-1], pos)
    if not verbs:
        return None
    subject = [m for m in view.mentions if (m.actor or m.outlet) and joins[-1] <= m.start and m.end <= verbs[-1].start()
               and not view.is_descriptor(m) and not _OBJECT.search(view.before(m.start, 14))]
    return subject_of(view, verbs[-1].start()) or (ref(view, subject[0]) if subject else None)



_CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:but|while|whereas)\b")



def negated_clause(view: SentenceView, pos: int) -> bool:
    """A negation earlier in the same clause: "No group claimed", "Neither Israel nor the US has claimed"."""
    lo = max(view.start, pos - 60)
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(view.text[lo:pos])]
    return view.has("negations", lo + (breaks[-1] if breaks else 0), pos)
