"""Repository functions for organisations, their teams and the assessments of each team.

An organisation is reached only through its owner code, a 256-bit random secret like an
assessment's access code. An unknown, altered or malformed owner code, or an assessment's
code given in its place, raises :class:`NotFoundError` with one message for all of them,
so that trying codes tells nothing about which exist.

Adding an assessment started on its own to a team takes both secrets: the owner code and
the assessment's access code.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from assessment_models.errors import NotFoundError, StorageError
from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import (
    Respondent,
    Responses,
    Scope,
    parse_responses,
)
from assessment_models.storage.answer_rows import answer_row, is_empty
from assessment_models.storage.assessment_rows import (
    check_scope,
    fill_benchmark,
    find_assessment,
    new_access_code,
    new_assessment_row,
    targets_json,
)
from assessment_models.storage.column_types import INTEGER_MAX, INTEGER_MIN
from assessment_models.storage.faults import storage_call
from assessment_models.storage.records import (
    OrganisationRecord,
    TeamRecord,
)
from assessment_models.storage.tables import (
    AssessmentLinkRow,
    OrganisationRow,
    TeamRow,
    TrackingRow,
)
from assessment_models.storage.transactions import now, transaction

ORGANISATION_NOT_FOUND_MESSAGE = "No organisation with this owner link."
MAX_NAME_LENGTH = 200

_CODE_PATTERN = re.compile(r"[A-Za-z0-9_-]{43}")


# Organisations and teams -------------------------------------------------------------------
@storage_call
def create_organisation(session: Session, name: str, *, owner_subject: str | None = None) -> str:
    """Create an organisation; returns its owner code (keep it: it is the only way in)."""
    clean = _name(name, "organisation name")
    with transaction(session, write=True):
        row = OrganisationRow(
            owner_code=new_access_code(),
            name=clean,
            owner_subject=owner_subject,
            stale_after_months=6,
            created_at=now(),
        )
        session.add(row)
        code = row.owner_code
    return code


@storage_call
def get_organisation(session: Session, owner_code: str) -> OrganisationRecord:
    """The organisation and its teams, by name."""
    with transaction(session):
        row = _organisation(session, owner_code)
        return _organisation_record(session, row)


@storage_call
def organisations_of(session: Session, owner_subject: str) -> list[OrganisationRecord]:
    """The organisations a signed-in owner created, by name."""
    with transaction(session):
        query = select(OrganisationRow).where(OrganisationRow.owner_subject == owner_subject)
        rows = session.scalars(query.order_by(OrganisationRow.name)).all()
        return [_organisation_record(session, row) for row in rows]


@storage_call
def set_stale_after(session: Session, owner_code: str, months: int) -> None:
    """After how many months an assessment is marked stale on the portfolio (1 to 36)."""
    if not 1 <= months <= 36:
        raise StorageError(f"stale after: 1 to 36 months, got {months}")
    with transaction(session, write=True):
        _organisation(session, owner_code).stale_after_months = months


@storage_call
def add_team(session: Session, owner_code: str, name: str) -> TeamRecord:
    """Add a team; its name must be new in the organisation."""
    clean = _name(name, "team name")
    try:
        with transaction(session, write=True):
            organisation = _organisation(session, owner_code)
            row = TeamRow(organisation_id=organisation.id, name=clean, created_at=now())
            session.add(row)
            session.flush()
            record = TeamRecord(id=row.id, name=row.name, created_at=row.created_at)
    except IntegrityError:
        raise StorageError(f"There is already a team called '{clean}'.") from None
    return record


# Assessments of a team ---------------------------------------------------------------------
@storage_call
def start_team_assessment(
    session: Session, owner_code: str, team_id: int, questionnaire: Questionnaire, scope: Scope
) -> str:
    """Start an assessment for one of the organisation's teams; returns its access code."""
    check_scope(questionnaire, scope)
    with transaction(session, write=True):
        organisation = _organisation(session, owner_code)
        team = _team(session, organisation, team_id)
        respondent = Respondent(organisation=organisation.name, team=team.name)
        row = new_assessment_row(questionnaire, respondent, scope)
        session.add(row)
        session.flush()
        session.add(AssessmentLinkRow(assessment_id=row.id, team_id=team.id, carried_over=0))
        code = row.access_code
    return code


@storage_call
def import_team_assessment(
    session: Session,
    owner_code: str,
    team_id: int,
    questionnaire: Questionnaire,
    responses: Responses,
    finished_on: date,
) -> str:
    """Add an assessment taken earlier (e.g. kept as a file) to a team, finished on that day."""
    checked = parse_responses(questionnaire, responses)
    with transaction(session, write=True):
        organisation = _organisation(session, owner_code)
        team = _team(session, organisation, team_id)
        respondent = Respondent(organisation=organisation.name, team=team.name)
        row = new_assessment_row(questionnaire, respondent, checked.scope)
        at = datetime.combine(finished_on, time(12), tzinfo=UTC)
        row.created_at = row.updated_at = row.finished_at = at
        row.status = "finished"
        if checked.targets is not None:
            row.targets = targets_json(questionnaire, checked.targets)
        row.wip_limit = checked.wip_limit
        fill_benchmark(row, checked.benchmark)
        session.add(row)
        session.flush()
        session.add(AssessmentLinkRow(assessment_id=row.id, team_id=team.id, carried_over=0))
        for question_id, answer in checked.answers.items():
            if not is_empty(answer):
                session.add(answer_row(row.id, question_id, answer, at))
        for recommendation_id, work in checked.tracking.items():
            session.add(
                TrackingRow(
                    assessment_id=row.id,
                    recommendation_id=recommendation_id,
                    owner=work.owner,
                    due_date=work.due_date,
                    status=work.status,
                    updated_at=at,
                )
            )
        code = row.access_code
    return code


@storage_call
def attach_assessment(
    session: Session, owner_code: str, assessment_code: str, team_id: int
) -> None:
    """Add an assessment started on its own to a team: it takes both secrets."""
    with transaction(session, write=True):
        organisation = _organisation(session, owner_code)
        team = _team(session, organisation, team_id)
        assessment = find_assessment(session, assessment_code, lock=True)
        link = session.get(AssessmentLinkRow, assessment.id)
        if link is None:
            session.add(AssessmentLinkRow(assessment_id=assessment.id, team_id=team.id,
                                          carried_over=0))
        elif link.team_id is not None and link.team_id != team.id:
            raise StorageError("This assessment already belongs to another team.")
        else:
            link.team_id = team.id
        assessment.organisation, assessment.team = organisation.name, team.name
        assessment.updated_at = now()


# Helpers -------------------------------------------------------------------------------------
def _name(name: str, what: str) -> str:
    clean = " ".join(str(name).split())
    if not clean:
        raise StorageError(f"Give the {what}.")
    if len(clean) > MAX_NAME_LENGTH:
        raise StorageError(f"The {what} is longer than {MAX_NAME_LENGTH} characters.")
    return clean


def _organisation(session: Session, owner_code: str) -> OrganisationRow:
    if not isinstance(owner_code, str) or not _CODE_PATTERN.fullmatch(owner_code):
        raise NotFoundError(ORGANISATION_NOT_FOUND_MESSAGE)
    query = select(OrganisationRow).where(OrganisationRow.owner_code == owner_code)
    row = session.scalars(query).one_or_none()
    if row is None:
        raise NotFoundError(ORGANISATION_NOT_FOUND_MESSAGE)
    return row


def _team(session: Session, organisation: OrganisationRow, team_id: int) -> TeamRow:
    # An id no team can have (a huge number from a crafted request) is simply not found.
    fits = isinstance(team_id, int) and INTEGER_MIN <= team_id <= INTEGER_MAX
    team = session.get(TeamRow, team_id) if fits else None
    if team is None or team.organisation_id != organisation.id:
        raise NotFoundError("No such team in this organisation.")
    return team


def _organisation_record(session: Session, row: OrganisationRow) -> OrganisationRecord:
    teams = session.scalars(
        select(TeamRow).where(TeamRow.organisation_id == row.id).order_by(TeamRow.name)
    ).all()
    return OrganisationRecord(
        owner_code=row.owner_code,
        name=row.name,
        stale_after_months=row.stale_after_months,
        created_at=row.created_at,
        teams=tuple(TeamRecord(id=t.id, name=t.name, created_at=t.created_at) for t in teams),
    )
