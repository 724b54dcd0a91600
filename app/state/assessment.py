"""Which assessment this tab has open, how the address bar carries it, and where the
respondent is on the Assess and Roadmap pages."""

from __future__ import annotations

import streamlit as st

from .keys import ASSESS_PREFIX, CODE_PARAM, ROADMAP_PREFIX
from .messages import forget_closing
from .saving import forget_bases, forget_saving

__all__ = [
    "close_assessment",
    "code",
    "code_from_url",
    "dimension",
    "drop_code_from_url",
    "focus",
    "forget_answers",
    "open_assessment",
    "roadmap_for",
    "set_dimension",
    "set_focus",
    "show_code_in_url",
]

_CODE = "app.code"
_DIMENSION = f"{ASSESS_PREFIX}dimension"
_FOCUS = f"{ASSESS_PREFIX}focus"
_ROADMAP_CODE = f"{ROADMAP_PREFIX}code"


def code() -> str | None:
    """The access code of the assessment open in this tab, if any."""
    value = st.session_state.get(_CODE)
    return value if isinstance(value, str) and value else None


def open_assessment(new_code: str) -> None:
    """Open an assessment in this tab; answers cached for another one are forgotten."""
    if code() != new_code:
        forget_answers()
        st.session_state.pop(_DIMENSION, None)
        forget_saving(closing=False)
    st.session_state[_CODE] = new_code


def close_assessment() -> None:
    st.session_state.pop(_CODE, None)
    forget_closing()
    st.session_state.pop(_DIMENSION, None)
    forget_answers()
    forget_saving(closing=True)
    st.query_params.pop(CODE_PARAM, None)


def forget_answers() -> None:
    """Drop every cached answer widget value so that the next render reads storage."""
    for key in [k for k in st.session_state if str(k).startswith(ASSESS_PREFIX)]:
        del st.session_state[key]
    forget_bases()


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


def dimension() -> str | None:
    """The dimension shown on the Assess page (set from the page Streamlit chose)."""
    return st.session_state.get(_DIMENSION)


def set_dimension(dimension_id: str) -> None:
    st.session_state[_DIMENSION] = dimension_id


def focus() -> str | None:
    """The container key to scroll to once: a question, or the top of the page."""
    return st.session_state.get(_FOCUS)


def set_focus(anchor: str | None) -> None:
    if anchor is None:
        st.session_state.pop(_FOCUS, None)
    else:
        st.session_state[_FOCUS] = anchor


def roadmap_for(current_code: str) -> None:
    """Forget the Roadmap page's widget values when they belong to another assessment."""
    if st.session_state.get(_ROADMAP_CODE) != current_code:
        for key in [k for k in st.session_state if str(k).startswith(ROADMAP_PREFIX)]:
            del st.session_state[key]
        st.session_state[_ROADMAP_CODE] = current_code
