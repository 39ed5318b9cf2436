"""Time every reports view on a synthetic database of 100,000 incidents and 500,000 claims.

Usage:
    python benchmarks/reports_bench.py [--server URL] [--incidents N] [--claims N] [--keep]

--server is a maintenance database on a PostgreSQL server (default: the
EVENTDB_TEST_DATABASE_URL or postgresql://postgres@127.0.0.1:5432/postgres);
the benchmark creates its own database there, migrates it, fills it with
generate_series, adds curators' judgements and three rounds of changes (so
that incident history and judgements are in place), and drops it afterwards
unless --keep is given. For each view it times the first 100 rows, a full
count, and the query `eventdb report` runs for a typical filter; then the
history functions (incidents as of a time, the diff since a time); each
figure is the best of three runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import time
import uuid
from collections.abc import Callable

from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import make_url

from eventdb import database, history, reports, views

# Synthetic data, scaled by :incidents and :claims. Shapes follow real data:
# ~5 claims per incident from ~2-3 articles, 1 in 10 claims superseded,
# a perpetrator on most claims, disputes on a minority of incidents.
FILL = """
INSERT INTO outlets (id, key, name, domain, kind)
SELECT g, 'outlet-' || g, 'Outlet ' || g, 'outlet' || g || '.example', 'newspaper'
FROM generate_series(1, 60) g;

INSERT INTO actors (id, key, name, kind, country_code)
SELECT g, 'actor-' || g, 'Actor ' || g, CASE WHEN g <= 10 THEN 'state_force' ELSE 'militia' END,
       CASE WHEN g <= 10 THEN 'IR' ELSE 'IQ' END
FROM generate_series(1, 300) g;

-- A layered graph: militias 11..300 belong to coalitions 11..60, which are backed by 1..10,
-- plus a few cycles and parallel relations.
INSERT INTO affiliations (actor_id, related_actor_id, relation, evidence_key, reference_file, valid_from)
SELECT g, 11 + (g % 50), 'member_of', 'reference:bench', 'bench', DATE '2019-01-01' FROM generate_series(61, 300) g
UNION ALL
SELECT g, 1 + (g % 10), 'backed_by', 'reference:bench', 'bench', NULL FROM generate_series(11, 60) g
UNION ALL
SELECT 1 + (g % 10), 11 + g, 'allied_with', 'reference:bench', 'bench', NULL FROM generate_series(0, 9) g;

INSERT INTO places (id, key, name, kind, country_code, latitude, longitude)
SELECT g, 'place-' || g, 'Place ' || g, 'base',
       (ARRAY['IQ', 'SY', 'JO', 'IL'])[1 + g % 4], 30 + (g % 70) / 10.0, 35 + (g % 100) / 10.0
FROM generate_series(1, 800) g;

INSERT INTO sources (id, content_sha256, url, outlet_id, published_on, text, origin, extractor_version)
SELECT g, md5(g::text) || md5('x' || g), 'https://outlet' || (1 + g % 60) || '.example/a/' || g,
       1 + g % 60, DATE '2023-10-01' + (g % 730), 'Synthetic article ' || g, 'bench', 'bench'
FROM generate_series(1, :sources) g;

INSERT INTO incidents (id, public_id, occurred_on, date_precision, event_type, place_id, place_text, country_code,
                       outcome, weapons, perpetrator_actor_id, perpetrator_text, perpetrator_basis,
                       target_actor_id, killed_low, killed_high, injured_low, injured_high,
                       projectiles_low, projectiles_high)
SELECT g, eventdb_public_id(eventdb_key('bench', g::text)),
       CASE WHEN g % 50 = 0 THEN NULL ELSE DATE '2023-10-01' + (g % 730) END,
       CASE WHEN g % 50 = 0 THEN 'unknown' WHEN g % 17 = 0 THEN 'month' ELSE 'day' END,
       (ARRAY['attack', 'airstrike', 'assassination', 'sabotage'])[1 + g % 4],
       CASE WHEN g % 9 = 0 THEN NULL ELSE 1 + g % 800 END,
       CASE WHEN g % 9 = 0 THEN 'Village ' || g % 300 END,
       (ARRAY['IQ', 'SY', 'JO', 'IL'])[1 + g % 4],
       (ARRAY['hit', 'intercepted', 'unknown'])[1 + g % 3],
       ARRAY['rocket', 'drone'],
       CASE WHEN g % 7 = 0 THEN NULL ELSE 11 + g % 290 END,
       CASE WHEN g % 7 = 0 THEN 'Unknown group ' || g % 40 END,
       (ARRAY['claimed', 'attributed', 'reported', 'unknown'])[1 + g % 4],
       1 + g % 10, g % 3, g % 3 + g % 2, g % 5, g % 5 + 1, 5, 5 + g % 11
FROM generate_series(1, :incidents) g;

INSERT INTO claims (id, source_id, extractor_version, claim_type, stance, claimant_actor_id, claimant_text,
                    incident_id, event_type, occurred_on, date_precision, place_id, country_code, weapons,
                    killed, injured, projectiles, quote, char_start, char_end, sentence_index, confidence,
                    superseded_at, claim_key)
SELECT g, 1 + (g::bigint * 7919) % :sources, 'bench',
       -- claims of incident k are g = 5k..5k+4; one incident in ten mixes claims and denials
       (ARRAY['incident_report', 'incident_report', 'responsibility_claimed', 'attribution', 'casualty_report',
              'responsibility_denied', 'involvement_denied', 'interception', 'confirmation', 'non_confirmation'])
           [1 + CASE WHEN (g / 5) % 10 = 0 THEN (g * 3) % 10 ELSE g % 5 END],
       (ARRAY['asserted', 'asserted', 'asserted', 'hedged', 'not_confirmed'])[1 + g % 5],
       CASE WHEN g % 3 = 0 THEN 11 + g % 290 END,
       CASE WHEN g % 3 = 1 THEN 'officials ' || g % 20 END,
       1 + (g / 5) % :incidents, 'attack', DATE '2023-10-01' + (g % 730), 'day', 1 + g % 800, 'IQ', ARRAY['rocket'],
       -- a few incidents with differing numbers killed, and 14 vs 30 projectiles
       CASE WHEN g % 4 = 1 THEN CASE WHEN g % 40 = 1 THEN 3 ELSE 1 END END,
       CASE WHEN g % 6 = 0 THEN 2 END,
       CASE WHEN g % 5 IN (1, 2) AND (g / 5) % 20 = 3 THEN 14 + 16 * (g % 5 - 1) END,
       'Synthetic quote ' || g, 0, 20, 0, 0.7,
       CASE WHEN g % 10 = 0 THEN now() END, g
FROM generate_series(1, :claims) g;

INSERT INTO claim_actors (claim_id, role, position, source_id, actor_id, actor_text)
SELECT c.id, 'perpetrator', 0, c.source_id, CASE WHEN c.id % 11 = 0 THEN NULL ELSE 11 + c.id % 290 END,
       'Group ' || c.id % 400
FROM claims c WHERE c.id % 5 <> 0
UNION ALL
SELECT c.id, 'target', 0, c.source_id, 1 + c.id % 10, 'Target ' || c.id % 10
FROM claims c WHERE c.id % 3 = 0;

INSERT INTO statistics (id, source_id, extractor_version, actor_id, actor_text, count, count_text, qualifier, what,
                        period_text, quote, char_start, char_end, sentence_index, confidence)
SELECT g, 1 + g % :sources, 'bench', 11 + g % 290, 'Group', g % 200, 'some ' || g % 200, 'approx', 'attacks',
       'since October', 'Synthetic statistic ' || g, 0, 20, 0, 0.5
FROM generate_series(1, :incidents / 5) g;

INSERT INTO name_mentions (id, source_id, extractor_version, name, kind, quote, char_start, char_end)
SELECT g, 1 + g % :sources, 'bench', 'Unknown name ' || g % 2000, (ARRAY['actor', 'place'])[1 + g % 2],
       'Synthetic sentence ' || g, 0, 10
FROM generate_series(1, :incidents / 2) g;
"""

# Curation and history on top, each step in its own transaction (history keeps one version per
# transaction): 1 claim in 250 corrected (killed) and 1 in 1,000 rejected, as `eventdb curate`
# leaves them (judgement, curated value, the extractor's kept); 1 incident in 200 corrected;
# 1 in 100 merged into its neighbour (redirected); then three rounds of changes, so that history
# holds about 2.2 versions per incident.
CURATE = """
INSERT INTO judgements (kind, target, claim_key, claim_id, field, value, curator, reason)
SELECT CASE WHEN c.id % 1000 = 0 THEN 'reject_claim' ELSE 'correct_claim' END, c.id::text, c.claim_key, c.id,
       CASE WHEN c.id % 1000 <> 0 THEN 'killed' END, CASE WHEN c.id % 1000 <> 0 THEN to_jsonb(c.id % 7) END, 'bench', 'bench'
FROM claims c WHERE c.id % 250 = 0;

UPDATE claims c SET rejected = j.kind = 'reject_claim', judgement_ids = ARRAY[j.id],
       extracted = CASE WHEN j.kind = 'correct_claim' THEN jsonb_build_object('killed', c.killed) ELSE '{}' END,
       killed = CASE WHEN j.kind = 'correct_claim' THEN (j.value #>> '{}')::int ELSE c.killed END
FROM judgements j WHERE j.claim_id = c.id;

INSERT INTO judgements (kind, target, incident_id, field, value, curator, reason)
SELECT 'correct_incident', public_id, id, 'killed_high', to_jsonb(coalesce(killed_high, 0) + 1), 'bench', 'bench'
FROM incidents WHERE id % 200 = 0;

UPDATE incidents i SET judgement_ids = ARRAY[j.id], curated_fields = '{killed_high}', killed_high = (j.value #>> '{}')::int
FROM judgements j WHERE j.incident_id = i.id AND j.kind = 'correct_incident';

INSERT INTO judgements (kind, target, incident_id, other_incident_id, curator, reason)
SELECT 'merge_incidents', 'bench', id - 1, id, 'bench', 'bench' FROM incidents WHERE id % 100 = 1 AND id > 1;

UPDATE incidents i SET status = 'merged', merged_into_id = i.id - 1 WHERE i.id % 100 = 1 AND i.id > 1;

INSERT INTO incident_redirects (public_id, incident_id, reason, judgement_id)
SELECT i.public_id, i.merged_into_id, 'merged', j.id FROM incidents i JOIN judgements j ON j.other_incident_id = i.id
WHERE i.status = 'merged'
"""
HISTORY_ROUNDS = (
    "UPDATE incidents SET source_count = source_count + 1 WHERE id % 2 = 0",
    "UPDATE incidents SET killed_low = coalesce(killed_high, 0) + 1, killed_high = coalesce(killed_high, 0) + 1 WHERE id % 5 = 0",
    "UPDATE incidents SET outcome = 'hit', weapons = ARRAY['rocket'] WHERE id % 3 = 0 AND outcome <> 'hit'",
)

# Typical filtered queries, as `eventdb report NAME ...` runs them.
TYPICAL = {
    "incidents": reports.Filters(since=dt.date(2024, 3, 1), until=dt.date(2024, 3, 31), limit=100),
    "claims": reports.Filters(actor="Actor 42", since=dt.date(2024, 1, 1), limit=100),
    "incident_disputes": reports.Filters(limit=100),
    "contested_incidents": reports.Filters(since=dt.date(2024, 6, 1), until=dt.date(2024, 6, 30)),
    "actor_activity_weekly": reports.Filters(actor="Actor 42"),
    "actor_network": reports.Filters(actor="Actor 250"),
    "source_coverage": reports.Filters(),
    "statistics": reports.Filters(actor="Actor 42", limit=100),
    "unresolved_names": reports.Filters(limit=50),
    "judgements": reports.Filters(actor="bench", limit=100),
    "incident_changes": reports.Filters(since=dt.date.today(), limit=100),
    "incident_redirects": reports.Filters(limit=100),
}
# One incident's history by an old (redirected) id, as `eventdb report incident_history --incident ID` runs it.
ONE_INCIDENT = ("incident_history", "SELECT public_id FROM incident_redirects ORDER BY public_id LIMIT 1")


def best_of(run: Callable[[], object], times: int = 3) -> float:
    best = float("inf")
    for _ in range(times):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def run_script(conn: Connection, script: str, params: dict) -> None:
    for statement in script.split(";\n"):
        sql = "\n".join(line for line in statement.splitlines() if not line.strip().startswith("--")).strip()
        if sql:
            conn.execute(text(sql), params)


def fill(engine: Engine, incidents: int, claims: int) -> None:
    params = {"incidents": incidents, "claims": claims, "sources": max(1, claims // 5)}
    with engine.begin() as conn:
        run_script(conn, FILL, params)
    with engine.begin() as conn:
        run_script(conn, CURATE, params)
    for statement in HISTORY_ROUNDS:
        with engine.begin() as conn:
            conn.execute(text(statement))
    # The rounds of changes leave dead rows behind, which autovacuum would clear on a live server.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE")


def typical_filters(conn: Connection, name: str) -> reports.Filters:
    if name == ONE_INCIDENT[0]:
        return reports.Filters(incident=conn.execute(text(ONE_INCIDENT[1])).scalar())
    return TYPICAL.get(name, reports.Filters(limit=100))


def time_views(conn: Connection) -> list[tuple[str, float, float, float, int]]:
    """(view, first 100 rows s, full count s, typical filter s, rows) for every view."""
    results = []
    for vf in views.view_files():
        name = vf.name
        sql, params = reports.build_query(vf, typical_filters(conn, name))
        head = best_of(lambda: conn.execute(text(f"SELECT * FROM reports.{name} LIMIT 100")).all())
        full = best_of(lambda: conn.execute(text(f"SELECT count(*) FROM reports.{name}")).scalar_one())
        typical = best_of(lambda: conn.execute(text(sql), params).all())
        rows = conn.execute(text(f"SELECT count(*) FROM reports.{name}")).scalar_one()
        results.append((name, head, full, typical, rows))
    return results


def report(conn: Connection, start: float) -> None:
    version = conn.exec_driver_sql("SHOW server_version").scalar_one()
    counts = {t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one()
              for t in ("incidents", "claims", "claim_actors", "sources", "affiliations", "incident_history", "judgements",
                        "incident_redirects")}
    print(f"PostgreSQL {version}; ready in {time.perf_counter() - start:.1f} s: "
          + ", ".join(f"{n:,} {t}" for t, n in counts.items()))
    print(f"{'view':24} {'LIMIT 100':>10} {'count(*)':>10} {'typical':>10} {'rows':>10}")
    for view, head, full, typical, rows in time_views(conn):
        print(f"{view:24} {head:>9.3f}s {full:>9.3f}s {typical:>9.3f}s {rows:>10,}")
    for label, seconds in time_history(conn):
        print(f"{label:58} {seconds:>9.3f}s")


def time_history(conn: Connection) -> list[tuple[str, float]]:
    """The history functions: incidents as of a time (first 100 in report order, all), the diff
    since the middle of the history rounds."""
    middle = conn.execute(text("SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY valid_from) FROM incident_history")).scalar_one()
    spec = reports.get_spec("incidents")
    head_sql, head_params = reports.build_query(spec, reports.Filters(limit=100), relation=history.AS_OF)
    month_sql, month_params = reports.build_query(spec, TYPICAL["incidents"], relation=history.AS_OF)
    return [
        ("incidents_as_of(t) LIMIT 100, report order", best_of(lambda: conn.execute(text(head_sql), {**head_params, "as_of": middle}).all())),
        ("incidents_as_of(t) count(*)", best_of(lambda: conn.execute(text("SELECT count(*) FROM reports.incidents_as_of(:t)"), {"t": middle}).scalar())),
        ("incidents_as_of(t), one month (as `report incidents --as-of`)",
         best_of(lambda: conn.execute(text(month_sql), {**month_params, "as_of": middle}).all())),
        ("incident_diff(t): every change of the last rounds", best_of(lambda: history.diff(conn, middle))),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default = os.environ.get("EVENTDB_TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--server", default=default)
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--claims", type=int, default=500_000)
    parser.add_argument("--keep", action="store_true", help="keep the database (its URL is printed)")
    parser.add_argument("--reuse", metavar="URL", help="time the views of a database kept by --keep (re-synced), without filling")
    args = parser.parse_args()
    if args.reuse:
        engine = database.make_engine(database.normalize_url(args.reuse))
        with engine.begin() as conn:
            views.sync_views(conn)
        with engine.connect() as conn:
            report(conn, time.perf_counter())
        engine.dispose()
        return

    server = database.normalize_url(args.server)
    name = f"eventdb_bench_{uuid.uuid4().hex[:8]}"
    database.create_database(server, name)
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    engine = database.make_engine(url)
    try:
        database.upgrade(url)
        start = time.perf_counter()
        fill(engine, args.incidents, args.claims)
        with engine.connect() as conn:
            report(conn, start)
    finally:
        engine.dispose()
        if args.keep:
            print(f"kept: {database.mask_url(url)}")
        else:
            database.drop_database(server, name)


if __name__ == "__main__":
    main()
