"""Files built when their download button is clicked, and what the page says if one fails.

``st.download_button`` runs a callable ``data`` on a worker thread when the button is
clicked, outside the script run. When it raises, Streamlit sends no file, logs a traceback
without any reference, and shows "Failed to generate file for download" under the button
for five seconds. That is all: nothing says what to do, and the line vanishes.

So each builder is wrapped: a failure is logged with a reference (the scheme of
:mod:`guard`) and left in a small thread-safe store, keyed by a token of the browser tab.
Clicking the button reruns only :func:`outcomes` under the buttons, which then checks once
a second while a file is being built; when the build has ended it reruns the page, which
shows a plain message with the reference and what still works, until the file builds.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import guard
import page_errors
import streamlit as st
from streamlit.errors import StreamlitAPIException

log = logging.getLogger("sextant.app")

#: How often a page checks whether a file it asked for has been built (only meanwhile).
CHECK_EVERY = timedelta(seconds=1)
#: How long the page keeps checking after a click; a build is never expected to take this.
GIVE_UP_AFTER = timedelta(minutes=2)

#: The fragment under the buttons that says how builds ended; a click reruns only it.
OUTCOMES_KEY = "downloads.outcomes"

_TOKEN = "downloads.token"
_BUILDING = "downloads.building"
_ERRORS = "downloads.errors"


class FileNotBuiltError(Exception):
    """A download's file could not be built; the cause is in the log under the reference."""


@dataclass(frozen=True)
class Failure:
    """A build that raised, as the page will tell it."""

    reference: str
    at: datetime


class _Outcomes:
    """How each build ended, per browser tab, until that tab's next run takes it.

    Module-level on purpose: the builder runs on Streamlit's worker thread, where session
    state cannot be reached. Entries are keyed by the tab's own random token, hold only a
    reference and a time, and the oldest tabs' entries go once there are many.
    """

    MAX_TABS = 500

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_tab: dict[str, dict[str, Failure | None]] = {}

    def put(self, tab: str, key: str, outcome: Failure | None) -> None:
        with self._lock:
            self._by_tab.setdefault(tab, {})[key] = outcome
            while len(self._by_tab) > self.MAX_TABS:
                del self._by_tab[next(iter(self._by_tab))]

    def take(self, tab: str) -> dict[str, Failure | None]:
        with self._lock:
            return self._by_tab.pop(tab, {})


_outcomes = _Outcomes()


def tab_token() -> str:
    """A random token naming this browser tab's builds (made once per session)."""
    return st.session_state.setdefault(_TOKEN, uuid.uuid4().hex)


def guarded(build: Callable[[], str | bytes], tab: str, key: str) -> Callable[[], str | bytes]:
    """``build`` as the button will run it: any failure logged with a reference and kept.

    Runs on Streamlit's worker thread, so it touches neither Streamlit nor session state.
    """

    def run() -> str | bytes:
        try:
            data = build()
        except Exception as exc:
            reference = guard.reference()
            log.exception("download %s could not be built [ref %s]", key, reference)
            _outcomes.put(tab, key, Failure(reference, datetime.now(UTC)))
            # Streamlit logs this too; the reference ties its line to ours.
            raise FileNotBuiltError(f"file not built [ref {reference}]") from exc
        _outcomes.put(tab, key, None)
        return data

    return run


def clicked(key: str) -> None:
    """``on_click`` of a download button: its file is being built; check until it ends."""
    page_errors.set_error(_ERRORS, key, None)
    st.session_state.setdefault(_BUILDING, {})[key] = datetime.now(UTC)
    # Rerun the outcomes only, never the buttons. A run that draws a download button gives
    # it a new file id and drops the old one at its end; the request this click sent with
    # the old id then finds nothing on a busy server, and no file arrives.
    # If it was not drawn in the last run (a run cut short), the key is unknown and the
    # click's usual rerun draws it instead.
    with contextlib.suppress(StreamlitAPIException):
        st.rerun(OUTCOMES_KEY)



def building() -> bool:
    return bool(st.session_state.get(_BUILDING))


def failure(key: str) -> str | None:
    """The reference of the last failed build of this button, until it builds."""
    return page_errors.error(_ERRORS, key)


def take_outcomes(tab: str) -> bool:
    """Apply the builds that ended (failures kept to show); True when any had ended."""
    ended = _outcomes.take(tab)
    waiting: dict[str, datetime] = st.session_state.setdefault(_BUILDING, {})
    for key, outcome in ended.items():
        waiting.pop(key, None)
        page_errors.set_error(_ERRORS, key, outcome.reference if outcome else None)
    now = datetime.now(UTC)
    for key in [k for k, since in waiting.items() if now - since > GIVE_UP_AFTER]:
        del waiting[key]  # Streamlit still shows its spinner on the button meanwhile
    return bool(ended)


@st.fragment(key=OUTCOMES_KEY)
@guard.guarded
def outcomes(tab: str, keys: tuple[str, ...], message: Callable[[str, str], str]) -> None:
    """Under the buttons: a warning per file that could not be built (``message(key,
    reference)``), and the check while one is being built."""
    take_outcomes(tab)
    for key in keys:
        reference = failure(key)
        if reference is not None:
            # A warning, not an error: nothing is lost, and the message says what works.
            st.warning(message(key, reference), icon=":material/report:")
    if building():
        _check(tab)


@st.fragment(run_every=CHECK_EVERY)
@guard.guarded
def _check(tab: str) -> None:
    if take_outcomes(tab) or not building():
        # The whole page, not this check: only a run of its parent draws the outcome and
        # stops drawing the check. The build has ended, so no click waits on a file id.
        st.rerun(scope="app")
