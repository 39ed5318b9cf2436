"""The reports views: every sql/ file is applied, documented, migrated up and down, and synced safely."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from eventdb import database, views
from eventdb.resources import resource_path


def _reports_views(engine) -> set[str]:
    with engine.connect() as conn:
        return views.existing_views(conn)


def test_every_sql_file_is_applied_by_the_migrations(engine):
    files = {p.stem for p in resource_path("sql").glob("*.sql")}
    assert len(files) >= 8
    assert _reports_views(engine) == files


def test_every_view_and_view_column_has_a_comment(engine):
    with engine.connect() as conn:
        undocumented_views = [name for name, comment in views.view_descriptions(conn).items() if not comment.strip()]
        undocumented_columns = conn.execute(text("""
            SELECT c.relname || '.' || a.attname FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'reports' AND c.relkind = 'v' AND a.attnum > 0 AND NOT a.attisdropped
              AND COALESCE(col_description(c.oid, a.attnum), '') = ''""")).scalars().all()
    assert undocumented_views == []
    assert undocumented_columns == []


def test_dependencies_come_first():
    order = [vf.name for vf in views.view_files()]
    for vf in views.view_files():
        for dep in vf.depends:
            assert order.index(dep) < order.index(vf.name), f"{dep} must be created before {vf.name}"
    assert order.index("claims") < order.index("incident_disputes") < order.index("incidents")


def test_migration_0002_up_and_down_and_views_at_head(empty_db_url):
    engine = database.make_engine(empty_db_url)
    try:
        database.upgrade(empty_db_url, "0001")
        assert _reports_views(engine) == set()
        database.upgrade(empty_db_url, "0002")
        with engine.connect() as conn:  # the schema; its views come once the schema is at head
            assert conn.execute(text("SELECT count(*) FROM pg_namespace WHERE nspname = 'reports'")).scalar_one() == 1
        database.upgrade(empty_db_url)
        assert "incidents" in _reports_views(engine)
        database.downgrade(empty_db_url, "0001")
        assert _reports_views(engine) == set()
        with engine.connect() as conn:  # the schema stays, empty, with its grants (the readers' access)
            assert conn.execute(text("SELECT count(*) FROM pg_namespace WHERE nspname = 'reports'")).scalar_one() == 1
        database.upgrade(empty_db_url)
        assert "contested_incidents" in _reports_views(engine)
    finally:
        engine.dispose()


def test_sync_views_recreates_views_and_drops_strays(engine):
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE VIEW reports.leftover AS SELECT 1 AS x")
        names = views.sync_views(conn)
    assert "leftover" not in _reports_views(engine)
    assert set(names) == _reports_views(engine)


def _write(folder: Path, name: str, body: str, depends: str = "") -> None:
    header = f"-- depends: {depends}\n-- date-column:\n-- actor-columns:\n-- order-by:\n"
    (folder / f"{name}.sql").write_text(header + body)


def test_sync_views_fails_loudly_on_a_file_that_creates_no_view_of_its_name(engine, tmp_path):
    _write(tmp_path, "good", "CREATE VIEW reports.good AS SELECT 1 AS x;")
    _write(tmp_path, "misnamed", "CREATE VIEW reports.other_name AS SELECT 1 AS x;")
    with engine.begin() as conn, pytest.raises(views.ViewError, match="misnamed.sql did not create view reports.misnamed"):
        views.sync_views(conn, tmp_path)


def test_view_files_reject_unknown_dependencies_cycles_and_missing_headers(tmp_path):
    _write(tmp_path, "a", "CREATE VIEW reports.a AS SELECT 1 AS x;", depends="reports.nowhere")
    with pytest.raises(views.ViewError, match="nowhere"):
        views.view_files(tmp_path)
    _write(tmp_path, "a", "CREATE VIEW reports.a AS SELECT * FROM reports.b;", depends="reports.b")
    _write(tmp_path, "b", "CREATE VIEW reports.b AS SELECT * FROM reports.a;", depends="reports.a")
    with pytest.raises(views.ViewError, match="cycle"):
        views.view_files(tmp_path)
    (tmp_path / "b.sql").write_text("CREATE VIEW reports.b AS SELECT 1 AS x;")
    with pytest.raises(views.ViewError, match="header lacks"):
        views.view_files(tmp_path)


def test_failed_sync_keeps_the_old_views(engine, tmp_path):
    _write(tmp_path, "broken", "CREATE VIEW reports.broken AS SELECT no_such_column FROM incidents;")
    with pytest.raises(Exception):
        with engine.begin() as conn:
            views.sync_views(conn, tmp_path)
    assert "incidents" in _reports_views(engine)
