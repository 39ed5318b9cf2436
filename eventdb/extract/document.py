"""What is decided once the whole article has been read: claims deduplicated and placed, a publishing
body's own voice, and the names the reference lacks."""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import urlsplit
from eventdb.assertions import ActorRef, Article, Claim, IncidentReport, UnresolvedName
from eventdb.extract.context import Tools
from eventdb.extract.incidents import Draft
from eventdb.extract.lexicon import Lexicon



def dedupe_claims(claims: list[Claim]) -> list[Claim]:
    """One claim per sentence and kind; and a claimant repeating the same claim about the same incident later in the
    article ("X claimed the attack. ... In a statement, the group said its fighters struck ...") is recorded once, at
    its first statement (different counts or stances stay separate claims)."""
    seen = set()
    out = []
    for c in claims:
        who = (c.claimant.key or c.claimant.text.casefold()) if c.claimant else None
        where = c.span.char_start if c.incident is None or c.claimant is None else (c.stance, c.killed, c.injured, c.projectiles)
        key = (c.type, c.incident, who, where)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def dedupe_statistics(stats):
    seen = set()
    out = []
    for s in stats:
        key = (s.actor.key if s.actor else None, s.count, s.qualifier, s.what.split()[-1].lower())
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def unresolved_actors(incidents: tuple[IncidentReport, ...], claims: list[Claim], tools: Tools) -> list[UnresolvedName]:
    """Names used as actors that the reference lacks (outlet names are not actors: storage resolves them)."""
    outlets = _outlet_names(tools)
    out: dict[tuple[str, int], UnresolvedName] = {}
    refs = [(i.perpetrator, i.span) for i in incidents] + [(c.claimant, c.span) for c in claims]
    for ref, span in refs:
        if ref and ref.key is None and ref.char_start is not None and ref.text[:1].isupper() and ref.text not in outlets:
            out[(ref.text, ref.char_start)] = UnresolvedName(ref.text, "actor", ref.char_start, ref.char_end, span)
    return list(out.values())


def placed_claims(claims: list[Claim], lexicon: Lexicon) -> list[Claim]:
    """A claim that only means something about one incident (a toll, an interception, "has not commented") but that
    no incident of the article could be found for is dropped: unplaced, it cannot be checked or used."""
    bound = lexicon.words["incident_bound_claims"]
    return [c for c in claims if c.incident is not None or c.type not in bound]


def in_the_issuers_voice(claims: list[Claim], issuer: ActorRef | None) -> list[Claim]:
    """A release the military publishes itself ("The missile was shot down. There were no injuries."): what it says in
    its own voice is its claim, not an outlet's."""
    if issuer is None:
        return claims
    return [replace(c, claimant=issuer) if c.claimant is None else c for c in claims]


def issuer(article: Article, tools: Tools) -> ActorRef | None:
    """The state body that publishes the article itself: its outlet is one of the body's names ("U.S. Central
    Command"), or, with no outlet given, its web address is (a host label that is the body's acronym: "centcom.mil",
    "idf.il"). News outlets are never issuers."""
    names = _issuer_names(tools)
    if article.outlet:
        key = names.get(article.outlet.strip().casefold())
        return ActorRef(tools.reference.actors_by_key[key].name, key) if key else None
    host = urlsplit(article.url).hostname if article.url else None
    if not host:
        return None
    for label in re.split(r"[.-]", host.casefold()):
        key = names.get(label)
        if key and label.upper() in tools.reference.actors_by_key[key].aliases:  # acronyms only ("centcom"), not words
            return ActorRef(tools.reference.actors_by_key[key].name, key)
    return None


_ISSUERS: dict[int, tuple[Tools, dict[str, str]]] = {}


def _issuer_names(tools: Tools) -> dict[str, str]:
    """Casefolded names of the state bodies that issue statements of their own, by actor key (built once per tools)."""
    cached = _ISSUERS.get(id(tools))
    if cached is None or cached[0] is not tools:
        kinds = tools.lexicon.words["issuer_kinds"]
        cached = (tools, {n.casefold(): a.key for a in tools.reference.actors if a.kind in kinds for n in (a.name, *a.aliases)})
        if len(_ISSUERS) > 8:
            _ISSUERS.clear()
        _ISSUERS[id(tools)] = cached
    return cached[1]


def _outlet_names(tools: Tools) -> frozenset[str]:
    return frozenset(n for o in tools.reference.outlets for n in (o.name, *o.aliases))


def unresolved_places(drafts: list[Draft]) -> list[UnresolvedName]:
    """Place names an incident is located at that match no reference place."""
    out = []
    for d in drafts:
        if d.place is None and d.place_span and d.place_text:
            s, e = d.place_span
            out.append(UnresolvedName(d.place_text, "place", s, e, d.span))
    return out
