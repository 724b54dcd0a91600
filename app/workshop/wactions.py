"""Callbacks of the workshop pages: create, join, reveal, close, agree, vote again.

Like :mod:`actions`, each reads widget values, calls storage once and records the outcome
for the next render; an error is shown under the control that caused it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import routes
import state
import store
import streamlit as st
from resources import installed_questionnaires

from assessment_models.errors import NotFoundError, SextantError
from assessment_models.questionnaire import MetricQuestion, Question, Questionnaire
from assessment_models.responses import Answer, Respondent, Scope
from assessment_models.workshop import in_scope_questions, median_answer
from workshop import wstate, wstore


# Create -------------------------------------------------------------------------------------
def create_workshop() -> None:
    """on_click of "Create the workshop" on the Start page."""
    questionnaire = installed_questionnaires().get(state.value(wstate.CREATE_QUESTIONNAIRE))
    if questionnaire is None:
        wstate.set_error("create", "Choose a questionnaire.")
        return
    excluded = tuple(
        d.id
        for d in questionnaire.dimensions
        if not state.value(f"{wstate.CREATE_FORM}.scope.{questionnaire.id}.{d.id}", True)
    )
    if len(excluded) == len(questionnaire.dimensions):
        wstate.set_error("create", "Choose at least one dimension to assess.")
        return
    respondent = Respondent(
        organisation=(state.value(wstate.CREATE_ORGANISATION) or "").strip(),
        team=(state.value(wstate.CREATE_TEAM) or "").strip(),
    )
    try:
        created = wstore.create(
            questionnaire,
            respondent,
            Scope(exclude=excluded),
            state.value(wstate.CREATE_ANONYMITY) or "facilitator_only",
            _deadline(),
        )
    except SextantError as exc:
        wstate.set_error("create", exc.message)
        return
    wstate.set_error("create", None)
    wstate.open_workshop(created.facilitator_code)
    state.flash(
        "Your workshop is ready. Keep the facilitator link below private: it opens the "
        "dashboard and the consensus."
    )
    wstate.go_to(routes.WORKSHOP_DASHBOARD)


def _deadline() -> datetime | None:
    if not state.value(wstate.CREATE_DEADLINE_ON):
        return None
    day, at = state.value(wstate.CREATE_DEADLINE_DAY), state.value(wstate.CREATE_DEADLINE_TIME)
    if day is None or at is None:
        return None
    # The time picker gives local wall time; without the browser's zone, UTC is assumed.
    return datetime.combine(day, at).replace(tzinfo=UTC)


# Join ---------------------------------------------------------------------------------------
def show_invite(join_code: str) -> None:
    """A join link (?j=CODE): say what it opens (title, team, privacy), never any answer."""
    if wstate.join_blocked():
        wstate.set_error("join", wstate.TOO_MANY_ATTEMPTS)
        return
    try:
        wstate.set_invite(wstore.invite(join_code))
    except NotFoundError as exc:
        wstate.record_failed_join()
        wstate.set_error("join", exc.message)


def join_workshop() -> None:
    """on_click of "Join": a new participant, their own assessment opened in this tab."""
    if wstate.join_blocked():
        wstate.set_error("join", wstate.TOO_MANY_ATTEMPTS)
        return
    typed = state.value(wstate.JOIN_CODE) or ""
    name = (state.value(wstate.JOIN_NAME) or "").strip() or None
    try:
        code = wstore.join(typed, name)
    except NotFoundError as exc:
        wstate.record_failed_join()
        wstate.set_error("join", exc.message)
        return
    except SextantError as exc:
        wstate.set_error("join", exc.message)
        return
    wstate.set_error("join", None)
    state.open_assessment(code)
    state.flash(
        "You have joined the workshop. Your answers are saved as you go; nobody sees them "
        "until the facilitator reveals the group's answers. Keep the link below to carry on "
        "from another device."
    )
    wstate.go_to(routes.START)  # the resume link and "Continue answering"


# Dashboard controls -------------------------------------------------------------------------
def save_reveal(code: str) -> None:
    _guard("dash", lambda: wstore.set_revealed(code, list(state.value(wstate.DASH_REVEAL) or [])))


def reveal_all(code: str, questionnaire: Questionnaire) -> None:
    ids = [d.id for d in questionnaire.dimensions]
    state.set_value(wstate.DASH_REVEAL, ids)
    _guard("dash", lambda: wstore.set_revealed(code, ids))


def save_threshold(code: str) -> None:
    _guard("dash", lambda: wstore.set_threshold(code, float(state.value(wstate.DASH_THRESHOLD))))


def save_anonymity(code: str) -> None:
    _guard("dash", lambda: wstore.raise_anonymity(code, state.value(wstate.DASH_ANONYMITY)))


def close(code: str) -> None:
    _guard("dash", lambda: wstore.close(code))


def reopen(code: str) -> None:
    _guard("dash", lambda: wstore.reopen(code))


# Consensus ----------------------------------------------------------------------------------
def record_consensus(consensus_code: str, question: Question) -> None:
    """on_click of "Record": the answer and note on screen become the agreed answer."""
    note = state.value(wstate.CONS_NOTE) or ""
    if isinstance(question, MetricQuestion):
        value = state.value(wstate.CONS_VALUE)
        if state.value(wstate.CONS_NA):
            answer = Answer(na=True, comment=note)
        else:
            answer = Answer(value=None if value is None else float(value), comment=note)
    else:
        chosen = state.value(wstate.CONS_LEVEL)
        answer = (
            Answer(na=True, comment=note)
            if chosen == wstate.NA
            else Answer(level=chosen, comment=note)
        )
    _save_consensus(consensus_code, question.id, answer)


def take_median(facilitator_code: str, consensus_code: str, question_id: str) -> None:
    """on_click of "Take the median": the group's lower median, the note on screen kept."""
    record, group, _ = wstore.dashboard(facilitator_code)
    question = record.questionnaire.questions_by_id[question_id]
    median = median_answer(question, group)
    if median is None:
        wstate.set_error("cons", "Nobody has answered this question yet.")
        return
    note = state.value(wstate.CONS_NOTE) or ""
    _save_consensus(consensus_code, question_id, median.model_copy(update={"comment": note}))
    _seed_consensus_widgets(question, median)


def settle_rest_by_median(facilitator_code: str, consensus_code: str) -> None:
    """on_click of "Settle the rest by the median": every question without an agreed answer."""
    record, group, _ = wstore.dashboard(facilitator_code)
    agreed = store.responses(consensus_code).answers
    settled = 0
    try:
        for question in in_scope_questions(record.questionnaire, record.scope):
            if question.id in agreed and agreed[question.id].is_answered:
                continue
            median = median_answer(question, group)
            if median is not None:
                store.save_answer(consensus_code, question.id, median)
                settled += 1
    except SextantError as exc:
        wstate.set_error("cons", exc.message)
        return
    wstate.set_error("cons", None)
    state.flash(f"Settled {settled} questions by the group's median.")
    wstore.changed()


def start_second_round(code: str) -> None:
    chosen = list(state.value(wstate.CONS_ROUND_QUESTIONS) or [])
    _guard("cons", lambda: wstore.start_second_round(code, chosen))


def open_consensus_results(consensus_code: str) -> None:
    """on_click of "See the results of the consensus": open it as the tab's assessment."""
    state.open_assessment(consensus_code)
    wstate.go_to(routes.RESULTS)


def step(question_ids: list[str], offset: int) -> None:
    current = state.value(wstate.CONS_QUESTION)
    index = question_ids.index(current) if current in question_ids else 0
    target = question_ids[max(0, min(len(question_ids) - 1, index + offset))]
    state.set_value(wstate.CONS_QUESTION, target)
    forget_consensus_widgets()


def forget_consensus_widgets() -> None:
    for key in (wstate.CONS_LEVEL, wstate.CONS_VALUE, wstate.CONS_NA, wstate.CONS_NOTE):
        st.session_state.pop(key, None)


def _save_consensus(consensus_code: str, question_id: str, answer: Answer) -> None:
    try:
        store.save_answer(consensus_code, question_id, answer)
    except SextantError as exc:
        wstate.set_error("cons", exc.message)
        return
    wstate.set_error("cons", None)
    wstore.changed()


def _seed_consensus_widgets(question: Question, answer: Answer) -> None:
    if isinstance(question, MetricQuestion):
        state.set_value(wstate.CONS_NA, answer.na)
        state.set_value(wstate.CONS_VALUE, answer.value)
    else:
        state.set_value(wstate.CONS_LEVEL, wstate.NA if answer.na else answer.level)


def _guard(where: str, change: Callable[[], None]) -> None:
    try:
        change()
    except SextantError as exc:
        wstate.set_error(where, exc.message)
        return
    wstate.set_error(where, None)
