"""Statements compiled once per dialect and run as driver SQL: the hot path's fast lane.

Running a SQLAlchemy Core statement looks its compiled form up in the compiled cache and
builds its parameters on every call: about a third of a save's CPU, where a save has
to take turns with every other writer (the SQLite write lock, the GIL). A
:class:`Prepared` statement does that work once. It still runs on a SQLAlchemy
:class:`Connection`, so the engine's error translation, disconnect handling and timeouts
apply as to any other statement; and each parameter still goes through its column type
(bounds, UTC), as it would through Core.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, CursorResult, Dialect
from sqlalchemy.sql import ClauseElement


@dataclass(frozen=True)
class Prepared:
    """One statement compiled for one dialect, with its parameters' order and processors."""

    sql: str
    defaults: Mapping[str, Any]  # literal values the statement binds (e.g. a status)
    order: tuple[str, ...] | None  # parameter names in order, for positional drivers
    processors: Mapping[str, Callable[[Any], Any]]

    @classmethod
    def of(cls, statement: ClauseElement, dialect: Dialect) -> Prepared:
        """Compile ``statement`` for ``dialect``."""
        compiled = statement.compile(dialect=dialect)
        processors = {}
        for bind, name in compiled.bind_names.items():
            processor = bind.type.dialect_impl(dialect).bind_processor(dialect)
            if processor is not None:
                processors[name] = processor
        positional = compiled.positiontup if compiled.positional else None
        return cls(
            sql=compiled.string,
            defaults=compiled.construct_params(_check=False),
            order=None if positional is None else tuple(positional),
            processors=processors,
        )

    def run(self, connection: Connection, params: Mapping[str, Any]) -> CursorResult[Any]:
        """Execute with ``params`` (by name), each through its column type."""
        values = {**self.defaults, **params}
        for name, process in self.processors.items():
            values[name] = process(values[name])
        if self.order is None:
            return connection.exec_driver_sql(self.sql, values)
        return connection.exec_driver_sql(self.sql, tuple(values[n] for n in self.order))
