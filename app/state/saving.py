"""What this window knows about saving: the last save, answers the database has not taken
yet, answers another window changed meanwhile, and the last good read while it is away."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import streamlit as st

from assessment_models.responses import Answer

__all__ = [
    "RETRY_DELAYS",
    "Conflict",
    "PendingSave",
    "add_pending",
    "base",
    "conflicts",
    "drop_conflict",
    "drop_pending",
    "forget_bases",
    "forget_saving",
    "last_read",
    "offline_since",
    "pending",
    "pop_recovered",
    "record_conflict",
    "record_offline",
    "record_online",
    "record_save_error",
    "record_saved",
    "remember_read",
    "save_error",
    "saved_at",
    "set_base",
    "set_recovered",
]

_SAVED_AT = "app.saved_at"
_SAVE_ERROR = "app.save_error"
_PENDING = "app.pending"
_BASE = "app.base"
_CONFLICTS = "app.conflicts"
_OFFLINE_SINCE = "app.offline_since"
_LAST_READ = "app.last_read"
_RECOVERED = "app.recovered"

#: Seconds between automatic retries of a save that failed: doubling up to the last one.
RETRY_DELAYS = (2, 4, 8, 15, 30)


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


def forget_bases() -> None:
    """Forget what this window read, so that the next render reads storage again."""
    st.session_state.pop(_BASE, None)


def conflicts() -> dict[str, Conflict]:
    return st.session_state.setdefault(_CONFLICTS, {})


def record_conflict(conflict: Conflict) -> None:
    conflicts()[conflict.question_id] = conflict


def drop_conflict(question_id: str) -> None:
    conflicts().pop(question_id, None)


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


def forget_saving(*, closing: bool) -> None:
    """Another assessment is opened (or this one closed): its unsaved state goes with it.

    Closing also forgets the last save time and the last good read.
    """
    for key in (_PENDING, _BASE, _CONFLICTS):
        st.session_state.pop(key, None)
    if closing:
        for key in (_SAVED_AT, _LAST_READ):
            st.session_state.pop(key, None)
