"""The app's calls into storage: one fresh session and one transaction per call.

Thin on purpose: each function opens a session from the cached factory and calls the
repository function of the same name. Errors (``NotFoundError``, ``ResponsesError``,
``StorageError``) travel up to the page, which shows their message.

Reading an assessment remembers the result in the tab's session, and while the database
does not answer (:class:`DatabaseUnavailableError`) the last good read is shown instead, so
that the respondent can keep working; their changes wait in :mod:`state` until it is back.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import datetime
from typing import TypeVar

import state
from resources import sessions

from assessment_models import storage
from assessment_models.errors import DatabaseUnavailableError
from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import Answer, BenchmarkChoice, Respondent, Responses, Scope
from assessment_models.storage import AssessmentRecord

T = TypeVar("T")


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
    return remembered(f"record.{code}", lambda: _with_session(storage.get_assessment, code))


def responses(code: str) -> Responses:
    return remembered(f"responses.{code}", lambda: _with_session(storage.load_responses, code))


def save_answer(
    code: str,
    question_id: str,
    answer: Answer,
    *,
    fields: Collection[str] = storage.ANSWER_FIELDS,
    base: Answer | None = None,
) -> datetime:
    with sessions()() as session:
        return storage.save_answer(session, code, question_id, answer, fields=fields, base=base)


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


def ping() -> None:
    """Raise :class:`DatabaseUnavailableError` unless the database answers right now."""
    with sessions()() as session:
        storage.check_database(session)
    if not state.pending():
        state.record_online()


def _with_session(function: Callable[..., T], *args: object) -> T:
    with sessions()() as session:
        return function(session, *args)


def remembered(key: str, read: Callable[[], T]) -> T:
    """``read()``; while the database is away, the last good result of this tab.

    Any page read that the Assess page needs should go through here, so that the page
    still opens while the database is away and answers can wait in the tab.

    Once a call found the database away, reads serve that copy without asking again (each
    ask could wait for a timeout); the save retries and :func:`ping` find out when it is
    back.
    """
    kept = state.last_read(key)
    if kept is not None and state.offline_since() is not None:
        return kept  # type: ignore[no-any-return]
    try:
        value = read()
    except DatabaseUnavailableError:
        state.record_offline()
        if kept is None:
            raise
        return kept  # type: ignore[no-any-return]
    state.remember_read(key, value)
    if not state.pending():
        state.record_online()
    return value
