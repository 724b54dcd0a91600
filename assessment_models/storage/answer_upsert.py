"""The statements of one save of an answer: two round trips, whatever the database.

A save used to run four ORM statements (lock and read the assessment, read the answer,
write it, touch the assessment). Here:

1. ``UPDATE assessments SET updated_at … WHERE access_code … AND status = 'in_progress'
   RETURNING id, content_hash``: finds the assessment, refuses a finished one, holds its
   row lock (PostgreSQL) for the rest of the transaction, and marks it updated, at once.
2. ``INSERT … ON CONFLICT DO UPDATE SET <the saved parts only> WHERE <unchanged since the
   window read it> RETURNING *``: writes the answer field by field, and returns no row when
   another window changed a part this save writes (a conflict).

Statements are built and compiled once per dialect and shape (see :mod:`.prepared`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, CursorResult, Row, and_, bindparam, delete, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.elements import ColumnElement

from assessment_models.responses import ANSWER_PARTS, Answer
from assessment_models.storage.prepared import Prepared
from assessment_models.storage.tables import AnswerRow, AssessmentRow

_ASSESSMENTS = AssessmentRow.__table__
_ANSWERS = AnswerRow.__table__
_EMPTY = {"level": None, "value": None, "na": False, "comment": "", "confidence": None}

_TOUCH = (
    update(_ASSESSMENTS)
    .where(_ASSESSMENTS.c.access_code == bindparam("code"),
           _ASSESSMENTS.c.status == bindparam("open", "in_progress"))
    .values(updated_at=bindparam("at"))
    .returning(_ASSESSMENTS.c.id, _ASSESSMENTS.c.content_hash)
)
_STATUS = select(_ASSESSMENTS.c.status).where(_ASSESSMENTS.c.access_code == bindparam("code"))
_SNAPSHOT = select(_ASSESSMENTS.c.snapshot).where(_ASSESSMENTS.c.id == bindparam("aid"))
_DELETE = delete(_ANSWERS).where(
    _ANSWERS.c.assessment_id == bindparam("aid"), _ANSWERS.c.question_id == bindparam("qid")
)


def touch_open_assessment(connection: Connection, code: str, at: datetime) -> Row[Any] | None:
    """Mark the in-progress assessment updated at ``at`` and hold its row for this
    transaction; ``(id, content_hash)``, or None when it is unknown or finished."""
    return _run(connection, ("touch",), lambda _: _TOUCH, {"code": code, "at": at}).one_or_none()


def status_of(connection: Connection, code: str) -> str | None:
    """The status of the assessment with this code; None when there is none."""
    return connection.execute(_STATUS, {"code": code}).scalar_one_or_none()


def snapshot_of_id(connection: Connection, assessment_id: int) -> str:
    """The stored questionnaire snapshot (only read when the parsed cache lacks it)."""
    return connection.execute(_SNAPSHOT, {"aid": assessment_id}).scalar_one()


def write_answer(
    connection: Connection,
    assessment_id: int,
    question_id: str,
    answer: Answer,
    fields: Collection[str],
    base: Answer | None,
    at: datetime,
) -> Row[Any] | None:
    """Write the ``fields`` of ``answer`` (already normalised); the stored row afterwards, or
    None when a part being written changed since ``base`` (and nothing was written)."""
    parts = tuple(sorted(fields))
    new = _columns(answer)
    params: dict[str, Any] = {"aid": assessment_id, "qid": question_id, "at": at}
    params.update({f"new_{k}": v for k, v in new.items()})
    if base is None:
        shape: tuple[Any, ...] = (parts, False, False)
    else:
        params.update({f"base_{k}": v for k, v in _columns(base).items()})
        # No stored row is an empty answer: if that clashes, only an update can succeed.
        empty_clashes = any(_part(_EMPTY, p) not in (_part(_columns(base), p), _part(new, p))
                            for p in parts)
        shape = (parts, True, empty_clashes)
    return _run(connection, shape, lambda d: _statement(d, *shape), params).one_or_none()


def delete_answer(connection: Connection, assessment_id: int, question_id: str) -> None:
    """Remove an answer left empty by a save."""
    connection.execute(_DELETE, {"aid": assessment_id, "qid": question_id})


def answer_of_row(row: Row[Any]) -> Answer:
    """The stored answer of a returned row (validated when it was saved)."""
    return Answer(level=row.level, value=row.value, na=bool(row.na), comment=row.comment,
                  confidence=row.confidence)


_PREPARED: dict[tuple[Any, ...], Prepared] = {}


def _run(
    connection: Connection,
    key: tuple[Any, ...],
    build: Callable[[str], Any],
    params: dict[str, Any],
) -> CursorResult[Any]:
    """Run the statement ``build`` makes for this dialect, compiled on first use."""
    dialect = connection.dialect
    full_key = (dialect.name, dialect.driver, *key)
    prepared = _PREPARED.get(full_key)
    if prepared is None:
        prepared = _PREPARED[full_key] = Prepared.of(build(dialect.name), dialect)
    return prepared.run(connection, params)


def _columns(answer: Answer) -> dict[str, Any]:
    # normalise_answer has turned an option id into its level.
    return {
        "level": answer.level if isinstance(answer.level, int) else None,
        "value": answer.value,
        "na": answer.na,
        "comment": answer.comment,
        "confidence": None if answer.confidence is None else answer.confidence.value,
    }


def _part(values: dict[str, Any], part: str) -> tuple[Any, ...]:
    return tuple(values[k] for k in ANSWER_PARTS[part])


def _statement(dialect: str, parts: tuple[str, ...], guarded: bool, update_only: bool) -> Any:
    """The write for one shape of save, built once per process."""
    saved = [k for p in parts for k in ANSWER_PARTS[p]]
    # Every value a named parameter, none a literal: prepared.py runs the compiled text.
    set_: dict[str, Any] = {k: _param(f"new_{k}", k) for k in saved}
    set_.update(updated_at=_param("at", "updated_at"),
                carried_over=_param("not_carried", "carried_over", False))
    guard = _unchanged(parts) if guarded else None
    if update_only:
        return (
            update(_ANSWERS)
            .where(_ANSWERS.c.assessment_id == bindparam("aid"),
                   _ANSWERS.c.question_id == bindparam("qid"), guard)
            .values(set_)
            .returning(*_ANSWERS.c)
        )
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    values = {k: set_.get(k, _param(f"empty_{k}", k, v)) for k, v in _EMPTY.items()}
    statement = insert(_ANSWERS).values(
        assessment_id=_param("aid", "assessment_id"), question_id=_param("qid", "question_id"),
        **values, updated_at=set_["updated_at"], carried_over=set_["carried_over"],
    )
    return statement.on_conflict_do_update(
        index_elements=[_ANSWERS.c.assessment_id, _ANSWERS.c.question_id],
        set_=set_, where=guard,
    ).returning(*_ANSWERS.c)


def _param(name: str, column: str, value: Any = None) -> Any:
    return bindparam(name, value=value, type_=_ANSWERS.c[column].type)


def _unchanged(parts: tuple[str, ...]) -> ColumnElement[bool]:
    """Each part stored is as the window read it (``base``) or as this save brings it."""
    def same(prefix: str, part: str) -> ColumnElement[bool]:
        return and_(*(
            _ANSWERS.c[k].is_not_distinct_from(_param(f"{prefix}_{k}", k))
            for k in ANSWER_PARTS[part]
        ))
    return and_(*(or_(same("base", p), same("new", p)) for p in parts))
