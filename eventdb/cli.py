"""The `eventdb` command: parses options and calls the library; no logic of its own."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

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
