"""Database roles for people and tools that use the database without owning it.

A role kind (`RoleKind`) is the list of grants that make a role what it is: a
*reader* may read the `reports` views and nothing else. Every kind goes
through the same checks (`refusal`) and the same clean-up, so a new kind only
states its grants (a *curator* also records judgements, see CURATOR):

- refused: the role eventdb connects as (or one it belongs to), superusers and
  roles with CREATEDB, CREATEROLE, REPLICATION or BYPASSRLS, members of any
  other role (pg_read_all_data, pg_write_all_data, an application role...),
  and owners of the database or of anything in it: for all of these "nothing
  else" could not hold.
- cleaned: privileges the role holds on tables, sequences and schemas of this
  database, and CREATE/TEMPORARY on it, are revoked before the kind's grants.
- no creating: after the grants, the role must not be able to create anything
  (a schema, a table in any schema, a temporary table, a large object), even
  in a `BEGIN READ WRITE` transaction. Where that right comes from PUBLIC, the
  fix is database-wide, so it is refused unless `revoke_public` asks for it.
- settings: read-only transactions by default (for read-only kinds) and a
  statement timeout, set for the role in this database only.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

# Functions that create large objects; PUBLIC may execute them in a stock PostgreSQL.
LARGE_OBJECT_CREATORS = ("lo_create(oid)", "lo_creat(integer)", "lo_from_bytea(oid, bytea)")
_ATTRIBUTES = (("rolsuper", "SUPERUSER"), ("rolcreatedb", "CREATEDB"), ("rolcreaterole", "CREATEROLE"),
               ("rolreplication", "REPLICATION"), ("rolbypassrls", "BYPASSRLS"))


_MEMBER_OF = text("""
    WITH RECURSIVE up(roleid) AS (
        SELECT roleid FROM pg_auth_members WHERE member = (SELECT oid FROM pg_roles WHERE rolname = current_user)
        UNION SELECT m.roleid FROM pg_auth_members m JOIN up ON m.member = up.roleid)
    SELECT EXISTS (SELECT 1 FROM up WHERE roleid = :oid)""")


class RoleError(Exception):
    """A role that cannot be given this kind safely, with the reason; nothing was changed."""


@dataclass(frozen=True)
class RoleKind:
    """What a kind of role may do: its grants as templates over {role} and {database}."""

    name: str
    grants: tuple[str, ...]
    read_only: bool = True


READER = RoleKind("reader", grants=(
    "GRANT CONNECT ON DATABASE {database} TO {role}",
    "GRANT USAGE ON SCHEMA reports TO {role}",
    "GRANT SELECT ON ALL TABLES IN SCHEMA reports TO {role}",
    # Views re-created later by this same role (`views sync`, a migration, a downgrade and upgrade:
    # the schema and these defaults stay) are readable again without a new grant.
    "ALTER DEFAULT PRIVILEGES IN SCHEMA reports GRANT SELECT ON TABLES TO {role}",
))


# A curator reads everything and records judgements (`eventdb curate`): it writes judgements, the
# incidents they re-derive, and on claims only the columns judgements set, never an article or a
# quote, and it cannot ingest. (incident_history is written by a SECURITY DEFINER trigger.)
CURATOR = RoleKind("curator", read_only=False, grants=READER.grants + (
    "GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}",
    "GRANT INSERT, UPDATE ON judgements, incidents, incident_redirects, incident_merges TO {role}",
    "GRANT UPDATE (incident_id, place_id, country_code, claimant_actor_id, stance, event_type, outcome, occurred_on,"
    " date_precision, killed, injured, projectiles, rejected, extracted, judgement_ids) ON claims TO {role}",
    "GRANT INSERT, UPDATE (actor_id), DELETE ON claim_actors TO {role}",
    "GRANT USAGE ON SEQUENCE judgements_id_seq, incidents_id_seq TO {role}",
))


@dataclass(frozen=True)
class RoleOptions:
    password: str | None = None  # None keeps the current one (or none, for peer/trust authentication)
    statement_timeout_s: int = 60
    revoke_public: bool = False  # allowed to revoke creation rights from PUBLIC in this database


def new_password() -> str:
    return secrets.token_urlsafe(18)


def grant_reader(connection: Connection, role: str, options: RoleOptions = RoleOptions()) -> list[str]:
    return grant_role(connection, READER, role, options)


def grant_curator(connection: Connection, role: str, options: RoleOptions = RoleOptions()) -> list[str]:
    return grant_role(connection, CURATOR, role, options)


def grant_role(connection: Connection, kind: RoleKind, role: str, options: RoleOptions) -> list[str]:
    """Create (or update) ROLE as a login of this kind in the caller's transaction; returns the
    statements run, password masked. Raises RoleError (the caller rolls back) when it cannot be safe."""
    reason = refusal(connection, role)
    if reason:
        raise RoleError(f"role {role!r} {reason}; a {kind.name} role must have no other rights: choose another name")
    statements = _login(connection, role, options.password) + _cleanup(connection, role)
    statements += [_compose(connection, t, role) for t in kind.grants]
    statements += _settings(connection, role, kind, options)
    _run(connection, statements)
    leaks = creation_rights(connection, role)
    if leaks:
        if not options.revoke_public:
            raise RoleError(
                f"role {role!r} could still create {', '.join(what for what, _ in leaks)}, a right every role has "
                "here through PUBLIC; re-run with --revoke-public to revoke it from PUBLIC in this database "
                "(roles without their own grant lose it too). Nothing was changed")
        public = [statement for _, statement in leaks]
        _run(connection, public)
        statements += public
        still = creation_rights(connection, role)
        if still:
            raise RoleError(f"role {role!r} can still create {', '.join(w for w, _ in still)}; nothing was changed")
    return [_masked(s) for s in statements]


def refusal(connection: Connection, role: str) -> str | None:
    """Why ROLE must not become a restricted role, or None. Shared by every kind."""
    row = connection.execute(text(
        "SELECT oid, rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls FROM pg_roles WHERE rolname = :r"),
        {"r": role}).first()
    if row is None:
        return None  # a new role has nothing yet
    me = connection.execute(text("SELECT current_user, session_user")).one()
    if role in tuple(me):
        return "is the role eventdb connects as (restricting it would take eventdb's own rights)"
    if connection.execute(_MEMBER_OF, {"oid": row.oid}).scalar_one():  # pg_has_role says yes for any superuser
        return f"is a role that eventdb's role {me[0]!r} belongs to (restricting it would take eventdb's own rights)"
    attributes = [name for column, name in _ATTRIBUTES if getattr(row, column)]
    if attributes:
        return f"has {', '.join(attributes)}"
    groups = connection.execute(text("""
        SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
        WHERE m.member = :oid ORDER BY 1"""), {"oid": row.oid}).scalars().all()
    if groups:
        return f"is a member of {', '.join(groups)} and has its rights"
    owned = connection.execute(text("""
        SELECT (SELECT count(*) FROM pg_shdepend d
                WHERE d.refobjid = :oid AND d.deptype = 'o'
                  AND d.dbid = (SELECT oid FROM pg_database WHERE datname = current_database()))
             + (SELECT count(*) FROM pg_database WHERE datname = current_database() AND datdba = :oid)"""),
        {"oid": row.oid}).scalar_one()
    if owned:
        return f"owns {owned} objects in this database (an owner has every right on them)"
    return None


def creation_rights(connection: Connection, role: str) -> list[tuple[str, str]]:
    """What ROLE can still create here, each with the database-wide REVOKE that would stop it."""
    found: list[tuple[str, str]] = []
    if connection.execute(text("SELECT has_database_privilege(:r, current_database(), 'TEMPORARY')"), {"r": role}).scalar_one():
        found.append(("temporary tables", _compose(connection, "REVOKE TEMPORARY ON DATABASE {database} FROM PUBLIC", role)))
    if connection.execute(text("SELECT has_database_privilege(:r, current_database(), 'CREATE')"), {"r": role}).scalar_one():
        found.append(("schemas", _compose(connection, "REVOKE CREATE ON DATABASE {database} FROM PUBLIC", role)))
    schemas = connection.execute(text("""
        SELECT nspname FROM pg_namespace
        WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' AND has_schema_privilege(:r, oid, 'CREATE')
        ORDER BY 1"""), {"r": role}).scalars().all()
    for schema in schemas:
        found.append((f"objects in schema {schema}", _compose(connection, "REVOKE CREATE ON SCHEMA {0} FROM PUBLIC", role, _ident(schema))))
    for function in LARGE_OBJECT_CREATORS:
        if connection.execute(text("SELECT has_function_privilege(:r, :f, 'EXECUTE')"), {"r": role, "f": f"pg_catalog.{function}"}).scalar_one():
            found.append((f"large objects ({function.split('(')[0]})",
                          f"REVOKE EXECUTE ON FUNCTION pg_catalog.{function} FROM PUBLIC"))
    return found


def _login(connection: Connection, role: str, password: str | None) -> list[str]:
    from psycopg import sql

    exists = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).scalar()
    verb = "ALTER" if exists else "CREATE"
    template = verb + " ROLE {role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"
    if password is None:
        return [_compose(connection, template, role)]
    return [_compose(connection, template + " PASSWORD {0}", role, sql.Literal(password))]


def _cleanup(connection: Connection, role: str) -> list[str]:
    """Revoke what the role itself holds in this database (its own grants only: nothing database-wide)."""
    schemas = connection.execute(text("""
        SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'
        ORDER BY 1""")).scalars().all()
    statements = [_compose(connection, "REVOKE CREATE, TEMPORARY ON DATABASE {database} FROM {role}", role)]
    for schema in schemas:
        for template in ("REVOKE ALL ON ALL TABLES IN SCHEMA {0} FROM {role}",
                         "REVOKE ALL ON ALL SEQUENCES IN SCHEMA {0} FROM {role}",
                         "REVOKE ALL ON SCHEMA {0} FROM {role}"):
            statements.append(_compose(connection, template, role, _ident(schema)))
    return statements


def _settings(connection: Connection, role: str, kind: RoleKind, options: RoleOptions) -> list[str]:
    from psycopg import sql

    statements = []
    setting = "on" if kind.read_only else "off"  # a reader made a curator can write again
    statements.append(_compose(connection, f"ALTER ROLE {{role}} IN DATABASE {{database}} SET default_transaction_read_only = {setting}", role))
    statements.append(_compose(connection, "ALTER ROLE {role} IN DATABASE {database} SET statement_timeout = {0}", role,
                               sql.Literal(f"{options.statement_timeout_s}s")))
    return statements


def _ident(name: str) -> Any:
    from psycopg import sql

    return sql.Identifier(name)


def _compose(connection: Connection, template: str, role: str, *parts: Any) -> str:
    """Render DDL with identifiers and literals quoted by psycopg (DDL takes no bind parameters)."""
    from psycopg import sql

    database = connection.execute(text("SELECT current_database()")).scalar_one()
    return sql.SQL(template).format(*parts, role=sql.Identifier(role), database=sql.Identifier(database)).as_string(
        connection.connection.driver_connection)


def _run(connection: Connection, statements: list[str]) -> None:
    for statement in statements:
        connection.exec_driver_sql(statement)


def _masked(statement: str) -> str:
    return statement.split(" PASSWORD ")[0] + " PASSWORD '…'" if " PASSWORD " in statement else statement
