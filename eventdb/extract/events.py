"""Per sentence: the incidents its triggers create or add to, and the basis of each perpetrator."""

from __future__ import annotations

import re

from eventdb.assertions import ActorRef, Statistic
from eventdb.extract.speakers import own_side, voice
from eventdb.extract.clusters import also_meant, attach, same_day_as
from eventdb.extract.context import SentenceView
from eventdb.extract.dates import DateMention
from eventdb.extract.headings import from_heading
from eventdb.extract.incident_lists import split_listed
from eventdb.extract.layout import entry_stamp, live_page
from eventdb.extract.incidents import Draft, Found, Told, draft_from_trigger
from eventdb.extract.nonevents import aggregate
from eventdb.extract.retold import opens_with_a_sequel
from eventdb.extract.triggers import example_triggers, find_triggers, windows



def sentence_incidents(view: SentenceView, drafts: list[Draft], blocked: list[tuple[int, int]],
               previous: ActorRef | None = None, stats: list[Statistic] | None = None) -> list[Found]:
    """Incidents this sentence creates or adds to, with the offset of the trigger that named each
    (in a sentence that states an aggregate, only the examples it names: "including a strike on X")."""
    triggers = find_triggers(view, blocked) if not stats else example_triggers(view, stats[0])
    triggers = [t for t in triggers if t.example_of or not aggregate(view, t.start, t.end)]  # tallies name no one incident
    found: list[Found] = []
    claimant = voice(view, view.end, previous)
    bounds = windows(view, triggers)
    for n, (trigger, (ws, we)) in enumerate(zip(triggers, bounds)):
        ws = max(ws, trigger.start - 40) if trigger.example_of else ws  # the example's own clause, not the aggregate's
        draft = draft_from_trigger(view, trigger, ws, we, f"i{len(drafts) + 1}")
        if draft is None:
            continue
        live_day(view, draft)
        if draft.distributes and not from_wave(drafts, draft):
            continue  # "the strikes hit X" with no strikes told before: nothing to take the day from
        if found:
            same_day_as(view, found[-1], trigger.start, draft)  # "..., hours after US warplanes struck X"
        story = None if draft.date is not None else _same_sentence_date(view, found, draft) if found else _story_date(view, drafts, draft)
        for new in split_listed(view, draft, ws, we, trigger.start):  # "struck X near A and Y near B": one per place
            new.local_id = f"i{len(drafts) + 1}"
            from_heading(view, new, drafts)
            _basis(new, claimant, view)
            new.own_item = not new.definite and not found and _dated_item(view)
            new.separate = new.separate or _caused(view, found, trigger) or new.own_item \
                or (not new.definite and not found and opens_with_a_sequel(view))
            # "Later on Wednesday, Israeli jets struck X": a step in time opens another event, whoever did it
            kept = attach(view, drafts, new)
            if kept is new and story and new.date is None:
                new.date = story  # a new incident, not a reference to one told before
            if kept is not None:
                kept.last_sentence = view.sentence.index
                kept.told.append(Told(view, ws, we if n + 1 < len(triggers) else view.end, (trigger.start, trigger.end),
                                      new.perpetrator))
                # the last trigger's clause runs on past a semicolon ("...; one was shot down, the other hit the hangar")
                found.append(Found(trigger.start, kept, new))
                found.extend(Found(trigger.start, d) for d in also_meant(view, drafts, kept, new))
    _mark_asides(view, found)
    return found


def _dated_item(view: SentenceView) -> bool:
    """ "- Oct. 18: two drones attacked the al-Tanf garrison": a list item labelled with its own day opens an event of
    its own, not one told before at the same place (a claim told on another day may name the same base)."""
    bullet = _ITEM_BULLET.match(view.text, view.start, view.end)
    if bullet is None:
        return False
    return any(d.start == bullet.end() and _LABEL_COLON.match(view.text, d.end) for d in view.dates)


_ITEM_BULLET = re.compile(r"[ \t]*[-\u2013\u2014*\u2022][ \t]*")
_LABEL_COLON = re.compile(r"[ \t]*:")


def live_day(view: SentenceView, new: Draft) -> None:
    """ "09:40 GMT - The bulk carrier True Confidence was hit by a missile": on a live page an event an entry tells with
    no date of its own happened on the page's day (a reference to one told before keeps the day it has)."""
    if new.date is None and not new.definite and not new.reference_only and view.published is not None and live_page(view.text):
        stamp = entry_stamp(view.text, view.start + 1)
        if stamp is None:
            return  # before the first entry: the page's lead
        new.date = DateMention(stamp[0], stamp[1], view.text[stamp[0]:stamp[1]], view.published, "day")
        new.date_is_statement = False
        new.decisions.append("live_day: date")


def from_wave(drafts: list[Draft], new: Draft) -> bool:
    """ "The United States struck 85 targets on Friday ... In Iraq, the strikes hit positions in al-Qaim": a place the
    strikes told before landed on takes that wave's day, side and kind (the last plural wave of strikes told with a
    day), and stays an incident of its own beside it. False when no such wave was told."""
    for old in sorted(drafts, key=lambda d: d.last_sentence, reverse=True):
        if not (old.plural or old.air_verb) or old.event_type not in ("attack", "airstrike"):
            continue  # the strikes told last, whatever else was told since
        if old.date is None or old.date.on is None or old.date_is_statement:
            return False  # told with no day: nothing to date the places by
        new.date, new.date_is_statement = old.date, False
        if old.perpetrator is not None:  # the wave's side ("In Iraq, the strikes hit ...": Iraq is where, not who)
            new.perpetrator, new.perpetrator_basis = old.perpetrator, old.perpetrator_basis
        if old.event_type == "airstrike":
            new.event_type = "airstrike"
        new.separate = True
        new.decisions.append(f"from_wave: date {old.local_id}")
        return True
    return False


def _story_date(view: SentenceView, drafts: list[Draft], new: Draft) -> DateMention | None:
    """ "A drone struck Metula on Tuesday. In response, the army said, jets struck Hezbollah sites in Kfar Kila.": a new,
    undated incident that a speaker reports in the sentence right after a dated one, in an article with a date, is part
    of the same story when it is in the same country or the sentence ties it to the last ("in response", "later"): it
    took place that day (within the day matching allows). None when that does not hold."""
    that_day = _THAT_DAY.search(view.text, view.start, view.end) is not None
    if not drafts or view.published is None or not (that_day or view.has("speech_verbs") or view.has("statement_words")):
        return None
    last = max(reversed(drafts), key=lambda d: d.last_sentence)
    if last.date is None or last.date.on is None or last.date.precision != "day" or last.date_is_statement:
        return None
    if that_day:
        # "the IDF struck dozens of targets in southern Lebanon that afternoon": the day of the incident just told, a few
        # sentences of its aftermath between
        return last.date if view.sentence.index - last.last_sentence <= _THAT_DAY_REACH else None
    # an operation placed nowhere (a name the reference lacks, "Aramco", may be a company): its parts come after it
    unplaced = last.place is None and last.country is None and _operation(view, last)
    if view.sentence.index - last.last_sentence > (_OPERATION_REACH if unplaced else 1):
        return None
    country = new.country or view.country_of(new.place)
    if not (country and country == (last.country or view.country_of(last.place))) and not view.has("story_connectors") \
            and not (unplaced and country):
        return None
    return last.date


# "that afternoon", "the same evening": a part of the day told before (no date of its own, `dates` leaves it)
_THAT_DAY = re.compile(r"\b(?:that|the\s+same)\s+(?:morning|afternoon|evening|night)\b", re.IGNORECASE)
_THAT_DAY_REACH = 4


# "The Armed Forces carried out yesterday a wide military operation ... The spokesman said the forces carried out the
# operation with missiles and drones. The statement explained that the forces targeted the facilities in Jeddah ...": the
# parts of an operation told without a place are told in the sentences after it, a sentence of detail between.
_OPERATION_REACH = 2


def _operation(view: SentenceView, d: Draft) -> bool:
    """The incident was first told by an operation noun ("carried out a wide military operation")."""
    first = next((t for t in d.told if t.trigger), None)
    return first is not None and view.tools.lexicon.has("operation_nouns", first.view.text[first.trigger[0]:first.trigger[1]])


def _same_sentence_date(view: SentenceView, found: list[Found], new: Draft) -> DateMention | None:
    """ "He added that the forces targeted Riyadh with drones, and targeted the facilities in Jizan with missiles": a
    speaker's next incident in the same sentence, in the same country as the one before it there, took place the same
    day when that one was dated (by its clause or by the story, `_story_date`) and this one's clause gives no date."""
    last = found[-1].incident
    if view.published is None or not view.has("speech_verbs") or last.date is None or last.date.on is None \
            or last.date.precision != "day" or last.date_is_statement:
        return None
    country = new.country or view.country_of(new.place)
    return last.date if country and country == (last.country or view.country_of(last.place)) else None


def _mark_asides(view: SentenceView, found: list[Found]) -> None:
    """ "X said it targeted a ship, hours after US jets struck Y": Y is named in an aside about X, so a later sentence
    that refers back without a name ("None of the crew were hurt") means X, the main clause's incident."""
    for f in found[1:]:
        if f.incident is not found[0].incident and view.has("sequence_connectors", found[0].pos, f.pos):
            f.incident.aside_in = view.sentence.index


def _caused(view: SentenceView, found: list[Found], trigger) -> bool:
    """ "a drone struck X, ... which prompted waves of US air strikes on Friday": what an incident of this sentence
    led to, or answered, is another incident; so is what a sentence opening "In response," tells (it answers the
    incident told before)."""
    if found:
        return view.has("sequence_connectors", found[-1].pos, trigger.start)
    return view.has("reaction_openers", view.start, min(trigger.start, view.start + _OPENER_REACH))


_OPENER_REACH = 20  # characters from the sentence start in which "In response," opens it


def _basis(d: Draft, claimant, view: SentenceView) -> None:
    """Claimed when the perpetrator speaks, attributed when a third party names it, reported in the outlet's voice."""
    if claimant is None or d.reference_only:
        return
    d.claimant = claimant
    if d.perpetrator is None and claimant.key:
        return
    if d.perpetrator and claimant.key and own_side(view, claimant, d.perpetrator):
        d.perpetrator_basis = "claimed"
    elif d.perpetrator:
        d.perpetrator_basis = "attributed"
