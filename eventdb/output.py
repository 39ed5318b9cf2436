"""Tables for people and files: terminal tables, CSV, JSON, JSON lines and GeoJSON."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import json
import shutil
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
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


GAP = "  "
MIN_TEXT_WIDTH = 12  # narrower text columns read badly: fewer columns are shown instead
WORD_WIDTH = 24  # a text column is made as wide as its longest word, up to this, so words stay whole
LONG_TEXT = 60  # a column with longer values (a quote) gets at least LONG_TEXT_WIDTH
LONG_TEXT_WIDTH = 30
MAX_CELL_LINES = 6  # a longer cell is cut at a word boundary, ending in " …"


@dataclass(frozen=True)
class TextTable:
    """A table laid out for a terminal; `hidden` are the columns the width left out."""

    text: str
    hidden: list[str]


def _terminal_text(value: Any) -> str:
    # Quotes may hold newlines and titles escapes: one line, control characters shown, not obeyed.
    return for_terminal(" ".join(cell_text(value).split()))


def _header_parts(header: str) -> list[str]:
    """A header may break after its underscores: 'perpetrator_basis' -> 'perpetrator_', 'basis'."""
    return [part + "_" for part in header.split("_")[:-1]] + [header.split("_")[-1]]


def _wrap_header(header: str, width: int) -> list[str]:
    lines = [""]
    for part in _header_parts(header):
        if lines[-1] and len(lines[-1]) + len(part) > width:
            lines.append("")
        lines[-1] += part
    return lines


def _min_width(header: str, values: Sequence[str], numeric: bool) -> int:
    """The narrowest a column may get: numbers whole, words whole when short, long text readable."""
    floor = max(len(part) for part in _header_parts(header))
    natural = max([len(v) for v in values], default=0)
    if numeric:
        return max(floor, natural)
    if natural > LONG_TEXT:
        return max(floor, LONG_TEXT_WIDTH)
    longest_word = max([len(w) for v in values for w in v.split()], default=0)
    return max(floor, min(natural, max(MIN_TEXT_WIDTH, min(longest_word, WORD_WIDTH))))


def column_widths(headers: Sequence[str], cells: Sequence[Sequence[str]], numeric: Sequence[bool], width: int) -> list[int]:
    """Widths for the leading columns that fit `width` (so the first columns are the ones kept): each
    gets its minimum, then the space left is shared out evenly, none getting more than its values need."""
    columns = [[row[i] for row in cells] for i in range(len(headers))]
    mins = [_min_width(h, col, num) for h, col, num in zip(headers, columns, numeric)]
    naturals = [max([len(h)] + [len(v) for v in col]) for h, col in zip(headers, columns)]
    count = len(headers)
    while count > 1 and sum(mins[:count]) + len(GAP) * (count - 1) > width:
        count -= 1
    widths, naturals = mins[:count], list(naturals[:count])
    spare = width - len(GAP) * (count - 1) - sum(widths)
    growing = [i for i in range(count) if naturals[i] > widths[i]]
    while spare > 0 and growing:
        share = max(1, spare // len(growing))
        for i in sorted(growing, key=lambda i: naturals[i] - widths[i]):
            add = min(share, naturals[i] - widths[i], spare)
            widths[i] += add
            spare -= add
        growing = [i for i in growing if naturals[i] > widths[i]]
    return widths


def _wrap(value: str, width: int) -> list[str]:
    if len(value) <= width:
        return [value]
    return textwrap.wrap(value, width, max_lines=MAX_CELL_LINES, placeholder=" …", break_on_hyphens=False) or [""]


def format_table(table: Table, width: int = 100) -> TextTable:
    """Aligned columns that fit `width`: long text wrapped at word boundaries (cut with '…' after a
    few lines), numbers right-aligned, the columns that do not fit left out; 'no rows' when empty."""
    if not table.rows:
        return TextTable("no rows", [])
    cells = [[_terminal_text(v) for v in row] for row in table.rows]
    headers = [for_terminal(c) for c in table.columns]
    numeric = [all(isinstance(r[i], (int, float, decimal.Decimal)) and not isinstance(r[i], bool) or r[i] is None
                   for r in table.rows) for i in range(len(headers))]
    widths = column_widths(headers, cells, numeric, width)
    shown = range(len(widths))

    def lines(values: Sequence[str], header: bool = False) -> list[str]:
        wrapped = [_wrap_header(values[i], widths[i]) if header else [values[i]] if numeric[i]
                   else _wrap(values[i], widths[i]) for i in shown]
        height = max(len(w) for w in wrapped)
        out = []
        for k in range(height):
            parts = [(w[k] if k < len(w) else "") for w in wrapped]
            out.append(GAP.join(p.rjust(widths[i]) if numeric[i] else p.ljust(widths[i])
                                for i, p in zip(shown, parts)).rstrip())
        return out

    body = [lines(r) for r in cells]
    spaced = any(len(b) > 1 for b in body)  # wrapped rows are told apart by a blank line
    out = lines(headers, header=True) + [GAP.join("-" * w for w in widths)]
    for k, block in enumerate(body):
        out += ([""] if spaced and k else []) + block
    out.append(f"({len(table.rows)} row{'s' if len(table.rows) != 1 else ''})")
    return TextTable("\n".join(out), list(table.columns[len(widths):]))


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


def write_table(table: Table, out: IO[str], width: int | None = None) -> list[str]:
    """The table fitted to the terminal; paged when it is longer than the screen and `out` is a terminal.
    Returns the columns that did not fit."""
    size = shutil.get_terminal_size((120, 24))
    laid = format_table(table, width or size.columns)
    if out.isatty() and laid.text.count("\n") + 1 >= size.lines:
        import click

        click.echo_via_pager(laid.text + "\n")  # $PAGER, else less; PAGER=cat turns it off
    else:
        out.write(laid.text + "\n")
    return laid.hidden


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


def write_report(table: Table, fmt: str, out: IO[str], allowed: Sequence[str] = FORMATS) -> list[str]:
    """Write the table in `fmt`; returns the columns a terminal table left out for lack of width."""
    if fmt not in allowed:
        raise ReportError(f"unknown format {fmt!r}; formats: {', '.join(allowed)}")
    return WRITERS[fmt](table, out) or []
