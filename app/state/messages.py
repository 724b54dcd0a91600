"""Short-lived things a page tells the respondent: errors under a Start action, the
"Close this assessment?" question, and a one-time success message."""

from __future__ import annotations

import page_errors
import streamlit as st

__all__ = [
    "ask_to_close",
    "closing",
    "flash",
    "forget_closing",
    "pop_flash",
    "set_start_error",
    "start_error",
]

_FLASH = "app.flash"
_START_ERROR = "start.error"
_CLOSING = "start.closing"


def set_start_error(where: str, message: str | None) -> None:
    """An error of one Start page action (``new``, ``resume`` or ``import``), shown under it."""
    page_errors.set_error(_START_ERROR, where, message)


def start_error(where: str) -> str | None:
    return page_errors.error(_START_ERROR, where)


def ask_to_close(asking: bool) -> None:
    """Whether Start shows "Close this assessment?" with its two answers."""
    st.session_state[_CLOSING] = asking


def closing() -> bool:
    return bool(st.session_state.get(_CLOSING))


def forget_closing() -> None:
    st.session_state.pop(_CLOSING, None)


def flash(message: str) -> None:
    """A one-time success message shown on the next page rendered."""
    st.session_state[_FLASH] = message


def pop_flash() -> str | None:
    return st.session_state.pop(_FLASH, None)
