"""How an article's text is laid out: its headline, its dateline, the lines that are no part of the story, and its
sentences (an elided quotation or a line that ends with a stop or a colon is taken into account).

Decisions:
- a dateline ("BEIRUT, Jan 29 (Reuters) - ", "TAMPA, Fla. - ", "BAGHDAD (Wire) — ") opening a line of the lead says
  where and when the story was filed: its place and date are no incident's, so the sentence starts after it; its date
  stands in for the publication date of an article that has none (`filing_date` in `dates`);
- a live blog's time stamp opening a line ("09:40 — ", "08:05 ") is no count and no date: the sentence starts after it;
- lines that wrap the story rather than tell it ("Related: ...", "(Reporting by ...)", photo captions and credits,
  cookie and newsletter notices, "Updated 14:32 GMT") make no sentence, so they create no incident, date or place.
  Their openers and credit marks are word lists in lexicon.toml (`boilerplate_openers`, `caption_credits`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventdb.extract.lexicon import Lexicon
from eventdb.extract.sentences import Sentence, sentence_spans



_ELISION = re.compile(r"(?<![.!?\s])[\s,;:]*(?:\.\s){2}\.$|(?<![.!?\s])[\s,;:]*…$")
# How every _ELISION match ends: tested on the last characters first, since searching a whole sentence is slow.
_ELISION_END = re.compile(r"(?:\.\s\.\s\.|…)\n?\Z")


def _ends_with_elision(text: str) -> bool:
    return _ELISION_END.search(text, max(0, len(text) - 6)) is not None and _ELISION.search(text) is not None


# a closing quote may end a headline when no stop stands before it ('... Threatens "New Phase"'; not '... strike."')
_HEADLINE = re.compile(r"[ \t]*(?P<line>[^\n]*[^\s.!?:;,”\"][”\"]?)[ \t]*\n\s*\S")
_HEADLINE_MAX_WORDS = 20


def headline_end(text: str) -> int:
    """End of a headline: a short first line without a final stop, followed by the body (with the standfirst on the line
    right under it, when that has no stop either); 0 when there is none."""
    m = _HEADLINE.match(text)
    if not m or len(m.group("line").split()) > _HEADLINE_MAX_WORDS:
        return 0
    below = text.find("\n", m.end("line")) + 1
    dek = _HEADLINE.match(text, below)  # a standfirst right under it, a line of its own with no stop either
    if dek and len(dek.group("line").split()) <= _DEK_MAX_WORDS:
        return dek.end("line")  # "Jets hit missile sites in three provinces, the first time Israel has openly attacked Iran"
    return m.end("line")


_DEK_MAX_WORDS = 35


def article_sentences(text: str, headline: int = 0, lexicon: Lexicon | None = None) -> list[Sentence]:
    """Sentences, with an elision mark inside a sentence ("Since November 2023, . . . militias") not taken as its end;
    with a lexicon, a dateline or time stamp opening a sentence is cut off and boilerplate lines are dropped.
    The passes below hand on (start, end) pairs: only the final sentences are built (each copies its text)."""
    out: list[Sentence] = []
    glue = title = False
    spans = _at_line_ends(text, _split_at(text, sentence_spans(text), headline))
    if lexicon is not None:
        spans = _story_only(text, spans, headline, lexicon)
    for start, end in spans:
        if glue and out or title and out and "\n" not in text[out[-1].end:start]:
            start = out.pop().start
        s = Sentence(len(out), start, end, text[start:end])
        out.append(s)
        glue = _ends_with_elision(s.text)
        title = lexicon is not None and _ends_with_title(s.text, lexicon)
    return out


def _ends_with_title(sentence: str, lexicon: Lexicon) -> bool:
    """ "Maj. Gen. Pat Ryder said", "MS. SINGH: ...": a rank or title abbreviation (`name_titles`) ends no sentence,
    whatever its case."""
    words = sentence.rsplit(None, 2)
    return any(lexicon.is_a("name_titles", " ".join(words[-n:]).title()) for n in (1, 2) if len(words) >= n) \
        and sentence.endswith(".")


def _split_at(text: str, spans: list[tuple[int, int]], cut: int) -> list[tuple[int, int]]:
    """The sentence that runs over `cut` (a headline's end) becomes two."""
    if not cut:
        return spans
    out = []
    for start, end in spans:
        if start < cut < end:
            body = cut + len(text[cut:end]) - len(text[cut:end].lstrip())
            out.append((start, cut))
            out.append((body, end))
        else:
            out.append((start, end))
    return out


_LINE_END = re.compile(r"(?<=[.!?:”\"])[ \t]*\n\s*")


def _at_line_ends(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A line that ends with a stop or a colon ends its sentence ("... these groups:\nSince November");
    trailing spaces are trimmed and empty pieces dropped."""
    out = []
    for start, end in spans:
        cuts = [start, end] if text.find("\n", start, end) == -1 else \
            [start] + [m.end() for m in _LINE_END.finditer(text, start, end)] + [end]
        for a, b in zip(cuts, cuts[1:]):
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a:
                out.append((a, b))
    return out


@dataclass(frozen=True)
class Dateline:
    """ "BEIRUT, Jan 29 (Reuters) - ": where the story was filed, and when (the date's offsets, None without one)."""

    start: int
    end: int  # where the story's first sentence starts
    place: str
    date_start: int | None = None
    date_end: int | None = None


_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DASH = r"[ \t]+[-\u2013\u2014]+[ \t]+"
# A city in capitals (several joined by "/"), an optional region ("Fla.", "Kurdistan Region"), an optional date and an
# optional agency in brackets, then a dash. A city written in mixed case counts only with an agency ("Baghdad (AFP) -").
_DATELINE = re.compile(
    rf"(?P<place>[A-Z][A-Z'’.-]+(?:[ /][A-Z][A-Z'’.-]+){{0,3}})"
    rf"(?:,[ \t]+(?!{_MONTH}[ \t]+\d)[A-Z][\w.]*(?:[ \t][A-Z][\w.]*)?)?"
    rf"(?:,[ \t]+(?P<date>{_MONTH}[ \t]+\d{{1,2}}(?:,[ \t]+\d{{4}})?))?"
    rf"(?:[ \t]+\([^()\n]{{2,40}}\))?{_DASH}(?=\S)"
    rf"|(?P<cased>[A-Z][a-z]+(?:[ /][A-Z][a-z]+){{0,2}})(?:,[ \t]+(?P<cdate>{_MONTH}[ \t]+\d{{1,2}}(?:,[ \t]+\d{{4}})?))?"
    rf"[ \t]+\([^()\n]{{2,40}}\){_DASH}(?=\S)")
_LEAD = 1200  # a dateline opens one of the lead's lines


def dateline(text: str, headline: int = 0) -> Dateline | None:
    """The dateline opening a line of the lead (after the headline), if any."""
    pos = headline
    while pos < min(len(text), headline + _LEAD):
        line_start = pos + len(text[pos:]) - len(text[pos:].lstrip(" \t\n"))
        m = _DATELINE.match(text, line_start)
        if m:
            date = "date" if m.group("date") else "cdate" if m.group("cdate") else None
            return Dateline(m.start(), m.end(), m.group("place") or m.group("cased"),
                            m.start(date) if date else None, m.end(date) if date else None)
        nl = text.find("\n", line_start)
        if nl == -1:
            return None
        pos = nl + 1
    return None


# "09:40 — ", "08:05 ", "14:20 GMT - ": a live blog's time stamp opening a line.
_TIME_STAMP = re.compile(r"\d{1,2}[:.]\d{2}(?:\s*(?:[ap]\.?m\.?|GMT|UTC|BST|CET|local(?:\s+time)?))?(?:\s*[-\u2013\u2014|:]+)?[ \t]+(?=\S)",
                         re.IGNORECASE)


def _story_only(text: str, spans: list[tuple[int, int]], headline: int, lexicon: Lexicon) -> list[tuple[int, int]]:
    """The spans with a dateline or time stamp cut from their start and the boilerplate lines dropped."""
    line = dateline(text, headline)
    wrapping = _boilerplate_lines(text, lexicon)
    out = []
    for start, end in spans:
        if line is not None and start < line.end and line.start < end:
            start = max(start, line.end)  # "TAMPA, Fla. - At ...": the splitter may end a sentence inside the dateline
        elif _line_start(text, start):
            stamp = _TIME_STAMP.match(text, start, end)
            start = stamp.end() if stamp else start
        if start < end and text.rfind("\n", 0, start) + 1 in wrapping:
            # "Photo: ... (AFP)" or "Related: ..." with no full stop: the splitter may run on into the story's next
            # line, which is kept (only the wrapping line is dropped)
            nl = text.find("\n", start, end)
            start = end if nl < 0 else nl + 1
            while start < end and text[start].isspace():
                start += 1
            if start < end and start in wrapping:
                continue
        if start < end:
            out.append((start, end))
    return out


def _line_start(text: str, pos: int) -> bool:
    return pos == 0 or text[pos - 1] == "\n" or not text[text.rfind("\n", 0, pos) + 1:pos].strip()


def _boilerplate_lines(text: str, lexicon: Lexicon) -> set[int]:
    """Where the lines that wrap the story start: a line opening with a boilerplate opener ("Related:", "(Reporting by"),
    or a line that carries a photo credit ("REUTERS/Aziz Taher", "AFP via Getty Images"). One scan of the text each."""
    out = set()
    for m in lexicon.derived(_credit_pattern).finditer(text):
        out.add(text.rfind("\n", 0, m.start()) + 1)
    opener = lexicon.derived(_opener_pattern)
    for m in _LINE_HEAD.finditer(text):
        if opener.match(text, m.end()):
            out.add(m.start())
    return out


_LINE_HEAD = re.compile(r"^[ \t(\"\u201c*\u2022-]*", re.MULTILINE)


def _opener_pattern(lex: Lexicon) -> re.Pattern[str]:
    return re.compile(rf"(?:{lex.alternation('boilerplate_openers')})(?![\w-])", re.IGNORECASE)


def _credit_pattern(lex: Lexicon) -> re.Pattern[str]:
    """Credits as written (case-sensitive: "REUTERS/", "Getty Images")."""
    return re.compile(rf"(?:{lex.alternation('caption_credits')})")


def item_label_end(text: str, start: int, end: int) -> int:
    """Where a list item's label ends, when the sentence opens its line with one ("- Israel / Golan: A rocket struck ...",
    "• Yemen / Red Sea: US forces destroyed ..."): a few capitalised names (places, a country) joined by slashes or
    small words, then a colon and the item's first sentence. The label files the item under a place; it is no actor
    of the item's events. `start` when there is none."""
    line = text.rfind("\n", 0, start) + 1
    if text[line:start].strip(" \t-\u2013\u2014*\u2022"):
        return start  # the sentence does not open its line
    m = _ITEM_LABEL.match(text, start, end)
    return m.end() if m else start


_LABEL_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:of|the|al|and|[A-Z][\w'’.-]*))*"
_ITEM_LABEL = re.compile(rf"[ \t]*(?:[-\u2013\u2014*\u2022][ \t]*)?{_LABEL_NAME}(?:[ \t]*/[ \t]*{_LABEL_NAME})*:[ \t]+(?=[A-Z\"“])")


def live_page(text: str) -> bool:
    """A live page: at least three lines open with a time stamp that heads an entry ("09:40 GMT - The carrier was hit",
    "05:05" alone on its line), not a post's time line ("23:34 · 21 Oct 2024"). Its entries tell the day's events: an
    event one tells with no date of its own happened on the page's day (events.live_day)."""
    global _LIVE_LAST
    text_seen, answer = _LIVE_LAST  # read once: the pair is replaced whole, never changed in place
    if text_seen is text:
        return answer
    count = 0
    for _ in _LIVE_STAMP.finditer(text):
        count += 1
        if count >= _LIVE_ENTRIES:
            break
    answer = count >= _LIVE_ENTRIES
    _LIVE_LAST = (text, answer)  # asked once per new draft: the last page's answer is kept
    return answer


def entry_stamp(text: str, pos: int) -> tuple[int, int] | None:
    """Where the time stamp of the live-page entry holding `pos` is written (the last stamp line before it), or None."""
    last = None
    for m in _LIVE_STAMP.finditer(text, max(0, pos - _ENTRY_REACH), pos):
        last = m
    if last is None:
        return None
    stamp = _STAMP_ONLY.match(text, last.start(), last.end())
    return (stamp.start(1), stamp.end(1)) if stamp else None


_ENTRY_REACH = 3000
_STAMP_ONLY = re.compile(r"[ \t]*(\d{1,2}[:.]\d{2}(?:[ \t]*(?:[ap]\.?m\.?|GMT|UTC|BST|CET))?)", re.IGNORECASE)
_LIVE_ENTRIES = 3
_LIVE_LAST: tuple[str | None, bool] = (None, False)  # the last page asked about and its answer
_LIVE_STAMP = re.compile(r"^[ \t]*\d{1,2}[:.]\d{2}(?:[ \t]*(?:[ap]\.?m\.?|GMT|UTC|BST|CET))?(?:[ \t]*$|[ \t]+[-\u2013\u2014|][ \t])",
                         re.IGNORECASE | re.MULTILINE)


def is_subheading(text: str, start: int, end: int) -> bool:
    """A section heading inside the story ("Raids on Sanaa and Hodeidah", "How the old rules worked"): a paragraph of one
    short line with no closing punctuation, not a list item or a time stamp. It restates what its section tells; an
    incident it names is told in the section's own sentences."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end].strip()
    if not line or line[-1] in _CLOSING or not line[0].isupper() or len(line.split()) > _SUBHEADING_WORDS:
        return False
    before = text[max(0, line_start - 2):line_start]
    after = text[line_end:line_end + 2]
    return line_start > 0 and before == "\n\n" and after.startswith("\n\n") and bool(text[line_end:].strip())
    # (the first line is the headline's, read by `headline_end`; a heading closes no story: a section follows it)


_CLOSING = ".!?:;,”\"'’)"
_SUBHEADING_WORDS = 8
