"""Which incident told before a sentence talks about when it names none of its own ("the attack", "the
Pentagon has not confirmed targeting the base", "the Houthis claimed both attacks")."""

from __future__ import annotations

import re
from eventdb.assertions import ActorRef
from eventdb.extract.context import SentenceView
from eventdb.extract.incidents import Draft, Found



def referred(view: SentenceView, drafts: list[Draft]) -> list[Found]:
    named = _referred_by_name(view, drafts)
    found = named or _referred_one(view, drafts)
    if found is None:
        return []
    listed = _listed_with(found, drafts) if named is None else []  # "Haniyeh's death" names one of those listed
    for d in (found, *listed):
        d.last_sentence = view.sentence.index  # now the one just talked about ("Israel has not confirmed that killing")
    both = [d for d in drafts if d is not found and d not in listed and d.last_sentence >= view.sentence.index - _RECENT] \
        if _BOTH.search(view.text, view.start, view.end) else []
    # "the Houthis claimed both attacks"; "Israeli missiles hit A and B. The Israeli military declined to comment."
    return [Found(view.start, d) for d in (found, *listed, *both)]


def _listed_with(found: Draft, drafts: list[Draft]) -> list[Draft]:
    """The incidents one trigger of the last sentence made with `found`, one per listed place ("missiles hit A and B"),
    not talked about apart since: a sentence referring back to one of them is about the list."""
    if found.sentence_index != found.last_sentence:
        return []
    return [d for d in drafts if d is not found and d.sentence_index == d.last_sentence == found.sentence_index
            and d.span == found.span and d.event_type == found.event_type]


def with_the_other(view: SentenceView, found: list[Found], drafts: list[Draft]) -> list[Found]:
    """ "Two days later, a drone hit ship B; the Houthis claimed both attacks": a sentence that names one incident and
    speaks of both is also about the one talked about before it."""
    if len({id(f.incident) for f in found}) != 1 or not _BOTH.search(view.text, view.start, view.end):
        return found
    now = view.sentence.index
    earlier = [d for d in drafts if d is not found[0].incident and now - _RECENT <= d.last_sentence < now]
    if not earlier:
        return found
    other = _last_talked_about(view, earlier)
    return [*found, Found(view.start, other)]  # the sentence's own incident stays first: its other claims are about it


_BOTH = re.compile(r"\b(?:both|the two)\s+(?:\w+\s+)?(?:attacks|strikes)\b", re.IGNORECASE)


def _referred_by_name(view: SentenceView, drafts: list[Draft]) -> Draft | None:
    """An earlier incident a sentence names: by its victim ("Haniyeh's death"), or by a specific place (a country names
    too many incidents)."""
    for d in reversed(drafts):
        if d.event_type == "assassination" and d.target and _names_victim(view, d.target):
            return d
    places = {m.place for m in view.mentions if m.place}  # read once, not once per incident
    for d in reversed(drafts):
        if d.place in places and (view.is_specific_place(d.place) or _region_of_one(view, d, drafts)):
            return d
    for d in reversed(drafts):
        if d.place is None and d.place_text and _names_place(view, d.place_text):
            return d  # a place the reference lacks, written the same way ("a house in Aita al-Shaab was destroyed")
    located = {m.place for m in view.mentions if m.place and _LOCATIVE.search(view.before(m.start, 30))}
    for d in reversed(drafts):
        if d.place in located and view.tools.reference.places_by_key[d.place].kind == "country" \
                and sum(1 for e in drafts if e.place == d.place) == 1 and view.has("triggers"):
            return d  # "denied any involvement in the attack on the outpost in northeast Jordan": the one attack there
    return None


# A place named as where something is: "in northeast Jordan", "near Syria" (not "Jordan condemned", "attacks on Iran").
_LOCATIVE = re.compile(r"\b(?:in|inside|near)\s+(?:the\s+)?(?:(?:north|south|east|west|north-?east|north-?west|south-?east|"
                       r"south-?west|northern|southern|eastern|western|central)(?:ern)?\s+)?$", re.IGNORECASE)


def _region_of_one(view: SentenceView, d: Draft, drafts: list[Draft]) -> bool:
    """A province that is the place of this incident alone ("strikes on Deir ez-Zor and Homs governorates ... 18 were
    killed in Deir ez-Zor governorate"): naming it names the incident."""
    place = view.tools.reference.places_by_key.get(d.place or "")
    return bool(place and place.kind == "region") and sum(1 for e in drafts if e.place == d.place) == 1


def _names_place(view: SentenceView, name: str) -> bool:
    """The place name as written stands in the sentence as whole words."""
    return name in view.sentence.text and re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", view.sentence.text) is not None


_REFERRING_CATEGORIES = ("interception", "non_confirmation", "no_casualties", "killed_words", "injured_words",
                         "responsibility_denied", "involvement_denied",
                         "attribution", "casualty_nouns", "unharmed_words", "claim_verbs")  # words that go on about an
# incident just told ("Hezbollah claimed a "swarm of explosive drones" against the base")


def _referred_one(view: SentenceView, drafts: list[Draft]) -> Draft | None:
    """A sentence without its own incident nor a name of one may still talk about an earlier one: the one whose target
    it names, or the one just talked about."""
    if not drafts:
        return None
    by_target = _by_target(view, drafts)
    if by_target is not None:
        return by_target
    last = _last_talked_about(view, drafts)
    if last.left_in > last.last_sentence or _elsewhere(view, last):
        return None  # "Friday - Saudi air defences intercepted a drone over Jizan": not the Hodeidah strike told before
    if _victim_acts(view, last):
        return None  # "Earlier this week, US forces killed five militants near Kirkuk", after an attack on the US embassy
    gap = view.sentence.index - last.last_sentence
    if gap <= 3 and view.has("triggers"):
        return last
    if gap <= 2:
        for category in _REFERRING_CATEGORIES:  # a plain loop, not any(<genexpr>): this runs for most sentences
            if view.has(category):
                return last
        if view.has("hit_words") and not view.dates and not any(m.place for m in view.mentions):
            return last  # "One of them damaged a hangar." (with a date or place of its own it may tell another attack)
    return None


_FROM = re.compile(r"\bfrom\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


def _elsewhere(view: SentenceView, last: Draft) -> bool:
    """The sentence names a specific place in another country than the incident talked about last: it turned to
    something else (a roundup's next item), and it and the sentences after it do not refer back to that incident
    (marked on the incident)."""
    country = last.country or view.country_of(last.place)
    if not country:
        return False
    for m in view.mentions:  # a sea is elsewhere only for an event of the sentence's own, not where defenders stood
        if m.place and not m.actor and (view.is_specific_place(m.place) and view.country_of(m.place) not in (None, country)
                                        or _a_sea(view, m.place) and _own_event(view)) \
                and not _FROM.search(view.before(m.start, 20)):  # "launched from Albu Kamal": where it came from
            last.left_in = view.sentence.index
            return True
    return False


def _own_event(view: SentenceView) -> bool:
    """The sentence has an event word that is not an interception ("they hit a tanker"; not "destroyers in the
    Mediterranean shot down 70 drones")."""
    for t in view.find("triggers"):
        if not view.has("interception", t.start(), min(view.end, t.end() + 12)):
            return True
    return False


def _a_sea(view: SentenceView, key: str) -> bool:
    """A sea ("a tanker in the Gulf of Aden"): somewhere else than an incident on land (which has a country)."""
    place = view.tools.reference.places_by_key.get(key)
    return place is not None and place.kind == "sea"


_DOER = re.compile(r"\s+(?:(?!(?:the|a|an|said|says|was|were|had|has|have|is|are|been)\s)[a-z-]+\s+){0,2}$")


def _victim_acts(view: SentenceView, last: Draft) -> bool:
    """The sentence's own act of killing has as its subject the target of the incident told last (its name, or a
    force of the same state): the victim acting is another event ("US forces killed five militants near Kirkuk" after
    rockets at the US embassy), not a reference back to the one it suffered."""
    target = last.target
    if target is None or not target.key or not view.has("killed_words"):
        return False
    kinds = view.tools.lexicon.words["state_speaker_kinds"]
    country = view.actor_country(target.key) if view.actor_kind(target.key) in kinds else None
    for w in view.find("killed_words"):
        for m in view.mentions:
            if m.actor and m.end <= w.start() < m.end + 25 and _DOER.fullmatch(view.text, m.end, w.start()) \
                    and (m.actor == target.key or (country and view.actor_kind(m.actor) in kinds
                                                   and view.actor_country(m.actor) == country)):
                return True
    return False


_RECENT = 3  # sentences back that a sentence without names of its own (or "both attacks") may still be about


_CLAIM_CUES = ("speech_verbs", "non_confirmation", "confirmation", "responsibility_denied", "involvement_denied",
               "interception", "attribution")


def _by_target(view: SentenceView, drafts: list[Draft]) -> Draft | None:
    """ "... a day after a US strike on a PMF base. The Pentagon has not confirmed targeting the PMF base.": a sentence
    that names, after its speaker and verb, the target of an incident of the last sentences is about that incident
    (the latest such); the one who speaks ("Israel has not confirmed ...") refers to nothing by being named."""
    named = {m.actor for m in view.mentions if m.actor}
    recent = [d for d in drafts if view.sentence.index - d.last_sentence <= _RECENT and d.target and d.target.key in named]
    if not recent:
        return None  # (checked first: finding where the verb is costs more)
    keys = _named_after_the_verb(view)
    recent = [d for d in recent if d.target.key in keys]
    if not recent:
        return None
    best = max(reversed(recent), key=lambda d: d.last_sentence)
    latest = max(reversed(drafts), key=lambda d: d.last_sentence)
    if latest.target is None and latest.last_sentence > best.last_sentence and latest.event_type == best.event_type:
        return None  # "an Israeli drone strike hit a car. The IDF said it had struck a Hezbollah cell": the one just
        # talked about, of the same kind and with no known target, may be the one meant
    return best


def _named_after_the_verb(view: SentenceView) -> set[str]:
    """Actors named (as nouns) after the sentence's first speech or claim verb: what it is about, not who speaks; not
    an adjective ("downed three Israeli drones" names the attacker's weapons, not a target), nor the subject of an
    attack verb ("has not confirmed that X fired the rockets": a doer), nor where something came from."""
    cues = [m.start() for c in _CLAIM_CUES for m in view.find(c)[:1]]
    if not cues:
        return set()
    return {m.actor for m in view.mentions if m.actor and not m.adjective and m.start > min(cues)
            and not view.has("triggers", m.end, min(view.end, m.end + _DOER_GAP))
            and not _FROM.search(view.before(m.start, 20))}  # "crossed from Lebanon": where it came from


_DOER_GAP = 20  # characters between a name and an attack verb that make it the verb's subject ("X has fired")


def _last_talked_about(view: SentenceView, drafts: list[Draft]) -> Draft:
    """The incident the last sentences named. Of several named in the same sentence: the one whose target this sentence
    names ("... in response to an Israeli attack on a PMF base. The Israeli military has not confirmed targeting the PMF
    base."), else one of the main clause (not named in an aside about another), else the one named last."""
    latest = drafts[0].last_sentence  # max() as a plain loop (runs for most sentences); both callers pass drafts
    for d in drafts:
        if d.last_sentence > latest:
            latest = d.last_sentence
    tied = [d for d in drafts if d.last_sentence == latest]
    named = {m.actor for m in view.mentions if m.actor}
    if len(tied) > 1 and any(d.target and d.target.key in named for d in tied):
        keys = _named_after_the_verb(view)
        targeted = [d for d in tied if d.target and d.target.key in keys]
        tied = targeted or tied
    return max(reversed(tied), key=lambda d: d.aside_in != latest)


def _names_victim(view: SentenceView, victim: ActorRef) -> bool:
    """The victim's family name stands in the sentence as a word ("Haniyeh's death" for Ismail Haniyeh)."""
    name = victim.text.split()[-1]
    return len(name) > 3 and name in view.sentence.text and re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", view.text[view.start:view.end]) is not None
