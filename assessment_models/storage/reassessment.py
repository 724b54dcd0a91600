"""Re-assessment: the next assessment of a team starts from the previous answers.

Each copied answer is marked "carried over" until the respondent confirms it or changes it
(any save through :func:`answers.save_answer` clears the mark), so only what changed
needs attention. Scores count carried-over answers like any other.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from assessment_models.errors import ResponsesError, StorageError
from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import Answer, Respondent, Scope, normalise_answer
from assessment_models.storage.answer_rows import answer_of, answer_row, is_empty
from assessment_models.storage.assessment_rows import (
    find_assessment,
    new_assessment_row,
    targets_json,
)
from assessment_models.storage.faults import storage_call
from assessment_models.storage.records import CarryOver
from assessment_models.storage.tables import AnswerRow, AssessmentLinkRow, AssessmentRow
from assessment_models.storage.transactions import transaction

NOT_FINISHED_MESSAGE = "Finish this assessment before starting the next one."


@storage_call
def start_next_assessment(session: Session, code: str, questionnaire: Questionnaire) -> str:
    """A new assessment for the same team, holding the previous answers marked carried over.

    It uses ``questionnaire`` (normally the installed edition, which may be newer): answers
    to questions it no longer has, or that no longer fit, are left behind; the scope and
    targets keep what still exists.
    """
    with transaction(session, write=True):
        previous = find_assessment(session, code, lock=True)
        if previous.status != "finished":
            raise StorageError(NOT_FINISHED_MESSAGE)
        respondent = Respondent(organisation=previous.organisation, team=previous.team)
        units = set(questionnaire.dimensions_by_id) | set(questionnaire.capabilities_by_id)
        scope = Scope(exclude=tuple(u for u in json.loads(previous.scope_exclude) if u in units))
        row = new_assessment_row(questionnaire, respondent, scope)
        if previous.targets is not None:
            kept = {
                d: t for d, t in json.loads(previous.targets).items()
                if d in questionnaire.dimensions_by_id
            }
            row.targets = targets_json(questionnaire, kept)
        row.wip_limit = previous.wip_limit
        session.add(row)
        session.flush()
        carried = 0
        for stored in session.scalars(
            select(AnswerRow).where(AnswerRow.assessment_id == previous.id)
        ):
            answer = _carried_answer(questionnaire, stored)
            if answer is None:
                continue
            new = answer_row(row.id, stored.question_id, answer, row.created_at)
            new.carried_over = True
            session.add(new)
            carried += 1
        link = session.get(AssessmentLinkRow, previous.id)
        session.add(
            AssessmentLinkRow(
                assessment_id=row.id,
                team_id=None if link is None else link.team_id,
                previous_id=previous.id,
                carried_over=carried,
            )
        )
        new_code = row.access_code
    return new_code


@storage_call
def confirm_answers(session: Session, code: str, question_ids: Iterable[str]) -> None:
    """Keep these carried-over answers as they are: they no longer need attention."""
    ids = list(question_ids)
    with transaction(session, write=True):
        row = find_assessment(session, code, lock=True)
        if row.status == "finished":
            raise StorageError("This assessment is finished; reopen it to change its answers.")
        if ids:
            session.execute(
                update(AnswerRow)
                .where(AnswerRow.assessment_id == row.id, AnswerRow.question_id.in_(ids))
                .values(carried_over=False)
            )


@storage_call
def carry_over(session: Session, code: str) -> CarryOver:
    """How many answers were carried over into this assessment, and which are unconfirmed."""
    with transaction(session):
        row = find_assessment(session, code)
        link = session.get(AssessmentLinkRow, row.id)
        if link is None or (link.previous_id is None and link.carried_over == 0):
            return CarryOver()
        previous = None if link.previous_id is None else session.get(AssessmentRow,
                                                                     link.previous_id)
        unconfirmed = session.scalars(
            select(AnswerRow.question_id).where(
                AnswerRow.assessment_id == row.id, AnswerRow.carried_over.is_(True)
            )
        ).all()
        return CarryOver(
            previous_code=None if previous is None else previous.access_code,
            carried=link.carried_over,
            unconfirmed=frozenset(unconfirmed),
        )


def _carried_answer(questionnaire: Questionnaire, stored: AnswerRow) -> Answer | None:
    if stored.question_id not in questionnaire.questions_by_id:
        return None
    try:
        answer = normalise_answer(questionnaire, stored.question_id, answer_of(stored))
    except ResponsesError:
        return None  # the question changed shape since: it is asked afresh
    return None if is_empty(answer) else answer
