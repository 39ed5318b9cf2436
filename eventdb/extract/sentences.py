"""Sentence splitting with exact character offsets into the normalized article text."""

from __future__ import annotations

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
            if end > start:
                out.append(Sentence(len(out), start, end, text[start:end]))
    return out


def _end_in_text(text: str, last_offset: int, end: int) -> int:
    """syntok may rewrite a token's value; never let the end run past the text or into a line break."""
    end = min(end, len(text))
    newline = text.find("\n", last_offset, end)
    return newline if newline != -1 else end
