"""Resolve date expressions against the publication date, by hand-written rules.

Decisions (documented because analysts will query on them):
- a weekday is the most recent such day on or before publication ("Saturday" in an
  article published on Saturday is that same day);
- "yesterday" and "last night" are the day before publication; "overnight" is also the
  day before (the night that began the day before publication), precision day;
- "last weekend" is the most recent Saturday-Sunday that ended before the publication
  date, precision week, `on` = that Saturday;
- "April 1" takes the publication year, or the year before if that date would be
  after publication; with no publication date a month and day without a year is unknown;
- "late January 2024", "in January 2020" are month precision; "in 2014" is year;
- "last month", "earlier this month", "last October", "last year" are relative; "in April" or
  "since April" (no day, no year) is the latest April that began on or before publication,
  precision month;
- without a publication date every relative expression stays unresolved
  (`on` None, precision "unknown") but keeps its text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from eventdb.extract.lexicon import Lexicon, words_of


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    on: dt.date | None
    precision: str  # day, week, month, year, unknown


@dataclass(frozen=True)
class _Patterns:
    month_day: re.Pattern[str]
    day_month: re.Pattern[str]
    month_year: re.Pattern[str]
    last_month_name: re.Pattern[str]
    in_month: re.Pattern[str]
    weekday: re.Pattern[str]
    relative: re.Pattern[str]
    year: re.Pattern[str]
    months: dict[str, int]
    weekdays: dict[str, int]
    month_words: frozenset[str]  # for `_Present`: words one of which each month pattern leaves whole
    weekday_words: frozenset[str]


_RELATIVE = {
    "yesterday": ("day", -1), "last night": ("day", -1), "overnight": ("day", -1), "today": ("day", 0),
    "earlier today": ("day", 0), "this morning": ("day", 0), "this afternoon": ("day", 0), "this evening": ("day", 0),
    "tonight": ("day", 0), "last weekend": ("weekend", 0), "over the weekend": ("weekend", 0), "at the weekend": ("weekend", 0),
    "last week": ("week", -7), "this week": ("week", 0), "earlier this week": ("week", 0),
    "last month": ("month", -1), "earlier this month": ("month", 0), "this month": ("month", 0),
    "last year": ("year", -1), "this year": ("year", 0), "earlier this year": ("year", 0),
}
_CACHE: dict[int, _Patterns] = {}


# The longest word of each relative phrase ("night" of "last night"): a match leaves it a whole word.
_RELATIVE_WORDS = frozenset(max(phrase.split(), key=len) for phrase in _RELATIVE)
_MONTH_PREFIXES = ("early", "late", "mid")  # month_year also takes "midJanuary", one word


def _patterns(lexicon: Lexicon) -> _Patterns:
    cached = _CACHE.get(id(lexicon))
    if cached:
        return cached
    months = {m: i + 1 for i, m in enumerate(lexicon.words["months"])}
    months.update({m: i + 1 for i, m in enumerate(lexicon.words["month_abbreviations"])})
    names = "|".join(sorted((m.capitalize() for m in months), key=len, reverse=True))
    weekdays = {d: i for i, d in enumerate(lexicon.words["weekdays"])}
    wd = "|".join(d.capitalize() for d in weekdays)
    rel = "|".join(sorted((re.escape(r) for r in _RELATIVE), key=len, reverse=True))
    p = _Patterns(
        month_day=re.compile(rf"\b({names})\.? (\d{{1,2}})(?:st|nd|rd|th)?\b(?:,? (\d{{4}})\b)?"),
        day_month=re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? ({names})\b(?:,? (\d{{4}})\b)?"),
        month_year=re.compile(rf"\b(?:(?:early|late|mid)[- ]?)?({names}),? (\d{{4}})\b", re.IGNORECASE),
        last_month_name=re.compile(rf"\blast ({names})\b"),
        in_month=re.compile(rf"\b(?:[Ii]n|[Ss]ince) (?:(?:early|late|mid)[- ]?)?({names})\b(?!\.? \d)"),
        weekday=re.compile(rf"\b({wd})(?:['’]s)?\b"),
        relative=re.compile(rf"\b({rel})\b", re.IGNORECASE),
        year=re.compile(r"\bin (\d{4})\b"),
        months=months, weekdays=weekdays,
        month_words=frozenset(m.lower() for m in months) | {pre + m.lower() for pre in _MONTH_PREFIXES for m in months},
        weekday_words=frozenset(d.lower() for d in weekdays),
    )
    _CACHE[id(lexicon)] = p
    return p


def find_dates(text: str, start: int, end: int, published: dt.date | None, lexicon: Lexicon,
               words: frozenset[str] | None = None) -> list[DateMention]:
    """All date expressions in text[start:end], resolved where the publication date allows.
    `words`: `words_of` that stretch if the caller has it (SentenceView does)."""
    p = _patterns(lexicon)
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match[str], on: dt.date | None, precision: str) -> None:
        s, e = m.span()
        if any(s < te and ts < e for ts, te in taken):
            return
        taken.append((s, e))
        found.append(DateMention(s, e, m.group(0), on, precision if on else "unknown"))

    chunk = text[start:end]
    near = _Present(chunk, p, words if words is not None else words_of(chunk))
    for m in _scan(p.month_day, text, start, end, near.month):
        add(m, _day_of(int(m.group(3)) if m.group(3) else None, p.months[m.group(1).lower()], int(m.group(2)), published), "day")
    for m in _scan(p.day_month, text, start, end, near.month):
        add(m, _day_of(int(m.group(3)) if m.group(3) else None, p.months[m.group(2).lower()], int(m.group(1)), published), "day")
    for m in _scan(p.month_year, text, start, end, near.month):
        add(m, _safe(int(m.group(2)), p.months[m.group(1).lower()], 1), "month")
    for m in _scan(p.last_month_name, text, start, end, near.month):
        add(m, _last_named_month(p.months[m.group(1).lower()], published), "month")
    for m in _scan(p.in_month, text, start, end, near.month):
        add(m, _latest_month(p.months[m.group(1).lower()], published), "month")
    for m in _scan(p.relative, text, start, end, near.relative):
        on, precision = _relative(m.group(1).lower(), published)
        add(m, on, precision)
    for m in _scan(p.weekday, text, start, end, near.weekday):
        add(m, _weekday(p.weekdays[m.group(1).lower()], published), "day")
    for m in _scan(p.year, text, start, end, near.year):
        year = int(m.group(1))
        if 1900 < year < 2100:
            add(m, dt.date(year, 1, 1), "year")
    return sorted(found, key=lambda d: d.start)


class _Present:
    """Which kinds of date words text[start:end] contains at all, so that scans which cannot match
    are skipped: every pattern fences its month name, weekday or relative phrase with word
    boundaries, spaces or punctuation, so a match makes one of its words a whole word of the text
    (a month name, or "midjanuary" for month_year; a weekday; the longest word of a relative
    phrase); "in " for years. `words` None (see `words_of`): everything counts as present."""

    def __init__(self, chunk: str, p: _Patterns, words: frozenset[str] | None) -> None:
        unsure = words is None
        self.month = unsure or not p.month_words.isdisjoint(words)
        self.relative = unsure or not _RELATIVE_WORDS.isdisjoint(words)
        self.weekday = unsure or not p.weekday_words.isdisjoint(words)
        self.year = "in " in chunk


def _scan(pattern: re.Pattern[str], text: str, start: int, end: int, needed: bool) -> Iterable[re.Match[str]]:
    return pattern.finditer(text, start, end) if needed else ()


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _day_of(year: int | None, month: int, day: int, published: dt.date | None) -> dt.date | None:
    if year is not None:
        return _safe(year, month, day)
    if published is None:
        return None
    on = _safe(published.year, month, day)
    if on and on > published:
        on = _safe(published.year - 1, month, day)
    return on


def _weekday(weekday: int, published: dt.date | None) -> dt.date | None:
    if published is None:
        return None
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)


def _last_named_month(month: int, published: dt.date | None) -> dt.date | None:
    if published is None:
        return None
    year = published.year if month < published.month else published.year - 1
    return dt.date(year, month, 1)


def _latest_month(month: int, published: dt.date | None) -> dt.date | None:
    """ "In April": the latest April that began on or before publication (this year's, or last year's when still ahead)."""
    if published is None:
        return None
    year = published.year if month <= published.month else published.year - 1
    return dt.date(year, month, 1)


def year_hint(text: str, lexicon: Lexicon, head: int = 400) -> int | None:
    """The year an undated article is about: a month with a year in its headline ("Monthly Brief: November 2023"), or
    a full date in its first `head` characters ("On January 15, 2024, ..."); None if there is none. (A month and year
    in the lead may be background, "the January 2020 assassination", so only the headline's counts.)"""
    p = _patterns(lexicon)
    first_line = text.lstrip().split("\n", 1)[0]
    offset = text.find(first_line)
    found = [m for m in (p.month_year.search(text, offset, offset + len(first_line)), p.month_day.search(text, 0, head))
             if m and m.group(m.re.groups)]
    if not found:
        return None
    first = min(found, key=lambda m: m.start())
    return int(first.group(first.re.groups))


def with_year(dates: list[DateMention], year: int, lexicon: Lexicon) -> list[DateMention]:
    """ "on November 1" in an undated article about November 2023: the day in the article's year, precision day."""
    p = _patterns(lexicon)
    out = []
    for d in dates:
        m = None if d.on else (p.month_day.fullmatch(d.text) or p.day_month.fullmatch(d.text))
        if m and m.re is p.month_day and not m.group(3):
            d = DateMention(d.start, d.end, d.text, _safe(year, p.months[m.group(1).lower()], int(m.group(2))), "day")
        elif m and m.re is p.day_month and not m.group(3):
            d = DateMention(d.start, d.end, d.text, _safe(year, p.months[m.group(2).lower()], int(m.group(1))), "day")
        out.append(d if d.on else DateMention(d.start, d.end, d.text, None, "unknown"))
    return out


_AFTER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_RELATIVE_TO_PREVIOUS = re.compile(
    r"\b(?:(?P<same>(?:hours|minutes|shortly|moments|later)\s+later|later\s+that\s+(?:day|night|evening)|"
    r"(?:the|that)\s+same\s+(?:day|night|evening)|that\s+(?:evening|night))|"
    r"(?P<next>the\s+(?:next|following)\s+day)|(?P<n>\d|a|one|two|three|four|five|six|seven)\s+days?\s+later)\b",
    re.IGNORECASE)


# Every _RELATIVE_TO_PREVIOUS match holds one of these as a whole word: a stretch with none of them is not scanned.
_RELATIVE_TO_PREVIOUS_WORDS = frozenset({"later", "same", "evening", "night", "next", "following"})


def relative_to_previous(text: str, start: int, end: int, anchor: dt.date,
                         words: frozenset[str] | None = None) -> list[DateMention]:
    """ "Hours later", "the same day", "two days later", "the next day": days counted from the date of the incident the
    article reported last (`anchor`), precision day. `words`: `words_of` that stretch if the caller has it."""
    out = []
    if words is not None and _RELATIVE_TO_PREVIOUS_WORDS.isdisjoint(words):
        return out
    for m in _RELATIVE_TO_PREVIOUS.finditer(text, start, end):
        if m.group("same"):
            days = 0
        elif m.group("next"):
            days = 1
        else:
            n = m.group("n").lower()
            days = int(n) if n.isdigit() else _AFTER_WORDS[n]
        out.append(DateMention(m.start(), m.end(), m.group(0), anchor + dt.timedelta(days=days), "day"))
    return out


def month_start(on: dt.date, delta: int) -> dt.date:
    """First day of the month `delta` months from `on`'s month."""
    index = on.year * 12 + on.month - 1 + delta
    return dt.date(index // 12, index % 12 + 1, 1)


def _relative(phrase: str, published: dt.date | None) -> tuple[dt.date | None, str]:
    unit, delta = _RELATIVE[phrase]
    if published is None:
        return None, "unknown"
    if unit == "day":
        return published + dt.timedelta(days=delta), "day"
    if unit == "weekend":
        last_sunday = published - dt.timedelta(days=(published.weekday() - 6) % 7 or 7)
        return last_sunday - dt.timedelta(days=1), "week"
    if unit == "week":
        monday = published - dt.timedelta(days=published.weekday())
        return monday + dt.timedelta(days=delta), "week"
    if unit == "month":
        return month_start(published, delta), "month"
    return dt.date(published.year + delta, 1, 1), "year"
