"""Workshop storage: create, join, read every participant's answers, reveal, close, re-vote.

A workshop is three kinds of rows. The **consensus** is an ordinary assessment (Results,
Roadmap, PDF and exports work on it unchanged); each **participant** answers in an ordinary
assessment of their own, reached by their own 256-bit link; the ``workshops`` row holds the
facilitator's secret, the join code and the settings.

Secrets and what they open:

- the facilitator code (256 bits) opens everything: dashboard, consensus, settings;
- a join code (6 characters, about 30 bits) opens nothing but a new participant's own
  assessment, and only while the workshop is open;
- a participant's access code opens their own answers and, once revealed, the group's.

Joining and the participant's side live in :mod:`.workshop_join`; finding a workshop by
any of its codes, and labelling its people, in :mod:`.workshop_rows`.
"""

from __future__ import annotations

import json
import secrets
from collections import defaultdict
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from assessment_models.errors import StorageError
from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import Answer, Respondent, Scope
from assessment_models.storage.assessment_rows import (
    check_scope,
    new_assessment_row,
    questionnaire_of,
)
from assessment_models.storage.faults import storage_call
from assessment_models.storage.tables import (
    AnswerRow,
    AssessmentRow,
    WorkshopFirstRoundRow,
    WorkshopParticipantRow,
    WorkshopRow,
)
from assessment_models.storage.transactions import now, transaction
from assessment_models.storage.workshop_records import (
    ConsensusInputs,
    WorkshopRecord,
)
from assessment_models.storage.workshop_rows import (
    consensus_questionnaire,
    find_workshop,
    labels_of,
    new_join_code,
    participants_with_answers,
    people_of,
)
from assessment_models.workshop import ANONYMITY_ORDER, Anonymity, Participant

DEADLINE_MESSAGE = "This workshop's deadline has passed: it takes no new participants."
NAME_NEEDED = "Give a name the facilitator will recognise (up to 80 characters)."
MAX_NAME_LENGTH = 80


# Facilitator -------------------------------------------------------------------------------


@storage_call
def create_workshop(
    session: Session,
    questionnaire: Questionnaire,
    respondent: Respondent,
    scope: Scope,
    anonymity: Anonymity,
    deadline: datetime | None = None,
) -> WorkshopRecord:
    """A new open workshop with an empty consensus; returns it with its codes."""
    check_scope(questionnaire, scope)
    if anonymity not in ANONYMITY_ORDER:
        raise StorageError(f"anonymity must be one of {', '.join(ANONYMITY_ORDER)}")
    for _attempt in range(5):  # a join code collision is rare (31^6 codes); try again
        try:
            with transaction(session, write=True):
                consensus = new_assessment_row(questionnaire, respondent, scope)
                session.add(consensus)
                session.flush()
                row = WorkshopRow(
                    facilitator_code=secrets.token_urlsafe(32),
                    join_code=new_join_code(),
                    consensus_id=consensus.id,
                    anonymity=anonymity,
                    status="open",
                    deadline=deadline,
                    revealed="[]",
                    threshold=1.0,
                    second_round="[]",
                    created_at=consensus.created_at,
                    updated_at=consensus.created_at,
                )
                session.add(row)
                facilitator_code = row.facilitator_code
        except IntegrityError:
            continue
        return get_workshop(session, facilitator_code)
    raise StorageError("Could not find a free join code; please try again.")


@storage_call
def get_workshop(session: Session, facilitator_code: str) -> WorkshopRecord:
    """The workshop this facilitator code opens."""
    with transaction(session):
        row = find_workshop(session, facilitator_code)
        return _record(session, row)


@storage_call
def participants(session: Session, facilitator_code: str) -> list[Participant]:
    """Every participant's answers in join order, labelled as the facilitator may see them."""
    with transaction(session):
        row = find_workshop(session, facilitator_code)
        return participants_with_answers(session, row, names=row.anonymity != "anonymous")


@storage_call
def first_round(session: Session, facilitator_code: str) -> list[Participant]:
    """The first-round answers to the re-voted questions, labelled like :func:`participants`."""
    with transaction(session):
        row = find_workshop(session, facilitator_code)
        query = (
            select(WorkshopParticipantRow, WorkshopFirstRoundRow)
            .join(WorkshopFirstRoundRow, isouter=True)
            .where(WorkshopParticipantRow.workshop_id == row.id)
            .order_by(WorkshopParticipantRow.id)
        )
        answers: dict[int, dict[str, Answer]] = defaultdict(dict)
        people: dict[int, WorkshopParticipantRow] = {}
        for person, kept in session.execute(query):
            people[person.id] = person
            if kept is not None:
                answers[person.id][kept.question_id] = Answer(
                    level=kept.level, value=kept.value, na=kept.na
                )
        labels = labels_of(list(people.values()), names=row.anonymity != "anonymous")
        return [Participant(label=labels[i], answers=answers[i]) for i in people]


@storage_call
def set_revealed(session: Session, facilitator_code: str, dimension_ids: list[str]) -> None:
    """Show participants the group's answers for these dimensions (and only these)."""
    with transaction(session, write=True):
        row = find_workshop(session, facilitator_code, lock=True)
        questionnaire = consensus_questionnaire(session, row)
        unknown = [d for d in dimension_ids if d not in questionnaire.dimensions_by_id]
        if unknown:
            raise StorageError(f"revealed: '{unknown[0]}' is not a dimension")
        ordered = [d for d in questionnaire.dimensions_by_id if d in set(dimension_ids)]
        row.revealed = json.dumps(ordered)
        row.updated_at = now()


@storage_call
def set_threshold(session: Session, facilitator_code: str, threshold: float) -> None:
    """The spread from which a question is on the discuss-first agenda."""
    if not 0 <= threshold <= 4:
        raise StorageError("threshold: a spread is between 0 and 4 levels")
    with transaction(session, write=True):
        row = find_workshop(session, facilitator_code, lock=True)
        row.threshold = float(threshold)
        row.updated_at = now()


@storage_call
def raise_anonymity(session: Session, facilitator_code: str, anonymity: Anonymity) -> None:
    """Make the workshop more private; never less. Going anonymous erases stored names."""
    with transaction(session, write=True):
        row = find_workshop(session, facilitator_code, lock=True)
        if anonymity not in ANONYMITY_ORDER:
            raise StorageError(f"anonymity must be one of {', '.join(ANONYMITY_ORDER)}")
        if ANONYMITY_ORDER.index(anonymity) < ANONYMITY_ORDER.index(row.anonymity):  # type: ignore[arg-type]
            raise StorageError("A workshop's anonymity can be raised, never lowered.")
        row.anonymity = anonymity
        if anonymity == "anonymous":
            for person in people_of(session, row):
                person.display_name, person.joined_at = None, None
        row.updated_at = now()


@storage_call
def close_workshop(session: Session, facilitator_code: str) -> None:
    """Stop joins and answers; every participant's answers become read-only."""
    _set_status(session, facilitator_code, "closed")


@storage_call
def reopen_workshop(session: Session, facilitator_code: str) -> None:
    """Take joins and answers again."""
    _set_status(session, facilitator_code, "open")


@storage_call
def start_second_round(session: Session, facilitator_code: str, question_ids: list[str]) -> None:
    """Keep everyone's current answers to these questions, then let them vote again."""
    with transaction(session, write=True):
        row = find_workshop(session, facilitator_code, lock=True)
        questionnaire = consensus_questionnaire(session, row)
        unknown = [q for q in question_ids if q not in questionnaire.questions_by_id]
        if unknown or not question_ids:
            raise StorageError("second round: choose questions of this workshop to vote on again")
        people = people_of(session, row)
        by_assessment = {p.assessment_id: p.id for p in people}
        session.execute(
            delete(WorkshopFirstRoundRow).where(
                WorkshopFirstRoundRow.participant_id.in_([p.id for p in people])
            )
        )
        query = select(AnswerRow).where(
            AnswerRow.assessment_id.in_(by_assessment), AnswerRow.question_id.in_(question_ids)
        )
        for answer in session.scalars(query):
            session.add(
                WorkshopFirstRoundRow(
                    participant_id=by_assessment[answer.assessment_id],
                    question_id=answer.question_id,
                    level=answer.level,
                    value=answer.value,
                    na=answer.na,
                )
            )
        row.second_round = json.dumps(list(dict.fromkeys(question_ids)))
        row.status = "open"
        _set_participants_status(session, row, "in_progress")
        row.updated_at = now()


@storage_call
def of_consensus(session: Session, consensus_code: str) -> ConsensusInputs | None:
    """For the consensus's PDF: the workshop behind it (None for a plain assessment).

    Opened with the consensus's own code, so it returns no secret and no names: the
    facilitator may share the consensus's results with people who are not facilitators.
    """
    with transaction(session):
        query = (
            select(WorkshopRow)
            .join(AssessmentRow, AssessmentRow.id == WorkshopRow.consensus_id)
            .where(AssessmentRow.access_code == consensus_code)
        )
        row = session.scalars(query).one_or_none()
        if row is None:
            return None
        group = participants_with_answers(session, row, names=False)
        kept = first_round(session, row.facilitator_code) if row.second_round != "[]" else []
        return ConsensusInputs(
            anonymity=row.anonymity,  # type: ignore[arg-type]
            threshold=row.threshold,
            second_round=tuple(json.loads(row.second_round)),
            participants=tuple(group),
            first_round=tuple(kept),
        )


# Helpers -----------------------------------------------------------------------------------


def _set_status(session: Session, facilitator_code: str, status: str) -> None:
    with transaction(session, write=True):
        row = find_workshop(session, facilitator_code, lock=True)
        row.status = status
        _set_participants_status(session, row, "finished" if status == "closed" else "in_progress")
        row.updated_at = now()


def _set_participants_status(session: Session, row: WorkshopRow, status: str) -> None:
    at = now()
    for person in people_of(session, row):
        mine = session.get_one(AssessmentRow, person.assessment_id)
        if mine.status != status:
            mine.status = status
            mine.finished_at = at if status == "finished" else None


def _record(session: Session, row: WorkshopRow) -> WorkshopRecord:
    consensus = session.get_one(AssessmentRow, row.consensus_id)
    return WorkshopRecord(
        facilitator_code=row.facilitator_code,
        join_code=row.join_code,
        consensus_code=consensus.access_code,
        questionnaire=questionnaire_of(consensus),
        respondent=Respondent(organisation=consensus.organisation, team=consensus.team),
        scope=Scope(exclude=tuple(json.loads(consensus.scope_exclude))),
        anonymity=row.anonymity,  # type: ignore[arg-type]
        status=row.status,  # type: ignore[arg-type]
        deadline=row.deadline,
        revealed=tuple(json.loads(row.revealed)),
        threshold=row.threshold,
        second_round=tuple(json.loads(row.second_round)),
        participants=len(people_of(session, row)),
        created_at=row.created_at,
    )
