"""Where it happened: the place a trigger's clause names, at the finest grain the clause supports."""

from __future__ import annotations

import re

from eventdb.extract.context import SentenceView
from eventdb.extract.incident_actors import LOCATIVE
from eventdb.extract.triggers import Trigger

_FROM = re.compile(r"\bfrom\s+(?:the\s+)?(?:direction\s+of\s+(?:the\s+)?)?(?:occupied\s+)?$", re.IGNORECASE)
_NEAR = re.compile(r"\b(?:near|outside|close to|(?:south|north|east|west)(?:east|west)?(?:ern)? of)\s+(?:the\s+)?(?:\w+\s+){0,3}$", re.IGNORECASE)



_SPREAD = re.compile(r"\b(?:across|throughout)\s+(?:the\s+)?$", re.IGNORECASE)



_KIND_NEAR_KEPT = 1  # "near Ain al-Asad air base", "near Erbil airport": a base or airport is the place; near a town is only its country



def find_place(view: SentenceView, ws: int, we: int, t_start: int, plural: bool = False) -> tuple[str | None, str | None, str | None]:
    best: tuple[int, str, str] | None = None
    origin_end = -1
    dateline = _DATELINE.match(view.text, view.start, view.end)
    for m in view.places(ws, we):
        if _has_then_search("from", _FROM, view.before(m.start, 40)) or _LIST_JOIN.fullmatch(view.text, origin_end, m.start):
            origin_end = m.end  # "from Abu Kamal and al-Mayadin": every place of the list is where it came from
            continue
        if not plural and _SPREAD.search(view.before(m.start, 12)):
            continue  # "from Syria" is the origin; "across Syria" is an area of activity, not where one attack happened
        if (m.actor and view.is_descriptor(m)) or _NAME_HEAD.match(view.text, m.end, view.end):
            continue  # "Iran-backed groups", "Palestine Street": part of another name, not the place
        if dateline and m.end <= dateline.end() or _has_then_search("accord", _SOURCE_PLACE, view.before(m.start, 50)) \
                or (m.start > t_start and _NOT_WHERE.search(view.before(m.start, 12))):
            continue  # "DAMASCUS — ...", "according to the Soroka hospital in Beersheba": where the news comes from;
            # "in solidarity with Gaza", "revenge for Beirut": what the attack is about, not where it happened
        if best is not None and m.start > t_start and _RELATIVE.search(view.text, t_start, m.start):
            continue  # "struck a ship in the Gulf of Aden, ... a campaign that the group says is for Palestinians in Gaza"
        key = m.place
        passive_subject = m.start < t_start and (_PLACE_SUBJECT.fullmatch(view.text, m.end, t_start) is not None)
        if (not view.is_specific_place(key) or (m.start < t_start and not passive_subject)) and not LOCATIVE.search(view.before(m.start, 14)):
            continue  # "Tel Aviv followed with", "Washington said": a bare name before the trigger is a speaker
        if _NEAR.search(view.before(m.start, 40)) and view.is_specific_place(key) and view.place_rank(key) > _KIND_NEAR_KEPT:
            country = view.country_of(key)
            country_key = _country_keys(view.tools.reference).get(country)
            if country_key is None:
                continue
            key = country_key
        rank = view.place_rank(key)
        if best is None or rank < best[0]:
            best = (rank, key, m.text)
    if best is None:
        return None, None, None
    if _is_country(view, best[1]) and _listed_with_another_country(view, ws, we, best[1]):
        return None, None, None  # "targets in Iraq and Syria": no one place, and either country alone would be wrong
    return best[1], best[2], view.country_of(best[1])


_COUNTRY_KEYS: dict[int, tuple[object, dict[str | None, str]]] = {}


def _country_keys(reference) -> dict[str | None, str]:
    """Country code -> key of the first place of kind "country" with that code, in the reference's order (what a scan of
    the places for the country finds first), built once per reference instead of scanning every place on each call."""
    cached = _COUNTRY_KEYS.get(id(reference))
    if cached is None or cached[0] is not reference:
        keys: dict[str | None, str] = {}
        for p in reference.places:
            if p.kind == "country":
                keys.setdefault(p.country, p.key)
        cached = _COUNTRY_KEYS[id(reference)] = (reference, keys)
    return cached[1]


def _has_then_search(word: str, pattern: re.Pattern[str], text: str) -> bool:
    """`pattern.search(text)`, skipped when `text` lacks `word`, which every match holds in some case. Exact for a word
    without i, k or s: no other letters have non-ASCII forms that case-insensitive matching takes for them."""
    return word in text.lower() and pattern.search(text) is not None


_LIST_JOIN = re.compile(r"\s*(?:,|,?\s+and|,?\s+or)\s+(?:the\s+)?")


def _listed_with_another_country(view: SentenceView, ws: int, we: int, key: str) -> bool:
    """The country is one of a list of countries ("in Iraq and Syria", "in Iraq, Syria and Jordan")."""
    places = view.places(ws, we)
    for a, b in zip(places, places[1:]):
        if (a.place == key or b.place == key) and a.place != b.place and _LIST_JOIN.fullmatch(view.text[a.end:b.start]) \
                and _is_country(view, a.place) and _is_country(view, b.place):
            return True
    return False


def _is_country(view: SentenceView, key: str | None) -> bool:
    place = view.tools.reference.places_by_key.get(key or "")
    return bool(place and place.kind == "country")


# "X was struck", "X was also the target of the January 2020 missile strike": the subject is where it happened.
_PLACE_SUBJECT = re.compile(r"\s+(?:was|were|has been|had been|have been)\s+(?:\w+ly\s+|also\s+)?"
                            r"(?:(?:the\s+)?(?:target|site|scene)\s+of\s+(?:an?|the)\s+(?:[\w’'-]+\s+){0,4})?")


_RELATIVE = re.compile(r"\b(?:that|which|who|whose)\s", re.IGNORECASE)  # a relative clause: another event's words



_NOT_WHERE = re.compile(r"\b(?:with|for)\s+(?:the\s+)?$", re.IGNORECASE)
_DATELINE = re.compile(r"[A-Z][A-Z/ ,.'’-]+\s+[—–-]\s")
_SOURCE_PLACE = re.compile(r"\baccording\s+to\s+[^,;]*$", re.IGNORECASE)
_NAME_HEAD = re.compile(r"[\s-]+(?:Street|Road|Square|Avenue|Bridge|Highway|Hospital|University|Stadium|Gate|Mosque)\b")


def unknown_place(view: SentenceView, t: Trigger, ws: int, we: int) -> tuple[int, int] | None:
    """A capitalized name after a locative word near the trigger that the reference does not know: for the curators."""
    lex = view.tools.lexicon
    lo, hi = max(ws, t.start - 60), min(we, t.end + 80)
    for m in _UNKNOWN_PLACE.finditer(view.text[lo:hi]):
        s, e = lo + m.start(1), lo + m.end(1)
        if any(x.start < e and s < x.end for x in view.mentions) or any(d.start < e and s < d.end for d in view.dates):
            continue
        words = m.group(1).lower().split()
        if lex.is_a("weekdays", words[0]) or lex.is_a("months", words[0]):
            continue
        return s, e
    return None


_UNKNOWN_PLACE = re.compile(r"\b(?:in|at|near|outside|on|targeting|struck|hit|into)\s+(?:the\s+)?(?:town|city|village|base|camp|area|province|district|airport|port|region)?\s*(?:of\s+)?([A-Z][\w’'-]+(?:\s(?:al-|el-)?[A-Z][\w’'-]+){0,3})")
