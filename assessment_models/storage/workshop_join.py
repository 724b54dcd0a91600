"""Joining a workshop and what a participant may read of it.

A join code opens nothing but a new participant's own assessment, and only while the
workshop is open; a participant's own access code opens their answers and, once the
facilitator reveals a dimension, the group's answers to it (names only in a named
workshop). See :mod:`assessment_models.storage.workshops` for the facilitator's side.
"""

from __future__ import annotations

import json

from sqlalchemy.orm import Session

from assessment_models.errors import NotFoundError, StorageError
from assessment_models.responses import Respondent, Scope
from assessment_models.storage.assessment_rows import (
    WORKSHOP_CLOSED_MESSAGE as CLOSED_MESSAGE,
)
from assessment_models.storage.assessment_rows import (
    new_assessment_row,
    questionnaire_of,
)
from assessment_models.storage.faults import storage_call
from assessment_models.storage.tables import AssessmentRow, WorkshopParticipantRow, WorkshopRow
from assessment_models.storage.transactions import now, transaction
from assessment_models.storage.workshop_records import ParticipantView, WorkshopInvite
from assessment_models.storage.workshop_rows import (
    WORKSHOP_NOT_FOUND,
    by_join_code,
    consensus_questionnaire,
    participant_of,
    participants_with_answers,
)
from assessment_models.storage.workshops import DEADLINE_MESSAGE, MAX_NAME_LENGTH, NAME_NEEDED
from assessment_models.workshop import Participant


@storage_call
def invite(session: Session, join_code: str) -> WorkshopInvite:
    """What a join code shows before joining: the questionnaire, team and privacy; no answers."""
    with transaction(session):
        row = by_join_code(session, join_code)
        consensus = session.get_one(AssessmentRow, row.consensus_id)
        return WorkshopInvite(
            join_code=row.join_code,
            title=questionnaire_of(consensus).title,
            respondent=Respondent(organisation=consensus.organisation, team=consensus.team),
            anonymity=row.anonymity,  # type: ignore[arg-type]
            status=row.status,  # type: ignore[arg-type]
            deadline=row.deadline,
        )


@storage_call
def join_workshop(session: Session, join_code: str, display_name: str | None = None) -> str:
    """A new participant: their own assessment of the workshop's questionnaire; its code.

    Anonymous workshops store no name and no time of joining, whatever is passed.
    """
    with transaction(session, write=True):
        row = by_join_code(session, join_code)
        if row.status != "open":
            raise StorageError(CLOSED_MESSAGE)
        if row.deadline is not None and now() > row.deadline:
            raise StorageError(DEADLINE_MESSAGE)
        name = (display_name or "").strip()
        if row.anonymity != "anonymous" and not 0 < len(name) <= MAX_NAME_LENGTH:
            raise StorageError(NAME_NEEDED)
        consensus = session.get_one(AssessmentRow, row.consensus_id)
        questionnaire = questionnaire_of(consensus)
        mine = new_assessment_row(
            questionnaire,
            Respondent(organisation=consensus.organisation, team=consensus.team),
            Scope(exclude=tuple(json.loads(consensus.scope_exclude))),
        )
        session.add(mine)
        session.flush()
        anonymous = row.anonymity == "anonymous"
        session.add(
            WorkshopParticipantRow(
                workshop_id=row.id,
                assessment_id=mine.id,
                display_name=None if anonymous else name,
                joined_at=None if anonymous else mine.created_at,
            )
        )
        return mine.access_code


@storage_call
def participant_view(session: Session, participant_code: str) -> ParticipantView | None:
    """The workshop a participant's assessment belongs to; None for a plain assessment."""
    with transaction(session):
        person = participant_of(session, participant_code)
        if person is None:
            return None
        row = session.get_one(WorkshopRow, person.workshop_id)
        return ParticipantView(
            join_code=row.join_code,
            anonymity=row.anonymity,  # type: ignore[arg-type]
            status=row.status,  # type: ignore[arg-type]
            revealed=tuple(json.loads(row.revealed)),
            display_name=person.display_name,
        )


@storage_call
def revealed_group(session: Session, participant_code: str) -> list[Participant]:
    """The group's answers to revealed dimensions, as a participant may see them.

    Names only in a named workshop; answers to unrevealed dimensions are left out.
    """
    with transaction(session):
        person = participant_of(session, participant_code)
        if person is None:
            raise NotFoundError(WORKSHOP_NOT_FOUND)
        row = session.get_one(WorkshopRow, person.workshop_id)
        revealed = set(json.loads(row.revealed))
        questionnaire = consensus_questionnaire(session, row)
        shown = {q.id for d, _c, q in questionnaire.iter_questions() if d.id in revealed}
        group = participants_with_answers(session, row, names=row.anonymity == "named")
        return [
            p.model_copy(update={"answers": {k: a for k, a in p.answers.items() if k in shown}})
            for p in group
        ]
