"""Answers between their stored rows and the domain's :class:`Answer`."""

from __future__ import annotations

from datetime import datetime

from assessment_models.responses import Answer
from assessment_models.storage.tables import AnswerRow


def is_empty(answer: Answer) -> bool:
    """Nothing worth a row: no level or value, no N/A, no comment, no confidence."""
    return not answer.is_answered and not answer.comment.strip() and answer.confidence is None


def answer_row(assessment_id: int, question_id: str, answer: Answer, at: datetime) -> AnswerRow:
    """A new row holding ``answer`` (already normalised), saved at ``at``."""
    row = AnswerRow(assessment_id=assessment_id, question_id=question_id)
    fill_answer(row, answer, at)
    return row


def fill_answer(row: AnswerRow, answer: Answer, at: datetime) -> None:
    """Write ``answer`` (already normalised) into an existing row, saved at ``at``."""
    # normalise_answer has turned an option id into its level.
    row.level = answer.level if isinstance(answer.level, int) else None
    row.value, row.na, row.comment = answer.value, answer.na, answer.comment
    row.confidence = None if answer.confidence is None else answer.confidence.value
    row.updated_at = at
    row.carried_over = False  # saving confirms or changes a carried-over answer


def answer_of(row: AnswerRow) -> Answer:
    """The stored answer as the domain reads it."""
    return Answer(
        level=row.level,
        value=row.value,
        na=row.na,
        comment=row.comment,
        confidence=row.confidence,  # type: ignore[arg-type]  # validated into Confidence
    )
