"""Callbacks of the Portfolio page: each reads its widgets, calls storage once, and leaves
an error or a one-time message for the next render."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import state
import streamlit as st

from assessment_models.errors import NotFoundError, SextantError
from portfolio import keys, store


def create_organisation(owner_subject: str | None = None) -> None:
    name = (st.session_state.get(keys.CREATE_NAME) or "").strip()
    try:
        code = store.create(name, owner_subject)
    except SextantError as exc:
        keys.set_error("create", exc.message)
        return
    keys.set_error("create", None)
    keys.open_owner(code)
    keys.flash(
        f"{name} is ready. Keep the owner link below somewhere safe: it is the only way back in."
    )


def open_organisation() -> None:
    typed = (st.session_state.get(keys.OPEN_CODE) or "").strip()
    code = code_in(typed, keys.OWNER_PARAM)
    try:
        store.organisation(code)
    except NotFoundError as exc:
        keys.set_error("open", exc.message)
        return
    keys.set_error("open", None)
    st.session_state[keys.OPEN_CODE] = ""
    keys.open_owner(code)


def open_listed(code: str) -> None:
    """A signed-in owner picked one of their organisations."""
    keys.open_owner(code)


def add_team(owner: str) -> None:
    name = (st.session_state.get(keys.TEAM_NAME) or "").strip()
    try:
        team = store.add_team(owner, name)
    except SextantError as exc:
        keys.set_error("team", exc.message)
        return
    keys.set_error("team", None)
    st.session_state[keys.TEAM_NAME] = ""
    keys.flash(f"Team {team.name} added.")


def attach(owner: str) -> None:
    team_id = st.session_state.get(keys.ATTACH_TEAM)
    code = code_in((st.session_state.get(keys.ATTACH_CODE) or "").strip(), state.CODE_PARAM)
    if team_id is None:
        keys.set_error("attach", "Choose the team first.")
        return
    try:
        store.attach(owner, code, int(team_id))
    except SextantError as exc:
        keys.set_error("attach", exc.message)
        return
    keys.set_error("attach", None)
    st.session_state[keys.ATTACH_CODE] = ""
    keys.flash("The assessment now belongs to the team. It shows here once it is finished.")


def set_stale_after(owner: str) -> None:
    try:
        store.set_stale_after(owner, int(st.session_state.get(keys.STALE_MONTHS) or 6))
    except SextantError as exc:
        keys.set_error("stale", exc.message)


def code_in(typed: str, param: str) -> str:
    """The code in what was pasted: the code itself, or a link carrying ``?param=CODE``."""
    if "?" in typed or "/" in typed:
        found = parse_qs(urlsplit(typed).query).get(param)
        if found:
            return found[0].strip()
    return typed
