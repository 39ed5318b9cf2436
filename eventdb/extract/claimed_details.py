"""Details an incident's own sentences leave open, taken from the claims the article links to it.

An article often names the attack in one sentence and says who did it or what it cost in others: "A drone struck
the base late on Sunday. ... The Islamic Resistance in Iraq claimed the attack on Telegram. ... Six fighters were
killed, the SDF said." The claims already point at the incident; an analyst reading the article records the claimed
perpetrator and the reported toll on the incident itself.

Decisions:
- only what the incident lacks is filled; what its own sentence says is kept (conflicts stay in the claims);
- the perpetrator is the group that claimed the attack, else the party an attribution names (basis "claimed" or
  "attributed"); a claimant speaking for the other side ("the US said it struck") already is the perpetrator;
- killed and injured are filled field by field when the claims that give it agree ("the Observatory said seven were
  killed and 18 wounded" fills both); two sources with different counts ("16 killed in Iraq, Baghdad said; 23 in
  Syria, the Observatory said") leave it open, as no one figure is the incident's;
- a toll in a sentence that names two incidents ("X said they had launched drones at Israel in response to the April 1
  strike on the consulate, in which seven were killed") is not this incident's by the claim's link alone: which
  incident it counts is the clause's business (`tolls`), not the claim's;
- a toll over a period ("Since October 8, attacks have killed 13 civilians", "more than 450 people have been killed")
  is a tally of many incidents, not this incident's toll, even when the claim points at it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from eventdb.assertions import ActorRef, Claim, IncidentReport
from eventdb.extract.lexicon import Lexicon
from eventdb.extract.tolls import zeros_of_others

_TOLL_TYPES = ("casualty_report", "responsibility_claimed")  # a claim of an attack may carry its toll


def complete(incidents: tuple[IncidentReport, ...], claims: list[Claim], lexicon: Lexicon,
             shared: frozenset[int] = frozenset()) -> tuple[IncidentReport, ...]:
    """Each incident with its missing perpetrator and casualties taken from its linked claims (`shared`: the sentences
    that name more than one incident)."""
    by_incident: dict[str, list[Claim]] = {}
    for c in claims:
        if c.incident:
            by_incident.setdefault(c.incident, []).append(c)
    return tuple(_completed(i, by_incident.get(i.local_id, []), lexicon, shared) for i in incidents)


def _completed(incident: IncidentReport, claims: list[Claim], lexicon: Lexicon, shared: frozenset[int]) -> IncidentReport:
    if not claims:
        return incident
    changes: dict[str, object] = {}
    if incident.perpetrator is None:
        named = _named_perpetrator(claims)
        if named:
            changes["perpetrator"], changes["perpetrator_basis"] = named
    tolls = [c for c in claims if c.type in _TOLL_TYPES and not _tally(c.span.quote, lexicon)
             and c.span.sentence_index not in shared]
    known = [(incident.killed, incident.injured)] + [(c.killed, c.injured) for c in tolls]
    tolls = [c for c in tolls if not zeros_of_others((c.killed, c.injured), known)]  # "no soldiers were hurt" beside a death
    for name in ("killed", "injured"):
        values = {getattr(c, name) for c in tolls} - {None}
        if getattr(incident, name) is None and len(values) == 1:
            changes[name] = values.pop()
    return replace(incident, **changes) if changes else incident


def _tally(quote: str, lexicon: Lexicon) -> bool:
    """ "Since October 8, ... have killed 13", "450 people have been killed": a toll over a period."""
    if lexicon.pattern("period_openers").search(_ADVERBIAL_SINCE.sub("", quote)):
        return True  # (not "have since returned to duty": "since" as an adverb opens no period)
    return lexicon.derived(_perfect_casualty_pattern).search(quote) is not None


_ADVERBIAL_SINCE = re.compile(r"\b(?:have|has|had)\s+since\b", re.IGNORECASE)


def _perfect_casualty_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    """A perfect auxiliary right before a killed or injured word: "have killed", "has been wounded"."""
    aux = lexicon.pattern("perfect_auxiliaries").pattern
    hurt = f"{lexicon.pattern('killed_words').pattern}|{lexicon.pattern('injured_words').pattern}"
    return re.compile(rf"(?:{aux})\s+(?:been\s+)?(?:\w+ly\s+)?(?:{hurt})", re.IGNORECASE)


def _named_perpetrator(claims: list[Claim]) -> tuple[ActorRef, str] | None:
    """Who did it by the claims: the group that claimed it, else whom a third party blamed."""
    for kind, basis in (("responsibility_claimed", "claimed"), ("attribution", "attributed")):
        for c in claims:
            actor = c.perpetrator or (c.claimant if kind == "responsibility_claimed" else None)
            if c.type == kind and c.stance != "denied" and actor is not None:
                return actor, basis
    return None
