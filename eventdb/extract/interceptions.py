"""Interception words: which ones intercept an attack, which are denied, and which down an aircraft instead.

Decisions:
- "intercepted two drones", "shot down a missile fired by X": the attack intercepted is the incident, and the one
  who intercepts is not its perpetrator;
- "the drone was not intercepted", "were never shot down": a negated interception word is no interception;
- "shot down an American MQ-9": an attack on the aircraft (it hit), not an interception.

The outcome itself is decided once the whole article is read (`incident_outcomes`).
"""

from __future__ import annotations

import re

from eventdb.extract.context import SentenceView


def interceptions(view: SentenceView, ws: int, we: int) -> list[re.Match[str]]:
    """The interception words of [ws, we) that are not negated ("was not intercepted", "never shot down") and do not
    down an aircraft ("shot down an American MQ-9": an attack on the aircraft, see `downs_aircraft`)."""
    if not view.has("interception"):
        return []  # most sentences: the sentence's scan answers for every stretch
    words = view.find("interception", ws, we)
    return [w for w in words if not negated(view, w.start()) and not downs_aircraft(view, w.end())] \
        if words else words


def negated(view: SentenceView, word_start: int) -> bool:
    """ "was not intercepted", "were never shot down": the interception word at `word_start` is denied."""
    return _NEGATED.search(view.before(word_start, 25)) is not None


def downs_aircraft(view: SentenceView, word_end: int) -> bool:
    """ "shot down an American MQ-9 Reaper drone", "downed a US fighter jet": what was shot down is an aircraft (the
    shooter attacked it), not the weapon of an attack (the shooter intercepted it)."""
    lex = view.tools.lexicon
    if lex.derived(_aircraft_object).match(view.text, word_end, view.end) is not None:
        return True
    before = view.before(word_end, 60)  # "the fourth such aircraft the group says it has downed"
    last = None
    for last in lex.derived(_aircraft_word).finditer(before):
        pass
    return last is not None and not _CLAUSE_BREAK.search(before, last.end())


_CLAUSE_BREAK = re.compile(r"[,;.]|\b(?:and|but|while)\b")


def _aircraft_word(lex) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{lex.alternation('aircraft_words')})(?![\w-])", re.IGNORECASE)


def _aircraft_object(lex) -> re.Pattern[str]:
    return re.compile(rf"(?:\s+on\s+\w+day)?\s+(?:an?|the|one|two|three|its|their)?\s*(?:[\w'’/-]+\s+){{0,4}}?"
                      rf"(?:{lex.alternation('aircraft_words')})(?![\w-])", re.IGNORECASE)


def is_interception(view: SentenceView, phrase: str, end: int) -> bool:
    """A trigger that names an interception ("intercepted two missiles", "shot down a drone fired by X"): the incident
    is the attack intercepted, its subject the defender."""
    return view.tools.lexicon.is_a("interception", phrase) and not downs_aircraft(view, end)


_NEGATED = re.compile(r"\b(?:not|never|n['’]t|without\s+being)\s+(?:\w+ly\s+)?(?:been\s+|being\s+)?$", re.IGNORECASE)


def interception_refers(view: SentenceView, t, date, place: str | None, launcher) -> bool:
    """ "Iranian air defenses downed three Israeli drones.": an interception with no date, no specific site and no
    launcher of its own tells how an attack already reported ended; it names a new incident only with one of them.
    A word that only describes a weapon ("shrapnel from an intercepted rocket in a village near Safed") names no
    site either: the town is where the pieces fell."""
    return is_interception(view, t.phrase, t.end) and date is None and launcher is None \
        and (not view.is_specific_place(place) or attributive(view, t.start, t.end) or told_before(view, t.start))


def told_before(view: SentenceView, start: int) -> bool:
    """ "Most of the rockets were intercepted ..., and fires broke out near Katzrin", "They were shot down over the
    Golan": the subject is the weapons an earlier sentence named (a definite or a pronoun), so the interception ends
    the attack told before, wherever a town of the sentence lies."""
    return _DEFINITE_SUBJECT.search(view.before(start, 45)) is not None


def attributive(view: SentenceView, start: int, end: int) -> bool:
    """ "an intercepted missile", "the downed drones": the interception word at [start, end) stands between an article
    and a weapon, describing the weapon (an interception told elsewhere), not telling one."""
    if _ARTICLE_BEFORE.search(view.before(start, 8)) is None:
        return False
    weapon = next((m for m in view.mentions if m.weapon and m.start >= end), None)
    return weapon is not None and _ONE_WORD.fullmatch(view.text, end, weapon.start) is not None


_DEFINITE_SUBJECT = re.compile(r"(?:\b(?:the|these|those|its|their)\s+(?:[\w-]+\s+){0,2}|\b(?:they|them)\s+)"
                               r"(?:were|was|had\s+been|have\s+been|has\s+been)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_ARTICLE_BEFORE = re.compile(r"\b(?:an?|the|one)\s+$", re.IGNORECASE)
_ONE_WORD = re.compile(r"\s+(?:[\w-]+\s+)?")  # "an intercepted ballistic missile", "an intercepted Iranian drone"
