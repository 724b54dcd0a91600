"""Which SQL statements the app sends: for tests that a page does not ask what it knows."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine


@contextmanager
def statements() -> Iterator[list[str]]:
    """The statements every engine in this process executes within the block, in order.

    On the Engine class, not one engine: the app opens its own from ``DATABASE_URL``.
    """
    seen: list[str] = []

    def record(*args: Any) -> None:
        seen.append(str(args[2]))  # (connection, cursor, statement, parameters, …)

    event.listen(Engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", record)


def touching(seen: list[str], table: str) -> list[str]:
    """The statements that read or write ``table``."""
    return [s for s in seen if f" {table}" in s or f'"{table}"' in s]
