"""Mentions into incidents (one article): whether a new mention is an incident named before, and merging the two."""

from __future__ import annotations

from eventdb.assertions import ActorRef
from eventdb.extract.context import SentenceView
from eventdb.extract.dates import DateMention
from eventdb.extract.incidents import Draft, Found, standalone
from eventdb.extract.lexicon import fold
from eventdb.extract.retold import opens_with_a_sequel, retold
from eventdb.extract.tolls import zeros_of_others

_COMPATIBLE_TYPES = {frozenset({"attack", "airstrike"})}



def compatible(view: SentenceView, a: Draft, b: Draft) -> bool:
    if a.event_type != b.event_type and frozenset({a.event_type, b.event_type}) not in _COMPATIBLE_TYPES:
        return False
    if a.date and b.date and a.date.on and b.date.on and not (a.date_is_statement or b.date_is_statement):
        gap = abs((a.date.on - b.date.on).days)
        limit = {"day": 1, "week": 7, "month": 31, "year": 366}
        if gap > max(limit.get(a.date.precision, 0), limit.get(b.date.precision, 0)):
            return False
    if _other_weekdays(view, a.date, b.date):
        return False
    if a.place and b.place and a.place != b.place and not view.nested(a.place, b.place):
        if view.is_specific_place(a.place) and view.is_specific_place(b.place):
            return False
        if a.country and b.country and a.country != b.country:
            return False
    if _other_named_place(a, b) or _other_named_place(b, a):
        return False
    if a.perpetrator and b.perpetrator and a.perpetrator.key and b.perpetrator.key and a.perpetrator.key != b.perpetrator.key \
            and not one_state(view, a.perpetrator, b.perpetrator):
        return False
    if a.event_type == "assassination" and a.target and b.target and fold(a.target.text) != fold(b.target.text) \
            and a.target.key != b.target.key:
        return False
    if a.sentence_index == b.sentence_index:
        return True  # within one sentence the clauses decide: an answer to an attack is marked where it is told
    return not reversed_roles(view, a, b) and not _from_the_air_and_the_ground(view, a, b)


def _other_named_place(a: Draft, b: Draft) -> bool:
    """ "An Israeli strike in south Lebanon killed seven ... Later on Wednesday, Israeli jets struck the border village of
    Tayr Harfa": a new, indefinite mention that names a place of its own the reference lacks is another strike than one
    placed elsewhere (a known place, or another name as written), unless a mention of that one named the place too ("The
    strike hit a centre in the village of Hebbariyeh ... its fighter jets had struck a compound in Hebbariyeh")."""
    if b.place is None and b.place_span is not None and not b.definite and not b.reference_only and b.place_text \
            and (a.place is not None or (a.place_text is not None and fold(a.place_text) != fold(b.place_text))):
        name = fold(b.place_text)
        return not any(name in fold(t.view.text[t.start:t.end]) for t in a.told)  # "The strike hit a centre in X" told before
    return False


def _other_weekdays(view: SentenceView, a: DateMention | None, b: DateMention | None) -> bool:
    """ "on Wednesday evening" and "on Monday night" in an article without a date: two days, though neither resolves."""
    if a is None or b is None or a.on is not None or b.on is not None:
        return False
    days = view.tools.lexicon.pattern("weekday_names")
    x, y = days.search(a.text), days.search(b.text)
    return bool(x and y and x.group(0).lower() != y.group(0).lower())


def _from_the_air_and_the_ground(view: SentenceView, a: Draft, b: Draft) -> bool:
    """ "US F-15s struck positions at X" and "rockets hit X": a strike from the air and one from the ground (rockets,
    mortars, shells) at one place are two events, whoever is named."""
    air = view.tools.lexicon.words["air_weapons"]

    def from_air(d: Draft) -> bool:
        return d.event_type == "airstrike" and all(w in air for w in d.weapons_used())

    def from_ground(d: Draft) -> bool:
        return d.event_type == "attack" and bool(d.weapons) and not any(w in air for w in d.weapons)
    return from_air(a) and from_ground(b) or from_air(b) and from_ground(a)


def reversed_roles(view: SentenceView, a: Draft, b: Draft) -> bool:
    """Who attacks whom is the other way round ("US jets struck a Kataib Hezbollah depot at the base" and "Kataib
    Hezbollah said its rockets hit US troops at the base"): two events, whatever their place and day."""
    return _sided(view, a.perpetrator, b.target) or _sided(view, a.target, b.perpetrator)


def _sided(view: SentenceView, x: ActorRef | None, y: ActorRef | None) -> bool:
    """One actor, or a state and its own forces (an Iraqi militia and the Iraqi state are not one side)."""
    return bool(x and y and x.key and y.key and (x.key == y.key or one_state(view, x, y)))


def linked(view: SentenceView, old: Draft, new: Draft, most_recent: bool) -> bool:
    if old.place and old.place == new.place and view.is_specific_place(old.place) and not new.own_item:
        return True  # (not a list item with a day of its own: "- Oct. 18: two drones attacked the al-Tanf garrison")
    if same_day(old, new) and (same_key(old.perpetrator, new.perpetrator) or same_key(old.target, new.target)) and not new.separate:
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
    if most_recent and new.definite_object and 0 < new.sentence_index - old.sentence_index <= 3 \
            and (new.place is None or new.place == old.place) and not opens_with_a_sequel(view) \
            and (new.perpetrator is None or old.perpetrator is None or same_key(old.perpetrator, new.perpetrator)):
        return True  # "struck a bulk carrier in the Gulf of Aden over the weekend ... had targeted the ship on Saturday";
        # "The tanker X was hit by a missile. ... A missile launched by the Houthis struck the X": the doer named later
    if old.sentence_index == new.sentence_index:
        clash = (old.target and new.target and old.target.key != new.target.key) or \
            (old.place and new.place and old.place != new.place and not view.nested(old.place, new.place))
        return not clash
    same_actors = (old.perpetrator and new.perpetrator and old.perpetrator.key == new.perpetrator.key
                   and (not old.target or not new.target or same_side(view, old.target, new.target)))
    if same_actors and new.definite:
        return True
    if most_recent and new.sentence_index - old.sentence_index <= 1 and new.date is None and new.place is None \
            and old.perpetrator and new.perpetrator and (same_key(old.perpetrator, new.perpetrator)
                                                         or one_state(view, old.perpetrator, new.perpetrator)):
        return True  # "... when the IRGC fired ballistic missiles at Israel. The IRGC said it launched 200 missiles"
    other_weapons = bool(old.weapons and new.weapons and not set(old.weapons) & set(new.weapons))
    return new.definite and most_recent and new.sentence_index - old.sentence_index <= 4 and not other_weapons


def same_day(a: Draft, b: Draft) -> bool:
    return bool(a.date and b.date and a.date.on and a.date.on == b.date.on and a.date.precision == b.date.precision == "day"
                and not (a.date_is_statement or b.date_is_statement))


def same_side(view: SentenceView, a: ActorRef, b: ActorRef) -> bool:
    """ "Israel" and "the Israeli military": the same side (same key, or actors of the same country)."""
    if a.key == b.key:
        return True
    ca, cb = view.actor_country(a.key), view.actor_country(b.key)
    return bool(ca and ca == cb)


def one_state(view: SentenceView, a: ActorRef, b: ActorRef) -> bool:
    """ "Iran's October 1 attack, when the IRGC fired ...": a state and its own forces or agencies are one perpetrator."""
    kinds = view.tools.lexicon.words["state_speaker_kinds"]
    return view.actor_kind(a.key) in kinds and view.actor_kind(b.key) in kinds and same_side(view, a, b)


def same_key(a: ActorRef | None, b: ActorRef | None) -> bool:
    return bool(a and b and a.key and a.key == b.key)


def merge(old: Draft, new: Draft, view: SentenceView) -> None:
    """Fill what the earlier mention lacked; keep its values where both speak (conflicts stay in claims), except that
    the finer place and the more precise date win."""
    if new.date and not new.date_is_statement and (old.date is None or old.date_is_statement or finer_date(new.date, old.date)):
        old.date, old.date_is_statement = new.date, new.date_is_statement
    if new.place and (old.place is None or (view.place_rank(new.place) < view.place_rank(old.place)
                                            and (old.country is None or old.country == new.country))):
        old.place, old.place_text, old.country, old.place_span = new.place, new.place_text, new.country, None
    elif old.place is None and old.place_text is None and new.place_text and new.place_span:
        old.place_text, old.place_span = new.place_text, new.place_span
    for w in new.weapons:
        if w not in old.weapons and not any(k.endswith("_" + w) for k in old.weapons):
            old.weapons[:] = [k for k in old.weapons if not w.endswith("_" + k)]  # "ballistic_missile" over "missile"
            old.weapons.append(w)
    if new.reference_only:
        return  # a denial names the incident; it asserts none of its details
    others = zeros_of_others((new.killed, new.injured), [(old.killed, old.injured)])  # "no soldiers were hurt" after a death
    for name in ("perpetrator", "target", "killed", "injured", "projectiles"):
        if others and name in ("killed", "injured") and getattr(new, name) == 0:
            continue
        if getattr(old, name) is None and getattr(new, name) is not None:
            setattr(old, name, getattr(new, name))
    if old.perpetrator_basis == "unknown" and new.perpetrator_basis != "unknown":
        old.perpetrator_basis = new.perpetrator_basis
    if new.event_type == "assassination" or (old.event_type == "attack" and new.event_type == "airstrike"):
        old.event_type = new.event_type
    if old.stance != "asserted" and new.stance == "asserted" and new.claimant is None:
        old.stance = "asserted"


_PERIOD_DAYS = {"day": 1, "week": 7, "month": 31, "year": 366}


def finer_date(new: DateMention, old: DateMention) -> bool:
    """ "In April ..." then "on April 13": a more precise date inside the period of the one known (the most precise
    date any mention gives is the incident's)."""
    if not (new.on and old.on) or _PERIOD_DAYS.get(new.precision, 999) >= _PERIOD_DAYS.get(old.precision, 999):
        return False
    if old.precision == "month":
        return (new.on.year, new.on.month) == (old.on.year, old.on.month)
    if old.precision == "year":
        return new.on.year == old.on.year
    return 0 <= (new.on - old.on).days < _PERIOD_DAYS[old.precision]


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



def same_day_as(view: SentenceView, before: Found, trigger_start: int, new: Draft) -> None:
    """ "The Houthis said on Thursday they had targeted a ship, hours after US warplanes struck Hodeidah": an undated
    incident a few hours from one named before it in the sentence took place that day (within the day matching allows)."""
    old = before.incident
    if new.date is not None or old.date is None or old.date.on is None or old.date.precision != "day":
        return
    if view.has("same_day_connectors", before.pos, trigger_start):
        new.date, new.date_is_statement = old.date, False



def last_event_date(drafts: list[Draft], named: tuple[int, DateMention] | None = None) -> DateMention | None:
    """What "two days later" and "the same day" count from: the date of the incident talked about last, or a date
    named in a later sentence than that incident ("On January 26, a tanker was set ablaze ... The same day, ...")."""
    last = max(reversed(drafts), key=lambda d: d.last_sentence) if drafts else None
    if named and (last is None or named[0] > _last_told(last)):
        return named[1]  # a date named after the incident's last own mention (later sentences may only refer to it)
    return last.date if last and last.date and last.date.on and not last.date_is_statement else None


def _last_told(d: Draft) -> int:
    """The sentence of the incident's last own mention (a trigger that named it), else the last that referred to it."""
    told = [t.view.sentence.index for t in d.told if t.trigger]
    return max(told) if told else d.last_sentence


def latest_date(view: SentenceView, named: tuple[int, DateMention] | None) -> tuple[int, DateMention] | None:
    """The last day- or week-precise date this sentence names, else the one named before (for `last_event_date`)."""
    for d in reversed(view.dates):
        if d.on and d.precision in ("day", "week"):
            return view.sentence.index, d
    return named
