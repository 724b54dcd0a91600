"""The product calls the rows measure, in one place: when an API moves, only this changes."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from assessment_models import storage
from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import Answer
from assessment_models.roadmap import Roadmap
from assessment_models.roadmap import build_roadmap as _build_roadmap
from assessment_models.scoring import ScoreCard


def build_roadmap(questionnaire: Questionnaire, card: ScoreCard) -> Roadmap:
    """The roadmap for the questionnaire's default targets and WIP limit."""
    return _build_roadmap(questionnaire, card)


def save_answer(sessions: sessionmaker[Session], code: str, question_id: str,
                answer: Answer) -> None:
    """One answer saved the way the app's ``store.save_answer`` does: a fresh session."""
    with sessions() as session:
        storage.save_answer(session, code, question_id, answer)
