"""Real processes: kill -9 of a parallel ingest leaves nothing behind, SIGINT/SIGTERM stop cleanly
with the summary so far, a lock held elsewhere is waited on with a bound and the holder is named."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from eventdb import database, store
from tests.conftest import count
from tests.test_ingest import env_for, varied_corpus


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_until(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def sessions(engine) -> set[int]:
    """Backend pids of the sessions on the test's database (this test's own pooled one included)."""
    with engine.connect() as conn:
        return set(conn.execute(text("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")).scalars())


def start_ingest(url: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "eventdb", "ingest", *args], env=env_for(url),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_kill_9_of_a_parallel_ingest_leaves_no_worker_no_session_and_the_next_ingest_finishes(fresh_db_url, engine, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    varied_corpus(first, 400)
    for i, path in enumerate(varied_corpus(second, 3)):
        path.write_text(path.read_text() + f"\nSecond batch {i}.\n")
    before = sessions(engine)
    proc = start_ingest(fresh_db_url, "--jobs", "2", str(first))
    try:
        assert wait_until(lambda: count(engine, "sources") >= 3, 120), proc.stderr.read() if proc.poll() else "no article stored"
        workers = children(proc.pid)
        assert len(workers) >= 2, workers
    finally:
        proc.kill()
        proc.wait()
    assert wait_until(lambda: not any(alive(w) for w in workers), 10), "workers outlived their parent"
    assert wait_until(lambda: sessions(engine) <= before, 10), "the killed ingest's session lives on"

    started = time.monotonic()
    after = subprocess.run([sys.executable, "-m", "eventdb", "ingest", str(second)], env=env_for(fresh_db_url),
                           capture_output=True, text=True, timeout=60)
    elapsed = time.monotonic() - started
    assert after.returncode == 0, after.stderr
    assert "read 3," in after.stdout and "failed 0" in after.stdout
    assert elapsed < 30, f"the next ingest took {elapsed:.0f} s"


@pytest.mark.slow
@pytest.mark.parametrize("signum, code, jobs", [(signal.SIGINT, 130, "2"), (signal.SIGTERM, 143, "1")])
def test_a_signal_stops_the_batch_with_the_summary_so_far(fresh_db_url, engine, tmp_path, signum, code, jobs):
    varied_corpus(tmp_path, 400)
    proc = start_ingest(fresh_db_url, "--jobs", jobs, str(tmp_path))
    try:
        assert wait_until(lambda: count(engine, "sources") >= 2, 120)
        workers = children(proc.pid)
        proc.send_signal(signum)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == code, err
    assert "Traceback" not in err and "Traceback" not in out
    name = signal.Signals(signum).name
    assert f"batch stopped, interrupted by {name}" in err
    assert out.startswith("stopped early: read ")
    stored = count(engine, "sources")
    assert 2 <= stored < 400 and f"read {stored}," in out and "failed 0" in out  # (a revised url is a new source too)
    with engine.connect() as conn:
        run = conn.execute(text("SELECT finished_at, articles_added + articles_updated AS n, errors FROM ingest_runs")).one()
    assert run.finished_at is not None and run.n == stored
    assert run.errors[-1]["reason"] == f"batch stopped: interrupted by {name}"
    assert wait_until(lambda: not any(alive(w) for w in workers), 10)


def test_a_lock_held_elsewhere_is_waited_on_with_a_bound_and_its_holder_named(use_db, engine, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from eventdb.cli import main

    varied_corpus(tmp_path, 2)
    monkeypatch.setenv("EVENTDB_LOCK_TIMEOUT", "1")
    holder = database.make_engine(use_db)
    try:
        with holder.connect() as conn:
            conn.execute(text("SET application_name = 'the-stuck-one'"))
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": store.INCIDENT_LOCK})
            pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
            time.sleep(1.2)  # the holder's transaction is older than the wait
            started = time.monotonic()
            result = CliRunner().invoke(main, ["ingest", str(tmp_path)])
            elapsed = time.monotonic() - started
            conn.rollback()
    finally:
        holder.dispose()
    assert result.exit_code == 1, result.output
    assert f"waited 1 s for a lock held by pid {pid} (the-stuck-one" in result.output
    assert f"pg_terminate_backend({pid})" in result.output
    assert "stopped early" in result.output and "Traceback" not in result.output
    assert elapsed < 30
    assert count(engine, "sources") == 0


def test_a_special_file_given_as_a_path_is_refused_at_once(use_db, engine, tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    varied_corpus(tmp_path, 1)
    result = subprocess.run([sys.executable, "-m", "eventdb", "ingest", str(fifo), "/dev/zero", str(tmp_path / "a0000.txt")],
                            env=env_for(use_db), capture_output=True, text=True, timeout=60)
    assert result.returncode == 1, result.stderr
    assert f"error: {fifo}: not a regular file (a FIFO): refused" in result.stderr
    assert "error: /dev/zero: not a regular file (a character device): refused" in result.stderr
    assert count(engine, "sources") == 1


def test_a_small_batch_starts_no_worker_processes(monkeypatch):
    from eventdb import workers
    from eventdb.assertions import Article
    from eventdb.ingest import SMALL_BATCH, extracted

    monkeypatch.setattr(workers, "new_pool", lambda jobs: pytest.fail("worker processes started for a small batch"))
    items = [Article(text=f"Rockets hit the base on day {i}.", origin=f"a{i}") for i in range(SMALL_BATCH - 1)]
    assert [article.origin for article, _, _ in extracted(items, jobs=2)] == [a.origin for a in items]
