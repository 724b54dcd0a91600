"""Reading and writing widget values in session state.

Session state is a per-browser-tab cache; the database is the truth. Widget values for
answers are seeded from storage whenever Streamlit has dropped them (after a refresh, or
when their dimension was not on screen).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

__all__ = ["forget", "has", "seed", "set_value", "value"]


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
