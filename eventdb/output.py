"""Tables for people and files: terminal tables, CSV, JSON, JSON lines and GeoJSON."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import json
import shutil
from collections.abc import Sequence
from typing import IO, Any

from eventdb.reports import ReportError, Table
from eventdb.safe_text import for_csv, for_terminal

FORMATS = ("table", "csv", "json")


# --- values-------------------------------------------------------------------------------


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
    value = for_terminal(" ".join(value.split()))  # quotes may hold newlines; titles may hold escapes
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
    """CSV with a header; lists joined with '; ', objects as JSON; formula-like cells neutralised."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([_csv_cell(v) for v in row])


def _csv_cell(value: Any) -> str:
    """Text cells that look like formulas are neutralised; numbers (a negative one too) are written as numbers."""
    if isinstance(value, list):
        return for_csv("; ".join(map(cell_text, value)))
    return for_csv(value) if isinstance(value, str) else cell_text(value)


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
