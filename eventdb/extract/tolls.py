"""Casualty phrases that carry no plain "<count> <victims> were killed": zeros, single victims, named victims with
others, and a count whose victims were named once for two verbs. `incidents.casualties` asks these after its
count-and-noun rules.

Decisions:
- "None of the 23 crew were hurt", "no personnel were hurt": zero; "hurt" covers both killed and injured, "killed" or
  "wounded" only its own kind;
- "A seven-year-old girl was seriously wounded", "also wounded a passer-by": one victim (a singular noun from
  `single_victim_words` after "a", "an" or "one");
- "killed businessman Peshraw Dizayee and at least three members of his family": the named person and the others;
- "killed three people and wounded nine": the second count's victims are the first one's ("nine" people), and so are
  "at least one of them" and "five of the group's fighters".
"""

from __future__ import annotations

import re

from eventdb.extract.context import SentenceView
from eventdb.extract.lexicon import Lexicon

_KINDS = {"killed": "killed_words", "injured": "injured_words"}


def zero_victims(view: SentenceView, ws: int, we: int) -> dict[str, int]:
    """ "None of the 23 crew were hurt", "no personnel were killed": the kinds the sentence says nobody suffered."""
    out: dict[str, int] = {}
    words = view.find("killed_words", ws, we) + view.find("injured_words", ws, we)
    if not words:
        return out  # the pattern ends in one of these words (cached per sentence): no scan without one
    lo = max(ws, min(w.start() for w in words) - 80)
    for m in view.tools.lexicon.derived(_zero_pattern).finditer(view.text, lo, max(w.end() for w in words)):
        word = m.group("word").lower()
        kinds = ("killed", "injured") if word == "hurt" else \
            tuple(k for k, cat in _KINDS.items() if view.tools.lexicon.is_a(cat, word))
        for k in kinds:
            out.setdefault(k, 0)
    return out


def _zero_pattern(lex: Lexicon) -> re.Pattern[str]:
    return _passive_toll(rf"\b(?:no|none\s+of\s+the(?:\s+\d+)?)\s+(?:[\w-]+\s+)?", "victims", "(?:were|was)", lex)


def _passive_toll(head: str, nouns: str, verb: str, lex: Lexicon) -> re.Pattern[str]:
    """ "<head> <a noun of `nouns`> <verb> (badly) <killed or injured word>", the word captured as `word`."""
    words = _alternation(lex.words["killed_words"] + lex.words["injured_words"])
    return re.compile(rf"{head}(?:{_alternation(lex.words[nouns])})\s+{verb}\s+(?:\w+ly\s+)?(?P<word>{words})\b",
                      re.IGNORECASE)


def single_victim(view: SentenceView, kind: str, ws: int, we: int) -> int | None:
    """ "A seven-year-old girl was seriously wounded", "wounded a passer-by": one victim of `kind`."""
    words = view.find(_KINDS[kind], ws, we)
    if not words:
        return None  # both patterns hold a word of this kind (cached per sentence): no scan without one
    lo = max(ws, words[0].start() - 80)
    m = view.tools.lexicon.derived(_single_subject_pattern).search(view.text, lo, words[-1].end())
    if m and view.tools.lexicon.is_a(_KINDS[kind], m.group("word")):
        return 1
    for w in words:
        if view.tools.lexicon.derived(_single_object_pattern).match(view.text, w.end(), we):
            return 1
    return None


def _single_subject_pattern(lex: Lexicon) -> re.Pattern[str]:
    return _passive_toll(r"(?:^|(?<=[\s“\"]))(?:an?|one)\s+(?:[\w-]+\s+){0,3}?", "single_victim_words", "was", lex)


def _single_object_pattern(lex: Lexicon) -> re.Pattern[str]:
    single = _alternation(lex.words["single_victim_words"])
    return re.compile(rf"\s+(?:an?|one)\s+(?:[\w-]+\s+){{0,2}}?(?:{single})\b(?!-?\s*(?:and|of)\b)", re.IGNORECASE)


# "killed <Name> (, known as <Alias>,) and at least three members ...": a capitalized name right before "and" and the count.
_NAMED_AND = re.compile(r"\s+(?:[\w’'-]+\s+){0,6}(?:al-|el-)?[A-Z][\w’'-]+(?:,\s+(?:also\s+)?known\s+as\s+[^,;]{1,40},)?\s+and\s+")
# "at least one of them", "five of the group's fighters": the victims named after "of".
_OF_VICTIMS = re.compile(r"\s+of\s+(?:them|those|(?:the|its|his|her|their)\s+(?:[\w’'-]+['’]s\s+)?)", re.IGNORECASE)
# "killed three people and wounded nine.": a count closing the clause.
_WORDS = re.compile(r"[A-Za-z’'-]+")
_CLAUSE_END = re.compile(r"\s*(?:[.,;:)”\"]|$)")


def named_with_others(view: SentenceView, verb_end: int, count_start: int) -> bool:
    """ "killed businessman Peshraw Dizayee and at least three members": one named victim besides the count."""
    return _NAMED_AND.fullmatch(view.text, verb_end, count_start) is not None


def of_victims_end(view: SentenceView, pos: int) -> int | None:
    """Where the victim noun after "of them", "of the group's" starts (or the end of "of them")."""
    m = _OF_VICTIMS.match(view.text, pos)
    return m.end() if m else None


def elliptic_victims(view: SentenceView, count_end: int, ws: int) -> bool:
    """ "killed three people and wounded nine": a bare count closing its clause, victims named just before."""
    if not _CLAUSE_END.match(view.text, count_end):
        return False
    before = view.text[max(ws, count_end - 60):count_end]
    return any(view.tools.lexicon.is_a("victims", w) for w in _WORDS.findall(before))


def _alternation(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
