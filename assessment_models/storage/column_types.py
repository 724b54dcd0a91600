"""Column types that hold every database to the same values, whatever the dialect allows.

SQLite stores any 64-bit integer, PostgreSQL's INTEGER only 32 bits; SQLite cannot bind an
integer past 64 bits at all, and neither stores a float past its range. Checked here, at the
storage boundary, for every column, a value that one database would refuse (or worse, one
would store and the other refuse) is refused on both before any SQL runs, with one message
naming the field. Nothing is stored, and the caller sees a :class:`StorageError`.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Dialect, Float, Integer, TypeDecorator

from assessment_models.errors import StorageError

#: What every integer column holds: PostgreSQL's INTEGER, the narrower of the two.
INTEGER_MIN, INTEGER_MAX = -(2**31), 2**31 - 1


class ValueOutOfRangeError(StorageError):
    """A number too large (or too small) for its column; nothing was changed."""

    def __init__(self, field: str, shown: str, allowed: str) -> None:
        self.field = field
        super().__init__(
            f"{field}: {shown} is too large to store ({allowed}), so nothing was changed."
        )


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 24 else f"a number of {len(text)} characters"


class BoundedInteger(TypeDecorator[int]):
    """An INTEGER that refuses what PostgreSQL's int4 cannot hold, on every dialect."""

    impl = Integer
    cache_ok = True

    def __init__(self, field: str) -> None:
        super().__init__()
        self.field = field  # named in the message: the bind hook is told no column

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if isinstance(value, int) and not INTEGER_MIN <= value <= INTEGER_MAX:
            raise ValueOutOfRangeError(
                self.field, _shown(value),
                f"whole numbers from {INTEGER_MIN:,} to {INTEGER_MAX:,} can be stored",
            )
        return value


class FiniteFloat(TypeDecorator[float]):
    """A double that refuses infinities, NaN and integers past a double's range."""

    impl = Float
    cache_ok = True

    def __init__(self, field: str) -> None:
        super().__init__()
        self.field = field

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None or isinstance(value, bool) or not isinstance(value, int | float):
            return value
        try:
            number = float(value)  # SQLite cannot bind an int past 64 bits, even here
        except OverflowError:
            number = math.inf
        if not math.isfinite(number):
            raise ValueOutOfRangeError(
                self.field, _shown(value), "finite numbers up to about 1.8e308 can be stored"
            )
        return number


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every dialect (SQLite stores it naive, in UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; Sextant stores aware UTC datetimes only")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
