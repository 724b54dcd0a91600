"""Errors a callback leaves for the page to show, keyed by where they belong.

Callbacks cannot draw; they store the message under a feature's session key and the page
shows it on its next run. The workshop and portfolio features each keep their own key.
"""

from __future__ import annotations

import streamlit as st


def set_error(store_key: str, where: str, message: str | None) -> None:
    """Remember ``message`` for ``where`` (``None`` clears it)."""
    errors = dict(st.session_state.get(store_key, {}))
    if message is None:
        errors.pop(where, None)
    else:
        errors[where] = message
    st.session_state[store_key] = errors


def error(store_key: str, where: str) -> str | None:
    return st.session_state.get(store_key, {}).get(where)
