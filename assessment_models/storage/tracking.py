"""Repository functions for roadmap tracking: who does a recommendation, by when, how far."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from assessment_models.errors import NotFoundError
from assessment_models.storage.assessment_rows import find_assessment, questionnaire_of
from assessment_models.storage.faults import storage_call
from assessment_models.storage.records import TrackedItem
from assessment_models.storage.tables import TrackingRow
from assessment_models.storage.transactions import now, transaction


@storage_call
def save_tracking(session: Session, code: str, item: TrackedItem) -> None:
    """Store the owner, due date and status of one roadmap recommendation."""
    with transaction(session, write=True):
        row = find_assessment(session, code, lock=True)
        questionnaire = questionnaire_of(row)
        if item.recommendation_id not in questionnaire.recommendations_by_id:
            raise NotFoundError(
                f"No recommendation '{item.recommendation_id}' in '{questionnaire.id}'."
            )
        at = now()
        stored = session.get(TrackingRow, (row.id, item.recommendation_id))
        if stored is None:
            stored = TrackingRow(assessment_id=row.id, recommendation_id=item.recommendation_id)
            session.add(stored)
        stored.owner, stored.due_date, stored.status = item.owner, item.due_date, item.status
        stored.updated_at = row.updated_at = at


@storage_call
def load_tracking(session: Session, code: str) -> dict[str, TrackedItem]:
    """Every tracked recommendation of the assessment, by recommendation id."""
    with transaction(session):
        row = find_assessment(session, code)
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
