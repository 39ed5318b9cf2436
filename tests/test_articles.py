"""Readers: every format, every failure mode as a ReadError, normalization."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from eventdb import articles
from eventdb.articles import (
    MAX_BYTES, ReadError, content_sha256, iter_paths, normalize_text, read_path, read_stream,
)
from eventdb.assertions import Article

SEEDS = Path(__file__).resolve().parent.parent / "seeds" / "articles"


def one(items) -> Article | ReadError:
    items = list(items)
    assert len(items) == 1, items
    return items[0]


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_txt_with_header_gives_date_url_title(tmp_path):
    path = write(tmp_path, "a.txt", " date 2023-12-31 https://example.org/x\n\nMilitia Fires Rockets\n\nRockets hit a base. Nobody was hurt.\n")
    art = one(read_path(path))
    assert art.published == dt.date(2023, 12, 31)
    assert art.url == "https://example.org/x"
    assert art.title == "Militia Fires Rockets"
    assert art.text.startswith("Militia Fires Rockets")
    assert "date 2023" not in art.text


def test_txt_without_header_has_no_title_or_date(tmp_path):
    art = one(read_path(write(tmp_path, "b.txt", "Rockets hit a base.\nMore text.")))
    assert (art.published, art.url, art.title) == (None, None, None)


def test_header_title_that_is_a_sentence_is_not_a_title(tmp_path):
    art = one(read_path(write(tmp_path, "c.txt", " date 2024-01-02 u\nA drone struck the base on Monday.\n")))
    assert art.title is None


@pytest.mark.parametrize("trailer, expected", [
    ("Original Source: www.reuters.com", "www.reuters.com"),
    ("Read more at Middle East Eye", "Middle East Eye"),
])
def test_republication_trailer(tmp_path, trailer, expected):
    art = one(read_path(write(tmp_path, "d.txt", f"Body of the article.\n{trailer}\n")))
    assert art.republished_from == expected


def test_normalization_crlf_bom_nfc_curly_quotes_kept(tmp_path):
    raw = "\ufeffThe “militia” said\r\ncafe\u0301 line\r\n".encode("utf-8")
    art = one(read_path(write(tmp_path, "e.txt", raw)))
    assert "\r" not in art.text and "\ufeff" not in art.text
    assert "café" in art.text and "“militia”" in art.text


def test_content_sha256_ignores_line_end_style():
    assert content_sha256("a\r\nb") == content_sha256("a\nb")
    assert content_sha256("a b") != content_sha256("a  b")
    assert len(content_sha256("x")) == 64


@pytest.mark.parametrize("name, data, words", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n ", "empty"),
    ("bin.txt", b"abc\x00\x01def", "binary"),
    ("latin.txt", "caf\xe9 attack".encode("latin-1"), "UTF-8"),
    ("digits.txt", b"123 456 -- 789", "no letters"),
    ("bad.json", b'{"text": "x", ', "malformed JSON"),
    ("notext.json", b'{"title": "x"}', "missing 'text'"),
    ("numtext.json", b'{"text": 5}', "missing 'text'"),
    ("scalar.json", b'"just a string"', "not a JSON object"),
    ("emptylist.json", b"[]", "empty JSON list"),
    ("baddate.json", b'{"text": "Rockets hit.", "published": "last tuesday"}', "not an ISO date"),
    ("html.html", b"<html><body></body></html>", "no article text"),
])
def test_bad_input_is_a_read_error(tmp_path, name, data, words):
    err = one(read_path(write(tmp_path, name, data)))
    assert isinstance(err, ReadError), err
    assert words in err.reason
    assert "\n" not in err.reason


def test_missing_file_is_a_read_error(tmp_path):
    err = one(read_path(tmp_path / "nope.txt"))
    assert isinstance(err, ReadError) and "cannot read" in err.reason


def test_huge_file_is_refused_without_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(MAX_BYTES + 10)  # sparse: no memory or disk cost

    def boom(self):  # pragma: no cover - proves we never read it
        raise AssertionError("read the huge file")

    monkeypatch.setattr(Path, "read_bytes", boom)
    err = one(read_path(path))
    assert isinstance(err, ReadError) and "too large" in err.reason


def test_json_list_mixes_articles_and_errors(tmp_path):
    data = json.dumps([
        {"text": "A drone hit a base.", "url": "https://x/1", "published": "2024-02-03", "outlet": "AFP", "title": "T"},
        {"url": "https://x/2"},
        {"text": "!!!"},
    ])
    items = list(read_path(write(tmp_path, "list.json", data)))
    assert isinstance(items[0], Article)
    assert items[0].published == dt.date(2024, 2, 3) and items[0].outlet == "AFP" and items[0].title == "T"
    assert isinstance(items[1], ReadError) and "record 1" in items[1].reason
    assert isinstance(items[2], ReadError) and "no letters" in items[2].reason


def test_jsonl_errors_carry_line_numbers(tmp_path):
    lines = [json.dumps({"text": "First article."}), "", "{broken", json.dumps({"text": "Third.", "published": "2024-13-01"}),
             json.dumps({"text": "Fourth."})]
    items = list(read_path(write(tmp_path, "x.jsonl", "\n".join(lines))))
    assert [type(i).__name__ for i in items] == ["Article", "ReadError", "ReadError", "Article"]
    assert items[1].line == 3 and items[2].line == 4
    assert items[0].origin.endswith("x.jsonl:1") and items[3].origin.endswith("x.jsonl:5")


def _records(count: int) -> list[str]:
    return [json.dumps({"text": f"Article number {i} about a drone strike.", "url": f"https://x/{i}"}) for i in range(count)]


def test_jsonl_file_larger_than_the_limit_streams_record_by_record(tmp_path, monkeypatch):
    monkeypatch.setattr(articles, "MAX_BYTES", 400)  # the file is about 30 times the limit
    lines = _records(200)
    lines[50] = json.dumps({"text": "x" * 500})  # one record over the limit
    lines[120] = "not json"
    path = write(tmp_path, "dump.jsonl", "\n".join(lines) + "\n")
    assert path.stat().st_size > 30 * 400

    def boom(self):  # pragma: no cover - proves the file is never read whole
        raise AssertionError("read the whole file")

    monkeypatch.setattr(Path, "read_bytes", boom)
    items = list(read_path(path))
    errors = [i for i in items if isinstance(i, ReadError)]
    assert len(items) == 200 and [(e.line, e.reason.split(" (")[0]) for e in errors] == [
        (51, "record too large"), (121, "malformed JSON: Expecting value")]
    assert items[199].origin.endswith("dump.jsonl:200") and items[199].url == "https://x/199"


def test_jsonl_bad_bytes_cost_one_line_and_a_binary_file_one_error(tmp_path):
    lines = [line.encode() for line in _records(3)]
    lines[1] = b'{"text": "caf\xe9 attack"}'
    items = list(read_path(write(tmp_path, "mixed.jsonl", b"\n".join(lines))))
    assert [type(i).__name__ for i in items] == ["Article", "ReadError", "Article"]
    assert items[1].line == 2 and "UTF-8" in items[1].reason
    err = one(read_path(write(tmp_path, "blob.jsonl", b"\x00\x01" * 5000)))
    assert isinstance(err, ReadError) and "binary" in err.reason and err.line is None
    err = one(read_path(write(tmp_path, "blank.jsonl", "\n \n")))
    assert isinstance(err, ReadError) and err.reason == "empty input"


def test_jsonl_on_stdin_streams_past_the_limit(monkeypatch):
    monkeypatch.setattr(articles, "MAX_BYTES", 400)
    payload = "\ufeff" + "\n".join(_records(100)) + "\n"
    items = list(read_stream(io.BytesIO(payload.encode())))
    assert len(items) == 100 and all(isinstance(i, Article) for i in items)
    assert items[0].origin == "<stdin>:1" and items[99].origin == "<stdin>:100"
    # plain text on stdin is still read whole, and still limited
    err = one(read_stream(io.BytesIO(b"A long article. " * 100)))
    assert isinstance(err, ReadError) and "too large" in err.reason


def test_html_is_read_offline(tmp_path):
    html = ("<html><head><title>Base attacked</title><link rel='canonical' href='https://news.example/a'>"
            "<meta property='article:published_time' content='2024-03-02'></head><body><article>"
            "<h1>Base attacked</h1><p>Three rockets were fired at the Victory base near Baghdad airport on Friday, the army said, "
            "and a drone was shot down over the city later that night.</p>"
            "<p>No group has claimed responsibility for the attack so far, officials said on Saturday.</p></article></body></html>")
    art = one(read_path(write(tmp_path, "p.html", html)))
    assert isinstance(art, Article)
    assert "Three rockets" in art.text and "<p>" not in art.text
    assert art.published == dt.date(2024, 3, 2)
    assert art.url == "https://news.example/a"


@pytest.mark.parametrize("payload, count", [
    ("Plain text about a drone strike.", 1),
    ('{"text": "One."}', 1),
    ('[{"text": "One."}, {"text": "Two."}]', 2),
    ('{"text": "One."}\n{"text": "Two."}\n', 2),
])
def test_stream_sniffs_format(payload, count):
    items = list(read_stream(io.StringIO(payload)))
    assert len(items) == count and all(isinstance(i, Article) for i in items)
    assert items[0].origin.startswith("<stdin>")


def test_stream_binary_and_bytes():
    err = one(read_stream(io.BytesIO(b"\x00\x00"), origin="pipe"))
    assert isinstance(err, ReadError) and err.origin == "pipe"
    art = one(read_stream(io.BytesIO("Attack “x”.".encode())))
    assert art.text == "Attack “x”."


def test_iter_paths_recurses_sorted_and_skips_hidden(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("b.txt", "a.json", "sub/c.jsonl", "sub/d.htm", "e.pdf", ".x.txt", ".hidden/f.txt"):
        write(tmp_path, name, "x")
    got = [p.relative_to(tmp_path).as_posix() for p in iter_paths([tmp_path])]
    assert got == ["a.json", "b.txt", "sub/c.jsonl", "sub/d.htm"]


def test_seeds_read_cleanly():
    arts = [one(read_path(p)) for p in iter_paths([SEEDS])]
    assert len(arts) == 5 and all(isinstance(a, Article) for a in arts)
    dated = [a for a in arts if a.published]
    assert len(dated) == 1 and dated[0].published == dt.date(2024, 4, 20)
    assert dated[0].title and dated[0].title.startswith("Israel, Iran-Allied")
    assert {a.republished_from for a in arts} >= {"www.theguardian.com", "Institute for National Security Studies"}
    assert all(a.text == normalize_text(a.text) for a in arts)
