"""`eventdb ingest` end to end against a real server: idempotence, bad input, concurrency, kills, lost connections."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text

from eventdb import database
from eventdb.articles import read_path
from eventdb.cli import main
from eventdb.extract import extract
from eventdb.ingest import ingest
from eventdb.reference import default_reference
from tests.conftest import SEED_ARTICLES, count

TABLES = ("sources", "claims", "claim_actors", "incidents", "incident_merges", "statistics", "name_mentions", "outlets")


def counts(engine) -> dict[str, int]:
    return {t: count(engine, t) for t in TABLES}


def run_cli(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_ingesting_the_seeds_twice_changes_nothing_the_second_time(use_db, engine):
    first = run_cli("ingest", str(SEED_ARTICLES))
    assert first.exit_code == 0, first.output
    assert "added 5" in first.output
    before = counts(engine)
    assert before["sources"] == 5 and before["claims"] > 0 and before["incidents"] > 0
    second = run_cli("ingest", str(SEED_ARTICLES))
    assert second.exit_code == 0, second.output
    assert "added 0, unchanged 5" in second.output
    assert counts(engine) == before


def test_dry_run_writes_nothing(use_db, engine):
    result = run_cli("ingest", "--dry-run", str(SEED_ARTICLES))
    assert result.exit_code == 0, result.output
    assert "nothing written" in result.output
    assert count(engine, "sources") == 0 and count(engine, "ingest_runs") == 0


def write_bad_inputs(folder: Path) -> list[str]:
    """One good article and one of each kind of bad input; returns where each error must be reported."""
    good = (SEED_ARTICLES / "004_d9cf89ebf1156292.txt").read_text()
    (folder / "good.txt").write_text(good)
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (folder / "latin1.txt").write_bytes("Attaque \xe0 Erbil".encode("latin-1") + b"\xff\xfe")
    (folder / "digits.txt").write_text("12345 678 --- 9\n")
    (folder / "broken.json").write_text('{"text": "unterminated')
    (folder / "records.jsonl").write_text(
        json.dumps({"text": good.replace("Yesterday", "On Sunday"), "published": "2024-04-15"}) + "\n"
        + "{not json}\n"
        + json.dumps({"title": "no text here"}) + "\n"
        + json.dumps({"text": "Rockets hit Erbil.", "published": "the fifth of never"}) + "\n"
    )
    with open(folder / "huge.txt", "wb") as fh:  # sparse: 100 MB on paper, nothing on disk
        fh.truncate(100 * 1024 * 1024)
    return ["empty.txt", "binary.txt", "latin1.txt", "digits.txt", "broken.json",
            "records.jsonl:2", "records.jsonl:3", "records.jsonl:4", "huge.txt"]


def test_bad_inputs_are_named_one_per_line_and_the_rest_lands(use_db, engine, tmp_path):
    expected = write_bad_inputs(tmp_path)
    result = run_cli("ingest", str(tmp_path))
    assert result.exit_code == 1, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    for name in expected:
        file, _, line = name.partition(":")
        where = str(tmp_path / file) + (f":{line}:" if line else ":")
        assert [e for e in errors if where in e], f"no error line for {name}:\n{result.output}"
    assert len(errors) == len(expected), result.output
    assert all("Traceback" not in e for e in errors)
    assert count(engine, "sources") == 2  # good.txt and the good JSONL record
    with engine.connect() as conn:
        run = conn.execute(text("SELECT articles_failed, errors FROM ingest_runs")).one()
    assert run.articles_failed == len(expected) and len(run.errors) == len(expected)


def _extract_or_die(article, reference):
    """Stands in for a native crash (segfault, OOM kill) in an extraction worker."""
    if "KILL-THE-WORKER" in article.text:
        os._exit(9)
    return extract(article, reference)


def _poisoned_worker(parent: int) -> None:
    """Worker initializer (run in the spawned worker, found there by name): the stand-in crash."""
    import eventdb.ingest
    from eventdb import workers

    workers._start_worker(parent)  # in the worker, the real one
    eventdb.ingest.extract = _extract_or_die


def test_an_article_that_kills_its_worker_process_fails_alone(use_db, engine, tmp_path, monkeypatch):
    from eventdb import workers

    monkeypatch.setattr(workers, "_start_worker", _poisoned_worker)
    good = [path.read_text() for path in sorted(SEED_ARTICLES.glob("*.txt"))]
    for i, body in enumerate(good):
        (tmp_path / f"{i}_good.txt").write_text(body)
    (tmp_path / "2_poison.txt").write_text("KILL-THE-WORKER: rockets hit Erbil on Friday.")
    result = run_cli("ingest", "--jobs", "2", str(tmp_path))
    assert result.exit_code == 1, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert errors == [f"error: {tmp_path / '2_poison.txt'}: extraction failed: its worker process died"], result.output
    assert count(engine, "sources") == len(good)


def test_missing_path_and_unreachable_database_are_one_line_errors(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTDB_DATABASE_URL", "postgresql://postgres@127.0.0.1:1/nowhere")
    database.target.cache_clear()
    try:
        result = CliRunner().invoke(main, ["ingest", str(tmp_path / "missing.txt")])
    finally:
        database.target.cache_clear()
    assert result.exit_code == 1
    assert "cannot connect" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def varied_corpus(folder: Path, n: int) -> list[Path]:
    """n distinct articles made from the seeds (each gets its own reference line)."""
    seeds = sorted(SEED_ARTICLES.glob("*.txt"))
    paths = []
    for i in range(n):
        path = folder / f"a{i:04d}.txt"
        path.write_text(seeds[i % len(seeds)].read_text() + f"\nDispatch reference {i}.\n")
        paths.append(path)
    return paths


def env_for(url: str) -> dict[str, str]:
    return {**os.environ, "EVENTDB_DATABASE_URL": url}


def test_two_concurrent_ingests_over_overlapping_inputs_make_no_duplicates(fresh_db_url, empty_db_url, engine, tmp_path):
    corpus = varied_corpus(tmp_path, 30)
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    for p in corpus[:20]:
        (first / p.name).write_text(p.read_text())
    for p in corpus[10:]:
        (second / p.name).write_text(p.read_text())
    procs = [subprocess.Popen([sys.executable, "-m", "eventdb", "ingest", str(d)], env=env_for(fresh_db_url),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for d in (first, second)]
    outputs = [p.communicate(timeout=240) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    concurrent = counts(engine)
    assert concurrent["sources"] == 30

    # The same articles ingested by one process give the same rows.
    database.upgrade(empty_db_url)
    subprocess.run([sys.executable, "-m", "eventdb", "ingest", str(first), str(second)], env=env_for(empty_db_url), check=True, capture_output=True)
    sequential_engine = database.make_engine(empty_db_url)
    assert counts(sequential_engine) == concurrent
    # and the same public incident ids, whichever process got to an incident first
    public_ids = "SELECT public_id, status FROM incidents ORDER BY public_id"
    with engine.connect() as conn, sequential_engine.connect() as seq:
        assert conn.execute(text(public_ids)).all() == seq.execute(text(public_ids)).all()
    sequential_engine.dispose()


def test_killed_ingest_leaves_only_whole_articles_and_a_rerun_finishes(fresh_db_url, engine, tmp_path):
    corpus = varied_corpus(tmp_path, 150)
    proc = subprocess.Popen([sys.executable, "-m", "eventdb", "ingest", str(tmp_path)], env=env_for(fresh_db_url),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while count(engine, "sources") < 5 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    stored = count(engine, "sources")
    assert 0 < stored < len(corpus)

    reference = default_reference()
    with engine.connect() as conn:
        rows = conn.execute(text("""
            SELECT s.origin, count(c.id) AS claims FROM sources s LEFT JOIN claims c ON c.source_id = s.id GROUP BY s.origin""")).all()
    for origin, claims in rows:
        article = next(a for a in read_path(origin))
        ext = extract(article, reference)
        assert claims == len(ext.incidents) + len(ext.claims) + len(ext.affiliations), origin

    rerun = subprocess.run([sys.executable, "-m", "eventdb", "ingest", str(tmp_path)], env=env_for(fresh_db_url), capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert f"unchanged {stored}" in rerun.stdout
    assert count(engine, "sources") == len(corpus)


def test_lost_connection_stops_the_batch_with_a_clear_error(fresh_db_url, engine, tmp_path, server_url):
    varied_corpus(tmp_path, 6)
    name = database.make_engine(fresh_db_url).url.database
    admin = database.make_engine(server_url)
    seen = []

    def cut_after_first(summary, error):
        seen.append(summary.added)
        if summary.added == 1:
            with admin.connect() as conn:
                conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
                conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n AND pid <> pg_backend_pid()"), {"n": name})
                conn.commit()

    try:
        summary = ingest(engine, [str(tmp_path)], progress=cut_after_first)
        assert summary.stopped and summary.stopped.startswith("lost the database connection"), summary.stopped
        assert summary.interrupt is None
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
            conn.commit()
        admin.dispose()
    engine.dispose()
    assert count(engine, "sources") == 1


def test_serialization_failures_are_retried_on_the_batch_connection_which_is_returned_as_found(engine, monkeypatch):
    from eventdb import store

    real, calls = store.store_article, []

    def fails_once(conn, article, extraction, ctx):
        calls.append(article.origin)
        if len(calls) == 1:  # as a concurrent ingest can make it fail, after part of the article was written
            real(conn, article, extraction, ctx)
            conn.execute(text("DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = 'serialization_failure'; END $$"))
        return real(conn, article, extraction, ctx)

    monkeypatch.setattr(store, "store_article", fails_once)
    lifo = create_engine(engine.url, pool_use_lifo=True)  # hands out the connection returned last: the batch's
    try:
        summary = ingest(lifo, [str(SEED_ARTICLES)])
        assert (summary.added, summary.failed, len(calls)) == (5, 0, 6)
        assert count(engine, "sources") == 5
        with lifo.connect() as conn:  # the session setting made for storing does not leak into the pool
            assert conn.execute(text("SHOW synchronous_commit")).scalar() == "on"
    finally:
        lifo.dispose()


def test_reextract_supersedes_older_claims_and_keeps_incident_links(use_db, engine, monkeypatch):
    import eventdb.ingest

    assert run_cli("ingest", str(SEED_ARTICLES)).exit_code == 0
    old_claims = count(engine, "claims")
    incidents = count(engine, "incidents")
    monkeypatch.setattr(eventdb.ingest, "EXTRACTOR_VERSION", "rules-next")
    result = run_cli("reextract")
    assert result.exit_code == 0, result.output
    assert "read 5" in result.output
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM claims WHERE superseded_at IS NOT NULL")).scalar() == old_claims
        current = conn.execute(text("SELECT extractor_version, count(*), count(incident_id) FILTER (WHERE claim_type = 'incident_report') FROM claims WHERE superseded_at IS NULL GROUP BY 1")).all()
        assert [r[0] for r in current] == ["rules-next"]
        assert current[0][1] == old_claims
        reports = conn.execute(text("SELECT count(*) FROM claims WHERE superseded_at IS NULL AND claim_type = 'incident_report'")).scalar()
        assert current[0][2] == reports
        assert set(conn.execute(text("SELECT extractor_version FROM sources")).scalars()) == {"rules-next"}
    assert count(engine, "sources") == 5
    with engine.connect() as conn:  # the links follow: no incident is left without current claims
        orphans = conn.execute(text("""
            SELECT count(*) FROM incidents i
            WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.incident_id = i.id AND c.superseded_at IS NULL)""")).scalar()
    assert orphans == 0 and count(engine, "incidents") == incidents
    # nothing left to do: a second run reads nothing
    assert "read 0" in run_cli("reextract").output


def test_stdin_with_command_line_metadata(use_db, engine):
    text_ = (SEED_ARTICLES / "004_d9cf89ebf1156292.txt").read_bytes()
    result = run_cli("ingest", "-", "--published", "2024-04-15", "--url", "https://example.org/a", "--outlet", "mosaicmagazine.com", input=text_)
    assert result.exit_code == 0, result.output
    with engine.connect() as conn:
        row = conn.execute(text("SELECT s.origin, s.url, s.published_on, o.key FROM sources s JOIN outlets o ON o.id = s.outlet_id")).one()
    assert row.origin == "<stdin>" and row.url == "https://example.org/a" and str(row.published_on) == "2024-04-15"
    assert row.key == "mosaicmagazine.com"


def test_url_option_with_several_inputs_is_a_usage_error_before_any_work(use_db, engine):
    for args in ([str(SEED_ARTICLES)], [str(p) for p in sorted(SEED_ARTICLES.glob("*.txt"))[:2]]):
        result = run_cli("ingest", *args, "--url", "https://example.org/one")
        assert result.exit_code == 2, result.output
        assert "--url names a single article" in result.output
    assert count(engine, "sources") == 0 and count(engine, "ingest_runs") == 0


def test_url_option_refuses_to_label_several_articles_of_one_file(use_db, engine, tmp_path):
    records = [json.dumps({"text": f"Rockets hit the base near Erbil on day {i}."}) for i in range(2)]
    (tmp_path / "two.jsonl").write_text("\n".join(records))
    result = run_cli("ingest", str(tmp_path / "two.jsonl"), "--url", "https://example.org/one")
    assert result.exit_code == 1
    assert "--url names a single article" in result.output
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM sources WHERE url = 'https://example.org/one'")).scalar() == 1


def test_usage_errors_exit_2():
    assert CliRunner().invoke(main, ["ingest"]).exit_code == 2
    assert CliRunner().invoke(main, ["ingest", "x.txt", "--published", "last tuesday"]).exit_code == 2
