"""How an article's text is laid out: its headline and its sentences (an elided quotation or a line that
ends with a stop or a colon is taken into account)."""

from __future__ import annotations

import re
from eventdb.extract.sentences import Sentence, sentence_spans



_ELISION = re.compile(r"(?<![.!?\s])[\s,;:]*(?:\.\s){2}\.$|(?<![.!?\s])[\s,;:]*…$")
# How every _ELISION match ends: tested on the last characters first, since searching a whole sentence is slow.
_ELISION_END = re.compile(r"(?:\.\s\.\s\.|…)\n?\Z")


def _ends_with_elision(text: str) -> bool:
    return _ELISION_END.search(text, max(0, len(text) - 6)) is not None and _ELISION.search(text) is not None


_HEADLINE = re.compile(r"[ \t]*(?P<line>[^\n]*[^\s.!?:;,”\"])[ \t]*\n\s*\S")
_HEADLINE_MAX_WORDS = 20


def headline_end(text: str) -> int:
    """End of a headline: a short first line without a final stop, followed by the body; 0 when there is none."""
    m = _HEADLINE.match(text)
    if not m or len(m.group("line").split()) > _HEADLINE_MAX_WORDS:
        return 0
    return m.end("line")


def article_sentences(text: str, headline: int = 0) -> list[Sentence]:
    """Sentences, with an elision mark inside a sentence ("Since November 2023, . . . militias") not taken as its end.
    The passes below hand on (start, end) pairs: only the final sentences are built (each copies its text)."""
    out: list[Sentence] = []
    glue = False
    spans = sentence_spans(text)
    for start, end in _at_line_ends(text, _split_at(text, spans, headline)):
        if glue and out:
            start = out.pop().start
        s = Sentence(len(out), start, end, text[start:end])
        out.append(s)
        glue = _ends_with_elision(s.text)
    return out


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
