"""Repository functions: every read and write of an assessment goes through here.

Each function takes a SQLAlchemy :class:`Session`, does its work in one transaction and
commits it (or rolls it back and raises), so a session may serve one call or several.
They return pydantic models or domain types, never ORM rows.

An assessment is reached only through its access code, a 256-bit random secret. An unknown
or malformed code raises :class:`NotFoundError` with the same message either way.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Collection, Iterator
from contextlib import contextmanager, nullcontext, suppress
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from assessment_models.errors import ConflictError, NotFoundError, StorageError
from assessment_models.questionnaire import Questionnaire, is_target
from assessment_models.responses import (
    ANSWER_PARTS,
    Answer,
    BenchmarkChoice,
    Respondent,
    Responses,
    Scope,
    answer_part,
    check_something_in_scope,
    normalise_answer,
    parse_responses,
    with_parts,
)
from assessment_models.storage.engine import SQLITE_IMMEDIATE
from assessment_models.storage.faults import storage_call
from assessment_models.storage.records import AssessmentRecord, TrackedItem
from assessment_models.storage.snapshots import parse_snapshot, snapshot_of
from assessment_models.storage.tables import (
    AnswerRow,
    AssessmentRow,
    TrackingRow,
    WorkshopParticipantRow,
    WorkshopRow,
)
from assessment_models.storage.writers import writer_turn

NOT_FOUND_MESSAGE = "No assessment with this access code."
FINISHED_MESSAGE = "This assessment is finished; reopen it to change its answers or scope."
WORKSHOP_CLOSED_MESSAGE = "This workshop is closed: it takes no new participants or answers."

_CODE_PATTERN = re.compile(r"[A-Za-z0-9_-]{43}")


def new_access_code() -> str:
    """A fresh access code: 256 random bits, 43 URL-safe characters."""
    return secrets.token_urlsafe(32)


# Assessments ---------------------------------------------------------------------------


@storage_call
def create_assessment(
    session: Session,
    questionnaire: Questionnaire,
    respondent: Respondent,
    scope: Scope,
    benchmark: BenchmarkChoice | None = None,
) -> str:
    """Start an assessment of this questionnaire; returns its access code."""
    _check_scope(questionnaire, scope)
    with _transaction(session, write=True):
        row = _new_row(questionnaire, respondent, scope)
        _fill_benchmark(row, benchmark)
        session.add(row)
        code = row.access_code
    return code


@storage_call
def get_assessment(session: Session, code: str) -> AssessmentRecord:
    """The assessment with this access code, its questionnaire parsed from the snapshot."""
    with _transaction(session):
        row = _assessment(session, code)
        return _record(row)


@storage_call
def set_scope(session: Session, code: str, scope: Scope) -> None:
    """Replace the dimensions and capabilities left out of the assessment."""
    with _transaction(session, write=True):
        row = _assessment(session, code, lock=True)
        _require_open(row)
        _check_scope(_questionnaire(row), scope)
        row.scope_exclude = json.dumps(list(scope.exclude))
        row.updated_at = _now()


@storage_call
def set_respondent(session: Session, code: str, respondent: Respondent) -> None:
    """Replace the organisation and team named on the assessment."""
    with _transaction(session, write=True):
        row = _assessment(session, code, lock=True)
        row.organisation, row.team = respondent.organisation, respondent.team
        row.updated_at = _now()


@storage_call
def set_benchmark(session: Session, code: str, benchmark: BenchmarkChoice) -> None:
    """Choose the DORA industry and edition the assessment is compared with.

    Allowed on a finished assessment too: it changes a view of the answers, not them.
    """
    with _transaction(session, write=True):
        row = _assessment(session, code, lock=True)
        _fill_benchmark(row, benchmark)
        row.updated_at = _now()


@storage_call
def finish_assessment(session: Session, code: str) -> None:
    """Mark the assessment finished; its answers and scope are then read-only."""
    with _transaction(session, write=True):
        row = _assessment(session, code, lock=True)
        if row.status != "finished":
            row.status = "finished"
            row.finished_at = row.updated_at = _now()


@storage_call
def reopen_assessment(session: Session, code: str) -> None:
    """Make a finished assessment editable again."""
    with _transaction(session, write=True):
        row = _assessment(session, code, lock=True)
        _require_workshop_open(session, row)
        if row.status != "in_progress":
            row.status, row.finished_at = "in_progress", None
            row.updated_at = _now()


@storage_call
def save_targets(
    session: Session,
    code: str,
    targets: dict[str, float],
    wip_limit: int | None,
    capacity: int | None = None,
) -> None:
    """Store the target level per dimension or capability id and the roadmap's work-in-progress
    limit and capacity (effort points per phase)."""
    with _transaction(session, write=True):
        row = _assessment(session, code, lock=True)
        questionnaire = _questionnaire(row)
        units = set(questionnaire.dimensions_by_id) | set(questionnaire.capabilities_by_id)
        for dimension_id, target in targets.items():
            if dimension_id not in units:
                raise StorageError(
                    f"targets: '{dimension_id}' is not a dimension or capability of "
                    f"'{questionnaire.id}'"
                )
            if not is_target(target):
                raise StorageError(
                    f"targets: {dimension_id}: a target is 1 to 5 in steps of 0.5, got {target:g}"
                )
        if wip_limit is not None and wip_limit < 1:
            raise StorageError("wip_limit: must be at least 1")
        if capacity is not None and not 1 <= capacity <= 200:
            raise StorageError("capacity: must be 1 to 200 effort points")
        row.targets = _targets_json(questionnaire, targets)
        row.wip_limit = wip_limit
        row.capacity = capacity
        row.updated_at = _now()


# Answers -------------------------------------------------------------------------------


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
    with _transaction(session, write=True):
        row = _assessment(session, code, lock=True)
        _require_open(row)
        questionnaire = _questionnaire(row)
        answer = normalise_answer(questionnaire, question_id, answer)
        stored_row = session.get(AnswerRow, (row.id, question_id))
        stored = Answer() if stored_row is None else _answer_of(stored_row)
        if base is not None:
            for field in fields:
                theirs = answer_part(stored, field)
                if theirs not in (answer_part(base, field), answer_part(answer, field)):
                    changed_at = row.updated_at if stored_row is None else stored_row.updated_at
                    raise ConflictError(question_id, field, stored, changed_at)
        merged = with_parts(stored, answer, fields)
        now = _now()
        if _is_empty(merged):
            if stored_row is not None:
                session.delete(stored_row)
        elif stored_row is None:
            session.add(_answer_row(row.id, question_id, merged, now))
        else:
            _fill_answer(stored_row, merged, now)
        row.updated_at = now
    return now


@storage_call
def load_responses(session: Session, code: str) -> Responses:
    """The assessment in the exchange format, answers in questionnaire order."""
    with _transaction(session):
        row = _assessment(session, code)
        order = {qid: i for i, qid in enumerate(_questionnaire(row).questions_by_id)}
        rows = session.scalars(select(AnswerRow).where(AnswerRow.assessment_id == row.id)).all()
        rows = sorted(rows, key=lambda a: (order.get(a.question_id, len(order)), a.question_id))
        return Responses(
            questionnaire=row.questionnaire_id,
            questionnaire_version=row.questionnaire_version,
            respondent=Respondent(organisation=row.organisation, team=row.team),
            scope=Scope(exclude=tuple(json.loads(row.scope_exclude))),
            answers={a.question_id: _answer_of(a) for a in rows},
            benchmark=_benchmark_of(row),
        )


@storage_call
def import_responses(session: Session, questionnaire: Questionnaire, responses: Responses) -> str:
    """Create an assessment holding these responses: all of them, or nothing on error.

    Targets, the WIP limit and roadmap tracking in the document are stored too.
    """
    checked = parse_responses(questionnaire, responses)
    check_something_in_scope(questionnaire, checked.scope, "responses")
    with _transaction(session, write=True):
        row = _new_row(questionnaire, checked.respondent, checked.scope)
        if checked.targets is not None:
            row.targets = _targets_json(questionnaire, checked.targets)
        row.wip_limit = checked.wip_limit
        _fill_benchmark(row, checked.benchmark)
        row.capacity = checked.capacity
        session.add(row)
        session.flush()  # assigns row.id
        for question_id, answer in checked.answers.items():
            if not _is_empty(answer):
                session.add(_answer_row(row.id, question_id, answer, row.created_at))
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


@storage_call
def check_database(session: Session) -> None:
    """A round trip to the database, to learn whether it answers."""
    with _transaction(session):
        session.execute(select(1))


# Roadmap tracking ----------------------------------------------------------------------


@storage_call
def save_tracking(session: Session, code: str, item: TrackedItem) -> None:
    """Store the owner, due date and status of one roadmap recommendation."""
    with _transaction(session, write=True):
        row = _assessment(session, code, lock=True)
        questionnaire = _questionnaire(row)
        if item.recommendation_id not in questionnaire.recommendations_by_id:
            raise NotFoundError(
                f"No recommendation '{item.recommendation_id}' in '{questionnaire.id}'."
            )
        now = _now()
        stored = session.get(TrackingRow, (row.id, item.recommendation_id))
        if stored is None:
            stored = TrackingRow(assessment_id=row.id, recommendation_id=item.recommendation_id)
            session.add(stored)
        stored.owner, stored.due_date, stored.status = item.owner, item.due_date, item.status
        stored.updated_at = row.updated_at = now


@storage_call
def load_tracking(session: Session, code: str) -> dict[str, TrackedItem]:
    """Every tracked recommendation of the assessment, by recommendation id."""
    with _transaction(session):
        row = _assessment(session, code)
        query = select(TrackingRow).where(TrackingRow.assessment_id == row.id)
        return {
            t.recommendation_id: TrackedItem(
                recommendation_id=t.recommendation_id,
                owner=t.owner,
                due_date=t.due_date,
                status=t.status,  # type: ignore[arg-type]  # the CHECK constraint holds it
            )
            for t in session.scalars(query.order_by(TrackingRow.recommendation_id))
        }


# Helpers -------------------------------------------------------------------------------


@contextmanager
def _transaction(session: Session, *, write: bool = False) -> Iterator[None]:
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


def _now() -> datetime:
    return datetime.now(UTC)


def _assessment(session: Session, code: str, *, lock: bool = False) -> AssessmentRow:
    if not isinstance(code, str) or not _CODE_PATTERN.fullmatch(code):
        raise NotFoundError(NOT_FOUND_MESSAGE)
    query = select(AssessmentRow).where(AssessmentRow.access_code == code)
    if lock:  # PostgreSQL: one writer per assessment at a time (SQLite ignores it)
        query = query.with_for_update()
    row = session.scalars(query).one_or_none()
    if row is None:
        raise NotFoundError(NOT_FOUND_MESSAGE)
    return row


def _new_row(questionnaire: Questionnaire, respondent: Respondent, scope: Scope) -> AssessmentRow:
    now = _now()
    return AssessmentRow(
        access_code=new_access_code(),
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        content_hash=questionnaire.content_hash(),
        snapshot=snapshot_of(questionnaire),
        organisation=respondent.organisation,
        team=respondent.team,
        scope_exclude=json.dumps(list(scope.exclude)),
        targets=None,
        wip_limit=None,
        capacity=None,
        status="in_progress",
        created_at=now,
        updated_at=now,
        finished_at=None,
    )


def _questionnaire(row: AssessmentRow) -> Questionnaire:
    # The snapshot column is deferred: it is loaded only when the cache does not know it.
    return parse_snapshot(row.content_hash, lambda: row.snapshot)


def _record(row: AssessmentRow) -> AssessmentRecord:
    return AssessmentRecord(
        code=row.access_code,
        questionnaire=_questionnaire(row),
        questionnaire_id=row.questionnaire_id,
        version=row.questionnaire_version,
        content_hash=row.content_hash,
        respondent=Respondent(organisation=row.organisation, team=row.team),
        scope=Scope(exclude=tuple(json.loads(row.scope_exclude))),
        status=row.status,  # type: ignore[arg-type]  # the CHECK constraint holds it
        created_at=row.created_at,
        updated_at=row.updated_at,
        finished_at=row.finished_at,
        targets=None if row.targets is None else json.loads(row.targets),
        wip_limit=row.wip_limit,
        benchmark=_benchmark_of(row),
        capacity=row.capacity,
    )


def _fill_benchmark(row: AssessmentRow, benchmark: BenchmarkChoice | None) -> None:
    if benchmark is not None:
        row.benchmark_industry, row.benchmark_edition = benchmark.industry, benchmark.edition


def _benchmark_of(row: AssessmentRow) -> BenchmarkChoice:
    """The stored choice; the defaults where none was made (or it is no longer offered)."""
    try:
        return BenchmarkChoice(
            **{k: v for k, v in (("industry", row.benchmark_industry),
                                 ("edition", row.benchmark_edition)) if v is not None}
        )
    except ValueError:
        return BenchmarkChoice()


def _targets_json(questionnaire: Questionnaire, targets: dict[str, float]) -> str:
    """Targets as stored: JSON in the questionnaire's order, dimensions then capabilities."""
    units = [*questionnaire.dimensions_by_id, *questionnaire.capabilities_by_id]
    ordered = {u: float(targets[u]) for u in units if u in targets}
    return json.dumps(ordered)


def _check_scope(questionnaire: Questionnaire, scope: Scope) -> None:
    header = Responses(questionnaire=questionnaire.id, scope=scope)
    parse_responses(questionnaire, header, source="assessment")
    check_something_in_scope(questionnaire, scope, "assessment")


def _require_open(row: AssessmentRow) -> None:
    if row.status == "finished":
        raise StorageError(FINISHED_MESSAGE)


def _require_workshop_open(session: Session, row: AssessmentRow) -> None:
    # A workshop participant's answers stay read-only while the facilitator keeps it closed.
    query = (
        select(WorkshopRow.status)
        .join(WorkshopParticipantRow, WorkshopParticipantRow.workshop_id == WorkshopRow.id)
        .where(WorkshopParticipantRow.assessment_id == row.id)
    )
    if session.scalars(query).one_or_none() == "closed":
        raise StorageError(WORKSHOP_CLOSED_MESSAGE)


def _is_empty(answer: Answer) -> bool:
    return not answer.is_answered and not answer.comment.strip() and answer.confidence is None


def _answer_row(assessment_id: int, question_id: str, answer: Answer, now: datetime) -> AnswerRow:
    row = AnswerRow(assessment_id=assessment_id, question_id=question_id)
    _fill_answer(row, answer, now)
    return row


def _fill_answer(row: AnswerRow, answer: Answer, now: datetime) -> None:
    # normalise_answer has turned an option id into its level.
    row.level = answer.level if isinstance(answer.level, int) else None
    row.value, row.na, row.comment = answer.value, answer.na, answer.comment
    row.confidence = None if answer.confidence is None else answer.confidence.value
    row.updated_at = now
    row.carried_over = False  # saving confirms or changes a carried-over answer


def _answer_of(row: AnswerRow) -> Answer:
    return Answer(
        level=row.level,
        value=row.value,
        na=row.na,
        comment=row.comment,
        confidence=row.confidence,  # type: ignore[arg-type]  # validated into Confidence
    )
