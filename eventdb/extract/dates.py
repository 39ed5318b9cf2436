"""Resolve date expressions against the publication date, by hand-written rules.

Decisions (documented because analysts will query on them):
- "last Monday" is the most recent Monday strictly before publication (a week back in an
  article published on a Monday);
- a weekday is the most recent such day on or before publication ("Saturday" in an
  article published on Saturday is that same day);
- "yesterday" and "last night" are the day before publication; "overnight" is also the
  day before (the night that began the day before publication), precision day; "overnight into Sunday" is that Sunday;
- "before dawn", "at dawn", "in the early hours" name no day: the publication day, precision day, but only in a
  sentence that names no other date ("before dawn on Saturday" is that Saturday);
- "March last year", "June this year": that month of the year before publication, or of its year;
- "last weekend" is the most recent Saturday-Sunday that ended before the publication
  date, precision week, `on` = that Saturday;
- "April 1" takes the publication year, or the year before if that date would be
  after publication; with no publication date a month and day without a year is unknown;
- "late January 2024", "in January 2020" are month precision; "in 2014" is year;
- "last month", "earlier this month", "last October", "last year" are relative; "in April" or
  "since April" (no day, no year) is the latest April that began on or before publication,
  precision month;
- without a publication date every relative expression stays unresolved
  (`on` None, precision "unknown") but keeps its text; the one exception is a month and
  day without a year ("On November 20"), which takes the year the article itself states
  when it states exactly one (`stated_year`: every full date, "November 20, 2023", and
  every month with a year, "November 2023", in the title or text name that year; a month and year
  after "the", "the January 2020 assassination", names a background event and does not count); with
  two years stated it takes the year of a month-and-year in the headline or of a full date in the lead
  (`year_hint`, never a bare background month in the lead), else it stays unknown;
- a date told from the event last mentioned ("two days later", "the same day", "hours
  later", "the next day", "a week earlier", "the following week") is a `sequel`: its days
  from that event and the precision the phrase carries (day, or week for weeks). The
  extractor resolves it with `resolve_sequels` against the date named before it in the
  same sentence, else the date of the incident talked about last; the precision is the
  coarser of the phrase's and the anchor's, and with no dated anchor it stays unknown; "<the event> came a
  week after <another>" dates the other one a week before the event (week precision).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from eventdb.extract.lexicon import FOLDS_TO_ASCII, Lexicon, PhraseShape, fold, phrase_pattern, phrase_shape, phrase_starts, words_of
from eventdb.extract.numbers import count_value


# Plain, hashed by value, rather than frozen: building frozen dataclasses (each field set through
# object.__setattr__) showed in the per-sentence cost. A value all the same: nothing assigns to one.
@dataclass(unsafe_hash=True)
class DateMention:
    start: int
    end: int
    text: str
    on: dt.date | None
    precision: str  # day, week, month, year, unknown
    sequel: tuple[int, str] | None = None  # days after the event last mentioned, and the phrase's precision


@dataclass(frozen=True)
class _Patterns:
    month_day: re.Pattern[str]
    day_month: re.Pattern[str]
    ordinal_day: re.Pattern[str]  # "the twelfth of January"
    ordinal_days: dict[str, int]
    ordinal_words: frozenset[str]  # the word each ordinal_day match ends its ordinal with ("first"): a prefilter
    month_year: re.Pattern[str]
    last_month_name: re.Pattern[str]
    month_of_year: re.Pattern[str]  # "March last year", "in June this year"
    in_month: re.Pattern[str]
    weekday: re.Pattern[str]
    last_weekday: re.Pattern[str]
    relative: re.Pattern[str]
    year: re.Pattern[str]
    sequel: re.Pattern[str]
    counted_sequel: re.Pattern[str]
    came_after: re.Pattern[str]
    sequel_days: dict[str, tuple[int, str]]
    sequel_backward: frozenset[str]
    months: dict[str, int]
    weekdays: dict[str, int]
    month_words: frozenset[str]  # for `_Present`: words one of which each month pattern leaves whole
    # where month_day and month_year matches begin, lowercased (each begins with a month name or "early", "late",
    # "mid"): for `stated_year` on whole articles, where `_word_starts` of the words present would cost more than it saves
    month_starts: re.Pattern[str]
    weekday_words: frozenset[str]
    # For `_from_starts` (see there): where matches of the other patterns can begin, in lowercased text.
    month_first_words: frozenset[str]  # the first word of a month_day or month_year match, lowercased
    digit_starts: re.Pattern[str]  # day_month
    last_starts: re.Pattern[str]  # last_month_name, last_weekday
    in_month_starts: re.Pattern[str]
    weekday_starts: re.Pattern[str]
    relative_starts: re.Pattern[str]
    sequel_starts: re.Pattern[str]
    sequel_shape: PhraseShape  # the sequel phrases' words, for `_Present`
    way_words: frozenset[str]  # the first words of the directions and verbs that counted sequels need


_RELATIVE = {
    "yesterday": ("day", -1), "last night": ("day", -1), "overnight": ("day", -1), "today": ("day", 0),
    "earlier today": ("day", 0), "this morning": ("day", 0), "this afternoon": ("day", 0), "this evening": ("day", 0),
    "tonight": ("day", 0), "last weekend": ("weekend", 0), "over the weekend": ("weekend", 0), "at the weekend": ("weekend", 0),
    "last week": ("week", -7), "this week": ("week", 0), "earlier this week": ("week", 0),
    "last month": ("month", -1), "earlier this month": ("month", 0), "this month": ("month", 0),
    "last year": ("year", -1), "this year": ("year", 0), "earlier this year": ("year", 0),
    "before dawn": ("day", 0), "at dawn": ("day", 0), "at daybreak": ("day", 0), "in the early hours": ("day", 0),
}
# Times of day that name no day ("struck targets before dawn"): the publication day, but only in a sentence that names no
# other date ("before dawn on Saturday", "In May, ... at dawn": the other date says which day).
_TIME_OF_DAY = frozenset({"before dawn", "at dawn", "at daybreak", "in the early hours"})
_CACHE: dict[int, _Patterns] = {}
_INTO_DAY = re.compile(r"\s+into\s+(?:early\s+|late\s+)?[A-Z]")  # "overnight into Sunday", "overnight into March 3"


_MONTH_PREFIXES = ("early", "late", "mid")  # month_year also takes "midJanuary", one word


def _patterns(lexicon: Lexicon) -> _Patterns:
    cached = _CACHE.get(id(lexicon))
    if cached:
        return cached
    months = {m: i + 1 for i, m in enumerate(lexicon.words["months"])}
    months.update({m: i + 1 for i, m in enumerate(lexicon.words["month_abbreviations"])})
    months.update({m: months[m[:3]] for m in lexicon.words.get("month_variants", ())})  # "sept": as "sep"
    # "12 June", "12 Jun", and the capitals of advisories and military releases ("12 JUN 2024", "13 JUN")
    names = "|".join(sorted({n for m in months for n in (m.capitalize(), m.upper())}, key=len, reverse=True))
    weekdays = {d: i for i, d in enumerate(lexicon.words["weekdays"])}
    wd = "|".join(d.capitalize() for d in weekdays)
    ordinal_days = {fold(w): i + 1 for i, w in enumerate(lexicon.words.get("day_ordinals", ()))}
    ordinals = "|".join(sorted((re.escape(w).replace("\\-", "[- ]") for w in lexicon.words.get("day_ordinals", ())),
                               key=len, reverse=True)) or "(?!x)x"
    rel = "|".join(sorted((re.escape(r) for r in _RELATIVE), key=len, reverse=True))
    month_words = frozenset(m.lower() for m in months) | {pre + m.lower() for pre in _MONTH_PREFIXES for m in months}
    p = _Patterns(
        month_day=re.compile(rf"\b({names})\.? (\d{{1,2}})(?:st|nd|rd|th)?\b(?:,? (\d{{4}})\b)?"),
        day_month=re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? ({names})\b(?:,? (\d{{4}})\b)?"),
        ordinal_day=re.compile(rf"\b[Tt]he ({ordinals})[- ]of ({names})\b(?:,? (\d{{4}})\b)?"),
        ordinal_days=ordinal_days, ordinal_words=frozenset(w.rsplit("-", 1)[-1] for w in ordinal_days),
        month_year=re.compile(rf"\b(?:(?:early|late|mid)[- ]?)?({names}),? (\d{{4}})\b", re.IGNORECASE),
        last_month_name=re.compile(rf"\blast ({names})\b"),
        month_of_year=re.compile(rf"\b({names})(?:,| of)? (last|this) year\b"),
        in_month=re.compile(rf"\b(?:[Ii]n|[Ss]ince) (?:(?:early|late|mid)[- ]?)?({names})\b(?!\.? \d)"),
        weekday=re.compile(rf"\b({wd})(?:['’]s)?\b"),
        last_weekday=re.compile(rf"\b[Ll]ast ({wd})\b"),
        relative=re.compile(rf"\b({rel})\b", re.IGNORECASE),
        year=re.compile(r"\bin (\d{4})\b"),
        sequel=phrase_pattern(_sequel_phrases(lexicon)), counted_sequel=_counted_sequel(lexicon), came_after=_came_after(lexicon),
        sequel_days=_sequel_days(lexicon),
        sequel_backward=frozenset(fold(w) for w in lexicon.words["sequel_backward"]),
        months=months, weekdays=weekdays,
        month_words=month_words,
        weekday_words=frozenset(d.lower() for d in weekdays),
        month_starts=re.compile("|".join(sorted((*_MONTH_PREFIXES, *(m.lower() for m in months)), key=len, reverse=True))),
        month_first_words=month_words | frozenset(_MONTH_PREFIXES),
        digit_starts=re.compile(r"\d"),
        last_starts=re.compile("last "),
        in_month_starts=re.compile("in |since "),
        weekday_starts=re.compile("|".join(d.lower() for d in weekdays)),
        relative_starts=re.compile(rel),
        sequel_starts=phrase_starts(_sequel_phrases(lexicon)),
        sequel_shape=phrase_shape(_sequel_phrases(lexicon)),
        way_words=frozenset(w.split()[0].lower() for name in ("sequel_forward", "sequel_backward", "sequel_came")
                            for w in lexicon.words[name]),
    )
    _CACHE[id(lexicon)] = p
    return p


_SEQUEL_LISTS = {"sequel_same_day": (0, "day"), "sequel_next_day": (1, "day"), "sequel_day_before": (-1, "day"),
                 "sequel_next_week": (7, "week"), "sequel_week_before": (-7, "week")}


def _sequel_phrases(lexicon: Lexicon) -> tuple[str, ...]:
    return tuple(p for name in _SEQUEL_LISTS for p in lexicon.words[name])


def _sequel_days(lexicon: Lexicon) -> dict[str, tuple[int, str]]:
    return {fold(p): v for name, v in _SEQUEL_LISTS.items() for p in lexicon.words[name]}


def _counted_sequel(lexicon: Lexicon) -> re.Pattern[str]:
    """ "two days later", "3 weeks earlier": a count, a unit, a direction."""
    way = "|".join(re.escape(w) for w in (*lexicon.words["sequel_forward"], *lexicon.words["sequel_backward"]))
    return re.compile(rf"\b(\d{{1,2}}|[a-z]+(?:-[a-z]+)?) (days?|weeks?) ({way})\b", re.IGNORECASE)


def _came_after(lexicon: Lexicon) -> re.Pattern[str]:
    """ "came a week after", "happened two days before": the event named next, counted back (or on) from this one."""
    verbs = "|".join(re.escape(w) for w in lexicon.words["sequel_came"])
    return re.compile(rf"\b(?:{verbs})\s+(?:just\s+|only\s+)?(\d{{1,2}}|[a-z]+(?:-[a-z]+)?) (days?|weeks?) (after|before)\b",
                      re.IGNORECASE)


_THE = re.compile("the ")  # where an ordinal_day match begins, lowercased
_ATTRIBUTIVE = re.compile(r"\b(?:the|a|an|its|their)\s+$", re.IGNORECASE)  # "the January 2020 assassination": background


def filing_date(text: str, line, lexicon: Lexicon, year: int | None) -> dt.date | None:
    """The day a dateline names ("BAGHDAD, March 3, 2024 (Reuters) -"; "Jan 29" with the year the article states):
    the filing date, which stands in for the publication date of an article that has none (`layout.dateline`)."""
    if line is None or line.date_start is None:
        return None
    found = find_dates(text, line.date_start, line.date_end, None, lexicon, year)
    return found[0].on if found and found[0].precision == "day" else None


def stated_year(text: str, lexicon: Lexicon) -> int | None:
    """The one year the article states in full dates and months with a year, None when it states none or several."""
    p = _patterns(lexicon)
    lowered = text.lower() if FOLDS_TO_ASCII.search(text) is None else None
    years = {m.group(3) for m in _from_starts(p.month_starts, p.month_day, text, 0, len(text), lowered) if m.group(3)}
    years |= {m.group(3) for m in p.day_month.finditer(text) if m.group(3)}
    years |= {m.group(2) for m in _from_starts(p.month_starts, p.month_year, text, 0, len(text), lowered)
              if not _ATTRIBUTIVE.search(text, max(0, m.start() - 4), m.start())}
    return int(years.pop()) if len(years) == 1 else None


def find_dates(text: str, start: int, end: int, published: dt.date | None, lexicon: Lexicon,
               year: int | None = None, words: frozenset[str] | None = None, lowered: str | None = None) -> list[DateMention]:
    """All date expressions in text[start:end], resolved where the publication date allows (`year`: the one the
    article states, for a month and day without a year when there is no publication date; `words`: `words_of`
    that stretch if the caller has it, as SentenceView does; `lowered`: the stretch lowercased, likewise)."""
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
    words = words if words is not None else words_of(chunk)
    near = _Present(chunk, p, words, lowered)
    if near.sequel or near.counted:
        for s, e, days in _sequels(p, text, start, end, near.sequel, near.counted, near.lowered if words is not None else None):
            taken.append((s, e))
            found.append(DateMention(s, e, text[s:e], None, "unknown", days))
    stated = year if published is None else None
    lowered = near.lowered if words is not None else None  # None: see `_from_starts`
    if near.month:
        month_starts = _word_starts(p.month_first_words & words) if words is not None else p.month_starts
        for m in _from_starts(month_starts, p.month_day, text, start, end, lowered):
            add(m, _day_of(int(m.group(3)) if m.group(3) else stated, p.months[_key(m.group(1))], int(m.group(2)), published), "day")
        ordinal = words is None or not p.ordinal_words.isdisjoint(words)  # "the twelfth of January" holds "twelfth"
        for m in _from_starts(_THE, p.ordinal_day, text, start, end, lowered) if ordinal else ():
            add(m, _day_of(int(m.group(3)) if m.group(3) else stated, p.months[_key(m.group(2))],
                           p.ordinal_days[fold(m.group(1))], published), "day")
        for m in _from_starts(p.digit_starts, p.day_month, text, start, end, lowered):
            add(m, _day_of(int(m.group(3)) if m.group(3) else stated, p.months[_key(m.group(2))], int(m.group(1)), published), "day")
        for m in _from_starts(month_starts, p.month_of_year, text, start, end, lowered):
            add(m, _month_of_year(p.months[_key(m.group(1))], m.group(2), published), "month")
        for m in _from_starts(month_starts, p.month_year, text, start, end, lowered):
            add(m, _safe(int(m.group(2)), p.months[_key(m.group(1))], 1), "month")
        for m in _from_starts(p.last_starts, p.last_month_name, text, start, end, lowered):
            add(m, _last_named_month(p.months[_key(m.group(1))], published), "month")
        for m in _from_starts(p.in_month_starts, p.in_month, text, start, end, lowered):
            add(m, _latest_month(p.months[_key(m.group(1))], published), "month")
    if near.relative:
        for m in _from_starts(p.relative_starts, p.relative, text, start, end, lowered):
            if _INTO_DAY.match(text, m.end(), end):
                continue  # "overnight into Sunday": the day named next is the one
            on, precision = _relative(m.group(1).lower(), published)
            add(m, on, precision)
    if near.weekday:
        for m in _from_starts(p.last_starts, p.last_weekday, text, start, end, lowered):
            add(m, _last_weekday(p.weekdays[_key(m.group(1))], published), "day")
        for m in _from_starts(p.weekday_starts, p.weekday, text, start, end, lowered):
            add(m, _weekday(p.weekdays[_key(m.group(1))], published), "day")
    for m in _years(text, start, end) if near.year else ():
        year = int(m.group(1))
        if 1900 < year < 2100:
            add(m, dt.date(year, 1, 1), "year")
    if any(d.text.lower() in _TIME_OF_DAY for d in found) and any(d.text.lower() not in _TIME_OF_DAY for d in found):
        found = [d for d in found if d.text.lower() not in _TIME_OF_DAY]  # "before dawn on Saturday": Saturday says which day
    return sorted(found, key=lambda d: d.start)


def _sequels(p: _Patterns, text: str, start: int, end: int, phrases: bool = True, unit: bool = True,
             lowered: str | None = None) -> list[tuple[int, int, tuple[int, str]]]:
    """Spans of dates told from the event before, with their days from it and precision (`phrases`: False when
    no sequel phrase can be in the stretch; `unit`: False when no counted sequel can be, see `_Present`: those
    scans are skipped; `lowered`: see `_from_starts`)."""
    out = []
    for m in _from_starts(p.sequel_starts, p.sequel, text, start, end, lowered) if phrases else ():
        out.append((m.start(), m.end(), p.sequel_days[fold(m.group(0))]))
    if not unit:
        return out
    for m in p.counted_sequel.finditer(text, start, end):
        n = _count(m.group(1))
        if n is None or any(s < m.end() and m.start() < e for s, e, _ in out):
            continue
        week = m.group(2).lower().startswith("week")
        sign = -1 if fold(m.group(3)) in p.sequel_backward else 1
        out.append((m.start(), m.end(), (sign * n * (7 if week else 1), "week" if week else "day")))
    for m in p.came_after.finditer(text, start, end):
        n = _count(m.group(1))
        if n is None or any(s < m.end() and m.start(1) < e for s, e, _ in out):
            continue
        week = m.group(2).lower().startswith("week")
        sign = -1 if m.group(3).lower() == "after" else 1
        out.append((m.start(1), m.end(), (sign * n * (7 if week else 1), "week" if week else "day")))
    return out


def _from_starts(starts: re.Pattern[str], pattern: re.Pattern[str], text: str, start: int, end: int,
                 lowered: str | None) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text, start, end)`, given `lowered` (text[start:end] lowercased, None when it holds a
    character of `FOLDS_TO_ASCII`: then the plain scan), for a date pattern that begins by rejecting a word
    character before it (\\b before a letter or digit, or phrase_pattern's lookbehind).

    Those patterns try a lookbehind and an alternation at every character, which made them slow. `starts`
    is a plain pattern (literals or a character set, which `re` finds by jumping to their first characters)
    that matches `lowered` wherever a match of `pattern` begins in `text`: only there is the pattern tried,
    from the left, going on after each match as `finditer` does. Without the characters of `FOLDS_TO_ASCII`,
    lowercasing keeps the length, keeps digits, spaces and punctuation, and turns a letter that matches an
    ASCII letter case-insensitively into that letter, so no such place is missed."""
    if lowered is None:
        yield from pattern.finditer(text, start, end)
        return
    pos = 0
    while (hit := starts.search(lowered, pos)) is not None:
        at = start + hit.start()
        # No match begins right after a word character (the pattern would reject it itself; this is quicker).
        m = None if at and (text[at - 1].isalnum() or text[at - 1] == "_") else pattern.match(text, at, end)
        if m is None:
            pos = hit.start() + 1
        else:
            yield m
            pos = m.end() - start


@lru_cache(maxsize=512)
def _word_starts(words: frozenset[str]) -> re.Pattern[str]:
    """A plain pattern for any of `words` (lowercase), for `_from_starts`: made once per set of words."""
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)) or "(?!x)x")


_IN_YEAR = re.compile(r"in (\d{4})\b")  # `_Patterns.year` but for its \b in front, which `_years` tests


def _years(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """`_Patterns.year.finditer(text, start, end)` ("in 2014"), faster: without the leading \\b the pattern begins
    with a literal, which `re` finds by a quick string search. The \\b (no word character before "in") is tested
    on each match; where it fails, no other match can begin inside that one ("n 2014" holds no "in ")."""
    for m in _IN_YEAR.finditer(text, start, end):
        at = m.start()
        if not (at and (text[at - 1].isalnum() or text[at - 1] == "_")):
            yield m


def _count(word: str) -> int | None:
    """ "two", "14", and "a"/"an" as one ("a week after")."""
    return 1 if word.lower() in ("a", "an") else count_value(word)


# The stamp line under a post quoted from X or Telegram: "23:34 · 21 Oct 2024 · 41.2K views", "11:58 PM · Oct 21, 2024".
_POST_STAMP = re.compile(r"^[ \t]*\d{1,2}[:.]\d{2}(?:[ \t]*[AaPp]\.?[Mm]\.?)?[ \t]*[·•][ \t]*([^\n·•]+)", re.MULTILINE)
_POST_REACH = 400
_DAY_RELATIVE = frozenset(p for p, (unit, _) in _RELATIVE.items() if unit == "day")


def post_relative(dates: list[DateMention]) -> bool:
    """Whether a sentence's dates count a day from the day it was written ("tonight", "this morning")."""
    return any(d.text.lower() in _DAY_RELATIVE for d in dates)


def post_day(text: str, end: int, published: dt.date | None, lexicon: Lexicon) -> dt.date | None:
    """The day a quoted post was written, when the sentence ending at `end` is in one: the full date of the stamp line
    that closes its paragraph ("... attacked, tonight, a military target ...\n23:34 · 21 Oct 2024"), so that its
    "tonight" and "today" count from that day, not from publication. None with no such line, or a stamp after
    publication."""
    stop = text.find("\n\n", end, end + _POST_REACH)
    m = _POST_STAMP.search(text, end, stop if stop != -1 else min(len(text), end + _POST_REACH))
    if m is None:
        return None
    day = next((d.on for d in find_dates(text, m.start(1), m.end(1), None, lexicon) if d.precision == "day" and d.on), None)
    return day if day is not None and (published is None or day <= published) else None


def resolve_sequels(dates: list[DateMention], last_event: DateMention | None) -> list[DateMention]:
    """Dates told from the event before ("two days later"), resolved against the date named before them in the
    sentence, else against `last_event` (the date of the incident talked about last); unknown without one."""
    if not any(d.sequel for d in dates):
        return dates
    out = []
    anchor = last_event
    for d in dates:
        if d.sequel:
            d = _from_anchor(d, anchor)
        if d.on is not None and d.precision != "year":
            anchor = d
        out.append(d)
    return out


_GRAIN = ("day", "week", "month", "year")


def _from_anchor(d: DateMention, anchor: DateMention | None) -> DateMention:
    if anchor is None or anchor.on is None or anchor.precision not in _GRAIN or d.sequel is None:
        return d
    days, precision = d.sequel
    grain = max(precision, anchor.precision, key=_GRAIN.index)
    if grain not in ("day", "week"):
        return d  # "two days later" than "in January" says no more than the anchor: left unknown
    return DateMention(d.start, d.end, d.text, anchor.on + dt.timedelta(days=days), grain, d.sequel)


# Case-insensitive matching equates these with ASCII letters ("ſeptember" matches September),
# so lookups of the matched word must fold them too.
_ASCII_FOLDS = str.maketrans({"\u017f": "s", "\u212a": "k", "\u0130": "i", "\u0131": "i"})


def _key(word: str) -> str:
    """The lookup key of a matched month or weekday name."""
    return word.translate(_ASCII_FOLDS).lower()


class _Present:
    """Which kinds of date words text[start:end] contains at all, so that scans which cannot match
    are skipped: every pattern fences its month name, weekday or relative phrase with word
    boundaries, spaces or punctuation, so a match makes one of its words a whole word of the text
    (a month name, or "midjanuary" for month_year; a weekday; every word of a relative or sequel phrase,
    see `phrase_shape`); "in " for years. A counted sequel ("two days later", "came a week after") makes
    its unit ("day(s)", "week(s)", between spaces) and the first word of its direction or verb (after a
    space or boundary, before a space or boundary) whole words. `words` None (see `words_of`): everything
    counts as present."""

    def __init__(self, chunk: str, p: _Patterns, words: frozenset[str] | None, lowered: str | None = None) -> None:
        unsure = words is None
        self.month = unsure or not p.month_words.isdisjoint(words)
        self.relative = unsure or _RELATIVE_SHAPE.may_match(words)
        self.weekday = unsure or not p.weekday_words.isdisjoint(words)
        self.lowered = lowered = chunk.lower() if lowered is None else lowered
        self.year = "in " in lowered  # "in " in the chunk, lowercased or not
        self.sequel = unsure or p.sequel_shape.may_match(words)
        self.counted = unsure or (not _UNIT_WORDS.isdisjoint(words) and not p.way_words.isdisjoint(words))


_UNIT_WORDS = frozenset({"day", "days", "week", "weeks"})
_RELATIVE_SHAPE = phrase_shape(tuple(_RELATIVE))


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


def _last_weekday(weekday: int, published: dt.date | None) -> dt.date | None:
    """ "Last Monday": the most recent Monday before publication, a week back when published on a Monday."""
    if published is None:
        return None
    return published - dt.timedelta(days=(published.weekday() - weekday - 1) % 7 + 1)


def _last_named_month(month: int, published: dt.date | None) -> dt.date | None:
    if published is None:
        return None
    year = published.year if month < published.month else published.year - 1
    return dt.date(year, month, 1)


def _month_of_year(month: int, which: str, published: dt.date | None) -> dt.date | None:
    """ "March last year": that month of the year before publication; "June this year": of the publication year."""
    if published is None:
        return None
    return dt.date(published.year - (1 if which == "last" else 0), month, 1)


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


_STATED_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b(?!\s+[a-z]+s\b|[,.]?\d)")  # "in 2019", "January 2024"; not "2000 rockets"


def running_years(text: str) -> list[tuple[int, int]]:
    """(offset, year) of every year an article states, in order: for `year_before`."""
    return [(m.start(), int(m.group(1))) for m in _STATED_YEAR.finditer(text)]


_THAT_YEAR = re.compile(r"\b(?:of|in)\s+(?:that|the\s+same)\s+year\b", re.IGNORECASE)


def year_before(years: list[tuple[int, int]], text: str, pos: int, end: int, lexicon: Lexicon | None = None) -> int | None:
    """The year that "of that year" in text[pos:end] points back to, in an undated article that states several years
    ("The template was set in 2019. On December 27 of that year, ..."): the one stated last before `pos` in the same
    paragraph. None when the stretch says no such thing or the paragraph states no year before it (a bare "on November
    20" after a sentence about another year stays undated), unless the article gave that very day with its year
    before (`_same_day_before`: "2.2 13 JUN 2024, 0215 UTC ... 2.4 Late on 13 JUN the Houthis claimed")."""
    if _THAT_YEAR.search(text, pos, end) is None:
        if lexicon is None:
            return None
        same_day = _same_day_before(text, pos, end, lexicon)
        return same_day if same_day is not None else _same_month_before(text, pos, end, lexicon)
    last = None
    for at, year in years:
        if at >= pos:
            break
        last = (at, year)
    if last is None or text.find("\n\n", last[0], pos) != -1:
        return None
    return last[1]


def _bare_days(p: _Patterns, text: str, pos: int, end: int) -> set[tuple[int, int]]:
    """(month, day) of every day and month that text[pos:end] names without a year."""
    bare = {(p.months[_key(m.group(2))], int(m.group(1))) for m in p.day_month.finditer(text, pos, end) if not m.group(3)}
    bare |= {(p.months[_key(m.group(1))], int(m.group(2))) for m in p.month_day.finditer(text, pos, end) if not m.group(3)}
    return bare


def _same_month_before(text: str, pos: int, end: int, lexicon: Lexicon) -> int | None:
    """The year of a day and month that text[pos:end] names without one ("January 28", "February 7") when the month with
    a year named last before it in the same paragraph is that month or one or two before it in the same year ("between
    October 2023 and the end of January 2024"): the story goes on from there. None otherwise (an earlier month, or one
    more than two months before, may be another year's)."""
    p = _patterns(lexicon)
    bare = {month for month, _ in _bare_days(p, text, pos, end)}
    if not bare:
        return None
    para = text.rfind("\n\n", 0, pos) + 1
    last = None
    for m in p.month_year.finditer(text, para, pos):
        if not _ATTRIBUTIVE.search(text, max(0, m.start() - 4), m.start()):
            last = m  # "the January 2020 assassination" names a background event, not the time the story is at
    if last is None:
        return None
    month = p.months[_key(last.group(1))]
    return int(last.group(2)) if all(month <= b <= month + _MONTHS_ON for b in bare) else None


_MONTHS_ON = 2


def _same_day_before(text: str, pos: int, end: int, lexicon: Lexicon) -> int | None:
    """The year of a day and month that text[pos:end] names without one ("13 JUN", "June 13") when the article named
    the same day and month with a year before `pos` ("13 JUN 2024"): a list of dated items told again without the year.
    None when the stretch names no such day or the article gave it with several years."""
    p = _patterns(lexicon)
    bare = _bare_days(p, text, pos, end)
    if not bare:
        return None
    years = {int(m.group(3)) for m in p.day_month.finditer(text, 0, pos)
             if m.group(3) and (p.months[_key(m.group(2))], int(m.group(1))) in bare}
    years |= {int(m.group(3)) for m in p.month_day.finditer(text, 0, pos)
              if m.group(3) and (p.months[_key(m.group(1))], int(m.group(2))) in bare}
    return years.pop() if len(years) == 1 else None
