"""SIGINT and SIGTERM as exceptions, so a stopped command unwinds: transactions roll back,
the batch's summary so far is printed and recorded, worker processes are ended.

Python turns SIGINT into KeyboardInterrupt; SIGTERM would kill the process on
the spot, so `install()` makes it raise `Terminated`. Exit codes follow the
shell's convention, 128 + the signal number: 130 and 143.

An exception raised in the middle of a database driver's work can leave the
connection in a state that hides the interrupt behind a connection error. So a
batch runs its loop `deferred()`: a first signal is only noted, and the loop
raises it with `check()` between two articles; a second one raises at once.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator

EXIT_SIGINT = 128 + signal.SIGINT  # 130
EXIT_SIGTERM = 128 + signal.SIGTERM  # 143


class Terminated(BaseException):
    """SIGTERM arrived. A BaseException, like KeyboardInterrupt, so `except Exception` lets it through."""


_deferring = False
_pending: BaseException | None = None


def _handler(signum, frame) -> None:
    global _pending
    exc: BaseException = KeyboardInterrupt() if signum == signal.SIGINT else Terminated()
    if _deferring and _pending is None:
        _pending = exc
        return
    raise exc


def install() -> None:
    """Handle SIGINT and SIGTERM (main thread only): raise KeyboardInterrupt / Terminated, or note it when deferred."""
    signal.signal(signal.SIGINT, _handler)
    signal.signal(signal.SIGTERM, _handler)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Within the block, a first signal waits for `check()`; outside (or a second signal) it raises at once."""
    global _deferring, _pending
    _deferring, _pending = True, None
    try:
        yield
    finally:
        _deferring = False


def check() -> None:
    """Raise the signal noted since the last check, if any: call it where stopping is clean."""
    global _pending
    if _pending is not None:
        exc, _pending = _pending, None
        raise exc


def exit_code(exc: BaseException) -> int:
    return EXIT_SIGTERM if isinstance(exc, Terminated) else EXIT_SIGINT


def name(exc: BaseException) -> str:
    return "SIGTERM" if isinstance(exc, Terminated) else "SIGINT"
