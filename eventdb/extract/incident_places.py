"""Where it happened: the place a trigger's clause names, at the finest grain the clause supports."""

from __future__ import annotations

import re

from eventdb.extract.context import SentenceView
from eventdb.extract.gazetteer import Mention
from eventdb.extract.incident_actors import LOCATIVE
from eventdb.extract.incident_lists import region_list
from eventdb.extract.triggers import Trigger

_FROM = re.compile(r"\bfrom\s+(?:near\s+|around\s+|outside\s+)?(?:the\s+)?(?:direction\s+of\s+(?:the\s+)?)?(?:occupied\s+)?"
                   r"(?:(?:[\w-]+-(?:controlled|held)\s+)?(?:areas?|parts?|territory|territories)\s+of\s+(?:the\s+)?)?$",
                   re.IGNORECASE)  # "fired missiles from Houthi-controlled areas of Yemen toward a ship": where they came from
# "95 nautical miles southeast of Aden", "30 km north of Baghdad", "a military base south of Baghdad": a distance away
# from a town, or a site said to lie off it, is not in it (its country is all the clause says; the site is named
# elsewhere, if at all); "near Abu Kamal", "the coastal road south of Tyre" name the nearest place, and the analyst
# records it.
_DIRECTION = r"(?:south|north|east|west)(?:east|west)?(?:ern)?(?:-(?:east|west))?\s+of\s+(?:the\s+)?(?:\w+\s+){0,3}$"
_AWAY_FROM = re.compile(r"\b\d[\d,.]*\s*(?:-\s*)?(?:km|kms|kilometres|kilometers|miles|nautical\s+miles|nm)\s+(?:to\s+the\s+)?"
                        + _DIRECTION, re.IGNORECASE)
_AT_SEA_OFF = re.compile(r"\bnautical\s+miles?\s+(?:\w+\s+){0,3}?(?:off|of|from)\s+(?:the\s+)?(?:\w+\s+){0,3}$", re.IGNORECASE)
_CLAUSE_SUBJECT = re.compile(r"\s+(?:would|will|could|should|has|have|had|is|was|were|said|says|told|added|wants|want)\b")


def _other_event_pattern(lex) -> re.Pattern[str]:
    """ "the war in Gaza", "the conflict in Syria": a place that belongs to another, broader event."""
    return re.compile(rf"\b(?:{lex.alternation('other_event_nouns')})\s+(?:in|on|against|over)\s+(?:the\s+)?$", re.IGNORECASE)


def _named_event_pattern(lex) -> re.Pattern[str]:
    """ "the Gaza war", "the Syrian civil war": after the place, the noun of another, broader event it names."""
    return re.compile(rf"[\s-]+(?:{lex.alternation('other_event_nouns')})\b", re.IGNORECASE)


def _names_other_event(view: SentenceView, m: Mention) -> bool:
    """ "the first deaths since the start of the Gaza war": a place that, after an article, names another event."""
    return _ARTICLE_BEFORE.search(view.before(m.start, 8)) is not None \
        and view.tools.lexicon.derived(_named_event_pattern).match(view.text, m.end, view.end) is not None


_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an|its|their|this|that)\s+$", re.IGNORECASE)

# "and possibly, air defenses near X": a place the text only guesses.
_HEDGED_PLACE = re.compile(r"\b(?:possibly|perhaps|probably|maybe)\b,?[^,;]{0,40}$", re.IGNORECASE)


def _away_from(view: SentenceView, pos: int) -> bool:
    before = view.before(pos, 60)
    if _AWAY_FROM.search(before):
        return True
    site = view.tools.lexicon.derived(_site_off_pattern).search(before)
    return site is not None


def _site_off_pattern(lex) -> re.Pattern[str]:
    """ "a military base south of Baghdad": a site noun, then its direction off a town."""
    return re.compile(rf"\b(?:{lex.alternation('site_nouns')})\s+(?:\w+\s+){{0,3}}?{_DIRECTION}", re.IGNORECASE)



_SPREAD = re.compile(r"\b(?:across|throughout)\s+(?:the\s+)?$", re.IGNORECASE)



# "2 km south of Ain al-Asad air base": a base or airport is still the place; miles from a town is only its country.
_KIND_AWAY_KEPT = 1



def find_place(view: SentenceView, ws: int, we: int, t_start: int,
               plural: bool = False) -> tuple[str | None, str | None, str | None]:
    """(key, text as written, country) of the finest place in the window that is where the attack happened."""
    best: tuple[tuple[int, bool, bool], str, str, int, int] | None = None  # rank (grain, framing, possessed), key, text, where
    origin_end = -1
    dateline = _DATELINE.match(view.text, view.start, view.end)
    for m in view.places(ws, we):
        if _is_origin(view, m, origin_end):
            origin_end = m.end
            continue
        if _not_where(view, m, t_start, plural, dateline.end() if dateline else -1, best is not None):
            continue
        key = _at_grain(view, m)
        if key is None:
            continue
        rank = (view.place_rank(key), _framing(view, m), not _possessed(view, m))
        if best is None or rank < best[0]:
            best = (rank, key, m.text, m.start, m.end)
    if best is None:
        return None, None, None
    if _is_country(view, best[1]) and _listed_with_another_country(view, ws, we, best[1]):
        return None, None, None  # "targets in Iraq and Syria": no one place, and either country alone would be wrong
    if _in_region_list(view, best[3], best[4]) or _in_example_list(view, best[3], best[4], we):
        country = _country_keys(view.tools.reference).get(view.country_of(best[1]))
        return (country, best[2], view.country_of(best[1])) if country else (None, None, None)
    return best[1], best[2], view.country_of(best[1])


def _framing(view: SentenceView, m: Mention) -> bool:
    """ "In the Red Sea area, earlier today Houthi militants launched missiles toward a ship as it transited the Gulf of
    Aden": a place in a phrase that opens the sentence, before a comma, frames the news; a place of the same grain
    inside the clause is where it happened."""
    return _FRAME_BEFORE.fullmatch(view.text, view.start, m.start) is not None \
        and _FRAME_AFTER.match(view.text, m.end, view.end) is not None


_FRAME_BEFORE = re.compile(r"\W*(?:In|Across|Over)\s+(?:the\s+)?", re.IGNORECASE)
_FRAME_AFTER = re.compile(r"(?:\s+(?:area|region))?\s*,")


def _possessed(view: SentenceView, m: Mention) -> bool:
    """ "Abu Dhabi's Musaffah industrial area": a place named as another place's is the finer of two of one grain."""
    return any(p.end < m.start and _POSSESSIVE.fullmatch(view.text, p.end, m.start) for p in view.places(max(view.start, m.start - 40), m.start))


_POSSESSIVE = re.compile(r"['’]s\s+")


def _is_origin(view: SentenceView, m: Mention, origin_end: int) -> bool:
    """ "from Abu Kamal and al-Mayadin": every place of the list is where it came from (and "from the direction of
    Ithriya, south-east of Aleppo": so is the town it lies off)."""
    return _has_then_search("from", _FROM, view.before(m.start, 40)) \
        or _LIST_JOIN.fullmatch(view.text, origin_end, m.start) is not None \
        or _OFF_ORIGIN.fullmatch(view.text, origin_end, m.start) is not None \
        or _has_then_search("from", _FROM_OFF, view.before(m.start, 70))


def _not_where(view: SentenceView, m: Mention, t_start: int, plural: bool, dateline_end: int, found: bool) -> bool:
    """A place named in the clause that is not where the attack happened."""
    if not plural and _SPREAD.search(view.before(m.start, 12)):
        return True  # "from Syria" is the origin; "across Syria" is an area of activity, not where one attack happened
    if (m.actor and view.is_descriptor(m)) or _NAME_HEAD.match(view.text, m.end, view.end) \
            or view.tools.lexicon.derived(_organisation_head).match(view.text, m.end, view.end):
        return True  # "Iran-backed groups", "Palestine Street", "the Deir Ezzor Military Council": part of another name
    if m.end <= dateline_end or _has_then_search("accord", _SOURCE_PLACE, view.before(m.start, 50)) \
            or (m.start > t_start and _NOT_WHERE.search(view.before(m.start, 12))):
        return True  # "DAMASCUS — ...", "according to the Soroka hospital in Beersheba": where the news comes from;
        # "in solidarity with Gaza", "revenge for Beirut": what the attack is about, not where it happened
    if found and m.start > t_start and _RELATIVE.search(view.text, t_start, m.start):
        return True  # "struck a ship in the Gulf of Aden, ... a campaign that the group says is for Palestinians in Gaza"
    passive_subject = m.start < t_start and (_PLACE_SUBJECT.fullmatch(view.text, m.end, t_start) is not None
                                             or _APPOSED_SUBJECT.fullmatch(view.text, m.end, t_start) is not None)
    if (not view.is_specific_place(m.place) or (m.start < t_start and not passive_subject)) and not _locative(view, m.start) \
            and not _OBJECT.fullmatch(view.text, t_start, m.start):
        return True  # "Tel Aviv followed with", "Washington said": a bare name before the trigger is a speaker
        # (what the verb struck is its place: "targeted Diyala province")
    if _HEDGED_PLACE.search(view.before(m.start, 60)) or _AT_SEA_OFF.search(view.before(m.start, 50)):
        return True  # "Isfahan, ... which included targeting an air base and possibly, air defenses near Natanz";
        # "60 nautical miles east of Aden": at sea, not in the town nor its country
    return view.tools.lexicon.derived(_other_event_pattern).search(view.before(m.start, 30)) is not None \
        or _names_other_event(view, m) \
        or (m.start > t_start and _CLAUSE_SUBJECT.match(view.text, m.end, view.end) is not None and not _locative(view, m.start))
    # "since the war in Gaza began": another event's place; "... and said Amman would keep working": another clause's subject


def _at_grain(view: SentenceView, m: Mention) -> str | None:
    """The place as the clause supports it: a town that a site or a distance lies off stands for its country only
    (None when the reference has no such country)."""
    if m.place and view.is_specific_place(m.place) and view.place_rank(m.place) > _KIND_AWAY_KEPT and _away_from(view, m.start):
        return _country_keys(view.tools.reference).get(view.country_of(m.place))
    return m.place


def _in_region_list(view: SentenceView, start: int, end: int) -> bool:
    """ "facilities in the provinces of Tehran, Khuzestan and Ilam", "strikes in Sanaa, Hodeidah and Taiz provinces": one
    of several provinces where a wave fell (`incident_lists` splits a list only when the provinces are what was struck):
    none of them alone is the place, their country is."""
    return view.tools.lexicon.derived(_regions_of_pattern).search(view.before(start, 30)) is not None \
        or region_list(view, end) is not None  # the last name too: "... Taiz and al-Bayda provinces"


def _in_example_list(view: SentenceView, start: int, end: int, we: int) -> bool:
    """ "strikes on more than 60 targets in Yemen, including the capital Sanaa, the port city of Hodeidah and Saada": one
    of several places a wave hit, given as examples; none of them alone is the place, the country is."""
    if not view.has("example_markers", max(view.start, start - 40), start):
        return False
    others = [m for m in view.places(end, min(we, end + 80)) if m.place and view.is_specific_place(m.place)]
    return bool(others) and _LIST_JOIN.search(view.text, end, others[0].start) is not None


def _regions_of_pattern(lex) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{lex.alternation('region_plural_nouns')})\s+of\s+(?:the\s+)?$", re.IGNORECASE)


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


_OFF_ORIGIN = re.compile(r",\s*" + _DIRECTION, re.IGNORECASE)
_FROM_OFF = re.compile(r"\bfrom\s+(?:the\s+)?(?:direction\s+of\s+(?:the\s+)?)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3},\s*"
                       + _DIRECTION)
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


def _locative(view: SentenceView, pos: int) -> bool:
    """A preposition of place before `pos` ("in the southern Red Sea", "toward the Gulf of Aden")."""
    before = view.before(pos, 24)
    return LOCATIVE.search(before) is not None or _TOWARD.search(before) is not None \
        or _LOCATIVE_QUALIFIED.search(view.before(pos, 50)) is not None or _TRANSITED.search(before) is not None


_TOWARD = re.compile(r"\btowards?\s+(?:the\s+)?$", re.IGNORECASE)
_TRANSITED = re.compile(r"\b(?:transit(?:ed|ing|s)?|sailing\s+(?:in|through)|passing\s+through)\s+(?:the\s+)?$", re.IGNORECASE)  # a ship's position
# "in the occupied Syrian Golan", "in the Israeli-controlled Golan Heights", "in the southern Lebanese village": a
# preposition of place, then the place's qualifiers (occupied or held by someone, a direction, "north-west", a demonym).
_LOCATIVE_QUALIFIED = re.compile(r"\b(?:in|inside|at|near|into|over|on)\s+(?:the\s+)?"
                                 r"(?:(?:occupied|[a-z]+ern|(?:north|south)-?(?:east|west)|[A-Z][\w]*-(?:occupied|controlled|held))\s+)?"
                                 r"(?:[A-Z][a-z]+(?:ian|i|ese|ish)\s+)?$")
_OBJECT = re.compile(r"[\w-]+(?:\s+into)?\s+(?:the\s+)?")  # "targeted ", "slammed into the ": the verb's object follows


# "Ain al-Asad, a sprawling base in the desert, was also the target of ...": the subject, with an apposition.
_APPOSED_SUBJECT = re.compile(r"\s*,\s*(?:an?|the)\s+[^,;]{1,80},?" + _PLACE_SUBJECT.pattern)


_RELATIVE = re.compile(r"\b(?:that|which|who|whose)\s", re.IGNORECASE)  # a relative clause: another event's words



_NOT_WHERE = re.compile(r"\b(?:with|for)\s+(?:the\s+)?$", re.IGNORECASE)
_DATELINE = re.compile(r"[A-Z][A-Z/ ,.'’-]+\s+[—–-]\s")
_SOURCE_PLACE = re.compile(r"\baccording\s+to\s+[^,;]*$", re.IGNORECASE)


def _organisation_head(lex) -> re.Pattern[str]:
    """ " Military Council" after "Deir Ezzor": the place names an organisation (case kept: "the council in Deir Ezzor"
    is another thing)."""
    return re.compile(rf"[\s-]+(?:{lex.alternation('organisation_heads')})\b")


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


_UNKNOWN_PLACE = re.compile(r"\b(?:in|at|near|outside|on|targeting|struck|hit|into)\s+(?:the\s+)?(?:(?:[a-z]+\s+)?(?:town|city|village|base|camp|area|province|district|airport|port|region))?\s*(?:of\s+)?((?:(?<=of\s)(?:al|el)-)?[A-Z][\w’'-]+(?:\s(?:al-|el-)?[A-Z][\w’'-]+){0,3})")
