"""A workshop's rows: found by facilitator, join or participant code; its people, labelled.

Shared by :mod:`.workshops` (the facilitator's side) and :mod:`.workshop_join` (joining and
the participant's side). Any code that is unknown, malformed or of the wrong kind raises
:class:`NotFoundError` with :data:`WORKSHOP_NOT_FOUND`, so that a wrong guess learns nothing.
"""

from __future__ import annotations

import re
import secrets
from collections import defaultdict
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from assessment_models.errors import NotFoundError
from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import Answer
from assessment_models.storage.answer_rows import answer_of
from assessment_models.storage.assessment_rows import questionnaire_of
from assessment_models.storage.tables import (
    AnswerRow,
    AssessmentRow,
    WorkshopParticipantRow,
    WorkshopRow,
)
from assessment_models.workshop import Participant

WORKSHOP_NOT_FOUND = "No workshop with this code or link."

#: No 0/O, no 1/I/L: a code read off a projector at the back of a room is typed right.
JOIN_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6

_FACILITATOR_PATTERN = re.compile(r"[A-Za-z0-9_-]{43}")


def new_join_code() -> str:
    """A fresh join code: six characters nobody misreads."""
    return "".join(secrets.choice(JOIN_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_join_code(typed: str) -> str:
    """What a person typed, as stored: upper case, spaces and dashes dropped."""
    return re.sub(r"[\s-]", "", typed or "").upper()


def find_workshop(session: Session, code: str, *, lock: bool = False) -> WorkshopRow:
    """The workshop this facilitator code opens; ``lock`` holds its row."""
    if not isinstance(code, str) or not _FACILITATOR_PATTERN.fullmatch(code):
        raise NotFoundError(WORKSHOP_NOT_FOUND)
    query = select(WorkshopRow).where(WorkshopRow.facilitator_code == code)
    if lock:
        query = query.with_for_update()
    row = session.scalars(query).one_or_none()
    if row is None:
        raise NotFoundError(WORKSHOP_NOT_FOUND)
    return row


def by_join_code(session: Session, join_code: str) -> WorkshopRow:
    """The workshop this join code (as typed) opens."""
    code = normalise_join_code(join_code) if isinstance(join_code, str) else ""
    if len(code) != JOIN_CODE_LENGTH or any(c not in JOIN_ALPHABET for c in code):
        raise NotFoundError(WORKSHOP_NOT_FOUND)
    row = session.scalars(select(WorkshopRow).where(WorkshopRow.join_code == code)).one_or_none()
    if row is None:
        raise NotFoundError(WORKSHOP_NOT_FOUND)
    return row


def participant_of(session: Session, code: str) -> WorkshopParticipantRow | None:
    """The participant whose own assessment this access code opens; None for any other."""
    if not isinstance(code, str) or not _FACILITATOR_PATTERN.fullmatch(code):
        return None
    query = (
        select(WorkshopParticipantRow)
        .join(AssessmentRow, AssessmentRow.id == WorkshopParticipantRow.assessment_id)
        .where(AssessmentRow.access_code == code)
    )
    return session.scalars(query).one_or_none()


def people_of(session: Session, row: WorkshopRow) -> list[WorkshopParticipantRow]:
    """The workshop's participants in join order."""
    query = select(WorkshopParticipantRow).where(WorkshopParticipantRow.workshop_id == row.id)
    return list(session.scalars(query.order_by(WorkshopParticipantRow.id)))


def consensus_questionnaire(session: Session, row: WorkshopRow) -> Questionnaire:
    """The questionnaire of the workshop's consensus (and so of every participant)."""
    return questionnaire_of(session.get_one(AssessmentRow, row.consensus_id))


def participants_with_answers(
    session: Session, row: WorkshopRow, *, names: bool
) -> list[Participant]:
    """One query: every participant with their answers and last activity."""
    query = (
        select(WorkshopParticipantRow, AssessmentRow.updated_at, AnswerRow)
        .join(AssessmentRow, AssessmentRow.id == WorkshopParticipantRow.assessment_id)
        .join(AnswerRow, AnswerRow.assessment_id == AssessmentRow.id, isouter=True)
        .where(WorkshopParticipantRow.workshop_id == row.id)
        .order_by(WorkshopParticipantRow.id)
    )
    people: dict[int, WorkshopParticipantRow] = {}
    last: dict[int, datetime] = {}
    answers: dict[int, dict[str, Answer]] = defaultdict(dict)
    for person, updated_at, answer in session.execute(query):
        people[person.id] = person
        last[person.id] = updated_at
        if answer is not None:
            answers[person.id][answer.question_id] = answer_of(answer)
    labels = labels_of(list(people.values()), names=names)
    return [Participant(label=labels[i], answers=answers[i], last_activity=last[i]) for i in people]


def labels_of(people: list[WorkshopParticipantRow], *, names: bool) -> dict[int, str]:
    """Display names (a repeated name gets "(2)"), or P1…Pn in join order."""
    out: dict[int, str] = {}
    seen: dict[str, int] = defaultdict(int)
    for number, person in enumerate(people, start=1):
        if names and person.display_name:
            seen[person.display_name] += 1
            count = seen[person.display_name]
            out[person.id] = person.display_name + (f" ({count})" if count > 1 else "")
        else:
            out[person.id] = f"P{number}"
    return out
