"""The storage boundary: database errors become Sextant's own, busy transactions are retried.

Every public storage function (assessments, answers, tracking, workshops, organisations,
the portfolio's reads) is wrapped in :func:`storage_call`. Whatever SQLAlchemy, psycopg
or sqlite3 raise leaves as a :class:`~assessment_models.errors.StorageError` (most often
:class:`~assessment_models.errors.DatabaseUnavailableError`) whose message a page can show
as it is: no SQL, host name or file path. The original error stays chained (``__cause__``)
for the server log.

A transaction that failed only because another writer held the lock (SQLite "database is
locked", a PostgreSQL deadlock or serialisation failure) is rolled back and run again, with
jittered exponential backoff, for as long as the engine's statement timeout allows.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

from sqlalchemy import Engine, event
from sqlalchemy import exc as sa
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.orm import Session
from tenacity import (
    RetryCallState,
    Retrying,
    stop_after_attempt,
    stop_after_delay,
    wait_exponential,
    wait_random,
)

from assessment_models.errors import DatabaseUnavailableError, StorageError
from assessment_models.storage.engine import timeouts_of
from assessment_models.storage.writers import BUSY_MESSAGE

P = ParamSpec("P")
R = TypeVar("R")

UNAVAILABLE_MESSAGE = "The database is not answering right now, so nothing was changed."
FULL_MESSAGE = "The database cannot grow (its disk may be full), so nothing was changed."
CANNOT_OPEN_MESSAGE = (
    "The database file cannot be opened: check DATABASE_URL, and that its folder exists "
    "and can be written."
)
REFUSED_VALUE_MESSAGE = (
    "The database refused a value (too large, or with characters it cannot store), "
    "so nothing was changed."
)
CONFLICT_MESSAGE = "This change clashes with what is stored, so nothing was changed."
OUT_OF_RANGE_MESSAGE = "A number is too large to store, so nothing was changed."

#: PostgreSQL's numeric_value_out_of_range. The column types refuse such numbers before any
#: SQL runs (see column_types.py); this catches one that reaches the server some other way.
_PG_OUT_OF_RANGE = "22003"

#: SQLSTATEs of PostgreSQL errors that a second try usually gets past.
_PG_RETRY = {"40001", "40P01", "55P03"}  # serialization_failure, deadlock, lock_not_available
#: At most this many runs of one transaction (also bounded by the statement timeout).
MAX_ATTEMPTS = 8


def translate_errors_of(engine: Engine) -> None:
    """Make every database error the engine raises one of Sextant's own, for every caller.

    Only the errors that say the database is away, hung, busy or full: an integrity error
    is left alone, since a caller may expect it (a unique name taken). :func:`storage_call`
    translates those too and adds retries for the repository. Pre-ping failures stay as
    they are: the pool handles them by reconnecting.
    """

    @event.listens_for(engine, "handle_error")
    def _own(context: ExceptionContext) -> StorageError | None:
        raised = context.sqlalchemy_exception
        if isinstance(context.original_exception, StorageError):
            # A column type refused a value while binding it: no SQL ran, and the message
            # already says which field. SQLAlchemy would wrap it in a StatementError.
            return context.original_exception
        if context.is_pre_ping or raised is None:
            return None
        if _sqlstate(raised) == _PG_OUT_OF_RANGE:
            return StorageError(OUT_OF_RANGE_MESSAGE)
        if not (context.is_disconnect or is_away(raised)):
            return None
        error = as_storage_error(raised)
        error.busy = is_busy(raised)  # type: ignore[attr-defined]
        error.disconnected = bool(context.is_disconnect)  # type: ignore[attr-defined]
        return error


def storage_call(function: Callable[P, R]) -> Callable[P, R]:
    """Run a storage function (first argument: its Session) behind the storage boundary.

    A storage function called by another one (``create_workshop`` reads the workshop back
    with ``get_workshop``) runs as part of the outer call: only the outermost call retries,
    so the attempts do not multiply and a retry re-runs the whole unit of work.
    """

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        session = args[0]
        assert isinstance(session, Session)
        if getattr(_inside, "call", False):
            return function(*args, **kwargs)
        _inside.call = True
        try:
            with translated():
                for attempt in _retrying(session):
                    with attempt:
                        return function(*args, **kwargs)
        finally:
            _inside.call = False
        raise AssertionError("unreachable: Retrying either returns or raises")

    return wrapper


#: Whether this thread is inside a :func:`storage_call` already.
_inside = threading.local()


@contextmanager
def translated() -> Iterator[None]:
    """Turn any database error raised inside into one of Sextant's own errors."""
    try:
        yield
    except sa.SQLAlchemyError as exc:
        raise as_storage_error(exc) from exc


def as_storage_error(exc: BaseException) -> StorageError:
    """The Sextant error that stands for a database error, its message fit for a page."""
    if isinstance(getattr(exc, "orig", None), StorageError):
        return exc.orig  # type: ignore[attr-defined,no-any-return]  # see translate_errors_of
    if is_busy(exc):
        return DatabaseUnavailableError(BUSY_MESSAGE)
    if _sqlstate(exc) == _PG_OUT_OF_RANGE:
        return StorageError(OUT_OF_RANGE_MESSAGE)
    text = str(getattr(exc, "orig", exc)).lower()
    if "disk is full" in text or "disk full" in text:
        return DatabaseUnavailableError(FULL_MESSAGE)
    if "unable to open database file" in text:
        return StorageError(CANNOT_OPEN_MESSAGE)
    if isinstance(exc, sa.IntegrityError):
        return StorageError(CONFLICT_MESSAGE)
    if isinstance(exc, sa.DataError):
        return StorageError(REFUSED_VALUE_MESSAGE)
    return DatabaseUnavailableError(UNAVAILABLE_MESSAGE)


#: What SQLite says when the file, not the statement, is the problem.
_SQLITE_AWAY = ("locked", "busy", "disk", "unable to open", "readonly", "i/o error")


def is_away(exc: BaseException) -> bool:
    """True for an error that says the database is away, hung, locked or full.

    On PostgreSQL every operational error is of that kind (a missing table is a
    programming error). SQLite reports a missing table as an operational error too, and
    callers rely on catching that one, so only its file-level errors count.
    """
    if isinstance(exc, sa.InterfaceError):
        return True
    if not isinstance(exc, sa.OperationalError):
        return False
    if type(exc.orig).__module__.startswith("sqlite3"):
        message = str(exc.orig).lower()
        return any(word in message for word in _SQLITE_AWAY)
    return True


def _sqlstate(exc: BaseException) -> str | None:
    return getattr(getattr(exc, "orig", None), "sqlstate", None)


def is_busy(exc: BaseException) -> bool:
    """True for an error that only says another writer was in the way."""
    if not isinstance(exc, sa.DBAPIError):
        return False
    if getattr(exc.orig, "sqlstate", None) in _PG_RETRY:
        return True
    message = str(exc.orig).lower()
    return isinstance(exc, sa.OperationalError) and (
        "database is locked" in message or "database table is locked" in message
    )


def _retrying(session: Session) -> Retrying:
    bind = session.get_bind()
    budget = timeouts_of(bind.engine if hasattr(bind, "engine") else bind).statement  # type: ignore[arg-type]
    return Retrying(
        retry=_worth_retrying,
        stop=stop_after_delay(budget) | stop_after_attempt(MAX_ATTEMPTS),
        wait=wait_exponential(multiplier=0.02, max=0.5) + wait_random(0, 0.05),
        reraise=True,
    )


def _worth_retrying(state: RetryCallState) -> bool:
    exc = state.outcome.exception() if state.outcome is not None else None
    if exc is None:
        return False
    if is_busy(exc) or getattr(exc, "busy", False):
        return True
    # A connection found dead is retried once: the pool opens a fresh one (a restarted
    # server). More would only make the page wait longer for a server that is down.
    disconnected = getattr(exc, "disconnected", False) or (
        isinstance(exc, sa.DBAPIError) and exc.connection_invalidated
    )
    return bool(disconnected) and state.attempt_number == 1


