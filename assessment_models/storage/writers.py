"""SQLite writers of one process take turns, in the order they arrived.

SQLite takes one writer at a time. Left to its busy handler, threads that find the lock
taken sleep and poll, and under a burst a new arrival can overtake one that has waited
until its timeout ran out ("database is locked"). Queueing the process's own writers in
arrival order first makes them take turns; SQLite's busy handler is then left with other
processes. PostgreSQL engines have no queue: its row locks already queue writers.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from weakref import WeakKeyDictionary

from sqlalchemy import Engine

from assessment_models.errors import DatabaseUnavailableError

BUSY_MESSAGE = "The database is busy with other changes, so nothing was changed."


class _TurnQueue:
    """Writers of one process take turns in arrival order (a ticket lock)."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._next_ticket = 0
        self._serving = 0
        self._holder: int | None = None
        self._depth = 0
        self._abandoned: set[int] = set()

    def acquire(self, timeout: float) -> bool:
        """Wait for this thread's turn; False if ``timeout`` ran out first."""
        me = threading.get_ident()
        with self._changed:
            if self._holder == me:  # a transaction inside a transaction of this thread
                self._depth += 1
                return True
            ticket = self._next_ticket
            self._next_ticket += 1
            if not self._changed.wait_for(lambda: self._serving == ticket, timeout):
                # Give the ticket up: whoever holds the turn skips it when done.
                self._abandoned.add(ticket)
                return False
            self._holder, self._depth = me, 1
            return True

    def release(self) -> None:
        with self._changed:
            self._depth -= 1
            if self._depth == 0:
                self._holder = None
                self._serving += 1
                while self._serving in self._abandoned:
                    self._abandoned.discard(self._serving)
                    self._serving += 1
                self._changed.notify_all()


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
        queue.release()


_QUEUES: WeakKeyDictionary[Engine, _TurnQueue] = WeakKeyDictionary()


def queue_writers(engine: Engine) -> None:
    """Make the writers of this (SQLite) engine take turns."""
    _QUEUES[engine] = _TurnQueue()
