"""Several incidents named by one trigger: a coordination of places, one incident per place.

"jets struck a depot near Abu Kamal and a safe house near Mayadin", "drone attacks on Harir air base on November 1,
on Ain al-Asad on November 7 and on Erbil airport on November 15", "missiles hit Damascus airport and Aleppo
airport", "struck positions in the villages of Aita al-Shaab and Kfar Kila": each place listed was struck, an
analyst records one incident per place (same perpetrator, target and weapons; each with its own date when every
item has one).

Decisions:
- items are specific places (a town, base, airport ..., not a country or a sea) joined by a comma, "and" or "as well
  as", each optionally preceded by its own preposition ("on X, on Y") or its own noun phrase ("a depot near X and a
  safe house near Y"), and optionally followed by its own date; the text between two items holds nothing else
  (no other name, no verb): "between X and Y", "from X and Y", "X and Y provinces", "including X and Y" (where one
  strike wave fell) are not lists of incidents;
- parts after the first are separate incidents: one does not merge into another for sharing its date or actors;
- two items that are the same place at two grains (a base and its town) are one place;
- a capitalized name the reference lacks, listed with a known place after a plural place noun ("the villages of
  Aita al-Shaab and Kfar Kila"), is a place of that place's country (kept as written, for the curators);
- a definite mention ("the attacks on X and Y") refers back and is not split; nor is an irrealis or negated one, nor
  one attack named with an article ("a drone and missile attack on trucks in A and on a site at B");
- provinces and governorates are listed places too, but only as what was struck ("US forces also targeted Amran and
  Saada governorates", "strikes on the provinces of A and B"); a list after "in" says where a wave fell ("strikes in
  Sanaa, Hodeidah and Taiz provinces", "facilities in the provinces of A, B and C") and stays one incident;
- a toll said once for the list ("killing five") cannot be shared out: each part keeps only a zero toll ("all of
  which caused no casualties"), and no projectile count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from eventdb.extract.context import SentenceView
from eventdb.extract.dates import DateMention
from eventdb.extract.gazetteer import Mention
from eventdb.extract.lexicon import fold

if TYPE_CHECKING:
    from eventdb.extract.incidents import Draft


@dataclass(frozen=True)
class Item:
    """One place of a list, with the date written right after it (if any)."""

    start: int
    end: int
    text: str
    place: str | None  # reference key; None for a name the reference lacks
    country: str | None
    date: DateMention | None = None


# What may stand between two listed places: the first one's head noun ("Harir air base"), the join, the second one's
# own preposition ("on") or noun phrase ("a safe house near"), and an article.
_JOIN = re.compile(r"(?:\s+[a-z]+){0,2}?\s*(?:,\s+(?:and\s+|as well as\s+)?|\s+(?:and|as well as)\s+)"
                   r"(?:(?:on|at|in|near|against|targeting)\s+)?"
                   r"(?:(?:an?|another|the)\s+(?:[a-z-]+\s+){0,3}?(?:near|in|at|of|outside|on)\s+)?(?:the\s+)?"
                   r"(?:(?:area|vicinity|village|town|city)\s+of\s+)?")  # "a depot in the area of Nabatieh"
_DATE_BEFORE = re.compile(r"\s+(?:(?:late|early)\s+)?(?:on\s+|in\s+)?")  # "Harir air base on November 1"
_OPENERS = re.compile(r"\b(?:between|from)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}$", re.IGNORECASE)
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|on|outside)\s+(?:the\s+)?$", re.IGNORECASE)
_UNKNOWN_FIRST = re.compile(r"([A-Z][\w’'-]+(?:\s(?:al-|el-)?[A-Z][\w’'-]+){0,3})\s*(?:,\s+(?:and\s+)?|\s+and\s+)(?:the\s+)?$")


def split_listed(view: SentenceView, draft: Draft, ws: int, we: int, trigger_start: int) -> list[Draft]:
    """`draft` once per place its clause lists, or [draft] when it lists none."""
    if draft.definite or draft.reference_only or _one_attack_noun(view, trigger_start):
        return [draft]
    items = listed_places(view, ws, we, trigger_start)
    if len(items) < 2:
        return [draft]
    dated = all(i.date is not None for i in items)
    zero = lambda n: n if n == 0 else None  # noqa: E731  (a shared zero toll holds for every part)
    parts = []
    for n, item in enumerate(items):
        part = replace(draft, place=item.place, place_text=item.text, country=item.country, weapons=list(draft.weapons),
                       place_span=None if item.place else (item.start, item.end), killed=zero(draft.killed),
                       injured=zero(draft.injured), projectiles=None, separate=draft.separate or n > 0,
                       told=[], decisions=[])
        if dated:
            part.date, part.date_is_statement = item.date, False
        parts.append(part)
    return parts


def _one_attack_noun(view: SentenceView, trigger_start: int) -> bool:
    """ "a drone and missile attack on fuel trucks in Musaffah and on a site at Abu Dhabi airport": the writer counts one
    attack, whatever it hit (a verb, "struck A and B", or a plural, "attacks on A and B", counts one per place)."""
    return _ONE_NOUN.search(view.before(trigger_start, 40)) is not None and not _VERB_AFTER_AUX.search(view.before(trigger_start, 20))


_ONE_NOUN = re.compile(r"\b(?:an?|one)\s+(?:[\w-]+\s+){0,4}$", re.IGNORECASE)
_VERB_AFTER_AUX = re.compile(r"\b(?:had|has|have|was|were)\s+$", re.IGNORECASE)


def listed_places(view: SentenceView, ws: int, we: int, trigger_start: int) -> list[Item]:
    """The first coordination of two or more distinct specific places in the window (provinces and governorates too
    when the list is what was struck: "targeted Amran and Saada governorates")."""
    # a list begun in the window may run on past it ("struck a structure in the area of Bint Jbeil and a launcher in the
    # area of Tyre from which rockets were fired": the next trigger's clause starts inside the last item's noun phrase)
    mentions = [m for m in view.places(ws, view.end) if (view.is_specific_place(m.place) or _is_region(view, m.place))
                and not view.is_descriptor(m)]
    listed_after = -1  # the end of a list already passed over (its later items start no list of their own)
    for i, first in enumerate(mentions):
        if first.start >= we:
            return []
        if first.start < listed_after:
            continue
        if _OPENERS.search(view.before(first.start, 25)) or view.has("example_markers", max(ws, first.start - 40), first.start):
            listed_after = _coordinated_end(view, mentions[i:])
            continue  # "between A and B", "from A and B"; "60 targets in Yemen, including Sanaa and Hodeidah": one strike wave
        if first.start < trigger_start and not _LOCATIVE_BEFORE.search(view.before(first.start, 12)):
            continue  # "Erbil and Kirkuk condemned ...": a bare name before the trigger is no place of it
        items = [_item(view, first, None)]
        end = items[0].end
        for m in mentions[i + 1:]:
            gap_end, date = _own_date(view, end, m.start)
            if not _JOIN.fullmatch(view.text, gap_end, m.start) or _NAMES.search(view.text, gap_end, m.start):
                break
            items[-1] = replace(items[-1], date=date)
            items.append(_item(view, m, None))
            end = m.end
        if len(items) >= 2 or _unknown_partner(view, items[0]):
            break
    else:
        return []
    unknown = _unknown_partner(view, items[0])
    if unknown:
        items.insert(0, unknown)
    if len(items) < 2:
        return []
    items[-1] = replace(items[-1], date=_own_date(view, items[-1].end, min(we, items[-1].end + 30))[1])
    regions = region_list(view, items[-1].end)
    if (regions or any(_is_region(view, i.place) for i in items)) and not _struck_list(view, items[0].start):
        return []  # "strikes in Sanaa, Hodeidah and Taiz provinces": where one wave fell, not one incident each
    if regions:
        items = [_as_region(view, i, regions) for i in items]  # "Deir ez-Zor and Homs governorates": the governorates
    keys = [i.place for i in items if i.place]
    if len(set(keys)) < len(keys) or any(view.nested(a, b) for n, a in enumerate(keys) for b in keys[n + 1:]):
        return []
    return items


def _coordinated_end(view: SentenceView, mentions: list[Mention]) -> int:
    """Where the coordination that starts at the first of `mentions` ends ("Sanaa, the port city of Hodeidah and
    Saada")."""
    end = mentions[0].end
    for m in mentions[1:]:
        if not _JOIN.fullmatch(view.text, end, m.start) or _NAMES.search(view.text, end, m.start):
            break
        end = m.end
    return end


_NAMES = re.compile(r"[A-Z]")  # a capitalized word between two items: another name, not a list join


def _item(view: SentenceView, m: Mention, date: DateMention | None) -> Item:
    return Item(m.start, m.end, m.text, m.place, view.country_of(m.place), date)


def _own_date(view: SentenceView, start: int, limit: int) -> tuple[int, DateMention | None]:
    """The date written right after an item ("on Harir air base on November 1, ..."): where the join then starts."""
    for d in view.dates:
        if start <= d.start < limit and d.on and _DATE_BEFORE.fullmatch(_head_noun_stripped(view, start, d.start)):
            return d.end, d
        if d.start >= limit:
            break
    return start, None


_HEAD_NOUN = re.compile(r"^(?:\s+[a-z]+){0,2}?(?=\s+(?:(?:late|early)\s+)?(?:on|in)\s)")


def _head_noun_stripped(view: SentenceView, start: int, end: int) -> str:
    """ "Harir air base on ": the text before a date with the place's lowercase head noun taken off."""
    return " " + _HEAD_NOUN.sub("", view.text[start:end]).lstrip()


_OF_BEFORE = re.compile(r"\bof\s+(?:the\s+)?$")


def _unknown_partner(view: SentenceView, first: Item) -> Item | None:
    """ "the villages of Aita al-Shaab and Kfar Kila": a name the reference lacks, listed before a known place after a
    plural place noun."""
    before = view.before(first.start, 60)
    m = _UNKNOWN_FIRST.search(before)
    if not m:
        return _unknown_area(view, first)
    start = first.start - len(before) + m.start(1)
    if not view.tools.lexicon.pattern("list_place_nouns").search(view.before(start, 25)) \
            or not _OF_BEFORE.search(view.before(start, 8)):
        return None
    end = start + len(m.group(1))
    if any(x.start < end and start < x.end for x in view.mentions) or any(d.start < end and start < d.end for d in view.dates):
        return None
    return Item(start, end, m.group(1), None, first.country)


def _unknown_area(view: SentenceView, first: Item) -> Item | None:
    """ "struck infrastructure in the area of Aitaroun and a weapons storage facility in the area of Nabatieh": a name the
    reference lacks, after "in the area of" (or vicinity, village, town), joined to a known place by its own noun phrase,
    is a listed place of that place's country (kept as written)."""
    lo = max(view.start, first.start - 90)
    found = None
    for m in _CAPITALIZED.finditer(view.text, lo, first.start):
        if _JOIN.fullmatch(view.text, m.end(), first.start) and _AREA_OF.search(view.text, max(view.start, m.start() - 30), m.start()):
            found = m
    if found is None or view.tools.lexicon.is_a("weekdays", found.group(0).split()[0].lower()):
        return None
    s, e = found.span()
    if any(x.start < e and s < x.end for x in view.mentions) or any(d.start < e and s < d.end for d in view.dates):
        return None
    return Item(s, e, found.group(0), None, first.country)


_CAPITALIZED = re.compile(r"(?<![\w’'-])[A-Z][\w’'-]+(?:\s(?:al-|el-)?[A-Z][\w’'-]+){0,3}")
_AREA_OF = re.compile(r"\b(?:in|near|at)\s+the\s+(?:area|vicinity|village|town|outskirts)\s+of\s+$", re.IGNORECASE)


def _is_region(view: SentenceView, key: str | None) -> bool:
    place = view.tools.reference.places_by_key.get(key or "")
    return bool(place and place.kind == "region")


def _struck_list(view: SentenceView, start: int) -> bool:
    """ "targeted Amran and Saada governorates", "strikes on Diyala and Wasit provinces": the regions are what was
    struck (the object of the attack verb or noun), one incident each; "strikes in ... provinces" says only where."""
    return view.tools.lexicon.derived(_struck_pattern).search(view.before(start, 40)) is not None


def _struck_pattern(lex) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{lex.alternation('struck_list_openers')})\s+(?:the\s+)?"
                      rf"(?:(?:{lex.alternation('region_plural_nouns')})\s+of\s+)?$", re.IGNORECASE)


def region_list(view: SentenceView, end: int) -> str | None:
    """ "Sanaa, Hodeidah, Taiz and al-Bayda provinces": a list of regions (the list may end in names the reference
    lacks), any of its names ending at `end`, the last one too; the plural noun that says so, or None."""
    rest = _MORE_NAMES.match(view.text, end, view.end)
    noun = view.tools.lexicon.pattern("region_plural_nouns").match(view.text, rest.end(), view.end)
    return noun.group(0) if noun else None


def _as_region(view: SentenceView, item: Item, plural: str) -> Item:
    """The province a listed name stands for ("Homs" in "Deir ez-Zor and Homs governorates": Homs governorate), when
    the reference has it under that name; else the item as found."""
    singular = plural.lower().removesuffix("s")
    key = _region_names(view.tools.reference).get(fold(f"{item.text} {singular}"))
    return replace(item, place=key, country=view.country_of(key)) if key else item


_REGIONS: dict[int, tuple[object, dict[str, str]]] = {}


def _region_names(reference) -> dict[str, str]:
    """Folded name or alias -> key of every region of the reference (built once per reference)."""
    cached = _REGIONS.get(id(reference))
    if cached is None or cached[0] is not reference:
        names = {fold(n): p.key for p in reference.places if p.kind == "region" for n in (p.name, *p.aliases)}
        cached = _REGIONS[id(reference)] = (reference, names)
    return cached[1]


_MORE_NAMES = re.compile(r"(?:\s*(?:,|,?\s+and)\s+(?:al-|el-)?[A-Z][\w’'-]*(?:\s(?:al-|el-)?[A-Z][\w’'-]*)*)*\s*")
