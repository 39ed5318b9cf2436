"""Event mentions: the words that name a use of force in a sentence, the clause each one reads, and\nwhether it is asserted as real (not a threat, plan, hypothesis or negation)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from eventdb.assertions import Statistic
from eventdb.extract.aggregates import strike_waves
from eventdb.extract.context import SentenceView
from eventdb.extract.lexicon import fold, trigger_type
from eventdb.extract.nonevents import hypothetical
from eventdb.extract.interceptions import negated


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
        if lex.is_a("interception", phrase) and negated(view, m.start()):
            continue  # "the drone was not intercepted and struck": no interception names an event here
        if _modifies_weapon(view, m.start(), m.end()):
            continue  # "one-way attack drones", "land-attack cruise missiles": the word names the weapon, not an event
        weak = lex.is_a("weak_triggers", phrase)
        if out and m.start() - out[-1].end < 25 and not weak and lex.is_a("weak_triggers", out[-1].phrase) \
                and not lex.is_a("interception", out[-1].phrase) and not _COMMA.search(view.text[out[-1].end:m.start()]):
            out[-1] = Trigger(m.start(), m.end(), phrase, trigger_type(lex, phrase))
            continue  # "killed in a US air strike": the attack noun names the incident, not the weak verb (but "shot down
            # one-way attack drones": the interception names it, the noun is what was shot down)
        if out and ((weak and not _place_between(view, out[-1].end, m.start()) and not _new_clause(view, out[-1].end, m.start()))
                    or m.start() - out[-1].end < 12 or lex.is_a("interception", phrase)):
            if trigger_type(lex, phrase) == "airstrike" and out[-1].event_type == "attack":
                out[-1] = replace(out[-1], event_type="airstrike")  # "artillery fire and air strikes": the air strikes type it
            continue  # "strikes ... launched by X, targeted Y": one incident, read in one window; "drones targeting X were
            # shot down": the interception tells how the attack named before ended
        out.append(Trigger(m.start(), m.end(), phrase, trigger_type(lex, phrase)))
    return _with_waves(view, out, blocked)


_COMMA = re.compile(r"[,;]")


def _modifies_weapon(view: SentenceView, start: int, end: int) -> bool:
    """The trigger word stands inside a weapon's name that goes on after it ("attack drones"; not "drone attack")."""
    for m in view.mentions:
        if m.weapon and m.start <= start and end < m.end:
            return True
    return False


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
    marks = [m for m in lex.pattern("irrealis").finditer(before) if not _closed_adjunct(before, m) and m.group(0) != "May"]
    # ("In May, drones hit two pumping stations": the month, not the modal)
    if marks:
        last = marks[-1].end()
        if not lex.pattern("realis_connectors").search(before[last:]) and not _NEW_CLAUSE.search(before[last:]):
            return "irrealis"
    if _purpose_infinitive(view, t) or _gerund_subject(view, t):
        return "irrealis"
    if lex.pattern("irrealis_after").search(view.after(t.end, 30)) or _HYPOTHETICAL_AFTER.match(view.text, t.end, view.end) \
            or hypothetical(view, t.end):
        return "irrealis"
    if _may_characterize(before) and _CHARACTERIZED.search(before):
        return "irrealis"  # 'condemned what he called "attacks that harm Iraq's sovereignty"': a characterization
    near = view.text[max(view.start, t.start - 30):t.start]
    negations = list(lex.pattern("negations").finditer(near))
    if negations and not _COORDINATED.search(near, negations[-1].end()):
        return "negated"
    return None  # "the drone was not intercepted and struck the base": the negation's verb, not the trigger, is denied


def _closed_adjunct(before: str, mark: re.Match[str]) -> bool:
    """ "after warning residents to leave, its aircraft struck a building": the irrealis word heads a fronted adjunct
    ("after", "before", "despite" + its -ing form) that a comma closes before the trigger; the main clause is real."""
    return _ADJUNCT_HEAD.search(before, 0, mark.start()) is not None and "," in before[mark.end():]


_ADJUNCT_HEAD = re.compile(r"\b(?:after|before|despite|without)\s+$", re.IGNORECASE)


def _purpose_infinitive(view: SentenceView, t: Trigger) -> bool:
    """ "denies ... the use of its territory to attack the Saudi oil facilities", "sent drones to strike X": a trigger
    verb in the infinitive tells a purpose or an intent, not an event ("continued to strike targets" is real:
    `aspect_verbs`). Only a bare trigger word that may be a verb ("attack", "strike", "target"), not a plural noun."""
    if not _TO_BEFORE.search(view.text, max(view.start, t.start - 4), t.start) or " " in t.phrase:
        return False
    lex = view.tools.lexicon
    if lex.is_a("plural_triggers", t.phrase) or t.phrase.endswith(("ed", "ing")) or t.phrase in ("struck", "hit"):
        return False
    return not lex.derived(_aspect_before).search(view.text, max(view.start, t.start - 25), t.start)


def _gerund_subject(view: SentenceView, t: Trigger) -> bool:
    """ "Tehran's calculation is simple: striking Erbil lets it signal to Israel": a gerund that opens a clause and is the
    subject of its verb names a kind of act, not an event."""
    if not t.phrase.endswith("ing") or " " in t.phrase:
        return False
    if not _CLAUSE_OPENING.search(view.text, max(view.start - 1, t.start - 3), t.start) and t.start != view.start:
        return False
    return _GERUND_VERB_AFTER.match(view.text, t.end, min(view.end, t.end + 50)) is not None


_CLAUSE_OPENING = re.compile(r"[:;—–]\s*$")
_GERUND_VERB_AFTER = re.compile(r"\s+(?:[\w'’-]+\s+){0,4}?(?:lets|let|allows|gives|would|could|is|was|means|makes|remains|"
                                r"has\s+become|risks)\b", re.IGNORECASE)
_TO_BEFORE = re.compile(r"\bto\s+$", re.IGNORECASE)


def _aspect_before(lex) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{lex.alternation('aspect_verbs')})\s+to\s+$", re.IGNORECASE)


# A coordinated clause with a subject or a time of its own ends the scope of a threat, plan or wish before it:
# 'said it was suspending operations "to avoid embarrassing the government", and on February 7 a US drone strike
# killed ...', 'vowed to retaliate, and US jets struck ...' ("warned it could strike X, and Y" is one clause).
_NEW_CLAUSE = re.compile(r"(?:;|[\"”]?,[\"”]?\s+(?:and|but|while|whereas)\s+)"
                         r"(?=(?:on|in|at|late|early|then|later|hours|days)\b|(?:an?|the|its|their)\s|[A-Z])")


# After a negation, a coordination before the trigger ends its scope: "was not intercepted and struck", "not X, but hit".
_COORDINATED = re.compile(r"\b(?:and|but)\b|[,;]")


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



_AGENT_BEFORE = re.compile(r"\b(?:attributed\s+to|blamed\s+on|by)\s+(?:the\s+)?$", re.IGNORECASE)
