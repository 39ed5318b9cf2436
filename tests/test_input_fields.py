"""JSON inputs whose keys are named otherwise (`--field text=body`), and the error that says how."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from eventdb.articles import FieldNames, ReadError, read_path
from eventdb.cli import main

BODY = "Three rockets struck near Ain al-Asad air base in Anbar on Sunday, the Iraqi army said."
DUMP = {"body": BODY, "date": "2024-01-28T09:15:00Z", "link": "https://example.org/rockets", "site": "Example News"}


def test_mapped_keys_are_read_as_the_article_fields(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_text(json.dumps(DUMP) + "\n")
    fields = FieldNames.parse(["text=body", "published=date", "url=link", "outlet=site"])
    [article] = read_path(path, fields)
    assert article.text == BODY and str(article.published) == "2024-01-28"
    assert (article.url, article.outlet) == ("https://example.org/rockets", "Example News")


def test_a_missing_text_names_the_keys_read_and_those_the_record_has(tmp_path):
    path = tmp_path / "dump.json"
    path.write_text(json.dumps([DUMP]))
    [error] = read_path(path)
    assert isinstance(error, ReadError)
    assert "missing 'text'" in error.reason
    assert "keys read: text, published, url, title, outlet" in error.reason
    assert "this record has: 'body', 'date', 'link', 'site'" in error.reason
    assert "--field text=KEY" in error.reason
    # With text mapped, a date key not mapped is simply not read.
    [article] = read_path(path, FieldNames.parse(["text=body"]))
    assert article.published is None


def test_a_mapped_published_key_with_a_bad_date_names_that_key(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_text(json.dumps({"body": BODY, "date": "last Sunday"}) + "\n")
    [error] = read_path(path, FieldNames.parse(["text=body", "published=date"]))
    assert error.reason == "'date' is not an ISO date: 'last Sunday'"


@pytest.mark.parametrize("spec, words", [
    ("text", "not FIELD=KEY"), ("text=", "not FIELD=KEY"), ("body=text", "unknown field 'body'"),
])
def test_bad_field_specs_are_refused(spec, words):
    with pytest.raises(ValueError, match=words):
        FieldNames.parse([spec])


def test_ingest_with_field_mapping_stores_the_mapped_metadata(use_db, engine, tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_text(json.dumps(DUMP) + "\n")
    runner = CliRunner()
    unmapped = runner.invoke(main, ["ingest", "--jobs", "1", str(path)])
    assert unmapped.exit_code == 1 and "this record has: 'body'" in unmapped.output

    mapped = runner.invoke(main, ["ingest", "--jobs", "1", str(path), "--field", "text=body",
                                  "--field", "published=date", "--field", "url=link"])
    assert mapped.exit_code == 0, mapped.output
    with engine.connect() as conn:
        row = conn.execute(text("SELECT url, published_on, text FROM sources")).one()
    assert (row.url, str(row.published_on), row.text) == ("https://example.org/rockets", "2024-01-28", BODY)

    bad = runner.invoke(main, ["ingest", str(path), "--field", "body"])
    assert bad.exit_code == 2 and "not FIELD=KEY" in bad.output


def test_jobs_default_to_the_usable_cpus(monkeypatch):
    import os

    from eventdb.cli import ingest
    from eventdb.ingest import usable_cpus

    assert usable_cpus() == len(os.sched_getaffinity(0))
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2})
    import click

    jobs = next(p for p in ingest.params if p.name == "jobs")
    assert jobs.get_default(click.Context(ingest)) == 3
