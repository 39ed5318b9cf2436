"""Mentions into incidents, once the whole article is read: sieves over the incidents the sentence loop built.

While reading, `clusters.attach` joins each new event mention to an incident told before it, knowing only what came
before. Some joins need the whole article: a lead that says only "in Syria" and the next sentence that names the base
("US forces in eastern Syria came under attack on Friday. ... rockets were fired at the Conoco gas field base"); a
sentence that only describes the site ("The outpost, known as Tower 22, houses about 350 troops"); an operation that
goes on in the next sentence ("US forces also targeted ..."). This pass applies small rules (sieves) one after the
other, the surest first, as in a multi-pass sieve for coreference: each sees the incidents earlier sieves built,
only adds what is consistent with them, and records its name on what it changed (`Draft.decisions`), so a test
can say which sieve fired.

Sieves, in order (the loop already joins mentions at the same specific place, and definite mentions to the incident
just told, as it reads):
1. `lead_then_site`: an incident placed only in a country, region or sea, and one told within the next sentences on
   the same day at a place inside it, by the same side or against the same side, are one incident at the finer
   place, unless the later one's own words name its doer anew when the first had one ("KH fired rockets at Iraq on
   Monday. KH shelled a checkpoint in Erbil": a new act); two incidents that each name a specific place are never
   joined by this sieve;
2. `definite_site`: an incident placed no finer than a country whose own clause says "the airport" or "the base" is
   at the airport or base the article named last before it ("Rockets were fired at advisers in the airport's
   military section", "The base was already hit on December 31");
3. `site_description`: a sentence with no incident of its own whose subject describes a site ("The outpost, known as
   Tower 22, ...", "Tower 22, a logistics base near the Syrian border, ...") places the incident told just before
   it there, when that incident's place is coarser and contains the site (or it has none in another country);
4. `same_operation`: an undated incident whose own sentence says the same force "also" struck, right after a sentence
   that dated that force's incident to a day, took place that day (and is an air strike if that one was).

Never joined: incidents of different kinds (an attack and an air strike are one family), with dates too far apart,
at two specific places neither inside the other, with weapons of no common family ("rockets", "mortars"), with the
roles reversed (who attacked whom: "a US strike on Kataib Hezbollah" and "a Kataib Hezbollah attack on US forces"),
with different named targets, or when the later one is marked as another event ("a separate attack").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from eventdb.assertions import Claim
from eventdb.extract.clusters import compatible, merge, one_state, same_day, same_key, same_side
from eventdb.extract.context import SentenceView
from eventdb.extract.incidents import Draft
from eventdb.extract.lexicon import fold
from eventdb.extract.retold import one_family

_NEXT_SENTENCES = 2  # how far after an incident's last sentence a lead's detail or a site description may come


def settle(drafts: list[Draft], views: list[SentenceView]) -> dict[str, str]:
    """Run the sieves over the article's incidents (in place); the ids of the incidents merged away, mapped to the
    incident each joined (for the claims that point at them)."""
    joined: dict[str, str] = {}
    if not drafts or not views:
        return joined
    for sieve in _MERGING_SIEVES:
        _join_by(sieve, drafts, views[0], joined)
    definite_site(drafts, views)
    site_description(drafts, views)
    same_operation(drafts)
    return joined


def relinked(claims: list[Claim], joined: dict[str, str]) -> list[Claim]:
    """Claims pointing at an incident merged away point at the one it joined."""
    if not joined:
        return claims
    return [replace(c, incident=joined[c.incident]) if c.incident in joined else c for c in claims]


def shared_sentences(drafts: list[Draft]) -> frozenset[int]:
    """The sentences in which more than one incident has a mention of its own."""
    seen: dict[int, int] = {}
    shared = set()
    for d in drafts:
        for t in d.told:
            i = t.view.sentence.index
            if t.trigger is not None and seen.setdefault(i, id(d)) != id(d):
                shared.add(i)
    return frozenset(shared)


def same_event(view: SentenceView, a: Draft, b: Draft) -> bool:
    """Nothing the two say keeps them apart: kind, date, place, perpetrator and the direction of the attack agree
    (`clusters.compatible`), their targets are not two different ones, and the later is not marked as another event."""
    return compatible(view, a, b) and not b.separate and not a.reference_only and not b.reference_only \
        and not _other_targets(view, a, b) and not _other_weapons(a, b)


def lead_then_site(view: SentenceView, a: Draft, b: Draft) -> bool:
    """ "US forces in eastern Syria came under attack on Friday. ... rockets were fired at the Conoco gas field base":
    the lead (a country, region or sea) and the site inside it, told right after, on the same day."""
    if first_told(b) - last_told_before(a, first_told(b)) > _NEXT_SENTENCES or not same_day(a, b):
        return False
    if a.perpetrator and _own_perpetrator(b):
        return False  # "KH fired rockets at Iraq on Monday. KH shelled a checkpoint in Erbil": a new act of the same actor
    coarse, fine = (a, b) if _coarser(view, a, b) else (b, a) if _coarser(view, b, a) else (None, None)
    if coarse is None or fine is None or not fine.place or not view.is_specific_place(fine.place):
        return False
    if coarse.place and not view.nested(coarse.place, fine.place):
        return False
    return _same_side_acts(view, a, b)


_MERGING_SIEVES: tuple[Callable[[SentenceView, Draft, Draft], bool], ...] = (lead_then_site,)


def _join_by(sieve: Callable[[SentenceView, Draft, Draft], bool], drafts: list[Draft], view: SentenceView,
             joined: dict[str, str]) -> None:
    """Join every later incident into the earliest one the sieve and `same_event` accept (earlier joins first)."""
    n = 1
    while n < len(drafts):
        later = drafts[n]
        for earlier in drafts[:n]:
            if same_event(view, earlier, later) and sieve(view, earlier, later):
                absorb(earlier, later, view, sieve.__name__)
                joined.update({k: earlier.local_id for k, v in joined.items() if v == later.local_id})
                joined[later.local_id] = earlier.local_id
                del drafts[n]
                break
        else:
            n += 1


def absorb(keep: Draft, gone: Draft, view: SentenceView, sieve: str) -> None:
    """`gone` is `keep` told again: its details fill `keep` (the finer place and date win), and what it was told in is
    now told about `keep`."""
    merge(keep, gone, view)
    keep.told = sorted(keep.told + gone.told, key=lambda t: (t.view.sentence.index, t.start))
    keep.last_sentence = max(keep.last_sentence, gone.last_sentence)
    keep.decisions.append(f"{sieve}: joined {gone.local_id}")


def first_told(d: Draft) -> int:
    return d.told[0].view.sentence.index if d.told else d.sentence_index


def last_told_before(d: Draft, index: int) -> int:
    """The last sentence before `index` that told about `d` (its first if none did)."""
    before = [t.view.sentence.index for t in d.told if t.view.sentence.index < index]
    return max(before) if before else first_told(d)


def _own_perpetrator(d: Draft) -> bool:
    """The incident's first mention names who did it (as the doer of a new act, not by a later claim)."""
    for t in d.told:
        if t.trigger is not None:
            return t.perpetrator is not None
    return False


def _coarser(view: SentenceView, a: Draft, b: Draft) -> bool:
    """`a` is placed only in a country, region or sea (or only its country is known) and `b` at a specific place."""
    return (a.place is None and a.country is not None or a.place is not None and not view.is_specific_place(a.place)) \
        and b.place is not None and view.is_specific_place(b.place)


def _same_side_acts(view: SentenceView, a: Draft, b: Draft) -> bool:
    """The same attacker; or one names the attacker and the other the side attacked ("US forces came under attack",
    then "the Islamic Resistance claimed the attack on the base"; the roles are not reversed, `compatible` checks) or
    is told by that attacker itself; or neither names an attacker and their targets agree."""
    if a.perpetrator and b.perpetrator:
        return same_key(a.perpetrator, b.perpetrator) or one_state(view, a.perpetrator, b.perpetrator)
    if a.perpetrator or b.perpetrator:
        named, unnamed = (a, b) if a.perpetrator else (b, a)
        speaker = unnamed.claimant  # "Iran's Revolutionary Guards said they had launched ...": the attacker speaks
        return unnamed.target is not None or bool(speaker and speaker.key and named.perpetrator and (
            same_key(speaker, named.perpetrator) or one_state(view, speaker, named.perpetrator)))
    return not (a.target and b.target) or same_side(view, a.target, b.target)


def _other_weapons(a: Draft, b: Draft) -> bool:
    """Both name weapons and none is of the other's family ("rockets" and "mortars"; "missiles" and "ballistic
    missiles" are one family)."""
    return bool(a.weapons and b.weapons and not any(one_family(x, y) for x in a.weapons for y in b.weapons))


def _other_targets(view: SentenceView, a: Draft, b: Draft) -> bool:
    """Two named targets of two sides ("struck a Kataib Hezbollah depot" and "struck an IRGC convoy")."""
    return bool(a.target and b.target and a.target.key and b.target.key and not same_side(view, a.target, b.target))


# --- "the base": a site named before ------------------------------------------------------------------------------

def definite_site(drafts: list[Draft], views: list[SentenceView]) -> None:
    """ "A US drone strike near Baghdad International Airport ... Rockets were fired at advisers in the airport's military
    section"; "The base was already hit on December 31": an incident with no place finer than a country whose own
    clause says "the airport" or "the base" is at the airport or base named last before it (in that sentence or
    the `_NEXT_SENTENCES` before), when that is in the incident's country (if known). The clause is the whole
    sentence when no other incident is told in it."""
    kinds = _site_kinds(views[0].tools.lexicon)
    shared = shared_sentences(drafts)
    for d in drafts:
        if d.place and views[0].is_specific_place(d.place):
            continue
        own = next((t for t in d.told if t.trigger is not None), None)
        if own is None:
            continue
        alone = own.view.sentence.index not in shared  # the whole sentence is about it: "The base was hit ..., when ..."
        start, end = (own.view.start, own.view.end) if alone else (own.start, own.end)
        noun = own.view.tools.lexicon.derived(_definite_site_pattern).search(own.view.text, start, end)
        if noun is None:
            continue
        site = _named_before(views, own.view.sentence.index, noun.start(), kinds[fold(noun.group(1))])
        if site and (d.country is None or d.country == own.view.country_of(site)):
            d.place, d.place_text, d.country, d.place_span = site, _site_text(views, site), own.view.country_of(site), None
            d.decisions.append(f"definite_site: place {site} ({noun.group(0).strip()})")


def _site_kinds(lex) -> dict[str, str]:
    return lex.derived(lambda x: {fold(a): b.strip() for a, b in (e.split(":") for e in x.words["site_noun_kinds"])})


def _definite_site_pattern(lex) -> re.Pattern[str]:
    nouns = "|".join(re.escape(e.split(":")[0]).replace(r"\ ", r"\s+") for e in
                     sorted(lex.words["site_noun_kinds"], key=len, reverse=True))
    return re.compile(rf"\bthe\s+({nouns})\b(?!\s+(?:of|in|at|near)\b)", re.IGNORECASE)


def _named_before(views: list[SentenceView], index: int, pos: int, kind: str) -> str | None:
    """The last place of `kind` named before `pos` in sentence `index` or the `_NEXT_SENTENCES` before it."""
    for view in reversed(views):
        i = view.sentence.index
        if i > index or i < index - _NEXT_SENTENCES:
            continue
        for m in reversed(view.mentions):
            place = view.tools.reference.places_by_key.get(m.place or "")
            if place and place.kind == kind and (i < index or m.end <= pos):
                return place.key
    return None


# --- site descriptions ---------------------------------------------------------------------------------------------

def site_description(drafts: list[Draft], views: list[SentenceView]) -> None:
    """ "A drone attack killed three soldiers in Jordan. ... The outpost, known as Tower 22, houses about 350 troops":
    a sentence that describes a site, and tells no incident of its own, places the incident told just before it."""
    own = {t.view.sentence.index for d in drafts for t in d.told if t.trigger is not None}
    for view in views:
        if view.sentence.index in own:
            continue
        site = described_site(view)
        if site is None:
            continue
        d = _told_just_before(drafts, view.sentence.index)
        if d is not None and _refines(view, d, site):
            d.place, d.place_text, d.country, d.place_span = site, _site_text(view, site), view.country_of(site), None
            d.decisions.append(f"site_description: place {site} (sentence {view.sentence.index})")


def described_site(view: SentenceView) -> str | None:
    """The specific place a sentence's subject describes: "The outpost, known as Tower 22, ...", "The base, called
    X, ...", "Tower 22, a logistics base in Jordan, ..."; None when its subject is no site."""
    lex = view.tools.lexicon
    places = [m for m in view.places(view.start, view.end) if view.is_specific_place(m.place)]
    if not places:
        return None
    first = places[0]
    head = view.text[view.start:first.start]
    if lex.derived(_named_site_pattern).fullmatch(head):
        return first.place  # "The outpost, known as Tower 22"
    if not head.strip() and lex.derived(_apposition_pattern).match(view.text, first.end, view.end):
        return first.place  # "Tower 22, a logistics base in Jordan, ..."
    return None


def _named_site_pattern(lex) -> re.Pattern[str]:
    return re.compile(rf"\s*(?:the|this|that)\s+(?:[\w-]+\s+){{0,2}}?(?:{lex.alternation('site_nouns')})\s*,?\s*"
                      rf"(?:(?:also\s+)?(?:known|referred\s+to)\s+as|called|named|dubbed|identified\s+as)?\s*(?:the\s+)?",
                      re.IGNORECASE)


def _apposition_pattern(lex) -> re.Pattern[str]:
    return re.compile(rf"\s*,\s*(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?(?:{lex.alternation('site_nouns')})\b", re.IGNORECASE)


def _told_just_before(drafts: list[Draft], index: int) -> Draft | None:
    """The incident told last before sentence `index`, if that was at most `_NEXT_SENTENCES` sentences before (of
    several told in that sentence, none: which one the site is would be a guess)."""
    last = {id(d): max((t.view.sentence.index for t in d.told if t.view.sentence.index < index), default=-1) for d in drafts}
    latest = max(last.values(), default=-1)
    if latest < 0 or index - latest > _NEXT_SENTENCES:
        return None
    candidates = [d for d in drafts if last[id(d)] == latest]
    return candidates[0] if len(candidates) == 1 else None


def _refines(view: SentenceView, d: Draft, site: str) -> bool:
    """The site is finer than the incident's place and inside it (or, with no place, in the incident's country)."""
    if d.place == site:
        return False
    if d.place:
        return view.place_rank(site) < view.place_rank(d.place) and view.nested(d.place, site)
    return d.country is None or d.country == view.country_of(site)


def _site_text(views: SentenceView | list[SentenceView], site: str) -> str:
    """How the article writes the site (its first mention)."""
    for view in views if isinstance(views, list) else [views]:
        for m in view.mentions:
            if m.place == site:
                return m.text
    return site


# --- one operation told on -----------------------------------------------------------------------------------------

def same_operation(drafts: list[Draft]) -> None:
    """ "US jets struck Hodeidah on Monday. US forces also targeted Amran and Saada governorates.": an undated incident
    whose own sentence says the same force "also" acted, right after the sentence that dated that force's incident to
    a day, took place that day, and is an air strike if that one was."""
    for n, d in enumerate(drafts):
        if d.date is not None or d.perpetrator is None or not _also(d):
            continue
        before = [e for e in drafts[:n] if e.date and e.date.on and e.date.precision == "day" and not e.date_is_statement
                  and e.perpetrator and same_key(e.perpetrator, d.perpetrator)
                  and 0 < first_told(d) - last_told_before(e, first_told(d)) <= 1]
        if not before:
            continue
        lead = before[-1]
        d.date, d.date_is_statement = lead.date, False
        if lead.event_type == "airstrike" and d.event_type == "attack" and not d.weapons:
            d.event_type = "airstrike"
        d.decisions.append(f"same_operation: date of {lead.local_id}")


_ALSO = re.compile(r"\balso\s+(?:\w+\s+)?$", re.IGNORECASE)


def _also(d: Draft) -> bool:
    """The incident's first mention says "also" right before its verb ("also targeted", "also hit")."""
    for t in d.told:
        if t.trigger is not None:
            return _ALSO.search(t.view.before(t.trigger[0], 20)) is not None
    return False
