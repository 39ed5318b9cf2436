"""Score the extractor against hand-made gold annotations (tests/gold/*.jsonl).

Gold names actors and places by their canonical reference `name`; an extracted
reference key matches when the gold name is that entry's name or one of its aliases,
an unresolved extracted name matches on its text. Matching rules:
incidents by kind, date (within a day; both unknown also matches) and place (same
place or one inside the other, or same country when one side only has a country, or a
side with no place at all); claims by type, claimant and matched incident (and, as a
second figure, by type and claimant alone); statistics by count and actor.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from eventdb.articles import ReadError, read_path
from eventdb.assertions import ActorRef, Claim, Extraction, IncidentReport, Statistic
from eventdb.extract import extract
from eventdb.reference import Reference, default_reference


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 3),
                "recall": round(self.recall, 3), "f1": round(self.f1, 3)}


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += int(ok)
        self.total += 1

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 1.0


# Fields checked on matched incidents; "casualties" is killed and injured both right, kept for older figures.
ACCURACY_FIELDS = ("perpetrator", "target", "weapons", "casualties", "killed", "injured", "date", "place", "outcome")


@dataclass
class Report:
    incidents: Score = field(default_factory=Score)
    claims: Score = field(default_factory=Score)
    claims_unlinked: Score = field(default_factory=Score)  # type and claimant only: tells linking errors apart
    statistics: Score = field(default_factory=Score)
    accuracy: dict[str, Accuracy] = field(default_factory=lambda: {k: Accuracy() for k in ACCURACY_FIELDS})
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"incidents": self.incidents.as_dict(), "claims": self.claims.as_dict(),
                "claims_unlinked": self.claims_unlinked.as_dict(),
                "statistics": self.statistics.as_dict(),
                "accuracy": {k: {"right": a.right, "total": a.total, "value": round(a.value, 3)} for k, a in self.accuracy.items()},
                "misses": self.misses, "false_positives": self.false_positives, "errors": self.errors}


def _fold(text: str | None) -> str:
    text = re.sub(r"[’ʼ‘`]", "'", (text or "").casefold())
    text = re.sub(r"^(?:an?|the)\s+", "", text.strip())
    return " ".join(text.replace("-", " ").split())


@dataclass(frozen=True)
class Names:
    """Reference lookups for comparing gold names with extracted keys."""

    reference: Reference

    def actor_names(self, key: str) -> set[str]:
        a = self.reference.actors_by_key.get(key)
        return {_fold(n) for n in (a.name, *a.aliases)} if a else {_fold(key)}

    def same_actor(self, gold: str | None, ref: ActorRef | None) -> bool:
        if gold is None or ref is None:
            return gold is None and ref is None
        if ref.key:
            return _fold(gold) in self.actor_names(ref.key)
        return _fold(ref.text) in self.outlet_names(gold) | {_fold(gold)}

    def outlet_names(self, name: str) -> set[str]:
        """Every name of the outlet called `name`: an outlet quoted as a speaker ("SANA said") has no
        actor key, and gold writes it by its canonical name ("Syrian Arab News Agency")."""
        wanted = _fold(name)
        for outlet in self.reference.outlets:
            names = {_fold(n) for n in (outlet.name, *outlet.aliases)}
            if wanted in names:
                return names
        return set()

    def contains(self, outer: str, inner: str) -> bool:
        """A base inside a city is the same place at a coarser grain (like a place versus its country)."""
        seen = set()
        key = self.reference.places_by_key.get(inner)
        while key and key.parent and key.key not in seen:
            seen.add(key.key)
            if key.parent == outer:
                return True
            key = self.reference.places_by_key.get(key.parent)
        return False

    def place_key(self, name: str | None) -> str | None:
        if not name:
            return None
        for p in self.reference.places:
            if _fold(name) in {_fold(n) for n in (p.name, *p.aliases)}:
                return p.key
        return None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def incident_matches(names: Names, gold: dict, got: IncidentReport) -> bool:
    if gold["kind"] != got.event_type:
        return False
    gold_on = _date(gold.get("date"))
    if (gold_on is None) != (got.date.on is None):
        return False
    if gold_on and got.date.on and abs((gold_on - got.date.on).days) > 1:
        return False
    gold_key = names.place_key(gold.get("place"))
    gold_country = gold.get("country")
    got_key = got.place.key if got.place else None
    got_country = got.place.country_code if got.place else None
    if gold_key and got_key and (gold_key == got_key or names.contains(gold_key, got_key) or names.contains(got_key, gold_key)):
        return True
    if not (gold_key or gold_country) or not (got_key or got_country):
        return True
    specific = lambda key: key and names.reference.places_by_key[key].kind != "country"  # noqa: E731
    if specific(gold_key) and specific(got_key):
        return False
    return gold_country == got_country


def _same_place(names: Names, gold: dict, got: IncidentReport) -> bool:
    """The exact place (canonical key, or the name as written when the reference lacks it); a match on
    country alone, which `incident_matches` accepts, is not the right place."""
    got_key = got.place.key if got.place else None
    gold_key = names.place_key(gold.get("place"))
    if gold.get("place") is None:
        return got_key is None or names.reference.places_by_key[got_key].kind == "country"
    if gold_key:
        return gold_key == got_key
    return got.place is not None and _fold(got.place.text) == _fold(gold["place"])


def _greedy(golds: list, gots: list, ok: Callable[[object, object], bool]) -> dict[int, int]:
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for gi, g in enumerate(golds):
        for xi, x in enumerate(gots):
            if xi not in used and ok(g, x):
                pairs[gi] = xi
                used.add(xi)
                break
    return pairs


def score_article(names: Names, gold: dict, got: Extraction, report: Report, label: str) -> None:
    incs = list(got.incidents)
    pairs = _greedy(gold["incidents"], incs, lambda g, x: incident_matches(names, g, x))
    _count(report.incidents, len(gold["incidents"]), len(incs), len(pairs))
    id_map = {gold["incidents"][gi]["id"]: incs[xi].local_id for gi, xi in pairs.items()}
    for gi, g in enumerate(gold["incidents"]):
        if gi not in pairs:
            report.misses.append(f"{label} incident {g['id']} ({g['kind']}, {g.get('date')}, {g.get('place') or g.get('country')}): {g['quote']}")
            continue
        x = incs[pairs[gi]]
        report.accuracy["perpetrator"].add(names.same_actor(g.get("perpetrator"), x.perpetrator))
        report.accuracy["target"].add(names.same_actor(g.get("target"), x.target))
        report.accuracy["weapons"].add(set(g.get("weapons") or ()) == set(x.weapons))
        report.accuracy["casualties"].add((g.get("killed"), g.get("injured")) == (x.killed, x.injured))
        report.accuracy["killed"].add(g.get("killed") == x.killed)
        report.accuracy["injured"].add(g.get("injured") == x.injured)
        report.accuracy["date"].add(_date(g.get("date")) == x.date.on)
        report.accuracy["place"].add(_same_place(names, g, x))
        report.accuracy["outcome"].add(g.get("outcome") == x.outcome)
    for xi, x in enumerate(incs):
        if xi not in pairs.values():
            report.false_positives.append(f"{label} incident {x.local_id} ({x.event_type}, {x.date.on}, {x.place.key if x.place else None}): {x.span.quote}")

    def claim_ok(g: dict, c: Claim) -> bool:
        wanted = id_map.get(g["incident"]) if g.get("incident") else None
        if g.get("incident") and wanted is None:
            return False
        return g["type"] == c.type and c.incident == wanted and names.same_actor(g.get("claimant"), c.claimant)

    claims = list(got.claims)
    cpairs = _greedy(gold["claims"], claims, claim_ok)
    loose = _greedy(gold["claims"], claims, lambda g, c: g["type"] == c.type and names.same_actor(g.get("claimant"), c.claimant))
    _count(report.claims_unlinked, len(gold["claims"]), len(claims), len(loose))
    _count(report.claims, len(gold["claims"]), len(claims), len(cpairs))
    _list(report, label, "claim", gold["claims"], claims, cpairs,
          lambda g: f"{g['type']} by {g.get('claimant')}", lambda c: f"{c.type} by {c.claimant.text if c.claimant else None} ({c.incident})")

    def stat_ok(g: dict, s: Statistic) -> bool:
        return g["count"] == s.count and names.same_actor(g.get("actor"), s.actor)

    stats = list(got.statistics)
    spairs = _greedy(gold["statistics"], stats, stat_ok)
    _count(report.statistics, len(gold["statistics"]), len(stats), len(spairs))
    _list(report, label, "statistic", gold["statistics"], stats, spairs,
          lambda g: f"{g['count']} {g['what']} by {g.get('actor')}", lambda s: f"{s.count} {s.what} by {s.actor.text if s.actor else None}")


def _count(score: Score, gold: int, got: int, matched: int) -> None:
    score.tp += matched
    score.fp += got - matched
    score.fn += gold - matched


def _list(report: Report, label: str, what: str, golds: list[dict], gots: list, pairs: dict[int, int],
          describe_gold: Callable[[dict], str], describe_got: Callable[[object], str]) -> None:
    for gi, g in enumerate(golds):
        if gi not in pairs:
            report.misses.append(f"{label} {what} {describe_gold(g)}: {g['quote']}")
    for xi, x in enumerate(gots):
        if xi not in pairs.values():
            report.false_positives.append(f"{label} {what} {describe_got(x)}: {x.span.quote}")


def evaluate(gold_path: Path, article_dir: Path, reference: Reference | None = None) -> Report:
    reference = reference or default_reference()
    names = Names(reference)
    report = Report()
    for number, line in enumerate(Path(gold_path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        gold = json.loads(line)
        gold.setdefault("claims", [])
        gold.setdefault("statistics", [])
        items = list(read_path(Path(article_dir) / gold["article"]))
        if not items or isinstance(items[0], ReadError):
            report.errors.append(f"{gold_path}:{number}: {items[0] if items else 'no article'}")
            continue
        score_article(names, gold, extract(items[0], reference), report, gold["article"])
    return report


def format_report(report: Report) -> str:
    lines = ["category     precision  recall  f1     (tp/fp/fn)"]
    for name in ("incidents", "claims", "statistics"):
        s: Score = getattr(report, name)
        lines.append(f"{name:<12} {s.precision:>9.2f} {s.recall:>7.2f} {s.f1:>6.2f}  ({s.tp}/{s.fp}/{s.fn})")
    u = report.claims_unlinked
    lines.append("")
    lines.append(f"claims on type and claimant alone (incident link ignored): precision {u.precision:.2f}, "
                 f"recall {u.recall:.2f}, f1 {u.f1:.2f} ({u.tp}/{u.fp}/{u.fn})")
    lines.append("on matched incidents: " + ", ".join(f"{k} {a.value:.2f} ({a.right}/{a.total})" for k, a in report.accuracy.items()))
    for title, items in (("missed", report.misses), ("false positives", report.false_positives), ("errors", report.errors)):
        if items:
            lines.append("")
            lines.append(f"{title}:")
            lines.extend(f"  - {item}" for item in items)
    return "\n".join(lines)


def report_json(report: Report) -> str:
    return json.dumps(report.as_dict(), indent=2, ensure_ascii=False)


