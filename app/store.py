"""The app's calls into storage: one fresh session and one transaction per call.

Thin on purpose: each function opens a session from the cached factory and calls the
repository function of the same name. Errors (``NotFoundError``, ``ResponsesError``,
``StorageError``) travel up to the page, which shows their message.
"""

from __future__ import annotations

from datetime import datetime

from resources import sessions

from assessment_models import storage
from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import Answer, BenchmarkChoice, Respondent, Responses, Scope
from assessment_models.storage import AssessmentRecord


def create(
    questionnaire: Questionnaire,
    respondent: Respondent,
    scope: Scope,
    benchmark: BenchmarkChoice | None = None,
) -> str:
    with sessions()() as session:
        return storage.create_assessment(session, questionnaire, respondent, scope, benchmark)


def set_benchmark(code: str, benchmark: BenchmarkChoice) -> None:
    with sessions()() as session:
        storage.set_benchmark(session, code, benchmark)


def record(code: str) -> AssessmentRecord:
    with sessions()() as session:
        return storage.get_assessment(session, code)


def responses(code: str) -> Responses:
    with sessions()() as session:
        return storage.load_responses(session, code)


def save_answer(code: str, question_id: str, answer: Answer) -> datetime:
    with sessions()() as session:
        return storage.save_answer(session, code, question_id, answer)


def import_responses(questionnaire: Questionnaire, responses: Responses) -> str:
    with sessions()() as session:
        return storage.import_responses(session, questionnaire, responses)


def set_scope(code: str, scope: Scope) -> None:
    with sessions()() as session:
        storage.set_scope(session, code, scope)


def finish(code: str) -> None:
    with sessions()() as session:
        storage.finish_assessment(session, code)


def reopen(code: str) -> None:
    with sessions()() as session:
        storage.reopen_assessment(session, code)


def save_targets(
    code: str, targets: dict[str, float], wip_limit: int | None, capacity: int | None = None
) -> None:
    with sessions()() as session:
        storage.save_targets(session, code, targets, wip_limit, capacity)


# Roadmap tracking (roadmap page) ----------------------------------------------------------
def tracking(code: str) -> dict[str, storage.TrackedItem]:
    with sessions()() as session:
        return storage.load_tracking(session, code)


def save_tracking(code: str, item: storage.TrackedItem) -> None:
    with sessions()() as session:
        storage.save_tracking(session, code, item)
