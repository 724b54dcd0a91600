"""One guard around every page: a calm message instead of a traceback, never a lost answer.

An error that escapes a page is logged on the server with a short reference, and the page
shows that reference, what happened in plain words, and what is saved. While the database
is away the page checks by itself and comes back when it answers again.
"""

from __future__ import annotations

import functools
import logging
import secrets
from collections.abc import Callable
from datetime import timedelta
from typing import ParamSpec

import state
import store
import streamlit as st

from assessment_models.errors import DatabaseUnavailableError, SextantError

log = logging.getLogger("sextant.app")

#: How often a page that could not reach the database checks whether it is back.
CHECK_EVERY = timedelta(seconds=3)

P = ParamSpec("P")


def run(app: Callable[[], None], *, place: str = "on this page") -> None:
    """Run the app (routing and the page it picks) behind the guard."""
    try:
        app()
    except DatabaseUnavailableError as exc:
        ref = reference()
        log.warning("page stopped, database unavailable [ref %s]", ref, exc_info=exc)
        st.warning(
            f"{exc.message} This page will come back by itself when the database answers "
            f"again. (Reference {ref})",
            icon=":material/cloud_off:",
        )
        st.caption(saved_summary())
        _wait_for_database()
    except SextantError as exc:
        st.error(exc.message)
        st.caption(saved_summary())
    except Exception:
        ref = reference()
        log.exception("page failed [ref %s]", ref)
        st.error(
            f"Something went wrong {place}, so it stopped here. "
            f"Reference {ref}: quote it to whoever runs Sextant; the details are in "
            "their server log.",
            icon=":material/error:",
        )
        st.caption(saved_summary())


def guarded(draw: Callable[P, None]) -> Callable[P, None]:
    """``draw`` behind the same guard: for a fragment, whose own reruns skip the page's."""

    @functools.wraps(draw)
    def run_guarded(*args: P.args, **kwargs: P.kwargs) -> None:
        run(lambda: draw(*args, **kwargs), place="in this part of the page")

    return run_guarded


def notices() -> None:
    """The saving notices of the open assessment, above the page (nothing when all is well)."""
    # Imported here: save_status puts its own fragments behind this guard.
    import save_status

    code = state.code()
    if code is not None:
        save_status.show(code)


def saved_summary() -> str:
    """One line saying what is safe, for any error message."""
    waiting = len(state.pending())
    if waiting:
        return (
            f"Every answer you saw marked as saved is stored. {waiting} more "
            f"{'is' if waiting == 1 else 'are'} kept in this tab only, not saved yet: "
            "keep this tab open and Sextant will save them when it can."
        )
    return "Every answer you gave before this is saved."


def reference() -> str:
    """A short reference for one error, shown to the user and written in the server log."""
    return secrets.token_hex(4).upper()


@st.fragment(run_every=CHECK_EVERY)
def _wait_for_database() -> None:
    try:
        store.ping()
    except DatabaseUnavailableError:
        return
    st.rerun(scope="app")
