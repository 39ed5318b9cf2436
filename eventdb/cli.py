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
    """Inspect and migrate the database."""


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
@fail_cleanly
def db_url() -> None:
    """Print the database URL in use, password masked."""
    click.echo(database.mask_url(database.target().url))


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


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]), help="Publication date for articles that carry none.")
@click.option("--url", help="URL for an article that carries none (use with a single article).")
@click.option("--outlet", help="Outlet name or domain for articles that carry none.")
@click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True, help="Extraction worker processes.")
@click.option("--dry-run", is_flag=True, help="Extract and resolve, then roll back: nothing is written.")
@fail_cleanly
def ingest(paths: tuple[str, ...], published, url: str | None, outlet: str | None, jobs: int, dry_run: bool) -> None:
    """Store the assertions of articles in PATHS (files, directories, or - for stdin).

    Exit code 0 when every input landed, 1 when some failed (each is named on
    one line with its reason), 2 for usage errors.
    """
    from eventdb.ingest import ConnectionLost, Overrides
    from eventdb.ingest import ingest as run_ingest

    overrides = Overrides(published=published.date() if published else None, url=url, outlet=outlet)
    engine = database.connect()
    progress = ProgressLine(_count_files(paths))
    try:
        summary = run_ingest(engine, list(paths), overrides=overrides, jobs=jobs, dry_run=dry_run,
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

    with database.connect().begin() as conn:
        names = views.sync_views(conn)
    click.echo(f"{len(names)} views in schema reports: {', '.join(names)}")


_DATE = click.DateTime(formats=["%Y-%m-%d"])


def _filters(since, until, actor: str | None, limit: int | None, incident: str | None = None):
    from eventdb.reports import Filters

    return Filters(since=since.date() if since else None, until=until.date() if until else None, actor=actor, limit=limit,
                   incident=incident)


@main.command("report")
@click.argument("name", required=False)
@click.option("--list", "list_reports", is_flag=True, help="List the reports with their descriptions.")
@click.option("--since", type=_DATE, help="Only rows on or after this date (the report's natural date column).")
@click.option("--until", type=_DATE, help="Only rows on or before this date.")
@click.option("--actor", help="Only rows whose actor columns contain this name (case-insensitive).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--limit", type=click.IntRange(min=0), help="At most this many rows.")
@click.option("--columns", help="Comma-separated columns to show (default: all; a table shows the report's main columns).")
@click.option("--plot", type=click.Path(dir_okay=False, writable=True), help="actor_activity_weekly only: write a PNG timeline to this file.")
@click.option("--incident", help="Only rows about this incident id (an old id is followed to the current one).")
@click.option("--as-of", "as_of", help="incidents only: as the database held them at this time (2024-05-01 or 2024-05-01T12:00; local time unless an offset is given).")
@_report_command
def report_command(name, list_reports, since, until, actor, fmt, limit, columns, plot, incident, as_of) -> None:
    """Print the saved report NAME (a view in schema reports); --list shows them all."""
    from pathlib import Path

    from eventdb import chart, history, output, reports

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
            table = reports.fetch(conn, name, _filters(since, until, actor, None))
            chart.plot_weekly(table, Path(plot))
            click.echo(f"wrote {plot} ({len(table.rows)} actor-weeks)", err=True)
            return
        if as_of:
            if name != "incidents":
                raise UserError("--as-of reads the incidents report only")
            table = history.incidents_as_of(conn, history.parse_time(as_of), _filters(since, until, actor, limit, incident))
        else:
            table = reports.fetch(conn, name, _filters(since, until, actor, limit, incident))
    shown = [c.strip() for c in columns.split(",") if c.strip()] if columns else []
    if not shown and fmt == "table":
        shown = [c for c in reports.get_spec(name).table_columns if c in table.columns]
    if shown:
        hidden = len(table.columns) - len(shown)
        table = reports.select_columns(table, shown)
    output.write_report(table, fmt, sys.stdout)
    if shown and not columns and hidden > 0:
        click.echo(f"({hidden} more columns: --columns NAME,... or --format csv|json shows them)", err=True)


@main.command("export")
@click.argument("what", type=click.Choice(["incidents"]))
@click.option("--format", "fmt", type=click.Choice(["geojson", "csv", "jsonl"]), default="geojson", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="File to write (default: standard output).")
@click.option("--since", type=_DATE, help="Only incidents on or after this date.")
@click.option("--until", type=_DATE, help="Only incidents on or before this date.")
@click.option("--actor", help="Only incidents whose perpetrator or target contains this name.")
@_report_command
def export_command(what, fmt, output, since, until, actor) -> None:
    """Export incidents as GeoJSON (points at the place, null geometry when unknown), CSV or JSON lines."""
    from eventdb import exports

    with database.connect().connect() as conn:
        if output:
            with open(output, "w", encoding="utf-8", newline="") as out:
                n = exports.export_incidents(conn, fmt, out, _filters(since, until, actor, None))
            click.echo(f"wrote {n} incidents to {output}", err=True)
        else:
            exports.export_incidents(conn, fmt, sys.stdout, _filters(since, until, actor, None))


@main.command("diff")
@click.option("--since", required=True, help="The time to compare with (2024-05-01 or 2024-05-01T12:00; local time unless an offset is given).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@_report_command
def diff_command(since: str, fmt: str) -> None:
    """Incidents added, changed (each field, old -> new) and withdrawn since a time: release notes."""
    from eventdb import history, output

    with database.connect().connect() as conn:
        table = history.diff(conn, history.parse_time(since))
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
    date_precision, place, perpetrator, perpetrator_basis, target, killed_low, killed_high,
    injured_low, injured_high, projectiles_low, projectiles_high. Places and actors are reference
    keys (seeds/reference/); 'null' clears a value.
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


@main.command("grant-curator")
@click.argument("role")
@click.option("--password", help="Login password to set (omit to keep the current one, or for peer/trust auth).")
@_report_command
def grant_curator_command(role: str, password: str | None) -> None:
    """Create or update ROLE as a curator's login: read everything, record judgements (eventdb curate), nothing else."""
    from eventdb import roles

    with database.connect().begin() as conn:
        for statement in roles.grant_curator(conn, role, password):
            click.echo(statement)


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
