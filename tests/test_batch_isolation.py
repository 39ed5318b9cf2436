"""A bad input costs one line and nothing else: every good article around it lands, exit code 1.

Includes the fuzz test: random bytes, random JSON structures, random dates and random file names
mixed among good articles.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from eventdb import articles, store
from eventdb.cli import main
from tests.conftest import SEED_ARTICLES, count


def ingest(*args: str):
    return CliRunner().invoke(main, ["ingest", *args])


def good_articles(folder: Path, nonce: str) -> list[Path]:
    """The seed articles, each made new by a sentence of its own."""
    paths = []
    for i, seed in enumerate(sorted(SEED_ARTICLES.glob("*.txt"))):
        path = folder / f"good_{i}.txt"
        path.write_text(seed.read_text() + f"\nDispatch {nonce} number {i}.\n")
        paths.append(path)
    return paths


def stored_with(engine, nonce: str) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM sources WHERE strpos(text, :n) > 0"), {"n": nonce}).scalar_one()


def error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("error: ")]


# Each bad input, by file name, with what its error line says.
BAD_INPUTS: dict[str, tuple[bytes, str]] = {
    "deep.json": (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    "surrogate.json": (b'{"text": "Rockets hit the base \\ud800 on Monday."}', "unpaired surrogate"),
    "nul.json": (b'{"text": "Rockets hit the base \\u0000 on Monday."}', "NUL"),
    "far_future.json": (b'{"text": "Rockets hit the base on Monday.", "published": "9999-12-31"}', "outside 1900-2100"),
    "year_one.jsonl": (b'{"text": "Rockets hit the base on Monday.", "published": "0001-01-01"}', "outside 1900-2100"),
    "feb30.txt": (b"date 2024-02-30 https://example.org/x\n\nRockets hit the base on Monday.\n", "header date is not a valid date: '2024-02-30'"),
    "url_number.json": (b'{"text": "Rockets hit the base on Monday.", "url": 42}', "'url' must be a string, not a number"),
    "title_list.json": (b'{"text": "Rockets hit the base on Monday.", "title": ["a"]}', "'title' must be a string, not a list"),
    "outlet_object.json": (b'{"text": "Rockets hit the base on Monday.", "outlet": {"a": 1}}', "'outlet' must be a string, not an object"),
    "binary.txt": (b"\x00\x01\x02" * 100, "binary data"),
    "latin1.txt": ("Roquettes tirées sur la base.".encode("latin-1"), "not valid UTF-8"),
    "empty.txt": (b"", "empty input"),
}


def test_a_directory_with_each_bad_input_stores_every_good_file(use_db, engine, tmp_path, monkeypatch):
    nonce = uuid.uuid4().hex
    good = good_articles(tmp_path, nonce)
    for name, (data, _) in BAD_INPUTS.items():
        (tmp_path / name).write_bytes(data)
    os.mkfifo(tmp_path / "fifo.txt")  # would block a reader forever
    (tmp_path / "device.txt").symlink_to("/dev/zero")  # would never end
    odd_name = os.fsencode(tmp_path) + b"/caf\xe9\nerror: forged.txt"  # not UTF-8, and a newline
    Path(os.fsdecode(odd_name)).write_text(f"Rockets hit the base on Monday. Dispatch {nonce} odd.\n")
    (tmp_path / "loop").mkdir()
    (tmp_path / "loop" / "back").symlink_to(tmp_path)  # each directory is walked once
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text("Rockets hit the base on Monday.")
    real_scandir = os.scandir
    monkeypatch.setattr(articles.os, "scandir", lambda d: (_ for _ in ()).throw(PermissionError(13, "Permission denied"))
                        if Path(d) == locked else real_scandir(d))  # as root, chmod cannot make it unreadable
    real_store = store.store_article

    def overflows(conn, article, extraction, ctx):
        if "number 3." in article.text:
            raise OverflowError("date value out of range")  # as a date overflowing while resolving a period
        return real_store(conn, article, extraction, ctx)

    monkeypatch.setattr(store, "store_article", overflows)

    result = ingest(str(tmp_path))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    errors = error_lines(result.output)
    for name, (_, words) in BAD_INPUTS.items():
        assert [e for e in errors if name in e and words in e], f"{name}: no error line saying {words!r}\n{result.output}"
    assert [e for e in errors if "fifo.txt" in e and "a FIFO" in e]
    assert [e for e in errors if "device.txt" in e and "a character device" in e]
    assert [e for e in errors if "locked" in e and "cannot list directory" in e]
    assert [e for e in errors if "good_3.txt" in e and "OverflowError" in e]
    assert not [line for line in result.output.splitlines() if line.startswith("error: forged")]  # the newline is escaped
    expected_failures = len(BAD_INPUTS) + 4
    assert len(errors) == expected_failures, result.output
    # Every good file landed, the oddly named one too (its name escaped, not lost).
    assert stored_with(engine, nonce) == len(good) - 1 + 1
    with engine.connect() as conn:
        origin = conn.execute(text("SELECT origin FROM sources WHERE strpos(text, 'odd.') > 0")).scalar_one()
        run = conn.execute(text("SELECT finished_at, articles_failed, errors FROM ingest_runs")).one()
    assert origin.endswith("caf\\xe9\nerror: forged.txt")
    assert run.finished_at is not None and run.articles_failed == expected_failures == len(run.errors)


def test_a_text_over_the_article_limit_is_refused_up_front(use_db, engine, tmp_path, monkeypatch):
    monkeypatch.setattr(articles, "MAX_TEXT_CHARS", 1000)
    nonce = uuid.uuid4().hex
    good_articles(tmp_path, nonce)
    (tmp_path / "long.txt").write_text("Rockets hit the base on Monday. " * 100)
    result = ingest(str(tmp_path))
    assert result.exit_code == 1
    assert [e for e in error_lines(result.output) if "long.txt" in e and "text too long (3,199 characters > 1,000" in e]
    assert count(engine, "sources") == 0  # the seeds are over 1,000 characters too: each refused alone


# --- the fuzz test ---------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.sampled_from(
        ["text", "url", "title", "outlet", "published", "x"]), children, max_size=5),
    max_leaves=12,
)
dates = st.one_of(st.dates().map(str), st.text(max_size=12), st.from_regex(r"\d{4}-\d{2}-\d{2}", fullmatch=True))
records = st.fixed_dictionaries({"text": st.text(min_size=0, max_size=200)},
                                optional={"published": dates | json_values, "url": json_values,
                                          "title": json_values, "outlet": json_values})
contents = st.one_of(
    st.binary(max_size=300),
    json_values.map(lambda v: json.dumps(v).encode()),
    records.map(lambda r: json.dumps(r).encode()),
    st.lists(records, max_size=3).map(lambda rs: "\n".join(json.dumps(r) for r in rs).encode()),
    dates.map(lambda d: f"date {d} https://example.org/x\n\nRockets hit the base on Monday.\n".encode("utf-8", "surrogatepass")),
)
names = st.binary(min_size=1, max_size=16).filter(lambda b: b"/" not in b and b"\x00" not in b)
suffixes = st.sampled_from([".txt", ".json", ".jsonl", ".html", ".md", ""])


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(bad=st.lists(st.tuples(names, suffixes, contents), min_size=1, max_size=4))
def test_fuzz_random_inputs_among_good_articles(use_db, engine, tmp_path_factory, bad):
    folder = tmp_path_factory.mktemp("fuzz")
    nonce = uuid.uuid4().hex
    good = good_articles(folder, nonce)
    for i, (name, suffix, data) in enumerate(bad):
        path = os.fsencode(folder) + b"/" + f"bad{i}_".encode() + name + suffix.encode()
        with open(path, "wb") as fh:
            fh.write(data)
    (folder / "surely_bad.json").write_bytes(b"\x00 not an article")
    result = ingest("--jobs", "1", str(folder))  # workers are covered elsewhere; spawning them per example is slow
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert stored_with(engine, nonce) == len(good), result.output
    assert [e for e in error_lines(result.output) if "surely_bad.json" in e]
