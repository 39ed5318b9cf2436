"""`eventdb grant-reader`: whom it refuses, what its reader can and cannot do, what it changes."""

from __future__ import annotations

import uuid

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from eventdb import database
from eventdb.cli import main
from tests.test_reports import data_db  # noqa: F401 - the fixture


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def sql(url: str, *statements: str):
    engine = database.make_engine(url)
    try:
        with engine.begin() as conn:
            return [conn.execute(text(s)).all() if s.lstrip().upper().startswith("SELECT") else conn.execute(text(s))
                    for s in statements][-1]
    finally:
        engine.dispose()


@pytest.fixture()
def role_name(data_db):
    """A role name of this test's own; the role (made by the test or by grant-reader) is dropped after."""
    names: list[str] = []

    def make() -> str:
        names.append(f"eventdb_t13_{uuid.uuid4().hex[:8]}")
        return names[-1]

    yield make
    admin = database.make_engine(data_db)
    with admin.begin() as conn:
        for name in names:
            if conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": name}).scalar():
                conn.exec_driver_sql(f'DROP OWNED BY "{name}"')
                conn.exec_driver_sql(f'DROP ROLE "{name}"')
    admin.dispose()


def as_role(url: str, role: str, read_write: bool = False):
    options = {"options": "-c default_transaction_read_only=off"} if read_write else {}
    return create_engine(make_url(url).set(username=role, password="x"), connect_args=options)


def test_refuses_the_role_eventdb_connects_as_and_changes_nothing(data_db):
    me = sql(data_db, "SELECT current_user")[0][0]
    result = run("grant-reader", me, "--revoke-public")
    assert result.exit_code == 1
    assert "is the role eventdb connects as" in result.output and "Traceback" not in result.output
    assert run("report", "incidents").exit_code == 0  # eventdb's own rights are intact


@pytest.mark.parametrize("setup, words", [
    ('CREATE ROLE "{r}" SUPERUSER', "SUPERUSER"),
    ('CREATE ROLE "{r}" CREATEROLE', "CREATEROLE"),
    ('CREATE ROLE "{r}" LOGIN IN ROLE pg_read_all_data', "member of pg_read_all_data"),
    ('CREATE ROLE "{r}" LOGIN IN ROLE pg_write_all_data', "member of pg_write_all_data"),
    ('CREATE ROLE "{r}" LOGIN; CREATE TABLE public."{r}_own" (x int); ALTER TABLE public."{r}_own" OWNER TO "{r}"', "owns 1 objects"),
])
def test_refuses_privileged_roles_and_owners(data_db, role_name, setup, words):
    role = role_name()
    for statement in setup.format(r=role).split(";"):
        sql(data_db, statement)
    result = run("grant-reader", role, "--revoke-public")
    assert result.exit_code == 1, result.output
    assert words in result.output
    # Nothing was granted: no CONNECT or USAGE given, no setting made.
    granted = f"SELECT count(*) FROM pg_namespace, aclexplode(nspacl) a WHERE nspname = 'reports' AND a.grantee = '{role}'::regrole"
    assert sql(data_db, granted)[0][0] == 0
    assert sql(data_db, f"SELECT count(*) FROM pg_db_role_setting WHERE setrole = '{role}'::regrole")[0][0] == 0


def test_without_revoke_public_a_stock_database_is_refused_and_left_as_it_was(data_db, role_name):
    role = role_name()
    public_acl = "SELECT datacl::text FROM pg_database WHERE datname = current_database()"
    before = sql(data_db, public_acl)
    result = run("grant-reader", role)
    assert result.exit_code == 1
    assert "temporary tables" in result.output and "large objects" in result.output and "--revoke-public" in result.output
    assert sql(data_db, public_acl) == before
    assert sql(data_db, f"SELECT count(*) FROM pg_roles WHERE rolname = '{role}'")[0][0] == 0  # rolled back


def test_the_reader_reads_the_views_and_can_create_nothing(data_db, role_name, monkeypatch):
    role = role_name()
    monkeypatch.setenv("T13_PW", "pw-1")
    result = run("grant-reader", role, "--password-env", "T13_PW", "--revoke-public", "--statement-timeout", "7")
    assert result.exit_code == 0, result.output
    assert "pw-1" not in result.output
    reader, writable = as_role(data_db, role), as_role(data_db, role, read_write=True)
    try:
        with reader.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM reports.incidents")).scalar_one() == 5
            assert conn.execute(text("SHOW statement_timeout")).scalar_one() == "7s"
            assert conn.execute(text("SHOW default_transaction_read_only")).scalar_one() == "on"
        for statement in ("CREATE TEMP TABLE t (x int)", "CREATE TABLE public.t (x int)", "CREATE SCHEMA mine",
                          "CREATE VIEW reports.mine AS SELECT 1 AS x", "CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
                          "SELECT lo_create(0)", "SELECT lo_from_bytea(0, 'x')", "SELECT count(*) FROM public.claims",
                          "INSERT INTO reports.incidents (incident_id) VALUES (1)"):
            with writable.connect() as conn, pytest.raises(DBAPIError, match="permission denied|cannot insert"):
                conn.exec_driver_sql("BEGIN READ WRITE")
                conn.exec_driver_sql(statement)
    finally:
        reader.dispose()
        writable.dispose()


def test_a_second_reader_needs_no_database_wide_change(data_db, role_name):
    first, second = role_name(), role_name()
    assert run("grant-reader", first, "--revoke-public").exit_code == 0
    acls = """SELECT (SELECT array_agg(a.privilege_type ORDER BY 1) FROM pg_database, aclexplode(datacl) a
                      WHERE datname = current_database() AND a.grantee = 0),
                     (SELECT array_agg(nspname || ':' || a.privilege_type ORDER BY 1) FROM pg_namespace, aclexplode(nspacl) a
                      WHERE a.grantee = 0),
                     (SELECT proacl::text FROM pg_proc WHERE oid = 'pg_catalog.lo_create(oid)'::regprocedure)"""
    before = sql(data_db, acls)
    result = run("grant-reader", second)
    assert result.exit_code == 0, result.output
    assert "PUBLIC" not in result.output
    assert sql(data_db, acls) == before  # what PUBLIC may do is as it was


def test_grants_survive_a_downgrade_and_upgrade(data_db, role_name):
    role = role_name()
    assert run("grant-reader", role, "--revoke-public").exit_code == 0
    down = run("db", "downgrade", "0001", "--yes")  # later migrations add columns: the downgrade says so and needs --yes
    assert down.exit_code == 0, down.output
    assert run("db", "upgrade").exit_code == 0
    assert run("views", "sync").exit_code == 0
    reader = as_role(data_db, role)
    try:
        with reader.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM reports.contested_incidents")).scalar_one() == 3
    finally:
        reader.dispose()


def test_passwords_come_from_a_prompt_or_are_generated_never_from_the_command_line(data_db, role_name):
    role = role_name()
    on_command_line = run("grant-reader", role, "--password", "s3cret")
    assert on_command_line.exit_code == 2  # `s3cret` is an unexpected argument: no option takes a password

    prompted = run("grant-reader", role, "--password", "--revoke-public", input="pw-2\npw-2\n")
    assert prompted.exit_code == 0, prompted.output
    assert "pw-2" not in prompted.output.replace("password for", "")

    generated = run("grant-reader", role, "--generate-password")
    assert generated.exit_code == 0, generated.output
    line = [x for x in generated.output.splitlines() if "shown this once" in x]
    assert len(line) == 1 and len(line[0].rsplit(" ", 1)[1]) >= 20

    both = run("grant-reader", role, "--generate-password", "--password-env", "X")
    assert both.exit_code == 2
