"""Show an Extraction to a person (one line per assertion) or as JSON (for scripts)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from eventdb.assertions import ActorRef, Extraction


def _actor(ref: ActorRef | None) -> str:
    if ref is None:
        return "-"
    return f"{ref.text} [{ref.key}]" if ref.key else f"{ref.text} [?]"


def as_text(x: Extraction) -> str:
    lines = [f"extractor {x.extractor_version}: {len(x.incidents)} incidents, {len(x.claims)} claims, "
             f"{len(x.statistics)} statistics, {len(x.affiliations)} affiliations, {len(x.unresolved)} unresolved names"]
    for i in x.incidents:
        place = f"{i.place.text or '-'} [{i.place.key or i.place.country_code}]" if i.place else "-"
        lines.append(f"{i.local_id} {i.event_type} on {i.date.on or '?'} ({i.date.precision}, “{i.date.text or ''}”) at {place}; "
                     f"by {_actor(i.perpetrator)} ({i.perpetrator_basis}) against {_actor(i.target)}; weapons {', '.join(i.weapons) or '-'}; "
                     f"killed {i.killed}, injured {i.injured}, projectiles {i.projectiles}; {i.stance}; source {_actor(i.claimant) if i.claimant else 'outlet'}")
        lines.append(f"    “{i.span.quote}”")
    for c in x.claims:
        lines.append(f"claim {c.type} about {c.incident or '-'} by {_actor(c.claimant) if c.claimant else 'outlet'} ({c.stance})"
                     + (f", perpetrator {_actor(c.perpetrator)}" if c.perpetrator else ""))
        lines.append(f"    “{c.span.quote}”")
    for s in x.statistics:
        lines.append(f"statistic {s.qualifier} {s.count} {s.what} by {_actor(s.actor)}; target {s.target or '-'}; period {s.period_text or '-'}"
                     + (f" ({s.period_start}..{s.period_end})" if s.period_start else ""))
    for a in x.affiliations:
        lines.append(f"affiliation {_actor(a.actor)} {a.relation} {_actor(a.related)}")
    for u in x.unresolved:
        lines.append(f"unresolved {u.kind} “{u.name}”")
    return "\n".join(lines)


def _default(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def as_json(x: Extraction) -> str:
    return json.dumps(dataclasses.asdict(x), default=_default, ensure_ascii=False, indent=2)


def decisions_text(decisions: dict[str, list[str]]) -> str:
    """One line per document-level decision ("why i1: site_description: place tower-22 (sentence 2)")."""
    lines = [f"why {local_id}: {d}" for local_id, ds in decisions.items() for d in ds]
    return "\n".join(lines) if lines else "why: no document-level rule changed an incident"
