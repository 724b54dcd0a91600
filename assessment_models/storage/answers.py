"""Repository functions for answers: save one field by field, read them all, import a file.

A save writes only the parts of an answer that changed in this window, so a comment never
rewrites a level chosen in another window; when a part it writes has changed in storage
since the window read it, the save is refused with the newer value (:class:`ConflictError`).
"""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from assessment_models.errors import ConflictError, NotFoundError, StorageError
from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import (
    ANSWER_PARTS,
    Answer,
    Respondent,
    Responses,
    Scope,
    answer_part,
    check_something_in_scope,
    normalise_answer,
    parse_responses,
)
from assessment_models.storage.answer_rows import answer_of, answer_row, is_empty
from assessment_models.storage.answer_upsert import (
    answer_of_row,
    delete_answer,
    snapshot_of_id,
    status_of,
    touch_open_assessment,
    write_answer,
)
from assessment_models.storage.assessment_rows import (
    FINISHED_MESSAGE,
    NOT_FOUND_MESSAGE,
    benchmark_of,
    fill_benchmark,
    find_assessment,
    is_access_code,
    new_assessment_row,
    questionnaire_of,
    targets_json,
)
from assessment_models.storage.faults import storage_call
from assessment_models.storage.snapshots import parse_snapshot
from assessment_models.storage.tables import AnswerRow, TrackingRow
from assessment_models.storage.transactions import now, transaction

#: Every part of an answer (see ``responses.ANSWER_PARTS``).
ANSWER_FIELDS = tuple(ANSWER_PARTS)


@storage_call
def save_answer(
    session: Session,
    code: str,
    question_id: str,
    answer: Answer,
    *,
    fields: Collection[str] = ANSWER_FIELDS,
    base: Answer | None = None,
) -> datetime:
    """Store ``fields`` of one answer, keeping the others as stored; returns when it was saved.

    An answer left empty is deleted. ``base`` is the answer as the caller last read it: when
    a field being saved has changed in storage since then (another window), and to something
    else than this save brings, :class:`ConflictError` is raised and nothing changes.
    """
    unknown = set(fields) - set(ANSWER_FIELDS)
    if unknown:
        raise ValueError(f"unknown answer fields: {sorted(unknown)}")
    if not is_access_code(code):
        raise NotFoundError(NOT_FOUND_MESSAGE)
    at = now()
    try:
        with transaction(session, write=True):
            # The path every change takes: two statements, no ORM objects (answer_upsert.py).
            connection = session.connection()
            found = touch_open_assessment(connection, code, at)
            if found is None:
                status = status_of(connection, code)
                if status is None:
                    raise NotFoundError(NOT_FOUND_MESSAGE)
                raise StorageError(FINISHED_MESSAGE)
            assessment_id, content_hash = found
            questionnaire = parse_snapshot(
                content_hash, lambda: snapshot_of_id(connection, assessment_id))
            answer = normalise_answer(questionnaire, question_id, answer)
            stored = write_answer(connection, assessment_id, question_id, answer, fields, base,
                                  at)
            if stored is None:
                raise _Clash  # roll back the assessment's new updated_at too
            if is_empty(answer_of_row(stored)):
                delete_answer(connection, assessment_id, question_id)
    except _Clash:
        assert base is not None  # only a save with a base can clash
        raise _conflict(session, code, question_id, answer, fields, base) from None
    return at


class _Clash(Exception):
    """A part being saved changed in storage since the window read it."""


def _conflict(
    session: Session,
    code: str,
    question_id: str,
    answer: Answer,
    fields: Collection[str],
    base: Answer,
) -> ConflictError:
    """The clash a refused save met, with the answer as now stored and when it changed."""
    with transaction(session):
        row = find_assessment(session, code)
        stored_row = session.get(AnswerRow, (row.id, question_id))
        stored = Answer() if stored_row is None else answer_of(stored_row)
        changed_at = row.updated_at if stored_row is None else stored_row.updated_at
    clashing = [f for f in fields
                if answer_part(stored, f) not in (answer_part(base, f), answer_part(answer, f))]
    return ConflictError(question_id, (clashing or list(fields))[0], stored, changed_at)


@storage_call
def load_responses(session: Session, code: str) -> Responses:
    """The assessment in the exchange format, answers in questionnaire order."""
    with transaction(session):
        row = find_assessment(session, code)
        order = {qid: i for i, qid in enumerate(questionnaire_of(row).questions_by_id)}
        rows = session.scalars(select(AnswerRow).where(AnswerRow.assessment_id == row.id)).all()
        rows = sorted(rows, key=lambda a: (order.get(a.question_id, len(order)), a.question_id))
        return Responses(
            questionnaire=row.questionnaire_id,
            questionnaire_version=row.questionnaire_version,
            respondent=Respondent(organisation=row.organisation, team=row.team),
            scope=Scope(exclude=tuple(json.loads(row.scope_exclude))),
            answers={a.question_id: answer_of(a) for a in rows},
            benchmark=benchmark_of(row),
        )


@storage_call
def import_responses(session: Session, questionnaire: Questionnaire, responses: Responses) -> str:
    """Create an assessment holding these responses: all of them, or nothing on error.

    Targets, the WIP limit and roadmap tracking in the document are stored too.
    """
    checked = parse_responses(questionnaire, responses)
    check_something_in_scope(questionnaire, checked.scope, "responses")
    with transaction(session, write=True):
        row = new_assessment_row(questionnaire, checked.respondent, checked.scope)
        if checked.targets is not None:
            row.targets = targets_json(questionnaire, checked.targets)
        row.wip_limit = checked.wip_limit
        fill_benchmark(row, checked.benchmark)
        row.capacity = checked.capacity
        session.add(row)
        session.flush()  # assigns row.id
        for question_id, answer in checked.answers.items():
            if not is_empty(answer):
                session.add(answer_row(row.id, question_id, answer, row.created_at))
        for recommendation_id, work in checked.tracking.items():
            tracked = TrackingRow(
                assessment_id=row.id,
                recommendation_id=recommendation_id,
                owner=work.owner,
                due_date=work.due_date,
                status=work.status,
                updated_at=row.created_at,
            )
            session.add(tracked)
        code = row.access_code
    return code
