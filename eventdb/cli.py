"""The `eventdb` command: parses options and calls the library; no logic of its own.

Exit codes, the same for every command: 0 done, 1 failed (or some inputs failed;
each named on one line), 2 usage error (found before any work), 130 SIGINT,
143 SIGTERM. No traceback reaches the user (EVENTDB_DEBUG=1 shows one for an
internal error).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import click

from eventdb import database, interrupts
from eventdb.safe_text import for_terminal


class UserError(click.ClickException):
    """One-line error, exit code 1."""


def fail_cleanly(fn):
    """Turn known database problems into one-line errors instead of tracebacks."""
    import functools

    from sqlalchemy.exc import DBAPIError

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except database.DatabaseError as exc:
            raise UserError(str(exc)) from exc
        except DBAPIError as exc:
            if getattr(exc.orig, "sqlstate", None) == database.LOCK_NOT_AVAILABLE and exc.connection_invalidated is False:
                raise UserError(database.lock_wait_message(database.make_engine(database.target().url).connect())) from exc
            raise UserError(f"database error: {database.first_line(exc.orig or exc)}") from exc

    return wrapper


class EventdbGroup(click.Group):
    """Runs a command with the exit codes above: click's own handling says `Aborted!` and exits 1 on
    Ctrl-C, and lets SIGTERM kill the process without unwinding."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        import threading

        if threading.current_thread() is threading.main_thread():
            interrupts.install()
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.ClickException as exc:
            exc.message = for_terminal(exc.message)
            exc.show()
            code = exc.exit_code
        except click.Abort as exc:
            code = _aborted(exc.__cause__)
        except (KeyboardInterrupt, interrupts.Terminated) as exc:
            code = _aborted(exc)
        except BrokenPipeError:
            sys.stdout = open(os.devnull, "w")  # the reader (`| head`) has gone; say nothing more
            code = 1
        except Exception as exc:  # noqa: BLE001 - a bug: one line, not a traceback, unless asked
            if os.environ.get("EVENTDB_DEBUG"):
                raise
            click.echo(f"Error: internal error: {type(exc).__name__}: {for_terminal(database.first_line(exc))} "
                       "(please report it; EVENTDB_DEBUG=1 shows where)", err=True)
            code = 1
        sys.exit(code or 0)


def _aborted(cause: BaseException | None) -> int:
    if isinstance(cause, EOFError):
        click.echo("Error: no input where an answer was needed", err=True)
        return 1
    if isinstance(cause, (KeyboardInterrupt, interrupts.Terminated)):
        click.echo(f"\ninterrupted by {interrupts.name(cause)}", err=True)
        return interrupts.exit_code(cause)
    click.echo("Error: aborted", err=True)
    return 1


@click.group(cls=EventdbGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="eventdb")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Turn conflict reporting into a PostgreSQL database of incidents, claims and actors.

    With EVENTDB_DATABASE_URL unset, eventdb uses an embedded PostgreSQL whose
    data lives under EVENTDB_HOME (default: the user's data directory).

    Exit codes: 0 done, 1 failed (or some inputs failed), 2 usage error,
    130 interrupted (SIGINT), 143 terminated (SIGTERM).
    """
    if ctx.invoked_subcommand:
        database.APPLICATION_NAME = f"eventdb {ctx.invoked_subcommand}"


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
@click.option("--yes", is_flag=True, help="Drop the tables and columns the downgrade drops (without it, such a downgrade only says what it would drop).")
@fail_cleanly
def db_downgrade(revision: str, yes: bool) -> None:
    """Migrate the database down to REVISION ('base' drops every table; the empty schema reports and its grants stay)."""
    drops = database.downgrade(database.target().url, revision, confirmed=yes)
    click.echo(f"dropped {drops}")
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
    if current is not None and current not in database.known_revisions():
        state = "newer than this eventdb: use the eventdb that migrated it"
    else:
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
            click.echo(f"error: {for_terminal(str(error))}", err=True)
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


def _check_single_article(url: str | None, paths: tuple[str, ...]) -> None:
    """--url labels one article: several inputs (or a directory) are a usage error, found before any work."""
    if url and (len(paths) > 1 or Path(paths[0]).is_dir()):
        raise click.UsageError("--url names a single article: give one file (or -), not several inputs or a directory")


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
    from eventdb.ingest import Overrides
    from eventdb.ingest import ingest as run_ingest

    _check_single_article(url, paths)
    overrides = Overrides(published=published.date() if published else None, url=url, outlet=outlet)
    engine = database.connect()
    progress = ProgressLine(_count_files(paths))
    summary = run_ingest(engine, list(paths), overrides=overrides, fields=fields, jobs=jobs, dry_run=dry_run,
                         stdin=sys.stdin.buffer, progress=progress)
    progress.close()
    if summary.stopped:
        click.echo(f"error: batch stopped, {for_terminal(summary.stopped)} (the articles stored are complete; "
                   "re-running the same command skips them)", err=True)
    click.echo(("dry run, nothing written: " if dry_run else "") + str(summary))
    if summary.interrupt is not None:
        sys.exit(interrupts.exit_code(summary.interrupt))
    if summary.failed or summary.stopped:
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
    if summary.interrupt is not None:
        sys.exit(interrupts.exit_code(summary.interrupt))
    if summary.failed:
        sys.exit(1)


# --- eventdb extract / evaluate (no database) ----------------------------------------------------


@main.command("extract")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--json", "as_json", is_flag=True, help="Print the assertions as JSON.")
@click.option("--explain", is_flag=True, help="Also print which document-level rule joined, placed or dated each incident.")
def extract_command(file: str, as_json: bool, explain: bool) -> None:
    """Print the assertions one article makes (no database needed); FILE '-' reads standard input."""
    from eventdb.articles import ReadError, read_path, read_stream
    from eventdb.extract import explained
    from eventdb.extract import render

    items = list(read_stream(sys.stdin.buffer) if file == "-" else read_path(file))
    for item in items:
        if isinstance(item, ReadError):
            raise UserError(str(item))  # shown through for_terminal by EventdbGroup
        x, why = explained(item)
        click.echo(render.as_json(x) if as_json else render.as_text(x))
        if explain:
            click.echo(render.decisions_text(why))


@main.command("evaluate")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("article_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def evaluate_command(gold: str, article_dir: str, as_json: bool) -> None:
    """Score the extractor against gold annotations (JSONL) for the articles in ARTICLE_DIR."""
    from pathlib import Path

    from eventdb.evaluate import evaluate, format_report, report_json

    try:
        report = evaluate(Path(gold), Path(article_dir))
    except (ValueError, KeyError, TypeError, OSError) as exc:  # a malformed gold file, a missing article
        detail = f"missing key {exc}" if isinstance(exc, KeyError) else database.first_line(exc)
        raise UserError(f"cannot evaluate {gold}: {detail}") from exc
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


def _filters(since, until, actor: str | None, limit: int | None, include_undated: bool = False, incident: str | None = None):
    from eventdb.reports import Filters

    return Filters(since=since.date() if since else None, until=until.date() if until else None, actor=actor,
                   limit=limit, include_undated=include_undated, incident=incident)


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
@click.option("--incident", help="Only rows about this incident id (an old id is followed to the current one).")
@click.option("--as-of", "as_of", help="incidents only: as the database held them at this time (2024-05-01 or 2024-05-01T12:00; local time unless an offset is given).")
@_report_command
def report_command(name, list_reports, since, until, include_undated, actor, fmt, limit, columns, plot, incident, as_of) -> None:
    """Print the saved report NAME (a view in schema reports); --list shows them all."""
    from pathlib import Path

    from eventdb import chart, history, output, reports

    if name and not list_reports:
        try:  # unknown names and filters the report has no column for fail before any work
            reports.build_query(reports.get_spec(name), _filters(since, until, actor, limit))
        except reports.ReportError as exc:
            raise click.UsageError(str(exc)) from exc
        if plot and name != "actor_activity_weekly":
            raise click.UsageError("--plot draws actor_activity_weekly only")
        if as_of and name != "incidents":
            raise click.UsageError("--as-of reads the incidents report only")
        try:
            at = history.parse_time(as_of) if as_of else None
        except reports.ReportError as exc:
            raise click.UsageError(str(exc)) from exc
    engine = database.connect()
    with engine.connect() as conn:
        if list_reports or not name:
            for view, description in reports.describe(conn):
                click.echo(f"{view}\n    {description}")
            return
        if plot:
            table = reports.fetch(conn, name, _filters(since, until, actor, None, include_undated))
            try:
                chart.plot_weekly(table, Path(plot))
            except OSError as exc:
                raise UserError(f"cannot write {plot}: {exc.strerror or exc}") from exc
            click.echo(f"wrote {plot} ({len(table.rows)} actor-weeks)", err=True)
            return
        filters = _filters(since, until, actor, limit, include_undated, incident)
        if as_of:
            table, undated = history.incidents_as_of(conn, at, filters), 0
        else:
            table = reports.fetch(conn, name, filters)
            undated = reports.count_undated(conn, name, filters)
    shown = [c.strip() for c in columns.split(",") if c.strip()] if columns else []
    if not shown and fmt == "table":
        shown = [c for c in reports.get_spec(name).table_columns if c in table.columns]
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
    from eventdb.reports import ReportError

    fmt = fmt or ("geojson" if what == "incidents" else "csv")
    try:
        exports.check(what, fmt)
    except ReportError as exc:
        raise click.UsageError(str(exc)) from exc
    if fmt in exports.BINARY_FORMATS and not output:
        raise click.UsageError(f"--format {fmt} writes a binary file: give --output FILE")
    filters = _filters(since, until, actor, None)
    with database.connect().connect() as conn:
        if output:
            mode = "wb" if fmt in exports.BINARY_FORMATS else "w"
            try:
                out = open(output, mode, **({} if mode == "wb" else {"encoding": "utf-8", "newline": ""}))
            except OSError as exc:
                raise UserError(f"cannot write {output}: {exc.strerror or exc}") from exc
            with out:
                result = exports.export(conn, what, fmt, out, filters)
            click.echo(f"wrote {result.rows} {what} to {output}", err=True)
        else:
            result = exports.export(conn, what, fmt, sys.stdout, filters)
    if result.left_out:
        click.echo(f"left out {result.left_out} undated incidents: ACLED rows need a date", err=True)


@main.command("diff")
@click.option("--since", required=True, help="The time to compare with (2024-05-01 or 2024-05-01T12:00; local time unless an offset is given).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@_report_command
def diff_command(since: str, fmt: str) -> None:
    """Incidents added, changed (each field, old -> new) and withdrawn since a time: release notes."""
    from eventdb import history, output, reports

    try:
        moment = history.parse_time(since)
    except reports.ReportError as exc:
        raise click.UsageError(str(exc)) from exc
    with database.connect().connect() as conn:
        table = history.diff(conn, moment)
    output.write_report(table, fmt, sys.stdout)


@main.group("curate")
def curate_group() -> None:
    """Record a curator's judgement (who, when, why): it outranks the extractor and survives re-extraction.

    Every judgement needs --reason; --by names the curator (default: EVENTDB_CURATOR or the login
    name). `eventdb report judgements` lists them; ids of claims and incidents are those of
    `eventdb report claims` and `eventdb report incidents`.
    """


def _curation(fn):
    """Run a curation in one transaction; CurationError is a one-line error."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args, reason: str, by: str | None, **kwargs):
        from eventdb import curation

        try:
            with database.connect().begin() as conn:
                outcome = fn(conn, *args, curator=curation.Curator(curation.curator_name(by), reason), **kwargs)
        except curation.CurationError as exc:
            raise UserError(str(exc)) from exc
        click.echo(outcome.message)

    wrapper = click.option("--by", help="Who makes the judgement (default: EVENTDB_CURATOR, else the login name).")(wrapper)
    wrapper = click.option("--reason", "-m", required=True, help="Why (kept with the judgement).")(wrapper)
    return _report_command(wrapper)


@curate_group.command("reject")
@click.argument("claim_id")
@_curation
def curate_reject(conn, claim_id: str, curator) -> object:
    """The claim CLAIM_ID is wrong: leave it out of the views and of its incident."""
    from eventdb import curation

    return curation.reject_claim(conn, claim_id, curator)


@curate_group.command("correct")
@click.argument("target")
@click.argument("assignments", nargs=-1, required=True)
@_curation
def curate_correct(conn, target: str, assignments: tuple[str, ...], curator) -> object:
    """Set FIELD=VALUE on a claim (TARGET a claim id) or an incident (TARGET an incident id).

    Claim fields: stance, event_type, outcome, occurred_on, date_precision, place, killed, injured,
    projectiles, perpetrator, target. Incident fields: event_type, outcome, occurred_on,
    date_precision, place, perpetrator, perpetrator_basis, target, killed_low, killed_best,
    killed_high, injured_low, injured_best, injured_high, projectiles_low, projectiles_high.
    Places and actors are reference keys (seeds/reference/); 'null' clears a value.
    """
    from eventdb import curation

    return curation.correct(conn, target, list(assignments), curator)


@curate_group.command("merge")
@click.argument("first")
@click.argument("second")
@_curation
def curate_merge(conn, first: str, second: str, curator) -> object:
    """Incidents FIRST and SECOND are one event; the merged one keeps the id of its earliest report."""
    from eventdb import curation

    return curation.merge_incidents(conn, first, second, curator)


@curate_group.command("split")
@click.argument("claim_id")
@_curation
def curate_split(conn, claim_id: str, curator) -> object:
    """The incident report CLAIM_ID is another event: split it (and its article's claims about it) off its incident."""
    from eventdb import curation

    return curation.split_report(conn, claim_id, curator)


@curate_group.command("resolve")
@click.argument("name")
@click.option("--actor", "actor_key", help="Reference key of the actor the name is.")
@click.option("--place", "place_key", help="Reference key of the place the name is.")
@_curation
def curate_resolve(conn, name: str, actor_key: str | None, place_key: str | None, curator) -> object:
    """The unresolved NAME (reports.unresolved_names) is this reference actor or place, now and in later articles."""
    from eventdb import curation

    if bool(actor_key) == bool(place_key):
        raise UserError("give exactly one of --actor KEY and --place KEY")
    return curation.resolve_name(conn, name, "actor" if actor_key else "place", actor_key or place_key, curator)


@curate_group.command("undo")
@click.argument("judgement_id")
@_curation
def curate_undo(conn, judgement_id: str, curator) -> object:
    """Withdraw judgement JUDGEMENT_ID (a rejection, correction or name); the machine's values come back."""
    from eventdb import curation

    return curation.undo(conn, judgement_id, curator)


def _role_options(fn):
    """The options grant-reader and grant-curator share."""
    options = [
        click.option("--password", "prompt_password", is_flag=True, help="Ask for the login password (hidden, twice)."),
        click.option("--password-env", metavar="VAR", help="Take the login password from environment variable VAR."),
        click.option("--generate-password", is_flag=True, help="Make up a password and print it once."),
        click.option("--statement-timeout", type=click.IntRange(1, 86400), default=60, show_default=True, metavar="SECONDS",
                     help="Longest query the role may run."),
        click.option("--revoke-public", is_flag=True,
                     help="Where every role (PUBLIC) may create temporary tables, schemas, objects in a schema or large "
                          "objects in this database, revoke that from PUBLIC (database-wide); without it such a database is refused."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


@main.command("grant-reader")
@click.argument("role")
@_role_options
@_report_command
def grant_reader_command(role: str, **options) -> None:
    """Create or update ROLE as a read-only login for BI tools: SELECT on the reports views, nothing else.

    Without a password option the role keeps its password (or has none, for peer or trust
    authentication). The role is refused when it is eventdb's own, an owner, privileged or a
    member of another role. It gets read-only transactions and a statement timeout in this database.
    """
    from eventdb import roles

    _grant(roles.grant_reader, role, **options)


@main.command("grant-curator")
@click.argument("role")
@_role_options
@_report_command
def grant_curator_command(role: str, **options) -> None:
    """Create or update ROLE as a curator's login: read everything, record judgements (eventdb curate), nothing else.

    Password and other options as for grant-reader; its transactions are not read-only.
    """
    from eventdb import roles

    _grant(roles.grant_curator, role, **options)


def _grant(grant, role: str, prompt_password: bool, password_env: str | None, generate_password: bool,
           statement_timeout: int, revoke_public: bool) -> None:
    from eventdb import roles

    if sum((prompt_password, password_env is not None, generate_password)) > 1:
        raise click.UsageError("give at most one of --password, --password-env, --generate-password")
    password = None
    if password_env is not None:
        password = os.environ.get(password_env)
        if not password:
            raise click.UsageError(f"--password-env: environment variable {password_env} is not set or empty")
    elif generate_password:
        password = roles.new_password()
    elif prompt_password:
        password = click.prompt(f"password for {role}", hide_input=True, confirmation_prompt=True)
    options = roles.RoleOptions(password=password, statement_timeout_s=statement_timeout, revoke_public=revoke_public)
    try:
        with database.connect().begin() as conn:
            statements = grant(conn, role, options)
    except roles.RoleError as exc:
        raise UserError(str(exc)) from exc
    for statement in statements:
        click.echo(statement)
    if generate_password:
        click.echo(f"password for {role} (shown this once): {password}")
