"""Whole-table exports of the reports for other tools."""

from __future__ import annotations

from typing import IO

from sqlalchemy import Connection

from eventdb.output import write_report
from eventdb.reports import Filters, fetch

EXPORT_FORMATS = ("geojson", "csv", "jsonl")


def export_incidents(connection: Connection, fmt: str, out: IO[str], filters: Filters = Filters()) -> int:
    """Write reports.incidents as GeoJSON, CSV or JSON lines; returns the number of incidents."""
    table = fetch(connection, "incidents", filters)
    write_report(table, fmt, out, EXPORT_FORMATS)
    return len(table.rows)
