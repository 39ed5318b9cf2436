"""Who an incident's actors are, once the rules have found a name: the group behind a possessive or a spokesman,
the state behind its forces, the party a text blames, and names that are no target (owners, borders).

Decisions:
- "fired by Yemen's Houthi movement": the group, not the country;
- "a drone strike widely attributed to Israel", "an attack blamed on X": X is the perpetrator, as attributed;
- "Yahya Saree said the group's forces had targeted ...": a person claiming an operation claims it for the group he
  is a `member_of` (affiliations.toml); the claim stays his;
- the forces in `state_level_actors` (US forces) stand for their state as perpetrator or target, as every gold set
  records them;
- a name compounded with "-owned", "-flagged" ... is an owner, and a demonym before "border", "coast" ... a border:
  neither is the party attacked; "targets in Houthi-controlled Yemen" targets the group that holds the area.
"""

from __future__ import annotations

import re
from dataclasses import replace

from eventdb.assertions import ActorRef
from eventdb.extract.context import SentenceView, actor_ref
from eventdb.extract.gazetteer import Mention
from eventdb.extract.lexicon import Lexicon


def possessed(view: SentenceView, m: Mention) -> Mention:
    """ "fired by Yemen's Houthi movement": the group a country's possessive names is the actor, not the country."""
    if not _POSSESSIVE.match(view.text, m.end):
        return m
    after = m.end + len(_POSSESSIVE.match(view.text, m.end).group(0))
    return next((x for x in view.mentions if x.actor and x.start == after), m)


_POSSESSIVE = re.compile(r"['’]s\s+")


def attributed_to(view: SentenceView, trigger_end: int, we: int) -> ActorRef | None:
    """ "a drone strike widely attributed to Israel", "an attack blamed on Kataib Hezbollah": whom the text blames."""
    m = _ATTRIBUTED.match(view.text, trigger_end, we)
    if not m:
        return None
    actors = view.actors(m.end(), min(we, m.end() + 30))
    return actor_ref(actors[0]) if actors and _THE.fullmatch(view.text[m.end():actors[0].start]) else None


_THE = re.compile(r"(?:the\s+)?")
_ATTRIBUTED = re.compile(r"\s+(?:(?:widely|largely|generally|also)\s+)?(?:attributed\s+to|blamed\s+on)\s+", re.IGNORECASE)


def member_group(view: SentenceView, ref: ActorRef | None) -> ActorRef | None:
    """ "Yahya Saree said the group's forces had targeted the ship": a spokesman claiming an operation claims it for
    the group he is a member of (`member_of` in affiliations.toml); the claim stays his."""
    if ref is None or not ref.key or view.actor_kind(ref.key) != "person":
        return ref
    group = next((a.related for a in view.tools.reference.affiliations if a.actor == ref.key and a.relation == "member_of"), None)
    return replace(ref, key=group) if group else ref


def state_level(view: SentenceView, ref: ActorRef | None) -> ActorRef | None:
    """ "US forces struck ...", "attacks on US troops": the forces listed in `state_level_actors` stand for their state on
    an incident (the state is what analysts record as perpetrator or target; claimants keep the forces)."""
    if ref is None or not ref.key or not view.tools.lexicon.is_a("state_level_actors", ref.key):
        return ref
    country = view.actor_country(ref.key)
    state = next((a for a in view.tools.reference.actors if a.kind == "state" and a.country == country), None)
    return replace(ref, key=state.key) if state else ref


def owner_or_area(view: SentenceView, m: Mention) -> bool:
    """A demonym naming an owner or flag ("British-owned", "Greek-flagged") or a border or coast ("the Jordanian and
    Iraqi borders"): not the party attacked."""
    lex = view.tools.lexicon
    if lex.derived(_owner_pattern).match(view.text, m.end, view.end):
        return True  # "US-owned", "British-flagged": any name in the compound
    return m.adjective and lex.derived(_area_pattern).match(view.text, m.end, view.end) is not None


def _owner_pattern(lex: Lexicon) -> re.Pattern[str]:
    suffixes = "|".join(re.escape(w) for w in lex.words["ownership_suffixes"])  # after a hyphen: no phrase pattern
    return re.compile(rf"-(?:{suffixes})\b", re.IGNORECASE)


def _area_pattern(lex: Lexicon) -> re.Pattern[str]:
    return re.compile(rf"(?:\s+and\s+[A-Z][\w-]+)?\s+(?:{lex.pattern('geographic_nouns').pattern})", re.IGNORECASE)


def area_holder(view: SentenceView, m: Mention) -> Mention | None:
    """ "targets in Houthi-controlled Yemen": the group that holds the area struck is the target, not the country."""
    held = _HELD.search(view.before(m.start, 20))
    if not held:
        return None
    pos = m.start - len(view.before(m.start, 20)) + held.start()
    return next((x for x in view.mentions if x.actor and x.end == pos), None)


_HELD = re.compile(r"-(?:controlled|held)\s+$")
