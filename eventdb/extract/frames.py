"""Speech frames that cross a sentence boundary: a bare quotation whose speaker the next sentence names.

News text often quotes first and attributes after: "“We had nothing to do with it.” The statement came from a
spokesman for the group." The quotation's sentence has no speech verb, so its claims are read in the outlet's voice;
this pass gives them the speaker the next sentence names (stage 1 of quote attribution, across sentences), resolved
with the article's speaker book (stage 2). Within a sentence ("“...,” said Centcom", "..., Ryder said.") `speakers`
finds the speaker itself.
"""

from __future__ import annotations

import re
from dataclasses import replace

from eventdb.assertions import ActorRef, Claim
from eventdb.extract.context import SentenceView, actor_ref

_BARE_QUOTE = re.compile(r"\s*[“\"][^“”\"]{8,}[”\"]\s*$|\s*[“\"][^“”\"]{8,}[.!?][”\"]?\s*$")


def bare_quotation(view: SentenceView) -> bool:
    """The sentence is a quotation and nothing else (no speaker inside it)."""
    text = view.text[view.start:view.end]
    return text.lstrip()[:1] in "“\"" and _BARE_QUOTE.fullmatch(text) is not None and not view.has("speech_verbs")


def _source_pattern(lex) -> re.Pattern[str]:
    """ "The statement came from", then an optional role ("a spokesman for", "an official of") before the speaker."""
    return re.compile(rf"\s*(?:{lex.alternation('quote_sources')})\s+(?:(?:a|an|the)\s+(?:[a-z]+\s+)?"
                      rf"(?:{lex.alternation('spokesman_roles')}|official|commander|member|leader)\s+(?:for|of|from)\s+)?",
                      re.IGNORECASE)


def quoted_speaker(view: SentenceView) -> ActorRef | None:
    """The speaker a sentence names for the quotation before it: "The statement came from a spokesman for X", "The
    words were those of X" (X a reference name, or "the group": the armed group named last)."""
    if not view.has("quote_sources"):
        return None
    m = view.tools.lexicon.derived(_source_pattern).match(view.text, view.start, view.end)
    if m is None:
        return None
    for n in view.mentions:
        if (n.actor or n.outlet) and n.start >= m.end() and n.start - m.end() < 5 and not view.is_descriptor(n):
            return actor_ref(n)
    anaphor = view.first("group_anaphora", m.end(), min(view.end, m.end() + 25))
    book = view.book
    if anaphor is not None and anaphor.start() == m.end() and book is not None:
        return book.group(anaphor.start())  # type: ignore[attr-defined]
    return None


def attributed(claims: list[Claim], quote: SentenceView, who: ActorRef) -> list[Claim]:
    """The quotation's own-voice claims made by `who`; an armed group that "had nothing to do with it" denies
    responsibility (a state would deny involvement)."""
    lex = quote.tools.lexicon
    armed = quote.actor_kind(who.key) in lex.words["armed_group_kinds"]
    role = quote.has("role_denials")
    out = []
    for c in claims:
        if c.claimant is not None or c.span.sentence_index != quote.sentence.index:
            out.append(c)
            continue
        typ = "responsibility_denied" if c.type == "involvement_denied" and armed and role else c.type
        out.append(replace(c, type=typ, claimant=who, perpetrator=who if c.perpetrator is None and typ != "non_confirmation"
                           and c.type in ("involvement_denied", "responsibility_denied") else c.perpetrator))
    return out
