"""SIGINT and SIGTERM as exceptions, so a stopped command unwinds: transactions roll back,
the batch's summary so far is printed and recorded, worker processes are ended.

Python turns SIGINT into KeyboardInterrupt; SIGTERM would kill the process on
the spot, so `install()` makes it raise `Terminated`. Exit codes follow the
shell's convention, 128 + the signal number: 130 and 143.
"""

from __future__ import annotations

import signal

EXIT_SIGINT = 128 + signal.SIGINT  # 130
EXIT_SIGTERM = 128 + signal.SIGTERM  # 143


class Terminated(BaseException):
    """SIGTERM arrived. A BaseException, like KeyboardInterrupt, so `except Exception` lets it through."""


def _raise_terminated(signum, frame) -> None:
    raise Terminated()


def install() -> None:
    """Make SIGTERM raise `Terminated` in the main thread (SIGINT already raises KeyboardInterrupt)."""
    signal.signal(signal.SIGTERM, _raise_terminated)


def exit_code(exc: BaseException) -> int:
    return EXIT_SIGTERM if isinstance(exc, Terminated) else EXIT_SIGINT


def name(exc: BaseException) -> str:
    return "SIGTERM" if isinstance(exc, Terminated) else "SIGINT"
