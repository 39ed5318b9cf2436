"""An incident's casualty figures: the lowest, the best estimate and the highest stated.

UCDP keeps a low, a best and a high estimate; so does eventdb, for the killed and the
injured, from the incident's current claims that state a figure (incident and casualty
reports, not denied):

- Zeros: a zero counts only when no claim states more. In the news a zero is nearly always
  said of other people ("no US personnel were hurt" beside "two militiamen were killed"), so it
  must not pull the low bound down; when every figure is zero, all three are zero.
- low and high: the lowest and the highest figure left.
- best: the figure of the most recently published independent source that gives one. Tolls
  grow as the dead are found and the wounded die, so the latest report is usually the most
  complete. A republished copy is the same report as its original (sources.copy_of), dated
  by its first publication (republishing an old figure does not make it newer), and a
  report's figure is the highest it states. Two sources of the same latest day that differ
  give the lower of their figures (the conservative choice); sources without a publication
  date count as the oldest.

Pure functions over rows, plus the query that reads them, so storing can send it with its
other statements and a migration can recompute every incident.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, text

# Current figures of the given incidents (storing sends it with its other statements).
FIGURES = """
    SELECT c.incident_id, COALESCE(s.copy_of, s.id) AS report, s.published_on, c.killed, c.injured
    FROM claims c
    JOIN sources s ON s.id = c.source_id
    WHERE c.incident_id = ANY(CAST(%s AS bigint[])) AND c.superseded_at IS NULL
      AND c.claim_type IN ('incident_report', 'casualty_report') AND c.stance <> 'denied'
      AND (c.killed IS NOT NULL OR c.injured IS NOT NULL)"""

COLUMNS = ("killed_low", "killed_best", "killed_high", "injured_low", "injured_best", "injured_high")


@dataclass(frozen=True)
class Figure:
    """One figure stated by one report (an original story: copies share their original's key)."""

    report: int
    published_on: dt.date | None
    value: int


def estimates(figures: Iterable[Figure]) -> tuple[int | None, int | None, int | None]:
    """(low, best, high) by the rules above; (None, None, None) without figures."""
    figures = list(figures)
    if any(f.value > 0 for f in figures):
        figures = [f for f in figures if f.value > 0]
    if not figures:
        return None, None, None
    reports: dict[int, tuple[dt.date | None, int]] = {}  # report -> (its first publication, its highest figure)
    for f in figures:
        day, value = reports.get(f.report, (None, 0))
        if f.published_on is not None and (day is None or f.published_on < day):
            day = f.published_on
        reports[f.report] = (day, max(value, f.value))
    latest = max(day or dt.date.min for day, _ in reports.values())
    best = min(value for day, value in reports.values() if (day or dt.date.min) == latest)
    values = [f.value for f in figures]
    return min(values), best, max(values)


def tolls(rows: Iterable[tuple]) -> dict[int, dict[str, int | None]]:
    """Rows of FIGURES -> {incident id: {killed_low, killed_best, ..., injured_high}}."""
    killed: dict[int, list[Figure]] = {}
    injured: dict[int, list[Figure]] = {}
    for incident_id, report, published_on, k, i in rows:
        if k is not None:
            killed.setdefault(incident_id, []).append(Figure(report, published_on, k))
        if i is not None:
            injured.setdefault(incident_id, []).append(Figure(report, published_on, i))
    return {incident_id: dict(zip(COLUMNS, estimates(killed.get(incident_id, ())) + estimates(injured.get(incident_id, ()))))
            for incident_id in killed.keys() | injured.keys()}


def no_figures() -> dict[str, None]:
    return dict.fromkeys(COLUMNS)


def recompute_all(conn: Connection, batch: int = 5000) -> int:
    """Re-derive the figures of every incident (after a change of these rules); returns how many changed."""
    changed = 0
    last = 0
    while True:
        ids = conn.execute(text("SELECT id FROM incidents WHERE id > :last ORDER BY id LIMIT :n"),
                           {"last": last, "n": batch}).scalars().all()
        if not ids:
            return changed
        last = ids[-1]
        found = tolls(conn.exec_driver_sql(FIGURES, (ids,)).all())
        values = [{"id": i, **found.get(i, no_figures())} for i in ids]
        changed += conn.execute(text("""
            UPDATE incidents AS i SET killed_low = u.killed_low, killed_best = u.killed_best, killed_high = u.killed_high,
                injured_low = u.injured_low, injured_best = u.injured_best, injured_high = u.injured_high
            FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS u(id bigint, killed_low int, killed_best int, killed_high int,
                                                               injured_low int, injured_best int, injured_high int)
            WHERE i.id = u.id AND (i.killed_low, i.killed_best, i.killed_high, i.injured_low, i.injured_best, i.injured_high)
                  IS DISTINCT FROM (u.killed_low, u.killed_best, u.killed_high, u.injured_low, u.injured_best, u.injured_high)"""),
            {"rows": json.dumps(values)}).rowcount
