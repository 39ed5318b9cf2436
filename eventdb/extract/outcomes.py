"""Outcomes: whether an incident's weapons were intercepted, got through, or the text does not say.

A pass of its own because an outcome is decided twice: per sentence, from the interception words a trigger's clause
(or a later sentence about the incident) holds, and per article, once the incident's toll is known.

Decisions:
- "intercepted two drones": intercepted; "most of the missiles were intercepted, while others impacted": some got
  through, a hit when the clause says they struck or the incident has casualties, else unknown ("nearly all" still
  counts as intercepted);
- "the drone was not intercepted", "were never shot down": a negated interception word is no interception;
- an incident that killed or wounded someone hit (an analyst records outcome `hit`; the audit found 11 of 13 wrong
  outcomes were `unknown` on incidents with a toll); a zero toll says nothing of whether it hit.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from eventdb.assertions import IncidentReport
from eventdb.extract.context import SentenceView

if TYPE_CHECKING:
    from eventdb.extract.incidents import Draft


def interceptions(view: SentenceView, ws: int, we: int) -> list[re.Match[str]]:
    """The interception words of [ws, we) that are not negated ("was not intercepted", "never shot down")."""
    words = view.find("interception", ws, we)
    return [w for w in words if not _NEGATED.search(view.before(w.start(), 25))] if words else words


_NEGATED = re.compile(r"\b(?:not|never|n['’]t|without\s+being)\s+(?:\w+ly\s+)?(?:been\s+|being\s+)?$", re.IGNORECASE)


def interception_outcome(view: SentenceView, ws: int, we: int, killed: int | None, injured: int | None) -> str | None:
    """The outcome the clause's interception words give; None when it has none (or only negated ones)."""
    words = interceptions(view, ws, we)
    if not words:
        return None
    partial = view.find("partial_quantifiers", max(ws, words[0].start() - 60), min(we, words[-1].end() + 40))
    if not partial:
        return "intercepted"
    return "hit" if view.has("impact_words", ws, we) or killed or injured else "unknown"


def note_interception(view: SentenceView, d: Draft) -> None:
    """A later sentence about the incident reports an interception: it decides an unknown outcome, and a partial one
    overrides "intercepted"."""
    if not view.has("interception"):
        return
    outcome = interception_outcome(view, view.start, view.end, d.killed, d.injured)
    if outcome is not None and (d.outcome == "unknown" or outcome != "intercepted"):
        d.outcome = outcome


def hit_by_toll(incidents: tuple[IncidentReport, ...]) -> tuple[IncidentReport, ...]:
    """An incident of unknown outcome that killed or wounded someone hit."""
    return tuple(replace(i, outcome="hit") if i.outcome == "unknown" and (i.killed or i.injured) else i for i in incidents)
