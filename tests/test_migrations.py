"""Migrations go up and down cleanly, and the schema documents itself."""

from __future__ import annotations

from sqlalchemy import text

from eventdb import database


def _tables(engine) -> set[str]:
    with engine.connect() as conn:
        return set(conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars())


def test_upgrade_downgrade_upgrade_on_empty_database(empty_db_url):
    engine = database.make_engine(empty_db_url)
    database.upgrade(empty_db_url)
    assert database.current_revision(engine) == database.head_revision()
    assert {"sources", "claims", "incidents", "actors", "affiliations", "places", "statistics"} <= _tables(engine)

    database.downgrade(empty_db_url, "base")
    assert database.current_revision(engine) is None
    assert _tables(engine) <= {"alembic_version"}

    database.upgrade(empty_db_url)
    assert database.current_revision(engine) == database.head_revision()
    engine.dispose()


def test_every_table_and_column_has_a_comment(fresh_db_url):
    engine = database.make_engine(fresh_db_url)
    with engine.connect() as conn:
        tables = conn.execute(text("""
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'alembic_version'
              AND obj_description(c.oid, 'pg_class') IS NULL""")).scalars().all()
        columns = conn.execute(text("""
            SELECT c.relname || '.' || a.attname FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'alembic_version'
              AND a.attnum > 0 AND NOT a.attisdropped
              AND col_description(c.oid, a.attnum) IS NULL""")).scalars().all()
    engine.dispose()
    assert tables == []
    assert columns == []


def test_external_database_behind_is_not_migrated_silently(empty_db_url, monkeypatch):
    monkeypatch.setenv("EVENTDB_DATABASE_URL", empty_db_url)
    database.target.cache_clear()
    try:
        try:
            database.connect()
        except database.SchemaBehind as exc:
            assert "eventdb db upgrade" in str(exc)
        else:
            raise AssertionError("connect() migrated or accepted an empty external database")
        engine = database.make_engine(empty_db_url)
        assert database.current_revision(engine) is None
        engine.dispose()
    finally:
        database.target.cache_clear()


def test_migrations_match_the_models(fresh_db_url):
    """The migrated schema is what eventdb/models.py declares: no drift between the two."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from eventdb.models import Base

    engine = database.make_engine(fresh_db_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    engine.dispose()
    assert diff == []


def test_place_admin1_migration_up_and_down(empty_db_url):
    """0005 adds places.admin1_code / admin1, which the views read once the schema is at head (migrations/env.py
    creates them there); its downgrade removes both columns (and the views, which this checkout's sql/ files
    cannot create without them)."""
    engine = database.make_engine(empty_db_url)

    def place_columns() -> set[str]:
        with engine.connect() as conn:
            return set(conn.execute(text(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'places'")).scalars())

    def incident_view_columns() -> set[str]:
        with engine.connect() as conn:
            return set(conn.execute(text(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'reports' AND table_name = 'incidents'")).scalars())

    try:
        database.upgrade(empty_db_url, "0005_place_admin1")
        assert {"admin1_code", "admin1"} <= place_columns()
        database.upgrade(empty_db_url)
        assert {"admin1_code", "admin1"} <= incident_view_columns()
        database.downgrade(empty_db_url, "0004_views_date_text")
        assert not {"admin1_code", "admin1"} & place_columns()
        assert incident_view_columns() == set()
        database.upgrade(empty_db_url)
        assert {"admin1_code", "admin1"} <= place_columns() and "admin1" in incident_view_columns()
    finally:
        engine.dispose()
