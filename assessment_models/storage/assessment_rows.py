"""The assessment row: found by access code, made new, read into records, checked.

Shared by every module that stores something of an assessment (answers, tracking,
workshops, organisations, re-assessment). An unknown or malformed access code raises
:class:`NotFoundError` with the same message either way, so a guess learns nothing.
"""

from __future__ import annotations

import json
import re
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from assessment_models.errors import NotFoundError, StorageError
from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import (
    BenchmarkChoice,
    Respondent,
    Responses,
    Scope,
    check_something_in_scope,
    parse_responses,
)
from assessment_models.storage.records import AssessmentRecord
from assessment_models.storage.snapshots import parse_snapshot, snapshot_of
from assessment_models.storage.tables import AssessmentRow, WorkshopParticipantRow, WorkshopRow
from assessment_models.storage.transactions import now

NOT_FOUND_MESSAGE = "No assessment with this access code."
FINISHED_MESSAGE = "This assessment is finished; reopen it to change its answers or scope."
WORKSHOP_CLOSED_MESSAGE = "This workshop is closed: it takes no new participants or answers."

_CODE_PATTERN = re.compile(r"[A-Za-z0-9_-]{43}")


def new_access_code() -> str:
    """A fresh access code: 256 random bits, 43 URL-safe characters."""
    return secrets.token_urlsafe(32)


def is_access_code(code: object) -> bool:
    """Whether ``code`` has the shape of an access code (it may still open nothing)."""
    return isinstance(code, str) and _CODE_PATTERN.fullmatch(code) is not None


def find_assessment(session: Session, code: str, *, lock: bool = False) -> AssessmentRow:
    """The row this access code opens; ``lock`` holds it until the transaction ends."""
    if not is_access_code(code):
        raise NotFoundError(NOT_FOUND_MESSAGE)
    query = select(AssessmentRow).where(AssessmentRow.access_code == code)
    if lock:  # PostgreSQL: one writer per assessment at a time (SQLite ignores it)
        query = query.with_for_update()
    row = session.scalars(query).one_or_none()
    if row is None:
        raise NotFoundError(NOT_FOUND_MESSAGE)
    return row


def new_assessment_row(
    questionnaire: Questionnaire, respondent: Respondent, scope: Scope
) -> AssessmentRow:
    """An unsaved, in-progress assessment of ``questionnaire`` with a fresh access code."""
    at = now()
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
        created_at=at,
        updated_at=at,
        finished_at=None,
    )


def questionnaire_of(row: AssessmentRow) -> Questionnaire:
    """The questionnaire the assessment was started from, as stored with it."""
    # The snapshot column is deferred: it is loaded only when the cache does not know it.
    return parse_snapshot(row.content_hash, lambda: row.snapshot)


def record_of(row: AssessmentRow) -> AssessmentRecord:
    """The row as the callers of storage see it."""
    return AssessmentRecord(
        code=row.access_code,
        questionnaire=questionnaire_of(row),
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
        benchmark=benchmark_of(row),
        capacity=row.capacity,
    )


def fill_benchmark(row: AssessmentRow, benchmark: BenchmarkChoice | None) -> None:
    """Store the benchmark choice; None keeps what is stored."""
    if benchmark is not None:
        row.benchmark_industry, row.benchmark_edition = benchmark.industry, benchmark.edition


def benchmark_of(row: AssessmentRow) -> BenchmarkChoice:
    """The stored choice; the defaults where none was made (or it is no longer offered)."""
    try:
        return BenchmarkChoice(
            **{k: v for k, v in (("industry", row.benchmark_industry),
                                 ("edition", row.benchmark_edition)) if v is not None}
        )
    except ValueError:
        return BenchmarkChoice()


def targets_json(questionnaire: Questionnaire, targets: dict[str, float]) -> str:
    """Targets as stored: JSON in the questionnaire's order, dimensions then capabilities."""
    units = [*questionnaire.dimensions_by_id, *questionnaire.capabilities_by_id]
    ordered = {u: float(targets[u]) for u in units if u in targets}
    return json.dumps(ordered)


def check_scope(questionnaire: Questionnaire, scope: Scope) -> None:
    """Refuse a scope naming units the questionnaire lacks, or leaving nothing to answer."""
    header = Responses(questionnaire=questionnaire.id, scope=scope)
    parse_responses(questionnaire, header, source="assessment")
    check_something_in_scope(questionnaire, scope, "assessment")


def require_open(row: AssessmentRow) -> None:
    """Refuse to change the answers or scope of a finished assessment."""
    if row.status == "finished":
        raise StorageError(FINISHED_MESSAGE)


def require_workshop_open(session: Session, row: AssessmentRow) -> None:
    """Refuse when the assessment is a participant's in a workshop that is closed."""
    # A workshop participant's answers stay read-only while the facilitator keeps it closed.
    query = (
        select(WorkshopRow.status)
        .join(WorkshopParticipantRow, WorkshopParticipantRow.workshop_id == WorkshopRow.id)
        .where(WorkshopParticipantRow.assessment_id == row.id)
    )
    if session.scalars(query).one_or_none() == "closed":
        raise StorageError(WORKSHOP_CLOSED_MESSAGE)
