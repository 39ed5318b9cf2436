"""Extraction worker processes that never outlive or share anything of the process that started them.

Workers are *spawned*, not forked: a forked worker inherits every open file of
its parent, among them the socket of the database connection, and after a
`kill -9` of the parent such orphans kept its session open, idle in a
transaction and holding its locks, so every later ingest waited on it. A
spawned worker starts a fresh interpreter with nothing open but its pipes.

Each worker also dies with its parent (PR_SET_PDEATHSIG on Linux, and a
thread that checks its parent every half second elsewhere or if the parent died
before that was set), and ignores SIGINT: Ctrl-C in a terminal reaches the whole process group, and
it is the parent that decides how the batch stops (and ends its workers).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor

_WATCH_SECONDS = 0.5


def new_pool(jobs: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start_worker, initargs=(os.getpid(),))


def _start_worker(parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:  # Linux: the kernel kills this worker the moment its parent dies
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    threading.Thread(target=_exit_with, args=(parent,), name="parent-watch", daemon=True).start()


def _exit_with(parent: int) -> None:
    """Exit as soon as the parent is gone (this process is then re-parented, so getppid changes)."""
    while os.getppid() == parent:
        time.sleep(_WATCH_SECONDS)
    os._exit(1)


def stop(pool: ProcessPoolExecutor) -> None:
    """End the workers now, abandoning the articles they are on: for a batch that is stopping."""
    processes = list((getattr(pool, "_processes", None) or {}).values())  # no public handle on them
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)
