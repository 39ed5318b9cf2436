"""Whole-report exports for other tools: CSV, JSON lines, Parquet, GeoJSON and an ACLED-shaped CSV.

Every format carries every column of the report view it exports (`reports.incidents`,
`reports.claims`, `reports.statistics`, `reports.actors`), so a column documented there means
the same in a file. Conventions that tools rely on:

- CSV is written by `eventdb.output` (formula-like text cells neutralised, lists joined with '; ').
- In JSON (lines and GeoJSON) ids are strings: 19-digit keys are above 2**53 and a JavaScript
  reader would round them. Parquet keeps them as 64-bit integers (it is typed).
- GeoJSON (incidents only) has a Point where the place has coordinates and null geometry
  elsewhere; a point that only stands for the country (geo_precision 4) says so in its
  `country_level` property.
- `acled` is `eventdb.acled`: ACLED's column names and codes, for the tools built for ACLED.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Connection

from eventdb import acled
from eventdb.output import json_value, write_csv
from eventdb.reports import Filters, ReportError, Table, fetch

EXPORTS = ("incidents", "claims", "statistics", "actors")
FORMATS = ("csv", "jsonl", "parquet", "geojson", "acled")
BINARY_FORMATS = ("parquet",)


@dataclass(frozen=True)
class ExportResult:
    rows: int  # rows written
    left_out: int = 0  # rows the format cannot carry (ACLED: undated incidents)


def check(what: str, fmt: str) -> None:
    """Refuse a combination the format cannot carry, before any query."""
    if what not in EXPORTS:
        raise ReportError(f"cannot export {what!r}; exports: {', '.join(EXPORTS)}")
    if fmt not in FORMATS:
        raise ReportError(f"unknown format {fmt!r}; formats: {', '.join(FORMATS)}")
    if fmt in ("geojson", "acled") and what != "incidents":
        raise ReportError(f"--format {fmt} is for incidents only")


def export(connection: Connection, what: str, fmt: str, out: IO, filters: Filters = Filters()) -> ExportResult:
    """Write the report `what` to `out` (binary for parquet, text otherwise)."""
    check(what, fmt)
    # A whole-table read of the views is estimated costly enough for PostgreSQL to JIT-compile
    # it, which costs seconds and gains nothing here (measured in benchmarks/export_bench.py).
    connection.exec_driver_sql("SET LOCAL jit = off")
    if fmt == "acled":
        found = acled.fetch(connection, filters)
        write_csv(found.table, out)
        return ExportResult(len(found.table.rows), found.undated)
    table = fetch(connection, what, filters)
    WRITERS[fmt](table, out)
    return ExportResult(len(table.rows))


def export_incidents(connection: Connection, fmt: str, out: IO[str], filters: Filters = Filters()) -> int:
    """Write reports.incidents in `fmt`; returns the number of incidents."""
    return export(connection, "incidents", fmt, out, filters).rows


# --- JSON ----------------------------------------------------------------------------------------


def is_id(column: str) -> bool:
    return column == "id" or column.endswith("_id")


def _plain(value: Any) -> Any:
    """What json.dumps cannot write itself: dates ISO, decimals as numbers."""
    converted = json_value(value)
    if converted is value:
        raise TypeError(f"cannot write {type(value).__name__} as JSON")
    return converted


def json_records(table: Table) -> Iterator[dict[str, Any]]:
    """Rows as dicts for JSON, ids as strings (the other values are converted by json.dumps)."""
    ids = [n for n, column in enumerate(table.columns) if is_id(column)]
    for row in table.rows:
        values = list(row)
        for n in ids:
            if values[n] is not None:
                values[n] = str(values[n])
        yield dict(zip(table.columns, values))


def write_jsonl(table: Table, out: IO[str]) -> None:
    for record in json_records(table):
        out.write(json.dumps(record, ensure_ascii=False, default=_plain) + "\n")


def write_geojson(table: Table, out: IO[str]) -> None:
    """A FeatureCollection, one feature per line (json.dumps per feature: json.dump of the whole
    collection runs the pure-Python encoder, twice as slow)."""
    out.write('{"type": "FeatureCollection", "features": [')
    for n, record in enumerate(json_records(table)):
        lon, lat = record.pop("longitude", None), record.pop("latitude", None)
        point = lon is not None and lat is not None
        record["country_level"] = point and record.get("geo_precision") == 4
        feature = {
            "type": "Feature", "id": record["incident_id"],
            "geometry": {"type": "Point", "coordinates": [lon, lat]} if point else None,
            "properties": record,
        }
        out.write(("\n" if n == 0 else ",\n") + json.dumps(feature, ensure_ascii=False, default=_plain))
    out.write("\n]}\n")


# --- Parquet -------------------------------------------------------------------------------------


def write_parquet(table: Table, out: IO[bytes] | str | Path) -> None:
    """A typed Parquet file: dates as dates, lists as lists, ids as int64."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ReportError("--format parquet needs pyarrow: pip install 'eventdb[parquet]'") from exc
    columns = {name: [row[i] for row in table.rows] for i, name in enumerate(table.columns)}
    arrays = {}
    for name, values in columns.items():
        try:
            arrays[name] = pa.array(values)
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # mixed values (e.g. JSON objects): keep them as text
            arrays[name] = pa.array([None if v is None else json.dumps(json_value(v)) for v in values])
    pq.write_table(pa.table(arrays), out)


WRITERS = {"csv": write_csv, "jsonl": write_jsonl, "geojson": write_geojson, "parquet": write_parquet}
