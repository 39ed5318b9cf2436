"""Incidents: one specific use of force per trigger clause, merged across sentences.

Precision first: a trigger becomes an incident only when it is realis (not a threat,
plan, hypothesis or negation), specific (a date, a named place, counts, or a named
perpetrator and target), and not an aggregate ("some 200 strikes").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from eventdb.assertions import ActorRef, DateRef, IncidentReport, PlaceRef, Span, Statistic
from eventdb.extract.aggregates import strike_waves
from eventdb.extract.context import SentenceView, actor_ref, quote_speaker
from eventdb.extract.gazetteer import Mention
from eventdb.extract.dates import DateMention
from eventdb.extract.nonevents import hypothetical, opens_period, opinion
from eventdb.extract.incident_actors import (area_holder, attributed_to, member_group, owner_or_area, possessed,
                                            state_level)
from eventdb.extract.retold import retold
from eventdb.extract.tolls import elliptic_victims, named_with_others, of_victims_end, single_victim, zero_victims
from eventdb.extract.lexicon import Lexicon, fold, trigger_type

_COMPATIBLE_TYPES = {frozenset({"attack", "airstrike"})}
_DETERMINER = re.compile(r"(?:\b(?:the|this|that|its|their)|['’]s)\s+(?:[\w“”\"'’-]+\s+){0,3}$", re.IGNORECASE)
_PLURAL_DETERMINER = re.compile(r"\b(?:these|those|both)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)  # "both attacks", "these drone strikes"
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_CAME_UNDER = re.compile(r"\b(?:came|come|comes|coming)\s+under\s+(?:[\w-]+\s+){0,4}$", re.IGNORECASE)  # "came under rocket fire"
_BLOCKERS = re.compile(r"\b(?:on|against|at|targeting|of|to|from|in|that|which|who|by|near|after|following|since)\b", re.IGNORECASE)
_FROM = re.compile(r"\bfrom\s+(?:the\s+)?(?:direction\s+of\s+(?:the\s+)?)?(?:occupied\s+)?$", re.IGNORECASE)
_NEAR = re.compile(r"\b(?:near|outside|close to|(?:south|north|east|west)(?:east|west)?(?:ern)? of)\s+(?:the\s+)?(?:\w+\s+){0,3}$", re.IGNORECASE)
_LOCATIVE = re.compile(r"\b(?:in|inside|at|near|into|across|over|on|of|within|throughout)\s+(?:the\s+)?(?:[a-z]+ern\s+)?$", re.IGNORECASE)
_SPREAD = re.compile(r"\b(?:across|throughout)\s+(?:the\s+)?$", re.IGNORECASE)
_BY = re.compile(r"\bby\s+", re.IGNORECASE)
# "attacks by Iran-aligned factions on US forces": a preposition after "by" ends the agent; what follows is another role.
_AGENT_ENDS = re.compile(r"\b(?:on|against|at|in|near|targeting|to|from)\s")
_KIND_NEAR_KEPT = 1  # "near Ain al-Asad air base", "near Erbil airport": a base or airport is the place; near a town is only its country
_VICTIM_PERSON = re.compile(r"^[\s,]*(?:[A-Za-z’'-]+\s+){0,6}?", re.IGNORECASE)


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
    outcome: str = "unknown"
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
    air_verb: bool = False  # "struck", "hit": an air strike if a state's forces did it (known perhaps only from the claims)

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


# Plain, hashed by value, rather than frozen (a frozen dataclass sets each field through object.__setattr__):
# built several times per sentence. A value all the same: nothing assigns to one.
@dataclass(unsafe_hash=True)
class Found:
    """An incident a sentence names: where, the incident as merged so far, and what this sentence itself said (None if only referred to)."""

    pos: int
    incident: Draft
    mention: Draft | None = None


# Plain, hashed by value, rather than frozen (a frozen dataclass sets each field through object.__setattr__):
# built several times per sentence. A value all the same: nothing assigns to one.
@dataclass(unsafe_hash=True)
class Trigger:
    start: int
    end: int
    phrase: str
    event_type: str
    wave: bool = False  # the verb of a one-day strike wave ("hit more than 85 targets ... on Friday")
    example_of: Statistic | None = None  # "dozens of air strikes ..., including a strike on X": one of an aggregate's


def _starts_inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Whether `pos` lies in one of the [start, end) `spans` (a plain loop, not any(<genexpr>): it runs per trigger)."""
    for s, e in spans:
        if s <= pos < e:
            return True
    return False


def find_triggers(view: SentenceView, blocked: list[tuple[int, int]]) -> list[Trigger]:
    lex = view.tools.lexicon
    out = []
    for m in view.find("triggers"):
        if blocked and _starts_inside(m.start(), blocked):
            continue
        phrase = fold(m.group(0))
        weak = lex.is_a("weak_triggers", phrase)
        if out and m.start() - out[-1].end < 25 and not weak and lex.is_a("weak_triggers", out[-1].phrase) \
                and not _COMMA.search(view.text[out[-1].end:m.start()]):
            out[-1] = Trigger(m.start(), m.end(), phrase, trigger_type(lex, phrase))
            continue  # "killed in a US air strike": the attack noun names the incident, not the weak verb
        if out and ((weak and not _place_between(view, out[-1].end, m.start()) and not _new_clause(view, out[-1].end, m.start()))
                    or m.start() - out[-1].end < 12):
            if trigger_type(lex, phrase) == "airstrike" and out[-1].event_type == "attack":
                out[-1] = replace(out[-1], event_type="airstrike")  # "artillery fire and air strikes": the air strikes type it
            continue  # "strikes ... launched by X, targeted Y": one incident, read in one window
        out.append(Trigger(m.start(), m.end(), phrase, trigger_type(lex, phrase)))
    return _with_waves(view, out, blocked)


_COMMA = re.compile(r"[,;]")


def _place_between(view: SentenceView, start: int, end: int) -> bool:
    """A place named between two triggers ("a strike attributed to Israel hit X": Israel is no place there)."""
    return any(p.place and start <= p.start < end and not _AGENT_BEFORE.search(view.before(p.start, 20)) for p in view.mentions)


def _new_clause(view: SentenceView, start: int, end: int) -> bool:
    return view.has("clause_openers", start, end) or view.has("sequence_connectors", start, end)


def _with_waves(view: SentenceView, triggers: list[Trigger], blocked: list[tuple[int, int]]) -> list[Trigger]:
    """ "the United States hit more than 85 targets ... on Friday": the verb of a one-day strike wave is a trigger."""
    waves = [Trigger(v.start(), v.end(), fold(v.group(0)), "attack", wave=True) for v, _ in strike_waves(view)
             if not any(s <= v.start() < e for s, e in blocked)]
    if not waves:
        return triggers
    triggers = [replace(t, wave=True) if any(w.start == t.start for w in waves) else t for t in triggers]
    waves = [w for w in waves if not any(t.start <= w.start < t.end + 12 or w.start <= t.start < w.end + 40 for t in triggers)]
    return sorted(triggers + waves, key=lambda t: t.start)


def example_triggers(view: SentenceView, stat: Statistic) -> list[Trigger]:
    """ "... dozens of air strikes on Houthi targets, including a strike on radar sites near Hodeidah last week": a
    trigger named as one example ("including a", "such as an") of the sentence's aggregate is an incident of its own."""
    lex = view.tools.lexicon
    out = []
    for marker in view.find("example_markers"):
        article = _EXAMPLE_ARTICLE.match(view.text[marker.end():view.end])
        if not article:
            continue
        head = _ARTICLE.match(article.group(0))  # "a strike" or "a drone strike"
        m = lex.pattern("triggers").match(view.text, marker.end() + head.end(), view.end) \
            or lex.pattern("triggers").match(view.text, marker.end() + article.end(), view.end)
        if m and not lex.is_a("plural_triggers", m.group(0)):
            phrase = fold(m.group(0))
            out.append(Trigger(m.start(), m.end(), phrase, trigger_type(lex, phrase), example_of=stat))
    return out


_EXAMPLE_ARTICLE = re.compile(r"\s+(?:an?|one)\s+(?:[\w-]+\s+)?")
_ARTICLE = re.compile(r"\s+(?:an?|one)\s+")


def windows(view: SentenceView, triggers: list[Trigger]) -> list[tuple[int, int]]:
    """Each trigger reads the text up to a clause break before the next trigger."""
    bounds = []
    start = view.start
    for i, t in enumerate(triggers):
        end = view.end
        if i + 1 < len(triggers):
            nxt = triggers[i + 1]
            gap = view.text[t.end:nxt.start]
            breaks = [m.start() for m in _CLAUSE_BREAK.finditer(gap)
                      if not _joins_weapons(view, t.end + m.start(), gap[m.start():])]
            end = t.end + (breaks[-1] if breaks else len(gap))
        cause = view.first("sequence_connectors", t.end, min(view.end, end + 12))  # may straddle the break ("a week | after")
        if cause is not None and cause.start() < end:
            end = cause.start()  # "struck X in response to rocket fire at Y": what follows is the other event's
        semicolon = view.text.find(";", t.end, end)
        if semicolon != -1:
            end = semicolon  # "X said it launched 200 missiles; the IDF put the number at 180": another statement
        bounds.append((start, end))
        start = end
    return bounds


_CLAUSE_BREAK = re.compile(r",|;|\s(?:and|as well as|while|but|after|before|hours after|following|in response to|in retaliation for|in the wake of)\s")


def _joins_weapons(view: SentenceView, pos: int, rest: str) -> bool:
    """ "drone and missile attack": an "and" between weapon words belongs to the next trigger's noun phrase;
    "forces at the X base and the Y landing zone came under attack": so does an "and" between two places."""
    if not rest.lstrip().startswith(("and ", "or ")):
        return False
    if any(m.weapon and m.end == pos for m in view.mentions):
        return True
    nxt = _NEXT_PLACE.match(rest)
    return bool(nxt) and any(m.place and m.start == pos + nxt.end() for m in view.mentions) \
        and any(m.place and m.end <= pos and _HEAD_NOUN.fullmatch(view.text, m.end, pos) for m in view.mentions)


_NEXT_PLACE = re.compile(r"\s*(?:and|or)\s+(?:the\s+)?")
_HEAD_NOUN = re.compile(r"(?:\s+[a-z]+){0,2}")  # "al-Shaddadi base", "Harir air base"


def irrealis_reason(view: SentenceView, t: Trigger, window_start: int) -> str | None:
    """ "irrealis" for threats, plans and hypotheticals, "negated" for a negation or denial just before, else None."""
    lex = view.tools.lexicon
    if _denied_before(view, t):
        return "negated"
    lo = max(window_start, t.start - 70, view.start)
    before = view.text[lo:t.start]
    marks = list(lex.pattern("irrealis").finditer(before))
    if marks:
        last = marks[-1].end()
        if not lex.pattern("realis_connectors").search(before[last:]):
            return "irrealis"
    if lex.pattern("irrealis_after").search(view.after(t.end, 30)) or _HYPOTHETICAL_AFTER.match(view.text, t.end, view.end) \
            or hypothetical(view, t.end):
        return "irrealis"
    if _may_characterize(before) and _CHARACTERIZED.search(before):
        return "irrealis"  # 'condemned what he called "attacks that harm Iraq's sovereignty"': a characterization
    near = view.text[max(view.start, t.start - 30):t.start]
    return "negated" if lex.pattern("negations").search(near) else None


# "a single lucky strike could change it", "a strike every few weeks": a hypothetical or habitual event.
_HYPOTHETICAL_AFTER = re.compile(r"\s+(?:could|would|might|may|will|every)\b", re.IGNORECASE)
_CHARACTERIZED = re.compile(r"(?:\bwhat\s+(?:he|she|it|they|the\s+\w+)\s+(?:called|calls|described\s+as|termed)\s+[\"“]?"
                            r"|\b(?:called|calls|describing|described)\s+(?:it|this|that|them)\s+(?:as\s+)?[\"“])(?:[\w-]+\s+){0,2}$")


def _may_characterize(before: str) -> bool:
    """Every `_CHARACTERIZED` match holds "called", "calls", "described", "describing" or "termed" as written (the
    pattern is case-sensitive): a text without "call", "describ" or "termed" is not searched."""
    return "call" in before or "describ" in before or "termed" in before


def _denied_before(view: SentenceView, t: Trigger) -> bool:
    """ "denied any involvement in the X attack", "has not confirmed the strike": the trigger is the object of a denial.

    A category the sentence lacks is skipped without scanning the stretch before the trigger: that scan could only
    differ from the sentence's where the stretch ends, at the trigger, and a phrase ending in a word character cannot
    end there, since the trigger pattern never starts right after a word character."""
    lo = max(view.start, t.start - 60)
    for category in ("involvement_denied", "responsibility_denied", "non_confirmation"):
        if not view.has(category) and view.tools.lexicon.shape(category).ends_in_word:
            continue  # none in the sentence, so none before the trigger: see the docstring
        for m in view.find(category, lo, t.start):
            if not _DENIAL_BREAK.search(view.text[m.end():t.start]):
                return True
    return False


_DENIAL_BREAK = re.compile(r"[,;.]|\b(?:and|but)\b")


def _reacts_between(view: SentenceView, start: int, end: int) -> bool:
    """A speech or reaction verb between an actor and a trigger: the actor announces or condemns, it did not act."""
    return view.has("speech_verbs", start, end) or view.has("reaction_verbs", start, end)


def _in_quote(view: SentenceView, pos: int) -> bool:
    before = view.text[view.start:pos]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _self_claimed(view: SentenceView, t: Trigger) -> ActorRef | None:
    """The speaker as the subject of its own attack: "X announced that it attacked ...", or "our fighters struck" in X's quote."""
    lex = view.tools.lexicon
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


def _perpetrator(view: SentenceView, t: Trigger, ws: int, we: int) -> tuple[ActorRef | None, bool]:
    """(perpetrator, passive): "by X"; "X's strike"/"an Israeli attack"; or the clause subject, never a speaker."""
    after = view.text[t.end:we]
    by = _BY.search(after[:40])
    if by and _reacts_between(view, t.end, t.end + by.start()):
        by = None  # "the attack was condemned by X", "reported by X": X reacts or speaks, it did not attack
    if by:
        pos = t.end + by.end()
        actors = [m for m in view.actors(pos, we) if m.start - pos < 45 and not _AGENT_ENDS.search(view.text, pos, m.start)]
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
        if _MODIFIERS_BEFORE.fullmatch(between) and not _BLOCKERS.search(between):
            return (None if passive else actor_ref(_first_of_pair(view, m))), passive
    lo = max(ws, t.start - 90)
    for m in reversed([m for m in before if m.start >= lo]):  # = view.actors(lo, t.start): the same test of each name
        between = view.text[m.end:t.start]
        if _reacts_between(view, m.end, t.start):
            break
        if _BLOCKERS.search(between) or "," in between.strip(", "):
            continue
        return (None if passive else actor_ref(m)), passive
    return None, passive


_MODIFIERS_BEFORE = re.compile(r"(?:['’]s)?[\s“”\"]*(?:[a-z“”\"-]+\s+){0,3}")
_AGENT_BEFORE = re.compile(r"\b(?:attributed\s+to|blamed\s+on|by)\s+(?:the\s+)?$", re.IGNORECASE)


def _first_of_pair(view: SentenceView, m: Mention) -> Mention:
    """ "The United States and Britain launched strikes": the first named leads."""
    earlier = [a for a in view.actors(view.start, m.start)
               if _PAIR_JOIN.fullmatch(view.text[a.end:m.start])]  # "joint US-UK strikes" too
    return earlier[-1] if earlier else m


_PAIR_JOIN = re.compile(r"\s+(?:and|&)\s+(?:the\s+)?|[-/]")


def _target(view: SentenceView, t: Trigger, ws: int, we: int, perp: ActorRef | None, passive: bool) -> ActorRef | None:
    if passive:
        reach = 120 if _CAME_UNDER.search(view.before(t.start, 50)) else 60  # "US forces at X and Y came under attack"
        subject = [m for m in view.actors(max(ws, t.start - reach), t.start) if not _reacts_between(view, m.end, t.start)
                   and not _LOCATIVE.search(view.before(m.start, 20))]  # "forces in Syria came under attack": not Syria
        if subject:
            return actor_ref(subject[-1])
    for m in view.actors(t.end, we):
        if perp and m.actor == perp.key:
            continue
        verb = view.tools.lexicon.pattern("speech_verbs").search(view.after(m.end, 30))
        if verb and _TWO_WORDS.fullmatch(view.after(m.end, 30)[:verb.start()]) \
                or _ACCORDING_TO.search(view.before(m.start, 20)):
            continue  # "..., Iraqi security sources told Reuters", "according to CENTCOM": the speaker, not the target
        if _NOT_TARGET_BEFORE.search(view.before(m.start, 30)):
            continue  # "by X" is the perpetrator; "targets in Iraq (and Syria)" is where, "from Lebanon" whence, not whom
        if owner_or_area(view, m):
            continue  # "the British-owned ship", "near the Jordanian and Iraqi borders": whose ship or border, not whom
        holder = area_holder(view, m)
        return actor_ref(holder or possessed(view, m))
    return None


_TWO_WORDS = re.compile(r"(?:\s+[a-z]+){0,2}\s+")
_ACCORDING_TO = re.compile(r"\baccording\s+to\s+(?:the\s+)?$", re.IGNORECASE)
_NOT_TARGET_BEFORE = re.compile(r"\b(?:by|in|inside|from)\s+(?:the\s+)?(?:[a-z]+\s+)?(?:[A-Z][\w'’-]*\s*(?:,|,?\s+and|,?\s+or)\s+(?:the\s+)?)?$")
_NAME_THEN_ROLE = re.compile(r"\s+([A-Z][\w’'-]+(?:\s(?:(?:al|bin|ibn|el)[-\s])?[A-Z][\w’'-]+)+),\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}[\w-]+")


def _victim(view: SentenceView, t: Trigger, we: int) -> ActorRef | None:
    """The person an assassination or killing names: a person actor, or a capitalized name after a role word."""
    for m in view.actors(t.end, min(we, t.end + 90)):
        if view.actor_kind(m.actor) == "person":
            return actor_ref(m)
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


def _place(view: SentenceView, ws: int, we: int, t_start: int, plural: bool = False) -> tuple[str | None, str | None, str | None]:
    best: tuple[int, str, str] | None = None
    origin_end = -1
    dateline = _DATELINE.match(view.text, view.start, view.end)
    for m in view.places(ws, we):
        if _has_then_search("from", _FROM, view.before(m.start, 40)) or _LIST_JOIN.fullmatch(view.text, origin_end, m.start):
            origin_end = m.end  # "from Abu Kamal and al-Mayadin": every place of the list is where it came from
            continue
        if not plural and _SPREAD.search(view.before(m.start, 12)):
            continue  # "from Syria" is the origin; "across Syria" is an area of activity, not where one attack happened
        if (m.actor and view.is_descriptor(m)) or _NAME_HEAD.match(view.text, m.end, view.end):
            continue  # "Iran-backed groups", "Palestine Street": part of another name, not the place
        if dateline and m.end <= dateline.end() or _has_then_search("accord", _SOURCE_PLACE, view.before(m.start, 50)) \
                or (m.start > t_start and _NOT_WHERE.search(view.before(m.start, 12))):
            continue  # "DAMASCUS — ...", "according to the Soroka hospital in Beersheba": where the news comes from;
            # "in solidarity with Gaza", "revenge for Beirut": what the attack is about, not where it happened
        if best is not None and m.start > t_start and _RELATIVE.search(view.text, t_start, m.start):
            continue  # "struck a ship in the Gulf of Aden, ... a campaign that the group says is for Palestinians in Gaza"
        key = m.place
        passive_subject = m.start < t_start and (_PLACE_SUBJECT.fullmatch(view.text, m.end, t_start) is not None)
        if (not view.is_specific_place(key) or (m.start < t_start and not passive_subject)) and not _LOCATIVE.search(view.before(m.start, 14)):
            continue  # "Tel Aviv followed with", "Washington said": a bare name before the trigger is a speaker
        if _NEAR.search(view.before(m.start, 40)) and view.is_specific_place(key) and view.place_rank(key) > _KIND_NEAR_KEPT:
            country = view.country_of(key)
            country_key = _country_keys(view.tools.reference).get(country)
            if country_key is None:
                continue
            key = country_key
        rank = view.place_rank(key)
        if best is None or rank < best[0]:
            best = (rank, key, m.text)
    if best is None:
        return None, None, None
    if _is_country(view, best[1]) and _listed_with_another_country(view, ws, we, best[1]):
        return None, None, None  # "targets in Iraq and Syria": no one place, and either country alone would be wrong
    return best[1], best[2], view.country_of(best[1])


_COUNTRY_KEYS: dict[int, tuple[object, dict[str | None, str]]] = {}


def _country_keys(reference) -> dict[str | None, str]:
    """Country code -> key of the first place of kind "country" with that code, in the reference's order (what a scan of
    the places for the country finds first), built once per reference instead of scanning every place on each call."""
    cached = _COUNTRY_KEYS.get(id(reference))
    if cached is None or cached[0] is not reference:
        keys: dict[str | None, str] = {}
        for p in reference.places:
            if p.kind == "country":
                keys.setdefault(p.country, p.key)
        cached = _COUNTRY_KEYS[id(reference)] = (reference, keys)
    return cached[1]


def _has_then_search(word: str, pattern: re.Pattern[str], text: str) -> bool:
    """`pattern.search(text)`, skipped when `text` lacks `word`, which every match holds in some case. Exact for a word
    without i, k or s: no other letters have non-ASCII forms that case-insensitive matching takes for them."""
    return word in text.lower() and pattern.search(text) is not None


_LIST_JOIN = re.compile(r"\s*(?:,|,?\s+and|,?\s+or)\s+(?:the\s+)?")


def _listed_with_another_country(view: SentenceView, ws: int, we: int, key: str) -> bool:
    """The country is one of a list of countries ("in Iraq and Syria", "in Iraq, Syria and Jordan")."""
    places = view.places(ws, we)
    for a, b in zip(places, places[1:]):
        if (a.place == key or b.place == key) and a.place != b.place and _LIST_JOIN.fullmatch(view.text[a.end:b.start]) \
                and _is_country(view, a.place) and _is_country(view, b.place):
            return True
    return False


def _is_country(view: SentenceView, key: str | None) -> bool:
    place = view.tools.reference.places_by_key.get(key or "")
    return bool(place and place.kind == "country")


# "X was struck", "X was also the target of the January 2020 missile strike": the subject is where it happened.
_PLACE_SUBJECT = re.compile(r"\s+(?:was|were|has been|had been|have been)\s+(?:\w+ly\s+|also\s+)?"
                            r"(?:(?:the\s+)?(?:target|site|scene)\s+of\s+(?:an?|the)\s+(?:[\w’'-]+\s+){0,4})?")


_RELATIVE = re.compile(r"\b(?:that|which|who|whose)\s", re.IGNORECASE)  # a relative clause: another event's words
_DEFINITE_OBJECT = re.compile(r"\s+(?:the|this|that)\s+(?!same\b)[a-z]", re.IGNORECASE)  # "struck the vessel"
_NOT_WHERE = re.compile(r"\b(?:with|for)\s+(?:the\s+)?$", re.IGNORECASE)
_DATELINE = re.compile(r"[A-Z][A-Z/ ,.'’-]+\s+[—–-]\s")
_SOURCE_PLACE = re.compile(r"\baccording\s+to\s+[^,;]*$", re.IGNORECASE)
_NAME_HEAD = re.compile(r"[\s-]+(?:Street|Road|Square|Avenue|Bridge|Highway|Hospital|University|Stadium|Gate|Mosque)\b")


def _unknown_place(view: SentenceView, t: Trigger, ws: int, we: int) -> tuple[int, int] | None:
    """A capitalized name after a locative word near the trigger that the reference does not know: for the curators."""
    lex = view.tools.lexicon
    lo, hi = max(ws, t.start - 60), min(we, t.end + 80)
    for m in _UNKNOWN_PLACE.finditer(view.text[lo:hi]):
        s, e = lo + m.start(1), lo + m.end(1)
        if any(x.start < e and s < x.end for x in view.mentions) or any(d.start < e and s < d.end for d in view.dates):
            continue
        words = m.group(1).lower().split()
        if lex.is_a("weekdays", words[0]) or lex.is_a("months", words[0]):
            continue
        return s, e
    return None


_UNKNOWN_PLACE = re.compile(r"\b(?:in|at|near|outside|on|targeting|struck|hit|into)\s+(?:the\s+)?(?:town|city|village|base|camp|area|province|district|airport|port|region)?\s*(?:of\s+)?([A-Z][\w’'-]+(?:\s(?:al-|el-)?[A-Z][\w’'-]+){0,3})")


def _weapons(view: SentenceView, ws: int, we: int) -> tuple[list[str], int | None]:
    """Weapons used in the clause and the number of projectiles: "three rockets and two drones" is five, "73 missiles
    and drones" is 73 (one count for the group), "two drones ... the drones" two (only counted mentions add up, the
    same count of the same weapon once)."""
    keys: list[str] = []
    counted: dict[tuple[str, int], int] = {}
    for m in view.mentions:
        if not m.weapon or not (ws <= m.start < we) or _stored_weapon(view, m.end) or _planned_weapon(view, m.start) \
                or _CARRIED.match(view.text, m.end):
            continue  # "explosives-laden drone": the drone is the weapon, the explosives its load
        if m.weapon not in keys:
            keys.append(m.weapon)
        n = _count_before(view, m.start)
        if n is not None and (m.weapon, n) not in counted:
            counted[(m.weapon, n)] = n  # "two anti-ship cruise missiles and one anti-ship ballistic missile": 3
    return keys, (sum(counted.values()) if counted else None)


def _planned_weapon(view: SentenceView, start: int) -> bool:
    """ "were preparing to launch drones", "threatened to fire missiles": a weapon not used in this incident."""
    lo = max(view.start, start - 30)
    near = [m for m in view.find("irrealis") if lo <= m.start() and m.end() <= start]  # the sentence's cached matches
    return bool(near) and not any(lo <= m.start() and m.end() <= start for m in view.find("realis_connectors"))


def _stored_weapon(view: SentenceView, end: int) -> bool:
    """ "drone and missile stores", "missile launchers": weapons named as what was hit, not what was used."""
    words = _NEXT_WORDS.findall(view.after(end, 40))[:3]
    if words[1:] and words[0] in ("and", "or"):
        words = words[2:]  # "drone and missile stores"
    return bool(words) and view.tools.lexicon.is_a("weapon_facility_nouns", words[0])


_CARRIED = re.compile(r"-(?:laden|packed|filled|rigged)\b")
_NEXT_WORDS = re.compile(r"[A-Za-z-]+")


def _count_before(view: SentenceView, pos: int) -> int | None:
    for c in view.counts:
        if any(d.start <= c.start < d.end for d in view.dates):
            continue  # "the January 28 drone attack": a day of the month, not 28 drones
        if c.end <= pos and _modifiers_only(view, view.text[c.end:pos]):
            return c.value
    if _ONE_BEFORE.search(view.before(pos, 12)):
        return 1
    return None


_ONE_BEFORE = re.compile(r"\b(?:a|an|one)\s+(?:single\s+)?$", re.IGNORECASE)
_MODIFIERS = re.compile(r"\s+(?:[A-Za-z][\w-]*\s+){0,3}")
_NOT_MODIFIERS = frozenset({"of", "and", "or", "with", "at", "in", "on", "by", "from", "to", "for", "into", "were", "was",
                            "had", "have", "has", "the", "their", "its", "a", "an", "after", "before", "since", "than",
                            "as", "that", "which", "who", "hours", "days", "weeks", "months", "years", "times"})


def _modifiers_only(view: SentenceView, between: str) -> bool:
    """ "12 short-range ballistic missiles", "30 Grad rockets": up to three describing words between a count and its
    weapon; not "two people with drones", "three rockets and drones", "five of the drones"."""
    if not _MODIFIERS.fullmatch(between):
        return False
    words = between.split()
    return not any(w.lower() in _NOT_MODIFIERS or view.tools.lexicon.is_a("victims", w) for w in words)


def casualties(view: SentenceView, ws: int, we: int) -> tuple[int | None, int | None]:
    """Killed and injured counts next to a casualty word: "killed one person", "two people were injured" (and the
    phrasings of `tolls`: zeros, single victims, a named victim with others, elided victims).

    Cached on the view per stretch: a sentence's only trigger reads the whole sentence, as its claims do after it
    (the answer reads only the view and the stretch)."""
    known = view.tolls.get((ws, we))
    if known is None:
        known = view.tolls[(ws, we)] = _casualties(view, ws, we)
    return known


def _casualties(view: SentenceView, ws: int, we: int) -> tuple[int | None, int | None]:
    if _no_toll_words(view, we):
        return None, None
    lex = view.tools.lexicon
    result: dict[str, int] = {}
    casualty_word = lex.derived(_casualty_word_pattern)
    in_window = [c for c in view.counts if ws <= c.start < we]
    for kind, category in (("killed", "killed_words"), ("injured", "injured_words")):
        objects: list[int] = []  # "injured six others": the count after the verb is its own
        subjects: list[int] = []  # "two people were injured"
        for w in view.find(category, ws, we):
            for c in in_window:
                if c.start >= w.end() and _ADVERB_ONLY.fullmatch(view.text[w.end():c.start]) and _counted_victims(view, c.end, ws):
                    objects.append(c.value)
                elif c.start >= w.end() and named_with_others(view, w.end(), c.start) and _victim_noun(view, c.end):
                    objects.append(c.value + 1)  # "killed businessman X and three members of his family"
                elif c.end <= w.start() and _counted_subject(view.text[c.end:w.start()]) and _victim_noun(view, c.end) \
                        and not casualty_word.search(view.before(c.start, 20)) and not _NONE_OF.search(view.before(c.start, 15)):
                    subjects.append(c.value)
        if not objects and kind == "killed":
            objects = [n for w in view.find(category, ws, we) if (n := _singular_victims(view, w.end(), we)) is not None][:1]
        if not objects and not subjects:
            one_victim = single_victim(view, kind, ws, we)
            objects = [one_victim] if one_victim is not None else []
        if objects or subjects:
            result[kind] = (objects or subjects)[0]
    if view.has("no_casualties", ws, we):
        result.setdefault("killed", 0)
        result.setdefault("injured", 0)
    for kind, zero in zero_victims(view, ws, we).items():
        result.setdefault(kind, zero)
    return result.get("killed"), result.get("injured")


_TOLL_CATEGORIES = ("killed_words", "injured_words", "no_casualties")  # every rule of `casualties` needs a phrase of one
_WORD_CHAR = re.compile(r"\w")


def _no_toll_words(view: SentenceView, we: int) -> bool:
    """The sentence has no killed, injured or no-casualties phrase, so `casualties` would find nothing in [ws, we).

    Its rules start from `view.find`/`view.has` of these categories over the clause, which match as a scan of the
    stretch; a phrase found there that does not end at `we` is a match in the whole sentence too, and so is one that
    ends at `we` when no word character follows `we` (nothing else differs in a scan that stops there)."""
    if we < view.end and _WORD_CHAR.match(view.text, we):
        return False
    for category in _TOLL_CATEGORIES:  # a plain loop, not any(<genexpr>): this runs for most triggers
        if view.has(category):
            return False
    return True


def _counted_subject(between: str) -> bool:
    """ "16 people, including civilians, were killed": what stands between a count and a casualty word after it (asides
    dropped) may be up to three words and a passive auxiliary, no list ("and", "or", a comma)."""
    between = _APPOSITIVE.sub("", _INCLUDING.sub("", between))
    return _SUBJECT_WORDS.fullmatch(between) is not None and not _LIST_WORDS.search(between)


_SUBJECT_WORDS = re.compile(r"\s+(?:[\w.’'-]+\s+){0,3}(?:were|was|have been|had been)?\s*(?:\w+ly\s+)?")
_LIST_WORDS = re.compile(r"\b(?:and|or)\b|[,;]")
_APPOSITIVE = re.compile(r",\s+(?:an?|the)\s+[^,;]{1,40},")  # "one crew member, a Filipino sailor, was killed"
_NONE_OF = re.compile(r"\bnone\s+of\s+the\s+$", re.IGNORECASE)  # "None of the 23 crew were hurt": not 23


def _counted_victims(view: SentenceView, pos: int, ws: int) -> bool:
    """The count after a casualty verb counts people: "killed two soldiers", "one of them", "nine" after "three people"."""
    if _victim_noun(view, pos):
        return True
    of_end = of_victims_end(view, pos)
    if of_end is not None:
        return view.text[of_end - 4:of_end].lower() in ("them", "hose") or _victim_noun(view, of_end)
    return elliptic_victims(view, pos, ws)


def _casualty_word_pattern(lex: Lexicon) -> re.Pattern[str]:
    """A killed or injured word right before a count: "killed two", "wounded some"."""
    return re.compile(f"(?:{lex.pattern('killed_words').pattern}|{lex.pattern('injured_words').pattern})\\s+(?:\\w+ly\\s+)?$",
                      re.IGNORECASE)


_INCLUDING = re.compile(r",\s+(?:including|among them)\s+[^,;]{1,40},")
_SINGULAR: dict[int, tuple[object, re.Pattern[str]]] = {}


def _singular_pattern(view: SentenceView) -> re.Pattern[str]:
    """ "a <group> commander and two of his bodyguards": built once per lexicon from `single_victim_words` and `victims`."""
    lex = view.tools.lexicon
    cached = _SINGULAR.get(id(lex))
    if cached is not None and cached[0] is lex:
        return cached[1]
    roles = "|".join(re.escape(w) for w in sorted(lex.words["single_victim_words"], key=len, reverse=True))
    victims = "|".join(re.escape(w) for w in sorted(lex.words["victims"], key=len, reverse=True))
    pattern = re.compile(rf"\s+(?:an?|one)\s+(?:[\w’'-]+\s+){{0,4}}?(?:{roles})\b(?!-)"
                         rf"(?P<more>\s+and\s+(?P<n>[\w-]+)\s+(?:of\s+(?:his|her|their|its)\s+)?(?:{victims})\b)?")
    _SINGULAR[id(lex)] = (lex, pattern)
    return pattern


def _singular_victims(view: SentenceView, pos: int, we: int) -> int | None:
    """ "killed a senior adviser" = 1; "killed a commander and two of his bodyguards" = 3."""
    m = _singular_pattern(view).match(view.text, pos, we)
    if not m:
        return None
    if not m.group("more"):
        return 1
    counts = [c for c in view.counts if c.start == m.start("n")]
    return 1 + counts[0].value if counts else None


def _victim_noun(view: SentenceView, pos: int) -> bool:
    words = [w.rstrip(".") for w in _NOUN_WORDS.findall(view.after(pos, 40))[:3]]
    return any(view.tools.lexicon.is_a("victims", w) or any(m.actor and m.adjective for m in view.mentions if m.text == w)
               for w in words)


_NOUN_WORDS = re.compile(r"[A-Za-z.’'-]+")
_KILLED_IN = re.compile(r"\s+(?:was\s+|were\s+)?(?:killed\s+)?in\s+(?:an?|the)\s+(?:[\w’'-]+\s+){0,2}$")


def _victim_killed_in(view: SentenceView, t: Trigger) -> ActorRef | None:
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


def _named_dead(view: SentenceView, victim: ActorRef) -> int | None:
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


def _killer(view: SentenceView, t: Trigger) -> ActorRef | None:
    """ "Israel killed Hezbollah commander Fuad Shukr in a strike": the subject of the killing verb."""
    kills = view.find("kill_words", view.start, t.start)
    actors = view.actors(max(view.start, kills[-1].start() - 40), kills[-1].start()) if kills else []
    if actors and _ADVERB_ONLY.fullmatch(view.text[actors[-1].end:kills[-1].start()]):
        return actor_ref(actors[-1])
    return None


_ADVERB_ONLY = re.compile(r"\s+(?:\w+ly\s+)?")


def _date(view: SentenceView, ws: int, we: int, t: Trigger) -> tuple[DateMention | None, bool]:
    """Prefer the most precise date of the clause that is not the date of a statement."""
    lex = view.tools.lexicon
    best = None
    for d in view.dates:
        outside = not (ws <= d.start < we)
        if outside and (d.precision == "year" or d.start > ws or ws - d.end > 100):
            continue
        if d.end <= t.start and view.has("vow_verbs", max(view.start, d.start - 25), d.end):
            continue  # "vowed on Thursday to retaliate for an air strike": the day of the vow, the strike came before
        if opens_period(view, d):
            continue  # "Since October 8, ...": the start of a period, not the day of an event
        if _TIMES_BEFORE.search(view.before(d.start, 8)):
            continue  # "for the second time this month": how often, not when
        if outside and d.end <= t.start and view.has("sequence_connectors", d.end, t.start):
            continue  # "the January 2020 strike that followed the killing of X": the date is the strike's
        if outside and view.has("triggers", view.start, d.start) and not view.has("clause_openers", d.end, min(view.end, ws + 15)) \
                and not _dates_noun(view, d, t):
            continue  # "US attacks on the border last month, a group claimed the attack on X": the date is the other clause's
        if d.text.lower().startswith("in ") and min(abs(d.start - t.end), abs(t.start - d.end)) > 20:
            continue  # "formed in 2014": a bare year far from the trigger dates something else
        # whether the date is a statement's, asked only of the dates still in the running
        statement = bool(lex.pattern("speech_verbs").search(view.text[max(view.start, d.start - 25):min(view.end, d.end + 25)])) \
            and not _ends_reported_clause(view, d)
        rank = (outside, statement, ("day", "week", "month", "year", "unknown").index(d.precision), abs(d.start - t.start))
        if best is None or rank < best[0]:
            best = (rank, d, statement)
    if best is None:
        return None, False
    return best[1], best[2]


_DATED_NOUN = re.compile(r"\s+(?:[a-z][\w-]*\s+){0,2}$")  # "the February 15, 2021 rocket attack": modifiers only


def _dates_noun(view: SentenceView, d: DateMention, t: Trigger) -> bool:
    """ "which claimed the February 15, 2021 rocket attack on X": a full date between an article and the trigger's noun
    dates that noun, whatever other triggers the sentence holds before it."""
    return d.precision == "day" and d.end <= t.start and _ATTRIBUTIVE_DATE.search(view.before(d.start, 6)) is not None \
        and _DATED_NOUN.fullmatch(view.text, d.end, t.start) is not None


_ATTRIBUTIVE_DATE = re.compile(r"\b(?:the|an?)\s+$", re.IGNORECASE)


def _ends_reported_clause(view: SentenceView, d: DateMention) -> bool:
    """ "... across Yemen overnight, the US military said": a date closing the reported clause, before the comma and the
    speaker, dates the event (a date opening the sentence, "On Monday, the army said", stays the statement's)."""
    verb = view.tools.lexicon.pattern("speech_verbs").search(view.text, d.end, min(view.end, d.end + 40))
    return bool(verb) and d.start - view.start > 10 and \
        _COMMA_SPEAKER.fullmatch(view.text[d.end:verb.start()]) is not None


_TIMES_BEFORE = re.compile(r"\btimes?\s+$")
_COMMA_SPEAKER = re.compile(r",\s+(?:the\s+)?[\w'’ -]{0,30}\s")


def draft_from_trigger(view: SentenceView, t: Trigger, ws: int, we: int, local_id: str) -> Draft | None:
    """The incident a trigger describes, or None when it is irrealis, an aggregate, or too vague."""
    lex = view.tools.lexicon
    weapons, projectiles = _weapons(view, ws, we)
    if lex.is_a("weak_triggers", t.phrase) and not weapons and not t.wave:
        return None  # tested before `irrealis_reason`, which costs more: either way the answer is None
    reason = irrealis_reason(view, t, ws)
    if reason == "irrealis":
        return None
    if lex.is_a("impact_triggers", t.phrase) and not weapons and not _weapons(view, view.start, we)[0]:
        return None  # "a van slammed into a lamppost": no weapon, no attack
    plural = lex.is_a("plural_triggers", t.phrase)
    definite = _definite(view, t, plural)
    if _dismissed_early(view, t, reason, plural, definite):
        return None  # about a third of the drafts: none of the details below is computed for them
    place, place_text, country = _place(view, ws, we, t.start, plural)
    date, statement = _date(view, ws, we, t)
    if plural and reason != "negated" and not _plural_may_be_specific(view, place, date, statement):
        return None  # before the perpetrator, target and toll, which cannot make it specific without these
    perp, passive = _perpetrator(view, t, ws, we)
    claimed_by = None if perp else member_group(view, _self_claimed(view, t))
    attributed = None if perp or claimed_by else attributed_to(view, t.end, we)
    perp = perp or claimed_by or attributed or (t.example_of.actor if t.example_of else None)
    event_type = _example_type(view, t) if t.example_of else t.event_type
    victim = None
    if event_type in ("assassination", "airstrike", "attack") or lex.is_a("kill_words", t.phrase):
        kill = view.first("kill_words", t.start, min(we, t.end + 60)) or view.first("kill_words", max(ws, t.start - 25), t.start)
        if event_type == "assassination" or kill:
            victim = _victim(view, Trigger(kill.start(), kill.end(), kill.group(0), event_type) if kill else t, we)
            if victim:
                event_type = "assassination"
        if victim is None and view.has("kill_words", view.start, t.start):
            victim = _victim_killed_in(view, t)
            event_type = "assassination" if victim else event_type
            perp = perp or (_killer(view, t) if victim else None)
    if event_type == "attack" and _air_strike_by_state(view, perp, weapons, t):
        event_type = "airstrike"
    target = victim or _target(view, t, ws, we, perp, passive)
    if event_type == "attack" and (_drone_on_armed_group(view, weapons, target) or _state_strikes_group(view, perp, weapons, t, target)):
        event_type = "airstrike"
    killed, injured = casualties(view, ws, we)
    if killed is None and victim is not None and event_type == "assassination":
        killed = _named_dead(view, victim)
    perp, target = state_level(view, perp), state_level(view, target)
    draft = Draft(local_id, view.span(), event_type, date, statement, place, place_text, country, weapons, perp,
                  "claimed" if claimed_by else "attributed" if attributed else "reported" if perp else "unknown", target, "unknown", killed, injured, projectiles,
                  "asserted", None, view.sentence.index, definite, False, plural)
    kept = definite if reason == "negated" else _specific(view, draft, t)  # a denial only refers to a named incident
    if not kept:
        return None  # decided before the details below, which `_specific` does not read: many drafts end here
    if place is None:
        draft.place_span = _unknown_place(view, t, ws, we)
        draft.place_text = view.text[draft.place_span[0]:draft.place_span[1]] if draft.place_span else None
    draft.stance = "hedged" if view.has("hedges") else "asserted"
    draft.separate = _separate(view, t)
    if view.has("interception", ws, we):
        draft.outcome = interception_outcome(view, ws, we, draft)
    if opinion(view) or reason == "negated":
        draft.reference_only = True  # an analyst's words, or a denial, may name an incident already reported, never a new one
    draft.definite_object = _DEFINITE_OBJECT.match(view.text, t.end, view.end) is not None
    draft.air_verb = t.wave or lex.is_a("air_strike_verbs", t.phrase)
    return draft


def _definite(view: SentenceView, t: Trigger, plural: bool) -> bool:
    """ "the attack", "these strikes", "wounded by shrapnel from ...": a mention that may refer to an incident named
    before (not an example being introduced, not a verb after an auxiliary)."""
    definite = (bool(_DETERMINER.search(view.before(t.start, 45))) and not view.before(t.start, 45).rstrip().endswith(("of", "by"))
                or plural and bool(_PLURAL_DETERMINER.search(view.before(t.start, 30)))) and not _introduces_example(view, t) \
        and not _is_verb(t) and not (_AUXILIARY.search(view.before(t.start, 20))
                                     and not _SUBJECT_DETERMINER.search(view.before(t.start, 45)))
    return definite or _hit_by_fragments(view, t)


def _dismissed_early(view: SentenceView, t: Trigger, reason: str | None, plural: bool, definite: bool) -> bool:
    """The drafts `draft_from_trigger` drops whatever their details: a denial of an indefinite mention (a denial only
    refers to a named incident), and a plural mention that is definite ("these strikes") or generic, which
    `_specific` rejects before reading any detail. Exact: those tests read only the view, the trigger and the two
    flags, and the details skipped (perpetrator, target, place, toll, date) are pure reads of the view (its caches
    aside), so deciding first drops the same drafts and keeps the others unchanged."""
    if reason == "negated":
        return not definite
    return plural and (definite or view.has("generic_markers", max(view.start, t.start - 35), t.end))


def _plural_may_be_specific(view: SentenceView, place: str | None, date: DateMention | None, statement: bool) -> bool:
    """`_specific` keeps a plural mention only with a specific place, or a date (not the statement's) and a
    perpetrator: without either of the first two it drops the draft whatever the perpetrator, target or toll.
    Place and date read only the view, the window and the trigger (not the perpetrator), so they are known first."""
    return view.is_specific_place(place) or (date is not None and not statement)


def interception_outcome(view: SentenceView, ws: int, we: int, d: Draft) -> str:
    """ "intercepted two drones": intercepted; "most of the missiles were intercepted, while others impacted": some got
    through, a hit when the clause says they struck or the incident has casualties, else unknown ("nearly all" still
    counts as intercepted)."""
    words = view.find("interception", ws, we)
    partial = view.find("partial_quantifiers", max(ws, words[0].start() - 60), min(we, words[-1].end() + 40))
    if not partial:
        return "intercepted"
    return "hit" if view.has("impact_words", ws, we) or d.killed or d.injured else "unknown"


def same_day_as(view: SentenceView, before: Found, trigger_start: int, new: Draft) -> None:
    """ "The Houthis said on Thursday they had targeted a ship, hours after US warplanes struck Hodeidah": an undated
    incident a few hours from one named before it in the sentence took place that day (within the day matching allows)."""
    old = before.incident
    if new.date is not None or old.date is None or old.date.on is None or old.date.precision != "day":
        return
    if view.has("same_day_connectors", before.pos, trigger_start):
        new.date, new.date_is_statement = old.date, False


def note_interception(view: SentenceView, d: Draft) -> None:
    """A later sentence about the incident reports an interception: it decides an unknown outcome, and a partial one
    overrides "intercepted"."""
    if not view.has("interception"):
        return
    outcome = interception_outcome(view, view.start, view.end, d)
    if d.outcome == "unknown" or outcome != "intercepted":
        d.outcome = outcome


def _example_type(view: SentenceView, t: Trigger) -> str:
    """An example of "dozens of air strikes" is an airstrike even when it says only "a strike"."""
    counted = view.tools.lexicon.pattern("triggers").search(t.example_of.what) if t.example_of else None
    kind = trigger_type(view.tools.lexicon, counted.group(0)) if counted else t.event_type
    return kind if t.event_type == "attack" else t.event_type


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
    return head.endswith("ed") or head in ("struck", "blew")


def _air_strike_by_state(view: SentenceView, perp: ActorRef | None, weapons: list[str], t: Trigger) -> bool:
    """ "A US drone strike", "the IDF says it struck ...": a state's forces striking with a drone or aircraft (or, as the verb,
    with no weapon named) carry out an airstrike, not a generic attack; so does a state's one-day wave on many targets ("the
    United States hit 85 targets on Friday"), and a state's missiles that struck or hit ("Israeli missiles struck positions
    near Damascus"; `air_launched_weapons`). Another weapon named (ballistic missiles, artillery) keeps it an attack; so
    does a bare noun ("Israel's strike on the embassy", "a drone and missile strike"), which says nothing of how."""
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
        if r.event_type == "attack" and d.air_verb and r.perpetrator is not None \
                and kind_of(r.perpetrator.key) in lex.words["air_force_kinds"] and all(w in allowed for w in r.weapons):
            r = replace(r, event_type="airstrike", weapons=r.weapons or (_AIRSTRIKE_WEAPON,))
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
        if d.definite or view.has("generic_markers", max(view.start, t.start - 35), t.end):
            return False
        return view.is_specific_place(d.place) or (has_date and d.perpetrator is not None)
    if d.event_type == "assassination":
        return d.target is not None
    if d.event_type == "sabotage":
        return d.target is not None or d.place is not None
    if d.definite:
        return True  # decided at merge time: kept only if it joins an earlier incident or is specific
    # a toll names an incident, but "no personnel were hurt" may close any sentence about one: a zero is no detail
    return (has_date or view.is_specific_place(d.place) or d.projectiles is not None or bool(d.killed) or bool(d.injured)
            or (d.perpetrator is not None and (d.target is not None or d.place is not None)))


def standalone(view: SentenceView, d: Draft) -> bool:
    """A definite mention that joined nothing is kept only if it says enough on its own."""
    has_date = d.date is not None and not d.date_is_statement
    return (has_date and (d.perpetrator or d.target or d.place)) or view.is_specific_place(d.place) or \
        (d.event_type == "assassination" and d.target is not None)


def compatible(view: SentenceView, a: Draft, b: Draft) -> bool:
    if a.event_type != b.event_type and frozenset({a.event_type, b.event_type}) not in _COMPATIBLE_TYPES:
        return False
    if a.date and b.date and a.date.on and b.date.on and not (a.date_is_statement or b.date_is_statement):
        gap = abs((a.date.on - b.date.on).days)
        limit = {"day": 1, "week": 7, "month": 31, "year": 366}
        if gap > max(limit.get(a.date.precision, 0), limit.get(b.date.precision, 0)):
            return False
    if a.place and b.place and a.place != b.place and not view.nested(a.place, b.place):
        if view.is_specific_place(a.place) and view.is_specific_place(b.place):
            return False
        if a.country and b.country and a.country != b.country:
            return False
    if a.perpetrator and b.perpetrator and a.perpetrator.key and b.perpetrator.key and a.perpetrator.key != b.perpetrator.key \
            and not _one_state(view, a.perpetrator, b.perpetrator):
        return False
    if a.event_type == "assassination" and a.target and b.target and fold(a.target.text) != fold(b.target.text) \
            and a.target.key != b.target.key:
        return False
    return True


def linked(view: SentenceView, old: Draft, new: Draft, most_recent: bool) -> bool:
    if old.place and old.place == new.place and view.is_specific_place(old.place):
        return True
    if _same_day(old, new) and (_same_key(old.perpetrator, new.perpetrator) or _same_key(old.target, new.target)) and not new.separate:
        return True  # "near Isfahan on Friday" and "attacked Isfahan on Friday": one strike at two grains
    if old.place and new.place and view.is_specific_place(old.place) and view.is_specific_place(new.place) \
            and view.nested(old.place, new.place) and not new.separate:
        return True  # "the embassy compound in Damascus" after "Damascus"
    if old.target and new.target and old.event_type == "assassination" and (
            old.target.key and old.target.key == new.target.key or fold(old.target.text) == fold(new.target.text)):
        return True
    if new.separate:
        return False
    if most_recent and old.sentence_index != new.sentence_index and retold(view, old, new):
        return True  # "Iran launched 300 drones at Israel ... He said ... had struck the Nevatim air base"
    if most_recent and new.definite_object and 0 < new.sentence_index - old.sentence_index <= 2 and new.place is None \
            and (new.perpetrator is None or _same_key(old.perpetrator, new.perpetrator)):
        return True  # "struck a bulk carrier in the Gulf of Aden over the weekend ... had targeted the ship on Saturday"
    if old.sentence_index == new.sentence_index:
        clash = (old.target and new.target and old.target.key != new.target.key) or \
            (old.place and new.place and old.place != new.place and not view.nested(old.place, new.place))
        return not clash
    same_actors = (old.perpetrator and new.perpetrator and old.perpetrator.key == new.perpetrator.key
                   and (not old.target or not new.target or _same_side(view, old.target, new.target)))
    if same_actors and new.definite:
        return True
    if most_recent and new.sentence_index - old.sentence_index <= 1 and new.date is None and new.place is None \
            and old.perpetrator and new.perpetrator and (_same_key(old.perpetrator, new.perpetrator)
                                                         or _one_state(view, old.perpetrator, new.perpetrator)):
        return True  # "... when the IRGC fired ballistic missiles at Israel. The IRGC said it launched 200 missiles"
    other_weapons = bool(old.weapons and new.weapons and not set(old.weapons) & set(new.weapons))
    return new.definite and most_recent and new.sentence_index - old.sentence_index <= 4 and not other_weapons


def _same_day(a: Draft, b: Draft) -> bool:
    return bool(a.date and b.date and a.date.on and a.date.on == b.date.on and a.date.precision == b.date.precision == "day"
                and not (a.date_is_statement or b.date_is_statement))


def _same_side(view: SentenceView, a: ActorRef, b: ActorRef) -> bool:
    """ "Israel" and "the Israeli military": the same side (same key, or actors of the same country)."""
    if a.key == b.key:
        return True
    ca, cb = view.actor_country(a.key), view.actor_country(b.key)
    return bool(ca and ca == cb)


def _one_state(view: SentenceView, a: ActorRef, b: ActorRef) -> bool:
    """ "Iran's October 1 attack, when the IRGC fired ...": a state and its own forces or agencies are one perpetrator."""
    kinds = view.tools.lexicon.words["state_speaker_kinds"]
    return view.actor_kind(a.key) in kinds and view.actor_kind(b.key) in kinds and _same_side(view, a, b)


def _same_key(a: ActorRef | None, b: ActorRef | None) -> bool:
    return bool(a and b and a.key and a.key == b.key)


def merge(old: Draft, new: Draft, view: SentenceView) -> None:
    """Fill what the earlier mention lacked; keep its values where both speak (conflicts stay in claims)."""
    if new.date and not new.date_is_statement and (old.date is None or old.date_is_statement):
        old.date, old.date_is_statement = new.date, new.date_is_statement
    if new.place and (old.place is None or (view.place_rank(new.place) < view.place_rank(old.place)
                                            and (old.country is None or old.country == new.country))):
        old.place, old.place_text, old.country, old.place_span = new.place, new.place_text, new.country, None
    elif old.place is None and old.place_text is None and new.place_text and new.place_span:
        old.place_text, old.place_span = new.place_text, new.place_span
    for w in new.weapons:
        if w not in old.weapons:
            old.weapons.append(w)
    if new.reference_only:
        return  # a denial names the incident; it asserts none of its details
    if old.outcome == "unknown":
        old.outcome = new.outcome
    for name in ("perpetrator", "target", "killed", "injured", "projectiles"):
        if getattr(old, name) is None and getattr(new, name) is not None:
            setattr(old, name, getattr(new, name))
    if old.perpetrator_basis == "unknown" and new.perpetrator_basis != "unknown":
        old.perpetrator_basis = new.perpetrator_basis
    if new.event_type == "assassination" or (old.event_type == "attack" and new.event_type == "airstrike"):
        old.event_type = new.event_type
    if old.stance != "asserted" and new.stance == "asserted" and new.claimant is None:
        old.stance = "asserted"


def attach(view: SentenceView, drafts: list[Draft], new: Draft) -> Draft | None:
    """Merge `new` into an earlier incident it refers to, add it, or drop a dangling reference."""
    for old in reversed(drafts):
        if (new.place and old.place == new.place and view.is_specific_place(new.place) or _same_unknown_place(old, new)) \
                and compatible(view, old, new) and not new.separate:
            merge(old, new, view)
            return old  # the same named base or town wins over a nearer mention at another place
    for i, old in enumerate(reversed(drafts)):
        if compatible(view, old, new) and linked(view, old, new, i == 0):
            merge(old, new, view)
            return old
    if new.reference_only or (new.definite and not standalone(view, new)):
        return None
    drafts.append(new)
    return new


def _same_unknown_place(old: Draft, new: Draft) -> bool:
    """ "struck near the village of Aitaroun" and "killed in the strike on Aitaroun": one place the reference lacks,
    named twice."""
    return bool(old.place is None and new.place is None and old.place_text and new.place_text and new.place_span
                and fold(old.place_text) == fold(new.place_text))


def also_meant(view: SentenceView, drafts: list[Draft], kept: Draft, new: Draft) -> list[Draft]:
    """ "denied any role in the attacks": a definite plural refers to every incident just described, not only the last.

    The incidents named in the last three sentences that the mention is compatible with, in the order they were named."""
    if not (new.reference_only and new.plural):
        return []
    recent = view.sentence.index - 3
    return [d for d in drafts if d is not kept and d.last_sentence >= recent and compatible(view, d, new)]


def last_event_date(drafts: list[Draft], named: tuple[int, DateMention] | None = None) -> DateMention | None:
    """What "two days later" and "the same day" count from: the date of the incident talked about last, or a date
    named in a later sentence than that incident ("On January 26, a tanker was set ablaze ... The same day, ...")."""
    last = max(reversed(drafts), key=lambda d: d.last_sentence) if drafts else None
    if named and (last is None or named[0] > last.last_sentence):
        return named[1]
    return last.date if last and last.date and last.date.on and not last.date_is_statement else None


def latest_date(view: SentenceView, named: tuple[int, DateMention] | None) -> tuple[int, DateMention] | None:
    """The last day- or week-precise date this sentence names, else the one named before (for `last_event_date`)."""
    for d in reversed(view.dates):
        if d.on and d.precision in ("day", "week"):
            return view.sentence.index, d
    return named
