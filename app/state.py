"""Every session-state key and widget key of the app, with typed accessors.

Session state is a per-browser-tab cache; the database is the truth. Keys are prefixed by
the page that owns them (``start.``, ``assess.``, ``results.``); ``app.`` keys are shared.
Widget values for answers are seeded from storage whenever Streamlit has dropped them
(after a refresh, or when their dimension was not on screen).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import streamlit as st

from assessment_models.responses import Answer

#: The URL query parameter that carries the access code (``?a=CODE``).
CODE_PARAM = "a"
#: The URL query parameter that carries the dimension shown on the Assess page.
DIMENSION_PARAM = "d"

_CODE = "app.code"
_SAVED_AT = "app.saved_at"
_SAVE_ERROR = "app.save_error"
_FLASH = "app.flash"

_ASSESS = "assess."
_DIMENSION = "assess.dimension"
_FOCUS = "assess.focus"

_START = "start."
_RESULTS = "results."


# Keys of widgets --------------------------------------------------------------------------
def answer_key(question_id: str) -> str:
    """The radio (scale, choice) or number input (metric) of a question."""
    return f"{_ASSESS}answer.{question_id}"


def na_key(question_id: str) -> str:
    """The "Not applicable" checkbox of a metric question."""
    return f"{_ASSESS}na.{question_id}"


def comment_key(question_id: str) -> str:
    return f"{_ASSESS}comment.{question_id}"


def confidence_key(question_id: str) -> str:
    return f"{_ASSESS}confidence.{question_id}"


def question_anchor(question_id: str) -> str:
    """Key of the container around a question; Streamlit gives it the class ``st-key-…``."""
    return f"q-{question_id}"


def read_only_anchor(question_id: str) -> str:
    """Key of the box holding a finished assessment's answer to a question."""
    return f"ro-{question_id}"


def capability_anchor(capability_id: str) -> str:
    """Key of the container around a capability's section on the Assess page."""
    return f"cap-{capability_id}"


#: Key of the container at the top of the Assess page (scrolled to after "Next").
PAGE_TOP_ANCHOR = "assess-top"
#: Key of the bar that stays in view on the Assess page: progress and ways to move.
PROGRESS_BAR_ANCHOR = "assess-progress"


DIMENSION_PICKER = f"{_ASSESS}dimension_picker"
ASSESS_JUMP = f"{_ASSESS}jump"
ASSESS_NEXT_UNANSWERED = f"{_ASSESS}next_unanswered"

START_QUESTIONNAIRE = f"{_START}questionnaire"
START_ORGANISATION = f"{_START}organisation"
START_TEAM = f"{_START}team"
START_INDUSTRY = f"{_START}industry"
START_EDITION = f"{_START}edition"
START_FORM = f"{_START}form"
START_SUBMIT = f"{_START}submit"
START_RESUME_CODE = f"{_START}resume_code"
START_RESUME = f"{_START}resume"
START_RESUME_SUBMIT = f"{_START}resume_submit"
START_IMPORT_FILE = f"{_START}import_file"
START_IMPORT = f"{_START}import"
_START_ERROR = f"{_START}error"
_CLOSING = f"{_START}closing"
START_CONTINUE = f"{_START}continue"
START_NEW = f"{_START}new"
START_CLOSE_CONFIRM = f"{_START}close_confirm"
START_CLOSE_CANCEL = f"{_START}close_cancel"
START_COPY = f"{_START}copy"
START_CARD = f"{_START}resume_card"


def scope_key(questionnaire_id: str, unit_id: str) -> str:
    """The "include" checkbox of a dimension or capability on the Start page."""
    return f"{_START}scope.{questionnaire_id}.{unit_id}"


ASSESS_PREVIOUS = f"{_ASSESS}previous"
ASSESS_NEXT = f"{_ASSESS}next"
ASSESS_REVIEW = f"{_ASSESS}to_review"
ASSESS_REOPEN = f"{_ASSESS}reopen"

REVIEW_FINISH = "review.finish"
REVIEW_RESULTS = "review.results"


def review_goto_key(question_id: str) -> str:
    return f"review.goto.{question_id}"


RESULTS_TARGET = f"{_RESULTS}target"
RESULTS_EXPLAIN = f"{_RESULTS}explain"
RESULTS_INDUSTRY = f"{_RESULTS}industry"
RESULTS_EDITION = f"{_RESULTS}edition"


# The open assessment ----------------------------------------------------------------------
def code() -> str | None:
    """The access code of the assessment open in this tab, if any."""
    value = st.session_state.get(_CODE)
    return value if isinstance(value, str) and value else None


def open_assessment(new_code: str) -> None:
    """Open an assessment in this tab; answers cached for another one are forgotten."""
    if code() != new_code:
        forget_answers()
        st.session_state.pop(_DIMENSION, None)
        for key in (_PENDING, _BASE, _CONFLICTS):
            st.session_state.pop(key, None)
    st.session_state[_CODE] = new_code


def close_assessment() -> None:
    st.session_state.pop(_CODE, None)
    st.session_state.pop(_CLOSING, None)
    st.session_state.pop(_DIMENSION, None)
    st.session_state.pop(_SAVED_AT, None)
    forget_answers()
    for key in (_PENDING, _BASE, _CONFLICTS, _LAST_READ):
        st.session_state.pop(key, None)
    st.query_params.pop(CODE_PARAM, None)


def forget_answers() -> None:
    """Drop every cached answer widget value so that the next render reads storage."""
    for key in [k for k in st.session_state if str(k).startswith(_ASSESS)]:
        del st.session_state[key]
    st.session_state.pop(_BASE, None)


def code_from_url() -> str | None:
    value = st.query_params.get(CODE_PARAM)
    return value.strip() if value and value.strip() else None


def show_code_in_url() -> None:
    """Keep ``?a=CODE`` in the address bar, so that a refresh or a bookmark resumes."""
    current = code()
    if current and st.query_params.get(CODE_PARAM) != current:
        st.query_params[CODE_PARAM] = current


def drop_code_from_url() -> None:
    st.query_params.pop(CODE_PARAM, None)


# Saving -----------------------------------------------------------------------------------
def record_saved(at: datetime) -> None:
    st.session_state[_SAVED_AT] = at
    st.session_state.pop(_SAVE_ERROR, None)


def saved_at() -> datetime | None:
    value = st.session_state.get(_SAVED_AT)
    return value if isinstance(value, datetime) else None


def record_save_error(message: str) -> None:
    st.session_state[_SAVE_ERROR] = message


def save_error() -> str | None:
    return st.session_state.get(_SAVE_ERROR)


# Saves that did not go through yet, and answers another window changed --------------------
_PENDING = "app.pending"
_BASE = "app.base"
_CONFLICTS = "app.conflicts"
_OFFLINE_SINCE = "app.offline_since"
_LAST_READ = "app.last_read"

#: Seconds between automatic retries of a save that failed: doubling up to the last one.
RETRY_DELAYS = (2, 4, 8, 15, 30)


@dataclass
class PendingSave:
    """An answer this window holds that storage has not taken yet."""

    question_id: str
    answer: Answer
    fields: frozenset[str]
    base: Answer | None
    attempts: int = 1
    next_try: datetime = field(default_factory=lambda: datetime.now(UTC))
    first_failed: datetime = field(default_factory=lambda: datetime.now(UTC))


@dataclass(frozen=True)
class Conflict:
    """A save refused because another window changed the same part of the answer."""

    question_id: str
    field: str
    mine: Answer
    theirs: Answer
    changed_at: datetime


def pending() -> dict[str, PendingSave]:
    """Unsaved answers by question id (the same dict every call within a session)."""
    return st.session_state.setdefault(_PENDING, {})


def add_pending(
    question_id: str, answer: Answer, fields: frozenset[str], base: Answer | None
) -> None:
    """Keep an answer that failed to save, merged with one already waiting for it."""
    now = datetime.now(UTC)
    earlier = pending().get(question_id)
    attempts = 1 if earlier is None else earlier.attempts + 1
    delay = RETRY_DELAYS[min(attempts, len(RETRY_DELAYS)) - 1]
    pending()[question_id] = PendingSave(
        question_id=question_id,
        answer=answer,
        fields=fields | (earlier.fields if earlier else frozenset()),
        base=earlier.base if earlier else base,
        attempts=attempts,
        next_try=now + timedelta(seconds=delay),
        first_failed=earlier.first_failed if earlier else now,
    )


def drop_pending(question_id: str) -> None:
    pending().pop(question_id, None)


def base(question_id: str) -> Answer | None:
    """The answer as this window last read or saved it (None: never read)."""
    return st.session_state.setdefault(_BASE, {}).get(question_id)


def set_base(question_id: str, answer: Answer) -> None:
    st.session_state.setdefault(_BASE, {})[question_id] = answer


def conflicts() -> dict[str, Conflict]:
    return st.session_state.setdefault(_CONFLICTS, {})


def record_conflict(conflict: Conflict) -> None:
    conflicts()[conflict.question_id] = conflict


def drop_conflict(question_id: str) -> None:
    conflicts().pop(question_id, None)


_RECOVERED = "app.recovered"


def set_recovered(at: datetime) -> None:
    """Every waiting answer went through at ``at``: say so once."""
    st.session_state[_RECOVERED] = at
    record_saved(at)


def pop_recovered() -> datetime | None:
    return st.session_state.pop(_RECOVERED, None)


def record_offline() -> None:
    """The database did not answer; remember since when (for the notice)."""
    st.session_state.setdefault(_OFFLINE_SINCE, datetime.now(UTC))


def record_online() -> None:
    st.session_state.pop(_OFFLINE_SINCE, None)


def offline_since() -> datetime | None:
    return st.session_state.get(_OFFLINE_SINCE)


def remember_read(key: str, value: Any) -> None:
    """Keep the last good read of an assessment, to show while the database is away."""
    st.session_state.setdefault(_LAST_READ, {})[key] = value


def last_read(key: str) -> Any:
    return st.session_state.get(_LAST_READ, {}).get(key)


def set_start_error(where: str, message: str | None) -> None:
    """An error of one Start page action (``new``, ``resume`` or ``import``), shown under it."""
    errors = dict(st.session_state.get(_START_ERROR, {}))
    if message is None:
        errors.pop(where, None)
    else:
        errors[where] = message
    st.session_state[_START_ERROR] = errors


def start_error(where: str) -> str | None:
    return st.session_state.get(_START_ERROR, {}).get(where)


def ask_to_close(asking: bool) -> None:
    """Whether Start shows "Close this assessment?" with its two answers."""
    st.session_state[_CLOSING] = asking


def closing() -> bool:
    return bool(st.session_state.get(_CLOSING))


def flash(message: str) -> None:
    """A one-time success message shown on the next page rendered."""
    st.session_state[_FLASH] = message


def pop_flash() -> str | None:
    return st.session_state.pop(_FLASH, None)


# Widget values ----------------------------------------------------------------------------
def seed(key: str, value: Any) -> None:
    """Give a widget its stored value unless the widget already holds one this session."""
    if key not in st.session_state:
        st.session_state[key] = value


def value(key: str, default: Any = None) -> Any:
    return st.session_state.get(key, default)


def set_value(key: str, new: Any) -> None:
    st.session_state[key] = new


def has(key: str) -> bool:
    return key in st.session_state


def forget(key: str) -> None:
    """Drop a widget's value, so that the next render seeds it from storage."""
    st.session_state.pop(key, None)


# Where the respondent is on the Assess page ------------------------------------------------
def dimension() -> str | None:
    return st.session_state.get(_DIMENSION)


def set_dimension(dimension_id: str) -> None:
    """The dimension shown on the Assess page (set from the page Streamlit chose)."""
    st.session_state[_DIMENSION] = dimension_id


def focus() -> str | None:
    """The container key to scroll to once: a question, or the top of the page."""
    return st.session_state.get(_FOCUS)


def set_focus(anchor: str | None) -> None:
    if anchor is None:
        st.session_state.pop(_FOCUS, None)
    else:
        st.session_state[_FOCUS] = anchor


# Roadmap page and downloads (roadmap., downloads.) -----------------------------------------
# Owned by the roadmap page (app_pages/roadmap.py, roadmap_view.py, downloads.py).
_ROADMAP = "roadmap."
_ROADMAP_CODE = f"{_ROADMAP}code"

ROADMAP_WIP = f"{_ROADMAP}wip_limit"
ROADMAP_CAPACITY = f"{_ROADMAP}capacity"
ROADMAP_INITIATIVES = f"{_ROADMAP}initiatives"
ROADMAP_RADAR = f"{_ROADMAP}radar"
ROADMAP_TABLE = f"{_ROADMAP}table"


def roadmap_target_key(dimension_id: str) -> str:
    """The target slider of a dimension on the Roadmap page."""
    return f"{_ROADMAP}target.{dimension_id}"


def roadmap_capability_target_key(capability_id: str) -> str:
    """A capability's own target on the Roadmap page (None: its dimension's)."""
    return f"{_ROADMAP}capability_target.{capability_id}"


def tracking_owner_key(recommendation_id: str) -> str:
    return f"{_ROADMAP}owner.{recommendation_id}"


def tracking_due_key(recommendation_id: str) -> str:
    return f"{_ROADMAP}due.{recommendation_id}"


def tracking_status_key(recommendation_id: str) -> str:
    return f"{_ROADMAP}status.{recommendation_id}"


def roadmap_for(current_code: str) -> None:
    """Forget the Roadmap page's widget values when they belong to another assessment."""
    if st.session_state.get(_ROADMAP_CODE) != current_code:
        for key in [k for k in st.session_state if str(k).startswith(_ROADMAP)]:
            del st.session_state[key]
        st.session_state[_ROADMAP_CODE] = current_code


DOWNLOAD_PAGE_SIZE = "downloads.page_size"
DOWNLOAD_PDF = "downloads.pdf"
DOWNLOAD_JSON = "downloads.json"
DOWNLOAD_ROADMAP_CSV = "downloads.roadmap_csv"
DOWNLOAD_ANSWERS_CSV = "downloads.answers_csv"
