"""One event told again in a later sentence of the same article ("Iran launched 300 drones and missiles at Israel
overnight ... He said Iran had fired about 170 drones ... and that a small number had struck the Nevatim air
base") is the same incident with more detail, not a second one.

Decision: a mention with no date of its own (even an unresolved one, "earlier this month") or with the day the
incident was dated from ("over the weekend", then "on Saturday"), not marked as another event ("also", "a separate",
"two days later", a sentence that opens with "Hours later," or "The same day,"), joins the incident talked about
just before when
- it names the same perpetrator, or names none while its sentence has already retold that incident, or names
  neither actor nor another place and follows within two sentences with no other target ("... missiles fired toward
  the Gulf of Aden on Saturday" after a ship struck in the Gulf of Aden over the weekend);
- their places are the same, or one lies inside the other (not inside a bare country, unless its sentence
  already retold the incident), or either has none (a mention with neither actor nor place names no unknown place);
- their weapons overlap (a generic word, "the missiles", overlaps each of its kinds), or either names none;
and a summary that names no weapon and no place closer than a region ("US forces in eastern Syria came under attack on
Friday.") is told in detail by an undated attack at a place inside it in the very next sentence.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from eventdb.extract.context import SentenceView

if TYPE_CHECKING:
    from eventdb.extract.incidents import Draft


def retold(view: SentenceView, old: Draft, new: Draft) -> bool:
    """`new` retells `old` (the incident talked about last), adding detail."""
    if new.separate or (new.date and not new.date_is_statement and not _same_start(old, new)):
        return False  # even "earlier this month" unresolved: another time (the same day told again is no other time)
    if opens_with_a_sequel(view):
        return False  # "Hours later, a bulk carrier was hit in the Gulf of Aden": what came next, not the same again
    if _detail_of_summary(view, old, new):
        return True
    same_actor = bool(old.perpetrator and new.perpetrator and old.perpetrator.key and old.perpetrator.key == new.perpetrator.key)
    told_here = new.perpetrator is None and old.last_sentence == new.sentence_index  # "... and that a few had struck X"
    bare = new.perpetrator is None and (new.place is None and new.place_text is None or new.place == old.place) \
        and new.sentence_index - old.last_sentence <= 2 \
        and not (old.target and new.target and old.target.key != new.target.key)  # "... that the drone fired two missiles"
    if not (same_actor or told_here or bare):
        return False
    if old.place and new.place and old.place != new.place and not (view.nested(old.place, new.place)
                                                                   and (told_here or not _country(view, old.place))):
        return False
    return not (old.weapons and new.weapons and not any(one_family(a, b) for a in old.weapons for b in new.weapons))


def _detail_of_summary(view: SentenceView, old: Draft, new: Draft) -> bool:
    """ "US forces in eastern Syria came under attack on Friday. A US defense official said rockets were fired at the
    Conoco gas field base": a sentence that names no weapon and no place closer than a country or region, then the very
    next sentence with an undated attack at a place inside it and no other actor: the detail of the one attack."""
    if old.weapons or new.date is not None or new.sentence_index - old.last_sentence != 1 or old.last_sentence != old.sentence_index:
        return False
    if not (old.place and new.place and not view.is_specific_place(old.place) and view.is_specific_place(new.place)
            and view.nested(old.place, new.place)):
        return False
    return not (old.perpetrator and new.perpetrator and old.perpetrator.key != new.perpetrator.key) \
        and not (old.target and new.target and old.target.key != new.target.key)


def opens_with_a_sequel(view: SentenceView) -> bool:
    """The sentence opens with a step in time ("Hours later,", "The same day,", "Later on Monday,", "Two days
    later,"); not a subject that did something later ("Hezbollah later announced the deaths ...": the telling came
    later, the event may be the one just told)."""
    return view.tools.lexicon.derived(_sequel_opening).match(view.text, view.start, view.end) is not None


def _sequel_opening(lex) -> re.Pattern[str]:
    words = "|".join(lex.alternation(c) for c in ("sequel_same_day", "sequel_next_day", "sequel_next_week", "sequel_forward"))
    return re.compile(rf"\W*(?:(?:less|more)\s+than\s+)?(?:(?:(?:an?|\w+)\s+(?:few\s+)?)?(?:{lex.alternation('time_units')})\s+)?"
                      rf"(?:{words})\b", re.IGNORECASE)


def _same_start(old: Draft, new: Draft) -> bool:
    """ "over the weekend" (from Saturday) and "on Saturday": the day the incident talked about was dated from."""
    return bool(old.date and new.date and old.date.on and old.date.on == new.date.on and not old.date_is_statement)


def one_family(a: str, b: str) -> bool:
    """ "anti-ship ballistic missiles ... The missiles": a weapon and its kind (keys end in the family's key)."""
    return a == b or a.endswith("_" + b) or b.endswith("_" + a)


def _country(view: SentenceView, key: str) -> bool:
    """ "fired rockets at Iraq ... shelled a checkpoint in Erbil": a country holds too many events to say which."""
    place = view.tools.reference.places_by_key.get(key)
    return bool(place and place.kind == "country")
