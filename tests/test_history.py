"""Incident history: versions in transaction time, `--as-of`, `diff`."""

from __future__ import annotations

import datetime as dt
import json

from click.testing import CliRunner
from sqlalchemy import text

from eventdb import history, store
from eventdb.assertions import Article, DateRef, Extraction, IncidentReport
from eventdb.cli import main
from eventdb.reference import load_reference, read_reference
from tests.conftest import REPO
from tests.test_store import A_TEXT, VERSION, extraction_a, put, rocket_attack, span

URL = "https://example-news.com/story"
REVISED = A_TEXT.replace("injuring two people", "killing five people")


def killed(n: int, text_: str = A_TEXT) -> Extraction:
    report = IncidentReport(**{**rocket_attack(text_, "Fourteen rockets hit the Ain al-Assad base on Saturday", 14, None, "unknown").__dict__,
                               "killed": n})
    return Extraction(VERSION, incidents=(report,))


def now(engine) -> dt.datetime:
    with engine.connect() as conn:
        return conn.execute(text("SELECT clock_timestamp()")).scalar_one()


def versions(engine) -> list[tuple]:
    with engine.connect() as conn:
        return conn.execute(text("SELECT version, change, changed_fields, valid_to IS NULL FROM incident_history ORDER BY version")).all()


def test_a_new_incident_is_one_version_and_an_unchanged_one_gets_none(use_db, engine):
    with engine.begin() as conn:
        load_reference(conn, read_reference(REPO / "tests" / "fixtures" / "reference"))
        ctx = store.load_context(conn, VERSION)
    put(engine, ctx, Article(A_TEXT, "a.txt", url=URL), killed(2))
    assert versions(engine) == [(1, "created", [], True)]  # inserted and filled in one transaction: one version
    with engine.connect() as conn:
        assert conn.execute(text("SELECT fields ->> 'killed_high', public_id FROM incident_history")).one()[0] == "2"
    put(engine, ctx, Article(A_TEXT + " ", "again.txt"), killed(2))  # the same text: nothing stored
    assert len(versions(engine)) == 1


def test_as_of_before_a_revision_shows_the_old_toll_and_after_it_the_new(use_db, engine):
    with engine.begin() as conn:
        load_reference(conn, read_reference(REPO / "tests" / "fixtures" / "reference"))
        ctx = store.load_context(conn, VERSION)
    put(engine, ctx, Article(A_TEXT, "a.txt", url=URL), killed(2))
    before = now(engine)
    put(engine, ctx, Article(REVISED, "a2.txt", url=URL), killed(5, REVISED))
    after = now(engine)
    assert [v[:3] for v in versions(engine)] == [(1, "created", []), (2, "updated", ["killed_best", "killed_high", "killed_low"])]

    with engine.connect() as conn:
        then = history.incidents_as_of(conn, before).records()
        current = history.incidents_as_of(conn, after).records()
        earlier = history.incidents_as_of(conn, before - dt.timedelta(days=1)).records()
    assert [(r["killed_low"], r["killed_high"]) for r in then] == [(2, 2)]
    assert [(r["killed_low"], r["killed_high"]) for r in current] == [(5, 5)]
    assert earlier == []  # the incident did not exist yet
    assert then[0]["incident_id"] == current[0]["incident_id"]  # the revision kept the incident (and its id)

    # the same through the command line, with the time as an analyst types it
    cli = CliRunner().invoke(main, ["report", "incidents", "--as-of", before.isoformat(), "--format", "json"])
    assert cli.exit_code == 0, cli.output
    assert [(r["killed_high"], r["killed_best"]) for r in json.loads(cli.output)] == [(2, 2)]
    table = CliRunner().invoke(main, ["report", "incidents", "--as-of", after.isoformat()])
    assert table.exit_code == 0 and table.stdout.splitlines()[0].split()[0] == "incident_id"
    wrong = CliRunner().invoke(main, ["report", "claims", "--as-of", after.isoformat()])
    assert wrong.exit_code == 2 and "incidents report only" in wrong.output  # a usage error, before any work
    bad = CliRunner().invoke(main, ["report", "incidents", "--as-of", "last week"])
    assert bad.exit_code == 2 and "not a time" in bad.output and "Traceback" not in bad.output


def test_diff_lists_exactly_the_changed_fields_and_what_was_added_and_withdrawn(use_db, engine):
    with engine.begin() as conn:
        load_reference(conn, read_reference(REPO / "tests" / "fixtures" / "reference"))
        ctx = store.load_context(conn, VERSION)
    put(engine, ctx, Article(A_TEXT, "a.txt", url=URL), killed(2))
    gone_text = "Rockets hit Ain al-Assad on Saturday."
    gone = Extraction(VERSION, incidents=(IncidentReport(**{**extraction_a().incidents[0].__dict__, "span": span(gone_text, gone_text),
                                                            "date": DateRef("on Saturday", dt.date(2024, 3, 2), "day")}),))
    put(engine, ctx, Article(gone_text, "gone.txt", url="https://example-news.com/gone"), gone)
    release = now(engine)
    put(engine, ctx, Article(REVISED, "a2.txt", url=URL), killed(5, REVISED))
    put(engine, ctx, Article("Correction: no attack.", "gone2.txt", url="https://example-news.com/gone"), Extraction(VERSION))
    new_text = "Drones hit Ain al-Assad on Sunday, March 10."
    new = Extraction(VERSION, incidents=(IncidentReport(**{**gone.incidents[0].__dict__, "span": span(new_text, new_text),
                                                           "date": DateRef("on Sunday", dt.date(2024, 3, 10), "day")}),))
    put(engine, ctx, Article(new_text, "new.txt", url="https://example-news.com/new"), new)

    with engine.connect() as conn:
        ids = dict(conn.execute(text("""
            SELECT s.url, i.public_id FROM claims c JOIN sources s ON s.id = c.source_id JOIN incidents i ON i.id = c.incident_id
            WHERE c.claim_type = 'incident_report'""")).all())
        table = history.diff(conn, release)
    rows = [(r["incident_id"], r["change"], r["field"], r["old_value"], r["new_value"]) for r in table.records()]
    assert rows == [
        (ids["https://example-news.com/new"], "added", None, None, None),
        (ids[URL], "changed", "killed_best", "2", "5"),
        (ids[URL], "changed", "killed_high", "2", "5"),
        (ids[URL], "changed", "killed_low", "2", "5"),
        (ids["https://example-news.com/gone"], "withdrawn", "status", "current", "withdrawn"),
    ]
    cli = CliRunner().invoke(main, ["diff", "--since", release.isoformat(), "--format", "csv"])
    assert cli.exit_code == 0 and cli.output.splitlines()[0] == "incident_id,change,field,old_value,new_value,changed_at"
    assert len(cli.output.splitlines()) == 6
    # the step-by-step view has the same changes, with their cause
    with engine.connect() as conn:
        steps = conn.execute(text("""SELECT field, old_value, new_value, ingest_run_id IS NULL FROM reports.incident_changes
                                     WHERE changed_at > :t AND change = 'updated'"""), {"t": release}).all()
    assert sorted(steps) == [("killed_best", "2", "5", True), ("killed_high", "2", "5", True), ("killed_low", "2", "5", True)]


def test_history_is_recorded_for_every_writer_and_never_loses_a_version(engine):
    """A change made by hand (or by any other path) is a version too; versions only accumulate."""
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO incidents (id, event_type, date_precision) VALUES (1, 'attack', 'unknown')"))
    with engine.begin() as conn:
        conn.execute(text("UPDATE incidents SET killed_low = 1, killed_high = 3 WHERE id = 1"))
    with engine.begin() as conn:
        conn.execute(text("UPDATE incidents SET updated_at = now() WHERE id = 1"))  # no field changed: no version
    with engine.begin() as conn:
        conn.execute(text("UPDATE incidents SET killed_high = 4 WHERE id = 1"))
        conn.execute(text("UPDATE incidents SET killed_high = 3 WHERE id = 1"))  # and back, in one transaction: none either
    rows = versions(engine)
    assert [r[:3] for r in rows] == [(1, "created", []), (2, "updated", ["killed_high", "killed_low"])]
    assert [r[3] for r in rows] == [False, True]
    with engine.connect() as conn:
        previous = conn.execute(text("SELECT previous FROM incident_history WHERE version = 2")).scalar_one()
    assert previous == {"killed_low": None, "killed_high": None}
