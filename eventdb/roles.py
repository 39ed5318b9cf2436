"""Database roles for people and tools that read the reports, and for curators who judge them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

from eventdb.reports import ReportError


def _compose(connection: Connection, template: str, *parts: Any) -> str:
    """Render DDL with identifiers and literals quoted by psycopg (DDL takes no bind parameters)."""
    from psycopg import sql

    return sql.SQL(template).format(*parts).as_string(connection.connection.driver_connection)


def grant_reader(connection: Connection, role: str, password: str | None = None) -> list[str]:
    """Create (or update) a login role that can read the reports views and nothing else.

    Views run with their owner's rights, so SELECT on the views suffices; the
    role gets no privilege on any table. Returns the statements run.
    """
    from psycopg import sql

    row = connection.execute(text("SELECT rolsuper FROM pg_roles WHERE rolname = :r"), {"r": role}).first()
    if row is not None and row.rolsuper:
        raise ReportError(f"role {role!r} is a superuser: a reader role must not be")
    ident = sql.Identifier(role)
    database = sql.Identifier(connection.execute(text("SELECT current_database()")).scalar_one())
    statements: list[str] = []
    if row is None:
        login = "CREATE ROLE {} LOGIN" + (" PASSWORD {}" if password else "")
        statements.append(_compose(connection, login, ident, *([sql.Literal(password)] if password else [])))
    elif password:
        statements.append(_compose(connection, "ALTER ROLE {} LOGIN PASSWORD {}", ident, sql.Literal(password)))
    for template in (
        "GRANT CONNECT ON DATABASE {1} TO {0}",
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",  # PostgreSQL < 15 lets everyone create there
        "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {0}",
        "GRANT USAGE ON SCHEMA reports TO {0}",
        "GRANT SELECT ON ALL TABLES IN SCHEMA reports TO {0}",
        # Views re-created by later syncs (by this same owner) stay readable.
        "ALTER DEFAULT PRIVILEGES IN SCHEMA reports GRANT SELECT ON TABLES TO {0}",
        "ALTER ROLE {0} IN DATABASE {1} SET default_transaction_read_only = on",
    ):
        statements.append(_compose(connection, template, ident, database))
    for statement in statements:
        connection.exec_driver_sql(statement)
    return [s if "PASSWORD" not in s else s.split(" PASSWORD ")[0] + " PASSWORD '…'" for s in statements]


# What a curator may write: judgements, the incidents they re-derive, and on claims only the columns
# judgements set (never the quote, the offsets or the source).
CURATOR_GRANTS = (
    "GRANT SELECT ON ALL TABLES IN SCHEMA public TO {0}",
    "GRANT INSERT, UPDATE ON judgements, incidents, incident_redirects, incident_merges TO {0}",
    "GRANT UPDATE (incident_id, place_id, country_code, claimant_actor_id, stance, event_type, outcome, occurred_on,"
    " date_precision, killed, injured, projectiles, rejected, extracted, judgement_ids) ON claims TO {0}",
    "GRANT INSERT, UPDATE (actor_id), DELETE ON claim_actors TO {0}",
    "GRANT USAGE ON SEQUENCE judgements_id_seq, incidents_id_seq TO {0}",
    "ALTER ROLE {0} IN DATABASE {1} SET default_transaction_read_only = off",
)


def grant_curator(connection: Connection, role: str, password: str | None = None) -> list[str]:
    """Create (or update) a login role that can read the reports and record judgements
    (`eventdb curate`), and write nothing else: no ingest, no change to an article or a quote."""
    from psycopg import sql

    shown = grant_reader(connection, role, password)
    ident = sql.Identifier(role)
    database = sql.Identifier(connection.execute(text("SELECT current_database()")).scalar_one())
    statements = [_compose(connection, template, ident, database) for template in CURATOR_GRANTS]
    for statement in statements:
        connection.exec_driver_sql(statement)
    return shown[:-1] + statements
