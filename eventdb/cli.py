"""The `eventdb` command: parses options and calls the library; no logic of its own."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import click

from eventdb import database


class UserError(click.ClickException):
    """One-line error, exit code 1."""


def fail_cleanly(fn):
    """Turn known database problems into one-line errors instead of tracebacks."""
    import functools

    from sqlalchemy.exc import OperationalError

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except database.DatabaseError as exc:
            raise UserError(str(exc)) from exc
        except OperationalError as exc:
            raise UserError(f"database error: {database.first_line(exc.orig or exc)}") from exc

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="eventdb")
def main() -> None:
    """Turn conflict reporting into a PostgreSQL database of incidents, claims and actors.

    With EVENTDB_DATABASE_URL unset, eventdb uses an embedded PostgreSQL whose
    data lives under EVENTDB_HOME (default: the user's data directory).
    """


# --- eventdb db ----------------------------------------------------------------------------------


@main.group()
def db() -> None:
    """Inspect, migrate and serve the database."""


@db.command("upgrade")
@click.argument("revision", default="head")
@fail_cleanly
def db_upgrade(revision: str) -> None:
    """Migrate the database up to REVISION (default: head)."""
    database.upgrade(database.target().url, revision)
    click.echo(f"database at {database.current_revision(database.make_engine(database.target().url))}")


@db.command("downgrade")
@click.argument("revision")
@fail_cleanly
def db_downgrade(revision: str) -> None:
    """Migrate the database down to REVISION ('base' empties it)."""
    database.downgrade(database.target().url, revision)
    click.echo(f"database at {database.current_revision(database.make_engine(database.target().url)) or 'base'}")


@db.command("current")
@fail_cleanly
def db_current() -> None:
    """Print the database's revision and the revision this eventdb needs."""
    engine = database.make_engine(database.target().url)
    try:
        current = database.current_revision(engine)
    except Exception as exc:
        raise UserError(f"cannot connect: {database.first_line(exc)}") from exc
    head = database.head_revision()
    state = "up to date" if current == head else "behind: run `eventdb db upgrade`"
    click.echo(f"{current or 'base'} (head {head}, {state})")


@db.command("url")
@click.option("--show-password", is_flag=True, help="Print the password instead of ***.")
@fail_cleanly
def db_url(show_password: bool) -> None:
    """Print the URL of the configured database (a served embedded one: its TCP URL), password masked."""
    from eventdb import serve

    url, note = serve.configured_url()
    click.echo(url if show_password else database.mask_url(url))
    if note:
        click.echo(note, err=True)


@db.command("serve")
@click.option("--port", type=click.IntRange(1, 65535), help="TCP port on 127.0.0.1 (default: the last one used, else a free one).")
@fail_cleanly
def db_serve(port: int | None) -> None:
    """Keep the embedded database running for BI tools, psql and pandas, until Ctrl-C.

    Listens on 127.0.0.1 with a password generated on first use and kept in
    EVENTDB_HOME (file server-password, mode 0600); prints the connection settings.
    """
    from eventdb import serve

    if os.environ.get("EVENTDB_DATABASE_URL"):
        raise UserError("EVENTDB_DATABASE_URL is set: that server is reachable already; `db serve` serves the embedded one")
    served = serve.start(database.eventdb_home(), port)
    click.echo(serve.describe(served.settings))
    try:
        serve.wait(served)
    finally:
        left_for = served.stop()
    click.echo(f"server left running for process {', '.join(map(str, left_for))}: it stops when that eventdb command exits"
               if left_for else "server stopped", err=True)


@db.command("psql")
@fail_cleanly
def db_psql() -> None:
    """Open psql on the database."""
    psql = shutil.which("psql")
    if psql is None:
        raise UserError("psql is not installed (Debian/Ubuntu: apt-get install postgresql-client)")
    from sqlalchemy.engine import make_url

    url = make_url(database.target().url).set(drivername="postgresql")
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    dsn = url.set(password=None).render_as_string(hide_password=False)
    sys.exit(subprocess.call([psql, dsn], env=env))


# --- eventdb reference ---------------------------------------------------------------------------


@main.group()
def reference() -> None:
    """Curated reference data: actors, affiliations, places, weapons, outlets."""


@reference.command("load")
@click.option("--folder", type=click.Path(exists=True, file_okay=False, path_type=Path), help="Reference folder (default: the bundled seeds/reference).")
@fail_cleanly
def reference_load(folder: Path | None) -> None:
    """Upsert the reference data by stable key; re-running changes nothing."""
    from eventdb.reference import ReferenceError, load_reference, read_reference

    try:
        ref = read_reference(folder)
    except ReferenceError as exc:
        raise UserError(f"reference data: {exc}") from exc
    with database.connect().begin() as conn:
        counts = load_reference(conn, ref)
    for table, c in counts.items():
        click.echo(f"{table}: {c}")


# --- eventdb ingest / reextract --------------------------------------------------------------------


class ProgressLine:
    """A live status line on a terminal; a plain log line every few seconds otherwise."""

    def __init__(self, total_files: int | None, interval: float = 5.0):
        self.tty = sys.stderr.isatty()
        self.total = total_files
        self.interval = interval
        self.started = time.monotonic()
        self.last = self.started

    def __call__(self, summary, error) -> None:
        if error is not None:
            if self.tty:
                click.echo("\r\033[K", nl=False, err=True)
            click.echo(f"error: {error}", err=True)
        now = time.monotonic()
        if not self.tty and now - self.last < self.interval:
            return
        self.last = now
        done = summary.read + summary.unreadable
        rate = done / max(now - self.started, 1e-9)
        total = f" of {self.total} files" if self.total else ""
        line = f"{done} articles{total}, {rate:.0f}/s, {summary.failed} failed"
        if self.tty:
            click.echo(f"\r\033[K{line}", nl=False, err=True)
        else:
            click.echo(line, err=True)

    def close(self) -> None:
        if self.tty:
            click.echo("\r\033[K", nl=False, err=True)


def _count_files(paths: tuple[str, ...]) -> int | None:
    from eventdb.articles import iter_paths

    if "-" in paths:
        return None
    return len(iter_paths([Path(p) for p in paths if Path(p).exists()]))


def _field_names(ctx, param, specs: tuple[str, ...]):
    from eventdb.articles import FieldNames

    try:
        return FieldNames.parse(specs)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


def _default_jobs() -> int:
    from eventdb.ingest import usable_cpus

    return min(usable_cpus(), 64)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]), help="Publication date for articles that carry none.")
@click.option("--url", help="URL for an article that carries none (use with a single article).")
@click.option("--outlet", help="Outlet name or domain for articles that carry none.")
@click.option("--field", "fields", multiple=True, metavar="FIELD=KEY", callback=_field_names,
              help="Read FIELD (text, published, url, title, outlet) from the JSON key KEY; repeatable.")
@click.option("--jobs", type=click.IntRange(1, 64), default=_default_jobs, show_default="the usable CPUs",
              help="Extraction worker processes.")
@click.option("--dry-run", is_flag=True, help="Extract and resolve, then roll back: nothing is written.")
@fail_cleanly
def ingest(paths: tuple[str, ...], published, url: str | None, outlet: str | None, fields, jobs: int, dry_run: bool) -> None:
    """Store the assertions of articles in PATHS (files, directories, or - for stdin).

    \b
    Inputs: .txt (plain text; an optional first line "date YYYY-MM-DD [URL]"),
    .html (the main text and metadata are extracted), .json (an object or a
    list of objects), .jsonl (an object a line; also sniffed on stdin).
    JSON keys read:
      text        the article text (required)
      published   publication date, YYYY-MM-DD or an ISO timestamp
      url         the article's URL (a new text at a known URL is a revision)
      title       headline
      outlet      outlet name or domain
    Other keys are ignored; other names are mapped with --field, e.g.
      {"body": "Three rockets hit ...", "date": "2024-01-28", "link": "https://..."}
      eventdb ingest dump.jsonl --field text=body --field published=date --field url=link

    Exit code 0 when every input landed, 1 when some failed (each is named on
    one line with its reason), 2 for usage errors.
    """
    from eventdb.ingest import ConnectionLost, Overrides
    from eventdb.ingest import ingest as run_ingest

    overrides = Overrides(published=published.date() if published else None, url=url, outlet=outlet)
    engine = database.connect()
    progress = ProgressLine(_count_files(paths))
    try:
        summary = run_ingest(engine, list(paths), overrides=overrides, fields=fields, jobs=jobs, dry_run=dry_run,
                             stdin=sys.stdin.buffer, progress=progress)
    except ConnectionLost as exc:
        progress.close()
        raise UserError(f"lost the database connection, batch stopped (stored articles are complete; re-run to finish): {exc}") from exc
    progress.close()
    click.echo(("dry run, nothing written: " if dry_run else "") + str(summary))
    if summary.failed:
        sys.exit(1)


@main.command()
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), help="Only sources published (or ingested) on or after this date.")
@fail_cleanly
def reextract(since) -> None:
    """Re-run the current extractor over stored sources, superseding older extractors' claims."""
    from eventdb.ingest import reextract as run_reextract

    progress = ProgressLine(None)
    summary = run_reextract(database.connect(), since=since.date() if since else None, progress=progress)
    progress.close()
    click.echo(str(summary))
    if summary.failed:
        sys.exit(1)


# --- eventdb extract / evaluate (no database) ----------------------------------------------------


@main.command("extract")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--json", "as_json", is_flag=True, help="Print the assertions as JSON.")
def extract_command(file: str, as_json: bool) -> None:
    """Print the assertions one article makes (no database needed); FILE '-' reads standard input."""
    from eventdb.articles import ReadError, read_path, read_stream
    from eventdb.extract import extract
    from eventdb.extract import render

    items = list(read_stream(sys.stdin.buffer) if file == "-" else read_path(file))
    for item in items:
        if isinstance(item, ReadError):
            raise UserError(str(item))
        x = extract(item)
        click.echo(render.as_json(x) if as_json else render.as_text(x))


@main.command("evaluate")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("article_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def evaluate_command(gold: str, article_dir: str, as_json: bool) -> None:
    """Score the extractor against gold annotations (JSONL) for the articles in ARTICLE_DIR."""
    from pathlib import Path

    from eventdb.evaluate import evaluate, format_report, report_json

    report = evaluate(Path(gold), Path(article_dir))
    click.echo(report_json(report) if as_json else format_report(report))


# --- saved reports: eventdb views / report / export / grant-reader ------------------------------


def _report_command(fn):
    """fail_cleanly, plus report errors and SQL errors (permissions, bad views) as one line."""
    import functools

    from sqlalchemy.exc import DBAPIError

    from eventdb.reports import ReportError
    from eventdb.views import ViewError

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except (ReportError, ViewError) as exc:
            raise UserError(str(exc)) from exc
        except DBAPIError as exc:
            raise UserError(f"database error: {database.first_line(exc.orig or exc)}") from exc

    return fail_cleanly(wrapper)


@main.group("views")
def views_group() -> None:
    """The saved report views in schema `reports` (defined in sql/)."""


@views_group.command("sync")
@_report_command
def views_sync() -> None:
    """Drop and re-create every report view from the sql/ files."""
    from eventdb import views

    from eventdb.sides import refresh_sides

    with database.connect().begin() as conn:
        names = views.sync_views(conn)
        refresh_sides(conn)
    click.echo(f"{len(names)} views in schema reports: {', '.join(names)}")


_DATE = click.DateTime(formats=["%Y-%m-%d"])


def _filters(since, until, actor: str | None, limit: int | None, include_undated: bool = False):
    from eventdb.reports import Filters

    return Filters(since=since.date() if since else None, until=until.date() if until else None, actor=actor,
                   limit=limit, include_undated=include_undated)


def _date_columns_help() -> str:
    from eventdb import reports, views

    try:
        return "The date --since/--until compare, by report: " + reports.date_filter_help() + "."
    except (OSError, views.ViewError):
        return ""


@main.command("report", epilog=_date_columns_help())
@click.argument("name", required=False)
@click.option("--list", "list_reports", is_flag=True, help="List the reports with their descriptions.")
@click.option("--since", type=_DATE, help="Only rows dated on or after this date (which date: see below).")
@click.option("--until", type=_DATE, help="Only rows dated on or before this date.")
@click.option("--include-undated", is_flag=True, help="With --since/--until: keep the rows whose date is unknown too.")
@click.option("--actor", help="Only rows naming this actor: a name, an alias (IRI, Kataib Hezbollah) or a key/id "
                              "(kataib-hezbollah); other text matches part of a name, case-insensitively.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--limit", type=click.IntRange(min=0), help="At most this many rows.")
@click.option("--columns", help="Comma-separated columns to show (default: all; a table shows the report's main columns).")
@click.option("--plot", type=click.Path(dir_okay=False, writable=True), help="actor_activity_weekly only: write a PNG timeline to this file.")
@_report_command
def report_command(name, list_reports, since, until, include_undated, actor, fmt, limit, columns, plot) -> None:
    """Print the saved report NAME (a view in schema reports); --list shows them all."""
    from pathlib import Path

    from eventdb import chart, output, reports

    engine = database.connect()
    with engine.connect() as conn:
        if list_reports or not name:
            for view, description in reports.describe(conn):
                click.echo(f"{view}\n    {description}")
            return
        reports.get_spec(name)  # unknown names fail before any query, with the list
        if plot:
            if name != "actor_activity_weekly":
                raise UserError("--plot draws actor_activity_weekly only")
            table = reports.fetch(conn, name, _filters(since, until, actor, None, include_undated))
            chart.plot_weekly(table, Path(plot))
            click.echo(f"wrote {plot} ({len(table.rows)} actor-weeks)", err=True)
            return
        filters = _filters(since, until, actor, limit, include_undated)
        table = reports.fetch(conn, name, filters)
        undated = reports.count_undated(conn, name, filters)
    shown = [c.strip() for c in columns.split(",") if c.strip()] if columns else []
    if not shown and fmt == "table":
        shown = list(reports.get_spec(name).table_columns)
    left_out = [c for c in table.columns if c not in shown] if shown and not columns else []
    if shown:
        table = reports.select_columns(table, shown)
    left_out = output.write_report(table, fmt, sys.stdout) + left_out
    if left_out and table.rows:
        names = ", ".join(left_out[:8]) + (", …" if len(left_out) > 8 else "")
        click.echo(f"({len(left_out)} more columns: {names}; "
                   "--columns NAME,... or --format csv|json shows them)", err=True)
    if undated:
        click.echo(f"({undated} row{'s' if undated != 1 else ''} without a date left out: --include-undated keeps them)", err=True)


@main.command("export")
@click.argument("what", type=click.Choice(["incidents", "claims", "statistics", "actors"]))
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet", "geojson", "acled"]),
              help="geojson and acled: incidents only; parquet needs --output. Default: geojson for incidents, else csv.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="File to write (default: standard output).")
@click.option("--since", type=_DATE, help="Only rows on or after this date (the report's date column).")
@click.option("--until", type=_DATE, help="Only rows on or before this date.")
@click.option("--actor", help="Only rows whose actor columns contain this name (case-insensitive).")
@_report_command
def export_command(what, fmt, output, since, until, actor) -> None:
    """Export a whole report (every column; README: Exports) as CSV, JSON lines, Parquet,
    GeoJSON or an ACLED-shaped CSV."""
    from eventdb import exports

    fmt = fmt or ("geojson" if what == "incidents" else "csv")
    exports.check(what, fmt)
    if fmt in exports.BINARY_FORMATS and not output:
        raise UserError(f"--format {fmt} writes a binary file: give --output FILE")
    filters = _filters(since, until, actor, None)
    with database.connect().connect() as conn:
        if output:
            mode = "wb" if fmt in exports.BINARY_FORMATS else "w"
            with open(output, mode, **({} if mode == "wb" else {"encoding": "utf-8", "newline": ""})) as out:
                result = exports.export(conn, what, fmt, out, filters)
            click.echo(f"wrote {result.rows} {what} to {output}", err=True)
        else:
            result = exports.export(conn, what, fmt, sys.stdout, filters)
    if result.left_out:
        click.echo(f"left out {result.left_out} undated incidents: ACLED rows need a date", err=True)


@main.command("grant-reader")
@click.argument("role")
@click.option("--password", help="Login password to set (omit to keep the current one, or for peer/trust auth).")
@_report_command
def grant_reader_command(role: str, password: str | None) -> None:
    """Create or update ROLE as a read-only login for BI tools: SELECT on the reports views, nothing else."""
    from eventdb import roles

    with database.connect().begin() as conn:
        for statement in roles.grant_reader(conn, role, password):
            click.echo(statement)
