"""Session-state keys and accessors of the workshop pages (prefix ``workshop.``).

The facilitator's secret travels in the URL as ``?w=CODE`` (like ``?a=`` for an assessment),
the join code as ``?j=CODE`` (the projector's QR code and join link carry it).
"""

from __future__ import annotations

import time

import page_errors
import streamlit as st

from assessment_models.storage.workshop_records import WorkshopInvite

FACILITATOR_PARAM = "w"
JOIN_PARAM = "j"

#: Wrong join codes allowed per browser session within :data:`ATTEMPT_WINDOW` seconds.
ATTEMPT_LIMIT = 5
ATTEMPT_WINDOW = 60.0
TOO_MANY_ATTEMPTS = "Too many wrong codes in a minute. Wait a moment, then try again."

_P = "workshop."
_FACILITATOR = f"{_P}facilitator"
_FAILED_JOINS = f"{_P}failed_joins"
_ERROR = f"{_P}error"
_GO = f"{_P}go"
_INVITE = f"{_P}invite"

# Create (Start page, "Run a workshop")
CREATE_QUESTIONNAIRE = f"{_P}create.questionnaire"
CREATE_ORGANISATION = f"{_P}create.organisation"
CREATE_TEAM = f"{_P}create.team"
CREATE_ANONYMITY = f"{_P}create.anonymity"
CREATE_DEADLINE_ON = f"{_P}create.deadline_on"
CREATE_DEADLINE_DAY = f"{_P}create.deadline_day"
CREATE_DEADLINE_TIME = f"{_P}create.deadline_time"
CREATE_FORM = f"{_P}create.form"
CREATE_SUBMIT = f"{_P}create.submit"

# Join
JOIN_FORM = f"{_P}join.form"
JOIN_CODE = f"{_P}join.code"
JOIN_NAME = f"{_P}join.name"
JOIN_SUBMIT = f"{_P}join.submit"

# Dashboard
DASH_THRESHOLD = f"{_P}dash.threshold"
DASH_REVEAL = f"{_P}dash.reveal"
DASH_REVEAL_ALL = f"{_P}dash.reveal_all"
DASH_CLOSE = f"{_P}dash.close"
DASH_REOPEN = f"{_P}dash.reopen"
DASH_ANONYMITY = f"{_P}dash.anonymity"
DASH_QUESTIONS = f"{_P}dash.questions"
DASH_AGENDA = f"{_P}dash.agenda"
DASH_JSON = f"{_P}dash.json"
DASH_CSV = f"{_P}dash.csv"

# Consensus
CONS_QUESTION = f"{_P}cons.question"
CONS_LEVEL = f"{_P}cons.level"
CONS_VALUE = f"{_P}cons.value"
CONS_NA = f"{_P}cons.na"
CONS_NOTE = f"{_P}cons.note"
CONS_RECORD = f"{_P}cons.record"
CONS_MEDIAN = f"{_P}cons.median"
CONS_NEXT = f"{_P}cons.next"
CONS_PREVIOUS = f"{_P}cons.previous"
CONS_BULK = f"{_P}cons.bulk"
CONS_RESULTS = f"{_P}cons.results"
CONS_ROUND_QUESTIONS = f"{_P}cons.round_questions"
CONS_ROUND_START = f"{_P}cons.round_start"
CONS_TABLE = f"{_P}cons.table"

NA = "na"


# The facilitator's workshop -----------------------------------------------------------------
def facilitator_code() -> str | None:
    value = st.session_state.get(_FACILITATOR)
    return value if isinstance(value, str) and value else None


def open_workshop(code: str) -> None:
    if facilitator_code() != code:
        forget_widgets()
    st.session_state[_FACILITATOR] = code


def close_workshop_view() -> None:
    st.session_state.pop(_FACILITATOR, None)
    st.query_params.pop(FACILITATOR_PARAM, None)


def facilitator_from_url() -> str | None:
    value = st.query_params.get(FACILITATOR_PARAM)
    return value.strip() if value and value.strip() else None


def drop_facilitator_from_url() -> None:
    st.query_params.pop(FACILITATOR_PARAM, None)


def show_facilitator_in_url() -> None:
    current = facilitator_code()
    if current and st.query_params.get(FACILITATOR_PARAM) != current:
        st.query_params[FACILITATOR_PARAM] = current


def join_code_from_url() -> str | None:
    value = st.query_params.get(JOIN_PARAM)
    return value.strip() if value and value.strip() else None


def forget_widgets() -> None:
    """Drop the dashboard's and consensus page's widget values (another workshop opened)."""
    for key in [k for k in st.session_state if str(k).startswith((f"{_P}dash.", f"{_P}cons."))]:
        del st.session_state[key]


# Wrong join codes ---------------------------------------------------------------------------
def rate_limited(failures: list[float], now: float) -> bool:
    """True when this many failures within the window block another attempt."""
    return sum(1 for t in failures if now - t < ATTEMPT_WINDOW) >= ATTEMPT_LIMIT


def join_blocked() -> bool:
    return rate_limited(st.session_state.get(_FAILED_JOINS, []), time.monotonic())


def record_failed_join() -> None:
    now = time.monotonic()
    recent = [t for t in st.session_state.get(_FAILED_JOINS, []) if now - t < ATTEMPT_WINDOW]
    st.session_state[_FAILED_JOINS] = [*recent, now]


# Messages and navigation flags --------------------------------------------------------------
def set_error(where: str, message: str | None) -> None:
    page_errors.set_error(_ERROR, where, message)


def error(where: str) -> str | None:
    return page_errors.error(_ERROR, where)


def go_to(page: str) -> None:
    """Ask the page being drawn to switch to ``page`` (callbacks cannot switch pages)."""
    st.session_state[_GO] = page


def pop_go() -> str | None:
    return st.session_state.pop(_GO, None)


def set_invite(invite: WorkshopInvite | None) -> None:
    st.session_state[_INVITE] = invite


def invite() -> WorkshopInvite | None:
    return st.session_state.get(_INVITE)
