"""One transaction per storage call, and the clock every stored time is read from."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext, suppress
from datetime import UTC, datetime

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from assessment_models.storage.engine import SQLITE_IMMEDIATE
from assessment_models.storage.writers import writer_turn


@contextmanager
def transaction(session: Session, *, write: bool = False) -> Iterator[None]:
    """Run the block in a transaction that commits at its end, or rolls back and re-raises.

    ``write=True`` waits for this process's writer turn (SQLite) and begins with the write
    lock taken, so the transaction never fails half-way to upgrade a read lock.
    """
    with writer_turn(session.get_bind().engine) if write else nullcontext():
        if write and not session.in_transaction():
            # SQLite: take the write lock now rather than fail to upgrade a read lock later.
            session.connection(execution_options={SQLITE_IMMEDIATE: True})
        try:
            yield
            session.commit()
        except BaseException:
            # On a dead connection the rollback fails too; the first error is the one to
            # report.
            with suppress(SQLAlchemyError):
                session.rollback()
            raise


def now() -> datetime:
    """The current time, aware and in UTC, as every stored time is."""
    return datetime.now(UTC)
