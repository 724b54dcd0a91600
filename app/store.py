"""The app's calls into storage: one fresh session and one transaction per call.

Thin on purpose: each function opens a session from the cached factory and calls the
repository function of the same name. Errors (``NotFoundError``, ``ResponsesError``,
``StorageError``) travel up to the page, which shows their message.

Reading an assessment remembers the result in the tab's session, and while the database
does not answer (:class:`DatabaseUnavailableError`) the last good read is shown instead, so
that the respondent can keep working; their changes wait in :mod:`state` until it is back.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from typing import Any, TypeVar

import state
from resources import sessions

from assessment_models import storage
from assessment_models.errors import DatabaseUnavailableError
from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import Answer, BenchmarkChoice, Respondent, Responses, Scope
from assessment_models.storage import AssessmentRecord

T = TypeVar("T")

#: Reads already made in this script run, by key; None outside :func:`one_read_per_run`.
#: A context variable, not module state: each session's script runs in a thread of its own.
_RUN_READS: ContextVar[dict[str, Any] | None] = ContextVar("sextant_run_reads", default=None)


@contextmanager
def one_read_per_run() -> Iterator[None]:
    """Within the block, a remembered read (record, responses) hits the database once.

    The entry point wraps the drawing of the page in it: the menu, the notices and the page
    all read the same assessment, and each read cost a query and a validation of every
    answer (a third of an Assess rerun's own work). Callbacks run before the block, so
    every rerun still starts from what storage holds after them; a write through this
    module in the block forgets what was read.
    """
    token = _RUN_READS.set({})
    try:
        yield
    finally:
        _RUN_READS.reset(token)


def once_per_run(key: str, compute: Callable[[], T]) -> T:
    """``compute()``, computed once within :func:`one_read_per_run` (and forgotten on a
    write there, like the reads it is made from): the score card the menu and the page both
    draw from the same responses."""
    reads = _RUN_READS.get()
    if reads is None:
        return compute()
    if key not in reads:
        reads[key] = compute()
    return reads[key]  # type: ignore[no-any-return]


def _wrote() -> None:
    reads = _RUN_READS.get()
    if reads is not None:
        reads.clear()


def create(
    questionnaire: Questionnaire,
    respondent: Respondent,
    scope: Scope,
    benchmark: BenchmarkChoice | None = None,
) -> str:
    _wrote()
    with sessions()() as session:
        return storage.create_assessment(session, questionnaire, respondent, scope, benchmark)


def set_benchmark(code: str, benchmark: BenchmarkChoice) -> None:
    _wrote()
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
    _wrote()
    with sessions()() as session:
        return storage.save_answer(session, code, question_id, answer, fields=fields, base=base)


def import_responses(questionnaire: Questionnaire, responses: Responses) -> str:
    _wrote()
    with sessions()() as session:
        return storage.import_responses(session, questionnaire, responses)


def set_scope(code: str, scope: Scope) -> None:
    _wrote()
    with sessions()() as session:
        storage.set_scope(session, code, scope)


def finish(code: str) -> None:
    _wrote()
    with sessions()() as session:
        storage.finish_assessment(session, code)


def reopen(code: str) -> None:
    _wrote()
    with sessions()() as session:
        storage.reopen_assessment(session, code)


def save_targets(
    code: str, targets: dict[str, float], wip_limit: int | None, capacity: int | None = None
) -> None:
    _wrote()
    with sessions()() as session:
        storage.save_targets(session, code, targets, wip_limit, capacity)


# Roadmap tracking (roadmap page) ----------------------------------------------------------
def tracking(code: str) -> dict[str, storage.TrackedItem]:
    with sessions()() as session:
        return storage.load_tracking(session, code)


def save_tracking(code: str, item: storage.TrackedItem) -> None:
    _wrote()
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


def settled(key: str, read: Callable[[], T], *, final: Callable[[T], bool]) -> T:
    """:func:`remembered`, but a result ``final`` says can no longer change is kept for the
    tab and not read again: an Assess rerun then asks storage nothing it already knows."""
    kept = state.last_read(key)
    if kept is not None and final(kept):
        return kept  # type: ignore[no-any-return]
    return remembered(key, read)


def remembered(key: str, read: Callable[[], T]) -> T:
    """``read()``; while the database is away, the last good result of this tab.

    Any page read that the Assess page needs should go through here, so that the page
    still opens while the database is away and answers can wait in the tab.

    Once a call found the database away, reads serve that copy without asking again (each
    ask could wait for a timeout); the save retries and :func:`ping` find out when it is
    back.
    """
    reads = _RUN_READS.get()
    if reads is not None and key in reads:
        return reads[key]  # type: ignore[no-any-return]
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
    if reads is not None:
        reads[key] = value
    if not state.pending():
        state.record_online()
    return value
