"""`eventdb db serve`: a BI tool's view of the embedded database, from another process over TCP."""

from __future__ import annotations

import os
import queue
import signal
import stat
import subprocess
import sys
import threading
import time

import psycopg
import pytest

from eventdb import serve
from tests.conftest import SEED_ARTICLES
from tests.test_embedded import eventdb

SETTING_KEYS = ("host", "port", "database", "user", "password")


def _lines(stream, out: queue.Queue) -> None:
    for line in stream:
        out.put(line)


def read_settings(proc: subprocess.Popen, lines: queue.Queue, timeout: float = 240.0) -> dict[str, str]:
    """The settings block `db serve` prints, as a person reads it: 'key  value' lines up to the URL."""
    settings: dict[str, str] = {}
    deadline = time.monotonic() + timeout
    while "URL" not in settings:
        try:
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
        except queue.Empty:
            raise AssertionError(f"no settings printed; stderr: {proc.stderr.read() if proc.poll() is not None else ''}")
        parts = line.split(None, 1)
        if len(parts) == 2 and parts[0] in SETTING_KEYS + ("URL",):
            settings[parts[0]] = parts[1].strip()
    return settings


@pytest.mark.slow
def test_serve_is_reached_over_tcp_from_another_process_and_stops_on_sigint(tmp_path):
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if k != "EVENTDB_DATABASE_URL"}
    env["EVENTDB_HOME"] = str(home)
    proc = subprocess.Popen([sys.executable, "-m", "eventdb", "db", "serve"], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_lines, args=(proc.stdout, lines), daemon=True).start()
    try:
        s = read_settings(proc, lines)
        assert s["host"] == "127.0.0.1" and s["database"] == "eventdb"
        assert s["URL"] == f"postgresql://{s['user']}:{s['password']}@{s['host']}:{s['port']}/{s['database']}"
        secret = home / serve.PASSWORD_FILE
        assert secret.read_text().strip() == s["password"]
        assert stat.S_IMODE(secret.stat().st_mode) == 0o600

        # Another eventdb command joins the served server (through its socket) and stores an article.
        ingest = eventdb(home, "ingest", str(SEED_ARTICLES / "000_f7ffbde51d67eb2b.txt"))
        assert ingest.returncode == 0 and "added 1" in ingest.stdout, ingest.stderr
        assert eventdb(home, "db", "url", "--show-password").stdout.strip() == s["URL"].replace(
            "postgresql://", "postgresql+psycopg://")

        # A BI tool: TCP, the printed settings, the reports views.
        tcp = dict(host=s["host"], port=int(s["port"]), dbname=s["database"], user=s["user"], connect_timeout=10)
        with psycopg.connect(password=s["password"], **tcp) as conn:
            rows = conn.execute("SELECT incident_id, occurred_on, place FROM reports.incidents").fetchall()
        assert len(rows) >= 1
        with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
            psycopg.connect(password="not-the-password", **tcp).close()

        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=120) == 0
        assert "server stopped" in proc.stderr.read()
        assert not (home / "pgdata" / "postmaster.pid").exists()
        with pytest.raises(psycopg.OperationalError):
            psycopg.connect(password=s["password"], **tcp).close()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_serve_refuses_an_external_database(tmp_path):
    env_home = tmp_path / "home"
    result = subprocess.run([sys.executable, "-m", "eventdb", "db", "serve"], capture_output=True, text=True,
                            env={**os.environ, "EVENTDB_HOME": str(env_home),
                                 "EVENTDB_DATABASE_URL": "postgresql://nobody@127.0.0.1:1/x"}, timeout=60)
    assert result.returncode == 1 and "EVENTDB_DATABASE_URL is set" in result.stderr
    assert not env_home.exists()


def test_password_is_generated_once_and_private(tmp_path):
    first = serve.password(tmp_path)
    assert len(first) >= 24 and serve.password(tmp_path) == first
    assert stat.S_IMODE((tmp_path / serve.PASSWORD_FILE).stat().st_mode) == 0o600


def test_port_remembered_when_free_and_refused_when_taken(tmp_path):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = busy.getsockname()[1]
        with pytest.raises(serve.ServeError, match=f"port {taken} .* in use"):
            serve.choose_port(tmp_path, taken)
        (tmp_path / serve.PORT_FILE).write_text(f"{taken}\n")
        assert serve.choose_port(tmp_path, None) != taken  # remembered but busy: another one
    assert serve.choose_port(tmp_path, None) == taken  # free again: the same one, so BI settings hold
