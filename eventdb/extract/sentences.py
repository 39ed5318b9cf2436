"""Sentence splitting with exact character offsets into the normalized article text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from syntok import segmenter


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """syntok sentences (it splits glued ones such as "tensions.The Iraqi"), as offsets into `text`."""
    out: list[Sentence] = []
    for paragraph in segmenter.analyze(text):
        for tokens in paragraph:
            if not tokens:
                continue
            start = tokens[0].offset
            end = tokens[-1].offset + len(tokens[-1].value)
            end = _end_in_text(text, tokens[-1].offset, end)
            for s, e in _split_glued(text, start, end):
                out.append(Sentence(len(out), s, e, text[s:e]))
    return out


_GLUED = re.compile(r"(?:(?<=[a-z0-9\]\)][.!?])|(?<=[A-Z]{2}[.]))[”\"’]?\*?(?=[“\"]?[A-Z][a-z])")


def _split_glued(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences glued without a space ("tensions.The", "AFP.On", "[Friday].”“The") that syntok kept together."""
    cuts = [start] + [m.end() for m in _GLUED.finditer(text, start, end)] + [end]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if text[a:b].strip()]


def _end_in_text(text: str, last_offset: int, end: int) -> int:
    """syntok may rewrite a token's value; never let the end run past the text or into a line break."""
    end = min(end, len(text))
    newline = text.find("\n", last_offset, end)
    return newline if newline != -1 else end
