"""Statements that name a use of force without reporting one incident: hypotheticals, aggregates and habits,
and analysts' opinions. Each check reads one trigger (or one sentence) against word lists in lexicon.toml.

Decisions:
- a trigger followed at once by a modal ("a single strike could change it", "an attack would invite") is
  hypothetical, unless the modal is followed by "have" ("the strike may have killed ..."), which hedges a real event;
- a trigger joined to a perfect auxiliary ("have fired", "attacks ... have killed") in a sentence that opens a
  period ("since October 8", "since 2015") is a tally of many incidents; so is a trigger followed by a count of
  times ("attacked at least 66 times");
- a date after "since", "between", "from" or "until" bounds a period and dates no event;
- a sentence voiced by an analyst, expert or researcher (the speaker of its speech verb) names incidents only as
  opinion: it may refer to an incident already reported but creates none.
"""

from __future__ import annotations

import re

from eventdb.extract.context import SentenceView
from eventdb.extract.dates import DateMention

_AUX_GAP = re.compile(r"\s+(?:[\w-]+\s+){0,2}$")  # "have repeatedly fired", "has also targeted"


def hypothetical(view: SentenceView, trigger_end: int) -> bool:
    """A modal right after the trigger or its named place ("strike could change", "an attack on Erbil would draw"),
    not "strike may have killed"."""
    lex = view.tools.lexicon
    after = view.after(trigger_end, 70)
    place = _NAMED_PLACE.match(after)  # "an attack on Erbil Airport would ...": the trigger's own place may stand between
    after = after[place.end():] if place else after
    m = lex.pattern("irrealis_modal_after").match(after.lstrip())
    if m is None:
        return False
    rest = after.lstrip()[m.end():].lstrip()
    return lex.pattern("modal_past").match(rest) is None


_NAMED_PLACE = re.compile(r"\s+(?:on|at|in|against|near)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:al-)?[A-Z][\w'’-]*){0,3}(?=\s)")


def aggregate(view: SentenceView, start: int, end: int) -> bool:
    """A tally, not one event: a count of times after the trigger, or a perfect verb at the trigger in a
    sentence that opens a period ("have fired ... since 2015", "attacks on the border have killed ... since")."""
    lex = view.tools.lexicon
    for c in view.counts:
        if end <= c.start <= end + 25 and lex.pattern("frequency_nouns").match(view.text, c.end + 1, c.end + 12):
            return True
    if not view.has("period_openers"):
        return False
    before = view.text[max(view.start, start - 30):start]
    for m in lex.pattern("perfect_auxiliaries").finditer(before):
        if _AUX_GAP.fullmatch(before[m.end():]) or m.end() == len(before):
            return True
    after = view.text[end:min(view.end, end + 50)]
    m = lex.pattern("perfect_auxiliaries").search(after)
    return m is not None and not _CLAUSE_BREAK.search(after[:m.start()])


def opens_period(view: SentenceView, d: DateMention) -> bool:
    """ "Since October 8", "between October 17 and November 30": the date bounds a period, it dates no event."""
    words = view.before(d.start, 40).split()
    if words and view.tools.lexicon.is_a("period_date_openers", words[-1]):
        return True
    return _BETWEEN.search(view.before(d.start, 45)) is not None


_CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:which|that|who|when)\b")
_BETWEEN = re.compile(r"\bbetween\b[^,;.]{1,30}\band\s+$", re.IGNORECASE)


def opinion(view: SentenceView) -> bool:
    """The sentence is an analyst's or expert's words: its speech verb has one of them as speaker nearby."""
    lex = view.tools.lexicon
    if not view.has("opinion_speakers") or not view.has("speech_verbs"):
        return False
    for verb in view.find("speech_verbs"):
        near = view.text[max(view.start, verb.start() - 60):min(view.end, verb.end() + 40)]
        if lex.pattern("opinion_speakers").search(near):
            return True
    return False
