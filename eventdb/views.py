"""The saved reports: SQL views in schema `reports`, one file each in sql/.

Each file `sql/<name>.sql` creates `reports.<name>` and comments it and every
column. Its header declares, in comment lines:

    -- depends: reports.claims, reports.incidents   (views it reads; may be empty)
    -- date-column: occurred_on                      (what --since/--until filter)
    -- actor-columns: perpetrator, target            (what --actor filters)
    -- order-by: occurred_on DESC NULLS LAST          (default order of `eventdb report`)
    -- table-columns: incident_id, occurred_on, ...  (optional: what a terminal table shows by default)
    -- actor-rows: claim_id = ANY(...)               (optional: a condition on :actor_likes, LIKE
                                                      patterns of the names sought, that keeps every
                                                      row --actor can match, cheaper than computing
                                                      the actor columns)

Views are derived objects: `sync_views` drops them all and re-creates them
from the files, in dependency order. migrations/env.py runs it at the end of
every upgrade that leaves the schema at head, so the views always match the
files of the checkout that migrated. Convention for migrations: one that
alters or drops a table or column the views read first calls
`drop_views(conn)` (PostgreSQL refuses to alter columns a view uses).

A file may also create functions in schema reports that belong with its view
(reports.incidents_as_of with incident_history, for example): it drops them
first (DROP FUNCTION IF EXISTS), since a sync runs every file again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, text

from eventdb.resources import resource_path

SCHEMA = "reports"
_HEADER = re.compile(r"^--\s*(depends|date-column|actor-columns|actor-rows|order-by|table-columns):(.*)$", re.MULTILINE)


class ViewError(Exception):
    """A view file that cannot be applied: bad header, unknown dependency, or no view created."""


@dataclass(frozen=True)
class ViewFile:
    name: str
    path: Path
    sql: str
    depends: tuple[str, ...]
    date_column: str | None
    actor_columns: tuple[str, ...]
    order_by: str | None
    table_columns: tuple[str, ...] = ()
    actor_rows: str | None = None


def _names(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


def parse_view_file(path: Path) -> ViewFile:
    """Read one sql/ file and its header; the header keys are required so none is forgotten."""
    sql = path.read_text(encoding="utf-8")
    header = {key: value.strip() for key, value in _HEADER.findall(sql)}
    missing = {"depends", "date-column", "actor-columns", "order-by"} - header.keys()
    if missing:
        raise ViewError(f"{path.name}: header lacks {', '.join(sorted(missing))}")
    depends = tuple(d.removeprefix(f"{SCHEMA}.") for d in _names(header["depends"]))
    return ViewFile(
        name=path.stem,
        path=path,
        sql=sql,
        depends=depends,
        date_column=header["date-column"] or None,
        actor_columns=_names(header["actor-columns"]),
        order_by=header["order-by"] or None,
        table_columns=_names(header.get("table-columns", "")),
        actor_rows=header.get("actor-rows") or None,
    )


def view_files(folder: Path | None = None) -> list[ViewFile]:
    """All view files, dependencies before the views that read them."""
    folder = folder or resource_path("sql")
    files = {vf.name: vf for vf in map(parse_view_file, sorted(folder.glob("*.sql")))}
    ordered: list[ViewFile] = []
    state: dict[str, str] = {}

    def visit(name: str, chain: tuple[str, ...]) -> None:
        if state.get(name) == "done":
            return
        if state.get(name) == "visiting":
            raise ViewError(f"views depend on each other in a cycle: {' -> '.join(chain + (name,))}")
        if name not in files:
            raise ViewError(f"{chain[-1]}.sql depends on reports.{name}, which no file in {folder} creates")
        state[name] = "visiting"
        for dep in files[name].depends:
            visit(dep, chain + (name,))
        state[name] = "done"
        ordered.append(files[name])

    for name in files:
        visit(name, ())
    return ordered


def existing_views(connection: Connection) -> set[str]:
    rows = connection.execute(text("SELECT viewname FROM pg_views WHERE schemaname = :s"), {"s": SCHEMA})
    return set(rows.scalars())


def drop_views(connection: Connection) -> None:
    """Drop every view in schema reports (before altering tables they read)."""
    for name in sorted(existing_views(connection)):
        connection.exec_driver_sql(f'DROP VIEW IF EXISTS {SCHEMA}."{name}" CASCADE')


def sync_views(connection: Connection, folder: Path | None = None) -> list[str]:
    """Drop and re-create every view from the sql/ files; returns their names in the order applied.

    Runs in the caller's transaction, so a broken file leaves the old views in place.
    """
    files = view_files(folder)
    connection.exec_driver_sql(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
    grants = view_grants(connection)
    drop_views(connection)
    for vf in files:
        connection.exec_driver_sql(vf.sql)
        if vf.name not in existing_views(connection):
            raise ViewError(f"{vf.path.name} did not create view {SCHEMA}.{vf.name}")
    stray = existing_views(connection) - {vf.name for vf in files}
    if stray:
        raise ViewError(f"views created by no file of their own name: {', '.join(sorted(stray))}")
    for view, grantee, privilege in grants:
        if view in existing_views(connection):
            connection.exec_driver_sql(f'GRANT {privilege} ON {SCHEMA}."{view}" TO {grantee}')
    return [vf.name for vf in files]


def view_grants(connection: Connection) -> list[tuple[str, str, str]]:
    """(view, grantee, privilege) granted on the views to others than their owner, to re-grant after a sync."""
    rows = connection.execute(text("""
        SELECT c.relname,
               CASE WHEN acl.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END,
               acl.privilege_type
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        CROSS JOIN LATERAL aclexplode(c.relacl) acl
        LEFT JOIN pg_roles r ON r.oid = acl.grantee
        WHERE n.nspname = :s AND c.relkind = 'v' AND acl.grantee <> c.relowner"""), {"s": SCHEMA})
    return [tuple(row) for row in rows]


def view_descriptions(connection: Connection) -> dict[str, str]:
    """Each view of schema reports and its COMMENT, by name."""
    rows = connection.execute(text("""
        SELECT c.relname, COALESCE(obj_description(c.oid, 'pg_class'), '')
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = :s AND c.relkind = 'v'
        ORDER BY c.relname"""), {"s": SCHEMA})
    return {name: description for name, description in rows}
