"""Item headings: the date and place a dispatch writes once, in a line of their own, for the item that follows.

Maritime advisories, monitor digests and military round-ups list their items under a short heading that holds only
when and where ("2.1 12 JUN 2024, approx. 0930 UTC, Red Sea, 66NM SW of Hodeidah.", "20 January, al-Tanf."); the
sentences of the item then tell what happened without repeating either ("The bulk carrier ... was struck by an
uncrewed surface vessel"). A heading makes no incident of its own (it names no use of force); it dates and places
the incidents its item tells, the rest of its paragraph, when their own clauses leave that open. `__init__` notes the
heading of each sentence (`SentenceView.heading`) and `events` gives its day and place to a new incident before it
is compared with those told before, so two items of one list stay two incidents.

Day headings: a roundup that lists its items "by the day on which the event took place" writes each day once, on a
line of its own that holds nothing but that day ("SATURDAY (27 July)", "Monday, 29 July 2024"). Every paragraph after
it, up to the next day heading or the next heading of another kind (a line of capitals, "BY THE NUMBERS"), tells
events of that day: an incident there whose own clause gives no date (or only the date of a statement) took place
that day (`SentenceView.day_section`, `from_heading`).
"""

from __future__ import annotations

import re

from eventdb.extract.context import SentenceView
from eventdb.extract.incidents import Draft


def is_heading(view: SentenceView) -> bool:
    """The last line of the sentence holds a day and a place and nothing else but numbers, abbreviations, names and
    the small words of positions and times ("approx.", "of", "UTC"): no verb, so no statement."""
    line_start = _line_start(view)
    days = [d for d in view.dates if d.start >= line_start and d.precision == "day" and d.sequel is None]
    places = [m for m in view.mentions if m.place and m.start >= line_start]
    if not days or not places:
        return False
    taken = [(d.start, d.end) for d in days] + [(m.start, m.end) for m in places]
    small = view.tools.lexicon.words["heading_words"]
    words = 0
    for w in _WORD.finditer(view.text, line_start, view.end):
        if any(s <= w.start() < e for s, e in taken):
            continue
        words += 1
        token = w.group(0)
        if token.islower() and token not in small:
            return False  # a lowercase word that is not a word of position or time: a verb or a noun, a statement
    return words <= _MOST_WORDS


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_MOST_WORDS = 8  # a heading's words besides its date and places ("approx", "UTC", "NM", "SW", "of", a province)


def is_day_heading(view: SentenceView) -> bool:
    """The sentence is one short line that names one day and nothing else but weekday names and punctuation."""
    text = view.text[view.start:view.end]
    if "\n" in text.strip() or len(text) > _DAY_HEADING_CHARS:
        return False
    days = [d for d in view.dates if d.precision == "day" and d.sequel is None and d.on is not None]
    if len({d.on for d in days}) != 1 or len(days) != len(view.dates):
        return False
    rest = text
    for d in sorted(days, key=lambda d: -d.start):
        rest = rest[:d.start - view.start] + " " + rest[d.end - view.start:]
    weekdays = view.tools.lexicon.words["weekdays"]
    return all(w.lower() in weekdays for w in _WORD.findall(rest))


_DAY_HEADING_CHARS = 40


def other_heading(view: SentenceView) -> bool:
    """A line of capitals with no date ("BY THE NUMBERS", "ON OUR RADAR"): a heading that ends a day's section."""
    text = view.text[view.start:view.end].strip()
    return bool(text) and "\n" not in text and len(text) <= _DAY_HEADING_CHARS and not view.dates \
        and text.upper() == text and any(c.isalpha() for c in text)


def day_section_of(view: SentenceView, last: SentenceView | None) -> SentenceView | None:
    """The day heading `view` is under: itself if it is one, None after a heading of another kind, else `last`."""
    if is_day_heading(view):
        return view
    return None if other_heading(view) else last


def heading_of(view: SentenceView, last: SentenceView | None) -> SentenceView | None:
    """The heading whose item `view` belongs to: `last` (the last heading read) when no line break lies between them."""
    if last is None or last.end > view.start or "\n" in view.text[last.end:view.start]:
        return None
    return last


def from_heading(view: SentenceView, d: Draft, drafts: list[Draft]) -> None:
    """A new incident of a heading's item takes the heading's day when its own clause gives none, and the heading's
    first place when its clause gives none (or only a country): before it is compared with the incidents told before,
    so that two items of one list stay apart. The first incident told under a heading is a new item, not one told
    before (a later one of the same item may retell it)."""
    heading = view.heading
    if heading is None:
        _from_day_heading(view, d)
        return
    if not any(t.view.sentence.index > heading.sentence.index for e in drafts for t in e.told):
        d.separate = True
    if d.date is None or d.date.on is None or d.date_is_statement:
        d.date = next(x for x in heading.dates if x.precision == "day" and x.sequel is None)
        d.date_is_statement = False
        d.decisions.append(f"heading: date (sentence {heading.sentence.index})")
    if _country_only(view, d) and d.place_span is None:
        first = next(m for m in heading.mentions if m.place and m.start >= _line_start(heading))
        if d.country is None or d.country == view.country_of(first.place):
            d.place, d.place_text, d.country = first.place, first.text, view.country_of(first.place)
            d.decisions.append(f"heading: place {first.place} (sentence {heading.sentence.index})")


def _from_day_heading(view: SentenceView, d: Draft) -> None:
    """An incident told under a day heading whose own clause gives no date takes the heading's day (not a definite
    mention, which refers back)."""
    section = view.day_section
    if section is None or section is view or d.definite or not (d.date is None or d.date.on is None or d.date_is_statement):
        return  # a definite mention ("the rocket was ...") refers back to an incident told before, dated or not
    d.date = next(x for x in section.dates if x.precision == "day")
    d.date_is_statement = False
    d.decisions.append(f"day_heading: date (sentence {section.sentence.index})")


def _line_start(view: SentenceView) -> int:
    return max(view.text.rfind("\n", view.start, view.end) + 1, view.start)


def _country_only(view: SentenceView, d: Draft) -> bool:
    """The incident is placed at no more than a country (an unknown name written in its clause is a place too)."""
    place = view.tools.reference.places_by_key.get(d.place or "")
    return d.place is None or place is not None and place.kind == "country"
