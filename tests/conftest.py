"""Test fixtures: every test run gets its own PostgreSQL database and drops it.

The server is `EVENTDB_TEST_DATABASE_URL` when set (CI: the local PostgreSQL
on 127.0.0.1:5432), else an embedded server in a temporary directory, else
(with EVENTDB_TEST_TESTCONTAINERS=1 and a Docker engine) a testcontainers one.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from eventdb import database

REPO = Path(__file__).resolve().parent.parent
SEED_ARTICLES = REPO / "seeds" / "articles"


def _server_url(tmp_root: Path) -> Iterator[str]:
    url = os.environ.get("EVENTDB_TEST_DATABASE_URL")
    if url:
        yield database.normalize_url(url)
        return
    if os.environ.get("EVENTDB_TEST_TESTCONTAINERS") == "1":
        from testcontainers.postgres import PostgresContainer

        with PostgresContainer("postgres:16", driver="psycopg") as pg:
            yield database.normalize_url(pg.get_connection_url())
        return
    admin = database.start_embedded(tmp_root / "embedded")
    yield str(make_url(admin).set(database="postgres").render_as_string(hide_password=False))


@pytest.fixture(scope="session")
def server_url(tmp_path_factory) -> Iterator[str]:
    """URL of a maintenance database on the test server."""
    yield from _server_url(tmp_path_factory.mktemp("pg"))


@pytest.fixture(scope="session")
def db_url(server_url) -> Iterator[str]:
    """A database of this test run's own, migrated to head, dropped at the end."""
    name = f"eventdb_test_{uuid.uuid4().hex[:10]}"
    database.create_database(server_url, name)
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    database.upgrade(url)
    yield url
    database.drop_database(server_url, name)


@pytest.fixture()
def empty_db_url(server_url) -> Iterator[str]:
    """A fresh, unmigrated database for one test."""
    name = f"eventdb_test_{uuid.uuid4().hex[:10]}"
    database.create_database(server_url, name)
    yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    database.drop_database(server_url, name)


@pytest.fixture()
def fresh_db_url(empty_db_url) -> str:
    """A fresh database migrated to head, for tests that need exact row counts."""
    database.upgrade(empty_db_url)
    return empty_db_url


@pytest.fixture()
def engine(fresh_db_url) -> Iterator[Engine]:
    eng = database.make_engine(fresh_db_url)
    yield eng
    eng.dispose()


@pytest.fixture()
def use_db(fresh_db_url, monkeypatch) -> str:
    """Point eventdb's commands at a fresh migrated database."""
    monkeypatch.setenv("EVENTDB_DATABASE_URL", fresh_db_url)
    database.target.cache_clear()
    yield fresh_db_url
    database.target.cache_clear()


def count(engine: Engine, table: str) -> int:
    with engine.connect() as conn:
        return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
