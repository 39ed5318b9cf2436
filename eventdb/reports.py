"""Reading the saved reports (views in schema `reports`).

The CLI is a thin layer over this module: it picks a view and filters it by date
and actor as the view's sql/ header says. Printing and files are `eventdb.output`,
exports `eventdb.exports`, the weekly chart `eventdb.chart`, database roles
`eventdb.roles`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
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
    include_undated: bool = False  # with since/until: keep the rows whose date is unknown too
    incident: str | None = None  # an incident id, old ones followed to the current one


# What the date columns the reports filter on mean, for the --since/--until help.
DATE_MEANINGS = {
    "occurred_on": "the date of the event",
    "published_on": "the article's publication date",
    "week_start": "the Monday of the week",
    "last_seen_on": "the latest article naming it",
}


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


def _name_pattern(name: str) -> str:
    """A regular expression for one name as a whole entry of an actor column: the column itself,
    an item of an 'A; B' list, or either side of 'X (by Y)'."""
    return r"(^|; |\(by )" + re.escape(name) + r"($|;| \(by |\))"


def actor_names(connection: Connection, value: str) -> list[str]:
    """Canonical names of the actors `value` names: its id, key, canonical name or any alias, in any case."""
    rows = connection.execute(text("""
        SELECT DISTINCT a.name FROM actors a
        WHERE a.id::text = :v OR lower(a.key) = lower(:v) OR lower(a.name) = lower(:v)
           OR a.id IN (SELECT actor_id FROM actor_aliases WHERE lower(replace(alias, :curly, :straight)) = lower(:v))
        ORDER BY a.name"""), {"v": value.strip().replace("\u2019", "'"), "curly": "\u2019", "straight": "'"})
    return list(rows.scalars())


def build_query(spec: views.ViewFile, filters: Filters, names: Sequence[str] = (),
                undated_only: bool = False, relation: str | None = None) -> tuple[str, dict[str, Any]]:
    """SELECT on the view with the filters its header allows; refuses filters it has no column for.

    `names` are the canonical names --actor resolved to (`actor_names`): rows naming one of
    them match. Text that names no known actor matches as part of a name, as written too.
    `undated_only` selects the rows --since/--until leave out for having no date. `relation`
    replaces the view by a function with its columns (reports.incidents_as_of(...)).
    """
    where: list[str] = []
    params: dict[str, Any] = {}
    if filters.incident:
        where.append("incident_id = reports.resolve_incident_id(:incident)")
        params["incident"] = filters.incident
    if filters.since or filters.until:
        if not spec.date_column:
            raise ReportError(f"report {spec.name} has no date column: --since/--until do not apply")
        col = _ident(spec.date_column)
        bounds = []
        if filters.since:
            bounds.append(f"{col} >= :since")
            params["since"] = filters.since
        if filters.until:
            bounds.append(f"{col} <= :until")
            params["until"] = filters.until
        if undated_only:
            where.append(f"{col} IS NULL")
        elif filters.include_undated:
            where.append(f"({' AND '.join(bounds)} OR {col} IS NULL)")
        else:
            where.extend(bounds)
    if filters.actor:
        if not spec.actor_columns:
            raise ReportError(f"report {spec.name} has no actor column: --actor does not apply")
        if names:
            tests = [f"{_ident(c)} ~* :actor_{k}" for c in spec.actor_columns for k in range(len(names))]
            params.update({f"actor_{k}": _name_pattern(n) for k, n in enumerate(names)})
        else:
            tests = [f"{_ident(c)} ILIKE :actor" for c in spec.actor_columns]
            params["actor"] = _like_pattern(filters.actor)
        if spec.actor_rows:  # narrow first; the tests below decide
            where.append(spec.actor_rows)
            params["actor_likes"] = [_like_pattern(n) for n in names] or [_like_pattern(filters.actor)]
        where.append("(" + " OR ".join(tests) + ")")
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
    names = actor_names(connection, filters.actor) if filters.actor else []
    sql, params = build_query(get_spec(name), filters, names)
    try:
        result = connection.execute(text(sql), params)
    except ProgrammingError as exc:
        if filters.incident and getattr(exc.orig, "sqlstate", None) == "42703":  # undefined column
            raise ReportError(f"report {name} has no incident_id column: --incident does not apply") from exc
        raise
    return Table(list(result.keys()), [tuple(row) for row in result])


def count_undated(connection: Connection, name: str, filters: Filters) -> int:
    """How many rows --since/--until left out because their date is unknown (0 when none were left out)."""
    if not (filters.since or filters.until) or filters.include_undated:
        return 0
    names = actor_names(connection, filters.actor) if filters.actor else []
    sql, params = build_query(get_spec(name), replace(filters, limit=None), names, undated_only=True)
    return connection.execute(text(f"SELECT count(*) FROM ({sql}) undated"), params).scalar_one()


def date_filter_help() -> str:
    """Which date --since/--until compare in each report (from the sql/ headers)."""
    return "; ".join(f"{vf.name}: {vf.date_column} ({DATE_MEANINGS.get(vf.date_column, 'its date')})"
                     for vf in views.view_files() if vf.date_column)


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
