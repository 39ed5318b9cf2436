"""Batches of articles into the database: read, extract, store, one transaction per article.

Failures are per input: whatever goes wrong while reading, extracting or
storing one input (a bad file, an extractor bug, a value the database
refuses) is reported on one line (file, JSONL line, reason) and the rest of
the batch goes on. Only a lost database, a lock held elsewhere past the
bounded wait, or an interrupt (SIGINT/SIGTERM) stops the batch; the summary
and the run row then say so. Extraction may run in worker processes (`jobs`,
see eventdb.workers); a worker that dies (a native crash, the OOM killer)
costs only the article it was on. Storing stays in this process, one short
transaction per article on one connection held for the batch, retried a
bounded number of times on serialization failures and deadlocks.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError, OperationalError

from eventdb import database, interrupts, store, workers
from eventdb.articles import (DEFAULT_FIELDS, FieldNames, ReadError, content_sha256, display_path, read_path,
                              read_stream, walk_paths)
from eventdb.assertions import Article, Extraction
from eventdb.extract import EXTRACTOR_VERSION, extract
from eventdb.reference import default_reference, load_reference

RETRIES = 3
SMALL_BATCH = 4  # fewer inputs than this are extracted without worker processes
MAX_RUN_ERRORS = 10_000  # errors kept in the run row; the rest are counted
RETRYABLE_SQLSTATES = {"40001", "40P01"}  # serialization_failure, deadlock_detected


class ConnectionLost(Exception):
    """The database went away mid-batch: nothing more can land."""


class BatchStopped(Exception):
    """Nothing more can land (the database is gone, or a lock stays held elsewhere): the batch ends here."""


@dataclass(frozen=True)
class Overrides:
    """Metadata given on the command line, applied where the article itself has none."""

    published: dt.date | None = None
    url: str | None = None
    outlet: str | None = None

    def apply(self, article: Article) -> Article:
        return replace(
            article,
            published=article.published or self.published,
            url=article.url or self.url,
            outlet=article.outlet or self.outlet,
        )


@dataclass
class Summary:
    read: int = 0  # articles read (stored, unchanged or failed to store)
    unreadable: int = 0  # inputs that could not be read as articles
    added: int = 0
    unchanged: int = 0
    updated: int = 0
    failed: int = 0
    incidents_created: int = 0
    incidents_merged: int = 0
    claims: int = 0
    seconds: float = 0.0
    extract_seconds: float = 0.0  # CPU time in extraction, summed over workers
    store_seconds: float = 0.0  # time spent storing (the database's share)
    errors: list[ReadError] = field(default_factory=list)
    stopped: str | None = None  # why the batch ended before its last input
    interrupt: BaseException | None = None  # the KeyboardInterrupt or interrupts.Terminated that stopped it

    def count(self, result: store.StoreResult) -> None:
        setattr(self, result.status, getattr(self, result.status) + 1)
        self.incidents_created += result.incidents_created
        self.incidents_merged += result.incidents_merged
        self.claims += result.claims

    def __str__(self) -> str:
        return (
            ("stopped early: " if self.stopped else "")
            + f"read {self.read}, added {self.added}, unchanged {self.unchanged}, updated {self.updated}, "
            f"failed {self.failed}; incidents created {self.incidents_created}, merged {self.incidents_merged}; "
            f"claims stored {self.claims}; {self.seconds:.1f}s"
        )


Progress = Callable[[Summary, "ReadError | None"], None]


def usable_cpus() -> int:
    """CPUs this process may run on (its affinity, e.g. a container's cpuset), not all the machine has."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def apply_overrides(items: Iterable[Article | ReadError], overrides: Overrides) -> Iterator[Article | ReadError]:
    """Command-line metadata onto the articles; a --url names one article, so a second one is an error
    (storing it under the same url would make it a revision of the first)."""
    labelled = 0
    for item in items:
        if isinstance(item, ReadError):
            yield item
            continue
        labelled += bool(overrides.url and not item.url)
        if labelled > 1 and not item.url:
            yield ReadError(item.origin, None, "--url names a single article, but the inputs hold more than one")
            continue
        yield overrides.apply(item)


def read_inputs(paths: Iterable[str], stdin=None, fields: FieldNames = DEFAULT_FIELDS) -> Iterator[Article | ReadError]:
    """Every article (or read error) named by the paths; '-' is standard input.

    An unexpected exception while reading one file becomes that file's error: the files after it are read."""
    for raw in paths:
        if raw == "-":
            yield from _guarded("<stdin>", read_stream(stdin, "<stdin>", fields))
            continue
        path = Path(raw)
        if not path.exists():
            yield ReadError(display_path(raw), None, "no such file or directory")
            continue
        found = False
        for file in walk_paths([path]):
            found = True
            if isinstance(file, ReadError):
                yield file
            else:
                yield from _guarded(display_path(file), read_path(file, fields))
        if path.is_dir() and not found:
            yield ReadError(display_path(raw), None, "no .txt, .json, .jsonl or .html files in directory")


def _guarded(origin: str, items: Iterator[Article | ReadError]) -> Iterator[Article | ReadError]:
    try:
        yield from items
    except Exception as exc:  # noqa: BLE001 - a reader bug on one input must not end the batch
        yield ReadError(origin, None, f"cannot read: {type(exc).__name__}: {database.first_line(exc)}")


def skip_stored(engine: Engine, items: Iterable[Article | ReadError], summary: Summary, chunk: int = 200) -> Iterator[Article | ReadError]:
    """Drop articles whose text is already stored before paying for their extraction.

    Whatever goes wrong while looking them up, the articles held in the buffer are passed on, not lost:
    storing decides again whether they are new."""
    buffer: list[Article | ReadError] = []

    def flush() -> Iterator[Article | ReadError]:
        try:
            known = _stored_texts(engine, buffer)
        except OperationalError as exc:
            raise ConnectionLost(database.first_line(exc.orig or exc)) from exc
        except Exception:  # noqa: BLE001 - the lookup is an optimisation; storing checks again
            known = {}
        for item in buffer:
            if known.get(id(item)):
                summary.read += 1
                summary.unchanged += 1
            else:
                yield item
        buffer.clear()

    for item in items:
        buffer.append(item)
        if len(buffer) >= chunk:
            yield from flush()
    yield from flush()


def _stored_texts(engine: Engine, buffer: list[Article | ReadError]) -> dict[int, bool]:
    """For each article of the buffer (by id()), whether its text is already stored."""
    shas = {id(a): content_sha256(a.text) for a in buffer if isinstance(a, Article)}
    if not shas:
        return {}
    with engine.connect() as conn:
        known = set(conn.execute(text("SELECT content_sha256 FROM sources WHERE content_sha256 = ANY(:s)"),
                                 {"s": list(shas.values())}).scalars())
    return {key: sha in known for key, sha in shas.items()}


def _extract_one(article: Article) -> tuple[Article, Extraction | ReadError, float]:
    started = time.perf_counter()
    try:
        result: Extraction | ReadError = extract(article, default_reference())
    except Exception as exc:  # an extractor bug must not sink the batch; the input is named
        result = ReadError(article.origin, None, f"extraction failed: {type(exc).__name__}: {exc}")
    return article, result, time.perf_counter() - started


def extracted(items: Iterable[Article | ReadError], jobs: int) -> Iterator[tuple[Article | None, Extraction | ReadError, float]]:
    """Extraction results in input order, computed in `jobs` worker processes when jobs > 1.

    A batch of fewer than SMALL_BATCH articles is extracted here: starting the workers (fresh
    interpreters, see eventdb.workers) takes longer than extracting a few articles."""
    if jobs > 1:
        items = iter(items)
        head = list(itertools.islice(items, SMALL_BATCH))
        jobs = jobs if len(head) >= SMALL_BATCH else 1
        items = itertools.chain(head, items)
    if jobs <= 1:
        for item in items:
            yield (None, item, 0.0) if isinstance(item, ReadError) else _extract_one(item)
        return
    pending: deque[tuple[Article | ReadError, Future | None]] = deque()
    pool = workers.new_pool(jobs)
    finished = False

    def drain(keep: int) -> Iterator[tuple[Article | None, Extraction | ReadError, float]]:
        """Results in input order until at most `keep` entries are pending."""
        nonlocal pool
        while len(pending) > keep:
            result = _resolved(*pending[0])
            if result is None:  # a worker died: every pending future is lost with the pool
                pool.shutdown(cancel_futures=True)
                yield from _isolated([entry for entry, _ in pending])
                pending.clear()
                pool = workers.new_pool(jobs)
            else:
                pending.popleft()
                yield result

    try:
        for item in items:
            pending.append((item, None if isinstance(item, ReadError) else pool.submit(_extract_one, item)))
            yield from drain(jobs * 8 - 1)
        yield from drain(0)
        finished = True
    finally:
        if finished:
            pool.shutdown()
        else:  # the batch is stopping (an interrupt, a lost database): the workers' articles are abandoned
            workers.stop(pool)


def _resolved(entry: Article | ReadError, future: Future | None) -> tuple[Article | None, Extraction | ReadError, float] | None:
    """The result of one entry, or None when its worker process died."""
    if future is None:
        return None, entry, 0.0
    try:
        return future.result()
    except BrokenProcessPool:
        return None


def _isolated(entries: list[Article | ReadError]) -> Iterator[tuple[Article | None, Extraction | ReadError, float]]:
    """After a worker died, run the entries that were in flight one at a time in a fresh process each
    time one dies, so that only the article that kills its process is reported, and the batch goes on."""
    pool = workers.new_pool(1)
    try:
        for entry in entries:
            if isinstance(entry, ReadError):
                yield None, entry, 0.0
                continue
            result = _resolved(entry, pool.submit(_extract_one, entry))
            if result is None:
                pool.shutdown()
                pool = workers.new_pool(1)
                result = entry, ReadError(entry.origin, None, "extraction failed: its worker process died"), 0.0
            yield result
    finally:
        workers.stop(pool)


def _sqlstate(exc: DBAPIError) -> str | None:
    return getattr(exc.orig, "sqlstate", None)


def store_one(conn: Connection, article: Article, extraction: Extraction, ctx: store.Context, dry_run: bool) -> store.StoreResult:
    """One article in one transaction on the batch's connection, retried on serialization failures and deadlocks."""
    for attempt in range(RETRIES + 1):
        try:
            trans = conn.begin()
            try:
                result = store.store_article(conn, article, extraction, ctx)
                if dry_run:
                    trans.rollback()
                else:
                    trans.commit()
                return result
            except BaseException:
                if trans.is_active:
                    trans.rollback()
                raise
        except DBAPIError as exc:
            if _lost(conn, exc):
                raise ConnectionLost(str(exc.orig or exc).strip().splitlines()[0]) from exc
            if _sqlstate(exc) == database.LOCK_NOT_AVAILABLE:
                raise BatchStopped(database.lock_wait_message(conn)) from exc
            if _sqlstate(exc) in RETRYABLE_SQLSTATES and attempt < RETRIES:
                time.sleep(0.05 * (attempt + 1))
                continue
            raise
    raise AssertionError("unreachable")


def _lost(conn: Connection, exc: DBAPIError) -> bool:
    """Whether the batch's connection is gone (nothing more can land), rather than one statement failing."""
    if not isinstance(exc, OperationalError):
        return False
    if exc.connection_invalidated or conn.invalidated or conn.closed or store.driver(conn).closed:
        return True
    state = _sqlstate(exc)
    return state is None or state.startswith("08") or state.startswith("57P")


@contextmanager
def batch_connection(engine: Engine) -> Iterator[Connection]:
    """One connection for a whole batch's storing (no pool checkout or liveness ping per article).

    It commits without waiting for the WAL flush (synchronous_commit off, set once here): a server
    crash can lose the last few articles of a batch, whole ones, never part of one, and re-running
    the batch stores them again. The setting is reset before the connection returns to the pool.
    """
    with engine.connect() as conn:
        conn.execute(text("SET synchronous_commit = off"))
        conn.commit()
        try:
            yield conn
        finally:
            if not (conn.invalidated or conn.closed or store.driver(conn).closed):
                try:
                    conn.rollback()
                    conn.execute(text("RESET synchronous_commit"))
                    conn.commit()
                except DBAPIError:
                    conn.invalidate()  # the pool must not hand out a session in an unknown state


def prepare(engine: Engine, command: str, inputs: list[str], dry_run: bool) -> tuple[store.Context, int | None]:
    """Bring the reference data up to date and open an ingest run."""
    with engine.begin() as conn:
        load_reference(conn, default_reference())
        run_id = None
        if not dry_run:
            run_id = conn.execute(
                text("INSERT INTO ingest_runs (command, extractor_version, inputs) VALUES (:c, :v, :i) RETURNING id"),
                {"c": command, "v": EXTRACTOR_VERSION, "i": [display_path(i) for i in inputs]},
            ).scalar_one()
        return store.load_context(conn, EXTRACTOR_VERSION, run_id), run_id


def finish(engine: Engine, run_id: int | None, summary: Summary) -> None:
    if run_id is None:
        return
    import json

    errors = [{"path": _storable(e.origin), "line": e.line, "reason": _storable(e.reason)} for e in summary.errors[:MAX_RUN_ERRORS]]
    if len(summary.errors) > MAX_RUN_ERRORS:
        errors.append({"path": None, "line": None, "reason": f"and {len(summary.errors) - MAX_RUN_ERRORS} more errors"})
    if summary.stopped:
        errors.append({"path": None, "line": None, "reason": f"batch stopped: {summary.stopped}"})
    with engine.begin() as conn:
        conn.execute(text("""
            UPDATE ingest_runs SET finished_at = now(), articles_read = :read, articles_added = :added,
                articles_unchanged = :unchanged, articles_updated = :updated, articles_failed = :failed,
                incidents_created = :ic, incidents_merged = :im, claims_stored = :claims, errors = CAST(:errors AS jsonb)
            WHERE id = :id"""), {
            "id": run_id, "read": summary.read, "added": summary.added, "unchanged": summary.unchanged,
            "updated": summary.updated, "failed": summary.failed, "ic": summary.incidents_created,
            "im": summary.incidents_merged, "claims": summary.claims,
            "errors": json.dumps(errors),
        })


def _storable(value: str) -> str:
    """Text jsonb accepts: no NUL, no unpaired surrogate (an error may quote the input that had them)."""
    return value.replace("\x00", "\\x00").encode("utf-8", "backslashreplace").decode("utf-8")


def ingest(
    engine: Engine,
    paths: list[str],
    *,
    overrides: Overrides = Overrides(),
    fields: FieldNames = DEFAULT_FIELDS,
    jobs: int = 1,
    dry_run: bool = False,
    stdin=None,
    progress: Progress | None = None,
) -> Summary:
    """Read, extract and store every input; returns what came of it.

    A batch that cannot go on (see `BatchStopped`) or is interrupted returns early with `stopped` set (and
    `interrupt`, for the caller's exit code), after recording its run: the articles stored are complete."""
    started = time.perf_counter()
    summary = Summary()
    ctx, run_id = prepare(engine, "ingest", paths, dry_run)
    items = apply_overrides(read_inputs(paths, stdin, fields), overrides)
    items = skip_stored(engine, items, summary)
    try:
        with interrupts.deferred(), batch_connection(engine) as conn:
            _store_all(conn, extracted(items, jobs), ctx, dry_run, summary, progress)
    except ConnectionLost as exc:
        summary.stopped = f"lost the database connection: {exc}"
    except BatchStopped as exc:
        summary.stopped = str(exc)
    except (KeyboardInterrupt, interrupts.Terminated) as exc:
        summary.stopped, summary.interrupt = f"interrupted by {interrupts.name(exc)}", exc
    finally:
        summary.seconds = time.perf_counter() - started
        try:
            finish(engine, run_id, summary)
        except DBAPIError:
            pass  # the connection is gone; the run stays without finished_at, which says so
    return summary


def _store_all(
    conn: Connection, results: Iterable[tuple[Article | None, Extraction | ReadError, float]], ctx: store.Context,
    dry_run: bool, summary: Summary, progress: Progress | None,
) -> None:
    """Store each extraction in its own transaction; failures are counted and named, the rest goes on."""
    for article, outcome, seconds in results:
        summary.extract_seconds += seconds
        error = outcome if isinstance(outcome, ReadError) else None
        if error is None:
            summary.read += 1
            stored_at = time.perf_counter()
            try:
                summary.count(store_one(conn, article, outcome, ctx, dry_run))
            except (ConnectionLost, BatchStopped):
                raise
            except DBAPIError as exc:
                error = ReadError(article.origin, None, f"not stored: {str(exc.orig or exc).strip().splitlines()[0]}")
            except Exception as exc:  # noqa: BLE001 - e.g. a date overflowing while resolving: this article only
                error = ReadError(article.origin, None, f"not stored: {type(exc).__name__}: {database.first_line(exc)}")
            summary.store_seconds += time.perf_counter() - stored_at
        if error is not None:
            summary.failed += 1
            summary.unreadable += article is None
            summary.errors.append(error)
        if progress:
            progress(summary, error)
        interrupts.check()  # between two articles: a signal stops the batch here, cleanly


def _reextract_one(engine: Engine, source_id: int, ctx: store.Context, summary: Summary) -> ReadError | None:
    """Re-extract one stored source in its own transaction; a failure is that source's error only."""
    origin = f"source {source_id}"
    try:
        with engine.begin() as conn:
            row = conn.execute(text("""
                SELECT s.text, s.origin, s.url, s.title, s.published_on, o.name AS outlet, s.republished_from_text
                FROM sources s LEFT JOIN outlets o ON o.id = s.outlet_id WHERE s.id = :i FOR UPDATE OF s"""),
                {"i": source_id}).one()
            origin = row.origin
            article = Article(row.text, row.origin, row.url, row.title, row.published_on, row.outlet, row.republished_from_text)
            _, outcome, seconds = _extract_one(article)
            summary.extract_seconds += seconds
            if isinstance(outcome, ReadError):
                return outcome
            summary.count(store.replace_assertions(conn, source_id, article, outcome, ctx))
    except OperationalError:
        raise  # the database is gone: nothing more can be re-extracted
    except Exception as exc:  # noqa: BLE001 - one source's failure must not end the run
        return ReadError(origin, None, f"not re-extracted: {type(exc).__name__}: {database.first_line(exc)}")
    return None


def reextract(engine: Engine, *, since: dt.date | None = None, progress: Progress | None = None) -> Summary:
    """Re-run the current extractor over stored sources whose claims came from an older one."""
    started = time.perf_counter()
    summary = Summary()
    ctx, run_id = prepare(engine, "reextract", [f"--since={since}" if since else "all"], dry_run=False)
    with engine.connect() as conn:
        ids = conn.execute(text("""
            SELECT id FROM sources
            WHERE superseded_at IS NULL AND extractor_version <> :v
              AND (CAST(:since AS date) IS NULL OR coalesce(published_on, ingested_at::date) >= :since)
            ORDER BY id"""), {"v": EXTRACTOR_VERSION, "since": since}).scalars().all()
    try:
        with interrupts.deferred():
            for source_id in ids:
                summary.read += 1
                error = _reextract_one(engine, source_id, ctx, summary)
                if error is not None:
                    summary.failed += 1
                    summary.errors.append(error)
                if progress:
                    progress(summary, error)
                interrupts.check()
    except (KeyboardInterrupt, interrupts.Terminated) as exc:
        summary.stopped, summary.interrupt = f"interrupted by {interrupts.name(exc)}", exc
    summary.seconds = time.perf_counter() - started
    finish(engine, run_id, summary)
    return summary
