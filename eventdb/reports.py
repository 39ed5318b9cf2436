"""Reading the saved reports (views in schema `reports`).

The CLI is a thin layer over this module: it picks a view and filters it by date
and actor as the view's sql/ header says. Printing and files are `eventdb.output`,
exports `eventdb.exports`, the weekly chart `eventdb.chart`, database roles
`eventdb.roles`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.exc import ProgrammingError

from eventdb import views


class ReportError(Exception):
    """A request the user can fix (unknown report, filter the report does not have); one line."""


@dataclass(frozen=True)
class Filters:
    since: dt.date | None = None
    until: dt.date | None = None
    actor: str | None = None
    limit: int | None = None
    incident: str | None = None  # an incident id, old ones followed to the current one


@dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: list[tuple[Any, ...]]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


# --- querying ------------------------------------------------------------------------------------


def report_specs() -> dict[str, views.ViewFile]:
    return {vf.name: vf for vf in views.view_files()}


def get_spec(name: str) -> views.ViewFile:
    """The view file of a report, or an error listing the reports there are."""
    specs = report_specs()
    if name not in specs:
        raise ReportError(f"unknown report {name!r}; reports: {', '.join(sorted(specs))}")
    return specs[name]


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _like_pattern(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def build_query(spec: views.ViewFile, filters: Filters, relation: str | None = None) -> tuple[str, dict[str, Any]]:
    """SELECT on the view (or on `relation`, a function with the view's columns) with the filters its
    header allows; refuses filters it has no column for."""
    where: list[str] = []
    params: dict[str, Any] = {}
    if filters.incident:
        where.append("incident_id = reports.resolve_incident_id(:incident)")
        params["incident"] = filters.incident
    if filters.since or filters.until:
        if not spec.date_column:
            raise ReportError(f"report {spec.name} has no date column: --since/--until do not apply")
        col = _ident(spec.date_column)
        if filters.since:
            where.append(f"{col} >= :since")
            params["since"] = filters.since
        if filters.until:
            where.append(f"{col} <= :until")
            params["until"] = filters.until
    if filters.actor:
        if not spec.actor_columns:
            raise ReportError(f"report {spec.name} has no actor column: --actor does not apply")
        # Case-insensitive "contains": list columns ('A; B') and "X (by Y)" match too.
        where.append("(" + " OR ".join(f"{_ident(c)} ILIKE :actor" for c in spec.actor_columns) + ")")
        params["actor"] = _like_pattern(filters.actor)
    sql = f"SELECT * FROM {relation or f'{views.SCHEMA}.{_ident(spec.name)}'}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    if spec.order_by:
        sql += f" ORDER BY {spec.order_by}"
    if filters.limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = filters.limit
    return sql, params


def fetch(connection: Connection, name: str, filters: Filters = Filters()) -> Table:
    sql, params = build_query(get_spec(name), filters)
    try:
        result = connection.execute(text(sql), params)
    except ProgrammingError as exc:
        if filters.incident and getattr(exc.orig, "sqlstate", None) == "42703":  # undefined column
            raise ReportError(f"report {name} has no incident_id column: --incident does not apply") from exc
        raise
    return Table(list(result.keys()), [tuple(row) for row in result])


def select_columns(table: Table, columns: Sequence[str]) -> Table:
    """Only these columns, in this order; an unknown name is an error that lists the known ones."""
    unknown = [c for c in columns if c not in table.columns]
    if unknown:
        raise ReportError(f"unknown column {unknown[0]!r}; columns: {', '.join(table.columns)}")
    index = [table.columns.index(c) for c in columns]
    return Table(list(columns), [tuple(row[i] for i in index) for row in table.rows])


def describe(connection: Connection) -> list[tuple[str, str]]:
    """(name, description) of every report, in name order."""
    return sorted(views.view_descriptions(connection).items())
