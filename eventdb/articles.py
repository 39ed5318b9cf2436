"""Read articles from files and standard input into normalized `Article` values.

Readers never raise on bad input: each problem becomes a `ReadError` with a
one-line reason, so one broken file in a folder of thousands costs one line in
the report, not the run. Text is normalized once here (NFC, LF line ends, no
BOM) because every character offset stored later indexes this exact text.

JSONL is read record by record (from a `.jsonl` file, or from a stream whose
first line is a JSON object), so a dump of any size goes through in constant
memory; the size limit then applies to each record. Other inputs are read
whole and limited to `MAX_BYTES`. One article's text is limited to
`MAX_TEXT_CHARS`, the size benchmarks/limits_bench.py shows is stored in
bounded time and memory; a longer one is refused with that reason.

Only regular files are read: a FIFO, a device or a socket named as a path is
refused (reading one could block forever or never end).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from eventdb.assertions import Article

MAX_BYTES = 50 * 1024 * 1024
MAX_TEXT_CHARS = 2_000_000  # one article: about 10 s and 100 MB at worst, see benchmarks/limits_bench.py
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100  # a publication date outside is a typo or a placeholder
SUFFIXES = (".txt", ".json", ".jsonl", ".html", ".htm")

_HEADER = re.compile(r"^[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+(\S+))?[ \t]*$")
_TRAILERS = (
    re.compile(r"^\s*Original Source:\s*(\S.*?)\s*$", re.IGNORECASE),
    re.compile(r"^\s*Read more at:?\s+(\S.*?)\s*$", re.IGNORECASE),
)
_LETTER = re.compile(r"[^\W\d_]")
_MAX_TITLE = 200


@dataclass(frozen=True)
class ReadError:
    """Why one file or record could not be read; `line` is set for JSONL records."""

    origin: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.origin}:{self.line}" if self.line is not None else self.origin
        return f"{where}: {self.reason}"


Read = Article | ReadError


@dataclass(frozen=True)
class FieldNames:
    """The JSON keys that hold each article field: `text` is required, the others optional.

    Dumps name them otherwise (`body`, `date`, `link`): `--field text=body` renames one.
    """

    text: str = "text"
    published: str = "published"
    url: str = "url"
    title: str = "title"
    outlet: str = "outlet"

    @classmethod
    def parse(cls, specs: Iterable[str]) -> FieldNames:
        """From `FIELD=KEY` pairs; a ValueError names what is wrong with one."""
        names: dict[str, str] = {}
        known = list(cls.__dataclass_fields__)
        for spec in specs:
            field_name, sep, key = spec.partition("=")
            field_name, key = field_name.strip(), key.strip()
            if not sep or not key:
                raise ValueError(f"{spec!r} is not FIELD=KEY (e.g. text=body)")
            if field_name not in known:
                raise ValueError(f"unknown field {field_name!r}; fields: {', '.join(known)}")
            names[field_name] = key
        return cls(**names)

    def accepted(self) -> str:
        return ", ".join(getattr(self, name) for name in self.__dataclass_fields__)


DEFAULT_FIELDS = FieldNames()


def normalize_text(text: str) -> str:
    """NFC, LF line ends, no BOM, no surrounding blank space; curly quotes stay as written."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text).strip()


def content_sha256(text: str) -> str:
    """Fingerprint for de-duplication: identical normalized text, identical hash."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


def iter_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, plus readable article files found under directories (hidden ones skipped)."""
    return sorted({p for p in walk_paths(paths) if isinstance(p, Path)})


def walk_paths(paths: Iterable[str | Path]) -> Iterator[Path | ReadError]:
    """Files named directly, and article files under directories in sorted order; a subdirectory
    that cannot be listed is a ReadError, not a silent gap in the batch."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk_dir(path, set())
        else:
            yield path


def _walk_dir(directory: Path, seen: set[tuple[int, int]]) -> Iterator[Path | ReadError]:
    """Depth first, by name. Symbolic links to directories are followed, each directory once (no loops)."""
    try:
        info = directory.stat()
        if (info.st_dev, info.st_ino) in seen:
            return
        seen.add((info.st_dev, info.st_ino))
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError as exc:
        yield ReadError(display_path(directory), None, f"cannot list directory: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = Path(entry.path)
        try:
            is_dir = entry.is_dir()
        except OSError as exc:
            yield ReadError(display_path(child), None, f"cannot read: {exc.strerror or exc}")
            continue
        if is_dir:
            yield from _walk_dir(child, seen)
        elif child.suffix.lower() in SUFFIXES:
            yield child  # a FIFO or device named like an article is refused by read_path, not skipped unseen


def display_path(path: str | Path) -> str:
    """A path as text that can be printed and stored: bytes that are not UTF-8 become \\xNN escapes."""
    raw = os.fsencode(path)
    return raw.decode("utf-8", errors="backslashreplace")


def read_path(path: str | Path, fields: FieldNames = DEFAULT_FIELDS) -> Iterator[Read]:
    """Articles (or errors) from one file; the format follows the suffix, unknown suffixes are sniffed."""
    path = Path(path)
    origin = display_path(path)
    try:
        fd = _open_regular(path)
    except _NotRegular as exc:
        yield ReadError(origin, None, str(exc))
        return
    except OSError as exc:
        yield ReadError(origin, None, f"cannot read file: {exc.strerror or exc}")
        return
    with os.fdopen(fd, "rb") as fh:
        if path.suffix.lower() == ".jsonl":
            yield from _read_jsonl_file(fh, origin, fields)
            return
        try:
            size = os.fstat(fh.fileno()).st_size
            if size > MAX_BYTES:
                yield ReadError(origin, None, f"file too large ({size // (1024 * 1024)} MB > {MAX_BYTES // (1024 * 1024)} MB limit)")
                return
            data = fh.read(MAX_BYTES + 1)  # files whose size stat does not tell (/proc) are bounded too
        except OSError as exc:
            yield ReadError(origin, None, f"cannot read file: {exc.strerror or exc}")
            return
    if len(data) > MAX_BYTES:
        yield ReadError(origin, None, f"file too large (> {MAX_BYTES // (1024 * 1024)} MB limit)")
        return
    yield from _read_bytes(data, origin, path.suffix.lower(), fields)


class _NotRegular(Exception):
    pass


_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _open_regular(path: Path) -> int:
    """Open without blocking (a FIFO's open waits for a writer) and refuse what is not a regular file.

    The check is on the opened descriptor, so the file cannot be swapped between check and read."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        kind = next((name for test, name in _KINDS if test(mode)), "a special file")
        raise _NotRegular(f"not a regular file ({kind}): refused")
    os.set_blocking(fd, True)
    return fd


def read_stream(fh: IO[Any], origin: str = "<stdin>", fields: FieldNames = DEFAULT_FIELDS) -> Iterator[Read]:
    """Articles (or errors) from an open stream such as stdin; plain text, JSON, JSONL or HTML is sniffed.

    A stream whose first line is a JSON object on its own is JSONL and is read record by record."""
    try:
        first = _as_bytes(fh.readline(MAX_BYTES + 1))
        if _is_json_object_line(first):
            yield from _jsonl_records(itertools.chain((first,), _bounded_lines(fh)), origin, fields)
            return
        data = first + _as_bytes(fh.read(MAX_BYTES + 1 - len(first)))
    except (OSError, UnicodeDecodeError) as exc:
        yield ReadError(origin, None, f"cannot read input: {exc}")
        return
    if len(data) > MAX_BYTES:
        yield ReadError(origin, None, f"input too large (> {MAX_BYTES // (1024 * 1024)} MB limit)")
        return
    yield from _read_bytes(data, origin, "", fields)


def _as_bytes(data: str | bytes) -> bytes:
    return data.encode("utf-8", errors="surrogatepass") if isinstance(data, str) else data


def _is_json_object_line(line: bytes) -> bool:
    if not line.lstrip(b"\xef\xbb\xbf \t").startswith(b"{") or len(line) > MAX_BYTES:
        return False
    try:
        return isinstance(_loads(line.decode("utf-8-sig")), dict)
    except ValueError:
        return False


def _read_bytes(data: bytes, origin: str, suffix: str, fields: FieldNames) -> Iterator[Read]:
    text_or_error = _decode(data, origin)
    if isinstance(text_or_error, ReadError):
        yield text_or_error
        return
    raw = text_or_error
    kind = {".txt": "txt", ".json": "json", ".jsonl": "jsonl", ".html": "html", ".htm": "html"}.get(suffix) or _sniff(raw)
    if kind == "json":
        yield from _read_json(raw, origin, fields)
    elif kind == "jsonl":
        yield from _jsonl_records((line.encode("utf-8") for line in raw.split("\n")), origin, fields)
    elif kind == "html":
        yield _read_html(raw, origin)
    else:
        yield _read_txt(raw, origin)


def _decode(data: bytes, origin: str) -> str | ReadError:
    if not data.strip():
        return ReadError(origin, None, "empty input")
    if b"\x00" in data:
        return ReadError(origin, None, "binary data (NUL bytes), not an article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return ReadError(origin, None, f"not valid UTF-8 (byte offset {exc.start})")


def _sniff(raw: str) -> str:
    head = raw.lstrip("\ufeff \t\r\n")
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        try:
            _loads(raw)
            return "json"
        except ValueError:
            return "jsonl"
    if head[:15].lower().startswith(("<!doctype html", "<html")):
        return "html"
    return "txt"


def _check_text(text: str, origin: str, line: int | None) -> str | ReadError:
    if len(text) > MAX_TEXT_CHARS:
        return ReadError(origin, line, f"text too long ({len(text):,} characters > {MAX_TEXT_CHARS:,} limit for one article)")
    bad = _unstorable(text)
    if bad:
        return ReadError(origin, line, f"text {bad}")
    text = normalize_text(text)
    if not text:
        return ReadError(origin, line, "no text")
    if not _LETTER.search(text):
        return ReadError(origin, line, "text has no letters")
    return text


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _unstorable(value: str) -> str | None:
    """Why PostgreSQL could not store this string (a NUL, an unpaired surrogate), or None."""
    nul = value.find("\x00")
    if nul >= 0:
        return f"holds a NUL character (at {nul})"
    m = _SURROGATE.search(value)
    if m:
        return f"is not valid Unicode (an unpaired surrogate \\u{ord(m.group()):04x} at {m.start()})"
    return None


def _read_txt(raw: str, origin: str) -> Read:
    lines = normalize_text(raw).split("\n")
    published = url = title = None
    header = _HEADER.match(lines[0]) if lines else None
    if header:
        published = _parse_date(header.group(1))
        if isinstance(published, str):
            return ReadError(origin, None, f"header date {published}")
        url = header.group(2)
        lines = lines[1:]
        title = _title(lines)
    text = _check_text("\n".join(lines), origin, None)
    if isinstance(text, ReadError):
        return text
    return Article(text=text, origin=origin, url=url, title=title, published=published,
                   republished_from=_republished_from(text))


def _title(lines: list[str]) -> str | None:
    """A headline is the first non-empty line when it is short and not a sentence."""
    for line in lines:
        line = line.strip()
        if line:
            return line if len(line) <= _MAX_TITLE and not line.endswith(".") else None
    return None


def _republished_from(text: str) -> str | None:
    for line in reversed(text.split("\n")[-5:]):
        for pattern in _TRAILERS:
            m = pattern.match(line)
            if m:
                return m.group(1)
    return None


def _parse_date(value: str) -> dt.date | str:
    """The date, or why it is not one, worded to follow the field's name (2024-02-30 does not exist;
    year 0024 is a typo)."""
    try:
        date = dt.date.fromisoformat(value[:10])
    except ValueError as exc:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value[:10]):
            return f"is not a valid date: {value[:40]!r} ({exc})"
        return f"is not an ISO date: {value[:40]!r}"
    if not EARLIEST_YEAR <= date.year <= LATEST_YEAR:
        return f"is {date.isoformat()}, outside {EARLIEST_YEAR}-{LATEST_YEAR}"
    return date


def _lenient_date(value: str) -> dt.date | None:
    """For dates a page's metadata guesses (HTML): a bad one is no date, not a bad article."""
    date = _parse_date(value)
    return date if isinstance(date, dt.date) else None


_STRING_FIELDS = ("url", "title", "outlet")


def _missing_text(obj: dict[str, Any], fields: FieldNames) -> str:
    """Which keys are read, which the record has, and how to map one."""
    present = ", ".join(repr(k) for k in list(obj)[:8]) + (", …" if len(obj) > 8 else "") or "none"
    return (f"missing {fields.text!r} (a string); keys read: {fields.accepted()}; this record has: {present} "
            "(map a key with --field text=KEY)")


def _from_record(obj: Any, origin: str, line: int | None, label: str, fields: FieldNames) -> Read:
    if not isinstance(obj, dict):
        return ReadError(origin, line, f"{label}is not a JSON object")
    text = obj.get(fields.text)
    if not isinstance(text, str):
        return ReadError(origin, line, label + _missing_text(obj, fields))
    checked = _check_text(text, origin, line)
    if isinstance(checked, ReadError):
        return ReadError(origin, line, label + checked.reason)
    published = obj.get(fields.published)
    date = None
    if published not in (None, ""):
        if not isinstance(published, str):
            return ReadError(origin, line, f"{label}{fields.published!r} is not an ISO date: {_json_type(published)}")
        date = _parse_date(published)
        if isinstance(date, str):
            return ReadError(origin, line, f"{label}{fields.published!r} {date}")
    meta: dict[str, str | None] = {}
    for name in _STRING_FIELDS:
        key = getattr(fields, name)
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            return ReadError(origin, line, f"{label}{key!r} must be a string, not {_json_type(value)}")
        bad = _unstorable(value) if value else None
        if bad:
            return ReadError(origin, line, f"{label}{key!r} {bad}")
        meta[name] = value or None
    return Article(text=checked, origin=origin if line is None else f"{origin}:{line}", published=date,
                   republished_from=_republished_from(checked), **meta)


def _json_type(value: Any) -> str:
    return {bool: "a boolean", int: "a number", float: "a number", list: "a list", dict: "an object"}.get(type(value), type(value).__name__)


def _loads(raw: str) -> Any:
    """json.loads that reports nesting too deep to parse as malformed JSON, not a crash."""
    try:
        return json.loads(raw)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def _read_json(raw: str, origin: str, fields: FieldNames) -> Iterator[Read]:
    try:
        data = _loads(raw)
    except ValueError as exc:
        yield ReadError(origin, getattr(exc, "lineno", None), f"malformed JSON: {getattr(exc, 'msg', exc)}")
        return
    if isinstance(data, list):
        if not data:
            yield ReadError(origin, None, "empty JSON list")
        for i, obj in enumerate(data):
            yield _from_record(obj, origin, None, f"record {i}: ", fields)
    else:
        yield _from_record(data, origin, None, "", fields)


def _read_jsonl_file(fh: IO[bytes], origin: str, fields: FieldNames) -> Iterator[Read]:
    try:
        if b"\x00" in fh.read(8192):
            yield ReadError(origin, None, "binary data (NUL bytes), not an article")
            return
        fh.seek(0)
        yield from _jsonl_records(_bounded_lines(fh), origin, fields)
    except OSError as exc:
        yield ReadError(origin, None, f"cannot read file: {exc.strerror or exc}")


def _bounded_lines(fh: IO[Any]) -> Iterator[bytes | None]:
    """Lines of at most MAX_BYTES; an over-long line is skipped to its end and given as None."""
    while True:
        line = _as_bytes(fh.readline(MAX_BYTES + 1))
        if not line:
            return
        if len(line) > MAX_BYTES:
            while line and not line.endswith(b"\n"):
                line = _as_bytes(fh.readline(MAX_BYTES))
            yield None
        else:
            yield line


def _jsonl_records(lines: Iterable[bytes | None], origin: str, fields: FieldNames) -> Iterator[Read]:
    """One article or error per non-blank line, numbered from 1 as editors count them."""
    seen = False
    for number, line in enumerate(lines, start=1):
        if line is None:
            seen = True
            yield ReadError(origin, number, f"record too large (> {MAX_BYTES // (1024 * 1024)} MB limit)")
            continue
        if not line.strip():
            continue
        seen = True
        try:
            raw = line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield ReadError(origin, number, f"not valid UTF-8 (byte offset {exc.start} in the line)")
            continue
        if "\x00" in raw:
            yield ReadError(origin, number, "binary data (NUL bytes), not an article")
            continue
        try:
            obj = _loads(raw)
        except ValueError as exc:
            yield ReadError(origin, number, f"malformed JSON: {getattr(exc, 'msg', exc)}")
            continue
        yield _from_record(obj, origin, number, "", fields)
    if not seen:
        yield ReadError(origin, None, "empty input")


def _read_html(raw: str, origin: str) -> Read:
    """Main text and metadata via trafilatura, from the string only (never fetches)."""
    try:
        import trafilatura

        doc = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False,
                                          date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception as exc:  # noqa: BLE001 - a parser crash on one page must not stop a batch
        return ReadError(origin, None, f"HTML could not be parsed: {type(exc).__name__}")
    if doc is None:
        return ReadError(origin, None, "no article text found in HTML")
    meta = doc if isinstance(doc, dict) else doc.as_dict()
    text = _check_text(meta.get("text") or "", origin, None)
    if isinstance(text, ReadError):
        return text if text.reason.startswith("text ") else ReadError(origin, None, "no article text found in HTML")
    fields = {key: _storable_or_none(meta.get(key)) for key in ("url", "title", "sitename")}
    return Article(text=text, origin=origin, url=fields["url"], title=fields["title"],
                   published=_lenient_date(meta.get("date") or ""), outlet=fields["sitename"],
                   republished_from=_republished_from(text))


def _storable_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value and not _unstorable(value) else None
