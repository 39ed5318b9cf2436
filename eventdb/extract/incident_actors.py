"""Who did it and to whom: the perpetrator, target and victim a trigger's clause names (`find_perpetrator`,
`find_target`, `find_victim`), a speaker claiming its own act, and, once a name is found, who it stands for: the
group behind a possessive or a spokesman, the state behind its forces, the party a text blames, and names that are
no target (owners, borders).

Decisions:
- "fired by Yemen's Houthi movement": the group, not the country;
- "a drone strike widely attributed to Israel", "an attack blamed on X": X is the perpetrator, as attributed;
- "Yahya Saree said the group's forces had targeted ...": a person claiming an operation claims it for the group he
  is a `member_of` (affiliations.toml); the claim stays his;
- the forces in `state_level_actors` (US forces) stand for their state as perpetrator or target, as every gold set
  records them;
- a name compounded with "-owned", "-flagged" ... is an owner, and a demonym before "border", "coast" ... a border:
  neither is the party attacked; "targets in Houthi-controlled Yemen" targets the group that holds the area.
"""

from __future__ import annotations

import re
from dataclasses import replace

from eventdb.assertions import ActorRef
from eventdb.extract.context import SentenceView, actor_ref, quote_speaker
from eventdb.extract.gazetteer import Mention
from eventdb.extract.lexicon import Lexicon
from eventdb.extract.interceptions import is_interception
from eventdb.extract.triggers import Trigger


def possessed(view: SentenceView, m: Mention) -> Mention:
    """ "fired by Yemen's Houthi movement": the group a country's possessive names is the actor, not the country."""
    if not _POSSESSIVE.match(view.text, m.end):
        return m
    after = m.end + len(_POSSESSIVE.match(view.text, m.end).group(0))
    return next((x for x in view.mentions if x.actor and x.start == after), m)


_POSSESSIVE = re.compile(r"['’]s\s+")


def attributed_to(view: SentenceView, trigger_end: int, we: int) -> ActorRef | None:
    """ "a drone strike widely attributed to Israel", "an attack blamed on Kataib Hezbollah": whom the text blames."""
    m = _ATTRIBUTED.match(view.text, trigger_end, we)
    if not m:
        return None
    actors = view.actors(m.end(), min(we, m.end() + 30))
    return actor_ref(actors[0]) if actors and _THE.fullmatch(view.text[m.end():actors[0].start]) else None


_THE = re.compile(r"(?:the\s+)?")
_ATTRIBUTED = re.compile(r"\s+(?:(?:widely|largely|generally|also)\s+)?(?:attributed\s+to|blamed\s+on)\s+", re.IGNORECASE)


def member_group(view: SentenceView, ref: ActorRef | None) -> ActorRef | None:
    """ "Yahya Saree said the group's forces had targeted the ship": a spokesman claiming an operation claims it for
    the group he is a member of (`member_of` in affiliations.toml); the claim stays his."""
    if ref is None or not ref.key or view.actor_kind(ref.key) != "person":
        return ref
    group = next((a.related for a in view.tools.reference.affiliations if a.actor == ref.key and a.relation == "member_of"), None)
    return replace(ref, key=group) if group else ref


def state_level(view: SentenceView, ref: ActorRef | None) -> ActorRef | None:
    """ "US forces struck ...", "attacks on US troops": the forces listed in `state_level_actors` stand for their state on
    an incident (the state is what analysts record as perpetrator or target; claimants keep the forces)."""
    if ref is None or not ref.key or not view.tools.lexicon.is_a("state_level_actors", ref.key):
        return ref
    country = view.actor_country(ref.key)
    state = next((a for a in view.tools.reference.actors if a.kind == "state" and a.country == country), None)
    return replace(ref, key=state.key) if state else ref


def owner_or_area(view: SentenceView, m: Mention) -> bool:
    """A demonym naming an owner or flag ("British-owned", "Greek-flagged") or a border or coast ("the Jordanian and
    Iraqi borders"): not the party attacked."""
    lex = view.tools.lexicon
    if lex.derived(_owner_pattern).match(view.text, m.end, view.end):
        return True  # "US-owned", "British-flagged": any name in the compound
    return m.adjective and lex.derived(_area_pattern).match(view.text, m.end, view.end) is not None


def _owner_pattern(lex: Lexicon) -> re.Pattern[str]:
    suffixes = "|".join(re.escape(w) for w in lex.words["ownership_suffixes"])  # after a hyphen: no phrase pattern
    return re.compile(rf"-(?:{suffixes})\b", re.IGNORECASE)


def _area_pattern(lex: Lexicon) -> re.Pattern[str]:
    return re.compile(rf"(?:\s+and\s+[A-Z][\w-]+)?\s+(?:{lex.pattern('geographic_nouns').pattern})", re.IGNORECASE)


def area_holder(view: SentenceView, m: Mention) -> Mention | None:
    """ "targets in Houthi-controlled Yemen": the group that holds the area struck is the target, not the country."""
    held = _HELD.search(view.before(m.start, 20))
    if not held:
        return None
    pos = m.start - len(view.before(m.start, 20)) + held.start()
    return next((x for x in view.mentions if x.actor and x.end == pos), None)


_HELD = re.compile(r"-(?:controlled|held)\s+$")



_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_CAME_UNDER = re.compile(r"\b(?:came|come|comes|coming)\s+under\s+(?:[\w-]+\s+){0,4}$", re.IGNORECASE)  # "came under rocket fire"
_BLOCKERS = re.compile(r"\b(?:on|against|at|targeting|of|to|from|in|that|which|who|by|near|after|following|since|when|while)\b", re.IGNORECASE)



LOCATIVE = re.compile(r"\b(?:in|inside|at|near|into|across|over|on|of|within|throughout)\s+(?:the\s+)?(?:[a-z]+ern\s+)?$", re.IGNORECASE)



_BY = re.compile(r"\bby\s+", re.IGNORECASE)
# "attacks by Iran-aligned factions on US forces": a preposition after "by" ends the agent; what follows is another role.
_AGENT_ENDS = re.compile(r"\b(?:on|against|at|in|near|targeting|to|from)\s")



def used_by(view: SentenceView, pos: int) -> bool:
    """ "facilities used by X", "a base run by the X": the "by" that ends right before `pos` names who uses, runs or
    holds a place (the party struck), not the agent of the attack."""
    by = _PARTICIPLE_BY.search(view.before(pos, 30))
    return bool(by) and view.tools.lexicon.is_a("user_participles", by.group(1))


_PARTICIPLE_BY = re.compile(r"([A-Za-z-]+)\s+by\s+(?:the\s+)?$", re.IGNORECASE)


def _reacts_between(view: SentenceView, start: int, end: int) -> bool:
    """A speech or reaction verb between an actor and a trigger: the actor announces or condemns, it did not act."""
    return view.has("speech_verbs", start, end) or view.has("reaction_verbs", start, end)


def _in_quote(view: SentenceView, pos: int) -> bool:
    before = view.text[view.start:pos]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def self_claimed(view: SentenceView, t: Trigger) -> ActorRef | None:
    """The speaker as the subject of its own attack: "X announced that it attacked ...", or "our fighters struck" in X's quote
    (not "X said it intercepted two drones": a defender)."""
    lex = view.tools.lexicon
    if is_interception(view, t.phrase, t.end):
        return None
    before = view.before(t.start, 90)
    own = lex.derived(_own_subject_pattern).search(before) if _may_name_itself(view) else None
    if own:
        head = t.start - len(before) + own.start()
        verbs = [v for v in view.find("speech_verbs", max(view.start, head - 45), head)
                 if not view.tools.lexicon.has("negations", v.group(0))]
        if verbs and _STATEMENT_TAIL.fullmatch(view.text, verbs[-1].end(), head):
            speaker = _statement_subject(view, verbs[-1].start())
            if speaker:
                return speaker
    reported = _reports_own_operation(view, t) or _claiming_subject(view, t)
    if reported:
        return reported
    first = view.find("first_person", max(view.start, t.start - 40), t.start)
    if first and _in_quote(view, t.start):
        return quote_speaker(view, t.start)
    return None


def _claiming_subject(view: SentenceView, t: Trigger) -> ActorRef | None:
    """ "The Islamic Resistance in Iraq claimed drone attacks on X": the subject of a claim verb whose object is the
    attack (not "claimed that Y attacked", where the clause has its own subject)."""
    verbs = view.find("claim_verbs", max(view.start, t.start - 60), t.start)
    if not verbs or not _CLAIM_OBJECT.fullmatch(view.text, verbs[-1].end(), t.start):
        return None
    v = verbs[-1]
    actors = view.actors(max(view.start, v.start() - 60), v.start())
    if actors and _SUBJECT_TO_VERB.fullmatch(view.text, actors[-1].end, v.start()):
        return actor_ref(actors[-1])
    return None


_CLAIM_OBJECT = re.compile(r"\s+(?!that\b)(?:responsibility\s+for\s+)?(?:(?:an?|the|two|three|four|several|\d+)\s+)?(?:[a-z-]+\s+){0,2}")
_SUBJECT_TO_VERB = re.compile(r"\s+(?:(?:\w+ly|also|has|had|have|on\s+\w+day)\s+)*")


def _may_name_itself(view: SentenceView) -> bool:
    """Whether the sentence holds all the words of some self pronoun ("it", "its forces"), else `_own_subject_pattern`
    cannot match in it: the pattern takes each pronoun as written, between a word boundary and a space, so its words
    stand there as whole words, lowercased among the sentence's words (None when a letter of `FOLDS_TO_ASCII` makes
    lowercasing unlike case-insensitive matching: then the search is made)."""
    words = view.words()
    shape = view.tools.lexicon.shape("self_pronouns")
    return words is None or shape.key_words is None or shape.may_match(words)


def _own_subject_pattern(lex: Lexicon) -> re.Pattern[str]:
    """ "that it has also ", "we ": a self pronoun as the subject right before the trigger."""
    pronouns = "|".join(re.escape(p) for p in lex.words["self_pronouns"])
    return re.compile(rf"(?:\bthat\s+)?\b(?:{pronouns})\s+(?:had\s+|has\s+|have\s+)?(?:\w+ly\s+)?(?:also\s+)?$", re.IGNORECASE)


# Between a speech verb and "that it attacked": a day, or "in a (Telegram) statement".
_STATEMENT_TAIL = re.compile(r"\s*(?:\w+day\s+|on\s+\w+day\s+)?(?:(?:in|on)\s+(?:an?|its|their|the)\s+(?:[\w-]+\s+){0,2}?"
                             r"(?:statement|post|video|message|channel|account|website)\s+)?")  # "on its Telegram channel"
# "X, an umbrella of factions that includes Y and Z, said": the appositive between a name and its verb.
APPOSITION = re.compile(r"(?:\s*\([A-Z]{2,6}\))?,\s+(?:an?|the|one of|who)\s+[^,;“”]{3,150},\s*$")  # "X (IRI), the umbrella ..., said"


def _statement_subject(view: SentenceView, verb: int) -> ActorRef | None:
    """Who speaks at `verb`: the actor right before it, or the name an appositive describes ("X, an umbrella of factions
    that includes Y, said" is X, not Y)."""
    actors = view.actors(max(view.start, verb - 200), verb)
    for m in actors[:1]:  # the sentence's subject, described before its verb
        if m.start - view.start < 40 and view.text.startswith((",", " ("), m.end) and APPOSITION.fullmatch(view.text, m.end, verb) \
                and not view.has("speech_verbs", m.end, verb):
            return actor_ref(m)
    near = [m for m in actors if verb - m.end <= 45]
    if near and not _SUBJECT_BREAK.search(view.text[near[-1].end:verb]):
        return actor_ref(near[-1])
    return None


def _reports_own_operation(view: SentenceView, t: Trigger) -> ActorRef | None:
    """ "The Islamic Resistance in Iraq reported an operation targeting X": an armed group reporting an operation claims it."""
    verbs = view.find("speech_verbs", max(view.start, t.start - 60), t.start)
    if not verbs:
        return None
    v = verbs[-1]
    if not _OPERATION_OBJECT.fullmatch(view.text[v.end():t.start]) and not _OWN_OBJECT.fullmatch(view.text[v.end():t.start]):
        return None
    actors = view.actors(max(view.start, v.start() - 45), v.start())
    if not actors or _SUBJECT_BREAK.search(view.text[actors[-1].end:v.start()]):
        return None
    kinds = view.tools.lexicon.words.get("self_reporting_kinds", ())
    return actor_ref(actors[-1]) if view.actor_kind(actors[-1].actor) in kinds else None


_SUBJECT_BREAK = re.compile(r"[,;]|\b(?:that|which|on|against|at|to|of)\b")  # between a subject and its verb
_OPERATION_OBJECT = re.compile(r"\s+(?:on\s+\w+day\s+)?(?:an?|the|its|their)\s+(?:[\w“”-]+\s+){0,2}(?:operations?|attacks?|strikes?)\s+")
_OWN_OBJECT = re.compile(r"\s+(?:on\s+\w+day\s+)?(?:an?|the|its|their)\s+(?:[\w“”-]+\s+){0,2}")


def _named_in_noun_phrase(view: SentenceView, t: Trigger, we: int) -> ActorRef | None:
    """ "killed in a US air strike", "wounded by an Israeli drone strike": the actor inside the attack noun phrase."""
    if not view.tools.lexicon.is_a("weak_triggers", t.phrase):
        return None
    for m in view.actors(t.end, min(we, t.end + 40)):
        if _DETERMINER_ONLY.fullmatch(view.text[t.end:m.start]):
            rest = view.after(m.end, 25)
            if view.tools.lexicon.pattern("triggers").match(rest.lstrip()) and rest[:1].isspace():
                return actor_ref(m)
    return None


_DETERMINER_ONLY = re.compile(r"\s+(?:an?|the)\s+")


def find_perpetrator(view: SentenceView, t: Trigger, ws: int, we: int) -> tuple[ActorRef | None, bool]:
    """(perpetrator, passive): "by X"; "X's strike"/"an Israeli attack"; or the clause subject, never a speaker; for an
    interception, only who launched what was intercepted."""
    if is_interception(view, t.phrase, t.end):
        return launcher(view, t.end, we), True
    after = view.text[t.end:we]
    by = _BY.search(after[:40])
    if by and _reacts_between(view, t.end, t.end + by.start()):
        by = None  # "the attack was condemned by X", "reported by X": X reacts or speaks, it did not attack
    if by and used_by(view, t.end + by.end()):
        by = None  # "struck three facilities used by X": X uses what was struck, it did not strike
    if by:
        pos = t.end + by.end()
        actors = [m for m in view.actors(pos, we) if m.start - pos < 45 and not _AGENT_ENDS.search(view.text, pos, m.start)]
        if actors and _source_after_agent(view, pos, actors[0]):
            actors = []  # "hit by a missile, a US official said": the source of the news, not the doer
        if actors:
            return actor_ref(possessed(view, actors[0])), True
    named = _named_in_noun_phrase(view, t, we)
    if named:
        return named, False
    passive = bool(_PASSIVE.search(view.before(t.start, 25)) or _CAME_UNDER.search(view.before(t.start, 50)))
    before = view.actors(ws, t.start)  # (the names read below are those of them from 90 characters before the trigger)
    close = [m for m in before if t.start - m.end <= 30]
    for m in reversed(close):
        between = view.text[m.end:t.start]
        if _reacts_between(view, m.end, t.start):
            break
        if _recipient(view, m, between) or view.has("interceptor_words", m.end, t.start):
            continue  # (nor "an Israeli interceptor missile struck a house": the defender's weapon, no attacker's)  # "pagers distributed to Hezbollah members exploded": who received them, not who set them off
        if _MODIFIERS_BEFORE.fullmatch(between) and not _BLOCKERS.search(between):
            return (None if passive else actor_ref(_first_of_pair(view, m))), passive
    lo = max(ws, t.start - 90)
    for m in reversed([m for m in before if m.start >= lo]):  # = view.actors(lo, t.start): the same test of each name
        between = view.text[m.end:t.start]
        if _reacts_between(view, m.end, t.start):
            break
        if _BLOCKERS.search(between) or "," in between.strip(", ") or _recipient(view, m, between) \
                or view.has("interceptor_words", m.end, t.start):
            continue
        return (None if passive else actor_ref(m)), passive
    return None, passive


def _source_after_agent(view: SentenceView, pos: int, m: Mention) -> bool:
    """ "was hit by a missile, a US official tells us": a name after a comma that closes the "by" phrase, followed by
    its speech verb (at most three words between: "official", "military officials"), speaks; it is not the agent."""
    if "," not in view.text[pos:m.start]:
        return False
    verb = view.first("speech_verbs", m.end, min(view.end, m.end + 45))
    return verb is not None and _SOURCE_TAIL.fullmatch(view.text, m.end, verb.start()) is not None


_SOURCE_TAIL = re.compile(r"(?:['’]s)?(?:\s+[a-z][\w-]*){0,3}\s+")


def _recipient(view: SentenceView, m: Mention, between: str) -> bool:
    """ "pagers distributed to Hezbollah members exploded": a name after "to", "for" or "against", with a word of its
    own phrase before the trigger, received or suffered something; it is not the subject ("in response to the Israeli
    strike": the name that qualifies the trigger itself still does it)."""
    if _ORIGIN_BEFORE.search(view.before(m.start, 12)) and view.actor_kind(m.actor) == "state":
        return True  # "an anti-tank missile fired from Lebanon struck a house": whence it came, not who fired it
    return bool(between.strip()) and _RECIPIENT_BEFORE.search(view.before(m.start, 25)) is not None


_ORIGIN_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?$", re.IGNORECASE)


_RECIPIENT_BEFORE = re.compile(r"(?<!response )(?<!retaliation )(?<!revenge )\b(?:to|for|against|targeting|towards?)\s+(?:the\s+)?$",
                               re.IGNORECASE)
_MODIFIERS_BEFORE = re.compile(r"(?:['’]s)?[\s“”\"]*(?:[a-z“”\"-]+\s+){0,3}")



def _first_of_pair(view: SentenceView, m: Mention) -> Mention:
    """ "The United States and Britain launched strikes": the first named leads."""
    earlier = [a for a in view.actors(view.start, m.start)
               if _PAIR_JOIN.fullmatch(view.text[a.end:m.start])]  # "joint US-UK strikes" too
    return earlier[-1] if earlier else m


_PAIR_JOIN = re.compile(r"\s+(?:and|&)\s+(?:the\s+)?|[-/]")


def find_target(view: SentenceView, t: Trigger, ws: int, we: int, perp: ActorRef | None, passive: bool) -> ActorRef | None:
    if is_interception(view, t.phrase, t.end):
        return defended(view, t, ws, we, perp)
    if passive:
        reach = 120 if _CAME_UNDER.search(view.before(t.start, 50)) else 60  # "US forces at X and Y came under attack"
        subject = [m for m in view.actors(max(ws, t.start - reach), t.start) if not _reacts_between(view, m.end, t.start)
                   and not LOCATIVE.search(view.before(m.start, 20))]  # "forces in Syria came under attack": not Syria
        if subject:
            return actor_ref(subject[-1])
    for m in view.actors(t.end, we):
        if perp and m.actor == perp.key:
            continue
        verb = view.tools.lexicon.pattern("speech_verbs").search(view.after(m.end, 30))
        if verb and _TWO_WORDS.fullmatch(view.after(m.end, 30)[:verb.start()]) \
                or _ACCORDING_TO.search(view.before(m.start, 20)):
            continue  # "..., Iraqi security sources told Reuters", "according to CENTCOM": the speaker, not the target
        if used_by(view, m.start):
            return actor_ref(possessed(view, m))  # "struck facilities used by X": X's facilities
        if _DURING_BEFORE.search(view.before(m.start, 20)):
            continue  # "an interceptor fired during the Hezbollah barrage": whose barrage it was, not whom it struck
        if _NOT_TARGET_BEFORE.search(view.before(m.start, 30)):
            continue  # "by X" is the perpetrator; "targets in Iraq (and Syria)" is where, "from Lebanon" whence, not whom
        if owner_or_area(view, m):
            continue  # "the British-owned ship", "near the Jordanian and Iraqi borders": whose ship or border, not whom
        holder = area_holder(view, m)
        return actor_ref(holder or possessed(view, m))
    return None


_DURING_BEFORE = re.compile(r"\b(?:during|amid|amidst|throughout)\s+(?:the\s+|an?\s+)?$", re.IGNORECASE)
def _speaks_after(view: SentenceView, m: Mention) -> bool:
    """ "..., Iraqi security sources told Reuters", "..., Lloyd Austin said": the name is the subject of a speech verb."""
    verb = view.tools.lexicon.pattern("speech_verbs").search(view.after(m.end, 30))
    return bool(verb and _TWO_WORDS.fullmatch(view.after(m.end, 30)[:verb.start()]))


_TWO_WORDS = re.compile(r"(?:\s+[a-z]+){0,2}\s+")
_ACCORDING_TO = re.compile(r"\baccording\s+to\s+(?:the\s+)?$", re.IGNORECASE)
_NOT_TARGET_BEFORE = re.compile(r"\b(?:by|in|inside|from)\s+(?:the\s+)?(?:[a-z]+\s+)?(?:[A-Z][\w'’-]*\s*(?:,|,?\s+and|,?\s+or)\s+(?:the\s+)?)?$")
_NAME_THEN_ROLE = re.compile(r"\s+([A-Z][\w’'-]+(?:\s(?:(?:al|bin|ibn|el)[-\s])?[A-Z][\w’'-]+)+),\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}[\w-]+")


def find_victim(view: SentenceView, t: Trigger, we: int) -> ActorRef | None:
    """The person an assassination or killing names: a person actor, or a capitalized name after a role word."""
    for m in view.actors(t.end, min(we, t.end + 90)):
        if view.actor_kind(m.actor) == "person" and not _speaks_after(view, m):
            return actor_ref(m)  # (not "killed two fighters, Defense Secretary Lloyd Austin said": the speaker)
    named = _NAME_THEN_ROLE.match(view.text, t.end, we)
    if named and view.has("roles", named.end(1), named.end()):
        return ActorRef(named.group(1), None, named.start(1), named.end(1))  # "killed Razi Mousavi, a senior adviser of ..."
    role = view.tools.lexicon.pattern("roles")
    for r in role.finditer(view.text, t.end, min(we, t.end + 90)):
        name = _NAME_AFTER_ROLE.match(view.text[r.end():we])
        if name:
            s = r.end() + name.start(1)
            return ActorRef(name.group(1), None, s, s + len(name.group(1)))
    before = [m for m in view.actors(max(view.start, t.start - 80), t.start) if view.actor_kind(m.actor) == "person"]
    if before and _WHO_WERE.search(view.before(t.start, 15)):
        return actor_ref(before[-1])
    return None


_NAME_AFTER_ROLE = re.compile(r",?\s+([A-Z][\w’'-]+(?:\s(?:(?:al|bin|ibn|el)[-\s])?[A-Z][\w’'-]+)+)")
_WHO_WERE = re.compile(r"\bwho\s+(?:were|was)\s+$")



_KILLED_IN = re.compile(r"\s+(?:was\s+|were\s+)?(?:killed\s+)?in\s+(?:an?|the)\s+(?:[\w’'-]+\s+){0,2}$")


def victim_killed_in(view: SentenceView, t: Trigger) -> ActorRef | None:
    """ "... the killing of Hezbollah leader Hassan Nasrallah in an Israeli air strike": a named person right before
    "in a <strike>", in a sentence about a killing, is the strike's victim."""
    before = [m for m in view.actors(max(view.start, t.start - 60), t.start) if view.actor_kind(m.actor) == "person"]
    if before and _KILLED_IN.fullmatch(view.text, before[-1].end, t.start):
        return actor_ref(before[-1])
    for r in view.find("roles", max(view.start, t.start - 80), t.start):  # "Hezbollah commander Fuad Shukr in a strike"
        name = _NAME.match(view.text, r.end(), t.start)
        if name and _KILLED_IN.fullmatch(view.text, name.end(1), t.start):
            return ActorRef(name.group(1), None, name.start(1), name.end(1))
    return None


def named_dead(view: SentenceView, victim: ActorRef) -> int | None:
    """ "the killing of Qasem Soleimani" is one dead, "the killing of Soleimani and al-Muhandis" two: the persons a
    killing word names (an "assassination of X" says nothing of whether X died, so it counts none)."""
    if victim.char_start is None or victim.char_end is None:
        return None
    lo = view.start  # "the killing of X in Tehran and of Y in an Israeli air strike": the word may stand well before
    if not any(view.tools.lexicon.is_a("killed_words", m.group(0).split()[0]) for m in view.find("kill_words", lo, victim.char_end + 40)):
        return None
    if _AND_NAME.match(view.text, victim.char_end, view.end):
        return 2
    earlier = [m for m in view.actors(max(view.start, victim.char_start - 120), victim.char_start)
               if view.actor_kind(m.actor) == "person"]
    return 2 if earlier and _AND_BEFORE.search(view.before(victim.char_start, 8)) else 1  # "X, ..., and Y, who were killed"


_AND_BEFORE = re.compile(r",?\s+and\s+$")
_AND_NAME = re.compile(r",?\s+and\s+(?:(?:al|el|Abu)[-\s])?[A-Z][\w’'-]+")  # "Soleimani and al-Muhandis"
_NAME = re.compile(r"\s+([A-Z][\w’'-]+(?:\s(?:(?:al|bin|ibn|el)[-\s])?[A-Z][\w’'-]+)+)")


def find_killer(view: SentenceView, t: Trigger) -> ActorRef | None:
    """ "Israel killed Hezbollah commander Fuad Shukr in a strike": the subject of the killing verb."""
    kills = view.find("kill_words", view.start, t.start)
    actors = view.actors(max(view.start, kills[-1].start() - 40), kills[-1].start()) if kills else []
    if actors and ADVERB_ONLY.fullmatch(view.text[actors[-1].end:kills[-1].start()]):
        return actor_ref(actors[-1])
    return None


ADVERB_ONLY = re.compile(r"\s+(?:\w+ly\s+)?")


# "drones fired by the Houthis", "a missile launched from Yemen by the Houthis": the launch verb's agent.
_LAUNCHED_BY = re.compile(r"\b(?:fired|launched|sent)\s+(?:(?:from|at|toward|towards)\s+[^,;]{1,40}?\s+)?by\s+(?:the\s+)?",
                          re.IGNORECASE)


def launcher(view: SentenceView, start: int, end: int) -> ActorRef | None:
    """Who launched what an interception stopped: the agent of "fired by", "launched by" in [start, end); never the
    interceptor (the interception verb's subject, or its own "by" agent: "shot down by the air defences of X")."""
    m = _LAUNCHED_BY.search(view.text, start, end)
    if m is None:
        return None
    actors = [a for a in view.actors(m.end(), min(end, m.end() + 45))]
    return actor_ref(possessed(view, actors[0])) if actors else None


_AT_TARGET = re.compile(r"\b(?:at|toward|towards|targeting|against)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


def defended(view: SentenceView, t: Trigger, ws: int, we: int, perp: ActorRef | None) -> ActorRef | None:
    """The target of an intercepted attack: the party it was fired at ("toward USS Laboon"), else the defender when it
    defends its own ground ("the UAE intercepted two missiles fired at Abu Dhabi", "Saudi air defences intercepted a
    drone over Jizan"); a defender elsewhere ("US forces shot down drones over the Red Sea") is not the target."""
    for m in view.actors(t.end, we):
        if (perp is None or m.actor != perp.key) and _AT_TARGET.search(view.before(m.start, 30)):
            return actor_ref(m)
    subject = [m for m in view.actors(max(ws, t.start - 60), t.start) if not _reacts_between(view, m.end, t.start)]
    by = _BY.match(view.text, t.end + len(view.text[t.end:we]) - len(view.text[t.end:we].lstrip()))
    agent = [m for m in view.actors(t.end, min(we, t.end + 50)) if by and not _LAUNCHED_BY.search(view.text, t.end, m.start)]
    defender = subject[-1] if subject and not _PASSIVE.search(view.before(t.start, 25)) else agent[0] if agent else None
    if defender is None:
        return None
    home = view.actor_country(state_level(view, actor_ref(defender)).key) if defender.actor else None
    if home and any(p.place and view.country_of(p.place) == home for p in view.mentions if ws <= p.start < we):
        return state_level(view, actor_ref(defender))
    return None
