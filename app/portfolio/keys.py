"""Session-state keys of the Portfolio page (prefix ``portfolio.``) and the owner code.

The owner code travels in the URL as ``?o=CODE`` so that a refresh or a bookmark reopens
the organisation; the session keeps it while the user visits other pages.
"""

from __future__ import annotations

import page_errors
import streamlit as st

OWNER_PARAM = "o"

_P = "portfolio."
_OWNER = f"{_P}owner"
_ERROR = f"{_P}error"
_FLASH = f"{_P}flash"

CREATE_NAME = f"{_P}create_name"
CREATE = f"{_P}create"
OPEN_CODE = f"{_P}open_code"
OPEN = f"{_P}open"
SIGN_IN = f"{_P}sign_in"
SIGN_OUT = f"{_P}sign_out"
CLOSE = f"{_P}close"

SORT_BY = f"{_P}sort_by"
DESCENDING = f"{_P}descending"
DRILL = f"{_P}drill"
STALE_MONTHS = f"{_P}stale_months"

COMPARE_TEAMS = f"{_P}compare_teams"
TREND_TEAM = f"{_P}trend_team"
DORA_INDUSTRY = f"{_P}dora_industry"
DORA_INDUSTRY_PRESET = f"{_P}dora_industry_preset"

TEAM_NAME = f"{_P}team_name"
ADD_TEAM = f"{_P}add_team"
QUESTIONNAIRE = f"{_P}questionnaire"
ATTACH_TEAM = f"{_P}attach_team"
ATTACH_CODE = f"{_P}attach_code"
ATTACH = f"{_P}attach"
DOWNLOAD_CSV = f"{_P}download_csv"
DOWNLOAD_PDF = f"{_P}download_pdf"


def trend_keys(team: str) -> tuple[str, str]:
    """The "From" and "To" pickers of one team's trend."""
    return f"{_P}trend_from.{team}", f"{_P}trend_to.{team}"


def start_key(team_id: int) -> str:
    return f"{_P}start.{team_id}"


def next_key(team_id: int) -> str:
    return f"{_P}next.{team_id}"


def owner() -> str | None:
    """The owner code open in this tab: the URL's, else the one kept in the session."""
    from_url = st.query_params.get(OWNER_PARAM)
    if from_url and from_url.strip():
        return from_url.strip()
    value = st.session_state.get(_OWNER)
    return value if isinstance(value, str) and value else None


def open_owner(code: str) -> None:
    st.session_state[_OWNER] = code
    st.query_params[OWNER_PARAM] = code


def close_owner() -> None:
    st.session_state.pop(_OWNER, None)
    st.query_params.pop(OWNER_PARAM, None)


def set_error(where: str, message: str | None) -> None:
    page_errors.set_error(_ERROR, where, message)


def error(where: str) -> str | None:
    return page_errors.error(_ERROR, where)


def flash(message: str) -> None:
    st.session_state[_FLASH] = message


def pop_flash() -> str | None:
    return st.session_state.pop(_FLASH, None)
