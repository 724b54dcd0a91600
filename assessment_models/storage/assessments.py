"""Repository functions for an assessment as a whole: start, read, scope, finish, targets.

Each function takes a SQLAlchemy :class:`Session`, does its work in one transaction and
commits it (or rolls it back and raises), so a session may serve one call or several.
They return pydantic models or domain types, never ORM rows.

An assessment is reached only through its access code, a 256-bit random secret (see
:mod:`.assessment_rows`). Its answers are stored by :mod:`.answers`, its roadmap tracking
by :mod:`.tracking`.
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from assessment_models.errors import StorageError
from assessment_models.questionnaire import Questionnaire, is_target
from assessment_models.responses import MAX_WIP_LIMIT, BenchmarkChoice, Respondent, Scope
from assessment_models.storage.assessment_rows import (
    check_scope,
    fill_benchmark,
    find_assessment,
    new_assessment_row,
    questionnaire_of,
    record_of,
    require_open,
    require_workshop_open,
    targets_json,
)
from assessment_models.storage.faults import storage_call
from assessment_models.storage.records import AssessmentRecord
from assessment_models.storage.transactions import now, transaction


@storage_call
def create_assessment(
    session: Session,
    questionnaire: Questionnaire,
    respondent: Respondent,
    scope: Scope,
    benchmark: BenchmarkChoice | None = None,
) -> str:
    """Start an assessment of this questionnaire; returns its access code."""
    check_scope(questionnaire, scope)
    with transaction(session, write=True):
        row = new_assessment_row(questionnaire, respondent, scope)
        fill_benchmark(row, benchmark)
        session.add(row)
        code = row.access_code
    return code


@storage_call
def get_assessment(session: Session, code: str) -> AssessmentRecord:
    """The assessment with this access code, its questionnaire parsed from the snapshot."""
    with transaction(session):
        row = find_assessment(session, code)
        return record_of(row)


@storage_call
def set_scope(session: Session, code: str, scope: Scope) -> None:
    """Replace the dimensions and capabilities left out of the assessment."""
    with transaction(session, write=True):
        row = find_assessment(session, code, lock=True)
        require_open(row)
        check_scope(questionnaire_of(row), scope)
        row.scope_exclude = json.dumps(list(scope.exclude))
        row.updated_at = now()


@storage_call
def set_respondent(session: Session, code: str, respondent: Respondent) -> None:
    """Replace the organisation and team named on the assessment."""
    with transaction(session, write=True):
        row = find_assessment(session, code, lock=True)
        row.organisation, row.team = respondent.organisation, respondent.team
        row.updated_at = now()


@storage_call
def set_benchmark(session: Session, code: str, benchmark: BenchmarkChoice) -> None:
    """Choose the DORA industry and edition the assessment is compared with.

    Allowed on a finished assessment too: it changes a view of the answers, not them.
    """
    with transaction(session, write=True):
        row = find_assessment(session, code, lock=True)
        fill_benchmark(row, benchmark)
        row.updated_at = now()


@storage_call
def finish_assessment(session: Session, code: str) -> None:
    """Mark the assessment finished; its answers and scope are then read-only."""
    with transaction(session, write=True):
        row = find_assessment(session, code, lock=True)
        if row.status != "finished":
            row.status = "finished"
            row.finished_at = row.updated_at = now()


@storage_call
def reopen_assessment(session: Session, code: str) -> None:
    """Make a finished assessment editable again."""
    with transaction(session, write=True):
        row = find_assessment(session, code, lock=True)
        require_workshop_open(session, row)
        if row.status != "in_progress":
            row.status, row.finished_at = "in_progress", None
            row.updated_at = now()


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
    with transaction(session, write=True):
        row = find_assessment(session, code, lock=True)
        questionnaire = questionnaire_of(row)
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
        # The same bounds as the Roadmap page and an import (responses.MAX_WIP_LIMIT).
        if wip_limit is not None and not 1 <= wip_limit <= MAX_WIP_LIMIT:
            raise StorageError(f"wip_limit: must be 1 to {MAX_WIP_LIMIT}")
        if capacity is not None and not 1 <= capacity <= 200:
            raise StorageError("capacity: must be 1 to 200 effort points")
        row.targets = targets_json(questionnaire, targets)
        row.wip_limit = wip_limit
        row.capacity = capacity
        row.updated_at = now()


@storage_call
def check_database(session: Session) -> None:
    """A round trip to the database, to learn whether it answers."""
    with transaction(session):
        session.execute(select(1))
