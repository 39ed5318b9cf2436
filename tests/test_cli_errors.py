"""Every command, given bad arguments or a bad database, says so on a line or two: no traceback,
exit code 2 for usage errors (before any work) and 1 for the rest."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from sqlalchemy import text

from eventdb import database
from eventdb.cli import main
from tests.conftest import SEED_ARTICLES
from tests.test_ingest import env_for


def all_commands(group: click.Group = main, prefix: tuple[str, ...] = ()):
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            yield from all_commands(command, prefix + (name,))
        else:
            yield prefix + (name,)


COMMANDS = list(all_commands())
ARTICLE = str(sorted(SEED_ARTICLES.glob("*.txt"))[0])
# Arguments that make each command valid, so that only the one thing tested is wrong.
VALID_ARGS = {
    ("db", "downgrade"): ["base"], ("ingest",): [ARTICLE], ("extract",): [ARTICLE], ("report",): ["incidents"],
    ("export",): ["incidents"], ("grant-reader",): ["eventdb_t13_nobody"], ("evaluate",): [ARTICLE, str(SEED_ARTICLES)],
    ("grant-curator",): ["eventdb_t13_nobody"], ("diff",): ["--since", "2024-05-01"],
    ("curate", "reject"): ["1", "-m", "why"], ("curate", "split"): ["1", "-m", "why"], ("curate", "undo"): ["1", "-m", "why"],
    ("curate", "correct"): ["1", "killed=3", "-m", "why"], ("curate", "merge"): ["EV-0000000000001", "EV-0000000000002", "-m", "why"],
    ("curate", "resolve"): ["Somebody", "--actor", "iran", "-m", "why"],
}
BAD_URLS = ["not a url", "mysql://user@host/db", "postgresql://user@127.0.0.1:1/nowhere", "postgresql://user@[::1/db"]


def invoke(args: list[str], **env: str):
    return CliRunner().invoke(main, args, env=env or None)


def assert_clean(result, codes=(1, 2)) -> None:
    assert result.exit_code in codes, (result.exit_code, result.output)
    assert "Traceback" not in result.output and "internal error" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


def test_every_command_is_covered():
    assert {("ingest",), ("report",), ("db", "upgrade"), ("grant-reader",)} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_an_unknown_option_is_a_usage_error(command, monkeypatch):
    monkeypatch.setenv("EVENTDB_DATABASE_URL", "postgresql://user@127.0.0.1:1/nowhere")  # no work can start
    database.target.cache_clear()
    result = invoke([*command, *VALID_ARGS.get(command, []), "--no-such-option"])
    database.target.cache_clear()
    assert_clean(result, codes=(2,))
    assert "No such option" in result.output


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("url", BAD_URLS)
def test_a_bad_database_url_is_one_line(command, url, monkeypatch):
    if command == ("db", "psql"):
        pytest.skip("hands the URL to psql, whose own message and exit code are psql's")
    monkeypatch.setenv("EVENTDB_DATABASE_URL", url)
    database.target.cache_clear()
    result = invoke([*command, *VALID_ARGS.get(command, [])], EVENTDB_DATABASE_URL=url)
    database.target.cache_clear()
    assert_clean(result, codes=(0, 1))  # extract and evaluate need no database
    if result.exit_code == 1:
        assert len(result.output.strip().splitlines()) == 1, result.output
        assert "user@" not in result.output or "***" in result.output or "password" not in url


@pytest.mark.parametrize("args", [
    ["ingest"], ["ingest", "x.txt", "--jobs", "0"], ["ingest", "x.txt", "--published", "last tuesday"],
    ["report", "incidents", "--since", "2024-02-30"], ["report", "incidents", "--limit", "-1"],
    ["export", "places"], ["export", "incidents", "--format", "xml"], ["grant-reader"],
    ["grant-reader", "r", "--statement-timeout", "0"], ["db", "downgrade"], ["extract", str(SEED_ARTICLES)],
    ["evaluate", "missing.jsonl", str(SEED_ARTICLES)], ["no-such-command"],
])
def test_bad_arguments_are_usage_errors(args, monkeypatch):
    monkeypatch.setenv("EVENTDB_DATABASE_URL", "postgresql://user@127.0.0.1:1/nowhere")
    assert_clean(invoke(args), codes=(2,))


def test_control_characters_in_arguments_are_escaped_in_error_lines(monkeypatch):
    monkeypatch.setenv("EVENTDB_DATABASE_URL", "postgresql://user@127.0.0.1:1/nowhere")
    result = invoke(["report", "x\x1b[2Jy"])
    assert_clean(result, codes=(2,))
    assert "\x1b" not in result.output and "x\\x1b[2Jy" in result.output


def test_unwritable_output_paths_are_one_line_errors(use_db, tmp_path):
    assert_clean(invoke(["export", "incidents", "-o", str(tmp_path)]), codes=(2,))  # a directory: found before any work
    for args in (["export", "incidents", "-o", str(tmp_path / "no" / "x.csv")],
                 ["report", "actor_activity_weekly", "--plot", str(tmp_path / "no" / "x.png")]):
        result = invoke(args)
        assert_clean(result, codes=(1,))
        assert "cannot write" in result.output and len(result.output.strip().splitlines()) == 1, result.output


def test_a_schema_newer_than_this_eventdb_is_a_clear_error_for_every_command(use_db, tmp_path):
    engine = database.make_engine(use_db)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099_from_the_future'"))
    engine.dispose()
    for args in (["db", "upgrade"], ["db", "downgrade", "base", "--yes"], ["report", "incidents"], ["ingest", ARTICLE]):
        result = invoke(args)
        assert_clean(result, codes=(1,))
        assert "0099_from_the_future" in result.output and "newer eventdb" in result.output, result.output
    current = invoke(["db", "current"])
    assert current.exit_code == 0 and "newer than this eventdb" in current.output


@pytest.mark.slow
def test_three_upgrades_at_once_are_serialised(empty_db_url):
    procs = [subprocess.Popen([sys.executable, "-m", "eventdb", "db", "upgrade"], env=env_for(empty_db_url),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    outputs = [p.communicate(timeout=240) for p in procs]
    for proc, (out, err) in zip(procs, outputs):
        assert proc.returncode == 0, err
        assert "Traceback" not in err
        assert out.strip().endswith(f"database at {database.head_revision()}")


def test_a_dead_process_is_forgotten_by_the_embedded_server_bookkeeping(tmp_path):
    import json

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (tmp_path / ".handle_pids.json").write_text(json.dumps([dead.pid, os.getpid()]))
    database.forget_dead_handles(tmp_path)
    assert json.loads((tmp_path / ".handle_pids.json").read_text()) == [os.getpid()]


def test_a_home_lock_held_too_long_names_its_holder(tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from pathlib import Path; from eventdb import database\n"
        "with database.home_lock(Path(sys.argv[1]), 5):\n    print('held', flush=True); time.sleep(30)"), str(tmp_path)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(database.LockWait, match=f"held by pid {holder.pid}"):
            with database.home_lock(Path(tmp_path), seconds=0.5):
                pass
    finally:
        holder.kill()
        holder.wait()
    with database.home_lock(Path(tmp_path), seconds=5):  # released with its holder's death
        pass
