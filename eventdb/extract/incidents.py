"""Incidents: one specific use of force per trigger clause, merged across sentences.

Precision first: a trigger becomes an incident only when it is realis (not a threat,
plan, hypothesis or negation), specific (a date, a named place, counts, or a named
perpetrator and target), and not an aggregate ("some 200 strikes").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from eventdb.assertions import ActorRef, DateRef, IncidentReport, PlaceRef, Span
from eventdb.extract.context import SentenceView
from eventdb.extract.dates import DateMention
from eventdb.extract.incident_actors import (attributed_to, find_killer, find_perpetrator, find_target, find_victim, member_group, named_dead,
                                             self_claimed, state_level, victim_killed_in)
from eventdb.extract.incident_dates import find_date
from eventdb.extract.incident_places import find_place, unknown_place
from eventdb.extract.incident_weapons import find_weapons
from eventdb.extract.layout import is_subheading, item_label_end
from eventdb.extract.lexicon import Lexicon, trigger_type
from eventdb.extract.nonevents import habitual, in_correction, opens_period, opinion
from eventdb.extract.interceptions import interception_refers
from eventdb.extract.tolls import casualties
from eventdb.extract.triggers import Trigger, irrealis_reason

_DETERMINER = re.compile(r"(?:\b(?:the|this|that|its|their)|['’]s)\s+(?:[\w“”\"'’-]+\s+){0,3}$", re.IGNORECASE)
_PLURAL_DETERMINER = re.compile(r"\b(?:these|those|both)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)  # "both attacks", "these drone strikes"



_VICTIM_PERSON = re.compile(r"^[\s,]*(?:[A-Za-z’'-]+\s+){0,6}?", re.IGNORECASE)


@dataclass(eq=False)
class Told:
    """A stretch of the article that tells about an incident: the clause of one of its own mentions (with the trigger's
    bounds), or a later sentence that refers back to it alone (`trigger` None). The document-level passes read these
    once the whole article is known."""

    view: SentenceView
    start: int
    end: int
    trigger: tuple[int, int] | None = None
    perpetrator: ActorRef | None = None  # who this mention itself says did it


@dataclass
class Draft:
    """An incident while the article is being read; frozen into an IncidentReport at the end."""

    local_id: str
    span: Span
    event_type: str
    date: DateMention | None = None
    date_is_statement: bool = False
    place: str | None = None
    place_text: str | None = None
    country: str | None = None
    weapons: list[str] = field(default_factory=list)
    perpetrator: ActorRef | None = None
    perpetrator_basis: str = "unknown"
    target: ActorRef | None = None
    outcome: str = "unknown"  # decided once the article is read (incident_outcomes)
    killed: int | None = None
    injured: int | None = None
    projectiles: int | None = None
    stance: str = "asserted"
    claimant: ActorRef | None = None
    sentence_index: int = 0
    definite: bool = False
    separate: bool = False
    plural: bool = False
    last_sentence: int = -1  # the last sentence that named this incident
    aside_in: int = -1  # a sentence that named it only in a clause about another ("..., hours after X struck Y")
    left_in: int = -1  # a later sentence that turned to a place in another country, naming no incident (__init__._referred)
    place_span: tuple[int, int] | None = None  # where an unresolved place name is written
    reference_only: bool = False  # a negated mention ("denied any role in the X attack"): may only add to an earlier incident
    definite_object: bool = False  # "had struck the vessel": what was hit is one already named
    fragments: bool = False  # "wounded by shrapnel from ...": the harm of an attack, its place where the pieces fell
    air_verb: bool = False  # "struck", "hit": an air strike if a state's forces did it (known perhaps only from the claims)
    series: bool = False  # "A third drone was shot down ...": one more weapon of a series the article counted (`series_item`)
    presupposed: bool = False  # "the strikes which targeted X on Friday": a definite told as known (`told_as_known`)
    strike_noun: bool = False  # "an Israeli strike on a building": a bare strike noun, no weapon named (`air_strikes_by_claims`)
    air_noun: bool = False  # "a drone strike on a motorcycle": a strike noun with only air weapons named (`air_strikes_by_claims`)
    own_item: bool = False  # "- Oct. 18: two drones attacked X": a list item with its own day (events._dated_item)
    distributes: bool = False  # "In Iraq, the strikes hit positions in al-Qaim": where a wave told before struck (`_distributes`)
    told: list[Told] = field(default_factory=list)  # every clause and sentence about it, in order (document passes)
    decisions: list[str] = field(default_factory=list)  # which document-level sieve changed what ("site_description: place")

    def report(self) -> IncidentReport:
        date = DateRef(self.date.text, self.date.on, self.date.precision) if self.date else DateRef(None, None, "unknown")
        place = PlaceRef(self.place_text or "", self.place, self.country) if (self.place or self.country or self.place_text) else None
        confidence = 0.7 if self.stance == "asserted" else 0.5
        return IncidentReport(self.local_id, self.span, self.event_type, date, place, self.weapons_used(),
                              self.perpetrator, self.perpetrator_basis, self.target, self.outcome, self.killed,
                              self.injured, self.projectiles, self.stance, self.claimant, confidence)


    def weapons_used(self) -> tuple[str, ...]:
        """An air strike that names no weapon ("US forces struck 36 targets") was made with aircraft: `airstrike`."""
        if self.event_type == "airstrike" and not self.weapons:
            return (_AIRSTRIKE_WEAPON,)
        return tuple(self.weapons)


_AIRSTRIKE_WEAPON = "airstrike"  # the weapons.toml key for aircraft and their strikes


def told_again(view: SentenceView, about: list[Found], drafts: list[Draft]) -> None:
    """What a sentence with no incident of its own tells about earlier ones (read by the document-level passes): the
    part around each incident's own place where it names them by place ("... intercepted near Eilat; it said nothing
    about Haifa"), else the whole sentence when it refers back to exactly one (a sentence about several tells nothing
    about one of them alone)."""
    named = [(d, m) for d in drafts if d.place and view.is_specific_place(d.place) for m in view.mentions if m.place == d.place]
    if len({id(d) for d, _ in named}) > 1:
        for d, m in named:
            start, end = _part_around(view, m.start)
            d.told.append(Told(view, start, end))
    elif about and all(f.incident is about[0].incident for f in about):
        about[0].incident.told.append(Told(view, view.start, view.end))


def _part_around(view: SentenceView, pos: int) -> tuple[int, int]:
    """The stretch of the sentence between the statement breaks (";", ", while", ", but") around `pos`."""
    start, end = view.start, view.end
    for m in _STATEMENT_BREAK.finditer(view.text, view.start, view.end):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


_STATEMENT_BREAK = re.compile(r";|,\s+(?:while|but|whereas)\s")


# Plain, hashed by value, rather than frozen (a frozen dataclass sets each field through object.__setattr__):
# built several times per sentence. A value all the same: nothing assigns to one.
@dataclass(unsafe_hash=True)
class Found:
    """An incident a sentence names: where, the incident as merged so far, and what this sentence itself said (None if only referred to)."""

    pos: int
    incident: Draft
    mention: Draft | None = None



# "who fired the rockets", "whether Israel struck the convoy": a question (or a relative clause) about a weapon or target
# already named, not a report of a new event
_ASKED_WHO = re.compile(r"\b(?:who|whether)\s+(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE)
_DEFINITE_OBJECT = re.compile(r"\s+(?:the|this|that)\s+(?!same\b)[a-z]", re.IGNORECASE)  # "struck the vessel"



def draft_from_trigger(view: SentenceView, t: Trigger, ws: int, we: int, local_id: str) -> Draft | None:
    """The incident a trigger describes, or None when it is irrealis, an aggregate, or too vague."""
    lex = view.tools.lexicon
    weapons, projectiles = find_weapons(view, ws, we)
    speaker = None  # the state's forces or armed group that says "it" struck (`_speaker_struck`)
    if lex.is_a("weak_triggers", t.phrase) and not weapons and not t.wave and not _force_struck_place(view, t):
        speaker = _speaker_struck(view, t)
        if speaker is None:
            return None  # tested before `irrealis_reason`, which costs more: either way the answer is None
    reason = irrealis_reason(view, t, ws)
    presupposed = (reason is not None or lex.is_a("plural_triggers", t.phrase)) and told_as_known(view, t)
    if presupposed:
        reason = None  # "asked whether the US had any role in the strike that killed X near Damascus on Monday": known
    if reason == "irrealis":
        return None
    if habitual(view, t.start, t.end, ws, we) or in_correction(view):
        return None  # "have often preceded rocket attacks on X": a habit; "Correction: An entry said a drone had struck X"
    if lex.is_a("impact_triggers", t.phrase) and not weapons and not find_weapons(view, view.start, we)[0]:
        return None  # "a van slammed into a lamppost": no weapon, no attack
    plural = lex.is_a("plural_triggers", t.phrase)
    definite = _definite(view, t, plural)
    distributes = reason is None and plural and definite and not presupposed and _distributes(view, t)
    if distributes:
        definite = False  # each place it names is an incident of its own, dated from the wave (events.from_wave)
    if _dismissed_early(view, t, reason, plural, definite and not presupposed):
        return None  # about a third of the drafts: none of the details below is computed for them
    place, place_text, country = find_place(view, ws, we, t.start, plural)
    date, statement = find_date(view, ws, we, t)
    if date is None:
        date = _since_when(view, t)  # "the first attack since Dec. 20, when a salvo of rockets struck the Green Zone"
    if definite and date is not None and not statement and date.start > t.end and _STATEMENT_BETWEEN.search(view.text, t.end, date.start):
        statement = True  # "link Tehran to the attack, saying in a statement on Tuesday ...": the day of the saying
    if definite and place and (date is None or statement) and (_scene_of_the_sentence(view, place, t) or _origin_only(view, place, ws, we)):
        place, place_text, country = None, None, None  # "In Baghdad, the premier ordered an inquiry into the attack"
    if plural and reason != "negated" and not _plural_may_be_specific(view, place, date, statement):
        return None  # before the perpetrator, target and toll, which cannot make it specific without these
    perp, passive = find_perpetrator(view, t, ws, we)
    label = item_label_end(view.text, view.start, t.start)
    if perp is not None and perp.char_start is not None and perp.char_start < label:
        perp = None  # "- Israel / Golan: A rocket struck ...": the item's label files it under a place, it did nothing
    claimed_by = None if perp else member_group(view, self_claimed(view, t)) or speaker
    attributed = None if perp or claimed_by else attributed_to(view, t.end, we)
    perp = perp or claimed_by or attributed or (t.example_of.actor if t.example_of else None)
    event_type = _example_type(view, t) if t.example_of else t.event_type
    victim = None
    if event_type in ("assassination", "airstrike", "attack") or lex.is_a("kill_words", t.phrase):
        kill = view.first("kill_words", t.start, min(we, t.end + 60)) or view.first("kill_words", max(ws, t.start - 25), t.start)
        if event_type == "assassination" or kill:
            victim = find_victim(view, Trigger(kill.start(), kill.end(), kill.group(0), event_type) if kill else t, we)
            if victim:
                event_type = "airstrike" if kill and kill.start() >= t.end and not _RELATIVE_KILL.search(view.text, t.end, kill.start()) \
                    and _from_the_air(view, t, perp, weapons) else "assassination"
        if victim is None and view.has("kill_words", view.start, t.start):
            victim = victim_killed_in(view, t)
            perp = perp or (find_killer(view, t) if victim else None)
            event_type = "assassination" if victim else event_type
    if event_type == "attack" and (_air_strike_by_state(view, perp, weapons, t) or _aircraft_struck(view, t)):
        event_type = "airstrike"
    target = victim or find_target(view, t, ws, we, perp, passive)
    if target is not None and target.char_start is not None and target.char_start < label:
        target = None
    if target is None and event_type == "attack" and weapons:
        target = _killed_members_group(view, we)
    if event_type == "attack" and (_drone_on_armed_group(view, weapons, target) or _state_strikes_group(view, perp, weapons, t, target)):
        event_type = "airstrike"
    killed, injured = casualties(view, ws, we)
    if event_type == "attack" and (killed or injured or plural) and _deadly_state_strike(view, perp, weapons, t, target):
        event_type = "airstrike"
    if event_type == "attack" and target and view.actor_kind(target.key) == "person" and target.char_start is not None \
            and t.end <= target.char_start and _PERSONAL_TARGET.search(view.before(target.char_start, 60)) \
            and not (perp and view.actor_kind(perp.key) in lex.words["air_force_kinds"]):
        event_type = "assassination"  # "drones were launched at the residence of Prime Minister X": an attempt on him
    if event_type == "attack" and weapons and all(w in lex.words["sabotage_weapons"] for w in weapons):
        event_type = "sabotage"  # "thousands of pagers exploded": devices rigged to explode, not a use of arms
    if killed is None and victim is not None and event_type == "assassination":
        killed = named_dead(view, victim)
    perp, target = state_level(view, perp), state_level(view, target)
    draft = Draft(local_id, view.span(), event_type, date, statement, place, place_text, country, weapons, perp,
                  "claimed" if claimed_by else "attributed" if attributed else "reported" if perp else "unknown", target, "unknown", killed, injured, projectiles,
                  "asserted", None, view.sentence.index, definite, False, plural)
    draft.series = reason is None and series_item(view, t, ws)
    draft.presupposed = presupposed
    draft.distributes = distributes
    kept = definite if reason == "negated" else _specific(view, draft, t)  # a denial only refers to a named incident
    if not kept:
        return None  # decided before the details below, which `_specific` does not read: many drafts end here
    if place is None:
        draft.place_span = unknown_place(view, t, ws, we)
        draft.place_text = view.text[draft.place_span[0]:draft.place_span[1]] if draft.place_span else None
    draft.stance = "hedged" if view.has("hedges") else "asserted"
    draft.separate = _separate(view, t)
    if draft.series:
        draft.separate = True  # "A third drone was shot down before it reached X": one more of the weapons counted before
    elif interception_refers(view, t, draft.date if not statement else None, place, perp):
        return None  # how an attack already reported ended: the sentence refers to it (references.referred)
    if opinion(view) or reason == "negated" or _predicate_noun(view, t) or is_subheading(view.text, view.start, view.end) \
            or _FIRST_TIME.search(view.before(t.start, 60)):
        # "Raids on Sanaa and Hodeidah" over a section: its sentences tell the raids; "the first time Israel has openly
        # attacked the Islamic Republic": a comparison with the incident just told
        draft.reference_only = True  # an analyst's words, or a denial, may name an incident already reported, never a new one
    draft.definite_object = _DEFINITE_OBJECT.match(view.text, t.end, view.end) is not None
    if draft.definite_object and _is_verb(t) and _ASKED_WHO.search(view.before(t.start, 30)):
        draft.reference_only = True  # "the question of who fired the rockets in March": asks about rockets already told
    draft.fragments = definite and _hit_by_fragments(view, t)
    draft.air_verb = t.wave or lex.is_a("air_strike_verbs", t.phrase)
    draft.strike_noun = not weapons and lex.is_a("air_strike_nouns", t.phrase)
    draft.air_noun = bool(weapons) and lex.is_a("air_strike_nouns", t.phrase) and all(w in lex.words["air_weapons"] for w in weapons)
    return draft


def _scene_of_the_sentence(view: SentenceView, place: str, t: Trigger) -> bool:
    """ "In Baghdad, al-Sudani ordered a committee to investigate the attack": a place in a frame that opens the sentence
    ("In X, ...") tells where the speaker or the reaction is; a definite mention later in it refers to an incident
    told before, wherever that was, so the frame is not its place (unless the place is named again near the trigger, or
    the mention has a day of its own: "In Basra, the attack on the port on Tuesday killed two" is placed there)."""
    frame = _SCENE_FRAME.match(view.text, view.start, t.start)
    if frame is None:
        return False
    first = [m for m in view.mentions if m.place == place]
    return bool(first) and first[0].start == frame.end() and _FRAME_END.match(view.text, first[0].end) is not None \
        and all(m.start < t.start - 60 for m in first[1:])


def _origin_only(view: SentenceView, place: str, ws: int, we: int) -> bool:
    """ "believed the drone had been launched by an outlaw faction from an area near Tuz Khurmatu": where a weapon
    already told was launched from is not where it struck; a definite mention placed only so joins the incident told
    before."""
    spots = [m for m in view.places(ws, we) if m.place == place]
    return bool(spots) and all(_ORIGIN_BEFORE.search(view.before(m.start, 40)) for m in spots)


_ORIGIN_BEFORE = re.compile(r"\bfrom\s+(?:(?:an?|the)\s+)?(?:(?:area|areas|direction|outskirts|territory|region|side)\s+"
                            r"(?:of|near|north\s+of|south\s+of|east\s+of|west\s+of)\s+|near\s+)?(?:the\s+)?$", re.IGNORECASE)
_SCENE_FRAME = re.compile(r"\W*In\s+(?:the\s+)?")
_FRAME_END = re.compile(r"\s*,")


def told_as_known(view: SentenceView, t: Trigger) -> bool:
    """ "denied any relation to the rocket that fell near Baghdad airport on Monday night", "asked whether the US had any
    role in the strike that killed X near Damascus on Monday", "the death of more people wounded in the Israeli strikes
    which targeted positions near Aleppo at dawn on Friday": a definite noun with a relative clause that tells what it
    did takes the event as known; a denial, question or plan around it does not make it unreal, and a plural so told
    is one event, not strikes in general. (Kept as a definite mention: it joins an incident told before, or stands
    alone with the date and place its clause gives.)"""
    relative = " that " in t.phrase or _TOLD_RELATIVE.match(view.text, t.end, view.end) is not None  # "the rocket that fell"
    return relative and not _is_verb(t) and bool(_DETERMINER.search(view.before(t.start, 45)))


_TOLD_RELATIVE = re.compile(r"\s+(?:that|which)\s+(?:had\s+|have\s+|has\s+)?(?:[a-z]+ed|struck|hit|fell|shot|blew)\b")


def series_item(view: SentenceView, t: Trigger, ws: int) -> bool:
    """ "Two drones struck the Sarsang field. A third drone was shot down before it reached Khurmala."; "A fourth
    Houthi missile impacted the water near a tanker": an indefinite ordinal before the weapon that is the clause's
    subject counts one more weapon of a series told before, aimed at its own target: an incident of its own (not "the
    third hit the house", which tells one of the weapons counted in the same attack)."""
    for m in view.mentions:
        if m.weapon and ws <= m.start < t.start:
            return view.tools.lexicon.derived(_series_pattern).search(view.text, max(ws, m.start - 40), m.start) is not None
    return False


def _series_pattern(lex: Lexicon) -> re.Pattern[str]:
    return re.compile(rf"\b(?:a|an)\s+(?:{lex.alternation('series_ordinals')})\s+(?:[\w-]+\s+){{0,2}}?$", re.IGNORECASE)


def _force_struck_place(view: SentenceView, t: Trigger) -> bool:
    """ "US forces also targeted Amran and Saada governorates", "Hezbollah hit Metula": a weak verb with no weapon named
    is an attack when a state's forces or an armed group is its subject and a named place its object."""
    places = view.places(t.end, min(view.end, t.end + _OBJECT_GAP))
    if not places or not _OBJECT_BEFORE.fullmatch(view.text, t.end, places[0].start):
        return False
    actors = view.actors(max(view.start, t.start - 40), t.start)
    if not actors or not _SUBJECT_GAP.fullmatch(view.text, actors[-1].end, t.start):
        return False
    lex = view.tools.lexicon
    return view.actor_kind(actors[-1].actor) in lex.words["air_force_kinds"] + lex.words["armed_group_kinds"]


def _distributes(view: SentenceView, t: Trigger) -> bool:
    """ "In Iraq, the strikes hit positions of the PMF in al-Qaim and in the desert area of Akashat": a definite plural
    that is the subject of a verb of striking, with a named place after it closer than a province, tells where the
    strikes told before landed: one incident per place (its date and side are the wave's)."""
    verb = view.tools.lexicon.derived(_wave_verb_after).match(view.text, t.end, view.end)
    return verb is not None and any(view.is_specific_place(m.place) for m in view.places(verb.end(), view.end))


def _wave_verb_after(lex: Lexicon) -> re.Pattern[str]:
    return re.compile(rf"\s+(?:also\s+)?(?:{lex.alternation('wave_verbs')})\b", re.IGNORECASE)


def _speaker_struck(view: SentenceView, t: Trigger) -> ActorRef | None:
    """ "The Houthis said on Monday night that they had targeted an American cargo ship, the Ocean Jazz, in the Gulf of
    Aden": a weak verb with no weapon named is an attack when its subject is the pronoun of the state's forces or armed
    group speaking just before it (the speaker tells an attack of its own) and its clause names where, closer than a
    bare country. The speaker, who claims it, or None (not for an interception: "said its forces intercepted ..." tells
    who defended, not who attacked)."""
    if view.tools.lexicon.is_a("interception", t.phrase):
        return None
    before = view.before(t.start, 90)
    said = view.tools.lexicon.derived(_speaker_pronoun).search(before)
    if said is None:
        return None
    at = t.start - len(before) + said.start()
    actors = view.actors(max(view.start, at - 50), at)
    if not actors or not _SPEAKER_GAP.fullmatch(view.text, actors[-1].end, at):
        return None
    lex = view.tools.lexicon
    who = actors[-1]
    if view.actor_kind(who.actor) not in lex.words["air_force_kinds"] + lex.words["armed_group_kinds"]:
        return None
    places = view.tools.reference.places_by_key
    if not any(places[m.place].kind != "country" for m in view.places(t.end, min(view.end, t.end + _SPEAKER_OBJECT_REACH))
               if m.place in places):
        return None
    return ActorRef(who.text, who.actor, who.start, who.end)


def _speaker_pronoun(lex: Lexicon) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{lex.alternation('statement_verbs')})\s+(?:(?:late\s+|early\s+)?on\s+\w+(?:\s+(?:night|morning|"
                      rf"evening|afternoon))?\s+)?(?:that\s+)?(?:it|they|its\s+forces|its\s+fighters)\s+"
                      rf"(?:(?:had|has|have|is|are|was|were)\s+)?$", re.IGNORECASE)


def _since_when(view: SentenceView, t: Trigger) -> DateMention | None:
    """ "... since Dec. 20, when a salvo of rockets struck the Green Zone": the day a period starts from is the day of the
    event its "when" clause tells (the period is the other clause's; `nonevents.opens_period` keeps it from that one)."""
    for d in view.dates:
        if d.end < t.start and d.on is not None and _SINCE_BEFORE.search(view.before(d.start, 8)):
            when = _WHEN_AFTER.match(view.text, d.end, t.start)
            if when and t.start - when.end() <= _WHEN_REACH:
                return d
    return None


_SINCE_BEFORE = re.compile(r"\bsince\s+$", re.IGNORECASE)
_WHEN_AFTER = re.compile(r",?\s+when\s+")
_WHEN_REACH = 40
_STATEMENT_BETWEEN = re.compile(r",\s+(?:saying|adding|stating|telling)\b|\bin\s+a\s+statement\b", re.IGNORECASE)
_SPEAKER_GAP = re.compile(r"(?:['’]s)?(?:\s+[a-z][\w-]*){0,3}\s+")  # "Israel's military says", "The Houthis said"
_SPEAKER_OBJECT_REACH = 90
_OBJECT_GAP = 30
_OBJECT_BEFORE = re.compile(r"\s+(?:the\s+)?(?:(?:town|city|village|province|governorate|district)s?\s+of\s+)?")
_SUBJECT_GAP = re.compile(r"\s+(?:(?:forces|troops|jets|warplanes|aircraft|fighters)\s+)?(?:(?:also|then|later|again|reportedly|"
                          r"have|has|had)\s+)*")


def _definite(view: SentenceView, t: Trigger, plural: bool) -> bool:
    """ "the attack", "these strikes", "wounded by shrapnel from ...": a mention that may refer to an incident named
    before (not an example being introduced, not a verb after an auxiliary)."""
    determiner = _DETERMINER.search(view.before(t.start, 45))
    if determiner and view.has("speech_verbs", t.start - len(view.before(t.start, 45)) + determiner.start(), t.start):
        determiner = None  # "The Pentagon said US strikes ...": the determiner is the speaker's, the strikes are new
    definite = (bool(determiner) and not view.before(t.start, 45).rstrip().endswith(("of", "by"))
                or plural and bool(_PLURAL_DETERMINER.search(view.before(t.start, 30)))) and not _introduces_example(view, t) \
        and not _is_verb(t) and not (_AUXILIARY.search(view.before(t.start, 20))
                                     and not _SUBJECT_DETERMINER.search(view.before(t.start, 45)))
    return definite or _hit_by_fragments(view, t) or _ONE_OF_THEM.fullmatch(view.text, view.start, t.start) is not None \
        or _told_weapon_described(view, t) or _predicate_noun(view, t) or _told_target_passive(view, t) \
        or _is_verb(t) and _QUANTIFIER_SUBJECT.search(view.before(t.start, 40)) is not None


def _told_target_passive(view: SentenceView, t: Trigger) -> bool:
    """ "stating that the vessel had been targeted with a drone boat", "the base was hit twice": a passive whose subject is
    a definite target noun (a ship, a base) tells again what happened to the target already named."""
    return _is_verb(t) and view.tools.lexicon.derived(_target_passive).search(view.before(t.start, 60)) is not None


def _target_passive(lex: Lexicon) -> re.Pattern[str]:
    return re.compile(rf"\b(?:the|this|that)\s+(?:[\w-]+\s+){{0,2}}?(?:{lex.alternation('vessel_nouns')}|base|convoy|outpost)\s+"
                      rf"(?:had\s+been|has\s+been|was|were)\s+(?:\w+ly\s+)?$", re.IGNORECASE)


def _predicate_noun(view: SentenceView, t: Trigger) -> bool:
    return not _is_verb(t) and _PREDICATE_NOUN.search(view.before(t.start, 45)) is not None


# '"This is a flagrant assassination in the heart of the capital," he said', "It was a cowardly attack": a noun said of
# what "this" or "it" points to names the incident told before: it characterizes that one, it reports none.
_FIRST_TIME = re.compile(r"\bthe\s+(?:first|second|third|last)\s+time\s+(?:that\s+)?(?:[\w'’-]+\s+){1,3}(?:has|have|had)\s+"
                         r"(?:\w+ly\s+)?$", re.IGNORECASE)
_PREDICATE_NOUN = re.compile(r"(?:^|[\"“\s])(?:this|that|it)\s+(?:is|was)\s+(?:an?\s+)?(?:[\w-]+\s+){0,3}$", re.IGNORECASE)


def _told_weapon_described(view: SentenceView, t: Trigger) -> bool:
    """ "The IDF said the rocket was an Iranian-made Falaq-1 launched by Hezbollah", "believed the drone had been launched
    by an outlaw faction": a participle that describes the weapon already named ("the rocket", "the drone"), the subject
    of a copula or a passive, tells where it came from; the event is the one told before."""
    if not _is_verb(t):
        return False
    for m in view.mentions:
        if m.weapon and m.end <= t.start and t.start - m.end <= _DESCRIBED_REACH and _THE_BEFORE.search(view.before(m.start, 12)) \
                and _COPULA_THEN.fullmatch(view.text, m.end, t.start):
            return True
    return False


_DESCRIBED_REACH = 60
_THE_BEFORE = re.compile(r"\b(?:the|this|that)\s+$", re.IGNORECASE)
_COPULA_THEN = re.compile(r"\s+(?:was|were|had\s+been|has\s+been|have\s+been)\s+(?:an?\s+)?(?:[\w'’-]+\s+){0,4}")


# "Most were intercepted, but dozens struck near the base": a bare quantifier as the verb's subject, its noun left out,
# counts the weapons told before (the barrage of the sentence before), it names no new attack.
_QUANTIFIER_SUBJECT = re.compile(r"(?:^|[,;]|\bbut|\band|\bwhile)\s+(?:most|some|many|several|dozens|hundreds|scores|the\s+rest|"
                                 r"(?:the\s+)?others)(?:\s+of\s+them)?\s+(?:also\s+|later\s+)?$", re.IGNORECASE)


# "fired two rockets toward the airport. One rocket fell in an empty area ...": a sentence that opens on one of the
# weapons counted before tells that attack again, not another one.
_ONE_OF_THEM = re.compile(r"\W*(?:one|one\s+of\s+the|the\s+other)\s+(?:[\w-]+\s+)?", re.IGNORECASE)


def _dismissed_early(view: SentenceView, t: Trigger, reason: str | None, plural: bool, definite: bool) -> bool:
    """The drafts `draft_from_trigger` drops whatever their details: a denial of an indefinite mention (a denial only
    refers to a named incident), and a plural mention that is definite ("these strikes") or generic, which
    `_specific` rejects before reading any detail. Exact: those tests read only the view, the trigger and the two
    flags, and the details skipped (perpetrator, target, place, toll, date) are pure reads of the view (its caches
    aside), so deciding first drops the same drafts and keeps the others unchanged."""
    if reason == "negated":
        return not definite
    return plural and (definite or _generic(view, t))


def _generic(view: SentenceView, t: Trigger) -> bool:
    """A plural named as talk of attacks in general ("recent attacks", "a wave of attacks", "such strikes"); not a wave
    told with its day ("launched a wave of air strikes against the Houthis on Saturday, hitting targets in Sanaa"),
    which is one operation (`one_day_wave`)."""
    lo = max(view.start, t.start - 35)
    marks = view.find("generic_markers", lo, t.end)
    return bool(marks) and not (all(view.tools.lexicon.is_a("wave_nouns", m.group(0)) for m in marks) and _one_day_wave(view, t))


def _one_day_wave(view: SentenceView, t: Trigger) -> bool:
    """A day-precise date within the clause after the plural ("a wave of air strikes ... on Saturday"), not one that
    opens a period."""
    for d in view.dates:
        if t.end <= d.start <= t.end + _WAVE_DAY_REACH and d.precision == "day" and d.on is not None and not opens_period(view, d):
            return True
    return False


_WAVE_DAY_REACH = 60


def _plural_may_be_specific(view: SentenceView, place: str | None, date: DateMention | None, statement: bool) -> bool:
    """`_specific` keeps a plural mention only with a specific place, or a date (not the statement's) and a
    perpetrator: without either of the first two it drops the draft whatever the perpetrator, target or toll.
    Place and date read only the view, the window and the trigger (not the perpetrator), so they are known first."""
    return view.is_specific_place(place) or (date is not None and not statement)


def _example_type(view: SentenceView, t: Trigger) -> str:
    """An example of "dozens of air strikes" is an airstrike even when it says only "a strike"."""
    counted = view.tools.lexicon.pattern("triggers").search(t.example_of.what) if t.example_of else None
    kind = trigger_type(view.tools.lexicon, counted.group(0)) if counted else t.event_type
    return kind if t.event_type == "attack" else t.event_type


def _killed_members_group(view: SentenceView, end: int) -> ActorRef | None:
    """ "A leader in Harakat al-Nujaba was martyred ... when a drone targeted their vehicle": the armed group whose
    member the sentence says was killed, before the end of the trigger's clause, is what was attacked."""
    lex = view.tools.lexicon
    if not view.has("killed_words", view.start, end):
        return None
    for m in view.actors(view.start, end):
        if view.actor_kind(m.actor) in lex.words["armed_group_kinds"] and lex.derived(_member_before).search(view.before(m.start, 30)):
            return ActorRef(m.text, m.actor, m.start, m.end)
    return None


def _member_before(lex: Lexicon) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{lex.alternation('single_victim_words')}|members|fighters|leaders|commanders)\s+(?:in|of|from)\s+"
                      rf"(?:the\s+)?$", re.IGNORECASE)


def _drone_on_armed_group(view: SentenceView, weapons: list[str], target: ActorRef | None) -> bool:
    """ "An unknown drone bombed a position of Kataib Hezbollah": a drone or aircraft striking an armed group is an
    airstrike (the groups' own drone attacks hit states' forces, bases and ships)."""
    lex = view.tools.lexicon
    return bool(weapons and target and all(w in lex.words["air_weapons"] for w in weapons)
                and view.actor_kind(target.key) in lex.words["armed_group_kinds"])


# "that Israeli missiles had hit X": an auxiliary makes the trigger a verb, whatever determiner stands before its subject.
# "the drone had been launched" still refers back: its subject is definite ("that" there is a conjunction, not one).
_AUXILIARY = re.compile(r"\b(?:had|has|have|was|were|been)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_SUBJECT_DETERMINER = re.compile(r"(?:\b(?:the|this|its|their)|['’]s)\s+(?:[\w“”\"'’-]+\s+){0,3}$", re.IGNORECASE)


def _hit_by_fragments(view: SentenceView, t: Trigger) -> bool:
    """ "wounded by shrapnel from an intercepted missile", "killed by a falling missile fragment": the harm an attack
    already reported did, not another attack (kept only if it joins one, like a definite mention)."""
    lex = view.tools.lexicon
    return lex.is_a("weak_triggers", t.phrase) and lex.derived(_fragments_pattern).match(view.text, t.end, view.end) is not None


def _fragments_pattern(lex: Lexicon) -> re.Pattern[str]:
    return re.compile(rf"\s+(?:(?:an?|the)\s+)?(?:[\w-]+\s+){{0,2}}?(?:{lex.pattern('fragment_nouns').pattern})", re.IGNORECASE)


def _is_verb(t: Trigger) -> bool:
    """ "The IRGC said it launched ...": a determiner before a verb belongs to its subject, the verb names a new event."""
    head = t.phrase.split()[0]
    return head.endswith("ed") or head in ("struck", "blew", "shot")


def _air_strike_by_state(view: SentenceView, perp: ActorRef | None, weapons: list[str], t: Trigger) -> bool:
    """ "A US drone strike", "the IDF says it struck ...": a state's forces striking with a drone or aircraft (or, as the verb,
    with no weapon named) carry out an airstrike, not a generic attack; so does a state's one-day wave on many targets ("the
    United States hit 85 targets on Friday"), and a state's missiles that struck or hit ("Israeli missiles struck positions
    near Damascus"; `air_launched_weapons`). Another weapon named (ballistic missiles, artillery) keeps it an attack; so
    does a bare singular noun ("Israel's strike on the embassy", "a drone and missile strike"), which says nothing of how
    (but see `_deadly_state_strike`)."""
    lex = view.tools.lexicon
    if not perp or view.actor_kind(perp.key) not in lex.words["air_force_kinds"]:
        return False
    verb = t.wave or lex.is_a("air_strike_verbs", t.phrase)
    allowed = lex.words["air_weapons"] + (lex.words["air_launched_weapons"] if verb else ())
    if not all(w in allowed for w in weapons):
        return False
    if verb:
        return True
    return bool(weapons) and lex.is_a("air_strike_nouns", t.phrase)


# "three drones were launched at the residence of Prime Minister X": a named person's home, car or convoy attacked
_PERSONAL_TARGET = re.compile(r"\b(?:residence|home|house|convoy|motorcade|car|vehicle|office)\s+of\s+(?:[\w'’-]+\s+){0,4}$",
                              re.IGNORECASE)
_RELATIVE_KILL = re.compile(r"\b(?:that|which|who)\b", re.IGNORECASE)  # "the airstrike that killed X": told as known


def _from_the_air(view: SentenceView, t: Trigger, perp: ActorRef | None, weapons: list[str]) -> bool:
    """ "a US drone strike killed X", "an Israeli strike on a building killed commander X": a strike from the air whose
    own clause says it killed a named person is an airstrike with the person as its target, not an assassination (that
    is for shootings, car bombs and attempts; and a strike told in a relative clause, "the airstrike that killed X",
    or "the killing of X in an air strike", stays the killing the text names). From the air: an air-strike trigger, or a
    strike noun or verb with only air weapons named (a drone), or by a state's forces with no other weapon named."""
    lex = view.tools.lexicon
    if t.event_type == "airstrike" or lex.derived(_air_phrase).search(t.phrase):
        return True  # "air strike", "a drone strike": the trigger itself says from the air
    if not (lex.is_a("air_strike_nouns", t.phrase) or lex.is_a("air_strike_verbs", t.phrase)):
        return False
    if not all(w in lex.words["air_weapons"] for w in weapons):
        return False
    return bool(weapons) or (perp is not None and view.actor_kind(perp.key) in lex.words["air_force_kinds"])


def _aircraft_struck(view: SentenceView, t: Trigger) -> bool:
    """ "about 100 fighter jets struck thousands of rocket launchers", "Israeli warplanes struck military targets": aircraft
    that are the subject of the strike verb flew it, whatever weapons its object names."""
    if not view.tools.lexicon.is_a("air_strike_verbs", t.phrase):
        return False
    for m in view.mentions:
        if m.weapon == _AIRSTRIKE_WEAPON and m.end <= t.start and _SUBJECT_VERB.fullmatch(view.text, m.end, t.start):
            return True
    return False


_SUBJECT_VERB = re.compile(r"\s+(?:(?:had|have|has|also|then|reportedly)\s+)*")


def _deadly_state_strike(view: SentenceView, perp: ActorRef | None, weapons: list[str], t: Trigger,
                         target: ActorRef | None) -> bool:
    """ "an Israeli strike on a residential building in Damascus killed 15 people", "two people were killed in an Israeli
    strike on a house": a state's strike, with no weapon named, that killed or wounded people was an air strike (a state
    does not strike a building from the ground), and so are a state's plural strikes ("US strikes in Syria", "joint US-UK
    strikes on January 12": a wave is flown); a single strike without a toll says nothing of how (`_air_strike_by_state`),
    nor does a strike on another state ("the United States' strikes on Iranian territory": missiles as likely as aircraft).
    Another state's forces killed where the strike fell ("an Israeli strike in Damascus killed five IRGC advisers") are
    its victims, not a state struck: that strike was flown."""
    lex = view.tools.lexicon
    return bool(perp) and not weapons and lex.is_a("air_strike_nouns", t.phrase) \
        and view.actor_kind(perp.key) in lex.words["air_force_kinds"] \
        and not (target and view.actor_kind(target.key) in lex.words["air_force_kinds"]
                 and not (view.actor_kind(target.key) != "state" and _KILLED_AFTER.match(view.text, t.end, view.end)))


# "an Israeli strike in Damascus killed five IRGC advisers": the strike's own clause, a short place phrase at most, then the toll
_KILLED_AFTER = re.compile(r"(?:\s+(?:in|on|near|at)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})?\s+(?:killed|wounded|injured)\s")


def _air_phrase(lex: Lexicon) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{lex.alternation('air_weapons')}|air)[\s-]*strikes?\b", re.IGNORECASE)


def _state_strikes_group(view: SentenceView, perp: ActorRef | None, weapons: list[str], t: Trigger, target: ActorRef | None) -> bool:
    """ "US strikes on Kataib Hezbollah facilities": a state's strikes on an armed group, no other weapon named, are air
    strikes (states strike the groups from the air; the bare noun on a state's embassy says nothing of how)."""
    lex = view.tools.lexicon
    return bool(perp and target and lex.is_a("air_strike_nouns", t.phrase)
                and view.actor_kind(perp.key) in lex.words["air_force_kinds"]
                and view.actor_kind(target.key) in lex.words["armed_group_kinds"]
                and all(w in lex.words["air_weapons"] for w in weapons))


def air_strikes_by_claims(reports: tuple[IncidentReport, ...], drafts: list[Draft], lex: Lexicon,
                          kind_of: Callable[[str | None], str | None]) -> tuple[IncidentReport, ...]:
    """ "Missiles struck a building in Damascus" whose perpetrator only a later sentence or claim names ("SANA said Israel
    carried out the attack"): once a state's forces are named, the strike was an air strike, as `_air_strike_by_state`
    decides when the trigger's own sentence names them."""
    out = []
    allowed = lex.words["air_weapons"] + lex.words["air_launched_weapons"]
    for r, d in zip(reports, drafts):
        if r.event_type == "attack" and (d.air_verb or d.air_noun) and r.perpetrator is not None \
                and kind_of(r.perpetrator.key) in lex.words["air_force_kinds"] and all(w in allowed for w in r.weapons):
            r = replace(r, event_type="airstrike", weapons=r.weapons or (_AIRSTRIKE_WEAPON,))
        elif r.event_type == "attack" and d.strike_noun and (r.killed or r.injured) and not r.weapons and r.perpetrator is not None \
                and kind_of(r.perpetrator.key) in lex.words["air_force_kinds"] \
                and not (r.target and kind_of(r.target.key) in lex.words["air_force_kinds"]):
            r = replace(r, event_type="airstrike", weapons=(_AIRSTRIKE_WEAPON,))  # `_deadly_state_strike`, once the toll is known
        out.append(r)
    return tuple(out)


def _introduces_example(view: SentenceView, t: Trigger) -> bool:
    """ "operations, such as the explosion of X": "the" after an example marker names a new incident, it does not refer back."""
    return view.tools.lexicon.derived(_example_pattern).search(view.before(t.start, 45)) is not None


def _example_pattern(lex: Lexicon) -> re.Pattern[str]:
    return re.compile(rf"(?:{lex.pattern('example_markers').pattern})\s+(?:the\s+)?(?:[\w“”-]+\s+){{0,2}}$", re.IGNORECASE)


def _separate(view: SentenceView, t: Trigger) -> bool:
    """ "a separate operation", "another strike", "as well as rocket fire": not the incident named before."""
    before = view.before(t.start, 40)
    marks = list(view.tools.lexicon.pattern("separate_markers").finditer(before))
    return bool(marks) and _SHORT_PHRASE.fullmatch(before[marks[-1].end():]) is not None


_SHORT_PHRASE = re.compile(r"[\w\s“”-]{0,25}")


def _specific(view: SentenceView, d: Draft, t: Trigger) -> bool:
    has_date = d.date is not None and not d.date_is_statement
    if d.plural:
        if d.definite and not d.presupposed or _generic(view, t):
            return False
        return view.is_specific_place(d.place) or (has_date and d.perpetrator is not None)
    if d.event_type == "assassination":
        return d.target is not None
    if d.event_type == "sabotage":
        return d.target is not None or d.place is not None or has_date
    if d.definite or d.series:
        return True  # decided at merge time: kept only if it joins an earlier incident or is specific; one more of a
        # series counted before is an incident of that story (incident_sieves.series_date dates it)
    # a toll names an incident, but "no personnel were hurt" may close any sentence about one: a zero is no detail;
    # a governorate or province names where as well as a town does ("a drone hit a house in Daraa province")
    return (has_date or view.is_specific_place(d.place) or view.is_subdivision(d.place) or d.projectiles is not None or bool(d.killed) or bool(d.injured)
            or (d.perpetrator is not None and (d.target is not None or d.place is not None))
            or _named_vessel(view, t))


def _named_vessel(view: SentenceView, t: Trigger) -> bool:
    """ "the naval forces also targeted the ship "Olympic Grace" in the Arabian Sea": a ship named right after the
    trigger is as specific a target as a named place."""
    return view.tools.lexicon.derived(_vessel_pattern).match(view.text, t.end, min(view.end, t.end + _VESSEL_REACH)) is not None


_VESSEL_REACH = 80


def _vessel_pattern(lex: Lexicon) -> re.Pattern[str]:
    return re.compile(rf"(?i:\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){{0,3}}?(?:{lex.alternation('vessel_nouns')})\s*,?\s+"
                      rf"(?:the\s+)?)[\"“']?[A-Z][\w-]+")  # the name capitalised, as written


def standalone(view: SentenceView, d: Draft) -> bool:
    """A definite mention that joined nothing is kept only if it says enough on its own. The town where shrapnel
    fell ("wounded by shrapnel from an intercepted missile near Arad") is not an attack's site: such a mention stands
    alone only with a date of its own."""
    has_date = d.date is not None and not d.date_is_statement
    return (has_date and (d.perpetrator or d.target or d.place)) or (view.is_specific_place(d.place) and not d.fragments) or \
        (d.event_type == "assassination" and d.target is not None)
