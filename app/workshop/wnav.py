"""The workshop's part of routing: the facilitator link (``?w=``) and the workshop pages."""

from __future__ import annotations

import routes
import state
import streamlit as st

from assessment_models.errors import DatabaseUnavailableError, NotFoundError
from workshop import wstate, wstore


def open_from_url() -> None:
    """Open the workshop of a facilitator link; any wrong code gets the not-found message."""
    from_url = wstate.facilitator_from_url()
    if from_url and from_url != wstate.facilitator_code():
        try:
            wstore.record(from_url)
        except NotFoundError as exc:
            wstate.drop_facilitator_from_url()
            st.error(exc.message)
        else:
            wstate.open_workshop(from_url)
    wstate.show_facilitator_in_url()


def pages() -> list[st.Page]:
    """Join is always listed; facilitator pages only in a tab that opened a workshop, and
    the group view only for a workshop participant. Hidden pages still answer their URL
    (and refuse without the right code)."""
    facilitating = wstate.facilitator_code() is not None
    code = state.code()
    participating = code is not None and _is_participant(code)

    def shown(flag: bool) -> str:
        return "visible" if flag else "hidden"

    return [
        st.Page(
            routes.WORKSHOP_JOIN, title="Join a workshop", url_path="join", icon=":material/login:"
        ),
        st.Page(
            routes.WORKSHOP_GROUP,
            title="The group's answers",
            url_path="group",
            icon=":material/groups:",
            visibility=shown(participating),
        ),
        st.Page(
            routes.WORKSHOP_DASHBOARD,
            title="Workshop dashboard",
            url_path="workshop",
            icon=":material/monitoring:",
            visibility=shown(facilitating),
        ),
        st.Page(
            routes.WORKSHOP_CONSENSUS,
            title="Agree the answers",
            url_path="consensus",
            icon=":material/handshake:",
            visibility=shown(facilitating),
        ),
        st.Page(
            routes.WORKSHOP_PROJECTOR,
            title="Projector view",
            url_path="projector",
            icon=":material/tv:",
            visibility=shown(facilitating),
        ),
    ]


def _is_participant(code: str) -> bool:
    if state.offline_since() is not None:
        return False  # the database is away: the Assess page must still open (issue 11)
    key = f"workshop.participant.{code}"
    if state.last_read(key) is False:
        # Joining a workshop starts a new assessment, so one that was not a participant's
        # never becomes one: this tab need not ask again on every rerun.
        return False
    try:
        participating = wstore.participant_view(code) is not None
    except NotFoundError:
        return False
    except DatabaseUnavailableError:
        state.record_offline()
        return False
    state.remember_read(key, participating)
    return participating
