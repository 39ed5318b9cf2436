"""Outcome: whether an incident hit, was intercepted, or the article does not say, decided from everything the
article tells about it.

An article rarely tells an outcome in the sentence that names the attack: "Three rockets were fired at the base late
on Monday. One was shot down; the other two landed inside the perimeter, damaging a vehicle." An analyst reads the
whole story, so this pass reads every clause that names the incident and every later sentence that refers back to it
alone (`Draft.told`), once the article has been read and the claims have completed the tolls.

Decisions:
- hit: a clause about the incident says a weapon struck, hit, damaged, destroyed, set ablaze, fell inside ... what it
  was fired at (`hit_words`), or its own clause says it killed or wounded someone, or the incident has a toll above
  zero; an air strike is told when it struck (a state's strike on a place reports the strike, not an attempt), and
  so are an assassination and a sabotage unless the text calls them an attempt or a plot. A hit word does not count
  when it is negated or irrealis ("was not hit", "before it struck", "could hit", "whether it hit"), when it follows
  a non-confirmation ("could not confirm that any vessel had been hit"), when it is followed by a miss ("fell in
  open areas", "impacting the water"), when it is the interceptor's ("intercepted and destroyed two missiles"), or
  when it stands inside a quotation (the speaker's own words for the result: a claim, not a report);
- intercepted: some or all of it was shot down or intercepted and nothing says the rest hit ("most were intercepted,
  the rest fell in open areas"); an interception word that is negated ("was not intercepted") does not count;
- unknown otherwise: "fired at", "launched at", "targeted", "landed in an empty field".
A hit wins over an interception: "most of the missiles were intercepted, while others impacted on the base".
A sentence referring back that counts over a period ("the military says it has struck more than 4,500 targets since
October 8") tells a tally, not this incident's outcome.
"""

from __future__ import annotations

import re
from dataclasses import replace

from eventdb.assertions import IncidentReport
from eventdb.extract.incidents import Draft, Told
from eventdb.extract.lexicon import Lexicon
from eventdb.extract.interceptions import downs_aircraft

_NEGATION_REACH = 60  # characters before a hit or interception word in which a negator makes it not happen
_NEGATION_WORDS = 8  # words that may stand between the negator and the word ("not clear whether that drone had been hit")
_INTERCEPTOR_REACH = 20  # characters before a hit word in which an interception word makes it the interceptor's
_MISS_REACH = 35  # characters after a hit word in which a miss word makes it a miss ("fell inside" needs none)


def decide_outcomes(reports: tuple[IncidentReport, ...], drafts: list[Draft], lexicon: Lexicon) -> tuple[IncidentReport, ...]:
    """Each incident with its outcome decided from all the article tells about it (reports and drafts in one order)."""
    out = []
    for r, d in zip(reports, drafts):
        outcome = outcome_of(r, d, lexicon)
        out.append(r if outcome == r.outcome else replace(r, outcome=outcome))
    return tuple(out)


def outcome_of(report: IncidentReport, draft: Draft, lexicon: Lexicon) -> str:
    if (report.killed or 0) > 0 or (report.injured or 0) > 0:
        return "hit"
    if report.event_type == "airstrike" and not draft.reference_only:
        return "hit"
    if report.event_type in ("assassination", "sabotage") and not _attempted(draft):
        return "hit"
    intercepted = False
    for told in draft.told:
        if _hits(told, lexicon) or _downed_aircraft(told, lexicon):
            return "hit"
        intercepted = intercepted or _intercepted(told, lexicon)
    return "intercepted" if intercepted else "unknown"


def _attempted(draft: Draft) -> bool:
    """ "an assassination attempt", "a foiled plot": tried, not done."""
    return any(t.trigger is not None and t.view.has("attempt_words", t.start, t.end) for t in draft.told)


def _hits(told: Told, lexicon: Lexicon) -> bool:
    view = told.view
    if told.trigger is None and (view.has("period_openers") or view.has("cumulative_markers")):
        return False  # "The military says it has struck more than 4,500 targets since October 8": a tally, not this attack
    for category in ("hit_words", "strike_on_words") if told.trigger else ("hit_words",):
        for m in view.find(category, told.start, told.end):
            if not _negated(told, m.start(), lexicon) and not _missed(told, m.end(), lexicon) \
                    and not _intercepting(told, m.start()) and not _quoted(told, m.start()):
                return True
    if told.trigger is None:
        return False  # a sentence referring back may count other people's dead ("since October, 450 were killed")
    for category in ("killed_words", "injured_words"):
        for m in view.find(category, told.start, told.end):
            if not _negated(told, m.start(), lexicon) and not view.has("no_casualties", told.start, told.end):
                return True
    return False


def _intercepted(told: Told, lexicon: Lexicon) -> bool:
    for m in told.view.find("interception", told.start, told.end):
        if not _negated(told, m.start(), lexicon) and not downs_aircraft(told.view, m.end()):
            return True
    return False


def _downed_aircraft(told: Told, lexicon: Lexicon) -> bool:
    """ "shot down a US MQ-9 drone": an attack on an aircraft that hit it."""
    return any(not _negated(told, m.start(), lexicon) and downs_aircraft(told.view, m.end())
               for m in told.view.find("interception", told.start, told.end))


def _negated(told: Told, pos: int, lexicon: Lexicon) -> bool:
    """A negator or modal before the word in its own clause ("was not intercepted", "before it hit", "whether the
    drone had been hit"), or a non-confirmation before it in the sentence ("could not confirm that ... had been hit")."""
    lo = max(told.start, pos - _NEGATION_REACH)
    before = told.view.text[lo:pos]
    cut = max(before.rfind(","), before.rfind(";"))
    if lexicon.derived(_negator_pattern).search(before[cut + 1:]) is not None:
        return True
    return told.view.has("non_confirmation", told.view.start, pos)


def _negator_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{lexicon.alternation('outcome_negators')})\b(?:\s+[\w'’-]+){{0,{_NEGATION_WORDS}}}\s*$"
                      rf"|n['’]t\s+(?:[\w'’-]+\s+){{0,{_NEGATION_WORDS}}}$", re.IGNORECASE)


def _intercepting(told: Told, pos: int) -> bool:
    """ "intercepted and destroyed two missiles": the destroying is the interception's."""
    return told.view.has("interception", max(told.start, pos - _INTERCEPTOR_REACH), pos)


def _quoted(told: Told, pos: int) -> bool:
    """Inside a quotation: an opening quotation mark before `pos` in the sentence that is not closed before it."""
    before = told.view.text[told.view.start:pos]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _missed(told: Told, pos: int, lexicon: Lexicon) -> bool:
    """ "fell in open areas", "impacting the water": the weapon came down, not on what it was fired at."""
    after = _JOIN.split(told.view.text[pos:min(told.end, pos + _MISS_REACH)], 1)[0]  # "hit the base and open areas"
    return lexicon.pattern("miss_words").search(after) is not None


_JOIN = re.compile(r",|;|\band\b|\bwhile\b|\bbut\b")
