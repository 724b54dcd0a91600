"""SQLite writers of one process take turns, in the order they arrived.

SQLite takes one writer at a time. Left to its busy handler, threads that find the lock
taken sleep and poll, and under a burst a new arrival can overtake one that has waited
until its timeout ran out ("database is locked"). Queueing the process's own writers in
arrival order first makes them take turns; SQLite's busy handler is then left with other
processes. PostgreSQL engines have no queue: its row locks already queue writers.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from weakref import WeakKeyDictionary

from sqlalchemy import Engine

from assessment_models.errors import DatabaseUnavailableError

BUSY_MESSAGE = "The database is busy with other changes, so nothing was changed."


class _TurnQueue:
    """Writers of one process take turns in arrival order (a fair, re-entrant lock).

    A release hands the turn to the longest waiter and wakes that one thread only: waking
    every waiter to check whose turn it is (a ticket lock on a Condition) cost 50 threads
    49 wake-ups and GIL switches per save.
    """

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._waiting: deque[tuple[int, threading.Lock]] = deque()
        self._holder: int | None = None
        self._depth = 0

    def acquire(self, timeout: float) -> bool:
        """Wait for this thread's turn; False if ``timeout`` ran out first."""
        me = threading.get_ident()
        with self._mutex:
            if self._holder == me:  # a transaction inside a transaction of this thread
                self._depth += 1
                return True
            if self._holder is None and not self._waiting:
                self._holder, self._depth = me, 1
                return True
            wake = threading.Lock()
            wake.acquire()
            entry = (me, wake)
            self._waiting.append(entry)
        if wake.acquire(timeout=timeout):
            return True  # handed over by release(): this thread holds the turn
        with self._mutex:
            if self._holder == me:  # handed over just as the wait ran out
                return True
            self._waiting.remove(entry)
            return False

    def release(self) -> bool:
        """Give the turn up; True when it went to a waiting writer."""
        with self._mutex:
            self._depth -= 1
            if self._depth:
                return False
            if self._waiting:
                self._holder, wake = self._waiting.popleft()
                self._depth = 1
                wake.release()
                return True
            self._holder = None
            return False


@contextmanager
def writer_turn(engine: Engine) -> Iterator[None]:
    """Wait for this process's turn to write to a SQLite database (a no-op elsewhere).

    The wait is bounded by three statement timeouts: a queue that moves is progress, not a
    database that is away.
    """
    queue = _QUEUES.get(engine)
    if queue is None:
        yield
        return
    from assessment_models.storage.engine import timeouts_of  # engine imports this module

    if not queue.acquire(3 * timeouts_of(engine).statement):
        error = DatabaseUnavailableError(BUSY_MESSAGE)
        error.busy = True  # type: ignore[attr-defined]  # storage_call may try again
        raise error
    try:
        yield
    finally:
        if queue.release():
            # Let the writer just woken take the GIL now: otherwise it waits until this
            # thread next blocks (up to the 5 ms switch interval), holding the turn idle.
            time.sleep(0)


_QUEUES: WeakKeyDictionary[Engine, _TurnQueue] = WeakKeyDictionary()


def queue_writers(engine: Engine) -> None:
    """Make the writers of this (SQLite) engine take turns."""
    _QUEUES[engine] = _TurnQueue()
