"""Statements that name a use of force without reporting one incident: hypotheticals, aggregates and habits,
and analysts' opinions. Each check reads one trigger (or one sentence) against word lists in lexicon.toml.

Decisions:
- a trigger followed at once by a modal ("a single strike could change it", "an attack would invite") is
  hypothetical, unless the modal is followed by "have" ("the strike may have killed ..."), which hedges a real event;
- a trigger joined to a perfect auxiliary ("have fired", "attacks ... have killed") in a sentence that opens a
  period ("since October 8", "since 2015") is a tally of many incidents; so is a trigger followed by a count of
  times ("attacked at least 66 times"), and so is a trigger after "the number of" ("the number of rockets fired") or
  right before a period ("were killed in Lebanon between October 2023 and the ceasefire", "has struck X since");
- a date after "since", "between", "from" or "until" bounds a period and dates no event, and so does the date of
  the event a period starts from ("since the ceasefire of 27 November");
- a sentence voiced by an analyst, expert or researcher (the speaker of its speech verb) names incidents only as
  opinion: it may refer to an incident already reported but creates none;
- an adverb of habit next to a trigger ("have often preceded rocket attacks on X", "was targeted by rockets repeatedly")
  tells of events that recur, not of one;
- a correction notice ("Correction: An entry at 06:05 said a drone had struck near X") restates or retracts the
  article's account: it reports no incident.
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
    if _NUMBER_OF.search(view.before(start, 60)):
        return True  # "put the number of rockets, missiles and drones fired from Lebanon at more than 16,000": a count
    if _PERFECT_BEFORE.search(view.before(start, 25)) and _SPREAD_AFTER.search(view.text, end, min(view.end, end + 80)):
        return True  # "They have also fired missiles and drones at Israel, mostly at Eilat, almost all of which were
        # intercepted": a perfect spread over targets and times, not one launch
    if _PERIOD_AFTER.match(view.text, end, min(view.end, end + 60)):
        return True  # "4,000 people were killed in Lebanon between October 2023 and the ceasefire": over a period
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
    return _BETWEEN.search(view.before(d.start, 45)) is not None or _SINCE_EVENT_OF.search(view.before(d.start, 45)) is not None


# "since the ceasefire of 27 November", "since the start of October": the date of the event a period starts from
_SINCE_EVENT_OF = re.compile(r"\b(?:ever\s+)?since\s+(?:the\s+)?(?:[\w-]+\s+){1,3}of\s+$", re.IGNORECASE)


_PERFECT_BEFORE = re.compile(r"\b(?:have|has)\s+(?:\w+ly\s+|also\s+)?$", re.IGNORECASE)
_SPREAD_AFTER = re.compile(r",\s+(?:mostly|mainly|largely|chiefly)\s+(?:at|on|in|against|toward|towards)\b|"
                           r"\b(?:most|almost\s+all|nearly\s+all|many)\s+of\s+which\b", re.IGNORECASE)
_PERIOD_AFTER = re.compile(r"\s+(?:[\w'’-]+\s+){0,3}?(?:between\s+[^,;.]{2,30}\s+and|since)\s", re.IGNORECASE)
_NUMBER_OF = re.compile(r"\bthe\s+number\s+of\s+(?:[\w-]+,?\s+){0,6}$", re.IGNORECASE)  # not "a small number of missiles struck X"
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


def habitual(view: SentenceView, start: int, end: int, lo: int, hi: int) -> bool:
    """An adverb of habit within a few words of the trigger [start, end) in its own clause [lo, hi) ("Statements of this
    kind have often preceded rocket attacks on Baghdad airport", "The embassy has been targeted by rockets repeatedly
    this year"): events that recur, not one incident. A connector that tells a background event between the two ("has
    been targeted repeatedly since the March 2020 rocket attack on X") ends the adverb's reach: that event is one."""
    if not view.has("habitual_markers"):
        return False
    for m in view.find("habitual_markers", max(lo, start - _HABIT_REACH), min(hi, end + _HABIT_REACH)):
        between = (m.end(), start) if m.end() <= start else (end, m.start())
        if not view.has("realis_connectors", *between):
            return True
    return False


_HABIT_REACH = 40  # "has been targeted by rockets repeatedly": the adverb within a few words of the trigger


def in_correction(view: SentenceView) -> bool:
    """The sentence stands in a paragraph that opens with a correction label ("Correction: ...", "Correction, March 25:
    This story has been corrected to show that ..."; a live page's time stamp may stand on the line before it)."""
    text = view.text
    para = text.rfind("\n\n", max(0, view.start - _PARAGRAPH_REACH), view.start)
    para = text.rfind("\n", 0, view.start) + 1 if para < 0 else para + 2  # no break near: the sentence's own line
    labels = view.tools.lexicon.derived(_correction_pattern)
    for _ in range(3):  # the label line, after a time stamp or a blank line at most
        if para >= view.end:
            return False
        if labels.match(text, para):
            return True
        nxt = text.find("\n", para, view.end)
        if nxt < 0:
            return False
        para = nxt + 1
    return False


_PARAGRAPH_REACH = 3000


def _correction_pattern(lex) -> re.Pattern[str]:
    return re.compile(rf"\s*(?:{lex.alternation('correction_labels')})\s*[:,(\u2014-]", re.IGNORECASE)
