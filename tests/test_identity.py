"""Stable identity: claim keys, public incident ids independent of ingest order, redirects."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from sqlalchemy import text

from eventdb import database, identity, store
from eventdb.articles import iter_paths
from eventdb.assertions import Article, Extraction, IncidentReport
from eventdb.identity import ClaimSpan, PriorClaim, Report, assign_keys, canonical_public_id, public_id
from eventdb.ingest import ingest
from tests.conftest import REPO, SEED_ARTICLES
from tests.test_store import A_TEXT, B_TEXT, VERSION, ctx, extraction_a, extraction_b, put  # noqa: F401 (ctx is a fixture)

# --- pure ---------------------------------------------------------------------------------------------


def test_public_ids_are_strings_of_a_fixed_shape_and_distinct():
    assert public_id(0) == "EV-0000000000000"
    assert public_id(31) == "EV-000000000000Z"
    assert public_id((1 << 63) - 1) == "EV-7ZZZZZZZZZZZZ"
    ids = {public_id(identity.hash_id("k", n)) for n in range(2000)}
    assert len(ids) == 2000 and all(identity.PUBLIC_ID.match(i) for i in ids)
    assert identity.normalize_public_id(" ev-7zzzzzzzzzzzz ") == "EV-7ZZZZZZZZZZZZ"
    assert identity.normalize_public_id("EV-7ZZZZZZZZZZZO") == "EV-7ZZZZZZZZZZZ0"  # O read as zero
    assert identity.normalize_public_id("12345") is None
    assert identity.normalize_public_id("ev-42") == "EV-42"  # an incident inserted by hand


def test_claim_keys_carry_over_by_span_in_the_same_text_and_by_quote_in_a_revision():
    spans = [ClaimSpan("incident_report", "rockets hit the base", 10, 30), ClaimSpan("casualty_report", "two killed", 40, 50)]
    fresh = assign_keys("sha1", spans, [], same_text=False)
    assert [match for _, match in fresh] == [None, None]
    assert fresh[0][0] != fresh[1][0]
    prior = [PriorClaim("incident_report", "rockets hit the base", 12, 30, 111, 7), PriorClaim("casualty_report", "two killed", 40, 50, 222, 7)]
    # same text: an overlapping span of the same type keeps its key (and its incident)
    same = assign_keys("sha1", spans, prior, same_text=True)
    assert [(key, match.incident_id) for key, match in same] == [(111, 7), (222, 7)]
    # a revised text: the same quote elsewhere keeps the key; a claim of another type does not match
    moved = [ClaimSpan("incident_report", "rockets hit the base", 90, 110), ClaimSpan("interception", "two killed", 120, 130)]
    revised = assign_keys("sha2", moved, prior, same_text=False)
    assert revised[0][0] == 111 and revised[1][1] is None and revised[1][0] not in (111, 222)


def test_two_equal_claims_of_one_sentence_get_distinct_keys_every_time():
    spans = [ClaimSpan("incident_report", "strikes on A and B", 0, 18)] * 2
    first, again = assign_keys("sha", spans, [], False), assign_keys("sha", spans, [], False)
    assert first == again and first[0][0] != first[1][0]


def test_the_canonical_report_is_the_earliest_published_then_the_smallest_key():
    early, late, undated = Report(900, dt.date(2024, 4, 20)), Report(5, dt.date(2024, 4, 22)), Report(1, None)
    assert canonical_public_id([late, undated, early]) == public_id(900)
    assert canonical_public_id([Report(7, dt.date(2024, 4, 20)), early]) == public_id(7)
    assert canonical_public_id([undated]) == public_id(1)
    assert canonical_public_id([]) is None


# --- against the server -------------------------------------------------------------------------------


def test_sql_keys_and_public_ids_are_the_python_ones(engine):
    with engine.connect() as conn:
        key = conn.execute(text("SELECT eventdb_key('claim-key', 'abc', 'incident_report', '3', '9', '0')")).scalar_one()
        assert key == identity.hash_id("claim-key", "abc", "incident_report", 3, 9, 0)
        for n in (0, 31, key, (1 << 63) - 1):
            assert conn.execute(text("SELECT eventdb_public_id(:k)"), {"k": n}).scalar_one() == public_id(n)


def corpus() -> list[str]:
    """The seeds and the dev and held-out articles: 56 articles, several incidents reported by more than one."""
    folders = [SEED_ARTICLES, REPO / "tests" / "dev" / "articles", REPO / "tests" / "heldout" / "articles"]
    return [str(p) for p in iter_paths([Path(f) for f in folders])]


def incidents_by_report(engine) -> dict[tuple[str, int, int], str]:
    """Each current incident report (its article's hash and offsets) -> the public id of its incident."""
    with engine.connect() as conn:
        return {(sha, start, end): pid for sha, start, end, pid in conn.execute(text("""
            SELECT s.content_sha256, c.char_start, c.char_end, i.public_id FROM claims c
            JOIN sources s ON s.id = c.source_id JOIN incidents i ON i.id = c.incident_id
            WHERE c.superseded_at IS NULL AND c.claim_type = 'incident_report'"""))}


def test_the_same_corpus_in_two_orders_gives_the_same_public_ids(engine, empty_db_url):
    files = corpus()
    for path in files:
        ingest(engine, [path])
    database.upgrade(empty_db_url)
    reverse = database.make_engine(empty_db_url)
    try:
        for path in reversed(files):
            ingest(reverse, [path])
        forward_ids, reverse_ids = incidents_by_report(engine), incidents_by_report(reverse)
        assert forward_ids == reverse_ids
        # the corpus has incidents of several reports, and ids that changed on the way
        assert len(set(forward_ids.values())) < len(forward_ids)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM incident_redirects")).scalar() > 0
            # every redirect leads to a current incident
            assert conn.execute(text("""SELECT count(*) FROM incident_redirects r
                WHERE reports.resolve_incident_id(r.public_id) NOT IN (SELECT public_id FROM incidents WHERE status = 'current')""")).scalar() == 0
    finally:
        reverse.dispose()


def test_an_earlier_report_renames_the_incident_and_the_old_id_redirects(engine, ctx):  # noqa: F811
    later = put(engine, ctx, Article(B_TEXT, "b.txt", url="https://other.example.org/b", published=dt.date(2024, 4, 22)), extraction_b())
    with engine.connect() as conn:
        first_id = conn.execute(text("SELECT public_id FROM incidents")).scalar_one()
        b_key = conn.execute(text("SELECT claim_key FROM claims WHERE source_id = :s AND claim_type = 'incident_report'"), {"s": later.source_id}).scalar_one()
    assert first_id == public_id(b_key)
    earlier = put(engine, ctx, Article(A_TEXT, "a.txt", url="https://example-news.com/a", published=dt.date(2024, 4, 20)), extraction_a())
    with engine.connect() as conn:
        now_id = conn.execute(text("SELECT public_id FROM incidents")).scalar_one()
        a_key = conn.execute(text("SELECT claim_key FROM claims WHERE source_id = :s"), {"s": earlier.source_id}).scalar_one()
        assert now_id == public_id(a_key) != first_id
        assert conn.execute(text("SELECT reports.resolve_incident_id(:p)"), {"p": first_id}).scalar_one() == now_id
        assert conn.execute(text("SELECT reports.resolve_incident_id(:p)"), {"p": now_id.lower()}).scalar_one() == now_id
        assert conn.execute(text("SELECT reports.resolve_incident_id('EV-0000000000000')")).scalar() is None
        assert conn.execute(text("SELECT old_incident_id, incident_id, reason FROM reports.incident_redirects")).one() == (first_id, now_id, "renamed")
        assert identity.resolve_public_id(conn, first_id)[1] == now_id


def test_a_report_dropped_by_one_extraction_and_back_in_the_next_gets_its_incident_back(engine, ctx):  # noqa: F811
    article = Article(A_TEXT, "a.txt", url="https://example-news.com/a")
    put(engine, ctx, article, extraction_a())
    with engine.connect() as conn:
        (first_id, pid), = conn.execute(text("SELECT id, public_id FROM incidents")).all()
        source_id = conn.execute(text("SELECT id FROM sources")).scalar_one()
    for run, extraction in ((2, Extraction(VERSION)), (3, extraction_a())):  # re-extraction without the report, then with it
        with engine.begin() as conn:
            store.replace_assertions(conn, source_id, article, extraction, replace(ctx, run_id=run))
        with engine.connect() as conn:
            status = conn.execute(text("SELECT status FROM incidents WHERE id = :i"), {"i": first_id}).scalar_one()
        assert status == ("withdrawn" if not extraction.incidents else "current")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT id, public_id, status FROM incidents")).all() == [(first_id, pid, "current")]


def test_merged_incidents_leave_the_candidates(engine, ctx):  # noqa: F811
    """A merged incident stays a row, but a new report never joins it."""
    put(engine, ctx, Article(A_TEXT, "a.txt"), extraction_a())
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO incidents (id, public_id, event_type, date_precision) VALUES (999, 'EV-X', 'attack', 'unknown')"))
        conn.execute(text("UPDATE incidents SET status = 'merged', merged_into_id = 999 WHERE id <> 999"))
    report = IncidentReport(**{**extraction_b().incidents[0].__dict__})
    result = put(engine, ctx, Article(B_TEXT, "b.txt"), Extraction(VERSION, incidents=(report,)))
    assert (result.incidents_created, result.incidents_merged) == (1, 0)


def test_the_migration_gives_stored_rows_the_keys_ids_and_history_eventdb_would(empty_db_url):
    database.upgrade(empty_db_url, "0003")
    engine = database.make_engine(empty_db_url)
    a_sha, b_sha = "a" * 64, "b" * 64
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"""
                INSERT INTO sources (id, content_sha256, published_on, text, origin, extractor_version) VALUES
                    (1, '{a_sha}', DATE '2024-04-21', 'Rockets hit the base.', 'a', 'old'),
                    (2, '{b_sha}', DATE '2024-04-20', 'The base was hit.', 'b', 'old');
                INSERT INTO incidents (id, date_precision, event_type) VALUES (10, 'unknown', 'attack'), (11, 'unknown', 'attack');
                INSERT INTO claims (id, source_id, extractor_version, claim_type, stance, incident_id, quote, char_start, char_end,
                                    sentence_index, confidence, superseded_at) VALUES
                    (100, 1, 'old', 'incident_report', 'asserted', 10, 'Rockets hit the base', 0, 20, 0, 0.5, NULL),
                    (101, 2, 'old', 'incident_report', 'asserted', 10, 'The base was hit', 0, 16, 0, 0.5, NULL),
                    (102, 1, 'old', 'incident_report', 'asserted', 11, 'Rockets', 0, 7, 0, 0.5, now())""")
        database.upgrade(empty_db_url)
        with engine.connect() as conn:
            keys = dict(conn.execute(text("SELECT id, claim_key FROM claims")).all())
            incidents = {i: (pid, status) for i, pid, status in conn.execute(text("SELECT id, public_id, status FROM incidents"))}
            versions = conn.execute(text("SELECT incident_id, version, change FROM incident_history ORDER BY incident_id")).all()
    finally:
        engine.dispose()
    assert keys[100] == identity.natural_key(a_sha, ClaimSpan("incident_report", "Rockets hit the base", 0, 20), 0)
    assert keys[101] == identity.natural_key(b_sha, ClaimSpan("incident_report", "The base was hit", 0, 16), 0)
    assert incidents[10] == (public_id(keys[101]), "current")  # the earlier-published report names it
    assert incidents[11] == (public_id(keys[102]), "withdrawn")  # no current claim
    assert versions == [(10, 1, "created"), (11, 1, "created")]
