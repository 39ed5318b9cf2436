"""The values that travel from extraction to storage: what one article asserts.

Everything here is plain data (frozen dataclasses), made by `eventdb.extract`
from an `Article` and consumed by `eventdb.store`. Every assertion carries a
`Span`, so each fact in the database can be traced to its exact words:
`article.text[span.char_start:span.char_end] == span.quote`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Vocabularies (kept in step with the CHECK constraints in eventdb/models.py).
EVENT_TYPES = ("attack", "airstrike", "assassination", "sabotage")
OUTCOMES = ("hit", "intercepted", "unknown")
PRECISIONS = ("day", "week", "month", "year", "unknown")
STANCES = ("asserted", "denied", "not_confirmed", "hedged")
PERPETRATOR_BASES = ("claimed", "attributed", "reported", "unknown")
CLAIM_TYPES = (
    "responsibility_claimed", "responsibility_denied", "attribution", "involvement_denied",
    "interception", "casualty_report", "confirmation", "non_confirmation",
)
QUALIFIERS = ("exact", "approx", "at_least", "more_than", "at_most", "less_than")
RELATIONS = ("member_of", "backed_by", "front_for", "part_of", "commands", "allied_with")


@dataclass(frozen=True)
class Article:
    """One article as read from a file, JSON object or standard input; text already normalized."""

    text: str
    origin: str  # file path, "path:line" for JSONL, "<stdin>"
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None
    outlet: str | None = None  # outlet name or domain as given
    republished_from: str | None = None  # "Original Source: www.theguardian.com" -> "www.theguardian.com"


# Span and ActorRef are built tens of times per article during extraction, so they are plain dataclasses hashed
# by value rather than frozen ones (a frozen dataclass sets each field through object.__setattr__, several
# times slower). Equality, hashing and repr are the same; they are values all the same: nothing assigns to them.
@dataclass(unsafe_hash=True)
class Span:
    quote: str
    char_start: int
    char_end: int
    sentence_index: int


@dataclass(unsafe_hash=True)
class ActorRef:
    """An actor as written, and the reference actor key it resolved to (None if unresolved)."""

    text: str
    key: str | None
    char_start: int | None = None
    char_end: int | None = None


@dataclass(frozen=True)
class PlaceRef:
    text: str
    key: str | None  # reference place key; None if unresolved
    country_code: str | None = None


@dataclass(frozen=True)
class DateRef:
    """A date as written and as resolved; `on` is the first day of the period for week/month/year."""

    text: str | None
    on: dt.date | None
    precision: str = "unknown"  # day, week, month, year, unknown


@dataclass(frozen=True)
class IncidentReport:
    """A specific use of force the article reports (background incidents included)."""

    local_id: str  # "i1", "i2"...: claims of this article point at it
    span: Span
    event_type: str
    date: DateRef
    place: PlaceRef | None
    weapons: tuple[str, ...]
    perpetrator: ActorRef | None
    perpetrator_basis: str  # claimed, attributed, reported, unknown
    target: ActorRef | None
    outcome: str = "unknown"
    killed: int | None = None
    injured: int | None = None
    projectiles: int | None = None
    stance: str = "asserted"
    claimant: ActorRef | None = None  # None: the outlet's own voice
    confidence: float = 0.5


@dataclass(frozen=True)
class Claim:
    """An assertion about an incident by a claimant (or the outlet itself), with its stance."""

    type: str  # one of CLAIM_TYPES
    incident: str | None  # IncidentReport.local_id
    claimant: ActorRef | None  # None: the outlet's own voice
    stance: str
    span: Span
    perpetrator: ActorRef | None = None  # for responsibility_* and attribution
    target: ActorRef | None = None
    killed: int | None = None  # for casualty_report
    injured: int | None = None
    projectiles: int | None = None
    confidence: float = 0.5


@dataclass(frozen=True)
class Statistic:
    """An aggregate that is not a single incident ("some 200 strikes since November 2023")."""

    actor: ActorRef | None
    count: int
    count_text: str
    qualifier: str  # one of QUALIFIERS
    what: str
    target: str | None
    period_text: str | None
    period_start: dt.date | None
    period_end: dt.date | None
    span: Span
    stance: str = "asserted"
    confidence: float = 0.5


@dataclass(frozen=True)
class AffiliationStatement:
    """A relation between two actors that the text states ("Nujaba, one of the Iranian-backed militias")."""

    actor: ActorRef
    related: ActorRef
    relation: str  # one of RELATIONS
    span: Span
    confidence: float = 0.5


@dataclass(frozen=True)
class UnresolvedName:
    """A name used as an actor or place that matches no reference entry: the curators' to-do list."""

    name: str
    kind: str  # "actor" or "place"
    char_start: int
    char_end: int
    sentence: Span


@dataclass(frozen=True)
class Extraction:
    extractor_version: str
    incidents: tuple[IncidentReport, ...] = ()
    claims: tuple[Claim, ...] = ()
    statistics: tuple[Statistic, ...] = ()
    affiliations: tuple[AffiliationStatement, ...] = ()
    unresolved: tuple[UnresolvedName, ...] = ()
    warnings: tuple[str, ...] = field(default=())
