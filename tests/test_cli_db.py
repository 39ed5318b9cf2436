"""`eventdb db ...`: the URL in use, the revision, and migrating an external database on request."""

from __future__ import annotations

from click.testing import CliRunner
from sqlalchemy.engine import make_url

from eventdb import database
from eventdb.cli import main


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def with_url(monkeypatch, url: str) -> None:
    monkeypatch.setenv("EVENTDB_DATABASE_URL", url)
    database.target.cache_clear()


def test_db_url_masks_the_password(monkeypatch):
    with_url(monkeypatch, "postgresql://analyst:s3cret@db.example.org:5433/events")
    try:
        result = invoke("db", "url")
    finally:
        database.target.cache_clear()
    assert result.exit_code == 0
    assert "s3cret" not in result.output
    assert "analyst:***@db.example.org:5433/events" in result.output


def test_commands_refuse_a_behind_external_database_until_upgraded(empty_db_url, monkeypatch, tmp_path):
    with_url(monkeypatch, empty_db_url)
    try:
        current = invoke("db", "current")
        assert current.exit_code == 0 and current.output.startswith("base") and "behind" in current.output

        refused = invoke("ingest", str(tmp_path))
        assert refused.exit_code == 1
        assert "run `eventdb db upgrade`" in refused.output

        upgraded = invoke("db", "upgrade")
        assert upgraded.exit_code == 0, upgraded.output
        assert invoke("db", "current").output.startswith(database.head_revision())

        refused = invoke("db", "downgrade", "base")
        assert refused.exit_code == 1 and "add --yes" in refused.output and "public.sources 0" in refused.output
        assert invoke("db", "current").output.startswith(database.head_revision())

        down = invoke("db", "downgrade", "base", "--yes")
        assert down.exit_code == 0 and "base" in down.output and "dropped" in down.output
    finally:
        database.target.cache_clear()


def test_postgres_scheme_urls_are_accepted():
    assert make_url(database.normalize_url("postgres://u@h/d")).drivername == "postgresql+psycopg"
    assert make_url(database.normalize_url("postgresql+psycopg2://u@h/d")).drivername == "postgresql+psycopg"
