"""When it happened: the date a trigger's clause gives, and what later relative dates count from."""

from __future__ import annotations

import re

from eventdb.extract.context import SentenceView
from eventdb.extract.dates import DateMention, find_dates
from eventdb.extract.nonevents import opens_period
from eventdb.extract.triggers import Trigger


def find_date(view: SentenceView, ws: int, we: int, t: Trigger) -> tuple[DateMention | None, bool]:
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
        if d.text.lower().startswith("in ") and not _opens_sentence(view, d, t) and min(abs(d.start - t.end), abs(t.start - d.end)) > \
                (_MONTH_REACH if d.precision == "month" and d.start > t.end and not view.has("triggers", t.end, d.start)
                 and _OTHER_CLAUSE.search(view.text, t.end, d.start) is None else 20):
            continue  # "formed in 2014": a bare year far from the trigger dates something else ("the killing of X in Tehran
            # in July": a month after the trigger's own victim and place, no other event between, is its date)
        # whether the date is a statement's, asked only of the dates still in the running
        statement = bool(lex.pattern("speech_verbs").search(view.text[max(view.start, d.start - 25):min(view.end, d.end + 25)])) \
            and not _ends_reported_clause(view, d)
        rank = (outside, statement, ("day", "week", "month", "year", "unknown").index(d.precision), abs(d.start - t.start))
        if best is None or rank < best[0]:
            best = (rank, d, statement)
    if best is None:
        return (_named_just_before(view, t) if not view.dates else None), False
    return best[1], best[2]


def _named_just_before(view: SentenceView, t: Trigger) -> DateMention | None:
    """ "The wave of claims follows the US air strikes of 27 June 2021. The Pentagon said US aircraft had struck ...": a
    strike told with no date right after the sentence that named the strikes with their day is of that day."""
    if not _STRIKE_WORD.match(t.phrase):
        return None
    para = view.text.rfind("\n\n", max(0, view.start - _JUST_BEFORE_REACH), view.start)
    lo = max(0, view.start - _JUST_BEFORE_REACH, para + 2 if para != -1 else 0)
    named = None
    for m in _STRIKES_OF.finditer(view.text, lo, view.start):
        named = m
    if named is None:
        return None
    found = find_dates(view.text, named.end(), min(view.start, named.end() + 30), view.published, view.tools.lexicon)
    day = found[0] if found and found[0].start == named.end() and found[0].precision == "day" else None
    if day is None or _SENTENCE_END.fullmatch(view.text, day.end, view.start) is None:
        return None  # the day must close the sentence before: "the strikes of 27 June 2021."
    return day


_JUST_BEFORE_REACH = 200
_STRIKE_WORD = re.compile(r"(?:air\s*)?stri(?:ke|kes|king)\b|struck\b|(?:air\s*)?raids?\b|bomb(?:ed|ing)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[^.!?\n]{0,20}[.!?][\"'”’)]?\s+")


# "the US air strikes of 27 June 2021", "the Israeli raids on 3 May": strikes named by their day.
_STRIKES_OF = re.compile(r"\bthe\s+(?:[A-Z][\w.-]*\s+)?(?:air\s*strikes?|strikes|raids|air\s+raids|bombardment)\s+(?:of|on)\s+",
                         re.IGNORECASE)


def _opens_sentence(view: SentenceView, d: DateMention, t: Trigger) -> bool:
    """ "In early July, the system shot down a rocket": a month (or year) opening the sentence before a comma sets the
    time of its first event, however far its trigger (unlike "formed in 2014" inside it); not of an event told after
    another ("In April, Iran fired missiles after a strike on its consulate": the strike came before)."""
    return d.precision in ("month", "year") and not view.text[view.start:d.start].strip(" \t\n\"'“‘-—") \
        and _COMMA_AFTER.match(view.text, d.end) is not None and not view.has("triggers", d.end, t.start)


_COMMA_AFTER = re.compile(r"\s*,")
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


_MONTH_REACH = 60
# "the first deadly attack since the campaign began in November": a month in another clause dates that clause
_OTHER_CLAUSE = re.compile(r"[,;]|\b(?:since|began|begun|started|after|before|when|while|until|which|that|who)\b", re.IGNORECASE)
_TIMES_BEFORE = re.compile(r"\btimes?\s+$")
_COMMA_SPEAKER = re.compile(r",\s+(?:the\s+)?[\w'’ -]{0,30}\s")
