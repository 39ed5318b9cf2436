"""Reading the saved reports (views in schema `reports`) for people and files.

The CLI is a thin layer over this module: it picks a view, filters it by date
and actor as the view's sql/ header says, and prints it as a table, CSV or
JSON; exports incidents as GeoJSON/CSV/JSONL; plots weekly activity; and
creates a read-only role for BI tools.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import json
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Connection, text

from eventdb import views

FORMATS = ("table", "csv", "json")
EXPORT_FORMATS = ("geojson", "csv", "jsonl")


class ReportError(Exception):
    """A request the user can fix (unknown report, filter the report does not have); one line."""


@dataclass(frozen=True)
class Filters:
    since: dt.date | None = None
    until: dt.date | None = None
    actor: str | None = None
    limit: int | None = None


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


def build_query(spec: views.ViewFile, filters: Filters) -> tuple[str, dict[str, Any]]:
    """SELECT on the view with the filters its header allows; refuses filters it has no column for."""
    where: list[str] = []
    params: dict[str, Any] = {}
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
    sql = f"SELECT * FROM {views.SCHEMA}.{_ident(spec.name)}"
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
    result = connection.execute(text(sql), params)
    return Table(list(result.keys()), [tuple(row) for row in result])


def select_columns(table: Table, columns: Sequence[str]) -> Table:
    """Only these columns, in this order; an unknown name is an error that lists the known ones."""
    unknown = [c for c in columns if c not in table.columns]
    if unknown:
        raise ReportError(f"unknown column {unknown[0]!r}; columns: {', '.join(table.columns)}")
    index = [table.columns.index(c) for c in columns]
    return Table(list(columns), [tuple(row[i] for i in index) for row in table.rows])


# --- formatting ----------------------------------------------------------------------------------


def cell_text(value: Any) -> str:
    """A value as a person reads it: dates ISO, lists comma-joined, NULL empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, (list, tuple)):
        return ", ".join(cell_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _clip(value: str, width: int) -> str:
    value = " ".join(value.split())  # quotes may hold newlines
    return value if len(value) <= width else value[: width - 1] + "…"


def format_table(table: Table, max_width: int = 48) -> str:
    """Aligned columns for a terminal; long cells are clipped with '…', numbers right-aligned."""
    cells = [[_clip(cell_text(v), max_width) for v in row] for row in table.rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(table.columns)]
    numeric = [
        bool(table.rows) and all(isinstance(r[i], (int, float, decimal.Decimal)) or r[i] is None for r in table.rows)
        for i in range(len(table.columns))
    ]

    def line(values: Sequence[str]) -> str:
        parts = (v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric))
        return "  ".join(parts).rstrip()

    out = [line(table.columns), line(["-" * w for w in widths])]
    out += [line(r) for r in cells]
    out.append(f"({len(table.rows)} row{'s' if len(table.rows) != 1 else ''})")
    return "\n".join(out)


def json_value(value: Any) -> Any:
    """A value JSON can carry: dates ISO, decimals as numbers."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    return value


def write_csv(table: Table, out: IO[str]) -> None:
    """CSV with a header; lists joined with '; ', objects as JSON."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow(["; ".join(map(cell_text, v)) if isinstance(v, list) else cell_text(v) for v in row])


def write_json(table: Table, out: IO[str]) -> None:
    json.dump([{k: json_value(v) for k, v in r.items()} for r in table.records()], out, ensure_ascii=False, indent=1)
    out.write("\n")


def write_jsonl(table: Table, out: IO[str]) -> None:
    for record in table.records():
        out.write(json.dumps({k: json_value(v) for k, v in record.items()}, ensure_ascii=False) + "\n")


def write_table(table: Table, out: IO[str]) -> None:
    width = max(24, shutil.get_terminal_size((160, 24)).columns // max(1, min(len(table.columns), 6)))
    out.write(format_table(table, max_width=min(width, 60)) + "\n")


def geojson(table: Table) -> dict[str, Any]:
    """FeatureCollection of incidents: Point [lon, lat], or null geometry when the place has none."""
    features = []
    for record in table.records():
        lon, lat = record.get("longitude"), record.get("latitude")
        geometry = {"type": "Point", "coordinates": [lon, lat]} if lon is not None and lat is not None else None
        properties = {k: json_value(v) for k, v in record.items() if k not in ("longitude", "latitude")}
        features.append({"type": "Feature", "id": record["incident_id"], "geometry": geometry, "properties": properties})
    return {"type": "FeatureCollection", "features": features}


def write_geojson(table: Table, out: IO[str]) -> None:
    json.dump(geojson(table), out, ensure_ascii=False)
    out.write("\n")


WRITERS = {"table": write_table, "csv": write_csv, "json": write_json, "jsonl": write_jsonl, "geojson": write_geojson}


def write_report(table: Table, fmt: str, out: IO[str], allowed: Sequence[str] = FORMATS) -> None:
    if fmt not in allowed:
        raise ReportError(f"unknown format {fmt!r}; formats: {', '.join(allowed)}")
    WRITERS[fmt](table, out)


# --- exports -------------------------------------------------------------------------------------


def export_incidents(connection: Connection, fmt: str, out: IO[str], filters: Filters = Filters()) -> int:
    """Write reports.incidents as GeoJSON, CSV or JSON lines; returns the number of incidents."""
    table = fetch(connection, "incidents", filters)
    write_report(table, fmt, out, EXPORT_FORMATS)
    return len(table.rows)


# --- the weekly activity chart -------------------------------------------------------------------


def weekly_series(table: Table, top: int = 8) -> tuple[list[dt.date], dict[str, list[int]]]:
    """Weeks from first to last (gaps filled with 0) and incidents per week for the `top` actors, the rest summed."""
    records = table.records()
    if not records:
        return [], {}
    totals: dict[str, int] = {}
    for r in records:
        totals[r["actor"]] = totals.get(r["actor"], 0) + r["incidents"]
    leaders = sorted(totals, key=lambda a: (-totals[a], a))[:top]
    first, last = min(r["week_start"] for r in records), max(r["week_start"] for r in records)
    weeks = [first + dt.timedelta(weeks=k) for k in range((last - first).days // 7 + 1)]
    index = {w: k for k, w in enumerate(weeks)}
    series: dict[str, list[int]] = {a: [0] * len(weeks) for a in leaders}
    others = [0] * len(weeks)
    for r in records:
        target = series.get(r["actor"], others)
        target[index[r["week_start"]]] += r["incidents"]
    if any(others):
        series[f"other actors ({len(totals) - len(leaders)})"] = others
    return weeks, series


def plot_weekly(table: Table, path: Path) -> None:
    """A PNG timeline of weekly incidents per actor, readable on its own."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    weeks, series = weekly_series(table)
    fig, ax = plt.subplots(figsize=(11, 5.5), dpi=120)
    try:
        if not weeks:
            ax.text(0.5, 0.5, "no dated incidents match", ha="center", va="center", transform=ax.transAxes)
        for actor, counts in series.items():
            ax.plot(weeks, counts, marker="o", markersize=3, linewidth=1.6, label=actor)
        span = f"{weeks[0]:%d %b %Y} – {weeks[-1] + dt.timedelta(days=6):%d %b %Y}" if weeks else ""
        ax.set_title(f"Incidents per week by perpetrator\n{span}".strip())
        ax.set_xlabel("Week (ISO weeks, starting Monday)")
        ax.set_ylabel("Incidents in the week")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylim(bottom=0)
        locator = mdates.AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.grid(True, alpha=0.3)
        if series:
            ax.legend(title="Perpetrator", loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small")
        fig.text(0.01, 0.01, "Source: eventdb reports.actor_activity_weekly (incidents dated to the day or week)",
                 fontsize="x-small", color="grey")
        fig.tight_layout(rect=(0, 0.03, 1, 1))
        fig.savefig(path, format="png")
    finally:
        plt.close(fig)


# --- the read-only role --------------------------------------------------------------------------


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


def describe(connection: Connection) -> list[tuple[str, str]]:
    """(name, description) of every report, in name order."""
    return sorted(views.view_descriptions(connection).items())
